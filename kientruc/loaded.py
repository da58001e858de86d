"""What the load stage hands on: the architecture, its findings, its files and the map of where everything is.

The loader (:mod:`kientruc.loader`) makes these; the validators and the renderers read
them, to point a finding at a line of a file, without importing the loader. The
module needs only the models and the findings.
"""

from __future__ import annotations

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


@dataclass(frozen=True, slots=True)
class ElementSource:
    """Where an element was written: file, line, column and the positions of its fields."""

    file: str
    pos: Pos

    def __reduce__(self) -> tuple[Any, ...]:
        # plain construction: a frozen dataclass's default unpickling costs ~10x more, and
        # the cache and the parsing processes unpickle one of these per element
        return (ElementSource, (self.file, self.pos))

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
