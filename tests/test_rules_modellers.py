"""What modellers could not say (issue 17, item 7): a status that changes over time, a security level
on a channel, "approved, decision number unknown", a waiver's start day and approving decision, the
architecture's version at `kientruc init`, a manifest whose rule settings are all commented out, and
the relations architects reach for first. Hà Tĩnh, Sóc Trăng and Bình Định, frameworks 1.0–3.0."""

from __future__ import annotations

import re
import datetime as dt
import textwrap

import yaml

import kientruc

from conftest import BASE_MANIFEST, write_model


def _check(root, day):
    result = kientruc.check(root, as_of=day)
    assert not [f for f in result.findings if f.fatal], [f.message for f in result.findings if f.fatal]
    return result


def _of(result, code):
    return sorted(f.element for f in result.findings if f.code == code)


SOC_TRANG = {"province": "Sóc Trăng", "architecture": {"name": "Kiến trúc CQĐT tỉnh Sóc Trăng", "version": "2.0"},
             "profile": "vn-egov-2.0"}


def test_status_over_time_without_splitting_the_element(tmp_path):
    model = """\
        - id: so-tttt-soc-trang
          kind: organization
          name: Sở Thông tin và Truyền thông tỉnh Sóc Trăng
          org_type: department
          owns: [he-thong-ioc]
        - id: he-thong-ioc
          kind: application
          name: Trung tâm giám sát, điều hành đô thị thông minh tỉnh Sóc Trăng
          status: planned
          status_from: {current: 2022-01-01}
          security_level: 3
        """
    root = write_model(tmp_path / "st", {"he-thong.yaml": model}, SOC_TRANG)
    # planned in 2021 (no approval needed yet), current from 2022: its level now needs its decision
    assert _of(_check(root, dt.date(2021, 6, 1)), "SEC007") == []
    late = _check(root, dt.date(2022, 6, 1))
    assert _of(late, "SEC007") == ["he-thong-ioc"]
    assert str(late.graph.element("he-thong-ioc").status) == "current"
    twin = write_model(tmp_path / "st-ok", {"he-thong.yaml": model.replace(
        "security_level: 3\n", "security_level: 3\n          security_level_approved: true\n")}, SOC_TRANG)
    assert _of(_check(twin, dt.date(2022, 6, 1)), "SEC007") == []


def test_a_channel_can_carry_a_security_level(tmp_path):
    model = """\
        - id: vp-ubnd-soc-trang
          kind: organization
          name: Văn phòng UBND tỉnh Sóc Trăng
          org_type: department
          owns: [cong-dvc-kenh]
        - id: cong-dvc-kenh
          kind: channel
          name: Cổng dịch vụ công tỉnh Sóc Trăng
          channel_type: portal
          security_level: 3
        """
    broken = _check(write_model(tmp_path / "c", {"kenh.yaml": model}, SOC_TRANG), dt.date(2021, 6, 1))
    assert _of(broken, "SEC007") == ["cong-dvc-kenh"]
    assert "security_level_approved: true" in [f for f in broken.findings if f.code == "SEC007"][0].hint
    clean = model.rstrip(" ") + "          security_level_approved_by: Quyết định 1500/QĐ-UBND ngày 1/7/2020 (giả định)\n"
    assert _of(_check(write_model(tmp_path / "c2", {"kenh.yaml": clean}, SOC_TRANG), dt.date(2021, 6, 1)), "SEC007") == []


BINH_DINH = {"province": "Bình Định", "architecture": {"name": "Kiến trúc CQĐT tỉnh Bình Định", "version": "1.0"},
             "profile": "vn-egov-1.0"}
DOCS = """\
- id: so-noi-vu-binh-dinh
  kind: organization
  name: Sở Nội vụ tỉnh Bình Định
  org_type: department
  agency_code: 000.00.12.H08
  uses: [qlvb-binh-dinh]
- id: so-tu-phap-binh-dinh
  kind: organization
  name: Sở Tư pháp tỉnh Bình Định
  org_type: department
  uses: [qlvb-binh-dinh]
- id: qlvb-binh-dinh
  kind: application
  name: Hệ thống quản lý văn bản và điều hành tỉnh Bình Định
  system_type: document_management
"""


def test_an_agency_code_issued_but_not_known(tmp_path):
    broken = _check(write_model(tmp_path / "d", {"to-chuc.yaml": DOCS}, BINH_DINH), dt.date(2019, 6, 1))
    assert _of(broken, "DOC004") == ["so-tu-phap-binh-dinh"]
    said = DOCS.replace("  name: Sở Tư pháp tỉnh Bình Định\n", "  name: Sở Tư pháp tỉnh Bình Định\n  agency_code_issued: true\n")
    assert _of(_check(write_model(tmp_path / "d2", {"to-chuc.yaml": said}, BINH_DINH), dt.date(2019, 6, 1)), "DOC004") == []


def _waiver_model(tmp_path, name, waiver):
    manifest = dict(BINH_DINH, waivers=[waiver])
    files = {"to-chuc.yaml": DOCS + """\
- id: qd-mien-tru
  kind: legal_document
  name: Quyết định chấp thuận tạm miễn mã định danh cho Sở Tư pháp (giả định để kiểm thử)
  number: 999/QĐ-UBND
  doc_type: quyet_dinh
  date: 2019-03-01
  issuer: UBND tỉnh Bình Định
  governs: [so-tu-phap-binh-dinh]
"""}
    return write_model(tmp_path / name, files, manifest)


WAIVER = {"rule": "DOC004", "elements": ["so-tu-phap-binh-dinh"], "reason": "Đang chờ cấp mã sau khi sắp xếp",
          "decision": "qd-mien-tru", "valid_from": dt.date(2019, 3, 1), "expires": dt.date(2019, 12, 31)}


def test_a_waiver_begins_on_its_day_and_names_its_decision(tmp_path):
    root = _waiver_model(tmp_path, "w", WAIVER)
    assert _of(_check(root, dt.date(2019, 2, 1)), "DOC004") == ["so-tu-phap-binh-dinh"]  # not approved yet
    waived = _check(root, dt.date(2019, 6, 1))
    assert _of(waived, "DOC004") == [] and [f.code for f, _ in waived.waived] == ["DOC004"]


def test_a_waiver_decision_must_be_a_legal_document(tmp_path, run_cli):
    root = _waiver_model(tmp_path, "w2", dict(WAIVER, decision="so-noi-vu-binh-dinh"))
    result = run_cli(["check", str(root), "--as-of", "2019-06-01", "--lang", "en"])
    assert result.exit_code == 2
    assert "the waiver's decision 'so-noi-vu-binh-dinh' is an element of kind organization, not a legal_document" \
        in result.output
    assert "architecture.yaml" in result.output


def test_a_waiver_says_who_approved_it(tmp_path, run_cli):
    root = _waiver_model(tmp_path, "w3", {k: v for k, v in WAIVER.items() if k != "decision"})
    result = run_cli(["check", str(root), "--as-of", "2019-06-01"])
    assert result.exit_code == 2 and "approved_by" in result.output and "Traceback" not in result.output


def test_init_takes_the_architecture_version(tmp_path, run_cli):
    result = run_cli(["init", str(tmp_path / "ha-tinh"), "--province", "tỉnh Hà Tĩnh", "--version", "2.0",
                      "--profile", "vn-egov-2.0"])
    assert result.exit_code == 0, result.output
    manifest = yaml.safe_load((tmp_path / "ha-tinh" / "architecture.yaml").read_text(encoding="utf-8"))
    edition = manifest["editions"][0]  # init writes the first edition, a draft
    assert edition["version"] == "2.0" and edition["profile"] == "vn-egov-2.0" and edition["approved_by"] == "draft"


def test_rule_settings_all_commented_out_load(tmp_path, run_cli):
    root = tmp_path / "comments"
    write_model(root, {"m.yaml": """\
        - id: ubnd-ha-tinh
          kind: organization
          name: Ủy ban nhân dân tỉnh Hà Tĩnh
        """}, textwrap.dedent("""\
        province: Hà Tĩnh
        architecture: {name: Kiến trúc CQĐT tỉnh Hà Tĩnh, version: '1.0'}
        profile: vn-egov-1.0
        validation:
          rules:
            # STR006: off
            # ARCH001: warning
          exclude:
            # - nhap/*.yaml
        """))
    result = run_cli(["check", str(root), "--as-of", "2018-01-01"])
    assert result.exit_code in (0, 1), result.output
    # no load error or warning (the one-edition form's LOAD015 is a note, and expected here)
    assert not re.search(r"(error|warning) LOAD", result.output), result.output


def test_the_relations_architects_reach_for_get_the_right_one(tmp_path, run_cli):
    root = write_model(tmp_path / "rel", {"m.yaml": """\
        - id: he-thong-a
          kind: application
          name: Hệ thống A
          synchronises_with: [he-thong-b]
          operated_by: trung-tam-cntt
        - id: he-thong-b
          kind: application
          name: Hệ thống B
          exchanges-data-with: [he-thong-a]
        """})
    result = run_cli(["check", str(root), "--lang", "en"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    out = result.output
    assert "unknown field 'synchronises_with'" in out and "flows_to: [{target: <id>, data:" in out
    assert "unknown field 'exchanges-data-with'" in out and "connects_to" in out
    assert "unknown field 'operated_by'" in out and "owner: <organization id>" in out
