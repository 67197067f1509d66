"""Every shipped product set of Decision 26/2026: lint, and the scoring invariants on random valid sheets.

For each set, hypothesis draws 1-7 valid sheets (each scored criterion gets one of its options,
by points or by key, or 0) and checks: each part ≤ its maximum, total = sum of parts ≤ 100 on
every sheet, and raising one option of one assessor to a higher option of the same criterion
never lowers the star. No findings or rejections are drawn, so no decision is rejected.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ocop_rules
from ocop_rules.lint import lint_all
from ocop_rules.loader import check_invariants
from ocop_rules.ruleset import Criterion, ProductSet

RULESET = "qd-26-2026"
NUMBERS = [ps.number for ps in ocop_rules.get_ruleset(RULESET).product_sets]
PART_MAX = {"A": 40, "B": 25, "C": 35}  # Art. 3.1(a)-(c)

# A modest share of the profile per set: 26 sets run in a few seconds under 'ci' (100 -> 25).
PER_SET = settings(max_examples=max(10, settings().max_examples // 4), deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _product_set(number: int) -> ProductSet:
    ps = ocop_rules.get_ruleset(RULESET).product_set(number)
    assert ps is not None
    return ps


def _dossier(number: int, sheets: list[dict[str, int | str]]) -> dict[str, Any]:
    return {
        "product_set": number,
        "product": {"name": "Sản phẩm thử"},
        "producer": {"name": "Chủ thể thử", "province": "Đắk Lắk"},
        "filed_on": "2026-09-01",
        "score_sheets": [{"assessor": f"Thành viên {i + 1}", "scores": s} for i, s in enumerate(sheets)],
    }


def _score(c: Criterion) -> st.SearchStrategy[int | str]:
    """One valid score: 0 (no option applies), an option's points, or an option's key."""
    points: list[int | str] = sorted({0} | {o.points for o in c.options})
    keys: list[int | str] = [o.key for o in c.options]
    return st.sampled_from(points + keys)


def _sheet(ps: ProductSet) -> st.SearchStrategy[dict[str, int | str]]:
    return st.fixed_dictionaries({c.code: _score(c) for c in ps.leaves})


def _points(c: Criterion, value: int | str) -> int:
    if isinstance(value, int):
        return value
    option = c.option(value)
    assert option is not None
    return option.points


def test_lint_passes_for_every_shipped_ruleset() -> None:
    assert lint_all() == []


def test_decision_26_has_the_26_annex_ii_sets() -> None:
    assert list(range(1, 27)) == NUMBERS


@pytest.mark.parametrize("number", NUMBERS)
def test_set_passes_lint(number: int) -> None:
    rs = ocop_rules.get_ruleset(RULESET)
    ps = _product_set(number)
    problems = [p for p in check_invariants(rs) if p.path.startswith(f"sets/{number:02d}-")]
    assert problems == []
    # The sheet's own arithmetic, restated: top-level sections sum to each part's maximum.
    for part, maximum in PART_MAX.items():
        assert sum(c.max_points for c in ps.children(None) if c.part == part) == maximum
    assert ps.leaves, "a set with no scored criterion cannot be evaluated"


@pytest.mark.parametrize("number", NUMBERS)
def test_random_sheets_respect_the_invariants(number: int) -> None:
    ps = _product_set(number)
    by_code = {c.code: c for c in ps.leaves}

    @PER_SET
    @given(sheets=st.lists(_sheet(ps), min_size=1, max_size=7), data=st.data())
    def check(sheets: list[dict[str, int | str]], data: st.DataObject) -> None:
        before = ocop_rules.evaluate(_dossier(number, sheets), trace=False)
        assert before.rejected is None and before.stars is not None
        for a in before.assessors:
            assert set(a.parts) == set(PART_MAX)
            for part, maximum in PART_MAX.items():
                assert 0 <= a.parts[part] <= maximum
            assert a.total == sum(a.parts.values()) <= 100
        for part, maximum in PART_MAX.items():
            assert before.parts[part].max == maximum

        # Raise one option of one assessor to a higher-point option of the same criterion.
        room = [(i, code) for i, s in enumerate(sheets) for code, v in s.items()
                if any(o.points > _points(by_code[code], v) for o in by_code[code].options)]
        if not room:
            return  # every sheet is at the maximum everywhere: nothing to raise
        i, code = data.draw(st.sampled_from(room), label="raised")
        current = _points(by_code[code], sheets[i][code])
        higher = [o.key for o in by_code[code].options if o.points > current]
        new = data.draw(st.sampled_from(higher), label="to")
        raised = [dict(s) for s in sheets]
        raised[i][code] = new
        after = ocop_rules.evaluate(_dossier(number, raised), trace=False)
        assert after.stars is not None
        assert after.stars >= before.stars, f"raising {code} of sheet {i} to {new} lowered the star"
        assert after.assessors[i].total >= before.assessors[i].total

    check()
