"""Rule TTHC006 (dvcqg-sync-data-incomplete):
the TTHC system does not synchronise all required data with the National Public Service Portal.
"""

from __future__ import annotations

from typing import Iterator

from ....frameworks import catalog
from ....frameworks import law_day
from ...registry import RuleContext, Violation, rule
from .._common import inferred_note, fold, relations_between, value
from ._helpers import TTHC_KINDS, systems_of
from ....i18n import Named, msg


@rule(
    code="TTHC006",
    name="dvcqg-sync-data-incomplete",
    title="The TTHC system does not synchronise all required data with the National Public Service Portal",
    title_vi="Hệ thống giải quyết TTHC chưa đồng bộ đủ dữ liệu với Cổng Dịch vụ công quốc gia",
    family="tthc",
    legal_basis=("Quyết định 31/2021/QĐ-TTg, Điều 30 khoản 3",),
    confidence="high",
    in_force_from=law_day("qd-31-2021", "effective"),
)
def dvcqg_sync_data_incomplete(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 9/12/2021, the relations between a provincial TTHC system and the Cổng Dịch
        vụ công quốc gia list in ``data`` the seven classes QĐ 31/2021/QĐ-TTg Điều 30
        khoản 3 requires: dossiers and catalogue (hồ sơ, danh mục), processing progress
        (tiến độ), statistics (thống kê), satisfaction surveys (đánh giá), postal data
        (bưu chính), fee payments (thanh toán, phí, lệ phí) and Q&A (hỏi đáp). Words are
        matched without accents, in Vietnamese or English. A system with no such relation
        is left to TTHC002.

    Kiểm tra:
        Từ ngày 9/12/2021, các quan hệ giữa hệ thống giải quyết TTHC của tỉnh và Cổng Dịch
        vụ công quốc gia liệt kê trong ``data`` bảy nhóm dữ liệu mà khoản 3 Điều 30 Quyết
        định 31/2021/QĐ-TTg yêu cầu: hồ sơ và danh mục, tiến độ xử lý, số liệu thống kê,
        đánh giá mức độ hài lòng, dữ liệu bưu chính, thanh toán phí, lệ phí và hỏi đáp. So
        khớp không dấu, tiếng Việt hoặc tiếng Anh. Hệ thống chưa có quan hệ nào do TTHC002
        kiểm tra.

    Why:
        The National Public Service Portal reports and monitors on these data (progress
        and satisfaction indices of every province); a class not synchronised is missing
        from the national figures and from the citizen's view of the dossier.

    Lý do:
        Cổng Dịch vụ công quốc gia theo dõi, đánh giá dựa trên các dữ liệu này (chỉ số
        tiến độ, mức độ hài lòng của từng tỉnh); nhóm dữ liệu không được đồng bộ thì thiếu
        trong số liệu quốc gia và trong thông tin hồ sơ người dân xem được.

    Fails:
        ```yaml
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Quảng Ngãi
          system_type: tthc
          flows_to: [{target: cong-dvcqg, data: [hồ sơ, tiến độ xử lý]}]
        - id: cong-dvcqg
          kind: application
          name: Cổng Dịch vụ công quốc gia
          system_type: national_public_service_portal
          external: true
        ```

    Passes:
        ```yaml
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Quảng Ngãi
          system_type: tthc
          flows_to:
            - target: cong-dvcqg
              data: [hồ sơ, tiến độ xử lý, thống kê, đánh giá hài lòng, bưu chính công ích, thanh toán phí, hỏi đáp]
        - id: cong-dvcqg
          kind: application
          name: Cổng Dịch vụ công quốc gia
          system_type: national_public_service_portal
          external: true
        ```
    """
    graph = ctx.graph
    classes = catalog()["dvcqg_sync_classes"]["classes"]
    portals = [e for e in graph.of_kind(*TTHC_KINDS) if value(e, "system_type") == "national_public_service_portal"]
    for sys_el in systems_of(ctx, "tthc", "dvc_portal"):
        rels = [r for p in portals for r in relations_between(graph, sys_el.id, p.id)]
        if not rels:
            continue
        words = " | ".join(fold(d) for r in rels if r.spec is not None for d in r.spec.data)
        missing = [c for c in classes if not any(fold(w) in words for w in c["words"])]
        if missing:
            first = rels[0]
            yield Violation(
                msg("'{id}' does not list these data synchronised with the National Public Service Portal: {data}{note}", id=sys_el.id,
                    data=tuple(Named.of(c["id"], vi=c["title"], en=c.get("title_en")) for c in missing), note=inferred_note(sys_el)),
                element=first.written_by,
                path=first.path,
                hint=msg("list them in the relation's data (QĐ 31/2021/QĐ-TTg Điều 30 khoản 3)"),
                key="sync-data",
            )
