"""Normalise a dossier's evidence into one flat fact of integers, and flag documents that do not count.

The condition language compares fields with integer literals only, and durable-rules compares
strings and floats unsafely, so everything becomes an integer here, in Python, before any engine
sees it. `FACTS` is the one table of fact fields: name, meaning, unit and which direction is better.
Conventions:

* shares → basis points (hundredths of a percent): 82.5 % → 8250; shares computed from counts
  are truncated (policy ``share-from-counts``);
* booleans → 0/1; a field is **absent** when the evidence does not state it (every comparison on
  an absent field is false in both engines, so nothing is derived from silence);
* categories → small codes or one-hot 0/1 flags, listed in `FACTS`;
* dates → day or month counts relative to `filed_on`, computed with `ocop_rules.dates`;
* a document counts only if it is valid on `filed_on` (certificates), ran on `filed_on`
  (contracts), or is not stale (test reports, policy ``test-report-max-age``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from ocop_rules.dates import add_months, whole_months
from ocop_rules.evidence import Certificate, Contract, Evidence, TestReport
from ocop_rules.evidence_report import DocumentFlag

Better = Literal["higher", "lower"] | None


@dataclass(frozen=True)
class FactField:
    """One integer fact field: what it means, its unit, and whether a higher value can only help (`better`)."""

    name: str
    description: str
    unit: str
    better: Better = "higher"

    @property
    def maximum(self) -> int | None:
        """The largest value the field can hold (None: unbounded counts and durations)."""
        if self.unit == _FLAG:
            return 1
        if self.unit == _BP:
            return 10000
        return CODE_MAXIMA.get(self.name)


_FLAG = "0/1"
_BP = "basis points (1/100 of a percent): 7500 = 75 %"
_COUNT = "count"


def _table(*rows: tuple[str, str, str] | tuple[str, str, str, Better]) -> dict[str, FactField]:
    return {r[0]: FactField(*r) for r in rows}


ORGANISATION_TYPES = ("household-business", "farm", "cooperative-group", "limited-company", "private-enterprise",
                      "joint-stock-company", "cooperative", "other")
COOPERATIVE_RATINGS = {"weak": 0, "average": 1, "fair": 2, "good": 3}
TRADEMARK_STATUS = {"none": 0, "application-filed": 1, "application-accepted": 2, "registered": 3}
LEVELS = {"national": 1, "international": 2}
DECLARATION_LEVELS = {"own": 1, "national": 2, "international": 3}
MANAGEMENT = {"none": 0, "person": 1, "department": 2}
SOCIAL_MEDIA = {"none": 0, "occasional": 1, "regular": 2}
BOOKING = {"none": 0, "own": 1, "reputable": 2}


CODE_MAXIMA = {"cooperative_rating": 3, "raw_material_area_certificate_level": 2, "quality_management_level": 2,
               "quality_declaration_level": 3, "distribution_management": 2, "social_media": 2, "trademark_status": 3,
               "tourism_online_booking": 2}
"""The top value of every field whose unit is 'code'."""


def organisation_field(kind: str) -> str:
    """One-hot fact field of an organisation type, e.g. 'organisation_cooperative'."""
    return "organisation_" + kind.replace("-", "_")


FACTS: dict[str, FactField] = _table(
    *((organisation_field(k), f"1 when the entity is a {k}, else 0 (one-hot; all present when the type is stated)", _FLAG, None)
      for k in ORGANISATION_TYPES),
    ("local_community_capital", "Joint-stock company: local community's share of the capital", _BP),
    ("cooperative_rating", "Cooperative classification: 0 weak, 1 average, 2 fair, 3 good", "code"),
    ("representative_female", "The legal representative is a woman", _FLAG),
    ("representative_ethnic_minority", "The legal representative belongs to an ethnic minority", _FLAG),
    ("representative_disability", "The legal representative is a person with a disability", _FLAG),
    ("raw_material_in_commune", "Raw material (fresh products: the product) from the commune", _BP),
    ("raw_material_in_province", "Raw material (fresh products: the product) from the province", _BP),
    ("raw_material_imported_or_unknown", "Raw material imported or of unknown origin (sum of the stated shares)", _BP, "lower"),
    ("workers_resident_in_commune", "Workers resident in the commune, of all insured workers (truncated)", _BP),
    ("profit_grew_last_year", "Profit of the year before the evaluation year (Y−1) exceeds that of Y−2", _FLAG),
    ("profit_grew_year_before", "Profit of Y−2 exceeds that of Y−3", _FLAG),
    ("food_safety_certificate_valid", "A food-safety establishment certificate is valid on the filing date", _FLAG),
    ("food_safety_certificate_days_to_expiry", "Days from filing to the expiry of the latest-expiring valid food-safety certificate",
     "days"),
    ("food_safety_exempt", "The dossier states a legal basis for needing no food-safety certificate", _FLAG),
    ("raw_material_area_certificate_level", "Best valid raw-material-area certificate: 0 none, 1 national, 2 international", "code"),
    ("quality_management_level", "Best valid quality-management certification: 0 none, 1 national, 2 international", "code"),
    ("export_eligibility_valid", "A valid export food-safety eligibility / target-market certificate", _FLAG),
    ("tourism_service_standard_valid", "A valid recognition of an establishment meeting tourist-service standards", _FLAG),
    ("tourist_site_recognised", "A valid decision recognising the tourist site", _FLAG),
    ("linkage_share", "Sales volume covered by linkage contracts running on the filing date (capped at 100 %)", _BP),
    ("linkage_over_75_months", "Whole months, up to filing, during which running linkage contracts with proof of performance "
                               "covered over 75 % every day (0 when not over 75 % on the filing date)", "months"),
    ("distribution_agents", "Distribution agent contracts running on the filing date", _COUNT),
    ("modern_channel_contracts", "Export, supermarket or e-commerce contracts running on the filing date with proof of "
                                 "performance (e-commerce: with a shop link)", _COUNT),
    ("food_safety_test_passed", "A food-safety test report, not stale, with result 'pass'", _FLAG),
    ("nutrition_indicators", "Distinct nutritional indicators stated by test reports that are not stale", _COUNT),
    ("quality_declaration_level", "Quality declaration: 0 none, 1 own standard, 2 national standards, 3 international", "code"),
    ("environment_records", "Environmental records and procedures as the law requires", _FLAG),
    ("waste_treatment_works", "Records of waste collection and treatment works", _FLAG),
    ("eco_friendly_packaging", "Records of environmentally friendly packaging", _FLAG),
    ("sustainable_technologies", "Sustainable technologies applied", _COUNT),
    ("label_bilingual", "Bilingual label", _FLAG),
    ("label_traceability_code", "Electronic traceability code on the label", _FLAG),
    ("sells_beyond_commune", "Sold outside the commune", _FLAG),
    ("distribution_management", "Distribution managed by: 0 nobody, 1 a person, 2 a unit/department", "code"),
    ("distribution_management_it", "The distribution unit uses IT in management", _FLAG),
    ("promotion_activities", "Promotion activities", _COUNT),
    ("website", "Own website", _FLAG),
    ("social_media", "Social-network promotion: 0 none, 1 occasional, 2 regular", "code"),
    ("trade_fairs_in_province", "Trade fairs and exhibitions attended in the province", _COUNT),
    ("trade_fairs_outside_province", "Trade fairs and exhibitions attended in other provinces", _COUNT),
    ("trade_fairs_international", "International trade fairs and exhibitions attended", _COUNT),
    ("story_exists", "A product story exists", _FLAG),
    ("story_documented", "The story is documented", _FLAG),
    ("story_on_leaflets", "The story is on leaflets", _FLAG),
    ("story_on_website", "The story is on a website", _FLAG),
    ("story_in_traceability", "The story is in the electronic traceability content", _FLAG),
    ("trademark_status", "Trademark: 0 none, 1 application filed, 2 application accepted/published, 3 registered", "code"),
    ("origin_sign", "Uses a geographical-origin sign tied to the local community", _FLAG),
    ("origin_sign_protected", "That sign is a state-protected GI, collective or certification mark", _FLAG, None),
    ("origin_sign_right_of_use", "A written right to use the protected sign is held", _FLAG),
    ("other_ip_titles", "Patents, industrial designs and copyright registrations (not for the trademark) granted by filing", _COUNT),
    ("hazardous_foreign_matter", "Foreign matter threatening food safety found in the samples", _FLAG, "lower"),
    ("identical_product", "Found identical to another maker's product except for its name", _FLAG, "lower"),
    ("ip_violation", "An intellectual-property infringement established by a competent authority", _FLAG, "lower"),
    ("tourism_provider_community", "Tourism case: 1 community-provided services, 0 organisation or tourist site", _FLAG, None),
    ("tourism_coordination_unit", "1.1: a coordinating unit exists", _FLAG),
    ("tourism_operation_plan", "1.1: a management/operation plan is carried out", _FLAG),
    ("tourism_waste_solutions", "1.3: concrete environmental solutions", _FLAG),
    ("tourism_environment_infrastructure", "1.3: shared environmental infrastructure", _FLAG),
    ("tourism_community_self_management", "1.3: community self-management model", _FLAG),
    ("tourism_environment_standard", "1.3: NTM environmental criteria met or an impact assessment", _FLAG),
    ("tourism_energy_saving", "1.4: energy-saving measures", _FLAG),
    ("tourism_energy_recovery_green_technology", "1.4: energy recovery, local materials, green technology", _FLAG),
    ("tourism_agents_in_province", "4.1: promotion agents in the province", _COUNT),
    ("tourism_agents_outside_province", "4.1: promotion agents outside the province", _COUNT),
    ("tourism_agents_total", "4.1: promotion agents in and outside the province together", _COUNT),
    ("tourism_linked_sites_in_province", "4.2: linked sites in the province", _COUNT),
    ("tourism_linked_sites_outside_province", "4.2: linked sites in other provinces", _COUNT),
    ("tourism_linked_sites_international", "4.2: linked sites abroad", _COUNT),
    ("tourism_online_booking", "4.4: online booking: 0 none, 1 own, 2 reputable platforms", "code"),
    ("tourism_website_foreign_language", "4.4: website also in a foreign language", _FLAG),
    ("tourism_international_promotion", "4.4: international promotion activities", _COUNT),
    ("tourism_leaflets", "4.5: leaflets", _FLAG),
    ("tourism_video_posters_publications", "4.5: video clips, posters, publications", _FLAG),
    ("tourism_materials_foreign_language", "4.5: materials in Vietnamese and a foreign language", _FLAG),
    ("tourism_story_at_site", "5.2: story presented at the site", _FLAG),
    ("tourism_story_outside_province", "5.2: story presented at sites in and outside the province", _FLAG),
    ("tourism_new_rural_standard", "5.3: commune/village recognised as meeting the NTM standard", _FLAG),
    ("tourism_business_conditions", "8: business registration and conditions met", _FLAG),
    ("tourism_safety_conditions", "9: security, fire, environment and food-safety conditions met", _FLAG),
    ("tourism_staff_training", "9: regular staff training", _FLAG),
    ("tourism_staff_trained", "12: trained staff, of all management and service staff (truncated)", _BP),
    ("tourism_receptionist_foreign_language", "12: a receptionist fluent in a foreign language", _FLAG),
)


@dataclass
class Normalised:
    """The evidence as one engine fact, plus the documents that did not count on the filing date."""

    fact: dict[str, int] = field(default_factory=dict)
    documents: list[DocumentFlag] = field(default_factory=list)


def bp(percent: Decimal) -> int:
    """A percent with at most 2 decimals as exact basis points: 82.5 → 8250."""
    return int(percent * 100)


def share_bp(part: int, whole: int) -> int:
    """part/whole in basis points, truncated: exact for 'from X %' and 'under X %' comparisons."""
    return part * 10000 // whole


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


def valid_on(c: Certificate, day: dt.date) -> bool:
    """A certificate counts on `day` when issued by then and not expired (no end date: no expiry)."""
    return c.issued_on <= day and (c.expires_on is None or day <= c.expires_on)


def running_on(c: Contract, day: dt.date) -> bool:
    """A contract counts on `day` only while it runs: starts_on ≤ day ≤ ends_on (open-ended: no end)."""
    return c.starts_on <= day and (c.ends_on is None or day <= c.ends_on)


def fresh(r: TestReport, filed_on: dt.date, max_age_months: int) -> bool:
    """A test report counts when dated on or before filing and not before filing − `max_age_months` (Art. 148.2 months)."""
    return add_months(filed_on, -max_age_months) <= r.tested_on <= filed_on


MODERN_CHANNELS = ("export", "supermarket", "e-commerce")


def proven_channel(c: Contract) -> bool:
    """4.1's top option wants the contract 'và tài liệu minh chứng thực hiện hợp đồng' (e-commerce: and the shop link)."""
    return c.performance_evidence and (c.kind != "e-commerce" or bool(c.shop_url))


def linkage_share_on(contracts: Iterable[Contract], day: dt.date) -> int:
    """Basis points of sales covered by the linkage contracts running on `day`, capped at 10000."""
    total = sum(bp(c.share_of_sales_percent) for c in contracts
                if c.kind == "linkage" and c.share_of_sales_percent is not None and running_on(c, day))
    return min(total, 10000)


def over_75_since(contracts: list[Contract], filed_on: dt.date) -> dt.date | None:
    """First day of the unbroken period ending on `filed_on` in which linkage contracts covered over 75 % every day.

    Only contracts with proof of performance count: 1.5's top option asks that the contracts were carried
    out ('tổ chức thực hiện hợp đồng ổn định'). None when the share on `filed_on` is not over 75 %.
    """
    performed = [c for c in contracts if c.kind == "linkage" and c.performance_evidence]
    if linkage_share_on(performed, filed_on) <= 7500:
        return None
    # The covered share changes only on a start day or on the day after an end day; before the first
    # start day it is 0, so walking back through those days always ends on one of them.
    changes = sorted({c.starts_on for c in performed} | {c.ends_on + dt.timedelta(days=1) for c in performed if c.ends_on})
    for day in reversed([d for d in changes if d <= filed_on]):
        if linkage_share_on(performed, day - dt.timedelta(days=1)) <= 7500:
            return day
    raise AssertionError("unreachable: the share is 0 before the first start day")


def _certificates(ev: Evidence, filed_on: dt.date, out: Normalised) -> None:
    certs = ev.certificates
    if certs is None:
        return
    valid = [c for c in certs if valid_on(c, filed_on)]
    for c in certs:
        name = f"certificate {c.number} ({c.kind})"
        if c.expires_on is not None and c.expires_on < filed_on:
            out.documents.append(DocumentFlag(document=name, issue="expired", date=c.expires_on,
                                              message_vi=f"Giấy chứng nhận {c.number} hết hạn ngày {c.expires_on:%d/%m/%Y}, trước ngày nộp hồ sơ",
                                              message_en=f"Certificate {c.number} expired on {c.expires_on.isoformat()}, before filing"))
        elif c.issued_on > filed_on:
            out.documents.append(DocumentFlag(document=name, issue="not-yet-valid", date=c.issued_on,
                                              message_vi=f"Giấy chứng nhận {c.number} cấp ngày {c.issued_on:%d/%m/%Y}, sau ngày nộp hồ sơ",
                                              message_en=f"Certificate {c.number} was issued on {c.issued_on.isoformat()}, after filing"))
    f = out.fact
    food = [c for c in valid if c.kind == "food-safety-establishment"]
    f["food_safety_certificate_valid"] = int(bool(food))
    ends = [c.expires_on for c in food if c.expires_on is not None]
    if food and len(ends) == len(food):
        f["food_safety_certificate_days_to_expiry"] = (max(ends) - filed_on).days
    f["food_safety_exempt"] = int(ev.food_safety_exemption is not None)
    for kind, name in (("raw-material-area", "raw_material_area_certificate_level"), ("quality-management", "quality_management_level")):
        f[name] = max((LEVELS[c.level] for c in valid if c.kind == kind and c.level), default=0)
    f["export_eligibility_valid"] = int(any(c.kind == "export-eligibility" for c in valid))
    f["tourism_service_standard_valid"] = int(any(c.kind == "tourism-service-standard" for c in valid))
    f["tourist_site_recognised"] = int(any(c.kind == "tourist-site-recognition" for c in valid))


def _contracts(ev: Evidence, filed_on: dt.date, out: Normalised) -> None:
    contracts = ev.contracts
    if contracts is None:
        return
    for c in contracts:
        name = f"contract {c.number or c.counterparty} ({c.kind})"
        if not running_on(c, filed_on):
            when, what_vi, what_en = ((c.ends_on, "đã kết thúc ngày", "ended on") if c.ends_on and c.ends_on < filed_on
                                      else (c.starts_on, "bắt đầu ngày", "starts on"))
            assert when is not None
            out.documents.append(DocumentFlag(document=name, issue="not-running", date=when,
                                              message_vi=f"Hợp đồng {c.number or c.counterparty} {what_vi} {when:%d/%m/%Y}: không tính tại ngày nộp hồ sơ",
                                              message_en=f"Contract {c.number or c.counterparty} {what_en} {when.isoformat()}: it does not count on the filing date"))
        elif c.kind in MODERN_CHANNELS and not proven_channel(c):
            vi, en = (("thiếu tài liệu minh chứng thực hiện hợp đồng", "no proof that it was carried out") if not c.performance_evidence
                      else ("thiếu đường dẫn gian hàng điện tử", "no link to the online shop"))
            out.documents.append(DocumentFlag(document=name, issue="unproven", date=c.starts_on,
                                              message_vi=f"Hợp đồng {c.number or c.counterparty}: {vi}, không tính cho tiêu chí 4.1",
                                              message_en=f"Contract {c.number or c.counterparty}: {en}; it does not count for criterion 4.1"))
    f = out.fact
    f["linkage_share"] = linkage_share_on(contracts, filed_on)
    since = over_75_since(list(contracts), filed_on)
    f["linkage_over_75_months"] = whole_months(since, filed_on) if since else 0
    running = [c for c in contracts if running_on(c, filed_on)]
    f["distribution_agents"] = sum(1 for c in running if c.kind == "distribution-agent")
    f["modern_channel_contracts"] = sum(1 for c in running if c.kind in MODERN_CHANNELS and proven_channel(c))


def _tests(ev: Evidence, filed_on: dt.date, max_age: int, out: Normalised) -> None:
    reports = ev.test_reports
    if reports is None:
        return
    current = [r for r in reports if fresh(r, filed_on, max_age)]
    for r in reports:
        name = f"test report {r.number}"
        if r.tested_on > filed_on:
            out.documents.append(DocumentFlag(document=name, issue="not-yet-valid", date=r.tested_on,
                                              message_vi=f"Phiếu kiểm nghiệm {r.number} đề ngày {r.tested_on:%d/%m/%Y}, sau ngày nộp hồ sơ",
                                              message_en=f"Test report {r.number} is dated {r.tested_on.isoformat()}, after filing"))
        elif r not in current:
            out.documents.append(DocumentFlag(document=name, issue="stale", date=r.tested_on,
                                              message_vi=f"Phiếu kiểm nghiệm {r.number} ngày {r.tested_on:%d/%m/%Y} đã quá {max_age} tháng tính đến ngày nộp hồ sơ",
                                              message_en=f"Test report {r.number} of {r.tested_on.isoformat()} is older than {max_age} months at filing"))
        if r.result == "fail":
            out.documents.append(DocumentFlag(document=name, issue="failed", date=r.tested_on,
                                              message_vi=f"Phiếu kiểm nghiệm {r.number}: kết quả không đạt",
                                              message_en=f"Test report {r.number}: result fail"))
    out.fact["food_safety_test_passed"] = int(any("food-safety" in r.scopes and r.result == "pass" for r in current))
    out.fact["nutrition_indicators"] = len({n.casefold() for r in current for n in r.nutrition_indicators})


def _entity(ev: Evidence, out: Normalised) -> None:
    e, f = ev.entity, out.fact
    if e is None:
        return
    if e.organisation_type is not None:
        for kind in ORGANISATION_TYPES:
            f[organisation_field(kind)] = int(kind == e.organisation_type)
    if e.local_community_capital_percent is not None:
        f["local_community_capital"] = bp(e.local_community_capital_percent)
    if e.cooperative_rating is not None:
        f["cooperative_rating"] = COOPERATIVE_RATINGS[e.cooperative_rating]
    r = e.legal_representative
    if r is not None:
        _put(f, "representative_female", None if r.gender is None else int(r.gender == "female"))
        _put(f, "representative_ethnic_minority", _flag(r.ethnic_minority))
        _put(f, "representative_disability", _flag(r.disability))


def _put(fact: dict[str, int], name: str, value: int | None) -> None:
    if value is not None:
        fact[name] = value


def _growth(ev: Evidence, filed_on: dt.date, out: Normalised) -> None:
    if ev.business_results is None:
        return
    profit = ev.business_results.profit_by_year
    y = filed_on.year - 1  # policy evaluation-year: the year of filing is the evaluation year
    if y in profit and y - 1 in profit:
        out.fact["profit_grew_last_year"] = int(profit[y] > profit[y - 1])
    if y - 1 in profit and y - 2 in profit:
        out.fact["profit_grew_year_before"] = int(profit[y - 1] > profit[y - 2])


def _simple(ev: Evidence, filed_on: dt.date, out: Normalised) -> None:
    f = out.fact
    if (rm := ev.raw_material) is not None:
        for name, value in (("raw_material_in_commune", rm.in_commune_percent), ("raw_material_in_province", rm.in_province_percent)):
            if value is not None:
                f[name] = bp(value)
        stated = [p for p in (rm.imported_percent, rm.unknown_origin_percent) if p is not None]
        if stated:
            f["raw_material_imported_or_unknown"] = bp(sum(stated, Decimal(0)))
    if (lab := ev.labour) is not None:
        f["workers_resident_in_commune"] = share_bp(lab.workers_resident_in_commune, lab.workers_total)
    if (q := ev.quality_declaration) is not None:
        f["quality_declaration_level"] = DECLARATION_LEVELS[q.standard_level or "own"] if q.declared else 0
    if (env := ev.environment) is not None:
        _put(f, "environment_records", _flag(env.records_per_law))
        _put(f, "waste_treatment_works", _flag(env.waste_treatment_works))
        _put(f, "eco_friendly_packaging", _flag(env.eco_friendly_packaging))
        if env.sustainable_technology is not None:
            f["sustainable_technologies"] = len(set(env.sustainable_technology))
    if (lab2 := ev.labelling) is not None:
        _put(f, "label_bilingual", _flag(lab2.bilingual))
        _put(f, "label_traceability_code", _flag(lab2.electronic_traceability_code))
    if (d := ev.distribution) is not None:
        _put(f, "sells_beyond_commune", _flag(d.sells_beyond_commune))
        _put(f, "distribution_management", None if d.management is None else MANAGEMENT[d.management])
        _put(f, "distribution_management_it", _flag(d.management_it))
    if (p := ev.promotion) is not None:
        _put(f, "promotion_activities", p.activities)
        _put(f, "website", _flag(p.website))
        _put(f, "social_media", None if p.social_media is None else SOCIAL_MEDIA[p.social_media])
        if p.trade_fairs is not None:
            held = [t for t in p.trade_fairs if t.held_on <= filed_on]
            f["trade_fairs_in_province"] = sum(1 for t in held if t.scope == "province")
            f["trade_fairs_outside_province"] = sum(1 for t in held if t.scope == "outside-province")
            f["trade_fairs_international"] = sum(1 for t in held if t.scope == "international")
    if (s := ev.product_story) is not None:
        for name, told in (("story_exists", s.exists), ("story_documented", s.documented), ("story_on_leaflets", s.on_leaflets),
                           ("story_on_website", s.on_website), ("story_in_traceability", s.in_traceability_content)):
            _put(f, name, _flag(told))
    if (ip := ev.intellectual_property) is not None:
        _put(f, "trademark_status", None if ip.trademark is None else TRADEMARK_STATUS[ip.trademark])
        _put(f, "origin_sign", _flag(ip.origin_sign))
        _put(f, "origin_sign_protected", _flag(ip.origin_sign_protected))
        _put(f, "origin_sign_right_of_use", _flag(ip.right_of_use))
        if ip.other_titles is not None:
            f["other_ip_titles"] = sum(1 for t in ip.other_titles if not t.for_trademark and t.issued_on <= filed_on)
    if (ins := ev.inspection) is not None:
        f["hazardous_foreign_matter"] = int(ins.hazardous_foreign_matter is not None)
        f["identical_product"] = int(ins.identical_product is not None)
        f["ip_violation"] = int(ins.ip_violation is not None)


def _tourism(ev: Evidence, out: Normalised) -> None:
    t, f = ev.tourism, out.fact
    if t is None:
        return
    _put(f, "tourism_provider_community", None if t.provider is None else int(t.provider == "community"))
    for name, value in (
        ("coordination_unit", t.coordination_unit), ("operation_plan", t.operation_plan), ("waste_solutions", t.waste_solutions),
        ("environment_infrastructure", t.environment_infrastructure), ("community_self_management", t.community_self_management),
        ("environment_standard", t.environment_standard), ("energy_saving", t.energy_saving),
        ("energy_recovery_green_technology", t.energy_recovery_green_technology),
        ("website_foreign_language", t.website_foreign_language), ("leaflets", t.leaflets),
        ("video_posters_publications", t.video_posters_publications), ("materials_foreign_language", t.materials_foreign_language),
        ("story_at_site", t.story_presented_at_site), ("story_outside_province", t.story_presented_outside_province),
        ("new_rural_standard", t.new_rural_standard), ("business_conditions", t.business_conditions),
        ("safety_conditions", t.safety_conditions), ("staff_training", t.staff_training),
        ("receptionist_foreign_language", t.receptionist_foreign_language),
    ):
        _put(f, "tourism_" + name, _flag(value))
    for name, count in (
        ("agents_in_province", t.promotion_agents_in_province), ("agents_outside_province", t.promotion_agents_outside_province),
        ("linked_sites_in_province", t.linked_sites_in_province), ("linked_sites_outside_province", t.linked_sites_outside_province),
        ("linked_sites_international", t.linked_sites_international), ("international_promotion", t.international_promotion_activities),
    ):
        _put(f, "tourism_" + name, count)
    if t.promotion_agents_in_province is not None and t.promotion_agents_outside_province is not None:
        f["tourism_agents_total"] = t.promotion_agents_in_province + t.promotion_agents_outside_province
    _put(f, "tourism_online_booking", None if t.online_booking is None else BOOKING[t.online_booking])
    if t.staff_total is not None and t.staff_trained is not None:
        f["tourism_staff_trained"] = share_bp(t.staff_trained, t.staff_total)


def normalise_evidence(ev: Evidence, filed_on: dt.date, *, test_report_max_age_months: int) -> Normalised:
    """The evidence as integer facts relative to `filed_on`, and the documents that do not count on that day."""
    out = Normalised()
    _entity(ev, out)
    _simple(ev, filed_on, out)
    _growth(ev, filed_on, out)
    _certificates(ev, filed_on, out)
    _contracts(ev, filed_on, out)
    _tests(ev, filed_on, test_report_max_age_months, out)
    _tourism(ev, out)
    unknown = set(out.fact) - set(FACTS)
    assert not unknown, f"facts missing from the FACTS table: {sorted(unknown)}"
    out.fact = dict(sorted(out.fact.items()))
    return out
