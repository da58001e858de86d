"""Bad input gives a located finding and exit 2, never a traceback; good input keeps its positions."""

from __future__ import annotations

import json
import os
import unicodedata

import pytest

from conftest import write_model
from kientruc import load

GOOD = """\
- id: lgsp-tinh
  kind: integration_platform
  name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
  platform_type: lgsp
  connects_to: [ndxp]
- id: ndxp
  kind: integration_platform
  name: Nền tảng tích hợp, chia sẻ dữ liệu quốc gia
  external: true
"""


def check_json(run_cli, root, *extra):
    result = run_cli(["check", str(root), "--format", "json", "--lang", "en", *extra])
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.output)


def only(report, code):
    found = [f for f in report["findings"] if f["code"] == code]
    assert found, f"no {code} in {report['findings']}"
    return found


@pytest.mark.parametrize(
    "text, line, column, needle, hint",
    [
        ("- id: a\n\tkind: actor\n", 2, 1, "tab", "tabs"),
        ("- id: a\n  kind: actor\n  tags: [x, y\n", 4, 1, "", "not closed"),
        ("- id: a\n  kind: actor\n  name: \"Người dân\n", 4, 1, "", "quote"),
        ("- id: a\n  kind: actor\n   name: x\n", 3, 8, "mapping values are not allowed", "indentation"),
        ("- id: a\n  kind: actor\n  name: x\n  valid_from: 2025-02-31\n", 4, 15, "is not a real date", "YYYY-MM-DD"),
        ("- id: a\n---\n- id: b\n", 2, 1, "another document", "'---'"),
    ],
    ids=["tab", "unclosed-bracket", "unclosed-quote", "bad-indent", "impossible-date", "two-documents"],
)
def test_yaml_syntax_errors_are_located(tmp_path, run_cli, text, line, column, needle, hint):
    root = write_model(tmp_path / "m", {"nguoi-dung.yaml": text})
    code, report = check_json(run_cli, root)
    assert code == 2
    (f,) = only(report, "LOAD001")
    assert f["file"].endswith("nguoi-dung.yaml")
    assert (f["line"], f["column"]) == (line, column)
    assert needle in f["message"]
    assert hint in (f["hint"] or "")


def test_duplicate_key_points_at_second_key_and_first(tmp_path, run_cli):
    text = "- id: a\n  kind: actor\n  name: Người dân\n  name: Doanh nghiệp\n"
    code, report = check_json(run_cli, write_model(tmp_path / "m", {"a.yaml": text}))
    assert code == 2
    (f,) = only(report, "LOAD002")
    assert (f["line"], f["column"]) == (4, 3)
    assert f["related"][0]["line"] == 3


@pytest.mark.parametrize(
    "text, line, message, hint",
    [
        ("- id: app\n  kind: application\n  name: A\n  securty_level: 3\n", 4, "unknown field 'securty_level'",
         "did you mean 'security_level'?"),
        ("- id: app\n  kind: aplication\n  name: A\n", 2, "unknown kind 'aplication'", "did you mean 'application'?"),
        ("- id: app\n  kind: application\n", 1, "missing required field 'name'", None),
        ("- id: He Thong\n  kind: application\n  name: A\n", 1, "'He Thong' is not a valid id", "'he-thong'"),
        ("- id: app\n  kind: application\n  name: A\n  security_level: 9\n", 4, "'security_level'", None),
        ("- id: app\n  kind: application\n  name: yes\n", 3, "expected text", "booleans"),
        ("- id: app\n  kind: application\n  name: A\n  status: old\n", 4, "'current', 'planned', 'retiring'", None),
        ("- id: app\n  kind: application\n  name: A\n  valid_from: 9/10/2018\n", 4, "is not a date", "YYYY-MM-DD"),
        ("- id: app\n  kind: application\n  name: A\n  uses: lgsp\n", 4, "expected a list", "write a list"),
        ("- id: app\n  kind: application\n  name: A\n  uses:\n    - {tagret: lgsp}\n", 5, "unknown field 'tagret'",
         "did you mean 'target'?"),
        ("- id: app\n  name: A\n", 1, "no 'kind'", "add 'kind:'"),
        ("- just a string\n", 1, "expected an element", "'- id:"),
    ],
    ids=[
        "unknown-field", "unknown-kind", "missing-field", "bad-id", "out-of-range", "norway", "bad-enum",
        "bad-date", "scalar-for-list", "relation-typo", "no-kind", "scalar-element",
    ],
)
def test_schema_errors_are_located(tmp_path, run_cli, text, line, message, hint):
    code, report = check_json(run_cli, write_model(tmp_path / "m", {"ung-dung/a.yaml": text}))
    assert code == 2
    found = only(report, "LOAD003")
    f = next((f for f in found if message in f["message"]), None)
    assert f is not None, found
    assert f["line"] == line
    assert f["file"].endswith("ung-dung/a.yaml")
    if hint:
        assert hint in f["hint"]


def test_schema_error_names_the_element(tmp_path, run_cli):
    text = "- id: app\n  kind: application\n  name: A\n  bogus: 1\n"
    _, report = check_json(run_cli, write_model(tmp_path / "m", {"a.yaml": text}))
    (f,) = only(report, "LOAD003")
    assert f["element"] == "app"
    assert "application 'app'" in f["message"]


def test_a_mapping_where_a_list_is_expected(tmp_path, run_cli):
    text = "id: app\nkind: application\nname: A\n"
    code, report = check_json(run_cli, write_model(tmp_path / "m", {"a.yaml": text}))
    assert code == 2
    (f,) = only(report, "LOAD004")
    assert "put '- ' before 'id:'" in f["hint"]


def test_invalid_utf8_is_located(tmp_path, run_cli):
    root = write_model(tmp_path / "m", {})
    (root / "a.yaml").write_bytes("- id: a\n  kind: actor\n  name: Ng".encode() + b"\xff\xfe\n")
    code, report = check_json(run_cli, root)
    assert code == 2
    (f,) = only(report, "LOAD005")
    assert f["line"] == 3 and f["column"] == 11


def test_bom_and_nfd_text_are_accepted_and_normalised(tmp_path):
    nfd = unicodedata.normalize("NFD", "Quảng Trị")
    root = write_model(tmp_path / "m", {})
    (root / "a.yaml").write_bytes(("\ufeff- id: a\n  kind: actor\n  name: " + nfd + "\n  serves: [a]\n").encode())
    loaded = load(root)
    assert loaded.ok, loaded.findings
    (el,) = loaded.architecture.elements
    assert el.name == "Quảng Trị" and unicodedata.is_normalized("NFC", el.name)


def test_empty_file_is_a_warning_not_a_failure(tmp_path, run_cli):
    root = write_model(tmp_path / "m", {"a.yaml": GOOD, "trong.yaml": "# nothing yet\n"})
    code, report = check_json(run_cli, root)
    assert code == 0
    (f,) = only(report, "LOAD009")
    assert f["severity"] == "warning"
    code, _ = check_json(run_cli, root, "--fail-on", "warning")
    assert code == 1


def test_missing_manifest(tmp_path, run_cli):
    (tmp_path / "m").mkdir()
    code, report = check_json(run_cli, tmp_path / "m")
    assert code == 2
    only(report, "LOAD006")


def test_missing_folder_is_a_finding_too(tmp_path, run_cli):
    code, report = check_json(run_cli, tmp_path / "nowhere")
    assert code == 2
    only(report, "LOAD006")


def test_invalid_manifest_field(tmp_path, run_cli):
    manifest = "province: Quảng Trị\narchitecture:\n  name: KT\n  version: '1.0'\n  versoin: 2\nprofile: vn-egov-1.0\n"
    code, report = check_json(run_cli, write_model(tmp_path / "m", {"a.yaml": GOOD}, manifest))
    assert code == 2
    (f,) = only(report, "LOAD007")
    assert f["line"] == 5 and "did you mean 'version'?" in f["hint"]


def test_unknown_profile(tmp_path, run_cli):
    manifest = "province: Quảng Trị\narchitecture: {name: KT, version: '1.0'}\nprofile: vn-egov-9.0\n"
    code, report = check_json(run_cli, write_model(tmp_path / "m", {"a.yaml": GOOD}, manifest))
    assert code == 2
    (f,) = only(report, "LOAD008")
    assert f["line"] == 3 and "vn-egov-1.0" in f["hint"]


def test_unknown_rule_in_settings(tmp_path, run_cli):
    manifest = (
        "province: Quảng Trị\narchitecture: {name: KT, version: '1.0'}\nprofile: vn-egov-1.0\n"
        "validation:\n  rules:\n    isolated-elemnt: off\n"
    )
    code, report = check_json(run_cli, write_model(tmp_path / "m", {"a.yaml": GOOD}, manifest))
    assert code == 2
    (f,) = only(report, "CFG001")
    assert f["line"] == 6 and "isolated-element" in f["hint"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_links_out_of_the_model_folder_are_refused(tmp_path, run_cli):
    outside = tmp_path / "secret.yaml"
    outside.write_text("- id: x\n  kind: actor\n  name: X\n", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    root = write_model(tmp_path / "m", {"a.yaml": GOOD})
    os.symlink(outside, root / "link.yaml")
    os.symlink(tmp_path / "elsewhere", root / "dir-link")
    code, report = check_json(run_cli, root)
    assert code == 2
    found = only(report, "LOAD010")
    assert len(found) == 2
    assert report["elements"] == 2


def test_all_problems_of_all_files_are_reported_at_once(tmp_path, run_cli):
    root = write_model(
        tmp_path / "m",
        {"a.yaml": "- id: a\n  kind: actor\n  nam: A\n", "b.yaml": "- id: b\n\tkind: actor\n", "c.yaml": GOOD},
    )
    code, report = check_json(run_cli, root)
    assert code == 2
    assert {f["code"] for f in report["findings"]} == {"LOAD001", "LOAD003"}
    assert len({f["file"] for f in report["findings"]}) == 2


def test_positions_of_elements_and_relation_items(tmp_path):
    root = write_model(tmp_path / "m", {"tich-hop/lgsp.yaml": "# comment\n" + GOOD})
    loaded = load(root)
    assert loaded.ok
    loc = loaded.sources.element("lgsp-tinh", ("connects_to", 0))
    assert (loc.line, loc.column) == (6, 17)
    assert loaded.sources.element("ndxp").line == 7
    assert loaded.sources.element("ndxp", ("external",)).line == 10


def test_model_files_are_never_modified(tmp_path, run_cli):
    root = write_model(tmp_path / "m", {"a.yaml": GOOD, "b.yaml": "- id: b\n\tkind: actor\n"})
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    run_cli(["check", str(root)])
    run_cli(["stats", str(root)])
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert before == after


def test_billion_laughs_is_refused_quickly(tmp_path, run_cli):
    bomb = 'l0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    for i in range(1, 10):
        bomb += f"l{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n"
    text = "- id: a\n  kind: actor\n  name: A\n  properties:\n" + "".join("    " + line for line in bomb.splitlines(True))
    code, report = check_json(run_cli, write_model(tmp_path / "m", {"bomb.yaml": text}))
    assert code == 2
    (f,) = only(report, "LOAD012")
    assert "expand" in f["message"]


def test_recursive_alias_is_refused(tmp_path, run_cli):
    text = "- id: b\n  kind: actor\n  name: B\n  tags: &r [x, *r]\n"
    code, report = check_json(run_cli, write_model(tmp_path / "m", {"rec.yaml": text}))
    assert code == 2
    (f,) = only(report, "LOAD012")
    assert f["line"] == 4


def test_ordinary_anchors_still_work(tmp_path):
    text = (
        "- id: a\n  kind: actor\n  name: A\n  sources: &src ['Quyết định 2336/QĐ-UBND']\n"
        "- id: b\n  kind: actor\n  name: B\n  sources: *src\n  serves: [a]\n"
    )
    loaded = load(write_model(tmp_path / "m", {"a.yaml": text}))
    assert loaded.ok, loaded.findings
    assert loaded.architecture.elements[1].sources == ["Quyết định 2336/QĐ-UBND"]


def test_a_file_too_large_is_refused(tmp_path, run_cli, monkeypatch):
    from kientruc.loader import guards as loader

    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 1000)
    root = write_model(tmp_path / "m", {"a.yaml": GOOD, "big.yaml": "# " + "x" * 2000 + "\n"})
    code, report = check_json(run_cli, root)
    assert code == 2
    (f,) = only(report, "LOAD011")
    assert f["file"].endswith("big.yaml")


def test_too_many_elements_is_refused(tmp_path, run_cli, monkeypatch):
    from kientruc.loader import guards as loader

    monkeypatch.setattr(loader, "MAX_ELEMENTS", 3)
    files = {f"f{i}.yaml": f"- id: a{i}\n  kind: actor\n  name: A\n- id: b{i}\n  kind: actor\n  name: B\n"
             for i in range(4)}
    code, report = check_json(run_cli, write_model(tmp_path / "m", files))
    assert code == 2
    (f,) = only(report, "LOAD013")
    assert f["file"].endswith("f1.yaml") and f["line"] == 1
