"""The rulesets overview, one page per ruleset (legal basis to procedure) and its errata page."""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from ocop_rules.ruleset import Ruleset

from . import paths
from .text import anchor, bilingual, cell, cite, erratum_anchor, interval, kv_table, md_table, rel, stars_text
from .vocabulary import ERRATUM_FIELD, FIDELITY, LEVEL, MODE, UNIT, label

GENERATED_VI = "Trang này được sinh tự động từ thư mục `rulesets/` khi xây dựng trang tài liệu; không chỉnh sửa bằng tay."
GENERATED_EN = "Generated from `rulesets/` when the site is built; nothing on it is copied by hand."


def _period(rs: Ruleset) -> str:
    until = rs.effective_until.isoformat() if rs.effective_until else "…"
    return f"{rs.effective_from.isoformat()} → {until}"


def _ruleset_link(src: str, rid: str, known: set[str]) -> str:
    return f"[`{rid}`]({rel(src, paths.ruleset_page(rid))})" if rid in known else f"`{rid}` (không có trong thư viện · not shipped)"


def rules_index(all_rs: Sequence[Ruleset], changes: Sequence[tuple[str, str]]) -> str:
    """Every shipped ruleset, oldest first, with its period and fidelity; links to the policies and changes."""
    src = paths.RULES_INDEX
    known = {rs.id for rs in all_rs}
    out = [f"# {bilingual('Các bộ tiêu chí OCOP', 'OCOP rulesets')}", "",
           "Mỗi văn bản pháp luật về tiêu chí OCOP là một bộ quy tắc (ruleset) trong thư mục `rulesets/`: "
           "mọi con số đều ghi rõ điều, khoản, phụ lục của văn bản. Hồ sơ được đánh giá theo bộ quy tắc có hiệu lực "
           "vào ngày nộp hồ sơ, trừ khi người gọi chỉ định bộ khác.", "",
           "*Each legal instrument on the OCOP criteria is one ruleset under `rulesets/`; every number cites its "
           "article, clause or annex. A dossier is evaluated under the ruleset in force on its filing date, unless "
           "the caller names another.*", "",
           f"!!! info \"{bilingual('Nguồn duy nhất', 'Single source')}\"", f"    {GENERATED_VI}", "",
           f"    *{GENERATED_EN}*", ""]
    rows = []
    for rs in all_rs:
        rows.append([
            f"[`{rs.id}`]({rel(src, paths.ruleset_page(rs.id))})",
            cell(f"{rs.instrument.kind_vi} {rs.instrument.number}"),
            _period(rs),
            f"`{rs.fidelity}`",
            str(len(rs.product_sets)),
            ", ".join(_ruleset_link(src, r, known) for r in rs.replaces) or "—",
            _ruleset_link(src, rs.extends, known) if rs.extends else "—",
        ])
    out.append(md_table(["Bộ quy tắc · Ruleset", "Văn bản · Instrument", "Hiệu lực · In force", "Độ tin cậy · Fidelity",
                         "Bộ sản phẩm · Sets", "Thay thế · Replaces", "Sửa đổi, bổ sung · Extends"], rows))
    out += ["", f"## {bilingual('Độ tin cậy của bản chép', 'Fidelity of the transcription')}", ""]
    out.append(md_table(["Mức · Level", "Tiếng Việt", "English"],
                        [[f"`{k}`", cell(vi), cell(en)] for k, (vi, en) in FIDELITY.items()]))
    out += ["", f"## {bilingual('Chính sách diễn giải', 'Interpretation policies')}", "",
            f"Nơi văn bản im lặng, thư viện áp dụng một chính sách có tên, có thể thay đổi: [{bilingual('Chính sách', 'Policies')}]"
            f"({rel(src, paths.POLICIES)}).", ""]
    if changes:
        out += [f"## {bilingual('Những thay đổi giữa các phiên bản', 'What changed between versions')}", ""]
        out += [f"- [`{old}` → `{new}`]({rel(src, paths.change_page(old, new))})" for old, new in changes]
        out.append("")
    return "\n".join(out)


def ruleset_page(rs: Ruleset, all_ids: set[str], changes: Sequence[tuple[str, str]]) -> str:
    """Legal basis, period, replaces/extends, fidelity, parts, bands, authorities, certificate, procedure, errata, sets."""
    src = paths.ruleset_page(rs.id)
    own = rs.instrument.number
    fid_vi, fid_en = label(FIDELITY, rs.fidelity)
    mode_vi, mode_en = label(MODE, rs.mode)
    out = [f"# {rs.id}: {rs.title_vi}", "", f"*{rs.title_en}*", "",
           f"!!! info \"{bilingual('Nguồn duy nhất', 'Single source')}\"",
           f"    {GENERATED_VI} Mã băm nội dung · content hash: `{rs.sha256}`.", "",
           f"    *{GENERATED_EN}*", ""]

    out += [f"## {bilingual('Căn cứ pháp lý', 'Legal basis')}", ""]
    out.append(md_table(["", "Tiếng Việt", "English"], [
        ["Văn bản · Instrument", cell(f"{rs.instrument.kind_vi} số {own}"), cell(f"Decision {own}")],
        ["Cơ quan ban hành · Issued by", cell(rs.instrument.issuer_vi), ""],
        ["Ngày ký · Signed on", rs.instrument.signed_on.strftime("%d/%m/%Y"), rs.instrument.signed_on.isoformat()],
        ["Điều khoản về hiệu lực · Provision", cell(cite(rs.instrument.cite, "vi")), cell(cite(rs.instrument.cite, "en"))],
    ]))

    start_vi, start_en = rs.effective_from.strftime("%d/%m/%Y"), rs.effective_from.isoformat()
    if rs.effective_until:
        period_vi = f"Có hiệu lực từ ngày {start_vi} đến trước ngày {rs.effective_until.strftime('%d/%m/%Y')}."
        period_en = f"In force from {start_en} until {rs.effective_until.isoformat()} (exclusive)."
    else:
        period_vi = f"Có hiệu lực từ ngày {start_vi}; chưa ghi ngày hết hiệu lực."
        period_en = f"In force from {start_en}; no end date recorded."
    out += ["", f"## {bilingual('Thời gian hiệu lực', 'Effective period')}", "", f"{period_vi} *{period_en}*", ""]

    out += [f"## {bilingual('Thay thế và sửa đổi', 'Replaces and extends')}", ""]
    replaces = ", ".join(_ruleset_link(src, r, all_ids) for r in rs.replaces) or "không · none"
    out.append(f"- Thay thế · Replaces: {replaces}")
    if rs.extends:
        out.append(f"- Sửa đổi, bổ sung · Extends: {_ruleset_link(src, rs.extends, all_ids)}: bộ này chỉ ghi những gì "
                   "thay đổi so với bộ gốc; phần còn lại kế thừa · *this ruleset states only what it changes; the rest is inherited*")
    else:
        out.append("- Sửa đổi, bổ sung · Extends: không · none")
    for old, new in changes:
        if rs.id in (old, new):
            out.append(f"- {bilingual('Thay đổi', 'Changes')}: [`{old}` → `{new}`]({rel(src, paths.change_page(old, new))})")
    out.append("")

    out += _stated_changes(rs, src, all_ids)

    out += [f"## {bilingual('Độ tin cậy', 'Fidelity')}", "",
            f"**`{rs.fidelity}`**: {fid_vi}. *{fid_en}.*", "", f"> {cell(rs.fidelity_note)}", "",
            f"Cách chấm · Mode: **`{rs.mode}`**: {mode_vi}. *{mode_en}.*", ""]
    if not rs.minimums_known:
        out += ["!!! warning \"Yêu cầu tối thiểu chưa rõ · Star minimums unknown\"",
                "    Nguồn không cho biết các yêu cầu tối thiểu theo hạng sao: mọi hạng sao theo bộ này là tạm thời.", "",
                "    *The sources do not give this ruleset's star minimums: every star under it is provisional.*", ""]

    out += [f"## {bilingual('Các phần', 'Parts')}", ""]
    out.append(md_table(["Phần · Part", "Tối đa · Max", "Tiếng Việt", "English", "Căn cứ · Provision"],
                        [[p.code, str(p.max_points), cell(p.title_vi), cell(p.title_en), cell(cite(p.cite, "vi", own))]
                         for p in rs.parts]))

    out += ["", f"## {bilingual('Phân hạng theo điểm', 'Bands')}", "",
            "Điểm trung bình của các thành viên hội đồng rơi vào khoảng nào thì sản phẩm được hạng sao tương ứng "
            "theo điểm (trước khi xét yêu cầu tối thiểu). *The assessors' average total gives the band's star, "
            "before the star minimums are applied.*", ""]
    out.append(md_table(["Hạng · Stars", "Điểm trung bình · Average", "Căn cứ · Provision"],
                        [[stars_text(b.stars), interval(b.lower, b.upper, b.upper_inclusive), cell(cite(b.cite, "vi", own))]
                         for b in sorted(rs.bands, key=lambda b: -b.stars)]))

    out += ["", f"## {bilingual('Thẩm quyền công nhận', 'Authorities')}", ""]
    rows = []
    for a in sorted(rs.authorities, key=lambda a: a.stars):
        lvl_vi, lvl_en = label(LEVEL, a.level)
        rows.append([stars_text(a.stars), f"{cell(lvl_vi)} · *{cell(lvl_en)}*", cell(a.name_vi or "—"), cell(a.name_en or "—"),
                     cell(cite(a.cite, "vi", own))])
    out.append(md_table(["Hạng · Stars", "Cấp · Level", "Cơ quan", "Authority", "Căn cứ · Provision"], rows))

    c = rs.certificate
    out += ["", f"## {bilingual('Giấy chứng nhận', 'Certificate')}", "",
            f"Sản phẩm từ {c.min_stars} sao được cấp giấy chứng nhận có giá trị **{c.validity_months} tháng** kể từ ngày ban hành "
            f"({cite(c.cite, 'vi', own)}). *From {c.min_stars}★ up the certificate is valid {c.validity_months} months from "
            f"issue ({cite(c.cite, 'en', own)}).*", ""]
    if rs.forwarding is not None:
        fw = rs.forwarding
        out += [f"## {bilingual('Chuyển đánh giá 5 sao', 'Forwarding for 5★')}", "",
                f"Sản phẩm đạt từ {fw.min_average} điểm được chuyển {fw.to_vi} đánh giá 5 sao ({cite(fw.cite, 'vi', own)}); "
                f"chính sách `forwarding` quyết định cách hiểu ([{bilingual('Chính sách', 'Policies')}]({rel(src, paths.POLICIES)})). "
                f"*Products reaching {fw.min_average} go to the {fw.to_en} for 5★ evaluation ({cite(fw.cite, 'en', own)}).*", ""]

    out += [f"## {bilingual('Thời hạn thủ tục', 'Procedure time limits')}", ""]
    if rs.procedure:
        rows = []
        for t in rs.procedure:
            u_vi, u_en = label(UNIT, t.unit)
            rows.append([f"`{t.id}`", f"{t.amount} {u_vi} · *{t.amount} {u_en}*", cell(t.text_vi), cell(t.text_en),
                         cell(cite(t.cite, "vi", own))])
        out.append(md_table(["Mã · Id", "Thời hạn · Limit", "Tiếng Việt", "English", "Căn cứ · Provision"], rows))
    else:
        out.append("Bộ quy tắc không ghi thời hạn thủ tục nào. *The ruleset records no procedural time limit.*\n")

    if rs.unknowns:
        out += ["", f"## {bilingual('Những điểm văn bản không quy định', 'What the sources do not say')}", "",
                "Những điều dưới đây được ghi là chưa rõ, không đoán thay. *Stated as unknown, never filled with a guess.*", ""]
        for u in rs.unknowns:
            vi = f"{cell(u.text_vi)} · " if u.text_vi else ""
            out.append(f"- `{u.id}`: {vi}*{cell(u.text_en)}*")
        out.append("")

    out += ["", f"## {bilingual('Đính chính', 'Errata')}", ""]
    if rs.errata:
        out.append(f"Bộ quy tắc sửa {len(rs.errata)} lỗi in của văn bản đã công bố, mỗi lỗi có lý do: "
                   f"[{bilingual('Đính chính', 'Errata')}]({rel(src, paths.errata_page(rs.id))}). "
                   f"*{len(rs.errata)} misprints of the published text are corrected, each with its reason.*\n")
    else:
        out.append("Không có đính chính. *No errata.*\n")

    out += ["", f"## {bilingual('Các bộ sản phẩm', 'Product sets')}", ""]
    if rs.classification is not None:
        cs = rs.classification
        counts = [f"{n} {vi} · *{n} {en}*" for n, vi, en in ((cs.sectors, "ngành", "sectors"), (cs.groups, "nhóm", "groups"),
                                                              (cs.product_types, "loại sản phẩm", "product types")) if n is not None]
        out += [f"Phân loại · Classification: {', '.join(counts) or '—'} ({cell(cite(cs.cite, 'vi', own))}). *{cell(cs.text_en)}*", ""]
    if rs.product_sets:
        rows = []
        for ps in rs.product_sets:
            opts = [o for c_ in ps.leaves for o in c_.options]
            sector = ps.classification.sector.code if ps.classification else "—"
            rows.append([f"[{ps.number}]({rel(src, paths.set_page(rs.id, ps.number))})", cell(ps.title_vi), cell(ps.title_en),
                         sector, str(len(ps.leaves)), str(len(opts)), str(sum(1 for o in opts if o.min_stars))])
        out.append(md_table(["Bộ · Set", "Tên", "Name", "Ngành · Sector", "Tiêu chí · Criteria", "Lựa chọn · Options",
                             "Dấu sao · Star marks"], rows))
    else:
        out.append("Bộ quy tắc này không có bộ sản phẩm nào: nguồn không cho biết các phiếu chấm. "
                   "*This ruleset holds no product set: the sources do not give its score sheets.*\n")
    out += _other_data(rs)
    return "\n".join(out)


RENDERED = {"id", "title_vi", "title_en", "instrument", "effective_from", "effective_until", "replaces", "extends", "fidelity",
            "fidelity_note", "mode", "minimums_known", "parts", "bands", "authorities", "certificate", "forwarding", "procedure",
            "unknowns", "changes", "lapse", "transition", "classification", "product_sets", "errata", "sha256"}
"""Ruleset fields this page renders; any other field is shown as data, so a new field is never silently left out."""


def _other_data(rs: Ruleset) -> list[str]:
    extra = {k: v for k, v in rs.model_dump(mode="json").items() if k not in RENDERED and v not in (None, [], {}, "")}
    if not extra:
        return []
    return ["", f"## {bilingual('Dữ liệu khác', 'Other data')}", "", "```yaml",
            yaml.safe_dump(extra, allow_unicode=True, sort_keys=False).rstrip(), "```", ""]


def _stated_changes(rs: Ruleset, src: str, all_ids: set[str]) -> list[str]:
    """What the instrument changed (as the sources state it), when it lapses, and its transitional rule."""
    own = rs.instrument.number
    out: list[str] = []
    if rs.changes:
        out += [f"## {bilingual('Nội dung thay đổi theo nguồn', 'Changes, as the sources state them')}", ""]
        for c in rs.changes:
            vi = f"{cell(c.text_vi)} · " if c.text_vi else ""
            out.append(f"- `{c.id}`: {vi}*{cell(c.text_en)}* ({cell(cite(c.cite, 'vi', own))})")
        out.append("")
    if rs.lapse is not None:
        lp = rs.lapse
        out += [f"## {bilingual('Hết hiệu lực', 'Lapse')}", "",
                f"Hết hiệu lực sau ngày {lp.last_day.strftime('%d/%m/%Y')}: {lp.days} ngày tính từ ngày sau ngày "
                f"{lp.counted_from.strftime('%d/%m/%Y')} ({cell(cite(lp.cite, 'vi', own))}). *Lapses after {lp.last_day.isoformat()}: "
                f"{lp.days} days counted from the day after {lp.counted_from.isoformat()} ({cell(cite(lp.cite, 'en', own))}).*", ""]
    if rs.transition is not None:
        tr = rs.transition
        out += [f"## {bilingual('Chuyển tiếp', 'Transition')}", "",
                f"Hồ sơ nộp trước ngày {rs.effective_from.strftime('%d/%m/%Y')} mà chưa được đánh giá tiếp tục theo "
                f"{_ruleset_link(src, tr.continues_under, all_ids)} ({cell(cite(tr.cite, 'vi', own))}). {cell(tr.text_vi)}", "",
                f"*Dossiers filed before {rs.effective_from.isoformat()} and not yet evaluated continue under `{tr.continues_under}`. "
                f"{cell(tr.text_en)}*", ""]
        if tr.deadlines:
            rows = []
            for dl in tr.deadlines:
                limit = rs.time_limit(dl.limit)
                amount = f"{limit.amount} {label(UNIT, limit.unit)[0]} · *{limit.amount} {label(UNIT, limit.unit)[1]}*" if limit else "?"
                rows.append([", ".join(f"`{r}`" for r in dl.registrations), f"`{dl.limit}`", amount])
            out.append(md_table(["Loại đăng ký · Registration", "Thời hạn · Time limit", "Số ngày · Amount"], rows))
    return out


def errata_page(rs: Ruleset) -> str:
    """Every misprint the ruleset corrects: where, what was printed, what is encoded, and why."""
    src = paths.errata_page(rs.id)
    out = [f"# {bilingual('Đính chính', 'Errata')}: {rs.id}", "",
           f"Những chỗ giá trị mã hoá khác với văn bản in của {rs.instrument.kind_vi} {rs.instrument.number}. Trình kiểm tra "
           "(`python -m ocop_rules lint`) xác nhận rằng mỗi giá trị mã hoá đúng là giá trị bộ quy tắc đang giữ.", "",
           f"*Where the encoded value differs from the printed text of {rs.instrument.number}. The lint checks that each "
           "encoded value is the one the ruleset holds. The reasons are the maintainers' own, in English.*", "",
           f"[← {rs.id}]({rel(src, paths.ruleset_page(rs.id))})", ""]
    if not rs.errata:
        out.append("Không có đính chính. *No errata.*")
    for e in rs.errata:
        f_vi, f_en = label(ERRATUM_FIELD, e.field)
        where = f"[{e.set}]({rel(src, paths.set_page(rs.id, e.set))})" if rs.product_set(e.set) else str(e.set)
        crit = "—"
        if e.code:
            ps = rs.product_set(e.set)
            target = ps.criterion(e.code) if ps else None
            crit = (f"[{cell(e.code)}]({rel(src, paths.set_page(rs.id, e.set))}#{anchor(e.code)})" if target
                    else cell(e.code))
        out += [f"## {e.id} {{ #{erratum_anchor(e.id)} }}", ""]
        out.append(kv_table([
            ["Bộ · Set", where],
            ["Tiêu chí · Criterion", crit],
            ["Lựa chọn · Option", cell(e.option) if e.option else "—"],
            ["Trường · Field", f"{f_vi} · *{f_en}* (`{e.field}`)"],
            ["In trên văn bản · Printed", cell(e.printed) if e.printed else "*(để trống · blank)*"],
            ["Mã hoá · Encoded", cell(e.encoded)],
        ]))
        out += ["", f"**Lý do · Reason.** {cell(e.reason)}", ""]
    return "\n".join(out)
