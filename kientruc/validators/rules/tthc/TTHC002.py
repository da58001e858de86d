"""Rule TTHC002 (tthc-not-synced-to-dvcqg): the TTHC system is not connected to the National Public Service Portal."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import check_connections


@rule(
    code="TTHC002",
    name="tthc-not-synced-to-dvcqg",
    title="The TTHC system is not connected to the National Public Service Portal",
    title_vi="Hệ thống giải quyết TTHC chưa kết nối, đồng bộ với Cổng Dịch vụ công quốc gia",
    family="tthc",
    scope="province",
    legal_basis=(
        "Quyết định 274/QĐ-TTg ngày 12/3/2019",
        "Quyết định 31/2021/QĐ-TTg, Điều 30 khoản 3",
        "Nghị định 118/2025/NĐ-CP",
    ),
    confidence="high",
)
def tthc_not_synced_to_dvcqg(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 12/3/2019 (QĐ 274/QĐ-TTg), each provincial TTHC system (``system_type:
        tthc``, or before 2021 the public-service portal ``dvc_portal``) has a relation
        (``flows_to``, ``connects_to``…, possibly ``via`` the LGSP) with the Cổng Dịch vụ
        công quốc gia (an element with ``system_type: national_public_service_portal``).
        The profile's national connection ``tthc-dvcqg`` defines what is checked.
        In a model of several provinces (several UBND tỉnh), each province is judged
        on its own elements (those of its UBND tỉnh, its agencies and what they own)
        and the finding is on its UBND tỉnh.

    Kiểm tra:
        Từ ngày 12/3/2019 (Quyết định 274/QĐ-TTg), mỗi hệ thống giải quyết TTHC của tỉnh
        (``system_type: tthc``, hoặc trước năm 2021 là Cổng dịch vụ công ``dvc_portal``) có
        quan hệ (``flows_to``, ``connects_to``…, có thể ``via`` LGSP) với Cổng Dịch vụ công
        quốc gia (phần tử có ``system_type: national_public_service_portal``). Kết nối quốc
        gia ``tthc-dvcqg`` của hồ sơ khung kiến trúc quy định nội dung kiểm tra.
        Trong mô hình nhiều tỉnh (nhiều UBND tỉnh), mỗi tỉnh được đánh giá trên các phần
        tử của riêng tỉnh đó (UBND tỉnh, các cơ quan của tỉnh và những gì họ sở hữu), và phát
        hiện được gắn với UBND tỉnh đó.

    Why:
        QĐ 274/QĐ-TTg makes the Cổng Dịch vụ công quốc gia the single address of online
        public services; QĐ 31/2021/QĐ-TTg Điều 30 khoản 3 requires the provincial system
        to synchronise with it, and NĐ 118/2025/NĐ-CP receives procedures "at the one-stop
        counter and on the Cổng Dịch vụ công quốc gia".

    Lý do:
        Quyết định 274/QĐ-TTg xác định Cổng Dịch vụ công quốc gia là đầu mối duy nhất cung
        cấp dịch vụ công trực tuyến; khoản 3 Điều 30 Quyết định 31/2021/QĐ-TTg yêu cầu hệ
        thống cấp tỉnh đồng bộ với Cổng; Nghị định 118/2025/NĐ-CP tiếp nhận thủ tục "tại Bộ
        phận Một cửa và Cổng Dịch vụ công quốc gia".

    Fails:
        ```yaml
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Sơn La
          system_type: tthc
        - id: cong-dvcqg
          kind: application
          name: Cổng Dịch vụ công quốc gia
          system_type: national_public_service_portal
          external: true
        ```

    Passes:
        ```yaml
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Sơn La
          system_type: tthc
          flows_to:
            - target: cong-dvcqg
              data: [hồ sơ, tiến độ xử lý, thống kê, đánh giá, bưu chính, thanh toán, hỏi đáp]
        - id: cong-dvcqg
          kind: application
          name: Cổng Dịch vụ công quốc gia
          system_type: national_public_service_portal
          external: true
        ```
    """
    yield from check_connections(ctx, "TTHC002")
