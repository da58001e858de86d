"""National framework alignment: profiles as data, law in force on the day, whole correct
architectures, configuration by family, baselines and the compliance summary."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
import yaml

import kientruc
from conftest import REPO, write_model
from kientruc.frameworks import catalog_connections, newest_in_force, profiles, supersession_chain
from kientruc.validators import registry
from kientruc.validators.baseline import Baseline
from kientruc.pipeline import compliance
from kientruc.validators.compliance import compliance_of

EXAMPLES = REPO / "tests" / "examples"
GIA_LAI = EXAMPLES / "gia-lai-2025"  # national digital architecture, correct on 15/1/2026
HUE = EXAMPLES / "hue-2018"  # framework 1.0, correct on 9/10/2018


# --------------------------------------------------------------------------- profiles


def test_profiles_are_data_with_components_connections_and_dates():
    known = profiles()
    assert list(known) == ["vn-egov-1.0", "vn-egov-2.0", "vn-egov-3.0", "vn-digital-gov-4.0", "vn-digital-nation-2025"]
    for p in known.values():
        assert p.components and p.national_connections and p.document_sections, p.id
        assert p.standards and p.short and p.generation
        assert all(c.rule in registry() for c in p.national_connections)
    assert [c.id for c in known["vn-digital-nation-2025"].components] == [
        "ha-tang-so-an-ninh-mang", "du-lieu-nen-tang", "ung-dung-nghiep-vu", "kenh-tuong-tac-do-luong",
    ]
    assert len(known["vn-egov-2.0"].components) == 7
    assert "eid" not in {c.id for c in known["vn-egov-2.0"].national_connections}
    assert "eid" in {c.id for c in known["vn-egov-3.0"].national_connections}
    # the rules that read national connections apply to the profiles that list them
    for conn in catalog_connections().values():
        r = registry()[conn.rule]
        for p in known.values():
            if conn in p.national_connections:
                assert r.applies_to(p), (conn.id, p.id)


def test_framework_in_force_and_supersession():
    assert newest_in_force(dt.date(2018, 10, 9)).id == "vn-egov-1.0"
    assert newest_in_force(dt.date(2024, 6, 1)).id == "vn-egov-3.0"
    assert newest_in_force(dt.date(2026, 11, 25)).id == "vn-digital-nation-2025"
    chain = supersession_chain(profiles()["vn-egov-1.0"], dt.date(2026, 11, 25))
    assert [p.id for p in chain] == ["vn-egov-2.0", "vn-egov-3.0", "vn-digital-gov-4.0", "vn-digital-nation-2025"]
    assert supersession_chain(profiles()["vn-egov-2.0"], dt.date(2021, 1, 1)) == []


# --------------------------------------------------------------------------- whole architectures


def _codes(result):
    return sorted({f.code for f in result.findings})


def test_a_correct_2025_architecture_passes_every_rule():
    result = kientruc.check(GIA_LAI, as_of=dt.date(2026, 1, 15))
    assert result.findings == [], [f"{f.code} {f.element} {f.message}" for f in result.findings]
    assert len(result.rules_run) >= 50


def test_a_correct_2018_architecture_passes_on_its_day_and_shows_the_law_since():
    then = kientruc.check(HUE, as_of=dt.date(2018, 10, 9))
    assert then.findings == [], [f"{f.code} {f.element} {f.message}" for f in then.findings]
    # laws of 2019–2025 are not applied to 2018 …
    for code in ("ORG001", "TTHC004", "TTHC001", "DOC001", "TTHC002", "INT005", "DATA002"):
        assert code not in then.rules_run or code in ("DOC001", "TTHC002"), code
    # … but read today, the same model shows what has changed since
    now = kientruc.check(HUE, as_of=dt.date(2026, 11, 25))
    assert {"ARCH004", "TTHC001", "TTHC002", "TTHC004", "DOC001", "ORG002"} <= set(_codes(now))
    notice = next(f for f in now.findings if f.code == "ARCH004")
    assert "2323/QĐ-BTTTT" in notice.message and "292/QĐ-BKHCN" in notice.message and "3090" in notice.message
    assert notice.element == "ubnd-tinh-hue" and notice.location.file.endswith("architecture.yaml")


@pytest.mark.parametrize("profile", sorted(profiles()))
def test_every_profile_runs_on_a_whole_architecture_without_crashing(profile):
    for model, day in ((GIA_LAI, dt.date(2026, 1, 15)), (HUE, dt.date(2018, 10, 9))):
        result = kientruc.check(model, as_of=day, profile=profile)
        assert not [f for f in result.findings if f.internal or f.fatal]


def test_rules_read_the_day_not_only_the_profile():
    on = {code for code, r in registry().items() if r.applies_on(dt.date(2018, 10, 9))}
    assert "ORG001" not in on and "TTHC004" not in on and "INT005" not in on
    assert "SEC001" in on and "INT001" in on
    later = {code for code, r in registry().items() if r.applies_on(dt.date(2027, 1, 15))}
    assert "INT005" in later and "INT008" not in later


# --------------------------------------------------------------------------- configuration


def _copy(tmp_path, src):
    dst = tmp_path / src.name
    shutil.copytree(src, dst)
    return dst


def _set_manifest(root, **changes):
    path = root / "architecture.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_severity_by_family_and_by_rule(tmp_path):
    root = _copy(tmp_path, HUE)
    day = dt.date(2026, 11, 25)
    _set_manifest(root, validation={"rules": {"tthc": "info", "TTHC002": "warning", "ARCH004": "off"}})
    result = kientruc.check(root, as_of=day)
    sev = {f.code: f.severity.label for f in result.findings}
    assert sev["TTHC004"] == "info" and sev["TTHC001"] == "info"  # the family setting
    assert sev["TTHC002"] == "warning"  # the rule's own setting wins, whatever the order
    assert "ARCH004" not in sev
    _set_manifest(root, validation={"rules": {"securty": "off"}})
    bad = kientruc.check(root, as_of=day)
    (f,) = [f for f in bad.findings if f.code == "CFG001"]
    assert "did you mean 'security'" in f.hint


def test_waivers_take_code_or_name_and_framework_findings_are_waivable(tmp_path):
    root = _copy(tmp_path, HUE)
    waivers = [
        {"rule": "TTHC004", "elements": ["ubnd-tinh-hue"], "reason": "Đang thành lập trung tâm",
         "approved_by": "Công văn 100/UBND-KSTT", "expires": "2027-06-30"},
        {"rule": "qlvb-not-connected-to-axis", "elements": ["qlvb-dh-hue"], "reason": "Đang nâng cấp",
         "approved_by": "Công văn 101/UBND-KSTT", "expires": "2026-06-30"},
    ]
    _set_manifest(root, waivers=waivers)
    result = kientruc.check(root, as_of=dt.date(2026, 1, 15))
    codes = _codes(result)
    assert "TTHC004" not in codes and "DOC001" not in codes
    assert {f.code for f, _ in result.waived} == {"TTHC004", "DOC001"}
    later = kientruc.check(root, as_of=dt.date(2026, 11, 25))
    assert "DOC001" in _codes(later) and "WVR001" in _codes(later)  # the second waiver expired


# --------------------------------------------------------------------------- baselines


def test_baseline_hides_known_findings_and_survives_moves(tmp_path):
    root = _copy(tmp_path, HUE)
    day = dt.date(2026, 11, 25)
    before = kientruc.check(root, as_of=day)
    assert before.findings
    path = tmp_path / "baseline.json"
    path.write_text(Baseline.of(before.findings, str(path)).to_json(), encoding="utf-8")
    assert kientruc.check(root, as_of=day, baseline=path).findings == []
    # move the document system to a file of its own, lines shift: the baseline still holds
    text = (root / "ung-dung.yaml").read_text(encoding="utf-8")
    start = text.index("- id: qlvb-dh-hue")
    end = text.index("- id: lgsp-hue")
    (root / "van-ban.yaml").write_text("# moved\n\n" + text[start:end], encoding="utf-8")
    (root / "ung-dung.yaml").write_text("\n\n" + text[:start] + text[end:], encoding="utf-8")
    moved = kientruc.check(root, as_of=day, baseline=path)
    assert moved.findings == [] and len(moved.baselined) == len(before.findings)
    # a new problem is reported; a fixed one leaves an unmatched entry (BSL001, info)
    (root / "van-ban.yaml").write_text(
        (root / "van-ban.yaml").read_text(encoding="utf-8").replace("digital_signatures: [chuyen_dung_cong_vu]", "digital_signatures: [cong_cong]"),
        encoding="utf-8",
    )
    (root / "ung-dung.yaml").write_text(
        (root / "ung-dung.yaml").read_text(encoding="utf-8").replace("  system_type: one_stop\n", "  system_type: tthc\n"),
        encoding="utf-8",
    )
    after = kientruc.check(root, as_of=day, baseline=path)
    assert "DOC003" in _codes(after)
    stale = [f for f in after.findings if f.code == "BSL001"]
    assert stale and all(f.severity.label == "info" for f in stale)
    assert any("TTHC001" in f.message for f in stale)


def test_baseline_cli(tmp_path, run_cli):
    root = _copy(tmp_path, HUE)
    base = tmp_path / "kientruc-baseline.json"
    written = run_cli(["check", str(root), "--as-of", "2026-11-25", "--write-baseline", str(base)])
    assert written.exit_code == 0 and "đã ghi" in written.output  # the model's language
    data = json.loads(base.read_text(encoding="utf-8"))
    assert data["version"] == 1 and {e["code"] for e in data["findings"]} >= {"TTHC004", "DOC001"}
    assert all(set(e) >= {"fingerprint", "code", "element", "key"} for e in data["findings"])
    result = run_cli(["check", str(root), "--as-of", "2026-11-25", "--baseline", str(base), "--format", "json"])
    report = json.loads(result.output)
    assert result.exit_code == 0 and report["findings"] == [] and report["baselined"] > 0
    (tmp_path / "not-a-baseline.json").write_text("[]", encoding="utf-8")
    misuse = run_cli(["check", str(root), "--baseline", str(tmp_path / "not-a-baseline.json")])
    assert misuse.exit_code == 2


# --------------------------------------------------------------------------- compliance


def test_compliance_summary_of_a_correct_architecture():
    report, _ = compliance(GIA_LAI, as_of=dt.date(2026, 1, 15))
    data = report.to_dict()
    assert data["score"] == 100.0 and data["components_score"] == 100.0 and data["connections_score"] == 100.0
    assert [c["status"] for c in data["components"]] == ["passed"] * 4
    assert {f["id"] for f in data["families"]} >= {"integration", "tthc", "security", "architecture"}


def test_compliance_summary_counts_failed_and_waived(tmp_path):
    root = _copy(tmp_path, HUE)
    _set_manifest(root, waivers=[{"rule": "DOC001", "elements": ["qlvb-dh-hue"], "reason": "Đang nâng cấp",
                                  "approved_by": "Công văn 101/UBND-KSTT", "expires": "2027-06-30"}])
    report = compliance_of(kientruc.check(root, as_of=dt.date(2026, 11, 25))).to_dict()
    conns = {c["id"]: c["status"] for c in report["connections"]}
    assert conns["qlvb-axis"] == "waived" and conns["tthc-dvcqg"] == "failed" and conns["lgsp-ndxp"] == "passed"
    rules = {r["id"]: r["status"] for r in report["rules"]}
    assert rules["DOC001"] == "waived" and rules["TTHC004"] == "failed" and rules["ORG001"] == "passed"
    assert rules["INT006"] == "not_applicable"  # vn-digital-nation-2025 only
    assert rules["ARCH004"] == "passed"  # a notice is advice, not a failure
    assert 0 < report["score"] < 100
    fam = {f["id"]: f for f in report["families"]}
    assert fam["tthc"]["status"] == "failed" and fam["documents"]["rules"]["waived"] == 1


def test_compliance_cli(run_cli):
    text = run_cli(["compliance", str(HUE), "--as-of", "2018-10-09"])
    assert text.exit_code == 0
    assert "Mức độ tuân thủ khung kiến trúc" in text.output and "Điểm tuân thủ (quy tắc khung): 100%" in text.output
    en = run_cli(["compliance", str(HUE), "--as-of", "2026-11-25", "--lang", "en"])
    assert "Framework components" in en.output and "✗ failed" in en.output
    data = json.loads(run_cli(["compliance", str(GIA_LAI), "--as-of", "2026-01-15", "--format", "json"]).output)
    assert data["profile"]["id"] == "vn-digital-nation-2025" and data["score"] == 100.0


def test_compliance_cli_on_a_broken_model(tmp_path, run_cli):
    root = write_model(tmp_path / "m", {"a.yaml": "- id: [\n"})
    assert run_cli(["compliance", str(root)]).exit_code == 2


# --------------------------------------------------------------------------- the rules command


def test_rules_command_formats(run_cli):
    listing = run_cli(["rules"])
    assert "INT002" in listing.output and "LGSP chưa kết nối" in listing.output
    assert "LGSP is not connected" in run_cli(["rules", "--lang", "en"]).output
    rows = json.loads(run_cli(["rules", "--format", "json"]).output)
    row = next(r for r in rows if r["code"] == "ORG001")
    assert row["in_force_from"] == "2025-07-01" and row["confidence"] == "high" and row["legal_basis"]
    one = run_cli(["rules", "lgsp-not-connected-to-ndxp"])
    assert "Kiểm tra:" in one.output and "Ví dụ vi phạm:" in one.output and "Căn cứ: Nghị định 194/2025/NĐ-CP" in one.output
    md = run_cli(["rules", "--format", "markdown"])
    assert md.output.startswith("# Danh mục quy tắc")


def test_official_names_stand_in_for_system_types(tmp_path):
    """A model that names its systems officially but leaves system_type, national_database and the
    centres' admin_level out is read the same way (the explicit fields win when given)."""
    root = _copy(tmp_path, GIA_LAI)
    for path in root.glob("*.yaml"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [ln for ln in lines if not ln.lstrip().startswith(("system_type:", "national_database:", "admin_level: xa"))]
        kept = [ln.replace("  admin_level: tinh\n", "") if "channel" in path.name or path.name == "kenh.yaml" else ln for ln in kept]
        path.write_text("".join(kept), encoding="utf-8")
    assert "system_type" not in (root / "ung-dung.yaml").read_text(encoding="utf-8")
    result = kientruc.check(root, as_of=dt.date(2026, 1, 15))
    # only the data warehouse has no official name to go by, and it is only a planned element
    assert result.findings == [], [f"{f.code} {f.element} {f.message}" for f in result.findings]
