"""Groups of communes (issue 17, item 4): a service centre may serve a group of commune-level units of
several levels; an owner on the centre does not make it "one centre per commune". Lào Cai (after the
merger with Yên Bái), framework 4.0, 1/10/2025."""

from __future__ import annotations

import datetime as dt

import kientruc

from conftest import write_model

MANIFEST = {"province": "Lào Cai", "architecture": {"name": "Kiến trúc Chính quyền số tỉnh Lào Cai", "version": "4.0"},
            "profile": "vn-digital-gov-4.0"}

BASE = """\
- id: ubnd-lao-cai
  kind: organization
  name: Ủy ban nhân dân tỉnh Lào Cai
  org_type: government
  admin_level: tinh
  owns: [he-thong-tthc-lao-cai]
- id: he-thong-tthc-lao-cai
  kind: application
  name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Lào Cai
  system_type: tthc
- id: tt-phvhcc-tinh
  kind: channel
  name: Trung tâm Phục vụ hành chính công tỉnh Lào Cai
  channel_type: service_centre
  admin_level: tinh
  uses: [he-thong-tthc-lao-cai]
- id: xa-bac-ha
  kind: organization
  name: Ủy ban nhân dân xã Bắc Hà
  org_type: government
  admin_level: xa
- id: xa-ta-chai
  kind: organization
  name: Ủy ban nhân dân xã Tả Chải
  org_type: government
  admin_level: xa
  member_of: [cum-bac-ha]
- id: phuong-sa-pa
  kind: organization
  name: Ủy ban nhân dân phường Sa Pa
  org_type: government
  admin_level: phuong
- id: cum-bac-ha
  kind: organization
  name: Cụm đơn vị hành chính Bắc Hà – Sa Pa (giả định để kiểm thử)
  org_type: other
  composed_of: [xa-bac-ha, phuong-sa-pa]
- id: tt-phvhcc-bac-ha
  kind: channel
  name: Trung tâm Phục vụ hành chính công xã Bắc Hà (phục vụ cụm Bắc Hà – Sa Pa)
  channel_type: service_centre
  admin_level: xa
  owner: xa-bac-ha
  uses: [he-thong-tthc-lao-cai]
"""


def _tthc004(tmp_path, text, name):
    root = write_model(tmp_path / name, {"to-chuc.yaml": text}, MANIFEST)
    result = kientruc.check(root, as_of=dt.date(2025, 10, 1))
    assert not [f for f in result.findings if f.fatal], [f.message for f in result.findings if f.fatal]
    return sorted((f.element, f.key) for f in result.findings if f.code == "TTHC004")


def test_a_centre_serving_a_group_of_units_of_several_levels_covers_them(tmp_path):
    clean = BASE + "  serves: [cum-bac-ha]\n"
    assert _tthc004(tmp_path, clean, "clean") == []


def test_an_owner_alone_says_one_unit_and_the_others_are_reported(tmp_path):
    # the centre says it is xã Bắc Hà's (owner) and nothing of the group: the other units have none
    assert _tthc004(tmp_path, BASE, "owner") == [("phuong-sa-pa", "commune-centre"), ("xa-ta-chai", "commune-centre")]


def test_a_unit_outside_every_group_is_still_found(tmp_path):
    text = BASE + "  serves: [cum-bac-ha]\n" + """\
- id: xa-y-ty
  kind: organization
  name: Ủy ban nhân dân xã Y Tý
  org_type: government
  admin_level: xa
"""
    assert _tthc004(tmp_path, text, "outside") == [("xa-y-ty", "commune-centre")]


def test_a_group_centre_without_admin_level_is_commune_level(tmp_path):
    text = BASE.replace("  admin_level: xa\n  owner: xa-bac-ha\n", "  owner: cum-bac-ha\n") \
        .replace("name: Trung tâm Phục vụ hành chính công xã Bắc Hà (phục vụ cụm Bắc Hà – Sa Pa)",
                 "name: Trung tâm Phục vụ hành chính công cụm Bắc Hà – Sa Pa")
    # neither its name nor an admin_level says its level: the units of the group it serves do
    assert _tthc004(tmp_path, text, "level") == []
