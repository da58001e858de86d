"""What runs where (view ``deployment``): the ``hosted_on`` relations, with the networks and
parts that join the hosts."""

from __future__ import annotations

from ...graph import ArchGraph
from ...i18n import layer_title, text
from ...models import LAYER_OF, LAYERS
from ..model import ViewGroup
from ..spec import Spec


def build(graph: ArchGraph, lang: str) -> Spec:
    """The deployment view: what is hosted where, and the technology that joins the hosts."""
    groups = [ViewGroup(f"layer:{layer}", layer_title(layer, lang), layer, "cluster") for layer in LAYERS]
    spec = Spec(
        id="deployment",
        title=text("view.title.deployment", lang),
        description=text("view.description.deployment", lang),
        layout="flow",
        direction="LR",
        groups=groups,
    )

    def place(eid: str) -> None:
        spec.place(eid, f"layer:{LAYER_OF[graph.element(eid).kind]}")

    hosts: set[str] = set()
    for rel in sorted(graph.relations("hosted_on"), key=lambda r: (r.source, r.target)):
        place(rel.source)
        place(rel.target)
        hosts.add(rel.target)
    # the networks and parts that join the hosts
    for rel in sorted(graph.relations("connects_to", "composed_of"), key=lambda r: (r.source, r.target, r.type)):
        ends = (graph.element(rel.source), graph.element(rel.target))
        if all(LAYER_OF[e.kind] == "technology" for e in ends) and (rel.source in hosts or rel.target in hosts):
            place(rel.source)
            place(rel.target)
    spec.relations_among(graph, lang, ("hosted_on", "connects_to", "composed_of"))
    return spec
