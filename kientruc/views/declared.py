"""The views a model declares (``views:`` in ``architecture.yaml``): the elements its selectors
include and do not exclude, drawn as bands of layers or as a flow."""

from __future__ import annotations

from ..graph import ArchGraph
from ..i18n import layer_title
from ..models import LAYER_OF, LAYERS, Element
from ..models.manifest import ViewDefinition, ViewSelector
from .model import ViewGroup
from .sorting import sorted_elements
from .spec import Spec


def matches(el: Element, sel: ViewSelector) -> bool:
    """Does the selector pick the element (by kind, layer, id or tag)?"""
    return (
        el.kind in sel.kinds
        or LAYER_OF[el.kind] in sel.layers
        or el.id in sel.ids
        or (bool(sel.tags) and any(t in sel.tags for t in el.tags))
    )


def build(graph: ArchGraph, d: ViewDefinition, lang: str) -> Spec:
    """The declared view ``d`` of ``graph`` (built for the day it shows)."""
    title = d.title_en if lang == "en" and d.title_en else d.title
    if d.layout == "layers":
        groups = [ViewGroup(f"layer:{layer}", layer_title(layer, lang), layer, "band", columns=5) for layer in LAYERS]
        layout, direction = "bands", "TB"
    else:
        groups = [ViewGroup(f"layer:{layer}", layer_title(layer, lang), layer, "cluster") for layer in LAYERS]
        layout, direction = "flow", "LR"
    spec = Spec(
        id=d.id,
        title=title,
        description=d.description or "",
        layout=layout,
        direction=direction,
        groups=groups,
        missing=tuple(sorted(i for i in d.include.ids if i not in graph)),
    )
    everything = d.include.is_empty()
    for el in sorted_elements(graph.elements()):
        if (everything or matches(el, d.include)) and not matches(el, d.exclude):
            spec.place(el.id, f"layer:{LAYER_OF[el.kind]}")
    spec.relations_among(graph, lang, d.relations)
    if layout == "bands":
        used = [g.id for g in spec.groups if g.id in set(spec.placed.values())]
        spec.adjacent_only({gid: i for i, gid in enumerate(used)})
    return spec
