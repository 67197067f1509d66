"""`ocop-rules check-claims FILE`: the self-assessment checked against the dossier's evidence (registered by `cli.build_parser`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ocop_rules.errors import DossierError, Problem


def _print(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def claims_json(decision: Any) -> dict[str, Any]:
    """The `check-claims --format json` object: which dossier, and its evidence report."""
    data = decision.to_json_data()
    keys = ("dossier_id", "product", "producer", "product_set", "filed_on", "registration", "ruleset", "policy", "engine",
            "library_version", "stars", "rejected")
    return {**{k: data[k] for k in keys}, "evidence": data["evidence"]}


def cmd_check_claims(args: argparse.Namespace) -> int:
    from ocop_rules.dossier import load_dossier
    from ocop_rules.evaluate import evaluate
    from ocop_rules.render_evidence import render_claims

    dossier = load_dossier(Path(args.file))
    if dossier.evidence is None:
        raise DossierError(f"dossier {args.file}", [Problem("evidence", "the dossier has no evidence section to check the claims against")])
    decision = evaluate(dossier, ruleset=args.ruleset, engine=args.engine)
    if args.format == "json":
        _print(json.dumps(claims_json(decision), ensure_ascii=False, indent=2))
    else:
        _print(render_claims(decision, args.lang, markdown=args.format == "markdown"))
    return 0


def register(subparsers: Any) -> None:
    """Add `check-claims` to the CLI."""
    from ocop_rules.cli import add_dossier_arguments

    p = subparsers.add_parser("check-claims", help="check a self-assessment against the dossier's evidence")
    add_dossier_arguments(p)
    p.set_defaults(func=cmd_check_claims)
