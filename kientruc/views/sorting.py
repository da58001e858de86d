"""How views order what they show: kinds in the metamodel's order, names naturally ("số 2"
before "số 10"), so that the same model always gives the same view."""

from __future__ import annotations

import re
from typing import Iterable

from ..models import KINDS, Element

KIND_ORDER = {k: i for i, k in enumerate(KINDS)}
"""Each kind's place in the metamodel's order."""

_DIGITS = re.compile(r"(\d+)")


def natural(text: str) -> tuple:
    """A sort key that puts "số 2" before "số 10" and ignores case."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in _DIGITS.split(text.casefold()) if part)


def sorted_elements(elements: Iterable[Element]) -> list[Element]:
    """``elements`` by kind, then name (naturally), then id."""
    return sorted(elements, key=lambda e: (KIND_ORDER[e.kind], natural(e.name), e.id))
