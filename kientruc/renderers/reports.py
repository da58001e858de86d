"""Reports of findings: plain text for people, JSON for machines.

Reporters receive findings as data; they never run rules. Output is
deterministic: findings come sorted by file, line, column and code.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from ..findings import Finding, Severity, Summary

REPORT_VERSION = 1


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


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
) -> str:
    """One line per finding (``file:line:col: severity CODE [name] message``), hints and a summary."""
    styles = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m", Severity.INFO: "\x1b[1;36m"}
    dim, reset = ("\x1b[2m", "\x1b[0m") if color else ("", "")
    lines: list[str] = []
    shown = findings if len(findings) <= GROUP_FROM else findings[:SCREENFUL]
    for f in shown:
        where = _safe(f.location) if f.location else "-"
        sev = f.severity.label
        if color:
            sev = styles[f.severity] + sev + reset
        subject = f"{f.element}: " if f.element and f.element not in f.message else ""
        lines.append(f"{where}: {sev} {f.code} [{f.name}] {_safe(subject)}{_safe(f.message)}")
        for r in f.related:
            note = f" ({r.note})" if r.note else ""
            lines.append(f"    {dim}see {_safe(r)}{_safe(note)}{reset}")
        if show_hints and f.hint:
            lines.append(f"    {dim}hint: {_safe(f.hint)}{reset}")
        for basis in f.legal_basis:
            lines.append(f"    {dim}basis: {_safe(basis)}{reset}")
    if len(shown) < len(findings):
        lines.extend(_by_cause(findings[len(shown):]))
    lines.append(summary_line(findings, files=files, elements=elements, waived=waived))
    return "\n".join(lines) + "\n"


GROUP_FROM = 1000  # a report of more findings than this …
SCREENFUL = 40  # … gives this many in full, then the others grouped by cause


def _by_cause(rest: list[Finding]) -> list[str]:
    """The findings after the first screenful, one line per cause (severity, code, rule): how many, in how
    many files, and the first place. Linear in the findings; ``--format json`` lists every one."""
    groups: dict[tuple[Severity, str, str], list[Finding]] = {}
    for f in rest:
        groups.setdefault((f.severity, f.code, f.name), []).append(f)
    lines = [f"… {_plural(len(rest), 'more finding')}, by cause (--format json lists every one):"]
    for (sev, code, name), fs in sorted(groups.items(), key=lambda kv: (-kv[0][0], -len(kv[1]), kv[0][1])):
        files = {f.location.file for f in fs if f.location}
        first = next((f for f in fs if f.location), fs[0])
        where = f", first at {_safe(first.location)}" if first.location else ""
        lines.append(f"    {len(fs):>7} {sev.label} {code} [{name}] in {_plural(len(files), 'file')}{where}: "
                     f"{_safe(first.message)}")
    return lines


def summary_line(
    findings: list[Finding], *, files: int | None = None, elements: int | None = None, waived: int = 0
) -> str:
    s = Summary.of(findings)
    if s.fatal:
        head = f"The model could not be checked: {_plural(s.fatal, 'problem')}."
        return head + " Fix these first; no rule was run."
    scope = ""
    if elements is not None and files is not None:
        scope = f" in {_plural(elements, 'element')} from {_plural(files, 'file')}"
    if not findings:
        out = f"No findings{scope}."
    else:
        out = f"{_plural(s.errors, 'error')}, {_plural(s.warnings, 'warning')}, {s.infos} info{scope}."
    if waived:
        out += f" {_plural(waived, 'finding')} waived."
    return out


def json_report(
    findings: Iterable[Finding],
    *,
    exit_code: int,
    extra: dict[str, Any] | None = None,
) -> str:
    """A stable JSON document: ``{"version", "summary", "findings", ...}``."""
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
    doc["findings"] = [f.to_dict() for f in findings]
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
    )
    if verdict and verdict.get("edition"):
        from .verdict import verdict_text

        report += verdict_text(verdict, lang)
    return report


def notices_text(notices: list[Finding]) -> str:
    """Located advice that is not a finding (``LoadResult.notices``): one line each, with its hint."""
    lines = []
    for f in notices:
        where = _safe(f.location) if f.location else "-"
        lines.append(f"{where}: note {f.code} [{f.name}] {_safe(f.message)}")
        if f.hint:
            lines.append(f"    hint: {_safe(f.hint)}")
    return "\n".join(lines) + "\n" if lines else ""


def check_json(result: Any, *, model: str, verdict: dict[str, Any] | None = None) -> str:
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
        "waived": [{"finding": f.to_dict(), "waiver": w.model_dump(mode="json")} for f, w in result.waived],
    }
    if verdict is not None:
        extra["verdict"] = verdict
    if result.load.notices:
        extra["notices"] = [f.to_dict() for f in result.load.notices]
    return json_report(result.findings, exit_code=result.exit_code, extra=extra)


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
