"""Dates relative to the filing date: whole months (leap years), document validity, staleness, the 12-month
linkage stability of 1.5/d, and the 180/120-day re-evaluation window of Art. 7.6a. Expected dates are
counted by hand on a calendar (worked in the comments)."""

from __future__ import annotations

import datetime as dt

import pytest

import ocop_rules
from ocop_rules.dates import add_months, days_before, whole_months
from ocop_rules.evidence import Evidence
from ocop_rules.evidence_facts import normalise_evidence
from tests.evidence_support import dossier

D = dt.date


@pytest.mark.parametrize(("start", "end", "months"), [
    (D(2024, 2, 29), D(2025, 2, 28), 12),   # 12 months after 29 Feb 2024 ends on 28 Feb 2025 (Art. 148.2)
    (D(2024, 2, 29), D(2025, 2, 27), 11),
    (D(2025, 9, 1), D(2026, 9, 1), 12),
    (D(2025, 9, 1), D(2026, 8, 31), 11),
    (D(2024, 1, 31), D(2024, 2, 29), 1),    # 31 Jan + 1 month = 29 Feb in a leap year
    (D(2023, 1, 31), D(2023, 2, 27), 0),    # … = 28 Feb in 2023, not reached on the 27th
    (D(2025, 10, 15), D(2026, 9, 1), 10),   # the over-claiming example's linkage
    (D(2026, 9, 2), D(2026, 9, 1), 0),      # end before start
])
def test_whole_months(start: dt.date, end: dt.date, months: int) -> None:
    assert whole_months(start, end) == months


def test_days_before() -> None:
    # 2027-02-28 − 180 days: back to 31 Jan (28 days), 31 Dec (59), 30 Nov (90), 31 Oct (121), 30 Sep (151), 1 Sep (180).
    assert days_before(D(2027, 2, 28), 180) == D(2026, 9, 1)
    # − 120 days: 31 Jan (28), 31 Dec (59), 30 Nov (90), 31 Oct (120).
    assert days_before(D(2027, 2, 28), 120) == D(2026, 10, 31)


FILED = D(2026, 9, 1)


def _facts(evidence: dict[str, object], filed_on: dt.date = FILED, max_age: int = 12) -> tuple[dict[str, int], list[str]]:
    norm = normalise_evidence(Evidence.model_validate(evidence), filed_on, test_report_max_age_months=max_age)
    return norm.fact, [f"{d.issue}:{d.document}" for d in norm.documents]


def _cert(issued: str, expires: str | None, kind: str = "food-safety-establishment", number: str = "C1") -> dict[str, object]:
    return {"kind": kind, "number": number, "issuer": "Sở", "issued_on": issued, "expires_on": expires}


@pytest.mark.parametrize(("issued", "expires", "valid"), [
    ("2023-09-01", "2026-09-01", 1),   # expires on the filing date: still valid that day
    ("2023-09-01", "2026-08-31", 0),   # expired the day before filing
    ("2026-09-01", "2029-08-31", 1),   # issued on the filing date
    ("2026-09-02", "2029-09-01", 0),   # issued the day after filing
    ("2020-01-01", None, 1),           # no end date printed
])
def test_certificate_valid_on_the_filing_date(issued: str, expires: str | None, valid: int) -> None:
    fact, _ = _facts({"certificates": [_cert(issued, expires)]})
    assert fact["food_safety_certificate_valid"] == valid


def test_expired_and_future_certificates_are_flagged() -> None:
    _, flags = _facts({"certificates": [_cert("2023-01-01", "2026-08-31", number="OLD"), _cert("2026-09-02", None, number="NEW")]})
    assert flags == ["expired:certificate OLD (food-safety-establishment)", "not-yet-valid:certificate NEW (food-safety-establishment)"]


def test_days_to_expiry_of_the_food_safety_certificate() -> None:
    # 2026-09-01 → 2027-03-01 is 30 + 31 + 30 + 31 + 31 + 28 = 181 days; + 13 to 2027-03-14 = 194.
    fact, _ = _facts({"certificates": [_cert("2024-03-15", "2027-03-14")]})
    assert fact["food_safety_certificate_days_to_expiry"] == 194


def _report(tested: str, result: str = "pass") -> dict[str, object]:
    return {"number": f"R{tested}", "laboratory": "Lab", "tested_on": tested, "scopes": ["food-safety"], "result": result}


@pytest.mark.parametrize(("filed", "tested", "passed"), [
    (D(2026, 9, 1), "2025-09-01", 1),   # exactly 12 months before filing: not stale
    (D(2026, 9, 1), "2025-08-31", 0),   # one day older: stale
    (D(2025, 2, 28), "2024-02-28", 1),  # filed 28 Feb 2025: the cut-off is 28 Feb 2024 …
    (D(2025, 2, 28), "2024-02-27", 0),
    (D(2024, 2, 29), "2023-02-28", 1),  # filed 29 Feb 2024: 12 months back is 28 Feb 2023
    (D(2026, 9, 1), "2026-09-02", 0),   # dated after filing
])
def test_test_report_staleness(filed: dt.date, tested: str, passed: int) -> None:
    fact, _ = _facts({"test_reports": [_report(tested)]}, filed_on=filed)
    assert fact["food_safety_test_passed"] == passed


def test_staleness_is_a_policy_setting() -> None:
    fact, flags = _facts({"test_reports": [_report("2026-02-28")]}, max_age=6)
    assert fact["food_safety_test_passed"] == 0  # 2026-09-01 − 6 months = 2026-03-01 > 2026-02-28
    assert flags == ["stale:test report R2026-02-28"]


def test_a_failed_report_does_not_count_and_is_flagged() -> None:
    fact, flags = _facts({"test_reports": [_report("2026-05-01", "fail")]})
    assert fact["food_safety_test_passed"] == 0 and flags == ["failed:test report R2026-05-01"]


def _linkage(share: float, start: str, end: str | None = None, proven: bool = True, number: str = "L") -> dict[str, object]:
    return {"kind": "linkage", "counterparty": "X", "number": number, "share_of_sales_percent": share,
            "starts_on": start, "ends_on": end, "performance_evidence": proven}


def test_contracts_count_only_while_they_run() -> None:
    # On 2026-09-01: A (40 %) ended on 2026-08-31, B (50 %) runs, C (30 %) starts on 2026-09-02 → 50 %.
    fact, flags = _facts({"contracts": [_linkage(40, "2024-01-01", "2026-08-31", number="A"), _linkage(50, "2025-01-01", number="B"),
                                        _linkage(30, "2026-09-02", number="C")]})
    assert fact["linkage_share"] == 5000
    assert fact["linkage_over_75_months"] == 0
    assert flags == ["not-running:contract A (linkage)", "not-running:contract C (linkage)"]


def test_twelve_months_over_75_percent_across_a_leap_day() -> None:
    # 80 % from 2024-02-29: on 2025-02-28 it has run 12 whole months, on 2025-02-27 only 11.
    contracts = [_linkage(80, "2024-02-29")]
    assert _facts({"contracts": contracts}, filed_on=D(2025, 2, 28))[0]["linkage_over_75_months"] == 12
    assert _facts({"contracts": contracts}, filed_on=D(2025, 2, 27))[0]["linkage_over_75_months"] == 11


def test_the_stable_period_starts_when_the_share_first_exceeded_75_percent() -> None:
    # A 50 % since 2024-09-01, B 30 % since 2025-10-15: over 75 % only from 2025-10-15 → 10 months on 2026-09-01.
    fact, _ = _facts({"contracts": [_linkage(50, "2024-09-01"), _linkage(30, "2025-10-15")]})
    assert (fact["linkage_share"], fact["linkage_over_75_months"]) == (8000, 10)


def test_a_gap_in_coverage_restarts_the_stable_period() -> None:
    # A 80 % 2024-01-01 → 2025-06-30, B 80 % from 2025-07-02: 2025-07-01 is uncovered, so the run starts 2025-07-02.
    # 2025-07-02 → 2026-07-02 is 12 months; on 2026-07-01 it is 11.
    contracts = [_linkage(80, "2024-01-01", "2025-06-30"), _linkage(80, "2025-07-02")]
    assert _facts({"contracts": contracts}, filed_on=D(2026, 7, 1))[0]["linkage_over_75_months"] == 11
    assert _facts({"contracts": contracts}, filed_on=D(2026, 7, 2))[0]["linkage_over_75_months"] == 12
    # Back to back (B from 2025-07-01) there is no gap: 2024-01-01 → 2026-07-01 is 30 months.
    joined = [_linkage(80, "2024-01-01", "2025-06-30"), _linkage(80, "2025-07-01")]
    assert _facts({"contracts": joined}, filed_on=D(2026, 7, 1))[0]["linkage_over_75_months"] == 30


def test_unproven_contracts_do_not_make_the_period_stable() -> None:
    # Over 75 % on filing, but without proof of performance the 12 months cannot be shown.
    fact, _ = _facts({"contracts": [_linkage(80, "2024-01-01", proven=False)]})
    assert (fact["linkage_share"], fact["linkage_over_75_months"]) == (8000, 0)


def _re_evaluation(filed: str, issued: str = "2024-02-29", expires: str | None = None) -> ocop_rules.Decision:
    previous = {"number": "OCOP-2024-01", "stars": 4, "issued_on": issued, "expires_on": expires}
    return ocop_rules.evaluate(dossier(13, {"previous_certificate": previous}, filed_on=filed, registration="re-evaluation"))


@pytest.mark.parametrize(("filed", "status"), [
    # Issued 2024-02-29 + 36 months = 2027-02-28 (Art. 4.3, Art. 148.2); window 2026-09-01 … 2026-10-31 (see test_days_before).
    ("2026-08-31", "early"),
    ("2026-09-01", "within"),
    ("2026-10-31", "within"),
    ("2026-11-01", "late"),
    ("2027-02-28", "late"),
    ("2027-03-01", "after-expiry"),
])
def test_re_evaluation_window(filed: str, status: str) -> None:
    decision = _re_evaluation(filed)
    assert decision.evidence is not None
    w = decision.evidence.re_evaluation
    assert w is not None
    assert (w.expires_on, w.expiry_computed, w.opens_on, w.closes_on, w.status) == (
        D(2027, 2, 28), True, D(2026, 9, 1), D(2026, 10, 31), status)
    assert w.citation_en.endswith("Art. 7 cl. 6 pt. a")
    assert any(s.rule == "re-evaluation.window" for s in decision.trace)


def test_a_printed_expiry_date_is_used_as_printed() -> None:
    # Expiry 2027-01-31: − 180 days = 2026-08-04 (Jan 31 → Dec 31 is 31, Nov 30 61, Oct 31 92, Sep 30 122, Aug 31 153, Aug 4 180).
    w = _re_evaluation("2026-09-01", expires="2027-01-31").evidence.re_evaluation  # type: ignore[union-attr]
    assert w is not None
    assert (w.opens_on, w.expiry_computed, w.days_before_expiry) == (D(2026, 8, 4), False, 152)
    assert add_months(D(2024, 2, 29), 36) == D(2027, 2, 28)
