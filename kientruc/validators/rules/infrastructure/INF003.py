"""Rule INF003 (not-connected-to-monitoring-centre):
the portal or the TTHC system is not connected to the national monitoring centre (EMC).
"""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import check_connections


@rule(
    code="INF003",
    name="not-connected-to-monitoring-centre",
    title="The portal or the TTHC system is not connected to the national monitoring centre (EMC)",
    title_vi="Cổng thông tin, hệ thống giải quyết TTHC chưa kết nối Trung tâm giám sát quốc gia về Chính phủ số",
    family="infrastructure",
    scope="province",
    legal_basis=("Thực tiễn của Bộ TT&TT (nay Bộ KH&CN); chưa tìm thấy văn bản quy định",),
    confidence="low",
)
def not_connected_to_monitoring_centre(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        The provincial web portal (``system_type: web_portal``) and TTHC system
        (``tthc``) are related to the national digital-government monitoring centre (EMC:
        ``system_type: monitoring_centre``, or an external security service with
        ``protection_layer: national_connection``). The profile's national connection
        ``emc`` defines what is checked.
        In a model of several provinces (several UBND tỉnh), each province is judged
        on its own elements (those of its UBND tỉnh, its agencies and what they own)
        and the finding is on its UBND tỉnh.

    Kiểm tra:
        Cổng thông tin điện tử (``system_type: web_portal``) và hệ thống giải quyết TTHC
        (``tthc``) của tỉnh có quan hệ với Trung tâm giám sát quốc gia về Chính phủ số (EMC:
        ``system_type: monitoring_centre``, hoặc dịch vụ an toàn thông tin bên ngoài có
        ``protection_layer: national_connection``). Kết nối quốc gia ``emc`` của hồ sơ khung
        kiến trúc quy định nội dung kiểm tra.
        Trong mô hình nhiều tỉnh (nhiều UBND tỉnh), mỗi tỉnh được đánh giá trên các phần
        tử của riêng tỉnh đó (UBND tỉnh, các cơ quan của tỉnh và những gì họ sở hữu), và phát
        hiện được gắn với UBND tỉnh đó.

    Why:
        Provincial portals report to the EMC, which monitors availability and security of
        digital-government services (Quảng Trị's portal is connected). The formal legal
        basis was not retrieved: this is advice with low confidence.

    Lý do:
        Cổng thông tin điện tử các tỉnh kết nối với EMC để giám sát tính sẵn sàng và an toàn
        của dịch vụ Chính phủ số (cổng của Quảng Trị đã kết nối). Chưa tìm thấy văn bản quy
        định: đây là khuyến nghị, độ tin cậy thấp.

    Fails:
        ```yaml
        - id: cong-ttdt-tinh
          kind: application
          name: Cổng thông tin điện tử tỉnh Sơn La
          system_type: web_portal
        ```

    Passes:
        ```yaml
        - id: cong-ttdt-tinh
          kind: application
          name: Cổng thông tin điện tử tỉnh Sơn La
          system_type: web_portal
          connects_to: [emc]
        - id: emc
          kind: application
          name: Trung tâm giám sát quốc gia về Chính phủ số (EMC)
          system_type: monitoring_centre
          external: true
        ```
    """
    yield from check_connections(ctx, "INF003")
