"""Fingerprints: what identifies a finding across versions of a model.

A finding keeps its identity when lines move, files are split or merged, and ids are
renamed: its fingerprint is the rule code, the element id and the message (or the rule's
own message-independent ``key``, where the finding has one), with renamed ids mapped to
their new names and any ``file:line:column`` in the message left out.
The file and line are not part of it. ``kientruc diff`` matches findings by it, and the
SARIF report gives it as ``partialFingerprints`` so that code-scanning services track a
finding from one commit to the next.

This module imports only :mod:`kientruc.findings`, so reporters may use it.
"""

from __future__ import annotations

import hashlib
import re
from typing import Callable, Mapping

from .findings import Finding

FINGERPRINT_VERSION = "kientruc/v1"
_LOCATION_IN_TEXT = re.compile(r"\S+\.ya?ml:\d+(?::\d+)?|\bline \d+(?::\d+)?")


def id_mapper(renames: Mapping[str, str]) -> Callable[[str], str]:
    """A function that replaces every whole renamed id in a text by its new id."""
    if not renames:
        return lambda text: text
    alternatives = "|".join(re.escape(k) for k in sorted(renames, key=len, reverse=True))
    pattern = re.compile(r"(?<![A-Za-z0-9_-])(" + alternatives + r")(?![A-Za-z0-9_-])")
    return lambda text: pattern.sub(lambda m: renames[m.group(1)], text)


def fingerprint_key(f: Finding, renames: Mapping[str, str] | None = None, *, _mapper: Callable[[str], str] | None = None) -> str:
    """Code, element and message of a finding, renamed ids mapped, places left out."""
    renames = renames or {}
    element = renames.get(f.element, f.element) if f.element else ""
    key = getattr(f, "key", None)  # a rule's own message-independent key, where it gives one
    text = key if key is not None else _LOCATION_IN_TEXT.sub("<place>", str(f.message))  # the language-independent form
    text = (_mapper or id_mapper(renames))(text)
    return f"{f.code}\x1f{element}\x1f{'key:' if key is not None else ''}{text}"


def digest(key: str) -> str:
    """16 hex digits of the SHA-256 of a fingerprint key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def fingerprint(f: Finding, renames: Mapping[str, str] | None = None) -> str:
    """A short stable hash of :func:`fingerprint_key`, as the JSON and SARIF reports give it."""
    return digest(fingerprint_key(f, renames))
