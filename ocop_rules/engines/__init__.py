"""Rule engines: each runs a compiled `Program` stage over facts and reports which rules fired.

Engines only match and record; what a firing means is decided once, in `ocop_rules.classify`.
`reference` (plain Python, the default), `durable` (durable-rules, the optional extra
`ocop-rules[durable]`) and `cross-check` (both, raising `EngineMismatch` where they differ).
See docs/developers/engines.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Protocol

from ocop_rules.errors import EngineError
from ocop_rules.program import Program, Stage

EngineName = Literal["reference", "durable", "cross-check"]
Firing = tuple[str, int]
"""(rule id, index of the fact it fired on), in firing order."""


class Engine(Protocol):
    """What every engine provides."""

    name: str

    def run(self, program: Program, stage: Stage, facts: Sequence[Mapping[str, Any]]) -> list[Firing]:
        """Fire the stage's rules over each fact in turn; return the firings in order."""
        ...


def get_engine(name: str) -> Engine:
    """The engine called `name` ('reference', 'durable' or 'cross-check')."""
    if name == "reference":
        from ocop_rules.engines.reference import ReferenceEngine

        return ReferenceEngine()
    if name == "durable":
        from ocop_rules.engines.durable import durable_engine

        return durable_engine()
    if name == "cross-check":
        from ocop_rules.engines.crosscheck import CrossCheckEngine

        return CrossCheckEngine()
    raise EngineError(f"unknown engine {name!r}; choose reference, durable or cross-check")
