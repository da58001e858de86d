"""The merged province of Quảng Trị in architecture/ (issue 15): built by ``kientruc merge`` from Quảng Trị's
hand-kept files and provinces/quang-binh (scripts/merge_quang_tri.py), history exact on the day of version
1.0, the two provinces side by side on 30/6/2025, every twin set with a decision and a roadmap item, and the
2026–2030 draft's target, roadmap and responsibilities chapters filled in the Thuyết minh.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys

import pytest

import kientruc
from conftest import REPO
from kientruc import pipeline
from kientruc.twins import covering, roadmap_items, twin_sets

MODEL = REPO / "architecture"
V1_DAY = dt.date(2018, 10, 9)
LAST_DAY = dt.date(2025, 6, 30)  # the last day of the two provinces
MERGED = ("quang-binh", "hop-nhat", "ke-hoach-2026-2030")  # what issue 15 added to architecture/


def _graph(day: dt.date | None):
    return pipeline.read(MODEL, as_of=day).graph


def test_the_merged_part_is_what_kientruc_merge_writes():
    # Not written by hand: re-running the merge gives the committed files, and changes nothing on
    # Quảng Trị's hand-kept side but the province facts.
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "merge_quang_tri.py"), "--check"],
                            capture_output=True, text=True, cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "8 twin sets" in result.stdout


def test_history_on_the_day_of_version_1_is_exactly_quang_tri_2018(run_cli, tmp_path):
    # Measured before issue 15 changed anything: 72 elements, 131 relations on 9/10/2018.
    result = run_cli(["stats", str(MODEL), "--as-of", V1_DAY.isoformat(), "--format", "json"])
    stats = json.loads(result.output)
    assert stats["elements"] == 72 and sum(stats["relations"].values()) == 131
    # … and they are Quảng Trị's own: the model without what the merger added reads the same that day.
    alone = tmp_path / "quang-tri"
    shutil.copytree(MODEL, alone, ignore=shutil.ignore_patterns(*MERGED))
    loaded = kientruc.load(alone, cache=False)
    assert loaded.architecture is not None
    ids_alone = {e.id for e in kientruc.build_graph(loaded.architecture, V1_DAY).elements()}
    assert {e.id for e in _graph(V1_DAY).elements()} == ids_alone


def test_on_the_last_day_the_two_provinces_stand_side_by_side():
    graph = _graph(LAST_DAY)
    ids = {e.id for e in graph.elements()}
    assert {"lgsp-quang-tri", "lgsp-quang-binh", "ubnd-tinh-quang-tri", "ubnd-tinh-quang-binh",
            "he-thong-tthc-tinh", "he-thong-tthc-quang-binh", "ung-dung-quang-binh-s"} <= ids
    assert "ubnd-tinh-quang-tri-moi" not in ids
    assert twin_sets(graph) == []  # two provinces that day: nothing is a twin yet


def test_every_twin_set_has_a_decision_and_a_roadmap_item_with_lead_and_dates():
    graph = _graph(None)
    sets = twin_sets(graph)
    assert {t.function for t in sets} >= {"lgsp", "tthc", "web_portal", "document_management", "data_centre",
                                          "ioc", "soc", "mobile_app"}
    for ts in sets:
        decisions = covering(graph, ts.ids)
        assert decisions, ts.function
        items = [w for d in decisions for w in roadmap_items(graph, d.id)]
        assert items, ts.function
        assert all(w.owner or list(graph.in_(w.id, "owns")) for w in items), ts.function
        assert all(getattr(w, "start", None) and getattr(w, "end", None) for w in items), ts.function


def test_decisions_are_sourced_where_decided_and_marked_where_proposed():
    graph = _graph(None)
    decided = [d for d in graph.of_kind("consolidation") if not d.proposal]
    assert [d.id for d in decided] == ["quyet-dinh-hop-nhat-ung-dung-cong-dan"]  # only QUANGTRI-S is announced
    assert all(d.sources and d.decided_by is None for d in decided)  # no decision number is invented
    for d in graph.of_kind("consolidation"):
        if d.proposal:
            assert d.assumptions, d.id


def test_every_element_has_a_source_or_an_assumption():
    loaded = kientruc.load(MODEL, cache=False)
    missing = [e.id for e in loaded.architecture.elements if not e.sources and not e.assumptions]
    assert missing == []


@pytest.mark.parametrize("day", [V1_DAY.isoformat(), LAST_DAY.isoformat(), None])
def test_check_and_compliance_exit_0_at_the_three_days(run_cli, day):
    extra = ["--as-of", day] if day else []
    assert run_cli(["check", str(MODEL), *extra]).exit_code == 0
    result = run_cli(["compliance", str(MODEL), *extra])
    assert result.exit_code == 0, result.output


def test_the_draft_edition_is_reported_from_its_day_only(run_cli):
    then = run_cli(["check", str(MODEL), "--as-of", V1_DAY.isoformat()]).output
    now = run_cli(["check", str(MODEL)]).output
    assert "2026–2030" not in then
    assert "Đang dự thảo: phiên bản 2026–2030" in now


def test_thuyet_minh_target_roadmap_and_responsibilities_are_filled(run_cli, tmp_path):
    docx = pytest.importorskip("docx")
    out = tmp_path / "site"
    result = run_cli(["build", str(MODEL), "--out", str(out), "--no-pdf"])
    assert result.exit_code == 0, result.output
    doc = docx.Document(str(out / "thuyet-minh-kien-truc.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    for name in ("Trung tâm giám sát an toàn thông tin mạng (SOC) tỉnh Quảng Trị", "Kho dữ liệu dùng chung tỉnh Quảng Trị",
                 "Nền tảng IOC tỉnh Quảng Trị"):
        assert name in text  # the target chapter lists what will be built
    cells = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    roadmap = [r for r in cells if any("Hoàn tất hợp nhất hệ thống dùng chung" in c for c in r)]
    assert roadmap and "Sở Khoa học và Công nghệ" in " ".join(roadmap[0]) and "2027" in " ".join(roadmap[0])
    resp = [r for r in cells if r and r[1].startswith("Sở Khoa học và Công nghệ tỉnh Quảng Trị") and len(r) >= 5]
    assert resp and "Xây dựng SOC tỉnh Quảng Trị" in resp[0][4]  # the responsibilities table: what it leads
    assert "Phiên bản 2026–2030" in text and "4. Tầm nhìn" in text  # the draft, in the 2943 outline
