"""Detectors of the wrong language in a report: English sentences in Vietnamese output, Vietnamese in English.

What a report may hold in any language is removed first: file paths and places, codes (``SEC007``), rule
names in brackets (``[security-level-not-approved]``), quoted text (element ids, names, model text and the
parser's own words are quoted: ``'he-thong'``, ``“could not find”``), commands in backquotes, keys and values
the model writes (``security_level``, ``toan_trinh``: words with ``_``, ``-``, ``.``, ``/`` or digits), the
legal basis lines of a Vietnamese text (a rule's basis is the Vietnamese citation), and every text of the model
itself (names, descriptions, waiver reasons), which is Vietnamese whatever the report's language.

* :func:`english_words` — whole words of a list of common English function and report words
  ("the", "has", "but", "missing", "error"…) left in a Vietnamese text; none of them is a Vietnamese word
  (words that are both, like "to", "do", "an", "in", "no", are not in the list).
* :func:`vietnamese_words` — words left in an English text that hold a letter only Vietnamese uses
  (ă, â, đ, ê, ô, ơ, ư, or a vowel with a tone mark); Vietnamese legal citations inside a sentence are left
  out first ("Nghị định 85/2016/NĐ-CP", "Luật An toàn thông tin mạng 2015": a rule's text cites a law by its
  title), but not on a legal basis line ("basis: …", "Legal basis: …"), a hint line ("hint: …") or a line of the
  verdict ("Verdict on …", "Edition in force: …", "No edition of …", "In preparation: …"): a rule's legal basis
  and a framework's instrument are translated (kientruc.i18n.basis_title), a hint cites in English, so one left
  in Vietnamese there is found.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Iterable

import yaml

ENGLISH = frozenset(
    """the of and is are was were be been has have had but not with without for from this that these those
    which who whose its it they their there where when while than then also only yet any every each all
    does should must cannot can could would will shall into onto upon about after before since until
    found missing named names name required unknown expected allowed error errors warning warnings hint
    see basis finding findings element elements file files rule rules model system systems agency
    or by at as if such because through between under over""".split()
)

VIETNAMESE_LETTERS = re.compile(
    "[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE
)
_PLACE = re.compile(r"\S+\.(?:ya?ml|json|xml|html|docx)(?::\d+(?::\d+)?)?")
_KEBAB = re.compile(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")
_CODE = re.compile(r"\b[A-Z]{2,5}\d{3,4}\b")
_BRACKETED_NAME = re.compile(r"\[[a-z0-9-]+\]|[*&<]\w+>?|--[a-z-]+")  # rule names; YAML aliases, anchors, <placeholders>; options
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|“[^”\n]*”|`[^`\n]*`")
_BASIS = re.compile(r"^\s*(?:basis|căn cứ|Basis|Căn cứ): .*$", re.MULTILINE)
_BASIS_LINE = re.compile(  # lines of an English report where every citation is translated: legal bases,
    # hints, the verdict and the editions read (the frameworks' instruments, kientruc.i18n.basis_title)
    r"^\s*(?:- )?(?:[Ll]egal basis|[Bb]asis|hint): |^(?:Verdict on |Edition in force: |No edition of |In preparation: )")
_CITATION = re.compile(
    r"(?:Luật|Nghị định|Nghị quyết|Quyết định|Thông tư|Công văn|Văn bản|Đề án|Chỉ thị|Kế hoạch|QCVN|TCVN|NĐ|QĐ|TT)"
    r"\b[^;,()\n]*"
)
_WORD = re.compile(r"[^\W\d_]+(?:[-_./][^\s,;:()]*)?", re.UNICODE)


def model_texts(root: Path) -> list[str]:
    """Every text written in a model folder's YAML (names, descriptions, reasons…), longest first."""
    out: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, str):
            if len(node) > 2:
                out.add(unicodedata.normalize("NFC", node))
        elif isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for path in sorted(Path(root).rglob("*.yaml")):
        try:
            walk(yaml.safe_load(path.read_text(encoding="utf-8")))
        except Exception:  # noqa: BLE001
            continue  # a broken file: its texts are in the report only as quoted
    return sorted(out, key=len, reverse=True)


def _strip(text: str, model: Iterable[str], basis: bool = True) -> str:
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\\([\\`*_\[\]<>|~#])", r"\1", text)  # Markdown's escapes (security\_level)
    if basis:
        text = _BASIS.sub(" ", text)
    model = list(model)
    if model:  # the model's own texts, whole (never the middle of an id or a rule name)
        alternatives = "|".join(re.escape(t) for t in model)
        text = re.sub(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])", " ", text)
    text = _KEBAB.sub(" ", text)  # ids and rule names
    for pattern in (_PLACE, _QUOTED, _BRACKETED_NAME, _CODE):
        text = pattern.sub(" ", text)
    return text


def _words(text: str) -> Iterable[str]:
    for m in _WORD.finditer(text):
        word = m.group(0)
        if any(c in word for c in "-_./") or any(c.isdigit() for c in word):
            continue  # a key, a value or an id the model writes
        yield word


def english_words(text: str, model: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(word, line) for each English word left in a Vietnamese ``text``."""
    found = []
    for line in _strip(text, model).splitlines():
        for word in _words(line):
            if word.lower() in ENGLISH:
                found.append((word, line.strip()))
    return found


def vietnamese_words(text: str, model: Iterable[str] = (), citations: bool = True) -> list[tuple[str, str]]:
    """(word, line) for each Vietnamese word left in an English ``text``; ``citations=False``: a Vietnamese
    citation is found on every line (an output whose every citation kientruc translates: ``profiles``)."""
    found = []
    for line in _strip(text, model, basis=False).splitlines():
        if citations and not _BASIS_LINE.match(line):
            line = _CITATION.sub(" ", line)
        for word in _words(line):
            if VIETNAMESE_LETTERS.search(word):
                found.append((word, line.strip()))
    return found
