"""Rule STR001 (unknown-reference): a relation names an element that does not exist."""

from __future__ import annotations

import difflib
from typing import Iterator

from ...registry import RuleContext, Violation, rule
from ._helpers import by_id
from ....i18n import field, kind, msg, relation


def _did_you_mean(name: str, ids: dict[str, object]) -> str | None:
    # Compare only with ids of similar length that share the first letter: cheap at 100,000 elements.
    pool = [i for i in ids if i[:1] == name[:1] and abs(len(i) - len(name)) <= 4] or list(ids)[:5000]
    close = difflib.get_close_matches(name, pool, n=1, cutoff=0.6)
    return close[0] if close else None


@rule(
    code="STR001",
    name="unknown-reference",
    title="A relation names an element that does not exist",
    title_vi="Quan hệ trỏ tới phần tử không tồn tại",
    family="structure",
)
def unknown_reference(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Every id named by a relation (``uses``, ``hosted_on``, …), by an ``owner``, by
        a relation's ``via``, by the manifest's ``architecture.approved_by`` or by a
        waiver is the id of an element of the model.

    Kiểm tra:
        Mỗi mã định danh được nêu trong một quan hệ (``uses``, ``hosted_on``, …), trong
        ``owner``, trong ``via`` của quan hệ, trong ``architecture.approved_by`` của tệp khai
        báo hay trong một miễn trừ đều là mã của một phần tử có trong mô hình.

    Why:
        A relation to nothing is a broken line in every diagram and a gap every other
        rule falls through. It is usually a typo, or an element not written yet.

    Lý do:
        Quan hệ trỏ tới phần tử không tồn tại là một nét đứt trên mọi sơ đồ và là chỗ hổng
        mà mọi quy tắc khác bỏ sót. Thường là do gõ sai, hoặc phần tử chưa được viết.

    Fails:
        ```yaml
        - id: cong-dich-vu-cong
          kind: application
          name: Cổng Dịch vụ công tỉnh
          integrates_via: [lgsp-tinh]
        ```

    Passes:
        ```yaml
        - id: cong-dich-vu-cong
          kind: application
          name: Cổng Dịch vụ công tỉnh
          integrates_via: [lgsp-tinh]
        - id: lgsp-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
          platform_type: lgsp
        ```
    """
    ids = by_id(ctx)

    def violation(target: str, what: str, **where) -> Violation:
        close = _did_you_mean(target, ids)
        hint = msg("did you mean '{id}'?", id=close) if close else msg("define an element with this id, or correct the id")
        return Violation(msg("{what} names '{target}', which is not an element of the model", what=what, target=target), hint=hint, **where)

    for rel in ctx.architecture.relations:
        other = rel.source if rel.path == ("owner",) else rel.target
        if other not in ids:
            what = msg("the field {field}", field=field("owner")) if rel.path == ("owner",) else msg("the relation {relation}", relation=relation(rel.type))
            yield violation(other, what, element=rel.written_by, path=rel.path)
        if rel.spec is not None and rel.spec.via is not None and rel.spec.via not in ids:
            yield violation(rel.spec.via, msg("the platform (via) of {relation}", relation=relation(rel.type)), element=rel.written_by, path=rel.path + ("via",))
    manifest = ctx.architecture.manifest
    approved = manifest.architecture.approved_by
    if approved is not None and approved not in ids:
        yield violation(approved, msg("the manifest's approving decision (approved_by)"), in_manifest=True, path=("architecture", "approved_by"))
    for w, waiver in enumerate(manifest.waivers):
        for e, element_id in enumerate(waiver.elements):
            if element_id not in ids:
                yield violation(element_id, msg("a waiver"), in_manifest=True, path=("waivers", w, "elements", e))
