"""Turn rule firings into the classification: band, minimums met or unmet, star, rejection.

Star minimums are cumulative: a mark for k stars binds star k and every higher star. The
product gets the highest star k whose band lower bound the average reaches and whose
minimums (marks for k or fewer stars) are all met; stars 1 and 2 have no minimums.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ocop_rules.program import Consequence, Program


@dataclass(frozen=True)
class MinimumOutcome:
    """One star mark judged: met or not."""

    rule: str
    criterion: str
    stars: int
    required: int
    met: bool


_outcome = lru_cache(maxsize=65536)(MinimumOutcome)
"""Outcomes are immutable values repeated across dossiers: built once each (frozen dataclasses are slow to build)."""


@dataclass
class Classification:
    """What the dossier-stage firings say."""

    band_stars: int = 1
    band_rule: str | None = None
    minimums: list[MinimumOutcome] = field(default_factory=list)
    grounds: list[tuple[str, str]] = field(default_factory=list)


def read_dossier_firings(program: Program, firings: list[tuple[str, int]]) -> Classification:
    """Collect the band, the minimum outcomes and the declared grounds, in firing order."""
    out = Classification()
    for rule_id, _ in firings:
        c: Consequence = program.rule(rule_id).consequence
        if c.effect == "band" and c.stars is not None:
            out.band_stars, out.band_rule = c.stars, rule_id
        elif c.effect in ("minimum-met", "minimum-unmet") and c.criterion and c.stars and c.required is not None:
            out.minimums.append(_outcome(rule_id, c.criterion, c.stars, c.required, c.effect == "minimum-met"))
        elif c.effect == "reject" and c.ground:
            out.grounds.append((rule_id, c.ground))
    return out


def award(band_stars: int, minimums: list[MinimumOutcome]) -> int:
    """The highest star ≤ the band's star whose cumulative minimums are all met."""
    for k in range(band_stars, 0, -1):
        if all(m.met for m in minimums if m.stars <= k):
            return k
    return 1


def unmet_below_band(band_stars: int, minimums: list[MinimumOutcome]) -> list[MinimumOutcome]:
    """The unmet marks that keep the star below the band's star."""
    return [m for m in minimums if not m.met and m.stars <= band_stars]
