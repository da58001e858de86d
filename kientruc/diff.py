"""What a change does to the architecture: a semantic diff of two versions of a model.

``kientruc diff BASE [HEAD]`` and :func:`diff` compare two versions of a model folder.
Each side is a git revision of the repository that holds the model (its files are read
with ``git ls-tree``/``git cat-file`` into a temporary folder; the work tree, the index
and the refs are never touched), a folder on disk, or (``HEAD`` omitted) the working
tree as it is now, uncommitted edits included.

The diff is about the model, not the text of the files:

* **elements** added, removed, renamed and changed, field by field (relation fields are
  left to the next item); an element moved to another file or another line is unchanged;
* **relations** added, removed and changed (their attributes: ``data``, ``via``, dates…),
  keyed by source, type and target; the relation an ``owner`` field implies is shown as
  the ``owner`` field of the element instead;
* the **manifest**: settings changed and waivers added, removed or changed;
* the **findings** the change introduces, resolves (fixed, or now covered by a waiver) or
  re-grades, each side checked for the same day (``as_of``) and profile.

Renamed ids (:func:`detect_renames`)
    An id that disappeared and an id that appeared are taken for one renamed element when
    the evidence is clear: both elements are of the same kind, their contents (every field
    written, except the id, as a set of ``field: value`` leaves, list items counted one by
    one) overlap by at least :data:`RENAME_THRESHOLD` (Jaccard index), and each is the
    other's single best match (a tie between two candidates is no evidence: both are then
    reported as removed and added). A rename is applied everywhere before comparing:
    relations naming the old id, ``owner`` and ``via`` fields, the manifest's waivers, and
    the findings, so that renaming an element changes nothing but its id.

Findings are matched across the sides by a fingerprint that survives line moves and
renames (:mod:`kientruc.fingerprint`): rule code + element id + message (or the rule's own
``key``), with renamed ids mapped and any ``file:line:column`` in the message left out; the
file and line are not part of it. Equal fingerprints are matched one to one; the extra ones
are introduced or resolved, and a pair whose severity differs is re-graded. A resolved
finding that a waiver now covers says so, as does an introduced one a waiver covered before.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from . import _git
from .i18n import Msg, msg, render
from .fingerprint import digest, fingerprint, fingerprint_key, id_mapper
from .findings import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, Finding, Location, Severity, Summary
from .loader import MANIFEST, MODEL_SUFFIXES, LoadResult, _display
from .models import RELATION_TYPES, Element
from .pipeline import check
from .validators import CheckResult, lookup

RENAME_THRESHOLD = 0.8
"""Least content overlap (Jaccard index of the fields written) for an id change to count as a rename."""

DIFF_VERSION = 1


class SideError(Exception):
    """One side of the diff cannot be read: not a folder nor a revision, or the model in it is unreadable.

    ``message`` is the English text (the message's canonical form); :meth:`text` writes it in a language."""

    def __init__(self, message: Msg | str, findings: Iterable[Finding] = ()) -> None:
        super().__init__(message)
        self.said = message
        self.message = str(message)
        self.findings = list(findings)

    def text(self, lang: str) -> str:
        return render(self.said, lang)


# --------------------------------------------------------------------------- the two sides


@dataclass(frozen=True)
class Side:
    """Where one side of a diff comes from."""

    kind: str  # "git" | "directory" | "worktree"
    label: str  # how reports name it: "main (8ab1633)", "the working tree", "old/architecture"
    path: str  # the model folder, as reports show it
    revision: str | None = None
    commit: str | None = None

    @property
    def place(self) -> Msg:
        """``at main (8ab1633)``, ``in the working tree``, ``in old/architecture``."""
        return msg("at {label}", label=self.label) if self.kind == "git" else msg("in {label}", label=self.title)

    @property
    def title(self) -> Msg | str:
        """How a report names it, in any language: the working tree by its words, else its label."""
        return msg("the working tree") if self.kind == "worktree" else self.label

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "label": self.label, "path": self.path, "revision": self.revision,
                "commit": self.commit}


Relabel = Callable[[str], str]


def _has_model(folder: Path) -> bool:
    return (folder / MANIFEST).is_file()


@contextlib.contextmanager
def open_side(spec: str | None, model_dir: str | os.PathLike[str]) -> Iterator[tuple[Side, Path, Relabel]]:
    """Make one side readable as a folder: yields the side, the model folder and a file relabeller.

    ``spec`` None is the working tree (``model_dir`` as it is on disk); an existing folder
    is that folder (or its ``architecture/`` subfolder if the manifest is there); anything
    else is a git revision of the repository that holds ``model_dir``, whose files below
    ``model_dir`` are written into a temporary folder, removed on exit. The relabeller
    turns a file name the loader gave inside that temporary folder into the name the same
    file has in the working tree, so that findings of both sides name the same files.
    """
    model_dir = Path(model_dir)
    if spec is None:
        if not _has_model(model_dir):
            raise SideError(msg("the working tree has no model: {file} does not exist", file=_display(model_dir / MANIFEST, model_dir)))
        yield Side("worktree", "the working tree", _display(model_dir, model_dir)), model_dir, _same
        return
    as_dir = Path(spec)
    if as_dir.is_dir():
        folder = as_dir
        if not _has_model(folder) and _has_model(folder / "architecture"):
            folder = folder / "architecture"
        if not _has_model(folder):
            raise SideError(msg("the folder '{folder}' holds no model: it has no {manifest}", folder=spec, manifest=MANIFEST))
        shown = _display(folder, folder)
        yield Side("directory", shown, shown), folder, _same
        return
    if not _git.available():
        raise SideError(msg("'{spec}' is not a folder, and git is not installed to read it as a revision", spec=spec))
    repo = _git.toplevel(model_dir)
    if repo is None:
        raise SideError(msg(
            "'{spec}' is not a folder, and {folder} is not in a git repository, so it cannot be a revision either",
            spec=spec, folder=_display(model_dir, model_dir)))
    commit = _git.resolve(repo, spec)
    if commit is None:
        if _git.is_shallow(repo):
            raise SideError(msg(
                "'{spec}' is neither a folder nor a revision of the git repository {repo}; the clone is shallow, so "
                "older revisions are missing: fetch the history ({how})", spec=spec, repo=str(repo),
                how="actions/checkout with fetch-depth: 0; GIT_DEPTH: 0 in GitLab CI; git fetch --unshallow"))
        raise SideError(msg("'{spec}' is neither a folder nor a revision of the git repository {repo}", spec=spec,
                            repo=str(repo)))
    prefix = Path(os.path.relpath(os.path.realpath(model_dir), os.path.realpath(repo))).as_posix()
    if prefix == ".":
        prefix = ""
    if prefix.startswith(".."):
        raise SideError(msg("the model folder {folder} is outside the git repository {repo}", folder=str(model_dir), repo=str(repo)))
    label = f"{spec} ({commit.short})" if not commit.sha.startswith(spec) else commit.short
    shown_folder = (prefix or ".") + "/"
    if not _git.is_folder(repo, commit, prefix):
        raise SideError(msg("{folder} does not exist at {label}; use {option} to name the model folder", folder=shown_folder,
                            label=label, option="--dir"))
    with tempfile.TemporaryDirectory(prefix="kientruc-diff-") as tmp:
        folder = Path(tmp) / "model"
        folder.mkdir()
        try:
            _git.export_folder(repo, commit, prefix, folder, MODEL_SUFFIXES)
        except _git.GitError as exc:
            raise SideError(msg("cannot read {folder} at {label}: {error}", folder=shown_folder, label=label, error=str(exc))) from None
        if not _has_model(folder):
            raise SideError(msg("{folder} has no {manifest} at {label}: it holds no model", folder=shown_folder, manifest=MANIFEST,
                                label=label))
        shown_tmp = _display(folder, folder)

        def relabel(name: str) -> str:
            if name.startswith(shown_tmp + "/"):
                return _display(model_dir / name[len(shown_tmp) + 1 :], model_dir)
            if name == shown_tmp:
                return _display(model_dir, model_dir)
            return name

        side = Side("git", label, _display(model_dir, model_dir), spec, commit.sha)
        yield side, folder, relabel


def _same(name: str) -> str:
    return name


def _relabel_location(loc: Location | None, relabel: Relabel) -> Location | None:
    return replace(loc, file=relabel(loc.file)) if loc is not None else None


def _relabel_finding(f: Finding, relabel: Relabel) -> Finding:
    if relabel is _same:
        return f
    return replace(
        f,
        location=_relabel_location(f.location, relabel),
        related=tuple(replace(r, file=relabel(r.file)) for r in f.related),
    )


@dataclass
class Snapshot:
    """One side, loaded and checked; file names as the working tree has them."""

    side: Side
    result: CheckResult
    relabel: Relabel = field(repr=False)

    @property
    def load(self) -> LoadResult:
        return self.result.load

    @property
    def elements(self) -> dict[str, Element]:
        arch = self.result.load.architecture
        return arch.by_id() if arch is not None else {}

    def where(self, element_id: str, path: tuple[str | int, ...] = ()) -> Location | None:
        return _relabel_location(self.result.load.sources.element(element_id, path), self.relabel)


def snapshot(
    spec: str | None,
    model_dir: str | os.PathLike[str],
    *,
    as_of: dt.date | None = None,
    profile: str | None = None,
    today: dt.date | None = None,
) -> Snapshot:
    """Load and check one side (see :func:`open_side`); raise :class:`SideError` if it cannot be read."""
    with open_side(spec, model_dir) as (side, folder, relabel):
        result = check(folder, as_of=as_of, profile=profile, today=today)
        if not result.load.ok:
            fatal = [_relabel_finding(f, relabel) for f in result.load.findings if f.fatal]
            raise SideError(msg("the model {place} could not be read", place=side.place), sorted(fatal, key=Finding.sort_key))
        if any(f.fatal for f in result.findings):
            fatal = [_relabel_finding(f, relabel) for f in result.findings if f.fatal]
            raise SideError(msg("the model {place} could not be checked", place=side.place), fatal)
    result.findings = [_relabel_finding(f, relabel) for f in result.findings]
    result.waived = [(_relabel_finding(f, relabel), w) for f, w in result.waived]
    return Snapshot(side, result, relabel)


# --------------------------------------------------------------------------- what changed


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: its dotted path and the JSON values before and after (None: not set)."""

    field: str
    before: Any = None
    after: Any = None

    @property
    def is_list(self) -> bool:
        return isinstance(self.before, list) or isinstance(self.after, list)

    @property
    def added_items(self) -> list[Any]:
        """For a list field: the items the change adds (as many times as added)."""
        return _list_minus(self.after, self.before)

    @property
    def removed_items(self) -> list[Any]:
        return _list_minus(self.before, self.after)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"field": self.field, "before": self.before, "after": self.after}
        if self.is_list:
            d["added_items"] = self.added_items
            d["removed_items"] = self.removed_items
        return d


def _canon(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _list_minus(a: Any, b: Any) -> list[Any]:
    a = a if isinstance(a, list) else ([] if a is None else [a])
    b = b if isinstance(b, list) else ([] if b is None else [b])
    left = Counter(_canon(x) for x in b)
    out = []
    for x in a:
        key = _canon(x)
        if left[key]:
            left[key] -= 1
        else:
            out.append(x)
    return out


@dataclass(frozen=True)
class ElementInfo:
    """An element added or removed."""

    id: str
    kind: str
    name: str
    status: str
    location: Location | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "name": self.name, "status": self.status,
                **_loc_dict(self.location)}


@dataclass(frozen=True)
class ElementChange:
    """An element present on both sides (under ``old_id`` before, if renamed) whose fields differ."""

    id: str
    kind: str
    name: str
    location: Location | None
    changes: tuple[FieldChange, ...] = ()
    old_id: str | None = None
    similarity: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "kind": self.kind, "name": self.name, **_loc_dict(self.location)}
        if self.old_id is not None:
            d["old_id"] = self.old_id
            d["similarity"] = self.similarity
        d["changes"] = [c.to_dict() for c in self.changes]
        return d


@dataclass(frozen=True)
class RelationInfo:
    """A relation added or removed; ``attributes`` are those written on it (``data``, ``via``…)."""

    source: str
    type: str
    target: str
    attributes: Mapping[str, Any]
    location: Location | None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "type": self.type, "target": self.target,
                "attributes": dict(self.attributes), **_loc_dict(self.location)}


@dataclass(frozen=True)
class RelationChange:
    """A relation on both sides whose attributes differ."""

    source: str
    type: str
    target: str
    changes: tuple[FieldChange, ...]
    location: Location | None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "type": self.type, "target": self.target,
                "changes": [c.to_dict() for c in self.changes], **_loc_dict(self.location)}


@dataclass(frozen=True)
class WaiverChange:
    """A waiver of the manifest added, removed or changed (``changes`` for a changed one)."""

    rule: str
    elements: tuple[str, ...]
    waiver: Mapping[str, Any]  # as written (after the change; before it for a removed one)
    changes: tuple[FieldChange, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = {"rule": self.rule, "elements": list(self.elements), "waiver": dict(self.waiver)}
        if self.changes:
            d["changes"] = [c.to_dict() for c in self.changes]
        return d


@dataclass(frozen=True)
class FindingChange:
    """A finding the change introduces, resolves or re-grades.

    ``finding`` is the finding after the change (before it, for a resolved one).
    ``severity_before`` is set for a re-graded finding. ``waiver`` is the waiver that now
    covers a resolved finding, or that covered an introduced one before the change.
    """

    finding: Finding
    fingerprint: str
    severity_before: Severity | None = None
    waiver: Mapping[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        d = self.finding.to_dict()
        d["fingerprint"] = self.fingerprint
        if self.severity_before is not None:
            d["severity_before"] = self.severity_before.label
        if self.waiver is not None:
            d["waiver"] = dict(self.waiver)
        return d


def _loc_dict(loc: Location | None) -> dict[str, Any]:
    return {"file": loc.file if loc else None, "line": loc.line if loc else None}


@dataclass
class ArchDiff:
    """Everything :func:`diff` found. Lists are sorted for stable output."""

    base: Side
    head: Side
    as_of: dt.date | None
    profile: str | None
    elements_before: int = 0
    elements_after: int = 0
    added: list[ElementInfo] = field(default_factory=list)
    removed: list[ElementInfo] = field(default_factory=list)
    renamed: list[ElementChange] = field(default_factory=list)
    changed: list[ElementChange] = field(default_factory=list)
    relations_added: list[RelationInfo] = field(default_factory=list)
    relations_removed: list[RelationInfo] = field(default_factory=list)
    relations_changed: list[RelationChange] = field(default_factory=list)
    manifest_changes: list[FieldChange] = field(default_factory=list)
    waivers_added: list[WaiverChange] = field(default_factory=list)
    waivers_removed: list[WaiverChange] = field(default_factory=list)
    waivers_changed: list[WaiverChange] = field(default_factory=list)
    introduced: list[FindingChange] = field(default_factory=list)
    resolved: list[FindingChange] = field(default_factory=list)
    regraded: list[FindingChange] = field(default_factory=list)
    unchanged: int = 0
    findings_before: list[Finding] = field(default_factory=list, repr=False)
    findings_after: list[Finding] = field(default_factory=list, repr=False)

    @property
    def renames(self) -> dict[str, str]:
        """Old id → new id."""
        return {c.old_id: c.id for c in self.renamed if c.old_id}

    @property
    def model_changed(self) -> bool:
        return any((self.added, self.removed, self.renamed, self.changed, self.relations_added,
                    self.relations_removed, self.relations_changed, self.manifest_changes,
                    self.waivers_added, self.waivers_removed, self.waivers_changed))

    def new_findings(self, threshold: Severity) -> list[FindingChange]:
        """Findings at or above ``threshold`` that the change brings: introduced, or re-graded up to it."""
        out = [c for c in self.introduced if c.finding.severity >= threshold]
        out += [
            c for c in self.regraded
            if c.finding.severity >= threshold and c.severity_before is not None and c.severity_before < threshold
        ]
        return out

    def exit_code(self, fail_on_new: Severity | None = None) -> int:
        """0; 1 if ``fail_on_new`` is given and the change brings findings at or above it; 3 if a rule crashed."""
        if any(f.internal for f in self.findings_after):
            return EXIT_INTERNAL
        if fail_on_new is not None and self.new_findings(fail_on_new):
            return EXIT_FINDINGS
        return EXIT_OK

    def to_dict(self, fail_on_new: Severity | None = None) -> dict[str, Any]:
        before, after = Summary.of(self.findings_before), Summary.of(self.findings_after)
        return {
            "version": DIFF_VERSION,
            "tool": "kientruc",
            "base": self.base.to_dict(),
            "head": self.head.to_dict(),
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "profile": self.profile,
            "fail_on_new": fail_on_new.label if fail_on_new else None,
            "exit_code": self.exit_code(fail_on_new),
            "summary": {
                "elements_before": self.elements_before,
                "elements_after": self.elements_after,
                "added": len(self.added),
                "removed": len(self.removed),
                "renamed": len(self.renamed),
                "changed": len(self.changed),
                "relations_added": len(self.relations_added),
                "relations_removed": len(self.relations_removed),
                "relations_changed": len(self.relations_changed),
                "findings_before": {"errors": before.errors, "warnings": before.warnings, "infos": before.infos},
                "findings_after": {"errors": after.errors, "warnings": after.warnings, "infos": after.infos},
                "introduced": len(self.introduced),
                "resolved": len(self.resolved),
                "regraded": len(self.regraded),
                "unchanged": self.unchanged,
            },
            "elements": {
                "added": [e.to_dict() for e in self.added],
                "removed": [e.to_dict() for e in self.removed],
                "renamed": [e.to_dict() for e in self.renamed],
                "changed": [e.to_dict() for e in self.changed],
            },
            "relations": {
                "added": [r.to_dict() for r in self.relations_added],
                "removed": [r.to_dict() for r in self.relations_removed],
                "changed": [r.to_dict() for r in self.relations_changed],
            },
            "manifest": {
                "changes": [c.to_dict() for c in self.manifest_changes],
                "waivers_added": [w.to_dict() for w in self.waivers_added],
                "waivers_removed": [w.to_dict() for w in self.waivers_removed],
                "waivers_changed": [w.to_dict() for w in self.waivers_changed],
            },
            "findings": {
                "introduced": [c.to_dict() for c in self.introduced],
                "resolved": [c.to_dict() for c in self.resolved],
                "regraded": [c.to_dict() for c in self.regraded],
                "unchanged": self.unchanged,
            },
        }


# --------------------------------------------------------------------------- renames


def _leaves(el: Element) -> frozenset[tuple[str, str]]:
    """An element's content as a set of ``(field path, value)`` leaves, without its id and kind."""
    data = el.model_dump(mode="json", exclude_defaults=True)
    data.pop("id", None)
    data.pop("kind", None)
    out: set[tuple[str, str]] = set()

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(f"{prefix}.{k}" if prefix else str(k), v)
        elif isinstance(value, list):
            for i, v in enumerate(value):
                # count equal items apart, so that [a, a] and [a] differ
                out.add((prefix, f"{_canon(v)}#{sum(1 for w in value[:i] if w == v)}"))
        else:
            out.add((prefix, _canon(value)))

    walk("", data)
    return frozenset(out)


def similarity(a: Element, b: Element) -> float:
    """Jaccard index of the two elements' contents (see :func:`_leaves`); 0 for different kinds."""
    if a.kind != b.kind:
        return 0.0
    la, lb = _leaves(a), _leaves(b)
    union = la | lb
    return len(la & lb) / len(union) if union else 1.0


def detect_renames(
    before: Mapping[str, Element], after: Mapping[str, Element], threshold: float = RENAME_THRESHOLD
) -> dict[str, tuple[str, float]]:
    """Old id → (new id, similarity) for ids that were renamed, where the evidence is clear.

    Candidates are ids only ``before`` has and ids only ``after`` has, of the same kind.
    A pair is a rename when its similarity is at least ``threshold`` and each is the
    other's single best candidate (ties are ambiguous and give no rename).
    """
    gone = [i for i in before if i not in after]
    new = [i for i in after if i not in before]
    if not gone or not new:
        return {}
    by_kind: dict[str, list[str]] = defaultdict(list)
    for i in new:
        by_kind[after[i].kind].append(i)
    leaves_new = {i: _leaves(after[i]) for i in new}
    scores: dict[str, list[tuple[float, str]]] = defaultdict(list)  # per old id
    scores_new: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for old in gone:
        lo = _leaves(before[old])
        for cand in by_kind.get(before[old].kind, ()):
            ln = leaves_new[cand]
            big, small = max(len(lo), len(ln)), min(len(lo), len(ln))
            if big and small / big < threshold:
                continue  # the overlap cannot reach the threshold
            union = lo | ln
            score = len(lo & ln) / len(union) if union else 1.0
            if score >= threshold:
                scores[old].append((score, cand))
                scores_new[cand].append((score, old))

    def single_best(options: list[tuple[float, str]]) -> str | None:
        ranked = sorted(options, reverse=True)
        if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
            return None
        return ranked[0][1]

    out: dict[str, tuple[str, float]] = {}
    for old, options in scores.items():
        cand = single_best(options)
        if cand is not None and single_best(scores_new[cand]) == old:
            out[old] = (cand, max(s for s, c in options if c == cand))
    return out


# --------------------------------------------------------------------------- comparing


def _map_ids(value: Any, renames: Mapping[str, str]) -> Any:
    if not renames:
        return value
    if isinstance(value, str):
        return renames.get(value, value)
    if isinstance(value, list):
        return [_map_ids(v, renames) for v in value]
    return value


def _field_changes(before: Mapping[str, Any], after: Mapping[str, Any], prefix: str = "") -> list[FieldChange]:
    """Fields that differ, recursing into mappings (``properties.x``); lists are compared whole."""
    out: list[FieldChange] = []
    for key in list(before) + [k for k in after if k not in before]:
        a, b = before.get(key), after.get(key)
        if a == b:
            continue
        path = f"{prefix}{key}"
        if isinstance(a, dict) and isinstance(b, dict):
            out.extend(_field_changes(a, b, path + "."))
        elif isinstance(a, dict) and b is None:
            out.extend(_field_changes(a, {}, path + "."))
        elif isinstance(b, dict) and a is None:
            out.extend(_field_changes({}, b, path + "."))
        else:
            out.append(FieldChange(path, a, b))
    return out


def _element_fields(el: Element, renames: Mapping[str, str]) -> dict[str, Any]:
    # defaults stay (a status set back to `current` is a change); fields not set are absent
    data = el.model_dump(mode="json", exclude_none=True)
    data.pop("id", None)
    for rtype in RELATION_TYPES:
        data.pop(rtype, None)
    if data.get("owner") is not None:
        data["owner"] = renames.get(data["owner"], data["owner"])
    return data


_RelKey = tuple[str, str, str]
_Written = tuple[str, tuple[str | int, ...]]  # the element that wrote a relation, and the field path


def _relations(snap: Snapshot, renames: Mapping[str, str]) -> dict[_RelKey, list[tuple[dict, _Written]]]:
    """(source, type, target) → the attributes of the relations so written and where (after renames)."""
    out: dict[_RelKey, list[tuple[dict, _Written]]] = defaultdict(list)
    for el in snap.elements.values():
        for rel in el.iter_relations():
            if rel.path[:1] == ("owner",):
                continue  # shown as the element's `owner` field
            attrs = rel.spec.model_dump(mode="json", exclude_defaults=True) if rel.spec else {}
            attrs.pop("target", None)
            if "via" in attrs:
                attrs["via"] = renames.get(attrs["via"], attrs["via"])
            key = (renames.get(rel.source, rel.source), rel.type, renames.get(rel.target, rel.target))
            out[key].append((attrs, (rel.written_by, rel.path)))
    return out


def _sort_loc(loc: Location | None) -> tuple:
    return (loc is None, loc.file if loc else "", loc.line or 0 if loc else 0)


def _waiver_key(w: Mapping[str, Any], renames: Mapping[str, str]) -> tuple[str, tuple[str, ...]]:
    r = lookup(str(w["rule"]))
    return (r.code if r else str(w["rule"]), tuple(sorted(renames.get(e, e) for e in w["elements"])))


def _manifest_dump(snap: Snapshot, renames: Mapping[str, str]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    arch = snap.load.architecture
    assert arch is not None
    data = arch.manifest.model_dump(mode="json", exclude_none=True)
    waivers = data.pop("waivers", [])
    info = data.get("architecture") or {}
    if info.get("approved_by"):
        info["approved_by"] = renames.get(info["approved_by"], info["approved_by"])
    for edition in data.get("editions") or []:
        edition["approved_by"] = renames.get(edition["approved_by"], edition["approved_by"])
    for view in data.get("views") or []:
        for part in ("include", "exclude"):
            sel = view.get(part) or {}
            if sel.get("ids"):
                sel["ids"] = _map_ids(sel["ids"], renames)
    for w in waivers:
        w["elements"] = _map_ids(w["elements"], renames)
    return data, waivers


def compare(base: Snapshot, head: Snapshot) -> ArchDiff:
    """Compare two checked sides (see :func:`snapshot`)."""
    before, after = base.elements, head.elements
    result = ArchDiff(
        base=base.side,
        head=head.side,
        as_of=head.result.as_of,
        profile=head.result.profile.id if head.result.profile else None,
        elements_before=len(before),
        elements_after=len(after),
        findings_before=list(base.result.findings),
        findings_after=list(head.result.findings),
    )
    found = detect_renames(before, after)
    renames = {old: new for old, (new, _) in found.items()}

    # elements
    for old, (new, score) in sorted(found.items(), key=lambda kv: kv[1][0]):
        el = after[new]
        changes = _field_changes(_element_fields(before[old], renames), _element_fields(el, renames))
        result.renamed.append(ElementChange(new, el.kind, el.name, head.where(new), tuple(changes), old, round(score, 3)))
    renamed_new = set(renames.values())
    for i, el in after.items():
        if i in before:
            if before[i] == el:
                continue  # the same fields (most elements of a change): no need to compare them one by one
            changes = _field_changes(_element_fields(before[i], renames), _element_fields(el, renames))
            if changes:
                result.changed.append(ElementChange(i, el.kind, el.name, head.where(i), tuple(changes)))
        elif i not in renamed_new:
            result.added.append(ElementInfo(i, el.kind, el.name, el.status.value, head.where(i)))
    for i, el in before.items():
        if i not in after and i not in renames:
            result.removed.append(ElementInfo(i, el.kind, el.name, el.status.value, base.where(i)))
    result.added.sort(key=lambda e: (_sort_loc(e.location), e.id))
    result.removed.sort(key=lambda e: (_sort_loc(e.location), e.id))
    result.changed.sort(key=lambda e: (_sort_loc(e.location), e.id))
    result.renamed.sort(key=lambda e: (_sort_loc(e.location), e.id))

    # relations
    rel_before, rel_after = _relations(base, renames), _relations(head, renames)
    for key in sorted(set(rel_before) | set(rel_after)):
        a, b = rel_before.get(key, []), rel_after.get(key, [])
        src, rtype, tgt = key
        if not a:
            for attrs, (who, path) in b:
                result.relations_added.append(RelationInfo(src, rtype, tgt, attrs, head.where(who, path)))
        elif not b:
            for attrs, (who, path) in a:
                result.relations_removed.append(RelationInfo(src, rtype, tgt, attrs, base.where(who, path)))
        elif sorted(_canon(x) for x, _ in a) != sorted(_canon(x) for x, _ in b):
            who, path = b[0][1]
            if len(a) == 1 and len(b) == 1:
                changes = _field_changes(a[0][0], b[0][0])
            else:
                changes = [FieldChange("(occurrences)", [x for x, _ in a], [x for x, _ in b])]
            result.relations_changed.append(RelationChange(src, rtype, tgt, tuple(changes), head.where(who, path)))

    # manifest
    m_before, w_before = _manifest_dump(base, renames)
    m_after, w_after = _manifest_dump(head, renames)
    result.manifest_changes = _field_changes(m_before, m_after)
    wb = {_waiver_key(w, renames): w for w in w_before}
    wa = {_waiver_key(w, renames): w for w in w_after}
    for key, w in wa.items():  # keyed by rule code and elements; shown with the rule as written
        if key not in wb:
            result.waivers_added.append(WaiverChange(str(w["rule"]), key[1], w))
        elif wb[key] != w:
            changes = _field_changes(wb[key], w)
            result.waivers_changed.append(WaiverChange(str(w["rule"]), key[1], w, tuple(changes)))
    for key, w in wb.items():
        if key not in wa:
            result.waivers_removed.append(WaiverChange(str(w["rule"]), key[1], w))

    _compare_findings(base, head, renames, result)
    return result


def _compare_findings(base: Snapshot, head: Snapshot, renames: Mapping[str, str], result: ArchDiff) -> None:
    mapper = id_mapper(renames)
    groups_before: dict[str, list[Finding]] = defaultdict(list)
    groups_after: dict[str, list[Finding]] = defaultdict(list)
    for f in base.result.findings:
        groups_before[fingerprint_key(f, renames, _mapper=mapper)].append(f)
    for f in head.result.findings:
        groups_after[fingerprint_key(f)].append(f)
    waived_after = {fingerprint_key(f): w for f, w in head.result.waived}
    waived_before = {fingerprint_key(f, renames, _mapper=mapper): w for f, w in base.result.waived}

    def waiver(w: Any) -> dict[str, Any] | None:
        return w.model_dump(mode="json") if w is not None else None

    for key in set(groups_before) | set(groups_after):
        a, b = groups_before.get(key, []), groups_after.get(key, [])
        fp = digest(key)
        for fa, fb in zip(a, b):
            if fa.severity != fb.severity:
                result.regraded.append(FindingChange(fb, fp, severity_before=fa.severity))
            else:
                result.unchanged += 1
        for fb in b[len(a):]:
            result.introduced.append(FindingChange(fb, fp, waiver=waiver(waived_before.get(key))))
        for fa in a[len(b):]:
            result.resolved.append(FindingChange(fa, fp, waiver=waiver(waived_after.get(key))))
    order = lambda c: (-c.finding.severity, c.finding.sort_key())  # noqa: E731
    result.introduced.sort(key=order)
    result.resolved.sort(key=order)
    result.regraded.sort(key=order)


def diff(
    base: str,
    head: str | None = None,
    *,
    model_dir: str | os.PathLike[str] = "architecture",
    as_of: dt.date | None = None,
    profile: str | None = None,
    today: dt.date | None = None,
) -> ArchDiff:
    """Compare the model at ``base`` with the model at ``head`` (None: the working tree).

    Each of ``base`` and ``head`` is a folder or a git revision of the repository that
    holds ``model_dir`` (see :func:`open_side`). Both sides are checked for the same day
    (``as_of``, default today) and, if given, the same ``profile``. Raises
    :class:`SideError` if a side cannot be read.
    """
    before = snapshot(base, model_dir, as_of=as_of, profile=profile, today=today)
    after = snapshot(head, model_dir, as_of=as_of, profile=profile, today=today)
    return compare(before, after)


__all__ = [
    "ArchDiff",
    "ElementChange",
    "ElementInfo",
    "FieldChange",
    "FindingChange",
    "RENAME_THRESHOLD",
    "RelationChange",
    "RelationInfo",
    "Side",
    "SideError",
    "Snapshot",
    "WaiverChange",
    "compare",
    "detect_renames",
    "diff",
    "fingerprint",
    "fingerprint_key",
    "open_side",
    "similarity",
    "snapshot",
]
