"""How the loader reports a problem: a finding with one of the load codes, and values shown short in its message."""

from __future__ import annotations

import reprlib
from typing import Any

from ..codes import LOAD_CODES
from ..findings import Finding, Location, Severity
from ..i18n import Msg

LOAD_RULES = LOAD_CODES  # the loader's codes, declared in kientruc.codes


def _load_finding(
    code: str,
    message: Msg,
    file: str,
    line: int | None = None,
    column: int | None = None,
    *,
    element: str | None = None,
    hint: Msg | None = None,
    severity: Severity = Severity.ERROR,
    related: tuple[Location, ...] = (),
) -> Finding:
    """A finding of the load code ``code`` at a place of a file; an error (the default) is fatal."""
    rule = LOAD_RULES[code]
    return Finding(
        code=code,
        name=rule.name,
        severity=severity,
        message=message,
        element=element,
        location=Location(file, line, column, element),
        related=related,
        hint=hint,
        fatal=severity is Severity.ERROR,
    )


_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother, _REPR.maxlist, _REPR.maxdict = 2, 130, 60, 4, 4  # ids: <= 120


def _show(value: Any) -> str:
    """A short repr of a model value for a message: bounded in length and nesting."""
    return _REPR.repr(value)
