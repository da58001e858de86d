"""Data rules: the data principles of the 2025 outline and personal-data protection.

The 2025 outline for provincial digital architectures (Công văn 2943/CĐSQG-CNCPS) asks for
databases that are "đúng, đủ, sạch, sống, thống nhất, dùng chung"; the national data
architecture (QĐ 2439/QĐ-TTg) sorts data into layers (gốc, đặc tả, chủ, danh mục, giao dịch,
tổng hợp, phân tích, mở). Personal data is protected by NĐ 13/2023/NĐ-CP, and from 1/1/2026
by the Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 with NĐ 356/2025/NĐ-CP.
"""
