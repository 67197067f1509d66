"""Cross-check mode: run the reference and durable engines on the same facts and require the same firings.

Everything after the engines (voids, aggregation, classification) is shared code, so equal
firings, in equal order, mean equal decisions. A difference raises `EngineMismatch` naming the
first rule where the engines part, and the fact it concerns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ocop_rules.engines.durable import DurableEngine, check_stage_facts, durable_engine
from ocop_rules.engines.reference import ReferenceEngine
from ocop_rules.errors import EngineMismatch
from ocop_rules.program import Program, Stage

Firings = list[tuple[str, int]]


def first_difference(program: Program, stage: Stage, reference: Firings, durable: Firings) -> EngineMismatch | None:
    """The mismatch at the first position where the two firing lists differ, or None when they are equal."""
    if reference == durable:
        return None
    k = next((k for k, (a, b) in enumerate(zip(reference, durable, strict=False)) if a != b), min(len(reference), len(durable)))
    ref = reference[k] if k < len(reference) else None
    dur = durable[k] if k < len(durable) else None
    position = {r.id: i for i, r in enumerate(program.stage(stage))}

    def order(firing: tuple[str, int]) -> tuple[int, int]:
        return firing[1], position.get(firing[0], -1)

    # In program order the earlier of the two firings is the one the other engine missed (or fired late).
    rule_id, fact = min((f for f in (ref, dur) if f is not None), key=order)
    by_ref, by_dur = (rule_id, fact) in reference, (rule_id, fact) in durable
    if by_ref and by_dur:
        what = f"both engines fired it, at positions {reference.index((rule_id, fact))} and {durable.index((rule_id, fact))}"
    elif by_ref:
        what = "the reference engine fired it, the durable engine did not"
    else:
        what = "the durable engine fired it, the reference engine did not"
    return EngineMismatch(rule_id, f"fact {fact} of stage {stage!r} ({program.key}): {what}")


class CrossCheckEngine:
    """Both engines on every stage; raises `EngineMismatch` unless they fire the same rules in the same order."""

    name = "cross-check"

    def __init__(self, reference: ReferenceEngine | None = None, durable: DurableEngine | None = None) -> None:
        self.durable = durable if durable is not None else durable_engine()
        self.reference = reference if reference is not None else ReferenceEngine()

    def run(self, program: Program, stage: Stage, facts: Sequence[Mapping[str, Any]]) -> list[tuple[str, int]]:
        """The reference engine's firings, once the durable engine is shown to fire the same."""
        checked = check_stage_facts(program, stage, facts)  # unsafe facts stop here, before either engine
        reference = self.reference.run(program, stage, checked)
        durable = self.durable.run(program, stage, checked)
        mismatch = first_difference(program, stage, reference, durable)
        if mismatch is not None:
            raise mismatch
        return reference
