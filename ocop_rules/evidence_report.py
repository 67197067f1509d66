"""The evidence section of a decision: derived options, claim checks, document validity, re-evaluation window.

Models only (no logic), so that `ocop_rules.decision` can type its `evidence` field without
importing the derivation machinery. Built by `ocop_rules.claims`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Status = Literal["derived", "capped", "judged", "not-derivable"]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DerivedCriterion(_Out):
    """What the evidence says about one scored criterion."""

    code: str
    status: Status = Field(description="derived: the facts select an option (or none); capped: the facts rule out the options "
                                       "above `option`; judged: only the assessors can decide; not-derivable: the rules "
                                       "exist but the facts given do not decide.")
    option: str | None = Field(None, description="Derived option key, or the highest option a cap allows; null: no option (0 points).")
    points: int | None = Field(None, description="Points of `option` (0 for no option); null when judged or not derivable.")
    rule: str | None = Field(None, description="Id of the rule that decided.")
    citation: str | None = Field(None, description="The criterion's provision, in Vietnamese.")
    citation_en: str | None = Field(None, description="The criterion's provision, in English.")
    wording_vi: str | None = Field(None, description="The words of the option the rule relies on.")
    policy: str | None = Field(None, description="Named derivation policy the rule applies, if any.")
    facts_used: dict[str, int | None] = Field(default_factory=dict, description="Fact -> value read by the rule (null: not stated).")
    reason: str | None = Field(None, description="Why the facts cannot decide (judged criteria).")


class EvidenceFinding(_Out):
    """A note or rejection ground of the sheet that the facts show to apply."""

    rule: str
    effect: Literal["eliminate", "stop", "void", "reject"]
    criterion: str | None = None
    note: str | None = None
    ground: str | None = None
    text_vi: str
    text_en: str
    citation: str
    citation_en: str
    facts_used: dict[str, int | None] = Field(default_factory=dict)


class DocumentFlag(_Out):
    """A document that does not count, or counts only in part, on the filing date."""

    document: str = Field(description="Which document, e.g. 'certificate 215/2024 (food-safety-establishment)'.")
    issue: Literal["expired", "not-yet-valid", "stale", "failed", "not-running", "unproven"]
    date: dt.date | None = Field(None, description="The date that decides the issue (expiry, test date, end of contract...).")
    message_vi: str
    message_en: str


class ReEvaluationWindow(_Out):
    """Art. 7.6a: file no earlier than 180 and no later than 120 days before the certificate expires."""

    certificate: str
    expires_on: dt.date
    expiry_computed: bool = Field(description="True when the expiry date was computed as issue + 36 months (Art. 4.3).")
    opens_on: dt.date = Field(description="Earliest filing date: expiry − 180 days.")
    closes_on: dt.date = Field(description="Latest filing date: expiry − 120 days.")
    filed_on: dt.date
    days_before_expiry: int
    status: Literal["early", "within", "late", "after-expiry"]
    citation: str
    citation_en: str


class Mismatch(_Out):
    """A criterion where the self-assessment claims another option than the evidence supports."""

    code: str
    claimed_option: str | None
    claimed_points: int
    derived_option: str | None
    derived_points: int
    status: Literal["derived", "capped"]
    direction: Literal["over", "under"]
    points_at_stake: int = Field(description="claimed − supported points: positive for an over-claim.")
    rule: str
    citation: str
    citation_en: str
    wording_vi: str | None = None
    policy: str | None = None
    facts_used: dict[str, int | None] = Field(default_factory=dict)


class ClaimCheck(_Out):
    """One self-assessment sheet checked against the evidence."""

    assessor: str
    claimed_total: int
    claimed_stars: int | None = Field(description="Star the sheet claims, by the same classification (null: rejected).")
    supported_total: int
    supported_stars: int | None = Field(description="Star with each derivable criterion replaced by the evidence (null: rejected).")
    mismatches: list[Mismatch]
    over_claimed_points: int = Field(description="Sum of the positive points at stake.")
    unverified: list[str] = Field(default_factory=list, description="Criteria with derivation rules whose facts were not given.")


class CouncilDifference(_Out):
    """Council sheets that differ from the evidence on a criterion: reported, never overridden."""

    code: str
    derived_option: str | None
    derived_points: int
    status: Literal["derived", "capped"]
    assessors: dict[str, int] = Field(description="Assessor -> points given, for the sheets that differ.")


class EvidenceReport(_Out):
    """Everything the evidence layer found, with the rules and policies it used."""

    derivations: str = Field(description="Ruleset id whose derivations.yaml was applied.")
    derivations_sha256: str
    policies: dict[str, str] = Field(description="Derivation policy -> its setting.")
    facts: dict[str, int] = Field(description="The evidence normalised to integer facts (see the fact table in the docs).")
    criteria: list[DerivedCriterion]
    findings: list[EvidenceFinding] = Field(default_factory=list)
    documents: list[DocumentFlag] = Field(default_factory=list)
    re_evaluation: ReEvaluationWindow | None = None
    claims: list[ClaimCheck] = Field(default_factory=list)
    council: list[CouncilDifference] = Field(default_factory=list)

    def derived(self) -> list[str]:
        """Codes of the criteria the evidence decides (derived or capped)."""
        return [c.code for c in self.criteria if c.status in ("derived", "capped")]

    def judged(self) -> list[str]:
        """Codes of the criteria left to the assessors."""
        return [c.code for c in self.criteria if c.status == "judged"]
