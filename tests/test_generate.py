"""The synthetic-architecture generator (benchmarks/generate.py): clean, defective on request, deterministic."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import generate  # noqa: E402


def _check(model: Path) -> tuple[int, dict]:
    """``kientruc check MODEL --format json`` in a fresh process, against the framework the generated
    model's edition was written against (as the library's check does): exit code and report."""
    import yaml

    profile = yaml.safe_load((model / "architecture.yaml").read_text(encoding="utf-8"))["editions"][-1]["profile"]
    proc = subprocess.run(
        [sys.executable, "-m", "kientruc.cli", "check", str(model), "--no-cache", "--format", "json",
         "--profile", profile],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return proc.returncode, json.loads(proc.stdout)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> tuple[Path, generate.Generated]:
    out = tmp_path_factory.mktemp("gen") / "model"
    return out, generate.generate_model(out, 1000, seed=3)


def test_size_and_proportions(clean):
    out, g = clean
    assert 900 <= g.elements <= 1100
    kinds = Counter()
    for path in out.rglob("*.yaml"):
        if path.name == "architecture.yaml":
            continue
        for el in yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader):
            kinds[el["kind"]] += 1
    assert sum(kinds.values()) == g.elements
    assert dict(kinds) == g.kinds
    assert len(kinds) >= 20  # the template's kinds and the bulk's
    top, _ = kinds.most_common(1)[0]
    assert top == "public_service"
    for kind in ("application", "database", "data_entity", "organization", "channel", "node", "network",
                 "integration_platform", "legal_document", "project"):
        assert kinds[kind] > 0, kind
    assert kinds["application"] > kinds["node"]
    # national elements once, the province in several files by layer
    assert (out / "quoc-gia").is_dir() and (out / "t001").is_dir()
    assert len(list((out / "t001").glob("*.yaml"))) >= 8
    for path in out.rglob("*.yaml"):
        if path.name != "architecture.yaml":
            assert len(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)) <= generate.FILE_CHUNK


def test_clean_model_checks_clean(clean):
    out, _ = clean
    code, report = _check(out)
    assert code == 0
    by_sev = Counter(f["severity"] for f in report["findings"])
    assert by_sev["error"] == 0 and by_sev["warning"] == 0, [
        (f["code"], f["message"]) for f in report["findings"] if f["severity"] != "info"][:10]
    assert by_sev["info"] <= 40


@pytest.mark.parametrize("defects", [5, len(generate.DEFECT_KINDS)])
def test_seeded_defects_are_found(tmp_path, defects):
    g = generate.generate_model(tmp_path / "bad", 1000, defects=defects, seed=3)
    assert len(g.defects) == defects
    assert len({what.split(":")[0] for _, what, _ in g.defects}) == defects  # all of different kinds
    code, report = _check(tmp_path / "bad")
    assert code == 1
    found = {f["code"] for f in report["findings"] if f["severity"] in ("error", "warning")}
    for el_id, what, codes in g.defects:
        assert set(codes) & found, (el_id, what, codes)
    assert {code for _, _, codes in g.defects for code in codes} <= found


def test_deterministic(tmp_path, clean):
    out, _ = clean
    again = tmp_path / "again"
    generate.generate(again, 1000, seed=3)
    assert _files(again) == _files(out)
    other = tmp_path / "other"
    generate.generate(other, 1000, seed=4)
    assert _files(other) != _files(out)


def test_cli(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate.py"), str(tmp_path / "m"), "--elements", "300",
         "--defects", "2", "--seed", "5"],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    assert "wrote" in proc.stdout and proc.stdout.count("defect:") == 2
