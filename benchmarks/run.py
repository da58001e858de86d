"""Benchmark kientruc on synthetic architectures and print one table.

    python benchmarks/run.py                          # 1,000 / 10,000 / 100,000 elements
    python benchmarks/run.py --sizes 1000 10000
    python benchmarks/run.py --sizes 10000 50000 --likec4 /work/likec4   # side by side with LikeC4
    python benchmarks/run.py --sizes 1000 10000 --archi /work/archi-venv  # side by side with archi-cli

Each size is generated once (benchmarks/generate.py: provinces copied from the Quảng Trị
model, clean under the rules) into a temporary folder; every measurement runs in a fresh
Python process, so that peak memory (max RSS) is that stage's own. The *floor* is what
any Python tool must pay for the same files: parsing them with PyYAML's C loader (the
garbage collector off) and building a bare networkx graph of the relations, in one
process. Figures are ratios measured in one run on the machine at hand.

Stages (seconds; see docs/performance.md):

* floor       the floor, as above;
* load1       ``kientruc.load`` with the cache off, in one process (read, NFC, parse with
              positions, validate);
* check1      a cold check (cache off) in one process: load, graph, every rule;
* check       a cold check as ``kientruc check --no-cache`` runs it: the files parsed by one
              process per CPU; its load / graph / rules split follows;
* fill        the first check with the cache on (every file parsed, entries written);
* recheck     a check after editing one file: that file parsed, the others from the cache;
* overview    drawing the overview diagram of the loaded model: the view computed and
              collapsed, the DOT written, Graphviz's layout to SVG;
* overview_cmd ``kientruc diagram overview`` as a whole command (start-up, cache warm);
* site        ``kientruc build`` as a whole command (up to --site-max elements);
* likec4      with --likec4: ``likec4 validate`` on the same model converted to LikeC4
              (benchmarks/likec4.py), without and with its layout check (up to --likec4-max);
* archi       with --archi: ``archi validate`` (archi-cli) on the same model converted to
              Archi's ``.archimate`` (benchmarks/archi.py), with and without the elements'
              documentation and properties, timed beside ``kientruc check --no-cache`` as
              whole processes in alternating rounds (up to --archi-max).
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

from archi import COLUMNS as ARCHI_COLUMNS, table  # noqa: E402
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
        if isinstance(e.get("owner"), str):
            g.add_edge(e["owner"], e["id"], key="owns")
print(json.dumps({"s": time.perf_counter() - t}))
""",
    "load1": r"""
from kientruc import load
t = time.perf_counter(); r = load(sys.argv[1], cache=False, jobs=1); assert r.ok
print(json.dumps({"s": time.perf_counter() - t}))
""",
    "check1": r"""
from kientruc import check
t = time.perf_counter(); r = check(sys.argv[1], cache=False, jobs=1); assert r.exit_code in (0, 1), r.findings[:3]
print(json.dumps({"s": time.perf_counter() - t}))
""",
    "check": r"""
from kientruc import check
t = time.perf_counter(); r = check(sys.argv[1], cache=False); assert r.exit_code in (0, 1), r.findings[:3]
s = time.perf_counter() - t
tm = r.timings
print(json.dumps({"s": s, "load": tm["load"], "graph": tm["graph"], "rules": tm["rules"], "exit": r.exit_code,
                  "errors": sum(f.severity.label == "error" for f in r.findings),
                  "warnings": sum(f.severity.label == "warning" for f in r.findings)}))
""",
    "fill": r"""
from kientruc import check
t = time.perf_counter(); r = check(sys.argv[1], cache=True); assert r.exit_code in (0, 1), r.findings[:3]
print(json.dumps({"s": time.perf_counter() - t}))
""",
    "recheck": r"""
from kientruc import check
t = time.perf_counter(); r = check(sys.argv[1], cache=True); assert r.exit_code in (0, 1), r.findings[:3]
print(json.dumps({"s": time.perf_counter() - t, "load": r.timings["load"], "rules": r.timings["rules"]}))
""",
    "overview": r"""
import datetime as dt
from kientruc import load
from kientruc.graph import build_graph
from kientruc.renderers.diagrams import render
from kientruc.views import compute_view
graph = build_graph(load(sys.argv[1]).architecture, dt.date.today())
t = time.perf_counter()
view = compute_view(graph, "overview")
svg = render(view, "svg")
print(json.dumps({"s": time.perf_counter() - t, "nodes": len(view.nodes), "elements": view.elements}))
""",
}
PRELUDE = "import json, sys, time\n"
RSS = "\nimport resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"

CLI = {
    # whole commands, wall time of the process (interpreter start included)
    "overview_cmd": lambda root, tmp: ["diagram", "overview", "-d", str(root), "-o", str(tmp / "overview.svg")],
    "site": lambda root, tmp: ["build", str(root), "--out", str(tmp / "site")],
}
SITE_MAX = 10_000
LIKEC4_MAX = 50_000
ARCHI_MAX = 50_000


def run_stage(stage: str, root: Path) -> tuple[dict, float]:
    """What one stage printed (its seconds and more) and its peak RSS (MiB), in a fresh process."""
    code = PRELUDE + STAGES[stage] + RSS
    out = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, env=ENV)
    if out.returncode != 0:
        raise SystemExit(f"stage {stage} failed:\n{out.stderr[-3000:]}")
    lines = out.stdout.strip().splitlines()
    return json.loads(lines[-2]), float(lines[-1])


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


def log(msg: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def bench_size(size: int, tmp: Path, args: argparse.Namespace) -> dict:
    root = tmp / f"m{size}"
    t = time.perf_counter()
    n = generate(root, size)
    row: dict = {"elements": n, "generate_s": round(time.perf_counter() - t, 2),
                 "files": sum(1 for _ in root.rglob("*.yaml")) - 1}
    for stage in STAGES:
        if stage == "recheck":
            touch_one_file(root)
        data, rss = run_stage(stage, root)
        row[f"{stage}_s"] = round(data.pop("s"), 2)
        row[f"{stage}_rss_mib"] = round(rss)
        for k, v in data.items():
            row[f"{stage}_{k}"] = round(v, 2) if isinstance(v, float) else v
        log(f"{n}: {stage} {row[f'{stage}_s']:.2f} s, {rss:.0f} MiB {data or ''}")
    for name, argv in CLI.items():
        if name == "site" and size > args.site_max:
            row["site_s"] = row["site_rss_mib"] = "–"
            continue
        out = tmp / f"out{size}"
        out.mkdir(exist_ok=True)
        seconds, rss = run_cli(argv(root, out))
        row[f"{name}_s"] = round(seconds, 2)
        row[f"{name}_rss_mib"] = round(rss)
        log(f"{n}: {name} {seconds:.2f} s, {rss:.0f} MiB")
    row["check/floor"] = round(row["check_s"] / row["floor_s"], 2)
    row["check1/floor"] = round(row["check1_s"] / row["floor_s"], 2)
    row["cold/recheck"] = round(row["check_s"] / row["recheck_s"], 2)
    if args.likec4 and size <= args.likec4_max:
        from likec4 import convert, validate

        work = tmp / f"lk{size}"
        counts = convert(root, work / "c4")
        row["likec4_elements"], row["likec4_relations"] = counts.get("elements"), counts.get("relations")
        r = validate(work / "c4", args.likec4, timeout=args.likec4_timeout, heap_mib=args.likec4_heap,
                     extra=["--no-layout"], log=work / "likec4-nolayout.log")
        row["likec4_nolayout_s"] = r["seconds"] if r["outcome"] in ("valid",) else f"{r['outcome']} after {r['seconds']} s"
        row["likec4_nolayout_rss_mib"] = r["rss_mib"]
        log(f"{n}: likec4 validate --no-layout {r['seconds']} s, {r['rss_mib']} MiB, {r['outcome']}")
        if size <= args.likec4_layout_max:
            r = validate(work / "c4", args.likec4, timeout=args.likec4_timeout, heap_mib=args.likec4_heap,
                         log=work / "likec4-layout.log")
            row["likec4_s"] = r["seconds"] if r["outcome"] == "valid" else f"{r['outcome']} after {r['seconds']} s"
            row["likec4_rss_mib"] = r["rss_mib"]
            log(f"{n}: likec4 validate {r['seconds']} s, {r['rss_mib']} MiB, {r['outcome']}")
        for key in ("likec4_nolayout_s", "likec4_s"):
            if isinstance(row.get(key), float):
                row[key.replace("_s", "/check")] = round(row[key] / row["check_s"], 1)
    if args.archi_cmd and size <= args.archi_max:
        from archi import run_archi

        r = run_archi(root, tmp / f"archi{size}", args.archi_cmd, pairs=args.archi_pairs, log=log)
        r.pop("elements")
        row.update({k if k.startswith(("archi", "kientruc", "loadavg", "relations", "pairs")) else f"archi_{k}": v
                    for k, v in r.items() if k not in ("types",)})
    return row


COLUMNS = [
    "elements", "files", "floor_s", "load1_s", "check1_s", "check1/floor", "check_s", "check/floor",
    "check_load", "check_graph", "check_rules", "fill_s", "recheck_s", "cold/recheck", "overview_s",
    "overview_nodes", "overview_cmd_s", "site_s", "floor_rss_mib", "check_rss_mib", "recheck_rss_mib", "site_rss_mib",
]
LIKEC4_COLUMNS = ["elements", "check_s", "check_rss_mib", "likec4_nolayout_s", "likec4_nolayout/check",
                  "likec4_nolayout_rss_mib", "likec4_s", "likec4/check", "likec4_rss_mib"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    ap.add_argument("--site-max", type=int, default=SITE_MAX, help="build the site only up to this size")
    ap.add_argument("--likec4", type=Path, default=None,
                    help="a folder with node_modules/likec4 and node@22: also time `likec4 validate`")
    ap.add_argument("--likec4-max", type=int, default=LIKEC4_MAX, help="run LikeC4 only up to this size")
    ap.add_argument("--likec4-layout-max", type=int, default=10_000,
                    help="run LikeC4's default mode (with its layout check) only up to this size")
    ap.add_argument("--likec4-heap", type=int, default=None, help="Node heap limit in MiB (--max-old-space-size)")
    ap.add_argument("--likec4-timeout", type=float, default=1800)
    ap.add_argument("--archi", default=None,
                    help="archi-cli's virtual environment (holds bin/archi) or the archi program: also time "
                         "`archi validate` beside `kientruc check --no-cache` (benchmarks/archi.py)")
    ap.add_argument("--archi-max", type=int, default=ARCHI_MAX, help="run archi-cli only up to this size")
    ap.add_argument("--archi-pairs", type=int, default=3, help="rounds of kientruc and archi-cli runs (default 3)")
    args = ap.parse_args()
    args.archi_cmd = None
    if args.archi:
        from archi import ArchiMissing, archi_command

        try:
            args.archi_cmd = archi_command(args.archi)
        except ArchiMissing as exc:
            print(f"error: {exc}", file=sys.stderr)
            raise SystemExit(2) from None
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        ENV["KIENTRUC_CACHE_DIR"] = str(Path(tmp) / "cache")  # a cache of its own, empty at first
        ENV.pop("KIENTRUC_NO_CACHE", None)
        ENV.pop("KIENTRUC_JOBS", None)
        for size in args.sizes:
            rows.append(bench_size(size, Path(tmp), args))
            log(f"done {rows[-1]['elements']} elements")
            if args.json:
                args.json.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"kientruc benchmark, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print(table(rows, COLUMNS))
    if args.likec4:
        print()
        print(table(rows, LIKEC4_COLUMNS))
    if args.archi_cmd:
        version = next((r["archi_version"] for r in rows if "archi_version" in r), "archi-cli")
        print()
        print(f"{version} `validate` beside `kientruc check --no-cache`, whole processes, medians of "
              f"{args.archi_pairs} rounds (wall seconds; kientruc/archi < 1: kientruc is faster)")
        print(table(rows, ARCHI_COLUMNS))


if __name__ == "__main__":
    main()
