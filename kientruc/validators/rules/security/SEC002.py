"""Rule SEC002 (security-level-below-floor): a system's security level is lower than its kind requires."""

from __future__ import annotations

from typing import Iterator

from ....models import Element
from ...registry import RuleContext, Violation, rule
from .._common import inferred_note, parts_of, value, wholes
from ._helpers import ND85, security_systems
from ....i18n import Term, msg


def _floor(ctx: RuleContext, el: Element) -> tuple[int, str] | None:
    """The minimum level the known criteria give, and why."""
    reasons: list[tuple[int, str]] = []
    kind = value(el, "system_type")
    note = inferred_note(el)
    if kind == "web_portal":
        reasons.append((3, msg("the provincial web portal (portal criteria under TT 22/2023/TT-BTTTT) [{confidence}]{note}", confidence=Term("confidence", "verified"), note=note)))
    if kind in ("tthc", "dvc_portal", "one_stop"):
        reasons.append((3, msg("it receives online public-service dossiers (NĐ 85/2016 Điều 9) [{confidence}]{note}", confidence=Term("confidence", "unverified"), note=note)))
    elif el.kind == "application":
        for svc in ctx.graph.targets(el.id, "realizes"):
            if svc.kind == "public_service" and value(svc, "online_mode") in ("toan_trinh", "mot_phan"):
                reasons.append((3, msg("it takes online dossiers for '{service}' (NĐ 85/2016 Điều 9) [{confidence}]", service=svc.id, confidence=Term("confidence", "unverified"))))
                break
    subjects = getattr(el, "personal_data_subjects", None)
    if subjects is not None and subjects >= 10000:
        reasons.append((3, msg("it processes personal data of {n} people, {limit} or more (NĐ 85/2016 Điều 9) [{confidence}]", n=subjects, limit=10000, confidence=Term("confidence", "unverified"))))
    elif (subjects or 0) > 0 or getattr(el, "personal_data", None):
        reasons.append((2, msg("it processes personal data (NĐ 85/2016 Điều 7–8) [{confidence}]", confidence=Term("confidence", "verified"))))
    if el.kind == "integration_platform" and value(el, "platform_type") == "lgsp":
        reasons.append((3, msg("shared information infrastructure of the province (NĐ 85/2016 Điều 9) [{confidence}]", confidence=Term("confidence", "unverified"))))
    if el.kind == "node" and value(el, "node_type") in ("data_centre", "cloud"):
        reasons.append((3, msg("shared information infrastructure of the province (NĐ 85/2016 Điều 9) [{confidence}]", confidence=Term("confidence", "unverified"))))
    if el.kind == "network" and value(el, "network_type") in ("tslcd", "wan"):
        reasons.append((3, msg("shared network infrastructure of the province (NĐ 85/2016 Điều 9) [{confidence}]", confidence=Term("confidence", "unverified"))))
    if not reasons:
        return None
    return max(reasons, key=lambda r: r[0])


@rule(
    code="SEC002",
    name="security-level-below-floor",
    title="A system's security level is lower than its kind requires",
    title_vi="Cấp độ an toàn của hệ thống thấp hơn mức tối thiểu theo loại hệ thống",
    family="security",
    scope="element", radius=1,
    legal_basis=("Nghị định 85/2016/NĐ-CP, Điều 7–11", "Thông tư 12/2022/TT-BTTTT", "Thông tư 22/2023/TT-BTTTT (cổng thông tin: cấp độ 3)"),
    confidence="medium",
    in_force_from=ND85,
)
def security_level_below_floor(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        A provincial system's declared ``security_level`` is at least the minimum its
        kind gives: 2 for a system processing personal data; 3 for the provincial web
        portal, for systems receiving online public-service dossiers (the TTHC system, or
        an application realising a ``toan_trinh``/``mot_phan`` service), for personal data
        of 10,000 people or more (``personal_data_subjects``), and for shared provincial
        infrastructure (the LGSP, a data centre or cloud, the provincial WAN or dedicated
        network). Systems without a level are left to SEC001 and SEC006. A system
        ``composed_of`` others is one system (NĐ 85/2016 Điều 5): it is held to the
        highest floor of itself and its parts, and a part of a composite that declares a
        level is not checked on its own. A ``system_type`` not written is read from the
        official name, and the message says so (set ``system_type`` to confirm).

    Kiểm tra:
        Cấp độ ``security_level`` khai báo của hệ thống không thấp hơn mức tối thiểu theo
        loại: 2 với hệ thống xử lý dữ liệu cá nhân; 3 với Cổng thông tin điện tử tỉnh, với
        hệ thống tiếp nhận hồ sơ dịch vụ công trực tuyến (hệ thống giải quyết TTHC, hoặc ứng
        dụng hiện thực dịch vụ ``toan_trinh``/``mot_phan``), với dữ liệu cá nhân của từ
        10.000 người trở lên (``personal_data_subjects``) và với hạ tầng dùng chung của tỉnh
        (LGSP, trung tâm dữ liệu, điện toán đám mây, mạng diện rộng hoặc mạng chuyên dùng).
        Hệ thống chưa có cấp độ do SEC001 và SEC006 kiểm tra. Hệ thống ``composed_of`` các
        hệ thống khác là một hệ thống (Điều 5 Nghị định 85/2016/NĐ-CP): mức tối thiểu là mức
        cao nhất của nó và các thành phần, và thành phần của hệ thống tổng hợp đã khai báo cấp
        độ không bị kiểm tra riêng. ``system_type`` không ghi thì được đọc từ tên chính thức,
        và thông báo nói rõ điều đó (ghi ``system_type`` để xác nhận).

    Why:
        NĐ 85/2016/NĐ-CP sets the criteria of each level: level 1 only for internal
        systems with public information, level 2 for personal information (both
        verified); portals of provinces must have level 3 (TT 22/2023/TT-BTTTT, verified).
        The level-3 criteria for public-service systems, 10,000 users and shared
        provincial infrastructure come from recollection of Điều 9, not from its text: the
        finding says which criterion applies and whether it is verified, and only warns.

    Lý do:
        Nghị định 85/2016/NĐ-CP quy định tiêu chí từng cấp độ: cấp độ 1 chỉ cho hệ thống
        nội bộ xử lý thông tin công cộng, cấp độ 2 khi có thông tin cá nhân (đã xác minh);
        cổng thông tin điện tử cấp tỉnh phải đạt cấp độ 3 (Thông tư 22/2023/TT-BTTTT, đã xác
        minh). Tiêu chí cấp độ 3 cho hệ thống dịch vụ công, 10.000 người dùng và hạ tầng dùng
        chung cấp tỉnh dựa trên trí nhớ về Điều 9, chưa đối chiếu văn bản: phát hiện nêu rõ
        tiêu chí nào được áp dụng và đã xác minh hay chưa, và chỉ ở mức cảnh báo.

    Fails:
        ```yaml
        - id: cong-ttdt-tinh
          kind: application
          name: Cổng thông tin điện tử tỉnh Sơn La
          system_type: web_portal
          security_level: 2
        ```

    Passes:
        ```yaml
        - id: cong-ttdt-tinh
          kind: application
          name: Cổng thông tin điện tử tỉnh Sơn La
          system_type: web_portal
          security_level: 3
        ```
    """
    graph = ctx.graph
    for el in security_systems(ctx):
        level = getattr(el, "security_level", None)
        if level is None:
            continue
        if any(getattr(w, "security_level", None) is not None for w in wholes(graph, el.id)):
            continue  # a part of a composite with a level: the composite's level is the system's (NĐ 85/2016 Điều 5)
        floor = _floor(ctx, el)
        for part in parts_of(graph, el.id):  # a composite is held to the highest floor of its parts
            theirs = _floor(ctx, part)
            if theirs is not None and (floor is None or theirs[0] > floor[0]):
                floor = (theirs[0], msg("its part '{id}': {reason}", id=part.id, reason=theirs[1]))
        if floor is not None and level < floor[0]:
            yield Violation(
                msg("{kind} '{id}' has security level {level}, below the level {floor} required because {reason}", kind=Term("model.kinds", el.kind), id=el.id, level=level, floor=floor[0], reason=floor[1]),
                element=el.id,
                path=("security_level",),
                hint=msg("review its security level proposal dossier: at least level {floor}", floor=floor[0]),
                key="floor",
            )
