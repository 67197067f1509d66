"""Plain-text rendering of next-star guidance, in Vietnamese or English (JSON is `NextStar.model_dump_json`)."""

from __future__ import annotations

from ocop_rules.next_star import NextStar, Upgrade

_L = {
    "vi": {"now": "Hạng hiện tại", "none": "không xếp hạng", "average": "điểm trung bình", "sheets": "phiếu", "sheet": "phiếu",
           "policy": "yêu cầu tối thiểu theo", "target": "Mục tiêu", "band": "điểm trung bình ≥",
           "and_min": "và đạt mọi yêu cầu tối thiểu của", "unmet": "Yêu cầu tối thiểu chưa đạt", "now_pts": "hiện",
           "actionable": "Chủ thể có thể chủ động thực hiện", "judged": "Do hội đồng đánh giá (không tự nâng được)",
           "points": "điểm", "point": "điểm", "minimum": "yêu cầu tối thiểu", "per_sheet": "điểm các phiếu",
           "restored": "Được tính lại điểm (điều kiện áp dụng đã thỏa)", "max_without": "Hạng cao nhất khi chỉ nâng các tiêu chí chủ thể chủ động được",
           "flips": "Chỉ cần nâng một tiêu chí để đạt", "no_flip": "không có tiêu chí đơn lẻ nào đủ",
           "source": "Phân loại tiêu chí", "or": "hoặc", "after": "Sau khi nâng"},
    "en": {"now": "Current star", "none": "no star", "average": "average", "sheets": "sheets", "sheet": "sheet",
           "policy": "minimum policy", "target": "Target", "band": "average ≥", "and_min": "and every minimum of",
           "unmet": "Unmet minimums", "now_pts": "now", "actionable": "The producer can act on",
           "judged": "Only the assessors can judge", "points": "points", "point": "point", "minimum": "minimum",
           "per_sheet": "points per sheet", "restored": "Points that count again (their condition is now met)",
           "max_without": "Best star raising only what the producer can act on", "flips": "One criterion alone reaches",
           "no_flip": "no single criterion is enough", "source": "Criteria classified by", "or": "or",
           "after": "After the upgrades"},
}


def _upgrade_lines(u: Upgrade, lang: str) -> list[str]:
    L = _L[lang]
    vi = lang == "vi"
    title = u.title_vi if vi else u.title_en
    alt = f" ({L['or']} {', '.join(u.alternatives)})" if u.alternatives else ""
    flag = f" [{L['minimum']}]" if u.for_minimum else ""
    topic = u.topic_vi if vi else u.topic_en
    head = f"  - {u.code} {title} → {u.option}{alt}: {u.points} {L['point'] if u.points == 1 else L['points']}{flag}" + (f" — {topic}" if topic else "")
    text = u.text_vi if vi else u.text_en
    cite = u.citation if vi else u.citation_en
    per = ", ".join(f"{b}→{a}" if a != b else str(b) for b, a in zip(u.before, u.after, strict=True))
    out = [head, f"      “{text}” ({cite})", f"      {L['per_sheet']}: {per}"]
    if u.reason_en and not vi:  # the evidence layer states its reasons in English only
        out.append(f"      judged because: {u.reason_en}")
    return out


def render_next_star(ns: NextStar, lang: str = "vi") -> str:
    """A plain-text account for the producer or the commune that coaches them."""
    L = _L[lang]
    now = f"{ns.current_stars}★" if ns.current_stars is not None else L["none"]
    lines = [f"{L['now']}: {now} ({L['average']} {ns.average} = {ns.average_exact}, {ns.assessors} {L['sheet'] if ns.assessors == 1 else L['sheets']}, "
             f"{L['policy']}: {ns.policy_minimum})"]
    if ns.target_stars is not None:
        lines.append(f"{L['target']}: {ns.target_stars}★ — {L['band']} {ns.required_average} "
                     f"{L['and_min']} {ns.target_stars}★")
    if ns.unmet_minimums:
        lines.append(f"{L['unmet']}: " + "; ".join(f"{m.code} ≥{m.required_points} ({L['now_pts']} {m.points})"
                                                   for m in ns.unmet_minimums))
    lines.append(ns.message_vi if lang == "vi" else ns.message_en)
    for title, ups in ((L["actionable"], ns.actionable), (L["judged"], ns.judged)):
        if ups:
            lines.append(f"{title}:")
            for u in ups:
                lines += _upgrade_lines(u, lang)
    if ns.restored:
        lines.append(f"{L['restored']}: {', '.join(ns.restored)}")
    if ns.stars_after is not None:
        lines.append(f"{L['after']}: {ns.stars_after}★, {L['average']} {ns.average_after} = {ns.average_after_exact}")
    if ns.max_stars_without_judged is not None:
        lines.append(f"{L['max_without']}: {ns.max_stars_without_judged}★")
    if ns.target_stars is not None and ns.status != "not-applicable":
        flips = ", ".join(f"{u.code} → {u.option}" for u in ns.single_flips) or L["no_flip"]
        lines.append(f"{L['flips']} {ns.target_stars}★: {flips}")
    if ns.classification != "none":
        lines.append(f"{L['source']}: {ns.classification}")
    return "\n".join(lines) + "\n"
