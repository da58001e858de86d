"""The architecture document (Thuyết minh kiến trúc), as data, as a web page and as DOCX.

The structure follows what a provincial architecture document must contain
(national-framework.md §3.9): legal basis, purpose and scope, vision, principles,
current state, target architecture, connection with the national level, roadmap,
implementation and responsibilities, catalogues. :func:`document` computes it from
the graph of one day; the site renders it as a printable page, :func:`write_docx` as
a Word file officials can edit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path
from typing import Any

from ...i18n import LANGS, date, kind_title, layer_title, number, status_title, text, words
from ...models import LAYERS, Element
from ..printing import A4_PORTRAIT, page_title

DOC_VIEWS = ("overview", "integration", "deployment", "roadmap")
"""The diagrams the document embeds."""

DOC_FONT = "Times New Roman"
"""The font of the document (NĐ 30/2020/NĐ-CP prescribes it for administrative documents; it has the
Vietnamese glyphs, and LibreOffice substitutes the metric-compatible Liberation Serif)."""

SECTIONS: dict[str, tuple[str, ...]] = {
    key: tuple(text(f"document.section.{key}", lang) for lang in LANGS)
    for key in ("legal", "scope", "vision", "principles", "current", "target", "national", "roadmap",
                "implementation", "catalogues")
}
"""The sections of the document, in order (what the national guidance asks for), each with its
title in every language of :data:`kientruc.i18n.LANGS`."""

SYSTEM_KINDS = ("application", "integration_platform", "shared_service")
_SYSTEM_LAYERS = ("channel", "application", "integration", "data", "technology", "security")


def _cell(text: str, eid: str | None = None) -> dict[str, Any]:
    return {"text": text, "id": eid}


def document(site: Any, graph: Any, result: Any) -> dict[str, Any]:
    """The document as data: a title block and the numbered sections, each a list of blocks.

    A block is ``{"type": "p", "text"}``, ``{"type": "ul", "items": [cell]}``,
    ``{"type": "table", "caption", "headers", "rows": [[cell]]}`` or ``{"type": "figure", "view",
    "caption"}``; a cell is ``{"text", "id"}`` (``id``: the element it names, for a link).
    """
    lang = site.lang
    w = words(lang, "document")
    nth = LANGS.index(lang)  # a section's title in this language: SECTIONS[key][nth]
    manifest = site.manifest
    info = manifest.architecture
    day = site.as_of
    els = site.sorted_elements(graph.elements())

    def of(*kinds: str, external: bool | None = None) -> list[Element]:
        out = [e for e in els if e.kind in kinds]
        if external is not None:
            out = [e for e in out if e.external == external]
        return out

    def lab(e: Element) -> str:
        return e.label(lang)

    def status(e: Element) -> str:
        return status_title(e.status.value, lang)

    def owner(e: Element) -> dict[str, Any]:
        return _cell(site.label(e.owner), e.owner) if e.owner else _cell("")

    def described(items: list[Element]) -> list[dict[str, Any]]:
        return [_cell(lab(e) + (f": {e.description}" if e.description else ""), e.id) for e in items]

    sections: list[dict[str, Any]] = []

    def section(key: str, blocks: list[dict[str, Any]]) -> None:
        sections.append({"key": key, "num": len(sections) + 1, "title": SECTIONS[key][nth], "blocks": blocks})

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

    def p(text: str) -> dict[str, Any]:
        return {"type": "p", "text": text}

    def ul(items: list[dict[str, Any]]) -> dict[str, Any]:
        return {"type": "ul", "items": items} if items else p(w["no_items"])

    from ...frameworks import profiles

    prof = profiles().get(manifest.profile)
    prof_name = f"{prof.title} ({prof.instrument})" if prof else manifest.profile

    # 1. legal basis
    docs = sorted(of("legal_document"), key=lambda e: (getattr(e, "date", dt.date.min), e.id))
    blocks = []
    if info.approved_by:
        blocks.append(p(w["approved"].format(doc=site.label(info.approved_by))))
    blocks.append(p(w["need"].format(profile=prof_name)))
    blocks.append(p(w["legal_intro"].format(day=date(day, lang))))
    blocks.append(table(SECTIONS["legal"][nth],
                        [w["col_no"], w["col_number"], w["col_name"], w["col_date"], w["col_issuer"]],
                        [[_cell(str(i)), _cell(getattr(e, "number", "")), _cell(lab(e), e.id),
                          _cell(date(getattr(e, "date", None), lang)), _cell(getattr(e, "issuer", ""))]
                         for i, e in enumerate(docs, 1)]))
    section("legal", blocks)

    # 2. purpose and scope
    orgs = of("organization", external=False)
    name = info.name if lang == "vi" or not info.name_en else info.name_en
    province = manifest.province if lang == "vi" or not manifest.province_en else manifest.province_en
    section("scope", [
        p(w["purpose"].format(name=name, version=info.version)),
        p(w["scope"].format(province=province, orgs=number(len(orgs), lang), n=number(len(els), lang))),
        p(w["as_of"].format(day=date(day, lang))),
    ])

    # 3. vision; 4. principles
    section("vision", [ul(described(of("driver") + of("goal")))])
    section("principles", [ul(described(of("principle") + of("requirement")))])

    # 5. current state
    domains = [
        ("infra", ("node", "network", "device", "system_software")),
        ("data", ("database", "data_entity")),
        ("platforms", ("integration_platform", "shared_service")),
        ("apps", ("application", "application_service", "channel")),
        ("security", ("security_service", "security_control")),
    ]
    blocks = [p(w["current_intro"])]
    for key, kinds in domains:
        items = [e for e in of(*kinds, external=False) if e.status.value != "planned"]
        blocks.append({"type": "h", "text": w[key]})
        blocks.append(ul([_cell(lab(e) + (f" ({site.label(e.owner)})" if e.owner else ""), e.id) for e in items]))
    section("current", blocks)

    # 6. target architecture
    rows = []
    for layer in LAYERS:
        members = [e for e in els if e.layer == layer]
        rows.append([_cell(layer_title(layer, lang)),
                     _cell(number(sum(e.status.value != "planned" for e in members), lang)),
                     _cell(number(sum(e.status.value == "planned" for e in members), lang))])
    planned = [e for e in els if e.status.value == "planned"]
    section("target", [
        p(w["target_intro"]),
        figure("overview", w["fig_overview"]),
        table(SECTIONS["target"][nth], [w["col_layer"], w["col_current"], w["col_planned"]], rows),
        {"type": "h", "text": w["planned"]},
        ul([_cell(f"{lab(e)} ({kind_title(e.kind, lang)})", e.id) for e in planned]),
        figure("deployment", w["fig_deployment"]),
    ])

    # 7. connection with the national level
    rows = []
    for i, e in enumerate([e for e in els if e.external and e.layer in _SYSTEM_LAYERS], 1):
        linked = sorted({r.source for r in graph.in_(e.id) if r.source in site.in_force and r.type != "owns"})
        linked = [x for x in linked if not site.index[x].external]
        rows.append([_cell(str(i)), _cell(lab(e), e.id), _cell(kind_title(e.kind, lang)),
                     _cell(", ".join(site.label(x) for x in linked[:12]) + (" …" if len(linked) > 12 else ""))])
    section("national", [
        p(w["national_intro"]),
        table(SECTIONS["national"][nth],
              [w["col_no"], w["col_name"], w["col_kind"], w["col_connected"]], rows),
        figure("integration", w["fig_integration"]),
    ])

    # 8. roadmap
    road = [e for e in els if e.layer == "roadmap"]
    road.sort(key=lambda e: (getattr(e, "start", None) or e.valid_from or dt.date.max, e.id))
    section("roadmap", [
        figure("roadmap", w["fig_roadmap"]),
        table(w["projects"], [w["col_no"], w["col_name"], w["col_start"], w["col_end"], w["col_owner"], w["col_status"]],
              [[_cell(str(i)), _cell(lab(e), e.id),
                _cell(date(getattr(e, "start", None) or e.valid_from, lang)),
                _cell(date(getattr(e, "end", None) or e.valid_to, lang)), owner(e), _cell(status(e))]
               for i, e in enumerate(road, 1)]),
    ])

    # 9. implementation
    rows = []
    for i, o in enumerate(orgs, 1):
        owned = [r.target for r in graph.out(o.id, "owns")]
        projects = [x for x in owned if site.index[x].layer == "roadmap"]
        rows.append([_cell(str(i)), _cell(lab(o), o.id), _cell(number(len(owned), lang)),
                     _cell(", ".join(site.label(x) for x in projects[:8]) + (" …" if len(projects) > 8 else ""))])
    section("implementation", [
        p(w["impl_intro"]),
        table(SECTIONS["implementation"][nth],
              [w["col_no"], w["col_name"], w["col_owned"], w["col_projects"]], rows),
    ])

    # 10. catalogues
    systems = of(*SYSTEM_KINDS, external=False)
    dbs = of("database", external=False)
    section("catalogues", [
        table(w["systems"], [w["col_no"], w["col_name"], w["col_kind"], w["col_owner"], w["col_level"], w["col_status"]],
              [[_cell(str(i)), _cell(lab(e), e.id), _cell(kind_title(e.kind, lang)), owner(e),
                _cell(str(getattr(e, "security_level", None) or "")), _cell(status(e))]
               for i, e in enumerate(systems, 1)]),
        table(w["databases"], [w["col_no"], w["col_name"], w["col_owner"], w["col_level"], w["col_status"]],
              [[_cell(str(i)), _cell(lab(e), e.id), owner(e),
                _cell(str(getattr(e, "security_level", None) or "")), _cell(status(e))]
               for i, e in enumerate(dbs, 1)]),
    ])

    return {
        "title": w["title"],
        "name": name,
        "province": province,
        "version": info.version,
        "approved": site.label(info.approved_by) if info.approved_by else "",
        "as_of": date(day, lang),
        "sections": sections,
    }


# --------------------------------------------------------------------------- DOCX


def _set_font(style: Any, name: str, size: float | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.font.name = name
    if size:
        style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _table(d: Any, headers: list[str], rows: list[list[str]], style_id: str) -> None:
    """A bordered table; the rows are copies of one template row (python-docx's add_row is slow)."""
    from copy import deepcopy

    from docx.oxml.ns import qn

    tb = d.add_table(rows=2, cols=len(headers))
    tb.style = "Table Grid"
    for cell, text in zip(tb.rows[0].cells, headers):
        para = cell.paragraphs[0]
        para._p.style = style_id
        para.add_run(text).bold = True
    for cell in tb.rows[1].cells:
        para = cell.paragraphs[0]
        para._p.style = style_id
        para.add_run("-")  # a run with a w:t to fill in
    template = tb.rows[1]._tr
    tbl = template.getparent()
    for row in rows:
        tr = deepcopy(template)
        for t, text in zip(tr.iter(qn("w:t")), row):
            t.text = text
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        tbl.append(tr)
    tbl.remove(template)


def _fit_picture(d: Any, png: bytes, width: Any) -> Any:
    """A picture drawn without a placement: the text width, at most 21 cm high."""
    import struct

    from docx.shared import Cm

    w_px, h_px = struct.unpack(">II", png[16:24])
    max_h = Cm(21)
    if width * h_px / w_px > max_h:
        return d.add_picture(io.BytesIO(png), height=max_h)
    return d.add_picture(io.BytesIO(png), width=width)


def write_docx(doc: dict[str, Any], pngs: dict[str, bytes | None], path: Path, lang: str) -> None:
    """Write the document as a Word file, the diagrams embedded as PNG."""
    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    d = docx.Document()
    _set_font(d.styles["Normal"], DOC_FONT, 13)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Caption", "List Bullet", "Table Grid"):
        try:
            _set_font(d.styles[name], DOC_FONT)
        except KeyError:
            pass
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        d.styles[name].font.color.rgb = RGBColor(0, 0, 0)
    sec = d.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Cm(3), Cm(2), Cm(2), Cm(2)
    width = sec.page_width - sec.left_margin - sec.right_margin
    d.core_properties.title = f"{doc['title']}: {doc['name']}"
    d.core_properties.language = lang
    d.core_properties.author = "kientruc"

    # python-docx looks a style up by name in O(styles) per paragraph: set the style id directly
    bullet, caption = d.styles["List Bullet"].style_id, d.styles["Caption"].style_id

    def styled(text: str, style_id: str) -> Any:
        para = d.add_paragraph(text)
        para._p.style = style_id
        return para

    small_style = d.styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    small_style.base_style = d.styles["Normal"]
    small_style.font.size = Pt(10)
    small_style.paragraph_format.space_after = Pt(0)
    small = small_style.style_id

    t = d.add_paragraph(doc["title"], style="Title")
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in (doc["name"], f"{text('document.version', lang)} {doc['version']}", doc["approved"]):
        if line:
            para = d.add_paragraph(line)
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    portrait = dataclasses.asdict(A4_PORTRAIT)
    current = [portrait]

    def use_page(page: dict[str, Any]) -> None:
        """Go on in a section of ``page`` (a new section on a new page if the current one differs)."""
        if page == current[0]:
            return
        new = d.add_section(WD_SECTION.NEW_PAGE)
        new.orientation = WD_ORIENT.LANDSCAPE if page["orientation"] == "landscape" else WD_ORIENT.PORTRAIT
        new.page_width, new.page_height = Cm(page["width_cm"]), Cm(page["height_cm"])
        new.left_margin, new.right_margin = Cm(page["left_cm"]), Cm(page["right_cm"])
        new.top_margin, new.bottom_margin = Cm(page["top_cm"]), Cm(page["bottom_cm"])
        current[0] = page

    for s in doc["sections"]:
        use_page(portrait)
        d.add_heading(f"{s['num']}. {s['title']}", level=1)
        for b in s["blocks"]:
            kind = b["type"]
            if kind != "figure":
                use_page(portrait)
            if kind == "p":
                d.add_paragraph(b["text"])
            elif kind == "h":
                d.add_heading(b["text"], level=2)
            elif kind == "ul":
                for item in b["items"]:
                    styled(item["text"], bullet)
            elif kind == "table":
                styled(b["caption"], caption)
                _table(d, b["headers"], [[c["text"] for c in row] for row in b["rows"]], small)
            elif kind == "figure":
                for part in b.get("parts") or [b]:
                    use_page(part.get("page") or portrait)
                    png = pngs.get(part["view"])
                    if png:
                        if part.get("width"):
                            pic = d.add_picture(io.BytesIO(png), width=Pt(part["width"]))
                        else:
                            pic = _fit_picture(d, png, width)
                        pic._inline.docPr.set("name", part["view"])  # which diagram: the tests measure it
                        pic._inline.docPr.set("descr", part["caption"])
                        d.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
                    cap = styled(part["caption"], caption)
                    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(buf.getvalue())
