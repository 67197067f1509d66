"""Where each generated page lives in the site (docs-relative source paths), in one place."""

from __future__ import annotations

RULES_INDEX = "rules/index.md"
POLICIES = "rules/policies.md"
WALKTHROUGH = "how-a-decision-is-made.md"
DOSSIER_SCHEMA_PAGE = "integrators/schemas/dossier.md"
DECISION_SCHEMA_PAGE = "integrators/schemas/decision.md"
DOSSIER_SCHEMA_FILE = "schema/dossier.json"
DECISION_SCHEMA_FILE = "schema/decision.json"
CLI = "integrators/cli.md"
ERRORS = "integrators/errors.md"
RULESET_FORMAT = "developers/ruleset-format.md"


def ruleset_page(rid: str) -> str:
    """A ruleset's own page: legal basis, period, bands, authorities, procedure, its sets."""
    return f"rules/{rid}/index.md"


def errata_page(rid: str) -> str:
    """A ruleset's errata: what was printed, what is encoded, and why."""
    return f"rules/{rid}/errata.md"


def set_page(rid: str, number: int) -> str:
    """One product set's score sheet and star-minimum matrix."""
    return f"rules/{rid}/set-{number:02d}.md"


def change_page(old: str, new: str) -> str:
    """What changed from one ruleset to the next."""
    return f"rules/changes/{old}--{new}.md"
