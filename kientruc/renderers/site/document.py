"""The architecture document (Thuyết minh kiến trúc) as data: the web page, the Word file (:mod:`.word`)
and the PDF (:mod:`.pdf`) lay it out.

:func:`document` computes it from the graph of one day: the cover and the signature of the administrative
format (NĐ 30/2020/NĐ-CP, Phụ lục I), the chapters of the outline that applies to the model's framework
edition (:data:`OUTLINES`; national-framework.md §1.3, §2, §3.9), and an appendix with the sources, their
confidence and the assumptions, which never stand in the body. A document of a day says nothing of a later
day: statuses and names are those of the day (:mod:`kientruc.models.lifecycle`), legal documents issued
later are left out, and descriptions lose the sentences that speak of later dates, laws, framework
editions or reorganisations (:func:`body_text`). docs/document.md tells more.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from functools import cache
from typing import Any

from ...i18n import LANGS, basis_title, date, kind_title, layer_title, number, status_title, text, words
from ...models import LAYERS, Element
from ...models.lifecycle import status_on
from ..printing import A4_PORTRAIT, page_title

DOC_VIEWS = ("overview", "integration", "deployment", "roadmap")
"""The diagrams the document embeds."""

SECTION_KEYS = ("legal", "scope", "vision", "principles", "current", "target", "national", "roadmap",
                "implementation", "catalogues")
"""The building blocks of every outline: what each chapter holds (the outlines order and title them)."""

OUTLINES: dict[str, tuple[str, ...]] = {
    "2015": SECTION_KEYS,
    "2019": SECTION_KEYS,
    "2025": ("legal", "scope", "principles", "vision", "current", "target", "national", "roadmap",
             "implementation", "catalogues"),
}
"""The chapters of the document, by the outline that applies to the model's framework edition
(national-framework.md §1.3, §2, §3.9): the 2015 provincial outline of Công văn 2384/BTTTT-THH for a v1.0
edition, the structure of 2019 provincial v2.0 architectures for v2.0–v4.0, and the outline of Công văn
2943/CĐSQG-CNCPS for a 3090 (2025) edition. Titles: ``document.outline.<outline>.<key>`` in the catalogue."""


def outline_for(generation: int) -> str:
    """The outline of an edition's generation (1: 2015; 2–4: 2019; 5 and later: 2025)."""
    return "2015" if generation <= 1 else "2019" if generation <= 4 else "2025"


def section_titles(outline: str, lang: str) -> list[str]:
    """The chapter titles of ``outline`` in ``lang``, in order."""
    return [text(f"document.outline.{outline}.{key}", lang) for key in OUTLINES[outline]]


SECTIONS: dict[str, tuple[str, ...]] = {
    key: tuple(text(f"document.outline.2015.{key}", lang) for lang in LANGS) for key in SECTION_KEYS
}
"""The chapters of the 2015 outline, each with its title in every language of :data:`kientruc.i18n.LANGS`."""

SYSTEM_KINDS = ("application", "integration_platform", "shared_service")
_CONNECTING_KINDS = ("application", "integration_platform", "shared_service", "database", "network", "node")
"""What counts as a system of the province in the connections chapter (never a law, a user group or a body)."""
_CONNECTION_TYPES = ("connects_to", "integrates_via", "flows_to", "uses", "accesses")
_NATIONAL_KINDS = ("application", "integration_platform", "shared_service", "database", "network", "node")

_DOMAINS: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    "classic": (
        ("infra", "document.infra", ("node", "network", "device", "system_software")),
        ("data", "document.data", ("database", "data_entity")),
        ("platforms", "document.platforms", ("integration_platform", "shared_service")),
        ("apps", "document.apps", ("application", "application_service")),
        ("channels", "document.channels", ("channel",)),
        ("security", "document.security", ("security_service", "security_control")),
    ),
    "layers4": (
        ("infra", "document.layer4.infra",
         ("node", "network", "device", "system_software", "security_service", "security_control")),
        ("data", "document.layer4.data", ("database", "data_entity", "integration_platform", "shared_service")),
        ("apps", "document.layer4.apps", ("application", "application_service", "public_service")),
        ("channels", "document.layer4.channels", ("channel",)),
    ),
}
"""The domains of the current state and the target, as the outline groups them (2025: the four 3090 layers)."""

# ----- what a document on a day may say

_NOTE_MARKERS = re.compile(
    r"chưa lấy được|chưa tìm thấy|chưa kiểm chứng|chưa biết|chưa thu thập|\[[VPU]\]|ictnews|national-framework|"
    r"shared/|theo nguồn|nguồn (?:cho|chỉ|ghi)|not retrieved|not found|unverified|the source", re.I)
_CITATION = re.compile(r"\s*\((?:theo\s+)?(?:ictnews|[a-z0-9.-]+\.(?:vn|com|net)[^()]*)\)", re.I)
_FULL_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")
_MONTH_YEAR = re.compile(r"(?<![\d/])(\d{1,2})/((?:19|20)\d\d)\b")
_NUMBERED = re.compile(r"\b\d+/((?:19|20)\d\d)/")
_YEAR = re.compile(r"(?<![\d/])((?:19|20)\d\d)(?![\d/])")
_TARGET_BEFORE = re.compile(r"(năm|đến|giai đoạn|to|by|until|of|–|-)\s*$", re.I)


def mentions_after(value: str, day: dt.date, strict: bool = False) -> bool:
    """Whether ``value`` names a date, a month or a year after ``day``, or an instrument numbered with a
    later year (``72/2025/QH15``). A year that is a target ("đến năm 2025", "2021–2025") is no mention,
    unless ``strict`` (notes about sources: there a later year is a later fact)."""
    for m in _FULL_DATE.finditer(value):
        try:
            if dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))) > day:
                return True
        except ValueError:
            continue
    for m in _MONTH_YEAR.finditer(value):
        if (int(m.group(2)), int(m.group(1))) > (day.year, day.month):
            return True
    if any(int(m.group(1)) > day.year for m in _NUMBERED.finditer(value)):
        return True
    for m in _YEAR.finditer(value):
        if int(m.group(1)) <= day.year:
            continue
        before, after = value[: m.start()], value[m.end():]
        if not strict and _TARGET_BEFORE.search(before) or not strict and re.match(r"\s*[–-]\s*(?:19|20)\d\d", after):
            continue
        return True
    return False


_REORGANISED = re.compile(r"hợp nhất|sáp nhập|\bcũ\b|cấp xã mới|tỉnh mới|\bmerg|\bformer\b", re.I)
"""Words that speak of the 2025 reorganisation (or of systems merged later): before it, the future."""


@cache
def _editions() -> list[tuple[dt.date, re.Pattern[str]]]:
    """Each framework edition's issue day, and a pattern of the instruments it names (2323/QĐ-BTTTT …)."""
    from ...frameworks import profiles

    out = []
    for prof in profiles().values():
        found = set()
        for item in (prof.short or "", prof.instrument, *prof.guidance):
            value = " ".join(f"{k} {v}" for k, v in item.items()) if isinstance(item, dict) else str(item)
            found.update(re.findall(r"\b\d+/[A-ZĐ]+(?:-[A-ZĐ]+)*", value))
        alternatives = [re.escape(f) for f in sorted(found)]
        version = re.search(r"(\d+\.\d+)$", prof.id)
        if version:  # "v2.0", "phiên bản 2.0", "version 2.0"
            alternatives.append(r"\b(?:v|phiên bản\s*|version\s*)" + re.escape(version.group(1)) + r"\b")
        if alternatives:
            out.append((prof.issued, re.compile("|".join(alternatives), re.I)))
    return out


def _reorganisation_day() -> dt.date:
    from ...frameworks import catalog

    days = [v for v in (catalog().get("reorganisation") or {}).values() if isinstance(v, dt.date)]
    return min(days) if days else dt.date.max


def speaks_of_later(value: str, day: dt.date, strict: bool = False) -> bool:
    """Whether ``value`` speaks of what came after ``day``: a later date or instrument
    (:func:`mentions_after`), a framework edition issued later, or the 2025 reorganisation before it."""
    if mentions_after(value, day, strict):
        return True
    if any(issued > day and pattern.search(value) for issued, pattern in _editions()):
        return True
    return day < _reorganisation_day() and bool(_REORGANISED.search(value))


def body_text(value: str | None, day: dt.date) -> str:
    """A description as the body of a document on ``day`` may show it: without citations of sources and
    research notes (they go to the appendix) and without sentences that speak of what came after ``day``."""
    if not value:
        return ""
    value = _CITATION.sub("", " ".join(value.split()))
    value = re.sub(r"^(?:Theo|According to) [^,]{1,40}, ", "", value)
    parts = re.split(r"(?<=[.;])\s+", value)
    kept = [part for part in parts if part and not _NOTE_MARKERS.search(part) and not speaks_of_later(part, day)]
    out = " ".join(kept).strip()
    if out.endswith(";"):
        out = out[:-1] + "."
    return out[:1].upper() + out[1:] if out else ""


def _cell(text: str, eid: str | None = None) -> dict[str, Any]:
    return {"text": text, "id": eid}


def _vn_day(day: dt.date) -> tuple[str, str, str]:
    """Day, month and year as NĐ 30/2020/NĐ-CP writes them: a day below 10 and a month below 3 with a 0."""
    return (f"{day.day:02d}", f"{day.month:02d}" if day.month < 3 else str(day.month), str(day.year))


def _issuer_lines(name: str) -> list[str]:
    """The issuing body's name in capitals on two lines where it has a body and a place ("ỦY BAN NHÂN DÂN" /
    "TỈNH QUẢNG TRỊ")."""
    name = re.sub(r"^UBND\b", "Ủy ban nhân dân", name.strip())  # the decree writes the name in full
    name = re.sub(r"^HĐND\b", "Hội đồng nhân dân", name)
    up = name.upper()
    for head in ("ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN ", "HỘI ĐỒNG NHÂN DÂN "):
        if up.startswith(head):
            return [head.strip(), up[len(head):]]
    return [up]


def document(site: Any, graph: Any, result: Any) -> dict[str, Any]:
    """The document as data: the cover, the numbered chapters (each a list of blocks), the signature
    and the appendix of sources and assumptions.

    A block is ``{"type": "p", "text"}``, ``{"type": "h", "text"}``, ``{"type": "ul", "items": [cell]}``,
    ``{"type": "table", "caption", "headers", "rows": [[cell]]}`` or ``{"type": "figure", "view",
    "caption"}``; a cell is ``{"text", "id"}`` (``id``: the element it names, for a link).
    Nothing in it speaks of a day after the document's day.
    """
    from ...frameworks import profiles

    lang = site.lang
    w = words(lang, "document")
    manifest = site.manifest
    day = site.as_of or dt.date.today()
    info = manifest.info_on(day)
    els = site.sorted_elements(graph.elements())
    # A document built after the approved edition, when a later edition is being drafted (dated by the day),
    # is that draft: it follows the draft's framework outline (a 3090 draft: the 2943 outline, four layers).
    read = manifest.edition_on(day)
    drafts = [e for e in manifest.all_editions() if e.draft and e.date <= day and not read.draft and e.date > read.date]
    prof = profiles().get(drafts[-1].profile if drafts else manifest.profile_on(day))
    if drafts:
        info = info.model_copy(update={"version": drafts[-1].version, "approved_by": None, "approved_on": None})
    outline = outline_for(prof.generation if prof else 1)
    titles = dict(zip(OUTLINES[outline], section_titles(outline, lang)))

    def of(*kinds: str, external: bool | None = None) -> list[Element]:
        out = [e for e in els if e.kind in kinds]
        if external is not None:
            out = [e for e in out if e.external == external]
        return out

    def lab(e: Element) -> str:
        return site.label(e.id)

    def status(e: Element) -> str:
        return text(f"status_on_day.{status_on(e, day)}", lang)

    def owner_id(e: Element) -> str | None:
        o = graph.owner(e.id)
        return o.id if o is not None else None

    def owner(e: Element) -> dict[str, Any]:
        oid = owner_id(e)
        return _cell(site.label(oid), oid) if oid else _cell("—")

    def lead(e: Element) -> dict[str, Any]:
        oid = owner_id(e) if e.id in site.in_force else site.owner_of(e)
        return _cell(site.label(oid), oid) if oid else _cell("—")

    def described(items: list[Element]) -> list[dict[str, Any]]:
        out = []
        for e in items:
            d = body_text(e.description, day)
            out.append(_cell(lab(e) + (f": {d}" if d else ""), e.id))
        return out

    sections: list[dict[str, Any]] = []
    tables = [0]
    figures = [0]

    def table(caption: str, headers: list[str], rows: list[list[dict[str, Any]]]) -> dict[str, Any]:
        tables[0] += 1
        return {"type": "table", "caption": f"{w['table']} {tables[0]}. {caption}", "headers": headers, "rows": rows}

    def figure(view: str, caption: str) -> dict[str, Any]:
        """A figure of the view, or of each of its parts when it prints split (each its own number,
        page and width: see :mod:`kientruc.renderers.printing`)."""
        printed = getattr(site, "printed", {}).get(view) or []
        parts = []
        for k, pr in enumerate(printed or [None]):
            figures[0] += 1
            cap = caption
            if len(printed) > 1:
                groups = ", ".join(g.label for g in pr.view.groups)
                cap = text("view.part", lang, title=caption, i=k + 1, n=len(printed), groups=groups)
            part: dict[str, Any] = {"view": pr.view.id if pr else view, "caption": f"{w['figure']} {figures[0]}. {cap}"}
            if pr is not None:
                part.update(page=dataclasses.asdict(pr.placement.page), page_name=page_title(pr.placement.page, lang),
                            width=pr.placement.width, height=pr.placement.height, label_pt=pr.placement.label_pt)
            parts.append(part)
        return {"type": "figure", "view": view, "caption": parts[0]["caption"], "parts": parts}

    def p(value: str) -> dict[str, Any]:
        return {"type": "p", "text": value}

    def h(value: str) -> dict[str, Any]:
        return {"type": "h", "text": value}

    def ul(items: list[dict[str, Any]]) -> dict[str, Any]:
        return {"type": "ul", "items": items} if items else p(w["no_items"])

    prof_name = f"{prof.title if lang == 'vi' else prof.title_en} ({basis_title(prof.instrument, lang)})" \
        if prof else manifest.profile_on(day)
    outline_name = text(f"document.outline.{outline}.name", lang)
    name = info.name if lang == "vi" or not info.name_en else info.name_en
    province = manifest.province if lang == "vi" or not manifest.province_en else manifest.province_en

    # ----- the approving decision, and whether this is the approved text or a draft
    decision = site.index.get(info.approved_by) if info.approved_by else None
    if decision is not None and decision.kind != "legal_document":
        decision = None
    dec_day = getattr(decision, "date", None) or info.approved_on
    if decision is not None and dec_day is not None and dec_day > day:
        decision = None  # approved after the day: on the day, there was no decision yet
    approved = decision is not None and dec_day == day

    def doc_ref(d: Element) -> str:
        return f"{w['decision']} {getattr(d, 'number', '')} ({date(getattr(d, 'date', None), lang)})"

    # ----- 1. legal basis and need
    docs = [e for e in of("legal_document") if getattr(e, "date", dt.date.min) <= day]
    docs.sort(key=lambda e: (getattr(e, "date", dt.date.min), e.id))
    blocks: list[dict[str, Any]] = []
    if decision is not None and approved:
        blocks.append(p(w["approved_on_day"].format(doc=doc_ref(decision))))
    elif decision is not None:
        blocks.append(p(w["approved_earlier"].format(version=info.version, doc=doc_ref(decision),
                                                      day=date(day, lang))))
    else:
        blocks.append(p(w["not_approved"].format(day=date(day, lang))))
    drivers = of("driver")
    if drivers:
        blocks += [p(w["need_drivers"]), ul(described(drivers))]
    blocks.append(p(w["need_framework"].format(profile=prof_name, outline=outline_name)))
    blocks.append(table(w["legal_intro"].format(day=date(day, lang)).rstrip(":"),
                        [w["col_no"], w["col_number"], w["col_name"], w["col_date"], w["col_issuer"]],
                        [[_cell(str(i)), _cell(getattr(e, "number", "")), _cell(lab(e), e.id),
                          _cell(date(getattr(e, "date", None), lang)), _cell(getattr(e, "issuer", ""))]
                         for i, e in enumerate(docs, 1)]))
    chapters: dict[str, list[dict[str, Any]]] = {"legal": blocks}

    # ----- 2. purpose and scope
    orgs = of("organization", external=False)
    chapters["scope"] = [
        p(w["purpose"].format(name=name, version=info.version)),
        p(w["scope"].format(province=province, orgs=number(len(orgs), lang), n=number(len(els), lang))),
        p(w["as_of"].format(day=date(day, lang))),
    ]

    # ----- 3. vision; 4. principles
    chapters["vision"] = [p(w["vision_intro"]), ul(described(of("goal")))]
    chapters["principles"] = [p(w["principles_intro"]), ul(described(of("principle") + of("requirement")))]

    # ----- 5. current state, by the outline's domains
    domains = _DOMAINS["layers4" if outline == "2025" else "classic"]
    blocks = [p(w["current_intro"])]
    for _key, title_key, kinds in domains:
        items = [e for e in of(*kinds, external=False) if status_on(e, day) in ("current", "retiring", "in_progress")]
        blocks.append(h(text(title_key, lang)))
        if items:
            blocks.append(table(text(title_key, lang), [w["col_no"], w["col_name"], w["col_kind"], w["col_owner"],
                                                        w["col_status"]],
                                [[_cell(str(i)), _cell(lab(e), e.id), _cell(kind_title(e.kind, lang)), owner(e),
                                  _cell(status(e))] for i, e in enumerate(items, 1)]))
        else:
            blocks.append(p(w["no_items"]))
    chapters["current"] = blocks

    # ----- 6. target architecture
    rows = []
    for i, (_key, title_key, kinds) in enumerate(domains, 1):
        members = of(*kinds, external=False)
        rows.append([_cell(str(i)), _cell(text(title_key, lang)),
                     _cell(number(sum(status_on(e, day) != "planned" for e in members), lang)),
                     _cell(number(sum(status_on(e, day) == "planned" for e in members), lang))])
    planned = [e for e in els if status_on(e, day) == "planned" and e.layer != "roadmap"]
    chapters["target"] = [
        p(w["target_intro"]),
        figure("overview", w["fig_overview"]),
        table(w["target_table"], [w["col_no"], w["col_domain"], w["col_current"], w["col_planned"]], rows),
        h(w["planned"]),
        ul([_cell(f"{lab(e)} ({kind_title(e.kind, lang)})", e.id) for e in planned]),
        figure("deployment", w["fig_deployment"]),
    ]

    # ----- 7. connection with the national level: for each national system, the province's systems
    rows = []
    national = [e for e in els if e.external and e.kind in _NATIONAL_KINDS]
    for i, e in enumerate(national, 1):
        linked: set[str] = set()
        for r in graph.in_(e.id, *_CONNECTION_TYPES):
            linked.add(r.source)
        for r in graph.out(e.id, *_CONNECTION_TYPES):
            linked.add(r.target)
        systems = [site.index[x] for x in linked if x in site.index]
        systems = [x for x in systems if not x.external and x.kind in _CONNECTING_KINDS]
        names = sorted((lab(x) for x in systems), key=str.casefold)
        rows.append([_cell(str(i)), _cell(lab(e), e.id), _cell(kind_title(e.kind, lang)),
                     _cell("; ".join(names) if names else w["not_connected"])])
    chapters["national"] = [
        p(w["national_systems_intro"]),
        table(titles["national"], [w["col_no"], w["col_platform"], w["col_kind"], w["col_systems"]], rows),
        figure("integration", w["fig_integration"]),
    ]

    # ----- 8. roadmap: the phases, and the tasks and projects with their lead body, dates and budget
    # the roadmap on the day: what is in force, and what has ended (shown as ended), never what is not yet
    road = [e for e in site.arch.elements if e.layer == "roadmap" and site.index.get(e.id) is e and e.kind != "consolidation"
            and (e.id in site.in_force or status_on(e, day) == "ended")]
    road.sort(key=lambda e: (getattr(e, "start", None) or e.valid_from or dt.date.max, e.id))
    phases = [e for e in road if e.kind == "plateau"]
    tasks = [e for e in road if e.kind != "plateau"]
    chapters["roadmap"] = [
        figure("roadmap", w["fig_roadmap"]),
        h(w["phases"]),
        ul([_cell(f"{lab(e)} ({date(getattr(e, 'start', None) or e.valid_from, lang) or '…'} – "
                  f"{date(getattr(e, 'end', None), lang) or '…'})", e.id) for e in phases]),
        h(w["projects"]),
        table(w["projects"], [w["col_no"], w["col_name"], w["col_lead"], w["col_start"], w["col_end"],
                              w["col_budget"], w["col_status"]],
              [[_cell(str(i)), _cell(lab(e), e.id), lead(e),
                _cell(date(getattr(e, "start", None) or e.valid_from, lang) or w["not_known"]),
                _cell(date(getattr(e, "end", None), lang) or w["not_known"]),
                _cell(body_text(getattr(e, "budget", None), day) or w["not_known"]), _cell(status(e))]
               for i, e in enumerate(tasks, 1)]) if tasks else p(w["no_items"]),
    ]

    # ----- 9. implementation: each body's responsibilities
    rows = []
    n = 0
    for o in orgs:
        owned = [site.index[r.target] for r in graph.out(o.id, "owns") if r.target in site.index]
        systems = [x for x in owned if x.layer != "roadmap"]
        projects = [x for x in owned if x.layer == "roadmap" and x.kind != "plateau"]
        role = body_text(o.description, day)
        if not (systems or projects or role):
            continue
        n += 1
        rows.append([_cell(str(n)), _cell(lab(o), o.id), _cell(role or "—"),
                     _cell("; ".join(lab(x) for x in systems) or "—"),
                     _cell("; ".join(lab(x) for x in projects) or "—")])
    chapters["implementation"] = [
        p(w["resp_intro"]),
        table(titles["implementation"], [w["col_no"], w["col_name"], w["col_function"], w["col_owns"],
                                         w["col_leads"]], rows),
    ]

    # ----- 10. catalogues
    systems = of(*SYSTEM_KINDS, external=False)
    dbs = of("database", external=False)
    chapters["catalogues"] = [
        table(w["systems"], [w["col_no"], w["col_name"], w["col_kind"], w["col_owner"], w["col_level"], w["col_status"]],
              [[_cell(str(i)), _cell(lab(e), e.id), _cell(kind_title(e.kind, lang)), owner(e),
                _cell(str(getattr(e, "security_level", None) or "—")), _cell(status(e))]
               for i, e in enumerate(systems, 1)]),
        table(w["databases"], [w["col_no"], w["col_name"], w["col_owner"], w["col_level"], w["col_status"]],
              [[_cell(str(i)), _cell(lab(e), e.id), owner(e),
                _cell(str(getattr(e, "security_level", None) or "—")), _cell(status(e))]
               for i, e in enumerate(dbs, 1)]),
    ]

    for key in OUTLINES[outline]:
        sections.append({"key": key, "num": len(sections) + 1, "title": titles[key], "blocks": chapters[key]})
        if key == "roadmap":
            # the consolidation of a merged province (kientruc merge): a chapter of its own after the
            # roadmap, when there is one
            from ..consolidation import document_chapter

            chapter = document_chapter(getattr(site, "consolidation", None), lang)
            if chapter is not None:
                sections.append({"key": "consolidation", "num": len(sections) + 1, **chapter})

    # ----- the appendix: sources, confidence, assumptions (never in the body)
    def conf(c: Any) -> str:
        return text(f"document.confidence.{c.value}", lang) if c is not None else "—"

    rows = []
    later = 0

    def add(item: dict[str, Any], sources: list[Any], assumptions: list[str]) -> None:
        nonlocal later
        for src in sources:
            title = src if isinstance(src, str) else src.title
            note = "" if isinstance(src, str) else (src.note or "")
            if speaks_of_later(f"{title} {note}", day, strict=True):
                later += 1
                continue
            full = " ".join(f"{title}. {note}".split()).strip(". ")
            rows.append([_cell(str(len(rows) + 1)), item, _cell(full),
                         _cell(conf(None if isinstance(src, str) else src.confidence)), _cell("")])
        for a in assumptions:
            if speaks_of_later(a, day, strict=True):
                later += 1
                continue
            rows.append([_cell(str(len(rows) + 1)), item, _cell(""), _cell(""), _cell(" ".join(a.split()))])

    add(_cell(w["appendix_model"]), list(manifest.sources), [])
    for e in els:
        add(_cell(lab(e), e.id), list(e.sources), list(e.assumptions))
    appendix = {
        "title": w["appendix"],
        "blocks": [p(w["appendix_intro"].format(outline=outline_name)),
                   table(w["appendix"].split(". ", 1)[-1].capitalize(),
                         [w["col_no"], w["col_element"], w["col_source"], w["col_confidence"], w["col_assumption"]],
                         rows)],
    }

    # ----- the cover and the signature (NĐ 30/2020/NĐ-CP, Phụ lục I)
    issuer_name = getattr(decision, "issuer", None) if decision is not None else None
    if not issuer_name:
        govs = [o for o in orgs if getattr(o, "org_type", None) is not None and o.org_type.value == "government"
                and getattr(o, "admin_level", None) is not None and o.admin_level.value == "tinh"]
        issuer_name = lab(govs[0]) if govs else province
    place = manifest.province
    if approved:
        d, m, y = _vn_day(day)
        number_text = getattr(decision, "number", "")
    else:
        d, m, y = "     ", "     ", str(day.year)
        suffix = getattr(decision, "number", "/QĐ-UBND").split("/", 1)[-1]
        number_text = f"        /{suffix}"
    if lang == "en":
        place_date = text("document.place_date", lang, place=manifest.province_en or place, d=d.lstrip("0") or d,
                          m=day.strftime("%B") if approved else "     ", y=y)
    else:
        place_date = text("document.place_date", lang, place=place, d=d, m=m, y=y)
    lines = _issuer_lines(issuer_name) if lang == "vi" else [issuer_name.upper()]
    body = lines[0]
    signer = (getattr(decision, "signer", None) or "") if approved else ""
    vice = signer.lower().startswith(("phó chủ tịch", "vice"))
    sign_name = re.sub(r"^(phó chủ tịch|chủ tịch|vice-chairman|chairman)\s*", "", signer, flags=re.I).strip()
    signature = {
        "on_behalf": w["on_behalf"].format(body=body),
        "lines": [w["for_head"].format(head=w["chair"]), w["vice_chair"]] if vice else [w["chair"]],
        "name": sign_name,
    }
    if decision is not None and approved:
        attached = w["attached"].format(doc=w["decision"], number=getattr(decision, "number", ""),
                                        day=date(dec_day, lang), issuer=issuer_name)
    else:
        attached = w["attached_draft"].format(day=date(day, lang))
    cover = {
        "issuer": lines,
        "national_title": w["national_title"],
        "motto": w["motto"],
        "draft": not approved,
        "number": w["number"].format(number=number_text),
        "place_date": place_date,
        "title": w["title"],
        "name": name.upper() if lang == "vi" else name,
        "version": f"{w['version']} {info.version}",
        "attached": attached,
    }
    return {
        "title": w["title"],
        "name": name,
        "province": province,
        "version": info.version,
        "approved": site.label(info.approved_by) if decision is not None else "",
        "as_of": date(day, lang),
        "outline": outline,
        "outline_name": outline_name,
        "cover": cover,
        "sections": sections,
        "signature": signature,
        "appendix": appendix,
        "lang": lang,
    }


# --------------------------------------------------------------------------- DOCX

from .word import DOC_FONT, write_docx  # noqa: E402  (the Word file: kientruc.renderers.site.word)

__all__ = ["DOC_FONT", "DOC_VIEWS", "OUTLINES", "SECTIONS", "body_text", "document", "mentions_after",
           "outline_for", "section_titles", "speaks_of_later", "write_docx"]
