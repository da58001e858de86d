"""``kientruc import archimate``: read an ArchiMate model into ordinary kientruc model files.

Reads the ArchiMate 3.x Model Exchange File Format (``.xml``) and Archi's native
format (``.archimate``). Element types and relationships map to kientruc kinds and
relations by ``archimate-mapping.yaml``. Nothing is dropped silently:

* the original ArchiMate type of an element or relationship that maps to a kind or
  relation of another ArchiMate type is kept in ``properties`` (``archimate_type``),
  so that exporting gives the same type back;
* the original identifier is kept (``archimate_id``), properties are kept, names and
  documentation in other languages are kept (``name@fr``…), the Archi folder is kept
  (``archimate_folder``);
* what cannot be represented (views, junctions, relationships on relationships,
  organizations of the exchange format) is listed in the report, printed and written
  to ``import-report.md``.

A file written by ``kientruc export archimate`` carries ``kientruc:*`` properties
(kind, id, every attribute, the relation type and the manifest) and imports back to
the same model.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..frameworks import default_profile
from ..models import KIND_CLASSES, LAYER_OF, LAYERS, RELATION_TYPES, Manifest, relation_table
from ..models.base import SLUG_PATTERN, RelationSpec
from .archimate import NS, PREFIX, XML_LANG, XSI, decode, mapping, typed

ARCHI_NS = "http://www.archimatetool.com/archimate"
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
_JUNCTIONS = {"Junction", "AndJunction", "OrJunction"}
LEGACY_TYPES = {
    # ArchiMate 2.x names, still found in older Archi models and exchange files
    "UsedBy": "Serving",
    "Realisation": "Realization",
    "Specialisation": "Specialization",
    "InfrastructureService": "TechnologyService",
    "InfrastructureInterface": "TechnologyInterface",
    "InfrastructureFunction": "TechnologyFunction",
    "CommunicationPath": "Path",
    "Network": "CommunicationNetwork",
}
"""ArchiMate 2 names read as their ArchiMate 3 counterparts."""


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
    names: list[tuple[str | None, str]] = field(default_factory=list)
    props: list[tuple[str, Any]] = field(default_factory=list)
    elements: list[RawConcept] = field(default_factory=list)
    relationships: list[RawConcept] = field(default_factory=list)
    views: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)  # what was read but has no place in kientruc


@dataclass
class ImportReport:
    elements: int = 0
    relations: int = 0
    notes: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # detail lines for the report file

    def markdown(self, source: str) -> str:
        lines = [f"# Import of {source}", "", f"- {self.elements} elements, {self.relations} relations imported", ""]
        lines += ["## Not represented, or kept in `properties`", ""]
        lines += [f"- {n}" for n in self.notes] or ["- nothing"]
        if self.kept:
            lines += ["", "## Detail", ""] + [f"- {k}" for k in self.kept]
        return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- reading


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _langs(parent: ET.Element, tag: str) -> list[tuple[str | None, str]]:
    return [(c.get(XML_LANG), c.text or "") for c in parent if _local(c.tag) == tag]


def read_exchange(root: ET.Element) -> RawModel:
    model = RawModel("exchange")
    model.names = _langs(root, "name")
    defs: dict[str, str] = {}
    def_types: dict[str, str] = {}
    for pd in root.iter(f"{{{NS}}}propertyDefinition"):
        names = _langs(pd, "name")
        ident = pd.get("identifier", "")
        defs[ident] = names[0][1] if names else ident
        def_types[ident] = pd.get("type", "string")

    def props(node: ET.Element) -> list[tuple[str, Any]]:
        out: list[tuple[str, Any]] = []
        holder = node.find(f"{{{NS}}}properties")
        if holder is None:
            return out
        for p in holder.findall(f"{{{NS}}}property"):
            values = _langs(p, "value")
            ref = p.get("propertyDefinitionRef", "")
            text = values[0][1] if values else ""
            out.append((defs.get(ref, ref), typed(text, def_types.get(ref))))
        return out

    model.props = props(root)
    for holder in root.findall(f"{{{NS}}}elements"):
        for el in holder:
            model.elements.append(RawConcept(el.get("identifier", ""), el.get(f"{{{XSI}}}type", ""), _langs(el, "name"),
                                             _langs(el, "documentation"), props(el)))
    for holder in root.findall(f"{{{NS}}}relationships"):
        for el in holder:
            attrs = {k: v for k, v in el.attrib.items() if k in ("accessType", "isDirected", "modifier")}
            model.relationships.append(
                RawConcept(el.get("identifier", ""), el.get(f"{{{XSI}}}type", ""), _langs(el, "name"),
                           _langs(el, "documentation"), props(el), el.get("source", ""), el.get("target", ""), attrs)
            )
    for view in root.iter(f"{{{NS}}}view"):
        names = _langs(view, "name")
        model.views.append(names[0][1] if names else view.get("identifier", ""))
    # organizations: the folder of each element, kept as archimate_folder
    folders: dict[str, str] = {}

    def walk(item: ET.Element, path: list[str]) -> None:
        for child in item.findall(f"{{{NS}}}item"):
            ref = child.get("identifierRef")
            if ref:
                folders.setdefault(ref, "/".join(path))
            labels = _langs(child, "label")
            walk(child, path + [labels[0][1]] if labels else path)

    for orgs in root.findall(f"{{{NS}}}organizations"):
        walk(orgs, [])
    for concept in model.elements:
        concept.folder = folders.get(concept.identifier, "")
    return model


def read_archi(root: ET.Element) -> RawModel:
    model = RawModel("archi")
    model.names = [(None, root.get("name", ""))]
    model.props = [(p.get("key", ""), p.get("value", "")) for p in root.findall("property")]
    purpose = root.find("purpose")
    if purpose is not None and (purpose.text or "").strip():
        model.other.append(f"the model's purpose (kept here): {purpose.text.strip()}")
    profiles = {p.get("id", ""): p.get("name", "") for p in root.findall("profile")}
    known_attrs = {"id", "name", f"{{{XSI}}}type", "source", "target", "accessType", "directed", "strength",
                   "profiles"}

    def walk(folder: ET.Element, path: list[str]) -> None:
        for child in folder:
            tag = _local(child.tag)
            if tag == "folder":
                walk(child, path + [child.get("name", "")])
            elif tag == "element":
                xtype = child.get(f"{{{XSI}}}type", "")
                prefix, _, name = xtype.partition(":")
                docs = [(None, d.text or "") for d in child.findall("documentation")]
                props = [(p.get("key", ""), p.get("value", "")) for p in child.findall("property")]
                if child.get("profiles"):
                    names = [profiles.get(i, i) for i in child.get("profiles", "").split()]
                    props.append(("archimate_specialization", ", ".join(names)))
                props += [(f"archimate_attr_{_local(k)}", v)
                          for k, v in child.attrib.items() if k not in known_attrs]
                other = sorted({_local(c.tag) for c in child} - {"documentation", "property"})
                is_view = prefix != "archimate" or "DiagramModel" in name or name.startswith("Sketch")
                if other and not is_view:
                    model.other.append(f"{name} {child.get('id', '')}: {', '.join(other)}")
                concept = RawConcept(child.get("id", ""), name, [(None, child.get("name", ""))], docs, props,
                                     folder="/".join(path))
                if is_view:
                    model.views.append(f"{child.get('name', '')} ({name})")
                elif name.endswith("Relationship"):
                    concept.type = name[: -len("Relationship")]
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
    return model


def read(path: str | os.PathLike[str]) -> RawModel:
    """Read an exchange file or an Archi model into plain data."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise ArchimateImportError(f"cannot read {path}: {exc}") from None
    model = None
    if root.tag == f"{{{NS}}}model":
        model = read_exchange(root)
    elif root.tag == f"{{{ARCHI_NS}}}model":
        model = read_archi(root)
    if model is not None:
        for concept in model.elements + model.relationships:
            concept.type = LEGACY_TYPES.get(concept.type, concept.type)
        return model
    raise ArchimateImportError(
        f"{path} is neither an ArchiMate exchange file nor an Archi model (root element {root.tag})"
    )


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


def convert(raw: RawModel, province: str | None = None) -> tuple[dict[str, Any], list[dict[str, Any]], ImportReport]:
    """(manifest data, element data, report) from a read model. Every element validates."""
    table = mapping()
    rtable = relation_table()
    report = ImportReport()
    kinds_out = table["kinds"]
    taken: set[str] = set()
    ids: dict[str, str] = {}
    elements: dict[str, dict[str, Any]] = {}
    unmapped_types: dict[str, int] = defaultdict(int)

    # elements
    junctions = {c.identifier for c in raw.elements if c.type in _JUNCTIONS}
    for c in raw.elements:
        if c.identifier in junctions:
            continue
        props = dict(c.props)
        from_kientruc = PREFIX + "kind" in props
        kind = props.get(PREFIX + "kind")
        if kind not in KIND_CLASSES:
            kind = table["types"].get(c.type)
            if kind is None:
                report.kept.append(f"element {c.identifier}: unknown ArchiMate type {c.type!r}, "
                                   "imported as requirement")
                kind = "requirement"
        wanted = props.get(PREFIX + "id", "")
        if not re.match(SLUG_PATTERN, wanted or "-") or wanted in taken:
            label = next((t for lang, t in c.names if t.strip()), "")
            wanted = slugify(label) or slugify(f"{c.type}-{c.identifier}")
        eid = _unique(wanted, taken)
        ids[c.identifier] = eid
        data: dict[str, Any] = {"id": eid, "kind": kind}
        extra: dict[str, Any] = {}
        names = [(lang, t) for lang, t in c.names if t.strip()]
        vi = [t for lang, t in names if lang in (None, "", "vi")]
        en = [t for lang, t in names if lang == "en"]
        data["name"] = (vi or en or [t for _, t in names] or [f"{c.type} {c.identifier}"])[0]
        if not names:
            report.kept.append(f"element {c.identifier} ({c.type}) has no name: named {data['name']!r}")
        if en:
            data["name_en"] = en[0]
        for lang, t in names:
            if lang not in (None, "", "vi", "en"):
                extra[f"name@{lang}"] = t
        docs = [(lang, t) for lang, t in c.docs if t.strip()]
        for lang, t in docs:
            if lang in (None, "", "vi") and "description" not in data:
                data["description"] = t
            else:
                extra[f"description@{lang or 'und'}"] = t
        fields = KIND_CLASSES[kind].model_fields
        for key, value in c.props:
            if key.startswith(PREFIX):
                name = key[len(PREFIX):]
                if name in ("kind", "id"):
                    continue
                if name in fields and name not in RELATION_TYPES and name != "properties":
                    data[name] = decode(value) if isinstance(value, str) else value
                    continue
            extra[key] = value
        if not from_kientruc:
            extra.setdefault("archimate_id", c.identifier)
            if kinds_out[kind] != c.type:
                extra["archimate_type"] = c.type
                unmapped_types[f"{c.type} → {kind}"] += 1
            if c.folder:
                extra["archimate_folder"] = c.folder
        if extra:
            data["properties"] = {**data.get("properties", {}), **extra}
        elements[c.identifier] = data

    # relationships: resolve junctions into direct relations first
    rels = list(raw.relationships)
    if junctions:
        into = defaultdict(list)
        out_of = defaultdict(list)
        for r in rels:
            if r.target in junctions:
                into[r.target].append(r)
            if r.source in junctions:
                out_of[r.source].append(r)
        direct = [r for r in rels if r.source not in junctions and r.target not in junctions]
        for j in junctions:
            for a in into[j]:
                for b in out_of[j]:
                    merged = RawConcept(f"{a.identifier}+{b.identifier}", b.type, b.names, b.docs,
                                        b.props + [("archimate_junction", j)], a.source, b.target, b.attrs)
                    direct.append(merged)
        report.notes.append(f"{len(junctions)} junctions: replaced by direct relations (archimate_junction)")
        rels = direct
    rel_ids = {r.identifier for r in raw.relationships}
    count = 0
    skipped_rel_on_rel = 0
    unmapped_rels: dict[str, int] = defaultdict(int)
    for r in rels:
        if r.source not in elements or r.target not in elements:
            if r.source in rel_ids or r.target in rel_ids:
                skipped_rel_on_rel += 1
            else:
                report.kept.append(f"relationship {r.identifier}: an end is not an element, not imported")
            continue
        props = dict(r.props)
        if props.get(PREFIX + "implied_by") == "owner":
            continue  # comes back from the element's owner field
        src, tgt = elements[r.source], elements[r.target]
        rtype = props.get(PREFIX + "relation")
        reversed_ = False
        if rtype in RELATION_TYPES:
            # written by kientruc: the relation's source and target are kientruc's unless reversed
            fwd = _kientruc_ends(r, src, tgt)
            if fwd is None:
                continue
            s_el, t_el = fwd
        else:
            candidates = table["relationships"].get(r.type) or ["associated_with"]
            choice = None
            for cand in candidates:
                rev = cand.startswith("~")
                name = cand.lstrip("~")
                a, b = (tgt, src) if rev else (src, tgt)
                if rtable[name].allows(a["kind"], b["kind"]):
                    choice = (name, rev)
                    break
            if choice is None:
                choice = (candidates[0].lstrip("~"), candidates[0].startswith("~"))
            rtype, reversed_ = choice
            s_el, t_el = (tgt, src) if reversed_ else (src, tgt)
            preferred = table["relations"][rtype]
            if r.type != preferred["type"] or reversed_ != bool(preferred.get("reversed")):
                unmapped_rels[f"{r.type} → {'reversed ' if reversed_ else ''}{rtype}"] += 1
        spec: dict[str, Any] = {"target": t_el["id"]}
        extra: dict[str, Any] = {}
        spec_fields = RelationSpec.model_fields
        for key, value in r.props:
            if key.startswith(PREFIX):
                name = key[len(PREFIX):]
                if name in ("relation", "implied_by", "archimate_preferred"):
                    continue
                if name in spec_fields and name not in ("target", "properties"):
                    spec[name] = decode(value) if isinstance(value, str) else value
                    continue
            extra[key] = value
        if PREFIX + "relation" not in props:
            preferred = table["relations"][rtype]
            if r.type != preferred["type"] or reversed_ != bool(preferred.get("reversed")):
                extra["archimate_type"] = r.type
                if reversed_:
                    extra["archimate_reversed"] = "true"
            extra.setdefault("archimate_id", r.identifier)
            if "accessType" in r.attrs:
                extra["archimate_access_type"] = r.attrs["accessType"]
            if r.attrs.get("isDirected") == "true":
                extra["archimate_directed"] = "true"
            if r.attrs.get("modifier"):
                extra["archimate_modifier"] = r.attrs["modifier"]
            names = [t for _, t in r.names if t.strip()]
            if names:
                extra["archimate_name"] = names[0]
        docs = [t for _, t in r.docs if t.strip()]
        if docs and "description" not in spec:
            spec["description"] = docs[0]
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
        report.notes.append(f"{n} × element type {k} (original type kept in properties.archimate_type)")
    for k, n in sorted(unmapped_rels.items()):
        report.notes.append(f"{n} × relationship {k} (original kept in properties.archimate_type)")
    if skipped_rel_on_rel:
        report.notes.append(f"{skipped_rel_on_rel} relationships on relationships: not imported (kientruc relations "
                            "join elements only)")
    if raw.views:
        report.notes.append(f"{len(raw.views)} views/diagrams not imported (kientruc computes its views): "
                            + ", ".join(sorted(raw.views)[:20]) + ("…" if len(raw.views) > 20 else ""))
    for o in raw.other:
        report.notes.append(f"not imported: {o}")
    if raw.props and not any(k == PREFIX + "manifest" for k, _ in raw.props):
        report.notes.append("model properties kept in the manifest's sources: " + ", ".join(k for k, _ in raw.props))

    manifest = _manifest(raw, province, report)
    return manifest, out, report


def _kientruc_ends(r: RawConcept, src: dict[str, Any], tgt: dict[str, Any]) -> tuple[dict, dict] | None:
    """For a relationship kientruc wrote: which end is the kientruc source.

    kientruc writes ``r-<source>-<type>-<target>`` identifiers; the ArchiMate source is
    the kientruc target when the mapping reverses the relation.
    """
    rtype = dict(r.props)[PREFIX + "relation"]
    ident = r.identifier
    stem = f"r-{src['id']}-{rtype.replace('_', '-')}-{tgt['id']}"
    if ident == stem or ident.startswith(stem + "-"):
        return src, tgt
    return tgt, src


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
                report.kept.append(f"{data['id']}: {data['kind']} needs {', '.join(missing)}; imported as requirement")
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
                raise ArchimateImportError(f"element {data['id']}: {exc}") from None
            props = dict(data.get("properties", {}))
            for f in sorted(movable):
                value = data.pop(f)
                props[f"{PREFIX}{f}"] = value if isinstance(value, (str, int, float, bool)) else json.dumps(
                    value, ensure_ascii=False)
                report.kept.append(f"{data['id']}: {f} not valid for {data['kind']}, kept in properties")
            data["properties"] = props
            continue
        return el.model_dump(mode="json", exclude_defaults=True)
    raise ArchimateImportError(f"element {data['id']} cannot be made valid")


def _manifest(raw: RawModel, province: str | None, report: ImportReport) -> dict[str, Any]:
    props = dict(raw.props)
    if PREFIX + "manifest" in props:
        try:
            data = json.loads(props[PREFIX + "manifest"])
            Manifest.model_validate(data)
            if province:
                data["province"] = province
            return data
        except (ValueError, ValidationError):
            report.notes.append("the model's kientruc:manifest property is not a valid manifest: a new one was made")
    names = [t for _, t in raw.names if t.strip()]
    title = names[0] if names else "Mô hình nhập từ ArchiMate"
    data = {
        "province": province or title,
        "architecture": {"name": title, "version": "1.0"},
        "profile": DEFAULT_PROFILE,
        "language": "vi",
    }
    if raw.props:
        data["sources"] = [f"ArchiMate model property {k}: {v}" for k, v in raw.props if k.strip()]
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
            raise ArchimateImportError(f"{out} exists and is not a folder")
        if any(out.iterdir()) and not force:
            raise ArchimateImportError(f"{out} is not empty; use --force to replace it")
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
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
            os.rmdir(old)
            os.replace(out, old)
            os.replace(tmp, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, out)
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
                     province: str | None = None) -> ImportReport:
    """Import ``path`` (exchange file or Archi model) into the model folder ``out``."""
    out = Path(out)
    if out.exists() and out.is_dir() and any(out.iterdir()) and not force:
        raise ArchimateImportError(f"{out} is not empty; use --force to replace it")
    raw = read(path)
    manifest, elements, report = convert(raw, province)
    write_model(out, manifest, elements, report.markdown(Path(path).name), force=force)
    return report
