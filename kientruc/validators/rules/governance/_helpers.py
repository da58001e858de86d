"""What the governance rules share: which elements are the province's steering bodies."""

from __future__ import annotations

from .._common import provincial, value


def is_steering_body(el) -> bool:
    return el.kind == "organization" and provincial(el) and value(el, "org_type") == "steering_committee"
