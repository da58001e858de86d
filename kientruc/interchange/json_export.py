"""``kientruc export json``: the whole model as one stable JSON document.

The shape is documented in ``docs/export-json.md`` and as a JSON Schema
(:func:`export_schema`). Everything is sorted (elements by id, relations by
source, type, target, then position), keys are sorted, and the document does
not depend on the day: dates are kept so a reader can compute any day itself.
"""

from __future__ import annotations

import json
from typing import Any

from .._version import __version__
from ..models import LAYER_OF, RELATION_TYPES, Architecture
from ..query import relation_data

FORMAT = "kientruc-model"
FORMAT_VERSION = 1


def export_data(arch: Architecture) -> dict[str, Any]:
    """The export document as Python data."""
    elements = []
    for el in sorted(arch.index.values(), key=lambda e: e.id):
        data = el.model_dump(mode="json", exclude=set(RELATION_TYPES))
        data["layer"] = LAYER_OF[el.kind]
        elements.append(data)
    relations = []
    for rel in arch.relations:
        d = relation_data(rel)
        d["index"] = rel.path[1] if len(rel.path) > 1 else 0
        relations.append(d)
    relations.sort(key=lambda r: (r["source"], r["type"], r["target"], r["index"]))
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": f"kientruc {__version__}",
        "manifest": arch.manifest.model_dump(mode="json"),
        "elements": elements,
        "relations": relations,
    }


def export_json(arch: Architecture) -> str:
    """The export document as JSON text (UTF-8, sorted keys, two-space indent, final newline)."""
    return json.dumps(export_data(arch), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the export document; elements follow ``kientruc schema``."""
    rel_props = {
        "source": {"type": "string"},
        "type": {"enum": list(RELATION_TYPES)},
        "target": {"type": "string"},
        "index": {"type": "integer", "minimum": 0, "description": "Position in the source's relation list."},
        "implied_by": {"enum": ["owner", "keep", "migrate", "retire", "decided_by"],
                       "description": "Present when the relation comes from a field of its source (`owner`; a "
                                      "consolidation's `keep`, `migrate`, `retire`, `decided_by`), not a relation list."},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "kientruc model export",
        "type": "object",
        "required": ["format", "format_version", "generator", "manifest", "elements", "relations"],
        "properties": {
            "format": {"const": FORMAT},
            "format_version": {"const": FORMAT_VERSION},
            "generator": {"type": "string"},
            "manifest": {"type": "object", "description": "architecture.yaml, every field with its default."},
            "elements": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "kind", "layer", "name"],
                    "properties": {
                        "id": {"type": "string"},
                        "kind": {"enum": sorted(LAYER_OF)},
                        "layer": {"enum": sorted(set(LAYER_OF.values()))},
                        "name": {"type": "string"},
                        "name_en": {"type": ["string", "null"]},
                    },
                },
            },
            "relations": {
                "type": "array",
                "items": {"type": "object", "required": ["source", "type", "target", "index"], "properties": rel_props},
            },
        },
    }
