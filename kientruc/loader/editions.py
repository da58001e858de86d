"""The manifest's editions checked: each edition well formed, in order, approved by a decision of the model.

Two forms of the manifest are read:

* ``editions:`` — the architecture's editions over time, each with its version, title, approving
  decision (a ``legal_document`` of the model, or ``draft``), day, province and framework profile;
* the one-edition form of earlier manifests — ``architecture.version`` (with ``approved_by`` and
  ``approved_on``) and ``profile`` — read as one implicit edition, with a notice (LOAD015, info) that
  shows where it is and what the new form looks like.

Problems of the editions are errors of the load stage (LOAD016): the model is not checked until
they are fixed, since which framework judges it depends on them. The profile of each edition is
checked apart, with the manifest's (:mod:`.profile_check`, LOAD008).
"""

from __future__ import annotations

from typing import Iterable

from ..findings import Finding, Severity
from ..loaded import SourceMap
from ..models import Manifest
from .problems import _load_finding

_OLD_KEYS = (("architecture", "version"), ("architecture", "approved_by"), ("architecture", "approved_on"), ("profile",))


def _at(sources: SourceMap, path: tuple[str | int, ...]) -> tuple[int | None, int | None]:
    loc = sources.in_manifest(path)
    return loc.line, loc.column


def _error(sources: SourceMap, path: tuple[str | int, ...], message: str, hint: str) -> Finding:
    line, column = _at(sources, path)
    return _load_finding("LOAD016", message, sources.manifest_file, line, column, hint=hint)


def manifest_editions(manifest: Manifest, sources: SourceMap) -> list[Finding]:
    """The form of the manifest's editions: errors (LOAD007, LOAD016) and the old form's notice (LOAD015)."""
    info = manifest.architecture
    if not manifest.editions:
        missing = []
        if manifest.profile is None:
            missing.append(_load_finding("LOAD007", "missing required field 'profile'", sources.manifest_file, 1, 1,
                                         hint="add 'profile: <id>' (see `kientruc profiles`), or write 'editions:'"))
        if info.version is None:
            line, column = _at(sources, ("architecture",))
            missing.append(_load_finding("LOAD007", "missing required field 'version'", sources.manifest_file,
                                         line, column, hint="add 'version:' under 'architecture:', or write 'editions:'"))
        if missing:
            return missing
        line, column = _at(sources, ("architecture", "version"))
        return [
            _load_finding(
                "LOAD015",
                f"the manifest describes one edition (version {info.version}, profile {manifest.profile}); "
                "it is read as the architecture's only edition",
                sources.manifest_file,
                line,
                column,
                severity=Severity.INFO,
                hint=(
                    "record the editions over time instead: 'editions:' with, for each, version, title, "
                    f"approved_by (a legal_document id or draft), date, province and profile — e.g. "
                    f"editions: [{{version: \"{info.version}\", title: {info.name}, "
                    f"approved_by: {info.approved_by or 'draft'}, date: "
                    f"{info.approved_on.isoformat() if info.approved_on else 'YYYY-MM-DD'}, "
                    f"profile: {manifest.profile}}}] (and drop architecture.version, approved_by, approved_on "
                    "and profile; `kientruc schema --manifest` describes the fields)"
                ),
            )
        ]
    findings: list[Finding] = []
    for path in _OLD_KEYS:
        node = info if path[0] == "architecture" else manifest
        if getattr(node, path[-1]) is not None:
            findings.append(
                _error(
                    sources,
                    path,
                    f"'{'.'.join(map(str, path))}' is written beside 'editions:'",
                    "with editions, each edition names its version, decision, day and profile: "
                    f"move it into the edition it belongs to and remove '{'.'.join(map(str, path))}'",
                )
            )
    indexed = list(enumerate(manifest.editions))
    seen: dict[str, int] = {}
    for i, e in indexed:
        if e.version in seen:
            findings.append(_error(sources, ("editions", i, "version"),
                                   f"two editions have the version {e.version!r} (editions {seen[e.version] + 1} and {i + 1})",
                                   "give each edition its own version"))
        seen.setdefault(e.version, i)
        if e.until is not None and e.until < e.date:
            findings.append(_error(sources, ("editions", i, "until"),
                                   f"edition {e.version} ends ({e.until.isoformat()}) before its day ({e.date.isoformat()})",
                                   "'until' is the last day the edition is in force, on or after its 'date'"))
    approved = sorted((item for item in indexed if not item[1].draft), key=lambda item: item[1].date)
    for (i, a), (j, b) in zip(approved, approved[1:]):
        if a.date == b.date:
            findings.append(_error(sources, ("editions", j, "date"),
                                   f"editions {a.version} and {b.version} are both approved on {b.date.isoformat()}: "
                                   "which one is in force that day cannot be told",
                                   "correct the day of one of them, or mark the one not approved as approved_by: draft"))
        elif a.until is not None and a.until >= b.date:
            findings.append(_error(sources, ("editions", i, "until"),
                                   f"edition {a.version} is in force until {a.until.isoformat()}, but edition {b.version} "
                                   f"replaces it on {b.date.isoformat()}: their days overlap",
                                   f"end edition {a.version} before {b.date.isoformat()}, or drop its 'until'"))
    return findings


def edition_decisions(manifest: Manifest, sources: SourceMap, elements: Iterable[object]) -> list[Finding]:
    """LOAD016 for an edition approved by an id that is no legal_document of the model."""
    if not manifest.editions:
        return []  # the one-edition form's approved_by is checked by STR001 as before
    kinds = {getattr(el, "id", None): getattr(el, "kind", None) for el in elements}
    findings: list[Finding] = []
    for i, e in enumerate(manifest.editions):
        if e.draft:
            continue
        kind = kinds.get(e.approved_by)
        if kind == "legal_document":
            continue
        what = "no element of the model" if kind is None else f"a {kind}, not a legal_document"
        findings.append(_error(
            sources, ("editions", i, "approved_by"),
            f"edition {e.version} is approved by '{e.approved_by}', which is {what}",
            "write the approving decision as a legal_document element (id, name, number, doc_type, date, issuer) and name its id "
            "here, or write 'approved_by: draft' for an edition not approved yet",
        ))
    return findings
