"""Every derivation rule on its boundaries: which option the facts select, and the points it is worth.

Facts are integers (shares in basis points: 7500 = 75 %). Expected options and points are read off
the printed sheets by hand (set 13 = coffee, set 1 = fresh produce, set 26 = tourism); the policy
that decides an overlap or a gap is named in the case id.
"""

from __future__ import annotations

import pytest

from tests.evidence_support import derived, organisation

DERIVED = "derived"

# (set, facts, criterion, expected option key or None, expected points)
CASES = [
    # Set 13, 1.1 'Nguồn nguyên liệu' (a 1: under 50 %, b 2: 50 to under 75 %, c 3: 75 to 100 %).
    pytest.param(13, {"raw_material_in_province": 0}, "1.1", None, 0, id="1.1 0% uses none: no-option-scores-zero"),
    pytest.param(13, {"raw_material_in_province": 1}, "1.1", "1.1/a", 1, id="1.1 0.01%"),
    pytest.param(13, {"raw_material_in_province": 4990}, "1.1", "1.1/a", 1, id="1.1 49.9%"),
    pytest.param(13, {"raw_material_in_province": 4999}, "1.1", "1.1/a", 1, id="1.1 49.99%"),
    pytest.param(13, {"raw_material_in_province": 5000}, "1.1", "1.1/b", 2, id="1.1 50%"),
    pytest.param(13, {"raw_material_in_province": 7490}, "1.1", "1.1/b", 2, id="1.1 74.9%"),
    pytest.param(13, {"raw_material_in_province": 7499}, "1.1", "1.1/b", 2, id="1.1 74.99%"),
    pytest.param(13, {"raw_material_in_province": 7500}, "1.1", "1.1/c", 3, id="1.1 75%"),
    pytest.param(13, {"raw_material_in_province": 10000}, "1.1", "1.1/c", 3, id="1.1 100%"),
    # Set 1, 1.1 'Nguồn gốc sản phẩm': the commune's share, with 100 % in the province required.
    pytest.param(1, {"raw_material_in_commune": 4999, "raw_material_in_province": 10000}, "1.1", "1.1/a", 1, id="set1 1.1 49.99%"),
    pytest.param(1, {"raw_material_in_commune": 5000, "raw_material_in_province": 10000}, "1.1", "1.1/b", 2, id="set1 1.1 50%"),
    pytest.param(1, {"raw_material_in_commune": 7500, "raw_material_in_province": 10000}, "1.1", "1.1/c", 3, id="set1 1.1 75%"),
    pytest.param(1, {"raw_material_in_commune": 8000, "raw_material_in_province": 9999}, "1.1", None, 0,
                 id="set1 1.1 99.99% in province: requirement unmet, criterion-zero"),
    # 1.2 raw-material-area certificate (a 0 none, b 1 national, c 2 international).
    pytest.param(13, {"raw_material_area_certificate_level": 0}, "1.2", "1.2/a", 0, id="1.2 none"),
    pytest.param(13, {"raw_material_area_certificate_level": 1}, "1.2", "1.2/b", 1, id="1.2 national"),
    pytest.param(13, {"raw_material_area_certificate_level": 2}, "1.2", "1.2/c", 2, id="1.2 international"),
    # 1.5 linkage (a 0, b 1: 50 to under 75 %, c 2: over 75 %, d 3: over 75 % and 12 months).
    pytest.param(13, {"linkage_share": 4999, "linkage_over_75_months": 0}, "1.5", "1.5/a", 0, id="1.5 49.99%: linkage-under-50-is-option-a"),
    pytest.param(13, {"linkage_share": 5000, "linkage_over_75_months": 0}, "1.5", "1.5/b", 1, id="1.5 50%"),
    pytest.param(13, {"linkage_share": 7499, "linkage_over_75_months": 0}, "1.5", "1.5/b", 1, id="1.5 74.99%"),
    pytest.param(13, {"linkage_share": 7500, "linkage_over_75_months": 0}, "1.5", "1.5/b", 1, id="1.5 75%: gap-lower-option"),
    pytest.param(13, {"linkage_share": 7501, "linkage_over_75_months": 11}, "1.5", "1.5/c", 2, id="1.5 75.01% 11 months"),
    pytest.param(13, {"linkage_share": 7501, "linkage_over_75_months": 12}, "1.5", "1.5/d", 3, id="1.5 75.01% 12 months"),
    pytest.param(13, {"linkage_share": 7500, "linkage_over_75_months": 12}, "1.5", "1.5/b", 1, id="1.5 75% 12 months: not over 75%"),
    # 1.6 environment (a 1 records, b 2 + waste works, c 3 + eco packaging); no record: no option.
    pytest.param(13, {"environment_records": 0, "waste_treatment_works": 1, "eco_friendly_packaging": 1}, "1.6", None, 0, id="1.6 no records"),
    pytest.param(13, {"environment_records": 1, "waste_treatment_works": 0, "eco_friendly_packaging": 1}, "1.6", "1.6/a", 1, id="1.6 records"),
    pytest.param(13, {"environment_records": 1, "waste_treatment_works": 1, "eco_friendly_packaging": 0}, "1.6", "1.6/b", 2, id="1.6 + waste"),
    pytest.param(13, {"environment_records": 1, "waste_treatment_works": 1, "eco_friendly_packaging": 1}, "1.6", "1.6/c", 3, id="1.6 + packaging"),
    pytest.param(13, {"sustainable_technologies": 0}, "1.7", "1.7/a", 0, id="1.7 none"),
    pytest.param(13, {"sustainable_technologies": 1}, "1.7", "1.7/b", 1, id="1.7 one"),
    pytest.param(13, {"label_bilingual": 0}, "2.4", "2.4/a", 0, id="2.4 no"),
    pytest.param(13, {"label_bilingual": 1}, "2.4", "2.4/b", 1, id="2.4 yes"),
    # 3.1 organisation type (a 1 household/farm/group, b 2 LLC/private/JSC < 51 %, c 3 cooperative/JSC ≥ 51 %).
    pytest.param(13, organisation("household-business"), "3.1", "3.1/a", 1, id="3.1 household"),
    pytest.param(13, organisation("farm"), "3.1", "3.1/a", 1, id="3.1 farm"),
    pytest.param(13, organisation("cooperative-group"), "3.1", "3.1/a", 1, id="3.1 cooperative group"),
    pytest.param(13, organisation("limited-company"), "3.1", "3.1/b", 2, id="3.1 LLC"),
    pytest.param(13, organisation("private-enterprise"), "3.1", "3.1/b", 2, id="3.1 private enterprise"),
    pytest.param(13, organisation("joint-stock-company", local_community_capital=5099), "3.1", "3.1/b", 2, id="3.1 JSC 50.99%"),
    pytest.param(13, organisation("joint-stock-company", local_community_capital=5100), "3.1", "3.1/c", 3, id="3.1 JSC 51%"),
    pytest.param(13, organisation("cooperative"), "3.1", "3.1/c", 3, id="3.1 cooperative"),
    pytest.param(13, organisation("other"), "3.1", None, 0, id="3.1 other: no-option-scores-zero"),
    pytest.param(26, organisation("other"), "3.1", "3.1/c", 3, id="set26 3.1 other: 'các đối tượng còn lại'"),
    # 3.2 legal representative.
    pytest.param(13, {"representative_female": 0, "representative_ethnic_minority": 0, "representative_disability": 0}, "3.2", "3.2/a", 0, id="3.2 none"),
    pytest.param(13, {"representative_female": 1, "representative_ethnic_minority": 0, "representative_disability": 0}, "3.2", "3.2/b", 1, id="3.2 woman"),
    pytest.param(13, {"representative_female": 0, "representative_ethnic_minority": 1, "representative_disability": 0}, "3.2", "3.2/b", 1, id="3.2 minority"),
    pytest.param(13, {"representative_female": 0, "representative_ethnic_minority": 0, "representative_disability": 1}, "3.2", "3.2/b", 1, id="3.2 disability"),
    # 3.3 local labour (a 1: 25 to under 50 %, b 2: 50 to 75 %, c 3: ≥ 75 %; set 26: c 4).
    pytest.param(13, {"workers_resident_in_commune": 2499}, "3.3", None, 0, id="3.3 24.99%: no-option-scores-zero"),
    pytest.param(13, {"workers_resident_in_commune": 2500}, "3.3", "3.3/a", 1, id="3.3 25%"),
    pytest.param(13, {"workers_resident_in_commune": 4999}, "3.3", "3.3/a", 1, id="3.3 49.99%"),
    pytest.param(13, {"workers_resident_in_commune": 5000}, "3.3", "3.3/b", 2, id="3.3 50%"),
    pytest.param(13, {"workers_resident_in_commune": 7499}, "3.3", "3.3/b", 2, id="3.3 74.99%"),
    pytest.param(13, {"workers_resident_in_commune": 7500}, "3.3", "3.3/c", 3, id="3.3 75%: overlap-higher-option"),
    pytest.param(26, {"workers_resident_in_commune": 7500}, "3.3", "3.3/c", 4, id="set26 3.3 75%: worth 4"),
    pytest.param(1, {"workers_resident_in_commune": 10000}, "3.3", "3.3/c", 3, id="set1 3.3 100%"),
    # 3.4 business growth (a 1, b 2; set 26 b 3).
    pytest.param(13, organisation("cooperative", cooperative_rating=0, profit_grew_last_year=0), "3.4", None, 0, id="3.4 weak coop, no growth"),
    pytest.param(13, organisation("cooperative", cooperative_rating=1), "3.4", "3.4/a", 1, id="3.4 coop average"),
    pytest.param(13, organisation("cooperative", cooperative_rating=2), "3.4", "3.4/b", 2, id="3.4 coop fair"),
    pytest.param(13, organisation("limited-company", profit_grew_last_year=1, profit_grew_year_before=0), "3.4", "3.4/a", 1, id="3.4 one year"),
    pytest.param(13, organisation("limited-company", profit_grew_last_year=1, profit_grew_year_before=1), "3.4", "3.4/b", 2, id="3.4 two years"),
    pytest.param(13, organisation("limited-company", profit_grew_last_year=0, profit_grew_year_before=1), "3.4", None, 0, id="3.4 not last year"),
    pytest.param(26, organisation("limited-company", profit_grew_last_year=1, profit_grew_year_before=1), "3.4", "3.4/b", 3, id="set26 3.4 worth 3"),
    # 3.5 intellectual property (a 1, b 2, c 3).
    pytest.param(13, {"trademark_status": 1}, "3.5", None, 0, id="3.5 application filed only"),
    pytest.param(13, {"trademark_status": 2}, "3.5", "3.5/a", 1, id="3.5 application accepted"),
    pytest.param(13, {"trademark_status": 3, "origin_sign": 0}, "3.5", "3.5/a", 1, id="3.5 registered, no origin sign"),
    pytest.param(13, {"trademark_status": 3, "origin_sign": 1, "origin_sign_protected": 0}, "3.5", "3.5/b", 2, id="3.5 + unprotected sign"),
    pytest.param(13, {"trademark_status": 3, "origin_sign": 1, "origin_sign_protected": 1, "origin_sign_right_of_use": 0}, "3.5", "3.5/a", 1,
                 id="3.5 protected sign without right of use"),
    pytest.param(13, {"trademark_status": 3, "origin_sign": 1, "origin_sign_protected": 1, "origin_sign_right_of_use": 1}, "3.5", "3.5/b", 2,
                 id="3.5 protected sign with right of use"),
    pytest.param(13, {"trademark_status": 3, "origin_sign": 1, "origin_sign_protected": 0, "other_ip_titles": 1}, "3.5", "3.5/c", 3, id="3.5 + patent"),
    # 4.1 distribution area (a 1, b 2 under 5 agents, c 3 ≥ 5 agents, d 5 export/modern channel).
    pytest.param(13, {"sells_beyond_commune": 0, "distribution_agents": 0}, "4.1", "4.1/a", 1, id="4.1 commune only"),
    pytest.param(13, {"sells_beyond_commune": 1, "distribution_agents": 0}, "4.1", "4.1/b", 2, id="4.1 0 agents"),
    pytest.param(13, {"sells_beyond_commune": 1, "distribution_agents": 4}, "4.1", "4.1/b", 2, id="4.1 4 agents"),
    pytest.param(13, {"sells_beyond_commune": 1, "distribution_agents": 5}, "4.1", "4.1/c", 3, id="4.1 5 agents"),
    pytest.param(13, {"modern_channel_contracts": 1}, "4.1", "4.1/d", 5, id="4.1 modern channel"),
    # 4.2 distribution organisation (set 13: a 0, b 1, c 3, d 4; set 1: d 3).
    pytest.param(13, {"distribution_management": 0}, "4.2", "4.2/a", 0, id="4.2 nobody"),
    pytest.param(13, {"distribution_management": 1, "distribution_management_it": 1}, "4.2", "4.2/b", 1, id="4.2 person (IT does not help)"),
    pytest.param(13, {"distribution_management": 2, "distribution_management_it": 0}, "4.2", "4.2/c", 3, id="4.2 department"),
    pytest.param(13, {"distribution_management": 2, "distribution_management_it": 1}, "4.2", "4.2/d", 4, id="4.2 department + IT"),
    pytest.param(1, {"distribution_management": 2, "distribution_management_it": 1}, "4.2", "4.2/d", 3, id="set1 4.2 worth 3"),
    # 4.3 promotion (a 0, b 1, c 2, d 3, e 4; set 1: e 5).
    pytest.param(13, {"promotion_activities": 0}, "4.3", "4.3/a", 0, id="4.3 none"),
    pytest.param(13, {"promotion_activities": 1}, "4.3", "4.3/b", 1, id="4.3 1 activity"),
    pytest.param(13, {"promotion_activities": 3, "website": 1, "trade_fairs_in_province": 1}, "4.3", "4.3/b", 1, id="4.3 3 activities"),
    pytest.param(13, {"promotion_activities": 4, "website": 0, "social_media": 0, "trade_fairs_in_province": 1}, "4.3", "4.3/b", 1,
                 id="4.3 4 activities, no website: gap-lower-option"),
    pytest.param(13, {"promotion_activities": 4, "website": 1, "trade_fairs_in_province": 1}, "4.3", "4.3/c", 2, id="4.3 fair in province"),
    pytest.param(13, {"promotion_activities": 4, "social_media": 1, "trade_fairs_outside_province": 1}, "4.3", "4.3/d", 3, id="4.3 fair outside"),
    pytest.param(13, {"promotion_activities": 4, "social_media": 1, "trade_fairs_outside_province": 1, "trade_fairs_international": 1},
                 "4.3", "4.3/d", 3, id="4.3 occasional social media: not e"),
    pytest.param(13, {"promotion_activities": 4, "social_media": 2, "trade_fairs_outside_province": 1, "trade_fairs_international": 1},
                 "4.3", "4.3/e", 4, id="4.3 regular social media, outside and abroad"),
    pytest.param(1, {"promotion_activities": 4, "website": 1, "trade_fairs_outside_province": 1, "trade_fairs_international": 1},
                 "4.3", "4.3/e", 5, id="set1 4.3 worth 5"),
    # 5.1 product story (a 0, b 1, c 2, d 3, e 5).
    pytest.param(13, {"story_exists": 0}, "5.1", "5.1/a", 0, id="5.1 no story"),
    pytest.param(13, {"story_exists": 1, "story_documented": 1, "story_on_leaflets": 0, "story_on_website": 1}, "5.1", "5.1/b", 1,
                 id="5.1 website without leaflets: gap-lower-option"),
    pytest.param(13, {"story_exists": 1, "story_documented": 1, "story_on_leaflets": 1}, "5.1", "5.1/c", 2, id="5.1 leaflets"),
    pytest.param(13, {"story_exists": 1, "story_documented": 1, "story_on_leaflets": 1, "story_on_website": 1}, "5.1", "5.1/d", 3, id="5.1 website"),
    pytest.param(13, {"story_exists": 1, "story_documented": 1, "story_on_leaflets": 1, "story_on_website": 1, "story_in_traceability": 1},
                 "5.1", "5.1/e", 5, id="5.1 traceability"),
    # Set 1, 7 nutrition (a 0, b 1: 1-2 indicators, c 3: more than 2).
    pytest.param(1, {"nutrition_indicators": 0}, "7", "7/a", 0, id="set1 7 none"),
    pytest.param(1, {"nutrition_indicators": 1}, "7", "7/b", 1, id="set1 7 one"),
    pytest.param(1, {"nutrition_indicators": 2}, "7", "7/b", 1, id="set1 7 two"),
    pytest.param(1, {"nutrition_indicators": 3}, "7", "7/c", 3, id="set1 7 three"),
    # Set 13, 8 quality declaration (a 2, b 4, c 5); its test-report requirement voids it (criterion-zero).
    pytest.param(13, {"quality_declaration_level": 0}, "8", None, 0, id="8 none"),
    pytest.param(13, {"quality_declaration_level": 1, "food_safety_test_passed": 1}, "8", "8/a", 2, id="8 own standard"),
    pytest.param(13, {"quality_declaration_level": 2, "food_safety_test_passed": 1}, "8", "8/b", 4, id="8 national"),
    pytest.param(13, {"quality_declaration_level": 3, "food_safety_test_passed": 1}, "8", "8/c", 5, id="8 international"),
    pytest.param(13, {"quality_declaration_level": 3, "food_safety_test_passed": 0}, "8", None, 0, id="8 no passing test report: requirement"),
    # Set 13, 9 quality assurance (a 1, b 3, c 5).
    pytest.param(13, {"food_safety_certificate_valid": 0, "quality_management_level": 0}, "9", None, 0, id="9 nothing"),
    pytest.param(13, {"food_safety_certificate_valid": 1, "quality_management_level": 0}, "9", "9/a", 1, id="9 food-safety certificate"),
    pytest.param(13, {"quality_management_level": 1, "export_eligibility_valid": 1}, "9", "9/b", 3, id="9 national QM"),
    pytest.param(13, {"quality_management_level": 2, "export_eligibility_valid": 0}, "9", "9/b", 3, id="9 international without export: gap"),
    pytest.param(13, {"quality_management_level": 2, "export_eligibility_valid": 1}, "9", "9/c", 5, id="9 international + export"),
    # Set 1 serves the same topics under other codes: 9 declaration, 10 assurance.
    pytest.param(1, {"quality_declaration_level": 2, "food_safety_test_passed": 1}, "9", "9/b", 4, id="set1 9 national"),
    pytest.param(1, {"quality_management_level": 2, "export_eligibility_valid": 1}, "10", "10/c", 5, id="set1 10 international + export"),
    # Set 26 (tourism).
    pytest.param(26, {"tourism_coordination_unit": 0}, "1.1", None, 0, id="26 1.1 no unit"),
    pytest.param(26, {"tourism_coordination_unit": 1, "tourism_operation_plan": 0}, "1.1", "1.1/a", 1, id="26 1.1 unit"),
    pytest.param(26, {"tourism_coordination_unit": 1, "tourism_operation_plan": 1}, "1.1", "1.1/b", 3, id="26 1.1 unit + plan"),
    pytest.param(26, {"tourism_waste_solutions": 1, "tourism_environment_infrastructure": 1, "tourism_community_self_management": 1,
                      "tourism_environment_standard": 1}, "1.3", "1.3/d", 4, id="26 1.3 all four"),
    pytest.param(26, {"tourism_waste_solutions": 0, "tourism_environment_infrastructure": 1}, "1.3", None, 0, id="26 1.3 no solution"),
    pytest.param(26, {"tourism_energy_saving": 0, "tourism_energy_recovery_green_technology": 1}, "1.4", "1.4/a", 1, id="26 1.4 recovery only"),
    pytest.param(26, {"tourism_energy_saving": 1, "tourism_energy_recovery_green_technology": 1}, "1.4", "1.4/b", 2, id="26 1.4 both"),
    pytest.param(26, {"tourism_agents_total": 5, "tourism_agents_in_province": 5, "tourism_agents_outside_province": 0}, "4.1", "4.1/a", 1,
                 id="26 4.1 5 agents all in the province: in-and-outside-means-both"),
    pytest.param(26, {"tourism_agents_total": 3, "tourism_agents_in_province": 2, "tourism_agents_outside_province": 1}, "4.1", "4.1/b", 3, id="26 4.1 3 agents"),
    pytest.param(26, {"tourism_agents_total": 4, "tourism_agents_in_province": 3, "tourism_agents_outside_province": 1}, "4.1", "4.1/b", 3, id="26 4.1 4 agents"),
    pytest.param(26, {"tourism_agents_total": 5, "tourism_agents_in_province": 4, "tourism_agents_outside_province": 1}, "4.1", "4.1/c", 5, id="26 4.1 5 agents"),
    pytest.param(26, {"tourism_agents_total": 0, "tourism_agents_in_province": 0, "tourism_agents_outside_province": 0}, "4.1", None, 0, id="26 4.1 none"),
    pytest.param(26, {"tourism_linked_sites_in_province": 0, "tourism_linked_sites_outside_province": 2}, "4.2", None, 0, id="26 4.2 outside only"),
    pytest.param(26, {"tourism_linked_sites_in_province": 1, "tourism_linked_sites_outside_province": 1, "tourism_linked_sites_international": 1},
                 "4.2", "4.2/c", 3, id="26 4.2 in, out, abroad"),
    pytest.param(26, {"distribution_management": 2, "distribution_management_it": 0}, "4.3", "4.3/a", 1, id="26 4.3 unit without IT: gap"),
    pytest.param(26, {"distribution_management": 2, "distribution_management_it": 1}, "4.3", "4.3/b", 2, id="26 4.3 unit + IT"),
    pytest.param(26, {"promotion_activities": 3, "website": 1}, "4.4", None, 0, id="26 4.4 3 activities: many-means-more-than-three"),
    pytest.param(26, {"promotion_activities": 4, "website": 1, "tourism_online_booking": 0}, "4.4", "4.4/a", 1, id="26 4.4 4 activities"),
    pytest.param(26, {"promotion_activities": 4, "website": 1, "tourism_online_booking": 1}, "4.4", "4.4/b", 2, id="26 4.4 own booking"),
    pytest.param(26, {"promotion_activities": 4, "website": 1, "tourism_online_booking": 2}, "4.4", "4.4/c", 3, id="26 4.4 reputable booking"),
    pytest.param(26, {"promotion_activities": 4, "website": 1, "tourism_online_booking": 2, "tourism_international_promotion": 4,
                      "tourism_website_foreign_language": 1}, "4.4", "4.4/d", 4, id="26 4.4 international"),
    pytest.param(26, {"tourism_leaflets": 1, "tourism_video_posters_publications": 1, "tourism_materials_foreign_language": 1}, "4.5", "4.5/c", 3,
                 id="26 4.5 foreign language"),
    pytest.param(26, {"tourism_story_at_site": 1, "tourism_story_outside_province": 1}, "5.2", "5.2/b", 2, id="26 5.2 in and out"),
    pytest.param(26, {"tourism_new_rural_standard": 0}, "5.3", "5.3/a", 1, id="26 5.3 not NTM"),
    pytest.param(26, {"tourism_new_rural_standard": 1}, "5.3", "5.3/b", 2, id="26 5.3 NTM"),
    pytest.param(26, {"tourism_provider_community": 1, "tourism_business_conditions": 1, "tourism_service_standard_valid": 0}, "8", "8/a", 1,
                 id="26 8 community, conditions"),
    pytest.param(26, {"tourism_provider_community": 1, "tourism_business_conditions": 1, "tourism_service_standard_valid": 1}, "8", "8/b", 3,
                 id="26 8 community + standard"),
    pytest.param(26, {"tourism_provider_community": 0, "tourism_business_conditions": 1, "tourist_site_recognised": 0,
                      "tourism_service_standard_valid": 0}, "8", "8/c", 1, id="26 8 site, conditions"),
    pytest.param(26, {"tourism_provider_community": 0, "tourism_business_conditions": 1, "tourist_site_recognised": 1}, "8", "8/d", 3,
                 id="26 8 recognised site"),
    pytest.param(26, {"tourism_provider_community": 1, "tourism_business_conditions": 0, "tourism_service_standard_valid": 1}, "8", None, 0,
                 id="26 8 no business conditions"),
    pytest.param(26, {"tourism_provider_community": 0, "tourism_safety_conditions": 1, "tourism_staff_training": 1}, "9", "9/d", 2, id="26 9 organisation + training"),
    pytest.param(26, {"tourism_provider_community": 1, "tourism_safety_conditions": 1, "tourism_staff_training": 0}, "9", "9/a", 1, id="26 9 community"),
    pytest.param(26, {"tourism_staff_trained": 0}, "12", None, 0, id="26 12 nobody trained"),
    pytest.param(26, {"tourism_staff_trained": 4999}, "12", "12/a", 1, id="26 12 49.99%"),
    pytest.param(26, {"tourism_staff_trained": 5000}, "12", "12/b", 2, id="26 12 50%"),
    pytest.param(26, {"tourism_staff_trained": 7500, "tourism_receptionist_foreign_language": 1}, "12", "12/b", 2, id="26 12 75%: not over 75%"),
    pytest.param(26, {"tourism_staff_trained": 7501, "tourism_receptionist_foreign_language": 0}, "12", "12/b", 2, id="26 12 75.01% no language: gap"),
    pytest.param(26, {"tourism_staff_trained": 7501, "tourism_receptionist_foreign_language": 1}, "12", "12/c", 3, id="26 12 75.01% + language"),
]


@pytest.mark.parametrize(("number", "facts", "code", "option", "points"), CASES)
def test_rule_boundary(number: int, facts: dict[str, int], code: str, option: str | None, points: int) -> None:
    assert derived(number, facts)[code] == (DERIVED, option, points)


def test_unstated_facts_derive_nothing() -> None:
    # No facts: every criterion with rules is 'not-derivable', the rest 'judged'; nothing is derived from silence.
    result = derived(13, {})
    assert {s for s, _, _ in result.values()} == {"not-derivable", "judged"}
    assert result["3.3"] == ("not-derivable", None, None)
    assert result["6.1.1"][0] == "judged"


def test_a_partly_stated_representative_decides_only_when_it_can() -> None:
    # 'a' needs all three attributes stated false; one of them true is enough for 'b'.
    assert derived(13, {"representative_female": 0, "representative_ethnic_minority": 0})["3.2"][0] == "not-derivable"
    assert derived(13, {"representative_ethnic_minority": 1})["3.2"] == (DERIVED, "3.2/b", 1)


def test_a_joint_stock_company_without_its_capital_share_is_not_derivable() -> None:
    assert derived(13, organisation("joint-stock-company"))["3.1"][0] == "not-derivable"


def test_the_traceability_cap() -> None:
    # 2.3 (a 1, b 2, c 3): without an electronic traceability code the top option is out of reach.
    assert derived(13, {"label_traceability_code": 0})["2.3"] == ("capped", "2.3/b", 2)
    assert derived(13, {"label_traceability_code": 1})["2.3"][0] == "judged"


def test_a_missing_year_of_profits_supports_the_lower_option_only() -> None:
    # Y−1 grew, Y−3 unknown: the facts support 3.4/a, not 3.4/b.
    assert derived(13, organisation("limited-company", profit_grew_last_year=1))["3.4"] == (DERIVED, "3.4/a", 1)


def test_a_cooperative_whose_rating_is_not_stated_gets_no_option_from_profits_alone() -> None:
    # A cooperative may still be rated 'trung bình' (3.4/a): without the rating, no growth does not decide.
    assert derived(13, organisation("cooperative", profit_grew_last_year=0))["3.4"][0] == "not-derivable"
