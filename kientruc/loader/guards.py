"""The loader's limits, and the checks that keep a hostile or runaway file from exhausting the machine.

A file is refused past MAX_FILE_BYTES (when it is read), past MAX_NESTING levels of
lists and mappings (before it is composed), or when its YAML aliases expand past
MAX_EXPANDED_NODES or refer to themselves (after it is parsed); a model is cut past
MAX_ELEMENTS. The other modules read the limits from here when they apply them, so
that one assignment (a test's) changes a limit everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

from ..findings import Finding
from .problems import _load_finding
from ..i18n import msg

if TYPE_CHECKING:
    from .positions import ParsedFile

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest model file read (64 MiB): a province's model is a few MiB in all."""
MAX_NESTING = 1000
"""Deepest nesting of lists and mappings in one file (a model needs fewer than ten levels)."""
_NESTING_SCAN_FROM = 2000  # files with fewer brackets and shorter lines cannot nest deeper than this
MAX_ELEMENTS = 2_000_000
"""Most elements one model may hold: about twenty times the whole country's architecture."""
MAX_EXPANDED_NODES = 1_000_000
"""Most containers one file may expand to through YAML aliases (and at least 10× its own)."""


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where lists and mappings nest deeper than MAX_NESTING, if they do.

    libyaml builds its node tree recursively in C: tens of thousands of nested brackets
    (a few hundred kilobytes) overflow the stack and kill the process. Nesting needs a
    bracket or a column per level, so only a file with many of them is scanned, by the
    parser's events (which nest nothing), before it is composed.
    """
    if text.count("[") + text.count("{") + max(map(len, text.split("\n")), default=0) <= _NESTING_SCAN_FROM:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_NESTING:
                    return event.start_mark.line + 1, event.start_mark.column + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # libyaml 0.2.5+ stops at its own nesting limit (1000) before we count past ours
        if "maximum nesting depth" in str(exc.problem) and exc.problem_mark is not None:
            return exc.problem_mark.line + 1, exc.problem_mark.column + 1
        return None  # the parse proper reports it, with its place
    except yaml.YAMLError:
        return None
    return None


def _alias_problem(parsed: ParsedFile) -> Finding | None:
    """A finding if aliases make the data recursive or expand it past the limit."""
    limit = max(MAX_EXPANDED_NODES, 10 * len(parsed.positions))
    memo: dict[int, int] = {}
    active: set[int] = set()

    def size(obj: Any) -> int:
        if not isinstance(obj, (dict, list)):
            return 1
        key = id(obj)
        if key in memo:
            return memo[key]
        if key in active:
            raise _Recursive(obj)
        active.add(key)
        total = 1
        for child in obj.values() if isinstance(obj, dict) else obj:
            total += size(child)
            if total > limit:
                raise _TooBig()
        active.discard(key)
        memo[key] = total
        return total

    try:
        size(parsed.data)
    except _Recursive as exc:
        line, col, _ = parsed.positions.get(id(exc.obj), (None, None, None))
        return _load_finding(
            "LOAD012", msg("a YAML alias refers to the very block that contains it"), parsed.file, line, col,
            hint=msg("remove the alias (*name) that points back to its own anchor (&name)"),
        )
    except _TooBig:
        return _load_finding(
            "LOAD012",
            msg("YAML aliases expand this file to more than {n} blocks", n=limit),
            parsed.file,
            1,
            1,
            hint=msg("write the data out instead of nesting aliases of aliases"),
        )
    except RecursionError:
        return _load_finding(
            "LOAD012", msg("the data is nested too deeply"), parsed.file, 1, 1,
            hint=msg("a model file needs only a few levels of nesting"),
        )
    return None


class _Recursive(Exception):
    def __init__(self, obj: Any) -> None:
        self.obj = obj


class _TooBig(Exception):
    pass
