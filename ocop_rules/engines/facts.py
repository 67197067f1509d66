"""Facts are checked and normalised before they reach a rule engine.

durable-rules gives silently wrong answers on some inputs (text compared with numbers as text,
integers beyond 64 bits clamped, `1` equal to `true`, NaN false everywhere) and refuses others
deep inside its C code. So a fact is a flat mapping that this module proves safe first: field
names are plain identifiers and not reserved, numbers are integers in the signed 64-bit range,
every field a comparison reads holds an integer, text is NFC, and the property count stays
under the engine's limit. The cross-check engine runs both engines on the checked facts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ocop_rules.conditions import COMPARISONS, Condition
from ocop_rules.errors import EngineError

KIND = "kind"
"""Every fact names its stage in this field; every compiled durable rule is guarded by it."""

RESERVED = frozenset({"id", "sid"})
"""Field names durable-rules gives a meaning (fact identity and session); `$`-names are refused by the name pattern."""

ENGINE_PROPERTIES = 2
"""Properties the durable engine adds to every fact it asserts: `sid` and `id`."""

MAX_PROPERTIES = 254
"""durable-rules refuses a fact with more properties than this (measured: 254 pass, 255 fail, counting `sid` and `id`)."""

MAX_FACT_FIELDS = MAX_PROPERTIES - ENGINE_PROPERTIES
"""The most fields a fact may bring, its `kind` included."""

INT_MIN, INT_MAX = -(2**63), 2**63 - 1
"""durable-rules compares signed 64-bit integers and clamps anything beyond."""

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_ACCEPTED: set[str] = set()
"""Field names already found valid: checking each name once keeps fact checking cheap."""
_ACCEPTED_LIMIT = 100_000
FactValue = int | str
Fact = dict[str, FactValue]


def check_field_name(name: object) -> str | None:
    """Why `name` cannot be a fact field (None when it can): plain ASCII identifiers only, never reserved."""
    if not isinstance(name, str):
        return f"field names are text, got {type(name).__name__} {name!r}"
    if not _NAME.match(name):
        return (f"field name {name!r} is not a plain identifier (ASCII letters, digits, '_'): the engine reads "
                "'.' as a path into nested facts and '$' as an operator")
    if name in RESERVED:
        return f"field name {name!r} is reserved by durable-rules ({', '.join(sorted(RESERVED))})"
    return None


def compared_fields(cond: Condition) -> set[str]:
    """The fields a condition compares with an integer (present/absent only test that a field exists)."""
    (op, arg), = cond.items()
    if op in ("all", "any"):
        return set().union(*(compared_fields(c) for c in arg))
    if op == "not":
        return compared_fields(arg)
    if op in COMPARISONS:
        return {arg[0]}
    return set()


def numeric_fields(conditions: Iterable[Condition]) -> frozenset[str]:
    """Every field some condition of a stage compares: these must hold integers in every fact."""
    out: set[str] = set()
    for cond in conditions:
        out |= compared_fields(cond)
    return frozenset(out)


def _value(value: object, numeric: bool) -> tuple[FactValue | None, str | None]:
    """The normalised value, or why it is refused."""
    if isinstance(value, bool):
        return None, f"is a boolean ({value}); facts hold integers (the engine reads true as 1)"
    if isinstance(value, int):
        if not INT_MIN <= value <= INT_MAX:
            return None, f"is {value}, outside the signed 64-bit range the engine compares exactly"
        return value, None
    if isinstance(value, float):
        what = "NaN" if value != value else "infinite" if value in (float("inf"), float("-inf")) else f"the fraction {value!r}"
        return None, f"is {what}; facts hold finite integers (the conditions compare integers)"
    if isinstance(value, str):
        if numeric:
            return None, f"is the text {value!r} but a rule compares it with a number (the engine would compare text)"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return None, "is text that is not valid Unicode (it holds a lone surrogate)"
        return unicodedata.normalize("NFC", value), None
    return None, f"is a {type(value).__name__}; facts are flat and hold integers or text"


def check_fact(fact: Mapping[str, Any], index: int, stage: str, numeric: frozenset[str]) -> Fact:
    """A normalised copy of one fact, or `EngineError` naming the fact, the field and the reason."""
    where = f"fact {index} of stage {stage!r}"
    if not isinstance(fact, Mapping):
        raise EngineError(f"{where} is a {type(fact).__name__}, not a mapping of fields")
    if len(fact) > MAX_FACT_FIELDS:
        raise EngineError(f"{where} has {len(fact)} fields; durable-rules takes at most {MAX_PROPERTIES} properties "
                          f"per fact, {ENGINE_PROPERTIES} of them its own (sid, id), so at most {MAX_FACT_FIELDS}")
    if fact.get(KIND) != stage:
        raise EngineError(f"{where} has {KIND} {fact.get(KIND)!r}; a fact's {KIND!r} names its stage, here {stage!r}")
    out: Fact = {}
    for name, value in fact.items():
        if type(value) is int and name in _ACCEPTED and INT_MIN <= value <= INT_MAX:
            out[name] = value  # the common case, kept fast: a known-good name holding an integer
            continue
        problem = check_field_name(name)
        if problem is None:
            if len(_ACCEPTED) < _ACCEPTED_LIMIT:
                _ACCEPTED.add(name)
            normal, problem = _value(value, name in numeric)
            if normal is not None:
                out[name] = normal
                continue
            problem = f"field {name!r} {problem}"
        raise EngineError(f"{where}: {problem}")
    return out


def check_facts(stage: str, facts: Sequence[Mapping[str, Any]], numeric: frozenset[str]) -> list[Fact]:
    """Every fact of a stage checked and normalised, in order."""
    return [check_fact(f, i, stage, numeric) for i, f in enumerate(facts)]
