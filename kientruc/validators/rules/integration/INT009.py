"""Rule INT009 (external-exchange-bypasses-platform):
a provincial system exchanges data directly with another agency's system outside the province.
"""

from __future__ import annotations

from typing import Iterator

from ...registry import Related, RuleContext, Violation, rule
from .._common import SYSTEM_KINDS, national_platform_selectors, matches_any, owner
from ._helpers import is_routed, is_system
from ....i18n import msg, relation


def _outside_system(el, national: tuple) -> bool:
    """A system of an agency outside the province (a ministry's, a central agency's application).

    Databases are INT004's; platforms are the way through, not an end; the national platforms a
    connection of the profile requires (the Cổng DVCQG, the payment platform, VNeID, the EMC…) are
    checked by their own rules, which say how they are reached.
    """
    return (
        el.external
        and el.kind in SYSTEM_KINDS
        and el.kind not in ("database", "integration_platform")
        and not matches_any(national, el)
    )


@rule(
    code="INT009",
    name="external-exchange-bypasses-platform",
    title="A provincial system exchanges data directly with a system outside the province",
    title_vi="Hệ thống của tỉnh trao đổi dữ liệu trực tiếp với hệ thống ngoài tỉnh, không qua LGSP/NDXP",
    family="integration",
    scope="element", radius=2,
    legal_basis=(
        "Thông tư 13/2017/TT-BTTTT, Điều 17 (LGSP là trung gian giữa hệ thống bên trong và bên ngoài)",
        "Nghị định 47/2020/NĐ-CP",
        "Nghị định 194/2025/NĐ-CP, Điều 20",
    ),
    confidence="medium",
)
def external_exchange_bypasses_platform(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Every ``flows_to``, ``connects_to`` or ``accesses`` relation, in either
        direction, between a provincial system (application or shared service, not
        ``external``) and a system of an agency outside the province (an application
        or shared service marked ``external: true``: a ministry's sector software, a
        central agency's application) names the platform it goes through (``via``: the
        LGSP or the NDXP) or gives a ``justification`` for a direct connection. National
        databases are checked by INT004, exchanges between two provincial agencies by
        INT003, and the national platforms a national connection of the profile names
        (the Cổng Dịch vụ công quốc gia, the payment platform, VNeID, the monitoring
        centre) by their own rules (TTHC002, TTHC003, ID001, INF003).

    Kiểm tra:
        Mỗi quan hệ ``flows_to``, ``connects_to`` hay ``accesses``, theo bất kỳ chiều nào,
        giữa một hệ thống của tỉnh (ứng dụng, dịch vụ dùng chung, không ``external``) và hệ
        thống của cơ quan ngoài tỉnh (ứng dụng hay dịch vụ có ``external: true``: phần mềm
        chuyên ngành của bộ, ứng dụng của cơ quan trung ương) nêu nền tảng trung gian
        (``via``: LGSP hoặc NDXP) hoặc ghi lý do kết nối trực tiếp (``justification``). Cơ
        sở dữ liệu quốc gia do INT004 kiểm tra, trao đổi giữa hai cơ quan của tỉnh do
        INT003, còn các nền tảng quốc gia mà kết nối quốc gia của hồ sơ khung nêu (Cổng Dịch
        vụ công quốc gia, nền tảng thanh toán, VNeID, trung tâm giám sát) do quy tắc riêng
        (TTHC002, TTHC003, ID001, INF003).

    Why:
        The provincial data integration and sharing platform (LGSP) is the intermediary
        between the province's internal systems and external systems (TT 13/2017/TT-BTTTT
        Điều 17); the national data-connection intermediary system, the NDXP, joins the
        national systems and the ministries' and provinces' sharing infrastructures (NĐ
        194/2025/NĐ-CP Điều 20, in force from 19/8/2025; before it NĐ 47/2020/NĐ-CP). A
        direct link to a ministry's application escapes the province's monitoring and
        the connection's security review. Framework 3.0 as amended in 2024 allows direct
        distributed connections, so a justified direct link passes and the rule warns.

    Lý do:
        Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP) là trung gian giữa các hệ thống
        bên trong và bên ngoài (Điều 17 Thông tư 13/2017/TT-BTTTT); hệ thống trung gian
        kết nối dữ liệu quốc gia (NDXP) kết nối các hệ thống quốc gia với hạ tầng chia sẻ
        của bộ, tỉnh (Điều 20 Nghị định 194/2025/NĐ-CP, hiệu lực từ 19/8/2025; trước đó Nghị
        định 47/2020/NĐ-CP). Kết nối trực tiếp tới ứng dụng của bộ nằm ngoài giám sát của
        tỉnh và ngoài đánh giá an toàn của kết nối. Khung 3.0 sửa đổi năm 2024 cho phép kết
        nối trực tiếp phân tán, nên kết nối trực tiếp có lý do được chấp nhận và quy tắc chỉ
        cảnh báo.

    Fails:
        ```yaml
        - id: phan-mem-ho-tich-tinh
          kind: application
          name: Phần mềm quản lý hộ tịch tỉnh Lạng Sơn
          flows_to: [{target: he-thong-ho-tich-bo-tu-phap, data: [sự kiện hộ tịch]}]
        - id: he-thong-ho-tich-bo-tu-phap
          kind: application
          name: Hệ thống thông tin đăng ký và quản lý hộ tịch của Bộ Tư pháp
          external: true
        ```

    Passes:
        ```yaml
        - id: phan-mem-ho-tich-tinh
          kind: application
          name: Phần mềm quản lý hộ tịch tỉnh Lạng Sơn
          flows_to: [{target: he-thong-ho-tich-bo-tu-phap, via: lgsp-lang-son, data: [sự kiện hộ tịch]}]
        - id: lgsp-lang-son
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Lạng Sơn
          platform_type: lgsp
        - id: he-thong-ho-tich-bo-tu-phap
          kind: application
          name: Hệ thống thông tin đăng ký và quản lý hộ tịch của Bộ Tư pháp
          external: true
        ```
    """
    graph = ctx.graph
    national = national_platform_selectors()
    for rel in graph.relations("flows_to", "connects_to", "accesses"):
        src, dst = graph.element(rel.source), graph.element(rel.target)
        if is_system(src) and _outside_system(dst, national):
            local, outside = src, dst
        elif is_system(dst) and _outside_system(src, national):
            local, outside = dst, src
        else:
            continue
        if is_routed(rel):
            continue
        theirs = owner(graph, outside.id)
        message = msg("'{id}' exchanges data directly with '{other}' ({owner}), a system outside the province: "
                      "the {relation} relation names no platform (via) and no justification",
                      id=local.id, other=outside.id, owner=theirs, relation=relation(rel.type)) if theirs else \
            msg("'{id}' exchanges data directly with '{other}', a system outside the province: "
                "the {relation} relation names no platform (via) and no justification",
                id=local.id, other=outside.id, relation=relation(rel.type))
        yield Violation(
            message,
            element=rel.written_by,
            path=rel.path,
            related=(Related(outside.id, (), msg("the system outside the province")),),
            hint=msg("route it through the LGSP or the NDXP (via: <platform id>), "
                     "or give the reason for a direct connection (justification)"),
            key=outside.id,
        )
