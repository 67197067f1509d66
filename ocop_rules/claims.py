"""Run the evidence stage and report: derived options, claim checks, findings, documents, re-evaluation window.

The assessors' sheets remain the score (Art. 7.3d; policy ``council-not-overridden``). Evidence
changes a decision only through a sheet note or rejection ground the facts show to apply, exactly
as an assessor's finding of that note would. Everything else is reported: which criteria the
facts decide, where a self-assessment claims more (or less) than they support, and which star the
self-assessment claims against the star the evidence supports, both by the same classification.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ocop_rules.conditions import fields
from ocop_rules.dates import add_months, days_before
from ocop_rules.decision import Rejection
from ocop_rules.derivation import Derivations, load_derivations
from ocop_rules.dossier import Dossier, ScoreSheet
from ocop_rules.engines import Engine
from ocop_rules.evidence import Evidence
from ocop_rules.evidence_facts import normalise_evidence
from ocop_rules.evidence_report import (
    ClaimCheck,
    CouncilDifference,
    DerivedCriterion,
    EvidenceFinding,
    EvidenceReport,
    Mismatch,
    ReEvaluationWindow,
)
from ocop_rules.explain import TraceStep, rendered, step
from ocop_rules.policies import Policy
from ocop_rules.program import Program, Rule
from ocop_rules.ruleset import Criterion, ProductSet, Ruleset
from ocop_rules.scoring import Sheet

DEFAULT_TEST_REPORT_MAX_AGE = 12
"""Used only when a ruleset has no derivations file (its policy ``test-report-max-age`` otherwise)."""


@dataclass
class EvidenceOutcome:
    """The report for the decision, the rejection the evidence causes (if any), and the trace steps."""

    report: EvidenceReport
    rejection: Rejection | None = None
    trace: list[TraceStep] = field(default_factory=list)


def _used(rule: Rule, fact: Mapping[str, Any]) -> dict[str, int | None]:
    return {name: fact.get(name) for name in sorted(fields(rule.condition))}


def _why(rule: Rule, crit: Criterion, program: Program, fact: Mapping[str, Any]) -> dict[str, int | None]:
    """The facts the deciding rule read, plus those of the rules for higher options that did not fire:
    what an auditor needs to see why the criterion got no more."""
    names = set(fields(rule.condition))
    got = _points(crit, rule.consequence.option)
    for points, read in _selectors(program, crit):
        if points > got:
            names |= read
    return {name: fact.get(name) for name in sorted(names)}


_SELECTORS: dict[tuple[str, str], tuple[tuple[int, frozenset[str]], ...]] = {}


def _selectors(program: Program, crit: Criterion) -> tuple[tuple[int, frozenset[str]], ...]:
    """(points selected, fields read) of every evidence rule that selects an option of `crit`, once per program."""
    key = (program.key, crit.code)
    found = _SELECTORS.get(key)
    if found is None:
        found = _SELECTORS[key] = tuple(
            (_points(crit, r.consequence.option), frozenset(fields(r.condition)))
            for r in program.stage("evidence")
            if r.consequence.effect == "select-option" and r.consequence.criterion == crit.code)
    return found


def _points(crit: Criterion, key: str | None) -> int:
    opt = crit.option(key) if key else None
    return opt.points if opt else 0


def _criteria(ps: ProductSet, deriv: Derivations | None, program: Program, firings: Sequence[tuple[str, int]],
              fact: Mapping[str, Any]) -> list[DerivedCriterion]:
    selects: dict[str, list[Rule]] = {}
    caps: dict[str, list[Rule]] = {}
    voids: dict[str, Rule] = {}
    for rule_id, _ in firings:
        rule = program.rule(rule_id)
        c = rule.consequence
        if c.criterion is None:
            continue
        if c.effect == "select-option":
            selects.setdefault(c.criterion, []).append(rule)
        elif c.effect == "cap-option":
            caps.setdefault(c.criterion, []).append(rule)
        elif c.effect == "void":
            voids.setdefault(c.criterion, rule)
    out: list[DerivedCriterion] = []
    for crit in ps.leaves:
        code = crit.code
        meta = None
        if code in voids:
            rule = voids[code]
            note = crit.note(rule.consequence.note or "")
            out.append(DerivedCriterion(code=code, status="derived", option=None, points=0, rule=rule.id,
                                        citation=rendered(rule.cite)[0], citation_en=rendered(rule.cite)[1],
                                        wording_vi=note.text_vi if note else None,
                                        policy="requirement_finding=criterion-zero", facts_used=_used(rule, fact)))
            continue
        if code in selects or code in caps:
            # highest-option-wins for selects (ties: the first declared); the lowest cap for caps.
            if code in selects:
                rule = max(selects[code], key=lambda r: _points(crit, r.consequence.option))
                status = "derived"
            else:
                rule = min(caps[code], key=lambda r: _points(crit, r.consequence.option))
                status = "capped"
            meta = deriv.rule_meta(rule.id) if deriv else None
            key = rule.consequence.option
            out.append(DerivedCriterion(code=code, status=status, option=key, points=_points(crit, key), rule=rule.id,
                                        citation=rendered(rule.cite)[0], citation_en=rendered(rule.cite)[1],
                                        wording_vi=meta[1].wording_vi if meta else None,
                                        policy=meta[1].policy if meta else None, facts_used=_why(rule, crit, program, fact)))
            continue
        topic = deriv.topic_for(ps.number, code) if deriv else None
        if topic is not None and not topic.rules:  # a caps-only topic that did not fire: the assessors judge
            out.append(DerivedCriterion(code=code, status="judged", reason=topic.note_en or topic.title_en))
        elif topic is not None:
            out.append(DerivedCriterion(code=code, status="not-derivable",
                                        reason=f"the facts given do not decide it (topic {topic.id})"))
        else:
            reason = deriv.judged_reason(ps.number, code) if deriv else None
            out.append(DerivedCriterion(code=code, status="judged",
                                        reason=reason or "no derivation rule for this criterion: left to the assessors"))
    return out


def _findings(ps: ProductSet, program: Program, firings: Sequence[tuple[str, int]],
              fact: Mapping[str, Any]) -> tuple[list[EvidenceFinding], Rejection | None]:
    found: list[EvidenceFinding] = []
    first: Rejection | None = None
    grounds: list[Rejection] = []
    for rule_id, _ in firings:
        rule = program.rule(rule_id)
        c = rule.consequence
        cite, cite_en = rendered(rule.cite)
        if c.effect in ("eliminate", "stop", "void") and c.criterion and c.note:
            crit = ps.criterion(c.criterion)
            note = crit.note(c.note) if crit else None
            assert note is not None
            found.append(EvidenceFinding(rule=rule.id, effect=c.effect, criterion=c.criterion, note=c.note,
                                         text_vi=note.text_vi, text_en=note.text_en, citation=cite, citation_en=cite_en,
                                         facts_used=_used(rule, fact)))
            if c.effect != "void" and first is None:
                first = Rejection(ground=f"{c.criterion}:{c.note}", kind=note.kind, criterion=c.criterion,
                                  assessor="evidence", text_vi=note.text_vi, text_en=note.text_en, citation=cite)
        elif c.effect == "reject" and c.ground:
            g = ps.ground(c.ground)
            assert g is not None
            found.append(EvidenceFinding(rule=rule.id, effect="reject", ground=c.ground, text_vi=g.text_vi, text_en=g.text_en,
                                         citation=cite, citation_en=cite_en, facts_used=_used(rule, fact)))
            grounds.append(Rejection(ground=g.id, kind="ground", assessor="evidence", text_vi=g.text_vi, text_en=g.text_en,
                                     citation=cite))
    return found, first or (grounds[0] if grounds else None)


def re_evaluation_window(rs: Ruleset, d: Dossier, ev: Evidence) -> ReEvaluationWindow | None:
    """Art. 7.6a's filing window from the previous certificate's dates (None without one, or without the time limits)."""
    pc = ev.previous_certificate
    earliest, latest = rs.time_limit("re-evaluation-earliest"), rs.time_limit("re-evaluation-latest")
    if pc is None or earliest is None or latest is None:
        return None
    expires = pc.expires_on or add_months(pc.issued_on, rs.certificate.validity_months)
    opens, closes = days_before(expires, earliest.amount), days_before(expires, latest.amount)
    filed = d.filed_on
    status = "early" if filed < opens else "within" if filed <= closes else "late" if filed <= expires else "after-expiry"
    return ReEvaluationWindow(certificate=pc.number, expires_on=expires, expiry_computed=pc.expires_on is None,
                              opens_on=opens, closes_on=closes, filed_on=filed, days_before_expiry=(expires - filed).days,
                              status=status, citation=rendered(earliest.cite)[0], citation_en=rendered(earliest.cite)[1])


def _stars_of(rs: Ruleset, d: Dossier, sheet: ScoreSheet, policy: Policy, engine: str) -> tuple[int, int | None]:
    """Total and star of one sheet alone, by the very same classification (`evaluate` with this one sheet)."""
    from ocop_rules.evaluate import evaluate

    single = d.model_copy(update={"score_sheets": [sheet], "evidence": None})
    decision = evaluate(single, ruleset=rs.id, policy=policy, engine=engine, trace=False)
    return decision.assessors[0].total, decision.stars


def _score_of(s: Sheet, code: str) -> tuple[str | None, int]:
    if code in s.voided:
        return None, 0
    mark = s.marks.get(code)
    return (mark.option, mark.points) if mark else (None, 0)


def _claims(rs: Ruleset, ps: ProductSet, d: Dossier, pol: Policy, engine: str, sheets: Sequence[Sheet],
            criteria: Sequence[DerivedCriterion], rejection: Rejection | None) -> list[ClaimCheck]:
    decided = [c for c in criteria if c.status in ("derived", "capped")]
    unverified = [c.code for c in criteria if c.status == "not-derivable"]
    checks: list[ClaimCheck] = []
    for i, s in enumerate(sheets):
        if not s.self_assessment:
            continue
        original = d.score_sheets[i]
        scores: dict[str, int | str] = dict(original.scores)
        mismatches: list[Mismatch] = []
        for dc in decided:
            claimed, cp = _score_of(s, dc.code)
            dp = dc.points or 0
            if dc.status == "derived":
                differs = cp != dp or (claimed is not None and dc.option is not None and claimed != dc.option)
            else:
                differs = cp > dp
            if not differs:
                continue
            scores[dc.code] = dc.option if dc.option is not None else 0
            assert dc.rule is not None and dc.citation is not None and dc.citation_en is not None
            mismatches.append(Mismatch(code=dc.code, claimed_option=claimed, claimed_points=cp, derived_option=dc.option,
                                       derived_points=dp, status=dc.status, direction="over" if cp > dp else "under",
                                       points_at_stake=cp - dp, rule=dc.rule, citation=dc.citation, citation_en=dc.citation_en,
                                       wording_vi=dc.wording_vi,
                                       policy=dc.policy, facts_used=dict(dc.facts_used)))
        claimed_total, claimed_stars = _stars_of(rs, d, original, pol, engine)
        supported = original.model_copy(update={"scores": scores})
        supported_total, supported_stars = _stars_of(rs, d, supported, pol, engine)
        checks.append(ClaimCheck(assessor=s.assessor, claimed_total=claimed_total, claimed_stars=claimed_stars,
                                 supported_total=supported_total, supported_stars=None if rejection else supported_stars,
                                 mismatches=mismatches, over_claimed_points=sum(m.points_at_stake for m in mismatches if m.points_at_stake > 0),
                                 unverified=unverified))
    return checks


def _council(sheets: Sequence[Sheet], criteria: Sequence[DerivedCriterion]) -> list[CouncilDifference]:
    out: list[CouncilDifference] = []
    for dc in criteria:
        if dc.status not in ("derived", "capped"):
            continue
        dp = dc.points or 0
        differ = {s.assessor: p for s in sheets if not s.self_assessment
                  for p in [_score_of(s, dc.code)[1]] if (p != dp if dc.status == "derived" else p > dp)}
        if differ:
            out.append(CouncilDifference(code=dc.code, derived_option=dc.option, derived_points=dp, status=dc.status,
                                         assessors=differ))
    return out


def _trace(report: EvidenceReport, program: Program) -> list[TraceStep]:
    steps = [step("evidence.facts", f"Minh chứng chuẩn hóa thành {len(report.facts)} dữ kiện (tính đến ngày nộp hồ sơ)",
                  f"Evidence normalised into {len(report.facts)} facts (relative to the filing date)", None,
                  derivations=report.derivations, derivations_sha256=report.derivations_sha256, facts=dict(report.facts))]
    for doc in report.documents:
        steps.append(step(f"evidence.document:{doc.issue}", doc.message_vi, doc.message_en, None, document=doc.document,
                          date=doc.date.isoformat() if doc.date else None))
    for f in report.findings:
        verb_vi = {"eliminate": "loại sản phẩm", "stop": "dừng đánh giá", "void": "tiêu chí tính 0 điểm", "reject": "hồ sơ bị loại"}[f.effect]
        verb_en = {"eliminate": "eliminates the product", "stop": "stops the evaluation", "void": "the criterion counts 0",
                   "reject": "the dossier is rejected"}[f.effect]
        steps.append(step(f.rule, f"Minh chứng cho thấy: {f.text_vi} → {verb_vi}", f"The evidence shows: {f.text_en} → {verb_en}",
                          program.rule(f.rule).cite, criterion=f.criterion, note=f.note, ground=f.ground, facts=dict(f.facts_used)))
    for c in report.criteria:
        if c.status not in ("derived", "capped") or c.rule is None:
            continue
        what_vi = (f"phương án {c.option}" if c.option else "không phương án nào") + f" ({c.points} điểm)"
        what_en = (f"option {c.option}" if c.option else "no option") + f" ({c.points} point{'' if c.points == 1 else 's'})"
        if c.status == "capped":
            what_vi, what_en = "tối đa " + what_vi, "at most " + what_en
        steps.append(step(c.rule, f"Tiêu chí {c.code} theo minh chứng: {what_vi} — “{c.wording_vi or ''}”",
                          f"Criterion {c.code} from the evidence: {what_en} — “{c.wording_vi or ''}”",
                          program.rule(c.rule).cite, criterion=c.code, option=c.option, points=c.points, policy=c.policy,
                          facts=dict(c.facts_used)))
    derived, judged = report.derived(), report.judged()
    undecided = [c.code for c in report.criteria if c.status == "not-derivable"]
    steps.append(step("evidence.coverage", f"Theo minh chứng: {len(derived)} tiêu chí; do thành viên đánh giá: {len(judged)}; "
                                           f"thiếu minh chứng: {len(undecided)}",
                      f"Decided by the evidence: {len(derived)} criteria; judged by the assessors: {len(judged)}; "
                      f"facts missing: {len(undecided)}", None, derived=derived, judged=judged, not_derivable=undecided))
    for diff in report.council:
        who = ", ".join(f"{k}: {v}" for k, v in diff.assessors.items())
        steps.append(step(f"evidence.council:{diff.code}",
                          f"Tiêu chí {diff.code}: phiếu khác minh chứng ({who}; minh chứng: {diff.derived_points} điểm) — chỉ báo cáo, "
                          "không thay đổi điểm của Hội đồng",
                          f"Criterion {diff.code}: sheets differ from the evidence ({who}; evidence: {diff.derived_points}) — "
                          "reported only, the council's score stands", None,
                          criterion=diff.code, derived=diff.derived_option, assessors=dict(diff.assessors)))
    for claim in report.claims:
        for m in claim.mismatches:
            steps.append(step(f"claim:{m.code}", f"{claim.assessor}: tiêu chí {m.code} tự chấm {m.claimed_points} điểm, minh chứng hỗ trợ "
                                                 f"{m.derived_points} điểm (chênh {m.points_at_stake:+d})",
                              f"{claim.assessor}: criterion {m.code} claims {m.claimed_points} points, the evidence supports "
                              f"{m.derived_points} ({m.points_at_stake:+d})", program.rule(m.rule).cite,
                              derivation_rule=m.rule, claimed=m.claimed_option, derived=m.derived_option, facts=dict(m.facts_used)))
        steps.append(step("claims.stars", f"{claim.assessor}: tự đánh giá {claim.claimed_total} điểm, {claim.claimed_stars} sao; "
                                          f"minh chứng hỗ trợ {claim.supported_total} điểm, {claim.supported_stars} sao",
                          f"{claim.assessor}: claims {claim.claimed_total} points, {claim.claimed_stars}★; the evidence supports "
                          f"{claim.supported_total} points, {claim.supported_stars}★", None, claimed_stars=claim.claimed_stars,
                          supported_stars=claim.supported_stars, over_claimed_points=claim.over_claimed_points))
    if (w := report.re_evaluation) is not None:
        steps.append(step("re-evaluation.window",
                          f"Đánh giá lại: giấy chứng nhận {w.certificate} hết hạn {w.expires_on:%d/%m/%Y}; thời hạn nộp từ "
                          f"{w.opens_on:%d/%m/%Y} đến {w.closes_on:%d/%m/%Y}; nộp ngày {w.filed_on:%d/%m/%Y} ({w.status})",
                          f"Re-evaluation: certificate {w.certificate} expires {w.expires_on.isoformat()}; file from "
                          f"{w.opens_on.isoformat()} to {w.closes_on.isoformat()}; filed {w.filed_on.isoformat()} ({w.status})",
                          None, status=w.status, days_before_expiry=w.days_before_expiry, citation_vi=w.citation))
    steps.append(step("evidence.policies", "Chính sách suy luận từ minh chứng: " + ", ".join(f"{k}={v}" for k, v in report.policies.items()),
                      "Derivation policies: " + ", ".join(f"{k}={v}" for k, v in report.policies.items()), None,
                      **dict(report.policies)))
    return steps


@dataclass
class Derived:
    """What stage "evidence" concludes from one fact: per-criterion results, findings, the rejection."""

    criteria: list[DerivedCriterion]
    findings: list[EvidenceFinding]
    rejection: Rejection | None


def derive(rs: Ruleset, ps: ProductSet, facts: Mapping[str, int], program: Program, engine: Engine) -> Derived:
    """Run stage "evidence" over integer facts (see `evidence_facts.FACTS`) and resolve the firings.

    Policy highest-option-wins: of the select rules that fire for a criterion, the one selecting the
    most points decides; a requirement finding under criterion-zero sets it to no option.
    """
    fact: dict[str, Any] = {"kind": "evidence", **facts}
    firings = engine.run(program, "evidence", [fact])
    criteria = _criteria(ps, load_derivations(rs), program, firings, fact) if rs.mode == "sheets" else []
    findings, rejection = _findings(ps, program, firings, fact)
    return Derived(criteria, findings, rejection)


def check_evidence(rs: Ruleset, ps: ProductSet, d: Dossier, pol: Policy, program: Program, engine: Engine,
                   sheets: Sequence[Sheet], *, trace: bool = True) -> EvidenceOutcome:
    """Run stage "evidence" of `program` over the dossier's evidence and build the report."""
    assert d.evidence is not None
    deriv = load_derivations(rs)
    max_age = deriv.policy_int("test-report-max-age") if deriv else DEFAULT_TEST_REPORT_MAX_AGE
    norm = normalise_evidence(d.evidence, d.filed_on, test_report_max_age_months=max_age)
    result = derive(rs, ps, norm.fact, program, engine)
    criteria, findings, rejection = result.criteria, result.findings, result.rejection
    claims = _claims(rs, ps, d, pol, engine.name, sheets, criteria, rejection) if rs.mode == "sheets" else []
    report = EvidenceReport(
        derivations=deriv.ruleset if deriv else "", derivations_sha256=deriv.sha256 if deriv else "",
        policies={p.id: p.setting for p in deriv.policies} if deriv else {"test-report-max-age": str(max_age)},
        facts=dict(norm.fact), criteria=criteria, findings=findings, documents=list(norm.documents),
        re_evaluation=re_evaluation_window(rs, d, d.evidence), claims=claims,
        council=_council(sheets, criteria),
    )
    return EvidenceOutcome(report=report, rejection=rejection, trace=_trace(report, program) if trace else [])
