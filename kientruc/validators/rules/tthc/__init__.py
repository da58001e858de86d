"""Administrative-procedure rules: the TTHC information system, the National Public Service
Portal, public-administration service centres and online service modes.

Since NĐ 107/2021/NĐ-CP the provincial public-service portal and the electronic one-stop
system form one *Hệ thống thông tin giải quyết thủ tục hành chính cấp tỉnh*, synchronised
with the *Cổng Dịch vụ công quốc gia* (QĐ 31/2021/QĐ-TTg Điều 30). From 1/7/2025 procedures
are received at provincial and commune-level public-administration service centres
(NĐ 118/2025/NĐ-CP).
"""
