"""Findings stay cheap (issue 19, item 4): the cost of a check with many unknown references, before and after.

For each (elements, unknown references) pair a model is generated (``generate.py``) and one more file
is added: one element whose ``associated_with`` lists that many ids that do not exist, each a real
id of the model with a letter added (the hard case for the did-you-mean search: every one has close
candidates of the same first letter and length). Then ``kientruc check --no-cache -j 1 --format json``
runs in a fresh process with the code of a git revision (``--base``, extracted with ``git archive``)
and with the working tree; the table gives the CPU seconds (user + system) of each process — CPU
rather than wall time, because this machine is shared — with and without the extra file (``*_clean_s``),
the milliseconds each unknown reference adds ((with − without) / count), and how many
findings' hints differ between the two. The text report's size is given for the working tree.

    python benchmarks/findings.py --base 54a7e50 --pairs 1000:1000 10000:2000 10000:20000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tarfile
import tempfile
import io
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402


def _extract(rev: str, into: Path) -> Path:
    data = subprocess.run(["git", "-C", str(REPO), "archive", rev, "kientruc"], check=True,
                          capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def _run(code: Path, root: Path, fmt: str = "json") -> tuple[float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(code), "KIENTRUC_NO_CACHE": "1"}
    # run from the model's folder: `python -c` puts the working folder first on the path, before PYTHONPATH
    out = subprocess.run([sys.executable, "-c", "from kientruc.cli import main; main()", "check", str(root),
                          "--no-cache", "-j", "1", "--format", fmt], capture_output=True, text=True, env=env,
                         cwd=root.parent)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode not in (0, 1):
        raise SystemExit(f"check failed ({out.returncode}): {out.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, out.stdout


def _model(tmp: Path, elements: int) -> tuple[Path, list[str]]:
    root = tmp / f"m{elements}"
    if not root.exists():
        generate(root, elements)
    ids = sorted(set(re.findall(r"(?m)^- id: ([a-z0-9-]+)$", "\n".join(
        p.read_text(encoding="utf-8") for p in root.rglob("*.yaml")
        if p.name not in ("architecture.yaml", "nhieu.yaml")))))
    return root, ids


def _unknowns(root: Path, ids: list[str], unknown: int) -> None:
    extra = root / "nhieu.yaml"
    if not unknown:
        extra.unlink(missing_ok=True)
        return
    rnd = random.Random(1)
    lines = ["- id: nhieu-tham-chieu", "  kind: application", "  name: Hệ thống nhiều tham chiếu",
             "  associated_with:"]
    lines += [f"  - {rnd.choice(ids)}{'x' * (1 + i // len(ids))}{i % 10}" for i in range(unknown)]
    extra.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="the git revision to compare with (before), e.g. 54a7e50")
    ap.add_argument("--pairs", nargs="+", default=["1000:1000", "10000:2000"],
                    help="ELEMENTS:UNKNOWN_REFERENCES pairs")
    ap.add_argument("--base-max", type=int, default=5000, help="run the base only up to this many unknown references")
    args = ap.parse_args()
    cols = ["elements", "unknown refs", "base_clean_s", "base_cpu_s", "new_clean_s", "new_cpu_s",
            "base ms/finding", "new ms/finding", "hints differ", "text lines (new)"]
    print(f"base: {args.base}; CPU seconds of one `kientruc check --no-cache -j 1 --format json` process each")
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    with tempfile.TemporaryDirectory() as tmp:
        base = _extract(args.base, Path(tmp) / "base")
        fixed: dict[int, tuple[float, float]] = {}  # elements -> CPU of a check without the extra file
        for pair in args.pairs:
            elements, unknown = (int(x) for x in pair.split(":"))
            root, ids = _model(Path(tmp), elements)
            if elements not in fixed:
                _unknowns(root, ids, 0)
                fixed[elements] = (_run(base, root)[0], _run(REPO, root)[0])
            _unknowns(root, ids, unknown)
            new_cpu, new_out = _run(REPO, root)
            new = json.loads(new_out)["findings"]
            per = lambda cpu, zero: f"{1000 * max(cpu - zero, 0) / max(unknown, 1):.2f}"  # noqa: E731
            if unknown <= args.base_max:
                base_cpu, base_out = _run(base, root)
                old = json.loads(base_out)["findings"]
                differ = sum(a.get("hint") != b.get("hint") for a, b in zip(old, new)) + abs(len(old) - len(new))
                base_cells = [f"{base_cpu:.2f}", per(base_cpu, fixed[elements][0])]
            else:
                base_cells, differ = ["not run", "–"], None
            _, text = _run(REPO, root, "text")
            print("| " + " | ".join([f"{elements:,}", f"{unknown:,}", f"{fixed[elements][0]:.2f}", base_cells[0],
                                     f"{fixed[elements][1]:.2f}", f"{new_cpu:.2f}", base_cells[1],
                                     per(new_cpu, fixed[elements][1]),
                                     "–" if differ is None else str(differ), str(text.count("\n"))]) + " |",
                  flush=True)


if __name__ == "__main__":
    main()
