"""``kientruc export archimate``: the ArchiMate 3.1 Model Exchange File Format.

Writes one XML document valid against the Open Group schemas
(``archimate3_Diagram.xsd``), with the standard library's ElementTree:

* every element, with its ArchiMate type from ``archimate-mapping.yaml``, its
  Vietnamese and English names as ``xml:lang`` strings, its description as
  documentation, and every other kientruc attribute as a property;
* every relation, as the mapped ArchiMate relationship (reversed where kientruc
  writes it on the other end), or a directed Association where ArchiMate does not
  allow the mapped one between the two types; its kientruc type and attributes as
  properties;
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
from ..models import KINDS, RELATION_TYPES, Architecture, Relation

_DataLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster on our data files

NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = f"{NS} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd"
PREFIX = "kientruc:"
"""Properties that carry kientruc attributes are named ``kientruc:<field>``."""

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


# --------------------------------------------------------------------------- relationship validity

MOTIVATION = frozenset(
    "Stakeholder Driver Assessment Goal Outcome Principle Requirement Constraint Meaning Value".split()
)
PASSIVE = frozenset("BusinessObject Contract Representation DataObject Artifact Material".split())
SERVICES = frozenset("BusinessService ApplicationService TechnologyService".split())
BEHAVIOUR = frozenset(
    """BusinessProcess BusinessFunction BusinessInteraction BusinessEvent BusinessService
    ApplicationFunction ApplicationInteraction ApplicationProcess ApplicationEvent ApplicationService
    TechnologyFunction TechnologyProcess TechnologyInteraction TechnologyEvent TechnologyService""".split()
)
ACTIVE = frozenset(
    """BusinessActor BusinessRole BusinessCollaboration BusinessInterface ApplicationComponent
    ApplicationCollaboration ApplicationInterface Node Device SystemSoftware TechnologyCollaboration
    TechnologyInterface Path CommunicationNetwork Equipment Facility DistributionNetwork""".split()
)
CORE = ACTIVE | BEHAVIOUR
PLATEAU_PARTS = CORE | PASSIVE | frozenset(
    "Goal Outcome Requirement Constraint Plateau Capability Resource ValueStream CourseOfAction Location "
    "Product".split())
"""What a plateau may be composed of (not Principle, Driver, Stakeholder, work packages or deliverables)."""
_LAYER_PREFIX = ("Business", "Application", "Technology")


def _layer(t: str) -> str:
    for p in _LAYER_PREFIX:
        if t.startswith(p):
            return p
    if t in ("Node", "Device", "SystemSoftware", "Path", "CommunicationNetwork", "Artifact", "Equipment", "Facility",
             "DistributionNetwork", "Material"):
        return "Technology"
    return ""


def allowed(rel_type: str, source: str, target: str) -> bool:
    """Whether ArchiMate 3.1 allows ``rel_type`` from ``source`` to ``target`` (element types).

    A conservative reading of the specification's relationship tables (Appendix B):
    it says yes only where the specification clearly does, so that a tool that checks
    relationships (Archi does, on import) accepts every one we write. Anything else is
    exported as an Association, which is always allowed.
    """
    if rel_type == "Association":
        return True
    if rel_type == "Specialization":
        return source == target
    if rel_type in ("Composition", "Aggregation"):
        return (
            source == target
            or source == "Grouping"
            or (source == "Plateau" and target in PLATEAU_PARTS)
            or (source, target) in {("ApplicationComponent", "ApplicationInterface"), ("Node", "Device"),
                                    ("Node", "SystemSoftware"), ("Node", "TechnologyInterface")}
        )
    if rel_type == "Influence":
        return target in MOTIVATION and (source in MOTIVATION or source in CORE)
    if rel_type == "Realization":
        if target in ("Goal", "Outcome", "Principle", "Requirement", "Constraint"):
            if source in CORE:
                return True
            return source in ("Requirement", "Constraint", "Principle", "Outcome") and source != target and (
                target in ("Goal", "Outcome") or (target == "Principle" and source in ("Requirement", "Constraint"))
            )
        if source.endswith("Event"):
            return False  # an event realizes nothing but motivation elements
        if target in SERVICES:
            return source in CORE and (_layer(source) == _layer(target) or _layer(target) == "Business")
        if target in ("BusinessProcess", "BusinessFunction", "BusinessInteraction", "BusinessEvent"):
            return source in CORE and _layer(source) in ("Application", "Technology")
        return source == "Deliverable" or (source == "WorkPackage" and target == "Deliverable")
    if rel_type in ("Serving", "Flow", "Triggering"):
        if rel_type == "Triggering" and source in ("WorkPackage", "ImplementationEvent"):
            return target in ("WorkPackage", "ImplementationEvent")
        return source in CORE and target in CORE
    if rel_type == "Access":
        return source in CORE and target in PASSIVE
    if rel_type == "Assignment":
        if source in ("BusinessActor", "BusinessRole", "BusinessCollaboration"):
            return target == "BusinessRole" and source == "BusinessActor" or (
                target in BEHAVIOUR and _layer(target) == "Business") or target == "WorkPackage"
        if source in ("ApplicationComponent", "ApplicationCollaboration"):
            return target in BEHAVIOUR and _layer(target) == "Application"
        if source in ("Node", "Device", "SystemSoftware", "TechnologyCollaboration"):
            return (target in BEHAVIOUR and _layer(target) == "Technology") or target == "Artifact"
        return False
    return False


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


def element_properties(el: Any) -> list[tuple[str, str]]:
    """An element's kientruc attributes and own properties, as (key, text) pairs, sorted."""
    skip = {"name", "name_en", "description", "properties", *RELATION_TYPES}
    data = el.model_dump(mode="json", exclude_defaults=True, exclude=skip)
    out = [(PREFIX + "id", el.id), (PREFIX + "kind", el.kind)]
    out += [(PREFIX + k, encode(v)) for k, v in sorted(data.items()) if k not in ("id", "kind")]
    out += [(str(k), plain(v)) for k, v in sorted(el.properties.items(), key=lambda kv: str(kv[0]))]
    return out


def relation_properties(rel: Relation) -> list[tuple[str, str]]:
    out = [(PREFIX + "relation", rel.type)]
    if rel.path and rel.path[0] not in RELATION_TYPES:
        # implied by a field of the element (owner; a consolidation's keep, migrate, retire, decided_by)
        out.append((PREFIX + "implied_by", str(rel.path[0])))
    if rel.spec is not None:
        data = rel.spec.model_dump(mode="json", exclude_defaults=True, exclude={"target", "properties"})
        out += [(PREFIX + k, encode(v)) for k, v in sorted(data.items())]
        out += [(str(k), plain(v)) for k, v in sorted(rel.spec.properties.items())]
    return out


ELEMENT_TYPES = frozenset(MOTIVATION | PASSIVE | CORE | {
    "Resource", "Capability", "ValueStream", "CourseOfAction", "Product", "WorkPackage", "Deliverable",
    "ImplementationEvent", "Plateau", "Gap", "Location", "Grouping"})
RELATIONSHIP_TYPES = frozenset(
    "Composition Aggregation Assignment Realization Serving Access Influence Triggering Flow Specialization "
    "Association".split())


def element_type(el: Any) -> str:
    """The ArchiMate type of an element: ``properties.archimate_type`` (kept by an import) or the mapping's."""
    kept = el.properties.get("archimate_type")
    if isinstance(kept, str) and kept in ELEMENT_TYPES:
        return kept
    return mapping()["kinds"][el.kind]


def relationship_for(
    rel_type: str, source_type: str, target_type: str, kept: str | None = None, kept_reversed: bool = False
) -> tuple[str, bool, bool]:
    """(ArchiMate relationship, reversed, directed) for a kientruc relation between two ArchiMate types.

    ``kept`` is the relationship an import recorded (``properties.archimate_type``): used
    as it was (against the kientruc relation if ``kept_reversed``) when ArchiMate allows it.
    """
    if kept in RELATIONSHIP_TYPES:
        s, t = (target_type, source_type) if kept_reversed else (source_type, target_type)
        if allowed(kept, s, t):  # type: ignore[arg-type]
            return kept, kept_reversed, False  # type: ignore[return-value]
    spec = mapping()["relations"][rel_type]
    while spec:
        rev = bool(spec.get("reversed"))
        s, t = (target_type, source_type) if rev else (source_type, target_type)
        if allowed(spec["type"], s, t):
            return spec["type"], rev, bool(spec.get("directed"))
        spec = spec.get("fallback")
    return "Association", False, True


def export_archimate(
    arch: Architecture,
    *,
    as_of: dt.date | None = None,
    lang: str = "vi",
    views: bool = True,
    timeout: float = 60.0,
    notes: list[str] | None = None,
) -> str:
    """The model as an ArchiMate 3.1 exchange file (XML text).

    ``notes``, if given, receives a line for each thing that could not be exported (a
    relation whose other end is not in the model).
    """
    ET.register_namespace("", NS)
    ET.register_namespace("xsi", XSI)
    table = mapping()
    kinds = table["kinds"]
    elements = sorted(arch.index.values(), key=lambda e: e.id)
    types = {e.id: element_type(e) for e in elements}
    props = _Properties()

    root = ET.Element(_q("model"), {"identifier": "kientruc-model",
                                     f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
    info = arch.manifest.info_on(as_of or dt.date.today())
    _lang(root, "name", info.name, "vi")
    if info.name_en:
        _lang(root, "name", info.name_en, "en")
    _lang(root, "documentation", f"{arch.manifest.province} — {info.name} ({info.version}). "
          f"Exported by kientruc {__version__}.", "vi")
    model_props = [(PREFIX + "manifest", json.dumps(arch.manifest.model_dump(mode="json", exclude_defaults=True),
                                                    ensure_ascii=False, sort_keys=True)),
                   (PREFIX + "generator", f"kientruc {__version__}")]
    for k, _ in model_props:
        props.add(k)
    model_props_el = _sub(root, "properties")  # filled once the definitions are numbered

    # elements
    el_root = _sub(root, "elements") if elements else None
    pending: list[tuple[ET.Element, list[tuple[str, str]]]] = []
    for e in elements:
        node = _sub(el_root, "element", identifier="id-" + e.id)  # type: ignore[arg-type]
        node.set(f"{{{XSI}}}type", types[e.id])
        _lang(node, "name", e.name, "vi")
        if e.name_en:
            _lang(node, "name", e.name_en, "en")
        if e.description:
            _lang(node, "documentation", e.description, "vi")
        pairs = element_properties(e)
        for k, _ in pairs:
            props.add(k, value_type(e.properties[k]) if k in e.properties else "string")
        pending.append((node, pairs))

    # relationships
    exported: dict[tuple[str, str, str], Exported] = {}
    rels = sorted(arch.relations, key=lambda r: (r.source, r.type, r.target, r.path))
    if notes is not None:
        notes.extend(f"relation {r.source} {r.type} {r.target}: an end is not in the model, not exported"
                     for r in rels if r.source not in types or r.target not in types)
    rels = [r for r in rels if r.source in types and r.target in types]  # dangling ends cannot be exported
    rel_root = _sub(root, "relationships") if rels else None
    seen_ids: set[str] = set()
    for r in rels:
        kept = r.spec.properties.get("archimate_type") if r.spec is not None else None
        kept_rev = r.spec is not None and r.spec.properties.get("archimate_reversed") == "true"
        a_type, rev, directed = relationship_for(
            r.type, types[r.source], types[r.target], kept, kept_rev  # type: ignore[arg-type]
        )
        if r.spec is not None and r.spec.properties.get("archimate_directed") == "true":
            directed = True
        src, tgt = (r.target, r.source) if rev else (r.source, r.target)
        base = f"r-{r.source}-{r.type.replace('_', '-')}-{r.target}"
        ident, n = base, 2
        while ident in seen_ids:
            ident, n = f"{base}-{n}", n + 1
        seen_ids.add(ident)
        assert rel_root is not None
        node = _sub(rel_root, "relationship", identifier=ident, source="id-" + src, target="id-" + tgt)
        node.set(f"{{{XSI}}}type", a_type)
        if a_type == "Association" and directed:
            node.set("isDirected", "true")
        if a_type == "Access" and r.spec is not None:
            if r.spec.access:
                node.set("accessType", {v: k for k, v in table["access"].items()}[r.spec.access])
            elif r.spec.properties.get("archimate_access_type") in ("Access", "Read", "Write", "ReadWrite"):
                node.set("accessType", str(r.spec.properties["archimate_access_type"]))
        if r.spec is not None and r.spec.description:
            _lang(node, "documentation", r.spec.description, "vi")
        pairs = relation_properties(r)
        if a_type != table["relations"][r.type]["type"]:
            pairs.append((PREFIX + "archimate_preferred", table["relations"][r.type]["type"]))
        own = r.spec.properties if r.spec is not None else {}
        for k, _ in pairs:
            props.add(k, value_type(own[k]) if k in own else "string")
        pending.append((node, pairs))
        exported.setdefault((r.source, r.type, r.target), Exported(ident, a_type, src, tgt))

    # properties, now that every key has its definition id
    pd = props.ids()
    for node, pairs in pending:
        _fill(node, pairs, pd)
    _fill(model_props_el, model_props, pd, container=True)

    # views
    if views and elements:
        _views(root, arch, as_of, lang, exported, timeout)

    defs = _sub(root, "propertyDefinitions")
    for key, ident in sorted(pd.items(), key=lambda kv: kv[1]):
        d = _sub(defs, "propertyDefinition", identifier=ident, type=props.keys[key])
        _lang(d, "name", key, None)
    _order(root)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _fill(node: ET.Element, pairs: list[tuple[str, str]], pd: dict[str, str], container: bool = False) -> None:
    if not pairs:
        return
    holder = node if container else _sub(node, "properties")
    for key, value in pairs:
        p = _sub(holder, "property", propertyDefinitionRef=pd[key])
        _lang(p, "value", value, None)


_ORDER = ["name", "documentation", "properties", "elements", "relationships", "organizations",
          "propertyDefinitions", "views"]


def _order(root: ET.Element) -> None:
    """Put the model's children in the order the schema requires."""
    children = list(root)
    for c in children:
        root.remove(c)
    rank = {_q(t): i for i, t in enumerate(_ORDER)}
    for c in sorted(children, key=lambda c: rank[c.tag]):  # stable: keeps name order
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
           exported: dict[tuple[str, str, str], Exported], timeout: float) -> None:
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
        vid = "v-" + slug(info.id.replace(":", "-"))
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
            _sub(parents.get(n, d), "node", identifier=nid, elementRef="id-" + n, x=str(x), y=str(y), w=str(NODE_W),
                 h=str(NODE_H)).set(f"{{{XSI}}}type", "Element")
        for i, (_, ex) in enumerate(conns, 1):
            _sub(d, "connection", identifier=f"{vid}.c.{i}", relationshipRef=ex.identifier, source=node_ids[ex.source],
                 target=node_ids[ex.target]).set(f"{{{XSI}}}type", "Relationship")
        diagrams.append(d)
    if diagrams:
        holder = _sub(_sub(root, "views"), "diagrams")
        holder.extend(diagrams)
