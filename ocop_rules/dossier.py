"""The dossier interchange format (pydantic, `extra="forbid"`) and its safe loading from YAML or JSON."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, field_validator

from ocop_rules.errors import DossierError, Problem
from ocop_rules.evidence import Evidence

MAX_DOSSIER_BYTES = 2 * 1024 * 1024
"""Files above this size are refused before parsing: a dossier is a few kilobytes."""

Score = StrictInt | str
Registration = Literal["first", "upgrade", "re-evaluation"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _nfc(cls, value: Any) -> Any:
        """Vietnamese text is compared and stored in NFC, whatever the input's normal form."""
        return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


class Product(_Model):
    """The product being evaluated."""

    name: Annotated[str, Field(min_length=1, description="Product name as registered (Form 01).")]
    code: str | None = Field(None, description="Product code T-X-STT-year printed on the sheet, if assigned.")


class Producer(_Model):
    """The OCOP entity (chủ thể OCOP) that registers the product."""

    name: Annotated[str, Field(min_length=1, description="Registered name of the entity.")]
    legal_form: str | None = Field(None, description="Legal form as written on the business registration.")
    province: str | None = Field(None, description="Province (tỉnh/thành phố).")
    commune: str | None = Field(None, description="Commune or ward (xã/phường).")


class Rejection(_Model):
    """A ground of the sheet's 'Hồ sơ bị loại khi' line found to apply to this dossier."""

    ground: Annotated[str, Field(min_length=1, description="Id of the rejection ground in the product set.")]
    note: str | None = Field(None, description="Free text: what was found.")


class Finding(_Model):
    """A note of the sheet that an assessor found to apply (elimination, stop, requirement unmet)."""

    criterion: Annotated[str, Field(min_length=1, description="Criterion code, e.g. '6.1.1'.")]
    note: Annotated[str, Field(min_length=1, description="Note id within that criterion.")]
    detail: str | None = Field(None, description="Free text: what the assessor saw.")


class ScoreSheet(_Model):
    """One assessor's sheet: a council member's, or the producer's self-assessment."""

    assessor: Annotated[str, Field(min_length=1, description="Who scored: a council member or 'self-assessment'.")]
    self_assessment: bool = Field(False, description="True for the producer's own Form 02 self-assessment.")
    scores: dict[str, Score] = Field(
        default_factory=dict,
        description="Criterion code -> points of one of its options, 0 when no option applies, or an option key.",
    )
    part_totals: dict[str, StrictInt] | None = Field(
        None, description="Part code -> points; only for rulesets evaluated in part-totals mode."
    )
    findings: list[Finding] = Field(default_factory=list, description="Notes this assessor found to apply.")

    @field_validator("scores", mode="before")
    @classmethod
    def _keys_as_text(cls, value: Any) -> Any:
        """YAML reads an unquoted code like 7 or 1.1 as a number; codes are text."""
        if isinstance(value, Mapping) and not set(map(type, value)) <= {str}:
            return {_code(k): v for k, v in value.items()}
        return value


def _code(key: Any) -> Any:
    if isinstance(key, bool):
        return key
    if isinstance(key, int):
        return str(key)
    if isinstance(key, float):
        return repr(key)
    return key


class Dossier(_Model):
    """A product dossier: who, what, when, which sheet, and the assessors' score sheets."""

    id: str | None = Field(None, description="Dossier identifier used by the province, if any.")
    ruleset: str | None = Field(None, description="Ruleset id; when absent, chosen by `filed_on`.")
    product_set: Annotated[int, Field(ge=1, le=99, description="Annex II product set number (1-26 in 2026).")]
    product: Product
    producer: Producer
    filed_on: dt.date = Field(description="Date the dossier was filed with the commune.")
    evaluated_on: dt.date | None = Field(None, description="Date the council evaluated it, if known.")
    registration: Registration = Field("first", description="first | upgrade | re-evaluation.")
    rejections: list[Rejection] = Field(default_factory=list, description="Rejection grounds found to apply.")
    certificate_issued_on: dt.date | None = Field(None, description="Issue date of the certificate, when issued.")
    score_sheets: Annotated[list[ScoreSheet], Field(min_length=1, description="One sheet per assessor.")]
    evidence: Evidence | None = Field(
        None, description="Facts behind the self-assessment (Form 02's evidence table): the library derives options from them, "
                          "checks self-assessment claims and applies the disqualifiers they show. Shares in percent.")


def _no_aliases(text: str, source: str) -> None:
    """Anchors and aliases are refused: they let a tiny file expand into a huge one."""
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.AliasToken | yaml.AnchorToken):
            line = token.start_mark.line + 1
            raise DossierError(source, [Problem(f"line {line}", "YAML anchors and aliases are not allowed")])


def _parse(text: str, source: str, suffix: str) -> Any:
    try:
        if suffix == ".json":
            return json.loads(text)
        _no_aliases(text, source)
        loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(text, Loader=loader)
    except (yaml.YAMLError, json.JSONDecodeError) as err:
        raise DossierError(source, [Problem("", f"not valid {'JSON' if suffix == '.json' else 'YAML'}: {err}".split("\n")[0])]) from None


def read_dossier_data(path: Path) -> Any:
    """Read a dossier file's data (YAML or JSON), refusing oversized files and YAML aliases."""
    source = f"dossier {path}"
    try:
        size = path.stat().st_size
    except OSError as err:
        raise DossierError(source, [Problem("", f"cannot read the file ({err.strerror})")]) from None
    if size > MAX_DOSSIER_BYTES:
        raise DossierError(source, [Problem("", f"file is {size} bytes; the limit is {MAX_DOSSIER_BYTES}")])
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DossierError(source, [Problem("", "file is not UTF-8 text")]) from None
    return _parse(text, source, path.suffix.lower())


def _loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _message(err: Mapping[str, Any]) -> str:
    kind = str(err.get("type", ""))
    if kind == "extra_forbidden":
        return "is not a field of the dossier format"
    if kind == "missing":
        return "is required"
    return str(err.get("msg", "is invalid"))


def load_dossier(source: str | Path | Mapping[str, Any] | Dossier) -> Dossier:
    """A validated `Dossier` from a path (YAML/JSON), a mapping, or a `Dossier` (returned as is)."""
    if isinstance(source, Dossier):
        return source
    if isinstance(source, str | Path):
        data = read_dossier_data(Path(source))
        what = f"dossier {source}"
    else:
        data, what = source, "dossier"
    if not isinstance(data, Mapping):
        raise DossierError(what, [Problem("", "must be a mapping of fields")])
    try:
        return Dossier.model_validate(data)
    except ValidationError as err:
        problems = [Problem(_loc(e["loc"]), _message(e)) for e in err.errors()]
        raise DossierError(what, problems) from None
