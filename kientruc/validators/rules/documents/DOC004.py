"""Rule DOC004 (agency-code-missing): an agency exchanging documents has no valid identifier code."""

from __future__ import annotations

import re
from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import provincial, value
from ._helpers import QD28
from ....i18n import msg


AGENCY_CODE_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")


def _document_parties(ctx: RuleContext) -> list:
    graph = ctx.graph
    systems = [
        e for e in graph.of_kind("application", "shared_service")
        if provincial(e) and value(e, "system_type") == "document_management"
    ]
    parties: dict[str, object] = {}
    for s in systems:
        for n in graph.neighbours(s.id):
            if n.kind == "organization" and provincial(n) and value(n, "org_type") != "steering_committee":
                parties.setdefault(n.id, n)
    return list(parties.values())


@rule(
    code="DOC004",
    name="agency-code-missing",
    title="An agency exchanging documents has no valid identifier code",
    title_vi="Cơ quan gửi, nhận văn bản điện tử chưa có mã định danh hợp lệ",
    family="documents",
    legal_basis=("QCVN 102:2016/BTTTT, sửa đổi bởi Thông tư 01/2022/TT-BTTTT", "Quyết định 28/2018/QĐ-TTg"),
    confidence="medium",
    in_force_from=QD28,
)
def agency_code_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 12/7/2018, every provincial organization that owns, uses or is served by a
        document management system has an ``agency_code`` (or says it was issued, the
        code not known: ``agency_code_issued: true``); and every provincial
        ``agency_code`` has the shape of the codes in use, ``NNN.NN.NN.XNN`` (for example
        ``000.00.00.H56``). The shape is taken from codes published by agencies, not from
        the text of QCVN 102, which kientruc's reference does not give: the format check
        has medium confidence.

    Kiểm tra:
        Từ ngày 12/7/2018, mỗi cơ quan của tỉnh là chủ quản, sử dụng hoặc được phục vụ bởi
        hệ thống quản lý văn bản và điều hành có ``agency_code`` (hoặc ghi rằng mã đã được
        cấp nhưng chưa rõ: ``agency_code_issued: true``); và mọi ``agency_code`` của
        tỉnh có dạng của các mã đang dùng, ``NNN.NN.NN.XNN`` (ví dụ ``000.00.00.H56``). Dạng
        mã được lấy từ các mã cơ quan đã công bố, không từ văn bản QCVN 102 (tài liệu tham
        chiếu của kientruc không có): phần kiểm tra định dạng có độ tin cậy trung bình.

    Why:
        Documents travel between document management systems addressed by the
        sender's and recipient's identifier codes (QCVN 102:2016/BTTTT): an agency
        without one cannot be reached through the axis.

    Lý do:
        Văn bản được chuyển giữa các hệ thống quản lý văn bản theo mã định danh của bên gửi
        và bên nhận (QCVN 102:2016/BTTTT): cơ quan chưa có mã định danh thì không nhận được
        văn bản qua trục liên thông.

    Fails:
        ```yaml
        - id: so-noi-vu
          kind: organization
          name: Sở Nội vụ tỉnh Bắc Giang
          org_type: department
          uses: [qlvb-dh]
        - id: qlvb-dh
          kind: application
          name: Hệ thống quản lý văn bản và điều hành tỉnh Bắc Giang
          system_type: document_management
        ```

    Passes:
        ```yaml
        - id: so-noi-vu
          kind: organization
          name: Sở Nội vụ tỉnh Bắc Giang
          org_type: department
          agency_code: 000.05.26.H06
          uses: [qlvb-dh]
        - id: qlvb-dh
          kind: application
          name: Hệ thống quản lý văn bản và điều hành tỉnh Bắc Giang
          system_type: document_management
        ```
    """
    for org in _document_parties(ctx):
        if not value(org, "agency_code") and getattr(org, "agency_code_issued", None) is not True:
            yield Violation(
                msg("'{id}' sends or receives documents through the document management system but has no "
                    "identifier code (agency_code, QCVN 102:2016/BTTTT)", id=org.id),
                element=org.id,
                hint=msg("add its agency_code, as issued by the provincial people's committee (or, if it was issued and the code is not "
                         "known, agency_code_issued: true)"),
                key="missing",
            )
    for org in ctx.graph.of_kind("organization"):
        code = value(org, "agency_code")
        if code and provincial(org) and not AGENCY_CODE_RE.match(code):
            yield Violation(
                msg("'{id}' has the identifier code '{code}', which is not of the form NNN.NN.NN.XNN "
                    "(for example 000.00.00.H56)", id=org.id, code=code),
                element=org.id,
                path=("agency_code",),
                hint=msg("check the code against the decision that issued it"),
                key="format",
            )
