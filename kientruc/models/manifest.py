"""The manifest, ``architecture.yaml``: what the model is and how to check it."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from .base import RELATION_TYPES, Date, Id, ModelError, Name, Source, StrictModel, Text
from .elements import KINDS, LAYERS

def _off(value: Any) -> Any:
    # YAML 1.1 reads a bare `off` as the boolean false: accept it as meant.
    return "off" if value is False else value


RuleSetting = Annotated[Literal["error", "warning", "info", "off"], BeforeValidator(_off)]


class ArchitectureInfo(StrictModel):
    """Identity of the architecture: its title, version and approving instrument."""

    name: Name = Field(description="Official title, e.g. Kiến trúc Chính quyền điện tử tỉnh Quảng Trị.")
    name_en: Text | None = None
    version: str = Field(description="Version of the architecture, e.g. 1.0.")
    approved_by: Id | None = Field(
        default=None, description="Id of the legal_document element that approved this version."
    )
    approved_on: Date | None = None


class ValidationSettings(StrictModel):
    """How strict the check is: rules switched off or given another severity, and the failing level."""

    fail_on: Literal["error", "warning", "info"] = Field(
        default="error", description="Lowest severity that makes `kientruc check` exit 1."
    )
    rules: dict[str, RuleSetting] = Field(
        default_factory=dict,
        description="Severity per rule, by code (STR006) or name (isolated-element): error | warning | info | off.",
    )
    exclude: list[str] = Field(
        default_factory=list, description="Glob patterns (relative to the model folder) of files not to load."
    )


class Waiver(StrictModel):
    """An approved, dated exception to a rule for some elements."""

    rule: str = Field(description="Rule code or name.")
    elements: list[Id] = Field(min_length=1)
    reason: Name
    approved_by: Name = Field(description="Who approved the exception, or the approving document.")
    expires: Date


RESERVED_VIEW_IDS: tuple[str, ...] = ("overview", "integration", "deployment", "roadmap")
"""Ids of the views kientruc computes itself; a declared view may not take them."""

KindName = Literal[KINDS]  # type: ignore[valid-type]
LayerName = Literal[LAYERS]  # type: ignore[valid-type]
RelationName = Literal[RELATION_TYPES]  # type: ignore[valid-type]


class ViewSelector(StrictModel):
    """Elements picked by kind, layer, tag or id: an element matches if it matches any list."""

    kinds: list[KindName] = Field(default_factory=list, description="Element kinds, e.g. application.")
    layers: list[LayerName] = Field(default_factory=list, description="Layers, e.g. integration.")
    tags: list[Text] = Field(default_factory=list, description="Tags written on the elements.")
    ids: list[Id] = Field(default_factory=list, description="Element ids.")

    def is_empty(self) -> bool:
        return not (self.kinds or self.layers or self.tags or self.ids)


class ViewDefinition(StrictModel):
    """A diagram declared in the manifest: which elements it shows, its title and its date."""

    id: Id = Field(description="Short kebab-case slug; `kientruc diagram ID` draws the view.")
    title: Name = Field(description="Title printed on the diagram (Vietnamese).")
    title_en: Text | None = None
    description: Text | None = None
    include: ViewSelector = Field(
        default_factory=ViewSelector,
        description="Elements to show (any match); empty: every element in force.",
    )
    exclude: ViewSelector = Field(
        default_factory=ViewSelector, description="Elements to leave out (any match), applied after include."
    )
    relations: list[RelationName] = Field(
        default_factory=list, description="Relation types to draw; empty: every type."
    )
    as_of: Date | None = Field(
        default=None, description="Draw the model as it stood on this day, whatever --as-of says."
    )
    layout: Literal["flow", "layers"] = Field(
        default="flow",
        description="flow: left to right along the relations; layers: one band per layer, top to bottom.",
    )


def _views_ok(views: list[ViewDefinition]) -> list[ViewDefinition]:
    seen: set[str] = set()
    for view in views:
        if view.id in RESERVED_VIEW_IDS:
            raise ModelError("view id '{id}' is taken by a built-in view ({views})", id=view.id, views=", ".join(RESERVED_VIEW_IDS))
        if view.id in seen:
            raise ModelError("two views have the id '{id}'", id=view.id)
        seen.add(view.id)
    return views


class Manifest(StrictModel):
    """``architecture.yaml``."""

    province: Name = Field(description="Province or ministry the architecture belongs to.")
    province_en: Text | None = None
    architecture: ArchitectureInfo
    profile: str = Field(description="National framework profile, e.g. vn-egov-1.0 (see `kientruc profiles`).")
    language: Literal["vi", "en"] = "vi"
    validation: ValidationSettings = Field(default_factory=ValidationSettings)
    waivers: list[Waiver] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    views: Annotated[list[ViewDefinition], AfterValidator(_views_ok)] = Field(
        default_factory=list, description="Diagrams declared for this architecture (`kientruc views` lists them)."
    )
