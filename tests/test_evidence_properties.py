"""Properties of the derivation rules, over random facts: raising a fact that can only help never lowers the
derived points, and complete facts decide every criterion that has rules (no holes between options)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ocop_rules.evidence_facts import FACTS, ORGANISATION_TYPES, organisation_field
from tests.evidence_support import derived

SETS = (1, 13, 26)
ONE_HOT = {organisation_field(k) for k in ORGANISATION_TYPES}
UNBOUNDED = {"count": 12, "days": 2000, "months": 40}
"""Upper ends drawn for fields without a maximum (counts, days, months)."""


def _top(name: str) -> int:
    f = FACTS[name]
    return f.maximum if f.maximum is not None else UNBOUNDED[f.unit]


def _bottom(name: str) -> int:
    return -400 if FACTS[name].unit == "days" else 0


@st.composite
def complete_facts(draw: st.DrawFn) -> dict[str, int]:
    """Every fact stated, with one organisation type."""
    facts = {name: draw(st.integers(_bottom(name), _top(name))) for name in FACTS if name not in ONE_HOT}
    kind = draw(st.sampled_from(ORGANISATION_TYPES))
    facts.update({organisation_field(k): int(k == kind) for k in ORGANISATION_TYPES})
    return facts


@st.composite
def partial_facts(draw: st.DrawFn) -> dict[str, int]:
    """Any subset of a complete fact."""
    full = draw(complete_facts())
    keep = draw(st.sets(st.sampled_from(sorted(full))))
    return {k: v for k, v in full.items() if k in keep}


@st.composite
def improvement(draw: st.DrawFn, facts: dict[str, int]) -> tuple[str, int]:
    """A field of `facts` that can only help, moved in its better direction."""
    movable = [n for n in sorted(facts) if (FACTS[n].better == "higher" and facts[n] < _top(n))
               or (FACTS[n].better == "lower" and facts[n] > _bottom(n))]
    if not movable:
        return "", 0
    name = draw(st.sampled_from(movable))
    value = facts[name]
    if FACTS[name].better == "higher":
        return name, draw(st.integers(value + 1, _top(name)))
    return name, draw(st.integers(_bottom(name), value - 1))


def _points(number: int, facts: dict[str, int]) -> dict[str, int | None]:
    return {code: points if status in ("derived", "capped") else None for code, (status, _, points) in derived(number, facts).items()}


def _check(facts: dict[str, int], data: Any) -> None:
    name, value = data.draw(improvement(facts))
    if not name:
        return
    better = {**facts, name: value}
    for number in SETS:
        before, after = _points(number, facts), _points(number, better)
        for code, was in before.items():
            now = after[code]
            if was is not None and now is not None:
                assert now >= was, f"set {number} {code}: raising {name} {facts[name]} → {value} lowered {was} → {now}"


@given(facts=complete_facts(), data=st.data())
def test_improving_a_complete_fact_never_lowers_points(facts: dict[str, int], data: Any) -> None:
    _check(facts, data)


@given(facts=partial_facts(), data=st.data())
def test_improving_any_stated_fact_never_lowers_points(facts: dict[str, int], data: Any) -> None:
    _check(facts, data)


@given(facts=complete_facts())
def test_complete_facts_leave_no_gap(facts: dict[str, int]) -> None:
    # Every criterion with select rules gets an option (or none) from complete facts: no value falls between rules.
    for number in SETS:
        for code, (status, _, _) in derived(number, facts).items():
            assert status != "not-derivable", f"set {number} {code} undecided by {facts}"

