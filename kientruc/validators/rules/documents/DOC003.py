"""Rule DOC003 (signature-mechanism-missing):
a system issuing documents or procedure results declares no digital signature.
"""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import declared_or_inherited, inferred_note, is_retiring, parts_of, provincial, value, wholes
from ._helpers import QD28
from ....i18n import msg


def _duty(system_type: str | None) -> str | None:
    """What a system signs: official documents, procedure results, or nothing this rule knows."""
    if system_type == "document_management":
        return "documents"
    if system_type in ("tthc", "dvc_portal", "one_stop"):
        return "tthc"
    return None


@rule(
    code="DOC003",
    name="signature-mechanism-missing",
    title="A system issuing documents or procedure results declares no digital signature",
    title_vi="Hệ thống phát hành văn bản, kết quả TTHC chưa xác định cơ chế ký số",
    family="documents",
    scope="element", radius=1,
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
        (``chuyen_dung_cong_vu``, ``cong_cong`` or ``dich_vu_tin_cay``). A part of a
        composite system (``composed_of``) inherits the mechanisms its composite declares,
        and where the composite has the same duty only the composite is checked (one
        finding, not one per part); a composite that declares none has those its parts
        declare. A ``system_type`` not written is read from the official name, and the
        message says so.

    Kiểm tra:
        Từ ngày 12/7/2018, mỗi hệ thống quản lý văn bản và điều hành của tỉnh
        (``system_type: document_management``) có ``chuyen_dung_cong_vu`` (chữ ký số
        chuyên dùng công vụ do Ban Cơ yếu Chính phủ cung cấp) trong ``digital_signatures``,
        và mỗi hệ thống giải quyết TTHC (``tthc``, ``dvc_portal``, ``one_stop``) có ít nhất
        một cơ chế ký số (``chuyen_dung_cong_vu``, ``cong_cong`` hoặc ``dich_vu_tin_cay``).
        Thành phần của một hệ thống tổng hợp (``composed_of``) kế thừa cơ chế ký số hệ thống
        tổng hợp khai báo, và khi hệ thống tổng hợp cùng loại thì chỉ hệ thống tổng hợp được
        kiểm tra (một phát hiện, không phải một cho mỗi thành phần); hệ thống tổng hợp chưa
        khai báo thì có các cơ chế mà các thành phần khai báo. ``system_type`` không ghi thì
        được đọc từ tên chính thức, và thông báo nói rõ điều đó.

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
    graph = ctx.graph
    for el in graph.of_kind("application", "shared_service"):
        if not provincial(el) or is_retiring(el):
            continue
        kind = value(el, "system_type")
        duty = _duty(kind)
        if duty is None:
            continue
        # a part of a composite that has the same duty is judged as the composite: once
        if any(_duty(value(w, "system_type")) == duty for w in wholes(graph, el.id)):
            continue
        declared, whole = declared_or_inherited(graph, el, "digital_signatures")
        signatures = [str(s) for s in declared or []]
        if whole is None and not signatures:
            # a composite declares what its parts declare
            for part in parts_of(graph, el.id):
                signatures += [str(s) for s in getattr(part, "digital_signatures", None) or []]
        note = inferred_note(el)
        if kind == "document_management" and "chuyen_dung_cong_vu" not in signatures:
            yield Violation(
                msg("'{id}' issues official documents but does not use the official-duty digital signature{note}", id=el.id, note=note),
                element=el.id,
                path=("digital_signatures",) if signatures else (),
                hint=msg("add chuyen_dung_cong_vu to digital_signatures"),
                key="signature",
            )
        elif duty == "tthc" and not (set(signatures) - {"khong"}):
            yield Violation(
                msg("'{id}' issues procedure results but declares no digital signature mechanism{note}", id=el.id, note=note),
                element=el.id,
                path=("digital_signatures",) if signatures else (),
                hint=msg("list its mechanisms in digital_signatures: chuyen_dung_cong_vu, cong_cong or dich_vu_tin_cay"),
                key="signature",
            )
