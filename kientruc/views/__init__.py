"""Views: what a diagram shows, computed from the graph of one day.

A view is plain data (nodes, edges, groups, title, the day, what was collapsed),
with every label already in the reader's language. It holds no drawing
instruction: :mod:`kientruc.renderers.diagrams` turns it into DOT. Views are
computed from the graph only, so each can be tested on its own.

Views kientruc computes itself (``view_ids`` lists them for a model):

``overview``
    The overall diagram ("Sơ đồ tổng thể") as the national framework draws it: users,
    channels, portals and public services, applications and databases, integration
    (the LGSP) with the national systems beside it, technical infrastructure; the
    governance and security side bands.
``layer:<layer>``
    One view per layer (``layer:application``…), a band per kind.
``context:<element id>``
    An element and its neighbours, both ways.
``integration``
    Who exchanges data with whom, and through which platform.
``deployment``
    What runs where (``hosted_on``), with the networks that join the hosts.
``roadmap``
    Projects, work packages and plateaus by the year they start.

and the views declared in the manifest (``views:`` in ``architecture.yaml``).

A view larger than ``max_nodes`` is collapsed: the largest group first is drawn as
one node per owner, then per kind, then as one node, until the view fits; the view
records what was collapsed so the diagram can say so.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Literal

from .graph import ArchGraph, build_graph
from .models import KINDS, LAYER_NAMES, LAYER_OF, LAYERS, Element, Relation, Status
from .models.manifest import ViewDefinition, ViewSelector

DEFAULT_MAX_NODES = 150
"""Above this many nodes a view is collapsed (Graphviz stays fast and the diagram readable)."""

OWNER_CAP = 24
"""Grouped by owner, a collapsed group shows at most this many owners (the largest; the rest as one)."""

OTHERS = "*"  # the bucket of the smaller owners (no element id can be "*")

Lang = Literal["vi", "en"]

KIND_TITLES: dict[str, dict[str, str]] = {
    "organization": {"vi": "Cơ quan, tổ chức", "en": "Organization"},
    "stakeholder": {"vi": "Bên liên quan", "en": "Stakeholder"},
    "driver": {"vi": "Động lực", "en": "Driver"},
    "goal": {"vi": "Mục tiêu", "en": "Goal"},
    "principle": {"vi": "Nguyên tắc", "en": "Principle"},
    "requirement": {"vi": "Yêu cầu", "en": "Requirement"},
    "legal_document": {"vi": "Văn bản", "en": "Legal document"},
    "actor": {"vi": "Người sử dụng", "en": "User"},
    "business_function": {"vi": "Chức năng nghiệp vụ", "en": "Business function"},
    "business_process": {"vi": "Quy trình nghiệp vụ", "en": "Business process"},
    "public_service": {"vi": "Dịch vụ công", "en": "Public service"},
    "channel": {"vi": "Kênh giao tiếp", "en": "Channel"},
    "application": {"vi": "Ứng dụng", "en": "Application"},
    "application_service": {"vi": "Dịch vụ ứng dụng", "en": "Application service"},
    "interface": {"vi": "Giao diện kết nối", "en": "Interface"},
    "integration_platform": {"vi": "Nền tảng tích hợp", "en": "Integration platform"},
    "shared_service": {"vi": "Dịch vụ dùng chung", "en": "Shared service"},
    "database": {"vi": "Cơ sở dữ liệu", "en": "Database"},
    "data_entity": {"vi": "Đối tượng dữ liệu", "en": "Data entity"},
    "node": {"vi": "Hạ tầng tính toán", "en": "Computing node"},
    "network": {"vi": "Mạng", "en": "Network"},
    "device": {"vi": "Thiết bị", "en": "Device"},
    "system_software": {"vi": "Phần mềm hệ thống", "en": "System software"},
    "security_service": {"vi": "Dịch vụ an toàn thông tin", "en": "Security service"},
    "security_control": {"vi": "Biện pháp an toàn thông tin", "en": "Security control"},
    "project": {"vi": "Dự án", "en": "Project"},
    "work_package": {"vi": "Hạng mục", "en": "Work package"},
    "plateau": {"vi": "Giai đoạn", "en": "Plateau"},
}
assert set(KIND_TITLES) == set(KINDS), "every kind needs a title"

_KIND_ORDER = {k: i for i, k in enumerate(KINDS)}
_LAYER_ORDER = {layer: i for i, layer in enumerate(LAYERS)}

# Words of the views themselves, in both languages.
_T: dict[str, dict[str, str]] = {
    "overview": {"vi": "Sơ đồ tổng thể", "en": "Overall diagram"},
    "integration": {"vi": "Tích hợp, chia sẻ dữ liệu", "en": "Integration and data exchange"},
    "deployment": {"vi": "Triển khai trên hạ tầng", "en": "Deployment"},
    "roadmap": {"vi": "Lộ trình triển khai", "en": "Roadmap"},
    "layer": {"vi": "Lớp {name}", "en": "{name} layer"},
    "context": {"vi": "Bối cảnh: {name}", "en": "Context: {name}"},
    "overview.desc": {
        "vi": "Các lớp của kiến trúc như sơ đồ tổng thể của Khung kiến trúc quốc gia.",
        "en": "The layers of the architecture, as the national framework's overall diagram draws them.",
    },
    "integration.desc": {
        "vi": "Ai trao đổi dữ liệu với ai, qua nền tảng nào.",
        "en": "Who exchanges data with whom, through which platform.",
    },
    "deployment.desc": {"vi": "Hệ thống nào chạy trên hạ tầng nào.", "en": "What runs where."},
    "roadmap.desc": {"vi": "Dự án theo năm bắt đầu.", "en": "Projects by the year they start."},
    "layer.desc": {"vi": "Mọi thành phần của lớp, theo loại.", "en": "Every element of the layer, by kind."},
    "context.desc": {"vi": "Thành phần và các quan hệ hai chiều.", "en": "An element and its relations, both ways."},
    "band.users": {"vi": "Người sử dụng", "en": "Users"},
    "band.channels": {"vi": "Kênh giao tiếp", "en": "Channels"},
    "band.portal": {"vi": "Cổng thông tin điện tử, dịch vụ công", "en": "Portals and public services"},
    "band.apps": {"vi": "Ứng dụng và cơ sở dữ liệu", "en": "Applications and databases"},
    "band.integration": {
        "vi": "Tích hợp, chia sẻ dữ liệu (LGSP)",
        "en": "Integration and data sharing (LGSP)",
    },
    "band.national": {"vi": "Hệ thống thông tin, CSDL quốc gia", "en": "National systems and databases"},
    "band.infrastructure": {"vi": "Hạ tầng kỹ thuật", "en": "Technical infrastructure"},
    "band.governance": {"vi": "Quản lý, chỉ đạo", "en": "Governance and steering"},
    "band.security": {"vi": "An toàn thông tin", "en": "Information security"},
    "external": {"vi": "Bên ngoài", "en": "External"},
    "undated": {"vi": "Chưa xác định thời gian", "en": "Undated"},
    "no_owner": {"vi": "(chưa rõ chủ quản)", "en": "(owner not stated)"},
    "other_owners": {"vi": "Các đơn vị chủ quản khác", "en": "Other owners"},
    "builds": {"vi": "triển khai", "en": "builds"},
    "more_targets": {"vi": "{n} thành phần", "en": "{n} elements"},
    "via": {"vi": "qua {name}", "en": "via {name}"},
    "source": {"vi": "Nguồn: {name}, phiên bản {version}", "en": "Source: {name}, version {version}"},
    "approved": {"vi": "phê duyệt theo {doc}", "en": "approved by {doc}"},
    "elements": {"vi": "{n} thành phần trong mô hình", "en": "{n} elements in the model"},
}


def tr(key: str, lang: str, **kw: object) -> str:
    """The text ``key`` in ``lang``, formatted with ``kw``."""
    text = _T[key][lang]
    return text.format(**kw) if kw else text


def number(n: int, lang: str) -> str:
    """``n`` with thousands separated as the language writes them (3.200 / 3,200)."""
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "vi" else text


def kind_title(kind: str, lang: str) -> str:
    return KIND_TITLES[kind][lang]


def layer_title(layer: str, lang: str) -> str:
    return LAYER_NAMES[layer][lang]


# --------------------------------------------------------------------------- the data


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

    def __init__(self, view_id: str, message: str) -> None:
        super().__init__(message)
        self.view_id = view_id


# --------------------------------------------------------------------------- catalogue


def view_catalog(graph: ArchGraph, lang: str = "vi") -> list[ViewInfo]:
    """The views of this model: built-in, one per non-empty layer, declared (context views not listed)."""
    out = [
        ViewInfo("overview", tr("overview", lang), tr("overview.desc", lang), "built-in"),
        ViewInfo("integration", tr("integration", lang), tr("integration.desc", lang), "built-in"),
        ViewInfo("deployment", tr("deployment", lang), tr("deployment.desc", lang), "built-in"),
        ViewInfo("roadmap", tr("roadmap", lang), tr("roadmap.desc", lang), "built-in"),
    ]
    counts = graph.counts()
    for layer in LAYERS:
        if sum(counts[layer].values()):
            out.append(
                ViewInfo(
                    f"layer:{layer}",
                    tr("layer", lang, name=layer_title(layer, lang)),
                    tr("layer.desc", lang),
                    "layer",
                )
            )
    for d in graph.architecture.manifest.views:
        title = d.title_en if lang == "en" and d.title_en else d.title
        out.append(ViewInfo(d.id, title, d.description or "", "declared"))
    return out


def view_ids(graph: ArchGraph) -> list[str]:
    return [v.id for v in view_catalog(graph)]


def compute_view(
    graph: ArchGraph,
    view_id: str,
    *,
    lang: str = "vi",
    max_nodes: int = DEFAULT_MAX_NODES,
    source: str | None = None,
) -> View:
    """Compute the view ``view_id`` of ``graph`` (built for the day the view shows).

    Raises :class:`UnknownView` if the id names no view (or a context view's element is
    not in force on the graph's day).
    """
    if lang not in ("vi", "en"):
        raise ValueError(f"lang must be 'vi' or 'en', not {lang!r}")
    if max_nodes < 1:
        raise ValueError("max_nodes must be at least 1")
    declared = {d.id: d for d in graph.architecture.manifest.views}
    if view_id in declared:
        d = declared[view_id]
        if d.as_of is not None and d.as_of != graph.as_of:
            graph = build_graph(graph.architecture, d.as_of)
        spec = _declared(graph, d, lang)
    elif view_id in _BUILTIN:
        spec = _BUILTIN[view_id](graph, lang)
    elif view_id.startswith("layer:") and view_id[6:] in LAYERS:
        spec = _layer(graph, view_id[6:], lang)
    elif view_id.startswith("context:"):
        element_id = view_id[8:]
        if element_id not in graph:
            known = element_id in graph.architecture.by_id()
            day = f" on {graph.as_of.isoformat()}" if graph.as_of else ""
            why = f"element {element_id!r} is not in force{day}" if known else f"no element {element_id!r}"
            raise UnknownView(view_id, why + _suggest(element_id, [e.id for e in graph.elements()]))
        spec = _context(graph, element_id, lang)
    else:
        names = view_ids(graph)
        raise UnknownView(
            view_id,
            f"no view {view_id!r}"
            + _suggest(view_id, names)
            + "; `kientruc views` lists them (context:<element id> draws any element's context)",
        )
    return spec.finish(graph, lang, max_nodes, source if source is not None else source_line(graph, lang))


def source_line(graph: ArchGraph, lang: str = "vi", extra: str | None = None) -> str:
    """The line saying where a diagram comes from: the architecture, its version and approval."""
    manifest = graph.architecture.manifest
    info = manifest.architecture
    name = info.name_en if lang == "en" and info.name_en else info.name
    parts = [tr("source", lang, name=name, version=info.version)]
    if info.approved_by:
        doc = graph.get(info.approved_by) or graph.architecture.by_id().get(info.approved_by)
        number_ = getattr(doc, "number", None)
        if number_:
            parts.append(tr("approved", lang, doc=number_))
    parts.append(tr("elements", lang, n=number(len(graph), lang)))
    if extra:
        parts.append(extra)
    return "; ".join(parts)


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=3, cutoff=0.6)
    return f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""


# --------------------------------------------------------------------------- building


@dataclass
class _Spec:
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
        self.placed.setdefault(element_id, group)

    def relations_among(self, graph: ArchGraph, lang: str, types: Iterable[str] = ()) -> None:
        """Add every relation (of ``types``) between two placed elements."""
        types = tuple(types)
        for eid in sorted(self.placed):
            for rel in graph.out(eid, *types):
                if rel.target in self.placed and rel.target != eid:
                    self.edges.append(ViewEdge(rel.source, rel.target, rel.type, _rel_text(rel, graph, lang, self)))

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
        nodes = [self._node(graph.element(eid), gid, lang) for eid, gid in self.placed.items()]
        group_ids = {g.id for g in self.groups}
        groups = [g for g in self.groups if any(n.group == g.id for n in nodes)]
        assert all(n.group in group_ids for n in nodes), "a node placed in an unknown group"
        nodes, edges, notes = _collapse(nodes, self.edges, groups, max_nodes, graph, lang)
        order = {g.id: i for i, g in enumerate(groups)}
        nodes.sort(key=lambda n: (order.get(n.group or "", -1), _KIND_ORDER.get(n.kind, 99), natural(n.label), n.id))
        edges = _merge_edges(edges)
        info = graph.architecture.manifest.architecture
        subtitle = info.name_en if lang == "en" and info.name_en else info.name
        version = info.version
        return View(
            id=self.id,
            title=self.title,
            subtitle=f"{subtitle} ({'version' if lang == 'en' else 'phiên bản'} {version})",
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

    def _node(self, el: Element, group: str, lang: str) -> ViewNode:
        detail = list(self.details.get(el.id, ()))
        return ViewNode(
            id=el.id,
            label=el.label(lang),
            kind=el.kind,
            layer=LAYER_OF[el.kind],
            group=group,
            status=el.status.value,
            external=el.external,
            detail=tuple(detail),
            tooltip=_tooltip(el, lang),
            focus=el.id == self.focus,
        )


def _tooltip(el: Element, lang: str) -> str:
    text = f"{el.label(lang)} [{el.id}] — {kind_title(el.kind, lang)}"
    if el.description:
        text += "\n" + el.description
    return text


def _rel_text(rel: Relation, graph: ArchGraph, lang: str, spec: _Spec | None = None) -> str:
    """What a relation carries: the data exchanged and the platform it goes through."""
    s = rel.spec
    if s is None:
        return ""
    parts = []
    if s.data:
        parts.append(", ".join(s.data))
    if s.via and (spec is None or s.via not in spec.placed):  # a platform in the view is drawn
        platform = graph.get(s.via)
        parts.append(tr("via", lang, name=platform.label(lang) if platform else s.via))
    return "; ".join(parts)


def _merge_edges(edges: list[ViewEdge]) -> list[ViewEdge]:
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


def natural(text: str) -> tuple:
    """A sort key that puts "số 2" before "số 10" and ignores case."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in _DIGITS.split(text.casefold()) if part)


_DIGITS = re.compile(r"(\d+)")


def _sorted(elements: Iterable[Element]) -> list[Element]:
    return sorted(elements, key=lambda e: (_KIND_ORDER[e.kind], natural(e.name), e.id))


# --------------------------------------------------------------------------- overview

_OVERVIEW_RELATIONS = (
    "serves",
    "uses",
    "realizes",
    "accesses",
    "hosted_on",
    "connects_to",
    "integrates_via",
    "flows_to",
)
_BAND_LEVEL = {"users": 0, "channels": 1, "portal": 2, "apps": 3, "integration": 4, "national": 4, "infrastructure": 5}
_PORTAL_TYPES = {"portal", "website"}
_NATIONAL_KINDS = {
    "channel",
    "application",
    "application_service",
    "interface",
    "integration_platform",
    "shared_service",
    "database",
    "node",
    "network",
    "public_service",
}


def _overview_band(el: Element, approved_by: str | None) -> str | None:
    kind = el.kind
    if el.external and kind in _NATIONAL_KINDS:
        return "national"
    if kind == "actor":
        return "users"
    if kind == "channel":
        return "portal" if getattr(el, "channel_type", None) in _PORTAL_TYPES else "channels"
    if kind == "public_service":
        return "portal"
    if kind in ("application", "database"):
        return "apps"
    if kind in ("integration_platform", "shared_service"):
        return "integration"
    if kind in ("node", "network"):
        return "infrastructure"
    if kind in ("security_service", "security_control"):
        return "security"
    if kind == "organization" and not el.external and getattr(el, "org_type", None) in (
        "government",
        "steering_committee",
    ):
        return "governance"
    if el.id == approved_by:
        return "governance"
    return None


def _overview(graph: ArchGraph, lang: str) -> _Spec:
    def band(key: str, layer: str | None, role: str = "band", **kw) -> ViewGroup:
        return ViewGroup(key, tr(f"band.{key}", lang), layer, role, **kw)

    spec = _Spec(
        id="overview",
        title=tr("overview", lang),
        description=tr("overview.desc", lang),
        layout="bands",
        direction="TB",
        groups=[
            band("governance", "motivation", "left", columns=1),
            band("users", "business", columns=6),
            band("channels", "channel", columns=6),
            band("portal", "business", columns=6),
            band("apps", "application", columns=6),
            band("integration", "integration", columns=4),
            band("national", None, "beside", beside="integration", columns=3),
            band("infrastructure", "technology", columns=6),
            band("security", "security", "right", columns=1),
        ],
        edge_labels=False,
    )
    approved_by = graph.architecture.manifest.architecture.approved_by
    # model order, not sorted: each element has one band, and finish() sorts the nodes
    # (sorting 100,000 elements by natural name here cost ~1.7 s)
    for el in graph.elements():
        b = _overview_band(el, approved_by)
        if b:
            spec.place(el.id, b)
    # Only relations between neighbouring bands: the stacking says the rest, and the
    # layer, integration and deployment views draw every relation.
    spec.relations_among(graph, lang, _OVERVIEW_RELATIONS)
    spec.adjacent_only(_BAND_LEVEL)
    return spec


# --------------------------------------------------------------------------- layers


def _layer(graph: ArchGraph, layer: str, lang: str) -> _Spec:
    kinds = [k for k in KINDS if LAYER_OF[k] == layer]
    spec = _Spec(
        id=f"layer:{layer}",
        title=tr("layer", lang, name=layer_title(layer, lang)),
        description=tr("layer.desc", lang),
        layout="bands",
        direction="TB",
        groups=[ViewGroup(f"kind:{k}", kind_title(k, lang), layer, "band", columns=5) for k in kinds],
    )
    for el in _sorted(graph.layer(layer)):
        spec.place(el.id, f"kind:{el.kind}")
    spec.relations_among(graph, lang)
    used = [g.id for g in spec.groups if g.id in set(spec.placed.values())]
    spec.adjacent_only({gid: i for i, gid in enumerate(used)})
    return spec


# --------------------------------------------------------------------------- context


def _context(graph: ArchGraph, element_id: str, lang: str) -> _Spec:
    el = graph.element(element_id)
    spec = _Spec(
        id=f"context:{element_id}",
        title=tr("context", lang, name=el.label(lang)),
        description=tr("context.desc", lang),
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
            spec.edges.append(ViewEdge(rel.source, rel.target, rel.type, _rel_text(rel, graph, lang, spec)))
    return spec


# --------------------------------------------------------------------------- integration

_INTEGRATION_RELATIONS = ("flows_to", "connects_to", "integrates_via")


def _integration(graph: ArchGraph, lang: str) -> _Spec:
    groups = [ViewGroup(f"layer:{layer}", layer_title(layer, lang), layer, "cluster") for layer in LAYERS]
    groups.append(ViewGroup("external", tr("band.national", lang), None, "cluster"))
    spec = _Spec(
        id="integration",
        title=tr("integration", lang),
        description=tr("integration.desc", lang),
        layout="flow",
        direction="LR",
        groups=groups,
    )

    def place(eid: str) -> None:
        el = graph.element(eid)
        spec.place(eid, "external" if el.external else f"layer:{LAYER_OF[el.kind]}")

    rels = sorted(graph.relations(*_INTEGRATION_RELATIONS), key=lambda r: (r.source, r.target, r.type))
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
            spec.edges.append(ViewEdge(rel.source, rel.target, rel.type, _rel_text(rel, graph, lang)))
    return spec


# --------------------------------------------------------------------------- deployment


def _deployment(graph: ArchGraph, lang: str) -> _Spec:
    groups = [ViewGroup(f"layer:{layer}", layer_title(layer, lang), layer, "cluster") for layer in LAYERS]
    spec = _Spec(
        id="deployment",
        title=tr("deployment", lang),
        description=tr("deployment.desc", lang),
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


# --------------------------------------------------------------------------- roadmap


def _start(el: Element) -> dt.date | None:
    return getattr(el, "start", None) or el.valid_from


def _end(el: Element) -> dt.date | None:
    return getattr(el, "end", None) or el.valid_to


def _period(el: Element) -> str:
    start, end = _start(el), _end(el)
    if start is None and end is None:
        return ""
    a = f"{start.month:02d}/{start.year}" if start else "…"
    b = f"{end.month:02d}/{end.year}" if end else "…"
    return f"{a} – {b}"


def _roadmap(graph: ArchGraph, lang: str) -> _Spec:
    items = _sorted(graph.of_kind("project", "work_package", "plateau"))
    parent: dict[str, Element] = {}
    for el in items:
        for rel in graph.out(el.id, "composed_of"):
            parent.setdefault(rel.target, el)
    years: dict[str, int | None] = {}
    for el in items:
        start = _start(el) or (_start(parent[el.id]) if el.id in parent else None)
        years[el.id] = start.year if start else None
    dated = sorted({y for y in years.values() if y is not None})
    groups = [ViewGroup(f"year:{y}", str(y), "roadmap", "band", columns=6) for y in dated]
    groups.append(ViewGroup("year:none", tr("undated", lang), "roadmap", "band", columns=6))
    spec = _Spec(
        id="roadmap",
        title=tr("roadmap", lang),
        description=tr("roadmap.desc", lang),
        layout="bands",
        direction="LR",
        groups=groups,
    )
    for el in items:
        y = years[el.id]
        spec.place(el.id, f"year:{y}" if y is not None else "year:none")
        detail = []
        period = _period(el)
        if period:
            detail.append(period)
        targets = _sorted(graph.targets(el.id, "implements"))
        if len(targets) <= 3:
            detail.extend(f"{tr('builds', lang)}: {t.label(lang)}" for t in targets)
        else:
            detail.append(f"{tr('builds', lang)}: {tr('more_targets', lang, n=number(len(targets), lang))}")
        spec.details[el.id] = tuple(detail)
    spec.relations_among(graph, lang, ("composed_of", "triggers", "successors", "supersedes", "realizes", "associated_with"))
    return spec


_BUILTIN: dict[str, Callable[[ArchGraph, str], _Spec]] = {
    "overview": _overview,
    "integration": _integration,
    "deployment": _deployment,
    "roadmap": _roadmap,
}


# --------------------------------------------------------------------------- declared


def _matches(el: Element, sel: ViewSelector) -> bool:
    return (
        el.kind in sel.kinds
        or LAYER_OF[el.kind] in sel.layers
        or el.id in sel.ids
        or (bool(sel.tags) and any(t in sel.tags for t in el.tags))
    )


def _declared(graph: ArchGraph, d: ViewDefinition, lang: str) -> _Spec:
    title = d.title_en if lang == "en" and d.title_en else d.title
    if d.layout == "layers":
        groups = [ViewGroup(f"layer:{layer}", layer_title(layer, lang), layer, "band", columns=5) for layer in LAYERS]
        layout, direction = "bands", "TB"
    else:
        groups = [ViewGroup(f"layer:{layer}", layer_title(layer, lang), layer, "cluster") for layer in LAYERS]
        layout, direction = "flow", "LR"
    spec = _Spec(
        id=d.id,
        title=title,
        description=d.description or "",
        layout=layout,
        direction=direction,
        groups=groups,
        missing=tuple(sorted(i for i in d.include.ids if i not in graph)),
    )
    everything = d.include.is_empty()
    for el in _sorted(graph.elements()):
        if (everything or _matches(el, d.include)) and not _matches(el, d.exclude):
            spec.place(el.id, f"layer:{LAYER_OF[el.kind]}")
    spec.relations_among(graph, lang, d.relations)
    if layout == "bands":
        used = [g.id for g in spec.groups if g.id in set(spec.placed.values())]
        spec.adjacent_only({gid: i for i, gid in enumerate(used)})
    return spec


# --------------------------------------------------------------------------- collapsing


def _collapse(
    nodes: list[ViewNode],
    edges: list[ViewEdge],
    groups: list[ViewGroup],
    max_nodes: int,
    graph: ArchGraph,
    lang: str,
) -> tuple[list[ViewNode], list[ViewEdge], list[Collapse]]:
    """Collapse the largest groups (by owner, then kind, then whole) until at most ``max_nodes`` remain."""
    if len(nodes) <= max_nodes:
        return nodes, edges, []
    members: dict[str, list[ViewNode]] = {g.id: [] for g in groups}
    pinned: list[ViewNode] = []
    for n in nodes:
        (pinned if n.focus else members[n.group or ""]).append(n)

    def owner_key(n: ViewNode) -> str:
        owner = graph.owner(n.id)
        return owner.id if owner is not None else ""

    keyers: tuple[Callable[[ViewNode], str], ...] = (
        lambda n: n.id,  # level 0: every element
        owner_key,  # level 1: per owner
        lambda n: n.kind,  # level 2: per kind
        lambda n: "",  # level 3: the whole group
    )
    sizes: dict[str, list[int]] = {}
    keys: dict[str, list[dict[str, str]]] = {}
    for gid, ms in members.items():
        keys[gid] = [{n.id: k(n) for n in ms} for k in keyers]
        sizes[gid] = [len(set(level.values())) for level in keys[gid]]
        if not any(keys[gid][1].values()):
            sizes[gid][1] = len(ms) + 1  # no owner is known: grouping by owner tells nothing
    level = {gid: 0 for gid in members}
    cap: dict[str, int] = {}  # per owner, but only the largest owners and "the others"
    order = {g.id: i for i, g in enumerate(groups)}

    def size(g: str) -> int:
        if level[g] == 1 and g in cap:
            return cap[g]
        return sizes[g][level[g]]

    def total() -> int:
        return len(pinned) + sum(size(g) for g in members)

    while total() > max_nodes:
        candidates = [g for g in members if level[g] < 3 and size(g) > 1]
        if not candidates:
            break
        g = max(candidates, key=lambda g: (size(g), -order[g]))
        current = size(g)
        owners = sizes[g][1]
        room = min(OWNER_CAP, max(3, max_nodes // 4))  # owners one group may show
        if level[g] == 0 and owners <= len(members[g]):  # some owners are known
            if owners < current and owners <= room:
                level[g] = 1
                continue
            if room < current and owners > room:
                level[g], cap[g] = 1, room
                continue
        nxt = max(level[g] + 1, 2)
        while nxt < 3 and sizes[g][nxt] >= current:
            nxt += 1
        level[g] = nxt
        cap.pop(g, None)

    out: list[ViewNode] = list(pinned)
    rep: dict[str, str] = {n.id: n.id for n in pinned}
    notes: list[Collapse] = []
    by_name = ("element", "owner", "kind", "group")
    glabel = {g.id: g for g in groups}
    for gid, ms in members.items():
        lvl = level[gid]
        if lvl == 0:
            out.extend(ms)
            rep.update((n.id, n.id) for n in ms)
            continue
        buckets: dict[str, list[ViewNode]] = {}
        for n in ms:
            buckets.setdefault(keys[gid][lvl][n.id], []).append(n)
        if lvl == 1 and gid in cap:
            ranked = sorted(buckets, key=lambda k: (-len(buckets[k]), k))
            others = [n for k in ranked[cap[gid] - 1 :] for n in buckets.pop(k)]
            buckets[OTHERS] = others
        for key, bucket in sorted(buckets.items()):
            node = _aggregate(gid, glabel[gid], by_name[lvl], key, bucket, graph, lang)
            out.append(node)
            rep.update((n.id, node.id) for n in bucket)
        notes.append(Collapse(gid, glabel[gid].label, by_name[lvl], len(ms), len(buckets)))

    new_edges = []
    for e in edges:
        s, t = rep.get(e.source), rep.get(e.target)
        if s is None or t is None or s == t:
            continue
        collapsed = s != e.source or t != e.target
        new_edges.append(ViewEdge(s, t, e.type, "" if collapsed else e.label, e.count))
    return out, new_edges, notes


def _kind_counts(bucket: list[ViewNode], lang: str) -> str:
    counts: dict[str, int] = {}
    for n in bucket:
        counts[n.kind] = counts.get(n.kind, 0) + 1
    return ", ".join(
        f"{kind_title(k, lang).lower()}: {number(c, lang)}"
        for k, c in sorted(counts.items(), key=lambda kv: _KIND_ORDER[kv[0]])
    )


def _aggregate(
    gid: str, group: ViewGroup, by: str, key: str, bucket: list[ViewNode], graph: ArchGraph, lang: str
) -> ViewNode:
    kinds = sorted({n.kind for n in bucket}, key=_KIND_ORDER.__getitem__)
    kind = kinds[0] if len(kinds) == 1 else ""
    layer = LAYER_OF[kinds[0]] if len(kinds) == 1 else (group.layer or LAYER_OF[kinds[0]])
    if by == "owner" and key == OTHERS:
        label = tr("other_owners", lang)
    elif by == "owner":
        owner = graph.get(key) if key else None
        label = owner.label(lang) if owner is not None else tr("no_owner", lang)
    elif by == "kind":
        label = kind_title(kind, lang)
    else:
        label = group.label
    names = sorted(n.label for n in bucket)
    tooltip = "\n".join(names[:40] + ([f"… (+{len(names) - 40})"] if len(names) > 40 else []))
    slug = "others" if key == OTHERS else (key or "all")
    return ViewNode(
        id=f"~{gid}~{by}~{slug}",
        label=label,
        kind=kind,
        layer=layer,
        group=gid,
        external=all(n.external for n in bucket),
        detail=(_kind_counts(bucket, lang),),
        tooltip=tooltip,
        count=len(bucket),
        members=tuple(sorted(n.id for n in bucket)),
    )
