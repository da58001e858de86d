"""Rule SEC007 (security-level-not-approved): a system's security level is not approved."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import is_current, value
from ._helpers import level_approved, level_of_whole, ND85, security_systems
from ....i18n import Term, msg


@rule(
    code="SEC007",
    name="security-level-not-approved",
    title="A system's security level is not approved",
    title_vi="Cấp độ an toàn của hệ thống chưa được phê duyệt",
    family="security",
    scope="element", radius=0,
    legal_basis=("Nghị định 85/2016/NĐ-CP, Điều 12", "Quyết định 1562/QĐ-TTg ngày 18/7/2025"),
    confidence="medium",
    in_force_from=ND85,
)
def security_level_not_approved(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Every provincial information system in service (not ``planned``) that declares a
        ``security_level`` also names the decision approving it in
        ``security_level_approved_by``, or says it is approved though the decision's
        number is not known (``security_level_approved: true``). A channel that declares
        a level (a portal run as an information system) is checked too.
        A part of a composite system whose composite declares a level is covered by the
        composite's level and its approval.

    Kiểm tra:
        Mỗi hệ thống thông tin của tỉnh đang vận hành (không ``planned``) đã khai báo
        ``security_level`` đồng thời ghi văn bản phê duyệt cấp độ trong
        ``security_level_approved_by``, hoặc ghi rằng cấp độ đã được phê duyệt nhưng chưa
        rõ số quyết định (``security_level_approved: true``). Kênh có khai báo cấp độ (cổng
        thông tin vận hành như một hệ thống thông tin) cũng được kiểm tra.
        Thành phần của hệ thống tổng hợp đã khai báo cấp độ được tính theo cấp độ và
        quyết định phê duyệt của hệ thống tổng hợp.

    Why:
        A level counts once the competent body approves the proposal (NĐ 85/2016/NĐ-CP
        Điều 12; who approves levels 4 and 5 is not verified in kientruc's reference), and
        QĐ 1562/QĐ-TTg admits to synchronisation only systems with an approved level. A
        level written in the architecture without its decision cannot be audited.

    Lý do:
        Cấp độ chỉ có giá trị khi hồ sơ đề xuất được cơ quan có thẩm quyền phê duyệt (Điều
        12 Nghị định 85/2016/NĐ-CP; thẩm quyền phê duyệt cấp độ 4 và 5 chưa được xác minh
        trong tài liệu tham chiếu), và Quyết định 1562/QĐ-TTg chỉ cho hệ thống đã được phê
        duyệt cấp độ tham gia đồng bộ. Cấp độ ghi trong kiến trúc mà không có văn bản phê
        duyệt thì không kiểm chứng được.

    Fails:
        ```yaml
        - id: cong-ttdt-tinh
          kind: application
          name: Cổng thông tin điện tử tỉnh Hà Tĩnh
          system_type: web_portal
          security_level: 3
        ```

    Passes:
        ```yaml
        - id: cong-ttdt-tinh
          kind: application
          name: Cổng thông tin điện tử tỉnh Hà Tĩnh
          system_type: web_portal
          security_level: 3
          security_level_approved_by: Quyết định 2105/QĐ-UBND ngày 12/8/2022 của UBND tỉnh Hà Tĩnh
        ```
    """
    for el in security_systems(ctx):
        if (el.security_level is not None and is_current(el) and not level_approved(el)
                and level_of_whole(ctx.graph, el) is None):  # a part: the composite's level and approval count
            yield Violation(
                msg("{kind} '{id}' has security level {level}, but no approving decision", kind=Term("model.kinds", el.kind), id=el.id, level=el.security_level),
                element=el.id,
                path=("security_level",),
                hint=msg("name the approving decision in security_level_approved_by (or, if it is approved and the "
                         "decision's number is not known, write security_level_approved: true)"),
                key="approval",
            )
