"""Rule ORG001 (district-level-unit-active):
a district-level unit is still in force after the district level was abolished.
"""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import date_vi, provincial, value
from ._helpers import TWO_LEVEL
from ....i18n import msg


@rule(
    code="ORG001",
    name="district-level-unit-active",
    title="A district-level unit is still in force after the district level was abolished",
    title_vi="Đơn vị cấp huyện vẫn còn hiệu lực sau khi chấm dứt cấp huyện",
    family="organisation",
    scope="element", radius=0,
    legal_basis=("Luật Tổ chức chính quyền địa phương 72/2025/QH15", "Nghị quyết 202/2025/QH15"),
    confidence="high",
    in_force_from=TWO_LEVEL,
)
def district_level_unit_active(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 1/7/2025, no provincial organization in force has ``admin_level: huyen``
        (a district, town or provincial city as a unit of government, or its people's
        committee).

    Kiểm tra:
        Từ ngày 1/7/2025, không cơ quan, đơn vị nào của tỉnh còn hiệu lực có
        ``admin_level: huyen`` (huyện, thị xã, thành phố thuộc tỉnh với tư cách cấp chính
        quyền, hoặc Ủy ban nhân dân của các đơn vị đó).

    Why:
        Local government has two levels from 1/7/2025 (Luật 72/2025/QH15): province and
        commune. A district still in force in the model keeps owners, one-stop counters and
        document routes that no longer exist; end it on 30/6/2025 and give its work to the
        communes that succeed it (``successors``).

    Lý do:
        Từ ngày 1/7/2025 chính quyền địa phương có hai cấp (Luật 72/2025/QH15): tỉnh và xã.
        Huyện còn hiệu lực trong mô hình giữ lại chủ quản, bộ phận một cửa và luồng văn bản
        không còn tồn tại; hãy kết thúc đơn vị đó ngày 30/6/2025 và chuyển nhiệm vụ cho các
        xã kế thừa (``successors``).

    Fails:
        ```yaml
        # as-of: 2025-08-01
        - id: ubnd-huyen-gio-linh
          kind: organization
          name: Ủy ban nhân dân huyện Gio Linh
          org_type: administrative_unit
          admin_level: huyen
        ```

    Passes:
        ```yaml
        # as-of: 2025-08-01
        - id: ubnd-huyen-gio-linh
          kind: organization
          name: Ủy ban nhân dân huyện Gio Linh
          org_type: administrative_unit
          admin_level: huyen
          valid_to: 2025-06-30
          successors: [ubnd-xa-gio-linh]
        - id: ubnd-xa-gio-linh
          kind: organization
          name: Ủy ban nhân dân xã Gio Linh
          org_type: administrative_unit
          admin_level: xa
          valid_from: 2025-07-01
        ```
    """
    for org in ctx.graph.of_kind("organization"):
        if provincial(org) and value(org, "admin_level") == "huyen":
            yield Violation(
                msg("'{id}' is a district-level unit, but the district level was abolished on {day}", id=org.id, day=TWO_LEVEL),
                element=org.id,
                path=("admin_level",),
                hint=msg("end it (valid_to: 2025-06-30) and name the communes that succeed it (successors)"),
                key="huyen",
            )
