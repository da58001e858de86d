"""The whole architecture: the manifest and every element, in file order."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .base import Element, Relation
from .manifest import Manifest


@dataclass
class Architecture:
    """A loaded model. ``elements`` keeps file order and keeps duplicates (a rule reports them).

    Treat it as read-only once built: the indexes below are computed once and cached.
    """

    manifest: Manifest
    elements: list[Element] = field(default_factory=list)

    def ids(self) -> set[str]:
        return set(self.index)

    @cached_property
    def index(self) -> dict[str, Element]:
        """The first element of each id."""
        out: dict[str, Element] = {}
        for e in self.elements:
            out.setdefault(e.id, e)
        return out

    def by_id(self) -> dict[str, Element]:
        """The first element of each id (the cached :attr:`index`)."""
        return self.index

    @cached_property
    def relations(self) -> list[Relation]:
        """Every relation written in the model, by the first element of each id, in file order."""
        index = self.index
        out: list[Relation] = []
        for e in self.elements:
            if index[e.id] is e:
                e.collect_relations(out)
        return out
