"""Rule ORG002 (it-authority-outdated):
a shared IT platform is owned by an agency that is not the IT authority on that day.
"""

from __future__ import annotations

from typing import Iterator

from ...registry import Related, RuleContext, Violation, rule
from .._common import ancestors, date_vi, fold, is_lgsp, owners, provincial, reorganisation, value
from ....i18n import Msg, msg


def _is_ict_department(org) -> bool:
    text = fold(org.name) + " " + fold(getattr(org, "abbreviation", None))
    return "thong tin va truyen thong" in text or "tt&tt" in text or "stttt" in text.replace(" ", "")


def _is_st_department(org) -> bool:
    text = fold(org.name) + " " + fold(getattr(org, "abbreviation", None))
    return "khoa hoc va cong nghe" in text or "kh&cn" in text or "skhcn" in text.replace(" ", "")


def _is_department(org) -> bool:
    return value(org, "org_type") == "department" or fold(org.name).startswith("so ")


def _national_old(org) -> Msg | None:
    text = fold(org.name)
    if "bo thong tin va truyen thong" in text:
        return msg("the Ministry of Information and Communications merged into the Ministry of Science and Technology")
    if "cuc tin hoc hoa" in text:
        return msg("the Authority of Information Technology Application became the National Digital Transformation Agency")
    return None


@rule(
    code="ORG002",
    name="it-authority-outdated",
    title="A shared IT platform is owned by an agency that is not the IT authority on that day",
    title_vi="Nền tảng CNTT dùng chung thuộc cơ quan không còn (hoặc chưa) là cơ quan quản lý CNTT",
    family="organisation",
    legal_basis=("Nghị định 55/2025/NĐ-CP", "Hợp nhất Sở TT&TT và Sở KH&CN các tỉnh từ 1/3/2025"),
    confidence="high",
    scope="kinds",
    kinds=("organization", "integration_platform", "node"),
    types=("owns", "member_of", "composed_of"),
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
        e for e in graph.of_kind("integration_platform", "node")  # the LGSP, the data centres
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
                    msg("'{id}' is owned through '{department}' (the Department of Information and Communications), which merged into the "
                        "Department of Science and Technology on {day}", id=el.id, department=dept.id, day=merged),
                    element=el.id,
                    related=(Related(dept.id, (), msg("the former department")),),
                    hint=msg("end the old department (valid_to: 2025-02-28) and move ownership to the Department of Science and Technology "
                             "(owns with valid_from: 2025-03-01)"),
                    key="owner",
                )
            elif not after and _is_st_department(dept) and not _is_ict_department(dept):
                yield Violation(
                    msg("'{id}' is owned through '{department}' (the Department of Science and Technology) on {day}, "
                        "before it took over IT on {merged}; the IT authority then was the Department of Information and Communications", id=el.id, department=dept.id, day=ctx.day, merged=merged),
                    element=el.id,
                    related=(Related(dept.id, (), msg("the owning department")),),
                    hint=msg("give the ownership a valid_from: 2025-03-01 and model the earlier owner"),
                    key="owner",
                )
    if after:
        for org in graph.of_kind("organization"):
            why = _national_old(org)
            if why:
                yield Violation(
                    msg("'{id}' is still in force, but {why} on {day}", id=org.id, why=why, day=merged),
                    element=org.id,
                    hint=msg("end it (valid_to: 2025-02-28) and relate to its successor (successors)"),
                    key="national",
                )
