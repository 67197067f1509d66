"""The durable-rules engine gives the reference engine's decisions and firings, and refuses unsafe facts.

Skipped, with the reason, where durable-rules cannot be imported; OCOP_REQUIRE_DURABLE=1 (.ci/run
on Python 3.11/3.12) turns that skip into a failure.
"""

from __future__ import annotations

import os
import random
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from hypothesis import given, settings

from tests.engine_support import recording, require_durable, without_engine

require_durable()

import ocop_rules  # noqa: E402
from ocop_rules.citation import Citation  # noqa: E402
from ocop_rules.engines import durable as durable_module  # noqa: E402
from ocop_rules.engines.durable import cached_keys, clear_cache, close_program, durable_engine  # noqa: E402
from ocop_rules.engines.reference import ReferenceEngine  # noqa: E402
from ocop_rules.errors import EngineError  # noqa: E402
from ocop_rules.policies import Policy  # noqa: E402
from ocop_rules.program import Consequence, Program, Rule  # noqa: E402
from tests.strategies import dossiers, facts, policies, programs  # noqa: E402

COFFEE = "examples/dossiers/kien-cuong-weasel-coffee.yaml"
DIFFERENTIAL_EXAMPLES = 10_000 if os.environ.get("HYPOTHESIS_PROFILE") == "slow" else 2_000
PROGRAM_EXAMPLES = 3_000 if os.environ.get("HYPOTHESIS_PROFILE") == "slow" else 300

DURABLE = durable_engine()
REFERENCE = ReferenceEngine()


def program(*conditions: dict[str, Any], stage: str = "dossier", key: str) -> Program:
    """A hand-made program: rule i is `rule:i` with the i-th condition."""
    rules = tuple(Rule(f"rule:{i}", stage, c, Consequence("band", stars=1), Citation())  # type: ignore[arg-type]
                  for i, c in enumerate(conditions))
    return Program(key, "test", 0, 1, rules)


# --- Differential: real dossiers on every shipped set ---------------------------------------------


@settings(max_examples=DIFFERENTIAL_EXAMPLES)
@given(dossier=dossiers(), policy=policies())
def test_durable_decides_and_fires_exactly_like_the_reference_engine(dossier: dict[str, Any], policy: Policy) -> None:
    with recording("reference") as ref:
        expected = ocop_rules.evaluate(dossier, policy=policy)
    with recording("durable") as dur:
        got = ocop_rules.evaluate(dossier, policy=policy)
    assert got.engine == "durable" and expected.engine == "reference"
    # Same program, same facts, same rule ids fired on the same facts in the same order, stage by stage.
    assert dur.calls == ref.calls
    assert without_engine(got) == without_engine(expected)


# --- Differential: random programs in the whole condition language, any stage name ---------------


@settings(max_examples=PROGRAM_EXAMPLES)
@given(programs().flatmap(lambda ps: facts(ps[1]).map(lambda fs: (*ps, fs))))
def test_random_programs_fire_identically(case: tuple[Program, str, list[dict[str, Any]]]) -> None:
    prog, stage, fs = case
    assert DURABLE.run(prog, stage, fs) == REFERENCE.run(prog, stage, fs)


def test_firing_order_is_program_order_not_declaration_or_condition_order() -> None:
    # Seven rules that all hold for x = 5; durable must report them 0..6, the program order.
    conds = [{"ge": ["x", 5 - i]} for i in range(7)]
    prog = program(*conds, key="test/order")
    assert DURABLE.run(prog, "dossier", [{"kind": "dossier", "x": 5}, {"kind": "dossier", "x": 5}]) == [
        *((f"rule:{i}", 0) for i in range(7)), *((f"rule:{i}", 1) for i in range(7))]


def test_a_rule_fires_once_per_fact_even_when_several_branches_of_any_hold() -> None:
    # Both branches hold for x = 3 (3 >= 1 and 3 <= 9); durable matches each branch, the rule fires once.
    prog = program({"any": [{"ge": ["x", 1]}, {"le": ["x", 9]}]}, {"eq": ["x", 3]}, key="test/any-twice")
    assert DURABLE.run(prog, "dossier", [{"kind": "dossier", "x": 3}]) == [("rule:0", 0), ("rule:1", 0)]


def test_absent_only_rule_fires_once_per_fact_and_never_on_the_engines_state_record() -> None:
    # The session's state record has no field "z" either; the kind tag keeps the rule off it.
    prog = program({"absent": "z"}, key="test/absent-only")
    fs = [{"kind": "dossier"}, {"kind": "dossier", "z": 1}, {"kind": "dossier", "y": 2}]
    assert DURABLE.run(prog, "dossier", fs) == [("rule:0", 0), ("rule:0", 2)]


def test_comparisons_on_a_missing_field_are_false_ne_included() -> None:
    prog = program({"ne": ["x", 1]}, {"lt": ["x", 1]}, {"present": "x"}, {"absent": "x"}, key="test/missing")
    # Fact 0 lacks x: only `absent` holds. Fact 1 has x = 0: ne, lt and present hold.
    assert DURABLE.run(prog, "dossier", [{"kind": "dossier"}, {"kind": "dossier", "x": 0}]) == [
        ("rule:3", 0), ("rule:0", 1), ("rule:1", 1), ("rule:2", 1)]


def test_sixty_four_bit_extremes_compare_exactly() -> None:
    top, bottom = 2**63 - 1, -(2**63)
    prog = program({"ge": ["x", top]}, {"le": ["x", bottom]}, {"eq": ["x", top - 1]}, key="test/extremes")
    fs = [{"kind": "dossier", "x": top}, {"kind": "dossier", "x": bottom}, {"kind": "dossier", "x": top - 1}]
    assert DURABLE.run(prog, "dossier", fs) == [("rule:0", 0), ("rule:1", 1), ("rule:2", 2)]


def test_identical_facts_in_one_evaluation_each_fire() -> None:
    # Seven identical sheets would be "already observed" by durable without distinct fact ids.
    prog = program({"eq": ["x", 1]}, stage="sheet", key="test/identical")
    assert DURABLE.run(prog, "sheet", [{"kind": "sheet", "x": 1}] * 3) == [("rule:0", 0), ("rule:0", 1), ("rule:0", 2)]


def test_a_new_stage_needs_no_change() -> None:
    # An evidence-like stage: facts of kind "evidence", a rule selecting on them.
    prog = program({"all": [{"ge": ["share_pct", 50]}, {"present": "origin_ok"}]}, stage="evidence", key="test/evidence")
    fs = [{"kind": "evidence", "share_pct": 70, "origin_ok": 1}, {"kind": "evidence", "share_pct": 40, "origin_ok": 1}]
    assert DURABLE.run(prog, "evidence", fs) == REFERENCE.run(prog, "evidence", fs) == [("rule:0", 0)]


# --- Unsafe facts never reach the engine -----------------------------------------------------------

BASE = {"kind": "dossier", "x": 5}
GUARD = program({"ge": ["x", 1]}, {"present": "note"}, key="test/guard")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"x": float("nan")}, "field 'x' is NaN"),
        ({"x": float("inf")}, "field 'x' is infinite"),
        ({"x": float("-inf")}, "field 'x' is infinite"),
        ({"x": 2.5}, "the fraction 2.5"),
        ({"x": 2**63}, "outside the signed 64-bit range"),
        ({"x": 2**70}, "outside the signed 64-bit range"),
        ({"x": -(2**63) - 1}, "outside the signed 64-bit range"),
        ({"x": "900000"}, "is the text '900000' but a rule compares it with a number"),
        ({"x": "5"}, "is the text '5'"),
        ({"x": True}, "is a boolean"),
        ({"other": False}, "field 'other' is a boolean"),
        ({"x": None}, "is a NoneType"),
        ({"x": [5]}, "facts are flat"),
        ({"x": {"y": 5}}, "facts are flat"),
        ({"note": "\ud800"}, "lone surrogate"),
        ({"id": "7"}, "field name 'id' is reserved"),
        ({"sid": "s1"}, "field name 'sid' is reserved"),
        ({"a.b": 1}, "'a.b' is not a plain identifier"),
        ({"$and": 1}, "'$and' is not a plain identifier"),
        ({"kind": "sheet"}, "has kind 'sheet'"),
        ({"kind": None}, "has kind None"),
    ],
)
def test_unsafe_facts_are_refused_before_the_engine(change: dict[str, Any], message: str) -> None:
    bad = {**BASE, **change}
    with pytest.raises(EngineError, match="fact 1 of stage 'dossier'") as err:
        DURABLE.run(GUARD, "dossier", [BASE, bad])
    assert message in str(err.value)


def test_fact_without_kind_is_refused() -> None:
    with pytest.raises(EngineError, match="has kind None; a fact's 'kind' names its stage"):
        DURABLE.run(GUARD, "dossier", [{"x": 5}])


def test_property_limit_is_durables_own() -> None:
    # durable-rules takes 254 properties per fact; the engine adds sid and id, so 252 fields pass
    # (kind, x and 250 more) and 253 are refused. The rule reads every field, so all of them reach
    # durable (the engine passes on only the fields some rule reads).
    many = program({"all": [{"ge": ["x", 1]}, *({"present": f"f{i}"} for i in range(250))]}, key="test/many-fields")
    ok = {**BASE, **{f"f{i}": i for i in range(250)}}
    assert len(ok) == 252
    assert DURABLE.run(many, "dossier", [ok]) == [("rule:0", 0)]
    with pytest.raises(EngineError, match="has 253 fields; durable-rules takes at most 254 properties"):
        DURABLE.run(many, "dossier", [{**ok, "f250": 0}])
    with pytest.raises(EngineError, match="has 253 fields"):
        DURABLE.run(GUARD, "dossier", [{**ok, "f250": 0}])


def test_non_nfc_text_is_normalised_and_changes_nothing() -> None:
    nfd = unicodedata.normalize("NFD", "Cà phê chồn")
    assert nfd != unicodedata.normalize("NFC", nfd)
    fs = [{**BASE, "note": nfd}]
    assert DURABLE.run(GUARD, "dossier", fs) == REFERENCE.run(GUARD, "dossier", fs) == [("rule:0", 0), ("rule:1", 0)]


def test_text_where_no_rule_compares_is_handled_like_the_reference() -> None:
    fs = [{**BASE, "note": "900000"}, {"kind": "dossier", "note": ""}]
    assert DURABLE.run(GUARD, "dossier", fs) == REFERENCE.run(GUARD, "dossier", fs) == [
        ("rule:0", 0), ("rule:1", 0), ("rule:1", 1)]


def test_rules_that_compare_reserved_or_dotted_fields_do_not_compile() -> None:
    for i, cond in enumerate([{"eq": ["id", 1]}, {"eq": ["a.b", 1]}, {"present": "sid"}, {"ge": ["kind", 0]}]):
        with pytest.raises(EngineError, match="cannot compile for durable-rules"):
            DURABLE.run(program(cond, key=f"test/bad-field/{i}"), "dossier", [BASE])


# --- Engine faults surface as EngineError ----------------------------------------------------------


def test_an_exception_inside_an_action_is_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(index: int, sink: Any) -> Any:
        def record(c: Any) -> None:
            raise RuntimeError(f"recorder {index} broke")

        return record

    monkeypatch.setattr(durable_module, "_recorder", failing)
    prog = program({"ge": ["x", 1]}, key="test/failing-action")
    try:
        with pytest.raises(EngineError, match=r"a durable-rules action failed on fact 0 of stage 'dossier'.*recorder 0 broke"):
            DURABLE.run(prog, "dossier", [BASE])
    finally:
        close_program(prog.key)


def test_sessions_are_deleted_after_every_evaluation() -> None:
    # durable-rules refuses a 1,025th live session per ruleset; 1,100 evaluations pass only if each
    # session is deleted, both when rules fired and when none did.
    prog = program({"ge": ["x", 1]}, key="test/sessions")
    for i in range(1_100):
        x = i % 2  # x = 0 fires nothing, x = 1 fires rule 0
        assert DURABLE.run(prog, "dossier", [{"kind": "dossier", "x": x}]) == ([("rule:0", 0)] if x else [])


def test_compiled_programs_are_cached_by_key_and_freed_on_close() -> None:
    prog = program({"ge": ["x", 1]}, key="test/cache")
    DURABLE.run(prog, "dossier", [BASE])
    assert prog.key in cached_keys()
    assert close_program(prog.key) is True
    assert prog.key not in cached_keys()
    assert close_program(prog.key) is False
    # A closed program compiles again on next use.
    assert DURABLE.run(prog, "dossier", [BASE]) == [("rule:0", 0)]
    # Same key, different rules (never produced by compile_program): compiled afresh, not reused.
    changed = program({"ge": ["x", 9]}, key="test/cache")
    assert DURABLE.run(changed, "dossier", [BASE]) == []
    clear_cache()
    assert cached_keys() == []


def test_the_cache_is_bounded() -> None:
    for i in range(durable_module.CACHE_LIMIT + 5):
        DURABLE.run(program({"ge": ["x", i]}, key=f"test/bounded/{i}"), "dossier", [BASE])
    keys = cached_keys()
    assert len(keys) == durable_module.CACHE_LIMIT
    assert "test/bounded/0" not in keys and f"test/bounded/{durable_module.CACHE_LIMIT + 4}" in keys
    clear_cache()


# --- Decisions, threads --------------------------------------------------------------------------


def test_the_coffee_example_is_four_stars_on_durable() -> None:
    # Hand computation in the example: average 555/7 ≈ 79.29, in [70, 90) -> 4★.
    with recording("durable") as dur:
        d = ocop_rules.evaluate(COFFEE)
    assert (d.engine, d.average_total_exact, d.band_stars, d.stars) == ("durable", "555/7", 4, 4)
    with recording("reference") as ref:
        expected = ocop_rules.evaluate(COFFEE)
    assert without_engine(d) == without_engine(expected)
    # Every stage the example runs (its evidence included) fires the same rules on the same facts.
    assert dur.calls == ref.calls
    assert {stage for _, stage, _, _ in dur.calls} >= {"sheet", "dossier"}


def _council(rng: random.Random, number: int) -> dict[str, Any]:
    ps = ocop_rules.get_ruleset("qd-26-2026").product_set(number)
    assert ps is not None
    sheets = []
    for i in range(rng.randint(1, 9)):
        scores = {c.code: rng.choice([0, *(o.points for o in c.options)]) for c in ps.leaves}
        sheets.append({"assessor": f"Thành viên {i + 1}", "scores": scores})
    return {"product_set": number, "product": {"name": "Sản phẩm thử"}, "producer": {"name": "Chủ thể thử"},
            "filed_on": "2026-09-01", "score_sheets": sheets}


def test_concurrent_evaluations_from_many_threads_are_correct() -> None:
    rng = random.Random(20260901)
    cases = [_council(rng, rng.randint(1, 26)) for _ in range(240)]
    expected = [without_engine(ocop_rules.evaluate(d)) for d in cases]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda d: without_engine(ocop_rules.evaluate(d, engine="durable")), cases))
    assert got == expected
