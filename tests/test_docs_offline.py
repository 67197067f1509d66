"""The documentation site works with no network: no CDN script, stylesheet, font or image, and a
local search index that keeps Vietnamese diacritics."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

pytest.importorskip("mkdocs")
pytest.importorskip("material")

from docsite import Built, built_site

EXTERNAL_ASSET = re.compile(
    r"<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc=[\"']?(?:https?:)?//"
    r"|<link\b[^>]*\bhref=[\"']?(?:https?:)?//",
    re.I,
)
EXTERNAL_CSS = re.compile(r"(?:@import\s+(?:url\()?|url\()\s*[\"']?(?:https?:)?//", re.I)
FONT_HOSTS = ("fonts.googleapis.com", "fonts.gstatic.com")


@pytest.fixture(scope="module")
def site() -> Built:
    built = built_site()
    assert built.returncode == 0, built.log[-4000:]
    return built


def test_the_detectors_catch_what_they_look_for() -> None:
    assert EXTERNAL_ASSET.search('<script src="https://cdn.example/x.js"></script>')
    assert EXTERNAL_ASSET.search("<link rel=stylesheet href=//fonts.googleapis.com/css>")
    assert not EXTERNAL_ASSET.search('<script src="assets/javascripts/bundle.js"></script>')
    assert not EXTERNAL_ASSET.search('<a href="https://example.org/">a link is not an asset</a>')
    assert EXTERNAL_CSS.search("@import url('https://fonts.googleapis.com/css2?family=Roboto');")
    assert not EXTERNAL_CSS.search("background: url(../images/x.svg)")


def test_no_page_loads_anything_from_the_network(site: Built) -> None:
    pages = sorted(site.site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not EXTERNAL_ASSET.search(text), page
        assert not any(host in text for host in FONT_HOSTS), page
        # The theme fetches mermaid from a CDN only for pages that hold a mermaid diagram: there must be none.
        assert 'class="mermaid"' not in text, page


def test_no_stylesheet_imports_from_the_network(site: Built) -> None:
    sheets = sorted(site.site.rglob("*.css"))
    assert sheets
    for sheet in sheets:
        assert not EXTERNAL_CSS.search(sheet.read_text(encoding="utf-8")), sheet


def test_search_is_local_and_keeps_vietnamese_diacritics(site: Built) -> None:
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "vi" in index["config"]["lang"] and "en" in index["config"]["lang"]
    assert (site.site / "assets" / "javascripts" / "lunr" / "min" / "lunr.vi.min.js").is_file()
    text = " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"])
    for phrase in ("Cà phê chồn Kiên Cường", "Nguồn nguyên liệu", "Hồ sơ bị loại khi"):
        assert unicodedata.normalize("NFC", phrase) in text, phrase
