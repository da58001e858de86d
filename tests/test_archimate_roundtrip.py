"""ArchiMate round trips an Archi user trusts: import → export gives the same concepts back.

For each model — Archisurance and the Open Group's sample (public, in ../shared), and
models written here by hand that hold every ArchiMate 3.1 element and relationship
type, junctions, folders, properties (typed, repeated), documentation in two
languages, an ArchiMate 2.1 exchange file and a zipped Archi model — the export of
the imported model has the same identifiers, types, directions, names and
documentation by language, properties, folders and relationship attributes as the
source, and validates against the Open Group schemas; importing the export gives
the same kientruc model again.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from _archimate_support import REF, by_type, concepts, exchange_id, open_group_schema
from conftest import shared_file, write_model
from kientruc.i18n import render
from kientruc.interchange import archimate as am
from kientruc.interchange.archimate_import import NS21, import_archimate, read
from kientruc.interchange.json_export import export_data
from kientruc.loader import load
from kientruc.models import relation_table

etree = pytest.importorskip("lxml.etree")


@pytest.fixture(scope="module")
def schema():
    return open_group_schema()


def validate(schema, text: str) -> None:
    ok = schema.validate(etree.fromstring(text.encode("utf-8")))
    assert ok, "\n".join(str(e) for e in list(schema.error_log)[:5])


def as_data(root: Path):
    loaded = load(root)
    assert loaded.ok, [str(f) for f in loaded.findings if f.fatal]
    doc = export_data(loaded.architecture)
    rels = Counter(json.dumps({k: v for k, v in r.items() if k != "index"}, sort_keys=True, ensure_ascii=False)
                   for r in doc["relations"])
    return doc["manifest"], {e["id"]: e for e in doc["elements"]}, rels


def round_trip(schema, source: Path, tmp_path: Path, *, ids=lambda i: i):
    """Import ``source``, export it, check the export against the schema and the source; import the export
    and check it gives the same kientruc model. Returns (imported folder, export path, notes, report)."""
    first = tmp_path / "first"
    report = import_archimate(source, first, lang="en")
    notes: list[str] = []
    text = am.export_archimate(load(first).architecture, views=False, notes=notes)
    validate(schema, text)
    exported = tmp_path / "export.xml"
    exported.write_text(text, encoding="utf-8")
    src, out = concepts(source, ids=ids), concepts(exported)
    assert by_type(out) == by_type(src), "the same number of concepts of each type"
    assert set(out) == set(src), "the same identifiers"
    for ident, concept in src.items():
        assert out[ident] == concept, ident
    import_archimate(exported, tmp_path / "second")
    assert as_data(tmp_path / "second") == as_data(first), "import → export → import gives the same model"
    return first, exported, notes, report


# --------------------------------------------------------------------------- public models


def test_archisurance_round_trip_keeps_every_concept(schema, tmp_path):
    source = shared_file(*REF, "Archisurance.archimate")
    first, exported, notes, report = round_trip(schema, source, tmp_path, ids=exchange_id)
    assert notes == [], "every Archisurance relationship is in the ArchiMate table: none downgraded"
    raw = read(source)
    assert report.elements == len(raw.elements) and report.relations == len(raw.relationships)
    counts = by_type(concepts(exported))
    assert counts["Association"] == Counter(r.type for r in raw.relationships)["Association"]
    # the model's own name and documentation come back
    back = read(exported)
    assert [t for _, t in back.names] == [t for _, t in raw.names]
    assert [t for _, t in back.docs] == [t for _, t in raw.docs if t.strip()]


def test_archisurance_relations_pass_the_checker(tmp_path, run_cli):
    out = tmp_path / "a"
    import_archimate(shared_file(*REF, "Archisurance.archimate"), out)
    arch = load(out).architecture
    table = relation_table()
    bad = [(r.source, r.type, r.target) for r in arch.relations
           if not table[r.type].allows(arch.index[r.source].kind, arch.index[r.target].kind)]
    assert bad == []
    result = run_cli(["check", str(out)])
    assert "STR003" not in result.output


def test_open_group_sample_round_trip(schema, tmp_path):
    round_trip(schema, shared_file(*REF, "Sample1.xml"), tmp_path)


# --------------------------------------------------------------------------- every type, written by hand

PD = {"owner": ("pd-owner", "Chủ quản", "string"), "count": ("pd-count", "Số lượng", "number"),
      "tag": ("pd-tag", "Thẻ", "string"), "open": ("pd-open", "Công khai", "boolean")}


def _names(vi: str | None, en: str | None, tag: str = "name") -> str:
    out = ""
    if vi:
        out += f'<{tag} xml:lang="vi">{escape(vi)}</{tag}>'
    if en:
        out += f'<{tag} xml:lang="en">{escape(en)}</{tag}>'
    return out


def _props(*pairs: tuple[str, str]) -> str:
    if not pairs:
        return ""
    items = "".join(f'<property propertyDefinitionRef="{PD[k][0]}"><value>{escape(v)}</value></property>'
                    for k, v in pairs)
    return f"<properties>{items}</properties>"


def full_model() -> tuple[str, dict[str, list[str]]]:
    """An exchange file with every ArchiMate 3.1 element type and, for every relationship type and every
    element type, one relationship the table allows from it; junctions (And, Or), nested folders,
    properties (typed, a key twice), names and documentation in Vietnamese and English, relationship
    names, access types, influence strengths, directed associations, model metadata. Returns the text
    and the folders (path → identifiers)."""
    table = am.relationship_table()
    types = sorted({s for s, _ in table})
    elements, relationships = [], []
    folders: dict[str, list[str]] = {"Tầng nghiệp vụ/Tác nhân": [], "Khác": [], "Quan hệ": []}
    for i, t in enumerate(types):
        ident = f"e-{t}"
        vi, en = (f"Phần tử {t} số {i}", f"{t} element {i}") if i % 3 else (None, f"{t} element {i}")
        docs = _names(f"Mô tả {t} có dấu", f"Description of {t}", "documentation") if i % 2 else ""
        props = _props(("owner", "Sở Thông tin và Truyền thông"), ("count", str(i)), ("tag", "a"), ("tag", "b"),
                       ("open", "true" if i % 2 else "false"))
        elements.append(f'<element identifier="{ident}" xsi:type="{t}">{_names(vi, en)}{docs}{props}</element>')
        folders["Tầng nghiệp vụ/Tác nhân" if t.startswith("Business") else "Khác"].append(ident)
    n = 0
    for rel in sorted(am.RELATIONSHIP_TYPES):
        for s in types:
            targets = [u for u in types if u != s and rel in table[(s, u)]] or \
                      [u for u in types if rel in table[(s, u)]]
            if not targets:
                continue
            u = targets[n % len(targets)]
            n += 1
            ident = f"r-{rel}-{s}-{u}"
            attrs = ""
            if rel == "Access":
                attrs = f' accessType="{("Read", "Write", "ReadWrite", "Access")[n % 4]}"'
            if rel == "Influence" and n % 2:
                attrs = ' modifier="++"'
            if rel == "Association" and n % 2:
                attrs = ' isDirected="true"'
            names = _names(f"quan hệ {n}", f"relation {n}") if n % 5 == 0 else ""
            docs = _names(None, f"Why {n}", "documentation") if n % 7 == 0 else ""
            props = _props(("tag", "x"), ("tag", "y")) if n % 11 == 0 else ""
            relationships.append(f'<relationship identifier="{ident}" source="e-{s}" target="e-{u}" '
                                 f'xsi:type="{rel}"{attrs}>{names}{docs}{props}</relationship>')
            if n % 3 == 0:
                folders["Quan hệ"].append(ident)
    # junctions: an And junction splitting a triggering, an Or junction joining two flows
    for j in ("p1", "p2", "p3", "p4"):
        elements.append(f'<element identifier="{j}" xsi:type="BusinessProcess">{_names(f"Quy trình {j}", None)}'
                        "</element>")
    elements.append('<element identifier="j-and" xsi:type="AndJunction"/>')
    elements.append('<element identifier="j-or" xsi:type="OrJunction"/>')
    relationships += [
        '<relationship identifier="t-in" source="p1" target="j-and" xsi:type="Triggering"/>',
        f'<relationship identifier="t-out-2" source="j-and" target="p2" xsi:type="Triggering">'
        f'{_names("kích hoạt", "triggers")}</relationship>',
        '<relationship identifier="t-out-3" source="j-and" target="p3" xsi:type="Triggering"/>',
        '<relationship identifier="f-in-2" source="p2" target="j-or" xsi:type="Flow"/>',
        '<relationship identifier="f-in-3" source="p3" target="j-or" xsi:type="Flow"/>',
        f'<relationship identifier="f-out" source="j-or" target="p4" xsi:type="Flow">{_props(("tag", "z"))}'
        "</relationship>",
    ]
    folders["Khác"] += ["p1", "p2", "p3", "p4", "j-and"]

    def org(path: list[str], refs: list[str]) -> str:
        inner = "".join(f'<item identifierRef="{r}"/>' for r in refs)
        for label in reversed(path):
            inner = f'<item><label xml:lang="vi">{escape(label)}</label>{inner}</item>'
        return inner

    orgs = "".join(org(p.split("/"), refs) for p, refs in folders.items())
    pdefs = "".join(f'<propertyDefinition identifier="{i}" type="{t}"><name>{escape(n)}</name></propertyDefinition>'
                    for i, n, t in PD.values())
    text = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<model xmlns="{am.NS}" '
        f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:dc="{am.DC}" identifier="m-full">'
        f'{_names("Mô hình đủ mọi loại", "A model of every type")}'
        f'{_names("Tài liệu của mô hình", "The model documentation", "documentation")}'
        f'{_props(("owner", "UBND tỉnh"), ("tag", "một"), ("tag", "hai"))}'
        '<metadata><schema>Dublin Core</schema><schemaversion>1.1</schemaversion>'
        '<dc:title>Mô hình thử</dc:title><dc:creator>kientruc tests</dc:creator></metadata>'
        f'<elements>{"".join(elements)}</elements><relationships>{"".join(relationships)}</relationships>'
        f'<organizations>{orgs}</organizations><propertyDefinitions>{pdefs}</propertyDefinitions></model>'
    )
    return text, folders


@pytest.fixture(scope="module")
def full(tmp_path_factory, schema):
    text, folders = full_model()
    validate(schema, text)  # the hand-written model is itself a valid exchange file
    path = tmp_path_factory.mktemp("full") / "full.xml"
    path.write_text(text, encoding="utf-8")
    return path, folders


def test_every_type_round_trips(schema, full, tmp_path):
    source, _ = full
    first, exported, notes, report = round_trip(schema, source, tmp_path)
    assert notes == [], "a relationship the table allows is never downgraded"
    counts = by_type(concepts(source))
    assert {t for t in counts if t not in am.RELATIONSHIP_TYPES} == am.element_types() | am.JUNCTION_TYPES
    assert set(counts) >= am.RELATIONSHIP_TYPES
    # the model's name, documentation, properties (a key twice) and Dublin Core metadata come back
    src, back = read(source), read(exported)
    assert sorted(back.names) == sorted(src.names) and sorted(back.docs) == sorted(src.docs)
    assert sorted((k, v) for k, v in back.props if not k.startswith(am.PREFIX)) == sorted(src.props)
    meta = ET.fromstring(back.metadata)
    assert [(c.tag.rsplit("}", 1)[-1], c.text) for c in meta] == [
        ("schema", "Dublin Core"), ("schemaversion", "1.1"), ("title", "Mô hình thử"), ("creator", "kientruc tests")]


def test_every_type_imports_to_kinds_the_checker_accepts(full, tmp_path, run_cli):
    source, _ = full
    out = tmp_path / "m"
    report = import_archimate(source, out, lang="en")
    arch = load(out).architecture
    table = relation_table()
    assert all(table[r.type].allows(arch.index[r.source].kind, arch.index[r.target].kind) for r in arch.relations)
    assert "STR003" not in run_cli(["check", str(out)]).output
    kinds = {e.properties.get("archimate_type") or am.mapping()["kinds"][e.kind]: e.kind for e in arch.elements}
    assert kinds["Location"] == "location" and kinds["Grouping"] == "grouping"
    assert kinds["TechnologyService"] == "system_software", "infrastructure, not the LGSP band"
    # documentation by language: Vietnamese in the description, English beside it
    el = next(e for e in arch.elements if e.properties.get("archimate_id") == "e-ApplicationComponent")
    assert el.description.startswith("Mô tả") and el.properties["description@en"].startswith("Description")
    # an English-only name is the name, once
    en_only = next(e for e in arch.elements if e.properties.get("archimate_id") == "e-ApplicationCollaboration")
    assert en_only.name == "ApplicationCollaboration element 0" and en_only.name_en is None
    both = next(e for e in arch.elements if e.properties.get("archimate_id") == "e-ApplicationComponent")
    assert (both.name, both.name_en) == ("Phần tử ApplicationComponent số 1", "ApplicationComponent element 1")
    xml = ET.fromstring(am.export_archimate(arch, views=False))
    names = {e.get("identifier"): [(n.get(am.XML_LANG), n.text) for n in e.findall(f"{{{am.NS}}}name")]
             for e in xml.iter(f"{{{am.NS}}}element")}
    assert names["e-ApplicationCollaboration"] == [("en", "ApplicationCollaboration element 0")], "once, in English"
    assert names["e-ApplicationComponent"] == [("vi", "Phần tử ApplicationComponent số 1"),
                                               ("en", "ApplicationComponent element 1")]
    # repeated keys, typed values
    assert (el.properties["Thẻ"], el.properties["Thẻ#2"]) == ("a", "b") and isinstance(el.properties["Số lượng"], int)
    # every relationship imported as associated_with because kientruc has no better relation is listed
    text = (out / "import-report.md").read_text(encoding="utf-8")
    fallbacks = [r for r in arch.relations if r.type == "associated_with"
                 and r.spec.properties.get("archimate_type") not in (None, "Association")]
    assert fallbacks
    for r in fallbacks:
        assert str(r.spec.properties["archimate_id"]) in text
    assert "2 junctions (1 AndJunction, 1 OrJunction)" in text
    assert report.relations == len(arch.relations)


def test_junctions_come_back_with_their_kind(full, tmp_path):
    source, _ = full
    import_archimate(source, tmp_path / "m")
    text = am.export_archimate(load(tmp_path / "m").architecture, views=False)
    xml = ET.fromstring(text)
    ns = {"a": am.NS}
    junctions = {e.get("identifier"): e.get(f"{{{am.XSI}}}type") for e in xml.findall("a:elements/a:element", ns)
                 if "Junction" in e.get(f"{{{am.XSI}}}type")}
    assert junctions == {"j-and": "AndJunction", "j-or": "OrJunction"}
    ends = {r.get("identifier"): (r.get("source"), r.get("target"))
            for r in xml.findall("a:relationships/a:relationship", ns)}
    assert ends["t-in"] == ("p1", "j-and") and ends["t-out-2"] == ("j-and", "p2") and ends["f-out"] == ("j-or", "p4")
    assert ends["f-in-2"] == ("p2", "j-or") and ends["f-in-3"] == ("p3", "j-or")


def test_folders_come_back_as_organizations(full, tmp_path):
    source, folders = full
    import_archimate(source, tmp_path / "m")
    exported = tmp_path / "x.xml"
    exported.write_text(am.export_archimate(load(tmp_path / "m").architecture, views=False), encoding="utf-8")
    back = concepts(exported)
    for path, refs in folders.items():
        for ref in refs:
            assert back[ref]["folder"] == path, ref


# --------------------------------------------------------------------------- the export's own downgrades


def test_a_relation_the_table_forbids_is_the_only_one_downgraded_and_is_reported(tmp_path, schema):
    doc = {"id": "qd-1", "kind": "legal_document", "name": "Quyết định số 1", "number": "1/2020/QĐ-UBND",
           "doc_type": "quyet_dinh", "date": "2020-01-02", "issuer": "UBND tỉnh", "governs": ["app"]}
    app = {"id": "app", "kind": "application", "name": "Ứng dụng", "realizes": ["svc"]}
    svc = {"id": "svc", "kind": "application_service", "name": "Dịch vụ"}
    import yaml

    root = write_model(tmp_path / "m", {"m.yaml": yaml.safe_dump([doc, app, svc], allow_unicode=True)})
    notes: list[str] = []
    text = am.export_archimate(load(root).architecture, views=False, notes=notes)
    validate(schema, text)
    xml = ET.fromstring(text)
    rels = {(r.get("source"), r.get("target")): r for r in xml.iter(f"{{{am.NS}}}relationship")}
    governs = rels[("id-qd-1", "id-app")]
    assert governs.get(f"{{{am.XSI}}}type") == "Association" and governs.get("isDirected") == "true"
    assert rels[("id-app", "id-svc")].get(f"{{{am.XSI}}}type") == "Realization"
    assert [render(n, "en") for n in notes] == ["relation qd-1 governs app: written as a directed Association from qd-1 to app, because the "
                     "ArchiMate relationship table does not allow Influence from Constraint to ApplicationComponent"]


# --------------------------------------------------------------------------- ArchiMate 2.1 and zipped Archi models


def model_21() -> str:
    """An ArchiMate 2.1 exchange file (labels, propertydefs, organization, 2.1 type names, a junction)."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="{NS21}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m21">
  <name xml:lang="en">Old model</name>
  <documentation xml:lang="en">Written in ArchiMate 2.1</documentation>
  <properties><property identifierref="p1"><value>x</value></property></properties>
  <elements>
    <element identifier="a1" xsi:type="BusinessActor"><label xml:lang="en">Clerk</label></element>
    <element identifier="b1" xsi:type="BusinessProcess"><label xml:lang="en">Handle</label>
      <properties><property identifierref="p1"><value>y</value></property></properties></element>
    <element identifier="b2" xsi:type="BusinessProcess"><label xml:lang="en">Check</label></element>
    <element identifier="s1" xsi:type="InfrastructureService"><label xml:lang="en">Hosting</label></element>
    <element identifier="n1" xsi:type="Network"><label xml:lang="en">LAN</label></element>
    <element identifier="c1" xsi:type="CommunicationPath"><label xml:lang="en">Link</label></element>
    <element identifier="g1" xsi:type="Goal"><label xml:lang="en">Fast</label></element>
    <element identifier="d1" xsi:type="Driver"><label xml:lang="en">Cost</label></element>
    <element identifier="j1" xsi:type="Junction"/>
  </elements>
  <relationships>
    <relationship identifier="r1" source="s1" target="b1" xsi:type="UsedByRelationship"><label>used</label></relationship>
    <relationship identifier="r2" source="b1" target="g1" xsi:type="RealisationRelationship"/>
    <relationship identifier="r3" source="b2" target="b1" xsi:type="SpecialisationRelationship"/>
    <relationship identifier="r4" source="d1" target="g1" xsi:type="InfluenceRelationship"/>
    <relationship identifier="r5" source="a1" target="j1" xsi:type="AssignmentRelationship"/>
    <relationship identifier="r6" source="j1" target="b1" xsi:type="AssignmentRelationship"/>
    <relationship identifier="r7" source="j1" target="b2" xsi:type="AssignmentRelationship"/>
    <relationship identifier="r8" source="c1" target="n1" xsi:type="AssociationRelationship"/>
  </relationships>
  <organization>
    <item><label xml:lang="en">Business</label><item identifierref="a1"/><item identifierref="b1"/></item>
  </organization>
  <propertydefs><propertydef identifier="p1" name="Owner" type="string"/></propertydefs>
</model>
"""


def test_archimate_2_1_exchange_files_are_read_as_3_1(schema, tmp_path):
    source = tmp_path / "old.xml"
    source.write_text(model_21(), encoding="utf-8")
    raw = read(source)
    types = {c.identifier: c.type for c in raw.elements + raw.relationships}
    assert types["s1"] == "TechnologyService" and types["n1"] == "CommunicationNetwork" and types["c1"] == "Path"
    assert types["j1"] == "AndJunction"
    assert (types["r1"], types["r2"], types["r3"], types["r4"]) == ("Serving", "Realization", "Specialization",
                                                                     "Influence")
    first, exported, notes, report = round_trip(schema, source, tmp_path)
    assert notes == []
    assert any("1 × UsedBy → Serving" in n and "1 × Network → CommunicationNetwork" in n for n in report.notes)
    back = read(exported)
    assert [t for _, t in back.docs] == ["Written in ArchiMate 2.1"] and dict(back.props)["Owner"] == "x"
    assert concepts(exported)["a1"]["folder"] == "Business"


ARCHI_MODEL = """<?xml version="1.0" encoding="UTF-8"?>
<archimate:model xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:archimate="http://www.archimatetool.com/archimate" name="Nhà máy" id="id-m1" version="4.9.0">
  <folder name="Other" id="id-f1" type="other">
    <element xsi:type="archimate:Location" name="Khu A" id="id-l1"/>
    <element xsi:type="archimate:Location" name="Phân xưởng 1" id="id-l2"/>
    <element xsi:type="archimate:Grouping" name="Dây chuyền" id="id-g1"/>
  </folder>
  <folder name="Technology &amp; Physical" id="id-f2" type="technology">
    <element xsi:type="archimate:Facility" name="Lò cao" id="id-fa1"/>
    <element xsi:type="archimate:Node" name="Máy chủ" id="id-n1"/>
    <element xsi:type="archimate:Equipment" name="Cảm biến" id="id-eq1"/>
  </folder>
  <folder name="Relations" id="id-f3" type="relations">
    <element xsi:type="archimate:AggregationRelationship" id="id-r1" source="id-l1" target="id-l2"/>
    <element xsi:type="archimate:CompositionRelationship" id="id-r2" source="id-fa1" target="id-n1"/>
    <element xsi:type="archimate:AggregationRelationship" id="id-r3" source="id-g1" target="id-eq1"/>
    <element xsi:type="archimate:InfluenceRelationship" id="id-r4" source="id-l1" target="id-g1" strength="+"/>
  </folder>
  <folder name="Views" id="id-f4" type="diagrams">
{views}
  </folder>
</archimate:model>
"""


def zipped_archi(views: int = 25) -> bytes:
    diagrams = "\n".join(f'    <element xsi:type="archimate:ArchimateDiagramModel" name="Sơ đồ {i}" id="id-v{i}"/>'
                         for i in range(views))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("model.xml", ARCHI_MODEL.format(views=diagrams))
        zf.writestr("images/logo.png", b"\x89PNG\r\n\x1a\n")
    return buffer.getvalue()


def test_zipped_archi_models_are_read(schema, tmp_path):
    source = tmp_path / "nha-may.archimate"
    source.write_bytes(zipped_archi())
    first, exported, notes, report = round_trip(schema, source, tmp_path)
    assert notes == []
    arch = load(first).architecture
    kinds = {e.name: e.kind for e in arch.elements}
    assert kinds["Khu A"] == kinds["Phân xưởng 1"] == "location", "a site is a location, not a computing node"
    assert kinds["Dây chuyền"] == "grouping"
    text = (first / "import-report.md").read_text(encoding="utf-8")
    assert "1 images of the zipped Archi model" in text
    assert all(f"Sơ đồ {i} (ArchimateDiagramModel)" in text for i in range(25)), "every view is listed"
    # the influence strength and the relationship types come back
    out = concepts(exported)
    assert out["id-r4"]["attrs"] == {"modifier": "+"} and out["id-r2"]["type"] == "Composition"


@pytest.mark.parametrize("content, found", [
    (b"%PDF-1.4 whatever", "a PDF document"),
    (b'{"model": 1}', "JSON"),
    (b"<html><body/></html>", "root element <html>"),
    (b'<?xml version="1.0"?><model xmlns="urn:other"/>', "namespace urn:other"),
    (b"plain words <", "not XML"),
])
def test_other_formats_are_refused_naming_what_they_are(tmp_path, run_cli, content, found):
    bad = tmp_path / "x.xml"
    bad.write_bytes(content)
    r = run_cli(["import", "archimate", str(bad), "--out", str(tmp_path / "o"), "--lang", "en"])
    assert r.exit_code == 2 and found in r.output and "Traceback" not in r.output
    assert not (tmp_path / "o").exists()


def test_a_zip_without_an_archi_model_is_refused(tmp_path, run_cli):
    bad = tmp_path / "x.archimate"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("readme.txt", "hello")
    bad.write_bytes(buffer.getvalue())
    r = run_cli(["import", "archimate", str(bad), "--out", str(tmp_path / "o"), "--lang", "en"])
    assert r.exit_code == 2 and "zip archive without model.xml" in r.output and "readme.txt" in r.output


ARCHI_3_MODEL = """<?xml version="1.0" encoding="UTF-8"?>
<archimate:model xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:archimate="http://www.archimatetool.com/archimate" name="Sở" id="1" version="3.1.1">
  <folder name="Business" id="2" type="business">
    <element xsi:type="archimate:BusinessActor" name="Cán bộ" id="10"/>
    <element xsi:type="archimate:BusinessProcess" name="Tiếp nhận" id="11"/>
    <element xsi:type="archimate:BusinessProcess" name="Thẩm định" id="12"/>
    <element xsi:type="archimate:BusinessInterface" name="Quầy" id="13"/>
    <element xsi:type="archimate:BusinessService" name="Dịch vụ" id="14"/>
  </folder>
  <folder name="Technology" id="5" type="technology">
    <element xsi:type="archimate:InfrastructureService" name="Lưu trữ" id="15"/>
  </folder>
  <folder name="Other" id="3" type="other">
    <element xsi:type="archimate:Junction" id="20" type="or"/>
  </folder>
  <folder name="Relations" id="4" type="relations">
    <element xsi:type="archimate:AssignmentRelationship" id="30" source="10" target="20"/>
    <element xsi:type="archimate:AssignmentRelationship" id="31" source="20" target="11" name="làm"/>
    <element xsi:type="archimate:AssignmentRelationship" id="32" source="20" target="12"/>
    <element xsi:type="archimate:CompositionRelationship" id="33" source="10" target="13"/>
    <element xsi:type="archimate:UsedByRelationship" id="34" source="14" target="10"/>
    <element xsi:type="archimate:UsedByRelationship" id="35" source="15" target="11"/>
    <element xsi:type="archimate:RealisationRelationship" id="36" source="11" target="14"/>
  </folder>
</archimate:model>
"""


def test_an_archi_3_model_with_numeric_ids_round_trips(schema, tmp_path, run_cli):
    """Archi 3 wrote ArchiMate 2.1 types and ids that are not xs:IDs: the export writes them as Archi does
    (``id-`` before them) and the way back gives the same model; an actor composing its interface is a relation
    the checker accepts and a Composition again in the export."""
    source = tmp_path / "so.archimate"
    source.write_text(ARCHI_3_MODEL, encoding="utf-8")
    first, exported, notes, report = round_trip(schema, source, tmp_path, ids=exchange_id)
    assert notes == []
    out = concepts(exported)
    assert out["id-20"]["type"] == "OrJunction"
    assert (out["id-34"]["type"], out["id-34"]["source"], out["id-34"]["target"]) == ("Serving", "id-14", "id-10")
    assert out["id-33"]["type"] == "Composition"
    assert "STR003" not in run_cli(["check", str(first)]).output
