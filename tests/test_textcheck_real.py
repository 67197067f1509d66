"""The independent comparison tool (ocop_rules.textcheck) on the real published text.

The legal text lives beside the repository (../shared/legal/ from the repo root), on the
development machine and in CI; elsewhere the test is skipped with the reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ocop_rules.registry import rulesets_dir
from ocop_rules.textcheck import compare

ROOT = Path(__file__).resolve().parent.parent
LEGAL_TEXT = ROOT.parent / "shared" / "legal" / "qd-26-2026-qd-ttg.txt"
FOLDER = rulesets_dir() / "qd-26-2026"

pytestmark = pytest.mark.skipif(not LEGAL_TEXT.is_file(), reason=f"legal text not found at {LEGAL_TEXT}")


def value_errata_ids() -> set[str]:
    """Errata that change a value (points, maxima, marks, part headings), not text or a bullet."""
    errata = yaml.safe_load((FOLDER / "errata.yaml").read_text(encoding="utf-8"))
    return {e["id"] for e in errata if e["field"] not in ("text", "bullet")}


def test_rulesets_match_the_legal_text_except_the_recorded_errata() -> None:
    report = compare(LEGAL_TEXT, FOLDER)
    assert report.sets_in_text == tuple(range(1, 27))
    assert report.sets_compared == tuple(range(1, 27))
    assert [d.to_text() for d in report.unexplained] == []
    assert set(report.errata_used) == value_errata_ids()
    assert {d.erratum for d in report.explained} == value_errata_ids()
    assert report.ok
    assert report.warnings == ()
