"""The command-line reference, read from the real argparse parser, so sub-commands that other
modules register (`cli.EXTRA_COMMANDS`) appear without anyone writing about them."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Iterator

from .text import cell, md_table

WIDTH = 100


def _subcommands(parser: argparse.ArgumentParser) -> Iterator[tuple[str, str, argparse.ArgumentParser]]:
    """(name, help, parser) of each direct sub-command, in registration order."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                yield name, str(helps.get(name, "")), sub


def walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str, argparse.ArgumentParser]]:
    """Every command and nested sub-command, depth first: (words after the program name, help, parser)."""
    for name, help_text, sub in _subcommands(parser):
        yield (*path, name), help_text, sub
        yield from walk(sub, (*path, name))


def _argument_rows(parser: argparse.ArgumentParser) -> list[list[str]]:
    rows = []
    for a in parser._actions:
        if isinstance(a, argparse._HelpAction | argparse._SubParsersAction):
            continue
        name = ", ".join(f"`{o}`" for o in a.option_strings) if a.option_strings else f"`{a.metavar or a.dest}`"
        if a.option_strings and a.nargs != 0:
            name += f" `{a.metavar or a.dest.upper()}`"
        required = "yes" if (a.required or not a.option_strings) else "no"
        choices = ", ".join(f"`{c}`" for c in a.choices) if a.choices else ""
        default = "" if a.default in (None, argparse.SUPPRESS, False) else f"`{a.default}`"
        rows.append([name, required, choices, default, cell(a.help or "")])
    return rows


def _usage(parser: argparse.ArgumentParser) -> str:
    parser.formatter_class = functools.partial(argparse.HelpFormatter, width=WIDTH)
    return parser.format_usage().strip()


def command_anchor(words: tuple[str, ...]) -> str:
    """The page anchor of a command: ('rulesets', 'show') -> 'cmd-rulesets-show'."""
    return "cmd-" + "-".join(words)


def cli_page(parser: argparse.ArgumentParser, extra_modules: tuple[str, ...]) -> str:
    """Usage and arguments of every command of `parser`."""
    commands = list(walk(parser))
    out = ["# Command line", "",
           f"`{parser.prog}`: {cell(parser.description or '')} This page is generated from the program's own argument parser "
           "(`ocop_rules.cli.build_parser()`), so it lists exactly the commands the installed version has, including those "
           "registered by the optional modules " + ", ".join(f"`{m}`" for m in extra_modules) + " when they are present.", "",
           "Exit codes: `0` when the command did its work (for `evaluate`, whatever the star); `2` on bad input, with one readable "
           "line on stderr and no traceback (see [Error codes](errors.md)); `130` when interrupted. A checking command such as "
           "`lint` returns `1` when it finds problems.", "",
           "```text", _usage(parser), "```", "", md_table(["Argument", "Required", "Choices", "Default", "Help"], _argument_rows(parser)),
           "", "## Commands", ""]
    out.append(md_table(["Command", "What it does"],
                        [[f"[`{' '.join(w)}`](#{command_anchor(w)})", cell(h)] for w, h, _ in commands]))
    for words, help_text, sub in commands:
        out += ["", f"## `{parser.prog} {' '.join(words)}` {{ #{command_anchor(words)} }}", ""]
        if help_text:
            out += [cell(help_text), ""]
        if sub.description:
            out += [cell(sub.description), ""]
        out += ["```text", _usage(sub), "```", ""]
        rows = _argument_rows(sub)
        if rows:
            out.append(md_table(["Argument", "Required", "Choices", "Default", "Help"], rows))
        nested = [w for w, _, _ in commands if w[: len(words)] == words and len(w) == len(words) + 1]
        if nested:
            out.append("Sub-commands: " + ", ".join(f"[`{' '.join(w)}`](#{command_anchor(w)})" for w in nested) + "\n")
    return "\n".join(out)
