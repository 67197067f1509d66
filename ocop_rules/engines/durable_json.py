"""Compile a program stage to durable-rules' JSON ruleset form: plain data, no import of durable.

One compiled rule becomes one durable rule, `r<index>`, matched by durable's own matcher:

    {"all": [{"m": {"$and": [{"kind": <stage>}, <condition>]}}], "pri": <index>}

The type tag keeps each rule off the engine's own per-session state record (a rule whose only
condition is `absent` would otherwise match it) and off the facts of other stages. `pri` makes
the rules fire in program order for each fact. The normalised condition language maps one to
one: all→$and, any→$or, eq→{field: v}, ne→$neq, lt→$lt, le→$lte, gt→$gt, ge→$gte,
present→$ex, absent→$nex. One-element $and/$or behave as their element (measured), so no
special case is needed. A comparison on a missing field is false in durable as in the
reference engine, `$neq` included (measured).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ocop_rules.conditions import Condition, ConditionError
from ocop_rules.engines.facts import INT_MAX, INT_MIN, KIND, check_field_name

SESSION_KIND = "ocop:session"
"""Kind of the one fact that opens every session; no stage can have it (stage names are identifiers)."""

OPEN_RULE = "open"
"""The rule that matches the session-opening fact (see `ocop_rules.engines.durable` for why it exists)."""

_OPERATORS = {"ne": "$neq", "lt": "$lt", "le": "$lte", "gt": "$gt", "ge": "$gte"}


def _field(name: object) -> str:
    problem = check_field_name(name)
    if problem is None and name == KIND:
        problem = f"{KIND!r} is the stage tag, not a field a rule may compare"
    if problem is not None:
        raise ConditionError(problem)
    assert isinstance(name, str)
    return name


def _literal(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not INT_MIN <= value <= INT_MAX:
        raise ConditionError(f"a rule compares with an integer in the signed 64-bit range, got {value!r}")
    return value


def durable_condition(cond: Condition) -> dict[str, Any]:
    """A normalised condition in durable-rules' expression form."""
    (op, arg), = cond.items()
    if op == "all":
        return {"$and": [durable_condition(c) for c in arg]}
    if op == "any":
        return {"$or": [durable_condition(c) for c in arg]}
    if op == "present":
        return {"$ex": {_field(arg): 1}}
    if op == "absent":
        return {"$nex": {_field(arg): 1}}
    if op == "eq":
        return {_field(arg[0]): _literal(arg[1])}
    if op in _OPERATORS:
        return {_OPERATORS[op]: {_field(arg[0]): _literal(arg[1])}}
    if op == "not":
        raise ConditionError("'not' must be removed by conditions.normalise before compiling for durable-rules")
    raise ConditionError(f"unknown operator {op!r}")


def check_stage_name(stage: object) -> str:
    """A stage name is an identifier, so it can never equal `SESSION_KIND`."""
    if not isinstance(stage, str) or check_field_name(stage) is not None:
        raise ConditionError(f"a stage name is a plain identifier, got {stage!r}")
    return stage


def rule_name(index: int) -> str:
    """The durable rule name of the program stage's rule at `index`."""
    return f"r{index}"


def stage_definition(stage: str, conditions: Sequence[Condition]) -> dict[str, dict[str, Any]]:
    """Durable rule name -> rule (without its action) for one stage, plus the session-opening rule."""
    tag = {KIND: check_stage_name(stage)}
    rules: dict[str, dict[str, Any]] = {OPEN_RULE: {"all": [{"m": {KIND: SESSION_KIND}}]}}
    for i, cond in enumerate(conditions):
        rules[rule_name(i)] = {"all": [{"m": {"$and": [tag, durable_condition(cond)]}}], "pri": i}
    return rules
