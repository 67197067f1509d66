"""Published JSON Schemas of the dossier and decision formats."""

from __future__ import annotations

from typing import Any

from ocop_rules.decision import SCHEMA_VERSION
from ocop_rules.dossier import Dossier


def dossier_schema() -> dict[str, Any]:
    """JSON Schema of the dossier interchange format."""
    schema = Dossier.model_json_schema()
    schema["$id"] = f"https://ocop-rules.invalid/schema/dossier-{SCHEMA_VERSION}.json"
    return schema
