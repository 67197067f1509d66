"""Every kind of bad input gets a clear error naming the field path; the CLI exits 2 with one line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import ocop_rules
from ocop_rules.cli import main
from ocop_rules.dossier import MAX_DOSSIER_BYTES
from tests.sheets import coffee, dossier, top_sheet


def _err(data: Any) -> ocop_rules.InputError:
    with pytest.raises(ocop_rules.InputError) as info:
        ocop_rules.evaluate(data)
    return info.value


def test_unknown_field_is_refused_with_its_path() -> None:
    data = dossier(top_sheet(coffee()))
    data["producer"]["fax"] = "0262"
    err = _err(data)
    assert str(err.problems[0]) == "producer.fax: is not a field of the dossier format"


def test_missing_required_field() -> None:
    data = dossier(top_sheet(coffee()))
    del data["filed_on"]
    assert str(_err(data).problems[0]) == "filed_on: is required"


def test_points_that_are_no_option_name_the_allowed_values() -> None:
    scores: dict[str, Any] = dict(top_sheet(coffee()))
    scores["4.2"] = 2  # 4.2 prints 0, 1, 3, 4
    err = _err(dossier(scores))
    assert str(err.problems[0]) == (
        "score_sheets[0].scores.4.2: 2 is not the points of any option of criterion 4.2; "
        "expected points 0, 1, 3, 4 or a key 4.2/a…4.2/d"
    )


def test_zero_means_no_option_applies() -> None:
    scores: dict[str, Any] = dict(top_sheet(coffee()))
    scores["3.3"] = 0  # under 25 % local labour: no printed option
    d = ocop_rules.evaluate(dossier(scores))
    assert d.assessors[0].options["3.3"] is None and d.assessors[0].points["3.3"] == 0


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("9.9", 1, "score_sheets[0].scores.9.9: '9.9' is not a criterion of set 13"),
        ("6.1", 2, "score_sheets[0].scores.6.1: '6.1' is a section, not a scored criterion"),
        ("8", "8/z", "score_sheets[0].scores.8: '8/z' is not an option of criterion 8; expected points 0, 2, 4, 5 or a key 8/a…8/c"),
        ("8", 9, "score_sheets[0].scores.8: 9 is not the points of any option of criterion 8; expected points 0, 2, 4, 5 or a key 8/a…8/c"),
    ],
)
def test_bad_scores(code: str, value: Any, message: str) -> None:
    scores: dict[str, Any] = dict(top_sheet(coffee()))
    scores[code] = value
    assert str(_err(dossier(scores)).problems[0]) == message


def test_booleans_and_floats_are_not_points() -> None:
    scores: dict[str, Any] = dict(top_sheet(coffee()))
    scores["1.1"] = True
    scores["1.2"] = 1.5
    paths = [p.path for p in _err(dossier(scores)).problems]
    assert any(p.startswith("score_sheets[0].scores.1.1") for p in paths)
    assert any(p.startswith("score_sheets[0].scores.1.2") for p in paths)


def test_unknown_note_and_ground_and_set() -> None:
    data = dossier(top_sheet(coffee()))
    data["score_sheets"][0]["findings"] = [{"criterion": "6.1.1", "note": "dust"}]
    assert "criterion 6.1.1 has no note 'dust'" in str(_err(data).problems[0])
    data = dossier(top_sheet(coffee()))
    data["score_sheets"][0]["findings"] = [{"criterion": "11", "note": "basis-of-assessment"}]
    assert "is informational; it has no finding to record" in str(_err(data).problems[0])
    err = _err(dossier(top_sheet(coffee()), rejections=[{"ground": "late"}]))
    assert str(err.problems[0]).startswith("rejections[0].ground: 'late' is not a ground of set 13")
    err = _err(dossier(top_sheet(coffee()), product_set=27))
    assert str(err.problems[0]).startswith("product_set: ruleset qd-26-2026 has no product set 27")


def test_empty_score_sheets() -> None:
    data = dossier(top_sheet(coffee()))
    data["score_sheets"] = []
    assert _err(data).problems[0].path == "score_sheets"


def test_unknown_ruleset() -> None:
    with pytest.raises(ocop_rules.UnknownRulesetError, match="unknown ruleset 'qd-1-1900'"):
        ocop_rules.evaluate(dossier(top_sheet(coffee()), ruleset="qd-1-1900"))


def test_unknown_policy_name() -> None:
    with pytest.raises(ocop_rules.InputError) as info:
        ocop_rules.evaluate(dossier(top_sheet(coffee())), policy={"minimum": "median"})
    assert str(info.value.problems[0]) == "policy.minimum: 'median' is not one of 'mean' or 'every-assessor'"
    with pytest.raises(ocop_rules.InputError) as info:
        ocop_rules.evaluate(dossier(top_sheet(coffee())), policy={"rounding": "up"})
    assert str(info.value.problems[0]).startswith("policy.rounding: unknown policy kind; known: minimum, forwarding")


def test_yaml_aliases_are_refused(tmp_path: Path) -> None:
    f = tmp_path / "d.yaml"
    f.write_text("a: &x [1, 2]\nb: *x\n", encoding="utf-8")
    err = _err(f)
    assert "anchors and aliases are not allowed" in str(err)


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "big.yaml"
    f.write_bytes(b"#" * (MAX_DOSSIER_BYTES + 1))
    assert "the limit is" in str(_err(f))


def test_json_dossiers_load(tmp_path: Path) -> None:
    f = tmp_path / "d.json"
    f.write_text(json.dumps(dossier(top_sheet(coffee()))), encoding="utf-8")
    assert ocop_rules.evaluate(f).stars == 5
    f.write_text("{not json", encoding="utf-8")
    assert "not valid JSON" in str(_err(f))


def test_nfc_normalisation_of_input_text() -> None:
    data = dossier(top_sheet(coffee()))
    data["product"]["name"] = "Cà phê"  # decomposed: a + combining grave
    d = ocop_rules.evaluate(data)
    assert d.product == "Cà phê"


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("product_set: 13\n", "is required"),
        ("- 1\n- 2\n", "must be a mapping"),
        ("a: [1,\n", "not valid YAML"),
    ],
)
def test_cli_bad_input_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, needle: str) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text(content, encoding="utf-8")
    assert main(["evaluate", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and needle in err and "Traceback" not in err
    assert err.startswith("ocop-rules: dossier ")


def test_cli_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "/nonexistent/dossier.yaml"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot read the file" in err
