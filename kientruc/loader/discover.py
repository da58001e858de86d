"""Which files make the model: the model files below the folder, and how a file is named in findings.

Hidden entries, the manifest and the manifest's ``exclude`` patterns are skipped; a link
is never followed (inside the folder its target is read already; a link that leads
outside, or loops, is reported); a folder that cannot be read is reported.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Iterable

from ..findings import Finding
from ..loaded import MANIFEST
from .problems import _load_finding
from ..i18n import msg

MODEL_SUFFIXES = (".yaml", ".yml")


def find_model_files(root: Path, exclude: Iterable[str] = ()) -> tuple[list[Path], list[Finding]]:
    """Every model file below ``root``, sorted, skipping hidden entries and the manifest."""
    files: list[Path] = []
    problems: list[Finding] = []
    root_real = root.resolve()
    patterns = list(exclude)
    def unreadable(exc: OSError) -> None:  # os.walk would skip the folder without a word
        where = _display(Path(exc.filename), root) if exc.filename else _display(root, root)
        problems.append(
            _load_finding("LOAD005", msg("cannot read the folder: {error}", error=str(exc.strerror or exc)), where, 1,
                          hint=msg("give kientruc read access to it, or move it out of the model folder"))
        )

    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=unreadable):
        base = Path(dirpath)
        keep = []
        for d in sorted(dirnames):
            full = base / d
            if d.startswith("."):
                continue
            if full.is_symlink():  # never followed: inside, its files are read already
                problems.extend(_check_link(full, root, root_real))
                continue
            keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            if name.startswith(".") or not name.endswith(MODEL_SUFFIXES):
                continue
            full = base / name
            rel = full.relative_to(root).as_posix()
            if rel == MANIFEST or any(fnmatch.fnmatch(rel, p) for p in patterns):
                continue
            if full.is_symlink():  # a link inside the folder names a file read already
                problems.extend(_check_link(full, root, root_real))
                continue
            files.append(full)
    files.sort(key=lambda p: p.relative_to(root).as_posix())
    return files, problems


def _display(path: Path, root: Path) -> str:
    """How a file is named in findings: relative to the working folder where possible."""
    rel = os.path.relpath(os.path.abspath(path))
    if not rel.startswith(".."):
        return Path(rel).as_posix()
    return Path(os.path.abspath(path)).as_posix()


def _check_link(path: Path, root: Path, root_real: Path) -> list[Finding]:
    try:
        target = path.resolve(strict=False)
    except (OSError, RuntimeError) as exc:  # a link that loops (Python < 3.13 raises RuntimeError)
        return [
            _load_finding(
                "LOAD005",
                msg("'{path}' is a link that cannot be followed ({error}); it was not read", path=path.relative_to(root).as_posix(), error=str(exc)),
                _display(path, root),
                1,
                hint=msg("remove the link, or point it at a file inside the model folder"),
            )
        ]
    try:
        target.relative_to(root_real)
    except ValueError:
        return [
            _load_finding(
                "LOAD010",
                msg("'{path}' is a link to '{target}', outside the model folder; it was not read", path=path.relative_to(root).as_posix(), target=str(target)),
                _display(path, root),
                1,
                hint=msg("copy the file into the model folder instead of linking to it"),
            )
        ]
    return []
