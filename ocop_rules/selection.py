"""Which ruleset governs a dossier: an explicit choice, or the one its filing date calls for.

By date, a dossier falls under the ruleset that governs its `filed_on` (effective_from ≤ filed_on <
effective_until). A later ruleset's `transition` block (Art. 12.2 of Decision 26/2026) keeps a dossier
filed before it took effect, and evaluated after, under the earlier rules, with a deadline that warns
but never switches the rules. Everything date-specific is data in the rulesets; nothing is hard-coded here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ocop_rules.citation import Citation
from ocop_rules.dates import days_after
from ocop_rules.errors import InputError, Problem, UnknownRulesetError
from ocop_rules.explain import Value
from ocop_rules.registry import get_ruleset, rulesets
from ocop_rules.ruleset import Ruleset, TimeLimit

REGISTRATIONS = ("first", "upgrade", "re-evaluation")
_KIND_EN = {"first": "a first evaluation", "upgrade": "an upgrade", "re-evaluation": "a re-evaluation"}
_KIND_VI = {"first": "đánh giá lần đầu", "upgrade": "nâng hạng", "re-evaluation": "đánh giá lại"}


@dataclass(frozen=True)
class SelectionStep:
    """A further trace step the selection contributes (e.g. the transitional deadline)."""

    rule: str
    message_vi: str
    message_en: str
    cite: Citation | None = None
    values: dict[str, Value] = field(default_factory=dict)


@dataclass(frozen=True)
class Selection:
    """The chosen ruleset with the reason (both languages), the provision applied and any warnings."""

    id: str
    reason_vi: str
    reason_en: str
    cite: Citation | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    rule: str = "ruleset.by-date"
    steps: tuple[SelectionStep, ...] = field(default_factory=tuple)


def _vi(d: dt.date) -> str:
    return f"{d:%d/%m/%Y}"


def _in_force(rs: Ruleset, day: dt.date) -> bool:
    return rs.effective_from <= day and (rs.effective_until is None or day < rs.effective_until)


def governing(day: dt.date) -> Ruleset | None:
    """The ruleset that governs dossiers filed on `day`, or None when no shipped ruleset does."""
    candidates = [rs for rs in rulesets() if _in_force(rs, day)]
    return max(candidates, key=lambda r: r.effective_from) if candidates else None


def _check_inputs(filed_on: dt.date, evaluated_on: dt.date | None, registration: str) -> None:
    problems = []
    if registration not in REGISTRATIONS:
        problems.append(Problem("registration", f"{registration!r} is not one of {', '.join(REGISTRATIONS)}"))
    if evaluated_on is not None and evaluated_on < filed_on:
        problems.append(Problem("evaluated_on", f"{evaluated_on.isoformat()} is before filed_on {filed_on.isoformat()}"))
    if problems:
        raise InputError("dates", problems)


def _transition_for(filed_on: dt.date, evaluated_on: dt.date) -> Ruleset | None:
    """The earliest ruleset with a transition block that took effect after filing and by evaluation."""
    hits = [rs for rs in rulesets() if rs.transition and filed_on < rs.effective_from <= evaluated_on]
    return min(hits, key=lambda r: r.effective_from) if hits else None


def _deadline(newer: Ruleset, registration: str) -> TimeLimit | None:
    assert newer.transition is not None
    for d in newer.transition.deadlines:
        if registration in d.registrations:
            return newer.time_limit(d.limit)
    return None


def _by_date(rs: Ruleset, filed_on: dt.date) -> Selection:
    until_en = f"to {(rs.effective_until - dt.timedelta(days=1)).isoformat()}" if rs.effective_until else "onwards"
    until_vi = f"đến ngày {_vi(rs.effective_until - dt.timedelta(days=1))}" if rs.effective_until else "trở đi"
    return Selection(
        rs.id,
        f"Hồ sơ nộp ngày {_vi(filed_on)}: áp dụng {rs.instrument.kind_vi} {rs.instrument.number} ({rs.id}), "
        f"áp dụng cho hồ sơ nộp từ ngày {_vi(rs.effective_from)} {until_vi}",
        f"Filed on {filed_on.isoformat()}: Decision {rs.instrument.number} ({rs.id}) governs dossiers filed from "
        f"{rs.effective_from.isoformat()} {until_en}",
        rs.instrument.cite,
    )


def _transitional(newer: Ruleset, filed_on: dt.date, evaluated_on: dt.date, registration: str) -> Selection:
    t = newer.transition
    assert t is not None
    target = get_ruleset(t.continues_under)
    limit = _deadline(newer, registration)
    cite = limit.cite if limit else t.cite
    head_vi = (f"Hồ sơ nộp ngày {_vi(filed_on)}, trước ngày {newer.instrument.kind_vi} {newer.instrument.number} có hiệu lực "
               f"({_vi(newer.effective_from)}), đánh giá ngày {_vi(evaluated_on)}: tiếp tục áp dụng {target.instrument.kind_vi} "
               f"{target.instrument.number} ({target.id}) theo {cite.render('vi')}")
    head_en = (f"Filed on {filed_on.isoformat()}, before Decision {newer.instrument.number} took effect "
               f"({newer.effective_from.isoformat()}), evaluated on {evaluated_on.isoformat()}: continues under Decision "
               f"{target.instrument.number} ({target.id}) as {cite.render('en')} provides")
    if limit is None:
        return Selection(target.id, head_vi, head_en, cite, (), "ruleset.transition")
    last = days_after(newer.effective_from, limit.amount)
    late = evaluated_on > last
    reason_vi = f"{head_vi}; thời hạn hoàn thành: {_vi(last)} ({limit.amount} ngày kể từ ngày {_vi(newer.effective_from)})"
    reason_en = (f"{head_en}; to be finished by {last.isoformat()} ({limit.amount} days counted from the day after "
                 f"{newer.effective_from.isoformat()})")
    warnings: list[str] = []
    if late:
        lapse = ""
        if target.lapse and evaluated_on > target.lapse.last_day:
            lapse = (f"; Decision {target.instrument.number} itself lapsed after {target.lapse.last_day.isoformat()} "
                     f"({target.lapse.cite.render('en')})")
        warnings.append(
            f"Evaluated on {evaluated_on.isoformat()}, after the deadline of {last.isoformat()} set by {cite.render('en')} "
            f"({limit.amount} days for {_KIND_EN[registration]}, counted from the day after {newer.effective_from.isoformat()}); "
            f"the deadline does not change the rules: {target.id} still applies{lapse}")
    state_vi = "quá hạn" if late else "trong hạn"
    state_en = "missed" if late else "met"
    step = SelectionStep(
        "ruleset.transition.deadline",
        f"Thời hạn hoàn thành ({_KIND_VI[registration]}): {limit.amount} ngày kể từ ngày {_vi(newer.effective_from)}, "
        f"đến hết ngày {_vi(last)}; đánh giá ngày {_vi(evaluated_on)}: {state_vi}",
        f"Deadline for {_KIND_EN[registration]}: {limit.amount} days from the day after {newer.effective_from.isoformat()}, "
        f"i.e. by {last.isoformat()}; evaluated on {evaluated_on.isoformat()}: {state_en}",
        cite, {"deadline": last.isoformat(), "evaluated_on": evaluated_on.isoformat(), "days": limit.amount,
               "registration": registration, "late": late},
    )
    return Selection(target.id, reason_vi, reason_en, cite, tuple(warnings), "ruleset.transition", (step,))


def select_ruleset(filed_on: dt.date, evaluated_on: dt.date | None = None, registration: str = "first") -> Selection:
    """The ruleset for a dossier filed on `filed_on` (and evaluated on `evaluated_on`, when known)."""
    _check_inputs(filed_on, evaluated_on, registration)
    by_date = governing(filed_on)
    if by_date is None:
        first = min((rs.effective_from for rs in rulesets()), default=None)
        since = f"; the earliest ruleset governs dossiers filed from {first.isoformat()}" if first else ""
        raise UnknownRulesetError(f"no shipped ruleset governs a dossier filed on {filed_on.isoformat()}{since}")
    if evaluated_on is not None:
        newer = _transition_for(filed_on, evaluated_on)
        if newer is not None:
            return _transitional(newer, filed_on, evaluated_on, registration)
    sel = _by_date(by_date, filed_on)
    later = governing(evaluated_on) if evaluated_on is not None else None
    if evaluated_on is None or later is None or later.id == by_date.id:
        return sel
    warning = (f"Evaluated on {evaluated_on.isoformat()}, when {later.id} (Decision {later.instrument.number}) governed new "
               f"filings; its transitional provisions are not in the library's sources, so the rules in force on the "
               f"filing date ({by_date.id}) apply")
    step = SelectionStep(
        "ruleset.transition.unknown",
        f"Đánh giá ngày {_vi(evaluated_on)}, khi {later.id} đã áp dụng cho hồ sơ mới; quy định chuyển tiếp của "
        f"{later.instrument.number} không có trong nguồn: áp dụng quy định tại ngày nộp hồ sơ ({by_date.id})",
        warning, None, {"evaluated_on": evaluated_on.isoformat(), "in_force_then": later.id},
    )
    return Selection(sel.id, sel.reason_vi, sel.reason_en, sel.cite, (warning,), sel.rule, (step,))


def explicit(ruleset_id: str, source: str) -> Selection:
    """A ruleset named by the caller ('argument') or by the dossier ('dossier')."""
    rs = get_ruleset(ruleset_id)
    if source == "argument":
        return Selection(rs.id, f"Bộ quy tắc {rs.id} do người gọi chỉ định (ghi đè trường ruleset của hồ sơ)",
                         f"Ruleset {rs.id} given explicitly by the caller (overrides the dossier's ruleset field)",
                         None, (), "ruleset.override")
    return Selection(rs.id, f"Hồ sơ chỉ định bộ quy tắc {rs.id}", f"The dossier names ruleset {rs.id}",
                     None, (), "ruleset.dossier")
