"""Rule ARCH005 (roadmap-item-incomplete): a roadmap item lacks its period, its owner or what it changes."""

from __future__ import annotations

from typing import Iterator

from ...registry import Related, RuleContext, Violation, rule
from .._common import date_vi
from ....i18n import kind, msg


@rule(
    code="ARCH005",
    name="roadmap-item-incomplete",
    title="A roadmap item lacks its period, its owner or what it changes",
    title_vi="Hạng mục lộ trình thiếu thời gian, đơn vị chủ trì hoặc đối tượng triển khai",
    family="architecture",
    legal_basis=("Văn bản 1178/BTTTT-THH, mục II.4.2 (lộ trình triển khai các thành phần)",),
    confidence="medium",
)
def roadmap_item_incomplete(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Each project and work package in force on the day checked has a ``start`` and an
        ``end``, an owner agency (``owner``, or an organization ``assigned_to`` it), and
        ``implements`` the elements it creates or changes; and its owner agency does not
        end (``valid_to``) before the item does.

    Kiểm tra:
        Mỗi dự án, hạng mục có hiệu lực vào ngày kiểm tra có ``start`` và ``end``, có cơ
        quan chủ trì (``owner``, hoặc cơ quan ``assigned_to`` hạng mục) và ``implements`` các
        phần tử mà nó xây dựng hay thay đổi; và cơ quan chủ trì không kết thúc (``valid_to``)
        trước khi hạng mục kết thúc.

    Why:
        A roadmap (lộ trình, framework 1.0 §II.4.2) is actionable only if each item has a
        period, an agency in charge and a scope. Items owned by an agency that disappears
        in a reorganisation (a district, Sở Thông tin và Truyền thông in 2025) lose their
        owner halfway.

    Lý do:
        Lộ trình (Khung 1.0, mục II.4.2) chỉ thực hiện được khi mỗi hạng mục có thời gian,
        cơ quan chủ trì và phạm vi. Hạng mục do cơ quan sẽ chấm dứt khi sắp xếp (một huyện,
        Sở Thông tin và Truyền thông năm 2025) chủ trì sẽ mất chủ trì giữa chừng.

    Fails:
        ```yaml
        # as-of: 2024-06-01
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông tỉnh Hà Tĩnh
          valid_to: 2025-02-28
        - id: du-an-iot
          kind: project
          name: Nền tảng IoT dùng chung tỉnh Hà Tĩnh
          owner: so-tttt
          start: 2024-01-01
          end: 2026-12-31
        ```

    Passes:
        ```yaml
        # as-of: 2024-06-01
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông tỉnh Hà Tĩnh
          valid_to: 2025-02-28
          owns: [{target: du-an-iot, valid_to: 2025-02-28}]
          successors: [so-khcn]
        - id: so-khcn
          kind: organization
          name: Sở Khoa học và Công nghệ tỉnh Hà Tĩnh
          valid_from: 2025-03-01
          owns: [{target: du-an-iot, valid_from: 2025-03-01}]
        - id: du-an-iot
          kind: project
          name: Nền tảng IoT dùng chung tỉnh Hà Tĩnh
          start: 2024-01-01
          end: 2026-12-31
          implements: [nen-tang-iot]
        - id: nen-tang-iot
          kind: shared_service
          name: Nền tảng IoT dùng chung
          status: planned
        ```
    """
    graph = ctx.graph
    arch_ids = ctx.architecture.by_id()
    for item in graph.of_kind("project", "work_package"):
        problems = []
        start, end = getattr(item, "start", None), getattr(item, "end", None)
        if start is None or end is None:
            problems.append(msg("no period (start and end)"))
        owner_ids = [r.source for r in graph.in_(item.id, "owns")]
        assigned = [r.source for r in graph.in_(item.id, "assigned_to") if graph.element(r.source).kind == "organization"]
        if not owner_ids and not assigned and not item.owner:
            problems.append(msg("no owner agency"))
        if not graph.out(item.id, "implements") and not any(
            r.type == "implements" and r.source == item.id for r in graph.dangling
        ):
            problems.append(msg("does not say what it builds or changes (implements)"))
        related: list[Related] = []
        for oid in dict.fromkeys(owner_ids + assigned + ([item.owner] if item.owner else [])):
            org = arch_ids.get(oid)
            if org is None or org.valid_to is None or end is None or org.valid_to >= end:
                continue
            # an owner that ends before the item, unless the relation itself ends with it
            rels = [r for r in graph.in_(item.id, "owns", "assigned_to") if r.source == oid]
            if rels and all(r.valid_to is not None and r.valid_to <= org.valid_to for r in rels):
                continue
            problems.append(msg("its owner '{owner}' ends on {day}, before the item ends ({end})", owner=oid, day=org.valid_to, end=end))
            related.append(Related(oid, (), msg("the owner that ends first")))
        if problems:
            yield Violation(
                msg("{kind} '{id}': {problems}", kind=kind(item.kind), id=item.id, problems=tuple(dict.fromkeys(problems))),
                element=item.id,
                related=tuple(related),
                hint=msg("give it start and end, an owner agency that lasts as long as it does, and implements"),
                key="roadmap",
            )
