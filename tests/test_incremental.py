"""Incremental re-checks give what a cold check gives: random edits, renames and deletions (Hypothesis).

A :class:`kientruc.incremental.Workspace` is kept across a run of random changes to a copy of the
showcase; after each change its findings are compared with the deciding check of `pipeline.verdict` (what `kientruc check` reports) of the files on disk
with the cache off. Edits come either from the editor (the text given to the workspace, then written
to disk for the cold check) or from the disk. `kientruc check --watch` is tested as a short-lived
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
from kientruc import pipeline
from kientruc.incremental import Workspace

REPO = Path(__file__).resolve().parents[1]
SHOWCASE = REPO / "architecture"
IDS = sorted(set(re.findall(r"^- id: ([a-z0-9-]+)$", "\n".join(
    p.read_text(encoding="utf-8") for p in SHOWCASE.rglob("*.yaml")), re.M)))



def _cold(root):
    """What `kientruc check` reports, from the files on disk, read afresh: the verdict's deciding check."""
    return pipeline.verdict(root, cache=False, secondary=False).primary.result

def _dump(result) -> list[dict]:
    return [f.to_dict() for f in result.findings]


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.yaml") if p.name != "architecture.yaml")


# one change: (what, which file by index, which id by index, a number)
change = st.tuples(
    st.sampled_from(["typo", "retarget", "delete-element", "delete-file", "rename-file", "copy-file",
                     "break-yaml", "unknown-field", "disk-typo"]),
    st.integers(0, 10_000), st.integers(0, 10_000), st.integers(0, 3),
)


def _apply(root: Path, ws: Workspace, what: str, i: int, j: int, n: int) -> None:
    files = _files(root)
    if not files:
        return
    path = files[i % len(files)]
    text = path.read_text(encoding="utf-8")
    ids = re.findall(r"(?<=[\[ ,])([a-z0-9]+(?:-[a-z0-9]+)+)(?=[\],\n])", text)
    new = text
    if what in ("typo", "disk-typo") and ids:
        old = ids[j % len(ids)]
        new = text.replace(old, old + "x" * (n + 1), 1)
    elif what == "retarget" and ids:
        new = text.replace(ids[j % len(ids)], IDS[(j + n) % len(IDS)], 1)
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


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(change, min_size=1, max_size=4))
def test_incremental_checks_equal_cold_checks(tmp_path_factory, changes):
    root = tmp_path_factory.mktemp("inc") / "arch"
    shutil.copytree(SHOWCASE, root)
    ws = Workspace(root)
    assert _dump(ws.check()) == _dump(_cold(root))
    for what, i, j, n in changes:
        _apply(root, ws, what, i, j, n)
        incremental = ws.check()
        cold = _cold(root)
        assert _dump(incremental) == _dump(cold), (what, i, j, n)
        assert incremental.load.files == cold.load.files
        assert ws.stats.parsed <= 2 or what in ("copy-file", "rename-file")


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
