"""Rule GOV002 (steering-body-incomplete): the steering body has no head, or an earlier body has no successor."""

from __future__ import annotations

from typing import Iterator

from ...registry import Related, RuleContext, Violation, rule
from .._common import fold
from ._helpers import is_steering_body
from ....i18n import msg


HEAD_ROLES = ("truong ban", "head", "chair")


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
    scope="kinds",
    kinds=("organization",),
    types=("member_of", "assigned_to", "composed_of", "successors", "supersedes"),
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
        if is_steering_body(c) and not _has_head(ctx, c.id):
            yield Violation(
                msg("steering body '{id}' has no head in the model", id=c.id),
                element=c.id,
                hint=msg("add its head: a stakeholder with member_of: [{{target: <id>, role: 'Trưởng ban'}}]"),
                key="head",
            )
    ended = [el for el in ctx.architecture.elements
             if el.kind == "organization" and is_steering_body(el) and el.valid_to is not None and el.valid_to < ctx.day]
    followed: set[str] = set()
    for r in ctx.architecture.relations if ended else ():
        if r.type == "successors":
            followed.add(r.source)
        elif r.type == "supersedes":
            followed.add(r.target)
    for el in ended:
        if el.id not in followed:
            current = [c for c in graph.of_kind("organization") if is_steering_body(c)]
            yield Violation(
                msg("steering body '{id}' ended on {day} and no body is recorded as succeeding it", id=el.id, day=el.valid_to),
                element=el.id,
                related=tuple(Related(c.id, (), msg("a steering body in force")) for c in current[:1]),
                hint=msg("add successors: [<the body that took over>] (or supersedes on the new one)"),
                key="history",
            )
