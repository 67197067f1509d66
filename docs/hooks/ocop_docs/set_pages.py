"""One page per product set: the full score sheet (Vietnamese as printed, English beside it) and
the star-minimum matrix. The sheet is raw HTML so one row can carry both languages, the points,
the star mark and the citation; the page's Markdown parts hold the links."""

from __future__ import annotations

from ocop_rules.overview import minimum_matrix
from ocop_rules.ruleset import Criterion, ProductSet, Ruleset

from . import paths
from .text import anchor, bilingual, cell, cite, erratum_anchor, esc, md_table, rel, stars_html
from .vocabulary import FIDELITY, MODE, NOTE_KIND, label

_HEAD = (
    '<thead><tr><th class="ocop-code">Mã<br><span class="ocop-en">Code</span></th>'
    '<th lang="vi">Tiêu chí, lựa chọn (nguyên văn)</th>'
    '<th lang="en" class="ocop-en-col">Criterion, option (English)</th>'
    '<th class="ocop-num">Điểm<br><span class="ocop-en">Points</span></th>'
    '<th class="ocop-mark">Tối thiểu<br><span class="ocop-en">Minimum</span></th></tr></thead>'
)


def _row(cls: str, code: str, vi: str, en: str, points: str, mark: str, row_id: str | None = None) -> str:
    rid = f' id="{row_id}"' if row_id else ""
    return (f'<tr class="{cls}"{rid}><td class="ocop-code">{code}</td><td lang="vi">{vi}</td>'
            f'<td lang="en" class="ocop-en-col">{en}</td><td class="ocop-num">{points}</td><td class="ocop-mark">{mark}</td></tr>')


def _criterion_rows(rs: Ruleset, ps: ProductSet, c: Criterion) -> list[str]:
    own = rs.instrument.number
    cite_vi = f'<br><span class="ocop-cite">{esc(cite(c.cite, "vi", own))}</span>'
    cite_en = f'<br><span class="ocop-cite">{esc(cite(c.cite, "en", own))}</span>'
    cls = "ocop-criterion" if c.is_leaf else ("ocop-section" if c.parent is None else "ocop-subsection")
    rows = [_row(cls, f"<strong>{esc(c.code)}</strong>", f"<strong>{esc(c.title_vi)}</strong>{cite_vi}",
                 f"<strong>{esc(c.title_en)}</strong>{cite_en}", f"<strong>{c.max_points}</strong>", "", anchor(c.code))]
    if c.applies_when is not None:
        aw = c.applies_when
        rows.append(_row("ocop-note", "", f'<span class="ocop-kind">Chỉ tính điểm khi</span> tiêu chí '
                         f'<a href="#{anchor(aw.criterion)}">{esc(aw.criterion)}</a> đạt từ {aw.min_points} điểm',
                         f'<span class="ocop-kind">Counts only when</span> criterion {esc(aw.criterion)} reaches {aw.min_points} points',
                         "", ""))
    cases = {k.id: k for k in c.cases}
    for k in c.cases:
        rows.append(_row("ocop-case", esc(k.id), f"<em>{esc(k.title_vi)}</em>", f"<em>{esc(k.title_en)}</em>", "", ""))
    for o in c.options:
        tag_vi = tag_en = ""
        if o.case and o.case in cases:
            tag_vi = tag_en = f'<span class="ocop-tag">{esc(o.case)}</span> '
        if not o.printed:
            tag_vi += '<span class="ocop-tag">không in trên phiếu</span> '
            tag_en += '<span class="ocop-tag">not printed on the sheet</span> '
        rows.append(_row("ocop-option", f'<span class="ocop-key">{esc(o.key)}</span>', f"{tag_vi}{esc(o.text_vi)}",
                         f"{tag_en}{esc(o.text_en)}", str(o.points), stars_html(o.min_stars)))
    for n in c.notes:
        k_vi, k_en = label(NOTE_KIND, n.kind)
        rows.append(_row(f"ocop-note ocop-note-{esc(n.kind)}", "", f'<span class="ocop-kind">{esc(k_vi)}</span> {esc(n.text_vi)}',
                         f'<span class="ocop-kind">{esc(k_en)}</span> {esc(n.text_en)}', "", ""))
    return rows


def _sheet(rs: Ruleset, ps: ProductSet, part: str) -> str:
    rows: list[str] = []
    for c in ps.criteria:
        if c.part == part:
            rows += _criterion_rows(rs, ps, c)
    if not rows:
        return ""
    body = "\n".join(rows)
    return f'<div class="ocop-sheet-wrap"><table class="ocop-sheet">\n{_HEAD}\n<tbody>\n{body}\n</tbody></table></div>\n'


def _matrix(rs: Ruleset, ps: ProductSet, src: str) -> str:
    matrix = minimum_matrix(ps)
    stars = sorted(matrix)
    need = {star: dict(items) for star, items in matrix.items()}
    codes = [c.code for c in ps.leaves if any(c.code in need[s] for s in stars)]
    if not codes:
        return ("Phiếu này không có dấu sao nào: không có yêu cầu tối thiểu theo hạng sao. "
                "*This sheet prints no star mark: no star requires a minimum on it.*\n")
    rows = []
    for code in codes:
        c = ps.criterion(code)
        assert c is not None
        rows.append([f"[{code}](#{anchor(code)})", cell(c.title_vi), cell(c.title_en)]
                    + [f"≥ {need[s][code]}" if code in need[s] else "—" for s in stars])
    counts = [f"**{len(need[s])}**" for s in stars]
    rows.append(["", "**Số tiêu chí bắt buộc**", "**Criteria required**", *counts])
    intro = (f"Đọc theo hàng: để đạt hạng ở cột, điểm của tiêu chí phải đạt ít nhất số điểm ghi trong ô. Dấu sao có tính "
             f"cộng dồn: một dấu 3 sao ràng buộc cả 4 sao và 5 sao; khi có nhiều thành viên, cách so sánh do chính sách "
             f"`minimum` quyết định ([{bilingual('Chính sách', 'Policies')}]({rel(src, paths.POLICIES)})).\n\n"
             f"*Read across: to reach the star of a column, the criterion must reach at least the points in the cell. Marks are "
             f"cumulative: a 3★ mark binds 4★ and 5★ too; with several assessors the `minimum` policy says how points are judged.*\n")
    return intro + "\n" + md_table(["Mã · Code", "Tiêu chí", "Criterion", *[f"{s}★" for s in stars]], rows)


def _short(text: str, limit: int = 60) -> str:
    one = " ".join(text.split())
    return cell(one if len(one) <= limit else one[: limit - 1] + "…")


def set_page(rs: Ruleset, ps: ProductSet) -> str:
    """The full score sheet of one set, its rejection grounds, star-minimum matrix and errata."""
    src = paths.set_page(rs.id, ps.number)
    own = rs.instrument.number
    out = [f"# {bilingual(f'Bộ {ps.number}. {ps.title_vi}', ps.title_en)}", "",
           f"[← {rs.id}: {cell(rs.title_vi)}]({rel(src, paths.ruleset_page(rs.id))})", ""]
    facts = [
        ["Căn cứ · Provision", cell(cite(ps.cite, "vi")), cell(cite(ps.cite, "en"))],
        ["Tiêu đề in trên phiếu · Printed heading", cell(ps.heading_vi or "—"), ""],
        ["Bộ quy tắc · Ruleset", f"[`{rs.id}`]({rel(src, paths.ruleset_page(rs.id))})", f"`{rs.fidelity}`"],
    ]
    if ps.classification is not None:
        cl = ps.classification
        for name, lab in (("Ngành · Sector", cl.sector), ("Nhóm · Group", cl.group), ("Phân nhóm · Subgroup", cl.subgroup)):
            if lab is not None:
                facts.append([name, cell(f"{lab.code}. {lab.title_vi}"), cell(lab.title_en)])
        facts.append(["Cơ quan chủ trì · Lead agencies", cell(", ".join(cl.lead_agencies_vi) or "—"),
                      cell(", ".join(cl.lead_agencies_en) or "—")])
        facts.append(["Phân loại theo · Classified by", cell(cite(cl.cite, "vi", own)), cell(cite(cl.cite, "en", own))])
    out += [md_table(["", "Tiếng Việt", "English"], facts), ""]

    out += [f"## {bilingual('Hồ sơ bị loại khi', 'The dossier is rejected when')}", ""]
    if ps.rejection_grounds:
        out += [f"- `{g.id}`: {cell(g.text_vi)} · *{cell(g.text_en)}*" for g in ps.rejection_grounds]
    else:
        out.append("Phiếu này không in điều kiện loại hồ sơ. *This sheet prints no rejection ground.*")
    out.append("")

    out += [f"## {bilingual('Phiếu chấm điểm', 'Score sheet')}", ""]
    if not ps.criteria:
        fid_vi, fid_en = label(FIDELITY, rs.fidelity)
        mode_vi, mode_en = label(MODE, rs.mode)
        out += [f"!!! warning \"{bilingual('Không có phiếu chấm chi tiết', 'No detailed score sheet')}\"",
                f"    Bộ quy tắc `{rs.id}` không có tiêu chí nào cho bộ sản phẩm này. Độ tin cậy `{rs.fidelity}`: {fid_vi}. "
                f"Cách chấm `{rs.mode}`: {mode_vi}.", "",
                f"    *Ruleset `{rs.id}` holds no criteria for this set. Fidelity `{rs.fidelity}`: {fid_en}. Mode `{rs.mode}`: {mode_en}.*", "",
                f"    > {cell(rs.fidelity_note)}", ""]
        if rs.mode == "part-totals":
            out += ["Mỗi phiếu trong hồ sơ ghi tổng điểm từng phần (`part_totals`):", ""]
            out.append(md_table(["Phần · Part", "Tối đa · Max", "Tiếng Việt", "English"],
                                [[p.code, str(p.max_points), cell(p.title_vi), cell(p.title_en)] for p in rs.parts]))
        return "\n".join(out)

    out += ["Tiếng Việt là nguyên văn của văn bản (bỏ ký hiệu □ và dấu sao cuối dòng); tiếng Anh là bản dịch của thư viện. "
            "Cột *Tối thiểu* là dấu sao in cuối lựa chọn (`***` = ★★★): mức tối thiểu phải đạt để được hạng sao đó.", "",
            "*The Vietnamese is the official wording (without the □ bullet and the trailing star mark); the English is ours. "
            "The* Minimum *column is the mark printed after an option (`***` = ★★★): the least a product must reach on that "
            "criterion for that star.*", ""]
    if not ps.star_mark_footnote:
        out += ["!!! note \"Phiếu không in chú thích dấu sao · The sheet prints no star-mark footnote\"",
                "    Cách đọc dấu sao trên phiếu này do chính sách `marks_without_footnote` quyết định. "
                "*How this sheet's marks are read is the `marks_without_footnote` policy.*", ""]
    for p in rs.parts:
        table = _sheet(rs, ps, p.code)
        if not table:
            continue
        total = sum(c.max_points for c in ps.children(None) if c.part == p.code)
        out += [f"### {bilingual(f'Phần {p.code}: {p.title_vi}', p.title_en)}", "",
                f"Tối đa {total} điểm · *maximum {total} points* ({cell(cite(p.cite, 'vi', own))})", "", table]

    out += [f"## {bilingual('Yêu cầu tối thiểu theo hạng sao', 'Star-minimum matrix')}", "", _matrix(rs, ps, src)]

    errata = [e for e in rs.errata if e.set == ps.number]
    out += ["", f"## {bilingual('Đính chính trên phiếu này', 'Errata on this sheet')}", ""]
    if errata:
        out += [f"- [{e.id}]({rel(src, paths.errata_page(rs.id))}#{erratum_anchor(e.id)}): "
                f"{cell(e.option or e.code or '')} `{e.field}`: {_short(e.printed) or '∅'} → {_short(e.encoded)}"
                for e in errata]
    else:
        out.append("Không có. *None.*")
    out.append("")
    return "\n".join(out)
