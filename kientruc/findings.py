"""The one finding type every stage of kientruc speaks.

A :class:`Finding` is immutable data: which rule (code and readable name), how bad
(:class:`Severity`), what is wrong (message), where (element id and a
:class:`Location` with file:line:column), what else is involved (related locations),
which law it enforces (legal basis) and how to fix it (hint).

The message and the hint are :class:`kientruc.i18n.Msg` — a message id and its values — so that
each renderer writes them in the language it was asked for (:meth:`Finding.text`,
:meth:`Finding.hint_text`); what identifies a finding (its fingerprint, a baseline) reads the
message's language-independent form, never a rendered text.

The loader, the rules and the reporters all use this module; it imports nothing
else from kientruc but the catalogue (:mod:`kientruc.i18n`), so any stage can be used on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import IntEnum
from typing import Any

from .i18n import LANGS, Msg, Text, raw, render


class Severity(IntEnum):
    """How bad a finding is. Ordered, so ``severity >= Severity.WARNING`` works."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}; expected error, warning or info") from None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a model file. ``line`` and ``column`` are 1-based."""

    file: str
    line: int | None = None
    column: int | None = None
    element: str | None = None
    note: str | None = None

    def __str__(self) -> str:
        out = self.file
        if self.line is not None:
            out += f":{self.line}"
            if self.column is not None:
                out += f":{self.column}"
        return out

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"file": self.file, "line": self.line, "column": self.column}
        if self.element is not None:
            d["element"] = self.element
        if self.note is not None:
            d["note"] = self.note
        return d


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing kientruc has to say about a model.

    ``fatal`` marks findings that mean the input could not be read (YAML syntax,
    schema errors, a missing manifest): the model was not checked, and the
    command exits with 2. ``internal`` marks a crash inside kientruc (exit 3).
    """

    code: str
    name: str
    severity: Severity
    message: Text
    element: str | None = None
    location: Location | None = None
    related: tuple[Location, ...] = ()
    legal_basis: tuple[str, ...] = ()
    hint: Text | None = None
    fatal: bool = False
    internal: bool = False
    key: str | None = None  # message-independent: what tells it apart from the rule's other findings on the element

    def with_severity(self, severity: Severity) -> "Finding":
        return replace(self, severity=severity)

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        return render(self.message, lang)

    def hint_text(self, lang: str) -> str | None:
        """The hint in ``lang``; None without one."""
        return render(self.hint, lang) if self.hint is not None else None

    @property
    def message_id(self) -> str | None:
        """The message's id in the catalogue (its English text with placeholders); None for a text given as it is."""
        return self.message.id if isinstance(self.message, Msg) else None

    def sort_key(self) -> tuple:
        loc = self.location
        return (
            loc.file if loc else "",
            loc.line or 0 if loc else 0,
            loc.column or 0 if loc else 0,
            self.code,
            self.element or "",
            str(self.message),
        )

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The finding as JSON data, its message and hint written in ``lang``; ``message_id`` and
        ``message_args`` give the message's id in the catalogue and its raw values."""
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
        loc = self.location
        m = self.message
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.text(lang),
            "message_id": m.id if isinstance(m, Msg) else None,
            "message_args": {k: v if isinstance(v, (int, float)) else raw(v) for k, v in m.args} if isinstance(m, Msg) else {},
            "element": self.element,
            "file": loc.file if loc else None,
            "line": loc.line if loc else None,
            "column": loc.column if loc else None,
            "related": [r.to_dict() for r in self.related],
            "legal_basis": list(self.legal_basis),
            "hint": self.hint_text(lang),
            "fatal": self.fatal,
        }


@dataclass(slots=True)
class Summary:
    """Counts of findings by severity, and the exit code they lead to."""

    errors: int = 0
    warnings: int = 0
    infos: int = 0
    fatal: int = 0
    internal: int = 0
    by_code: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, findings: list[Finding]) -> "Summary":
        s = cls()
        for f in findings:
            if f.severity is Severity.ERROR:
                s.errors += 1
            elif f.severity is Severity.WARNING:
                s.warnings += 1
            else:
                s.infos += 1
            s.fatal += f.fatal
            s.internal += f.internal
            s.by_code[f.code] = s.by_code.get(f.code, 0) + 1
        return s


EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3


def exit_code(findings: list[Finding], fail_on: Severity = Severity.ERROR) -> int:
    """0 clean, 1 findings at or above ``fail_on``, 2 unreadable input, 3 a kientruc bug."""
    if any(f.internal for f in findings):
        return EXIT_INTERNAL
    if any(f.fatal for f in findings):
        return EXIT_INPUT
    if any(f.severity >= fail_on for f in findings):
        return EXIT_FINDINGS
    return EXIT_OK
