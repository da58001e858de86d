"""The architecture document (Thuyết minh kiến trúc), as data, as a web page and as DOCX.

The structure follows what a provincial architecture document must contain
(national-framework.md §3.9): legal basis, purpose and scope, vision, principles,
current state, target architecture, connection with the national level, roadmap,
implementation and responsibilities, catalogues. :func:`document` computes it from
the graph of one day; the site renders it as a printable page, :func:`write_docx` as
a Word file officials can edit.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from ...models import LAYERS, Element
from ...views import kind_title, layer_title, number

DOC_VIEWS = ("overview", "integration", "deployment", "roadmap")
"""The diagrams the document embeds."""

DOC_FONT = "Times New Roman"
"""The font of the document (NĐ 30/2020/NĐ-CP prescribes it for administrative documents; it has the
Vietnamese glyphs, and LibreOffice substitutes the metric-compatible Liberation Serif)."""

SECTIONS: dict[str, tuple[str, str]] = {
    "legal": ("Căn cứ pháp lý, sự cần thiết", "Legal basis and need"),
    "scope": ("Mục đích, phạm vi áp dụng", "Purpose and scope"),
    "vision": ("Tầm nhìn", "Vision"),
    "principles": ("Nguyên tắc", "Principles"),
    "current": ("Hiện trạng", "Current state"),
    "target": ("Kiến trúc mục tiêu", "Target architecture"),
    "national": ("Mô hình kết nối với các hệ thống, nền tảng quốc gia", "Connection with the national platforms"),
    "roadmap": ("Lộ trình triển khai", "Roadmap"),
    "implementation": ("Tổ chức triển khai, trách nhiệm", "Implementation and responsibilities"),
    "catalogues": ("Danh mục hệ thống thông tin, cơ sở dữ liệu", "Catalogues of information systems and databases"),
}

_W: dict[str, dict[str, str]] = {
    "vi": {
        "title": "THUYẾT MINH KIẾN TRÚC",
        "approved": "Kiến trúc được phê duyệt theo {doc}.",
        "as_of": "Nội dung phản ánh mô hình kiến trúc tại ngày {day}.",
        "legal_intro": "Các văn bản là căn cứ của kiến trúc (có hiệu lực tại ngày {day}):",
        "need": "Kiến trúc được xây dựng và cập nhật theo {profile}, để bảo đảm kết nối, chia sẻ dữ liệu, "
        "dùng chung hạ tầng và tránh đầu tư trùng lặp.",
        "purpose": "Thuyết minh này mô tả {name}, phiên bản {version}: các thành phần nghiệp vụ, ứng dụng, "
        "dữ liệu, hạ tầng và an toàn thông tin, quan hệ giữa chúng, và lộ trình triển khai.",
        "scope": "Phạm vi áp dụng: các cơ quan nhà nước của {province}; mô hình gồm {orgs} cơ quan, tổ chức "
        "và {n} thành phần có hiệu lực.",
        "no_items": "Mô hình chưa ghi nhận nội dung này.",
        "current_intro": "Các thành phần hiện có (không tính thành phần kế hoạch), theo lĩnh vực:",
        "target_intro": "Sơ đồ tổng thể và số thành phần theo lớp (hiện có / kế hoạch):",
        "planned": "Thành phần kế hoạch",
        "national_intro": "Hệ thống, nền tảng quốc gia (bên ngoài tỉnh) và các thành phần của tỉnh kết nối tới:",
        "impl_intro": "Cơ quan, tổ chức và trách nhiệm chủ quản:",
        "systems": "Danh mục hệ thống thông tin",
        "databases": "Danh mục cơ sở dữ liệu",
        "projects": "Danh mục nhiệm vụ, dự án",
        "fig_overview": "Sơ đồ tổng thể",
        "fig_integration": "Mô hình tích hợp, chia sẻ dữ liệu",
        "fig_deployment": "Triển khai trên hạ tầng kỹ thuật",
        "fig_roadmap": "Lộ trình triển khai",
        "infra": "Hạ tầng kỹ thuật",
        "data": "Dữ liệu",
        "platforms": "Nền tảng, dịch vụ dùng chung",
        "apps": "Ứng dụng",
        "security": "An toàn thông tin",
        "col_no": "TT",
        "col_name": "Tên",
        "col_number": "Số, ký hiệu",
        "col_date": "Ngày",
        "col_issuer": "Cơ quan ban hành",
        "col_owner": "Chủ quản",
        "col_status": "Trạng thái",
        "col_level": "Cấp độ ATTT",
        "col_kind": "Loại",
        "col_start": "Bắt đầu",
        "col_end": "Kết thúc",
        "col_connected": "Thành phần của tỉnh kết nối",
        "col_owned": "Số thành phần chủ quản",
        "col_projects": "Nhiệm vụ, dự án chủ trì",
        "col_layer": "Lớp",
        "col_current": "Hiện có",
        "col_planned": "Kế hoạch",
        "current": "Hiện có",
        "retiring": "Sắp ngừng",
        "table": "Bảng",
        "figure": "Hình",
    },
    "en": {
        "title": "ARCHITECTURE DOCUMENT",
        "approved": "The architecture was approved by {doc}.",
        "as_of": "The contents reflect the architecture model on {day}.",
        "legal_intro": "The instruments the architecture is based on (in force on {day}):",
        "need": "The architecture is built and kept up to date under {profile}, to ensure connection and data "
        "sharing, shared infrastructure and no duplicated investment.",
        "purpose": "This document describes {name}, version {version}: its business, application, data, "
        "infrastructure and security components, how they relate, and the roadmap.",
        "scope": "Scope: the state bodies of {province}; the model holds {orgs} organisations and {n} elements "
        "in force.",
        "no_items": "The model records nothing here yet.",
        "current_intro": "The elements in place (planned ones left out), by domain:",
        "target_intro": "The overall diagram and the number of elements per layer (current / planned):",
        "planned": "Planned elements",
        "national_intro": "National systems and platforms (outside the province) and the province's elements "
        "connected to them:",
        "impl_intro": "Organisations and what they are responsible for:",
        "systems": "Catalogue of information systems",
        "databases": "Catalogue of databases",
        "projects": "Catalogue of tasks and projects",
        "fig_overview": "Overall diagram",
        "fig_integration": "Integration and data sharing",
        "fig_deployment": "Deployment on the technical infrastructure",
        "fig_roadmap": "Roadmap",
        "infra": "Technical infrastructure",
        "data": "Data",
        "platforms": "Platforms and shared services",
        "apps": "Applications",
        "security": "Information security",
        "col_no": "No.",
        "col_name": "Name",
        "col_number": "Number",
        "col_date": "Date",
        "col_issuer": "Issuer",
        "col_owner": "Owner",
        "col_status": "Status",
        "col_level": "Security level",
        "col_kind": "Kind",
        "col_start": "Start",
        "col_end": "End",
        "col_connected": "Connected elements of the province",
        "col_owned": "Elements owned",
        "col_projects": "Projects led",
        "col_layer": "Layer",
        "col_current": "Current",
        "col_planned": "Planned",
        "current": "Current",
        "retiring": "Retiring",
        "table": "Table",
        "figure": "Figure",
    },
}
_W["vi"]["planned_status"] = "Kế hoạch"
_W["en"]["planned_status"] = "Planned"

SYSTEM_KINDS = ("application", "integration_platform", "shared_service")
_SYSTEM_LAYERS = ("channel", "application", "integration", "data", "technology", "security")


def _date(d: dt.date | None, lang: str) -> str:
    if d is None:
        return ""
    return d.strftime("%d/%m/%Y") if lang == "vi" else d.isoformat()


def _cell(text: str, eid: str | None = None) -> dict[str, Any]:
    return {"text": text, "id": eid}


def document(site: Any, graph: Any, result: Any) -> dict[str, Any]:
    """The document as data: a title block and the numbered sections, each a list of blocks.

    A block is ``{"type": "p", "text"}``, ``{"type": "ul", "items": [cell]}``,
    ``{"type": "table", "caption", "headers", "rows": [[cell]]}`` or ``{"type": "figure", "view",
    "caption"}``; a cell is ``{"text", "id"}`` (``id``: the element it names, for a link).
    """
    lang = site.lang
    w = _W[lang]
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
        return {"current": w["current"], "planned": w["planned_status"], "retiring": w["retiring"]}[e.status.value]

    def owner(e: Element) -> dict[str, Any]:
        return _cell(site.label(e.owner), e.owner) if e.owner else _cell("")

    def described(items: list[Element]) -> list[dict[str, Any]]:
        return [_cell(lab(e) + (f": {e.description}" if e.description else ""), e.id) for e in items]

    sections: list[dict[str, Any]] = []

    def section(key: str, blocks: list[dict[str, Any]]) -> None:
        vi, en = SECTIONS[key]
        sections.append({"key": key, "num": len(sections) + 1, "title": vi if lang == "vi" else en, "blocks": blocks})

    tables = [0]
    figures = [0]

    def table(caption: str, headers: list[str], rows: list[list[dict[str, Any]]]) -> dict[str, Any]:
        tables[0] += 1
        return {"type": "table", "caption": f"{w['table']} {tables[0]}. {caption}", "headers": headers, "rows": rows}

    def figure(view: str, caption: str) -> dict[str, Any]:
        figures[0] += 1
        return {"type": "figure", "view": view, "caption": f"{w['figure']} {figures[0]}. {caption}"}

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
    blocks.append(p(w["legal_intro"].format(day=_date(day, lang))))
    blocks.append(table(SECTIONS["legal"][0 if lang == "vi" else 1],
                        [w["col_no"], w["col_number"], w["col_name"], w["col_date"], w["col_issuer"]],
                        [[_cell(str(i)), _cell(getattr(e, "number", "")), _cell(lab(e), e.id),
                          _cell(_date(getattr(e, "date", None), lang)), _cell(getattr(e, "issuer", ""))]
                         for i, e in enumerate(docs, 1)]))
    section("legal", blocks)

    # 2. purpose and scope
    orgs = of("organization", external=False)
    name = info.name if lang == "vi" or not info.name_en else info.name_en
    province = manifest.province if lang == "vi" or not manifest.province_en else manifest.province_en
    section("scope", [
        p(w["purpose"].format(name=name, version=info.version)),
        p(w["scope"].format(province=province, orgs=number(len(orgs), lang), n=number(len(els), lang))),
        p(w["as_of"].format(day=_date(day, lang))),
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
        table(SECTIONS["target"][0 if lang == "vi" else 1], [w["col_layer"], w["col_current"], w["col_planned"]], rows),
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
        table(SECTIONS["national"][0 if lang == "vi" else 1],
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
                _cell(_date(getattr(e, "start", None) or e.valid_from, lang)),
                _cell(_date(getattr(e, "end", None) or e.valid_to, lang)), owner(e), _cell(status(e))]
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
        table(SECTIONS["implementation"][0 if lang == "vi" else 1],
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
        "as_of": _date(day, lang),
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


def write_docx(doc: dict[str, Any], pngs: dict[str, bytes | None], path: Path, lang: str) -> None:
    """Write the document as a Word file, the diagrams embedded as PNG."""
    import docx
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
    for line in (doc["name"], f"{'Phiên bản' if lang == 'vi' else 'Version'} {doc['version']}", doc["approved"]):
        if line:
            para = d.add_paragraph(line)
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for s in doc["sections"]:
        d.add_heading(f"{s['num']}. {s['title']}", level=1)
        for b in s["blocks"]:
            kind = b["type"]
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
                png = pngs.get(b["view"])
                if png:
                    import struct

                    w_px, h_px = struct.unpack(">II", png[16:24])
                    max_h = Cm(21)
                    if width * h_px / w_px > max_h:
                        d.add_picture(io.BytesIO(png), height=max_h)
                    else:
                        d.add_picture(io.BytesIO(png), width=width)
                    d.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
                cap = styled(b["caption"], caption)
                cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(buf.getvalue())
