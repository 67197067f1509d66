"""The decision walkthrough: the example dossier evaluated at build time, its real trace quoted
stage by stage. Nothing here is a pasted figure: every number comes from `evaluate()`."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ocop_rules.decision import Decision
from ocop_rules.dossier import load_dossier
from ocop_rules.evaluate import evaluate
from ocop_rules.explain import TraceStep
from ocop_rules.registry import get_ruleset
from ocop_rules.ruleset import ProductSet, Ruleset

from . import paths
from .text import anchor, bilingual, cell, compact, interval, kv_table, md_table, rel, stars_text

SRC = paths.WALKTHROUGH
LONG = 12
"""A stage with more trace steps than this quotes them in a folded block, so the page stays readable."""


@dataclass(frozen=True)
class Stage:
    """One stage of the pipeline: which trace steps belong to it and what it does, in both languages."""

    key: str
    title_vi: str
    title_en: str
    matches: Callable[[str], bool]
    does_vi: str
    does_en: str


STAGES: tuple[Stage, ...] = (
    Stage("selection", "Chọn bộ quy tắc", "Ruleset selection", lambda r: r.startswith("ruleset."),
          "Bộ quy tắc được chọn theo ngày nộp hồ sơ (hoặc do hồ sơ, người gọi chỉ định).",
          "The ruleset is chosen by the filing date (or named by the dossier or the caller)."),
    Stage("validation", "Kiểm tra hồ sơ", "Validation", lambda r: r.startswith("dossier."),
          "Hồ sơ được đối chiếu với định dạng trao đổi và với phiếu của bộ sản phẩm: mỗi mã tiêu chí, mỗi số điểm phải có trên phiếu.",
          "The dossier is checked against the interchange format and the set's sheet: every code and every points value must exist on it."),
    Stage("sheets", "Phiếu chấm của từng thành viên", "Each assessor's sheet",
          lambda r: r.startswith(("sheet:", "applies:", "requirement:", "eliminate:", "stop:")),
          "Mỗi phiếu được tính riêng: điểm từng tiêu chí, các ghi chú được ghi nhận, tổng từng phần và tổng điểm.",
          "Each sheet is scored on its own: points per criterion, the notes found, the part totals and the total."),
    Stage("evidence", "Minh chứng", "The evidence", lambda r: r.startswith(("evidence.", "derive:")),
          "Minh chứng kèm hồ sơ (giấy chứng nhận, hợp đồng, phiếu kiểm nghiệm, ...) được chuẩn hóa thành dữ kiện tính đến ngày nộp "
          "hồ sơ; các quy tắc suy luận (là diễn giải, tách khỏi phiếu chấm đã chép từ văn bản) cho biết minh chứng ứng với lựa chọn "
          "nào; chỗ phiếu chấm khác minh chứng được nêu ra.",
          "The dossier's evidence (certificates, contracts, test reports, ...) is normalised into facts as of the filing date; "
          "derivation rules (interpretation, kept apart from the transcribed sheets) say which option the evidence supports; "
          "where a sheet differs from the evidence, the trace says so."),
    Stage("grounds", "Điều kiện loại hồ sơ", "Rejection grounds", lambda r: r.startswith("reject:"),
          "Các điều kiện 'Hồ sơ bị loại khi' mà hội đồng ghi nhận.", "The sheet's rejection grounds the council recorded."),
    Stage("average", "Điểm trung bình", "The average", lambda r: r == "average",
          "Điểm của sản phẩm là tổng điểm trung bình của các phiếu, tính chính xác bằng phân số, không làm tròn trước khi so sánh.",
          "The product's score is the assessors' average total, kept as an exact fraction: nothing is rounded before it is compared."),
    Stage("band", "Hạng theo điểm", "The band", lambda r: r.startswith("band:"),
          "Điểm trung bình rơi vào khoảng nào thì cho hạng sao theo điểm tương ứng.",
          "The interval the average falls in gives the band's star."),
    Stage("minimums", "Yêu cầu tối thiểu", "The minimums", lambda r: r.startswith("minimum:"),
          "Mỗi dấu sao in trên phiếu là một yêu cầu tối thiểu; mọi dấu được xét, nhưng chỉ dấu của hạng không cao hơn hạng theo điểm mới có thể hạ hạng.",
          "Each printed star mark is a minimum; every mark is judged, but only marks for stars up to the band's can lower the star."),
    Stage("star", "Hạng sao được công nhận", "The certifiable star", lambda r: r.startswith("stars"),
          "Hạng sao là hạng cao nhất không vượt hạng theo điểm mà mọi yêu cầu tối thiểu (cộng dồn) đều đạt.",
          "The star is the highest star up to the band's whose cumulative minimums are all met."),
    Stage("authority", "Cơ quan công nhận", "The authority", lambda r: r.startswith(("authority", "forwarding")),
          "Hạng sao quyết định cơ quan công nhận, và việc có chuyển Bộ đánh giá 5 sao hay không.",
          "The star decides who recognises it, and whether the dossier goes to the ministry for 5★."),
    Stage("certificate", "Giấy chứng nhận", "The certificate", lambda r: r.startswith("certificate"),
          "Từ hạng được cấp giấy chứng nhận trở lên, thời hạn giấy tính từ ngày cấp.",
          "From the certifiable star up, the certificate's validity runs from its issue date."),
    Stage("policy", "Chính sách đã áp dụng", "Policies applied", lambda r: r == "policy",
          "Quyết định ghi lại mọi chính sách diễn giải đã dùng, để có thể tái lập.",
          "The decision records every interpretation policy it used, so it can be reproduced."),
)


def _stage_of(rule: str) -> str:
    return next((s.key for s in STAGES if s.matches(rule)), "other")


def _quote(i: int, s: TraceStep) -> str:
    """One trace step as a quotation: its number and rule, the Vietnamese, the English, the provision."""
    lines = [f"**Bước {i} · Step {i}** `{s.rule}`", cell(s.message_vi), f"*{cell(s.message_en)}*"]
    if s.citation:
        lines.append(f"Căn cứ · *Provision*: {cell(s.citation)} · *{cell(s.citation_en or '')}*")
    return "> " + "<br>\n> ".join(lines) + "\n"


def _sheet_table(dec: Decision, rs: Ruleset, ps: ProductSet) -> str:
    sheet = rel(SRC, paths.set_page(rs.id, ps.number))
    n = len(dec.assessors)
    heads = ["Mã · Code", "Tiêu chí · Criterion", *[str(i) for i in range(1, n + 1)], "TB · Mean"]
    align = "ll" + "r" * (n + 1)
    avg = {c.code: c.average for c in dec.criteria}
    rows = []
    for c in ps.leaves:
        rows.append([f"[{c.code}]({sheet}#{anchor(c.code)})", cell(_short(c.title_vi)),
                     *[str(a.points.get(c.code, 0)) for a in dec.assessors], avg.get(c.code, "")])
    for p in rs.parts:
        rows.append([f"**{p.code}**", f"**Phần {p.code} · Part {p.code}**", *[f"**{a.parts.get(p.code, 0)}**" for a in dec.assessors],
                     f"**{dec.parts[p.code].average}**" if p.code in dec.parts else ""])
    rows.append(["", "**Tổng · Total**", *[f"**{a.total}**" for a in dec.assessors], f"**{dec.average_total}**"])
    legend = "; ".join(f"{i} = {cell(a.assessor)}" for i, a in enumerate(dec.assessors, 1))
    return f"Điểm từng tiêu chí theo từng phiếu · *Points per criterion on each sheet*. Cột · *Columns*: {legend}.\n\n" + compact(md_table(heads, rows, align))


def _short(text: str, limit: int = 64) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _minimum_table(dec: Decision, rs: Ruleset, ps: ProductSet, numbered: Sequence[tuple[int, TraceStep]]) -> str:
    sheet = rel(SRC, paths.set_page(rs.id, ps.number))
    avg = {c.code: c.average for c in dec.criteria}
    rows = []
    for i, s in numbered:
        v = s.values
        code = str(v.get("criterion", ""))
        pts = v.get("points")
        lowest = str(min(pts)) if isinstance(pts, list) and pts else ""
        met = "đạt · met" if v.get("met") else "**không đạt · not met**"
        crit = ps.criterion(code)
        title = cell(_short(crit.title_vi)) if crit else ""
        rows.append([str(i), f"[{code}]({sheet}#{anchor(code)}) {title}", stars_text(_int(v.get("stars"))), f"≥ {v.get('required')}",
                     avg.get(code, ""), lowest, met])
    return md_table(["Bước · Step", "Tiêu chí · Criterion", "Hạng · Star", "Cần · Needs", "Trung bình · Mean",
                     "Thấp nhất · Lowest", "Kết quả · Result"], rows, "rllrrrl")


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _dossier_facts(dec: Decision, shown_path: str) -> str:
    rows = [
        ["Sản phẩm · Product", cell(dec.product)],
        ["Chủ thể · Producer", cell(dec.producer)],
        ["Tỉnh · Province", cell(dec.province or "—")],
        ["Mã hồ sơ · Dossier id", cell(dec.dossier_id or "—")],
        ["Ngày nộp · Filed on", dec.filed_on.isoformat()],
        ["Loại đăng ký · Registration", f"`{dec.registration}`"],
        ["Bộ sản phẩm · Product set", cell(f"{dec.product_set.number}: {dec.product_set.title_vi} · {dec.product_set.title_en}")],
        ["Số phiếu · Score sheets", str(len(dec.assessors))],
        ["Tệp · File", f"`{shown_path}`"],
    ]
    return kv_table(rows)


def _result_box(dec: Decision) -> list[str]:
    auth = f"{cell(dec.authority_vi)} · *{cell(dec.authority_en or '')}*" if dec.authority_vi else "—"
    cert = f"đến · until {dec.certificate.valid_until.isoformat()}" if dec.certificate else "—"
    return [f"!!! success \"{bilingual('Kết quả', 'Result')}: {stars_text(dec.stars)}\"",
            f"    Điểm trung bình · average **{dec.average_total}** (= {dec.average_total_exact}); hạng theo điểm · band "
            f"{stars_text(dec.band_stars)}; hạng sao · star **{stars_text(dec.stars)}**; công nhận · certifiable: "
            f"{'có · yes' if dec.certifiable else 'không · no'}; cơ quan · authority: {auth}; giấy chứng nhận · certificate: {cert}.", ""]


def walkthrough_page(dossier_file: Path, shown_path: str) -> str:
    """Evaluate the example dossier and explain its decision stage by stage, quoting the trace."""
    dossier = load_dossier(dossier_file)
    dec = evaluate(dossier)
    rs = get_ruleset(dec.ruleset.id)
    ps = rs.product_set(dec.product_set.number)
    assert ps is not None
    numbered = list(enumerate(dec.trace, 1))
    by_stage: dict[str, list[tuple[int, TraceStep]]] = {}
    for i, s in numbered:
        by_stage.setdefault(_stage_of(s.rule), []).append((i, s))

    out = [f"# {bilingual('Một quyết định được đưa ra như thế nào', 'How a decision is made')}", "",
           f"Trang này đi qua từng bước của quy trình với hồ sơ mẫu *{cell(dec.product)}*. Mọi con số và mọi câu trích dưới "
           "đây là kết quả thật của `ocop_rules.evaluate()`, chạy lại mỗi khi xây dựng trang tài liệu: không có gì chép tay.", "",
           f"*This page walks the example dossier* {cell(dec.product)} *through the pipeline. Every figure and every quoted step "
           "below is the real output of `ocop_rules.evaluate()`, run again each time the site is built: nothing is pasted.*", ""]
    out += _result_box(dec)
    out += [f"## {bilingual('Hồ sơ', 'The dossier')} {{ #dossier }}", "", _dossier_facts(dec, shown_path), "",
            f"??? example \"{shown_path}\"", "", "    ```yaml",
            textwrap.indent(dossier_file.read_text(encoding="utf-8").rstrip("\n"), "    "), "    ```", ""]
    out += [f"## {bilingual('Quy trình', 'The pipeline')} {{ #pipeline }}", ""]
    out += [f"{k}. [{s.title_vi} · *{s.title_en}*](#{s.key})" for k, s in enumerate(STAGES, 1) if s.key in by_stage]
    out.append("")

    for stage in STAGES:
        steps = by_stage.get(stage.key, [])
        if not steps:
            continue
        out += [f"## {bilingual(stage.title_vi, stage.title_en)} {{ #{stage.key} }}", "", stage.does_vi, "", f"*{stage.does_en}*", ""]
        if stage.key == "selection":
            out += [f"Bộ quy tắc · Ruleset: [`{rs.id}`]({rel(SRC, paths.ruleset_page(rs.id))}), "
                    f"sha256 `{dec.ruleset.sha256}`.", ""]
        if stage.key == "minimums":
            out += [compact(_minimum_table(dec, rs, ps, steps)), "",
                    f"Chính sách `minimum` = `{dec.policy.get('minimum')}` quyết định cột nào được so sánh "
                    f"([{bilingual('Chính sách', 'Policies')}]({rel(SRC, paths.POLICIES)})). "
                    f"*The `minimum` policy decides which column is compared.*", ""]
            above = [s for _, s in steps if not s.values.get("met") and (_int(s.values.get("stars")) or 0) > dec.band_stars]
            if dec.unmet_minimums:
                out.append("Yêu cầu chưa đạt làm hạ hạng · *Unmet marks that lower the star*: "
                           + ", ".join(f"{m.code} ({m.stars}★ ≥ {m.required_points}, {m.points})" for m in dec.unmet_minimums))
            else:
                out.append(f"Mọi yêu cầu tối thiểu đến {stars_text(dec.band_stars)} đều đạt. "
                           f"*Every minimum up to {stars_text(dec.band_stars)} is met.*")
            if above:
                codes = ", ".join(f"{s.values.get('criterion')} ({s.values.get('stars')}★)" for s in above)
                out.append(f" Chưa đạt nhưng không ảnh hưởng, vì cao hơn hạng theo điểm · *Not met, but above the band, so without "
                           f"effect*: {codes}.")
            out += ["", "??? quote \"Các bước trong vết · The trace steps\"", ""]
            out += [textwrap.indent(_quote(i, s), "    ") for i, s in steps]
            continue
        if len(steps) > LONG:
            out += [f"??? quote \"{len(steps)} bước trong vết · {len(steps)} trace steps\"", ""]
            out += [textwrap.indent(_quote(i, s), "    ") for i, s in steps]
        else:
            out += [_quote(i, s) for i, s in steps]
        if stage.key == "sheets":
            out += [_sheet_table(dec, rs, ps), ""]
        if stage.key == "average":
            totals = [a.total for a in dec.assessors]
            out += [f"{' + '.join(str(t) for t in totals)} = {sum(totals)}; {sum(totals)} / {len(totals)} = "
                    f"{dec.average_total_exact} ≈ {dec.average_total}", ""]
            out.append(md_table(["Phần · Part", "Trung bình · Mean", "Chính xác · Exact", "Tối đa · Max"],
                                [[k, p.average, p.average_exact, str(p.max)] for k, p in dec.parts.items()]))
        if stage.key == "band":
            out.append(md_table(["Hạng · Stars", "Khoảng · Interval", ""],
                                [[stars_text(b.stars), interval(b.lower, b.upper, b.upper_inclusive),
                                  "**← điểm trung bình · the average**" if b.stars == dec.band_stars else ""]
                                 for b in sorted(rs.bands, key=lambda b: -b.stars)]))
        if stage.key == "policy":
            out += [kv_table([
                ["Bộ quy tắc · Ruleset", f"`{dec.ruleset.id}`"], ["sha256", f"`{dec.ruleset.sha256}`"],
                ["Bộ máy · Engine", f"`{dec.engine}`"], ["Phiên bản thư viện · Library version", f"`{dec.library_version}`"],
                ["Định dạng · Schema version", f"`{dec.schema_version}`"],
            ]), "", "Tái lập · *Reproduce*:", "", "```sh", f"ocop-rules evaluate {shown_path} --format json", "```", ""]
    other = by_stage.get("other", [])
    if other:
        out += [f"## {bilingual('Các bước khác', 'Other steps')} {{ #other }}", ""]
        out += [_quote(i, s) for i, s in other]
    out += [f"## {bilingual('Toàn bộ quyết định', 'The whole decision')} {{ #decision-json }}", "",
            f"Quyết định ở định dạng JSON (xem [lược đồ · schema]({rel(SRC, paths.DECISION_SCHEMA_PAGE)})). "
            "*The decision in its JSON wire format.*", "",
            "??? example \"decision.json\"", "", "    ```json", textwrap.indent(dec.to_json(), "    "), "    ```", ""]
    return "\n".join(out)
