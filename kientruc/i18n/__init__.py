"""Every word kientruc shows a reader, in Vietnamese and English, asked for by key.

Two sources answer, and callers see neither file:

* the metamodel's labels — what a layer, a kind, a status, a relation type and a field are
  called — kept beside the metamodel in ``kientruc/models/labels.yaml``:
  :func:`layer_title`, :func:`kind_title`, :func:`status_title`, :func:`relation_title`,
  :func:`relation_heading`, :func:`field_title`;
* the interface words of the renderers and reports, in the catalogue ``words.yaml`` beside
  this module: :func:`text` gives one by its dotted key (``"diagram.legend"``), filled with
  its placeholders; :func:`words` gives those under a prefix (``words(lang, "site")``).

With them, how a language writes a number (:func:`number`) and a day (:func:`date`).
Vietnamese (``vi``) is kientruc's first language; English (``en``) is complete too.

This package imports nothing of kientruc but the metamodel's data.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from ..models.labels import LANGS, metamodel_labels

_DataLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# --------------------------------------------------------------------------- the catalogue


def _flatten(node: Any, key: str, out: dict[str, dict[str, str]]) -> None:
    """The texts of the catalogue by dotted key: a mapping of exactly the languages is a text."""
    if isinstance(node, dict) and set(node) == set(LANGS):
        if not all(isinstance(v, str) for v in node.values()):
            raise ValueError(f"words.yaml: {key} must be text in every language")
        fields = [{f for _, f, _, _ in string.Formatter().parse(node[lang]) if f} for lang in LANGS]
        if any(f != fields[0] for f in fields):
            raise ValueError(f"words.yaml: {key} names different placeholders in its languages")
        out[key] = node
    elif isinstance(node, dict) and node:
        for name, child in node.items():
            if not isinstance(name, str):  # YAML reads a bare yes, no, on, off as a boolean: quote it
                raise ValueError(f"words.yaml: {key}: the key {name!r} must be written in quotes")
            _flatten(child, f"{key}.{name}" if key else name, out)
    else:
        raise ValueError(f"words.yaml: {key or 'the catalogue'} is neither a text in {', '.join(LANGS)} nor a section")


@cache
def _catalogue() -> dict[str, dict[str, str]]:
    """Each language's texts, by dotted key."""
    data = yaml.load(resources.files(__package__).joinpath("words.yaml").read_text(encoding="utf-8"), Loader=_DataLoader)
    texts: dict[str, dict[str, str]] = {}
    _flatten(data, "", texts)
    return {lang: {key: t[lang] for key, t in texts.items()} for lang in LANGS}


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def text(key: str, lang: str, **values: object) -> str:
    """The text ``key`` in ``lang``, its placeholders filled with ``values``.

    Raises :class:`KeyError` for a key the catalogue lacks.
    """
    t = _catalogue()[_lang(lang)][key]
    return t.format(**values) if values else t


@cache
def words(lang: str, prefix: str = "") -> Mapping[str, str]:
    """Every text of ``lang`` whose key starts with ``prefix`` (a section: ``"site"``,
    ``"document.section"``), by its key after the prefix; read-only. No prefix: every text."""
    texts = _catalogue()[_lang(lang)]
    if not prefix:
        return MappingProxyType(texts)
    start = prefix + "."
    return MappingProxyType({k[len(start):]: t for k, t in texts.items() if k.startswith(start)})


# --------------------------------------------------------------------------- the metamodel's labels


@cache
def _labels(section: str, lang: str) -> dict[str, str]:
    return {name: t[lang] for name, t in metamodel_labels()[section].items()}


@cache
def _relation_labels(label: str, lang: str) -> dict[str, str]:
    return {rtype: labels[label][lang] for rtype, labels in metamodel_labels()["relations"].items()}


def layer_title(layer: str, lang: str) -> str:
    """The layer's name (``application`` → "Ứng dụng")."""
    return _labels("layers", lang)[layer]


def kind_title(kind: str, lang: str) -> str:
    """The kind's name (``public_service`` → "Dịch vụ công")."""
    return _labels("kinds", lang)[kind]


def status_title(status: str, lang: str) -> str:
    """The status's name (``planned`` → "Kế hoạch")."""
    return _labels("statuses", lang)[status]


def field_title(field: str, lang: str) -> str:
    """The name of an element's field (``security_level`` → "Cấp độ an toàn thông tin");
    a field without a label is shown by its own name."""
    return _labels("fields", lang).get(field, field)


def field_titles(lang: str) -> Mapping[str, str]:
    """Every field that has a label, with it; read-only."""
    return MappingProxyType(_labels("fields", lang))


def relation_title(rtype: str, lang: str) -> str:
    """The relation type's name, as a phrase between its source and its target
    (``hosted_on`` → "triển khai trên"): a diagram's edges and legend. An unknown type is
    shown by its own name."""
    return _relation_labels("title", lang).get(rtype, rtype)


def relation_heading(rtype: str, lang: str, incoming: bool = False) -> str:
    """The heading of an element's relations of ``rtype``: those it has (``hosted_on`` →
    "Triển khai trên"), or with ``incoming`` those that point to it ("Nơi triển khai của").
    An unknown type is shown by its own name."""
    return _relation_labels("incoming" if incoming else "outgoing", lang).get(rtype, rtype)


# --------------------------------------------------------------------------- numbers and days


def number(n: int, lang: str) -> str:
    """``n`` with thousands separated as the language writes them (3.200 / 3,200)."""
    t = f"{n:,}"
    return t.replace(",", ".") if lang == "vi" else t


def date(day: dt.date | None, lang: str) -> str:
    """``day`` as the language writes it (04/03/2026 / 2026-03-04); nothing for no day."""
    if day is None:
        return ""
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if lang == "vi" else day.isoformat()


__all__ = [
    "LANGS",
    "date",
    "field_title",
    "field_titles",
    "kind_title",
    "layer_title",
    "number",
    "relation_heading",
    "relation_title",
    "status_title",
    "text",
    "words",
]
