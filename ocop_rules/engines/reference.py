"""The reference engine: the program's normalised conditions evaluated in plain Python."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ocop_rules.conditions import evaluate
from ocop_rules.program import Program, Stage


class ReferenceEngine:
    """Dependency-free, fast, deterministic: rules fire per fact in declaration order."""

    name = "reference"

    def run(self, program: Program, stage: Stage, facts: Sequence[Mapping[str, Any]]) -> list[tuple[str, int]]:
        """Every (rule id, fact index) whose condition holds, fact by fact, rule by rule."""
        rules = program.stage(stage)
        return [(r.id, i) for i, fact in enumerate(facts) for r in rules if evaluate(r.condition, fact)]
