"""Diffs between versions and rescoring through the mappings.

The named changes are read off the two sheets by hand: the 781 coffee sheet ('Cà phê, Ca cao', from
the secondary csv) against Annex II item 13 of Decision 26/2026.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest

import ocop_rules
from ocop_rules.cli import main
from ocop_rules.diff import CriterionDiff, RulesetDiff, diff_rulesets
from ocop_rules.errors import InputError
from ocop_rules.mapping import CriterionMatch, RulesetMapping, SetMatch, check_mapping, load_mapping
from ocop_rules.rescore import rescore

IDS = ["qd-1048-2019", "qd-781-2020", "qd-148-2023", "qd-1489-2025", "qd-26-2026"]


@pytest.fixture(scope="module")
def coffee() -> RulesetDiff:
    return diff_rulesets("qd-781-2020", "qd-26-2026", set_number=13)


def _crit(d: RulesetDiff, *, old: str | None = None, new: str | None = None) -> list[CriterionDiff]:
    return [c for c in d.criteria() if (old is None or c.old_code == old) and (new is None or c.new_code == new)]


def test_coffee_parts_a_and_c_change_and_b_does_not(coffee: RulesetDiff) -> None:
    parts = {c.what: (c.old, c.new) for c in coffee.parts}
    assert parts == {"parts.A.max_points": (35, 40), "parts.C.max_points": (40, 35)}


def test_coffee_pairs_781_set_11_with_2026_set_13(coffee: RulesetDiff) -> None:
    assert [(s.old_number, s.new_number) for s in coffee.sets] == [(11, 13)]
    assert coffee.sets[0].renamed  # 'Cà phê, Ca cao' -> 'Cà phê, cacao'


def test_coffee_accounting_is_removed(coffee: RulesetDiff) -> None:
    (acc,) = _crit(coffee, old="3.5")
    assert (acc.kind, acc.old_title_vi, acc.new_code, acc.old_max) == ("removed", "Kế toán", None, 2)


def test_coffee_bilingual_labelling_and_usage_instructions_are_added(coffee: RulesetDiff) -> None:
    (bilingual,) = _crit(coffee, new="2.4")
    assert bilingual.kind == "added" and bilingual.old_code is None
    assert bilingual.new_title_vi is not None and "song ngữ" in bilingual.new_title_vi
    (usage,) = _crit(coffee, new="10")
    assert usage.kind == "added" and usage.old_code is None
    assert usage.new_title_vi is not None and usage.new_title_vi.startswith("HƯỚNG DẪN SỬ DỤNG")


def test_criteria_are_matched_by_meaning_not_code(coffee: RulesetDiff) -> None:
    # 781 '10 CƠ HỘI THỊ TRƯỜNG TOÀN CẦU' (max 5) is 2026 '11' (max 3); 2026 '10' is the new usage row.
    (market,) = _crit(coffee, old="10")
    assert (market.new_code, market.old_max, market.new_max) == ("11", 5, 3)
    assert {"moved", "reweighted"} <= set(market.changes)
    (value_added,) = _crit(coffee, old="1.2")
    assert value_added.new_code == "1.3" and value_added.old_title_vi == value_added.new_title_vi == "Gia tăng giá trị"
    # same code and title, nothing declared
    (sensory,) = _crit(coffee, old="6")
    assert (sensory.basis, sensory.old_max, sensory.new_max, sensory.changes) == ("code-and-title", 20, 15, ("reweighted",))


def test_the_packaging_split_is_a_declared_judgement(coffee: RulesetDiff) -> None:
    split = _crit(coffee, old="2.2")
    assert sorted(str(c.new_code) for c in split) == ["2.2", "2.3"]
    assert all(c.basis == "mapping" and c.judgement and c.reason for c in split)


def test_star_minimums_go_from_unknown_to_the_2026_marks(coffee: RulesetDiff) -> None:
    # 2026 set 13, 1.1: option b (2 points) is marked *** ; 781 has no marks (minimums unknown)
    (raw,) = _crit(coffee, old="1.1")
    assert "3★ mark: unknown → ≥ 2" in raw.minimums
    assert [(c.what, c.old, c.new) for c in coffee.metadata if c.what == "minimums_known"] == [("minimums_known", False, True)]


def test_coffee_markdown_and_json_carry_the_same_changes(coffee: RulesetDiff) -> None:
    md = coffee.to_markdown()
    assert "| Part A | 35 | 40 |" in md and "| Part C | 40 | 35 |" in md
    assert "3.5 Kế toán" in md and "HƯỚNG DẪN SỬ DỤNG" in md
    data = json.loads(json.dumps(coffee.to_json_data(), ensure_ascii=False))
    removed = [c["old_code"] for s in data["sets"] for c in s["criteria"] if c["kind"] == "removed"]
    assert "3.5" in removed


def test_the_reverse_diff_reads_the_mapping_backwards() -> None:
    back = diff_rulesets("qd-26-2026", "qd-781-2020", set_number=11)
    assert back.mapping_inverted and back.mapping == "rulesets/qd-26-2026/mappings/from-qd-781-2020.yaml"
    (acc,) = _crit(back, new="3.5")
    assert acc.kind == "added" and acc.new_title_vi == "Kế toán"
    assert {c.what: (c.old, c.new) for c in back.parts}["parts.A.max_points"] == (40, 35)


def test_148_to_1489_changes_who_recognises_3_stars_and_nothing_in_the_sets() -> None:
    d = diff_rulesets("qd-148-2023", "qd-1489-2025")
    levels = {c.what: (c.old, c.new) for c in d.authorities}
    assert levels == {"authorities.3.level": ("district", "province"),
                      "authorities.5.name_en": ("Central level", "Central level (ministry)")}
    assert d.parts == () and d.bands == ()
    assert [s.kind for s in d.sets] == ["same"] * 6
    assert any(c["id"] == "province-recognises-3-stars" for c in d.stated_changes)


def test_1048_to_781_adds_the_tourism_type_and_cannot_compare_unknown_sheets() -> None:
    d = diff_rulesets("qd-1048-2019", "qd-781-2020")
    added = [s.new_number for s in d.sets if s.kind == "added"]
    assert added == [9]
    coffee = next(s for s in d.sets if s.new_number == 11)
    assert coffee.note == "criteria not compared: the sheet is not known in qd-1048-2019"
    assert ("mode", "part-totals", "sheets") in [(c.what, c.old, c.new) for c in d.metadata]


@pytest.mark.parametrize(("old", "new"), list(itertools.permutations(IDS, 2)))
def test_diff_runs_between_any_two_versions(old: str, new: str) -> None:
    d = diff_rulesets(old, new)
    assert d.old == old and d.new == new
    assert d.to_text().startswith(f"{old} → {new}")
    assert d.to_markdown().startswith(f"# What changed: {old} → {new}")
    json.dumps(d.to_json_data(), ensure_ascii=False)


def test_diff_against_itself_reports_no_change() -> None:
    d = diff_rulesets("qd-26-2026", "qd-26-2026")
    assert d.metadata == d.parts == d.bands == d.authorities == ()
    assert {s.kind for s in d.sets} == {"same"} and len(d.sets) == 26


def test_set_not_in_new_is_an_input_error() -> None:
    with pytest.raises(InputError, match="qd-148-2023 has no product set 13"):
        diff_rulesets("qd-781-2020", "qd-148-2023", set_number=13)


def test_cli_diff_formats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "qd-781-2020", "qd-26-2026", "--set", "13", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["set_number"] == 13 and data["mapping"].endswith("from-qd-781-2020.yaml")
    assert main(["diff", "qd-781-2020", "qd-26-2026", "--set", "13"]) == 0
    text = capsys.readouterr().out
    assert "~ Part A: 35 → 40" in text and "- 3.5 Kế toán" in text
    assert main(["diff", "qd-781-2020", "qd-26-2026", "--set", "99"]) == 2


def test_a_mapping_naming_codes_that_do_not_exist_is_refused() -> None:
    bad = RulesetMapping("qd-781-2020", "qd-26-2026", "test", False, (
        SetMatch(11, 13, False, "coffee", (CriterionMatch("3.9", "2.4", True, "no such code"),
                                           CriterionMatch("1.1", "1.1", False, "ok", {"1.1/z": "1.1/a"}))),
        SetMatch(99, None, False, ""),
    ))
    problems = [str(p) for p in check_mapping(bad)]
    assert "sets[0].criteria[0].old: set 11 of qd-781-2020 has no criterion 3.9" in problems
    assert "sets[0].criteria[1].options.1.1/z: criterion 1.1 has no option 1.1/z" in problems
    assert "sets[1].old: qd-781-2020 has no product set 99" in problems
    assert "sets[1].reason: a declared match needs a reason" in problems


def test_the_shipped_mapping_is_valid_both_ways() -> None:
    forward, backward = load_mapping("qd-781-2020", "qd-26-2026"), load_mapping("qd-26-2026", "qd-781-2020")
    assert forward is not None and backward is not None and backward.inverted
    assert check_mapping(forward) == [] and check_mapping(backward) == []
    assert load_mapping("qd-148-2023", "qd-26-2026") is None


# ---------------------------------------------------------------- rescoring


def _coffee_781() -> dict[str, Any]:
    scores = {
        "1.1": "1.1/b", "1.2": "1.2/c", "1.3": "1.3/d", "1.4": "1.4/a", "1.5": "1.5/c", "1.6": "1.6/b",
        "2.1": "2.1/c", "2.2": "2.2/b", "2.3": "2.3/c", "3.1": "3.1/c",
        "4.1": "4.1/c", "4.2": "4.2/d", "4.3": "4.3/d", "5.1": "5.1/a", "5.2": "5.2/a", "5.3": "5.3/a",
        "6.1.1": "6.1.1/c", "6.1.2": "6.1.2/c", "6.1.3": "6.1.3/b", "6.1.4": "6.1.4/c", "6.1.5": "6.1.5/d",
        "6.2.1": "6.2.1/b", "6.2.2": "6.2.2/a", "6.3": "6.3/a", "7": "7/c", "9": "9/f", "10": "10/b",
    }
    return {"product_set": 11, "product": {"name": "Cà phê bột"}, "producer": {"name": "HTX Cư M'gar"},
            "filed_on": "2021-09-01", "score_sheets": [{"assessor": "TV1", "scores": scores}]}


def test_a_781_coffee_dossier_is_rescored_on_the_2026_sheet_through_the_mapping() -> None:
    source = ocop_rules.evaluate(_coffee_781())
    # 781 sheet: A = 2+2+4+0+3+1 (18 max section 1: 12) + 2+1+2 (5) + 3 = 20;
    # B = 3+5+3 = 11, and 5.2/5.3 apply only with a story (5.1 ≥ 2): 5.1 = 0, so 0 -> B 11;
    # C = 2+2+1+2+3 + 1+0 + 0 (6.3) + 3 (7) + 5 (9) + 3 (10) = 22; total 53 -> 3★ band.
    assert (source.average_total_exact, source.band_stars) == ("53", 3)
    result = rescore(_coffee_781(), "qd-26-2026")
    d = result.decision
    # Carried to the 2026 sheet (option -> option, from the mapping file or identical wording):
    #   A: 1.1 b=2, 1.3 (from 1.2 c) 2, 1.4 (from 1.3 d) c=3, 1.5 (from 1.4 a) 0, 1.7 (from 1.6 b) 1, 2.3 (from 2.2 b) a=1,
    #      3.1 c=3 -> 12
    #   B: 4.1 c=3, 4.2 d=4, 4.3 d=3, 5.1 a=0, 5.2 (from 5.3 a 'Đơn giản') 0, 5.3 (from 5.2 a) 0 -> 10
    #   C: 6.1.1 2, 6.1.2 2, 6.1.3 1, 6.1.4 2, 6.1.5 (d 'Vị đậm đà, hấp dẫn') c=2, 6.2.1 1, 6.2.2 0, 7 c=3, 9 (from f) c=5,
    #      11 (from 10 b) b=2 -> 20
    #   total 42 -> [30, 50): 2★
    assert (d.ruleset.id, d.product_set.number) == ("qd-26-2026", 13)
    assert (d.parts["A"].average_exact, d.parts["B"].average_exact, d.parts["C"].average_exact) == ("12", "10", "20")
    assert (d.average_total_exact, d.band_stars, d.stars) == ("42", 2, 2)
    # Not carried: 1.2, 2.4, 3.2, 3.5, 10 (no counterpart); 2.2, 8 (two sources map in); 1.6, 2.1, 3.3, 3.4 (option has none)
    assert sorted(u.split(": ")[1].split(" ")[0] for u in result.undetermined) == sorted(
        ["1.2", "2.4", "3.2", "3.5", "10", "2.2", "8", "1.6", "2.1", "3.3", "3.4"])
    assert not result.complete
    assert any("lower bound" in w for w in d.warnings)
    assert d.trace[0].rule == "rescore" and d.trace[0].values["mapping"] == "rulesets/qd-26-2026/mappings/from-qd-781-2020.yaml"
    split = next(s for s in d.trace if s.rule == "rescore.map:2.2->2.3")
    assert split.values["judgement"] is True and split.values["options"] == {"2.2/b": "2.3/a"}


def test_rescoring_a_decision_gives_the_same_figures_as_rescoring_its_dossier() -> None:
    from_dossier = rescore(_coffee_781(), "qd-26-2026").decision
    from_decision = rescore(ocop_rules.evaluate(_coffee_781()), "qd-26-2026").decision
    assert from_decision.average_total_exact == from_dossier.average_total_exact == "42"
    assert any("findings" in w for w in from_decision.warnings)


def test_a_148_part_totals_dossier_rescored_under_1489_is_recognised_by_the_province() -> None:
    from pathlib import Path

    example = Path(__file__).resolve().parent.parent / "examples" / "dossiers" / "148-era-part-totals.yaml"
    result = rescore(example, "qd-1489-2025")
    # same parts (40/25/35) and the same six groups: part totals carry unchanged; 187/3 -> 3★, now the province's
    d = result.decision
    assert (d.average_total_exact, d.stars, d.authority, d.provisional) == ("187/3", 3, "province", True)
    assert result.complete and result.mapping is None


def test_rescoring_sheets_into_part_totals_is_refused() -> None:
    with pytest.raises(InputError, match="only part totals between rulesets with the same parts"):
        rescore(_coffee_781(), "qd-148-2023")


def test_a_split_set_needs_a_choice_of_target() -> None:
    honey = {"product_set": 12, "product": {"name": "Mật ong"}, "producer": {"name": "HTX"}, "filed_on": "2022-01-05",
             "score_sheets": [{"assessor": "TV1", "scores": {"1.1": 3}}]}
    with pytest.raises(InputError, match="corresponds to sets 4, 8 of qd-26-2026; choose one"):
        rescore(honey, "qd-26-2026")
    assert rescore(honey, "qd-26-2026", set_number=4).target_set == 4


def test_cli_rescore_prints_the_target_decision(capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    example = Path(__file__).resolve().parent.parent / "examples" / "dossiers" / "148-era-part-totals.yaml"
    assert main(["rescore", str(example), "--to", "qd-1489-2025", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["ruleset"]["id"], data["authority"], data["trace"][0]["rule"]) == ("qd-1489-2025", "province", "rescore")
    assert main(["rescore", str(example), "--to", "qd-26-2026"]) == 2
    assert "only part totals between rulesets with the same parts" in capsys.readouterr().err
