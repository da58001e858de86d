"""Consolidation rules: the systems a merged province inherited from its predecessors.

From 1/7/2025, 34 provincial units replace 63 (Nghị quyết 202/2025/QH15). A merged province
inherits two or three LGSPs, TTHC systems, portals, data centres… (twins by function, found by
:mod:`kientruc.twins`); its architecture must show which it keeps, which it migrates and retires,
and the roadmap items that do it (the target architecture "thể hiện tính kế thừa, liên thông và
tối ưu nguồn lực", Công văn 2943/CĐSQG-CNCPS). Before the merger day the systems belong to
different provinces and are not twins.
"""
