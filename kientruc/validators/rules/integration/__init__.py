"""Integration rules: the LGSP, the NDXP, exchanges between agencies and with national databases.

The provincial data integration and sharing platform (LGSP, *Nền tảng tích hợp, chia sẻ
dữ liệu cấp tỉnh*) is the intermediary between the province's systems and the outside
(TT 13/2017/TT-BTTTT Điều 17) and is connected to the national platform NDXP (formerly
NGSP; NĐ 194/2025/NĐ-CP Điều 20). From 2025 national data is shared through the national
data centre's data sharing and coordination platform (NĐ 278/2025/NĐ-CP).
"""
