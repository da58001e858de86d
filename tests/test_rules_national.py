"""A national model of several provinces (issue 17, item 5): province-level rules judge each province
on its own and put each finding on that province's UBND tỉnh. Cao Bằng and Điện Biên, framework 3.0,
1/3/2024 (before the 2025 merger)."""

from __future__ import annotations

import datetime as dt

import kientruc

from conftest import write_model

MANIFEST = {"province": "Mô hình quốc gia (thử nghiệm)", "architecture": {"name": "Kiến trúc CPĐT hai tỉnh", "version": "3.0"},
            "profile": "vn-egov-3.0"}


def province(pid: str, name: str, *, lgsp: bool, tthc: bool, steering: bool) -> str:
    text = f"""\
- id: ubnd-{pid}
  kind: organization
  name: Ủy ban nhân dân tỉnh {name}
  org_type: government
  admin_level: tinh
- id: vp-ubnd-{pid}
  kind: organization
  name: Văn phòng UBND tỉnh {name}
  org_type: department
  member_of: [ubnd-{pid}]
"""
    if steering:
        text += f"""\
- id: bcd-{pid}
  kind: organization
  name: Ban Chỉ đạo về chuyển đổi số tỉnh {name}
  org_type: steering_committee
  member_of: [ubnd-{pid}]
"""
    if lgsp:
        text += f"""\
- id: lgsp-{pid}
  kind: integration_platform
  name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh {name}
  platform_type: lgsp
  owner: vp-ubnd-{pid}
"""
    if tthc:
        text += f"""\
- id: tthc-{pid}
  kind: application
  name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh {name}
  system_type: tthc
  owner: vp-ubnd-{pid}
"""
    return text


def _findings(tmp_path, name, **dien_bien):
    files = {"cao-bang.yaml": province("cao-bang", "Cao Bằng", lgsp=True, tthc=True, steering=True),
             "dien-bien.yaml": province("dien-bien", "Điện Biên", **dien_bien)}
    result = kientruc.check(write_model(tmp_path / name, files, MANIFEST), as_of=dt.date(2024, 3, 1))
    return result, sorted((f.code, f.element) for f in result.findings if f.code in ("INT001", "TTHC001", "GOV001"))


def test_each_province_is_judged_on_its_own(tmp_path):
    result, found = _findings(tmp_path, "broken", lgsp=False, tthc=False, steering=False)
    assert found == [("GOV001", "ubnd-dien-bien"), ("INT001", "ubnd-dien-bien"), ("TTHC001", "ubnd-dien-bien")]
    messages = [f.text("vi") for f in result.findings if f.code == "INT001"]
    assert messages[0].startswith("Ủy ban nhân dân tỉnh Điện Biên: ")


def test_the_clean_twin_has_none(tmp_path):
    assert _findings(tmp_path, "clean", lgsp=True, tthc=True, steering=True)[1] == []


def test_one_province_missing_is_not_masked_by_the_other(tmp_path):
    assert _findings(tmp_path, "half", lgsp=True, tthc=False, steering=True)[1] == [("TTHC001", "ubnd-dien-bien")]


def centres(pid: str, name: str, *, commune: bool) -> str:
    text = f"""\
- id: tt-tinh-{pid}
  kind: channel
  name: Trung tâm Phục vụ hành chính công tỉnh {name}
  channel_type: service_centre
  admin_level: tinh
  owner: vp-ubnd-{pid}
  uses: [tthc-{pid}]
"""
    if commune:  # no owner: it belongs to the province of the system it uses
        text += f"""\
- id: tt-xa-{pid}
  kind: channel
  name: Trung tâm Phục vụ hành chính công cấp xã tỉnh {name}
  channel_type: service_centre
  admin_level: xa
  uses: [tthc-{pid}]
"""
    return text


def test_an_unowned_element_belongs_to_the_province_it_is_related_to(tmp_path):
    def run(name, commune_in_dien_bien):
        files = {
            "cao-bang.yaml": province("cao-bang", "Cao Bằng", lgsp=True, tthc=True, steering=True)
            + centres("cao-bang", "Cao Bằng", commune=True),
            "dien-bien.yaml": province("dien-bien", "Điện Biên", lgsp=True, tthc=True, steering=True)
            + centres("dien-bien", "Điện Biên", commune=commune_in_dien_bien),
        }
        result = kientruc.check(write_model(tmp_path / name, files, MANIFEST), as_of=dt.date(2025, 9, 1))
        return sorted((f.code, f.element, f.key) for f in result.findings if f.code == "TTHC004")

    assert run("clean", True) == []
    assert run("missing", False) == [("TTHC004", "ubnd-dien-bien", "commune-centre@ubnd-dien-bien")]
