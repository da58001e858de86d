"""Rule STR005 (supersession-cycle): elements replace each other in a circle."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from ._helpers import by_id, cycle_violations, find_cycles
from ....i18n import msg


@rule(
    code="STR005",
    name="supersession-cycle",
    title="Elements replace each other in a circle",
    title_vi="Phần tử thay thế lẫn nhau (vòng lặp)",
    family="structure",
    scope="relations", types=("supersedes", "successors"),
)
def supersession_cycle(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        ``supersedes`` and ``successors`` relations form no cycle: following "was
        replaced by" never comes back to where it started.

    Kiểm tra:
        Các quan hệ ``supersedes`` và ``successors`` không tạo thành vòng: lần theo "được
        thay thế bởi" không bao giờ quay về điểm xuất phát.

    Why:
        History is a line, not a circle: Sở Thông tin và Truyền thông was succeeded
        by Sở Khoa học và Công nghệ on 1/3/2025, not the other way round as well.
        Answering "who was responsible on that day" needs an acyclic history.

    Lý do:
        Lịch sử là một đường thẳng: Sở Thông tin và Truyền thông được Sở Khoa học và Công
        nghệ kế thừa từ 1/3/2025, không có chiều ngược lại. Trả lời câu hỏi "ngày đó ai chịu
        trách nhiệm" cần một lịch sử không có vòng.

    Fails:
        ```yaml
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông
          successors: [so-khcn]
        - id: so-khcn
          kind: organization
          name: Sở Khoa học và Công nghệ
          successors: [so-tttt]
        ```

    Passes:
        ```yaml
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông
          valid_to: 2025-02-28
          successors: [so-khcn]
        - id: so-khcn
          kind: organization
          name: Sở Khoa học và Công nghệ
          valid_from: 2025-03-01
        ```
    """
    ids = by_id(ctx)
    edges: list[tuple[str, str]] = []  # old -> new ("was replaced by")
    for r in ctx.architecture.relations:
        if r.target not in ids or r.target == r.source:
            continue
        if r.type == "supersedes":
            edges.append((r.target, r.source))
        elif r.type == "successors":
            edges.append((r.source, r.target))
    for members in find_cycles(edges):
        yield from cycle_violations(ctx, [members], "supersedes", msg("'{head}' is replaced, in the end, by itself through {path}"))
