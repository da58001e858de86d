"""Governance rules: the provincial steering body for e-government and digital transformation.

The v1.0 and v2.0 overview diagrams have a "Quản lý, chỉ đạo" / "Chỉ đạo, chính sách"
component; the Prime Minister set up the National Committee on e-Government in 2018 (QĐ
1072/QĐ-TTg) and provinces set up their steering committees (Quảng Trị: QĐ 2508/QĐ-UBND,
30/10/2018), later succeeded by digital-transformation steering bodies and, under NQ
57-NQ/TW, the Party-led committees for science, technology, innovation and digital
transformation (2025–).
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from ._common import about_province, fold, provincial, value
from .registry import Related, RuleContext, Violation, rule

HEAD_ROLES = ("truong ban", "head", "chair")


def _steering(el) -> bool:
    return el.kind == "organization" and provincial(el) and value(el, "org_type") == "steering_committee"


@rule(
    code="GOV001",
    name="steering-body-missing",
    title="The province has no steering body for e-government or digital transformation",
    title_vi="Tỉnh chưa có Ban Chỉ đạo về chính quyền điện tử, chuyển đổi số",
    family="governance",
    legal_basis=(
        "Quyết định 1072/QĐ-TTg ngày 28/8/2018 (Ủy ban Quốc gia về Chính phủ điện tử)",
        "Nghị quyết 57-NQ/TW ngày 22/12/2024",
        "Thành phần \"Quản lý, chỉ đạo\" (Khung 1.0) và \"Chỉ đạo, chính sách\" (Khung 2.0)",
    ),
    confidence="medium",
    in_force_from=dt.date(2018, 8, 28),
)
def steering_body_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 28/8/2018, on the day checked the architecture has the province's steering
        body: an organization with ``org_type: steering_committee`` in force.

    Kiểm tra:
        Từ ngày 28/8/2018, vào ngày kiểm tra kiến trúc có Ban Chỉ đạo của tỉnh: một tổ chức
        có ``org_type: steering_committee`` còn hiệu lực.

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
    if not any(_steering(o) for o in ctx.graph.of_kind("organization")):
        yield about_province(
            ctx,
            "the architecture has no steering body for e-government or digital transformation in force on this day",
            key="steering",
            hint="add the Ban Chỉ đạo as an organization with org_type: steering_committee (and its head)",
        )


def _has_head(ctx: RuleContext, committee_id: str) -> bool:
    graph = ctx.graph
    for r in graph.in_(committee_id, "member_of", "assigned_to"):
        role = fold(r.spec.role if r.spec is not None else None)
        member = graph.element(r.source)
        position = fold(getattr(member, "position", None))
        if any(role.startswith(h) or position.startswith(h) for h in HEAD_ROLES):
            return True
    for r in graph.out(committee_id, "composed_of"):
        member = graph.element(r.target)
        if any(fold(getattr(member, "position", None)).startswith(h) for h in HEAD_ROLES):
            return True
    return False


@rule(
    code="GOV002",
    name="steering-body-incomplete",
    title="The steering body has no head, or an earlier body has no successor",
    title_vi="Ban Chỉ đạo chưa có Trưởng ban, hoặc Ban Chỉ đạo trước chưa có tổ chức kế thừa",
    family="governance",
    legal_basis=("Quyết định 1072/QĐ-TTg ngày 28/8/2018", "Nghị quyết 57-NQ/TW ngày 22/12/2024"),
    confidence="medium",
)
def steering_body_incomplete(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Each provincial steering committee in force has a head: a stakeholder or
        organization that is ``member_of`` it with ``role: Trưởng ban`` (or whose
        ``position`` starts with "Trưởng ban"). Each steering committee that ended before
        the day checked is followed by another (``successors``, or ``supersedes`` from the
        new one), so the line BCĐ CQĐT (2018) → digital transformation → BCĐ KH, CN, ĐMST
        và CĐS (2025–) is unbroken.

    Kiểm tra:
        Mỗi Ban Chỉ đạo của tỉnh còn hiệu lực có Trưởng ban: một cá nhân (stakeholder) hoặc
        tổ chức ``member_of`` Ban với ``role: Trưởng ban`` (hoặc ``position`` bắt đầu bằng
        "Trưởng ban"). Mỗi Ban Chỉ đạo đã kết thúc trước ngày kiểm tra có tổ chức kế thừa
        (``successors``, hoặc ``supersedes`` từ Ban mới), để chuỗi BCĐ CQĐT (2018) → chuyển
        đổi số → BCĐ KH, CN, ĐMST và CĐS (2025–) không đứt đoạn.

    Why:
        A steering body acts through its head (in Quảng Trị in 2018, the chairman of the
        provincial people's committee; since 2025, the provincial Party secretary). Knowing
        which body succeeded which tells an official whose decisions still stand.

    Lý do:
        Ban Chỉ đạo hoạt động thông qua Trưởng ban (ở Quảng Trị năm 2018 là Chủ tịch UBND
        tỉnh; từ năm 2025 là Bí thư Tỉnh ủy). Biết Ban nào kế thừa Ban nào giúp người đọc xác
        định các quyết định nào còn giá trị.

    Fails:
        ```yaml
        - id: bcd-cds
          kind: organization
          name: Ban Chỉ đạo chuyển đổi số tỉnh Hà Tĩnh
          org_type: steering_committee
        - id: pho-chu-tich
          kind: stakeholder
          name: Phó Chủ tịch UBND tỉnh
          member_of: [{target: bcd-cds, role: Phó Trưởng ban}]
        ```

    Passes:
        ```yaml
        - id: bcd-cds
          kind: organization
          name: Ban Chỉ đạo chuyển đổi số tỉnh Hà Tĩnh
          org_type: steering_committee
        - id: chu-tich
          kind: stakeholder
          name: Chủ tịch UBND tỉnh
          member_of: [{target: bcd-cds, role: Trưởng ban}]
        ```
    """
    graph = ctx.graph
    for c in graph.of_kind("organization"):
        if _steering(c) and not _has_head(ctx, c.id):
            yield Violation(
                f"steering body '{c.id}' has no head (Trưởng ban) in the model",
                element=c.id,
                hint="add its head: a stakeholder with member_of: [{target: <id>, role: Trưởng ban}]",
                key="head",
            )
    followed: set[str] = set()
    for r in ctx.architecture.relations:
        if r.type == "successors":
            followed.add(r.source)
        elif r.type == "supersedes":
            followed.add(r.target)
    for el in ctx.architecture.elements:
        if _steering(el) and el.valid_to is not None and el.valid_to < ctx.day and el.id not in followed:
            current = [c for c in graph.of_kind("organization") if _steering(c)]
            yield Violation(
                f"steering body '{el.id}' ended on {el.valid_to} and no body is recorded as succeeding it",
                element=el.id,
                related=tuple(Related(c.id, (), "a steering body in force") for c in current[:1]),
                hint="add successors: [<the body that took over>] (or supersedes on the new one)",
                key="history",
            )
