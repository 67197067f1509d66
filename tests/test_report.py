"""The HTML decision report: self-contained, complete, escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ocop_rules import evaluate, load_dossier
from ocop_rules.cli import main
from ocop_rules.report import render_html

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "dossiers" / "kien-cuong-weasel-coffee.yaml"


@pytest.fixture(scope="module")
def html_vi() -> str:
    return render_html(evaluate(EXAMPLE), "vi")


def test_the_report_needs_nothing_from_outside(html_vi: str) -> None:
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html_vi, re.IGNORECASE)
    assert "<script" not in html_vi.lower()
    assert "<link" not in html_vi.lower() and "@import" not in html_vi and "url(" not in html_vi
    assert "http://" not in html_vi and "https://" not in html_vi
    assert html_vi.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html_vi


def test_the_report_carries_the_key_figures(html_vi: str) -> None:
    # average 555/7 ≈ 79.29, 4★ band, recognised by the province, certificate 2026-11-20 + 36 months
    for text in ("79.29 (555/7)", "4★", "UBND cấp tỉnh", "20/11/2029", "Cà phê chồn Kiên Cường", "Đắk Lắk"):
        assert text in html_vi
    # the chart: part A averages 231/7 = 33.00 of 40, B 134/7 ≈ 19.14 of 25, C 190/7 ≈ 27.14 of 35
    assert "33.00 / 40" in html_vi and "19.14 / 25" in html_vi and "27.14 / 35" in html_vi and "79.29 / 100" in html_vi
    # each assessor's total, and the spread: totals 79, 82, 78, 82, 77, 79, 78 → 82 − 77 = 5
    assert re.search(r"Chênh lệch \(cao nhất − thấp nhất\)</th>.*<th class=\"num\">5</th>", html_vi)
    assert html_vi.count("Thành viên ") >= 7
    # the minimum matrix: the 5★ marks on 1.5 (≥ 3, mean 2.00) and 4.1 (≥ 5, mean 3.00) are unmet
    assert '<td class="num unmet">≥ 3 · chưa đạt</td>' in html_vi
    assert html_vi.count("chưa đạt</td>") == 3  # 1.5, 4.1 and 7 at 5★
    # next-star guidance and the full trace with citations
    assert "Để đạt 5 sao: nâng 8 tiêu chí" in html_vi and "1.5/d" in html_vi
    assert "minimum:1.5:5:unmet" in html_vi and "Quyết định 26/2026/QĐ-TTg, Phụ lục II mục 13 tiêu chí 1.5" in html_vi


def test_the_report_escapes_every_text() -> None:
    data = load_dossier(EXAMPLE).model_dump(mode="json")
    data["product"]["name"] = '<script>alert("x")</script> & <b>Co</b>'
    data["score_sheets"][0]["assessor"] = "<img src=x onerror=alert(1)>"
    html = render_html(evaluate(data), "en")
    assert "<script>" not in html and "<img" not in html and "<b>Co</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_report_is_in_english_on_request() -> None:
    html = render_html(evaluate(EXAMPLE), "en")
    assert '<html lang="en">' in html and "Star minimums" in html and "Provincial People&#x27;s Committee" in html  # the apostrophe is escaped too
    assert "To reach 5★: raise 8 criteria" in html


def test_report_command_writes_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    assert main(["report", str(EXAMPLE), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count("<h2>") == 6
    assert capsys.readouterr().out.strip() == str(out)


def test_a_rejected_dossier_report_says_why() -> None:
    data = load_dossier(EXAMPLE).model_dump(mode="json")
    data["rejections"] = [{"ground": "forged-dossier"}]
    html = render_html(evaluate(data), "vi")
    assert "Bị loại: Giả mạo hồ sơ" in html and "không xếp hạng" in html
    assert "cần khắc phục lý do bị loại trước khi xét nâng hạng sao" in html
