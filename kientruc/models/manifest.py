"""The manifest, ``architecture.yaml``: what the model is and how to check it."""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from .base import RELATION_TYPES, Date, Id, ModelError, Name, PropertyValue, Source, StrictModel, Text
from .elements import KINDS, LAYERS

def _off(value: Any) -> Any:
    # YAML 1.1 reads a bare `off` as the boolean false: accept it as meant.
    return "off" if value is False else value


_EPOCH = _dt.date(1, 1, 1)

RuleSetting = Annotated[Literal["error", "warning", "info", "off"], BeforeValidator(_off)]


def _empty_is_none(value: Any) -> Any:
    # A key whose entries are all commented out reads as null: it means "nothing here".
    return {} if value is None else value


def _empty_list(value: Any) -> Any:
    return [] if value is None else value


class ArchitectureInfo(StrictModel):
    """Identity of the architecture: its title and, in the one-edition form, its version and approving instrument.

    With ``editions:`` in the manifest, ``version``, ``approved_by`` and ``approved_on`` are written
    per edition instead and left out here.
    """

    name: Name = Field(description="Official title, e.g. Kiến trúc Chính quyền điện tử tỉnh Quảng Trị.")
    name_en: Text | None = None
    description: Text | None = Field(
        default=None, description="What the architecture covers (an imported ArchiMate model's documentation)."
    )
    version: str | None = Field(
        default=None,
        description="Version of the architecture, e.g. 1.0 (one-edition form; with editions: write it per edition).",
    )
    approved_by: Id | None = Field(
        default=None, description="Id of the legal_document element that approved this version."
    )
    approved_on: Date | None = None


DRAFT = "draft"
"""``approved_by: draft``: an edition not (yet) approved by any decision."""


class Edition(StrictModel):
    """One edition of the architecture: its version, its approving decision and day, its province and framework.

    The edition in force on a day is the latest approved edition dated on or before it (and not past
    its ``until``); a draft is in force only while no approved edition is (see :meth:`Manifest.edition_on`).
    """

    version: str = Field(description="Version of this edition, e.g. 2.0.")
    title: Name = Field(description="Title of this edition (Vietnamese), e.g. Kiến trúc CQĐT tỉnh Sơn La, phiên bản 2.0.")
    title_en: Text | None = None
    approved_by: Id = Field(
        description="Id of the legal_document element (in the model) that approved this edition, or `draft`."
    )
    date: Date = Field(description="Day of the approving decision (for a draft: the day of the draft).")
    until: Date | None = Field(
        default=None, description="Last day in force, if it ended other than by a later edition (optional)."
    )
    province: Name | None = Field(
        default=None, description="Province the edition belongs to (default: the manifest's province)."
    )
    province_en: Text | None = None
    profile: str = Field(description="Framework profile the edition was written against (see `kientruc profiles`).")
    note: Text | None = Field(default=None, description="A remark shown with the edition (Vietnamese).")
    note_en: Text | None = None

    @property
    def draft(self) -> bool:
        return self.approved_by == DRAFT

    def in_force(self, day: Date) -> bool:
        return not self.draft and self.date <= day and (self.until is None or day <= self.until)


class ValidationSettings(StrictModel):
    """How strict the check is: rules switched off or given another severity, and the failing level."""

    fail_on: Literal["error", "warning", "info"] = Field(
        default="error", description="Lowest severity that makes `kientruc check` exit 1."
    )
    rules: Annotated[dict[str, RuleSetting], BeforeValidator(_empty_is_none)] = Field(
        default_factory=dict,
        description="Severity per rule, by code (STR006) or name (isolated-element): error | warning | info | off.",
    )
    exclude: Annotated[list[str], BeforeValidator(_empty_list)] = Field(
        default_factory=list, description="Glob patterns (relative to the model folder) of files not to load."
    )
    baseline: str | None = Field(
        default=None,
        description="Baseline file (relative to the model folder) of known findings that `kientruc check` hides "
        "by default and counts apart; written by `kientruc check --write-baseline FILE` against one framework "
        "profile and applied only when the check is against that profile.",
    )


class Waiver(StrictModel):
    """An approved, dated exception to a rule for some elements."""

    rule: str = Field(description="Rule code or name.")
    elements: list[Id] = Field(min_length=1)
    reason: Name
    approved_by: Name | None = Field(
        default=None, description="Who approved the exception, or the approving document (or give `decision`)."
    )
    decision: Id | None = Field(
        default=None, description="Id of the legal_document element that approves the exception (quyết định phê duyệt)."
    )
    valid_from: Date | None = Field(
        default=None, description="First day the exception applies (the day it was approved); before it, it waives nothing."
    )
    expires: Date

    @model_validator(mode="after")
    def _approved(self) -> "Waiver":
        if self.approved_by is None and self.decision is None:
            raise ModelError("a waiver says who approved it: approved_by (who or which document) or decision (the id of a legal_document)")
        if self.valid_from is not None and self.valid_from > self.expires:
            raise ModelError("the waiver begins ({begins}) after it expires ({expires})", begins=self.valid_from, expires=self.expires)
        return self


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
    predecessors: list[Name] = Field(
        default_factory=list,
        description="Provinces (their names before 1/7/2025) this province was formed from under "
        "Nghị quyết 202/2025/QH15, e.g. [Bình Định, Gia Lai]; checked against kientruc's catalogue.",
    )
    architecture: ArchitectureInfo
    profile: str | None = Field(
        default=None,
        description="National framework profile, e.g. vn-egov-1.0 (see `kientruc profiles`): one-edition form; "
        "with editions: each edition names its own.",
    )
    editions: list[Edition] = Field(
        default_factory=list,
        description="The architecture's editions over time (version, decision, day, province, framework profile).",
    )
    language: Literal["vi", "en"] = "vi"
    validation: ValidationSettings = Field(default_factory=ValidationSettings)
    waivers: list[Waiver] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    properties: dict[str, PropertyValue] = Field(
        default_factory=dict,
        description="The model's own properties (an imported ArchiMate model's properties and metadata).",
    )
    views: Annotated[list[ViewDefinition], AfterValidator(_views_ok)] = Field(
        default_factory=list, description="Diagrams declared for this architecture (`kientruc views` lists them)."
    )

    # ------------------------------------------------------------------ editions

    @property
    def implicit_edition(self) -> bool:
        """True for the one-edition form (``architecture.version`` and ``profile``, no ``editions:``)."""
        return not self.editions

    def all_editions(self) -> list[Edition]:
        """Every edition, oldest first; the one-edition form gives one edition made of its fields."""
        if self.editions:
            return sorted(self.editions, key=lambda e: (e.date, e.draft))
        info = self.architecture
        return [
            Edition.model_construct(
                version=info.version or "",
                title=info.name,
                title_en=info.name_en,
                approved_by=info.approved_by or DRAFT,
                date=info.approved_on or _EPOCH,
                until=None,
                province=self.province,
                province_en=self.province_en,
                profile=self.profile or "",
                note=None,
                note_en=None,
            )
        ]

    def edition_on(self, day: Date | None) -> Edition:
        """The edition the model is read against on ``day`` (``None``, a graph of every day: today).

        The latest approved edition dated on or before ``day`` (and not past its ``until``); if none
        is, the latest draft dated on or before ``day``; if none is either (a day before every
        edition), the first edition — the one the model was being written for. The one-edition
        form always gives its one edition.
        """
        if day is None:
            day = _dt.date.today()
        editions = self.all_editions()
        approved = [e for e in editions if e.in_force(day)]
        if approved:
            return approved[-1]
        drafts = [e for e in editions if e.draft and e.date <= day]
        return drafts[-1] if drafts else editions[0]

    def info_on(self, day: Date) -> ArchitectureInfo:
        """The architecture's identity as it stood on ``day``: its name, and the version and approval of
        the edition in force (the one-edition form: ``architecture`` as written)."""
        if not self.editions:
            return self.architecture
        edition = self.edition_on(day)
        return ArchitectureInfo.model_construct(
            name=self.architecture.name,
            name_en=self.architecture.name_en,
            description=self.architecture.description,
            version=edition.version,
            approved_by=None if edition.draft else edition.approved_by,
            approved_on=None if edition.draft else edition.date,
        )

    def profile_on(self, day: Date) -> str:
        """The framework profile of the edition in force on ``day``."""
        return self.edition_on(day).profile

    def approved_by_ids(self) -> list[str]:
        """The ids of the decisions that approved an edition (the one-edition form's ``approved_by``)."""
        ids = [e.approved_by for e in self.editions if not e.draft]
        if self.architecture.approved_by:
            ids.append(self.architecture.approved_by)
        return ids
