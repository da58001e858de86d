"""Rule ORG004 (commune-units-inconsistent):
the commune-level units do not match the reorganisation, or belong to no province.
"""

from __future__ import annotations

from typing import Iterator

from ....frameworks import catalog
from ...registry import RuleContext, Violation, rule
from .._common import about_province, ancestors, fold, provincial, value
from ._helpers import TWO_LEVEL
from ....i18n import Named, msg


COMMUNE_LEVELS = ("xa", "phuong", "dac_khu")


def _province_facts(ctx: RuleContext) -> dict | None:
    name = fold(ctx.architecture.manifest.province)
    for p in catalog().get("provinces", []):
        if p["from"] <= ctx.day and any(fold(n) == name or name.endswith(fold(n)) for n in p["names"]):
            return p
    return None


@rule(
    code="ORG004",
    name="commune-units-inconsistent",
    title="The commune-level units do not match the reorganisation, or belong to no province",
    title_vi="Đơn vị hành chính cấp xã không khớp với sắp xếp, hoặc không thuộc tỉnh",
    family="organisation",
    legal_basis=(
        "Nghị quyết 202/2025/QH15",
        "Nghị quyết của Ủy ban Thường vụ Quốc hội ngày 16/6/2025 về sắp xếp đơn vị hành chính cấp xã",
        "Luật Tổ chức chính quyền địa phương 72/2025/QH15",
    ),
    confidence="high",
    in_force_from=TWO_LEVEL,
)
def commune_units_inconsistent(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 1/7/2025, where the model lists commune-level units (organizations with
        ``admin_level: xa``, ``phuong`` or ``dac_khu``): each belongs to the province
        (``member_of`` an organization with ``admin_level: tinh``, or part of it through
        ``composed_of``); and, for provinces whose new units kientruc knows, their numbers
        match (Quảng Trị: 78 — 69 xã, 8 phường, 1 đặc khu, Cồn Cỏ). An element that stands
        for several units counts as its ``unit_count``. A model that lists no commune-level
        unit is not counted.

    Kiểm tra:
        Từ ngày 1/7/2025, nếu mô hình liệt kê đơn vị hành chính cấp xã (cơ quan có
        ``admin_level: xa``, ``phuong`` hoặc ``dac_khu``): mỗi đơn vị thuộc tỉnh
        (``member_of`` một cơ quan có ``admin_level: tinh``, hoặc là thành phần qua
        ``composed_of``); và với các tỉnh mà kientruc biết số đơn vị mới, số lượng khớp
        (Quảng Trị: 78 — 69 xã, 8 phường, 1 đặc khu Cồn Cỏ). Phần tử đại diện cho nhiều đơn
        vị được tính theo ``unit_count``. Mô hình không liệt kê đơn vị cấp xã thì không bị
        đếm.

    Why:
        The resolutions of the National Assembly Standing Committee of 16/6/2025 fixed the
        commune-level units of each new province. A count that does not match means units
        missing from the architecture (their service centres, their document routes) or
        pre-merger units left in force.

    Lý do:
        Các nghị quyết của Ủy ban Thường vụ Quốc hội ngày 16/6/2025 đã xác định đơn vị hành
        chính cấp xã của từng tỉnh mới. Số lượng không khớp nghĩa là thiếu đơn vị trong kiến
        trúc (trung tâm phục vụ hành chính công, luồng văn bản của các đơn vị đó) hoặc còn
        đơn vị cũ trước sắp xếp.

    Fails:
        ```yaml
        # as-of: 2025-09-01
        - id: ubnd-tinh
          kind: organization
          name: Ủy ban nhân dân tỉnh Lạng Sơn
          org_type: government
          admin_level: tinh
        - id: ubnd-phuong-luong-van-tri
          kind: organization
          name: Ủy ban nhân dân phường Lương Văn Tri
          org_type: administrative_unit
          admin_level: phuong
        ```

    Passes:
        ```yaml
        # as-of: 2025-09-01
        - id: ubnd-tinh
          kind: organization
          name: Ủy ban nhân dân tỉnh Lạng Sơn
          org_type: government
          admin_level: tinh
        - id: ubnd-phuong-luong-van-tri
          kind: organization
          name: Ủy ban nhân dân phường Lương Văn Tri
          org_type: administrative_unit
          admin_level: phuong
          member_of: [ubnd-tinh]
        ```
    """
    graph = ctx.graph
    communes = [o for o in graph.of_kind("organization") if provincial(o) and value(o, "admin_level") in COMMUNE_LEVELS]
    if not communes:
        return
    for c in communes:
        ups = list(ancestors(graph, c.id))[1:]
        if not any(value(u, "admin_level") == "tinh" for u in ups):
            yield Violation(
                msg("commune-level unit '{id}' belongs to no province-level organization in the model", id=c.id),
                element=c.id,
                hint=msg("add member_of: [<id of the provincial people's committee>]"),
                key="parent",
            )
    facts = _province_facts(ctx)
    if facts is None:
        return
    counts = {
        level: sum(getattr(c, "unit_count", None) or 1 for c in communes if value(c, "admin_level") == level)
        for level in COMMUNE_LEVELS
    }
    expected = {level: facts["communes"].get(level, 0) for level in COMMUNE_LEVELS}
    if counts != expected:
        def show(d):
            return msg("{n} ({xa} communes, {phuong} wards, {dac_khu} special zones)", n=sum(d.values()), xa=d["xa"], phuong=d["phuong"], dac_khu=d["dac_khu"])

        yield about_province(
            ctx,
            msg("the model has {found} commune-level units in force; {province} has {expected}", found=show(counts), province=Named.of(facts["id"], vi=facts["title"], en=facts.get("title_en")), expected=show(expected)),
            key="count",
            hint=msg("source: {source}", source=Named.of("source", vi=facts["source"], en=facts.get("source_en"))),
        )
