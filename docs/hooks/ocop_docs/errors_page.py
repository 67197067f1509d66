"""Error codes, read from the exception hierarchy, with messages produced by real bad inputs."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator

from ocop_rules.errors import InputError, OcopError

from .text import cell, md_table


def hierarchy(root: type[OcopError] = OcopError) -> Iterator[tuple[int, type[OcopError]]]:
    """(depth, class) of `root` and every subclass, depth first, in definition order."""
    yield 0, root
    for sub in root.__subclasses__():
        for depth, cls in hierarchy(sub):
            yield depth + 1, cls


def _doc(cls: type) -> str:
    return (inspect.getdoc(cls) or "").split("\n\n")[0].replace("\n", " ")


def _indent(depth: int) -> str:
    return "&nbsp;&nbsp;&nbsp;" * (depth - 1) + "↳ " if depth else ""


def errors_page(examples: list[tuple[str, Callable[[], object]]]) -> str:
    """A table of every error class and code, then each example's real message as the CLI prints it."""
    rows = []
    for depth, cls in hierarchy():
        parent = next((b.__name__ for b in cls.__bases__ if issubclass(b, OcopError)), "Exception")
        problems = "yes" if issubclass(cls, InputError) else "no"
        rows.append([f"`{cls.code}`", f"{_indent(depth)}`{cls.__name__}`", f"`{parent}`", problems, cell(_doc(cls))])
    out = ["# Error codes", "",
           "Every error the library raises on purpose is an `OcopError`; catch that one class. Each class has a stable "
           "`code` for programs and a one-line message for people. Input errors (`InputError` and its subclasses) also carry "
           "`problems`: every problem found, each with the dotted path of the field and what was expected. Nothing is "
           "half-computed: an error means no decision. The command line prints `ocop-rules: <message>` on stderr and exits 2.", "",
           "This table is generated from the exception classes (`ocop_rules.errors`, all importable from `ocop_rules`) "
           "when the site is built.", "",
           md_table(["Code", "Exception", "Subclass of", "Has `problems`", "Meaning"], rows), "",
           "## Handling errors", "",
           "```python",
           "import ocop_rules",
           "",
           "try:",
           "    decision = ocop_rules.evaluate(data)",
           "except ocop_rules.InputError as err:          # bad dossier, bad policy, bad ruleset file",
           "    for p in err.problems:                     # every problem, not only the first",
           "        print(err.code, p.path, p.message)",
           "except ocop_rules.OcopError as err:           # unknown ruleset, engine unavailable, ...",
           "    print(err.code, err)",
           "```", "",
           "## Real messages", "",
           "Each example below is a bad input given to the library while the site was built; the message is what it raised.", ""]
    for title, call in examples:
        try:
            call()
        except OcopError as err:
            out += [f"### {title}", "", f"Code `{err.code}` ({type(err).__name__}):", "", "``` { .text .ocop-wrap }",
                    f"ocop-rules: {err}", "```", ""]
            if isinstance(err, InputError) and len(err.problems) > 1:
                out.append(md_table(["path", "message"], [[f"`{p.path}`", cell(p.message)] for p in err.problems]))
        else:
            raise AssertionError(f"the error example {title!r} raised nothing")
    return "\n".join(out)
