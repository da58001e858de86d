"""What several integration rules share: the NDXP's legal basis, the NĐ 278/2025 deadline, which
systems and routes count, and the databases not yet on the data coordination platform.
"""

from __future__ import annotations

from typing import Iterator

from ....frameworks import law_day
from ...registry import RuleContext
from .._common import SYSTEM_KINDS, Reach, is_retiring, platform_type, provincial, value
from ....i18n import Msg, msg


NDXP_BASIS = (
    "Thông tư 13/2017/TT-BTTTT, Điều 17",
    "Nghị định 47/2020/NĐ-CP",
    "Nghị định 194/2025/NĐ-CP, Điều 20",
    "Khung Kiến trúc CPĐT Việt Nam 1.0 (Văn bản 1178/BTTTT-THH), mục II.5",
)
ND278_DEADLINE = law_day("nd-278-2025", "deadline")


def is_system(el) -> bool:
    return el.kind in SYSTEM_KINDS and el.kind != "integration_platform" and provincial(el)


def is_routed(rel) -> bool:
    return rel.spec is not None and (rel.spec.via is not None or bool(rel.spec.justification))


def holds_shared_data(el) -> bool:
    return (
        el.kind == "database"
        and provincial(el)
        and not is_retiring(el)
        and (value(el, "scope") == "shared" or value(el, "data_layer") == "chu")
    )


def coordination_gaps(ctx: RuleContext) -> Iterator[tuple[object, bool]]:
    graph = ctx.graph
    platforms = [e for e in graph.of_kind("integration_platform") if platform_type(e) == "data_coordination"]
    reach = Reach(
        graph,
        platforms,
        through=lambda e: e.kind in ("integration_platform", "application", "shared_service"),
        max_hops=5,
    )
    for db in graph.of_kind("database"):
        if holds_shared_data(db) and not reach.reaches(db.id):
            yield db, bool(platforms)


def coordination_hint(has_platform: bool) -> Msg:
    if has_platform:
        return msg("relate the database (or the system that serves it) to the LGSP, and the LGSP to the coordination platform")
    return msg(
        "add the national data sharing and coordination platform (integration_platform, platform_type: "
        "data_coordination, external: true) and the path to it"
    )
