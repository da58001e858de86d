"""The commands' own lines speak the reader's language (issue 16, item 1): Vietnamese by default (the model's
language where there is a model), English with ``--lang en`` — init, import/export archimate, views, diagram,
build, the profiles/kinds/relations listings, the internal-error lines and an unreadable model's text.

Each command is run in both languages and its whole output (stdout and stderr) is read by the detectors of
tests/_language.py: no English sentence in the Vietnamese output, no Vietnamese word in the English one
(but for the model's own texts and legal citations, which stay as written)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from _language import english_words, model_texts, vietnamese_words
from conftest import write_model
from kientruc import cli as cli_module
from kientruc import pipeline
from kientruc.cli import cli
from kientruc.frameworks import profiles
from kientruc.renderers.diagrams import dot_executable

HAS_DOT = dot_executable() is not None

MODEL = {
    "to-chuc.yaml": """\
        - id: so-khcn
          kind: organization
          name: Sở Khoa học và Công nghệ
          org_type: department
        """,
    "ung-dung.yaml": """\
        - id: lgsp-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
          owner: so-khcn
        - id: mot-cua
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính
          owner: so-khcn
          integrates_via: [lgsp-tinh]
          uses: [khong-co]
        """,
}


def _run(args: list[str]) -> tuple[int, str]:
    """Exit code and everything the command wrote (stdout, then stderr)."""
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


def _both(args: list[str], texts: list[str], codes: tuple[int, ...] = (0,)) -> tuple[str, str]:
    """Run ``args`` in the default language and with ``--lang en``; check each for the other language."""
    code, vi = _run(args)
    assert code in codes, vi
    assert english_words(vi, texts) == [], vi
    code, en = _run([*args, "--lang", "en"])
    assert code in codes, en
    assert vietnamese_words(en, texts) == [], en
    return vi, en


@pytest.fixture
def model(tmp_path):
    return write_model(tmp_path / "m", MODEL)


def test_the_listings_are_in_the_language_asked():
    instruments = [p.instrument for p in profiles().values()]  # legal citations: Vietnamese in either language
    vi, en = _both(["profiles"], instruments)
    assert "có hiệu lực từ 21/04/2015 đến 30/12/2019" in vi and "in force from 2015-04-21 to 2019-12-30" in en
    assert "Vietnam e-Government Architecture Framework, version 1.0" in en
    vi, en = _both(["kinds"], [])
    assert "Ứng dụng" in vi and "application" in en
    vi, en = _both(["relations"], [])
    assert "mọi loại" in vi and "any kind" in en
    assert json.loads(_run(["relations", "--format", "json"])[1])  # machine-readable: unchanged, no --lang needed


def test_init_says_what_it_wrote_in_the_language_asked(tmp_path):
    code, vi = _run(["init", str(tmp_path / "vi"), "--province", "tỉnh Thử nghiệm"])
    assert code == 0 and "đã ghi" in vi and "bước tiếp theo: kientruc check" in vi
    assert english_words(vi, ["tỉnh Thử nghiệm"]) == [], vi
    code, en = _run(["init", str(tmp_path / "en"), "--province", "tỉnh Thử nghiệm", "--lang", "en"])
    assert code == 0 and "wrote" in en and "next: kientruc check" in en
    assert vietnamese_words(en, ["tỉnh Thử nghiệm"]) == [], en
    code, again = _run(["init", str(tmp_path / "vi"), "--province", "tỉnh Thử nghiệm"])
    assert code == 2 and again.startswith("kientruc init: ") and "đã tồn tại" in again


def test_views_and_diagram_speak_the_models_language(model, tmp_path):
    texts = model_texts(model)
    vi, en = _both(["views", str(model)], texts)
    assert "bối cảnh" in vi
    vi, en = _both(["diagram", "overveiw", "-d", str(model), "-f", "dot", "-o", "-"], texts, codes=(2,))
    assert "không có góc nhìn 'overveiw'" in vi and "no view 'overveiw'" in en
    vi, en = _both(["diagram", "context:khong-co", "-d", str(model), "-f", "dot", "-o", "-"], texts, codes=(2,))
    assert "không có thành phần 'khong-co'" in vi and "no element 'khong-co'" in en
    if HAS_DOT:
        vi, en = _both(["diagram", "overview", "-d", str(model), "-f", "dot", "--out-dir", str(tmp_path / "d")], texts)
        assert "đã ghi" in vi and "wrote" in en


def test_an_unreadable_model_is_reported_in_the_language_asked(tmp_path):
    broken = write_model(tmp_path / "b", {"x.yaml": "- id: a\n  kind: application\n  name: [\n"})
    vi, en = _both(["views", str(broken)], [], codes=(2,))
    assert "LOAD" in vi and "LOAD" in en
    with pytest.raises(pipeline.Unreadable) as caught:
        pipeline.read(broken)
    exc = caught.value
    assert exc.text("vi").startswith("không đọc được mô hình trong") and str(exc) == exc.text("vi")
    assert exc.text("en").startswith("the model in ") and english_words(exc.text("vi"), []) == []
    assert vietnamese_words(exc.text("en"), []) == []


def test_export_and_import_archimate_say_it_in_the_language_asked(model, tmp_path):
    texts = model_texts(model)
    out = tmp_path / "m.xml"
    vi, en = _both(["export", "archimate", str(model), "--no-views", "-o", str(out)], texts)
    # the relation to an element not in the model is noted, on stderr, in each language
    assert "kientruc export: quan hệ mot-cua uses khong-co: một đầu không có trong mô hình" in vi
    assert "kientruc export: relation mot-cua uses khong-co: an end is not in the model, not exported" in en
    code, vi = _run(["import", "archimate", str(out), "--out", str(tmp_path / "vi")])
    assert code == 0 and vi.startswith("đã nhập ") and "báo cáo: " in vi and "bước tiếp theo: " in vi
    code, en = _run(["import", "archimate", str(out), "--out", str(tmp_path / "en"), "--lang", "en"])
    assert code == 0 and en.startswith("imported ") and "report: " in en and "next: " in en
    # the command's own lines (the notes of import-report.md are listed too, and may still be English)
    own = [line for line in vi.splitlines() if not line.startswith("  ")]
    assert english_words("\n".join(own), texts) == [], own
    own = [line for line in en.splitlines() if not line.startswith("  ")]
    assert vietnamese_words("\n".join(own), texts) == [], own


@pytest.mark.skipif(not HAS_DOT, reason="Graphviz is not installed")
def test_build_says_what_it_wrote_and_its_warnings_in_the_language_asked(model, tmp_path, monkeypatch):
    texts = model_texts(model)
    real = pipeline.compliance_of

    def failing(result):
        if result.profile is not None and result.profile.id == "vn-egov-1.0":
            raise ValueError("made to fail")
        return real(result)

    monkeypatch.setattr(pipeline, "compliance_of", failing)
    code, vi = _run(["build", str(model), "-o", str(tmp_path / "vi"), "--no-docx"])
    assert code == 0, vi
    assert "đã tạo" in vi and "cảnh báo: mức độ tuân thủ theo vn-egov-1.0: made to fail" in vi
    assert english_words(vi.replace("made to fail", ""), texts) == [], vi
    code, en = _run(["build", str(model), "-o", str(tmp_path / "en"), "--no-docx", "--lang", "en"])
    assert code == 0, en
    assert "wrote" in en and "warning: compliance for vn-egov-1.0: made to fail" in en
    assert vietnamese_words(en, texts) == [], en


VALUES_MODEL = {
    "to-chuc.yaml": """\
        - id: tinh-uy
          kind: organization
          name: Tỉnh ủy
          org_type: party
          admin_level: tinh
        """,
    "du-lieu.yaml": """\
        - id: csdl-can-bo
          kind: database
          name: Cơ sở dữ liệu cán bộ
          owner: tinh-uy
          data_layer: chu
          quality: [dung, du]
          personal_data: true
        """,
}


def test_enumerated_values_are_shown_by_their_titles(tmp_path):
    """No key the model writes stands for a value in what a reader reads: `show` and the site's element pages
    give an organisation's type, a level, a data layer, the data criteria and a yes/no by their titles."""
    model = write_model(tmp_path / "m", VALUES_MODEL)
    texts = model_texts(model)
    vi, en = _both(["show", "tinh-uy", str(model), "--no-findings"], texts)
    assert "(org_type): Cơ quan Đảng" in vi and "(admin_level): Tỉnh" in vi
    assert "(org_type): Party body" in en and "(admin_level): province" in en
    vi, en = _both(["show", "csdl-can-bo", str(model), "--no-findings"], texts)
    assert "(data_layer): Dữ liệu chủ" in vi and "(quality): Đúng, Đủ" in vi and "(personal_data): Có" in vi
    assert "(data_layer): master data" in en and "(quality): correct, complete" in en and "(personal_data): yes" in en
    if not HAS_DOT:
        return
    code, out = _run(["build", str(model), "-o", str(tmp_path / "site"), "--no-docx"])
    assert code == 0, out
    page = (tmp_path / "site" / "e" / "tinh-uy.html").read_text(encoding="utf-8")
    assert "Cơ quan Đảng" in page and ">party<" not in page and ">tinh<" not in page
    page = (tmp_path / "site" / "e" / "csdl-can-bo.html").read_text(encoding="utf-8")
    assert "Dữ liệu chủ" in page and ">chu<" not in page and ">True<" not in page
    rules = (tmp_path / "site" / "rules.html").read_text(encoding="utf-8")  # what a rule's text marks as code
    assert "<code>data_layer</code>" in rules and "``" not in rules


RECLAIM = ('Warning: Unable to reclaim box space in spline routing for edge "mot-cua" -> "lgsp-tinh".  '
           'Something is probably seriously wrong.')


@pytest.mark.skipif(not HAS_DOT, reason="Graphviz is not installed")
def test_graphviz_warnings_are_told_in_the_language_asked(model, tmp_path, monkeypatch):
    """What Graphviz says about a drawing it made reaches the reader in the reader's words: which diagram, what
    it means; Graphviz's own English line only with KIENTRUC_DEBUG."""
    texts = model_texts(model)
    wrapper = tmp_path / "dot"
    wrapper.write_text(f"#!/bin/sh\n{dot_executable()} \"$@\"\nrc=$?\necho '{RECLAIM}' >&2\n"
                       "echo 'Warning: something else entirely' >&2\nexit $rc\n")
    wrapper.chmod(0o755)
    monkeypatch.setenv("KIENTRUC_DOT", str(wrapper))
    monkeypatch.delenv("KIENTRUC_DEBUG", raising=False)
    code, vi = _run(["build", str(model), "-o", str(tmp_path / "vi"), "--no-docx"])
    assert code == 0, vi
    assert "Graphviz không tối ưu được đường nối từ mot-cua đến lgsp-tinh trong sơ đồ " in vi, vi
    assert "Graphviz báo có trục trặc khi vẽ sơ đồ " in vi and "KIENTRUC_DEBUG=1" in vi
    assert "Something is probably" not in vi and "something else" not in vi
    assert english_words(vi, texts) == [], vi
    code, en = _run(["build", str(model), "-o", str(tmp_path / "en"), "--no-docx", "--lang", "en"])
    assert code == 0 and "Graphviz could not route the line from mot-cua to lgsp-tinh in diagram " in en, en
    assert vietnamese_words(en, texts) == [], en
    code, vi = _run(["diagram", "overview", "-d", str(model), "-o", str(tmp_path / "o.svg")])
    assert code == 0 and "trong sơ đồ overview; sơ đồ vẫn được vẽ" in vi and english_words(vi, texts) == [], vi
    monkeypatch.setenv("KIENTRUC_DEBUG", "1")  # the reader asked for the detail: Graphviz's own line too
    code, vi = _run(["diagram", "overview", "-d", str(model), "-o", str(tmp_path / "o.svg")])
    assert code == 0 and "Something is probably seriously wrong" in vi and "Warning: something else entirely" in vi


@pytest.mark.skipif(not HAS_DOT, reason="Graphviz is not installed")
def test_the_showcases_layer_diagrams_route_every_line():
    """The layer views of the showcase place their nodes in rows and let no edge constrain them; an edge's text
    laid out as a node of its own then made Graphviz give up routing some lines ("Unable to reclaim box space
    in spline routing"): their texts are placed after the routing (xlabel), and Graphviz says nothing."""
    from kientruc.renderers.diagrams import run_dot, to_dot
    from kientruc.views import compute_view, view_ids

    graph = pipeline.read(Path(__file__).resolve().parents[1] / "architecture").graph
    layers = [v for v in view_ids(graph) if v.startswith("layer:")]
    assert len(layers) >= 4
    for vid in layers:
        said: list[str] = []
        run_dot(to_dot(compute_view(graph, vid, lang="vi")), "svg", warnings=said)
        assert said == [], (vid, said)


def test_graphviz_missing_is_said_in_the_language_asked(model, tmp_path, monkeypatch):
    monkeypatch.setenv("KIENTRUC_DOT", str(tmp_path / "missing"))
    code, vi = _run(["build", str(model), "-o", str(tmp_path / "s")])
    assert code == 2 and "chưa cài đặt Graphviz" in vi and english_words(vi, []) == []
    code, en = _run(["build", str(model), "-o", str(tmp_path / "s"), "--lang", "en"])
    assert code == 2 and "Graphviz is not installed" in en
    manifest = model / "architecture.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "language: en\n", encoding="utf-8")
    code, en = _run(["build", str(model), "-o", str(tmp_path / "s")])  # the model's language, read before the model
    assert code == 2 and "Graphviz is not installed" in en


@pytest.mark.parametrize("argv, expected", [([], "lỗi nội bộ"), (["--lang", "en"], "internal error")])
def test_the_internal_error_lines_are_in_the_language_of_the_command_line(monkeypatch, capsys, argv, expected):
    def crash(*args, **kwargs):
        raise RuntimeError("made to crash")

    monkeypatch.setattr(cli_module.cli, "main", crash)
    monkeypatch.setattr(sys, "argv", ["kientruc", "views", *argv])
    with pytest.raises(SystemExit) as stop:
        cli_module.main()
    assert stop.value.code == 3
    err = capsys.readouterr().err
    assert expected in err and "RuntimeError" in err and "KIENTRUC_DEBUG=1" in err
    if argv:
        assert vietnamese_words(err, []) == []
    else:
        assert english_words(err.replace("made to crash", ""), []) == []


FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
       identifier="m1"><name xml:lang="vi">Mô hình ngoài</name>
<elements>
<element identifier="a" xsi:type="BusinessProcess"><name xml:lang="vi">Tiếp nhận hồ sơ</name></element>
<element identifier="b" xsi:type="BusinessProcess"><name xml:lang="vi">Thẩm định hồ sơ</name></element>
<element identifier="c" xsi:type="BusinessProcess"><name xml:lang="vi">Trả kết quả</name></element>
<element identifier="j" xsi:type="AndJunction"/>
<element identifier="o" xsi:type="BusinessObject"/>
</elements>
<relationships>
<relationship identifier="r1" source="a" target="j" xsi:type="Triggering"/>
<relationship identifier="r2" source="j" target="b" xsi:type="Triggering"/>
<relationship identifier="r3" source="j" target="c" xsi:type="Triggering"/>
<relationship identifier="r4" source="a" target="r1" xsi:type="Association"/>
</relationships>
</model>
"""


def test_the_import_report_and_its_notes_are_in_the_language_asked(tmp_path):
    src = tmp_path / "ngoai.xml"
    src.write_text(FOREIGN, encoding="utf-8")
    texts = ["Mô hình ngoài", "Tiếp nhận hồ sơ", "Thẩm định hồ sơ", "Trả kết quả"]
    code, vi = _run(["import", "archimate", str(src), "--out", str(tmp_path / "vi")])
    assert code == 0, vi
    report_vi = (tmp_path / "vi" / "import-report.md").read_text(encoding="utf-8")
    assert "điểm nối (junction)" in vi and "quan hệ nối vào quan hệ không được nhập" in report_vi
    assert "không có tên" in report_vi  # the unnamed business object, in the detail
    for out in (vi, report_vi):
        assert english_words(out, texts) == [], out
    code, en = _run(["import", "archimate", str(src), "--out", str(tmp_path / "en"), "--lang", "en"])
    assert code == 0, en
    report_en = (tmp_path / "en" / "import-report.md").read_text(encoding="utf-8")
    assert "1 junctions (1 AndJunction)" in en and "relationships on relationships not imported" in report_en
    assert "has no name" in report_en
    for out in (en, report_en):
        assert vietnamese_words(out, texts) == [], out


@pytest.mark.parametrize("content, vi, en", [
    (b"%PDF-1.4", "là tài liệu PDF, không phải tệp trao đổi ArchiMate", "is a PDF document, not an ArchiMate exchange"),
    (b"plain words <", "không phải XML", "is not XML"),
])
def test_a_file_import_refuses_is_named_in_the_language_asked(tmp_path, content, vi, en):
    bad = tmp_path / "x.xml"
    bad.write_bytes(content)
    code, said = _run(["import", "archimate", str(bad), "--out", str(tmp_path / "o")])
    assert code == 2 and vi in said
    code, said = _run(["import", "archimate", str(bad), "--out", str(tmp_path / "o"), "--lang", "en"])
    assert code == 2 and en in said and vietnamese_words(said, []) == []


def test_show_find_and_query_speak_the_language_asked(tmp_path, run_cli):
    """show, find and query: labels, kinds, layers and relations by their titles, in vi by default and in en."""
    root = Path(__file__).resolve().parent.parent / "architecture"
    model = model_texts(root)
    for args in (["show", "lgsp-quang-tri", str(root), "--no-findings"],
                 ["show", "he-thong-tthc-tinh", str(root)],
                 ["find", "LGSP", str(root)],
                 ["query", str(root), "--path", "cong-dich-vu-cong-tinh", "ndxp"],
                 ["query", str(root), "--depends-on", "lgsp-quang-tri"],
                 ["show", "lgsp-quang-trj", str(root)]):
        vi = run_cli(args)
        assert vi.exit_code in (0, 1, 2) and "Traceback" not in vi.output
        assert english_words(vi.output, model) == [], (args, english_words(vi.output, model))
        en = run_cli([*args, "--lang", "en"])
        assert vietnamese_words(en.output, model) == [], (args, vietnamese_words(en.output, model))


def test_a_diff_side_that_cannot_be_read_is_told_in_the_language_asked(model, tmp_path, monkeypatch):
    """`kientruc diff` names what it cannot read in the reader's words (the working tree too), exit 2."""
    monkeypatch.chdir(tmp_path)
    vi, en = _both(["diff", "khong-co", "--dir", str(model)], [], codes=(2,))
    assert "kientruc diff: 'khong-co' không phải thư mục" in vi
    assert "kientruc diff: 'khong-co' is not a folder" in en
    vi, en = _both(["diff", str(model), "--dir", str(tmp_path / "trong")], [], codes=(2,))
    assert "cây làm việc không có mô hình" in vi and "the working tree has no model" in en
