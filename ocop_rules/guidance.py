"""Which criteria only the assessors can judge, and which the producer can move by acting.

Next-star guidance lists the two apart: a producer can obtain a certificate or sign a contract,
but cannot make the sensory panel like the coffee more. The split is interpretation, not law, and
never changes a decision. Its source, set by set: the evidence layer's `derivations.yaml` for the
sets it covers completely (a criterion with derivation rules is decided by facts the producer can
change; a criterion it lists as judged is the assessors'); else `rulesets/<id>/guidance.yaml`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from ocop_rules.errors import Problem, RulesetError
from ocop_rules.loader import read_yaml
from ocop_rules.registry import ruleset_folder
from ocop_rules.ruleset import ProductSet, Ruleset

Kind = Literal["judged", "actionable", "unclassified"]


@dataclass(frozen=True)
class Topic:
    """A group of judged criteria (sensory, story, uniqueness, …)."""

    id: str
    title_vi: str
    title_en: str


@dataclass(frozen=True)
class Judgement:
    """How a criterion can be raised: by the producer's action, only by the assessors' judgement, or unknown."""

    kind: Kind
    topic: Topic | None = None
    reason_en: str | None = None


@dataclass(frozen=True)
class Guidance:
    """One ruleset's classification: set number -> judged criterion code -> topic."""

    ruleset: str
    source: str
    judged: dict[int, dict[str, Topic]]

    def classify(self, ps: ProductSet) -> dict[str, Judgement]:
        """Every scored criterion of the set: judged (with its topic) or actionable; unclassified if the set is absent."""
        table = self.judged.get(ps.number)
        if table is None:
            return {c.code: Judgement("unclassified") for c in ps.leaves}
        return {c.code: Judgement("judged", table[c.code]) if c.code in table else Judgement("actionable")
                for c in ps.leaves}


@cache
def guidance(ruleset_id: str) -> Guidance:
    """The ruleset's guidance file, parsed and checked (an empty classification when it has none)."""
    folder = ruleset_folder(ruleset_id)
    path = folder / "guidance.yaml" if folder else None
    if path is None or not path.is_file():
        return Guidance(ruleset_id, "none", {})
    return parse_guidance(ruleset_id, read_yaml(path) or {}, f"{ruleset_id}/guidance.yaml")


def parse_guidance(ruleset_id: str, data: Mapping[str, Any], where: str) -> Guidance:
    """A guidance mapping checked for unknown topics and codes listed twice (`RulesetError` lists them all)."""
    problems: list[Problem] = []
    topics: dict[str, Topic] = {}
    for tid, t in (data.get("topics") or {}).items():
        topics[str(tid)] = Topic(str(tid), str(t.get("title_vi", tid)), str(t.get("title_en", tid)))
    judged: dict[int, dict[str, Topic]] = {}
    for number, by_topic in (data.get("judged") or {}).items():
        table: dict[str, Topic] = {}
        for tid, codes in (by_topic or {}).items():
            topic = topics.get(str(tid))
            if topic is None:
                problems.append(Problem(f"judged.{number}.{tid}", "is not a topic listed under 'topics'"))
                continue
            for code in codes:
                if str(code) in table:
                    problems.append(Problem(f"judged.{number}.{tid}", f"criterion {code} is listed twice"))
                table[str(code)] = topic
        judged[int(number)] = table
    if problems:
        raise RulesetError(where, problems)
    return Guidance(ruleset_id, where, judged)


def classify(rs: Ruleset, ps: ProductSet) -> tuple[dict[str, Judgement], str]:
    """Every scored criterion of the set classified, and the file the classification comes from."""
    from ocop_rules.derivation import load_derivations

    d = load_derivations(rs)
    if d is not None and ps.number in d.complete_for:
        out: dict[str, Judgement] = {}
        for c in ps.leaves:
            reason = d.judged_reason(ps.number, c.code)
            if reason is not None:
                out[c.code] = Judgement("judged", reason_en=reason)
            else:
                out[c.code] = Judgement("actionable" if d.topic_for(ps.number, c.code) else "unclassified")
        return out, f"{rs.id}/derivations.yaml"
    g = guidance(rs.id)
    return g.classify(ps), g.source if ps.number in g.judged else "none"


def check_guidance(ruleset_id: str, sets: dict[int, ProductSet]) -> list[Problem]:
    """Codes in the guidance file that are not scored criteria of their set (for lint and tests)."""
    g = guidance(ruleset_id)
    problems: list[Problem] = []
    for number, table in g.judged.items():
        ps = sets.get(number)
        if ps is None:
            problems.append(Problem(f"judged.{number}", "no such product set"))
            continue
        leaves = {c.code for c in ps.leaves}
        problems += [Problem(f"judged.{number}", f"{code} is not a scored criterion of set {number}")
                     for code in table if code not in leaves]
    return problems
