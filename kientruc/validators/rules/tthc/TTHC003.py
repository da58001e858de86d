"""Rule TTHC003 (tthc-not-connected-to-payment-or-population):
the TTHC system is not connected to the payment platform or the population database.
"""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import check_connections


@rule(
    code="TTHC003",
    name="tthc-not-connected-to-payment-or-population",
    title="The TTHC system is not connected to the payment platform or the population database",
    title_vi="Hệ thống giải quyết TTHC chưa kết nối nền tảng thanh toán hoặc CSDL quốc gia về dân cư",
    family="tthc",
    scope="province",
    legal_basis=("Nghị định 45/2020/NĐ-CP", "Quyết định 06/QĐ-TTg ngày 06/01/2022 (Đề án 06)"),
    confidence="medium",
)
def tthc_not_connected_to_payment_or_population(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Each provincial TTHC system (``system_type: tthc`` or ``dvc_portal``) is related,
        directly or through integration platforms (LGSP, NDXP), to the national online
        payment platform (``system_type: payment_platform``; from 8/4/2020, NĐ 45/2020)
        and to the national population database (``database`` with ``national_database:
        dan_cu``; from 6/1/2022, Đề án 06). The profile's connections ``tthc-payment`` and
        ``tthc-population`` define what is checked.
        In a model of several provinces (several UBND tỉnh), each province is judged
        on its own elements (those of its UBND tỉnh, its agencies and what they own)
        and the finding is on its UBND tỉnh.

    Kiểm tra:
        Mỗi hệ thống giải quyết TTHC của tỉnh (``system_type: tthc`` hoặc ``dvc_portal``)
        có quan hệ, trực tiếp hoặc qua nền tảng tích hợp (LGSP, NDXP), với nền tảng thanh
        toán trực tuyến quốc gia (``system_type: payment_platform``; từ 8/4/2020, Nghị định
        45/2020) và với Cơ sở dữ liệu quốc gia về dân cư (``database`` có
        ``national_database: dan_cu``; từ 6/1/2022, Đề án 06). Các kết nối ``tthc-payment``
        và ``tthc-population`` của hồ sơ khung kiến trúc quy định nội dung kiểm tra.
        Trong mô hình nhiều tỉnh (nhiều UBND tỉnh), mỗi tỉnh được đánh giá trên các phần
        tử của riêng tỉnh đó (UBND tỉnh, các cơ quan của tỉnh và những gì họ sở hữu), và phát
        hiện được gắn với UBND tỉnh đó.

    Why:
        NĐ 45/2020/NĐ-CP provides for online payment of fees in electronic procedures;
        Đề án 06 (QĐ 06/QĐ-TTg) reuses population data so citizens do not declare it again.
        Quảng Trị's system, for one, is connected to both. The effective date of NĐ
        45/2020 is not in kientruc's reference: the signing date is used.

    Lý do:
        Nghị định 45/2020/NĐ-CP quy định thanh toán trực tuyến phí, lệ phí khi thực hiện
        thủ tục trên môi trường điện tử; Đề án 06 (Quyết định 06/QĐ-TTg) khai thác dữ liệu
        dân cư để người dân không phải khai lại. Hệ thống của Quảng Trị, chẳng hạn, đã kết
        nối cả hai. Ngày hiệu lực của Nghị định 45/2020 chưa có trong tài liệu tham chiếu:
        kientruc dùng ngày ký.

    Fails:
        ```yaml
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Hà Tĩnh
          system_type: tthc
        - id: nen-tang-thanh-toan
          kind: application
          name: Nền tảng thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia
          system_type: payment_platform
          external: true
        ```

    Passes:
        ```yaml
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Hà Tĩnh
          system_type: tthc
          connects_to: [nen-tang-thanh-toan]
          integrates_via: [lgsp-ha-tinh]
        - id: lgsp-ha-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Hà Tĩnh
          platform_type: lgsp
          connects_to: [csdlqg-dan-cu]
        - id: nen-tang-thanh-toan
          kind: application
          name: Nền tảng thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia
          system_type: payment_platform
          external: true
        - id: csdlqg-dan-cu
          kind: database
          name: Cơ sở dữ liệu quốc gia về dân cư
          scope: national
          national_database: dan_cu
          external: true
        ```
    """
    yield from check_connections(ctx, "TTHC003")
