"""The embedding examples shown in the documentation (examples/embedding/) run and say the right thing."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

ROOT = Path(__file__).resolve().parent.parent
COFFEE = ROOT / "examples" / "dossiers" / "kien-cuong-weasel-coffee.yaml"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"embedding_{name}", ROOT / "examples" / "embedding" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _call(app: Any, method: str, fields: dict[str, str] | None = None) -> tuple[str, str, str]:
    body = urlencode(fields or {}).encode("utf-8")
    environ: dict[str, Any] = {"REQUEST_METHOD": method, "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body),
                               "CONTENT_TYPE": "application/x-www-form-urlencoded"}
    setup_testing_defaults(environ)
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        seen["status"], seen["headers"] = status, dict(headers)

    out = b"".join(app(environ, start_response)).decode("utf-8")
    return seen["status"], seen["headers"]["Content-Type"], out


def test_the_web_form_is_served_on_get() -> None:
    status, kind, page = _call(_load("web_form").app, "GET")
    assert status == "200 OK" and kind.startswith("text/html") and '<textarea name="dossier"' in page


def test_the_web_form_decides_the_coffee_dossier() -> None:
    status, _, page = _call(_load("web_form").app, "POST", {"dossier": COFFEE.read_text(encoding="utf-8"), "lang": "vi"})
    # By hand: 79+82+78+82+77+79+78 = 555 over 7 sheets = 555/7 ≈ 79.29, band [70, 90), every 4★ mark met: 4★.
    assert status == "200 OK"
    assert "Cà phê chồn Kiên Cường: ★★★★</h1>" in page
    assert "79.29 (555/7)" in page and "UBND cấp tỉnh" in page


def test_the_web_form_answers_json_with_the_wire_format() -> None:
    status, kind, body = _call(_load("web_form").app, "POST", {"dossier": COFFEE.read_text(encoding="utf-8"), "format": "json"})
    data = json.loads(body)
    assert status == "200 OK" and kind.startswith("application/json")
    assert (data["stars"], data["average_total_exact"], data["authority"]) == (4, "555/7", "province")


def test_the_web_form_lists_every_problem_with_its_path() -> None:
    text = COFFEE.read_text(encoding="utf-8").replace('"1.1": 3, "1.2": 1', '"1.1": 7, "1.2": 1', 1)
    status, kind, body = _call(_load("web_form").app, "POST", {"dossier": text, "format": "json"})
    assert kind.startswith("application/json")
    data = json.loads(body)
    assert status == "400 Bad Request" and data["error"] == "invalid-dossier"
    assert data["problems"][0]["path"] == "score_sheets[0].scores.1.1"
    status, _, page = _call(_load("web_form").app, "POST", {"dossier": "product_set: [unclosed"})
    assert status == "400 Bad Request" and "not valid YAML" in page


def test_the_batch_job_writes_one_row_per_dossier_and_keeps_going(tmp_path: Path) -> None:
    folder = tmp_path / "round"
    folder.mkdir()
    (folder / "a-coffee.yaml").write_text(COFFEE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b-broken.yaml").write_text("product_set: 13\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a dossier", encoding="utf-8")
    out = tmp_path / "results.csv"
    code = _load("batch_job").main([str(folder), str(out)])
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert code == 1  # one dossier failed: the scheduler is told
    assert [r["file"] for r in rows] == ["a-coffee.yaml", "b-broken.yaml"]
    assert (rows[0]["stars"], rows[0]["average"], rows[0]["average_exact"], rows[0]["certificate_valid_until"]) == (
        "4", "79.29", "555/7", "2029-11-20")  # issued 2026-11-20, valid 36 months (Art. 4.3)
    assert rows[1]["error_code"] == "invalid-dossier" and rows[1]["stars"] == ""
