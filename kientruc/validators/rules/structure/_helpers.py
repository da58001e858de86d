"""What several structure rules share: elements by id, and cycles found and reported."""

from __future__ import annotations

from typing import Iterator

from ...registry import Related, RuleContext, Violation


def by_id(ctx: RuleContext) -> dict:
    return ctx.architecture.by_id()


def find_cycles(edges: list[tuple[str, str]]) -> list[list[str]]:
    if not edges:
        return []
    import networkx as nx  # here, not at the top: importing networkx costs 0.2 s at every start

    graph = nx.DiGraph(edges)
    return [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]


def cycle_violations(ctx: RuleContext, cycles: list[list[str]], field: str, verb: str) -> Iterator[Violation]:
    if not cycles:
        return
    order = {e.id: i for i, e in reversed(list(enumerate(ctx.architecture.elements)))}
    for members in cycles:
        members.sort(key=lambda m: order.get(m, 0))
        head = members[0]
        others = members[1:]
        yield Violation(
            f"'{head}' {verb} " + " → ".join(others + [head]),
            element=head,
            path=(field,),
            related=tuple(Related(m, (field,), "in the cycle") for m in others),
            hint=f"remove one '{field}' relation of the cycle",
        )
