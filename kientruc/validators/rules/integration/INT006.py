"""Rule INT006 (api-not-registered): an API offered to other agencies is not registered on V-APEX."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import fold, is_retiring, owner, provincial, value
from ....i18n import msg


def _registered(registry_name: str | None) -> bool:
    return "vapex" in fold(registry_name).replace("-", "").replace(" ", "")


@rule(
    code="INT006",
    name="api-not-registered",
    title="An API offered to other agencies is not registered on V-APEX",
    title_vi="API cung cấp cho cơ quan khác chưa đăng ký, công bố trên V-APEX",
    family="integration",
    scope="element", radius=2,
    generation=5,
    legal_basis=("Công văn 2943/CĐSQG-CNCPS ngày 27/10/2025", "Quyết định 3090/QĐ-BKHCN ngày 08/10/2025"),
    confidence="medium",
)
def api_not_registered(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Under the national digital architecture (profile ``vn-digital-nation-2025``),
        every provincial ``interface`` offered to other agencies or to the public
        (``exposure: interagency`` or ``public``, or used by a system of another owner)
        declares ``api_registry: V-APEX``.

    Kiểm tra:
        Theo Khung kiến trúc tổng thể quốc gia số (hồ sơ ``vn-digital-nation-2025``), mỗi
        ``interface`` của tỉnh cung cấp cho cơ quan khác hoặc cho công chúng (``exposure:
        interagency`` hay ``public``, hoặc được hệ thống của chủ quản khác sử dụng) khai
        báo ``api_registry: V-APEX``.

    Why:
        The 2025 outline for provincial digital architectures (Công văn
        2943/CĐSQG-CNCPS) requires agencies to register, publish and comply with the
        national API standards through the V-APEX platform, so that other agencies can
        find and reuse them.

    Lý do:
        Đề cương khung kiến trúc số cấp tỉnh năm 2025 (Công văn 2943/CĐSQG-CNCPS) yêu cầu
        các cơ quan đăng ký, công bố và tuân thủ tiêu chuẩn API quốc gia qua nền tảng
        V-APEX, để cơ quan khác tìm thấy và tái sử dụng.

    Fails:
        ```yaml
        # architecture.yaml: {profile: vn-digital-nation-2025}
        - id: api-ho-so-dat-dai
          kind: interface
          name: API tra cứu hồ sơ đất đai tỉnh Gia Lai
          exposure: interagency
          protocols: [HTTP/1.1]
        ```

    Passes:
        ```yaml
        # architecture.yaml: {profile: vn-digital-nation-2025}
        - id: api-ho-so-dat-dai
          kind: interface
          name: API tra cứu hồ sơ đất đai tỉnh Gia Lai
          exposure: interagency
          protocols: [HTTP/1.1]
          api_registry: V-APEX
        ```
    """
    graph = ctx.graph
    for itf in graph.of_kind("interface"):
        if not provincial(itf) or is_retiring(itf) or _registered(value(itf, "api_registry")):
            continue
        exposure = value(itf, "exposure")
        if exposure == "internal":
            continue
        offered = exposure in ("interagency", "public")
        if not offered:
            mine = owner(graph, itf.id) or next(
                (owner(graph, r.source) for r in graph.in_(itf.id, "composed_of") if owner(graph, r.source)), None
            )
            users = [r.source for r in graph.in_(itf.id, "uses", "connects_to", "flows_to", "accesses")]
            offered = mine is not None and any(owner(graph, u) not in (None, mine) for u in users)
        if offered:
            yield Violation(
                msg("interface '{id}' is offered to other agencies but is not registered on V-APEX", id=itf.id),
                element=itf.id,
                hint=msg("register and publish the API on V-APEX and write api_registry: V-APEX "
                         "(or exposure: internal if only its own agency calls it)"),
                key="v-apex",
            )
