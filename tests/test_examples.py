"""The seed example, checked against figures worked out by hand from the set-13 sheet."""

from __future__ import annotations

from pathlib import Path

import ocop_rules

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "dossiers"


def test_kien_cuong_weasel_coffee_is_four_stars() -> None:
    decision = ocop_rules.evaluate(EXAMPLES / "kien-cuong-weasel-coffee.yaml")
    # Base sheet (Thành viên 1), by part:
    #   A: 1.1-1.7 = 3+1+3+2+2+2+1 = 14; 2.1-2.4 = 3+3+3+1 = 10; 3.1-3.5 = 2+0+3+2+2 = 9   -> A 33
    #   B: 4.1-4.3 = 3+3+3 = 9; 5.1-5.3 = 5+2+3 = 10                                        -> B 19
    #   C: 6.1.1-6.2.2 = 2+2+2+2+1+1+3 = 13; 7 3, 8 4, 9 3, 10 2, 11 2 = 14                 -> C 27
    #   total 79
    # Others differ from the base by: TV2 6.1.5 +1, 5.3 +2 = 82; TV3 6.2.2 -2, 4.2 +1 = 78;
    #   TV4 1.4 +1, 7 +2 = 82; TV5 6.1.4 -1, 5.2 -1 = 77; TV6 2.2 -1, 11 +1 = 79;
    #   TV7 6.1.3 -1, 6.2.1 +1, 4.3 -1 = 78.
    assert [a.total for a in decision.assessors] == [79, 82, 78, 82, 77, 79, 78]
    # 79+82+78+82+77+79+78 = 555; 555/7 = 79.2857… -> "79.29", band [70, 90) = 4★
    assert decision.average_total_exact == "555/7"
    assert decision.average_total == "79.29"
    assert decision.band_stars == 4
    # 4★ marks: 1.1≥2, 1.5≥2, 1.6≥1, 2.1≥3, 2.2≥2, 2.3≥3, 3.4≥2, 3.5≥2, 4.1≥3, 5.1≥5, 5.3≥1, 7≥3, 8≥2, 9≥3:
    # every assessor meets each of them, so nothing keeps the star below the band.
    assert decision.unmet_minimums == []
    assert decision.stars == 4
    assert decision.certifiable is True
    assert decision.authority == "province"
    assert decision.forward_to_ministry is False
    # Part A: every sheet 33 except TV4 34 and TV6 32 -> 231/7 = 33
    assert decision.parts["A"].average_exact == "33"
    # Certificate issued 2026-11-20, 36 months (Art. 4.3) -> 2029-11-20
    assert decision.certificate is not None
    assert decision.certificate.valid_until.isoformat() == "2029-11-20"
    assert decision.ruleset.id == "qd-26-2026"
    assert decision.policy["minimum"] == "mean"
    assert decision.engine == "reference"
