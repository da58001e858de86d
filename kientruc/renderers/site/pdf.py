"""The architecture document as PDF: the Word file converted by LibreOffice (``soffice --headless``).

LibreOffice does not update a table of contents when it converts a file, so the document is laid out
twice: the first PDF tells on which page each chapter starts (read with ``pdftotext``, one page per form
feed), and the Word file is written again with those pages in its table of contents (entries of the same
length as in the first pass, so nothing moves) and converted again. The fonts are embedded by LibreOffice
(Times New Roman, drawn with the metric-compatible Liberation Serif where it is not installed).

Without LibreOffice there is no PDF: :func:`engine` says why, and the build reports it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from ...i18n import text
from .word import docx_bytes, headings

TIMEOUT = 180
"""Seconds one conversion may take (LibreOffice's first start in a fresh profile is the slow part)."""

PDF_NAME = "thuyet-minh-kien-truc.pdf"


class PdfError(Exception):
    """The PDF could not be made; the message is meant for the user."""


def soffice() -> str | None:
    """The LibreOffice program, or ``None``."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def engine(lang: str = "vi") -> tuple[str | None, str]:
    """The program that makes the PDF and, when there is none, why (for the build's message, in ``lang``)."""
    exe = soffice()
    if exe is None:
        return None, text("pdf.no_engine", lang)
    return exe, ""


def _convert(exe: str, docx: Path, outdir: Path, profile: Path, lang: str) -> Path:
    cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
           "--convert-to", "pdf", "--outdir", str(outdir), str(docx)]
    env = {**os.environ, "HOME": str(profile)}
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False, env=env)
    except subprocess.TimeoutExpired as exc:
        raise PdfError(text("pdf.timeout", lang, name=docx.name, seconds=TIMEOUT)) from exc
    except OSError as exc:
        raise PdfError(text("pdf.not_started", lang, error=exc)) from exc
    pdf = outdir / (docx.stem + ".pdf")
    if proc.returncode != 0 or not pdf.is_file():
        detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()[-300:]
        raise PdfError(text("pdf.failed", lang, name=docx.name, code=proc.returncode, detail=detail))
    return pdf


def _squash(value: str) -> str:
    return re.sub(r"\s+", "", value)


def heading_pages(pdf: Path, entries: list[str]) -> dict[str, int]:
    """The page on which each of ``entries`` starts in ``pdf``, after the table of contents that lists them.

    The table of contents lists every entry in order; the chapters follow in the same order: the pages
    are matched in order twice, and the second match of each is its chapter. Empty without ``pdftotext``.
    """
    exe = shutil.which("pdftotext")
    if exe is None:
        return {}
    proc = subprocess.run([exe, "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, timeout=60,
                          check=False)
    if proc.returncode != 0:
        return {}
    pages = [_squash(p) for p in proc.stdout.decode("utf-8", "replace").split("\f")]
    wanted = [_squash(e) for e in entries]
    found: dict[str, int] = {}
    page = 0
    for round_ in (0, 1):
        for entry, key in zip(entries, wanted):
            while page < len(pages) and key not in pages[page]:
                page += 1
            if page >= len(pages):
                return found if round_ else {}
            if round_:
                found[entry] = page + 1
        if not round_:
            page += 1  # the chapters start after the page that ends the table of contents
    return found


def write_pdf(doc: dict[str, Any], pngs: dict[str, bytes | None], out: Path, lang: str,
              docx_out: Path | None = None) -> dict[str, int]:
    """Write the document as PDF to ``out`` (and, if ``docx_out``, the Word file with the pages in its table
    of contents). Returns the page of each chapter. Raises :class:`PdfError`."""
    exe, why = engine(lang)
    if exe is None:
        raise PdfError(why)
    entries = headings(doc)
    with tempfile.TemporaryDirectory(prefix="kientruc-pdf-") as tmp:
        work = Path(tmp)
        profile = work / "profile"
        profile.mkdir()
        first = work / "pass1" / "thuyet-minh.docx"
        first.parent.mkdir()
        # the first layout, with a page number of the same width as the final ones in the table of contents
        first.write_bytes(docx_bytes(doc, pngs, lang, {e: 0 for e in entries}))
        pdf1 = _convert(exe, first, first.parent, profile, lang)
        pages = heading_pages(pdf1, entries)
        if pages:
            second = work / "pass2" / "thuyet-minh.docx"
            second.parent.mkdir()
            data = docx_bytes(doc, pngs, lang, pages)
            second.write_bytes(data)
            pdf = _convert(exe, second, second.parent, profile, lang)
            if docx_out is not None:
                docx_out.write_bytes(data)
        else:
            pdf = pdf1
        shutil.copyfile(pdf, out)
    return pages


__all__ = ["PDF_NAME", "PdfError", "engine", "heading_pages", "soffice", "write_pdf"]
