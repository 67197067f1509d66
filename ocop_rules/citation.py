"""Citations: where in the law a number or a rule comes from, rendered in Vietnamese or English."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Citation(BaseModel):
    """A pointer into a legal instrument. `instrument` is filled in by the loader."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    instrument: str | None = None
    article: int | None = None
    clause: int | None = None
    point: str | None = None
    annex: str | None = None
    item: str | int | None = None
    criterion: str | None = None
    form: str | None = None

    def is_located(self) -> bool:
        """True when the citation points somewhere more precise than the instrument."""
        return any(v is not None for v in (self.article, self.annex, self.form))

    def render(self, lang: str = "vi") -> str:
        """Human wording, e.g. 'QĐ 26/2026/QĐ-TTg, Điều 3 khoản 3 điểm a'."""
        vi = lang == "vi"
        parts: list[str] = []
        if self.instrument:
            parts.append(("Quyết định " if vi else "Decision ") + self.instrument)
        loc: list[str] = []
        if self.article is not None:
            loc.append(("Điều " if vi else "Art. ") + str(self.article))
            if self.clause is not None:
                loc.append(("khoản " if vi else "cl. ") + str(self.clause))
            if self.point is not None:
                loc.append(("điểm " if vi else "pt. ") + self.point)
        if self.annex is not None:
            loc.append(("Phụ lục " if vi else "Annex ") + self.annex)
            if self.item is not None:
                loc.append(("mục " if vi else "item ") + str(self.item))
            if self.criterion is not None:
                loc.append(("tiêu chí " if vi else "criterion ") + self.criterion)
        if self.form is not None:
            loc.append(("Mẫu số " if vi else "Form ") + self.form)
        if loc:
            parts.append(" ".join(loc))
        return ", ".join(parts)
