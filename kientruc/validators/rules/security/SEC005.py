"""Rule SEC005 (state-secret-system-on-internet): a system handling state secrets is connected to the Internet."""

from __future__ import annotations

from typing import Iterator

from ....models import Element
from ...registry import Related, RuleContext, Violation, rule
from .._common import neighbours_by, provincial, value
from ....i18n import Term, msg


def _secret_data(ctx: RuleContext, el: Element) -> str | None:
    graph = ctx.graph
    for other_id, rel in neighbours_by(graph, el.id, ("accesses", "composed_of", "flows_to")):
        other = graph.element(other_id)
        if other.kind == "data_entity" and value(other, "classification") == "state_secret":
            return other.id
    return None


@rule(
    code="SEC005",
    name="state-secret-system-on-internet",
    title="A system handling state secrets is connected to the Internet",
    title_vi="Hệ thống xử lý bí mật nhà nước kết nối với Internet",
    family="security",
    legal_basis=("Luật Bảo vệ bí mật nhà nước 2018", "Quyết định 1562/QĐ-TTg ngày 18/7/2025 (mã hóa bằng sản phẩm mật mã cơ yếu)"),
    confidence="medium",
)
def state_secret_system_on_internet(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        A provincial system that accesses, contains or passes on a ``data_entity`` with
        ``classification: state_secret`` is not ``connects_to`` a network with
        ``network_type: internet``, directly or through the node it is ``hosted_on``.
        Whether its flows are encrypted with cơ yếu products is not checked: the
        metamodel does not record encryption.

    Kiểm tra:
        Hệ thống của tỉnh truy cập, chứa hoặc chuyển tiếp ``data_entity`` có
        ``classification: state_secret`` không ``connects_to`` mạng có ``network_type:
        internet``, trực tiếp hoặc qua nút hạ tầng mà nó ``hosted_on``. Việc mã hóa luồng dữ
        liệu bằng sản phẩm mật mã cơ yếu chưa được kiểm tra: siêu mô hình chưa ghi nhận mã
        hóa.

    Why:
        State-secret information (Mật, Tối mật, Tuyệt mật) may not be processed on systems
        connected to the Internet (Luật Bảo vệ bí mật nhà nước 2018); QĐ 1562/QĐ-TTg (2025)
        requires state-secret data to be encrypted with cơ yếu solutions and exchanged on
        approved systems.

    Lý do:
        Thông tin bí mật nhà nước (Mật, Tối mật, Tuyệt mật) không được xử lý trên hệ thống
        kết nối Internet (Luật Bảo vệ bí mật nhà nước 2018); Quyết định 1562/QĐ-TTg (2025)
        yêu cầu dữ liệu bí mật nhà nước được mã hóa bằng giải pháp cơ yếu và trao đổi trên hệ
        thống được phê duyệt.

    Fails:
        ```yaml
        - id: van-ban-mat
          kind: data_entity
          name: Văn bản mật
          classification: state_secret
        - id: qlvb-mat
          kind: application
          name: Phần mềm quản lý văn bản mật tỉnh Hà Tĩnh
          accesses: [van-ban-mat]
          connects_to: [internet]
        - id: internet
          kind: network
          name: Đường truyền Internet
          network_type: internet
        ```

    Passes:
        ```yaml
        - id: van-ban-mat
          kind: data_entity
          name: Văn bản mật
          classification: state_secret
        - id: qlvb-mat
          kind: application
          name: Phần mềm quản lý văn bản mật tỉnh Hà Tĩnh
          accesses: [van-ban-mat]
          connects_to: [mang-chuyen-dung]
        - id: mang-chuyen-dung
          kind: network
          name: Mạng truyền số liệu chuyên dùng
          network_type: tslcd
        ```
    """
    graph = ctx.graph
    if not any(value(d, "classification") == "state_secret" for d in graph.of_kind("data_entity")):
        return  # no state-secret data: no system handles any
    for el in graph.of_kind("application", "database", "shared_service", "integration_platform"):
        if not provincial(el):
            continue
        secret = _secret_data(ctx, el)
        if secret is None:
            continue
        hosts = [el] + [n for n in graph.targets(el.id, "hosted_on")]
        for host in hosts:
            for rel in graph.out(host.id, "connects_to"):
                net = graph.element(rel.target)
                if net.kind == "network" and value(net, "network_type") == "internet":
                    yield Violation(
                        msg("'{id}' handles state-secret data ('{secret}') and is connected to the Internet network '{network}'", id=el.id, secret=secret, network=net.id)
                        if host is el else
                        msg("'{id}' handles state-secret data ('{secret}') and is connected through '{host}', where it runs, to the Internet network '{network}'", id=el.id, secret=secret, host=host.id, network=net.id),
                        element=rel.written_by,
                        path=rel.path,
                        related=(Related(secret, (), msg("the state-secret data")),),
                        hint=msg("separate it from the Internet (Luật Bảo vệ bí mật nhà nước 2018)"),
                        key=net.id,
                    )
