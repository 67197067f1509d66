"""The evidence section of the dossier: one unit per quantity, clear errors, a documented schema."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from ocop_rules import DossierError, load_dossier
from ocop_rules.cli import main
from ocop_rules.evidence import Evidence
from ocop_rules.evidence_facts import FACTS, bp, normalise_evidence, share_bp
from tests.evidence_support import dossier

FILED = dt.date(2026, 9, 1)


def _properties(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for name, model in schema.get("$defs", {}).items():
        for prop, spec in model.get("properties", {}).items():
            yield name, prop, spec


def _numeric(spec: dict[str, Any]) -> bool:
    kinds = {spec.get("type")} | {s.get("type") for s in spec.get("anyOf", [])}
    return bool(kinds & {"number", "integer"})


def test_every_evidence_field_is_documented_with_its_unit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    evidence_models = {"Evidence", "Entity", "LegalRepresentative", "RawMaterial", "Labour", "BusinessResults", "Certificate", "Contract",
                       "TestReport", "QualityDeclaration", "Environment", "Labelling", "Distribution", "TradeFair", "Promotion",
                       "ProductStory", "IpTitle", "IntellectualProperty", "Inspection", "PreviousCertificate", "Tourism"}
    assert evidence_models <= set(schema["$defs"])
    seen = 0
    for model, prop, spec in _properties(schema):
        if model not in evidence_models:
            continue
        seen += 1
        assert spec.get("description"), f"{model}.{prop} has no description"
        if _numeric(spec) and model != "PreviousCertificate":
            assert "Unit:" in spec["description"] or prop == "profit_by_year", f"{model}.{prop} does not state its unit"
    assert seen > 100


def test_shares_are_percent_with_at_most_two_decimals() -> None:
    ok = Evidence.model_validate({"raw_material": {"in_province_percent": 74.99}})
    assert ok.raw_material is not None and ok.raw_material.in_province_percent == Decimal("74.99")
    for bad in (0.1 + 0.2, 100.01, -1, True, "NaN"):
        with pytest.raises(DossierError):
            load_dossier(dossier(13, {"raw_material": {"in_province_percent": bad}}))


def test_a_fraction_of_one_is_not_a_share() -> None:
    # 0.75 is read as 0.75 %, never as 75 %: the unit is stated once and never guessed.
    ev = Evidence.model_validate({"raw_material": {"in_province_percent": 0.75}})
    assert normalise_evidence(ev, FILED, test_report_max_age_months=12).fact["raw_material_in_province"] == 75


@pytest.mark.parametrize(("evidence", "path", "message"), [
    ({"raw_material": {"in_commune_percent": 60, "in_province_percent": 50}}, "evidence.raw_material", "cannot exceed in_province_percent"),
    ({"raw_material": {"in_province_percent": 80, "imported_percent": 30}}, "evidence.raw_material", "exceed 100"),
    ({"labour": {"workers_total": 10, "workers_resident_in_commune": 11}}, "evidence.labour", "cannot exceed workers_total"),
    ({"entity": {"organisation_type": "limited-company", "cooperative_rating": "fair"}}, "evidence.entity", "only to a cooperative"),
    ({"entity": {"legal_representative": {"ethnicity": "Kinh", "ethnic_minority": True}}}, "evidence.entity.legal_representative", "Kinh"),
    ({"certificates": [{"kind": "quality-management", "number": "1", "issuer": "X", "issued_on": "2025-01-01"}]}, "evidence.certificates[0]",
     "needs its level"),
    ({"contracts": [{"kind": "linkage", "counterparty": "X", "starts_on": "2025-01-01"}]}, "evidence.contracts[0]", "share_of_sales_percent"),
    ({"contracts": [{"kind": "export", "counterparty": "X", "starts_on": "2025-01-01", "ends_on": "2024-01-01"}]}, "evidence.contracts[0]",
     "before starts_on"),
    ({"labour": {"workers_total": 0, "workers_resident_in_commune": 0}}, "evidence.labour.workers_total", "greater than or equal to 1"),
    ({"promotion": {"activitiez": 3}}, "evidence.promotion.activitiez", "not a field"),
])
def test_bad_evidence_names_the_field(evidence: dict[str, Any], path: str, message: str) -> None:
    with pytest.raises(DossierError) as err:
        load_dossier(dossier(13, evidence))
    first = err.value.problems[0]
    assert first.path == path and message in first.message


def test_basis_points_are_exact() -> None:
    assert bp(Decimal("82.5")) == 8250 and bp(Decimal("74.99")) == 7499 and bp(Decimal("100")) == 10000
    # Counts are truncated: 2/3 = 66.666… % → 6666; 3/4 = 75 % exactly.
    assert share_bp(2, 3) == 6666 and share_bp(3, 4) == 7500 and share_bp(749, 1000) == 7490


def test_labour_counts_become_the_share_of_resident_workers() -> None:
    ev = Evidence.model_validate({"labour": {"workers_total": 24, "workers_resident_in_commune": 19}})
    # 19/24 = 79.1666… % → 7916 basis points.
    assert normalise_evidence(ev, FILED, test_report_max_age_months=12).fact == {"workers_resident_in_commune": 7916}


def test_every_fact_is_an_integer_and_listed() -> None:
    data = load_dossier("examples/dossiers/kien-cuong-weasel-coffee.yaml")
    assert data.evidence is not None
    fact = normalise_evidence(data.evidence, data.filed_on, test_report_max_age_months=12).fact
    assert fact and all(type(v) is int for v in fact.values()) and set(fact) <= set(FACTS)
    assert all(f.unit and f.description for f in FACTS.values())


def test_silence_is_not_a_fact() -> None:
    # A section left out states nothing; a list given is complete ([] = none).
    assert normalise_evidence(Evidence(), FILED, test_report_max_age_months=12).fact == {}
    fact = normalise_evidence(Evidence.model_validate({"certificates": []}), FILED, test_report_max_age_months=12).fact
    assert fact["food_safety_certificate_valid"] == 0 and fact["quality_management_level"] == 0
