"""Electronic-document rules: the national document axis, agency identifier codes, signatures.

Agencies exchange electronic documents between their document management systems
(QLVB&ĐH) through the *Trục liên thông văn bản quốc gia* (QĐ 28/2018/QĐ-TTg), each agency
named by its electronic identifier code (*mã định danh*, QCVN 102:2016/BTTTT as amended by
TT 01/2022/TT-BTTTT), documents signed with the official-duty digital signature.
"""
