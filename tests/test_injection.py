"""Hostile text in a model appears as text in every output and executes nothing.

One model whose names, descriptions and sources carry HTML, JavaScript, DOT syntax,
Markdown, Word field codes and control characters goes through every renderer: the
text, JSON, SARIF, JUnit and GitHub reports, the diff in Markdown, the DOT and SVG of a
diagram, the ArchiMate exchange file, the site and the DOCX document.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest

from conftest import write_model

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
DOT = '"] ; x -> y [label="pwn'
MD = "](javascript:alert(3)) **đậm** | ô |"
FIELD = "{ INCLUDETEXT \"c:\\\\secret.txt\" }"
NAME = f"Hệ thống {SCRIPT} {DOT} {MD}"

FILES = {
    "a.yaml": f"""\
        - id: he-thong-doc
          kind: application
          name: {json.dumps(NAME, ensure_ascii=False)}
          description: {json.dumps(IMG + " " + FIELD, ensure_ascii=False)}
          sources: [{json.dumps("<b>nguồn</b> " + FIELD, ensure_ascii=False)}]
          integrates_via: [lgsp]
          uses: [khong-ton-tai]
        - id: lgsp
          kind: integration_platform
          name: {json.dumps("LGSP {{ 7*7 }} ${{x}} " + SCRIPT, ensure_ascii=False)}
          platform_type: lgsp
        """,
}


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    return write_model(tmp_path_factory.mktemp("hostile") / "m", FILES)


def _run(run_cli, args):
    result = run_cli(args)
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_text_and_json_reports(run_cli, model):
    text = _run(run_cli, ["check", str(model)])
    assert "khong-ton-tai" in text
    report = json.loads(_run(run_cli, ["check", str(model), "--format", "json"]))
    assert any(f["element"] == "he-thong-doc" for f in report["findings"])


def test_ci_formats_are_well_formed(run_cli, model, tmp_path):
    sarif = json.loads(_run(run_cli, ["check", str(model), "--format", "sarif"]))
    assert sarif["runs"][0]["results"]
    junit = _run(run_cli, ["check", str(model), "--format", "junit"])
    ET.fromstring(junit.encode("utf-8"))  # parses: nothing broke out of the XML
    gh = _run(run_cli, ["check", str(model), "--format", "github"])
    for line in gh.splitlines():
        if "alert" in line or "pwn" in line:
            assert line.startswith("::"), line  # model text stays inside its annotation


def test_diagram_dot_and_svg(run_cli, model, tmp_path):
    dot = tmp_path / "c.dot"
    _run(run_cli, ["diagram", "context:he-thong-doc", "-d", str(model), "-o", str(dot)])
    assert "pwn" in dot.read_text(encoding="utf-8")
    svg = tmp_path / "c.svg"
    _run(run_cli, ["diagram", "context:he-thong-doc", "-d", str(model), "-o", str(svg)])
    root = ET.parse(svg).getroot()
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    titles = {e.text for e in root.iter() if e.tag.endswith("title")}
    assert not titles & {"x", "y", "x->y"}  # the DOT payload made no node or edge of its own
    assert "alert(1)" in "".join(root.itertext())  # shown as text


def test_archimate_export(run_cli, model, tmp_path):
    out = tmp_path / "m.xml"
    _run(run_cli, ["export", "archimate", str(model), "-o", str(out)])
    root = ET.parse(out).getroot()
    names = [e.text for e in root.iter() if e.tag.endswith("name") and e.text]
    assert NAME in names


def test_site_and_document(run_cli, model, tmp_path):
    site = tmp_path / "site"
    _run(run_cli, ["build", str(model), "--out", str(site)])
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert SCRIPT not in html and IMG not in html, page
        assert "<b>nguồn</b>" not in html, page
    docx = next(site.glob("*.docx"))
    with zipfile.ZipFile(docx) as z:
        body = z.read("word/document.xml").decode("utf-8")
    ET.fromstring(body.encode("utf-8"))
    # no live Word field from the model's text: the only fields are the document's own (TOC; PAGE in the header)
    assert "<w:fldSimple" not in body
    from kientruc.renderers.site.word import TOC_INSTRUCTION

    instructions = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", body)
    assert [i.strip() for i in instructions] == [TOC_INSTRUCTION], instructions


def test_diff_markdown(run_cli, model, tmp_path):
    import shutil

    head = tmp_path / "head"
    shutil.copytree(model, head)
    (head / "b.yaml").write_text(
        f"- id: moi\n  kind: application\n  name: {json.dumps(NAME, ensure_ascii=False)}\n  integrates_via: [lgsp]\n",
        encoding="utf-8",
    )
    md = _run(run_cli, ["diff", str(model), str(head), "--format", "markdown"])
    assert SCRIPT not in md
    assert "](javascript:" not in md.replace("\\](javascript:", "")  # the bracket is escaped: no link
