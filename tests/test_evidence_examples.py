"""The example dossiers with evidence: expected figures worked by hand from the dossiers and the sheet of set 13."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import ocop_rules
from ocop_rules.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "dossiers"
WEASEL = EXAMPLES / "kien-cuong-weasel-coffee.yaml"
OVER = EXAMPLES / "over-claiming-self-assessment.yaml"


def _without_evidence(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.pop("evidence")
    return data


def test_over_claiming_example_lists_exactly_the_three_over_claims() -> None:
    decision = ocop_rules.evaluate(OVER)
    assert decision.evidence is not None
    (claim,) = decision.evidence.claims
    got = {m.code: (m.claimed_option, m.claimed_points, m.derived_option, m.derived_points, m.points_at_stake, m.direction)
           for m in claim.mismatches}
    assert got == {
        # 1.5: 80 % of sales covered only since 2025-10-15 → 10 whole months on 2026-09-01, under 12 → 1.5/c.
        "1.5": ("1.5/d", 3, "1.5/c", 2, 1, "over"),
        # 3.3: 14 of 20 workers = 70 % → 3.3/b ('từ 50% đến 75%').
        "3.3": ("3.3/c", 3, "3.3/b", 2, 1, "over"),
        # 9: HACCP expired 2026-06-30, before filing; the food-safety certificate (to 2027-05-01) remains → 9/a.
        "9": ("9/b", 3, "9/a", 1, 2, "over"),
    }
    # Claimed: A 34 + B 19 + C 24 = 77 → 4★ (every 4★ mark met). Supported: 77 − (1 + 1 + 2) = 73, still the 4★ band,
    # but 9 = 1 point misses the 4★ mark of 9/b (3 points) → 3★.
    assert (claim.claimed_total, claim.claimed_stars, claim.supported_total, claim.supported_stars) == (77, 4, 73, 3)
    assert claim.over_claimed_points == 4 and claim.unverified == []
    m9 = next(m for m in claim.mismatches if m.code == "9")
    assert m9.facts_used == {"export_eligibility_valid": 0, "food_safety_certificate_valid": 1, "quality_management_level": 0}
    assert m9.citation_en == "Decision 26/2026/QĐ-TTg, Annex II item 13 criterion 9"
    m15 = next(m for m in claim.mismatches if m.code == "1.5")
    assert m15.facts_used == {"linkage_over_75_months": 10, "linkage_share": 8000}
    assert [d.issue for d in decision.evidence.documents] == ["expired"]


def test_weasel_coffee_keeps_its_council_result() -> None:
    with_evidence = ocop_rules.evaluate(WEASEL)
    without = ocop_rules.evaluate(_without_evidence(WEASEL))
    # 555/7 ≈ 79.29, 4★, whatever the evidence: the council's sheets are the score.
    assert (with_evidence.stars, with_evidence.average_total_exact) == (4, "555/7")
    keep = {"evidence", "trace"}
    assert with_evidence.model_dump(exclude=keep) == without.model_dump(exclude=keep)


def test_weasel_coffee_evidence_agrees_with_the_council_except_two_sheets() -> None:
    report = ocop_rules.evaluate(WEASEL).evidence
    assert report is not None and report.claims == [] and report.findings == []
    derived = {c.code: c.option for c in report.criteria if c.status == "derived"}
    assert derived == {"1.1": "1.1/c", "1.2": "1.2/b", "1.5": "1.5/c", "1.6": "1.6/b", "1.7": "1.7/b", "2.4": "2.4/b", "3.1": "3.1/b",
                       "3.2": "3.2/a", "3.3": "3.3/c", "3.4": "3.4/b", "3.5": "3.5/b", "4.1": "4.1/c", "4.2": "4.2/c", "4.3": "4.3/d",
                       "5.1": "5.1/e", "8": "8/b", "9": "9/b"}
    # Member 3 gave 4.2 four points (4.2/d, IT in management) and member 7 gave 4.3 two (4.3/c): reported, not changed.
    assert {(d.code, tuple(d.assessors.items())) for d in report.council} == {("4.2", (("Thành viên 3", 4),)), ("4.3", (("Thành viên 7", 2),))}
    assert sorted(d.issue for d in report.documents) == ["expired", "not-running", "not-running", "stale", "unproven"]


def test_a_dossier_without_evidence_has_no_evidence_key() -> None:
    data = ocop_rules.evaluate(_without_evidence(WEASEL)).to_json_data()
    assert "evidence" not in data
    assert not any(s["rule"].startswith(("evidence", "derive:", "claim")) for s in data["trace"])
    assert "evidence" in ocop_rules.evaluate(WEASEL).to_json_data()


def test_the_evidence_report_round_trips() -> None:
    decision = ocop_rules.evaluate(OVER)
    again = ocop_rules.Decision.model_validate_json(decision.to_json())
    assert again.evidence == decision.evidence


def test_check_claims_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-claims", str(OVER), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "claims: 77 points, 4★" in out and "the evidence supports: 73 points, 3★" in out
    assert "1.5: claims 1.5/d (3 points), the evidence supports 1.5/c (2 points) → +1" in out
    assert "9: claims 9/b (3 points), the evidence supports 9/a (1 point) → +2" in out


def test_check_claims_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-claims", str(OVER), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (claim,) = data["evidence"]["claims"]
    assert [(m["code"], m["points_at_stake"]) for m in claim["mismatches"]] == [("1.5", 1), ("3.3", 1), ("9", 2)]
    assert data["dossier_id"] == "DL-2026-0117"


def test_check_claims_markdown_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-claims", str(OVER), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Kiểm tra tự đánh giá theo minh chứng")
    assert "| 9 | 9/b (3 điểm) | 9/a (1 điểm) | +2 |" in out


def test_check_claims_without_evidence_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(_without_evidence(WEASEL), allow_unicode=True), encoding="utf-8")
    assert main(["check-claims", str(path)]) == 2
    assert "evidence: the dossier has no evidence section" in capsys.readouterr().err


def test_evaluate_uses_the_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(OVER), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Self-assessment (Tự đánh giá (HTX Ca cao Krông Ana)): claims 4★, the evidence supports 3★; Criteria that differ: 1.5, 3.3, 9" in out
    assert "[claim:9]" in out
