"""The compliance summary as text (for a terminal or a CI log) and as JSON.

The summary is computed by :func:`kientruc.validators.compliance.compliance_of`; this
module only lays it out. Vietnamese by default, English with ``lang="en"``.
"""

from __future__ import annotations

import json
from typing import Any

import datetime as dt

from ..i18n import LANGS, date, msg, percent, render, words

MARKS = {"passed": "✓", "failed": "✗", "waived": "~", "not_applicable": "·"}
LABELS = {lang: words(lang, "compliance.status") for lang in LANGS}


def _pct(value: float | None, lang: str) -> str:
    return "—" if value is None else percent(value, lang)


def compliance_text(report: dict[str, Any], lang: str = "vi") -> str:
    """A plain-text summary of :meth:`ComplianceReport.to_dict` (its messages already in ``lang``)."""
    h, labels = words(lang, "compliance"), LABELS[lang]

    def title(item: dict[str, Any]) -> str:
        return item["title"] if lang == "vi" else item["title_en"]

    lines = [f"{h['title']}: {report['architecture']} ({report['province']})"]
    p = report.get("profile")
    if p:
        note = "" if p["in_force_on_day"] else " " + h["not_in_force"]
        lines.append(f"{h['profile']}: {p['title'] if lang == 'vi' else p['title_en']} ({p['id']}){note}")
    lines.append(f"{h['day']}: {date(dt.date.fromisoformat(report['as_of']), lang)}")
    lines.append(f"{h['score']}: {_pct(report['score'], lang)}")
    for section, key, count in (("components", "components_score", "elements"), ("connections", "connections_score", None)):
        items = report[section]
        if not items:
            continue
        lines.append("")
        lines.append(f"{h[section]} ({_pct(report[key], lang)})")
        for item in items:
            n = item.get("elements", 0)
            word = h["element"] if n == 1 else h["elements"]
            extra = f" [{n} {word}]" if count else ""
            lines.append(f"  {MARKS[item['status']]} {labels[item['status']]:<14} {title(item)}{extra}")
            failing = [f for f in item["findings"] if f["severity"] in ("error", "warning")]
            for f in failing[:3]:
                where = f" ({f['file']}:{f['line']})" if f.get("file") else ""
                lines.append(f"      {f['code']} {f['message']}{where}")
            if len(failing) > 3:
                lines.append("      " + render(msg("… and {n} more", n=len(failing) - 3), lang))
    lines.append("")
    lines.append(h["families"])
    for fam in report["families"]:
        c = fam["rules"]
        counts = f"{c['passed']}/{c['passed'] + c['failed'] + c['waived']} {h['rules']}"
        if c["waived"]:
            counts += f", {c['waived']} {labels['waived']}"
        lines.append(f"  {MARKS[fam['status']]} {labels[fam['status']]:<14} {title(fam):<48} {counts:<22} {_pct(fam['score'], lang)}")
        for r in (r for r in report["rules"] if r["family"] == fam["id"] and r["status"] == "failed"):
            lines.append(f"      {r['id']} {r['title'] if lang == 'vi' else r['title_en']}: {len(r['findings'])}")
    return "\n".join(lines) + "\n"


def compliance_json(report: dict[str, Any], *, verdict: dict[str, Any] | None = None,
                    also: list[dict[str, Any]] | None = None) -> str:
    """The summary as JSON; with a verdict, ``verdict`` (the profiles judged against, the edition) and
    ``also``: the summaries against the other profiles of the verdict (the edition's framework)."""
    doc = dict(report)
    if verdict is not None:
        doc["verdict"] = verdict
        doc["also"] = list(also or [])
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def compliance_verdict_text(reports: list[dict[str, Any]], verdict: dict[str, Any], lang: str = "vi") -> str:
    """The verdict, then the summary against the deciding framework, then against the edition's framework."""
    from .verdict import verdict_text

    return "\n".join([verdict_text(verdict, lang)] + [compliance_text(r, lang) for r in reports])


__all__ = ["compliance_json", "compliance_text", "compliance_verdict_text"]
