"""Rule INT007 (connection-account-sla-too-long):
a data provider takes longer than 2 working days to create a connection account.
"""

from __future__ import annotations

from typing import Iterator

from ....frameworks import law_day
from ...registry import RuleContext, Violation, rule
from ....i18n import msg


@rule(
    code="INT007",
    name="connection-account-sla-too-long",
    title="A data provider takes longer than 2 working days to create a connection account",
    title_vi="Bên cung cấp dữ liệu tạo tài khoản kết nối quá 2 ngày làm việc",
    family="integration",
    scope="element", radius=0,
    legal_basis=("Nghị định 47/2020/NĐ-CP, Điều 35 khoản 3, sửa đổi bởi Nghị định 194/2025/NĐ-CP, Điều 40",),
    confidence="medium",
    in_force_from=law_day("nd-194-2025", "effective"),
)
def connection_account_sla_too_long(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 19/8/2025, a system or database that declares
        ``properties: {connection_account_sla_days: N}`` (how many working days it takes
        to create a connection account for an agency that asks) has N ≤ 2. Elements that
        do not declare it are not checked.

    Kiểm tra:
        Từ ngày 19/8/2025, hệ thống hoặc cơ sở dữ liệu khai báo
        ``properties: {connection_account_sla_days: N}`` (số ngày làm việc để tạo tài
        khoản kết nối cho cơ quan đề nghị) có N ≤ 2. Phần tử không khai báo không bị kiểm
        tra.

    Why:
        NĐ 194/2025/NĐ-CP (effective 19/8/2025) amends khoản 3 Điều 35 of NĐ 47/2020: the
        data provider creates the connection account within 2 working days. A longer
        service level written in the architecture contradicts the decree.

    Lý do:
        Nghị định 194/2025/NĐ-CP (hiệu lực 19/8/2025) sửa khoản 3 Điều 35 Nghị định
        47/2020/NĐ-CP: bên cung cấp dữ liệu tạo tài khoản kết nối trong 2 ngày làm việc.
        Kiến trúc ghi thời hạn dài hơn là trái với nghị định.

    Fails:
        ```yaml
        - id: csdl-dat-dai-tinh
          kind: database
          name: Cơ sở dữ liệu đất đai tỉnh Quảng Ngãi
          properties: {connection_account_sla_days: 5}
        ```

    Passes:
        ```yaml
        - id: csdl-dat-dai-tinh
          kind: database
          name: Cơ sở dữ liệu đất đai tỉnh Quảng Ngãi
          properties: {connection_account_sla_days: 2}
        ```
    """
    for el in ctx.graph.elements():
        days = el.properties.get("connection_account_sla_days")
        if isinstance(days, bool) or not isinstance(days, (int, float)):
            continue
        if days > 2:
            yield Violation(
                msg("'{id}' takes {days} working days to create a connection account; the limit is {limit}", id=el.id, days=days, limit=2),
                element=el.id,
                path=("properties", "connection_account_sla_days"),
                hint=msg("shorten the procedure to 2 working days (NĐ 194/2025/NĐ-CP)"),
                key="sla",
            )
