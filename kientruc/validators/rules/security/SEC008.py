"""Rule SEC008 (system-owner-missing): an information system has no owner, or more than one."""

from __future__ import annotations

from typing import Iterator

from ...registry import Related, RuleContext, Violation, rule
from .._common import owners, wholes
from ._helpers import ND85, security_systems
from ....i18n import Term, msg


@rule(
    code="SEC008",
    name="system-owner-missing",
    title="An information system has no owner, or more than one",
    title_vi="Hệ thống thông tin chưa có, hoặc có nhiều hơn một, chủ quản",
    family="security",
    scope="element", radius=1,
    legal_basis=("Nghị định 85/2016/NĐ-CP, Điều 4–5 (mỗi hệ thống có một chủ quản)", "Thông tư 12/2022/TT-BTTTT"),
    confidence="high",
    in_force_from=ND85,
)
def system_owner_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Every provincial information system has exactly one owner (chủ quản) on the day
        checked: an ``owner`` field or one ``owns`` relation from an organization.
        A part of a composite system (``composed_of``) without an owner of its own has
        its composite's owner.

    Kiểm tra:
        Mỗi hệ thống thông tin của tỉnh có đúng một chủ quản vào ngày kiểm tra: trường
        ``owner`` hoặc một quan hệ ``owns`` từ một cơ quan.
        Thành phần của hệ thống tổng hợp (``composed_of``) không có chủ quản riêng thì
        có chủ quản của hệ thống tổng hợp.

    Why:
        NĐ 85/2016/NĐ-CP gives every information system one owner, who is responsible
        for its security level and protection (TT 12/2022/TT-BTTTT: the ministry, the
        provincial people's committee or whoever decides the investment). A system with
        no owner, or two, has no one accountable.

    Lý do:
        Nghị định 85/2016/NĐ-CP quy định mỗi hệ thống thông tin có một chủ quản, chịu trách
        nhiệm về cấp độ và bảo đảm an toàn (Thông tư 12/2022/TT-BTTTT: bộ, Ủy ban nhân dân
        tỉnh hoặc người có thẩm quyền quyết định đầu tư). Hệ thống không có, hoặc có hai chủ
        quản thì không ai chịu trách nhiệm.

    Fails:
        ```yaml
        - id: he-thong-thu-dien-tu
          kind: application
          name: Hệ thống thư điện tử công vụ tỉnh Lạng Sơn
          system_type: email
        ```

    Passes:
        ```yaml
        - id: so-khcn-lang-son
          kind: organization
          name: Sở Khoa học và Công nghệ tỉnh Lạng Sơn
          org_type: department
        - id: he-thong-thu-dien-tu
          kind: application
          name: Hệ thống thư điện tử công vụ tỉnh Lạng Sơn
          system_type: email
          owner: so-khcn-lang-son
        ```
    """
    for el in security_systems(ctx):
        found = owners(ctx.graph, el.id)
        if not found and any(owners(ctx.graph, w.id) for w in wholes(ctx.graph, el.id)):
            continue  # a part of a composite system has the composite's owner
        if not found:
            yield Violation(
                msg("{kind} '{id}' has no owner on this day", kind=Term("model.kinds", el.kind), id=el.id),
                element=el.id,
                hint=msg("set owner: <organization id>"),
                key="owner",
            )
        elif len(found) > 1:
            yield Violation(
                msg("{kind} '{id}' has {n} owners ({owners}); a system has one owner", kind=Term("model.kinds", el.kind), id=el.id, n=len(found), owners=tuple(found)),
                element=el.id,
                related=tuple(Related(o, (), msg("an owner")) for o in found),
                hint=msg("keep one owner; others can operate it (serves, uses) or be the owner in another period"),
                key="owner",
            )
