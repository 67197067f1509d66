"""Derivation rules (evidence → option): an interpretation layer, kept apart from the transcribed sheets.

`rulesets/<id>/derivations.yaml` holds them. Rules are keyed by criterion *topic*, so one rule
serves every set whose criterion means the same thing; each rule names the option it selects and
quotes that option's wording, which `check_derivations` verifies against every set it serves.
Conditions use the closed condition language (plus the `between` sugar, expanded here) over the
integer facts of `ocop_rules.evidence_facts`. They compile into ordinary program rules of stage
"evidence", so both engines run them.
"""

from __future__ import annotations

import hashlib
import threading
import unicodedata
from collections.abc import Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ocop_rules.conditions import ConditionError, check, expand, fields, normalise
from ocop_rules.errors import Problem, RulesetError
from ocop_rules.evidence_facts import FACTS
from ocop_rules.policies import Policy
from ocop_rules.program import Consequence, Effect, Rule
from ocop_rules.ruleset import Criterion, ProductSet, Ruleset

FILENAME = "derivations.yaml"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DerivationPolicy(_Frozen):
    """A named interpretation the derivation rules apply, with its setting."""

    id: str
    setting: str
    text_en: str
    text_vi: str | None = None


class DerivationRule(_Frozen):
    """When `when` holds, the criterion takes `option` (select) or at most `option` (cap); None: no option, 0 points."""

    option: str | None = Field(description="Option letter (the part after '/' in the key), or null for no option.")
    cites: str | None = Field(None, description="Letter of the option whose wording the rule relies on (default: `option`).")
    wording_vi: str = Field(min_length=1, description="Words of the cited option; '…' separates quoted fragments.")
    policy: str | None = None
    when: dict[str, Any]

    @property
    def cited(self) -> str | None:
        """The letter of the option whose wording is quoted."""
        return self.cites or self.option


class Topic(_Frozen):
    """One meaning of a criterion, with the sets (and codes) where it is printed the same way."""

    id: str
    title_en: str
    criteria: dict[int, str] = Field(description="Set number -> criterion code.")
    rules: tuple[DerivationRule, ...] = ()
    caps: tuple[DerivationRule, ...] = ()
    note_en: str | None = None

    @field_validator("criteria", mode="before")
    @classmethod
    def _codes_as_text(cls, value: Any) -> Any:
        return {k: str(v) for k, v in value.items()} if isinstance(value, Mapping) else value


class FindingRule(_Frozen):
    """Facts that show a note of the sheet (a disqualifier, a stop, a requirement) applies."""

    note: str
    wording_vi: str
    when: dict[str, Any]


class GroundRule(_Frozen):
    """Facts that show a rejection ground of the sheet ('Hồ sơ bị loại khi') applies."""

    ground: str
    wording_vi: str
    when: dict[str, Any]


class Judged(_Frozen):
    """Criteria of one set that the facts cannot decide, and why."""

    set: int
    criteria: tuple[str, ...]
    reason: str = Field(min_length=1)


class Derivations(_Frozen):
    """A ruleset's derivations file, loaded and checked."""

    ruleset: str
    complete_for: tuple[int, ...] = Field((), description="Sets whose every criterion has a rule or a judged reason.")
    policies: tuple[DerivationPolicy, ...] = ()
    topics: tuple[Topic, ...] = ()
    findings: tuple[FindingRule, ...] = ()
    grounds: tuple[GroundRule, ...] = ()
    judged: tuple[Judged, ...] = ()
    sha256: str = ""

    def policy(self, pid: str) -> DerivationPolicy:
        """A policy by id."""
        return next(p for p in self.policies if p.id == pid)

    def policy_int(self, pid: str) -> int:
        """A policy's setting as an integer (e.g. a number of months)."""
        return int(self.policy(pid).setting)

    @cached_property
    def _by_set(self) -> dict[tuple[int, str], Topic]:
        return {(n, code): t for t in self.topics for n, code in t.criteria.items()}

    def topic_for(self, number: int, code: str) -> Topic | None:
        """The topic that serves a criterion of a set, if any."""
        return self._by_set.get((number, code))

    def judged_reason(self, number: int, code: str) -> str | None:
        """Why the facts cannot decide this criterion, when the file says so."""
        return next((j.reason for j in self.judged if j.set == number and code in j.criteria), None)

    def rule_meta(self, rule_id: str) -> tuple[Topic, DerivationRule] | None:
        """The topic and source rule behind a compiled select/cap rule id."""
        return self._meta.get(rule_id)

    @cached_property
    def _meta(self) -> dict[str, tuple[Topic, DerivationRule]]:
        out: dict[str, tuple[Topic, DerivationRule]] = {}
        for t in self.topics:
            for r in t.rules:
                out[select_id(t, r)] = (t, r)
            for r in t.caps:
                out[cap_id(t, r)] = (t, r)
        return out


def select_id(topic: Topic, rule: DerivationRule) -> str:
    """Compiled id of a select rule, e.g. 'derive:local-labour/c'."""
    return f"derive:{topic.id}/{rule.option or 'none'}"


def cap_id(topic: Topic, rule: DerivationRule) -> str:
    """Compiled id of a cap rule, e.g. 'cap:labelling/b'."""
    return f"cap:{topic.id}/{rule.option or 'none'}"


def compile_condition(cond: Mapping[str, Any]) -> dict[str, Any]:
    """A rule file's condition as engines see it: sugar expanded, `not` pushed down, checked."""
    out = normalise(expand(cond))
    check(out)
    return out


def _key(code: str, letter: str | None) -> str | None:
    return None if letter is None else f"{code}/{letter}"


def _structure(d: Derivations, rs: Ruleset) -> Iterator[Problem]:
    known = {p.id for p in d.policies}
    ids: set[str] = set()
    served: dict[tuple[int, str], str] = {}
    for t in d.topics:
        at = f"topics[{t.id}]"
        for number, code in t.criteria.items():
            if (number, code) in served:
                yield Problem(at, f"set {number} criterion {code} is already served by topic {served[number, code]}")
            served.setdefault((number, code), t.id)
        for kind, rules in (("rules", t.rules), ("caps", t.caps)):
            for i, r in enumerate(rules):
                where = f"{at}.{kind}[{i}]"
                rid = select_id(t, r) if kind == "rules" else cap_id(t, r)
                if rid in ids:
                    yield Problem(where, f"duplicate rule id {rid}")
                ids.add(rid)
                yield from _condition(r.when, where)
                if r.policy is not None and r.policy not in known:
                    yield Problem(where, f"unknown policy {r.policy!r}")
                if r.cited is None:
                    yield Problem(where, "a rule selecting no option must say which option's wording it `cites`")
        for number, code in t.criteria.items():
            ps = rs.product_set(number)
            crit = ps.criterion(code) if ps else None
            if crit is None or not crit.is_leaf:
                yield Problem(f"{at}.criteria", f"set {number} has no scored criterion {code}")
                continue
            for r in (*t.rules, *t.caps):
                for letter in {r.option, r.cited} - {None}:
                    if crit.option(f"{code}/{letter}") is None:
                        yield Problem(at, f"set {number} criterion {code} has no option {letter!r}")
    notes = {n.id for ps in rs.product_sets for c in ps.criteria for n in c.notes}
    for f in d.findings:
        yield from _condition(f.when, f"findings[{f.note}]")
        if f.note not in notes:
            yield Problem(f"findings[{f.note}]", "no sheet of the ruleset has this note")
    grounds = {g.id for ps in rs.product_sets for g in ps.rejection_grounds}
    for g in d.grounds:
        yield from _condition(g.when, f"grounds[{g.ground}]")
        if g.ground not in grounds:
            yield Problem(f"grounds[{g.ground}]", "no sheet of the ruleset has this rejection ground")
    for j in d.judged:
        ps = rs.product_set(j.set)
        for code in j.criteria:
            crit = ps.criterion(code) if ps else None
            if crit is None or not crit.is_leaf:
                yield Problem(f"judged[set {j.set}]", f"no scored criterion {code}")
            elif d.topic_for(j.set, code) is not None:
                yield Problem(f"judged[set {j.set}]", f"{code} has derivation rules and a judged reason")


def _condition(cond: Mapping[str, Any], where: str) -> Iterator[Problem]:
    try:
        compiled = compile_condition(cond)
    except (ConditionError, ValueError, TypeError, AttributeError) as err:
        yield Problem(f"{where}.when", str(err))
        return
    for name in sorted(fields(compiled) - set(FACTS)):
        yield Problem(f"{where}.when", f"unknown fact {name!r} (facts: ocop_rules.evidence_facts.FACTS)")


def words(text: str) -> str:
    """Text compared for wording: NFC, case-folded, without any whitespace ('<51 %' matches '<51%')."""
    return "".join(unicodedata.normalize("NFC", text).casefold().split())


def quoted(wording: str) -> list[str]:
    """The fragments of a quoted wording ('…' separates them)."""
    return [w.strip() for w in wording.split("…") if w.strip()]


def _wording_problem(where: str, wording: str, text: str) -> Problem | None:
    missing = [w for w in quoted(wording) if words(w) not in words(text)]
    return Problem(where, f"wording {missing[0]!r} is not in {text!r}") if missing else None


def check_derivations(rs: Ruleset, d: Derivations) -> list[Problem]:
    """The interpretation checked against the law's text: wording of every rule in every set it serves,
    every option reachable, every note and ground quoted, and full coverage of the `complete_for` sets."""
    problems = list(_structure(d, rs))
    for t in d.topics:
        for number, code in t.criteria.items():
            ps = rs.product_set(number)
            crit = ps.criterion(code) if ps else None
            if crit is None:
                continue
            for r in (*t.rules, *t.caps):
                opt = crit.option(_key(code, r.cited) or "")
                if opt is not None and (p := _wording_problem(f"topics[{t.id}] set {number} {opt.key}", r.wording_vi, opt.text_vi)):
                    problems.append(p)
            selected = {_key(code, r.option) for r in t.rules}
            if t.rules:
                problems += [Problem(f"topics[{t.id}] set {number}", f"no rule selects option {o.key}")
                             for o in crit.options if o.key not in selected]
    for f in d.findings:
        for ps in rs.product_sets:
            for c in ps.criteria:
                note = c.note(f.note)
                if note is not None and (p := _wording_problem(f"findings[{f.note}] set {ps.number} {c.code}", f.wording_vi, note.text_vi)):
                    problems.append(p)
    for g in d.grounds:
        for ps in rs.product_sets:
            ground = ps.ground(g.ground)
            if ground is not None and (p := _wording_problem(f"grounds[{g.ground}] set {ps.number}", g.wording_vi, ground.text_vi)):
                problems.append(p)
    for number in d.complete_for:
        ps = rs.product_set(number)
        for c in ps.leaves if ps else ():
            if d.topic_for(number, c.code) is None and not d.judged_reason(number, c.code):
                problems.append(Problem(f"complete_for set {number}", f"criterion {c.code} has no derivation rule and no judged reason"))
    return problems


_lock = threading.Lock()
_LOADED: dict[tuple[str, str], Derivations | None] = {}


def _file(rs: Ruleset) -> Path | None:
    from ocop_rules.registry import get_ruleset, ruleset_folder

    current: Ruleset | None = rs
    while current is not None:
        folder = ruleset_folder(current.id)
        if folder is not None and (folder / FILENAME).is_file():
            return folder / FILENAME
        current = get_ruleset(current.extends) if current.extends else None
    return None


def parse_derivations(raw: bytes, rs: Ruleset, source: str = FILENAME) -> Derivations:
    """Build and structurally check a derivations file; `RulesetError` lists every problem."""
    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(raw, Loader=loader)
    what = f"{source} of ruleset {rs.id}"
    try:
        d = Derivations.model_validate(data)
    except ValidationError as err:
        raise RulesetError(what, [Problem(".".join(map(str, e["loc"])), e["msg"]) for e in err.errors()]) from None
    problems = list(_structure(d, rs))
    if problems:
        raise RulesetError(what, problems)
    return d.model_copy(update={"sha256": hashlib.sha256(raw).hexdigest()})


def load_derivations(rs: Ruleset) -> Derivations | None:
    """The derivations that apply to a ruleset (its own file, else its base's), or None; loaded once."""
    key = (rs.id, rs.sha256)
    with _lock:
        if key not in _LOADED:
            path = _file(rs)
            _LOADED[key] = None if path is None else parse_derivations(path.read_bytes(), rs, str(path.name))
        return _LOADED[key]


def lint_derivations(rs: Ruleset) -> list[str]:
    """Lint lines for a ruleset's own derivations file, read afresh (empty when sound or absent)."""
    from ocop_rules.registry import ruleset_folder

    folder = ruleset_folder(rs.id)
    path = folder / FILENAME if folder else None
    if path is None or not path.is_file():
        return []
    with _lock:
        _LOADED.pop((rs.id, rs.sha256), None)
        _RULES.clear()
    try:
        d = parse_derivations(path.read_bytes(), rs, FILENAME)
    except RulesetError as err:
        return [f"{rs.id}: {FILENAME}: {p}" for p in err.problems]
    return [f"{rs.id}: {FILENAME}: {p}" for p in check_derivations(rs, d)]


_EFFECT: dict[str, Effect] = {"rejects": "eliminate", "stops": "stop"}
_RULES: dict[tuple[str, str, int, Policy], list[Rule]] = {}


def _note_effect(kind: str, policy: Policy) -> Effect | None:
    if kind == "requirement":
        return "void" if policy.requirement_finding == "criterion-zero" else "eliminate"
    return _EFFECT.get(kind)


def _compile_set(d: Derivations, ps: ProductSet, policy: Policy) -> list[Rule]:
    rules: list[Rule] = []
    for t in d.topics:
        code = t.criteria.get(ps.number)
        crit: Criterion | None = ps.criterion(code) if code else None
        if crit is None or code is None:
            continue
        for r in t.rules:
            rules.append(Rule(select_id(t, r), "evidence", compile_condition(r.when),
                              Consequence("select-option", criterion=code, option=_key(code, r.option)), crit.cite))
        for r in t.caps:
            rules.append(Rule(cap_id(t, r), "evidence", compile_condition(r.when),
                              Consequence("cap-option", criterion=code, option=_key(code, r.option)), crit.cite))
    for f in d.findings:
        for c in ps.criteria:
            note = c.note(f.note)
            effect = _note_effect(note.kind, policy) if note else None
            if note is not None and effect is not None:
                rules.append(Rule(f"evidence:{note.kind}:{c.code}:{note.id}", "evidence", compile_condition(f.when),
                                  Consequence(effect, criterion=c.code, note=note.id), c.cite))
    for g in d.grounds:
        ground = ps.ground(g.ground)
        if ground is not None:
            rules.append(Rule(f"evidence:reject:{g.ground}", "evidence", compile_condition(g.when),
                              Consequence("reject", ground=g.ground), ground.cite))
    return rules


def evidence_rules(rs: Ruleset, ps: ProductSet, policy: Policy) -> list[Rule]:
    """The stage-"evidence" rules of one product set (none when the ruleset has no derivations)."""
    key = (rs.id, rs.sha256, ps.number, policy)
    cached = _RULES.get(key)
    if cached is None:
        d = load_derivations(rs)
        cached = _RULES[key] = [] if d is None else _compile_set(d, ps, policy)
    return list(cached)

