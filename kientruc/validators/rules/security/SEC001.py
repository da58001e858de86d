"""Rule SEC001 (exchanging-system-without-security-level):
a system that exchanges data with other agencies has no security level.
"""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import exchanges_across_agencies, is_current
from ._helpers import ND85, ND85_BASIS, level_of_whole, security_systems
from ....i18n import Term, msg


@rule(
    code="SEC001",
    name="exchanging-system-without-security-level",
    title="A system that exchanges data with other agencies has no security level",
    title_vi="Hệ thống trao đổi dữ liệu với cơ quan khác chưa xác định cấp độ an toàn",
    family="security",
    scope="element", radius=2,
    legal_basis=ND85_BASIS + ("Quyết định 1562/QĐ-TTg ngày 18/7/2025 (hệ thống tham gia đồng bộ phải được phê duyệt cấp độ)",),
    confidence="high",
    in_force_from=ND85,
)
def exchanging_system_without_security_level(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Every provincial information system in service (not ``planned``) that exchanges
        data across agencies declares its ``security_level`` (1–5). A system exchanges
        across agencies when it is an integration platform, or when it ``flows_to``,
        ``connects_to``, ``integrates_via`` or ``accesses`` (either way) an integration
        platform, a national system, or a system of another owner. Other systems without
        a level are reported by SEC006.
        A part of a composite system (``composed_of``) whose composite declares a level
        has that level (NĐ 85/2016/NĐ-CP Điều 5).

    Kiểm tra:
        Mỗi hệ thống thông tin của tỉnh đang vận hành (không ``planned``) có trao đổi dữ
        liệu liên cơ quan khai báo ``security_level`` (1–5). Hệ thống trao đổi liên cơ quan
        khi nó là nền tảng tích hợp, hoặc có quan hệ ``flows_to``, ``connects_to``,
        ``integrates_via`` hay ``accesses`` (theo cả hai chiều) với một nền tảng tích hợp,
        một hệ thống quốc gia hoặc hệ thống của chủ quản khác. Hệ thống khác chưa có cấp độ
        do SEC006 báo cáo.
        Thành phần của hệ thống tổng hợp (``composed_of``) mà hệ thống tổng hợp đã khai
        báo cấp độ thì có cấp độ đó (Điều 5 Nghị định 85/2016/NĐ-CP).

    Why:
        The Luật An toàn thông tin mạng and NĐ 85/2016/NĐ-CP require every information
        system to be classified and protected at its level; QĐ 1562/QĐ-TTg (2025) admits
        to synchronisation only systems whose level is approved and whose security plan is
        in place. A system that exchanges data without a level is a gap in every system it
        is connected to.

    Lý do:
        Luật An toàn thông tin mạng và Nghị định 85/2016/NĐ-CP yêu cầu mọi hệ thống thông
        tin được xác định cấp độ và bảo vệ theo cấp độ; Quyết định 1562/QĐ-TTg (2025) chỉ
        cho phép hệ thống đã được phê duyệt cấp độ và đã triển khai phương án bảo đảm an
        toàn tham gia đồng bộ. Hệ thống trao đổi dữ liệu mà chưa có cấp độ là lỗ hổng của
        mọi hệ thống kết nối với nó.

    Fails:
        ```yaml
        - id: lgsp-binh-duong
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Bình Dương
          platform_type: lgsp
        ```

    Passes:
        ```yaml
        - id: lgsp-binh-duong
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Bình Dương
          platform_type: lgsp
          security_level: 3
          security_level_approved_by: Quyết định 1234/QĐ-UBND ngày 15/6/2021
        ```
    """
    for el in security_systems(ctx):
        if (el.security_level is None and is_current(el) and level_of_whole(ctx.graph, el) is None
                and exchanges_across_agencies(ctx, el)):
            yield Violation(
                msg("{kind} '{id}' exchanges data with other agencies but has no security level", kind=Term("model.kinds", el.kind), id=el.id),
                element=el.id,
                hint=msg("determine its level under NĐ 85/2016/NĐ-CP and write security_level (1–5) and "
                         "security_level_approved_by"),
                key="level",
            )
