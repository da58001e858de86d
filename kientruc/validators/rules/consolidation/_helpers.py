"""What the consolidation rules share: the legal basis of a merged province's consolidation.

The instruments are cited by number and date as the project's reference has them
(../shared/reference/national-framework.md §1, §2.4, §5: NQ 202/2025/QH15 of 12/6/2025, Luật
72/2025/QH15 of 16/6/2025, QĐ 3090/QĐ-BKHCN of 08/10/2025, CV 2943/CĐSQG-CNCPS of 27/10/2025, whose
target architecture "demonstrates inheritance, interconnectivity and resource optimisation" [V]). The
article of each that says so was not retrieved, so the rules cite no article and are of medium
confidence.
"""

from __future__ import annotations

LEGAL_BASIS = (
    "Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh",
    "Luật Tổ chức chính quyền địa phương 72/2025/QH15 ngày 16/6/2025",
    "Quyết định 3090/QĐ-BKHCN ngày 08/10/2025 (Khung kiến trúc tổng thể quốc gia số)",
    "Công văn 2943/CĐSQG-CNCPS ngày 27/10/2025 (kiến trúc mục tiêu thể hiện tính kế thừa, liên thông, "
    "tối ưu nguồn lực)",
)
