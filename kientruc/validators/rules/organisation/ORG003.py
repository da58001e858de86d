"""Rule ORG003 (duplicate-shared-system): the province has two systems in service for one shared function."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ...registry import Related, RuleContext, Violation, rule
from .._common import is_lgsp, is_retiring, provincial, value
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
        On the day checked, the province has at most one system in service (not
        ``retiring``) per shared function: the LGSP, the TTHC system, the document
        management system, the web portal, official e-mail, the IOC, the reporting
        system, the open-data portal, task management, the citizen app, the shared data
        warehouse, video conferencing. A transitional duplicate — typical after the
        merger of two provinces in 2025 — passes when all but one are ``retiring`` (being
        consolidated). Data centres are not counted: a province may have a primary and a
        backup site.

    Kiểm tra:
        Vào ngày kiểm tra, tỉnh có nhiều nhất một hệ thống đang vận hành (không
        ``retiring``) cho mỗi chức năng dùng chung: LGSP, hệ thống giải quyết TTHC, hệ thống
        quản lý văn bản và điều hành, cổng thông tin điện tử, thư điện tử công vụ, IOC, hệ
        thống báo cáo, cổng dữ liệu mở, quản lý giao việc, ứng dụng công dân, kho dữ liệu
        dùng chung, hội nghị truyền hình. Hệ thống trùng trong giai đoạn chuyển tiếp — thường
        gặp sau hợp nhất tỉnh năm 2025 — được chấp nhận khi tất cả trừ một đều ``retiring``
        (đang hợp nhất). Trung tâm dữ liệu không được tính: tỉnh có thể có trung tâm chính và
        trung tâm dự phòng.

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
    groups: dict[str, list] = defaultdict(list)
    for el in ctx.graph.elements():
        if not provincial(el) or is_retiring(el):
            continue
        if is_lgsp(el):
            groups["lgsp"].append(el)
        elif el.kind in ("application", "shared_service") and value(el, "system_type") in SHARED_KINDS:
            groups[value(el, "system_type")].append(el)
    titles = dict(SHARED_KINDS, lgsp="Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)")
    for kind, els in groups.items():
        for dup in els[1:]:
            yield Violation(
                msg("'{id}' and '{other}' are both in service as the province's {function}", id=dup.id, other=els[0].id, function=Term("shared_system", kind)),
                element=dup.id,
                related=(Related(els[0].id, (), msg("the other system")),),
                hint=msg("keep one; mark the other retiring (with a roadmap item to consolidate it) or end it (valid_to)"),
                key=kind,
            )
