"""`python -m ocop_rules lint`: load every shipped ruleset and report every broken invariant."""

from __future__ import annotations

from ocop_rules.derivation import lint_derivations
from ocop_rules.errors import OcopError, RulesetError
from ocop_rules.registry import _folders, clear_cache, get_ruleset


def lint_all() -> list[str]:
    """One line per problem (empty when every ruleset is sound); loads each ruleset afresh."""
    clear_cache()
    lines: list[str] = []
    for rid in sorted(_folders()):
        try:
            lines += lint_derivations(get_ruleset(rid))
        except RulesetError as err:
            lines += [f"{rid}: {p}" for p in err.problems] or [f"{rid}: {err}"]
        except OcopError as err:
            lines.append(f"{rid}: {err}")
    if not lines:
        from ocop_rules.versions_lint import check_versions

        lines += check_versions()
    return lines


def summary() -> list[str]:
    """One line per ruleset: sets, criteria, options and star marks (after a clean lint)."""
    out = []
    for rid in sorted(_folders(), key=lambda r: get_ruleset(r).effective_from):
        rs = get_ruleset(rid)
        leaves = [c for s in rs.product_sets for c in s.leaves]
        opts = [o for c in leaves for o in c.options]
        marks = sum(1 for o in opts if o.min_stars)
        out.append(f"{rid}: ok ({len(rs.product_sets)} sets, {len(leaves)} scored criteria, {len(opts)} options, "
                   f"{marks} star marks, {len(rs.errata)} errata; sha256 {rs.sha256[:16]}…)")
    return out
