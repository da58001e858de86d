"""A law does not exist before its date: no finding cites a law not issued on the day checked, no
rule runs whose every basis is later, a legal document is no element before it is issued, and
messages never print a missing date (issue 17, item 3)."""

from __future__ import annotations

import datetime as dt

import pytest

import kientruc
from kientruc.frameworks import basis_issued, basis_law, laws
from kientruc.validators import registry

from conftest import write_model


def test_every_legal_basis_of_every_rule_has_a_law_with_its_day():
    for code, r in registry().items():
        for text in r.legal_basis:
            law = basis_law(text)  # raises if the catalogue lacks it
            assert law.issued is None or law.issued >= dt.date(2010, 1, 1), (code, text)


def test_a_basis_rests_on_the_law_it_names_first():
    assert basis_issued("Nghị định 47/2020/NĐ-CP, Điều 35 khoản 3, sửa đổi bởi Nghị định 194/2025/NĐ-CP, Điều 40") == dt.date(2020, 4, 9)
    assert basis_issued("Quyết định 292/QĐ-BKHCN, Điều 2 (thay thế 2568/QĐ-BTTTT và 1729/QĐ-BTTTT)") == dt.date(2025, 3, 25)
    assert len({law.id for law in laws()}) == len(laws())


HA_TINH_2021 = {
    "he-thong.yaml": """\
        - id: ubnd-ha-tinh
          kind: organization
          name: Ủy ban nhân dân tỉnh Hà Tĩnh
          org_type: government
          admin_level: tinh
          owns: [lgsp-ha-tinh, phan-mem-ho-tich]
        - id: lgsp-ha-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Hà Tĩnh
          platform_type: lgsp
          complies_with: [nd-194-2025, tt-13-2017]
        - id: phan-mem-ho-tich
          kind: application
          name: Phần mềm đăng ký, quản lý hộ tịch tỉnh Hà Tĩnh
          flows_to: [csdlqg-dan-cu]
        - id: csdlqg-dan-cu
          kind: database
          name: Cơ sở dữ liệu quốc gia về dân cư
          scope: national
          external: true
        - id: nd-194-2025
          kind: legal_document
          name: Nghị định quy định về dữ liệu dùng chung
          number: 194/2025/NĐ-CP
          doc_type: nghi_dinh
          date: 2025-07-03
          issuer: Chính phủ
        - id: tt-13-2017
          kind: legal_document
          name: Thông tư quy định yêu cầu kỹ thuật về kết nối với cơ sở dữ liệu quốc gia
          number: 13/2017/TT-BTTTT
          doc_type: thong_tu
          date: 2017-06-23
          issuer: Bộ Thông tin và Truyền thông
        - id: he-thong-tuong-lai
          kind: application
          name: Hệ thống dự kiến
          status: planned
          planned_from: 2024-01-01
        - id: phan-mem-mot-cua
          kind: application
          name: Phần mềm một cửa điện tử
          uses: [he-thong-tuong-lai]
        """,
}
MANIFEST = {"province": "Hà Tĩnh", "architecture": {"name": "Kiến trúc CQĐT tỉnh Hà Tĩnh", "version": "2.0"},
            "profile": "vn-egov-2.0"}


@pytest.fixture
def ha_tinh(tmp_path):
    return write_model(tmp_path / "ha-tinh", HA_TINH_2021, MANIFEST)


def test_no_finding_cites_a_law_not_yet_issued(ha_tinh):
    for day in (dt.date(2021, 4, 1), dt.date(2025, 8, 1), dt.date(2026, 1, 15)):
        result = kientruc.check(ha_tinh, as_of=day)
        assert result.findings
        for f in result.findings:
            for text in f.legal_basis:
                issued = basis_issued(text)
                assert issued is None or issued <= day, (day, f.code, text)
    # INT004 cites NĐ 194/2025 in 2026 and not in 2021; it still runs in 2021 on TT 13/2017
    early = [f for f in kientruc.check(ha_tinh, as_of=dt.date(2021, 4, 1)).findings if f.code == "INT004"]
    late = [f for f in kientruc.check(ha_tinh, as_of=dt.date(2026, 1, 15)).findings if f.code == "INT004"]
    assert early and late
    assert not any("194/2025" in b for b in early[0].legal_basis)
    assert any("194/2025" in b for b in late[0].legal_basis)


def test_a_rule_whose_every_law_is_later_does_not_run(ha_tinh):
    result = kientruc.check(ha_tinh, as_of=dt.date(2021, 4, 1))
    late_only = [code for code, r in registry().items()
                 if r.legal_basis and all((basis_issued(b) or dt.date.min) > dt.date(2021, 4, 1) for b in r.legal_basis)]
    assert "DATA002" in late_only  # NĐ 13/2023 and Luật 91/2025
    for code in late_only:
        assert not registry()[code].applies_on(dt.date(2021, 4, 1))
        assert code not in result.rules_run
    assert "DATA002" in kientruc.check(ha_tinh, as_of=dt.date(2024, 1, 1)).rules_run


def test_a_law_issued_after_the_day_is_not_an_element_yet(ha_tinh):
    early = kientruc.check(ha_tinh, as_of=dt.date(2021, 4, 1))
    assert not [f for f in early.findings if f.element == "nd-194-2025"]  # no STR006, no STR009
    assert not [f for f in early.findings if f.code == "STR009" and "nd-194-2025" in f.message]
    assert "nd-194-2025" not in early.graph
    late = kientruc.check(ha_tinh, as_of=dt.date(2025, 8, 1))
    assert "nd-194-2025" in late.graph


def test_str009_never_prints_a_missing_date(ha_tinh):
    result = kientruc.check(ha_tinh, as_of=dt.date(2021, 4, 1))
    found = [f for f in result.findings if f.code == "STR009"]
    assert [f.element for f in found] == ["phan-mem-mot-cua"]
    assert "None" not in found[0].message
    assert "planned only from 2024-01-01" in found[0].text("en") and "01/01/2024" in found[0].text("vi")
    for f in result.findings:
        assert "None" not in f.message and "None" not in (f.hint or ""), (f.code, f.message)


def test_str009_a_consolidation_carried_out_is_not_a_broken_reference(tmp_path):
    """A system a decision migrates ends after the decision (its valid_to is the decision's effect): no STR009
    on the decision after that day; a system that ended BEFORE the decision is still reported, and so is any
    other relation to the ended system."""
    files = {
        "he-thong.yaml": """
            - id: app-giu
              kind: channel
              name: Ứng dụng công dân được giữ
              channel_type: mobile_app
              valid_from: 2025-01-01
            - id: app-cu
              kind: channel
              name: Ứng dụng công dân cũ
              channel_type: mobile_app
              valid_from: 2021-01-01
              valid_to: 2026-12-31
            - id: hop-nhat-app
              kind: consolidation
              name: Giữ một ứng dụng công dân
              function: mobile_app
              keep: [app-giu]
              migrate: [app-cu]
              decided_on: 2025-11-10
              valid_from: 2025-11-10
            - id: nguoi-dan
              kind: actor
              name: Người dân
              uses: [app-giu, app-cu]
            """,
    }
    root = write_model(tmp_path / "m", files, {"province": "Hà Tĩnh", "architecture": {"name": "Kiến trúc số tỉnh Hà Tĩnh", "version": "1.0"},
                                               "profile": "vn-digital-nation-2025"})
    found = [f for f in kientruc.check(root, as_of=dt.date(2027, 6, 30)).findings if f.code == "STR009"]
    assert [f.element for f in found] == ["nguoi-dan"]  # the actor's relation is reported, the decision's is not
    # the same decision dated after the system ended: the reference is broken, reported
    (root / "he-thong.yaml").write_text((root / "he-thong.yaml").read_text(encoding="utf-8")
                                        .replace("decided_on: 2025-11-10", "decided_on: 2027-02-01"), encoding="utf-8")
    found = [f for f in kientruc.check(root, as_of=dt.date(2027, 6, 30)).findings if f.code == "STR009"]
    assert sorted(f.element for f in found) == ["hop-nhat-app", "nguoi-dan"]
