"""Rule INF004 (data-centre-standard-undeclared):
a data centre does not declare the standards of the draft data-centre rules.
"""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import fold, provincial, value
from ....i18n import msg


DC_STANDARDS = ("tcvn 9250", "tia-942", "tia 942", "uptime")
DC_REGULATIONS = {"QCVN 32:2020/BTTTT": "qcvn 32", "QCVN 9:2016/BTTTT": "qcvn 9"}


@rule(
    code="INF004",
    name="data-centre-standard-undeclared",
    title="A data centre does not declare the standards of the draft data-centre rules",
    title_vi="Trung tâm dữ liệu chưa khai báo tiêu chuẩn theo dự thảo quy định về trung tâm dữ liệu",
    family="infrastructure",
    scope="element", radius=0,
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
    for node in ctx.graph.of_kind("node"):
        if not provincial(node) or value(node, "node_type") != "data_centre":
            continue
        declared = [fold(s) for s in node.standards]
        missing = []
        if not any(k in d for d in declared for k in DC_STANDARDS):
            missing.append(msg("{standards} or Uptime Tier", standards="TCVN 9250:2021, ANSI/TIA-942-B:2017"))
        for name, needle in DC_REGULATIONS.items():
            if not any(d.startswith(needle + ":") or d == needle for d in declared):
                missing.append(name)
        if missing:
            yield Violation(
                msg("data centre '{id}' does not declare: {missing}", id=node.id, missing=tuple(missing)),
                element=node.id,
                path=("standards",) if node.standards else (),
                hint=msg("list the standards it meets in standards"),
                key="dc-standards",
            )
