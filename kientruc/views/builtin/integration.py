"""Who exchanges data with whom, and through which platform (view ``integration``)."""

from __future__ import annotations

from ...graph import ArchGraph
from ...i18n import layer_title, text
from ...models import LAYER_OF, LAYERS
from ..model import ViewEdge, ViewGroup
from ..spec import Spec, rel_text

_RELATIONS = ("flows_to", "connects_to", "integrates_via")


def build(graph: ArchGraph, lang: str) -> Spec:
    """The integration view: the data flows, connections and platforms, an exchange through a
    platform drawn as two edges through it."""
    groups = [ViewGroup(f"layer:{layer}", layer_title(layer, lang), layer, "cluster") for layer in LAYERS]
    groups.append(ViewGroup("external", text("view.band.national", lang), None, "cluster"))
    spec = Spec(
        id="integration",
        title=text("view.title.integration", lang),
        description=text("view.description.integration", lang),
        layout="flow",
        direction="LR",
        groups=groups,
    )

    def place(eid: str) -> None:
        el = graph.element(eid)
        spec.place(eid, "external" if el.external else f"layer:{LAYER_OF[el.kind]}")

    rels = sorted(graph.relations(*_RELATIONS), key=lambda r: (r.source, r.target, r.type))
    for rel in rels:
        if rel.source == rel.target:
            continue
        place(rel.source)
        place(rel.target)
        s = rel.spec
        via = s.via if s is not None and s.via in graph and s.via not in (rel.source, rel.target) else None
        data = ", ".join(s.data) if s is not None and s.data else ""
        if via:
            place(via)
            spec.edges.append(ViewEdge(rel.source, via, rel.type, data))
            spec.edges.append(ViewEdge(via, rel.target, rel.type, data))
        else:
            spec.edges.append(ViewEdge(rel.source, rel.target, rel.type, rel_text(rel, graph, lang)))
    return spec
