"""Which ruleset governs a dossier: an explicit choice, or the one in force on its filing date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ocop_rules.citation import Citation
from ocop_rules.errors import UnknownRulesetError
from ocop_rules.registry import get_ruleset, rulesets


@dataclass(frozen=True)
class Selection:
    """The chosen ruleset with the reason (both languages), the provision applied and any warnings."""

    id: str
    reason_vi: str
    reason_en: str
    cite: Citation | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    rule: str = "ruleset.by-date"


def select_ruleset(filed_on: dt.date, evaluated_on: dt.date | None = None, registration: str = "first") -> Selection:
    """The ruleset in force on `filed_on`: effective_from ≤ filed_on < effective_until."""
    candidates = [
        rs for rs in rulesets()
        if rs.effective_from <= filed_on and (rs.effective_until is None or filed_on < rs.effective_until)
    ]
    if not candidates:
        raise UnknownRulesetError(f"no shipped ruleset governs a dossier filed on {filed_on.isoformat()}")
    rs = max(candidates, key=lambda r: r.effective_from)
    return Selection(
        rs.id,
        f"Hồ sơ nộp ngày {filed_on:%d/%m/%Y}, áp dụng {rs.instrument.kind_vi} {rs.instrument.number} có hiệu lực từ {rs.effective_from:%d/%m/%Y}",
        f"Filed on {filed_on.isoformat()}: Decision {rs.instrument.number} in force from {rs.effective_from.isoformat()} applies",
        rs.instrument.cite,
    )


def explicit(ruleset_id: str, source: str) -> Selection:
    """A ruleset named by the caller ('argument') or by the dossier ('dossier')."""
    rs = get_ruleset(ruleset_id)
    if source == "argument":
        return Selection(rs.id, f"Bộ quy tắc {rs.id} do người gọi chỉ định (ghi đè trường ruleset của hồ sơ)",
                         f"Ruleset {rs.id} given explicitly by the caller (overrides the dossier's ruleset field)",
                         None, (), "ruleset.override")
    return Selection(rs.id, f"Hồ sơ chỉ định bộ quy tắc {rs.id}", f"The dossier names ruleset {rs.id}",
                     None, (), "ruleset.dossier")
