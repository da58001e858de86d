"""A baseline the manifest (or --baseline) names that is missing or unreadable: a diagnostic, exit 2, no traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("lang,words", [("vi", "không có tệp mốc này"), ("en", "no such baseline file")])
def test_a_missing_baseline_file_is_a_usage_error(tmp_path, lang, words):
    root = tmp_path / "model"
    shutil.copytree(REPO / "tests" / "rules" / "STR004" / "pass", root)
    with (root / "architecture.yaml").open("a", encoding="utf-8") as f:
        f.write("validation:\n  baseline: khong-co.json\n")
    run = subprocess.run([sys.executable, "-m", "kientruc", "check", str(root), "--no-cache", "--lang", lang],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr + run.stdout
    assert words in run.stderr and "khong-co.json" in run.stderr


def test_an_unreadable_baseline_file_is_a_usage_error(tmp_path):
    root = tmp_path / "model"
    shutil.copytree(REPO / "tests" / "rules" / "STR004" / "pass", root)
    (root / "moc.json").write_bytes(b"\xff\xfe not text")
    run = subprocess.run([sys.executable, "-m", "kientruc", "check", str(root), "--no-cache", "--lang", "en",
                          "--baseline", str(root / "moc.json")], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr + run.stdout
    assert "cannot be read as UTF-8 text" in run.stderr
