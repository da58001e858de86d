"""Asking the repository: show, find, select, dependents, path; the CLI; the JSON export."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest

from conftest import REPO, write_model
from kientruc import query
from kientruc.graph import build_graph
from kientruc.interchange.json_export import export_data, export_json, export_schema
from kientruc.loader import load

MODEL = {
    "quan-tri.yaml": """\
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông
          name_en: Department of Information and Communications
          valid_to: 2025-02-28
          successors: [so-khcn]
        - id: so-khcn
          kind: organization
          name: Sở Khoa học và Công nghệ
          valid_from: 2025-03-01
        """,
    "he-thong.yaml": """\
        - id: lgsp
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
          platform_type: lgsp
          owner: so-khcn
          tags: [Dùng chung]
          hosted_on: [tt-du-lieu]
          sources: ["Quyết định 1/QĐ-UBND"]
        - id: mot-cua
          kind: application
          name: Hệ thống một cửa điện tử
          name_en: One-stop-shop system
          owner: so-khcn
          status: retiring
          integrates_via: [lgsp]
          accesses: [{target: csdl-ho-so, data: [hồ sơ]}]
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết TTHC
          status: planned
          supersedes: [mot-cua]
          integrates_via: [lgsp]
        - id: cong-dvc
          kind: channel
          name: Cổng Dịch vụ công tỉnh
          channel_type: portal
          uses: [mot-cua]
        - id: csdl-ho-so
          kind: database
          name: Cơ sở dữ liệu hồ sơ điện tử
        - id: tt-du-lieu
          kind: node
          name: Trung tâm dữ liệu tỉnh
          node_type: data_centre
        - id: nguoi-dan
          kind: actor
          name: Người dân
          uses: [cong-dvc]
        """,
}

DAY = dt.date(2026, 1, 1)


@pytest.fixture
def loaded(tmp_path):
    return load(write_model(tmp_path / "m", MODEL))


@pytest.fixture
def graph(loaded):
    return build_graph(loaded.architecture, DAY)


def test_fold_strips_case_and_diacritics():
    assert query.fold("Đường  Điện tử") == "duong dien tu"
    assert query.fold("Cổng Dịch vụ công") == "cong dich vu cong"
    # decomposed input (NFD) folds the same as composed
    import unicodedata

    assert query.fold(unicodedata.normalize("NFD", "Hệ thống")) == "he thong"


def test_find_by_name_without_diacritics_and_by_english_name(graph):
    assert [e.id for e in query.find(graph, "cong dich vu")] == ["cong-dvc"]
    assert [e.id for e in query.find(graph, "ONE-STOP")] == ["mot-cua"]
    assert [e.id for e in query.find(graph, "du lieu")][:1] == ["csdl-ho-so"] or "tt-du-lieu" in [
        e.id for e in query.find(graph, "du lieu")
    ]
    assert query.find(graph, "") == []


def test_find_ranks_exact_id_first(graph):
    found = [e.id for e in query.find(graph, "lgsp")]
    assert found[0] == "lgsp"


def test_find_on_architecture_sees_elements_not_in_force(loaded):
    assert [e.id for e in query.find(loaded.architecture, "thong tin va truyen thong")] == ["so-tttt"]


def test_select_by_kind_layer_owner_status_tag(graph):
    assert [e.id for e in query.select(graph, kind="application")] == ["he-thong-tthc", "mot-cua"]
    assert [e.id for e in query.select(graph, layer=["integration", "data"])] == ["csdl-ho-so", "lgsp"]
    assert [e.id for e in query.select(graph, owner="so-khcn")] == ["lgsp", "mot-cua"]
    assert [e.id for e in query.select(graph, status="planned")] == ["he-thong-tthc"]
    assert [e.id for e in query.select(graph, tag="dung chung")] == ["lgsp"]
    assert [e.id for e in query.select(graph, kind="application", status=["retiring"])] == ["mot-cua"]


def test_dependents_are_transitive_and_say_why(graph):
    rows = query.dependents(graph, "lgsp")
    by_id = {r["id"]: r for r in rows}
    assert by_id["mot-cua"]["depth"] == 1
    assert by_id["mot-cua"]["via"] == {"relation": "integrates_via", "source": "mot-cua", "target": "lgsp"}
    assert by_id["cong-dvc"]["depth"] == 2
    assert by_id["nguoi-dan"]["depth"] == 3
    assert "so-khcn" not in by_id  # ownership is not a dependency
    # hosted_on: everything on the data centre depends on it
    assert {r["id"] for r in query.dependents(graph, "tt-du-lieu")} >= {"lgsp", "mot-cua", "cong-dvc"}
    assert [r["id"] for r in query.dependents(graph, "lgsp", max_depth=1)] == ["he-thong-tthc", "mot-cua"]
    assert {r["id"] for r in query.dependencies(graph, "nguoi-dan")} >= {"cong-dvc", "mot-cua", "lgsp", "csdl-ho-so"}


def test_path_directed_and_undirected(graph):
    steps = query.path(graph, "nguoi-dan", "lgsp")
    assert [(s["from"], s["relation"], s["to"]) for s in steps] == [
        ("nguoi-dan", "uses", "cong-dvc"),
        ("cong-dvc", "uses", "mot-cua"),
        ("mot-cua", "integrates_via", "lgsp"),
    ]
    assert query.path(graph, "lgsp", "nguoi-dan") is None
    back = query.path(graph, "lgsp", "nguoi-dan", directed=False)
    assert back is not None and not back[0]["forward"]


def test_unknown_id_suggests(graph):
    with pytest.raises(query.UnknownElement) as exc:
        query.show(graph, "lgps")
    assert "lgsp" in exc.value.suggestions
    with pytest.raises(query.UnknownElement):
        query.dependents(graph, "nothing-like-it")


def test_show_gives_relations_both_ways_sources_and_history(loaded, graph):
    data = query.show(graph, "mot-cua", sources=loaded.sources)
    assert data["kind"] == "application" and data["layer"] == "application"
    assert data["attributes"]["status"] == "retiring"
    out = {(r["type"], r["target"]) for r in data["outgoing"]}
    assert ("integrates_via", "lgsp") in out and ("accesses", "csdl-ho-so") in out
    assert next(r for r in data["outgoing"] if r["type"] == "accesses")["data"] == ["hồ sơ"]
    incoming = {(r["type"], r["source"]) for r in data["incoming"]}
    assert ("uses", "cong-dvc") in incoming and ("owns", "so-khcn") in incoming
    assert ("supersedes", "he-thong-tthc") in incoming
    assert data["history"]["successors"][0]["id"] == "he-thong-tthc"
    assert data["defined_at"].endswith("he-thong.yaml:9:3")
    json.dumps(data)  # JSON-able


def test_show_history_across_days(loaded, graph):
    data = query.show(graph, "so-tttt")  # ended in 2025: not in force on DAY, still shown
    assert data["in_force"] is False and data["outgoing"] == []
    assert data["history"]["successors"] == [
        {"id": "so-khcn", "name": "Sở Khoa học và Công nghệ", "valid_from": "2025-03-01", "valid_to": None}
    ]
    assert query.show(graph, "so-khcn")["history"]["predecessors"][0]["id"] == "so-tttt"


def test_show_includes_findings_for_the_element(loaded, graph):
    from kientruc.validators import check

    result = check(loaded, as_of=DAY)
    data = query.show(graph, "he-thong-tthc", findings=result.findings)
    assert all(f["element"] == "he-thong-tthc" for f in data["findings"])
    assert query.show_text(data, "en").startswith("he-thong-tthc (Application, layer Application)")
    assert query.show_text(data).startswith("he-thong-tthc (Ứng dụng, lớp Ứng dụng)")  # Vietnamese by default


# --------------------------------------------------------------------------- CLI


def test_cli_show_text_and_json(tmp_path, run_cli):
    root = write_model(tmp_path / "m", MODEL)
    r = run_cli(["show", "lgsp", str(root), "--as-of", "2026-01-01", "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert "relations in:" in r.output and "mot-cua integrates via (integrates_via)" in r.output
    r = run_cli(["show", "lgsp", str(root), "--as-of", "2026-01-01"])  # the model's language: Vietnamese
    assert "quan hệ đến:" in r.output and "relations in:" not in r.output and "Tên: " in r.output
    r = run_cli(["show", "lgsp", str(root), "--format", "json", "--no-findings"])
    assert json.loads(r.output)["id"] == "lgsp"


def test_cli_show_unknown_id_exits_2_with_did_you_mean(tmp_path, run_cli):
    root = write_model(tmp_path / "m", MODEL)
    r = run_cli(["show", "mot-cau", str(root), "--lang", "en"])
    assert r.exit_code == 2
    assert "did you mean 'mot-cua'" in r.output
    r = run_cli(["show", "mot-cau", str(root)])
    assert r.exit_code == 2 and "không có thành phần 'mot-cau'; có phải là 'mot-cua'?" in r.output


def test_cli_find(tmp_path, run_cli):
    root = write_model(tmp_path / "m", MODEL)
    r = run_cli(["find", "HE THONG MOT CUA", str(root)])
    assert r.exit_code == 0 and r.output.startswith("mot-cua")
    r = run_cli(["find", "khong co gi", str(root)])
    assert r.exit_code == 1
    r = run_cli(["find", "nguoi dan", str(root), "--format", "json"])
    assert json.loads(r.output)[0]["id"] == "nguoi-dan"


def test_cli_query(tmp_path, run_cli):
    root = write_model(tmp_path / "m", MODEL)
    r = run_cli(["query", str(root), "--kind", "application", "--format", "json"])
    assert [row["id"] for row in json.loads(r.output)] == ["he-thong-tthc", "mot-cua"]
    r = run_cli(["query", str(root), "--owner", "so-khcn", "--layer", "integration"])
    assert r.output.split()[0] == "lgsp"
    r = run_cli(["query", str(root), "--depends-on", "lgsp", "--format", "json"])
    assert {row["id"] for row in json.loads(r.output)} >= {"mot-cua", "cong-dvc", "nguoi-dan"}
    r = run_cli(["query", str(root), "--path", "nguoi-dan", "lgsp", "--lang", "en"])
    assert r.exit_code == 0 and "--integrates via-->" in r.output
    r = run_cli(["query", str(root), "--path", "nguoi-dan", "lgsp"])
    assert r.exit_code == 0 and "--tích hợp qua-->" in r.output
    r = run_cli(["query", str(root), "--depends-on", "lgsq"])
    assert r.exit_code == 2 and "lgsp" in r.output
    r = run_cli(["query", str(root), "--owner", "so-khnc"])
    assert r.exit_code == 2


# --------------------------------------------------------------------------- JSON export


def test_export_json_is_stable_sorted_and_matches_its_schema(loaded, tmp_path, run_cli):
    arch = loaded.architecture
    text = export_json(arch)
    assert text == export_json(arch)
    doc = json.loads(text)
    jsonschema.validate(doc, export_schema())
    ids = [e["id"] for e in doc["elements"]]
    assert ids == sorted(ids) and len(ids) == 9
    rels = [(r["source"], r["type"], r["target"]) for r in doc["relations"]]
    assert rels == sorted(rels)
    assert {"source": "so-khcn", "type": "owns", "target": "lgsp", "implied_by": "owner", "index": 0} in doc["relations"]
    acc = next(r for r in doc["relations"] if r["type"] == "accesses")
    assert acc["data"] == ["hồ sơ"]
    lgsp = next(e for e in doc["elements"] if e["id"] == "lgsp")
    assert lgsp["layer"] == "integration" and "hosted_on" not in lgsp
    out = tmp_path / "model.json"
    r = run_cli(["export", "json", str(tmp_path / "m"), "-o", str(out)])
    assert r.exit_code == 0
    assert out.read_text(encoding="utf-8") == text
    assert export_data(arch)["format"] == "kientruc-model"


def test_export_json_is_documented():
    doc = (REPO / "docs" / "export-json.md").read_text(encoding="utf-8")
    for key in ("format_version", "elements", "relations", "implied_by", "index"):
        assert key in doc
