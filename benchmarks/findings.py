"""Findings stay cheap (issue 19, item 4): the cost of a check with many unknown references, before and after.

Two measurements:

* ``--linear N …`` (no ``--base``): the showcase model (or ``--model DIR``) plus one element whose
  ``associated_with`` lists N ids that do not exist, checked by ``kientruc check --no-cache -j 1 --lang en``
  (text report) as a whole process for each N, and once without the list; the table gives N, wall and
  CPU seconds, the seconds each 1,000 findings add (CPU with the list − CPU without, per 1,000), the
  report's lines and peak memory, and whether the text report listed the first screenful and grouped
  the rest by cause with the right counts. Two kinds of unknown ids: ``plain`` (``khong-co-000123``:
  no id is close) and ``close`` (a real id, ``x`` and a number: every one has close candidates, the
  hard case for the did-you-mean search, which looks for the first 5,000 distinct ones). The verdict is *linear* when the cost per 1,000 findings at the
  largest N is at most 1.5× that at the smallest:

      python benchmarks/findings.py --linear 25000 50000 100000 200000

* ``--base REV --pairs …``: before and after a change, as follows.

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
import shutil
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


def _run_whole(root: Path, extra: list[str]) -> dict:
    """``kientruc check`` of this working tree as a whole process: wall and CPU seconds, peak RSS, output."""
    from _proc import run_timed

    env = {**os.environ, "PYTHONPATH": str(REPO), "KIENTRUC_NO_CACHE": "1"}
    r = run_timed([sys.executable, "-c", "from kientruc.cli import main; main()", "check", str(root), "--no-cache",
                   "-j", "1", *extra], env=env, cwd=root.parent)
    if r["exit_code"] not in (0, 1):
        raise SystemExit(f"check failed ({r['exit_code']}): {r['output'][-2000:]}")
    return r


SCREENFUL_LINE = re.compile(r"^\S.*: (error|warning|info) [A-Z]+\d+ \[")
MORE = re.compile(r"^… ([\d,]+) more findings, by cause")
GROUP = re.compile(r"^ +([\d,]+) (error|warning|info) ([A-Z]+\d+) \[")


def grouped_report(text: str, unknown: int, screenful: int = 40) -> tuple[bool, str]:
    """Whether an English text report of ``check`` lists ``screenful`` findings in full, then one line per
    cause whose counts add up to the rest, with every one of the ``unknown`` STR001 findings counted
    (shown in full or in its group). Returns (ok, what was seen)."""
    lines = text.splitlines()
    shown = [ln for ln in lines if SCREENFUL_LINE.match(ln)]
    heads = [(i, MORE.match(ln)) for i, ln in enumerate(lines) if MORE.match(ln)]
    if len(heads) != 1:
        return False, f"{len(shown)} findings in full, no grouped part"
    at, head = heads[0]
    rest = int(head.group(1).replace(",", ""))
    groups = {}
    for ln in lines[at + 1:]:
        m = GROUP.match(ln)
        if not m:
            break
        groups[(m.group(2), m.group(3))] = int(m.group(1).replace(",", ""))
    str001 = groups.get(("error", "STR001"), 0) + sum(" error STR001 [" in ln for ln in shown)
    seen = (f"{len(shown)} in full, then {rest:,} in {len(groups)} group(s) "
            f"(STR001: {groups.get(('error', 'STR001'), 0):,})")
    ok = len(shown) == screenful and sum(groups.values()) == rest and str001 == unknown
    return ok, seen


def _linear(args: argparse.Namespace) -> None:
    """The ``--linear`` table (see the module's docstring)."""
    sizes = sorted(args.linear)
    cols = ["kind", "N", "seconds", "cpu_s", "s per 1,000 findings (CPU)", "s per 1,000 findings (wall)",
            "report lines", "peak MiB", "grouped report"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "m"
        shutil.copytree(args.model, root)
        ids = sorted(set(re.findall(r"(?m)^- id: ([a-z0-9-]+)$", "\n".join(
            p.read_text(encoding="utf-8") for p in root.rglob("*.yaml")))))
        extra = ["--lang", "en"]
        zero = _run_whole(root, extra)
        print(f"{args.model}: {len(ids)} ids; `kientruc check --no-cache -j 1 --lang en` (text) as a whole process, "
              f"one run each; without the list {zero['seconds']:.2f} s, {zero['cpu_s']:.2f} s CPU; "
              f"load average {os.getloadavg()[0]:.1f} at the start")
        print("| " + " | ".join(cols) + " |")
        print("|" + "---|" * len(cols))
        verdicts = []
        notes = []
        for kind in args.kinds:
            per: list[float] = []
            for n in sizes:
                _unknowns(root, ids, n, kind)
                r = _run_whole(root, extra)
                ok, seen = grouped_report(r["output"], n)
                per.append(1000 * (r["cpu_s"] - zero["cpu_s"]) / n)
                wall = 1000 * (r["seconds"] - zero["seconds"]) / n
                print("| " + " | ".join([kind, f"{n:,}", f"{r['seconds']:.2f}", f"{r['cpu_s']:.2f}", f"{per[-1]:.3f}",
                                         f"{wall:.3f}", f"{r['output'].count(chr(10)):,}", f"{r['rss_mib']:.0f}",
                                         ("yes: " if ok else "NO: ") + seen]) + " |", flush=True)
                verdicts.append(ok)
            growth = per[-1] / per[0] if per[0] > 0 else float("inf")
            linear = growth <= 1.5
            verdicts.append(linear)
            notes.append(f"{kind}: cost per 1,000 findings ×{growth:.2f} from {sizes[0]:,} to {sizes[-1]:,} findings: "
                         + ("linear" if linear else "NOT linear"))
        _unknowns(root, ids, 0)
    print("\n".join(["", *notes]))
    if not all(verdicts):
        raise SystemExit(1)


def _model(tmp: Path, elements: int) -> tuple[Path, list[str]]:
    root = tmp / f"m{elements}"
    if not root.exists():
        generate(root, elements)
    ids = sorted(set(re.findall(r"(?m)^- id: ([a-z0-9-]+)$", "\n".join(
        p.read_text(encoding="utf-8") for p in root.rglob("*.yaml")
        if p.name not in ("architecture.yaml", "nhieu.yaml")))))
    return root, ids


def _unknowns(root: Path, ids: list[str], unknown: int, kind: str = "typo") -> None:
    """Write (or with ``unknown=0`` remove) ``nhieu.yaml``: one element listing ``unknown`` ids that do not exist:
    ``typo`` (a real id with letters and a digit added: the more ids, the more letters), ``close`` (a real id,
    ``x`` and a number) or ``plain`` (``khong-co-000123``)."""
    extra = root / "nhieu.yaml"
    if not unknown:
        extra.unlink(missing_ok=True)
        return
    rnd = random.Random(1)
    lines = ["- id: nhieu-tham-chieu", "  kind: application", "  name: Hệ thống nhiều tham chiếu",
             "  associated_with:"]
    if kind == "plain":
        lines += [f"  - khong-co-{i:06d}" for i in range(unknown)]
    elif kind == "close":
        lines += [f"  - {rnd.choice(ids)}x{i}" for i in range(unknown)]
    else:
        lines += [f"  - {rnd.choice(ids)}{'x' * (1 + i // len(ids))}{i % 10}" for i in range(unknown)]
    extra.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--linear", type=int, nargs="+", default=None, metavar="N",
                    help="check with N unknown references for each N; print the cost per 1,000 findings")
    ap.add_argument("--kinds", nargs="+", choices=["plain", "close"], default=["plain", "close"],
                    help="with --linear: which unknown ids (default both)")
    ap.add_argument("--model", type=Path, default=REPO / "architecture", help="with --linear: the model (showcase)")
    ap.add_argument("--base", default=None, help="the git revision to compare with (before), e.g. 54a7e50")
    ap.add_argument("--pairs", nargs="+", default=["1000:1000", "10000:2000"],
                    help="ELEMENTS:UNKNOWN_REFERENCES pairs")
    ap.add_argument("--base-max", type=int, default=5000, help="run the base only up to this many unknown references")
    args = ap.parse_args()
    if args.linear:
        if any(n < 1 for n in args.linear):
            ap.error("--linear: N must be at least 1")
        if not (args.model / "architecture.yaml").is_file():
            ap.error(f"{args.model} is not a kientruc model folder (no architecture.yaml)")
        _linear(args)
        return
    if not args.base:
        ap.error("give --linear N … or --base REV")
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
