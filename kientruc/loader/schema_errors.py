"""Pydantic's validation errors as findings: each error located at its file's line, in plain words, with a hint.

An error's ``loc`` is followed through the parsed data to the line and column of the
key or item it names; the errors of union members that do not fit the input are
dropped; an unknown field or kind gets the closest known name ("did you mean").
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any, Sequence, get_args

from pydantic import BaseModel, ValidationError

from ..findings import Finding
from ..models import KIND_CLASSES, KINDS, RELATION_TYPES
from ..models.base import SLUG_PATTERN, ModelError
from .positions import ParsedFile
from .problems import _load_finding, _show
from ..i18n import Msg, Term, field, msg


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


_EXPECTED = {
    "string_type": msg("expected text"),
    "model_type": msg("expected a mapping"),
    "dict_type": msg("expected a mapping"),
    "list_type": msg("expected a list"),
    "int_type": msg("expected a whole number"),
    "int_parsing": msg("expected a whole number"),
    "bool_type": msg("expected true or false"),
    "int_from_float": msg("expected a whole number"),
}

_LIMITS = {  # pydantic's limit errors: (the message, the ctx value that fills it)
    "string_too_long": (msg("at most {limit} characters"), "max_length"),
    "string_too_short": (msg("at least {limit} characters"), "min_length"),
    "less_than_equal": (msg("at most {limit}"), "le"),
    "greater_than_equal": (msg("at least {limit}"), "ge"),
    "less_than": (msg("less than {limit}"), "lt"),
    "greater_than": (msg("more than {limit}"), "gt"),
}


def _pydantic(error: dict[str, Any]) -> Msg:
    """What pydantic says, in words of the catalogue where it is one of the model's own messages."""
    if error["type"] == "value_error":
        cause = error.get("ctx", {}).get("error")
        if isinstance(cause, ModelError):
            return msg(cause.msgid, **cause.values)
        return msg(str(cause or error["msg"]))
    return msg(error["msg"])
# The relations architects reach for first, and the relation kientruc has for what they mean. Keys are
# written lower case with underscores; a field is matched after the same folding.
RELATION_MEANT: dict[str, Msg] = {
    **dict.fromkeys(
        ("synchronises_with", "synchronizes_with", "synchronised_with", "synchronized_with", "syncs_with",
         "sync_with", "synced_with", "dong_bo_voi", "dong_bo"),
        msg("a system that synchronises its data with another writes flows_to: [{{target: <id>, data: [what it sends]}}] "
            "(each direction is one flows_to; add via: <platform id> if it goes through the LGSP)"),
    ),
    **dict.fromkeys(
        ("exchanges_data_with", "exchanges_with", "exchange_data_with", "shares_data_with", "integrates_with",
         "trao_doi_du_lieu_voi", "trao_doi_voi", "ket_noi_voi"),
        msg("write flows_to: [{{target: <id>, data: [...]}}] for data that goes one way (one per direction), or "
            "connects_to: [<id>] for a technical connection; add via: <platform id> if it goes through the LGSP/NDXP"),
    ),
    **dict.fromkeys(
        ("operated_by", "operator", "run_by", "managed_by", "maintained_by", "van_hanh_boi", "don_vi_van_hanh"),
        msg("the owning agency (chủ quản) is owner: <organization id>; the unit that operates it (đơn vị vận hành) "
            "is written on that organization as associated_with: [{{target: <system id>, role: vận hành}}]"),
    ),
}


def _relation_meant(field: str) -> Msg | None:
    key = "_".join(field.strip().lower().replace("-", " ").replace("_", " ").split())
    return RELATION_MEANT.get(key)


def _describe(
    error: dict[str, Any], value: Any, allowed_fields: list[str], data_keys: frozenset | set = frozenset()
) -> tuple[Msg, Msg | None]:
    etype = error["type"]
    loc = [
        p
        for p in error["loc"]
        if not (isinstance(p, str) and (p[:1].isupper() or p in _UNION_STR_TAGS) and p not in data_keys)
    ]
    field_name = next((p for p in reversed(loc) if isinstance(p, str) and p not in KIND_CLASSES), None)
    where = _show(field_name) if field_name else msg("value")  # quoted, control characters escaped
    inp = error.get("input")
    if etype == "extra_forbidden":
        meant = _relation_meant(str(field_name)) if set(RELATION_TYPES) & set(allowed_fields) else None
        if meant is not None:
            return msg("unknown field {field}: kientruc has no such relation", field=_show(field_name)), meant
        close = difflib.get_close_matches(str(field_name), allowed_fields, n=1, cutoff=0.6)
        hint = msg("did you mean '{name}'?", name=close[0]) if close else None
        if not hint and allowed_fields:
            plain = [f for f in allowed_fields if f not in RELATION_TYPES]
            fields = ", ".join(f"'{f}'" for f in plain)
            hint = msg("allowed fields here: {fields}", fields=fields) if len(plain) == len(allowed_fields) else \
                msg("allowed fields here: {fields}, and the relation fields (`kientruc relations`)", fields=fields)
        return msg("unknown field {field}", field=_show(field_name)), hint
    if etype == "missing":
        return msg("missing required field {field}", field=field(str(field_name))), None
    if etype == "plain_value_expected":
        return (
            msg("{field}: expected text, a number, true/false or a date, found {type} {value}", field=where, type=type(inp).__name__, value=_show(inp)),
            msg("a property holds one plain value: write a nested mapping or list as several properties"),
        )
    if etype == "invalid_key":
        return (
            msg("unknown field {field}: a field name must be text", field=_show(inp)),
            msg("YAML reads ~, null, numbers, yes and no as other values: quote the key if it is meant as a name"),
        )
    if etype == "union_tag_invalid":
        tag = error.get("ctx", {}).get("tag", inp)
        close = difflib.get_close_matches(str(tag), KINDS, n=1, cutoff=0.6)
        hint = msg("did you mean '{name}'?", name=close[0]) if close else msg("kinds: {kinds}", kinds=", ".join(KINDS))
        return msg("unknown kind {kind}", kind=_show(tag)), hint
    if etype == "union_tag_not_found":
        return msg("the element has no 'kind'"), msg("add 'kind:' with one of: {kinds}", kinds=", ".join(KINDS))
    if etype == "model_attributes_type" and len(loc) <= 1:
        return (
            msg("expected an element (a mapping with 'id', 'kind' and 'name'), found {type} {value}", type=type(inp).__name__, value=_show(inp)),
            msg("each item of a model file is one element: '- id: ...' followed by its fields"),
        )
    if etype == "string_pattern_mismatch":
        suggestion = _slugify(inp) if isinstance(inp, str) else ""
        hint = msg("ids are kebab-case slugs: lowercase letters a-z, digits and single hyphens")
        if suggestion:
            hint = msg("ids are kebab-case slugs: lowercase letters a-z, digits and single hyphens, for example '{id}'", id=suggestion)
        return msg("{field}: {value} is not a valid id", field=where, value=_show(inp)), hint
    if etype in _LIMITS:
        limit = error.get("ctx", {}).get(_LIMITS[etype][1])
        if limit is not None:
            return msg("{field}: must be {limit}, found {value}", field=where, limit=msg(_LIMITS[etype][0].id, limit=limit), value=_show(inp)), None
    if etype in ("string_type", "model_type", "list_type", "dict_type", "int_type", "bool_type", "int_parsing", "int_from_float"):
        hint = None
        if isinstance(inp, bool) and etype == "string_type":
            hint = msg("YAML reads yes/no/on/off/true/false as booleans: put the value in quotes")
        elif isinstance(inp, (int, float)) and etype == "string_type":
            hint = msg("put the value in quotes to make it text")
        elif etype == "list_type":
            hint = msg("write a list: [a, b] or one '- item' per line")
        return msg("{field}: {expected}, found {type} {value}", field=where, expected=_EXPECTED[etype], type=type(inp).__name__, value=_show(inp)), hint
    if etype.startswith("date") or etype.startswith("datetime"):
        return msg("{field}: {value} is not a date", field=where, value=_show(inp)), msg("write dates as YYYY-MM-DD, for example 2018-10-09")
    if etype in ("enum", "literal_error"):
        hint = None
        if isinstance(inp, bool):
            hint = msg("YAML reads yes/no/on/off/true/false as booleans: put the value in quotes")
        expected = str(error.get("ctx", {}).get("expected", ""))
        if expected:
            return msg("{field}: expected one of {expected}, found {value}", field=where, expected=expected.replace(" or ", ", "), value=_show(inp)), hint
        return msg("{field}: {error}, found {value}", field=where, error=_pydantic(error), value=_show(inp)), hint
    if isinstance(inp, (dict, list)):
        return msg("{field}: {error}", field=where, error=_pydantic(error)), None
    return msg("{field}: {error}, found {value}", field=where, error=_pydantic(error), value=_show(inp)), None


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
        if shown_id and message.id != "unknown kind {kind}":
            what = Term("model.kinds", kind) if isinstance(kind, str) and kind in KIND_CLASSES else msg("element")
            message = msg("{kind} {id}: {problem}", kind=what, id=_show(shown_id), problem=message)  # the id may hold anything: escape it
        out.append(_load_finding(code, message, parsed.file, line, col, element=element_id, hint=hint))
    return out
