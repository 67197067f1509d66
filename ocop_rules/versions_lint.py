"""Checks across rulesets: references between versions, filing periods, transitions and mapping files."""

from __future__ import annotations

import itertools

from ocop_rules.errors import OcopError
from ocop_rules.mapping import check_mapping, mapping_files, read_mapping
from ocop_rules.registry import get_ruleset, ruleset_ids


def check_versions() -> list[str]:
    """One line per problem (empty when the versions fit together)."""
    ids = ruleset_ids()
    known = set(ids)
    out: list[str] = []
    all_rs = [get_ruleset(r) for r in ids]
    for rs in all_rs:
        refs = [("extends", rs.extends)] if rs.extends else []
        refs += [("replaces", r) for r in rs.replaces]
        refs += [("transition.continues_under", rs.transition.continues_under)] if rs.transition else []
        out += [f"{rs.id}: {what}: unknown ruleset {ref!r}" for what, ref in refs if ref not in known]
        if rs.transition and rs.transition.continues_under in known:
            prev = get_ruleset(rs.transition.continues_under)
            if prev.effective_until != rs.effective_from:
                out.append(f"{rs.id}: transition.continues_under: {prev.id} governs filings until {prev.effective_until}, "
                           f"not until {rs.effective_from} when {rs.id} takes effect")
    for a, b in itertools.pairwise(all_rs):
        if a.effective_until is None or a.effective_until > b.effective_from:
            out.append(f"{a.id}: its filing period overlaps {b.id}'s (from {b.effective_from})")
    for path in mapping_files():
        where = f"{path.parent.parent.name}/mappings/{path.name}"
        try:
            m = read_mapping(path)
            if m.new != path.parent.parent.name or path.name != f"from-{m.old}.yaml":
                out.append(f"{where}: names from {m.old} to {m.new}; expected the file rulesets/{m.new}/mappings/from-{m.old}.yaml")
                continue
            if m.old not in known or m.new not in known:
                out.append(f"{where}: unknown ruleset in from/to ({m.old}, {m.new})")
                continue
            out += [f"{where}: {p}" for p in check_mapping(m)]
        except OcopError as err:
            out.append(f"{where}: {err}")
    return out
