"""Splitting a view into parts: a view too large to print legibly on one page becomes several
diagrams, each a view of its own, rather than one shrunk below reading size.

A view is split along its own structure: its groups (the overall diagram's bands, a layer's kinds,
the integration view's layers) in their order, a group beside another kept with it; a group too
large alone is cut into pieces ("Văn bản (1/3)"). Each part is titled "… (phần 1/3: …)" with the
groups it shows, keeps the relations among its nodes and counts those it leaves to other parts.

:func:`with_columns` lays the bands of a view out narrower (fewer nodes a row), the other way to
fit a page. Which of these a view needs is decided by whoever knows the page
(:func:`kientruc.renderers.printing.printable`).
"""

from __future__ import annotations

import dataclasses
import math

from ..i18n import text
from .model import View, ViewGroup, ViewNode

MAIN_ROLES = ("band", "cluster", "hidden")


def with_columns(view: View, columns: int) -> View:
    """``view`` with at most ``columns`` nodes a row in each band (bands layout only; side bands kept)."""
    if view.layout != "bands" or columns < 1:
        return view
    groups = tuple(
        dataclasses.replace(g, columns=min(g.columns or 6, columns)) if g.role in ("band", "beside", "cluster") else g
        for g in view.groups
    )
    return dataclasses.replace(view, groups=groups)


def widest(view: View) -> int:
    """The most nodes a row any band of ``view`` holds (0 if not a bands view)."""
    if view.layout != "bands":
        return 0
    sizes = _members(view)
    return max((min(g.columns or 6, len(sizes.get(g.id, []))) for g in view.groups if g.role != "left"
                and g.role != "right"), default=0)


def _members(view: View) -> dict[str, list[ViewNode]]:
    out: dict[str, list[ViewNode]] = {}
    for n in view.nodes:
        out.setdefault(n.group or "", []).append(n)
    return out


Unit = list[tuple[ViewGroup, list[ViewNode]]]


def split_view(view: View, parts: int) -> list[View]:
    """``view`` as ``parts`` views (fewer if it has fewer nodes), each a contiguous run of its groups."""
    members = _members(view)
    groups = [g for g in view.groups if members.get(g.id)]
    if parts < 2 or len(view.nodes) < 2:
        return [view]
    parts = min(parts, len(view.nodes))
    units: list[Unit] = []
    anchor_unit: dict[str, Unit] = {}
    for g in groups:
        if g.role == "beside" and g.beside in anchor_unit:
            anchor_unit[g.beside].append((g, members[g.id]))
            continue
        unit: Unit = [(g, members[g.id])]
        units.append(unit)
        anchor_unit[g.id] = unit
    ungrouped = members.get("", [])
    while len(units) < parts:
        i = max(range(len(units)), key=lambda k: (_size(units[k]), -k))
        big = units[i]
        if len(big) > 1:
            units[i : i + 1] = [[pair] for pair in big]
        elif len(big[0][1]) > 1:
            g, ns = big[0]
            half = math.ceil(len(ns) / 2)
            units[i : i + 1] = [[(g, ns[:half])], [(g, ns[half:])]]
        else:
            break
    chunks = _partition([_size(u) for u in units], parts)
    runs = [[pair for u in units[a:b] for pair in u] for a, b in chunks]
    # a group cut in pieces: each piece labelled "(i/k)"
    pieces: dict[str, int] = {}
    for run in runs:
        for g, _ns in run:
            pieces[g.id] = pieces.get(g.id, 0) + 1
    seen: dict[str, int] = {}
    where: dict[str, int] = {}
    out_runs: list[list[tuple[ViewGroup, list[ViewNode]]]] = []
    for k, run in enumerate(runs):
        out_run = []
        for g, ns in run:
            if pieces[g.id] > 1:
                seen[g.id] = seen.get(g.id, 0) + 1
                label = text("view.part_of", view.lang, group=g.label, i=seen[g.id], n=pieces[g.id])
                g = dataclasses.replace(g, id=f"{g.id}~{seen[g.id]}", label=label)
                ns = [dataclasses.replace(n, group=g.id) for n in ns]
            out_run.append((g, ns))
            where.update((n.id, k) for n in ns)
        out_runs.append(out_run)
    for n in ungrouped:
        where[n.id] = 0
    total = len(out_runs)
    views = []
    for k, run in enumerate(out_runs):
        nodes = [n for _g, ns in run for n in ns] + ([n for n in ungrouped] if k == 0 else [])
        ids = {n.id for n in nodes}
        main = any(g.role in MAIN_ROLES for g, _ns in run)
        present = {g.id for g, _ns in run}
        part_groups = []
        for g, _ns in run:
            role = g.role
            if role in ("left", "right") and not main or role == "beside" and g.beside not in present:
                role = "band"
            part_groups.append(dataclasses.replace(g, role=role))
        edges = tuple(e for e in view.edges if e.source in ids and e.target in ids)
        crossing = sum(1 for e in view.edges if (e.source in ids) != (e.target in ids))
        labels = ", ".join(g.label for g, _ns in run)
        views.append(dataclasses.replace(
            view,
            id=f"{view.id}:{k + 1}",
            title=text("view.part", view.lang, title=view.title, i=k + 1, n=total, groups=labels),
            nodes=tuple(nodes),
            edges=edges,
            groups=tuple(part_groups),
            elements=sum(n.count for n in nodes),
            other_parts=crossing,
            part=(k + 1, total),
            whole=view.id,
        ))
    return views


def renumber(whole: View, parts: list[View]) -> list[View]:
    """``parts`` (of ``whole``, split once or several times over) numbered and titled in order as
    the parts of ``whole``: ids ``<whole id>:1``…, titles "… (phần 1/n: <their groups>)"."""
    if len(parts) < 2:
        return parts
    n = len(parts)
    return [
        dataclasses.replace(
            p,
            id=f"{whole.id}:{k}",
            title=text("view.part", whole.lang, title=whole.title, i=k, n=n,
                       groups=", ".join(g.label for g in p.groups)),
            part=(k, n),
            whole=whole.id,
        )
        for k, p in enumerate(parts, 1)
    ]


def _size(unit: Unit) -> int:
    return sum(len(ns) for _g, ns in unit)


def _partition(sizes: list[int], parts: int) -> list[tuple[int, int]]:
    """``parts`` runs of consecutive items (start, end) whose largest total is as small as it can be."""
    n = len(sizes)
    parts = max(1, min(parts, n))
    prefix = [0]
    for s in sizes:
        prefix.append(prefix[-1] + s)
    # best[k][i]: the smallest largest run splitting the first i items into k runs
    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(parts + 1)]
    cut = [[0] * (n + 1) for _ in range(parts + 1)]
    best[0][0] = 0
    for k in range(1, parts + 1):
        for i in range(k, n + 1):
            for j in range(k - 1, i):
                v = max(best[k - 1][j], prefix[i] - prefix[j])
                if v < best[k][i]:
                    best[k][i], cut[k][i] = v, j
    runs = []
    i = n
    for k in range(parts, 0, -1):
        j = cut[k][i]
        runs.append((j, i))
        i = j
    return runs[::-1]
