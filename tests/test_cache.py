"""The load cache: a re-check after an edit gives exactly what a cold check gives, and a bad
cache entry is ignored, never trusted."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import REPO, damage_entries, write_model
from kientruc import cache as kcache
from kientruc import check, load
from kientruc.loader import _display, model_file

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate  # noqa: E402

APPS = """\
- id: lgsp-tinh
  kind: integration_platform
  name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
  platform_type: lgsp
  connects_to: [ndxp]
- id: ndxp
  kind: integration_platform
  name: Nền tảng tích hợp, chia sẻ dữ liệu quốc gia
  external: true
"""
ACTORS = """\
- id: nguoi-dan
  kind: actor
  name: Người dân
"""


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("KIENTRUC_CACHE_DIR", str(d))
    monkeypatch.delenv("KIENTRUC_NO_CACHE", raising=False)
    return d


@pytest.fixture
def parses(monkeypatch):
    """How many model files were really parsed (cache misses) since the last reset."""
    calls: list[str] = []
    real = model_file._parse_model_file

    def counting(path, display, *args):
        calls.append(display)
        return real(path, display, *args)

    monkeypatch.setattr(model_file, "_parse_model_file", counting)
    return calls


def snapshot(root: Path):
    """What checking gives, in every detail: findings, elements, their sources, the files."""
    result = check(root, cache=None)
    loaded = result.load
    arch = loaded.architecture
    return {
        "findings": [f.to_dict() for f in result.findings],
        "exit": result.exit_code,
        "elements": [e.model_dump(mode="json") for e in arch.elements] if arch else None,
        "sources": [(s.file, s.pos) for s in loaded.sources.elements],
        "files": loaded.files,
    }


def cold(root: Path, monkeypatch) -> dict:
    with monkeypatch.context() as m:
        m.setenv("KIENTRUC_NO_CACHE", "1")
        return snapshot(root)


def assert_recheck_matches_cold(root: Path, monkeypatch) -> dict:
    warm = snapshot(root)
    assert warm == cold(root, monkeypatch)
    return warm


def test_second_check_hits_and_matches(tmp_path, cache_dir, parses, monkeypatch):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS, "actors.yaml": ACTORS})
    first = snapshot(root)
    assert len(parses) == 2
    parses.clear()
    assert snapshot(root) == first == cold(root, monkeypatch)
    assert len(parses) == 2  # only the cold one parsed: the warm check hit both files
    parses.clear()
    snapshot(root)
    assert parses == []


def test_edits_between_checks_never_serve_stale_results(tmp_path, cache_dir, parses, monkeypatch):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS, "actors.yaml": ACTORS})
    assert_recheck_matches_cold(root, monkeypatch)

    # a new schema error
    (root / "actors.yaml").write_text(ACTORS + "  securty_level: 3\n", encoding="utf-8")
    broken = assert_recheck_matches_cold(root, monkeypatch)
    assert any(f["code"] == "LOAD003" for f in broken["findings"])

    # the error fixed (back to bytes already cached once)
    (root / "actors.yaml").write_text(ACTORS, encoding="utf-8")
    fixed = assert_recheck_matches_cold(root, monkeypatch)
    assert not any(f["code"] == "LOAD003" for f in fixed["findings"])

    # a new rule finding: a relation to an element that does not exist
    (root / "apps.yaml").write_text(APPS.replace("connects_to: [ndxp]", "connects_to: [ndxp, khong-co]"), encoding="utf-8")
    dangling = assert_recheck_matches_cold(root, monkeypatch)
    assert dangling["findings"] != fixed["findings"]

    # a YAML syntax error, then a whitespace-only edit that moves every line
    (root / "apps.yaml").write_text(APPS + "- id: [x\n", encoding="utf-8")
    assert any(f["code"] == "LOAD001" for f in assert_recheck_matches_cold(root, monkeypatch)["findings"])
    (root / "apps.yaml").write_text("\n\n" + APPS, encoding="utf-8")
    moved = assert_recheck_matches_cold(root, monkeypatch)
    assert moved["sources"] != fixed["sources"]

    # a renamed file: its elements now live in the new file's name
    (root / "apps.yaml").rename(root / "nen-tang.yaml")
    renamed = assert_recheck_matches_cold(root, monkeypatch)
    assert {s[0].rsplit("/", 1)[-1] for s in renamed["sources"]} == {"nen-tang.yaml", "actors.yaml"}

    # an id moved from one file to another (same bytes overall, different files)
    (root / "actors.yaml").write_text(ACTORS + APPS.split("- id: ndxp")[0].replace("- id: lgsp-tinh", "- id: lgsp-tinh", 1), encoding="utf-8")
    (root / "nen-tang.yaml").write_text("- id: ndxp" + APPS.split("- id: ndxp")[1], encoding="utf-8")
    assert_recheck_matches_cold(root, monkeypatch)

    # a file in a subfolder, then deleted
    (root / "sub").mkdir()
    (root / "sub" / "more.yaml").write_text(ACTORS.replace("nguoi-dan", "doanh-nghiep"), encoding="utf-8")
    assert_recheck_matches_cold(root, monkeypatch)
    (root / "sub" / "more.yaml").unlink()
    deleted = assert_recheck_matches_cold(root, monkeypatch)
    assert all("more.yaml" not in f for f in deleted["files"])

    # the same id twice, in two files
    (root / "dup.yaml").write_text(ACTORS, encoding="utf-8")
    assert_recheck_matches_cold(root, monkeypatch)


def test_generated_model_edit_one_file(tmp_path, cache_dir, parses, monkeypatch):
    root = tmp_path / "g"
    generate(root, 600, defects=3)
    before = assert_recheck_matches_cold(root, monkeypatch)
    files = sorted(p for p in root.rglob("*.yaml") if p.name != "architecture.yaml")
    victim = files[len(files) // 2]
    text = victim.read_text(encoding="utf-8")
    victim.write_text(text.replace("name: ", "name: Sửa ", 1), encoding="utf-8")
    parses.clear()
    after = snapshot(root)
    assert parses == [_display(victim, root)]  # only the edited file was parsed again
    assert after == cold(root, monkeypatch)
    assert after["elements"] != before["elements"]


def test_changed_version_or_metamodel_misses(tmp_path, cache_dir, parses, monkeypatch):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS, "actors.yaml": ACTORS})
    first = snapshot(root)
    parses.clear()
    snapshot(root)
    assert parses == []
    monkeypatch.setattr(kcache, "_SALT", kcache.salt() + "|kientruc 9.9")
    assert snapshot(root) == first
    assert len(parses) == 2  # every file parsed again under the new salt


def test_salt_names_version_and_metamodel(monkeypatch):
    from kientruc import _version

    monkeypatch.setattr(kcache, "_SALT", None)
    a = kcache.salt()
    monkeypatch.setattr(kcache, "_SALT", None)
    monkeypatch.setattr(_version, "__version__", "9.9.9")
    b = kcache.salt()
    assert a != b and "9.9.9" in b


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty", "forged", "swapped"])
def test_damaged_entries_are_ignored(tmp_path, cache_dir, parses, monkeypatch, damage):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS, "actors.yaml": ACTORS})
    expected = snapshot(root)
    entries = sorted(cache_dir.rglob("*.pkl"))
    assert len(entries) == 2
    marker = tmp_path / "pwned"
    damage_entries(entries, damage, marker)
    parses.clear()
    assert snapshot(root) == expected
    assert len(parses) == 2
    assert not marker.exists()
    parses.clear()
    assert snapshot(root) == expected  # rewritten: hits again
    assert parses == []


def test_foreign_key_file_disables_cache(tmp_path, cache_dir, parses):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS})
    snapshot(root)
    os.chmod(cache_dir / ".key", 0o644)  # readable by others: entries could be forged
    parses.clear()
    snapshot(root)
    snapshot(root)
    assert len(parses) == 2


def test_model_folder_never_written(tmp_path, cache_dir, monkeypatch):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS, "sub/actors.yaml": ACTORS})

    def listing():
        return sorted(
            (str(p.relative_to(tmp_path / "m")), p.stat().st_mtime_ns) for p in (tmp_path / "m").rglob("*")
        )

    before = listing()
    monkeypatch.chdir(root)
    snapshot(root)
    snapshot(Path("."))
    assert listing() == before
    assert list(cache_dir.rglob("*.pkl"))


def test_no_cache_writes_nothing(tmp_path, cache_dir, run_cli, monkeypatch):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS})
    result = run_cli(["check", str(root), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert not list(cache_dir.rglob("*.pkl"))
    monkeypatch.setenv("KIENTRUC_NO_CACHE", "1")
    assert load(root).ok
    assert not list(cache_dir.rglob("*.pkl"))
    monkeypatch.delenv("KIENTRUC_NO_CACHE")
    assert run_cli(["check", str(root)]).exit_code == 0
    assert len(list(cache_dir.rglob("*.pkl"))) == 1


def test_two_models_do_not_share_a_folder(tmp_path, cache_dir):
    a = write_model(tmp_path / "a", {"apps.yaml": APPS})
    b = write_model(tmp_path / "b", {"apps.yaml": APPS})
    load(a)
    load(b)
    assert len([d for d in cache_dir.iterdir() if d.is_dir()]) == 2


def test_unwritable_cache_is_only_a_miss(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("KIENTRUC_CACHE_DIR", str(blocker / "cache"))  # under a file: cannot be made
    root = write_model(tmp_path / "m", {"apps.yaml": APPS})
    assert snapshot(root) == cold(root, monkeypatch)


def test_file_changed_while_read_is_not_stored(tmp_path, cache_dir, monkeypatch):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS})
    real = model_file._parse_model_file

    def edit_during_read(path, display, *args):
        real(path, display, *args)
        path.write_text(APPS.replace("Nền tảng tích hợp", "Nền tảng mới"), encoding="utf-8")

    with monkeypatch.context() as m:
        m.setattr(model_file, "_parse_model_file", edit_during_read)
        load(root)
    assert not list(cache_dir.rglob("*.pkl"))
    assert snapshot(root) == cold(root, monkeypatch)


# --------------------------------------------------------------------------- the kept element validator


def _outcome(validator, data):
    from pydantic import ValidationError

    try:
        got = validator.validate_python(data)
    except ValidationError as exc:
        return ("error", str(exc), [(e["type"], e["loc"], e["msg"]) for e in exc.errors()])
    return ("ok", [(type(e), e.model_dump(), e.__pydantic_fields_set__, repr(e)) for e in got])


def _kept(home: Path) -> str:
    import subprocess

    code = "from kientruc.cache import element_validator; import sys; print(element_validator(__import__('pathlib').Path(sys.argv[1])))"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-c", code, str(home)], env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_the_kept_validator_validates_as_pydantic_builds_it(tmp_path):
    """Every model file of the tests, the broken ones included: the same elements, or the same errors."""
    from kientruc.loader.positions import parse_yaml
    from kientruc.models import ELEMENT_LIST

    home = tmp_path / "home"
    assert _kept(home) == "stored"
    assert _kept(home) == "loaded"
    kept = kcache.stored_validator(home)
    assert kept is not None
    ELEMENT_LIST.rebuild(force=True)  # the validator pydantic builds
    files = [p for folder in ("tests/bad", "tests/rules", "tests/examples", "architecture")
             for p in sorted((REPO / folder).rglob("*.yaml")) if p.name not in ("architecture.yaml", "expected.yaml")]
    assert len(files) > 300
    errors = valid = 0
    for path in files:
        try:
            parsed, _ = parse_yaml(path.read_text(encoding="utf-8-sig"), path.name)
        except (UnicodeDecodeError, ValueError):
            continue
        if parsed is None or not isinstance(parsed.data, list):
            continue
        expected = _outcome(ELEMENT_LIST.validator, parsed.data)
        assert _outcome(kept, parsed.data) == expected, path
        errors += expected[0] == "error"
        valid += expected[0] == "ok"
    assert errors > 20 and valid > 100  # both ways were compared


def test_a_damaged_kept_validator_is_built_anew(tmp_path):
    home = tmp_path / "home"
    assert _kept(home) == "stored"
    (kept,) = home.glob("validator-*.schema")
    kept.write_bytes(kept.read_bytes()[:-10] + b"0123456789")  # signed no more
    assert kcache.stored_validator(home) is None
    assert _kept(home) == "stored"
    assert kcache.stored_validator(home) is not None


def test_no_cache_keeps_no_validator(tmp_path, cache_dir, run_cli):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS})
    import subprocess

    env = {**os.environ, "PYTHONPATH": str(REPO), "KIENTRUC_CACHE_DIR": str(cache_dir)}
    run = lambda *a: subprocess.run([sys.executable, "-m", "kientruc", "check", str(root), *a], env=env,
                                    capture_output=True, text=True)
    assert run("--no-cache").returncode == 0
    assert not list(cache_dir.glob("validator-*"))
    first = run()
    assert first.returncode == 0
    assert len(list(cache_dir.glob("validator-*.schema"))) == 1
    # a file to parse, with a schema error: the kept validator reports it as pydantic's own
    (root / "apps.yaml").write_text(APPS + ACTORS + "- id: x\n  kind: actor\n  nam: X\n", encoding="utf-8")
    kept = run("--format", "json")
    cold = run("--format", "json", "--no-cache")
    assert kept.returncode == cold.returncode == 2
    assert kept.stdout == cold.stdout and "LOAD003" in kept.stdout
