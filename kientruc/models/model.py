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
    # Each id's first place in ``elements``, in that order, when the loader already has it (``SourceMap.first_index``).
    first: dict[str, int] | None = field(default=None, repr=False, compare=False)

    def _first(self) -> dict[str, int] | None:
        first = self.first
        return first if first is not None and len(first) <= len(self.elements) else None

    @property
    def has_duplicates(self) -> bool:
        """Whether an id is written by more than one element."""
        first = self._first()
        if first is not None:
            return len(first) != len(self.elements)
        return len(self.index) != len(self.elements)

    def ids(self) -> set[str]:
        return set(self.index)

    @cached_property
    def index(self) -> dict[str, Element]:
        """The first element of each id."""
        first, elements = self._first(), self.elements
        if first is not None:
            return {i: elements[k] for i, k in first.items()}
        out: dict[str, Element] = {}
        for e in elements:
            out.setdefault(e.id, e)
        return out

    def by_id(self) -> dict[str, Element]:
        """The first element of each id (the cached :attr:`index`)."""
        return self.index

    @cached_property
    def relations(self) -> list[Relation]:
        """Every relation written in the model, by the first element of each id, in file order."""
        out: list[Relation] = []
        written = self.written if self.written is not None and len(self.written) == len(self.elements) else None
        first = self._first()
        if written is not None and first is not None:
            for k in first.values():  # the first element of each id, in file order
                out.extend(written[k])
            return out
        index = self.index
        for i, e in enumerate(self.elements):
            if index[e.id] is e:
                if written is not None:
                    out.extend(written[i])
                else:
                    e.collect_relations(out)
        return out
