"""YAML with positions: parse a model file's text with PyYAML's safe C loader (or, for plain files, rapidyaml), keeping where every key and item was.

While parsing, every mapping and sequence records the line and column of its keys and
items in a side table (:class:`ParsedFile`), and a key given twice is reported. Syntax
errors become findings, with a hint for the common ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Sequence

import yaml

from ..findings import Finding, Location
from ..loaded import Pos
from . import fastyaml, guards
from .problems import _load_finding, _show
from ..i18n import Msg, msg


class _PositionLoader(yaml.CSafeLoader):  # type: ignore[misc,name-defined]
    """Safe YAML loader that records key/item positions and reports duplicate keys."""

    def __init__(self, stream: str, file: str) -> None:
        super().__init__(stream)
        self.file = file
        self.positions: dict[int, tuple[int, int, Any]] = {}
        self.problems: list[Finding] = []

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:  # type: ignore[override]
        # PyYAML's constructors of the standard tags raise plain Python errors on a bad
        # value (`!!int abc`, `!!bool maybe`, `!!timestamp x`): give them the node's place.
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError, IndexError):
            tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
            shown = _show(node.value) if isinstance(node, yaml.ScalarNode) else f"a {node.id}"
            raise yaml.constructor.ConstructorError(
                None, None, f"{shown} is not a valid {tag} value", node.start_mark
            ) from None

    def construct_yaml_map(self, node: yaml.MappingNode) -> Iterator[dict]:  # type: ignore[override]
        if not isinstance(node, yaml.MappingNode):  # `!!map [a]`
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a mapping after the !!map tag, found a {node.id}", node.start_mark
            )
        data: dict = {}
        yield data
        self.flatten_mapping(node)
        keys: dict[Any, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=False)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark, "found a key that is not a plain value",
                    key_node.start_mark,
                ) from None
            mark = key_node.start_mark
            if key in keys and not getattr(key_node, "_merged", False):
                first = keys[key]
                self.problems.append(
                    _load_finding(
                        "LOAD002",
                        msg("duplicate key {key}: it was already given on line {line}; YAML keeps only one of them", key=repr(key), line=first[0]),
                        self.file,
                        mark.line + 1,
                        mark.column + 1,
                        hint=msg("remove one of the two, or merge their values"),
                        related=(Location(self.file, first[0], first[1], note=msg("first occurrence")),),
                    )
                )
            data[key] = self.construct_object(value_node, deep=False)
            keys[key] = (mark.line + 1, mark.column + 1)
        self.positions[id(data)] = (node.start_mark.line + 1, node.start_mark.column + 1, keys)

    def construct_yaml_seq(self, node: yaml.SequenceNode) -> Iterator[list]:  # type: ignore[override]
        data: list = []
        yield data
        data.extend(self.construct_sequence(node))
        self.positions[id(data)] = (
            node.start_mark.line + 1,
            node.start_mark.column + 1,
            [(n.start_mark.line + 1, n.start_mark.column + 1) for n in node.value],
        )

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a real date ({exc})", node.start_mark
            ) from None


_PositionLoader.add_constructor("tag:yaml.org,2002:map", _PositionLoader.construct_yaml_map)
_PositionLoader.add_constructor("tag:yaml.org,2002:seq", _PositionLoader.construct_yaml_seq)
_PositionLoader.add_constructor("tag:yaml.org,2002:timestamp", _PositionLoader.construct_yaml_timestamp)


_YAML_HINTS = (
    ("'\\t'", msg("YAML does not allow tabs for indentation: indent with spaces")),
    ("tab character", msg("YAML does not allow tabs for indentation: indent with spaces")),
    ("found unhashable key", msg("a key must be a plain value")),
    ("mapping values are not allowed", msg("check the indentation, or quote a value that contains ': '")),
    ("could not find expected ':'", msg("a key is missing its ':' or a quote is not closed")),
    ("did not find expected key", msg("check the indentation of this block")),
    ("found unexpected end of stream", msg("a quote or bracket is not closed")),
    ("expected ',' or ']'", msg("a '[' list is not closed with ']'")),
    ("expected ',' or '}'", msg("a '{{' mapping is not closed with '}}'")),
    ("but found another document", msg("a model file holds one YAML document: remove the extra '---'")),
    ("is not a real date", msg("write dates as YYYY-MM-DD, and check the day exists")),
    ("found character that cannot start any token", msg("quote the value")),
    ("not a plain value", msg("a key must be a plain value: write the list or mapping as a value, not as a key")),
    (
        "could not determine a constructor for the tag",
        msg("kientruc reads plain YAML: remove the tag (!!python/…, !include…); tags are never run"),
    ),
    ("duplicate anchor", msg("give each anchor (&name) its own name")),
    ("found undefined alias", msg("an alias (*name) needs an anchor (&name) of that name earlier in the same file")),
    ("expected '-' indicator", msg("check the indentation: this line is not in line with the items above")),
    ("for merging", msg("'<<' merges a mapping: write '<<: *anchor' where &anchor names a mapping")),
    ("incompatible YAML document", msg("remove the %YAML line: model files are YAML 1.1 or 1.2")),
    ("is not a valid !!", msg("remove the tag (!!int, !!bool…) or correct the value")),
)


def _yaml_hint(message: str) -> Msg | None:
    for needle, hint in _YAML_HINTS:
        if needle in message:
            return hint
    return None


@dataclass
class ParsedFile:
    """One parsed YAML file: its data and the positions of its containers."""

    file: str
    data: Any
    positions: dict[int, tuple[int, int, Any]]

    def tree(self, obj: Any) -> Pos | None:
        """The position tree of a container from this file (None for scalars)."""
        entry = self.positions.get(id(obj))
        if entry is None:
            return None
        line, col, sub = entry
        if isinstance(obj, dict):
            children: dict | list = {
                k: (kl, kc, self.tree(obj[k]) if isinstance(obj.get(k), (dict, list)) else None)
                for k, (kl, kc) in sub.items()
            }
        else:
            children = [
                (il, ic, self.tree(item) if isinstance(item, (dict, list)) else None)
                for (il, ic), item in zip(sub, obj)
            ]
        return (line, col, children)

    def locate(self, loc: Sequence[Any]) -> tuple[int, int, Any]:
        """Line, column and raw value reached by following a pydantic error location."""
        node = self.data
        entry = self.positions.get(id(node))
        line, col = (entry[0], entry[1]) if entry else (1, 1)
        for part in loc:
            if isinstance(node, dict):
                if part in node:
                    kl, kc = self.positions[id(node)][2][part]
                    line, col = kl, kc
                    node = node[part]
                continue  # a union tag (the kind, or a member name): stay here
            if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                il, ic = self.positions[id(node)][2][part]
                line, col = il, ic
                node = node[part]
                continue
        return line, col, node


def parse_yaml(text: str, display: str) -> tuple[ParsedFile | None, list[Finding]]:
    """Parse YAML text, keeping positions. Syntax errors become findings.

    A plain file is parsed by rapidyaml (:mod:`.fastyaml`), which gives the same values and
    positions; whatever it declines is parsed by PyYAML's C loader, which words every finding.
    """
    deep = guards._too_deep(text)
    if deep is not None:
        return None, [
            _load_finding(
                "LOAD012",
                msg("lists and mappings nest more than {n} levels deep", n=guards.MAX_NESTING),
                display,
                deep[0],
                deep[1],
                hint=msg("a model file needs only a few levels of nesting: check the brackets"),
            )
        ]
    fast = fastyaml.parse_fast(text, display)
    if fast is not None:
        return fast, []
    return _parse_with_pyyaml(text, display)


def _parse_with_pyyaml(text: str, display: str) -> tuple[ParsedFile | None, list[Finding]]:
    """PyYAML's path of :func:`parse_yaml`: every file the fast path declines (and all, without rapidyaml)."""
    loader = _PositionLoader(text, display)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = msg("YAML syntax error (the parser says: “{detail}”)", detail=exc.problem or exc.context or "invalid YAML")
        if exc.context and exc.problem:
            begun = exc.context_mark
            if "duplicate anchor" in exc.context and begun is not None:
                problem = msg("duplicate anchor: an anchor of this name was already given on line {line}", line=begun.line + 1)
            elif begun is not None and mark is not None and begun.line != mark.line:
                problem = msg("YAML syntax error (the parser says: “{detail}”), in the block that started on line {line}", detail="{} ({})".format(exc.problem, exc.context), line=begun.line + 1)
            else:
                problem = msg("YAML syntax error (the parser says: “{detail}”)", detail="{} ({})".format(exc.problem, exc.context))
        hint = _yaml_hint(str(exc))
        if mark is not None and "cannot start any token" in str(exc):
            row = text.split("\n")[mark.line] if mark.line < text.count("\n") + 1 else ""
            if "\t" in row[: mark.column + 1]:
                hint = msg("YAML does not allow tabs for indentation: indent with spaces")
        return None, loader.problems + [
            _load_finding(
                "LOAD001",
                problem,
                display,
                mark.line + 1 if mark else None,
                mark.column + 1 if mark else None,
                hint=hint,
            )
        ]
    except yaml.YAMLError as exc:  # a reader error: control characters and the like
        line, col = _offset_position(text, getattr(exc, "position", None))
        return None, loader.problems + [
            _load_finding(
                "LOAD001",
                msg("the file holds a character YAML does not allow (the parser says: “{detail}”)", detail=str(exc).splitlines()[0]),
                display,
                line,
                col,
                hint=msg("remove the invisible control character (often pasted from a word processor)"),
            )
        ]
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError, IndexError) as exc:
        # a standard tag's constructor failing after its node was left (see construct_object)
        return None, loader.problems + [
            _load_finding("LOAD001", msg("the YAML cannot be read (the parser says: “{detail}”)", detail=type(exc).__name__ + ": " + str(exc)), display, 1, 1)
        ]
    finally:
        loader.dispose()
    parsed = ParsedFile(display, data, loader.positions)
    if "&" in text:  # anchors exist: make sure their aliases do not explode or loop
        problem = guards._alias_problem(parsed)
        if problem is not None:
            return None, loader.problems + [problem]
    return parsed, loader.problems


def _offset_position(text: str, offset: int | None) -> tuple[int, int]:
    """Line and column (1-based, in characters) of a byte offset into the UTF-8 form of ``text``."""
    if not isinstance(offset, int) or offset < 0:
        return 1, 1
    raw = text.encode("utf-8", errors="replace")[:offset]
    start = raw.rfind(b"\n") + 1
    return raw.count(b"\n") + 1, len(raw[start:].decode("utf-8", errors="replace")) + 1
