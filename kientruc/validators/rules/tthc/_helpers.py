"""What several administrative-procedure rules share: the provincial systems of given types."""

from __future__ import annotations

from ...registry import RuleContext
from .._common import is_retiring, per_graph, provincial, value


TTHC_KINDS = ("application", "shared_service")

_TYPED = per_graph()  # graph -> [(system, its system_type)] for the provincial systems in service, in model order


def systems_of(ctx: RuleContext, *types: str) -> list:
    """The provincial systems in service (not retiring) of the given ``system_type``s, in model order.

    Their types are read once per graph: TTHC001 asks three times per province, and reading every application
    of a model of 33 provinces each time made it grow with the square of the model."""
    typed = _TYPED.get(ctx.graph)
    if typed is None:
        typed = _TYPED[ctx.graph] = [(e, value(e, "system_type")) for e in ctx.graph.of_kind(*TTHC_KINDS)
                                     if provincial(e) and not is_retiring(e)]
    return [e for e, t in typed if t in types]
