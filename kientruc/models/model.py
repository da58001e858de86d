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
    # The relations each element writes, parallel to ``elements``, when the loader already
    # has them (computed where each file was parsed, and kept in the load cache with it).
    written: list[list[Relation]] | None = field(default=None, repr=False, compare=False)

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
        written = self.written if self.written is not None and len(self.written) == len(self.elements) else None
        for i, e in enumerate(self.elements):
            if index[e.id] is e:
                if written is not None:
                    out.extend(written[i])
                else:
                    e.collect_relations(out)
        return out
