"""Organisation rules: the 2025 reorganisation (two-level local government, merged
departments and ministries, merged provinces) as it shows in the architecture.

From 1/3/2025 the Sở Thông tin và Truyền thông and the Sở Khoa học và Công nghệ of each
province are one Sở Khoa học và Công nghệ, and the Ministry of Information and
Communications is part of the Ministry of Science and Technology (NĐ 55/2025/NĐ-CP). From
1/7/2025 the district level is abolished (Luật 72/2025/QH15) and 34 provinces replace 63
(NQ 202/2025/QH15).
"""
