"""Rule ARCH004 (framework-superseded): the architecture is aligned to a framework that has been superseded."""

from __future__ import annotations

from typing import Iterator

from ....frameworks import profiles, supersession_chain
from ...registry import RuleContext, Violation, rule
from .._common import date_vi, province_anchor
from ....i18n import Named, msg


def _named(p) -> Named:
    """A framework edition by its title in each language."""
    return Named.of(p.id, vi=p.title, en=p.title_en)


@rule(
    code="ARCH004",
    name="framework-superseded",
    title="The architecture is aligned to a framework that has been superseded",
    title_vi="Kiến trúc được xây dựng theo phiên bản khung kiến trúc đã được thay thế",
    family="architecture",
    legal_basis=(
        "Văn bản 1178/BTTTT-THH ngày 21/4/2015 (Khung 1.0)",
        "Quyết định 2323/QĐ-BTTTT ngày 31/12/2019 (Khung 2.0, kế tiếp Khung 1.0)",
        "Quyết định 2568/QĐ-BTTTT ngày 29/12/2023 (Khung 3.0, kế tiếp Khung 2.0)",
        "Quyết định 292/QĐ-BKHCN, Điều 2 (thay thế 2568/QĐ-BTTTT và 1729/QĐ-BTTTT)",
        "Quyết định 3090/QĐ-BKHCN, Điều 1 (thay thế Công văn 1736/BKHCN-CĐSQG)",
    ),
    confidence="high",
)
def framework_superseded(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        The profile the architecture is checked against (the manifest's ``profile``, or
        ``--profile``) is the newest framework in force on the day checked. If later
        frameworks have been issued, a notice names them in order, with their
        instruments: 1178/BTTTT-THH (1.0) → 2323/QĐ-BTTTT (2.0) → 2568/QĐ-BTTTT amended by
        1729/QĐ-BTTTT (3.0) → 292/QĐ-BKHCN (4.0) → 3090/QĐ-BKHCN with the provincial
        outline 2943/CĐSQG-CNCPS. A profile not yet issued on the day checked is reported
        too.

    Kiểm tra:
        Hồ sơ khung dùng để kiểm tra (``profile`` trong tệp khai báo, hoặc ``--profile``) là
        phiên bản khung mới nhất có hiệu lực vào ngày kiểm tra. Nếu đã có phiên bản sau,
        thông báo nêu lần lượt các phiên bản đó cùng văn bản ban hành: 1178/BTTTT-THH (1.0)
        → 2323/QĐ-BTTTT (2.0) → 2568/QĐ-BTTTT sửa đổi bởi 1729/QĐ-BTTTT (3.0) →
        292/QĐ-BKHCN (4.0) → 3090/QĐ-BKHCN cùng đề cương cấp tỉnh 2943/CĐSQG-CNCPS. Hồ sơ
        khung chưa ban hành vào ngày kiểm tra cũng được báo.

    Why:
        Each framework version replaced the one before (QĐ 292/QĐ-BKHCN Điều 2 replaces
        2568 and 1729); provinces updated their architectures after each version. An
        architecture aligned to an old version is not wrong on the day it was approved,
        but an official reading it today needs to know what has replaced its basis. This
        is a notice (info), not a failure: the architecture is still checked against its
        own version and the laws in force.

    Lý do:
        Mỗi phiên bản khung thay thế phiên bản trước (Điều 2 Quyết định 292/QĐ-BKHCN thay
        thế 2568 và 1729); các tỉnh cập nhật kiến trúc sau mỗi phiên bản. Kiến trúc theo
        phiên bản cũ không sai vào ngày được phê duyệt, nhưng người đọc hôm nay cần biết căn
        cứ của nó đã được thay bằng gì. Đây là thông báo (info), không phải lỗi: kiến trúc
        vẫn được kiểm tra theo phiên bản của nó và các quy định có hiệu lực.

    Fails:
        ```yaml
        # architecture.yaml: {profile: vn-egov-1.0}
        - id: ubnd-tinh-quang-tri
          kind: organization
          name: Ủy ban nhân dân tỉnh Quảng Trị
          org_type: government
          admin_level: tinh
        ```

    Passes:
        ```yaml
        # architecture.yaml: {profile: vn-egov-1.0}
        # as-of: 2018-10-09
        - id: ubnd-tinh-quang-tri
          kind: organization
          name: Ủy ban nhân dân tỉnh Quảng Trị
          org_type: government
          admin_level: tinh
        ```
    """
    profile = ctx.profile
    if profile is None:
        return
    day = ctx.day
    anchor = province_anchor(ctx)
    where = {"in_manifest": True, "path": ("profile",), "element": anchor.id if anchor else None}
    if day < profile.in_force_from:
        known = [p for p in profiles().values() if p.in_force(day)]
        yield Violation(
            msg("the framework {profile} was issued on {issued}, after the day checked ({day}); on that day the framework in force was {then}",
                profile=_named(profile), issued=profile.issued, day=day, then=_named(known[-1])) if known else
            msg("the framework {profile} was issued on {issued}, after the day checked ({day})", profile=_named(profile), issued=profile.issued, day=day),
            hint=msg("check against the framework in force on that day (--profile), or check a later day"),
            key="not-yet",
            **where,
        )
        return
    chain = supersession_chain(profile, day)
    if not chain:
        return
    steps = tuple(msg("{profile} ({day})", profile=Named.of(p.short or p.id, vi=p.short, en=p.title_en), day=p.issued) for p in chain)
    newest = chain[-1]
    yield Violation(
        msg("this architecture is aligned to {profile}, which has since been followed by: {steps}; "
            "on {day} the framework in force for a provincial architecture is {newest}", profile=_named(profile), steps=steps, day=day, newest=_named(newest)),
        hint=msg("plan the update of the architecture to {newest} (check it with --profile {id})", newest=_named(newest), id=newest.id),
        key="superseded",
        **where,
    )
