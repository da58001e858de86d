"""Composite systems (issue 17, item 2): the one-stop system of NĐ 61/2018 is the Cổng dịch vụ công and
the one-stop software composed into one; the rules judge the composite, its parts inherit what it
declares, and a type read from a name says so. Bắc Ninh, framework 2.0, before and after NĐ 107/2021."""

from __future__ import annotations

import datetime as dt

import pytest

import kientruc

from conftest import write_model

MANIFEST = {"province": "Bắc Ninh", "architecture": {"name": "Kiến trúc CQĐT tỉnh Bắc Ninh", "version": "2.0"},
            "profile": "vn-egov-2.0"}

COMMON = """\
- id: ubnd-bac-ninh
  kind: organization
  name: Ủy ban nhân dân tỉnh Bắc Ninh
  org_type: government
  admin_level: tinh
  owns: [he-thong-mot-cua-bac-ninh, lgsp-bac-ninh]
- id: lgsp-bac-ninh
  kind: integration_platform
  name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Bắc Ninh
  platform_type: lgsp
- id: cong-dvc-quoc-gia
  kind: application
  name: Cổng Dịch vụ công quốc gia
  system_type: national_public_service_portal
  external: true
"""

# The one-stop system of NĐ 61/2018 as a composite: signatures and level declared once, on it.
COMPOSITE = COMMON + """\
- id: he-thong-mot-cua-bac-ninh
  kind: application
  name: Hệ thống thông tin một cửa điện tử tỉnh Bắc Ninh
  system_type: one_stop
  digital_signatures: [chuyen_dung_cong_vu]
  security_level: 3
  composed_of: [cong-dvc-bac-ninh, phan-mem-mot-cua-bac-ninh]
- id: cong-dvc-bac-ninh
  kind: application
  name: Cổng dịch vụ công tỉnh Bắc Ninh
  security_level: 2
- id: phan-mem-mot-cua-bac-ninh
  kind: application
  name: Phần mềm một cửa điện tử tỉnh Bắc Ninh (xử lý hồ sơ nội bộ)
  security_level: 2
  flows_to: [{target: cong-dvc-bac-ninh, data: [kết quả giải quyết hồ sơ]}]
"""


def _check(tmp_path, text, day, name="m"):
    root = write_model(tmp_path / name, {"he-thong.yaml": text}, MANIFEST)
    return kientruc.check(root, as_of=day)


def _codes(result, *codes):
    return sorted((f.code, f.element) for f in result.findings if f.code in codes)


def test_the_composite_is_reported_once_and_named(tmp_path):
    result = _check(tmp_path, COMPOSITE, dt.date(2020, 6, 1))
    found = [f for f in result.findings if f.code == "TTHC002"]
    assert [f.element for f in found] == ["he-thong-mot-cua-bac-ninh"]
    assert "composed of 'cong-dvc-bac-ninh'" in found[0].message
    # parts inherit the composite's signatures and its level: no DOC003, no SEC002 on a part
    assert _codes(result, "DOC003", "SEC002") == []


def test_a_part_that_syncs_is_the_composite_syncing(tmp_path):
    text = COMPOSITE.replace(
        "  security_level: 2\n- id: phan-mem", "  security_level: 2\n  flows_to: [{target: cong-dvc-quoc-gia, data: [hồ sơ, tiến độ]}]\n- id: phan-mem", 1
    )
    assert "cong-dvc-quoc-gia, data" in text
    assert _codes(_check(tmp_path, text, dt.date(2020, 6, 1)), "TTHC002") == []


def test_a_composite_without_signatures_gets_one_doc003(tmp_path):
    text = COMPOSITE.replace("  digital_signatures: [chuyen_dung_cong_vu]\n", "")
    assert _codes(_check(tmp_path, text, dt.date(2020, 6, 1)), "DOC003") == [("DOC003", "he-thong-mot-cua-bac-ninh")]


def test_the_parts_of_one_composite_are_not_separate_systems(tmp_path):
    merged = COMPOSITE.replace("  system_type: one_stop\n", "  system_type: tthc\n")
    # the parts' types are read from their names (Cổng dịch vụ công…, …một cửa điện tử…)
    assert _codes(_check(tmp_path, merged, dt.date(2022, 3, 1)), "TTHC001") == []
    # the same composite not yet marked tthc: one finding, naming it, not "separate systems"
    found = [f for f in _check(tmp_path, COMPOSITE, dt.date(2022, 3, 1), "n").findings if f.code == "TTHC001"]
    assert len(found) == 1 and "separate" not in found[0].message
    assert "'he-thong-mot-cua-bac-ninh' is the merged system" in found[0].hint


def test_two_separate_systems_are_still_reported(tmp_path):
    separate = COMPOSITE.replace("  composed_of: [cong-dvc-bac-ninh, phan-mem-mot-cua-bac-ninh]\n", "").replace(
        "  system_type: one_stop\n", "  system_type: tthc\n  valid_to: 2019-12-31\n")
    found = [f for f in _check(tmp_path, separate, dt.date(2022, 3, 1)).findings if f.code == "TTHC001"]
    assert [f.element for f in found] == ["cong-dvc-bac-ninh"]
    assert "separate" in found[0].message
    assert "inferred from the name; set system_type to confirm" in found[0].message


def test_a_one_stop_system_alone_must_sync_under_nd61(tmp_path):
    alone = COMMON + """\
- id: he-thong-mot-cua-bac-ninh
  kind: application
  name: Hệ thống thông tin một cửa điện tử tỉnh Bắc Ninh
  system_type: one_stop
  digital_signatures: [chuyen_dung_cong_vu]
"""
    assert _codes(_check(tmp_path, alone, dt.date(2020, 6, 1)), "TTHC002") == [("TTHC002", "he-thong-mot-cua-bac-ninh")]
    synced = alone + "  flows_to: [{target: cong-dvc-quoc-gia, data: [hồ sơ, tiến độ]}]\n"
    assert _codes(_check(tmp_path, synced, dt.date(2020, 6, 1), "s"), "TTHC002") == []


def test_a_floor_read_from_a_name_says_so(tmp_path):
    text = COMMON + """\
- id: he-thong-mot-cua-bac-ninh
  kind: application
  name: Phần mềm một cửa điện tử tỉnh Bắc Ninh
  digital_signatures: [chuyen_dung_cong_vu]
  security_level: 2
  flows_to: [{target: cong-dvc-quoc-gia, data: [hồ sơ]}]
"""
    found = [f for f in _check(tmp_path, text, dt.date(2020, 6, 1)).findings if f.code == "SEC002"]
    assert len(found) == 1
    assert "system_type 'one_stop' inferred from the name; set system_type to confirm" in found[0].message
    confirmed = text.replace("  security_level: 2\n", "  security_level: 2\n  system_type: other\n")
    assert _codes(_check(tmp_path, confirmed, dt.date(2020, 6, 1), "c"), "SEC002") == []
