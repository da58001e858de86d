"""The roadmap (view ``roadmap``): projects, work packages and plateaus by the year they start."""

from __future__ import annotations

import datetime as dt

from ...graph import ArchGraph
from ...i18n import number, text
from ...models import Element
from ..model import ViewGroup
from ..sorting import sorted_elements
from ..spec import Spec


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


def build(graph: ArchGraph, lang: str) -> Spec:
    """The roadmap: a band per starting year (the parent's year for an undated part), each item
    with its period and what it builds."""
    items = sorted_elements(graph.of_kind("project", "work_package", "plateau"))
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
    groups.append(ViewGroup("year:none", text("view.undated", lang), "roadmap", "band", columns=6))
    spec = Spec(
        id="roadmap",
        title=text("view.title.roadmap", lang),
        description=text("view.description.roadmap", lang),
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
        targets = sorted_elements(graph.targets(el.id, "implements"))
        if len(targets) <= 3:
            detail.extend(f"{text('view.builds', lang)}: {t.label(lang)}" for t in targets)
        else:
            detail.append(f"{text('view.builds', lang)}: {text('view.more_targets', lang, n=number(len(targets), lang))}")
        spec.details[el.id] = tuple(detail)
    spec.relations_among(graph, lang, ("composed_of", "triggers", "successors", "supersedes", "realizes", "associated_with"))
    return spec
