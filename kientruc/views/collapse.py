"""Collapsing: a view larger than its ``max_nodes`` is drawn with groups of elements as
single nodes.

The largest group first is drawn as one node per owner (only the largest owners, and
"the others"), then per kind, then as one node, until the view fits; the view records
what was collapsed so the diagram can say so.
"""

from __future__ import annotations

from typing import Callable

from ..graph import ArchGraph
from ..i18n import kind_title, number, text
from ..models import LAYER_OF
from .model import Collapse, ViewEdge, ViewGroup, ViewNode
from .sorting import KIND_ORDER

OWNER_CAP = 24
"""Grouped by owner, a collapsed group shows at most this many owners (the largest; the rest as one)."""

OTHERS = "*"  # the bucket of the smaller owners (no element id can be "*")


def collapse(
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
    """How many of each kind a collapsed node holds ("ứng dụng: 12, cơ sở dữ liệu: 3")."""
    counts: dict[str, int] = {}
    for n in bucket:
        counts[n.kind] = counts.get(n.kind, 0) + 1
    return ", ".join(
        f"{kind_title(k, lang).lower()}: {number(c, lang)}"
        for k, c in sorted(counts.items(), key=lambda kv: KIND_ORDER[kv[0]])
    )


def _aggregate(
    gid: str, group: ViewGroup, by: str, key: str, bucket: list[ViewNode], graph: ArchGraph, lang: str
) -> ViewNode:
    """The node that stands for ``bucket``: the elements of group ``gid`` that share ``key`` (an
    owner, a kind, or none when the whole group is one node)."""
    kinds = sorted({n.kind for n in bucket}, key=KIND_ORDER.__getitem__)
    kind = kinds[0] if len(kinds) == 1 else ""
    layer = LAYER_OF[kinds[0]] if len(kinds) == 1 else (group.layer or LAYER_OF[kinds[0]])
    if by == "owner" and key == OTHERS:
        label = text("view.other_owners", lang)
    elif by == "owner":
        owner = graph.get(key) if key else None
        label = owner.label(lang) if owner is not None else text("view.no_owner", lang)
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
