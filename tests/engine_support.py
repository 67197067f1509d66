"""Helpers for the engine tests: requiring durable-rules, recording what engines fire, comparing decisions."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest

import ocop_rules.evaluate  # noqa: F401 - loads the module; the package attribute of that name is the function
from ocop_rules.decision import Decision
from ocop_rules.engines import Engine, get_engine
from ocop_rules.program import Program, Stage

EVALUATE_MODULE = sys.modules["ocop_rules.evaluate"]


def require_durable() -> None:
    """Skip the calling test module when durable-rules cannot be imported, saying why.

    With OCOP_REQUIRE_DURABLE=1 (set by .ci/run on Python 3.11 and 3.12) the module fails
    instead, so CI cannot pass with the durable tests silently skipped.
    """
    from ocop_rules.engines.durable import INSTALL_HINT, available

    if available():
        return
    reason = f"durable-rules is not importable here ({sys.version.split()[0]}): {INSTALL_HINT}"
    if os.environ.get("OCOP_REQUIRE_DURABLE") == "1":
        pytest.fail(f"OCOP_REQUIRE_DURABLE=1 but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


Call = tuple[str, str, list[dict[str, Any]], list[tuple[str, int]]]
"""(program key, stage, facts, firings) of one engine run."""


class Recorder:
    """Wraps an engine and records every stage it runs, so two engines' firings can be compared."""

    def __init__(self, inner: Engine) -> None:
        self.inner = inner
        self.name = inner.name
        self.calls: list[Call] = []

    def run(self, program: Program, stage: Stage, facts: Sequence[Mapping[str, Any]]) -> list[tuple[str, int]]:
        copies = [dict(f) for f in facts]
        fired = self.inner.run(program, stage, facts)
        self.calls.append((program.key, stage, copies, list(fired)))
        return fired


@contextmanager
def recording(engine: str) -> Iterator[Recorder]:
    """`evaluate(..., engine=engine)` inside this block runs through a `Recorder`."""
    recorder = Recorder(get_engine(engine))
    with mock.patch.object(EVALUATE_MODULE, "get_engine", lambda name: recorder):
        yield recorder


def without_engine(decision: Decision | Mapping[str, Any]) -> dict[str, Any]:
    """The decision as data minus the engine's name (top level and the trace step that repeats it)."""
    data = dict(decision.model_dump() if isinstance(decision, Decision) else decision)
    data.pop("engine")
    data["trace"] = [{**s, "values": {k: v for k, v in s["values"].items() if k != "engine"}} for s in data["trace"]]
    return data
