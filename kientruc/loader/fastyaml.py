"""The fast path of :func:`kientruc.loader.positions.parse_yaml`: plain model files parsed by rapidyaml.

PyYAML builds every node, mark and value in Python, which is most of a cold check. rapidyaml
(``ryml``) parses a file into its own tree in C++ some 40× faster; this module walks that tree
into the very values and positions PyYAML's path gives (the same :class:`ParsedFile`), for the
plain YAML model files are written in, and declines everything else.

*Same values.* A plain scalar is resolved by PyYAML's own implicit resolvers
(``yaml.resolver.Resolver``: YAML 1.1's booleans ``yes``/``no``/``on``/``off``, integers in every
base, ``1_000``, sexagesimals, floats, ``~``/``null``, dates and timestamps) and built by
PyYAML's own ``SafeConstructor`` functions; a quoted or block scalar is text, as in PyYAML.

*Same positions.* rapidyaml's values are views into the parsed buffer: the view's address,
less the buffer's, is the byte offset of a key or item, turned into PyYAML's 1-based line and
column (in characters). Containers start where PyYAML's marks put them: a block mapping at its
first key, a block sequence at its first ``-``, a flow collection at its bracket.

*Declined* (``None``: the caller parses with PyYAML, so every finding stays what it was): anything
rapidyaml rejects (its message would differ), and whatever PyYAML treats in a way this walk does not
reproduce — anchors, aliases and merge keys (the alias guards), tags, duplicate keys (LOAD002),
tabs, carriage returns, a BOM, characters YAML forbids or reads as line breaks, ``---``/``...``/``%``
lines, ``?`` keys, block scalar keys, empty list items, plain scalars starting with an indicator,
quoted scalars over several lines, flow collections over several lines or with a comment or a ``:``
without a space inside, block scalar headers with anything after them, a block scalar at the end of
a file with no line break, keys longer than libyaml allows, any value PyYAML's constructors refuse,
and any position that cannot be confirmed in the text. Most of these were found by comparing both
paths on mutants of real files (tests/test_fast_yaml.py), where rapidyaml accepts what libyaml
refuses or reads it differently. The fast path is off when rapidyaml is not installed, or with
``KIENTRUC_YAML=pyyaml``.
"""

from __future__ import annotations

import ctypes
import functools
import os
import re
import sys
import threading
from bisect import bisect_right
from itertools import accumulate, count
from operator import add
from typing import Any

import yaml

try:  # an optional speed-up: without it every file takes PyYAML's path
    import ryml as _ryml_module
    from ryml import _ryml
except Exception:  # noqa: BLE001 - a missing or broken build: PyYAML's path only
    _ryml_module = None
    _ryml = None

__all__ = ["available", "parse_fast"]


class _Decline(Exception):
    """This file is left to PyYAML's path."""


# Text PyYAML reads differently, or reports on: tabs (indentation errors), carriage returns,
# a BOM, characters YAML does not allow (libyaml's reader rejects them) and the ones it reads as
# line breaks (NEL, LS, PS: they would shift every line after them).
_UNUSUAL_CHAR = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# lines PyYAML gives a meaning rapidyaml may not: document markers and directives
_DOCUMENT_LINE = ("\n---", "\n...", "\n%")
# '?' (a complex key), wherever it could be an indicator
_QUESTION = re.compile(r"(?:^|[\s\[{,])\?(?:\s|$)")


def _unusual(text: str) -> bool:
    """Whether the text holds something the fast path leaves to PyYAML whatever the tree (see the module's doc)."""
    if text.startswith(("---", "...", "%")) or any(marker in text for marker in _DOCUMENT_LINE):
        return True
    if "?" in text and _QUESTION.search(text):
        return True
    return _UNUSUAL_CHAR.search(text) is not None


# the line a block scalar item starts on: '- |', '- >-', '- |2', nested '- - >' (not with a comment
# after it: rapidyaml reads a '-' in '> #-' as the chomping indicator)
_BLOCK_HEADER = re.compile(rb" *(?:- +)+(?P<indicator>[|>])(?:[-+][1-9]?|[1-9][-+]?)? *\n")
# the line a block scalar value starts on: 'key: |', '- key: >-', or the indicator alone below its key
_BLOCK_VALUE_HEADER = re.compile(rb"(?: *[^ \n][^\n]*: +| *)(?P<indicator>[|>])(?:[-+][1-9]?|[1-9][-+]?)? *\n")

# the rest of a quoted scalar, up to its closing quote, on the same line
_SINGLE_QUOTED_REST = re.compile(rb"(?:[^'\n]|'')*'")
_DOUBLE_QUOTED_REST = re.compile(rb'(?:[^"\\\n]|\\[^\n])*"')
# YAML's indicators: a plain scalar starting with one is left to PyYAML, which refuses several
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")

_MAX_KEY_CHARS = 1000  # libyaml refuses a simple key past 1024 characters ("could not find expected ':'")

if _ryml is not None:
    _TYPE = _ryml.Tree_type
    _KEY = _ryml.Tree_key
    _VAL = _ryml.Tree_val
    _FIRST = _ryml.Tree_first_child
    _NEXT = _ryml.Tree_next_sibling
    _NONE = _ryml_module.NONE
    _MAP = _ryml.MAP
    _SEQ = _ryml.SEQ
    _VAL_BIT = _ryml.VAL
    _KEY_PLAIN = _ryml.KEY_PLAIN
    _KEY_SQUO = _ryml.KEY_SQUO
    _KEY_DQUO = _ryml.KEY_DQUO
    _VAL_PLAIN = _ryml.VAL_PLAIN
    _VAL_SQUO = _ryml.VAL_SQUO
    _VAL_DQUO = _ryml.VAL_DQUO
    _VAL_BLOCK = _ryml.VAL_LITERAL | _ryml.VAL_FOLDED
    _FLOW = _ryml.FLOW_SL | _ryml.FLOW_ML
    _FLOW_CONTAINER = _FLOW  # (on a mapping's child: its value is a flow collection)
    _DECLINED_TYPES = (
        _ryml.KEYANCH | _ryml.VALANCH | _ryml.KEYREF | _ryml.VALREF | _ryml.KEYTAG | _ryml.VALTAG
        | _ryml.DOC | _ryml.KEY_LITERAL | _ryml.KEY_FOLDED  # (STREAM is SEQ and a bit of its own: DOC covers it)
    )


def _view_address_offset() -> int | None:
    """Where a memoryview keeps its buffer's address, found and confirmed on this interpreter (None: not found).

    rapidyaml gives its keys and values as read-only memoryviews into the parsed buffer, and
    Python offers no way to ask a read-only view for its address but the buffer protocol (a ctypes
    round trip of ~2 µs a key). The address sits at a fixed place in the view object: it is found
    here by looking for a known address in a view made over a known buffer, then checked on other
    views; if anything differs the fast path stays off.
    """
    if sys.implementation.name != "cpython":
        return None
    try:
        size = ctypes.sizeof(ctypes.c_size_t)
        probe = bytearray(b"kientruc" * 8)
        base = ctypes.addressof(ctypes.c_char.from_buffer(probe))
        view = memoryview(probe)[5:]
        raw = ctypes.string_at(id(view), sys.getsizeof(view))  # the view object itself, no further
        at = raw.find((base + 5).to_bytes(size, sys.byteorder))
        view.release()
        if at < 0 or at % size:
            return None
        for start in (0, 1, 17, 63):
            other = memoryview(bytes(probe)).toreadonly()[start:]
            other_base = ctypes.c_size_t.from_address(id(other) + at).value
            ok = ctypes.string_at(other_base, len(probe) - start) == bytes(probe[start:])
            other.release()
            if not ok:
                return None
        return at
    except Exception:  # noqa: BLE001 - any surprise: the fast path stays off
        return None


_VIEW_ADDRESS = _view_address_offset() if _ryml is not None else None
_address = ctypes.c_size_t.from_address

# PyYAML's own resolvers and constructors (those of the C loader kientruc's PyYAML path uses):
# the values are PyYAML's by construction
_IMPLICIT: dict[Any, list[tuple[str, Any]]] = yaml.CSafeLoader.yaml_implicit_resolvers
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_STR_TAG = "tag:yaml.org,2002:str"
# the first characters PyYAML looks resolvers up by (a None entry would apply to every scalar:
# the fast path is then off, see available())
_RESOLVED_FIRST = frozenset(ch for ch in _IMPLICIT if ch is not None)
_BUILT_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}


def _longest_words() -> dict[str, int]:
    """For the first characters whose every resolver of PyYAML's only matches a fixed list of words (YAML
    1.1's booleans and nulls: ``yes``, ``off``, ``null``…), the longest of those words: a longer plain
    scalar starting with such a character is a string without trying the resolvers. Read from the
    resolvers' own patterns (``^(?:word|word…)$``); a character whose patterns are not of that shape has
    no entry, and its scalars try every resolver as before."""
    longest: dict[str, int] = {}
    for first, resolvers in _IMPLICIT.items():
        if first is None:
            continue
        sizes = []
        for _, regexp in resolvers:
            pattern = regexp.pattern
            if regexp.flags & re.VERBOSE:
                pattern = re.sub(r"\s+", "", pattern)
            found = re.fullmatch(r"\^\(\?:([^()\[\]{}*+?.\\^$]*)\)\$", pattern)
            if found is None:
                break
            sizes.append(max(len(word) for word in found[1].split("|")))
        else:
            longest[first] = max(sizes)
    return longest


_LONGEST_WORD = _longest_words()
_DEVNULL: int | None = None
_STDERR_LOCK = threading.Lock()
_MISSING = object()
# the first characters of a plain scalar _plain does more with than return it (an indicator, or a character
# an implicit resolver starts with; '' for the empty text): any other plain scalar is its text
_PLAIN_CHECKED = _INDICATORS | _RESOLVED_FIRST | {""}


def available() -> bool:
    """Whether the fast path can run here (rapidyaml importable, view addresses found, not turned off)."""
    return (
        _ryml is not None
        and _VIEW_ADDRESS is not None
        and None not in _IMPLICIT
        and os.environ.get("KIENTRUC_YAML", "") != "pyyaml"
    )


def _plain(text: str, memo: dict[str, Any]) -> Any:
    """A plain scalar's value, exactly as PyYAML's SafeLoader resolves and builds it (and kept in ``memo``)."""
    if text and text[0] in _INDICATORS:
        raise _Decline  # libyaml refuses some ('@b', '`b'), reads others as syntax: PyYAML's path
    if text and (text[0] not in _RESOLVED_FIRST or len(text) > _LONGEST_WORD.get(text[0], len(text))):
        return text  # no implicit resolver of PyYAML's starts with this character, or matches so long a word: a string
    tag = _STR_TAG
    # Resolver.resolve for a plain scalar, less its path resolvers (SafeLoader has none)
    for candidate, regexp in _IMPLICIT.get(text[0] if text else "", ()):
        if regexp.match(text):
            tag = candidate
            break
    if tag == _STR_TAG:
        value: Any = text
    elif tag in _BUILT_TAGS:
        try:
            value = yaml.CSafeLoader.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, text))
        except Exception:  # noqa: BLE001 - PyYAML's path reports it, with its place
            raise _Decline from None
    else:  # '<<' (merge), '=' (value): PyYAML's path
        raise _Decline
    memo[text] = value
    return value


def _whole_flow(line: bytes) -> bool:
    """Whether a line from a flow collection's bracket on holds that collection whole, then nothing
    but spaces or a comment; a '#' inside it, outside quotes, is refused (libyaml and rapidyaml
    disagree on comments in a flow collection)."""
    depth = 0
    quote = 0
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if quote:
            if ch == 0x5C and quote == 0x22:  # an escape in a double-quoted string
                i += 1
            elif ch == quote:
                if quote == 0x27 and i + 1 < n and line[i + 1] == 0x27:  # '' in a single-quoted string
                    i += 1
                else:
                    quote = 0
        elif ch in (0x22, 0x27):
            quote = ch
        elif ch == 0x23 or (ch == 0x3A and line[i + 1 : i + 2] != b" "):
            return False  # a comment, or a ':' libyaml reads as an error in a flow collection
        elif ch in (0x5B, 0x7B):
            depth += 1
        elif ch in (0x5D, 0x7D):
            depth -= 1
            if depth == 0:
                rest = line[i + 1 :]
                after = rest.lstrip(b" ")
                return not after or (after[:1] == b"#" and len(after) < len(rest))
        i += 1
    return False


class _Walk:
    """One file's rapidyaml tree turned into PyYAML's values and positions."""

    def __init__(self, tree: Any, raw: bytes, base: int) -> None:
        self.tree = tree.this  # the SWIG object itself: each call on it skips a Python attribute look-up (~4× faster)
        self.owner = tree  # (kept alive with its buffer)
        self.raw = raw
        self.base = base
        self.size = len(raw)
        # (each line's start: the lengths before it, plus one line break for each line before it)
        self.line_starts = [0, *map(add, accumulate(map(len, raw.split(b"\n"))), count(1))]
        self.memo: dict[str, Any] = {}

    def offset(self, view: memoryview) -> int:
        off = _address(id(view) + _VIEW_ADDRESS).value - self.base  # type: ignore[operator]
        if not 0 <= off <= self.size:
            raise _Decline
        return off

    def where(self, off: int) -> tuple[int, int]:
        """PyYAML's 1-based line and column (in characters) of a byte offset."""
        i = bisect_right(self.line_starts, off) - 1
        start = self.line_starts[i]
        before = self.raw[start:off]
        return i + 1, (off - start if before.isascii() else len(before.decode("utf-8"))) + 1

    def scalar_start(self, node: int, ty: int) -> tuple[int, Any]:
        """Where a scalar item starts in the text (its quote, if quoted), and its value."""
        view = _VAL(self.tree, node)
        if view is None:
            raise _Decline  # an empty item: PyYAML marks it where rapidyaml keeps nothing
        if ty & _VAL_BLOCK:
            if not len(view):
                raise _Decline  # an empty block scalar: nothing to find its header by
            return self.block_header(self.offset(view)), str(view, "utf-8")
        if not ty & (_VAL_PLAIN | _VAL_SQUO | _VAL_DQUO):
            raise _Decline
        off = self.offset(view)
        text = str(view, "utf-8")
        if ty & _VAL_PLAIN:
            if not text or self.raw[off] != view[0]:
                raise _Decline
            return off, _plain(text, self.memo)
        self.one_line_quoted(off, bool(ty & _VAL_SQUO))
        return off - 1, text

    def one_line_quoted(self, off: int, single: bool) -> None:
        """Confirm that a quoted scalar whose text starts at ``off`` opens just before it and closes on the same line.

        A quoted scalar over several lines is left to PyYAML: libyaml and rapidyaml fold an
        escaped line break before an empty line differently, and a key must fit on one line.
        """
        raw = self.raw
        if off == 0 or raw[off - 1] != (0x27 if single else 0x22):
            raise _Decline
        if (_SINGLE_QUOTED_REST if single else _DOUBLE_QUOTED_REST).match(raw, off) is None:
            raise _Decline

    def block_header(self, off: int, header: re.Pattern[bytes] = _BLOCK_HEADER) -> int:
        """Where a block scalar's '|' or '>' is (PyYAML's mark for an item): on the last non-blank line
        before its text, which must be a header and nothing else (rapidyaml takes more than libyaml)."""
        raw = self.raw
        i = bisect_right(self.line_starts, off) - 1
        if i < 1:
            raise _Decline
        i -= 1
        while i > 0 and not raw[self.line_starts[i] : self.line_starts[i + 1]].strip():
            i -= 1
        start = self.line_starts[i]
        found = header.fullmatch(raw, start, self.line_starts[i + 1])
        if found is None:
            raise _Decline
        return found.start("indicator")

    def container_start(
        self, node: int, ty: int, first: int | None, last: int | None, after: int | None, in_flow: bool
    ) -> int:
        """Where PyYAML's mark puts a collection: its bracket if flow, else its first key or first '-'.

        ``first`` and ``last`` are the offsets of the first and last key or item (None if empty);
        ``after`` where the text after the owning key's ':' begins (None for an item). A flow
        collection is taken only on one line, whole, without a comment: libyaml and rapidyaml
        disagree on comments and line breaks inside one.
        """
        raw = self.raw
        if ty & _FLOW:
            bracket = 0x7B if ty & _MAP else 0x5B
            if first is None:  # empty: the bracket right after 'key:'
                if after is None:
                    raise _Decline
                i = after
                while i < self.size and raw[i] == 0x20:
                    i += 1
            else:
                i = first - 1
                while i >= 0 and raw[i] == 0x20:
                    i -= 1
            if not 0 <= i < self.size or raw[i] != bracket:
                raise _Decline  # a line break or a comment in between
            if not in_flow:  # the outermost flow collection: alone and whole on its line
                end = raw.find(b"\n", i)
                end = self.size if end < 0 else end
                if (last is not None and last > end) or not _whole_flow(raw[i:end]):
                    raise _Decline
            return i
        if first is None:
            raise _Decline
        if ty & _MAP:
            return first
        i = first - 1  # a block sequence: its first '-', before the first item
        while i >= 0 and raw[i] == 0x20:
            i -= 1
        if i < 0 or raw[i] != 0x2D:
            raise _Decline
        return i

    def build(self, node: int, ty: int, after: int | None, in_flow: bool = False) -> tuple[Any, int, Any]:
        """The value of ``node`` (a collection), the offset where PyYAML marks it, and its position tree
        (what :meth:`ParsedFile.tree` makes of the positions, made here at once)."""
        if ty & _DECLINED_TYPES:
            raise _Decline
        tree = self.tree
        inner_flow = in_flow or bool(ty & _FLOW)
        if ty & _MAP:  # the hot loop: written out, as every key of the model passes here
            raw, line_starts, memo, size = self.raw, self.line_starts, self.memo, self.size
            base, at = self.base, _VIEW_ADDRESS
            data: dict = {}
            children: dict[Any, tuple[int, int, Any]] = {}
            first: int | None = None
            child = _FIRST(tree, node)
            while child != _NONE:
                cty = _TYPE(tree, child)
                if cty & _DECLINED_TYPES:
                    raise _Decline
                view = _KEY(tree, child)
                if view is None:
                    raise _Decline
                off = _address(id(view) + at).value - base  # type: ignore[operator]
                if not 0 <= off < size:
                    raise _Decline
                name = str(view, "utf-8")
                after_colon: int | None = None
                if cty & _KEY_PLAIN:
                    # a plain key is its own text: confirm it is where the view says
                    if not name or len(name) > _MAX_KEY_CHARS or not raw.startswith(view, off):
                        raise _Decline
                    key = memo.get(name, _MISSING)
                    if key is _MISSING:
                        key = _plain(name, memo)
                    if cty & _FLOW_CONTAINER:  # an empty flow collection is found after the ':'
                        i = off + len(view)
                        while i < size and raw[i] == 0x20:
                            i += 1
                        if i < size and raw[i] == 0x3A:
                            after_colon = i + 1
                elif cty & (_KEY_SQUO | _KEY_DQUO):
                    if len(name) > _MAX_KEY_CHARS:
                        raise _Decline
                    self.one_line_quoted(off, bool(cty & _KEY_SQUO))
                    off -= 1
                    key = name
                else:
                    raise _Decline
                if key in children:  # LOAD002 is PyYAML's path's to report
                    raise _Decline
                if first is None:
                    first = off
                sub = None
                if cty & (_MAP | _SEQ):
                    data[key], _, sub = self.build(child, cty, after_colon, inner_flow)
                else:
                    value = _VAL(tree, child)
                    if value is None:
                        # 'key:' with nothing after it is null; an empty quoted or block scalar, text
                        data[key] = "" if cty & (_VAL_SQUO | _VAL_DQUO | _VAL_BLOCK) else None
                    elif cty & _VAL_PLAIN:
                        text = str(value, "utf-8")
                        if text[:1] not in _PLAIN_CHECKED:  # most values: text, as _plain would say
                            data[key] = text
                        else:
                            got = memo.get(text, _MISSING)
                            data[key] = _plain(text, memo) if got is _MISSING else got
                    elif cty & (_VAL_SQUO | _VAL_DQUO):
                        self.one_line_quoted(self.offset(value), bool(cty & _VAL_SQUO))
                        data[key] = str(value, "utf-8")
                    elif cty & _VAL_BLOCK:
                        if not len(value):
                            raise _Decline  # an empty block scalar: its header cannot be confirmed
                        self.block_header(self.offset(value), _BLOCK_VALUE_HEADER)
                        data[key] = str(value, "utf-8")
                    else:
                        raise _Decline
                line = bisect_right(line_starts, off) - 1
                start = line_starts[line]
                before = raw[start:off]
                children[key] = (line + 1, (off - start if before.isascii() else len(before.decode("utf-8"))) + 1, sub)
                child = _NEXT(tree, child)
            start = self.container_start(node, ty, first, off if first is not None else None, after, in_flow)
            return data, start, (*self.where(start), children)
        if ty & _SEQ:
            raw, line_starts = self.raw, self.line_starts
            items: list = []
            subs: list[tuple[int, int, Any]] = []
            first = None
            child = _FIRST(tree, node)
            while child != _NONE:
                cty = _TYPE(tree, child)
                if cty & (_MAP | _SEQ):
                    item, off, sub = self.build(child, cty, None, inner_flow)
                else:
                    if cty & _DECLINED_TYPES:
                        raise _Decline
                    off, item = self.scalar_start(child, cty)
                    sub = None
                if first is None:
                    first = off
                items.append(item)
                line = bisect_right(line_starts, off) - 1
                start = line_starts[line]
                before = raw[start:off]
                subs.append((line + 1, (off - start if before.isascii() else len(before.decode("utf-8"))) + 1, sub))
                child = _NEXT(tree, child)
            start = self.container_start(node, ty, first, off if first is not None else None, after, in_flow)
            return items, start, (*self.where(start), subs)
        raise _Decline

    def value(self, node: int, ty: int) -> Any:
        """A mapping's scalar value (its position is not recorded)."""
        view = _VAL(self.tree, node)
        if view is None:
            if ty & (_VAL_SQUO | _VAL_DQUO | _VAL_BLOCK):
                return ""
            return None  # 'key:' with nothing after it: null, as in PyYAML
        text = str(view, "utf-8")
        if ty & _VAL_PLAIN:
            return _plain(text, self.memo)
        if ty & (_VAL_SQUO | _VAL_DQUO | _VAL_BLOCK):
            return text
        raise _Decline


def _parse_tree(buf: bytearray) -> Any:
    """rapidyaml's tree of ``buf`` (parsed in place), its messages silenced.

    rapidyaml writes a message to the process's stderr before it raises on a file it rejects;
    PyYAML's path then words the finding, so the message would only be noise in the report. The
    descriptor is pointed at the null device for the parse alone (a few microseconds), under a lock
    so that two threads parsing at once (the language server checks in a worker thread) restore it
    in order; whatever another thread writes to stderr in that window is lost.
    """
    global _DEVNULL
    with _STDERR_LOCK:
        if _DEVNULL is None:
            _DEVNULL = os.open(os.devnull, os.O_WRONLY)
        try:
            sys.stderr.flush()
        except Exception:  # noqa: BLE001 - no stderr to flush
            pass
        saved = os.dup(2)
        try:
            os.dup2(_DEVNULL, 2)
            return _ryml_module.parse_in_place(buf)
        finally:
            os.dup2(saved, 2)
            os.close(saved)


@functools.cache
def _fast_parsed_file() -> type:
    """The class (made on first use: :mod:`.positions` imports this module)."""
    from .positions import ParsedFile

    class _FastParsedFile(ParsedFile):
        """A :class:`ParsedFile` whose walk made the position trees (``(line, column, children)``, children
        a dict of key -> tree or a list of item trees, a scalar's children None) of every collection at
        once, at a fraction of what :meth:`ParsedFile.tree` costs; ``positions`` (what a schema error is
        located by) is made from them only when asked for (the same as PyYAML's path gives)."""

        def __init__(self, file: str, data: Any, whole: Any) -> None:
            self.file = file
            self.data = data
            self._positions: dict[int, tuple[int, int, Any]] | None = None
            self._whole = whole
            # the trees asked for: of the top collection and of each item of a top list (the elements)
            self._trees: dict[int, Any] = {id(data): whole} if whole is not None else {}
            if isinstance(data, list) and whole is not None:
                for item, (_, _, sub) in zip(data, whole[2]):
                    if sub is not None:
                        self._trees[id(item)] = sub

        @property  # type: ignore[override]
        def positions(self) -> dict[int, tuple[int, int, Any]]:
            if self._positions is None:
                self._positions = {}
                if self._whole is not None:
                    _positions_of(self.data, self._whole, self._positions)
            return self._positions

        @positions.setter
        def positions(self, value: dict[int, tuple[int, int, Any]]) -> None:
            self._positions = value

        def tree(self, obj: Any) -> Any:
            made = self._trees.get(id(obj))
            return made if made is not None else ParsedFile.tree(self, obj)

    return _FastParsedFile


def _positions_of(obj: Any, tree: Any, out: dict[int, tuple[int, int, Any]]) -> None:
    """The positions (as :class:`ParsedFile` keeps them) of the collection ``obj`` and of those in it, from its tree."""
    line, col, children = tree
    if isinstance(obj, dict):
        out[id(obj)] = (line, col, {k: (kl, kc) for k, (kl, kc, _) in children.items()})
        for k, (_, _, sub) in children.items():
            if sub is not None:
                _positions_of(obj[k], sub, out)
    else:
        out[id(obj)] = (line, col, [(il, ic) for il, ic, _ in children])
        for item, (_, _, sub) in zip(obj, children):
            if sub is not None:
                _positions_of(item, sub, out)


def parse_fast(text: str, display: str) -> Any:
    """``text`` (NFC, as read) parsed into a :class:`~kientruc.loader.positions.ParsedFile`, or None.

    None means the file is left to PyYAML's path: rapidyaml is not there, the text holds
    something this path does not reproduce exactly, or rapidyaml rejected it.
    """
    if not available():
        return None
    if _unusual(text) or (not text.endswith("\n") and ("|" in text or ">" in text)):
        return None  # (a block scalar at the very end without a line break: rapidyaml keeps a '\n' PyYAML drops)
    raw = text.encode("utf-8")
    buf = bytearray(raw)
    try:
        base = ctypes.addressof(ctypes.c_char.from_buffer(buf)) if buf else 0
        tree = _parse_tree(buf)
    except Exception:  # noqa: BLE001 - rapidyaml rejects it: PyYAML's path words the finding
        return None
    try:
        root = tree.root_id()
        ty = _TYPE(tree, root)
        walk = _Walk(tree, raw, base)
        whole = None
        if ty & (_MAP | _SEQ):
            data, _, whole = walk.build(root, ty, None)
        elif ty & _VAL_BIT:
            if ty & _DECLINED_TYPES or not ty & _VAL_PLAIN:
                return None  # a lone quoted or block scalar: rapidyaml takes more after it than libyaml
            data = walk.value(root, ty)
        elif ty == 0:  # nothing but comments and blank lines
            data = None
        else:
            return None
    except (_Decline, RecursionError, UnicodeDecodeError):
        return None
    return _fast_parsed_file()(display, data, whole)
