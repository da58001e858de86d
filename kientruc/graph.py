"""The architecture as a graph: one node per element, one edge per relation.

:class:`ArchGraph` wraps a :class:`networkx.MultiDiGraph` (node key = element id,
edge key = relation type) and offers the typed queries that rules and renderers
share. Built for a day (``as_of``), it holds only the elements and relations in
force that day, so every later stage answers for that day.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections import defaultdict
from typing import TYPE_CHECKING, Iterable, Iterator


from ._gc import FREEZE_FROM, paused
from .models import LAYER_OF, LAYERS, RELATION_TYPES, Architecture, Element, Relation


if TYPE_CHECKING:
    import networkx as nx

# networkx is imported where a networkx graph is built (``g``, ``subgraph``, ``path``), not at
# the top: it costs 0.2 s at every start, and checking a model never needs it.


class ArchGraph:
    """A typed view of an architecture's graph."""

    def __init__(self, architecture: Architecture, as_of: dt.date | None = None) -> None:
        self.architecture = architecture
        self.as_of = as_of
        self._g: nx.MultiDiGraph | None = None
        # Indexes the rules query hundreds of thousands of times: the networkx graph holds the
        # same nodes and edges, but walking its edge views costs ~10x a list of relations.
        self._elements: dict[str, Element] = {}
        self._pos: dict[str, int] = {}  # element id -> its place in model order
        self._by_kind: dict[str, list[Element]] = defaultdict(list)
        # relations by type, then by element: a data centre hosts thousands of systems, and a
        # rule asking for the networks it connects to must not walk them all
        self._out: dict[str, dict[str, list[Relation]]] = {t: {} for t in RELATION_TYPES}
        self._in: dict[str, dict[str, list[Relation]]] = {t: {} for t in RELATION_TYPES}
        self.dangling: list[Relation] = []  # relations of elements in force whose other end is not
        self._related: set[str] | None = None
        self._first: dict[str, int] | None = None  # each id's first place in ``architecture.elements``, once known
        # relations between elements in force, but not in force themselves on the day, by each end (for ``update``)
        self._asleep: dict[str, list[Relation]] = {}
        elements = self._elements
        for el in architecture.elements:
            if el.id in elements or not el.in_force(as_of):
                continue  # duplicates: the first one wins (rule STR002 reports the others)
            if el.status_from and as_of is not None:
                status = el.status_on(as_of)
                if status is not el.status:
                    el = el.model_copy(update={"status": status})  # the status it has on the day
            elements[el.id] = el
            self._pos[el.id] = len(self._pos)
            self._by_kind[el.kind].append(el)
        out_index, in_index = self._out, self._in
        for rel in architecture.relations:
            if rel.written_by not in elements:
                continue  # written by an element not in force on the day
            source, target = rel.source, rel.target
            if source not in elements or target not in elements:
                self.dangling.append(rel)  # an end unknown, or not in force on the day
                continue
            if as_of is not None and rel.spec is not None and not _rel_in_force(rel, as_of):
                _sleep(self._asleep, rel)
                continue
            out_index[rel.type].setdefault(source, []).append(rel)
            in_index[rel.type].setdefault(target, []).append(rel)

    # ------------------------------------------------------------------ changing in place

    def update(self, architecture: Architecture, changed: set[str], first_index: dict[str, int] | None = None,
               first_before: dict[str, int] | None = None) -> bool:
        """Bring the graph to ``architecture`` in place, on the same day: ``changed`` holds the id of every element
        added, removed or modified (its fields, or the relations it writes) since the architecture the graph holds;
        ``first_index``: each id's first place in ``architecture.elements`` (the loader's ``SourceMap.first_index``);
        ``first_before``: the same for the architecture the graph holds, if known.

        The indexes end as :meth:`__init__` builds them from ``architecture`` (the same elements and relations, in
        the same orders: ``tests/test_graph_update.py`` compares them after random edits), at the cost of the
        changed elements and the relations they write or that name them, plus one pass over the ids (the model
        order). False, with the graph unchanged, where an id is written twice before or after (rule STR002): build
        a new graph then. Whoever keeps something computed from the graph forgets it
        (``validators.rules._common.forget``)."""
        old = self.architecture
        if changed and (not _written_kept(old) or not _written_kept(architecture)):
            return False  # the relations in the indexes are known by identity: only the loader's lists have them
        if first_index is None:
            first_index = _first_index(architecture)
        was = self._first or first_before or _first_index(old)  # each id's first place before
        if changed and (len(was) != len(old.elements) or len(first_index) != len(architecture.elements)):
            # An id written twice: the graph holds the first of its elements in force on the day, which may be
            # any of them, in its place; which one it was is not worth following (rule STR002 reports them).
            return False
        as_of, before = self.as_of, self._elements
        fresh: dict[str, Element] = {}
        for c in changed:
            i = first_index.get(c)
            el = architecture.elements[i] if i is not None else None
            if el is None or not el.in_force(as_of):
                continue
            if el.status_from and as_of is not None:
                status = el.status_on(as_of)
                if status is not el.status:
                    el = el.model_copy(update={"status": status})
            fresh[c] = el
        if len(was) == len(first_index) and all(c in before and c in fresh and was[c] == first_index[c] for c in changed):
            # only elements changed in their places: the same ids in the same order
            pos = self._pos
            for c in changed:
                gone, now = before[c], fresh[c]
                before[c] = now
                at = bisect.bisect_left(self._by_kind[gone.kind], pos[c], key=lambda e: pos[e.id])
                if gone.kind == now.kind:
                    self._by_kind[gone.kind][at] = now
                else:
                    del self._by_kind[gone.kind][at]
                    kind = self._by_kind[now.kind]
                    kind.insert(bisect.bisect_left(kind, pos[c], key=lambda e: pos[e.id]), now)
        else:
            # the elements, in model order (each id written once: see above), those in force on the day
            held = {**before, **fresh}
            for c in changed:
                if c not in fresh:
                    held.pop(c, None)
            elements = {i: held[i] for i in first_index if i in held}
            # the lists by kind: the unchanged elements keep their order (a file whose elements came in another
            # order has all its ids changed); the changed ones leave them, in their places before, then come back
            # in their places now
            by_kind, pos = self._by_kind, self._pos
            for c in changed:
                gone = before.get(c)
                if gone is not None:
                    kind = by_kind[gone.kind]
                    del kind[bisect.bisect_left(kind, pos[c], key=lambda e: pos[e.id])]
            self._pos = pos = {i: n for n, i in enumerate(elements)}
            for c in changed:
                now = elements.get(c)
                if now is not None:
                    kind = by_kind[now.kind]
                    kind.insert(bisect.bisect_left(kind, pos[c], key=lambda e: pos[e.id]), now)
            for k in [k for k, v in by_kind.items() if not v]:
                del by_kind[k]
            self._elements = elements
        elements = self._elements
        related, self._related, self._g = self._related, None, None
        self.architecture, self._first = architecture, first_index
        if not changed:
            self._related = related
            return True

        def written_by(arch: Architecture, index: dict[str, int], element_id: str) -> list[Relation]:
            i = index.get(element_id)
            return arch.written[i] if i is not None else []  # type: ignore[index]

        out_index, in_index = self._out, self._in
        indexes = {"out": out_index, "in": in_index}
        # (side, type, key) of every list changed -> for ``out``, its first relation before (None: no list)
        touched: dict[tuple[str, str, str], Relation | None] = {}

        def touch(side: str, rtype: str, key: str) -> list[Relation] | None:
            rels = indexes[side][rtype].get(key)
            if (side, rtype, key) not in touched:
                touched[(side, rtype, key)] = rels[0] if rels else None
            return rels

        def drop(side: str, rel: Relation, key: str) -> None:
            rels = touch(side, rel.type, key)
            if rels is not None:
                kept = [r for r in rels if r is not rel]
                if kept:
                    indexes[side][rel.type][key] = kept
                else:
                    del indexes[side][rel.type][key]

        dangling = [r for r in self.dangling if r.written_by not in changed]
        listed = {id(r) for r in dangling}
        resort = False  # something was added to ``dangling``: in model order again
        asleep = self._asleep
        # what the changed elements wrote before: out of the indexes
        for c in changed:
            for rel in written_by(old, was, c):
                drop("out", rel, rel.source)
                drop("in", rel, rel.target)
                _wake(asleep, rel)
        # what others wrote naming an element that went: from the indexes to ``dangling``
        for c in changed:
            if c not in before or c in elements:
                continue
            for side in ("out", "in"):
                for rtype, by in indexes[side].items():
                    rels = by.get(c)
                    if not rels:
                        continue
                    for rel in list(rels):
                        drop("out", rel, rel.source)
                        drop("in", rel, rel.target)
                        if rel.written_by not in changed and id(rel) not in listed:
                            listed.add(id(rel))
                            dangling.append(rel)
                            resort = True
            for rel in list(asleep.get(c, ())):  # not in force on the day, but an end unknown comes first
                _wake(asleep, rel)
                if rel.written_by not in changed and id(rel) not in listed:
                    listed.add(id(rel))
                    dangling.append(rel)
                    resort = True
        # what others wrote naming an element that came, and what the changed elements write now: in
        came = {c for c in changed if c in elements and c not in before}
        adding: list[Relation] = []
        if came:
            still: list[Relation] = []
            for rel in dangling:
                if rel.source in came or rel.target in came:
                    adding.append(rel)
                else:
                    still.append(rel)
            dangling = still
        for c in changed:
            if c in elements:
                adding.extend(written_by(architecture, first_index, c))
        for rel in adding:
            if rel.written_by not in elements:
                continue
            if rel.source not in elements or rel.target not in elements:
                dangling.append(rel)
                resort = True
                continue
            if as_of is not None and rel.spec is not None and not _rel_in_force(rel, as_of):
                _sleep(asleep, rel)
                continue
            touch("out", rel.type, rel.source)
            touch("in", rel.type, rel.target)
            out_index[rel.type].setdefault(rel.source, []).append(rel)
            in_index[rel.type].setdefault(rel.target, []).append(rel)
        places: dict[str, dict[int, int]] = {}  # writer -> its relations' places in what it writes

        def key_of(rel: Relation) -> tuple[int, int]:
            w = rel.written_by
            place = places.get(w)
            if place is None:
                place = places[w] = {id(r): n for n, r in enumerate(written_by(architecture, first_index, w))}
            return (first_index[w], place[id(rel)])

        moved: dict[str, list[str]] = {}  # type -> keys of ``_out`` that may no longer be in their places
        for (side, rtype, key), first in touched.items():
            rels = indexes[side][rtype].get(key)
            if not rels:
                continue
            rels.sort(key=key_of)
            if side == "out" and rels[0] is not first:
                moved.setdefault(rtype, []).append(key)
        for rtype, keys in moved.items():
            # the keys of ``_out`` in the order their first relations come in the model: the keys whose first relation
            # changed (or that came back, at the end) go to their places among the others, which kept their order
            by = out_index[rtype]
            order = list(by)
            if len(keys) > 64:
                out_index[rtype] = dict(sorted(by.items(), key=lambda kv: key_of(kv[1][0])))
                continue
            place = set(keys)
            rest = [k for k in order if k not in place]
            for k in sorted(keys, key=lambda k: key_of(by[k][0])):
                at = key_of(by[k][0])
                lo, hi = 0, len(rest)
                while lo < hi:
                    mid = (lo + hi) // 2
                    if key_of(by[rest[mid]][0]) < at:
                        lo = mid + 1
                    else:
                        hi = mid
                rest.insert(lo, k)
            if rest != order:
                out_index[rtype] = {k: by[k] for k in rest}
        if resort:
            dangling.sort(key=key_of)
        self.dangling = dangling
        if related is not None:  # the ids with a relation, again where a relation came or went
            outs, ins = list(out_index.values()), list(in_index.values())
            for k in {key for _, _, key in touched} | changed:
                if any(k in by for by in outs) or any(k in by for by in ins):
                    related.add(k)
                else:
                    related.discard(k)
            self._related = related
        return True

    @property
    def g(self) -> nx.MultiDiGraph:
        """The graph as a networkx ``MultiDiGraph`` (node key = element id, edge key = relation
        type; node data ``element``, edge data ``relation``), for networkx's algorithms.

        Built on first use from the indexes the rules query: ``kientruc check`` never needs
        it, and at 100,000 elements building it costs seconds.
        """
        if self._g is None:
            import networkx as nx

            with paused() as pause:
                g = nx.MultiDiGraph()
                g.add_nodes_from((i, {"element": e}) for i, e in self._elements.items())
                g.add_edges_from((r.source, r.target, r.type, {"relation": r}) for r in self.relations())
                pause.large = len(self._elements) >= FREEZE_FROM
                self._g = g
        return self._g

    # ------------------------------------------------------------------ elements

    def __contains__(self, element_id: str) -> bool:
        return element_id in self._elements

    def __len__(self) -> int:
        return len(self._elements)

    def element(self, element_id: str) -> Element:
        return self._elements[element_id]

    def get(self, element_id: str) -> Element | None:
        return self._elements.get(element_id)

    def elements(self) -> Iterator[Element]:
        return iter(self._elements.values())

    @property
    def positions(self) -> dict[str, int]:
        """Each element's place in model order (the order of :meth:`elements`); read only."""
        return self._pos

    def of_kind(self, *kinds: str) -> list[Element]:
        """Elements of the given kinds, in model order."""
        if len(kinds) == 1:
            return list(self._by_kind.get(kinds[0], ()))
        pos = self._pos
        return list(heapq.merge(*(self._by_kind.get(k, ()) for k in dict.fromkeys(kinds)), key=lambda e: pos[e.id]))

    def layer(self, *layers: str) -> list[Element]:
        """Elements of the given layers."""
        kinds = [k for k, layer in LAYER_OF.items() if layer in layers]
        return self.of_kind(*kinds)

    # ------------------------------------------------------------------ relations

    def relations(self, *types: str) -> Iterator[Relation]:
        """Every relation (of the given types), by type, then in model order."""
        for rtype in types or RELATION_TYPES:
            for rels in self._out.get(rtype, {}).values():
                yield from rels

    def out(self, element_id: str, *types: str) -> list[Relation]:
        """Relations leaving ``element_id`` (of the given types), by type, then in model order."""
        return _select(self._out, element_id, types)

    def in_(self, element_id: str, *types: str) -> list[Relation]:
        """Relations arriving at ``element_id`` (of the given types), by type, then in model order."""
        return _select(self._in, element_id, types)

    def targets(self, element_id: str, *types: str) -> list[Element]:
        elements = self._elements
        return [elements[r.target] for r in self.out(element_id, *types)]

    def sources_of(self, element_id: str, *types: str) -> list[Element]:
        elements = self._elements
        return [elements[r.source] for r in self.in_(element_id, *types)]

    def neighbours(self, element_id: str) -> list[Element]:
        """Elements joined to ``element_id`` by any relation, either way, each once."""
        ids = dict.fromkeys([r.target for r in self.out(element_id)] + [r.source for r in self.in_(element_id)])
        ids.pop(element_id, None)
        return [self._elements[i] for i in ids]

    def neighbour_ids(self, element_id: str) -> set[str]:
        """Ids of the elements joined to ``element_id`` by any relation on the day, either way (itself included
        if it has a relation to itself)."""
        out: set[str] = set()
        for by in self._out.values():
            for r in by.get(element_id, ()):
                out.add(r.target)
        for by in self._in.values():
            for r in by.get(element_id, ()):
                out.add(r.source)
        return out

    def degree(self, element_id: str) -> int:
        """Relations leaving or arriving at ``element_id`` (a relation to itself counts twice)."""
        return sum(len(by.get(element_id, ())) for index in (self._out, self._in) for by in index.values())

    def related_ids(self) -> set[str]:
        """Ids of the elements that have at least one relation on the day (either end)."""
        if self._related is None:
            self._related = set().union(*self._out.values(), *self._in.values())
        return self._related

    def owner(self, element_id: str) -> Element | None:
        rels = self.in_(element_id, "owns")
        return self._elements[rels[0].source] if rels else None

    def counts(self) -> dict[str, dict[str, int]]:
        """Number of elements per layer and kind: ``{layer: {kind: n}}``, layers in framework order."""
        out: dict[str, dict[str, int]] = {layer: {} for layer in LAYERS}
        for kind, els in self._by_kind.items():
            out[LAYER_OF[kind]][kind] = len(els)
        return {layer: dict(sorted(kinds.items())) for layer, kinds in out.items()}

    def relation_counts(self) -> dict[str, int]:
        """Number of relations per type."""
        out: dict[str, int] = {}
        for r in self.relations():
            out[r.type] = out.get(r.type, 0) + 1
        return dict(sorted(out.items()))

    def subgraph(self, *types: str) -> nx.DiGraph:
        """A plain DiGraph of the relations of the given types (a copy: fast to traverse)."""
        import networkx as nx

        d = nx.DiGraph()
        d.add_edges_from((r.source, r.target) for r in self.relations(*types))
        return d

    def path(self, source: str, target: str, types: Iterable[str] = ()) -> list[str] | None:
        """The shortest path of relations from ``source`` to ``target`` (ids), or None."""
        import networkx as nx

        types = tuple(types)
        graph = self.subgraph(*types) if types else self.g
        try:
            return nx.shortest_path(graph, source, target)
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return None


class ScopedGraph(ArchGraph):
    """An :class:`ArchGraph` whose iterations (``elements``, ``of_kind``, ``layer``, ``relations``) see only
    some elements (and the relations leaving them), while every lookup (``get``, ``out``, ``in_``, ``owner``…)
    sees the whole graph: what a rule of scope ``element`` runs on after an edit (see
    :data:`kientruc.validators.registry.SCOPES`). It shares the indexes of the graph it restricts."""

    def __init__(self, base: ArchGraph, ids: Iterable[str]) -> None:  # noqa: D107 - no ArchGraph.__init__: shared
        self.__dict__.update(base.__dict__)
        self.base = base
        pos = base._pos
        self._scope = sorted({i for i in ids if i in base._elements}, key=pos.__getitem__)
        self._scoped = [base._elements[i] for i in self._scope]

    def elements(self) -> Iterator[Element]:
        return iter(self._scoped)

    def of_kind(self, *kinds: str) -> list[Element]:
        wanted = set(kinds)
        return [e for e in self._scoped if e.kind in wanted]

    def relations(self, *types: str) -> Iterator[Relation]:
        for rtype in types or RELATION_TYPES:
            by = self._out.get(rtype)
            if by:
                for i in self._scope:
                    yield from by.get(i, ())


def within(graphs: Iterable[ArchGraph], start: Iterable[str], radius: int, limit: int) -> set[str] | None:
    """The ids ``start`` and those at most ``radius`` relations from one of them in any of ``graphs`` (the graph
    before an edit and the graph after it), or None once they are more than ``limit``."""
    seen = set(start)
    frontier = set(seen)
    graphs = list(graphs)
    for _ in range(radius):
        found: set[str] = set()
        for g in graphs:
            for i in frontier:
                if i in g:
                    found |= g.neighbour_ids(i)
        frontier = found - seen
        seen |= frontier
        if len(seen) > limit:
            return None
        if not frontier:
            break
    return seen if len(seen) <= limit else None


def _select(index: dict[str, dict[str, list[Relation]]], element_id: str, types: tuple[str, ...]) -> list[Relation]:
    if len(types) == 1:
        by_element = index.get(types[0])
        return list(by_element.get(element_id, ())) if by_element else []
    out: list[Relation] = []
    for rtype in types or RELATION_TYPES:
        by_element = index.get(rtype)
        if by_element:
            found = by_element.get(element_id)
            if found:
                out.extend(found)
    return out


def _sleep(asleep: dict[str, list[Relation]], rel: Relation) -> None:
    asleep.setdefault(rel.source, []).append(rel)
    if rel.target != rel.source:
        asleep.setdefault(rel.target, []).append(rel)


def _wake(asleep: dict[str, list[Relation]], rel: Relation) -> None:
    for end in {rel.source, rel.target}:
        rels = asleep.get(end)
        if rels:
            kept = [r for r in rels if r is not rel]
            if kept:
                asleep[end] = kept
            else:
                del asleep[end]


def _first_index(arch: Architecture) -> dict[str, int]:
    first: dict[str, int] = {}
    for n, el in enumerate(arch.elements):
        first.setdefault(el.id, n)
    return first


def _written_kept(arch: Architecture) -> bool:
    """Whether ``arch`` keeps the relations each element writes (the loader's), those its graph indexes."""
    return arch.written is not None and len(arch.written) == len(arch.elements)


def _rel_in_force(rel: Relation, day: dt.date) -> bool:
    spec = rel.spec
    if spec is None:
        return True
    if spec.valid_from is not None and day < spec.valid_from:
        return False
    if spec.valid_to is not None and day > spec.valid_to:
        return False
    return True


def build_graph(architecture: Architecture, as_of: dt.date | None = None) -> ArchGraph:
    """Build the graph of ``architecture`` as it stood on ``as_of`` (None: everything)."""
    with paused() as pause:  # hundreds of thousands of small objects, none of them garbage
        graph = ArchGraph(architecture, as_of)
        pause.large = len(graph) >= FREEZE_FROM
        return graph
