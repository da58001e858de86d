"""Twins by function: systems of merged provinces that do the same job, and what distinguishes them.

When provinces merge (NQ 202/2025/QH15, from 1/7/2025) the new province inherits two or three
LGSPs, TTHC systems, portals, data centres… This module finds them in the graph of a day and
describes them, for the rules (CON001, CON002, ORG003), for ``kientruc merge`` (its proposals)
and for the consolidation report. Everything is computed from the graph of the day:

* **the province of an element** on the day (:func:`province_key`): its own ``province`` facts
  (dated periods), else the province of the organization owning it (its ``province`` facts, or
  a UBND tỉnh above it), else the manifest's province;
* **its function** (:func:`function_of`): from its kind and its typed fields only —
  ``platform_type`` (lgsp, document_axis), ``system_type`` (tthc, web_portal, ioc…),
  ``node_type: data_centre``, ``protection_layer: monitoring`` (SOC), ``channel_type``
  (mobile_app; service_centre at province level). Names are never read;
* **a twin set**: two or more systems in service (not planned, not external) of one function,
  in one province on the day, that came from different predecessor provinces (their province
  before their current period began differs). A system that is a component of another of the
  set (``composed_of``) is not its twin.

This module reads the graph and the metamodel; it imports no rule, renderer or loader.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Iterable

from .graph import ArchGraph
from .models import Element

# Relations along which systems exchange data (as the rules read them).
LINK_TYPES = ("connects_to", "flows_to", "integrates_via", "uses", "accesses")

SHARED_SYSTEM_TYPES = (
    "tthc", "dvc_portal", "one_stop", "document_management", "web_portal", "email", "task_management",
    "reporting", "open_data", "ioc", "video_conference", "citizen_app", "data_warehouse",
)
"""System types of which a province needs one (a ``sectoral`` or ``other`` system is not a twin by type)."""

# Functions where the data and the users of the system dropped must move into the one kept.
_RECORD_KINDS = ("database", "data_entity")


def fold(text: str | None) -> str:
    """Lower case without accents (đ → d), single spaces: for comparing Vietnamese names."""
    if not text:
        return ""
    text = str(text).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(text.split())


_PREFIXES = ("uy ban nhan dan ", "ubnd ", "tinh ", "thanh pho ", "tp. ", "tp ")


def province_name_key(name: str | None) -> str:
    """A province's name as a comparable key: 'Tỉnh Kon Tum', 'Kon Tum', 'UBND tỉnh Kon Tum' → 'kon tum'."""
    text = fold(name)
    changed = True
    while changed:
        changed = False
        for p in _PREFIXES:
            if text.startswith(p):
                text, changed = text[len(p):], True
    return text


_UNIT_WORDS = {"uy", "ban", "nhan", "dan", "ubnd", "tinh", "thanh", "pho", "tp", "tp."}


def province_display(name: str) -> str:
    """A province's name as written, without 'Ủy ban nhân dân', 'tỉnh', 'thành phố' in front."""
    words = name.split()
    while len(words) > 1 and fold(words[0]) in _UNIT_WORDS:
        words.pop(0)
    return " ".join(words)


def _raw(el: Element, name: str) -> str | None:
    v = getattr(el, name, None)
    return None if v is None else str(v)


def function_of(el: Element) -> str | None:
    """The shared function a provincial element does, from its kind and typed fields (None: none)."""
    if el.external:
        return None
    kind = el.kind
    if kind == "integration_platform":
        pt = _raw(el, "platform_type")
        return pt if pt in ("lgsp", "document_axis") else None
    if kind in ("application", "shared_service"):
        st = _raw(el, "system_type")
        return st if st in SHARED_SYSTEM_TYPES else None
    if kind == "node":
        return "data_centre" if _raw(el, "node_type") == "data_centre" else None
    if kind == "security_service":
        return "soc" if _raw(el, "protection_layer") == "monitoring" else None
    if kind == "channel":
        ct = _raw(el, "channel_type")
        if ct == "mobile_app":
            return "mobile_app"
        if ct == "service_centre" and _raw(el, "admin_level") == "tinh":
            return "service_centre"
    return None


LOCAL_LEVELS = ("huyen", "xa", "phuong", "thi_tran", "dac_khu")
"""Administrative levels below the province: a system such a body owns is not the province's shared system."""


def local_system(graph: ArchGraph, el: Element) -> bool:
    """Whether ``el`` is owned, on the graph's day, by a district- or commune-level body (a city's IOC)."""
    return any(_raw(graph.element(r.source), "admin_level") in LOCAL_LEVELS for r in graph.in_(el.id, "owns"))


# --------------------------------------------------------------------------- provinces


def _parents(graph: ArchGraph, org_id: str) -> list[str]:
    up = [r.target for r in graph.out(org_id, "member_of")]
    up += [r.source for r in graph.in_(org_id, "composed_of") if graph.element(r.source).kind == "organization"]
    return list(dict.fromkeys(up))


def _org_province(graph: ArchGraph, org_id: str, day: dt.date | None) -> str | None:
    """The province of an organization (its name as written): its own facts, or those of an
    organization above it, or a UBND tỉnh."""
    seen = {org_id}
    queue = deque([org_id])
    while queue:
        current = graph.element(queue.popleft())
        own = current.province_on(day)
        if own:
            return own
        if _raw(current, "admin_level") == "tinh" and _raw(current, "org_type") in ("government", "administrative_unit"):
            return province_display(current.name)
        for p in _parents(graph, current.id):
            if p not in seen:
                seen.add(p)
                queue.append(p)
    return None


def province_of(graph: ArchGraph, el: Element, day: dt.date | None = None) -> str:
    """The province ``el`` belongs to on ``day`` (default: the graph's day), its name as written.

    Its own ``province`` facts first; then, for a system, the province of an organization owning it
    on the day; for an organization, its own chain (member_of / composed_of) up to a UBND tỉnh; else
    the manifest's province.
    """
    day = day if day is not None else graph.as_of
    own = el.province_on(day)
    if own:
        return own
    if el.kind == "organization":
        found = _org_province(graph, el.id, day)
        if found:
            return found
    else:
        for r in graph.in_(el.id, "owns"):
            found = _org_province(graph, r.source, day)
            if found:
                return found
    return graph.architecture.manifest.province


def province_key(graph: ArchGraph, el: Element, day: dt.date | None = None) -> str:
    """:func:`province_of` as a comparable key ('Tỉnh Kon Tum', 'Kon Tum' → 'kon tum')."""
    return province_name_key(province_of(graph, el, day))


def current_tenure(el: Element, day: dt.date | None):
    """(index, period) of the ``province`` period covering ``day``, or (None, None)."""
    if day is None:
        return None, None
    for i, t in enumerate(el.province):
        if t.covers(day):
            return i, t
    return None, None


def predecessor(el: Element, day: dt.date | None) -> str | None:
    """The province ``el`` belonged to before its current period began (None: it has no earlier one)."""
    i, _ = current_tenure(el, day)
    if not i:
        return None
    return el.province[i - 1].name


def origin(graph: ArchGraph, el: Element, day: dt.date | None) -> str | None:
    """The predecessor province ``el`` came from: its province before its current ``province`` period;
    for an element that writes no ``province`` facts, the province it belongs to (a system the continuing
    province's hand-kept model carries on, next to the systems ``kientruc merge`` brought in with theirs)."""
    if el.province:
        return predecessor(el, day)
    return province_of(graph, el, day)


# --------------------------------------------------------------------------- twins


@dataclass
class Member:
    """One system of a twin set and what distinguishes it."""

    element: Element
    predecessor: str | None
    security_level: int | None = None
    security_approved: bool = False
    users: list[str] = field(default_factory=list)  # whom it serves (serves, and uses of it)
    national: list[str] = field(default_factory=list)  # external (national) systems it is linked to
    provincial_links: int = 0  # provincial systems linked to it
    holds_data: bool = False
    standards: list[str] = field(default_factory=list)
    since: dt.date | None = None
    owners: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.element.id

    def score(self) -> float:
        """The criteria of the proposal, summed: national connections count most, then users and
        integration, an approved security level, standards and a newer system; a system already
        retiring is never the one kept."""
        s = 3.0 * len(self.national) + 1.0 * len(self.users) + 0.5 * self.provincial_links
        s += (1.0 if self.security_approved else 0.0) + 0.25 * (self.security_level or 0)
        s += 0.25 * len(self.standards)
        if str(self.element.status) == "retiring":
            s -= 100.0
        return s


@dataclass
class TwinSet:
    """Systems of one function in one province on the day, from different predecessor provinces."""

    function: str
    province: str  # key (province_name_key)
    province_name: str
    since: dt.date | None  # the day the last of them joined the province
    members: list[Member]

    @property
    def ids(self) -> list[str]:
        return [m.id for m in self.members]

    @property
    def predecessors(self) -> list[str]:
        return list(dict.fromkeys(m.predecessor for m in self.members if m.predecessor))


def _describe(graph: ArchGraph, el: Element, day: dt.date | None) -> Member:
    m = Member(element=el, predecessor=origin(graph, el, day))
    m.security_level = getattr(el, "security_level", None)
    m.security_approved = bool(getattr(el, "security_level_approved_by", None))
    m.standards = list(getattr(el, "standards", None) or [])
    m.since = el.valid_from
    m.owners = list(dict.fromkeys(r.source for r in graph.in_(el.id, "owns")))
    users = [r.target for r in graph.out(el.id, "serves")] + [r.source for r in graph.in_(el.id, "uses")]
    m.users = list(dict.fromkeys(users))
    national: list[str] = []
    links = 0
    for rel in [*graph.out(el.id, *LINK_TYPES), *graph.in_(el.id, *LINK_TYPES)]:
        other = graph.element(rel.target if rel.source == el.id else rel.source)
        if other.kind in _RECORD_KINDS:
            m.holds_data = True
        if other.external:
            national.append(other.id)
        elif other.kind not in ("network", "device", "system_software"):
            links += 1
    for rel in graph.out(el.id, "composed_of"):
        if graph.element(rel.target).kind in _RECORD_KINDS:
            m.holds_data = True
    m.national = list(dict.fromkeys(national))
    m.provincial_links = links
    return m


def components(graph: ArchGraph, root: str) -> set[str]:
    """Everything ``root`` is composed of, at any depth."""
    out: set[str] = set()
    queue = deque([root])
    while queue:
        for r in graph.out(queue.popleft(), "composed_of"):
            if r.target not in out:
                out.add(r.target)
                queue.append(r.target)
    return out


def functions(graph: ArchGraph) -> list[tuple[Element, str]]:
    """(element, the shared function it does) for the elements of the graph in service or built that do one, in
    model order: what :func:`twin_sets` groups (each pair reads only its element)."""
    return [(el, fn) for el in graph.elements() if (fn := in_service_function(el)) is not None]


def in_service_function(el: Element) -> str | None:
    """:func:`function_of` an element that is not only planned (None for a planned one)."""
    return None if str(el.status) == "planned" else function_of(el)


def twin_sets(graph: ArchGraph, day: dt.date | None = None,
              functioned: Iterable[tuple[Element, str]] | None = None) -> list[TwinSet]:
    """The twin sets of the graph's day, by province then function, in model order within a set.

    ``functioned``: :func:`functions` of the graph, if already known."""
    day = day if day is not None else graph.as_of
    groups: dict[tuple[str, str], list[Element]] = defaultdict(list)
    names: dict[str, str] = {}
    for el, fn in functioned if functioned is not None else functions(graph):
        if local_system(graph, el):
            continue
        name = province_of(graph, el, day)
        key = province_name_key(name)
        names.setdefault(key, province_display(name))
        groups[(key, fn)].append(el)
    out: list[TwinSet] = []
    for (key, fn), els in groups.items():
        if len({province_name_key(origin(graph, e, day)) for e in els} - {""}) < 2:
            continue
        parts: set[str] = set()
        for e in els:
            parts |= components(graph, e.id)
        els = [e for e in els if e.id not in parts]
        if len({province_name_key(origin(graph, e, day)) for e in els} - {""}) < 2:
            continue
        starts = [t.valid_from for e in els for _, t in [current_tenure(e, day)] if t is not None and t.valid_from]
        out.append(
            TwinSet(
                function=fn,
                province=key,
                province_name=names.get(key) or graph.architecture.manifest.province,
                since=max(starts) if starts else None,
                members=[_describe(graph, e, day) for e in els],
            )
        )
    out.sort(key=lambda t: (t.province, t.function))
    return out


# --------------------------------------------------------------------------- decisions


def decisions(graph: ArchGraph) -> list[Element]:
    """The consolidation decisions in force on the graph's day, in model order."""
    return graph.of_kind("consolidation")


def covering(graph: ArchGraph, ids: Iterable[str], *, decided_only: bool = False) -> list[Element]:
    """Decisions in force naming any of ``ids`` (``decided_only``: not the ones still a proposal)."""
    wanted = set(ids)
    return [
        d for d in decisions(graph)
        if wanted & set(d.actions()) and not (decided_only and d.proposal)
    ]


def roadmap_items(graph: ArchGraph, decision_id: str) -> list[Element]:
    """Projects and work packages in force that implement a decision."""
    return [
        graph.element(r.source) for r in graph.in_(decision_id, "implements")
        if graph.element(r.source).kind in ("project", "work_package")
    ]


@dataclass
class Proposal:
    """What the criteria propose for a twin set."""

    function: str
    keep: list[str]
    migrate: list[str]
    retire: list[str]
    reason: str | None
    scores: dict[str, float]


def propose(twins: TwinSet, *, prefer: str | None = None) -> Proposal:
    """Keep the member that scores best on the criteria (ties: the member from the province
    ``prefer`` — the one whose name the merged province takes — then model order); migrate the
    others that hold data or are linked to other systems, retire the rest. Data centres: keep
    all (a merged province may keep a second site as its backup; ORG003 does not count them).
    """
    scores = {m.id: m.score() for m in twins.members}
    if twins.function == "data_centre":
        return Proposal(twins.function, twins.ids, [], [], "primary and backup site", scores)
    preferred = province_name_key(prefer) if prefer else None
    order = sorted(
        range(len(twins.members)),
        key=lambda i: (
            -scores[twins.members[i].id],
            0 if preferred and province_name_key(twins.members[i].predecessor) == preferred else 1,
            i,
        ),
    )
    kept = twins.members[order[0]]
    migrate, retire = [], []
    for i in order[1:]:
        m = twins.members[i]
        (migrate if m.holds_data or m.provincial_links or m.users else retire).append(m.id)
    return Proposal(twins.function, [kept.id], migrate, retire, None, scores)


__all__ = [
    "Member",
    "Proposal",
    "SHARED_SYSTEM_TYPES",
    "TwinSet",
    "components",
    "consolidation_data",
    "covering",
    "decisions",
    "fold",
    "function_of",
    "predecessor",
    "propose",
    "province_display",
    "province_key",
    "province_of",
    "province_name_key",
    "roadmap_items",
    "twin_sets",
]


# --------------------------------------------------------------------------- the report, as data


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def consolidation_data(graph: ArchGraph) -> dict:
    """What the consolidation report shows, as plain data: the twin sets of the graph's day with
    their members and what distinguishes them, the decisions naming them, the roadmap items that
    carry them out, and the decisions that name no twin set of the day."""
    day = graph.as_of
    sets = twin_sets(graph, day)
    seen: set[str] = set()

    def decision_data(d: Element) -> dict:
        seen.add(d.id)
        items = []
        for w in roadmap_items(graph, d.id):
            owners = [r.source for r in graph.in_(w.id, "owns")]
            systems = [r.target for r in graph.out(w.id, "implements") if r.target != d.id]
            items.append({
                "id": w.id, "name": w.name, "kind": w.kind, "owner": owners[0] if owners else None,
                "start": _iso(getattr(w, "start", None)), "end": _iso(getattr(w, "end", None)),
                "status": str(w.status), "systems": systems,
            })
        return {
            "id": d.id, "name": d.name, "function": str(d.function), "proposal": d.proposal,
            "actions": d.actions(), "reason": d.reason, "decided_by": d.decided_by,
            "decided_on": _iso(d.decided_on), "roadmap": items,
        }

    out_sets = []
    for ts in sets:
        prop = propose(ts, prefer=graph.architecture.manifest.province)
        out_sets.append({
            "function": ts.function,
            "province": ts.province_name,
            "since": _iso(ts.since),
            "members": [
                {
                    "id": m.id, "name": m.element.name, "kind": m.element.kind, "predecessor": m.predecessor,
                    "status": str(m.element.status), "security_level": m.security_level,
                    "security_approved": m.security_approved, "users": m.users, "national": m.national,
                    "provincial_links": m.provincial_links, "since": _iso(m.since), "standards": m.standards,
                    "owners": m.owners, "score": prop.scores[m.id],
                }
                for m in ts.members
            ],
            "decisions": [decision_data(d) for d in covering(graph, ts.ids)],
        })
    others = [decision_data(d) for d in decisions(graph) if d.id not in seen]
    predecessors: list[str] = []
    for el in graph.elements():
        for t in el.province[:-1]:
            if t.name not in predecessors:
                predecessors.append(t.name)
    return {
        "province": graph.architecture.manifest.province,
        "as_of": _iso(day),
        "predecessors": predecessors,
        "twin_sets": out_sets,
        "other_decisions": others,
    }
