"""Electronic-document rules: the national document axis, agency identifier codes, signatures.

Agencies exchange electronic documents between their document management systems
(QLVB&ĐH) through the *Trục liên thông văn bản quốc gia* (QĐ 28/2018/QĐ-TTg), each agency
named by its electronic identifier code (*mã định danh*, QCVN 102:2016/BTTTT as amended by
TT 01/2022/TT-BTTTT), documents signed with the official-duty digital signature.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Iterator

from ._common import check_connections, is_retiring, provincial, value
from .registry import Related, RuleContext, Violation, rule

QD28 = dt.date(2018, 7, 12)
AGENCY_CODE_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")


@rule(
    code="DOC001",
    name="qlvb-not-connected-to-axis",
    title="The document management system is not connected to the national document axis",
    title_vi="Hệ thống quản lý văn bản và điều hành chưa kết nối Trục liên thông văn bản quốc gia",
    family="documents",
    legal_basis=("Quyết định 28/2018/QĐ-TTg ngày 12/7/2018", "Nghị định 30/2020/NĐ-CP"),
    confidence="high",
)
def qlvb_not_connected_to_axis(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 12/3/2019 (when the national axis began operating), the architecture has a
        document management system (``system_type: document_management``), and each one
        is related to the Trục liên thông văn bản quốc gia (an external
        ``integration_platform`` with ``platform_type: document_axis``), directly or
        through a provincial platform (the LGSP, a provincial document gateway). The
        profile's national connection ``qlvb-axis`` defines what is checked.

    Kiểm tra:
        Từ ngày 12/3/2019 (khi Trục liên thông văn bản quốc gia đi vào vận hành), kiến trúc
        có hệ thống quản lý văn bản và điều hành (``system_type: document_management``), và
        mỗi hệ thống có quan hệ với Trục liên thông văn bản quốc gia (``integration_platform``
        bên ngoài có ``platform_type: document_axis``), trực tiếp hoặc qua một nền tảng của
        tỉnh (LGSP, trục liên thông văn bản của tỉnh). Kết nối quốc gia ``qlvb-axis`` của hồ
        sơ khung kiến trúc quy định nội dung kiểm tra.

    Why:
        QĐ 28/2018/QĐ-TTg makes agencies send and receive electronic documents between
        their document management systems through the national axis run by the
        Government Office (launched 12/3/2019; every province connected). A system not
        on the axis forces paper or e-mail for documents between levels.

    Lý do:
        Quyết định 28/2018/QĐ-TTg quy định các cơ quan gửi, nhận văn bản điện tử giữa các
        hệ thống quản lý văn bản và điều hành qua Trục liên thông văn bản quốc gia do Văn
        phòng Chính phủ vận hành (khai trương 12/3/2019; tất cả các tỉnh đã kết nối). Hệ
        thống không kết nối trục buộc văn bản giữa các cấp phải đi bằng giấy hoặc thư điện
        tử.

    Fails:
        ```yaml
        - id: qlvb-dh
          kind: application
          name: Hệ thống quản lý văn bản và điều hành tỉnh Thừa Thiên Huế
          system_type: document_management
        - id: truc-lien-thong
          kind: integration_platform
          name: Trục liên thông văn bản quốc gia
          platform_type: document_axis
          external: true
        ```

    Passes:
        ```yaml
        - id: qlvb-dh
          kind: application
          name: Hệ thống quản lý văn bản và điều hành tỉnh Thừa Thiên Huế
          system_type: document_management
          integrates_via: [lgsp-hue]
        - id: lgsp-hue
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Thừa Thiên Huế
          platform_type: lgsp
          connects_to: [truc-lien-thong]
        - id: truc-lien-thong
          kind: integration_platform
          name: Trục liên thông văn bản quốc gia
          platform_type: document_axis
          external: true
        ```
    """
    yield from check_connections(ctx, "DOC001")


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
                f"'{org.id}' uses the identifier code {code} of '{ended[code]}', which no longer exists",
                element=org.id,
                path=("agency_code",),
                related=(Related(ended[code], ("agency_code",), "the dissolved unit"),),
                hint="give the agency the code issued after the reorganisation (QCVN 102:2016/BTTTT)",
                key=code,
            )
    for code, ids in active.items():
        for other in ids[1:]:
            yield Violation(
                f"'{other}' has the same identifier code {code} as '{ids[0]}'",
                element=other,
                path=("agency_code",),
                related=(Related(ids[0], ("agency_code",), "the other agency"),),
                hint="each agency has its own identifier code",
                key=code,
            )


@rule(
    code="DOC003",
    name="signature-mechanism-missing",
    title="A system issuing documents or procedure results declares no digital signature",
    title_vi="Hệ thống phát hành văn bản, kết quả TTHC chưa xác định cơ chế ký số",
    family="documents",
    legal_basis=(
        "Quyết định 28/2018/QĐ-TTg",
        "Thông tư 41/2017/TT-BTTTT",
        "Nghị định 68/2024/NĐ-CP (chữ ký số chuyên dùng công vụ)",
        "Nghị định 23/2025/NĐ-CP (chữ ký điện tử, dịch vụ tin cậy)",
        "Thông tư 17/2025/TT-BKHCN",
    ),
    confidence="medium",
    in_force_from=QD28,
)
def signature_mechanism_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 12/7/2018, each provincial document management system (``system_type:
        document_management``) lists ``chuyen_dung_cong_vu`` (the Ban Cơ yếu Chính
        phủ's official-duty signature) in ``digital_signatures``, and each TTHC system
        (``tthc``, ``dvc_portal``, ``one_stop``) lists at least one signature mechanism
        (``chuyen_dung_cong_vu``, ``cong_cong`` or ``dich_vu_tin_cay``).

    Kiểm tra:
        Từ ngày 12/7/2018, mỗi hệ thống quản lý văn bản và điều hành của tỉnh
        (``system_type: document_management``) có ``chuyen_dung_cong_vu`` (chữ ký số
        chuyên dùng công vụ do Ban Cơ yếu Chính phủ cung cấp) trong ``digital_signatures``,
        và mỗi hệ thống giải quyết TTHC (``tthc``, ``dvc_portal``, ``one_stop``) có ít nhất
        một cơ chế ký số (``chuyen_dung_cong_vu``, ``cong_cong`` hoặc ``dich_vu_tin_cay``).

    Why:
        A digitally signed electronic document has the value of the paper original
        (QĐ 28/2018/QĐ-TTg); official documents are signed with the official-duty
        signature (TT 41/2017/TT-BTTTT, NĐ 68/2024/NĐ-CP), and electronic procedure results
        need a signature that the recipient can verify (NĐ 23/2025/NĐ-CP). Which mechanism
        a system uses decides its certificates, its devices and its connection to the
        national certification centre.

    Lý do:
        Văn bản điện tử được ký số có giá trị như bản gốc giấy (Quyết định 28/2018/QĐ-TTg);
        văn bản của cơ quan nhà nước được ký bằng chữ ký số chuyên dùng công vụ (Thông tư
        41/2017/TT-BTTTT, Nghị định 68/2024/NĐ-CP), và kết quả giải quyết TTHC điện tử cần
        chữ ký mà người nhận kiểm tra được (Nghị định 23/2025/NĐ-CP). Cơ chế ký số quyết
        định chứng thư, thiết bị và việc kết nối với Trung tâm chứng thực điện tử quốc gia.

    Fails:
        ```yaml
        - id: qlvb-dh
          kind: application
          name: Hệ thống quản lý văn bản và điều hành tỉnh Bắc Giang
          system_type: document_management
          digital_signatures: [cong_cong]
        ```

    Passes:
        ```yaml
        - id: qlvb-dh
          kind: application
          name: Hệ thống quản lý văn bản và điều hành tỉnh Bắc Giang
          system_type: document_management
          digital_signatures: [chuyen_dung_cong_vu]
        ```
    """
    for el in ctx.graph.of_kind("application", "shared_service"):
        if not provincial(el) or is_retiring(el):
            continue
        kind = value(el, "system_type")
        signatures = [str(s) for s in getattr(el, "digital_signatures", [])]
        if kind == "document_management" and "chuyen_dung_cong_vu" not in signatures:
            yield Violation(
                f"'{el.id}' issues official documents but does not use the official-duty digital signature "
                "(chữ ký số chuyên dùng công vụ)",
                element=el.id,
                path=("digital_signatures",) if signatures else (),
                hint="add chuyen_dung_cong_vu to digital_signatures",
                key="signature",
            )
        elif kind in ("tthc", "dvc_portal", "one_stop") and not (set(signatures) - {"khong"}):
            yield Violation(
                f"'{el.id}' issues procedure results but declares no digital signature mechanism",
                element=el.id,
                path=("digital_signatures",) if signatures else (),
                hint="list its mechanisms in digital_signatures: chuyen_dung_cong_vu, cong_cong or dich_vu_tin_cay",
                key="signature",
            )


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
        document management system has an ``agency_code``; and every provincial
        ``agency_code`` has the shape of the codes in use, ``NNN.NN.NN.XNN`` (for example
        ``000.00.00.H56``). The shape is taken from codes published by agencies, not from
        the text of QCVN 102, which kientruc's reference does not give: the format check
        has medium confidence.

    Kiểm tra:
        Từ ngày 12/7/2018, mỗi cơ quan của tỉnh là chủ quản, sử dụng hoặc được phục vụ bởi
        hệ thống quản lý văn bản và điều hành có ``agency_code``; và mọi ``agency_code`` của
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
        if not value(org, "agency_code"):
            yield Violation(
                f"'{org.id}' sends or receives documents through the document management system but has no "
                "identifier code (agency_code, QCVN 102:2016/BTTTT)",
                element=org.id,
                hint="add its agency_code, as issued by the UBND tỉnh",
                key="missing",
            )
    for org in ctx.graph.of_kind("organization"):
        code = value(org, "agency_code")
        if code and provincial(org) and not AGENCY_CODE_RE.match(code):
            yield Violation(
                f"'{org.id}' has the identifier code '{code}', which is not of the form NNN.NN.NN.XNN "
                "(for example 000.00.00.H56)",
                element=org.id,
                path=("agency_code",),
                hint="check the code against the decision that issued it",
                key="format",
            )
