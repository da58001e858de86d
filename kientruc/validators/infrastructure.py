"""Infrastructure rules: the dedicated data network, hosting in a data centre or cloud, the
national monitoring centre, data-centre standards.
"""

from __future__ import annotations

from typing import Iterator

from ._common import about_province, check_connections, is_current, is_retiring, provincial, value
from .registry import RuleContext, Violation, rule
from .security import exchanges_across_agencies


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
    legal_basis=(
        "Quyết định 33/2025/QĐ-TTg ngày 15/9/2025 (Mạng truyền số liệu chuyên dùng)",
        "Quyết định 1562/QĐ-TTg ngày 18/7/2025 (hạ tầng kết nối)",
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

    Kiểm tra:
        Kiến trúc có Mạng truyền số liệu chuyên dùng (``network`` với ``network_type:
        tslcd``) khi các hệ thống có trao đổi dữ liệu liên cơ quan; và mỗi hệ thống của tỉnh
        đang vận hành có trao đổi liên cơ quan (như SEC001) và đã được bố trí (``hosted_on``
        một nút hạ tầng, hoặc kết nối một mạng) kết nối tới mạng chuyên dùng, trực tiếp hoặc
        qua nút hạ tầng nơi nó chạy. Hệ thống chưa được bố trí ở đâu do INF002 kiểm tra.

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
    exchanging = [
        el
        for el in graph.of_kind("application", "database", "integration_platform", "shared_service")
        if provincial(el) and is_current(el) and not is_retiring(el) and exchanges_across_agencies(ctx, el)
    ]
    if not exchanging:
        return
    if not any(value(n, "network_type") == "tslcd" for n in graph.of_kind("network")):
        yield about_province(
            ctx,
            "systems exchange data between agencies, but the architecture has no Mạng truyền số liệu chuyên dùng "
            "(network_type: tslcd)",
            key="tslcd",
            hint="add the dedicated network and connect the data centre (or the systems) to it",
        )
        return
    for el in exchanging:
        if _reaches_tslcd(ctx, el) is False:
            yield Violation(
                f"'{el.id}' exchanges data between agencies but neither it nor the node it runs on is on the "
                "Mạng truyền số liệu chuyên dùng",
                element=el.id,
                hint="connect it, or its data centre, to the dedicated network (connects_to)",
                key="tslcd",
            )


@rule(
    code="INF002",
    name="system-not-hosted",
    title="A system in service does not say where it runs",
    title_vi="Hệ thống đang vận hành chưa xác định nơi triển khai (trung tâm dữ liệu, điện toán đám mây)",
    family="infrastructure",
    legal_basis=(
        "Thông tư 03/2013/TT-BTTTT; Thông tư 23/2022/TT-BTTTT (trung tâm dữ liệu)",
        "Quyết định 2294/QĐ-BTTTT (nền tảng điện toán đám mây Chính phủ)",
        "Quyết định 1121/QĐ-TTg ngày 11/6/2025 (chuyển đổi lên điện toán đám mây)",
    ),
    confidence="medium",
)
def system_not_hosted(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Every provincial application and database in service (``current`` or
        ``retiring``) is ``hosted_on`` a node — the provincial data centre, a government
        cloud (CGC/AGC) or an enterprise cloud — itself or through the system it is part
        of (``composed_of``).

    Kiểm tra:
        Mỗi ứng dụng và cơ sở dữ liệu của tỉnh đang vận hành (``current`` hoặc
        ``retiring``) ``hosted_on`` một nút hạ tầng — trung tâm dữ liệu của tỉnh, điện toán
        đám mây Chính phủ (CGC/AGC) hoặc của doanh nghiệp — trực tiếp hoặc qua hệ thống mà nó
        là thành phần (``composed_of``).

    Why:
        Where a system runs decides its physical security, its backup and its network: the
        technology architecture of every framework version places systems in the
        provincial data centre or on cloud platforms (QĐ 1121/QĐ-TTg, 2025: migrate to
        the cloud). A system placed nowhere cannot be checked for any of these.

    Lý do:
        Nơi triển khai quyết định an toàn vật lý, sao lưu và đường mạng của hệ thống: kiến
        trúc công nghệ của mọi phiên bản khung đặt hệ thống tại trung tâm dữ liệu của tỉnh
        hoặc trên nền tảng điện toán đám mây (Quyết định 1121/QĐ-TTg năm 2025: chuyển đổi
        lên điện toán đám mây). Hệ thống không rõ nơi triển khai thì không kiểm tra được
        các yêu cầu đó.

    Fails:
        ```yaml
        - id: he-thong-thu-dien-tu
          kind: application
          name: Hệ thống thư điện tử công vụ tỉnh Thừa Thiên Huế
          system_type: email
        ```

    Passes:
        ```yaml
        - id: he-thong-thu-dien-tu
          kind: application
          name: Hệ thống thư điện tử công vụ tỉnh Thừa Thiên Huế
          system_type: email
          hosted_on: [ttdl-hue]
        - id: ttdl-hue
          kind: node
          name: Trung tâm dữ liệu tỉnh Thừa Thiên Huế
          node_type: data_centre
        ```
    """
    graph = ctx.graph
    for el in graph.of_kind("application", "database"):
        if not provincial(el) or not is_current(el):
            continue
        if graph.out(el.id, "hosted_on"):
            continue
        wholes = [r.source for r in graph.in_(el.id, "composed_of")]
        if any(graph.out(w, "hosted_on") for w in wholes):
            continue
        yield Violation(
            f"{el.kind} '{el.id}' is in service but the model does not say where it runs",
            element=el.id,
            hint="add hosted_on: [<data centre or cloud node>]",
            key="hosting",
        )


@rule(
    code="INF003",
    name="not-connected-to-monitoring-centre",
    title="The portal or the TTHC system is not connected to the national monitoring centre (EMC)",
    title_vi="Cổng thông tin, hệ thống giải quyết TTHC chưa kết nối Trung tâm giám sát quốc gia về Chính phủ số",
    family="infrastructure",
    legal_basis=("Thực tiễn của Bộ TT&TT (nay Bộ KH&CN); chưa tìm thấy văn bản quy định",),
    confidence="low",
)
def not_connected_to_monitoring_centre(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        The provincial web portal (``system_type: web_portal``) and TTHC system
        (``tthc``) are related to the national digital-government monitoring centre (EMC:
        ``system_type: monitoring_centre``, or an external security service with
        ``protection_layer: national_connection``). The profile's national connection
        ``emc`` defines what is checked.

    Kiểm tra:
        Cổng thông tin điện tử (``system_type: web_portal``) và hệ thống giải quyết TTHC
        (``tthc``) của tỉnh có quan hệ với Trung tâm giám sát quốc gia về Chính phủ số (EMC:
        ``system_type: monitoring_centre``, hoặc dịch vụ an toàn thông tin bên ngoài có
        ``protection_layer: national_connection``). Kết nối quốc gia ``emc`` của hồ sơ khung
        kiến trúc quy định nội dung kiểm tra.

    Why:
        Provincial portals report to the EMC, which monitors availability and security of
        digital-government services (Quảng Trị's portal is connected). The formal legal
        basis was not retrieved: this is advice with low confidence.

    Lý do:
        Cổng thông tin điện tử các tỉnh kết nối với EMC để giám sát tính sẵn sàng và an toàn
        của dịch vụ Chính phủ số (cổng của Quảng Trị đã kết nối). Chưa tìm thấy văn bản quy
        định: đây là khuyến nghị, độ tin cậy thấp.

    Fails:
        ```yaml
        - id: cong-ttdt-tinh
          kind: application
          name: Cổng thông tin điện tử tỉnh Sơn La
          system_type: web_portal
        ```

    Passes:
        ```yaml
        - id: cong-ttdt-tinh
          kind: application
          name: Cổng thông tin điện tử tỉnh Sơn La
          system_type: web_portal
          connects_to: [emc]
        - id: emc
          kind: application
          name: Trung tâm giám sát quốc gia về Chính phủ số (EMC)
          system_type: monitoring_centre
          external: true
        ```
    """
    yield from check_connections(ctx, "INF003")


DC_STANDARDS = ("tcvn 9250", "tia-942", "tia 942", "uptime")
DC_REGULATIONS = {"QCVN 32:2020/BTTTT": "qcvn 32", "QCVN 9:2016/BTTTT": "qcvn 9"}


@rule(
    code="INF004",
    name="data-centre-standard-undeclared",
    title="A data centre does not declare the standards of the draft data-centre rules",
    title_vi="Trung tâm dữ liệu chưa khai báo tiêu chuẩn theo dự thảo quy định về trung tâm dữ liệu",
    family="infrastructure",
    legal_basis=("Dự thảo thông tư của Bộ KH&CN thay Thông tư 03/2013/TT-BTTTT và 23/2022/TT-BTTTT (2025)",),
    confidence="low",
)
def data_centre_standard_undeclared(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        (Off by default: the rules are a draft.) Each provincial data centre (``node``
        with ``node_type: data_centre``) lists in ``standards`` one of TCVN 9250:2021,
        ANSI/TIA-942-B:2017 or an Uptime Tier, and QCVN 32:2020/BTTTT and QCVN
        9:2016/BTTTT.

    Kiểm tra:
        (Mặc định tắt: quy định còn là dự thảo.) Mỗi trung tâm dữ liệu của tỉnh (``node`` có
        ``node_type: data_centre``) liệt kê trong ``standards`` một trong TCVN 9250:2021,
        ANSI/TIA-942-B:2017 hoặc Uptime Tier, cùng QCVN 32:2020/BTTTT và QCVN 9:2016/BTTTT.

    Why:
        A Ministry of Science and Technology draft (2025) would replace TT 03/2013 and TT
        23/2022: new data centres would meet one of those standards plus the lightning
        protection and earthing regulations. Until it is issued this is advice only;
        switch it on in ``validation.rules`` to see the gaps.

    Lý do:
        Dự thảo của Bộ Khoa học và Công nghệ (2025) thay Thông tư 03/2013 và 23/2022: trung
        tâm dữ liệu mới đáp ứng một trong các tiêu chuẩn trên cùng các quy chuẩn chống sét và
        tiếp đất. Khi chưa ban hành, đây chỉ là khuyến nghị; bật quy tắc trong
        ``validation.rules`` để xem các điểm còn thiếu.

    Fails:
        ```yaml
        # architecture.yaml: {validation: {rules: {INF004: info}}}
        - id: ttdl-tinh
          kind: node
          name: Trung tâm dữ liệu tỉnh Hà Tĩnh
          node_type: data_centre
          standards: [TCVN 9250:2021]
        ```

    Passes:
        ```yaml
        # architecture.yaml: {validation: {rules: {INF004: info}}}
        - id: ttdl-tinh
          kind: node
          name: Trung tâm dữ liệu tỉnh Hà Tĩnh
          node_type: data_centre
          standards: [TCVN 9250:2021, QCVN 32:2020/BTTTT, QCVN 9:2016/BTTTT]
        ```
    """
    from ._common import fold

    for node in ctx.graph.of_kind("node"):
        if not provincial(node) or value(node, "node_type") != "data_centre":
            continue
        declared = [fold(s) for s in node.standards]
        missing = []
        if not any(k in d for d in declared for k in DC_STANDARDS):
            missing.append("TCVN 9250:2021, ANSI/TIA-942-B:2017 or Uptime Tier")
        for name, needle in DC_REGULATIONS.items():
            if not any(d.startswith(needle + ":") or d == needle for d in declared):
                missing.append(name)
        if missing:
            yield Violation(
                f"data centre '{node.id}' does not declare: " + "; ".join(missing),
                element=node.id,
                path=("standards",) if node.standards else (),
                hint="list the standards it meets in standards",
                key="dc-standards",
            )
