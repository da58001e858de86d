"""Rule DOC002 (agency-code-reused): an agency uses the identifier code of a dissolved unit or of another agency."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ...registry import Related, RuleContext, Violation, rule
from .._common import value
from ....i18n import msg


@rule(
    code="DOC002",
    name="agency-code-reused",
    title="An agency uses the identifier code of a dissolved unit or of another agency",
    title_vi="Cơ quan dùng mã định danh của đơn vị đã giải thể hoặc trùng mã với cơ quan khác",
    family="documents",
    legal_basis=(
        "QCVN 102:2016/BTTTT, sửa đổi bởi Thông tư 01/2022/TT-BTTTT (cấu trúc mã định danh)",
        "Ví dụ cấp lại mã sau sắp xếp: Quyết định 958/QĐ-UBND ngày 20/6/2025 của UBND tỉnh Quảng Ngãi",
    ),
    confidence="medium",
    scope="kinds",
    kinds=("organization",),
)
def agency_code_reused(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        No organization in force on the day checked has the same ``agency_code`` as an
        organization that ended before that day (a district, or a department dissolved
        or merged in 2025), or as another organization in force.

    Kiểm tra:
        Không cơ quan nào có hiệu lực vào ngày kiểm tra dùng ``agency_code`` trùng với một
        cơ quan đã kết thúc trước ngày đó (một huyện, hoặc một sở giải thể, hợp nhất năm
        2025), hay trùng với một cơ quan khác đang có hiệu lực.

    Why:
        The identifier code (QCVN 102:2016/BTTTT) is how the document axis routes a
        document: two agencies with one code receive each other's documents, and a code
        of a dissolved unit points to nobody. After the 2025 reorganisation provinces
        re-issued their agencies' codes (for example Quảng Ngãi, QĐ 958/QĐ-UBND).

    Lý do:
        Mã định danh (QCVN 102:2016/BTTTT) là căn cứ để trục liên thông chuyển văn bản: hai
        cơ quan cùng một mã nhận nhầm văn bản của nhau, còn mã của đơn vị đã giải thể không
        trỏ tới ai. Sau sắp xếp năm 2025, các tỉnh đã cấp lại mã định danh cho các cơ quan
        (ví dụ Quảng Ngãi, Quyết định 958/QĐ-UBND).

    Fails:
        ```yaml
        - id: so-tttt-quang-ngai
          kind: organization
          name: Sở Thông tin và Truyền thông tỉnh Quảng Ngãi
          agency_code: 000.10.32.H48
          valid_to: 2025-02-28
          successors: [so-khcn-quang-ngai]
        - id: so-khcn-quang-ngai
          kind: organization
          name: Sở Khoa học và Công nghệ tỉnh Quảng Ngãi
          agency_code: 000.10.32.H48
          valid_from: 2025-03-01
        ```

    Passes:
        ```yaml
        - id: so-tttt-quang-ngai
          kind: organization
          name: Sở Thông tin và Truyền thông tỉnh Quảng Ngãi
          agency_code: 000.10.32.H48
          valid_to: 2025-02-28
          successors: [so-khcn-quang-ngai]
        - id: so-khcn-quang-ngai
          kind: organization
          name: Sở Khoa học và Công nghệ tỉnh Quảng Ngãi
          agency_code: 000.11.32.H48
          valid_from: 2025-03-01
        ```
    """
    ended: dict[str, str] = {}
    for el in ctx.architecture.elements:
        if el.kind == "organization" and el.valid_to is not None and el.valid_to < ctx.day:
            code = value(el, "agency_code")
            if code:
                ended.setdefault(code, el.id)
    active: dict[str, list[str]] = defaultdict(list)
    for org in ctx.graph.of_kind("organization"):
        code = value(org, "agency_code")
        if not code:
            continue
        active[code].append(org.id)
        if code in ended:
            yield Violation(
                msg("'{id}' uses the identifier code {code} of '{other}', which no longer exists", id=org.id, code=code, other=ended[code]),
                element=org.id,
                path=("agency_code",),
                related=(Related(ended[code], ("agency_code",), msg("the dissolved unit")),),
                hint=msg("give the agency the code issued after the reorganisation (QCVN 102:2016/BTTTT)"),
                key=code,
            )
    for code, ids in active.items():
        for other in ids[1:]:
            yield Violation(
                msg("'{id}' has the same identifier code {code} as '{other}'", id=other, code=code, other=ids[0]),
                element=other,
                path=("agency_code",),
                related=(Related(ids[0], ("agency_code",), msg("the other agency")),),
                hint=msg("each agency has its own identifier code"),
                key=code,
            )
