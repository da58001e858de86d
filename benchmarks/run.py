"""Benchmark kientruc on synthetic architectures and print one table.

    python benchmarks/run.py                  # 1,000 / 10,000 / 100,000 elements
    python benchmarks/run.py --sizes 1000 10000

Each size is generated once (benchmarks/generate.py) into a temporary folder; every
measurement runs in a fresh Python process so that peak memory (max RSS) is that
stage's own. The *floor* is what any Python tool must pay for the same files:
parsing them with PyYAML's C loader and building a bare networkx graph of the
relations. Figures are ratios measured in one run on the machine at hand.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

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
t = time.perf_counter(); r = load(sys.argv[1]); assert r.ok
print(time.perf_counter() - t)
""",
    "check": r"""
import sys, time
from kientruc import check
t = time.perf_counter(); r = check(sys.argv[1]); assert r.exit_code in (0, 1), r.findings[:3]
print(time.perf_counter() - t)
""",
}


def run_stage(stage: str, root: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of one stage in a fresh process."""
    code = STAGES[stage] + (
        "\nimport resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, check=True)
    seconds, rss = out.stdout.split()[-2:]
    return float(seconds), float(rss)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            root = Path(tmp) / f"m{size}"
            t = time.perf_counter()
            n = generate(root, size)
            gen = time.perf_counter() - t
            row = {"elements": n, "generate_s": round(gen, 2)}
            for stage in STAGES:
                seconds, rss = run_stage(stage, root)
                row[f"{stage}_s"] = round(seconds, 2)
                row[f"{stage}_rss_mib"] = round(rss)
            row["check/floor"] = round(row["check_s"] / row["floor_s"], 2)
            rows.append(row)
            print(f"done {n} elements", file=sys.stderr)
    cols = ["elements", "floor_s", "load_s", "check_s", "check/floor", "floor_rss_mib", "check_rss_mib"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for row in rows:
        print("| " + " | ".join(f"{row[c]:,}" if isinstance(row[c], int) else str(row[c]) for c in cols) + " |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
