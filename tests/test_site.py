"""The static site and the architecture document (`kientruc build`): fast tests, no browser."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import docx
import pytest

from conftest import REPO, write_model
from kientruc.loader import load
from kientruc.renderers.diagrams import dot_executable
from kientruc.pipeline import publication
from kientruc.renderers.site import DOCX_NAME, MARKER, BuildError, build_site, fold
from kientruc.renderers.site import document as docmod

pytestmark = pytest.mark.skipif(dot_executable() is None, reason="Graphviz (dot) is not installed")

EVIL = "Ứng dụng <script>alert(1)</script> \"q\" & 'a' {{ x }}"

SMALL = {
    "to-chuc.yaml": """\
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông tỉnh Quảng Trị
          org_type: department
          valid_from: 2008-04-01
          valid_to: 2025-02-28
          successors: [so-khcn]
        - id: so-khcn
          kind: organization
          name: Sở Khoa học và Công nghệ
          org_type: department
          valid_from: 2025-03-01
        """,
    "ung-dung.yaml": f"""\
        - id: lgsp-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
          owner: so-khcn
        - id: app-evil
          kind: application
          name: {json.dumps(EVIL, ensure_ascii=False)}
          description: "<img src=x onerror=alert(2)>"
          owner: so-khcn
          integrates_via: [lgsp-tinh]
          sources: ["<b>nguồn</b>"]
          assumptions: ["</td><script>alert(3)</script>"]
        """,
}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src", "xlink:href"):
                self.links.append(value)
            if name == "id":
                self.ids.add(value)
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.scripts.append(data)


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def _broken_links(site: Path) -> list[str]:
    parsed = {page: _parse(page) for page in site.rglob("*.html")}
    broken = []
    for page, p in parsed.items():
        for link in p.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "javascript", "data", "mailto"):
                continue
            assert not parts.scheme and not parts.netloc, f"{page}: non-relative link {link}"
            assert not link.startswith("/"), f"{page}: absolute path {link}"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {link}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if parts.fragment not in ids:
                    broken.append(f"{page.relative_to(site)} -> {link} (no #{parts.fragment})")
    return broken


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("real") / "site"
    report = build_site(publication(REPO / "architecture"), out, pdf=False)  # the PDF: tests/test_document.py
    assert report.pages > 200
    return out


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    root = write_model(tmp_path_factory.mktemp("small") / "m", SMALL)
    out = root.parent / "site"
    build_site(publication(root), out, pdf=False)
    return out


def test_fold_removes_vietnamese_diacritics():
    assert fold("Quảng Trị") == "quang tri"
    assert fold("Đồng bộ ĐIỆN tử") == "dong bo dien tu"


def test_every_element_has_a_page(real_site):
    arch = load(REPO / "architecture").architecture
    for el in arch.elements:
        assert (real_site / "e" / f"{el.id}.html").is_file(), el.id
    for page in ("index.html", "compliance.html", "roadmap.html", "organisations.html", "rules.html",
                 "search.html", "diagrams.html", "thuyet-minh.html", "assets/search-index.js", MARKER):
        assert (real_site / page).is_file(), page
    for layer in ("motivation", "application", "technology", "roadmap"):
        assert (real_site / "layers" / f"{layer}.html").is_file()


def test_internal_links_resolve_and_are_relative(real_site):
    assert _broken_links(real_site) == []


def test_pages_load_nothing_from_the_network(real_site):
    for page in real_site.rglob("*.html"):
        p = _parse(page)
        for link in p.links:
            if link.startswith(("http://", "https://")):
                # only plain links to sources may point outside; no script, style or image
                text = page.read_text(encoding="utf-8")
                assert not re.search(rf'(src|rel="stylesheet" href)="{re.escape(link)}"', text), (page, link)


def test_overview_nodes_link_to_element_pages(real_site):
    home = (real_site / "index.html").read_text(encoding="utf-8")
    assert "<svg" in home
    linked = re.findall(r'<g id="node&#45;([^"]+)" class="node">\s*<title>[^<]*</title>\s*<g id="a_[^"]*"><a href="e/([^"]+)\.html"', home)
    assert len(linked) > 20
    for node, target in linked:
        assert node.replace("&#45;", "-") == target


def test_element_page_shows_relations_both_ways_and_history(real_site):
    page = (real_site / "e" / "lgsp-quang-tri-muc-tieu-v1.html").read_text(encoding="utf-8")
    assert "Quan hệ từ thành phần này" in page and "Quan hệ tới thành phần này" in page
    assert 'href="../e/lgsp-quang-tri.html"' in page  # its successor
    assert "Lịch sử" in page and "Nguồn" in page and "Giả định" in page


def test_search_index_finds_quang_tri_with_or_without_diacritics(real_site):
    text = (real_site / "assets" / "search-index.js").read_text(encoding="utf-8")
    index = json.loads(text.split("=", 1)[1].rstrip().rstrip(";"))
    assert any("quang tri" in e["f"] and "Quảng Trị" in e["n"] for e in index)
    assert all(set(e) >= {"id", "n", "u", "f"} for e in index)


def test_model_strings_are_escaped(small_site):
    page = (small_site / "e" / "app-evil.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "alert(3)</script>" not in page and "<b>nguồn" not in page
    for html in small_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "<script>alert" not in text, html
        for script in _parse(html).scripts:
            raise AssertionError(f"{html}: inline script {script[:80]!r}")
    index = (small_site / "assets" / "search-index.js").read_text(encoding="utf-8")
    assert "</script>" not in index


def test_docx_has_the_sections_of_the_national_guidance(real_site):
    d = docx.Document(str(real_site / DOCX_NAME))
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    # Changed with issue 15: built today, the showcase's document is the draft of its 2026–2030 edition
    # (QĐ 3090), so it follows the 2943/CĐSQG-CNCPS outline; the merged province adds its consolidation chapter.
    expected = docmod.section_titles("2025", "vi")
    chapters = [h.split(". ", 1)[1] for h in headings[:-1]]
    assert [h for h in chapters if not h.startswith("Hợp nhất hệ thống")] == expected
    assert any(h.startswith("Hợp nhất hệ thống") for h in chapters)
    assert headings[-1].startswith("PHỤ LỤC")
    for words in ("Căn cứ pháp lý", "Mục tiêu, phạm vi", "Tầm nhìn", "Nguyên tắc", "Hiện trạng",
                  "Kiến trúc mục tiêu theo bốn lớp", "quốc gia", "Lộ trình", "Tổ chức triển khai", "Danh mục"):
        assert any(words in h for h in headings), words
    assert d.styles["Normal"].font.name == docmod.DOC_FONT
    assert len(d.inline_shapes) >= 3  # the diagrams, as PNG
    assert len(d.tables) >= 5
    for table in d.tables[1:]:  # every table but the cover's heading block has its rows filled in
        if len(table.columns) < 3:
            continue  # the signature block
        assert len(table.rows) >= 2 and all(c.text.strip() for c in table.rows[1].cells[:2]), table.rows[0].cells[1].text
    text = "\n".join(p.text for p in d.paragraphs)
    assert "Quảng Trị" in text


def test_printable_document_page(real_site):
    page = (real_site / "thuyet-minh.html").read_text(encoding="utf-8")
    for vi in docmod.section_titles("2025", "vi"):  # the 2026–2030 draft's outline (issue 15)
        assert vi in page
    for words in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "TM. ỦY BAN NHÂN DÂN",
                  "PHỤ LỤC. NGUỒN, ĐỘ TIN CẬY VÀ GIẢ ĐỊNH"):
        assert words in page, words
    assert "@media print" in (real_site / "assets" / "style.css").read_text(encoding="utf-8")


def test_status_of_the_day_on_every_page(tmp_path):
    """On a day after it ended, a system is shown as ended (never "Hiện có"); before it starts, as not yet."""
    out = tmp_path / "site"
    build_site(publication(REPO / "architecture"), out, docx=False)
    layer = (out / "layers" / "application.html").read_text(encoding="utf-8")
    row = re.search(r'e/mot-cua-dien-tu-tinh-cu\.html.*?</tr>', layer, re.S).group(0)
    assert "status-ended" in row and "Đã kết thúc" in row and "Hiện có" not in row
    page = (out / "e" / "mot-cua-dien-tu-tinh-cu.html").read_text(encoding="utf-8")
    assert "status-ended" in page and "status-current" not in page
    roadmap = (out / "roadmap.html").read_text(encoding="utf-8")
    ioc = re.search(r'e/du-an-ioc\.html.*?</tr>', roadmap, re.S).group(0)  # 12/2020 – 12/2022
    assert "status-ended" in ioc and "status-current" not in ioc
    # owners come from the owns relations of the day, on the layer pages too
    assert re.search(r'e/qlvb-dh-tinh\.html">[^<]*</a></td><td>[^<]*</td>\s*<td><a href="../e/so-khcn-quang-tri-moi\.html', layer)
    # the front page leads with the verdict and its day
    home = (out / "index.html").read_text(encoding="utf-8")
    lead = home.index('id="verdict"')
    assert lead < home.index("<dl") and dt.date.today().strftime("%d/%m/%Y") in home[lead:lead + 400]


def test_failed_build_leaves_the_old_site(tmp_path, monkeypatch):
    root = write_model(tmp_path / "m", SMALL)
    out = tmp_path / "site"
    build_site(publication(root), out, docx=False)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def boom(*a, **kw):
        raise RuntimeError("disk full")

    monkeypatch.setattr(docmod, "document", boom)
    with pytest.raises(RuntimeError):
        build_site(publication(root), out, docx=False)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m", "site"]  # no temporary folder left


def test_refuses_to_replace_a_folder_that_is_not_a_site(tmp_path):
    root = write_model(tmp_path / "m", SMALL)
    out = tmp_path / "docs"
    out.mkdir()
    (out / "precious.txt").write_text("keep me")
    with pytest.raises(BuildError, match="not a kientruc site"):
        build_site(publication(root), out, docx=False)
    assert (out / "precious.txt").read_text() == "keep me"
    build_site(publication(root), out, docx=False, force=True)
    assert (out / MARKER).is_file() and not (out / "precious.txt").exists()


def test_cli_build_in_english(tmp_path, run_cli):
    root = write_model(tmp_path / "m", SMALL)
    out = tmp_path / "site-en"
    result = run_cli(["build", str(root), "--out", str(out), "--lang", "en", "--as-of", "2024-01-01", "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert not (out / "thuyet-minh-kien-truc.pdf").exists() and "LibreOffice" not in result.output
    assert "index.html" in result.output
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in home and "Overall diagram" in home and "Key figures" in home
    assert (out / DOCX_NAME).is_file()
    # on 2024-01-01 the Sở KH&CN did not exist yet: its page says so
    page = (out / "e" / "so-khcn.html").read_text(encoding="utf-8")
    assert "not in force on 2024-01-01" in page
    assert _broken_links(out) == []


def test_cli_refuses_non_site_folder(tmp_path, run_cli):
    root = write_model(tmp_path / "m", SMALL)
    out = tmp_path / "x"
    out.mkdir()
    (out / "a.txt").write_text("a")
    result = run_cli(["build", str(root), "--out", str(out)])
    assert result.exit_code == 2
    assert "--force" in result.output
