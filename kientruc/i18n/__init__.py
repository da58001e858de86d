"""Every word kientruc shows a reader, in Vietnamese and English: one gettext catalogue.

The catalogue is ``locale/<lang>/LC_MESSAGES/kientruc.po`` beside this module (compiled to ``kientruc.mo``
by ``scripts/i18n.py compile``; kientruc reads only the ``.mo`` files, which a test keeps in step with the
``.po`` files). It holds two sorts of entries:

* **messages** — what the rules, the loader and the engine say (findings and their hints): the msgid is
  the English text with named placeholders (``"{kind} '{id}' has no owner"``), written in the code as
  :func:`msg` and extracted by ``scripts/i18n.py extract``; :func:`render` writes one in a language;
* **words by key** — the interface words of the renderers and the metamodel's labels: the msgctxt is a
  dotted key (``diagram.legend``, ``model.kinds.application``), the msgid its English text. :func:`text`
  gives one by its key, filled with its placeholders; :func:`words` those under a prefix
  (``words(lang, "site")``); :func:`kind_title`, :func:`layer_title`, :func:`status_title`,
  :func:`relation_title`, :func:`relation_heading`, :func:`field_title` the metamodel's labels, :func:`value_title`
  an enumerated value of a field (``model.values.<enumeration>.<value>``).

With them, how a language writes a number (:func:`number`, :func:`decimal`, :func:`percent`) and a day
(:func:`date`). Vietnamese (``vi``) is kientruc's first language; English (``en``) is complete too.

This package imports nothing of kientruc but the metamodel's constants.
"""

from __future__ import annotations

import datetime as dt
import struct
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from ..models.labels import LANGS
from .message import Msg, Named, Term, Text, field, kind, msg, raw, relation

DOMAIN = "kientruc"
BASIS = "legal-basis"  # the msgctxt of the legal bases and the frameworks' instruments: the Vietnamese citation is the msgid


# --------------------------------------------------------------------------- the catalogue


def read_mo(data: bytes) -> dict[tuple[str | None, str], str]:
    """The entries of a GNU ``.mo`` file: ``(msgctxt or None, msgid) -> msgstr`` (the header left out)."""
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    _, count, ids_at, strs_at = struct.unpack(order + "4I", data[4:20])
    out: dict[tuple[str | None, str], str] = {}
    for i in range(count):
        id_len, id_off = struct.unpack(order + "2I", data[ids_at + 8 * i: ids_at + 8 * i + 8])
        s_len, s_off = struct.unpack(order + "2I", data[strs_at + 8 * i: strs_at + 8 * i + 8])
        msgid = data[id_off: id_off + id_len].decode("utf-8")
        if not msgid:
            continue
        ctxt, sep, mid = msgid.partition("\x04")
        key = (ctxt, mid) if sep else (None, msgid)
        out[key] = data[s_off: s_off + s_len].decode("utf-8")
    return out


@cache
def _entries(lang: str) -> dict[tuple[str | None, str], str]:
    path = resources.files(__package__).joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.mo")
    return read_mo(path.read_bytes())


@cache
def _keyed(lang: str) -> dict[str, str]:
    """The words by key (msgctxt) in ``lang``."""
    return {ctxt: t for (ctxt, _), t in _entries(lang).items() if ctxt is not None and ctxt != BASIS}


@cache
def _bases(lang: str) -> dict[str, str]:
    """The legal bases (msgctxt ``legal-basis``) in ``lang``, by their Vietnamese citation."""
    return {mid: t for (ctxt, mid), t in _entries(lang).items() if ctxt == BASIS and t}


@cache
def _messages(lang: str) -> dict[str, str]:
    """The messages (no msgctxt) in ``lang``, by msgid."""
    return {mid: t for (ctxt, mid), t in _entries(lang).items() if ctxt is None and t}


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def text(key: str, lang: str, **values: object) -> str:
    """The text ``key`` in ``lang``, its placeholders filled with ``values``.

    Raises :class:`KeyError` for a key the catalogue lacks.
    """
    t = _keyed(_lang(lang))[key]
    return t.format(**values) if values else t


@cache
def words(lang: str, prefix: str = "") -> Mapping[str, str]:
    """Every text of ``lang`` whose key starts with ``prefix`` (a section: ``"site"``,
    ``"document.section"``), by its key after the prefix; read-only. No prefix: every text."""
    texts = _keyed(_lang(lang))
    if not prefix:
        return MappingProxyType(texts)
    start = prefix + "."
    return MappingProxyType({k[len(start):]: t for k, t in texts.items() if k.startswith(start)})


# --------------------------------------------------------------------------- messages


def _value(v: Any, lang: str) -> str:
    if isinstance(v, Msg):
        return render(v, lang)
    if isinstance(v, Term):
        title = _keyed(lang).get(f"{v.section}.{v.key}{v.suffix}")
        if v.show_key and (title is None or title == v.key):
            return f"'{v.key}'"
        if title is None:
            return v.key
        if v.section == "model.kinds" and not title[1:2].isupper():
            title = title[0].lower() + title[1:]  # a kind inside a sentence: "ứng dụng", "application"
        return f"{title} ({v.key})" if v.show_key else title
    if isinstance(v, Named):
        return v.title(lang)
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, int):
        return number(v, lang)
    if isinstance(v, float):
        return decimal(v, lang)
    if isinstance(v, dt.date):
        return date(v, lang)
    if isinstance(v, (list, tuple)):
        return ", ".join(_value(x, lang) for x in v)
    return str(v)


def render(message: Text | None, lang: str) -> str:
    """A message in ``lang``: its translation (the msgid where the catalogue lacks one), its values
    written as the language writes them. Text that is not a :class:`Msg` is given as it is."""
    if message is None:
        return ""
    if not isinstance(message, Msg):
        return str(message)
    template = _messages(_lang(lang)).get(message.id, message.id)
    return template.format(**{name: _value(v, lang) for name, v in message.args})


def known(msgid: str, lang: str) -> bool:
    """Whether the catalogue of ``lang`` translates the message ``msgid``."""
    return msgid in _messages(_lang(lang))


def basis_title(basis: str, lang: str) -> str:
    """A rule's legal basis (the Vietnamese citation: "Nghị định 85/2016/NĐ-CP, Điều 12") as the reader of
    ``lang`` reads it ("Decree 85/2016/NĐ-CP, Article 12"); a citation the catalogue lacks is given as it is.
    The instrument that issued a framework profile ("Quyết định 292/QĐ-BKHCN", kientruc/frameworks/) is such
    a citation too, shown through this function wherever a reader sees it.
    Only what is shown is translated: findings, fingerprints and machine formats keep the citation."""
    return _bases(_lang(lang)).get(basis, basis)


# --------------------------------------------------------------------------- the metamodel's labels


def _label(key: str, lang: str, default: str | None = None) -> str:
    found = _keyed(_lang(lang)).get(key)
    if found is None:
        if default is None:
            raise KeyError(key)
        return default
    return found


def layer_title(layer: str, lang: str) -> str:
    """The layer's name (``application`` → "Ứng dụng")."""
    return _label(f"model.layers.{layer}", lang)


def kind_title(kind: str, lang: str) -> str:
    """The kind's name (``public_service`` → "Dịch vụ công")."""
    return _label(f"model.kinds.{kind}", lang)


def status_title(status: str, lang: str) -> str:
    """The status's name (``planned`` → "Kế hoạch")."""
    return _label(f"model.statuses.{status}", lang)


def field_title(field: str, lang: str) -> str:
    """The name of an element's field (``security_level`` → "Cấp độ an toàn thông tin");
    a field without a label is shown by its own name."""
    return _label(f"model.fields.{field}", lang, field)


def field_titles(lang: str) -> Mapping[str, str]:
    """Every field that has a label, with it; read-only."""
    return words(lang, "model.fields")


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() and i else c.lower() for i, c in enumerate(name))


def value_title(value: Any, lang: str, enum: str | None = None) -> str:
    """A value of an element's field as a reader reads it: an enumerated value by its title
    (``OrgType.PARTY`` → "Cơ quan Đảng", ``AdminLevel.PROVINCE`` → "Tỉnh"), a yes/no by its word, a list item
    by item. ``enum`` names the value's enumeration (``"org_type"``) where ``value`` is its raw text; a value
    without a title is shown as it is."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(value_title(v, lang, enum) for v in value)
    if isinstance(value, bool):
        return _label(f"model.values.boolean.{str(value).lower()}", lang)
    raw = getattr(value, "value", value)
    kind = enum or (_snake(type(value).__name__) if hasattr(value, "value") else None)
    if kind is None or not isinstance(raw, str):
        return str(raw)
    return _label(f"model.values.{kind}.{raw}", lang, raw)


def relation_title(rtype: str, lang: str) -> str:
    """The relation type's name, as a phrase between its source and its target
    (``hosted_on`` → "triển khai trên"): a diagram's edges and legend. An unknown type is
    shown by its own name."""
    return _label(f"model.relations.{rtype}.title", lang, rtype)


def relation_heading(rtype: str, lang: str, incoming: bool = False) -> str:
    """The heading of an element's relations of ``rtype``: those it has (``hosted_on`` →
    "Triển khai trên"), or with ``incoming`` those that point to it ("Nơi triển khai của").
    An unknown type is shown by its own name."""
    return _label(f"model.relations.{rtype}.{'incoming' if incoming else 'outgoing'}", lang, rtype)


# --------------------------------------------------------------------------- numbers and days
# Written by hand rather than through babel.numbers / babel.dates, whose import and locale data cost
# ~80 ms at every start; tests/test_i18n.py checks these against Babel's CLDR formats.


def number(n: int, lang: str) -> str:
    """``n`` with thousands separated as the language writes them (3.200 / 3,200)."""
    t = f"{n:,}"
    return t.replace(",", ".") if lang == "vi" else t


def decimal(x: float, lang: str, digits: int = 1) -> str:
    """``x`` with ``digits`` decimals, trailing zeros dropped (97,9 / 97.9; 3.200,5 / 3,200.5)."""
    t = f"{x:,.{digits}f}"
    if "." in t:
        t = t.rstrip("0").rstrip(".")
    if lang == "vi":
        t = t.translate(str.maketrans({",": ".", ".": ","}))
    return t


def percent(x: float, lang: str, digits: int = 1) -> str:
    """``x`` per cent (0–100) as the language writes it: "97,9%" / "97.9%" (CLDR: no space in either)."""
    return decimal(x, lang, digits) + "%"


def date(day: dt.date | None, lang: str) -> str:
    """``day`` as the language writes it (04/03/2026 / 2026-03-04); nothing for no day."""
    if day is None:
        return ""
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if lang == "vi" else day.isoformat()


__all__ = [
    "BASIS",
    "LANGS",
    "Msg",
    "Named",
    "Term",
    "Text",
    "basis_title",
    "date",
    "decimal",
    "field",
    "field_title",
    "field_titles",
    "kind",
    "kind_title",
    "known",
    "layer_title",
    "msg",
    "number",
    "percent",
    "relation",
    "relation_heading",
    "relation_title",
    "render",
    "status_title",
    "text",
    "words",
]
