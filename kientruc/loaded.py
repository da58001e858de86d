"""What the load stage hands on: the architecture, its findings, its files and the map of where everything is.

The loader (:mod:`kientruc.loader`) makes these; the validators and the renderers read
them, to point a finding at a line of a file, without importing the loader. The
module needs only the models and the findings.
"""

from __future__ import annotations

import marshal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence, Union

from .findings import Finding, Location
from .models import Architecture

MANIFEST = "architecture.yaml"
"""The manifest's file name, at the top of a model folder."""

# A position tree: (line, column, children) with 1-based line and column; children is
# a dict (key -> position tree of the key) for mappings, a list for sequences, or None.
Pos = tuple[int, int, Union[dict, list, None]]


class ElementSource:
    """Where an element was written: file, line, column and the positions of its fields (``pos``).

    Pickled (the cache, the parsing processes), the position tree travels as one ``marshal`` string and
    is read back only when something asks where the element is: at 100,000 elements the trees, as
    objects, are ~300 MiB and most of them are never asked for, and unpickling a string is cheaper than
    unpickling a tree. ``pos`` gives the same tree either way (marshal keeps ints, texts, tuples, lists
    and dicts, and their order, as they are; a tree it cannot write travels as it is).
    """

    __slots__ = ("file", "_pos", "_packed")

    def __init__(self, file: str, pos: Pos) -> None:
        object.__setattr__(self, "file", file)
        object.__setattr__(self, "_pos", pos)
        object.__setattr__(self, "_packed", None)

    @property
    def pos(self) -> Pos:
        pos = self._pos
        if pos is None:  # read from the string each time: kept, the trees of every element with a
            return marshal.loads(self._packed)  # type: ignore[arg-type]  # finding would be back in memory
        return pos

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")  # as the frozen dataclass it was

    __delattr__ = __setattr__  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.file, self.pos) == (other.file, other.pos)  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # a position tree holds dicts: never hashable

    def __repr__(self) -> str:
        return f"ElementSource(file={self.file!r}, pos={self.pos!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # plain construction (a frozen dataclass's default unpickling costs ~10x more) from the
        # tree as one marshal string
        packed = self._packed
        if packed is None:
            try:
                packed = marshal.dumps(self._pos)
            except ValueError:  # a key marshal cannot write (a date): the tree as it is
                return (ElementSource, (self.file, self._pos))
        return (_packed_source, (self.file, packed))

    def locate(self, path: Sequence[str | int] = ()) -> Location:
        line, col, children = self.pos
        for part in path:
            if isinstance(children, dict) and part in children:
                line, col, sub = children[part]
            elif isinstance(children, list) and isinstance(part, int) and 0 <= part < len(children):
                line, col, sub = children[part]
            else:
                break
            # children of a key are those of its value
            children = sub[2] if sub else None
        return Location(self.file, line, col)


def _packed_source(file: str, packed: bytes) -> ElementSource:
    """An element source whose position tree is read from ``packed`` (marshal) when first asked for."""
    source = object.__new__(ElementSource)
    object.__setattr__(source, "file", file)
    object.__setattr__(source, "_pos", None)
    object.__setattr__(source, "_packed", packed)
    return source


@dataclass
class SourceMap:
    """File positions of the manifest and of every element (parallel to ``Architecture.elements``)."""

    root: Path
    manifest_file: str = MANIFEST
    manifest: ElementSource | None = None
    elements: list[ElementSource] = field(default_factory=list)
    first_index: dict[str, int] = field(default_factory=dict)

    def of(self, index: int, path: Sequence[str | int] = ()) -> Location:
        return self.elements[index].locate(path)

    def element(self, element_id: str, path: Sequence[str | int] = ()) -> Location | None:
        i = self.first_index.get(element_id)
        if i is None:
            return None
        loc = self.elements[i].locate(path)
        return Location(loc.file, loc.line, loc.column, element_id)

    def in_manifest(self, path: Sequence[str | int] = ()) -> Location:
        if self.manifest is None:
            return Location(self.manifest_file)
        return self.manifest.locate(path)


@dataclass
class LoadResult:
    """What loading a folder gave: the model (None if unreadable), positions, and findings."""

    architecture: Architecture | None
    sources: SourceMap
    findings: list[Finding]
    files: list[str]
    # located advice about the form of the model that is not a finding (the one-edition manifest, LOAD015):
    # reports show it apart, so that it changes no verdict, count or exit code
    notices: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.architecture is not None and not any(f.fatal for f in self.findings)
