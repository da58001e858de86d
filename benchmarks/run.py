"""Benchmark kientruc on synthetic architectures and print one table.

    python benchmarks/run.py                  # 1,000 / 10,000 / 100,000 elements
    python benchmarks/run.py --sizes 1000 10000

Each size is generated once (benchmarks/generate.py) into a temporary folder; every
measurement runs in a fresh Python process so that peak memory (max RSS) is that
stage's own. The *floor* is what any Python tool must pay for the same files:
parsing them with PyYAML's C loader and building a bare networkx graph of the
relations. Figures are ratios measured in one run on the machine at hand.

check is cold (the load cache off); fill is the first check with the cache on (it
writes the entries); recheck is a check after editing one file (one file parsed
again, the others from the cache). overview (`kientruc diagram overview`) and site
(`kientruc build`, up to --site-max elements) are whole commands, interpreter start
included. The cache lives in the run's temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

ENV = dict(os.environ)

STAGES = {
    "floor": r"""
import gc, sys, time, yaml, networkx as nx
from pathlib import Path
root = Path(sys.argv[1])
t = time.perf_counter()
gc.disable()
data = [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for p in sorted(root.rglob("*.yaml")) if p.name != "architecture.yaml"]
g = nx.MultiDiGraph()
for els in data:
    for e in els or []:
        g.add_node(e["id"])
        for k, v in e.items():
            if isinstance(v, list):
                for item in v:
                    if isinstance(item, str):
                        g.add_edge(e["id"], item, key=k)
                    elif isinstance(item, dict) and "target" in item:
                        g.add_edge(e["id"], item["target"], key=k)
print(time.perf_counter() - t)
""",
    "load": r"""
import sys, time
from kientruc import load
t = time.perf_counter(); r = load(sys.argv[1], cache=False); assert r.ok
print(time.perf_counter() - t)
""",
    # cold: the cache off, every file parsed (what `kientruc check --no-cache` costs)
    "check": r"""
import sys, time
from kientruc import check
t = time.perf_counter(); r = check(sys.argv[1], cache=False); assert r.exit_code in (0, 1), r.findings[:3]
print(time.perf_counter() - t)
""",
    # the first check with the cache on: every file parsed, and its entry written
    "fill": r"""
import sys, time
from kientruc import check
t = time.perf_counter(); r = check(sys.argv[1], cache=True); assert r.exit_code in (0, 1), r.findings[:3]
print(time.perf_counter() - t)
""",
    # after "fill" and an edit of one file: one file parsed, the rest from the cache
    "recheck": r"""
import sys, time
from kientruc import check
t = time.perf_counter(); r = check(sys.argv[1], cache=True); assert r.exit_code in (0, 1), r.findings[:3]
print(time.perf_counter() - t)
""",
}

CLI = {
    # whole commands, wall time of the process (interpreter start included)
    "overview": lambda root, tmp: ["diagram", "overview", "-d", str(root), "-o", str(tmp / "overview.svg")],
    "site": lambda root, tmp: ["build", str(root), "--out", str(tmp / "site")],
}
SITE_MAX = 10_000


def run_stage(stage: str, root: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of one stage in a fresh process."""
    code = STAGES[stage] + (
        "\nimport resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, check=True, env=ENV)
    seconds, rss = out.stdout.split()[-2:]
    return float(seconds), float(rss)


def run_cli(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB, of the largest process) of one `kientruc` command."""
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run([sys.executable, '-m', 'kientruc.cli', *sys.argv[1:]], capture_output=True, text=True)\n"
        "s = time.perf_counter() - t\n"
        "assert p.returncode in (0, 1), p.stderr[-2000:]\n"
        "print(s, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, env=ENV)
    seconds, rss = out.stdout.split()[-2:]
    return float(seconds), float(rss)


def touch_one_file(root: Path) -> Path:
    """Edit one model file (a name changes) the way a person would between two checks."""
    files = sorted(p for p in root.rglob("*.yaml") if p.name != "architecture.yaml")
    victim = files[len(files) // 2]
    text = victim.read_text(encoding="utf-8")
    victim.write_text(text.replace("name: ", "name: Sửa ", 1), encoding="utf-8")
    return victim


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    ap.add_argument("--site-max", type=int, default=SITE_MAX, help="build the site only up to this size")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        ENV["KIENTRUC_CACHE_DIR"] = str(Path(tmp) / "cache")  # a cache of its own, empty at first
        ENV.pop("KIENTRUC_NO_CACHE", None)
        for size in args.sizes:
            root = Path(tmp) / f"m{size}"
            t = time.perf_counter()
            n = generate(root, size)
            gen = time.perf_counter() - t
            row: dict = {"elements": n, "generate_s": round(gen, 2)}
            for stage in STAGES:
                if stage == "recheck":
                    touch_one_file(root)
                seconds, rss = run_stage(stage, root)
                row[f"{stage}_s"] = round(seconds, 2)
                row[f"{stage}_rss_mib"] = round(rss)
                print(f"  {n}: {stage} {seconds:.2f} s, {rss:.0f} MiB", file=sys.stderr)
            for name, argv in CLI.items():
                if name == "site" and size > args.site_max:
                    row["site_s"] = row["site_rss_mib"] = "–"
                    continue
                out = Path(tmp) / f"out{size}"
                out.mkdir(exist_ok=True)
                seconds, rss = run_cli(argv(root, out))
                row[f"{name}_s"] = round(seconds, 2)
                row[f"{name}_rss_mib"] = round(rss)
                print(f"  {n}: {name} {seconds:.2f} s, {rss:.0f} MiB", file=sys.stderr)
            row["check/floor"] = round(row["check_s"] / row["floor_s"], 2)
            row["cold/recheck"] = round(row["check_s"] / row["recheck_s"], 2)
            rows.append(row)
            print(f"done {n} elements", file=sys.stderr)
    cols = [
        "elements", "floor_s", "load_s", "check_s", "check/floor", "fill_s", "recheck_s", "cold/recheck",
        "overview_s", "site_s", "floor_rss_mib", "check_rss_mib", "site_rss_mib",
    ]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for row in rows:
        print("| " + " | ".join(f"{row[c]:,}" if isinstance(row[c], int) else str(row[c]) for c in cols) + " |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
