"""Diagrams: a :class:`~kientruc.views.View` to DOT text, and DOT to SVG, PNG or PDF.

:func:`to_dot` is a pure function of the view: the same view gives the same text,
byte for byte (everything is sorted; nothing depends on dict or set order). It
draws the layers in colours in the spirit of ArchiMate, a shape per kind, the
title, the day, a legend and the source line, and names the font everywhere:
DejaVu Sans has every Vietnamese letter (Debian ``fonts-dejavu-core``).

:func:`render` runs Graphviz's ``dot`` in a subprocess with a timeout. Problems
(``dot`` missing, too slow, failing) raise :class:`DiagramError` with a message
meant for the user.

Layouts: a ``bands`` view stacks its groups as bands (the overall diagram's
layers, a layer's kinds, the roadmap's years); inside a band the nodes wrap into
rows, side bands run the height of the diagram, and relations are drawn without
moving the bands. A ``flow`` view lets the relations place the nodes, left to right.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import textwrap

from .. import i18n
from ..i18n import date, kind_title, layer_title, number, relation_title
from ..models import KINDS, LAYER_OF
from ..views import View, ViewEdge, ViewGroup, ViewNode

FONT = "DejaVu Sans"
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
    "channel": ("cds", ""),
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
    small_html = "<BR/>".join(_lines(s, width + 6) for s in small)
    label = _Html(f'{name}<BR/><FONT POINT-SIZE="8" COLOR="#404040">{small_html}</FONT>')
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


def _edge_stmt(e: ViewEdge, view: View, *, constraint: bool, reverse: bool = False) -> str:
    """One edge; ``reverse`` writes it target to source with ``dir=back`` (it looks the same,
    and Graphviz routes an edge that goes up the page better that way)."""
    colour, style, head, tail = EDGE_THEME.get(e.type, ("#555555", "solid", "normal", ""))
    title = relation_title(e.type, view.lang)
    label = (e.label or title) if view.edge_labels else ""
    if e.count > 1:
        label = f"{label} ×{number(e.count, view.lang)}".strip()
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
        attrs["label"] = _Html(_lines(label, 36))
    if not constraint:
        attrs["constraint"] = "false"
    source, target = e.source, e.target
    if reverse:
        source, target = target, source
        attrs["arrowhead"], attrs["arrowtail"] = attrs.get("arrowtail") or "none", attrs["arrowhead"]
        attrs["dir"] = "both" if tail else "back"
    return f"{quote(source)} -> {quote(target)} " + _attrs(**attrs)


def _cluster_open(cid: str, g: ViewGroup, indent: str) -> list[str]:
    fill, border, pale = _theme(g.layer)
    label = _Html(f"<B>{_lines(g.label, 40)}</B>") if g.label else ""
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
    for cells, per_row in ((kind_cells, 7), (rel_cells, 7)):
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
    if view.missing:
        notes.append(_t("missing", lang, ids=", ".join(view.missing)))
    if not view.nodes:
        notes.append(_t("empty", lang))
    notes.append(view.source)
    body = [f'<TR><TD ALIGN="LEFT">{r}</TD></TR>' for r in rows]
    body += [f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{_lines(n, 110)}</TD></TR>' for n in notes]
    # one row a line: the DOT text stays readable, and so do the snapshots' diffs
    return _Html(
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">\n'
        f'<TR><TD ALIGN="LEFT"><B>{html(_t("legend", lang))}</B></TD></TR>\n' + "\n".join(body) + "\n</TABLE>"
    )


def _title(view: View) -> _Html:
    return _Html(
        f'<FONT POINT-SIZE="20"><B>{_lines(view.title, 70)}</B></FONT><BR/>'
        f'<FONT POINT-SIZE="13">{_lines(view.subtitle, 90)}</FONT><BR/>'
        f'<FONT POINT-SIZE="11" COLOR="#444444">{html(_date(view))}</FONT>'
    )


def to_dot(view: View) -> str:
    """The view as DOT text: deterministic, every label escaped, the font named."""
    bands = view.layout == "bands"
    sides = bands and any(g.role in ("left", "right") for g in view.groups)
    # The title and the legend. Usually everything is framed in a cluster titled at the
    # top, and the legend is the graph's label, at the bottom. With side bands, a
    # cluster around the bands would upset their left-to-right order: the title is
    # then the graph's label and the legend a node under the last band.
    out = [
        f"digraph {quote(view.id)} {{",
        "  graph "
        + _attrs(
            charset="UTF-8",
            fontname=FONT,
            fontsize=11,
            rankdir=view.direction,
            newrank="true",
            nodesep=0.25 if bands else 0.3,
            ranksep=0.35 if bands else 0.6,
            pad=0.3,
            bgcolor="white",
            labelloc="t" if sides else "b",
            labeljust="c" if sides else "l",
            label=_title(view) if sides else _legend(view),
            outputorder="edgesfirst",
        )
        + ";",
        "  node " + _attrs(fontname=FONT, fontsize=11, margin="0.12,0.06") + ";",
        "  edge " + _attrs(fontname=FONT, fontsize=9, arrowsize=0.7) + ";",
    ]
    rows: dict[str, int] = {}
    if bands:
        body, extra, rows = _bands(view, legend_node=sides)
    else:
        body, extra = _flow(view)
    if sides:
        out.extend(body)
    else:
        out.append(f"  subgraph {quote('cluster_view')} {{")
        out.append(
            "    graph "
            + _attrs(label=_title(view), labelloc="t", labeljust="c", color="white", fontsize=14, margin=12)
            + ";"
        )
        out.extend("  " + line for line in body)
        out.append("  }")
    out.extend(extra)
    for e in view.edges:
        up = rows.get(e.target, 0) < rows.get(e.source, 0)
        out.append("  " + _edge_stmt(e, view, constraint=not bands, reverse=up) + ";")
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


def _bands(view: View, *, legend_node: bool) -> tuple[list[str], list[str], dict[str, int]]:
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
    for g in main:
        own = _chunks([n.id for n in members[g.id]], g.columns or 6)
        grid[g.id] = own
        side = []
        if g.id in beside:
            b = beside[g.id]
            side = _chunks([n.id for n in members[b.id]], b.columns or 2)
            grid[b.id] = side
        for r in range(max(len(own), len(side))):
            rows.append((own[r] if r < len(own) else []) + (side[r] if r < len(side) else []))
    for g in left + right:
        ids = [n.id for n in members[g.id]]
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
        body.extend(_cluster_open(f"g{i}", g, "  "))
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
    if legend_node:
        # the legend under the last row: a node placed by an edge from the bands (anything
        # placed above them would upset their left-to-right order)
        body.append("  " + quote("~legend") + " " + _attrs(shape="plain", label=_legend(view)) + ";")
        last = [x for x in rows_full[-1] if group_of.get(x) in main_ids] if rows_full else []
        anchor = last[0] if last else (rows_full[-1][0] if rows_full and rows_full[-1] else None)
        if anchor:
            links.append((anchor, "~legend"))
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


def run_dot(
    dot_text: str, fmt: str, *, timeout: float = DEFAULT_TIMEOUT, warnings: list[str] | None = None
) -> bytes:
    """Lay out ``dot_text`` with Graphviz and return the ``fmt`` file's bytes (``dot``: the text).

    Messages Graphviz printed about a drawing it did produce are appended to ``warnings``.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "dot":
        return dot_text.encode("utf-8")
    exe = dot_executable()
    if exe is None:
        where = os.environ.get("KIENTRUC_DOT") or "dot"
        raise GraphvizNotFound(
            f"Graphviz is not installed (no '{where}' program found): install it "
            "(Debian: apt-get install graphviz fonts-dejavu-core) or set KIENTRUC_DOT to the dot program; "
            "--format dot writes the DOT text without it"
        )
    args = [exe, f"-T{_DEVICE[fmt]}"]
    if fmt == "png":
        args.append(f"-Gdpi={PNG_DPI}")
    try:
        proc = subprocess.run(args, input=dot_text.encode("utf-8"), capture_output=True, timeout=timeout, check=False)
        if proc.returncode != 0 and _RANK_BUG in proc.stderr and 'newrank="true", ' in dot_text:
            # Graphviz 2.43 cannot always rank clusters with newrank; its older ranking can.
            proc = subprocess.run(
                args, input=dot_text.replace('newrank="true", ', "", 1).encode("utf-8"), capture_output=True,
                timeout=timeout, check=False,
            )
    except subprocess.TimeoutExpired:
        raise GraphvizTimeout(
            f"Graphviz did not finish within {timeout:g} s: the view is too large to lay out; "
            "draw it collapsed (a lower --max-nodes) or allow more time (--timeout)"
        ) from None
    except OSError as exc:
        raise GraphvizNotFound(f"cannot run Graphviz ({exe}): {exc}") from None
    err = [line.strip() for line in proc.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    errors = [line for line in err if line.startswith("Error")]
    drawn_anyway = proc.returncode == 1 and proc.stdout and all(any(m in e for m in _LOST_EDGE) for e in errors)
    if proc.returncode != 0 and not drawn_anyway or not proc.stdout:
        raise GraphvizFailed(
            f"Graphviz failed (exit {proc.returncode}): " + ("; ".join(err[:5]) if err else "no message")
        )
    if warnings is not None:
        warnings.extend(err)
    return proc.stdout


def render(
    view: View, fmt: str = "svg", *, timeout: float = DEFAULT_TIMEOUT, warnings: list[str] | None = None
) -> bytes:
    """The view drawn as ``fmt`` (svg, png, pdf, or dot for the DOT text)."""
    return run_dot(to_dot(view), fmt, timeout=timeout, warnings=warnings)
