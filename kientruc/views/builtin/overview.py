"""The overall diagram ("Sơ đồ tổng thể", view ``overview``) as the national framework draws it:
users, channels, portals and public services, applications and databases, integration (the
LGSP) with the national systems beside it, technical infrastructure; the governance and
security side bands."""

from __future__ import annotations

from ...graph import ArchGraph
from ...i18n import text
from ...models import Element
from ..model import ViewGroup
from ..spec import Spec

_RELATIONS = (
    "serves",
    "uses",
    "realizes",
    "accesses",
    "hosted_on",
    "connects_to",
    "integrates_via",
    "flows_to",
)
_BAND_LEVEL = {"users": 0, "channels": 1, "portal": 2, "apps": 3, "integration": 4, "national": 4, "infrastructure": 5}
_PORTAL_TYPES = {"portal", "website"}
_NATIONAL_KINDS = {
    "channel",
    "application",
    "application_service",
    "interface",
    "integration_platform",
    "shared_service",
    "database",
    "node",
    "network",
    "public_service",
}


def _band(el: Element, approved_by: str | None) -> str | None:
    """The band an element is drawn in (None: not on the overall diagram)."""
    kind = el.kind
    if el.external and kind in _NATIONAL_KINDS:
        return "national"
    if kind == "actor":
        return "users"
    if kind == "channel":
        return "portal" if getattr(el, "channel_type", None) in _PORTAL_TYPES else "channels"
    if kind == "public_service":
        return "portal"
    if kind in ("application", "database"):
        return "apps"
    if kind in ("integration_platform", "shared_service"):
        return "integration"
    if kind in ("node", "network"):
        return "infrastructure"
    if kind in ("security_service", "security_control"):
        return "security"
    if kind == "organization" and not el.external and getattr(el, "org_type", None) in (
        "government",
        "steering_committee",
    ):
        return "governance"
    if el.id == approved_by:
        return "governance"
    return None


def build(graph: ArchGraph, lang: str) -> Spec:
    """The overall diagram of ``graph``: each element in its band, the relations between neighbouring bands."""
    def band(key: str, layer: str | None, role: str = "band", **kw) -> ViewGroup:
        return ViewGroup(key, text(f"view.band.{key}", lang), layer, role, **kw)

    spec = Spec(
        id="overview",
        title=text("view.title.overview", lang),
        description=text("view.description.overview", lang),
        layout="bands",
        direction="TB",
        groups=[
            band("governance", "motivation", "left", columns=1),
            band("users", "business", columns=6),
            band("channels", "channel", columns=6),
            band("portal", "business", columns=6),
            band("apps", "application", columns=6),
            band("integration", "integration", columns=4),
            band("national", None, "beside", beside="integration", columns=3),
            band("infrastructure", "technology", columns=6),
            band("security", "security", "right", columns=1),
        ],
        edge_labels=False,
    )
    approved_by = graph.architecture.manifest.info_on(graph.as_of).approved_by
    # model order, not sorted: each element has one band, and finish() sorts the nodes
    # (sorting 100,000 elements by natural name here cost ~1.7 s)
    for el in graph.elements():
        b = _band(el, approved_by)
        if b:
            spec.place(el.id, b)
    # Only relations between neighbouring bands: the stacking says the rest, and the
    # layer, integration and deployment views draw every relation.
    spec.relations_among(graph, lang, _RELATIONS)
    spec.adjacent_only(_BAND_LEVEL)
    return spec
