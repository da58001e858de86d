"""What the consolidation rules share: the legal basis of a merged province's consolidation."""

from __future__ import annotations

LEGAL_BASIS = (
    "Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh",
    "Luật Tổ chức chính quyền địa phương 72/2025/QH15 ngày 16/6/2025",
    "Quyết định 3090/QĐ-BKHCN ngày 08/10/2025 (Khung kiến trúc tổng thể quốc gia số)",
    "Công văn 2943/CĐSQG-CNCPS ngày 27/10/2025 (kiến trúc mục tiêu thể hiện tính kế thừa, liên thông, "
    "tối ưu nguồn lực)",
)
