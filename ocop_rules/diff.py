"""What changed between two rulesets: metadata, parts, bands, authorities, sets, criteria, options, minimums.

`diff_rulesets(old, new, set_number=None)` returns a `RulesetDiff`, a plain record that renders as
text, Markdown (the documentation's "what changed" pages) or JSON. Sets and criteria are paired by
`ocop_rules.mapping`: identical ones by themselves, the rest by a declared mapping file, so a
renumbered or renamed criterion is reported as moved or renamed, not as removed and added.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from ocop_rules.citation import Citation
from ocop_rules.errors import InputError, Problem
from ocop_rules.mapping import (
    Basis,
    RulesetMapping,
    declared_options,
    load_mapping,
    match_criteria,
    match_options,
    match_sets,
    norm,
)
from ocop_rules.registry import get_ruleset
from ocop_rules.ruleset import Criterion, ProductSet, Ruleset

Kind = Literal["added", "removed", "changed", "same"]
Scalar = str | int | bool | None


def _c(cite: Citation | None) -> str | None:
    return cite.render("en") if cite is not None else None


@dataclass(frozen=True)
class Change:
    """One value that differs between the rulesets, with where each side states it."""

    what: str
    old: Scalar
    new: Scalar
    text_en: str
    old_cite: str | None = None
    new_cite: str | None = None


@dataclass(frozen=True)
class OptionDiff:
    """An option added, removed or changed (points, star mark or wording) between paired criteria."""

    kind: Kind
    old_key: str | None
    new_key: str | None
    old_points: int | None
    new_points: int | None
    old_min_stars: int | None
    new_min_stars: int | None
    old_text_vi: str | None
    new_text_vi: str | None
    basis: Basis | None
    changes: tuple[str, ...] = ()
    """For a changed pair: 'points', 'mark' and/or 'wording'."""


@dataclass(frozen=True)
class CriterionDiff:
    """A criterion (section or scored row) added, removed or changed, and how it was paired."""

    kind: Kind
    old_code: str | None
    new_code: str | None
    old_title_vi: str | None
    new_title_vi: str | None
    old_max: int | None
    new_max: int | None
    old_part: str | None
    new_part: str | None
    section: bool
    changes: tuple[str, ...] = ()
    basis: Basis | None = None
    judgement: bool = False
    reason: str | None = None
    minimums: tuple[str, ...] = ()
    options: tuple[OptionDiff, ...] = ()
    old_cite: str | None = None
    new_cite: str | None = None

    @property
    def label(self) -> str:
        """'3.5 Kế toán', '1.2 → 1.3 Gia tăng giá trị', …"""
        code = self.old_code if self.new_code is None else self.new_code if self.old_code in (None, self.new_code) \
            else f"{self.old_code} → {self.new_code}"
        return f"{code} {self.new_title_vi or self.old_title_vi}"


@dataclass(frozen=True)
class SetDiff:
    """A product set added, removed or paired, with its criteria differences."""

    kind: Kind
    old_number: int | None
    new_number: int | None
    old_title_vi: str | None
    new_title_vi: str | None
    basis: Basis | None = None
    judgement: bool = False
    reason: str | None = None
    renamed: bool = False
    note: str | None = None
    criteria: tuple[CriterionDiff, ...] = ()
    old_cite: str | None = None
    new_cite: str | None = None

    @property
    def label(self) -> str:
        """'11 Cà phê, Ca cao → 13 Cà phê, cacao'."""
        old = f"{self.old_number} {self.old_title_vi}" if self.old_number is not None else None
        new = f"{self.new_number} {self.new_title_vi}" if self.new_number is not None else None
        return " → ".join(x for x in (old, new) if x)


@dataclass(frozen=True)
class RulesetDiff:
    """Everything that changed from `old` to `new` (optionally for one product set of `new`)."""

    old: str
    new: str
    old_summary: str
    new_summary: str
    metadata: tuple[Change, ...]
    parts: tuple[Change, ...]
    bands: tuple[Change, ...]
    authorities: tuple[Change, ...]
    stated_changes: tuple[dict[str, str | None], ...]
    sets: tuple[SetDiff, ...]
    set_number: int | None = None
    mapping: str | None = None
    mapping_inverted: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    def criteria(self) -> list[CriterionDiff]:
        """Every criterion difference of every paired set, in order."""
        return [c for s in self.sets for c in s.criteria]

    def to_json_data(self) -> dict[str, Any]:
        """Plain data for `--format json`."""
        return asdict(self)

    def to_text(self) -> str:
        """A plain-text report."""
        from ocop_rules.diff_render import render_text

        return render_text(self)

    def to_markdown(self) -> str:
        """A Markdown page (used for the documentation's 'what changed' pages)."""
        from ocop_rules.diff_render import render_markdown

        return render_markdown(self)


# ---------------------------------------------------------------- ruleset-level comparisons


def _date(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _summary(rs: Ruleset) -> str:
    until = _date(rs.effective_until) or "…"
    return (f"{rs.id}: Decision {rs.instrument.number} of {rs.instrument.signed_on.isoformat()}, governs filings "
            f"{rs.effective_from.isoformat()} → {until} (exclusive), fidelity {rs.fidelity}, mode {rs.mode}")


def _field(what: str, label: str, old: Scalar, new: Scalar, oc: Citation | None = None,
           nc: Citation | None = None) -> list[Change]:
    if old == new:
        return []
    shown = {None: "—", True: "yes", False: "no"}
    o = shown.get(old, old) if isinstance(old, bool | type(None)) else old
    n = shown.get(new, new) if isinstance(new, bool | type(None)) else new
    return [Change(what, old, new, f"{label}: {o} → {n}", _c(oc), _c(nc))]


def _metadata(old: Ruleset, new: Ruleset) -> list[Change]:
    out: list[Change] = []
    out += _field("instrument", "Instrument", old.instrument.number, new.instrument.number,
                  old.instrument.cite, new.instrument.cite)
    out += _field("effective_from", "Governs filings from", _date(old.effective_from), _date(new.effective_from))
    out += _field("effective_until", "Governs filings until (exclusive)", _date(old.effective_until), _date(new.effective_until))
    out += _field("fidelity", "Fidelity", old.fidelity, new.fidelity)
    out += _field("mode", "Evaluation mode", old.mode, new.mode)
    out += _field("minimums_known", "Star minimums known", old.minimums_known, new.minimums_known)
    out += _field("certificate.validity_months", "Certificate validity (months)", old.certificate.validity_months,
                  new.certificate.validity_months, old.certificate.cite, new.certificate.cite)
    out += _field("certificate.min_stars", "Certificate from (stars)", old.certificate.min_stars, new.certificate.min_stars,
                  old.certificate.cite, new.certificate.cite)
    of, nf = old.forwarding, new.forwarding
    out += _field("forwarding.min_average", "Forwarded for 5★ from an average of", of.min_average if of else None,
                  nf.min_average if nf else None, of.cite if of else None, nf.cite if nf else None)
    out += _field("forwarding.to", "Forwarded to", of.to_en if of else None, nf.to_en if nf else None)
    oc, nc = old.classification, new.classification
    for attr, label in (("sectors", "Sectors"), ("groups", "Groups"), ("product_types", "Product types/sets")):
        out += _field(f"classification.{attr}", label, getattr(oc, attr) if oc else None, getattr(nc, attr) if nc else None,
                      oc.cite if oc else None, nc.cite if nc else None)
    out += _field("product_sets", "Product sets listed", len(old.product_sets), len(new.product_sets))
    return out


def _parts(old: Ruleset, new: Ruleset) -> list[Change]:
    out: list[Change] = []
    for code in sorted({p.code for p in old.parts} | {p.code for p in new.parts}):
        op, np_ = old.part(code), new.part(code)
        out += _field(f"parts.{code}.max_points", f"Part {code}", op.max_points if op else None,
                      np_.max_points if np_ else None, op.cite if op else None, np_.cite if np_ else None)
        out += _field(f"parts.{code}.title_en", f"Part {code} title", op.title_en if op else None,
                      np_.title_en if np_ else None, op.cite if op else None, np_.cite if np_ else None)
    return out


def _band_text(b: Any) -> str | None:
    if b is None:
        return None
    return f"[{b.lower}, {b.upper}{']' if b.upper_inclusive else ')'}"


def _bands(old: Ruleset, new: Ruleset) -> list[Change]:
    out: list[Change] = []
    for stars in (5, 4, 3, 2, 1):
        ob = next((b for b in old.bands if b.stars == stars), None)
        nb = next((b for b in new.bands if b.stars == stars), None)
        out += _field(f"bands.{stars}", f"{stars}★ band", _band_text(ob), _band_text(nb),
                      ob.cite if ob else None, nb.cite if nb else None)
    return out


def _authorities(old: Ruleset, new: Ruleset) -> list[Change]:
    out: list[Change] = []
    for stars in (1, 2, 3, 4, 5):
        oa, na = old.authority(stars), new.authority(stars)
        out += _field(f"authorities.{stars}.level", f"{stars}★ recognised by (level)", oa.level if oa else None,
                      na.level if na else None, oa.cite if oa else None, na.cite if na else None)
        if oa and na and oa.level == na.level:
            out += _field(f"authorities.{stars}.name_en", f"{stars}★ recognised by", oa.name_en, na.name_en, oa.cite, na.cite)
    return out


# ---------------------------------------------------------------- criteria


def _marks(c: Criterion) -> dict[int, int]:
    """Star -> the points of the option marked for it."""
    return {o.min_stars: o.points for o in c.options if o.min_stars}


def _minimum_changes(oc: Criterion | None, nc: Criterion | None, old_known: bool, new_known: bool) -> tuple[str, ...]:
    om = _marks(oc) if oc else {}
    nm = _marks(nc) if nc else {}
    out = []
    for star in (3, 4, 5):
        o = f"≥ {om[star]}" if star in om else ("unknown" if not old_known else "none")
        n = f"≥ {nm[star]}" if star in nm else ("unknown" if not new_known else "none")
        if o != n and not (o == "unknown" and n == "none") and not (o == "none" and n == "unknown"):
            out.append(f"{star}★ mark: {o} → {n}")
    return tuple(out)


def _options(oc: Criterion, nc: Criterion, declared: dict[str, str]) -> tuple[OptionDiff, ...]:
    out: list[OptionDiff] = []
    for o, n, basis in match_options(oc, nc, declared):
        changes: list[str] = []
        if o is not None and n is not None:
            changes += ["points"] if o.points != n.points else []
            changes += ["mark"] if o.min_stars != n.min_stars else []
            changes += ["wording"] if norm(o.text_vi) != norm(n.text_vi) else []
            kind: Kind = "changed" if changes else "same"
        else:
            kind = "removed" if n is None else "added"
        out.append(OptionDiff(kind, o.key if o else None, n.key if n else None, o.points if o else None,
                              n.points if n else None, o.min_stars if o else None, n.min_stars if n else None,
                              o.text_vi if o else None, n.text_vi if n else None, basis, tuple(changes)))
    return tuple(out)


def _criterion_diff(old_rs: Ruleset, new_rs: Ruleset, ops: ProductSet, nps: ProductSet, mapping: RulesetMapping | None,
                    oc: Criterion | None, nc: Criterion | None, basis: Basis | None, judgement: bool,
                    reason: str | None) -> CriterionDiff:
    kind: Kind
    changes: list[str] = []
    options: tuple[OptionDiff, ...] = ()
    minimums: tuple[str, ...] = ()
    if oc is not None and nc is not None:
        if oc.code != nc.code:
            changes.append("moved")
        if oc.title_vi != nc.title_vi:
            changes.append("renamed")
        if oc.max_points != nc.max_points:
            changes.append("reweighted")
        if oc.part != nc.part:
            changes.append("part")
        if oc.is_leaf and nc.is_leaf:
            options = _options(oc, nc, declared_options(mapping, ops, nps, oc.code, nc.code))
            if any(o.kind != "same" for o in options):
                changes.append("options")
        minimums = _minimum_changes(oc, nc, old_rs.minimums_known, new_rs.minimums_known)
        if minimums:
            changes.append("minimums")
        kind = "changed" if changes else "same"
    else:
        kind = "removed" if nc is None else "added"
        minimums = _minimum_changes(oc, nc, old_rs.minimums_known, new_rs.minimums_known) if nc else ()
    c = nc or oc
    assert c is not None
    return CriterionDiff(
        kind, oc.code if oc else None, nc.code if nc else None, oc.title_vi if oc else None, nc.title_vi if nc else None,
        oc.max_points if oc else None, nc.max_points if nc else None, oc.part if oc else None, nc.part if nc else None,
        not c.is_leaf, tuple(changes), basis, judgement, reason, minimums, options,
        _c(oc.cite) if oc else None, _c(nc.cite) if nc else None,
    )


def _set_diff(old_rs: Ruleset, new_rs: Ruleset, mapping: RulesetMapping | None, ops: ProductSet | None,
              nps: ProductSet | None, basis: Basis | None, judgement: bool, reason: str | None) -> SetDiff:
    if ops is None or nps is None:
        kind: Kind = "removed" if nps is None else "added"
        return SetDiff(kind, ops.number if ops else None, nps.number if nps else None, ops.title_vi if ops else None,
                       nps.title_vi if nps else None, basis, judgement, reason,
                       old_cite=_c(ops.cite) if ops else None, new_cite=_c(nps.cite) if nps else None)
    renamed = ops.title_vi != nps.title_vi
    note = None
    crits: list[CriterionDiff] = []
    if not ops.criteria or not nps.criteria:
        missing = [rs.id for rs, ps in ((old_rs, ops), (new_rs, nps)) if not ps.criteria]
        note = f"criteria not compared: the sheet is not known in {' and '.join(missing)}"
    else:
        for p in match_criteria(ops, nps, mapping):
            crits.append(_criterion_diff(old_rs, new_rs, ops, nps, mapping, p.old, p.new, p.basis, p.judgement, p.reason))
    changed = renamed or any(c.kind != "same" for c in crits) or ops.number != nps.number
    return SetDiff("changed" if changed else "same", ops.number, nps.number, ops.title_vi, nps.title_vi, basis,
                   judgement, reason, renamed, note, tuple(crits), _c(ops.cite), _c(nps.cite))


def _resolve(rs: str | Ruleset) -> Ruleset:
    return rs if isinstance(rs, Ruleset) else get_ruleset(rs)


def diff_rulesets(old: str | Ruleset, new: str | Ruleset, set_number: int | None = None) -> RulesetDiff:
    """What changed from `old` to `new`; with `set_number`, only that product set of `new` (and its counterparts)."""
    o, n = _resolve(old), _resolve(new)
    mapping = load_mapping(o.id, n.id)
    pairs = match_sets(o, n, mapping)
    if set_number is not None:
        if n.product_set(set_number) is None:
            numbers = ", ".join(str(s.number) for s in n.product_sets)
            raise InputError("--set", [Problem("", f"{n.id} has no product set {set_number} (it has: {numbers})")])
        pairs = [p for p in pairs if p.new is not None and p.new.number == set_number]
    sets = tuple(_set_diff(o, n, mapping, p.old, p.new, p.basis, p.judgement, p.reason) for p in pairs)
    sets = tuple(sorted(sets, key=lambda s: (s.new_number if s.new_number is not None else 1000 + (s.old_number or 0),
                                             s.old_number or 0)))
    notes = []
    if mapping is None:
        notes.append(f"No mapping file between {o.id} and {n.id}: sets and criteria are paired only where number/code "
                     "and title, or the title alone, are the same.")
    return RulesetDiff(
        o.id, n.id, _summary(o), _summary(n), tuple(_metadata(o, n)), tuple(_parts(o, n)), tuple(_bands(o, n)),
        tuple(_authorities(o, n)),
        tuple({"id": c.id, "text_en": c.text_en, "cite": _c(c.cite)} for c in n.changes),
        sets, set_number, mapping.path if mapping else None, bool(mapping and mapping.inverted), tuple(notes),
    )
