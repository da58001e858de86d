"""Rule ORG006 (predecessors-mismatch): the manifest's predecessors are not those the province was formed from."""

from __future__ import annotations

from typing import Iterator

from ...registry import Related, RuleContext, Violation, rule
from ._helpers import province_names, province_title, the_catalogue
from ....i18n import msg


@rule(
    code="ORG006",
    name="predecessors-mismatch",
    title="The manifest's predecessors are not the provinces the province was formed from",
    title_vi="Các tỉnh tiền thân khai trong manifest không đúng với các tỉnh đã hợp thành tỉnh",
    family="organisation",
    legal_basis=(
        "Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh năm 2025, Điều 1",
    ),
    confidence="high",
)
def predecessors_mismatch(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Where the manifest names ``predecessors`` (the provinces before 1/7/2025 the
        architecture's province was formed from), they are exactly the ones Nghị quyết
        202/2025/QH15 merged into it: Gia Lai ← Bình Định, Gia Lai; Quảng Trị ← Quảng Bình,
        Quảng Trị; a province that was not merged (Hà Tĩnh) has itself alone. Each name that
        does not belong is reported where it is written, a missing one on the list, and a
        ``province`` that is none of the 34 (Kon Tum) on the province. Names are compared
        without accents or case; a name that is no province at all is a load error (LOAD014).

    Kiểm tra:
        Nếu manifest khai ``predecessors`` (các tỉnh trước ngày 1/7/2025 hợp thành tỉnh của
        kiến trúc), danh sách đó đúng bằng các tỉnh mà Nghị quyết 202/2025/QH15 đã nhập: Gia
        Lai ← Bình Định, Gia Lai; Quảng Trị ← Quảng Bình, Quảng Trị; tỉnh không sáp nhập (Hà
        Tĩnh) chỉ có chính nó. Tên không thuộc danh sách được báo tại chỗ viết, tên còn thiếu
        báo trên danh sách, và ``province`` không thuộc 34 tỉnh, thành phố (Kon Tum) báo tại
        ``province``. Tên được so không phân biệt dấu, hoa thường; tên không phải tỉnh nào là
        lỗi khi nạp (LOAD014).

    Why:
        The predecessors say whose systems, agencies and data the merged province inherits;
        its architecture (Khung kiến trúc số cấp tỉnh, QĐ 3090/QĐ-BKHCN) must account for all
        of them. A predecessor left out hides half an inheritance; a wrong one mixes in
        another province's.

    Lý do:
        Các tỉnh tiền thân cho biết tỉnh hợp nhất kế thừa hệ thống, cơ quan và dữ liệu của
        ai; kiến trúc của tỉnh (Khung kiến trúc số cấp tỉnh, QĐ 3090/QĐ-BKHCN) phải tính đến
        tất cả. Thiếu một tỉnh tiền thân là bỏ sót một nửa phần kế thừa; khai sai là trộn lẫn
        phần của tỉnh khác.

    Fails:
        ```yaml
        # architecture.yaml: {province: Gia Lai, predecessors: [Gia Lai, Kon Tum]}
        - id: ubnd-tinh-gia-lai
          kind: organization
          name: Ủy ban nhân dân tỉnh Gia Lai
          org_type: government
          admin_level: tinh
        ```

    Passes:
        ```yaml
        # architecture.yaml: {province: Gia Lai, predecessors: [Gia Lai, Bình Định]}
        - id: ubnd-tinh-gia-lai
          kind: organization
          name: Ủy ban nhân dân tỉnh Gia Lai
          org_type: government
          admin_level: tinh
        ```
    """
    manifest = ctx.architecture.manifest
    if not manifest.predecessors:
        return
    cat = the_catalogue()
    unit = next((p for p in cat.named(manifest.province) if p.era == "after_2025"), None)
    if unit is None:
        old = next((p for p in cat.named(manifest.province) if p.successor), None)
        succ = cat.successor(old) if old else None
        yield Violation(
            msg("'{province}' has predecessors in the manifest but is none of the 34 provinces of {law}; it is itself a predecessor of {successor}",
                province=manifest.province, law=cat.rearranged_by, successor=province_title(succ)) if succ else
            msg("'{province}' has predecessors in the manifest but is none of the 34 provinces of {law}",
                province=manifest.province, law=cat.rearranged_by),
            in_manifest=True,
            path=("province",),
            hint=msg("write province: '{name}', or remove predecessors", name=succ.name) if succ
            else msg("write the province's name, or remove predecessors"),
            key="province",
        )
        return
    expected = cat.predecessors(unit)
    want = {p.id for p in expected}
    declared: list[tuple[int, str, set[str]]] = []
    for i, name in enumerate(manifest.predecessors):
        ids = {p.id for p in cat.named(name) if p.era == "before_2025"}
        if not cat.named(name):
            continue  # not a province at all: LOAD014 at load
        declared.append((i, name, ids))
    right = province_names(expected)
    for i, name, ids in declared:
        if not ids & want:
            yield Violation(
                msg("'{name}' is not a predecessor of {province}: {law} formed it from {right}",
                    name=name, province=province_title(unit), law=cat.rearranged_by, right=right),
                in_manifest=True,
                path=("predecessors", i),
                hint=msg("predecessors: [{right}]", right=right),
                key=f"extra:{name}",
            )
    found = set().union(*(ids for _, _, ids in declared)) if declared else set()
    missing = [p for p in expected if p.id not in found]
    if missing:
        yield Violation(
            msg("the predecessors of {province} leave out {missing}: {law} formed it from {right}",
                province=province_title(unit), missing=tuple(province_title(p) for p in missing), law=cat.rearranged_by, right=right),
            in_manifest=True,
            path=("predecessors",),
            hint=msg("predecessors: [{right}]", right=right),
            related=(Related(None, ("province",), msg("the province"), in_manifest=True),),
            key="missing",
        )
