"""Rule DATA002 (personal-data-basis-missing):
a database of personal data does not name the personal-data law it complies with.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from ....frameworks import catalog
from ....frameworks import law_day
from ...registry import RuleContext, Violation, rule
from .._common import date_vi, fold, provincial, value
from ....i18n import msg


def _law_on(day: dt.date) -> dict | None:
    for law in catalog()["personal_data_laws"]:
        if law["from"] <= day and (law["to"] is None or day <= law["to"]):
            return law
    return None


@rule(
    code="DATA002",
    name="personal-data-basis-missing",
    title="A database of personal data does not name the personal-data law it complies with",
    title_vi="Cơ sở dữ liệu chứa dữ liệu cá nhân chưa xác định căn cứ bảo vệ dữ liệu cá nhân đang có hiệu lực",
    family="data",
    scope="element", radius=1,
    legal_basis=(
        "Nghị định 13/2023/NĐ-CP (từ 1/7/2023)",
        "Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 và Nghị định 356/2025/NĐ-CP (từ 1/1/2026)",
    ),
    confidence="medium",
    in_force_from=law_day("nd-13-2023", "effective"),
)
def personal_data_basis_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 1/7/2023, each provincial database with ``personal_data: true``
        ``complies_with`` a ``legal_document`` that is the personal-data law in force on
        the day checked: NĐ 13/2023/NĐ-CP until 31/12/2025; from 1/1/2026 the Luật Bảo vệ dữ
        liệu cá nhân 91/2025/QH15 or NĐ 356/2025/NĐ-CP. Documents are recognised by their
        ``number``. The minimum security level of such databases is SEC002's.

    Kiểm tra:
        Từ ngày 1/7/2023, mỗi cơ sở dữ liệu của tỉnh có ``personal_data: true`` có quan hệ
        ``complies_with`` tới ``legal_document`` là văn bản về bảo vệ dữ liệu cá nhân có hiệu
        lực vào ngày kiểm tra: Nghị định 13/2023/NĐ-CP đến hết 31/12/2025; từ 1/1/2026 là Luật
        Bảo vệ dữ liệu cá nhân 91/2025/QH15 hoặc Nghị định 356/2025/NĐ-CP. Văn bản được nhận
        biết theo ``number``. Cấp độ tối thiểu của các cơ sở dữ liệu này do SEC002 kiểm tra.

    Why:
        The controller of personal data must apply the protections of the law in force
        (impact assessment, consent, security); naming the law in the architecture makes
        the obligation visible and shows when it changes, as on 1/1/2026. The 2026 law and
        its decree come from a secondary summary (partly verified).

    Lý do:
        Bên kiểm soát dữ liệu cá nhân phải áp dụng các biện pháp bảo vệ theo quy định có hiệu
        lực (đánh giá tác động, sự đồng ý, bảo đảm an toàn); ghi căn cứ trong kiến trúc làm rõ
        nghĩa vụ và cho thấy khi nào căn cứ thay đổi, như ngày 1/1/2026. Luật năm 2025 và nghị
        định hướng dẫn được lấy từ tài liệu tóm tắt thứ cấp (xác minh một phần).

    Fails:
        ```yaml
        # as-of: 2026-03-01
        - id: csdl-can-bo
          kind: database
          name: Cơ sở dữ liệu cán bộ, công chức, viên chức tỉnh Thừa Thiên Huế
          personal_data: true
          complies_with: [nd-13-2023]
        - id: nd-13-2023
          kind: legal_document
          name: Nghị định về bảo vệ dữ liệu cá nhân
          number: 13/2023/NĐ-CP
          doc_type: nghi_dinh
          date: 2023-04-17
          issuer: Chính phủ
        ```

    Passes:
        ```yaml
        # as-of: 2026-03-01
        - id: csdl-can-bo
          kind: database
          name: Cơ sở dữ liệu cán bộ, công chức, viên chức tỉnh Thừa Thiên Huế
          personal_data: true
          complies_with: [luat-91-2025]
        - id: luat-91-2025
          kind: legal_document
          name: Luật Bảo vệ dữ liệu cá nhân
          number: 91/2025/QH15
          doc_type: luat
          date: 2025-06-26
          issuer: Quốc hội
        ```
    """
    law = _law_on(ctx.day)
    if law is None:
        return
    wanted = {fold(n) for n in law["numbers"]}
    graph = ctx.graph
    for db in graph.of_kind("database"):
        if not provincial(db) or not getattr(db, "personal_data", None):
            continue
        docs = [d for d in graph.targets(db.id, "complies_with") if d.kind == "legal_document"]
        if any(fold(value(d, "number")) in wanted for d in docs):
            continue
        yield Violation(
            msg("database '{id}' holds personal data but does not comply_with {law}, in force on {day}", id=db.id, law=law["title"], day=ctx.day),
            element=db.id,
            path=("complies_with",) if db.complies_with else (),
            hint=msg("add complies_with: [<id of the legal_document {numbers}>]", numbers=" | ".join(law["numbers"])),
            key="personal-data",
        )
