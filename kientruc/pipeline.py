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
from .frameworks import profiles
from .graph import ArchGraph, build_graph
from .loader import LoadResult, load
from .models import Architecture
from .validators import CheckResult
from .validators import check as run_rules
from .validators import registry
from .validators.baseline import Baseline
from .validators.registry import rule_infos as registry_rule_infos
from .validators.compliance import ComplianceReport, compliance_of

Progress = Callable[[str, int, int], Any]


class Unreadable(Exception):
    """The model could not be read (or checked): ``findings`` say where and why."""

    def __init__(self, root: str | os.PathLike[str], findings: list[Finding]) -> None:
        super().__init__(f"the model in '{root}' cannot be loaded: "
                         + "; ".join(str(f.message) for f in findings)[:500])
        self.root = root
        self.findings = findings


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
) -> CheckResult:
    """Load the model folder ``target`` (or take a load result) and run the rules that apply.

    ``as_of``: the day the model is read for and the law in force is taken from (default
    today); ``profile``: the framework profile (default the manifest's); ``fail_on``: the
    severity from which the result fails (default the manifest's); ``baseline``: findings to
    hide (see :mod:`kientruc.validators.baseline`); ``cache`` and ``jobs``: see
    :func:`kientruc.loader.load`. A model that cannot be read gives a result whose findings
    say why (``result.load.ok`` is false); it does not raise.
    """
    started = time.perf_counter()
    loaded = target if isinstance(target, LoadResult) else load(target, cache=cache, jobs=jobs)
    load_seconds = time.perf_counter() - started
    result = run_rules(loaded, as_of=as_of, profile=profile, fail_on=fail_on, today=today, baseline=baseline,
                       jobs=jobs)
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


def views(model: Model, *, lang: str | None = None) -> list[tuple[Any, Any]]:
    """Every diagram the model has (``kientruc views``), computed for its day: (catalogue entry, view) pairs."""
    from .views import compute_view, view_catalog

    lang = lang or model.architecture.manifest.language
    return [(info, compute_view(model.graph, info.id, lang=lang)) for info in view_catalog(model.graph, lang)]


@dataclass
class Publication:
    """What the site and the architecture document show: a model on a day, and its checks.

    :meth:`checks` runs the rules against the manifest's profile and against every other
    framework profile (for the compliance pages) the first time it is called; the site calls
    it once its diagrams are being drawn, so that the rules and Graphviz run at the same time.
    """

    model: Model
    rules: list[Any] = field(default_factory=list)  # every rule kientruc has, for the rules page
    warnings: list[str] = field(default_factory=list)
    _checks: tuple[CheckResult, dict[str, Any]] | None = field(default=None, repr=False)

    @property
    def loaded(self) -> LoadResult:
        return self.model.loaded

    @property
    def graph(self) -> ArchGraph:
        return self.model.graph

    def checks(self, progress: Progress | None = None, lang: str | None = None) -> tuple[CheckResult, dict[str, dict[str, Any]]]:
        """The check against the manifest's profile, and the compliance summary (as data, its messages in
        ``lang``, by default the manifest's language) per profile."""
        if self._checks is None:
            self._checks = _check_profiles(self.model, self.warnings, progress)
        main, reports = self._checks
        lang = lang or self.model.architecture.manifest.language
        return main, {pid: report.to_dict(lang) for pid, report in reports.items()}


def publication(root: str | os.PathLike[str], *, as_of: dt.date | None = None) -> Publication:
    """Read the model folder ``root`` for the site (raises :class:`Unreadable`)."""
    return Publication(read(root, as_of=as_of), rules=list(registry().values()))


def _check_profiles(
    model: Model, warnings: list[str], progress: Progress | None
) -> tuple[CheckResult, dict[str, Any]]:
    """The check with the manifest's profile, and the compliance report for every profile."""
    def step(label: str, done: int, total: int) -> None:
        if progress:
            progress(label, done, total)

    loaded, day = model.loaded, model.as_of
    own = model.architecture.manifest.profile
    main = check(loaded, as_of=day)
    reports: dict[str, Any] = {}
    all_profiles = profiles()
    # the model's own profile first, then the others, newest first
    order = sorted(all_profiles, key=lambda p: (p != own, -all_profiles[p].issued.toordinal()))
    for i, pid in enumerate(order, 1):
        step("checking", i - 1, len(order))
        try:
            result = main if pid == own else check(loaded, as_of=day, profile=pid)
            reports[pid] = compliance_of(result)
        except Exception as exc:  # a profile the rules cannot check must not stop the site
            warnings.append(f"compliance for {pid}: {exc}")
    step("checking", len(order), len(order))
    return main, reports


def rule_infos(result: CheckResult) -> dict[str, Any]:
    """What reports say of each code a check used or ran (names, documentation, legal basis)."""
    return registry_rule_infos([*result.findings, *(f for f, _ in result.waived)], result.rules_run)


def source_root(model_dir: str | os.PathLike[str]) -> Path:
    """Where file names in CI reports start: the root of the git repository holding the model, else the working folder."""
    return _git.toplevel(model_dir) or Path.cwd()


def record_baseline(result: CheckResult) -> list[Finding]:
    """The findings a baseline written now records: every finding of the check, hidden or not, but
    the baseline's own (BSL001). Raises :class:`Unreadable` if the model could not be checked."""
    current = [f for f in result.findings + result.baselined if f.code != "BSL001"]
    broken = [f for f in current if f.fatal or f.internal]
    if broken:
        raise Unreadable(result.load.sources.root, broken)
    return current


__all__ = [
    "Model",
    "Publication",
    "Unreadable",
    "check",
    "compliance",
    "publication",
    "read",
    "record_baseline",
    "rule_infos",
    "source_root",
    "views",
]
