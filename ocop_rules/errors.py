"""One exception hierarchy, so callers catch `OcopError` and the CLI turns any of them into one line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where (a dotted field path) and what was expected."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class OcopError(Exception):
    """Base of every error this library raises on purpose."""

    code = "ocop-error"


class InputError(OcopError):
    """Bad input: carries every problem found, each with its field path."""

    code = "invalid-input"

    def __init__(self, what: str, problems: Sequence[Problem]) -> None:
        self.what = what
        self.problems = tuple(problems)
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """A single readable line: the first problem, and how many more there are."""
        if not self.problems:
            return f"{self.what} is invalid"
        first = str(self.problems[0])
        more = len(self.problems) - 1
        tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        return f"{self.what} is invalid: {first}{tail}"


class DossierError(InputError):
    """The dossier does not match the interchange format or the product set's sheet."""

    code = "invalid-dossier"


class RulesetError(InputError):
    """A ruleset file breaks the format or one of the legal invariants (lint)."""

    code = "invalid-ruleset"


class UnknownRulesetError(OcopError):
    """No ruleset has the requested id, or none governs the requested date."""

    code = "unknown-ruleset"


class EngineError(OcopError):
    """A rule engine failed or is unavailable (for example durable-rules is not installed)."""

    code = "engine-error"


class EngineMismatch(EngineError):
    """Cross-check mode: the two engines disagreed; names the first rule where they differ."""

    code = "engine-mismatch"

    def __init__(self, rule_id: str, detail: str) -> None:
        self.rule_id = rule_id
        self.detail = detail
        super().__init__(f"engines disagree at rule {rule_id}: {detail}")
