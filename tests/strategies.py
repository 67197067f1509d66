"""Hypothesis strategies shared by the tests: valid dossiers on every shipped set, policies, engine programs.

The strategies only choose inputs; the tests compute expectations independently (by hand, or by
the other engine in the differential tests).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any, get_args

from hypothesis import strategies as st

from ocop_rules.citation import Citation
from ocop_rules.conditions import COMPARISONS, normalise
from ocop_rules.policies import Policy
from ocop_rules.program import Consequence, Program, Rule
from ocop_rules.registry import get_ruleset
from ocop_rules.ruleset import Criterion, ProductSet

RULESET = "qd-26-2026"
FINDING_KINDS = ("rejects", "stops", "requirement")
MISSING = object()
"""A criterion left off the sheet (scored 0 and listed as missing)."""


def shipped_sets(ruleset_id: str = RULESET) -> list[ProductSet]:
    """Every product set of the ruleset that has a transcribed sheet."""
    return [ps for ps in get_ruleset(ruleset_id).product_sets if ps.leaves]


def policies() -> st.SearchStrategy[Policy]:
    """Any combination of the named interpretation policies."""
    return st.builds(Policy, **{name: st.sampled_from(get_args(f.annotation)) for name, f in Policy.model_fields.items()})


def _choices(c: Criterion) -> list[Any]:
    """What an assessor may write for a criterion, best first (hypothesis shrinks towards the top option)."""
    options = sorted(c.options, key=lambda o: -o.points)
    return [*(o.points for o in options), 0, *(o.key for o in options), MISSING]


@cache
def _sheet_choices(ruleset_id: str, number: int) -> tuple[list[tuple[str, list[Any]]], list[tuple[str, str]]]:
    """Per set, computed once: each leaf's choices, and the notes a finding may record."""
    ps = get_ruleset(ruleset_id).product_set(number)
    assert ps is not None
    leaves = [(c.code, _choices(c)) for c in ps.leaves]
    notes = [(c.code, n.id) for c in ps.criteria for n in c.notes if n.kind in FINDING_KINDS]
    return leaves, notes


@st.composite
def score_sheets(draw: st.DrawFn, number: int, index: int, ruleset_id: str = RULESET) -> dict[str, Any]:
    """One assessor's valid sheet: option points, 0 (even where no option is worth 0), option keys, omissions."""
    generous = draw(st.booleans())
    # One byte per criterion, drawn at once (far cheaper than one draw each); bytes shrink towards 0, the top option.
    leaves, notes = _sheet_choices(ruleset_id, number)
    raw = draw(st.binary(min_size=len(leaves), max_size=len(leaves)))
    scores: dict[str, Any] = {}
    top = 192 if generous else 0  # generous sheets: mostly the top option, so high bands and met marks come up
    for (code, choices), byte in zip(leaves, raw, strict=True):
        pick = 0 if byte < top else byte % len(choices)
        if choices[pick] is not MISSING:
            scores[code] = choices[pick]
    findings: list[tuple[str, str]] = []
    if notes and draw(st.integers(0, 3)) == 0:
        findings = draw(st.lists(st.sampled_from(notes), min_size=1, max_size=3))
    sheet: dict[str, Any] = {"assessor": f"Thành viên {index + 1}", "scores": scores}
    if findings:
        sheet["findings"] = [{"criterion": code, "note": note} for code, note in findings]
    if index == 0 and draw(st.booleans()):
        sheet["self_assessment"] = True
    return sheet


@st.composite
def dossiers(draw: st.DrawFn, ruleset_id: str = RULESET) -> dict[str, Any]:
    """A valid dossier on any shipped set: 1-9 assessors (some with identical sheets), findings, grounds."""
    # Sample plain numbers, not models: hypothesis hashes what it samples from, and ProductSet hashes deeply.
    sets = {ps.number: ps for ps in shipped_sets(ruleset_id)}
    ps = sets[draw(st.sampled_from(sorted(sets)))]
    n = draw(st.integers(1, 9))
    sheets: list[dict[str, Any]] = []
    for i in range(n):
        if sheets and draw(st.integers(0, 4)) == 0:  # a council member who scored exactly like another
            twin = sheets[draw(st.integers(0, len(sheets) - 1))]
            sheets.append({**twin, "assessor": f"Thành viên {i + 1}", "self_assessment": False})
        else:
            sheets.append(draw(score_sheets(ps.number, i, ruleset_id)))
    grounds = [g.id for g in ps.rejection_grounds]
    declared = draw(st.lists(st.sampled_from(grounds), unique=True, max_size=2)) if grounds and draw(st.integers(0, 3)) == 0 else []
    data: dict[str, Any] = {
        "ruleset": ruleset_id,
        "product_set": ps.number,
        "product": {"name": "Sản phẩm thử"},
        "producer": {"name": "Chủ thể thử", "province": "Đắk Lắk"},
        "filed_on": "2026-09-01",
        "registration": draw(st.sampled_from(["first", "upgrade", "re-evaluation"])),
        "score_sheets": sheets,
        "rejections": [{"ground": g} for g in declared],
    }
    if draw(st.booleans()):
        data["certificate_issued_on"] = "2026-11-20"
    return data


# Programs in the closed condition language, for engine-level differential tests.
FIELDS = ("a", "b", "c", "d")
INT64 = (-(2**63), 2**63 - 1)
values = st.one_of(st.integers(-4, 4), st.sampled_from([*INT64, INT64[0] + 1, INT64[1] - 1]))

_leaves = st.one_of(
    st.builds(lambda op, f, v: {op: [f, v]}, st.sampled_from(COMPARISONS), st.sampled_from(FIELDS), values),
    st.builds(lambda op, f: {op: f}, st.sampled_from(["present", "absent"]), st.sampled_from(FIELDS)),
)
conditions = st.recursive(
    _leaves,
    lambda inner: st.one_of(
        st.builds(lambda xs: {"all": xs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda xs: {"any": xs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda x: {"not": x}, inner),
    ),
    max_leaves=8,
).map(normalise)
"""Normalised conditions over a few fields, with 64-bit extremes among the literals."""

STAGES = ("sheet", "dossier", "evidence", "stage_x")


@st.composite
def programs(draw: st.DrawFn, min_rules: int = 1, max_rules: int = 40) -> tuple[Program, str]:
    """A program of random rules in one stage (any stage name) and that stage's name."""
    stage = draw(st.sampled_from(STAGES))
    conds = draw(st.lists(conditions, min_size=min_rules, max_size=max_rules))
    rules = tuple(Rule(f"rule:{i}", stage, c, Consequence("band", stars=1), Citation()) for i, c in enumerate(conds))  # type: ignore[arg-type]
    key = "synthetic/" + hashlib.sha256(json.dumps([stage, conds]).encode()).hexdigest()[:16]
    return Program(key, "synthetic", 0, 1, rules), stage


def facts(stage: str) -> st.SearchStrategy[list[dict[str, Any]]]:
    """0-6 facts of a stage over the program fields, each field present or not."""
    one = st.dictionaries(st.sampled_from(FIELDS), values).map(lambda d: {"kind": stage, **d})
    return st.lists(one, max_size=6)
