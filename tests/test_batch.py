"""Batch evaluation: error rows, input order, the same output with one or two processes, summary counts,
and trace-free decisions identical to full ones."""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from strategies import dossiers, policies

from ocop_rules import evaluate, get_ruleset, load_dossier
from ocop_rules.batch import Item, Options, iter_items, run_batch, run_rendered
from ocop_rules.batch_output import COLUMNS, Summary, render, tally
from ocop_rules.cli import main
from ocop_rules.cli_batch import Progress

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "dossiers" / "kien-cuong-weasel-coffee.yaml"


def _top_dossier(**extra: Any) -> dict[str, Any]:
    ps = get_ruleset("qd-26-2026").product_set(13)
    assert ps is not None
    return {"id": "TOP", "product_set": 13, "product": {"name": "Cà phê đỉnh"},
            "producer": {"name": "HTX Đỉnh", "province": "Lâm Đồng"}, "filed_on": "2026-09-01",
            "score_sheets": [{"assessor": "TV 1", "scores": {c.code: c.max_points for c in ps.leaves}}], **extra}


@pytest.fixture()
def round_inputs(tmp_path: Path) -> list[str]:
    """A folder with good and bad dossiers, and a JSONL file with good, blank and bad lines."""
    folder = tmp_path / "round"
    (folder / "c").mkdir(parents=True)
    shutil.copy(EXAMPLE, folder / "a-good.yaml")
    (folder / "b-bad.yaml").write_text("product_set: [1, 2\n", encoding="utf-8")
    (folder / "c" / "nested.json").write_text(json.dumps(_top_dossier(), ensure_ascii=False), encoding="utf-8")
    wrong = load_dossier(EXAMPLE).model_dump(mode="json")
    wrong["score_sheets"][0]["scores"]["99"] = 1
    (folder / "d-wrong-criterion.json").write_text(json.dumps(wrong, ensure_ascii=False), encoding="utf-8")
    (folder / "notes.txt").write_text("not a dossier", encoding="utf-8")
    lines = [json.dumps(load_dossier(EXAMPLE).model_dump(mode="json"), ensure_ascii=False), "",
             "{not json", "[1, 2]", json.dumps(_top_dossier(id="REJ", rejections=[{"ground": "forged-dossier"}]), ensure_ascii=False)]
    jsonl = tmp_path / "round.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(folder), str(jsonl)]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_bad_dossiers_become_error_rows_in_input_order(round_inputs: list[str], tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "results.csv"
    assert main(["batch", *round_inputs, "--out", str(out)]) == 1  # 1: some rows are errors
    rows = _rows(out)
    folder, jsonl = round_inputs
    assert [r["source"] for r in rows] == [f"{folder}/a-good.yaml", f"{folder}/b-bad.yaml", f"{folder}/c/nested.json",
                                           f"{folder}/d-wrong-criterion.json", f"{jsonl}:1", f"{jsonl}:3", f"{jsonl}:4",
                                           f"{jsonl}:5"]
    good, bad_yaml, top, wrong, line1, line3, line4, rejected = rows
    # the seed example: 555/7 ≈ 79.29, a 4★ band, 4★, recognised by the province
    assert (good["id"], good["average"], good["average_exact"], good["band_stars"], good["stars"]) == ("DL-2026-0042", "79.29", "555/7", "4", "4")
    assert (good["certifiable"], good["authority"], good["error"], good["unmet_minimums"]) == ("true", "province", "", "")
    assert line1 == {**good, "source": f"{jsonl}:1"}
    # one sheet at every maximum: 100, 5★, recognised by the ministry
    assert (top["average"], top["stars"], top["authority"], top["province"]) == ("100.00", "5", "ministry", "Lâm Đồng")
    assert "not valid YAML" in bad_yaml["error"] and bad_yaml["stars"] == ""
    assert "score_sheets[0].scores.99" in wrong["error"] and wrong["id"] == "DL-2026-0042" and wrong["set"] == "13"
    assert line3["error"].startswith("not valid JSON") and line4["error"] == "a dossier must be a mapping of fields"
    assert (rejected["stars"], rejected["certifiable"], rejected["band_stars"]) == ("", "false", "5")
    assert rejected["disqualification"] == "forged-dossier: Giả mạo hồ sơ"
    summary = capsys.readouterr()
    # 8 rows: two 4★ (the example twice), one 5★, one rejected, four errors
    assert summary.out.startswith("8 dossiers: 4★ 2, 5★ 1, rejected 1, error 4\n")
    assert summary.err == ""  # no progress bar when stderr is not a terminal


def test_two_processes_write_the_same_bytes_as_one(round_inputs: list[str], tmp_path: Path) -> None:
    for suffix in ("csv", "jsonl"):
        one, two = tmp_path / f"one.{suffix}", tmp_path / f"two.{suffix}"
        main(["batch", *round_inputs, "--out", str(one), "--quiet"])
        main(["batch", *round_inputs, "--out", str(two), "--quiet", "--jobs", "2"])
        assert one.read_bytes() == two.read_bytes()


def test_jsonl_byte_ranges_keep_line_numbers_and_match_row_by_row_evaluation(round_inputs: list[str]) -> None:
    # chunks of 2 lines: ranges 1-2 (line 2 blank), 3-4 and 5, split across two worker processes
    rendered = list(run_rendered(round_inputs, "jsonl", jobs=2, chunk_size=2))
    rows = list(run_batch(iter_items(round_inputs)))
    assert [line for _, line in rendered] == [render(r, "jsonl") for r in rows]
    assert [t for t, _ in rendered] == [tally(r) for r in rows]
    assert [json.loads(line)["source"].rsplit(":", 1)[-1] for _, line in rendered[-4:]] == ["1", "3", "4", "5"]


def _generated(n: int, seed: int) -> list[dict[str, Any]]:
    """Dossiers on every set, 5-9 assessors, options drawn at random (no expectation is read from them)."""
    rnd = random.Random(seed)
    rs = get_ruleset("qd-26-2026")
    out = []
    for i in range(n):
        ps = rs.product_sets[i % len(rs.product_sets)]
        sheets = [{"assessor": f"TV {a}", "scores": {c.code: rnd.choice(c.options).key for c in ps.leaves}}
                  for a in range(rnd.randint(5, 9))]
        out.append({"id": f"G{i}", "product_set": ps.number, "product": {"name": f"SP {i}"},
                    "producer": {"name": "Chủ thể", "province": ["Sơn La", "Gia Lai"][i % 2]},
                    "filed_on": "2026-09-01", "score_sheets": sheets})
    return out


def test_rows_keep_input_order_across_chunks_and_processes(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in _generated(150, 7)), encoding="utf-8")
    items = list(iter_items([str(path)]))
    one = list(run_batch(items, Options(), jobs=1))
    two = list(run_batch(items, Options(), jobs=2, chunk_size=7))
    assert one == two
    assert [r["id"] for r in two] == [f"G{i}" for i in range(150)]
    assert all(r["error"] is None for r in one)


def test_jsonl_rows_carry_structured_minimums_and_rejections(round_inputs: list[str], tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    main(["batch", round_inputs[1], "--out", str(out), "--quiet"])
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [list(r) for r in rows] == [list(COLUMNS)] * 4
    assert rows[3]["disqualification"]["ground"] == "forged-dossier" and rows[3]["stars"] is None
    assert rows[0]["average_exact"] == "555/7" and rows[0]["certifiable"] is True


def test_summary_counts_by_star_set_and_province() -> None:
    s = Summary()
    for stars, number, province, error in [(4, 13, "Đắk Lắk", None), (5, 13, "Lâm Đồng", None), (None, 1, "Đắk Lắk", None),
                                           (None, None, None, "bad")]:
        s.add(tally({"stars": stars, "set": number, "province": province, "error": error}))
    table = s.table()
    assert table.splitlines()[0] == "4 dossiers: 4★ 1, 5★ 1, rejected 1, error 1"
    lines = {line.split()[0]: line.split()[1:] for line in table.splitlines()[2:] if line.strip()}
    # columns: 1★ 2★ 3★ 4★ 5★ rejected error total
    assert lines["13"] == ["0", "0", "0", "1", "1", "0", "0", "2"]
    assert lines["1"] == ["0", "0", "0", "0", "0", "1", "0", "1"]
    assert lines["?"] == ["0", "0", "0", "0", "0", "0", "1", "1"]  # no set and no province: one '?' row in each block


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(tmp_path / "missing"), "--out", str(tmp_path / "r.csv")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert main(["batch", str(tmp_path), "--out", str(tmp_path / "r.txt")]) == 2
    assert "must end in .csv or .jsonl" in capsys.readouterr().err


def test_progress_bar_counts_up_to_the_total() -> None:
    buf = io.StringIO()
    p = Progress(2, buf, width=4)
    p.tick()
    p.tick()
    p.close()
    assert "\r[####] 2/2 100%" in buf.getvalue() and buf.getvalue().endswith("\n")


@given(dossiers(), policies())
def test_a_trace_free_decision_equals_the_full_one_without_its_trace(data: dict[str, Any], policy: Any) -> None:
    fast = evaluate(data, policy=policy, trace=False)
    full = evaluate(data, policy=policy)
    assert fast.trace == [] and full.trace != []
    assert fast.model_dump() == full.model_copy(update={"trace": []}).model_dump()


def test_a_batch_row_matches_a_full_evaluation() -> None:
    for d in _generated(26, 3):
        row = run_batch([Item("x", text=json.dumps(d, ensure_ascii=False))]).__next__()
        full = evaluate(d)
        assert (row["average_exact"], row["band_stars"], row["stars"], row["certifiable"], row["authority"]) == (
            full.average_total_exact, full.band_stars, full.stars, full.certifiable, full.authority)
        assert [m["code"] for m in row["unmet_minimums"]] == [m.code for m in full.unmet_minimums]


def test_a_line_that_is_not_utf8_is_an_error_row(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps(_top_dossier(), ensure_ascii=False).encode()
    path.write_bytes(good + b"\n" + b'{"product": "\xff\xfe"}\n' + good + b"\n")
    rows = list(run_batch(iter_items([str(path)])))
    assert [(r["source"], r["stars"], r["error"]) for r in rows] == [
        (f"{path}:1", 5, None), (f"{path}:2", None, "line is not UTF-8 text"), (f"{path}:3", 5, None)]
