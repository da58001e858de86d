"""Shared test helpers: write small model folders and run the CLI on them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kientruc.cli import cli

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

FRAMEWORK_FAMILIES = (
    "architecture", "data", "documents", "governance", "identity", "infrastructure",
    "integration", "organisation", "security", "standards", "tthc",
)
"""Families of the national-framework rules (tests/rules/ checks those); `validation.rules` takes family names."""

FRAMEWORK_OFF = {family: "off" for family in FRAMEWORK_FAMILIES}

BASE_MANIFEST = {
    "province": "Tỉnh Thử nghiệm",
    "architecture": {"name": "Kiến trúc thử nghiệm", "version": "1.0"},
    "profile": "vn-egov-1.0",
    # Tests of the loader, the graph, the reports and the CLI use tiny models that are no whole
    # provincial architecture: they switch the framework rules off (tests/rules/ tests those).
    "validation": {"rules": dict(FRAMEWORK_OFF)},
}


@pytest.fixture(autouse=True, scope="session")
def _cache_in_tmp(tmp_path_factory):
    """The load cache (on by default) lives in a temporary folder, never in the user's ~/.cache."""
    import os

    old = os.environ.get("KIENTRUC_CACHE_DIR")
    os.environ["KIENTRUC_CACHE_DIR"] = str(tmp_path_factory.mktemp("kientruc-cache"))
    yield
    if old is None:
        os.environ.pop("KIENTRUC_CACHE_DIR", None)
    else:
        os.environ["KIENTRUC_CACHE_DIR"] = old


def write_model(root: Path, files: dict[str, str], manifest: dict | str | None = None) -> Path:
    """Write a model folder: ``files`` maps relative paths to YAML text (dedented)."""
    root.mkdir(parents=True, exist_ok=True)
    if manifest is None:
        manifest = BASE_MANIFEST
    if isinstance(manifest, dict):
        text = yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False)
    else:
        text = textwrap.dedent(manifest)
    (root / "architecture.yaml").write_text(text, encoding="utf-8")
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture
def run_cli(monkeypatch):
    """Run ``kientruc ARGS`` in a folder; returns the click Result (exit_code, output)."""

    def run(args: list[str], cwd: Path | None = None):
        if cwd is not None:
            monkeypatch.chdir(cwd)
        return CliRunner().invoke(cli, args, catch_exceptions=False)

    return run
