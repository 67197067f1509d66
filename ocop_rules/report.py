"""A self-contained HTML decision report for a council meeting or the producer.

One file, no external assets (inline CSS and SVG, no script, no web fonts), so it can be mailed,
archived with the minutes and printed. Every text is HTML-escaped. Vietnamese by default.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from html import escape

from ocop_rules.decision import Decision
from ocop_rules.next_star import NextStar, Upgrade, next_star
from ocop_rules.overview import minimum_matrix
from ocop_rules.registry import get_ruleset

_L = {
    "vi": {
        "title": "Báo cáo kết quả đánh giá, phân hạng sản phẩm OCOP", "producer": "Chủ thể", "province": "Tỉnh",
        "set": "Bộ sản phẩm", "ruleset": "Bộ quy tắc", "filed": "Ngày nộp hồ sơ", "decision": "Kết quả",
        "stars": "Hạng sao", "none": "không xếp hạng", "average": "Điểm trung bình", "band": "Hạng theo điểm",
        "certifiable": "Đủ điều kiện công nhận", "authority": "Cơ quan công nhận", "forward": "Chuyển Bộ đánh giá 5 sao",
        "certificate": "Giấy chứng nhận có giá trị đến", "rejected": "Bị loại", "yes": "có", "no": "không",
        "provisional": "Hạng sao tạm thời: chưa rõ yêu cầu tối thiểu của bộ tiêu chí", "warnings": "Lưu ý",
        "chart": "Điểm trung bình các phần so với điểm tối đa", "total": "Tổng",
        "assessors": "Điểm của từng thành viên và chênh lệch giữa các thành viên", "assessor": "Thành viên", "self": "tự đánh giá",
        "lowest": "Thấp nhất", "highest": "Cao nhất", "range": "Chênh lệch (cao nhất − thấp nhất)",
        "each": "điểm từng thành viên",
        "matrix": "Yêu cầu tối thiểu theo hạng sao", "criterion": "Tiêu chí", "has": "Điểm xét",
        "met": "đạt", "unmet": "chưa đạt", "no_marks": "Bộ phiếu này không có yêu cầu tối thiểu (hoặc chính sách bỏ qua).",
        "unknown_marks": "Chưa rõ yêu cầu tối thiểu theo hạng sao của bộ tiêu chí này (không có trong nguồn): hạng sao là tạm thời.",
        "how_mean": "Điểm xét = trung bình điểm các thành viên (chính sách 'mean').",
        "how_every": "Điểm xét = điểm thấp nhất trong các thành viên (chính sách 'every-assessor').",
        "binding": "Ô đỏ ở hạng không cao hơn hạng theo điểm là lý do hạ hạng.",
        "gap": "Cần cải thiện gì để đạt hạng sao tiếp theo", "actionable": "Chủ thể có thể chủ động thực hiện",
        "judged": "Do hội đồng đánh giá", "option": "Phương án cần đạt", "now": "Điểm hiện tại", "after": "Sau khi nâng",
        "cite": "Căn cứ", "min_flag": "yêu cầu tối thiểu", "max_without": "Hạng cao nhất khi chỉ nâng các tiêu chí chủ thể chủ động được",
        "flips": "Tiêu chí đơn lẻ đủ để đạt hạng tiếp theo", "no_flip": "Không có tiêu chí đơn lẻ nào đủ.",
        "restored": "Được tính lại điểm", "classification": "Phân loại tiêu chí (diễn giải, không phải quy định)",
        "trace": "Diễn giải từng bước", "step": "Bước", "rule": "Quy tắc", "what": "Nội dung",
        "footer": "Báo cáo do ocop-rules tạo ra; kết quả có thể tái lập từ mã băm bộ quy tắc và các chính sách đã ghi.",
        "policy": "Chính sách diễn giải", "engine": "Bộ máy", "library": "Phiên bản thư viện", "points": "điểm", "point": "điểm",
        "or": "hoặc",
    },
    "en": {
        "title": "OCOP evaluation and classification report", "producer": "Producer", "province": "Province",
        "set": "Product set", "ruleset": "Ruleset", "filed": "Filed on", "decision": "Decision",
        "stars": "Stars", "none": "no star", "average": "Average total", "band": "Band",
        "certifiable": "Certifiable", "authority": "Recognised by", "forward": "Forward to the ministry for 5★",
        "certificate": "Certificate valid until", "rejected": "Rejected", "yes": "yes", "no": "no",
        "provisional": "Provisional star: this ruleset's minimums are unknown", "warnings": "Warnings",
        "chart": "Average part scores against their maxima", "total": "Total",
        "assessors": "Each assessor's totals and the spread between assessors", "assessor": "Assessor", "self": "self-assessment",
        "lowest": "Lowest", "highest": "Highest", "range": "Spread (highest − lowest)", "each": "each assessor's total",
        "matrix": "Star minimums", "criterion": "Criterion", "has": "Judged points",
        "met": "met", "unmet": "unmet", "no_marks": "This sheet has no star minimums (or the policy ignores them).",
        "unknown_marks": "This ruleset's star minimums are unknown (not in the sources): the star is provisional.",
        "how_mean": "Judged points = the assessors' mean (policy 'mean').",
        "how_every": "Judged points = the lowest assessor's points (policy 'every-assessor').",
        "binding": "A red cell at a star not above the band is why the star was lowered.",
        "gap": "What to improve to reach the next star", "actionable": "The producer can act on",
        "judged": "Only the assessors can judge", "option": "Option to reach", "now": "Points now", "after": "After",
        "cite": "Provision", "min_flag": "minimum", "max_without": "Best star raising only what the producer can act on",
        "flips": "Single criteria that alone reach the next star", "no_flip": "No single criterion is enough.",
        "restored": "Points that count again", "classification": "Criteria classification (interpretation, not law)",
        "trace": "Step-by-step trace", "step": "Step", "rule": "Rule", "what": "What happened",
        "footer": "Report generated by ocop-rules; the result is reproducible from the ruleset hash and the recorded policies.",
        "policy": "Interpretation policies", "engine": "Engine", "library": "Library version", "points": "points", "point": "point",
        "or": "or",
    },
}

_CSS = """
body{font-family:"Noto Sans","DejaVu Sans","Segoe UI",Arial,sans-serif;color:#1d2530;margin:0;background:#f4f5f7;line-height:1.45}
main{max-width:1100px;margin:0 auto;padding:24px 32px;background:#fff}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.15em;margin:1.6em 0 .5em;border-bottom:2px solid #2c6e49;padding-bottom:.2em}
.meta{color:#4a5563;font-size:.95em}.meta span{margin-right:1.4em;display:inline-block}
.result{display:flex;gap:24px;align-items:center;flex-wrap:wrap;border:1px solid #d7dde4;border-radius:8px;padding:16px 20px;margin-top:16px}
.stars{font-size:2.6em;color:#d99a00;letter-spacing:.05em;white-space:nowrap}.stars .off{color:#d7dde4}
.result dl{display:grid;grid-template-columns:auto auto;gap:4px 16px;margin:0}.result dt{color:#4a5563}.result dd{margin:0;font-weight:600}
.bad{color:#b42318}.good{color:#2c6e49}.note{background:#fff6e0;border-left:4px solid #d99a00;padding:6px 12px;margin:8px 0}
table{border-collapse:collapse;width:100%;font-size:.92em;margin:.4em 0}th,td{border:1px solid #d7dde4;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.met,td.unmet,th{white-space:nowrap}td.met{background:#e6f4ea;color:#1e5631}td.unmet{background:#fde7e5;color:#8a1c12;font-weight:600}td.na{color:#9aa4af}
.small{font-size:.85em;color:#4a5563}.cite{font-size:.85em;color:#4a5563;white-space:nowrap}
.up{border:1px solid #d7dde4;border-radius:6px;padding:8px 12px;margin:8px 0}.up .opt{margin:.3em 0}
.tag{display:inline-block;font-size:.78em;padding:1px 8px;border-radius:10px;background:#eef1f4;margin-left:6px}
.tag.min{background:#fde7e5;color:#8a1c12}
footer{margin-top:2em;font-size:.8em;color:#6b7683}
@media print{body{background:#fff}main{padding:0}}
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _dec(value: Fraction) -> str:
    cents = (value * 100 + Fraction(1, 2)).__floor__()
    return f"{cents // 100}.{cents % 100:02d}"


def _stars_html(stars: int | None, lang: str) -> str:
    if stars is None:
        return f'<span class="stars bad">{_e(_L[lang]["none"])}</span>'
    return f'<span class="stars" aria-label="{stars}">{"★" * stars}<span class="off">{"★" * (5 - stars)}</span></span>'


def _chart(d: Decision, lang: str) -> str:
    """Horizontal bars: each part's average against its maximum, then the total with the band thresholds."""
    L = _L[lang]
    rs = get_ruleset(d.ruleset.id)
    rows = [(f"{code} — {(p.title_vi if lang == 'vi' else p.title_en)}", Fraction(v.average_exact), v.max)
            for code, v in d.parts.items() for p in [rs.part(code)] if p is not None]
    total_max = sum(v.max for v in d.parts.values())
    rows.append((L["total"], Fraction(d.average_total_exact), total_max))
    label_w, bar_w, row_h = 8, 700, 46
    height = row_h * len(rows) + 60
    out = [f'<svg role="img" width="100%" viewBox="0 0 {label_w + bar_w + 120} {height}" '
           f'font-family="Noto Sans, DejaVu Sans, Arial, sans-serif" font-size="13">', f"<title>{_e(L['chart'])}</title>"]
    for i, (label, value, maximum) in enumerate(rows):
        y = 10 + i * row_h
        w = float(value / maximum) * bar_w if maximum else 0.0
        colour = "#2c6e49" if i < len(rows) - 1 else "#d99a00"
        out.append(f'<text x="{label_w}" y="{y + 10}" font-weight="600">{_e(label)}</text>')
        out.append(f'<rect x="{label_w}" y="{y + 16}" width="{bar_w}" height="18" fill="#eef1f4" stroke="#c5ccd4"/>')
        out.append(f'<rect x="{label_w}" y="{y + 16}" width="{w:.1f}" height="18" fill="{colour}"/>')
        out.append(f'<text x="{label_w + bar_w + 8}" y="{y + 29}">{_e(_dec(value))} / {maximum}</text>')
    y_total = 22 + (len(rows) - 1) * row_h
    for b in rs.bands:
        if 0 < b.lower < total_max:
            x = label_w + bar_w * b.lower / total_max
            out.append(f'<line x1="{x:.1f}" y1="{y_total}" x2="{x:.1f}" y2="{y_total + 26}" stroke="#1d2530" stroke-dasharray="3,2"/>')
            out.append(f'<text x="{x:.1f}" y="{y_total + 38}" text-anchor="middle" font-size="11">{b.lower} · {b.stars}★</text>')
    out.append(f'<text x="{label_w}" y="{y_total + 56}" font-size="11" fill="#8a1c12">│ {_e(L["each"])}</text>')
    for a in d.assessors:
        x = label_w + bar_w * a.total / total_max
        out.append(f'<line x1="{x:.1f}" y1="{y_total + 2}" x2="{x:.1f}" y2="{y_total + 24}" stroke="#8a1c12" stroke-width="1.5">'
                   f"<title>{_e(a.assessor)}: {a.total}</title></line>")
    out.append("</svg>")
    return "\n".join(out)


def _assessors(d: Decision, lang: str) -> str:
    L = _L[lang]
    parts = list(d.parts)
    head = "".join(f'<th class="num">{_e(p)}</th>' for p in parts)
    rows = []
    for a in d.assessors:
        who = _e(a.assessor) + (f' <span class="small">({_e(L["self"])})</span>' if a.self_assessment else "")
        cells = "".join(f'<td class="num">{a.parts.get(p, 0)}</td>' for p in parts)
        rows.append(f"<tr><td>{who}</td>{cells}<td class=\"num\"><b>{a.total}</b></td></tr>")

    def stat(name: str, fn: Callable[[Sequence[int]], int]) -> str:
        cells = "".join(f'<td class="num">{fn([a.parts.get(p, 0) for a in d.assessors])}</td>' for p in parts)
        return f"<tr class=\"small\"><td>{_e(name)}</td>{cells}<td class=\"num\">{fn([a.total for a in d.assessors])}</td></tr>"

    def spread(values: Sequence[int]) -> int:
        return max(values) - min(values)

    rng = "".join(f'<td class="num">{spread([a.parts.get(p, 0) for a in d.assessors])}</td>' for p in parts)
    rows += [stat(L["lowest"], min), stat(L["highest"], max),
             f'<tr><th>{_e(L["range"])}</th>{rng}<th class="num">{spread([a.total for a in d.assessors])}</th></tr>']
    return (f'<table><thead><tr><th>{_e(L["assessor"])}</th>{head}<th class="num">Σ</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _matrix(d: Decision, lang: str) -> str:
    L = _L[lang]
    rs = get_ruleset(d.ruleset.id)
    ps = rs.product_set(d.product_set.number)
    if ps is None:
        return ""
    if not rs.minimums_known or rs.mode == "part-totals":
        return f"<p>{_e(L['unknown_marks'])}</p>"
    ignored = not ps.star_mark_footnote and d.policy.get("marks_without_footnote") == "ignore-marks"
    matrix = {} if ignored else minimum_matrix(ps)
    codes: list[str] = []
    for star in sorted(matrix):
        codes += [code for code, _ in matrix[star] if code not in codes]
    if not codes:
        return f"<p>{_e(L['no_marks'])}</p>"
    order = {c.code: i for i, c in enumerate(ps.leaves)}
    codes.sort(key=lambda c: order[c])
    mean = d.policy.get("minimum", "mean") == "mean"
    by_code = {c.code: c for c in d.criteria}
    stars = sorted(matrix)
    head = "".join(f'<th class="num">{s}★</th>' for s in stars)
    rows = []
    for code in codes:
        crit = ps.criterion(code)
        pts = by_code[code].points if code in by_code else [0]
        judged = Fraction(sum(pts), len(pts)) if mean else Fraction(min(pts))
        cells = []
        for s in stars:
            need = dict(matrix[s]).get(code)
            if need is None:
                cells.append('<td class="na num">—</td>')
                continue
            ok = judged >= need
            word = L["met"] if ok else L["unmet"]
            cells.append(f'<td class="num {"met" if ok else "unmet"}">≥ {need} · {_e(word)}</td>')
        title = crit.title_vi if crit and lang == "vi" else crit.title_en if crit else ""
        title = title if len(title) <= 90 else title[:89].rstrip() + "…"
        rows.append(f'<tr><td>{_e(code)}</td><td>{_e(title)}</td><td class="num">{_dec(judged)}</td>{"".join(cells)}</tr>')
    how = L["how_mean"] if mean else L["how_every"]
    return (f'<p class="small">{_e(how)} {_e(L["binding"])}</p><table><thead><tr><th>{_e(L["criterion"])}</th><th></th>'
            f'<th class="num">{_e(L["has"])}</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _upgrade(u: Upgrade, lang: str) -> str:
    L = _L[lang]
    vi = lang == "vi"
    tags = ""
    if u.for_minimum:
        tags += f'<span class="tag min">{_e(L["min_flag"])}</span>'
    topic = u.topic_vi if vi else u.topic_en
    if topic:
        tags += f'<span class="tag">{_e(topic)}</span>'
    alt = f" ({_e(L['or'])} {_e(', '.join(u.alternatives))})" if u.alternatives else ""
    per = ", ".join(str(b) if a == b else f"{b}→{a}" for b, a in zip(u.before, u.after, strict=True))
    return (f'<div class="up"><b>{_e(u.code)} {_e(u.title_vi if vi else u.title_en)}</b>{tags}'
            f'<div class="opt">{_e(L["option"])}: <b>{_e(u.option)}</b>{alt} — {u.points} {_e(L["point"] if u.points == 1 else L["points"])}: '
            f'“{_e(u.text_vi if vi else u.text_en)}”</div>'
            f'<div class="small">{_e(L["now"])} → {_e(L["after"])}: {_e(per)} · <span class="cite">{_e(u.citation if vi else u.citation_en)}</span></div>'
            + (f'<div class="small">Judged because: {_e(u.reason_en)}</div>' if u.reason_en and not vi else "") + "</div>")


def _gap(ns: NextStar, lang: str) -> str:
    L = _L[lang]
    out = [f"<p><b>{_e(ns.message_vi if lang == 'vi' else ns.message_en)}</b></p>"]
    for title, ups in ((L["actionable"], ns.actionable), (L["judged"], ns.judged)):
        if ups:
            out.append(f"<h3>{_e(title)}</h3>" + "".join(_upgrade(u, lang) for u in ups))
    if ns.restored:
        out.append(f"<p>{_e(L['restored'])}: {_e(', '.join(ns.restored))}</p>")
    if ns.max_stars_without_judged is not None:
        out.append(f"<p>{_e(L['max_without'])}: <b>{ns.max_stars_without_judged}★</b></p>")
    if ns.target_stars is not None and ns.status != "not-applicable":
        flips = ", ".join(f"{u.code} → {u.option}" for u in ns.single_flips)
        out.append(f"<p>{_e(L['flips'])} ({ns.target_stars}★): {_e(flips) if flips else _e(L['no_flip'])}</p>")
    if ns.classification != "none":
        out.append(f'<p class="small">{_e(L["classification"])}: {_e(ns.classification)}</p>')
    return "\n".join(out)


def _trace(d: Decision, lang: str) -> str:
    L = _L[lang]
    rows = []
    for i, s in enumerate(d.trace, 1):
        cite = s.citation if lang == "vi" else s.citation_en
        rows.append(f'<tr><td class="num">{i}</td><td><code>{_e(s.rule)}</code></td><td>{_e(s.message(lang))}</td>'
                    f'<td class="small">{_e(cite or "")}</td></tr>')
    return (f'<table><thead><tr><th class="num">{_e(L["step"])}</th><th>{_e(L["rule"])}</th><th>{_e(L["what"])}</th>'
            f'<th>{_e(L["cite"])}</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def render_html(d: Decision, lang: str = "vi", guidance: NextStar | None = None) -> str:
    """The whole report as one HTML document (UTF-8, no external resources)."""
    L = _L[lang]
    ns = guidance if guidance is not None else next_star(d)
    title = d.product_set.title_vi if lang == "vi" else d.product_set.title_en
    yes, no = L["yes"], L["no"]
    facts = [(L["average"], f"{d.average_total} ({d.average_total_exact})"), (L["band"], f"{d.band_stars}★"),
             (L["certifiable"], yes if d.certifiable else no)]
    auth = d.authority_vi if lang == "vi" else d.authority_en
    if auth:
        facts.append((L["authority"], auth))
    facts.append((L["forward"], yes if d.forward_to_ministry else no))
    if d.certificate:
        facts.append((L["certificate"], d.certificate.valid_until.strftime("%d/%m/%Y") if lang == "vi"
                      else d.certificate.valid_until.isoformat()))
    dl = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts)
    notes = []
    if d.rejected:
        r = d.rejected
        notes.append(f'<p class="note bad">{_e(L["rejected"])}: {_e(r.text_vi if lang == "vi" else r.text_en)} '
                     f'<span class="cite">({_e(r.citation)})</span></p>')
    if d.provisional:
        notes.append(f'<p class="note">{_e(L["provisional"])}</p>')
    if d.warnings:
        notes.append(f'<p class="note">{_e(L["warnings"])}: {_e("; ".join(d.warnings))}</p>')
    policy = ", ".join(f"{k}={v}" for k, v in d.policy.items())
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(L["title"])} — {_e(d.product)}</title>
<style>{_CSS}</style>
</head>
<body><main>
<p class="small">{_e(L["title"])}</p>
<h1>{_e(d.product)}</h1>
<div class="meta"><span>{_e(L["producer"])}: <b>{_e(d.producer)}</b></span><span>{_e(L["province"])}: {_e(d.province or "—")}</span>
<span>{_e(L["set"])}: {d.product_set.number} — {_e(title)}</span><span>{_e(L["filed"])}: {_e(d.filed_on.isoformat())}</span>
<span>{_e(L["ruleset"])}: <code>{_e(d.ruleset.id)}</code> (sha256 {_e(d.ruleset.sha256[:12])}…)</span>
{f'<span>ID: {_e(d.dossier_id)}</span>' if d.dossier_id else ""}</div>
<h2>{_e(L["decision"])}</h2>
<div class="result">{_stars_html(d.stars, lang)}<dl>{dl}</dl></div>
{"".join(notes)}
<h2>{_e(L["chart"])}</h2>
{_chart(d, lang)}
<h2>{_e(L["assessors"])}</h2>
{_assessors(d, lang)}
<h2>{_e(L["matrix"])}</h2>
{_matrix(d, lang)}
<h2>{_e(L["gap"])}</h2>
{_gap(ns, lang)}
<h2>{_e(L["trace"])}</h2>
{_trace(d, lang)}
<footer>{_e(L["footer"])} {_e(L["policy"])}: {_e(policy)}. {_e(L["engine"])}: {_e(d.engine)}. {_e(L["library"])}: {_e(d.library_version)}.</footer>
</main></body>
</html>
"""
