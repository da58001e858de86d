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
from ..i18n import Msg, field, msg

_OLD_KEYS = (("architecture", "version"), ("architecture", "approved_by"), ("architecture", "approved_on"), ("profile",))


def _at(sources: SourceMap, path: tuple[str | int, ...]) -> tuple[int | None, int | None]:
    loc = sources.in_manifest(path)
    return loc.line, loc.column


def _error(sources: SourceMap, path: tuple[str | int, ...], message: Msg, hint: Msg) -> Finding:
    line, column = _at(sources, path)
    return _load_finding("LOAD016", message, sources.manifest_file, line, column, hint=hint)


def manifest_editions(manifest: Manifest, sources: SourceMap) -> list[Finding]:
    """The form of the manifest's editions: errors (LOAD007, LOAD016) and the old form's notice (LOAD015)."""
    info = manifest.architecture
    if not manifest.editions:
        missing = []
        if manifest.profile is None:
            missing.append(_load_finding("LOAD007", msg("missing required field {field}", field=field("profile")), sources.manifest_file, 1, 1,
                                         hint=msg("add 'profile: <id>' (see `kientruc profiles`), or write 'editions:'")))
        if info.version is None:
            line, column = _at(sources, ("architecture",))
            missing.append(_load_finding("LOAD007", msg("missing required field {field}", field=field("version")), sources.manifest_file,
                                         line, column, hint=msg("add 'version:' under 'architecture:', or write 'editions:'")))
        if missing:
            return missing
        line, column = _at(sources, ("architecture", "version"))
        return [
            _load_finding(
                "LOAD015",
                msg("the manifest describes one edition (version {version}, profile {profile}); "
                    "it is read as the architecture's only edition", version=info.version, profile=manifest.profile),
                sources.manifest_file,
                line,
                column,
                severity=Severity.INFO,
                hint=msg(
                    "record the editions over time instead: 'editions:' with, for each, version, title, "
                    "approved_by (a legal_document id or draft), date, province and profile — e.g. "
                    "editions: [{{version: \"{version}\", title: {title}, approved_by: {approved_by}, date: {date}, "
                    "profile: {profile}}}] (and drop architecture.version, approved_by, approved_on "
                    "and profile; `kientruc schema --manifest` describes the fields)",
                    version=info.version, title=info.name, approved_by=info.approved_by or "draft",
                    date=info.approved_on.isoformat() if info.approved_on else "YYYY-MM-DD", profile=manifest.profile,
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
                    msg("'{key}' is written beside 'editions:'", key=".".join(map(str, path))),
                    msg("with editions, each edition names its version, decision, day and profile: "
                        "move it into the edition it belongs to and remove '{key}'", key=".".join(map(str, path))),
                )
            )
    indexed = list(enumerate(manifest.editions))
    seen: dict[str, int] = {}
    for i, e in indexed:
        if e.version in seen:
            findings.append(_error(sources, ("editions", i, "version"),
                                   msg("two editions have the version '{version}' (editions {first} and {second})",
                                       version=e.version, first=seen[e.version] + 1, second=i + 1),
                                   msg("give each edition its own version")))
        seen.setdefault(e.version, i)
        if e.until is not None and e.until < e.date:
            findings.append(_error(sources, ("editions", i, "until"),
                                   msg("edition {version} ends ({until}) before its day ({date})", version=e.version, until=e.until, date=e.date),
                                   msg("'until' is the last day the edition is in force, on or after its 'date'")))
    approved = sorted((item for item in indexed if not item[1].draft), key=lambda item: item[1].date)
    for (i, a), (j, b) in zip(approved, approved[1:]):
        if a.date == b.date:
            findings.append(_error(sources, ("editions", j, "date"),
                                   msg("editions {a} and {b} are both approved on {date}: which one is in force that day cannot be told",
                                       a=a.version, b=b.version, date=b.date),
                                   msg("correct the day of one of them, or mark the one not approved as approved_by: draft")))
        elif a.until is not None and a.until >= b.date:
            findings.append(_error(sources, ("editions", i, "until"),
                                   msg("edition {a} is in force until {until}, but edition {b} replaces it on {date}: their days overlap",
                                       a=a.version, until=a.until, b=b.version, date=b.date),
                                   msg("end edition {a} before {date}, or drop its 'until'", a=a.version, date=b.date)))
    return findings


def edition_decisions(manifest: Manifest, sources: SourceMap, elements: Iterable[object]) -> list[Finding]:
    """LOAD016 for an edition approved by an id that is no legal_document of the model."""
    if not manifest.editions:
        return []  # the one-edition form's approved_by is checked by STR001 as before
    wanted = {e.approved_by for e in manifest.editions if not e.draft}
    index = sources.first_index
    if index and isinstance(elements, list):  # each id's first element, as the loader found them
        kinds = {w: getattr(elements[index[w]], "kind", None) for w in wanted if w in index}
    else:
        kinds = {}
        for el in elements:
            i = getattr(el, "id", None)
            if i in wanted and i not in kinds:
                kinds[i] = getattr(el, "kind", None)
    findings: list[Finding] = []
    for i, e in enumerate(manifest.editions):
        if e.draft:
            continue
        kind = kinds.get(e.approved_by)
        if kind == "legal_document":
            continue
        what = msg("no element of the model") if kind is None else msg("a {kind}, not a legal_document", kind=kind)
        findings.append(_error(
            sources, ("editions", i, "approved_by"),
            msg("edition {version} is approved by '{id}', which is {what}", version=e.version, id=e.approved_by, what=what),
            msg("write the approving decision as a legal_document element (id, name, number, doc_type, date, issuer) and name its id "
                "here, or write 'approved_by: draft' for an edition not approved yet"),
        ))
    return findings
