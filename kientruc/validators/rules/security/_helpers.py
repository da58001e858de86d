"""What several security rules share: NĐ 85/2016 and its basis, and the systems that need a security level."""

from __future__ import annotations


import weakref

from ....frameworks import law_day
from ....graph import ArchGraph
from ....models import Element
from ...registry import RuleContext
from .._common import per_graph, provincial, refiltered, value, wholes


ND85 = law_day("nd-85-2016")
ND85_BASIS = (
    "Luật An toàn thông tin mạng 2015",
    "Nghị định 85/2016/NĐ-CP, Điều 5–12",
    "Thông tư 12/2022/TT-BTTTT",
)


_SYSTEMS: "weakref.WeakKeyDictionary[ArchGraph, list[Element]]" = per_graph(
    lambda graph, found, changed: refiltered(graph, found, changed, lambda el: el if _needs_level(el) else None))


def security_systems(ctx: RuleContext) -> list[Element]:
    """Provincial information systems that need a security level, on the day.

    Found once per graph (six rules ask; the graph is the day's); each caller gets its own list."""
    graph = ctx.graph
    found = _SYSTEMS.get(graph)
    if found is None:
        found = _SYSTEMS[graph] = _security_systems(graph)
    return list(found)


def _security_systems(graph: ArchGraph) -> list[Element]:
    return [el for el in graph.elements() if _needs_level(el)]


def _needs_level(el: Element) -> bool:
    """Whether ``el`` is a provincial information system that needs a security level (it reads only ``el``)."""
    if not provincial(el):
        return False
    if el.kind in ("application", "database", "integration_platform", "shared_service"):
        return True
    if el.kind == "node":
        return value(el, "node_type") in ("data_centre", "cloud")
    if el.kind == "network":
        return value(el, "network_type") not in ("internet", None, "other")
    # a portal channel that says it is an information system with a level
    return el.kind == "channel" and getattr(el, "security_level", None) is not None


def level_of_whole(graph, el: Element) -> Element | None:
    """The nearest composite system ``el`` is part of that declares a level: a system of several parts
    is classified as a whole (NĐ 85/2016/NĐ-CP Điều 5), so its level is its parts' level."""
    return next((w for w in wholes(graph, el.id) if getattr(w, "security_level", None) is not None), None)


def level_approved(el: Element) -> bool:
    """The element's security level is approved: its decision is named, or it says approved, number unknown."""
    return bool(value(el, "security_level_approved_by")) or getattr(el, "security_level_approved", None) is True
