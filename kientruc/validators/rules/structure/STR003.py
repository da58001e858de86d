"""Rule STR003 (relation-not-allowed): a relation joins kinds it may not join."""

from __future__ import annotations

from typing import Iterator

from ....models import relation_table
from ...registry import Related, RuleContext, Violation, rule
from ._helpers import by_id
from ....i18n import field, kind, msg, relation


@rule(
    code="STR003",
    name="relation-not-allowed",
    title="A relation joins kinds it may not join",
    title_vi="Quan hệ không hợp lệ giữa hai loại phần tử",
    family="structure",
    scope="writer",
)
def relation_not_allowed(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Each relation joins kinds that the relation-validity table
        (``kientruc/models/relations.yaml``, printed by ``kientruc relations``)
        allows: for example ``hosted_on`` goes from a system to a node,
        ``complies_with`` from anything to a legal document, principle or requirement.

    Kiểm tra:
        Mỗi quan hệ nối hai loại phần tử mà bảng quan hệ hợp lệ
        (``kientruc/models/relations.yaml``, in bằng ``kientruc relations``) cho phép: ví dụ
        ``hosted_on`` đi từ một hệ thống tới một nút hạ tầng, ``complies_with`` từ bất kỳ phần
        tử nào tới một văn bản pháp lý, nguyên tắc hay yêu cầu.

    Why:
        A relation with the wrong ends means something other than what was meant
        (an application "hosted on" a law), breaks the layered diagrams and misleads
        the framework rules that follow relations.

    Lý do:
        Quan hệ sai đầu mang nghĩa khác với ý định (một ứng dụng "triển khai trên" một nghị
        định), làm hỏng các sơ đồ phân lớp và đánh lừa các quy tắc khung kiến trúc đi theo
        quan hệ.

    Fails:
        ```yaml
        - id: he-thong-mot-cua
          kind: application
          name: Hệ thống một cửa điện tử
          hosted_on: [nghi-dinh-61-2018]
        - id: nghi-dinh-61-2018
          kind: legal_document
          name: Nghị định về thực hiện cơ chế một cửa, một cửa liên thông
          number: 61/2018/NĐ-CP
          doc_type: nghi_dinh
          date: 2018-04-23
          issuer: Chính phủ
        ```

    Passes:
        ```yaml
        - id: he-thong-mot-cua
          kind: application
          name: Hệ thống một cửa điện tử
          complies_with: [nghi-dinh-61-2018]
        - id: nghi-dinh-61-2018
          kind: legal_document
          name: Nghị định về thực hiện cơ chế một cửa, một cửa liên thông
          number: 61/2018/NĐ-CP
          doc_type: nghi_dinh
          date: 2018-04-23
          issuer: Chính phủ
        ```
    """
    table = relation_table()
    ids = by_id(ctx)
    for rel in ctx.architecture.relations:
        source, target = ids.get(rel.source), ids.get(rel.target)
        if source is None or target is None or source is target:
            continue  # STR001 and STR007 speak of these
        rtype = table[rel.type]
        if rtype.allows(source.kind, target.kind):
            continue
        alternatives = [t for t, spec in table.items() if spec.allows(source.kind, target.kind)]
        alternatives = [a for a in alternatives if a != "associated_with"][:4] or alternatives
        allowed = tuple(kind(k) for k in rtype.allowed_targets(source.kind))
        hint = msg("the relation {relation} from {source_kind} may point to: {kinds}", relation=relation(rel.type), source_kind=kind(source.kind), kinds=allowed) if allowed \
            else msg("the relation {relation} is not written on {source_kind}", relation=relation(rel.type), source_kind=kind(source.kind))
        if alternatives:
            hint = msg("{hint}; from {source_kind} to {target_kind} use the relation {relations}", hint=hint, source_kind=kind(source.kind), target_kind=kind(target.kind), relations=tuple(relation(a) for a in alternatives))
        yield Violation(
            msg("the relation {relation} may not join {source_kind} '{source}' to {target_kind} '{target}'", relation=relation(rel.type), source_kind=kind(source.kind), source=source.id, target_kind=kind(target.kind), target=target.id),
            element=rel.written_by,
            path=rel.path,
            related=(Related(target.id, (), msg("the {kind} named", kind=kind(target.kind))),),
            hint=hint,
        )
