"""The architecture as a graph: one node per element, one edge per relation.

:class:`ArchGraph` wraps a :class:`networkx.MultiDiGraph` (node key = element id,
edge key = relation type) and offers the typed queries that rules and renderers
share. Built for a day (``as_of``), it holds only the elements and relations in
force that day, so every later stage answers for that day.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from typing import Iterable, Iterator

import networkx as nx

from .models import LAYER_OF, LAYERS, Architecture, Element, Relation


class ArchGraph:
    """A typed view of an architecture's graph."""

    def __init__(self, architecture: Architecture, as_of: dt.date | None = None) -> None:
        self.architecture = architecture
        self.as_of = as_of
        self.g: nx.MultiDiGraph = nx.MultiDiGraph()
        self._by_kind: dict[str, list[str]] = defaultdict(list)
        self.dangling: list[Relation] = []  # relations of elements in force whose other end is not
        g = self.g
        for el in architecture.elements:
            if el.id in g or not el.in_force(as_of):
                continue  # duplicates: the first one wins (rule STR002 reports the others)
            g.add_node(el.id, element=el)
            self._by_kind[el.kind].append(el.id)
        nodes = g._node  # direct access: this loop runs once per relation
        edges = []
        for rel in architecture.relations:
            if rel.written_by not in nodes:
                continue  # written by an element not in force on the day
            if rel.source not in nodes or rel.target not in nodes:
                self.dangling.append(rel)  # an end unknown, or not in force on the day
                continue
            if as_of is not None and not _rel_in_force(rel, as_of):
                continue
            edges.append((rel.source, rel.target, rel.type, {"relation": rel}))
        g.add_edges_from(edges)

    # ------------------------------------------------------------------ elements

    def __contains__(self, element_id: str) -> bool:
        return element_id in self.g

    def __len__(self) -> int:
        return self.g.number_of_nodes()

    def element(self, element_id: str) -> Element:
        return self.g.nodes[element_id]["element"]

    def get(self, element_id: str) -> Element | None:
        data = self.g._node.get(element_id)
        return data["element"] if data else None

    def elements(self) -> Iterator[Element]:
        for _, data in self.g.nodes(data=True):
            yield data["element"]

    def of_kind(self, *kinds: str) -> list[Element]:
        """Elements of the given kinds, in model order."""
        out: list[Element] = []
        for kind in kinds:
            out.extend(self.g.nodes[i]["element"] for i in self._by_kind.get(kind, ()))
        return out

    def layer(self, *layers: str) -> list[Element]:
        """Elements of the given layers."""
        kinds = [k for k, layer in LAYER_OF.items() if layer in layers]
        return self.of_kind(*kinds)

    # ------------------------------------------------------------------ relations

    def relations(self, *types: str) -> Iterator[Relation]:
        """Every relation (of the given types), in graph order."""
        wanted = set(types)
        for _, _, rtype, data in self.g.edges(keys=True, data=True):
            if not wanted or rtype in wanted:
                yield data["relation"]

    def out(self, element_id: str, *types: str) -> list[Relation]:
        """Relations leaving ``element_id`` (of the given types)."""
        wanted = set(types)
        return [
            d["relation"]
            for _, _, k, d in self.g.out_edges(element_id, keys=True, data=True)
            if not wanted or k in wanted
        ]

    def in_(self, element_id: str, *types: str) -> list[Relation]:
        """Relations arriving at ``element_id`` (of the given types)."""
        wanted = set(types)
        return [
            d["relation"]
            for _, _, k, d in self.g.in_edges(element_id, keys=True, data=True)
            if not wanted or k in wanted
        ]

    def targets(self, element_id: str, *types: str) -> list[Element]:
        return [self.element(r.target) for r in self.out(element_id, *types)]

    def sources_of(self, element_id: str, *types: str) -> list[Element]:
        return [self.element(r.source) for r in self.in_(element_id, *types)]

    def neighbours(self, element_id: str) -> list[Element]:
        """Elements joined to ``element_id`` by any relation, either way, each once."""
        ids = dict.fromkeys(list(self.g.successors(element_id)) + list(self.g.predecessors(element_id)))
        ids.pop(element_id, None)
        return [self.element(i) for i in ids]

    def degree(self, element_id: str) -> int:
        return self.g.degree(element_id)

    def owner(self, element_id: str) -> Element | None:
        rels = self.in_(element_id, "owns")
        return self.element(rels[0].source) if rels else None

    def counts(self) -> dict[str, dict[str, int]]:
        """Number of elements per layer and kind: ``{layer: {kind: n}}``, layers in framework order."""
        out: dict[str, dict[str, int]] = {layer: {} for layer in LAYERS}
        for kind, ids in self._by_kind.items():
            out[LAYER_OF[kind]][kind] = len(ids)
        return {layer: dict(sorted(kinds.items())) for layer, kinds in out.items()}

    def relation_counts(self) -> dict[str, int]:
        """Number of relations per type."""
        out: dict[str, int] = {}
        for _, _, rtype in self.g.edges(keys=True):
            out[rtype] = out.get(rtype, 0) + 1
        return dict(sorted(out.items()))

    def subgraph(self, *types: str) -> nx.DiGraph:
        """A plain DiGraph of the relations of the given types (a copy: fast to traverse)."""
        d = nx.DiGraph()
        d.add_edges_from((u, v) for u, v, k in self.g.edges(keys=True) if k in types)
        return d

    def path(self, source: str, target: str, types: Iterable[str] = ()) -> list[str] | None:
        """The shortest path of relations from ``source`` to ``target`` (ids), or None."""
        types = tuple(types)
        graph = self.subgraph(*types) if types else self.g
        try:
            return nx.shortest_path(graph, source, target)
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return None


def _rel_in_force(rel: Relation, day: dt.date) -> bool:
    spec = rel.spec
    if spec is None:
        return True
    if spec.valid_from is not None and day < spec.valid_from:
        return False
    if spec.valid_to is not None and day > spec.valid_to:
        return False
    return True


def build_graph(architecture: Architecture, as_of: dt.date | None = None) -> ArchGraph:
    """Build the graph of ``architecture`` as it stood on ``as_of`` (None: everything)."""
    enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects, none of them garbage
    try:
        return ArchGraph(architecture, as_of)
    finally:
        if enabled:
            gc.enable()
