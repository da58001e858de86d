"""Rule STR007 (self-relation): an element is related to itself."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from ....i18n import field, kind, msg, relation


@rule(
    code="STR007",
    name="self-relation",
    title="An element is related to itself",
    title_vi="Phần tử có quan hệ với chính nó",
    family="structure",
    scope="writer",
)
def self_relation(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        No relation has the same element at both ends (``uses: [itself]``).

    Kiểm tra:
        Không quan hệ nào có cùng một phần tử ở cả hai đầu (``uses: [chính nó]``).

    Why:
        A relation from an element to itself says nothing and is nearly always a
        copy-and-paste slip where another element was meant.

    Lý do:
        Quan hệ từ một phần tử tới chính nó không nói lên điều gì và gần như luôn là lỗi sao
        chép, khi ý định là một phần tử khác.

    Fails:
        ```yaml
        - id: lgsp-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
          connects_to: [lgsp-tinh]
        ```

    Passes:
        ```yaml
        - id: lgsp-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
          connects_to: [ndxp]
        - id: ndxp
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu quốc gia
          external: true
        ```
    """
    for rel in ctx.architecture.relations:
        if rel.source == rel.target:
            yield Violation(
                msg("the relation {relation} relates '{id}' to itself", relation=relation(rel.type), id=rel.source),
                element=rel.written_by,
                path=rel.path,
                hint=msg("name the other element this relation was meant for"),
            )
