"""Rule INF001 (interagency-system-not-on-dedicated-network):
a system exchanging data between agencies is not on the dedicated data network.
"""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import about_province, places, province_scopes, exchanges_across_agencies, is_current, is_retiring, provincial, value
from ....i18n import msg


def _reaches_tslcd(ctx: RuleContext, el) -> bool | None:
    """True if on the dedicated network, False if placed but not on it, None if not placed at all."""
    graph = ctx.graph
    hosts = graph.targets(el.id, "hosted_on")
    places = [el] + hosts
    placed = bool(hosts)
    for p in places:
        nets = [n for n in graph.targets(p.id, "connects_to", "composed_of") if n.kind == "network"]
        nets += [n for n in graph.sources_of(p.id, "connects_to") if n.kind == "network"]
        placed = placed or bool(nets)
        if any(value(n, "network_type") == "tslcd" for n in nets):
            return True
    return False if placed else None


@rule(
    code="INF001",
    name="interagency-system-not-on-dedicated-network",
    title="A system exchanging data between agencies is not on the dedicated data network",
    title_vi="Hệ thống trao đổi dữ liệu liên cơ quan chưa kết nối Mạng truyền số liệu chuyên dùng",
    family="infrastructure",
    scope="province",
    legal_basis=(
        "Quyết định 33/2025/QĐ-TTg ngày 15/9/2025 (Mạng truyền số liệu chuyên dùng)",
        "Quyết định 1562/QĐ-TTg ngày 18/7/2025 (hạ tầng kết nối)",
        "Thông tư 27/2017/TT-BTTTT ngày 20/10/2017 (quản lý, vận hành, kết nối Mạng truyền số liệu chuyên dùng)",
    ),
    confidence="medium",
)
def interagency_system_not_on_dedicated_network(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        The architecture has the Mạng truyền số liệu chuyên dùng (a ``network`` with
        ``network_type: tslcd``) when its systems exchange data between agencies; and
        each provincial system in service that exchanges data across agencies (as in
        SEC001) and is placed somewhere (``hosted_on`` a node, or connected to a network)
        reaches the dedicated network, itself or through the node it runs on. Systems
        placed nowhere are left to INF002.
        In a model of several provinces (several UBND tỉnh), each province is judged
        on its own elements (those of its UBND tỉnh, its agencies and what they own)
        and the finding is on its UBND tỉnh.

    Kiểm tra:
        Kiến trúc có Mạng truyền số liệu chuyên dùng (``network`` với ``network_type:
        tslcd``) khi các hệ thống có trao đổi dữ liệu liên cơ quan; và mỗi hệ thống của tỉnh
        đang vận hành có trao đổi liên cơ quan (như SEC001) và đã được bố trí (``hosted_on``
        một nút hạ tầng, hoặc kết nối một mạng) kết nối tới mạng chuyên dùng, trực tiếp hoặc
        qua nút hạ tầng nơi nó chạy. Hệ thống chưa được bố trí ở đâu do INF002 kiểm tra.
        Trong mô hình nhiều tỉnh (nhiều UBND tỉnh), mỗi tỉnh được đánh giá trên các phần
        tử của riêng tỉnh đó (UBND tỉnh, các cơ quan của tỉnh và những gì họ sở hữu), và phát
        hiện được gắn với UBND tỉnh đó.

    Why:
        The dedicated data network for Party and State agencies is the connection
        infrastructure for synchronising data between agencies (QĐ 1562/QĐ-TTg; QĐ
        33/2025/QĐ-TTg). Exchanges over the public Internet need a reason and extra
        protection.

    Lý do:
        Mạng truyền số liệu chuyên dùng phục vụ các cơ quan Đảng, Nhà nước là hạ tầng kết
        nối để đồng bộ dữ liệu giữa các cơ quan (Quyết định 1562/QĐ-TTg; Quyết định
        33/2025/QĐ-TTg). Trao đổi qua Internet công cộng cần có lý do và biện pháp bảo vệ bổ
        sung.

    Fails:
        ```yaml
        - id: lgsp-lang-son
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Lạng Sơn
          platform_type: lgsp
          hosted_on: [ttdl-lang-son]
        - id: ttdl-lang-son
          kind: node
          name: Trung tâm dữ liệu tỉnh Lạng Sơn
          node_type: data_centre
          connects_to: [internet]
        - id: internet
          kind: network
          name: Đường truyền Internet
          network_type: internet
        ```

    Passes:
        ```yaml
        - id: lgsp-lang-son
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Lạng Sơn
          platform_type: lgsp
          hosted_on: [ttdl-lang-son]
        - id: ttdl-lang-son
          kind: node
          name: Trung tâm dữ liệu tỉnh Lạng Sơn
          node_type: data_centre
          connects_to: [internet, mang-tslcd]
        - id: internet
          kind: network
          name: Đường truyền Internet
          network_type: internet
        - id: mang-tslcd
          kind: network
          name: Mạng truyền số liệu chuyên dùng cấp II tỉnh Lạng Sơn
          network_type: tslcd
        ```
    """
    graph = ctx.graph
    systems = graph.of_kind("application", "database", "integration_platform", "shared_service")

    def exchanging(els: list) -> list:
        return [el for el in els
                if provincial(el) and is_current(el) and not is_retiring(el) and exchanges_across_agencies(ctx, el)]

    # judged province by province (a model of one province is one scope holding everything)
    scopes = province_scopes(ctx)
    tslcd = any(value(n, "network_type") == "tslcd" for n in graph.of_kind("network"))
    found = places(graph)
    by_province: dict[str | None, list] = {}
    for el in systems:
        by_province.setdefault(found.where.get(el.id) if found is not None else None, []).append(el)
    for scope in scopes:
        mine = exchanging(by_province.get(scope.anchor.id if scope.several and scope.anchor is not None else None, []))
        if not mine:
            continue
        if not tslcd:
            # the dedicated network is national: one missing is said once per province that exchanges
            yield about_province(
                ctx,
                msg("systems exchange data between agencies, but the architecture has no dedicated data transmission network (network_type: tslcd)"),
                key="tslcd",
                hint=msg("add the dedicated network and connect the data centre (or the systems) to it"),
                scope=scope,
            )
            continue
        yield from _not_on_tslcd(ctx, mine)
    if tslcd and scopes and scopes[0].several:  # the systems of no province
        yield from _not_on_tslcd(ctx, exchanging(by_province.get(None, [])))


def _not_on_tslcd(ctx: RuleContext, exchanging: list) -> Iterator[Violation]:
    for el in exchanging:
        if _reaches_tslcd(ctx, el) is False:
            yield Violation(
                msg("'{id}' exchanges data between agencies but neither it nor the node it runs on is on the dedicated data transmission network", id=el.id),
                element=el.id,
                hint=msg("connect it, or its data centre, to the dedicated network (connects_to)"),
                key="tslcd",
            )
