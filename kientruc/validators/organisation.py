"""Organisation rules: the 2025 reorganisation (two-level local government, merged
departments and ministries, merged provinces) as it shows in the architecture.

From 1/3/2025 the Sở Thông tin và Truyền thông and the Sở Khoa học và Công nghệ of each
province are one Sở Khoa học và Công nghệ, and the Ministry of Information and
Communications is part of the Ministry of Science and Technology (NĐ 55/2025/NĐ-CP). From
1/7/2025 the district level is abolished (Luật 72/2025/QH15) and 34 provinces replace 63
(NQ 202/2025/QH15).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Iterator

from ..frameworks import catalog
from ._common import (
    about_province,
    ancestors,
    date_vi,
    fold,
    is_lgsp,
    is_retiring,
    owners,
    provincial,
    reorganisation,
    value,
)
from .registry import Related, RuleContext, Violation, rule

TWO_LEVEL = dt.date(2025, 7, 1)
MERGED = dt.date(2025, 3, 1)
COMMUNE_LEVELS = ("xa", "phuong", "dac_khu")


@rule(
    code="ORG001",
    name="district-level-unit-active",
    title="A district-level unit is still in force after the district level was abolished",
    title_vi="Đơn vị cấp huyện vẫn còn hiệu lực sau khi chấm dứt cấp huyện",
    family="organisation",
    legal_basis=("Luật Tổ chức chính quyền địa phương 72/2025/QH15", "Nghị quyết 202/2025/QH15"),
    confidence="high",
    in_force_from=TWO_LEVEL,
)
def district_level_unit_active(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 1/7/2025, no provincial organization in force has ``admin_level: huyen``
        (a district, town or provincial city as a unit of government, or its people's
        committee).

    Kiểm tra:
        Từ ngày 1/7/2025, không cơ quan, đơn vị nào của tỉnh còn hiệu lực có
        ``admin_level: huyen`` (huyện, thị xã, thành phố thuộc tỉnh với tư cách cấp chính
        quyền, hoặc Ủy ban nhân dân của các đơn vị đó).

    Why:
        Local government has two levels from 1/7/2025 (Luật 72/2025/QH15): province and
        commune. A district still in force in the model keeps owners, one-stop counters and
        document routes that no longer exist; end it on 30/6/2025 and give its work to the
        communes that succeed it (``successors``).

    Lý do:
        Từ ngày 1/7/2025 chính quyền địa phương có hai cấp (Luật 72/2025/QH15): tỉnh và xã.
        Huyện còn hiệu lực trong mô hình giữ lại chủ quản, bộ phận một cửa và luồng văn bản
        không còn tồn tại; hãy kết thúc đơn vị đó ngày 30/6/2025 và chuyển nhiệm vụ cho các
        xã kế thừa (``successors``).

    Fails:
        ```yaml
        # as-of: 2025-08-01
        - id: ubnd-huyen-gio-linh
          kind: organization
          name: Ủy ban nhân dân huyện Gio Linh
          org_type: administrative_unit
          admin_level: huyen
        ```

    Passes:
        ```yaml
        # as-of: 2025-08-01
        - id: ubnd-huyen-gio-linh
          kind: organization
          name: Ủy ban nhân dân huyện Gio Linh
          org_type: administrative_unit
          admin_level: huyen
          valid_to: 2025-06-30
          successors: [ubnd-xa-gio-linh]
        - id: ubnd-xa-gio-linh
          kind: organization
          name: Ủy ban nhân dân xã Gio Linh
          org_type: administrative_unit
          admin_level: xa
          valid_from: 2025-07-01
        ```
    """
    for org in ctx.graph.of_kind("organization"):
        if provincial(org) and value(org, "admin_level") == "huyen":
            yield Violation(
                f"'{org.id}' is a district-level unit, but the district level was abolished on {date_vi(TWO_LEVEL)}",
                element=org.id,
                path=("admin_level",),
                hint="end it (valid_to: 2025-06-30) and name the communes that succeed it (successors)",
                key="huyen",
            )


def _is_ict_department(org) -> bool:
    text = fold(org.name) + " " + fold(getattr(org, "abbreviation", None))
    return "thong tin va truyen thong" in text or "tt&tt" in text or "stttt" in text.replace(" ", "")


def _is_st_department(org) -> bool:
    text = fold(org.name) + " " + fold(getattr(org, "abbreviation", None))
    return "khoa hoc va cong nghe" in text or "kh&cn" in text or "skhcn" in text.replace(" ", "")


def _is_department(org) -> bool:
    return value(org, "org_type") == "department" or fold(org.name).startswith("so ")


def _national_old(org) -> str | None:
    text = fold(org.name)
    if "bo thong tin va truyen thong" in text:
        return "the Ministry of Information and Communications merged into the Ministry of Science and Technology"
    if "cuc tin hoc hoa" in text:
        return "the Cục Tin học hóa became the Cục Chuyển đổi số quốc gia"
    return None


@rule(
    code="ORG002",
    name="it-authority-outdated",
    title="A shared IT platform is owned by an agency that is not the IT authority on that day",
    title_vi="Nền tảng CNTT dùng chung thuộc cơ quan không còn (hoặc chưa) là cơ quan quản lý CNTT",
    family="organisation",
    legal_basis=("Nghị định 55/2025/NĐ-CP", "Hợp nhất Sở TT&TT và Sở KH&CN các tỉnh từ 1/3/2025"),
    confidence="high",
)
def it_authority_outdated(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        The department owning the province's shared IT platforms (the LGSP, the data
        centre), directly or as the parent of the owning unit, is the Sở Thông tin và
        Truyền thông before 1/3/2025 and the Sở Khoa học và Công nghệ from then on (the
        UBND tỉnh or its office may own them at any time). National organizations in
        force from 1/3/2025 are not the Bộ Thông tin và Truyền thông or the Cục Tin học
        hóa. Departments are recognised by name (without accents) or abbreviation.

    Kiểm tra:
        Sở chủ quản các nền tảng CNTT dùng chung của tỉnh (LGSP, trung tâm dữ liệu), trực
        tiếp hoặc là cơ quan cấp trên của đơn vị chủ quản, là Sở Thông tin và Truyền thông
        trước ngày 1/3/2025 và Sở Khoa học và Công nghệ từ ngày đó (UBND tỉnh hoặc Văn phòng
        UBND tỉnh có thể là chủ quản bất cứ lúc nào). Các cơ quan trung ương còn hiệu lực từ
        1/3/2025 không phải Bộ Thông tin và Truyền thông hay Cục Tin học hóa. Sở được nhận
        biết theo tên (không dấu) hoặc tên viết tắt.

    Why:
        On 1/3/2025 each province's Sở TT&TT and Sở KH&CN merged into the Sở KH&CN, which
        now holds IT and digital transformation; MIC merged into MOST and the Cục Tin học
        hóa is now the Cục Chuyển đổi số quốc gia (NĐ 55/2025/NĐ-CP). Platforms still owned
        by the old department, or national counterparts under their old names, mislead
        about who is responsible.

    Lý do:
        Từ ngày 1/3/2025, Sở TT&TT và Sở KH&CN các tỉnh hợp nhất thành Sở KH&CN, cơ quan nay
        phụ trách CNTT và chuyển đổi số; Bộ TT&TT hợp nhất vào Bộ KH&CN và Cục Tin học hóa nay
        là Cục Chuyển đổi số quốc gia (Nghị định 55/2025/NĐ-CP). Nền tảng vẫn thuộc sở cũ,
        hay cơ quan trung ương mang tên cũ, làm sai lệch trách nhiệm.

    Fails:
        ```yaml
        # as-of: 2025-06-01
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông tỉnh Lạng Sơn
          org_type: department
          owns: [lgsp-lang-son]
        - id: lgsp-lang-son
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Lạng Sơn
          platform_type: lgsp
        ```

    Passes:
        ```yaml
        # as-of: 2025-06-01
        - id: so-khcn
          kind: organization
          name: Sở Khoa học và Công nghệ tỉnh Lạng Sơn
          org_type: department
          owns: [lgsp-lang-son]
        - id: lgsp-lang-son
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Lạng Sơn
          platform_type: lgsp
        ```
    """
    graph = ctx.graph
    merged = reorganisation("departments_merged")
    after = ctx.day >= merged
    platforms = [
        e for e in graph.elements()
        if provincial(e) and (is_lgsp(e) or (e.kind == "node" and value(e, "node_type") == "data_centre"))
    ]
    for el in platforms:
        for oid in owners(graph, el.id):
            dept = next((a for a in ancestors(graph, oid) if _is_department(a)), None)
            if dept is not None and not (_is_ict_department(dept) or _is_st_department(dept)):
                dept = None
            if dept is None:
                continue
            if after and _is_ict_department(dept) and not _is_st_department(dept):
                yield Violation(
                    f"'{el.id}' is owned through '{dept.id}' (Sở Thông tin và Truyền thông), which merged into the "
                    f"Sở Khoa học và Công nghệ on {date_vi(merged)}",
                    element=el.id,
                    related=(Related(dept.id, (), "the former department"),),
                    hint="end the old department (valid_to: 2025-02-28) and move ownership to the Sở KH&CN "
                    "(owns with valid_from: 2025-03-01)",
                    key="owner",
                )
            elif not after and _is_st_department(dept) and not _is_ict_department(dept):
                yield Violation(
                    f"'{el.id}' is owned through '{dept.id}' (Sở Khoa học và Công nghệ) on {date_vi(ctx.day)}, "
                    f"before it took over IT on {date_vi(merged)}; the IT authority then was the Sở TT&TT",
                    element=el.id,
                    related=(Related(dept.id, (), "the owning department"),),
                    hint="give the ownership a valid_from: 2025-03-01 and model the earlier owner",
                    key="owner",
                )
    if after:
        for org in graph.of_kind("organization"):
            why = _national_old(org)
            if why:
                yield Violation(
                    f"'{org.id}' is still in force, but {why} on {date_vi(merged)}",
                    element=org.id,
                    hint="end it (valid_to: 2025-02-28) and relate to its successor (successors)",
                    key="national",
                )


SHARED_KINDS = {
    "tthc": "Hệ thống thông tin giải quyết TTHC",
    "document_management": "Hệ thống quản lý văn bản và điều hành",
    "web_portal": "Cổng thông tin điện tử",
    "email": "Thư điện tử công vụ",
    "ioc": "Trung tâm giám sát, điều hành thông minh (IOC)",
    "reporting": "Hệ thống thông tin báo cáo",
    "open_data": "Cổng dữ liệu mở",
    "task_management": "Hệ thống quản lý, giao việc",
    "citizen_app": "Ứng dụng công dân",
    "data_warehouse": "Kho dữ liệu dùng chung",
    "video_conference": "Hệ thống hội nghị truyền hình",
}


@rule(
    code="ORG003",
    name="duplicate-shared-system",
    title="The province has two systems in service for one shared function",
    title_vi="Tỉnh có hai hệ thống dùng chung cùng chức năng đang vận hành",
    family="organisation",
    legal_basis=(
        "Quyết định 1562/QĐ-TTg ngày 18/7/2025 (liên thông, đồng bộ)",
        "Nghị định 194/2025/NĐ-CP",
        "Quyết định 3090/QĐ-BKHCN (nguyên tắc tránh trùng lặp)",
    ),
    confidence="medium",
)
def duplicate_shared_system(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        On the day checked, the province has at most one system in service (not
        ``retiring``) per shared function: the LGSP, the TTHC system, the document
        management system, the web portal, official e-mail, the IOC, the reporting
        system, the open-data portal, task management, the citizen app, the shared data
        warehouse, video conferencing. A transitional duplicate — typical after the
        merger of two provinces in 2025 — passes when all but one are ``retiring`` (being
        consolidated). Data centres are not counted: a province may have a primary and a
        backup site.

    Kiểm tra:
        Vào ngày kiểm tra, tỉnh có nhiều nhất một hệ thống đang vận hành (không
        ``retiring``) cho mỗi chức năng dùng chung: LGSP, hệ thống giải quyết TTHC, hệ thống
        quản lý văn bản và điều hành, cổng thông tin điện tử, thư điện tử công vụ, IOC, hệ
        thống báo cáo, cổng dữ liệu mở, quản lý giao việc, ứng dụng công dân, kho dữ liệu
        dùng chung, hội nghị truyền hình. Hệ thống trùng trong giai đoạn chuyển tiếp — thường
        gặp sau hợp nhất tỉnh năm 2025 — được chấp nhận khi tất cả trừ một đều ``retiring``
        (đang hợp nhất). Trung tâm dữ liệu không được tính: tỉnh có thể có trung tâm chính và
        trung tâm dự phòng.

    Why:
        Shared systems exist to be shared: two of them split the data and the users, and
        the national platforms expect one connection per province (QĐ 1562/QĐ-TTg, NĐ
        194/2025/NĐ-CP; 3090's principle of avoiding duplication). Merged provinces had to
        choose one system per function.

    Lý do:
        Hệ thống dùng chung là để dùng chung: hai hệ thống chia cắt dữ liệu và người dùng,
        và các nền tảng quốc gia chờ đợi một kết nối cho mỗi tỉnh (Quyết định 1562/QĐ-TTg,
        Nghị định 194/2025/NĐ-CP; nguyên tắc tránh trùng lặp của 3090). Các tỉnh hợp nhất đã
        phải chọn một hệ thống cho mỗi chức năng.

    Fails:
        ```yaml
        # as-of: 2025-09-01
        - id: lgsp-quang-binh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Quảng Bình (cũ)
          platform_type: lgsp
        - id: lgsp-quang-tri
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Quảng Trị
          platform_type: lgsp
        ```

    Passes:
        ```yaml
        # as-of: 2025-09-01
        - id: lgsp-quang-binh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Quảng Bình (cũ)
          platform_type: lgsp
          status: retiring
          successors: [lgsp-quang-tri]
        - id: lgsp-quang-tri
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Quảng Trị
          platform_type: lgsp
        ```
    """
    groups: dict[str, list] = defaultdict(list)
    for el in ctx.graph.elements():
        if not provincial(el) or is_retiring(el):
            continue
        if is_lgsp(el):
            groups["lgsp"].append(el)
        elif el.kind in ("application", "shared_service") and value(el, "system_type") in SHARED_KINDS:
            groups[value(el, "system_type")].append(el)
    titles = dict(SHARED_KINDS, lgsp="Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)")
    for kind, els in groups.items():
        for dup in els[1:]:
            yield Violation(
                f"'{dup.id}' and '{els[0].id}' are both in service as the province's {titles[kind]}",
                element=dup.id,
                related=(Related(els[0].id, (), "the other system"),),
                hint="keep one; mark the other retiring (with a roadmap item to consolidate it) or end it (valid_to)",
                key=kind,
            )


def _province_facts(ctx: RuleContext) -> dict | None:
    name = fold(ctx.architecture.manifest.province)
    for p in catalog().get("provinces", []):
        if p["from"] <= ctx.day and any(fold(n) == name or name.endswith(fold(n)) for n in p["names"]):
            return p
    return None


@rule(
    code="ORG004",
    name="commune-units-inconsistent",
    title="The commune-level units do not match the reorganisation, or belong to no province",
    title_vi="Đơn vị hành chính cấp xã không khớp với sắp xếp, hoặc không thuộc tỉnh",
    family="organisation",
    legal_basis=(
        "Nghị quyết 202/2025/QH15",
        "Nghị quyết của Ủy ban Thường vụ Quốc hội ngày 16/6/2025 về sắp xếp đơn vị hành chính cấp xã",
        "Luật Tổ chức chính quyền địa phương 72/2025/QH15",
    ),
    confidence="high",
    in_force_from=TWO_LEVEL,
)
def commune_units_inconsistent(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 1/7/2025, where the model lists commune-level units (organizations with
        ``admin_level: xa``, ``phuong`` or ``dac_khu``): each belongs to the province
        (``member_of`` an organization with ``admin_level: tinh``, or part of it through
        ``composed_of``); and, for provinces whose new units kientruc knows, their numbers
        match (Quảng Trị: 78 — 69 xã, 8 phường, 1 đặc khu, Cồn Cỏ). An element that stands
        for several units counts as its ``unit_count``. A model that lists no commune-level
        unit is not counted.

    Kiểm tra:
        Từ ngày 1/7/2025, nếu mô hình liệt kê đơn vị hành chính cấp xã (cơ quan có
        ``admin_level: xa``, ``phuong`` hoặc ``dac_khu``): mỗi đơn vị thuộc tỉnh
        (``member_of`` một cơ quan có ``admin_level: tinh``, hoặc là thành phần qua
        ``composed_of``); và với các tỉnh mà kientruc biết số đơn vị mới, số lượng khớp
        (Quảng Trị: 78 — 69 xã, 8 phường, 1 đặc khu Cồn Cỏ). Phần tử đại diện cho nhiều đơn
        vị được tính theo ``unit_count``. Mô hình không liệt kê đơn vị cấp xã thì không bị
        đếm.

    Why:
        The resolutions of the National Assembly Standing Committee of 16/6/2025 fixed the
        commune-level units of each new province. A count that does not match means units
        missing from the architecture (their service centres, their document routes) or
        pre-merger units left in force.

    Lý do:
        Các nghị quyết của Ủy ban Thường vụ Quốc hội ngày 16/6/2025 đã xác định đơn vị hành
        chính cấp xã của từng tỉnh mới. Số lượng không khớp nghĩa là thiếu đơn vị trong kiến
        trúc (trung tâm phục vụ hành chính công, luồng văn bản của các đơn vị đó) hoặc còn
        đơn vị cũ trước sắp xếp.

    Fails:
        ```yaml
        # as-of: 2025-09-01
        - id: ubnd-tinh
          kind: organization
          name: Ủy ban nhân dân tỉnh Lạng Sơn
          org_type: government
          admin_level: tinh
        - id: ubnd-phuong-luong-van-tri
          kind: organization
          name: Ủy ban nhân dân phường Lương Văn Tri
          org_type: administrative_unit
          admin_level: phuong
        ```

    Passes:
        ```yaml
        # as-of: 2025-09-01
        - id: ubnd-tinh
          kind: organization
          name: Ủy ban nhân dân tỉnh Lạng Sơn
          org_type: government
          admin_level: tinh
        - id: ubnd-phuong-luong-van-tri
          kind: organization
          name: Ủy ban nhân dân phường Lương Văn Tri
          org_type: administrative_unit
          admin_level: phuong
          member_of: [ubnd-tinh]
        ```
    """
    graph = ctx.graph
    communes = [o for o in graph.of_kind("organization") if provincial(o) and value(o, "admin_level") in COMMUNE_LEVELS]
    if not communes:
        return
    for c in communes:
        ups = list(ancestors(graph, c.id))[1:]
        if not any(value(u, "admin_level") == "tinh" for u in ups):
            yield Violation(
                f"commune-level unit '{c.id}' belongs to no province-level organization in the model",
                element=c.id,
                hint="add member_of: [<the UBND tỉnh id>]",
                key="parent",
            )
    facts = _province_facts(ctx)
    if facts is None:
        return
    counts = {
        level: sum(getattr(c, "unit_count", None) or 1 for c in communes if value(c, "admin_level") == level)
        for level in COMMUNE_LEVELS
    }
    expected = {level: facts["communes"].get(level, 0) for level in COMMUNE_LEVELS}
    if counts != expected:
        def show(d):
            return f"{sum(d.values())} ({d['xa']} xã, {d['phuong']} phường, {d['dac_khu']} đặc khu)"

        yield about_province(
            ctx,
            f"the model has {show(counts)} commune-level units in force; {facts['title']} has {show(expected)}",
            key="count",
            hint=f"source: {facts['source']}",
        )
