"""The metamodel: pydantic v2 models of the manifest and of every element kind, and its data:
the relation table (``relations.yaml``) (the labels are in the message catalogue, kientruc.i18n).

This package imports nothing else from kientruc.
"""

from .base import (
    RELATION_TYPES,
    Confidence,
    Element,
    Relation,
    RelationSpec,
    SourceRef,
    Status,
    nfc,
)
from .elements import (
    ELEMENT_CLASSES,
    ELEMENT_LIST,
    KIND_CLASSES,
    KINDS,
    LAYER_OF,
    LAYERS,
    AnyElement,
)
from .manifest import DRAFT, ArchitectureInfo, Edition, Manifest, ValidationSettings, Waiver
from .model import Architecture
from .relations import RelationType, relation_table

__all__ = [
    "RELATION_TYPES",
    "Architecture",
    "ArchitectureInfo",
    "AnyElement",
    "Confidence",
    "ELEMENT_CLASSES",
    "DRAFT",
    "ELEMENT_LIST",
    "Edition",
    "Element",
    "KINDS",
    "KIND_CLASSES",
    "LAYERS",
    "LAYER_OF",
    "Manifest",
    "Relation",
    "RelationSpec",
    "RelationType",
    "SourceRef",
    "Status",
    "ValidationSettings",
    "Waiver",
    "nfc",
    "relation_table",
]
