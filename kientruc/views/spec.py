"""Building a view: the elements placed in groups, the relations among them, then
:meth:`Spec.finish` makes the :class:`~kientruc.views.model.View` (nodes labelled and sorted,
edges merged, collapsed when too large).

Every view, built-in or declared, is built with a :class:`Spec`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from ..graph import ArchGraph
from ..i18n import kind_title, text
from ..models import LAYER_OF, Element, Relation
from ..models.lifecycle import name_on
from .collapse import collapse
from .model import View, ViewEdge, ViewGroup, ViewNode
from .sorting import KIND_ORDER, natural


@dataclass
class Spec:
    """A view being built: which elements, in which group, and which relations to draw."""

    id: str
    title: str
    description: str
    layout: str
    direction: str
    groups: list[ViewGroup]
    placed: dict[str, str] = field(default_factory=dict)  # element id -> group id
    edges: list[ViewEdge] = field(default_factory=list)
    details: dict[str, tuple[str, ...]] = field(default_factory=dict)
    focus: str | None = None
    edge_labels: bool = True
    missing: tuple[str, ...] = ()
    omitted_edges: int = 0

    def place(self, element_id: str, group: str) -> None:
        """Put the element in ``group`` (an element placed already stays where it is)."""
        self.placed.setdefault(element_id, group)

    def relations_among(self, graph: ArchGraph, lang: str, types: Iterable[str] = ()) -> None:
        """Add every relation (of ``types``) between two placed elements."""
        types = tuple(types)
        for eid in sorted(self.placed):
            for rel in graph.out(eid, *types):
                if rel.target in self.placed and rel.target != eid:
                    self.edges.append(ViewEdge(rel.source, rel.target, rel.type, rel_text(rel, graph, lang, self)))

    def adjacent_only(self, level: dict[str, int | None]) -> None:
        """Keep the relations within a band or between neighbouring bands (``level``: group ->
        its place in the stack; None for a side band, whose relations are left out).

        Graphviz can only draw a relation that jumps over bands by looping it around them:
        these are counted, not drawn, and the diagram says how many it left out.
        """
        kept = []
        for e in self.edges:
            a, b = level.get(self.placed[e.source]), level.get(self.placed[e.target])
            if a is not None and b is not None and abs(a - b) <= 1:
                kept.append(e)
        self.omitted_edges += len({(e.source, e.target, e.type) for e in self.edges}) - len(
            {(e.source, e.target, e.type) for e in kept}
        )
        self.edges = kept

    def finish(self, graph: ArchGraph, lang: str, max_nodes: int, source: str) -> View:
        """The view: a node per placed element (collapsed to at most ``max_nodes``), sorted; the
        edges merged; ``source`` the line saying where it comes from."""
        nodes = [self._node(graph.element(eid), gid, lang, graph.as_of) for eid, gid in self.placed.items()]
        group_ids = {g.id for g in self.groups}
        groups = [g for g in self.groups if any(n.group == g.id for n in nodes)]
        assert all(n.group in group_ids for n in nodes), "a node placed in an unknown group"
        nodes, edges, notes = collapse(nodes, self.edges, groups, max_nodes, graph, lang)
        order = {g.id: i for i, g in enumerate(groups)}
        nodes.sort(key=lambda n: (order.get(n.group or "", -1), KIND_ORDER.get(n.kind, 99), natural(n.label), n.id))
        edges = merge_edges(edges)
        info = graph.architecture.manifest.info_on(graph.as_of)
        subtitle = info.name_en if lang == "en" and info.name_en else info.name
        version = info.version
        return View(
            id=self.id,
            title=self.title,
            subtitle=f"{subtitle} ({text('view.version', lang)} {version})",
            description=self.description,
            lang=lang,
            as_of=graph.as_of,
            layout=self.layout,
            direction=self.direction,
            nodes=tuple(nodes),
            edges=tuple(edges),
            groups=tuple(groups),
            source=source,
            edge_labels=self.edge_labels,
            max_nodes=max_nodes,
            elements=len(self.placed),
            collapsed=tuple(notes),
            missing=self.missing,
            omitted_edges=self.omitted_edges,
        )

    def _node(self, el: Element, group: str, lang: str, day: Any = None) -> ViewNode:
        detail = list(self.details.get(el.id, ()))
        return ViewNode(
            id=el.id,
            label=name_on(el.label(lang), el, day),  # no "(trước 1/7/2025)" on a day before that
            kind=el.kind,
            layer=LAYER_OF[el.kind],
            group=group,
            status=el.status.value,
            external=el.external,
            detail=tuple(detail),
            tooltip=_tooltip(el, lang, day),
            focus=el.id == self.focus,
        )


def _tooltip(el: Element, lang: str, day: Any = None) -> str:
    """An element's name, id and kind, and its description."""
    tip = f"{name_on(el.label(lang), el, day)} [{el.id}] — {kind_title(el.kind, lang)}"
    if el.description:
        tip += "\n" + el.description
    return tip


def rel_text(rel: Relation, graph: ArchGraph, lang: str, spec: Spec | None = None) -> str:
    """What a relation carries: the data exchanged and the platform it goes through."""
    s = rel.spec
    if s is None:
        return ""
    parts = []
    if s.data:
        parts.append(", ".join(s.data))
    if s.via and (spec is None or s.via not in spec.placed):  # a platform in the view is drawn
        platform = graph.get(s.via)
        parts.append(text("view.via", lang, name=platform.label(lang) if platform else s.via))
    return "; ".join(parts)


def merge_edges(edges: list[ViewEdge]) -> list[ViewEdge]:
    """One edge per (source, target, type); their texts joined, their counts added."""
    merged: dict[tuple[str, str, str], list] = {}
    for e in edges:
        key = (e.source, e.target, e.type)
        if key not in merged:
            merged[key] = [set(), 0]
        if e.label:
            merged[key][0].add(e.label)
        merged[key][1] += e.count
    out = []
    for (s, t, rtype), (labels, count) in sorted(merged.items()):
        label = "; ".join(sorted(labels)) if len(labels) <= 3 else ""
        out.append(ViewEdge(s, t, rtype, label, count))
    return out
