"""Small writing helpers shared by the page generators: escaping, links, star marks, citations."""

from __future__ import annotations

import html
import posixpath
from collections.abc import Iterable, Sequence

from ocop_rules.citation import Citation

STAR = "★"


def esc(text: object) -> str:
    """Text for raw HTML (tables are written as HTML so a cell can hold two languages)."""
    return html.escape(str(text), quote=True)


def cell(text: object) -> str:
    """Text for a Markdown table cell: pipes, emphasis marks and brackets shown literally."""
    out = str(text)
    for ch in ("\\", "|", "*", "_", "[", "]", "<", ">", "`"):
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", "<br>")


def rel(src: str, dst: str) -> str:
    """A Markdown link target from the page `src` to the page `dst` (both docs-relative paths)."""
    here = posixpath.dirname(src)
    target, _, frag = dst.partition("#")
    out = posixpath.relpath(target, here or ".") if target else ""
    return out + (f"#{frag}" if frag else "")


def anchor(code: str) -> str:
    """The HTML id of a criterion's row on its sheet page: '1.5' -> 'c-1-5'."""
    return "c-" + code.replace(".", "-").replace("/", "-")


def erratum_anchor(erratum_id: str) -> str:
    """The HTML id of an erratum on its ruleset's errata page."""
    return "e-" + erratum_id.replace(".", "-").replace("/", "-")


def stars_html(n: int | None) -> str:
    """A star mark as printed on the sheet ('***' for 3), shown as ★ glyphs with a text label."""
    if not n:
        return ""
    label = f"yêu cầu tối thiểu {n} sao · {n}-star minimum"
    return f'<span class="ocop-star" title="{esc(label)}" aria-label="{esc(label)}">{STAR * n}</span>'


def stars_text(n: int | None) -> str:
    """A star count for Markdown: '4★'."""
    return f"{n}{STAR}" if n else "—"


def cite(c: Citation | None, lang: str, own: str | None = None) -> str:
    """A citation in `lang`; the instrument is left out when it is the page's own (`own`)."""
    if c is None:
        return ""
    if own is not None and c.instrument == own and c.is_located():
        c = c.model_copy(update={"instrument": None})
    return c.render(lang)


def bilingual(vi: str, en: str) -> str:
    """Vietnamese first, English after: the order of every heading of the rule pages."""
    return f"{vi} · {en}"


def md_table(headers: Sequence[str], rows: Iterable[Sequence[object]], align: str = "") -> str:
    """A Markdown table; cells are written as given (escape them with `cell` first when needed).

    `align` has one letter per column, 'l' or 'r' (numbers read best right-aligned); missing letters mean left.
    """
    rule = ["---:" if align[i:i + 1] == "r" else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(rule) + "|"]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def compact(markdown: str) -> str:
    """Wrap a long Markdown table so the stylesheet can tighten its rows (`.ocop-compact`)."""
    return f'<div class="ocop-compact" markdown>\n\n{markdown}\n</div>\n'


def kv_table(rows: Iterable[Sequence[object]]) -> str:
    """A two-column table of named facts (a header row is required by Markdown, so it says what the columns are)."""
    return md_table(["Mục · Item", "Nội dung · Value"], rows)


def interval(lower: int, upper: int, closed: bool) -> str:
    """A band as an interval: [70, 90) or [90, 100]."""
    return f"[{lower}, {upper}{']' if closed else ')'}"
