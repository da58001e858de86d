"""What several structure rules share: elements by id, and cycles found and reported."""

from __future__ import annotations

from typing import Iterator

from ...registry import Related, RuleContext, Violation
from ....i18n import Msg, msg, relation


def by_id(ctx: RuleContext) -> dict:
    return ctx.architecture.by_id()


def find_cycles(edges: list[tuple[str, str]]) -> list[list[str]]:
    if not edges:
        return []
    import networkx as nx  # here, not at the top: importing networkx costs 0.2 s at every start

    graph = nx.DiGraph(edges)
    return [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]


def cycle_violations(ctx: RuleContext, cycles: list[list[str]], field: str, verb: Msg) -> Iterator[Violation]:
    """A finding per cycle; ``verb`` is the message, with ``{head}`` and ``{path}`` to fill."""
    if not cycles:
        return
    order = {e.id: i for i, e in reversed(list(enumerate(ctx.architecture.elements)))}
    for members in cycles:
        members.sort(key=lambda m: order.get(m, 0))
        head = members[0]
        others = members[1:]
        yield Violation(
            msg(verb.id, head=head, path=" → ".join(others + [head])),
            element=head,
            path=(field,),
            related=tuple(Related(m, (field,), msg("in the cycle")) for m in others),
            hint=msg("remove one {relation} relation of the cycle", relation=relation(field)),
        )
