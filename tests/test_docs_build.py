"""The documentation site: it builds with --strict, every shipped product set has its page, the
sheets say what the law prints, and the walkthrough is the code's real trace, not pasted text."""

from __future__ import annotations

import argparse
import html
import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

pytest.importorskip("mkdocs")
pytest.importorskip("material")
pytest.importorskip("mkdocstrings")

import itertools

from docsite import ROOT, Built, built_site

import ocop_rules
from ocop_rules.cli import build_parser
from ocop_rules.errors import OcopError

COFFEE = ROOT / "examples" / "dossiers" / "kien-cuong-weasel-coffee.yaml"
LEGAL_TEXT = ROOT.parent / "shared" / "legal" / "qd-26-2026-qd-ttg.txt"  # beside the repository, as in test_textcheck_real


@pytest.fixture(scope="module")
def site() -> Built:
    built = built_site()
    assert built.returncode == 0, built.log[-4000:]
    return built


def _option_rows(page: str) -> dict[str, tuple[str, str, int, int]]:
    """Option key -> (Vietnamese, English, points, number of ★ in the minimum column), read from the sheet HTML."""
    rows = {}
    for tr in re.findall(r'<tr class="ocop-option">(.*?)</tr>', page, flags=re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", tr, flags=re.S)
        key = html.unescape(re.sub(r"<[^>]+>", "", cells[0]))
        vi, en = (html.unescape(re.sub(r'<span class="ocop-tag">.*?</span>\s*', "", c)) for c in cells[1:3])
        rows[key] = (vi.strip(), en.strip(), int(cells[3]), cells[4].count("★"))
    return rows


def test_the_strict_build_passes_without_warnings(site: Built) -> None:
    assert "WARNING" not in site.log and "ERROR" not in site.log, site.log[-4000:]


def test_every_shipped_product_set_of_every_ruleset_has_its_page(site: Built) -> None:
    shipped = ocop_rules.rulesets()
    assert len(shipped) >= 1
    for rs in shipped:
        index = site.text(f"rules/{rs.id}/index.html")
        assert rs.sha256 in index and rs.instrument.number in index
        for ps in rs.product_sets:
            text = site.text(f"rules/{rs.id}/set-{ps.number:02d}.html")
            assert f"Bộ {ps.number}. {ps.title_vi}" in text, (rs.id, ps.number)
            if not ps.criteria:  # structure-only sets say so instead of showing an empty sheet
                assert "Không có phiếu chấm chi tiết" in text and "No detailed score sheet" in text, (rs.id, ps.number)
        assert f'href="rules/{rs.id}/set-' in site.page("index.html") or not rs.product_sets  # listed in the navigation


def test_the_coffee_sheet_shows_every_option_of_set_13_in_both_languages(site: Built) -> None:
    ps = ocop_rules.get_ruleset("qd-26-2026").product_set(13)
    assert ps is not None
    rows = _option_rows(site.page("rules/qd-26-2026/set-13.html"))
    options = [o for c in ps.leaves for o in c.options]
    assert len(rows) == len(options)
    for o in options:
        assert rows[o.key] == (o.text_vi, o.text_en, o.points, o.min_stars or 0), o.key


def test_the_coffee_sheet_matches_the_printed_decision(site: Built) -> None:
    """Every '□ option*** | points' line of Annex II item 13 in the legal text appears with its points and mark."""
    if not LEGAL_TEXT.is_file():
        pytest.skip("the copy of the legal text is not available here")
    text = LEGAL_TEXT.read_text(encoding="utf-8")
    start = text.index("\n13. Sản phẩm cà phê, ca cao")
    end = text.index("\n14. ", start)
    printed = re.findall(r"^\| □ (.*?)(\**) \| (\d+) \|$", text[start:end], flags=re.M)
    assert len(printed) > 80  # the sheet prints about a hundred options
    shown = {(vi, pts, marks) for vi, _, pts, marks in _option_rows(site.page("rules/qd-26-2026/set-13.html")).values()}
    for wording, stars, points in printed:
        assert (wording.strip(), int(points), len(stars)) in shown, wording
    # Four marks read off the printed sheet by hand: 1.1 "từ 50% đến dưới 75%***" (2 points),
    # 1.5 "trên 75% sản lượng tiêu thụ****" (2), 1.5 "... từ 12 tháng trở lên ...*****" (3), 1.6 first option**** (1).
    rows = _option_rows(site.page("rules/qd-26-2026/set-13.html"))
    assert rows["1.1/b"][2:] == (2, 3) and rows["1.5/c"][2:] == (2, 4) and rows["1.5/d"][2:] == (3, 5) and rows["1.6/a"][2:] == (1, 4)


def test_the_coffee_star_minimum_matrix_is_cumulative(site: Built) -> None:
    text = site.text("rules/qd-26-2026/set-13.html")
    matrix = text[text.index("Star-minimum matrix"):]
    # 1.5 is marked ★★★★ at 2 points and ★★★★★ at 3: no 3★ requirement, ≥ 2 for 4★, ≥ 3 for 5★.
    assert re.search(r"1\.5 Liên kết chuỗi trong sản xuất Value-chain linkage in production — ≥ 2 ≥ 3", matrix)
    # 1.1 is marked ★★★ at 2 points: required from 3★ up, and still ≥ 2 at 4★ and 5★.
    assert re.search(r"1\.1 Nguồn nguyên liệu Source of raw material ≥ 2 ≥ 2 ≥ 2", matrix)


def test_the_walkthrough_quotes_the_real_trace(site: Built) -> None:
    text = site.text("how-a-decision-is-made.html")
    # By hand (tests/test_examples.py): totals 79+82+78+82+77+79+78 = 555; 555/7 = 79.2857… ≈ 79.29,
    # in [70, 90) so band 4★; every 4★ mark is met, so the star is 4★, recognised by the province.
    assert "79 + 82 + 78 + 82 + 77 + 79 + 78 = 555; 555 / 7 = 555/7 ≈ 79.29" in text
    assert "Kết quả · Result: 4★" in text and "UBND cấp tỉnh" in text
    decision = ocop_rules.evaluate(COFFEE)
    for i, step in enumerate(decision.trace, 1):
        assert f"Bước {i} · Step {i} {step.rule}" in text
        assert " ".join(step.message_vi.split()) in text and " ".join(step.message_en.split()) in text


def _walkthrough_module() -> ModuleType:
    hooks = str(ROOT / "docs" / "hooks")
    if not (ROOT / "docs" / "hooks" / "ocop_docs").is_dir():
        pytest.skip("the documentation generators are not part of this tree")
    if hooks not in sys.path:
        sys.path.insert(0, hooks)
    spec = importlib.util.find_spec("ocop_docs.walkthrough")
    assert spec is not None
    return importlib.import_module("ocop_docs.walkthrough")


def test_the_walkthrough_follows_the_dossier_it_is_given(tmp_path: Path) -> None:
    """Nothing on the page is pasted: change one score and the quoted figures change with it."""
    data = yaml.safe_load(COFFEE.read_text(encoding="utf-8"))
    data["score_sheets"][0]["scores"]["1.1"] = 2  # Thành viên 1: 79 - 1 = 78
    changed = tmp_path / "changed.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    page = _walkthrough_module().walkthrough_page(changed, "changed.yaml")
    # 78+82+78+82+77+79+78 = 554; 554/7 = 79.1428… ≈ 79.14, still in [70, 90).
    assert "78 + 82 + 78 + 82 + 77 + 79 + 78 = 554; 554 / 7 = 554/7 ≈ 79.14" in page
    assert "555/7" not in page


def test_the_published_schemas_are_the_library_schemas(site: Built) -> None:
    assert json.loads((site.site / "schema" / "dossier.json").read_text(encoding="utf-8")) == ocop_rules.dossier_schema()
    assert json.loads((site.site / "schema" / "decision.json").read_text(encoding="utf-8")) == ocop_rules.decision_schema()
    dossier_page = site.text("integrators/schemas/dossier.html")
    for field in ocop_rules.Dossier.model_fields:
        assert field in dossier_page


def test_the_cli_page_lists_every_command_the_parser_has(site: Built) -> None:
    text = site.text("integrators/cli.html")

    def commands(parser: argparse.ArgumentParser, prefix: str) -> list[str]:
        found = []
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found += [f"{prefix} {name}", *commands(sub, f"{prefix} {name}")]
        return found

    listed = commands(build_parser(), "ocop-rules")
    assert "ocop-rules evaluate" in listed and "ocop-rules rulesets show" in listed
    for command in listed:
        assert f"usage: {command}" in text, command


def test_the_error_page_lists_every_code_with_a_real_message(site: Built) -> None:
    text = site.text("integrators/errors.html")

    def codes(cls: type[OcopError]) -> list[str]:
        return [cls.code, *[c for sub in cls.__subclasses__() for c in codes(sub)]]

    for code in codes(OcopError):
        assert code in text
    assert "ocop-rules: dossier is invalid: product: is required (and 3 more problems)" in text


def test_what_changed_pages_cover_each_pair_of_consecutive_rulesets(site: Built) -> None:
    if importlib.util.find_spec("ocop_rules.diff") is None:
        pytest.skip("ocop_rules.diff is not part of this tree")
    ordered = sorted(ocop_rules.rulesets(), key=lambda r: r.effective_from)
    for old, new in itertools.pairwise(ordered):
        text = site.text(f"rules/changes/{old.id}--{new.id}.html")
        assert f"{old.id} → {new.id}" in text


def test_no_generated_page_is_committed() -> None:
    docs = ROOT / "docs"
    assert not (docs / "rules").exists()
    assert not (docs / "how-a-decision-is-made.md").exists()
    assert not (docs / "integrators" / "cli.md").exists() and not (docs / "integrators" / "errors.md").exists()
