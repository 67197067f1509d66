"""Properties of scoring on the real coffee sheet (set 13), over hypothesis-generated valid sheets."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import ocop_rules
from ocop_rules.ruleset import ProductSet
from tests.sheets import coffee, dossier

PS: ProductSet = coffee()


@st.composite
def sheets(draw: st.DrawFn) -> dict[str, int]:
    """One assessor's valid sheet: each leaf gets one of its options' points, or 0 (no option applies)."""
    return {c.code: draw(st.sampled_from(sorted({o.points for o in c.options} | {0}))) for c in PS.leaves}


councils = st.lists(sheets(), min_size=1, max_size=7)


@given(councils)
def test_parts_within_maxima_and_total_is_their_sum(council: list[dict[str, int]]) -> None:
    d = ocop_rules.evaluate(dossier(*council), trace=False)
    for a in d.assessors:
        assert a.parts["A"] <= 40 and a.parts["B"] <= 25 and a.parts["C"] <= 35
        assert a.total == sum(a.parts.values()) <= 100
        assert a.total == sum(a.points.values())
        for c in PS.leaves:
            assert 0 <= a.points[c.code] <= c.max_points


@given(councils, st.data())
def test_raising_one_option_never_lowers_the_star(council: list[dict[str, int]], data: st.DataObject) -> None:
    who = data.draw(st.integers(0, len(council) - 1))
    crit = data.draw(st.sampled_from(PS.leaves))
    higher = [o.points for o in crit.options if o.points > council[who][crit.code]]
    if not higher:
        return
    raised: list[dict[str, Any]] = [dict(s) for s in council]
    raised[who][crit.code] = data.draw(st.sampled_from(higher))
    for minimum in ("mean", "every-assessor"):
        before = ocop_rules.evaluate(dossier(*council), policy={"minimum": minimum}, trace=False)
        after = ocop_rules.evaluate(dossier(*raised), policy={"minimum": minimum}, trace=False)
        assert before.stars is not None and after.stars is not None
        assert after.stars >= before.stars


@given(councils)
def test_every_assessor_policy_is_never_more_generous_than_mean(council: list[dict[str, int]]) -> None:
    mean = ocop_rules.evaluate(dossier(*council), trace=False)
    every = ocop_rules.evaluate(dossier(*council), policy={"minimum": "every-assessor"}, trace=False)
    assert every.stars is not None and mean.stars is not None
    assert every.stars <= mean.stars
    assert mean.band_stars == every.band_stars
    if len(council) == 1:
        assert every.stars == mean.stars


@given(councils)
def test_star_never_exceeds_band_and_trace_does_not_change_results(council: list[dict[str, int]]) -> None:
    full = ocop_rules.evaluate(dossier(*council))
    lean = ocop_rules.evaluate(dossier(*council), trace=False)
    assert full.stars is not None and full.stars <= full.band_stars
    assert full.model_dump(exclude={"trace"}) == lean.model_dump(exclude={"trace"})
    assert lean.trace == []
    assert (full.stars >= 3) == full.certifiable
    # decisions are built without re-validation on the hot path: they must still validate as-is
    assert ocop_rules.Decision.model_validate_json(full.to_json()).to_json() == full.to_json()
