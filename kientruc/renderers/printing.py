"""Diagrams on paper: the geometry of a drawing, the size its labels print at, the page it goes on.

A diagram drawn at its natural size (Graphviz's SVG says it in points) prints each text at the size
Graphviz drew it. Placed smaller on a page, every text shrinks by the same factor:

    effective size = font size in the drawing × placed width / natural width

(or the heights' ratio, whichever constrains). :func:`label_size` computes it for the smallest text
of a drawing; :func:`place` chooses the first page of :data:`PAGES` (A4 portrait, A4 landscape, A3
portrait, A3 landscape) on which that size is at least :data:`MIN_LABEL_PT` (8 pt), or says none
will do: such a view is split into parts (:func:`kientruc.views.split.split_view`) rather than
shrunk.

:func:`geometry` reads a Graphviz SVG into boxes — texts, nodes' shapes, edges' paths, clusters, and
the title and legend that :func:`kientruc.renderers.diagrams.render` puts outside the graph — for
the tests that check that nothing crosses the title or legend, that no label spills out of its shape
and that labels do not overlap. A text's width needs the font's metrics: the caller passes
``measure`` (the tests read DejaVu Sans with fontTools); without it, an average glyph width is assumed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Callable, Iterable

from ..i18n import text
from ..views import View
from ..views.split import renumber, split_view, widest, with_columns

MIN_LABEL_PT = 8.0
"""The smallest label size an official can read on paper, in points."""

CM = 72 / 2.54
"""Points in a centimetre."""

CAPTION_PT = 3 * 14.0
"""Room kept under a picture for its caption (two lines) and the spacing, in points."""


@dataclass(frozen=True)
class Page:
    """A page size and orientation, with the document's margins (NĐ 30/2020/NĐ-CP, Phụ lục I: top and
    bottom 2 cm, left 3 cm, right 2 cm)."""

    size: str  # A4 | A3
    orientation: str  # portrait | landscape
    width_cm: float
    height_cm: float
    left_cm: float = 3.0
    right_cm: float = 2.0
    top_cm: float = 2.0
    bottom_cm: float = 2.0

    @property
    def name(self) -> str:
        return f"{self.size} {self.orientation}"

    @property
    def frame(self) -> tuple[float, float]:
        """The room for a picture (points): the text width, and the text height less a caption's."""
        w = (self.width_cm - self.left_cm - self.right_cm) * CM
        h = (self.height_cm - self.top_cm - self.bottom_cm) * CM - CAPTION_PT
        return w, h


A4_PORTRAIT = Page("A4", "portrait", 21.0, 29.7)
A4_LANDSCAPE = Page("A4", "landscape", 29.7, 21.0)
A3_PORTRAIT = Page("A3", "portrait", 29.7, 42.0)
A3_LANDSCAPE = Page("A3", "landscape", 42.0, 29.7)
PAGES = (A4_PORTRAIT, A4_LANDSCAPE, A3_PORTRAIT, A3_LANDSCAPE)
"""The pages a diagram may be placed on, the document's own first."""


# --------------------------------------------------------------------------- geometry

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 (y grows downwards, as in SVG)
Measure = Callable[[str, float, bool], float]  # text, size, bold -> width in points

_SVG = "{http://www.w3.org/2000/svg}"
_NUM = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
ASCENT, DESCENT = 0.93, 0.24
"""DejaVu Sans's ascender and descender, in ems (hhea: 1901 and 483 of 2048)."""


def average_width(text: str, size: float, bold: bool = False) -> float:
    """A text's width assumed from an average glyph (0.58 em, 0.64 bold): when no metrics are at hand."""
    return len(text) * size * (0.64 if bold else 0.58)


@dataclass(frozen=True)
class Text:
    """One ``<text>`` of the drawing, where it is and how large."""

    text: str
    x: float
    y: float  # the baseline
    size: float
    anchor: str  # start | middle | end
    bold: bool
    owner: str  # the id of the node, edge or cluster it belongs to ("" for the graph)
    owner_class: str  # node | edge | cluster | graph

    def box(self, measure: Measure = average_width) -> Box:
        w = measure(self.text, self.size, self.bold)
        x0 = self.x - (w / 2 if self.anchor == "middle" else w if self.anchor == "end" else 0.0)
        return (x0, self.y - ASCENT * self.size, x0 + w, self.y + DESCENT * self.size)


@dataclass
class Geometry:
    """The boxes of a Graphviz drawing, in its own coordinates (points)."""

    width: float  # natural size, points
    height: float
    texts: list[Text] = field(default_factory=list)
    shapes: dict[str, Box] = field(default_factory=dict)  # node id -> the box of its shape
    edges: dict[str, Box] = field(default_factory=dict)  # edge id -> the box of its path and arrowheads
    lines: dict[str, list[tuple[float, float]]] = field(default_factory=dict)  # edge id -> points along its path
    clusters: dict[str, Box] = field(default_factory=dict)

    def texts_of(self, owner: str) -> list[Text]:
        return [t for t in self.texts if t.owner == owner]

    def box_of(self, owner: str, measure: Measure = average_width) -> Box | None:
        """The box around everything ``owner`` (e.g. ``title``, ``legend``) draws: shape and texts."""
        boxes = [t.box(measure) for t in self.texts_of(owner)]
        if owner in self.shapes:
            boxes.append(self.shapes[owner])
        return union(boxes) if boxes else None

    @property
    def smallest(self) -> float:
        """The size of the smallest text (points, at natural size); 0 if there is none."""
        return min((t.size for t in self.texts), default=0.0)


def crosses(points: Iterable[tuple[float, float]], box: Box) -> bool:
    """Whether a line through ``points`` (densely sampled) passes through ``box``."""
    return any(box[0] < x < box[2] and box[1] < y < box[3] for x, y in points)


def union(boxes: Iterable[Box]) -> Box:
    bs = list(boxes)
    return (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))


def overlap(a: Box, b: Box, tolerance: float = 0.0) -> bool:
    """Whether two boxes overlap by more than ``tolerance`` points both ways."""
    return min(a[2], b[2]) - max(a[0], b[0]) > tolerance and min(a[3], b[3]) - max(a[1], b[1]) > tolerance


def _points(values: str) -> list[tuple[float, float]]:
    nums = [float(v) for v in _NUM.findall(values)]
    return list(zip(nums[0::2], nums[1::2]))


def _path_points(d: str) -> list[tuple[float, float]]:
    """Points on a Graphviz path (``M x,y C x1,y1 x2,y2 x3,y3 …``): the cubic Béziers sampled, so the
    box is the curve's, not its control points'."""
    pts = _points(d.replace("M", " ").replace("C", " "))
    if not pts:
        return []
    out = [pts[0]]
    for i in range(1, len(pts) - 2, 3):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for k in range(1, 17):
            t = k / 16
            a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + e * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + e * p3[1]))
    return out


def _shape_box(g: ET.Element) -> Box | None:
    pts: list[tuple[float, float]] = []
    for el in g.iter():
        tag = el.tag.replace(_SVG, "")
        if tag in ("polygon", "polyline"):
            pts += _points(el.get("points", ""))
        elif tag == "path":
            pts += _path_points(el.get("d", ""))
        elif tag == "ellipse":
            cx, cy = float(el.get("cx", 0)), float(el.get("cy", 0))
            rx, ry = float(el.get("rx", 0)), float(el.get("ry", 0))
            pts += [(cx - rx, cy - ry), (cx + rx, cy + ry)]
    if not pts:
        return None
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


def geometry(svg: bytes | str) -> Geometry:
    """The boxes of a drawing ``dot -Tsvg`` wrote."""
    root = ET.fromstring(svg.encode("utf-8") if isinstance(svg, str) else svg)
    geo = Geometry(_pt(root.get("width", "0")), _pt(root.get("height", "0")))
    graph = next((g for g in root.iter(f"{_SVG}g") if g.get("class") == "graph"), root)
    for g in graph:
        tag, cls, gid = g.tag.replace(_SVG, ""), g.get("class", ""), g.get("id", "")
        if tag == "text":
            _add_text(geo, g, "", "graph")
            continue
        if tag != "g" or cls not in ("node", "edge", "cluster"):
            continue
        for t in g.iter(f"{_SVG}text"):
            _add_text(geo, t, gid, cls)
        shape = _shape_box(g)
        if shape is None:
            continue
        if cls == "node":
            geo.shapes[gid] = shape
        elif cls == "edge":
            geo.edges[gid] = shape
            geo.lines[gid] = [pt for path in g.iter(f"{_SVG}path") for pt in _path_points(path.get("d", ""))]
        else:
            geo.clusters[gid] = shape
    return geo


def _add_text(geo: Geometry, t: ET.Element, owner: str, cls: str) -> None:
    text = "".join(t.itertext())
    if not text.strip():
        return
    geo.texts.append(Text(text, float(t.get("x", 0)), float(t.get("y", 0)), float(t.get("font-size", 14)),
                          t.get("text-anchor", "start"), t.get("font-weight") == "bold", owner, cls))


def _pt(value: str) -> float:
    m = _NUM.match(value)
    if not m:
        return 0.0
    n = float(m.group())
    return n * 0.75 if value.endswith("px") else n


# --------------------------------------------------------------------------- on paper


def scale(natural: tuple[float, float], room: tuple[float, float]) -> float:
    """How much a picture of ``natural`` size shrinks to fit ``room`` (never enlarged: at most 1)."""
    w, h = natural
    if w <= 0 or h <= 0:
        return 1.0
    return min(1.0, room[0] / w, room[1] / h)


def label_size(svg: bytes | str | Geometry, width: float | None = None, height: float | None = None) -> float:
    """The size (points) the smallest label of ``svg`` prints at when the picture is placed ``width``
    points wide (or ``height`` high; the given one that constrains more): font size in the drawing ×
    placed size / natural size. With neither given, the natural size."""
    geo = svg if isinstance(svg, Geometry) else geometry(svg)
    ratios = [1.0]
    if width is not None and geo.width > 0:
        ratios.append(width / geo.width)
    if height is not None and geo.height > 0:
        ratios.append(height / geo.height)
    return geo.smallest * min(ratios)


@dataclass(frozen=True)
class Placement:
    """Where and how large a diagram is placed: ``page``; ``width`` × ``height`` points; the labels
    print at ``label_pt`` or more."""

    page: Page
    width: float
    height: float
    scale: float
    label_pt: float

    @property
    def fits(self) -> bool:
        return self.label_pt >= MIN_LABEL_PT - 1e-9


def placement(svg: bytes | str | Geometry, page: Page) -> Placement:
    """The diagram on ``page``: as large as the page's room allows, never larger than its natural size."""
    geo = svg if isinstance(svg, Geometry) else geometry(svg)
    s = scale((geo.width, geo.height), page.frame)
    return Placement(page, geo.width * s, geo.height * s, s, geo.smallest * s)


def place(svg: bytes | str | Geometry, pages: Iterable[Page] = PAGES) -> Placement:
    """The first of ``pages`` on which every label of the diagram prints at :data:`MIN_LABEL_PT` or more;
    if none will do, the placement on the largest (its ``fits`` is false: split the view)."""
    geo = svg if isinstance(svg, Geometry) else geometry(svg)
    last = None
    for page in pages:
        last = placement(geo, page)
        if last.fits:
            return last
    if last is None:
        raise ValueError("no page to place the diagram on")
    return last


def points(size: float, lang: str) -> str:
    """A size in points, one decimal, as the language writes it (8,6 / 8.6)."""
    t = f"{size:.1f}"
    return t.replace(".", ",") if lang == "vi" else t


def page_title(page: Page, lang: str) -> str:
    """The page in words ("A3 khổ ngang")."""
    return text("diagram.page", lang, size=page.size, orientation=text(f"diagram.orientation.{page.orientation}", lang))


# --------------------------------------------------------------------------- views that print


@dataclass(frozen=True)
class Printed:
    """A view (or a part of one) as it goes on paper: its drawing and its placement."""

    view: View
    svg: bytes
    placement: Placement


COLUMNS = (4, 3, 2)
"""Narrower band layouts tried before a view is split (nodes a row)."""

MAX_PARTS = 12

MAX_PROBES = 32
"""The most candidate layouts :func:`printable` tries for one view (a large model's views cost
Graphviz a second or more each): past it, what was found is kept, and said."""


Size = Callable[[View], tuple[float, float, float]]
"""A view's natural width and height and its smallest text, in points, without drawing it."""


def printable(view: View, draw: Callable[[View], bytes], *, svg: bytes | None = None, size: Size | None = None,
              pages: tuple[Page, ...] = PAGES, max_parts: int = MAX_PARTS) -> list[Printed]:
    """``view`` ready for paper: drawn (``draw`` gives a view's SVG; ``svg``, if given, is the view's
    own drawing already made) and placed on the first of ``pages`` where every label prints at
    :data:`MIN_LABEL_PT` or more. If none will do, its bands are laid out narrower (:data:`COLUMNS`),
    then it is split into parts (:func:`kientruc.views.split.split_view`), each laid out narrower if
    need be and split again if still too large, up to ``max_parts`` parts; a part that still does
    not fit is returned with ``placement.fits`` false (the caller says so).

    ``size``, if given, tells a candidate's size without drawing it (cheaper while searching); every
    view returned is drawn, and placed from its drawing."""
    probes = [0]

    def probe(v: View, given: bytes | None = None) -> Printed:
        probes[0] += 1
        if given is not None or size is None:
            drawn = given if given is not None else draw(v)
            return Printed(v, drawn, place(drawn, pages))
        w, h, smallest = size(v)
        return Printed(v, b"", place(_Sized(w, h, smallest), pages))

    first = _fit(view, probe, svg, probes)
    if first.placement.fits:
        return [_drawn(first, draw, pages)]
    # each part gets about 1/n of the drawing: the labels grow about as sqrt(n); start near there
    short = (MIN_LABEL_PT / max(first.placement.label_pt, 1e-3)) ** 2
    start = max(2, min(max_parts, int(short / 2)))
    done: list[Printed] = []
    todo = [(p, 0) for p in split_view(view, start)]
    while todo:
        part, depth = todo.pop(0)
        fitted = _fit(part, probe, None, probes)
        if (fitted.placement.fits or len(part.nodes) < 2 or len(done) + len(todo) + 2 > max_parts
                or probes[0] >= MAX_PROBES):
            done.append(fitted)
            continue
        # this part alone is still too large: split it in two, in its place
        todo[0:0] = [(p, depth + 1) for p in split_view(part, 2)]
    out = []
    for printed, numbered in zip(done, renumber(view, [p.view for p in done])):
        if numbered.title == printed.view.title and printed.svg:
            out.append(Printed(numbered, printed.svg, printed.placement))
        else:  # drawn now, or split again (its number and title changed, and so may its size)
            out.append(_drawn(Printed(numbered, b"", printed.placement), draw, pages))
    return out


class _Sized(Geometry):
    def __init__(self, width: float, height: float, smallest: float) -> None:
        super().__init__(width, height)
        self._smallest = smallest

    @property
    def smallest(self) -> float:
        return self._smallest


def _drawn(p: Printed, draw: Callable[[View], bytes], pages: tuple[Page, ...]) -> Printed:
    if p.svg:
        return p
    svg = draw(p.view)
    return Printed(p.view, svg, place(svg, pages))


def _fit(view: View, probe: Callable[..., Printed], svg: bytes | None, probes: list[int]) -> Printed:
    out = probe(view, svg)
    if out.placement.fits:
        return out
    if out.placement.label_pt < MIN_LABEL_PT / 2:
        return out  # a quarter of the area it needs: narrower bands will not do, splitting will
    wide = widest(view)
    for columns in COLUMNS:
        if columns >= wide or probes[0] >= MAX_PROBES:
            continue
        tried = probe(with_columns(view, columns))
        if tried.placement.fits:
            return tried
        if tried.placement.label_pt > out.placement.label_pt:
            out = tried
    return out


__all__ = [
    "A3_LANDSCAPE", "A3_PORTRAIT", "A4_LANDSCAPE", "A4_PORTRAIT", "MIN_LABEL_PT", "PAGES", "Geometry", "Page",
    "Placement", "Printed", "Text", "printable", "average_width", "crosses", "geometry", "label_size", "overlap", "page_title", "place", "points", "placement", "scale", "union",
]
