"""What an element is on one day: in place, planned, under way, ended or not there yet.

An element's ``status`` says what the model's authors wrote (current, planned, retiring); read on a day,
an element whose ``valid_to`` has passed has *ended*, a project between its ``start`` and ``end`` is
*under way*, one whose ``end`` has passed has *ended*, and an element that only starts later is
*not there yet*. Every page, table and badge that shows a status on a day asks :func:`status_on`.

Also :func:`name_on`: an element's name as it read on a day. Names of elements that a successor replaced
carry a qualifier that tells them apart ("… (trước 1/7/2025)", "… (before the 2025 merger)"); on a day
the element is in force, nothing has replaced it yet, and the qualifier speaks of the future.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

DAY_STATUSES = ("current", "planned", "retiring", "in_progress", "ended", "not_yet")
"""Every value :func:`status_on` returns (each has its words in the message catalogue, keys ``status_on_day.*``)."""


def status_on(el: Any, day: dt.date | None) -> str:
    """The status of ``el`` on ``day`` (``None``: as written, without a day)."""
    written = el.status.value
    if day is None:
        return written
    start = getattr(el, "start", None)
    end = getattr(el, "end", None)
    if (el.valid_to is not None and day > el.valid_to) or (end is not None and day > end):
        return "ended"
    if written == "planned":
        # not planned yet before the day the plan was adopted
        return "not_yet" if el.planned_from is not None and day < el.planned_from else "planned"
    if (start is not None and day < start) or (el.valid_from is not None and day < el.valid_from):
        # before it starts: planned if the model says it was planned by then, otherwise not there yet
        return "planned" if el.planned_from is not None and el.planned_from <= day else "not_yet"
    if written == "retiring":
        return "retiring"
    if el.layer == "roadmap" and el.kind != "plateau" and (start is not None or end is not None):
        return "in_progress"
    return "current"


_QUALIFIER = re.compile(r"\s*\(([^()]*)\)\s*$")
_LATER = re.compile(r"^(trước|before)\b", re.I)


def name_on(name: str, el: Any, day: dt.date | None) -> str:
    """``name`` without the parts of its last bracket that speak of what came after the element.

    A bracket part beginning "trước …" / "before …" names the change that ended the element; on a day
    the element has not ended (``day`` ≤ ``valid_to``, or no day), that change lies in the future.
    """
    if day is None or (el.valid_to is not None and day > el.valid_to):
        return name
    m = _QUALIFIER.search(name)
    if not m:
        return name
    parts = [p.strip() for p in m.group(1).split(",")]
    kept = [p for p in parts if not _LATER.match(p)]
    if len(kept) == len(parts):
        return name
    head = name[: m.start()].rstrip()
    return f"{head} ({', '.join(kept)})" if kept else head
