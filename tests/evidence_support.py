"""Helpers for the evidence tests: derive options from integer facts, build small dossiers with evidence."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ocop_rules.claims import derive
from ocop_rules.engines import get_engine
from ocop_rules.evidence_facts import ORGANISATION_TYPES, organisation_field
from ocop_rules.policies import Policy, make_policy
from ocop_rules.program import compile_program
from ocop_rules.registry import get_ruleset

RULESET = "qd-26-2026"
Result = tuple[str, str | None, int | None]
"""(status, option key, points) of one criterion."""


def derived(number: int, facts: Mapping[str, int], policy: Policy | Mapping[str, str] | None = None,
            engine: str = "reference") -> dict[str, Result]:
    """Criterion code -> (status, option, points) that the evidence stage of set `number` derives from `facts`."""
    rs = get_ruleset(RULESET)
    ps = rs.product_set(number)
    assert ps is not None
    program = compile_program(rs, number, 1, make_policy(policy))
    out = derive(rs, ps, facts, program, get_engine(engine))
    return {c.code: (c.status, c.option, c.points) for c in out.criteria}


def organisation(kind: str, **extra: int) -> dict[str, int]:
    """The one-hot organisation facts of `kind`, plus `extra` facts."""
    assert kind in ORGANISATION_TYPES
    return {**{organisation_field(k): int(k == kind) for k in ORGANISATION_TYPES}, **extra}


def dossier(number: int, evidence: Mapping[str, Any] | None, *, filed_on: str = "2026-09-01",
            sheets: list[dict[str, Any]] | None = None, registration: str = "first") -> dict[str, Any]:
    """A minimal dossier mapping: one empty council sheet unless `sheets` are given."""
    data: dict[str, Any] = {
        "product_set": number, "product": {"name": "Sản phẩm thử"}, "producer": {"name": "Chủ thể thử"},
        "filed_on": filed_on, "registration": registration,
        "score_sheets": sheets or [{"assessor": "Thành viên 1", "scores": {}}],
    }
    if evidence is not None:
        data["evidence"] = dict(evidence)
    return data
