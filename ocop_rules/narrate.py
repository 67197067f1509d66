"""Write the explanation trace of one evaluation, step by step, in Vietnamese and English."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from ocop_rules.citation import Citation
from ocop_rules.classify import Classification
from ocop_rules.decision import Certificate, Rejection
from ocop_rules.dossier import Dossier
from ocop_rules.explain import TraceStep, step
from ocop_rules.numbers import fraction_str, mean_str
from ocop_rules.policies import Policy
from ocop_rules.program import Program
from ocop_rules.ruleset import ProductSet, Ruleset
from ocop_rules.scoring import Sheet
from ocop_rules.selection import Selection


def _dec(value: Fraction) -> str:
    return mean_str(value.numerator, value.denominator)


_AVERAGE_CITES: dict[str, Citation] = {}


def _average_cite(rs: Ruleset) -> Citation:
    """The provision that defines the bands (its clause, without the band's point), once per ruleset."""
    key = rs.id + rs.sha256
    found = _AVERAGE_CITES.get(key)
    if found is None:
        found = _AVERAGE_CITES[key] = rs.bands[0].cite.model_copy(update={"point": None})
    return found


_HEADS: dict[tuple[int, str, int, int, str], tuple[str, str, Citation | None]] = {}


def _minimum_heads(ps: ProductSet, code: str, stars: int, required: int, policy: str) -> tuple[str, str, Citation | None]:
    """The fixed words of a minimum step, built once per set, mark and policy (they recur on every decision)."""
    key = (id(ps), code, stars, required, policy)
    found = _HEADS.get(key)
    if found is None:
        how_vi = "trung bình điểm các thành viên" if policy == "mean" else "điểm của từng thành viên"
        how_en = "the assessors' mean" if policy == "mean" else "every assessor's points"
        crit = ps.criterion(code)
        found = _HEADS[key] = (f"Yêu cầu tối thiểu {stars} sao ở tiêu chí {code}: cần ≥ {required} điểm ({how_vi})",
                               f"{stars}★ minimum on {code}: needs ≥ {required} ({how_en})",
                               crit.cite if crit else None)
    return found


def narrate(
    *, rs: Ruleset, ps: ProductSet, d: Dossier, sel: Selection, pol: Policy, program: Program,
    sheets: Sequence[Sheet], per_part: Sequence[dict[str, int]], totals: Sequence[int], average: Fraction,
    grid: Sequence[Sequence[int]], codes: Sequence[str], sheet_firings: list[tuple[str, int]], cls: Classification, stars: int | None, rejected: Rejection | None,
    certifiable: bool, forward: bool, certificate: Certificate | None, provisional: bool, engine: str,
) -> list[TraceStep]:
    """The ordered trace: selection, validation, sheets, rules fired, average, band, minimums, star, outcome."""
    out: list[TraceStep] = []
    out.append(step(sel.rule, sel.reason_vi, sel.reason_en, sel.cite, ruleset=rs.id, sha256=rs.sha256,
                    fidelity=rs.fidelity))
    for extra in sel.steps:
        out.append(step(extra.rule, extra.message_vi, extra.message_en, extra.cite, **extra.values))
    if d.ruleset and sel.rule == "ruleset.override" and d.ruleset != rs.id:
        out.append(step("ruleset.override", f"Ghi đè: hồ sơ ghi {d.ruleset}, áp dụng {rs.id}",
                        f"Override: the dossier names {d.ruleset}; {rs.id} applies", None, dossier_ruleset=d.ruleset))
    out.append(step("dossier.valid",
                    f"Hồ sơ hợp lệ: {len(sheets)} phiếu đánh giá theo Bộ {ps.number} ({ps.title_vi})",
                    f"Dossier valid: {len(sheets)} score sheets on set {ps.number} ({ps.title_en})",
                    ps.cite, product_set=ps.number, sheets=len(sheets), engine=engine))
    for i, s in enumerate(sheets):
        parts = ", ".join(f"{k} {v}" for k, v in per_part[i].items())
        extra_vi = f"; thiếu {', '.join(s.missing)} (tính 0 điểm)" if s.missing else ""
        extra_en = f"; missing {', '.join(s.missing)} (scored 0)" if s.missing else ""
        out.append(step(f"sheet:{i + 1}", f"Phiếu của {s.assessor}: {parts}; tổng {totals[i]}{extra_vi}",
                        f"Sheet of {s.assessor}: {parts}; total {totals[i]}{extra_en}", None,
                        assessor=s.assessor, parts=dict(per_part[i]), total=totals[i], missing=list(s.missing)))
    for rule_id, i in sheet_firings:
        rule = program.rule(rule_id)
        c = rule.consequence
        crit = ps.criterion(c.criterion or "")
        note = crit.note(c.note or "") if crit else None
        text_vi, text_en = (note.text_vi, note.text_en) if note else ("", "")
        who = sheets[i].assessor
        if c.effect == "void":
            out.append(step(rule_id, f"{who}: tiêu chí {c.criterion} tính 0 điểm — {text_vi}",
                            f"{who}: criterion {c.criterion} counts 0 — {text_en}", rule.cite,
                            assessor=who, criterion=c.criterion, note=c.note,
                            given=sheets[i].marks[c.criterion].points if c.criterion in sheets[i].marks else 0))
        else:
            verb_vi = "dừng đánh giá" if c.effect == "stop" else "loại sản phẩm"
            verb_en = "stops the evaluation" if c.effect == "stop" else "eliminates the product"
            out.append(step(rule_id, f"{who} ghi nhận: {text_vi} → {verb_vi}", f"{who} found: {text_en} → {verb_en}",
                            rule.cite, assessor=who, criterion=c.criterion, note=c.note))
    for rule_id, gid in cls.grounds:
        g = ps.ground(gid)
        out.append(step(rule_id, f"Hồ sơ bị loại: {g.text_vi if g else gid}", f"Dossier rejected: {g.text_en if g else gid}",
                        program.rule(rule_id).cite, ground=gid))
    n = len(sheets)
    out.append(step("average", f"Tổng điểm trung bình = {sum(totals)} / {n} phiếu = {fraction_str(average)} ≈ {_dec(average)}",
                    f"Average total = {sum(totals)} / {n} sheets = {fraction_str(average)} ≈ {_dec(average)}",
                    _average_cite(rs), totals=list(totals), sum=sum(totals), assessors=n,
                    average_exact=fraction_str(average)))
    band = next(b for b in rs.bands if b.stars == cls.band_stars)
    close = "]" if band.upper_inclusive else ")"
    out.append(step(cls.band_rule or f"band:{band.stars}",
                    f"Điểm trung bình thuộc khoảng [{band.lower}, {band.upper}{close}: hạng {band.stars} sao theo điểm",
                    f"The average lies in [{band.lower}, {band.upper}{close}: {band.stars}★ band", band.cite,
                    band_stars=band.stars, lower=band.lower, upper=band.upper))
    position = {code: j for j, code in enumerate(codes)}
    for m in cls.minimums:
        j = position[m.criterion]
        pts = [row[j] for row in grid]
        judged_str = mean_str(sum(pts), n) if pol.minimum == "mean" else str(min(pts)) + ".00"
        head_vi, head_en, cite = _minimum_heads(ps, m.criterion, m.stars, m.required, pol.minimum)
        out.append(step(m.rule, f"{head_vi}, có {judged_str} → {'đạt' if m.met else 'không đạt'}",
                        f"{head_en}, has {judged_str} → {'met' if m.met else 'NOT met'}",
                        cite, criterion=m.criterion, stars=m.stars, required=m.required, points=pts, met=m.met))
    if provisional:
        out.append(step("stars.provisional", "Chưa rõ các yêu cầu tối thiểu theo hạng sao của bộ tiêu chí này: hạng sao là tạm thời",
                        "This ruleset's star minimums are unknown: the star is provisional", None, ruleset=rs.id))
    if stars is None:
        out.append(step("stars.none", "Không xếp hạng sao: sản phẩm bị loại hoặc dừng đánh giá",
                        "No star: the product is rejected or its evaluation stopped", None, reason=rejected.ground if rejected else None))
    else:
        why_vi = "đạt mọi yêu cầu tối thiểu" if stars == cls.band_stars else "hạ hạng vì chưa đạt yêu cầu tối thiểu"
        why_en = "all minimums met" if stars == cls.band_stars else "lowered: minimums not met"
        if provisional and not cls.minimums:
            why_vi, why_en = "tạm thời: chưa rõ yêu cầu tối thiểu", "provisional: no minimums are known"
        out.append(step("stars", f"Hạng sao: {stars} sao ({why_vi})", f"Star: {stars}★ ({why_en})",
                        ps.cite,
                        stars=stars, band_stars=cls.band_stars, minimum_policy=pol.minimum))
    auth = rs.authority(stars) if stars else None
    if certifiable and auth:
        out.append(step("authority", f"Đủ điều kiện công nhận; cơ quan công nhận: {auth.name_vi}",
                        f"Certifiable; recognised by: {auth.name_en}", auth.cite, level=auth.level))
    elif stars is not None:
        a = rs.authority(stars)
        out.append(step("authority.none", f"Hạng {stars} sao: không ban hành quyết định công nhận, không cấp giấy chứng nhận",
                        f"{stars}★: no recognition decision and no certificate", a.cite if a else None))
    if rs.forwarding is not None:
        fw = rs.forwarding
        out.append(step("forwarding", f"Chuyển {fw.to_vi} đánh giá 5 sao: {'có' if forward else 'không'} (chính sách {pol.forwarding})",
                        f"Forward to the {fw.to_en} for 5★: {'yes' if forward else 'no'} (policy {pol.forwarding})",
                        fw.cite, forward=forward, policy=pol.forwarding))
    if certificate is not None:
        out.append(step("certificate", f"Giấy chứng nhận cấp ngày {certificate.issued_on:%d/%m/%Y}, có giá trị {certificate.months} tháng, đến ngày {certificate.valid_until:%d/%m/%Y}",
                        f"Certificate issued {certificate.issued_on.isoformat()}, valid {certificate.months} months, until {certificate.valid_until.isoformat()}",
                        rs.certificate.cite, valid_until=certificate.valid_until.isoformat()))
    out.append(step("policy", "Chính sách diễn giải: " + ", ".join(f"{k}={v}" for k, v in pol.names().items()),
                    "Interpretation policies: " + ", ".join(f"{k}={v}" for k, v in pol.names().items()), None,
                    **pol.names()))
    return out
