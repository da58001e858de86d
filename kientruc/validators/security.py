"""Security rules: security levels of information systems (NĐ 85/2016/NĐ-CP), one owner per
system, the four-layer protection model and state secrets.

The Luật An toàn thông tin mạng 2015 sets five security levels (cấp độ 1–5); NĐ 85/2016/NĐ-CP
says how a system's level is determined and approved, that each system has one owner (chủ
quản), and that a system made of components takes the highest level of its components.
Only the criteria for level 1 and 2 are verified in kientruc's reference; rules that use
the level-3 criteria say so and only warn.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from ..models import Element
from ._common import (
    EXCHANGE_TYPES,
    V3_PLUS,
    about_province,
    is_current,
    neighbours_by,
    owner,
    owners,
    provincial,
    value,
)
from .registry import Related, RuleContext, Violation, rule

ND85 = dt.date(2016, 7, 1)
ND85_BASIS = (
    "Luật An toàn thông tin mạng 2015",
    "Nghị định 85/2016/NĐ-CP, Điều 5–12",
    "Thông tư 12/2022/TT-BTTTT",
)


def security_systems(ctx: RuleContext) -> list[Element]:
    """Provincial information systems that need a security level, on the day."""
    out = []
    for el in ctx.graph.elements():
        if not provincial(el):
            continue
        if el.kind in ("application", "database", "integration_platform", "shared_service"):
            out.append(el)
        elif el.kind == "node" and value(el, "node_type") in ("data_centre", "cloud"):
            out.append(el)
        elif el.kind == "network" and value(el, "network_type") not in ("internet", None, "other"):
            out.append(el)
    return out


def exchanges_across_agencies(ctx: RuleContext, el: Element) -> bool:
    """Whether a system exchanges data with another agency's system, a platform or a national system."""
    graph = ctx.graph
    if el.kind == "integration_platform":
        return True
    mine = owner(graph, el.id)
    for other_id, _ in neighbours_by(graph, el.id, EXCHANGE_TYPES):
        other = graph.element(other_id)
        if other.kind in ("network", "node", "device", "system_software", "data_entity"):
            continue
        if other.kind == "integration_platform" or other.external:
            return True
        theirs = owner(graph, other_id)
        if mine and theirs and mine != theirs:
            return True
    return False


@rule(
    code="SEC001",
    name="exchanging-system-without-security-level",
    title="A system that exchanges data with other agencies has no security level",
    title_vi="Hệ thống trao đổi dữ liệu với cơ quan khác chưa xác định cấp độ an toàn",
    family="security",
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

    Kiểm tra:
        Mỗi hệ thống thông tin của tỉnh đang vận hành (không ``planned``) có trao đổi dữ
        liệu liên cơ quan khai báo ``security_level`` (1–5). Hệ thống trao đổi liên cơ quan
        khi nó là nền tảng tích hợp, hoặc có quan hệ ``flows_to``, ``connects_to``,
        ``integrates_via`` hay ``accesses`` (theo cả hai chiều) với một nền tảng tích hợp,
        một hệ thống quốc gia hoặc hệ thống của chủ quản khác. Hệ thống khác chưa có cấp độ
        do SEC006 báo cáo.

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
        if el.security_level is None and is_current(el) and exchanges_across_agencies(ctx, el):
            yield Violation(
                f"{el.kind} '{el.id}' exchanges data with other agencies but has no security level (cấp độ)",
                element=el.id,
                hint="determine its level under NĐ 85/2016/NĐ-CP and write security_level (1–5) and "
                "security_level_approved_by",
                key="level",
            )


@rule(
    code="SEC006",
    name="system-without-security-level",
    title="An information system has no security level",
    title_vi="Hệ thống thông tin chưa xác định cấp độ an toàn",
    family="security",
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

    Kiểm tra:
        Mỗi hệ thống thông tin của tỉnh (ứng dụng, cơ sở dữ liệu, nền tảng tích hợp, dịch
        vụ dùng chung, trung tâm dữ liệu, điện toán đám mây, mạng của tỉnh) chưa bị SEC001
        báo cáo đều khai báo ``security_level`` (1–5): cả hệ thống đang ``planned``, vì cấp
        độ được xác định ngay từ khi thiết kế.

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
        if el.security_level is not None:
            continue
        if is_current(el) and exchanges_across_agencies(ctx, el):
            continue  # SEC001
        yield Violation(
            f"{el.kind} '{el.id}' has no security level (cấp độ, NĐ 85/2016/NĐ-CP)",
            element=el.id,
            hint="write security_level (1–5) as proposed in its hồ sơ đề xuất cấp độ",
            key="level",
        )


@rule(
    code="SEC007",
    name="security-level-not-approved",
    title="A system's security level is not approved",
    title_vi="Cấp độ an toàn của hệ thống chưa được phê duyệt",
    family="security",
    legal_basis=("Nghị định 85/2016/NĐ-CP, Điều 12", "Quyết định 1562/QĐ-TTg ngày 18/7/2025"),
    confidence="medium",
    in_force_from=ND85,
)
def security_level_not_approved(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Every provincial information system in service (not ``planned``) that declares a
        ``security_level`` also names the decision approving it in
        ``security_level_approved_by``.

    Kiểm tra:
        Mỗi hệ thống thông tin của tỉnh đang vận hành (không ``planned``) đã khai báo
        ``security_level`` đồng thời ghi văn bản phê duyệt cấp độ trong
        ``security_level_approved_by``.

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
        if el.security_level is not None and is_current(el) and not value(el, "security_level_approved_by"):
            yield Violation(
                f"{el.kind} '{el.id}' has security level {el.security_level}, but no approving decision",
                element=el.id,
                path=("security_level",),
                hint="name the approving decision in security_level_approved_by",
                key="approval",
            )


@rule(
    code="SEC008",
    name="system-owner-missing",
    title="An information system has no owner, or more than one",
    title_vi="Hệ thống thông tin chưa có, hoặc có nhiều hơn một, chủ quản",
    family="security",
    legal_basis=("Nghị định 85/2016/NĐ-CP, Điều 4–5 (mỗi hệ thống có một chủ quản)", "Thông tư 12/2022/TT-BTTTT"),
    confidence="high",
    in_force_from=ND85,
)
def system_owner_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Every provincial information system has exactly one owner (chủ quản) on the day
        checked: an ``owner`` field or one ``owns`` relation from an organization.

    Kiểm tra:
        Mỗi hệ thống thông tin của tỉnh có đúng một chủ quản vào ngày kiểm tra: trường
        ``owner`` hoặc một quan hệ ``owns`` từ một cơ quan.

    Why:
        NĐ 85/2016/NĐ-CP gives every information system one owner, who is responsible
        for its security level and protection (TT 12/2022/TT-BTTTT: the ministry, the
        provincial people's committee or whoever decides the investment). A system with
        no owner, or two, has no one accountable.

    Lý do:
        Nghị định 85/2016/NĐ-CP quy định mỗi hệ thống thông tin có một chủ quản, chịu trách
        nhiệm về cấp độ và bảo đảm an toàn (Thông tư 12/2022/TT-BTTTT: bộ, Ủy ban nhân dân
        tỉnh hoặc người có thẩm quyền quyết định đầu tư). Hệ thống không có, hoặc có hai chủ
        quản thì không ai chịu trách nhiệm.

    Fails:
        ```yaml
        - id: he-thong-thu-dien-tu
          kind: application
          name: Hệ thống thư điện tử công vụ tỉnh Lạng Sơn
          system_type: email
        ```

    Passes:
        ```yaml
        - id: so-khcn-lang-son
          kind: organization
          name: Sở Khoa học và Công nghệ tỉnh Lạng Sơn
          org_type: department
        - id: he-thong-thu-dien-tu
          kind: application
          name: Hệ thống thư điện tử công vụ tỉnh Lạng Sơn
          system_type: email
          owner: so-khcn-lang-son
        ```
    """
    for el in security_systems(ctx):
        found = owners(ctx.graph, el.id)
        if not found:
            yield Violation(
                f"{el.kind} '{el.id}' has no owner (chủ quản) on this day",
                element=el.id,
                hint="set owner: <organization id>",
                key="owner",
            )
        elif len(found) > 1:
            yield Violation(
                f"{el.kind} '{el.id}' has {len(found)} owners ({', '.join(found)}); a system has one chủ quản",
                element=el.id,
                related=tuple(Related(o, (), "an owner") for o in found),
                hint="keep one owner; others can operate it (serves, uses) or be the owner in another period",
                key="owner",
            )


def _floor(ctx: RuleContext, el: Element) -> tuple[int, str] | None:
    """The minimum level the known criteria give, and why."""
    reasons: list[tuple[int, str]] = []
    kind = value(el, "system_type")
    if kind == "web_portal":
        reasons.append((3, "the provincial web portal (portal criteria under TT 22/2023/TT-BTTTT) [verified]"))
    if kind in ("tthc", "dvc_portal", "one_stop"):
        reasons.append((3, "it receives online public-service dossiers (NĐ 85/2016 Điều 9) [unverified]"))
    elif el.kind == "application":
        for svc in ctx.graph.targets(el.id, "realizes"):
            if svc.kind == "public_service" and value(svc, "online_mode") in ("toan_trinh", "mot_phan"):
                reasons.append((3, f"it takes online dossiers for '{svc.id}' (NĐ 85/2016 Điều 9) [unverified]"))
                break
    subjects = getattr(el, "personal_data_subjects", None)
    if subjects is not None and subjects >= 10000:
        reasons.append((3, f"it processes personal data of {subjects:,} people, 10,000 or more (NĐ 85/2016 Điều 9) [unverified]"))
    elif (subjects or 0) > 0 or getattr(el, "personal_data", None):
        reasons.append((2, "it processes personal data (NĐ 85/2016 Điều 7–8) [verified]"))
    if el.kind == "integration_platform" and value(el, "platform_type") == "lgsp":
        reasons.append((3, "shared information infrastructure of the province (NĐ 85/2016 Điều 9) [unverified]"))
    if el.kind == "node" and value(el, "node_type") in ("data_centre", "cloud"):
        reasons.append((3, "shared information infrastructure of the province (NĐ 85/2016 Điều 9) [unverified]"))
    if el.kind == "network" and value(el, "network_type") in ("tslcd", "wan"):
        reasons.append((3, "shared network infrastructure of the province (NĐ 85/2016 Điều 9) [unverified]"))
    if not reasons:
        return None
    return max(reasons, key=lambda r: r[0])


@rule(
    code="SEC002",
    name="security-level-below-floor",
    title="A system's security level is lower than its kind requires",
    title_vi="Cấp độ an toàn của hệ thống thấp hơn mức tối thiểu theo loại hệ thống",
    family="security",
    legal_basis=("Nghị định 85/2016/NĐ-CP, Điều 7–11", "Thông tư 12/2022/TT-BTTTT", "Thông tư 22/2023/TT-BTTTT (cổng thông tin: cấp độ 3)"),
    confidence="medium",
    in_force_from=ND85,
)
def security_level_below_floor(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        A provincial system's declared ``security_level`` is at least the minimum its
        kind gives: 2 for a system processing personal data; 3 for the provincial web
        portal, for systems receiving online public-service dossiers (the TTHC system, or
        an application realising a ``toan_trinh``/``mot_phan`` service), for personal data
        of 10,000 people or more (``personal_data_subjects``), and for shared provincial
        infrastructure (the LGSP, a data centre or cloud, the provincial WAN or dedicated
        network). Systems without a level are left to SEC001 and SEC006.

    Kiểm tra:
        Cấp độ ``security_level`` khai báo của hệ thống không thấp hơn mức tối thiểu theo
        loại: 2 với hệ thống xử lý dữ liệu cá nhân; 3 với Cổng thông tin điện tử tỉnh, với
        hệ thống tiếp nhận hồ sơ dịch vụ công trực tuyến (hệ thống giải quyết TTHC, hoặc ứng
        dụng hiện thực dịch vụ ``toan_trinh``/``mot_phan``), với dữ liệu cá nhân của từ
        10.000 người trở lên (``personal_data_subjects``) và với hạ tầng dùng chung của tỉnh
        (LGSP, trung tâm dữ liệu, điện toán đám mây, mạng diện rộng hoặc mạng chuyên dùng).
        Hệ thống chưa có cấp độ do SEC001 và SEC006 kiểm tra.

    Why:
        NĐ 85/2016/NĐ-CP sets the criteria of each level: level 1 only for internal
        systems with public information, level 2 for personal information (both
        verified); portals of provinces must have level 3 (TT 22/2023/TT-BTTTT, verified).
        The level-3 criteria for public-service systems, 10,000 users and shared
        provincial infrastructure come from recollection of Điều 9, not from its text: the
        finding says which criterion applies and whether it is verified, and only warns.

    Lý do:
        Nghị định 85/2016/NĐ-CP quy định tiêu chí từng cấp độ: cấp độ 1 chỉ cho hệ thống
        nội bộ xử lý thông tin công cộng, cấp độ 2 khi có thông tin cá nhân (đã xác minh);
        cổng thông tin điện tử cấp tỉnh phải đạt cấp độ 3 (Thông tư 22/2023/TT-BTTTT, đã xác
        minh). Tiêu chí cấp độ 3 cho hệ thống dịch vụ công, 10.000 người dùng và hạ tầng dùng
        chung cấp tỉnh dựa trên trí nhớ về Điều 9, chưa đối chiếu văn bản: phát hiện nêu rõ
        tiêu chí nào được áp dụng và đã xác minh hay chưa, và chỉ ở mức cảnh báo.

    Fails:
        ```yaml
        - id: cong-ttdt-tinh
          kind: application
          name: Cổng thông tin điện tử tỉnh Sơn La
          system_type: web_portal
          security_level: 2
        ```

    Passes:
        ```yaml
        - id: cong-ttdt-tinh
          kind: application
          name: Cổng thông tin điện tử tỉnh Sơn La
          system_type: web_portal
          security_level: 3
        ```
    """
    for el in security_systems(ctx):
        level = getattr(el, "security_level", None)
        if level is None:
            continue
        floor = _floor(ctx, el)
        if floor is not None and level < floor[0]:
            yield Violation(
                f"{el.kind} '{el.id}' has security level {level}, below the level {floor[0]} required because {floor[1]}",
                element=el.id,
                path=("security_level",),
                hint=f"review its level (hồ sơ đề xuất cấp độ): at least {floor[0]}",
                key="floor",
            )


@rule(
    code="SEC003",
    name="composite-level-below-component",
    title="A system's security level is lower than one of its components'",
    title_vi="Cấp độ của hệ thống thấp hơn cấp độ của một hệ thống thành phần",
    family="security",
    legal_basis=("Nghị định 85/2016/NĐ-CP, Điều 5 (hệ thống có nhiều thành phần lấy cấp độ cao nhất)",),
    confidence="high",
    in_force_from=ND85,
)
def composite_level_below_component(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        A system that is ``composed_of`` other systems has a ``security_level`` at least
        as high as the highest level of its components, where both are declared.

    Kiểm tra:
        Hệ thống ``composed_of`` các hệ thống thành phần có ``security_level`` không thấp hơn
        cấp độ cao nhất của các thành phần, khi cả hai đều được khai báo.

    Why:
        NĐ 85/2016/NĐ-CP Điều 5: a system made of components with different levels takes
        the highest of them. A lower level on the whole leaves its most sensitive part
        protected as the least sensitive.

    Lý do:
        Điều 5 Nghị định 85/2016/NĐ-CP: hệ thống gồm nhiều hệ thống thành phần có cấp độ khác
        nhau thì có cấp độ cao nhất trong các cấp độ đó. Cấp độ thấp hơn cho cả hệ thống làm
        phần nhạy cảm nhất chỉ được bảo vệ như phần ít nhạy cảm nhất.

    Fails:
        ```yaml
        - id: ioc-tinh
          kind: application
          name: Trung tâm giám sát, điều hành thông minh tỉnh Bình Dương
          system_type: ioc
          security_level: 2
          composed_of: [phan-he-an-ninh]
        - id: phan-he-an-ninh
          kind: application
          name: Phân hệ giám sát an ninh, trật tự
          security_level: 3
        ```

    Passes:
        ```yaml
        - id: ioc-tinh
          kind: application
          name: Trung tâm giám sát, điều hành thông minh tỉnh Bình Dương
          system_type: ioc
          security_level: 3
          composed_of: [phan-he-an-ninh]
        - id: phan-he-an-ninh
          kind: application
          name: Phân hệ giám sát an ninh, trật tự
          security_level: 3
        ```
    """
    graph = ctx.graph
    for el in security_systems(ctx):
        level = getattr(el, "security_level", None)
        if level is None:
            continue
        parts = [p for p in graph.targets(el.id, "composed_of") if getattr(p, "security_level", None) is not None]
        if not parts:
            continue
        top = max(parts, key=lambda p: p.security_level)
        if top.security_level > level:
            yield Violation(
                f"'{el.id}' has security level {level}, lower than its component '{top.id}' (level {top.security_level})",
                element=el.id,
                path=("security_level",),
                related=(Related(top.id, ("security_level",), "the component with the higher level"),),
                hint=f"raise '{el.id}' to level {top.security_level} (NĐ 85/2016/NĐ-CP Điều 5)",
                key=top.id,
            )


LAYER_NAMES = {
    "on_site": "lực lượng tại chỗ (on-site team)",
    "monitoring": "giám sát, bảo vệ chuyên nghiệp (professional monitoring, SOC)",
    "inspection": "kiểm tra, đánh giá định kỳ (periodic inspection)",
    "national_connection": "kết nối, chia sẻ với hệ thống giám sát quốc gia (connection to national monitoring)",
}


@rule(
    code="SEC004",
    name="four-layer-protection-incomplete",
    title="The four-layer protection model is not complete",
    title_vi="Chưa đủ bốn lớp của mô hình bảo vệ 4 lớp",
    family="security",
    profiles=V3_PLUS,
    legal_basis=("Công văn 1598/BTTTT-CATTT (2022), dẫn chiếu trong Quyết định 2568/QĐ-BTTTT", "Thông tư 31/2017/TT-BTTTT"),
    confidence="medium",
)
def four_layer_protection_incomplete(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Under framework 3.0 and later, the architecture has a security control or
        security service for each of the four protection layers (``protection_layer``):
        ``on_site`` (lực lượng tại chỗ), ``monitoring`` (giám sát, bảo vệ chuyên nghiệp),
        ``inspection`` (kiểm tra, đánh giá định kỳ) and ``national_connection`` (kết nối
        với hệ thống giám sát quốc gia).

    Kiểm tra:
        Theo Khung 3.0 trở về sau, kiến trúc có biện pháp hoặc dịch vụ an toàn thông tin cho
        mỗi lớp của mô hình bảo vệ 4 lớp (``protection_layer``): ``on_site`` (lực lượng tại
        chỗ), ``monitoring`` (giám sát, bảo vệ chuyên nghiệp), ``inspection`` (kiểm tra, đánh
        giá định kỳ) và ``national_connection`` (kết nối, chia sẻ với hệ thống giám sát quốc
        gia).

    Why:
        Công văn 1598/BTTTT-CATTT (2022), referenced by framework 3.0, asks every agency to
        protect its systems with the four-layer model. The names of the four layers are
        from recollection, not from the letter's text (unverified), so the rule only warns.

    Lý do:
        Công văn 1598/BTTTT-CATTT (2022), được Khung 3.0 dẫn chiếu, yêu cầu các cơ quan bảo
        vệ hệ thống theo mô hình 4 lớp. Tên bốn lớp dựa trên trí nhớ, chưa đối chiếu văn bản
        (chưa xác minh), nên quy tắc chỉ ở mức cảnh báo.

    Fails:
        ```yaml
        # architecture.yaml: {profile: vn-egov-3.0}
        # as-of: 2024-06-01
        - id: soc-tinh
          kind: security_service
          name: Trung tâm giám sát an toàn thông tin tỉnh Quảng Ngãi
          protection_layer: monitoring
        ```

    Passes:
        ```yaml
        # architecture.yaml: {profile: vn-egov-3.0}
        # as-of: 2024-06-01
        - id: doi-ung-cuu
          kind: security_control
          name: Đội ứng cứu sự cố và lực lượng tại chỗ
          protection_layer: on_site
        - id: soc-tinh
          kind: security_service
          name: Trung tâm giám sát an toàn thông tin tỉnh Quảng Ngãi
          protection_layer: monitoring
        - id: kiem-tra-dinh-ky
          kind: security_control
          name: Kiểm tra, đánh giá an toàn thông tin định kỳ hằng năm
          protection_layer: inspection
        - id: ket-noi-ncsc
          kind: security_control
          name: Kết nối, chia sẻ thông tin với hệ thống giám sát quốc gia
          protection_layer: national_connection
        ```
    """
    present = {
        value(el, "protection_layer")
        for el in ctx.graph.of_kind("security_control", "security_service")
        if value(el, "protection_layer")
    }
    missing = [name for layer, name in LAYER_NAMES.items() if layer not in present]
    if missing:
        yield about_province(
            ctx,
            "the four-layer protection model is missing: " + "; ".join(missing),
            key="four-layer",
            hint="add a security_control or security_service with protection_layer for each missing layer",
        )


def _secret_data(ctx: RuleContext, el: Element) -> str | None:
    graph = ctx.graph
    for other_id, rel in neighbours_by(graph, el.id, ("accesses", "composed_of", "flows_to")):
        other = graph.element(other_id)
        if other.kind == "data_entity" and value(other, "classification") == "state_secret":
            return other.id
    return None


@rule(
    code="SEC005",
    name="state-secret-system-on-internet",
    title="A system handling state secrets is connected to the Internet",
    title_vi="Hệ thống xử lý bí mật nhà nước kết nối với Internet",
    family="security",
    legal_basis=("Luật Bảo vệ bí mật nhà nước 2018", "Quyết định 1562/QĐ-TTg ngày 18/7/2025 (mã hóa bằng sản phẩm mật mã cơ yếu)"),
    confidence="medium",
)
def state_secret_system_on_internet(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        A provincial system that accesses, contains or passes on a ``data_entity`` with
        ``classification: state_secret`` is not ``connects_to`` a network with
        ``network_type: internet``, directly or through the node it is ``hosted_on``.
        Whether its flows are encrypted with cơ yếu products is not checked: the
        metamodel does not record encryption.

    Kiểm tra:
        Hệ thống của tỉnh truy cập, chứa hoặc chuyển tiếp ``data_entity`` có
        ``classification: state_secret`` không ``connects_to`` mạng có ``network_type:
        internet``, trực tiếp hoặc qua nút hạ tầng mà nó ``hosted_on``. Việc mã hóa luồng dữ
        liệu bằng sản phẩm mật mã cơ yếu chưa được kiểm tra: siêu mô hình chưa ghi nhận mã
        hóa.

    Why:
        State-secret information (Mật, Tối mật, Tuyệt mật) may not be processed on systems
        connected to the Internet (Luật Bảo vệ bí mật nhà nước 2018); QĐ 1562/QĐ-TTg (2025)
        requires state-secret data to be encrypted with cơ yếu solutions and exchanged on
        approved systems.

    Lý do:
        Thông tin bí mật nhà nước (Mật, Tối mật, Tuyệt mật) không được xử lý trên hệ thống
        kết nối Internet (Luật Bảo vệ bí mật nhà nước 2018); Quyết định 1562/QĐ-TTg (2025)
        yêu cầu dữ liệu bí mật nhà nước được mã hóa bằng giải pháp cơ yếu và trao đổi trên hệ
        thống được phê duyệt.

    Fails:
        ```yaml
        - id: van-ban-mat
          kind: data_entity
          name: Văn bản mật
          classification: state_secret
        - id: qlvb-mat
          kind: application
          name: Phần mềm quản lý văn bản mật tỉnh Hà Tĩnh
          accesses: [van-ban-mat]
          connects_to: [internet]
        - id: internet
          kind: network
          name: Đường truyền Internet
          network_type: internet
        ```

    Passes:
        ```yaml
        - id: van-ban-mat
          kind: data_entity
          name: Văn bản mật
          classification: state_secret
        - id: qlvb-mat
          kind: application
          name: Phần mềm quản lý văn bản mật tỉnh Hà Tĩnh
          accesses: [van-ban-mat]
          connects_to: [mang-chuyen-dung]
        - id: mang-chuyen-dung
          kind: network
          name: Mạng truyền số liệu chuyên dùng
          network_type: tslcd
        ```
    """
    graph = ctx.graph
    for el in graph.elements():
        if not provincial(el) or el.kind not in ("application", "database", "shared_service", "integration_platform"):
            continue
        secret = _secret_data(ctx, el)
        if secret is None:
            continue
        hosts = [el] + [n for n in graph.targets(el.id, "hosted_on")]
        for host in hosts:
            for rel in graph.out(host.id, "connects_to"):
                net = graph.element(rel.target)
                if net.kind == "network" and value(net, "network_type") == "internet":
                    where = "" if host is el else f" through '{host.id}', where it runs,"
                    yield Violation(
                        f"'{el.id}' handles state-secret data ('{secret}') and is connected{where} to the Internet "
                        f"network '{net.id}'",
                        element=rel.written_by,
                        path=rel.path,
                        related=(Related(secret, (), "the state-secret data"),),
                        hint="separate it from the Internet (Luật Bảo vệ bí mật nhà nước 2018)",
                        key=net.id,
                    )
