"""The Thuyết minh (architecture document): its contents on a day, the Word file in the administrative
format of NĐ 30/2020/NĐ-CP, and the PDF made by LibreOffice.

The document's data and its Word file are computed without a site build (fast); one build of the
showcase makes the PDF.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from conftest import REPO, write_model
from kientruc.models.lifecycle import name_on, status_on
from kientruc.pipeline import publication
from kientruc.renderers.site import PDF_NAME, _Site, build_site, front_verdict
from kientruc.renderers.site import document as docmod
from kientruc.renderers.site import pdf as pdfmod
from kientruc.renderers.site.word import docx_bytes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DAY_2018 = dt.date(2018, 10, 9)
LATER_FRAMEWORKS = ("2323/QĐ-BTTTT", "2568/QĐ-BTTTT", "1729/QĐ-BTTTT", "292/QĐ-BKHCN", "3090/QĐ-BKHCN",
                    "2943/CĐSQG-CNCPS", "Chính phủ số", "quốc gia số", "phiên bản 2.0", "v2.0", "v3.0", "v4.0",
                    "trước 1/7/2025", "hợp nhất", "sáp nhập")


def _doc(root: Path, day: dt.date | None = None, lang: str = "vi") -> dict:
    site = _Site(publication(root, as_of=day), lang)
    return docmod.document(site, site.graph, None)


def _all_text(doc: dict) -> str:
    """Every word of the document: cover, chapters, signature and appendix."""
    out = [str(v) for v in doc["cover"].values()]
    out += [doc["signature"]["on_behalf"], *doc["signature"]["lines"], doc["signature"]["name"]]

    def blocks(items):
        for b in items:
            if b["type"] in ("p", "h"):
                out.append(b["text"])
            elif b["type"] == "ul":
                out.extend(i["text"] for i in b["items"])
            elif b["type"] == "table":
                out.append(b["caption"])
                out.extend(b["headers"])
                out.extend(c["text"] for row in b["rows"] for c in row)
            elif b["type"] == "figure":
                out.append(b["caption"])

    for s in doc["sections"]:
        out.append(s["title"])
        blocks(s["blocks"])
    out.append(doc["appendix"]["title"])
    blocks(doc["appendix"]["blocks"])
    return "\n".join(out)


def _body_text(doc: dict) -> str:
    text = _all_text(doc)
    return text.split(doc["appendix"]["title"])[0]


@pytest.fixture(scope="module")
def doc_2018() -> dict:
    return _doc(REPO / "architecture", DAY_2018)


@pytest.fixture(scope="module")
def doc_today() -> dict:
    return _doc(REPO / "architecture")


@pytest.fixture(scope="module")
def word_2018(doc_2018) -> docx.document.Document:
    return docx.Document(io.BytesIO(docx_bytes(doc_2018, {}, "vi")))


def _table(doc: dict, caption_part: str) -> dict:
    for s in doc["sections"]:
        for b in s["blocks"]:
            if b["type"] == "table" and caption_part in b["caption"]:
                return b
    raise AssertionError(f"no table '{caption_part}'")


# ----------------------------------------------------------------------------- the status on a day


def test_status_on_a_day_tells_ended_planned_and_under_way():
    from kientruc.models.elements import Application, Project

    app = Application(kind="application", id="a", name="Ứng dụng", valid_from=dt.date(2018, 1, 1),
                      valid_to=dt.date(2021, 12, 5))
    assert status_on(app, dt.date(2019, 1, 1)) == "current"
    assert status_on(app, dt.date(2022, 1, 1)) == "ended"
    assert status_on(app, dt.date(2017, 1, 1)) == "not_yet"
    assert status_on(app, None) == "current"
    proj = Project(kind="project", id="p", name="Dự án", start=dt.date(2020, 12, 1), end=dt.date(2022, 12, 31))
    assert status_on(proj, dt.date(2020, 1, 1)) == "not_yet"  # nothing says it was planned by then
    known = Project(kind="project", id="q", name="Dự án", start=dt.date(2020, 12, 1), planned_from=dt.date(2019, 5, 1))
    assert status_on(known, dt.date(2020, 1, 1)) == "planned"
    assert status_on(proj, dt.date(2021, 6, 1)) == "in_progress"
    assert status_on(proj, dt.date(2023, 1, 1)) == "ended"
    planned = Application(kind="application", id="b", name="Kế hoạch", status="planned",
                          planned_from=dt.date(2025, 10, 27))
    assert status_on(planned, dt.date(2030, 1, 1)) == "planned"
    assert status_on(planned, DAY_2018) == "not_yet"  # not planned yet in 2018


def test_a_name_loses_the_qualifier_that_speaks_of_its_end_while_it_is_in_force():
    from kientruc.models.elements import Channel

    el = Channel(kind="channel", id="c", name="Bộ phận Một cửa cấp xã (trước 1/7/2025)", valid_to=dt.date(2025, 6, 30))
    assert name_on(el.name, el, DAY_2018) == "Bộ phận Một cửa cấp xã"
    assert name_on(el.name, el, dt.date(2026, 1, 1)) == el.name  # ended: the qualifier tells it apart
    assert name_on("Cổng (hệ thống, trước khi hợp nhất)", el, DAY_2018) == "Cổng (hệ thống)"
    assert name_on("Trung tâm (78 trung tâm)", el, DAY_2018) == "Trung tâm (78 trung tâm)"


def test_text_of_a_day_drops_later_dates_laws_and_research_notes():
    assert docmod.mentions_after("QĐ 2323/QĐ-BTTTT ngày 31/12/2019", DAY_2018)
    assert docmod.mentions_after("Luật 72/2025/QH15", DAY_2018)
    assert docmod.mentions_after("số liệu 10/2019", DAY_2018)
    assert not docmod.mentions_after("Chương trình đến năm 2025, giai đoạn 2021–2025", DAY_2018)
    assert docmod.mentions_after("đến năm 2025", DAY_2018, strict=True)
    assert not docmod.mentions_after("NĐ 85/2016/NĐ-CP, QĐ 1072/QĐ-TTg (28/8/2018)", DAY_2018)
    assert docmod.speaks_of_later("Khung v2.0 của Bộ", DAY_2018)
    assert not docmod.speaks_of_later("Khung v2.0 của Bộ", dt.date(2020, 1, 1))
    body = docmod.body_text('Ban Chỉ đạo có nhiệm vụ "tiếp cận" (ictnews). Sáu nguyên tắc còn lại chưa lấy được. '
                            "Từ 1/3/2025 hợp nhất với Sở KH&CN.", DAY_2018)
    assert body == 'Ban Chỉ đạo có nhiệm vụ "tiếp cận".'


# ----------------------------------------------------------------------------- the contents


def test_document_of_2018_says_nothing_of_what_came_later(doc_2018):
    text = _all_text(doc_2018)
    found = [w for w in LATER_FRAMEWORKS if w.lower() in text.lower()]
    assert not found, found
    for m in re.finditer(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", text):
        d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        assert d <= DAY_2018, m.group(0)
    # no law or decree numbered with a later year, anywhere
    assert not re.search(r"\d+/20(19|2\d)/", text), re.search(r".{40}\d+/20(19|2\d)/.{20}", text)
    legal = _table(doc_2018, "căn cứ")
    assert all(dt.datetime.strptime(row[3]["text"], "%d/%m/%Y").date() <= DAY_2018 for row in legal["rows"])


def test_research_notes_stay_out_of_the_body(doc_today, doc_2018):
    for doc in (doc_today, doc_2018):
        body = _body_text(doc)
        for note in ("ictnews", "chưa lấy được", "chưa tìm thấy", "national-framework", "[U]", "[P]"):
            assert note not in body, note
        appendix = doc["appendix"]["blocks"][-1]
        assert appendix["headers"][2:] == ["Nguồn", "Độ tin cậy", "Giả định"]
        assert len(appendix["rows"]) > 50
    appendix = "\n".join(c["text"] for row in doc_today["appendix"]["blocks"][-1]["rows"] for c in row)
    assert "ictnews" in appendix and "kiểm chứng" in appendix


def test_owner_columns_are_filled_from_the_owns_relations(doc_today, doc_2018):
    for doc in (doc_today, doc_2018):
        for caption in ("Danh mục hệ thống thông tin", "Danh mục cơ sở dữ liệu"):
            table = _table(doc, caption)
            col = table["headers"].index("Chủ quản")
            assert table["rows"], caption
            assert all(row[col]["id"] for row in table["rows"]), [r[1]["text"] for r in table["rows"] if not r[col]["id"]]
    systems = _table(doc_today, "Danh mục hệ thống thông tin")
    owners = {row[1]["text"]: row[3]["text"] for row in systems["rows"]}
    assert owners["Hệ thống quản lý văn bản và điều hành tỉnh Quảng Trị"] == "Sở Khoa học và Công nghệ tỉnh Quảng Trị"
    old = _table(doc_2018, "Danh mục hệ thống thông tin")
    assert {row[3]["text"] for row in old["rows"]} >= {"Sở Thông tin và Truyền thông tỉnh Quảng Trị"}


def test_tasks_table_has_lead_dates_budget_and_the_status_of_the_day(doc_today):
    table = _table(doc_today, "Danh mục nhiệm vụ, dự án")
    assert table["headers"] == ["TT", "Tên", "Đơn vị chủ trì", "Bắt đầu", "Kết thúc", "Kinh phí", "Trạng thái"]
    rows = {row[1]["text"]: row for row in table["rows"]}
    ioc = rows["Xây dựng Trung tâm giám sát, điều hành đô thị thông minh tỉnh Quảng Trị (với Viettel)"]
    assert ioc[3]["text"] == "01/12/2020" and ioc[4]["text"] == "31/12/2022"
    assert ioc[6]["text"] == "Đã kết thúc"  # ended in 2022: never "Hiện có"
    assert all(row[2]["id"] for row in table["rows"])
    assert "Hiện có" not in {row[6]["text"] for row in table["rows"]}


def test_connections_list_only_the_provinces_systems(doc_today):
    # the national-connections chapter's table (today in the 2943 outline of the 2026–2030 draft: issue 15)
    table = next(b for sec in doc_today["sections"] if sec["key"] == "national" for b in sec["blocks"]
                 if b["type"] == "table")
    site = _Site(publication(REPO / "architecture"), "vi")
    names = {site.label(e.id): e for e in site.graph.elements()}
    listed = [n for row in table["rows"] for n in row[3]["text"].split("; ") if n in names]
    assert listed, "no system listed"
    for n in listed:
        e = names[n]
        assert e.kind not in ("legal_document", "actor", "organization", "stakeholder"), n
        assert not e.external
    dvc = {row[1]["text"]: row[3]["text"] for row in table["rows"]}["Cổng Dịch vụ công quốc gia"]
    assert "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Quảng Trị" in dvc


def test_responsibilities_name_what_each_body_owns(doc_today):
    table = _table(doc_today, "Tổ chức triển khai")
    rows = {row[1]["text"]: row for row in table["rows"]}
    khcn = rows["Sở Khoa học và Công nghệ tỉnh Quảng Trị"]
    assert "Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Quảng Trị (LGSP)" in khcn[3]["text"]


def test_the_need_is_argued_from_drivers_goals_and_the_framework(doc_2018):
    first = doc_2018["sections"][0]
    texts = [b.get("text", "") for b in first["blocks"]]
    assert any("Việc xây dựng Kiến trúc xuất phát từ" in t for t in texts)
    assert any("1178/BTTTT-THH" in t and "2384/BTTTT-THH" in t for t in texts)
    drivers = [b for b in first["blocks"] if b["type"] == "ul"][0]["items"]
    assert any("cách mạng công nghiệp" in d["text"] for d in drivers)


def test_outline_follows_the_edition(tmp_path):
    hue = _doc(REPO / "tests" / "examples" / "hue-2018", DAY_2018)
    assert hue["outline"] == "2015"
    assert [s["title"] for s in hue["sections"]] == docmod.section_titles("2015", "vi")
    gia_lai = _doc(REPO / "tests" / "examples" / "gia-lai-2025", dt.date(2026, 1, 15))
    assert gia_lai["outline"] == "2025" and "2943/CĐSQG-CNCPS" in gia_lai["outline_name"]
    # "UBND tỉnh Gia Lai" in the model: the cover and the signature write the body's name in full
    assert gia_lai["cover"]["issuer"] == ["ỦY BAN NHÂN DÂN", "TỈNH GIA LAI"]
    assert gia_lai["signature"]["on_behalf"] == "TM. ỦY BAN NHÂN DÂN"
    titles = [s["title"] for s in gia_lai["sections"]]
    assert titles[4].startswith("Hiện trạng hạ tầng số") and titles[5] == "Kiến trúc mục tiêu theo bốn lớp"
    current = gia_lai["sections"][4]["blocks"]
    assert [b["text"] for b in current if b["type"] == "h"] == [
        "Hạ tầng số và an ninh mạng dùng chung", "Dữ liệu và nền tảng cốt lõi", "Ứng dụng và nghiệp vụ dùng chung",
        "Kênh tương tác và đo lường hiệu quả"]


def test_cover_is_numbered_on_the_day_of_approval_and_a_draft_otherwise(doc_2018, doc_today, tmp_path):
    c = doc_2018["cover"]
    assert not c["draft"] and c["number"] == "Số: 2336/QĐ-UBND"
    assert c["place_date"] == "Quảng Trị, ngày 09 tháng 10 năm 2018"
    assert c["issuer"] == ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG TRỊ"]
    assert "Quyết định số 2336/QĐ-UBND ngày 09/10/2018" in c["attached"]
    t = doc_today["cover"]
    assert t["draft"] and "2336" not in t["number"] and t["number"].endswith("/QĐ-UBND")
    assert t["place_date"].endswith("năm " + str(dt.date.today().year))
    # a model with no approving decision: a draft, issued by the province's people's committee
    root = write_model(tmp_path / "m", {"to-chuc.yaml": """\
        - id: ubnd
          kind: organization
          name: Ủy ban nhân dân tỉnh Thử nghiệm
          org_type: government
          admin_level: tinh
        """})
    d = _doc(root, dt.date(2024, 2, 1))
    assert d["cover"]["draft"] and d["cover"]["issuer"] == ["ỦY BAN NHÂN DÂN", "TỈNH THỬ NGHIỆM"]
    assert d["cover"]["place_date"] == "Tỉnh Thử nghiệm, ngày       tháng       năm 2024"
    assert d["signature"]["on_behalf"] == "TM. ỦY BAN NHÂN DÂN" and d["signature"]["lines"] == ["CHỦ TỊCH"]


def test_english_document(doc_2018):
    en = _doc(REPO / "architecture", DAY_2018, "en")
    assert en["cover"]["national_title"] == "SOCIALIST REPUBLIC OF VIETNAM"
    assert en["cover"]["place_date"] == "Quang Tri province, 9 October 2018"
    assert en["sections"][0]["title"] == "Need and legal basis"
    assert "Nguồn" not in en["appendix"]["blocks"][-1]["headers"]


# ----------------------------------------------------------------------------- the Word file


def _field_instructions(part) -> list[str]:
    root = part._element if hasattr(part, "_element") else part.element
    return [" ".join(t.text.split()) for t in root.iter(f"{W}instrText")]


def test_word_file_cover_in_the_administrative_format(word_2018):
    cover = word_2018.tables[0]
    left, right = (c.text for c in cover.rows[0].cells)
    assert "ỦY BAN NHÂN DÂN" in left and "TỈNH QUẢNG TRỊ" in left and "Số: 2336/QĐ-UBND" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    assert "Quảng Trị, ngày 09 tháng 10 năm 2018" in right
    motto = [p for p in cover.rows[0].cells[1].paragraphs if p.text == "Độc lập - Tự do - Hạnh phúc"][0]
    assert motto._p.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None  # the rule under the Tiêu ngữ
    assert all(r.bold for r in motto.runs)
    text = "\n".join(p.text for p in word_2018.paragraphs)
    assert "THUYẾT MINH KIẾN TRÚC" in text and "DỰ THẢO" not in text
    assert "(Ban hành kèm theo Quyết định số 2336/QĐ-UBND ngày 09/10/2018" in text


def test_word_file_has_a_toc_field_updated_on_open_and_page_numbers(word_2018):
    assert any(i.startswith("TOC ") for i in _field_instructions(word_2018)), "no TOC field"
    upd = word_2018.settings.element.find(f"{W}updateFields")
    assert upd is not None and upd.get(f"{W}val") == "true"
    sec = word_2018.sections[0]
    assert "PAGE" in _field_instructions(sec.header)
    assert sec.different_first_page_header_footer  # no number on the cover (Phụ lục I)
    assert word_2018.styles["Normal"].font.name == "Times New Roman"
    assert word_2018.styles["Normal"].font.size.pt in (13, 14)


def test_word_file_chapters_signature_and_appendix(word_2018, doc_2018):
    h1 = [p.text for p in word_2018.paragraphs if p.style.name == "Heading 1"]
    assert h1 == [f"{s['num']}. {s['title']}" for s in doc_2018["sections"]] + [doc_2018["appendix"]["title"]]
    cells = [c.text for t in word_2018.tables for row in t.rows for c in row.cells]
    assert any("TM. ỦY BAN NHÂN DÂN" in c and "CHỦ TỊCH" in c for c in cells)
    headers = [[c.text for c in t.rows[0].cells] for t in word_2018.tables]
    assert ["TT", "Nội dung", "Nguồn", "Độ tin cậy", "Giả định"] in headers
    systems = [t for t in word_2018.tables if [c.text for c in t.rows[0].cells][:4] == ["TT", "Tên", "Loại", "Chủ quản"]]
    assert systems and all(row.cells[3].text.strip() not in ("", "—") for t in systems[-1:] for row in t.rows[1:])
    # the appendix comes after the signature
    body = word_2018.element.body
    order = [el for el in body if el.tag in (f"{W}p", f"{W}tbl")]
    sign = next(i for i, el in enumerate(order) if "TM. ỦY BAN NHÂN DÂN" in "".join(el.itertext()))
    appendix = max(i for i, el in enumerate(order) if "PHỤ LỤC. NGUỒN" in "".join(el.itertext()))  # not the TOC
    assert sign < appendix


def test_draft_word_file_says_so(doc_today):
    d = docx.Document(io.BytesIO(docx_bytes(doc_today, {}, "vi")))
    assert any(p.text == "DỰ THẢO" for p in d.paragraphs)


# ----------------------------------------------------------------------------- the PDF


def test_toc_pages_are_read_after_the_table_of_contents(tmp_path, monkeypatch):
    pages = ["", "MỤC LỤC\n1. Một ....3\n2. Hai ....4", "1. Một\nnội dung", "2. Hai\nnội dung"]

    class Done:
        returncode = 0
        stdout = "\f".join(pages).encode()

    monkeypatch.setattr(pdfmod.shutil, "which", lambda name: "/usr/bin/pdftotext")
    monkeypatch.setattr(pdfmod.subprocess, "run", lambda *a, **kw: Done())
    assert pdfmod.heading_pages(tmp_path / "x.pdf", ["1. Một", "2. Hai"]) == {"1. Một": 3, "2. Hai": 4}


def test_build_says_clearly_when_there_is_no_pdf_engine(tmp_path, monkeypatch, run_cli):
    monkeypatch.setattr(pdfmod, "soffice", lambda: None)
    root = write_model(tmp_path / "m", {"a.yaml": """\
        - id: ubnd
          kind: organization
          name: Ủy ban nhân dân tỉnh Thử nghiệm
          org_type: government
        """})
    result = run_cli(["build", str(root), "--out", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert "máy chưa cài LibreOffice" in result.output and "apt-get install libreoffice-writer-nogui" in result.output
    en = run_cli(["build", str(root), "--out", str(tmp_path / "site-en"), "--lang", "en"])
    assert "LibreOffice is not installed" in en.output
    assert not (tmp_path / "site" / PDF_NAME).exists() and (tmp_path / "site" / "thuyet-minh-kien-truc.docx").is_file()
    assert PDF_NAME not in (tmp_path / "site" / "thuyet-minh.html").read_text(encoding="utf-8")  # no dead link


needs_soffice = pytest.mark.skipif(pdfmod.soffice() is None or shutil.which("pdffonts") is None,
                                   reason="LibreOffice (libreoffice-writer-nogui) or pdffonts (poppler-utils) "
                                          "is not installed: scripts/setup.sh --test installs them")


@needs_soffice
def test_pdf_of_the_document_with_embedded_fonts_and_toc_pages(tmp_path):
    out = tmp_path / "site"
    report = build_site(publication(REPO / "architecture", as_of=DAY_2018), out)
    pdf = out / PDF_NAME
    assert report.pdf == pdf and pdf.is_file() and not report.pdf_note
    for page in ("thuyet-minh.html", "index.html"):
        assert f'href="{PDF_NAME}"' in (out / page).read_text(encoding="utf-8")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    lines = [l for l in fonts.splitlines()[2:] if l.strip()]
    assert lines, fonts
    assert all(l.split()[-5] == "yes" for l in lines), fonts  # every font embedded
    assert any("Serif" in l or "Times" in l for l in lines), fonts
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0] and "Độc lập - Tự do - Hạnh phúc" in pages[0]
    assert "MỤC LỤC" in pages[1]
    # the table of contents gives each chapter's page, and the chapter is on that page
    entry = re.search(r"1\. Sự cần thiết và căn cứ pháp lý\.*\s*(\d+)", pages[1])
    assert entry, pages[1]
    assert "1. Sự cần thiết và căn cứ pháp lý" in pages[int(entry.group(1)) - 1]
    # page numbers centred in the top margin from page 2 on; none on the cover
    first_line = [l.strip() for l in pages[1].splitlines() if l.strip()][0]
    assert first_line == "2", first_line
    assert [l.strip() for l in pages[0].splitlines() if l.strip()][0] != "1"
    assert "TM. ỦY BAN NHÂN DÂN" in text
    # the Word file beside it carries the same pages in its table of contents
    d = docx.Document(str(out / "thuyet-minh-kien-truc.docx"))
    toc = [p.text for p in d.paragraphs if p.text.startswith("1. Sự cần thiết")]
    assert toc and toc[0].endswith("\t" + entry.group(1))


# ----------------------------------------------------------------------------- the front page's verdict


def test_front_verdict_leads_with_the_day_and_the_framework():
    report = {"profile": {"title": "Khung v1", "title_en": "Framework v1", "instrument": "CV 1",
                          "in_force_on_day": True}, "score": 97.94}
    v = front_verdict(report, {"error": 0, "warning": 2}, DAY_2018, "vi")
    assert v["ok"] and v["title"] == "Tại ngày 09/10/2018: kiến trúc đạt yêu cầu của Khung v1 (CV 1)"
    assert "97,9%" in v["text"] and "2 cảnh báo" in v["text"]
    v = front_verdict(report, {"error": 3}, DAY_2018, "en", framework="Framework in force")
    assert not v["ok"] and v["title"] == "On 2018-10-09: the architecture does not yet meet Framework in force"
    assert "97.9%" in v["text"]
