"""Evaluate whole rounds of dossiers: one result row per dossier, streamed in input order.

Provinces evaluate rounds of dossiers at once (Art. 5: at least two rounds a year). A bad
dossier becomes an error row and never stops the batch. Rows come out in the order of the
inputs whatever the number of worker processes, and only a bounded window of dossiers is in
flight, so memory does not grow with the size of the round. Batch evaluation skips the
explanation trace (`evaluate(..., trace=False)`); every other decision field is the same.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import Any

from ocop_rules.batch_output import COLUMNS, Row, Tally, render, tally
from ocop_rules.decision import Decision
from ocop_rules.dossier import MAX_DOSSIER_BYTES
from ocop_rules.errors import InputError, OcopError, Problem

DOSSIER_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class Item:
    """One dossier to evaluate: a file, or one line of a JSONL file (`text` holds the line, `error` why it cannot)."""

    source: str
    path: str | None = None
    text: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class Options:
    """What every dossier of the batch is evaluated with."""

    ruleset: str | None = None
    policy: Mapping[str, str] | None = None
    engine: str = "reference"


def iter_items(inputs: Sequence[str | Path]) -> Iterator[Item]:
    """Dossiers of the inputs in a fixed order: each input in turn; folders walked recursively, sorted."""
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in DOSSIER_SUFFIXES and p.is_file())
            for f in files:
                yield Item(str(f), path=str(f))
        elif path.suffix.lower() == ".jsonl":
            with path.open("rb") as fh:
                for number, raw_line in enumerate(fh, 1):
                    if raw_line.strip():
                        yield _line_item(f"{path}:{number}", raw_line)
        else:
            yield Item(str(path), path=str(path))


def _line_item(source: str, raw: bytes) -> Item:
    if len(raw) > MAX_DOSSIER_BYTES:
        return Item(source, error=f"line is {len(raw)} bytes; the limit is {MAX_DOSSIER_BYTES}")
    try:
        return Item(source, text=raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Item(source, error="line is not UTF-8 text")


def check_inputs(inputs: Sequence[str | Path]) -> None:
    """Refuse, before any work, inputs that do not exist or are not dossiers, folders or JSONL files."""
    problems = []
    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            problems.append(Problem(str(raw), "no such file or folder"))
        elif path.is_file() and path.suffix.lower() not in (*DOSSIER_SUFFIXES, ".jsonl"):
            problems.append(Problem(str(raw), "expected a folder, a .jsonl file or a .yaml/.yml/.json dossier"))
    if not inputs:
        problems.append(Problem("INPUT", "give at least one folder or JSONL file"))
    if problems:
        raise InputError("batch input", problems)


def count_items(inputs: Sequence[str | Path]) -> int:
    """How many rows the inputs will give (for the progress bar); reads JSONL files once, quickly."""
    total = 0
    for raw in inputs:
        path = Path(raw)
        if path.suffix.lower() == ".jsonl" and path.is_file():
            with path.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        elif path.is_dir():
            total += sum(1 for p in path.rglob("*") if p.suffix.lower() in DOSSIER_SUFFIXES and p.is_file())
        else:
            total += 1
    return total


def row_from_decision(source: str, d: Decision) -> Row:
    """The result row of a decision: the figures a round's summary needs, nothing of the trace."""
    rej = d.rejected
    return {
        "source": source, "id": d.dossier_id, "product": d.product, "province": d.province,
        "set": d.product_set.number, "ruleset": d.ruleset.id, "average": d.average_total,
        "average_exact": d.average_total_exact, "band_stars": d.band_stars, "stars": d.stars,
        "certifiable": d.certifiable, "authority": d.authority,
        "unmet_minimums": [{"code": m.code, "stars": m.stars, "required": m.required_points, "points": m.points}
                           for m in d.unmet_minimums],
        "disqualification": None if rej is None else {"ground": rej.ground, "kind": rej.kind, "criterion": rej.criterion,
                                                      "text_vi": rej.text_vi, "text_en": rej.text_en,
                                                      "citation": rej.citation},
        "error": None,
    }


def error_row(source: str, message: str, data: Any = None) -> Row:
    """A row for a dossier that could not be decided; what could be read of it is kept."""
    row: Row = dict.fromkeys(COLUMNS)
    row.update(source=source, error=message, unmet_minimums=[])
    if isinstance(data, Mapping):
        row["id"] = data.get("id") if isinstance(data.get("id"), str) else None
        product, producer = data.get("product"), data.get("producer")
        if isinstance(product, Mapping) and isinstance(product.get("name"), str):
            row["product"] = product["name"]
        if isinstance(producer, Mapping) and isinstance(producer.get("province"), str):
            row["province"] = producer["province"]
        if isinstance(data.get("product_set"), int):
            row["set"] = data["product_set"]
    return row


def evaluate_item(item: Item, options: Options) -> Row:
    """Decide one dossier; any failure becomes an error row naming the source (file, or file:line)."""
    from ocop_rules.dossier import read_dossier_data
    from ocop_rules.evaluate import evaluate

    data: Any = None
    if item.error is not None:
        return error_row(item.source, item.error)
    try:
        if item.text is not None:
            try:
                data = json.loads(item.text)
            except json.JSONDecodeError as err:
                return error_row(item.source, f"not valid JSON: {err.msg} (column {err.colno})")
        else:
            assert item.path is not None
            data = read_dossier_data(Path(item.path))
        if not isinstance(data, Mapping):
            return error_row(item.source, "a dossier must be a mapping of fields")
        decision = evaluate(data, ruleset=options.ruleset, policy=options.policy, engine=options.engine, trace=False)
        return row_from_decision(item.source, decision)
    except OcopError as err:
        return error_row(item.source, str(err), data)
    except Exception as err:  # a bug must not stop a round of ten thousand dossiers; the row says what happened
        return error_row(item.source, f"internal error: {type(err).__name__}: {err}", data)


@dataclass(frozen=True)
class Task:
    """One worker's share: a few dossier files, or a byte range of a JSONL file (read by the worker itself)."""

    items: tuple[Item, ...] = ()
    path: str | None = None
    start: int = 0
    end: int = 0
    first_line: int = 1


def task_items(task: Task) -> Iterator[Item]:
    """The dossiers of a task, in order; JSONL lines keep their line numbers, blank lines are skipped."""
    yield from task.items
    if task.path is None:
        return
    with open(task.path, "rb") as fh:
        fh.seek(task.start)
        data = fh.read(task.end - task.start)
    lines = data.split(b"\n")
    if data.endswith(b"\n"):
        lines.pop()
    for k, raw in enumerate(lines):
        if raw.strip():
            yield _line_item(f"{task.path}:{task.first_line + k}", raw)


def iter_tasks(inputs: Sequence[str | Path], size: int = 64) -> Iterator[Task]:
    """The inputs cut into tasks of about `size` dossiers, in input order (see `iter_items`)."""
    for raw in inputs:
        path = Path(raw)
        if path.suffix.lower() == ".jsonl" and not path.is_dir():
            yield from _jsonl_tasks(path, size)
        else:
            for chunk in _chunks(iter_items([path]), size):
                yield Task(items=tuple(chunk))


def _jsonl_tasks(path: Path, size: int) -> Iterator[Task]:
    """Byte ranges of `size` lines each: the parent only finds line ends; workers parse."""
    start = pos = count = 0
    first = 1
    with path.open("rb") as fh:
        for line in fh:
            pos += len(line)
            count += 1
            if count == size:
                yield Task(path=str(path), start=start, end=pos, first_line=first)
                start, first, count = pos, first + count, 0
    if count:
        yield Task(path=str(path), start=start, end=pos, first_line=first)


def _work(task: Task, fmt: str | None, options: Options) -> list[Row] | list[tuple[Tally, str]]:
    rows = [evaluate_item(item, options) for item in task_items(task)]
    if fmt is None:
        return rows
    return [(tally(row), render(row, fmt)) for row in rows]


def _warm_up() -> None:
    """Load every ruleset once (selection by date reads them all), so forked workers inherit them parsed."""
    from ocop_rules.registry import get_ruleset, ruleset_ids

    for rid in ruleset_ids():
        get_ruleset(rid)


GC_THRESHOLD = 100_000
"""Young-generation threshold for batch processes: one evaluation allocates thousands of short-lived objects."""


def prepare_process() -> None:
    """Tune a process that does nothing but batch work (the CLI, the workers): rulesets loaded, then frozen out of
    the garbage collector's sight, and fewer young-generation collections (about 3% fewer instructions per dossier).
    Library callers evaluating in their own process are left alone."""
    _warm_up()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _run(tasks: Iterable[Task], options: Options, jobs: int, fmt: str | None) -> Iterator[Any]:
    """Results of the tasks in order; with jobs > 1, at most 4 tasks per worker process are in flight."""
    if jobs <= 1:
        for task in tasks:
            yield from _work(task, fmt, options)
        return
    window = 4 * jobs
    _warm_up()  # forked workers inherit the parsed rulesets
    with multiprocessing.Pool(jobs, initializer=prepare_process) as pool:
        pending: deque[AsyncResult[Any]] = deque()
        for task in tasks:
            pending.append(pool.apply_async(_work, (task, fmt, options)))
            if len(pending) >= window:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def run_batch(items: Iterable[Item], options: Options | None = None, *, jobs: int = 1, chunk_size: int = 64) -> Iterator[Row]:
    """Result rows in input order, evaluated in `jobs` processes."""
    tasks = (Task(items=tuple(chunk)) for chunk in _chunks(items, chunk_size))
    return _run(tasks, options or Options(), jobs, None)


def run_rendered(inputs: Sequence[str | Path], fmt: str, options: Options | None = None, *, jobs: int = 1,
                 chunk_size: int = 64) -> Iterator[tuple[Tally, str]]:
    """(tally, rendered line) per dossier of the inputs, in input order: what the `batch` command writes."""
    return _run(iter_tasks(inputs, chunk_size), options or Options(), jobs, fmt)
