"""What the same dossier would score under another ruleset, as far as declared mappings allow.

Each assessor's chosen option is carried to the target sheet through the criterion pairs of
`ocop_rules.mapping` (identical wording, or a declared correspondence); a target criterion with no
counterpart, or whose option has none, is left out (scored 0 and listed), so the result is a lower
bound. The target decision's trace begins with the mappings used, judgement by judgement.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ocop_rules.decision import Decision
from ocop_rules.dossier import Dossier, load_dossier
from ocop_rules.errors import InputError, Problem
from ocop_rules.explain import TraceStep, step
from ocop_rules.mapping import Pair, RulesetMapping, declared_options, load_mapping, match_criteria, match_options, match_sets
from ocop_rules.policies import Policy
from ocop_rules.registry import get_ruleset
from ocop_rules.ruleset import Criterion, ProductSet, Ruleset


@dataclass(frozen=True)
class MappingUse:
    """One criterion pair used to carry scores, with how it was established."""

    old: str
    new: str
    basis: str
    judgement: bool
    reason: str | None
    options: dict[str, str]


@dataclass(frozen=True)
class RescoreResult:
    """The target decision plus what was carried, what could not be, and from where."""

    decision: Decision
    source_ruleset: str
    target_ruleset: str
    source_set: int
    target_set: int
    mapping: str | None
    used: tuple[MappingUse, ...]
    undetermined: tuple[str, ...]
    dropped: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """True when every target criterion was carried for every assessor."""
        return not self.undetermined


_SheetIn = tuple[str, bool, dict[str, str | None], dict[str, int] | None, list[tuple[str, str]]]
"""assessor, self-assessment, criterion -> option key, part totals, findings (criterion, note)."""


@dataclass(frozen=True)
class _Source:
    """The source side, whichever input it came from: per assessor, criterion -> option key (or None)."""

    ruleset: Ruleset
    set_number: int
    meta: dict[str, Any]
    sheets: list[_SheetIn]
    rejections: list[str]
    notes: list[str]


def _from_decision(dec: Decision) -> _Source:
    rs = get_ruleset(dec.ruleset.id)
    sheets: list[_SheetIn] = [
        (a.assessor, a.self_assessment, dict(a.options), dict(a.parts) if dec.mode == "part-totals" else None, [])
        for a in [*dec.assessors, *dec.self_assessments]]
    meta = {"id": dec.dossier_id, "product": {"name": dec.product}, "producer": {"name": dec.producer, "province": dec.province},
            "filed_on": dec.filed_on, "registration": dec.registration,
            "certificate_issued_on": dec.certificate.issued_on if dec.certificate else None}
    notes = ["a Decision does not record the assessors' findings or the rejection grounds found; rescore the dossier to carry them"]
    return _Source(rs, dec.product_set.number, meta, sheets, [], notes)


def _from_dossier(d: Dossier) -> _Source:
    from ocop_rules.evaluate import _product_set, _select
    from ocop_rules.scoring import resolve_sheets

    rs = get_ruleset(_select(d, None).id)
    ps = _product_set(rs, d)
    resolved = resolve_sheets(rs, ps, d)
    sheets: list[_SheetIn] = []
    for raw, s in zip(d.score_sheets, resolved, strict=True):
        options = {code: m.option for code, m in s.marks.items()}
        sheets.append((s.assessor, s.self_assessment, options, s.part_totals,
                       [(f.criterion, f.note) for f in raw.findings]))
    meta = {"id": d.id, "product": d.product.model_dump(), "producer": d.producer.model_dump(), "filed_on": d.filed_on,
            "evaluated_on": d.evaluated_on, "registration": d.registration, "certificate_issued_on": d.certificate_issued_on}
    return _Source(rs, ps.number, meta, sheets, [r.ground for r in d.rejections], [])


def _target_set(src: _Source, target: Ruleset, mapping: RulesetMapping | None, set_number: int | None) -> tuple[ProductSet, Pair]:
    pairs = [p for p in match_sets(src.ruleset, target, mapping)
             if p.old is not None and p.old.number == src.set_number and p.new is not None]
    if set_number is not None:
        pairs = [p for p in pairs if p.new.number == set_number]
    if len(pairs) == 1:
        return pairs[0].new, pairs[0]
    where = f"set {src.set_number} of {src.ruleset.id}"
    if not pairs:
        raise InputError("rescore", [Problem("product_set", f"{where} has no counterpart in {target.id}"
                                                             f"{' numbered ' + str(set_number) if set_number else ''}")])
    numbers = ", ".join(str(p.new.number) for p in pairs)
    raise InputError("rescore", [Problem("product_set", f"{where} corresponds to sets {numbers} of {target.id}; choose one")])


def _criterion_routes(src_ps: ProductSet, tgt_ps: ProductSet, mapping: RulesetMapping | None
                      ) -> tuple[dict[str, tuple[Criterion, Pair, dict[str, str]]], dict[str, str]]:
    """Target leaf -> (source leaf, pair, option map); and target leaf -> why it cannot be carried."""
    into: dict[str, list[Pair]] = {}
    for p in match_criteria(src_ps, tgt_ps, mapping):
        if p.new is not None and p.new.is_leaf:
            into.setdefault(p.new.code, []).append(p)
    routes: dict[str, tuple[Criterion, Pair, dict[str, str]]] = {}
    blocked: dict[str, str] = {}
    for leaf in tgt_ps.leaves:
        sources = [p for p in into.get(leaf.code, []) if p.old is not None and p.old.is_leaf]
        if not sources:
            blocked[leaf.code] = "no counterpart in the source sheet"
        elif len(sources) > 1:
            blocked[leaf.code] = f"several source criteria ({', '.join(p.old.code for p in sources)}) map into it"
        else:
            p = sources[0]
            declared = declared_options(mapping, src_ps, tgt_ps, p.old.code, leaf.code)
            opts = {o.key: n.key for o, n, _ in match_options(p.old, leaf, declared) if o is not None and n is not None}
            routes[leaf.code] = (p.old, p, opts)
    return routes, blocked


def _use_steps(used: list[MappingUse]) -> list[TraceStep]:
    out = []
    for u in used:
        how = {"mapping": "declared in the mapping file", "code-and-title": "same code and title",
               "title": "same title", "number-and-title": "same number and title"}.get(u.basis, u.basis)
        kind_vi = "nhận định" if u.judgement else "tương ứng"
        kind_en = "a judgement" if u.judgement else "a correspondence"
        opts = ", ".join(f"{k}→{v}" for k, v in sorted(u.options.items()))
        out.append(step(f"rescore.map:{u.old}->{u.new}",
                        f"Tiêu chí {u.old} → {u.new} ({kind_vi}; {how}): {u.reason or ''} Phương án dùng: {opts or 'không'}",
                        f"Criterion {u.old} → {u.new} ({kind_en}; {how}): {u.reason or ''} Options carried: {opts or 'none'}",
                        None, old=u.old, new=u.new, basis=u.basis, judgement=u.judgement, options=dict(u.options)))
    return out


def rescore(
    decision_or_dossier: Decision | Dossier | Mapping[str, Any] | str | Path,
    to_ruleset: str | Ruleset,
    *,
    set_number: int | None = None,
    policy: Policy | Mapping[str, str] | None = None,
) -> RescoreResult:
    """The same dossier under `to_ruleset`, carried through the declared mappings (see module doc)."""
    from ocop_rules.evaluate import evaluate

    src = _from_decision(decision_or_dossier) if isinstance(decision_or_dossier, Decision) \
        else _from_dossier(load_dossier(decision_or_dossier))
    target = to_ruleset if isinstance(to_ruleset, Ruleset) else get_ruleset(to_ruleset)
    mapping = load_mapping(src.ruleset.id, target.id)
    src_ps = src.ruleset.product_set(src.set_number)
    assert src_ps is not None
    part_totals = src.ruleset.mode == "part-totals" or target.mode == "part-totals"
    same_parts = [(p.code, p.max_points) for p in src.ruleset.parts] == [(p.code, p.max_points) for p in target.parts]
    if part_totals and not (src.ruleset.mode == target.mode == "part-totals" and same_parts):
        raise InputError("rescore", [Problem("ruleset", f"cannot carry scores from {src.ruleset.id} ({src.ruleset.mode}) to "
                                                        f"{target.id} ({target.mode}): only part totals between rulesets "
                                                        "with the same parts can be carried")])
    tgt_ps, set_pair = _target_set(src, target, mapping, set_number)
    used: dict[tuple[str, str], MappingUse] = {}
    undetermined: list[str] = []
    dropped: list[str] = list(src.notes)
    sheets: list[dict[str, Any]] = []
    if part_totals:
        for assessor, self_a, _, totals, _ in src.sheets:
            sheets.append({"assessor": assessor, "self_assessment": self_a, "part_totals": dict(totals or {})})
    else:
        routes, blocked = _criterion_routes(src_ps, tgt_ps, mapping)
        for assessor, self_a, options, _, findings in src.sheets:
            scores: dict[str, str] = {}
            for leaf in tgt_ps.leaves:
                if leaf.code in blocked:
                    undetermined.append(f"{assessor}: {leaf.code} ({blocked[leaf.code]})")
                    continue
                old, pair, omap = routes[leaf.code]
                chosen = options.get(old.code)
                if chosen is None or chosen not in omap:
                    what = "no option chosen" if chosen is None else f"option {chosen} has no counterpart"
                    undetermined.append(f"{assessor}: {leaf.code} (from {old.code}: {what})")
                    continue
                scores[leaf.code] = omap[chosen]
                key = (old.code, leaf.code)
                u = used.get(key)
                carried = {**(u.options if u else {}), chosen: omap[chosen]}
                used[key] = MappingUse(old.code, leaf.code, pair.basis or "", pair.judgement, pair.reason, carried)
            carried_findings = []
            for code, note in findings:
                new = next((leaf for leaf, (old, _, _) in routes.items() if old.code == code), None)
                crit = tgt_ps.criterion(new) if new else None
                if crit is not None and crit.note(note) is not None:
                    carried_findings.append({"criterion": crit.code, "note": note})
                else:
                    dropped.append(f"{assessor}: finding {code}:{note} has no counterpart in set {tgt_ps.number}")
            sheets.append({"assessor": assessor, "self_assessment": self_a, "scores": scores, "findings": carried_findings})
    rejections = [{"ground": g} for g in src.rejections if tgt_ps.ground(g) is not None]
    dropped += [f"rejection ground {g} has no counterpart in set {tgt_ps.number}" for g in src.rejections if tgt_ps.ground(g) is None]
    dossier = {k: v for k, v in src.meta.items() if v is not None}
    dossier.update({"ruleset": target.id, "product_set": tgt_ps.number, "score_sheets": sheets, "rejections": rejections})
    decision = evaluate(dossier, ruleset=target.id, policy=policy)

    uses = tuple(used.values())
    head = step("rescore",
                f"Tính lại điểm: từ {src.ruleset.id} bộ {src_ps.number} sang {target.id} bộ {tgt_ps.number}"
                f"{'; bảng tương ứng ' + mapping.path if mapping else ''}",
                f"Rescored from {src.ruleset.id} set {src_ps.number} to {target.id} set {tgt_ps.number}"
                f"{'; mapping ' + mapping.path if mapping else '; no mapping file'}",
                None, source=src.ruleset.id, target=target.id, mapping=mapping.path if mapping else None,
                set_basis=set_pair.basis, set_judgement=set_pair.judgement)
    steps = [head, *_use_steps(list(uses))]
    warnings = list(decision.warnings)
    if undetermined:
        steps.append(step("rescore.undetermined",
                          f"{len(undetermined)} điểm tiêu chí không xác định được từ bộ cũ (tính 0): kết quả là cận dưới",
                          f"{len(undetermined)} criterion scores could not be carried (counted 0): the result is a lower bound",
                          None, undetermined=list(undetermined)))
        warnings.append(f"rescore: {len(undetermined)} criterion scores could not be carried from {src.ruleset.id} and count 0; "
                        "the total and the star are lower bounds")
    warnings += [f"rescore: {d}" for d in dropped]
    ext = dict(decision.extensions)
    ext["rescore"] = {"source": src.ruleset.id, "source_set": src_ps.number, "mapping": mapping.path if mapping else None,
                      "used": [asdict(u) for u in uses], "undetermined": undetermined, "dropped": dropped}
    final = decision.model_copy(update={"trace": steps + list(decision.trace), "warnings": warnings, "extensions": ext})
    return RescoreResult(final, src.ruleset.id, target.id, src_ps.number, tgt_ps.number,
                         mapping.path if mapping else None, uses, tuple(undetermined), tuple(dropped))
