"""Throughput of `evaluate(load_dossier(mapping))` on the 7-assessor coffee dossier, full trace included.

The timed call validates the mapping into a Dossier, selects the ruleset by filing date, resolves
the seven sheets, runs both stages of the compiled program on the reference engine, classifies,
builds the Decision and its full bilingual trace. It does not serialise to JSON.

It is timed twice: on the dossier without its `evidence` section (the core pipeline that the
2,000/s target speaks of) and on the dossier as shipped, with evidence (derivation stage, claim
and document checks).

The baseline is hand-written for set 13 only: it sums each sheet's points, averages exactly and
applies the bands and the cumulative star minimums, nothing else (no validation, no trace).
Run: .venv/bin/python benchmarks/evaluate.py [--seconds S]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

import ocop_rules

ROOT = Path(__file__).resolve().parent.parent
DOSSIER = ROOT / "examples" / "dossiers" / "kien-cuong-weasel-coffee.yaml"


def baseline_factory() -> Callable[[dict[str, Any]], int]:
    ps = ocop_rules.get_ruleset("qd-26-2026").product_set(13)
    assert ps is not None
    marks = [(c.code, o.points, o.min_stars) for c in ps.leaves for o in c.options if o.min_stars]
    bands = [(90, 5), (70, 4), (50, 3), (30, 2), (0, 1)]

    def baseline(data: dict[str, Any]) -> int:
        sheets = [s["scores"] for s in data["score_sheets"]]
        n = len(sheets)
        avg = Fraction(sum(sum(s.values()) for s in sheets), n)
        band = next(stars for lower, stars in bands if avg >= lower)
        for k in range(band, 0, -1):
            if all(sum(s.get(code, 0) for s in sheets) >= pts * n for code, pts, m in marks if m is not None and m <= k):
                return k
        return 1

    return baseline


def rate(fn: Callable[[], object], seconds: float) -> float:
    fn()
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        for _ in range(50):
            fn()
        count += 50
    return count / elapsed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=3.0)
    args = ap.parse_args()
    with_evidence = yaml.safe_load(DOSSIER.read_text(encoding="utf-8"))
    data = {k: v for k, v in with_evidence.items() if k != "evidence"}
    baseline = baseline_factory()
    assert baseline(data) == ocop_rules.evaluate(ocop_rules.load_dossier(data)).stars == 4
    full = rate(lambda: ocop_rules.evaluate(ocop_rules.load_dossier(data)), args.seconds)
    lean = rate(lambda: ocop_rules.evaluate(ocop_rules.load_dossier(data), trace=False), args.seconds)
    evid = rate(lambda: ocop_rules.evaluate(ocop_rules.load_dossier(with_evidence)), args.seconds)
    base = rate(lambda: baseline(data), args.seconds)
    print("timed call: evaluate(load_dossier(mapping)) — validation, selection, 7 sheets, both program stages,")
    print("            classification, Decision model, full bilingual trace (no JSON serialisation)")
    print(f"evaluate, full trace         : {full:9.0f} decisions/s  ({1e6 / full:7.1f} µs each)")
    print(f"evaluate, trace=False        : {lean:9.0f} decisions/s  ({1e6 / lean:7.1f} µs each)")
    print(f"evaluate, with evidence      : {evid:9.0f} decisions/s  ({1e6 / evid:7.1f} µs each)")
    print(f"hand-written baseline        : {base:9.0f} decisions/s  ({1e6 / base:7.1f} µs each)")
    print(f"ratio baseline/full          : {base / full:9.1f}×   target: full ≥ 2000 decisions/s on one core")

if __name__ == "__main__":
    main()
