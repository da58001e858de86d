"""The consolidation report of a merged province: Markdown (``kientruc consolidation``) and an HTML
fragment (the site's page and the chapter of the architecture document).

It lays out :func:`kientruc.twins.consolidation_data` — the twin sets of the day, what distinguishes
their members, the decisions and the roadmap — and takes every word from :mod:`kientruc.i18n`.
"""

from __future__ import annotations

import html
from typing import Any

from ..i18n import date as fmt_date
from ..i18n import status_title, text


def _day(value: str | None, lang: str) -> str:
    if not value:
        return "—"
    import datetime as dt

    return fmt_date(dt.date.fromisoformat(value), lang)


def _function(fn: str, lang: str) -> str:
    try:
        return text(f"consolidation.function.{fn}", lang)
    except KeyError:
        return fn


def _level(m: dict[str, Any], lang: str) -> str:
    if not m["security_level"]:
        return "—"
    word = text("consolidation.approved" if m["security_approved"] else "consolidation.proposed", lang)
    return f"{m['security_level']} ({word})"


def _score(value: float, lang: str) -> str:
    text_ = f"{value:g}"
    return text_.replace(".", ",") if lang == "vi" else text_


def _rows(ts: dict[str, Any], lang: str) -> tuple[list[str], list[list[str]]]:
    """The table of a twin set: a header and one row per member (plain text cells)."""
    actions: dict[str, str] = {}
    for d in ts["decisions"]:
        for sid, action in d["actions"].items():
            actions.setdefault(sid, text(f"consolidation.action.{action}", lang) + (" *" if d["proposal"] else ""))
    cols = ["system", "from", "status", "level", "users", "national", "links", "since", "standards", "score", "action"]
    header = [text(f"consolidation.col.{c}", lang) for c in cols]
    rows = []
    for m in ts["members"]:
        rows.append([
            f"{m['name']} ({m['id']})",
            m["predecessor"] or "—",
            status_title(m["status"], lang),
            _level(m, lang),
            str(len(m["users"])),
            ", ".join(m["national"]) or "—",
            str(m["provincial_links"]),
            _day(m["since"], lang),
            ", ".join(m["standards"]) or "—",
            _score(m["score"], lang),
            actions.get(m["id"], "—"),
        ])
    return header, rows


def _decision_lines(d: dict[str, Any], lang: str) -> list[str]:
    key = "consolidation.decision_proposal" if d["proposal"] else "consolidation.decision_decided"
    head = text(key, lang, id=d["id"])
    if d["decided_by"]:
        head += " " + text("consolidation.decided_by", lang, doc=d["decided_by"])
    lines = [head]
    for action in ("keep", "migrate", "retire"):
        ids = [i for i, a in d["actions"].items() if a == action]
        if ids:
            lines.append(f"{text(f'consolidation.action.{action}', lang)}: {', '.join(ids)}")
    if d["reason"]:
        lines.append(text("consolidation.reason", lang, reason=d["reason"]))
    if not d["roadmap"] and any(a != "keep" for a in d["actions"].values()):
        lines.append(text("consolidation.no_roadmap", lang))
    return lines


def _roadmap(data: dict[str, Any]) -> list[dict[str, Any]]:
    out, seen = [], set()
    for d in [x for ts in data["twin_sets"] for x in ts["decisions"]] + data["other_decisions"]:
        for w in d["roadmap"]:
            if (w["id"], d["id"]) not in seen:
                seen.add((w["id"], d["id"]))
                out.append({**w, "decision": d["id"]})
    return out


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def consolidation_markdown(data: dict[str, Any], lang: str = "vi") -> str:
    """The report as Markdown."""
    lines = [f"# {text('consolidation.title', lang)}", ""]
    preds = ", ".join(data["predecessors"]) or "—"
    lines += [text("consolidation.intro", lang, province=data["province"], day=_day(data["as_of"], lang),
                   predecessors=preds), ""]
    lines += [f"## {text('consolidation.twins', lang)}", ""]
    if not data["twin_sets"]:
        lines += [text("consolidation.none", lang), ""]
    for ts in data["twin_sets"]:
        lines += [f"### {text('consolidation.set_heading', lang, function=_function(ts['function'], lang), n=len(ts['members']), since=_day(ts['since'], lang))}", ""]
        header, rows = _rows(ts, lang)
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
        lines.append("")
        if any(d["proposal"] for d in ts["decisions"]):
            lines += [text("consolidation.star", lang), ""]
        if not ts["decisions"]:
            lines += [text("consolidation.no_decision", lang), ""]
        for d in ts["decisions"]:
            lines += [f"- {x}" for x in _decision_lines(d, lang)]
            lines.append("")
    if data["other_decisions"]:
        lines += [f"## {text('consolidation.decisions_without_twins', lang)}", ""]
        for d in data["other_decisions"]:
            lines += [f"- {x}" for x in _decision_lines(d, lang)]
        lines.append("")
    items = _roadmap(data)
    lines += [f"## {text('consolidation.roadmap', lang)}", ""]
    if items:
        cols = ["item", "owner", "start", "end", "decision", "systems"]
        lines.append("| " + " | ".join(text(f"consolidation.wp_col.{c}", lang) for c in cols) + " |")
        lines.append("|" + "---|" * len(cols))
        for w in items:
            row = [f"{w['name']} ({w['id']})", w["owner"] or "—", _day(w["start"], lang), _day(w["end"], lang),
                   w["decision"], ", ".join(w["systems"]) or "—"]
            lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    else:
        lines.append("—")
    return "\n".join(lines).rstrip() + "\n"


def consolidation_html(data: dict[str, Any], lang: str = "vi", *, level: int = 2) -> str:
    """The report as an HTML fragment (a section of the site, or a chapter of the document):
    headings start at ``<h{level}>``."""
    e = html.escape
    h1, h2 = f"h{level}", f"h{level + 1}"
    parts = [f'<section class="consolidation"><{h1}>{e(text("consolidation.title", lang))}</{h1}>']
    preds = ", ".join(data["predecessors"]) or "—"
    parts.append(f"<p>{e(text('consolidation.intro', lang, province=data['province'], day=_day(data['as_of'], lang), predecessors=preds))}</p>")
    if not data["twin_sets"]:
        parts.append(f"<p>{e(text('consolidation.none', lang))}</p>")
    for ts in data["twin_sets"]:
        heading = text("consolidation.set_heading", lang, function=_function(ts["function"], lang),
                       n=len(ts["members"]), since=_day(ts["since"], lang))
        parts.append(f"<{h2}>{e(heading)}</{h2}>")
        header, rows = _rows(ts, lang)
        parts.append("<table><thead><tr>" + "".join(f"<th>{e(c)}</th>" for c in header) + "</tr></thead><tbody>")
        parts += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows]
        parts.append("</tbody></table>")
        if any(d["proposal"] for d in ts["decisions"]):
            parts.append(f"<p>{e(text('consolidation.star', lang))}</p>")
        if not ts["decisions"]:
            parts.append(f"<p>{e(text('consolidation.no_decision', lang))}</p>")
        for d in ts["decisions"]:
            parts.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in _decision_lines(d, lang)) + "</ul>")
    items = _roadmap(data)
    parts.append(f"<{h2}>{e(text('consolidation.roadmap', lang))}</{h2}>")
    if items:
        cols = ["item", "owner", "start", "end", "decision", "systems"]
        parts.append("<table><thead><tr>" + "".join(f"<th>{e(text(f'consolidation.wp_col.{c}', lang))}</th>" for c in cols)
                     + "</tr></thead><tbody>")
        for w in items:
            row = [f"{w['name']} ({w['id']})", w["owner"] or "—", _day(w["start"], lang), _day(w["end"], lang),
                   w["decision"], ", ".join(w["systems"]) or "—"]
            parts.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>")
        parts.append("</tbody></table>")
    else:
        parts.append("<p>—</p>")
    parts.append("</section>")
    return "\n".join(parts) + "\n"



def merge_summary(result: Any, lang: str = "vi") -> str:
    """What ``kientruc merge`` did, for the terminal (a :class:`kientruc.merge.MergeResult`)."""
    lines = [text("merge.done", lang, predecessors=", ".join(result.predecessors), out=result.out,
                  n=result.elements, province=result.province, day=result.day.isoformat())]
    if result.renamed:
        items = ", ".join(f"{old} → {new} ({prov})" for prov, old, new in result.renamed[:12])
        lines.append(text("merge.renamed", lang, n=len(result.renamed), items=items + (" …" if len(result.renamed) > 12 else "")))
    if result.shared:
        lines.append(text("merge.shared", lang, items=", ".join(result.shared)))
    if getattr(result, "reconciled", None):
        lines.append(text("merge.reconciled", lang, items=", ".join(result.reconciled)))
    if result.ended:
        lines.append(text("merge.ended", lang, items=", ".join(f"{old} → {new}" for old, new in result.ended)))
    if getattr(result, "continued", None):
        lines.append(text("merge.continued", lang, items=", ".join(result.continued)))
    if getattr(result, "decided_on", None):
        lines.append(text("merge.decided_on", lang, day=result.decided_on.isoformat()))
    if result.dropped_settings:
        lines.append(text("merge.dropped", lang, items=", ".join(result.dropped_settings)))
    lines.append(text("merge.twins", lang, n=len(result.twins)))
    for ts in result.twins:
        lines.append(f"  {ts.function}: " + ", ".join(f"{m.id} ({m.predecessor})" for m in ts.members))
    if result.proposals:
        lines.append(text("merge.proposals", lang, items=", ".join(result.proposals)))
    if result.work_packages:
        lines.append(text("merge.roadmap", lang, items=", ".join(result.work_packages)))

    def counts(c: dict[str, int]) -> str:
        return text("merge.counts", lang, error=c.get("error", 0), warning=c.get("warning", 0), info=c.get("info", 0))

    lines.append(text("merge.checked", lang, before=counts(result.findings_before), after=counts(result.findings_after)))
    lines.append(text("merge.next", lang, out=result.out))
    return "\n".join(lines) + "\n"


def document_chapter(data: dict[str, Any] | None, lang: str = "vi") -> dict[str, Any] | None:
    """The chapter of the architecture document on the consolidation, in the document's block format
    (``{"title", "blocks"}``; blocks ``p``, ``h``, ``ul`` and ``table`` with cells ``{"text", "id"}``),
    or None when the model has no twin set and no decision on its day."""
    if not data or not (data["twin_sets"] or data["other_decisions"]):
        return None

    def cell(value: str, eid: str | None = None) -> dict[str, Any]:
        return {"text": value, "id": eid}

    preds = ", ".join(data["predecessors"]) or "—"
    blocks: list[dict[str, Any]] = [
        {"type": "p", "text": text("consolidation.intro", lang, province=data["province"],
                                   day=_day(data["as_of"], lang), predecessors=preds)},
    ]
    for ts in data["twin_sets"]:
        heading = text("consolidation.set_heading", lang, function=_function(ts["function"], lang),
                       n=len(ts["members"]), since=_day(ts["since"], lang))
        blocks.append({"type": "h", "text": heading})
        header, rows = _rows(ts, lang)
        ids = [m["id"] for m in ts["members"]]
        blocks.append({"type": "table", "caption": heading, "headers": header,
                       "rows": [[cell(row[0], eid)] + [cell(c) for c in row[1:]] for row, eid in zip(rows, ids)]})
        if any(d["proposal"] for d in ts["decisions"]):
            blocks.append({"type": "p", "text": text("consolidation.star", lang)})
        if not ts["decisions"]:
            blocks.append({"type": "p", "text": text("consolidation.no_decision", lang)})
        for d in ts["decisions"]:
            blocks.append({"type": "ul", "items": [cell(x) for x in _decision_lines(d, lang)]})
    items = _roadmap(data)
    if items:
        cols = ["item", "owner", "start", "end", "decision", "systems"]
        title = text("consolidation.roadmap", lang)
        blocks.append({"type": "h", "text": title})
        blocks.append({"type": "table", "caption": title,
                       "headers": [text(f"consolidation.wp_col.{c}", lang) for c in cols],
                       "rows": [[cell(w["name"], w["id"]), cell(w["owner"] or "—", w["owner"]),
                                 cell(_day(w["start"], lang)), cell(_day(w["end"], lang)),
                                 cell(w["decision"], w["decision"]), cell(", ".join(w["systems"]) or "—")]
                                for w in items]})
    return {"title": text("consolidation.title", lang), "blocks": blocks}


__all__ = ["consolidation_html", "consolidation_markdown", "document_chapter", "merge_summary"]
