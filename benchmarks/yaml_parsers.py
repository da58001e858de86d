"""YAML parsers on PyPI against PyYAML's C loader on a generated model (issue 19, item 3): speed, sameness, positions.

For a generated model (``generate.py``) every model file is parsed, in this one process, by each
parser that is installed (the others are listed as missing):

* ``pyyaml_c``: ``yaml.load(text, CSafeLoader)`` (Python objects, no positions): the reference;
* ``kientruc_pyyaml``: kientruc's PyYAML path (the C loader plus the position of every key and item,
  duplicate keys, the guards): what a cold load paid before the fast path;
* ``kientruc_fast``: :func:`kientruc.loader.parse_yaml` as it is (rapidyaml's tree walked into PyYAML's
  values and positions, PyYAML for what it declines);
* ``ryml_tree``: ``ryml.parse_in_arena`` (rapidyaml's tree only, no Python objects);
* ``ruamel_c``: ruamel.yaml's ``typ="safe"`` loader on its C parser (ruamel.yaml.clib, libyaml's code);
* ``ruamel_rt``: ruamel.yaml's round-trip loader, the one that keeps line and column (``.lc``);
* ``yaml_rs``: ``yaml_rs.loads`` (Rust, yaml-rs); ``fast_yaml``: ``fast_yaml.safe_load`` (Rust,
  fastyaml-rs); ``libfyaml``: ``libfyaml.loads(...).to_python()`` (libfyaml's bindings).

For each it says whether the position of every key and item can be had from its Python API, and on
how many files its values are identical to PyYAML's (types included: ``2024-12-31`` a date, ``yes``
a bool). Seconds are the best of three, CPU time of this process, one run.

    python benchmarks/yaml_parsers.py --elements 10000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from generate import generate  # noqa: E402

from kientruc.loader import fastyaml  # noqa: E402
from kientruc.loader.positions import _parse_with_pyyaml, parse_yaml  # noqa: E402
from kientruc.loader.read import read_text  # noqa: E402


def _same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return [(type(k), k) for k in a] == [(type(k), k) for k in b] and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b or (a != a and b != b)


def _candidates() -> dict[str, tuple[Callable[[str], Any] | None, str]]:
    """name -> (text -> Python values, or None if not installed; where positions come from)."""
    out: dict[str, tuple[Callable[[str], Any] | None, str]] = {
        "pyyaml_c": (lambda t: yaml.load(t, Loader=yaml.CSafeLoader), "no (yaml.compose gives node marks, at ~2× the time)"),
        "kientruc_pyyaml": (lambda t: _parse_with_pyyaml(t, "x.yaml")[0].data, "yes (every key, item, collection)"),
        "kientruc_fast": (lambda t: parse_yaml(t, "x.yaml")[0].data, "yes (the same, from rapidyaml's views)"),
    }
    try:
        import ryml

        out["ryml_tree"] = (lambda t: ryml.parse_in_arena(t.encode()), "no API; its views into the buffer give byte offsets")
    except ImportError:
        out["ryml_tree"] = (None, "not installed")
    try:
        from ruamel.yaml import YAML

        safe = YAML(typ="safe", pure=False)
        rt = YAML(typ="rt")
        c_parser = "CParser" in type(safe).__dict__.get("Parser", safe.Parser).__name__
        out["ruamel_c"] = (safe.load, "no" + ("" if c_parser else " (no C parser: pure Python)"))
        out["ruamel_rt"] = (rt.load, "yes (.lc.key(k), .lc.item(i)); CommentedMap, not dict")
    except ImportError:
        out["ruamel_c"] = out["ruamel_rt"] = (None, "not installed")
    try:
        import yaml_rs

        out["yaml_rs"] = (yaml_rs.loads, "no")
    except ImportError:
        out["yaml_rs"] = (None, "not installed")
    try:
        import fast_yaml

        out["fast_yaml"] = (fast_yaml.safe_load, "no")
    except ImportError:
        out["fast_yaml"] = (None, "not installed")
    try:
        import libfyaml

        out["libfyaml"] = (lambda t: libfyaml.loads(t).to_python(), "no (paths, not places)")
    except ImportError:
        out["libfyaml"] = (None, "not installed")
    return out


def _best(fn: Callable[[str], Any], texts: list[str]) -> float:
    times = []
    for _ in range(3):
        t = time.process_time()
        for text in texts:
            fn(text)
        times.append(time.process_time() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--elements", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "m"
        n = generate(root, args.elements)
        paths = sorted(root.rglob("*.yaml"))
        texts = [read_text(p, p.name)[0] for p in paths]
    size = sum(len(t.encode()) for t in texts)
    reference = [yaml.load(t, Loader=yaml.CSafeLoader) for t in texts]
    fast_taken = sum(fastyaml.parse_fast(t, "x.yaml") is not None for t in texts)
    print(f"{n:,} elements, {len(paths)} files, {size / 2**20:.1f} MiB; best of 3, CPU seconds, one run; "
          f"the fast path took {fast_taken} of {len(paths)} files")
    print("| parser | seconds | × pyyaml_c | values identical to PyYAML's | line and column of keys and items |")
    print("|---|---|---|---|---|")
    base = None
    for name, (fn, where) in _candidates().items():
        if fn is None:
            print(f"| {name} | – | – | – | {where} |")
            continue
        try:
            seconds = _best(fn, texts)
        except Exception as exc:  # noqa: BLE001 - a parser that fails on the model: say so
            print(f"| {name} | fails: {type(exc).__name__} | – | – | {where} |")
            continue
        base = base or seconds
        if name == "ryml_tree":
            same = "– (a tree, not values)"
        else:
            same = f"{sum(_same(fn(t), r) for t, r in zip(texts, reference))} of {len(texts)}"
        print(f"| {name} | {seconds:.3f} | {seconds / base:.2f} | {same} | {where} |")


if __name__ == "__main__":
    main()
