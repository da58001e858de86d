"""Rule STR002 (duplicate-id): two elements have the same id."""

from __future__ import annotations

from typing import Iterator

from ...registry import Related, RuleContext, Violation, rule
from ....i18n import field, kind, msg, relation


@rule(
    code="STR002",
    name="duplicate-id",
    title="Two elements have the same id",
    title_vi="Hai phần tử trùng mã định danh",
    family="structure",
)
def duplicate_id(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Each id is used by one element only, across all model files. Ids are
        compared after Unicode NFC normalisation, so two spellings that look alike
        are the same id.

    Kiểm tra:
        Mỗi mã định danh chỉ thuộc về một phần tử trong toàn bộ các tệp mô hình. Mã được
        so sánh sau khi chuẩn hóa Unicode NFC, nên hai cách viết trông giống nhau là một mã.

    Why:
        Relations name their targets by id: with two elements behind one id, every
        relation to it is ambiguous and one of the two silently disappears from the
        graph.

    Lý do:
        Quan hệ trỏ tới đích bằng mã định danh: hai phần tử cùng mã làm mọi quan hệ tới mã đó
        mơ hồ, và một trong hai phần tử lặng lẽ biến mất khỏi đồ thị.

    Fails:
        ```yaml
        - id: lgsp-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
        - id: lgsp-tinh
          kind: application
          name: Trục tích hợp dữ liệu
        ```

    Passes:
        ```yaml
        - id: lgsp-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
        - id: truc-tich-hop
          kind: application
          name: Trục tích hợp dữ liệu
        ```
    """
    if not ctx.architecture.has_duplicates:
        return
    first: dict[str, int] = {}
    for index, el in enumerate(ctx.architecture.elements):
        if el.id not in first:
            first[el.id] = index
            continue
        yield Violation(
            msg("id '{id}' is already used by another element ({kind})", id=el.id, kind=kind(ctx.architecture.elements[first[el.id]].kind)),
            element=el.id,
            index=index,
            path=("id",),
            related=(Related(el.id, ("id",), msg("first defined here"), index=first[el.id]),),
            hint=msg("give each element its own id; relations name their target by id"),
        )
