"""Cross-check mode runs both engines, returns their common result, and names the first rule where they part."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.engine_support import require_durable, without_engine

require_durable()

import ocop_rules  # noqa: E402
from ocop_rules.cli import main  # noqa: E402
from ocop_rules.engines import get_engine  # noqa: E402
from ocop_rules.engines.crosscheck import CrossCheckEngine, first_difference  # noqa: E402
from ocop_rules.engines.durable import DurableEngine  # noqa: E402
from ocop_rules.errors import EngineError, EngineMismatch  # noqa: E402
from ocop_rules.program import Program  # noqa: E402
from tests.test_engine_durable import COFFEE, program  # noqa: E402

THREE = program({"ge": ["x", 1]}, {"ge": ["x", 2]}, {"ge": ["x", 3]}, key="test/crosscheck-three")


class Dropping(DurableEngine):
    """The durable engine with one firing lost: a fault cross-check mode must catch."""

    def __init__(self, drop: tuple[str, int]) -> None:
        self.drop = drop

    def run(self, program: Program, stage: Any, facts: Any) -> list[tuple[str, int]]:
        return [f for f in super().run(program, stage, facts) if f != self.drop]


def test_cross_check_decides_like_the_reference_and_says_so() -> None:
    d = ocop_rules.evaluate(COFFEE, engine="cross-check")
    assert d.engine == "cross-check"
    assert json.loads(d.to_json())["engine"] == "cross-check"
    assert (d.average_total_exact, d.stars) == ("555/7", 4)  # 555/7 ≈ 79.29 -> 4★ (hand computation in the example)
    assert without_engine(d) == without_engine(ocop_rules.evaluate(COFFEE))


def test_engine_names() -> None:
    assert [get_engine(n).name for n in ("reference", "durable", "cross-check")] == ["reference", "durable", "cross-check"]


def test_a_dropped_firing_is_named_with_its_rule_and_fact(monkeypatch: pytest.MonkeyPatch) -> None:
    # Fact 1 has x = 2: rules 0 and 1 fire on it. Losing (rule:1, 1) must be reported as that rule, fact 1.
    engine = CrossCheckEngine(durable=Dropping(("rule:1", 1)))
    facts = [{"kind": "dossier", "x": 3}, {"kind": "dossier", "x": 2}]
    with pytest.raises(EngineMismatch) as err:
        engine.run(THREE, "dossier", facts)
    assert err.value.rule_id == "rule:1"
    assert "fact 1 of stage 'dossier'" in str(err.value)
    assert "reference engine fired it, the durable engine did not" in str(err.value)
    assert str(err.value).startswith("engines disagree at rule rule:1:")


def test_a_mismatch_in_a_real_decision_stops_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # The coffee dossier's average is 555/7, in the 4★ band [70, 90): band:4 fires on the one dossier fact.
    cross = CrossCheckEngine(durable=Dropping(("band:4", 0)))
    monkeypatch.setattr("ocop_rules.engines.crosscheck.CrossCheckEngine", lambda: cross)
    with pytest.raises(EngineMismatch, match=r"engines disagree at rule band:4: fact 0 of stage 'dossier'"):
        ocop_rules.evaluate(COFFEE, engine="cross-check")


def test_first_difference_cases() -> None:
    ref = [("rule:0", 0), ("rule:1", 0), ("rule:0", 1)]
    assert first_difference(THREE, "dossier", ref, list(ref)) is None
    # An extra firing by durable on fact 0, before rule:0 of fact 1 in program order.
    extra = first_difference(THREE, "dossier", ref, [("rule:0", 0), ("rule:1", 0), ("rule:2", 0), ("rule:0", 1)])
    assert extra is not None and extra.rule_id == "rule:2"
    assert "durable engine fired it, the reference engine did not" in extra.detail and "fact 0" in extra.detail
    # Durable missing the last firing.
    short = first_difference(THREE, "dossier", ref, ref[:2])
    assert short is not None and (short.rule_id, "fact 1" in short.detail) == ("rule:0", True)
    # Same firings, different order: the rule that came first in program order is named.
    swapped = first_difference(THREE, "dossier", ref, [("rule:1", 0), ("rule:0", 0), ("rule:0", 1)])
    assert swapped is not None and swapped.rule_id == "rule:0"
    assert "both engines fired it, at positions 0 and 1" in swapped.detail


def test_unsafe_facts_stop_cross_check_before_either_engine() -> None:
    with pytest.raises(EngineError, match="field 'x' is NaN"):
        CrossCheckEngine().run(THREE, "dossier", [{"kind": "dossier", "x": float("nan")}])
    with pytest.raises(EngineError, match="field name 'id' is reserved"):
        CrossCheckEngine().run(THREE, "dossier", [{"kind": "dossier", "x": 1, "id": 1}])


def test_cli_cross_check_prints_the_reference_decision(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", COFFEE, "--engine", "cross-check", "--format", "json"]) == 0
    crossed = json.loads(capsys.readouterr().out)
    assert main(["evaluate", COFFEE, "--format", "json"]) == 0
    reference = json.loads(capsys.readouterr().out)
    assert (crossed["engine"], reference["engine"]) == ("cross-check", "reference")
    assert without_engine(crossed) == without_engine(reference)
