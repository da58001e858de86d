"""What several standards rules share: TT 39/2017's day, the standards lists in force, and whether a
declared standard satisfies one of them.
"""

from __future__ import annotations


from ....frameworks import StandardsList, catalog_standards, law_day
from ...registry import RuleContext


TT39 = law_day("tt-39-2017", "effective")


def standards_lists(ctx: RuleContext) -> list[StandardsList]:
    if ctx.profile is not None:
        return ctx.profile.standards_lists(ctx.day)
    return [s for s in catalog_standards().values() if s.in_force(ctx.day)]


def satisfied(lists: list[StandardsList], declared: list[str], std_id: str) -> bool:
    for sl in lists:
        wanted = {std_id} | {a for e in sl.entries if e.id == std_id for a in e.alternatives}
        if any(e.id in wanted and any(e.matches(d) for d in declared) for e in sl.entries):
            return True
    return False
