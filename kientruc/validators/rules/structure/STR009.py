"""Rule STR009 (reference-out-of-period): a relation names an element that does not exist on the day checked."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ...registry import Related, RuleContext, Violation, rule
from ._helpers import by_id
from ....i18n import Msg, field, kind, msg, relation


def _why_absent(other, day) -> Msg:
    """Why an element is not in force on ``day``, in words: never a missing date."""
    if other.valid_to is not None and other.valid_to < day:
        return msg("it ended on {day}", day=other.valid_to)
    if str(other.status) == "planned" and other.planned_from is not None and day < other.planned_from:
        return msg("it is planned only from {day}", day=other.planned_from)
    if other.kind == "legal_document" and other.date > day:
        return msg("it is issued on {day}", day=other.date)
    if other.valid_from is not None and day < other.valid_from:
        return msg("it begins on {day}", day=other.valid_from)
    return msg("it is not in force that day")


HISTORY_RELATIONS = frozenset({"successors", "supersedes"})


@rule(
    code="STR009",
    name="reference-out-of-period",
    title="A relation names an element that does not exist on the day checked",
    title_vi="Quan hệ trỏ tới phần tử không còn (hoặc chưa) tồn tại vào ngày kiểm tra",
    family="structure",
)
def reference_out_of_period(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        On the day checked (``--as-of``, today by default), every relation of an
        element that exists that day, including its ``owner``, names an element that
        exists that day too — unless the relation itself has ended (its own
        ``valid_to``) or not yet begun (``valid_from``). ``successors`` and
        ``supersedes`` join elements of different times by nature and are not checked,
        nor is a relation to a legal document not yet issued that day (``complies_with``
        a law of 2025 checked in 2021): it holds from the law's issue, there is
        nothing to fix; nor a consolidation decision's relation to a system it migrates
        or retires that has ended since the decision (the decision was carried out: the
        system's ``valid_to`` is its effect, not a broken reference).

    Kiểm tra:
        Vào ngày kiểm tra (``--as-of``, mặc định là hôm nay), mọi quan hệ của một phần tử
        tồn tại ngày đó, kể cả ``owner``, đều trỏ tới phần tử cũng tồn tại ngày đó — trừ khi
        bản thân quan hệ đã kết thúc (``valid_to`` của nó) hoặc chưa bắt đầu
        (``valid_from``). ``successors`` và ``supersedes`` vốn nối các phần tử ở những thời
        điểm khác nhau nên không bị kiểm tra; quan hệ tới văn bản pháp lý chưa ban hành vào
        ngày đó (``complies_with`` một văn bản năm 2025, kiểm tra ngày 2021) cũng không bị
        kiểm tra: quan hệ có hiệu lực từ ngày văn bản ban hành, không có gì phải sửa; quan hệ
        của một quyết định hợp nhất tới hệ thống nó cho chuyển đổi (``migrate``) hoặc dừng
        (``retire``) đã kết thúc sau ngày quyết định cũng không bị kiểm tra (quyết định đã
        được thực hiện: ``valid_to`` của hệ thống là kết quả của nó).

    Why:
        Organisations and systems end: Sở Thông tin và Truyền thông ended on
        28/2/2025 and Sở Khoa học và Công nghệ took over its functions. A system
        still owned by the old department today has no owner in reality. Recording
        when each relation held keeps the history true for every day.

    Lý do:
        Cơ quan và hệ thống đều có lúc kết thúc: Sở Thông tin và Truyền thông kết thúc ngày
        28/2/2025 và Sở Khoa học và Công nghệ tiếp nhận chức năng. Một hệ thống hôm nay vẫn
        thuộc sở cũ thì trên thực tế không có chủ quản. Ghi rõ mỗi quan hệ có hiệu lực khi nào
        giữ cho lịch sử đúng với mọi ngày.

    Fails:
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
        - id: lgsp-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
          owner: so-tttt
        ```

    Passes:
        ```yaml
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông
          valid_to: 2025-02-28
          successors: [so-khcn]
          owns: [{target: lgsp-tinh, valid_to: 2025-02-28}]
        - id: so-khcn
          kind: organization
          name: Sở Khoa học và Công nghệ
          valid_from: 2025-03-01
          owns: [{target: lgsp-tinh, valid_from: 2025-03-01}]
        - id: lgsp-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
        ```
    """
    ids = by_id(ctx)
    day = ctx.day
    successors: dict[str, set[str]] = defaultdict(set)  # old id -> ids that took over from it
    if ctx.graph.dangling:
        for r in ctx.architecture.relations:
            if r.type == "successors":
                successors[r.source].add(r.target)
            elif r.type == "supersedes":
                successors[r.target].add(r.source)
    for rel in ctx.graph.dangling:
        if rel.type in HISTORY_RELATIONS:
            continue  # they join elements of different times by nature
        written_by = ids.get(rel.written_by)
        other_id = rel.source if rel.path == ("owner",) else rel.target
        other = ids.get(other_id)
        if other is None or written_by is None:
            continue  # an unknown id: STR001
        if rel.spec is not None and (
            (rel.spec.valid_to is not None and rel.spec.valid_to < day)
            or (rel.spec.valid_from is not None and rel.spec.valid_from > day)
        ):
            continue  # the relation itself is not in force that day
        if other.kind == "legal_document" and other.date > day and rel.target == other.id:
            continue  # a law not issued yet: the relation to it holds from its issue, nothing to fix
        if (written_by.kind == "consolidation" and rel.target == other.id
                and other.id in (*written_by.migrate, *written_by.retire)
                and other.valid_to is not None and other.valid_to < day
                and other.valid_to >= (written_by.decided_on or written_by.valid_from or other.valid_to)):
            continue  # the decision was carried out: the system it migrated or retired has ended
        when = _why_absent(other, day)
        named = msg("the field {field}", field=field("owner")) if rel.path == ("owner",) else msg("the relation {relation}", relation=relation(rel.type))
        hint = msg("give the relation its own valid_from / valid_to")
        if successors.get(other.id):
            hint = msg("give the relation its own valid_from / valid_to, and relate to the successor ({ids}) from then on", ids=tuple(sorted(successors[other.id])))
        yield Violation(
            msg("{what} names '{id}', which does not exist on {day} ({when})", what=named, id=other.id, day=day, when=when),
            element=written_by.id,
            path=rel.path,
            related=(Related(other.id, (), msg("the element named")),),
            hint=hint,
        )
