"""Rule ORG004 (commune-units-inconsistent):
the commune-level units do not match the reorganisation, or belong to no province.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ...registry import Related, RuleContext, Violation, rule
from .._common import ancestors, provincial, value
from ._helpers import TWO_LEVEL, named_province, province_on, province_orgs, province_title
from ....i18n import Named, Term, date, msg


COMMUNE_LEVELS = ("xa", "phuong", "dac_khu")


@rule(
    code="ORG004",
    name="commune-units-inconsistent",
    title="The commune-level units do not match the reorganisation, or belong to no province",
    title_vi="Đơn vị hành chính cấp xã không khớp với sắp xếp, hoặc không thuộc tỉnh",
    family="organisation",
    legal_basis=(
        "Nghị quyết 202/2025/QH15",
        "Các Nghị quyết 1654/NQ-UBTVQH15 đến 1687/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội "
        "về sắp xếp các đơn vị hành chính cấp xã của từng tỉnh, thành phố năm 2025",
        "Luật Tổ chức chính quyền địa phương 72/2025/QH15",
    ),
    confidence="high",
    in_force_from=TWO_LEVEL,
    scope="kinds",
    kinds=("organization",),
    types=("member_of", "composed_of"),
)
def commune_units_inconsistent(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 1/7/2025, where the model lists commune-level units (organizations with
        ``admin_level: xa``, ``phuong`` or ``dac_khu``): each belongs to a province
        (``member_of`` an organization with ``admin_level: tinh``, or part of it through
        ``composed_of``); and each province's units number what the Standing Committee's
        resolution for that province fixed, per kind (kientruc's catalogue of the 34
        provinces, e.g. Lạng Sơn 65 — 61 xã, 4 phường, NQ 1672/NQ-UBTVQH15; Quảng Trị 78 —
        69 xã, 8 phường, 1 đặc khu). A model of several provinces is counted per province:
        the province of a unit is the one its ``admin_level: tinh`` organization names (else
        the manifest's). An element that stands for several units counts as its
        ``unit_count``. A model that lists no commune-level unit is not counted.

    Kiểm tra:
        Từ ngày 1/7/2025, nếu mô hình liệt kê đơn vị hành chính cấp xã (cơ quan có
        ``admin_level: xa``, ``phuong`` hoặc ``dac_khu``): mỗi đơn vị thuộc một tỉnh
        (``member_of`` một cơ quan có ``admin_level: tinh``, hoặc là thành phần qua
        ``composed_of``); và số đơn vị của mỗi tỉnh khớp, theo từng loại, với nghị quyết của
        Ủy ban Thường vụ Quốc hội cho tỉnh đó (danh mục 34 tỉnh của kientruc, ví dụ Lạng Sơn
        65 — 61 xã, 4 phường, NQ 1672/NQ-UBTVQH15; Quảng Trị 78 — 69 xã, 8 phường, 1 đặc
        khu). Mô hình có nhiều tỉnh được đếm theo từng tỉnh: tỉnh của một đơn vị là tỉnh mà
        cơ quan ``admin_level: tinh`` của nó mang tên (nếu không, tỉnh của manifest). Phần tử
        đại diện cho nhiều đơn vị được tính theo ``unit_count``. Mô hình không liệt kê đơn vị
        cấp xã thì không bị đếm.

    Why:
        The resolutions of the National Assembly Standing Committee of 16/6/2025 (one per
        province, 1654–1687/NQ-UBTVQH15) fixed the commune-level units of each new province.
        A count that does not match means units missing from the architecture (their service
        centres, their document routes) or pre-merger units left in force.

    Lý do:
        Các nghị quyết của Ủy ban Thường vụ Quốc hội ngày 16/6/2025 (mỗi tỉnh một nghị
        quyết, từ 1654 đến 1687/NQ-UBTVQH15) đã xác định đơn vị hành chính cấp xã của từng
        tỉnh mới. Số lượng không khớp nghĩa là thiếu đơn vị trong kiến trúc (trung tâm phục
        vụ hành chính công, luồng văn bản của các đơn vị đó) hoặc còn đơn vị cũ trước sắp xếp.

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
        - id: cac-phuong-lang-son
          kind: organization
          name: Ủy ban nhân dân các phường tỉnh Lạng Sơn (trong đó Lương Văn Tri)
          org_type: administrative_unit
          admin_level: phuong
          unit_count: 4
          member_of: [ubnd-tinh]
        - id: cac-xa-lang-son
          kind: organization
          name: Ủy ban nhân dân các xã tỉnh Lạng Sơn
          org_type: administrative_unit
          admin_level: xa
          unit_count: 61
          member_of: [ubnd-tinh]
        ```
    """
    graph = ctx.graph
    communes = [o for o in graph.of_kind("organization") if provincial(o) and value(o, "admin_level") in COMMUNE_LEVELS]
    if not communes:
        return
    manifest_province = ctx.architecture.manifest.province
    province_of_org = {o.id: named_province(o.name, manifest_province) for o in province_orgs(ctx)}
    counted: dict[str, list] = defaultdict(list)  # province name → its communes
    anchors: dict[str, str] = {}  # province name → the organization that stands for it
    for org_id, name in province_of_org.items():
        if name:
            anchors.setdefault(name, org_id)
    for c in communes:
        up = next((u for u in list(ancestors(graph, c.id))[1:] if value(u, "admin_level") == "tinh"), None)
        if up is None:
            yield Violation(
                msg("commune-level unit '{id}' belongs to no province-level organization in the model", id=c.id),
                element=c.id,
                hint=msg("add member_of: [<id of the provincial people's committee>]"),
                key="parent",
            )
        name = province_of_org.get(up.id) if up is not None else manifest_province
        if name:
            counted[name].append(c)
    for name, units in counted.items():
        facts = province_on(name, ctx.day)
        if facts is None or facts.communes is None or not facts.communes.known:
            continue  # a province the catalogue does not know on the day (ORG005 says if it is gone)
        expected = facts.communes.by_level()
        counts = {
            level: sum(getattr(c, "unit_count", None) or 1 for c in units if value(c, "admin_level") == level)
            for level in COMMUNE_LEVELS
        }
        if counts == expected:
            continue

        def show(d):
            return msg("{n} ({xa} communes, {phuong} wards, {dac_khu} special zones)", n=sum(d.values()), xa=d["xa"], phuong=d["phuong"], dac_khu=d["dac_khu"])

        c = facts.communes
        # the resolution as the reader cites it: "Nghị quyết 1680/NQ-UBTVQH15 ngày 16/6/2025", "Resolution … of 2025-06-16"
        instrument = Named.of(c.instrument or "", vi=c.instrument, en=c.resolution and (
            f"Resolution {c.resolution}" + (f" of {date(c.resolution_date, 'en')}" if c.resolution_date else "")))
        message = msg("the model has {found} commune-level units in force in {province}; {province} has {expected} ({instrument})",
                      found=show(counts), province=province_title(facts), expected=show(expected), instrument=instrument)
        hint = msg("list every unit (or one element per kind with unit_count); source: {instrument}, confidence {confidence}",
                   instrument=instrument, confidence=Term("confidence", str(facts.communes.confidence)))
        key = "count" if len(counted) == 1 else f"count:{facts.id}"
        anchor = anchors.get(name)
        if anchor is not None:
            yield Violation(message, element=anchor, hint=hint, key=key,
                            related=tuple(Related(c.id, (), msg("a counted unit")) for c in units[:3]))
        else:
            yield Violation(message, in_manifest=True, path=("province",), hint=hint, key=key)
