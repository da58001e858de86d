"""Helpers for the ArchiMate tests: the Open Group schemas, and exchange files read as comparable data."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import shared_file
from kientruc.interchange import archimate as am
from kientruc.interchange.archimate_import import read

REF = ("reference", "archimate")
"""Where the Open Group's schemas and the sample models lie under ../shared (see :func:`shared_file`)."""


def open_group_schema():
    """The Open Group's exchange-format schema (with diagrams) and the Dublin Core schema that model
    metadata uses, read locally (no network)."""
    etree = pytest.importorskip("lxml.etree")
    diagram_xsd = shared_file(*REF, "archimate3_Diagram.xsd")
    xml_xsd = shared_file(*REF, "xml.xsd")
    dc_xsd = shared_file(*REF, "dc.xsd")

    class Local(etree.Resolver):
        def resolve(self, url, pubid, context):
            if url.endswith("xml.xsd"):
                return self.resolve_filename(str(xml_xsd), context)
            return None

    wrapper = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:import namespace="{am.NS}" schemaLocation="{diagram_xsd.as_uri()}"/>
      <xs:import namespace="{am.DC}" schemaLocation="{dc_xsd.as_uri()}"/>
    </xs:schema>"""
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Local())
    return etree.XMLSchema(etree.fromstring(wrapper.encode("utf-8"), parser, base_url=str(diagram_xsd)))


def exchange_id(identifier: str) -> str:
    """The identifier an export gives a concept that came in with ``identifier`` (Archi's rule: ``id-``
    before one that is not an xs:ID)."""
    return identifier if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.\-]*", identifier) else "id-" + identifier


def concepts(path: Path, *, ids=lambda i: i) -> dict:
    """A model file (any format kientruc reads) as comparable data: for each element and relationship, by
    identifier, its type, ends, names and documentation by language, properties (kientruc's own left
    out), folder and ArchiMate attributes."""
    raw = read(path)

    def texts(pairs):
        return sorted(((lang or "") if raw.format != "archi" else "", t) for lang, t in pairs if t.strip())

    def props(pairs):
        return sorted((k, str(v)) for k, v in pairs if not k.startswith(am.PREFIX))

    out = {}
    for c in raw.elements:
        out[ids(c.identifier)] = {"type": c.type, "names": texts(c.names), "docs": texts(c.docs),
                                  "props": props(c.props), "folder": c.folder}
    for r in raw.relationships:
        attrs = {k: v for k, v in r.attrs.items() if k != "junction"}
        out[ids(r.identifier)] = {"type": r.type, "source": ids(r.source), "target": ids(r.target),
                                  "names": texts(r.names), "docs": texts(r.docs), "props": props(r.props),
                                  "folder": r.folder, "attrs": attrs}
    return out


def by_type(data: dict) -> Counter:
    return Counter(c["type"] for c in data.values())
