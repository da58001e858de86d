"""``kientruc import archimate``: read an ArchiMate model into ordinary kientruc model files.

Reads the ArchiMate 3.x Model Exchange File Format (``.xml``), the ArchiMate 2.1
exchange format (its types read as their 3.1 counterparts), and Archi's native
format (``.archimate``, plain or zipped with its images). Element types and
relationships map to kientruc kinds and relations by ``archimate-mapping.yaml``;
every relation written is one kientruc's relation table (``relations.yaml``)
allows, so that ``kientruc check`` accepts what the import wrote. What the export
needs to write the model back as it came is kept in ``properties`` (the
``archimate_*`` keys, see docs/archimate-mapping.md):

* the original identifier (``archimate_id``), the original ArchiMate type when the
  kind or relation maps back to another (``archimate_type``), the folder
  (``archimate_folder``);
* names and documentation in every language (the first in ``name``/``description``,
  English in ``name_en``, others as ``name@fr``, ``description@en``…), relationship
  names, access types, influence strengths, directed associations;
* junctions (And/Or): each path through a junction becomes a direct relation that
  names its junction (``archimate_junction``…), so that the export rebuilds it;
* repeated property keys (``key``, ``key#2``…), the model's documentation,
  properties and metadata (in the manifest).

What cannot be kept (views, relationships on relationships, Archi sketches, images,
empty folders…) is listed, in full, in the report printed and written to
``import-report.md``.

A file written by ``kientruc export archimate`` carries ``kientruc:*`` properties
(kind, id, every attribute, the relation type and the manifest) and imports back to
the same model.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..frameworks import default_profile
from ..i18n import Msg, Text, msg, render
from ..models import KIND_CLASSES, LAYER_OF, LAYERS, RELATION_TYPES, Manifest, relation_table
from ..models.base import SLUG_PATTERN, RelationSpec
from .._io import replace_folder
from .archimate import (
    NS,
    PREFIX,
    XML_LANG,
    XSI,
    decode,
    element_types,
    mapping,
    relationship_for,
    typed,
)

ARCHI_NS = "http://www.archimatetool.com/archimate"
NS21 = "http://www.opengroup.org/xsd/archimate"
"""The ArchiMate 2.1 exchange format's namespace (3.x adds ``/3.0/``)."""
REPORT = "import-report.md"
ELEMENT_SCHEMA = "kientruc.schema.json"
MANIFEST_SCHEMA = "kientruc-manifest.schema.json"

LAYER_FILES: dict[str, str] = {
    "motivation": "dong-luc",
    "business": "nghiep-vu",
    "channel": "kenh",
    "application": "ung-dung",
    "integration": "tich-hop",
    "data": "du-lieu",
    "technology": "ha-tang",
    "security": "an-toan",
    "roadmap": "lo-trinh",
}
"""One model file per layer, named in Vietnamese without diacritics."""

DEFAULT_PROFILE = default_profile()  # frameworks/_catalog.yaml: default_profile
_ARCHI_ACCESS = {"0": "Write", "1": "Read", "2": "Access", "3": "ReadWrite"}  # Archi's accessType numbers
_JUNCTIONS = {"AndJunction", "OrJunction"}


def legacy_types() -> dict[str, str]:
    """ArchiMate 2.1 names read as their ArchiMate 3.1 counterparts (``legacy`` in archimate-mapping.yaml)."""
    return dict(mapping()["legacy"])


LEGACY_TYPES = legacy_types()


class ArchimateImportError(Exception):
    """The file cannot be imported, or the output folder may not be written."""


@dataclass
class RawConcept:
    identifier: str
    type: str
    names: list[tuple[str | None, str]] = field(default_factory=list)
    docs: list[tuple[str | None, str]] = field(default_factory=list)
    props: list[tuple[str, Any]] = field(default_factory=list)
    source: str = ""
    target: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    folder: str = ""


@dataclass
class RawModel:
    format: str
    identifier: str = ""
    names: list[tuple[str | None, str]] = field(default_factory=list)
    docs: list[tuple[str | None, str]] = field(default_factory=list)
    props: list[tuple[str, Any]] = field(default_factory=list)
    metadata: str = ""
    elements: list[RawConcept] = field(default_factory=list)
    relationships: list[RawConcept] = field(default_factory=list)
    views: list[str] = field(default_factory=list)
    other: list[Text] = field(default_factory=list)  # what was read but has no place in kientruc
    info: list[Text] = field(default_factory=list)  # what the reading changed, for the report


@dataclass
class ImportReport:
    elements: int = 0
    relations: int = 0
    notes: list[Text] = field(default_factory=list)  # messages: ``i18n.render(note, lang)`` writes one
    kept: list[Text] = field(default_factory=list)  # detail lines for the report file

    def markdown(self, source: str, lang: str = "vi") -> str:
        """The report file (``import-report.md``) in ``lang``."""
        lines = [render(msg("# Import of {source}", source=source), lang), "",
                 render(msg("- {elements} elements, {relations} relations imported", elements=self.elements,
                            relations=self.relations), lang), ""]
        lines += [render(msg("## Not represented, or kept in {properties}", properties="`properties`"), lang), ""]
        nothing = msg("nothing")
        lines += [f"- {render(n, lang)}" for n in self.notes] or [f"- {render(nothing, lang)}"]
        if self.kept:
            lines += ["", render(msg("## Detail"), lang), ""] + [f"- {render(k, lang)}" for k in self.kept]
        return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- reading


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _langs(parent: ET.Element, *tags: str) -> list[tuple[str | None, str]]:
    return [(c.get(XML_LANG), c.text or "") for c in parent if _local(c.tag) in tags]


def _children(parent: ET.Element, *tags: str) -> list[ET.Element]:
    return [c for c in parent if _local(c.tag) in tags]


def _type_name(raw: str, renamed: Counter | None = None) -> str:
    """An exchange or Archi type as an ArchiMate 3.1 name (``UsedByRelationship`` → ``Serving``); ``renamed``
    counts the ArchiMate 2.1 names read so."""
    name = raw.partition(":")[2] if ":" in raw else raw
    if name.endswith("Relationship"):
        name = name[: -len("Relationship")]
    new = LEGACY_TYPES.get(name, name)
    if renamed is not None and new != name and name != "Junction":
        renamed[f"{name} → {new}"] += 1
    return new


def _renamed_note(model: RawModel, renamed: Counter) -> None:
    if renamed:
        model.info.append(msg("ArchiMate 2.1 types, read as their ArchiMate 3.1 counterparts (the export writes 3.1): "
                              "{types}", types=", ".join(f"{n} × {k}" for k, n in sorted(renamed.items()))))


def read_exchange(root: ET.Element) -> RawModel:
    """An exchange file, 3.x or 2.1 (2.1 writes ``label`` for names, ``propertydef``, ``identifierref``,
    ``organization``; its types are read as their 3.1 counterparts)."""
    ns = root.tag[1:].split("}")[0]
    model = RawModel("exchange" if ns == NS else "exchange-2.1", root.get("identifier", ""))
    model.names = _langs(root, "name", "label")
    model.docs = _langs(root, "documentation")
    defs: dict[str, str] = {}
    def_types: dict[str, str] = {}
    for pd in root.iter():
        if _local(pd.tag) not in ("propertyDefinition", "propertydef"):
            continue
        names = _langs(pd, "name")
        ident = pd.get("identifier", "")
        defs[ident] = names[0][1] if names else pd.get("name", ident)
        def_types[ident] = pd.get("type", "string")

    def props(node: ET.Element) -> list[tuple[str, Any]]:
        out: list[tuple[str, Any]] = []
        for holder in _children(node, "properties"):
            for p in _children(holder, "property"):
                values = _langs(p, "value")
                ref = p.get("propertyDefinitionRef") or p.get("identifierref") or p.get("identifierRef") or ""
                text = values[0][1] if values else ""
                out.append((defs.get(ref, ref), typed(text, def_types.get(ref))))
                if len(values) > 1:
                    owner = node.get("identifier")
                    model.other.append(msg("property '{name}' of {owner}: its values in other languages ({values})",
                                           name=defs.get(ref, ref), owner=owner if owner else msg("the model"),
                                           values=", ".join(v for _, v in values[1:])))
        return out

    model.props = props(root)
    renamed: Counter = Counter()
    for meta in _children(root, "metadata"):
        copy = ET.fromstring(ET.tostring(meta))
        for el in copy.iter():
            if el.tag.startswith(f"{{{ns}}}"):
                el.tag = f"{{{NS}}}{_local(el.tag)}"  # a 2.1 file's metadata in the 3.x namespace
        model.metadata = ET.tostring(copy, encoding="unicode")
    for holder in _children(root, "elements"):
        for el in holder:
            t = _type_name(el.get(f"{{{XSI}}}type", ""), renamed)
            model.elements.append(RawConcept(el.get("identifier", ""), t, _langs(el, "name", "label"),
                                             _langs(el, "documentation"), props(el)))
    for holder in _children(root, "relationships"):
        for el in holder:
            attrs = {k: v for k, v in el.attrib.items() if k in ("accessType", "isDirected", "modifier")}
            model.relationships.append(
                RawConcept(el.get("identifier", ""), _type_name(el.get(f"{{{XSI}}}type", ""), renamed),
                           _langs(el, "name", "label"), _langs(el, "documentation"), props(el),
                           el.get("source", ""), el.get("target", ""), attrs)
            )
    for view in root.iter():
        if _local(view.tag) == "view":
            names = _langs(view, "name", "label")
            model.views.append(names[0][1] if names else view.get("identifier", ""))
    # organizations (2.1: organization): the folder of each concept
    folders: dict[str, str] = {}
    empty: list[str] = []

    def walk(item: ET.Element, path: list[str]) -> None:
        for child in _children(item, "item"):
            ref = child.get("identifierRef") or child.get("identifierref")
            if ref:
                folders.setdefault(ref, "/".join(path))
                continue
            labels = _langs(child, "label")
            sub = path + [labels[0][1]] if labels else path
            if len(labels) > 1 or _children(child, "documentation"):
                model.other.append(msg("folder '{folder}': its labels in other languages and its documentation",
                                       folder="/".join(sub)))
            if not _children(child, "item"):
                empty.append("/".join(sub))
            walk(child, sub)

    for orgs in _children(root, "organizations", "organization"):
        walk(orgs, [])
    for concept in model.elements + model.relationships:
        concept.folder = folders.get(concept.identifier, "")
    model.other += [f"empty folder {f!r}" for f in empty if f]
    _renamed_note(model, renamed)
    return model


def read_archi(root: ET.Element) -> RawModel:
    model = RawModel("archi", root.get("id", ""))
    model.names = [(None, root.get("name", ""))]
    model.props = [(p.get("key", ""), p.get("value", "")) for p in root.findall("property")]
    purpose = root.find("purpose")
    if purpose is not None and (purpose.text or "").strip():
        model.docs = [(None, purpose.text or "")]
    profiles = {p.get("id", ""): p.get("name", "") for p in root.findall("profile")}
    known_attrs = {"id", "name", f"{{{XSI}}}type", "source", "target", "accessType", "directed", "strength",
                   "profiles", "documentation"}
    renamed: Counter = Counter()

    def walk(folder: ET.Element, path: list[str]) -> None:
        for child in folder:
            tag = _local(child.tag)
            if tag == "folder":
                sub = path + [child.get("name", "")]
                if not len(child):
                    model.other.append(msg("empty folder '{folder}'", folder="/".join(sub)))
                if child.findall("documentation") or child.findall("property"):
                    model.other.append(msg("folder '{folder}': its documentation and properties", folder="/".join(sub)))
                walk(child, sub)
            elif tag == "element":
                xtype = child.get(f"{{{XSI}}}type", "")
                prefix, _, name = xtype.partition(":")
                docs = [(None, d.text or "") for d in child.findall("documentation")]
                if child.get("documentation"):
                    docs.append((None, child.get("documentation", "")))
                props = [(p.get("key", ""), p.get("value", "")) for p in child.findall("property")]
                if child.get("profiles"):
                    names = [profiles.get(i, i) for i in child.get("profiles", "").split()]
                    props.append(("archimate_specialization", ", ".join(names)))
                props += [(f"archimate_attr_{_local(k)}", v)
                          for k, v in child.attrib.items() if k not in known_attrs and _local(k) != "type"]
                other = sorted({_local(c.tag) for c in child} - {"documentation", "property"})
                is_view = prefix != "archimate" or "DiagramModel" in name or name.startswith("Sketch")
                if other and not is_view:
                    model.other.append(msg("{type} {id}: {parts}", type=name, id=child.get("id", ""), parts=", ".join(other)))
                if name in ("Junction", "AndJunction", "OrJunction"):
                    name = "OrJunction" if child.get("type") == "or" or name == "OrJunction" else "AndJunction"
                concept = RawConcept(child.get("id", ""), _type_name(name, renamed), [(None, child.get("name", ""))], docs,
                                     props, folder="/".join(path))
                if is_view:
                    model.views.append(f"{child.get('name', '')} ({name})")
                elif name.endswith("Relationship"):
                    concept.source, concept.target = child.get("source", ""), child.get("target", "")
                    if child.get("accessType") is not None or concept.type == "Access":
                        concept.attrs["accessType"] = _ARCHI_ACCESS.get(child.get("accessType", "0"), "Write")
                    if child.get("directed") == "true":
                        concept.attrs["isDirected"] = "true"
                    if child.get("strength"):
                        concept.attrs["modifier"] = child.get("strength", "")
                    model.relationships.append(concept)
                else:
                    model.elements.append(concept)

    walk(root, [])
    _renamed_note(model, renamed)
    return model


NOT_XML = msg("not XML")


def _sniff(head: bytes) -> Msg:
    """What a file that is not an ArchiMate model looks like it is."""
    text = head.lstrip()
    for magic, what in ((b"%PDF", msg("a PDF document")), (b"\x89PNG", msg("a PNG image")),
                        (b"\xff\xd8", msg("a JPEG image")), (b"PK\x03\x04", msg("a zip archive")),
                        (b"\x1f\x8b", msg("a gzip archive")), (b"{", msg("JSON")), (b"[", msg("JSON")),
                        (b"<!DOCTYPE html", msg("HTML")), (b"<html", msg("HTML"))):
        if text[: len(magic)].lower() == magic.lower():
            return what
    return NOT_XML


def read(path: str | os.PathLike[str]) -> RawModel:
    """Read an exchange file (3.x or 2.1) or an Archi model (plain or zipped) into plain data."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise ArchimateImportError(msg("cannot read {path}: {error}", path=str(path), error=str(exc.strerror or exc))) from None
    images = 0
    if zipfile.is_zipfile(io.BytesIO(data)):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = zf.namelist()
                if "model.xml" not in names:
                    raise ArchimateImportError(msg(
                        "{path} is a zip archive without {file}, not an Archi model (it holds: {names})", path=str(path),
                        file="model.xml", names=", ".join(names[:10]) or msg("nothing")))
                data = zf.read("model.xml")
                images = sum(1 for n in names if n != "model.xml" and not n.endswith("/"))
        except zipfile.BadZipFile as exc:
            raise ArchimateImportError(msg("{path} is a damaged zip archive: {error}", path=str(path), error=str(exc))) from None
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        found = _sniff(data[:64])
        if found == NOT_XML:
            raise ArchimateImportError(msg(
                "{path} is not XML ({error}), not an ArchiMate exchange file (3.x or 2.1) nor an Archi model",
                path=str(path), error=str(exc))) from None
        raise ArchimateImportError(msg(
            "{path} is {found}, not an ArchiMate exchange file (3.x or 2.1) nor an Archi model", path=str(path),
            found=found)) from None
    model = None
    ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if _local(root.tag) == "model" and ns in (NS, NS21):
        model = read_exchange(root)
    elif root.tag == f"{{{ARCHI_NS}}}model":
        model = read_archi(root)
    if model is None:
        if ns:
            raise ArchimateImportError(msg(
                "{path} is XML with root element {root} in namespace {ns}, not an ArchiMate exchange file ({model} in "
                "{ns3} or {ns21}) nor an Archi model ({archi})", path=str(path), root="<" + _local(root.tag) + ">", ns=ns,
                model="<model>", ns3=NS, ns21=NS21, archi="<archimate:model>"))
        raise ArchimateImportError(msg(
            "{path} is XML with root element {root}, not an ArchiMate exchange file ({model} in {ns3} or {ns21}) nor "
            "an Archi model ({archi})", path=str(path), root="<" + _local(root.tag) + ">", model="<model>", ns3=NS,
            ns21=NS21, archi="<archimate:model>"))
    if images:
        model.other.append(msg("{n} images of the zipped Archi model (kientruc keeps no images)", n=images))
    return model


# --------------------------------------------------------------------------- mapping


def slugify(text: str, max_len: int = 60) -> str:
    """A kientruc id from a name: diacritics stripped (đ → d), lower case, kebab-case."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(text) > max_len:
        text = text[:max_len].rsplit("-", 1)[0] or text[:max_len]
    return text.strip("-")


def _unique(base: str, taken: set[str]) -> str:
    base = base or "phan-tu"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def _code(lang: str | None) -> str:
    return lang or ""


def _pick(texts: list[tuple[str | None, str]]) -> int:
    """Which of several texts in languages is the main one: Vietnamese, else one without a language, else
    English, else the first."""
    codes = [_code(lang) for lang, _ in texts]
    for wanted in ("vi", "", "en"):
        if wanted in codes:
            return codes.index(wanted)
    return 0


def _numbered(key: str, out: dict[str, Any]) -> str:
    """``key``, or ``key#2``, ``key#3``… when it is taken (the exchange format allows a key more than once)."""
    if key not in out:
        return key
    n = 2
    while f"{key}#{n}" in out:
        n += 1
    return f"{key}#{n}"


def _texts(texts: list[tuple[str | None, str]], field_: str, default_lang: str, extra: dict[str, Any],
           lang_key: str) -> tuple[str | None, str | None]:
    """(main text, English text) of names or documentation; the main text's language, when it is not the
    model's, goes to ``extra[lang_key]``; the others to ``extra["<field>@<lang>"]``."""
    texts = [(lang, t) for lang, t in texts if t.strip()]
    if not texts:
        return None, None
    i = _pick(texts)
    main_lang, main = texts[i]
    if _code(main_lang) != default_lang:
        extra[lang_key] = _code(main_lang)
    english = None
    for j, (lang, t) in enumerate(texts):
        if j == i:
            continue
        if _code(lang) == "en" and english is None and _code(main_lang) != "en" and field_ == "name":
            english = t
            continue
        extra[_numbered(f"{field_}@{_code(lang) or 'und'}", extra)] = t
    return main, english


def _default_lang(raw: RawModel) -> str:
    """The language most names and documentation of the model are in ("" for none said)."""
    counts = Counter(_code(lang) for c in raw.elements + raw.relationships for lang, t in c.names + c.docs
                     if t.strip())
    return counts.most_common(1)[0][0] if counts else ""


def convert(raw: RawModel, province: str | None = None) -> tuple[dict[str, Any], list[dict[str, Any]], ImportReport]:
    """(manifest data, element data, report) from a read model. Every element validates and every relation
    is one kientruc's relation table allows."""
    table = mapping()
    rtable = relation_table()
    report = ImportReport()
    kinds_out = table["kinds"]
    taken: set[str] = set()
    elements: dict[str, dict[str, Any]] = {}
    archimate_types: dict[str, str] = {}
    unmapped_types: dict[str, int] = defaultdict(int)
    manifest_data = _kientruc_manifest(raw)
    if manifest_data is not None:
        default_lang = manifest_data.get("properties", {}).get("archimate_lang", "vi")
    else:
        default_lang = _default_lang(raw)
    known_types = element_types()

    # elements
    junctions = {c.identifier: c for c in raw.elements if c.type in _JUNCTIONS}
    for c in raw.elements:
        if c.identifier in junctions:
            continue
        props = dict(c.props)
        kind = props.get(PREFIX + "kind")
        if kind not in KIND_CLASSES:
            kind = table["types"].get(c.type)
            if kind is None:
                report.kept.append(msg("element {id}: unknown ArchiMate type '{type}', imported as {kind}",
                                       id=c.identifier, type=c.type, kind="requirement"))
                kind = "requirement"
        wanted = props.get(PREFIX + "id", "")
        if not isinstance(wanted, str) or not re.match(SLUG_PATTERN, wanted or "-") or wanted in taken:
            label = next((t for lang, t in c.names if t.strip()), "")
            wanted = slugify(label) or slugify(f"{c.type}-{c.identifier}")
        eid = _unique(wanted, taken)
        data: dict[str, Any] = {"id": eid, "kind": kind}
        extra: dict[str, Any] = {}
        name, english = _texts(c.names, "name", default_lang, extra, "archimate_name_lang")
        data["name"] = name or f"{c.type} {c.identifier}"
        if name is None:
            report.kept.append(msg("element {id} ({type}) has no name: named '{name}'", id=c.identifier, type=c.type,
                                   name=data["name"]))
        if english:
            data["name_en"] = english
        doc, _ = _texts(c.docs, "description", default_lang, extra, "archimate_doc_lang")
        if doc is not None:
            data["description"] = doc
        fields = KIND_CLASSES[kind].model_fields
        for key, value in c.props:
            if key.startswith(PREFIX):
                name_ = key[len(PREFIX):]
                if name_ in ("kind", "id"):
                    continue
                if name_.startswith("archimate_"):  # an identifier the export had to change: the original
                    extra[name_] = value
                    continue
                if name_ in fields and name_ not in RELATION_TYPES and name_ != "properties":
                    data[name_] = decode(value) if isinstance(value, str) else value
                    continue
            extra[_numbered(key, extra)] = value
        if c.identifier != f"id-{props.get(PREFIX + 'id')}" and "archimate_id" not in extra:
            extra["archimate_id"] = c.identifier  # kientruc's own identifiers (id-<id>) are not kept
        atype = c.type if c.type in known_types else kinds_out[kind]
        archimate_types[c.identifier] = atype
        if kinds_out[kind] != c.type:
            extra["archimate_type"] = c.type
            if PREFIX + "kind" not in props:
                unmapped_types[f"{c.type} → {kind}"] += 1
                report.kept.append(msg("element {id}: {type} imported as {kind} {new_id} (type kept in {field})",
                                       id=c.identifier, type=c.type, kind=kind, new_id=eid,
                                       field="properties.archimate_type"))
        if c.folder:
            extra["archimate_folder"] = c.folder
        if extra:
            data["properties"] = {**data.get("properties", {}), **extra}
        elements[c.identifier] = data

    # relationships: each path through a junction becomes a direct relation that names the junction
    rels = list(raw.relationships)
    if junctions:
        into: dict[str, list[RawConcept]] = defaultdict(list)
        out_of: dict[str, list[RawConcept]] = defaultdict(list)
        for r in rels:
            if r.target in junctions:
                into[r.target].append(r)
            if r.source in junctions:
                out_of[r.source].append(r)
        direct = [r for r in rels if r.source not in junctions and r.target not in junctions]
        for j, jc in junctions.items():
            if not into[j] or not out_of[j]:
                if not into[j]:
                    report.kept.append(msg("junction {id} ({type}) has no relationship into it: not imported, nor its "
                                           "{n} relationships", id=j, type=jc.type, n=len(into[j]) + len(out_of[j])))
                else:
                    report.kept.append(msg("junction {id} ({type}) has no relationship out of it: not imported, nor its "
                                           "{n} relationships", id=j, type=jc.type, n=len(into[j]) + len(out_of[j])))
            chained = [r.identifier for r in into[j] + out_of[j]
                       if (r.source in junctions and r.source != j) or (r.target in junctions and r.target != j)]
            if chained:
                report.kept.append(msg("junction {id}: relationships from junction to junction not imported: {ids}",
                                       id=j, ids=", ".join(chained)))
            if jc.names and any(t.strip() for _, t in jc.names) or jc.docs and any(t.strip() for _, t in jc.docs):
                report.kept.append(msg("junction {id}: its name and documentation are not kept", id=j))
            for a in into[j]:
                if a.source in junctions:
                    continue
                if a.names and any(t.strip() for _, t in a.names) or a.props or any(t.strip() for _, t in a.docs):
                    report.kept.append(msg("relationship {id} into junction {junction}: its name, documentation and "
                                           "properties are not kept (those of the relationships out of the junction are)",
                                           id=a.identifier, junction=j))
                for b in out_of[j]:
                    if b.target in junctions:
                        continue
                    bookkeeping = [("archimate_junction", j), ("archimate_junction_type", jc.type),
                                   ("archimate_junction_in", a.identifier)]
                    if jc.folder:
                        bookkeeping.append(("archimate_junction_folder", jc.folder))
                    if a.folder:
                        bookkeeping.append(("archimate_junction_in_folder", a.folder))
                    merged = RawConcept(b.identifier, b.type, b.names, b.docs, b.props, a.source, b.target, b.attrs,
                                        b.folder)
                    merged.attrs = {**b.attrs, "junction": json.dumps(bookkeeping)}
                    direct.append(merged)
        kinds_j = Counter(jc.type for jc in junctions.values())
        report.notes.append(msg("{n} junctions ({types}): each path through one is a direct relation naming it "
                                "({field}); the export writes the junction again", n=len(junctions),
                                types=", ".join(f"{n} {t}" for t, n in sorted(kinds_j.items())),
                                field="archimate_junction"))
        rels = direct
    rel_ids = {r.identifier for r in raw.relationships}
    count = 0
    rel_on_rel: list[str] = []
    unmapped_rels: dict[str, int] = defaultdict(int)
    fallbacks: list[str] = []
    for r in rels:
        if r.source not in elements or r.target not in elements:
            if r.source in rel_ids or r.target in rel_ids:
                rel_on_rel.append(msg("{id} ({type} from {source} to {target})", id=r.identifier, type=r.type,
                                      source=r.source, target=r.target))
            elif r.source not in junctions and r.target not in junctions:
                report.kept.append(msg("relationship {id}: an end is not an element, not imported", id=r.identifier))
            continue
        props = dict(r.props)
        if props.get(PREFIX + "implied_by"):
            continue  # comes back from the element's field (owner, a consolidation's keep…)
        src, tgt = elements[r.source], elements[r.target]
        s_type, t_type = archimate_types[r.source], archimate_types[r.target]
        rtype = props.get(PREFIX + "relation")
        if rtype in RELATION_TYPES:
            # written by kientruc: the relation's source and target are kientruc's unless reversed
            reversed_ = _kientruc_reversed(r, src, tgt)
        else:
            candidates = table["relationships"].get(r.type) or ["associated_with"]
            choice = None
            for cand in candidates:
                rev = cand.startswith("~")
                name_ = cand.lstrip("~")
                a, b = (tgt, src) if rev else (src, tgt)
                if rtable[name_].allows(a["kind"], b["kind"]):
                    choice = (name_, rev)
                    break
            if choice is None:  # nothing the relation table allows: an association, the original type kept
                choice = ("associated_with", False)
                fallbacks.append(msg("{id} ({type} from {source_kind} {source} to {target_kind} {target}; the relation "
                                     "table allows none of {candidates})", id=r.identifier, type=r.type,
                                     source_kind=src["kind"], source=src["id"], target_kind=tgt["kind"],
                                     target=tgt["id"], candidates=", ".join(candidates)))
            rtype, reversed_ = choice
        s_el, t_el = (tgt, src) if reversed_ else (src, tgt)
        ks_type, kt_type = (t_type, s_type) if reversed_ else (s_type, t_type)
        spec: dict[str, Any] = {"target": t_el["id"]}
        extra: dict[str, Any] = {}
        spec_fields = RelationSpec.model_fields
        for key, value in r.props:
            if key.startswith(PREFIX):
                name_ = key[len(PREFIX):]
                if name_ in ("relation", "implied_by", "archimate_preferred", "reversed"):
                    continue
                if name_.startswith("archimate_"):
                    extra[name_] = value
                    continue
                if name_ in spec_fields and name_ not in ("target", "properties"):
                    spec[name_] = decode(value) if isinstance(value, str) else value
                    continue
            extra[_numbered(key, extra)] = value
        # what the export needs to write this relationship as it came
        expected = relationship_for(rtype, ks_type, kt_type)
        if (r.type, reversed_) != (expected.type, expected.reversed):
            extra["archimate_type"] = r.type
            if reversed_:
                extra["archimate_reversed"] = "true"
            if PREFIX + "relation" not in props:
                unmapped_rels[f"{r.type} → {'reversed ' if reversed_ else ''}{rtype}"] += 1
                report.kept.append(msg("relationship {id}: {type} from {source} to {target} imported as {new_source} "
                                       "{relation} {new_target} (type kept in {field})", id=r.identifier, type=r.type,
                                       source=r.source, target=r.target, new_source=s_el["id"], relation=rtype,
                                       new_target=t_el["id"], field="properties.archimate_type"))
        generated = f"r-{s_el['id']}-{rtype.replace('_', '-')}-{t_el['id']}"
        if "archimate_id" not in extra and not (
                PREFIX + "relation" in props and (r.identifier == generated or r.identifier.startswith(generated + "-"))):
            extra["archimate_id"] = r.identifier
        if "accessType" in r.attrs and not spec.get("access"):
            extra["archimate_access_type"] = r.attrs["accessType"]
        if r.attrs.get("isDirected") == "true" and not (r.type == expected.type == "Association" and expected.directed):
            extra["archimate_directed"] = "true"
        if r.attrs.get("modifier"):
            extra["archimate_modifier"] = r.attrs["modifier"]
        for key, value in json.loads(r.attrs.get("junction", "[]")):
            extra.setdefault(key, value)  # an original identifier the export had to change wins
        name, english = _texts(r.names, "name", default_lang, extra, "archimate_name_lang")
        if name is not None:
            extra["archimate_name"] = name
        if english is not None:
            extra[_numbered("name@en", extra)] = english
        doc, _ = _texts(r.docs, "description", default_lang, extra, "archimate_doc_lang")
        if doc is not None and "description" not in spec:
            spec["description"] = doc
        if r.folder:
            extra["archimate_folder"] = r.folder
        if extra:
            spec["properties"] = extra
        item: Any = spec if len(spec) > 1 else spec["target"]
        s_el.setdefault(rtype, []).append(item)
        count += 1
    report.relations = count

    # validate every element; move what does not fit into properties
    out: list[dict[str, Any]] = []
    for data in elements.values():
        for rtype in RELATION_TYPES:  # relation lists by target: the same model gives the same files
            if rtype in data:
                data[rtype].sort(key=lambda item: item if isinstance(item, str) else item["target"])
        out.append(_validated(data, report))
    report.elements = len(out)

    for k, n in sorted(unmapped_types.items()):
        report.notes.append(msg("{n} × element type {type} (original type kept in {field})", n=n, type=k,
                                field="properties.archimate_type"))
    for k, n in sorted(unmapped_rels.items()):
        report.notes.append(msg("{n} × relationship {type} (original kept in {field})", n=n, type=k,
                                field="properties.archimate_type"))
    if fallbacks:
        report.notes.append(msg("{n} relationships have no kientruc relation that the relation table allows between "
                                "their two kinds: imported as {relation}, the original type kept in {field} (the export "
                                "writes it again): {relationships}", n=len(fallbacks), relation="associated_with",
                                field="properties.archimate_type", relationships=fallbacks))
    if rel_on_rel:
        report.notes.append(msg("{n} relationships on relationships not imported (kientruc relations join elements "
                                "only): {relationships}", n=len(rel_on_rel), relationships=rel_on_rel))
    if raw.views:
        report.notes.append(msg("{n} views/diagrams not imported (kientruc computes its views): {views}",
                                n=len(raw.views), views="; ".join(sorted(raw.views))))
    report.notes += raw.info
    for o in raw.other:
        report.notes.append(msg("not imported: {what}", what=o))

    manifest = manifest_data if manifest_data is not None else _manifest(raw, province, report, default_lang)
    if manifest_data is not None and province:
        manifest["province"] = province
    return manifest, out, report


def _kientruc_reversed(r: RawConcept, src: dict[str, Any], tgt: dict[str, Any]) -> bool:
    """For a relationship kientruc wrote: whether the kientruc source is the ArchiMate target.

    kientruc writes ``kientruc:reversed``; files of earlier versions tell it by their
    ``r-<source>-<type>-<target>`` identifiers.
    """
    props = dict(r.props)
    if PREFIX + "reversed" in props:
        return str(props[PREFIX + "reversed"]) == "true"
    rtype = props[PREFIX + "relation"]
    stem = f"r-{tgt['id']}-{rtype.replace('_', '-')}-{src['id']}"
    forward = f"r-{src['id']}-{rtype.replace('_', '-')}-{tgt['id']}"
    if r.identifier == forward or r.identifier.startswith(forward + "-"):
        return False
    return r.identifier == stem or r.identifier.startswith(stem + "-")


def _kientruc_manifest(raw: RawModel) -> dict[str, Any] | None:
    """The manifest a file kientruc wrote carries (``kientruc:manifest``), if it is a valid one."""
    props = dict(raw.props)
    if PREFIX + "manifest" not in props:
        return None
    try:
        data = json.loads(str(props[PREFIX + "manifest"]))
        Manifest.model_validate(data)
    except (ValueError, ValidationError):
        return None
    return data


def _validated(data: dict[str, Any], report: ImportReport) -> dict[str, Any]:
    cls = KIND_CLASSES[data["kind"]]
    for _ in range(5):
        try:
            el = cls.model_validate(data)
        except ValidationError as exc:
            bad = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
            movable = bad - {"id", "kind", "name"} - set(RELATION_TYPES)
            missing = [str(e["loc"][0]) for e in exc.errors() if e["type"] == "missing"]
            if missing:
                # a required attribute is missing (a legal_document without its number): use the generic kind
                report.kept.append(msg("{id}: {kind} needs {fields}; imported as {generic}", id=data["id"],
                                       kind=data["kind"], fields=", ".join(missing), generic="requirement"))
                props = dict(data.get("properties", {}))
                props.setdefault("kientruc_kind", data["kind"])
                fields = KIND_CLASSES["requirement"].model_fields
                data = {k: v for k, v in data.items() if k in fields or k in RELATION_TYPES}
                for k in list(data):
                    if k not in fields:
                        data.pop(k)
                data["kind"] = "requirement"
                data["properties"] = props
                cls = KIND_CLASSES["requirement"]
                continue
            if not movable:
                raise ArchimateImportError(msg("element {id}: {error}", id=data["id"], error=str(exc))) from None
            props = dict(data.get("properties", {}))
            for f in sorted(movable):
                value = data.pop(f)
                props[f"{PREFIX}{f}"] = value if isinstance(value, (str, int, float, bool)) else json.dumps(
                    value, ensure_ascii=False)
                report.kept.append(msg("{id}: {field} not valid for {kind}, kept in {properties}", id=data["id"], field=f,
                                       kind=data["kind"], properties="properties"))
            data["properties"] = props
            continue
        return el.model_dump(mode="json", exclude_defaults=True)
    raise ArchimateImportError(msg("element {id} cannot be made valid", id=data["id"]))


def _manifest(raw: RawModel, province: str | None, report: ImportReport, default_lang: str) -> dict[str, Any]:
    if any(k == PREFIX + "manifest" for k, _ in raw.props):
        report.notes.append(msg("the model's {property} property is not a valid manifest: a new one was made",
                                property="kientruc:manifest"))
    extra: dict[str, Any] = {}
    name, english = _texts(raw.names, "name", default_lang, extra, "archimate_name_lang")
    doc, _ = _texts(raw.docs, "description", default_lang, extra, "archimate_doc_lang")
    title = name or "Mô hình nhập từ ArchiMate"
    info: dict[str, Any] = {"name": title}
    if english:
        info["name_en"] = english
    if doc:
        info["description"] = doc
    info["version"] = "1.0"
    data: dict[str, Any] = {
        "province": province or title,
        "architecture": info,
        "profile": DEFAULT_PROFILE,
        "language": "vi",
    }
    props: dict[str, Any] = {}
    for key, value in raw.props:
        if key.strip() and not key.startswith(PREFIX):
            props[_numbered(key, props)] = value
    props.update(extra)
    if raw.identifier:
        props["archimate_id"] = raw.identifier
    props["archimate_lang"] = default_lang
    if raw.metadata:
        props["archimate_metadata"] = raw.metadata
    data["properties"] = props
    return data


# --------------------------------------------------------------------------- writing


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)


def write_model(out: Path, manifest: dict[str, Any], elements: list[dict[str, Any]], report_md: str,
                *, force: bool = False) -> list[Path]:
    """Write the model folder through a temporary folder and a rename."""
    element_schema, manifest_schema = _schemas()
    if out.exists():
        if not out.is_dir():
            raise ArchimateImportError(msg("{folder} exists and is not a folder", folder=str(out)))
        if any(out.iterdir()) and not force:
            raise ArchimateImportError(msg("{folder} is not empty; use {option} to replace it", folder=str(out),
                                           option="--force"))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        (tmp / "architecture.yaml").write_text(
            f"# yaml-language-server: $schema={MANIFEST_SCHEMA}\n" + _dump(manifest), encoding="utf-8")
        by_layer: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for el in elements:
            by_layer[LAYER_OF[el["kind"]]].append(el)
        for layer in LAYERS:
            if by_layer.get(layer):
                items = sorted(by_layer[layer], key=lambda e: (e["kind"], e["id"]))
                (tmp / f"{LAYER_FILES[layer]}.yaml").write_text(
                    f"# yaml-language-server: $schema={ELEMENT_SCHEMA}\n" + _dump(items), encoding="utf-8")
        (tmp / ELEMENT_SCHEMA).write_text(element_schema, encoding="utf-8")
        (tmp / MANIFEST_SCHEMA).write_text(manifest_schema, encoding="utf-8")
        (tmp / REPORT).write_text(report_md, encoding="utf-8")
        os.chmod(tmp, 0o777 & ~_umask())
        replace_folder(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return sorted(out.iterdir())


@cache
def _schemas() -> tuple[str, str]:
    """The editor schemas written beside the imported model (computed once: pydantic takes a while)."""
    from ..schema import element_schema, manifest_schema

    return (json.dumps(element_schema(), ensure_ascii=False, indent=2) + "\n",
            json.dumps(manifest_schema(), ensure_ascii=False, indent=2) + "\n")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def import_archimate(path: str | os.PathLike[str], out: str | os.PathLike[str], *, force: bool = False,
                     province: str | None = None, lang: str = "vi") -> ImportReport:
    """Import ``path`` (exchange file or Archi model) into the model folder ``out``; its report
    (``import-report.md``) is written in ``lang``."""
    out = Path(out)
    if out.exists() and out.is_dir() and any(out.iterdir()) and not force:
        raise ArchimateImportError(msg("{folder} is not empty; use {option} to replace it", folder=str(out),
                                       option="--force"))
    raw = read(path)
    manifest, elements, report = convert(raw, province)
    write_model(out, manifest, elements, report.markdown(Path(path).name, lang), force=force)
    return report
