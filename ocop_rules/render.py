"""Text and Markdown renderings of a decision, in Vietnamese or English (JSON is `Decision.to_json`)."""

from __future__ import annotations

from ocop_rules.decision import Decision
from ocop_rules.render_evidence import evidence_summary

_L = {
    "vi": {"product": "Sản phẩm", "set": "Bộ sản phẩm", "ruleset": "Bộ quy tắc", "average": "Điểm trung bình",
           "band": "Hạng theo điểm", "stars": "Hạng sao", "none": "không xếp hạng", "certifiable": "Đủ điều kiện công nhận",
           "yes": "có", "no": "không", "authority": "Cơ quan công nhận", "forward": "Chuyển Bộ đánh giá 5 sao",
           "rejected": "Bị loại", "unmet": "Yêu cầu tối thiểu chưa đạt", "assessors": "Phiếu đánh giá",
           "trace": "Diễn giải", "certificate": "Giấy chứng nhận đến", "provisional": "tạm thời", "warnings": "Lưu ý",
           "parts": "Các phần", "engine": "Bộ máy"},
    "en": {"product": "Product", "set": "Product set", "ruleset": "Ruleset", "average": "Average total",
           "band": "Band", "stars": "Stars", "none": "no star", "certifiable": "Certifiable", "yes": "yes", "no": "no",
           "authority": "Recognised by", "forward": "Forward to the ministry for 5★", "rejected": "Rejected",
           "unmet": "Unmet minimums", "assessors": "Score sheets", "trace": "Trace", "certificate": "Certificate valid until",
           "provisional": "provisional", "warnings": "Warnings", "parts": "Parts", "engine": "Engine"},
}


def _stars(d: Decision, lang: str) -> str:
    L = _L[lang]
    if d.stars is None:
        return L["none"]
    text = "★" * d.stars + f" ({d.stars})"
    return text + (f" [{L['provisional']}]" if d.provisional else "")


def render_text(d: Decision, lang: str = "vi") -> str:
    """A plain-text report for a terminal."""
    L = _L[lang]
    title = d.product_set.title_vi if lang == "vi" else d.product_set.title_en
    auth = d.authority_vi if lang == "vi" else d.authority_en
    lines = [
        f"{L['product']}: {d.product} — {d.producer}",
        f"{L['set']}: {d.product_set.number} ({title})",
        f"{L['ruleset']}: {d.ruleset.id} (sha256 {d.ruleset.sha256[:12]}…)  {L['engine']}: {d.engine}",
        f"{L['assessors']}: " + "; ".join(f"{a.assessor} {a.total}" for a in d.assessors),
        f"{L['parts']}: " + ", ".join(f"{k} {v.average}/{v.max}" for k, v in d.parts.items()),
        f"{L['average']}: {d.average_total} ({d.average_total_exact})",
        f"{L['band']}: {d.band_stars}★",
        f"{L['stars']}: {_stars(d, lang)}",
        f"{L['certifiable']}: {L['yes'] if d.certifiable else L['no']}" + (f" — {L['authority']}: {auth}" if auth else ""),
        f"{L['forward']}: {L['yes'] if d.forward_to_ministry else L['no']}",
    ]
    if d.certificate:
        lines.append(f"{L['certificate']}: {d.certificate.valid_until.isoformat()}")
    if d.rejected:
        lines.append(f"{L['rejected']}: {d.rejected.text_vi if lang == 'vi' else d.rejected.text_en} ({d.rejected.citation})")
    if d.unmet_minimums:
        lines.append(f"{L['unmet']}: " + "; ".join(f"{m.code} {m.stars}★ ≥{m.required_points} ({m.points})" for m in d.unmet_minimums))
    if d.warnings:
        lines.append(f"{L['warnings']}: " + "; ".join(d.warnings))
    lines += evidence_summary(d, lang)
    if d.trace:
        lines.append(f"{L['trace']}:")
        for i, s in enumerate(d.trace, 1):
            cite = s.citation if lang == "vi" else s.citation_en
            lines.append(f"  {i:2d}. [{s.rule}] {s.message(lang)}" + (f"  ({cite})" if cite else ""))
    return "\n".join(lines) + "\n"


def render_markdown(d: Decision, lang: str = "vi") -> str:
    """A Markdown report (tables) for a council's minutes or a web page."""
    L = _L[lang]
    title = d.product_set.title_vi if lang == "vi" else d.product_set.title_en
    auth = (d.authority_vi if lang == "vi" else d.authority_en) or "—"
    out = [f"# {d.product}", "", "| | |", "|---|---|",
           f"| {L['set']} | {d.product_set.number} — {title} |",
           f"| {L['ruleset']} | `{d.ruleset.id}` |",
           f"| {L['average']} | {d.average_total} ({d.average_total_exact}) |",
           f"| {L['band']} | {d.band_stars}★ |",
           f"| {L['stars']} | {_stars(d, lang)} |",
           f"| {L['certifiable']} | {L['yes'] if d.certifiable else L['no']} |",
           f"| {L['authority']} | {auth} |",
           f"| {L['forward']} | {L['yes'] if d.forward_to_ministry else L['no']} |", ""]
    out += [f"## {L['assessors']}", "", f"| | {' | '.join(d.parts.keys())} | Σ |", "|---|" + "---|" * (len(d.parts) + 1)]
    for a in d.assessors:
        out.append(f"| {a.assessor} | " + " | ".join(str(a.parts[k]) for k in d.parts) + f" | {a.total} |")
    if d.unmet_minimums:
        out += ["", f"## {L['unmet']}", ""] + [f"- {m.code}: {m.stars}★ ≥ {m.required_points}, {m.points}" for m in d.unmet_minimums]
    if d.rejected:
        out += ["", f"## {L['rejected']}", "", f"{d.rejected.text_vi if lang == 'vi' else d.rejected.text_en} — {d.rejected.citation}"]
    if d.evidence is not None:
        out += ["", *(f"- {line}" for line in evidence_summary(d, lang))]
    if d.trace:
        out += ["", f"## {L['trace']}", ""]
        for i, s in enumerate(d.trace, 1):
            cite = s.citation if lang == "vi" else s.citation_en
            out.append(f"{i}. `{s.rule}` {s.message(lang)}" + (f" — *{cite}*" if cite else ""))
    return "\n".join(out) + "\n"
