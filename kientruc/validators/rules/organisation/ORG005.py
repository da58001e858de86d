"""Rule ORG005 (province-dissolved): the model's province no longer exists on the day checked."""

from __future__ import annotations

from typing import Iterator

from ...registry import Related, RuleContext, Violation, rule
from .._common import value
from ._helpers import TWO_LEVEL, province_names, province_orgs, province_title, the_catalogue
from ....i18n import msg


@rule(
    code="ORG005",
    name="province-dissolved",
    title="The model's province no longer exists on the day checked",
    title_vi="Tỉnh của mô hình không còn tồn tại vào ngày kiểm tra",
    family="organisation",
    legal_basis=(
        "Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh năm 2025",
        "Luật Tổ chức chính quyền địa phương 72/2025/QH15",
    ),
    confidence="high",
    in_force_from=TWO_LEVEL,
    scope="kinds",
    kinds=("organization",),
)
def province_dissolved(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        On the day checked, the province the model belongs to still exists: the manifest's
        ``province``, and every provincial organization in force with ``admin_level: tinh``
        whose name names a province (``Ủy ban nhân dân tỉnh Kon Tum``). A province merged
        into another by Nghị quyết 202/2025/QH15 ceased to exist on 1/7/2025 (Kon Tum,
        Bình Định, Quảng Bình…); the finding names the province that succeeded it and the
        resolution. Provinces that kept their name (Gia Lai, Quảng Trị, Hà Tĩnh) pass; so
        does a dissolved province's organization that ends in time (``valid_to:
        2025-06-30``).

    Kiểm tra:
        Vào ngày kiểm tra, tỉnh của mô hình vẫn còn tồn tại: ``province`` của manifest, và
        mọi cơ quan cấp tỉnh (``admin_level: tinh``) đang hiệu lực mà tên có nêu một tỉnh
        (``Ủy ban nhân dân tỉnh Kon Tum``). Tỉnh đã được nhập vào tỉnh khác theo Nghị quyết
        202/2025/QH15 chấm dứt tồn tại từ ngày 1/7/2025 (Kon Tum, Bình Định, Quảng Bình…);
        phát hiện nêu tỉnh kế thừa và nghị quyết. Tỉnh giữ tên (Gia Lai, Quảng Trị, Hà Tĩnh)
        thì đạt; cơ quan của tỉnh đã giải thể mà kết thúc đúng hạn (``valid_to:
        2025-06-30``) cũng đạt.

    Why:
        From 1/7/2025 only the 34 provincial units of Nghị quyết 202/2025/QH15 have a
        government. An architecture of a province that no longer exists describes systems,
        agencies and connections nobody governs any more: it must become part of its
        successor's architecture (or end its organisations on 30/6/2025).

    Lý do:
        Từ ngày 1/7/2025 chỉ còn 34 đơn vị hành chính cấp tỉnh theo Nghị quyết
        202/2025/QH15 có chính quyền. Kiến trúc của một tỉnh không còn tồn tại mô tả các hệ
        thống, cơ quan và kết nối không còn ai quản lý: phải được đưa vào kiến trúc của tỉnh
        kế thừa (hoặc kết thúc các cơ quan của nó vào ngày 30/6/2025).

    Fails:
        ```yaml
        # architecture.yaml: {province: Kon Tum}
        # as-of: 2026-01-15
        - id: ubnd-tinh-kon-tum
          kind: organization
          name: Ủy ban nhân dân tỉnh Kon Tum
          org_type: government
          admin_level: tinh
        ```

    Passes:
        ```yaml
        # architecture.yaml: {province: Quảng Ngãi, predecessors: [Kon Tum, Quảng Ngãi]}
        # as-of: 2026-01-15
        - id: ubnd-tinh-kon-tum
          kind: organization
          name: Ủy ban nhân dân tỉnh Kon Tum
          org_type: government
          admin_level: tinh
          valid_to: 2025-06-30
          successors: [ubnd-tinh-quang-ngai]
        - id: ubnd-tinh-quang-ngai
          kind: organization
          name: Ủy ban nhân dân tỉnh Quảng Ngãi
          org_type: government
          admin_level: tinh
          valid_from: 2025-07-01
        ```
    """
    cat = the_catalogue()
    day = ctx.day
    gone: dict[str, tuple] = {}  # id of the dissolved province → (province, [organizations], in the manifest)
    manifest_province = ctx.architecture.manifest.province
    dissolved = cat.dissolved(manifest_province, day)
    if dissolved is not None:
        gone[dissolved.id] = (dissolved, [], True)
    for org in province_orgs(ctx):
        name = cat.mentioned_in(org.name)
        p = cat.dissolved(name, day) if name else None
        if p is None:
            continue
        entry = gone.setdefault(p.id, (p, [], False))
        entry[1].append(org)
    for p, orgs, in_manifest in gone.values():
        successor = cat.successor(p)
        formed = province_names(cat.predecessors(successor))
        where = msg("the province of the model") if in_manifest else msg("named by '{id}'", id=orgs[0].id)
        message = msg("{province} ({where}) no longer exists on {day}: from {since} it is part of {successor}, formed from {formed} by {law}",
                      province=province_title(p), where=where, day=day, since=successor.valid_from, successor=province_title(successor),
                      formed=formed, law=cat.rearranged_by)
        hint = msg("write the architecture of {successor} (province: '{name}', predecessors: [{predecessors}]), "
                   "or end the organisations of '{old}' on {day} (valid_to) with successors",
                   successor=province_title(successor), name=successor.name, predecessors=formed, old=p.name, day=p.valid_to)
        first = next((o for o in orgs if value(o, "org_type") == "government"), orgs[0] if orgs else None)
        related = tuple(Related(o.id, (), msg("another organisation of the province")) for o in orgs if o is not first)
        if first is not None:
            yield Violation(message, element=first.id, hint=hint, related=related, key=p.id)
        else:
            yield Violation(message, in_manifest=True, path=("province",), hint=hint, key=p.id)
