"""Rule INT002 (lgsp-not-connected-to-ndxp): the LGSP is not connected to the national platform NDXP."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import check_connections
from ._helpers import NDXP_BASIS


@rule(
    code="INT002",
    name="lgsp-not-connected-to-ndxp",
    title="The LGSP is not connected to the national platform NDXP",
    title_vi="LGSP chưa kết nối với Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP)",
    family="integration",
    scope="province",
    legal_basis=NDXP_BASIS + ("Công văn 677/BTTTT-THH (kết nối qua NDXP)",),
    confidence="high",
)
def lgsp_not_connected_to_ndxp(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Each provincial LGSP has a relation (``connects_to``, ``flows_to``,
        ``integrates_via``…) with the national data integration and sharing platform:
        an ``integration_platform`` with ``platform_type: ndxp``. NGSP, NDXP and VDXP are
        names of the same platform: model it once, as ``ndxp``. The profile's national
        connection ``lgsp-ndxp`` defines what is checked.
        In a model of several provinces (several UBND tỉnh), each province is judged
        on its own elements (those of its UBND tỉnh, its agencies and what they own)
        and the finding is on its UBND tỉnh.

    Kiểm tra:
        Mỗi LGSP của tỉnh có quan hệ (``connects_to``, ``flows_to``, ``integrates_via``…)
        với Nền tảng tích hợp, chia sẻ dữ liệu quốc gia: một ``integration_platform`` có
        ``platform_type: ndxp``. NGSP, NDXP và VDXP là tên gọi của cùng một nền tảng: chỉ
        mô hình hóa một lần, với ``ndxp``. Kết nối quốc gia ``lgsp-ndxp`` của hồ sơ khung
        kiến trúc quy định nội dung kiểm tra.
        Trong mô hình nhiều tỉnh (nhiều UBND tỉnh), mỗi tỉnh được đánh giá trên các phần
        tử của riêng tỉnh đó (UBND tỉnh, các cơ quan của tỉnh và những gì họ sở hữu), và phát
        hiện được gắn với UBND tỉnh đó.

    Why:
        NĐ 194/2025/NĐ-CP Điều 20 makes the ministry and province connection and sharing
        infrastructure part of the national data-connection intermediary system,
        connected to the NDXP; NĐ 47/2020/NĐ-CP and Công văn 677/BTTTT-THH required
        connections between systems of different levels to go through the NDXP. By the
        end of 2020 all 63 provinces had connected their LGSP.

    Lý do:
        Điều 20 Nghị định 194/2025/NĐ-CP quy định hạ tầng kết nối, chia sẻ dữ liệu cấp
        bộ, cấp tỉnh là một thành phần của hệ thống trung gian kết nối dữ liệu quốc gia,
        kết nối với NDXP; Nghị định 47/2020/NĐ-CP và Công văn 677/BTTTT-THH yêu cầu kết
        nối giữa các hệ thống khác cấp thực hiện qua NDXP. Cuối năm 2020, cả 63 tỉnh đã
        kết nối LGSP với NDXP.

    Fails:
        ```yaml
        - id: lgsp-lang-son
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Lạng Sơn
          platform_type: lgsp
        - id: ndxp
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu quốc gia
          platform_type: ndxp
          external: true
        ```

    Passes:
        ```yaml
        - id: lgsp-lang-son
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Lạng Sơn
          platform_type: lgsp
          connects_to: [ndxp]
        - id: ndxp
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu quốc gia
          platform_type: ndxp
          external: true
        ```
    """
    yield from check_connections(ctx, "INT002")
