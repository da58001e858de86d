"""The verdict in words: which framework judged the model on the day, with what outcome, and which edition
of the architecture was in force (:class:`kientruc.pipeline.Verdict`, as its ``to_dict()``).

Used by the text report of ``kientruc check``, the compliance summary and the site's front page.
Every word comes from the catalogue (``verdict.*``), in Vietnamese or English.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from ..frameworks import profiles
from ..i18n import basis_title, date, text


def _day(value: str | None, lang: str) -> str:
    return date(dt.date.fromisoformat(value), lang) if value else "—"


def _outcome(j: dict[str, Any], lang: str) -> str:
    status = text("verdict.passed" if j["exit_code"] == 0 else "verdict.failed", lang)
    if j["exit_code"] >= 2:
        status = text("verdict.unreadable", lang)
    scores = ""
    if "score" in j:
        scores = text("verdict.scores", lang, score=_pct(j["score"]), components=_pct(j["components_score"]),
                      connections=_pct(j["connections_score"]))
    known = ""
    if j.get("baseline"):
        b = j["baselined"]
        known = text("verdict.known", lang, errors=b["errors"], warnings=b["warnings"], infos=b["infos"],
                     file=os.path.basename(j["baseline"]))
    return text("verdict.outcome", lang, status=status, errors=j["errors"], warnings=j["warnings"], infos=j["infos"],
                known=known, scores=scores)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


def verdict_sentence(v: dict[str, Any], lang: str) -> str:
    """One sentence: the deciding judgement, then the edition's framework where it differs."""
    day = _day(v["as_of"], lang)
    edition = v.get("edition") or {}
    parts = []
    for j in v["profiles"]:
        instrument = basis_title(j["instrument"], lang) if j["instrument"] else j["profile"] or "—"
        if j["role"] == "chosen":
            parts.append(text("verdict.chosen", lang, instrument=instrument, profile=j["profile"],
                              outcome=_outcome(j, lang)))
        elif j["role"] == "in_force":
            same = edition.get("profile") == j["profile"]
            parts.append(text("verdict.in_force_same" if same else "verdict.in_force", lang, instrument=instrument,
                              day=day, outcome=_outcome(j, lang)))
        else:
            key = "verdict.edition" if parts else "verdict.edition_only"
            parts.append(text(key, lang, version=edition.get("version", ""), instrument=instrument, day=day,
                              outcome=_outcome(j, lang)))
    return "; ".join(parts) + "."


def _profile_name(pid: str | None, lang: str) -> str:
    """A framework by its title in ``lang`` and the document that issued it (never its key alone)."""
    p = profiles().get(pid or "")
    if p is None:
        return str(pid)
    return f"{(p.title_en if lang == 'en' else p.title) or p.title} ({basis_title(p.short or p.instrument, lang)})"


def edition_lines(v: dict[str, Any], lang: str) -> list[str]:
    """The edition read against on the day, whether a newer framework has no edition yet, drafts pending."""
    e = v.get("edition")
    if not e:
        return []
    province = (e.get("province_en") if lang == "en" else None) or e["province"] or "—"
    values = dict(version=e["version"], province=province, profile=_profile_name(e["profile"], lang),
                  date=_day(e["date"], lang), day=_day(v["as_of"], lang),
                  decision=e["decision"] or e["approved_by"] or "—")
    if e["draft"] and e["implicit"]:
        key = "verdict.edition_unapproved"
    elif e["draft"]:
        key = "verdict.edition_draft"
    elif not e["in_force"]:
        key = "verdict.edition_before"
    else:
        key = "verdict.edition_line"
    lines = [text(key, lang, **values)]
    if v.get("edition_behind"):
        lines.append(text("verdict.behind", lang, profile=_profile_name(v["framework_in_force"], lang)))
    for d in v.get("later_drafts", []):
        lines.append(text("verdict.draft_pending", lang, version=d["version"], date=_day(d["date"], lang),
                          profile=_profile_name(d["profile"], lang)))
    return lines


def edition_note(v: dict[str, Any], lang: str) -> str | None:
    """The edition's own remark, in the language asked for when written in it (else Vietnamese).

    Shown while the edition lags the framework in force (that is what such remarks are about: why no
    newer edition exists yet)."""
    e = v.get("edition") or {}
    return (e.get("note_en") if lang == "en" else None) or e.get("note")


def verdict_heading(v: dict[str, Any], lang: str) -> str:
    return text("verdict.heading", lang, day=_day(v["as_of"], lang))


def verdict_text(v: dict[str, Any], lang: str) -> str:
    """The verdict as a few lines of text: heading and sentence, the edition, its note."""
    lines = [f"{verdict_heading(v, lang)}: {verdict_sentence(v, lang)}"]
    lines += edition_lines(v, lang)
    note = edition_note(v, lang) if v.get("edition_behind") else None
    if note:
        lines.append(note)
    return "\n".join(lines) + "\n"
