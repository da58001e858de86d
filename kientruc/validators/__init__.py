"""Validators: the rule registry, the rules, and the engine that runs them.

Importing this package imports :mod:`kientruc.validators.rules`, which registers every rule
kientruc has, one per file. Rules are never loaded from the model folder.
"""

from . import rules  # noqa: F401  (registers the rules)
from ..codes import ENGINE_CODES
from .engine import CheckResult, check
from .registry import Related, Rule, RuleContext, Violation, lookup, registry, rule

ENGINE_RULES = ENGINE_CODES  # the engine's own codes under the name kientruc.cli imports

__all__ = [
    "ENGINE_RULES",
    "CheckResult",
    "Related",
    "Rule",
    "RuleContext",
    "Violation",
    "check",
    "lookup",
    "registry",
    "rule",
]
