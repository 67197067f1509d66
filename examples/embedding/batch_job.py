"""Embedding example: a nightly job that evaluates every dossier in a folder into one CSV file.

    python examples/embedding/batch_job.py examples/dossiers results.csv

One row per dossier, in file-name order. A bad dossier becomes a row with its error code and message and does not
stop the job; the exit code is 1 when any dossier failed, so a scheduler can alert. The trace is skipped
(`trace=False`), which leaves every other decision field the same. (`ocop-rules batch` is the ready-made command
with parallel workers; this is what the same loop looks like inside your own application.)
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

import ocop_rules

COLUMNS = ["file", "dossier_id", "product", "ruleset", "product_set", "average", "average_exact", "stars",
           "certifiable", "authority", "certificate_valid_until", "error_code", "error"]


def row_for(path: Path) -> dict[str, object]:
    """One CSV row: the decision's key figures, or the error that prevented a decision."""
    try:
        d = ocop_rules.evaluate(path, trace=False)
    except ocop_rules.OcopError as err:
        return {"file": path.name, "error_code": err.code, "error": str(err)}
    return {
        "file": path.name, "dossier_id": d.dossier_id or "", "product": d.product, "ruleset": d.ruleset.id,
        "product_set": d.product_set.number, "average": d.average_total, "average_exact": d.average_total_exact,
        "stars": d.stars if d.stars is not None else "", "certifiable": "yes" if d.certifiable else "no",
        "authority": d.authority or "", "certificate_valid_until": d.certificate.valid_until.isoformat() if d.certificate else "",
    }


def main(argv: list[str]) -> int:
    """Evaluate every *.yaml, *.yml and *.json file of a folder; write the CSV; print a one-line summary."""
    if len(argv) != 2:
        print("usage: batch_job.py FOLDER OUTPUT.csv", file=sys.stderr)
        return 2
    folder, output = Path(argv[0]), Path(argv[1])
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json"))
    counts: Counter[str] = Counter()
    with output.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        for path in files:
            row = row_for(path)
            writer.writerow(row)
            counts["error" if row.get("error_code") else f"{row['stars'] or 'no'}-star"] += 1
    print(f"{len(files)} dossiers: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    return 1 if counts["error"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
