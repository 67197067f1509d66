"""Plain views of a ruleset: the JSON contract of `rulesets show`, the overview and the star-minimum matrix."""

from __future__ import annotations

from typing import Any

from ocop_rules.ruleset import ProductSet, Ruleset


def minimum_matrix(ps: ProductSet) -> dict[int, list[tuple[str, int]]]:
    """Star -> [(criterion, points required)], cumulative: a 3★ mark binds 4★ and 5★ too."""
    marks = [(c.code, o.points, o.min_stars) for c in ps.leaves for o in c.options if o.min_stars]
    out: dict[int, list[tuple[str, int]]] = {}
    for star in (3, 4, 5):
        need: dict[str, int] = {}
        for code, pts, k in marks:
            if k is not None and k <= star:
                need[code] = max(need.get(code, 0), pts)
        order = {c.code: i for i, c in enumerate(ps.leaves)}
        out[star] = sorted(need.items(), key=lambda kv: order[kv[0]])
    return out


def set_json(rs: Ruleset, ps: ProductSet) -> dict[str, Any]:
    """One product set in the `rulesets show --format json` contract (scored criteria, sheet order).

    The keys are the contract's and no more: integrators validate against them.
    """
    parts = {p.code: sum(c.max_points for c in ps.children(None) if c.part == p.code) for p in rs.parts}
    return {
        "number": ps.number,
        "slug": ps.slug,
        "title_vi": ps.title_vi,
        "title_en": ps.title_en,
        "parts": parts,
        "criteria": [
            {
                "code": c.code,
                "part": c.part,
                "max_points": c.max_points,
                "options": [{"key": o.key, "points": o.points, "min_stars": o.min_stars} for o in c.options],
            }
            for c in ps.leaves
        ],
    }


def ruleset_json(rs: Ruleset, number: int | None = None) -> dict[str, Any]:
    """The `rulesets show ID --format json` object; `number` keeps one product set."""
    sets = [s for s in rs.product_sets if number is None or s.number == number]
    return {
        "id": rs.id,
        "title": rs.title_vi,
        "effective_from": rs.effective_from.isoformat(),
        "sha256": rs.sha256,
        "product_sets": [set_json(rs, s) for s in sets],
    }


def ruleset_summary(rs: Ruleset) -> dict[str, Any]:
    """One line of `rulesets list --format json`."""
    return {
        "id": rs.id,
        "title": rs.title_vi,
        "instrument": rs.instrument.number,
        "signed_on": rs.instrument.signed_on.isoformat(),
        "effective_from": rs.effective_from.isoformat(),
        "effective_until": rs.effective_until.isoformat() if rs.effective_until else None,
        "replaces": list(rs.replaces),
        "extends": rs.extends,
        "fidelity": rs.fidelity,
        "fidelity_note": rs.fidelity_note,
        "mode": rs.mode,
        "minimums_known": rs.minimums_known,
        "lapses_after": rs.lapse.last_day.isoformat() if rs.lapse else None,
        "transition_to": rs.transition.continues_under if rs.transition else None,
        "product_sets": len(rs.product_sets),
        "sha256": rs.sha256,
    }


def overview_text(rs: Ruleset) -> str:
    """Per set: number, title, counts of scored criteria, options and star marks, and the minimum matrix."""
    lines = [f"{rs.id}: {rs.title_en} ({rs.instrument.number}), from {rs.effective_from.isoformat()}, "
             f"fidelity {rs.fidelity}, sha256 {rs.sha256[:16]}…", ""]
    totals = [0, 0, 0]
    for ps in rs.product_sets:
        leaves = ps.leaves
        opts = [o for c in leaves for o in c.options]
        marks = sum(1 for o in opts if o.min_stars)
        totals = [totals[0] + len(leaves), totals[1] + len(opts), totals[2] + marks]
        lines.append(f"{ps.number:2d}  {ps.title_vi} / {ps.title_en}")
        lines.append(f"    {len(leaves)} scored criteria, {len(opts)} options, {marks} star marks")
        if marks and not ps.star_mark_footnote:
            lines.append("    (the sheet prints these marks without the footnote that defines them: "
                         "policy marks_without_footnote)")
        if not ps.sheet_known:
            lines.append("    score sheet not in the sources")
        if not rs.minimums_known:
            lines.append("    star minimums unknown (see the ruleset's unknowns): every star is provisional")
            continue
        for star, need in minimum_matrix(ps).items():
            req = ", ".join(f"{code}≥{pts}" for code, pts in need) or "—"
            lines.append(f"    {star}★ requires: {req}")
    lines.append("")
    lines.append(f"Total: {len(rs.product_sets)} sets, {totals[0]} scored criteria, {totals[1]} options, {totals[2]} star marks")
    return "\n".join(lines) + "\n"


def sheet_text(rs: Ruleset, ps: ProductSet) -> str:
    """The full sheet of one set, as printed (with our English beside it)."""
    lines = [f"{rs.id} — set {ps.number}: {ps.title_vi} / {ps.title_en}"]
    for g in ps.rejection_grounds:
        lines.append(f"  rejected when [{g.id}]: {g.text_vi}")
    for c in ps.criteria:
        depth = c.code.count(".")
        pad = "  " * (depth + 1)
        lines.append(f"{pad}{c.code} {c.title_vi} [{c.max_points}]  — {c.title_en}")
        for o in c.options:
            mark = "*" * o.min_stars if o.min_stars else ""
            lines.append(f"{pad}  ({o.key}) {o.points:>2}  {o.text_vi} {mark}")
        for n in c.notes:
            lines.append(f"{pad}  note [{n.kind}] {n.text_vi}")
    return "\n".join(lines) + "\n"
