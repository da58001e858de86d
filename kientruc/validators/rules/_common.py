"""Helpers the framework rules share: who is provincial, who owns what, what is linked.

Everything here reads the graph of the day (``ctx.graph``), except where a function
says it reads the whole model (``ctx.architecture``), for example to find units that
ended before the day checked.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import deque
from typing import Callable, Iterable, Iterator

from ...frameworks import Connection, Selector, attribute, catalog, matches_any
from ...graph import ArchGraph
from ...models import Element, Relation
from ..registry import Related, RuleContext, Violation
from ...i18n import Msg, Named, msg

# Relations along which data or control passes between systems.
LINK_TYPES = ("connects_to", "flows_to", "integrates_via", "uses", "accesses")
EXCHANGE_TYPES = ("connects_to", "flows_to", "integrates_via", "accesses")
SYSTEM_KINDS = ("application", "database", "integration_platform", "shared_service")

V2_PLUS = ("vn-egov-2.0", "vn-egov-3.0", "vn-digital-gov-4.0", "vn-digital-nation-2025")
V3_PLUS = ("vn-egov-3.0", "vn-digital-gov-4.0", "vn-digital-nation-2025")
V4_PLUS = ("vn-digital-gov-4.0", "vn-digital-nation-2025")
NATION_2025 = ("vn-digital-nation-2025",)


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


# --------------------------------------------------------------------------- the province


def province_anchor(ctx: RuleContext) -> Element | None:
    """The element that stands for the province: its people's committee (UBND tỉnh) in force."""
    for el in ctx.graph.of_kind("organization"):
        if provincial(el) and value(el, "org_type") == "government" and value(el, "admin_level") == "tinh":
            return el
    return None


def about_province(ctx: RuleContext, message: Msg, *, key: str, hint: Msg | None = None,
                   related: tuple[Related, ...] = ()) -> Violation:
    """A finding about the architecture as a whole: on the UBND tỉnh if modelled, else on the manifest."""
    anchor = province_anchor(ctx)
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


def select(graph: ArchGraph, selectors: Iterable[Selector]) -> list[Element]:
    """The elements matching any of ``selectors``, in model order (only the kinds they name are read)."""
    selectors = tuple(selectors)
    kinds: set[str] | None = set()
    for s in selectors:
        if s.kinds is None:
            kinds = None
            break
        kinds |= s.kinds  # type: ignore[operator]
    candidates = graph.elements() if kinds is None else graph.of_kind(*sorted(kinds))
    return [el for el in candidates if matches_any(selectors, el)]


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
    for conn in profile.connections_for(rule_code):
        if not conn.in_force(ctx.day):
            continue
        yield from _check_connection(ctx, graph, conn)


def _check_connection(ctx: RuleContext, graph: ArchGraph, conn: Connection) -> Iterator[Violation]:
    sources = select(graph, conn.source)
    targets = select(graph, conn.target)
    connection = Named.of(conn.id, vi=conn.title, en=conn.title_en)
    since = msg("{connection} (required since {day})", connection=connection, day=conn.since) if conn.since else connection
    if not sources:
        if conn.required:
            yield about_province(
                ctx,
                msg("the architecture has no system of the kind required ({selectors}), so it cannot meet: {connection}", selectors=_what(conn.source), connection=since),
                key=conn.id,
                hint=msg("add the system ({selectors}) and its connection", selectors=_selector_hint(conn.source)),
            )
        return
    reach = Reach(graph, targets, through=is_exchange_platform if conn.through_platforms else None)
    for el in sources:
        if is_retiring(el) or reach.reaches(el.id):
            continue
        if targets:
            names = ", ".join(f"'{t.id}'" for t in targets[:3])
            hint = msg("relate '{id}' to {targets} (connects_to or flows_to, directly or through the LGSP/NDXP)", id=el.id, targets=names) \
                if conn.through_platforms else msg("relate '{id}' to {targets} (connects_to or flows_to)", id=el.id, targets=names)
        else:
            hint = msg("add the national platform as an external element ({selectors}) and relate '{id}' to it", selectors=_selector_hint(conn.target), id=el.id)
        yield Violation(
            msg("'{id}' is not connected as required: {connection}", id=el.id, connection=since),
            element=el.id,
            hint=hint,
            key=conn.id,
            related=tuple(Related(t.id, (), msg("the national platform")) for t in targets[:1]),
        )


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
    "NATION_2025",
    "SYSTEM_KINDS",
    "V2_PLUS",
    "V3_PLUS",
    "V4_PLUS",
    "Selector",
]
