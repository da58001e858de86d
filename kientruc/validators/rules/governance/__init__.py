"""Governance rules: the provincial steering body for e-government and digital transformation.

The v1.0 and v2.0 overview diagrams have a "Quản lý, chỉ đạo" / "Chỉ đạo, chính sách"
component; the Prime Minister set up the National Committee on e-Government in 2018 (QĐ
1072/QĐ-TTg) and provinces set up their steering committees (Quảng Trị: QĐ 2508/QĐ-UBND,
30/10/2018), later succeeded by digital-transformation steering bodies and, under NQ
57-NQ/TW, the Party-led committees for science, technology, innovation and digital
transformation (2025–).
"""
