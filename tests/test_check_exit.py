"""``kientruc check`` as a process leaves without freeing the model (``cli._checked``): what it prints, writes
and exits with is what the command gives in-process (click's runner, which never takes that shortcut)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _process(args: list[str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIENTRUC_")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "kientruc", *args], capture_output=True, text=True, env=env,
                          timeout=300)


@pytest.mark.parametrize("extra, code", [([], 0), (["--fail-on", "info"], 1), (["--format", "json", "--fail-on", "info"], 1),
                                         (["--format", "sarif"], 0)])
def test_the_process_prints_and_exits_as_the_command(run_cli, extra, code):
    args = ["check", "--no-cache", str(ROOT / "architecture"), "--lang", "en", *extra]
    inside = run_cli(args)
    p = _process(args)
    assert inside.exit_code == p.returncode == code
    assert p.stdout == inside.stdout and p.stdout.strip()
    if "json" in extra:
        assert json.loads(p.stdout)["findings"]


def test_an_unreadable_model_and_a_report_file(run_cli, tmp_path):
    model = tmp_path / "m"
    model.mkdir()
    (model / "architecture.yaml").write_text((ROOT / "architecture" / "architecture.yaml").read_text(encoding="utf-8"),
                                             encoding="utf-8")
    (model / "hong.yaml").write_text("- id: a\n  kind: application\n  name: [x\n", encoding="utf-8")
    p = _process(["check", "--no-cache", str(model), "--lang", "en"])
    assert p.returncode == 2 and "LOAD001" in p.stdout + p.stderr and "Traceback" not in p.stderr
    out = tmp_path / "report.json"
    p = _process(["check", "--no-cache", str(ROOT / "architecture"), "--format", "json", "-o", str(out)])
    assert p.returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["findings"]
