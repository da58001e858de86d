"""Helpers the framework rules share: who is provincial, who owns what, what is linked.

Everything here reads the graph of the day (``ctx.graph``), except where a function
says it reads the whole model (``ctx.architecture``), for example to find units that
ended before the day checked.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import weakref
from collections import deque
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Callable, Iterable, Iterator

from ...frameworks import Connection, Selector, attribute, catalog, catalog_connections, matches_any
from ...graph import ArchGraph
from ...models import Element, Relation
from ..registry import Related, RuleContext, Violation
from ...i18n import Msg, Named, msg

# Relations along which data or control passes between systems.
LINK_TYPES = ("connects_to", "flows_to", "integrates_via", "uses", "accesses")
EXCHANGE_TYPES = ("connects_to", "flows_to", "integrates_via", "accesses")
SYSTEM_KINDS = ("application", "database", "integration_platform", "shared_service")



def fold(text: str | None) -> str:
    """Lower case without accents (đ → d), single spaces: for matching Vietnamese names."""
    if not text:
        return ""
    text = str(text).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(text.replace("&", " & ").split())


def date_vi(day: dt.date | None) -> str:
    return f"{day.day}/{day.month}/{day.year}" if day else "?"


def value(el: Element, field: str) -> str | None:
    """A field as text; ``system_type`` and ``national_database`` fall back on the official name."""
    v = attribute(el, field)
    return None if v is None else str(v)


def provincial(el: Element) -> bool:
    """Part of the province's own architecture (not a national or outside element)."""
    return not el.external


def is_current(el: Element) -> bool:
    return str(el.status) != "planned"


def is_retiring(el: Element) -> bool:
    return str(el.status) == "retiring"


# --------------------------------------------------------------------------- what is inferred


def inferred(el: Element, field: str = "system_type") -> bool:
    """Whether ``field`` of ``el`` comes from its official name, not from the model (see NAME_HINTS)."""
    return getattr(el, field, None) is None and attribute(el, field) is not None


def inferred_note(el: Element, field: str = "system_type") -> Msg | str:
    """What a message says when it rests on a type read from the element's name, else ''."""
    if not inferred(el, field):
        return ""
    return msg(" ({field} '{value}' inferred from the name; set {field} to confirm)", field=field, value=attribute(el, field))


# --------------------------------------------------------------------------- composite systems
#
# A composite system is an application or shared service ``composed_of`` other applications or
# services: the one-stop system of NĐ 61/2018/NĐ-CP is the Cổng dịch vụ công and the phần mềm một
# cửa điện tử, say. The law speaks of the composite: it connects if one of its parts does, its parts
# inherit what it declares (digital signatures, its security level), and rules report on it.

COMPOSITE_KINDS = ("application", "shared_service")


def wholes(graph: ArchGraph, element_id: str) -> list[Element]:
    """The composite systems ``element_id`` is a part of, nearest first (through ``composed_of``)."""
    out: list[Element] = []
    seen = {element_id}
    queue = deque([element_id])
    while queue:
        current = queue.popleft()
        for r in graph.in_(current, "composed_of"):
            if r.source in seen:
                continue
            whole = graph.element(r.source)
            if whole.kind in COMPOSITE_KINDS:
                seen.add(r.source)
                out.append(whole)
                queue.append(r.source)
    return out


def top_whole(graph: ArchGraph, el: Element) -> Element:
    """The outermost composite system ``el`` is a part of, or ``el`` itself."""
    found = wholes(graph, el.id)
    return found[-1] if found else el


def parts_of(graph: ArchGraph, element_id: str) -> list[Element]:
    """Every system ``element_id`` is composed of, at any depth."""
    out: list[Element] = []
    seen = {element_id}
    queue = deque([element_id])
    while queue:
        current = queue.popleft()
        for part in graph.targets(current, "composed_of"):
            if part.id not in seen and part.kind in COMPOSITE_KINDS:
                seen.add(part.id)
                out.append(part)
                queue.append(part.id)
    return out


def declared_or_inherited(graph: ArchGraph, el: Element, field: str) -> tuple[object, Element | None]:
    """``el``'s own ``field`` if set (not empty), else the nearest composite's: (value, the whole it came from)."""
    own = getattr(el, field, None)
    if own not in (None, [], ()):
        return own, None
    for whole in wholes(graph, el.id):
        theirs = getattr(whole, field, None)
        if theirs not in (None, [], ()):
            return theirs, whole
    return own, None


# --------------------------------------------------------------------------- the province


def _is_anchor(el: Element) -> bool:
    return provincial(el) and value(el, "org_type") == "government" and value(el, "admin_level") == "tinh"


def province_anchor(ctx: RuleContext) -> Element | None:
    """The element that stands for the province: its people's committee (UBND tỉnh) in force."""
    for el in ctx.graph.of_kind("organization"):
        if _is_anchor(el):
            return el
    return None


@dataclass(frozen=True)
class ProvinceScope:
    """One province of the model: its UBND tỉnh (``anchor``) and the ids of its elements.

    A model of one province (one UBND tỉnh, or none) is one scope holding everything
    (``members`` None). In a model of several provinces, an element belongs to the province
    whose UBND tỉnh it is, or is under (``member_of``/``composed_of``), or whose agencies own it
    (``owner``/``owns``); failing that, to the one province of the elements it is related to
    (a Party committee's steering body, the communes' centres); else to no province.
    """

    anchor: Element | None
    members: frozenset[str] | None = None

    def contains(self, el: Element) -> bool:
        return self.members is None or el.id in self.members

    @property
    def several(self) -> bool:
        return self.members is not None

    def key(self, key: str) -> str:
        return f"{key}@{self.anchor.id}" if self.several and self.anchor is not None else key


def province_of(graph: ArchGraph, el: Element, anchors: set[str], _above: dict[str, str | None] | None = None) -> str | None:
    """The id of the UBND tỉnh ``el`` belongs to (see :class:`ProvinceScope`), or None.

    ``_above``: the answer already found for an organization (the first anchor among its ancestors, or
    None), kept by a caller that asks for every element of a graph: a department owns hundreds of them.
    """
    orgs = [el.id] if el.kind == "organization" else owners(graph, el.id)
    if not orgs and el.kind in COMPOSITE_KINDS:
        orgs = [o for w in wholes(graph, el.id) for o in owners(graph, w.id)]
    for org in orgs:
        if _above is not None and org in _above:
            found = _above[org]
        else:
            found = next((up.id for up in ancestors(graph, org) if up.id in anchors), None)
            if _above is not None:
                _above[org] = found
        if found is not None:
            return found
    return None


GRAPH_MEMOS: "list[tuple[weakref.WeakKeyDictionary[ArchGraph, Any], Carry | None]]" = []
"""What the rules' helpers remember per graph (a graph is one day's model, read only while the rules run), each
with the function that carries it over an edit, if it can be carried."""

Carry = Callable[["ArchGraph", Any, set[str]], Any]
"""``carry(graph, remembered, changed)``: what a memo remembered of ``graph`` before the elements ``changed`` changed
in place, brought up to date (None: forget it)."""


def per_graph(carry: Carry | None = None) -> "weakref.WeakKeyDictionary[ArchGraph, Any]":
    """A new memo keyed by graph, that :func:`forget` clears, or carries over an edit with ``carry``."""
    memo: "weakref.WeakKeyDictionary[ArchGraph, Any]" = weakref.WeakKeyDictionary()
    GRAPH_MEMOS.append((memo, carry))
    return memo


def forget(graph: ArchGraph, changed: set[str] | None = None) -> None:
    """Drop what the helpers remember of ``graph``: call it after changing a graph in place. With ``changed`` (the
    elements the change added, removed or modified), the memos that can be carried over it are carried."""
    for memo, carry in GRAPH_MEMOS:
        known = memo.pop(graph, None)
        if known is not None and carry is not None and changed is not None:
            kept = carry(graph, known, changed)
            if kept is not None:
                memo[graph] = kept


def refiltered(graph: ArchGraph, entries: list, changed: set[str], entry: Callable[[Element], Any],
               element_of: Callable[[Any], Element] = lambda e: e) -> list:
    """A list of ``entry(el)`` for some elements of ``graph`` in model order (None: not listed), where ``entry`` reads
    only ``el`` itself, brought up to date after the elements ``changed`` changed in place: the others are kept as
    they were, the changed ones are asked again."""
    kept = [e for e in entries if element_of(e).id not in changed]
    fresh = [e for c in changed if (el := graph.get(c)) is not None and (e := entry(el)) is not None]
    if not fresh:
        return kept
    pos = graph.positions
    kept += fresh
    kept.sort(key=lambda e: pos[element_of(e).id])
    return kept


_SCOPES: "weakref.WeakKeyDictionary[ArchGraph, list[ProvinceScope]]" = per_graph()


def province_scopes(ctx: RuleContext) -> list[ProvinceScope]:
    """The provinces a province-level rule judges one by one (one scope for a model of one province).

    Computed once per graph: a dozen rules ask for them. Where the engine re-runs a rule of scope ``province``
    on some provinces only (``ctx.provinces``: their UBND tỉnh ids), only those; as the rule walks them,
    ``ctx.judging`` names the one it is at, which the engine notes on each finding (see ``Judged``).
    """
    graph = ctx.graph
    cached = _SCOPES.get(graph)
    if cached is None:
        cached = _SCOPES[graph] = _province_scopes(graph)
    if ctx.provinces is not None:
        return Judged(ctx, [s for s in cached if s.anchor is not None and s.anchor.id in ctx.provinces])
    return Judged(ctx, cached)


class Judged(list):
    """The provinces a rule judges: walking them sets ``ctx.judging`` to the UBND tỉnh of each in turn."""

    def __init__(self, ctx: RuleContext, scopes: list[ProvinceScope]) -> None:
        super().__init__(scopes)
        self.ctx = ctx

    def __iter__(self):  # type: ignore[override]
        for scope in super().__iter__():
            self.ctx.judging = scope.anchor.id if scope.several and scope.anchor is not None else None
            yield scope
        self.ctx.judging = None  # past the provinces: what comes now is about none of them


_PLACES: "weakref.WeakKeyDictionary[ArchGraph, Places]" = per_graph()


@dataclass
class Places:
    """Where :func:`province_scopes` put each element: ``where`` (id -> UBND tỉnh id), and ``ringed``: the provincial
    elements placed by their neighbours (or left unplaced), whose province an edit nearby may change."""

    where: dict[str, str]
    ringed: set[str]
    first_ring: set[str] = field(default_factory=set)  # the ringed placed on the first pass: by owner-placed neighbours


def places(graph: ArchGraph) -> Places | None:
    """Where the provinces of ``graph`` put each element, if computed (a model of several provinces)."""
    return _PLACES.get(graph)


def around(graph: ArchGraph, changed: set[str]) -> tuple[set[str], bool]:
    """What an edit of ``changed`` reaches in ``graph`` for the provinces: the changed ids in it, their neighbours and
    the parts of the composites among them (parts are placed by their wholes' owners); and whether it touches
    the provinces' structure (an organization changed, or a changed element joining an organization as a member
    or a part). Asked of the graph before an edit and after it."""
    near: set[str] = set()
    structural = False
    for c in changed:
        el = graph.get(c)
        if el is None:
            continue
        near.add(c)
        near |= graph.neighbour_ids(c)
        if el.kind == "organization":
            structural = True
        for r in graph.out(c, "member_of", "composed_of"):
            if graph.element(r.target).kind == "organization":
                structural = True
        if el.kind in COMPOSITE_KINDS:
            near.update(p.id for p in parts_of(graph, c))
    return near, structural


def carry_places(graph: ArchGraph, before: Places, scopes: list[ProvinceScope], changed: set[str], near: set[str],
                 touched: set[str], added: set[str] = frozenset()) -> bool:  # type: ignore[assignment]
    """After ``graph`` changed in place, its provinces from ``before`` and ``scopes`` (those of the graph before),
    placing again only ``near`` (what :func:`around` gives before and after the edit of ``changed``, which did not
    touch the provinces' structure); ``touched``: the elements that gained or lost a neighbour in the edit; ``added``:
    the changed elements the graph did not hold before (all their neighbours are touched). False
    where it cannot tell (an element placed by its neighbours changed, gained or lost a neighbour, or has one
    placed elsewhere now; an anchor gone): :func:`province_scopes` computes them afresh then."""
    ringed = before.ringed
    # an element placed by its neighbours that gained or lost one is placed again below, if the first pass placed it
    if changed & ringed or (touched & ringed) - before.first_ring or not scopes or any(s.anchor is None for s in scopes):
        return False
    anchors = [s.anchor.id for s in scopes]  # type: ignore[union-attr]
    if any(graph.get(a) is None or not _is_anchor(graph.element(a)) for a in anchors):
        return False
    ids = set(anchors)
    where = dict(before.where)
    above: dict[str, str | None] = {}
    for x in near:
        where.pop(x, None)
        el = graph.get(x)
        if el is None:
            continue
        if x in ringed:  # not changed, no neighbour gained or lost: placed by its neighbours as before (see below)
            if x in before.where:
                where[x] = before.where[x]
            continue
        p = province_of(graph, el, ids, above)
        if p is not None:
            where[x] = p
        elif provincial(el):
            return False  # it would go through the neighbours' pass
    for x in near:  # an element placed elsewhere now: its neighbours placed by theirs may follow it (an added one's
        # neighbours all gained it: they are checked below)
        if x not in added and before.where.get(x) != where.get(x) and graph.get(x) is not None and graph.neighbour_ids(x) & before.ringed:
            return False
    for y in touched & ringed:  # placed on the first pass: by its neighbours placed by their owners, as before?
        if graph.get(y) is None or {where[n] for n in graph.neighbour_ids(y) if n in where and n not in ringed} != {where[y]}:
            return False
    moved = {before.where.get(x) for x in near} | {where.get(x) for x in near}
    new: list[ProvinceScope] = []
    for s in scopes:
        a = s.anchor.id  # type: ignore[union-attr]
        if a in moved:
            members = {m for m in s.members or () if m not in near} | {x for x in near if where.get(x) == a}
            new.append(ProvinceScope(graph.element(a), frozenset(members)))
        else:
            new.append(ProvinceScope(graph.element(a), s.members))
    _SCOPES[graph] = new
    _PLACES[graph] = Places(where, before.ringed, before.first_ring)
    return True


def scopes_of(graph: ArchGraph) -> list[ProvinceScope] | None:
    """The provinces of ``graph``, if computed."""
    return _SCOPES.get(graph)


def _province_scopes(graph: ArchGraph) -> list[ProvinceScope]:
    anchors = [el for el in graph.of_kind("organization") if _is_anchor(el)]
    if len(anchors) <= 1:
        return [ProvinceScope(anchors[0] if anchors else None)]
    ids = {a.id for a in anchors}
    where: dict[str, str] = {}
    unplaced: list[Element] = []
    above: dict[str, str | None] = {}
    for el in graph.elements():
        p = province_of(graph, el, ids, above)
        if p is not None:
            where[el.id] = p
        elif provincial(el):
            unplaced.append(el)
    ringed = {el.id for el in unplaced}
    # An element neither owned nor under a province (the Party committee, its steering body, the
    # communes' centres…) belongs to the province all the placed elements it is related to belong to.
    near: dict[str, set[str]] = {}  # each unplaced element's neighbours, found on the first pass
    first_ring: set[str] | None = None
    while unplaced:  # outwards from the placed elements, one ring a pass
        placed_now = {}
        for el in unplaced:
            around = near.get(el.id)
            if around is None:
                around = near[el.id] = graph.neighbour_ids(el.id)  # (itself, if related to itself, is unplaced)
            found = {where[n] for n in around if n in where}
            if len(found) == 1:
                placed_now[el.id] = found.pop()
        if not placed_now:
            break
        where.update(placed_now)
        if first_ring is None:
            first_ring = set(placed_now)
        unplaced = [el for el in unplaced if el.id not in where]
    members: dict[str, set[str]] = {a.id: set() for a in anchors}
    for el_id, p in where.items():
        members[p].add(el_id)
    _PLACES[graph] = Places(where, ringed, first_ring or set())
    return [ProvinceScope(a, frozenset(members[a.id])) for a in anchors]


def elementwise(entry: Callable[[Element], Any]) -> Callable[[ArchGraph], list[tuple[Element, Any]]]:
    """A function of a graph giving ``(el, entry(el))`` for its elements where that is not None, in model order,
    computed once per graph and carried over an edit in place: ``entry`` must read only ``el``."""

    def carry(graph: ArchGraph, found: list, changed: set[str]) -> list:
        return refiltered(graph, found, changed, lambda el: None if (v := entry(el)) is None else (el, v), _first_of)

    memo = per_graph(carry)

    def of(graph: ArchGraph) -> list[tuple[Element, Any]]:
        found = memo.get(graph)
        if found is None:
            found = memo[graph] = [(el, v) for el in graph.elements() if (v := entry(el)) is not None]
        return found

    return of


def _first_of(pair: tuple) -> Any:
    return pair[0]


def _function(el: Element) -> str | None:
    from ...twins import in_service_function

    return in_service_function(el)


functions_of = elementwise(_function)
"""(element, the shared function it does) for the graph's elements in service that do one (``twins.functions``)."""

_TWINS: "weakref.WeakKeyDictionary[ArchGraph, dict[Any, Any]]" = per_graph()


def twin_sets_of(graph: ArchGraph, day: dt.date) -> list:
    """:func:`kientruc.twins.twin_sets` of the graph on the day, computed once per graph (ORG003 and CON001 ask);
    the list is shared: read it, do not change it."""
    from ...twins import twin_sets

    known = _TWINS.get(graph)
    if known is None:
        known = _TWINS[graph] = {}
    if day not in known:
        known[day] = twin_sets(graph, day, functions_of(graph))
    return known[day]


def about_province(ctx: RuleContext, message: Msg, *, key: str, hint: Msg | None = None,
                   related: tuple[Related, ...] = (), scope: ProvinceScope | None = None) -> Violation:
    """A finding about the architecture as a whole: on the UBND tỉnh if modelled, else on the manifest.

    With a ``scope`` of a model of several provinces, the finding is on that province's UBND tỉnh and
    its message names the province.
    """
    anchor = scope.anchor if scope is not None else province_anchor(ctx)
    if scope is not None and scope.several:
        message = msg("{province}: {message}", province=anchor.name, message=message)
        key = scope.key(key)
    if anchor is not None:
        return Violation(message, element=anchor.id, hint=hint, related=related, key=key)
    return Violation(message, in_manifest=True, path=("province",), hint=hint, related=related, key=key)


# --------------------------------------------------------------------------- owners


def owners(graph: ArchGraph, element_id: str) -> list[str]:
    """Ids of the organizations owning an element on the day (its ``owner`` and ``owns`` relations)."""
    return list(dict.fromkeys(r.source for r in graph.in_(element_id, "owns")))


def owner(graph: ArchGraph, element_id: str) -> str | None:
    found = owners(graph, element_id)
    return found[0] if found else None


def parents(graph: ArchGraph, org_id: str) -> list[str]:
    """Organizations an organization belongs to (member_of, or composed_of from the parent)."""
    up = [r.target for r in graph.out(org_id, "member_of")]
    up += [r.source for r in graph.in_(org_id, "composed_of") if graph.element(r.source).kind == "organization"]
    return list(dict.fromkeys(up))


def ancestors(graph: ArchGraph, org_id: str) -> Iterator[Element]:
    """The organization and the ones above it, nearest first."""
    seen = {org_id}
    queue = deque([org_id])
    while queue:
        current = queue.popleft()
        yield graph.element(current)
        for p in parents(graph, current):
            if p not in seen:
                seen.add(p)
                queue.append(p)


# --------------------------------------------------------------------------- links


def relations_between(graph: ArchGraph, a: str, b: str, types: Iterable[str] = LINK_TYPES) -> list[Relation]:
    """Relations of the given types joining ``a`` and ``b``, in either direction."""
    types = tuple(types)
    out = [r for r in graph.out(a, *types) if r.target == b]
    out += [r for r in graph.out(b, *types) if r.target == a]
    return out


def neighbours_by(graph: ArchGraph, element_id: str, types: Iterable[str] = LINK_TYPES) -> Iterator[tuple[str, Relation]]:
    """(other end, relation) for relations of the given types, both directions."""
    types = tuple(types)
    for r in graph.out(element_id, *types):
        yield r.target, r
    for r in graph.in_(element_id, *types):
        yield r.source, r


def exchanges_across_agencies(ctx: RuleContext, el: Element) -> bool:
    """Whether a system exchanges data with another agency's system, a platform or a national system."""
    graph = ctx.graph
    if el.kind == "integration_platform":
        return True
    mine = owner(graph, el.id)
    for other_id, _ in neighbours_by(graph, el.id, EXCHANGE_TYPES):
        other = graph.element(other_id)
        if other.kind in ("network", "node", "device", "system_software", "data_entity"):
            continue
        if other.kind == "integration_platform" or other.external:
            return True
        theirs = owner(graph, other_id)
        if mine and theirs and mine != theirs:
            return True
    return False


def find_link(
    graph: ArchGraph,
    start: str,
    is_target: Callable[[Element], bool],
    *,
    through: Callable[[Element], bool] | None = None,
    max_hops: int = 4,
    types: Iterable[str] = LINK_TYPES,
) -> list[str] | None:
    """A path from ``start`` to an element for which ``is_target`` holds.

    Direct relations count, and so does a relation's ``via`` (the platform it goes
    through). With ``through``, the path may also pass through elements for which
    ``through`` holds (integration platforms, say), up to ``max_hops`` relations.
    """
    types = tuple(types)
    queue = deque([(start, [start])])
    seen = {start}
    while queue:
        current, path = queue.popleft()
        if len(path) > max_hops:
            continue
        for other, rel in neighbours_by(graph, current, types):
            if other in seen:
                continue
            el = graph.element(other)
            if is_target(el):
                return path + [other]
            seen.add(other)
            if through is not None and through(el):
                queue.append((other, path + [other]))
    return None


class Reach:
    """Which elements have a path to a target, answered for every start at once.

    The same paths as :func:`find_link` (a direct relation, or up to ``max_hops``
    relations through elements for which ``through`` holds), but found by one
    breadth-first search backwards from all the targets instead of one search per
    start: a rule asking it for every system of a province is linear in the model,
    where a search per system through a platform joined to every system is quadratic.
    """

    def __init__(
        self,
        graph: ArchGraph,
        targets: Iterable[Element],
        *,
        through: Callable[[Element], bool] | None = None,
        max_hops: int = 4,
        types: Iterable[str] = LINK_TYPES,
    ) -> None:
        self.graph = graph
        self.types = tuple(types)
        self.max_hops = max_hops
        self._through = through
        self.targets = {t.id for t in targets}
        # hops from an element the path may pass through to the nearest target (targets: 0)
        self.distance: dict[str, int] = dict.fromkeys(self.targets, 0)
        if through is None or max_hops < 2:
            return
        distance = self.distance
        queue = deque(self.targets)
        while queue:
            current = queue.popleft()
            d = distance[current] + 1
            if d > max_hops - 1:  # a start needs one more relation to get here
                continue
            for other, _ in neighbours_by(graph, current, self.types):
                if other not in distance and through(graph.element(other)):
                    distance[other] = d
                    queue.append(other)

    def reaches(self, start: str) -> bool:
        """True if ``start`` has a path to a target (``start`` itself does not count)."""
        distance, targets, limit = self.distance, self.targets, self.max_hops
        if start in targets:
            # the distances may lead back to start itself, which find_link does not count: for
            # the few starts that are targets, search from them
            return (
                find_link(self.graph, start, lambda e: e.id in targets, through=self._through,
                          max_hops=limit, types=self.types)
                is not None
            )
        # The nearest neighbour's shortest path never passes through start (a neighbour
        # after start on it would be nearer still), so a neighbour's distance is a path.
        for other, _ in neighbours_by(self.graph, start, self.types):
            if other == start:
                continue
            if other in targets:
                return True
            d = distance.get(other)
            if d is not None and d + 1 <= limit:
                return True
        return False


def _carry_selected(graph: ArchGraph, known: dict[tuple[Selector, ...], list[Element]], changed: set[str]
                    ) -> dict[tuple[Selector, ...], list[Element]]:
    """The selections brought up to date after an edit (a selector reads only the element it matches)."""
    return {selectors: refiltered(graph, found, changed, lambda el, s=selectors: el if _selected(s, el) else None)
            for selectors, found in known.items()}


_SELECTED: "weakref.WeakKeyDictionary[ArchGraph, dict[tuple[Selector, ...], list[Element]]]" = per_graph(_carry_selected)


def select(graph: ArchGraph, selectors: Iterable[Selector]) -> list[Element]:
    """The elements matching any of ``selectors``, in model order (only the kinds they name are read).

    Remembered per graph: the national connections ask the same for every province of a model."""
    selectors = tuple(selectors)
    known = _SELECTED.get(graph)
    if known is None:
        known = _SELECTED[graph] = {}
    found = known.get(selectors)
    if found is None:
        found = known[selectors] = _select(graph, selectors)
    return list(found)


def _kinds(selectors: tuple[Selector, ...]) -> set[str] | None:
    """The kinds any of ``selectors`` can match (None: any kind)."""
    kinds: set[str] = set()
    for s in selectors:
        if s.kinds is None:
            return None
        kinds |= s.kinds
    return kinds


def _selected(selectors: tuple[Selector, ...], el: Element) -> bool:
    kinds = _kinds(selectors)
    return (kinds is None or el.kind in kinds) and matches_any(selectors, el)


def _select(graph: ArchGraph, selectors: tuple[Selector, ...]) -> list[Element]:
    kinds = _kinds(selectors)
    candidates = graph.elements() if kinds is None else graph.of_kind(*sorted(kinds))
    return [el for el in candidates if matches_any(selectors, el)]


@cache
def national_platform_selectors() -> tuple[Selector, ...]:
    """What the targets of every national connection in the catalogue match: the national platforms
    (the Cổng DVCQG, the payment platform, VNeID, the EMC…) whose connection a rule of its own checks."""
    out: list[Selector] = []
    for conn in catalog_connections().values():
        out.extend(conn.target)
    return tuple(dict.fromkeys(out))


def platform_type(el: Element) -> str | None:
    return value(el, "platform_type") if el.kind == "integration_platform" else None


def is_lgsp(el: Element) -> bool:
    return platform_type(el) == "lgsp" and provincial(el)


def is_exchange_platform(el: Element) -> bool:
    """A platform exchanges go through: LGSP, NDXP, the data coordination platform, a provincial gateway.

    The national document axis is an end point, not a way through to other national platforms.
    """
    return el.kind == "integration_platform" and not (platform_type(el) == "document_axis" and el.external)


def check_connections(ctx: RuleContext, rule_code: str) -> Iterator[Violation]:
    """Check the profile's national connections checked by ``rule_code`` (see frameworks/_catalog.yaml)."""
    profile = ctx.profile
    if profile is None:
        return
    graph = ctx.graph
    scopes = province_scopes(ctx)
    for conn in profile.connections_for(rule_code):
        if not conn.in_force(ctx.day):
            continue
        # what does not depend on the province, found once for all of them (once per province, a model of
        # 33 provinces walked the graph 33 times per connection)
        shared = _Shared(graph, conn)
        for scope in scopes:
            yield from _check_connection(ctx, graph, conn, scope, shared)


class _Shared:
    """A connection's candidate sources, its targets and the paths to them: the same for every province."""

    def __init__(self, graph: ArchGraph, conn: Connection) -> None:
        self.graph, self.conn = graph, conn
        self.sources = select(graph, conn.source)
        self.targets = select(graph, conn.target)
        self._otherwise: list[Element] | None = None
        self._reach: Reach | None = None

    @property
    def otherwise(self) -> list[Element]:
        if self._otherwise is None:
            self._otherwise = select(self.graph, self.conn.otherwise_source)
        return self._otherwise

    @property
    def reach(self) -> Reach:
        if self._reach is None:
            self._reach = Reach(self.graph, self.targets,
                                through=is_exchange_platform if self.conn.through_platforms else None)
        return self._reach


def _check_connection(ctx: RuleContext, graph: ArchGraph, conn: Connection, scope: ProvinceScope,
                      shared: _Shared) -> Iterator[Violation]:
    sources = [s for s in shared.sources if scope.contains(s)]
    if not sources and conn.otherwise_source:
        sources = [s for s in shared.otherwise if scope.contains(s)]
    targets = shared.targets
    connection = Named.of(conn.id, vi=conn.title, en=conn.title_en)
    since = msg("{connection} (required since {day})", connection=connection, day=conn.since) if conn.since else connection
    if not sources:
        if conn.required:
            yield about_province(
                ctx,
                msg("the architecture has no system of the kind required ({selectors}), so it cannot meet: {connection}", selectors=_what(conn.source), connection=since),
                key=conn.id,
                hint=msg("add the system ({selectors}) and its connection", selectors=_selector_hint(conn.source)),
                scope=scope,
            )
        return
    reach = shared.reach
    # A composite system meets the connection if one of its parts does; it is reported once, as
    # the composite (the one-stop system of NĐ 61/2018, not its portal and its one-stop software).
    groups: dict[str, list[Element]] = {}
    for el in sources:
        groups.setdefault(top_whole(graph, el).id, []).append(el)
    for whole_id, members in groups.items():
        whole = graph.element(whole_id)
        if is_retiring(whole) or all(is_retiring(m) for m in members):
            continue
        family = [whole, *parts_of(graph, whole_id)]
        if any(reach.reaches(m.id) for m in family):
            continue
        yield from _not_connected(conn, whole, members, targets, since)


def _not_connected(conn: Connection, el: Element, members: list[Element], targets: list[Element],
               since: Msg | Named) -> Iterator[Violation]:
    if targets:
        names = ", ".join(f"'{t.id}'" for t in targets[:3])
        hint = msg("relate '{id}' to {targets} (connects_to or flows_to, directly or through the LGSP/NDXP)", id=el.id, targets=names) \
            if conn.through_platforms else msg("relate '{id}' to {targets} (connects_to or flows_to)", id=el.id, targets=names)
    else:
        hint = msg("add the national platform as an external element ({selectors}) and relate '{id}' to it", selectors=_selector_hint(conn.target), id=el.id)
    parts = [m for m in members if m.id != el.id]
    notes = [n for n in (inferred_note(m) for m in ([el] if el in members else []) + parts) if n]
    if parts:
        message = msg("'{id}' (composed of {parts}: none of its parts is connected) is not connected as required: {connection}{notes}",
                      id=el.id, parts=", ".join(f"'{m.id}'" for m in parts), connection=since, notes=joined_notes(notes))
    else:
        message = msg("'{id}' is not connected as required: {connection}{notes}", id=el.id, connection=since, notes=joined_notes(notes))
    yield Violation(
        message,
        element=el.id,
        hint=hint,
        key=conn.id,
        related=tuple(Related(t.id, (), msg("the national platform")) for t in targets[:1]),
    )


def joined_notes(notes: list) -> Msg | str:
    """Notes written one after the other (each begins with its own space)."""
    if not notes:
        return ""
    if len(notes) == 1:
        return notes[0]
    return msg("{first}{rest}", first=notes[0], rest=joined_notes(notes[1:]))


def _what(selectors: tuple[Selector, ...]) -> str:
    parts = []
    for s in selectors:
        conds = dict(s.conditions)
        for key in ("system_type", "platform_type", "national_database"):
            if key in conds:
                parts.append(" / ".join(str(v) for v in conds[key]))
                break
        else:
            parts.append(" / ".join(str(v) for v in conds.get("kind", ("element",))))
    return " | ".join(dict.fromkeys(parts))


def _selector_hint(selectors: tuple[Selector, ...]) -> str:
    return " | ".join(s.describe() for s in selectors)


def reorganisation(key: str) -> dt.date:
    return catalog()["reorganisation"][key]


__all__ = [
    "EXCHANGE_TYPES",
    "LINK_TYPES",
    "SYSTEM_KINDS",
    "Selector",
    "ProvinceScope",
    "declared_or_inherited",
    "province_of",
    "province_scopes",
    "inferred_note",
    "joined_notes",
    "parts_of",
    "top_whole",
    "wholes",
]
