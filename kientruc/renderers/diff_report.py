"""Reports of a semantic diff (:class:`kientruc.diff.ArchDiff`): text, Markdown, JSON.

Text is for a terminal or a CI log; Markdown is for a pull-request comment or a CI job
summary (long sections are cut, the JSON report has everything); JSON is for machines.
The renderers receive the diff as data and compute nothing about the model.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterable

from ..findings import Finding, Severity, Summary
from ..i18n import Named, msg, percent, render
from .reports import count, severity_word, subject


def _framework(pid: str) -> Named | str:
    """A framework profile by its title in the report's language (its key when kientruc does not know it)."""
    from ..frameworks import profiles

    p = profiles().get(pid)
    return Named.of(pid, vi=p.title, en=p.title_en) if p is not None else pid

if TYPE_CHECKING:  # the diff is received as data; no import of the stages behind it
    from ..diff import ArchDiff, FieldChange, FindingChange, WaiverChange

MAX_VALUE = 100  # characters of a value shown in a field change
MAX_MARKDOWN_ITEMS = 40  # items per Markdown section; the rest are counted


def _severity_counts(findings: Iterable[Finding], lang: str) -> str:
    s = Summary.of(list(findings))
    return f"{count(s.errors, 'error', lang)}, {count(s.warnings, 'warning', lang)}, {count(s.infos, 'info', lang)}"


def _counted(changes: list["FindingChange"], lang: str) -> str:
    """'1 error and 2 warnings' (only the severities present)."""
    s = Summary.of([c.finding for c in changes])
    parts = [(s.errors, "error"), (s.warnings, "warning"), (s.infos, "info")]
    words = [count(n, w, lang) for n, w in parts if n]
    if not words:
        return render(msg("no finding"), lang)
    return words[0] if len(words) == 1 else render(msg("{first} and {last}", first=", ".join(words[:-1]), last=words[-1]), lang)


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


def _sameness(similarity: float | None, lang: str) -> str:
    if similarity is None or similarity >= 1:
        return render(msg("same content"), lang)
    return render(msg("content {percent} the same", percent=percent(round(similarity * 100), lang, 0)), lang)


def _waiver_text(w: "WaiverChange", lang: str) -> str:
    v = w.waiver
    return render(msg("waiver of {rule} for {elements}, until {day} (approved by {by}: {reason})", rule=w.rule,
                      elements=", ".join(w.elements), day=str(v.get("expires")), by=str(v.get("approved_by")),
                      reason=str(v.get("reason"))), lang)


def _waiver_note(waiver: Any, lang: str) -> str:
    return render(msg("waived until {day}, approved by {by}", day=str(waiver.get("expires")), by=str(waiver.get("approved_by"))), lang)


def _where(loc: Any) -> str:
    if loc is None:
        return ""
    return f"{loc.file}:{loc.line}" if loc.line else loc.file


def _finding_line(f: Finding, lang: str) -> str:
    where = str(f.location) if f.location else "-"
    return f"{where}: {severity_word(f.severity, lang)} {f.code} [{f.name}] {subject(f, lang)}"


def verdict(d: "ArchDiff", fail_on_new: Severity | None, lang: str = "vi") -> str:
    """One sentence: what the change brings, and whether that fails the check."""
    t = lambda m: render(m, lang)  # noqa: E731
    brings = t(msg("The change introduces {findings}", findings=_counted(d.introduced, lang)) if d.introduced
               else msg("The change introduces no finding"))
    if d.resolved:
        brings += t(msg(", and resolves {findings}", findings=count(len(d.resolved), "finding", lang)))
    if d.regraded:
        brings += t(msg("; {findings} changed severity", findings=count(len(d.regraded), "finding", lang)))
    brings += "."
    if fail_on_new is None:
        return brings
    failing = d.new_findings(fail_on_new)
    if failing:
        return brings + " " + t(msg("FAILED: {findings} at or above {severity} (--fail-on-new {level}).", findings=count(len(failing), "new_finding", lang),
                                    severity=severity_word(fail_on_new, lang), level=fail_on_new.label))
    return brings + " " + t(msg("Passed: no new finding at or above {severity}.", severity=severity_word(fail_on_new, lang)))


# --------------------------------------------------------------------------- text


def diff_text(d: "ArchDiff", *, fail_on_new: Severity | None = None, color: bool = False, show_hints: bool = True,
              lang: str = "vi") -> str:
    """The diff for a terminal or a CI log, in ``lang``."""
    t = lambda m: render(m, lang)  # noqa: E731
    g, r, y, b, dim, reset = (
        ("\x1b[32m", "\x1b[31m", "\x1b[33m", "\x1b[1m", "\x1b[2m", "\x1b[0m") if color else ("",) * 6
    )
    sign = {"+": g + "+" + reset, "-": r + "-" + reset, "~": y + "~" + reset, ">": y + ">" + reset}
    out: list[str] = []
    out.append(f"{b}kientruc diff{reset}: {t(d.base.title)} → {t(d.head.title)}")
    context = t(msg("model {path}/", path=d.head.path))
    if d.as_of:
        context += t(msg(", checked as of {day}", day=d.as_of))
    if d.profile:
        context += t(msg(" against {profile}", profile=_framework(d.profile)))
    out.append(context)

    out.append("")
    if not d.model_changed:
        out.append(t(msg("No change to the model.")))
    else:
        n_el = len(d.added) + len(d.removed) + len(d.renamed) + len(d.changed)
        if n_el:
            out.append(f"{b}{t(msg('Elements'))}{reset} ({d.elements_before} → {d.elements_after}): " + t(msg(
                "{added} added, {removed} removed, {renamed} renamed, {changed} changed", added=len(d.added),
                removed=len(d.removed), renamed=len(d.renamed), changed=len(d.changed))))
            for e in d.added:
                status = f" [{e.status}]" if e.status != "current" else ""
                out.append(f"  {sign['+']} {e.kind} {e.id}: {e.name}{status}  {dim}{_where(e.location)}{reset}")
            for e in d.removed:
                out.append(f"  {sign['-']} {e.kind} {e.id}: {e.name}  {dim}{t(msg('(was {place})', place=_where(e.location)))}{reset}")
            for c in d.renamed:
                sim = _sameness(c.similarity, lang)
                out.append(f"  {sign['>']} {c.kind} " + t(msg("{old} renamed to {new}", old=c.old_id, new=c.id)) + f" ({sim})  {dim}{_where(c.location)}{reset}")
                out.extend(f"      {describe_change(fc)}" for fc in c.changes)
            for c in d.changed:
                out.append(f"  {sign['~']} {c.kind} {c.id}  {dim}{_where(c.location)}{reset}")
                out.extend(f"      {describe_change(fc)}" for fc in c.changes)
        n_rel = len(d.relations_added) + len(d.relations_removed) + len(d.relations_changed)
        if n_rel:
            if n_el:
                out.append("")
            out.append(f"{b}{t(msg('Relations'))}{reset}: " + t(msg("{added} added, {removed} removed, {changed} changed",
                       added=len(d.relations_added), removed=len(d.relations_removed), changed=len(d.relations_changed))))
            for rel in d.relations_added:
                attrs = f" {fmt_value(dict(rel.attributes))}" if rel.attributes else ""
                out.append(f"  {sign['+']} {rel.source} {rel.type} {rel.target}{attrs}  {dim}{_where(rel.location)}{reset}")
            for rel in d.relations_removed:
                attrs = f" {fmt_value(dict(rel.attributes))}" if rel.attributes else ""
                out.append(f"  {sign['-']} {rel.source} {rel.type} {rel.target}{attrs}  {dim}{t(msg('(was {place})', place=_where(rel.location)))}{reset}")
            for rc in d.relations_changed:
                out.append(f"  {sign['~']} {rc.source} {rc.type} {rc.target}  {dim}{_where(rc.location)}{reset}")
                out.extend(f"      {describe_change(fc)}" for fc in rc.changes)
        if d.manifest_changes or d.waivers_added or d.waivers_removed or d.waivers_changed:
            if n_el or n_rel:
                out.append("")
            out.append(f"{b}{t(msg('Manifest'))}{reset}")
            out.extend(f"  {sign['~']} {describe_change(fc)}" for fc in d.manifest_changes)
            out.extend(f"  {sign['+']} {_waiver_text(w, lang)}" for w in d.waivers_added)
            out.extend(f"  {sign['-']} {_waiver_text(w, lang)}" for w in d.waivers_removed)
            for w in d.waivers_changed:
                out.append(f"  {sign['~']} " + t(msg("waiver of {rule} for {elements}", rule=w.rule, elements=", ".join(w.elements)))
                           + ": " + "; ".join(describe_change(fc) for fc in w.changes))

    def finding_block(c: "FindingChange", note: str = "") -> None:
        out.append(f"  {_finding_line(c.finding, lang)}{note}")
        if show_hints and c.finding.hint:
            out.append(f"      {dim}{t(msg('hint: {hint}', hint=c.finding.hint_text(lang)))}{reset}")

    out.append("")
    if d.introduced:
        out.append(f"{b}{t(msg('Findings the change introduces'))}{reset} ({_counted(d.introduced, lang)}):")
        for c in d.introduced:
            note = f" {dim}{t(msg('(was {note})', note=_waiver_note(c.waiver, lang)))}{reset}" if c.waiver else ""
            finding_block(c, note)
        out.append("")
    if d.resolved:
        out.append(f"{b}{t(msg('Findings the change resolves'))}{reset} ({_counted(d.resolved, lang)}):")
        for c in d.resolved:
            note = f" {dim}{t(msg('(now {note})', note=_waiver_note(c.waiver, lang)))}{reset}" if c.waiver else ""
            out.append(f"  {_finding_line(c.finding, lang)}{note}")
        out.append("")
    if d.regraded:
        out.append(f"{b}{t(msg('Findings whose severity changed'))}{reset} ({len(d.regraded)}):")
        for c in d.regraded:
            assert c.severity_before is not None
            out.append(f"  {_finding_line(c.finding, lang)} {dim}{t(msg('(was {place})', place=severity_word(c.severity_before, lang)))}{reset}")
        out.append("")
    out.append(t(msg("Findings: {before} before; {after} after; {unchanged} unchanged.", before=_severity_counts(d.findings_before, lang),
                     after=_severity_counts(d.findings_after, lang), unchanged=d.unchanged)))
    out.append(verdict(d, fail_on_new, lang))
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


def _md_findings(title: str, changes: list["FindingChange"], kind: str, lang: str) -> list[str]:
    if not changes:
        return []
    t = lambda m: render(m, lang)  # noqa: E731
    shown, more = _cut(changes)
    out = [f"### {title} ({md(_counted(changes, lang))})", "",
           "| " + " | ".join(t(h) for h in (msg("Severity"), msg("Rule"), msg("Element"), msg("Finding"), msg("Where"))) + " |",
           "|---|---|---|---|---|"]
    for c in shown:
        f = c.finding
        text = md(f.text(lang))
        if kind == "introduced" and f.hint:
            text += f"<br>*{md(t(msg('hint: {hint}', hint=f.hint_text(lang))))}*"
        if kind == "introduced" and c.waiver:
            text += f"<br>*{md(t(msg('(was {note})', note=_waiver_note(c.waiver, lang))))}*"
        if kind == "resolved" and c.waiver:
            text += f"<br>*{md(t(msg('(now {note})', note=_waiver_note(c.waiver, lang))))}*"
        sev = severity_word(f.severity, lang)
        if kind == "regraded" and c.severity_before is not None:
            sev = f"{severity_word(c.severity_before, lang)} → {sev}"
        where = code(f"{f.location.file}:{f.location.line}" if f.location and f.location.line else (f.location.file if f.location else "-"))
        if kind == "resolved" and f.location:
            where += " " + t(msg("(before)"))
        element = code(f.element) if f.element else ""
        out.append(f"| {sev} | {code(f.code)} {md(f.name)} | {element} | {text} | {where} |")
    if more:
        out.append(f"| | | | {t(msg('… and {n} more (see the JSON report)', n=more))} | |")
    out.append("")
    return out


def diff_markdown(d: "ArchDiff", *, fail_on_new: Severity | None = None, lang: str = "vi") -> str:
    """The diff as Markdown, for a pull-request comment or a CI job summary, in ``lang``."""
    t = lambda m: render(m, lang)  # noqa: E731
    out: list[str] = ["## " + t(msg("kientruc: what this change does to the architecture")), ""]
    context = f"{code(t(d.base.title))} → {code(t(d.head.title))} · " + t(msg("model {path}", path=code(d.head.path + '/')))
    if d.as_of:
        context += " · " + t(msg("as of {day}", day=d.as_of))
    if d.profile:
        context += " · " + t(msg("framework: {profile}", profile=_framework(d.profile)))
    out += [context, ""]
    failing = d.new_findings(fail_on_new) if fail_on_new else []
    mark = "❌" if failing else ("⚠️" if d.introduced else "✅")
    out += [f"{mark} **{md(verdict(d, fail_on_new, lang))}**", ""]

    if not d.model_changed:
        out += [t(msg("No change to the model.")), ""]
    else:
        out += [
            f"| | {t(msg('Elements'))} | {t(msg('Relations'))} |",
            "|---|---:|---:|",
            f"| {t(msg('added'))} | {len(d.added)} | {len(d.relations_added)} |",
            f"| {t(msg('removed'))} | {len(d.removed)} | {len(d.relations_removed)} |",
            f"| {t(msg('renamed'))} | {len(d.renamed)} | |",
            f"| {t(msg('changed'))} | {len(d.changed)} | {len(d.relations_changed)} |",
            "",
        ]
    out += _md_findings(t(msg("Findings the change introduces")), d.introduced, "introduced", lang)
    out += _md_findings(t(msg("Findings the change resolves")), d.resolved, "resolved", lang)
    out += _md_findings(t(msg("Findings whose severity changed")), d.regraded, "regraded", lang)

    items: list[str] = []
    for e in d.added:
        status = f" ({md(e.status)})" if e.status != "current" else ""
        items.append(f"- **{t(msg('added'))}** {md(e.kind)} {code(e.id)}: {md(e.name)}{status} — {code(_where(e.location))}")
    for e in d.removed:
        items.append(f"- **{t(msg('removed'))}** {md(e.kind)} {code(e.id)}: {md(e.name)}")
    for c in d.renamed:
        items.append(f"- **{t(msg('renamed'))}** {md(c.kind)} {code(c.old_id or '')} → {code(c.id)} ({_sameness(c.similarity, lang)})")
        items += [f"  - {_md_change(fc)}" for fc in c.changes]
    for c in d.changed:
        items.append(f"- **{t(msg('changed'))}** {md(c.kind)} {code(c.id)}: {md(c.name)}")
        items += [f"  - {_md_change(fc)}" for fc in c.changes]
    if items:
        out += ["### " + t(msg("Elements")), ""]
        shown, more = _cut(items, MAX_MARKDOWN_ITEMS * 2)
        out += shown + (["- " + t(msg("… and {n} more lines (see the JSON report)", n=more))] if more else []) + [""]

    rels: list[str] = []
    for rel in d.relations_added:
        attrs = f" {md(fmt_value(dict(rel.attributes)))}" if rel.attributes else ""
        rels.append(f"- **{t(msg('added'))}** {code(rel.source)} {md(rel.type)} {code(rel.target)}{attrs}")
    for rel in d.relations_removed:
        rels.append(f"- **{t(msg('removed'))}** {code(rel.source)} {md(rel.type)} {code(rel.target)}")
    for rc in d.relations_changed:
        rels.append(f"- **{t(msg('changed'))}** {code(rc.source)} {md(rc.type)} {code(rc.target)}: " + "; ".join(_md_change(fc) for fc in rc.changes))
    if rels:
        shown, more = _cut(rels)
        out += ["<details><summary>" + t(msg("Relations")) + ": " + t(msg("{added} added, {removed} removed, {changed} changed",
                added=len(d.relations_added), removed=len(d.relations_removed), changed=len(d.relations_changed))) + "</summary>", ""]
        out += shown + (["- " + t(msg("… and {n} more (see the JSON report)", n=more))] if more else []) + ["", "</details>", ""]

    manifest: list[str] = [f"- {_md_change(fc)}" for fc in d.manifest_changes]
    manifest += [f"- **{t(msg('waiver added'))}**: {md(_waiver_text(w, lang))}" for w in d.waivers_added]
    manifest += [f"- **{t(msg('waiver removed'))}**: {md(_waiver_text(w, lang))}" for w in d.waivers_removed]
    manifest += [
        f"- **{t(msg('waiver changed'))}** ({md(w.rule)}: {md(', '.join(w.elements))}): " + "; ".join(_md_change(fc) for fc in w.changes)
        for w in d.waivers_changed
    ]
    if manifest:
        out += ["### " + t(msg("Manifest")), ""] + manifest + [""]

    out.append("<sub>" + md(t(msg("Findings: {before} before; {after} after; {unchanged} unchanged.",
               before=_severity_counts(d.findings_before, lang), after=_severity_counts(d.findings_after, lang),
               unchanged=d.unchanged))) + "</sub>")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- JSON


def diff_json(d: "ArchDiff", *, fail_on_new: Severity | None = None) -> str:
    """The whole diff as a stable JSON document (see :meth:`ArchDiff.to_dict`)."""
    return json.dumps(d.to_dict(fail_on_new), ensure_ascii=False, indent=2, default=str) + "\n"
