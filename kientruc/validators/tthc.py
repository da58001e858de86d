"""Administrative-procedure rules: the TTHC information system, the National Public Service
Portal, public-administration service centres and online service modes.

Since NĐ 107/2021/NĐ-CP the provincial public-service portal and the electronic one-stop
system form one *Hệ thống thông tin giải quyết thủ tục hành chính cấp tỉnh*, synchronised
with the *Cổng Dịch vụ công quốc gia* (QĐ 31/2021/QĐ-TTg Điều 30). From 1/7/2025 procedures
are received at provincial and commune-level public-administration service centres
(NĐ 118/2025/NĐ-CP).
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from ..frameworks import catalog
from ._common import (
    about_province,
    check_connections,
    date_vi,
    fold,
    is_retiring,
    owners,
    provincial,
    neighbours_by,
    relations_between,
    value,
)
from .registry import Related, RuleContext, Violation, rule

TTHC_KINDS = ("application", "shared_service")
COMMUNE_LEVELS = ("xa", "phuong", "dac_khu")


def _systems_of(ctx: RuleContext, *types: str) -> list:
    return [
        e
        for e in ctx.graph.of_kind(*TTHC_KINDS)
        if provincial(e) and not is_retiring(e) and value(e, "system_type") in types
    ]


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
    unified = _systems_of(ctx, "tthc")
    portals = _systems_of(ctx, "dvc_portal")
    one_stops = _systems_of(ctx, "one_stop")
    if portals and one_stops:
        yield Violation(
            f"'{portals[0].id}' (Cổng dịch vụ công) and '{one_stops[0].id}' (một cửa điện tử) are still separate "
            "systems; since NĐ 107/2021/NĐ-CP they form one Hệ thống thông tin giải quyết TTHC cấp tỉnh",
            element=portals[0].id,
            related=(Related(one_stops[0].id, (), "the separate one-stop system"),),
            hint="model the merged system (system_type: tthc) and mark the old ones retiring or ended (valid_to)",
            key="separate",
        )
    elif not unified:
        only = (portals or one_stops)[:1]
        hint = "add the provincial TTHC information system (an application with system_type: tthc)"
        if only:
            hint = f"if '{only[0].id}' is the merged system, set its system_type to tthc; otherwise " + hint
        yield about_province(
            ctx,
            "the architecture has no Hệ thống thông tin giải quyết thủ tục hành chính cấp tỉnh (system_type: tthc)",
            key="missing",
            hint=hint,
        )


@rule(
    code="TTHC002",
    name="tthc-not-synced-to-dvcqg",
    title="The TTHC system is not connected to the National Public Service Portal",
    title_vi="Hệ thống giải quyết TTHC chưa kết nối, đồng bộ với Cổng Dịch vụ công quốc gia",
    family="tthc",
    legal_basis=(
        "Quyết định 274/QĐ-TTg ngày 12/3/2019",
        "Quyết định 31/2021/QĐ-TTg, Điều 30 khoản 3",
        "Nghị định 118/2025/NĐ-CP",
    ),
    confidence="high",
)
def tthc_not_synced_to_dvcqg(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 12/3/2019 (QĐ 274/QĐ-TTg), each provincial TTHC system (``system_type:
        tthc``, or before 2021 the public-service portal ``dvc_portal``) has a relation
        (``flows_to``, ``connects_to``…, possibly ``via`` the LGSP) with the Cổng Dịch vụ
        công quốc gia (an element with ``system_type: national_public_service_portal``).
        The profile's national connection ``tthc-dvcqg`` defines what is checked.

    Kiểm tra:
        Từ ngày 12/3/2019 (Quyết định 274/QĐ-TTg), mỗi hệ thống giải quyết TTHC của tỉnh
        (``system_type: tthc``, hoặc trước năm 2021 là Cổng dịch vụ công ``dvc_portal``) có
        quan hệ (``flows_to``, ``connects_to``…, có thể ``via`` LGSP) với Cổng Dịch vụ công
        quốc gia (phần tử có ``system_type: national_public_service_portal``). Kết nối quốc
        gia ``tthc-dvcqg`` của hồ sơ khung kiến trúc quy định nội dung kiểm tra.

    Why:
        QĐ 274/QĐ-TTg makes the Cổng Dịch vụ công quốc gia the single address of online
        public services; QĐ 31/2021/QĐ-TTg Điều 30 khoản 3 requires the provincial system
        to synchronise with it, and NĐ 118/2025/NĐ-CP receives procedures "at the one-stop
        counter and on the Cổng Dịch vụ công quốc gia".

    Lý do:
        Quyết định 274/QĐ-TTg xác định Cổng Dịch vụ công quốc gia là đầu mối duy nhất cung
        cấp dịch vụ công trực tuyến; khoản 3 Điều 30 Quyết định 31/2021/QĐ-TTg yêu cầu hệ
        thống cấp tỉnh đồng bộ với Cổng; Nghị định 118/2025/NĐ-CP tiếp nhận thủ tục "tại Bộ
        phận Một cửa và Cổng Dịch vụ công quốc gia".

    Fails:
        ```yaml
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Sơn La
          system_type: tthc
        - id: cong-dvcqg
          kind: application
          name: Cổng Dịch vụ công quốc gia
          system_type: national_public_service_portal
          external: true
        ```

    Passes:
        ```yaml
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Sơn La
          system_type: tthc
          flows_to:
            - target: cong-dvcqg
              data: [hồ sơ, tiến độ xử lý, thống kê, đánh giá, bưu chính, thanh toán, hỏi đáp]
        - id: cong-dvcqg
          kind: application
          name: Cổng Dịch vụ công quốc gia
          system_type: national_public_service_portal
          external: true
        ```
    """
    yield from check_connections(ctx, "TTHC002")


@rule(
    code="TTHC003",
    name="tthc-not-connected-to-payment-or-population",
    title="The TTHC system is not connected to the payment platform or the population database",
    title_vi="Hệ thống giải quyết TTHC chưa kết nối nền tảng thanh toán hoặc CSDL quốc gia về dân cư",
    family="tthc",
    legal_basis=("Nghị định 45/2020/NĐ-CP", "Quyết định 06/QĐ-TTg ngày 06/01/2022 (Đề án 06)"),
    confidence="medium",
)
def tthc_not_connected_to_payment_or_population(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Each provincial TTHC system (``system_type: tthc`` or ``dvc_portal``) is related,
        directly or through integration platforms (LGSP, NDXP), to the national online
        payment platform (``system_type: payment_platform``; from 8/4/2020, NĐ 45/2020)
        and to the national population database (``database`` with ``national_database:
        dan_cu``; from 6/1/2022, Đề án 06). The profile's connections ``tthc-payment`` and
        ``tthc-population`` define what is checked.

    Kiểm tra:
        Mỗi hệ thống giải quyết TTHC của tỉnh (``system_type: tthc`` hoặc ``dvc_portal``)
        có quan hệ, trực tiếp hoặc qua nền tảng tích hợp (LGSP, NDXP), với nền tảng thanh
        toán trực tuyến quốc gia (``system_type: payment_platform``; từ 8/4/2020, Nghị định
        45/2020) và với Cơ sở dữ liệu quốc gia về dân cư (``database`` có
        ``national_database: dan_cu``; từ 6/1/2022, Đề án 06). Các kết nối ``tthc-payment``
        và ``tthc-population`` của hồ sơ khung kiến trúc quy định nội dung kiểm tra.

    Why:
        NĐ 45/2020/NĐ-CP provides for online payment of fees in electronic procedures;
        Đề án 06 (QĐ 06/QĐ-TTg) reuses population data so citizens do not declare it again.
        Quảng Trị's system, for one, is connected to both. The effective date of NĐ
        45/2020 is not in kientruc's reference: the signing date is used.

    Lý do:
        Nghị định 45/2020/NĐ-CP quy định thanh toán trực tuyến phí, lệ phí khi thực hiện
        thủ tục trên môi trường điện tử; Đề án 06 (Quyết định 06/QĐ-TTg) khai thác dữ liệu
        dân cư để người dân không phải khai lại. Hệ thống của Quảng Trị, chẳng hạn, đã kết
        nối cả hai. Ngày hiệu lực của Nghị định 45/2020 chưa có trong tài liệu tham chiếu:
        kientruc dùng ngày ký.

    Fails:
        ```yaml
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Hà Tĩnh
          system_type: tthc
        - id: nen-tang-thanh-toan
          kind: application
          name: Nền tảng thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia
          system_type: payment_platform
          external: true
        ```

    Passes:
        ```yaml
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Hà Tĩnh
          system_type: tthc
          connects_to: [nen-tang-thanh-toan]
          integrates_via: [lgsp-ha-tinh]
        - id: lgsp-ha-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Hà Tĩnh
          platform_type: lgsp
          connects_to: [csdlqg-dan-cu]
        - id: nen-tang-thanh-toan
          kind: application
          name: Nền tảng thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia
          system_type: payment_platform
          external: true
        - id: csdlqg-dan-cu
          kind: database
          name: Cơ sở dữ liệu quốc gia về dân cư
          scope: national
          national_database: dan_cu
          external: true
        ```
    """
    yield from check_connections(ctx, "TTHC003")


CENTRE_LINKS = ("uses", "serves", "connects_to", "flows_to", "realizes", "associated_with", "integrates_via")


def _linked_to_any(graph, a: str, others: set[str]) -> bool:
    """``a`` is related (either way, by one of CENTRE_LINKS) to one of ``others``."""
    return any(other in others for other, _ in neighbours_by(graph, a, CENTRE_LINKS))


@rule(
    code="TTHC004",
    name="service-centres-missing",
    title="Public-administration service centres of the two-level government are missing",
    title_vi="Thiếu Trung tâm Phục vụ hành chính công cấp tỉnh, cấp xã theo mô hình chính quyền hai cấp",
    family="tthc",
    legal_basis=("Nghị định 118/2025/NĐ-CP (hiệu lực 1/7/2025), sửa đổi bởi Nghị định 367/2025/NĐ-CP",),
    confidence="high",
    in_force_from=dt.date(2025, 7, 1),
)
def service_centres_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 1/7/2025: the architecture has a provincial public-administration service
        centre (a ``channel`` with ``channel_type: service_centre`` and ``admin_level:
        tinh``) and commune-level centres (``admin_level: xa``, ``phuong`` or
        ``dac_khu``), each related to the TTHC system; where centres are modelled commune
        by commune, every commune-level unit in the model has one; and no district-level
        (``admin_level: huyen``) one-stop counter or centre is still in service. A centre
        may also be an organization named "Trung tâm Phục vụ hành chính công…"; without
        ``admin_level``, its level is its owner's, or what its name says.

    Kiểm tra:
        Từ ngày 1/7/2025: kiến trúc có Trung tâm Phục vụ hành chính công cấp tỉnh (một
        ``channel`` với ``channel_type: service_centre`` và ``admin_level: tinh``) và các
        trung tâm cấp xã (``admin_level: xa``, ``phuong`` hoặc ``dac_khu``), mỗi trung tâm
        có quan hệ với hệ thống giải quyết TTHC; nếu trung tâm được mô hình hóa theo từng
        xã, mỗi đơn vị cấp xã trong mô hình đều có trung tâm; và không còn bộ phận một cửa
        hay trung tâm cấp huyện (``admin_level: huyen``) đang hoạt động. Trung tâm cũng có thể
        là một tổ chức mang tên "Trung tâm Phục vụ hành chính công…"; khi không có
        ``admin_level``, cấp của trung tâm là cấp của cơ quan chủ quản, hoặc theo tên gọi.

    Why:
        NĐ 118/2025/NĐ-CP (from 1/7/2025, amended by NĐ 367/2025/NĐ-CP) receives
        procedures at provincial and commune-level public-administration service centres;
        with the district level abolished the same day, district one-stop counters no
        longer exist.

    Lý do:
        Nghị định 118/2025/NĐ-CP (từ 1/7/2025, sửa đổi bởi Nghị định 367/2025/NĐ-CP) tiếp
        nhận thủ tục tại Trung tâm Phục vụ hành chính công cấp tỉnh và cấp xã; cùng ngày
        đó cấp huyện chấm dứt, nên bộ phận một cửa cấp huyện không còn.

    Fails:
        ```yaml
        # as-of: 2025-09-01
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Gia Lai
          system_type: tthc
        - id: mot-cua-huyen-chu-se
          kind: channel
          name: Bộ phận một cửa huyện Chư Sê
          channel_type: one_stop_counter
          admin_level: huyen
          uses: [he-thong-tthc]
        ```

    Passes:
        ```yaml
        # as-of: 2025-09-01
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Gia Lai
          system_type: tthc
        - id: trung-tam-pvhcc-tinh
          kind: channel
          name: Trung tâm Phục vụ hành chính công tỉnh Gia Lai
          channel_type: service_centre
          admin_level: tinh
          uses: [he-thong-tthc]
        - id: trung-tam-pvhcc-xa
          kind: channel
          name: Trung tâm Phục vụ hành chính công cấp xã (135 xã, phường)
          channel_type: service_centre
          admin_level: xa
          uses: [he-thong-tthc]
        ```
    """
    graph = ctx.graph
    centres = [(c, kind, _centre_level(ctx, c)) for c, kind in _centres(ctx)]
    tthc = [e for e in graph.of_kind(*TTHC_KINDS) if provincial(e) and value(e, "system_type") in ("tthc", "dvc_portal", "one_stop")]
    for c, _, level in centres:
        if level == "huyen":
            yield Violation(
                f"'{c.id}' is a district-level one-stop counter or centre still in service after "
                f"{date_vi(dt.date(2025, 6, 30))}; the district level no longer exists",
                element=c.id,
                path=("admin_level",) if value(c, "admin_level") else (),
                hint="end it (valid_to: 2025-06-30) and move its work to the commune-level centres",
                key="huyen",
            )
    service = [(c, level) for c, kind, level in centres if kind == "service_centre"]
    provincial_centres = [c for c, level in service if level in ("tinh", None)]
    commune_centres = [c for c, level in service if level in COMMUNE_LEVELS]
    if not provincial_centres:
        yield about_province(
            ctx,
            "the architecture has no Trung tâm Phục vụ hành chính công cấp tỉnh (a channel with channel_type: "
            "service_centre and admin_level: tinh), required since 1/7/2025 (NĐ 118/2025/NĐ-CP)",
            key="provincial-centre",
            hint="add the provincial centre as a channel related to the TTHC system",
        )
    if not commune_centres:
        yield about_province(
            ctx,
            "the architecture has no commune-level public-administration service centre (channel_type: "
            "service_centre, admin_level: xa/phuong/dac_khu), required since 1/7/2025 (NĐ 118/2025/NĐ-CP)",
            key="commune-centre",
            hint="add the commune-level centres (one element for all of them is enough) related to the TTHC system",
        )
    if tthc:
        tthc_ids = {t.id for t in tthc}
        for c in provincial_centres + commune_centres:
            if not _linked_to_any(graph, c.id, tthc_ids):
                yield Violation(
                    f"service centre '{c.id}' is not related to the TTHC information system '{tthc[0].id}'",
                    element=c.id,
                    related=(Related(tthc[0].id, (), "the TTHC system"),),
                    hint=f"add uses: [{tthc[0].id}] to the centre",
                    key="tthc-link",
                )
    communes = [
        o for o in graph.of_kind("organization") if provincial(o) and value(o, "admin_level") in COMMUNE_LEVELS
    ]
    per_commune = commune_centres and all(
        any(n.kind == "organization" and value(n, "admin_level") in COMMUNE_LEVELS for n in graph.neighbours(c.id))
        for c in commune_centres
    )
    if per_commune:
        covered = {n.id for c in commune_centres for n in graph.neighbours(c.id)}
        for o in communes:
            if o.id not in covered:
                yield Violation(
                    f"commune-level unit '{o.id}' has no public-administration service centre in the model",
                    element=o.id,
                    hint="relate its centre to it (for example owner: <commune id> on the centre)",
                    key="commune-centre",
                )


CENTRE_NAMES = (
    ("trung tam phuc vu hanh chinh cong", "service_centre"),
    ("trung tam hanh chinh cong", "service_centre"),
    ("bo phan mot cua", "one_stop_counter"),
    ("bo phan tiep nhan va tra ket qua", "one_stop_counter"),
)


def _centres(ctx: RuleContext) -> list[tuple]:
    """Service centres and one-stop counters in service: channels of those types, or elements named so."""
    out = []
    for el in ctx.graph.of_kind("channel", "organization"):
        if not provincial(el) or is_retiring(el):
            continue
        kind = value(el, "channel_type") if el.kind == "channel" else None
        if kind not in ("service_centre", "one_stop_counter"):
            name = fold(el.name)
            kind = next((k for needle, k in CENTRE_NAMES if needle in name), None)
        if kind:
            out.append((el, kind))
    return out


def _centre_level(ctx: RuleContext, el) -> str | None:
    """The level a centre serves: its admin_level, its owner's, or what its name says."""
    level = value(el, "admin_level")
    if level:
        return level
    for o in owners(ctx.graph, el.id):
        level = value(ctx.graph.element(o), "admin_level")
        if level:
            return level
    name = f" {fold(el.name)} "
    if " thi xa " in name or " huyen " in name:
        return "huyen"
    if any(w in name for w in (" cap xa ", " xa ", " phuong ", " dac khu ")):
        return "xa"
    if " tinh " in name:
        return "tinh"
    return None


@rule(
    code="TTHC005",
    name="online-service-mode-missing",
    title="A public service does not say whether it is offered online end to end or in part",
    title_vi="Dịch vụ công chưa xác định là trực tuyến toàn trình hay một phần",
    family="tthc",
    legal_basis=("Nghị định 42/2022/NĐ-CP (thay các mức độ 1–4 của Thông tư 32/2017/TT-BTTTT)",),
    confidence="medium",
)
def online_service_mode_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Each provincial ``public_service`` declares ``online_mode``: ``toan_trinh``
        (end to end), ``mot_phan`` (in part) or ``khong_truc_tuyen`` (not online). The
        old ``legacy_level`` (mức độ 1–4) alone is accepted only for architectures
        aligned to framework 1.0 or 2.0, or on days before 24/6/2022.

    Kiểm tra:
        Mỗi ``public_service`` của tỉnh khai báo ``online_mode``: ``toan_trinh``,
        ``mot_phan`` hoặc ``khong_truc_tuyen``. Chỉ khai ``legacy_level`` (mức độ 1–4) được
        chấp nhận với kiến trúc theo Khung 1.0 hoặc 2.0, hoặc vào các ngày trước
        24/6/2022.

    Why:
        NĐ 42/2022/NĐ-CP (24/6/2022) classifies online public services as end to end or
        partial, replacing the levels 1–4 of TT 32/2017/TT-BTTTT; the national targets
        (for example 100% of eligible procedures end to end by 2030, QĐ 3090/QĐ-BKHCN)
        are counted in the new terms. The decree's effective date is not in kientruc's
        reference; the date of issue is used, and the rule only warns.

    Lý do:
        Nghị định 42/2022/NĐ-CP (24/6/2022) phân loại dịch vụ công trực tuyến thành toàn
        trình và một phần, thay các mức độ 1–4 của Thông tư 32/2017/TT-BTTTT; các chỉ tiêu
        quốc gia (ví dụ 100% thủ tục đủ điều kiện được cung cấp toàn trình vào năm 2030,
        Quyết định 3090/QĐ-BKHCN) tính theo cách phân loại mới. Ngày hiệu lực của nghị
        định chưa có trong tài liệu tham chiếu; kientruc dùng ngày ban hành và quy tắc chỉ
        ở mức cảnh báo.

    Fails:
        ```yaml
        - id: dvc-cap-giay-phep-xay-dung
          kind: public_service
          name: Cấp giấy phép xây dựng
          procedure_code: "1.009994"
          legacy_level: 4
        ```

    Passes:
        ```yaml
        - id: dvc-cap-giay-phep-xay-dung
          kind: public_service
          name: Cấp giấy phép xây dựng
          procedure_code: "1.009994"
          online_mode: toan_trinh
        ```
    """
    profile = ctx.profile
    legacy_ok = ctx.day < dt.date(2022, 6, 24) or (profile is not None and profile.generation <= 2)
    for svc in ctx.graph.of_kind("public_service"):
        if not provincial(svc) or is_retiring(svc) or value(svc, "online_mode") is not None:
            continue
        if value(svc, "legacy_level") is not None:
            if legacy_ok:
                continue
            yield Violation(
                f"'{svc.id}' gives only the old level (mức độ {value(svc, 'legacy_level')}); since NĐ 42/2022/NĐ-CP "
                "a service is online end to end (toan_trinh) or in part (mot_phan)",
                element=svc.id,
                path=("legacy_level",),
                hint="add online_mode: toan_trinh, mot_phan or khong_truc_tuyen",
                key="mode",
            )
        else:
            yield Violation(
                f"'{svc.id}' does not say how it is offered online (online_mode)",
                element=svc.id,
                hint="add online_mode: toan_trinh, mot_phan or khong_truc_tuyen",
                key="mode",
            )


@rule(
    code="TTHC006",
    name="dvcqg-sync-data-incomplete",
    title="The TTHC system does not synchronise all required data with the National Public Service Portal",
    title_vi="Hệ thống giải quyết TTHC chưa đồng bộ đủ dữ liệu với Cổng Dịch vụ công quốc gia",
    family="tthc",
    legal_basis=("Quyết định 31/2021/QĐ-TTg, Điều 30 khoản 3",),
    confidence="high",
    in_force_from=dt.date(2021, 12, 9),
)
def dvcqg_sync_data_incomplete(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 9/12/2021, the relations between a provincial TTHC system and the Cổng Dịch
        vụ công quốc gia list in ``data`` the seven classes QĐ 31/2021/QĐ-TTg Điều 30
        khoản 3 requires: dossiers and catalogue (hồ sơ, danh mục), processing progress
        (tiến độ), statistics (thống kê), satisfaction surveys (đánh giá), postal data
        (bưu chính), fee payments (thanh toán, phí, lệ phí) and Q&A (hỏi đáp). Words are
        matched without accents, in Vietnamese or English. A system with no such relation
        is left to TTHC002.

    Kiểm tra:
        Từ ngày 9/12/2021, các quan hệ giữa hệ thống giải quyết TTHC của tỉnh và Cổng Dịch
        vụ công quốc gia liệt kê trong ``data`` bảy nhóm dữ liệu mà khoản 3 Điều 30 Quyết
        định 31/2021/QĐ-TTg yêu cầu: hồ sơ và danh mục, tiến độ xử lý, số liệu thống kê,
        đánh giá mức độ hài lòng, dữ liệu bưu chính, thanh toán phí, lệ phí và hỏi đáp. So
        khớp không dấu, tiếng Việt hoặc tiếng Anh. Hệ thống chưa có quan hệ nào do TTHC002
        kiểm tra.

    Why:
        The National Public Service Portal reports and monitors on these data (progress
        and satisfaction indices of every province); a class not synchronised is missing
        from the national figures and from the citizen's view of the dossier.

    Lý do:
        Cổng Dịch vụ công quốc gia theo dõi, đánh giá dựa trên các dữ liệu này (chỉ số
        tiến độ, mức độ hài lòng của từng tỉnh); nhóm dữ liệu không được đồng bộ thì thiếu
        trong số liệu quốc gia và trong thông tin hồ sơ người dân xem được.

    Fails:
        ```yaml
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Quảng Ngãi
          system_type: tthc
          flows_to: [{target: cong-dvcqg, data: [hồ sơ, tiến độ xử lý]}]
        - id: cong-dvcqg
          kind: application
          name: Cổng Dịch vụ công quốc gia
          system_type: national_public_service_portal
          external: true
        ```

    Passes:
        ```yaml
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Quảng Ngãi
          system_type: tthc
          flows_to:
            - target: cong-dvcqg
              data: [hồ sơ, tiến độ xử lý, thống kê, đánh giá hài lòng, bưu chính công ích, thanh toán phí, hỏi đáp]
        - id: cong-dvcqg
          kind: application
          name: Cổng Dịch vụ công quốc gia
          system_type: national_public_service_portal
          external: true
        ```
    """
    graph = ctx.graph
    classes = catalog()["dvcqg_sync_classes"]["classes"]
    portals = [e for e in graph.of_kind(*TTHC_KINDS) if value(e, "system_type") == "national_public_service_portal"]
    for sys_el in _systems_of(ctx, "tthc", "dvc_portal"):
        rels = [r for p in portals for r in relations_between(graph, sys_el.id, p.id)]
        if not rels:
            continue
        words = " | ".join(fold(d) for r in rels if r.spec is not None for d in r.spec.data)
        missing = [c for c in classes if not any(fold(w) in words for w in c["words"])]
        if missing:
            first = rels[0]
            yield Violation(
                f"'{sys_el.id}' does not list these data synchronised with the Cổng Dịch vụ công quốc gia: "
                + ", ".join(c["title"] for c in missing),
                element=first.written_by,
                path=first.path,
                hint="list them in the relation's data (QĐ 31/2021/QĐ-TTg Điều 30 khoản 3)",
                key="sync-data",
            )
