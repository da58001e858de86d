"""rapidyaml (``ryml``) against PyYAML's C loader on a generated model (issue 19, item 3): speed and sameness.

For a generated model (``generate.py``) every model file is parsed, in this one process, by:

* ``pyyaml_c``: ``yaml.load(text, CSafeLoader)`` (Python objects, no positions);
* ``kientruc``: :func:`kientruc.loader.parse_yaml` (the C loader plus the position of every key and item,
  duplicate keys and the guards: what a cold load pays);
* ``ryml_tree``: ``ryml.parse_in_arena`` (rapidyaml's tree only, no Python objects);
* ``ryml_py``: the tree, then converted to Python objects by a walk over it (keys and values as text; its
  Python API gives no typed scalars, no line and column: what adopting it would still have to add).

It then says on how many files the ``ryml_py`` objects are identical to PyYAML's (they are not expected
to be: PyYAML resolves ``2024-12-31`` to a date, ``3`` to an int, ``yes`` to a bool; the walk keeps text),
and on how many of the bad inputs of ``tests/bad/`` both parsers agree on accepting or rejecting.
Seconds are the best of three, wall clock, one run.

    python benchmarks/yaml_parsers.py --elements 10000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from generate import generate  # noqa: E402

from kientruc.loader import parse_yaml  # noqa: E402


def _ryml_py(tree, node):  # noqa: ANN001
    if tree.is_map(node):
        out = {}
        child = tree.first_child(node)
        while child != -1 and child is not None and child < tree.size():
            out[bytes(tree.key(child)).decode()] = _ryml_py(tree, child)
            child = tree.next_sibling(child)
        return out
    if tree.is_seq(node):
        items = []
        child = tree.first_child(node)
        while child != -1 and child is not None and child < tree.size():
            items.append(_ryml_py(tree, child))
            child = tree.next_sibling(child)
        return items
    if tree.has_val(node):
        return None if tree.val_is_null(node) else bytes(tree.val(node)).decode()
    return None


def _best(fn, texts) -> float:  # noqa: ANN001
    times = []
    for _ in range(3):
        t = time.perf_counter()
        for text in texts:
            fn(text)
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    import ryml

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--elements", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "m"
        n = generate(root, args.elements)
        paths = sorted(p for p in root.rglob("*.yaml") if p.name != "architecture.yaml")
        texts = [p.read_text(encoding="utf-8") for p in paths]
        raw = [t.encode() for t in texts]
        size = sum(len(b) for b in raw)
        rows = {
            "pyyaml_c": _best(lambda t: yaml.load(t, Loader=yaml.CSafeLoader), texts),
            "kientruc": _best(lambda t: parse_yaml(t, "x.yaml"), texts),
            "ryml_tree": _best(lambda b: ryml.parse_in_arena(b), raw),
            "ryml_py": _best(lambda b: _ryml_py(t := ryml.parse_in_arena(b), t.root_id()), raw),
        }
        same = sum(yaml.load(t, Loader=yaml.CSafeLoader) == _ryml_py(tr := ryml.parse_in_arena(b), tr.root_id())
                   for t, b in zip(texts, raw))
    bad = sorted(p for p in (REPO / "tests" / "bad").rglob("*.yaml") if p.is_file() and p.stat().st_size < 2**20)
    agree = 0
    for p in bad:
        data = p.read_bytes()
        try:
            yaml.load(data.decode("utf-8-sig"), Loader=yaml.CSafeLoader)
            py_ok = True
        except Exception:  # noqa: BLE001 - any rejection
            py_ok = False
        try:
            ryml.parse_in_arena(data)
            ry_ok = True
        except Exception:  # noqa: BLE001
            ry_ok = False
        agree += py_ok == ry_ok
    print(f"{n:,} elements, {len(paths)} files, {size / 2**20:.1f} MiB; best of 3, seconds, one run")
    print("| parser | seconds | × pyyaml_c |")
    print("|---|---|---|")
    for name, s in rows.items():
        print(f"| {name} | {s:.3f} | {s / rows['pyyaml_c']:.2f} |")
    print(f"ryml_py objects identical to PyYAML's: {same} of {len(paths)} files")
    print(f"bad inputs (tests/bad/**/*.yaml) accepted or rejected alike: {agree} of {len(bad)}")


if __name__ == "__main__":
    main()
