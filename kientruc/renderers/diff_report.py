"""Reports of a semantic diff (:class:`kientruc.diff.ArchDiff`): text, Markdown, JSON.

Text is for a terminal or a CI log; Markdown is for a pull-request comment or a CI job
summary (long sections are cut, the JSON report has everything); JSON is for machines.
The renderers receive the diff as data and compute nothing about the model.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterable

from ..findings import Finding, Severity, Summary

if TYPE_CHECKING:  # the diff is received as data; no import of the stages behind it
    from ..diff import ArchDiff, FieldChange, FindingChange, WaiverChange

MAX_VALUE = 100  # characters of a value shown in a field change
MAX_MARKDOWN_ITEMS = 40  # items per Markdown section; the rest are counted


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _severity_counts(findings: Iterable[Finding]) -> str:
    s = Summary.of(list(findings))
    return f"{_plural(s.errors, 'error')}, {_plural(s.warnings, 'warning')}, {s.infos} info"


def _counted(changes: list["FindingChange"]) -> str:
    """'1 error and 2 warnings' (only the severities present)."""
    s = Summary.of([c.finding for c in changes])
    parts = [(s.errors, "error"), (s.warnings, "warning"), (s.infos, "info")]
    words = [f"{n} {w}" + ("s" if n != 1 and w != "info" else "") for n, w in parts if n]
    if not words:
        return "no finding"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def fmt_value(value: Any, limit: int = MAX_VALUE) -> str:
    """A JSON value in a short, YAML-like form: ``(unset)``, ``text``, ``[a, b]``, ``{k: v}``."""
    if value is None:
        return "(unset)"
    text = _flow(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _flow(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        if not value or value != value.strip() or any(c in value for c in ",:[]{}#\n\"'") or value in ("null", "true", "false"):
            return json.dumps(value, ensure_ascii=False)
        return value
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    return str(value)


def describe_change(c: "FieldChange") -> str:
    """``status: current → retiring``, or for lists ``tags: added [a]; removed [b]``."""
    return f"{c.field}: {describe_values(c)}"


def describe_values(c: "FieldChange") -> str:
    """The part of :func:`describe_change` after the field name."""
    if c.is_list and isinstance(c.before, list) and isinstance(c.after, list) and c.before and c.after:
        parts = []
        if c.added_items:
            parts.append("added " + fmt_value(c.added_items))
        if c.removed_items:
            parts.append("removed " + fmt_value(c.removed_items))
        if not parts:
            parts.append("reordered " + fmt_value(c.after))
        return "; ".join(parts)
    return f"{fmt_value(c.before)} → {fmt_value(c.after)}"


def _sameness(similarity: float | None) -> str:
    if similarity is None or similarity >= 1:
        return "same content"
    return f"content {round(similarity * 100)} % the same"


def _waiver_text(w: "WaiverChange") -> str:
    v = w.waiver
    return f"waiver of {w.rule} for {', '.join(w.elements)}, until {v.get('expires')} (approved by {v.get('approved_by')}: {v.get('reason')})"


def _waiver_note(waiver: Any) -> str:
    return f"waived until {waiver.get('expires')}, approved by {waiver.get('approved_by')}"


def _where(loc: Any) -> str:
    if loc is None:
        return ""
    return f"{loc.file}:{loc.line}" if loc.line else loc.file


def _finding_line(f: Finding) -> str:
    where = str(f.location) if f.location else "-"
    subject = f"{f.element}: " if f.element and f.element not in f.message else ""
    return f"{where}: {f.severity.label} {f.code} [{f.name}] {subject}{f.message}"


def verdict(d: "ArchDiff", fail_on_new: Severity | None) -> str:
    """One sentence: what the change brings, and whether that fails the check."""
    brings = f"The change introduces {_counted(d.introduced)}"
    if d.resolved:
        brings += f", and resolves {_plural(len(d.resolved), 'finding')}"
    if d.regraded:
        brings += f"; {_plural(len(d.regraded), 'finding')} changed severity"
    brings += "."
    if fail_on_new is None:
        return brings
    failing = d.new_findings(fail_on_new)
    if failing:
        return f"{brings} FAILED: {_plural(len(failing), 'new finding')} at or above {fail_on_new.label} (--fail-on-new {fail_on_new.label})."
    return f"{brings} Passed: no new finding at or above {fail_on_new.label}."


# --------------------------------------------------------------------------- text


def diff_text(d: "ArchDiff", *, fail_on_new: Severity | None = None, color: bool = False, show_hints: bool = True) -> str:
    """The diff for a terminal or a CI log."""
    g, r, y, b, dim, reset = (
        ("\x1b[32m", "\x1b[31m", "\x1b[33m", "\x1b[1m", "\x1b[2m", "\x1b[0m") if color else ("",) * 6
    )
    sign = {"+": g + "+" + reset, "-": r + "-" + reset, "~": y + "~" + reset, ">": y + ">" + reset}
    out: list[str] = []
    out.append(f"{b}kientruc diff{reset}: {d.base.label} → {d.head.label}")
    context = f"model {d.head.path}/"
    if d.as_of:
        context += f", checked as of {d.as_of.isoformat()}"
    if d.profile:
        context += f" against {d.profile}"
    out.append(context)

    out.append("")
    if not d.model_changed:
        out.append("No change to the model.")
    else:
        n_el = len(d.added) + len(d.removed) + len(d.renamed) + len(d.changed)
        if n_el:
            out.append(
                f"{b}Elements{reset} ({d.elements_before} → {d.elements_after}): {len(d.added)} added, "
                f"{len(d.removed)} removed, {len(d.renamed)} renamed, {len(d.changed)} changed"
            )
            for e in d.added:
                status = f" [{e.status}]" if e.status != "current" else ""
                out.append(f"  {sign['+']} {e.kind} {e.id}: {e.name}{status}  {dim}{_where(e.location)}{reset}")
            for e in d.removed:
                out.append(f"  {sign['-']} {e.kind} {e.id}: {e.name}  {dim}(was {_where(e.location)}){reset}")
            for c in d.renamed:
                sim = _sameness(c.similarity)
                out.append(f"  {sign['>']} {c.kind} {c.old_id} renamed to {c.id} ({sim})  {dim}{_where(c.location)}{reset}")
                out.extend(f"      {describe_change(fc)}" for fc in c.changes)
            for c in d.changed:
                out.append(f"  {sign['~']} {c.kind} {c.id}  {dim}{_where(c.location)}{reset}")
                out.extend(f"      {describe_change(fc)}" for fc in c.changes)
        n_rel = len(d.relations_added) + len(d.relations_removed) + len(d.relations_changed)
        if n_rel:
            if n_el:
                out.append("")
            out.append(
                f"{b}Relations{reset}: {len(d.relations_added)} added, {len(d.relations_removed)} removed, "
                f"{len(d.relations_changed)} changed"
            )
            for rel in d.relations_added:
                attrs = f" {fmt_value(dict(rel.attributes))}" if rel.attributes else ""
                out.append(f"  {sign['+']} {rel.source} {rel.type} {rel.target}{attrs}  {dim}{_where(rel.location)}{reset}")
            for rel in d.relations_removed:
                attrs = f" {fmt_value(dict(rel.attributes))}" if rel.attributes else ""
                out.append(f"  {sign['-']} {rel.source} {rel.type} {rel.target}{attrs}  {dim}(was {_where(rel.location)}){reset}")
            for rc in d.relations_changed:
                out.append(f"  {sign['~']} {rc.source} {rc.type} {rc.target}  {dim}{_where(rc.location)}{reset}")
                out.extend(f"      {describe_change(fc)}" for fc in rc.changes)
        if d.manifest_changes or d.waivers_added or d.waivers_removed or d.waivers_changed:
            if n_el or n_rel:
                out.append("")
            out.append(f"{b}Manifest{reset}")
            out.extend(f"  {sign['~']} {describe_change(fc)}" for fc in d.manifest_changes)
            out.extend(f"  {sign['+']} {_waiver_text(w)}" for w in d.waivers_added)
            out.extend(f"  {sign['-']} {_waiver_text(w)}" for w in d.waivers_removed)
            for w in d.waivers_changed:
                out.append(f"  {sign['~']} waiver of {w.rule} for {', '.join(w.elements)}: " + "; ".join(describe_change(fc) for fc in w.changes))

    def finding_block(c: "FindingChange", note: str = "") -> None:
        out.append(f"  {_finding_line(c.finding)}{note}")
        if show_hints and c.finding.hint:
            out.append(f"      {dim}hint: {c.finding.hint}{reset}")

    out.append("")
    if d.introduced:
        out.append(f"{b}Findings the change introduces{reset} ({_counted(d.introduced)}):")
        for c in d.introduced:
            note = f" {dim}(was {_waiver_note(c.waiver)}){reset}" if c.waiver else ""
            finding_block(c, note)
        out.append("")
    if d.resolved:
        out.append(f"{b}Findings the change resolves{reset} ({_counted(d.resolved)}):")
        for c in d.resolved:
            note = f" {dim}(now {_waiver_note(c.waiver)}){reset}" if c.waiver else ""
            out.append(f"  {_finding_line(c.finding)}{note}")
        out.append("")
    if d.regraded:
        out.append(f"{b}Findings whose severity changed{reset} ({len(d.regraded)}):")
        for c in d.regraded:
            assert c.severity_before is not None
            out.append(f"  {_finding_line(c.finding)} {dim}(was {c.severity_before.label}){reset}")
        out.append("")
    out.append(
        f"Findings: {_severity_counts(d.findings_before)} before; {_severity_counts(d.findings_after)} after; "
        f"{d.unchanged} unchanged."
    )
    out.append(verdict(d, fail_on_new))
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- Markdown


_MD_SPECIAL = set("\\`*_[]<>|~#")


def md(text: str) -> str:
    """Escape text for GitHub/GitLab Markdown (a table cell included): no markup, one line."""
    text = " ".join(str(text).split())
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text)


def code(text: str) -> str:
    """Inline code, with a fence longer than any run of backticks inside."""
    text = " ".join(str(text).split())
    run = max((len(r) for r in _runs(text)), default=0)
    fence = "`" * (run + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _runs(text: str) -> list[str]:
    out, cur = [], ""
    for ch in text:
        if ch == "`":
            cur += ch
        elif cur:
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


def _cut(items: list, limit: int = MAX_MARKDOWN_ITEMS) -> tuple[list, int]:
    return items[:limit], max(0, len(items) - limit)


def _md_change(c: "FieldChange") -> str:
    return f"{code(c.field)}: {md(describe_values(c))}"


def _md_findings(title: str, changes: list["FindingChange"], kind: str) -> list[str]:
    if not changes:
        return []
    shown, more = _cut(changes)
    out = [f"### {title} ({md(_counted(changes))})", "", "| Severity | Rule | Element | Finding | Where |", "|---|---|---|---|---|"]
    for c in shown:
        f = c.finding
        text = md(f.message)
        if kind == "introduced" and f.hint:
            text += f"<br>*hint: {md(f.hint)}*"
        if kind == "introduced" and c.waiver:
            text += f"<br>*was {md(_waiver_note(c.waiver))}*"
        if kind == "resolved" and c.waiver:
            text += f"<br>*now {md(_waiver_note(c.waiver))}*"
        sev = f.severity.label
        if kind == "regraded" and c.severity_before is not None:
            sev = f"{c.severity_before.label} → {sev}"
        where = code(f"{f.location.file}:{f.location.line}" if f.location and f.location.line else (f.location.file if f.location else "-"))
        if kind == "resolved" and f.location:
            where += " (before)"
        element = code(f.element) if f.element else ""
        out.append(f"| {sev} | {code(f.code)} {md(f.name)} | {element} | {text} | {where} |")
    if more:
        out.append(f"| | | | … and {more} more (see the JSON report) | |")
    out.append("")
    return out


def diff_markdown(d: "ArchDiff", *, fail_on_new: Severity | None = None) -> str:
    """The diff as Markdown, for a pull-request comment or a CI job summary."""
    out: list[str] = ["## kientruc: what this change does to the architecture", ""]
    context = f"{code(d.base.label)} → {code(d.head.label)} · model {code(d.head.path + '/')}"
    if d.as_of:
        context += f" · as of {d.as_of.isoformat()}"
    if d.profile:
        context += f" · profile {code(d.profile)}"
    out += [context, ""]
    failing = d.new_findings(fail_on_new) if fail_on_new else []
    mark = "❌" if failing else ("⚠️" if d.introduced else "✅")
    out += [f"{mark} **{md(verdict(d, fail_on_new))}**", ""]

    if not d.model_changed:
        out += ["No change to the model.", ""]
    else:
        out += [
            "| | Elements | Relations |",
            "|---|---:|---:|",
            f"| added | {len(d.added)} | {len(d.relations_added)} |",
            f"| removed | {len(d.removed)} | {len(d.relations_removed)} |",
            f"| renamed | {len(d.renamed)} | |",
            f"| changed | {len(d.changed)} | {len(d.relations_changed)} |",
            "",
        ]
    out += _md_findings("Findings the change introduces", d.introduced, "introduced")
    out += _md_findings("Findings the change resolves", d.resolved, "resolved")
    out += _md_findings("Findings whose severity changed", d.regraded, "regraded")

    items: list[str] = []
    for e in d.added:
        status = f" ({md(e.status)})" if e.status != "current" else ""
        items.append(f"- **added** {md(e.kind)} {code(e.id)}: {md(e.name)}{status} — {code(_where(e.location))}")
    for e in d.removed:
        items.append(f"- **removed** {md(e.kind)} {code(e.id)}: {md(e.name)}")
    for c in d.renamed:
        items.append(f"- **renamed** {md(c.kind)} {code(c.old_id or '')} → {code(c.id)} ({_sameness(c.similarity)})")
        items += [f"  - {_md_change(fc)}" for fc in c.changes]
    for c in d.changed:
        items.append(f"- **changed** {md(c.kind)} {code(c.id)}: {md(c.name)}")
        items += [f"  - {_md_change(fc)}" for fc in c.changes]
    if items:
        out += ["### Elements", ""]
        shown, more = _cut(items, MAX_MARKDOWN_ITEMS * 2)
        out += shown + ([f"- … and {more} more lines (see the JSON report)"] if more else []) + [""]

    rels: list[str] = []
    for rel in d.relations_added:
        attrs = f" {md(fmt_value(dict(rel.attributes)))}" if rel.attributes else ""
        rels.append(f"- **added** {code(rel.source)} {md(rel.type)} {code(rel.target)}{attrs}")
    for rel in d.relations_removed:
        rels.append(f"- **removed** {code(rel.source)} {md(rel.type)} {code(rel.target)}")
    for rc in d.relations_changed:
        rels.append(f"- **changed** {code(rc.source)} {md(rc.type)} {code(rc.target)}: " + "; ".join(_md_change(fc) for fc in rc.changes))
    if rels:
        shown, more = _cut(rels)
        out += [f"<details><summary>Relations: {len(d.relations_added)} added, {len(d.relations_removed)} removed, "
                f"{len(d.relations_changed)} changed</summary>", ""]
        out += shown + ([f"- … and {more} more (see the JSON report)"] if more else []) + ["", "</details>", ""]

    manifest: list[str] = [f"- {_md_change(fc)}" for fc in d.manifest_changes]
    manifest += [f"- **waiver added**: {md(_waiver_text(w))}" for w in d.waivers_added]
    manifest += [f"- **waiver removed**: {md(_waiver_text(w))}" for w in d.waivers_removed]
    manifest += [
        f"- **waiver changed** ({md(w.rule)} for {md(', '.join(w.elements))}): " + "; ".join(_md_change(fc) for fc in w.changes)
        for w in d.waivers_changed
    ]
    if manifest:
        out += ["### Manifest", ""] + manifest + [""]

    out.append(
        f"<sub>Findings: {md(_severity_counts(d.findings_before))} before; {md(_severity_counts(d.findings_after))} after; "
        f"{d.unchanged} unchanged.</sub>"
    )
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- JSON


def diff_json(d: "ArchDiff", *, fail_on_new: Severity | None = None) -> str:
    """The whole diff as a stable JSON document (see :meth:`ArchDiff.to_dict`)."""
    return json.dumps(d.to_dict(fail_on_new), ensure_ascii=False, indent=2, default=str) + "\n"
