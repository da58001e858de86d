"""Rule TTHC001 (tthc-system-not-unified): the province has no single administrative-procedure information system."""

from __future__ import annotations

from typing import Iterator

from ....frameworks import law_day
from ...registry import Related, RuleContext, Violation, rule
from .._common import joined_notes, about_province, inferred_note, province_scopes, top_whole
from ._helpers import systems_of
from ....i18n import msg


@rule(
    code="TTHC001",
    name="tthc-system-not-unified",
    title="The province has no single administrative-procedure information system",
    title_vi="Tỉnh chưa có Hệ thống thông tin giải quyết thủ tục hành chính cấp tỉnh thống nhất",
    family="tthc",
    scope="province",
    legal_basis=("Nghị định 107/2021/NĐ-CP (sửa đổi Nghị định 61/2018/NĐ-CP)", "Thông tư 01/2023/TT-VPCP"),
    confidence="high",
    in_force_from=law_day("nd-107-2021"),
)
def tthc_system_not_unified(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 6/12/2021 (NĐ 107/2021/NĐ-CP), the architecture has a provincial system
        with ``system_type: tthc`` (Hệ thống thông tin giải quyết TTHC cấp tỉnh), and no
        longer has a separate public-service portal (``dvc_portal``) *and* electronic
        one-stop system (``one_stop``) both in service: the two are ``retiring``, ended
        (``valid_to``), or replaced by the single system. A portal and a one-stop
        system that are parts of one composite (an application ``composed_of`` both)
        are one system, not two; the composite is then the system to mark ``tthc``.
        Where a ``system_type`` is not written, it is read from the official name
        (``Cổng dịch vụ công…`` → ``dvc_portal``, ``…một cửa điện tử…`` → ``one_stop``)
        and the message says so: set ``system_type`` to confirm or correct it.
        In a model of several provinces (several UBND tỉnh), each province is judged
        on its own elements (those of its UBND tỉnh, its agencies and what they own)
        and the finding is on its UBND tỉnh.

    Kiểm tra:
        Từ ngày 6/12/2021 (Nghị định 107/2021/NĐ-CP), kiến trúc có một hệ thống của tỉnh
        với ``system_type: tthc`` (Hệ thống thông tin giải quyết TTHC cấp tỉnh), và không
        còn đồng thời Cổng dịch vụ công (``dvc_portal``) *và* Hệ thống một cửa điện tử
        (``one_stop``) riêng rẽ đang vận hành: hai hệ thống này đã ``retiring``, đã kết
        thúc (``valid_to``) hoặc được thay bằng hệ thống thống nhất. Cổng dịch vụ công và
        hệ thống một cửa điện tử là thành phần của cùng một hệ thống tổng hợp (ứng dụng
        ``composed_of`` cả hai) là một hệ thống, không phải hai; khi đó hệ thống tổng hợp là
        hệ thống cần ghi ``tthc``. Khi ``system_type`` không được ghi, kientruc đọc nó từ tên
        chính thức (``Cổng dịch vụ công…`` → ``dvc_portal``, ``…một cửa điện tử…`` →
        ``one_stop``) và thông báo nói rõ điều đó: ghi ``system_type`` để xác nhận hoặc sửa.
        Trong mô hình nhiều tỉnh (nhiều UBND tỉnh), mỗi tỉnh được đánh giá trên các phần
        tử của riêng tỉnh đó (UBND tỉnh, các cơ quan của tỉnh và những gì họ sở hữu), và phát
        hiện được gắn với UBND tỉnh đó.

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
    for scope in province_scopes(ctx):
        yield from _judge_province(ctx, scope)


def _judge_province(ctx: RuleContext, scope) -> Iterator[Violation]:
    graph = ctx.graph
    unified = [s for s in systems_of(ctx, "tthc") if scope.contains(s)]
    portals = [s for s in systems_of(ctx, "dvc_portal") if scope.contains(s)]
    one_stops = [s for s in systems_of(ctx, "one_stop") if scope.contains(s)]
    # parts of one composite system are one system, not two (a portal and the one-stop software
    # composed into the one-stop system of NĐ 61/2018)
    separate = [(p, o) for p in portals for o in one_stops if top_whole(graph, p).id != top_whole(graph, o).id]
    if separate:
        portal, one_stop = separate[0]
        yield Violation(
            msg("'{portal}' (the public service portal) and '{one_stop}' (the electronic one-stop system) are still separate "
                "systems; since NĐ 107/2021/NĐ-CP they form one provincial administrative-procedure information system{notes}",
                portal=portal.id, one_stop=one_stop.id, notes=joined_notes([n for n in (inferred_note(portal), inferred_note(one_stop)) if n])),
            element=portal.id,
            related=(Related(one_stop.id, (), msg("the separate one-stop system")),),
            hint=msg("model the merged system (system_type: tthc) and mark the old ones retiring or ended (valid_to), "
                     "or, if they are parts of one system, write that system with composed_of: [both]"),
            key="separate",
        )
    elif not unified:
        candidates = [top_whole(graph, s) for s in portals + one_stops]
        only = candidates[:1]
        hint = msg("add the provincial TTHC information system (an application with system_type: tthc)")
        if only:
            hint = msg("if '{id}' is the merged system, set its system_type to tthc; otherwise {hint}", id=only[0].id, hint=hint)
        yield about_province(
            ctx,
            msg("the architecture has no provincial administrative-procedure information system (system_type: tthc)"),
            key="missing",
            hint=hint,
            scope=scope,
        )
