"""Text and Markdown renderings of a decision's evidence report: the claim-verification report of `check-claims`."""

from __future__ import annotations

from typing import Any

from ocop_rules.decision import Decision
from ocop_rules.evidence_report import EvidenceReport, Mismatch

_L = {
    "vi": {"title": "Kiểm tra tự đánh giá theo minh chứng", "product": "Sản phẩm", "set": "Bộ sản phẩm", "filed": "Ngày nộp",
           "claims": "Phiếu tự đánh giá", "claimed": "tự chấm", "supported": "minh chứng hỗ trợ", "stars": "sao",
           "points": "điểm", "none": "không có phiếu tự đánh giá", "mismatches": "Tiêu chí chênh lệch",
           "no_mismatch": "không có", "at_stake": "điểm chênh", "facts": "dữ kiện", "rule": "quy tắc",
           "derived": "Theo minh chứng", "judged": "Do thành viên đánh giá", "undecided": "Thiếu minh chứng",
           "documents": "Giấy tờ không được tính", "findings": "Minh chứng cho thấy", "window": "Thời hạn nộp hồ sơ đánh giá lại",
           "council": "Phiếu Hội đồng khác minh chứng (chỉ báo cáo)", "option": "phương án", "no_option": "không phương án nào",
           "at_most": "tối đa", "over": "tự chấm cao hơn", "under": "tự chấm thấp hơn", "rejected": "bị loại"},
    "en": {"title": "Self-assessment checked against the evidence", "product": "Product", "set": "Product set", "filed": "Filed on",
           "claims": "Self-assessment", "claimed": "claims", "supported": "the evidence supports", "stars": "★",
           "points": "points", "none": "no self-assessment sheet", "mismatches": "Criteria that differ",
           "no_mismatch": "none", "at_stake": "points at stake", "facts": "facts", "rule": "rule",
           "derived": "Decided by the evidence", "judged": "Judged by the assessors", "undecided": "Facts missing",
           "documents": "Documents that do not count", "findings": "The evidence shows", "window": "Re-evaluation filing window",
           "council": "Council sheets that differ from the evidence (reported only)", "option": "option", "no_option": "no option",
           "at_most": "at most", "over": "over-claim", "under": "under-claim", "rejected": "rejected"},
}


def _opt(key: str | None, points: int, lang: str) -> str:
    L = _L[lang]
    unit = "point" if lang == "en" and points == 1 else L["points"]
    return f"{key if key else L['no_option']} ({points} {unit})"


def _star(stars: int | None, lang: str) -> str:
    return _L[lang]["rejected"] if stars is None else (f"{stars} sao" if lang == "vi" else f"{stars}★")


def _facts(m: Mismatch | Any) -> str:
    return ", ".join(f"{k}={'—' if v is None else v}" for k, v in m.facts_used.items())


def _lines(report: EvidenceReport, lang: str, md: bool) -> list[str]:
    L = _L[lang]
    head = "## " if md else ""
    bullet = "- " if md else "  "
    out: list[str] = []
    if not report.claims:
        out.append(f"{head}{L['claims']}: {L['none']}")
    for c in report.claims:
        out += [f"{head}{L['claims']}: {c.assessor}",
                f"{bullet}{L['claimed']}: {c.claimed_total} {L['points']}, {_star(c.claimed_stars, lang)}",
                f"{bullet}{L['supported']}: {c.supported_total} {L['points']}, {_star(c.supported_stars, lang)}",
                f"{bullet}{L['mismatches']}: {len(c.mismatches) or L['no_mismatch']}"
                + (f" ({L['over']}: {c.over_claimed_points} {L['points']})" if c.over_claimed_points else "")]
        if md and c.mismatches:
            out += ["", f"| | {L['claimed']} | {L['supported']} | {L['at_stake']} | {L['rule']} | {L['facts']} |", "|---|---|---|---|---|---|"]
            out += [f"| {m.code} | {_opt(m.claimed_option, m.claimed_points, lang)} | "
                    f"{L['at_most'] + ' ' if m.status == 'capped' else ''}{_opt(m.derived_option, m.derived_points, lang)} | "
                    f"{m.points_at_stake:+d} | `{m.rule}` — {m.citation if lang == 'vi' else m.citation_en} | {_facts(m)} |" for m in c.mismatches]
        else:
            for m in c.mismatches:
                cap = L["at_most"] + " " if m.status == "capped" else ""
                out += [f"{bullet}{m.code}: {L['claimed']} {_opt(m.claimed_option, m.claimed_points, lang)}, {L['supported']} "
                        f"{cap}{_opt(m.derived_option, m.derived_points, lang)} → {m.points_at_stake:+d}",
                        f"{bullet}    {L['rule']} {m.rule} ({m.citation if lang == 'vi' else m.citation_en}): “{m.wording_vi or ''}”"
                        + (f" [policy {m.policy}]" if m.policy else ""),
                        f"{bullet}    {L['facts']}: {_facts(m)}"]
        if c.unverified:
            out.append(f"{bullet}{L['undecided']}: {', '.join(c.unverified)}")
        out.append("")
    derived = [dc for dc in report.criteria if dc.status in ("derived", "capped")]
    out.append(f"{head}{L['derived']}: {len(derived)}")
    for dc in derived:
        cap = L["at_most"] + " " if dc.status == "capped" else ""
        out.append(f"{bullet}{dc.code}: {cap}{_opt(dc.option, dc.points or 0, lang)} — {dc.rule}")
    judged = [dc for dc in report.criteria if dc.status == "judged"]
    out += ["", f"{head}{L['judged']}: {len(judged)}"] + [f"{bullet}{dc.code}: {dc.reason}" for dc in judged]
    undecided = [dc.code for dc in report.criteria if dc.status == "not-derivable"]
    if undecided:
        out += ["", f"{head}{L['undecided']}: {', '.join(undecided)}"]
    if report.findings:
        out += ["", f"{head}{L['findings']}"]
        out += [f"{bullet}{f.text_vi if lang == 'vi' else f.text_en} → {f.effect} ({f.citation if lang == 'vi' else f.citation_en}; {_facts(f)})" for f in report.findings]
    if report.documents:
        out += ["", f"{head}{L['documents']}"]
        out += [f"{bullet}{d.message_vi if lang == 'vi' else d.message_en}" for d in report.documents]
    if report.council:
        out += ["", f"{head}{L['council']}"]
        out += [f"{bullet}{d.code}: {', '.join(f'{k}: {v}' for k, v in d.assessors.items())}; "
                f"{L['supported']} {_opt(d.derived_option, d.derived_points, lang)}" for d in report.council]
    if (w := report.re_evaluation) is not None:
        out += ["", f"{head}{L['window']}",
                f"{bullet}{w.certificate}: {w.expires_on.isoformat()} − 180/120 → {w.opens_on.isoformat()} … {w.closes_on.isoformat()}; "
                f"{L['filed']} {w.filed_on.isoformat()}: {w.status} ({w.citation if lang == 'vi' else w.citation_en})"]
    return out


def render_claims(d: Decision, lang: str = "vi", markdown: bool = False) -> str:
    """The claim-verification report of one decision (its evidence section), as text or Markdown."""
    L = _L[lang]
    assert d.evidence is not None
    title = d.product_set.title_vi if lang == "vi" else d.product_set.title_en
    head = [f"# {L['title']}" if markdown else L["title"], "",
            f"{'- ' if markdown else ''}{L['product']}: {d.product} — {d.producer}",
            f"{'- ' if markdown else ''}{L['set']}: {d.product_set.number} ({title}); {L['filed']}: {d.filed_on.isoformat()}", ""]
    return "\n".join(head + _lines(d.evidence, lang, markdown)).rstrip("\n") + "\n"


def evidence_summary(d: Decision, lang: str = "vi") -> list[str]:
    """Two or three lines for the `evaluate` report (empty without evidence)."""
    report = d.evidence
    if report is None:
        return []
    L = _L[lang]
    lines = [f"{L['derived']}: {len(report.derived())}; {L['judged']}: {len(report.judged())}"]
    for c in report.claims:
        lines.append(f"{L['claims']} ({c.assessor}): {L['claimed']} {_star(c.claimed_stars, lang)}, {L['supported']} "
                     f"{_star(c.supported_stars, lang)}; {L['mismatches']}: {', '.join(m.code for m in c.mismatches) or L['no_mismatch']}")
    if report.documents:
        lines.append(f"{L['documents']}: {len(report.documents)}")
    return lines
