"""Load a model folder: the manifest and every model file below it.

Text is read as UTF-8 (a BOM is accepted), NFC-normalised, parsed with PyYAML's
safe C loader, and validated by the pydantic models. While parsing, every mapping
and sequence records the line and column of its keys and items in a side table, so
that a schema error, and later any rule's finding, points at a line of a file.

Nothing here raises on bad input: problems become :class:`~kientruc.findings.Finding`
objects with ``fatal=True`` (the command then exits with 2).
"""

from __future__ import annotations

import difflib
import fnmatch
import gc
import multiprocessing
import os
import pickle
import re
import reprlib
import stat
import unicodedata
from dataclasses import dataclass, field
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from ._gc import FREEZE_FROM, paused
from .cache import FileCache, enabled_by_env
from .codes import LOAD_CODES
from .findings import Finding, Location, Severity
from .frameworks import profiles
from .models import ELEMENT_LIST, RELATION_TYPES, KIND_CLASSES, KINDS, Architecture, Element, Manifest, Relation, nfc
from .models.base import SLUG_PATTERN

MANIFEST = "architecture.yaml"
MODEL_SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest model file read (64 MiB): a province's model is a few MiB in all."""
MAX_NESTING = 1000
"""Deepest nesting of lists and mappings in one file (a model needs fewer than ten levels)."""
_NESTING_SCAN_FROM = 2000  # files with fewer brackets and shorter lines cannot nest deeper than this
MAX_ELEMENTS = 2_000_000
"""Most elements one model may hold: about twenty times the whole country's architecture."""
MAX_EXPANDED_NODES = 1_000_000
"""Most containers one file may expand to through YAML aliases (and at least 10× its own)."""

# A position tree: (line, column, children) with 1-based line and column; children is
# a dict (key -> position tree of the key) for mappings, a list for sequences, or None.
Pos = tuple[int, int, Union[dict, list, None]]


# --------------------------------------------------------------------------- load findings


LOAD_RULES = LOAD_CODES  # the loader's codes, declared in kientruc.codes


def _load_finding(
    code: str,
    message: str,
    file: str,
    line: int | None = None,
    column: int | None = None,
    *,
    element: str | None = None,
    hint: str | None = None,
    severity: Severity = Severity.ERROR,
    related: tuple[Location, ...] = (),
) -> Finding:
    rule = LOAD_RULES[code]
    return Finding(
        code=code,
        name=rule.name,
        severity=severity,
        message=message,
        element=element,
        location=Location(file, line, column, element),
        related=related,
        hint=hint,
        fatal=severity is Severity.ERROR,
    )


# --------------------------------------------------------------------------- YAML with positions


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
                        f"duplicate key {key!r}: it was already given on line {first[0]}; YAML keeps only one of them",
                        self.file,
                        mark.line + 1,
                        mark.column + 1,
                        hint="remove one of the two, or merge their values",
                        related=(Location(self.file, first[0], first[1], note="first occurrence"),),
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
    ("'\\t'", "YAML does not allow tabs for indentation: indent with spaces"),
    ("tab character", "YAML does not allow tabs for indentation: indent with spaces"),
    ("found unhashable key", "a key must be a plain value"),
    ("mapping values are not allowed", "check the indentation, or quote a value that contains ': '"),
    ("could not find expected ':'", "a key is missing its ':' or a quote is not closed"),
    ("did not find expected key", "check the indentation of this block"),
    ("found unexpected end of stream", "a quote or bracket is not closed"),
    ("expected ',' or ']'", "a '[' list is not closed with ']'"),
    ("expected ',' or '}'", "a '{' mapping is not closed with '}'"),
    ("but found another document", "a model file holds one YAML document: remove the extra '---'"),
    ("is not a real date", "write dates as YYYY-MM-DD, and check the day exists"),
    ("found character that cannot start any token", "quote the value"),
    ("not a plain value", "a key must be a plain value: write the list or mapping as a value, not as a key"),
    (
        "could not determine a constructor for the tag",
        "kientruc reads plain YAML: remove the tag (!!python/…, !include…); tags are never run",
    ),
    ("duplicate anchor", "give each anchor (&name) its own name"),
    ("found undefined alias", "an alias (*name) needs an anchor (&name) of that name earlier in the same file"),
    ("expected '-' indicator", "check the indentation: this line is not in line with the items above"),
    ("for merging", "'<<' merges a mapping: write '<<: *anchor' where &anchor names a mapping"),
    ("incompatible YAML document", "remove the %YAML line: model files are YAML 1.1 or 1.2"),
    ("is not a valid !!", "remove the tag (!!int, !!bool…) or correct the value"),
)


def _yaml_hint(message: str) -> str | None:
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


def _wide_encoding(raw: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' (and how it shows) if the bytes look like one of them, else None."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32 (it starts with a UTF-32 byte-order mark)"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 (it starts with a UTF-16 byte-order mark)"
    head = raw[:200]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):  # YAML text in UTF-8 has no NUL bytes
        return "UTF-16 or UTF-32 (every other byte is 0)"
    return None


def read_text(path: Path, display: str) -> tuple[str | None, Finding | None]:
    """Read a file as UTF-8 (BOM accepted) and NFC-normalise it."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a named pipe would block the read for ever
            return None, _load_finding(
                "LOAD005",
                "this is not a regular file (a named pipe, a device or a socket); it was not read",
                display,
                1,
                hint="model files are ordinary files: remove this entry, or rename it without .yaml",
            )
        size = st.st_size
        if size > MAX_FILE_BYTES:
            return None, _load_finding(
                "LOAD011",
                f"the file has {size / 2**20:.0f} MiB; kientruc reads model files of at most "
                f"{MAX_FILE_BYTES // 2**20} MiB",
                display,
                1,
                hint="split it into several files (any folder layout works)",
            )
        raw = path.read_bytes()
    except OSError as exc:
        return None, _load_finding("LOAD005", f"cannot read the file: {exc.strerror or exc}", display, 1)
    wide = _wide_encoding(raw)
    if wide is not None:
        return None, _load_finding(
            "LOAD005",
            f"the file is {wide}, not UTF-8",
            display,
            1,
            1,
            hint="save the file as UTF-8; kientruc reads model files only as UTF-8",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        start = raw.rfind(b"\n", 0, exc.start) + 1
        # the column in characters, as editors count it (the bytes before the bad one decode)
        col = len(raw[start : exc.start].decode("utf-8-sig", errors="replace")) + 1
        return None, _load_finding(
            "LOAD005",
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} cannot be decoded)",
            display,
            line,
            col,
            hint="save the file as UTF-8; kientruc reads model files only as UTF-8",
        )
    return nfc(text), None


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


def parse_yaml(text: str, display: str) -> tuple[ParsedFile | None, list[Finding]]:
    """Parse YAML text, keeping positions. Syntax errors become findings."""
    deep = _too_deep(text)
    if deep is not None:
        return None, [
            _load_finding(
                "LOAD012",
                f"lists and mappings nest more than {MAX_NESTING} levels deep",
                display,
                deep[0],
                deep[1],
                hint="a model file needs only a few levels of nesting: check the brackets",
            )
        ]
    loader = _PositionLoader(text, display)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            begun = exc.context_mark
            if "duplicate anchor" in exc.context and begun is not None:
                problem = f"duplicate anchor: an anchor of this name was already given on line {begun.line + 1}"
            elif begun is not None and mark is not None and begun.line != mark.line:
                problem = f"{exc.problem} ({exc.context} that started on line {begun.line + 1})"
            else:
                problem = f"{exc.problem} ({exc.context})"
        hint = _yaml_hint(str(exc))
        if mark is not None and "cannot start any token" in str(exc):
            row = text.split("\n")[mark.line] if mark.line < text.count("\n") + 1 else ""
            if "\t" in row[: mark.column + 1]:
                hint = "YAML does not allow tabs for indentation: indent with spaces"
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
                str(exc).splitlines()[0],
                display,
                line,
                col,
                hint="remove the invisible control character (often pasted from a word processor)",
            )
        ]
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError, IndexError) as exc:
        # a standard tag's constructor failing after its node was left (see construct_object)
        return None, loader.problems + [
            _load_finding("LOAD001", f"the YAML cannot be read: {type(exc).__name__}: {exc}", display, 1, 1)
        ]
    finally:
        loader.dispose()
    parsed = ParsedFile(display, data, loader.positions)
    if "&" in text:  # anchors exist: make sure their aliases do not explode or loop
        problem = _alias_problem(parsed)
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
            "LOAD012", "a YAML alias refers to the very block that contains it", parsed.file, line, col,
            hint="remove the alias (*name) that points back to its own anchor (&name)",
        )
    except _TooBig:
        return _load_finding(
            "LOAD012",
            f"YAML aliases expand this file to more than {limit:,} blocks",
            parsed.file,
            1,
            1,
            hint="write the data out instead of nesting aliases of aliases",
        )
    except RecursionError:
        return _load_finding(
            "LOAD012", "the data is nested too deeply", parsed.file, 1, 1,
            hint="a model file needs only a few levels of nesting",
        )
    return None


class _Recursive(Exception):
    def __init__(self, obj: Any) -> None:
        self.obj = obj


class _TooBig(Exception):
    pass


# --------------------------------------------------------------------------- schema errors


def _slugify(text: str) -> str:
    text = str(text).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in text)
    return "-".join(p for p in out.split("-") if p)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    for arg in get_args(annotation):
        out.extend(_models_in(arg))
    return out


def _fields_at(root: type[BaseModel] | None, raw_root: Any, loc: Sequence[Any]) -> list[str]:
    """The field names allowed where a pydantic error location points (for did-you-mean)."""
    models: list[type[BaseModel]] = [root] if root else []
    node = raw_root
    for part in loc[:-1]:
        if isinstance(node, dict) and part not in node:
            if part in KIND_CLASSES:
                models = [KIND_CLASSES[part]]
            continue
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
            continue
        nxt: list[type[BaseModel]] = []
        for m in models:
            f = m.model_fields.get(part)
            if f is not None:
                nxt.extend(_models_in(f.annotation))
        models = nxt
        node = node.get(part) if isinstance(node, dict) else None
    names: list[str] = []
    for m in models:
        names.extend(n for n in m.model_fields if n not in names)
    return names


_UNION_STR_TAGS = ("str", "constrained-str")

_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother, _REPR.maxlist, _REPR.maxdict = 2, 130, 60, 4, 4  # ids: <= 120


def _show(value: Any) -> str:
    """A short repr of a model value for a message: bounded in length and nesting."""
    return _REPR.repr(value)


def _relevant(error: dict[str, Any], parsed: ParsedFile, base: Sequence[Any]) -> bool:
    """Drop the errors of union members that do not match the input's shape."""
    node = parsed.data
    for part in list(base) + list(error["loc"]):
        if isinstance(node, dict):
            if part in node:
                node = node[part]
                continue
            if isinstance(part, str) and (part in _UNION_STR_TAGS or part.startswith("function-")):
                return False  # the string branch of a union, but the input is a mapping
            continue
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            continue
        if isinstance(part, str) and part[:1].isupper() and part not in KIND_CLASSES:
            return False  # the model branch of a union, but the input is not a mapping
    return True


def _data_keys(parsed: ParsedFile, loc: Sequence[Any]) -> set[str]:
    """The parts of a pydantic error location that are keys written in the file."""
    node, keys = parsed.data, set()
    for part in loc:
        if isinstance(node, dict) and part in node:
            keys.add(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
    return keys


def _describe(
    error: dict[str, Any], value: Any, allowed_fields: list[str], data_keys: frozenset | set = frozenset()
) -> tuple[str, str | None]:
    etype = error["type"]
    loc = [
        p
        for p in error["loc"]
        if not (isinstance(p, str) and (p[:1].isupper() or p in _UNION_STR_TAGS) and p not in data_keys)
    ]
    field_name = next((p for p in reversed(loc) if isinstance(p, str) and p not in KIND_CLASSES), None)
    where = _show(field_name) if field_name else "value"  # quoted, control characters escaped
    inp = error.get("input")
    if etype == "extra_forbidden":
        close = difflib.get_close_matches(str(field_name), allowed_fields, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else None
        if not hint and allowed_fields:
            plain = [f for f in allowed_fields if f not in RELATION_TYPES]
            hint = "allowed fields here: " + ", ".join(plain)
            if len(plain) < len(allowed_fields):
                hint += ", and the relation fields (`kientruc relations`)"
        return f"unknown field {_show(field_name)}", hint
    if etype == "missing":
        return f"missing required field '{field_name}'", None
    if etype == "plain_value_expected":
        return (
            f"{where}: expected text, a number, true/false or a date, found {type(inp).__name__} {_show(inp)}",
            "a property holds one plain value: write a nested mapping or list as several properties",
        )
    if etype == "invalid_key":
        return (
            f"unknown field {_show(inp)}: a field name must be text",
            "YAML reads ~, null, numbers, yes and no as other values: quote the key if it is meant as a name",
        )
    if etype == "union_tag_invalid":
        tag = error.get("ctx", {}).get("tag", inp)
        close = difflib.get_close_matches(str(tag), KINDS, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "kinds: " + ", ".join(KINDS)
        return f"unknown kind {_show(tag)}", hint
    if etype == "union_tag_not_found":
        return "the element has no 'kind'", "add 'kind:' with one of: " + ", ".join(KINDS)
    if etype == "model_attributes_type" and len(loc) <= 1:
        return (
            f"expected an element (a mapping with id, kind and name), found {type(inp).__name__} {_show(inp)}",
            "each item of a model file is one element: '- id: ...' followed by its fields",
        )
    if etype == "string_pattern_mismatch":
        suggestion = _slugify(inp) if isinstance(inp, str) else ""
        hint = "ids are kebab-case slugs: lowercase letters a-z, digits and single hyphens"
        if suggestion:
            hint += f", for example '{suggestion}'"
        return f"{where}: {_show(inp)} is not a valid id", hint
    if etype in ("string_type", "model_type", "list_type", "dict_type", "int_type", "bool_type", "int_parsing"):
        hint = None
        if isinstance(inp, bool) and etype == "string_type":
            hint = "YAML reads yes/no/on/off/true/false as booleans: put the value in quotes"
        elif isinstance(inp, (int, float)) and etype == "string_type":
            hint = "put the value in quotes to make it text"
        elif etype == "list_type":
            hint = "write a list: [a, b] or one '- item' per line"
        return f"{where}: {error['msg'].lower()}, found {type(inp).__name__} {_show(inp)}", hint
    if etype.startswith("date") or etype.startswith("datetime"):
        return f"{where}: {_show(inp)} is not a date", "write dates as YYYY-MM-DD, for example 2018-10-09"
    if etype in ("enum", "literal_error"):
        hint = None
        if isinstance(inp, bool):
            hint = "YAML reads yes/no/on/off/true/false as booleans: put the value in quotes"
        return f"{where}: {error['msg'].lower()}, found {_show(inp)}", hint
    return f"{where}: {error['msg']}" + (f", found {_show(inp)}" if not isinstance(inp, (dict, list)) else ""), None


_SLUG = re.compile(SLUG_PATTERN)
_SCALAR_TAGS = frozenset({"str", "int", "float", "bool", "date", "none", "constrained-str"})


def _merge_scalar_unions(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One error, not one per member, for a value that is none of a union of plain values.

    A property value may be text, a number, true/false or a date; a mapping given there
    fails each of them, and pydantic reports each, tagged 'str', 'int', 'float'...
    """
    def scalar_member(loc: tuple) -> bool:
        return bool(loc) and isinstance(loc[-1], str) and loc[-1] in _SCALAR_TAGS

    members: dict[tuple, int] = {}
    for error in errors:
        loc = tuple(error["loc"])
        if scalar_member(loc):
            members[loc[:-1]] = members.get(loc[:-1], 0) + 1
    out: list[dict[str, Any]] = []
    merged: set[tuple] = set()
    for error in errors:
        loc = tuple(error["loc"])
        if scalar_member(loc) and members[loc[:-1]] > 1 and error["type"] != "missing":
            if loc[:-1] in merged:
                continue
            merged.add(loc[:-1])
            error = {**error, "loc": loc[:-1], "type": "plain_value_expected"}
        out.append(error)
    return out


def schema_findings(
    exc: ValidationError,
    parsed: ParsedFile,
    code: str,
    root_model: type[BaseModel] | None,
    base: Sequence[Any] = (),
) -> list[Finding]:
    """Turn a pydantic ValidationError into located findings."""
    out: list[Finding] = []
    seen: set[tuple] = set()
    errors = _merge_scalar_unions(exc.errors(include_url=False))
    for error in errors:
        if len(errors) > 1 and not _relevant(error, parsed, base):
            continue
        loc = tuple(base) + tuple(error["loc"])
        if error["type"] == "invalid_key" and loc:
            loc = loc[:-1] + (error.get("input"),)  # pydantic names a key None or 2024 'None' or 2024
        line, col, value = parsed.locate(loc)
        if error["type"] == "union_tag_invalid" and isinstance(value, dict) and "kind" in value:
            line, col, _ = parsed.locate(loc + ("kind",))  # point at the unknown kind itself
        element_id = None
        if isinstance(parsed.data, list) and loc and isinstance(loc[0], int) and loc[0] < len(parsed.data):
            item = parsed.data[loc[0]]
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                element_id = item["id"]
        allowed = _fields_at(root_model, parsed.data, loc) if error["type"] == "extra_forbidden" else []
        message, hint = _describe(error, value, allowed, _data_keys(parsed, loc))
        shown_id = element_id
        if element_id is not None and not _SLUG.fullmatch(element_id):
            element_id = None  # not an id: named, escaped, in the message only
        key = (line, col, message)
        if key in seen:
            continue
        seen.add(key)
        kind = None
        if isinstance(parsed.data, list) and loc and isinstance(loc[0], int) and loc[0] < len(parsed.data):
            item = parsed.data[loc[0]]
            kind = item.get("kind") if isinstance(item, dict) else None
        if shown_id and not message.startswith("unknown kind"):
            kind = kind if isinstance(kind, str) and kind in KIND_CLASSES else "element"
            message = f"{kind} {_show(shown_id)}: {message}"  # the id may hold anything: escape it
        out.append(_load_finding(code, message, parsed.file, line, col, element=element_id, hint=hint))
    return out


# --------------------------------------------------------------------------- sources


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

    @property
    def ok(self) -> bool:
        return self.architecture is not None and not any(f.fatal for f in self.findings)


# --------------------------------------------------------------------------- the folder


def find_model_files(root: Path, exclude: Iterable[str] = ()) -> tuple[list[Path], list[Finding]]:
    """Every model file below ``root``, sorted, skipping hidden entries and the manifest."""
    files: list[Path] = []
    problems: list[Finding] = []
    root_real = root.resolve()
    patterns = list(exclude)
    def unreadable(exc: OSError) -> None:  # os.walk would skip the folder without a word
        where = _display(Path(exc.filename), root) if exc.filename else _display(root, root)
        problems.append(
            _load_finding("LOAD005", f"cannot read the folder: {exc.strerror or exc}", where, 1,
                          hint="give kientruc read access to it, or move it out of the model folder")
        )

    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=unreadable):
        base = Path(dirpath)
        keep = []
        for d in sorted(dirnames):
            full = base / d
            if d.startswith("."):
                continue
            if full.is_symlink():  # never followed: inside, its files are read already
                problems.extend(_check_link(full, root, root_real))
                continue
            keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            if name.startswith(".") or not name.endswith(MODEL_SUFFIXES):
                continue
            full = base / name
            rel = full.relative_to(root).as_posix()
            if rel == MANIFEST or any(fnmatch.fnmatch(rel, p) for p in patterns):
                continue
            if full.is_symlink():  # a link inside the folder names a file read already
                problems.extend(_check_link(full, root, root_real))
                continue
            files.append(full)
    files.sort(key=lambda p: p.relative_to(root).as_posix())
    return files, problems


def _display(path: Path, root: Path) -> str:
    """How a file is named in findings: relative to the working folder where possible."""
    rel = os.path.relpath(os.path.abspath(path))
    if not rel.startswith(".."):
        return Path(rel).as_posix()
    return Path(os.path.abspath(path)).as_posix()


def _check_link(path: Path, root: Path, root_real: Path) -> list[Finding]:
    try:
        target = path.resolve(strict=False)
    except (OSError, RuntimeError) as exc:  # a link that loops (Python < 3.13 raises RuntimeError)
        return [
            _load_finding(
                "LOAD005",
                f"'{path.relative_to(root).as_posix()}' is a link that cannot be followed ({exc}); it was not read",
                _display(path, root),
                1,
                hint="remove the link, or point it at a file inside the model folder",
            )
        ]
    try:
        target.relative_to(root_real)
    except ValueError:
        return [
            _load_finding(
                "LOAD010",
                f"'{path.relative_to(root).as_posix()}' is a link to '{target}', outside the model folder; it was not read",
                _display(path, root),
                1,
                hint="copy the file into the model folder instead of linking to it",
            )
        ]
    return []


def load(root: str | os.PathLike[str], *, cache: bool | None = None, jobs: int | None = None) -> LoadResult:
    """Load the model folder ``root`` (the folder that holds ``architecture.yaml``).

    ``cache``: reuse what loading each unchanged model file gave last time (see
    :mod:`kientruc.cache`); None (the default) means on unless ``KIENTRUC_NO_CACHE=1``.
    ``jobs``: processes that parse the files not in the cache (see :func:`_load_files`);
    None means ``$KIENTRUC_JOBS``, else one per CPU.
    """
    root = Path(root)
    sources = SourceMap(root=root, manifest_file=_display(root / MANIFEST, root))
    findings: list[Finding] = []
    manifest_path = root / MANIFEST
    if not manifest_path.is_file():
        hint = (
            f"{root} is not a folder" if not root.is_dir() else "create architecture.yaml (see `kientruc schema --manifest`)"
        )
        message = f"no {MANIFEST} in '{root}'"
        if os.path.lexists(manifest_path):
            message = f"{MANIFEST} in '{root}' is not a file (a folder, a pipe or a broken link)"
        findings.append(_load_finding("LOAD006", message, sources.manifest_file, 1, hint=hint))
        return LoadResult(None, sources, findings, [])
    if manifest_path.is_symlink():  # the manifest is read only from inside the folder, like the model files
        problems = _check_link(manifest_path, root, root.resolve())
        if problems:
            findings.extend(problems)
            return LoadResult(None, sources, findings, [])

    manifest = _load_manifest(manifest_path, sources, findings)
    exclude = manifest.validation.exclude if manifest else []
    paths, problems = find_model_files(root, exclude)
    findings.extend(problems)

    elements: list[Element] = []
    file_cache = None
    if cache if cache is not None else enabled_by_env():
        file_cache = FileCache(root)
        if not file_cache.active:
            file_cache = None
    written: list[list[Relation]] = []
    with paused() as pause:  # the loader allocates many small containers and frees none of them
        displays = [_display(p, root) for p in paths]
        for display, part in zip(displays, _load_files(paths, displays, file_cache, resolve_jobs(jobs))):
            elements.extend(part[0])
            sources.elements.extend(part[1])
            findings.extend(part[2])
            written.extend(part[3])
            if len(elements) > MAX_ELEMENTS:
                findings.append(
                    _load_finding(
                        "LOAD013",
                        f"the model holds more than {MAX_ELEMENTS:,} elements; files after this one were not read",
                        display, 1, 1,
                        hint="check the model folder: is it the right one, or did a generator run away?",
                    )
                )
                break
        pause.large = len(elements) >= FREEZE_FROM
    if file_cache is not None:
        file_cache.prune()
    for i, el in enumerate(elements):
        sources.first_index.setdefault(el.id, i)
    architecture = Architecture(manifest, elements, written) if manifest is not None else None
    return LoadResult(architecture, sources, findings, [_display(p, root) for p in paths])


def _load_manifest(path: Path, sources: SourceMap, findings: list[Finding]) -> Manifest | None:
    display = sources.manifest_file
    text, problem = read_text(path, display)
    if problem:
        findings.append(problem)
        return None
    parsed, problems = parse_yaml(text, display)
    findings.extend(p for p in problems)
    if parsed is None:
        return None
    if not isinstance(parsed.data, dict):
        found = "nothing: the file is empty" if parsed.data is None else type(parsed.data).__name__
        findings.append(
            _load_finding(
                "LOAD007",
                f"the manifest must be a mapping, found {found}",
                display,
                1,
                1,
                hint="start with 'province:', 'architecture:' and 'profile:'",
            )
        )
        return None
    try:
        manifest = Manifest.model_validate(parsed.data)
    except ValidationError as exc:
        findings.extend(schema_findings(exc, parsed, "LOAD007", Manifest))
        return None
    sources.manifest = ElementSource(display, parsed.tree(parsed.data) or (1, 1, None))
    known = profiles()
    if manifest.profile not in known:
        loc = sources.in_manifest(("profile",))
        close = difflib.get_close_matches(manifest.profile, list(known), n=1, cutoff=0.5)
        findings.append(
            _load_finding(
                "LOAD008",
                f"unknown framework profile '{manifest.profile}'",
                display,
                loc.line,
                loc.column,
                hint=(f"did you mean '{close[0]}'? " if close else "") + "known profiles: " + ", ".join(known),
            )
        )
    return manifest


PARALLEL_MIN_BYTES = 1 << 20  # below ~4,000 elements to parse, starting processes costs more than it saves
PARALLEL_MAX_BYTES = 512 << 20  # above, parse file by file, so that MAX_ELEMENTS stops a runaway model early


def resolve_jobs(jobs: int | None) -> int:
    if jobs is None:
        try:
            jobs = int(os.environ.get("KIENTRUC_JOBS", "0"))
        except ValueError:
            jobs = 0
        if jobs <= 0:
            try:
                jobs = len(os.sched_getaffinity(0))
            except (AttributeError, OSError):
                jobs = os.cpu_count() or 1
    return max(1, jobs)


# what loading one file gives: its elements, their positions, its findings, and the
# relations each element writes (computed where the file is parsed, cached with it)
Part = tuple[list[Element], list["ElementSource"], list[Finding], list[list[Relation]]]


def _load_files(
    paths: list[Path], displays: list[str], file_cache: FileCache | None, jobs: int
) -> Iterator[Part]:
    """What loading each model file gives, in the order of ``paths``.

    Files the cache holds come from it. When the others are large enough, ``jobs``
    processes parse them (forked: they inherit the loaded code and start in
    milliseconds); each returns its result pickled, which the cache stores as it is.
    If the processes cannot be had or fail, the files are parsed here, one by one.
    """
    entries = [file_cache.entry_name(p, d, MAX_FILE_BYTES) if file_cache is not None else None
               for p, d in zip(paths, displays)]
    hits: list[Part | None] = [None] * len(paths)
    if file_cache is not None:
        for i, entry in enumerate(entries):
            if entry is not None:
                hit = file_cache.get(entry)
                if (
                    isinstance(hit, tuple)
                    and len(hit) == 4
                    and all(isinstance(part, list) for part in hit)
                    and len(hit[0]) == len(hit[1]) == len(hit[3])
                ):
                    hits[i] = hit
    misses = [i for i, hit in enumerate(hits) if hit is None]
    pool, futures = _start_parsing(paths, displays, misses, jobs)
    try:
        for i, path in enumerate(paths):
            hit = hits[i]
            if hit is not None:
                yield hit
                continue
            payload = None
            future = futures.get(i)
            if future is not None:
                try:
                    payload = future.result()
                except Exception:  # noqa: BLE001 - a worker that died: parse the file here instead
                    payload = None
            part: Part
            if payload is not None:
                part = pickle.loads(payload)
            else:
                part = _parse_part(path, displays[i])
            entry = entries[i]
            # stored only if the file did not change while it was read (an editor saving it)
            if entry is not None and file_cache is not None:
                if file_cache.entry_name(path, displays[i], MAX_FILE_BYTES) == entry:
                    if payload is not None:
                        file_cache.put_payload(entry, payload)
                    else:
                        file_cache.put(entry, part)
            yield part
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _start_parsing(
    paths: list[Path], displays: list[str], misses: list[int], jobs: int
) -> tuple[ProcessPoolExecutor | None, dict[int, Future[bytes]]]:
    if jobs < 2 or len(misses) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None, {}
    try:
        size = sum(paths[i].stat().st_size for i in misses)
    except OSError:
        return None, {}
    if not PARALLEL_MIN_BYTES <= size <= PARALLEL_MAX_BYTES:
        return None, {}
    try:
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(misses)), mp_context=multiprocessing.get_context("fork"))
        futures = {i: pool.submit(_parse_in_worker, str(paths[i]), displays[i]) for i in misses}
    except Exception:  # noqa: BLE001 - no processes to be had: parse here
        return None, {}
    return pool, futures


def _parse_part(path: Path, display: str) -> Part:
    """What loading one model file gives, parsed here."""
    elements: list[Element] = []
    findings: list[Finding] = []
    sources = SourceMap(root=Path("."))
    _parse_model_file(path, display, elements, sources, findings)
    written: list[list[Relation]] = []
    for el in elements:
        rels: list[Relation] = []
        el.collect_relations(rels)
        written.append(rels)
    return elements, sources.elements, findings, written


def _parse_in_worker(path: str, display: str) -> bytes:
    """Parse one model file in a worker process; its result, pickled."""
    gc.disable()
    return pickle.dumps(_parse_part(Path(path), display), protocol=pickle.HIGHEST_PROTOCOL)


def _parse_model_file(
    path: Path, display: str, elements: list[Element], sources: SourceMap, findings: list[Finding]
) -> None:
    text, problem = read_text(path, display)
    if problem:
        findings.append(problem)
        return
    parsed, problems = parse_yaml(text, display)
    findings.extend(problems)
    if parsed is None:
        return
    data = parsed.data
    if data is None or data == []:
        findings.append(
            _load_finding(
                "LOAD009",
                "the file holds no elements",
                display,
                1,
                1,
                severity=Severity.WARNING,
                hint="add elements, or delete the file",
            )
        )
        return
    if not isinstance(data, list):
        what = "a mapping" if isinstance(data, dict) else f"{type(data).__name__} {_show(data)}"
        hint = "start each element with '- ' (a list item)"
        if isinstance(data, dict) and "kind" in data:
            hint = "this looks like one element: put '- ' before 'id:' and indent the rest"
        findings.append(
            _load_finding("LOAD004", f"a model file must hold a list of elements, found {what}", display, 1, 1, hint=hint)
        )
        return
    try:
        validated = ELEMENT_LIST.validate_python(data)
    except ValidationError as exc:
        findings.extend(schema_findings(exc, parsed, "LOAD003", None))
        return
    for raw, element in zip(data, validated):
        elements.append(element)
        sources.elements.append(ElementSource(display, parsed.tree(raw) or (1, 1, None)))

