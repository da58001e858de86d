"""Rule INT008 (coordination-platform-deadline-approaching):
shared data must reach the national coordination platform by 31/12/2026.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from ....frameworks import law_day
from ...registry import RuleContext, Violation, rule
from .._common import date_vi
from ._helpers import ND278_DEADLINE, coordination_gaps, coordination_hint
from ....i18n import msg


@rule(
    code="INT008",
    name="coordination-platform-deadline-approaching",
    title="Shared data must reach the national coordination platform by 31/12/2026",
    title_vi="Dữ liệu dùng chung phải chia sẻ qua nền tảng điều phối quốc gia trước 31/12/2026",
    family="integration",
    legal_basis=("Nghị định 278/2025/NĐ-CP (hạn 31/12/2026)",),
    confidence="medium",
    in_force_from=law_day("nd-278-2025"),
    in_force_to=ND278_DEADLINE - dt.timedelta(days=1),
)
def coordination_platform_deadline_approaching(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Between NĐ 278/2025/NĐ-CP (22/10/2025) and its deadline (31/12/2026): the same
        test as INT005, reported as a reminder. Every provincial database holding shared
        (``scope: shared``) or master (``data_layer: chu``) data has, or will need, a
        sharing path to the national data sharing and coordination platform.

    Kiểm tra:
        Từ khi có Nghị định 278/2025/NĐ-CP (22/10/2025) tới hạn chót (31/12/2026): cùng
        phép kiểm tra như INT005, ở mức nhắc nhở. Mỗi cơ sở dữ liệu của tỉnh chứa dữ liệu
        dùng chung (``scope: shared``) hoặc dữ liệu chủ (``data_layer: chu``) có, hoặc sẽ
        cần, đường chia sẻ tới Nền tảng chia sẻ, điều phối dữ liệu quốc gia.

    Why:
        The decree gives a deadline; an architecture written before it should plan the
        connection (a ``planned`` platform on the path is enough). After the deadline
        INT005 warns instead.

    Lý do:
        Nghị định đặt hạn chót; kiến trúc lập trước hạn nên lên kế hoạch kết nối (một nền
        tảng ở trạng thái ``planned`` trên đường kết nối là đủ). Sau hạn chót, INT005 cảnh
        báo thay cho quy tắc này.

    Fails:
        ```yaml
        # as-of: 2026-03-01
        - id: csdl-can-bo
          kind: database
          name: Cơ sở dữ liệu cán bộ, công chức tỉnh Quảng Ngãi
          scope: shared
          data_layer: chu
        ```

    Passes:
        ```yaml
        # as-of: 2026-03-01
        - id: csdl-can-bo
          kind: database
          name: Cơ sở dữ liệu cán bộ, công chức tỉnh Quảng Ngãi
          scope: shared
          data_layer: chu
          integrates_via: [nen-tang-dieu-phoi]
        - id: nen-tang-dieu-phoi
          kind: integration_platform
          name: Nền tảng chia sẻ, điều phối dữ liệu quốc gia
          platform_type: data_coordination
          external: true
        ```
    """
    for db, has_platform in coordination_gaps(ctx):
        yield Violation(
            msg("'{id}' holds shared or master data and must be shared through the national data sharing and "
                "coordination platform by {day} (NĐ 278/2025/NĐ-CP); the model has no path yet", id=db.id, day=ND278_DEADLINE),
            element=db.id,
            hint=msg("{hint} (a planned platform on the path counts)", hint=coordination_hint(has_platform)),
            key="data-coordination",
        )
