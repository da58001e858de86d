"""Rule WVR001 (waiver-expired): a waiver has expired."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from ....i18n import msg


@rule(
    code="WVR001",
    name="waiver-expired",
    title="A waiver has expired",
    title_vi="Miễn trừ đã hết hạn",
    family="waiver",
)
def waiver_expired(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Every waiver in ``architecture.yaml`` has an ``expires`` date on or after the
        day checked (``--as-of``, or today). An expired waiver no longer suppresses
        the findings it named, and is reported itself.

    Kiểm tra:
        Mỗi miễn trừ trong ``architecture.yaml`` có ngày hết hạn ``expires`` không sớm hơn
        ngày kiểm tra (``--as-of``, hoặc hôm nay). Miễn trừ đã hết hạn không còn che các phát
        hiện nó nêu, và chính nó bị báo cáo.

    Why:
        An exception to a rule is granted for a time, with a reason and an approving
        document; when the time is up the exception must be renewed by whoever
        approved it, or the problem fixed. A waiver that quietly outlives its
        approval is an unreviewed exception.

    Lý do:
        Ngoại lệ đối với một quy tắc được chấp thuận có thời hạn, có lý do và văn bản chấp
        thuận; hết hạn thì người đã chấp thuận phải gia hạn, hoặc vấn đề phải được khắc phục.
        Miễn trừ lặng lẽ tồn tại quá thời hạn là một ngoại lệ không còn được xem xét.

    Fails:
        ```yaml
        # architecture.yaml: {waivers: [{rule: isolated-element, elements: [hop-thu], reason: Chưa kết nối, approved_by: Sở TT&TT, expires: 2019-01-01}]}
        - id: hop-thu
          kind: application
          name: Hệ thống thư điện tử công vụ
        ```

    Passes:
        ```yaml
        # architecture.yaml: {waivers: [{rule: isolated-element, elements: [hop-thu], reason: Chưa kết nối, approved_by: Sở TT&TT, expires: 2999-01-01}]}
        - id: hop-thu
          kind: application
          name: Hệ thống thư điện tử công vụ
        ```
    """
    for w, waiver in enumerate(ctx.architecture.manifest.waivers):
        if waiver.expires < ctx.day:
            yield Violation(
                msg("the waiver of {rule} for {elements} expired on {day}", rule=waiver.rule, elements=tuple(waiver.elements), day=waiver.expires),
                in_manifest=True,
                path=("waivers", w, "expires"),
                hint=msg("renew it with a new approval and expiry date, or fix the findings it excused"),
            )
