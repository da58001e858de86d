"""Reports for CI systems: SARIF 2.1.0, JUnit XML and GitHub workflow annotations.

Like the other reporters, these receive findings (and the metadata of the rules that
fired, as :class:`kientruc.validators.registry.RuleInfo` records) as data and run nothing;
:func:`ci_report` lays a whole check out in one of the three formats.

* **SARIF 2.1.0** (OASIS) for code-scanning services (GitHub code scanning and
  other SARIF readers): one run, rule metadata for every rule that fired, results with
  ``file:line:column`` regions relative to ``%SRCROOT%`` (the repository root), related
  locations, a partial fingerprint that survives line moves, and waived findings as
  suppressed results.
* **JUnit XML** for CI test dashboards: one test case per rule, so that the number of
  tests stays stable from commit to commit and a rule's history reads like a test's;
  a rule fails when it has findings at or above the failing severity, and the failure
  carries them, one per line; findings below it and waived ones go to ``system-out``.
  Problems that stopped the model from being read are ``<error>``\\ s.
* **GitHub annotations**: one ``::error``/``::warning``/``::notice`` workflow command per
  finding, escaped as GitHub's toolkit escapes them.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping
from urllib.parse import quote

from .._version import __version__
from ..findings import Finding, Severity
from ..fingerprint import FINGERPRINT_VERSION, fingerprint
from ..i18n import basis_title, msg, render
from .reports import count, severity_word, subject, summary_line

if TYPE_CHECKING:
    from ..validators.registry import RuleInfo
    from ..models import Waiver

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
INFORMATION_URI = "https://pypi.org/project/kientruc/"

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def relative_path(file: str, srcroot: str | os.PathLike[str] | None) -> str | None:
    """``file`` (as findings name it: relative to the working folder) relative to ``srcroot``, or None if outside."""
    if srcroot is None:
        return None
    full = os.path.realpath(os.path.abspath(file))
    rel = os.path.relpath(full, os.path.realpath(srcroot))
    if rel == os.curdir or rel.startswith(os.pardir + os.sep) or rel == os.pardir or os.path.isabs(rel):
        return None
    return Path(rel).as_posix()


# --------------------------------------------------------------------------- SARIF


def _artifact(file: str, srcroot: str | os.PathLike[str] | None) -> dict[str, Any]:
    rel = relative_path(file, srcroot)
    if rel is not None:
        return {"uri": quote(rel), "uriBaseId": SRCROOT}
    return {"uri": Path(os.path.abspath(file)).as_uri()}


def _physical(loc: Any, srcroot: str | os.PathLike[str] | None) -> dict[str, Any]:
    phys: dict[str, Any] = {"artifactLocation": _artifact(loc.file, srcroot)}
    if loc.line:
        region: dict[str, Any] = {"startLine": loc.line}
        if loc.column:
            region["startColumn"] = loc.column
        phys["region"] = region
    return phys


def _rule_descriptor(info: "RuleInfo") -> dict[str, Any]:
    props: dict[str, Any] = {"tags": ["architecture", info.family], "family": info.family}
    if info.legal_basis:
        props["legal_basis"] = list(info.legal_basis)
    if info.title_vi:
        props["title_vi"] = info.title_vi
    d: dict[str, Any] = {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.title},
        "fullDescription": {"text": info.description},
        "help": {"text": info.help_text, "markdown": info.help_markdown},
    }
    if info.default_severity is not None:
        d["defaultConfiguration"] = {"level": _SARIF_LEVEL[info.default_severity]}
    d["properties"] = props
    return d


def _subject(f: Finding, lang: str) -> str:
    """The message in ``lang``, led by the element id unless it names it already."""
    return subject(f, lang)


def _message(f: Finding, lang: str) -> str:
    text = _subject(f, lang)
    if f.hint:
        text += "\n" + render(msg("Hint: {hint}", hint=f.hint_text(lang)), lang)
    return text


def sarif_report(
    findings: Iterable[Finding],
    *,
    rules: Mapping[str, "RuleInfo"],
    waived: Iterable[tuple[Finding, "Waiver"]] = (),
    srcroot: str | os.PathLike[str] | None = None,
    tool_version: str = "",
    exit_code: int | None = None,
    properties: Mapping[str, Any] | None = None,
    lang: str = "vi",
) -> str:
    """A SARIF 2.1.0 log with one run, its messages in ``lang``. ``rules`` must hold a record for every code used."""
    findings = list(findings)
    waived = list(waived)
    codes = sorted({f.code for f in findings} | {f.code for f, _ in waived})
    index = {code: i for i, code in enumerate(codes)}
    results = [_result(f, index, srcroot, lang) for f in findings]
    for f, w in waived:
        result = _result(f, index, srcroot, lang)
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": render(msg("{reason} (approved by {by}; waiver expires {day})", reason=w.reason, by=w.approved_by, day=w.expires), lang),
            }
        ]
        results.append(result)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "kientruc",
                "version": tool_version,
                "semanticVersion": tool_version,
                "informationUri": INFORMATION_URI,
                "rules": [_rule_descriptor(rules[c]) for c in codes],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if srcroot is not None:
        root_uri = Path(os.path.realpath(srcroot)).as_uri().rstrip("/") + "/"
        run["originalUriBaseIds"] = {SRCROOT: {"uri": root_uri}}
    if exit_code is not None:
        invocation: dict[str, Any] = {
            "executionSuccessful": not any(f.fatal or f.internal for f in findings),
            "exitCode": exit_code,
        }
        notes = [f for f in findings if f.internal]
        if notes:
            invocation["toolExecutionNotifications"] = [
                {"level": "error", "message": {"text": f.text(lang)}, "descriptor": {"id": f.code}} for f in notes
            ]
        run["invocations"] = [invocation]
    if properties:
        run["properties"] = dict(properties)
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2, default=str) + "\n"


def _result(f: Finding, index: Mapping[str, int], srcroot: str | os.PathLike[str] | None, lang: str) -> dict[str, Any]:
    r: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": _SARIF_LEVEL[f.severity],
        "message": {"text": _message(f, lang)},
    }
    if f.location is not None:
        loc: dict[str, Any] = {"physicalLocation": _physical(f.location, srcroot)}
        if f.element:
            loc["logicalLocations"] = [{"name": f.element, "kind": "element"}]
        r["locations"] = [loc]
    if f.related:
        r["relatedLocations"] = [
            {"id": i, "physicalLocation": _physical(rel, srcroot), **({"message": {"text": render(rel.note, lang)}} if rel.note else {})}
            for i, rel in enumerate(f.related, start=1)
        ]
    r["partialFingerprints"] = {FINGERPRINT_VERSION: fingerprint(f)}
    props: dict[str, Any] = {}
    if f.element:
        props["element"] = f.element
    if f.legal_basis:
        props["legal_basis"] = list(f.legal_basis)
    if f.hint:
        props["hint"] = f.hint_text(lang)
    if f.fatal:
        props["fatal"] = True
    if props:
        r["properties"] = props
    return r


# --------------------------------------------------------------------------- JUnit

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: str) -> str:
    return _XML_ILLEGAL.sub("\ufffd", text)


def _junit_line(f: Finding, lang: str) -> str:
    where = str(f.location) if f.location else "-"
    lines = [f"{where}: {severity_word(f.severity, lang)} {f.code} [{f.name}] {_subject(f, lang)}"]
    for r in f.related:
        lines.append("    " + render(msg("see {place}", place=str(r)), lang) + (f" ({render(r.note, lang)})" if r.note else ""))
    if f.hint:
        lines.append("    " + render(msg("hint: {hint}", hint=f.hint_text(lang)), lang))
    for basis in f.legal_basis:
        lines.append("    " + render(msg("basis: {basis}", basis=basis_title(basis, lang)), lang))
    return "\n".join(lines)


def _count(findings: list[Finding], lang: str) -> str:
    by = defaultdict(int)
    for f in findings:
        by[f.severity] += 1
    return ", ".join(count(n, s.label, lang) for s, n in sorted(by.items(), reverse=True))


def junit_report(
    findings: Iterable[Finding],
    *,
    rules: Mapping[str, "RuleInfo"],
    rules_run: Iterable[str],
    fail_on: Severity = Severity.ERROR,
    waived: Iterable[tuple[Finding, "Waiver"]] = (),
    name: str = "kientruc check",
    properties: Mapping[str, Any] | None = None,
    lang: str = "vi",
) -> str:
    """JUnit XML: a test suite per rule family, a test case per rule (see the module's docstring)."""
    findings = list(findings)
    by_code: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_code[f.code].append(f)
    waived_by_code: dict[str, list[tuple[Finding, Waiver]]] = defaultdict(list)
    for f, w in waived:
        waived_by_code[f.code].append((f, w))
    codes = list(dict.fromkeys([*rules_run, *sorted(by_code), *sorted(waived_by_code)]))
    families: dict[str, list[str]] = defaultdict(list)
    for code in codes:
        families[rules[code].family].append(code)

    root = ET.Element("testsuites", name=name)
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for family in sorted(families, key=lambda fam: (fam != "load", fam)):
        suite = ET.SubElement(root, "testsuite", name=f"kientruc.{family}")
        if properties:
            props = ET.SubElement(suite, "properties")
            for key, value in properties.items():
                ET.SubElement(props, "property", name=str(key), value=_x("" if value is None else str(value)))
        counts = {"tests": 0, "failures": 0, "errors": 0}
        for code in sorted(families[family]):
            info = rules[code]
            case = ET.SubElement(suite, "testcase", classname=f"kientruc.{family}", name=f"{code} {info.name}", time="0")
            counts["tests"] += 1
            found = by_code.get(code, [])
            broken = [f for f in found if f.fatal or f.internal]
            failing = [f for f in found if not (f.fatal or f.internal) and f.severity >= fail_on]
            below = [f for f in found if not (f.fatal or f.internal) and f.severity < fail_on]
            if broken:
                first = broken[0]
                el = ET.SubElement(case, "error", type=code, message=_x(f"{_count(broken, lang)}: {_subject(first, lang)}"))
                el.text = _x("\n".join(_junit_line(f, lang) for f in broken) + "\n")
                counts["errors"] += 1
            elif failing:
                first = failing[0]
                more = " " + render(msg("(and {n} more)", n=len(failing) - 1), lang) if len(failing) > 1 else ""
                el = ET.SubElement(case, "failure", type=failing[0].severity.label,
                                   message=_x(f"{_count(failing, lang)}: {_subject(first, lang)}{more}"))
                el.text = _x("\n".join(_junit_line(f, lang) for f in failing) + "\n")
                counts["failures"] += 1
            out_lines: list[str] = []
            if below:
                out_lines.append(render(msg("Below the failing severity ({severity}):", severity=severity_word(fail_on, lang)), lang))
                out_lines += [_junit_line(f, lang) for f in below]
            if waived_by_code.get(code):
                out_lines.append(render(msg("Waived:"), lang))
                for f, w in waived_by_code[code]:
                    out_lines.append(_junit_line(f, lang))
                    out_lines.append("    " + render(msg("waived until {day}, approved by {by}: {reason}", day=w.expires, by=w.approved_by, reason=w.reason), lang))
            if out_lines:
                ET.SubElement(case, "system-out").text = _x("\n".join(out_lines) + "\n")
        for key in ("tests", "failures", "errors"):
            suite.set(key, str(counts[key]))
            totals[key] += counts[key]
        suite.set("skipped", "0")
        suite.set("time", "0")
    for key in ("tests", "failures", "errors"):
        root.set(key, str(totals[key]))
    root.set("time", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# --------------------------------------------------------------------------- GitHub annotations


def escape_data(text: str) -> str:
    """Escape the message of a workflow command (``%``, CR and LF), as GitHub's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value of a workflow command: as data, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(
    findings: Iterable[Finding], *, srcroot: str | os.PathLike[str] | None = None, summary: str | None = None,
    lang: str = "vi",
) -> str:
    """One workflow command per finding (``::error file=…,line=…,col=…,title=…::message``), then ``summary``."""
    lines: list[str] = []
    for f in findings:
        props: list[tuple[str, str]] = []
        if f.location is not None:
            rel = relative_path(f.location.file, srcroot)
            props.append(("file", rel if rel is not None else f.location.file))
            if f.location.line:
                props.append(("line", str(f.location.line)))
                if f.location.column:
                    props.append(("col", str(f.location.column)))
        props.append(("title", f"{f.code} {f.name}"))
        message = _message(f, lang)
        for basis in f.legal_basis:
            message += "\n" + render(msg("Basis: {basis}", basis=basis_title(basis, lang)), lang)
        head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
        lines.append(f"::{_GITHUB_COMMAND[f.severity]} {head}::{escape_data(message)}")
    if summary:
        lines.append(summary)
    return "\n".join(lines) + "\n" if lines else ""


# --------------------------------------------------------------------------- a check, in a CI format

CI_FORMATS = ("sarif", "junit", "github")


def _shown(path: str | os.PathLike[str] | None) -> str | None:
    if path is None:
        return None
    rel = os.path.relpath(os.path.abspath(path))
    return Path(path if rel.startswith("..") else rel).as_posix()


def _context(
    result: Any, model_dir: str | os.PathLike[str] | None, verdict: Mapping[str, Any] | None = None, *, flat: bool
) -> dict[str, Any]:
    """What was checked: the model, the deciding profile, the day, the threshold; with a verdict, the
    profiles judged against and the edition in force (nested for SARIF, flat ``key=value`` for JUnit)."""
    context: dict[str, Any] = {
        "model": _shown(model_dir),
        "profile": result.profile.id if result.profile else None,
        "as_of": result.as_of.isoformat() if result.as_of else None,
        "fail_on": result.fail_on.label,
    }
    if verdict is not None:
        edition = verdict.get("edition") or {}
        if flat:
            context["profiles"] = ",".join(f"{j['role']}:{j['profile']}:{j['exit_code']}" for j in verdict["profiles"])
            context["framework_in_force"] = verdict.get("framework_in_force")
            context["edition"] = edition.get("version")
            context["edition_profile"] = edition.get("profile")
            context["edition_approved_by"] = edition.get("approved_by")
        else:
            context["verdict"] = dict(verdict)
    return {k: v for k, v in context.items() if v is not None}


def ci_report(
    result: Any,
    fmt: str,
    *,
    rules: dict[str, Any],
    srcroot: str | os.PathLike[str],
    model_dir: str | os.PathLike[str] | None = None,
    lang: str = "vi",
    verdict: Mapping[str, Any] | None = None,
) -> str:
    """A check result (:class:`~kientruc.validators.CheckResult`) as ``sarif``, ``junit`` or ``github``
    (annotation lines). ``rules``: what the report says of each code (``kientruc.pipeline.rule_infos``);
    ``srcroot``: where file names start (``kientruc.pipeline.source_root``)."""
    if fmt not in CI_FORMATS:
        raise ValueError(f"unknown CI format {fmt!r}; expected one of {', '.join(CI_FORMATS)}")
    model_dir = model_dir if model_dir is not None else result.load.sources.root
    root, infos = srcroot, rules
    waived = list(result.waived)
    arch = result.load.architecture
    if fmt == "sarif":
        return sarif_report(
            result.findings,
            rules=infos,
            waived=waived,
            srcroot=root,
            tool_version=__version__,
            exit_code=result.exit_code,
            properties=_context(result, model_dir, verdict, flat=False),
            lang=lang,
        )
    if fmt == "junit":
        return junit_report(
            result.findings,
            rules=infos,
            rules_run=result.rules_run,
            fail_on=result.fail_on,
            waived=waived,
            properties=_context(result, model_dir, verdict, flat=True),
            lang=lang,
        )
    summary = summary_line(
        result.findings,
        files=len(result.load.files),
        elements=len(arch.elements) if arch else None,
        waived=len(waived),
        lang=lang,
    )
    return github_annotations(result.findings, srcroot=root, summary=summary, lang=lang)
