"""The reference engine: the program's normalised conditions evaluated in plain Python."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ocop_rules.conditions import Predicate, compile_predicate
from ocop_rules.program import Program, Stage

_COMPILED: dict[tuple[str, str], tuple[tuple[str, Predicate], ...]] = {}


def _predicates(program: Program, stage: Stage) -> tuple[tuple[str, Predicate], ...]:
    key = (program.key, stage)
    found = _COMPILED.get(key)
    if found is None:
        if len(_COMPILED) > 8192:
            _COMPILED.clear()
        found = _COMPILED[key] = tuple((r.id, compile_predicate(r.condition)) for r in program.stage(stage))
    return found


class ReferenceEngine:
    """Dependency-free, fast, deterministic: rules fire per fact in declaration order."""

    name = "reference"

    def run(self, program: Program, stage: Stage, facts: Sequence[Mapping[str, Any]]) -> list[tuple[str, int]]:
        """Every (rule id, fact index) whose condition holds, fact by fact, rule by rule."""
        preds = _predicates(program, stage)
        return [(rid, i) for i, fact in enumerate(facts) for rid, holds in preds if holds(fact)]
