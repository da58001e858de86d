"""Rule ARCH001 (roadmap-or-target-missing): the architecture has no target architecture or no roadmap."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from ._helpers import missing_sections


@rule(
    code="ARCH001",
    name="roadmap-or-target-missing",
    title="The architecture has no target architecture or no roadmap",
    title_vi="Kiến trúc thiếu kiến trúc mục tiêu hoặc lộ trình triển khai",
    family="architecture",
    legal_basis=(
        "Công văn 2384/BTTTT-THH ngày 28/7/2015 (đề cương Kiến trúc CQĐT cấp tỉnh)",
        "Quyết định 2323/QĐ-BTTTT (7 nội dung cơ bản)",
        "Công văn 2943/CĐSQG-CNCPS ngày 27/10/2025 (đề cương khung kiến trúc số cấp tỉnh)",
    ),
    confidence="medium",
)
def roadmap_or_target_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        The model contains the two contents without which it is an inventory, not an
        architecture: a target architecture (planned elements, plateaus, or elements
        that came into service after the architecture was approved) and a roadmap
        (projects, work packages or plateaus). The whole model is read, whatever the
        day checked. The profile's ``document_sections`` marked ``essential`` are checked.

    Kiểm tra:
        Mô hình có hai nội dung mà thiếu chúng thì chỉ là bản kê hiện trạng, không phải kiến
        trúc: kiến trúc mục tiêu (phần tử ``planned``, giai đoạn ``plateau``, hoặc phần tử
        đưa vào vận hành sau ngày kiến trúc được phê duyệt) và lộ trình (dự án, hạng mục
        hoặc giai đoạn). Đọc toàn bộ mô hình, không phụ thuộc ngày kiểm tra. Các nội dung
        ``essential`` trong ``document_sections`` của hồ sơ khung được kiểm tra.

    Why:
        Every outline of a provincial architecture — Công văn 2384/BTTTT-THH (2015), the
        seven contents of QĐ 2323/QĐ-BTTTT (2019), Công văn 2943/CĐSQG-CNCPS (2025) — asks
        for a target architecture and a roadmap (lộ trình) by period. The list of the
        other contents is partly inferred from provincial documents (see ARCH006).

    Lý do:
        Mọi đề cương kiến trúc cấp tỉnh — Công văn 2384/BTTTT-THH (2015), 7 nội dung cơ bản
        của Quyết định 2323/QĐ-BTTTT (2019), Công văn 2943/CĐSQG-CNCPS (2025) — đều yêu cầu
        kiến trúc mục tiêu và lộ trình triển khai theo giai đoạn. Danh mục các nội dung khác
        được suy ra một phần từ tài liệu của các tỉnh (xem ARCH006).

    Fails:
        ```yaml
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Lạng Sơn
          system_type: tthc
        ```

    Passes:
        ```yaml
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Lạng Sơn
          system_type: tthc
        - id: kho-du-lieu-dung-chung
          kind: application
          name: Kho dữ liệu dùng chung tỉnh Lạng Sơn
          status: planned
        - id: du-an-kho-du-lieu
          kind: project
          name: Xây dựng kho dữ liệu dùng chung tỉnh
          start: 2026-01-01
          end: 2027-12-31
          implements: [kho-du-lieu-dung-chung]
        ```
    """
    yield from missing_sections(ctx, essential=True)
