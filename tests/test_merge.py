"""`kientruc merge` and the consolidation of a merged province, on predecessor models written by
someone else (tests/merge/: Quảng Ngãi + Kon Tum → Quảng Ngãi; Hải Dương + Hải Phòng → Hải Phòng,
NQ 202/2025/QH15), and ORG003 counted per province and per day."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import write_model
from kientruc import pipeline
from kientruc.twins import twin_sets

HERE = Path(__file__).parent / "merge"
QN, KT, HD, HP = HERE / "quang-ngai", HERE / "kon-tum", HERE / "hai-duong", HERE / "hai-phong"
DAY = "2025-07-01"


@pytest.fixture(scope="module")
def merged(tmp_path_factory) -> Path:
    """Quảng Ngãi + Kon Tum merged once for the module (through the CLI)."""
    from click.testing import CliRunner

    from kientruc.cli import cli

    out = tmp_path_factory.mktemp("qn") / "quang-ngai-2025"
    result = CliRunner().invoke(cli, ["merge", str(QN), str(KT), "--into", str(out), "--on", DAY],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Nhóm hệ thống trùng chức năng: 6" in result.output
    assert "không chép vào manifest (xem lại): DOC004: info (Quảng Ngãi)" in result.output
    return out


def _findings(root: Path, day: str, code: str | None = None) -> list:
    result = pipeline.check(root, as_of=dt.date.fromisoformat(day))
    assert result.load.ok
    return [f for f in result.findings if code is None or f.code == code]


def _twins(root: Path, day: str) -> dict[str, set[str]]:
    model = pipeline.read(root, as_of=dt.date.fromisoformat(day))
    return {ts.function: set(ts.ids) for ts in twin_sets(model.graph)}


def _elements(root: Path) -> dict[str, dict]:
    out = {}
    for path in root.rglob("*.yaml"):
        if path.name == "architecture.yaml":
            continue
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            out[item["id"]] = item
    return out


# --------------------------------------------------------------------------- the merged folder


def test_merged_model_keeps_every_element_in_a_folder_per_predecessor(merged):
    files = sorted(p.relative_to(merged).as_posix() for p in merged.rglob("*.yaml"))
    assert files == [
        "architecture.yaml",
        "hop-nhat/lo-trinh-hop-nhat.yaml",
        "hop-nhat/quyet-dinh-hop-nhat.yaml",
        "hop-nhat/to-chuc.yaml",
        "kon-tum/mo-hinh.yaml",
        "quang-ngai/he-thong/nen-tang.yaml",
        "quang-ngai/he-thong/ung-dung.yaml",
        "quang-ngai/to-chuc.yaml",
    ]
    manifest = yaml.safe_load((merged / "architecture.yaml").read_text(encoding="utf-8"))
    assert manifest["province"] == "Quảng Ngãi"
    assert manifest["validation"]["rules"] == {"SEC007": "info"}  # what both predecessors agreed on
    # a predecessor's declared view, its id prefixed and its ids rewritten
    assert manifest["views"] == [{"id": "kon-tum-he-thong-dung-chung", "title": "Hệ thống dùng chung tỉnh Kon Tum",
                                  "include": {"ids": ["kon-tum-lgsp", "kt-app-01", "kt-app-02"]}}]
    els = _elements(merged)
    ids_in = {i["id"] for m in (QN, KT) for p in m.rglob("*.yaml") if p.name != "architecture.yaml"
              for i in yaml.safe_load(p.read_text(encoding="utf-8"))}
    # every predecessor id is there, but the one they both used for different things, renamed in both
    assert ids_in - {"lgsp"} <= set(els)
    assert {"quang-ngai-lgsp", "kon-tum-lgsp"} <= set(els) and "lgsp" not in els
    # references rewritten in each predecessor
    assert els["kt-app-01"]["integrates_via"] == ["kon-tum-lgsp"]
    assert els["tthc"]["integrates_via"] == ["quang-ngai-lgsp"]
    assert els["soc"]["protects"] == ["tttd", "quang-ngai-lgsp"]
    # the national platform both wrote is one element, written once
    assert sum(p.read_text(encoding="utf-8").count("- id: ndxp\n") for p in merged.rglob("*.yaml")) == 1
    # no YAML anchors: the files are for people
    assert not any("&id0" in p.read_text(encoding="utf-8") for p in merged.rglob("*.yaml"))


def test_province_is_a_dated_fact_and_organisations_end_with_successors(merged):
    els = _elements(merged)
    assert els["kt-app-01"]["province"] == [
        {"name": "Kon Tum", "valid_to": dt.date(2025, 6, 30)},
        {"name": "Quảng Ngãi", "valid_from": dt.date(2025, 7, 1)},
    ]
    new_ubnd = "uy-ban-nhan-dan-tinh-quang-ngai-2025"
    for old in ("kt-org-01", "ubnd-tinh"):
        assert els[old]["valid_to"] == dt.date(2025, 6, 30)
        assert els[old]["successors"] == [new_ubnd]
    assert els["kt-org-03"]["successors"] == els["vp-ubnd"]["successors"]  # "Văn phòng UBND" = "Văn phòng Ủy ban nhân dân"
    assert els[new_ubnd]["valid_from"] == dt.date(2025, 7, 1)
    assert "kientruc merge" in els[new_ubnd]["assumptions"][0]
    # a commune created on the merger day belongs to the new province's UBND
    assert els["kt-xa-dak-to"]["member_of"] == [new_ubnd]
    # ownership passes to the successor on the merger day
    before = pipeline.read(merged, as_of=dt.date(2025, 6, 30)).graph
    after = pipeline.read(merged, as_of=dt.date(2025, 9, 1)).graph
    assert before.owner("kon-tum-lgsp").id == "kt-org-02"
    assert after.owner("kon-tum-lgsp").id == "so-khoa-hoc-va-cong-nghe-tinh-quang-ngai-2025"
    assert after.owner("quang-ngai-lgsp").id == "so-khoa-hoc-va-cong-nghe-tinh-quang-ngai-2025"


def test_real_twins_listed_and_no_false_ones(merged):
    assert _twins(merged, "2025-09-01") == {
        "lgsp": {"quang-ngai-lgsp", "kon-tum-lgsp"},
        "tthc": {"tthc", "kt-app-01"},
        "web_portal": {"cong-ttdt", "kt-app-02"},
        # the composite, not its own component kt-app-04
        "document_management": {"qlvb", "kt-app-03"},
        "data_centre": {"tttd", "kt-node-01"},
        "soc": {"soc", "kt-sec-01"},
    }
    # before the merger day the systems belong to two provinces: no twins
    assert _twins(merged, "2025-06-30") == {}


def test_each_twin_set_has_a_proposal_and_each_decision_a_roadmap_item(merged):
    model = pipeline.read(merged, as_of=dt.date(2025, 9, 1))
    graph = model.graph
    decisions = graph.of_kind("consolidation")
    assert {d.function for d in decisions} == set(_twins(merged, "2025-09-01"))
    assert all(d.proposal for d in decisions)
    lgsp = next(d for d in decisions if d.function == "lgsp")
    # the LGSP with the approved level, the standards and more links is the one proposed to keep
    assert lgsp.keep == ["quang-ngai-lgsp"] and lgsp.migrate == ["kon-tum-lgsp"]
    dc = next(d for d in decisions if d.function == "data_centre")
    assert set(dc.keep) == {"tttd", "kt-node-01"} and dc.reason
    for d in decisions:
        if d.migrate or d.retire:
            items = [r.source for r in graph.in_(d.id, "implements") if graph.element(r.source).kind == "work_package"]
            assert items, d.id
            wp = graph.element(items[0])
            assert wp.start and wp.end and graph.owner(wp.id) is not None
            assert set(d.migrate + d.retire) <= {r.target for r in graph.out(wp.id, "implements")}
    assert _findings(merged, "2025-09-01", "CON002") == []


def test_checking_before_and_after_the_merger_day(merged, tmp_path):
    # before: two provinces, one LGSP each: neither ORG003 nor CON001
    assert _findings(merged, "2025-06-30", "CON001") == []
    assert [f for f in _findings(merged, "2025-06-30", "ORG003")] == []
    # after: one province with six twin sets, each only a proposal
    after = _findings(merged, "2025-09-01", "CON001")
    assert len(after) == 6
    assert all("only the proposal" in f.message for f in after)
    assert _findings(merged, "2025-09-01", "ORG003") == []  # twins of the merger are CON001's
    # the architect decides: CON001 is satisfied
    decided = tmp_path / "decided"
    shutil.copytree(merged, decided)
    path = decided / "hop-nhat" / "quyet-dinh-hop-nhat.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("proposal: true", "proposal: false"), encoding="utf-8")
    assert _findings(decided, "2025-09-01", "CON001") == []
    assert _findings(decided, "2025-09-01", "CON002") == []
    # a decision whose work package is removed is reported by CON002
    road = decided / "hop-nhat" / "lo-trinh-hop-nhat.yaml"
    items = [i for i in yaml.safe_load(road.read_text(encoding="utf-8")) if i["id"] != "hm-hop-nhat-lgsp"]
    for i in items:
        i["composed_of"] = [x for x in i.get("composed_of", []) if x != "hm-hop-nhat-lgsp"]
        i["implements"] = [x for x in i.get("implements", []) if x != "hop-nhat-lgsp"]
        if not i["composed_of"]:
            del i["composed_of"]
    road.write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert [f.element for f in _findings(decided, "2025-09-01", "CON002")] == ["hop-nhat-lgsp"]


def test_consolidation_report(merged, run_cli):
    result = run_cli(["consolidation", str(merged), "--as-of", "2025-09-01"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("# Hợp nhất hệ thống sau sắp xếp đơn vị hành chính\n")
    for fragment in ("### nền tảng tích hợp, chia sẻ dữ liệu (LGSP) (2 hệ thống, từ 01/07/2025)",
                     "| Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Quảng Ngãi (quang-ngai-lgsp) | Quảng Ngãi |",
                     "3 (đã phê duyệt)", "REST, SOAP, TLS 1.2", "## Lộ trình hợp nhất",
                     "hop-nhat-lgsp: đề xuất, chưa được quyết định"):
        assert fragment in out, fragment
    assert "kt-app-04" not in out and "du-lieu-mo" not in out
    en = run_cli(["consolidation", str(merged), "--as-of", "2025-06-30", "--lang", "en"]).output
    assert "No twin systems on this day." in en
    data = json.loads(run_cli(["consolidation", str(merged), "--as-of", "2025-09-01", "--format", "json"]).output)
    assert len(data["twin_sets"]) == 6 and data["predecessors"] == ["Kon Tum", "Quảng Ngãi"]


def test_second_merger_with_other_id_styles(tmp_path, run_cli):
    out = tmp_path / "hai-phong"
    result = run_cli(["merge", str(HP), str(HD), "--into", str(out), "--lang", "en"])  # default day: 1/7/2025
    assert "twin sets: 5" in result.output
    assert result.exit_code == 0, result.output
    assert "ubnd → hai-phong-ubnd (Hải Phòng), ubnd → hai-duong-ubnd (Hải Dương)" in result.output
    assert _twins(out, "2025-09-01") == {
        "lgsp": {"nen-tang-lgsp-hai-phong", "hd-lgsp-platform"},
        "ioc": {"ioc-hai-phong", "hd-ioc"},
        "citizen_app": {"hai-phong-smart", "hd-citizen-app"},
        "mobile_app": {"kenh-app-hai-phong", "hd-mobile"},
        "service_centre": {"trung-tam-phvhcc", "hd-service-centre"},
    }  # Hải Dương's dvc_portal is not a twin of Hải Phòng's tthc system: different system_type
    els = _elements(out)
    assert els["uy-ban-nhan-dan-thanh-pho-hai-phong-2025"]["name"] == "Ủy ban nhân dân thành phố Hải Phòng"
    check = run_cli(["check", str(out), "--as-of", "2025-09-01", "--format", "json"])
    assert check.exit_code in (0, 1)
    codes = [f["code"] for f in json.loads(check.output)["findings"]]
    assert codes.count("CON001") == 5 and "CON002" not in codes and not any(c.startswith("LOAD") for c in codes)


# --------------------------------------------------------------------------- refusals


def _assert_refused(result, out: Path, words: str) -> None:
    assert result.exit_code == 2, result.output
    assert words in result.output and "không có gì được ghi" in result.output
    assert "Traceback" not in result.output
    leftovers = [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")]
    assert leftovers == []


def test_refuses_an_input_that_is_not_a_model(tmp_path, run_cli):
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "out"
    _assert_refused(run_cli(["merge", str(QN), str(empty), "--into", str(out)]), out, "không phải là thư mục mô hình kientruc")
    assert not out.exists()
    broken = write_model(tmp_path / "broken", {"x.yaml": "- id: a\n  kind: nonsense\n  name: A\n"},
                         {"province": "Kon Tum", "architecture": {"name": "K", "version": "1"}, "profile": "vn-egov-2.0"})
    result = run_cli(["merge", str(QN), str(broken), "--into", str(out)])
    _assert_refused(result, out, "không đọc được mô hình")
    assert "x.yaml:2:3: lỗi LOAD003" in result.output
    assert not out.exists()


def test_refuses_two_models_of_one_province(tmp_path, run_cli):
    copy = tmp_path / "qn-copy"
    shutil.copytree(QN, copy)
    out = tmp_path / "out"
    _assert_refused(run_cli(["merge", str(QN), str(copy), "--into", str(out)]), out, "đều là mô hình của Quảng Ngãi")
    assert not out.exists()


def test_refuses_a_target_that_is_not_empty_without_force(tmp_path, run_cli):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    _assert_refused(run_cli(["merge", str(QN), str(KT), "--into", str(out)]), out, "không trống; dùng --force để thay thế")
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    result = run_cli(["merge", str(QN), str(KT), "--into", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert not (out / "notes.txt").exists() and (out / "architecture.yaml").is_file()


def test_refuses_a_target_inside_an_input_and_a_wrong_number_of_inputs(tmp_path, run_cli):
    qn = tmp_path / "qn"
    shutil.copytree(QN, qn)
    before = sorted(p.relative_to(qn) for p in qn.rglob("*"))
    _assert_refused(run_cli(["merge", str(qn), str(KT), "--into", str(qn / "merged")]), qn / "merged", "chồng lấn")
    assert sorted(p.relative_to(qn) for p in qn.rglob("*")) == before
    result = run_cli(["merge", str(QN), "--into", str(tmp_path / "one")])
    assert result.exit_code == 2 and "hai hoặc ba" in result.output
    assert not (tmp_path / "one").exists()


# --------------------------------------------------------------------------- ORG003 per province and per day


MANIFEST = {"province": "Việt Nam", "architecture": {"name": "Mô hình quốc gia (thử)", "version": "1"},
            "profile": "vn-digital-gov-4.0"}

TWO_PROVINCES = """\
- id: ubnd-ha-tinh
  kind: organization
  name: Ủy ban nhân dân tỉnh Hà Tĩnh
  org_type: government
  admin_level: tinh
- id: ubnd-quang-ngai
  kind: organization
  name: Ủy ban nhân dân tỉnh Quảng Ngãi
  org_type: government
  admin_level: tinh
- id: lgsp-ha-tinh
  kind: integration_platform
  name: LGSP tỉnh Hà Tĩnh
  platform_type: lgsp
  owner: ubnd-ha-tinh
- id: lgsp-quang-ngai
  kind: integration_platform
  name: LGSP tỉnh Quảng Ngãi
  platform_type: lgsp
  owner: ubnd-quang-ngai
"""


def test_org003_counts_per_province_of_the_owner(tmp_path):
    root = write_model(tmp_path / "vn", {"he-thong.yaml": TWO_PROVINCES}, MANIFEST)
    # ORG003 rests on laws of July–October 2025 (QĐ 1562/QĐ-TTg, NĐ 194/2025, QĐ 3090): checked on 1/11/2025,
    # each LGSP belongs to its own province through its owner's UBND tỉnh
    assert _findings(root, "2025-11-01", "ORG003") == []
    # a second LGSP in one province is a duplicate
    dup = TWO_PROVINCES + """\
- id: lgsp-quang-ngai-2
  kind: integration_platform
  name: Nền tảng tích hợp thứ hai
  platform_type: lgsp
  province: Quảng Ngãi
"""
    root2 = write_model(tmp_path / "vn2", {"he-thong.yaml": dup}, MANIFEST)
    found = _findings(root2, "2025-11-01", "ORG003")
    assert [(f.element, "(Quảng Ngãi)" in f.message) for f in found] == [("lgsp-quang-ngai-2", True)]


def test_org003_province_facts_change_with_the_day(tmp_path):
    dated = """\
- id: lgsp-a
  kind: integration_platform
  name: LGSP A
  platform_type: lgsp
  province: [{name: Hải Phòng, valid_to: 2025-10-31}, {name: Hà Tĩnh, valid_from: 2025-11-01}]
- id: lgsp-b
  kind: integration_platform
  name: LGSP B
  platform_type: lgsp
  province: Hải Phòng
"""
    # a made-up transfer of LGSP A from Hải Phòng to Hà Tĩnh on 1/11/2025, after ORG003's laws were issued:
    # the province is read on the day checked
    root = write_model(tmp_path / "m", {"he-thong.yaml": dated}, MANIFEST)
    assert [f.element for f in _findings(root, "2025-10-15", "ORG003")] == ["lgsp-b"]
    assert _findings(root, "2025-11-15", "ORG003") == []
    assert _findings(root, "2025-11-15", "CON001") == []  # not twins: in different provinces


# --------------------------------------------------------------------------- the site and the document


def test_site_page_and_document_chapter(merged, tmp_path):
    from kientruc.renderers.diagrams import dot_executable
    from kientruc.renderers.site import build_site

    if dot_executable() is None:
        pytest.skip("needs Graphviz (dot)")
    site = tmp_path / "site"
    build_site(pipeline.publication(merged, as_of=dt.date(2025, 9, 1)), site, lang="vi")
    page = (site / "hop-nhat.html").read_text(encoding="utf-8")
    assert "Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Quảng Ngãi (quang-ngai-lgsp)" in page
    assert 'href="hop-nhat.html"' in (site / "index.html").read_text(encoding="utf-8")
    doc = (site / "thuyet-minh.html").read_text(encoding="utf-8")
    assert "Hợp nhất hệ thống sau sắp xếp đơn vị hành chính" in doc and "hm-hop-nhat-lgsp" in doc
    import zipfile

    with zipfile.ZipFile(site / "thuyet-minh-kien-truc.docx") as z:
        assert "Hợp nhất hệ thống sau sắp xếp đơn vị hành chính" in z.read("word/document.xml").decode("utf-8")
    # a province that did not merge has no such page, and no menu entry for it
    single = tmp_path / "single"
    build_site(pipeline.publication(KT, as_of=dt.date(2025, 6, 1)), single, lang="vi", docx=False)
    assert not (single / "hop-nhat.html").exists()
    assert "hop-nhat.html" not in (single / "index.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- Hà Giang + Tuyên Quang: the real-case merge
# (tests/merge/ha-giang ends every system on its last day, as a predecessor's model does; tests/merge/tuyen-quang
# already names the merged province's bodies by hand, as architecture/ does for Quảng Trị)

HG, TQ = HERE / "ha-giang", HERE / "tuyen-quang"


@pytest.fixture(scope="module")
def tuyen_quang(tmp_path_factory) -> Path:
    from click.testing import CliRunner

    from kientruc.cli import cli

    out = tmp_path_factory.mktemp("tq") / "tuyen-quang-2025"
    result = CliRunner().invoke(cli, ["merge", str(TQ), str(HG), "--into", str(out), "--decided-on", "2025-06-12"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def test_an_id_both_models_define_is_one_element_not_two_renamed(tuyen_quang):
    els = _elements(tuyen_quang)
    assert "ubnd-tinh-tuyen-quang" in els and not [i for i in els if i.endswith("-ubnd-tinh-tuyen-quang")]
    kept = els["ubnd-tinh-tuyen-quang"]
    assert kept["valid_from"] == dt.date(2008, 1, 1)  # the first predecessor's copy and its dates
    assert any("Hà Giang" in a and "2025-06-12" in a for a in kept["assumptions"])  # the other copy's dates said


def test_systems_that_ended_with_their_province_go_on_until_a_decision(tuyen_quang):
    els = _elements(tuyen_quang)
    for sid in ("lgsp-ha-giang", "tthc-ha-giang", "ioc-ha-giang", "mang-tslcd-ha-giang"):
        assert "valid_to" not in els[sid], sid
        assert any("kientruc merge" in a for a in els[sid]["assumptions"])
    # a city's IOC ends with its level (districts were abolished): not continued, not a twin
    assert els["ioc-thanh-pho-ha-giang"]["valid_to"] == dt.date(2025, 6, 30)
    # the continuing province's own ends are real ends
    assert els["ubnd-tinh-tuyen-quang"]["valid_to"] == dt.date(2025, 6, 30)
    twins = _twins(tuyen_quang, DAY)
    assert twins == {"lgsp": {"lgsp-tuyen-quang", "lgsp-ha-giang"}, "tthc": {"tthc-tuyen-quang", "tthc-ha-giang"},
                     "ioc": {"ioc-tuyen-quang", "ioc-ha-giang"}}


def test_bodies_ended_with_their_province_pass_to_successors_the_other_model_names(tuyen_quang):
    els = _elements(tuyen_quang)
    assert not (tuyen_quang / "hop-nhat" / "to-chuc.yaml").exists()  # no draft body: Tuyên Quang names them
    assert els["ubnd-tinh-ha-giang"]["successors"] == [{"target": "ubnd-tinh-tuyen-quang-moi", "valid_from": dt.date(2025, 7, 1)}]
    assert els["so-khcn-ha-giang"]["successors"][0]["target"] == "so-khcn-tuyen-quang-moi"
    assert "ioc-ha-giang" in els["so-khcn-tuyen-quang-moi"]["owns"]  # the successor owns what goes on
    # the draft work packages have a lead: a body of the new province
    wps = [e for e in els.values() if e["kind"] == "work_package"]
    assert wps and all(w.get("owner") in ("so-khcn-tuyen-quang-moi", "ubnd-tinh-tuyen-quang-moi") for w in wps)


def test_decided_on_keeps_the_continuing_province_history_exact(tuyen_quang):
    early = pipeline.read(tuyen_quang, as_of=dt.date(2023, 1, 1)).graph
    ids = {e.id for e in early.elements()}
    assert not {"lgsp-ha-giang", "ioc-ha-giang", "ubnd-tinh-ha-giang", "ioc-thanh-pho-ha-giang"} & ids
    assert {"lgsp-tuyen-quang", "ioc-tuyen-quang", "ubnd-tinh-tuyen-quang"} <= ids
    before = pipeline.read(tuyen_quang, as_of=dt.date(2025, 6, 30)).graph
    assert {"lgsp-ha-giang", "lgsp-tuyen-quang", "ubnd-tinh-ha-giang"} <= {e.id for e in before.elements()}
    assert _elements(tuyen_quang)["lgsp-ha-giang"]["in_model_from"] == dt.date(2025, 6, 12)
    # without --decided-on, Hà Giang's history is in the model all along (the default is unchanged)


def test_merging_without_decided_on_shows_both_histories(tmp_path):
    from kientruc.merge import merge

    out = tmp_path / "tq"
    merge([TQ, HG], out, on=dt.date(2025, 7, 1))
    early = pipeline.read(out, as_of=dt.date(2023, 1, 1)).graph
    assert "lgsp-ha-giang" in {e.id for e in early.elements()}


def test_decided_on_after_the_merger_is_refused(run_cli, tmp_path):
    result = run_cli(["merge", str(TQ), str(HG), "--into", str(tmp_path / "x"), "--decided-on", "2025-07-02"])
    assert result.exit_code == 2
    assert "--decided-on" in result.output and not (tmp_path / "x").exists()


def test_org003_does_not_count_a_city_ioc_as_a_second_provincial_one(tmp_path):
    # ORG003's laws apply from 18/7/2025 (QĐ 1562/QĐ-TTg): Hà Giang's model, every end date dropped, read on
    # 1/8/2025 — the provincial IOC and the city of Hà Giang's IOC (owned at district level) both in service.
    def variant(name: str, city_owned: bool) -> Path:
        root = tmp_path / name
        shutil.copytree(HG, root)
        text = (root / "mo-hinh.yaml").read_text(encoding="utf-8").replace("  valid_to: 2025-06-30\n", "")
        if not city_owned:  # the same IOC owned by the province's department: a real second provincial IOC
            text = text.replace("owns: [ioc-ha-giang, mang-tslcd-ha-giang]",
                                "owns: [ioc-ha-giang, mang-tslcd-ha-giang, ioc-thanh-pho-ha-giang]")
            text = text.replace("  owns: [ioc-thanh-pho-ha-giang]\n", "")
        (root / "mo-hinh.yaml").write_text(text, encoding="utf-8")
        return root

    assert _findings(variant("clean", True), "2025-08-01", "ORG003") == []
    found = _findings(variant("broken", False), "2025-08-01", "ORG003")
    assert [f.element for f in found] == ["ioc-thanh-pho-ha-giang"]
