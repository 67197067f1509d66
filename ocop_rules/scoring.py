"""Resolve each assessor's sheet against the product set: every score to an option, or an error.

A score is the points of one of the criterion's options, 0 when no option applies, or an option
key. Points shared by two options (the tourism 'two cases' rows) are accepted and flagged as
ambiguous unless a key was given. A criterion left out scores 0 and is listed as missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ocop_rules.dossier import Dossier, ScoreSheet
from ocop_rules.errors import DossierError, Problem
from ocop_rules.ruleset import Criterion, NoteKind, ProductSet, Ruleset


@dataclass(frozen=True)
class Mark:
    """What one assessor gave one criterion."""

    points: int
    option: str | None
    ambiguous: tuple[str, ...] = ()


@dataclass
class Sheet:
    """One assessor's resolved sheet; `points` change only through voiding rules."""

    assessor: str
    self_assessment: bool
    marks: dict[str, Mark]
    missing: tuple[str, ...]
    findings: tuple[tuple[str, str, NoteKind], ...]
    part_totals: dict[str, int] | None = None
    voided: dict[str, str] = field(default_factory=dict)

    def points(self, code: str) -> int:
        """Points on a criterion after voiding."""
        if code in self.voided:
            return 0
        mark = self.marks.get(code)
        return mark.points if mark is not None else 0


def _allowed(c: Criterion) -> str:
    pts = sorted({o.points for o in c.options} | {0})
    return f"points {', '.join(map(str, pts))} or a key {c.options[0].key}…{c.options[-1].key}"


def _mark(c: Criterion, value: int | str, at: str, code: str, problems: list[Problem]) -> Mark:
    if isinstance(value, str):
        opt = c.option(value)
        if opt is None:
            problems.append(Problem(f"{at}.scores.{code}", f"{value!r} is not an option of criterion {c.code}; expected {_allowed(c)}"))
            return Mark(0, None)
        return Mark(opt.points, opt.key)
    matches = c.options_with_points(value)
    if len(matches) == 1:
        return Mark(value, matches[0].key)
    if matches:
        return Mark(value, None, tuple(o.key for o in matches))
    if value == 0:
        return Mark(0, None)
    problems.append(Problem(f"{at}.scores.{code}", f"{value} is not the points of any option of criterion {c.code}; expected {_allowed(c)}"))
    return Mark(0, None)


def _findings(ps: ProductSet, sheet: ScoreSheet, at: str, problems: list[Problem]) -> list[tuple[str, str, NoteKind]]:
    out: list[tuple[str, str, NoteKind]] = []
    for j, f in enumerate(sheet.findings):
        crit = ps.criterion(f.criterion)
        note = crit.note(f.note) if crit else None
        path = f"{at}.findings[{j}]"
        if crit is None:
            problems.append(Problem(f"{path}.criterion", f"set {ps.number} has no criterion {f.criterion!r}"))
        elif note is None:
            ids = ", ".join(n.id for n in crit.notes if n.kind not in ("informational", "applies_when")) or "none"
            problems.append(Problem(f"{path}.note", f"criterion {f.criterion} has no note {f.note!r} (notes that can be found: {ids})"))
        elif note.kind in ("informational", "applies_when"):
            problems.append(Problem(f"{path}.note", f"note {f.note!r} of criterion {f.criterion} is {note.kind}; it has no finding to record"))
        else:
            out.append((crit.code, note.id, note.kind))
    return out


_TABLES: dict[int, tuple[ProductSet, dict[str, dict[int | str, Mark]]]] = {}


def _table(ps: ProductSet) -> dict[str, dict[int | str, Mark]]:
    """Per scored criterion: every unambiguous score value (points or key) -> its Mark, built once per set."""
    found = _TABLES.get(id(ps))
    if found is not None and found[0] is ps:
        return found[1]
    table: dict[str, dict[int | str, Mark]] = {}
    for c in ps.leaves:
        values: dict[int | str, Mark] = {o.key: Mark(o.points, o.key) for o in c.options}
        for points in {o.points for o in c.options}:
            same = c.options_with_points(points)
            if len(same) == 1:
                values[points] = Mark(points, same[0].key)
        if 0 not in values and not c.options_with_points(0):
            values[0] = Mark(0, None)
        table[c.code] = values
    _TABLES[id(ps)] = (ps, table)
    return table


def resolve_sheets(ruleset: Ruleset, ps: ProductSet, dossier: Dossier) -> list[Sheet]:
    """Every sheet resolved against the set, or one `DossierError` listing all problems."""
    problems: list[Problem] = []
    sheets: list[Sheet] = []
    for i, sheet in enumerate(dossier.score_sheets):
        at = f"score_sheets[{i}]"
        if ruleset.mode == "part-totals":
            sheets.append(_part_totals_sheet(ruleset, sheet, at, problems))
            continue
        if sheet.part_totals is not None:
            problems.append(Problem(f"{at}.part_totals", f"ruleset {ruleset.id} scores criteria, not part totals"))
        table = _table(ps)
        try:  # the common case: every score names one option (or 0 = none); the dossier model admits no bool
            marks = {code: table[code][value] for code, value in sheet.scores.items()}
        except (KeyError, TypeError):
            marks = _marks_one_by_one(ps, table, sheet, at, problems)
        missing = tuple(c.code for c in ps.leaves if c.code not in marks) if len(marks) < len(table) else ()
        sheets.append(Sheet(sheet.assessor, sheet.self_assessment, marks, missing,
                            tuple(_findings(ps, sheet, at, problems)) if sheet.findings else ()))
    if not ps.leaves and ruleset.mode == "sheets":
        problems.append(Problem("product_set", f"set {ps.number} of {ruleset.id} has no transcribed criteria"))
    if problems:
        raise DossierError(f"dossier for set {ps.number}", problems)
    return sheets


def _marks_one_by_one(ps: ProductSet, table: dict[str, dict[int | str, Mark]], sheet: ScoreSheet, at: str,
                      problems: list[Problem]) -> dict[str, Mark]:
    """Resolve a sheet score by score, collecting a problem for each bad one (the slow, explaining path)."""
    marks: dict[str, Mark] = {}
    for code, value in sheet.scores.items():
        known = table.get(code)
        if known is None:
            crit = ps.criterion(code)
            what = "a section, not a scored criterion" if crit else f"not a criterion of set {ps.number}"
            problems.append(Problem(f"{at}.scores.{code}", f"{code!r} is {what}"))
            continue
        mark = known.get(value) if type(value) in (int, str) else None
        marks[code] = mark if mark is not None else _mark(ps.criterion(code), value, at, code, problems)  # type: ignore[arg-type]
    return marks


def _part_totals_sheet(ruleset: Ruleset, sheet: ScoreSheet, at: str, problems: list[Problem]) -> Sheet:
    totals = sheet.part_totals
    if totals is None:
        problems.append(Problem(f"{at}.part_totals", f"ruleset {ruleset.id} is evaluated in part-totals mode: give each part's points"))
        totals = {}
    if sheet.scores:
        problems.append(Problem(f"{at}.scores", f"ruleset {ruleset.id} has no transcribed sheets; give part_totals instead"))
    for part in ruleset.parts:
        value = totals.get(part.code)
        if value is None:
            problems.append(Problem(f"{at}.part_totals.{part.code}", "is required"))
        elif not 0 <= value <= part.max_points:
            problems.append(Problem(f"{at}.part_totals.{part.code}", f"{value} is outside 0..{part.max_points}"))
    for code in totals:
        if ruleset.part(code) is None:
            problems.append(Problem(f"{at}.part_totals.{code}", f"unknown part; expected {', '.join(p.code for p in ruleset.parts)}"))
    return Sheet(sheet.assessor, sheet.self_assessment, {}, (), (), part_totals=dict(totals))


def part_total(ps: ProductSet | None, sheet: Sheet, part: str) -> int:
    """A sheet's points on one part, after voiding."""
    if sheet.part_totals is not None:
        return sheet.part_totals.get(part, 0)
    assert ps is not None
    return sum(sheet.points(c.code) for c in ps.leaves_of_part(part))
