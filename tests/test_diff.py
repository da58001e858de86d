"""kientruc diff on a real git history: what each change does to the model and to its findings."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import BASE_MANIFEST as BASE, write_model
from kientruc.diff import ArchDiff, SideError, detect_renames, diff, fingerprint_key
from kientruc.findings import Finding, Severity
from kientruc.models import ELEMENT_LIST
from kientruc.renderers.diff_report import diff_markdown, diff_text, md
from scratch_repo import build_history, pin_rules

SPRING = dt.date(2025, 3, 1)  # the waiver is in force, the e-mail system still runs
AUTUMN = dt.date(2025, 9, 1)  # the waiver has expired, the e-mail system is retired


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    return build_history(tmp_path_factory.mktemp("repo") / "qt")


@pytest.fixture
def repo(history, monkeypatch):
    """The history repository as the working folder, with the rules pinned."""
    repo, commits = history
    pin_rules(monkeypatch)
    monkeypatch.chdir(repo.root)
    return repo, commits


def run(commits, base, head, day):
    return diff(commits[base], commits[head], model_dir="architecture", as_of=day)


def brief(d: ArchDiff) -> dict:
    """Everything the diff says, in a form a test can state exactly."""
    loc = lambda x: f"{x.location.file}:{x.location.line}" if x.location else None  # noqa: E731
    return {
        "added": [(e.kind, e.id, loc(e)) for e in d.added],
        "removed": [(e.kind, e.id, loc(e)) for e in d.removed],
        "renamed": [(c.old_id, c.id, c.similarity, [(f.field, f.before, f.after) for f in c.changes]) for c in d.renamed],
        "changed": {c.id: [(f.field, f.before, f.after) for f in c.changes] for c in d.changed},
        "relations_added": [(r.source, r.type, r.target, dict(r.attributes)) for r in d.relations_added],
        "relations_removed": [(r.source, r.type, r.target) for r in d.relations_removed],
        "relations_changed": {(r.source, r.type, r.target): [(f.field, f.before, f.after) for f in r.changes]
                              for r in d.relations_changed},
        "manifest": [(f.field, f.before, f.after) for f in d.manifest_changes],
        "waivers": {"added": [(w.rule, w.elements) for w in d.waivers_added],
                    "removed": [(w.rule, w.elements) for w in d.waivers_removed],
                    "changed": [(w.rule, w.elements) for w in d.waivers_changed]},
        "introduced": [(c.finding.severity.label, c.finding.code, c.finding.element, str(c.finding.location),
                        bool(c.waiver)) for c in d.introduced],
        "resolved": [(c.finding.severity.label, c.finding.code, c.finding.element, str(c.finding.location),
                      bool(c.waiver)) for c in d.resolved],
        "regraded": [(c.finding.code, c.severity_before.label, c.finding.severity.label) for c in d.regraded],
        "unchanged": d.unchanged,
    }


NOTHING = {
    "added": [], "removed": [], "renamed": [], "changed": {}, "relations_added": [], "relations_removed": [],
    "relations_changed": {}, "manifest": [], "waivers": {"added": [], "removed": [], "changed": []},
    "introduced": [], "resolved": [], "regraded": [], "unchanged": 0,
}


def expect(**parts):
    return {**NOTHING, **parts}


# --------------------------------------------------------------------------- the history, step by step


def test_a_system_added_that_bypasses_the_lgsp(repo):
    _, c = repo
    d = run(c, "model", "bypass", SPRING)
    assert brief(d) == expect(
        added=[("application", "quan-ly-van-ban", "architecture/ung-dung.yaml:27")],
        relations_added=[("quan-ly-van-ban", "flows_to", "truc-van-ban-quoc-gia", {"data": ["văn bản điện tử"]})],
        introduced=[("error", "TST101", "quan-ly-van-ban", "architecture/ung-dung.yaml:33:7", False)],
        unchanged=1,  # the old portal's isolated-element warning, there before and after
    )
    assert d.exit_code(Severity.ERROR) == 1 and d.exit_code(None) == 0
    assert d.base.kind == d.head.kind == "git" and d.head.commit == c["bypass"]


def test_a_system_retired_and_one_removed(repo):
    _, c = repo
    changed = {"hop-thu-cong-vu": [("status", "current", "retiring"), ("valid_to", None, "2025-06-30")]}
    removed = [("application", "cong-thong-tin-cu", "architecture/ung-dung.yaml:24")]
    resolved = [("warning", "STR006", "cong-thong-tin-cu", "architecture/ung-dung.yaml:24:3", False)]
    assert brief(run(c, "bypass", "retire", SPRING)) == expect(
        removed=removed, changed=changed, resolved=resolved, unchanged=1
    )
    # After 30/6/2025 the one-stop system still uses the retired e-mail system.
    d = run(c, "bypass", "retire", AUTUMN)
    assert brief(d) == expect(
        removed=removed,
        changed=changed,
        introduced=[("warning", "STR009", "he-thong-mot-cua", "architecture/ung-dung.yaml:7:10", False)],
        resolved=resolved,
        unchanged=1,
    )
    assert d.exit_code(Severity.ERROR) == 0 and d.exit_code(Severity.WARNING) == 1


def test_a_renamed_id_is_one_rename_and_nothing_else(repo):
    """Every relation naming the LGSP changed its text, the file moved, and a finding's
    message names the LGSP: none of it is a change of the model."""
    _, c = repo
    d = run(c, "retire", "rename", SPRING)
    assert brief(d) == expect(renamed=[("lgsp-tinh", "lgsp-quang-tri", 1.0, [])], unchanged=1)
    assert d.renamed[0].location.file == "architecture/nen-tang-tich-hop.yaml"
    assert d.renames == {"lgsp-tinh": "lgsp-quang-tri"}
    assert d.model_changed


def test_a_waiver_resolves_the_finding_until_it_expires(repo):
    _, c = repo
    waiver_added = {"added": [("lgsp-bypassed", ("quan-ly-van-ban",))], "removed": [], "changed": []}
    d = run(c, "rename", "waiver", SPRING)
    assert brief(d) == expect(
        waivers=waiver_added,
        resolved=[("error", "TST101", "quan-ly-van-ban", "architecture/ung-dung.yaml:32:7", True)],
    )
    assert d.resolved[0].waiver["approved_by"] == "Công văn 123/STTTT-CNTT"
    # The same change, read after the waiver's expiry: the bypass is still there, and the
    # expired waiver is a new finding.
    d = run(c, "rename", "waiver", AUTUMN)
    assert brief(d) == expect(
        waivers=waiver_added,
        introduced=[("warning", "WVR001", None, "architecture/architecture.yaml:11:5", False)],
        unchanged=2,
    )


def test_the_fix_changes_a_relation_and_drops_the_waiver(repo):
    _, c = repo
    d = run(c, "waiver", "fix", AUTUMN)
    assert brief(d) == expect(
        relations_changed={("quan-ly-van-ban", "flows_to", "truc-van-ban-quoc-gia"): [("via", None, "lgsp-quang-tri")]},
        waivers={"added": [], "removed": [("lgsp-bypassed", ("quan-ly-van-ban",))], "changed": []},
        resolved=[
            ("error", "TST101", "quan-ly-van-ban", "architecture/ung-dung.yaml:32:7", False),
            ("warning", "WVR001", None, "architecture/architecture.yaml:11:5", False),
        ],
        unchanged=1,
    )


def test_the_whole_history_at_once(repo):
    """From the first model to the fix: the rename is recognised across four commits."""
    _, c = repo
    d = run(c, "model", "fix", SPRING)
    b = brief(d)
    assert b["renamed"] == [("lgsp-tinh", "lgsp-quang-tri", 1.0, [])]
    assert b["added"] == [("application", "quan-ly-van-ban", "architecture/ung-dung.yaml:26")]
    assert b["removed"] == [("application", "cong-thong-tin-cu", "architecture/ung-dung.yaml:24")]
    assert b["relations_added"] == [
        ("quan-ly-van-ban", "flows_to", "truc-van-ban-quoc-gia", {"data": ["văn bản điện tử"], "via": "lgsp-quang-tri"})
    ]
    assert b["introduced"] == [] and [r[1] for r in b["resolved"]] == ["STR006"]


def test_a_finding_reintroduced_when_its_waiver_is_removed_says_so(repo):
    _, c = repo
    d = run(c, "waiver", "rename", SPRING)  # backwards: the waiver disappears
    assert [(x.finding.code, x.waiver["expires"]) for x in d.introduced] == [("TST101", "2025-06-30")]
    assert "(was waived until 2025-06-30, approved by Công văn 123/STTTT-CNTT)" in diff_text(d, lang="en")


# --------------------------------------------------------------------------- the sides


def test_head_omitted_is_the_working_tree_and_nothing_in_git_changes(repo):
    r, c = repo
    (r.root / "architecture/ung-dung.yaml").write_text(
        (r.root / "architecture/ung-dung.yaml").read_text(encoding="utf-8")
        + "- id: cong-du-lieu-mo\n  kind: application\n  name: Cổng dữ liệu mở\n  owner: so-tttt\n",
        encoding="utf-8",
    )
    r.git("add", "architecture/ung-dung.yaml")  # a staged change must stay staged
    try:
        before = (r.status(), r.git("rev-parse", "HEAD"), r.git("stash", "list"))
        d = diff(c["model"], None, model_dir="architecture", as_of=SPRING)
        assert d.head.kind == "worktree" and d.head.label == "the working tree"
        assert [e.id for e in d.added] == ["quan-ly-van-ban", "cong-du-lieu-mo"]
        assert (r.status(), r.git("rev-parse", "HEAD"), r.git("stash", "list")) == before
        assert r.status() == "M  architecture/ung-dung.yaml\n"
    finally:
        r.git("reset", "-q", "--hard")


def test_a_subfolder_as_working_folder_and_a_branch_name(repo, monkeypatch):
    r, c = repo
    monkeypatch.chdir(r.root / "architecture")
    d = diff("main~1", "main", model_dir=".", as_of=SPRING)
    assert d.base.label == f"main~1 ({c['waiver'][:7]})" and d.head.label == f"main ({c['fix'][:7]})"
    assert [w.rule for w in d.waivers_removed] == ["lgsp-bypassed"]
    # file names are those of the working tree, relative to the working folder
    d = diff(c["model"], c["bypass"], model_dir=".", as_of=SPRING)
    assert str(d.introduced[0].finding.location) == "ung-dung.yaml:33:7"


def test_two_folders(tmp_path, monkeypatch):
    pin_rules(monkeypatch)
    monkeypatch.chdir(tmp_path)
    app = "- id: app\n  kind: application\n  name: Ứng dụng\n  owner: so\n"
    org = "- id: so\n  kind: organization\n  name: Sở\n"
    write_model(tmp_path / "v1", {"a.yaml": app + org})
    write_model(tmp_path / "v2" / "architecture", {"b.yaml": org + app.replace("Ứng dụng", "Ứng dụng mới")})
    d = diff("v1", "v2", as_of=SPRING)  # v2 holds the model in its architecture/ folder
    assert (d.base.kind, d.base.label, d.head.label) == ("directory", "v1", "v2/architecture")
    assert brief(d) == expect(changed={"app": [("name", "Ứng dụng", "Ứng dụng mới")]})


@pytest.mark.parametrize(
    ("base", "message"),
    [
        ("no-such-branch", "'no-such-branch' is neither a folder nor a revision of the git repository"),
        ("readme", "architecture/ does not exist at"),
        ("--upload-pack=x", "is neither a folder nor a revision"),
    ],
)
def test_unreadable_sides(repo, base, message):
    _, c = repo
    with pytest.raises(SideError) as exc:
        diff(c.get(base, base), model_dir="architecture")
    assert message in exc.value.message


def test_a_side_whose_model_is_broken_carries_the_findings(repo):
    r, c = repo
    path = r.root / "architecture/to-chuc.yaml"
    path.write_text("- id: so-tttt\n  kind: organization\n  name: [unclosed\n", encoding="utf-8")
    try:
        with pytest.raises(SideError) as exc:
            diff(c["fix"], model_dir="architecture")
    finally:
        r.git("checkout", "-q", "--", "architecture/to-chuc.yaml")
    assert exc.value.message == "the model in the working tree could not be read"
    assert [(f.code, f.location.file) for f in exc.value.findings] == [("LOAD001", "architecture/to-chuc.yaml")]


def test_outside_a_repository(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_model(tmp_path / "architecture", {})
    with pytest.raises(SideError, match="is not in a git repository"):
        diff("main", model_dir="architecture")


# --------------------------------------------------------------------------- the CLI


def test_cli_text(repo, run_cli):
    _, c = repo
    result = run_cli(["diff", c["model"], c["bypass"], "--as-of", "2025-03-01", "--fail-on-new", "error", "--lang", "en"])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"kientruc diff: {c['model'][:7]} → {c['bypass'][:7]}"
    assert lines[1] == ("model architecture/, checked as of 2025-03-01 against Vietnam e-Government Architecture "
                        "Framework, version 1.0")
    assert "  + application quan-ly-van-ban: Hệ thống quản lý văn bản và điều hành  architecture/ung-dung.yaml:27" in lines
    assert (
        "  architecture/ung-dung.yaml:33:7: error TST101 [lgsp-bypassed] 'quan-ly-van-ban' sends data to the national "
        "system 'truc-van-ban-quoc-gia' directly, not through the provincial LGSP 'lgsp-tinh'" in lines
    )
    assert lines[-1] == "The change introduces 1 error. FAILED: 1 new finding at or above error (--fail-on-new error)."


def test_cli_fail_on_new_ignores_what_was_there_before(repo, run_cli):
    _, c = repo
    # The bypass error is there on both sides of the rename: it does not fail the diff.
    result = run_cli(["diff", c["retire"], c["rename"], "--as-of", "2025-03-01", "--fail-on-new", "info", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "The change introduces no finding. Passed: no new finding at or above info."


def test_cli_json(repo, run_cli, tmp_path):
    _, c = repo
    out = tmp_path / "diff.json"
    result = run_cli(["diff", c["bypass"], c["retire"], "--as-of", "2025-09-01", "--format", "json",
                      "--fail-on-new", "warning", "-o", str(out)])
    assert result.exit_code == 1 and result.output == ""
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["exit_code"] == 1 and doc["fail_on_new"] == "warning"
    assert doc["summary"]["removed"] == 1 and doc["summary"]["introduced"] == 1
    assert doc["elements"]["changed"][0]["changes"] == [
        {"field": "status", "before": "current", "after": "retiring"},
        {"field": "valid_to", "before": None, "after": "2025-06-30"},
    ]
    introduced = doc["findings"]["introduced"][0]
    assert (introduced["code"], introduced["file"], introduced["line"]) == ("STR009", "architecture/ung-dung.yaml", 7)
    assert len(introduced["fingerprint"]) == 16
    assert doc["base"]["commit"] == c["bypass"]


def test_cli_markdown(repo, run_cli):
    _, c = repo
    result = run_cli(["diff", c["model"], c["fix"], "--as-of", "2025-03-01", "--format", "markdown", "--lang", "en"])
    assert result.exit_code == 0
    text = result.output
    assert text.startswith("## kientruc: what this change does to the architecture\n")
    assert "✅ **The change introduces no finding, and resolves 1 finding.**" in text
    assert "- **renamed** integration\\_platform `lgsp-tinh` → `lgsp-quang-tri` (same content)" in text
    assert "| warning | `STR006` isolated-element | `cong-thong-tin-cu` |" in text


def test_cli_unreadable_side_exits_2(repo, run_cli):
    result = run_cli(["diff", "no-such-branch", "--lang", "en"])
    assert result.exit_code == 2
    assert "kientruc diff: 'no-such-branch' is neither a folder nor a revision" in result.output


def test_cli_broken_head_exits_2_with_its_findings(repo, run_cli):
    r, c = repo
    (r.root / "architecture/to-chuc.yaml").write_text("- id: x\n  kind: organization\n\tname: x\n", encoding="utf-8")
    try:
        result = run_cli(["diff", "HEAD", "--lang", "en"])
    finally:
        r.git("checkout", "-q", "--", "architecture/to-chuc.yaml")
    assert result.exit_code == 2
    assert "kientruc diff: the model in the working tree could not be read" in result.output
    assert "architecture/to-chuc.yaml:3:1: error LOAD001 [yaml-syntax]" in result.output


# --------------------------------------------------------------------------- renames and fingerprints


def elements(yaml_items: list[dict]):
    return {e.id: e for e in ELEMENT_LIST.validate_python(yaml_items)}


APP = {"kind": "application", "name": "Hệ thống một cửa", "owner": "vp", "security_level": 3,
       "uses": ["lgsp"], "tags": ["tthc"]}


@pytest.mark.parametrize(
    ("before", "after", "renames"),
    [
        # same content, new id: a rename
        ([{"id": "a", **APP}], [{"id": "b", **APP}], {"a": "b"}),
        # one of the five fields changed as well (4/6 ≈ 0.67 < 0.8): not clear enough
        ([{"id": "a", **APP}], [{"id": "b", **APP, "name": "Khác"}], {}),
        # a sixth field added (5/6 ≈ 0.83): still a rename
        ([{"id": "a", **APP}], [{"id": "b", **APP, "name_en": "One-stop"}], {"a": "b"}),
        # another kind: never
        ([{"id": "a", **APP}], [{"id": "b", "kind": "application_service", "name": APP["name"], "owner": "vp"}], {}),
        # two identical candidates: ambiguous, no rename
        ([{"id": "a", **APP}], [{"id": "b", **APP}, {"id": "c", **APP}], {}),
        ([{"id": "a", **APP}, {"id": "b", **APP}], [{"id": "c", **APP}], {}),
        # the id stays: not a rename candidate at all
        ([{"id": "a", **APP}], [{"id": "a", **APP}, {"id": "b", **APP}], {}),
    ],
)
def test_rename_heuristic(before, after, renames):
    found = detect_renames(elements(before), elements(after))
    assert {old: new for old, (new, _) in found.items()} == renames


def test_fingerprint_survives_moves_and_renames():
    from kientruc.findings import Location

    a = Finding("STR001", "unknown-reference", Severity.ERROR, "'uses' names 'lgsp-tinh' (see a.yaml:3:5)",
                element="app-cu", location=Location("a.yaml", 3, 5))
    b = Finding("STR001", "unknown-reference", Severity.WARNING, "'uses' names 'lgsp-quang-tri' (see b.yaml:40:1)",
                element="app-moi", location=Location("b.yaml", 40, 1))
    renames = {"lgsp-tinh": "lgsp-quang-tri", "app-cu": "app-moi"}
    assert fingerprint_key(a, renames) == fingerprint_key(b)
    assert fingerprint_key(a) != fingerprint_key(b)
    # whole ids only: 'lgsp-tinh-cu' is another element
    c = Finding("STR001", "unknown-reference", Severity.ERROR, "'uses' names 'lgsp-tinh-cu'", element="x")
    assert "lgsp-tinh-cu" in fingerprint_key(c, renames)


def test_markdown_escaping():
    assert md("a|b *c* <script> `x`\nnext") == "a\\|b \\*c\\* \\<script\\> \\`x\\` next"


def test_an_unchanged_model(repo):
    _, c = repo
    d = run(c, "fix", "fix", SPRING)
    assert brief(d) == expect(unchanged=0) and not d.model_changed
    assert "No change to the model." in diff_text(d, lang="en")
    assert "No change to the model." in diff_markdown(d, lang="en")


def test_a_shallow_clone_says_how_to_get_the_base(repo, tmp_path, monkeypatch):
    r, c = repo
    clone = tmp_path / "clone"
    r.git("clone", "-q", "--depth", "1", r.root.as_uri(), str(clone))
    monkeypatch.chdir(clone)
    with pytest.raises(SideError) as exc:
        diff(c["model"], model_dir="architecture")
    assert "the clone is shallow" in exc.value.message and "fetch-depth: 0" in exc.value.message


def test_a_finding_made_an_error_by_the_manifest_is_regraded(tmp_path, monkeypatch):
    pin_rules(monkeypatch)
    monkeypatch.chdir(tmp_path)
    files = {"a.yaml": "- id: lo-le\n  kind: application\n  name: Ứng dụng lẻ loi\n"}
    write_model(tmp_path / "v1", files, {**BASE, "validation": {"rules": {}}})
    write_model(tmp_path / "v2", files, {**BASE, "validation": {"rules": {"isolated-element": "error"}}})
    d = diff("v1", "v2", as_of=SPRING)
    assert brief(d) == expect(
        manifest=[("validation.rules.isolated-element", None, "error")],
        regraded=[("STR006", "warning", "error")],
    )
    assert d.exit_code(Severity.ERROR) == 1 and d.exit_code(None) == 0
    assert "(was warning)" in diff_text(d, lang="en")
