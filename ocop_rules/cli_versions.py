"""Sub-commands about legal versions: `rulesets select`, `diff` and `rescore` (registered by `cli.build_parser`)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from ocop_rules.errors import InputError, Problem


def _print(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def selection_json(filed_on: dt.date, evaluated_on: dt.date | None, registration: str) -> dict[str, Any]:
    """The `rulesets select --format json` object: id, reason (with the provision applied), warnings."""
    from ocop_rules.selection import select_ruleset

    sel = select_ruleset(filed_on, evaluated_on, registration)
    cite_en = sel.cite.render("en") if sel.cite else None
    cite_vi = sel.cite.render("vi") if sel.cite else None
    reason = sel.reason_en if not cite_en or cite_en in sel.reason_en else f"{sel.reason_en} ({cite_en})"
    reason_vi = sel.reason_vi if not cite_vi or cite_vi in sel.reason_vi else f"{sel.reason_vi} ({cite_vi})"
    return {"id": sel.id, "reason": reason, "warnings": list(sel.warnings), "rule": sel.rule,
            "citation": cite_en, "reason_vi": reason_vi,
            "steps": [{"rule": s.rule, "message_en": s.message_en, "values": s.values} for s in sel.steps]}


def cmd_select(args: argparse.Namespace) -> int:
    data = selection_json(args.filed_on, args.evaluated_on, args.registration)
    if args.format == "json":
        _print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print(f"{data['id']}\n  {data['reason']}")
        for w in data["warnings"]:
            _print(f"  warning: {w}")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from ocop_rules.diff import diff_rulesets

    d = diff_rulesets(args.old, args.new, args.set)
    if args.format == "json":
        _print(json.dumps(d.to_json_data(), ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        _print(d.to_markdown())
    else:
        _print(d.to_text())
    return 0


def cmd_rescore(args: argparse.Namespace) -> int:
    from ocop_rules.render import render_text
    from ocop_rules.rescore import rescore

    result = rescore(Path(args.file), args.to, set_number=args.set)
    if args.format == "json":
        _print(result.decision.to_json())
    else:
        _print(render_text(result.decision, args.lang))
    return 0


def _rulesets_subparsers(subparsers: Any) -> Any:
    parser = subparsers.choices.get("rulesets")
    if parser is None:
        raise InputError("cli", [Problem("rulesets", "the 'rulesets' command is not registered")])
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise InputError("cli", [Problem("rulesets", "the 'rulesets' command has no sub-commands")])


def register(subparsers: Any) -> None:
    """Add `rulesets select`, `diff` and `rescore` to the CLI."""
    sel = _rulesets_subparsers(subparsers).add_parser(
        "select", help="which ruleset governs a dossier filed (and evaluated) on these dates")
    sel.add_argument("--filed-on", type=_date, required=True, metavar="DATE")
    sel.add_argument("--evaluated-on", type=_date, metavar="DATE")
    sel.add_argument("--registration", choices=["first", "upgrade", "re-evaluation"], default="first")
    sel.add_argument("--format", choices=["text", "json"], default="text")
    sel.set_defaults(func=cmd_select)

    d = subparsers.add_parser("diff", help="what changed between two rulesets")
    d.add_argument("old")
    d.add_argument("new")
    d.add_argument("--set", type=int, metavar="N", help="only product set N of NEW (and its counterparts in OLD)")
    d.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    d.set_defaults(func=cmd_diff)

    r = subparsers.add_parser("rescore", help="what a dossier would score under another ruleset, through the mappings")
    r.add_argument("file")
    r.add_argument("--to", required=True, metavar="ID")
    r.add_argument("--set", type=int, metavar="N", help="target set, when the source set maps to several")
    r.add_argument("--format", choices=["text", "json"], default="text")
    r.add_argument("--lang", choices=["vi", "en"], default="vi")
    r.set_defaults(func=cmd_rescore)
