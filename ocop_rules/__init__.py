"""ocop-rules: decide Vietnam's OCOP star ratings as the law prescribes, and explain each step.

>>> import ocop_rules
>>> ocop_rules.get_ruleset("qd-26-2026").part("A").max_points
40
"""

from __future__ import annotations

__version__ = "0.1.0"

from ocop_rules.decision import Decision, decision_schema
from ocop_rules.dossier import Dossier, load_dossier
from ocop_rules.errors import (
    DossierError,
    EngineError,
    EngineMismatch,
    InputError,
    OcopError,
    Problem,
    RulesetError,
    UnknownRulesetError,
)
from ocop_rules.evaluate import evaluate
from ocop_rules.next_star import next_star
from ocop_rules.policies import Policy
from ocop_rules.registry import get_ruleset, rulesets
from ocop_rules.rescore import RescoreResult, rescore
from ocop_rules.ruleset import Ruleset
from ocop_rules.schema import dossier_schema

__all__ = [
    "Decision",
    "Dossier",
    "DossierError",
    "EngineError",
    "EngineMismatch",
    "InputError",
    "OcopError",
    "Policy",
    "Problem",
    "RescoreResult",
    "Ruleset",
    "RulesetError",
    "UnknownRulesetError",
    "__version__",
    "decision_schema",
    "dossier_schema",
    "evaluate",
    "get_ruleset",
    "load_dossier",
    "next_star",
    "rescore",
    "rulesets",
]
