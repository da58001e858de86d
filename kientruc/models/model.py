"""The whole architecture: the manifest and every element, in file order."""

from __future__ import annotations

from dataclasses import dataclass, field

from .base import Element
from .manifest import Manifest


@dataclass
class Architecture:
    """A loaded model. ``elements`` keeps file order and keeps duplicates (a rule reports them)."""

    manifest: Manifest
    elements: list[Element] = field(default_factory=list)

    def ids(self) -> set[str]:
        return {e.id for e in self.elements}

    def by_id(self) -> dict[str, Element]:
        """First element of each id."""
        out: dict[str, Element] = {}
        for e in self.elements:
            out.setdefault(e.id, e)
        return out
