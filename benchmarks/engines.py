"""Engines compared on the 7-assessor coffee dossier, and durable's memory over 50,000 evaluations.

    .venv/bin/python benchmarks/engines.py [--seconds 2] [--rounds 3] [--evaluations 50000]

Throughput, decisions per second, for the reference, durable and cross-check engines in one run,
with the ratio to the reference engine (the hand-written baseline: the program's conditions
evaluated in plain Python):

- engine: the two engine runs one decision needs, on facts built once: the sheet stage over the
  seven sheet facts and the dossier stage over the one aggregated fact (22 rules fire there:
  the band and one met-or-unmet rule per star mark). This is the engine's own cost.
- evaluate: `ocop_rules.evaluate(dossier, engine=...)`, the whole pipeline, trace on and off.

Rates are best-of-rounds, on CPU time of this process (other load on the machine affects wall
time far more); wall-clock rates are printed alongside.

Memory: resident set size (from /proc/self/statm; ru_maxrss where that is missing) at 0,
10,000, ..., 50,000 durable evaluations (engine decisions as above: two sessions each).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ocop_rules  # noqa: E402
import ocop_rules.evaluate  # noqa: E402 - the package attribute of that name is the function
from ocop_rules.dossier import load_dossier  # noqa: E402
from ocop_rules.engines import Engine, get_engine  # noqa: E402
from ocop_rules.program import Program, Stage  # noqa: E402

DOSSIER = ROOT / "examples" / "dossiers" / "kien-cuong-weasel-coffee.yaml"
ENGINES = ("reference", "durable", "cross-check")


def rss_kb() -> int:
    """Current resident set size in kB (peak size where /proc is missing)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


Call = tuple[Program, Stage, list[dict[str, Any]]]


def engine_calls() -> list[Call]:
    """The (program, stage, facts) of the coffee decision, captured from a real evaluation."""
    calls: list[Call] = []
    reference = get_engine("reference")

    class Capture:
        name = "reference"

        def run(self, program: Program, stage: Stage, facts: Sequence[Mapping[str, Any]]) -> list[tuple[str, int]]:
            calls.append((program, stage, [dict(f) for f in facts]))
            return reference.run(program, stage, facts)

    with mock.patch.object(sys.modules["ocop_rules.evaluate"], "get_engine", lambda name: Capture()):
        ocop_rules.evaluate(load_dossier(DOSSIER))
    return calls


def rate(work: Callable[[], object], seconds: float, rounds: int) -> tuple[float, float]:
    """Best (CPU-time, wall-time) calls per second over `rounds` rounds of about `seconds` each."""
    work()
    best_cpu = best_wall = 0.0
    for _ in range(rounds):
        n, cpu0, wall0 = 0, time.process_time(), time.perf_counter()
        while time.perf_counter() - wall0 < seconds:
            for _ in range(20):
                work()
            n += 20
        best_cpu = max(best_cpu, n / max(time.process_time() - cpu0, 1e-9))
        best_wall = max(best_wall, n / (time.perf_counter() - wall0))
    return best_cpu, best_wall


def decide_with(engine: Engine, calls: list[Call]) -> Callable[[], object]:
    def decide() -> object:
        return [engine.run(p, s, f) for p, s, f in calls]

    return decide


def throughput(seconds: float, rounds: int) -> None:
    calls = engine_calls()
    dossier = load_dossier(DOSSIER)
    fired = [len(get_engine("reference").run(p, s, f)) for p, s, f in calls]
    print(f"coffee dossier: {len(dossier.score_sheets)} assessors; stages "
          + ", ".join(f"{s} ({len(f)} facts, {n} firings)" for (_, s, f), n in zip(calls, fired, strict=True)))
    rows: list[tuple[str, str, float, float]] = []
    def full(name: str, trace: bool) -> Callable[[], object]:
        return lambda: ocop_rules.evaluate(dossier, engine=name, trace=trace)

    for name in ENGINES:
        rows.append(("engine", name, *rate(decide_with(get_engine(name), calls), seconds, rounds)))
    for label, trace in (("evaluate, trace on", True), ("evaluate, trace off", False)):
        for name in ENGINES:
            rows.append((label, name, *rate(full(name, trace), seconds, rounds)))
    print(f"\n{'measure':<20} {'engine':<12} {'decisions/s (cpu)':>18} {'(wall)':>9} {'vs reference':>13}")
    base = {label: cpu for label, name, cpu, _ in rows if name == "reference"}
    for label, name, cpu, wall in rows:
        print(f"{label:<20} {name:<12} {cpu:>18,.0f} {wall:>9,.0f} {cpu / base[label]:>12.3f}x")
    durable = get_engine("durable")
    print("\ndurable, per stage (cpu), µs per run: this engine's dispatch, and durable's own Host.assert_fact dispatch")
    for (p, s, f), n in zip(calls, fired, strict=True):
        ours, _ = rate(partial(durable.run, p, s, f), seconds / 2, rounds)
        host = host_dispatch(p, s)
        assert [(p.stage(s)[r].id, i) for r, i in dict.fromkeys(host(f))] == durable.run(p, s, f)
        theirs, _ = rate(partial(host, f), seconds / 2, rounds)
        print(f"  {s:<8} {len(f)} facts, {n:>2} firings: {1e6 / ours:8.0f} {1e6 / theirs:8.0f}")


def host_dispatch(program: Program, stage: Stage) -> Callable[[list[dict[str, Any]]], list[tuple[int, int]]]:
    """The same durable rules and facts, dispatched by durable's own Python layer (`Host.assert_fact`).

    For comparison only: the engine dispatches actions itself (see ocop_rules/engines/durable.py).
    """
    from durable import engine

    from ocop_rules.conditions import fields
    from ocop_rules.engines.durable_json import stage_definition

    class QuietHost(engine.Host):  # type: ignore[misc]
        def _run(self) -> None:
            return None

    rules = program.stage(stage)
    reads = set().union(*(fields(r.condition) for r in rules))
    fired: list[tuple[int, int]] = []

    def recorder(index: int) -> Callable[[Any], None]:
        def record(c: Any) -> None:
            fired.append((index, int(c.m.id)))

        return record

    definition = stage_definition(stage, [r.condition for r in rules])
    for name, rule in definition.items():
        rule["run"] = recorder(int(name[1:]) if name.startswith("r") else -1)
    host = QuietHost()
    host.register_rulesets({"bench": definition})
    sessions = iter(range(10**9))

    def run(facts: list[dict[str, Any]]) -> list[tuple[int, int]]:
        fired.clear()
        sid = f"h{next(sessions)}"
        host.assert_fact("bench", {"sid": sid, "id": "open", "kind": "ocop:session"})
        for i, fact in enumerate(facts):
            message = {k: v for k, v in fact.items() if k in reads}
            message.update({"kind": stage, "sid": sid, "id": str(i)})
            with contextlib.suppress(engine.MessageNotHandledException):
                host.assert_fact("bench", message)
        host.delete_state("bench", sid)
        return [f for f in fired if f[0] >= 0]

    return run


def memory(evaluations: int) -> None:
    calls = engine_calls()
    decide = decide_with(get_engine("durable"), calls)
    step = max(evaluations // 5, 1)
    print(f"\ndurable memory over {evaluations:,} evaluations (RSS, kB):")
    print(f"  {0:>7,}: {rss_kb():>8,}")
    start = time.perf_counter()
    for i in range(1, evaluations + 1):
        decide()
        if i % step == 0:
            print(f"  {i:>7,}: {rss_kb():>8,}   ({i / (time.perf_counter() - start):,.0f}/s)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="length of one timing round")
    parser.add_argument("--rounds", type=int, default=3, help="timing rounds; the best is kept")
    parser.add_argument("--evaluations", type=int, default=50_000, help="durable evaluations for the memory run")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, ocop-rules {ocop_rules.__version__}")
    throughput(args.seconds, args.rounds)
    memory(args.evaluations)


if __name__ == "__main__":
    main()
