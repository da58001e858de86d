"""Rule ORG003 (duplicate-shared-system): the province has two systems in service for one shared function."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ....twins import components, decisions, local_system, province_display, province_name_key, province_of
from ...registry import Related, RuleContext, Violation, rule
from .._common import elementwise, is_lgsp, is_retiring, provincial, twin_sets_of, value
from ....i18n import Term, msg


SHARED_KINDS = {
    "tthc": "Hệ thống thông tin giải quyết TTHC",
    "document_management": "Hệ thống quản lý văn bản và điều hành",
    "web_portal": "Cổng thông tin điện tử",
    "email": "Thư điện tử công vụ",
    "ioc": "Trung tâm giám sát, điều hành thông minh (IOC)",
    "reporting": "Hệ thống thông tin báo cáo",
    "open_data": "Cổng dữ liệu mở",
    "task_management": "Hệ thống quản lý, giao việc",
    "citizen_app": "Ứng dụng công dân",
    "data_warehouse": "Kho dữ liệu dùng chung",
    "video_conference": "Hệ thống hội nghị truyền hình",
}


def _shared_kind(el) -> str | None:
    """What shared system of the province ``el`` would be (the LGSP, or a type of SHARED_KINDS), if it is a provincial
    one in service (it reads only ``el``)."""
    if el.kind not in ("integration_platform", "application", "shared_service") or not provincial(el) or is_retiring(el):
        return None
    if is_lgsp(el):
        return "lgsp"
    if el.kind in ("application", "shared_service") and value(el, "system_type") in SHARED_KINDS:
        return value(el, "system_type")
    return None


shared_systems = elementwise(_shared_kind)


@rule(
    code="ORG003",
    name="duplicate-shared-system",
    title="The province has two systems in service for one shared function",
    title_vi="Tỉnh có hai hệ thống dùng chung cùng chức năng đang vận hành",
    family="organisation",
    legal_basis=(
        "Quyết định 1562/QĐ-TTg ngày 18/7/2025 (liên thông, đồng bộ)",
        "Nghị định 194/2025/NĐ-CP",
        "Quyết định 3090/QĐ-BKHCN (nguyên tắc tránh trùng lặp)",
    ),
    confidence="medium",
)
def duplicate_shared_system(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        On the day checked, each province has at most one system in service (not
        ``retiring``) per shared function: the LGSP, the TTHC system, the document
        management system, the web portal, official e-mail, the IOC, the reporting
        system, the open-data portal, task management, the citizen app, the shared data
        warehouse, video conferencing. A transitional duplicate — typical after the
        merger of two provinces in 2025 — passes when all but one are ``retiring`` (being
        consolidated). Data centres are not counted: a province may have a primary and a
        backup site.

        Systems are counted per province on the day: a system's province is its own
        ``province`` facts (dated: ownership by a province is a fact with dates), else the
        province of the organization owning it (its ``province`` or the UBND tỉnh above it),
        else the manifest's. So two provinces' systems before their merger are not
        duplicates, and a national model of several provinces is judged province by province.
        A system and its own component (``composed_of``) are one system. A system owned by a
        district- or commune-level body (a city's IOC) is that level's, not a second provincial one.
        Systems inherited from different predecessor provinces of a merged province are
        left to CON001 (which asks for a consolidation decision); systems a decided
        consolidation migrates or retires, and all but the first it keeps, are not counted.

    Kiểm tra:
        Vào ngày kiểm tra, tỉnh có nhiều nhất một hệ thống đang vận hành (không
        ``retiring``) cho mỗi chức năng dùng chung: LGSP, hệ thống giải quyết TTHC, hệ thống
        quản lý văn bản và điều hành, cổng thông tin điện tử, thư điện tử công vụ, IOC, hệ
        thống báo cáo, cổng dữ liệu mở, quản lý giao việc, ứng dụng công dân, kho dữ liệu
        dùng chung, hội nghị truyền hình. Hệ thống trùng trong giai đoạn chuyển tiếp — thường
        gặp sau hợp nhất tỉnh năm 2025 — được chấp nhận khi tất cả trừ một đều ``retiring``
        (đang hợp nhất). Trung tâm dữ liệu không được tính: tỉnh có thể có trung tâm chính và
        trung tâm dự phòng.

        Tỉnh của một hệ thống là ``province`` của chính nó (có ngày: việc một tỉnh sở hữu
        hệ thống là sự kiện có thời hạn), nếu không có thì là tỉnh của cơ quan chủ quản
        (``province`` của cơ quan hoặc UBND tỉnh cấp trên), cuối cùng là tỉnh của manifest. Vì
        vậy hệ thống của hai tỉnh trước khi hợp nhất không bị coi là trùng, và mô hình quốc gia
        nhiều tỉnh được đánh giá theo từng tỉnh. Một hệ thống và thành phần của chính nó
        (``composed_of``) là một hệ thống. Hệ thống do cơ quan cấp huyện, cấp xã chủ quản (IOC
        của một thành phố) là của cấp đó, không phải hệ thống thứ hai của tỉnh. Hệ thống kế thừa từ các tỉnh cũ khác nhau của
        một tỉnh hợp nhất do CON001 xét (yêu cầu quyết định hợp nhất); hệ thống mà quyết định
        hợp nhất đã quyết định chuyển đổi hoặc dừng, và các hệ thống giữ lại ngoài hệ thống đầu
        tiên, không được đếm.

    Why:
        Shared systems exist to be shared: two of them split the data and the users, and
        the national platforms expect one connection per province (QĐ 1562/QĐ-TTg, NĐ
        194/2025/NĐ-CP; 3090's principle of avoiding duplication). Merged provinces had to
        choose one system per function.

    Lý do:
        Hệ thống dùng chung là để dùng chung: hai hệ thống chia cắt dữ liệu và người dùng,
        và các nền tảng quốc gia chờ đợi một kết nối cho mỗi tỉnh (Quyết định 1562/QĐ-TTg,
        Nghị định 194/2025/NĐ-CP; nguyên tắc tránh trùng lặp của 3090). Các tỉnh hợp nhất đã
        phải chọn một hệ thống cho mỗi chức năng.

    Fails:
        ```yaml
        # as-of: 2025-09-01
        - id: lgsp-quang-binh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Quảng Bình (cũ)
          platform_type: lgsp
        - id: lgsp-quang-tri
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Quảng Trị
          platform_type: lgsp
        ```

    Passes:
        ```yaml
        # as-of: 2025-09-01
        - id: ubnd-tp-dong-hoi
          kind: organization
          name: Ủy ban nhân dân thành phố Đồng Hới
          org_type: government
          admin_level: huyen
          owns: [ioc-dong-hoi]
        - id: ioc-dong-hoi
          kind: application
          name: Trung tâm điều hành đô thị thông minh thành phố Đồng Hới
          system_type: ioc
        - id: ioc-quang-binh
          kind: application
          name: Trung tâm giám sát, điều hành thông minh tỉnh Quảng Bình
          system_type: ioc
        ```

    Passes:
        ```yaml
        # as-of: 2025-09-01
        - id: lgsp-quang-binh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Quảng Bình (cũ)
          platform_type: lgsp
          status: retiring
          successors: [lgsp-quang-tri]
        - id: lgsp-quang-tri
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Quảng Trị
          platform_type: lgsp
        ```
    """
    graph = ctx.graph
    # twins of a merged province's predecessors: CON001 asks for their decision
    inherited = {i for ts in twin_sets_of(graph, ctx.day) for i in ts.ids}
    settled: set[str] = set()
    for d in decisions(graph):  # the decisions taken, on any element of the graph
        if not d.proposal and any(a in graph for a in d.actions()):
            settled |= set(d.migrate) | set(d.retire) | set(d.keep[1:])
    groups: dict[tuple[str, str], list] = defaultdict(list)
    names: dict[str, str] = {}
    for el, kind in shared_systems(graph):  # the LGSP, the systems
        if el.id in inherited or el.id in settled:
            continue
        if local_system(graph, el):  # a city's IOC (Đồng Hới IOC) is not a second provincial IOC
            continue
        name = province_of(graph, el, ctx.day)
        names.setdefault(province_name_key(name), province_display(name))
        groups[(province_name_key(name), kind)].append(el)
    for key, els in groups.items():  # a system and its own component are one system
        parts = set().union(*(components(graph, e.id) for e in els))
        groups[key] = [e for e in els if e.id not in parts]
    several = len({p for p, _ in groups}) > 1
    for (province, kind), els in groups.items():
        for dup in els[1:]:
            message = msg("'{id}' and '{other}' are both in service as the province's {function}", id=dup.id, other=els[0].id, function=Term("shared_system", kind))
            if several:
                message = msg("{message} ({province})", message=message, province=names[province])
            yield Violation(
                message,
                element=dup.id,
                related=(Related(els[0].id, (), msg("the other system")),),
                hint=msg("keep one; mark the other retiring (with a roadmap item to consolidate it) or end it (valid_to)"),
                key=kind,
            )
