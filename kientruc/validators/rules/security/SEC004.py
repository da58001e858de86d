"""Rule SEC004 (four-layer-protection-incomplete): the four-layer protection model is not complete."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import about_province, province_scopes, value
from ....i18n import Term, msg


LAYER_NAMES = {
    "on_site": "lực lượng tại chỗ (on-site team)",
    "monitoring": "giám sát, bảo vệ chuyên nghiệp (professional monitoring, SOC)",
    "inspection": "kiểm tra, đánh giá định kỳ (periodic inspection)",
    "national_connection": "kết nối, chia sẻ với hệ thống giám sát quốc gia (connection to national monitoring)",
}


@rule(
    code="SEC004",
    name="four-layer-protection-incomplete",
    title="The four-layer protection model is not complete",
    title_vi="Chưa đủ bốn lớp của mô hình bảo vệ 4 lớp",
    family="security",
    scope="province",
    generation=3,
    legal_basis=("Công văn 1598/BTTTT-CATTT (2022), dẫn chiếu trong Quyết định 2568/QĐ-BTTTT", "Thông tư 31/2017/TT-BTTTT"),
    confidence="medium",
)
def four_layer_protection_incomplete(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Under framework 3.0 and later, the architecture has a security control or
        security service for each of the four protection layers (``protection_layer``):
        ``on_site`` (lực lượng tại chỗ), ``monitoring`` (giám sát, bảo vệ chuyên nghiệp),
        ``inspection`` (kiểm tra, đánh giá định kỳ) and ``national_connection`` (kết nối
        với hệ thống giám sát quốc gia).
        In a model of several provinces (several UBND tỉnh), each province is judged
        on its own elements (those of its UBND tỉnh, its agencies and what they own)
        and the finding is on its UBND tỉnh.

    Kiểm tra:
        Theo Khung 3.0 trở về sau, kiến trúc có biện pháp hoặc dịch vụ an toàn thông tin cho
        mỗi lớp của mô hình bảo vệ 4 lớp (``protection_layer``): ``on_site`` (lực lượng tại
        chỗ), ``monitoring`` (giám sát, bảo vệ chuyên nghiệp), ``inspection`` (kiểm tra, đánh
        giá định kỳ) và ``national_connection`` (kết nối, chia sẻ với hệ thống giám sát quốc
        gia).
        Trong mô hình nhiều tỉnh (nhiều UBND tỉnh), mỗi tỉnh được đánh giá trên các phần
        tử của riêng tỉnh đó (UBND tỉnh, các cơ quan của tỉnh và những gì họ sở hữu), và phát
        hiện được gắn với UBND tỉnh đó.

    Why:
        Công văn 1598/BTTTT-CATTT (2022), referenced by framework 3.0, asks every agency to
        protect its systems with the four-layer model. The names of the four layers are
        from recollection, not from the letter's text (unverified), so the rule only warns.

    Lý do:
        Công văn 1598/BTTTT-CATTT (2022), được Khung 3.0 dẫn chiếu, yêu cầu các cơ quan bảo
        vệ hệ thống theo mô hình 4 lớp. Tên bốn lớp dựa trên trí nhớ, chưa đối chiếu văn bản
        (chưa xác minh), nên quy tắc chỉ ở mức cảnh báo.

    Fails:
        ```yaml
        # architecture.yaml: {profile: vn-egov-3.0}
        # as-of: 2024-06-01
        - id: soc-tinh
          kind: security_service
          name: Trung tâm giám sát an toàn thông tin tỉnh Quảng Ngãi
          protection_layer: monitoring
        ```

    Passes:
        ```yaml
        # architecture.yaml: {profile: vn-egov-3.0}
        # as-of: 2024-06-01
        - id: doi-ung-cuu
          kind: security_control
          name: Đội ứng cứu sự cố và lực lượng tại chỗ
          protection_layer: on_site
        - id: soc-tinh
          kind: security_service
          name: Trung tâm giám sát an toàn thông tin tỉnh Quảng Ngãi
          protection_layer: monitoring
        - id: kiem-tra-dinh-ky
          kind: security_control
          name: Kiểm tra, đánh giá an toàn thông tin định kỳ hằng năm
          protection_layer: inspection
        - id: ket-noi-ncsc
          kind: security_control
          name: Kết nối, chia sẻ thông tin với hệ thống giám sát quốc gia
          protection_layer: national_connection
        ```
    """
    controls = [el for el in ctx.graph.of_kind("security_control", "security_service") if value(el, "protection_layer")]
    for scope in province_scopes(ctx):
        present = {value(el, "protection_layer") for el in controls if scope.contains(el)}
        missing = [Term("protection_layer", layer) for layer in LAYER_NAMES if layer not in present]
        if missing:
            yield about_province(
                ctx,
                msg("the four-layer protection model is missing: {layers}", layers=tuple(missing)),
                key="four-layer",
                hint=msg("add a security_control or security_service with protection_layer for each missing layer"),
                scope=scope,
            )
