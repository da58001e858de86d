"""Incremental re-checks: a model folder kept in memory, re-parsing only the files that changed and re-running
only the rules, and only on the elements, that a change can affect.

A :class:`Workspace` holds what loading each model file gave (its *part*: elements, their
positions, its load findings, the relations it writes), keyed by the file and the file's
signature on disk (size and modification time) or the editor's text for it. :meth:`Workspace.check`
lists the model's files again (so added, renamed and deleted files are seen), re-parses only the
files whose signature or text changed, and hands every part to :func:`kientruc.loader.load`, which
assembles the model exactly as a cold load does (the manifest is read from disk each time: it is
small).

Comparing each re-parsed file's elements and written relations with the last ones gives the ids
*changed* (added, removed or modified) and those *moved* (every id of a file read again: its lines may
have shifted). The rules then run through :func:`kientruc.pipeline.verdict` with a
:class:`kientruc.validators.engine.Reuse` that remembers the last check: a rule declared
``@rule(scope="element", radius=R)`` (see :data:`kientruc.validators.registry.SCOPES`) runs again only on
the elements within ``R`` relations of a changed one, in the graph before or after the change, with the
whole composite systems they belong to, and keeps its other findings (located again where their file
was read again); a rule of scope ``model`` (the default) runs again on the whole model. Above a fifth of
the model (an edit to a national platform every system relates to), a scoped rule runs on the whole
model too. The manifest changed, the day, the profile or the severities changed, or a model that could
not be read: every rule runs again. The findings are those of ``kientruc check`` on the same files
(``tests/test_incremental.py`` checks it after random edits, renames and deletions on several models,
which is what holds the declarations to account).

The graph is not built again: the last check's graph is changed in place (:meth:`kientruc.graph.ArchGraph.update`:
the elements read again the same as before keep their objects, so only what changed moves), and the provinces of
a model of several provinces are carried over where the edit cannot move an element between them. A rule of scope
``province`` then judges again only the provinces of the changed elements and of their neighbours.

What is *not* incremental yet: the model is assembled from the parts on each check, and the rules of scope
``model`` (the structure rules that read every written relation, the twin and consolidation rules) run on the
whole model (see ``docs/performance.md`` for what that costs). The language server (:mod:`kientruc.lsp`) and
``kientruc check --watch`` use this module.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from . import pipeline
from ._gc import paused
from .loader import MAX_FILE_BYTES, LoadResult, Part, load
from .loaded import MANIFEST
from .loader.model_file import _parse_part, parse_text_part
from .loader.parallel import _load_files
from .validators import CheckResult
from .validators.engine import Reuse

# a file's signature on disk: (size, mtime in ns, inode, digest of a recent file); None if it cannot be read
Signature = tuple[int, int, int, str] | None
FREEZE_IN_WORKSPACE = 5_000  # elements: from here, what a check leaves alive is frozen out of the collector's reach
RACY_NS = 3_000_000_000  # a file changed this recently may change again within the clock's tick: compare its bytes


def _signature(path: Path, digest_anyway: bool = False) -> Signature:
    try:
        st = path.stat()
        digest = ""
        if (digest_anyway or time.time_ns() - st.st_mtime_ns < RACY_NS) and st.st_size <= MAX_FILE_BYTES:
            digest = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino, digest)


def _settled(path: Path, held: object, now: object) -> bool:
    """Whether a file whose signature was taken while it was recent (with a digest of its bytes) is unchanged now
    that it is not (same size, time and inode, and the same bytes)."""
    if not (isinstance(held, tuple) and isinstance(now, tuple) and len(held) == len(now) == 4):
        return False
    if held[:3] != now[:3] or not held[3] or now[3]:
        return False
    again = _signature(path, digest_anyway=True)
    return again is not None and again[:3] == held[:3] and again[3] == held[3]


@dataclass
class Stats:
    """What the last check did: files parsed again, files reused, and seconds spent."""

    parsed: int = 0
    reused: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)  # absolute paths of the files read again, added or removed
    changed: int | None = None  # elements added, removed or modified (None: not known: the first check, the manifest)
    ran: dict[str, int | None] = field(default_factory=dict)  # rule code -> elements it ran on (None: the whole model)

    @property
    def whole(self) -> list[str]:
        """The rules that ran on the whole model."""
        return [code for code, n in self.ran.items() if n is None]


class Workspace:
    """A model folder kept in memory between checks (see the module's docstring).

    ``as_of``, ``profile``: as for :func:`kientruc.pipeline.check` (``as_of`` None: the day of each
    check). ``jobs``: processes for the first load of a large model (later loads parse one file or a
    few, here).
    """

    def __init__(
        self,
        root: str | os.PathLike[str],
        *,
        as_of: dt.date | None = None,
        profile: str | None = None,
        jobs: int | None = None,
    ) -> None:
        self.root = Path(root)
        self.as_of = as_of
        self.profile = profile
        self.jobs = jobs
        # absolute path -> (signature or the editor's text, part)
        self._parts: dict[str, tuple[object, Part]] = {}
        self._texts: dict[str, str] = {}  # absolute path -> the editor's text, where it is open
        self.loaded: LoadResult | None = None
        self.result: CheckResult | None = None
        self.stats = Stats()
        # what changed since the last check the rules ran in (None: not known, every rule runs on everything)
        self._last: dict[str, Part] = {}  # absolute path -> the part the last load used
        self._changed: set[str] | None = None
        self._moved: set[str] = set()
        self._manifest: Signature | tuple[str, str] = None
        self._reuse = Reuse()

    # ------------------------------------------------------------------ the editor's buffers

    @staticmethod
    def key(path: str | os.PathLike[str]) -> str:
        return os.path.abspath(path)

    def set_text(self, path: str | os.PathLike[str], text: str) -> None:
        """The editor holds ``text`` for ``path`` (opened or changed, saved or not): check that instead of the disk."""
        self._texts[self.key(path)] = text

    def drop_text(self, path: str | os.PathLike[str]) -> None:
        """The editor closed ``path``: check what is on disk again."""
        self._texts.pop(self.key(path), None)

    def text_of(self, path: str | os.PathLike[str]) -> str | None:
        """The editor's text of ``path`` if it is open, else the file's text on disk (None if unreadable)."""
        k = self.key(path)
        if k in self._texts:
            return self._texts[k]
        try:
            return Path(k).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None

    # ------------------------------------------------------------------ loading and checking

    def _parts_for(self, paths: list[Path], displays: list[str]) -> list[Part]:
        keys = [self.key(p) for p in paths]
        stamps: list[object] = []
        todo: list[int] = []
        for i, k in enumerate(keys):
            text = self._texts.get(k)
            stamp: object = ("text", text) if text is not None and len(text) <= MAX_FILE_BYTES else _signature(paths[i])
            stamps.append(stamp)
            held = self._parts.get(k)
            if held is not None and stamp is not None and held[0] != stamp and _settled(paths[i], held[0], stamp):
                self._parts[k] = (stamp, held[1])  # read while it was recent; unchanged since
                continue
            if held is None or stamp is None or held[0] != stamp:
                todo.append(i)
        fresh: dict[int, Part] = {}
        on_disk = [i for i in todo if not (isinstance(stamps[i], tuple) and stamps[i][0] == "text")]
        if len(on_disk) > 1:  # the first load, or many files changed: as a cold load parses them
            for i, part in zip(on_disk, _load_files([paths[i] for i in on_disk], [displays[i] for i in on_disk],
                                                    None, _jobs(self.jobs))):
                fresh[i] = part
        for i in todo:
            if i not in fresh:
                stamp = stamps[i]
                if isinstance(stamp, tuple) and stamp[0] == "text":
                    fresh[i] = parse_text_part(self._texts[keys[i]], displays[i])
                else:
                    fresh[i] = _parse_part(paths[i], displays[i])
        self.stats.parsed, self.stats.reused = len(todo), len(paths) - len(todo)
        self.stats.files = {keys[i] for i in todo} | (set(self._last) - set(keys))
        seen = set(keys)
        for k in [k for k in self._parts if k not in seen]:  # deleted or renamed away
            del self._parts[k]
        for k in [k for k in self._last if k not in seen]:
            self._note(self._last.pop(k), None)
        for i in fresh:
            self._note(self._last.get(keys[i]), fresh[i])
            self._last[keys[i]] = fresh[i]
        out: list[Part] = []
        for i, k in enumerate(keys):
            if i in fresh:
                stamp = stamps[i]
                if stamp is not None:
                    self._parts[k] = (stamp, fresh[i])
                else:
                    self._parts.pop(k, None)
                out.append(fresh[i])
            else:
                out.append(self._parts[k][1])
        return out  # a list, not a generator: the bookkeeping above must run even if no file is left

    def _note(self, old: Part | None, new: Part | None) -> None:
        """Add the elements a file's new part changes to those changed since the last check (``_changed``):
        every id whose elements or written relations differ; every id of the file may have moved.

        An element read again the same as before is replaced in the new part by the object held before (and its
        relations by theirs): the graph kept between checks holds those objects, and changes in place only
        where something changed. If the file's elements came in another order, every id of the file counts as
        changed (the graph keeps the model's order)."""
        before, after = _by_id(old), _by_id(new)
        if new is not None and old is not None:
            for k, el in enumerate(new[0]):
                held = before.get(el.id)
                if held is not None and len(held) == 1 and held == after.get(el.id):
                    new[0][k], new[3][k] = held[0]
        if self._changed is None:
            return
        for i in before.keys() | after.keys():
            self._moved.add(i)
            if before.get(i) != after.get(i):
                self._changed.add(i)
        if old is not None and new is not None:
            common = before.keys() & after.keys()
            if [e.id for e in old[0] if e.id in common] != [e.id for e in new[0] if e.id in common]:
                self._changed.update(common)

    def load(self) -> LoadResult:
        """The model as the files (and the editor's texts) are now, re-parsing only what changed."""
        started = time.perf_counter()
        manifest = self.root / MANIFEST
        text = self._texts.get(self.key(manifest))
        try:
            signature: object = ("text", text) if text is not None else manifest.read_bytes()  # small
        except OSError:
            signature = None
        if signature is None or signature != self._manifest:
            self._changed = None  # severities, waivers, editions, the profile: every rule runs again
        self._manifest = signature  # type: ignore[assignment]
        self.loaded = load(self.root, parts=self._parts_for)
        self.stats.seconds["load"] = time.perf_counter() - started
        return self.loaded

    def check(self) -> CheckResult:
        """Load what changed and run the rules: the findings of ``kientruc check`` on the model as it is now.

        The collector is paused meanwhile: a check allocates many small objects, and each full collection
        would walk the whole model kept in memory (0.4 s at 10,000 elements) to free none of it. For a large
        model the survivors are then moved out of its reach (:func:`gc.freeze`), as a cold load does."""
        with paused() as pause:
            result = self._check()
            pause.large = len(result.graph or ()) >= FREEZE_IN_WORKSPACE
        return result

    def _check(self) -> CheckResult:
        loaded = self.load()
        started = time.perf_counter()
        # the deciding check of the verdict, as `kientruc check` reports it: against the framework in force
        # on the day (or --profile), with the manifest's baseline of known findings
        reuse = self._reuse
        reuse.changed = None if self._changed is None else set(self._changed)
        reuse.moved = set(self._moved)
        judged = pipeline.verdict(loaded, as_of=self.as_of, profile=self.profile, jobs=self.jobs, secondary=False,
                                  reuse=reuse)
        self.stats.changed = None if self._changed is None else len(self._changed)
        self.stats.ran = dict(reuse.ran)
        # from now on, what changes is counted from this check (or, if the rules did not run, from nothing known)
        self._changed = set() if reuse.memo is not None else None
        self._moved = set()
        self.result = judged.primary.result
        self.stats.seconds["check"] = time.perf_counter() - started
        return self.result


def _by_id(part: Part | None) -> dict[str, list[tuple[object, object]]]:
    """A part's elements and the relations each writes, by id (a list: an id may be written twice)."""
    out: dict[str, list[tuple[object, object]]] = {}
    if part is not None:
        for el, written in zip(part[0], part[3]):
            out.setdefault(el.id, []).append((el, written))
    return out


def snapshot(root: str | os.PathLike[str]) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every YAML file below ``root`` (hidden folders skipped): what a watcher compares."""
    out: dict[str, tuple[int, int]] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                path = os.path.join(folder, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                out[path] = (st.st_size, st.st_mtime_ns)
    return out


def watch(
    workspace: Workspace, *, interval: float = 0.5, rounds: int | None = None
) -> Iterator[tuple[int, CheckResult]]:
    """Check ``workspace`` now, then again each time a YAML file below its folder is saved, added or removed:
    (files changed, result) each time. Polls every ``interval`` seconds; stops after ``rounds`` polls if given."""
    before = snapshot(workspace.root)
    yield len(before), workspace.check()
    n = 0
    while rounds is None or n < rounds:
        n += 1
        time.sleep(interval)
        now = snapshot(workspace.root)
        if now != before:
            changed = sum(now.get(p) != before.get(p) for p in now.keys() | before.keys())
            before = now
            yield changed, workspace.check()


def _jobs(jobs: int | None) -> int:
    from ._jobs import resolve_jobs

    return resolve_jobs(jobs)


__all__ = ["Stats", "Workspace", "snapshot", "watch"]
