"""Rule CON001 (twin-systems-undecided):
systems of a merged province's predecessors do the same job and no decision says which is kept.
"""

from __future__ import annotations

from typing import Iterator

from ....twins import covering
from .._common import twin_sets_of
from ...registry import Related, RuleContext, Violation, rule
from ....i18n import msg
from ._helpers import LEGAL_BASIS


@rule(
    code="CON001",
    name="twin-systems-undecided",
    title="Systems inherited from the merged provinces do the same job and no decision says which is kept",
    title_vi="Hệ thống kế thừa từ các tỉnh hợp nhất cùng chức năng nhưng chưa có quyết định giữ hệ thống nào",
    family="consolidation",
    legal_basis=LEGAL_BASIS,
    confidence="medium",
)
def twin_systems_undecided(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        On the day checked, every twin set — systems of one shared function (LGSP, TTHC
        system, portal, document system, data centre, IOC, SOC, citizen app…) in service in
        one province, which came from different predecessor provinces (their ``province``
        facts say which) — is named by a consolidation decision (``kind: consolidation``)
        that is decided (not ``proposal: true``): keep one and migrate or retire the others,
        or keep several with a reason. The function is read from ``platform_type``,
        ``system_type``, ``node_type``, ``protection_layer`` and ``channel_type``, never from
        names; a system and its own component are not twins. Before the merger day the
        systems belong to different provinces and are not twins.

    Kiểm tra:
        Vào ngày kiểm tra, mỗi nhóm hệ thống trùng chức năng — các hệ thống cùng một chức
        năng dùng chung (LGSP, hệ thống giải quyết TTHC, cổng thông tin, hệ thống văn bản,
        trung tâm dữ liệu, IOC, SOC, ứng dụng công dân…) đang vận hành trong cùng một tỉnh và
        đến từ các tỉnh cũ khác nhau (theo ``province`` của từng hệ thống) — có một quyết định
        hợp nhất (``kind: consolidation``) đã được quyết định (không còn ``proposal: true``):
        giữ một hệ thống, chuyển đổi hoặc dừng các hệ thống còn lại, hoặc giữ nhiều hệ thống
        kèm lý do. Chức năng được đọc từ ``platform_type``, ``system_type``, ``node_type``,
        ``protection_layer``, ``channel_type``, không từ tên; một hệ thống và thành phần của
        chính nó không phải là hệ thống trùng. Trước ngày hợp nhất, các hệ thống thuộc các
        tỉnh khác nhau nên không trùng.

    Why:
        From 1/7/2025 the merged province runs every system its predecessors had (NQ
        202/2025/QH15; Luật 72/2025/QH15). Its target architecture must show inheritance,
        interconnection and the optimisation of resources (Công văn 2943/CĐSQG-CNCPS,
        following QĐ 3090/QĐ-BKHCN): two LGSPs or two TTHC systems split the data and the
        users, and each national platform expects one connection per province. Which system
        survives is the architect's decision; kientruc merge only proposes one.

    Lý do:
        Từ ngày 1/7/2025 tỉnh mới vận hành mọi hệ thống của các tỉnh cũ (Nghị quyết
        202/2025/QH15; Luật 72/2025/QH15). Kiến trúc mục tiêu phải thể hiện tính kế thừa, liên
        thông và tối ưu nguồn lực (Công văn 2943/CĐSQG-CNCPS, theo Quyết định 3090/QĐ-BKHCN):
        hai LGSP hay hai hệ thống TTHC chia cắt dữ liệu và người dùng, và mỗi nền tảng quốc gia
        chờ một kết nối cho mỗi tỉnh. Giữ hệ thống nào là quyết định của người làm kiến trúc;
        kientruc merge chỉ đề xuất.

    Fails:
        ```yaml
        # as-of: 2025-09-01
        - id: lgsp-quang-ngai
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Quảng Ngãi
          platform_type: lgsp
          province:
            - {name: Quảng Ngãi, valid_to: 2025-06-30}
            - {name: Quảng Ngãi, valid_from: 2025-07-01}
        - id: kt-lgsp
          kind: integration_platform
          name: LGSP Kon Tum
          platform_type: lgsp
          province:
            - {name: Kon Tum, valid_to: 2025-06-30}
            - {name: Quảng Ngãi, valid_from: 2025-07-01}
        ```

    Passes:
        ```yaml
        # as-of: 2025-09-01
        - id: lgsp-quang-ngai
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Quảng Ngãi
          platform_type: lgsp
          province:
            - {name: Quảng Ngãi, valid_to: 2025-06-30}
            - {name: Quảng Ngãi, valid_from: 2025-07-01}
        - id: kt-lgsp
          kind: integration_platform
          name: LGSP Kon Tum
          platform_type: lgsp
          province:
            - {name: Kon Tum, valid_to: 2025-06-30}
            - {name: Quảng Ngãi, valid_from: 2025-07-01}
        - id: hop-nhat-lgsp
          kind: consolidation
          name: Hợp nhất LGSP
          function: lgsp
          keep: [lgsp-quang-ngai]
          migrate: [kt-lgsp]
        - id: wp-hop-nhat-lgsp
          kind: work_package
          name: Chuyển các kết nối của LGSP Kon Tum sang LGSP Quảng Ngãi
          start: 2025-08-01
          end: 2025-12-31
          implements: [hop-nhat-lgsp, kt-lgsp]
        ```
    """
    graph = ctx.graph
    for ts in twin_sets_of(graph, ctx.day):
        decided: set[str] = set()
        for d in covering(graph, ts.ids, decided_only=True):
            decided |= set(d.actions())
        open_ = [m for m in ts.members if m.id not in decided]
        if not open_:
            continue
        first = open_[0]
        others = [m for m in ts.members if m.id != first.id]
        proposals = [d for d in covering(graph, ts.ids) if d.proposal]
        names = ", ".join(f"'{m.id}' ({m.predecessor})" for m in ts.members)
        where = ts.province_name or msg("the province")
        if ts.since:
            message = msg("{n} systems do the job '{function}' in {province} since {day}: {names}; no decision says which is kept",
                          n=len(ts.members), function=ts.function, province=where, day=ts.since, names=names)
        else:
            message = msg("{n} systems do the job '{function}' in {province}: {names}; no decision says which is kept",
                          n=len(ts.members), function=ts.function, province=where, names=names)
        if proposals:
            message = msg("{message} (only the proposal '{id}', not yet decided)", message=message, id=proposals[0].id)
            hint = msg("review '{id}' and set proposal: false (with decided_by), or change it", id=proposals[0].id)
        else:
            hint = msg("add a consolidation decision (kind: consolidation, function, keep, migrate/retire) "
                       "and a work package that implements it; `kientruc merge` proposes one")
        related = tuple(Related(m.id, (), msg("the twin from {predecessor}", predecessor=m.predecessor)) for m in others)
        related += tuple(Related(d.id, (), msg("the proposal")) for d in proposals[:1])
        yield Violation(message, element=first.id, hint=hint, related=related, key=ts.function)
