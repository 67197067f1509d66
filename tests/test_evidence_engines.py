"""Stage "evidence" fires the same rules, in the same order, on the reference and the durable engine.

Skipped, with the reason, where durable-rules cannot be imported (see tests/engine_support.py).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings

from tests.engine_support import recording, require_durable

require_durable()

import ocop_rules  # noqa: E402
from ocop_rules.engines import get_engine  # noqa: E402
from ocop_rules.policies import DEFAULT_POLICY  # noqa: E402
from ocop_rules.program import compile_program  # noqa: E402
from ocop_rules.registry import get_ruleset  # noqa: E402
from tests.test_evidence_properties import partial_facts  # noqa: E402

RS = get_ruleset("qd-26-2026")
EXAMPLES = ("examples/dossiers/kien-cuong-weasel-coffee.yaml", "examples/dossiers/over-claiming-self-assessment.yaml")


@settings(max_examples=60)
@given(facts=partial_facts())
def test_same_firings_on_random_facts(facts: dict[str, int]) -> None:
    reference, durable = get_engine("reference"), get_engine("durable")
    for number in (1, 13, 26):
        program = compile_program(RS, number, 1, DEFAULT_POLICY)
        fact: dict[str, Any] = {"kind": "evidence", **facts}
        assert durable.run(program, "evidence", [fact]) == reference.run(program, "evidence", [fact])


def test_same_decisions_on_the_examples() -> None:
    for path in EXAMPLES:
        with recording("reference") as ref:
            expected = ocop_rules.evaluate(path)
        with recording("durable") as dur:
            got = ocop_rules.evaluate(path)
        evidence_calls = [c for c in ref.calls if c[1] == "evidence"]
        assert evidence_calls and [c for c in dur.calls if c[1] == "evidence"] == evidence_calls
        assert got.evidence == expected.evidence and got.rejected == expected.rejected


def test_cross_check_engine_accepts_the_evidence_stage() -> None:
    decision = ocop_rules.evaluate(EXAMPLES[1], engine="cross-check")
    assert decision.evidence is not None and len(decision.evidence.claims[0].mismatches) == 3
