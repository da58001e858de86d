"""Diagrams that print: every label of every diagram placed in the document prints at 8 pt or more
on the page it is placed on; a view too large for that is split into parts; no edge or label crosses
a diagram's title or legend; no label spills out of its shape; the integration view's labels do not
overlap.

Measured on what users get: the showcase site and its DOCX built today and as of 2018-10-09, the
pictures' placed sizes read back with python-docx, the drawings' geometry read from Graphviz's SVG,
and text widths from DejaVu Sans's own metrics (fontTools).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import struct
from pathlib import Path

import pytest

from conftest import REPO
from kientruc.renderers import diagrams
from kientruc.renderers.printing import (
    A3_LANDSCAPE,
    A4_LANDSCAPE,
    A4_PORTRAIT,
    MIN_LABEL_PT,
    PAGES,
    crosses,
    geometry,
    label_size,
    overlap,
    place,
    placement,
    union,
)
from kientruc.views.split import split_view

docx = pytest.importorskip("docx")
ttLib = pytest.importorskip("fontTools.ttLib")
needs_dot = pytest.mark.skipif(diagrams.dot_executable() is None, reason="Graphviz dot is not installed")

FONTS = Path("/usr/share/fonts/truetype/dejavu")
DAYS = {"today": None, "2018": dt.date(2018, 10, 9)}


# --------------------------------------------------------------------------- font metrics


@functools.lru_cache(maxsize=None)
def _font(bold: bool):
    path = FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if not path.is_file():
        pytest.skip("DejaVu Sans is not installed (fonts-dejavu-core)")
    font = ttLib.TTFont(str(path))
    return font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm


def measure(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` in DejaVu Sans at ``size`` points: the glyphs' advances (no kerning)."""
    cmap, hmtx, upem = _font(bold)
    units = 0
    for ch in text:
        glyph = cmap.get(ord(ch))
        units += hmtx[glyph][0] if glyph in hmtx else upem // 2
    return units * size / upem


# --------------------------------------------------------------------------- the library, on made-up drawings


def _svg(width: float, height: float, sizes: tuple[float, ...]) -> bytes:
    texts = "".join(
        f'<text text-anchor="middle" x="{10 + i}" y="-{10 + i}" font-family="DejaVu Sans" font-size="{s:.2f}">a</text>'
        for i, s in enumerate(sizes)
    )
    return (
        f'<svg width="{width:g}pt" height="{height:g}pt" viewBox="0.00 0.00 {width} {height}" '
        'xmlns="http://www.w3.org/2000/svg"><g id="graph0" class="graph">'
        f'<g id="node1" class="node"><title>a</title>{texts}</g></g></svg>'
    ).encode()


def test_label_size_is_the_smallest_font_times_the_scale():
    svg = _svg(1000, 500, (11, 9, 18))
    assert label_size(svg) == pytest.approx(9)
    assert label_size(svg, width=500) == pytest.approx(4.5)
    assert label_size(svg, width=500, height=100) == pytest.approx(9 * 100 / 500)  # the height constrains
    assert label_size(svg, width=2000) == pytest.approx(9)  # never enlarged


def test_place_takes_the_first_page_where_labels_reach_8_pt():
    w4, h4 = A4_PORTRAIT.frame
    small = _svg(w4 * 0.9, h4 * 0.5, (9,))
    assert place(small).page == A4_PORTRAIT and place(small).label_pt == pytest.approx(9)
    wide = _svg(w4 * 1.5, h4 * 0.4, (9,))  # 6 pt on A4 portrait, 9 pt on A4 landscape
    assert placement(wide, A4_PORTRAIT).label_pt < MIN_LABEL_PT
    assert place(wide).page == A4_LANDSCAPE
    huge = _svg(A3_LANDSCAPE.frame[0] * 3, A3_LANDSCAPE.frame[1], (9,))
    p = place(huge)
    assert p.page == PAGES[-1] and not p.fits and p.label_pt == pytest.approx(3, rel=1e-3)


# --------------------------------------------------------------------------- the showcase, built


@pytest.fixture(scope="module", params=sorted(DAYS))
def built(request, tmp_path_factory) -> tuple[str, Path]:
    if diagrams.dot_executable() is None:
        pytest.skip("Graphviz dot is not installed")
    from kientruc.pipeline import publication
    from kientruc.renderers.site import build_site

    out = tmp_path_factory.mktemp(f"print-{request.param}") / "site"
    report = build_site(publication(REPO / "architecture", as_of=DAYS[request.param]), out)
    assert not [w for w in report.warnings if "pt even on" in w], report.warnings
    return request.param, out


def _pictures(path: Path) -> list[dict]:
    """Every picture of the DOCX with its placed size and the text area of the section it is in."""
    from docx.oxml.ns import qn
    from docx.shared import Length

    d = docx.Document(str(path))
    sections = list(d.sections)
    body = d.element.body
    index = 0
    found = []
    shapes = {s._inline.docPr.get("id"): s for s in d.inline_shapes}
    for child in body.iterchildren():
        for inline in child.iter(qn("wp:inline")):
            shape = shapes[inline.find(qn("wp:docPr")).get("id")]
            sec = sections[index]
            found.append({
                "name": inline.find(qn("wp:docPr")).get("name"),
                "descr": inline.find(qn("wp:docPr")).get("descr"),
                "width": shape.width.pt,
                "height": shape.height.pt,
                "room": (Length(sec.page_width - sec.left_margin - sec.right_margin).pt,
                         Length(sec.page_height - sec.top_margin - sec.bottom_margin).pt),
                "page": (round(sec.page_width.cm, 1), round(sec.page_height.cm, 1)),
                "png": d.part.related_parts[inline.find(".//" + qn("a:blip")).get(qn("r:embed"))].blob,
            })
        if child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            index += 1  # this paragraph ends a section
    return found


def _svg_of(site: Path, view_id: str) -> bytes:
    return (site / "diagrams" / f"{view_id.replace(':', '-')}.svg").read_bytes()


@needs_dot
def test_every_diagram_in_the_document_prints_labels_of_8_pt(built):
    day, site = built
    pictures = _pictures(site / "thuyet-minh-kien-truc.docx")
    views = {p["name"].split(":")[0] for p in pictures}
    assert {"overview", "integration", "deployment", "roadmap"} <= views, views
    report = []
    for pic in pictures:
        svg = _svg_of(site, pic["name"])
        geo = geometry(svg)
        # the picture is the drawing the SVG is: the PNG's pixels are its points at the PNG's dpi
        w_px, h_px = struct.unpack(">II", pic["png"][16:24])
        assert w_px * 72 / diagrams.PNG_DPI == pytest.approx(geo.width, rel=0.02)
        assert h_px * 72 / diagrams.PNG_DPI == pytest.approx(geo.height, rel=0.02)
        # it lies inside its page's text area, and its smallest label prints at 8 pt or more
        assert pic["width"] <= pic["room"][0] + 0.5 and pic["height"] <= pic["room"][1] + 0.5, pic["name"]
        size = label_size(geo, width=pic["width"])
        report.append(f"{day} {pic['name']}: {size:.1f} pt on {pic['page']} cm")
        assert size >= MIN_LABEL_PT, report[-1]
    print("\n".join(report))


@needs_dot
def test_a_view_too_large_for_a3_is_split_and_titled_by_part(built):
    day, site = built
    pictures = _pictures(site / "thuyet-minh-kien-truc.docx")
    parts = [p for p in pictures if p["name"].startswith("overview:")]
    if day == "today":
        # 53 nodes: at 3–6 pt whole on A4 or A3, the overview goes in parts, each a figure of its own
        assert len(parts) >= 2
        for i, p in enumerate(parts, 1):
            assert f"(phần {i}/{len(parts)}: " in p["descr"], p["descr"]
        # the governance layer (93 nodes today) is offered in parts on the site, beside the whole
        page = (site / "diagrams.html").read_text(encoding="utf-8")
        assert 'href="diagrams/layer-motivation-1.svg"' in page
        assert (site / "diagrams" / "layer-motivation.svg").is_file()
    for i, p in enumerate(parts, 1):
        title = " ".join(t.text for t in geometry(_svg_of(site, p["name"])).texts_of("title"))
        assert f"(phần {i}/{len(parts)}: " in title, title  # the drawing's own title says which part


def _ink(t) -> tuple[float, float, float, float]:
    """Where a text's glyphs are: its width from the metrics; from the top of a capital with its
    Vietnamese mark (0.9 em) to the bottom of a descender (0.2 em)."""
    x0, _y0, x1, _y1 = t.box(measure)
    return (x0, t.y - 0.9 * t.size, x1, t.y + 0.2 * t.size)


def _site_svgs(site: Path) -> list[Path]:
    return sorted((site / "diagrams").glob("*.svg"))


@needs_dot
def test_no_edge_node_or_label_crosses_the_title_or_the_legend(built):
    _day, site = built
    checked = 0
    for path in _site_svgs(site):
        geo = geometry(path.read_bytes())
        title, legend = geo.box_of("title", measure), geo.box_of("legend", measure)
        assert title is not None and legend is not None, path.name
        assert not overlap(title, legend)
        others = [(f"edge {k}", b) for k, b in geo.edges.items()]
        others += [(f"node {k}", b) for k, b in geo.shapes.items() if k not in ("title", "legend")]
        others += [(f"cluster {k}", b) for k, b in geo.clusters.items()]
        others += [(f"text {t.text!r}", t.box(measure)) for t in geo.texts if t.owner not in ("title", "legend")]
        for what, box in others:
            assert not overlap(box, title), f"{path.name}: {what} crosses the title"
            assert not overlap(box, legend), f"{path.name}: {what} crosses the legend"
            checked += 1
    assert checked > 500


@needs_dot
def test_no_edge_crosses_a_band_title(built):
    """The overall diagram and the layer views draw each band's title as a node Graphviz routes
    edges around (a cluster's own label is no obstacle to them: edges ran across it); the flow views
    (integration, deployment) keep cluster labels, moved along the band's top where no edge runs."""
    _day, site = built
    crossings = []
    seen = set()
    for path in _site_svgs(site):
        if not path.name.startswith(("overview", "layer-", "integration", "deployment")):
            continue
        seen.add(path.name.split("-")[0].split(".")[0])
        geo = geometry(path.read_bytes())
        titles = [t for t in geo.texts if t.owner.startswith("band-") or t.owner in geo.clusters]
        assert titles, path.name
        for t in titles:
            for edge, points in geo.lines.items():
                if crosses(points, _ink(t)):
                    crossings.append(f"{path.name}: {edge} crosses the band title {t.text!r}")
    assert not crossings, "\n".join(crossings)
    assert {"overview", "layer", "integration", "deployment"} <= seen, seen


@needs_dot
def test_band_titles_of_the_flow_views_lie_on_no_other_label_or_node(built):
    """Where a band title moved off an edge (integration, deployment), it lies on nothing else."""
    _day, site = built
    clashes = []
    for path in _site_svgs(site):
        if not path.name.startswith(("integration", "deployment")):
            continue
        geo = geometry(path.read_bytes())
        for t in (t for t in geo.texts if t.owner in geo.clusters):
            clashes += [f"{path.name}: {t.text!r} over {o.text!r}" for o in geo.texts
                        if o is not t and overlap(_ink(t), _ink(o), tolerance=0.5)]
            clashes += [f"{path.name}: {t.text!r} over node {k}" for k, b in geo.shapes.items()
                        if overlap(_ink(t), b, tolerance=0.5)]
    assert not clashes, "\n".join(clashes)


@needs_dot
def test_no_label_spills_out_of_its_shape(built):
    _day, site = built
    spills = []
    for path in _site_svgs(site):
        geo = geometry(path.read_bytes())
        for owner, shape in geo.shapes.items():
            if owner in ("title", "legend"):
                continue  # no shape: the coloured cells of the legend are its only polygons
            for t in geo.texts_of(owner):
                x0, y0, x1, y1 = _ink(t)
                if x0 < shape[0] - 1 or x1 > shape[2] + 1 or y0 < shape[1] - 1 or y1 > shape[3] + 1:
                    spills.append(f"{path.name}: {t.text!r} ({x0:.0f}–{x1:.0f}) out of {owner} ({shape[0]:.0f}–{shape[2]:.0f})")
        for owner, box in geo.clusters.items():
            for t in geo.texts_of(owner):
                x0, _y0, x1, _y1 = t.box(measure)
                if x0 < box[0] - 1 or x1 > box[2] + 1:
                    spills.append(f"{path.name}: band title {t.text!r} out of its band")
    assert not spills, "\n".join(spills[:20])


@needs_dot
def test_labels_of_the_integration_view_do_not_overlap(built):
    _day, site = built
    paths = [p for p in _site_svgs(site) if p.name.startswith("integration")]
    assert paths
    clashes = []
    for path in paths:
        geo = geometry(path.read_bytes())
        labels: dict[str, list] = {}
        for t in geo.texts:
            labels.setdefault(t.owner or t.text, []).append(t)
        boxes = {owner: union(_ink(t) for t in ts) for owner, ts in labels.items()}
        for (a, ba), (b, bb) in itertools.combinations(sorted(boxes.items()), 2):
            if overlap(ba, bb, tolerance=0.5):
                clashes.append(f"{path.name}: {' '.join(t.text for t in labels[a])!r} ({a}) over "
                               f"{' '.join(t.text for t in labels[b])!r} ({b})")
    assert not clashes, "\n".join(clashes[:20])


@needs_dot
def test_every_kind_s_shape_holds_a_label_of_three_lines():
    """The shapes the diagrams give the kinds hold a name of two lines and the kind under it
    (Graphviz's ``cds`` and ``signature`` do not: the text runs out above and below)."""
    lines = 'Trung tâm Phục vụ hành<BR/>chính công tỉnh Quảng Trị<BR/><FONT POINT-SIZE="9">«Kênh giao tiếp»</FONT>'
    shapes = sorted({shape for shape, _style in diagrams.KIND_SHAPES.values()})
    dot = 'digraph g { node [fontname="DejaVu Sans", fontsize=11, margin="0.12,0.06", style=filled];\n'
    dot += "".join(f'"{s}" [id="{s}", shape="{s}", label=<{lines}>];\n' for s in shapes + ["cds"]) + "}"
    geo = geometry(diagrams.run_dot(dot, "svg"))

    def holds(shape: str) -> bool:
        box = geo.shapes[shape]
        return all(box[0] - 1 <= x0 and x1 <= box[2] + 1 and box[1] - 1 <= y0 and y1 <= box[3] + 1
                   for x0, y0, x1, y1 in map(_ink, geo.texts_of(shape)))

    assert [s for s in shapes if not holds(s)] == []
    assert not holds("cds")  # the check can fail


# --------------------------------------------------------------------------- splitting, as data


def test_split_keeps_every_node_once_and_counts_the_relations_left_out():
    from kientruc import build_graph, load
    from kientruc.views import compute_view

    loaded = load(REPO / "architecture")
    assert loaded.ok, "the showcase architecture/ must load"
    graph = build_graph(loaded.architecture, dt.date(2024, 1, 1))
    view = compute_view(graph, "layer:motivation")
    for n in (2, 3, 5):
        parts = split_view(view, n)
        assert len(parts) == n
        ids = [node.id for p in parts for node in p.nodes]
        assert sorted(ids) == sorted(node.id for node in view.nodes)  # each node in one part
        drawn = sum(len(p.edges) for p in parts)
        crossing = sum(p.other_parts for p in parts)
        assert drawn + crossing / 2 == len(view.edges)  # a relation left out is counted by both its parts
        assert [p.part for p in parts] == [(i, n) for i in range(1, n + 1)]
        assert all(p.title.startswith(view.title + " (phần ") for p in parts)
        for p in parts:  # every node's group is one of the part's groups
            assert {node.group for node in p.nodes} <= {g.id for g in p.groups}


# --------------------------------------------------------------------------- band titles, on a made-up layout

_LAID = """digraph g {
\tgraph [bb="0,0,400,200"];
\tnode [label="\\N"];
\tsubgraph cluster_a {
\t\tgraph [bb="10,10,390,150",
\t\t\tlabel="Band title",
\t\t\tlabeljust=l,
\t\t\tlabelloc=t,
\t\t\tlheight=0.21,
\t\t\tlp="50,139.5",
\t\t\tlwidth=0.90
\t\t];
\t\tb\t[height=0.5,
\t\t\tpos="200,50",
\t\t\twidth=0.75];
\t}
\ta\t[height=0.5,
\t\tpos="%s,190",
\t\twidth=0.75];
\ta -> b\t[pos="e,200,68 %s,172 %s,140 200,100 200,68"];
}
"""


def _drawn(laid: str):
    geo = geometry(diagrams._run([diagrams._exe(), "-Kneato", "-n2", "-Tsvg"], laid, 30, None))
    (title,) = [t for t in geo.texts if t.text == "Band title"]
    return title, geo


@needs_dot
def test_a_band_title_an_edge_runs_through_moves_along_the_band_s_top():
    laid = _LAID % ((50,) * 3)  # the edge comes down straight through the title, at x = 50
    title, geo = _drawn(laid)
    assert any(crosses(pts, _ink(title)) for pts in geo.lines.values())  # as dot placed it
    moved = diagrams._free_band_titles(laid)
    assert 'lp="50,139.5"' not in moved
    title, geo = _drawn(moved)
    assert not any(crosses(pts, _ink(title)) for pts in geo.lines.values())
    assert title.size == 14  # the same text at the same size (the default)
    (band,) = geo.clusters.values()
    x0, _y0, x1, _y1 = title.box(measure)
    assert band[0] <= x0 and x1 <= band[2] and band[1] < title.y < band[1] + 30  # still at its band's top (SVG: y down)
    # a title no edge runs through stays where dot put it
    assert diagrams._free_band_titles(_LAID % ((300,) * 3)) == _LAID % ((300,) * 3)


def _two_bands(edges_from_above: int) -> str:
    """A left-to-right graph: a band above whose nodes have edges to a band below, which run across the
    lower band's top (where dot puts its title) from above."""
    lines = ['digraph g {', '  graph [rankdir="LR", newrank="true", fontname="DejaVu Sans"];',
             '  node [shape=box, fontname="DejaVu Sans", fontsize=11];',
             '  subgraph "cluster_a" {', '    graph [label=<<B>Upper band</B>>, fontsize=12, labeljust="l", labelloc="t"];']
    lines += [f"    a{i};" for i in range(max(edges_from_above, 1))]
    lines += ["  }", '  subgraph "cluster_c" {',
              '    graph [fontsize=12, label=<<B>The lower band, with a title of some length</B>>, labeljust="l", labelloc="t"];',
              "    c0; c1; c2;", "  }", "  c0 -> c1;"]
    lines += [f"  a{i} -> c{1 + i % 2};" for i in range(edges_from_above)]
    return "\n".join(lines) + "\n}\n"


def _titles_crossed(laid: str):
    """The edges crossing the lower band's title, drawn as :func:`diagrams.compose` draws a layout (the
    titles moved off the edges where they can be); the drawing; the title."""
    moved = diagrams._free_band_titles(diagrams._free_edge_labels(laid))
    geo = geometry(diagrams._run([diagrams._exe(), "-Kneato", "-n2", "-Tsvg"], moved, 30, None))
    (title,) = [t for t in geo.texts if t.text.startswith("The lower band")]
    return [e for e, pts in geo.lines.items() if crosses(pts, _ink(title))], geo, title


@needs_dot
def test_a_band_title_crossed_all_along_its_band_s_top_becomes_a_node_edges_go_around():
    body = _two_bands(4)
    first = diagrams._run([diagrams._exe(), "-Tdot"], body, 30, None).decode()
    crossed, _geo, title = _titles_crossed(first)
    assert crossed and title.owner_class == "cluster"  # as dot draws it, the title moved wherever it can go
    laid = diagrams.lay_out(body)
    assert '"~band~cluster_c"' in laid  # the title is now a node of its band
    crossed, geo, title = _titles_crossed(laid)
    assert crossed == []
    assert title.owner == "band-cluster_c" and title.size == 12 and title.bold
    # in its band, above the band's other nodes of its column
    lower = [b for k, b in geo.clusters.items() if not any(t.owner == k for t in geo.texts)]
    assert len(lower) == 1 and lower[0][0] <= title.box(measure)[0] and title.box(measure)[2] <= lower[0][2]
    assert lower[0][1] <= title.y - title.size <= lower[0][1] + 30  # at its top (SVG: y down)
    # a band whose title no edge crosses keeps its cluster label, and the first layout
    quiet = _two_bands(0)
    assert diagrams.lay_out(quiet) == diagrams._run([diagrams._exe(), "-Tdot"], quiet, 30, None).decode()


_TWO_LABELS = """digraph g {
\tgraph [bb="0,0,400,300"];
\tnode [label="\\\\N"];
\ta\t[height=0.5,
\t\tpos="50,150",
\t\twidth=0.75];
\tb\t[height=0.5,
\t\tpos="350,250",
\t\twidth=0.75];
\tc\t[height=0.5,
\t\tpos="350,50",
\t\twidth=0.75];
\ta -> b\t[label=<kết nối với>,
\t\tlp="200,160",
\t\tpos="e,323,245 77,155 150,170 250,230 323,245"];
\ta -> c\t[label=<kết nối với>,
\t\tlp="200,156",
\t\tpos="e,323,55 77,145 150,130 250,70 323,55"];
}
"""


@needs_dot
def test_an_edge_label_lying_on_another_moves_along_its_own_edge():
    def drawn(laid: str):
        geo = geometry(diagrams._run([diagrams._exe(), "-Kneato", "-n2", "-Tsvg"], laid, 30, None))
        return [(t, _ink(t)) for t in geo.texts if t.owner_class == "edge"], geo

    labels, _geo = drawn(_TWO_LABELS)
    assert overlap(labels[0][1], labels[1][1], tolerance=0.5)  # as placed: one over the other
    moved = diagrams._free_edge_labels(_TWO_LABELS)
    assert 'lp="200,160"' in moved and 'lp="200,156"' not in moved  # the first keeps its place
    labels, geo = drawn(moved)
    assert len(labels) == 2 and not overlap(labels[0][1], labels[1][1], tolerance=0.5)
    (second,) = [box for t, box in labels if t.owner != "edge1"]
    x0, y0, x1, y1 = second
    near = [(x, y) for x, y in geo.lines["edge2"] if x0 - 2 <= x <= x1 + 2 and y0 - 20 <= y <= y1 + 20]
    assert near  # beside its own edge (a -> c), not somewhere else
    assert not any(overlap(second, b) for k, b in geo.shapes.items())
    # labels apart stay where they are
    apart = _TWO_LABELS.replace('lp="200,156"', 'lp="200,120"')
    assert diagrams._free_edge_labels(apart) == apart
