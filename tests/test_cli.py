"""The commands as a user runs them: output, exit codes, settings, waivers, dates."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import yaml

from conftest import BASE_MANIFEST, FRAMEWORK_FAMILIES, REPO, write_model
from kientruc.findings import Severity
from kientruc.validators import engine
from kientruc.validators.registry import Rule, Violation

MODEL = {
    "to-chuc.yaml": """\
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông
          org_type: department
          valid_from: 2008-04-01
          valid_to: 2025-02-28
          successors: [so-khcn]
          owns: [{target: lgsp-tinh, valid_to: 2025-02-28}]
        - id: so-khcn
          kind: organization
          name: Sở Khoa học và Công nghệ
          org_type: department
          valid_from: 2025-03-01
          owns: [{target: lgsp-tinh, valid_from: 2025-03-01}]
        """,
    "tich-hop.yaml": """\
        - id: lgsp-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
          platform_type: lgsp
          valid_from: 2019-06-01
          connects_to:
            - {target: ndxp, valid_from: 2020-12-01, data: [hồ sơ TTHC]}
        - id: ndxp
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu quốc gia
          external: true
        """,
}


def manifest(**extra):
    m = json.loads(json.dumps(BASE_MANIFEST))
    if "validation" in extra:  # keep the base's framework families switched off
        validation = dict(extra["validation"])
        validation["rules"] = {**m["validation"]["rules"], **validation.get("rules", {})}
        extra = dict(extra, validation=validation)
    m.update(extra)
    return m


def test_clean_model_exits_0_with_a_summary(tmp_path, run_cli):
    root = write_model(tmp_path / "m", MODEL)
    result = run_cli(["check", str(root)])  # the model's language, Vietnamese by default
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Không có vi phạm nào trong 4 thành phần của 2 tệp."
    # then the verdict: the framework in force on the day, and the edition's own where it differs
    assert lines[1].startswith("Kết luận ngày ") and "Theo Quyết định 3090/QĐ-BKHCN" in lines[1]
    assert "theo khung của phiên bản kiến trúc 1.0 (Văn bản 1178/BTTTT-THH): đạt" in lines[1]
    result = run_cli(["check", str(root), "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "No findings in 4 elements from 2 files."
    assert lines[1].startswith("Verdict on ") and "Against Decision 3090/QĐ-BKHCN" in lines[1]
    assert "edition 1.0 (Official Letter 1178/BTTTT-THH): passes" in lines[1]  # the instruments in English


def test_text_finding_line_format(tmp_path, run_cli):
    files = dict(MODEL)
    files["ung-dung.yaml"] = "- id: app\n  kind: application\n  name: Ứng dụng\n  integrates_via: [lgsp-tnh]\n"
    root = write_model(tmp_path / "m", files)
    result = run_cli(["check", str(root), "--lang", "en"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    lines = lines[: next(i for i, line in enumerate(lines) if line.startswith("Verdict on "))]  # the verdict follows
    assert len(lines) == 3
    assert lines[0].endswith(
        "ung-dung.yaml:4:20: error STR001 [unknown-reference] app: the relation integrates via (integrates_via) names 'lgsp-tnh', "
        "which is not an element of the model"
    )
    assert lines[1].strip() == "hint: did you mean 'lgsp-tinh'?"
    assert lines[-1] == "1 error, 0 warnings, 0 info in 5 elements from 3 files."
    lines = run_cli(["check", str(root)]).output.splitlines()  # the same finding, in the model's language
    lines = lines[: next(i for i, line in enumerate(lines) if line.startswith("Kết luận"))]
    assert lines[0].endswith(
        "ung-dung.yaml:4:20: lỗi STR001 [unknown-reference] app: quan hệ tích hợp qua (integrates_via) ghi 'lgsp-tnh', "
        "không phải là thành phần nào của mô hình"
    )
    assert lines[1].strip() == "gợi ý: có phải là 'lgsp-tinh'?"
    assert lines[-1] == "1 lỗi, 0 cảnh báo, 0 thông tin trong 5 thành phần của 3 tệp."


def test_json_report_shape(tmp_path, run_cli):
    files = dict(MODEL)
    files["ung-dung.yaml"] = "- id: app\n  kind: application\n  name: Ứng dụng\n"
    result = run_cli(["check", str(write_model(tmp_path / "m", files)), "--format", "json"])
    report = json.loads(result.output)
    assert result.exit_code == 0  # a warning does not fail by default
    assert report["version"] == 1 and report["exit_code"] == 0
    assert report["summary"]["warnings"] == 1
    (f,) = report["findings"]
    assert f["code"] == "STR006" and f["name"] == "isolated-element" and f["severity"] == "warning"
    assert f["element"] == "app" and f["line"] == 1 and f["column"] == 3
    assert set(f) >= {"message", "hint", "related", "legal_basis", "file"}


def test_fail_on_and_severity_settings(tmp_path, run_cli):
    files = dict(MODEL)
    files["ung-dung.yaml"] = "- id: app\n  kind: application\n  name: Ứng dụng\n"
    root = write_model(tmp_path / "m", files)
    assert run_cli(["check", str(root), "--fail-on", "warning"]).exit_code == 1
    write_model(root, {}, manifest(validation={"rules": {"isolated-element": "error"}}))
    assert run_cli(["check", str(root)]).exit_code == 1
    write_model(root, {}, manifest(validation={"rules": {"STR006": "off"}, "fail_on": "info"}))
    result = run_cli(["check", str(root), "--lang", "en"])
    assert result.exit_code == 0 and "No findings" in result.output
    write_model(root, {}, manifest(validation={"fail_on": "warning"}))
    assert run_cli(["check", str(root)]).exit_code == 1


def test_bare_off_in_yaml_means_off(tmp_path, run_cli):
    files = dict(MODEL)
    files["ung-dung.yaml"] = "- id: app\n  kind: application\n  name: Ứng dụng\n"
    text = (
        "province: Quảng Trị\narchitecture: {name: KT, version: '1.0'}\nprofile: vn-egov-1.0\n"
        "validation:\n  fail_on: warning\n  rules:\n    isolated-element: off\n"
        + "".join(f"    {family}: off\n" for family in FRAMEWORK_FAMILIES)
    )
    assert run_cli(["check", str(write_model(tmp_path / "m", files, text))]).exit_code == 0


def test_waivers_suppress_and_are_audited(tmp_path, run_cli):
    files = dict(MODEL)
    files["ung-dung.yaml"] = "- id: app\n  kind: application\n  name: Ứng dụng\n"
    waiver = {"rule": "isolated-element", "elements": ["app"], "reason": "Đang xây dựng",
              "approved_by": "Công văn 12/STTTT", "expires": "2030-12-31"}
    unused = dict(waiver, rule="STR001")
    root = write_model(tmp_path / "m", files, manifest(waivers=[waiver, unused]))
    report = json.loads(run_cli(["check", str(root), "--format", "json", "--as-of", "2026-01-01"]).output)
    assert [f["code"] for f in report["findings"]] == ["WVR002"]
    assert report["findings"][0]["line"] is not None
    assert len(report["waived"]) == 1 and report["waived"][0]["finding"]["code"] == "STR006"
    # after expiry the waiver no longer suppresses, and says so itself
    report = json.loads(run_cli(["check", str(root), "--format", "json", "--as-of", "2031-01-01"]).output)
    assert sorted(f["code"] for f in report["findings"]) == ["STR006", "WVR001", "WVR001"]


def test_as_of_reads_the_model_as_it_stood(tmp_path, run_cli):
    root = write_model(tmp_path / "m", MODEL)
    before = json.loads(run_cli(["stats", str(root), "--as-of", "2018-10-09", "--format", "json"]).output)
    after = json.loads(run_cli(["stats", str(root), "--as-of", "2025-07-01", "--format", "json"]).output)
    assert before["layers"]["motivation"] == {"organization": 1}
    assert before["layers"]["integration"] == {"integration_platform": 1}  # the LGSP came in 2019
    assert after["layers"]["integration"] == {"integration_platform": 2}
    assert before["relations"] == {"successors": 0} or "owns" not in before["relations"]
    assert after["relations"] == {"connects_to": 1, "owns": 1}
    mid = json.loads(run_cli(["stats", str(root), "--as-of", "2020-01-01", "--format", "json"]).output)
    assert mid["relations"] == {"owns": 1}  # LGSP→NDXP only from 2020-12-01
    for day in ("2018-10-09", "2020-01-01", "2025-07-01", "2026-11-25"):
        assert run_cli(["check", str(root), "--as-of", day]).exit_code == 0, day


def test_a_relation_that_outlives_its_target_is_reported(tmp_path, run_cli):
    files = dict(MODEL)
    files["ung-dung.yaml"] = (
        "- id: app\n  kind: application\n  name: Ứng dụng\n  owner: so-tttt\n  integrates_via: [lgsp-tinh]\n"
    )
    root = write_model(tmp_path / "m", files)
    assert run_cli(["check", str(root), "--as-of", "2024-01-01", "--fail-on", "warning"]).exit_code == 0
    report = json.loads(run_cli(["check", str(root), "--as-of", "2025-07-01", "--format", "json"]).output)
    (f,) = report["findings"]
    assert f["code"] == "STR009" and f["element"] == "app" and f["line"] == 4
    assert "so-khcn" in f["hint"]


def test_invalid_as_of_is_a_usage_error(tmp_path, run_cli):
    root = write_model(tmp_path / "m", MODEL)
    result = run_cli(["check", str(root), "--as-of", "2025-02-31"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_a_crashing_rule_gives_exit_3_and_the_others_still_run(tmp_path, run_cli, monkeypatch):
    def boom(ctx):
        """Checks: Why: Fails: Passes:"""
        raise KeyError("x")
        yield  # pragma: no cover

    def finds(ctx):
        yield Violation("found", element="app")

    rules = {
        "TST001": Rule("TST001", "boom", "t", "t", "test", boom),
        "TST002": Rule("TST002", "finds", "t", "t", "test", finds),
    }
    monkeypatch.setattr(engine, "registry", lambda: rules)
    monkeypatch.setattr(engine, "default_severities", lambda: {"TST001": Severity.ERROR, "TST002": Severity.ERROR})
    files = dict(MODEL)
    files["ung-dung.yaml"] = "- id: app\n  kind: application\n  name: Ứng dụng\n"
    result = run_cli(["check", str(write_model(tmp_path / "m", files)), "--format", "json"])
    assert result.exit_code == 3
    report = json.loads(result.output)
    assert {f["code"] for f in report["findings"]} == {"KT0001", "TST002"}


def test_stats_text(tmp_path, run_cli):
    result = run_cli(["stats", str(write_model(tmp_path / "m", MODEL)), "--as-of", "2026-01-01"])
    assert result.exit_code == 0
    assert "Tích hợp, chia sẻ" in result.output
    assert "  Nền tảng tích hợp                     2\n" in result.output  # kinds by their titles, not their keys


def test_stats_on_a_broken_model_exits_2(tmp_path, run_cli):
    result = run_cli(["stats", str(write_model(tmp_path / "m", {"a.yaml": "- id: [\n"}))])
    assert result.exit_code == 2
    assert "LOAD001" in result.output


def test_default_directory_is_architecture(tmp_path, run_cli):
    write_model(tmp_path / "architecture", MODEL)
    result = run_cli(["check", "--lang", "en"], cwd=tmp_path)
    assert result.exit_code == 0
    assert "from 2 files" in result.output


def test_output_file_is_written(tmp_path, run_cli):
    root = write_model(tmp_path / "m", MODEL)
    out = tmp_path / "reports" / "check.json"
    result = run_cli(["check", str(root), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0 and result.output == ""
    assert json.loads(out.read_text(encoding="utf-8"))["exit_code"] == 0
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]


def test_schema_validates_the_model_files(run_cli):
    schema = json.loads(run_cli(["schema"]).output)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted((REPO / "architecture").rglob("*.yaml"))
    checked = 0
    for path in files:
        if path.name == "architecture.yaml":
            continue
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        errors = list(validator.iter_errors(data or []))
        assert not errors, f"{path}: {errors[0].message}"
        checked += 1
    assert checked
    bad = [{"id": "x", "kind": "application", "name": "X", "bogus": 1}]
    assert list(validator.iter_errors(bad))
    manifest_schema = json.loads(run_cli(["schema", "--manifest"]).output)
    jsonschema.Draft202012Validator(manifest_schema).validate(
        json.loads(json.dumps(yaml.safe_load((REPO / "architecture/architecture.yaml").read_text("utf-8")), default=str))
    )


def test_rules_command(run_cli):
    result = run_cli(["rules"])
    assert result.exit_code == 0
    for code in ("STR001", "STR009", "LOAD001", "WVR001"):
        assert code in result.output
    one = run_cli(["rules", "duplicate-id", "--lang", "en"])
    assert one.exit_code == 0 and "Checks:" in one.output and "STR002" in one.output
    vi = run_cli(["rules", "STR002"])  # Vietnamese by default
    assert vi.exit_code == 0 and "Kiểm tra:" in vi.output and "Hai phần tử trùng mã định danh" in vi.output
    # the severity and the family by their words, not the keys the manifest writes
    assert "Mức mặc định: lỗi" in vi.output and "Nhóm: structure" not in vi.output
    assert "Default severity: error" in one.output
    assert all(" error " not in line and " warning " not in line for line in result.output.splitlines())
    assert run_cli(["rules", "no-such-rule"]).exit_code == 2


def test_relations_and_kinds_commands(run_cli):
    result = run_cli(["relations", "--from", "application", "--format", "json"])
    table = json.loads(result.output)
    assert "node" in table["hosted_on"]["allowed"]["application"]
    assert "legal_document" not in table["hosted_on"]["allowed"]["application"]
    assert "integration_platform" in run_cli(["kinds"]).output
    assert "vn-egov-2.0" in run_cli(["profiles"]).output


@pytest.mark.parametrize("day", [dt.date(2018, 10, 9)])
def test_library_api_matches_cli(tmp_path, day):
    import kientruc

    root = write_model(tmp_path / "m", MODEL)
    result = kientruc.check(root, as_of=day)
    assert result.exit_code == 0 and result.as_of == day
    graph = result.graph
    assert [e.id for e in graph.of_kind("organization")] == ["so-tttt"]


def test_init_writes_a_valid_model_and_never_overwrites(tmp_path, run_cli):
    target = tmp_path / "ha-tinh"
    result = run_cli(["init", str(target), "--province", "tỉnh Hà Tĩnh", "--profile", "vn-egov-2.0"])
    assert result.exit_code == 0, result.output
    # it loads and checks; the framework rules list what a new architecture still lacks
    checked = run_cli(["check", str(target)])
    assert checked.exit_code in (0, 1)
    # its first edition is a draft written against the profile asked for: no notice about the old form
    assert "LOAD015" not in checked.output
    assert "mô hình được đọc theo bản dự thảo 1.0 của tỉnh Hà Tĩnh" in checked.output
    assert "xây dựng theo Khung Kiến trúc Chính phủ điện tử Việt Nam, phiên bản 2.0 (Quyết định 2323/QĐ-BTTTT)" in checked.output
    assert "theo khung vn-egov-2.0" not in checked.output  # a framework by its title, not its key
    assert "Ủy ban nhân dân tỉnh Hà Tĩnh" in (target / "quan-tri" / "to-chuc.yaml").read_text(encoding="utf-8")
    before = (target / "architecture.yaml").read_bytes()
    again = run_cli(["init", str(target), "--province", "x"])
    assert again.exit_code == 2 and "không bao giờ ghi đè" in again.output
    again = run_cli(["init", str(target), "--province", "x", "--lang", "en"])
    assert again.exit_code == 2 and "never overwrites" in again.output
    assert (target / "architecture.yaml").read_bytes() == before


def test_text_report_cannot_be_forged_by_model_text(tmp_path, run_cli):
    root = write_model(tmp_path / "m", MODEL)
    bad = root / "evil\n::error file=x::forged.yaml"
    bad.write_text("- id: a\n  kind: actor\n  name: A\n  serves: [khong-co]\n", encoding="utf-8")
    result = run_cli(["check", str(root)])
    assert result.exit_code == 1
    assert not any(line.startswith("::error") for line in result.output.splitlines())
    assert "\\x0a::error" in result.output
