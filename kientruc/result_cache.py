"""A whole check's outcome, kept and given again while nothing that decides it has changed.

The per-file cache (:mod:`kientruc.cache`) spares a re-check the parsing of unchanged files, but every
rule still runs on the whole model: at 100,000 elements the rules and the graph are most of a warm
``kientruc check``. Yet a check run twice on the same files, the same day, with the same options and the
same code gives the same verdict. So :func:`kientruc.pipeline.verdict`, when it loads a model folder itself
with the cache on, keeps what it found (the findings, the verdict, what reports say of the load) beside the
model's cache entries, under a key of everything that decides it, and gives it back without loading the
model when the key is the same:

* kientruc's code and data files, its version and the Python, pydantic and PyYAML versions (the cache's
  *salt*); the edition files of ``$KIENTRUC_FRAMEWORKS`` (names and bytes) and ``$KIENTRUC_YAML``;
* the folder as given, its absolute path and the working folder (file names in findings depend on them);
* the manifest's bytes, and the name and bytes of every YAML file below the folder that is not hidden (the
  model files and any the manifest excludes: a change to an excluded file only misses);
* the day read (``as_of``), the ``today`` given and the calendar day of the run (rules date deadlines);
* the profile, ``fail_on`` and whether the edition's framework is judged too (``secondary``);
* the baseline: the file given (name and bytes), and the manifest's own baseline file, whose name is known
  only once the manifest is read: the entry records it with its bytes, and a change to it misses.

Anything the key cannot cover is not kept: a baseline given as an object, a link among the files or the
manifest (its target could change), a model that cannot be read, a file that cannot be read.

What is given back stands in for the model: a verdict whose checks hold the findings, the waived and
baselined findings, the rules run, the profile and the days, and whose load holds its findings, notices and
file names, and the manifest. The architecture is a summary (its manifest and its number of elements); the
graph, the elements and their positions are loaded (from the per-file cache) and built on first use
(:class:`ReusedLoad`, :class:`ReusedCheck`), so a caller that needs them gets the real ones. What the rules
would find is not computed again: a re-check after **any** change (one file edited) runs every rule, as
without this module.

Entries are signed like the cache's (HMAC-SHA256 with the per-user key, over the entry's name and payload):
an entry that is corrupt, truncated, foreign or renamed is never unpickled. ``KEEP`` entries per model
folder are kept (the newest), so that alternating two days or profiles does not thrash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import stat
import time
from pathlib import Path
from typing import Any

from . import cache as _cache
from .findings import Finding
from .loaded import MANIFEST, LoadResult, SourceMap
from .validators import CheckResult

PREFIX = "result-"
SUFFIX = ".res"
KEEP = 4
FORMAT = 1


# --------------------------------------------------------------------------- the stand-ins


class _Elements:
    """The elements of a reused check's architecture: their number, and the real list when more is asked."""

    __slots__ = ("_count", "_owner")

    def __init__(self, count: int, owner: "ReusedLoad") -> None:
        self._count = count
        self._owner = owner

    def __len__(self) -> int:
        return self._count

    def _real(self) -> list[Any]:
        return self._owner.real().architecture.elements  # type: ignore[union-attr]

    def __iter__(self) -> Any:
        return iter(self._real())

    def __getitem__(self, index: Any) -> Any:
        return self._real()[index]

    def __eq__(self, other: object) -> bool:
        return self._real() == other

    def __bool__(self) -> bool:
        return self._count > 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real(), name)


class ArchitectureSummary:
    """Stands for the architecture of a reused check: its ``manifest`` and the number of its ``elements``
    are at hand; anything else loads the model (from the per-file cache) and answers from it."""

    def __init__(self, manifest: Any, count: int, owner: "ReusedLoad") -> None:
        self.manifest = manifest
        self.elements = _Elements(count, owner)
        self._owner = owner

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_owner",):
            raise AttributeError(name)
        return getattr(self._owner.real().architecture, name)


class ReusedLoad(LoadResult):
    """A load result given back by a kept check: findings, notices, files and the manifest as the load gave
    them; ``architecture`` a summary; ``sources`` (and the summary's other attributes) load the model."""

    def __init__(self, root: Path, findings: list[Finding], files: list[str], notices: list[Finding],
                 manifest: Any, count: int, manifest_file: str) -> None:
        # not LoadResult.__init__: ``architecture`` and ``sources`` are properties here
        self._root = root
        self._manifest_file = manifest_file
        self._real: LoadResult | None = None
        self._summary = ArchitectureSummary(manifest, count, self)
        self.findings = findings
        self.files = files
        self.notices = notices

    def real(self) -> LoadResult:
        """The model loaded for real (from the per-file cache), once."""
        if self._real is None:
            from .loader import load

            self._real = load(self._root)
        return self._real

    @property
    def architecture(self) -> Any:  # type: ignore[override]
        if self._real is not None:
            return self._real.architecture
        return self._summary

    @architecture.setter
    def architecture(self, value: Any) -> None:
        raise AttributeError("a reused load result is read-only")

    @property
    def sources(self) -> SourceMap:  # type: ignore[override]
        return self.real().sources

    @sources.setter
    def sources(self, value: SourceMap) -> None:
        raise AttributeError("a reused load result is read-only")

    def __repr__(self) -> str:
        return f"ReusedLoad(root={str(self._root)!r}, files={len(self.files)}, findings={len(self.findings)})"

    def __eq__(self, other: object) -> bool:  # as LoadResult, from the real model
        return self.real() == other

    __hash__ = None  # type: ignore[assignment]


class ReusedCheck(CheckResult):
    """A check given back by a kept verdict: its graph is built (the model loaded) on first use."""

    _graph_value: Any = None

    @property  # type: ignore[override]
    def graph(self) -> Any:
        if self._graph_value is None and isinstance(self.load, ReusedLoad):
            from .graph import build_graph

            arch = self.load.real().architecture
            if arch is not None and self.as_of is not None:
                self._graph_value = build_graph(arch, self.as_of)
        return self._graph_value

    @graph.setter
    def graph(self, value: Any) -> None:
        self._graph_value = value


# --------------------------------------------------------------------------- the key


def _digest(h: Any, *parts: bytes) -> None:
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)


def _enc(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _file_digest(path: Path) -> bytes | None:
    """The SHA-256 of a regular file's bytes (a link or anything else: None)."""
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode):
            return None
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return None


def _model_key(root: Path, options: tuple[Any, ...]) -> str | None:
    """The key of everything that decides a verdict, known before the model is read; None: not to be kept."""
    from .frameworks import _edition_files
    from .loader.discover import find_model_files

    h = hashlib.sha256()
    _digest(h, b"kientruc-result", str(FORMAT).encode(), _enc(_cache.salt()),
            _enc(os.environ.get("KIENTRUC_YAML", "")), _enc(str(root)), _enc(os.path.abspath(root)), _enc(os.getcwd()),
            _enc(repr(options)))
    try:
        editions = _edition_files()
    except Exception:  # noqa: BLE001 - an unreadable edition folder: nothing kept, the check says what it says
        return None
    for entry in editions:
        if isinstance(entry, Path):  # $KIENTRUC_FRAMEWORKS (kientruc's own are in the code hash)
            digest = _file_digest(entry)
            if digest is None:
                return None
            _digest(h, _enc(str(entry)), digest)
    manifest = _file_digest(root / MANIFEST)
    if manifest is None:
        return None
    _digest(h, manifest)
    paths, problems = find_model_files(root)
    if problems:  # links, unreadable folders: what they say can change without a byte of the files changing
        return None
    for path in paths:
        digest = _file_digest(path)
        if digest is None:
            return None
        _digest(h, _enc(path.relative_to(root).as_posix()), digest)
    return h.hexdigest()


def _extra_files(found: Any, baseline: Any, root: Path) -> list[tuple[str, bytes]] | None:
    """The files besides the model a verdict read (the baseline), each with its digest; None if one cannot be read."""
    paths: list[Path] = []
    if isinstance(baseline, (str, os.PathLike)):
        paths.append(Path(baseline))
    for j in found.judgements:
        if j.result.baseline_file:
            paths.append(Path(j.result.baseline_file))
    manifest = found.result.load.architecture.manifest if found.result.load.architecture is not None else None
    if manifest is not None and manifest.validation.baseline:
        paths.append(root / manifest.validation.baseline)
    out = []
    for p in dict.fromkeys(paths):
        if not p.exists():
            out.append((str(p), b""))  # absent: its appearing changes the digest
            continue
        digest = _file_digest(p)
        if digest is None:
            return None
        out.append((str(p), digest))
    return out


# --------------------------------------------------------------------------- keeping and giving back


class Kept:
    """The kept verdict of one model folder and set of options, for one :func:`kientruc.pipeline.verdict` call."""

    def __init__(self, root: Path, key: str, home: Path, secret: bytes, folder: Path) -> None:
        self.root = root
        self.key = key
        self.home = home
        self.secret = secret
        self.folder = folder
        self.name = PREFIX + key[:48] + SUFFIX

    @classmethod
    def open(cls, root: str | os.PathLike[str], options: tuple[Any, ...], baseline: Any) -> "Kept | None":
        """The kept verdict's handle for this folder and these options; None if none can be kept."""
        if baseline is not None and not isinstance(baseline, (str, os.PathLike)):
            return None
        root = Path(root)
        try:
            if (root / MANIFEST).is_symlink() or not (root / MANIFEST).is_file():
                return None
            files = _cache.FileCache(root)
            if files.key is None:
                return None
            key = _model_key(root, options + (("baseline", None if baseline is None else str(baseline)),))
        except Exception:  # noqa: BLE001 - whatever fails here only means the check runs
            return None
        if key is None:
            return None
        return cls(root, key, files.home, files.key, files.dir)

    def get(self) -> Any | None:
        """The kept verdict, rebuilt; None if there is none for this key (or it does not verify or load)."""
        started = time.perf_counter()
        try:
            blob = (self.folder / self.name).read_bytes()
        except OSError:
            return None
        payload = _cache._verified(self.secret, self.name, blob)
        if payload is None:
            return None  # corrupt, truncated, foreign or renamed: never unpickled
        try:
            data = pickle.loads(payload)
            if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != self.key:
                return None
            for name, digest in data["extra"]:
                p = Path(name)
                now = (b"" if not p.exists() else _file_digest(p))
                if now != digest:
                    return None
            found = _rebuild(data, self.root)
        except Exception:  # noqa: BLE001 - a signed entry that does not load is a miss
            return None
        for j in found.judgements:
            j.result.timings = {"load": time.perf_counter() - started}
        return found

    def put(self, found: Any, baseline: Any) -> None:
        """Keep ``found`` (a :class:`kientruc.pipeline.Verdict` of a model read without fatal findings)."""
        try:
            extra = _extra_files(found, baseline, self.root)
            if extra is None:
                return
            payload = pickle.dumps(
                {"format": FORMAT, "key": self.key, "extra": extra, **_flatten(found)}, protocol=pickle.HIGHEST_PROTOCOL
            )
            _cache._write_signed(self.folder, self.name, self.secret, payload)
        except Exception:  # noqa: BLE001 - what cannot be kept is computed again next time
            return
        self._prune()

    def _prune(self) -> None:
        try:
            with os.scandir(self.folder) as it:
                kept = [(e.stat().st_mtime, e.path) for e in it if e.name.startswith(PREFIX) and e.name.endswith(SUFFIX)]
        except OSError:
            return
        kept.sort(reverse=True)
        for _, path in kept[KEEP:]:
            try:
                os.unlink(path)
            except OSError:
                pass


_RESULT_FIELDS = ("findings", "waived", "as_of", "fail_on", "rules_run", "baselined", "baseline_file", "raised")


def _flatten(found: Any) -> dict[str, Any]:
    """What a verdict is, as plain data: profiles by id, the model by what reports read of it."""
    load = found.result.load
    arch = load.architecture
    return {
        "day": found.day,
        "judgements": [
            (j.role, j.result.profile.id if j.result.profile else None, {f: getattr(j.result, f) for f in _RESULT_FIELDS})
            for j in found.judgements
        ],
        "edition": found.edition,
        "edition_in_force": found.edition_in_force,
        "implicit_edition": found.implicit_edition,
        "in_force": found.in_force.id if found.in_force else None,
        "later_drafts": found.later_drafts,
        "decision": found.decision,
        "province": found.province,
        "load": {
            "findings": load.findings,
            "files": load.files,
            "notices": load.notices,
            "manifest": arch.manifest,
            "elements": len(arch.elements),
            "manifest_file": load.sources.manifest_file,
        },
    }


def _rebuild(data: dict[str, Any], root: Path) -> Any:
    from .frameworks import profiles
    from .pipeline import Judgement, Verdict

    known = profiles()
    m = data["load"]
    load = ReusedLoad(root, m["findings"], m["files"], m["notices"], m["manifest"], m["elements"], m["manifest_file"])
    judgements = []
    for role, pid, fields in data["judgements"]:
        if pid is not None and pid not in known:
            raise KeyError(pid)
        result = ReusedCheck(load=load, profile=known[pid] if pid is not None else None, **fields)
        judgements.append(Judgement(role, result))
    in_force = data["in_force"]
    return Verdict(
        data["day"],
        primary=judgements[0],
        secondary=judgements[1] if len(judgements) > 1 else None,
        edition=data["edition"],
        edition_in_force=data["edition_in_force"],
        implicit_edition=data["implicit_edition"],
        in_force=known[in_force] if in_force is not None else None,
        later_drafts=data["later_drafts"],
        decision=data["decision"],
        province=data["province"],
    )


def run_day() -> dt.date:
    """The calendar day of this run (rules date their deadlines by it when no ``today`` is given)."""
    return dt.date.today()


def options_of(as_of: dt.date | None, today: dt.date | None, profile: str | None, fail_on: Any,
               secondary: bool) -> tuple[Any, ...]:
    """The options of a verdict that its key holds (the calendar day of the run included)."""
    return (("as_of", as_of), ("today", today), ("run_day", run_day()), ("profile", profile),
            ("fail_on", None if fail_on is None else str(fail_on)), ("secondary", secondary))
