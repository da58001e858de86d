"""Rule TTHC001 (tthc-system-not-unified): the province has no single administrative-procedure information system."""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from ...registry import Related, RuleContext, Violation, rule
from .._common import about_province
from ._helpers import systems_of
from ....i18n import msg


@rule(
    code="TTHC001",
    name="tthc-system-not-unified",
    title="The province has no single administrative-procedure information system",
    title_vi="Tỉnh chưa có Hệ thống thông tin giải quyết thủ tục hành chính cấp tỉnh thống nhất",
    family="tthc",
    legal_basis=("Nghị định 107/2021/NĐ-CP (sửa đổi Nghị định 61/2018/NĐ-CP)", "Thông tư 01/2023/TT-VPCP"),
    confidence="high",
    in_force_from=dt.date(2021, 12, 6),
)
def tthc_system_not_unified(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 6/12/2021 (NĐ 107/2021/NĐ-CP), the architecture has a provincial system
        with ``system_type: tthc`` (Hệ thống thông tin giải quyết TTHC cấp tỉnh), and no
        longer has a separate public-service portal (``dvc_portal``) *and* electronic
        one-stop system (``one_stop``) both in service: the two are ``retiring``, ended
        (``valid_to``), or replaced by the single system.

    Kiểm tra:
        Từ ngày 6/12/2021 (Nghị định 107/2021/NĐ-CP), kiến trúc có một hệ thống của tỉnh
        với ``system_type: tthc`` (Hệ thống thông tin giải quyết TTHC cấp tỉnh), và không
        còn đồng thời Cổng dịch vụ công (``dvc_portal``) *và* Hệ thống một cửa điện tử
        (``one_stop``) riêng rẽ đang vận hành: hai hệ thống này đã ``retiring``, đã kết
        thúc (``valid_to``) hoặc được thay bằng hệ thống thống nhất.

    Why:
        NĐ 107/2021/NĐ-CP, amending NĐ 61/2018/NĐ-CP, merges the provincial
        public-service portal and the electronic one-stop system into one information
        system for handling administrative procedures; TT 01/2023/TT-VPCP governs it.
        Two separate systems mean two dossiers, two accounts and double data entry.

    Lý do:
        Nghị định 107/2021/NĐ-CP, sửa đổi Nghị định 61/2018/NĐ-CP, hợp nhất Cổng dịch vụ
        công và Hệ thống thông tin một cửa điện tử cấp tỉnh thành Hệ thống thông tin giải
        quyết thủ tục hành chính cấp tỉnh; Thông tư 01/2023/TT-VPCP quy định việc quản lý
        hệ thống này. Hai hệ thống riêng rẽ nghĩa là hai hồ sơ, hai tài khoản và nhập liệu
        hai lần.

    Fails:
        ```yaml
        - id: cong-dvc-tinh
          kind: application
          name: Cổng dịch vụ công tỉnh Lạng Sơn
          system_type: dvc_portal
        - id: mot-cua-dien-tu
          kind: application
          name: Hệ thống một cửa điện tử tỉnh Lạng Sơn
          system_type: one_stop
          flows_to: [cong-dvc-tinh]
        ```

    Passes:
        ```yaml
        - id: cong-dvc-tinh
          kind: application
          name: Cổng dịch vụ công tỉnh Lạng Sơn
          system_type: dvc_portal
          valid_to: 2021-12-31
          successors: [he-thong-tthc]
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Lạng Sơn
          system_type: tthc
          valid_from: 2022-01-01
        ```
    """
    unified = systems_of(ctx, "tthc")
    portals = systems_of(ctx, "dvc_portal")
    one_stops = systems_of(ctx, "one_stop")
    if portals and one_stops:
        yield Violation(
            msg("'{portal}' (the public service portal) and '{one_stop}' (the electronic one-stop system) are still separate "
                "systems; since NĐ 107/2021/NĐ-CP they form one provincial administrative-procedure information system", portal=portals[0].id, one_stop=one_stops[0].id),
            element=portals[0].id,
            related=(Related(one_stops[0].id, (), msg("the separate one-stop system")),),
            hint=msg("model the merged system (system_type: tthc) and mark the old ones retiring or ended (valid_to)"),
            key="separate",
        )
    elif not unified:
        only = (portals or one_stops)[:1]
        hint = msg("add the provincial TTHC information system (an application with system_type: tthc)")
        if only:
            hint = msg("if '{id}' is the merged system, set its system_type to tthc; otherwise {hint}", id=only[0].id, hint=hint)
        yield about_province(
            ctx,
            msg("the architecture has no provincial administrative-procedure information system (system_type: tthc)"),
            key="missing",
            hint=hint,
        )
