"""Rule STR004 (composition-cycle): elements are parts of each other."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from ._helpers import by_id, cycle_violations, find_cycles
from ....i18n import msg


@rule(
    code="STR004",
    name="composition-cycle",
    title="Elements are parts of each other",
    title_vi="Phần tử là thành phần của nhau (vòng lặp)",
    family="structure",
    scope="relations", types=("composed_of",),
)
def composition_cycle(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        ``composed_of`` relations form no cycle: no element is, directly or through
        others, a part of itself.

    Kiểm tra:
        Các quan hệ ``composed_of`` không tạo thành vòng: không phần tử nào, trực tiếp hay
        qua phần tử khác, là thành phần của chính nó.

    Why:
        Composition is a hierarchy (a system and its modules, an organization and its
        units). A cycle makes "what is part of what" meaningless for diagrams,
        security levels of composite systems (NĐ 85/2016/NĐ-CP Điều 5) and counts.

    Lý do:
        Quan hệ thành phần là một cây phân cấp (hệ thống và các phân hệ, cơ quan và các đơn
        vị). Vòng lặp làm câu hỏi "cái gì là thành phần của cái gì" vô nghĩa đối với sơ đồ, đối
        với cấp độ an toàn của hệ thống nhiều thành phần (Nghị định 85/2016/NĐ-CP Điều 5) và
        đối với số liệu thống kê.

    Fails:
        ```yaml
        - id: ioc-tinh
          kind: application
          name: Trung tâm giám sát, điều hành thông minh tỉnh
          composed_of: [phan-he-giao-thong]
        - id: phan-he-giao-thong
          kind: application
          name: Phân hệ giám sát giao thông
          composed_of: [ioc-tinh]
        ```

    Passes:
        ```yaml
        - id: ioc-tinh
          kind: application
          name: Trung tâm giám sát, điều hành thông minh tỉnh
          composed_of: [phan-he-giao-thong]
        - id: phan-he-giao-thong
          kind: application
          name: Phân hệ giám sát giao thông
        ```
    """
    ids = by_id(ctx)
    edges = [
        (r.source, r.target)
        for r in ctx.architecture.relations
        if r.type == "composed_of" and r.target in ids and r.target != r.source
    ]
    yield from cycle_violations(ctx, find_cycles(edges), "composed_of", msg("'{head}' is part of itself through {path}"))
