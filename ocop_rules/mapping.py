"""Correspondences between two rulesets: which product sets, criteria and options mean the same.

Identical things match without being declared: a set with the same number and title, or the same
title; a criterion with the same code and title, or the same title; an option with the same text.
Everything else is a judgement a person made, declared in a mapping file
(`rulesets/<new>/mappings/from-<old>.yaml`) with its reason, and validated against both rulesets.
A mapping file serves both directions: read from the other side, it is inverted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from collections.abc import Mapping as Map
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from ocop_rules.errors import Problem, RulesetError
from ocop_rules.loader import read_yaml
from ocop_rules.registry import get_ruleset, rulesets_dir
from ocop_rules.ruleset import Criterion, Option, ProductSet, Ruleset

Basis = Literal["mapping", "number-and-title", "code-and-title", "title", "text"]
Titled = TypeVar("Titled", ProductSet, Criterion)


def norm(text: str) -> str:
    """A comparison key: NFC, case-folded, without spaces or punctuation ('Mùi,vị' == 'Mùi, vị')."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFC", text).casefold())


@dataclass(frozen=True)
class CriterionMatch:
    """A declared correspondence between an old and a new criterion (either may be None: removed/added)."""

    old: str | None
    new: str | None
    judgement: bool
    reason: str
    options: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SetMatch:
    """A declared correspondence between product sets, with the criteria declared within it."""

    old: int | None
    new: int | None
    judgement: bool
    reason: str
    criteria: tuple[CriterionMatch, ...] = ()


@dataclass(frozen=True)
class RulesetMapping:
    """The declared correspondences from `old` to `new`, read from `path` (inverted when read backwards)."""

    old: str
    new: str
    path: str
    inverted: bool
    sets: tuple[SetMatch, ...]

    def set_entries(self, old: int | None = None, new: int | None = None) -> tuple[SetMatch, ...]:
        """Declared set entries touching this old and/or new set number."""
        return tuple(s for s in self.sets if (old is None or s.old == old) and (new is None or s.new == new))


def _mapping_path(new_id: str, old_id: str) -> Path:
    return rulesets_dir() / new_id / "mappings" / f"from-{old_id}.yaml"


def mapping_files() -> list[Path]:
    """Every mapping file shipped with the rulesets."""
    return sorted(rulesets_dir().glob("*/mappings/from-*.yaml"))


def _str(v: Any) -> str | None:
    return None if v is None else str(v)


def _criterion(raw: Map[str, Any], where: str, problems: list[Problem]) -> CriterionMatch:
    for key in ("judgement", "reason"):
        if key not in raw:
            problems.append(Problem(f"{where}.{key}", "is required"))
    opts = raw.get("options") or {}
    return CriterionMatch(_str(raw.get("old")), _str(raw.get("new")), bool(raw.get("judgement")),
                          str(raw.get("reason") or ""), {str(k): str(v) for k, v in dict(opts).items()})


def _parse(data: Any, where: str) -> tuple[str, str, tuple[SetMatch, ...]]:
    problems: list[Problem] = []
    if not isinstance(data, Map):
        raise RulesetError(where, [Problem("", "must be a mapping")])
    sets: list[SetMatch] = []
    for i, s in enumerate(data.get("sets") or []):
        at = f"sets[{i}]"
        for key in ("judgement", "reason"):
            if key not in s:
                problems.append(Problem(f"{at}.{key}", "is required"))
        crits = tuple(_criterion(c, f"{at}.criteria[{j}]", problems) for j, c in enumerate(s.get("criteria") or []))
        old, new = s.get("old"), s.get("new")
        sets.append(SetMatch(None if old is None else int(old), None if new is None else int(new),
                             bool(s.get("judgement")), str(s.get("reason") or ""), crits))
    if problems:
        raise RulesetError(where, problems)
    return str(data.get("from")), str(data.get("to")), tuple(sets)


def _invert(m: RulesetMapping) -> RulesetMapping:
    sets = tuple(
        SetMatch(s.new, s.old, s.judgement, s.reason,
                 tuple(CriterionMatch(c.new, c.old, c.judgement, c.reason, {v: k for k, v in c.options.items()})
                       for c in s.criteria))
        for s in m.sets
    )
    return RulesetMapping(m.new, m.old, m.path, not m.inverted, sets)


def read_mapping(path: Path) -> RulesetMapping:
    """Parse one mapping file (not yet checked against the rulesets)."""
    old, new, sets = _parse(read_yaml(path), f"mapping {path.parent.parent.name}/mappings/{path.name}")
    rel = f"rulesets/{path.parent.parent.name}/mappings/{path.name}"
    return RulesetMapping(old, new, rel, False, sets)


def load_mapping(old_id: str, new_id: str) -> RulesetMapping | None:
    """The declared mapping from `old_id` to `new_id` (direct, or the reverse file inverted), if any."""
    direct = _mapping_path(new_id, old_id)
    if direct.is_file():
        return read_mapping(direct)
    reverse = _mapping_path(old_id, new_id)
    if reverse.is_file():
        return _invert(read_mapping(reverse))
    return None


def _check_options(c: CriterionMatch, old: Criterion | None, new: Criterion | None, at: str) -> list[Problem]:
    problems: list[Problem] = []
    if c.options and (old is None or new is None):
        problems.append(Problem(f"{at}.options", "options map only between two criteria"))
        return problems
    for ok, nk in c.options.items():
        if old is not None and old.option(ok) is None:
            problems.append(Problem(f"{at}.options.{ok}", f"criterion {old.code} has no option {ok}"))
        if new is not None and new.option(nk) is None:
            problems.append(Problem(f"{at}.options.{ok}", f"criterion {new.code} has no option {nk}"))
    return problems


def check_mapping(m: RulesetMapping) -> list[Problem]:
    """Every code, set number and option key of the mapping exists in its rulesets; each entry has a reason."""
    old_rs, new_rs = get_ruleset(m.old), get_ruleset(m.new)
    problems: list[Problem] = []
    for i, s in enumerate(m.sets):
        at = f"sets[{i}]"
        if not s.reason:
            problems.append(Problem(f"{at}.reason", "a declared match needs a reason"))
        ops = old_rs.product_set(s.old) if s.old is not None else None
        nps = new_rs.product_set(s.new) if s.new is not None else None
        if s.old is not None and ops is None:
            problems.append(Problem(f"{at}.old", f"{m.old} has no product set {s.old}"))
        if s.new is not None and nps is None:
            problems.append(Problem(f"{at}.new", f"{m.new} has no product set {s.new}"))
        if s.old is None and s.new is None:
            problems.append(Problem(at, "names neither an old nor a new set"))
        for j, c in enumerate(s.criteria):
            cat = f"{at}.criteria[{j}]"
            if not c.reason:
                problems.append(Problem(f"{cat}.reason", "a declared match needs a reason"))
            if ops is None or nps is None:
                problems.append(Problem(cat, "criteria map only between two sets"))
                continue
            oc = ops.criterion(c.old) if c.old is not None else None
            nc = nps.criterion(c.new) if c.new is not None else None
            if c.old is not None and oc is None:
                problems.append(Problem(f"{cat}.old", f"set {ops.number} of {m.old} has no criterion {c.old}"))
            if c.new is not None and nc is None:
                problems.append(Problem(f"{cat}.new", f"set {nps.number} of {m.new} has no criterion {c.new}"))
            problems += _check_options(c, oc, nc, cat)
    return problems


# ---------------------------------------------------------------- matching


@dataclass(frozen=True)
class Pair:
    """Two matched things (or one unmatched), with the basis of the match and the declaration behind it."""

    old: Any
    new: Any
    basis: Basis | None
    judgement: bool = False
    reason: str | None = None


def _pair_the_rest(free_old: list[Titled], free_new: list[Titled], place: Callable[[Titled], object],
                   place_basis: Basis) -> list[Pair]:
    """Match what no declaration matched: same place (number or code) and title, then a unique same title."""
    free_old, free_new = list(free_old), list(free_new)
    pairs: list[Pair] = []
    for o in list(free_old):
        n = next((x for x in free_new if place(x) == place(o) and norm(x.title_vi) == norm(o.title_vi)), None)
        if n is not None:
            pairs.append(Pair(o, n, place_basis))
            free_old.remove(o)
            free_new.remove(n)
    for o in list(free_old):
        same = [x for x in free_new if norm(x.title_vi) == norm(o.title_vi)]
        if len(same) == 1 and sum(norm(y.title_vi) == norm(o.title_vi) for y in free_old) == 1:
            pairs.append(Pair(o, same[0], "title"))
            free_old.remove(o)
            free_new.remove(same[0])
    return pairs + [Pair(o, None, None) for o in free_old] + [Pair(None, n, None) for n in free_new]


def match_sets(old: Ruleset, new: Ruleset, mapping: RulesetMapping | None) -> list[Pair]:
    """Pairs of product sets: declared, then same number and title, then same title; the rest unmatched."""
    pairs: list[Pair] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for s in mapping.sets if mapping else ():
        ops = old.product_set(s.old) if s.old is not None else None
        nps = new.product_set(s.new) if s.new is not None else None
        pairs.append(Pair(ops, nps, "mapping", s.judgement, s.reason))
        if s.old is not None:
            used_old.add(s.old)
        if s.new is not None:
            used_new.add(s.new)
    free_old = [p for p in old.product_sets if p.number not in used_old]
    free_new = [p for p in new.product_sets if p.number not in used_new]
    return pairs + _pair_the_rest(free_old, free_new, lambda p: p.number, "number-and-title")


def _declared(mapping: RulesetMapping | None, old: ProductSet | None, new: ProductSet | None) -> tuple[CriterionMatch, ...]:
    if mapping is None or old is None or new is None:
        return ()
    return tuple(c for s in mapping.set_entries(old.number, new.number) for c in s.criteria)


def match_criteria(old: ProductSet, new: ProductSet, mapping: RulesetMapping | None) -> list[Pair]:
    """Pairs of criteria (sections and leaves): declared, then same code and title, then same title."""
    pairs: list[Pair] = []
    used_old: set[str] = set()
    used_new: set[str] = set()
    for c in _declared(mapping, old, new):
        pairs.append(Pair(old.criterion(c.old) if c.old else None, new.criterion(c.new) if c.new else None,
                          "mapping", c.judgement, c.reason))
        used_old.update([c.old] if c.old else [])
        used_new.update([c.new] if c.new else [])
    free_old = [c for c in old.criteria if c.code not in used_old]
    free_new = [c for c in new.criteria if c.code not in used_new]
    return _in_sheet_order(pairs + _pair_the_rest(free_old, free_new, lambda c: c.code, "code-and-title"), old, new)


def _in_sheet_order(pairs: list[Pair], old: ProductSet, new: ProductSet) -> list[Pair]:
    """New-sheet order; a removed criterion goes right after the pair holding its old predecessor."""
    order_old = {c.code: i for i, c in enumerate(old.criteria)}
    order_new = {c.code: i for i, c in enumerate(new.criteria)}
    placed = sorted((p for p in pairs if p.new is not None),
                    key=lambda p: (order_new[p.new.code], order_old.get(p.old.code, -1) if p.old else -1))
    for p in sorted((p for p in pairs if p.new is None), key=lambda p: order_old[p.old.code]):
        before = order_old[p.old.code]
        at = 0
        for i, q in enumerate(placed):
            if q.old is not None and order_old[q.old.code] < before:
                at = i + 1
        placed.insert(at, p)
    return placed


def declared_options(mapping: RulesetMapping | None, old_ps: ProductSet, new_ps: ProductSet,
                     old_code: str, new_code: str) -> dict[str, str]:
    """Option keys old -> new declared for this pair of criteria."""
    out: dict[str, str] = {}
    for c in _declared(mapping, old_ps, new_ps):
        if c.old == old_code and c.new == new_code:
            out.update(c.options)
    return out


def match_options(old: Criterion, new: Criterion, declared: Map[str, str]) -> list[tuple[Option | None, Option | None, Basis | None]]:
    """Pairs of options: declared, then same text; the rest unmatched."""
    pairs: list[tuple[Option | None, Option | None, Basis | None]] = []
    used_new: set[str] = set()
    used_old: set[str] = set()
    for ok, nk in declared.items():
        o, n = old.option(ok), new.option(nk)
        if o is not None and n is not None:
            pairs.append((o, n, "mapping"))
            used_old.add(ok)
            used_new.add(nk)
    for o in old.options:
        if o.key in used_old:
            continue
        n = next((x for x in new.options if x.key not in used_new and norm(x.text_vi) == norm(o.text_vi)), None)
        if n is not None:
            pairs.append((o, n, "text"))
            used_old.add(o.key)
            used_new.add(n.key)
    pairs += [(o, None, None) for o in old.options if o.key not in used_old]
    pairs += [(None, n, None) for n in new.options if n.key not in used_new]
    return pairs
