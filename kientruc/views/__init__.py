"""Views: what a diagram shows, computed from the graph of one day.

A view is plain data (:mod:`.model`: nodes, edges, groups, title, the day, what was
collapsed), with every label already in the reader's language. It holds no drawing
instruction: :mod:`kientruc.renderers.diagrams` turns it into DOT. Views are computed
from the graph only, so each can be tested on its own.

Views kientruc computes itself (:mod:`.builtin`, a module each; ``view_ids`` lists them
for a model):

``overview``
    The overall diagram ("Sơ đồ tổng thể") as the national framework draws it.
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

and the views declared in the manifest (:mod:`.declared`, ``views:`` in ``architecture.yaml``).

Each is built as a :class:`~.spec.Spec`, then finished into a :class:`View`; a view larger
than ``max_nodes`` is collapsed (:mod:`.collapse`) and records what was collapsed so the
diagram can say so.
"""

from __future__ import annotations

import difflib
from typing import Iterable

from ..graph import ArchGraph, build_graph
from ..i18n import Text, kind_title, layer_title, msg, number, text  # the first three also for the site renderer
from ..models import LAYERS
from . import builtin, declared
from .model import DEFAULT_MAX_NODES, Collapse, UnknownView, View, ViewEdge, ViewGroup, ViewInfo, ViewNode


def view_catalog(graph: ArchGraph, lang: str = "vi") -> list[ViewInfo]:
    """The views of this model: built-in, one per non-empty layer, declared (context views not listed)."""
    out = [
        ViewInfo(vid, text(f"view.title.{vid}", lang), text(f"view.description.{vid}", lang), "built-in")
        for vid in builtin.WHOLE_MODEL
    ]
    counts = graph.counts()
    for layer in LAYERS:
        if sum(counts[layer].values()):
            out.append(
                ViewInfo(
                    f"layer:{layer}",
                    text("view.title.layer", lang, name=layer_title(layer, lang)),
                    text("view.description.layer", lang),
                    "layer",
                )
            )
    for d in graph.architecture.manifest.views:
        title = d.title_en if lang == "en" and d.title_en else d.title
        out.append(ViewInfo(d.id, title, d.description or "", "declared"))
    return out


def view_ids(graph: ArchGraph) -> list[str]:
    """The ids of the views :func:`view_catalog` lists."""
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
    definitions = {d.id: d for d in graph.architecture.manifest.views}
    if view_id in definitions:
        d = definitions[view_id]
        if d.as_of is not None and d.as_of != graph.as_of:
            graph = build_graph(graph.architecture, d.as_of)
        spec = declared.build(graph, d, lang)
    elif view_id in builtin.WHOLE_MODEL:
        spec = builtin.WHOLE_MODEL[view_id](graph, lang)
    elif view_id.startswith("layer:") and view_id[6:] in LAYERS:
        spec = builtin.layer.build(graph, view_id[6:], lang)
    elif view_id.startswith("context:"):
        element_id = view_id[8:]
        if element_id not in graph:
            known = element_id in graph.architecture.by_id()
            if known and graph.as_of:
                why = msg("element '{id}' is not in force on {day}{suggestion}", id=element_id, day=graph.as_of.isoformat(),
                          suggestion=_suggest(element_id, [e.id for e in graph.elements()]))
            elif known:
                why = msg("element '{id}' is not in force{suggestion}", id=element_id,
                          suggestion=_suggest(element_id, [e.id for e in graph.elements()]))
            else:
                why = msg("no element '{id}'{suggestion}", id=element_id,
                          suggestion=_suggest(element_id, [e.id for e in graph.elements()]))
            raise UnknownView(view_id, why)
        spec = builtin.context.build(graph, element_id, lang)
    else:
        names = view_ids(graph)
        raise UnknownView(view_id, msg(
            "no view '{view}'{suggestion}; {command} lists them ({context} draws any element's context)",
            view=view_id, suggestion=_suggest(view_id, names), command="`kientruc views`", context="context:<element id>"))
    return spec.finish(graph, lang, max_nodes, source if source is not None else source_line(graph, lang))


def source_line(graph: ArchGraph, lang: str = "vi", extra: str | None = None) -> str:
    """The line saying where a diagram comes from: the architecture, its version and approval."""
    manifest = graph.architecture.manifest
    info = manifest.info_on(graph.as_of)
    name = info.name_en if lang == "en" and info.name_en else info.name
    parts = [text("view.source", lang, name=name, version=info.version)]
    if info.approved_by:
        doc = graph.get(info.approved_by) or graph.architecture.by_id().get(info.approved_by)
        number_ = getattr(doc, "number", None)
        if number_:
            parts.append(text("view.approved", lang, doc=number_))
    parts.append(text("view.elements", lang, n=number(len(graph), lang)))
    if extra:
        parts.append(extra)
    return "; ".join(parts)


def _suggest(word: str, choices: Iterable[str]) -> Text:
    close = difflib.get_close_matches(word, sorted(choices), n=3, cutoff=0.6)
    return msg(" (did you mean {names}?)", names=", ".join(repr(c) for c in close)) if close else ""


__all__ = [
    "DEFAULT_MAX_NODES",
    "Collapse",
    "UnknownView",
    "View",
    "ViewEdge",
    "ViewGroup",
    "ViewInfo",
    "ViewNode",
    "compute_view",
    "kind_title",
    "layer_title",
    "number",
    "source_line",
    "view_catalog",
    "view_ids",
]
