"""Every erratum of qd-26-2026 is exercised: the ruleset holds the corrected value, and the printed
value, put back, is refused by the loader (or, for text and bullet slips, the text is as encoded).

CHECKS maps each erratum id to its check; a new erratum without a check fails
`test_every_erratum_has_a_check`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import ocop_rules
from ocop_rules.errors import RulesetError
from ocop_rules.loader import load_ruleset_folder
from ocop_rules.registry import rulesets_dir
from ocop_rules.ruleset import Option, ProductSet

RULESET = "qd-26-2026"
FOLDER = rulesets_dir() / RULESET
ERRATA: list[dict[str, Any]] = yaml.safe_load((FOLDER / "errata.yaml").read_text(encoding="utf-8"))
IDS = [e["id"] for e in ERRATA]
LEGAL_TEXT = Path(__file__).resolve().parent.parent.parent / "shared" / "legal" / "qd-26-2026-qd-ttg.txt"

Check = Callable[[Path], None]


def erratum(eid: str) -> dict[str, Any]:
    return next(e for e in ERRATA if e["id"] == eid)


def product_set(number: int) -> ProductSet:
    ps = ocop_rules.get_ruleset(RULESET).product_set(number)
    assert ps is not None
    return ps


def option(number: int, code: str, key: str) -> Option:
    crit = product_set(number).criterion(code)
    assert crit is not None
    opt = crit.option(key)
    assert opt is not None
    return opt


def copy_ruleset(tmp: Path) -> Path:
    target = tmp / RULESET
    shutil.copytree(FOLDER, target)
    return target


def set_file(folder: Path, number: int) -> Path:
    (path,) = sorted((folder / "sets").glob(f"{number:02d}-*.yaml"))
    return path


def edit_yaml(path: Path, change: Callable[[Any], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def row(data: dict[str, Any], code: str) -> tuple[int, dict[str, Any]]:
    """The index and mapping of a criterion in a set file's `criteria` list."""
    return next((i, r) for i, r in enumerate(data["criteria"]) if str(r["code"]) == code)


def refused(folder: Path) -> list[str]:
    """The loader's problems for a ruleset folder that must not load."""
    with pytest.raises(RulesetError) as err:
        load_ruleset_folder(folder, {RULESET: folder})
    return [str(p) for p in err.value.problems]


def printed_as_yaml(value: str) -> int | str:
    """The printed cell as YAML would hold it: a number when it is one, else the raw text."""
    return int(value) if value.isdigit() else value


# ----------------------------------------------------------------------------- per-erratum checks


def option_points(eid: str, maximum: int) -> Check:
    """An option's points: encoded value held; the printed value (blank or too big) refused."""

    def check(tmp: Path) -> None:
        e = erratum(eid)
        assert option(e["set"], e["code"], e["option"]).points == int(e["encoded"])
        folder = copy_ruleset(tmp)
        path = set_file(folder, e["set"])
        where: dict[str, int] = {}

        def put_printed(data: dict[str, Any]) -> None:
            i, r = row(data, e["code"])
            j = next(j for j, o in enumerate(r["options"]) if o["key"] == e["option"])
            r["options"][j]["points"] = printed_as_yaml(e["printed"])
            where.update(i=i, j=j)

        edit_yaml(path, put_printed)
        problems = refused(folder)
        if isinstance(printed_as_yaml(e["printed"]), int):
            # e.g. "sets/04-….criteria[7].7/c: 13 points is outside 0..3"
            wanted = f"criteria[{e['code']}].{e['option']}: {e['printed']} points is outside 0..{maximum}"
        else:
            # a blank cell is no number: the option cannot even be read
            wanted = f"{path.name}.criteria.{where['i']}.options.{where['j']}.points"
        assert any(wanted in p for p in problems), problems

    return check


def set23_max_points(tmp: Path) -> None:
    e = erratum("set23-9-max-points")
    crit = product_set(23).criterion("9")
    assert crit is not None
    # Encoded 4: the options print 2 and 4, and Part C = 14 + 8 + 4 + 4 + 5 = 35 only with 4.
    assert crit.max_points == int(e["encoded"]) == 4
    assert sorted(o.points for o in crit.options) == [2, 4]
    folder = copy_ruleset(tmp)
    path = set_file(folder, 23)
    index: list[int] = []

    def put_printed(data: dict[str, Any]) -> None:
        i, r = row(data, "9")
        r["max_points"] = printed_as_yaml(e["printed"])  # "4 1" is not a number
        index.append(i)

    edit_yaml(path, put_printed)
    problems = refused(folder)
    assert any(f"{path.name}.criteria.{index[0]}.max_points" in p for p in problems), problems


def set26_part_a_heading(tmp: Path) -> None:
    e = erratum("set26-part-a-heading")
    ps = product_set(26)
    # Sections 1, 2, 3 of Part A: 14 + 12 + 14 = 40, the encoded value.
    assert [c.max_points for c in ps.children(None) if c.part == "A"] == [14, 12, 14]
    assert sum(c.max_points for c in ps.children(None) if c.part == "A") == int(e["encoded"]) == 40
    part_a = ocop_rules.get_ruleset(RULESET).part("A")
    assert part_a is not None and part_a.max_points == 40
    folder = copy_ruleset(tmp)

    def put_printed(data: dict[str, Any]) -> None:
        next(p for p in data["parts"] if p["code"] == "A")["max_points"] = int(e["printed"])

    edit_yaml(folder / "ruleset.yaml", put_printed)
    problems = refused(folder)
    assert any(p.startswith("sets/26-") and "part A: sections sum to 40, the part's maximum is 35" in p for p in problems), problems
    assert "parts: part maxima sum to 95, not 100" in problems


def set01_rejection_grounds(tmp: Path) -> None:
    e = erratum("set01-rejection-grounds-text")
    line = e["encoded"]
    # The sheet printed the same line twice; the ruleset holds it once.
    assert e["printed"] == f"{line}\n{line}"
    grounds = product_set(1).rejection_grounds
    assert [g.id for g in grounds] == ["forged-dossier", "food-safety-certificate", "registration-dossier"]
    for g in grounds:
        assert line.count(g.text_vi) == 1, g.id
    assert len({g.text_vi for g in grounds}) == len(grounds)
    if LEGAL_TEXT.is_file():
        lines = [text.strip() for text in LEGAL_TEXT.read_text(encoding="utf-8").splitlines()]
        start = lines.index("1. Bộ sản phẩm: Rau, củ, quả, hạt tươi")
        end = lines.index("2. Bộ sản phẩm: Thịt, thủy sản, trứng, sữa tươi")
        at = [i for i in range(start, end) if lines[i] == line]
        assert len(at) == 2 and at[1] == at[0] + 1  # printed twice in sheet 1, one after the other


def set07_bullet(tmp: Path) -> None:
    e = erratum("set07-7-bullet")
    assert (e["printed"], e["encoded"]) == ("o", "□")
    crit = product_set(7).criterion("7")
    assert crit is not None
    opt = option(7, "7", "7/d")
    # An ordinary printed option: the criterion's maximum, marked *****, the last of four.
    assert (opt.points, opt.min_stars, opt.printed) == (5, 5, True)
    assert crit.max_points == 5 and [o.key for o in crit.options] == ["7/a", "7/b", "7/c", "7/d"]
    assert opt.text_vi == "Rất độc đáo và có tính đặc trưng"
    if LEGAL_TEXT.is_file():
        text = LEGAL_TEXT.read_text(encoding="utf-8")
        assert "| o Rất độc đáo và có tính đặc trưng***** | 5 |" in text


CHECKS: dict[str, Check] = {
    "set01-rejection-grounds-text": set01_rejection_grounds,
    "set04-1.2-points": option_points("set04-1.2-points", 2),
    "set04-7-points": option_points("set04-7-points", 3),
    "set07-1.2-points": option_points("set07-1.2-points", 2),
    "set07-7-bullet": set07_bullet,
    "set10-1.2-points": option_points("set10-1.2-points", 2),
    "set11-1.2-points": option_points("set11-1.2-points", 2),
    "set11-6.1.1-points": option_points("set11-6.1.1-points", 2),
    "set23-9-max-points": set23_max_points,
    "set26-part-a-heading": set26_part_a_heading,
}


def test_every_erratum_has_a_check() -> None:
    assert set(CHECKS) == set(IDS)
    assert len(IDS) == len(set(IDS))


def test_loaded_errata_are_the_file_s() -> None:
    assert [e.id for e in ocop_rules.get_ruleset(RULESET).errata] == IDS


@pytest.mark.parametrize("eid", IDS)
def test_erratum(eid: str, tmp_path: Path) -> None:
    assert eid in CHECKS, f"erratum {eid} has no check in tests/test_errata.py"
    e = erratum(eid)
    assert e["reason"].strip()
    assert str(e["printed"]) != str(e["encoded"])
    CHECKS[eid](tmp_path)


@pytest.mark.parametrize("eid", [e["id"] for e in ERRATA if e["field"] not in ("text", "bullet")])
def test_erratum_claiming_the_printed_value_is_caught(eid: str, tmp_path: Path) -> None:
    # The loader checks that `encoded` is what the ruleset holds: claiming the printed value fails.
    folder = copy_ruleset(tmp_path)
    path = folder / "errata.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(e for e in data if e["id"] == eid)["encoded"] = next(e for e in data if e["id"] == eid)["printed"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    problems = refused(folder)
    assert any(p.startswith(f"errata[{eid}]: says ") for p in problems), problems
