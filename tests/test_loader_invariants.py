"""The loader refuses a ruleset that breaks an invariant, naming where; the shipped ones pass lint."""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ocop_rules.errors import RulesetError
from ocop_rules.lint import lint_all
from ocop_rules.loader import load_ruleset_folder, read_yaml
from ocop_rules.registry import rulesets_dir

META = read_yaml(rulesets_dir() / "qd-26-2026" / "ruleset.yaml")


def _opt(code: str, letter: str, points: int, stars: int | None = None) -> dict[str, Any]:
    return {"key": f"{code}/{letter}", "points": points, "min_stars": stars, "text_vi": f"Phương án {letter}", "text_en": letter}


def tiny_set() -> dict[str, Any]:
    return {
        "number": 1, "slug": "thu", "title_vi": "Bộ thử", "title_en": "Test set", "cite": {"annex": "II", "item": 1},
        "criteria": [
            {"code": "1", "part": "A", "title_vi": "Một", "title_en": "One", "max_points": 40,
             "options": [_opt("1", "a", 0), _opt("1", "b", 40)]},
            {"code": "2", "part": "B", "title_vi": "Hai", "title_en": "Two", "max_points": 25},
            {"code": "2.1", "title_vi": "Hai một", "title_en": "Two one", "max_points": 20,
             "options": [_opt("2.1", "a", 0), _opt("2.1", "b", 10, 3), _opt("2.1", "c", 20, 4)]},
            {"code": "2.2", "title_vi": "Hai hai", "title_en": "Two two", "max_points": 5,
             "options": [_opt("2.2", "a", 0), _opt("2.2", "b", 5)]},
            {"code": "3", "part": "C", "title_vi": "Ba", "title_en": "Three", "max_points": 35,
             "options": [_opt("3", "a", 0), _opt("3", "b", 35)]},
        ],
    }


def write(tmp: Path, meta: dict[str, Any], sset: dict[str, Any], errata: list[Any] | None = None) -> Path:
    folder = tmp / "rs"
    (folder / "sets").mkdir(parents=True)
    (folder / "ruleset.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    (folder / "sets" / "01-thu.yaml").write_text(yaml.safe_dump(sset, allow_unicode=True), encoding="utf-8")
    (folder / "errata.yaml").write_text(yaml.safe_dump(errata or [], allow_unicode=True), encoding="utf-8")
    return folder


def test_the_tiny_ruleset_loads(tmp_path: Path) -> None:
    rs = load_ruleset_folder(write(tmp_path, META, tiny_set()), {})
    ps = rs.product_set(1)
    assert ps is not None and [c.code for c in ps.leaves] == ["1", "2.1", "2.2", "3"]
    assert ps.criterion("2.1") is not None and ps.criterion("2.1").parent == "2"  # type: ignore[union-attr]
    assert ps.criterion("2.2").part == "B"  # type: ignore[union-attr]
    assert len(rs.sha256) == 64


def _crit(s: dict[str, Any], code: str) -> dict[str, Any]:
    return next(c for c in s["criteria"] if c["code"] == code)


Mutation = Callable[[dict[str, Any], dict[str, Any]], list[Any] | None]


def dup_code(m: dict[str, Any], s: dict[str, Any]) -> None:
    s["criteria"].append(copy.deepcopy(_crit(s, "2.2")))


def dup_key(m: dict[str, Any], s: dict[str, Any]) -> None:
    _crit(s, "2.2")["options"][0]["key"] = "2.2/b"


def over_max(m: dict[str, Any], s: dict[str, Any]) -> None:
    _crit(s, "2.2")["options"].append(_opt("2.2", "c", 6))


def top_below_max(m: dict[str, Any], s: dict[str, Any]) -> None:
    _crit(s, "2.2")["options"][1]["points"] = 4


def children_off(m: dict[str, Any], s: dict[str, Any]) -> None:
    _crit(s, "2")["max_points"] = 24


def part_off(m: dict[str, Any], s: dict[str, Any]) -> None:
    _crit(s, "3")["max_points"] = 34
    _crit(s, "3")["options"][1]["points"] = 34


def marks_fall(m: dict[str, Any], s: dict[str, Any]) -> None:
    _crit(s, "2.1")["options"][1]["min_stars"] = 4
    _crit(s, "2.1")["options"][2]["min_stars"] = 3


def band_gap(m: dict[str, Any], s: dict[str, Any]) -> None:
    m["bands"][1]["upper"] = 89


def band_overlap(m: dict[str, Any], s: dict[str, Any]) -> None:
    m["bands"][2]["upper"] = 71


def band_top_open(m: dict[str, Any], s: dict[str, Any]) -> None:
    m["bands"][0]["upper_inclusive"] = False


def no_citation(m: dict[str, Any], s: dict[str, Any]) -> None:
    m["certificate"]["cite"] = {}


def not_nfc(m: dict[str, Any], s: dict[str, Any]) -> None:
    _crit(s, "1")["title_vi"] = unicodedata.normalize("NFD", "Nguồn")


def erratum_mismatch(m: dict[str, Any], s: dict[str, Any]) -> list[Any]:
    return [{"id": "x", "set": 1, "code": "2.2", "option": "2.2/b", "field": "points", "printed": "6", "encoded": "4",
             "reason": "test"}]


def applies_missing(m: dict[str, Any], s: dict[str, Any]) -> None:
    c = _crit(s, "2.2")
    c["applies_when"] = {"criterion": "9.9", "min_points": 1}
    c["notes"] = [{"id": "only", "kind": "applies_when", "text_vi": "Chỉ áp dụng khi", "text_en": "only when"}]


def parts_not_100(m: dict[str, Any], s: dict[str, Any]) -> None:
    m["parts"][0]["max_points"] = 41


@pytest.mark.parametrize(
    ("mutate", "needle"),
    [
        (dup_code, "duplicate code"),
        (dup_key, "duplicate option keys"),
        (over_max, "6 points is outside 0..5"),
        (top_below_max, "the highest option is worth 4, the maximum is 5"),
        (children_off, "sub-criteria sum to 25, the section's maximum is 24"),
        (part_off, "sections sum to 34, the part's maximum is 35"),
        (marks_fall, "star marks must rise with points"),
        (band_gap, "gap or overlap between 4★ and 5★"),
        (band_overlap, "gap or overlap between 3★ and 4★"),
        (band_top_open, "the top band must end at 100 inclusive"),
        (no_citation, "certificate: has no citation"),
        (not_nfc, "not in Unicode NFC form"),
        (erratum_mismatch, "says '4' is encoded, but the ruleset holds '5'"),
        (applies_missing, "applies_when refers to 9.9"),
        (parts_not_100, "part maxima sum to 101, not 100"),
    ],
)
def test_each_invariant_is_enforced(tmp_path: Path, mutate: Mutation, needle: str) -> None:
    meta, sset = copy.deepcopy(META), tiny_set()
    errata = mutate(meta, sset)
    with pytest.raises(RulesetError) as info:
        load_ruleset_folder(write(tmp_path, meta, sset, errata), {})
    assert any(needle in str(p) for p in info.value.problems), [str(p) for p in info.value.problems]


def test_hash_changes_with_content(tmp_path: Path) -> None:
    a = load_ruleset_folder(write(tmp_path / "a", META, tiny_set()), {})
    changed = tiny_set()
    _crit(changed, "1")["title_en"] = "One!"
    b = load_ruleset_folder(write(tmp_path / "b", META, changed), {})
    again = load_ruleset_folder(write(tmp_path / "c", META, tiny_set()), {})
    assert a.sha256 != b.sha256
    assert a.sha256 == again.sha256


def test_every_shipped_ruleset_passes_lint() -> None:
    assert lint_all() == []
