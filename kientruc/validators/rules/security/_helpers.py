"""What several security rules share: NĐ 85/2016 and its basis, and the systems that need a security level."""

from __future__ import annotations


import weakref

from ....frameworks import law_day
from ....graph import ArchGraph
from ....models import Element
from ...registry import RuleContext
from .._common import per_graph, provincial, value, wholes


ND85 = law_day("nd-85-2016")
ND85_BASIS = (
    "Luật An toàn thông tin mạng 2015",
    "Nghị định 85/2016/NĐ-CP, Điều 5–12",
    "Thông tư 12/2022/TT-BTTTT",
)


_SYSTEMS: "weakref.WeakKeyDictionary[ArchGraph, list[Element]]" = per_graph()


def security_systems(ctx: RuleContext) -> list[Element]:
    """Provincial information systems that need a security level, on the day.

    Found once per graph (six rules ask; the graph is the day's); each caller gets its own list."""
    graph = ctx.graph
    found = _SYSTEMS.get(graph)
    if found is None:
        found = _SYSTEMS[graph] = _security_systems(graph)
    return list(found)


def _security_systems(graph: ArchGraph) -> list[Element]:
    out = []
    for el in graph.elements():
        if not provincial(el):
            continue
        if el.kind in ("application", "database", "integration_platform", "shared_service"):
            out.append(el)
        elif el.kind == "node" and value(el, "node_type") in ("data_centre", "cloud"):
            out.append(el)
        elif el.kind == "network" and value(el, "network_type") not in ("internet", None, "other"):
            out.append(el)
        elif el.kind == "channel" and getattr(el, "security_level", None) is not None:
            out.append(el)  # a portal channel that says it is an information system with a level
    return out


def level_of_whole(graph, el: Element) -> Element | None:
    """The nearest composite system ``el`` is part of that declares a level: a system of several parts
    is classified as a whole (NĐ 85/2016/NĐ-CP Điều 5), so its level is its parts' level."""
    return next((w for w in wholes(graph, el.id) if getattr(w, "security_level", None) is not None), None)


def level_approved(el: Element) -> bool:
    """The element's security level is approved: its decision is named, or it says approved, number unknown."""
    return bool(value(el, "security_level_approved_by")) or getattr(el, "security_level_approved", None) is True
