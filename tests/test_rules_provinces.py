"""Defects planted in a complete, clean provincial model, each beside its clean twin (issue 17): Gia Lai
under the national digital architecture (vn-digital-nation-2025), 15/1/2026, after the 2025 merger.
The clean model and every clean twin give no finding at all; every planted defect is found by the right
rule on the right element and by no other. (Other provinces, editions and days: tests/test_rules_*.py.)"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

import kientruc

from conftest import REPO

GIA_LAI = REPO / "tests" / "examples" / "gia-lai-2025"
DAY = dt.date(2026, 1, 15)


def _model(tmp_path, name: str, edits: dict[str, list[tuple[str, str]]] | None = None, extra: dict[str, str] | None = None):
    root = tmp_path / name
    shutil.copytree(GIA_LAI, root)
    for file, changes in (edits or {}).items():
        path = root / file
        text = path.read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text, (file, old)
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    for file, text in (extra or {}).items():
        path = root / file
        path.write_text(path.read_text(encoding="utf-8") + text if path.exists() else text, encoding="utf-8")
    return root


def _found(root, day=DAY):
    result = kientruc.check(root, as_of=day)
    return sorted((f.code, f.element) for f in result.findings)


def test_the_clean_model_has_no_finding(tmp_path):
    assert _found(_model(tmp_path, "clean")) == []


MINISTRY = """\
- id: bo-tu-phap
  kind: organization
  name: Bộ Tư pháp
  org_type: ministry
  external: true
  owns: [he-thong-ho-tich-bo-tu-phap]
- id: he-thong-ho-tich-bo-tu-phap
  kind: application
  name: Hệ thống thông tin đăng ký và quản lý hộ tịch của Bộ Tư pháp
  external: true
"""
DIRECT = [("    - emc\n", "    - {target: he-thong-ho-tich-bo-tu-phap, data: [sự kiện hộ tịch]}\n    - emc\n")]
ROUTED = [("    - emc\n", "    - {target: he-thong-ho-tich-bo-tu-phap, via: lgsp-gia-lai, data: [sự kiện hộ tịch]}\n    - emc\n")]


def test_a_direct_exchange_with_a_ministry_system(tmp_path):
    planted = _model(tmp_path, "int009", {"ung-dung.yaml": DIRECT}, {"ung-dung.yaml": MINISTRY})
    assert _found(planted) == [("INT009", "he-thong-tthc-gia-lai")]
    twin = _model(tmp_path, "int009-twin", {"ung-dung.yaml": ROUTED}, {"ung-dung.yaml": MINISTRY})
    assert _found(twin) == []


PARTS = """\
- id: cong-dvc-gia-lai
  kind: application
  name: Cổng dịch vụ công tỉnh Gia Lai
- id: phan-mem-mot-cua-gia-lai
  kind: application
  name: Phần mềm một cửa điện tử tỉnh Gia Lai (xử lý hồ sơ nội bộ)
  security_level: 2
  flows_to: [{target: cong-dvc-gia-lai, data: [kết quả giải quyết hồ sơ]}]
"""
COMPOSED = ("  composed_of: [api-tra-cuu-ho-so]\n",
            "  composed_of: [api-tra-cuu-ho-so, cong-dvc-gia-lai, phan-mem-mot-cua-gia-lai]\n")


def test_a_composite_tthc_system_and_its_parts(tmp_path):
    # the parts inherit the composite's owner, level, category and signatures: nothing to say
    twin = _model(tmp_path, "composite", {"ung-dung.yaml": [COMPOSED]}, {"ung-dung.yaml": PARTS})
    assert _found(twin) == []
    # the composite declares no signature: one DOC003, on the composite, none on its parts
    planted = _model(tmp_path, "composite-doc003", {"ung-dung.yaml": [
        COMPOSED, ("  digital_signatures: [chuyen_dung_cong_vu, cong_cong]\n", "")]}, {"ung-dung.yaml": PARTS})
    assert _found(planted) == [("DOC003", "he-thong-tthc-gia-lai")]


GROUP = """\
- id: xa-ia-grai
  kind: organization
  name: Ủy ban nhân dân xã Ia Grai
  org_type: government
  admin_level: xa
  member_of: [ubnd-tinh-gia-lai]
- id: phuong-pleiku
  kind: organization
  name: Ủy ban nhân dân phường Pleiku
  org_type: government
  admin_level: phuong
  member_of: [ubnd-tinh-gia-lai]
- id: cum-pleiku
  kind: organization
  name: Cụm đơn vị hành chính Pleiku – Ia Grai (giả định để kiểm thử)
  org_type: other
  member_of: [ubnd-tinh-gia-lai]
  composed_of: [xa-ia-grai, phuong-pleiku]
"""
OUTSIDE = """\
- id: xa-chu-pah
  kind: organization
  name: Ủy ban nhân dân xã Chư Păh
  org_type: government
  admin_level: xa
  member_of: [ubnd-tinh-gia-lai]
"""
CENTRE_SERVES_GROUP = [("  admin_level: xa\n  uses: [he-thong-tthc-gia-lai]\n",
                        "  admin_level: xa\n  owner: phuong-pleiku\n  serves: [cum-pleiku]\n  uses: [he-thong-tthc-gia-lai]\n")]


def test_a_centre_serving_a_group_of_communes(tmp_path):
    # the model lists two or three of Gia Lai's 135 commune-level units: ORG004 rightly says the count is
    # not the one of NQ 1664/NQ-UBTVQH15 (tested in test_provinces.py); everything else is clean
    def found(root):
        return [f for f in _found(root) if f[0] != "ORG004"]

    twin = _model(tmp_path, "group", {"kenh.yaml": CENTRE_SERVES_GROUP}, {"to-chuc.yaml": GROUP})
    assert found(twin) == []
    assert ("ORG004", "ubnd-tinh-gia-lai") in _found(twin)
    planted = _model(tmp_path, "group-outside", {"kenh.yaml": CENTRE_SERVES_GROUP}, {"to-chuc.yaml": GROUP + OUTSIDE})
    assert found(planted) == [("TTHC004", "xa-chu-pah")]


LATER_LAW = """\
- id: nd-moi-2026
  kind: legal_document
  name: Nghị định về chính phủ số (giả định để kiểm thử)
  number: 999/2026/NĐ-CP
  doc_type: nghi_dinh
  date: 2026-03-01
  issuer: Chính phủ
"""


def test_a_law_not_yet_issued_is_not_in_the_model_of_the_day(tmp_path):
    root = _model(tmp_path, "later-law", extra={"can-cu.yaml": LATER_LAW})
    assert _found(root) == []  # on 15/1/2026 the decree does not exist: nothing to relate it to
    assert ("STR006", "nd-moi-2026") in _found(root, dt.date(2026, 6, 1))  # once issued, nothing relates to it
