"""The architecture document as a Word file, in the administrative format of NĐ 30/2020/NĐ-CP, Phụ lục I.

The cover carries the issuing body and the number of the document on the left, the Quốc hiệu and the
Tiêu ngữ (with its rule) on the right, the place and the date under them, and "DỰ THẢO" on a draft; then
the title and the decision it is issued with. A table of contents field (Word fills it when the file is
opened: ``w:updateFields``), page numbers (a PAGE field centred in the top margin, none on the first page,
as Phụ lục I asks), the chapters, the signature block, and the appendix of sources and assumptions.
Times New Roman 13 for the text (NĐ 30: 13–14); LibreOffice draws it with the metric-compatible
Liberation Serif.
"""

from __future__ import annotations

import io
import struct
from copy import deepcopy
from pathlib import Path
from typing import Any

from ..._io import write_atomic
from ...i18n import text

DOC_FONT = "Times New Roman"
"""The font of the document (NĐ 30/2020/NĐ-CP prescribes it for administrative documents; it has the
Vietnamese glyphs, and LibreOffice substitutes the metric-compatible Liberation Serif)."""

BODY_PT = 13
TABLE_PT = 11
TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'


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


def _el(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(k), v)
    return e


def _field_begin(para: Any, instruction: str) -> None:
    """The start of a complex field in ``para``: begin, the instruction, separate (the result follows)."""
    para.add_run()._r.append(_el("w:fldChar", **{"w:fldCharType": "begin", "w:dirty": "true"}))
    run = para.add_run()
    instr = _el("w:instrText", **{"xml:space": "preserve"})
    instr.text = f" {instruction} "
    run._r.append(instr)
    para.add_run()._r.append(_el("w:fldChar", **{"w:fldCharType": "separate"}))


def _field_end(para: Any) -> None:
    para.add_run()._r.append(_el("w:fldChar", **{"w:fldCharType": "end"}))


def _field(para: Any, instruction: str, shown: str) -> None:
    _field_begin(para, instruction)
    para.add_run(shown)
    _field_end(para)


def _border(para: Any, side: str, size: int = 6) -> None:
    ppr = para._p.get_or_add_pPr()
    bdr = ppr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr")
    if bdr is None:
        bdr = _el("w:pBdr")
        ppr.append(bdr)
    bdr.append(_el(f"w:{side}", **{"w:val": "single", "w:sz": str(size), "w:space": "1", "w:color": "000000"}))


def _no_borders(table: Any) -> None:
    tblpr = table._tbl.tblPr
    borders = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(f"w:{side}", **{"w:val": "nil"}))
    tblpr.append(borders)


def _widths(table: Any, widths: list[Any]) -> None:
    """Fixed column widths (Word and LibreOffice read them from the grid and from every cell)."""
    table.autofit = False
    tblpr = table._tbl.tblPr
    tblpr.append(_el("w:tblLayout", **{"w:type": "fixed"}))
    for col, w in zip(table.columns, widths):
        col.width = w
        for cell in col.cells:
            cell.width = w


def column_widths(headers: list[str], rows: list[list[str]], total_cm: float) -> list[float]:
    """Widths in cm: a narrow number column ("TT"), the others by how much text they hold."""
    narrow = [i == 0 and len(h) <= 3 for i, h in enumerate(headers)]
    weights = []
    for i, h in enumerate(headers):
        cells = [len(r[i]) for r in rows[:200] if i < len(r)] or [0]
        weights.append(min(max(len(h), sum(cells) / len(cells), 10), 60))
    free = total_cm - sum(1.0 for n in narrow if n)
    spread = sum(w for w, n in zip(weights, narrow) if not n) or 1
    return [1.0 if n else max(free * w / spread, 1.6) for w, n in zip(weights, narrow)]


def _table(d: Any, headers: list[str], rows: list[list[str]], style_id: str, total_cm: float = 16.0) -> None:
    """A bordered table; the rows are copies of one template row (python-docx's add_row is slow)."""
    from docx.oxml.ns import qn
    from docx.shared import Cm

    tb = d.add_table(rows=2, cols=len(headers))
    tb.style = "Table Grid"
    _widths(tb, [Cm(w) for w in column_widths(headers, rows, total_cm)])
    for cell, value in zip(tb.rows[0].cells, headers):
        para = cell.paragraphs[0]
        para._p.style = style_id
        para.add_run(value).bold = True
    # the header row repeats on every page the table runs over
    tb.rows[0]._tr.get_or_add_trPr().append(_el("w:tblHeader"))
    for cell in tb.rows[1].cells:
        para = cell.paragraphs[0]
        para._p.style = style_id
        para.add_run("-")  # a run with a w:t to fill in
    template = tb.rows[1]._tr
    tbl = template.getparent()
    for row in rows:
        tr = deepcopy(template)
        for t, value in zip(tr.iter(qn("w:t")), row):
            t.text = value
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        tbl.append(tr)
    tbl.remove(template)


def headings(doc: dict[str, Any]) -> list[str]:
    """The headings of level 1 the document has, in order (what its table of contents lists)."""
    return [f"{s['num']}. {s['title']}" for s in doc["sections"]] + [doc["appendix"]["title"]]


def write_docx(doc: dict[str, Any], pngs: dict[str, bytes | None], path: Path, lang: str,
               toc_pages: dict[str, int] | None = None) -> None:
    """Write the document as a Word file, the diagrams embedded as PNG.

    ``toc_pages``: the page of each heading (from a first rendering, see :mod:`.pdf`) to show in the
    table of contents before Word or LibreOffice updates it; without it the entries carry no page.
    """
    write_atomic(path, docx_bytes(doc, pngs, lang, toc_pages))


def docx_bytes(doc: dict[str, Any], pngs: dict[str, bytes | None], lang: str,
               toc_pages: dict[str, int] | None = None) -> bytes:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Cm, Pt, RGBColor

    d = docx.Document()
    normal = d.styles["Normal"]
    _set_font(normal, DOC_FONT, BODY_PT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Caption", "List Bullet", "Table Grid", "Header",
                 "Footer"):
        try:
            _set_font(d.styles[name], DOC_FONT)
        except KeyError:
            pass
    for name, size in (("Heading 1", 14), ("Heading 2", 13), ("Heading 3", 13)):
        st = d.styles[name]
        st.font.size = Pt(size)
        st.font.bold = True
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.paragraph_format.space_before = Pt(12)
        st.paragraph_format.space_after = Pt(6)
    d.styles["Heading 2"].font.italic = False
    d.styles["Caption"].font.size = Pt(12)
    d.styles["Caption"].font.color.rgb = RGBColor(0, 0, 0)

    sec = d.sections[0]
    # A4; margins of Phụ lục I: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Cm(3), Cm(2), Cm(2), Cm(2)
    width = sec.page_width - sec.left_margin - sec.right_margin
    d.core_properties.title = f"{doc['title']}: {doc['name']}"
    d.core_properties.language = lang
    d.core_properties.author = "kientruc"

    # the page number: centred in the top margin, not on the first page (Phụ lục I)
    sec.different_first_page_header_footer = True
    head = sec.header.paragraphs[0]
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(head, "PAGE", "2")

    bullet, caption = d.styles["List Bullet"].style_id, d.styles["Caption"].style_id
    small_style = d.styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    small_style.base_style = normal
    small_style.font.size = Pt(TABLE_PT)
    small_style.paragraph_format.space_after = Pt(0)
    small_style.paragraph_format.line_spacing = 1.0
    small = small_style.style_id

    def para(value: str = "", *, bold: bool = False, italic: bool = False, size: float | None = None,
             align: Any = None, container: Any = None, space_after: float | None = None) -> Any:
        p = (container or d).add_paragraph()
        if value:
            run = p.add_run(value)
            run.bold, run.italic = bold, italic
            if size:
                run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        if space_after is not None:
            p.paragraph_format.space_after = Pt(space_after)
        return p

    def styled(value: str, style_id: str) -> Any:
        p = d.add_paragraph(value)
        p._p.style = style_id
        return p

    center = WD_ALIGN_PARAGRAPH.CENTER
    cover = doc["cover"]

    # ----- the heading block: issuing body and number | Quốc hiệu, Tiêu ngữ, place and date
    top = d.add_table(rows=1, cols=2)
    top.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(top)
    left, right = top.rows[0].cells
    _widths(top, [Cm(6.0), Cm(10.0)])
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    lines = cover["issuer"]
    for i, line in enumerate(lines):
        p = para(line, bold=i == len(lines) - 1 or len(lines) == 1, size=12.5, align=center, container=left,
                 space_after=0)
        p.paragraph_format.line_spacing = 1.0
    rule = para("", container=left, align=center, space_after=4)
    rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Cm(1.9)
    rule.paragraph_format.line_spacing = Pt(2)
    _border(rule, "bottom")
    para(cover["number"], size=13, align=center, container=left, space_after=0)
    p = para(cover["national_title"], bold=True, size=12.5, align=center, container=right, space_after=0)
    p.paragraph_format.line_spacing = 1.0
    motto = para(cover["motto"], bold=True, size=13.5, align=center, container=right, space_after=10)
    motto.paragraph_format.line_spacing = 1.0
    # the rule under the Tiêu ngữ, as long as the line of text
    motto.paragraph_format.left_indent = motto.paragraph_format.right_indent = Cm(1.6)
    _border(motto, "bottom")
    para(cover["place_date"], italic=True, size=13, align=center, container=right, space_after=0)

    if cover["draft"]:
        p = para(cover_word(lang, "draft"), bold=True, size=13, align=center, space_after=0)
        p.paragraph_format.space_before = Pt(18)
        p.paragraph_format.left_indent = p.paragraph_format.right_indent = Cm(6.3)
        for side in ("top", "bottom", "left", "right"):
            _border(p, side, 8)
    for _ in range(5):
        para(space_after=0)
    para(cover["title"], bold=True, size=16, align=center, space_after=6)
    para(cover["name"], bold=True, size=14, align=center, space_after=6)
    para(cover["version"], bold=True, size=13, align=center, space_after=6)
    para(cover["attached"], italic=True, size=13, align=center, space_after=6)
    para(space_after=0).add_run().add_break(WD_BREAK.PAGE)

    # ----- the table of contents: a TOC field; Word fills it when the file is opened (updateFields)
    para(text("document.toc", lang), bold=True, size=14, align=center)
    entries = headings(doc)
    tab_stop = width
    first = d.add_paragraph()
    _field_begin(first, TOC_INSTRUCTION)
    for i, entry in enumerate(entries):
        p = first if i == 0 else d.add_paragraph()
        p.paragraph_format.tab_stops.add_tab_stop(tab_stop, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        p.paragraph_format.space_after = Pt(3)
        page = (toc_pages or {}).get(entry)
        p.add_run(entry + (f"\t{page}" if page is not None else ""))
        if i == len(entries) - 1:
            _field_end(p)
    if not toc_pages:
        para(text("document.toc_hint", lang), italic=True, size=11)
    para(space_after=0).add_run().add_break(WD_BREAK.PAGE)

    # ----- the chapters
    def blocks(items: list[dict[str, Any]]) -> None:
        for b in items:
            kind = b["type"]
            if kind == "p":
                p = d.add_paragraph(b["text"])
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                p.paragraph_format.first_line_indent = Cm(1)
            elif kind == "h":
                d.add_heading(b["text"], level=2)
            elif kind == "ul":
                for item in b["items"]:
                    styled(item["text"], bullet).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            elif kind == "table":
                styled(b["caption"], caption)
                _table(d, b["headers"], [[c["text"] for c in row] for row in b["rows"]], small)
                para(space_after=0)
            elif kind == "figure":
                png = pngs.get(b["view"])
                if png:
                    w_px, h_px = struct.unpack(">II", png[16:24])
                    max_h = Cm(21)
                    if width * h_px / w_px > max_h:
                        d.add_picture(io.BytesIO(png), height=max_h)
                    else:
                        d.add_picture(io.BytesIO(png), width=width)
                    d.paragraphs[-1].alignment = center
                styled(b["caption"], caption).alignment = center

    for s in doc["sections"]:
        d.add_heading(f"{s['num']}. {s['title']}", level=1)
        blocks(s["blocks"])

    # ----- the signature block
    sign = doc["signature"]
    para(space_after=0)
    tb = d.add_table(rows=1, cols=2)
    _no_borders(tb)
    _widths(tb, [Cm(7.5), Cm(8.5)])
    _, cell = tb.rows[0].cells
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for line in [sign["on_behalf"], *sign["lines"]]:
        para(line, bold=True, size=13, align=center, container=cell, space_after=0)
    for _ in range(4):
        para(container=cell, space_after=0)
    para(sign["name"], bold=True, size=13, align=center, container=cell, space_after=0)

    # ----- the appendix
    para(space_after=0).add_run().add_break(WD_BREAK.PAGE)
    d.add_heading(doc["appendix"]["title"], level=1)
    blocks(doc["appendix"]["blocks"])

    # Word updates every field (the table of contents, the page numbers) when it opens the file
    settings = d.settings.element
    settings.append(_el("w:updateFields", **{"w:val": "true"}))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def cover_word(lang: str, key: str) -> str:
    return text(f"document.{key}", lang)
