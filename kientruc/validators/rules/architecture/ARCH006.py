"""Rule ARCH006 (document-content-missing): the architecture lacks a content the framework's outline asks for."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from ._helpers import missing_sections


@rule(
    code="ARCH006",
    name="document-content-missing",
    title="The architecture lacks a content the framework's outline asks for",
    title_vi="Kiến trúc thiếu nội dung theo đề cương của khung kiến trúc",
    family="architecture",
    legal_basis=(
        "Công văn 2384/BTTTT-THH ngày 28/7/2015",
        "Quyết định 2323/QĐ-BTTTT",
        "Công văn 2943/CĐSQG-CNCPS ngày 27/10/2025",
    ),
    confidence="medium",
)
def document_content_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        The model contains the other contents of a provincial architecture listed in the
        profile's ``document_sections``: legal basis (``architecture.approved_by`` or
        ``legal_document`` elements), vision and objectives (``goal``/``driver``),
        principles (``principle``), current state (``current`` systems), the connection
        model with national systems (external platforms related to provincial systems)
        and the implementation responsibilities (projects with an owner or assigned
        agencies).

    Kiểm tra:
        Mô hình có các nội dung khác của kiến trúc cấp tỉnh liệt kê trong
        ``document_sections`` của hồ sơ khung: căn cứ pháp lý (``architecture.approved_by``
        hoặc phần tử ``legal_document``), tầm nhìn và mục tiêu (``goal``/``driver``), nguyên
        tắc (``principle``), hiện trạng (hệ thống ``current``), mô hình kết nối với hệ thống
        quốc gia (nền tảng bên ngoài có quan hệ với hệ thống của tỉnh) và tổ chức triển khai
        (dự án có chủ quản hoặc cơ quan được giao).

    Why:
        The list unites the v1.0 outline (Công văn 2384/BTTTT-THH), the tables of contents
        of provincial v2.0 architectures (Sơn La, Lạng Sơn) and the 2025 outline (Công văn
        2943/CĐSQG-CNCPS). It is partly inferred, so a missing content is a warning.

    Lý do:
        Danh mục tổng hợp đề cương 1.0 (Công văn 2384/BTTTT-THH), mục lục các kiến trúc 2.0
        của tỉnh (Sơn La, Lạng Sơn) và đề cương năm 2025 (Công văn 2943/CĐSQG-CNCPS). Danh
        mục được suy ra một phần, nên thiếu nội dung chỉ ở mức cảnh báo.

    Fails:
        ```yaml
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Lạng Sơn
          system_type: tthc
        ```

    Passes:
        ```yaml
        # architecture.yaml: {architecture: {name: Kiến trúc số tỉnh Lạng Sơn, version: "1.0", approved_by: qd-phe-duyet}}
        - id: qd-phe-duyet
          kind: legal_document
          name: Quyết định phê duyệt Kiến trúc số tỉnh Lạng Sơn
          number: 1234/QĐ-UBND
          doc_type: quyet_dinh
          date: 2025-12-20
          issuer: UBND tỉnh Lạng Sơn
        - id: ubnd-tinh
          kind: organization
          name: Ủy ban nhân dân tỉnh Lạng Sơn
          org_type: government
          admin_level: tinh
          owns: [he-thong-tthc, du-an-tthc]
        - id: muc-tieu
          kind: goal
          name: 100% thủ tục đủ điều kiện cung cấp trực tuyến toàn trình
        - id: nguyen-tac-dung-chung
          kind: principle
          name: Chia sẻ, dùng chung dữ liệu
          influences: [muc-tieu]
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Lạng Sơn
          system_type: tthc
          flows_to: [cong-dvcqg]
        - id: cong-dvcqg
          kind: application
          name: Cổng Dịch vụ công quốc gia
          system_type: national_public_service_portal
          external: true
        - id: du-an-tthc
          kind: project
          name: Nâng cấp hệ thống giải quyết TTHC
          start: 2026-01-01
          end: 2026-12-31
          implements: [he-thong-tthc]
        ```
    """
    yield from missing_sections(ctx, essential=False)
