"""Asking the repository: show an element, find elements, select, dependents, paths.

The Python API behind ``kientruc show``, ``kientruc find`` and ``kientruc query``.
Every function reads an :class:`~kientruc.graph.ArchGraph` (the model as it stood on
one day) and returns plain data (dicts and lists of ids), so that the CLI, the site
and other tools print the same answers::

    from kientruc.loader import load
    from kientruc.graph import build_graph
    from kientruc import query

    graph = build_graph(load("architecture").architecture)
    query.find(graph, "cong dich vu cong")          # diacritics and case do not matter
    query.dependents(graph, "lgsp-quang-tri")        # who breaks if the LGSP stops
    query.path(graph, "cong-dvc-tinh", "ndxp")

Dependency
    "X depends on Y" when X cannot work without Y. It is read from these relations
    (:data:`DEPENDS_ON`): ``X uses Y``, ``X integrates_via Y``, ``X hosted_on Y``,
    ``X accesses Y``, ``X connects_to Y``, ``X composed_of Y`` (a whole needs its
    parts); and the other way round ``Y serves X``, ``Y realizes X`` (a service
    needs what realizes it), ``Y flows_to X`` (a receiver needs its sender).
    Governance, ownership, compliance, history and associations are not dependencies.
"""

from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from collections import deque
from functools import cache
from typing import Any, Iterable

from .graph import ArchGraph
from .i18n import Text, date, field_title, kind_title, layer_title, msg, relation_title, render, value_title
from .models import KIND_CLASSES, LAYER_OF, RELATION_TYPES, Architecture, Element, Relation, relation_table

DEPENDS_ON: dict[str, str] = {
    "uses": "forward",
    "integrates_via": "forward",
    "hosted_on": "forward",
    "accesses": "forward",
    "connects_to": "forward",
    "composed_of": "forward",
    "serves": "backward",
    "realizes": "backward",
    "flows_to": "backward",
}
"""Relation types read as dependencies. ``forward``: the source depends on the target;
``backward``: the target depends on the source."""


class UnknownElement(LookupError):
    """No element has this id; ``suggestions`` are the closest ids."""

    def __init__(self, element_id: str, suggestions: list[str]) -> None:
        self.element_id = element_id
        self.suggestions = suggestions
        self.message: Text = msg("no element '{id}'; did you mean {ids}?", id=element_id,
                                 ids=", ".join(repr(s) for s in suggestions)) if suggestions else \
            msg("no element '{id}'", id=element_id)
        super().__init__(render(self.message, "en"))

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        return render(self.message, lang)


# --------------------------------------------------------------------------- text


def fold(text: str) -> str:
    """Text for matching: NFC, lower case, Vietnamese diacritics stripped (đ → d), spaces collapsed."""
    text = unicodedata.normalize("NFD", text.casefold()).replace("đ", "d").replace("Đ", "d")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(unicodedata.normalize("NFC", text).split())


def _elements(source: ArchGraph | Architecture) -> list[Element]:
    if isinstance(source, ArchGraph):
        return list(source.elements())
    return list(source.index.values())


def suggest(source: ArchGraph | Architecture, element_id: str, n: int = 3) -> list[str]:
    """Ids close to ``element_id`` (for a did-you-mean)."""
    ids = [e.id for e in _elements(source)]
    close = difflib.get_close_matches(element_id, ids, n=n, cutoff=0.6)
    if close:
        return close
    folded = fold(element_id).replace(" ", "-")
    return [i for i in ids if folded and folded in i][:n]


def _require(graph: ArchGraph, element_id: str) -> Element:
    el = graph.get(element_id)
    if el is None:
        raise UnknownElement(element_id, suggest(graph, element_id))
    return el


# --------------------------------------------------------------------------- find / select


def find(source: ArchGraph | Architecture, text: str, limit: int | None = None) -> list[Element]:
    """Elements whose id, name or English name contains ``text``, best matches first.

    Matching ignores case and Vietnamese diacritics ("cong dich vu" finds "Cổng dịch vụ
    công"). Ranking: exact id, then exact name, then names starting with the text, then
    any other match; ties by id.
    """
    needle = fold(text)
    if not needle:
        return []
    scored: list[tuple[int, str, Element]] = []
    for el in _elements(source):
        keys = [fold(el.id), fold(el.id.replace("-", " ")), fold(el.name)]
        if el.name_en:
            keys.append(fold(el.name_en))
        if needle == keys[0]:
            rank = 0
        elif needle in keys[2:]:
            rank = 1
        elif any(k.startswith(needle) for k in keys):
            rank = 2
        elif any(needle in k for k in keys):
            rank = 3
        else:
            continue
        scored.append((rank, el.id, el))
    scored.sort(key=lambda t: (t[0], t[1]))
    out = [el for _, _, el in scored]
    return out[:limit] if limit else out


def select(
    graph: ArchGraph,
    *,
    kind: Iterable[str] | str | None = None,
    layer: Iterable[str] | str | None = None,
    owner: str | None = None,
    status: Iterable[str] | str | None = None,
    tag: Iterable[str] | str | None = None,
) -> list[Element]:
    """Elements matching every criterion given (a list means any of its values), sorted by id.

    ``owner`` matches the ``owner`` field and the ``owns`` relations; ``tag`` matches
    tags ignoring case and diacritics.
    """

    def as_set(value: Iterable[str] | str | None) -> set[str] | None:
        if value is None:
            return None
        vals = {value} if isinstance(value, str) else set(value)
        return vals or None

    kinds, layers, statuses, tags = as_set(kind), as_set(layer), as_set(status), as_set(tag)
    folded_tags = {fold(t) for t in tags} if tags else None
    owned: set[str] | None = None
    if owner is not None:
        owned = {r.target for r in graph.out(owner, "owns")} if owner in graph else set()
    out = []
    for el in graph.elements():
        if kinds and el.kind not in kinds:
            continue
        if layers and LAYER_OF[el.kind] not in layers:
            continue
        if statuses and str(el.status) not in statuses:
            continue
        if folded_tags and not folded_tags.intersection(fold(t) for t in el.tags):
            continue
        if owned is not None and el.owner != owner and el.id not in owned:
            continue
        out.append(el)
    return sorted(out, key=lambda e: e.id)


# --------------------------------------------------------------------------- dependencies and paths


def _dependency_edges(graph: ArchGraph, element_id: str, reverse: bool) -> list[tuple[str, Relation]]:
    """Neighbours of ``element_id`` along dependencies: who depends on it (reverse) or what it needs."""
    out: list[tuple[str, Relation]] = []
    for rel in graph.in_(element_id, *DEPENDS_ON):
        if (DEPENDS_ON[rel.type] == "forward") == reverse:
            out.append((rel.source, rel))
    for rel in graph.out(element_id, *DEPENDS_ON):
        if (DEPENDS_ON[rel.type] == "backward") == reverse:
            out.append((rel.target, rel))
    return out


def dependents(graph: ArchGraph, element_id: str, *, max_depth: int | None = None) -> list[dict[str, Any]]:
    """What depends on ``element_id``, transitively (see :data:`DEPENDS_ON`).

    Returns one dict per element, nearest first: ``{"id", "kind", "name", "depth",
    "via": {"relation", "source", "target"}}`` where ``via`` is the relation that
    brought it in (from an element one step closer).
    """
    return _walk(graph, element_id, reverse=True, max_depth=max_depth)


def dependencies(graph: ArchGraph, element_id: str, *, max_depth: int | None = None) -> list[dict[str, Any]]:
    """What ``element_id`` depends on, transitively (the other direction of :func:`dependents`)."""
    return _walk(graph, element_id, reverse=False, max_depth=max_depth)


def _walk(graph: ArchGraph, element_id: str, *, reverse: bool, max_depth: int | None) -> list[dict[str, Any]]:
    _require(graph, element_id)
    seen = {element_id}
    queue: deque[tuple[str, int]] = deque([(element_id, 0)])
    out: list[dict[str, Any]] = []
    while queue:
        current, depth = queue.popleft()
        if max_depth is not None and depth >= max_depth:
            continue
        for other, rel in sorted(_dependency_edges(graph, current, reverse), key=lambda t: (t[0], t[1].type)):
            if other in seen:
                continue
            seen.add(other)
            el = graph.element(other)
            out.append(
                {
                    "id": other,
                    "kind": el.kind,
                    "name": el.name,
                    "depth": depth + 1,
                    "via": {"relation": rel.type, "source": rel.source, "target": rel.target},
                }
            )
            queue.append((other, depth + 1))
    return out


def path(
    graph: ArchGraph, source: str, target: str, *, types: Iterable[str] = (), directed: bool = True
) -> list[dict[str, Any]] | None:
    """The shortest chain of relations from ``source`` to ``target``, or None.

    Each step is ``{"from", "relation", "to", "forward"}``; ``forward`` is False when
    the relation was followed against its direction (only when ``directed`` is False).
    """
    import networkx as nx

    _require(graph, source)
    _require(graph, target)
    types = tuple(types)
    wanted = set(types)
    g = graph.g if directed else graph.g.to_undirected(as_view=True)
    if wanted:
        g = nx.subgraph_view(g, filter_edge=lambda u, v, k: k in wanted)
    try:
        nodes = nx.shortest_path(g, source, target)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None
    steps = []
    for a, b in zip(nodes, nodes[1:]):
        rels = [r for r in graph.out(a, *types) if r.target == b]
        if rels:
            rel, forward = sorted(rels, key=lambda r: r.type)[0], True
        else:
            rel, forward = sorted((r for r in graph.out(b, *types) if r.target == a), key=lambda r: r.type)[0], False
        steps.append({"from": a, "relation": rel.type, "to": b, "forward": forward})
    return steps


# --------------------------------------------------------------------------- show


def relation_data(rel: Relation) -> dict[str, Any]:
    """A relation as plain JSON-able data: source, type, target and its attributes."""
    d: dict[str, Any] = {"source": rel.source, "type": rel.type, "target": rel.target}
    if rel.path and rel.path[0] not in RELATION_TYPES:
        d["implied_by"] = rel.path[0]  # owner; a consolidation's keep, migrate, retire or decided_by
    if rel.spec is not None:
        d.update(rel.spec.model_dump(mode="json", exclude_defaults=True, exclude={"target"}))
    return d


def attributes(el: Element) -> dict[str, Any]:
    """The element's fields as JSON data, relation fields left out, defaults left out (kind and id kept)."""
    data = el.model_dump(mode="json", exclude_defaults=True, exclude=set(RELATION_TYPES))
    return {"id": el.id, "kind": el.kind, **{k: v for k, v in data.items() if k not in ("id", "kind")}}


def history(arch: Architecture, element_id: str) -> dict[str, Any]:
    """Predecessors and successors of an element through ``supersedes`` / ``successors``, on every day.

    ``A supersedes B`` and ``B successors [A]`` both say that A took over from B.
    """
    before: set[str] = set()
    after: set[str] = set()
    for rel in arch.relations:
        if rel.type == "supersedes":
            if rel.source == element_id:
                before.add(rel.target)
            elif rel.target == element_id:
                after.add(rel.source)
        elif rel.type == "successors":
            if rel.source == element_id:
                after.add(rel.target)
            elif rel.target == element_id:
                before.add(rel.source)
    el = arch.index.get(element_id)

    def entry(i: str) -> dict[str, Any]:
        other = arch.index.get(i)
        if other is None:
            return {"id": i}
        return {"id": i, "name": other.name, "valid_from": _iso(other.valid_from), "valid_to": _iso(other.valid_to)}

    return {
        "status": str(el.status) if el else None,
        "valid_from": _iso(el.valid_from) if el else None,
        "valid_to": _iso(el.valid_to) if el else None,
        "planned_from": _iso(el.planned_from) if el else None,
        "predecessors": [entry(i) for i in sorted(before)],
        "successors": [entry(i) for i in sorted(after)],
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def show(
    graph: ArchGraph,
    element_id: str,
    *,
    findings: Iterable[Any] = (),
    sources: Any = None,
) -> dict[str, Any]:
    """Everything about one element: attributes, relations both ways, findings, sources, history.

    ``findings`` are :class:`~kientruc.findings.Finding` objects (those about other
    elements are ignored); ``sources`` is the loader's :class:`SourceMap` (for file:line).
    An element not in force on the graph's day is still shown, from the architecture,
    with ``in_force: false`` and no relations.
    """
    arch = graph.architecture
    el = graph.get(element_id)
    in_force = el is not None
    if el is None:
        el = arch.index.get(element_id)
        if el is None:
            raise UnknownElement(element_id, suggest(arch, element_id))

    def rel_out(rel: Relation) -> dict[str, Any]:
        other = graph.get(rel.target)
        d = relation_data(rel)
        d["title"] = relation_title(rel.type, "en")
        d["other_name"] = other.name if other else None
        d["other_kind"] = other.kind if other else None
        return d

    def rel_in(rel: Relation) -> dict[str, Any]:
        other = graph.get(rel.source)
        d = relation_data(rel)
        d["title"] = relation_title(rel.type, "en")
        d["other_name"] = other.name if other else None
        d["other_kind"] = other.kind if other else None
        return d

    key = lambda d: (d["type"], d["source"], d["target"])  # noqa: E731
    outgoing = sorted((rel_out(r) for r in graph.out(element_id)), key=key) if in_force else []
    incoming = sorted((rel_in(r) for r in graph.in_(element_id)), key=key) if in_force else []
    location = sources.element(element_id) if sources is not None else None
    mine = [f for f in findings if getattr(f, "element", None) == element_id]
    return {
        "id": el.id,
        "kind": el.kind,
        "layer": LAYER_OF[el.kind],
        "name": el.name,
        "name_en": el.name_en,
        "as_of": _iso(graph.as_of),
        "in_force": in_force,
        "attributes": attributes(el),
        "outgoing": outgoing,
        "incoming": incoming,
        "findings": [f.to_dict() if hasattr(f, "to_dict") else f for f in mine],
        "defined_at": str(location) if location else None,
        "sources": [s if isinstance(s, str) else s.model_dump(mode="json", exclude_none=True) for s in el.sources],
        "history": history(arch, element_id),
    }


@cache
def field_enums() -> dict[str, str]:
    """Each field of an element kind whose values are enumerated, with its enumeration's name (snake case,
    as the catalogue's ``model.values.<enumeration>`` keys): ``org_type`` → ``"org_type"``."""
    import enum
    import typing

    def types(annotation: Any) -> Iterable[Any]:
        yield annotation
        for arg in typing.get_args(annotation):
            yield from types(arg)

    out: dict[str, str] = {}
    for cls in KIND_CLASSES.values():
        for name, info in cls.model_fields.items():
            for t in types(info.annotation):
                if isinstance(t, type) and issubclass(t, enum.Enum):
                    out[name] = "".join("_" + c.lower() if c.isupper() and i else c.lower()
                                        for i, c in enumerate(t.__name__))
    return out


def _value(value: Any, lang: str, field: str | None = None) -> str:
    """An attribute's value as a reader sees it: a day in the language's form, an enumerated value or a yes/no
    by its title, text as written."""
    enum = field_enums().get(field or "")
    if enum is not None or isinstance(value, bool):
        return value_title(value, lang, enum)
    if isinstance(value, list):  # a list as a reader writes one, not as Python does
        return "; ".join(_value(v, lang) for v in value)
    if isinstance(value, str):
        try:
            return date(dt.date.fromisoformat(value), lang)
        except ValueError:
            return value
    return str(value)


def show_text(data: dict[str, Any], lang: str = "vi") -> str:
    """:func:`show` data as text for a terminal, in ``lang`` (fields, kinds, layers and relations by their
    titles, the key beside them where a reader may want to write it)."""
    def say(m: Any) -> str:
        return render(m, lang)

    lines = [say(msg("{id} ({kind}, layer {layer})", id=data["id"], kind=kind_title(data["kind"], lang),
                     layer=layer_title(data["layer"], lang))),
             "  " + say(msg("name: {name}", name=data["name"]))]
    if data["name_en"]:
        lines.append("  " + say(msg("English name: {name}", name=data["name_en"])))
    if data["defined_at"]:
        lines.append("  " + say(msg("defined at {place}", place=data["defined_at"])))
    if not data["in_force"]:
        lines.append("  " + say(msg("not in force on {day}", day=date(dt.date.fromisoformat(data["as_of"]), lang)
                                    if data["as_of"] else "")))
    skip = {"id", "kind", "name", "name_en", "sources"}
    attrs = {k: v for k, v in data["attributes"].items() if k not in skip}
    if attrs:
        lines.append(say(msg("attributes:")))
        lines.extend(f"  {field_title(k, lang)} ({k}): {_value(v, lang, k)}" for k, v in attrs.items())  # the key: to write
    if data["outgoing"]:
        lines.append(say(msg("relations out:")))
        lines.extend(f"  {relation_title(r['type'], lang)} ({r['type']}) -> {r['target']}"
                     + (f"  ({r['other_name']})" if r["other_name"] else "") for r in data["outgoing"])
    if data["incoming"]:
        lines.append(say(msg("relations in:")))
        lines.extend(f"  {r['source']} {relation_title(r['type'], lang)} ({r['type']}) ->"
                     + (f"  ({r['other_name']})" if r["other_name"] else "") for r in data["incoming"])
    h = data["history"]
    if h["predecessors"] or h["successors"] or h["valid_from"] or h["valid_to"]:
        lines.append(say(msg("history:")))
        if h["valid_from"] or h["valid_to"]:
            lines.append("  " + say(msg("in force from {start} to {end}", start=_value(h["valid_from"], lang) if h["valid_from"] else "…",
                                        end=_value(h["valid_to"], lang) if h["valid_to"] else "…")))
        lines.extend("  " + say(msg("after {id}", id=p["id"])) for p in h["predecessors"])
        lines.extend("  " + say(msg("followed by {id}", id=x["id"])) for x in h["successors"])
    if data["sources"]:
        lines.append(say(msg("sources:")))
        lines.extend(f"  {x if isinstance(x, str) else x.get('title')}" for x in data["sources"])
    if data["findings"]:
        lines.append(say(msg("findings:")))
        severity = {"error": msg("error"), "warning": msg("warning"), "info": msg("info")}
        lines.extend(f"  {say(severity.get(f['severity'], f['severity']))} {f['code']} [{f['name']}] {f['message']}"
                     for f in data["findings"])
    return "\n".join(lines) + "\n"


def path_text(steps: list[dict[str, Any]] | None, start: str, end: str, *, directed: bool = True,
              lang: str = "vi") -> str:
    """:func:`path` as text, in ``lang``: one relation a line, arrows along or against the relations' direction."""
    if steps is None:
        return render(msg("no path between {start} and {end}", start=start, end=end), lang) + "\n"
    lines = [] if directed else [render(msg("(no path along the relations' direction; this one goes against some)"), lang)]
    for st in steps:
        title = relation_title(st["relation"], lang)
        arrow = f"--{title}-->" if st["forward"] else f"<--{title}--"
        lines.append(f"{st['from']} {arrow} {st['to']}")
    return "".join(line + "\n" for line in lines)


def dependents_text(rows: list[dict[str, Any]], lang: str = "vi") -> str:
    """:func:`dependents` as text, in ``lang``: indented by depth, each with the relation it depends through."""
    return "".join(
        f"{'  ' * (r['depth'] - 1)}{r['id']}  ({r['via']['source']} {relation_title(r['via']['relation'], lang)} "
        f"{r['via']['target']})\n"
        for r in rows
    )


def element_rows(elements: list[Element]) -> list[dict[str, Any]]:
    """Elements as the rows ``kientruc query --format json`` prints."""
    return [{"id": e.id, "kind": e.kind, "layer": LAYER_OF[e.kind], "name": e.name, "name_en": e.name_en,
             "owner": e.owner, "status": str(e.status), "tags": list(e.tags)} for e in elements]


def elements_text(elements: list[Element], lang: str = "vi") -> str:
    """Elements one a line: id, kind (by its title in ``lang``) and name."""
    return "".join(f"{e.id:<40} {kind_title(e.kind, lang):<28} {e.name}\n" for e in elements)
