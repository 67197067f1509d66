"""Batch throughput and memory: `ocop-rules batch` on generated dossiers against a hand-written baseline.

    .venv/bin/python benchmarks/batch.py [--dossiers 20000] [--seed 2026] [--jobs 1 2]

Generates N dossiers (fixed seed) over every product set of qd-26-2026, with 5 to 9 assessors
each, as one JSONL file in a temporary folder; times `ocop-rules batch FILE --out results.csv`
in a fresh process for each --jobs value (trace off, as batch always runs); reads the peak
resident memory of that process tree (getrusage of the children); repeats with a quarter of
the dossiers to show whether memory grows with the round; and times, in the same run, a
hand-written baseline: a plain loop that parses each line, sums the points, and applies the
bands and the star minimums straight from the set's data, with no validation and no trace.
The ratio batch/baseline is what to compare between machines; the seconds are this machine's.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ocop_rules.registry import get_ruleset  # noqa: E402
from ocop_rules.ruleset import Ruleset  # noqa: E402

PROVINCES = ["Đắk Lắk", "Lâm Đồng", "Sơn La", "Hà Giang", "Quảng Ninh", "Bến Tre", "Đồng Tháp", "Nghệ An",
             "Thanh Hóa", "Cần Thơ", "Gia Lai", "Lào Cai"]


def generate(rs: Ruleset, n: int, seed: int) -> list[dict[str, Any]]:
    """N dossiers: a 'true quality' per criterion, each assessor within one option of it."""
    rnd = random.Random(seed)
    sets = list(rs.product_sets)
    out = []
    for i in range(n):
        ps = sets[i % len(sets)]
        assessors = rnd.randint(5, 9)
        base = {c.code: rnd.randrange(len(c.options)) for c in ps.leaves}
        sheets = []
        for a in range(assessors):
            scores: dict[str, int | str] = {}
            for c in ps.leaves:
                k = min(max(base[c.code] + rnd.choice((-1, 0, 0, 0, 1)), 0), len(c.options) - 1)
                opt = c.options[k]
                scores[c.code] = opt.key if rnd.random() < 0.3 else opt.points
                if len(c.options_with_points(opt.points)) > 1:
                    scores[c.code] = opt.key
            sheets.append({"assessor": f"Thành viên {a + 1}", "scores": scores})
        rejections = [{"ground": ps.rejection_grounds[0].id}] if ps.rejection_grounds and rnd.random() < 0.02 else []
        out.append({
            "id": f"BENCH-{i:06d}", "product_set": ps.number, "product": {"name": f"Sản phẩm {i}"},
            "producer": {"name": f"Chủ thể {i % 997}", "province": PROVINCES[i % len(PROVINCES)]},
            "filed_on": "2026-09-01", "rejections": rejections, "score_sheets": sheets,
        })
    return out


def baseline(path: Path, rs: Ruleset) -> tuple[float, float, list[int]]:
    """A plain loop: parse, sum points, band, cumulative minimums (mean policy). (wall s, CPU s, stars; 0 = rejected)."""
    start, cpu = time.perf_counter(), time.process_time()
    tables: dict[int, tuple[dict[str, dict[str, int]], list[tuple[str, int, int]]]] = {}
    for ps in rs.product_sets:
        keys = {c.code: {o.key: o.points for o in c.options} for c in ps.leaves}
        marks = [(c.code, o.min_stars, o.points) for c in ps.leaves for o in c.options if o.min_stars]
        tables[ps.number] = (keys, marks)
    bands = sorted(((b.lower, b.stars) for b in rs.bands), reverse=True)
    stars: list[int] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            keys, marks = tables[d["product_set"]]
            sheets = d["score_sheets"]
            n = len(sheets)
            sums: dict[str, int] = {}
            for s in sheets:
                for code, v in s["scores"].items():
                    sums[code] = sums.get(code, 0) + (keys[code][v] if isinstance(v, str) else v)
            average = Fraction(sum(sums.values()), n)
            band = next(stars for lower, stars in bands if average >= lower)
            star = band
            for code, k, pts in marks:
                if k <= star and sums.get(code, 0) < pts * n:
                    star = min(star, k - 1)
            star = 0 if d["rejections"] else max(star, 1)
            stars.append(star)
    return time.perf_counter() - start, time.process_time() - cpu, stars


def run_batch(path: Path, jobs: int, out: Path) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in MiB of the batch process tree, exit code) of one `ocop-rules batch` run."""
    cmd = [sys.executable, "-m", "ocop_rules", "batch", str(path), "--out", str(out), "--jobs", str(jobs), "--quiet"]
    code = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter(); rc = subprocess.call(sys.argv[1:]); dt = time.perf_counter() - t\n"
        "ru = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(json.dumps([dt, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, rc]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True, cwd=ROOT, check=True)
    seconds, cpu, maxrss_kib, rc = json.loads(result.stdout.strip().splitlines()[-1])
    return float(seconds), float(cpu), maxrss_kib / 1024, int(rc)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dossiers", type=int, default=20000)
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    p.add_argument("--profile", type=int, default=0, metavar="N", help="also profile the worker path on N dossiers")
    args = p.parse_args(argv)
    rs = get_ruleset("qd-26-2026")
    with tempfile.TemporaryDirectory() as tmp:
        small_n = max(args.dossiers // 4, 1)
        files = {}
        for n in (args.dossiers, small_n):
            path = Path(tmp) / f"dossiers-{n}.jsonl"
            with path.open("w", encoding="utf-8") as fh:
                for d in generate(rs, n, args.seed):
                    fh.write(json.dumps(d, ensure_ascii=False) + "\n")
            files[n] = path
        big = files[args.dossiers]
        size_mb = big.stat().st_size / 1e6
        print(f"{args.dossiers} dossiers over {len(rs.product_sets)} sets, 5-9 assessors, {size_mb:.1f} MB JSONL "
              f"(seed {args.seed}); {os.cpu_count()} CPUs; Python {sys.version.split()[0]}")
        base_s, base_cpu, base_stars = baseline(big, rs)
        print(f"baseline (hand-written loop, 1 process): {base_s:6.2f} s  CPU {base_cpu:6.2f} s  "
              f"{args.dossiers / base_s:8.0f} dossiers/s")
        for jobs in args.jobs:
            out = Path(tmp) / f"results-{jobs}.csv"
            seconds, cpu, rss, rc = run_batch(big, jobs, out)
            _, _, rss_small, _ = run_batch(files[small_n], jobs, Path(tmp) / f"small-{jobs}.csv")
            with out.open(encoding="utf-8", newline="") as fh:
                got = [int(r["stars"] or 0) for r in csv.DictReader(fh)]
            rows = len(got)
            agree = sum(a == b for a, b in zip(got, base_stars, strict=False))
            print(f"batch --jobs {jobs}: {seconds:6.2f} s  {args.dossiers / seconds:8.0f} dossiers/s  "
                  f"CPU {cpu:6.2f} s  ratio to baseline: wall {seconds / base_s:4.1f}x, CPU {cpu / base_cpu:4.1f}x  "
                  f"peak RSS {rss:6.1f} MiB "
                  f"({small_n} dossiers: {rss_small:6.1f} MiB)  rows {rows}  exit {rc}  same star as baseline: {agree}")
        if args.profile:
            profile(big, args.profile)
    return 0


def profile(path: Path, n: int) -> None:
    """cProfile of the batch worker's path (parse + evaluate without trace + row) over the first n dossiers."""
    import cProfile
    import pstats

    from ocop_rules.batch import Item, Options, evaluate_item, prepare_process

    with path.open(encoding="utf-8") as fh:
        items = [Item(f"{path}:{i}", text=line) for i, line in zip(range(n), fh, strict=False)]
    prepare_process()
    for item in items[:50]:
        evaluate_item(item, Options())
    prof = cProfile.Profile()
    prof.enable()
    for item in items:
        evaluate_item(item, Options())
    prof.disable()
    print(f"\nhotspots of the worker path over {len(items)} dossiers (cProfile, by own time):")
    pstats.Stats(prof).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    raise SystemExit(main())
