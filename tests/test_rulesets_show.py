"""`ocop-rules rulesets show qd-26-2026`: the JSON contract (all 26 sets, scored criteria in sheet
order) and the text overview with its star-minimum matrix, checked against the set-13 sheet by hand.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml

from ocop_rules.cli import main
from ocop_rules.registry import rulesets_dir

RULESET = "qd-26-2026"
TOP_KEYS = {"id", "title", "effective_from", "sha256", "product_sets"}
SET_KEYS = {"number", "slug", "title_vi", "title_en", "parts", "criteria"}
CRITERION_KEYS = {"code", "part", "max_points", "options"}
OPTION_KEYS = {"key", "points", "min_stars"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def show_json(capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(run(capsys, "rulesets", "show", RULESET, "--format", "json", *extra))
    return data


def leaf_codes_from_files() -> dict[int, list[str]]:
    """Scored criteria of each set file, in file (= sheet) order, read straight from the YAML."""
    out: dict[int, list[str]] = {}
    for path in sorted((rulesets_dir() / RULESET / "sets").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[data["number"]] = [str(r["code"]) for r in data["criteria"] if r.get("options")]
    return out


def test_json_lists_the_26_sets_with_their_scored_criteria_in_sheet_order(capsys: pytest.CaptureFixture[str]) -> None:
    data = show_json(capsys)
    assert set(data) == TOP_KEYS
    assert data["id"] == RULESET
    assert data["effective_from"] == "2026-05-22"  # Art. 11.1
    assert re.fullmatch(r"[0-9a-f]{64}", data["sha256"])
    assert [s["number"] for s in data["product_sets"]] == list(range(1, 27))
    expected = leaf_codes_from_files()
    for s in data["product_sets"]:
        assert set(s) == SET_KEYS, s["number"]
        assert s["parts"] == {"A": 40, "B": 25, "C": 35}, s["number"]  # Art. 3.1
        assert [c["code"] for c in s["criteria"]] == expected[s["number"]], s["number"]
        for c in s["criteria"]:
            assert set(c) == CRITERION_KEYS
            assert c["part"] in ("A", "B", "C")
            assert c["options"], c["code"]
            for o in c["options"]:
                assert set(o) == OPTION_KEYS
                assert o["key"].startswith(c["code"] + "/")
                assert 0 <= o["points"] <= c["max_points"]
                assert o["min_stars"] in (3, 4, 5, None)
            assert max(o["points"] for o in c["options"]) == c["max_points"]


def test_json_set_13_carries_the_sheet_s_values(capsys: pytest.CaptureFixture[str]) -> None:
    data = show_json(capsys)
    s13 = data["product_sets"][12]
    assert (s13["number"], s13["slug"]) == (13, "ca-phe-ca-cao")
    by_code = {c["code"]: c for c in s13["criteria"]}
    # Sections are not listed; the leaves under them are.
    assert "6" not in by_code and "6.1" not in by_code and "6.1.1" in by_code
    # "7. TÍNH ĐỘC ĐÁO | 5": Trung bình 0, Tương đối độc đáo 1, Độc đáo… **** 3, Rất độc đáo… ***** 5
    seven = by_code["7"]
    assert (seven["part"], seven["max_points"]) == ("C", 5)
    assert [(o["key"], o["points"], o["min_stars"]) for o in seven["options"]] == [
        ("7/a", 0, None), ("7/b", 1, None), ("7/c", 3, 4), ("7/d", 5, 5)]
    # "9. ĐẢM BẢO CHẤT LƯỢNG | 5": 1 ***, 3 ****, 5
    assert [(o["points"], o["min_stars"]) for o in by_code["9"]["options"]] == [(1, 3), (3, 4), (5, None)]
    # "2.4 song ngữ | 1" prints no options: the ruleset adds 0 and 1.
    assert [o["points"] for o in by_code["2.4"]["options"]] == [0, 1]


def test_json_one_set(capsys: pytest.CaptureFixture[str]) -> None:
    full = show_json(capsys)
    one = show_json(capsys, "--set", "13")
    assert set(one) == TOP_KEYS
    assert {k: v for k, v in one.items() if k != "product_sets"} == {k: v for k, v in full.items() if k != "product_sets"}
    assert one["product_sets"] == [full["product_sets"][12]]


def test_unknown_set_is_a_clean_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rulesets", "show", RULESET, "--set", "27", "--format", "json"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "no product set 27" in err and err.count("\n") == 1


def set_block(text: str, number: int) -> list[str]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"^\s*{number}  ", line))
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"^\s*\d+  ", lines[i]) or not lines[i]), len(lines))
    return lines[start:end]


def test_overview_shows_counts_and_star_minimum_matrix_of_set_13(capsys: pytest.CaptureFixture[str]) -> None:
    text = run(capsys, "rulesets", "show", RULESET)
    block = set_block(text, 13)
    assert block[0] == "13  Cà phê, cacao / Coffee, cocoa"
    # Counted by hand on the set-13 sheet:
    # scored criteria: 1.1-1.7 (7), 2.1-2.4 (4), 3.1-3.5 (5), 4.1-4.3 (3), 5.1-5.3 (3), 6.1.1-6.1.5 (5),
    #   6.2.1-6.2.2 (2), 7-11 (5) = 34;
    # options: 22 (1.x: 3+3+4+3+4+3+2) + 13 (2.x: 4+4+3+2) + 13 (3.x: 3+2+3+2+3) + 13 (4.x: 4+4+5)
    #   + 12 (5.x: 5+3+4) + 15 (6.1.x: 5×3) + 6 (6.2.x: 3+3) + 15 (7-11: 4+3+3+2+3) = 109;
    # star marks: 1.1 *, 1.5 **, 1.6 *, 2.1 *, 2.2 *, 2.3 **, 3.4 *, 3.5 **, 4.1 ***, 5.1 *, 5.3 *,
    #   7 **, 8 *, 9 ** = 21.
    assert block[1].strip() == "34 scored criteria, 109 options, 21 star marks"
    # Marks on the sheet: *** 1.1 (2), 2.2 (2), 2.3 (1), 3.5 (1), 4.1 (2), 5.3 (1), 8 (2), 9 (1);
    # **** 1.5 (2), 1.6 (1), 2.1 (3), 2.3 (3), 3.4 (2), 3.5 (2), 4.1 (3), 5.1 (5), 7 (3), 9 (3);
    # ***** 1.5 (3), 4.1 (5), 7 (5). Cumulative: a star needs its own marks and the lower stars' marks,
    # each criterion at the highest such mark.
    assert block[2].strip() == "3★ requires: 1.1≥2, 2.2≥2, 2.3≥1, 3.5≥1, 4.1≥2, 5.3≥1, 8≥2, 9≥1"
    assert block[3].strip() == ("4★ requires: 1.1≥2, 1.5≥2, 1.6≥1, 2.1≥3, 2.2≥2, 2.3≥3, 3.4≥2, 3.5≥2, "
                                "4.1≥3, 5.1≥5, 5.3≥1, 7≥3, 8≥2, 9≥3")
    assert block[4].strip() == ("5★ requires: 1.1≥2, 1.5≥3, 1.6≥1, 2.1≥3, 2.2≥2, 2.3≥3, 3.4≥2, 3.5≥2, "
                                "4.1≥5, 5.1≥5, 5.3≥1, 7≥5, 8≥2, 9≥3")
    assert len(block) == 5


def test_overview_has_every_set_and_flags_the_tourism_marks(capsys: pytest.CaptureFixture[str]) -> None:
    text = run(capsys, "rulesets", "show", RULESET)
    for number in range(1, 27):
        block = set_block(text, number)
        assert [line.strip()[:3] for line in block[-3:]] == ["3★ ", "4★ ", "5★ "], number
    # Set 26 prints marks only on 3.4 (3 points, ****) and 3.5 (1 ***, 2 ****), without the footnote.
    tourism = set_block(text, 26)
    # By hand: scored criteria 1.1-1.4 (4) + 2.1-2.3 (3) + 3.1-3.5 (5) + 4.1-4.5 (5) + 5.1-5.3 (3) + 6-17 (12) = 32;
    # options 11 (1.x: 2+3+4+2) + 8 (2.x: 3+2+3) + 13 (3.x: 3+2+3+2+3) + 15 (4.x: 3+3+2+4+3) + 7 (5.x: 3+2+2)
    #   + 38 (6-17: 3+3+4+4+3+2+3+4+3+4+3+2, both cases of 8, 9, 15 counted) = 92.
    assert tourism[1].strip() == "32 scored criteria, 92 options, 3 star marks"
    assert "marks_without_footnote" in tourism[2]
    assert [line.strip() for line in tourism[-3:]] == [
        "3★ requires: 3.5≥1", "4★ requires: 3.4≥3, 3.5≥2", "5★ requires: 3.4≥3, 3.5≥2"]
    assert re.search(r"^Total: 26 sets, \d+ scored criteria, \d+ options, \d+ star marks$", text, re.M)
