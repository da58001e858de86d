"""The static website of an architecture, and its architecture document.

``build_site(publication, out)`` renders what :func:`kientruc.pipeline.publication` gathered — the
model, its graph for the day and its checks against every framework profile — : it computes the
views, draws them with Graphviz (in parallel, while the pipeline runs the rules) and writes a site
of plain HTML files with relative links only: it works opened from the file system or from any
web server, and loads nothing from the network.

The site is written to a temporary folder beside ``out`` and swapped in at the end, so a
failed build leaves the previous site as it was. A folder that is not a kientruc site
(it lacks :data:`MARKER`) is not replaced unless ``force``.

This module neither loads a model nor runs the rules: it receives their results as data.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
import time
import unicodedata
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ...findings import Finding, Severity
from ...frameworks import profiles
from ...graph import ArchGraph
from ...models import LAYERS, Element
from ...models.base import SourceRef
from ...models.lifecycle import name_on, status_on
from ...i18n import Text, basis_title, date, kind_title, layer_title, msg, number, text, value_title, words
from ...views import UnknownView, compute_view, view_catalog
from ..consolidation import consolidation_html
from ..diagrams import (DEFAULT_TIMEOUT, DiagramError, dot_executable, graphviz_notes, graphviz_view, natural_size, run_dot,
                        run_dot_many, to_dot)
from ..printing import Printed, page_title, points, printable
from . import document as docmod
from . import pdf as pdfmod
from .i18n import T

MARKER = ".kientruc-site"
"""A file at the root of every site kientruc builds: what may be replaced without --force."""

DOCX_NAME = "thuyet-minh-kien-truc.docx"
CONSOLIDATION_PAGE = "hop-nhat.html"
PDF_NAME = pdfmod.PDF_NAME


class BuildError(Exception):
    """The site could not be built; the message is meant for the user."""


@dataclass
class BuildReport:
    out: Path
    pages: int
    elements: int
    diagrams: int
    seconds: float
    warnings: list[Text] = field(default_factory=list)
    pdf: Path | None = None
    """The document as PDF, when it was written."""
    pdf_note: str = ""
    """Why the PDF was not written (no LibreOffice, a failed conversion), for the user."""


# --------------------------------------------------------------------------- helpers


def fold(text: str) -> str:
    """Lower case without diacritics (đ → d): what the search compares."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def element_url(element_id: str) -> str:
    return f"e/{element_id}.html"


_NODE_RE = re.compile(
    r'(<g id="node(?:&#45;|-)(?P<id>[^"]+)" class="node">\s*<title>.*?</title>\s*<g id="a_[^"]*"><a )', re.S
)


def link_svg(svg: bytes, known: set[str], root: str) -> Markup:
    """SVG text for inlining in a page, each node of an element linked to the element's page."""
    text = svg.decode("utf-8")
    start = text.find("<svg")
    text = text[start:] if start >= 0 else text

    def repl(m: re.Match[str]) -> str:
        eid = m.group("id").replace("&#45;", "-")
        if eid not in known:
            return m.group(1)
        return m.group(1) + f'href="{root}{element_url(eid)}" xlink:href="{root}{element_url(eid)}" '

    text = _NODE_RE.sub(repl, text)
    # dot writes width/height in pt: keep the natural width as the most, let CSS scale it down to the page
    text = re.sub(r'<svg width="([0-9.]+)pt" height="[^"]*"', r'<svg class="diagram-svg" style="width: \1pt"', text,
                  count=1)
    return Markup(text)  # produced by Graphviz from escaped labels


def _fmt_date(d: dt.date | None, lang: str) -> str:
    if d is None:
        return ""
    return d.strftime("%d/%m/%Y") if lang == "vi" else d.isoformat()


# --------------------------------------------------------------------------- the build


class _Site:
    def __init__(self, publication: Any, lang: str):
        self.lang = lang
        self.publication = publication
        self.warnings: list[Text] = publication.warnings
        self.loaded = publication.loaded
        self.arch = self.loaded.architecture
        self.manifest = self.arch.manifest
        self.graph: ArchGraph = publication.graph
        self.as_of = self.graph.as_of
        self.index = self.arch.index
        self.in_force = {e.id for e in self.graph.elements()}
        self.printed: dict[str, list[Printed]] = {}  # the views as they print, set once drawn
        self.known = set(self.index)
        # every relation written, both ways, whatever the day
        self.out_rel: dict[str, list] = defaultdict(list)
        self.in_rel: dict[str, list] = defaultdict(list)
        for rel in self.arch.relations:
            self.out_rel[rel.source].append(rel)
            self.in_rel[rel.target].append(rel)
        self.t = T[lang]
        self.consolidation: dict[str, Any] | None = None  # set by the build for a merged province
        env = Environment(
            loader=PackageLoader("kientruc.renderers.site", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        # a rule's text marks what the model writes as ``literal``: shown as code, not with its backquotes
        env.filters["literals"] = lambda s: Markup(re.sub(r"``([^`]+)``", r"<code>\1</code>", str(escape(s))))
        env.globals.update(
            t=self.t,
            lang=lang,
            kind_title=lambda k: kind_title(k, lang),
            layer_title=lambda layer: layer_title(layer, lang),
            fmt_date=lambda d: _fmt_date(d, lang),
            bases=lambda bs: "; ".join(basis_title(b, lang) for b in bs),  # legal bases in the reader's language
            number=lambda n: number(n, lang),
            ftext=lambda f: f.text(lang),
            family_title=lambda fam: words(lang, "family").get(fam, fam),
            fhint=lambda f: f.hint_text(lang),
            LAYERS=LAYERS,
            site=self,
        )
        self.env = env

    # ----- model helpers used by the templates

    def label(self, element_id: str) -> str:
        """The element's name as it read on the site's day (see :func:`kientruc.models.lifecycle.name_on`)."""
        el = self.index.get(element_id)
        return name_on(el.label(self.lang), el, self.as_of) if el else element_id

    def status_of(self, el: Element) -> str:
        """The element's status on the site's day: current, planned, in_progress, ended, not_yet, retiring."""
        return status_on(el, self.as_of)

    def owner_of(self, el: Element) -> str | None:
        """The id of the body that owns ``el`` on the site's day: the ``owns`` relation in force then (written
        on the organisation or as the element's ``owner``); for an element not in force, its last owner."""
        if el.id in self.in_force:
            owner = self.graph.owner(el.id)
            if owner is not None:
                return owner.id
        owns = [r for r in self.in_rel.get(el.id, []) if r.type == "owns"]
        if not owns:
            return el.owner
        def last(r: Any) -> dt.date:
            spec = r.spec
            to = getattr(spec, "valid_to", None) if spec is not None else None
            return to or dt.date.max
        return max(owns, key=last).source

    def exists(self, element_id: str) -> bool:
        return element_id in self.index

    def is_in_force(self, element_id: str) -> bool:
        return element_id in self.in_force

    def layer_of(self, el: Element) -> str:
        return el.layer

    def sorted_elements(self, elements: Iterable[Element]) -> list[Element]:
        return sorted(elements, key=lambda e: (LAYERS.index(e.layer), e.kind, fold(e.label(self.lang)), e.id))

    def extra_fields(self, el: Element) -> list[tuple[str, str]]:
        """The kind's own fields (number, issuer, security level…), as text."""
        base = set(Element.model_fields)
        out = []
        for name, value in el.__dict__.items():
            if name in base or value in (None, [], {}, ""):
                continue
            if isinstance(value, dt.date):
                value = _fmt_date(value, self.lang)
            else:  # enumerated values and yes/no by their titles, never the key the model writes
                value = value_title(value, self.lang)
            out.append((self.t["fields"].get(name, name), str(value)))
        if el.planned_from is not None:
            out.append((self.t["fields"]["planned_from"], _fmt_date(el.planned_from, self.lang)))
        if el.province:  # the province over time (a merger of provinces): "Kon Tum: …–30/06/2025; …"
            periods = [f"{t.name}: {_fmt_date(t.valid_from, self.lang) if t.valid_from else '…'}–"
                       f"{_fmt_date(t.valid_to, self.lang) if t.valid_to else '…'}" if (t.valid_from or t.valid_to)
                       else t.name for t in el.province]
            out.append((self.t["fields"].get("province", "province"), "; ".join(periods)))
        return out

    def source_parts(self, src: Any) -> dict[str, Any]:
        if isinstance(src, SourceRef):
            return {
                "title": src.title,
                "url": src.url if src.url and src.url.startswith(("http://", "https://")) else None,
                "date": _fmt_date(src.date, self.lang),
                "confidence": value_title(src.confidence, self.lang) if src.confidence else "",
                "note": src.note or "",
            }
        return {"title": str(src), "url": None, "date": "", "confidence": "", "note": ""}

    def period(self, el: Element) -> str:
        a = _fmt_date(el.valid_from, self.lang) or "…"
        b = _fmt_date(el.valid_to, self.lang) or "…"
        return "" if el.valid_from is None and el.valid_to is None else f"{a} – {b}"

    def rel_title(self, rtype: str, incoming: bool) -> str:
        names = self.t["rel_in" if incoming else "rel_out"]
        return names.get(rtype, rtype)

    # ----- rendering

    def render(self, template: str, root: str, **ctx: Any) -> str:
        return self.env.get_template(template).render(root=root, **ctx)


def _verdict_words(publication: Any, lang: str) -> dict[str, Any] | None:
    """The verdict the front page and the compliance page lead with, as sentences."""
    from ..verdict import edition_lines, edition_note, verdict_heading, verdict_sentence

    judged = getattr(publication, "verdict", None)
    if judged is None:
        return None
    data = judged.to_dict()
    if not data.get("edition"):
        return None
    note = edition_note(data, lang) if data.get("edition_behind") else None
    return {"heading": verdict_heading(data, lang), "sentence": verdict_sentence(data, lang),
            "lines": edition_lines(data, lang), "note": note, "exit_code": judged.exit_code}


def _percent(value: float, lang: str) -> str:
    shown = f"{value:.1f}"
    return (shown.replace(".", ",") if lang == "vi" else shown) + "%"


def front_verdict(report: dict[str, Any] | None, summary: dict[str, int], day: dt.date, lang: str,
                  framework: str | None = None) -> dict[str, Any]:
    """What the front page leads with: the verdict of a check, against which framework, and on which day.

    ``report`` is a compliance report as data (``ComplianceReport.to_dict()``) of the framework judged,
    ``summary`` the number of findings by severity of that check. ``framework`` names the framework when
    the caller knows better than the report which one is in force on the day (the verdict against the
    framework in force, issue 11, can feed it here). Returns ``{"ok", "title", "text", "day"}``.
    """
    prof = (report or {}).get("profile") or {}
    name = framework or (prof.get("title") if lang == "vi" else prof.get("title_en")) or ""
    if prof.get("instrument") and not framework:
        name = f"{name} ({basis_title(prof['instrument'], lang)})"
    errors, warnings = summary.get("error", 0), summary.get("warning", 0)
    ok = errors == 0
    score = (report or {}).get("score")
    pct = "—" if score is None else _percent(score, lang)
    values = dict(day=date(day, lang), framework=name, score=pct, errors=number(errors, lang),
                  warnings=number(warnings, lang))
    return {
        "ok": ok,
        "title": text("site.verdict_ok" if ok else "site.verdict_failed", lang, **values),
        "text": text("site.verdict_text", lang, **values),
        "not_in_force": prof.get("in_force_on_day") is False,
        "day": date(day, lang),
    }


BATCH = 25
"""Context diagrams are laid out this many to a ``dot`` process: starting Graphviz (fonts, plugins)
costs far more than laying out a small diagram."""


def _draw_batch(names: list[str], texts: list[str], warnings: list[Text]) -> list[bytes | None]:
    """SVG of each DOT text, from one batch of Graphviz runs; each diagram on its own if the batch fails."""
    if len(texts) > 1:
        said: list[str] = []
        try:
            drawn = list(run_dot_many(texts, warnings=said))
        except DiagramError:
            pass
        else:
            views = dict(zip(names, texts))
            for line in said:
                warnings.extend(graphviz_notes([line], graphviz_view(line, views) or ", ".join(names)))
            return drawn
    return [_draw(text, "svg", warnings, name) for name, text in zip(names, texts)]


def _print_job(view: Any, svg: bytes | None, want_png: bool, warnings: list[Text]
               ) -> tuple[list[Printed], dict[str, bytes | None]]:
    """``view`` as it prints (see :func:`kientruc.renderers.printing.printable`) and, if ``want_png``,
    each part drawn as PNG for the document."""
    try:
        parts = printable(view, lambda v: run_dot(to_dot(v), "svg"), svg=svg, size=natural_size)
    except DiagramError as exc:
        warnings.append(msg("diagram {view} (print): {error}", view=view.id, error=exc.args[0] if exc.args else str(exc)))
        return [], {}
    for part in parts:
        if not part.placement.fits:
            warnings.append(msg("diagram {view}: its smallest label prints at {size} pt even on {page}",
                                view=part.view.id, size=round(part.placement.label_pt, 1), page=part.placement.page.name))
    pngs = {p.view.id: _draw(to_dot(p.view), "png", warnings, f"{p.view.id} (PNG)") for p in parts} if want_png else {}
    return parts, pngs


def _draw(dot_text: str, fmt: str, warnings: list[Text], name: str = "") -> bytes | None:
    """The drawing, or ``None`` with the reason in ``warnings``; what Graphviz said about a drawing it made is
    told in the reader's words (:func:`graphviz_notes`)."""
    said: list[str] = []
    try:
        return run_dot(dot_text, fmt, warnings=said)
    except DiagramError as exc:
        error = exc.args[0] if exc.args else str(exc)
        warnings.append(msg("diagram {view}: {error}", view=name, error=error) if name else error)
        return None
    finally:
        warnings.extend(graphviz_notes(said, name))


def build_site(
    publication: Any,
    out: str | os.PathLike[str],
    *,
    lang: str = "vi",
    force: bool = False,
    docx: bool = True,
    progress: Callable[[str, int, int], Any] | None = None,
    workers: int | None = None,
    pdf: bool = True,
) -> BuildReport:
    """Build the site of ``publication`` (see :func:`kientruc.pipeline.publication`) into ``out`` (atomically).

    With ``docx``, the architecture document as a Word file; with ``pdf`` too, as PDF where LibreOffice is
    installed (:mod:`.pdf`; the report's ``pdf_note`` says why not otherwise)."""
    started = time.monotonic()
    if lang not in ("vi", "en"):
        raise ValueError("lang must be 'vi' or 'en'")
    out = Path(out)
    if out.exists():
        if not out.is_dir():
            raise BuildError(msg("'{folder}' exists and is not a folder", folder=str(out)))
        if not (out / MARKER).is_file() and any(out.iterdir()) and not force:
            raise BuildError(msg(
                "'{folder}' is not a kientruc site (no {marker} file): refusing to replace it; choose another {out} or "
                "pass {force}", folder=str(out), marker=MARKER, out="--out", force="--force"))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        report = _build_into(publication, tmp, lang, docx, progress, workers, pdf)
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    report.out = out
    if report.pdf is not None:
        report.pdf = out / report.pdf.name
    report.seconds = time.monotonic() - started
    return report


def _swap(tmp: Path, out: Path) -> None:
    os.chmod(tmp, 0o755)
    if not out.exists():
        os.replace(tmp, out)
        return
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    os.replace(out, old)
    try:
        os.replace(tmp, out)
    except BaseException:
        os.replace(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _build_into(
    publication: Any,
    dest: Path,
    lang: str,
    want_docx: bool,
    progress: Callable[[str, int, int], Any] | None,
    workers: int | None,
    want_pdf: bool = True,
) -> BuildReport:
    def step(label: str, done: int, total: int) -> None:
        if progress:
            progress(label, done, total)

    site = _Site(publication, lang)
    # ----- views and their drawings
    graph = site.graph
    views: dict[str, Any] = {}
    for info in view_catalog(graph, lang):
        try:
            views[info.id] = compute_view(graph, info.id, lang=lang)
        except (UnknownView, ValueError) as exc:
            site.warnings.append(msg("view {view}: {error}", view=info.id, error=exc.args[0] if exc.args else str(exc)))
    context_ids = [e.id for e in site.sorted_elements(graph.elements())]
    for eid in context_ids:
        try:
            views[f"context:{eid}"] = compute_view(graph, f"context:{eid}", lang=lang)
        except (UnknownView, ValueError) as exc:
            site.warnings.append(msg("view {view}: {error}", view="context:" + eid, error=exc.args[0] if exc.args else str(exc)))
    jobs = [(vid, to_dot(v)) for vid, v in views.items()]
    svgs: dict[str, bytes | None] = {}
    total = len(jobs)
    workers = workers or max(2, os.cpu_count() or 2)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures: dict[str, Any] = {}
        batch: list[tuple[str, str]] = []

        def flush() -> None:
            if batch:
                fut = pool.submit(_draw_batch, [vid for vid, _text in batch], [text for _vid, text in batch], site.warnings)
                for k, (vid, _text) in enumerate(batch):
                    futures[vid] = (fut, k)
                batch.clear()

        for vid, text in jobs:
            if vid.startswith("context:"):
                batch.append((vid, text))
                if len(batch) == BATCH:
                    flush()
            else:
                futures[vid] = (pool.submit(_draw, text, "svg", site.warnings, vid), None)
        flush()
        # the rules run here, in this process, while Graphviz draws in its own processes
        result, reports = publication.checks(step, lang=lang)
        for i, (vid, (fut, k)) in enumerate(futures.items(), 1):
            svgs[vid] = fut.result() if k is None else fut.result()[k]
            step("drawing", i, total)
        # every view of the whole model as it prints: placed on a page, split into parts if need be
        prints = {vid: pool.submit(_print_job, views[vid], svgs.get(vid), want_docx and vid in docmod.DOC_VIEWS,
                                   site.warnings)
                  for vid in views if not vid.startswith("context:")}
        png_bytes: dict[str, bytes | None] = {}
        printed: dict[str, list[Printed]] = {}
        for vid, fut in prints.items():
            printed[vid], pngs = fut.result()
            png_bytes.update(pngs)
    for vid, parts in printed.items():
        if len(parts) > 1:
            for part in parts:
                views[part.view.id] = part.view
                svgs[part.view.id] = part.svg
    site.printed = printed
    findings_of: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        if f.element:
            findings_of[f.element].append(f)
    waived_of: dict[str, list[Finding]] = defaultdict(list)
    for f, _w in result.waived:
        if f.element:
            waived_of[f.element].append(f)

    def diagram(view_id: str, root: str) -> Markup | None:
        svg = svgs.get(view_id)
        return link_svg(svg, site.known, root) if svg else None

    site.env.globals["diagram"] = diagram
    site.env.globals["views"] = views
    site.env.globals["print_parts"] = lambda vid: [p for p in printed.get(vid, []) if p.view.id != vid]
    site.env.globals["page_name"] = lambda page: page_title(page, lang)
    site.env.globals["fmt_pt"] = lambda size: points(size, lang)

    # ----- the document: Word and PDF first, so that the pages link only to what was written
    merged = publication.consolidation()  # the consolidation of a merged province (kientruc merge)
    site.consolidation = merged if (merged["twin_sets"] or merged["other_decisions"]) else None
    doc = docmod.document(site, graph, result)  # after the consolidation: the document has a chapter of it
    pdf_path: Path | None = None
    pdf_note = ""
    if want_docx:
        docmod.write_docx(doc, png_bytes, dest / DOCX_NAME, lang)
        if want_pdf:
            try:
                pdfmod.write_pdf(doc, png_bytes, dest / pdfmod.PDF_NAME, lang, docx_out=dest / DOCX_NAME)
                pdf_path = dest / pdfmod.PDF_NAME
            except pdfmod.PdfError as exc:
                pdf_note = str(exc)
                site.warnings.append(pdf_note)

    # ----- pages
    pages: list[tuple[str, str]] = []  # (path, html)
    arch_info = site.manifest.info_on(site.as_of)
    approved = arch_info.approved_by
    verdict = _verdict_words(publication, site.lang)
    counts = graph.counts()
    summary = {s.label: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
    for f in result.findings:
        summary[f.severity.label] = summary.get(f.severity.label, 0) + 1
    common = dict(
        ruling=verdict,
        edition_profile=site.manifest.profile_on(site.as_of),
        has_consolidation=site.consolidation is not None,
        verdict=front_verdict(reports.get(site.manifest.profile_on(site.as_of)), summary, site.as_of, lang),
        arch=arch_info,
        manifest=site.manifest,
        as_of=site.as_of,
        approved=approved,
        counts=counts,
        summary=summary,
        docx_name=DOCX_NAME if want_docx else None,
        pdf_name=pdf_path.name if pdf_path is not None else None,
    )
    pages.append(("index.html", site.render("home.html.j2", "", page="home", **common)))
    for layer in LAYERS:
        els = site.sorted_elements(graph.layer(layer))
        gone = site.sorted_elements(e for e in site.arch.elements if e.layer == layer and e.id not in site.in_force
                                    and site.index[e.id] is e)
        pages.append(
            (f"layers/{layer}.html",
             site.render("layer.html.j2", "../", page="layer", layer=layer, elements=els, others=gone,
                         view_id=f"layer:{layer}", **common))
        )
    seen: set[str] = set()
    n_el = 0
    for el in site.arch.elements:
        if el.id in seen:
            continue
        seen.add(el.id)
        n_el += 1
        pages.append(
            (element_url(el.id),
             site.render("element.html.j2", "../", page="element", el=el,
                         out_rel=site.out_rel.get(el.id, []), in_rel=site.in_rel.get(el.id, []),
                         findings=sorted(findings_of.get(el.id, []), key=lambda f: f.sort_key()),
                         waived=waived_of.get(el.id, []), **common))
        )
    other = [f for f in result.findings if not f.element]
    main_profile = result.profile.id if result.profile else site.manifest.profile_on(site.as_of)
    pages.append(("compliance.html", site.render("compliance.html.j2", "", page="compliance", reports=reports,
                                                 main_profile=main_profile, other_findings=other,
                                                 all_findings=sorted(result.findings, key=lambda f: f.sort_key()),
                                                 **common)))
    # the roadmap of the day: what was planned, under way or done by then (not what was planned later)
    roadmap = site.sorted_elements(e for e in site.arch.elements if e.layer == "roadmap" and site.index[e.id] is e
                                   and e.kind != "consolidation"  # decisions: the consolidation page
                                   and site.status_of(e) != "not_yet")
    roadmap.sort(key=lambda e: (getattr(e, "start", None) or e.valid_from or dt.date.max, e.id))
    pages.append(("roadmap.html", site.render("roadmap.html.j2", "", page="roadmap", items=roadmap, **common)))
    orgs = [e for e in site.arch.elements if e.kind == "organization" and site.index[e.id] is e]
    orgs.sort(key=lambda e: (e.valid_from or dt.date.min, fold(e.name)))
    pages.append(("organisations.html", site.render("organisations.html.j2", "", page="organisations", orgs=orgs,
                                                    **common)))
    if site.consolidation is not None:
        body = Markup(consolidation_html(site.consolidation, site.lang, level=1))
        pages.append((CONSOLIDATION_PAGE, site.render("consolidation.html.j2", "", page="consolidation", body=body,
                                                      **common)))
    rules = sorted(publication.rules, key=lambda r: (r.family, r.code))
    pages.append(("rules.html", site.render("rules.html.j2", "", page="rules", rules=rules, **common)))
    pages.append(("search.html", site.render("search.html.j2", "", page="search", **common)))
    diagram_ids = [vid for vid in views if not vid.startswith("context:") and views[vid].whole is None]
    part_ids = [vid for vid in views if views[vid].whole is not None]
    pages.append(("diagrams.html", site.render("diagrams.html.j2", "", page="diagrams", diagram_ids=diagram_ids,
                                               **common)))
    pages.append(("thuyet-minh.html", site.render("document.html.j2", "", page="document", doc=doc, **common)))

    # ----- write
    for i, (rel, html) in enumerate(pages, 1):
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
        if i % 50 == 0 or i == len(pages):
            step("writing", i, len(pages))
    assets = resources.files("kientruc.renderers.site") / "assets"
    (dest / "assets").mkdir(exist_ok=True)
    for item in assets.iterdir():
        if item.is_file() and not item.name.startswith("."):
            (dest / "assets" / item.name).write_bytes(item.read_bytes())
    index = []
    for el in site.arch.elements:
        if site.index[el.id] is not el:
            continue
        names = [el.name] + ([el.name_en] if el.name_en else [])
        index.append({
            "id": el.id,
            "n": el.label(lang),
            "k": kind_title(el.kind, lang),
            "u": element_url(el.id),
            "f": fold(" ".join(names + [el.id])),
            "x": 0 if el.id in site.in_force else 1,
        })
    (dest / "assets" / "search-index.js").write_text(
        "window.KIENTRUC_INDEX = " + json.dumps(index, ensure_ascii=False).replace("</", "<\\/") + ";\n",
        encoding="utf-8",
    )
    for vid in diagram_ids + part_ids:
        if svgs.get(vid):
            (dest / "diagrams").mkdir(exist_ok=True)
            (dest / "diagrams" / f"{vid.replace(':', '-')}.svg").write_bytes(svgs[vid])  # type: ignore[arg-type]
    (dest / MARKER).write_text(
        json.dumps({"generator": "kientruc", "built": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                    "as_of": site.as_of.isoformat(), "lang": lang}) + "\n",
        encoding="utf-8",
    )
    return BuildReport(dest, len(pages), n_el, sum(1 for v in svgs.values() if v), 0.0, site.warnings,
                       pdf=pdf_path, pdf_note=pdf_note)


__all__ = ["BuildError", "BuildReport", "MARKER", "DOCX_NAME", "PDF_NAME", "front_verdict", "build_site", "fold", "link_svg"]
