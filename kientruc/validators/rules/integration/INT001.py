"""Rule INT001 (lgsp-missing): the province has no data integration and sharing platform (LGSP)."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import about_province, is_lgsp, is_retiring, province_scopes
from ._helpers import NDXP_BASIS
from ....i18n import msg


@rule(
    code="INT001",
    name="lgsp-missing",
    title="The province has no data integration and sharing platform (LGSP)",
    title_vi="Tỉnh chưa có Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)",
    family="integration",
    scope="province",
    legal_basis=NDXP_BASIS,
    confidence="high",
)
def lgsp_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        On the day checked, the architecture contains the province's own data
        integration and sharing platform: an ``integration_platform`` with
        ``platform_type: lgsp`` that is not ``external`` and not ``retiring``. A
        ``planned`` LGSP counts: the architecture then says the province will build it.
        In a model of several provinces (several UBND tỉnh), each province is judged
        on its own elements (those of its UBND tỉnh, its agencies and what they own)
        and the finding is on its UBND tỉnh.

    Kiểm tra:
        Vào ngày kiểm tra, kiến trúc có Nền tảng tích hợp, chia sẻ dữ liệu của chính tỉnh:
        một ``integration_platform`` với ``platform_type: lgsp``, không ``external`` và
        không ``retiring``. LGSP ở trạng thái ``planned`` cũng được tính: kiến trúc khi đó
        thể hiện tỉnh sẽ xây dựng nền tảng này.
        Trong mô hình nhiều tỉnh (nhiều UBND tỉnh), mỗi tỉnh được đánh giá trên các phần
        tử của riêng tỉnh đó (UBND tỉnh, các cơ quan của tỉnh và những gì họ sở hữu), và phát
        hiện được gắn với UBND tỉnh đó.

    Why:
        The LGSP is the intermediary between the systems of the province's agencies and
        systems outside the province (TT 13/2017/TT-BTTTT Điều 17) and the province's
        connection and sharing infrastructure that NĐ 194/2025/NĐ-CP Điều 20 connects to
        the NDXP. Every framework version since 1.0 (the GSP model of §II.5) builds the
        provincial connection model on it; without it, exchanges are point-to-point.

    Lý do:
        LGSP là trung gian giữa các hệ thống thông tin của các cơ quan trong tỉnh với các
        hệ thống bên ngoài (Điều 17 Thông tư 13/2017/TT-BTTTT), và là hạ tầng kết nối,
        chia sẻ dữ liệu cấp tỉnh mà Điều 20 Nghị định 194/2025/NĐ-CP yêu cầu kết nối với
        NDXP. Mọi phiên bản Khung kiến trúc từ 1.0 (mô hình GSP, mục II.5) đều xây dựng mô
        hình kết nối của tỉnh trên nền tảng này; thiếu nó, các kết nối là điểm – điểm.

    Fails:
        ```yaml
        - id: ubnd-tinh-lang-son
          kind: organization
          name: Ủy ban nhân dân tỉnh Lạng Sơn
          org_type: government
          admin_level: tinh
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Lạng Sơn
          system_type: tthc
          owner: ubnd-tinh-lang-son
        ```

    Passes:
        ```yaml
        - id: ubnd-tinh-lang-son
          kind: organization
          name: Ủy ban nhân dân tỉnh Lạng Sơn
          org_type: government
          admin_level: tinh
        - id: lgsp-lang-son
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Lạng Sơn
          platform_type: lgsp
          owner: ubnd-tinh-lang-son
        ```
    """
    found = [e for e in ctx.graph.of_kind("integration_platform") if is_lgsp(e) and not is_retiring(e)]
    for scope in province_scopes(ctx):
        if not any(scope.contains(e) for e in found):
            yield about_province(
                ctx,
                msg("the architecture has no provincial data integration and sharing platform (LGSP) on this day"),
                key="lgsp",
                hint=msg("add an integration_platform with platform_type: lgsp (status planned if it is not built yet), owned by the province or one of its agencies")
                if scope.several else msg("add an integration_platform with platform_type: lgsp (status planned if it is not built yet)"),
                scope=scope,
            )
