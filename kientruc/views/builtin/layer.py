"""The view of one layer (``layer:<layer>``, e.g. ``layer:application``): every element of the
layer, a band per kind."""

from __future__ import annotations

from ...graph import ArchGraph
from ...i18n import kind_title, layer_title, text
from ...models import KINDS, LAYER_OF
from ..model import ViewGroup
from ..sorting import sorted_elements
from ..spec import Spec


def build(graph: ArchGraph, layer: str, lang: str) -> Spec:
    """The view of ``layer``: its elements by kind, the relations among them."""
    kinds = [k for k in KINDS if LAYER_OF[k] == layer]
    spec = Spec(
        id=f"layer:{layer}",
        title=text("view.title.layer", lang, name=layer_title(layer, lang)),
        description=text("view.description.layer", lang),
        layout="bands",
        direction="TB",
        groups=[ViewGroup(f"kind:{k}", kind_title(k, lang), layer, "band", columns=5) for k in kinds],
    )
    for el in sorted_elements(graph.layer(layer)):
        spec.place(el.id, f"kind:{el.kind}")
    spec.relations_among(graph, lang)
    used = [g.id for g in spec.groups if g.id in set(spec.placed.values())]
    spec.adjacent_only({gid: i for i, gid in enumerate(used)})
    return spec
