"""Standards rules: the list of technical standards for IT in state agencies (TT 39/2017/TT-BTTTT)
and related lists, read from the profile (``standards:``, see frameworks/_catalog.yaml).

Only group 1 (connection) of TT 39/2017 and the document formats are verified in kientruc's
reference; the data-integration, information-access and security groups were not
retrieved. Rules that depend on the unverified groups are info only.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from ..frameworks import StandardsList, catalog_standards
from ..models import Element
from ._common import is_retiring, provincial, value
from .registry import RuleContext, Violation, rule

TT39 = dt.date(2018, 7, 1)
WEB_SYSTEMS = ("web_portal", "tthc", "dvc_portal", "one_stop", "citizen_app")


def _lists(ctx: RuleContext) -> list[StandardsList]:
    if ctx.profile is not None:
        return ctx.profile.standards_lists(ctx.day)
    return [s for s in catalog_standards().values() if s.in_force(ctx.day)]


def declared_standards(ctx: RuleContext, el: Element) -> list[str]:
    """Standards a system or interface declares: its own, and those of the interfaces it is composed of."""
    out = list(getattr(el, "standards", []) or []) + list(getattr(el, "protocols", []) or [])
    for part in ctx.graph.targets(el.id, "composed_of"):
        if part.kind == "interface":
            out += list(part.standards) + list(part.protocols)
    return out


def _satisfied(lists: list[StandardsList], declared: list[str], std_id: str) -> bool:
    for sl in lists:
        wanted = {std_id} | {a for e in sl.entries if e.id == std_id for a in e.alternatives}
        if any(e.id in wanted and any(e.matches(d) for d in declared) for e in sl.entries):
            return True
    return False


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
    lists = [sl for sl in _lists(ctx) if sl.id == "tt39-2017"]
    if not lists:
        return
    for el in ctx.graph.elements():
        if not provincial(el) or is_retiring(el):
            continue
        if el.kind == "network" and value(el, "network_type") == "internet" and getattr(el, "ipv6", None) is False:
            yield Violation(
                f"Internet network '{el.id}' does not support IPv6, compulsory for equipment connected to the "
                "Internet (TT 39/2017/TT-BTTTT, row 1.11)",
                element=el.id,
                path=("ipv6",),
                hint="plan the move to IPv6",
                key="ipv6",
            )
            continue
        if el.kind not in ("application", "shared_service"):
            continue
        declared = declared_standards(ctx, el)
        if not declared:
            continue
        kind = value(el, "system_type")
        missing: list[str] = []
        if kind in WEB_SYSTEMS and not _satisfied(lists, declared, "http-1.1"):
            missing.append("HTTP/1.1 (row 1.1)")
        if kind == "email":
            if not _satisfied(lists, declared, "smtp-mime"):
                missing.append("SMTP/MIME (row 1.5)")
            if not _satisfied(lists, declared, "pop3"):
                missing.append("POP3 or IMAP4rev1 (row 1.6)")
        if kind in WEB_SYSTEMS and _on_internet(ctx, el) and not _satisfied(lists, declared, "ipv6"):
            missing.append("IPv6 (row 1.11, for systems connected to the Internet)")
        if missing:
            yield Violation(
                f"'{el.id}' lists its standards but not these compulsory ones of TT 39/2017/TT-BTTTT: "
                + ", ".join(missing),
                element=el.id,
                path=("standards",) if getattr(el, "standards", None) else (),
                hint="support them (and add them to standards), or record why not",
                key="compulsory",
            )


@rule(
    code="STD002",
    name="message-encoding-undeclared",
    title="A data interface does not declare a Unicode (TCVN 6909:2001) encoding",
    title_vi="Giao diện trao đổi dữ liệu chưa khai báo bộ mã Unicode (TCVN 6909:2001)",
    family="standards",
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
    lists = [sl for sl in _lists(ctx) if sl.id == "tt22-2020"]
    if not lists:
        return
    for itf in ctx.graph.of_kind("interface"):
        if not provincial(itf) or is_retiring(itf):
            continue
        declared = list(itf.standards) + list(itf.protocols)
        if _satisfied(lists, declared, "tcvn-6909") or _satisfied(lists, declared, "utf-8"):
            continue
        yield Violation(
            f"interface '{itf.id}' does not declare a Unicode character encoding (TCVN 6909:2001 / UTF-8)",
            element=itf.id,
            path=("standards",) if itf.standards else (),
            hint="add UTF-8 (or TCVN 6909:2001) to its standards",
            key="encoding",
        )


@rule(
    code="STD003",
    name="national-database-access-mode-missing",
    title="A connection to a national database does not say whether it reads or updates",
    title_vi="Kết nối tới cơ sở dữ liệu quốc gia chưa xác định là khai thác hay cập nhật",
    family="standards",
    legal_basis=("Thông tư 13/2017/TT-BTTTT, Điều 5",),
    confidence="medium",
    in_force_from=dt.date(2017, 8, 10),
)
def national_database_access_mode_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Each relation from a provincial system to a national database (``scope:
        national`` or external) says ``access: khai_thac`` (read) or ``access: cap_nhat``
        (update); an update connection names the data elements it updates in ``data``.

    Kiểm tra:
        Mỗi quan hệ từ hệ thống của tỉnh tới cơ sở dữ liệu quốc gia (``scope: national``
        hoặc bên ngoài) ghi ``access: khai_thac`` hoặc ``access: cap_nhat``; kết nối cập nhật
        nêu các phần tử dữ liệu được cập nhật trong ``data``.

    Why:
        TT 13/2017/TT-BTTTT Điều 5 distinguishes read connections (kết nối khai thác) from
        update connections (kết nối cập nhật), which must carry the identifier of the data
        element they update. The database owner grants them differently.

    Lý do:
        Điều 5 Thông tư 13/2017/TT-BTTTT phân biệt kết nối khai thác và kết nối cập nhật;
        kết nối cập nhật phải kèm mã định danh phần tử dữ liệu được cập nhật. Chủ quản cơ sở
        dữ liệu cấp quyền cho hai loại kết nối khác nhau.

    Fails:
        ```yaml
        - id: phan-mem-dat-dai
          kind: application
          name: Phần mềm quản lý đất đai tỉnh Bình Dương
          flows_to: [{target: csdlqg-dat-dai, via: lgsp-binh-duong}]
        - id: lgsp-binh-duong
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Bình Dương
          platform_type: lgsp
        - id: csdlqg-dat-dai
          kind: database
          name: Cơ sở dữ liệu quốc gia về đất đai
          scope: national
          national_database: dat_dai
          external: true
        ```

    Passes:
        ```yaml
        - id: phan-mem-dat-dai
          kind: application
          name: Phần mềm quản lý đất đai tỉnh Bình Dương
          flows_to: [{target: csdlqg-dat-dai, via: lgsp-binh-duong, access: cap_nhat, data: [thửa đất, biến động đất đai]}]
        - id: lgsp-binh-duong
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Bình Dương
          platform_type: lgsp
        - id: csdlqg-dat-dai
          kind: database
          name: Cơ sở dữ liệu quốc gia về đất đai
          scope: national
          national_database: dat_dai
          external: true
        ```
    """
    graph = ctx.graph
    for rel in graph.relations("flows_to", "connects_to", "accesses", "integrates_via"):
        src, dst = graph.element(rel.source), graph.element(rel.target)
        if not provincial(src) or src.kind not in ("application", "shared_service", "integration_platform", "database"):
            continue
        if dst.kind != "database" or not (value(dst, "scope") == "national" or dst.external):
            continue
        spec = rel.spec
        if spec is None or spec.access is None:
            yield Violation(
                f"the connection of '{src.id}' to the national database '{dst.id}' does not say whether it reads "
                "(khai_thac) or updates (cap_nhat)",
                element=rel.written_by,
                path=rel.path,
                hint="write the relation as a mapping with access: khai_thac or access: cap_nhat",
                key=dst.id,
            )
        elif spec.access == "cap_nhat" and not spec.data:
            yield Violation(
                f"the update connection of '{src.id}' to '{dst.id}' does not name the data elements it updates",
                element=rel.written_by,
                path=rel.path,
                hint="list the updated data elements in data",
                key=dst.id,
            )


@rule(
    code="STD004",
    name="standard-not-in-list",
    title="A system names a standard kientruc cannot find in the standards list",
    title_vi="Hệ thống nêu tiêu chuẩn không có trong phần danh mục tiêu chuẩn đã xác minh",
    family="standards",
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
    lists = _lists(ctx)
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
                f"'{el.id}' names standards not in the verified rows of the standards lists: " + ", ".join(unknown),
                element=el.id,
                path=("standards",) if getattr(el, "standards", None) else ("protocols",),
                hint="check them against TT 39/2017/TT-BTTTT (groups 2–4 are not in kientruc yet)",
                key="unlisted",
            )
