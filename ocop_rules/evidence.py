"""The evidence section of a dossier: typed facts behind the self-assessment (Form 02) and the commune's check (Form 03).

Decision 26/2026, Annex III, Form 02 Part III lists the documents a producer attaches for each
criterion; Form 03 is the commune's report on raw material, local labour, the product idea and
local identity (Art. 7.2a). This module types those facts so that `ocop_rules.derivation` can
derive options from them. Conventions, stated once:

* Every share is a **percent**: a decimal from 0 to 100 with at most two decimals (82.5 means
  82.5 %). No field takes a fraction of 1.
* Money is in **đồng** (VND), whole numbers. Dates are ISO dates (YYYY-MM-DD).
* A section or field left out (null) is *not stated*: nothing is derived from it. A list that is
  given is *complete*: an empty list states that there is none.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Percent = Annotated[Decimal, Field(ge=0, le=100, decimal_places=2)]
"""A share in percent, 0-100, at most two decimals: the one unit of every share in the dossier."""

Level = Literal["national", "international"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _nfc(cls, value: Any) -> Any:
        """Text is stored in NFC, as everywhere in the dossier."""
        return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _pct(description: str, example: float) -> Any:
    return Field(None, description=f"{description} Unit: percent, 0-100, at most 2 decimals.", examples=[example])


class LegalRepresentative(_Model):
    """The entity's legal representative (Form 02 Part I item 5; criterion 3.2 of every sheet)."""

    name: str | None = Field(None, description="Full name (Họ tên).", examples=["H'Hen Niê"])
    gender: Literal["female", "male"] | None = Field(
        None, description="Giới tính as written on Form 02: 'female' (nữ) or 'male' (nam).", examples=["female"])
    ethnicity: str | None = Field(None, description="Dân tộc, as written on Form 02, e.g. 'Kinh', 'Ê Đê'.", examples=["Ê Đê"])
    ethnic_minority: bool | None = Field(
        None, description="True when the representative belongs to an ethnic minority (đồng bào dân tộc thiểu số), "
                          "i.e. any of Vietnam's ethnic groups other than Kinh.", examples=[True])
    disability: bool | None = Field(
        None, description="True when the representative is a person with a disability (người khuyết tật) "
                          "holding a disability certificate.", examples=[False])

    @model_validator(mode="after")
    def _kinh_is_not_a_minority(self) -> LegalRepresentative:
        if self.ethnic_minority and self.ethnicity and self.ethnicity.casefold() == "kinh":
            raise ValueError("ethnicity 'Kinh' is the majority group: ethnic_minority cannot be true")
        return self


OrganisationType = Literal[
    "household-business", "farm", "cooperative-group", "limited-company", "private-enterprise",
    "joint-stock-company", "cooperative", "other",
]


class Entity(_Model):
    """The OCOP entity (chủ thể OCOP): legal form, registration, rating, representative (Form 02 Part I)."""

    organisation_type: OrganisationType | None = Field(
        None, description="Loại hình tổ chức: household-business (hộ sản xuất/hộ gia đình có đăng ký kinh doanh), "
                          "farm (trang trại), cooperative-group (tổ hợp tác), limited-company (công ty TNHH), "
                          "private-enterprise (doanh nghiệp tư nhân), joint-stock-company (công ty cổ phần), "
                          "cooperative (hợp tác xã), other (các đối tượng còn lại).", examples=["limited-company"])
    registration_number: str | None = Field(None, description="Business or cooperative registration number (số giấy đăng ký).",
                                            examples=["6001234567"])
    registered_on: dt.date | None = Field(None, description="Date of establishment or business registration.",
                                          examples=["2015-03-12"])
    local_community_capital_percent: Percent | None = _pct(
        "Joint-stock companies only: share of the charter capital contributed by the local community "
        "(vốn góp của cộng đồng người địa phương).", 62.5)
    cooperative_rating: Literal["good", "fair", "average", "weak"] | None = Field(
        None, description="Cooperatives only: latest classification (xếp loại hợp tác xã): good (tốt), fair (khá), "
                          "average (trung bình), weak (yếu).", examples=["fair"])
    legal_representative: LegalRepresentative | None = Field(None, description="The legal representative (Form 02 item 5).")

    @model_validator(mode="after")
    def _fields_of_the_type(self) -> Entity:
        if self.cooperative_rating is not None and self.organisation_type not in (None, "cooperative"):
            raise ValueError("cooperative_rating applies only to a cooperative (organisation_type: cooperative)")
        if self.local_community_capital_percent is not None and self.organisation_type not in (None, "joint-stock-company"):
            raise ValueError("local_community_capital_percent applies only to a joint-stock company")
        return self


class RawMaterial(_Model):
    """Origin of the raw material (for fresh products: of the product itself), checked by the commune (Form 03 item 1)."""

    in_commune_percent: Percent | None = _pct(
        "Share grown, raised or sourced within the commune (trên địa bàn cấp xã).", 80)
    in_province_percent: Percent | None = _pct(
        "Share originating in the province (có nguồn gốc trong tỉnh / trên địa bàn cấp tỉnh), the commune's share included.", 95)
    imported_percent: Percent | None = _pct("Share imported (nhập khẩu).", 0)
    unknown_origin_percent: Percent | None = _pct("Share of unknown origin (không rõ nguồn gốc).", 0)

    @model_validator(mode="after")
    def _shares_add_up(self) -> RawMaterial:
        if self.in_commune_percent is not None and self.in_province_percent is not None \
                and self.in_commune_percent > self.in_province_percent:
            raise ValueError("in_commune_percent cannot exceed in_province_percent (the commune lies in the province)")
        parts = [p for p in (self.in_province_percent, self.imported_percent, self.unknown_origin_percent) if p is not None]
        if sum(parts, Decimal(0)) > 100:
            raise ValueError("in_province_percent + imported_percent + unknown_origin_percent exceed 100")
        return self


class Labour(_Model):
    """Workers and where they live (Form 02: 'danh sách lao động đóng bảo hiểm ... bao gồm cả nơi thường trú')."""

    workers_total: int = Field(ge=1, description="Workers on the insured list. Unit: persons.", examples=[24])
    workers_resident_in_commune: int = Field(
        ge=0, description="Of them, workers whose permanent residence is in the commune (người trên địa bàn cấp xã). "
                          "Unit: persons.", examples=[19])

    @model_validator(mode="after")
    def _part_of_total(self) -> Labour:
        if self.workers_resident_in_commune > self.workers_total:
            raise ValueError("workers_resident_in_commune cannot exceed workers_total")
        return self


class BusinessResults(_Model):
    """Business growth (criterion 3.4): profits from the financial statements of the latest years."""

    profit_by_year: dict[int, int] = Field(
        description="Calendar year -> profit after tax (lợi nhuận sau thuế) from the financial statements. Unit: đồng (VND); "
                    "a loss is negative. 3.4 compares the year before the evaluation year with the years before it.",
        examples=[{2023: 410_000_000, 2024: 520_000_000, 2025: 615_000_000}])


CertificateKind = Literal[
    "food-safety-establishment", "raw-material-area", "quality-management", "export-eligibility",
    "tourism-service-standard", "tourist-site-recognition",
]


class Certificate(_Model):
    """A certificate or official recognition, valid from its issue date to its expiry date."""

    kind: CertificateKind = Field(
        description="food-safety-establishment: giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm; raw-material-area: "
                    "quality certificate of the raw-material area (VietGAP, GlobalGAP, organic...); quality-management: "
                    "quality-management certification of the processing/packing establishment (ISO, HACCP, BRC...); "
                    "export-eligibility: food-safety eligibility for export and the target market's formalities (FDA, Halal...); "
                    "tourism-service-standard: establishment meeting the standard for serving tourists (Law on Tourism); "
                    "tourist-site-recognition: decision recognising a tourist site.", examples=["food-safety-establishment"])
    standard: str | None = Field(None, description="The standard or scheme certified against, as printed.", examples=["VietGAP"])
    level: Level | None = Field(
        None, description="For raw-material-area and quality-management: whether the standard is national (TCVN, VietGAP...) "
                          "or international (ISO, GlobalGAP...).", examples=["national"])
    number: str = Field(description="Certificate number as printed.", examples=["215/2024/NNPTNT-ĐL"])
    issuer: str = Field(description="Issuing body.", examples=["Chi cục Quản lý chất lượng Nông lâm sản và Thủy sản Đắk Lắk"])
    issued_on: dt.date = Field(description="Issue date.", examples=["2024-06-10"])
    expires_on: dt.date | None = Field(None, description="Last day of validity; null when the document has no end date.",
                                       examples=["2027-06-10"])

    @model_validator(mode="after")
    def _consistent(self) -> Certificate:
        if self.expires_on is not None and self.expires_on < self.issued_on:
            raise ValueError("expires_on is before issued_on")
        if self.kind in ("raw-material-area", "quality-management") and self.level is None:
            raise ValueError(f"a {self.kind} certificate needs its level: national or international")
        return self


ContractKind = Literal["linkage", "distribution-agent", "export", "supermarket", "e-commerce"]


class Contract(_Model):
    """A contract, counted only for the days it runs (from `starts_on` to `ends_on`)."""

    kind: ContractKind = Field(
        description="linkage: production/consumption linkage contract (hợp đồng liên kết, criterion 1.5); distribution-agent: "
                    "distribution representative or agent (đại diện/đại lý phân phối); export, supermarket, e-commerce: the "
                    "modern channels of criterion 4.1's top option.", examples=["linkage"])
    counterparty: str = Field(description="The other party.", examples=["HTX Nông nghiệp Cư M'gar"])
    number: str | None = Field(None, description="Contract number, if any.", examples=["12/2025/HĐLK"])
    share_of_sales_percent: Percent | None = _pct(
        "Linkage contracts: share of the product's sales volume (sản lượng tiêu thụ) the contract covers.", 40)
    starts_on: dt.date = Field(description="First day the contract runs.", examples=["2025-01-01"])
    ends_on: dt.date | None = Field(None, description="Last day the contract runs; null when open-ended.", examples=["2027-12-31"])
    performance_evidence: bool = Field(
        False, description="True when documents prove the contract was carried out (invoices, delivery notes: "
                           "'tài liệu minh chứng thực hiện hợp đồng').", examples=[True])
    shop_url: str | None = Field(None, description="E-commerce contracts: link to the online shop (đường dẫn gian hàng điện tử).",
                                 examples=["https://shopee.vn/kiencuongcoffee"])

    @model_validator(mode="after")
    def _consistent(self) -> Contract:
        if self.ends_on is not None and self.ends_on < self.starts_on:
            raise ValueError("ends_on is before starts_on")
        if self.kind == "linkage" and self.share_of_sales_percent is None:
            raise ValueError("a linkage contract needs share_of_sales_percent")
        return self


class TestReport(_Model):
    """A laboratory test report (phiếu kết quả kiểm nghiệm)."""

    number: str = Field(description="Report number.", examples=["KN-2026-0815"])
    laboratory: str = Field(description="The testing laboratory.", examples=["Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Đắk Lắk"])
    tested_on: dt.date = Field(description="Date of the report (ngày trả kết quả).", examples=["2026-05-20"])
    scopes: list[Literal["food-safety", "nutrition", "quality"]] = Field(
        min_length=1, description="What it tests: food-safety indicators (chỉ tiêu an toàn thực phẩm), nutritional "
                                  "indicators, quality indicators of the declared standard.", examples=[["food-safety", "quality"]])
    result: Literal["pass", "fail"] = Field(description="pass: every tested indicator meets its limit; fail otherwise.",
                                            examples=["pass"])
    nutrition_indicators: list[str] = Field(
        default_factory=list, description="Nutritional indicators whose content the report states (protein, lipid, vitamin C...).",
        examples=[["protein", "lipid", "caffeine"]])

    __test__ = False  # a model, not a pytest test class


class QualityDeclaration(_Model):
    """The product quality declaration (công bố chất lượng sản phẩm; criterion 8 of set 13, 9 of set 1)."""

    declared: bool = Field(description="True when the product's quality has been declared as required.", examples=[True])
    standard_level: Literal["own", "national", "international"] | None = Field(
        None, description="The standard applied: own (tiêu chuẩn cơ sở), national (TCVN, QCVN) or international (ISO, Codex...).",
        examples=["national"])
    standard: str | None = Field(None, description="The standard's code as printed.", examples=["TCVN 4193:2014"])
    declared_on: dt.date | None = Field(None, description="Date of the declaration.", examples=["2025-11-02"])


class Environment(_Model):
    """Environmental records and sustainable technology (Form 02: 'Bảo vệ môi trường, sử dụng công nghệ theo hướng bền vững')."""

    records_per_law: bool | None = Field(
        None, description="Environmental records and procedures as the law requires (hồ sơ, thủ tục về môi trường: "
                          "environmental permit, registration or impact assessment).", examples=[True])
    waste_treatment_works: bool | None = Field(
        None, description="Records proving waste collection and treatment works (công trình thu gom và xử lý chất thải).",
        examples=[True])
    eco_friendly_packaging: bool | None = Field(
        None, description="Records proving environmentally friendly packaging (bao gói thân thiện với môi trường).",
        examples=[False])
    sustainable_technology: list[Literal["raw-material-saving", "fuel-saving", "waste-recycling", "by-product-reuse"]] | None = Field(
        None, description="Sustainable technologies applied in production (công nghệ theo hướng bền vững): saving raw "
                          "material, saving fuel, treating/recycling waste, recovering and reusing by-products. [] states none.",
        examples=[["by-product-reuse"]])


class Labelling(_Model):
    """What the label carries (criteria 2.3 and 2.4)."""

    bilingual: bool | None = Field(
        None, description="The label is in Vietnamese and English or another foreign language (song ngữ).", examples=[True])
    electronic_traceability_code: bool | None = Field(
        None, description="The label carries an electronic traceability code (mã truy xuất nguồn gốc điện tử, e.g. a QR code).",
        examples=[True])


class Distribution(_Model):
    """Where and how the product is sold (criteria 4.1 and 4.2); agents and channels are in `contracts`."""

    sells_beyond_commune: bool | None = Field(
        None, description="The product is sold outside the commune (thị trường ngoài địa bàn cấp xã).", examples=[True])
    management: Literal["none", "person", "department"] | None = Field(
        None, description="Who manages distribution: none, a responsible person (người chịu trách nhiệm), or a unit/department "
                          "(bộ phận/phòng).", examples=["department"])
    management_it: bool | None = Field(
        None, description="The distribution unit uses information technology in management (sales or distribution software).",
        examples=[True])


class TradeFair(_Model):
    """A trade promotion event, fair or exhibition attended."""

    name: str = Field(description="Name of the event.", examples=["Lễ hội Cà phê Buôn Ma Thuột lần thứ 9"])
    held_on: dt.date = Field(description="First day of the event.", examples=["2025-03-09"])
    scope: Literal["province", "outside-province", "international"] = Field(
        description="province: held in the province; outside-province: in another province; international: abroad or "
                    "an international fair.", examples=["province"])


class Promotion(_Model):
    """Promotion of the product (criterion 4.3; 4.4 on the tourism sheet)."""

    activities: int | None = Field(
        None, ge=0, description="Number of promotion activities documented (hoạt động quảng bá sản phẩm). Unit: activities.",
        examples=[6])
    website: bool | None = Field(None, description="The establishment has its own website (website của cơ sở).", examples=[True])
    social_media: Literal["none", "occasional", "regular"] | None = Field(
        None, description="Promotion on social networks: none, occasional, or regular (hoạt động thường xuyên).",
        examples=["regular"])
    trade_fairs: list[TradeFair] | None = Field(None, description="Trade promotion events, fairs and exhibitions attended.")


class ProductStory(_Model):
    """The product story and where it is shown (criterion 5.1)."""

    exists: bool | None = Field(None, description="There is a product story (câu chuyện sản phẩm).", examples=[True])
    documented: bool | None = Field(None, description="The story is documented in writing (được tư liệu hóa).", examples=[True])
    on_leaflets: bool | None = Field(None, description="The story is shown on leaflets (tờ rơi).", examples=[True])
    on_website: bool | None = Field(None, description="The story is shown on a website (images, clips...).", examples=[True])
    in_traceability_content: bool | None = Field(
        None, description="The story is part of the electronic traceability content (nội dung truy xuất nguồn gốc điện tử).",
        examples=[True])


class IpTitle(_Model):
    """An industrial-property or copyright title other than the trademark (criterion 3.5, top option)."""

    kind: Literal["invention-patent", "utility-solution-patent", "industrial-design-patent", "copyright-registration"] = Field(
        description="Bằng sáng chế, Bằng độc quyền giải pháp hữu ích, Bằng độc quyền kiểu dáng công nghiệp, or Giấy chứng nhận "
                    "đăng ký quyền tác giả.", examples=["industrial-design-patent"])
    number: str = Field(description="Title number.", examples=["3-0012345"])
    issued_on: dt.date = Field(description="Grant date.", examples=["2024-08-15"])
    for_trademark: bool = Field(
        False, description="True for a copyright registration of the trademark itself, which 3.5 does not count.", examples=[False])


class IntellectualProperty(_Model):
    """Trademark, geographical-origin sign and other titles (Form 02 Part I item 7d; criterion 3.5)."""

    trademark: Literal["none", "application-filed", "application-accepted", "registered"] | None = Field(
        None, description="none; application-filed (đơn đã nộp); application-accepted (đơn đã được chấp nhận hoặc công bố, past "
                          "the formal examination); registered (Giấy chứng nhận đăng ký nhãn hiệu granted).", examples=["registered"])
    trademark_number: str | None = Field(None, description="Application or registration number.", examples=["4-0456789-000"])
    origin_sign: bool | None = Field(
        None, description="The product uses a sign of geographical origin tied to the local community (dấu hiệu chỉ dẫn nguồn "
                          "gốc địa lý gắn với cộng đồng địa phương).", examples=[True])
    origin_sign_protected: bool | None = Field(
        None, description="That sign is a state-protected geographical indication, collective mark or certification mark.",
        examples=[True])
    right_of_use: bool | None = Field(
        None, description="A written right to use the protected sign is held (văn bản ghi nhận quyền sử dụng).", examples=[True])
    other_titles: list[IpTitle] | None = Field(None, description="Patents, industrial designs, copyright registrations. [] states none.")


class Inspection(_Model):
    """Adverse findings that disqualify the product or stop its evaluation (Annex II notes)."""

    hazardous_foreign_matter: str | None = Field(
        None, description="Foreign matter threatening food safety found in the product samples (soil, insects, hair...): what "
                          "was found. Null when none.", examples=[None])
    identical_product: str | None = Field(
        None, description="Another maker's product found identical to this one except for the product or maker name: which "
                          "product, and who found it. Null when none.", examples=[None])
    ip_violation: str | None = Field(
        None, description="An intellectual-property infringement established by a competent authority: the decision. "
                          "Null when none.", examples=[None])


class PreviousCertificate(_Model):
    """The OCOP certificate being renewed (re-evaluation, Art. 7.6)."""

    number: str = Field(description="Certificate number.", examples=["125/QĐ-UBND"])
    stars: int = Field(ge=3, le=5, description="Stars recognised.", examples=[4])
    issued_on: dt.date = Field(description="Date the recognition decision was issued.", examples=["2023-11-20"])
    expires_on: dt.date | None = Field(
        None, description="Expiry date as printed; when null it is computed as 36 months after issue (Art. 4.3).",
        examples=["2026-11-20"])


class Tourism(_Model):
    """Facts of the tourism sheet (set 26) that no other sheet asks for."""

    provider: Literal["community", "organisation"] | None = Field(
        None, description="Case of criteria 8, 9 and 15: community (dịch vụ do cộng đồng cung cấp) or organisation (điểm "
                          "dịch vụ du lịch / tổ chức, cá nhân cung cấp).", examples=["community"])
    coordination_unit: bool | None = Field(None, description="1.1: a unit coordinating and operating the services exists.")
    operation_plan: bool | None = Field(None, description="1.1: it has a management/operation plan and carries it out.")
    waste_solutions: bool | None = Field(None, description="1.3: concrete environmental solutions (waste and waste-water collection).")
    environment_infrastructure: bool | None = Field(None, description="1.3: shared environmental infrastructure is installed.")
    community_self_management: bool | None = Field(None, description="1.3: a community self-management model for the environment.")
    environment_standard: bool | None = Field(
        None, description="1.3: the NTM environmental criteria are met, or an environmental impact assessment exists.")
    energy_saving: bool | None = Field(None, description="1.4: concrete energy-saving measures.")
    energy_recovery_green_technology: bool | None = Field(
        None, description="1.4: energy recovery and reuse, local materials and environmentally friendly technology.")
    promotion_agents_in_province: int | None = Field(None, ge=0, description="4.1: promotion agents in the province. Unit: agents.")
    promotion_agents_outside_province: int | None = Field(None, ge=0, description="4.1: promotion agents outside the province. Unit: agents.")
    linked_sites_in_province: int | None = Field(None, ge=0, description="4.2: linked tourism sites in the province. Unit: sites.")
    linked_sites_outside_province: int | None = Field(None, ge=0, description="4.2: linked sites in other provinces. Unit: sites.")
    linked_sites_international: int | None = Field(None, ge=0, description="4.2: linked sites abroad. Unit: sites.")
    online_booking: Literal["none", "own", "reputable"] | None = Field(
        None, description="4.4: online booking channel: none, own, or reputable domestic and international platforms (Booking, Agoda...).")
    website_foreign_language: bool | None = Field(None, description="4.4: the website is also in a foreign language.")
    international_promotion_activities: int | None = Field(None, ge=0, description="4.4: international promotion activities. Unit: activities.")
    leaflets: bool | None = Field(None, description="4.5: promotional leaflets (tờ rơi).")
    video_posters_publications: bool | None = Field(None, description="4.5: video clips, posters and publications.")
    materials_foreign_language: bool | None = Field(None, description="4.5: those materials exist in Vietnamese and at least one foreign language.")
    story_presented_at_site: bool | None = Field(None, description="5.2: the handbook/story is documented and presented at the site.")
    story_presented_outside_province: bool | None = Field(None, description="5.2: it is presented at tourist sites in and outside the province.")
    new_rural_standard: bool | None = Field(None, description="5.3: the commune or village is recognised as meeting the new-rural (NTM) standard.")
    business_conditions: bool | None = Field(None, description="8: business registration and business conditions as the law requires.")
    safety_conditions: bool | None = Field(
        None, description="9: security, order, fire-safety, environment and food-safety conditions as the law requires.")
    staff_training: bool | None = Field(None, description="9: regular or periodic guidance and training for staff.")
    staff_total: int | None = Field(None, ge=1, description="12: workers in management and service. Unit: persons.")
    staff_trained: int | None = Field(None, ge=0, description="12: of them, trained in their profession. Unit: persons.")
    receptionist_foreign_language: bool | None = Field(None, description="12: a receptionist fluent in at least one foreign language.")

    @model_validator(mode="after")
    def _trained_part_of_total(self) -> Tourism:
        if self.staff_trained is not None and self.staff_total is not None and self.staff_trained > self.staff_total:
            raise ValueError("staff_trained cannot exceed staff_total")
        return self


class Evidence(_Model):
    """Facts attached to the dossier, by Form 02's evidence table. Every section is optional."""

    entity: Entity | None = Field(None, description="Legal form, rating and legal representative.")
    raw_material: RawMaterial | None = Field(None, description="Origin shares of the raw material.")
    labour: Labour | None = Field(None, description="Workers and local workers.")
    business_results: BusinessResults | None = Field(None, description="Profits by year.")
    certificates: list[Certificate] | None = Field(None, description="Certificates held. [] states none.")
    food_safety_exemption: str | None = Field(
        None, description="Legal basis on which the establishment needs no food-safety establishment certificate, if it "
                          "claims one (null otherwise).", examples=[None])
    contracts: list[Contract] | None = Field(None, description="Linkage, agent, export and modern-channel contracts. [] states none.")
    test_reports: list[TestReport] | None = Field(None, description="Laboratory test reports. [] states none.")
    quality_declaration: QualityDeclaration | None = Field(None, description="The product quality declaration.")
    environment: Environment | None = Field(None, description="Environmental records and sustainable technology.")
    labelling: Labelling | None = Field(None, description="Bilingual label and traceability code.")
    distribution: Distribution | None = Field(None, description="Market reach and distribution management.")
    promotion: Promotion | None = Field(None, description="Promotion activities, website, trade fairs.")
    product_story: ProductStory | None = Field(None, description="The product story and where it is shown.")
    intellectual_property: IntellectualProperty | None = Field(None, description="Trademark, origin sign, patents.")
    inspection: Inspection | None = Field(None, description="Disqualifying findings, if any.")
    previous_certificate: PreviousCertificate | None = Field(None, description="The certificate being renewed (re-evaluation).")
    tourism: Tourism | None = Field(None, description="Facts of the tourism sheet (set 26).")
