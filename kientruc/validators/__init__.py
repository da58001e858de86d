"""Validators: the rule registry, the rules, and the engine that runs them.

Rule modules are imported here, explicitly; importing this package registers
every rule kientruc has. Rules are never loaded from the model folder.
"""

from . import structure, waivers  # noqa: F401  (registers the rules)
from . import (  # noqa: F401  (framework alignment rules)
    architecture,
    data,
    documents,
    governance,
    identity,
    infrastructure,
    integration,
    organisation,
    security,
    standards,
    tthc,
)
from .engine import ENGINE_RULES, CheckResult, check
from .registry import Related, Rule, RuleContext, Violation, lookup, registry, rule

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
