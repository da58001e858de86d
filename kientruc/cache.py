"""A content-hash cache of what loading each model file produced.

Loading a model file (read, NFC, parse YAML with positions, validate) is most of a
check's time; the rules are cheap beside it. So for each model file kientruc keeps,
keyed by

* the SHA-256 of the file's bytes,
* the file's name as findings show it (a renamed file misses),
* kientruc's version, a hash of kientruc's code and data files (the metamodel, the
  loader) and the versions of Python, pydantic and PyYAML (the *salt*),

the validated elements, their position trees and the file's load findings. The rules
run on the whole graph whenever any file changed; a check of an unchanged model with the
same options, day and code is given back whole by :mod:`kientruc.result_cache`.

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


def _signed(key: bytes, name: str, payload: bytes) -> bytes:
    return MAGIC + hmac.new(key, name.encode() + b"\0" + payload, hashlib.sha256).digest() + payload


def _verified(key: bytes, name: str, blob: bytes) -> bytes | None:
    """The payload of a signed blob, or None if its signature is not ours for this name."""
    if len(blob) < len(MAGIC) + 32 or not blob.startswith(MAGIC):
        return None
    mac, payload = blob[len(MAGIC) : len(MAGIC) + 32], blob[len(MAGIC) + 32 :]
    expected = hmac.new(key, name.encode() + b"\0" + payload, hashlib.sha256).digest()
    return payload if hmac.compare_digest(mac, expected) else None


def _write_signed(folder: Path, name: str, key: bytes, payload: bytes) -> None:
    """Write an entry atomically (a temporary file and a rename); not fsync'd: an entry a crash
    truncates fails its signature and is ignored."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(_signed(key, name, payload))
        os.replace(tmp, folder / name)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# --------------------------------------------------------------------------- the element validator

VALIDATOR_PREFIX = "validator-"


def _schema_node_without_extras(node: Any) -> Any:
    """A core schema without what only JSON schemas and serialisation read (``metadata``, which holds
    pydantic's local functions that cannot be pickled, and ``serialization``): what validation reads is
    kept as it is. Only schema nodes (dicts whose ``type`` is a text) lose those keys: a model's
    ``fields`` mapping, keyed by field names, keeps every field whatever its name."""
    if isinstance(node, dict):
        schema_node = isinstance(node.get("type"), str)
        return {k: _schema_node_without_extras(v) for k, v in node.items()
                if not (schema_node and k in ("metadata", "serialization"))}
    if isinstance(node, list):
        return [_schema_node_without_extras(v) for v in node]
    if isinstance(node, tuple):
        return tuple(_schema_node_without_extras(v) for v in node)
    return node


def element_validator(home: Path | None = None) -> str:
    """Give this process the validator of model files (``ELEMENT_LIST``) from the cache, or build it and keep it.

    Building it is pydantic turning the metamodel's 31 classes into a core schema: ~0.3 s of every
    process that validates a model file (a first check, a re-check after an edit). pydantic-core builds
    the validator itself from that schema in ~0.04 s. So the schema (without what only JSON schemas and
    serialisation read) is kept in the cache home, under a name made of the salt (kientruc's code,
    pydantic's version…: any change misses) and signed like the model entries; a validator built from
    it validates exactly as the one pydantic builds (``tests/test_cache.py`` compares them on every model
    file of the tests, the broken ones included). Used only when the cache is on. Returns what
    happened: "loaded", "stored", "built" (nothing kept) or "ready" (already built in this process).
    """
    from .models import ELEMENT_LIST

    validator = ELEMENT_LIST.__dict__.get("validator")
    try:
        import pydantic_core
        from pydantic._internal._config import ConfigWrapper
        from pydantic._internal._mock_val_ser import MockValSer
        from pydantic.plugin._loader import get_plugins
    except ImportError:  # another pydantic: let it build its own
        return "built"
    if validator is not None and not isinstance(validator, MockValSer):
        return "ready"
    home = home or cache_home()
    key = _secret(home)
    if key is None or list(get_plugins()):
        ELEMENT_LIST.rebuild(force=True)
        return "built"
    stored = stored_validator(home, key)
    if stored is not None:
        ELEMENT_LIST.validator = stored
        return "loaded"
    name = _validator_name()
    ELEMENT_LIST.rebuild(force=True)
    if type(ELEMENT_LIST.validator) is not pydantic_core.SchemaValidator:
        return "built"
    try:
        config = ConfigWrapper(ELEMENT_LIST._config).core_config(None)
        payload = pickle.dumps((_schema_node_without_extras(ELEMENT_LIST.core_schema), config),
                               protocol=pickle.HIGHEST_PROTOCOL)
        _write_signed(home, name, key, payload)
    except Exception:  # noqa: BLE001 - what cannot be kept is built again next time
        return "built"
    try:  # the validators of older code
        for old in home.glob(VALIDATOR_PREFIX + "*.schema"):
            if old.name != name:
                old.unlink()
    except OSError:
        pass
    return "stored"


def _validator_name() -> str:
    import pydantic_core

    return VALIDATOR_PREFIX + hashlib.sha256(f"{salt()}|{pydantic_core.__version__}".encode()).hexdigest()[:32] + ".schema"


def stored_validator(home: Path, key: bytes | None = None) -> Any | None:
    """The element validator built from the schema kept in ``home`` by this code, or None (none kept,
    or not signed by this user's key, or not buildable)."""
    key = key if key is not None else _secret(home)
    if key is None:
        return None
    name = _validator_name()
    try:
        payload = _verified(key, name, (home / name).read_bytes())
    except OSError:
        return None
    if payload is None:
        return None
    try:
        import pydantic_core

        schema, config = pickle.loads(payload)
        return pydantic_core.SchemaValidator(schema, config)
    except Exception:  # noqa: BLE001 - a stored schema that does not build: built anew by the caller
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
        payload = _verified(self.key, name, blob)
        if payload is None:
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
            _write_signed(self.dir, name, self.key, payload)
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
