"""Averages at and just below 50, 70 and 90 (and 30), with exact arithmetic; 100 is 5★."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ocop_rules
from tests.sheets import dossier, low_sheet_with_total, sheet_with_total


@pytest.mark.parametrize(
    ("totals", "exact", "shown", "band", "stars", "authority"),
    [
        # one assessor each: the total is the average
        ([100], "100", "100.00", 5, 5, "ministry"),
        ([90], "90", "90.00", 5, 5, "ministry"),
        ([89], "89", "89.00", 4, 4, "province"),
        ([70], "70", "70.00", 4, 4, "province"),
        ([69], "69", "69.00", 3, 3, "province"),
        ([50], "50", "50.00", 3, 3, "province"),
        # three assessors at 69, 70, 70: 209/3 = 69.666… -> below 70 -> 3★ (shown rounded 69.67)
        ([69, 70, 70], "209/3", "69.67", 3, 3, "province"),
        # 89, 90, 90: 269/3 = 89.666… -> 4★ although it displays as 89.67
        ([89, 90, 90], "269/3", "89.67", 4, 4, "province"),
        # 90, 90, 89, 91: 360/4 = 90 exactly -> 5★
        ([90, 90, 89, 91], "90", "90.00", 5, 5, "ministry"),
        # 49, 50, 50: 149/3 = 49.666… -> 2★: no recognition, no certificate
        ([49, 50, 50], "149/3", "49.67", 2, 2, None),
    ],
)
def test_band_edges(totals: list[int], exact: str, shown: str, band: int, stars: int, authority: str | None) -> None:
    sheets = [sheet_with_total(t) if t >= 53 else sheet_with_total(t, keep_stars=3) if t >= 50 else low_sheet_with_total(t)
              for t in totals]
    d = ocop_rules.evaluate(dossier(*sheets))
    assert [a.total for a in d.assessors] == totals
    assert d.average_total_exact == exact
    assert d.average_total == shown
    assert d.band_stars == band
    assert d.stars == stars
    assert d.authority == authority
    assert d.certifiable is (stars >= 3)


@pytest.mark.parametrize(("total", "band"), [(0, 1), (29, 1), (30, 2), (49, 2)])
def test_low_bands(total: int, band: int) -> None:
    d = ocop_rules.evaluate(dossier(low_sheet_with_total(total)))
    assert d.band_stars == band
    assert d.stars == band
    assert d.certifiable is False
    assert d.authority is None
    assert d.forward_to_ministry is False


def test_five_star_result_is_forwarded_to_the_ministry() -> None:
    d = ocop_rules.evaluate(dossier(sheet_with_total(95)))
    assert d.stars == 5
    assert d.forward_to_ministry is True
    assert d.authority == "ministry"


@given(st.fractions(min_value=0, max_value=100))
def test_bands_partition_zero_to_hundred(x: Fraction) -> None:
    bands = ocop_rules.get_ruleset("qd-26-2026").bands
    holding = [b for b in bands if b.lower <= x and (x <= b.upper if b.upper_inclusive else x < b.upper)]
    assert len(holding) == 1
    expected = 5 if x >= 90 else 4 if x >= 70 else 3 if x >= 50 else 2 if x >= 30 else 1
    assert holding[0].stars == expected


def test_rounding_is_half_up_and_exact() -> None:
    from ocop_rules.numbers import mean_str, ratio_str

    # 1/8 = 0.125 -> 0.13 (half up); 2/3 -> 0.67; 1/3 -> 0.33; 209/3 -> 69.67
    assert mean_str(1, 8) == "0.13"
    assert mean_str(2, 3) == "0.67"
    assert mean_str(1, 3) == "0.33"
    assert mean_str(209, 3) == "69.67"
    assert ratio_str(555, 7) == "555/7"
    assert ratio_str(210, 3) == "70"
