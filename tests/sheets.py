"""Test helpers that build set-13 score sheets with a chosen total, from the sheet's own data.

They only pick options; every expected result in the tests is still worked out by hand.
"""

from __future__ import annotations

from typing import Any

from ocop_rules import get_ruleset
from ocop_rules.ruleset import ProductSet


def coffee() -> ProductSet:
    ps = get_ruleset("qd-26-2026").product_set(13)
    assert ps is not None
    return ps


def top_sheet(ps: ProductSet) -> dict[str, int]:
    """Every criterion at its maximum: 100 points, every star mark met."""
    return {c.code: c.max_points for c in ps.leaves}


def sheet_with_total(total: int, ps: ProductSet | None = None, keep_stars: int = 5) -> dict[str, int]:
    """A sheet worth exactly `total` that keeps every star mark up to `keep_stars` met.

    It lowers criteria in sheet order, never below the highest mark for `keep_stars` or fewer
    stars. On set 13, keeping every mark allows totals from 53 to 100; keeping the 3★ marks, from 12.
    """
    ps = ps or coffee()
    scores = top_sheet(ps)
    to_remove = 100 - total
    # a criterion that another one depends on ("applies only when…") is kept at its condition
    needed = {c.applies_when.criterion: c.applies_when.min_points for c in ps.leaves if c.applies_when}
    for c in ps.leaves:
        if to_remove == 0:
            break
        floor = max((o.points for o in c.options if o.min_stars and o.min_stars <= keep_stars), default=0)
        floor = max(floor, needed.get(c.code, 0))
        candidates = sorted({o.points for o in c.options} | {0})
        pick = min(p for p in candidates if p >= floor and c.max_points - p <= to_remove)
        scores[c.code] = pick
        to_remove -= c.max_points - pick
    assert to_remove == 0, f"cannot build a sheet of {total} points keeping the {keep_stars}★ minimums"
    assert sum(scores.values()) == total
    return scores


def low_sheet_with_total(total: int, ps: ProductSet | None = None) -> dict[str, int]:
    """A sheet worth exactly `total`, built up from zero (no option) on the first criteria in sheet order."""
    ps = ps or coffee()
    scores = {c.code: 0 for c in ps.leaves}
    left = total
    for c in ps.leaves:
        if left == 0:
            break
        pick = max(p for p in {o.points for o in c.options} | {0} if p <= left)
        scores[c.code] = pick
        left -= pick
    assert left == 0 and sum(scores.values()) == total
    return scores


def dossier(*sheets: dict[str, Any], number: int = 13, **extra: Any) -> dict[str, Any]:
    """A minimal valid dossier mapping around the given sheets."""
    data: dict[str, Any] = {
        "product_set": number,
        "product": {"name": "Sản phẩm thử"},
        "producer": {"name": "Chủ thể thử", "province": "Đắk Lắk"},
        "filed_on": "2026-09-01",
        "score_sheets": [{"assessor": f"Thành viên {i + 1}", "scores": s} for i, s in enumerate(sheets)],
    }
    data.update(extra)
    return data
