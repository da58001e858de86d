"""What the language server answers, as plain functions of a check's result and a file's text.

No LSP types here but positions as (line, character), 0-based as the protocol counts them
(:mod:`kientruc.lsp.server` turns these answers into the protocol's objects). Everything is
computed from the last :class:`~kientruc.validators.CheckResult` of the model (its load result
and architecture) and the editor's text of the file at hand, so it works while the file being
typed does not parse.
"""

from __future__ import annotations

import os
import re
import typing
from dataclasses import dataclass
from enum import Enum
from functools import cache, cached_property
from typing import Any, Iterable

from .. import i18n
from ..findings import Finding, Location
from ..loaded import LoadResult
from ..models import Architecture, Element, Relation
from ..models.base import RELATION_TYPES
from ..models.elements import KIND_CLASSES, KINDS, LAYER_OF
from ..models.relations import relation_table

ID_CHARS = re.compile(r"[A-Za-z0-9_.\-]+")
KEY_LINE = re.compile(r"^(\s*)(-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*:\s?(.*)$")
ITEM_LINE = re.compile(r"^(\s*)-\s*(.*)$")


# --------------------------------------------------------------------------- words and places


def word_at(line: str, character: int) -> tuple[str, int, int] | None:
    """The id-like word of ``line`` that holds ``character``: (word, start, end), or None."""
    for m in ID_CHARS.finditer(line):
        if m.start() <= character <= m.end():
            return m.group(), m.start(), m.end()
    return None


def token_end(line: str, start: int) -> int:
    """Where the value or key starting at ``start`` ends: the id-like word there, else the line's end."""
    m = ID_CHARS.match(line, start)
    if m and m.end() > start:
        return m.end()
    return len(line.rstrip())


@dataclass(frozen=True)
class Place:
    """A place in a file: absolute path, 0-based line and character, and the end character on that line."""

    path: str
    line: int
    start: int
    end: int


def place_of(loc: Location, lines_of: Any) -> Place:
    """A finding's location as a place; ``lines_of(path)`` gives the file's lines (to find the token's end)."""
    path = os.path.abspath(loc.file)
    line = max((loc.line or 1) - 1, 0)
    start = max((loc.column or 1) - 1, 0)
    lines = lines_of(path) or []
    text = lines[line] if line < len(lines) else ""
    if loc.column is None:
        start, end = len(text) - len(text.lstrip()), len(text.rstrip())
    else:
        end = token_end(text, start)
    return Place(path, line, start, max(end, start + 1) if text else start)


# --------------------------------------------------------------------------- diagnostics


def diagnostic_message(f: Finding, lang: str) -> str:
    """A finding's text as ``kientruc check`` prints it: the subject and message, the hint, the legal basis."""
    message = f.text(lang)
    subject = f"{f.element}: " if f.element and f.element not in message else ""
    out = [f"{subject}{message}"]
    if f.hint:
        out.append(f"{i18n.text('lsp.hint', lang)}: {f.hint_text(lang)}")
    out.extend(f"{i18n.text('lsp.basis', lang)}: {b}" for b in (i18n.basis_title(x, lang) for x in f.legal_basis))
    return "\n".join(out)


def findings_by_file(findings: Iterable[Finding], loaded: LoadResult) -> dict[str, list[Finding]]:
    """The findings by the absolute path of their file (those without a place go to the manifest)."""
    manifest = os.path.abspath(loaded.sources.manifest_file)
    out: dict[str, list[Finding]] = {}
    for f in findings:
        path = os.path.abspath(f.location.file) if f.location and f.location.file else manifest
        out.setdefault(path, []).append(f)
    return out


def quick_fix(f: Finding, line: str, start: int, arch: Architecture | None) -> tuple[str, str] | None:
    """(old, new) when the finding's hint names one exact edit at its place: an unknown id with one close match
    (STR001), an unknown kind or field with one close name (LOAD003). None otherwise."""
    found = word_at(line, start)
    if found is None:
        return None
    old = found[0]
    if f.code == "STR001" and arch is not None:
        from ..validators.rules.structure.STR001 import _did_you_mean

        ids = arch.index
        if old in ids:
            return None
        new = _did_you_mean(old, ids)
        hint = f.hint_text("en") or ""  # the catalogue's source form: the same whatever the reader's language
        return (old, new) if new and repr(new).strip("'") in hint else None
    hint = f.hint_text("en") or ""
    if f.code == "LOAD003" and hint.startswith("did you mean '"):
        new = hint[len("did you mean '"):].split("'", 1)[0]
        if new and new != old and (new in KINDS or any(new in c.model_fields for c in KIND_CLASSES.values())):
            return old, new
    return None


END_HINT = re.compile(r"^end it \(valid_to: (\d{4}-\d{2}-\d{2})\)")
"""The hint of a rule that computes the day an element must end (a district-level unit: the day before the
two-level government; an IT department merged: the day before the merger): ``end it (valid_to: DAY)…``."""


def end_fix(f: Finding, lines: list[str], index: "Index | None") -> tuple[int, str, str] | None:
    """(line, text, day) when the finding's hint names the day its element must end and the element has no
    ``valid_to``: ``text`` (``valid_to: DAY`` at the indentation of the element's fields) inserted before
    ``line`` (0-based: the line after the element's ``- id:`` line). None otherwise."""
    found = END_HINT.match(f.hint_text("en") or "")  # the catalogue's source form, whatever the reader's language
    if found is None or f.element is None or index is None:
        return None
    el = index.arch.index.get(f.element)
    where = index.loaded.sources.element(f.element)
    if el is None or el.valid_to is not None or where is None or not where.line or not where.column:
        return None
    line, col = where.line - 1, where.column - 1
    if line >= len(lines) or not lines[line][col:].startswith("id:"):
        return None  # not written as `- id: …` on a line of its own
    return line + 1, " " * col + f"valid_to: {found.group(1)}\n", found.group(1)


# --------------------------------------------------------------------------- the model's indexes


@dataclass
class Index:
    """What definition, references, completion and hover look up, for the model of one check (each index is
    built on its first use: a check of a large model must not wait for what no one asked yet)."""

    arch: Architecture
    loaded: LoadResult

    @classmethod
    def of(cls, loaded: LoadResult) -> "Index | None":
        arch = loaded.architecture
        if arch is None:
            return None
        return cls(arch, loaded)

    @cached_property
    def incoming(self) -> dict[str, list[Relation]]:
        """The relations naming each id (an owner names its organisation), in model order."""
        incoming: dict[str, list[Relation]] = {}
        for rel in self.arch.relations:
            incoming.setdefault(rel.source if rel.path == ("owner",) else rel.target, []).append(rel)
        return incoming

    def definition(self, element_id: str) -> Location | None:
        return self.loaded.sources.element(element_id)

    def references(self, element_id: str) -> list[Location]:
        """Every place that names ``element_id``: relations, owners, vias, the manifest's approver, waivers, views."""
        sources = self.loaded.sources
        out: list[Location] = []
        for rel in self.arch.relations:
            where = None
            if rel.path == ("owner",):
                if rel.source == element_id:
                    where = rel.path
            elif rel.target == element_id:
                where = rel.path + (("target",) if rel.spec is not None else ())
            if where is not None:
                loc = sources.element(rel.written_by, where)
                if loc is not None:
                    out.append(loc)
            if rel.spec is not None and rel.spec.via == element_id:
                loc = sources.element(rel.written_by, rel.path + ("via",))
                if loc is not None:
                    out.append(loc)
        manifest = self.arch.manifest
        if manifest.architecture.approved_by == element_id:
            out.append(sources.in_manifest(("architecture", "approved_by")))
        for w, waiver in enumerate(manifest.waivers):
            for e, eid in enumerate(waiver.elements):
                if eid == element_id:
                    out.append(sources.in_manifest(("waivers", w, "elements", e)))
        for v, view in enumerate(manifest.views):
            for part in ("include", "exclude"):
                for n, eid in enumerate(getattr(view, part).ids):
                    if eid == element_id:
                        out.append(sources.in_manifest(("views", v, part, "ids", n)))
        return out

    def hover(self, element_id: str, lang: str) -> str | None:
        """Markdown: the element's kind, name, owner, dates and relations in and out."""
        el = self.arch.index.get(element_id)
        if el is None:
            return None
        t = lambda key, **kw: i18n.text(f"lsp.{key}", lang, **kw)  # noqa: E731
        lines = [f"**{el.label(lang)}** `{el.id}`", ""]
        lines.append(f"- {t('kind')}: {i18n.kind_title(el.kind, lang)} (`{el.kind}`)")
        lines.append(f"- {t('layer')}: {i18n.layer_title(LAYER_OF.get(el.kind, ''), lang)}")
        if el.owner:
            owner = self.arch.index.get(el.owner)
            lines.append(f"- {t('owner')}: {owner.label(lang) if owner else t('unknown')} (`{el.owner}`)")
        lines.append(f"- {t('status')}: {i18n.status_title(el.status.value, lang)}")
        if el.valid_from:
            lines.append(f"- {t('valid_from')}: {i18n.date(el.valid_from, lang)}")
        if el.valid_to:
            lines.append(f"- {t('valid_to')}: {i18n.date(el.valid_to, lang)}")
        out = [r for r in el.iter_relations() if r.path != ("owner",)]
        inc = self.incoming.get(el.id, [])
        for key, rels, other in (("relations_out", out, "target"), ("relations_in", inc, "source")):
            if not rels:
                continue
            lines += ["", f"**{t(key, count=len(rels))}**", ""]
            for r in rels[:15]:
                oid = getattr(r, other)
                o = self.arch.index.get(oid)
                name = o.label(lang) if o else t("unknown")
                lines.append(f"- {i18n.relation_title(r.type, lang)} → `{oid}` {name}" if other == "target"
                             else f"- `{oid}` {name} → {i18n.relation_title(r.type, lang)}")
            if len(rels) > 15:
                lines.append(f"- {t('more', count=len(rels) - 15)}")
        if el.description:
            lines += ["", el.description]
        return "\n".join(lines)


# --------------------------------------------------------------------------- completion


@dataclass(frozen=True)
class Item:
    """A completion: the text inserted, what kind of thing it is, and what the editor shows beside it."""

    label: str
    what: str  # "id" | "kind" | "field" | "value"
    detail: str = ""
    documentation: str = ""


def _element_kind(lines: list[str], line: int) -> str | None:
    """The kind of the element the cursor is in: its ``kind:`` line, between the list items around the cursor."""
    start = line
    while start > 0 and not re.match(r"^-\s", lines[start]):
        start -= 1
    end = line + 1
    while end < len(lines) and not re.match(r"^-\s", lines[end]):
        end += 1
    for text in lines[start:end]:
        m = re.match(r"^(?:-\s+|\s+)kind\s*:\s*([a-z_]+)", text)
        if m:
            return m.group(1)
    return None


def _parent_key(lines: list[str], line: int) -> str | None:
    """The key whose value the cursor's list item belongs to (``uses:`` above ``  - x``)."""
    indent = len(lines[line]) - len(lines[line].lstrip())
    for i in range(line - 1, -1, -1):
        text = lines[i]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        ind = len(text) - len(text.lstrip())
        m = KEY_LINE.match(text)
        if ind < indent or (ind == indent and m and not text.lstrip().startswith("-")):
            return m.group(3) if m else None
        if ind == indent and text.lstrip().startswith("-"):
            continue
    return None


def _enum_values(annotation: Any) -> list[str]:
    out: list[str] = []
    for arg in typing.get_args(annotation) or (annotation,):
        if isinstance(arg, type) and issubclass(arg, Enum):
            out.extend(str(m.value) for m in arg)
        elif typing.get_origin(arg) is typing.Literal:
            out.extend(str(a) for a in typing.get_args(arg))
        elif typing.get_args(arg):
            out.extend(_enum_values(arg))
    return out


@cache
def _fields(kind: str) -> dict[str, Any]:
    cls = KIND_CLASSES.get(kind)
    return dict(cls.model_fields) if cls else {}


def _targets(relation: str, kind: str | None) -> set[str] | None:
    """The kinds ``relation`` may point to from ``kind`` (None: any)."""
    if kind is None or kind not in KIND_CLASSES:
        return None
    if relation == "owner":
        return {s for s, t in relation_table()["owns"].pairs if t == kind}
    rt = relation_table().get(relation)
    return set(rt.allowed_targets(kind)) if rt else None


def completions(lines: list[str], line: int, character: int, arch: Architecture | None, lang: str) -> list[Item]:
    """What may be written at the cursor: ids in a relation field (filtered by the relation table), kinds after
    ``kind:``, an enum's values, or the fields of the element's kind at a key."""
    text = lines[line][:character] if line < len(lines) else ""
    kind = _element_kind(lines, line) if line < len(lines) else None
    m = KEY_LINE.match(text)
    key: str | None = None
    if m and ":" in text:
        key = m.group(3)
        value = m.group(4)
        if key == "target":  # {target: …} or a mapping item under a relation: the relation is the parent key
            key = _parent_key(lines, line) or key
    else:
        item = ITEM_LINE.match(text)
        stripped = text.strip()
        if item and stripped.startswith("-") and (":" not in stripped):
            key = _parent_key(lines, line)
            value = item.group(2)
        else:
            # a key being typed: the fields of the element's kind not written yet
            if not kind:
                return [Item(k, "field") for k in ("id", "kind", "name")]
            present = set()
            for t in lines[max(0, line - 200): line + 200]:
                km = KEY_LINE.match(t)
                if km:
                    present.add(km.group(3))
            return [Item(name, "field", detail=i18n.field_title(name, lang) if _has_title(name) else "",
                         documentation=f.description or "")
                    for name, f in _fields(kind).items() if name not in present or name == "kind"]
    # inside a flow sequence or mapping on the same line: `uses: [a, b, |` / `- {target: |`
    flow = re.search(r"(\w+)\s*:\s*\[[^\]]*$", text)
    if flow:
        key = flow.group(1)
    inline = re.search(r"\{\s*target\s*:\s*[^,}]*$", text)
    if inline:
        key = _parent_key(lines, line) if not m or m.group(3) == "target" else m.group(3)
    if key is None:
        return []
    if key == "kind":
        return [Item(k, "kind", detail=i18n.kind_title(k, lang)) for k in KINDS]
    if key in RELATION_TYPES or key in ("owner", "via", "approved_by", "elements", "ids"):
        if arch is None:
            return []
        allowed = _targets(key, kind) if key in RELATION_TYPES or key == "owner" else None
        return [Item(e.id, "id", detail=f"{e.kind} · {e.label(lang)}", documentation=e.label(lang))
                for e in arch.index.values() if allowed is None or e.kind in allowed]
    if kind and key in _fields(kind):
        values = _enum_values(_fields(kind)[key].annotation)
        return [Item(v, "value") for v in dict.fromkeys(values)]
    return []


@cache
def _has_title(field: str) -> bool:
    try:
        i18n.field_title(field, "vi")
        return True
    except KeyError:
        return False


__all__ = ["Index", "Item", "Place", "completions", "diagnostic_message", "findings_by_file", "place_of",
           "quick_fix", "token_end", "word_at"]
