"""Compile a product set into a program of rules that either engine runs.

Each rule has an id, a condition in the closed condition language, a consequence and a
citation. Stage "sheet" runs once per assessor sheet (applicability, findings); stage
"dossier" runs once over the aggregated facts (rejection grounds, bands, star minimums).
Averages are compared exactly as integers: mean ≥ t  ⇔  sum ≥ t·n, so the program is
compiled for a number of assessors `n`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Literal

from ocop_rules.citation import Citation
from ocop_rules.conditions import all_of, any_of, check, cmp, fields, normalise
from ocop_rules.policies import Policy
from ocop_rules.ruleset import ProductSet, Ruleset

Stage = Literal["sheet", "dossier", "evidence"]
Effect = Literal["void", "eliminate", "stop", "reject", "band", "minimum-met", "minimum-unmet", "select-option", "cap-option"]
"""'select-option' / 'cap-option' (stage "evidence", see `ocop_rules.derivation`): the facts select `option`
(None: no option, 0 points) or rule out every option above it."""


@dataclass(frozen=True)
class Consequence:
    """What a firing rule records; `classify` turns recorded consequences into the decision."""

    effect: Effect
    criterion: str | None = None
    note: str | None = None
    ground: str | None = None
    stars: int | None = None
    required: int | None = None
    option: str | None = None


@dataclass(frozen=True)
class Rule:
    """One compiled rule."""

    id: str
    stage: Stage
    condition: dict[str, Any]
    consequence: Consequence
    cite: Citation


@dataclass(frozen=True)
class Program:
    """The rules of one product set for `n` assessors under one policy."""

    key: str
    ruleset_id: str
    set_number: int
    n: int
    rules: tuple[Rule, ...]

    def stage(self, stage: Stage) -> tuple[Rule, ...]:
        """The rules of one stage, in firing order (none for a stage without rules)."""
        return self._stages.get(stage, ())

    def rule(self, rule_id: str) -> Rule:
        """A rule by id."""
        return self._index[rule_id]

    def reads(self, stage: str) -> frozenset[str]:
        """Every fact field some rule of the stage reads: facts need carry no other field."""
        found = self._reads.get(stage)
        if found is None:
            found = self._reads[stage] = frozenset().union(*(fields(r.condition) for r in self.stage(stage)))  # type: ignore[arg-type]
        return found

    @cached_property
    def _reads(self) -> dict[str, frozenset[str]]:
        return {}

    @cached_property
    def _stages(self) -> dict[str, tuple[Rule, ...]]:
        # Any stage name, so a new stage (e.g. evidence) needs no change here or in the engines.
        return {s: tuple(r for r in self.rules if r.stage == s) for s in dict.fromkeys(r.stage for r in self.rules)}

    @cached_property
    def _index(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}


@lru_cache(maxsize=65536)
def field_name(prefix: str, *parts: str) -> str:
    """A fact field name: letters, digits and underscores only (engine-safe, no dotted paths)."""
    raw = "_".join((prefix, *parts))
    return "".join(ch if ch.isalnum() and ch.isascii() else "_" for ch in raw)


def points_field(code: str) -> str:
    """Sheet fact: this sheet's points on a criterion."""
    return field_name("p", code)


def finding_field(code: str, note: str) -> str:
    """Sheet fact: 1 when the assessor recorded this note as found."""
    return field_name("f", code, note)


def sum_field(code: str) -> str:
    """Dossier fact: sum over sheets of the points on a criterion."""
    return field_name("s", code)


def min_field(code: str) -> str:
    """Dossier fact: the lowest points any sheet gave a criterion."""
    return field_name("m", code)


def ground_field(ground: str) -> str:
    """Dossier fact: 1 when this rejection ground was declared."""
    return field_name("r", ground)


TOTAL_FIELD = "total"
"""Dossier fact: sum over sheets of the sheet totals."""


def _sheet_rules(ruleset: Ruleset, ps: ProductSet, policy: Policy) -> list[Rule]:
    rules: list[Rule] = []
    for c in ps.criteria:
        if c.applies_when is not None:
            ref = c.applies_when
            cond = all_of(cmp("lt", points_field(ref.criterion), ref.min_points), cmp("gt", points_field(c.code), 0))
            rules.append(Rule(f"applies:{c.code}", "sheet", cond, Consequence("void", c.code, next(
                n.id for n in c.notes if n.kind == "applies_when")), c.cite))
        for note in c.notes:
            flag = cmp("eq", finding_field(c.code, note.id), 1)
            if note.kind == "requirement":
                effect: Effect = "void" if policy.requirement_finding == "criterion-zero" else "eliminate"
                rules.append(Rule(f"requirement:{c.code}:{note.id}", "sheet", flag, Consequence(effect, c.code, note.id), c.cite))
            elif note.kind == "rejects":
                rules.append(Rule(f"eliminate:{c.code}:{note.id}", "sheet", flag, Consequence("eliminate", c.code, note.id), c.cite))
            elif note.kind == "stops":
                rules.append(Rule(f"stop:{c.code}:{note.id}", "sheet", flag, Consequence("stop", c.code, note.id), c.cite))
    return rules


def _band_rules(ruleset: Ruleset, n: int) -> list[Rule]:
    rules: list[Rule] = []
    for b in sorted(ruleset.bands, key=lambda b: -b.stars):
        upper = cmp("le" if b.upper_inclusive else "lt", TOTAL_FIELD, b.upper * n)
        cond = all_of(cmp("ge", TOTAL_FIELD, b.lower * n), upper)
        rules.append(Rule(f"band:{b.stars}", "dossier", cond, Consequence("band", stars=b.stars), b.cite))
    return rules


def _minimum_rules(ps: ProductSet, n: int, policy: Policy) -> list[Rule]:
    rules: list[Rule] = []
    if not ps.star_mark_footnote and policy.marks_without_footnote == "ignore-marks":
        return rules
    for c in ps.leaves:
        for o in c.options:
            if o.min_stars is None:
                continue
            if policy.minimum == "mean":
                met = cmp("ge", sum_field(c.code), o.points * n)
            else:
                met = cmp("ge", min_field(c.code), o.points)
            base = f"minimum:{c.code}:{o.min_stars}"
            cons = dict(criterion=c.code, stars=o.min_stars, required=o.points)
            rules.append(Rule(base, "dossier", met, Consequence("minimum-met", **cons), c.cite))  # type: ignore[arg-type]
            rules.append(Rule(f"{base}:unmet", "dossier", normalise({"not": met}),
                              Consequence("minimum-unmet", **cons), c.cite))  # type: ignore[arg-type]
    return rules


def _ground_rules(ps: ProductSet) -> list[Rule]:
    return [Rule(f"reject:{g.id}", "dossier", cmp("eq", ground_field(g.id), 1), Consequence("reject", ground=g.id), g.cite)
            for g in ps.rejection_grounds]


_CACHE: dict[tuple[str, str, int, int, Policy], Program] = {}
_CACHE_LIMIT = 4096


def _compile(ruleset: Ruleset, number: int, n: int, policy: Policy) -> Program:
    ps = ruleset.product_set(number)
    assert ps is not None, f"no set {number}"
    from ocop_rules.derivation import evidence_rules

    rules = _sheet_rules(ruleset, ps, policy) + _ground_rules(ps) + _band_rules(ruleset, n) + _minimum_rules(ps, n, policy)
    rules += evidence_rules(ruleset, ps, policy)
    for r in rules:
        check(r.condition)
    key = f"{ruleset.id}@{ruleset.sha256[:12]}/set{number}/n{n}/" + ",".join(f"{k}={v}" for k, v in sorted(policy.names().items()))
    return Program(key, ruleset.id, number, n, tuple(rules))


def compile_program(ruleset: Ruleset, number: int, n: int, policy: Policy) -> Program:
    """The (cached) program of one product set for `n` assessors under `policy`."""
    key = (ruleset.id, ruleset.sha256, number, n, policy)
    program = _CACHE.get(key)
    if program is None:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        program = _CACHE[key] = _compile(ruleset, number, n, policy)
    return program


__all__ = ["Consequence", "Program", "Rule", "any_of", "compile_program"]
