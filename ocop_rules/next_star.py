"""Next-star guidance: the cheapest set of option upgrades that reaches the next star, found exactly.

What an upgrade means. "Upgrading criterion c to option o" raises every assessor's sheet to at
least o's points on c: each sheet's c becomes max(its points, o.points); sheets already higher
keep theirs. Findings stay as recorded: a criterion voided by a requirement finding stays at 0 on
that sheet (resolve the finding first), while a criterion voided only because the criterion it
depends on scored too low ('Chỉ áp dụng khi', e.g. 5.2 needs 5.1 ≥ 1) counts again once that
criterion is raised. The new average and the star minimums are then judged exactly as
`evaluate` judges them, under the decision's own minimum policy.

What cheapest means, in order: the fewest criteria changed; then the fewest points added, where
points added is the increase of the sum of all sheets' totals (n times the increase of the
average, so both orders agree); then the fewest criteria that only the assessors can judge.

How it is exact. Criteria interact only through 'applies when' links, so criteria are grouped by
those links; within a group every combination of levels is tried, and across groups a dynamic
programme over (criteria changed, points added) keeps, for every reachable pair, the best
choice so far. Nothing is estimated: the search is exhaustive over the pairs, pruned only by an
upper bound on the number of changes (a feasible greedy plan) and by the most points the
remaining groups could still add.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ocop_rules.classify import MinimumOutcome, award
from ocop_rules.decision import Decision
from ocop_rules.errors import InputError, Problem
from ocop_rules.guidance import Judgement, classify
from ocop_rules.numbers import fraction_str
from ocop_rules.policies import make_policy
from ocop_rules.program import compile_program
from ocop_rules.registry import get_ruleset
from ocop_rules.ruleset import Criterion, ProductSet, Ruleset

Status = Literal["reachable", "unreachable", "top", "rejected", "not-applicable"]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Upgrade(_Out):
    """One criterion raised to one option, with the option's wording and citation."""

    code: str
    title_vi: str
    title_en: str
    option: str = Field(description="Key of the option to reach, e.g. '1.5/d'.")
    alternatives: list[str] = Field(default_factory=list, description="Other options worth the same points.")
    points: int = Field(description="The option's points: every sheet is raised to at least this.")
    text_vi: str
    text_en: str
    citation: str
    citation_en: str
    kind: Literal["judged", "actionable", "unclassified"]
    topic_vi: str | None = None
    topic_en: str | None = None
    reason_en: str | None = Field(None, description="Why the evidence layer leaves this criterion to the assessors.")
    before: list[int] = Field(description="Each assessor's points on the criterion now (after voiding).")
    after: list[int] = Field(description="Each assessor's points after the upgrades.")
    for_minimum: bool = Field(False, description="True when the target star's minimum on this criterion needs it.")


class MinimumGap(_Out):
    """A star mark of the target star that the dossier does not meet yet."""

    code: str
    stars: int
    required_points: int
    points: str = Field(description="Mean or lowest points now, per the minimum policy (2 decimals).")


class NextStar(_Out):
    """What it takes to reach the next star: the cheapest upgrades, and what the producer alone can reach."""

    status: Status
    message_vi: str
    message_en: str
    ruleset: str
    product_set: int
    assessors: int
    policy_minimum: str
    current_stars: int | None
    band_stars: int
    target_stars: int | None = None
    average: str
    average_exact: str
    required_average: int | None = Field(None, description="Lower bound of the target star's band.")
    unmet_minimums: list[MinimumGap] = Field(default_factory=list)
    upgrades: list[Upgrade] = Field(default_factory=list, description="The cheapest plan, in sheet order.")
    criteria_changed: int = 0
    points_added: int = Field(0, description="Increase of the sum of all sheets' totals.")
    average_after: str | None = None
    average_after_exact: str | None = None
    stars_after: int | None = None
    restored: list[str] = Field(default_factory=list, description="Criteria whose voided points count again.")
    max_stars_without_judged: int | None = Field(
        None, description="The best star reachable by raising only the actionable criteria to their top options.")
    single_flips: list[Upgrade] = Field(
        default_factory=list, description="Each criterion whose upgrade alone reaches the target star (lowest option).")
    classification: str = Field(description="Where the judged/actionable split comes from.")

    @property
    def actionable(self) -> list[Upgrade]:
        """Upgrades the producer can achieve by acting (a certificate, a contract, a label)."""
        return [u for u in self.upgrades if u.kind != "judged"]

    @property
    def judged(self) -> list[Upgrade]:
        """Upgrades only the assessors can grant."""
        return [u for u in self.upgrades if u.kind == "judged"]


def _dec(value: Fraction) -> str:
    cents = (value * 100 + Fraction(1, 2)).__floor__()
    return f"{cents // 100}.{cents % 100:02d}"


@dataclass(frozen=True)
class _Combo:
    """One choice within a group: a level (or None) per criterion of the group."""

    levels: tuple[int | None, ...]
    count: int
    gain: int
    judged: int


class _Model:
    """The decision's sheets as raw points plus permanent voids: enough to re-judge any upgrade exactly."""

    def __init__(self, rs: Ruleset, ps: ProductSet, d: Decision, kinds: Mapping[str, Judgement]) -> None:
        self.rs, self.ps, self.n = rs, ps, len(d.assessors)
        self.mean = make_policy(d.policy).minimum == "mean"
        self.leaves: dict[str, Criterion] = {c.code: c for c in ps.leaves}
        self.kinds = kinds
        self.raw: dict[str, list[int]] = {}
        self.perm: dict[str, list[bool]] = {}
        for c in ps.leaves:
            raw, perm = [], []
            for a in d.assessors:
                key = a.options.get(c.code)
                opt = c.option(key) if key else None
                voided_by = a.voided.get(c.code)
                raw.append(opt.points if opt else 0 if voided_by else a.points.get(c.code, 0))
                perm.append(voided_by is not None and not voided_by.startswith("applies:"))
            self.raw[c.code], self.perm[c.code] = raw, perm
        program = compile_program(rs, ps.number, self.n, make_policy(d.policy))
        self.minimums: list[tuple[str, int, int]] = []
        for rule in program.stage("dossier"):
            con = rule.consequence
            if con.effect == "minimum-met" and con.criterion and con.stars is not None and con.required is not None:
                self.minimums.append((con.criterion, con.stars, con.required))
        self.levels = {code: sorted({o.points for o in c.options if o.points > min(self.raw[code])})
                       for code, c in self.leaves.items()}
        self.groups = self._groups()
        self.current = {code: self.points(code, {}) for code in self.leaves}
        self.total = sum(sum(p) for p in self.current.values())

    def _groups(self) -> list[tuple[str, ...]]:
        """Criteria linked by 'applies when' (directly or not) form one group; groups in sheet order."""
        parent = {code: code for code in self.leaves}

        def find(x: str) -> str:
            while parent[x] != x:
                x = parent[x]
            return x

        for code, c in self.leaves.items():
            if c.applies_when and c.applies_when.criterion in parent:
                parent[find(code)] = find(c.applies_when.criterion)
        out: dict[str, list[str]] = {}
        for code in self.leaves:
            out.setdefault(find(code), []).append(code)
        return [tuple(g) for g in out.values()]

    def raised(self, code: str, plan: Mapping[str, int]) -> list[int]:
        """Raw points of each sheet once the plan raises `code`."""
        level = plan.get(code)
        return self.raw[code] if level is None else [max(r, level) for r in self.raw[code]]

    def points(self, code: str, plan: Mapping[str, int]) -> list[int]:
        """Points counted on each sheet under the plan (voids applied as `evaluate` applies them)."""
        raw = self.raised(code, plan)
        aw = self.leaves[code].applies_when
        ref = self.raised(aw.criterion, plan) if aw and aw.criterion in self.leaves else None
        out = []
        for s, r in enumerate(raw):
            if self.perm[code][s] or (aw is not None and r > 0 and (ref[s] if ref else 0) < aw.min_points):
                out.append(0)
            else:
                out.append(r)
        return out

    def met(self, code: str, required: int, pts: Sequence[int]) -> bool:
        """A star mark judged under the decision's minimum policy."""
        return sum(pts) >= required * self.n if self.mean else min(pts) >= required

    def band(self, total: int) -> int:
        """The band of a sum of totals (mean ≥ t compared as sum ≥ t·n)."""
        for b in self.rs.bands:
            upper_ok = total <= b.upper * self.n if b.upper_inclusive else total < b.upper * self.n
            if b.lower * self.n <= total and upper_ok:
                return b.stars
        return min(b.stars for b in self.rs.bands)

    def stars(self, plan: Mapping[str, int]) -> tuple[int, int]:
        """(sum of totals, star) under a plan, from scratch."""
        pts = {code: self.points(code, plan) for code in self.leaves}
        total = sum(sum(p) for p in pts.values())
        outcomes = [MinimumOutcome("", code, k, req, self.met(code, req, pts[code]))
                    for code, k, req in self.minimums]
        return total, award(self.band(total), outcomes)

    def combos(self, group: tuple[str, ...], target: int) -> list[_Combo]:
        """The group's choices that meet every mark of stars ≤ target on its criteria; no change first."""
        rules = [(code, req) for code, k, req in self.minimums if code in group and k <= target]
        base = sum(sum(self.current[c]) for c in group)
        out = []
        for levels in itertools.product(*[(None, *self.levels[c]) for c in group]):
            plan = {c: lv for c, lv in zip(group, levels, strict=True) if lv is not None}
            pts = {c: self.points(c, plan) for c in group}
            if all(self.met(code, req, pts[code]) for code, req in rules):
                judged = sum(1 for c in plan if self.kinds[c].kind == "judged")
                out.append(_Combo(levels, len(plan), sum(sum(p) for p in pts.values()) - base, judged))
        return out


def _search(model: _Model, target: int, deficit: int) -> list[tuple[tuple[str, ...], _Combo]] | None:
    """The cheapest choice per group (fewest changes, then fewest points, then fewest judged), or None."""
    table = [(g, model.combos(g, target)) for g in model.groups]
    if any(not combos for _, combos in table):
        return None
    best_gain = [max(c.gain for c in combos) for _, combos in table]
    if sum(best_gain) < deficit:
        return None
    suffix = [0] * (len(table) + 1)
    for i in range(len(table) - 1, -1, -1):
        suffix[i] = suffix[i + 1] + best_gain[i]
    limit = _greedy_changes(table, deficit)
    State = tuple[int, int]
    stages: list[dict[State, tuple[int, State, int]]] = []
    states: dict[State, tuple[int, State, int]] = {(0, 0): (0, (0, 0), -1)}
    for i, (_, combos) in enumerate(table):
        nxt: dict[State, tuple[int, State, int]] = {}
        for key, (judged, _, _) in states.items():
            count, gain = key
            for j, combo in enumerate(combos):
                c2, g2 = count + combo.count, gain + combo.gain
                if c2 > limit or g2 + suffix[i + 1] < deficit:
                    continue
                k2 = (c2, g2)
                j2 = judged + combo.judged
                if k2 not in nxt or j2 < nxt[k2][0]:
                    nxt[k2] = (j2, key, j)
        stages.append(nxt)
        states = nxt
    finals = [k for k in states if k[1] >= deficit]
    if not finals:
        return None
    key = min(finals, key=lambda k: (k[0], k[1], states[k][0]))
    chosen: list[tuple[tuple[str, ...], _Combo]] = []
    for i in range(len(table) - 1, -1, -1):
        _, prev, j = stages[i][key]
        group, combos = table[i]
        chosen.append((group, combos[j]))
        key = prev
    return chosen[::-1]


def _greedy_changes(table: Sequence[tuple[tuple[str, ...], list[_Combo]]], deficit: int) -> int:
    """Changes of one feasible plan: forced groups at their best, then the biggest gains first."""
    changes, gain = 0, 0
    optional = []
    for _, combos in table:
        top = max(combos, key=lambda c: (c.gain, -c.count))
        if combos[0].count == 0:
            optional.append(top)
        else:
            changes, gain = changes + top.count, gain + top.gain
    for top in sorted(optional, key=lambda c: -c.gain):
        if gain >= deficit:
            break
        changes, gain = changes + top.count, gain + top.gain
    return changes


def _upgrade(model: _Model, code: str, level: int, plan: Mapping[str, int], for_minimum: bool) -> Upgrade:
    c = model.leaves[code]
    same = [o for o in c.options if o.points == level]
    j = model.kinds[code]
    return Upgrade(
        code=code, title_vi=c.title_vi, title_en=c.title_en, option=same[0].key,
        alternatives=[o.key for o in same[1:]], points=level, text_vi=same[0].text_vi, text_en=same[0].text_en,
        citation=c.cite.render("vi"), citation_en=c.cite.render("en"), kind=j.kind,
        topic_vi=j.topic.title_vi if j.topic else None, topic_en=j.topic.title_en if j.topic else None,
        reason_en=j.reason_en,
        before=model.current[code], after=model.points(code, plan), for_minimum=for_minimum,
    )


def _single_flips(model: _Model, target: int, deficit: int) -> list[Upgrade]:
    """For each criterion: the lowest option that, changed alone, reaches the target star."""
    feasible_now = {g: any(c.count == 0 for c in model.combos(g, target)) for g in model.groups}
    out = []
    for g in model.groups:
        if not all(ok for other, ok in feasible_now.items() if other != g):
            continue
        rules = [(code, req) for code, k, req in model.minimums if code in g and k <= target]
        base = sum(sum(model.current[c]) for c in g)
        for code in g:
            for level in model.levels[code]:
                plan = {code: level}
                pts = {c: model.points(c, plan) for c in g}
                gain = sum(sum(p) for p in pts.values()) - base
                if gain >= deficit and all(model.met(c, req, pts[c]) for c, req in rules):
                    out.append(_upgrade(model, code, level, plan, False))
                    break
    order = {c.code: i for i, c in enumerate(model.ps.leaves)}
    return sorted(out, key=lambda u: order[u.code])


def _messages(status: Status, d: Decision, target: int | None, plan: Sequence[Upgrade], added: Fraction,
              after: Fraction | None) -> tuple[str, str]:
    if status == "rejected":
        r = d.rejected
        why_vi, why_en = (r.text_vi, r.text_en) if r else ("", "")
        return (f"Hồ sơ bị loại ({why_vi}): cần khắc phục lý do bị loại trước khi xét nâng hạng sao",
                f"The dossier is rejected ({why_en}): the rejection must be resolved before any star can be reached")
    if status == "not-applicable":
        vi = "Bộ quy tắc này chấm theo tổng điểm từng phần, không có phương án để nâng"
        en = "This ruleset is scored by part totals: there are no options to raise"
        if target is not None and after is not None:  # `after` carries the band's lower bound here
            vi += (f"; để đạt {target} sao cần điểm trung bình ≥ {after} (hiện {d.average_total}); "
                   "các yêu cầu tối thiểu theo hạng sao của bộ tiêu chí này chưa rõ")
            en += (f"; {target}★ needs an average of at least {after} (now {d.average_total}); "
                   "this ruleset's star minimums are unknown")
        return vi, en
    if status == "top":
        return ("Sản phẩm đã đạt hạng cao nhất (5 sao)", "The product already has the highest star (5★)")
    if status == "unreachable":
        return (f"Không thể đạt {target} sao chỉ bằng cách nâng các phương án trên phiếu (các phát hiện đã ghi vẫn giữ nguyên)",
                f"{target}★ cannot be reached by raising options alone (the recorded findings stay as they are)")
    assert after is not None
    n_act = sum(1 for u in plan if u.kind != "judged")
    n_jud = len(plan) - n_act
    return (f"Để đạt {target} sao: nâng {len(plan)} tiêu chí ({n_act} do chủ thể chủ động, {n_jud} do hội đồng đánh giá), "
            f"điểm trung bình tăng {_dec(added)} lên {_dec(after)}",
            f"To reach {target}★: raise {len(plan)} {'criterion' if len(plan) == 1 else 'criteria'} ({n_act} the producer can act on, {n_jud} the assessors judge); "
            f"the average rises by {_dec(added)} to {_dec(after)}")


def next_star(decision: Decision) -> NextStar:
    """The cheapest upgrades that reach the next star (see the module docstring for the exact meaning)."""
    d = decision
    rs = get_ruleset(d.ruleset.id)
    if d.ruleset.sha256 and rs.sha256 and d.ruleset.sha256 != rs.sha256:
        raise InputError("decision", [Problem("ruleset.sha256", f"the decision was made with another version of ruleset "
                                              f"{rs.id}; evaluate the dossier again")])
    ps = rs.product_set(d.product_set.number)
    if ps is None:
        raise InputError("decision", [Problem("product_set.number", f"ruleset {rs.id} has no product set {d.product_set.number}")])
    kinds, source = classify(rs, ps)
    n = len(d.assessors)
    common = dict(ruleset=rs.id, product_set=ps.number, assessors=n, policy_minimum=make_policy(d.policy).minimum,
                  current_stars=d.stars, band_stars=d.band_stars, average=d.average_total,
                  average_exact=d.average_total_exact, classification=source)
    top = max(b.stars for b in rs.bands)
    status: Status | None = None
    if d.stars is None:
        status = "rejected"
    elif d.mode == "part-totals" or not ps.leaves:
        status = "not-applicable"
    elif d.stars >= top:
        status = "top"
    if status == "not-applicable" and d.stars is not None and d.stars < top:
        lower = next(b.lower for b in rs.bands if b.stars == d.stars + 1)
        vi, en = _messages(status, d, d.stars + 1, [], Fraction(0), Fraction(lower))
        return NextStar(status=status, message_vi=vi, message_en=en, target_stars=d.stars + 1,
                        required_average=lower, **common)
    if status is not None:
        vi, en = _messages(status, d, None, [], Fraction(0), None)
        return NextStar(status=status, message_vi=vi, message_en=en, **common)

    assert d.stars is not None
    model = _Model(rs, ps, d, kinds)
    if model.stars({})[1] != d.stars:
        raise InputError("decision", [Problem("stars", "the decision does not match its own sheets under "
                                              f"{rs.id}; evaluate the dossier again")])
    target = d.stars + 1
    lower = next(b.lower for b in rs.bands if b.stars == target)
    deficit = lower * n - model.total
    gaps = []
    for code, k, req in model.minimums:
        pts = model.current[code]
        if k <= target and not model.met(code, req, pts):
            judged = Fraction(sum(pts), n) if model.mean else Fraction(min(pts))
            gaps.append(MinimumGap(code=code, stars=k, required_points=req, points=_dec(judged)))
    actionable_top = {code: lv[-1] for code, lv in model.levels.items() if lv and kinds[code].kind != "judged"}
    max_without = model.stars(actionable_top)[1]
    common.update(target_stars=target, required_average=lower, unmet_minimums=gaps,
                  max_stars_without_judged=max_without, single_flips=_single_flips(model, target, deficit))

    chosen = _search(model, target, deficit)
    if chosen is None:
        vi, en = _messages("unreachable", d, target, [], Fraction(0), None)
        return NextStar(status="unreachable", message_vi=vi, message_en=en, **common)
    plan = {c: lv for group, combo in chosen for c, lv in zip(group, combo.levels, strict=True) if lv is not None}
    total_after, stars_after = model.stars(plan)
    needed = {code for code, k, req in model.minimums if k <= target and not model.met(code, req, model.current[code])}
    upgrades = [_upgrade(model, code, plan[code], plan, code in needed) for code in model.leaves if code in plan]
    restored = [code for code in model.leaves if code not in plan and model.points(code, plan) != model.current[code]]
    added = Fraction(total_after - model.total, n)
    after = Fraction(total_after, n)
    vi, en = _messages("reachable", d, target, upgrades, added, after)
    return NextStar(status="reachable", message_vi=vi, message_en=en, upgrades=upgrades, criteria_changed=len(upgrades),
                    points_added=total_after - model.total, average_after=_dec(after),
                    average_after_exact=fraction_str(after), stars_after=stars_after, restored=restored,
                    **common)
