"""The `ocop-rules` command line. Bad input exits 2 with one readable line on stderr, never a traceback."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ocop_rules import __version__
from ocop_rules.errors import InputError, OcopError

Handler = Callable[[argparse.Namespace], int]

EXTRA_COMMANDS: tuple[str, ...] = (
    "ocop_rules.cli_versions",
    "ocop_rules.cli_evidence",
    "ocop_rules.cli_batch",
)
"""Modules that add sub-commands: each has `register(subparsers) -> None` (missing ones are skipped)."""


def _print(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def cmd_evaluate(args: argparse.Namespace) -> int:
    from ocop_rules.evaluate import evaluate
    from ocop_rules.render import render_markdown, render_text

    decision = evaluate(Path(args.file), ruleset=args.ruleset, engine=args.engine,
                        policy={"minimum": args.minimum} if args.minimum else None)
    if args.format == "json":
        _print(decision.to_json())
    elif args.format == "markdown":
        _print(render_markdown(decision, args.lang))
    else:
        _print(render_text(decision, args.lang))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from ocop_rules.dossier import load_dossier
    from ocop_rules.evaluate import _product_set, _select
    from ocop_rules.registry import get_ruleset
    from ocop_rules.scoring import resolve_sheets

    d = load_dossier(Path(args.file))
    rs = get_ruleset(_select(d, args.ruleset).id)
    ps = _product_set(rs, d)
    resolve_sheets(rs, ps, d)
    _print(f"valid: {args.file} ({rs.id}, set {ps.number}, {len(d.score_sheets)} score sheets)")
    return 0


def cmd_rulesets_list(args: argparse.Namespace) -> int:
    from ocop_rules.overview import ruleset_summary
    from ocop_rules.registry import rulesets

    items = [ruleset_summary(rs) for rs in rulesets()]
    if args.format == "json":
        _print(json.dumps(items, ensure_ascii=False, indent=2))
    else:
        for it in items:
            until = it["effective_until"] or "…"
            _print(f"{it['id']:<14} {it['effective_from']} → {until:<10}  {it['fidelity']:<16} {it['product_sets']:>2} sets  {it['title']}")
    return 0


def cmd_rulesets_show(args: argparse.Namespace) -> int:
    from ocop_rules.overview import overview_text, ruleset_json, sheet_text
    from ocop_rules.registry import get_ruleset

    rs = get_ruleset(args.id)
    if args.set is not None and rs.product_set(args.set) is None:
        raise _no_set(rs.id, args.set)
    if args.format == "json":
        _print(json.dumps(ruleset_json(rs, args.set), ensure_ascii=False, indent=2))
    elif args.set is not None:
        ps = rs.product_set(args.set)
        assert ps is not None
        _print(sheet_text(rs, ps))
    else:
        _print(overview_text(rs))
    return 0


def _no_set(rid: str, number: int) -> OcopError:
    from ocop_rules.errors import Problem

    return InputError("--set", [Problem("", f"ruleset {rid} has no product set {number}")])


def cmd_schema(args: argparse.Namespace) -> int:
    from ocop_rules.decision import decision_schema
    from ocop_rules.schema import dossier_schema

    _print(json.dumps(decision_schema() if args.decision else dossier_schema(), ensure_ascii=False, indent=2))
    return 0


def cmd_lint(args: argparse.Namespace) -> int:
    from ocop_rules.lint import lint_all, summary

    problems = lint_all()
    for line in problems:
        sys.stderr.write(line + "\n")
    if problems:
        sys.stderr.write(f"lint: {len(problems)} problem(s)\n")
        return 1
    for line in summary():
        _print(line)
    return 0


def cmd_check_text(args: argparse.Namespace) -> int:
    textcheck = importlib.import_module("ocop_rules.textcheck")
    argv = [args.path, "--format", args.format] + (["--rulesets", args.rulesets] if args.rulesets else [])
    return int(textcheck.main(argv))


def add_dossier_arguments(p: argparse.ArgumentParser) -> None:
    """The options every command that decides one dossier takes: file, ruleset, format, language, engine."""
    p.add_argument("file")
    p.add_argument("--ruleset", help="ruleset id; overrides the dossier's own field")
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    p.add_argument("--lang", choices=["vi", "en"], default="vi")
    p.add_argument("--engine", choices=["reference", "durable", "cross-check"], default="reference")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with every sub-command registered."""
    p = argparse.ArgumentParser(prog="ocop-rules", description="Decide OCOP star ratings as the law prescribes.")
    p.add_argument("--version", action="version", version=f"ocop-rules {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("evaluate", help="evaluate a dossier and print the decision")
    add_dossier_arguments(e)
    e.add_argument("--minimum", choices=["mean", "every-assessor"], help="star-minimum policy (default mean)")
    e.set_defaults(func=cmd_evaluate)

    v = sub.add_parser("validate", help="check a dossier against the format and its sheet")
    v.add_argument("file")
    v.add_argument("--ruleset")
    v.set_defaults(func=cmd_validate)

    r = sub.add_parser("rulesets", help="list or show the shipped rulesets")
    rsub = r.add_subparsers(dest="rulesets_command", required=True)
    rl = rsub.add_parser("list")
    rl.add_argument("--format", choices=["text", "json"], default="text")
    rl.set_defaults(func=cmd_rulesets_list)
    rs = rsub.add_parser("show")
    rs.add_argument("id")
    rs.add_argument("--set", type=int)
    rs.add_argument("--format", choices=["text", "json"], default="text")
    rs.set_defaults(func=cmd_rulesets_show)

    s = sub.add_parser("schema", help="print the dossier (or decision) JSON Schema")
    s.add_argument("--decision", action="store_true")
    s.set_defaults(func=cmd_schema)

    lint = sub.add_parser("lint", help="check every shipped ruleset's invariants")
    lint.set_defaults(func=cmd_lint)

    ct = sub.add_parser("check-text", help="compare the rulesets with a copy of the legal text")
    ct.add_argument("path")
    ct.add_argument("--rulesets")
    ct.add_argument("--format", choices=["text", "json"], default="text")
    ct.set_defaults(func=cmd_check_text)

    for module in EXTRA_COMMANDS:
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as err:
            if err.name != module:
                raise
            continue
        mod.register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except OcopError as err:
        sys.stderr.write(f"ocop-rules: {err}\n")
        return 2
    except OSError as err:
        sys.stderr.write(f"ocop-rules: {err.strerror or err}: {getattr(err, 'filename', '') or ''}\n")
        return 2
    except KeyboardInterrupt:
        return 130
