"""Which ruleset a dossier falls under, by filing date and the transition of Art. 11-12 of 26/2026.

Expected dates are worked out by hand from VERSIONS.md and the Civil Code's way of counting
(a period of days starts the day after the event): from 22 May 2026, day 1 is 23 May;
  60 days: 23-31 May = 9, June = 30 (39), 1-21 July = 21 (60) -> last day 21 July 2026;
  30 days: 23-31 May = 9, 1-21 June = 21 (30)                  -> last day 21 June 2026.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

import ocop_rules
from ocop_rules.cli import main
from ocop_rules.errors import InputError, UnknownRulesetError
from ocop_rules.selection import select_ruleset

D = dt.date.fromisoformat

BOUNDARIES = [
    # 1048/QĐ-TTg signed and effective 21 Aug 2019
    ("2019-08-21", "qd-1048-2019"), ("2019-08-22", "qd-1048-2019"),
    # 781/QĐ-TTg of 8 Jun 2020
    ("2020-06-07", "qd-1048-2019"), ("2020-06-08", "qd-781-2020"), ("2020-06-09", "qd-781-2020"),
    # 148/QĐ-TTg of 24 Feb 2023, effective on signing
    ("2023-02-23", "qd-781-2020"), ("2023-02-24", "qd-148-2023"), ("2023-02-25", "qd-148-2023"),
    # 1489/QĐ-TTg of 6 Jul 2025
    ("2025-07-05", "qd-148-2023"), ("2025-07-06", "qd-1489-2025"), ("2025-07-07", "qd-1489-2025"),
    # 26/2026/QĐ-TTg in force 22 May 2026 (Art. 11.1)
    ("2026-05-21", "qd-1489-2025"), ("2026-05-22", "qd-26-2026"), ("2026-05-23", "qd-26-2026"),
]


@pytest.mark.parametrize(("filed", "expected"), BOUNDARIES)
def test_filing_date_on_each_boundary_selects_the_ruleset_in_force(filed: str, expected: str) -> None:
    sel = select_ruleset(D(filed))
    assert sel.id == expected
    assert sel.rule == "ruleset.by-date"
    assert sel.warnings == ()


def test_a_dossier_filed_before_the_first_ruleset_has_none() -> None:
    with pytest.raises(UnknownRulesetError, match=r"2019-08-20.*from 2019-08-21"):
        select_ruleset(D("2019-08-20"))


@pytest.mark.parametrize(
    ("registration", "evaluated", "late"),
    [
        # first evaluation / upgrade: 60 days -> last day 2026-07-21 (see the module docstring)
        ("first", "2026-05-22", False), ("first", "2026-07-21", False), ("first", "2026-07-22", True),
        ("upgrade", "2026-07-21", False), ("upgrade", "2026-07-22", True),
        # re-evaluation: 30 days -> last day 2026-06-21
        ("re-evaluation", "2026-06-21", False), ("re-evaluation", "2026-06-22", True),
    ],
)
def test_pending_dossier_continues_under_1489_and_only_warns_after_the_deadline(
        registration: str, evaluated: str, late: bool) -> None:
    sel = select_ruleset(D("2026-05-21"), D(evaluated), registration)
    assert sel.id == "qd-1489-2025"
    assert sel.rule == "ruleset.transition"
    point = "b" if registration == "re-evaluation" else "a"
    assert sel.cite is not None and (sel.cite.article, sel.cite.clause, sel.cite.point) == (12, 2, point)
    assert len(sel.warnings) == (1 if late else 0)
    assert [s.values["late"] for s in sel.steps] == [late]
    if late:
        deadline = "2026-06-21" if registration == "re-evaluation" else "2026-07-21"
        assert deadline in sel.warnings[0] and f"Art. 12 cl. 2 pt. {point}" in sel.warnings[0]
        assert "does not change the rules" in sel.warnings[0]


def test_the_reevaluation_deadline_passes_before_the_first_evaluation_deadline() -> None:
    # 2026-06-22 is day 31: late for a re-evaluation (30 days), in time for a first evaluation (60).
    assert select_ruleset(D("2026-05-20"), D("2026-06-22"), "re-evaluation").warnings
    assert not select_ruleset(D("2026-05-20"), D("2026-06-22"), "first").warnings


def test_evaluated_before_26_2026_took_effect_is_plain_by_date() -> None:
    sel = select_ruleset(D("2026-05-21"), D("2026-05-21"))
    assert (sel.id, sel.rule, sel.warnings) == ("qd-1489-2025", "ruleset.by-date", ())


def test_the_lapse_of_148_and_1489_does_not_switch_a_pending_dossier() -> None:
    # Evaluated long after the lapse (2026-07-21): still the old rules, with the warning naming Art. 11.2 too.
    sel = select_ruleset(D("2026-05-21"), D("2026-09-30"))
    assert sel.id == "qd-1489-2025"
    assert "lapsed after 2026-07-21" in sel.warnings[0] and "Art. 11 cl. 2" in sel.warnings[0]


def test_a_148_era_dossier_evaluated_after_26_2026_continues_under_the_2021_2025_rules() -> None:
    sel = select_ruleset(D("2024-01-10"), D("2026-06-01"))
    assert (sel.id, sel.rule) == ("qd-1489-2025", "ruleset.transition")


def test_a_148_era_dossier_evaluated_under_1489_keeps_148_and_says_1489s_transition_is_unknown() -> None:
    sel = select_ruleset(D("2024-01-10"), D("2025-08-01"))
    assert sel.id == "qd-148-2023"
    assert len(sel.warnings) == 1 and "qd-1489-2025" in sel.warnings[0] and "not in the library's sources" in sel.warnings[0]


def test_a_dossier_filed_on_or_after_22_may_2026_is_never_transitional() -> None:
    sel = select_ruleset(D("2026-05-22"), D("2026-09-01"), "re-evaluation")
    assert (sel.id, sel.rule, sel.warnings) == ("qd-26-2026", "ruleset.by-date", ())


def test_inconsistent_dates_and_registrations_are_input_errors() -> None:
    with pytest.raises(InputError, match="evaluated_on: 2026-05-01 is before filed_on 2026-06-01"):
        select_ruleset(D("2026-06-01"), D("2026-05-01"))
    with pytest.raises(InputError, match="'renewal' is not one of first, upgrade, re-evaluation"):
        select_ruleset(D("2026-06-01"), None, "renewal")


def test_lapse_dates_in_the_metadata_are_60_days_after_22_may_2026() -> None:
    for rid in ("qd-148-2023", "qd-1489-2025"):
        lapse = ocop_rules.get_ruleset(rid).lapse
        assert lapse is not None
        assert lapse.last_day == dt.date(2026, 7, 21)
        assert (lapse.cite.instrument, lapse.cite.article, lapse.cite.clause) == ("26/2026/QĐ-TTg", 11, 2)


def _late_1489_dossier() -> dict[str, object]:
    return {
        "product_set": 1, "product": {"name": "Mắc ca"}, "producer": {"name": "HTX Ea Hồ"},
        "filed_on": "2026-05-20", "evaluated_on": "2026-07-25", "registration": "upgrade",
        "score_sheets": [{"assessor": "TV1", "part_totals": {"A": 30, "B": 20, "C": 25}}],
    }


def test_a_late_transitional_decision_carries_the_warning_and_cites_art_12_2() -> None:
    decision = ocop_rules.evaluate(_late_1489_dossier())
    assert decision.ruleset.id == "qd-1489-2025"
    assert any("2026-07-21" in w and "Art. 12 cl. 2 pt. a" in w for w in decision.warnings)
    chosen, deadline = decision.trace[0], decision.trace[1]
    assert chosen.rule == "ruleset.transition" and chosen.citation == "Quyết định 26/2026/QĐ-TTg, Điều 12 khoản 2 điểm a"
    assert deadline.rule == "ruleset.transition.deadline" and deadline.values["late"] is True
    assert deadline.values["deadline"] == "2026-07-21"
    # 30 + 20 + 25 = 75 -> 4★ band; 1489's minimums are unknown, so provisional; the province recognises 4★.
    assert (decision.stars, decision.provisional, decision.authority) == (4, True, "province")


def _select_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["rulesets", "select", *args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    return data


def test_cli_select_prints_id_reason_and_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    data = _select_json(capsys, "--filed-on", "2026-05-21", "--evaluated-on", "2026-06-22", "--registration", "re-evaluation")
    assert data["id"] == "qd-1489-2025"
    assert "Art. 12 cl. 2 pt. b" in str(data["reason"])
    assert isinstance(data["warnings"], list) and len(data["warnings"]) == 1
    data = _select_json(capsys, "--filed-on", "2023-02-24")
    assert data["id"] == "qd-148-2023" and data["warnings"] == []
    assert "2023-02-24" in str(data["reason"]) and "Art. 11 cl. 2" in str(data["reason"])


def test_cli_select_before_2019_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rulesets", "select", "--filed-on", "2019-08-20"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "2019-08-20" in err
