"""What a batch writes: one CSV or JSONL line per result row, and the summary counts of the round.

Rows are rendered to text where they are computed (in the worker processes), so the parent
only writes lines and adds up small tallies.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocop_rules.errors import InputError, Problem

COLUMNS = ("source", "id", "product", "province", "set", "ruleset", "average", "average_exact", "band_stars",
           "stars", "certifiable", "authority", "unmet_minimums", "disqualification", "error")
"""The columns of a result row, in output order."""

FORMATS = ("csv", "jsonl")
STAR_KEYS = ("1★", "2★", "3★", "4★", "5★", "rejected", "error")

Row = dict[str, Any]
Tally = tuple[str, str, int, str]
"""What the summary needs of a row: (star key, ruleset id or '?', set number or -1, province or '?')."""


def tally(row: Row) -> Tally:
    """A row reduced to the summary's keys."""
    star = "error" if row["error"] is not None else "rejected" if row["stars"] is None else f"{row['stars']}★"
    return (star, row.get("ruleset") or "?", row["set"] if row["set"] is not None else -1, row["province"] or "?")


def _flat(column: str, value: Any) -> str:
    """A CSV cell: lists and objects become one readable line; None is empty; booleans are true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if column == "unmet_minimums":
        return "; ".join(f"{m['code']} {m['stars']}★ ≥{m['required']} ({m['points']})" for m in value)
    if column == "disqualification":
        where = f" [{value['criterion']}]" if value.get("criterion") else ""
        return f"{value['ground']}{where}: {value['text_vi']}"
    return str(value)


def render(row: Row, fmt: str) -> str:
    """One output line (with its newline) for a row: a CSV record or a JSON object."""
    if fmt == "jsonl":
        return json.dumps({c: row[c] for c in COLUMNS}, ensure_ascii=False) + "\n"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([_flat(c, row[c]) for c in COLUMNS])
    return buf.getvalue()


def output_format(path: Path) -> str:
    """'csv' or 'jsonl', from the output file's suffix."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise InputError("--out", [Problem(str(path), "the output must end in .csv or .jsonl")])
    return fmt


class RowWriter:
    """Writes rendered lines to the output file, after the CSV header."""

    def __init__(self, path: Path) -> None:
        self.fmt = output_format(path)
        self._fh = path.open("w", encoding="utf-8", newline="")
        if self.fmt == "csv":
            self._fh.write(",".join(COLUMNS) + "\n")

    def write(self, line: str) -> None:
        """Append one rendered row."""
        self._fh.write(line)

    def close(self) -> None:
        """Flush and close the file."""
        self._fh.close()


@dataclass
class Summary:
    """Counts of a round: by star, and by star within each product set and each province."""

    total: int = 0
    by_star: Counter[str] = field(default_factory=Counter)
    by_set: dict[tuple[str, int], Counter[str]] = field(default_factory=dict)
    by_province: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, t: Tally) -> None:
        """Count one row, given its tally."""
        star, ruleset, number, province = t
        self.total += 1
        self.by_star[star] += 1
        self.by_set.setdefault((ruleset, number), Counter())[star] += 1
        self.by_province.setdefault(province, Counter())[star] += 1

    def _set_rows(self) -> dict[str, Counter[str]]:
        """Set numbers as labels; prefixed by the ruleset id when the round mixes rulesets (set 1 differs between them)."""
        mixed = len({rid for rid, _ in self.by_set if rid != "?"}) > 1
        out: dict[str, Counter[str]] = {}
        for (rid, number), counts in sorted(self.by_set.items(), key=lambda kv: (kv[0][1] < 0, kv[0][0], kv[0][1])):
            label = "?" if number < 0 else f"{rid} {number}" if mixed else str(number)
            out.setdefault(label, Counter()).update(counts)
        return out

    def table(self) -> str:
        """Plain-text tables: the counts by star, then per set (numeric order) and per province (name order)."""
        lines = [f"{self.total} dossiers: " + ", ".join(f"{k} {self.by_star[k]}" for k in STAR_KEYS if self.by_star[k])]

        def block(title: str, rows: dict[str, Counter[str]], order: list[str]) -> None:
            width = max([len(title), *(len(k) for k in order)])
            lines.append("")
            lines.append(f"{title:<{width}}  " + "  ".join(f"{k:>8}" for k in STAR_KEYS) + f"  {'total':>8}")
            for k in order:
                c = rows[k]
                lines.append(f"{k:<{width}}  " + "  ".join(f"{c[s]:>8}" for s in STAR_KEYS) + f"  {sum(c.values()):>8}")

        sets = self._set_rows()
        block("set", sets, list(sets))
        block("province", self.by_province, sorted(self.by_province, key=lambda p: (p == "?", p)))
        return "\n".join(lines) + "\n"
