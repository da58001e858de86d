"""Rule SEC006 (system-without-security-level): an information system has no security level."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import exchanges_across_agencies, is_current
from ._helpers import ND85, ND85_BASIS, level_of_whole, security_systems
from ....i18n import Term, msg


@rule(
    code="SEC006",
    name="system-without-security-level",
    title="An information system has no security level",
    title_vi="Hệ thống thông tin chưa xác định cấp độ an toàn",
    family="security",
    scope="element", radius=2,
    legal_basis=ND85_BASIS,
    confidence="high",
    in_force_from=ND85,
)
def system_without_security_level(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Every provincial information system (application, database, integration
        platform, shared service, data centre or cloud node, provincial network) that
        SEC001 does not already report declares a ``security_level`` (1–5): planned
        systems too, since the level is set when the system is designed.
        A part of a composite system (``composed_of``) whose composite declares a level
        has that level (NĐ 85/2016/NĐ-CP Điều 5).

    Kiểm tra:
        Mỗi hệ thống thông tin của tỉnh (ứng dụng, cơ sở dữ liệu, nền tảng tích hợp, dịch
        vụ dùng chung, trung tâm dữ liệu, điện toán đám mây, mạng của tỉnh) chưa bị SEC001
        báo cáo đều khai báo ``security_level`` (1–5): cả hệ thống đang ``planned``, vì cấp
        độ được xác định ngay từ khi thiết kế.
        Thành phần của hệ thống tổng hợp (``composed_of``) mà hệ thống tổng hợp đã khai
        báo cấp độ thì có cấp độ đó (Điều 5 Nghị định 85/2016/NĐ-CP).

    Why:
        NĐ 85/2016/NĐ-CP makes the owner classify every information system and propose its
        level at design time (hồ sơ đề xuất cấp độ); the protection required (TT 12/2022/TT-BTTTT,
        TCVN 11930:2017) follows from the level.

    Lý do:
        Nghị định 85/2016/NĐ-CP yêu cầu chủ quản xác định cấp độ cho mọi hệ thống thông tin
        và lập hồ sơ đề xuất cấp độ ngay từ khi thiết kế; các yêu cầu bảo đảm an toàn (Thông
        tư 12/2022/TT-BTTTT, TCVN 11930:2017) phụ thuộc vào cấp độ.

    Fails:
        ```yaml
        - id: phan-mem-quan-ly-can-bo
          kind: application
          name: Phần mềm quản lý cán bộ, công chức tỉnh Thừa Thiên Huế
          status: planned
        ```

    Passes:
        ```yaml
        - id: phan-mem-quan-ly-can-bo
          kind: application
          name: Phần mềm quản lý cán bộ, công chức tỉnh Thừa Thiên Huế
          status: planned
          security_level: 2
        ```
    """
    for el in security_systems(ctx):
        if el.security_level is not None or level_of_whole(ctx.graph, el) is not None:
            continue  # a part of a composite with a level has the composite's level
        if is_current(el) and exchanges_across_agencies(ctx, el):
            continue  # SEC001
        yield Violation(
            msg("{kind} '{id}' has no security level (NĐ 85/2016/NĐ-CP)", kind=Term("model.kinds", el.kind), id=el.id),
            element=el.id,
            hint=msg("write security_level (1–5) as proposed in its security level proposal dossier"),
            key="level",
        )
