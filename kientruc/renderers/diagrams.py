"""Diagrams: a :class:`~kientruc.views.View` to DOT text, and DOT to SVG, PNG or PDF.

:func:`to_dot` is a pure function of the view: the same view gives the same text,
byte for byte (everything is sorted; nothing depends on dict or set order). It
draws the layers in colours in the spirit of ArchiMate, a shape per kind, the
title, the day, a legend and the source line, and names the font everywhere:
DejaVu Sans has every Vietnamese letter (Debian ``fonts-dejavu-core``).

:func:`render` runs Graphviz in subprocesses with a timeout, in two steps: ``dot``
lays out the graph and, apart, the frame (the title and the legend); :func:`compose`
puts the title above the graph's bounding box and the legend below it, and
``dot -Kneato -n2`` draws the whole where it was placed. No edge or label of the
graph can cross the title or the legend. Problems (``dot`` missing, too slow,
failing) raise :class:`DiagramError` with a message meant for the user.

Sizes are chosen for paper: names at :data:`FONT_SIZE`, the smallest text
(kinds, details, edge labels) at :data:`SMALL_SIZE`; :mod:`.printing` decides the
page and the parts so that no label prints under 8 pt.

Layouts: a ``bands`` view stacks its groups as bands (the overall diagram's
layers, a layer's kinds, the roadmap's years); inside a band the nodes wrap into
rows, side bands run the height of the diagram, and relations are drawn without
moving the bands. Top to bottom, a band's title is a node above its first row
(Graphviz routes edges around nodes, but across a cluster's label). A ``flow`` view lets the relations place the nodes, left to right;
its band titles stay cluster labels, and :func:`compose` moves one an edge runs through along its band's top
to where no edge, edge label or node is (:func:`_free_band_titles`).
"""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import textwrap

from .. import i18n
from ..i18n import date, kind_title, layer_title, msg, number, relation_title
from ..models import KINDS, LAYER_OF
from ..views import View, ViewEdge, ViewGroup, ViewNode

FONT = "DejaVu Sans"
FONT_SIZE = 11
PAD = 0.3
"""Inches of white around a drawing."""
"""The size of names (and of the legend), in points, in the drawing at its natural size."""
SMALL_SIZE = 9
"""The smallest text in a drawing (a node's kind and details, an edge's label): what decides how far a
diagram may be shrunk on paper (see :mod:`kientruc.renderers.printing`)."""
FORMATS = ("svg", "png", "pdf", "dot")
DEFAULT_TIMEOUT = 120.0
PNG_DPI = 110

_DEVICE = {"svg": "svg", "png": "png:cairo", "pdf": "pdf:cairo"}

# fill, border, band background — in the spirit of ArchiMate's layer colours
LAYER_THEME: dict[str, tuple[str, str, str]] = {
    "motivation": ("#DCD6F5", "#6A5ACD", "#F4F2FC"),
    "business": ("#FFF5AD", "#A89400", "#FFFCE8"),
    "channel": ("#FFE1BA", "#C7801F", "#FFF5E8"),
    "application": ("#C4EFF6", "#23869A", "#EBF9FB"),
    "integration": ("#BFE8D6", "#278562", "#EAF7F1"),
    "data": ("#CFDFF7", "#3A68AD", "#EEF3FC"),
    "technology": ("#D3EDC3", "#4F8F2F", "#F0F8EA"),
    "security": ("#F6C9C6", "#B83227", "#FDEEED"),
    "roadmap": ("#F8DAEA", "#A63470", "#FDF1F7"),
}
NEUTRAL = ("#EEEEEE", "#777777", "#F7F7F7")

# shape, extra style
KIND_SHAPES: dict[str, tuple[str, str]] = {
    "organization": ("tab", ""),
    "stakeholder": ("egg", ""),
    "driver": ("octagon", ""),
    "goal": ("ellipse", ""),
    "principle": ("pentagon", ""),
    "requirement": ("parallelogram", ""),
    "legal_document": ("note", ""),
    "actor": ("house", ""),
    "business_function": ("invhouse", ""),
    "business_process": ("rarrow", ""),
    "public_service": ("box", "rounded"),
    "channel": ("larrow", ""),  # cds draws a label of three lines out of its outline
    "application": ("component", ""),
    "application_service": ("box", "rounded"),
    "interface": ("hexagon", ""),
    "integration_platform": ("box", "bold"),
    "shared_service": ("box", "rounded"),
    "database": ("cylinder", ""),
    "data_entity": ("folder", ""),
    "node": ("box3d", ""),
    "network": ("hexagon", ""),
    "device": ("Msquare", ""),
    "system_software": ("ellipse", ""),
    "security_service": ("box", "rounded"),
    "security_control": ("box", "diagonals"),
    "project": ("box", ""),
    "work_package": ("box", "rounded"),
    "plateau": ("box3d", ""),
    "consolidation": ("octagon", ""),
    "location": ("house", ""),
    "grouping": ("tab", "dashed"),
}
assert set(KIND_SHAPES) == set(KINDS), "every kind needs a shape"

# colour, style, arrowhead, arrowtail (drawn with dir=both when a tail is given)
EDGE_THEME: dict[str, tuple[str, str, str, str]] = {
    "composed_of": ("#333333", "solid", "none", "diamond"),
    "serves": ("#555555", "solid", "vee", ""),
    "uses": ("#555555", "solid", "vee", ""),
    "realizes": ("#555555", "dashed", "empty", ""),
    "accesses": ("#8A6D00", "dotted", "vee", ""),
    "hosted_on": ("#4F8F2F", "dashed", "normal", ""),
    "connects_to": ("#1F5FA8", "solid", "none", ""),
    "integrates_via": ("#1B8A6B", "solid", "normal", ""),
    "flows_to": ("#1F5FA8", "bold", "normal", ""),
    "owns": ("#888888", "dashed", "odot", ""),
    "governs": ("#6A5ACD", "dashed", "normal", ""),
    "implements": ("#A63470", "dashed", "normal", ""),
    "complies_with": ("#888888", "dotted", "empty", ""),
    "protects": ("#B83227", "dashed", "normal", ""),
    "influences": ("#6A5ACD", "dashed", "vee", ""),
    "assigned_to": ("#333333", "solid", "dot", "dot"),
    "member_of": ("#888888", "dashed", "empty", ""),
    "triggers": ("#333333", "solid", "normal", ""),
    "supersedes": ("#999999", "dashed", "normal", ""),
    "successors": ("#999999", "dashed", "normal", ""),
    "associated_with": ("#999999", "solid", "none", ""),
}
_LINE = {"solid": "━━", "bold": "━━", "dashed": "╍╍", "dotted": "┅┅"}
_HEAD = {"none": "", "vee": "▶", "normal": "▶", "empty": "▷", "odot": "○", "dot": "●"}

def _t(key: str, lang: str, **values: object) -> str:
    """The diagrams' text ``key`` (``diagram.<key>`` in the catalogue of :mod:`kientruc.i18n`)."""
    return i18n.text(f"diagram.{key}", lang, **values)


# --------------------------------------------------------------------------- escaping


def html(text: str) -> str:
    """``text`` escaped for a Graphviz HTML-like label (control characters dropped).

    Besides the XML characters, a backslash is doubled: Graphviz expands ``\\N``,
    ``\\G`` and the like in HTML labels too, and reads ``\\\\`` as one backslash.
    """
    text = "".join(ch if ch >= " " or ch == "\n" else " " for ch in text)
    return (
        text.replace("\\", "\\\\")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def quote(text: str) -> str:
    """``text`` as a DOT double-quoted string (backslashes and quotes escaped, one line)."""
    text = "".join(ch if ch >= " " or ch == "\n" else " " for ch in text)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def quote_text(text: str) -> str:
    """``text`` as the value of an escString attribute (tooltip): Graphviz expands ``\\N`` and
    friends there after reading the string, so a backslash is written four times."""
    return quote(text.replace("\\", "\\\\"))


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters, broken between words only (nothing is cut)."""
    text = " ".join(text.split())
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def _lines(text: str, width: int) -> str:
    return "<BR/>".join(html(line) for line in _wrap(text, width))


def _attrs(**kw: object) -> str:
    parts = []
    for key in sorted(kw):
        value = kw[key]
        if value is None or value == "":
            continue
        if isinstance(value, _Html):
            parts.append(f"{key}=<{value}>")
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            parts.append(f"{key}={value:g}" if isinstance(value, float) else f"{key}={value}")
        elif key in ("tooltip", "label", "xlabel"):
            parts.append(f"{key}={quote_text(str(value))}")
        else:
            parts.append(f"{key}={quote(str(value))}")
    return "[" + ", ".join(parts) + "]"


class _Html(str):
    """A label already in Graphviz HTML form."""


# --------------------------------------------------------------------------- DOT


def _theme(layer: str | None) -> tuple[str, str, str]:
    return LAYER_THEME.get(layer or "", NEUTRAL)


def _date(view: View) -> str:
    if view.as_of is None:
        return _t("all_days", view.lang)
    return _t("as_of", view.lang, d=date(view.as_of, view.lang))


def _node_stmt(n: ViewNode, view: View, width: int) -> str:
    lang = view.lang
    fill, border, pale = _theme(n.layer)
    shape, extra = KIND_SHAPES.get(n.kind, ("folder", ""))
    styles = ["filled"]
    if extra in ("rounded", "diagonals"):
        styles.append(extra)
    if n.status == "planned":
        styles.append("dashed")
    elif n.status == "retiring":
        styles.append("dotted")
    penwidth = 1.0
    if extra == "bold" or n.collapsed:
        penwidth = 2.2
    if n.focus:
        penwidth = 3.0
    name = _lines(n.label, width)
    if n.focus or n.collapsed:
        name = f"<B>{name}</B>"
    kind = kind_title(n.kind, lang) if n.kind else layer_title(n.layer, lang)
    tags = [kind]
    if n.external:
        tags.append(_t("external", lang))
    if n.status in ("planned", "retiring"):
        tags.append(_t(n.status, lang))
    small = ["«" + " · ".join(tags) + "»"] + list(n.detail)
    small_html = "<BR/>".join(_lines(s, width + 3) for s in small)
    label = _Html(f'{name}<BR/><FONT POINT-SIZE="{SMALL_SIZE}" COLOR="#404040">{small_html}</FONT>')
    return f"{quote(n.id)} " + _attrs(
        label=label,
        shape=shape,
        style=",".join(styles),
        fillcolor=pale if n.external else fill,
        color=border,
        penwidth=penwidth,
        tooltip=n.tooltip or n.label,
        id=f"node-{n.id}",
    )


LONG_LABEL = 24
"""An edge's text longer than this many characters is drawn as a number, the text in the legend:
Graphviz 2.43 may lay long edge labels one over another, and they widen the drawing."""


def _references(view: View) -> dict[int, tuple[str, str]]:
    """The edges drawn with a number (by their index in ``view.edges``): the number, and the line
    the legend gives it ("(1) chuyển dữ liệu tới: hồ sơ, …")."""
    out: dict[int, tuple[str, str]] = {}
    if not view.edge_labels:
        return out
    for i, e in enumerate(view.edges):
        if e.label and len(e.label) > LONG_LABEL:
            ref = f"({number(len(out) + 1, view.lang)})"
            out[i] = (ref, f"{ref} {relation_title(e.type, view.lang)}: {e.label}")
    return out


def _edge_text(e: ViewEdge, view: View, ref: str | None = None) -> str:
    """The text an edge is drawn with: its number (``ref``, see :func:`_references`), what it carries,
    or its relation's name; with its count."""
    label = (ref or e.label or relation_title(e.type, view.lang)) if view.edge_labels else ""
    if e.count > 1:
        label = f"{label} ×{number(e.count, view.lang)}".strip()
    return label


def _edge_stmt(e: ViewEdge, view: View, *, constraint: bool, reverse: bool = False, label: str | None = None) -> str:
    """One edge; ``reverse`` writes it target to source with ``dir=back`` (it looks the same,
    and Graphviz routes an edge that goes up the page better that way); ``label`` the text it is
    drawn with (by default :func:`_edge_text`). An edge that does not constrain the layout (the rows of a
    banded view place the nodes) carries its text as an ``xlabel``, placed after the routing: Graphviz
    cannot always route such an edge around a label node of its own across the rows ("Unable to reclaim
    box space in spline routing … Something is probably seriously wrong")."""
    colour, style, head, tail = EDGE_THEME.get(e.type, ("#555555", "solid", "normal", ""))
    title = relation_title(e.type, view.lang)
    if label is None:
        label = _edge_text(e, view)
    attrs: dict[str, object] = {
        "color": colour,
        "fontcolor": colour,
        "style": style,
        "arrowhead": head,
        "tooltip": f"{title}" + (f": {e.label}" if e.label else ""),
        "penwidth": round(1.0 + min(3.0, math.log2(e.count)), 2) if e.count > 1 else None,
    }
    if tail:
        attrs["arrowtail"] = tail
        attrs["dir"] = "both"
    if label:
        attrs["label" if constraint else "xlabel"] = _Html(_lines(label, 36))
    if not constraint:
        attrs["constraint"] = "false"
    source, target = e.source, e.target
    if reverse:
        source, target = target, source
        attrs["arrowhead"], attrs["arrowtail"] = attrs.get("arrowtail") or "none", attrs["arrowhead"]
        attrs["dir"] = "both" if tail else "back"
    return f"{quote(source)} -> {quote(target)} " + _attrs(**attrs)


def _band_title_id(g: ViewGroup) -> str:
    return f"~band~{g.id}"


def _cluster_open(cid: str, g: ViewGroup, indent: str, *, labelled: bool = True) -> list[str]:
    fill, border, pale = _theme(g.layer)
    label = _Html(f"<B>{_lines(g.label, 40)}</B>") if g.label and labelled else ""
    return [
        f"{indent}subgraph {quote('cluster_' + cid)} {{",
        f"{indent}  graph "
        + _attrs(
            label=label,
            style="filled,rounded",
            fillcolor=pale,
            color=border,
            fontsize=12,
            labeljust="l",
            labelloc="t",
            margin=10,
        )
        + ";",
    ]


def _legend(view: View) -> _Html:
    """The legend: a colour per kind, a line per relation type, the notes and the source line."""
    lang = view.lang
    rows: list[str] = []
    kind_cells = []
    for k in sorted({n.kind for n in view.nodes if n.kind}, key=KINDS.index):
        fill, border, _ = _theme(LAYER_OF[k])
        kind_cells.append(f'<TD BGCOLOR="{fill}" COLOR="{border}" BORDER="1">{html(kind_title(k, lang))}</TD>')
    rel_cells = []
    for rtype in sorted({e.type for e in view.edges}):
        colour, style, head, tail = EDGE_THEME.get(rtype, ("#555555", "solid", "normal", ""))
        title = relation_title(rtype, lang)
        glyph = ("◆" if tail == "diamond" else "") + _LINE.get(style, "━━") + _HEAD.get(head, "▶")
        rel_cells.append(f'<TD ALIGN="LEFT"><FONT COLOR="{colour}">{glyph}</FONT> {html(title)}</TD>')
    for cells, per_row in ((kind_cells, 4), (rel_cells, 3)):
        for i in range(0, len(cells), per_row):
            # a row of its own: a table of one row, so that its cells keep their widths
            rows.append(
                '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="3"><TR>'
                + "".join(cells[i : i + per_row])
                + "</TR></TABLE>"
            )
    shown = [
        ("planned", any(n.status == "planned" for n in view.nodes)),
        ("retiring", any(n.status == "retiring" for n in view.nodes)),
        ("external", any(n.external for n in view.nodes)),
        ("collapsed", any(n.collapsed for n in view.nodes)),
    ]
    status = " ".join(_t(f"note.{key}", lang) for key, present in shown if present)
    notes = [status] if status else []
    if view.collapsed:
        notes.append(_t("collapsed", lang, n=number(view.elements, lang), max=number(view.max_nodes, lang)))
        for c in view.collapsed:
            notes.append(
                _t(
                    "collapse_line",
                    lang,
                    group=c.label,
                    elements=number(c.elements, lang),
                    nodes=number(c.nodes, lang),
                    by=_t(f"by.{c.by}", lang),
                )
            )
    if view.omitted_edges:
        notes.append(_t("omitted", lang, n=number(view.omitted_edges, lang)))
    if view.other_parts:
        notes.append(_t("other_parts", lang, n=number(view.other_parts, lang)))
    if view.missing:
        notes.append(_t("missing", lang, ids=", ".join(view.missing)))
    if not view.nodes:
        notes.append(_t("empty", lang))
    notes.extend(line for _ref, line in _references(view).values())
    notes.append(view.source)
    body = [f'<TR><TD ALIGN="LEFT">{r}</TD></TR>' for r in rows]
    body += [f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{_lines(n, 72)}</TD></TR>' for n in notes]
    # one row a line: the DOT text stays readable, and so do the snapshots' diffs
    return _Html(
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">\n'
        f'<TR><TD ALIGN="LEFT"><B>{html(_t("legend", lang))}</B></TD></TR>\n' + "\n".join(body) + "\n</TABLE>"
    )


def _title(view: View) -> _Html:
    return _Html(
        f'<FONT POINT-SIZE="18"><B>{_lines(view.title, 42)}</B></FONT><BR/>'
        f'<FONT POINT-SIZE="13">{_lines(view.subtitle, 60)}</FONT><BR/>'
        f'<FONT POINT-SIZE="11" COLOR="#444444">{html(_date(view))}</FONT>'
    )


FRAME_GAP = 14.0
"""Points between the graph's drawing and the title above it or the legend below it."""

TITLE_ID = "~title"
LEGEND_ID = "~legend"
_FRAME_MARK = "  // the frame: the title and the legend, laid out apart from the graph (see render)\n"
_LINKS_MARK = "  // where dot alone would put them\n"


def _frame_nodes(view: View) -> list[str]:
    return [
        f"  {quote(TITLE_ID)} " + _attrs(shape="plain", label=_title(view), id="title") + ";",
        f"  {quote(LEGEND_ID)} " + _attrs(shape="plain", label=_legend(view), id="legend") + ";",
    ]


def to_dot(view: View) -> str:
    """The view as DOT text: deterministic, every label escaped, the font named.

    The text is the graph, then (after a comment line) the frame: the title and the legend as two
    nodes. Given to ``dot`` as it is, the title is drawn before the graph and the legend after it;
    :func:`render` does better: it lays out the graph alone and puts the title above its drawing and
    the legend below, so that no edge or label of the graph can cross them.
    """
    body = body_dot(view)
    first = next((n.id for n in view.nodes), None)
    last = next((n.id for n in reversed(view.nodes)), None)
    links = []
    if first is not None:
        invis = " " + _attrs(style="invis") + ";"
        links = [f"  {quote(TITLE_ID)} -> {quote(first)}{invis}", f"  {quote(last)} -> {quote(LEGEND_ID)}{invis}"]
    return (body[: body.rindex("}")] + _FRAME_MARK + "\n".join(_frame_nodes(view)) + "\n" + _LINKS_MARK
            + "".join(line + "\n" for line in links) + "}\n")


def split_dot(dot_text: str) -> tuple[str, str | None]:
    """The graph alone and the frame alone (a graph of the two frame nodes), from :func:`to_dot`'s text;
    ``(dot_text, None)`` for DOT text without a frame."""
    at = dot_text.find(_FRAME_MARK)
    if at < 0:
        return dot_text, None
    body = dot_text[:at] + "}\n"
    end = dot_text.find(_LINKS_MARK, at)
    nodes = dot_text[at + len(_FRAME_MARK) : end if end >= 0 else dot_text.rindex("}")]
    head = (
        "digraph frame {\n  graph " + _attrs(charset="UTF-8", fontname=FONT, fontsize=FONT_SIZE) + ";\n"
        "  node " + _attrs(fontname=FONT, fontsize=FONT_SIZE) + ";\n"
    )
    return body, head + nodes + "}\n"


def body_dot(view: View) -> str:
    """The graph of the view, without its title and legend (see :func:`to_dot`)."""
    bands = view.layout == "bands"
    out = [
        f"digraph {quote(view.id)} {{",
        "  graph "
        + _attrs(
            charset="UTF-8",
            fontname=FONT,
            fontsize=FONT_SIZE,
            rankdir=view.direction,
            newrank="true",
            nodesep=0.25 if bands else 0.3,
            ranksep=0.35 if bands else 0.6,
            pad=PAD,
            bgcolor="white",
            outputorder="edgesfirst",
        )
        + ";",
        "  node " + _attrs(fontname=FONT, fontsize=FONT_SIZE, margin="0.12,0.06") + ";",
        "  edge " + _attrs(fontname=FONT, fontsize=SMALL_SIZE, arrowsize=0.7) + ";",
    ]
    rows: dict[str, int] = {}
    if bands:
        body, extra, rows = _bands(view)
    else:
        body, extra = _flow(view)
    out.extend(body)
    out.extend(extra)
    refs = _references(view)
    texts = {i: _edge_text(e, view, refs[i][0] if i in refs else None) for i, e in enumerate(view.edges)}
    # edges joining the same two nodes (either way): their texts together on the first, none on the
    # others (Graphviz 2.43 lays the labels of such edges one over the other)
    pairs: dict[frozenset[str], list[int]] = {}
    for i, e in enumerate(view.edges):
        pairs.setdefault(frozenset((e.source, e.target)), []).append(i)
    for idx in pairs.values():
        if len(idx) > 1:
            joined = "; ".join(dict.fromkeys(texts[i] for i in idx if texts[i]))
            texts.update({i: "" for i in idx})
            texts[idx[0]] = joined
    for i, e in enumerate(view.edges):
        up = rows.get(e.target, 0) < rows.get(e.source, 0)
        out.append("  " + _edge_stmt(e, view, constraint=not bands, reverse=up, label=texts[i]) + ";")
    out.append("}")
    return "\n".join(out) + "\n"


def _members(view: View) -> dict[str | None, list[ViewNode]]:
    out: dict[str | None, list[ViewNode]] = {}
    for n in view.nodes:
        out.setdefault(n.group, []).append(n)
    return out


def _flow(view: View) -> tuple[list[str], list[str]]:
    members = _members(view)
    body: list[str] = []
    for n in members.get(None, []):
        body.append("  " + _node_stmt(n, view, 26) + ";")
    for i, g in enumerate(view.groups):
        nodes = members.get(g.id, [])
        if not nodes:
            continue
        if g.role == "hidden":
            body.extend("  " + _node_stmt(n, view, 26) + ";" for n in nodes)
            continue
        body.extend(_cluster_open(f"g{i}", g, "  "))
        body.extend("    " + _node_stmt(n, view, 26) + ";" for n in nodes)
        body.append("  }")
    return body, []


def _chunks(items: list, size: int) -> list[list]:
    size = max(1, size)
    return [items[i : i + size] for i in range(0, len(items), size)]


def _bands(view: View) -> tuple[list[str], list[str], dict[str, int]]:
    """Bands: groups stacked in order; nodes wrap into rows; side bands the full height."""
    members = _members(view)
    groups = [g for g in view.groups if members.get(g.id)]
    index = {g.id: i for i, g in enumerate(view.groups)}
    main = [g for g in groups if g.role in ("band", "cluster", "hidden")]
    beside = {g.beside: g for g in groups if g.role == "beside" and g.beside}
    placed_beside = {g.id for g in beside.values() if any(m.id == g.beside for m in main)}
    main.extend(g for g in groups if g.role == "beside" and g.id not in placed_beside)
    left = [g for g in groups if g.role == "left"]
    right = [g for g in groups if g.role == "right"]

    rows: list[list[str]] = []  # node ids per rank, left to right
    grid: dict[str, list[list[str]]] = {}  # group id -> its rows
    # A band's title is a node of its own, in a row above the band's nodes: Graphviz routes edges
    # around nodes, not around a cluster's label, which edges would cross.
    # (Top to bottom only: left to right, such a row would be a column before the band.)
    tb = view.direction == "TB"
    titled = {g.id: [_band_title_id(g)] if g.label and tb else [] for g in groups}
    for g in main:
        own = ([titled[g.id]] if titled[g.id] else []) + _chunks([n.id for n in members[g.id]], g.columns or 6)
        grid[g.id] = own
        side = []
        if g.id in beside:
            b = beside[g.id]
            side = ([titled[b.id]] if titled[b.id] else []) + _chunks([n.id for n in members[b.id]], b.columns or 2)
            grid[b.id] = side
        for r in range(max(len(own), len(side))):
            rows.append((own[r] if r < len(own) else []) + (side[r] if r < len(side) else []))
    for g in left + right:
        ids = titled[g.id] + [n.id for n in members[g.id]]
        height = max(len(rows), 1)
        per_row = max(g.columns or 1, math.ceil(len(ids) / height))
        own = _chunks(ids, per_row)
        grid[g.id] = own
    pads: dict[str, list[str]] = {}
    height = max([len(rows)] + [len(grid[g.id]) for g in left + right])
    while len(rows) < height:
        rows.append([])
    for g in left + right:
        own = grid[g.id]
        pads[g.id] = [f"~pad~{g.id}~{r}" for r in range(len(own), height)]
    rows_full = []
    for r in range(height):
        row = []
        for g in left:
            row += grid[g.id][r] if r < len(grid[g.id]) else [pads[g.id][r - len(grid[g.id])]]
        row += rows[r]
        for g in right:
            row += grid[g.id][r] if r < len(grid[g.id]) else [pads[g.id][r - len(grid[g.id])]]
        rows_full.append(row)

    width = 22 if view.direction == "TB" else 26
    body: list[str] = []
    order = left + main + [beside[g.id] for g in main if g.id in beside] + right
    for g in order:
        i = index[g.id]
        body.extend(_cluster_open(f"g{i}", g, "  ", labelled=not titled[g.id]))
        if titled[g.id]:
            body.append(f"    {quote(_band_title_id(g))} " + _attrs(
                shape="plain", label=_Html(f"<B>{_lines(g.label, 40)}</B>"), fontsize=12, id=f"band-{g.id}") + ";")
        body.extend("    " + _node_stmt(n, view, width) + ";" for n in members[g.id])
        for pad in pads.get(g.id, []):
            body.append(f"    {quote(pad)} " + _attrs(shape="point", style="invis", width=0.01) + ";")
        body.append("  }")

    ranks: list[str] = []
    links: list[tuple[str, str]] = []  # invisible edges that hold the grid together
    for row in rows_full:
        if len(row) > 1:
            ranks.append("  {rank=same; " + " ".join(quote(x) for x in row) + "}")
        links.extend(zip(row, row[1:]))
    group_of = {x: gid for gid in grid for x in _group_ids(grid, pads, gid)}
    main_ids = {g.id for g in main} | {g.id for g in beside.values()}
    for prev, nxt in zip(rows_full, rows_full[1:]):
        # the columns of one group line up; every row sits below the one before
        for g in order:
            a = [x for x in prev if group_of.get(x) == g.id]
            b = [x for x in nxt if group_of.get(x) == g.id]
            links.extend(zip(a, b))
        a = [x for x in prev if group_of.get(x) in main_ids]
        b = [x for x in nxt if group_of.get(x) in main_ids]
        if a and b:
            links.append((a[0], b[0]))
    # An invisible edge beside a drawn one between the same two nodes trips an assertion
    # in Graphviz 2.43 (merge_chain); the drawn edge keeps the two nodes together anyway.
    drawn = {(e.source, e.target) for e in view.edges} | {(e.target, e.source) for e in view.edges}
    invis = " " + _attrs(style="invis") + ";"
    extra = ranks + [f"  {quote(a)} -> {quote(b)}{invis}" for a, b in dict.fromkeys(links) if (a, b) not in drawn]
    row_of = {x: r for r, row in enumerate(rows_full) for x in row}
    return body, extra, row_of


def _group_ids(grid: dict[str, list[list[str]]], pads: dict[str, list[str]], gid: str) -> set[str]:
    ids = {x for row in grid.get(gid, []) for x in row}
    ids.update(pads.get(gid, []))
    return ids


# --------------------------------------------------------------------------- running dot


class DiagramError(Exception):
    """A diagram could not be drawn; the message is meant for the user."""


class GraphvizNotFound(DiagramError):
    pass


class GraphvizTimeout(DiagramError):
    pass


class GraphvizFailed(DiagramError):
    pass


def dot_executable() -> str | None:
    """The ``dot`` program: ``$KIENTRUC_DOT`` if set, else ``dot`` on the PATH."""
    configured = os.environ.get("KIENTRUC_DOT")
    if configured:
        return configured if os.path.isfile(configured) and os.access(configured, os.X_OK) else None
    return shutil.which("dot")


# Graphviz 2.43 sometimes cannot route one edge ("lost ... edge"); it still writes the whole
# drawing without that edge and exits 1. Such a drawing is kept, and the problem reported.
_LOST_EDGE = ("lost ", "in routesplines", "routesplines:")
_RANK_BUG = b"trouble in init_rank"


def _exe() -> str:
    exe = dot_executable()
    if exe is None:
        where = os.environ.get("KIENTRUC_DOT") or "dot"
        raise GraphvizNotFound(msg(
            "Graphviz is not installed (no '{program}' program found): install it (Debian: {command}) or set "
            "{variable} to the dot program; {option} writes the DOT text without it",
            program=where, command="apt-get install graphviz fonts-dejavu-core", variable="KIENTRUC_DOT",
            option="--format dot"))
    return exe


def _run(args: list[str], dot_text: str, timeout: float, warnings: list[str] | None) -> bytes:
    """Run Graphviz on ``dot_text``; its output, or a :class:`DiagramError` meant for the user."""
    try:
        proc = subprocess.run(args, input=dot_text.encode("utf-8"), capture_output=True, timeout=timeout, check=False)
        if proc.returncode != 0 and _RANK_BUG in proc.stderr and 'newrank="true", ' in dot_text:
            # Graphviz 2.43 cannot always rank clusters with newrank; its older ranking can.
            proc = subprocess.run(
                args, input=dot_text.replace('newrank="true", ', "", 1).encode("utf-8"), capture_output=True,
                timeout=timeout, check=False,
            )
    except subprocess.TimeoutExpired:
        raise GraphvizTimeout(msg(
            "Graphviz did not finish within {seconds} s: the view is too large to lay out; draw it collapsed "
            "(a lower {max_nodes}) or allow more time ({timeout})", seconds=format(timeout, "g"), max_nodes="--max-nodes",
            timeout="--timeout")) from None
    except OSError as exc:
        raise GraphvizNotFound(msg("cannot run Graphviz ({program}): {error}", program=args[0], error=str(exc))) from None
    err = [line.strip() for line in proc.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    errors = [line for line in err if line.startswith("Error")]
    drawn_anyway = proc.returncode == 1 and proc.stdout and all(any(m in e for m in _LOST_EDGE) for e in errors)
    if proc.returncode != 0 and not drawn_anyway or not proc.stdout:
        if err:
            raise GraphvizFailed(msg("Graphviz failed (exit {code}): {errors}", code=str(proc.returncode),
                                     errors="; ".join(err[:5])))
        raise GraphvizFailed(msg("Graphviz failed (exit {code}) and said nothing", code=str(proc.returncode)))
    if warnings is not None:
        warnings.extend(err)
    return proc.stdout


_RECLAIM = re.compile(r'Unable to reclaim box space in spline routing for edge "([^"]+)" -> "([^"]+)"')
_LOST = re.compile(r"lost (\S+) (\S+) edge")
_EDGE_IDS = re.compile(r'edge "([^"]+)" -> "([^"]+)"|\b(?:lost|edge) (\S+) (\S+) edge')


def graphviz_notes(lines: list[str], view: str) -> list[i18n.Msg]:
    """What Graphviz said about a drawing it did make (the ``warnings`` of :func:`render`), told to the reader
    of diagram ``view``: what it means for the drawing, in the catalogue's words. Each note keeps Graphviz's
    own line as its ``detail`` value (not in the text: for a reader who asks for it)."""
    notes: list[i18n.Msg] = []
    for line in dict.fromkeys(lines):
        reclaim, lost = _RECLAIM.search(line), _LOST.search(line)
        if reclaim:
            note = msg("Graphviz could not route the line from {source} to {target} in diagram {view} as neatly as "
                       "it should; the diagram is drawn", source=reclaim[1], target=reclaim[2], view=view, detail=line)
        elif lost:
            note = msg("Graphviz could not draw the line from {source} to {target} in diagram {view}; the diagram "
                       "is drawn without it", source=lost[1], target=lost[2], view=view, detail=line)
        else:
            note = msg("Graphviz reported a problem while drawing diagram {view}; the diagram is drawn (set {setting} "
                       "to see what it said)", view=view, setting="KIENTRUC_DEBUG=1", detail=line)
        notes.append(note)
    return notes


def graphviz_view(line: str, views: dict[str, str]) -> str | None:
    """Which of ``views`` (id → its DOT text) a line of Graphviz about an edge is about, if it names one."""
    m = _EDGE_IDS.search(line)
    if m is None:
        return None
    a, b = (m[1], m[2]) if m[1] else (m[3], m[4])
    return next((vid for vid, text in views.items() if f'"{a}" -> "{b}"' in text or f"{a} -> {b}" in text), None)


def _device(exe: str, fmt: str) -> list[str]:
    args = [exe, f"-T{_DEVICE[fmt]}"]
    if fmt == "png":
        args.append(f"-Gdpi={PNG_DPI}")
    return args


_BB = re.compile(r'\bbb="([-0-9.e+]+),([-0-9.e+]+),([-0-9.e+]+),([-0-9.e+]+)"')
_SIZE_LINE = re.compile(r"^\t\t(width|height)=([0-9.e+]+)[,\]]", re.M)


def _frame_sizes(frame_laid: str) -> dict[str, tuple[float, float]]:
    """Width and height (points) of the title and the legend, from the frame laid out by ``dot -Tdot``."""
    out: dict[str, tuple[float, float]] = {}
    for node in (TITLE_ID, LEGEND_ID):
        head = f"\t{quote(node)}\t["
        start = frame_laid.find(head)
        if start < 0:
            continue
        end = frame_laid.find("];\n", start)
        # one attribute a line (the first right after the bracket); no label line starts with a tab
        attrs = "\t\t" + frame_laid[start + len(head) : end + 1]
        found = {k: float(v) * 72 for k, v in _SIZE_LINE.findall(attrs)}
        out[node] = (found.get("width", 0.0), found.get("height", 0.0))
    return out


_POS = re.compile(r'\b(?:pos|lp|bb)="([^"]*)"')
_NUMBER = re.compile(r"-?[0-9.]+(?:e[-+]?[0-9]+)?")


def _extent(laid: str) -> tuple[float, float, float, float]:
    """The box around everything ``dot -Tdot`` placed: the graph's ``bb``, and every position, label
    position and cluster box (Graphviz 2.43, when it ranks without newrank, may place a cluster
    outside the ``bb`` it reports), widened by the largest node's half size."""
    xs: list[float] = []
    ys: list[float] = []
    for value in _POS.findall(laid):
        nums = [float(v) for v in _NUMBER.findall(value.replace("e,", " ").replace("s,", " "))]
        xs += nums[0::2]
        ys += nums[1::2]
    if not xs:
        return (0.0, 0.0, 0.0, 0.0)
    m = _BB.search(laid)
    box = [float(v) for v in m.groups()] if m else [min(xs), min(ys), max(xs), max(ys)]
    if m and box[0] <= min(xs) and box[1] <= min(ys) and max(xs) <= box[2] and max(ys) <= box[3]:
        return (box[0], box[1], box[2], box[3])  # the usual case: the bb holds everything
    half = max([float(v) * 36 for _k, v in _SIZE_LINE.findall(laid)] + [0.0])
    return (min(box[0], min(xs) - half), min(box[1], min(ys) - half),
            max(box[2], max(xs) + half), max(box[3], max(ys) + half))


_CLUSTER = re.compile(r"(?m)^(\t+)subgraph (\"?cluster_[^\s{]*) \{\n")


def _drop_unplaced_clusters(laid: str) -> str:
    """Clusters ``dot`` could not place (Graphviz 2.43 ranking without newrank leaves them empty,
    without a ``bb``) made plain subgraphs: ``neato -n2`` would frame the whole drawing with them."""
    out = laid
    for m in reversed(list(_CLUSTER.finditer(laid))):
        end = laid.find("\n" + m.group(1) + "}", m.end())
        inner = laid[m.end() : end]
        if "bb=" not in inner.split("];", 1)[0]:
            name = m.group(2).replace("cluster_", "unplaced_", 1)
            out = out[: m.start()] + f"{m.group(1)}subgraph {name} {{\n" + out[m.end() :]
    return out


_STMT = re.compile(r"(?s)\n\t+([^\t\n][^\n]*?)\t\[(.*?)\];(?=\n)")
_ATTR_POS = re.compile(r'\bpos="([^"]*)"')
_ATTR_LP = re.compile(r'\blp="([-0-9.e+]+),([-0-9.e+]+)"')
_ATTR_SIZE = re.compile(r"\b(width|height|lwidth|lheight)=([0-9.e+]+)")
_CLUSTER_HEAD = re.compile(r"(?m)^\t+subgraph \"?cluster_[^\s{]* \{\n\t+graph \[(.*?)\];\n", re.S)


def _spline(value: str) -> list[tuple[float, float]]:
    """Points along an edge's ``pos`` (``e,x,y s,x,y p0 p1 p2 p3 …``): the Béziers sampled, and the
    arrowheads' ends."""
    ends, ctrl = [], []
    for part in value.replace("\\\n", "").split():
        nums = [float(v) for v in _NUMBER.findall(part.lstrip("es,"))]
        if len(nums) < 2:
            continue
        (ends if part[:2] in ("e,", "s,") else ctrl).append((nums[0], nums[1]))
    out = list(ctrl[:1])
    for i in range(1, len(ctrl) - 2, 3):
        p0, p1, p2, p3 = ctrl[i - 1], ctrl[i], ctrl[i + 1], ctrl[i + 2]
        for k in range(1, 17):
            t = k / 16
            a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + e * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + e * p3[1]))
    return out + ends


def _label_box_guess(attrs: str, x: float, y: float, which: str = "label") -> tuple[float, float, float, float]:
    """A generous box around an edge's label (or, ``which="xlabel"``, its external label) at ``(x, y)``
    (``dot -Tdot`` gives no label size): its longest line at 0.65 em a character, 1.3 em a line."""
    m = re.search(r"\b" + which + r"=<(.*?)>(?:,\n|\Z)", attrs, re.S)
    text = m.group(1) if m else ""
    lines = [re.sub(r"<[^>]*>", "", line) for line in re.split(r"<BR[^>]*>", text)]
    w = max((len(line) for line in lines), default=0) * 0.65 * SMALL_SIZE
    h = len(lines) * 1.3 * SMALL_SIZE
    return (x - w / 2, y - h / 2, x + w / 2, y + h / 2)


Box = tuple[float, float, float, float]

_ATTR_ANY_LP = re.compile(r'\b(x?lp)="([-0-9.e+]+),([-0-9.e+]+)"')


def _overlaps(a: Box, b: Box) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0 and min(a[3], b[3]) - max(a[1], b[1]) > 0


def _layout_items(laid: str) -> tuple[list[list[tuple[float, float]]], list[Box], list[tuple[int, int, str, Box]]]:
    """What ``dot -Tdot`` placed: the edges' lines (points along each), the nodes' boxes, and each edge
    label (``lp``) or external label (``xlp``) as (start, end of its attribute in ``laid``, its name, its
    box, guessed generously: see :func:`_label_box_guess`)."""
    lines: list[list[tuple[float, float]]] = []
    nodes: list[Box] = []
    labels: list[tuple[int, int, str, Box]] = []
    for m in _STMT.finditer(laid):
        head, attrs = m.group(1), m.group(2)
        pos = _ATTR_POS.search(attrs)
        if "->" in head:
            if pos:
                lines.append(_spline(pos.group(1)))
            for lp in _ATTR_ANY_LP.finditer(attrs):
                which = "label" if lp.group(1) == "lp" else "xlabel"
                box = _label_box_guess(attrs, float(lp.group(2)), float(lp.group(3)), which)
                labels.append((m.start(2) + lp.start(), m.start(2) + lp.end(), lp.group(1), box))
        elif pos and head not in ("graph", "node", "edge"):
            size = dict(_ATTR_SIZE.findall(attrs))
            x, y = (float(v) for v in pos.group(1).split(",")[:2])
            w, h = float(size.get("width", 0)) * 36, float(size.get("height", 0)) * 36
            nodes.append((x - w, y - h, x + w, y + h))
    return lines, nodes, labels


def _cluster_titles(laid: str) -> list[tuple[re.Match[str], Box, Box]]:
    """Each cluster with a label: its head (a match of ``_CLUSTER_HEAD``), its box and its label's box."""
    out = []
    for m in _CLUSTER_HEAD.finditer(laid):
        attrs = m.group(1)
        bb, lp = _BB.search(attrs), _ATTR_LP.search(attrs)
        size = dict(_ATTR_SIZE.findall(attrs))
        if not (bb and lp and "lwidth" in size):
            continue
        x, y = float(lp.group(1)), float(lp.group(2))
        w, h = float(size["lwidth"]) * 72 + 4, float(size.get("lheight", 0.2)) * 72 + 2
        box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        out.append((m, tuple(float(v) for v in bb.groups()), box))  # type: ignore[misc]
    return out


def _free_edge_labels(laid: str) -> str:
    """Edge labels that lie on another edge label, on a node or on a band title moved along their own
    edge, off everything.

    ``dot`` keeps its edge labels apart as a rule, but not always (two edges leaving the same node side
    by side, a label placed after routing as ``xlabel``): there the texts print one over the other. Each
    such label (in the drawing's order: the first of two keeps its place) moves to the nearest point of
    its edge's line (above or below it) where it lies on no other label, node or band title, and where
    no line runs through it if there is such a point; where there is none it stays. Only its position
    changes: same text, same size."""
    lines, nodes, labels = _layout_items(laid)
    titles = [box for _m, _bb, box in _cluster_titles(laid)]
    edges = [(m, _spline(_ATTR_POS.search(m.group(2)).group(1)))  # type: ignore[union-attr]
             for m in _STMT.finditer(laid) if "->" in m.group(1) and _ATTR_POS.search(m.group(2))]
    placed: list[Box] = []
    moves: list[tuple[int, int, str]] = []
    for start, end, name, box in labels:
        fixed = placed + nodes + titles
        if not any(_overlaps(box, b) for b in fixed):
            placed.append(box)
            continue
        own = next((pts for m, pts in edges if m.start(2) <= start < m.end(2)), [])
        w, h = box[2] - box[0], box[3] - box[1]
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        spots = []
        for x, y in own:
            for dy in (h / 2 + 2, -(h / 2 + 2)):
                spots.append((x, y + dy))
        spots.sort(key=lambda c: ((c[0] - cx) ** 2 + (c[1] - cy) ** 2, c))

        def clear(c: tuple[float, float], through: bool) -> bool:
            b = (c[0] - w / 2, c[1] - h / 2, c[0] + w / 2, c[1] + h / 2)
            if any(_overlaps(b, o) for o in fixed):
                return False
            return through or not any(b[0] < x < b[2] and b[1] < y < b[3] for pts in lines for x, y in pts)

        spot = next((c for c in spots if clear(c, False)), None) or next((c for c in spots if clear(c, True)), None)
        if spot is None:
            placed.append(box)
            continue
        placed.append((spot[0] - w / 2, spot[1] - h / 2, spot[0] + w / 2, spot[1] + h / 2))
        moves.append((start, end, f'{name}="{spot[0]:.2f},{spot[1]:.2f}"'))
    out = laid
    for start, end, text in reversed(moves):
        out = out[:start] + text + out[end:]
    return out


def _free_band_titles(laid: str) -> str:
    """Band titles (cluster labels) moved along their band's top, off every edge.

    ``dot`` keeps a strip at the top of a cluster for its label, but routes edges straight across
    it; in the flow views an edge could run through a band's title. Each title an edge runs through
    moves (left to right, nearest first) to the first place along that strip where no edge, edge
    label or node is; where there is none it stays (:func:`lay_out` then draws that title as a node
    of its band, which edges go around). Only ``lp`` changes: same text, same size."""
    return _title_moves(laid)[0]


def _title_moves(laid: str) -> tuple[str, list[str]]:
    """:func:`_free_band_titles`'s text, and the names of the clusters whose title found no free place."""
    lines, nodes, labels = _layout_items(laid)
    boxes = nodes + [box for _s, _e, _n, box in labels]

    def free(box: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = box
        return not any(x0 < x < x1 and y0 < y < y1 for pts in lines for x, y in pts) and not any(
            _overlaps(box, b) for b in boxes)

    out = laid
    stuck: list[str] = []
    for m, (cx0, _cy0, cx1, _cy1), box in reversed(_cluster_titles(laid)):
        if free(box):
            continue
        lp = _ATTR_LP.search(m.group(1))
        assert lp is not None
        x, y = (box[0] + box[2]) / 2, float(lp.group(2))
        w, h = box[2] - box[0], box[3] - box[1]
        lo, hi = cx0 + w / 2 + 4, cx1 - w / 2 - 4
        steps = int((hi - lo) // 4) + 1 if hi >= lo else 0
        xs = sorted((lo + 4 * k for k in range(steps)), key=lambda c: (abs(c - x), c))
        spot = next((c for c in xs if free((c - w / 2, y - h / 2, c + w / 2, y + h / 2))), None)
        if spot is None:
            stuck.append(m.group(0).split("subgraph ", 1)[1].split(" {", 1)[0].strip('"'))
            continue
        boxes.append((spot - w / 2, y - h / 2, spot + w / 2, y + h / 2))
        at = m.start(1) + lp.start()
        out = out[:at] + f'lp="{spot:.2f},{y:.2f}"' + out[at + len(lp.group(0)) :]
    return out, stuck[::-1]


def _anchors(laid: str, clusters: list[str], direction: str) -> dict[str, str]:
    """For each of ``clusters`` (names), the node of it its title goes beside when drawn as a node: the
    first of its first rank (left to right: the topmost of its leftmost column; top to bottom: the
    leftmost of its top row), as ``dot`` placed them."""
    out: dict[str, str] = {}
    for m in _CLUSTER.finditer(laid):
        name = m.group(2).strip('"')
        if name not in clusters:
            continue
        end = laid.find("\n" + m.group(1) + "}", m.end())
        placed = []
        for st in _STMT.finditer(laid[m.end() - 1 : end]):
            head, pos = st.group(1), _ATTR_POS.search(st.group(2))
            if "->" in head or head in ("graph", "node", "edge") or pos is None:
                continue
            x, y = (float(v) for v in pos.group(1).split(",")[:2])
            placed.append(((round(x), -y) if direction == "LR" else (-round(y), x), head.strip('"')))
        if placed:
            out[name] = min(placed)[1]
    return out


_BOLD_LABEL = re.compile(r", label=(<<B>.*?</B>>), ")


def _titles_as_nodes(body: str, anchors: dict[str, str], direction: str) -> str:
    """The graph ``body`` (DOT) with the titles of the clusters in ``anchors`` drawn as nodes of their
    band beside their anchor node (:func:`_anchors`), above it: edges go around a node, not around a
    cluster's label. Left to right, the title shares its anchor's rank, one place before it; top to
    bottom, it has a rank of its own above the anchor's."""
    out = body
    for name, anchor in anchors.items():
        head = f"subgraph {quote(name)} {{\n"
        at = out.find(head)
        if at < 0:
            continue
        line_end = out.find("\n", at + len(head))
        graph_line = out[at + len(head) : line_end]
        m = _BOLD_LABEL.search(graph_line)
        if m is None:
            continue
        indent = graph_line[: len(graph_line) - len(graph_line.lstrip())]
        node = quote(f"~band~{name}")
        stmts = [f"{indent}{node} " + _attrs(shape="plain", label=_Html(m.group(1)[1:-1]), fontsize=12,
                                             id=f"band-{name}") + ";"]
        if direction == "LR":
            stmts.append(f"{indent}{{rank=same; {node} {quote(anchor)}}}")
            stmts.append(f"{indent}{quote(anchor)} -> {node} " + _attrs(style="invis") + ";")
        else:
            stmts.append(f"{indent}{node} -> {quote(anchor)} " + _attrs(style="invis") + ";")
        graph_line = graph_line[: m.start()] + ', label="", ' + graph_line[m.end() :]
        out = out[: at + len(head)] + graph_line + "\n" + "\n".join(stmts) + out[line_end:]
    return out


def lay_out(body: str, timeout: float = DEFAULT_TIMEOUT, warnings: list[str] | None = None, *,
            laid: str | None = None) -> str:
    """The graph ``body`` (see :func:`split_dot`) laid out by ``dot -Tdot`` (``laid``: already laid out
    once), with its band titles off every edge: a cluster's title that edges cross wherever it goes
    along its band's top (:func:`_title_moves`) is drawn as a node of the band instead
    (:func:`_titles_as_nodes`) and the graph laid out again."""
    exe = _exe()
    if laid is None:
        laid = _run([exe, "-Tdot"], body, timeout, warnings).decode("utf-8")
    _moved, stuck = _title_moves(_free_edge_labels(_drop_unplaced_clusters(laid)))
    m = re.search(r'\brankdir="?(LR|TB)"?', body[: body.find("\n  node ")])
    direction = m.group(1) if m else "TB"
    anchors = _anchors(laid, stuck, direction)
    if not anchors:
        return laid
    again = _titles_as_nodes(body, anchors, direction)
    try:
        return _run([exe, "-Tdot"], again, timeout, warnings).decode("utf-8")
    except DiagramError:
        return laid  # the first layout stands, its title where dot put it


def compose(body_laid: str, frame_dot: str, frame_laid: str) -> str:
    """The DOT text ``dot -Kneato -n2`` draws as it is: the graph where ``dot`` placed it, the title
    above its bounding box and the legend below it, ``FRAME_GAP`` points away.

    ``body_laid``: the graph laid out (``dot -Tdot``); ``frame_dot``: the frame's DOT
    (:func:`split_dot`); ``frame_laid``: the frame laid out, for the sizes of the title and legend.
    """
    m = _BB.search(body_laid)
    x0, y0, x1, y1 = _extent(body_laid)
    sizes = _frame_sizes(frame_laid)
    tw, th = sizes.get(TITLE_ID, (0.0, 0.0))
    lw, lh = sizes.get(LEGEND_ID, (0.0, 0.0))
    top = y1 + FRAME_GAP if th else y1
    bottom = y0 - FRAME_GAP if lh else y0
    tx, ty = (x0 + x1) / 2, top + th / 2
    lx, ly = x0 + lw / 2, bottom - lh / 2
    bb = (min(x0, tx - tw / 2, lx - lw / 2), bottom - lh, max(x1, tx + tw / 2, lx + lw / 2), top + th)
    at = {TITLE_ID: (tx, ty), LEGEND_ID: (lx, ly)}
    nodes = frame_dot[frame_dot.index("\n  " + quote(TITLE_ID)) + 1 : frame_dot.rindex("}")]
    for node, (x, y) in at.items():
        nodes = nodes.replace(f"  {quote(node)} [", f'  {quote(node)} [pos="{x:.2f},{y:.2f}", ', 1)
    text = _free_band_titles(_free_edge_labels(_drop_unplaced_clusters(body_laid)))
    if m:
        text = text[: m.start()] + 'bb="{:.2f},{:.2f},{:.2f},{:.2f}"'.format(*bb) + text[m.end() :]
    end = text.rstrip().rindex("}")
    return text[:end] + nodes + "}\n"


def _split_graphs(text: str) -> list[str]:
    return [g for g in re.split(r"(?m)^(?=(?:strict )?digraph )", text) if g.strip()]


def run_dot(
    dot_text: str, fmt: str, *, timeout: float = DEFAULT_TIMEOUT, warnings: list[str] | None = None
) -> bytes:
    """Lay out ``dot_text`` with Graphviz and return the ``fmt`` file's bytes (``dot``: the text).

    Text from :func:`to_dot` is drawn in two steps: ``dot`` lays out the graph and, apart, the
    title and legend; :func:`compose` places these outside the graph's drawing and
    ``dot -Kneato -n2`` draws the whole as placed. Other DOT text is drawn by ``dot`` as it is.
    Messages Graphviz printed about a drawing it did produce are appended to ``warnings``.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "dot":
        return dot_text.encode("utf-8")
    exe = _exe()
    body, frame = split_dot(dot_text)
    if frame is None:
        return _run(_device(exe, fmt), dot_text, timeout, warnings)
    # one graph a run: Graphviz 2.43 may crash (double free) laying out these two in one run
    body_laid = lay_out(body, timeout, warnings)
    frame_laid = _run([exe, "-Tdot"], frame, timeout, warnings).decode("utf-8")
    return _run(_device(exe, fmt)[:1] + ["-Kneato", "-n2"] + _device(exe, fmt)[1:],
                compose(body_laid, frame, frame_laid), timeout, warnings)


def run_dot_many(
    dot_texts: list[str], *, timeout: float = DEFAULT_TIMEOUT, warnings: list[str] | None = None
) -> list[bytes]:
    """SVG of each of ``dot_texts`` (from :func:`to_dot`), with two Graphviz runs for them all: starting
    Graphviz (fonts, plugins) costs more than laying out a small diagram. Raises
    :class:`DiagramError` if the batch fails (then draw each with :func:`run_dot`)."""
    exe = _exe()
    pieces = [split_dot(t) for t in dot_texts]
    if any(frame is None for _body, frame in pieces):
        raise ValueError("run_dot_many draws DOT text from to_dot only")
    bodies = _split_graphs(
        _run([exe, "-Tdot"], "".join(body for body, _f in pieces), timeout * len(pieces), warnings).decode("utf-8"))
    frames = _split_graphs(
        _run([exe, "-Tdot"], "".join(frame for _b, frame in pieces), timeout * len(pieces), warnings).decode("utf-8"))
    if len(bodies) != len(pieces) or len(frames) != len(pieces):
        raise GraphvizFailed(f"Graphviz failed: {len(bodies)} graphs laid out, {len(pieces)} expected")
    bodies = [lay_out(body, timeout, warnings, laid=laid) for laid, (body, _f) in zip(bodies, pieces)]
    composed = "".join(compose(b, frame, f) for b, f, (_b, frame) in zip(bodies, frames, pieces))
    out = _run([exe, "-Kneato", "-n2", "-Tsvg"], composed, timeout * len(pieces), warnings)
    svgs = [b"<?xml" + part for part in out.split(b"<?xml")[1:]]
    if len(svgs) != len(pieces):
        raise GraphvizFailed(f"Graphviz failed: {len(svgs)} drawings, {len(pieces)} expected")
    return svgs


def natural_size(view: View, *, timeout: float = DEFAULT_TIMEOUT) -> tuple[float, float, float]:
    """The width and height (points) :func:`render` would draw ``view`` at, and its smallest text,
    from the layout alone (no drawing made): for choosing a page (see
    :func:`kientruc.renderers.printing.printable`)."""
    exe = _exe()
    body, frame = split_dot(to_dot(view))
    assert frame is not None
    composed = compose(lay_out(body, timeout, None), frame,
                       _run([exe, "-Tdot"], frame, timeout, None).decode("utf-8"))
    m = _BB.search(composed)
    x0, y0, x1, y1 = (float(v) for v in m.groups()) if m else (0.0, 0.0, 0.0, 0.0)
    pad = 2 * PAD * 72
    return x1 - x0 + pad, y1 - y0 + pad, float(SMALL_SIZE)


def render(
    view: View, fmt: str = "svg", *, timeout: float = DEFAULT_TIMEOUT, warnings: list[str] | None = None
) -> bytes:
    """The view drawn as ``fmt`` (svg, png, pdf, or dot for the DOT text)."""
    return run_dot(to_dot(view), fmt, timeout=timeout, warnings=warnings)
