"""Compliance summary: how an architecture stands against its framework profile on a day.

For each component (or layer) of the profile, each required national connection, each rule
family and each rule: passed, failed, waived or not applicable, with the findings behind
the verdict, and a score. Renderers (the site, the text report) show it; they receive it as
data (:meth:`ComplianceReport.to_dict`).

Verdicts:

* a **rule** *failed* when it raised an error or a warning that no waiver covers; *waived*
  when everything it raised is covered by waivers in force; *passed* otherwise (an info
  finding is advice and does not fail a rule); *not applicable* when it did not run on the
  day (a law not yet, or no longer, in force; another profile; switched off);
* a **component** *failed* when no element of it is in the model that day, or one of its
  elements has an unwaived error or warning of a framework rule; *waived* when those
  findings are all waived; *passed* otherwise;
* a **national connection** takes the verdict of the findings its rule raised about it;
* a **score** is the share of applicable items that passed, in percent (waived items are
  not counted as passed: a waiver is an approved exception, not compliance).

The structure and waiver families speak of the model's quality, not of the framework:
they are listed, but left out of the overall score.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..findings import Finding, Severity
from ..frameworks import Profile, matches_any
from ..i18n import text, words
from .engine import CheckResult
from .registry import registry

PASSED, FAILED, WAIVED, NOT_APPLICABLE = "passed", "failed", "waived", "not_applicable"
MODEL_FAMILIES = ("structure", "waiver")

def family_titles(family: str) -> tuple[str, str]:
    """A rule family's title in Vietnamese and English (the catalogue of :mod:`kientruc.i18n`)."""
    key = f"family.{family}"
    if key not in words("vi"):
        return family, family
    return text(key, "vi"), text(key, "en")


@dataclass
class Item:
    """One line of the summary: a component, a connection, a family or a rule."""

    id: str
    title: str
    title_en: str
    status: str
    findings: list[Finding] = field(default_factory=list)
    waived: list[Finding] = field(default_factory=list)
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, lang: str = "vi") -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "title_en": self.title_en,
            "status": self.status,
            "findings": [_brief(f, lang) for f in self.findings],
            "waived": [_brief(f, lang) for f in self.waived],
            **self.detail,
        }


@dataclass
class ComplianceReport:
    province: str
    architecture: str
    profile: Profile | None
    as_of: dt.date
    components: list[Item]
    connections: list[Item]
    families: list[Item]
    rules: list[Item]

    @property
    def score(self) -> float | None:
        """Share of applicable framework rules that passed, in percent."""
        items = [r for r in self.rules if r.detail["family"] not in MODEL_FAMILIES]
        return _score(items)

    @property
    def components_score(self) -> float | None:
        return _score(self.components)

    @property
    def connections_score(self) -> float | None:
        return _score(self.connections)

    def to_dict(self, lang: str = "vi") -> dict[str, Any]:
        """The summary as data; the findings' messages written in ``lang`` (``message_id`` is the same in every language)."""
        p = self.profile
        return {
            "version": 1,
            "province": self.province,
            "architecture": self.architecture,
            "profile": None
            if p is None
            else {"id": p.id, "title": p.title, "title_en": p.title_en, "instrument": p.instrument,
                  "in_force_on_day": p.in_force(self.as_of)},
            "as_of": self.as_of.isoformat(),
            "score": self.score,
            "components_score": self.components_score,
            "connections_score": self.connections_score,
            "lang": lang,
            "components": [c.to_dict(lang) for c in self.components],
            "connections": [c.to_dict(lang) for c in self.connections],
            "families": [f.to_dict(lang) for f in self.families],
            "rules": [r.to_dict(lang) for r in self.rules],
        }


def _score(items: list[Item]) -> float | None:
    counted = [i for i in items if i.status != NOT_APPLICABLE]
    if not counted:
        return None
    return round(100.0 * sum(i.status == PASSED for i in counted) / len(counted), 1)


def _brief(f: Finding, lang: str) -> dict[str, Any]:
    loc = f.location
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.label,
        "message": f.text(lang),
        "message_id": f.message_id,
        "element": f.element,
        "file": loc.file if loc else None,
        "line": loc.line if loc else None,
    }


def _failing(f: Finding) -> bool:
    return f.severity >= Severity.WARNING


def _verdict(reported: list[Finding], waived: list[Finding]) -> str:
    if any(_failing(f) for f in reported):
        return FAILED
    if any(_failing(f) for f in waived):
        return WAIVED
    return PASSED


def compliance_of(result: CheckResult) -> ComplianceReport:
    """The compliance summary of a finished check."""
    arch = result.load.architecture
    profile = result.profile
    day = result.as_of or dt.date.today()
    reported = [f for f in result.findings + result.baselined if not f.fatal and not f.internal]
    waived = [f for f, _ in result.waived]
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    waived_by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in reported:
        by_rule[f.code].append(f)
    for f in waived:
        waived_by_rule[f.code].append(f)

    rules: list[Item] = []
    for code, r in registry().items():
        ran = code in result.rules_run
        status = _verdict(by_rule[code], waived_by_rule[code]) if ran else NOT_APPLICABLE
        rules.append(
            Item(code, r.title_vi, r.title, status, by_rule[code], waived_by_rule[code],
                 {"name": r.name, "family": r.family, "confidence": r.confidence})
        )

    families: list[Item] = []
    for fam in dict.fromkeys(r.family for r in registry().values()):
        members = [i for i in rules if i.detail["family"] == fam]
        counts = {s: sum(i.status == s for i in members) for s in (PASSED, FAILED, WAIVED, NOT_APPLICABLE)}
        applicable = [i for i in members if i.status != NOT_APPLICABLE]
        status = NOT_APPLICABLE if not applicable else (
            FAILED if counts[FAILED] else WAIVED if counts[WAIVED] else PASSED
        )
        vi, en = family_titles(fam)
        families.append(
            Item(fam, vi, en, status, [f for i in members for f in i.findings], [f for i in members for f in i.waived],
                 {"rules": counts, "score": _score(members), "counted_in_score": fam not in MODEL_FAMILIES})
        )

    components: list[Item] = []
    connections: list[Item] = []
    framework = [f for f in reported if registry().get(f.code) and registry()[f.code].family not in MODEL_FAMILIES]
    framework_waived = [f for f in waived if registry().get(f.code) and registry()[f.code].family not in MODEL_FAMILIES]
    if profile is not None and result.graph is not None and arch is not None:
        elements = list(result.graph.elements())
        for comp in profile.components:
            members = [e.id for e in elements if matches_any(comp.match, e)]
            ids = set(members)
            missing = [f for f in reported if f.code == "ARCH002" and f.key == comp.id]
            missing_w = [f for f in waived if f.code == "ARCH002" and f.key == comp.id]
            found = missing + [f for f in framework if f.element in ids]
            found_w = missing_w + [f for f in framework_waived if f.element in ids]
            if members:
                status = _verdict(found, found_w)
            else:
                status = WAIVED if missing_w and not missing else FAILED
            components.append(
                Item(comp.id, comp.title, comp.title_en, status, found, found_w,
                     {"elements": len(members), "element_ids": members[:50], "confidence": comp.confidence})
            )
        for conn in profile.national_connections:
            ran = conn.rule in result.rules_run and conn.in_force(day)
            mine = [f for f in by_rule[conn.rule] if f.key == conn.id]
            mine_w = [f for f in waived_by_rule[conn.rule] if f.key == conn.id]
            status = _verdict(mine, mine_w) if ran else NOT_APPLICABLE
            connections.append(
                Item(conn.id, conn.title, conn.title_en, status, mine, mine_w,
                     {"rule": conn.rule, "since": conn.since.isoformat() if conn.since else None,
                      "confidence": conn.confidence})
            )
    return ComplianceReport(
        province=arch.manifest.province if arch else "",
        architecture=arch.manifest.architecture.name if arch else "",
        profile=profile,
        as_of=day,
        components=components,
        connections=connections,
        families=families,
        rules=rules,
    )


__all__ = ["ComplianceReport", "Item", "compliance_of"]
