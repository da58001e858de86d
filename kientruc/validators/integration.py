"""Integration rules: the LGSP, the NDXP, exchanges between agencies and with national databases.

The provincial data integration and sharing platform (LGSP, *Nền tảng tích hợp, chia sẻ
dữ liệu cấp tỉnh*) is the intermediary between the province's systems and the outside
(TT 13/2017/TT-BTTTT Điều 17) and is connected to the national platform NDXP (formerly
NGSP; NĐ 194/2025/NĐ-CP Điều 20). From 2025 national data is shared through the national
data centre's data sharing and coordination platform (NĐ 278/2025/NĐ-CP).
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from ._common import (
    NATION_2025,
    SYSTEM_KINDS,
    about_province,
    check_connections,
    date_vi,
    Reach,
    fold,
    is_lgsp,
    is_retiring,
    owner,
    platform_type,
    provincial,
    value,
)
from .registry import Related, RuleContext, Violation, rule

NDXP_BASIS = (
    "Thông tư 13/2017/TT-BTTTT, Điều 17",
    "Nghị định 47/2020/NĐ-CP",
    "Nghị định 194/2025/NĐ-CP, Điều 20",
    "Khung Kiến trúc CPĐT Việt Nam 1.0 (Văn bản 1178/BTTTT-THH), mục II.5",
)
ND278_DEADLINE = dt.date(2026, 12, 31)


@rule(
    code="INT001",
    name="lgsp-missing",
    title="The province has no data integration and sharing platform (LGSP)",
    title_vi="Tỉnh chưa có Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)",
    family="integration",
    legal_basis=NDXP_BASIS,
    confidence="high",
)
def lgsp_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        On the day checked, the architecture contains the province's own data
        integration and sharing platform: an ``integration_platform`` with
        ``platform_type: lgsp`` that is not ``external`` and not ``retiring``. A
        ``planned`` LGSP counts: the architecture then says the province will build it.

    Kiểm tra:
        Vào ngày kiểm tra, kiến trúc có Nền tảng tích hợp, chia sẻ dữ liệu của chính tỉnh:
        một ``integration_platform`` với ``platform_type: lgsp``, không ``external`` và
        không ``retiring``. LGSP ở trạng thái ``planned`` cũng được tính: kiến trúc khi đó
        thể hiện tỉnh sẽ xây dựng nền tảng này.

    Why:
        The LGSP is the intermediary between the systems of the province's agencies and
        systems outside the province (TT 13/2017/TT-BTTTT Điều 17) and the province's
        connection and sharing infrastructure that NĐ 194/2025/NĐ-CP Điều 20 connects to
        the NDXP. Every framework version since 1.0 (the GSP model of §II.5) builds the
        provincial connection model on it; without it, exchanges are point-to-point.

    Lý do:
        LGSP là trung gian giữa các hệ thống thông tin của các cơ quan trong tỉnh với các
        hệ thống bên ngoài (Điều 17 Thông tư 13/2017/TT-BTTTT), và là hạ tầng kết nối,
        chia sẻ dữ liệu cấp tỉnh mà Điều 20 Nghị định 194/2025/NĐ-CP yêu cầu kết nối với
        NDXP. Mọi phiên bản Khung kiến trúc từ 1.0 (mô hình GSP, mục II.5) đều xây dựng mô
        hình kết nối của tỉnh trên nền tảng này; thiếu nó, các kết nối là điểm – điểm.

    Fails:
        ```yaml
        - id: ubnd-tinh-lang-son
          kind: organization
          name: Ủy ban nhân dân tỉnh Lạng Sơn
          org_type: government
          admin_level: tinh
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Lạng Sơn
          system_type: tthc
          owner: ubnd-tinh-lang-son
        ```

    Passes:
        ```yaml
        - id: ubnd-tinh-lang-son
          kind: organization
          name: Ủy ban nhân dân tỉnh Lạng Sơn
          org_type: government
          admin_level: tinh
        - id: lgsp-lang-son
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Lạng Sơn
          platform_type: lgsp
          owner: ubnd-tinh-lang-son
        ```
    """
    found = [e for e in ctx.graph.of_kind("integration_platform") if is_lgsp(e) and not is_retiring(e)]
    if not found:
        yield about_province(
            ctx,
            "the architecture has no provincial data integration and sharing platform "
            "(LGSP, Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh) on this day",
            key="lgsp",
            hint="add an integration_platform with platform_type: lgsp (status planned if it is not built yet)",
        )


@rule(
    code="INT002",
    name="lgsp-not-connected-to-ndxp",
    title="The LGSP is not connected to the national platform NDXP",
    title_vi="LGSP chưa kết nối với Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP)",
    family="integration",
    legal_basis=NDXP_BASIS + ("Công văn 677/BTTTT-THH (kết nối qua NDXP)",),
    confidence="high",
)
def lgsp_not_connected_to_ndxp(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Each provincial LGSP has a relation (``connects_to``, ``flows_to``,
        ``integrates_via``…) with the national data integration and sharing platform:
        an ``integration_platform`` with ``platform_type: ndxp``. NGSP, NDXP and VDXP are
        names of the same platform: model it once, as ``ndxp``. The profile's national
        connection ``lgsp-ndxp`` defines what is checked.

    Kiểm tra:
        Mỗi LGSP của tỉnh có quan hệ (``connects_to``, ``flows_to``, ``integrates_via``…)
        với Nền tảng tích hợp, chia sẻ dữ liệu quốc gia: một ``integration_platform`` có
        ``platform_type: ndxp``. NGSP, NDXP và VDXP là tên gọi của cùng một nền tảng: chỉ
        mô hình hóa một lần, với ``ndxp``. Kết nối quốc gia ``lgsp-ndxp`` của hồ sơ khung
        kiến trúc quy định nội dung kiểm tra.

    Why:
        NĐ 194/2025/NĐ-CP Điều 20 makes the ministry and province connection and sharing
        infrastructure part of the national data-connection intermediary system,
        connected to the NDXP; NĐ 47/2020/NĐ-CP and Công văn 677/BTTTT-THH required
        connections between systems of different levels to go through the NDXP. By the
        end of 2020 all 63 provinces had connected their LGSP.

    Lý do:
        Điều 20 Nghị định 194/2025/NĐ-CP quy định hạ tầng kết nối, chia sẻ dữ liệu cấp
        bộ, cấp tỉnh là một thành phần của hệ thống trung gian kết nối dữ liệu quốc gia,
        kết nối với NDXP; Nghị định 47/2020/NĐ-CP và Công văn 677/BTTTT-THH yêu cầu kết
        nối giữa các hệ thống khác cấp thực hiện qua NDXP. Cuối năm 2020, cả 63 tỉnh đã
        kết nối LGSP với NDXP.

    Fails:
        ```yaml
        - id: lgsp-lang-son
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Lạng Sơn
          platform_type: lgsp
        - id: ndxp
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu quốc gia
          platform_type: ndxp
          external: true
        ```

    Passes:
        ```yaml
        - id: lgsp-lang-son
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Lạng Sơn
          platform_type: lgsp
          connects_to: [ndxp]
        - id: ndxp
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu quốc gia
          platform_type: ndxp
          external: true
        ```
    """
    yield from check_connections(ctx, "INT002")


def _system(el) -> bool:
    return el.kind in SYSTEM_KINDS and el.kind != "integration_platform" and provincial(el)


def _routed(rel) -> bool:
    return rel.spec is not None and (rel.spec.via is not None or bool(rel.spec.justification))


@rule(
    code="INT003",
    name="interagency-exchange-bypasses-lgsp",
    title="Two agencies' systems exchange data directly, not through the LGSP",
    title_vi="Hệ thống của hai cơ quan trao đổi dữ liệu trực tiếp, không qua LGSP",
    family="integration",
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
        if not (_system(src) and _system(dst)) or _routed(rel):
            continue
        a, b = owner(graph, src.id), owner(graph, dst.id)
        if a is None or b is None or a == b:
            continue
        yield Violation(
            f"'{rel.type}' joins '{src.id}' ({a}) and '{dst.id}' ({b}), systems of two agencies, "
            "directly: it names no platform (via) and no justification",
            element=rel.written_by,
            path=rel.path,
            related=(Related(dst.id, (), "the other agency's system"),),
            hint="route it through the LGSP (via: <lgsp id>), or give the reason for a direct connection (justification)",
            key=dst.id,
        )


def _national_db(el) -> bool:
    return el.kind == "database" and (value(el, "scope") == "national" or el.external)


@rule(
    code="INT004",
    name="national-database-exchange-bypasses-platform",
    title="A provincial system reaches a national database with no platform in between",
    title_vi="Hệ thống của tỉnh kết nối cơ sở dữ liệu quốc gia không qua nền tảng trung gian",
    family="integration",
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
        if _system(src) and _national_db(dst):
            local, national = src, dst
        elif _system(dst) and _national_db(src):
            local, national = dst, src
        else:
            continue
        if _routed(rel):
            continue
        yield Violation(
            f"'{local.id}' reaches the national database '{national.id}' directly: "
            f"the '{rel.type}' relation names no platform (via) and no justification",
            element=rel.written_by,
            path=rel.path,
            related=(Related(national.id, (), "the national database"),),
            hint="name the platform it goes through (via: the LGSP, NDXP or data coordination platform), "
            "or the reason the database owner allows a direct connection (justification)",
            key=national.id,
        )


def _holds_shared_data(el) -> bool:
    return (
        el.kind == "database"
        and provincial(el)
        and not is_retiring(el)
        and (value(el, "scope") == "shared" or value(el, "data_layer") == "chu")
    )


def _coordination_gaps(ctx: RuleContext) -> Iterator[tuple[object, bool]]:
    graph = ctx.graph
    platforms = [e for e in graph.of_kind("integration_platform") if platform_type(e) == "data_coordination"]
    reach = Reach(
        graph,
        platforms,
        through=lambda e: e.kind in ("integration_platform", "application", "shared_service"),
        max_hops=5,
    )
    for db in graph.of_kind("database"):
        if _holds_shared_data(db) and not reach.reaches(db.id):
            yield db, bool(platforms)


def _coordination_hint(has_platform: bool) -> str:
    if has_platform:
        return "relate the database (or the system that serves it) to the LGSP, and the LGSP to the coordination platform"
    return (
        "add the national data sharing and coordination platform (integration_platform, platform_type: "
        "data_coordination, external: true) and the path to it"
    )


@rule(
    code="INT005",
    name="shared-data-not-on-coordination-platform",
    title="Shared or master data is not shared through the national data coordination platform",
    title_vi="Dữ liệu dùng chung, dữ liệu chủ chưa chia sẻ qua Nền tảng chia sẻ, điều phối dữ liệu quốc gia",
    family="integration",
    legal_basis=("Nghị định 278/2025/NĐ-CP (hạn 31/12/2026)", "Nghị định 194/2025/NĐ-CP, Điều 20"),
    confidence="medium",
    in_force_from=ND278_DEADLINE,
)
def shared_data_not_on_coordination_platform(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 31/12/2026, every provincial database that holds shared data
        (``scope: shared``) or master data (``data_layer: chu``) has a sharing path to
        the national data sharing and coordination platform (``integration_platform``
        with ``platform_type: data_coordination``): through the systems that serve it
        and the integration platforms (LGSP, NDXP) they connect to. Before that day
        rule INT008 gives the same finding as a reminder.

    Kiểm tra:
        Từ ngày 31/12/2026, mỗi cơ sở dữ liệu của tỉnh chứa dữ liệu dùng chung (``scope:
        shared``) hoặc dữ liệu chủ (``data_layer: chu``) có đường chia sẻ tới Nền tảng
        chia sẻ, điều phối dữ liệu quốc gia (``integration_platform`` có ``platform_type:
        data_coordination``): qua các hệ thống phục vụ nó và các nền tảng tích hợp (LGSP,
        NDXP) mà các hệ thống đó kết nối. Trước ngày đó, quy tắc INT008 nhắc nội dung này.

    Why:
        NĐ 278/2025/NĐ-CP makes data sharing among all bodies of the political system,
        the people's committees of every level included, go through the national data
        sharing and coordination platform, with a deadline of 31/12/2026.

    Lý do:
        Nghị định 278/2025/NĐ-CP bắt buộc chia sẻ dữ liệu giữa các cơ quan trong hệ thống
        chính trị, kể cả Ủy ban nhân dân các cấp, qua Nền tảng chia sẻ, điều phối dữ liệu
        quốc gia, hạn chót ngày 31/12/2026.

    Fails:
        ```yaml
        # as-of: 2027-01-15
        - id: csdl-doanh-nghiep-tinh
          kind: database
          name: Cơ sở dữ liệu doanh nghiệp tỉnh Hà Tĩnh
          scope: shared
        - id: nen-tang-dieu-phoi
          kind: integration_platform
          name: Nền tảng chia sẻ, điều phối dữ liệu quốc gia
          platform_type: data_coordination
          external: true
        ```

    Passes:
        ```yaml
        # as-of: 2027-01-15
        - id: csdl-doanh-nghiep-tinh
          kind: database
          name: Cơ sở dữ liệu doanh nghiệp tỉnh Hà Tĩnh
          scope: shared
          integrates_via: [lgsp-ha-tinh]
        - id: lgsp-ha-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Hà Tĩnh
          platform_type: lgsp
          connects_to: [nen-tang-dieu-phoi]
        - id: nen-tang-dieu-phoi
          kind: integration_platform
          name: Nền tảng chia sẻ, điều phối dữ liệu quốc gia
          platform_type: data_coordination
          external: true
        ```
    """
    for db, has_platform in _coordination_gaps(ctx):
        yield Violation(
            f"'{db.id}' holds shared or master data but has no path to the national data sharing and "
            f"coordination platform, mandatory since {date_vi(ND278_DEADLINE)} (NĐ 278/2025/NĐ-CP)",
            element=db.id,
            hint=_coordination_hint(has_platform),
            key="data-coordination",
        )


@rule(
    code="INT008",
    name="coordination-platform-deadline-approaching",
    title="Shared data must reach the national coordination platform by 31/12/2026",
    title_vi="Dữ liệu dùng chung phải chia sẻ qua nền tảng điều phối quốc gia trước 31/12/2026",
    family="integration",
    legal_basis=("Nghị định 278/2025/NĐ-CP (hạn 31/12/2026)",),
    confidence="medium",
    in_force_from=dt.date(2025, 10, 22),
    in_force_to=ND278_DEADLINE - dt.timedelta(days=1),
)
def coordination_platform_deadline_approaching(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Between NĐ 278/2025/NĐ-CP (22/10/2025) and its deadline (31/12/2026): the same
        test as INT005, reported as a reminder. Every provincial database holding shared
        (``scope: shared``) or master (``data_layer: chu``) data has, or will need, a
        sharing path to the national data sharing and coordination platform.

    Kiểm tra:
        Từ khi có Nghị định 278/2025/NĐ-CP (22/10/2025) tới hạn chót (31/12/2026): cùng
        phép kiểm tra như INT005, ở mức nhắc nhở. Mỗi cơ sở dữ liệu của tỉnh chứa dữ liệu
        dùng chung (``scope: shared``) hoặc dữ liệu chủ (``data_layer: chu``) có, hoặc sẽ
        cần, đường chia sẻ tới Nền tảng chia sẻ, điều phối dữ liệu quốc gia.

    Why:
        The decree gives a deadline; an architecture written before it should plan the
        connection (a ``planned`` platform on the path is enough). After the deadline
        INT005 warns instead.

    Lý do:
        Nghị định đặt hạn chót; kiến trúc lập trước hạn nên lên kế hoạch kết nối (một nền
        tảng ở trạng thái ``planned`` trên đường kết nối là đủ). Sau hạn chót, INT005 cảnh
        báo thay cho quy tắc này.

    Fails:
        ```yaml
        # as-of: 2026-03-01
        - id: csdl-can-bo
          kind: database
          name: Cơ sở dữ liệu cán bộ, công chức tỉnh Quảng Ngãi
          scope: shared
          data_layer: chu
        ```

    Passes:
        ```yaml
        # as-of: 2026-03-01
        - id: csdl-can-bo
          kind: database
          name: Cơ sở dữ liệu cán bộ, công chức tỉnh Quảng Ngãi
          scope: shared
          data_layer: chu
          integrates_via: [nen-tang-dieu-phoi]
        - id: nen-tang-dieu-phoi
          kind: integration_platform
          name: Nền tảng chia sẻ, điều phối dữ liệu quốc gia
          platform_type: data_coordination
          external: true
        ```
    """
    for db, has_platform in _coordination_gaps(ctx):
        yield Violation(
            f"'{db.id}' holds shared or master data and must be shared through the national data sharing and "
            f"coordination platform by {date_vi(ND278_DEADLINE)} (NĐ 278/2025/NĐ-CP); the model has no path yet",
            element=db.id,
            hint=_coordination_hint(has_platform) + " (a planned platform on the path counts)",
            key="data-coordination",
        )


def _registered(registry_name: str | None) -> bool:
    return "vapex" in fold(registry_name).replace("-", "").replace(" ", "")


@rule(
    code="INT006",
    name="api-not-registered",
    title="An API offered to other agencies is not registered on V-APEX",
    title_vi="API cung cấp cho cơ quan khác chưa đăng ký, công bố trên V-APEX",
    family="integration",
    profiles=NATION_2025,
    legal_basis=("Công văn 2943/CĐSQG-CNCPS ngày 27/10/2025", "Quyết định 3090/QĐ-BKHCN ngày 08/10/2025"),
    confidence="medium",
)
def api_not_registered(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Under the national digital architecture (profile ``vn-digital-nation-2025``),
        every provincial ``interface`` offered to other agencies or to the public
        (``exposure: interagency`` or ``public``, or used by a system of another owner)
        declares ``api_registry: V-APEX``.

    Kiểm tra:
        Theo Khung kiến trúc tổng thể quốc gia số (hồ sơ ``vn-digital-nation-2025``), mỗi
        ``interface`` của tỉnh cung cấp cho cơ quan khác hoặc cho công chúng (``exposure:
        interagency`` hay ``public``, hoặc được hệ thống của chủ quản khác sử dụng) khai
        báo ``api_registry: V-APEX``.

    Why:
        The 2025 outline for provincial digital architectures (Công văn
        2943/CĐSQG-CNCPS) requires agencies to register, publish and comply with the
        national API standards through the V-APEX platform, so that other agencies can
        find and reuse them.

    Lý do:
        Đề cương khung kiến trúc số cấp tỉnh năm 2025 (Công văn 2943/CĐSQG-CNCPS) yêu cầu
        các cơ quan đăng ký, công bố và tuân thủ tiêu chuẩn API quốc gia qua nền tảng
        V-APEX, để cơ quan khác tìm thấy và tái sử dụng.

    Fails:
        ```yaml
        # architecture.yaml: {profile: vn-digital-nation-2025}
        - id: api-ho-so-dat-dai
          kind: interface
          name: API tra cứu hồ sơ đất đai tỉnh Gia Lai
          exposure: interagency
          protocols: [HTTP/1.1]
        ```

    Passes:
        ```yaml
        # architecture.yaml: {profile: vn-digital-nation-2025}
        - id: api-ho-so-dat-dai
          kind: interface
          name: API tra cứu hồ sơ đất đai tỉnh Gia Lai
          exposure: interagency
          protocols: [HTTP/1.1]
          api_registry: V-APEX
        ```
    """
    graph = ctx.graph
    for itf in graph.of_kind("interface"):
        if not provincial(itf) or is_retiring(itf) or _registered(value(itf, "api_registry")):
            continue
        exposure = value(itf, "exposure")
        if exposure == "internal":
            continue
        offered = exposure in ("interagency", "public")
        if not offered:
            mine = owner(graph, itf.id) or next(
                (owner(graph, r.source) for r in graph.in_(itf.id, "composed_of") if owner(graph, r.source)), None
            )
            users = [r.source for r in graph.in_(itf.id, "uses", "connects_to", "flows_to", "accesses")]
            offered = mine is not None and any(owner(graph, u) not in (None, mine) for u in users)
        if offered:
            yield Violation(
                f"interface '{itf.id}' is offered to other agencies but is not registered on V-APEX",
                element=itf.id,
                hint="register and publish the API on V-APEX and write api_registry: V-APEX "
                "(or exposure: internal if only its own agency calls it)",
                key="v-apex",
            )


@rule(
    code="INT007",
    name="connection-account-sla-too-long",
    title="A data provider takes longer than 2 working days to create a connection account",
    title_vi="Bên cung cấp dữ liệu tạo tài khoản kết nối quá 2 ngày làm việc",
    family="integration",
    legal_basis=("Nghị định 47/2020/NĐ-CP, Điều 35 khoản 3, sửa đổi bởi Nghị định 194/2025/NĐ-CP, Điều 40",),
    confidence="medium",
    in_force_from=dt.date(2025, 8, 19),
)
def connection_account_sla_too_long(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 19/8/2025, a system or database that declares
        ``properties: {connection_account_sla_days: N}`` (how many working days it takes
        to create a connection account for an agency that asks) has N ≤ 2. Elements that
        do not declare it are not checked.

    Kiểm tra:
        Từ ngày 19/8/2025, hệ thống hoặc cơ sở dữ liệu khai báo
        ``properties: {connection_account_sla_days: N}`` (số ngày làm việc để tạo tài
        khoản kết nối cho cơ quan đề nghị) có N ≤ 2. Phần tử không khai báo không bị kiểm
        tra.

    Why:
        NĐ 194/2025/NĐ-CP (effective 19/8/2025) amends khoản 3 Điều 35 of NĐ 47/2020: the
        data provider creates the connection account within 2 working days. A longer
        service level written in the architecture contradicts the decree.

    Lý do:
        Nghị định 194/2025/NĐ-CP (hiệu lực 19/8/2025) sửa khoản 3 Điều 35 Nghị định
        47/2020/NĐ-CP: bên cung cấp dữ liệu tạo tài khoản kết nối trong 2 ngày làm việc.
        Kiến trúc ghi thời hạn dài hơn là trái với nghị định.

    Fails:
        ```yaml
        - id: csdl-dat-dai-tinh
          kind: database
          name: Cơ sở dữ liệu đất đai tỉnh Quảng Ngãi
          properties: {connection_account_sla_days: 5}
        ```

    Passes:
        ```yaml
        - id: csdl-dat-dai-tinh
          kind: database
          name: Cơ sở dữ liệu đất đai tỉnh Quảng Ngãi
          properties: {connection_account_sla_days: 2}
        ```
    """
    for el in ctx.graph.elements():
        days = el.properties.get("connection_account_sla_days")
        if isinstance(days, bool) or not isinstance(days, (int, float)):
            continue
        if days > 2:
            yield Violation(
                f"'{el.id}' takes {days:g} working days to create a connection account; the limit is 2",
                element=el.id,
                path=("properties", "connection_account_sla_days"),
                hint="shorten the procedure to 2 working days (NĐ 194/2025/NĐ-CP)",
                key="sla",
            )
