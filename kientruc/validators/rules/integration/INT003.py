"""Rule INT003 (interagency-exchange-bypasses-lgsp):
two agencies' systems exchange data directly, not through the LGSP.
"""

from __future__ import annotations

from typing import Iterator

from ...registry import Related, RuleContext, Violation, rule
from .._common import owner
from ._helpers import is_routed, is_system
from ....i18n import msg, relation


@rule(
    code="INT003",
    name="interagency-exchange-bypasses-lgsp",
    title="Two agencies' systems exchange data directly, not through the LGSP",
    title_vi="Hệ thống của hai cơ quan trao đổi dữ liệu trực tiếp, không qua LGSP",
    family="integration",
    scope="element", radius=2,
    legal_basis=(
        "Thông tư 13/2017/TT-BTTTT, Điều 17",
        "Nghị định 47/2020/NĐ-CP",
        "Quyết định 1562/QĐ-TTg ngày 18/7/2025 (đồng bộ qua các nền tảng dùng chung)",
    ),
    confidence="medium",
)
def interagency_exchange_bypasses_lgsp(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Every ``flows_to``, ``connects_to`` or ``accesses`` relation between two
        provincial systems (applications, databases, shared services) owned by
        *different* agencies names the platform it goes through (``via: <lgsp id>``) or
        gives a ``justification`` for a direct connection. Relations whose ends have no
        known owner are not checked.

    Kiểm tra:
        Mỗi quan hệ ``flows_to``, ``connects_to`` hay ``accesses`` giữa hai hệ thống của
        tỉnh (ứng dụng, cơ sở dữ liệu, dịch vụ dùng chung) thuộc hai cơ quan chủ quản
        *khác nhau* nêu rõ nền tảng trung gian (``via: <mã LGSP>``) hoặc ghi lý do kết nối
        trực tiếp (``justification``). Quan hệ mà một đầu chưa có chủ quản không được kiểm
        tra.

    Why:
        The LGSP is the intermediary for exchanges between the province's agencies
        (TT 13/2017/TT-BTTTT Điều 17; QĐ 1562/QĐ-TTg: synchronisation goes through the
        shared platforms). Point-to-point links multiply, escape monitoring and each need
        their own security review. The 2024 amendment of framework 3.0 (QĐ 1729/QĐ-BTTTT)
        allows direct distributed connections, so a justified direct link passes and this
        rule only warns.

    Lý do:
        LGSP là trung gian cho trao đổi dữ liệu giữa các cơ quan trong tỉnh (Điều 17
        Thông tư 13/2017/TT-BTTTT; Quyết định 1562/QĐ-TTg: đồng bộ qua các nền tảng dùng
        chung). Kết nối điểm – điểm sinh sôi, nằm ngoài giám sát và mỗi kết nối cần được
        đánh giá an toàn riêng. Bản sửa đổi năm 2024 của Khung 3.0 (Quyết định
        1729/QĐ-BTTTT) cho phép mô hình kết nối trực tiếp phân tán, nên kết nối trực tiếp
        có lý do được chấp nhận và quy tắc chỉ ở mức cảnh báo.

    Fails:
        ```yaml
        - id: so-tai-nguyen
          kind: organization
          name: Sở Nông nghiệp và Môi trường tỉnh Sơn La
          owns: [csdl-dat-dai-tinh]
        - id: van-phong-ubnd
          kind: organization
          name: Văn phòng UBND tỉnh Sơn La
          owns: [he-thong-tthc]
        - id: csdl-dat-dai-tinh
          kind: database
          name: Cơ sở dữ liệu đất đai tỉnh Sơn La
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết TTHC tỉnh Sơn La
          accesses: [csdl-dat-dai-tinh]
        ```

    Passes:
        ```yaml
        - id: so-tai-nguyen
          kind: organization
          name: Sở Nông nghiệp và Môi trường tỉnh Sơn La
          owns: [csdl-dat-dai-tinh]
        - id: van-phong-ubnd
          kind: organization
          name: Văn phòng UBND tỉnh Sơn La
          owns: [he-thong-tthc, lgsp-son-la]
        - id: lgsp-son-la
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Sơn La
          platform_type: lgsp
        - id: csdl-dat-dai-tinh
          kind: database
          name: Cơ sở dữ liệu đất đai tỉnh Sơn La
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết TTHC tỉnh Sơn La
          accesses: [{target: csdl-dat-dai-tinh, via: lgsp-son-la, data: [thửa đất]}]
        ```
    """
    graph = ctx.graph
    for rel in graph.relations("flows_to", "connects_to", "accesses"):
        src, dst = graph.element(rel.source), graph.element(rel.target)
        if not (is_system(src) and is_system(dst)) or is_routed(rel):
            continue
        a, b = owner(graph, src.id), owner(graph, dst.id)
        if a is None or b is None or a == b:
            continue
        yield Violation(
            msg("the relation {relation} joins '{source}' ({source_owner}) and '{target}' ({target_owner}), systems of two agencies, "
                "directly: it names no platform (via) and no justification", relation=relation(rel.type), source=src.id, source_owner=a, target=dst.id, target_owner=b),
            element=rel.written_by,
            path=rel.path,
            related=(Related(dst.id, (), msg("the other agency's system")),),
            hint=msg("route it through the LGSP (via: <lgsp id>), or give the reason for a direct connection (justification)"),
            key=dst.id,
        )
