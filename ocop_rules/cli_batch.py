"""Sub-commands `batch`, `gap` and `report` (registered by `ocop_rules.cli`).

`batch` exits 0 when every dossier was decided, 1 when some rows are errors, 2 on a usage
error (missing input, wrong --out suffix). Its summary table goes to stdout, its progress bar
to stderr, and only when stderr is a terminal.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from ocop_rules.errors import InputError, Problem


class Progress:
    """A one-line progress bar on a terminal: done/total, percent, rate; redrawn at most ten times a second."""

    def __init__(self, total: int, stream: TextIO, width: int = 30) -> None:
        self.total, self.stream, self.width = total, stream, width
        self.done = self._drawn = 0
        self.start = self._last = time.monotonic()

    def tick(self) -> None:
        """One more dossier done."""
        self.done += 1
        now = time.monotonic()
        if now - self._last >= 0.1 or self.done == self.total:
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        frac = self.done / self.total if self.total else 1.0
        filled = int(frac * self.width)
        self._drawn = self.done
        rate = self.done / max(now - self.start, 1e-9)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} {frac:4.0%} {rate:,.0f}/s")
        self.stream.flush()

    def close(self) -> None:
        """End the line so later output starts clean."""
        if self._drawn != self.done or not self.done:
            self._draw(time.monotonic())
        self.stream.write("\n")
        self.stream.flush()


def _policy(args: argparse.Namespace) -> dict[str, str] | None:
    return {"minimum": args.minimum} if getattr(args, "minimum", None) else None


def cmd_batch(args: argparse.Namespace) -> int:
    from ocop_rules.batch import Options, check_inputs, count_items, prepare_process, run_rendered
    from ocop_rules.batch_output import RowWriter, Summary, output_format

    if args.jobs < 1:
        raise InputError("--jobs", [Problem("", "must be at least 1")])
    check_inputs(args.inputs)
    fmt = output_format(Path(args.out))
    writer = RowWriter(Path(args.out))
    progress = Progress(count_items(args.inputs), sys.stderr) if sys.stderr.isatty() and not args.quiet else None
    summary = Summary()
    options = Options(ruleset=args.ruleset, policy=_policy(args), engine=args.engine)
    if args.jobs == 1:
        prepare_process()  # this process does the work and nothing else: tune it (workers tune themselves)
    try:
        for tally, line in run_rendered(args.inputs, fmt, options, jobs=args.jobs):
            writer.write(line)
            summary.add(tally)
            if progress:
                progress.tick()
    finally:
        writer.close()
        if progress:
            progress.close()
    if not args.quiet:
        sys.stdout.write(summary.table())
    return 1 if summary.by_star["error"] else 0


def _decision(path: Path, args: argparse.Namespace, trace: bool) -> Any:
    """A decision from a dossier (evaluated now) or from a decision JSON written by `evaluate --format json`."""
    from pydantic import ValidationError

    from ocop_rules.decision import Decision
    from ocop_rules.dossier import read_dossier_data
    from ocop_rules.evaluate import evaluate

    data = read_dossier_data(path)
    if isinstance(data, dict) and "schema_version" in data and isinstance(data.get("ruleset"), dict):
        try:
            return Decision.model_validate(data)
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(x) for x in first["loc"])
            raise InputError(f"decision {path}", [Problem(where, str(first["msg"]))]) from None
    return evaluate(path, ruleset=args.ruleset, policy=_policy(args), trace=trace)


def cmd_gap(args: argparse.Namespace) -> int:
    from ocop_rules.next_star import next_star
    from ocop_rules.render_gap import render_next_star

    ns = next_star(_decision(Path(args.file), args, trace=False))
    if args.format == "json":
        sys.stdout.write(ns.model_dump_json(indent=2) + "\n")
    else:
        sys.stdout.write(render_next_star(ns, args.lang))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from ocop_rules.report import render_html

    decision = _decision(Path(args.file), args, trace=True)
    Path(args.out).write_text(render_html(decision, args.lang), encoding="utf-8")
    sys.stdout.write(f"{args.out}\n")
    return 0


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--ruleset", help="ruleset id; overrides the dossier's own field")
    p.add_argument("--minimum", choices=["mean", "every-assessor"], help="star-minimum policy (default mean)")


def register(subparsers: Any) -> None:
    """Add `batch`, `gap` and `report` to the CLI."""
    b = subparsers.add_parser("batch", help="evaluate folders of dossiers or JSONL files into one CSV/JSONL table")
    b.add_argument("inputs", nargs="+", metavar="INPUT", help="a folder (searched recursively), a .jsonl file or a dossier")
    b.add_argument("--out", required=True, help="results.csv or results.jsonl (the suffix chooses the format)")
    b.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    b.add_argument("--engine", choices=["reference", "durable", "cross-check"], default="reference")
    b.add_argument("--quiet", action="store_true", help="no progress bar and no summary table")
    _common(b)
    b.set_defaults(func=cmd_batch)

    g = subparsers.add_parser("gap", help="what to improve to reach the next star")
    g.add_argument("file", help="a dossier, or a decision JSON from `evaluate --format json`")
    g.add_argument("--format", choices=["text", "json"], default="text")
    g.add_argument("--lang", choices=["vi", "en"], default="vi")
    _common(g)
    g.set_defaults(func=cmd_gap)

    r = subparsers.add_parser("report", help="write a self-contained HTML decision report")
    r.add_argument("file", help="a dossier, or a decision JSON from `evaluate --format json`")
    r.add_argument("--out", required=True, help="the HTML file to write")
    r.add_argument("--lang", choices=["vi", "en"], default="vi")
    _common(r)
    r.set_defaults(func=cmd_report)
