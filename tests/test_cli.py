"""The command line: JSON contracts other tools read, the text overview, schema, validate, lint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ocop_rules.cli import main

COFFEE = str(Path(__file__).resolve().parent.parent / "examples" / "dossiers" / "kien-cuong-weasel-coffee.yaml")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_evaluate_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "evaluate", COFFEE, "--format", "json")
    assert code == 0
    d = json.loads(out)
    for key in ("schema_version", "ruleset", "product_set", "dossier_id", "assessors", "average_total",
                "average_total_exact", "parts", "band_stars", "stars", "certifiable", "authority",
                "forward_to_ministry", "rejected", "unmet_minimums", "criteria", "trace", "policy", "engine",
                "library_version"):
        assert key in d
    assert set(d["ruleset"]) >= {"id", "sha256"}
    assert d["average_total"] == "79.29" and d["average_total_exact"] == "555/7"
    assert d["parts"]["A"] == {"average": "33.00", "average_exact": "33", "max": 40}
    assert set(d["assessors"][0]) >= {"assessor", "total", "parts"}
    assert d["engine"] == "reference" and d["stars"] == 4
    step = d["trace"][0]
    assert set(step) >= {"rule", "message_vi", "message_en", "values", "citation"}


def test_evaluate_text_and_markdown_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    _, vi = run(capsys, "evaluate", COFFEE)
    assert "Hạng sao: ★★★★ (4)" in vi and "Điều 3 khoản 3" in vi
    _, en = run(capsys, "evaluate", COFFEE, "--lang", "en")
    assert "Stars: ★★★★ (4)" in en and "Art. 3 cl. 3" in en
    _, md = run(capsys, "evaluate", COFFEE, "--format", "markdown", "--lang", "en")
    assert md.startswith("# Cà phê chồn Kiên Cường") and "| Thành viên 1 | 33 | 19 | 27 | 79 |" in md


def test_rulesets_show_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "rulesets", "show", "qd-26-2026", "--set", "13", "--format", "json")
    d = json.loads(out)
    assert {"id", "title", "effective_from", "sha256", "product_sets"} <= set(d)
    assert d["effective_from"] == "2026-05-22"
    (ps,) = d["product_sets"]
    assert {"number", "slug", "title_vi", "title_en", "parts", "criteria"} <= set(ps)
    assert ps["parts"] == {"A": 40, "B": 25, "C": 35}
    assert ps["criteria"][0] == {"code": "1.1", "part": "A", "max_points": 3, "options": [
        {"key": "1.1/a", "points": 1, "min_stars": None},
        {"key": "1.1/b", "points": 2, "min_stars": 3},
        {"key": "1.1/c", "points": 3, "min_stars": None},
    ]}
    assert [c["code"] for c in ps["criteria"]][-5:] == ["7", "8", "9", "10", "11"]


def test_rulesets_list(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "rulesets", "list", "--format", "json")
    items = {r["id"]: r for r in json.loads(out)}
    assert items["qd-26-2026"]["effective_from"] == "2026-05-22"
    assert items["qd-26-2026"]["fidelity"] == "complete"


def test_schema_commands(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "schema")
    schema = json.loads(out)
    assert "score_sheets" in schema["properties"] and schema["additionalProperties"] is False
    _, out = run(capsys, "schema", "--decision")
    assert "average_total_exact" in json.loads(out)["properties"]


def test_validate(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "validate", COFFEE)
    assert code == 0 and out.startswith("valid: ") and "set 13, 7 score sheets" in out


def test_lint_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "lint")
    assert code == 0 and "qd-26-2026: ok (26 sets" in out


def test_unknown_set_for_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rulesets", "show", "qd-26-2026", "--set", "40"]) == 2
    assert "has no product set 40" in capsys.readouterr().err
