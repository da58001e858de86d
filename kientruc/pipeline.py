"""The pipeline: the one place that runs kientruc's stages and hands their results on as data.

::

    load  ──▶  graph  ──▶  check  ──▶  compliance  ──▶  views
    (loader)   (graph)     (validators)                  (views)

Every command of the CLI, the library API (``kientruc.check``…) and the tests go through the
functions here; the renderers (reports, diagrams, the site and its document) receive what they
return and never load a model or run the rules themselves. Nothing here formats text for a
reader: that is the renderers' job.

* :func:`read` loads a model folder and builds its graph for a day (a :class:`Model`), or raises
  :class:`Unreadable` with the findings that say why it could not be read (the CLI exits 2);
* :func:`check` loads (unless given a load result) and runs the rules: a
  :class:`~kientruc.validators.CheckResult`;
* :func:`verdict` is what ``kientruc check``, ``compliance``, ``build`` and the site judge by: the
  check against the framework in force on the day and, where it differs, against the framework the
  edition of the architecture in force that day was written against (a :class:`Verdict`);
* :func:`compliance` adds the compliance summary against the framework profile;
* :func:`views` computes the model's diagrams as data;
* :func:`publication` gathers what the site and the architecture document show: the model, its
  graph, and its checks against every framework profile (run when the site asks for them, so
  that Graphviz draws in its own processes meanwhile).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from . import _git
from .findings import Finding
from .frameworks import Profile, newest_in_force, profiles
from .graph import ArchGraph, build_graph
from .i18n import Text, msg, render
from .loader import LoadResult, load
from .models import Architecture, Edition
from .validators import CheckResult
from .validators import check as run_rules
from .validators import registry
from .validators.baseline import Baseline
from .validators.registry import rule_infos as registry_rule_infos
from .validators.compliance import ComplianceReport, compliance_of

Progress = Callable[[str, int, int], Any]


class Unreadable(Exception):
    """The model could not be read (or checked): ``findings`` say where and why.

    ``text(lang)`` says it in a language; ``str()`` is the Vietnamese text (kientruc's first language)."""

    def __init__(self, root: str | os.PathLike[str], findings: list[Finding]) -> None:
        self.root = root
        self.findings = findings
        super().__init__(self.text("vi"))

    def text(self, lang: str) -> str:
        """What went wrong, in ``lang``: the folder and the findings' messages (the first 500 characters)."""
        reasons = "; ".join(f.text(lang) for f in self.findings)[:500]
        return render(msg("the model in '{folder}' cannot be loaded: {reasons}", folder=str(self.root), reasons=reasons),
                      lang)


@dataclass
class Model:
    """A model folder, loaded, with its graph for one day."""

    loaded: LoadResult
    graph: ArchGraph

    @property
    def architecture(self) -> Architecture:
        return self.graph.architecture

    @property
    def as_of(self) -> dt.date:
        return self.graph.as_of


def read(
    root: str | os.PathLike[str] | LoadResult,
    *,
    as_of: dt.date | None = None,
    cache: bool | None = None,
    jobs: int | None = None,
) -> Model:
    """Load the model folder ``root`` and build its graph for ``as_of`` (default today).

    Raises :class:`Unreadable` with the fatal load findings if the model cannot be read.
    """
    loaded = root if isinstance(root, LoadResult) else load(root, cache=cache, jobs=jobs)
    if not loaded.ok:
        raise Unreadable(loaded.sources.root, [f for f in loaded.findings if f.fatal])
    assert loaded.architecture is not None
    return Model(loaded, build_graph(loaded.architecture, as_of or dt.date.today()))


def check(
    target: str | os.PathLike[str] | LoadResult,
    *,
    as_of: dt.date | None = None,
    profile: str | None = None,
    fail_on: Any = None,
    today: dt.date | None = None,
    baseline: Baseline | str | os.PathLike[str] | None = None,
    cache: bool | None = None,
    jobs: int | None = None,
    reuse: Any = None,
    same_graph: CheckResult | None = None,
) -> CheckResult:
    """Load the model folder ``target`` (or take a load result) and run the rules that apply.

    ``as_of``: the day the model is read for and the law in force is taken from (default
    today); ``profile``: the framework profile (default the manifest's); ``fail_on``: the
    severity from which the result fails (default the manifest's); ``baseline``: findings to
    hide (see :mod:`kientruc.validators.baseline`); ``cache`` and ``jobs``: see
    :func:`kientruc.loader.load`; ``reuse``: the incremental workspace's memo of the last check
    (:class:`kientruc.validators.engine.Reuse`). A model that cannot be read gives a result whose findings
    say why (``result.load.ok`` is false); it does not raise. ``same_graph``: an earlier check of
    the same load result on the same day, whose graph and profile-free findings are used again
    (see :func:`kientruc.validators.check`).
    """
    started = time.perf_counter()
    loaded = target if isinstance(target, LoadResult) else load(target, cache=cache, jobs=jobs)
    load_seconds = time.perf_counter() - started
    result = run_rules(loaded, as_of=as_of, profile=profile, fail_on=fail_on, today=today, baseline=baseline,
                       jobs=jobs, reuse=reuse, same_graph=same_graph)
    if not isinstance(target, LoadResult):
        result.timings = {"load": load_seconds, **result.timings}
    return result


def compliance(
    target: str | os.PathLike[str] | LoadResult,
    *,
    as_of: dt.date | None = None,
    profile: str | None = None,
) -> tuple[ComplianceReport, CheckResult]:
    """Check a model and summarise its compliance with the framework profile: the summary and the check."""
    result = check(target, as_of=as_of, profile=profile)
    return compliance_of(result), result


# --------------------------------------------------------------------------- the verdict

NO_BASELINE: Any = object()
"""``verdict(baseline=NO_BASELINE)``: hide nothing, not even what the manifest's baseline records."""


@dataclass
class Judgement:
    """The model checked against one framework profile, and why that profile.

    ``role``: ``in_force`` (the newest framework in force on the day), ``edition`` (the framework the
    edition in force was written against) or ``chosen`` (``--profile``).
    """

    role: str
    result: CheckResult
    compliance: ComplianceReport | None = None  # its compliance summary, when asked for

    @property
    def profile(self) -> Profile | None:
        return self.result.profile

    @property
    def exit_code(self) -> int:
        return self.result.exit_code

    def to_dict(self) -> dict[str, Any]:
        from .findings import Summary

        s = Summary.of(self.result.findings)
        p = self.profile
        hidden = Summary.of(self.result.baselined)
        known = {} if not self.result.baseline_file else {
            "baseline": self.result.baseline_file,
            "baselined": {"errors": hidden.errors, "warnings": hidden.warnings, "infos": hidden.infos},
        }
        scores = {} if self.compliance is None else {
            "score": self.compliance.score,
            "components_score": self.compliance.components_score,
            "connections_score": self.compliance.connections_score,
        }
        return {
            "role": self.role,
            "profile": p.id if p else None,
            "instrument": (p.short or p.instrument) if p else None,
            "in_force_from": p.in_force_from.isoformat() if p else None,
            "exit_code": self.exit_code,
            "errors": s.errors,
            "warnings": s.warnings,
            "infos": s.infos,
            **known,
            **scores,
        }


@dataclass
class Verdict:
    """What an official reads first: the model judged on a day, against the framework in force then
    and against its own edition's framework where that differs (or against ``--profile`` alone).

    ``primary`` decides the exit code; ``secondary`` (the edition's framework) is reported beside it.
    """

    day: dt.date
    primary: Judgement
    secondary: Judgement | None = None
    edition: Edition | None = None  # the edition the model is read against on the day
    edition_in_force: bool = False  # approved and in force on the day (not a draft, not before the first)
    implicit_edition: bool = False  # the manifest's one-edition form
    in_force: Profile | None = None  # the newest framework in force on the day
    later_drafts: list[Edition] = field(default_factory=list)  # drafts dated after the edition in force
    decision: str | None = None  # the approving decision's number (or name), from the model
    province: tuple[str | None, str | None] = (None, None)  # the manifest's province (vi, en)

    @property
    def result(self) -> CheckResult:
        """The check that decides: against the framework in force (or ``--profile``)."""
        return self.primary.result

    @property
    def exit_code(self) -> int:
        return self.primary.exit_code

    @property
    def judgements(self) -> list[Judgement]:
        return [self.primary] + ([self.secondary] if self.secondary else [])

    @property
    def edition_behind(self) -> bool:
        """The edition in force was written against another framework than the one in force."""
        return bool(self.edition and self.in_force and self.edition.profile != self.in_force.id)

    def to_dict(self) -> dict[str, Any]:
        e = self.edition
        manifest_province, manifest_province_en = self.province
        return {
            "as_of": self.day.isoformat(),
            "framework_in_force": self.in_force.id if self.in_force else None,
            "profiles": [j.to_dict() for j in self.judgements],
            "edition": None if e is None else {
                "version": e.version,
                "title": e.title,
                "title_en": e.title_en,
                "approved_by": None if (self.implicit_edition and e.draft) else e.approved_by,
                "decision": self.decision,
                "date": e.date.isoformat() if e.date.year > 1 else None,
                "province": e.province or manifest_province,
                "province_en": e.province_en or (manifest_province_en if not e.province else None),
                "profile": e.profile,
                "note": e.note,
                "note_en": e.note_en,
                "draft": e.draft,
                "in_force": self.edition_in_force,
                "implicit": self.implicit_edition,
            },
            "edition_behind": self.edition_behind,
            "later_drafts": [{"version": d.version, "date": d.date.isoformat(), "profile": d.profile}
                             for d in self.later_drafts],
        }


def verdict(
    target: str | os.PathLike[str] | LoadResult,
    *,
    as_of: dt.date | None = None,
    profile: str | None = None,
    fail_on: Any = None,
    today: dt.date | None = None,
    baseline: Baseline | str | os.PathLike[str] | None = None,
    cache: bool | None = None,
    jobs: int | None = None,
    secondary: bool = True,
    reuse: Any = None,
    keep: bool | None = None,
) -> Verdict:
    """Judge the model ``target`` on the day ``as_of`` (default today).

    Without ``profile``: against the newest framework in force that day (by the frameworks' own
    dates and generation, :func:`kientruc.frameworks.newest_in_force`) — that check decides — and,
    if the edition of the architecture in force that day was written against another framework,
    against that one too. With ``profile``: against it alone. ``baseline`` (default: the manifest's
    ``validation.baseline``) hides findings of the deciding check only, and only if it was written
    against that check's profile. A model that cannot be read gives a verdict whose check says why.
    ``secondary=False`` skips the check against the edition's framework (the language server needs
    only the deciding check's findings, as fast as it can); ``reuse``: for the deciding check (see :func:`check`).
    ``keep``: give back the verdict kept by the last call with the same files, options, day and code, without
    loading the model, and keep this one (:mod:`kientruc.result_cache`); None: when ``target`` is a folder and
    the cache is on.
    """
    kept = _kept(target, keep, cache, reuse, baseline, as_of, today, profile, fail_on, secondary)
    if kept is not None:
        found = kept.get()
        if found is not None:
            return found
    started = time.perf_counter()
    loaded = target if isinstance(target, LoadResult) else load(target, cache=cache, jobs=jobs)
    load_seconds = time.perf_counter() - started
    day = as_of or today or dt.date.today()

    def run(pid: str | None, base: Any, reuse: Any = None, same_graph: CheckResult | None = None) -> CheckResult:
        result = check(loaded, as_of=day, profile=pid, fail_on=fail_on, today=today, baseline=base, jobs=jobs,
                       reuse=reuse, same_graph=same_graph)
        if not isinstance(target, LoadResult):
            result.timings = {"load": load_seconds, **result.timings}
        return result

    if baseline is NO_BASELINE:
        baseline = None
    elif baseline is None and loaded.architecture is not None and loaded.architecture.manifest.validation.baseline:
        # the manifest's baseline of known findings (applied only to a check against its profile)
        baseline = Path(loaded.sources.root) / loaded.architecture.manifest.validation.baseline
    arch = loaded.architecture if loaded.ok else None
    if arch is None or any(f.fatal for f in loaded.findings):
        return Verdict(day, Judgement("chosen" if profile else "in_force", run(profile, baseline, reuse)))
    manifest = arch.manifest
    edition = manifest.edition_on(day)
    in_force = newest_in_force(day)
    # drafts begun after the edition read, by the day checked (a draft dated later did not exist yet that day)
    later = [e for e in manifest.all_editions() if e.draft and e.date <= day and (edition.draft or e.date > edition.date)
             and e is not edition]
    doc = arch.by_id().get(edition.approved_by) if not edition.draft else None
    found = Verdict(
        day,
        primary=Judgement("chosen", run(profile, baseline, reuse)) if profile else Judgement(
            "in_force" if in_force else "edition", run(in_force.id if in_force else edition.profile, baseline, reuse)),
        edition=edition,
        edition_in_force=edition.in_force(day),
        implicit_edition=manifest.implicit_edition,
        in_force=in_force,
        later_drafts=later,
        decision=(getattr(doc, "number", None) or getattr(doc, "name", None)) if doc is not None else None,
        province=(manifest.province, manifest.province_en),
    )
    if secondary and profile is None and in_force is not None and edition.profile != in_force.id:
        # the same graph: the rules that did not read the profile are not run again
        found.secondary = Judgement("edition", run(edition.profile, None, same_graph=found.primary.result))
    if kept is not None:
        kept.put(found, baseline)
    return found


def _kept(target: Any, keep: bool | None, cache: bool | None, reuse: Any, baseline: Any, as_of: Any, today: Any,
          profile: str | None, fail_on: Any, secondary: bool) -> Any:
    """The kept verdict's handle for :func:`verdict` (:mod:`kientruc.result_cache`), or None."""
    from .cache import enabled_by_env

    if keep is False or isinstance(target, LoadResult) or reuse is not None or baseline is NO_BASELINE:
        return None
    if not (cache if cache is not None else enabled_by_env()):
        return None
    from . import result_cache

    return result_cache.Kept.open(target, result_cache.options_of(as_of, today, profile, fail_on, secondary), baseline)


def compliance_verdict(
    target: str | os.PathLike[str] | LoadResult,
    *,
    as_of: dt.date | None = None,
    profile: str | None = None,
) -> tuple[Verdict, list[ComplianceReport]]:
    """The verdict (:func:`verdict`) and the compliance summary of each of its checks, the deciding one first.

    No baseline hides anything here: compliance reports every known gap."""
    judged = verdict(target, as_of=as_of, profile=profile, baseline=NO_BASELINE, keep=False)
    for j in judged.judgements:
        j.compliance = compliance_of(j.result)
    return judged, [j.compliance for j in judged.judgements if j.compliance is not None]


def views(model: Model, *, lang: str | None = None) -> list[tuple[Any, Any]]:
    """Every diagram the model has (``kientruc views``), computed for its day: (catalogue entry, view) pairs."""
    from .views import compute_view, view_catalog

    lang = lang or model.architecture.manifest.language
    return [(info, compute_view(model.graph, info.id, lang=lang)) for info in view_catalog(model.graph, lang)]


def consolidation(model: Model) -> dict[str, Any]:
    """The consolidation report of a merged province on the model's day, as data (``kientruc consolidation``,
    the site's page and the document's chapter): twin sets, decisions and their roadmap."""
    from .twins import consolidation_data

    return consolidation_data(model.graph)


@dataclass
class Publication:
    """What the site and the architecture document show: a model on a day, and its checks.

    :meth:`checks` runs the rules against the manifest's profile and against every other
    framework profile (for the compliance pages) the first time it is called; the site calls
    it once its diagrams are being drawn, so that the rules and Graphviz run at the same time.
    """

    model: Model
    rules: list[Any] = field(default_factory=list)  # every rule kientruc has, for the rules page
    warnings: list[Text] = field(default_factory=list)
    verdict: Verdict | None = None  # set by :meth:`checks`: the verdict the front page leads with
    _checks: tuple[CheckResult, dict[str, Any]] | None = field(default=None, repr=False)

    @property
    def loaded(self) -> LoadResult:
        return self.model.loaded

    @property
    def graph(self) -> ArchGraph:
        return self.model.graph

    def consolidation(self) -> dict[str, Any]:
        """The consolidation report's data on the model's day (:func:`consolidation`)."""
        return consolidation(self.model)

    def checks(self, progress: Progress | None = None, lang: str | None = None) -> tuple[CheckResult, dict[str, dict[str, Any]]]:
        """The deciding check of the verdict (against the framework in force on the day; no baseline
        hides anything on the site), and the compliance summary (as data, its messages in ``lang``, by
        default the manifest's language) per profile."""
        if self._checks is None:
            self.verdict = verdict(self.model.loaded, as_of=self.model.as_of, baseline=NO_BASELINE)
            self._checks = _check_profiles(self.model, self.verdict, self.warnings, progress)
        main, reports = self._checks
        lang = lang or self.model.architecture.manifest.language
        return main, {pid: report.to_dict(lang) for pid, report in reports.items()}


def publication(root: str | os.PathLike[str], *, as_of: dt.date | None = None) -> Publication:
    """Read the model folder ``root`` for the site (raises :class:`Unreadable`)."""
    return Publication(read(root, as_of=as_of), rules=list(registry().values()))


def _check_profiles(
    model: Model, judged: Verdict, warnings: list[Text], progress: Progress | None
) -> tuple[CheckResult, dict[str, Any]]:
    """The verdict's deciding check, and the compliance report for every profile (the verdict's first)."""
    def step(label: str, done: int, total: int) -> None:
        if progress:
            progress(label, done, total)

    loaded, day = model.loaded, model.as_of
    main = judged.result
    done = {j.profile.id: j for j in judged.judgements if j.profile is not None}
    first = [j.profile.id for j in judged.judgements if j.profile is not None]
    reports: dict[str, Any] = {}
    all_profiles = profiles()
    # the verdict's profiles first (the framework in force, the edition's), then the others, newest first
    order = sorted(all_profiles, key=lambda p: (first.index(p) if p in first else len(first),
                                                -all_profiles[p].issued.toordinal()))
    for i, pid in enumerate(order, 1):
        step("checking", i - 1, len(order))
        try:
            if pid in done:
                done[pid].compliance = compliance_of(done[pid].result)
                reports[pid] = done[pid].compliance
                continue
            result = check(loaded, as_of=day, profile=pid, same_graph=main)
            reports[pid] = compliance_of(result)
        except Exception as exc:  # a profile the rules cannot check must not stop the site
            warnings.append(msg("compliance for {profile}: {error}", profile=pid, error=str(exc)))
    step("checking", len(order), len(order))
    return main, reports


def rule_infos(result: CheckResult) -> dict[str, Any]:
    """What reports say of each code a check used or ran (names, documentation, legal basis)."""
    return registry_rule_infos([*result.findings, *(f for f, _ in result.waived)], result.rules_run)


def source_root(model_dir: str | os.PathLike[str]) -> Path:
    """Where file names in CI reports start: the root of the git repository holding the model, else the working folder."""
    return _git.toplevel(model_dir) or Path.cwd()


def record_baseline(result: CheckResult, at_least: Any = None) -> list[Finding]:
    """The findings a baseline written now records: every finding of the check, hidden or not, but
    the baseline's own (BSL001); with ``at_least`` (a severity), only those as severe or more.
    Raises :class:`Unreadable` if the model could not be checked."""
    current = [f for f in result.findings + result.baselined
               if f.code != "BSL001" and (at_least is None or f.severity >= at_least or f.fatal or f.internal)]
    broken = [f for f in current if f.fatal or f.internal]
    if broken:
        raise Unreadable(result.load.sources.root, broken)
    return current


__all__ = [
    "Judgement",
    "Model",
    "Publication",
    "Unreadable",
    "check",
    "compliance",
    "compliance_verdict",
    "consolidation",
    "publication",
    "read",
    "record_baseline",
    "rule_infos",
    "source_root",
    "verdict",
    "Verdict",
    "views",
]
