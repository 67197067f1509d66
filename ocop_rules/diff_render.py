"""Render a `RulesetDiff` as plain text or Markdown; both read the same record, in the same order."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ocop_rules.diff import Change, CriterionDiff, OptionDiff, RulesetDiff, SetDiff

_SIGN = {"added": "+", "removed": "-", "changed": "~", "same": "="}


def _why(basis: str | None, judgement: bool, reason: str | None) -> str:
    if basis is None:
        return f" — {reason}" if reason else ""
    how = {"mapping": "declared in the mapping", "number-and-title": "same number and title",
           "code-and-title": "same code and title", "title": "same title", "text": "same wording"}[basis]
    tail = f"; {reason}" if reason else ""
    return f" [{how}{', a judgement' if judgement else ''}{tail}]"


def _option(o: OptionDiff) -> str:
    def side(key: str | None, pts: int | None, stars: int | None, text: str | None) -> str:
        mark = f" {'*' * stars}" if stars else ""
        return f"{key} ({pts}){mark} {text}" if key else "—"

    if o.kind == "added":
        return f"+ option {side(o.new_key, o.new_points, o.new_min_stars, o.new_text_vi)}"
    if o.kind == "removed":
        return f"- option {side(o.old_key, o.old_points, o.old_min_stars, o.old_text_vi)}"
    return (f"~ option {o.old_key} ({o.old_points}{' ' + '*' * o.old_min_stars if o.old_min_stars else ''}) → "
            f"{o.new_key} ({o.new_points}{' ' + '*' * o.new_min_stars if o.new_min_stars else ''})"
            f" ({', '.join(o.changes)}){' [declared]' if o.basis == 'mapping' else ''}")


def _criterion(c: CriterionDiff) -> list[str]:
    pts = f"{c.old_max} → {c.new_max}" if c.kind in ("changed", "same") and c.old_max != c.new_max else \
        str(c.new_max if c.new_max is not None else c.old_max)
    what = f" ({', '.join(c.changes)})" if c.changes else ""
    lines = [f"{_SIGN[c.kind]} {c.label} [{pts} pts]{what}{_why(c.basis, c.judgement, c.reason)}"]
    lines += [f"    {m}" for m in c.minimums]
    lines += [f"    {_option(o)}" for o in c.options if o.kind != "same"]
    return lines


def _set_head(s: SetDiff) -> str:
    extra = " (renamed)" if s.renamed else ""
    return f"{_SIGN[s.kind]} {s.label}{extra}{_why(s.basis, s.judgement, s.reason)}"


def _changes(title: str, items: tuple[Change, ...]) -> list[str]:
    if not items:
        return [f"{title}: unchanged"]
    out = [f"{title}:"]
    for ch in items:
        cites = "; ".join(x for x in (f"old: {ch.old_cite}" if ch.old_cite else "", f"new: {ch.new_cite}" if ch.new_cite else "") if x)
        out.append(f"  ~ {ch.text_en}" + (f"   ({cites})" if cites else ""))
    return out


def render_text(d: RulesetDiff) -> str:
    """The plain-text report of `ocop-rules diff`."""
    scope = f", set {d.set_number}" if d.set_number is not None else ""
    lines = [f"{d.old} → {d.new}{scope}", f"  old: {d.old_summary}", f"  new: {d.new_summary}"]
    if d.mapping:
        lines.append(f"  mapping: {d.mapping}{' (read in reverse)' if d.mapping_inverted else ''}")
    lines += [f"  note: {n}" for n in d.notes]
    lines.append("")
    lines += _changes("Metadata", d.metadata)
    lines += _changes("Parts", d.parts)
    lines += _changes("Bands", d.bands)
    lines += _changes("Authorities", d.authorities)
    if d.stated_changes:
        lines.append(f"What {d.new} states it changed:")
        lines += [f"  - {c['text_en']} ({c['cite']})" for c in d.stated_changes]
    lines.append("")
    lines.append("Product sets:")
    lines += [f"  {_set_head(s)}" for s in d.sets if s.kind != "same" or d.set_number is not None]
    unchanged = [s for s in d.sets if s.kind == "same"]
    if unchanged and d.set_number is None:
        lines.append(f"  = {len(unchanged)} set(s) unchanged: {', '.join(str(s.new_number) for s in unchanged)}")
    for s in d.sets:
        if s.note or any(c.kind != "same" for c in s.criteria):
            lines.append("")
            lines.append(f"Set {s.label}:")
            if s.note:
                lines.append(f"  {s.note}")
            for c in s.criteria:
                if c.kind != "same":
                    lines += [f"  {x}" for x in _criterion(c)]
    return "\n".join(lines) + "\n"


def _md_table(items: tuple[Change, ...]) -> list[str]:
    if not items:
        return ["Unchanged.", ""]
    out = ["| what | old | new | old provision | new provision |", "|---|---|---|---|---|"]
    for ch in items:
        label = ch.text_en.split(":")[0]
        out.append(f"| {label} | {_md(ch.old)} | {_md(ch.new)} | {ch.old_cite or ''} | {ch.new_cite or ''} |")
    return [*out, ""]


def _md(v: object) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    return "—" if v is None else str(v).replace("|", "\\|")


def render_markdown(d: RulesetDiff) -> str:
    """A Markdown page: summary, tables of changed values, sets, then criteria per set."""
    scope = f" (set {d.set_number})" if d.set_number is not None else ""
    out = [f"# What changed: {d.old} → {d.new}{scope}", "", f"- **Old:** {d.old_summary}", f"- **New:** {d.new_summary}"]
    if d.mapping:
        out.append(f"- **Mapping:** `{d.mapping}`{' (read in reverse)' if d.mapping_inverted else ''}")
    out += [f"- *{n}*" for n in d.notes]
    out += ["", "## Metadata", "", *_md_table(d.metadata)]
    out += ["## Parts", "", *_md_table(d.parts)]
    out += ["## Bands", "", *_md_table(d.bands)]
    out += ["## Authorities", "", *_md_table(d.authorities)]
    if d.stated_changes:
        out += [f"## What {d.new} states it changed", ""]
        out += [f"- {c['text_en']} ({c['cite']})" for c in d.stated_changes] + [""]
    out += ["## Product sets", "", "| | old | new | how paired | reason |", "|---|---|---|---|---|"]
    for s in d.sets:
        how = {"mapping": "declared", "number-and-title": "same number and title", "title": "same title", None: ""}[s.basis]
        if s.judgement:
            how += " (judgement)"
        old = f"{s.old_number} {s.old_title_vi}" if s.old_number is not None else "—"
        new = f"{s.new_number} {s.new_title_vi}" if s.new_number is not None else "—"
        out.append(f"| {_SIGN[s.kind]} | {_md(old)} | {_md(new)} | {how} | {_md(s.reason or '')} |")
    out.append("")
    for s in d.sets:
        if not (s.note or any(c.kind != "same" for c in s.criteria)):
            continue
        out += [f"### {s.label}", ""]
        if s.note:
            out += [s.note, ""]
        rows = [c for c in s.criteria if c.kind != "same"]
        if rows:
            out += ["| | criterion | points | changes | paired | reason |", "|---|---|---|---|---|---|"]
            for c in rows:
                pts = f"{c.old_max} → {c.new_max}" if c.old_max is not None and c.new_max is not None and c.old_max != c.new_max \
                    else str(c.new_max if c.new_max is not None else c.old_max)
                changes = ", ".join(c.changes + c.minimums)
                how = {"mapping": "declared", "code-and-title": "same code and title", "title": "same title",
                       "number-and-title": "", "text": "", None: ""}[c.basis] + (" (judgement)" if c.judgement else "")
                out.append(f"| {_SIGN[c.kind]} | {_md(c.label)} | {pts} | {_md(changes)} | {how} | {_md(c.reason or '')} |")
            out.append("")
    return "\n".join(out) + "\n"
