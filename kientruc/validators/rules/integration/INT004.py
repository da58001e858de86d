"""Rule INT004 (national-database-exchange-bypasses-platform):
a provincial system reaches a national database with no platform in between.
"""

from __future__ import annotations

from typing import Iterator

from ...registry import Related, RuleContext, Violation, rule
from .._common import value
from ._helpers import is_routed, is_system
from ....i18n import msg, relation


def _national_db(el) -> bool:
    return el.kind == "database" and (value(el, "scope") == "national" or el.external)


@rule(
    code="INT004",
    name="national-database-exchange-bypasses-platform",
    title="A provincial system reaches a national database with no platform in between",
    title_vi="Hệ thống của tỉnh kết nối cơ sở dữ liệu quốc gia không qua nền tảng trung gian",
    family="integration",
    scope="element", radius=1,
    legal_basis=(
        "Nghị định 194/2025/NĐ-CP, Điều 20",
        "Quyết định 1562/QĐ-TTg ngày 18/7/2025",
        "Nghị định 278/2025/NĐ-CP",
        "Thông tư 13/2017/TT-BTTTT",
    ),
    confidence="medium",
)
def national_database_exchange_bypasses_platform(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Every ``flows_to``, ``connects_to`` or ``accesses`` relation between a
        provincial system and a national database (a ``database`` with ``scope:
        national``, or an external database) names the platform it goes through
        (``via``: the LGSP, the NDXP or the data sharing and coordination platform) or
        gives a ``justification`` (a direct connection the database owner allows).
        National systems that are not databases (the National Public Service Portal,
        the payment platform) are checked by their own rules, not by this one.

    Kiểm tra:
        Mỗi quan hệ ``flows_to``, ``connects_to`` hay ``accesses`` giữa một hệ thống của
        tỉnh và một cơ sở dữ liệu quốc gia (``database`` có ``scope: national``, hoặc cơ sở
        dữ liệu bên ngoài) nêu nền tảng trung gian (``via``: LGSP, NDXP hoặc Nền tảng chia
        sẻ, điều phối dữ liệu) hoặc ghi lý do (``justification``: kết nối trực tiếp được
        chủ quản cơ sở dữ liệu cho phép). Các hệ thống quốc gia không phải cơ sở dữ liệu
        (Cổng Dịch vụ công quốc gia, nền tảng thanh toán) do quy tắc riêng kiểm tra.

    Why:
        National databases are reached through the national data-connection intermediary
        system (NĐ 194/2025/NĐ-CP Điều 20), and QĐ 1562/QĐ-TTg (2025) makes
        synchronisation go through the shared platforms; NĐ 278/2025/NĐ-CP makes sharing
        through the national data coordination platform mandatory by 31/12/2026. A
        direct link no platform knows of escapes the connection account, the logs and the
        access control of the database owner.

    Lý do:
        Cơ sở dữ liệu quốc gia được khai thác qua hệ thống trung gian kết nối dữ liệu quốc
        gia (Điều 20 Nghị định 194/2025/NĐ-CP); Quyết định 1562/QĐ-TTg (2025) yêu cầu đồng
        bộ qua các nền tảng dùng chung; Nghị định 278/2025/NĐ-CP bắt buộc chia sẻ qua Nền
        tảng chia sẻ, điều phối dữ liệu quốc gia trước 31/12/2026. Kết nối trực tiếp không
        qua nền tảng nằm ngoài tài khoản kết nối, nhật ký và kiểm soát truy cập của chủ
        quản cơ sở dữ liệu.

    Fails:
        ```yaml
        - id: he-thong-ho-tich
          kind: application
          name: Phần mềm đăng ký, quản lý hộ tịch tỉnh Bắc Giang
          flows_to: [csdlqg-dan-cu]
        - id: csdlqg-dan-cu
          kind: database
          name: Cơ sở dữ liệu quốc gia về dân cư
          scope: national
          national_database: dan_cu
          external: true
        ```

    Passes:
        ```yaml
        - id: he-thong-ho-tich
          kind: application
          name: Phần mềm đăng ký, quản lý hộ tịch tỉnh Bắc Giang
          flows_to: [{target: csdlqg-dan-cu, via: lgsp-bac-giang, data: [sự kiện hộ tịch]}]
        - id: lgsp-bac-giang
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Bắc Giang
          platform_type: lgsp
        - id: csdlqg-dan-cu
          kind: database
          name: Cơ sở dữ liệu quốc gia về dân cư
          scope: national
          national_database: dan_cu
          external: true
        ```
    """
    graph = ctx.graph
    for rel in graph.relations("flows_to", "connects_to", "accesses"):
        src, dst = graph.element(rel.source), graph.element(rel.target)
        if is_system(src) and _national_db(dst):
            local, national = src, dst
        elif is_system(dst) and _national_db(src):
            local, national = dst, src
        else:
            continue
        if is_routed(rel):
            continue
        yield Violation(
            msg("'{id}' reaches the national database '{national}' directly: the {relation} relation names no platform (via) and no justification", id=local.id, national=national.id, relation=relation(rel.type)),
            element=rel.written_by,
            path=rel.path,
            related=(Related(national.id, (), msg("the national database")),),
            hint=msg("name the platform it goes through (via: the LGSP, NDXP or data coordination platform), "
                     "or the reason the database owner allows a direct connection (justification)"),
            key=national.id,
        )
