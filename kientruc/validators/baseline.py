"""Baselines: let an existing architecture adopt new rules without a red CI.

``kientruc check --write-baseline FILE`` records the fingerprints of today's findings;
``kientruc check --baseline FILE`` then reports only findings that are not in it. A
baseline entry that no longer matches any finding (the problem was fixed, or the
element renamed) is reported as an info finding, BSL001, so the baseline shrinks as
the debt is paid.

A baseline fingerprint is the rule code, the element id and a *message-independent*
key (what tells one finding of the rule on the element from another: the relation's
target, the missing component, the national connection…). It does not depend on file,
line or wording, so moving elements between files or improving a message keeps the
baseline valid. Equal fingerprints are matched by count: two findings in the baseline
hide two, a third is reported.

Unlike a waiver (an approved, dated exception for named elements, see STYLE.md), a
baseline is technical debt acknowledged in bulk; both are reviewable files in git.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding
from ..i18n import msg

BASELINE_VERSION = 1


def finding_key(f: Finding) -> str:
    """The finding's message-independent key ('' when the rule gives none)."""
    return f.key or ""


def fingerprint(f: Finding) -> str:
    """16 hex digits identifying a finding across line moves and rewordings."""
    raw = "\x1f".join((f.code, f.element or "", finding_key(f)))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


class BaselineError(ValueError):
    """A file given as a baseline is not one."""


@dataclass
class BaselineEntry:
    fingerprint: str
    code: str
    element: str | None
    key: str
    count: int = 1
    message: str = ""  # for people reading the file; not matched
    line: int | None = None  # where the entry is in the baseline file


@dataclass
class Baseline:
    path: str
    entries: list[BaselineEntry] = field(default_factory=list)
    # the framework profile of the check that wrote it: it applies only to checks against that profile
    # (None: to every check, as baselines written before profiles were recorded)
    profile: str | None = None

    def applies_to(self, profile: str | None) -> bool:
        return self.profile is None or self.profile == profile

    @classmethod
    def of(cls, findings: list[Finding], path: str = "", profile: str | None = None) -> "Baseline":
        entries: dict[str, BaselineEntry] = {}
        for f in findings:
            if f.fatal or f.internal:
                continue
            fp = fingerprint(f)
            if fp in entries:
                entries[fp].count += 1
            else:
                entries[fp] = BaselineEntry(fp, f.code, f.element, finding_key(f), 1, str(f.message))
        ordered = sorted(entries.values(), key=lambda e: (e.code, e.element or "", e.key))
        return cls(path, ordered, profile)

    def to_json(self) -> str:
        """One entry per line, sorted: diffs of the file stay readable."""
        lines = ["{", f'  "version": {BASELINE_VERSION},']
        if self.profile:
            lines.append(f'  "profile": {json.dumps(self.profile)},')
        lines.append('  "findings": [')
        for i, e in enumerate(self.entries):
            item = {"fingerprint": e.fingerprint, "code": e.code, "element": e.element, "key": e.key}
            if e.count != 1:
                item["count"] = e.count
            item["message"] = e.message
            comma = "," if i < len(self.entries) - 1 else ""
            lines.append("    " + json.dumps(item, ensure_ascii=False) + comma)
        lines += ["  ]", "}"]
        return "\n".join(lines) + "\n"

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> "Baseline":
        """Read a baseline file; raises ValueError when it is not one."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise BaselineError(msg("{file}: no such baseline file (write one with `kientruc check --write-baseline FILE`)",
                                    file=str(path))) from None
        except (OSError, UnicodeDecodeError):
            raise BaselineError(msg("{file}: the baseline file cannot be read as UTF-8 text", file=str(path))) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BaselineError(msg("{file}: not a kientruc baseline (invalid JSON: {error}, line {line})", file=str(path),
                                      error=exc.msg, line=exc.lineno)) from None
        if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or not isinstance(data.get("findings"), list):
            raise BaselineError(msg("{file}: not a kientruc baseline (expected version {version} and a findings list)",
                                      file=str(path), version=BASELINE_VERSION))
        lines = text.splitlines()
        entries = []
        for item in data["findings"]:
            fp = item.get("fingerprint")
            if not isinstance(fp, str):
                raise BaselineError(msg("{file}: a baseline entry has no fingerprint", file=str(path)))
            line = next((n for n, ln in enumerate(lines, 1) if fp in ln), None)
            entries.append(
                BaselineEntry(
                    fp,
                    str(item.get("code", "")),
                    item.get("element"),
                    str(item.get("key", "")),
                    int(item.get("count", 1)),
                    str(item.get("message", "")),
                    line,
                )
            )
        profile = data.get("profile")
        return cls(str(path), entries, profile if isinstance(profile, str) else None)

    def split(self, findings: list[Finding]) -> tuple[list[Finding], list[Finding], list[BaselineEntry]]:
        """(findings to report, findings the baseline hides, entries that matched nothing)."""
        budget: Counter[str] = Counter()
        for e in self.entries:
            budget[e.fingerprint] += e.count
        used: Counter[str] = Counter()
        reported: list[Finding] = []
        hidden: list[Finding] = []
        for f in findings:
            fp = fingerprint(f)
            if not (f.fatal or f.internal) and used[fp] < budget[fp]:
                used[fp] += 1
                hidden.append(f)
            else:
                reported.append(f)
        stale = [e for e in self.entries if used[e.fingerprint] == 0]
        return reported, hidden, stale


__all__ = ["Baseline", "BaselineEntry", "fingerprint", "finding_key"]
