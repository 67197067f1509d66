"""Second, independent reading of Annex II against the shipped rulesets.

The rulesets were transcribed by hand; this module re-reads the legal text with its own
parser (no code shared with whatever produced the rulesets, and nothing imported from the
rest of ``ocop_rules``) so that a transcription slip shows up as a difference. Every
difference is either excused by an entry of ``errata.yaml`` (a misprint the ruleset
corrects on purpose) or left unexplained, and an unexplained one fails the check.

Run it as ``python -m ocop_rules.textcheck PATH [--rulesets DIR] [--format text|json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, get_args

import yaml

__all__ = [
    "WHATS",
    "Difference",
    "InputError",
    "PrintedCriterion",
    "PrintedOption",
    "PrintedPart",
    "PrintedSheet",
    "Report",
    "compare",
    "default_ruleset_dir",
    "main",
    "parse_legal_text",
]

What = Literal[
    "code",
    "max_points",
    "points",
    "min_stars",
    "part_max",
    "missing_set",
    "extra_set",
    "missing_criterion",
    "extra_criterion",
]
WHATS: tuple[What, ...] = get_args(What)

Value = int | str | None

# Which errata ``field`` can excuse which kind of difference. Structural differences
# (a missing sheet or criterion, codes out of order) have no erratum field: the ruleset
# must follow the sheet's structure, so they are never excused.
_ERRATA_FIELD: dict[str, str] = {
    "max_points": "max_points",
    "points": "points",
    "min_stars": "min_stars",
    "part_max": "part_heading",
}


class InputError(Exception):
    """Raised for input the check cannot read (missing file, malformed YAML).

    Kept apart from differences so that the CLI can exit 2 rather than 1: a broken
    input says nothing about whether the rulesets match the law.
    """


# ----------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class PrintedOption:
    """One ``□`` row as printed; points stay raw text when the cell is not a number."""

    points: int | str
    stars: int | None
    line: int


@dataclass(frozen=True)
class PrintedCriterion:
    """A coded row with the option rows printed under it, in sheet order."""

    code: str
    max_points: int | str
    part: str | None
    options: tuple[PrintedOption, ...]
    line: int


@dataclass(frozen=True)
class PrintedPart:
    """A part heading: both the points column and the "(NN Điểm)" of its title.

    Both are kept because the two can disagree (the tourism sheet prints 35 in the
    title and 40 in the column), and either may be the misprint.
    """

    letter: str
    column: int | str
    heading: int | None
    line: int


@dataclass(frozen=True)
class PrintedSheet:
    """One Annex II score sheet as read from the text."""

    number: int
    heading: str
    line: int
    parts: tuple[PrintedPart, ...]
    criteria: tuple[PrintedCriterion, ...]
    warnings: tuple[str, ...] = ()


# Only a line that is nothing but the heading, so that a mention in running text
# cannot move the bounds.
_ANNEX_RE = re.compile(r"PH[ỤU]\s+L[ỤU]C\s+([IVXLC]+)\.?", re.IGNORECASE)
_SHEET_RE = re.compile(r"^(\d{1,2})\.\s+\S")
_PRODUCT_LINE = "(sản phẩm:"
_CODE_RE = re.compile(r"^(\d+(?:\.\d+)*)(?:\.\s*|\s+)(?=\S)")
_PART_RE = re.compile(r"^phần\s+([a-z])\b")
_PART_POINTS_RE = re.compile(r"\(\s*(\d+)\s*điểm\s*\)")
_STARS_RE = re.compile(r"\*(?:\s*\*)+")
_BULLETS = ("□", "☐", "❑")
# The published text prints one bullet as a lowercase "o"; accept it as a bullet.
_MISPRINTED_BULLET_RE = re.compile(r"^o\s+\S")
_NUMBER_RE = re.compile(r"^\d+$")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _cells(line: str) -> tuple[str, str | None]:
    """Split a flattened table row into (text, points cell or None when absent)."""
    body = line.strip().removeprefix("|").removesuffix("|")
    cells = [cell.strip() for cell in body.split("|")]
    if len(cells) == 1:
        return cells[0], None
    return " | ".join(cells[:-1]).strip(), cells[-1]


def _points(cell: str | None) -> int | str:
    """A points cell as an int, or its raw text ('' when blank) so a misprint shows."""
    if cell is None:
        return ""
    if _NUMBER_RE.match(cell):
        return int(cell)
    return cell


def _option_text(text: str) -> str | None:
    """The text of an option row without its bullet, or None when it is no option."""
    for bullet in _BULLETS:
        if text.startswith(bullet):
            return text[len(bullet) :].strip()
    if _MISPRINTED_BULLET_RE.match(text):
        return text[1:].strip()
    return None


def _stars(text: str) -> int | None:
    """The star mark of an option: the number of ``*`` in its (last) run of stars.

    A run may carry spaces ("* * * *") and may be followed by a note printed in the
    same cell, so it is searched anywhere in the text, not only at the end.
    """
    runs = [match.group(0) for match in _STARS_RE.finditer(text)]
    if not runs:
        return None
    return runs[-1].count("*")


def _annex_ii_bounds(lines: Sequence[str]) -> tuple[int, int]:
    """Line range of Annex II; the whole text when it has no annex headings (a sample)."""
    start, end = 0, len(lines)
    seen_ii = False
    for index, line in enumerate(lines):
        match = _ANNEX_RE.fullmatch(line.strip())
        if not match:
            continue
        numeral = match.group(1).upper()
        if numeral == "II" and not seen_ii:
            start, seen_ii = index + 1, True
        elif seen_ii:
            end = index
            break
    return start, end


class _SheetBuilder:
    """Accumulates the rows of one sheet while the text is scanned line by line."""

    def __init__(self, number: int, heading: str, line: int) -> None:
        self.number = number
        self.heading = heading
        self.line = line
        self.parts: list[PrintedPart] = []
        self.criteria: list[tuple[str, int | str, str | None, int]] = []
        self.options: list[list[PrintedOption]] = []
        self.part: str | None = None
        self.closed = False
        self.warnings: list[str] = []

    def row(self, text: str, cell: str | None, line: int) -> None:
        folded = text.casefold()
        if folded.startswith("tổng cộng"):
            self.closed = True
            return
        part = _PART_RE.match(folded)
        if part:
            self.part = part.group(1).upper()
            heading = _PART_POINTS_RE.search(folded)
            self.parts.append(
                PrintedPart(
                    letter=self.part,
                    column=_points(cell),
                    heading=int(heading.group(1)) if heading else None,
                    line=line,
                )
            )
            return
        option = _option_text(text)
        if option is not None:
            if not self.options:
                self.warnings.append(f"line {line}: option row before any criterion")
                return
            self.options[-1].append(PrintedOption(points=_points(cell), stars=_stars(option), line=line))
            return
        code = _CODE_RE.match(text)
        if code:
            number = code.group(1)
            if any(row[0] == number for row in self.criteria):
                self.warnings.append(f"line {line}: code {number} printed twice")
            part_letter = self.part if "." not in number else None
            self.criteria.append((number, _points(cell), part_letter, line))
            self.options.append([])
            return
        if cell and _NUMBER_RE.match(cell):
            # Notes, case rows and title continuations print no points; a number here
            # means a row this parser does not understand, which must not pass silently.
            self.warnings.append(f"line {line}: uncoded row carries points: {text[:60]!r}")

    def build(self) -> PrintedSheet:
        criteria = tuple(
            PrintedCriterion(
                code=code,
                max_points=max_points,
                part=part,
                options=tuple(options),
                line=line,
            )
            for (code, max_points, part, line), options in zip(self.criteria, self.options, strict=True)
        )
        return PrintedSheet(
            number=self.number,
            heading=self.heading,
            line=self.line,
            parts=tuple(self.parts),
            criteria=criteria,
            warnings=tuple(self.warnings),
        )


def parse_legal_text(text: str) -> tuple[PrintedSheet, ...]:
    """Read the score sheets of Annex II from the flattened legal text.

    A sheet starts at a line "N. ..." directly followed by a line "(Sản phẩm: ...)"
    and ends at its "TỔNG CỘNG" row; table rows are "| text | points |".
    """
    # Split on newlines only, so that line numbers agree with editors and grep.
    lines = [_nfc(line.rstrip("\r")) for line in text.split("\n")]
    start, end = _annex_ii_bounds(lines)
    sheets: list[PrintedSheet] = []
    current: _SheetBuilder | None = None
    for index in range(start, end):
        raw = lines[index].strip()
        line_no = index + 1
        if not raw.startswith("|"):
            match = _SHEET_RE.match(raw)
            following = lines[index + 1].strip() if index + 1 < len(lines) else ""
            if match and following.casefold().startswith(_PRODUCT_LINE):
                if current is not None:
                    sheets.append(current.build())
                current = _SheetBuilder(int(match.group(1)), raw, line_no)
            continue
        if current is None or current.closed:
            continue
        cell_text, cell = _cells(raw)
        if cell_text:
            current.row(cell_text, cell, line_no)
    if current is not None:
        sheets.append(current.build())
    return tuple(sheets)


# ----------------------------------------------------------------------------- rulesets


@dataclass(frozen=True)
class _Option:
    key: str | None
    points: Value
    min_stars: Value


@dataclass(frozen=True)
class _Criterion:
    code: str
    max_points: Value
    part: str | None
    options: tuple[_Option, ...]


@dataclass(frozen=True)
class _RuleSet:
    number: int
    path: Path
    criteria: tuple[_Criterion, ...]


@dataclass(frozen=True)
class _Erratum:
    id: str
    set: int | None
    code: str | None
    option: str | None
    field: str | None
    printed: Value


def _scalar(value: object) -> Value:
    """A YAML scalar as int/str/None; anything else is shown by its text."""
    if value is None or isinstance(value, int | str):
        return value
    return str(value)


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def _load_yaml(path: Path) -> object:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        message = " ".join(str(error).split())
        raise InputError(f"cannot read {path}: {message}") from error


def _load_ruleset(path: Path) -> _RuleSet:
    data = _load_yaml(path)
    if not isinstance(data, Mapping):
        raise InputError(f"{path}: not a mapping")
    number = data.get("number")
    if not isinstance(number, int):
        prefix = re.match(r"^(\d+)-", path.name)
        if not prefix:
            raise InputError(f"{path}: no set number")
        number = int(prefix.group(1))
    rows = data.get("criteria") or []
    if not isinstance(rows, list):
        raise InputError(f"{path}: 'criteria' is not a list")
    criteria: list[_Criterion] = []
    for row in rows:
        if not isinstance(row, Mapping) or row.get("code") is None:
            raise InputError(f"{path}: a criterion without a code")
        options: list[_Option] = []
        for option in row.get("options") or []:
            if not isinstance(option, Mapping):
                raise InputError(f"{path}: criterion {row['code']}: bad option")
            if option.get("printed", True) is False:
                continue  # added by the ruleset, not printed: nothing to compare
            options.append(
                _Option(
                    key=_text_or_none(option.get("key")),
                    points=_scalar(option.get("points")),
                    min_stars=_scalar(option.get("min_stars")),
                )
            )
        criteria.append(
            _Criterion(
                code=str(row["code"]),
                max_points=_scalar(row.get("max_points")),
                part=_text_or_none(row.get("part")),
                options=tuple(options),
            )
        )
    return _RuleSet(number=number, path=path, criteria=tuple(criteria))


def _load_rulesets(ruleset_dir: Path) -> tuple[dict[int, _RuleSet], list[str]]:
    sets_dir = ruleset_dir / "sets"
    if not sets_dir.is_dir():
        raise InputError(f"no sets/ folder in {ruleset_dir}")
    rulesets: dict[int, _RuleSet] = {}
    warnings: list[str] = []
    paths = sorted([*sets_dir.glob("*.yaml"), *sets_dir.glob("*.yml")])
    for path in paths:
        ruleset = _load_ruleset(path)
        if ruleset.number in rulesets:
            other = rulesets[ruleset.number].path.name
            raise InputError(f"set {ruleset.number} is in both {other} and {path.name}")
        prefix = re.match(r"^(\d+)-", path.name)
        if prefix and int(prefix.group(1)) != ruleset.number:
            warnings.append(f"{path.name} holds set {ruleset.number}")
        rulesets[ruleset.number] = ruleset
    return rulesets, warnings


def _load_errata(ruleset_dir: Path) -> tuple[_Erratum, ...]:
    path = ruleset_dir / "errata.yaml"
    if not path.exists():
        return ()
    data = _load_yaml(path)
    if isinstance(data, Mapping):
        data = data.get("errata")
    if data is None:
        return ()
    if not isinstance(data, list):
        raise InputError(f"{path}: expected a list of errata")
    errata: list[_Erratum] = []
    for entry in data:
        if not isinstance(entry, Mapping) or entry.get("id") is None:
            raise InputError(f"{path}: an erratum without an id")
        set_number = entry.get("set")
        errata.append(
            _Erratum(
                id=str(entry["id"]),
                set=set_number if isinstance(set_number, int) else None,
                code=_text_or_none(entry.get("code")),
                option=_text_or_none(entry.get("option")),
                field=_text_or_none(entry.get("field")),
                printed=_scalar(entry.get("printed")),
            )
        )
    return tuple(errata)


# ----------------------------------------------------------------------------- compare


@dataclass(frozen=True)
class Difference:
    """One place where the printed sheet and the encoded ruleset disagree.

    ``option_index`` counts printed options from 0 in sheet order (options the sheet
    does not print are left out on both sides); ``erratum`` is the id of the errata
    entry that excuses the difference, None when nothing does.
    """

    set: int
    code: str | None
    option_index: int | None
    option_key: str | None
    what: What
    printed: Value
    encoded: Value
    erratum: str | None = None
    line: int | None = None

    @property
    def explained(self) -> bool:
        """True when an errata entry excuses the difference."""
        return self.erratum is not None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "set": self.set,
            "code": self.code,
            "option_index": self.option_index,
            "option_key": self.option_key,
            "what": self.what,
            "printed": self.printed,
            "encoded": self.encoded,
            "explained": self.explained,
            "erratum": self.erratum,
            "line": self.line,
        }

    def to_text(self) -> str:
        """One line for the text report."""
        where = [f"set {self.set}"]
        if self.code is not None:
            where.append(self.code)
        if self.option_index is not None:
            key = f" {self.option_key}" if self.option_key else ""
            where.append(f"option #{self.option_index + 1}{key}")
        if self.line is not None:
            where.append(f"(line {self.line})")
        verdict = f"explained by {self.erratum}" if self.erratum else "UNEXPLAINED"
        return f"{' '.join(where)}: {self.what}: printed {_show(self.printed)}, encoded {_show(self.encoded)} [{verdict}]"


def _show(value: Value) -> str:
    if value is None:
        return "none"
    if value == "":
        return "(blank)"
    return str(value) if isinstance(value, int) else repr(value)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@dataclass(frozen=True)
class Report:
    """The outcome of one comparison; ``ok`` is what the CLI's exit code reports."""

    legal_text: str
    ruleset_dir: str
    sets_in_text: tuple[int, ...]
    sets_compared: tuple[int, ...]
    differences: tuple[Difference, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def unexplained(self) -> tuple[Difference, ...]:
        """Differences no erratum excuses: each one is a transcription or parse error."""
        return tuple(d for d in self.differences if not d.explained)

    @property
    def explained(self) -> tuple[Difference, ...]:
        """Differences excused by an erratum."""
        return tuple(d for d in self.differences if d.explained)

    @property
    def errata_used(self) -> tuple[str, ...]:
        """Ids of the errata that excused something, in order of first use."""
        return tuple(dict.fromkeys(d.erratum for d in self.differences if d.erratum))

    @property
    def ok(self) -> bool:
        """True when every difference is explained by an erratum."""
        return not self.unexplained

    def summary(self) -> str:
        """The one-line verdict printed last."""
        used = self.errata_used
        ids = f" ({', '.join(used)})" if used else ""
        return (
            f"{_plural(len(self.sets_compared), 'set')} compared: "
            f"{_plural(len(self.unexplained), 'unexplained difference')}, "
            f"{len(self.explained)} explained by errata{ids}"
        )

    def to_text(self) -> str:
        """One line per difference, then warnings, then the summary line."""
        lines = [difference.to_text() for difference in self.differences]
        lines.extend(f"warning: {warning}" for warning in self.warnings)
        lines.append(self.summary())
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "legal_text": self.legal_text,
            "ruleset_dir": self.ruleset_dir,
            "sets_in_text": list(self.sets_in_text),
            "sets_compared": list(self.sets_compared),
            "ok": self.ok,
            "unexplained": len(self.unexplained),
            "explained": len(self.explained),
            "errata_used": list(self.errata_used),
            "differences": [difference.to_dict() for difference in self.differences],
            "warnings": list(self.warnings),
            "summary": self.summary(),
        }

    def to_json(self) -> str:
        """The report as JSON (UTF-8 text kept readable)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _diff(
    number: int,
    code: str | None,
    what: What,
    printed: Value,
    encoded: Value,
    *,
    index: int | None = None,
    key: str | None = None,
    line: int | None = None,
) -> Difference:
    return Difference(number, code, index, key, what, printed, encoded, line=line)


def _compare_options(number: int, printed: PrintedCriterion, encoded: _Criterion) -> Iterable[Difference]:
    count = max(len(printed.options), len(encoded.options))
    for index in range(count):
        shown = printed.options[index] if index < len(printed.options) else None
        held = encoded.options[index] if index < len(encoded.options) else None
        where: dict[str, Any] = {
            "index": index,
            "key": held.key if held else None,
            "line": shown.line if shown else printed.line,
        }
        if shown is None or held is None:
            # One side has more options: report the unmatched option once, by points.
            yield _diff(
                number,
                printed.code,
                "points",
                shown.points if shown else None,
                held.points if held else None,
                **where,
            )
            continue
        if shown.points != held.points:
            yield _diff(number, printed.code, "points", shown.points, held.points, **where)
        if shown.stars != held.min_stars:
            yield _diff(number, printed.code, "min_stars", shown.stars, held.min_stars, **where)


def _compare_parts(sheet: PrintedSheet, ruleset: _RuleSet) -> Iterable[Difference]:
    """Each part heading (column and title) against the sum of its top-level rows."""
    sums: dict[str, int] = {}
    for criterion in ruleset.criteria:
        if "." in criterion.code or criterion.part is None:
            continue
        points = criterion.max_points if isinstance(criterion.max_points, int) else 0
        sums[criterion.part] = sums.get(criterion.part, 0) + points
    for part in sheet.parts:
        encoded = sums.pop(part.letter, None)
        shown: list[int | str] = [part.column]
        if part.heading is not None and part.heading != part.column:
            shown.append(part.heading)
        for value in shown:
            if value != encoded:
                yield _diff(
                    sheet.number,
                    part.letter,
                    "part_max",
                    value,
                    encoded,
                    line=part.line,
                )
    for letter, total in sums.items():
        yield _diff(sheet.number, letter, "part_max", None, total)


def _compare_sheet(sheet: PrintedSheet, ruleset: _RuleSet) -> Iterable[Difference]:
    number = sheet.number
    yield from _compare_parts(sheet, ruleset)
    printed: dict[str, PrintedCriterion] = {}
    for criterion in sheet.criteria:
        printed.setdefault(criterion.code, criterion)
    encoded: dict[str, _Criterion] = {}
    for held in ruleset.criteria:
        encoded.setdefault(held.code, held)
    for code, criterion in printed.items():
        if code not in encoded:
            yield _diff(
                number,
                code,
                "missing_criterion",
                criterion.max_points,
                None,
                line=criterion.line,
            )
    for code, held in encoded.items():
        if code not in printed:
            yield _diff(number, code, "extra_criterion", None, held.max_points)
    order_printed = [code for code in printed if code in encoded]
    order_encoded = [code for code in encoded if code in printed]
    for shown_code, held_code in zip(order_printed, order_encoded, strict=True):
        if shown_code != held_code:
            line = printed[shown_code].line
            yield _diff(number, shown_code, "code", shown_code, held_code, line=line)
            break  # one out-of-order code shifts all that follow; report the first
    for code in order_printed:
        criterion, held = printed[code], encoded[code]
        if criterion.max_points != held.max_points:
            yield _diff(
                number,
                code,
                "max_points",
                criterion.max_points,
                held.max_points,
                line=criterion.line,
            )
        yield from _compare_options(number, criterion, held)


def _excuse(differences: Iterable[Difference], errata: Sequence[_Erratum]) -> tuple[list[Difference], list[str]]:
    """Attach the matching erratum (set + code + option + field) to each difference."""
    result: list[Difference] = []
    warnings: list[str] = []
    for difference in differences:
        wanted = _ERRATA_FIELD.get(difference.what)
        match = next(
            (
                erratum
                for erratum in errata
                if wanted is not None
                and erratum.field == wanted
                and erratum.set == difference.set
                and erratum.code == difference.code
                and erratum.option == difference.option_key
            ),
            None,
        )
        if match is None:
            result.append(difference)
            continue
        if (
            match.printed not in (None, "")
            and difference.printed not in (None, "")
            and str(match.printed) != str(difference.printed)
        ):
            # Still excused (the match is by place and field), but a stale erratum
            # deserves a look.
            warnings.append(
                f"erratum {match.id} says the text prints {match.printed!r}, this reading finds {difference.printed!r}"
            )
        result.append(replace(difference, erratum=match.id))
    return result, warnings


def compare(legal_text_path: str | os.PathLike[str], ruleset_dir: str | os.PathLike[str]) -> Report:
    """Compare every Annex II sheet of the legal text with the ruleset of that set.

    Raises InputError when the text or a ruleset file cannot be read.
    """
    text_path = Path(legal_text_path)
    rules_path = Path(ruleset_dir)
    try:
        text = text_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or " ".join(str(error).split())
        raise InputError(f"cannot read {text_path}: {reason}") from error
    if not rules_path.is_dir():
        raise InputError(f"ruleset folder not found: {rules_path}")
    sheets = parse_legal_text(text)
    if not sheets:
        raise InputError(f"no Annex II score sheet found in {text_path}")
    rulesets, warnings = _load_rulesets(rules_path)
    errata = _load_errata(rules_path)

    found: list[Difference] = []
    compared: list[int] = []
    seen: set[int] = set()
    for sheet in sheets:
        warnings.extend(f"set {sheet.number}: {warning}" for warning in sheet.warnings)
        if sheet.number in seen:
            warnings.append(f"line {sheet.line}: sheet {sheet.number} printed twice")
            continue
        seen.add(sheet.number)
        ruleset = rulesets.get(sheet.number)
        if ruleset is None:
            found.append(
                _diff(
                    sheet.number,
                    None,
                    "missing_set",
                    sheet.heading,
                    None,
                    line=sheet.line,
                )
            )
            continue
        compared.append(sheet.number)
        codes = [criterion.code for criterion in ruleset.criteria]
        warnings.extend(
            f"{ruleset.path.name}: code {code} encoded twice" for code in dict.fromkeys(codes) if codes.count(code) > 1
        )
        found.extend(_compare_sheet(sheet, ruleset))
    for number in sorted(set(rulesets) - seen):
        found.append(_diff(number, None, "extra_set", None, rulesets[number].path.name))

    differences, errata_warnings = _excuse(found, errata)
    warnings.extend(errata_warnings)
    used = {d.erratum for d in differences if d.erratum}
    for erratum in errata:
        if erratum.id not in used and erratum.field in _ERRATA_FIELD.values() and erratum.set in compared:
            warnings.append(f"erratum {erratum.id} excuses no difference")
    return Report(
        legal_text=str(text_path),
        ruleset_dir=str(rules_path),
        sets_in_text=tuple(sheet.number for sheet in sheets),
        sets_compared=tuple(compared),
        differences=tuple(differences),
        warnings=tuple(warnings),
    )


# ----------------------------------------------------------------------------- CLI


def default_ruleset_dir() -> Path:
    """The source tree's rulesets, or the copy a wheel ships inside the package."""
    package = Path(__file__).resolve().parent
    in_tree = package.parent / "rulesets" / "qd-26-2026"
    if in_tree.is_dir():
        return in_tree
    return package / "_rulesets" / "qd-26-2026"


def main(argv: list[str] | None = None) -> int:
    """Exit 0 when every difference is explained, 1 when one is not, 2 on bad input."""
    parser = argparse.ArgumentParser(
        prog="python -m ocop_rules.textcheck",
        description="Compare the Annex II score sheets of a copy of the legal text with the rulesets, sheet by sheet.",
    )
    parser.add_argument("path", help="the legal text (flattened, UTF-8)")
    parser.add_argument(
        "--rulesets",
        metavar="DIR",
        default=None,
        help="ruleset folder holding sets/ and errata.yaml (default: qd-26-2026)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    ruleset_dir = Path(args.rulesets) if args.rulesets else default_ruleset_dir()
    try:
        report = compare(args.path, ruleset_dir)
    except InputError as error:
        message = " ".join(str(error).split())
        print(f"textcheck: error: {message}", file=sys.stderr)
        return 2
    output = report.to_json() if args.format == "json" else report.to_text()
    sys.stdout.write(output)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
