"""Rule STD004 (standard-not-in-list): a system names a standard kientruc cannot find in the standards list."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import provincial
from ._helpers import TT39, standards_lists
from ....i18n import msg


@rule(
    code="STD004",
    name="standard-not-in-list",
    title="A system names a standard kientruc cannot find in the standards list",
    title_vi="Hệ thống nêu tiêu chuẩn không có trong phần danh mục tiêu chuẩn đã xác minh",
    family="standards",
    scope="element", radius=0,
    legal_basis=("Thông tư 39/2017/TT-BTTTT",),
    confidence="low",
    in_force_from=TT39,
)
def standard_not_in_list(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Every standard a provincial system or interface names (``standards``,
        ``protocols``) is found in the standards lists of the profile in force on the
        day (TT 39/2017/TT-BTTTT group 1 and document formats, TT 22/2020/TT-BTTTT).

    Kiểm tra:
        Mọi tiêu chuẩn mà hệ thống hay giao diện của tỉnh nêu (``standards``,
        ``protocols``) đều có trong các danh mục tiêu chuẩn của hồ sơ khung kiến trúc có
        hiệu lực vào ngày kiểm tra (nhóm 1 và định dạng văn bản của Thông tư
        39/2017/TT-BTTTT, Thông tư 22/2020/TT-BTTTT).

    Why:
        TT 39/2017/TT-BTTTT is the list of standards state agencies apply. kientruc knows
        only its verified rows (group 1, connection, and document formats); the data
        integration, access and security groups (XML, JSON, SOAP, HTML, WCAG, TLS…) were not
        retrieved. A standard not found may be in those groups: this is advice with low
        confidence, to check against the circular.

    Lý do:
        Thông tư 39/2017/TT-BTTTT là danh mục tiêu chuẩn mà cơ quan nhà nước áp dụng.
        kientruc chỉ biết các mục đã xác minh (nhóm 1 về kết nối và định dạng văn bản); các
        nhóm tích hợp dữ liệu, truy cập thông tin, an toàn thông tin (XML, JSON, SOAP, HTML,
        WCAG, TLS…) chưa được thu thập. Tiêu chuẩn không tìm thấy có thể thuộc các nhóm đó:
        đây là khuyến nghị, độ tin cậy thấp, cần đối chiếu với thông tư.

    Fails:
        ```yaml
        - id: cong-ttdt-tinh
          kind: application
          name: Cổng thông tin điện tử tỉnh Bắc Giang
          system_type: web_portal
          standards: [HTTP/1.1, Gopher]
        ```

    Passes:
        ```yaml
        - id: cong-ttdt-tinh
          kind: application
          name: Cổng thông tin điện tử tỉnh Bắc Giang
          system_type: web_portal
          standards: [HTTP/1.1, IPv6]
        ```
    """
    lists = standards_lists(ctx)
    if not lists:
        return
    for el in ctx.graph.elements():
        if not provincial(el) or el.kind not in ("application", "shared_service", "database", "integration_platform",
                                                  "node", "network", "interface"):
            continue
        declared = list(getattr(el, "standards", []) or []) + list(getattr(el, "protocols", []) or [])
        unknown = [d for d in declared if not any(sl.find(d) for sl in lists)]
        if unknown:
            yield Violation(
                msg("'{id}' names standards not in the verified rows of the standards lists: {standards}", id=el.id, standards=tuple(unknown)),
                element=el.id,
                path=("standards",) if getattr(el, "standards", None) else ("protocols",),
                hint=msg("check them against TT 39/2017/TT-BTTTT (groups 2–4 are not in kientruc yet)"),
                key="unlisted",
            )
