"""The five legal versions as rulesets: metadata, extends, invariants, the 781 sheets, part-totals mode.

Expected values come from VERSIONS.md and the secondary csv (read independently here), and the
148-era example is worked out by hand below.
"""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import ocop_rules
from ocop_rules.cli import main
from ocop_rules.errors import DossierError, RulesetError
from ocop_rules.lint import lint_all
from ocop_rules.loader import load_ruleset_folder, read_yaml
from ocop_rules.registry import rulesets_dir
from ocop_rules.selection import select_ruleset

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "dossiers"
CSV = Path("/work/shared/legal/secondary-1048-era-score-sheets.csv")


def test_rulesets_list_shows_the_five_versions_with_dates_and_fidelity(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rulesets", "list", "--format", "json"]) == 0
    rows = [(r["id"], r["effective_from"], r["effective_until"], r["fidelity"])
            for r in json.loads(capsys.readouterr().out)]
    assert rows == [
        ("qd-1048-2019", "2019-08-21", "2020-06-08", "structure-only"),
        ("qd-781-2020", "2020-06-08", "2023-02-24", "secondary-source"),
        ("qd-148-2023", "2023-02-24", "2025-07-06", "structure-only"),
        ("qd-1489-2025", "2025-07-06", "2026-05-22", "structure-only"),
        ("qd-26-2026", "2026-05-22", None, "complete"),
    ]


def test_every_version_passes_lint() -> None:
    assert lint_all() == []


def test_every_version_states_its_instrument_and_a_one_line_fidelity_note() -> None:
    signed = {"qd-1048-2019": "2019-08-21", "qd-781-2020": "2020-06-08", "qd-148-2023": "2023-02-24",
              "qd-1489-2025": "2025-07-06", "qd-26-2026": "2026-05-22"}
    for rs in ocop_rules.rulesets():
        assert rs.instrument.signed_on.isoformat() == signed[rs.id]
        assert rs.fidelity_note and "\n" not in rs.fidelity_note


@pytest.mark.parametrize(("filed", "parts"), [
    ("2019-08-21", (35, 25, 40)), ("2020-06-08", (35, 25, 40)), ("2023-02-23", (35, 25, 40)),
    ("2023-02-24", (40, 25, 35)), ("2025-07-06", (40, 25, 35)), ("2026-05-22", (40, 25, 35)),
])
def test_part_maxima_by_filing_date(filed: str, parts: tuple[int, int, int]) -> None:
    import datetime as dt

    rs = ocop_rules.get_ruleset(select_ruleset(dt.date.fromisoformat(filed)).id)
    assert tuple(p.max_points for p in rs.parts) == parts


def test_781_extends_1048_keeping_its_metadata_and_replacing_its_sheets() -> None:
    base, amended = ocop_rules.get_ruleset("qd-1048-2019"), ocop_rules.get_ruleset("qd-781-2020")
    assert amended.extends == "qd-1048-2019" and base.extends is None
    assert amended.parts == base.parts and amended.bands == base.bands and amended.certificate == base.certificate
    assert (base.mode, amended.mode) == ("part-totals", "sheets")
    assert (base.fidelity, amended.fidelity) == ("structure-only", "secondary-source")
    coffee_1048, coffee_781 = base.product_set(11), amended.product_set(11)
    assert coffee_1048 is not None and coffee_781 is not None
    assert coffee_1048.title_vi == coffee_781.title_vi == "Cà phê, Ca cao"
    assert not coffee_1048.criteria and len(coffee_781.leaves) == 33
    # The tourism type exists only from 781 (renamed by 781; its 2019 name is unknown).
    assert base.product_set(9) is None
    tourism = amended.product_set(9)
    assert tourism is not None and tourism.title_vi == "Dịch vụ du lịch cộng đồng và điểm du lịch"
    assert {c.id for c in amended.changes} >= {"tourism-renamed", "star-minimums-added"}


def test_1489_extends_148_changing_who_recognises_3_stars() -> None:
    b, a = ocop_rules.get_ruleset("qd-148-2023"), ocop_rules.get_ruleset("qd-1489-2025")
    assert a.extends == "qd-148-2023"
    assert a.parts == b.parts and [s.title_vi for s in a.product_sets] == [s.title_vi for s in b.product_sets]
    assert [(x.stars, x.level) for x in b.authorities] == [(1, None), (2, None), (3, "district"), (4, "province"), (5, "ministry")]
    assert [(x.stars, x.level) for x in a.authorities] == [(1, None), (2, None), (3, "province"), (4, "province"), (5, "ministry")]
    # 148 replaces 1048 and 781; 1489 amends 148 and replaces nothing (lists are not inherited by merge).
    assert b.replaces == ("qd-1048-2019", "qd-781-2020") and a.replaces == ()
    assert ocop_rules.get_ruleset("qd-26-2026").replaces == ("qd-148-2023", "qd-1489-2025")
    assert b.forwarding is None and a.forwarding is not None and a.forwarding.min_average == 90


def test_unknown_minimums_are_declared_where_the_sources_lack_them() -> None:
    known = {rs.id: rs.minimums_known for rs in ocop_rules.rulesets()}
    assert known == {"qd-1048-2019": False, "qd-781-2020": False, "qd-148-2023": False, "qd-1489-2025": False,
                     "qd-26-2026": True}
    rs781 = ocop_rules.get_ruleset("qd-781-2020")
    assert all(o.min_stars is None for s in rs781.product_sets for c in s.leaves for o in c.options)


def test_the_transition_of_26_2026_names_1489_and_its_two_deadlines() -> None:
    t = ocop_rules.get_ruleset("qd-26-2026").transition
    assert t is not None and t.continues_under == "qd-1489-2025"
    assert (t.cite.article, t.cite.clause) == (12, 2)
    assert [(d.registrations, d.limit) for d in t.deadlines] == [
        (("first", "upgrade"), "transition-first-or-upgrade"), (("re-evaluation",), "transition-re-evaluation")]


# ---------------------------------------------------------------- the 781 sheets and the secondary csv


@pytest.mark.skipif(not CSV.is_file(), reason="the secondary csv is not available here")
def test_781_options_are_the_csv_rows_of_every_type_whose_sums_reach_35_25_40() -> None:
    rows = list(csv.DictReader(CSV.open(encoding="utf-8")))
    rs = ocop_rules.get_ruleset("qd-781-2020")
    for ps in rs.product_sets:
        source = [(r["part"], r["answer"], int(r["points"])) for r in rows if r["product_type"] == ps.title_vi]
        if not ps.sheet_known:
            continue
        encoded = [(c.part, o.text_vi, o.points) for c in ps.leaves for o in c.options]
        assert encoded == source, ps.number
        sums = {p: sum(c.max_points for c in ps.children(None) if c.part == p) for p in "ABC"}
        assert sums == {"A": 35, "B": 25, "C": 40}, ps.number


def test_781_keeps_out_the_duplicated_and_incomplete_types() -> None:
    rs = ocop_rules.get_ruleset("qd-781-2020")
    out = {s.number for s in rs.product_sets if not s.sheet_known}
    # README: duplicated (70/50/80) types 1, 2, 5; Part C of 38: types 20, 22, 23.
    assert out == {1, 2, 5, 20, 22, 23}
    unknowns = " ".join(u.text_en for u in rs.unknowns)
    for n in sorted(out):
        assert f"set {n} " in unknowns
    with pytest.raises(DossierError, match="set 2 of qd-781-2020 has no transcribed criteria"):
        ocop_rules.evaluate({"product_set": 2, "product": {"name": "x"}, "producer": {"name": "y"},
                             "filed_on": "2021-03-01", "score_sheets": [{"assessor": "TV1", "scores": {}}]})


def test_781_coffee_renumbers_the_duplicate_code_as_its_errata_say() -> None:
    ps = ocop_rules.get_ruleset("qd-781-2020").product_set(11)
    assert ps is not None
    assert [(c.code, c.title_vi) for c in ps.children("6.1")] == [
        ("6.1.1", "Tạp chất lạ"), ("6.1.2", "Trạng thái/hình dạng"), ("6.1.3", "Màu sắc"), ("6.1.4", "Mùi"), ("6.1.5", "Vị")]


def test_a_781_dossier_is_scored_on_its_sheet_and_the_star_is_provisional() -> None:
    ps = ocop_rules.get_ruleset("qd-781-2020").product_set(11)
    assert ps is not None
    scores: dict[str, int | str] = {c.code: c.max_points for c in ps.leaves}
    scores["3.2"] = "3.2/b"  # 2 points is printed once (case a); given by key anyway
    decision = ocop_rules.evaluate({"product_set": 11, "product": {"name": "Cà phê"}, "producer": {"name": "HTX"},
                                    "filed_on": "2021-04-01", "score_sheets": [{"assessor": "TV1", "scores": scores}]})
    # every criterion at its maximum: 35 + 25 + 40 = 100 -> 5★ band, provisional (no star marks known)
    assert (decision.average_total_exact, decision.band_stars, decision.stars) == ("100", 5, 5)
    assert decision.provisional is True and decision.ruleset.fidelity == "secondary-source"
    # 1048's forwarding (inherited): ≥ 90 goes to the central level; with the default policy a 5★ result is forwarded
    assert decision.authority == "ministry" and decision.forward_to_ministry is True


# ---------------------------------------------------------------- part-totals mode


def test_148_era_part_totals_example_is_three_stars_provisional_recognised_by_the_district() -> None:
    decision = ocop_rules.evaluate(EXAMPLES / "148-era-part-totals.yaml")
    # Sheets: 26+16+20 = 62; 27+17+21 = 65; 25+15+20 = 60; sum 187; 187/3 = 62.333… -> "62.33"
    assert [a.total for a in decision.assessors] == [62, 65, 60]
    assert (decision.average_total_exact, decision.average_total) == ("187/3", "62.33")
    # Part A: (26+27+25)/3 = 78/3 = 26; Part C: (20+21+20)/3 = 61/3
    assert decision.parts["A"].average_exact == "26" and decision.parts["C"].average_exact == "61/3"
    assert decision.parts["A"].max == 40 and decision.parts["C"].max == 35
    # [50, 70) -> 3★; 148's minimums are unknown -> provisional; 148: the district recognises 3★
    assert (decision.band_stars, decision.stars, decision.provisional) == (3, 3, True)
    assert (decision.mode, decision.ruleset.id, decision.authority) == ("part-totals", "qd-148-2023", "district")
    # certificate issued 2024-06-10, 36 months -> 2027-06-10
    assert decision.certificate is not None and decision.certificate.valid_until.isoformat() == "2027-06-10"
    assert any(s.rule == "stars.provisional" for s in decision.trace)
    assert decision.trace[0].rule == "ruleset.by-date" and decision.trace[0].values["ruleset"] == "qd-148-2023"


def _pt_dossier(filed: str, totals: dict[str, int]) -> dict[str, Any]:
    return {"product_set": 3, "product": {"name": "x"}, "producer": {"name": "y"}, "filed_on": filed,
            "score_sheets": [{"assessor": "TV1", "part_totals": totals}]}


def test_part_totals_are_checked_against_each_versions_part_maxima() -> None:
    # 1048: C is out of 40, so 40 is allowed; 148: C is out of 35, so 40 is refused.
    ok = ocop_rules.evaluate(_pt_dossier("2019-10-01", {"A": 35, "B": 25, "C": 40}))
    assert (ok.ruleset.id, ok.average_total_exact, ok.stars) == ("qd-1048-2019", "100", 5)
    with pytest.raises(DossierError, match=r"part_totals\.C: 40 is outside 0\.\.35"):
        ocop_rules.evaluate(_pt_dossier("2023-03-01", {"A": 30, "B": 20, "C": 40}))
    with pytest.raises(DossierError, match=r"part_totals\.A: 36 is outside 0\.\.35"):
        ocop_rules.evaluate(_pt_dossier("2019-10-01", {"A": 36, "B": 20, "C": 30}))


# ---------------------------------------------------------------- loader invariants for unknown sheets


META_26 = read_yaml(rulesets_dir() / "qd-26-2026" / "ruleset.yaml")


def _write(tmp: Path, meta: dict[str, Any], sset: dict[str, Any]) -> Path:
    folder = tmp / "rs"
    (folder / "sets").mkdir(parents=True)
    (folder / "ruleset.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    (folder / "sets" / "01-x.yaml").write_text(yaml.safe_dump(sset, allow_unicode=True), encoding="utf-8")
    return folder


def _meta(**changes: Any) -> dict[str, Any]:
    meta: dict[str, Any] = copy.deepcopy(META_26)
    meta.pop("transition", None)
    meta.update(changes)
    return meta


EMPTY_SET = {"number": 1, "slug": "x", "title_vi": "Thử", "title_en": "Test", "cite": {"annex": "?"}, "criteria": []}


def _problems(tmp: Path, meta: dict[str, Any], sset: dict[str, Any]) -> list[str]:
    with pytest.raises(RulesetError) as err:
        load_ruleset_folder(_write(tmp, meta, sset), {})
    return [str(p) for p in err.value.problems]


def test_a_set_without_criteria_must_say_its_sheet_is_unknown(tmp_path: Path) -> None:
    problems = _problems(tmp_path, _meta(fidelity="structure-only", mode="part-totals"), EMPTY_SET)
    assert problems == ["sets/01-x: a set without criteria must say sheet_known: false (its sheet is not in the sources)"]


def test_an_unknown_sheet_is_refused_in_a_complete_ruleset(tmp_path: Path) -> None:
    problems = _problems(tmp_path, _meta(), {**EMPTY_SET, "sheet_known": False})
    assert problems == ["sets/01-x: a ruleset of fidelity 'complete' cannot have a set whose sheet is unknown"]


def test_an_unknown_sheet_loads_in_a_structure_only_ruleset(tmp_path: Path) -> None:
    rs = load_ruleset_folder(_write(tmp_path, _meta(fidelity="structure-only", mode="part-totals", minimums_known=False),
                                    {**EMPTY_SET, "sheet_known": False}), {})
    ps = rs.product_set(1)
    assert ps is not None and not ps.sheet_known and ps.criteria == ()


def test_a_lapse_date_that_is_not_the_civil_code_count_is_refused(tmp_path: Path) -> None:
    # 60 days from the day after 2026-05-22 end on 2026-07-21, not 2026-07-22 (which counts the day itself out).
    lapse = {"last_day": "2026-07-22", "days": 60, "counted_from": "2026-05-22",
             "cite": {"instrument": "26/2026/QĐ-TTg", "article": 11, "clause": 2}}
    meta = _meta(fidelity="structure-only", mode="part-totals", lapse=lapse)
    problems = _problems(tmp_path, meta, {**EMPTY_SET, "sheet_known": False})
    assert problems == ["lapse.last_day: 60 days counted from the day after 2026-05-22 end on 2026-07-21, not 2026-07-22"]


def test_a_transition_deadline_must_name_a_time_limit_in_days(tmp_path: Path) -> None:
    meta = copy.deepcopy(META_26)
    meta["transition"]["deadlines"] = [{"registrations": ["first"], "limit": "commune-check"},
                                       {"registrations": ["re-evaluation"], "limit": "no-such-limit"}]
    problems = _problems(tmp_path, meta, {**EMPTY_SET, "sheet_known": False})
    assert "transition.deadlines.0.limit: commune-check is counted in working-days, not days" in problems
    assert "transition.deadlines.1.limit: no procedure time limit 'no-such-limit'" in problems
