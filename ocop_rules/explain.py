"""The explanation trace: ordered steps, each naming its rule, its values and the provision applied."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ocop_rules.citation import Citation

Value = str | int | bool | None | list[Any] | dict[str, Any]


class TraceStep(BaseModel):
    """One step of a decision, readable on its own.

    >>> TraceStep(rule="band:4", message_vi="Hạng 4 sao", message_en="4-star band").rule
    'band:4'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str = Field(description="Id of the rule or pipeline step that produced this step, e.g. 'band:4'.")
    message_vi: str = Field(description="What happened, in Vietnamese.")
    message_en: str = Field(description="What happened, in English.")
    values: dict[str, Value] = Field(default_factory=dict, description="The values the step used.")
    citation: str | None = Field(None, description="The provision applied, rendered in Vietnamese.")
    citation_en: str | None = Field(None, description="The provision applied, rendered in English.")

    def message(self, lang: str) -> str:
        """The message in `lang` ('vi' or 'en')."""
        return self.message_vi if lang == "vi" else self.message_en


def step(rule: str, vi: str, en: str, cite: Citation | None = None, **values: Value) -> TraceStep:
    """Build a trace step; the citation is rendered in both languages once, here."""
    return TraceStep(
        rule=rule,
        message_vi=vi,
        message_en=en,
        values=values,
        citation=cite.render("vi") if cite else None,
        citation_en=cite.render("en") if cite else None,
    )
