#!/usr/bin/env python3
"""Regenerate the merged province's parts of ``architecture/`` with ``kientruc merge`` (issue 15).

``architecture/`` is the model of tỉnh Quảng Trị for every day: Quảng Trị's own history (the hand-kept files
in the layer folders: ``quan-tri/``, ``ung-dung/``, …), and from 1/7/2025 the merged province of Quảng Bình and
Quảng Trị (NQ 202/2025/QH15). The merged province is not written by hand. This script:

1. copies Quảng Trị's hand-kept files (everything but the generated folders ``quang-binh/``, ``hop-nhat/`` and
   the hand-written target edition ``ke-hoach-2026-2030/``) into a temporary folder — the Quảng Trị predecessor;
2. runs ``kientruc merge <Quảng Trị> provinces/quang-binh --on 2025-07-01 --decided-on 2025-06-12
   --roadmap-from 2026-12-15`` into
   another temporary folder (``--decided-on``: Quảng Bình's elements are in the model from the day the
   National Assembly decided the merger, so ``--as-of 2018-10-09`` reads Quảng Trị's 2018 architecture exactly);
3. requires that the merge changes nothing on Quảng Trị's side but the dated ``province`` facts it adds (the
   hand-kept files hold what the merge adds there: the successor bodies' ownership of Quảng Bình's systems, the
   relations of the elements both models define) — otherwise it names each difference and stops;
4. writes the merge's ``quang-binh/`` (Quảng Bình's model as merged) and ``hop-nhat/`` (the merge's
   consolidation proposals and draft roadmap) into ``architecture/``, replacing what was there.

    python scripts/merge_quang_tri.py           # regenerate
    python scripts/merge_quang_tri.py --check   # exit 1 if the committed files are not what the merge writes

``tests/test_quang_tri_merged.py`` runs ``--check``: the merged part is provably the merge's output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARCH = ROOT / "architecture"
QUANG_BINH = ROOT / "provinces" / "quang-binh"
GENERATED = ("quang-binh", "hop-nhat")  # folders of architecture/ the merge writes
HAND_TARGET = ("ke-hoach-2026-2030",)  # the merged province's hand-written parts (decisions, target, roadmap)
MERGER_DAY = dt.date(2025, 7, 1)  # NQ 202/2025/QH15, in force
DECIDED_ON = dt.date(2025, 6, 12)  # NQ 202/2025/QH15, adopted
ROADMAP_FROM = dt.date(2026, 12, 15)  # the draft work packages start after the 2026–2030 draft (3/12/2026)


def _quang_tri_input(dest: Path) -> None:
    dest.mkdir(parents=True)
    for item in sorted(ARCH.iterdir()):
        if item.name in GENERATED + HAND_TARGET:
            continue
        if item.is_dir():
            shutil.copytree(item, dest / item.name)
        else:
            shutil.copy2(item, dest / item.name)


def _elements(root: Path) -> dict[str, dict]:
    import kientruc
    from kientruc.merge import _plain

    loaded = kientruc.load(root, cache=False, jobs=1)
    if loaded.architecture is None:
        raise SystemExit(f"{root} does not load")
    return {e.id: _plain(e.model_dump(mode="python", exclude_unset=True)) for e in loaded.architecture.elements}


def _quang_tri_differences(hand: Path, merged: Path) -> list[str]:
    """What the merge changed on Quảng Trị's side, besides the ``province`` facts."""
    before, after = _elements(hand), _elements(merged)
    out = [f"{i}: the merge drops it" for i in sorted(set(before) - set(after))]
    for i in sorted(set(before) & set(after)):
        a = {k: v for k, v in before[i].items() if k != "province"}
        b = {k: v for k, v in after[i].items() if k != "province"}
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                out.append(f"{i}.{key}: architecture/ has {a.get(key)!r}; the merge writes {b.get(key)!r}")
    return out


def _different(left: Path, right: Path) -> list[str]:
    """Files that differ between two folders (relative paths), both ways."""
    out: list[str] = []
    lf = {p.relative_to(left).as_posix() for p in left.rglob("*") if p.is_file()} if left.exists() else set()
    rf = {p.relative_to(right).as_posix() for p in right.rglob("*") if p.is_file()} if right.exists() else set()
    for rel in sorted(lf ^ rf):
        out.append(rel)
    for rel in sorted(lf & rf):
        if not filecmp.cmp(left / rel, right / rel, shallow=False):
            out.append(rel)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 when architecture/ differs")
    args = parser.parse_args(argv)

    from kientruc.merge import merge

    with tempfile.TemporaryDirectory(prefix="kientruc-merge-qt-") as tmp:
        tmp_path = Path(tmp)
        qt = tmp_path / "quang-tri"
        _quang_tri_input(qt)
        out = tmp_path / "out"
        result = merge([qt, QUANG_BINH], out, on=MERGER_DAY, decided_on=DECIDED_ON, name="Quảng Trị",
                       roadmap_from=ROADMAP_FROM)
        diffs = _quang_tri_differences(qt, out)
        if diffs:
            print("kientruc merge changes Quảng Trị's hand-kept files; write these into architecture/ first:")
            for d in diffs:
                print("  " + d)
            return 1
        stale = {name: _different(ARCH / name, out / name) for name in GENERATED}
        if args.check:
            bad = [f"architecture/{name}/{rel}" for name, rels in stale.items() for rel in rels]
            if bad:
                print("architecture/ is not what kientruc merge writes (run scripts/merge_quang_tri.py):")
                for b in bad:
                    print("  " + b)
                return 1
            print(f"architecture/{{{','.join(GENERATED)}}} is what kientruc merge writes "
                  f"({result.elements} elements, {len(result.twins)} twin sets)")
            return 0
        for name in GENERATED:
            if (ARCH / name).exists():
                shutil.rmtree(ARCH / name)
            shutil.copytree(out / name, ARCH / name)
        print(f"wrote architecture/{{{','.join(GENERATED)}}}: {result.elements} elements, "
              f"twin sets: {', '.join(t.function for t in result.twins)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
