"""Read one file's text: an ordinary file within the size limit, in UTF-8 (a BOM accepted), NFC-normalised.

A file that cannot be read, is too large, or is in another encoding gives a finding instead.
"""

from __future__ import annotations

import stat
from pathlib import Path

from ..findings import Finding
from ..models import nfc
from . import guards
from .problems import _load_finding
from ..i18n import msg


def _wide_encoding(raw: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' (and how it shows) if the bytes look like one of them, else None."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return msg("UTF-32 (it starts with a UTF-32 byte-order mark)")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return msg("UTF-16 (it starts with a UTF-16 byte-order mark)")
    head = raw[:200]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):  # YAML text in UTF-8 has no NUL bytes
        return msg("UTF-16 or UTF-32 (every other byte is 0)")
    return None


def read_text(path: Path, display: str) -> tuple[str | None, Finding | None]:
    """Read a file as UTF-8 (BOM accepted) and NFC-normalise it."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a named pipe would block the read for ever
            return None, _load_finding(
                "LOAD005",
                msg("this is not a regular file (a named pipe, a device or a socket); it was not read"),
                display,
                1,
                hint=msg("model files are ordinary files: remove this entry, or rename it without .yaml"),
            )
        size = st.st_size
        if size > guards.MAX_FILE_BYTES:
            return None, _load_finding(
                "LOAD011",
                msg("the file has {size} MiB; kientruc reads model files of at most {limit} MiB", size=round(size / 2**20), limit=guards.MAX_FILE_BYTES // 2**20),
                display,
                1,
                hint=msg("split it into several files (any folder layout works)"),
            )
        raw = path.read_bytes()
    except OSError as exc:
        return None, _load_finding("LOAD005", msg("cannot read the file: {error}", error=str(exc.strerror or exc)), display, 1)
    wide = _wide_encoding(raw)
    if wide is not None:
        return None, _load_finding(
            "LOAD005",
            msg("the file is {encoding}, not UTF-8", encoding=wide),
            display,
            1,
            1,
            hint=msg("save the file as UTF-8; kientruc reads model files only as UTF-8"),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        start = raw.rfind(b"\n", 0, exc.start) + 1
        # the column in characters, as editors count it (the bytes before the bad one decode)
        col = len(raw[start : exc.start].decode("utf-8-sig", errors="replace")) + 1
        return None, _load_finding(
            "LOAD005",
            msg("the file is not valid UTF-8 (byte {byte} cannot be decoded)", byte="0x%02x" % raw[exc.start]),
            display,
            line,
            col,
            hint=msg("save the file as UTF-8; kientruc reads model files only as UTF-8"),
        )
    return nfc(text), None
