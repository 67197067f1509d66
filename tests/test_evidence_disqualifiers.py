"""Disqualifiers and stop notes found in the evidence reject the product exactly as an assessor's finding of
the same note would, with the facts and the citation in the trace."""

from __future__ import annotations

from typing import Any

import pytest

import ocop_rules
from tests.evidence_support import dossier

EXPIRED_FOOD_SAFETY = {"kind": "food-safety-establishment", "number": "FS-1", "issuer": "Sở", "issued_on": "2023-01-01",
                       "expires_on": "2026-08-31"}


@pytest.mark.parametrize(("number", "evidence", "ground", "kind", "rule"), [
    (13, {"raw_material": {"in_province_percent": 0, "imported_percent": 100}}, "1.1:imported-or-unknown-origin", "rejects",
     "evidence:rejects:1.1:imported-or-unknown-origin"),
    (13, {"raw_material": {"imported_percent": 60, "unknown_origin_percent": 40}}, "1.1:imported-or-unknown-origin", "rejects",
     "evidence:rejects:1.1:imported-or-unknown-origin"),
    (13, {"inspection": {"identical_product": "Cà phê X của Công ty Y, Sở Công Thương phát hiện"}}, "2.1:identical-to-other-maker", "rejects",
     "evidence:rejects:2.1:identical-to-other-maker"),
    (21, {"inspection": {"ip_violation": "Quyết định xử phạt 12/QĐ-XPVPHC"}}, "6.2:ip-violation", "rejects", "evidence:rejects:6.2:ip-violation"),
    (22, {"inspection": {"ip_violation": "Bản án 3/2026/KDTM-ST"}}, "6.2:ip-violation", "rejects", "evidence:rejects:6.2:ip-violation"),
    (13, {"inspection": {"hazardous_foreign_matter": "côn trùng trong mẫu số 3"}}, "6.1.1:hazardous-foreign-matter", "stops",
     "evidence:stops:6.1.1:hazardous-foreign-matter"),
    (1, {"inspection": {"hazardous_foreign_matter": "cát sỏi"}}, "6.1:hazardous-foreign-matter", "stops", "evidence:stops:6.1:hazardous-foreign-matter"),
    (13, {"certificates": [EXPIRED_FOOD_SAFETY]}, "food-safety-certificate", "ground", "evidence:reject:food-safety-certificate"),
    (1, {"certificates": []}, "food-safety-certificate", "ground", "evidence:reject:food-safety-certificate"),
])
def test_evidence_rejects(number: int, evidence: dict[str, Any], ground: str, kind: str, rule: str) -> None:
    decision = ocop_rules.evaluate(dossier(number, evidence))
    assert decision.rejected is not None
    assert (decision.rejected.ground, decision.rejected.kind, decision.rejected.assessor) == (ground, kind, "evidence")
    assert decision.stars is None and not decision.certifiable
    step = next(s for s in decision.trace if s.rule == rule)
    assert step.citation and step.citation.startswith("Quyết định 26/2026/QĐ-TTg, Phụ lục II")
    assert step.values["facts"]
    assert decision.evidence is not None and [f.rule for f in decision.evidence.findings] == [rule]


@pytest.mark.parametrize(("number", "evidence"), [
    (13, {"raw_material": {"in_province_percent": 0.01, "imported_percent": 99.99}}),   # not *all* imported
    (13, {"raw_material": {"imported_percent": 60}}),                                   # the rest not stated: not all
    (13, {"certificates": [EXPIRED_FOOD_SAFETY], "food_safety_exemption": "Cơ sở có chứng nhận HACCP (Nghị định 15/2018/NĐ-CP, Điều 12)"}),
    (13, {"certificates": [{**EXPIRED_FOOD_SAFETY, "expires_on": "2026-09-01"}]}),       # valid on the filing day
    (21, {"certificates": []}),   # the handicraft sheet has no food-safety ground
    (26, {"certificates": []}),   # the tourism sheet has no rejection grounds at all
    (13, {"inspection": {"hazardous_foreign_matter": None, "identical_product": None, "ip_violation": None}}),
])
def test_evidence_that_does_not_reject(number: int, evidence: dict[str, Any]) -> None:
    decision = ocop_rules.evaluate(dossier(number, evidence))
    assert decision.rejected is None and decision.evidence is not None and decision.evidence.findings == []


def test_same_rejection_as_an_assessors_finding() -> None:
    by_evidence = ocop_rules.evaluate(dossier(13, {"inspection": {"hazardous_foreign_matter": "lông"}}))
    by_assessor = ocop_rules.evaluate(dossier(13, None, sheets=[{"assessor": "Thành viên 1", "scores": {}, "findings": [
        {"criterion": "6.1.1", "note": "hazardous-foreign-matter", "detail": "lông"}]}]))
    assert by_evidence.rejected is not None and by_assessor.rejected is not None
    assert by_evidence.rejected.model_dump(exclude={"assessor"}) == by_assessor.rejected.model_dump(exclude={"assessor"})
    assert by_evidence.stars is by_assessor.stars is None


def test_an_assessors_finding_is_reported_first() -> None:
    decision = ocop_rules.evaluate(dossier(13, {"inspection": {"identical_product": "X"}}, sheets=[{"assessor": "Thành viên 1", "scores": {},
                                   "findings": [{"criterion": "6.1.1", "note": "hazardous-foreign-matter"}]}]))
    assert decision.rejected is not None and decision.rejected.assessor == "Thành viên 1"
    assert [f.note for f in decision.evidence.findings] == ["identical-to-other-maker"]  # type: ignore[union-attr]


def test_province_requirement_follows_the_requirement_policy() -> None:
    # Set 1 requires 100 % grown in the province. 95 % with 80 % in the commune:
    evidence = {"raw_material": {"in_commune_percent": 80, "in_province_percent": 95}}
    zero = ocop_rules.evaluate(dossier(1, evidence))
    assert zero.rejected is None and zero.evidence is not None
    c11 = next(c for c in zero.evidence.criteria if c.code == "1.1")
    # criterion-zero (default): the commune share alone would give 1.1/c (3), the requirement makes it 0.
    assert (c11.status, c11.option, c11.points, c11.rule) == ("derived", None, 0, "evidence:requirement:1.1:province-grown-requirement")
    assert [f.effect for f in zero.evidence.findings] == ["void"]
    strict = ocop_rules.evaluate(dossier(1, evidence), policy={"requirement_finding": "reject-product"})
    assert strict.rejected is not None and (strict.rejected.ground, strict.rejected.kind) == ("1.1:province-grown-requirement", "requirement")


def test_a_declaration_without_a_passing_test_report_counts_nothing() -> None:
    evidence = {"quality_declaration": {"declared": True, "standard_level": "national"},
                "test_reports": [{"number": "R", "laboratory": "L", "tested_on": "2025-01-10", "scopes": ["food-safety"], "result": "pass"}]}
    decision = ocop_rules.evaluate(dossier(13, evidence))
    assert decision.evidence is not None
    c8 = next(c for c in decision.evidence.criteria if c.code == "8")
    assert (c8.option, c8.points, c8.rule) == (None, 0, "evidence:requirement:8:test-report-required")
    assert [d.issue for d in decision.evidence.documents] == ["stale"]
