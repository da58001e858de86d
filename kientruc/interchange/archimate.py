"""``kientruc export archimate``: the ArchiMate 3.1 Model Exchange File Format.

Writes one XML document valid against the Open Group schemas
(``archimate3_Diagram.xsd``), with the standard library's ElementTree:

* every element, with its ArchiMate type (the one an import kept in
  ``properties.archimate_type``, else the mapping's from ``archimate-mapping.yaml``),
  its identifier (the original one an import kept, else ``id-<id>``), its names and
  documentation in every language they have, its own properties, and every other
  kientruc attribute as a ``kientruc:`` property;
* every relation, as the ArchiMate relationship an import kept, else the mapped one,
  in the direction ArchiMate reads it, wherever the specification's relationship
  table (``archimate-relationships.yaml``) allows it between the two element types;
  a relationship the table forbids is written as a directed Association in the same
  direction and listed in ``notes``; the name, documentation, access type, influence
  strength and junction (And/Or) an import kept come back;
* the folders an import kept (``properties.archimate_folder``) as ``<organizations>``,
  the model's documentation, properties and Dublin Core metadata;
* the computed views (overview, integration, deployment, roadmap, one per layer,
  the declared ones) as diagrams laid out by Graphviz, so that a tool opens the
  model with its views drawn.

The export holds the whole model (every day: dates are properties); the views are
drawn for one day.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .._version import __version__
from ..i18n import Msg, msg
from ..models import KINDS, RELATION_TYPES, Architecture, Relation

_DataLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster on our data files

NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
DC = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = f"{NS} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd"
PREFIX = "kientruc:"
"""Properties that carry kientruc attributes are named ``kientruc:<field>``."""

BOOKKEEPING = "archimate_"
"""Properties an import keeps for the export (``archimate_id``, ``archimate_type``, ``archimate_folder``,
``archimate_name``…): written back as the exchange format's own constructs, never as properties. The
exceptions, Archi's details the exchange format has no place for, stay properties: :data:`KEPT_AS_PROPERTIES`."""
KEPT_AS_PROPERTIES = ("archimate_specialization", "archimate_attr_")
LANG_KEY = re.compile(r"^(name|description)@([A-Za-z][A-Za-z0-9-]*)(#\d+)?$")
"""``name@fr``, ``description@en``: a name or documentation in another language."""
REPEAT_KEY = re.compile(r"^(.*)#(\d+)$")
"""``key#2``: the second property of that key (the exchange format allows a key more than once)."""

NODE_W, NODE_H = 145, 55  # box size on the diagrams, in pixels


@cache
def mapping() -> dict[str, Any]:
    """The mapping table shipped in the package (``archimate-mapping.yaml``)."""
    text = resources.files(__package__).joinpath("archimate-mapping.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_DataLoader)
    missing = set(KINDS) - set(data["kinds"])
    if missing:
        raise ValueError(f"archimate-mapping.yaml: no ArchiMate type for {sorted(missing)}")
    missing = set(RELATION_TYPES) - set(data["relations"])
    if missing:
        raise ValueError(f"archimate-mapping.yaml: no ArchiMate relationship for {sorted(missing)}")
    return data


# --------------------------------------------------------------------------- the relationship table


@cache
def relationship_table() -> dict[tuple[str, str], frozenset[str]]:
    """(source type, target type) → the ArchiMate relationships allowed, from ``archimate-relationships.yaml``."""
    text = resources.files(__package__).joinpath("archimate-relationships.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_DataLoader)
    letters: dict[str, str] = data["letters"]
    columns: list[str] = data["columns"]
    table: dict[tuple[str, str], frozenset[str]] = {}
    for source, row in data["rows"].items():
        cells: list[str] = []
        for cell in row.split():
            text_, _, times = cell.partition("*")
            cells += [text_] * (int(times) if times else 1)
        if len(cells) != len(columns):
            raise ValueError(f"archimate-relationships.yaml: {source} has {len(cells)} cells, not {len(columns)}")
        for target, cell in zip(columns, cells):
            table[(source, target)] = frozenset(letters[c] for c in cell)
    return table


RELATIONSHIP_TYPES = frozenset(
    "Composition Aggregation Assignment Realization Serving Access Influence Triggering Flow Specialization "
    "Association".split())
JUNCTION_TYPES = frozenset({"AndJunction", "OrJunction"})


@cache
def element_types() -> frozenset[str]:
    """Every ArchiMate 3.1 element type (the rows of the relationship table; junctions are not elements here)."""
    return frozenset(s for s, _ in relationship_table())


def allowed(rel_type: str, source: str, target: str) -> bool:
    """Whether the ArchiMate relationship table (Appendix B) allows ``rel_type`` from ``source`` to ``target``."""
    if rel_type == "Association":
        return True
    return rel_type in relationship_table().get((source, target), frozenset())


# --------------------------------------------------------------------------- values


def encode(value: Any) -> str:
    """A kientruc attribute as property text: strings as they are, anything else as JSON.

    A string that itself starts like JSON (``[``, ``{`` or ``"``) is JSON-quoted so that
    :func:`decode` gives it back unchanged.
    """
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False) if value[:1] in '[{"' else value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (dt.date,)):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def plain(value: Any) -> str:
    """A user property as text: the property definition's data type says how to read it back."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def decode(text: str) -> Any:
    """The inverse of :func:`encode` (numbers, booleans and dates stay text: pydantic reads them)."""
    if text[:1] in '[{"':
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text


def slug(text: str) -> str:
    """An NCName-safe fragment of an identifier."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-") or "x"


_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")


def is_bookkeeping(key: str) -> bool:
    """Whether a property key is an import's note for the export rather than a property of the model."""
    if LANG_KEY.match(key):
        return True
    return key.startswith(BOOKKEEPING) and not key.startswith(KEPT_AS_PROPERTIES)


def user_properties(props: dict[str, Any]) -> list[tuple[str, Any]]:
    """The properties to write as ``<property>``: bookkeeping left out, ``key#2`` written as ``key`` again."""
    out: list[tuple[str, Any]] = []
    for key in sorted(props, key=_property_order):
        if is_bookkeeping(key):
            continue
        m = REPEAT_KEY.match(key)
        out.append((m.group(1) if m and m.group(1) in props else key, props[key]))
    return out


def _property_order(key: str) -> tuple[str, int]:
    m = REPEAT_KEY.match(key)
    return (m.group(1), int(m.group(2))) if m else (key, 1)


def lang_texts(main: str | None, main_lang: str, english: str | None, props: dict[str, Any],
               field: str) -> list[tuple[str, str]]:
    """(xml:lang, text) of a name or a documentation in every language it has, the main one first.

    ``main_lang`` "" writes no xml:lang; ``english`` (``name_en``) is written unless the
    main text is itself the English one; ``<field>@<lang>`` properties follow.
    """
    out: list[tuple[str, str]] = []
    if main:
        out.append((main_lang, main))
    if english and main_lang != "en":
        out.append(("en", english))
    for key in sorted(props, key=_property_order):
        m = LANG_KEY.match(key)
        if m and m.group(1) == field and isinstance(props[key], str) and props[key]:
            out.append(("" if m.group(2) == "und" else m.group(2), props[key]))
    return out


# --------------------------------------------------------------------------- export


@dataclass(frozen=True)
class Exported:
    """A relation as written in the exchange file."""

    identifier: str
    type: str
    source: str  # kientruc ids of the ArchiMate source and target
    target: str


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, _q(tag), {k: v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _lang(parent: ET.Element, tag: str, text: str, lang: str | None) -> ET.Element:
    el = _sub(parent, tag, text)
    if lang:
        el.set(XML_LANG, lang)
    return el


class _Properties:
    """Property definitions, numbered in key order once every key is known."""

    def __init__(self) -> None:
        self.keys: dict[str, str] = {}  # key -> data type

    def add(self, key: str, kind: str = "string") -> None:
        known = self.keys.get(key)
        self.keys[key] = kind if known in (None, kind) else "string"

    def ids(self) -> dict[str, str]:
        return {k: f"pd-{i}" for i, k in enumerate(sorted(self.keys), 1)}


def value_type(value: Any) -> str:
    """The exchange format's data type of a property value (user properties keep their type this way)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, dt.date):
        return "date"
    return "string"


def typed(value: str, kind: str | None) -> Any:
    """A property value read back with its definition's data type."""
    try:
        if kind == "boolean":
            return {"true": True, "false": False}[value.strip().lower()]
        if kind == "number":
            return int(value) if re.fullmatch(r"[+-]?\d+", value.strip()) else float(value)
        if kind == "date":
            return dt.date.fromisoformat(value.strip())
    except (KeyError, ValueError):
        pass
    return value


def element_properties(el: Any) -> list[tuple[str, str, str]]:
    """An element's kientruc attributes and own properties, as (key, text, data type)."""
    skip = {"name", "name_en", "description", "properties", *RELATION_TYPES}
    data = el.model_dump(mode="json", exclude_defaults=True, exclude=skip)
    out = [(PREFIX + "id", el.id, "string"), (PREFIX + "kind", el.kind, "string")]
    out += [(PREFIX + k, encode(v), "string") for k, v in sorted(data.items()) if k not in ("id", "kind")]
    out += [(str(k), plain(v), value_type(v)) for k, v in user_properties(el.properties)]
    return out


def relation_properties(rel: Relation, reversed_: bool) -> list[tuple[str, str, str]]:
    out = [(PREFIX + "relation", rel.type, "string")]
    if reversed_:
        out.append((PREFIX + "reversed", "true", "string"))
    if rel.path and rel.path[0] not in RELATION_TYPES:
        # implied by a field of the element (owner; a consolidation's keep, migrate, retire, decided_by)
        out.append((PREFIX + "implied_by", str(rel.path[0]), "string"))
    if rel.spec is not None:
        data = rel.spec.model_dump(mode="json", exclude_defaults=True, exclude={"target", "properties", "description"})
        out += [(PREFIX + k, encode(v), "string") for k, v in sorted(data.items())]
        out += [(str(k), plain(v), value_type(v)) for k, v in user_properties(rel.spec.properties)]
    return out


def element_type(el: Any) -> str:
    """The ArchiMate type of an element: ``properties.archimate_type`` (kept by an import) or the mapping's."""
    kept = el.properties.get("archimate_type")
    if isinstance(kept, str) and kept in element_types():
        return kept
    return mapping()["kinds"][el.kind]


@dataclass(frozen=True)
class Choice:
    """How a kientruc relation is written: the ArchiMate type, whether it is read the other way, and why
    it is not the type wanted (``None`` when it is)."""

    type: str
    reversed: bool
    directed: bool
    downgraded: Msg | None = None


def relationship_for(
    rel_type: str, source_type: str, target_type: str, kept: str | None = None, kept_reversed: bool = False
) -> Choice:
    """The ArchiMate relationship for a kientruc relation between two ArchiMate element types.

    ``kept`` is the relationship an import recorded (``properties.archimate_type``), read
    against the kientruc relation if ``kept_reversed``: written as it was wherever the
    relationship table allows it. Else the mapping's relationship, then its fallback;
    when the table allows neither, a directed Association in the same direction, with
    the reason.
    """
    wanted: tuple[str, bool] | None = None
    if kept in RELATIONSHIP_TYPES:
        s, t = (target_type, source_type) if kept_reversed else (source_type, target_type)
        if allowed(kept, s, t):  # type: ignore[arg-type]
            return Choice(kept, kept_reversed, False)  # type: ignore[arg-type]
        wanted = (kept, kept_reversed)  # type: ignore[assignment]
    spec = mapping()["relations"][rel_type]
    first = spec
    while spec:
        rev = bool(spec.get("reversed"))
        s, t = (target_type, source_type) if rev else (source_type, target_type)
        if wanted is None and allowed(spec["type"], s, t):
            return Choice(spec["type"], rev, bool(spec.get("directed")))
        spec = spec.get("fallback")
    w_type, w_rev = wanted or (first["type"], bool(first.get("reversed")))
    s, t = (target_type, source_type) if w_rev else (source_type, target_type)
    reason = msg("the ArchiMate relationship table does not allow {relationship} from {source} to {target}",
                 relationship=w_type, source=s, target=t)
    return Choice("Association", w_rev, True, reason)


def identifier_for(kept: Any, fallback: str, taken: set[str]) -> str:
    """An xs:ID for the file: the identifier an import kept if it is one (``id-`` before it if it
    needs it, as Archi does), else ``fallback``; never one already taken."""
    out = fallback
    if isinstance(kept, str) and kept:
        if _NCNAME.fullmatch(kept):
            out = kept
        elif _NCNAME.fullmatch("id-" + kept):
            out = "id-" + kept
    base, n = out, 2
    while out in taken:
        out, n = f"{base}-{n}", n + 1
    taken.add(out)
    return out


def _model_lang(arch: Architecture) -> str:
    """The language of names and documentation that say none of their own (``vi`` unless an import said)."""
    lang = arch.manifest.properties.get("archimate_lang")
    return lang if isinstance(lang, str) else "vi"


def _own_lang(props: dict[str, Any], key: str, default: str) -> str:
    value = props.get(key)
    return value if isinstance(value, str) else default


def export_archimate(
    arch: Architecture,
    *,
    as_of: dt.date | None = None,
    lang: str = "vi",
    views: bool = True,
    timeout: float = 60.0,
    notes: list[Msg] | None = None,
) -> str:
    """The model as an ArchiMate 3.1 exchange file (XML text).

    ``notes``, if given, receives a message (written in a language by ``i18n.render``) for each thing that could not be exported as it
    is (a relation whose other end is not in the model; a relationship the ArchiMate
    relationship table forbids, written as an Association).
    """
    ET.register_namespace("", NS)
    ET.register_namespace("xsi", XSI)
    ET.register_namespace("dc", DC)
    notes = notes if notes is not None else []
    table = mapping()
    default_lang = _model_lang(arch)
    elements = sorted(arch.index.values(), key=lambda e: e.id)
    types = {e.id: element_type(e) for e in elements}
    props = _Properties()
    taken: set[str] = set()
    mprops = arch.manifest.properties

    root = ET.Element(_q("model"), {f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
    root.set("identifier", identifier_for(mprops.get("archimate_id"), "kientruc-model", taken))
    info = arch.manifest.info_on(as_of or dt.date.today())
    for code, text in lang_texts(info.name, _own_lang(mprops, "archimate_name_lang", default_lang), info.name_en,
                                 mprops, "name"):
        _lang(root, "name", text, code)
    if arch.manifest.architecture.description:
        for code, text in lang_texts(arch.manifest.architecture.description, _own_lang(mprops, "archimate_doc_lang", default_lang), None,
                                     mprops, "description"):
            _lang(root, "documentation", text, code)
    else:
        _lang(root, "documentation", f"{arch.manifest.province} — {info.name} ({info.version}). "
              f"Exported by kientruc {__version__}.", "vi")
    model_props = [(PREFIX + "manifest", json.dumps(arch.manifest.model_dump(mode="json", exclude_defaults=True),
                                                    ensure_ascii=False, sort_keys=True), "string"),
                   (PREFIX + "generator", f"kientruc {__version__}", "string")]
    model_props += [(str(k), plain(v), value_type(v)) for k, v in user_properties(mprops)]
    for k, _, kind in model_props:
        props.add(k, kind)
    model_props_el = _sub(root, "properties")  # filled once the definitions are numbered
    metadata = mprops.get("archimate_metadata")
    if isinstance(metadata, str) and metadata.strip():
        try:
            root.append(ET.fromstring(metadata))
        except ET.ParseError:
            notes.append(msg("the model's metadata ({field}) is not XML: not exported",
                             field="properties.archimate_metadata"))

    folders: dict[str, str] = {}  # identifier -> folder path
    ident: dict[str, str] = {}  # kientruc id -> identifier in the file

    # elements
    el_root = _sub(root, "elements") if elements else None
    pending: list[tuple[ET.Element, list[tuple[str, str, str]]]] = []
    for e in elements:
        ident[e.id] = identifier_for(e.properties.get("archimate_id"), "id-" + e.id, taken)
    for e in elements:
        node = _sub(el_root, "element", identifier=ident[e.id])  # type: ignore[arg-type]
        node.set(f"{{{XSI}}}type", types[e.id])
        for code, text in lang_texts(e.name, _own_lang(e.properties, "archimate_name_lang", default_lang), e.name_en,
                                     e.properties, "name"):
            _lang(node, "name", text, code)
        for code, text in lang_texts(e.description, _own_lang(e.properties, "archimate_doc_lang", default_lang), None,
                                     e.properties, "description"):
            _lang(node, "documentation", text, code)
        pairs = element_properties(e)
        kept_id = e.properties.get("archimate_id")
        if kept_id is not None and str(kept_id) != ident[e.id]:  # not an xs:ID as it was: kept for the way back
            pairs.append((PREFIX + "archimate_id", str(kept_id), "string"))
        for k, _, kind in pairs:
            props.add(k, kind)
        pending.append((node, pairs))
        folder = e.properties.get("archimate_folder")
        if isinstance(folder, str) and folder:
            folders[ident[e.id]] = folder

    # relationships
    exported: dict[tuple[str, str, str], Exported] = {}
    rels = sorted(arch.relations, key=lambda r: (r.source, r.type, r.target, r.path))
    notes.extend(msg("relation {source} {type} {target}: an end is not in the model, not exported",
                     source=r.source, type=r.type, target=r.target)
                 for r in rels if r.source not in types or r.target not in types)
    rels = [r for r in rels if r.source in types and r.target in types]  # dangling ends cannot be exported
    rel_root = _sub(root, "relationships") if rels else None
    junctions: dict[str, tuple[str, str]] = {}  # junction identifier in the source -> (written identifier, type)
    junction_ins: set[str] = set()
    junction_outs: dict[str, str] = {}
    junction_ids: dict[str, str] = {}  # junction identifier kept -> written
    junction_in_ids: dict[str, str] = {}  # junction and relationship into it kept -> written
    for r in rels:
        own = r.spec.properties if r.spec is not None else {}
        kept = own.get("archimate_type")
        kept_rev = own.get("archimate_reversed") == "true"
        choice = relationship_for(r.type, types[r.source], types[r.target], kept, kept_rev)  # type: ignore[arg-type]
        directed = choice.directed or (choice.type == "Association" and own.get("archimate_directed") == "true")
        src, tgt = (r.target, r.source) if choice.reversed else (r.source, r.target)
        if choice.downgraded:
            notes.append(msg("relation {source} {type} {target}: written as a directed Association from {start} to "
                             "{end}, because {reason}", source=r.source, type=r.type, target=r.target, start=src,
                             end=tgt, reason=choice.downgraded))
        base = f"r-{r.source}-{r.type.replace('_', '-')}-{r.target}"
        assert rel_root is not None
        junction = own.get("archimate_junction")
        s_ref, t_ref = ident[src], ident[tgt]
        out_key = f"{junction}\n{own.get('archimate_id')}\n{t_ref}"
        if isinstance(junction, str) and junction and out_key in junction_outs:
            rid = junction_outs[out_key]  # the relationship out of the junction is written once
        else:
            rid = identifier_for(own.get("archimate_id"), base, taken)
        if isinstance(junction, str) and junction:
            j_type = "OrJunction" if own.get("archimate_junction_type") == "OrJunction" else "AndJunction"
            if junction not in junctions:
                jid = identifier_for(junction, f"j-{slug(junction)}", taken)
                junctions[junction] = (jid, j_type)
                junction_ids[junction] = jid
                jnode = _sub(el_root, "element", identifier=jid)  # type: ignore[arg-type]
                jnode.set(f"{{{XSI}}}type", j_type)
                j_folder = own.get("archimate_junction_folder")
                if isinstance(j_folder, str) and j_folder:
                    folders[jid] = j_folder
            jid = junctions[junction][0]
            in_id = own.get("archimate_junction_in")
            in_key = f"{junction}\n{in_id}\n{s_ref}"
            if in_key not in junction_ins:  # one relationship into the junction from each source
                junction_ins.add(in_key)
                iid = identifier_for(in_id, f"{rid}-in", taken)
                junction_in_ids[f"{junction}\n{in_id}"] = iid
                inode = _sub(rel_root, "relationship", identifier=iid, source=s_ref, target=jid)
                inode.set(f"{{{XSI}}}type", choice.type)
                in_folder = own.get("archimate_junction_in_folder")
                if isinstance(in_folder, str) and in_folder:
                    folders[iid] = in_folder
            s_ref = jid
            if out_key in junction_outs:
                continue
            junction_outs[out_key] = rid
        node = _sub(rel_root, "relationship", identifier=rid, source=s_ref, target=t_ref)
        node.set(f"{{{XSI}}}type", choice.type)
        if choice.type == "Association" and directed:
            node.set("isDirected", "true")
        if choice.type == "Access" and r.spec is not None:
            if r.spec.access:
                node.set("accessType", {v: k for k, v in table["access"].items()}[r.spec.access])
            elif own.get("archimate_access_type") in ("Access", "Read", "Write", "ReadWrite"):
                node.set("accessType", str(own["archimate_access_type"]))
        if choice.type == "Influence" and isinstance(own.get("archimate_modifier"), str) and own["archimate_modifier"]:
            node.set("modifier", str(own["archimate_modifier"]))
        rel_name = own.get("archimate_name")
        for code, text in lang_texts(rel_name if isinstance(rel_name, str) else None,
                                     _own_lang(own, "archimate_name_lang", default_lang), None, own, "name"):
            _lang(node, "name", text, code)
        description = r.spec.description if r.spec is not None else None
        for code, text in lang_texts(description, _own_lang(own, "archimate_doc_lang", default_lang), None, own,
                                     "description"):
            _lang(node, "documentation", text, code)
        pairs = relation_properties(r, choice.reversed)
        for key, written in (("archimate_id", rid), ("archimate_junction", junction_ids.get(str(junction))),
                             ("archimate_junction_in", junction_in_ids.get(f"{junction}\n{own.get('archimate_junction_in')}"))):
            kept_id = own.get(key)
            if kept_id is not None and written is not None and str(kept_id) != written:
                pairs.append((PREFIX + key, str(kept_id), "string"))  # not an xs:ID as it was: kept for the way back
        if choice.downgraded:
            wanted = kept if kept in RELATIONSHIP_TYPES else table["relations"][r.type]["type"]
            pairs.append((PREFIX + "archimate_preferred", str(wanted), "string"))
        for k, _, kind in pairs:
            props.add(k, kind)
        pending.append((node, pairs))
        folder = own.get("archimate_folder")
        if isinstance(folder, str) and folder:
            folders[rid] = folder
        if not junction:
            exported.setdefault((r.source, r.type, r.target), Exported(rid, choice.type, src, tgt))

    # properties, now that every key has its definition id
    pd = props.ids()
    for node, pairs in pending:
        _fill(node, pairs, pd)
    _fill(model_props_el, model_props, pd, container=True)

    # folders
    if folders:
        _organizations(root, folders, default_lang)

    # views
    if views and elements:
        _views(root, arch, as_of, lang, exported, timeout, ident, taken)

    defs = _sub(root, "propertyDefinitions")
    for key, pid in sorted(pd.items(), key=lambda kv: kv[1]):
        d = _sub(defs, "propertyDefinition", identifier=pid, type=props.keys[key])
        _lang(d, "name", key, None)
    _order(root)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _fill(node: ET.Element, pairs: list[tuple[str, str, str]], pd: dict[str, str], container: bool = False) -> None:
    if not pairs:
        if container:
            node.tag = "drop"  # an empty <properties> is not allowed: _order leaves it out
        return
    holder = node if container else _sub(node, "properties")
    for key, value, _ in pairs:
        p = _sub(holder, "property", propertyDefinitionRef=pd[key])
        _lang(p, "value", value, None)


def _organizations(root: ET.Element, folders: dict[str, str], lang: str) -> None:
    """``<organizations>``: one item per folder (paths ``A/B``), holding items that name the concepts."""
    tree: dict[str, Any] = {}
    for ref, path in folders.items():
        node = tree
        for part in [p for p in path.split("/") if p]:
            node = node.setdefault(part, {})
        node.setdefault("\n", []).append(ref)  # "\n" never is a folder name: the concepts of this folder

    def write(parent: ET.Element, node: dict[str, Any]) -> None:
        for ref in node.get("\n", []):
            _sub(parent, "item", identifierRef=ref)
        for name, child in node.items():
            if name == "\n":
                continue
            item = _sub(parent, "item")
            _lang(item, "label", name, lang or None)
            write(item, child)

    holder = _sub(root, "organizations")
    write(holder, tree)


_ORDER = ["name", "documentation", "properties", "metadata", "elements", "relationships", "organizations",
          "propertyDefinitions", "views"]


def _order(root: ET.Element) -> None:
    """Put the model's children in the order the schema requires (an empty holder left out)."""
    children = list(root)
    for c in children:
        root.remove(c)
    rank = {_q(t): i for i, t in enumerate(_ORDER)}
    for c in sorted((c for c in children if c.tag in rank), key=lambda c: rank[c.tag]):  # stable: keeps name order
        root.append(c)


# --------------------------------------------------------------------------- views


@dataclass
class Layout:
    """Where Graphviz put the boxes: top-left corners of nodes, and boxes (x, y, w, h) of groups, in pixels."""

    nodes: dict[str, tuple[int, int]]
    groups: dict[str, tuple[int, int, int, int]]


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def graphviz_layout(
    nodes: list[str],
    edges: list[tuple[str, str]],
    groups: dict[str, tuple[str, list[str]]],
    direction: str = "TB",
    timeout: float = 60.0,
    columns: dict[str, int] | None = None,
    stack: list[str] | None = None,
) -> Layout:
    """Lay out fixed-size boxes with Graphviz ``dot`` (``-Tjson``), groups as clusters.

    ``groups`` maps a group id to (label, member node ids). A large group is folded into
    rows (``columns[group]`` boxes a row, else about the square root of its size) by
    invisible edges, so that a band of forty boxes is not forty boxes wide. The groups
    named in ``stack`` are placed one after the other along the direction. Raises
    ``RuntimeError`` if Graphviz is missing, fails or takes longer than ``timeout`` seconds.
    """
    import subprocess

    from ..renderers.diagrams import dot_executable

    exe = dot_executable()
    if exe is None:
        raise RuntimeError("Graphviz (dot) is not installed")
    w_in, h_in = NODE_W / 72, NODE_H / 72
    index = {n: f"n{i}" for i, n in enumerate(nodes)}
    lines = [f"digraph G {{ rankdir={direction}; nodesep=0.35; ranksep=0.6; newrank=true;",
             f'node [shape=box, fixedsize=true, width={w_in:.3f}, height={h_in:.3f}, label=""];',
             'graph [fontsize=14, fontname="DejaVu Sans", margin=12];']
    grouped: set[str] = set()
    for i, (gid, (label, members)) in enumerate(groups.items()):
        inside = [m for m in members if m in index and m not in grouped]
        if not inside:
            continue
        grouped.update(inside)
        members_dot = " ".join(index[m] + ";" for m in inside)
        lines.append(f"subgraph cluster_{i} {{ label={_dot_quote(label)}; {members_dot} }}")
        lines += _fold(inside, (columns or {}).get(gid), index)
    stacked = [groups[g][1] for g in (stack or []) if g in groups and groups[g][1]]
    lines += [f"{index[a[-1]]} -> {index[b[0]]} [style=invis, weight=5];" for a, b in zip(stacked, stacked[1:])]
    free = [n for n in nodes if n not in grouped]
    lines += [f"{index[n]};" for n in free]
    lines += _fold(free, None, index)
    lines += [f"{index[a]} -> {index[b]};" for a, b in edges if a in index and b in index]
    lines.append("}")
    try:
        proc = subprocess.run([exe, "-Tjson"], input="\n".join(lines).encode("utf-8"), capture_output=True,
                              timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RuntimeError(f"Graphviz failed: {exc}") from None
    if proc.returncode != 0:
        raise RuntimeError("Graphviz failed: " + proc.stderr.decode("utf-8", "replace")[:300])
    data = json.loads(proc.stdout)
    height = float(data["bb"].split(",")[3])
    back = {v: k for k, v in index.items()}
    cluster_ids = {f"cluster_{i}": gid for i, gid in enumerate(groups)}
    out = Layout({}, {})
    pad = 20
    for obj in data.get("objects", []):
        name = obj.get("name", "")
        if name in back and "pos" in obj:
            x, y = (float(v) for v in obj["pos"].split(","))
            out.nodes[back[name]] = (max(0, round(x - NODE_W / 2)) + pad, max(0, round(height - y - NODE_H / 2)) + pad)
        elif name in cluster_ids and "bb" in obj:
            x1, y1, x2, y2 = (float(v) for v in obj["bb"].split(","))
            out.groups[cluster_ids[name]] = (round(x1) + pad, round(height - y2) + pad, max(1, round(x2 - x1)),
                                             max(1, round(y2 - y1)))
    missing = set(nodes) - set(out.nodes)
    if missing:
        raise RuntimeError(f"Graphviz placed no box for {sorted(missing)[:3]}")
    return out


def _fold(members: list[str], columns: int | None, index: dict[str, str]) -> list[str]:
    """Invisible edges that stack a long row of boxes into rows of ``columns``."""
    import math

    cols = columns or max(3, math.ceil(math.sqrt(len(members))))
    if len(members) <= cols:
        return []
    return [f"{index[members[i]]} -> {index[members[i + cols]]} [style=invis, weight=0];"
            for i in range(len(members) - cols)]


def _grid(nodes: list[str]) -> Layout:
    cols = max(1, int(len(nodes) ** 0.5))
    return Layout({n: (20 + (i % cols) * (NODE_W + 30), 20 + (i // cols) * (NODE_H + 30)) for i, n in enumerate(nodes)},
                  {})


def _views(root: ET.Element, arch: Architecture, as_of: dt.date | None, lang: str,
           exported: dict[tuple[str, str, str], Exported], timeout: float, ident: dict[str, str],
           taken: set[str]) -> None:
    from ..graph import build_graph
    from ..views import UnknownView, compute_view, view_catalog

    graph = build_graph(arch, as_of)
    diagrams: list[ET.Element] = []
    for info in view_catalog(graph, lang):
        try:
            view = compute_view(graph, info.id, lang=lang, max_nodes=1_000_000)
        except UnknownView:
            continue
        nodes = [n.id for n in view.nodes if not n.collapsed and n.id in arch.index]
        if not nodes:
            continue
        conns: list[tuple[str, Exported]] = []
        done: set[str] = set()
        for e in view.edges:
            ex = exported.get((e.source, e.type, e.target)) or exported.get((e.target, e.type, e.source))
            if ex is None or ex.identifier in done or e.source not in nodes or e.target not in nodes:
                continue
            done.add(ex.identifier)
            conns.append((e.type, ex))
        node_set = set(nodes)
        groups = {g.id: (g.label, [n.id for n in view.nodes if n.group == g.id and n.id in node_set])
                  for g in view.groups}
        groups = {gid: v for gid, v in groups.items() if v[1]}
        try:
            layout = graphviz_layout(nodes, [(ex.source, ex.target) for _, ex in conns], groups,
                                     view.direction or "TB", timeout,
                                     {g.id: g.columns for g in view.groups if g.columns},
                                     [g.id for g in view.groups if g.role == "band"])
        except RuntimeError:  # no Graphviz, or it failed: a grid keeps the view usable
            layout = _grid(nodes)
        vid = identifier_for(None, "v-" + slug(info.id.replace(":", "-")), taken)
        d = ET.Element(_q("view"), {"identifier": vid, f"{{{XSI}}}type": "Diagram"})
        _lang(d, "name", view.title, lang)
        if view.description:
            _lang(d, "documentation", view.description + (f" ({view.as_of.isoformat()})" if view.as_of else ""), lang)
        node_ids = {}
        parents: dict[str, ET.Element] = {}
        for gi, (gid, (label, members)) in enumerate(groups.items()):
            if gid not in layout.groups:
                continue
            x, y, w, h = layout.groups[gid]
            box = _sub(d, "node", identifier=f"{vid}.g.{gi}", x=str(x), y=str(y), w=str(w), h=str(h))
            box.set(f"{{{XSI}}}type", "Container")
            _lang(box, "label", label, lang)
            for m in members:
                parents.setdefault(m, box)
        for n in nodes:
            nid = f"{vid}.n.{n}"  # "." never occurs in view ids or element ids: no clash with another id
            node_ids[n] = nid
            x, y = layout.nodes.get(n, (20, 20))
            _sub(parents.get(n, d), "node", identifier=nid, elementRef=ident[n], x=str(x), y=str(y), w=str(NODE_W),
                 h=str(NODE_H)).set(f"{{{XSI}}}type", "Element")
        for i, (_, ex) in enumerate(conns, 1):
            _sub(d, "connection", identifier=f"{vid}.c.{i}", relationshipRef=ex.identifier, source=node_ids[ex.source],
                 target=node_ids[ex.target]).set(f"{{{XSI}}}type", "Relationship")
        diagrams.append(d)
    if diagrams:
        holder = _sub(_sub(root, "views"), "diagrams")
        holder.extend(diagrams)
