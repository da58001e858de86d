"""Two trees of kientruc on the same model, side by side: whole ``kientruc check`` processes, alternating.

    python benchmarks/paired.py cold MODEL ROUNDS --old /path/to/base --new . [-- extra check arguments]
    python benchmarks/paired.py warm MODEL ROUNDS --old /path/to/base --new . --edit REL/PATH.yaml
    python benchmarks/paired.py warm MODEL ROUNDS --old /path/to/base --new .     # unchanged: the same check again

``cold``: ``kientruc check --no-cache MODEL`` with each tree's code (``PYTHONPATH``), old then new in even
rounds and new then old in odd ones, so that a machine getting busier or quieter weighs on both alike.
``warm``: each tree gets a cache of its own, filled first; each round changes the first ``name:`` of the file
``--edit`` (and restores it at the end), then re-checks with both; without ``--edit``, the model is re-checked unchanged. Prints, per tree, the medians of the wall
time, the CPU time (user + system of the process and the parsing processes it waited for) and the peak
resident memory (``/usr/bin/time``), and whether both trees printed the same report in every round.
On a shared machine read the CPU seconds: wall time grows with the load, CPU time much less.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def run(tree: str, args: list[str], cache_dir: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIENTRUC_")}
    env["PYTHONPATH"] = tree
    if cache_dir:
        env["KIENTRUC_CACHE_DIR"] = cache_dir
    started = time.perf_counter()
    # -P: `python -m` would otherwise put the working folder first on sys.path, and run the kientruc found
    # there (the new tree, when run from it) whatever PYTHONPATH says
    p = subprocess.run(["/usr/bin/time", "-f", "TIME %e %U %S %M", sys.executable, "-P", "-m", "kientruc", *args],
                       env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    m = re.search(r"TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)", p.stderr)
    assert m, p.stderr[-500:]
    return {"rc": p.returncode, "wall": wall, "cpu": float(m[2]) + float(m[3]), "rss_mib": int(m[4]) / 1024,
            "out": p.stdout}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", choices=["cold", "warm"])
    ap.add_argument("model")
    ap.add_argument("rounds", type=int)
    ap.add_argument("--old", required=True)
    ap.add_argument("--new", required=True)
    ap.add_argument("--edit", help="warm: the model file (relative to MODEL) edited before each re-check")
    ap.add_argument("extra", nargs="*")
    opts = ap.parse_args()
    trees = {"old": os.path.abspath(opts.old), "new": os.path.abspath(opts.new)}
    res: dict[str, list[dict]] = {"old": [], "new": []}
    tmp = tempfile.mkdtemp(prefix="kientruc-paired-")
    caches = {t: os.path.join(tmp, t) for t in trees}
    path, text = "", None
    if opts.what == "warm" and opts.edit:
        path = os.path.join(opts.model, opts.edit)
        with open(path, encoding="utf-8") as fh:  # before anything runs: a wrong --edit fails at once
            text = fh.read()
    try:
        if opts.what == "warm":
            for t in trees:
                run(trees[t], ["check", opts.model, *opts.extra], caches[t])  # fill
        for i in range(opts.rounds):
            if opts.what == "warm" and text is not None:
                edited = re.sub(r"(\n  name: )([^\n]*)", lambda m: m[1] + m[2] + (" x" if i % 2 == 0 else ""),
                                text or "", count=1)
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(edited)
            for t in (("old", "new") if i % 2 == 0 else ("new", "old")):
                args = ["check", opts.model, *opts.extra] if opts.what == "warm" else \
                    ["check", "--no-cache", opts.model, *opts.extra]
                res[t].append(run(trees[t], args, caches[t] if opts.what == "warm" else None))
    finally:
        if text is not None:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
        shutil.rmtree(tmp, ignore_errors=True)
    summary = {t: {k: round(statistics.median(r[k] for r in rs), 2) for k in ("wall", "cpu", "rss_mib")}
               for t, rs in res.items()}
    same = all(a["out"] == b["out"] and a["rc"] == b["rc"] for a, b in zip(res["old"], res["new"]))
    print(json.dumps({"what": opts.what, "model": opts.model, "rounds": opts.rounds, **summary,
                      "same_output": same, "load_average": round(os.getloadavg()[0], 1)}))


if __name__ == "__main__":
    main()
