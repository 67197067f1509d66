"""Every generated page and file of the site, and the navigation of the rule pages."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ocop_rules import cli
from ocop_rules.decision import SCHEMA_VERSION, decision_schema
from ocop_rules.dossier import load_dossier
from ocop_rules.evaluate import evaluate
from ocop_rules.registry import clear_cache, rulesets
from ocop_rules.schema import dossier_schema

from . import changes, paths
from .cli_page import cli_page
from .errors_page import errors_page
from .policy_page import policies_page
from .ruleset_pages import errata_page, rules_index, ruleset_page
from .schema_pages import decision_schema_page, dossier_schema_page, schema_file
from .set_pages import set_page
from .walkthrough import walkthrough_page

EXAMPLE = "examples/dossiers/kien-cuong-weasel-coffee.yaml"

Nav = list[Any]


@dataclass
class Site:
    """Generated content by docs-relative path, and the navigation subtree of the rule pages."""

    files: dict[str, str] = field(default_factory=dict)
    rules_nav: Nav = field(default_factory=list)

    def add(self, path: str, content: str) -> None:
        """Add one generated file; two generators writing the same path is a bug."""
        if path in self.files:
            raise ValueError(f"two generated files at {path}")
        self.files[path] = content


def _error_examples(root: Path) -> list[tuple[str, Any]]:
    example = yaml.safe_load((root / EXAMPLE).read_text(encoding="utf-8"))
    off_sheet = copy.deepcopy(example)
    off_sheet["score_sheets"][0]["scores"]["1.1"] = 7
    too_early = copy.deepcopy(example)
    too_early["filed_on"] = "2000-01-01"
    return [
        ("A dossier with required fields missing", lambda: load_dossier({"product_set": example["product_set"]})),
        ("A score that is not on the sheet", lambda: evaluate(off_sheet)),
        ("An unknown ruleset", lambda: evaluate(example, ruleset="qd-0000-0000")),
        ("No ruleset governs the filing date", lambda: evaluate(too_early)),
        ("An unknown engine", lambda: evaluate(example, engine="fast")),
    ]


def build_site(root: Path) -> Site:
    """Generate every page from the rulesets and the library found from `root` (the repository)."""
    clear_cache()  # `mkdocs serve` rebuilds in one process: read the rulesets afresh each time
    site = Site()
    all_rs = rulesets()
    ids = {rs.id for rs in all_rs}

    diff = changes.differ()
    pairs = [(a.id, b.id) for a, b in changes.pairs(all_rs)] if diff is not None else []
    if diff is not None:
        for old, new in changes.pairs(all_rs):
            site.add(paths.change_page(old.id, new.id), changes.change_page(old, new, str(diff(old, new).to_markdown())))

    site.add(paths.RULES_INDEX, rules_index(all_rs, pairs))
    nav: Nav = [paths.RULES_INDEX]
    loaded = [(f.stem, load_dossier(f)) for f in sorted((root / EXAMPLE).parent.glob("*.yaml"))]
    examples = [(f"{d.product.name} ({stem})", d) for stem, d in loaded]
    site.add(paths.POLICIES, policies_page(examples, all_rs))
    nav.append({"Chính sách · Policies": paths.POLICIES})
    for rs in sorted(all_rs, key=lambda r: (r.effective_from, r.id), reverse=True):
        site.add(paths.ruleset_page(rs.id), ruleset_page(rs, ids, pairs))
        site.add(paths.errata_page(rs.id), errata_page(rs))
        section: Nav = [paths.ruleset_page(rs.id), {"Đính chính · Errata": paths.errata_page(rs.id)}]
        for ps in rs.product_sets:
            site.add(paths.set_page(rs.id, ps.number), set_page(rs, ps))
            section.append({f"{ps.number}. {ps.title_vi}": paths.set_page(rs.id, ps.number)})
        nav.append({f"{rs.instrument.number} ({rs.id})": section})
    if pairs:
        nav.append({"Thay đổi · What changed": [{f"{old} → {new}": paths.change_page(old, new)} for old, new in pairs]})
    site.rules_nav = nav

    site.add(paths.WALKTHROUGH, walkthrough_page(root / EXAMPLE, EXAMPLE))
    d_schema, c_schema = dossier_schema(), decision_schema()
    site.add(paths.DOSSIER_SCHEMA_FILE, schema_file(d_schema))
    site.add(paths.DECISION_SCHEMA_FILE, schema_file(c_schema))
    site.add(paths.DOSSIER_SCHEMA_PAGE, dossier_schema_page(d_schema, EXAMPLE))
    site.add(paths.DECISION_SCHEMA_PAGE, decision_schema_page(c_schema, SCHEMA_VERSION))
    site.add(paths.CLI, cli_page(cli.build_parser(), cli.EXTRA_COMMANDS))
    site.add(paths.ERRORS, errors_page(_error_examples(root)))
    return site
