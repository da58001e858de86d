"""A message that is rendered late: its id (the English text, with named placeholders) and its values.

A rule, the loader or the engine says what is wrong as :func:`msg`\\ ``("… {kind} '{id}' …", kind=Term("model.kinds",
el.kind), id=el.id)``; the finding carries the :class:`Msg`, and each renderer writes it in the language it
was asked for (:func:`kientruc.i18n.render`). The values keep what they are:

* :class:`Term` — a key of the catalogue (a kind, a status, a field, a confidence, …), shown by its title;
* :class:`Named` — something that has its own titles in each language (a framework edition), shown by the
  title of the language;
* a number or a day — written as the language writes them;
* a nested :class:`Msg`, a list or a tuple of values (joined), or text — the text as it is (ids, names).

:meth:`Msg.canonical` writes the id with the raw values (keys, not titles): it is the same in every
language, and is what fingerprints, baselines and ``kientruc diff`` compare, never a rendered text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Term:
    """A key of the catalogue shown by its title: ``Term("model.kinds", "application")`` → "Ứng dụng".
    A key without a title is shown as it is. ``suffix`` ends the catalogue key (``".title"`` of a relation
    type); ``show_key`` adds the key the model writes, for the reader to find it in the YAML:
    "Tên gọi khác (ten_goi_khac)"."""

    section: str
    key: str
    suffix: str = ""
    show_key: bool = False

    def __str__(self) -> str:
        return self.key


@dataclass(frozen=True, slots=True)
class Named:
    """A thing with its own titles: ``Named("vn-egov-1.0", (("vi", "Khung … 1.0"), ("en", "Framework 1.0")))``."""

    key: str
    titles: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, key: str, **titles: str | None) -> "Named":
        return cls(key, tuple((lang, t) for lang, t in titles.items() if t))

    def title(self, lang: str) -> str:
        return dict(self.titles).get(lang) or self.key

    def __str__(self) -> str:
        return self.key


@dataclass(frozen=True, slots=True)
class Msg:
    """A message id (English, placeholders in braces) and its values by name."""

    id: str
    args: tuple[tuple[str, Any], ...] = ()

    def canonical(self) -> str:
        """The id filled with the raw values: language-independent. (A literal brace is written twice
        in an id, as :meth:`str.format` reads it.)"""
        return self.id.format(**{name: raw(v) for name, v in self.args})

    def __str__(self) -> str:
        return self.canonical()

    def __contains__(self, text: str) -> bool:  # ``element in f.message`` as for a text
        return text in self.canonical()

    def __lt__(self, other: object) -> bool:  # findings sort by their message
        return str(self) < str(other)


def raw(v: Any) -> str:
    """A value as the canonical form writes it: keys, ids, ISO days."""
    if isinstance(v, Msg):
        return v.canonical()
    if isinstance(v, (list, tuple)):
        return ", ".join(raw(x) for x in v)
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def msg(id: str, /, **args: Any) -> Msg:
    """A message to be written in the reader's language. ``id`` is a literal (``scripts/i18n.py`` extracts
    it into the catalogue); ``args`` fill its placeholders."""
    return Msg(id, tuple(sorted((k, tuple(sorted(v) if isinstance(v, (set, frozenset)) else v) if isinstance(v, (list, set, frozenset)) else v) for k, v in args.items())))


def relation(rtype: str) -> Term:
    """A relation type by its name between two elements, with the key the model writes: "triển khai trên (hosted_on)"."""
    return Term("model.relations", rtype, ".title", True)


def field(name: str) -> Term:
    """A field by its label, with the key the model writes: "Cấp độ an toàn thông tin (security_level)"."""
    return Term("model.fields", name, "", True)


def kind(name: str) -> Term:
    """A kind by its name: "Ứng dụng"."""
    return Term("model.kinds", name)


Text = Msg | str
"""What a finding's message or hint is: a message, or a text already written (a file's own words)."""
