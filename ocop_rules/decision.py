"""The decision: a frozen, versioned record of the result and of how it was reached.

`Decision.to_json()` is the documented wire format (`schema_version`); every renderer reads
this one model.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ocop_rules.evidence_report import EvidenceReport
from ocop_rules.explain import TraceStep

SCHEMA_VERSION = "1.0"


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")




class RulesetRef(_Out):
    """Which ruleset decided, and its content hash, so the decision can be reproduced."""

    id: str
    sha256: str
    title: str | None = None
    fidelity: str | None = None


class ProductSetRef(_Out):
    """The Annex II product set whose sheet was used."""

    number: int
    slug: str
    title_vi: str
    title_en: str


class AssessorResult(_Out):
    """One assessor's sheet after applicability and findings."""

    assessor: str
    self_assessment: bool = False
    total: int
    parts: dict[str, int]
    points: dict[str, int] = Field(default_factory=dict, description="Criterion code -> points counted.")
    options: dict[str, str | None] = Field(default_factory=dict, description="Criterion code -> option key chosen.")
    missing: list[str] = Field(default_factory=list, description="Criteria left out of the sheet (scored 0).")
    ambiguous: dict[str, list[str]] = Field(default_factory=dict, description="Criteria whose points match several options.")
    voided: dict[str, str] = Field(default_factory=dict, description="Criterion -> rule that set its points to 0.")


class PartResult(_Out):
    """A part's average over the assessors, against its maximum."""

    average: str
    average_exact: str
    max: int


class CriterionResult(_Out):
    """A scored criterion across the assessors."""

    code: str
    part: str
    max_points: int
    average: str
    average_exact: str
    points: list[int]


class Rejection(_Out):
    """Why the product gets no star."""

    ground: str
    kind: Literal["ground", "rejects", "stops", "requirement"]
    criterion: str | None = None
    assessor: str | None = None
    text_vi: str
    text_en: str
    citation: str


class UnmetMinimum(_Out):
    """A star mark not reached that keeps the star below the band's."""

    code: str
    stars: int
    required_points: int
    points: str = Field(description="The points judged against the mark (mean or lowest, per the policy).")
    points_exact: str


class Certificate(_Out):
    """The certificate's validity (Art. 4.3)."""

    issued_on: dt.date
    valid_until: dt.date
    months: int


class Decision(_Out):
    """Everything an auditor needs: the result, the figures behind it and the trace."""

    schema_version: str = SCHEMA_VERSION
    ruleset: RulesetRef
    product_set: ProductSetRef
    dossier_id: str | None
    product: str
    producer: str
    province: str | None = None
    filed_on: dt.date
    registration: str
    mode: Literal["sheets", "part-totals"] = "sheets"
    assessors: list[AssessorResult] = Field(description="The sheets that count in the average (see the self_assessment policy).")
    self_assessments: list[AssessorResult] = Field(
        default_factory=list, description="Self-assessment sheets reported apart, not averaged (self_assessment policy 'separate')."
    )
    average_total: str = Field(description="Mean total, a decimal rounded half-up to 2 places, e.g. '69.67'.")
    average_total_exact: str = Field(description="Mean total as a fraction in lowest terms, e.g. '209/3'.")
    parts: dict[str, PartResult]
    band_stars: int
    stars: int | None = Field(description="The star awarded, or null when the product is rejected.")
    provisional: bool = Field(False, description="True when the ruleset's star minimums are unknown.")
    certifiable: bool
    authority: str | None
    authority_vi: str | None = None
    authority_en: str | None = None
    forward_to_ministry: bool
    rejected: Rejection | None
    unmet_minimums: list[UnmetMinimum]
    certificate: Certificate | None = None
    criteria: list[CriterionResult]
    warnings: list[str] = Field(default_factory=list)
    trace: list[TraceStep]
    policy: dict[str, str]
    engine: str
    library_version: str
    extensions: dict[str, Any] = Field(default_factory=dict, description="Results of optional layers (evidence, …).")
    evidence: EvidenceReport | None = Field(
        None, description="What the dossier's evidence supports (derived options, claim checks, documents); "
                          "omitted from the wire form when the dossier has no evidence.")

    def to_json_data(self) -> dict[str, Any]:
        """The wire form as plain data (dates as ISO strings); no `evidence` key without evidence."""
        data = self.model_dump(mode="json")
        if data.get("evidence") is None:
            data.pop("evidence", None)
        return data

    def to_json(self, indent: int | None = 2) -> str:
        """The wire form: stable key order, UTF-8 text, both languages."""
        return json.dumps(self.to_json_data(), ensure_ascii=False, indent=indent)


def decision_schema() -> dict[str, Any]:
    """JSON Schema of the decision wire format."""
    schema = Decision.model_json_schema()
    schema["$id"] = f"https://ocop-rules.invalid/schema/decision-{SCHEMA_VERSION}.json"
    return schema
