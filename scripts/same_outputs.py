#!/usr/bin/env python3
"""Do two revisions of kientruc give the same outputs? Run both on the same models and compare.

    python scripts/same_outputs.py BASE [--new DIR] [--quick] [--keep DIR]

BASE is a git revision (``main``, ``HEAD~3``, a commit); its code is exported with ``git archive`` into a
temporary folder and run beside the working tree's code (or ``--new DIR``), each through the same Python with
``PYTHONPATH`` pointing at its tree. The models are the showcase ``architecture/``, the example provinces in
``tests/examples/``, every rule case in ``tests/rules/`` and the broken models of ``tests/bad/`` (copied
without their ``expected.yaml``, once, so both revisions read the very same files). For each model it runs the
commands a user runs — check in every format and on several days, compliance, stats, rules, views, every
diagram as DOT, export, show/find/query, diff, and the site build — and compares exit code, standard output,
standard error and every file written, byte for byte. Each command also runs a second time with the base code,
so that an output that differs from run to run (a time stamp) is reported as unstable rather than as a change.

Prints one line per difference and a summary; exit 0 when nothing differs, 1 otherwise.
This is how a restructuring proves that nothing behaves differently.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import difflib
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SMALL = [
    ["check", "{m}", "--format", "json"],
    ["check", "{m}"],
    ["check", "{m}", "--format", "sarif"],
]
FULL = SMALL + [
    ["check", "{m}", "--format", "junit"],
    ["check", "{m}", "--format", "github"],
    ["check", "{m}", "--as-of", "2018-10-09"],
    ["check", "{m}", "--as-of", "2021-06-30", "--format", "json"],
    ["check", "{m}", "--as-of", "2025-07-01", "--fail-on", "info"],
    ["check", "{m}", "--profile", "vn-digital-nation-2025"],
    ["check", "{m}", "--profile", "vn-egov-3.0", "--format", "json"],
    ["compliance", "{m}"],
    ["compliance", "{m}", "--format", "json"],
    ["compliance", "{m}", "--as-of", "2018-10-09"],
    ["stats", "{m}"],
    ["stats", "{m}", "--format", "json", "--lang", "en"],
    ["stats", "{m}", "--as-of", "2018-10-09"],
    ["views", "{m}"],
    ["diagram", "--all", "-f", "dot", "-d", "{m}", "--out-dir", "{o}/diagrams"],
    ["diagram", "overview", "-d", "{m}", "-f", "dot", "--lang", "en", "-o", "-"],
    ["diagram", "overview", "-d", "{m}", "-f", "dot", "--max-nodes", "20", "-o", "-"],
    ["export", "json", "{m}", "-o", "{o}/model.json"],
    ["export", "archimate", "{m}", "-o", "{o}/model.xml"],
    ["find", "lgsp", "{m}"],
    ["find", "cong dich vu cong", "{m}", "--format", "json"],
    ["query", "{m}", "--layer", "application", "--format", "json"],
    ["query", "{m}", "--kind", "integration_platform"],
]
SHOWCASE = [
    ["show", "lgsp-quang-tri", "{m}"],
    ["show", "ndxp", "{m}", "--format", "json"],
    ["query", "{m}", "--depends-on", "lgsp-quang-tri"],
    ["query", "{m}", "--path", "cong-dich-vu-cong-tinh", "ndxp"],
    ["diagram", "context:lgsp-quang-tri", "-d", "{m}", "-f", "dot", "--lang", "en", "-o", "-"],
    ["build", "{m}", "--out", "{o}/site", "--as-of", "2026-12-01"],
    ["build", "{m}", "--out", "{o}/site-2018", "--as-of", "2018-10-09", "--lang", "en"],
]
GLOBAL = [
    ["rules"],
    ["rules", "--lang", "en"],
    ["rules", "--format", "json"],
    ["rules", "--format", "markdown"],
    ["rules", "--format", "markdown", "--lang", "en"],
    ["rules", "STR003"],
    ["rules", "lgsp-connected-to-ndxp", "--lang", "en"],
    ["relations"],
    ["kinds"],
    ["profiles"],
    ["schema"],
    ["schema", "--manifest"],
    ["--help"],
    ["check", "--help"],
]
# Files whose bytes legitimately differ between two runs of the same code (zip time stamps).
UNSTABLE_SUFFIXES = (".docx",)


def export(rev: str, dest: Path) -> Path:
    """The tree of ``rev`` (committed files only) in ``dest``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev], check=True,
                             capture_output=True).stdout
    dest.mkdir(parents=True)
    tar = dest.parent / "base.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as t:
        t.extractall(dest, filter="data")
    tar.unlink()
    return dest


def copy_models(work: Path) -> list[tuple[str, Path, list[list[str]]]]:
    """Every model, copied once without ``expected.yaml``, with the commands to run on it."""
    models: list[tuple[str, Path, list[list[str]]]] = []

    def add(name: str, src: Path, commands: list[list[str]]) -> None:
        dest = work / "models" / name
        shutil.copytree(src, dest, symlinks=True, ignore=shutil.ignore_patterns("expected.yaml"))
        models.append((name, dest, commands))

    add("architecture", ROOT / "architecture", FULL + SHOWCASE)
    for ex in sorted((ROOT / "tests" / "examples").iterdir()):
        if (ex / "architecture.yaml").is_file():
            add(f"examples/{ex.name}", ex, FULL)
    for case in sorted((ROOT / "tests" / "rules").iterdir()):
        for side in ("pass", "fail"):
            if (case / side).is_dir():
                add(f"rules/{case.name}/{side}", case / side, SMALL)
    for case in sorted((ROOT / "tests" / "bad").iterdir()):
        expected = case / "expected.yaml"
        if not case.is_dir() or not expected.is_file():
            continue
        spec = yaml.safe_load(expected.read_text(encoding="utf-8")) or {}
        if spec.get("setup"):  # made at test time (huge files, links): the test corpus covers them
            continue
        add(f"bad/{case.name}", case, SMALL)
    return models


def run(tree: Path, args: list[str], cwd: Path, env: dict[str, str]) -> dict[str, bytes]:
    """Run ``kientruc ARGS`` with the code of ``tree``; everything it printed and wrote, as bytes."""
    out_dir = cwd / "out"
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    argv = [a.replace("{o}", str(out_dir)) for a in args]
    proc = subprocess.run(
        [sys.executable, "-c", "from kientruc.cli import main; main()", *argv],
        cwd=cwd, env={**env, "PYTHONPATH": str(tree)}, capture_output=True, timeout=600,
    )
    here = [(str(out_dir).encode(), b"{o}"), (str(cwd).encode(), b"{cwd}")]
    # durations ("built in 2.9 s") change from run to run
    seconds = [(re.compile(rb"\b\d+[.,]\d+ s\b"), b"N s")]
    result = {"exit": str(proc.returncode).encode(), "stdout": _neutral(proc.stdout, here, seconds),
              "stderr": _neutral(proc.stderr, here, seconds)}
    for path in sorted(out_dir.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix in UNSTABLE_SUFFIXES:
                data = hashlib.sha256(_docx_text(path)).hexdigest().encode()
            elif path.suffix == ".pdf":  # LibreOffice stamps the time of the conversion: compare the text
                data = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True).stdout
            elif path.name == ".kientruc-site":  # the site's marker says when it was built
                data = re.sub(rb'"built": "[^"]*"', b'"built": "-"', data)
            result[f"file {path.relative_to(out_dir)}"] = _neutral(data, here)
    return result


def _neutral(data: bytes, places: list[tuple[bytes, bytes]], patterns: list = ()) -> bytes:
    """The output with the run's own folders named alike (each revision runs in a folder of its own)."""
    for path, name in places:
        data = data.replace(path, name)
    for pattern, repl in patterns:
        data = pattern.sub(repl, data)
    return data


def _docx_text(path: Path) -> bytes:
    """A DOCX's parts without the zip's time stamps: each part's name and bytes."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        return b"".join(n.encode() + z.read(n) for n in sorted(z.namelist()) if not n.startswith("docProps/"))


def show_diff(a: bytes, b: bytes, limit: int = 12) -> str:
    lines = list(difflib.unified_diff(a.decode("utf-8", "replace").splitlines(),
                                      b.decode("utf-8", "replace").splitlines(), "base", "new", lineterm="", n=1))
    return "\n".join("      " + line for line in lines[:limit])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("base", help="the git revision to compare with (main, HEAD~1, a commit)")
    ap.add_argument("--new", default=str(ROOT), help="the tree of the new code (default: this working tree)")
    ap.add_argument("--quick", action="store_true", help="the showcase model and the global commands only")
    ap.add_argument("--keep", help="keep the models and outputs in this folder")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    opts = ap.parse_args()

    work = Path(opts.keep) if opts.keep else Path(tempfile.mkdtemp(prefix="kientruc-same-"))
    work.mkdir(parents=True, exist_ok=True)
    base = export(opts.base, work / "base")
    new = Path(opts.new).resolve()
    models = copy_models(work)
    if opts.quick:
        models = [m for m in models if m[0] == "architecture"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIENTRUC_")}
    env.update({"KIENTRUC_NO_CACHE": "1", "NO_COLOR": "1", "COLUMNS": "100", "LANG": "C.UTF-8"})

    jobs: list[tuple[str, list[str], Path]] = [("(global)", a, work / "models") for a in GLOBAL]
    for name, path, commands in models:
        for args in commands:
            jobs.append((name, [a.replace("{m}", str(path)) for a in args], path))

    def one(i: int, name: str, args: list[str], model: Path) -> tuple[str, list[str], list[str], bool]:
        cwd = work / "runs" / str(i)
        a = run(base, args, cwd / "base", env)
        b = run(new, args, cwd / "new", env)
        problems, unstable = [], False
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                problems.append(f"    {key}:\n" + show_diff(a.get(key, b"(absent)"), b.get(key, b"(absent)")))
        if problems:  # is it the code, or does the output change from run to run?
            again = run(base, args, cwd / "again", env)
            unstable = any(again.get(k) != a.get(k) for k in set(a) | set(again))
        if not opts.keep:
            shutil.rmtree(cwd, ignore_errors=True)
        return name, args, problems, unstable

    differing = unstable_count = 0
    with cf.ThreadPoolExecutor(max_workers=opts.jobs) as pool:
        futures = [pool.submit(one, i, *job) for i, job in enumerate(jobs)]
        for fut in futures:
            name, args, problems, unstable = fut.result()
            if problems:
                shown = " ".join(a.replace(str(work), "…") for a in args)
                if unstable:
                    unstable_count += 1
                    print(f"UNSTABLE {name}: kientruc {shown} (differs between two runs of the base code too)")
                else:
                    differing += 1
                    print(f"DIFFERS {name}: kientruc {shown}")
                    print("\n".join(problems))
    print(f"{len(jobs)} commands on {len(models)} models: {len(jobs) - differing - unstable_count} the same, "
          f"{differing} different, {unstable_count} unstable")
    if not opts.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
