"""Views and diagrams: what each view holds, the DOT text (snapshots), the rendered files, the CLI.

The DOT snapshots live in tests/snapshots/. After a deliberate change to views or to
the theme, rewrite them and review the diff:

    KIENTRUC_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_diagrams.py
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from conftest import BASE_MANIFEST, REPO, write_model
from kientruc import build_graph, load
from kientruc.renderers import diagrams
from kientruc.renderers.diagrams import GraphvizFailed, GraphvizNotFound, GraphvizTimeout, render, run_dot, to_dot
from kientruc.views import UnknownView, compute_view, view_catalog, view_ids

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("KIENTRUC_UPDATE_SNAPSHOTS") == "1"
DAY = dt.date(2024, 1, 1)
HAS_DOT = diagrams.dot_executable() is not None
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="Graphviz dot is not installed")

MANIFEST = dict(
    BASE_MANIFEST,
    province="Quảng Trị",
    architecture={
        "name": "Kiến trúc Chính quyền điện tử tỉnh Quảng Trị",
        "name_en": "Quang Tri provincial e-government architecture",
        "version": "1.0",
        "approved_by": "qd-2336",
    },
    views=[
        {
            "id": "mot-cua",
            "title": "Hệ thống một cửa điện tử và các kết nối",
            "title_en": "The one-stop-shop system and its connections",
            "include": {"ids": ["mot-cua", "lgsp", "cong-dvc-qg"], "tags": ["tthc"]},
            "exclude": {"kinds": ["public_service"]},
        },
        {"id": "ha-tang", "title": "Hạ tầng", "include": {"layers": ["technology"]}, "layout": "layers"},
        {"id": "nam-2018", "title": "Hiện trạng 2018", "as_of": "2018-10-09", "include": {"kinds": ["application"]}},
    ],
)

MODEL = {
    "quan-tri.yaml": """\
        - id: ubnd
          kind: organization
          name: Ủy ban nhân dân tỉnh Quảng Trị
          org_type: government
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông
          org_type: department
        - id: qd-2336
          kind: legal_document
          name: Quyết định ban hành Kiến trúc Chính quyền điện tử tỉnh
          number: 2336/QĐ-UBND
          doc_type: quyet_dinh
          date: 2018-10-09
          issuer: UBND tỉnh Quảng Trị
        """,
    "nguoi-dung.yaml": """\
        - id: nguoi-dan
          kind: actor
          name: Người dân
        - id: cong-dvc
          kind: channel
          name: Cổng dịch vụ công tỉnh
          channel_type: portal
          serves: [nguoi-dan]
          uses: [mot-cua]
        - id: mot-cua-counter
          kind: channel
          name: Bộ phận Một cửa
          channel_type: one_stop_counter
          serves: [nguoi-dan]
        - id: dvc-xay-dung
          kind: public_service
          name: Cấp giấy phép xây dựng
          tags: [tthc]
        """,
    "ung-dung.yaml": """\
        - id: mot-cua
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh
          owner: so-tttt
          valid_from: 2019-01-01
          realizes: [dvc-xay-dung]
          integrates_via: [lgsp]
          hosted_on: [ttdl]
          flows_to:
            - {target: cong-dvc-qg, data: [hồ sơ, tiến độ xử lý], via: lgsp}
        - id: qlvb
          kind: application
          name: Hệ thống quản lý văn bản và điều hành
          owner: so-tttt
          status: retiring
          hosted_on: [ttdl]
        - id: csdl-dat-dai
          kind: database
          name: Cơ sở dữ liệu đất đai
          status: planned
        """,
    "tich-hop.yaml": """\
        - id: lgsp
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP)
          platform_type: lgsp
          owner: so-tttt
          hosted_on: [ttdl]
          connects_to: [ndxp]
        - id: ndxp
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu quốc gia
          external: true
        - id: cong-dvc-qg
          kind: channel
          name: Cổng Dịch vụ công quốc gia
          channel_type: portal
          external: true
        """,
    "ha-tang.yaml": """\
        - id: ttdl
          kind: node
          name: Trung tâm tích hợp dữ liệu tỉnh
          node_type: data_centre
        - id: tslcd
          kind: network
          name: Mạng truyền số liệu chuyên dùng
          connects_to: [ttdl]
        - id: soc
          kind: security_service
          name: Trung tâm giám sát an toàn thông tin (SOC)
          protects: [ttdl]
        - id: du-an-lgsp
          kind: project
          name: Dự án xây dựng LGSP tỉnh
          start: 2019-03-01
          end: 2020-12-31
          implements: [lgsp]
        - id: du-an-mo
          kind: project
          name: Dự án dữ liệu mở
        """,
}


@pytest.fixture
def model(tmp_path):
    return write_model(tmp_path / "m", MODEL, MANIFEST)


def graph_of(root: Path, day: dt.date | None = DAY):
    loaded = load(root)
    assert loaded.ok, [f.message for f in loaded.findings if f.fatal]
    return build_graph(loaded.architecture, day)


def check_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if UPDATE or not path.exists():
        if not UPDATE and os.environ.get("CI"):
            pytest.fail(f"snapshot {path} is missing: run with KIENTRUC_UPDATE_SNAPSHOTS=1 and commit it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} changed: if intended, rerun with KIENTRUC_UPDATE_SNAPSHOTS=1 and review"


# --------------------------------------------------------------------------- views


def test_catalogue_lists_builtin_layer_and_declared_views(model):
    graph = graph_of(model)
    ids = view_ids(graph)
    assert ids[:4] == ["overview", "integration", "deployment", "roadmap"]
    assert "layer:application" in ids and "layer:security" in ids
    assert "layer:data" in ids  # the planned database is in force (planned before it starts)
    assert ids[-3:] == ["mot-cua", "ha-tang", "nam-2018"]
    titles = {v.id: v.title for v in view_catalog(graph, "en")}
    assert titles["mot-cua"] == "The one-stop-shop system and its connections"
    assert titles["overview"] == "Overall diagram"


def test_overview_puts_elements_where_the_national_diagram_does(model):
    view = compute_view(graph_of(model), "overview")
    band = {n.id: n.group for n in view.nodes}
    assert band["nguoi-dan"] == "users"
    assert band["mot-cua-counter"] == "channels"
    assert band["cong-dvc"] == "portal" and band["dvc-xay-dung"] == "portal"
    assert band["mot-cua"] == "apps" and band["csdl-dat-dai"] == "apps"
    assert band["lgsp"] == "integration"
    assert band["ndxp"] == "national" and band["cong-dvc-qg"] == "national"  # external systems beside the LGSP
    assert band["ttdl"] == "infrastructure" and band["tslcd"] == "infrastructure"
    assert band["ubnd"] == "governance" and band["qd-2336"] == "governance"  # the approving decision
    assert band["soc"] == "security"
    assert "so-tttt" not in band and "du-an-lgsp" not in band
    roles = {g.id: (g.role, g.beside) for g in view.groups}
    assert roles["governance"] == ("left", None) and roles["security"] == ("right", None)
    assert roles["national"] == ("beside", "integration")
    assert [g.id for g in view.groups if g.role == "band"] == [
        "users", "channels", "portal", "apps", "integration", "infrastructure"
    ]
    edges = {(e.source, e.target, e.type) for e in view.edges}
    assert ("mot-cua", "lgsp", "integrates_via") in edges
    assert ("lgsp", "ndxp", "connects_to") in edges
    assert ("cong-dvc", "mot-cua", "uses") in edges
    assert ("cong-dvc", "nguoi-dan", "serves") not in edges  # two bands apart: left to the other views
    assert view.omitted_edges == 3  # that one and the two applications hosted on the data centre
    assert view.as_of == DAY and view.lang == "vi"
    assert "2336/QĐ-UBND" in view.source


def test_context_view_shows_neighbours_both_ways(model):
    view = compute_view(graph_of(model), "context:lgsp")
    ids = {n.id for n in view.nodes}
    assert ids == {"lgsp", "mot-cua", "so-tttt", "ttdl", "ndxp", "du-an-lgsp"}
    assert [n.id for n in view.nodes if n.focus] == ["lgsp"]
    assert {(e.source, e.target, e.type) for e in view.edges} == {
        ("mot-cua", "lgsp", "integrates_via"),
        ("so-tttt", "lgsp", "owns"),
        ("lgsp", "ttdl", "hosted_on"),
        ("lgsp", "ndxp", "connects_to"),
        ("du-an-lgsp", "lgsp", "implements"),
    }
    assert view.title == "Bối cảnh: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP)"


def test_integration_view_routes_data_through_the_platform(model):
    view = compute_view(graph_of(model), "integration")
    edges = {(e.source, e.target, e.type): e for e in view.edges}
    assert ("mot-cua", "lgsp", "flows_to") in edges and ("lgsp", "cong-dvc-qg", "flows_to") in edges
    assert edges[("lgsp", "cong-dvc-qg", "flows_to")].label == "hồ sơ, tiến độ xử lý"
    assert ("mot-cua", "cong-dvc-qg", "flows_to") not in edges
    assert {n.id: n.group for n in view.nodes}["ndxp"] == "external"
    assert "nguoi-dan" not in {n.id for n in view.nodes}


def test_deployment_and_roadmap(model):
    graph = graph_of(model)
    dep = compute_view(graph, "deployment")
    assert {n.id for n in dep.nodes} == {"mot-cua", "qlvb", "lgsp", "ttdl", "tslcd"}
    assert ("tslcd", "ttdl", "connects_to") in {(e.source, e.target, e.type) for e in dep.edges}
    road = compute_view(graph, "roadmap")
    assert [g.label for g in road.groups] == ["2019", "Chưa xác định thời gian"]
    lgsp = road.node("du-an-lgsp")
    assert lgsp.group == "year:2019"
    assert lgsp.detail == ("03/2019 – 12/2020", "triển khai: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP)")


def test_declared_views_select_by_kind_layer_tag_and_id(model):
    graph = graph_of(model)
    view = compute_view(graph, "mot-cua")
    assert {n.id for n in view.nodes} == {"mot-cua", "lgsp", "cong-dvc-qg"}  # the tagged service is excluded by kind
    assert view.title == "Hệ thống một cửa điện tử và các kết nối"
    assert compute_view(graph, "mot-cua", lang="en").title == "The one-stop-shop system and its connections"
    infra = compute_view(graph, "ha-tang")
    assert {n.id for n in infra.nodes} == {"ttdl", "tslcd"} and infra.layout == "bands"
    # a declared date wins over the graph's: in 2018 the one-stop system did not exist yet
    old = compute_view(graph, "nam-2018")
    assert old.as_of == dt.date(2018, 10, 9)
    assert {n.id for n in old.nodes} == {"qlvb"}


def test_declared_view_names_missing_ids(tmp_path):
    m = dict(MANIFEST, views=[{"id": "v", "title": "V", "include": {"ids": ["mot-cua", "khong-co"]}}])
    view = compute_view(graph_of(write_model(tmp_path / "m", MODEL, m)), "v")
    assert view.missing == ("khong-co",)
    assert "khong-co" in to_dot(view)


def test_manifest_views_are_typed(tmp_path):
    def errors(views):
        root = write_model(tmp_path / "m", MODEL, dict(MANIFEST, views=views))
        return [f.message for f in load(root).findings if f.fatal]

    assert errors([{"id": "overview", "title": "X"}])  # a built-in id
    assert errors([{"id": "a", "title": "X"}, {"id": "a", "title": "Y"}])  # twice the same id
    assert errors([{"id": "a", "title": "X", "include": {"kinds": ["app"]}}])  # not a kind
    assert errors([{"id": "a", "title": "X", "inclde": {}}])  # a typo
    assert not errors([{"id": "a", "title": "X", "include": {"kinds": ["application"]}, "relations": ["flows_to"]}])


def test_unknown_views_are_refused_with_a_suggestion(model):
    graph = graph_of(model)
    with pytest.raises(UnknownView, match="did you mean 'overview'"):
        compute_view(graph, "overveiw")
    with pytest.raises(UnknownView, match="no element 'lgps'.*did you mean 'lgsp'"):
        compute_view(graph, "context:lgps")
    with pytest.raises(UnknownView, match="not in force on 2018-01-01"):
        compute_view(graph_of(model, dt.date(2018, 1, 1)), "context:mot-cua")
    with pytest.raises(UnknownView):
        compute_view(graph, "layer:nothing")


# --------------------------------------------------------------------------- collapsing


def big_model(root: Path, apps: int = 60) -> Path:
    owners = ["so-y-te", "so-giao-duc", "so-tai-chinh"]
    els = [{"id": o, "kind": "organization", "name": f"Sở {o[3:].replace('-', ' ')}"} for o in owners]
    els.append({"id": "lgsp", "kind": "integration_platform", "name": "LGSP tỉnh", "platform_type": "lgsp"})
    els.append({"id": "nguoi-dan", "kind": "actor", "name": "Người dân"})
    for i in range(apps):
        els.append(
            {
                "id": f"ud-{i:03d}",
                "kind": "application" if i % 4 else "database",
                "name": f"Hệ thống số {i}",
                "owner": owners[i % 3],
                "integrates_via": ["lgsp"],
            }
        )
    return write_model(root, {"m.yaml": yaml.safe_dump(els, allow_unicode=True)})


def test_large_views_are_collapsed_and_say_so(tmp_path):
    graph = graph_of(big_model(tmp_path / "big"))
    view = compute_view(graph, "overview", max_nodes=10)
    assert len(view.nodes) <= 10 and view.elements == 62
    (note,) = view.collapsed
    assert (note.group, note.by, note.elements, note.nodes) == ("apps", "owner", 60, 3)
    groups = [n for n in view.nodes if n.collapsed]
    assert sum(n.count for n in groups) == 60  # nothing lost
    assert {n.label for n in groups} == {"Sở y te", "Sở giao duc", "Sở tai chinh"}
    assert all(n.detail == ("ứng dụng: 15, cơ sở dữ liệu: 5",) for n in groups)
    edges = {(e.source, e.target): e.count for e in view.edges}
    assert edges == {(g.id, "lgsp"): 20 for g in groups}
    dot = to_dot(view)
    assert "Đã thu gọn" in dot and "60 thành phần → 3 nhóm theo đơn vị chủ quản" in dot
    # tighter still: by kind, then the whole band as one node
    assert compute_view(graph, "overview", max_nodes=4).collapsed[0].by == "kind"
    assert compute_view(graph, "overview", max_nodes=3).collapsed[0].by == "group"
    # a small view is never collapsed
    assert not compute_view(graph, "overview").collapsed


def test_context_focus_is_never_collapsed(tmp_path):
    view = compute_view(graph_of(big_model(tmp_path / "big")), "context:lgsp", max_nodes=5)
    assert view.node("lgsp") is not None and view.node("lgsp").focus
    assert len(view.nodes) <= 5 and view.collapsed


# --------------------------------------------------------------------------- DOT


@pytest.mark.parametrize(
    "view_id",
    ["overview", "integration", "deployment", "roadmap", "context:lgsp", "layer:application", "mot-cua"],
)
def test_dot_snapshots(model, view_id):
    view = compute_view(graph_of(model), view_id)
    check_snapshot(view_id.replace(":", ".") + ".dot", to_dot(view))


def test_dot_snapshot_collapsed_and_english(tmp_path):
    view = compute_view(graph_of(big_model(tmp_path / "big")), "overview", max_nodes=10, lang="en")
    check_snapshot("overview.collapsed.en.dot", to_dot(view))


def test_dot_is_the_same_whatever_the_file_and_element_order(tmp_path):
    first = write_model(tmp_path / "a", MODEL, MANIFEST)
    # everything in one file, elements shuffled
    elements = []
    for text in MODEL.values():
        import textwrap

        elements.extend(yaml.safe_load(textwrap.dedent(text)))
    random.Random(7).shuffle(elements)
    second = write_model(tmp_path / "b", {"all.yaml": yaml.safe_dump(elements, allow_unicode=True)}, MANIFEST)
    for view_id in ("overview", "integration", "context:lgsp", "roadmap", "deployment"):
        a = to_dot(compute_view(graph_of(first), view_id))
        b = to_dot(compute_view(graph_of(second), view_id))
        assert a == b, view_id


def test_dot_is_the_same_in_another_process(model):
    code = (
        "import datetime, sys; from kientruc import load, build_graph;"
        "from kientruc.views import compute_view; from kientruc.renderers.diagrams import to_dot;"
        f"g = build_graph(load(sys.argv[1]).architecture, datetime.date({DAY.year}, {DAY.month}, {DAY.day}));"
        "sys.stdout.buffer.write(to_dot(compute_view(g, 'overview')).encode())"
    )
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run([sys.executable, "-c", code, str(model)], capture_output=True, env=env, check=True).stdout
    assert out.decode() == to_dot(compute_view(graph_of(model), "overview"))


NASTY = 'Hệ thống "Một cửa" {v2} <beta> & co\\ \\N \\l ]]'


def nasty_model(root: Path) -> Path:
    files = {
        "x.yaml": yaml.safe_dump(
            [
                {"id": "a", "kind": "application", "name": NASTY, "description": 'mô tả "x" \\ <y>',
                 "flows_to": [{"target": "b", "data": ['dữ liệu "z" <w> \\']}]},
                {"id": "b", "kind": "database", "name": "Kho </TD></TABLE> &amp; dữ liệu"},
            ],
            allow_unicode=True,
        )
    }
    return write_model(root, files, dict(BASE_MANIFEST, architecture={"name": 'Kiến trúc "thử" <1>', "version": "1.0"}))


def test_labels_are_escaped(tmp_path):
    view = compute_view(graph_of(nasty_model(tmp_path / "n")), "integration")
    dot = to_dot(view)
    check_snapshot("escaping.dot", dot)
    for piece in ("&quot;Một cửa&quot;", "{v2}", "&lt;beta&gt;", "&amp; co\\\\", "&lt;/TD&gt;&lt;/TABLE&gt; &amp;amp;"):
        assert piece in dot, piece
    assert 'tooltip="Hệ thống \\"Một cửa\\" {v2} <beta> & co\\\\\\\\ \\\\\\\\N' in dot


@needs_dot
def test_escaped_labels_survive_graphviz(tmp_path):
    view = compute_view(graph_of(nasty_model(tmp_path / "n")), "integration")
    svg = render(view, "svg").decode("utf-8")
    text = " ".join(t.strip() for t in ET.fromstring(svg).itertext() if t.strip())
    for piece in ('"Một cửa"', "{v2}", "<beta>", "& co\\", "\\N", "Kho </TD></TABLE> &amp; dữ liệu"):
        assert piece in text, piece
    assert 'dữ liệu "z" <w> \\' in text
    titles = [v for el in ET.fromstring(svg).iter() for k, v in el.attrib.items() if k.endswith("}title")]
    assert any(t.startswith(NASTY + " [a]") for t in titles), titles


def test_font_is_named_everywhere(model):
    dot = to_dot(compute_view(graph_of(model), "overview"))
    for line in dot.splitlines()[1:4]:
        assert 'fontname="DejaVu Sans"' in line


# --------------------------------------------------------------------------- rendering


def test_the_font_has_vietnamese_letters():
    if not shutil.which("fc-list"):
        pytest.skip("fontconfig is not installed")
    out = subprocess.run(
        ["fc-list", ":family=DejaVu Sans:charset=1ea0-1ef9", "family"], capture_output=True, text=True
    ).stdout
    assert "DejaVu Sans" in out, "install fonts-dejavu-core: without it Vietnamese letters render as boxes"


@needs_dot
def test_svg_png_pdf_are_valid_and_carry_the_labels(model):
    view = compute_view(graph_of(model), "context:mot-cua")
    svg = render(view, "svg")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    text = " ".join(t for t in root.itertext())
    assert "Quảng Trị" in text and "Bối cảnh" in text and "Tình trạng ngày 01/01/2024" in text
    assert 'font-family="DejaVu Sans' in svg.decode()

    png = render(view, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width > 300 and height > 200

    pdf = render(view, "pdf")
    assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-64:]


@needs_dot
@pytest.mark.skipif(not (shutil.which("pdffonts") and shutil.which("pdftotext")),
                    reason="pdffonts and pdftotext are not installed (scripts/setup.sh --test installs poppler-utils)")
def test_the_pdf_embeds_the_font_and_carries_the_labels(model):
    pdf = render(compute_view(graph_of(model), "context:mot-cua"), "pdf")
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"kientruc-test-{os.getpid()}.pdf"
    path.write_bytes(pdf)
    try:
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        assert "DejaVuSans" in fonts
        words = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert "Quảng Trị" in words and "Hệ thống thông tin giải" in words
    finally:
        path.unlink()


@needs_dot
def test_overview_layout_keeps_the_bands_in_place(model):
    """Laid out by Graphviz: governance left, security right, bands top to bottom, national beside the LGSP."""
    plain = run_dot(to_dot(compute_view(graph_of(model), "overview")), "svg")  # valid SVG first
    assert plain.startswith(b"<?xml")
    exe = diagrams.dot_executable()
    out = subprocess.run(
        [exe, "-Tplain"], input=to_dot(compute_view(graph_of(model), "overview")).encode(), capture_output=True, check=True
    ).stdout.decode()
    pos = {}
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] == "node":
            pos[parts[1].strip('"')] = (float(parts[2]), float(parts[3]))
    x = {k: v[0] for k, v in pos.items()}
    y = {k: v[1] for k, v in pos.items()}  # grows upwards
    assert x["ubnd"] < x["nguoi-dan"] < x["soc"]
    assert x["ubnd"] < x["lgsp"] < x["soc"]
    assert y["nguoi-dan"] > y["mot-cua-counter"] > y["cong-dvc"] > y["mot-cua"] > y["lgsp"] > y["ttdl"]
    assert x["ndxp"] > x["lgsp"] and y["mot-cua"] > y["ndxp"] > y["ttdl"]


def fake_dot(tmp_path: Path, script: str) -> str:
    path = tmp_path / "dot"
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(0o755)
    return str(path)


def test_graphviz_problems_are_clear_errors(tmp_path, monkeypatch):
    monkeypatch.setenv("KIENTRUC_DOT", str(tmp_path / "missing"))
    with pytest.raises(GraphvizNotFound, match="Graphviz is not installed"):
        run_dot("digraph {}", "svg")
    assert run_dot("digraph {}", "dot") == b"digraph {}"  # DOT text needs no Graphviz
    monkeypatch.setenv("KIENTRUC_DOT", fake_dot(tmp_path, "exec sleep 5"))
    with pytest.raises(GraphvizTimeout, match="did not finish within 0.3 s"):
        run_dot("digraph {}", "svg", timeout=0.3)
    monkeypatch.setenv("KIENTRUC_DOT", fake_dot(tmp_path, "echo 'Error: syntax error in line 1' >&2; exit 1"))
    with pytest.raises(GraphvizFailed, match="syntax error in line 1"):
        run_dot("digraph {}", "png")
    # Graphviz 2.43 may lose one edge it cannot route, write the drawing anyway and exit 1: keep it, say so
    monkeypatch.setenv("KIENTRUC_DOT", fake_dot(tmp_path, "echo '<svg/>'; echo 'Error: lost a b edge' >&2; exit 1"))
    warnings: list[str] = []
    assert run_dot("digraph {}", "svg", warnings=warnings) == b"<svg/>\n"
    assert warnings == ["Error: lost a b edge"]


# --------------------------------------------------------------------------- CLI


def test_cli_views_lists_every_view(model, run_cli):
    result = run_cli(["views", str(model), "--as-of", "2024-01-01"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[0] == "overview" and "Sơ đồ tổng thể" in lines[0]
    assert any(line.startswith("mot-cua ") for line in lines)
    assert lines[-1].startswith("context:<id>")


def test_cli_diagram_writes_dot_svg_and_stdout(model, tmp_path, run_cli):
    out = tmp_path / "out" / "tong-the.dot"
    result = run_cli(["diagram", "--dir", str(model), "-o", str(out), "--as-of", "2024-01-01"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == to_dot(
        compute_view(graph_of(model), "overview", source=_cli_source(model))
    )
    result = run_cli(["diagram", "integration", "-d", str(model), "-f", "dot", "-o", "-", "--lang", "en"])
    assert result.exit_code == 0 and result.output.startswith('digraph "integration"')
    assert "Integration and data exchange" in result.output
    # several views and formats into a folder: VIEW.FORMAT, ':' written as '.'
    result = run_cli(["diagram", "--all", "-d", str(model), "-f", "dot", "--out-dir", str(tmp_path / "all")])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "all").iterdir())
    assert "layer.application.dot" in names and "mot-cua.dot" in names and "overview.dot" in names
    assert not [n for n in names if n.startswith(".")]  # no temporary files left behind


def _cli_source(model: Path) -> str:
    from kientruc import __version__
    from kientruc.views import source_line

    return source_line(graph_of(model), "vi", extra=f"kientruc {__version__}")


@needs_dot
def test_cli_diagram_renders_svg(model, tmp_path, run_cli):
    out = tmp_path / "ctx.svg"
    result = run_cli(["diagram", "context:lgsp", "-d", str(model), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Nền tảng tích hợp" in " ".join(ET.parse(out).getroot().itertext())


def test_cli_diagram_errors_exit_2(model, tmp_path, run_cli, monkeypatch):
    result = run_cli(["diagram", "overveiw", "-d", str(model), "-f", "dot", "-o", "-"])  # the model's language: vi
    assert result.exit_code == 2 and "không có góc nhìn 'overveiw'" in result.output and "có phải ý bạn là" in result.output
    result = run_cli(["diagram", "overveiw", "-d", str(model), "-f", "dot", "-o", "-", "--lang", "en"])
    assert result.exit_code == 2 and "no view 'overveiw'" in result.output and "did you mean" in result.output
    result = run_cli(["diagram", "context:nothing-here", "-d", str(model), "-f", "dot", "-o", "-", "--lang", "en"])
    assert result.exit_code == 2 and "no element 'nothing-here'" in result.output
    result = run_cli(["diagram", "-d", str(tmp_path / "nowhere"), "-f", "dot", "-o", "-"])
    assert result.exit_code == 2 and "LOAD006" in result.output
    result = run_cli(["diagram", "overview", "--all", "-d", str(model)])
    assert result.exit_code == 2
    result = run_cli(["diagram", "-d", str(model), "-f", "svg", "-f", "png", "-o", str(tmp_path / "x.svg")])
    assert result.exit_code == 2
    monkeypatch.setenv("KIENTRUC_DOT", str(tmp_path / "missing"))
    result = run_cli(["diagram", "-d", str(model), "-o", str(tmp_path / "x.png"), "--lang", "en"])
    assert result.exit_code == 2 and "Graphviz is not installed" in result.output
    result = run_cli(["diagram", "-d", str(model), "-o", str(tmp_path / "x.png")])
    assert result.exit_code == 2 and "chưa cài đặt Graphviz" in result.output
    assert not (tmp_path / "x.png").exists()
    monkeypatch.setenv("KIENTRUC_DOT", fake_dot(tmp_path, "exec sleep 5"))
    result = run_cli(["diagram", "-d", str(model), "-o", str(tmp_path / "x.svg"), "--timeout", "0.3", "--lang", "en"])
    assert result.exit_code == 2 and "did not finish within 0.3 s" in result.output


# --------------------------------------------------------------------------- the real model


def test_every_view_of_the_architecture_renders():
    """A smoke test on architecture/, whatever it holds today: every view gives DOT that dot accepts."""
    loaded = load(REPO / "architecture")
    if not loaded.ok:
        pytest.skip("architecture/ does not load (test_architecture reports why)")
    graph = build_graph(loaded.architecture, dt.date.today())
    for view_id in view_ids(graph):
        dot = to_dot(compute_view(graph, view_id))
        assert dot.startswith("digraph ") and 'fontname="DejaVu Sans"' in dot
        if HAS_DOT and view_id == "overview":
            assert render(compute_view(graph, view_id), "svg").lstrip().startswith(b"<?xml")
    sample = sorted(e.id for e in graph.elements())[:5]
    for element_id in sample:
        assert re.match(r"digraph ", to_dot(compute_view(graph, f"context:{element_id}")))


def test_every_layer_of_the_real_model_draws_in_2018(run_cli, tmp_path):
    """Graphviz 2.43 fails to rank one of these with newrank ('trouble in init_rank'); run_dot retries."""
    from conftest import REPO

    result = run_cli(["diagram", "layer:motivation", "-d", str(REPO / "architecture"), "--as-of", "2018-10-09",
                      "-o", str(tmp_path / "m.svg")])
    assert result.exit_code == 0, result.output
    assert "Quảng Trị" in (tmp_path / "m.svg").read_text(encoding="utf-8")
