"""The derivations file checked against the law's text: every shared rule quotes the wording of every set it
serves, every option is reachable, sets 1, 13 and 26 are fully covered, and the conditions stay closed."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocop_rules.conditions import COMPARISONS, ConditionError, expand, normalise
from ocop_rules.derivation import check_derivations, load_derivations, parse_derivations
from ocop_rules.errors import RulesetError
from ocop_rules.evidence_facts import FACTS
from ocop_rules.registry import get_ruleset, ruleset_folder
from ocop_rules.ruleset import Ruleset

RS: Ruleset = get_ruleset("qd-26-2026")
FILE = ruleset_folder("qd-26-2026") / "derivations.yaml"  # type: ignore[operator]


def _raw() -> str:
    return Path(FILE).read_text(encoding="utf-8")


def test_the_shipped_derivations_match_the_law() -> None:
    d = load_derivations(RS)
    assert d is not None
    assert check_derivations(RS, d) == []


def test_sets_1_13_and_26_are_declared_complete() -> None:
    d = load_derivations(RS)
    assert d is not None and set(d.complete_for) == {1, 13, 26}
    for number in (1, 13, 26):
        ps = RS.product_set(number)
        assert ps is not None
        for c in ps.leaves:
            assert d.topic_for(number, c.code) is not None or d.judged_reason(number, c.code), (number, c.code)


def test_shared_topics_serve_many_sets() -> None:
    # One rule, every set that prints the same criterion: local labour is 3.3 on all 26 sheets.
    d = load_derivations(RS)
    assert d is not None
    labour = next(t for t in d.topics if t.id == "local-labour")
    assert sorted(labour.criteria) == list(range(1, 27))
    assert {t.id for t in d.topics if len(t.criteria) > 15} >= {"linkage", "environment-records", "organisation-type", "promotion"}


def test_set_1_and_set_13_read_criterion_1_1_differently() -> None:
    # Set 1 speaks of the share grown in the commune and requires 100 % in the province; set 13 of the in-province share.
    d = load_derivations(RS)
    assert d is not None
    t1, t13 = d.topic_for(1, "1.1"), d.topic_for(13, "1.1")
    assert t1 is not None and t13 is not None and t1.id != t13.id
    assert t1.id == "product-grown-in-commune" and t13.id == "raw-material-in-province"


def test_the_tourism_sheet_gets_its_own_organisation_rule() -> None:
    # Set 26's top option adds 'hoặc các đối tượng còn lại': the shared rule would score those 0.
    d = load_derivations(RS)
    assert d is not None
    assert d.topic_for(26, "3.1").id == "organisation-type-tourism"  # type: ignore[union-attr]
    assert 26 not in next(t for t in d.topics if t.id == "organisation-type").criteria


@pytest.mark.parametrize(("old", "new", "problem"), [
    # A rule that misquotes the option is caught in every set it serves.
    ("Có hợp đồng liên kết từ 50% đến dưới 75% sản lượng tiêu thụ", "Có hợp đồng liên kết từ 50% đến 75% sản lượng tiêu thụ",
     "topics[linkage] set 1 1.5/b: wording"),
    # Serving a set whose criterion means something else, or a criterion another topic serves.
    ('criteria: {26: "3.1"}', 'criteria: {26: "3.1", 13: "3.2"}', "set 13 criterion 3.2 has no option 'c'"),
    ('criteria: {26: "3.1"}', 'criteria: {26: "3.1", 13: "3.1"}', "is already served by topic organisation-type"),
    # An unknown fact, an unknown policy, an option the sheet does not have.
    ("{ge: [raw_material_in_province, 7500]}", "{ge: [raw_material_in_provinse, 7500]}", "unknown fact 'raw_material_in_provinse'"),
    ("policy: linkage-under-50-is-option-a", "policy: linkage-under-fifty", "unknown policy"),
    ("      - option: e\n        wording_vi: \"Có câu chuyện", "      - option: f\n        wording_vi: \"Có câu chuyện", "has no option 'f'"),
])
def test_mistakes_in_the_file_are_caught(old: str, new: str, problem: str) -> None:
    raw = _raw()
    assert old in raw
    bad = raw.replace(old, new, 1).encode()
    try:
        d = parse_derivations(bad, RS)
    except RulesetError as err:
        assert any(problem in str(p) for p in err.problems), err.problems
        return
    assert any(problem in str(p) for p in check_derivations(RS, d)), check_derivations(RS, d)


def test_a_criterion_without_rule_or_reason_breaks_coverage() -> None:
    raw = _raw().replace('    criteria: ["7"]\n    reason: "Uniqueness (\'độc đáo', '    criteria: []\n    reason: "Uniqueness (\'độc đáo', 1)
    problems = check_derivations(RS, parse_derivations(raw.encode(), RS))
    assert [str(p) for p in problems] == ["complete_for set 13: criterion 7 has no derivation rule and no judged reason"]


def test_an_option_no_rule_selects_is_caught() -> None:
    raw = _raw()
    start = raw.index("      - option: a\n        wording_vi: \"Không có liên kết")
    end = raw.index("  - id: environment-records")
    problems = check_derivations(RS, parse_derivations((raw[:start] + raw[end:]).encode(), RS))
    assert "topics[linkage] set 13: no rule selects option 1.5/a" in [str(p) for p in problems]


def test_between_is_sugar_that_engines_never_see() -> None:
    assert expand({"between": ["x", 1, 2]}) == {"all": [{"ge": ["x", 1]}, {"le": ["x", 2]}]}
    assert expand({"not": {"any": [{"between": ["x", 1, 2]}]}}) == {"not": {"any": [{"all": [{"ge": ["x", 1]}, {"le": ["x", 2]}]}]}}
    with pytest.raises(ConditionError):
        expand({"between": ["x", 1]})
    program_ops: set[str] = set()

    def ops(cond: dict[str, object]) -> None:
        (op, arg), = cond.items()
        program_ops.add(op)
        if op in ("all", "any"):
            for c in arg:  # type: ignore[attr-defined]
                ops(c)

    from ocop_rules.policies import DEFAULT_POLICY
    from ocop_rules.program import compile_program

    for number in (1, 13, 26):
        for rule in compile_program(RS, number, 1, DEFAULT_POLICY).stage("evidence"):
            ops(rule.condition)
            assert normalise(rule.condition) == rule.condition
    assert program_ops <= {"all", "any", "present", "absent", *COMPARISONS}


def test_every_fact_a_rule_reads_is_in_the_fact_table() -> None:
    from ocop_rules.conditions import fields
    from ocop_rules.policies import DEFAULT_POLICY
    from ocop_rules.program import compile_program

    read = {f for ps in RS.product_sets for r in compile_program(RS, ps.number, 1, DEFAULT_POLICY).stage("evidence")
            for f in fields(r.condition)}
    assert read <= set(FACTS)
    assert len(read) > 60


def test_every_rule_names_its_criterion_and_option_and_cites_the_sheet() -> None:
    from ocop_rules.policies import DEFAULT_POLICY
    from ocop_rules.program import compile_program

    rules = compile_program(RS, 13, 1, DEFAULT_POLICY).stage("evidence")
    selects = [r for r in rules if r.consequence.effect == "select-option"]
    assert len(selects) > 50
    for r in selects:
        assert r.consequence.criterion and r.cite.criterion == r.consequence.criterion
        assert r.consequence.option is None or r.consequence.option.startswith(r.consequence.criterion + "/")
        assert r.cite.render("en").startswith("Decision 26/2026/QĐ-TTg, Annex II item 13 criterion")


def test_lint_reports_derivation_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ocop_rules import registry
    from ocop_rules.derivation import lint_derivations

    assert lint_derivations(RS) == []
    (tmp_path / "derivations.yaml").write_text(_raw().replace("Có ghi nhãn song ngữ", "Có ghi nhãn ba ngữ", 1), encoding="utf-8")
    monkeypatch.setattr(registry, "ruleset_folder", lambda rid: tmp_path)
    lines = lint_derivations(RS)
    assert lines and all(line.startswith("qd-26-2026: derivations.yaml: topics[bilingual-label]") for line in lines)
    monkeypatch.undo()
    assert lint_derivations(RS) == []  # the cache was refreshed, not poisoned


def test_the_developer_docs_list_every_fact() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "developers" / "evidence.md").read_text(encoding="utf-8")
    missing = [name for name in FACTS if f"`{name}`" not in doc]
    assert missing == []
