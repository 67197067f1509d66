"""The pipeline: select ruleset → validate → resolve sheets → engine (sheet stage) → aggregate →
engine (dossier stage) → classify → decide → explain. Data only flows forward.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from operator import itemgetter
from pathlib import Path
from typing import Any

from ocop_rules import __version__
from ocop_rules.classify import award, read_dossier_firings, unmet_below_band
from ocop_rules.dates import add_months
from ocop_rules.decision import (
    AssessorResult,
    Certificate,
    CriterionResult,
    Decision,
    PartResult,
    ProductSetRef,
    Rejection,
    RulesetRef,
    UnmetMinimum,
)
from ocop_rules.dossier import Dossier, load_dossier
from ocop_rules.engines import get_engine
from ocop_rules.errors import DossierError, Problem
from ocop_rules.explain import TraceStep, step
from ocop_rules.fastmodel import build
from ocop_rules.numbers import mean_str, ratio_str
from ocop_rules.policies import Policy, make_policy
from ocop_rules.program import (
    TOTAL_FIELD,
    Program,
    compile_program,
    finding_field,
    ground_field,
    min_field,
    points_field,
    sum_field,
)
from ocop_rules.registry import get_ruleset
from ocop_rules.ruleset import ProductSet, Ruleset
from ocop_rules.scoring import Sheet, part_total, resolve_sheets
from ocop_rules.selection import Selection, explicit, select_ruleset


def _select(d: Dossier, override: str | None) -> Selection:
    if override:
        return explicit(override, "argument")
    if d.ruleset:
        return explicit(d.ruleset, "dossier")
    return select_ruleset(d.filed_on, d.evaluated_on, d.registration)


def _product_set(rs: Ruleset, d: Dossier) -> ProductSet:
    ps = rs.product_set(d.product_set)
    if ps is None:
        numbers = ", ".join(str(s.number) for s in rs.product_sets) or "none"
        raise DossierError("dossier", [Problem("product_set", f"ruleset {rs.id} has no product set {d.product_set} (it has: {numbers})")])
    for i, r in enumerate(d.rejections):
        if ps.ground(r.ground) is None:
            ids = ", ".join(g.id for g in ps.rejection_grounds) or "none: this sheet has no rejection grounds"
            raise DossierError("dossier", [Problem(f"rejections[{i}].ground", f"{r.ground!r} is not a ground of set {ps.number} (grounds: {ids})")])
    return ps


def _row(sheet: Sheet, codes: Sequence[str]) -> list[int]:
    """A sheet's points per scored criterion, in sheet order, after voiding."""
    marks, voided = sheet.marks, sheet.voided
    if not voided:  # the common case, as one comprehension
        return [0 if (mark := marks.get(code)) is None else mark.points for code in codes]
    row = []
    for code in codes:
        mark = marks.get(code)
        row.append(0 if mark is None or code in voided else mark.points)
    return row


_FIELDS: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}


def _read_points(program: Program, ps: ProductSet) -> tuple[tuple[str, str], ...]:
    """(criterion, fact field) for the sheet points the sheet-stage rules read, once per program."""
    found = _FIELDS.get((program.key, "sheet"))
    if found is None:
        reads = program.reads("sheet")
        found = _FIELDS[(program.key, "sheet")] = tuple(
            (c.code, points_field(c.code)) for c in ps.leaves if points_field(c.code) in reads)
    return found


def _sheet_fact(program: Program, ps: ProductSet, sheet: Sheet) -> dict[str, Any]:
    """The sheet-stage fact: the points the rules read (before voiding) and the assessor's findings."""
    fact: dict[str, Any] = {"kind": "sheet"}
    marks = sheet.marks
    for code, name in _read_points(program, ps):
        mark = marks.get(code)
        fact[name] = mark.points if mark is not None else 0
    for code, note, _ in sheet.findings:
        fact[finding_field(code, note)] = 1
    return fact


def _dossier_fact(program: Program, codes: Sequence[str], columns: Sequence[Sequence[int]], column_sums: Sequence[int],
                  totals: Sequence[int], d: Dossier) -> dict[str, Any]:
    """The dossier-stage fact: the total, and the per-criterion sums or minima the rules read."""
    reads = program.reads("dossier")
    fact: dict[str, Any] = {"kind": "dossier", TOTAL_FIELD: sum(totals)}
    for j, code in enumerate(codes):
        if (name := sum_field(code)) in reads:
            fact[name] = column_sums[j]
        if (name := min_field(code)) in reads:
            fact[name] = min(columns[j])
    for r in d.rejections:
        fact[ground_field(r.ground)] = 1
    return fact


def _rejection_from_sheets(program: Program, ps: ProductSet, sheets: Sequence[Sheet],
                           firings: list[tuple[str, int]]) -> Rejection | None:
    for rule_id, i in firings:
        rule = program.rule(rule_id)
        c = rule.consequence
        if c.effect in ("eliminate", "stop") and c.criterion and c.note:
            crit = ps.criterion(c.criterion)
            note = crit.note(c.note) if crit else None
            if note is None:
                continue
            kind = "requirement" if note.kind == "requirement" else note.kind
            return Rejection(ground=f"{c.criterion}:{c.note}", kind=kind, criterion=c.criterion,
                             assessor=sheets[i].assessor, text_vi=note.text_vi, text_en=note.text_en,
                             citation=rule.cite.render("vi"))
    return None


def evaluate(
    dossier: Dossier | Mapping[str, Any] | str | Path,
    *,
    ruleset: str | None = None,
    policy: Policy | Mapping[str, str] | None = None,
    engine: str = "reference",
    trace: bool = True,
) -> Decision:
    """Decide a dossier's star. `trace=False` skips building the explanation (batch); every other field is identical."""
    d = load_dossier(dossier)
    pol = make_policy(policy)
    sel = _select(d, ruleset)
    rs = get_ruleset(sel.id)
    ps = _product_set(rs, d)
    every_sheet = resolve_sheets(rs, ps, d)
    council = [s for s in every_sheet if not s.self_assessment]
    sheets = council if council and pol.self_assessment == "separate" else every_sheet
    apart = [] if sheets is every_sheet else [s for s in every_sheet if s.self_assessment]
    run = get_engine(engine)
    program = compile_program(rs, ps.number, len(sheets), pol)
    steps: list[TraceStep] = []

    sheet_firings = run.run(program, "sheet", [_sheet_fact(program, ps, s) for s in sheets])
    for rule_id, i in sheet_firings:
        c = program.rule(rule_id).consequence
        if c.effect == "void" and c.criterion:
            sheets[i].voided[c.criterion] = rule_id
    rejected = _rejection_from_sheets(program, ps, sheets, sheet_firings)
    if apart:  # self-assessments reported apart still get their applicability rules, for a truthful total
        for rule_id, i in run.run(program, "sheet", [_sheet_fact(program, ps, s) for s in apart]):
            c = program.rule(rule_id).consequence
            if c.effect == "void" and c.criterion:
                apart[i].voided[c.criterion] = rule_id

    leaves = ps.leaves
    codes = [c.code for c in leaves]
    grid = [_row(s, codes) for s in sheets]
    n = len(sheets)
    part_codes = [p.code for p in rs.parts]
    index = {code: j for j, code in enumerate(codes)}
    groups = {p: [index[c.code] for c in ps.leaves_of_part(p)] for p in part_codes}
    if rs.mode == "part-totals":
        per_part = [{p: part_total(ps, s, p) for p in part_codes} for s in sheets]
    else:
        pickers = [(p, itemgetter(*groups[p]) if len(groups[p]) > 1 else None) for p in part_codes]
        per_part = [{p: (sum(pick(row)) if pick else sum(row[j] for j in groups[p])) for p, pick in pickers} for row in grid]
    totals = [sum(pp.values()) for pp in per_part]
    columns = [list(col) for col in zip(*grid, strict=True)] if grid and codes else [[] for _ in codes]
    column_sums = [sum(col) for col in columns]
    average = Fraction(sum(totals), n)

    dossier_firings = run.run(program, "dossier", [_dossier_fact(program, codes, columns, column_sums, totals, d)])
    cls = read_dossier_firings(program, dossier_firings)
    if rejected is None and cls.grounds:
        rule_id, gid = cls.grounds[0]
        g = ps.ground(gid)
        assert g is not None
        rejected = Rejection(ground=gid, kind="ground", text_vi=g.text_vi, text_en=g.text_en,
                             citation=program.rule(rule_id).cite.render("vi"))
    evidence = None
    if d.evidence is not None:  # the evidence layer: reports, and rejects only through a sheet's note or ground
        from ocop_rules.claims import check_evidence

        evidence = check_evidence(rs, ps, d, pol, program, run, sheets + apart, trace=trace)
        rejected = rejected or evidence.rejection

    provisional = not rs.minimums_known or rs.mode == "part-totals"
    band = cls.band_stars
    stars: int | None = None if rejected else award(band, cls.minimums)
    unmet = unmet_below_band(band, cls.minimums)
    certifiable = stars is not None and stars >= rs.certificate.min_stars
    auth = rs.authority(stars) if certifiable and stars is not None else None
    if rs.forwarding is None or rejected is not None:
        forward = False
    elif pol.forwarding == "five-star-result":
        forward = stars == 5
    else:
        forward = average >= rs.forwarding.min_average
    certificate = None
    if certifiable and d.certificate_issued_on is not None:
        certificate = Certificate(issued_on=d.certificate_issued_on, months=rs.certificate.validity_months,
                                  valid_until=add_months(d.certificate_issued_on, rs.certificate.validity_months))

    warnings = list(sel.warnings)
    for s in every_sheet:
        for code, mark in s.marks.items():
            if mark.ambiguous:
                warnings.append(f"{s.assessor}: {code} = {mark.points} matches options {', '.join(mark.ambiguous)}; give an option key")

    assessors = [
        build(AssessorResult,
            assessor=s.assessor, self_assessment=s.self_assessment, total=totals[i], parts=per_part[i],
            points=dict(zip(codes, grid[i], strict=True)),
            options={code: (mk.option if (mk := s.marks.get(code)) is not None else None) for code in codes},
            missing=list(s.missing), ambiguous={k: list(m.ambiguous) for k, m in s.marks.items() if m.ambiguous},
            voided=dict(s.voided),
        )
        for i, s in enumerate(sheets)
    ]
    self_assessments = []
    for s in apart:
        row = _row(s, codes)
        if rs.mode == "part-totals":
            pp = {p: part_total(ps, s, p) for p in part_codes}
        else:
            pp = {p: sum(row[j] for j in groups[p]) for p in part_codes}
        self_assessments.append(build(
            AssessorResult, assessor=s.assessor, self_assessment=True, total=sum(pp.values()), parts=pp,
            points=dict(zip(codes, row, strict=True)),
            options={code: (s.marks[code].option if code in s.marks else None) for code in codes},
            missing=list(s.missing), ambiguous={k: list(m.ambiguous) for k, m in s.marks.items() if m.ambiguous},
            voided=dict(s.voided)))
    parts = {}
    for p in rs.parts:
        psum = sum(pp[p.code] for pp in per_part)
        parts[p.code] = build(PartResult, average=mean_str(psum, n), average_exact=ratio_str(psum, n), max=p.max_points)
    criteria = [
        build(CriterionResult, code=c.code, part=c.part, max_points=c.max_points,
                                        average=mean_str(column_sums[j], n), average_exact=ratio_str(column_sums[j], n),
                                        points=columns[j])
        for j, c in enumerate(leaves)
    ]
    unmet_out = []
    position = {code: j for j, code in enumerate(codes)}
    for m in unmet:
        j = position[m.criterion]
        num, den = (column_sums[j], n) if pol.minimum == "mean" else (min(row[j] for row in grid), 1)
        unmet_out.append(UnmetMinimum(code=m.criterion, stars=m.stars, required_points=m.required,
                                      points=mean_str(num, den), points_exact=ratio_str(num, den)))

    if trace:
        from ocop_rules.narrate import narrate

        steps = narrate(
            rs=rs, ps=ps, d=d, sel=sel, pol=pol, program=program, sheets=sheets, per_part=per_part, totals=totals,
            average=average, grid=grid, codes=codes, sheet_firings=sheet_firings, cls=cls, stars=stars, rejected=rejected,
            certifiable=certifiable, forward=forward, certificate=certificate, provisional=provisional,
            engine=run.name,
        )
        if apart:
            names = ", ".join(s.assessor for s in apart)
            at = next((k for k, st in enumerate(steps) if st.rule == "dossier.valid"), 0) + 1
            steps.insert(at, step(
                "self-assessment.apart",
                f"Phiếu tự đánh giá ({names}) không tính vào điểm trung bình của Hội đồng; dùng để đối chiếu minh chứng",
                f"Self-assessment sheet(s) ({names}) are not averaged with the council's; they are used to verify claims",
                rs.instrument.cite.model_copy(update={"article": 6, "clause": 1, "point": "a"}),
                self_assessments=[s.assessor for s in apart], policy=pol.self_assessment))
        if evidence is not None:  # the evidence steps go before the average, after the sheets' own findings
            at = next((k for k, st in enumerate(steps) if st.rule == "average"), len(steps))
            steps[at:at] = evidence.trace

    return Decision(
        ruleset=RulesetRef(id=rs.id, sha256=rs.sha256, title=rs.title_vi, fidelity=rs.fidelity),
        product_set=ProductSetRef(number=ps.number, slug=ps.slug, title_vi=ps.title_vi, title_en=ps.title_en),
        dossier_id=d.id, product=d.product.name, producer=d.producer.name, province=d.producer.province,
        filed_on=d.filed_on, registration=d.registration, mode=rs.mode,
        assessors=assessors, self_assessments=self_assessments, average_total=mean_str(sum(totals), n), average_total_exact=ratio_str(sum(totals), n),
        parts=parts, band_stars=band, stars=stars, provisional=provisional, certifiable=certifiable,
        authority=auth.level if auth else None, authority_vi=auth.name_vi if auth else None,
        authority_en=auth.name_en if auth else None, forward_to_ministry=forward, rejected=rejected,
        unmet_minimums=unmet_out, certificate=certificate, criteria=criteria, warnings=warnings, trace=steps,
        policy=pol.names(), engine=run.name, library_version=__version__,
        evidence=evidence.report if evidence is not None else None,
    )

