"""The little git kientruc needs: find a repository, resolve a revision, export a folder of it.

Everything goes through the ``git`` command in read-only ways (``rev-parse``, ``ls-tree``,
``cat-file``): the user's work tree, index and refs are never touched. A folder of a
revision is written into a temporary folder the caller owns.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


class GitError(Exception):
    """git is missing, or a git command failed; the message says what git said."""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["GIT_TERMINAL_PROMPT"] = "0"  # never wait for a password in CI
    env["LC_ALL"] = "C"  # messages we may quote, in one language
    env.pop("GIT_INDEX_FILE", None)  # a pre-commit hook sets it; we read trees, not the index
    return env


def git(args: list[str], cwd: str | os.PathLike[str], input: bytes | None = None) -> bytes:
    """Run ``git ARGS`` in ``cwd`` and return its stdout; raise :class:`GitError` on failure."""
    try:
        proc = subprocess.run(
            ["git", "--literal-pathspecs", *args],
            cwd=cwd,
            input=input,
            stdin=None if input is not None else subprocess.DEVNULL,  # never wait on the terminal
            capture_output=True,
            env=_env(),
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {' '.join(args)} failed ({proc.returncode})")
    return proc.stdout


def toplevel(path: str | os.PathLike[str]) -> Path | None:
    """The root of the git work tree that holds ``path`` (or its nearest existing parent), or None."""
    p = Path(os.path.abspath(path))
    while not p.is_dir():
        if p.parent == p:
            return None
        p = p.parent
    try:
        out = git(["rev-parse", "--show-toplevel"], cwd=p)
    except GitError:
        return None
    text = out.decode("utf-8", "surrogateescape").strip()
    return Path(text) if text else None


def available() -> bool:
    """Whether the ``git`` command can be run."""
    return shutil.which("git") is not None


def is_shallow(repo: Path) -> bool:
    """Whether ``repo`` is a shallow clone (CI systems clone only the last commits by default)."""
    try:
        return git(["rev-parse", "--is-shallow-repository"], repo).strip() == b"true"
    except GitError:
        return False


@dataclass(frozen=True)
class Commit:
    """A revision resolved to a commit: what the user wrote, the full and the short hash."""

    spec: str
    sha: str
    short: str


def resolve(repo: Path, revision: str) -> Commit | None:
    """Resolve ``revision`` (a branch, tag, hash, ``HEAD~2``…) to a commit, or None if it names none."""
    if revision.startswith("-"):
        return None  # never let a revision be read as an option
    try:
        sha = git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], repo)
    except GitError:
        return None
    sha_text = sha.decode().strip()
    short = git(["rev-parse", "--short", sha_text], repo).decode().strip()
    return Commit(revision, sha_text, short)


def is_folder(repo: Path, commit: Commit, prefix: str) -> bool:
    """Whether ``prefix`` (relative to the repository root) is a folder at ``commit``."""
    if not prefix:
        return True
    try:
        kind = git(["cat-file", "-t", f"{commit.sha}:{prefix}"], repo)
    except GitError:
        return False
    return kind.strip() == b"tree"


def export_folder(
    repo: Path, commit: Commit, prefix: str, dest: Path, suffixes: tuple[str, ...] = (".yaml", ".yml")
) -> int:
    """Write the files below ``prefix`` (a folder, relative to the repository root) at ``commit`` into ``dest``.

    Only files ending with one of ``suffixes`` are written, byte for byte as committed
    (no smudge filters, no line-ending conversion), and symbolic links as links, so that
    the loader sees what it would see in a checkout. Returns the number of entries written
    (see :func:`is_folder` to tell a missing folder from an empty one).
    """
    args = ["ls-tree", "-r", "-z", "--full-tree", commit.sha]
    if prefix:
        args += ["--", prefix]
    listing = git(args, repo)
    entries: list[tuple[str, str, PurePosixPath]] = []  # (mode, object, path below prefix)
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, otype, oid = meta.decode().split()
        path = PurePosixPath(name.decode("utf-8", "surrogateescape"))
        if prefix:
            try:
                path = path.relative_to(prefix)
            except ValueError:
                continue
        if path.is_absolute() or ".." in path.parts or not path.parts:
            continue  # git does not store such paths; be safe all the same
        if otype != "blob":
            continue  # submodules
        if mode != "120000" and not path.name.endswith(suffixes):
            continue
        entries.append((mode, oid, path))
    if not entries:
        return 0
    blobs = _cat_blobs(repo, [oid for _, oid, _ in entries])
    for (mode, oid, path), data in zip(entries, blobs):
        target = dest.joinpath(*path.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == "120000":
            os.symlink(os.fsdecode(data), target)
        else:
            target.write_bytes(data)
            if mode == "100755":
                target.chmod(0o755)
    return len(entries)


def _cat_blobs(repo: Path, oids: list[str]) -> list[bytes]:
    """The contents of many blobs in one ``git cat-file --batch`` process."""
    out = git(["cat-file", "--batch"], repo, input=("\n".join(oids) + "\n").encode())
    blobs: list[bytes] = []
    pos = 0
    for oid in oids:
        end = out.index(b"\n", pos)
        header = out[pos:end].decode().split()
        if len(header) != 3:
            raise GitError(f"cannot read object {oid}: {' '.join(header)}")
        size = int(header[2])
        start = end + 1
        blobs.append(out[start : start + size])
        pos = start + size + 1  # the contents are followed by a newline
    return blobs
