"""Rule STD001 (compulsory-standard-missing): a system does not support a compulsory standard of TT 39/2017."""

from __future__ import annotations

from typing import Iterator

from ....models import Element
from ...registry import RuleContext, Violation, rule
from .._common import inferred_note, is_retiring, provincial, value
from ._helpers import TT39, satisfied, standards_lists
from ....i18n import msg


WEB_SYSTEMS = ("web_portal", "tthc", "dvc_portal", "one_stop", "citizen_app")


def declared_standards(ctx: RuleContext, el: Element) -> list[str]:
    """Standards a system or interface declares: its own, and those of the interfaces it is composed of."""
    out = list(getattr(el, "standards", []) or []) + list(getattr(el, "protocols", []) or [])
    for part in ctx.graph.targets(el.id, "composed_of"):
        if part.kind == "interface":
            out += list(part.standards) + list(part.protocols)
    return out


def _on_internet(ctx: RuleContext, el: Element) -> bool:
    hosts = [el] + ctx.graph.targets(el.id, "hosted_on")
    for h in hosts:
        for n in ctx.graph.targets(h.id, "connects_to"):
            if n.kind == "network" and value(n, "network_type") == "internet":
                return True
    return False


@rule(
    code="STD001",
    name="compulsory-standard-missing",
    title="A system does not support a compulsory standard of TT 39/2017",
    title_vi="Hệ thống chưa hỗ trợ tiêu chuẩn bắt buộc áp dụng theo Thông tư 39/2017/TT-BTTTT",
    family="standards",
    scope="element", radius=2,
    legal_basis=("Thông tư 39/2017/TT-BTTTT (hiệu lực 01/7/2018), nhóm 1, mục 1.1–1.12",),
    confidence="high",
    in_force_from=TT39,
)
def compulsory_standard_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 1/7/2018, for provincial systems that list their ``standards`` (or whose
        interfaces list ``standards``/``protocols``): a web system (web portal, TTHC
        system, citizen app) includes HTTP/1.1 (row 1.1); a mail system (``system_type:
        email``) includes SMTP/MIME (row 1.5) and POP3 or IMAP4 (row 1.6); a web system
        connected to an Internet network includes IPv6 (row 1.11). A provincial Internet
        ``network`` with ``ipv6: false`` is reported too. Systems that list no standards
        are not checked.

    Kiểm tra:
        Từ ngày 1/7/2018, với hệ thống của tỉnh có liệt kê ``standards`` (hoặc có giao diện
        liệt kê ``standards``/``protocols``): hệ thống web (cổng thông tin, hệ thống giải
        quyết TTHC, ứng dụng công dân) có HTTP/1.1 (mục 1.1); hệ thống thư điện tử
        (``system_type: email``) có SMTP/MIME (mục 1.5) và POP3 hoặc IMAP4 (mục 1.6); hệ
        thống web kết nối mạng Internet có IPv6 (mục 1.11). ``network`` Internet của tỉnh
        có ``ipv6: false`` cũng bị báo cáo. Hệ thống không liệt kê tiêu chuẩn thì không bị
        kiểm tra.

    Why:
        TT 39/2017/TT-BTTTT lists standards as compulsory (bắt buộc áp dụng) or
        recommended; compulsory ones must be supported by systems of state agencies and
        are a condition of budget-funded IT investment (Art. 3 asked existing systems to be
        reviewed within a year). IPv6 is compulsory for equipment connected to the
        Internet. The group-1 rows used here are verified.

    Lý do:
        Thông tư 39/2017/TT-BTTTT phân tiêu chuẩn thành bắt buộc áp dụng và khuyến nghị áp
        dụng; tiêu chuẩn bắt buộc phải được hệ thống của cơ quan nhà nước hỗ trợ và là điều
        kiện của dự án đầu tư CNTT sử dụng ngân sách (Điều 3 yêu cầu rà soát hệ thống hiện có
        trong một năm). IPv6 bắt buộc với thiết bị kết nối Internet. Các mục nhóm 1 dùng ở đây
        đã được xác minh.

    Fails:
        ```yaml
        - id: he-thong-thu-dien-tu
          kind: application
          name: Hệ thống thư điện tử công vụ tỉnh Sơn La
          system_type: email
          standards: [SMTP/MIME, DNS]
        ```

    Passes:
        ```yaml
        - id: he-thong-thu-dien-tu
          kind: application
          name: Hệ thống thư điện tử công vụ tỉnh Sơn La
          system_type: email
          standards: [SMTP/MIME, IMAP4rev1, POP3, DNS]
        ```
    """
    lists = [sl for sl in standards_lists(ctx) if sl.id == "tt39-2017"]
    if not lists:
        return
    for el in ctx.graph.elements():
        if not provincial(el) or is_retiring(el):
            continue
        if el.kind == "network" and value(el, "network_type") == "internet" and getattr(el, "ipv6", None) is False:
            yield Violation(
                msg("Internet network '{id}' does not support IPv6, compulsory for equipment connected to the "
                    "Internet (TT 39/2017/TT-BTTTT, row 1.11)", id=el.id),
                element=el.id,
                path=("ipv6",),
                hint=msg("plan the move to IPv6"),
                key="ipv6",
            )
            continue
        if el.kind not in ("application", "shared_service"):
            continue
        declared = declared_standards(ctx, el)
        if not declared:
            continue
        kind = value(el, "system_type")
        missing: list = []
        if kind in WEB_SYSTEMS and not satisfied(lists, declared, "http-1.1"):
            missing.append(msg("{standard} (row {row})", standard="HTTP/1.1", row="1.1"))
        if kind == "email":
            if not satisfied(lists, declared, "smtp-mime"):
                missing.append(msg("{standard} (row {row})", standard="SMTP/MIME", row="1.5"))
            if not satisfied(lists, declared, "pop3"):
                missing.append(msg("{standard} or {other} (row {row})", standard="POP3", other="IMAP4rev1", row="1.6"))
        if kind in WEB_SYSTEMS and _on_internet(ctx, el) and not satisfied(lists, declared, "ipv6"):
            missing.append(msg("{standard} (row {row}, for systems connected to the Internet)", standard="IPv6", row="1.11"))
        if missing:
            yield Violation(
                msg("'{id}' lists its standards but not these compulsory ones of TT 39/2017/TT-BTTTT: {standards}{note}", id=el.id, standards=tuple(missing), note=inferred_note(el)),
                element=el.id,
                path=("standards",) if getattr(el, "standards", None) else (),
                hint=msg("support them (and add them to standards), or record why not"),
                key="compulsory",
            )
