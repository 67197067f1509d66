"""Frozen models of a ruleset: the transcribed law (parts, bands, sheets) plus its metadata.

The models only describe; `ocop_rules.loader` builds them from YAML and enforces the invariants.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ocop_rules.citation import Citation

NoteKind = Literal["rejects", "stops", "applies_when", "requirement", "informational"]
Stars = Literal[1, 2, 3, 4, 5]
MarkStars = Literal[3, 4, 5]
Fidelity = Literal["complete", "secondary-source", "structure-only"]
Mode = Literal["sheets", "part-totals"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Option(_Frozen):
    """One printed answer of a criterion. `min_stars` is the printed mark (*** = 3, …)."""

    key: str
    points: int
    min_stars: MarkStars | None = None
    text_vi: str
    text_en: str
    printed: bool = True
    case: str | None = None


class Note(_Frozen):
    """A note printed under a criterion; its `kind` decides its effect (see the note-kinds policy)."""

    id: str
    kind: NoteKind
    text_vi: str
    text_en: str


class Case(_Frozen):
    """One branch of a 'choose one of two cases' criterion (tourism sheet)."""

    id: str
    title_vi: str
    title_en: str


class AppliesWhen(_Frozen):
    """The criterion counts only when another criterion reaches `min_points` on the same sheet."""

    criterion: str
    min_points: int


class Criterion(_Frozen):
    """A coded row of a sheet: a section (no options) or a scored leaf (with options)."""

    code: str
    part: str
    parent: str | None
    title_vi: str
    title_en: str
    max_points: int
    options: tuple[Option, ...] = ()
    notes: tuple[Note, ...] = ()
    cases: tuple[Case, ...] = ()
    applies_when: AppliesWhen | None = None
    cite: Citation

    @property
    def is_leaf(self) -> bool:
        """Leaves carry options and are what assessors score."""
        return bool(self.options)

    def option(self, key: str) -> Option | None:
        """The option with this key, if any."""
        return self._by_key.get(key)

    def options_with_points(self, points: int) -> tuple[Option, ...]:
        """All options worth exactly `points` (more than one on the tourism 'two cases' rows)."""
        return self._by_points.get(points, ())

    @cached_property
    def _by_points(self) -> dict[int, tuple[Option, ...]]:
        out: dict[int, tuple[Option, ...]] = {}
        for o in self.options:
            out[o.points] = (*out.get(o.points, ()), o)
        return out

    @cached_property
    def _by_key(self) -> dict[str, Option]:
        return {o.key: o for o in self.options}

    def note(self, note_id: str) -> Note | None:
        """The note with this id, if any."""
        return next((n for n in self.notes if n.id == note_id), None)


class Label(_Frozen):
    """A coded, bilingual heading (sector, group, subgroup of Annex I)."""

    code: str
    title_vi: str
    title_en: str


class Classification(_Frozen):
    """The product set's place in Annex I and the ministry that leads its management."""

    sector: Label
    group: Label | None = None
    subgroup: Label | None = None
    lead_agencies_vi: tuple[str, ...] = ()
    lead_agencies_en: tuple[str, ...] = ()
    cite: Citation


class RejectionGround(_Frozen):
    """One alternative of the sheet's 'Hồ sơ bị loại khi' line."""

    id: str
    text_vi: str
    text_en: str
    cite: Citation


class ProductSet(_Frozen):
    """One Annex II score sheet: criteria in sheet order, sections and leaves."""

    number: int
    slug: str
    title_vi: str
    title_en: str
    heading_vi: str | None = None
    cite: Citation
    classification: Classification | None = None
    rejection_grounds: tuple[RejectionGround, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    star_mark_footnote: bool = True
    sheet_known: bool = True
    """False when the set is known to exist but its score sheet is not in the sources (no criteria)."""

    @cached_property
    def _by_code(self) -> dict[str, Criterion]:
        return {c.code: c for c in self.criteria}

    def criterion(self, code: str) -> Criterion | None:
        """The criterion with this code, if any."""
        return self._by_code.get(code)

    @cached_property
    def leaves(self) -> tuple[Criterion, ...]:
        """Scored criteria in sheet order."""
        return tuple(c for c in self.criteria if c.is_leaf)

    def children(self, code: str | None) -> tuple[Criterion, ...]:
        """Direct children of a section (or the top-level rows when `code` is None)."""
        return self._children.get(code, ())

    @cached_property
    def _children(self) -> dict[str | None, tuple[Criterion, ...]]:
        out: dict[str | None, tuple[Criterion, ...]] = {}
        for c in self.criteria:
            out[c.parent] = (*out.get(c.parent, ()), c)
        return out

    def leaves_of_part(self, part: str) -> tuple[Criterion, ...]:
        """Scored criteria of one part, in sheet order."""
        return self._part_leaves.get(part, ())

    @cached_property
    def _part_leaves(self) -> dict[str, tuple[Criterion, ...]]:
        out: dict[str, tuple[Criterion, ...]] = {}
        for c in self.leaves:
            out[c.part] = (*out.get(c.part, ()), c)
        return out

    def ground(self, ground_id: str) -> RejectionGround | None:
        """The rejection ground with this id, if any."""
        return next((g for g in self.rejection_grounds if g.id == ground_id), None)


class Part(_Frozen):
    """Part A, B or C with its maximum."""

    code: str
    max_points: int
    title_vi: str
    title_en: str
    cite: Citation


class Band(_Frozen):
    """The star a range of average totals gives: [lower, upper), or [lower, upper] when closed."""

    stars: Stars
    lower: int
    upper: int
    upper_inclusive: bool = False
    cite: Citation


class Authority(_Frozen):
    """Who recognises a star (None level: no recognition and no certificate)."""

    stars: Stars
    level: Literal["district", "province", "ministry"] | None
    name_vi: str | None = None
    name_en: str | None = None
    cite: Citation


class Certificate(_Frozen):
    """Validity of the certificate granted from `min_stars` up."""

    validity_months: int
    min_stars: int
    cite: Citation


class Forwarding(_Frozen):
    """When the province forwards a dossier to the ministry for 5★ evaluation."""

    min_average: int
    to_vi: str
    to_en: str
    cite: Citation


class TimeLimit(_Frozen):
    """A procedural time limit (commune check, re-evaluation window, revocation, …)."""

    id: str
    amount: int
    unit: Literal["days", "working-days", "months"]
    text_vi: str
    text_en: str
    cite: Citation


class Instrument(_Frozen):
    """The legal instrument a ruleset transcribes."""

    number: str
    kind_vi: str
    signed_on: dt.date
    issuer_vi: str
    cite: Citation


class Unknown(_Frozen):
    """Something the sources do not say; stated, never filled with a guess."""

    id: str
    text_en: str
    text_vi: str | None = None


class StatedChange(_Frozen):
    """What an instrument changed in the one it extends or replaces, as the sources state it."""

    id: str
    text_en: str
    text_vi: str | None = None
    cite: Citation


class Lapse(_Frozen):
    """When a later instrument ends this one: `last_day` = `days` counted from the day after `counted_from`."""

    last_day: dt.date
    days: int
    counted_from: dt.date
    cite: Citation


class TransitionDeadline(_Frozen):
    """How long the authorities have to finish a pending dossier of these registration kinds."""

    registrations: tuple[Literal["first", "upgrade", "re-evaluation"], ...]
    limit: str
    """Id of the `procedure` time limit (in days) that sets the deadline."""


class Transition(_Frozen):
    """Dossiers filed before `effective_from` and not yet evaluated continue under `continues_under`."""

    continues_under: str
    text_vi: str
    text_en: str
    deadlines: tuple[TransitionDeadline, ...] = ()
    cite: Citation


class ClassificationSummary(_Frozen):
    """How the instrument classifies products, as far as the sources say (None: not known)."""

    sectors: int | None = None
    groups: int | None = None
    product_types: int | None = None
    text_en: str
    cite: Citation


class Erratum(_Frozen):
    """A misprint of the published text that the ruleset corrects."""

    id: str
    set: int
    code: str | None = None
    option: str | None = None
    field: Literal["part_heading", "max_points", "points", "min_stars", "text", "bullet"]
    printed: str
    encoded: str
    reason: str


class Ruleset(_Frozen):
    """A fully resolved ruleset (after `extends`), with its content hash."""

    id: str
    title_vi: str
    title_en: str
    instrument: Instrument
    effective_from: dt.date
    effective_until: dt.date | None = None
    replaces: tuple[str, ...] = ()
    extends: str | None = None
    fidelity: Fidelity
    fidelity_note: str
    mode: Mode = "sheets"
    minimums_known: bool = True
    parts: tuple[Part, ...]
    bands: tuple[Band, ...]
    authorities: tuple[Authority, ...]
    certificate: Certificate
    forwarding: Forwarding | None = None
    procedure: tuple[TimeLimit, ...] = ()
    unknowns: tuple[Unknown, ...] = ()
    changes: tuple[StatedChange, ...] = ()
    lapse: Lapse | None = None
    transition: Transition | None = None
    classification: ClassificationSummary | None = None
    product_sets: tuple[ProductSet, ...] = ()
    errata: tuple[Erratum, ...] = ()
    sha256: str = ""

    def product_set(self, number: int) -> ProductSet | None:
        """The product set with this Annex II number, if any."""
        return next((s for s in self.product_sets if s.number == number), None)

    def part(self, code: str) -> Part | None:
        """Part A, B or C."""
        return next((p for p in self.parts if p.code == code), None)

    def authority(self, stars: int) -> Authority | None:
        """Who recognises this star, if anybody."""
        return next((a for a in self.authorities if a.stars == stars), None)

    def time_limit(self, limit_id: str) -> TimeLimit | None:
        """A procedural time limit by id."""
        return next((t for t in self.procedure if t.id == limit_id), None)
