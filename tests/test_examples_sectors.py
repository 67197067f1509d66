"""One example dossier per sector, checked against figures worked out by hand from its sheet.

Every expected value below was computed by hand from the Annex II sheet of the set (the
arithmetic is in the comment above each case) and re-checked with a throwaway script that
reads the YAML files directly; none is read off the library's output.

How the star follows from the figures (Art. 3.3 and the sheet footnote):
- band: average in [90, 100] 5★, [70, 90) 4★, [50, 70) 3★, [30, 50) 2★, [0, 30) 1★;
- a star mark for k stars binds star k and every higher star (cumulative);
- default 'mean' policy: a mark is met when the assessors' mean points on the criterion reach
  the marked option's points, i.e. sum ≥ points × n;
- the star is the highest k ≤ band whose marks (for k or fewer stars) are all met.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

import ocop_rules

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "dossiers"


@dataclass(frozen=True)
class Expected:
    """The hand-worked figures of one example."""

    file: str
    set_number: int
    totals: list[int]
    parts: list[tuple[int, int, int]]
    average_exact: str
    average: str
    band: int
    stars: int
    unmet: list[tuple[str, int, int, str]] = field(default_factory=list)  # code, stars, required, mean
    authority: str | None = "province"
    forward: bool = False


CASES = [
    # ------------------------------------------------------------------ food: set 4 (honey)
    # Base sheet (Thành viên 1), by part:
    #   A: 1.1-1.7 = 3+1+3+2+3+2+1 = 15; 2.1-2.4 = 3+3+3+1 = 10; 3.1-3.5 = 3+1+3+2+2 = 11   -> A 36
    #   B: 4.1-4.3 = 5+2+5 = 12; 5.1-5.3 = 5+2+5 = 12                                        -> B 24
    #   C: 6.1-6.4 = 2+2+4+4 = 12; 7 3, 8 5, 9 4, 10 5, 11 2, 12 3 = 22                      -> C 34
    #   total 94
    # TV2: 4.2 +1 (B 25), 9 +1 (C 35) = 96;  TV3: 1.4 +1 (A 37), 5.3 -2 (B 22) = 93;
    # TV4: 1.6 +1, 2.2 -1 (A 36), 7 -2 (C 32) = 92;  TV5: 12 -1 (C 33) = 93;
    # TV6: 4.3 -2 (B 22), 10 -2 (C 32) = 90;  TV7: 1.2 +1, 3.3 -1 (A 36), 11 -1 (C 33) = 93.
    # Parts: A 36+36+37+36+36+36+36 = 253, B 24+25+22+24+24+22+24 = 165,
    #        C 34+35+34+32+33+32+33 = 233; 253+165+233 = 651 = 94+96+93+92+93+90+93.
    # Average 651/7 = 93 -> band 5★.
    # 5★ marks (cumulative): 1.3≥3, 1.5≥3, 1.6≥1, 2.1≥3, 2.2≥2, 2.3≥3, 3.4≥2, 3.5≥2, 4.1≥5, 5.1≥5,
    #   5.3≥1, 6.1≥2, 6.2≥2, 6.3≥4, 6.4≥4, 8≥5, 9≥2, 10≥3. Every sheet gives the marked maximum on
    #   1.3, 1.5, 2.1, 2.3, 3.4, 4.1, 5.1, 6.1-6.4, 8; the lowest values elsewhere are 1.6 2,
    #   2.2 2, 3.5 2, 5.3 3, 9 4, 10 3: every mark met by every sheet -> 5★, recognised by the
    #   Ministry; the province forwards it (5★ result, Art. 7.3e).
    Expected("cu-mgar-coffee-flower-honey.yaml", 4,
             totals=[94, 96, 93, 92, 93, 90, 93],
             parts=[(36, 24, 34), (36, 25, 35), (37, 22, 34), (36, 24, 32), (36, 24, 33), (36, 22, 32), (36, 24, 33)],
             average_exact="93", average="93.00", band=5, stars=5, authority="ministry", forward=True),
    # ------------------------------------------------------------------ food: set 13 (cocoa)
    # Base sheet (Thành viên 1), by part:
    #   A: 1.1-1.7 = 3+1+3+2+2+2+1 = 14; 2.1-2.4 = 3+2+3+1 = 9; 3.1-3.5 = 3+1+3+1+2 = 10    -> A 33
    #   B: 4.1-4.3 = 3+3+3 = 9; 5.1-5.3 = 5+2+3 = 10                                         -> B 19
    #   C: 6.1.1-6.2.2 = 2+2+2+2+1+1+3 = 13; 7 3, 8 4, 9 1, 10 2, 11 2 = 12                   -> C 25
    #   total 77
    # TV2: 3.4 +1 (A 34), 4.3 -1 (B 18), 6.1.5 +1 (C 26) = 78;
    # TV3: 5.3 +2 (B 21), 9 +2, 6.2.1 -1 (C 26) = 80;
    # TV4: 1.4 +1 (A 34), 7 +2, 10 -1 (C 26) = 79;
    # TV5: 2.2 +1 (A 34), 4.2 -2 (B 17), 11 -1 (C 24) = 75.
    # Parts: A 33+34+33+34+34 = 168, B 19+18+21+19+17 = 94, C 25+26+26+26+24 = 127;
    #        168+94+127 = 389 = 77+78+80+79+75.
    # Average 389/5 = 77.8 -> band 4★.
    # 4★ marks (cumulative, with the 3★ ones): 3.4≥2: 1+2+1+1+1 = 6 < 2×5 = 10, mean 6/5 -> unmet;
    #   9≥3: 1+1+3+1+1 = 7 < 3×5 = 15, mean 7/5 -> unmet. All others met by every sheet
    #   (1.1 3, 1.5 2, 1.6 2, 2.1 3, 2.2 ≥2, 2.3 3, 3.5 2, 4.1 3, 5.1 5, 5.3 ≥3, 7 ≥3, 8 4).
    # 3★ marks: 1.1≥2, 2.2≥2, 2.3≥1, 3.5≥1, 4.1≥2, 5.3≥1, 8≥2, 9≥1 (9: every sheet ≥1): all met -> 3★.
    Expected("cocoa-misses-4-star-minimum.yaml", 13,
             totals=[77, 78, 80, 79, 75],
             parts=[(33, 19, 25), (34, 18, 26), (33, 21, 26), (34, 19, 26), (34, 17, 24)],
             average_exact="389/5", average="77.80", band=4, stars=3,
             unmet=[("3.4", 4, 2, "6/5"), ("9", 4, 3, "7/5")]),
    # ------------------------------------------------------------------ beverages: set 14 (rice wine)
    # Base sheet (Thành viên 1), by part:
    #   A: 1.1-1.6 = 4+2+2+1+1+0 = 10; 2.1-2.4 = 2+2+1+0 = 5; 3.1-3.5 = 1+1+3+1+1 = 7       -> A 22
    #   B: 4.1-4.3 = 2+2+3 = 7; 5.1-5.3 = 2+1+3 = 6                                          -> B 13
    #   C: 6.1-6.4 = 2+3+3+5 = 13; 7 3, 8 2, 9 1, 10 1 = 7                                    -> C 20
    #   total 55
    # TV2: 5.1 0 (-2), 5.3 0 (-3), and 5.2 marked 1 counts 0 because 5.2 applies only when there
    #      is a product story (5.1 ≥ 1): B = 7 + 0 + 0 + 0 = 7; total 22+7+20 = 49;
    # TV3: 1.4 +1, 3.4 +1 (A 24), 6.3 +2, 10 +2 (C 24) = 61;
    # TV4: 2.3 +1 (A 23), 4.1 +1 (B 14), 7 -2, 8 +2 (C 20) = 57;
    # TV5: 1.2 +1 (A 23), 4.2 +1 (B 14), 6.1 -1, 9 +2 (C 21) = 58.
    # Parts: A 22+22+24+23+23 = 114, B 13+7+13+14+14 = 61, C 20+20+24+20+21 = 105;
    #        114+61+105 = 280 = 55+49+61+57+58.
    # Average 280/5 = 56 -> band 3★.
    # 3★ marks: 1.1≥1 (all 4), 2.2≥2 (all 2), 2.3≥1, 3.5≥1 (all 1), 4.1≥2 (2,2,2,3,2),
    #   5.3≥1: 3+0+3+3+3 = 12 ≥ 1×5, 8≥2 (2,2,2,4,2), 9≥1 (1,1,1,1,3): all met -> 3★.
    Expected("buon-jun-leaf-yeast-rice-wine.yaml", 14,
             totals=[55, 49, 61, 57, 58],
             parts=[(22, 13, 20), (22, 7, 20), (24, 13, 24), (23, 14, 20), (23, 14, 21)],
             average_exact="56", average="56.00", band=3, stars=3),
    # ------------------------------------------------------------------ herbal: set 20 (essential oil)
    # Base sheet, by part:
    #   A: 1.1-1.6 = 4+2+2+2+2+1 = 13; 2.1-2.4 = 4+2+3+0 = 9; 3.1-3.5 = 3+1+3+2+2 = 11       -> A 33
    #   B: 4.1-4.3 = 3+2+3 = 8; 5.1-5.3 = 5+2+3 = 10                                          -> B 18
    #   C: 6 5, 7 3, 8 3, 9 2, 10 1, 11 3, 12 3, 13 2, 14 2 = 24                               -> C 24
    #   total 75
    # TV1: 11 -2 (C 22) = 73;  TV2: 1.2 +1 (A 34), 4.3 +2 (B 20), 9 +2, 11 +2 (C 28) = 82;
    # TV3: 2.4 +1 (A 34), 5.3 +2 (B 20), 8 +2, 14 -1 (C 25) = 79.
    # Parts: A 33+34+34 = 101, B 18+20+20 = 58, C 22+28+25 = 75; 101+58+75 = 234 = 73+82+79.
    # Average 234/3 = 78 -> band 4★.
    # 4★ marks: 1.1≥1, 1.4≥2, 1.5≥1, 2.1≥4, 2.2≥2, 2.3≥3, 3.4≥2, 3.5≥2, 4.1≥3, 5.1≥5, 5.3≥1,
    #   11≥3, 12≥3. 11: 1+5+3 = 9 ≥ 3×3 = 9, met by the mean exactly; every other mark is met
    #   by every sheet -> 4★.
    Expected("ea-kar-lemongrass-essential-oil.yaml", 20,
             totals=[73, 82, 79],
             parts=[(33, 18, 22), (34, 20, 28), (34, 20, 25)],
             average_exact="78", average="78.00", band=4, stars=4),
    # ------------------------------------------------------------------ handicraft: set 21 (pottery)
    # Base sheet (Thành viên 1), by part:
    #   A: 1.1-1.6 = 4+2+1+1+1+1 = 10; 2.1-2.3 = 4+1+0 = 5; 3.1-3.5 = 1+1+3+1+1 = 7           -> A 22
    #   B: 4.1-4.3 = 2+1+2 = 5; 5.1-5.3 = 3+2+5 = 10                                          -> B 15
    #   C: 6.1-6.5 = 3+3+3+1+3 = 13; 7 1, 8 1, 9 1 = 3                                         -> C 16
    #   total 53
    # TV2: 1.3 +1 (A 23), 4.3 +1 (B 16), 6.2 +2, 6.4 +1 (C 19) = 58;
    # TV3: 4.1 -1, 5.1 -1 (B 13), 6.1 -2, 6.3 -1 (C 13) = 48;
    # TV4: 1.4 +1 (A 23), 4.1 +1, 4.2 +1 (B 17), 9 +2 (C 18) = 58.
    # Parts: A 22+23+22+23 = 90, B 15+16+13+17 = 61, C 16+19+13+18 = 66; 90+61+66 = 217.
    # Average 217/4 = 54.25 -> band 3★.
    # 3★ marks: 1.1≥1 (all 4), 2.2≥1 (all 1), 3.5≥1 (all 1), 4.1≥2: 2+2+1+3 = 8 ≥ 2×4 = 8
    #   (met exactly, by the mean), 5.3≥1 (all 5), 7≥1, 8≥1 (all 1): all met -> 3★.
    Expected("yang-tao-mnong-pottery.yaml", 21,
             totals=[53, 58, 48, 58],
             parts=[(22, 15, 16), (23, 16, 19), (22, 13, 13), (23, 17, 18)],
             average_exact="217/4", average="54.25", band=3, stars=3),
    # ------------------------------------------------------------------ ornamental: set 24 (bonsai)
    # Base sheet (Thành viên 1), by part:
    #   A: 1.1-1.6 = 4+2+1+1+1+0 = 9; 2.1-2.2 = 3+1 = 4; 3.1-3.5 = 1+0+3+1+1 = 6              -> A 19
    #   B: 4.1-4.3 = 2+1+2 = 5; 5.1-5.3 = 3+1+3 = 7                                           -> B 12
    #   C: 6.1-6.4 = 3+2+3+2 = 10; 7 6, 8 2, 9 1 = 9                                           -> C 19
    #   total 50
    # TV2: 4.3 +1 (B 13), 6.1 +2, 8 +2 (C 23) = 55;  TV3: 1.3 +1 (A 20), 6.2 +2, 7 -2, 9 +2 (C 21) = 53.
    # Parts: A 19+19+20 = 58, B 12+13+12 = 37, C 19+23+21 = 63; 58+37+63 = 158 = 50+55+53.
    # Average 158/3 = 52.666… -> "52.67", band 3★.
    # 3★ marks: 2.2≥1 (all 1), 3.5≥1 (all 1), 5.3≥1 (all 3), 8≥4: 2+4+2 = 8 < 4×3 = 12, mean 8/3
    #   -> unmet: 2★, no recognition, no certificate (Art. 4.1a).
    Expected("hoa-thang-coffee-bonsai.yaml", 24,
             totals=[50, 55, 53],
             parts=[(19, 12, 19), (19, 13, 23), (20, 12, 21)],
             average_exact="158/3", average="52.67", band=3, stars=2,
             unmet=[("8", 3, 4, "8/3")], authority=None),
    # ------------------------------------------------------------------ tourism: set 26
    # Base sheet (Thành viên 1), by part (8/b = 3, 9/a = 1, 15/a = 1: case 1, community-provided):
    #   A: 1.1-1.4 = 3+3+3+1 = 10; 2.1-2.3 = 5+2+3 = 10; 3.1-3.5 = 3+1+4+3+2 = 13            -> A 33
    #   B: 4.1-4.5 = 3+2+1+3+2 = 11; 5.1-5.3 = 2+1+2 = 5                                      -> B 16
    #   C: 6 3, 7 2, 8 3, 9 1, 10 2, 11 2, 12 2, 13 3, 14 2, 15 1, 16 3, 17 2 = 26              -> C 26
    #   total 75
    # TV2: 4.4 +1 (B 17), 9/b +1, 14 +2 (C 29) = 79;  TV3: 1.4 +1 (A 34), 5.1 +2 (B 18), 15/b +2 (C 28) = 80;
    # TV4: 4.1 +2 (B 18), 8/a -2, 12 +1 (C 25) = 76;  TV5: 1.2 -2 (A 31), 4.5 +1 (B 17), 13 +1 (C 27) = 75;
    # TV6: 2.3 +2 (A 35), 5.2 +1 (B 17), 16 -1 (C 25) = 77.
    # Parts: A 33+33+34+33+31+35 = 199, B 16+17+18+18+17+17 = 103, C 26+29+28+25+27+25 = 160;
    #        199+103+160 = 462 = 75+79+80+76+75+77.
    # Average 462/6 = 77 -> band 4★.
    # Star marks of set 26 (printed on 3.4 and 3.5 only): 3★ 3.5≥1; 4★ 3.4≥3, 3.5≥2. Every sheet
    #   gives 3.4 = 3 and 3.5 = 2 -> 4★.
    Expected("buon-ako-dhong-community-tourism.yaml", 26,
             totals=[75, 79, 80, 76, 75, 77],
             parts=[(33, 16, 26), (33, 17, 29), (34, 18, 28), (33, 18, 25), (31, 17, 27), (35, 17, 25)],
             average_exact="77", average="77.00", band=4, stars=4),
]


@pytest.mark.parametrize("case", CASES, ids=[c.file.removesuffix(".yaml") for c in CASES])
def test_example_matches_hand_figures(case: Expected) -> None:
    decision = ocop_rules.evaluate(EXAMPLES / case.file)
    assert decision.product_set.number == case.set_number
    assert decision.ruleset.id == "qd-26-2026"
    assert [a.total for a in decision.assessors] == case.totals
    assert [(a.parts["A"], a.parts["B"], a.parts["C"]) for a in decision.assessors] == case.parts
    assert decision.average_total_exact == case.average_exact
    assert decision.average_total == case.average
    assert decision.band_stars == case.band
    assert decision.stars == case.stars
    assert [(u.code, u.stars, u.required_points, u.points_exact) for u in decision.unmet_minimums] == case.unmet
    assert decision.authority == case.authority
    assert decision.certifiable is (case.stars >= 3)
    assert decision.forward_to_ministry is case.forward
    assert decision.rejected is None
    assert decision.warnings == []


def test_examples_cover_every_sector() -> None:
    # Annex I sectors: I food (sets 1-13), II beverages (14-17), III herbal (18-20),
    # IV handicraft (21-22), V ornamental (23-25), VI tourism (26).
    sector_of = {**dict.fromkeys(range(1, 14), "food"), **dict.fromkeys(range(14, 18), "beverages"),
                 **dict.fromkeys(range(18, 21), "herbal"), **dict.fromkeys(range(21, 23), "handicraft"),
                 **dict.fromkeys(range(23, 26), "ornamental"), 26: "tourism"}
    covered = {sector_of[c.set_number] for c in CASES}
    assert covered == {"food", "beverages", "herbal", "handicraft", "ornamental", "tourism"}


def test_examples_are_filed_under_decision_26_with_three_to_seven_assessors() -> None:
    for case in CASES:
        dossier = ocop_rules.load_dossier(EXAMPLES / case.file)
        assert dossier.filed_on.isoformat() > "2026-05-22", case.file
        assert 3 <= len(dossier.score_sheets) <= 7, case.file


def test_rice_wine_story_structure_counts_zero_without_a_story() -> None:
    # Thành viên 2 marks 5.2 = 1 but 5.1 = 0: 5.2 applies only when there is a product story.
    decision = ocop_rules.evaluate(EXAMPLES / "buon-jun-leaf-yeast-rice-wine.yaml")
    second = decision.assessors[1]
    assert second.points["5.1"] == 0
    assert second.points["5.2"] == 0
    assert "5.2" in second.voided
    # The other four keep their 1 point on 5.2.
    assert [a.points["5.2"] for a in decision.assessors] == [0 if i == 1 else 1 for i in range(5)]


def test_tourism_two_case_rows_are_scored_by_key() -> None:
    # 8, 9 and 15 print two cases whose options share points; the dossier names case-1 keys.
    decision = ocop_rules.evaluate(EXAMPLES / "buon-ako-dhong-community-tourism.yaml")
    assert [a.options["8"] for a in decision.assessors] == ["8/b", "8/b", "8/b", "8/a", "8/b", "8/b"]
    assert [a.options["9"] for a in decision.assessors] == ["9/a", "9/b", "9/a", "9/a", "9/a", "9/a"]
    assert [a.options["15"] for a in decision.assessors] == ["15/a", "15/a", "15/b", "15/a", "15/a", "15/a"]
    assert all(a.ambiguous == {} for a in decision.assessors)


@pytest.mark.parametrize(
    ("file", "stars", "unmet"),
    [
        # Lemongrass oil: 11≥3 (4★): lowest sheet gives 1 < 3 -> unmet; every other 4★ and 3★ mark is
        # met by every sheet (see above) -> 3★ instead of 4★.
        ("ea-kar-lemongrass-essential-oil.yaml", 3, [("11", 4, 3, "1")]),
        # Pottery: 4.1≥2 (3★): lowest sheet gives 1 < 2 -> unmet -> 2★ instead of 3★.
        ("yang-tao-mnong-pottery.yaml", 2, [("4.1", 3, 2, "1")]),
        # Rice wine: 5.3≥1 (3★): Thành viên 2 gives 0 < 1 -> unmet -> 2★ instead of 3★.
        ("buon-jun-leaf-yeast-rice-wine.yaml", 2, [("5.3", 3, 1, "0")]),
        # Cocoa: lowest sheets 3.4 = 1 < 2 and 9 = 1 < 3, as under the mean -> still 3★.
        ("cocoa-misses-4-star-minimum.yaml", 3, [("3.4", 4, 2, "1"), ("9", 4, 3, "1")]),
    ],
)
def test_every_assessor_policy_judges_marks_by_the_lowest_sheet(
    file: str, stars: int, unmet: list[tuple[str, int, int, str]]
) -> None:
    decision = ocop_rules.evaluate(EXAMPLES / file, policy={"minimum": "every-assessor"})
    assert decision.stars == stars
    assert [(u.code, u.stars, u.required_points, u.points_exact) for u in decision.unmet_minimums] == unmet
    assert decision.policy["minimum"] == "every-assessor"
