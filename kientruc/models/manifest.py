"""The manifest, ``architecture.yaml``: what the model is and how to check it."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from .base import Date, Id, Name, Source, StrictModel, Text

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
