"""Rule STR008 (invalid-period): a period ends before it starts."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from ....i18n import field, kind, msg, relation


@rule(
    code="STR008",
    name="invalid-period",
    title="A period ends before it starts",
    title_vi="Khoảng thời gian kết thúc trước khi bắt đầu",
    family="structure",
    scope="writer",
)
def invalid_period(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        ``valid_to`` is not before ``valid_from`` on elements and relations, and a
        project's, work package's or plateau's ``end`` is not before its ``start``.

    Kiểm tra:
        ``valid_to`` không sớm hơn ``valid_from`` trên phần tử và quan hệ, và ``end`` của dự
        án, hạng mục công việc hay giai đoạn không sớm hơn ``start``.

    Why:
        kientruc answers for any day (``--as-of``) from these dates; a period that
        ends before it starts makes an element exist on no day at all.

    Lý do:
        kientruc trả lời cho bất kỳ ngày nào (``--as-of``) dựa trên các ngày này; khoảng thời
        gian kết thúc trước khi bắt đầu làm phần tử không tồn tại vào ngày nào cả.

    Fails:
        ```yaml
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông
          valid_from: 2025-03-01
          valid_to: 2008-04-01
        ```

    Passes:
        ```yaml
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông
          valid_from: 2008-04-01
          valid_to: 2025-02-28
        ```
    """
    for el in ctx.architecture.elements:
        if el.valid_from and el.valid_to and el.valid_to < el.valid_from:
            yield Violation(
                msg("'{id}' ends ({end}) before it starts ({start})", id=el.id, end=el.valid_to, start=el.valid_from),
                element=el.id,
                path=("valid_to",),
                hint=msg("swap the dates, or correct one of them"),
            )
        fields = el.__dict__
        start, end = fields.get("start"), fields.get("end")
        if start and end and end < start:
            yield Violation(
                msg("'{id}' ends ({end}) before it starts ({start})", id=el.id, end=end, start=start),
                element=el.id,
                path=("end",),
                hint=msg("swap 'start' and 'end', or correct one of them"),
            )
    for rel in ctx.architecture.relations:
        spec = rel.spec
        if spec and spec.valid_from and spec.valid_to and spec.valid_to < spec.valid_from:
            yield Violation(
                msg("the relation {relation} to '{target}' ends ({end}) before it starts ({start})", relation=relation(rel.type), target=rel.target, end=spec.valid_to, start=spec.valid_from),
                element=rel.written_by,
                path=rel.path + ("valid_to",),
                hint=msg("swap the dates, or correct one of them"),
            )
