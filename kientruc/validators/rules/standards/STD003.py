"""Rule STD003 (national-database-access-mode-missing):
a connection to a national database does not say whether it reads or updates.
"""

from __future__ import annotations

from typing import Iterator

from ....frameworks import law_day
from ...registry import RuleContext, Violation, rule
from .._common import provincial, value
from ....i18n import msg


@rule(
    code="STD003",
    name="national-database-access-mode-missing",
    title="A connection to a national database does not say whether it reads or updates",
    title_vi="Kết nối tới cơ sở dữ liệu quốc gia chưa xác định là khai thác hay cập nhật",
    family="standards",
    scope="element", radius=1,
    legal_basis=("Thông tư 13/2017/TT-BTTTT, Điều 5",),
    confidence="medium",
    in_force_from=law_day("tt-13-2017", "effective"),
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
                msg("the connection of '{source}' to the national database '{target}' does not say whether it reads "
                    "(khai_thac) or updates (cap_nhat)", source=src.id, target=dst.id),
                element=rel.written_by,
                path=rel.path,
                hint=msg("write the relation as a mapping with access: khai_thac or access: cap_nhat"),
                key=dst.id,
            )
        elif spec.access == "cap_nhat" and not spec.data:
            yield Violation(
                msg("the update connection of '{source}' to '{target}' does not name the data elements it updates", source=src.id, target=dst.id),
                element=rel.written_by,
                path=rel.path,
                hint=msg("list the updated data elements in data"),
                key=dst.id,
            )
