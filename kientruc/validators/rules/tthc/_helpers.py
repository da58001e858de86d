"""What several administrative-procedure rules share: the provincial systems of given types."""

from __future__ import annotations

from ...registry import RuleContext
from .._common import is_retiring, provincial, value


TTHC_KINDS = ("application", "shared_service")


def systems_of(ctx: RuleContext, *types: str) -> list:
    return [
        e
        for e in ctx.graph.of_kind(*TTHC_KINDS)
        if provincial(e) and not is_retiring(e) and value(e, "system_type") in types
    ]
