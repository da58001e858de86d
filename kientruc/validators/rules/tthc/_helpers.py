"""What several administrative-procedure rules share: the provincial systems of given types."""

from __future__ import annotations

from ...registry import RuleContext
from .._common import is_retiring, per_graph, provincial, refiltered, value


TTHC_KINDS = ("application", "shared_service")

def _typed(el):
    """(the system, its system_type) if ``el`` is a provincial system in service, else None."""
    if el.kind in TTHC_KINDS and provincial(el) and not is_retiring(el):
        return (el, value(el, "system_type"))
    return None


# graph -> [(system, its system_type)] for the provincial systems in service, in model order
_TYPED = per_graph(lambda graph, typed, changed: refiltered(graph, typed, changed, _typed, lambda e: e[0]))


def systems_of(ctx: RuleContext, *types: str) -> list:
    """The provincial systems in service (not retiring) of the given ``system_type``s, in model order.

    Their types are read once per graph: TTHC001 asks three times per province, and reading every application
    of a model of 33 provinces each time made it grow with the square of the model."""
    typed = _TYPED.get(ctx.graph)
    if typed is None:
        typed = _TYPED[ctx.graph] = [t for e in ctx.graph.of_kind(*TTHC_KINDS) if (t := _typed(e)) is not None]
    return [e for e, t in typed if t in types]
