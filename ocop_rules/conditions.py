"""The closed condition language of compiled rules: comparisons, all/any/not, presence. No `eval`.

A condition is plain data (JSON-like), so one program runs on the reference engine and on
durable-rules alike. `not` is removed by `normalise` (pushed onto comparisons), and both
engines evaluate the normalised form, so a missing field behaves the same in both: every
comparison on a missing field is false.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any, TypeAlias

Condition: TypeAlias = Mapping[str, Any]
Number: TypeAlias = int

COMPARISONS = ("eq", "ne", "lt", "le", "gt", "ge")
_NEGATE = {"eq": "ne", "ne": "eq", "lt": "ge", "ge": "lt", "gt": "le", "le": "gt", "present": "absent", "absent": "present"}


class ConditionError(ValueError):
    """A condition that is not in the closed language."""


def cmp(op: str, field: str, value: Number) -> dict[str, Any]:
    """A comparison of a fact field with an integer literal."""
    return {op: [field, value]}


def all_of(*conds: Condition) -> dict[str, Any]:
    """True when every condition is."""
    return {"all": list(conds)}


def any_of(*conds: Condition) -> dict[str, Any]:
    """True when one condition is."""
    return {"any": list(conds)}


def expand(cond: Condition) -> dict[str, Any]:
    """The same condition with the `between` sugar spelled out: between [f, lo, hi] → all(ge f lo, le f hi).

    Rule files may write `between`; engines never see it (`check` refuses it).
    """
    if not isinstance(cond, Mapping) or len(cond) != 1:
        raise ConditionError(f"a condition is a one-key mapping, got {cond!r}")
    (op, arg), = cond.items()
    if op == "between":
        if not (isinstance(arg, list) and len(arg) == 3 and isinstance(arg[0], str)):
            raise ConditionError("'between' takes [field, low, high]")
        return all_of(cmp("ge", arg[0], arg[1]), cmp("le", arg[0], arg[2]))
    if op in ("all", "any") and isinstance(arg, list):
        return {op: [expand(c) for c in arg]}
    if op == "not":
        return {"not": expand(arg)}
    return dict(cond)


def check(cond: Condition) -> None:
    """Raise `ConditionError` unless `cond` is in the closed language."""
    if not isinstance(cond, Mapping) or len(cond) != 1:
        raise ConditionError(f"a condition is a one-key mapping, got {cond!r}")
    (op, arg), = cond.items()
    if op in ("all", "any"):
        if not isinstance(arg, list) or not arg:
            raise ConditionError(f"'{op}' takes a non-empty list")
        for c in arg:
            check(c)
    elif op == "not":
        check(arg)
    elif op in ("present", "absent"):
        if not isinstance(arg, str):
            raise ConditionError(f"'{op}' takes a field name")
    elif op in COMPARISONS:
        if not (isinstance(arg, list) and len(arg) == 2 and isinstance(arg[0], str)):
            raise ConditionError(f"'{op}' takes [field, value]")
        if isinstance(arg[1], bool) or not isinstance(arg[1], int):
            raise ConditionError(f"'{op}' compares with an integer, got {arg[1]!r}")
    else:
        raise ConditionError(f"unknown operator {op!r}")


def normalise(cond: Condition, negate: bool = False) -> dict[str, Any]:
    """The same condition without `not`: negations pushed down by De Morgan's laws."""
    (op, arg), = cond.items()
    if op == "not":
        return normalise(arg, not negate)
    if op in ("all", "any"):
        new_op = op if not negate else ("any" if op == "all" else "all")
        return {new_op: [normalise(c, negate) for c in arg]}
    if negate:
        op = _NEGATE[op]
    if op in ("present", "absent"):
        return {op: arg}
    return {op: [arg[0], arg[1]]}


def fields(cond: Condition) -> set[str]:
    """Every fact field a condition reads."""
    (op, arg), = cond.items()
    if op in ("all", "any"):
        return set().union(*(fields(c) for c in arg))
    if op == "not":
        return fields(arg)
    if op in ("present", "absent"):
        return {arg}
    return {arg[0]}


def evaluate(cond: Condition, fact: Mapping[str, Any]) -> bool:
    """Evaluate a normalised condition over a flat fact (the reference semantics)."""
    (op, arg), = cond.items()
    if op == "all":
        return all(evaluate(c, fact) for c in arg)
    if op == "any":
        return any(evaluate(c, fact) for c in arg)
    if op == "present":
        return arg in fact
    if op == "absent":
        return arg not in fact
    name, value = arg
    if name not in fact:
        return False
    have = fact[name]
    if op == "eq":
        return bool(have == value)
    if op == "ne":
        return bool(have != value)
    if op == "lt":
        return bool(have < value)
    if op == "le":
        return bool(have <= value)
    if op == "gt":
        return bool(have > value)
    if op == "ge":
        return bool(have >= value)
    raise ConditionError(f"unknown operator {op!r}")


Predicate = Callable[[Mapping[str, Any]], bool]
_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge,
}


def compile_predicate(cond: Condition) -> Predicate:
    """A closure with exactly `evaluate`'s semantics, built once per rule instead of walking dicts per fact."""
    (op, arg), = cond.items()
    if op in ("all", "any"):
        parts = tuple(compile_predicate(c) for c in arg)
        if op == "all":
            return lambda fact: all(p(fact) for p in parts)
        return lambda fact: any(p(fact) for p in parts)
    if op == "present":
        return lambda fact: arg in fact
    if op == "absent":
        return lambda fact: arg not in fact
    if op not in _OPS:
        raise ConditionError(f"unknown operator {op!r} (normalise the condition first)")
    name, value, fn = arg[0], arg[1], _OPS[op]

    def compare(fact: Mapping[str, Any]) -> bool:
        have = fact.get(name, _MISSING)
        return have is not _MISSING and bool(fn(have, value))

    return compare


_MISSING = object()
