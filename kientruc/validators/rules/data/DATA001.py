"""Rule DATA001 (database-data-principles-undeclared): a database does not say its data layer or its data quality."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import is_retiring, provincial, value
from ....i18n import msg


@rule(
    code="DATA001",
    name="database-data-principles-undeclared",
    title="A database does not say its data layer or its data quality",
    title_vi="Cơ sở dữ liệu chưa xác định lớp dữ liệu hoặc mức đáp ứng tiêu chí dữ liệu",
    family="data",
    scope="element", radius=0,
    generation=4,
    legal_basis=(
        "Công văn 2943/CĐSQG-CNCPS ngày 27/10/2025 (đúng, đủ, sạch, sống, thống nhất, dùng chung)",
        "Quyết định 2439/QĐ-TTg ngày 04/11/2025 (kiến trúc dữ liệu quốc gia, các lớp dữ liệu)",
        "Nghị định 194/2025/NĐ-CP, Điều 16 (mặc định chia sẻ)",
    ),
    confidence="medium",
)
def database_data_principles_undeclared(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Under framework 4.0 and the national digital architecture, each provincial
        database in service declares its ``data_layer`` (goc, dac_ta, chu, danh_muc,
        giao_dich, tong_hop, phan_tich, mo) and its ``quality``: the criteria of the 2025
        outline it meets (dung, du, sach, song, thong_nhat, dung_chung; ``[]`` when it was
        assessed and meets none).

    Kiểm tra:
        Theo Khung 4.0 và Khung kiến trúc tổng thể quốc gia số, mỗi cơ sở dữ liệu của tỉnh
        đang vận hành khai báo ``data_layer`` (goc, dac_ta, chu, danh_muc, giao_dich,
        tong_hop, phan_tich, mo) và ``quality``: các tiêu chí của đề cương năm 2025 mà nó đáp
        ứng (dung, du, sach, song, thong_nhat, dung_chung; ``[]`` nếu đã đánh giá và chưa đáp
        ứng tiêu chí nào).

    Why:
        Công văn 2943/CĐSQG-CNCPS requires databases to be correct, complete, clean, live,
        unified and shared, and QĐ 2439/QĐ-TTg classifies data by layer; sharing by default
        (NĐ 194/2025/NĐ-CP Điều 16) needs to know which data is master, reference or open.
        This is advice: the province assesses its data over time.

    Lý do:
        Công văn 2943/CĐSQG-CNCPS yêu cầu cơ sở dữ liệu bảo đảm đúng, đủ, sạch, sống, thống
        nhất, dùng chung, và Quyết định 2439/QĐ-TTg phân loại dữ liệu theo lớp; chia sẻ mặc
        định (Điều 16 Nghị định 194/2025/NĐ-CP) cần biết dữ liệu nào là dữ liệu chủ, danh mục
        hay dữ liệu mở. Đây là khuyến nghị: tỉnh đánh giá dữ liệu dần theo thời gian.

    Fails:
        ```yaml
        - id: csdl-dat-dai-tinh
          kind: database
          name: Cơ sở dữ liệu đất đai tỉnh Gia Lai
          scope: sectoral
        ```

    Passes:
        ```yaml
        - id: csdl-dat-dai-tinh
          kind: database
          name: Cơ sở dữ liệu đất đai tỉnh Gia Lai
          scope: sectoral
          data_layer: chu
          quality: [dung, du, sach]
        ```
    """
    for db in ctx.graph.of_kind("database"):
        if not provincial(db) or is_retiring(db) or str(db.status) == "planned":
            continue
        missing = []
        if value(db, "data_layer") is None:
            missing.append(msg("its data layer (data_layer)"))
        if getattr(db, "quality", None) is None:
            missing.append(msg("the data criteria it meets (quality: dung, du, sach, song…)"))
        if missing:
            yield Violation(
                msg("database '{id}' does not declare {missing}", id=db.id, missing=tuple(missing)) if len(missing) == 1 else
                msg("database '{id}' does not declare {first} nor {second}", id=db.id, first=missing[0], second=missing[1]),
                element=db.id,
                hint=msg("add data_layer and quality"),
                key="principles",
            )
