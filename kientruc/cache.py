"""A content-hash cache of what loading each model file produced.

Loading a model file (read, NFC, parse YAML with positions, validate) is most of a
check's time; the rules are cheap beside it. So for each model file kientruc keeps,
keyed by

* the SHA-256 of the file's bytes,
* the file's name as findings show it (a renamed file misses),
* kientruc's version, a hash of kientruc's code and data files (the metamodel, the
  loader) and the versions of Python, pydantic and PyYAML (the *salt*),

the validated elements, their position trees and the file's load findings. The rules
always run on the whole graph: findings of rules are never cached.

Where: ``$KIENTRUC_CACHE_DIR``, else ``$XDG_CACHE_HOME/kientruc``, else
``~/.cache/kientruc``; one folder per model (a hash of its absolute path), so two
models never collide and the model folder is never written to. Entries are pickles
signed with a per-user secret key (HMAC-SHA256, ``.key``, mode 0600): an entry that
is corrupt, truncated, foreign or copied in from elsewhere fails the signature and is
ignored, never unpickled. Entries are written atomically; entries a load did not use
are removed after it. ``KIENTRUC_NO_CACHE=1`` or ``kientruc check --no-cache`` turns
the cache off. Any failure of the cache (a read-only home, a full disk) only makes it
miss.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import platform
import secrets
import stat
import tempfile
from pathlib import Path
from typing import Any

from . import _version

MAGIC = b"KTC1"
_SALT: str | None = None


def enabled_by_env() -> bool:
    return os.environ.get("KIENTRUC_NO_CACHE", "").strip().lower() not in ("1", "true", "yes", "on")


def cache_home() -> Path:
    explicit = os.environ.get("KIENTRUC_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "kientruc"


def salt() -> str:
    """What, besides a file's bytes and name, decides what loading it gives."""
    global _SALT
    if _SALT is None:
        import pydantic
        import yaml

        _SALT = "|".join(
            (
                _version.__version__,
                code_hash(),
                platform.python_implementation(),
                platform.python_version(),
                pydantic.VERSION,
                yaml.__version__,
            )
        )
    return _SALT


def code_hash() -> str:
    """A hash of kientruc's own code and data files: the metamodel, the loader and all.

    It stands for "the metamodel": any change to an element's schema is a change to
    these files, and so is a change to the loader that a version number would miss in
    an editable install. Reading them takes a few milliseconds (a JSON schema of the
    element union takes 0.4 s). Every file below the package counts, subpackages and
    :mod:`kientruc.loaded` included: an entry pickled by older code, whose classes may
    have moved since, is never unpickled by newer code.
    """
    package = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml", ".yml", ".json") and "__pycache__" not in path.parts:
            rel = path.relative_to(package).as_posix().encode("utf-8", "surrogateescape")
            try:
                data = path.read_bytes()
            except OSError:
                data = b"?"
            h.update(len(rel).to_bytes(8, "big") + rel + len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


def _secret(home: Path) -> bytes | None:
    """The per-user signing key, created on first use; None if it cannot be had safely."""
    from ._io import write_atomic

    path = home / ".key"
    try:
        try:
            st = path.stat()
        except FileNotFoundError:
            home.mkdir(parents=True, exist_ok=True, mode=0o700)
            old = os.umask(0o077)
            try:
                write_atomic(path, secrets.token_bytes(32))
            finally:
                os.umask(old)
            os.chmod(path, 0o600)
            st = path.stat()
        if not stat.S_ISREG(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
            return None
        if st.st_mode & 0o077:  # readable by others: anyone could forge entries
            return None
        key = path.read_bytes()
        return key if len(key) == 32 else None
    except OSError:
        return None


class FileCache:
    """The cache of one model folder, for one load."""

    def __init__(self, root: Path, home: Path | None = None) -> None:
        self.home = home or cache_home()
        self.key = _secret(self.home)
        model = str(Path(os.path.abspath(root)))
        self.dir = self.home / hashlib.sha256(model.encode("utf-8", "surrogateescape")).hexdigest()[:32]
        self.used: set[str] = set()
        self.salt = salt()

    @property
    def active(self) -> bool:
        return self.key is not None

    def entry_name(self, path: Path, display: str, max_bytes: int) -> str | None:
        """The entry's file name for this model file, or None if it is not to be cached."""
        if self.key is None:
            return None
        try:
            st = path.stat()
            if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
                return None
            raw = path.read_bytes()
        except OSError:
            return None
        h = hashlib.sha256()
        for part in (self.salt.encode(), display.encode("utf-8", "surrogateescape"), hashlib.sha256(raw).digest()):
            h.update(len(part).to_bytes(8, "big"))
            h.update(part)
        name = h.hexdigest() + ".pkl"
        self.used.add(name)
        return name

    def get(self, name: str) -> Any | None:
        assert self.key is not None
        try:
            blob = (self.dir / name).read_bytes()
        except OSError:
            return None
        if len(blob) < len(MAGIC) + 32 or not blob.startswith(MAGIC):
            return None
        mac, payload = blob[len(MAGIC) : len(MAGIC) + 32], blob[len(MAGIC) + 32 :]
        expected = hmac.new(self.key, name.encode() + b"\0" + payload, hashlib.sha256).digest()
        if not hmac.compare_digest(mac, expected):
            return None  # corrupt, truncated, foreign or renamed: never trusted
        try:
            return pickle.loads(payload)
        except Exception:  # noqa: BLE001 - a signed entry that does not load is simply a miss
            return None

    def put(self, name: str, value: Any) -> None:
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - what cannot be pickled is not cached
            return
        self.put_payload(name, payload)

    def put_payload(self, name: str, payload: bytes) -> None:
        """Store an entry already pickled (as a parsing process returns it)."""
        assert self.key is not None
        try:
            mac = hmac.new(self.key, name.encode() + b"\0" + payload, hashlib.sha256).digest()
            self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            # atomic (a temporary file and a rename) but not fsync'd: an entry a crash
            # truncates fails its signature and is ignored
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.dir)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(MAGIC + mac + payload)
                os.replace(tmp, self.dir / name)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except Exception:  # noqa: BLE001 - a cache that cannot be written only misses next time
            pass

    def prune(self) -> None:
        """Remove the entries this load did not use (older versions of files, deleted files)."""
        if self.key is None:
            return
        try:
            with os.scandir(self.dir) as it:
                stale = [e.path for e in it if e.name.endswith((".pkl", ".tmp")) and e.name not in self.used]
        except OSError:
            return
        for p in stale:
            try:
                os.unlink(p)
            except OSError:
                pass
