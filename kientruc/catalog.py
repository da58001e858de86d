"""Every code kientruc can report, with what a report needs to explain it.

Three kinds of codes reach a report: the rules of the registry (``STR001``…), the
loader's problems (``LOAD001``…) and the engine's own checks (``CFG001``, ``WVR002``,
``KT0001``). :func:`catalog` gathers them as :class:`RuleInfo` records, which the CI
reporters (SARIF rule metadata, JUnit test cases) receive as data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .findings import Finding, Severity
from .loader import LOAD_RULES
from .validators import ENGINE_RULES, registry
from .validators.registry import DOC_SECTIONS, Rule, default_severities


@dataclass(frozen=True)
class RuleInfo:
    """What reports say about one code: names, titles, documentation, legal basis."""

    code: str
    name: str
    title: str
    family: str
    description: str  # what it checks, one paragraph of plain text
    help_text: str  # the full documentation, plain text
    help_markdown: str  # the same as Markdown
    legal_basis: tuple[str, ...] = ()
    default_severity: Severity | None = None
    title_vi: str | None = None
    origin: str = "rule"  # rule | load | engine

    @classmethod
    def unknown(cls, f: Finding) -> "RuleInfo":
        """A record for a code no table knows (a rule added at run time, for example)."""
        return cls(f.code, f.name, f.name, "other", f.name, f.name, f.name, f.legal_basis)


def _from_rule(r: Rule, severity: Severity | None) -> RuleInfo:
    parts_md: list[str] = [f"**{r.code} {r.name}**: {r.title}" + (f" ({r.title_vi})" if r.title_vi else "")]
    for heading in DOC_SECTIONS:
        text = r.doc_section(heading)
        if text:
            parts_md.append(f"**{heading.rstrip(':')}**\n\n{text}")
    if r.legal_basis:
        parts_md.append("**Legal basis**\n\n" + "\n".join(f"- {b}" for b in r.legal_basis))
    help_text = r.doc
    if r.legal_basis:
        help_text += "\n\nLegal basis:\n" + "\n".join(f"- {b}" for b in r.legal_basis)
    return RuleInfo(
        code=r.code,
        name=r.name,
        title=r.title,
        family=r.family,
        description=" ".join(r.doc_section("Checks:").split()) or r.title,
        help_text=help_text,
        help_markdown="\n\n".join(parts_md),
        legal_basis=r.legal_basis,
        default_severity=severity,
        title_vi=r.title_vi,
    )


def _catalog() -> dict[str, RuleInfo]:
    out: dict[str, RuleInfo] = {}
    for code, lr in LOAD_RULES.items():
        out[code] = RuleInfo(code, lr.name, lr.title, "load", lr.title, lr.title, lr.title,
                             default_severity=Severity.ERROR, origin="load")
    for code, er in ENGINE_RULES.items():
        out[code] = RuleInfo(code, er.name, er.title, "engine", er.title, er.title, er.title,
                             default_severity=er.severity, origin="engine")
    defaults = default_severities()
    for code, r in registry().items():
        out[code] = _from_rule(r, defaults.get(code))
    return out


def catalog() -> dict[str, RuleInfo]:
    """Every code kientruc knows, by code."""
    return dict(_catalog())


def rule_infos(findings: Iterable[Finding], extra_codes: Iterable[str] = ()) -> dict[str, RuleInfo]:
    """The records of the codes that ``findings`` use (and of ``extra_codes``), unknown codes included."""
    known = _catalog()
    out: dict[str, RuleInfo] = {}
    for code in extra_codes:
        if code in known:
            out[code] = known[code]
    for f in findings:
        if f.code not in out:
            out[f.code] = known.get(f.code) or RuleInfo.unknown(f)
    return out
