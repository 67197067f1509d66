"""Embedding example: a web form where a council secretary pastes a dossier and gets the decision.

Standard library only (wsgiref), plus ocop_rules. Run it, then open http://127.0.0.1:8000:

    python examples/embedding/web_form.py

POST / with `dossier` (YAML or JSON text) and `lang` (vi|en) returns an HTML page; add `format=json` to get the
decision's JSON wire format instead (an HTTP API in a dozen lines). Bad input is answered with 400 and every
problem with its field path, never a traceback.
"""

from __future__ import annotations

import contextlib
import html
import json
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import ocop_rules
from ocop_rules.dossier import MAX_DOSSIER_BYTES

StartResponse = Callable[[str, list[tuple[str, str]]], Any]

FORM = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Đánh giá sản phẩm OCOP</title></head>
<body>
<h1>Đánh giá, phân hạng sản phẩm OCOP</h1>
<form method="post">
  <p><label>Hồ sơ (YAML hoặc JSON)<br><textarea name="dossier" rows="24" cols="100"></textarea></label></p>
  <p><label>Ngôn ngữ <select name="lang"><option value="vi">Tiếng Việt</option><option value="en">English</option></select></label>
     <label><input type="checkbox" name="format" value="json"> JSON</label></p>
  <p><button type="submit">Đánh giá</button></p>
</form>
</body></html>
"""


def decide(text: str) -> ocop_rules.Decision:
    """Evaluate dossier text. It goes through a file so the library's own limits apply (size, no YAML aliases)."""
    suffix = ".json" if text.lstrip().startswith("{") else ".yaml"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"dossier{suffix}"
        path.write_text(text, encoding="utf-8")
        return ocop_rules.evaluate(path)


def decision_html(d: ocop_rules.Decision, lang: str) -> str:
    """The result and its explanation, every step with the provision it applied."""
    vi = lang == "vi"
    star = "★" * d.stars if d.stars else ("không xếp hạng" if vi else "no star")
    authority = (d.authority_vi if vi else d.authority_en) or "—"
    steps = "".join(
        f"<li><code>{html.escape(s.rule)}</code> {html.escape(s.message(lang))}"
        + (f" <em>({html.escape((s.citation if vi else s.citation_en) or '')})</em>" if s.citation else "")
        + "</li>"
        for s in d.trace
    )
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(d.product)}</title></head><body>'
        f"<h1>{html.escape(d.product)}: {star}</h1>"
        f"<p>{'Điểm trung bình' if vi else 'Average'}: {d.average_total} ({d.average_total_exact}); "
        f"{'cơ quan công nhận' if vi else 'recognised by'}: {html.escape(authority)}</p>"
        f"<ol>{steps}</ol></body></html>"
    )


def problems_html(err: ocop_rules.OcopError) -> str:
    """Every problem, each with its field path: what a person needs to fix the dossier."""
    problems = err.problems if isinstance(err, ocop_rules.InputError) else ()
    items = "".join(f"<li><code>{html.escape(p.path)}</code>: {html.escape(p.message)}</li>" for p in problems)
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(err.code)}</title></head><body>'
            f"<h1>{html.escape(str(err))}</h1><ul>{items}</ul></body></html>")


def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    """The WSGI application: GET shows the form, POST evaluates."""
    def reply(status: str, body: str, kind: str = "text/html") -> list[bytes]:
        data = body.encode("utf-8")
        start_response(status, [("Content-Type", f"{kind}; charset=utf-8"), ("Content-Length", str(len(data)))])
        return [data]

    if environ.get("REQUEST_METHOD", "GET") != "POST":
        return reply("200 OK", FORM)
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length > 4 * MAX_DOSSIER_BYTES:  # form encoding can triple the size; the library checks the exact limit
        return reply("413 Content Too Large", "<h1>Hồ sơ quá lớn · dossier too large</h1>")
    fields = parse_qs(environ["wsgi.input"].read(length).decode("utf-8"))
    text = fields.get("dossier", [""])[0]
    lang = "en" if fields.get("lang", ["vi"])[0] == "en" else "vi"
    as_json = fields.get("format", [""])[0] == "json"
    try:
        decision = decide(text)
    except ocop_rules.OcopError as err:
        if as_json:
            problems = [{"path": p.path, "message": p.message} for p in getattr(err, "problems", ())]
            return reply("400 Bad Request", json.dumps({"error": err.code, "message": str(err), "problems": problems},
                                                       ensure_ascii=False), "application/json")
        return reply("400 Bad Request", problems_html(err))
    if as_json:
        return reply("200 OK", decision.to_json(), "application/json")
    return reply("200 OK", decision_html(decision, lang))


def main(argv: list[str]) -> int:
    """Serve the form on 127.0.0.1 (port from the first argument, default 8000) until interrupted."""
    from wsgiref.simple_server import make_server

    port = int(argv[0]) if argv else 8000
    with make_server("127.0.0.1", port, app) as server:
        print(f"http://127.0.0.1:{port}")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
