"""Rule SEC003 (composite-level-below-component): a system's security level is lower than one of its components'."""

from __future__ import annotations

from typing import Iterator

from ...registry import Related, RuleContext, Violation, rule
from ._helpers import ND85, security_systems
from ....i18n import Term, msg


@rule(
    code="SEC003",
    name="composite-level-below-component",
    title="A system's security level is lower than one of its components'",
    title_vi="Cấp độ của hệ thống thấp hơn cấp độ của một hệ thống thành phần",
    family="security",
    scope="element", radius=1,
    legal_basis=("Nghị định 85/2016/NĐ-CP, Điều 5 (hệ thống có nhiều thành phần lấy cấp độ cao nhất)",),
    confidence="high",
    in_force_from=ND85,
)
def composite_level_below_component(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        A system that is ``composed_of`` other systems has a ``security_level`` at least
        as high as the highest level of its components, where both are declared.

    Kiểm tra:
        Hệ thống ``composed_of`` các hệ thống thành phần có ``security_level`` không thấp hơn
        cấp độ cao nhất của các thành phần, khi cả hai đều được khai báo.

    Why:
        NĐ 85/2016/NĐ-CP Điều 5: a system made of components with different levels takes
        the highest of them. A lower level on the whole leaves its most sensitive part
        protected as the least sensitive.

    Lý do:
        Điều 5 Nghị định 85/2016/NĐ-CP: hệ thống gồm nhiều hệ thống thành phần có cấp độ khác
        nhau thì có cấp độ cao nhất trong các cấp độ đó. Cấp độ thấp hơn cho cả hệ thống làm
        phần nhạy cảm nhất chỉ được bảo vệ như phần ít nhạy cảm nhất.

    Fails:
        ```yaml
        - id: ioc-tinh
          kind: application
          name: Trung tâm giám sát, điều hành thông minh tỉnh Bình Dương
          system_type: ioc
          security_level: 2
          composed_of: [phan-he-an-ninh]
        - id: phan-he-an-ninh
          kind: application
          name: Phân hệ giám sát an ninh, trật tự
          security_level: 3
        ```

    Passes:
        ```yaml
        - id: ioc-tinh
          kind: application
          name: Trung tâm giám sát, điều hành thông minh tỉnh Bình Dương
          system_type: ioc
          security_level: 3
          composed_of: [phan-he-an-ninh]
        - id: phan-he-an-ninh
          kind: application
          name: Phân hệ giám sát an ninh, trật tự
          security_level: 3
        ```
    """
    graph = ctx.graph
    for el in security_systems(ctx):
        level = getattr(el, "security_level", None)
        if level is None:
            continue
        parts = [p for p in graph.targets(el.id, "composed_of") if getattr(p, "security_level", None) is not None]
        if not parts:
            continue
        top = max(parts, key=lambda p: p.security_level)
        if top.security_level > level:
            yield Violation(
                msg("'{id}' has security level {level}, lower than its component '{part}' (level {part_level})", id=el.id, level=level, part=top.id, part_level=top.security_level),
                element=el.id,
                path=("security_level",),
                related=(Related(top.id, ("security_level",), msg("the component with the higher level")),),
                hint=msg("raise '{id}' to level {level} (NĐ 85/2016/NĐ-CP Điều 5)", id=el.id, level=top.security_level),
                key=top.id,
            )
