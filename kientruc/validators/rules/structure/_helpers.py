"""What several structure rules share: elements by id, and cycles found and reported."""

from __future__ import annotations

from typing import Iterator

from ...registry import Related, RuleContext, Violation
from ....i18n import Msg, msg, relation


def by_id(ctx: RuleContext) -> dict:
    return ctx.architecture.by_id()


def find_cycles(edges: list[tuple[str, str]]) -> list[list[str]]:
    """The strongly connected components of more than one element of the graph ``edges`` make, each
    sorted, in the order networkx's ``strongly_connected_components`` of ``nx.DiGraph(edges)`` gives them.

    Its algorithm (Tarjan's with Nuutila's improvements, as networkx 3 writes it) on the same
    adjacency, so that the answer and its order are networkx's without importing networkx (0.2 s at
    every start); ``tests/test_cold_paths.py`` compares the two on random graphs.
    """
    if not edges:
        return []
    adj: dict[str, dict[str, None]] = {}
    for u, v in edges:  # as nx.DiGraph adds them: u, then v, then the edge
        if u not in adj:
            adj[u] = {}
        if v not in adj:
            adj[v] = {}
        adj[u][v] = None
    return [sorted(c) for c in _strongly_connected(adj) if len(c) > 1]


def _strongly_connected(adj: dict[str, dict[str, None]]) -> Iterator[set[str]]:
    preorder: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    scc_found: set[str] = set()
    scc_queue: list[str] = []
    i = 0
    neighbors = {v: iter(adj[v]) for v in adj}
    for source in adj:
        if source in scc_found:
            continue
        queue = [source]
        while queue:
            v = queue[-1]
            if v not in preorder:
                i += 1
                preorder[v] = i
            done = True
            for w in neighbors[v]:
                if w not in preorder:
                    queue.append(w)
                    done = False
                    break
            if done:
                lowlink[v] = preorder[v]
                for w in adj[v]:
                    if w not in scc_found:
                        if preorder[w] > preorder[v]:
                            lowlink[v] = min(lowlink[v], lowlink[w])
                        else:
                            lowlink[v] = min(lowlink[v], preorder[w])
                queue.pop()
                if lowlink[v] == preorder[v]:
                    scc = {v}
                    while scc_queue and preorder[scc_queue[-1]] > preorder[v]:
                        scc.add(scc_queue.pop())
                    scc_found.update(scc)
                    yield scc
                else:
                    scc_queue.append(v)


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
