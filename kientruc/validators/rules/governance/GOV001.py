"""Rule GOV001 (steering-body-missing): the province has no steering body for e-government or digital transformation."""

from __future__ import annotations

from typing import Iterator

from ....frameworks import law_day
from ...registry import RuleContext, Violation, rule
from .._common import about_province, province_scopes
from ._helpers import is_steering_body
from ....i18n import msg


@rule(
    code="GOV001",
    name="steering-body-missing",
    title="The province has no steering body for e-government or digital transformation",
    title_vi="Tỉnh chưa có Ban Chỉ đạo về chính quyền điện tử, chuyển đổi số",
    family="governance",
    scope="province",
    legal_basis=(
        "Quyết định 1072/QĐ-TTg ngày 28/8/2018 (Ủy ban Quốc gia về Chính phủ điện tử)",
        "Nghị quyết 57-NQ/TW ngày 22/12/2024",
        "Thành phần \"Quản lý, chỉ đạo\" (Khung 1.0) và \"Chỉ đạo, chính sách\" (Khung 2.0)",
    ),
    confidence="medium",
    in_force_from=law_day("qd-1072-2018"),
)
def steering_body_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 28/8/2018, on the day checked the architecture has the province's steering
        body: an organization with ``org_type: steering_committee`` in force.
        In a model of several provinces (several UBND tỉnh), each province is judged
        on its own elements (those of its UBND tỉnh, its agencies and what they own)
        and the finding is on its UBND tỉnh.

    Kiểm tra:
        Từ ngày 28/8/2018, vào ngày kiểm tra kiến trúc có Ban Chỉ đạo của tỉnh: một tổ chức
        có ``org_type: steering_committee`` còn hiệu lực.
        Trong mô hình nhiều tỉnh (nhiều UBND tỉnh), mỗi tỉnh được đánh giá trên các phần
        tử của riêng tỉnh đó (UBND tỉnh, các cơ quan của tỉnh và những gì họ sở hữu), và phát
        hiện được gắn với UBND tỉnh đó.

    Why:
        The overview diagrams of frameworks 1.0 and 2.0 have a management and steering
        component, and after the National Committee on e-Government (QĐ 1072/QĐ-TTg, 2018)
        every province set up a steering committee (Quảng Trị: QĐ 2508/QĐ-UBND of
        30/10/2018), later replaced by digital-transformation bodies and, under NQ 57-NQ/TW,
        the committees for science, technology, innovation and digital transformation. The
        steering body decides the architecture's priorities and resolves conflicts
        between agencies.

    Lý do:
        Sơ đồ tổng thể của Khung 1.0 và 2.0 có thành phần quản lý, chỉ đạo; sau khi thành lập
        Ủy ban Quốc gia về Chính phủ điện tử (Quyết định 1072/QĐ-TTg năm 2018) các tỉnh đều lập
        Ban Chỉ đạo (Quảng Trị: Quyết định 2508/QĐ-UBND ngày 30/10/2018), sau đó được thay bằng
        Ban Chỉ đạo chuyển đổi số và, theo Nghị quyết 57-NQ/TW, Ban Chỉ đạo phát triển khoa học,
        công nghệ, đổi mới sáng tạo và chuyển đổi số. Ban Chỉ đạo quyết định thứ tự ưu tiên của
        kiến trúc và xử lý vướng mắc giữa các cơ quan.

    Fails:
        ```yaml
        - id: ubnd-tinh
          kind: organization
          name: Ủy ban nhân dân tỉnh Bình Dương
          org_type: government
          admin_level: tinh
        ```

    Passes:
        ```yaml
        - id: ubnd-tinh
          kind: organization
          name: Ủy ban nhân dân tỉnh Bình Dương
          org_type: government
          admin_level: tinh
        - id: bcd-cds
          kind: organization
          name: Ban Chỉ đạo chuyển đổi số tỉnh Bình Dương
          org_type: steering_committee
          governs: [ubnd-tinh]
        ```
    """
    bodies = [o for o in ctx.graph.of_kind("organization") if is_steering_body(o)]
    for scope in province_scopes(ctx):
        if not any(scope.contains(o) for o in bodies):
            yield about_province(
                ctx,
                msg("the architecture has no steering body for e-government or digital transformation in force on this day"),
                key="steering",
                hint=msg("add the steering committee as an organization with org_type: steering_committee (and its head), member_of the provincial people's committee")
                if scope.several else msg("add the steering committee as an organization with org_type: steering_committee (and its head)"),
                scope=scope,
            )
