"""The kept verdict (kientruc/result_cache.py): a second `kientruc check` of an unchanged model gives exactly
the first one's reports without loading the model; any change of what decides them misses; a damaged, foreign
or renamed entry is never unpickled."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from conftest import REPO, damage_entries, write_model
from kientruc import cache as kcache
from kientruc import loader, pipeline, result_cache
from kientruc.loader import model_file

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate  # noqa: E402
from test_cache import ACTORS, cache_dir  # noqa: E402,F401 - the model of actors and the fixture test_cache uses

APPS = """\
- id: lgsp-tinh
  kind: integration_platform
  name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
  platform_type: lgsp
  connects_to: [ndxp, khong-co]
- id: ndxp
  kind: integration_platform
  name: Nền tảng tích hợp, chia sẻ dữ liệu quốc gia
  external: true
"""


@pytest.fixture
def loads(monkeypatch):
    """Every model folder :func:`kientruc.loader.load` was asked for (the pipeline's loads)."""
    calls: list[str] = []
    real = loader.load

    def counting(root, **kw):
        calls.append(str(root))
        return real(root, **kw)

    monkeypatch.setattr(pipeline, "load", counting)
    monkeypatch.setattr(loader, "load", counting)
    return calls


def _results(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.rglob(result_cache.PREFIX + "*" + result_cache.SUFFIX))


def _run(run_cli, args: list[str]) -> tuple[int, str]:
    r = run_cli(args)
    return r.exit_code, r.output


FORMATS = [[], ["--format", "json"], ["--format", "sarif"], ["--format", "junit"], ["--format", "github"],
           ["--no-hints", "--lang", "en"]]


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: " ".join(f) or "text")
def test_second_check_is_given_back_the_same_without_loading(tmp_path, cache_dir, loads, run_cli, fmt):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS, "sub/actors.yaml": ACTORS})
    first = _run(run_cli, ["check", str(root), *fmt])
    assert first[0] == 1, first[1]  # STR001: the unknown 'khong-co'
    assert loads == [str(root)]
    assert len(_results(cache_dir)) == 1
    second = _run(run_cli, ["check", str(root), *fmt])
    assert loads == [str(root)]  # given back: not loaded again
    assert second == first
    cold = _run(run_cli, ["check", str(root), "--no-cache", *fmt])
    assert cold == first


def test_generated_model_reports_are_the_same(tmp_path, cache_dir, loads, run_cli):
    root = tmp_path / "g"
    generate(root, elements=1500, defects=6, seed=3)
    out = {}
    for fmt in ("text", "json", "sarif"):
        out[fmt] = _run(run_cli, ["check", str(root), "--format", fmt])
        assert _run(run_cli, ["check", str(root), "--format", fmt]) == out[fmt]
        assert _run(run_cli, ["check", str(root), "--format", fmt, "--no-cache"]) == out[fmt]
    assert json.loads(out["json"][1])["findings"]
    assert loads.count(str(root)) == 4  # the first check (its result kept for all three formats), three cold


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CHANGES = {
    "model file edited": lambda root, tmp: _edit(root / "apps.yaml", "khong-co", "khong-co-nua"),
    "model file added": lambda root, tmp: (root / "sub" / "more.yaml").write_text(
        ACTORS.replace("nguoi-dan", "doanh-nghiep"), encoding="utf-8"),
    "model file deleted": lambda root, tmp: (root / "sub" / "actors.yaml").unlink(),
    "model file renamed": lambda root, tmp: (root / "sub" / "actors.yaml").rename(root / "sub" / "nguoi.yaml"),
    "manifest edited (a comment)": lambda root, tmp: (root / "architecture.yaml").write_text(
        (root / "architecture.yaml").read_text(encoding="utf-8") + "\n# x\n", encoding="utf-8"),
    "an excluded-or-not YAML file added in a hidden-free folder": lambda root, tmp: (root / "notes.yml").write_text(
        "[]\n", encoding="utf-8"),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_any_change_to_the_files_misses(tmp_path, cache_dir, loads, run_cli, change, monkeypatch):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS, "sub/actors.yaml": ACTORS})
    _run(run_cli, ["check", str(root), "--format", "json"])
    _run(run_cli, ["check", str(root), "--format", "json"])
    assert len(loads) == 1
    CHANGES[change](root, tmp_path)
    warm = _run(run_cli, ["check", str(root), "--format", "json"])
    assert len(loads) == 2  # checked again
    assert warm == _run(run_cli, ["check", str(root), "--format", "json", "--no-cache"])
    assert _run(run_cli, ["check", str(root), "--format", "json"]) == warm
    assert len(loads) == 3  # the no-cache run only: the new verdict was kept


@pytest.mark.parametrize("option", [["--as-of", "2024-01-01"], ["--profile", "vn-egov-1.0"], ["--fail-on", "info"]])
def test_options_are_part_of_the_key(tmp_path, cache_dir, loads, run_cli, option):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS})
    plain = _run(run_cli, ["check", str(root), "--format", "json"])
    other = _run(run_cli, ["check", str(root), "--format", "json", *option])
    assert len(loads) == 2
    assert other != plain
    assert _run(run_cli, ["check", str(root), "--format", "json", *option]) == other
    assert _run(run_cli, ["check", str(root), "--format", "json"]) == plain
    assert len(loads) == 2  # both kept side by side


def test_the_calendar_day_is_part_of_the_key(tmp_path, cache_dir, loads, monkeypatch):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS})
    pipeline.verdict(root)
    pipeline.verdict(root)
    assert len(loads) == 1
    tomorrow = dt.date.fromordinal(dt.date.today().toordinal() + 1)
    monkeypatch.setattr(result_cache, "run_day", lambda: tomorrow)
    pipeline.verdict(root)
    assert len(loads) == 2


def test_code_or_version_change_misses(tmp_path, cache_dir, loads, monkeypatch):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS})
    pipeline.verdict(root)
    monkeypatch.setattr(kcache, "_SALT", kcache.salt() + "|another kientruc")
    pipeline.verdict(root)
    assert len(loads) == 2


def test_working_folder_is_part_of_the_key(tmp_path, cache_dir, loads, run_cli):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS})
    a = run_cli(["check", "."], cwd=root)
    b = run_cli(["check", str(root)], cwd=tmp_path)
    assert len(loads) == 2  # file names in findings depend on where the command runs
    assert a.output != b.output
    assert run_cli(["check", "."], cwd=root).output == a.output
    assert len(loads) == 2


def test_baseline_files_are_part_of_the_key(tmp_path, cache_dir, loads, run_cli):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS})
    base = tmp_path / "base.json"
    assert run_cli(["check", str(root), "--write-baseline", str(base)]).exit_code == 0
    hidden = _run(run_cli, ["check", str(root), "--baseline", str(base)])
    assert hidden[0] == 0, hidden[1]
    n = len(loads)
    assert _run(run_cli, ["check", str(root), "--baseline", str(base)]) == hidden
    assert len(loads) == n
    base.write_text(json.dumps({**json.loads(base.read_text(encoding="utf-8")), "findings": []}), encoding="utf-8")
    shown = _run(run_cli, ["check", str(root), "--baseline", str(base)])
    assert len(loads) == n + 1
    assert shown[0] == 1
    assert shown == _run(run_cli, ["check", str(root), "--baseline", str(base), "--no-cache"])


def test_the_manifests_own_baseline_is_part_of_the_key(tmp_path, cache_dir, loads, run_cli):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS})
    base = root / "known.json"
    assert run_cli(["check", str(root), "--write-baseline", str(base)]).exit_code == 0
    manifest = root / "architecture.yaml"
    text = manifest.read_text(encoding="utf-8")
    assert text.count("\nvalidation:\n") == 1
    manifest.write_text(text.replace("\nvalidation:\n", "\nvalidation:\n  baseline: known.json\n"), encoding="utf-8")
    hidden = _run(run_cli, ["check", str(root)])
    assert hidden[0] == 0, hidden[1]
    n = len(loads)
    assert _run(run_cli, ["check", str(root)]) == hidden
    assert len(loads) == n
    base.write_text(json.dumps({**json.loads(base.read_text(encoding="utf-8")), "findings": []}), encoding="utf-8")
    shown = _run(run_cli, ["check", str(root)])
    assert len(loads) == n + 1
    assert shown[0] == 1
    assert shown == _run(run_cli, ["check", str(root), "--no-cache"])


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty", "forged", "swapped"])
def test_damaged_entries_are_never_unpickled(tmp_path, cache_dir, loads, run_cli, damage):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS})
    first = _run(run_cli, ["check", str(root)])
    other = _run(run_cli, ["check", str(root), "--as-of", "2024-01-01"])
    entries = _results(cache_dir)
    assert len(entries) == 2
    marker = tmp_path / "pwned"
    damage_entries(entries, damage, marker)
    n = len(loads)
    assert _run(run_cli, ["check", str(root)]) == first
    assert _run(run_cli, ["check", str(root), "--as-of", "2024-01-01"]) == other
    assert len(loads) == n + 2
    assert not marker.exists()


def test_no_cache_neither_reads_nor_keeps(tmp_path, cache_dir, loads, run_cli, monkeypatch):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS})
    _run(run_cli, ["check", str(root), "--no-cache"])
    assert not _results(cache_dir)
    monkeypatch.setenv("KIENTRUC_NO_CACHE", "1")
    _run(run_cli, ["check", str(root)])
    assert not _results(cache_dir)
    monkeypatch.delenv("KIENTRUC_NO_CACHE")
    _run(run_cli, ["check", str(root)])
    assert len(_results(cache_dir)) == 1
    _run(run_cli, ["check", str(root), "--no-cache"])
    assert len(loads) == 4


def test_unreadable_model_is_not_kept(tmp_path, cache_dir, loads, run_cli):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS + "  bad: [\n"})
    first = _run(run_cli, ["check", str(root)])
    assert first[0] == 2
    assert _run(run_cli, ["check", str(root)]) == first
    assert len(loads) == 2
    assert not _results(cache_dir)


def test_links_in_the_model(tmp_path, cache_dir, loads, run_cli):
    """A link to a file inside the folder is never read (nothing to key); one that leads outside is reported,
    and such a model is never kept: the link's target could change without a byte of the folder changing."""
    root = write_model(tmp_path / "m", {"apps.yaml": APPS})
    link = root / "link.yaml"
    link.symlink_to(root / "apps.yaml")
    first = _run(run_cli, ["check", str(root)])
    assert _run(run_cli, ["check", str(root)]) == first == _run(run_cli, ["check", str(root), "--no-cache"])
    assert len(loads) == 2
    outside = tmp_path / "outside.yaml"
    outside.write_text(ACTORS, encoding="utf-8")
    link.unlink()
    link.symlink_to(outside)
    out = _run(run_cli, ["check", str(root)])
    assert "LOAD010" in out[1]
    assert _run(run_cli, ["check", str(root)]) == out
    assert len(loads) == 4


def test_the_given_back_verdict_stands_for_the_model(tmp_path, cache_dir, loads):
    """A library caller that asks for more than the reports read gets the real model, graph and positions."""
    root = tmp_path / "g"
    generate(root, elements=1200, defects=4, seed=5)
    fresh = pipeline.verdict(root)
    kept = pipeline.verdict(root)
    assert len(loads) == 1
    assert isinstance(kept.result.load, result_cache.ReusedLoad)
    assert kept.to_dict() == fresh.to_dict()
    assert kept.exit_code == fresh.exit_code
    for a, b in zip(kept.judgements, fresh.judgements):
        assert [f.to_dict() for f in a.result.findings] == [f.to_dict() for f in b.result.findings]
        assert a.result.rules_run == b.result.rules_run
        assert a.result.profile is b.result.profile
    arch = kept.result.load.architecture
    assert arch.manifest == fresh.result.load.architecture.manifest
    assert len(arch.elements) == len(fresh.result.load.architecture.elements)
    assert len(loads) == 1  # nothing the reports read loaded the model
    # anything else does
    assert [e.id for e in arch.elements] == [e.id for e in fresh.result.load.architecture.elements]
    assert len(loads) == 2
    assert kept.result.load.sources.element(arch.elements[5].id) == fresh.result.load.sources.element(arch.elements[5].id)
    assert sorted(kept.result.graph.architecture.by_id()) == sorted(fresh.result.graph.architecture.by_id())
    assert len(kept.result.graph) == len(fresh.result.graph)
    assert len(loads) == 2


def test_compliance_is_never_given_back(tmp_path, cache_dir, loads, run_cli):
    root = write_model(tmp_path / "m", {"apps.yaml": APPS})
    a = _run(run_cli, ["compliance", str(root)])
    b = _run(run_cli, ["compliance", str(root)])
    assert a == b
    assert len(loads) == 2


def test_model_parse_counts_unchanged_on_a_miss(tmp_path, cache_dir, run_cli, monkeypatch):
    """A kept verdict that misses leaves the per-file cache as it was: only the edited file is parsed."""
    calls: list[str] = []
    real = model_file._parse_model_file
    monkeypatch.setattr(model_file, "_parse_model_file", lambda p, d, *a: calls.append(d) or real(p, d, *a))
    root = write_model(tmp_path / "m", {"apps.yaml": APPS, "sub/actors.yaml": ACTORS})
    run_cli(["check", str(root)])
    assert len(calls) == 2
    _edit(root / "sub" / "actors.yaml", "Người dân", "Người dân Việt Nam")
    run_cli(["check", str(root)])
    assert len(calls) == 3
