"""The context of one element (``context:<element id>``): the element and its neighbours, both
ways, each side grouped by layer."""

from __future__ import annotations

from ...graph import ArchGraph
from ...i18n import layer_title, text
from ...models import LAYER_OF, LAYERS
from ..model import ViewEdge, ViewGroup
from ..spec import Spec, rel_text


def build(graph: ArchGraph, element_id: str, lang: str) -> Spec:
    """The context of ``element_id``: what it points to on one side, what points to it on the other."""
    el = graph.element(element_id)
    spec = Spec(
        id=f"context:{element_id}",
        title=text("view.title.context", lang, name=el.label(lang)),
        description=text("view.description.context", lang),
        layout="flow",
        direction="LR",
        groups=[ViewGroup("focus", "", LAYER_OF[el.kind], "hidden")]
        + [ViewGroup(f"in:{layer}", layer_title(layer, lang), layer, "hidden") for layer in LAYERS]
        + [ViewGroup(f"out:{layer}", layer_title(layer, lang), layer, "hidden") for layer in LAYERS],
        focus=element_id,
    )
    spec.place(element_id, "focus")
    outgoing = graph.out(element_id)
    incoming = graph.in_(element_id)
    for rel in sorted(outgoing, key=lambda r: (r.target, r.type)):
        if rel.target != element_id:
            spec.place(rel.target, f"out:{LAYER_OF[graph.element(rel.target).kind]}")
    for rel in sorted(incoming, key=lambda r: (r.source, r.type)):
        if rel.source != element_id:
            spec.place(rel.source, f"in:{LAYER_OF[graph.element(rel.source).kind]}")
    for rel in outgoing + incoming:
        if rel.source != rel.target:
            spec.edges.append(ViewEdge(rel.source, rel.target, rel.type, rel_text(rel, graph, lang, spec)))
    return spec
