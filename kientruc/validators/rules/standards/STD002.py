"""Rule STD002 (message-encoding-undeclared): a data interface does not declare a Unicode (TCVN 6909:2001) encoding."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import is_retiring, provincial
from ._helpers import satisfied, standards_lists
from ....i18n import msg


@rule(
    code="STD002",
    name="message-encoding-undeclared",
    title="A data interface does not declare a Unicode (TCVN 6909:2001) encoding",
    title_vi="Giao diện trao đổi dữ liệu chưa khai báo bộ mã Unicode (TCVN 6909:2001)",
    family="standards",
    scope="element", radius=0,
    legal_basis=("Thông tư 22/2020/TT-BTTTT", "Thông tư 39/2017/TT-BTTTT"),
    confidence="medium",
)
def message_encoding_undeclared(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Each provincial ``interface`` that exchanges data messages lists, in
        ``standards`` or ``protocols``, a character encoding compatible with TCVN
        6909:2001 (Unicode; UTF-8 is accepted).

    Kiểm tra:
        Mỗi ``interface`` của tỉnh dùng để trao đổi thông điệp dữ liệu liệt kê trong
        ``standards`` hoặc ``protocols`` bộ mã ký tự tương thích TCVN 6909:2001 (Unicode;
        chấp nhận UTF-8).

    Why:
        Vietnamese text exchanged between systems must use the Unicode character set of
        TCVN 6909:2001 (compulsory in TT 22/2020/TT-BTTTT, UTF-8 recommended); a legacy
        encoding (TCVN3, VNI) garbles names at the other end. This is advice: not every
        interface carries text.

    Lý do:
        Văn bản tiếng Việt trao đổi giữa các hệ thống phải dùng bộ mã Unicode theo TCVN
        6909:2001 (bắt buộc theo Thông tư 22/2020/TT-BTTTT, UTF-8 khuyến nghị); bộ mã cũ
        (TCVN3, VNI) làm sai tên ở đầu nhận. Đây là khuyến nghị: không phải giao diện nào
        cũng mang văn bản.

    Fails:
        ```yaml
        - id: api-ho-tich
          kind: interface
          name: API đồng bộ dữ liệu hộ tịch tỉnh Lạng Sơn
          protocols: [HTTP/1.1]
          standards: [JSON]
        ```

    Passes:
        ```yaml
        - id: api-ho-tich
          kind: interface
          name: API đồng bộ dữ liệu hộ tịch tỉnh Lạng Sơn
          protocols: [HTTP/1.1]
          standards: [JSON, UTF-8]
        ```
    """
    lists = [sl for sl in standards_lists(ctx) if sl.id == "tt22-2020"]
    if not lists:
        return
    for itf in ctx.graph.of_kind("interface"):
        if not provincial(itf) or is_retiring(itf):
            continue
        declared = list(itf.standards) + list(itf.protocols)
        if satisfied(lists, declared, "tcvn-6909") or satisfied(lists, declared, "utf-8"):
            continue
        yield Violation(
            msg("interface '{id}' does not declare a Unicode character encoding (TCVN 6909:2001 / UTF-8)", id=itf.id),
            element=itf.id,
            path=("standards",) if itf.standards else (),
            hint=msg("add UTF-8 (or TCVN 6909:2001) to its standards"),
            key="encoding",
        )
