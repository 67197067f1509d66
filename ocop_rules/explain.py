"""The explanation trace: ordered steps, each naming its rule, its values and the provision applied."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ocop_rules.citation import Citation
from ocop_rules.fastmodel import build

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


_RENDERED: dict[int, tuple[Citation, str, str]] = {}


def rendered(cite: Citation) -> tuple[str, str]:
    """A citation rendered in (Vietnamese, English), memoised by identity: rulesets are loaded once and
    their citation objects recur on every decision (hashing a model per step would cost more)."""
    found = _RENDERED.get(id(cite))
    if found is None or found[0] is not cite:
        if len(_RENDERED) > 65536:
            _RENDERED.clear()
        found = _RENDERED[id(cite)] = (cite, cite.render("vi"), cite.render("en"))
    return found[1], found[2]


def step(rule: str, vi: str, en: str, cite: Citation | None = None, **values: Value) -> TraceStep:
    """Build a trace step (internal data: constructed without re-validation)."""
    vi_cite, en_cite = rendered(cite) if cite is not None else (None, None)
    return build(TraceStep, rule=rule, message_vi=vi, message_en=en, values=values, citation=vi_cite, citation_en=en_cite)
