"""The view model: what one diagram shows, as plain data.

A :class:`View` holds nodes, edges and groups, its title, the day and what was collapsed,
with every label already in the reader's language, and no drawing instruction:
:mod:`kientruc.renderers.diagrams` turns it into DOT.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..models import Status

DEFAULT_MAX_NODES = 150
"""Above this many nodes a view is collapsed (Graphviz stays fast and the diagram readable)."""

@dataclass(frozen=True)
class ViewNode:
    """A box on the diagram: one element, or a collapsed group of elements (``count`` > 1)."""

    id: str
    label: str
    kind: str  # the element's kind; for a collapsed node the kind of all members, or ""
    layer: str
    group: str | None = None
    status: str = Status.CURRENT.value
    external: bool = False
    detail: tuple[str, ...] = ()  # extra lines under the name: dates, counts
    tooltip: str = ""
    count: int = 1
    members: tuple[str, ...] = ()  # element ids of a collapsed node
    focus: bool = False  # the element a context view is about

    @property
    def collapsed(self) -> bool:
        return bool(self.members)


@dataclass(frozen=True)
class ViewEdge:
    """A relation (or several, ``count`` > 1) between two nodes of the view."""

    source: str
    target: str
    type: str
    label: str = ""  # what the relation carries (data exchanged, the platform): not its type
    count: int = 1


@dataclass(frozen=True)
class ViewGroup:
    """A group of nodes.

    ``role`` says where it goes: ``band`` (stacked in order, the main column),
    ``beside`` (to the right of the band named ``beside``), ``left`` / ``right``
    (side bands the height of the diagram), ``cluster`` (a framed group placed by
    the layout), or ``hidden`` (no frame: only a unit for collapsing).
    """

    id: str
    label: str
    layer: str | None = None
    role: str = "cluster"
    beside: str | None = None
    columns: int | None = None  # nodes per row in a band


@dataclass(frozen=True)
class Collapse:
    """One group drawn collapsed: ``elements`` elements shown as ``nodes`` nodes, grouped ``by``."""

    group: str
    label: str
    by: str  # owner | kind | group
    elements: int
    nodes: int


@dataclass(frozen=True)
class View:
    """What one diagram shows. Everything is sorted: the same model gives the same view."""

    id: str
    title: str
    subtitle: str  # the architecture's name and version
    description: str
    lang: str
    as_of: dt.date | None
    layout: str  # bands | flow
    direction: str  # TB | LR
    nodes: tuple[ViewNode, ...]
    edges: tuple[ViewEdge, ...]
    groups: tuple[ViewGroup, ...]
    source: str
    edge_labels: bool = True
    max_nodes: int = DEFAULT_MAX_NODES
    elements: int = 0  # elements shown, before collapsing
    collapsed: tuple[Collapse, ...] = ()
    missing: tuple[str, ...] = ()  # ids a declared view names that are not in force on the day
    omitted_edges: int = 0  # relations between bands that are not next to each other, not drawn
    other_parts: int = 0  # in a part of a split view: relations to the other parts, not drawn here
    part: tuple[int, int] | None = None  # in a part of a split view: (its number from 1, how many parts)
    whole: str | None = None  # in a part of a split view: the id of the view it is a part of

    def node(self, node_id: str) -> ViewNode | None:
        for n in self.nodes:
            if n.id == node_id:
                return n
        return None


@dataclass(frozen=True)
class ViewInfo:
    """A line of ``kientruc views``."""

    id: str
    title: str
    description: str
    origin: str  # built-in | layer | declared


class UnknownView(LookupError):
    """The view id names no view of this model."""

    def __init__(self, view_id: str, message: object) -> None:
        super().__init__(message)
        self.view_id = view_id

