"""The durable-rules engine: the same compiled program, matched by durable-rules' Rete network.

Each compiled rule is its own durable rule (`ocop_rules.engines.durable_json`), matched by
durable's C matcher; its action only records (rule index, fact index) in a list keyed by the
session id. What a firing means is decided afterwards, once, for both engines. The embedding
follows the measured notes on durable-rules 2.0.28:

- one private `Host` per compiled program, with `_run` overridden so no timer threads start
  (the default Host starts threads that race with callers); the Host compiles the JSON rulesets;
- facts are asserted (every matching rule fires, unlike posted events), one fresh ASCII session
  id per evaluation, and the session is deleted in a `finally` (the engine caps live sessions at
  1,024 per ruleset: measured, the 1,025th crashes the process);
- a session in which no rule fired gets one `ocop:session` fact, matched by a dedicated rule,
  before it is deleted: deleting a session in which no action ever started reads uninitialised
  memory inside durable-rules (measured: segmentation fault when a ruleset's first session
  matched nothing and was deleted); a session whose closing fact fails is left undeleted rather
  than risk that;
- facts are checked and normalised first (`ocop_rules.engines.facts`), and only the fields some
  rule of the stage reads are passed on (matching cannot depend on the others, and durable copies
  the whole fact into every firing it reports);
- compiled programs are cached by `Program.key` and their rulesets freed with
  `durable_rules_engine.delete_ruleset` when evicted or closed;
- every call into the engine holds one module lock: durable-rules never releases the GIL, so the
  lock costs no speed, and it keeps sessions and result lists consistent across threads.

Actions are dispatched here, with durable's own C calls (`assert_fact`, `start_action_for_state`,
`complete_and_start_action`, `abandon_action`), not through durable's Python `Host.assert_fact`.
That layer re-serialises and re-asserts the unchanged session state after every action and builds
several objects per firing: on the coffee dossier's dossier stage (22 firings) it takes about
three times as long for the same matches in the same order (benchmarks/engines.py prints both,
and checks they agree). It also swallows an action's exception into
`state['exception']` and carries on; here an action that fails is abandoned and raised at once as
`EngineError`.

Firing order: with `pri` set to the rule index, durable starts the actions of the rules matching
one fact in `pri` order, which is program order (checked by the differential tests), and facts
are asserted one at a time, so firings come fact by fact, rule by rule, exactly as in the reference
engine. They are returned as recorded, not re-sorted, so cross-check mode tests durable's own order.
One thing is collapsed: durable turns `$or` into one match per satisfied branch, so a rule whose
`any` holds twice fires twice on one fact (measured). A rule fires at most once per fact in the
condition language, so repeats of a (rule, fact) pair are dropped and the first one is kept.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import Any

from ocop_rules.conditions import ConditionError, fields
from ocop_rules.engines.durable_json import OPEN_RULE, SESSION_KIND, rule_name, stage_definition
from ocop_rules.engines.facts import KIND, Fact, check_facts, numeric_fields
from ocop_rules.errors import EngineError
from ocop_rules.program import Program, Rule, Stage

INSTALL_HINT = (
    "the durable engine needs durable-rules: pip install 'ocop-rules[durable]' "
    "(Python 3.11 or 3.12 with a C compiler; durable-rules 2.0.28 builds from source and does not import on 3.13)"
)

CACHE_LIMIT = 64
"""Compiled programs kept; the least recently used is closed beyond this (each holds C rulesets, ≈640 kB)."""

_OK, _NOT_HANDLED = 0, 1
"""durable_rules_engine.assert_fact result codes (2: already observed, 3: deferred; neither can arise here)."""

_LOCK = threading.RLock()
_SESSIONS = itertools.count()
_HOSTS = itertools.count()


def _modules() -> tuple[ModuleType, ModuleType]:
    """durable's `engine` module and its C extension, or `EngineError` saying how to install them."""
    try:
        import durable_rules_engine
        from durable import engine
    except ImportError as err:
        raise EngineError(f"{INSTALL_HINT} (import failed: {err})") from None
    return engine, durable_rules_engine


def available() -> bool:
    """Whether durable-rules can be imported here."""
    try:
        _modules()
    except EngineError:
        return False
    return True


@cache
def _host_class(engine: ModuleType) -> type[Any]:
    class QuietHost(engine.Host):  # type: ignore[misc, name-defined]
        """A Host without the timer threads the default one starts and never stops."""

        def _run(self) -> None:
            return None

    return QuietHost


Recorded = list[tuple[int, int]]
"""(rule index in the stage, fact index), in the order durable fired them."""
Action = Callable[[Mapping[str, Any]], None]
"""Runs when its rule fires, with durable's match: {"m": <the fact as asserted>}."""


@dataclass
class _Stage:
    """One stage of a program registered as one durable ruleset."""

    name: str
    rule_ids: tuple[str, ...]
    numeric: frozenset[str]
    reads: frozenset[str]
    handle: int = 0
    actions: dict[str, Action] = field(default_factory=dict)
    sink: dict[str, Recorded] = field(default_factory=dict)
    opened: set[str] = field(default_factory=set)


def _recorder(index: int, sink: dict[str, Recorded]) -> Action:
    def record(match: Mapping[str, Any]) -> None:
        fact = match["m"]
        sink[fact["sid"]].append((index, int(fact["id"])))

    return record


def _opener(opened: set[str]) -> Action:
    def open_session(match: Mapping[str, Any]) -> None:
        opened.add(match["m"]["sid"])

    return open_session


class _Compiled:
    """A program's private Host and its stages' rulesets, registered on first use."""

    def __init__(self, program: Program) -> None:
        engine, self.native = _modules()
        self.rules: tuple[Rule, ...] = program.rules
        self.host = _host_class(engine)()
        self.serial = next(_HOSTS)
        self.stages: dict[str, _Stage] = {}

    def stage(self, program: Program, stage: str) -> _Stage:
        found = self.stages.get(stage)
        if found is not None:
            return found
        rules = program.stage(stage)  # type: ignore[arg-type]
        try:
            definition = stage_definition(stage, [r.condition for r in rules])
        except ConditionError as err:
            raise EngineError(f"program {program.key}, stage {stage!r}: cannot compile for durable-rules: {err}") from None
        st = _Stage(f"ocop{self.serial}_{stage}", tuple(r.id for r in rules), numeric_fields(r.condition for r in rules),
                    frozenset(set().union(*(fields(r.condition) for r in rules))))
        st.actions[OPEN_RULE] = _opener(st.opened)
        for i in range(len(rules)):
            st.actions[rule_name(i)] = _recorder(i, st.sink)
        for name, rule in definition.items():
            rule["run"] = st.actions[name]  # durable requires one; it deletes "run" from this (fresh) dict
        try:
            self.host.register_rulesets({st.name: definition})
            st.handle = self.host.get_ruleset(st.name)._handle
        except Exception as err:
            raise EngineError(f"durable-rules refused program {program.key}, stage {stage!r}: {err}") from err
        self.stages[stage] = st
        return st

    def close(self) -> None:
        """Free the C rulesets (durable's Python layer never does)."""
        for st in self.stages.values():
            self.native.delete_ruleset(st.handle)
        self.stages.clear()


_CACHE: OrderedDict[str, _Compiled] = OrderedDict()


def _compiled(program: Program) -> _Compiled:
    found = _CACHE.get(program.key)
    if found is not None:
        if found.rules is program.rules or found.rules == program.rules:
            found.rules = program.rules
            _CACHE.move_to_end(program.key)
            return found
        del _CACHE[program.key]
        found.close()
    made = _CACHE[program.key] = _Compiled(program)
    while len(_CACHE) > CACHE_LIMIT:
        _, old = _CACHE.popitem(last=False)
        old.close()
    return made


def close_program(key: str) -> bool:
    """Free the compiled form of the program with this key; False when none was cached."""
    with _LOCK:
        found = _CACHE.pop(key, None)
        if found is not None:
            found.close()
        return found is not None


def clear_cache() -> None:
    """Free every compiled program."""
    with _LOCK:
        while _CACHE:
            _, old = _CACHE.popitem()
            old.close()


def cached_keys() -> list[str]:
    """Keys of the compiled programs held, least recently used first."""
    with _LOCK:
        return list(_CACHE)


def check_stage_facts(program: Program, stage: Stage, facts: Sequence[Mapping[str, Any]]) -> list[Fact]:
    """The facts checked and normalised exactly as the durable engine checks them (the stage compiled once)."""
    with _LOCK:
        numeric = _compiled(program).stage(program, stage).numeric
    return check_facts(stage, facts, numeric)


def _assert(native: ModuleType, st: _Stage, message: Fact, what: str) -> None:
    """Assert one fact and run the actions of the rules it matched, in durable's agenda order."""
    try:
        code, state = native.assert_fact(st.handle, json.dumps(message, ensure_ascii=False))
        if code == _NOT_HANDLED:
            return
        if code != _OK:
            raise EngineError(f"durable-rules answered code {code} to {what}")
        started = native.start_action_for_state(st.handle, state)
    except EngineError:
        raise
    except Exception as err:
        raise EngineError(f"durable-rules failed on {what}: {err}") from err
    pending: str | None = started[1] if started else None
    while pending:
        try:
            (name, match), = json.loads(pending).items()
            st.actions[name](match)
        except Exception as err:
            native.abandon_action(st.handle, state)
            raise EngineError(f"a durable-rules action failed on {what}: {err!r}") from err
        try:
            pending = native.complete_and_start_action(st.handle, state)
        except Exception as err:
            raise EngineError(f"durable-rules failed after an action on {what}: {err}") from err


class DurableEngine:
    """Runs a program stage through durable-rules; results identical to the reference engine."""

    name = "durable"

    def run(self, program: Program, stage: Stage, facts: Sequence[Mapping[str, Any]]) -> list[tuple[str, int]]:
        """Every (rule id, fact index) durable fired, fact by fact, rule by rule."""
        with _LOCK:
            c = _compiled(program)
            st = c.stage(program, stage)
            checked = check_facts(stage, facts, st.numeric)
            if not checked:
                return []
            sid = f"s{next(_SESSIONS)}"
            fired: Recorded = []
            st.sink[sid] = fired
            try:
                for i, fact in enumerate(checked):
                    start = len(fired)
                    message: Fact = {k: v for k, v in fact.items() if k in st.reads}
                    message.update({KIND: stage, "sid": sid, "id": str(i)})
                    _assert(c.native, st, message, f"fact {i} of stage {stage!r}")
                    strays = [j for _, j in fired[start:] if j != i]
                    if strays:
                        raise EngineError(f"durable-rules fired on fact {strays[0]} while fact {i} was asserted")
            finally:
                del st.sink[sid]
                self._close_session(c, st, sid, acted=bool(fired))
            return [(st.rule_ids[r], i) for r, i in dict.fromkeys(fired)]

    @staticmethod
    def _close_session(c: _Compiled, st: _Stage, sid: str, acted: bool) -> None:
        if not acted and sid not in st.opened:  # never delete a session no action started in: see the module docstring
            try:
                _assert(c.native, st, {"sid": sid, "id": "open", KIND: SESSION_KIND}, "the session-closing fact")
            except EngineError:
                return
        if acted or sid in st.opened:
            st.opened.discard(sid)
            c.native.delete_state(st.handle, sid)


_ENGINE = DurableEngine()


def durable_engine() -> DurableEngine:
    """The durable engine, or `EngineError` with installation advice when durable-rules cannot be imported."""
    _modules()
    return _ENGINE


__all__ = ["INSTALL_HINT", "DurableEngine", "available", "cached_keys", "check_stage_facts", "clear_cache", "close_program",
           "durable_engine"]
