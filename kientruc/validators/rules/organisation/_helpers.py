"""What several organisation rules share: the day the two-level local government began, and which
province of the national catalogue (:mod:`kientruc.frameworks.provinces`) an organisation or the
manifest stands for."""

from __future__ import annotations

import datetime as dt

from ....frameworks.provinces import Catalogue, Province, catalogue
from ....models import Element
from ...registry import RuleContext
from ....i18n import Named
from .._common import date_vi, provincial, reorganisation, value  # noqa: F401 (date_vi: for the rules of the family)


TWO_LEVEL = reorganisation("two_level_government")


def province_orgs(ctx: RuleContext) -> list[Element]:
    """The provincial organisations in force with ``admin_level: tinh``, the people's committee first."""
    orgs = [o for o in ctx.graph.of_kind("organization") if provincial(o) and value(o, "admin_level") == "tinh"]
    return sorted(orgs, key=lambda o: value(o, "org_type") != "government")


def named_province(text: str | None, manifest_province: str | None = None) -> str | None:
    """The province a name speaks of (``Ủy ban nhân dân tỉnh Lạng Sơn`` → ``Lạng Sơn``), else the manifest's."""
    cat = catalogue()
    found = cat.mentioned_in(text)
    if found is None and manifest_province and cat.named(manifest_province):
        return manifest_province
    return found


def province_on(name: str | None, day: dt.date) -> Province | None:
    """The unit of the catalogue called ``name`` in force on ``day``."""
    return catalogue().find(name, day) if name else None


def the_catalogue() -> Catalogue:
    return catalogue()


def province_title(p: Province) -> Named:
    """A province as a message shows it: "Tỉnh Lạng Sơn" in Vietnamese, "'Lạng Sơn' province" in English (its
    name quoted: a proper name, the same in every language); the canonical form is the full Vietnamese name."""
    return Named.of(p.full_name, vi=p.full_name, en=f"'{p.name}' {'city' if p.type == 'thanh_pho' else 'province'}")


def province_names(provinces) -> str:
    """Provinces' names, quoted, as a list: "'Quảng Ngãi', 'Kon Tum'"."""
    return ", ".join(f"'{p.name}'" for p in provinces)
