"""Choosing an engine: names, the clear error when durable-rules is missing, the pure parts of the durable engine.

Runs everywhere, with or without durable-rules installed.
"""

from __future__ import annotations

import sys

import pytest

import ocop_rules
from ocop_rules.cli import main
from ocop_rules.conditions import ConditionError
from ocop_rules.engines import get_engine
from ocop_rules.engines.durable_json import durable_condition, stage_definition
from ocop_rules.engines.facts import check_fact, compared_fields
from ocop_rules.errors import EngineError

COFFEE = "examples/dossiers/kien-cuong-weasel-coffee.yaml"


@pytest.fixture
def no_durable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `import durable` and its C extension fail, as on Python 3.13 or without the extra."""
    for name in ("durable", "durable.engine", "durable_rules_engine"):
        monkeypatch.setitem(sys.modules, name, None)


@pytest.mark.usefixtures("no_durable")
@pytest.mark.parametrize("name", ["durable", "cross-check"])
def test_missing_durable_says_how_to_install_it(name: str) -> None:
    with pytest.raises(EngineError) as err:
        get_engine(name)
    message = str(err.value)
    assert "pip install 'ocop-rules[durable]'" in message
    assert "Python 3.11 or 3.12 with a C compiler" in message


@pytest.mark.usefixtures("no_durable")
def test_missing_durable_is_one_line_on_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", COFFEE, "--engine", "durable"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ocop-rules: the durable engine needs durable-rules: pip install 'ocop-rules[durable]'")
    assert err.count("\n") == 1


@pytest.mark.usefixtures("no_durable")
def test_the_reference_engine_needs_nothing() -> None:
    assert ocop_rules.evaluate(COFFEE).engine == "reference"


def test_unknown_engine() -> None:
    with pytest.raises(EngineError, match="unknown engine 'drools'; choose reference, durable or cross-check"):
        get_engine("drools")


@pytest.mark.parametrize(
    ("condition", "durable"),
    [
        ({"eq": ["x", 3]}, {"x": 3}),
        ({"ne": ["x", 3]}, {"$neq": {"x": 3}}),
        ({"lt": ["x", -1]}, {"$lt": {"x": -1}}),
        ({"le": ["x", 0]}, {"$lte": {"x": 0}}),
        ({"gt": ["x", 7]}, {"$gt": {"x": 7}}),
        ({"ge": ["total", 630]}, {"$gte": {"total": 630}}),
        ({"present": "f_6_1_1_n1"}, {"$ex": {"f_6_1_1_n1": 1}}),
        ({"absent": "y"}, {"$nex": {"y": 1}}),
        ({"all": [{"ge": ["x", 1]}]}, {"$and": [{"$gte": {"x": 1}}]}),
        ({"any": [{"lt": ["x", 1]}, {"absent": "x"}]}, {"$or": [{"$lt": {"x": 1}}, {"$nex": {"x": 1}}]}),
    ],
)
def test_condition_mapping(condition: dict[str, object], durable: dict[str, object]) -> None:
    assert durable_condition(condition) == durable


def test_stage_definition_tags_every_rule_and_orders_by_index() -> None:
    rules = stage_definition("evidence", [{"ge": ["x", 1]}, {"absent": "y"}])
    assert rules == {
        "open": {"all": [{"m": {"kind": "ocop:session"}}]},
        "r0": {"all": [{"m": {"$and": [{"kind": "evidence"}, {"$gte": {"x": 1}}]}}], "pri": 0},
        "r1": {"all": [{"m": {"$and": [{"kind": "evidence"}, {"$nex": {"y": 1}}]}}], "pri": 1},
    }


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ({"not": {"eq": ["x", 1]}}, "'not' must be removed"),
        ({"eq": ["x", True]}, "compares with an integer"),
        ({"eq": ["x", 2**63]}, "signed 64-bit range"),
        ({"eq": ["sid", 1]}, "'sid' is reserved"),
        ({"eq": ["kind", 1]}, "'kind' is the stage tag"),
        ({"absent": "a.b"}, "not a plain identifier"),
    ],
)
def test_conditions_durable_cannot_run_faithfully_are_refused(condition: dict[str, object], message: str) -> None:
    with pytest.raises(ConditionError, match=message):
        durable_condition(condition)


def test_stage_names_are_identifiers() -> None:
    with pytest.raises(ConditionError, match="stage name is a plain identifier"):
        stage_definition("ocop:session", [])


def test_only_comparisons_make_a_field_numeric() -> None:
    assert compared_fields({"all": [{"ge": ["a", 1]}, {"any": [{"present": "b"}, {"ne": ["c", 0]}]}]}) == {"a", "c"}


def test_check_fact_normalises_text_and_copies() -> None:
    fact = {"kind": "sheet", "p": 3, "who": "Thu\u0309y"}  # "Thủy" with a combining hook above (NFD-style)
    out = check_fact(fact, 0, "sheet", frozenset({"p"}))
    assert out == {"kind": "sheet", "p": 3, "who": "Thủy"} and out is not fact
    assert fact["who"] == "Thu\u0309y"
