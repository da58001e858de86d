"""Rule CON002 (consolidation-without-roadmap):
a consolidation decision migrates or retires systems, and no roadmap item carries it out.
"""

from __future__ import annotations

from typing import Iterator

from ....twins import roadmap_items
from ...registry import RuleContext, Violation, rule
from ._helpers import LEGAL_BASIS
from ....i18n import msg


@rule(
    code="CON002",
    name="consolidation-without-roadmap",
    title="A consolidation decision migrates or retires systems, and no roadmap item carries it out",
    title_vi="Quyết định hợp nhất chuyển đổi hoặc dừng hệ thống nhưng không có hạng mục lộ trình thực hiện",
    family="consolidation",
    scope="element", radius=2,
    legal_basis=LEGAL_BASIS,
    confidence="medium",
)
def consolidation_without_roadmap(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Every consolidation decision in force (decided or still a proposal) that migrates or
        retires a system is implemented by a project or work package in force
        (``implements: [<decision id>]``). A decision that keeps every system needs none.

    Kiểm tra:
        Mỗi quyết định hợp nhất còn hiệu lực (đã quyết định hay còn là đề xuất) có chuyển đổi
        hoặc dừng hệ thống đều được một dự án hoặc hạng mục còn hiệu lực thực hiện
        (``implements: [<mã quyết định>]``). Quyết định giữ lại mọi hệ thống thì không cần.

    Why:
        A decision to migrate one LGSP into another or to switch a portal off is carried out
        by work with an owner, a start and an end; without it the twins run on side by side
        and the roadmap of the target architecture (Công văn 2943/CĐSQG-CNCPS) does not show
        how the merged province gets there.

    Lý do:
        Quyết định chuyển LGSP này vào LGSP kia hay dừng một cổng thông tin được thực hiện
        bằng một hạng mục có đơn vị chủ trì, ngày bắt đầu và kết thúc; thiếu hạng mục đó, các
        hệ thống trùng tiếp tục chạy song song và lộ trình của kiến trúc mục tiêu (Công văn
        2943/CĐSQG-CNCPS) không cho thấy tỉnh mới đi tới đó thế nào.

    Fails:
        ```yaml
        # as-of: 2025-09-01
        - id: hai-phong-ioc
          kind: application
          name: Trung tâm giám sát, điều hành thông minh Hải Phòng
          system_type: ioc
        - id: hd-ioc
          kind: application
          name: IOC Hải Dương
          system_type: ioc
        - id: hop-nhat-ioc
          kind: consolidation
          name: Hợp nhất IOC
          function: ioc
          keep: [hai-phong-ioc]
          retire: [hd-ioc]
        ```

    Passes:
        ```yaml
        # as-of: 2025-09-01
        - id: hai-phong-ioc
          kind: application
          name: Trung tâm giám sát, điều hành thông minh Hải Phòng
          system_type: ioc
        - id: hd-ioc
          kind: application
          name: IOC Hải Dương
          system_type: ioc
        - id: hop-nhat-ioc
          kind: consolidation
          name: Hợp nhất IOC
          function: ioc
          keep: [hai-phong-ioc]
          retire: [hd-ioc]
        - id: wp-dung-ioc-hai-duong
          kind: work_package
          name: Dừng IOC Hải Dương
          start: 2025-09-01
          end: 2025-12-31
          implements: [hop-nhat-ioc]
        ```
    """
    graph = ctx.graph
    for d in graph.of_kind("consolidation"):
        if not (d.migrate or d.retire):
            continue
        if roadmap_items(graph, d.id):
            continue
        what = tuple([*(msg("migrate '{id}'", id=i) for i in d.migrate), *(msg("retire '{id}'", id=i) for i in d.retire)])
        yield Violation(
            msg("the consolidation '{id}' decides to {what}, but no project or work package implements it", id=d.id, what=what),
            element=d.id,
            path=("migrate",) if d.migrate else ("retire",),
            hint=msg("add a work_package with owner, start, end and implements: [{id}, …]", id=d.id),
            key="roadmap",
        )
