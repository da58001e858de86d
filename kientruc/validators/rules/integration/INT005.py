"""Rule INT005 (shared-data-not-on-coordination-platform):
shared or master data is not shared through the national data coordination platform.
"""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import date_vi
from ._helpers import ND278_DEADLINE, coordination_gaps, coordination_hint
from ....i18n import msg


@rule(
    code="INT005",
    name="shared-data-not-on-coordination-platform",
    title="Shared or master data is not shared through the national data coordination platform",
    title_vi="Dữ liệu dùng chung, dữ liệu chủ chưa chia sẻ qua Nền tảng chia sẻ, điều phối dữ liệu quốc gia",
    family="integration",
    legal_basis=("Nghị định 278/2025/NĐ-CP (hạn 31/12/2026)", "Nghị định 194/2025/NĐ-CP, Điều 20"),
    confidence="medium",
    in_force_from=ND278_DEADLINE,
)
def shared_data_not_on_coordination_platform(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 31/12/2026, every provincial database that holds shared data
        (``scope: shared``) or master data (``data_layer: chu``) has a sharing path to
        the national data sharing and coordination platform (``integration_platform``
        with ``platform_type: data_coordination``): through the systems that serve it
        and the integration platforms (LGSP, NDXP) they connect to. Before that day
        rule INT008 gives the same finding as a reminder.

    Kiểm tra:
        Từ ngày 31/12/2026, mỗi cơ sở dữ liệu của tỉnh chứa dữ liệu dùng chung (``scope:
        shared``) hoặc dữ liệu chủ (``data_layer: chu``) có đường chia sẻ tới Nền tảng
        chia sẻ, điều phối dữ liệu quốc gia (``integration_platform`` có ``platform_type:
        data_coordination``): qua các hệ thống phục vụ nó và các nền tảng tích hợp (LGSP,
        NDXP) mà các hệ thống đó kết nối. Trước ngày đó, quy tắc INT008 nhắc nội dung này.

    Why:
        NĐ 278/2025/NĐ-CP makes data sharing among all bodies of the political system,
        the people's committees of every level included, go through the national data
        sharing and coordination platform, with a deadline of 31/12/2026.

    Lý do:
        Nghị định 278/2025/NĐ-CP bắt buộc chia sẻ dữ liệu giữa các cơ quan trong hệ thống
        chính trị, kể cả Ủy ban nhân dân các cấp, qua Nền tảng chia sẻ, điều phối dữ liệu
        quốc gia, hạn chót ngày 31/12/2026.

    Fails:
        ```yaml
        # as-of: 2027-01-15
        - id: csdl-doanh-nghiep-tinh
          kind: database
          name: Cơ sở dữ liệu doanh nghiệp tỉnh Hà Tĩnh
          scope: shared
        - id: nen-tang-dieu-phoi
          kind: integration_platform
          name: Nền tảng chia sẻ, điều phối dữ liệu quốc gia
          platform_type: data_coordination
          external: true
        ```

    Passes:
        ```yaml
        # as-of: 2027-01-15
        - id: csdl-doanh-nghiep-tinh
          kind: database
          name: Cơ sở dữ liệu doanh nghiệp tỉnh Hà Tĩnh
          scope: shared
          integrates_via: [lgsp-ha-tinh]
        - id: lgsp-ha-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Hà Tĩnh
          platform_type: lgsp
          connects_to: [nen-tang-dieu-phoi]
        - id: nen-tang-dieu-phoi
          kind: integration_platform
          name: Nền tảng chia sẻ, điều phối dữ liệu quốc gia
          platform_type: data_coordination
          external: true
        ```
    """
    for db, has_platform in coordination_gaps(ctx):
        yield Violation(
            msg("'{id}' holds shared or master data but has no path to the national data sharing and "
                "coordination platform, mandatory since {day} (NĐ 278/2025/NĐ-CP)", id=db.id, day=ND278_DEADLINE),
            element=db.id,
            hint=coordination_hint(has_platform),
            key="data-coordination",
        )
