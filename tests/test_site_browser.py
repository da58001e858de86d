"""The built site in a real browser: Playwright driving Debian's chromium (never a downloaded one).

The site of ``architecture/`` is served on 127.0.0.1 by ``http.server`` in a thread. Every page
reachable from the home page must load without console errors and without a failed request,
every internal link must resolve, the search must find an element by its Vietnamese name typed
with and without diacritics, and a click on a node of the overall diagram must open that
element's page. Requests to anywhere but the local server are blocked and reported.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
import urllib.error
import urllib.request
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from conftest import REPO

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is not installed (scripts/setup.sh --test installs Debian's chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the Python playwright package is not installed")

from kientruc.renderers.diagrams import dot_executable  # noqa: E402
from kientruc.pipeline import publication
from kientruc.renderers.site import build_site  # noqa: E402

pytestmark = pytest.mark.skipif(dot_executable() is None, reason="Graphviz (dot) is not installed")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    build_site(publication(REPO / "architecture"), out, pdf=False)  # the PDF: tests/test_document.py
    return out


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.handle_error = lambda request, client_address: None  # a navigation may drop a connection
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


class _Watch:
    """Console errors, page errors, failed and outside requests of one page."""

    def __init__(self, page, base: str) -> None:
        self.problems: list[str] = []
        self.base = base
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))

        def route(r):
            url = r.request.url
            if url.startswith(base) or url.startswith(("data:", "about:")):
                r.continue_()
            else:
                self.problems.append(f"outside request: {url}")
                r.abort()

        page.route("**/*", route)


@pytest.fixture
def page(browser, server):
    context = browser.new_context()
    pg = context.new_page()
    pg.watch = _Watch(pg, server)  # type: ignore[attr-defined]
    yield pg
    context.close()


_LINKS_JS = """() => Array.from(document.querySelectorAll('a[href], svg a, link[href], script[src], img[src]'))
  .map(e => e.getAttribute('href') || e.getAttribute('xlink:href') || e.getAttribute('src'))
  .filter(Boolean)"""


def test_every_page_loads_cleanly_and_every_link_resolves(page, server):
    queue = deque([server + "index.html"])
    seen: set[str] = set(queue)
    checked: dict[str, int] = {}
    broken: list[str] = []
    pages = 0
    while queue:
        url = queue.popleft()
        page.goto(url, wait_until="load")
        pages += 1
        for link in page.evaluate(_LINKS_JS):
            parts = urlsplit(link)
            if parts.scheme in ("http", "https") and not link.startswith(server) or parts.scheme in ("javascript", "mailto", "data"):
                continue
            target, fragment = urldefrag(urljoin(url, link))
            if not target.startswith(server):
                broken.append(f"{url} -> {link} (not relative to the site)")
                continue
            if target not in checked:
                try:
                    with urllib.request.urlopen(target, timeout=10) as resp:
                        checked[target] = resp.status
                except urllib.error.HTTPError as exc:
                    checked[target] = exc.code
            if checked[target] != 200:
                broken.append(f"{url} -> {link} (HTTP {checked[target]})")
            elif target.endswith(".html") and target not in seen:
                seen.add(target)
                queue.append(target)
    assert page.watch.problems == []
    assert broken == []
    assert pages > 200  # home, layers, every element, reports


def _search(page, text: str) -> list[str]:
    page.fill("#q", text)
    page.wait_for_selector("#search-results:not([hidden]) li a")
    return page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.getAttribute('href'))")


def test_search_finds_a_vietnamese_name_with_or_without_diacritics(page, server):
    page.goto(server + "index.html")
    with_marks = _search(page, "Hệ thống quản lý văn bản và điều hành tỉnh Quảng Trị")
    without = _search(page, "he thong quan ly van ban va dieu hanh tinh quang tri")
    assert "e/qlvb-dh-tinh.html" in with_marks[:3]
    assert "e/qlvb-dh-tinh.html" in without[:3]
    assert len(_search(page, "Quảng Trị")) == len(_search(page, "quang tri")) > 5
    _search(page, "quan ly van ban quang tri")
    page.click('#search-results a[href="e/qlvb-dh-tinh.html"]')
    page.wait_for_url("**/e/qlvb-dh-tinh.html")
    assert "Hệ thống quản lý văn bản" in page.text_content("h1")
    # the search page reads ?q= and answers from a subfolder too
    page.goto(server + "search.html?q=dieu%20hanh%20quang%20tri")
    page.wait_for_selector("#search-page-results li a")
    hrefs = page.eval_on_selector_all("#search-page-results li a", "els => els.map(e => e.getAttribute('href'))")
    assert "e/qlvb-dh-tinh.html" in hrefs
    assert page.watch.problems == []


def test_clicking_a_node_of_the_overall_diagram_opens_its_page(page, server):
    page.goto(server + "index.html")
    node = page.locator("figure.diagram svg g.node a[href^='e/']").first
    href = node.get_attribute("href")
    assert href and href.startswith("e/")
    node_id = href[2:-5]
    label = page.locator(f"figure.diagram svg g.node:has(a[href='{href}']) text").first.text_content()
    node.click()
    page.wait_for_url(f"**/{href}")
    assert page.url.endswith(href)
    assert node_id in page.text_content("table.attrs")
    assert label and label.split()[0] in page.text_content("h1")
    assert page.watch.problems == []


def test_site_works_from_the_file_system(browser, site):
    context = browser.new_context()
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: m.type == "error" and problems.append(m.text))
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.goto((site / "index.html").as_uri())
    pg.fill("#q", "quang tri")
    pg.wait_for_selector("#search-results:not([hidden]) li a")
    pg.locator("#search-results li a").first.click()
    pg.wait_for_load_state("load")
    assert "/e/" in pg.url and pg.url.startswith("file://")
    pg.goto((site / "thuyet-minh.html").as_uri())
    assert "căn cứ pháp lý" in pg.text_content("main")
    assert problems == []
    context.close()


PHONE = {"width": 390, "height": 844}
"""A phone's screen (CSS pixels), the narrowest the site must fit without sideways scrolling."""

_OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const out = [...document.querySelectorAll('main *, header *, nav *')].filter(e => {
    if (e.closest('.svg-wrap, .table-wrap, table, .search-results')) return false;  // these scroll inside
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > width + 1;
  }).slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`);
  return {scroll: document.documentElement.scrollWidth, width, out};
}"""


@pytest.mark.parametrize("path", ["index.html", "e/lgsp-quang-tri.html", "e/so-khcn-quang-tri-moi.html",
                                  "e/mot-cua-dien-tu-tinh-cu.html", "layers/application.html", "thuyet-minh.html",
                                  "compliance.html", "roadmap.html"])
def test_pages_fit_a_phone_screen(browser, server, path):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    pg = context.new_page()
    watch = _Watch(pg, server)
    pg.goto(server + path, wait_until="load")
    seen = pg.evaluate(_OVERFLOW_JS)
    assert seen["width"] == 390
    assert seen["scroll"] <= seen["width"], f"{path} scrolls sideways: {seen}"
    assert seen["out"] == [], seen
    assert watch.problems == []
    context.close()


def test_front_page_leads_with_the_verdict_on_a_phone(browser, server):
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    pg = context.new_page()
    pg.goto(server + "index.html")
    verdict = pg.locator("#verdict")
    box = verdict.bounding_box()
    assert box and box["y"] < PHONE["height"]  # on the first screen, before the identity and the figures
    assert pg.locator("dl.identity").bounding_box()["y"] > box["y"]
    assert "Kết luận ngày" in verdict.text_content()
    context.close()
