"""Incremental re-checks give what a cold check gives: random edits, renames and deletions (Hypothesis).

A :class:`kientruc.incremental.Workspace` is kept across a run of random changes to a copy of a model
(the showcase, Quảng Bình, a generated model with seeded defects, and the broken and clean cases of the
rules that declare a scope other than ``model``, on their days); after each change its findings are
compared with the deciding check of `pipeline.verdict` (what `kientruc check` reports) of the files on
disk with the cache off. Edits come either from the editor (the text given to the workspace, then
written to disk for the cold check) or from the disk. This is what checks the rules' declared scopes
(``@rule(scope=…, radius=…)``): one declared too narrow makes it fail (see
``test_a_scope_declared_too_narrow_is_caught``). `kientruc check --watch` is tested as a short-lived
subprocess.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kientruc
import datetime as dt
import dataclasses

import pytest
import yaml

from kientruc import pipeline
from kientruc.incremental import Workspace
import kientruc.validators.rules  # noqa: F401 - every rule registered
from kientruc.validators.registry import _REGISTRY, registry

REPO = Path(__file__).resolve().parents[1]
SHOWCASE = REPO / "architecture"


def _ids_of(root: Path) -> list[str]:
    return sorted(set(re.findall(r"^- id: ([a-z0-9-]+)$", "\n".join(
        p.read_text(encoding="utf-8") for p in root.rglob("*.yaml")), re.M)))


IDS = _ids_of(SHOWCASE)


def _cold(root, as_of=None):
    """What `kientruc check` reports, from the files on disk, read afresh: the verdict's deciding check."""
    return pipeline.verdict(root, cache=False, secondary=False, as_of=as_of).primary.result

def _dump(result) -> list[dict]:
    return [f.to_dict() for f in result.findings]


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.yaml") if p.name != "architecture.yaml")


# one change: (what, which file by index, which id by index, a number)
KINDS = ["typo", "retarget", "delete-element", "delete-file", "rename-file", "copy-file", "break-yaml",
         "unknown-field", "disk-typo", "rename-id", "unknown-target", "retire", "drop-field"]
change = st.tuples(st.sampled_from(KINDS), st.integers(0, 10_000), st.integers(0, 10_000), st.integers(0, 3))


def _apply(root: Path, ws: Workspace, what: str, i: int, j: int, n: int, ids: list[str] = IDS) -> None:
    files = _files(root)
    if not files:
        return
    everywhere = ids
    path = files[i % len(files)]
    text = path.read_text(encoding="utf-8")
    ids = re.findall(r"(?<=[\[ ,])([a-z0-9]+(?:-[a-z0-9]+)+)(?=[\],\n])", text)
    new = text
    if what in ("typo", "disk-typo") and ids:
        old = ids[j % len(ids)]
        new = text.replace(old, old + "x" * (n + 1), 1)
    elif what == "retarget" and ids:
        new = text.replace(ids[j % len(ids)], everywhere[(j + n) % len(everywhere)], 1)
    elif what == "rename-id":  # an element's id changes; what names it elsewhere does not
        own = re.findall(r"(?m)^- id: ([a-z0-9-]+)$", text)
        if own:
            old = own[j % len(own)]
            new = text.replace(f"- id: {old}\n", f"- id: {old}-moi\n", 1)
    elif what == "unknown-target" and ids:  # a relation to an id no element has
        new = text.replace(ids[j % len(ids)], f"khong-co-{n}", 1)
    elif what == "retire":  # an element ends before the day checked
        blocks = re.split(r"(?m)^(?=- id:)", text)
        if len(blocks) > 1:
            k = 1 + j % (len(blocks) - 1)
            blocks[k] = re.sub(r"(?m)^  valid_to: .*\n", "", blocks[k]).rstrip("\n") + "\n  valid_to: 2001-01-01\n"
            new = "".join(blocks)
    elif what == "drop-field":  # a field of an element (an owner, a level, a category…) removed
        fields = re.findall(r"(?m)^  [a-z_]+: [^\n\[]+$", text)
        keep = [f for f in fields if not f.startswith(("  id:", "  kind:", "  name:"))]
        if keep:
            new = text.replace(keep[j % len(keep)] + "\n", "", 1)
    elif what == "delete-element":
        blocks = re.split(r"(?m)^(?=- id:)", text)
        if len(blocks) > 2:
            del blocks[1 + j % (len(blocks) - 1)]
            new = "".join(blocks)
    elif what == "break-yaml":
        new = text + "\n- id: [oops\n"
    elif what == "unknown-field":
        new = text.replace("\n  kind:", "\n  colour: red\n  kind:", 1)
    elif what == "delete-file":
        ws.drop_text(path)
        path.unlink()
        return
    elif what == "rename-file":
        ws.drop_text(path)
        path.rename(path.with_name(f"z{n}-{path.name}"))
        return
    elif what == "copy-file":
        shutil.copy(path, path.with_name(f"copy{n}-{path.name}"))
        return
    if what in ("disk-typo", "delete-element"):
        ws.drop_text(path)
        path.write_text(new, encoding="utf-8")
        return
    # an editor's buffer: the workspace sees it before the disk does
    ws.set_text(path, new)
    path.write_text(new, encoding="utf-8")


def _scoped_rules() -> list[str]:
    return [code for code, r in registry().items() if r.scope != "model"]


def _rule_cases() -> list[tuple[Path, dt.date | None]]:
    """The broken and the clean model of each rule declaring a scope, with the day of their first check."""
    out = []
    for code in _scoped_rules():
        expected = REPO / "tests" / "rules" / code / "expected.yaml"
        if not expected.is_file():
            continue
        checks = (yaml.safe_load(expected.read_text(encoding="utf-8")) or {}).get("checks") or [{}]
        day = checks[0].get("as_of")
        day = dt.date.fromisoformat(str(day)) if day else None
        out += [(expected.parent / "fail", day), (expected.parent / "pass", day)]
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A generated model of two provinces with seeded defects of every kind (benchmarks/generate.py)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    out = tmp_path_factory.mktemp("gen") / "model"
    generate.generate(out, 1_200, defects=12, seed=3)
    return out


@pytest.fixture(scope="module")
def provinces3(tmp_path_factory) -> Path:
    """A generated model of three small provinces (about 500 elements each), with seeded defects: what the rules
    of scope ``province`` judge one province at a time."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    out = tmp_path_factory.mktemp("gen3") / "model"
    per = generate.PER_PROVINCE
    generate.PER_PROVINCE = 500
    try:
        made = generate.generate_model(out, 1_500, defects=9, seed=5)
    finally:
        generate.PER_PROVINCE = per
    assert made.provinces == 3
    return out


def _run_changes(source: Path, tmp: Path, changes, as_of: dt.date | None = None) -> None:
    root = tmp / "arch"
    shutil.copytree(source, root)
    ids = _ids_of(root) or IDS
    ws = Workspace(root, as_of=as_of)
    assert _dump(ws.check()) == _dump(_cold(root, as_of))
    for what, i, j, n in changes:
        _apply(root, ws, what, i, j, n, ids)
        incremental = ws.check()
        cold = _cold(root, as_of)
        assert _dump(incremental) == _dump(cold), (source.name, what, i, j, n, ws.stats)
        assert incremental.load.files == cold.load.files
        assert ws.stats.parsed <= 2 or what in ("copy-file", "rename-file")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(change, min_size=1, max_size=4))
def test_incremental_checks_equal_cold_checks(tmp_path_factory, changes):
    _run_changes(SHOWCASE, tmp_path_factory.mktemp("inc"), changes)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(change, min_size=1, max_size=4))
def test_incremental_checks_of_another_province(tmp_path_factory, changes):
    _run_changes(REPO / "provinces" / "quang-binh", tmp_path_factory.mktemp("inc"), changes)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(change, min_size=1, max_size=3))
def test_incremental_checks_of_a_generated_model_with_defects(tmp_path_factory, generated, changes):
    _run_changes(generated, tmp_path_factory.mktemp("inc"), changes, as_of=dt.date(2018, 10, 9))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(change, min_size=1, max_size=4))
def test_incremental_checks_of_a_model_of_three_provinces(tmp_path_factory, provinces3, changes):
    _run_changes(provinces3, tmp_path_factory.mktemp("inc"), changes)


def test_a_province_rule_judges_again_only_the_edited_province(tmp_path, provinces3):
    """An application renamed in one province: the rules of scope ``province`` judge that province again, not the
    three (and find what a cold check finds)."""
    root = tmp_path / "arch"
    shutil.copytree(provinces3, root)
    ws = Workspace(root)
    ws.check()
    path = sorted(root.glob("t002/ung-dung*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    name = re.findall(r"(?m)^  name: (.+)$", text)[3]
    ws.set_text(path, text.replace(f"  name: {name}\n", f"  name: {name} (mới)\n", 1))
    path.write_text(ws.text_of(path), encoding="utf-8")
    result = ws.check()
    assert _dump(result) == _dump(_cold(root))
    province = [code for code, r in registry().items() if r.scope == "province" and code in ws.stats.ran]
    assert province and all(ws.stats.ran[code] is not None and ws.stats.ran[code] < len(result.graph) / 2
                            for code in province), ws.stats.ran


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=st.sampled_from(_rule_cases()), changes=st.lists(change, min_size=1, max_size=3))
def test_incremental_checks_of_the_rule_cases(tmp_path_factory, case, changes):
    source, day = case
    _run_changes(source, tmp_path_factory.mktemp("inc"), changes, as_of=day)


def test_a_scope_declared_too_narrow_is_caught(tmp_path, monkeypatch):
    """SEC008 (a system without an owner) reads the system's owners, one relation away: declared with radius 0,
    an edit to the owning organisation alone (the system leaves its ``owns`` list) leaves the system's new
    finding out, and the comparison of the tests above sees it."""
    root = tmp_path / "arch"
    shutil.copytree(SHOWCASE, root)
    model = pipeline.read(root)
    apps = {e.id for e in model.graph.of_kind("application") if not e.external
            and len(model.graph.in_(e.id, "owns")) == 1 and not model.graph.in_(e.id, "composed_of")}
    rule = _REGISTRY["SEC008"]
    assert rule.scope == "element" and rule.radius >= 1

    def incremental_and_cold(where: Path, text: str, new: str) -> tuple[list, list]:
        ws = Workspace(root)
        ws.check()
        ws.set_text(where, new)
        where.write_text(new, encoding="utf-8")
        try:
            return _dump(ws.check()), _dump(_cold(root))
        finally:
            where.write_text(text, encoding="utf-8")

    for where in _files(root):
        text = where.read_text(encoding="utf-8")
        for block in re.findall(r"(?m)^  owns:\n(?:    - .*\n)+", text):
            for system in re.findall(r"(?m)^    - ([a-z0-9-]+)$", block):
                if system not in apps:
                    continue
                new = text.replace(block, block.replace(f"    - {system}\n", "", 1), 1)
                inc, cold = incremental_and_cold(where, text, new)
                if not any(f["code"] == "SEC008" and f["element"] == system for f in cold):
                    continue  # the system has its owner otherwise
                assert inc == cold
                monkeypatch.setitem(_REGISTRY, "SEC008", dataclasses.replace(rule, radius=0))
                inc, cold = incremental_and_cold(where, text, new)
                assert inc != cold
                assert not [f for f in inc if f["code"] == "SEC008" and f["element"] == system]
                return
    raise AssertionError("no application of the showcase loses its only owner by an edit to its organisation")


def test_an_editor_buffer_is_checked_before_it_is_saved(tmp_path):
    root = tmp_path / "arch"
    shutil.copytree(SHOWCASE, root)
    ws = Workspace(root)
    before = ws.check()
    path = root / "ung-dung" / "thu-tuc-hanh-chinh.yaml"
    text = path.read_text(encoding="utf-8")
    ws.set_text(path, text.replace("hosted_on: [trung-tam-du-lieu-tinh]", "hosted_on: [ttdl-khong-co]", 1))
    after = ws.check()
    assert ws.stats.parsed == 1 and ws.stats.reused == len(after.load.files) - 1
    assert [f for f in after.findings if f.code == "STR001" and "ttdl-khong-co" in f.message]
    assert path.read_text(encoding="utf-8") == text  # nothing the user wrote is changed
    ws.drop_text(path)  # closed without saving: the disk again
    assert _dump(ws.check()) == _dump(before)


def test_check_watch_prints_the_verdict_again_on_each_save(tmp_path):
    root = tmp_path / "arch"
    shutil.copytree(SHOWCASE, root)
    env = {**os.environ, "PYTHONPATH": str(REPO), "KIENTRUC_NO_CACHE": "1"}
    # the showcase's size, counted (it grows: issue 15 added the merged province's files)
    files = sorted(p for p in root.rglob("*.yaml") if p.name != "architecture.yaml")
    elements = len(kientruc.load(root, cache=False).architecture.elements)
    summary = f" in {elements} elements from {len(files)} files."
    proc = subprocess.Popen([sys.executable, "-m", "kientruc", "check", "--watch", "--lang", "en", str(root)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        first = _read_until(proc, summary)
        assert first.strip().endswith(summary.strip())
        path = root / "ung-dung" / "thu-tuc-hanh-chinh.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("hosted_on: [trung-tam-du-lieu-tinh]", "hosted_on: [ttdl-khong-co]", 1),
                        encoding="utf-8")
        second = _read_until(proc, summary)
        assert "STR001" in second and "ttdl-khong-co" in second and "STR001" not in first
        (root / "ung-dung" / "moi.yaml").write_text(
            "- id: ttdl-khong-co\n  kind: node\n  name: Trung tâm dữ liệu mới\n", encoding="utf-8")
        third = _read_until(proc, f" from {len(files) + 1} files.")
        assert "ttdl-khong-co', which is not an element" not in third
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert proc.returncode == 0
    assert "Traceback" not in err and "files changed" in err


def _read_until(proc: subprocess.Popen, end: str, timeout: float = 90) -> str:
    """The report lines up to the summary line that contains ``end``."""
    lines: list[str] = []
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError("kientruc check --watch stopped: " + "".join(lines) + proc.stderr.read())
        lines.append(line)
        if end in line:
            return "".join(lines)
    raise AssertionError("no verdict in time: " + "".join(lines))


def test_check_watch_refuses_options_it_cannot_honour(tmp_path):
    from click.testing import CliRunner

    from kientruc.cli import cli

    out = CliRunner().invoke(cli, ["check", "--watch", str(SHOWCASE), "--format", "json", "--lang", "en"])
    assert out.exit_code == 2 and "--watch prints the text report" in out.output
    vi = CliRunner().invoke(cli, ["check", "--watch", str(SHOWCASE), "--format", "json"])  # Vietnamese by default
    assert vi.exit_code == 2 and "--watch in báo cáo dạng văn bản ra màn hình" in vi.output


def test_a_cycle_rule_runs_again_only_when_its_relations_change(tmp_path):
    """STR004 (scope ``relations``: ``composed_of``): a name edited outside the cycle keeps its finding without
    running the rule; a cycle broken, then made again, is seen at once — each time what a cold check finds."""
    root = tmp_path / "arch"
    shutil.copytree(REPO / "tests" / "rules" / "STR004" / "fail", root)
    day = dt.date(2020, 9, 1)
    ws = Workspace(root, as_of=day)
    path = root / "to-chuc.yaml"
    text = path.read_text(encoding="utf-8")
    assert [f.code for f in ws.check().findings].count("STR004") == 1
    other = "- id: so-noi-vu-binh-duong\n  kind: organization\n  name: Sở Nội vụ tỉnh Bình Dương\n  org_type: department\n"
    steps = [
        (text + other, 1, 0),  # an id added that no composed_of names: it cannot close a cycle, kept
        (text + other.replace("Sở Nội vụ", "Sở Nội vụ (mới)"), 1, 0),  # a name outside the cycle: kept
        (text + other.replace("org_type: department\n", "org_type: department\n  composed_of: [so-tttt-binh-duong]\n"),
         1, None),  # a composed_of written: run again
        (text.replace("  composed_of: [so-tttt-binh-duong]\n", "") + other, 0, None),
        (text + other, 1, None),
    ]
    for new, cycles, ran in steps:
        ws.set_text(path, new)
        path.write_text(new, encoding="utf-8")
        result = ws.check()
        assert [f.code for f in result.findings].count("STR004") == cycles
        assert _dump(result) == _dump(_cold(root, day))
        assert ws.stats.ran["STR004"] == ran, ws.stats.ran
