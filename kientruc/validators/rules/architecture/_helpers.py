"""What ARCH001 and ARCH006 share: the contents the framework's outline asks for, and how the model shows each."""

from __future__ import annotations

from typing import Callable, Iterator

from ....models import Element
from ...registry import RuleContext, Violation
from .._common import LINK_TYPES, about_province, neighbours_by, provincial
from ....i18n import Named, msg


def all_elements(ctx: RuleContext) -> list[Element]:
    return ctx.architecture.elements


def has_legal_basis(ctx: RuleContext) -> bool:
    return bool(ctx.architecture.manifest.approved_by_ids()) or any(
        e.kind == "legal_document" for e in all_elements(ctx)
    )


def has_target(ctx: RuleContext) -> bool:
    approved = ctx.architecture.manifest.info_on(ctx.day).approved_on
    for e in all_elements(ctx):
        if e.kind == "plateau" or (provincial(e) and str(e.status) == "planned"):
            return True
        if approved is not None and provincial(e) and e.valid_from is not None and e.valid_from > approved:
            if e.layer not in ("motivation", "roadmap"):
                return True
    return False


def has_connection_model(ctx: RuleContext) -> bool:
    graph = ctx.graph
    for e in graph.elements():
        if e.external and e.kind in ("application", "integration_platform", "database", "shared_service"):
            if any(provincial(graph.element(o)) for o, _ in neighbours_by(graph, e.id, LINK_TYPES)):
                return True
    return False


def has_implementation(ctx: RuleContext) -> bool:
    items = [e for e in all_elements(ctx) if e.kind in ("project", "work_package")]
    ids = {e.id for e in items}
    if any(e.owner for e in items):
        return True
    return any(
        r.type in ("assigned_to", "owns", "governs") and r.target in ids for r in ctx.architecture.relations
    )


SECTION_TESTS: dict[str, Callable[[RuleContext], bool]] = {
    "can-cu": has_legal_basis,
    "tam-nhin": lambda ctx: any(e.kind in ("goal", "driver") for e in all_elements(ctx)),
    "nguyen-tac": lambda ctx: any(e.kind == "principle" for e in all_elements(ctx)),
    "hien-trang": lambda ctx: any(
        provincial(e) and str(e.status) != "planned" and e.layer not in ("motivation", "roadmap") for e in all_elements(ctx)
    ),
    "kien-truc-muc-tieu": has_target,
    "mo-hinh-ket-noi": has_connection_model,
    "lo-trinh": lambda ctx: any(e.kind in ("project", "work_package", "plateau") for e in all_elements(ctx)),
    "to-chuc-trien-khai": has_implementation,
}

SECTION_HINTS = {
    "can-cu": msg("name the approving decision (architecture.approved_by) and the legal documents it rests on"),
    "tam-nhin": msg("add the vision and objectives as goal elements"),
    "nguyen-tac": msg("add the architecture principles as principle elements"),
    "hien-trang": msg("describe the systems in service (status: current)"),
    "kien-truc-muc-tieu": msg("add the target architecture: planned elements (status: planned) or plateaus"),
    "mo-hinh-ket-noi": msg("add the national platforms (external: true) and relate the provincial systems to them"),
    "lo-trinh": msg("add the roadmap: projects or work packages with start and end, or plateaus"),
    "to-chuc-trien-khai": msg("give each project an owner, or assign agencies to it (assigned_to)"),
}


def missing_sections(ctx: RuleContext, essential: bool) -> Iterator[Violation]:
    if ctx.profile is None:
        return
    for section in ctx.profile.document_sections:
        if section.essential != essential:
            continue
        test = SECTION_TESTS.get(section.id)
        if test is None or test(ctx):
            continue
        yield about_province(
            ctx,
            msg("the architecture has no '{section}', a content the framework {profile} asks of a provincial architecture",
                section=Named.of(section.id, vi=section.title, en=section.title_en), profile=Named.of(ctx.profile.id, vi=ctx.profile.title, en=ctx.profile.title_en)),
            key=section.id,
            hint=SECTION_HINTS.get(section.id),
        )
