"""kientruc check --format sarif | junit | github: what CI systems read."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import jsonschema
import pytest

from conftest import shared_file, write_model
from kientruc.findings import Finding, Location, Severity
from kientruc.renderers.ci_reports import escape_data, escape_property, github_annotations
from kientruc.validators import lookup
from scratch_repo import GitRepo, pin_rules

SARIF_SCHEMA = ("reference", "sarif-schema-2.1.0.json")
"""The OASIS schema of SARIF 2.1.0 under ../shared (see :func:`shared_file`)."""

MANIFEST = """\
    province: Quảng Trị
    architecture:
      name: Kiến trúc thử nghiệm
      version: "1.0"
    profile: vn-egov-1.0
    waivers:
      - rule: isolated-element
        elements: [hop-thu]
        reason: Chưa kết nối, chờ LGSP
        approved_by: Sở TT&TT
        expires: 2999-12-31
      - rule: STR007
        elements: [cong-cu]
        reason: Không còn dùng
        approved_by: Sở TT&TT
        expires: 2999-12-31
    """

FILES = {
    # a folder and a file with Vietnamese letters and a space: URIs must be encoded
    "ứng dụng/một cửa.yaml": """\
        - id: mot-cua
          kind: application
          name: Hệ thống một cửa điện tử
          owner: so-tttt
          hosted_on: [nghi-dinh-61]
          flows_to: [cong-dvc-qg]
        - id: cong-dvc-qg
          kind: application
          name: Cổng Dịch vụ công quốc gia
          external: true
        - id: hop-thu
          kind: application
          name: Thư công vụ
        - id: cong-cu
          kind: application
          name: Cổng thông tin cũ
        """,
    "quan-tri.yaml": """\
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông
        - id: lgsp-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
          platform_type: lgsp
          owner: so-tttt
        - id: nghi-dinh-61
          kind: legal_document
          name: Nghị định 61/2018/NĐ-CP về cơ chế một cửa
          doc_type: nghi_dinh
          number: 61/2018/NĐ-CP
          date: 2018-04-23
          issuer: Chính phủ
        """,
}

ONE_STOP = "architecture/ứng dụng/một cửa.yaml"


@pytest.fixture
def model(tmp_path, monkeypatch):
    """A model in tmp/architecture (no git repository: paths are relative to the working folder)."""
    pin_rules(monkeypatch)
    write_model(tmp_path / "architecture", FILES, MANIFEST)
    return tmp_path


def check(run_cli, cwd, *args):
    return run_cli(["check", "--as-of", "2025-01-01", *args], cwd=cwd)


# --------------------------------------------------------------------------- SARIF


def test_sarif_is_valid_and_complete(model, run_cli):
    result = check(run_cli, model, "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.output)
    jsonschema.Draft7Validator(json.loads(shared_file(*SARIF_SCHEMA).read_text(encoding="utf-8"))).validate(log)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == model.resolve().as_uri() + "/"
    assert run["invocations"] == [{"executionSuccessful": True, "exitCode": 1}]
    props = dict(run["properties"])
    verdict = props.pop("verdict")
    # checked against the framework in force on 1/1/2025 (3.0, QĐ 2568/QĐ-BTTTT), the edition's own is 1.0
    assert props == {"model": "architecture", "profile": "vn-egov-3.0", "as_of": "2025-01-01", "fail_on": "error"}
    assert verdict["as_of"] == "2025-01-01"
    assert verdict["edition"]["profile"] == "vn-egov-1.0"

    # rule metadata: every rule that fired (the waived one too), and only those
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert list(rules) == ["STR003", "STR006", "TST101", "WVR002"]
    str003 = rules["STR003"]
    assert str003["name"] == "relation-not-allowed"
    rule = lookup("STR003")
    assert str003["shortDescription"]["text"] == rule.title
    assert str003["fullDescription"]["text"] == " ".join(rule.doc_section("Checks:").split())
    assert "**Fails" in str003["help"]["markdown"] and "```yaml" in str003["help"]["markdown"]
    assert str003["help"]["text"].startswith("Checks:")
    assert str003["defaultConfiguration"] == {"level": "error"}
    assert rules["TST101"]["properties"]["legal_basis"] == ["Quyết định 2336/QĐ-UBND (test stand-in)"]
    assert rules["WVR002"]["defaultConfiguration"] == {"level": "note"}

    results = {(r["ruleId"], r.get("properties", {}).get("element")): r for r in run["results"]}
    assert len(results) == len(run["results"]) == 5
    r = results[("STR003", "mot-cua")]
    assert r["level"] == "error" and r["ruleIndex"] == 0
    phys = r["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert unquote(phys["artifactLocation"]["uri"]) == ONE_STOP
    assert phys["artifactLocation"]["uri"] == "architecture/%E1%BB%A9ng%20d%E1%BB%A5ng/m%E1%BB%99t%20c%E1%BB%ADa.yaml"
    assert phys["region"] == {"startLine": 5, "startColumn": 15}
    assert r["locations"][0]["logicalLocations"] == [{"name": "mot-cua", "kind": "element"}]
    assert r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "architecture/quan-tri.yaml"
    assert r["relatedLocations"][0]["physicalLocation"]["region"] == {"startLine": 9, "startColumn": 3}
    assert r["message"]["text"].startswith(  # the model's language: Vietnamese
        "quan hệ triển khai trên (hosted_on) không được nối ứng dụng 'mot-cua' với văn bản 'nghi-dinh-61'\nGợi ý: ")
    assert len(r["partialFingerprints"]["kientruc/v1"]) == 16
    assert results[("WVR002", None)]["level"] == "note"
    assert results[("STR006", "cong-cu")]["level"] == "warning"
    # the waived finding is a suppressed result, with the waiver as justification
    waived = results[("STR006", "hop-thu")]
    assert waived["suppressions"] == [{
        "kind": "external",
        "status": "accepted",
        "justification": "Chưa kết nối, chờ LGSP (phê duyệt theo Sở TT&TT; miễn trừ hết hạn ngày 31/12/2999)",
    }]


def test_sarif_paths_start_at_the_repository_root(tmp_path, monkeypatch, run_cli):
    pin_rules(monkeypatch)
    repo = GitRepo(tmp_path / "repo")
    write_model(repo.root / "docs" / "architecture", FILES, MANIFEST)
    result = run_cli(["check", ".", "--as-of", "2025-01-01", "--format", "sarif"], cwd=repo.root / "docs" / "architecture")
    run = json.loads(result.output)["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.root.resolve().as_uri() + "/"
    uris = {unquote(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in run["results"]}
    assert uris == {"docs/architecture/ứng dụng/một cửa.yaml", "docs/architecture/architecture.yaml"}


def test_sarif_of_an_unreadable_model(tmp_path, monkeypatch, run_cli):
    pin_rules(monkeypatch)
    write_model(tmp_path / "architecture", {"a.yaml": "- id: x\n  kind: application\n  name: [\n"})
    result = run_cli(["check", "--format", "sarif"], cwd=tmp_path)
    assert result.exit_code == 2
    log = json.loads(result.output)
    jsonschema.Draft7Validator(json.loads(shared_file(*SARIF_SCHEMA).read_text(encoding="utf-8"))).validate(log)
    run = log["runs"][0]
    assert run["invocations"] == [{"executionSuccessful": False, "exitCode": 2}]
    assert [r["ruleId"] for r in run["results"]] == ["LOAD001"]
    assert run["tool"]["driver"]["rules"][0]["shortDescription"]["text"] == "The file is not valid YAML."


# --------------------------------------------------------------------------- JUnit


def test_junit_one_test_case_per_rule(model, run_cli, tmp_path):
    out = tmp_path / "junit.xml"
    result = check(run_cli, model, "--format", "junit", "--lang", "en", "-o", str(out))
    assert result.exit_code == 1 and result.output == ""
    root = ET.parse(out).getroot()
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("10", "2", "0")
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["kientruc.engine", "kientruc.integration", "kientruc.structure", "kientruc.waiver"]
    structure = suites["kientruc.structure"]
    assert (structure.get("tests"), structure.get("failures")) == ("7", "1")
    props = {p.get("name"): p.get("value") for p in structure.find("properties")}
    # judged against the framework in force on the day (3.0), and the edition's own (1.0) beside it
    assert props == {"model": "architecture", "profile": "vn-egov-3.0", "as_of": "2025-01-01", "fail_on": "error",
                     "profiles": "in_force:vn-egov-3.0:1,edition:vn-egov-1.0:1", "framework_in_force": "vn-egov-3.0",
                     "edition": "1.0", "edition_profile": "vn-egov-1.0"}
    cases = {c.get("name"): c for s in root for c in s.findall("testcase")}
    assert sorted(cases) == [
        "STR001 unknown-reference", "STR002 duplicate-id", "STR003 relation-not-allowed", "STR006 isolated-element",
        "STR007 self-relation", "STR008 invalid-period", "STR009 reference-out-of-period", "TST101 lgsp-bypassed",
        "WVR001 waiver-expired", "WVR002 waiver-unused",
    ]
    assert cases["STR001 unknown-reference"].get("classname") == "kientruc.structure"
    assert list(cases["STR001 unknown-reference"]) == []  # passed
    failure = cases["STR003 relation-not-allowed"].find("failure")
    assert failure.get("type") == "error"
    assert failure.get("message") == (
        "1 error: the relation is hosted on (hosted_on) may not join application 'mot-cua' to legal document 'nghi-dinh-61'")
    assert failure.text.splitlines()[:2] == [
        f"{ONE_STOP}:5:15: error STR003 [relation-not-allowed] the relation is hosted on (hosted_on) may not join "
        "application 'mot-cua' to legal document 'nghi-dinh-61'",
        "    see architecture/quan-tri.yaml:9:3 (the legal document named)",
    ]
    # a warning below --fail-on error does not fail its test case; it is reported, with the waived one
    isolated = cases["STR006 isolated-element"]
    assert isolated.find("failure") is None
    out_text = isolated.find("system-out").text
    assert "Below the failing severity (error):" in out_text and "application 'cong-cu' has no relation" in out_text
    assert "Waived:" in out_text and "waived until 2999-12-31, approved by Sở TT&TT: Chưa kết nối, chờ LGSP" in out_text
    # the same report in the model's language (Vietnamese): messages and the report's own words
    vi = check(run_cli, model, "--format", "junit").output
    assert "quan hệ triển khai trên (hosted_on) không được nối ứng dụng 'mot-cua' với văn bản 'nghi-dinh-61'" in vi
    assert "Được miễn trừ:" in vi and "được miễn trừ đến ngày 31/12/2999" in vi

    # with --fail-on warning, it fails
    result = check(run_cli, model, "--format", "junit", "--fail-on", "warning", "--lang", "en")
    root = ET.fromstring(result.output.encode("utf-8"))
    case = next(c for c in root.iter("testcase") if c.get("name") == "STR006 isolated-element")
    assert case.find("failure").get("message") == "1 warning: application 'cong-cu' has no relation to any other element"


def test_junit_of_an_unreadable_model_is_an_error(tmp_path, monkeypatch, run_cli):
    pin_rules(monkeypatch)
    write_model(tmp_path / "architecture", {"a.yaml": "- id: X Y\n  kind: application\n  name: A\n"})
    result = run_cli(["check", "--format", "junit", "--lang", "en"], cwd=tmp_path)
    assert result.exit_code == 2
    root = ET.fromstring(result.output.encode("utf-8"))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "0", "1")
    case = root.find("testsuite/testcase")
    assert (case.get("classname"), case.get("name")) == ("kientruc.load", "LOAD003 invalid-element")
    assert case.find("error").get("message").startswith("1 error: ")


# --------------------------------------------------------------------------- GitHub annotations


def test_github_annotations(model, run_cli):
    result = check(run_cli, model, "--format", "github", "--lang", "en")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        "::notice file=architecture/architecture.yaml,line=12,col=5,title=WVR002 waiver-unused::"
        "the waiver of STR007 (self-relation) for cong-cu suppresses no finding"
        "%0AHint: remove the waiver: the problem it excused is gone"
    )
    assert lines[1] == (
        f"::error file={ONE_STOP},line=5,col=15,title=STR003 relation-not-allowed::"
        "the relation is hosted on (hosted_on) may not join application 'mot-cua' to legal document 'nghi-dinh-61'"
        "%0AHint: the relation is hosted on (hosted_on) from application may point to: computing node, system software; "
        "from application to legal document use the relation complies with (complies_with)"
    )
    assert lines[2].startswith(f"::error file={ONE_STOP},line=6,col=14,title=TST101 lgsp-bypassed::'mot-cua' sends ")
    assert lines[2].endswith("%0ABasis: Quyết định 2336/QĐ-UBND (test stand-in)")
    assert lines[3].startswith(f"::warning file={ONE_STOP},line=14,col=3,title=STR006 isolated-element::")
    assert lines[-1] == "2 errors, 1 warning, 1 info in 7 elements from 2 files. 1 finding waived."
    assert len(lines) == 5  # the waived finding is not annotated


def test_github_escaping():
    assert escape_data("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext: a,b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    f = Finding(
        "STR001", "unknown-reference", Severity.ERROR, "names 'x', 100% missing\nsecond line",
        location=Location("dir,with:odd/a%b.yaml", 3, 7),
    )
    assert github_annotations([f]) == (
        "::error file=dir%2Cwith%3Aodd/a%25b.yaml,line=3,col=7,title=STR001 unknown-reference::"
        "names 'x', 100%25 missing%0Asecond line\n"
    )
    no_place = Finding("CFG001", "unknown-rule", Severity.WARNING, "x")
    assert github_annotations([no_place]) == "::warning title=CFG001 unknown-rule::x\n"
