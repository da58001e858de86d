"""Rule INF002 (system-not-hosted): a system in service does not say where it runs."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import is_current, provincial
from ....i18n import kind, msg


@rule(
    code="INF002",
    name="system-not-hosted",
    title="A system in service does not say where it runs",
    title_vi="Hệ thống đang vận hành chưa xác định nơi triển khai (trung tâm dữ liệu, điện toán đám mây)",
    family="infrastructure",
    scope="element", radius=2,
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
            msg("{kind} '{id}' is in service but the model does not say where it runs", kind=kind(el.kind), id=el.id),
            element=el.id,
            hint=msg("add hosted_on: [<data centre or cloud node>]"),
            key="hosting",
        )
