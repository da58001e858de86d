"""Rule STR006 (isolated-element): an element has no relation at all."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from ....i18n import field, kind, msg, relation


@rule(
    code="STR006",
    name="isolated-element",
    title="An element has no relation at all",
    title_vi="Phần tử không có quan hệ nào",
    family="structure",
    scope="element", radius=1,
)
def isolated_element(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Every element in force on the day checked has at least one relation, in
        either direction (an ``owner`` counts), or is named by the manifest. A
        relation to an unknown element or to one not in force that day still counts:
        rules STR001 and STR009 speak of those.

    Kiểm tra:
        Mỗi phần tử có hiệu lực vào ngày kiểm tra có ít nhất một quan hệ theo bất kỳ chiều
        nào (``owner`` cũng tính), hoặc được tệp khai báo nêu tên. Quan hệ tới phần tử không
        tồn tại, hay không có hiệu lực vào ngày đó, vẫn được tính: quy tắc STR001 và STR009
        nói về những trường hợp này.

    Why:
        An element nothing relates to shows up in no diagram but its own and is
        checked by no framework rule that follows relations; it is often left over
        from an earlier version, or its relations were forgotten.

    Lý do:
        Phần tử không có quan hệ nào chỉ xuất hiện trên sơ đồ của riêng nó và không được quy
        tắc khung kiến trúc nào đi theo quan hệ kiểm tra; thường đó là phần sót lại từ phiên
        bản trước, hoặc các quan hệ của nó bị quên.

    Fails:
        ```yaml
        - id: hop-thu-dien-tu
          kind: application
          name: Hệ thống thư điện tử công vụ
        ```

    Passes:
        ```yaml
        - id: hop-thu-dien-tu
          kind: application
          name: Hệ thống thư điện tử công vụ
          serves: [can-bo-cong-chuc]
        - id: can-bo-cong-chuc
          kind: actor
          name: Cán bộ, công chức, viên chức
          actor_type: official
        ```
    """
    graph = ctx.graph
    named: set[str | None] = set(ctx.architecture.manifest.approved_by_ids())
    for rel in graph.dangling:  # relations written but not in the day's graph still count
        named.update((rel.source, rel.target))
    related = graph.related_ids()
    for el in graph.elements():
        if el.id not in related and el.id not in named:
            yield Violation(
                msg("{kind} '{id}' has no relation to any other element", kind=kind(el.kind), id=el.id),
                element=el.id,
                hint=msg("relate it to what it serves, uses or belongs to, or set its 'owner'"),
            )
