"""Shared test helpers: write small model folders, run the CLI on them, find the reference files.

Reference files the repository does not hold (the SARIF and ArchiMate schemas, ArchiMate sample
models) live in ``../shared`` beside the clone, where CI lays them: :func:`shared_file` finds one
and skips the test, saying which file it needs, when it is absent. With ``KIENTRUC_NO_SKIP=1``
(set by ``.ci/run``, where ``../shared`` and every Debian package are present) a skipped test
fails instead, with the reason it would have been skipped for.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kientruc.cli import cli

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
"""Reference files CI lays beside the clone; reach them through :func:`shared_file`."""

NO_SKIP = os.environ.get("KIENTRUC_NO_SKIP") == "1"
"""Set by ``.ci/run``: every test must run there, so a skip is a failure."""

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


def shared_file(*parts: str) -> Path:
    """The file ``../shared/<parts>`` beside the clone; skips the calling test when it is absent."""
    __tracebackhide__ = True  # the skip is reported at the line of the test that needs the file
    path = SHARED.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"needs ../shared/{'/'.join(parts)}: the reference files CI lays beside the clone")
    return path


def _skip_as_failure(report) -> None:
    """Turn a skip report into a failure that gives the reason of the skip."""
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = ("skipped where every test must run (KIENTRUC_NO_SKIP=1, set by .ci/run): "
                       + reason.removeprefix("Skipped: "))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Under ``KIENTRUC_NO_SKIP=1`` a skipped test (not an expected failure) fails."""
    report = yield
    if NO_SKIP and report.skipped and not hasattr(report, "wasxfail"):
        _skip_as_failure(report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector):
    """Under ``KIENTRUC_NO_SKIP=1`` a module skipped whole (``allow_module_level``, ``importorskip``)
    fails its collection, which stops the run there and then with the reason."""
    report = yield
    if NO_SKIP and report.skipped:
        _skip_as_failure(report)
    return report


@pytest.fixture(autouse=True, scope="session")
def _cache_in_tmp(tmp_path_factory):
    """The load cache (on by default) lives in a temporary folder, never in the user's ~/.cache."""
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


def damage_entries(entries: list, how: str, marker) -> None:
    """Damage two signed cache entries in place, ``how``: garbage, truncated, flipped (one bit), empty, forged (the
    right header and a pickle that would create ``marker`` if it were ever unpickled) or swapped (each a genuine
    entry under the other's name). What the cache tests and the kept-verdict tests do to prove a damaged entry is
    never trusted."""
    import os
    import pickle

    from kientruc import cache as kcache

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    blobs = [e.read_bytes() for e in entries]
    for entry, blob in zip(entries, blobs):
        if how == "garbage":
            entry.write_bytes(b"not a cache entry at all")
        elif how == "truncated":
            entry.write_bytes(blob[: len(blob) // 2])
        elif how == "flipped":
            entry.write_bytes(blob[:-10] + bytes([blob[-10] ^ 1]) + blob[-9:])
        elif how == "empty":
            entry.write_bytes(b"")
        elif how == "forged":
            entry.write_bytes(kcache.MAGIC + b"\0" * 32 + pickle.dumps(Evil()))
        elif how == "swapped":
            entry.write_bytes(blobs[1 - entries.index(entry)])
