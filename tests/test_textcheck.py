"""Tests of the independent legal-text check (ocop_rules.textcheck).

They run on a hand-written two-sheet excerpt (tests/data/legal-sample.txt) and hand-made
ruleset fixtures, so they do not depend on the real rulesets being complete.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ocop_rules.textcheck import (
    Difference,
    InputError,
    compare,
    default_ruleset_dir,
    main,
    parse_legal_text,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLE = DATA / "legal-sample.txt"
RULESETS = DATA / "textcheck-rulesets"
SET1 = "sets/01-rau-cu-qua-hat-tuoi.yaml"
SET26 = "sets/26-du-lich.yaml"

YamlEdit = Callable[[Any], None]


@pytest.fixture
def rulesets(tmp_path: Path) -> Path:
    """A private copy of the fixture rulesets that a test may edit."""
    target = tmp_path / "rulesets"
    shutil.copytree(RULESETS, target)
    return target


def edit(folder: Path, name: str, change: YamlEdit) -> None:
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def criterion(data: dict[str, Any], code: str) -> dict[str, Any]:
    found: dict[str, Any] = next(row for row in data["criteria"] if row["code"] == code)
    return found


def unexplained(folder: Path) -> list[Difference]:
    return list(compare(SAMPLE, folder).unexplained)


# ----------------------------------------------------------------------------- parser


def test_parser_reads_both_sheets_and_ignores_other_annexes() -> None:
    sheets = parse_legal_text(SAMPLE.read_text(encoding="utf-8"))
    assert [sheet.number for sheet in sheets] == [1, 26]
    assert all(not sheet.warnings for sheet in sheets)


def test_parser_reads_codes_points_and_star_marks() -> None:
    sheet = parse_legal_text(SAMPLE.read_text(encoding="utf-8"))[0]
    by_code = {row.code: row for row in sheet.criteria}
    assert list(by_code) == [
        "1",
        "1.1",
        "1.2",
        "2",
        "2.1",
        "2.2",
        "4",
        "4.1",
        "6",
        "6.1",
        "6.1.1",
        "7",
    ]
    assert [row.part for row in sheet.criteria if "." not in row.code] == [
        "A",
        "A",
        "B",
        "C",
        "C",
    ]
    assert [(o.points, o.stars) for o in by_code["1.2"].options] == [
        ("", None),
        (1, 4),
        (2, None),  # blank cell; a space before the stars
    ]
    assert [o.stars for o in by_code["2.2"].options] == [None, 4]  # "* * * *"
    assert [o.stars for o in by_code["4.1"].options] == [None, 5]  # note after stars
    assert [(o.points, o.stars) for o in by_code["7"].options] == [
        (0, None),
        (3, 4),
        (5, 5),  # the last bullet is misprinted as "o"
    ]
    assert by_code["2.1"].options == ()
    assert [(p.letter, p.column, p.heading) for p in sheet.parts] == [
        ("A", 8, 8),
        ("B", 5, 5),
        ("C", 7, 7),
    ]


def test_parser_keeps_tourism_case_options_in_sheet_order() -> None:
    sheet = parse_legal_text(SAMPLE.read_text(encoding="utf-8"))[1]
    by_code = {row.code: row for row in sheet.criteria}
    assert [o.points for o in by_code["8"].options] == [1, 3, 1, 3]
    assert "1.2" in by_code  # printed "1.2" without its trailing dot
    assert (sheet.parts[0].column, sheet.parts[0].heading) == (4, 3)


# ----------------------------------------------------------------------------- compare


def test_identical_rulesets_have_no_unexplained_difference() -> None:
    report = compare(SAMPLE, RULESETS)
    assert report.ok
    assert report.sets_compared == (1, 26)
    assert report.unexplained == ()
    assert report.errata_used == ("set1-1.2a-blank-points", "set26-part-a-heading")
    assert report.warnings == ()


def test_changed_option_points_is_one_difference(rulesets: Path) -> None:
    edit(rulesets, SET1, lambda d: criterion(d, "1.1")["options"][1].update(points=3))
    (difference,) = unexplained(rulesets)
    assert difference == Difference(
        set=1,
        code="1.1",
        option_index=1,
        option_key="1.1/b",
        what="points",
        printed=2,
        encoded=3,
        erratum=None,
        line=difference.line,
    )
    assert difference.line == 22  # the "50% đến dưới 75%" row of the sample
    assert not difference.explained


def test_changed_star_mark_is_reported(rulesets: Path) -> None:
    edit(
        rulesets,
        SET1,
        lambda d: criterion(d, "2.2")["options"][1].update(min_stars=None),
    )
    (difference,) = unexplained(rulesets)
    assert (difference.code, difference.option_key, difference.what) == (
        "2.2",
        "2.2/b",
        "min_stars",
    )
    assert (difference.printed, difference.encoded) == (4, None)


def test_missing_criterion_is_reported(rulesets: Path) -> None:
    edit(rulesets, SET26, lambda d: d["criteria"].remove(criterion(d, "1.2")))
    (difference,) = unexplained(rulesets)
    assert (difference.set, difference.code, difference.what) == (
        26,
        "1.2",
        "missing_criterion",
    )
    assert (difference.printed, difference.encoded) == (1, None)


def test_extra_criterion_and_changed_max_points_are_reported(rulesets: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        criterion(data, "1.1")["max_points"] = 4
        data["criteria"].append({"code": "8.1", "max_points": 1, "options": []})

    edit(rulesets, SET26, change)
    found = {(d.code, d.what, d.printed, d.encoded) for d in unexplained(rulesets)}
    assert found == {("1.1", "max_points", 3, 4), ("8.1", "extra_criterion", None, 1)}


def test_codes_out_of_order_are_reported(rulesets: Path) -> None:
    def swap(data: dict[str, Any]) -> None:
        rows = data["criteria"]
        rows[1], rows[2] = rows[2], rows[1]

    edit(rulesets, SET26, swap)
    (difference,) = unexplained(rulesets)
    assert (difference.what, difference.printed, difference.encoded) == (
        "code",
        "1.1",
        "1.2",
    )


def test_option_only_in_the_ruleset_is_reported(rulesets: Path) -> None:
    extra = {"key": "1.2/b", "points": 2, "min_stars": None}
    edit(rulesets, SET26, lambda d: criterion(d, "1.2")["options"].append(extra))
    (difference,) = unexplained(rulesets)
    assert (difference.option_index, difference.option_key) == (1, "1.2/b")
    assert (difference.what, difference.printed, difference.encoded) == (
        "points",
        None,
        2,
    )


def test_blank_points_cell_is_excused_by_its_erratum() -> None:
    report = compare(SAMPLE, RULESETS)
    (difference,) = [d for d in report.explained if d.set == 1]
    assert (difference.code, difference.option_index, difference.option_key) == (
        "1.2",
        0,
        "1.2/a",
    )
    assert (difference.what, difference.printed, difference.encoded) == (
        "points",
        "",
        0,
    )
    assert difference.erratum == "set1-1.2a-blank-points"


def test_without_errata_the_misprints_are_unexplained(rulesets: Path) -> None:
    (rulesets / "errata.yaml").unlink()
    report = compare(SAMPLE, rulesets)
    assert not report.ok
    assert {(d.set, d.code, d.what) for d in report.unexplained} == {
        (1, "1.2", "points"),
        (26, "A", "part_max"),
    }


def test_erratum_that_does_not_match_is_not_applied(rulesets: Path) -> None:
    def retarget(errata: list[dict[str, Any]]) -> None:
        errata[0]["option"] = "1.2/b"  # the blank cell is on 1.2/a

    edit(rulesets, "errata.yaml", retarget)
    report = compare(SAMPLE, rulesets)
    (difference,) = report.unexplained
    assert (difference.code, difference.option_key) == ("1.2", "1.2/a")
    assert "erratum set1-1.2a-blank-points excuses no difference" in report.warnings


def test_erratum_for_another_field_or_set_is_not_applied(rulesets: Path) -> None:
    def retarget(errata: list[dict[str, Any]]) -> None:
        errata[0]["field"] = "min_stars"
        errata[1]["set"] = 25

    edit(rulesets, "errata.yaml", retarget)
    assert {(d.set, d.what) for d in unexplained(rulesets)} == {
        (1, "points"),
        (26, "part_max"),
    }


def test_erratum_with_another_printed_value_still_excuses_but_warns(
    rulesets: Path,
) -> None:
    def misquote(errata: list[dict[str, Any]]) -> None:
        errata[1]["printed"] = "30"

    edit(rulesets, "errata.yaml", misquote)
    report = compare(SAMPLE, rulesets)
    assert report.ok
    assert report.warnings == ("erratum set26-part-a-heading says the text prints '30', this reading finds 3",)


def test_part_heading_mismatch(rulesets: Path) -> None:
    edit(rulesets, SET1, lambda d: criterion(d, "7").update(max_points=6))
    found = {(d.code, d.what, d.printed, d.encoded) for d in unexplained(rulesets)}
    assert found == {("7", "max_points", 5, 6), ("C", "part_max", 7, 8)}


def test_part_heading_title_and_column_are_both_checked() -> None:
    report = compare(SAMPLE, RULESETS)
    (difference,) = [d for d in report.differences if d.what == "part_max"]
    assert (difference.set, difference.code, difference.option_key) == (26, "A", None)
    assert (difference.printed, difference.encoded) == (3, 4)
    assert difference.erratum == "set26-part-a-heading"


def test_missing_and_extra_sets(rulesets: Path) -> None:
    (rulesets / SET26).unlink()
    extra = yaml.safe_load((rulesets / SET1).read_text(encoding="utf-8"))
    extra["number"] = 9
    (rulesets / "sets/09-extra.yaml").write_text(yaml.safe_dump(extra), encoding="utf-8")
    report = compare(SAMPLE, rulesets)
    assert report.sets_compared == (1,)
    assert {(d.set, d.what) for d in report.unexplained} == {
        (26, "missing_set"),
        (9, "extra_set"),
    }


def test_malformed_ruleset_is_an_input_error(rulesets: Path) -> None:
    (rulesets / SET1).write_text("number: [1,\n", encoding="utf-8")
    with pytest.raises(InputError):
        compare(SAMPLE, rulesets)


# ----------------------------------------------------------------------------- render


def test_text_report_has_one_line_per_difference_and_a_summary() -> None:
    lines = compare(SAMPLE, RULESETS).to_text().splitlines()
    assert len(lines) == 3
    assert "set 1 1.2 option #1 1.2/a" in lines[0]
    assert "explained by set1-1.2a-blank-points" in lines[0]
    assert lines[-1] == (
        "2 sets compared: 0 unexplained differences, 2 explained by errata (set1-1.2a-blank-points, set26-part-a-heading)"
    )


def test_json_report_round_trips() -> None:
    data = json.loads(compare(SAMPLE, RULESETS).to_json())
    assert data["ok"] is True
    assert data["sets_compared"] == [1, 26]
    assert data["explained"] == 2
    assert data["differences"][1] == {
        "set": 26,
        "code": "A",
        "option_index": None,
        "option_key": None,
        "what": "part_max",
        "printed": 3,
        "encoded": 4,
        "explained": True,
        "erratum": "set26-part-a-heading",
        "line": 58,
    }


# ----------------------------------------------------------------------------- CLI


def test_cli_exits_0_when_everything_is_explained(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([str(SAMPLE), "--rulesets", str(RULESETS)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("2 sets compared: 0 ")


def test_cli_exits_1_on_an_unexplained_difference(rulesets: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(rulesets, SET1, lambda d: criterion(d, "1.1")["options"][0].update(points=0))
    assert main([str(SAMPLE), "--rulesets", str(rulesets), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["unexplained"] == 1


def test_cli_exits_2_on_a_missing_file_with_a_one_line_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([str(DATA / "no-such-file.txt"), "--rulesets", str(RULESETS)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "no-such-file.txt" in captured.err


def test_cli_exits_2_on_a_missing_ruleset_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SAMPLE), "--rulesets", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_module_entry_point_exit_codes(rulesets: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ocop_rules.textcheck", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )

    assert run(str(SAMPLE), "--rulesets", str(RULESETS)).returncode == 0
    edit(rulesets, SET26, lambda d: criterion(d, "8")["options"][3].update(points=2))
    assert run(str(SAMPLE), "--rulesets", str(rulesets)).returncode == 1
    missing = run(str(DATA / "no-such-file.txt"), "--rulesets", str(RULESETS))
    assert missing.returncode == 2
    assert missing.stdout == ""
    assert len(missing.stderr.splitlines()) == 1
    assert "Traceback" not in missing.stderr


def test_default_ruleset_dir_is_the_qd_26_2026_folder() -> None:
    assert default_ruleset_dir().name == "qd-26-2026"
