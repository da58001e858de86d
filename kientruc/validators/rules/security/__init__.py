"""Security rules: security levels of information systems (NĐ 85/2016/NĐ-CP), one owner per
system, the four-layer protection model and state secrets.

The Luật An toàn thông tin mạng 2015 sets five security levels (cấp độ 1–5); NĐ 85/2016/NĐ-CP
says how a system's level is determined and approved, that each system has one owner (chủ
quản), and that a system made of components takes the highest level of its components.
Only the criteria for level 1 and 2 are verified in kientruc's reference; rules that use
the level-3 criteria say so and only warn.
"""
