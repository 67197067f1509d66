"""Each note kind and each minimum policy, on hand-computed cases from the real sheets."""

from __future__ import annotations

import pytest

import ocop_rules
from ocop_rules import get_ruleset
from tests.sheets import dossier, sheet_with_total, top_sheet


def _set(n: int) -> ocop_rules.ruleset.ProductSet:
    ps = get_ruleset("qd-26-2026").product_set(n)
    assert ps is not None
    return ps


def test_set13_story_structure_scored_without_a_story_counts_zero() -> None:
    scores = top_sheet(_set(13))
    scores["5.1"] = 0  # "Không có câu chuyện sản phẩm"
    scores["5.2"] = 2  # scored although 5.2 "Chỉ áp dụng khi có câu chuyện sản phẩm"
    d = ocop_rules.evaluate(dossier(scores))
    # given 100 - 5 (5.1) = 95; 5.2's 2 points do not count -> 93
    assert d.assessors[0].total == 93
    assert d.assessors[0].points["5.2"] == 0
    assert d.assessors[0].voided == {"5.2": "applies:5.2"}
    # 93 is in the 5★ band, but 5.1's 4★ mark (5 points, "…truy xuất nguồn gốc điện tử") is unmet: 3★
    assert d.band_stars == 5
    assert [(m.code, m.stars, m.required_points, m.points) for m in d.unmet_minimums] == [("5.1", 4, 5, "0.00")]
    assert d.stars == 3
    assert any(s.rule == "applies:5.2" and "5.2" in s.message_en for s in d.trace)


def test_set13_story_structure_counts_when_a_story_exists() -> None:
    scores = top_sheet(_set(13))
    scores["5.1"] = 1
    d = ocop_rules.evaluate(dossier(scores))
    # 100 - (5 - 1) = 96, 5.2 keeps its 2 points
    assert d.assessors[0].total == 96
    assert d.assessors[0].voided == {}


def test_set13_hazardous_foreign_matter_stops_the_evaluation() -> None:
    sheet = {"assessor": "Thành viên 1", "scores": top_sheet(_set(13)),
             "findings": [{"criterion": "6.1.1", "note": "hazardous-foreign-matter", "detail": "côn trùng"}]}
    data = dossier(top_sheet(_set(13)))
    data["score_sheets"].append(sheet)
    d = ocop_rules.evaluate(data)
    assert d.stars is None
    assert d.certifiable is False
    assert d.authority is None
    assert d.forward_to_ministry is False
    assert d.rejected is not None
    assert d.rejected.kind == "stops"
    assert d.rejected.criterion == "6.1.1"
    assert d.rejected.assessor == "Thành viên 1"
    assert "mục 13" in d.rejected.citation and "tiêu chí 6.1.1" in d.rejected.citation
    # the figures are still reported: both sheets are 100
    assert d.average_total_exact == "100"


@pytest.mark.parametrize(("code", "note"), [("1.1", "imported-or-unknown-origin"), ("2.1", "identical-to-other-maker")])
def test_set13_elimination_notes_reject_the_product(code: str, note: str) -> None:
    data = dossier(top_sheet(_set(13)))
    data["score_sheets"][0]["findings"] = [{"criterion": code, "note": note}]
    d = ocop_rules.evaluate(data)
    assert d.stars is None and d.certifiable is False
    assert d.rejected is not None and d.rejected.kind == "rejects" and d.rejected.criterion == code
    assert d.rejected.text_vi.startswith("Ghi chú: Bị loại nếu")


def test_set1_province_requirement_unmet_zeroes_the_criterion() -> None:
    data = dossier(top_sheet(_set(1)), number=1)
    data["score_sheets"][0]["findings"] = [{"criterion": "1.1", "note": "province-grown-requirement"}]
    d = ocop_rules.evaluate(data)
    # 1.1 (3 points, no star mark on set 1) counts 0: 100 - 3 = 97; every 5★ mark still met -> 5★
    assert d.assessors[0].total == 97
    assert d.assessors[0].voided == {"1.1": "requirement:1.1:province-grown-requirement"}
    assert d.stars == 5


def test_set1_widespread_product_exclusion_zeroes_origin_of_idea() -> None:
    data = dossier(top_sheet(_set(1)), number=1)
    data["score_sheets"][0]["findings"] = [{"criterion": "2.1", "note": "widespread-product-exclusion"}]
    d = ocop_rules.evaluate(data)
    # 2.1 (3 points) counts 0: 97 -> 5★ band; 2.1's top option carries the 4★ mark (3 points): unmet -> 3★
    assert d.assessors[0].total == 97
    assert d.band_stars == 5
    assert [(m.code, m.stars, m.required_points) for m in d.unmet_minimums] == [("2.1", 4, 3)]
    assert d.stars == 3


def test_requirement_policy_can_reject_instead() -> None:
    data = dossier(top_sheet(_set(1)), number=1)
    data["score_sheets"][0]["findings"] = [{"criterion": "1.1", "note": "province-grown-requirement"}]
    d = ocop_rules.evaluate(data, policy={"requirement_finding": "reject-product"})
    assert d.stars is None
    assert d.rejected is not None and d.rejected.kind == "requirement"
    assert d.policy["requirement_finding"] == "reject-product"


def test_declared_rejection_ground() -> None:
    d = ocop_rules.evaluate(dossier(top_sheet(_set(13)), rejections=[{"ground": "forged-dossier", "note": "giả mạo"}]))
    assert d.stars is None
    assert d.rejected is not None and d.rejected.ground == "forged-dossier" and d.rejected.kind == "ground"
    assert d.rejected.text_vi == "Giả mạo hồ sơ"


def test_minimum_policies_give_different_stars() -> None:
    a = top_sheet(_set(13))
    b = top_sheet(_set(13))
    a["2.2"], b["2.2"] = 3, 1  # 2.2's 3★ mark needs 2 ("Đóng gói sáng tạo, bao bì đẹp")
    data = dossier(a, b)
    # totals 100 and 98 -> 198/2 = 99 -> 5★ band
    mean = ocop_rules.evaluate(data)
    every = ocop_rules.evaluate(data, policy={"minimum": "every-assessor"})
    # mean of 2.2 = (3 + 1)/2 = 2 >= 2: met -> 5★
    assert mean.average_total_exact == "99" and mean.stars == 5
    # every assessor: the second gave 1 < 2: the 3★ mark fails, which binds 3★, 4★ and 5★ -> 2★
    assert every.stars == 2
    assert [(m.code, m.stars, m.points) for m in every.unmet_minimums] == [("2.2", 3, "1.00")]
    assert every.policy["minimum"] == "every-assessor"
    assert every.certifiable is False


def test_tourism_marks_without_footnote_policy() -> None:
    ps = _set(26)
    scores: dict[str, int | str] = dict(top_sheet(ps))
    scores.update({"8": "8/b", "9": "9/b", "15": "15/b"})
    scores["3.5"] = 1  # 3.5's 4★ mark needs 2
    data = dossier(scores, number=26)
    # 100 - 2 = 98 -> 5★ band; with the marks applied the 4★ mark on 3.5 fails -> 3★
    applied = ocop_rules.evaluate(data)
    assert applied.assessors[0].total == 98
    assert applied.stars == 3
    ignored = ocop_rules.evaluate(data, policy={"marks_without_footnote": "ignore-marks"})
    assert ignored.stars == 5


def test_shared_points_are_flagged_as_ambiguous_unless_a_key_is_given() -> None:
    ps = _set(26)
    scores: dict[str, int | str] = dict(top_sheet(ps))  # 8 = 3 matches 8/b (case a) and 8/d (case b)
    d = ocop_rules.evaluate(dossier(scores, number=26))
    assert d.assessors[0].ambiguous["8"] == ["8/b", "8/d"]
    assert any("8 = 3" in w for w in d.warnings)
    scores.update({"8": "8/d", "9": "9/b", "15": "15/d"})
    d2 = ocop_rules.evaluate(dossier(scores, number=26))
    assert d2.assessors[0].ambiguous == {}
    assert d2.assessors[0].options["8"] == "8/d"
    assert d2.assessors[0].total == 100


def test_a_missing_criterion_scores_zero_and_is_listed() -> None:
    scores = top_sheet(_set(13))
    del scores["10"]
    d = ocop_rules.evaluate(dossier(scores))
    assert d.assessors[0].missing == ["10"]
    assert d.assessors[0].total == 98


def test_explicit_ruleset_argument_overrides_and_is_traced() -> None:
    d = ocop_rules.evaluate(dossier(top_sheet(_set(13))), ruleset="qd-26-2026")
    assert d.trace[0].rule == "ruleset.override"


def test_self_assessment_is_reported_apart_from_the_council_average() -> None:
    own = top_sheet(_set(13))  # the producer claims 100
    council = sheet_with_total(80)
    data = dossier(council, council)
    data["score_sheets"].append({"assessor": "Chủ thể (tự đánh giá)", "self_assessment": True, "scores": own})
    d = ocop_rules.evaluate(data)
    # only the two council sheets count: (80 + 80) / 2 = 80 -> 4★
    assert d.average_total_exact == "80"
    assert [a.assessor for a in d.assessors] == ["Thành viên 1", "Thành viên 2"]
    assert [(a.assessor, a.total) for a in d.self_assessments] == [("Chủ thể (tự đánh giá)", 100)]
    assert any(s.rule == "self-assessment.apart" for s in d.trace)
    counted = ocop_rules.evaluate(data, policy={"self_assessment": "count"})
    # all three: (80 + 80 + 100) / 3 = 260/3
    assert counted.average_total_exact == "260/3" and counted.self_assessments == []


def test_a_self_assessment_alone_is_decided_as_a_self_check() -> None:
    data = {**dossier(sheet_with_total(75)), "score_sheets": [
        {"assessor": "Chủ thể", "self_assessment": True, "scores": sheet_with_total(75)}]}
    d = ocop_rules.evaluate(data)
    assert d.average_total_exact == "75" and d.stars == 4 and d.self_assessments == []
