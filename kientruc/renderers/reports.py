"""Reports of findings: plain text for people, JSON for machines.

Reporters receive findings as data; they never run rules. Output is
deterministic: findings come sorted by file, line, column and code.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from ..findings import Finding, Severity, Summary
from ..i18n import Msg, basis_title, msg, render

REPORT_VERSION = 1


def count(n: int, what: str, lang: str) -> str:
    """``n`` things in ``lang``: "1 error", "3 errors", "3 lỗi"."""
    forms = {
        "error": (msg("{n} error", n=n), msg("{n} errors", n=n)),
        "warning": (msg("{n} warning", n=n), msg("{n} warnings", n=n)),
        "info": (msg("{n} info", n=n), msg("{n} info", n=n)),
        "element": (msg("{n} element", n=n), msg("{n} elements", n=n)),
        "file": (msg("{n} file", n=n), msg("{n} files", n=n)),
        "problem": (msg("{n} problem", n=n), msg("{n} problems", n=n)),
        "finding": (msg("{n} finding", n=n), msg("{n} findings", n=n)),
        "new_finding": (msg("{n} new finding", n=n), msg("{n} new findings", n=n)),
    }[what]
    return render(forms[0] if n == 1 else forms[1], lang)


def severity_word(severity: Severity, lang: str) -> str:
    """A severity as a report line says it: error / lỗi."""
    return render({Severity.ERROR: msg("error"), Severity.WARNING: msg("warning"), Severity.INFO: msg("info")}[severity], lang)


def subject(f: Finding, lang: str) -> str:
    """The message in ``lang``, led by the element id unless it names it already."""
    text = f.text(lang)
    return f"{f.element}: {text}" if f.element and f.element not in text else text


_CONTROL = {c: f"\\x{c:02x}" for c in range(32) if c not in (9,)} | {127: "\\x7f"}


def _safe(text: object) -> str:
    """Text with control characters shown as escapes: model text cannot forge report lines."""
    return str(text).translate(_CONTROL)


def text_report(
    findings: list[Finding],
    *,
    color: bool = False,
    show_hints: bool = True,
    files: int | None = None,
    elements: int | None = None,
    waived: int = 0,
    lang: str = "vi",
) -> str:
    """One line per finding (``file:line:col: severity CODE [name] message``), hints and a summary, in ``lang``."""
    styles = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m", Severity.INFO: "\x1b[1;36m"}
    dim, reset = ("\x1b[2m", "\x1b[0m") if color else ("", "")
    lines: list[str] = []
    shown = findings if len(findings) <= GROUP_FROM else findings[:SCREENFUL]
    for f in shown:
        where = _safe(f.location) if f.location else "-"
        sev = severity_word(f.severity, lang)
        if color:
            sev = styles[f.severity] + sev + reset
        lines.append(f"{where}: {sev} {f.code} [{f.name}] {_safe(subject(f, lang))}")
        for r in f.related:
            note = f" ({render(r.note, lang)})" if r.note else ""
            lines.append(f"    {dim}{render(msg('see {place}', place=_safe(r)), lang)}{_safe(note)}{reset}")
        if show_hints and f.hint:
            lines.append(f"    {dim}{render(msg('hint: {hint}', hint=_safe(f.hint_text(lang))), lang)}{reset}")
        for basis in f.legal_basis:
            lines.append(f"    {dim}{render(msg('basis: {basis}', basis=_safe(basis_title(basis, lang))), lang)}{reset}")
    if len(shown) < len(findings):
        lines.extend(_by_cause(findings[len(shown):], lang))
    lines.append(summary_line(findings, files=files, elements=elements, waived=waived, lang=lang))
    return "\n".join(lines) + "\n"


GROUP_FROM = 1000  # a report of more findings than this …
SCREENFUL = 40  # … gives this many in full, then the others grouped by cause


def _by_cause(rest: list[Finding], lang: str = "vi") -> list[str]:
    """The findings after the first screenful, one line per cause (severity, code, rule): how many, in how
    many files, and the first place, in ``lang``. Linear in the findings; ``--format json`` lists every one."""
    groups: dict[tuple[Severity, str, str], list[Finding]] = {}
    for f in rest:
        groups.setdefault((f.severity, f.code, f.name), []).append(f)
    # always more than GROUP_FROM - SCREENFUL of them: the plural form
    lines = [render(msg("… {n} more findings, by cause (--format json lists every one):", n=len(rest)), lang)]
    for (sev, code, name), fs in sorted(groups.items(), key=lambda kv: (-kv[0][0], -len(kv[1]), kv[0][1])):
        files = {f.location.file for f in fs if f.location}
        first = next((f for f in fs if f.location), fs[0])
        where = render(msg(", first at {place}", place=_safe(first.location)), lang) if first.location else ""
        lines.append(f"    {len(fs):>7} {severity_word(sev, lang)} {code} [{name}] " + render(msg(
            "in {files}{where}: {message}", files=count(len(files), "file", lang), where=where,
            message=_safe(first.text(lang))), lang))
    return lines


def summary_line(
    findings: list[Finding], *, files: int | None = None, elements: int | None = None, waived: int = 0,
    lang: str = "vi",
) -> str:
    s = Summary.of(findings)
    if s.fatal:
        return render(msg("The model could not be checked: {problems}. Fix these first; no rule was run.",
                          problems=count(s.fatal, "problem", lang)), lang)
    m: Msg
    counts = {"errors": count(s.errors, "error", lang), "warnings": count(s.warnings, "warning", lang),
              "infos": count(s.infos, "info", lang)}
    if elements is not None and files is not None:
        scope = {"elements": count(elements, "element", lang), "files": count(files, "file", lang)}
        m = msg("No findings in {elements} from {files}.", **scope) if not findings else \
            msg("{errors}, {warnings}, {infos} in {elements} from {files}.", **counts, **scope)
    else:
        m = msg("No findings.") if not findings else msg("{errors}, {warnings}, {infos}.", **counts)
    out = render(m, lang)
    if waived:
        out += " " + render(msg("{findings} waived.", findings=count(waived, "finding", lang)), lang)
    return out


def json_report(
    findings: Iterable[Finding],
    *,
    exit_code: int,
    extra: dict[str, Any] | None = None,
    lang: str = "vi",
) -> str:
    """A stable JSON document: ``{"version", "summary", "findings", ...}``; messages and hints in ``lang``
    (each finding also gives its ``message_id`` and ``message_args``, the same in every language)."""
    findings = list(findings)
    s = Summary.of(findings)
    doc: dict[str, Any] = {
        "version": REPORT_VERSION,
        "tool": "kientruc",
        "exit_code": exit_code,
        "summary": {
            "errors": s.errors,
            "warnings": s.warnings,
            "infos": s.infos,
            "fatal": s.fatal,
            "by_code": dict(sorted(s.by_code.items())),
        },
    }
    if extra:
        doc.update(extra)
    doc["lang"] = lang
    doc["findings"] = [f.to_dict(lang) for f in findings]
    return json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n"


def check_text(
    result: Any, *, color: bool = False, show_hints: bool = True, verdict: dict[str, Any] | None = None,
    lang: str = "vi",
) -> str:
    """The text report of a check (a :class:`~kientruc.validators.CheckResult`): findings, then a summary,
    then the verdict (``verdict``: :meth:`kientruc.pipeline.Verdict.to_dict`) in ``lang``."""
    arch = result.load.architecture
    report = text_report(
        result.findings,
        color=color,
        show_hints=show_hints,
        files=len(result.load.files),
        elements=len(arch.elements) if arch else None,
        waived=len(result.waived),
        lang=lang,
    )
    if verdict and verdict.get("edition"):
        from .verdict import verdict_text

        report += verdict_text(verdict, lang)
    return report


def notices_text(notices: list[Finding], lang: str = "vi") -> str:
    """Located advice that is not a finding (``LoadResult.notices``): one line each, with its hint, in ``lang``."""
    lines = []
    for f in notices:
        where = _safe(f.location) if f.location else "-"
        lines.append(render(msg("{where}: note {code} [{name}] {message}", where=where, code=f.code, name=f.name,
                                message=_safe(f.text(lang))), lang))
        if f.hint:
            lines.append(f"    {render(msg('hint: {hint}', hint=_safe(f.hint_text(lang))), lang)}")
    return "\n".join(lines) + "\n" if lines else ""


def check_json(result: Any, *, model: str, verdict: dict[str, Any] | None = None, lang: str = "vi") -> str:
    """The JSON report of a check: the findings, and what was checked (``model``: the folder as given;
    ``verdict``: the profiles judged against and the edition, :meth:`kientruc.pipeline.Verdict.to_dict`)."""
    arch = result.load.architecture
    extra = {
        "model": model,
        "profile": result.profile.id if result.profile else None,
        "as_of": result.as_of.isoformat() if result.as_of else None,
        "fail_on": result.fail_on.label,
        "files": len(result.load.files),
        "elements": len(arch.elements) if arch else 0,
        "rules_run": result.rules_run,
        "baselined": len(result.baselined),
        "waived": [{"finding": f.to_dict(lang), "waiver": w.model_dump(mode="json")} for f, w in result.waived],
    }
    if verdict is not None:
        extra["verdict"] = verdict
    if result.load.notices:
        extra["notices"] = [f.to_dict(lang) for f in result.load.notices]
    return json_report(result.findings, exit_code=result.exit_code, extra=extra, lang=lang)


def timings_table(timings: dict[str, float], top: int = 20) -> str:
    """Where a check's time went: load, graph, rules, then the slowest rules (like ESLint's TIMING=1).

    Stages are wall time; a rule's share is of the time all rules took together, which
    is more than the rules' wall time when they ran in two processes.
    """
    stages = [(k, timings[k]) for k in ("load", "graph", "rules") if k in timings]
    rules = sorted(((k, v) for k, v in timings.items() if k not in ("load", "graph", "rules")), key=lambda kv: -kv[1])
    rules_cpu = sum(v for _, v in rules) or 1.0
    lines = [f"{'stage / rule':<14} {'seconds':>8} {'share':>6}"]
    lines += [f"{name:<14} {secs:8.3f}" for name, secs in stages]
    lines += [f"{'  ' + code:<14} {secs:8.3f} {100 * secs / rules_cpu:5.1f}%" for code, secs in rules[:top]]
    if len(rules) > top:
        lines.append(f"  ({len(rules) - top} more rules: {sum(v for _, v in rules[top:]):.3f} s)")
    lines.append(f"{'total':<14} {sum(v for _, v in stages):8.3f}")
    return "\n".join(lines) + "\n"
