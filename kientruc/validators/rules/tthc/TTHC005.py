"""Rule TTHC005 (online-service-mode-missing):
a public service does not say whether it is offered online end to end or in part.
"""

from __future__ import annotations

from typing import Iterator

from ....frameworks import law_day
from ...registry import RuleContext, Violation, rule
from .._common import is_retiring, provincial, value
from ....i18n import msg


@rule(
    code="TTHC005",
    name="online-service-mode-missing",
    title="A public service does not say whether it is offered online end to end or in part",
    title_vi="Dịch vụ công chưa xác định là trực tuyến toàn trình hay một phần",
    family="tthc",
    scope="element", radius=0,
    legal_basis=(
        "Nghị định 42/2022/NĐ-CP (thay các mức độ 1–4 của Thông tư 32/2017/TT-BTTTT)",
        "Thông tư 32/2017/TT-BTTTT (mức độ 1–4 của dịch vụ công trực tuyến, đến 24/6/2022)",
    ),
    confidence="medium",
)
def online_service_mode_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Each provincial ``public_service`` declares ``online_mode``: ``toan_trinh``
        (end to end), ``mot_phan`` (in part) or ``khong_truc_tuyen`` (not online). The
        old ``legacy_level`` (mức độ 1–4) alone is accepted only for architectures
        aligned to framework 1.0 or 2.0, or on days before 24/6/2022.

    Kiểm tra:
        Mỗi ``public_service`` của tỉnh khai báo ``online_mode``: ``toan_trinh``,
        ``mot_phan`` hoặc ``khong_truc_tuyen``. Chỉ khai ``legacy_level`` (mức độ 1–4) được
        chấp nhận với kiến trúc theo Khung 1.0 hoặc 2.0, hoặc vào các ngày trước
        24/6/2022.

    Why:
        NĐ 42/2022/NĐ-CP (24/6/2022) classifies online public services as end to end or
        partial, replacing the levels 1–4 of TT 32/2017/TT-BTTTT; the national targets
        (for example 100% of eligible procedures end to end by 2030, QĐ 3090/QĐ-BKHCN)
        are counted in the new terms. The decree's effective date is not in kientruc's
        reference; the date of issue is used, and the rule only warns.

    Lý do:
        Nghị định 42/2022/NĐ-CP (24/6/2022) phân loại dịch vụ công trực tuyến thành toàn
        trình và một phần, thay các mức độ 1–4 của Thông tư 32/2017/TT-BTTTT; các chỉ tiêu
        quốc gia (ví dụ 100% thủ tục đủ điều kiện được cung cấp toàn trình vào năm 2030,
        Quyết định 3090/QĐ-BKHCN) tính theo cách phân loại mới. Ngày hiệu lực của nghị
        định chưa có trong tài liệu tham chiếu; kientruc dùng ngày ban hành và quy tắc chỉ
        ở mức cảnh báo.

    Fails:
        ```yaml
        - id: dvc-cap-giay-phep-xay-dung
          kind: public_service
          name: Cấp giấy phép xây dựng
          procedure_code: "1.009994"
          legacy_level: 4
        ```

    Passes:
        ```yaml
        - id: dvc-cap-giay-phep-xay-dung
          kind: public_service
          name: Cấp giấy phép xây dựng
          procedure_code: "1.009994"
          online_mode: toan_trinh
        ```
    """
    profile = ctx.profile
    legacy_ok = ctx.day < law_day("nd-42-2022") or (profile is not None and profile.generation <= 2)
    for svc in ctx.graph.of_kind("public_service"):
        if not provincial(svc) or is_retiring(svc) or value(svc, "online_mode") is not None:
            continue
        if value(svc, "legacy_level") is not None:
            if legacy_ok:
                continue
            yield Violation(
                msg("'{id}' gives only the old level (level {level}); since NĐ 42/2022/NĐ-CP "
                    "a service is online end to end (toan_trinh) or in part (mot_phan)", id=svc.id, level=value(svc, "legacy_level")),
                element=svc.id,
                path=("legacy_level",),
                hint=msg("add online_mode: toan_trinh, mot_phan or khong_truc_tuyen"),
                key="mode",
            )
        else:
            yield Violation(
                msg("'{id}' does not say how it is offered online (online_mode)", id=svc.id),
                element=svc.id,
                hint=msg("add online_mode: toan_trinh, mot_phan or khong_truc_tuyen"),
                key="mode",
            )
