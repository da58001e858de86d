"""Run the rules over a loaded model and turn what they yield into findings.

``check()`` is the rules stage of :mod:`kientruc.pipeline`: given a loaded model, resolve severities from ``defaults.yaml`` and the manifest,
build the graph for the day, run every rule that applies to the profile (in two
processes for a large model: :mod:`kientruc.validators.parallel`), locate each
violation in the model files, apply the manifest's waivers, and sort.

A rule that crashes does not hide the others: its crash becomes an internal
finding (exit code 3) and the remaining rules still run.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import traceback
from dataclasses import dataclass, field

from ..codes import ENGINE_CODES
from ..findings import Finding, Location, Severity, exit_code
from ..frameworks import Profile, profiles
from ..graph import ArchGraph, build_graph
from .._gc import paused
from .._jobs import resolve_jobs
from ..loaded import LoadResult, SourceMap
from ..models import Waiver
from .baseline import Baseline
from .parallel import Outcome, run_rules
from .registry import Related, Rule, RuleContext, Violation, WatchedContext, default_severities, lookup, registry
from .registry import registry as _all_rules  # every registered rule, whatever `registry` is replaced by
from ..i18n import Msg, msg


@dataclass
class CheckResult:
    """Everything a check produced."""

    load: LoadResult
    findings: list[Finding] = field(default_factory=list)
    waived: list[tuple[Finding, Waiver]] = field(default_factory=list)
    graph: ArchGraph | None = None
    profile: Profile | None = None
    as_of: dt.date | None = None
    fail_on: Severity = Severity.ERROR
    rules_run: list[str] = field(default_factory=list)
    baselined: list[Finding] = field(default_factory=list)  # findings a baseline file hides
    baseline_file: str | None = None  # the baseline applied, if any
    raised: list[Finding] = field(default_factory=list)  # every finding of the rules, before waivers and baseline
    # seconds: stages ("load", "graph", "rules": wall time of all rules) and each rule (by code)
    timings: dict[str, float] = field(default_factory=dict)
    # each rule that ran without reading the profile: its severity and what it raised (see ``same_graph``)
    profile_free: dict[str, tuple[Severity, list[Finding]]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def exit_code(self) -> int:
        return exit_code(self.findings, self.fail_on)


def check(
    loaded: LoadResult,
    *,
    as_of: dt.date | None = None,
    profile: str | None = None,
    fail_on: Severity | None = None,
    today: dt.date | None = None,
    baseline: Baseline | str | os.PathLike[str] | None = None,
    jobs: int | None = None,
    same_graph: CheckResult | None = None,
) -> CheckResult:
    """Run the rules over a loaded model and return the findings (the pipeline loads it:
    :func:`kientruc.pipeline.check` takes a folder).

    ``baseline`` (a :class:`Baseline` or the path of a baseline file) hides the findings
    it records; its entries that match nothing become BSL001 findings. ``jobs``: the
    processes the rules of a large model may run in (None: one per CPU).

    ``same_graph``: an earlier check of the same load on the same day (against another profile,
    say): its graph is used again, and a rule that ran there at the same severity without reading
    the profile is not run again — it would find the same (it reads the same graph, model and days,
    and nothing else that differs between the two checks), so its findings are taken as they are.
    """
    result = CheckResult(load=loaded, findings=list(loaded.findings))
    if fail_on is not None:
        result.fail_on = fail_on
    if not loaded.ok:
        result.findings.sort(key=Finding.sort_key)
        return result
    arch = loaded.architecture
    assert arch is not None
    manifest = arch.manifest
    if fail_on is None:
        result.fail_on = Severity.parse(manifest.validation.fail_on)

    severities = _severities(loaded, result.findings)
    if profile is not None:
        if profile not in profiles():
            raise ValueError(f"unknown profile {profile!r}; known: {', '.join(profiles())}")
    today = today or dt.date.today()
    day = as_of or today
    # default: the framework the edition in force that day was written against
    prof = profiles().get(profile or manifest.profile_on(day))
    result.as_of, result.profile = day, prof
    if any(f.fatal for f in result.findings):
        result.findings.sort(key=Finding.sort_key)
        return result

    started = time.perf_counter()
    earlier = same_graph if (
        same_graph is not None and same_graph.load is loaded and same_graph.as_of == day
        and same_graph.graph is not None and same_graph.graph.architecture is arch
    ) else None
    graph = earlier.graph if earlier is not None else build_graph(arch, day)
    assert graph is not None
    result.timings["graph"] = time.perf_counter() - started
    result.graph = graph
    todo: list[tuple[Rule, Severity]] = []
    known: Outcome = {}
    for code, r in registry().items():
        severity = severities.get(code)
        if severity is None or not r.applies_to(prof) or not r.applies_on(day):
            continue
        result.rules_run.append(code)
        same = earlier.profile_free.get(code) if earlier is not None else None
        if same is not None and same[0] is severity:
            known[code] = (list(same[1]), 0.0, False)
        else:
            todo.append((r, severity))

    def run_one(r: Rule, sev: Severity) -> tuple[list[Finding], float, bool]:
        ctx = WatchedContext(graph=graph, architecture=arch, profile=prof, as_of=day, today=today)
        found, seconds = _run_rule(ctx, r, sev, loaded.sources)
        return found, seconds, ctx.profile_read

    raised: list[Finding] = []
    started = time.perf_counter()
    # the collector paused: the rules make findings, not cyclic garbage, and each of its full passes
    # would walk the whole model again (~0.6 s of a 10,000-element model's rules); it resumes after
    with paused():
        outcome = run_rules(todo, run_one, elements=len(graph), jobs=resolve_jobs(jobs))  # type: ignore[arg-type]
    result.timings["rules"] = time.perf_counter() - started  # wall time: the rules may run in two processes
    outcome.update(known)
    for code in result.rules_run:  # in registry order, whichever process ran the rule
        found, seconds, read = outcome[code]  # type: ignore[misc]
        raised.extend(found)
        result.timings[code] = seconds
        if not read:
            result.profile_free[code] = (severities[code], found)  # type: ignore[assignment]

    result.raised = list(raised)
    reported, result.waived = _apply_waivers(raised, manifest.waivers, day, loaded.sources)
    base = None
    if baseline is not None:
        base = baseline if isinstance(baseline, Baseline) else Baseline.read(baseline)
        if not base.applies_to(prof.id if prof else None):
            base = None  # written against another framework: its findings are not this check's
    if base is not None:
        result.baseline_file = base.path
        reported, result.baselined, stale = base.split(reported)
        for entry in stale:
            reported.append(
                _engine_finding(
                    "BSL001",
                    msg("the baseline entry {code} for {element} matches no finding: the problem was fixed or the element renamed",
                        code=entry.code, element=(entry.element or msg("the architecture")) if not entry.key else msg("{element} ({key})", element=entry.element or msg("the architecture"), key=entry.key)),
                    Location(os.path.relpath(base.path) if base.path else "baseline", entry.line),
                    msg("regenerate the baseline with `kientruc check --write-baseline FILE`"),
                    element=entry.element,
                    key=entry.fingerprint,
                )
            )
    result.findings.extend(reported)
    result.findings.sort(key=Finding.sort_key)
    return result


def _severities(loaded: LoadResult, findings: list[Finding]) -> dict[str, Severity | None]:
    """Default severities overridden by the manifest; unknown rule names become findings."""
    severities = dict(default_severities())
    manifest = loaded.architecture.manifest  # type: ignore[union-attr]
    families: dict[str, list[str]] = {}
    for r in list(_all_rules().values()) + list(registry().values()):
        families.setdefault(r.family, [])
        if r.code not in families[r.family]:
            families[r.family].append(r.code)
    # A family name (integration, security…) sets every rule of the family; a rule's own
    # code or name, wherever it is written, wins over its family.
    for key, level in manifest.validation.rules.items():
        if lookup(key) is None and key in families:
            for code in families[key]:
                severities[code] = None if level == "off" else Severity.parse(level)
    for key, level in manifest.validation.rules.items():
        r = lookup(key)
        if r is None:
            if key in families:
                continue
            loc = loaded.sources.in_manifest(("validation", "rules", key))
            findings.append(_engine_finding("CFG001", msg("unknown rule '{rule}' in validation.rules", rule=key), loc, _rule_hint(key)))
            continue
        severities[r.code] = None if level == "off" else Severity.parse(level)
    kinds = {el.id: el.kind for el in loaded.architecture.elements} if loaded.architecture is not None else {}
    for w, waiver in enumerate(manifest.waivers):
        if lookup(waiver.rule) is None:
            loc = loaded.sources.in_manifest(("waivers", w, "rule"))
            findings.append(
                _engine_finding("CFG001", msg("unknown rule '{rule}' in a waiver", rule=waiver.rule), loc, _rule_hint(waiver.rule))
            )
        if waiver.decision is not None and kinds.get(waiver.decision) != "legal_document":
            loc = loaded.sources.in_manifest(("waivers", w, "decision"))
            what = msg("an element of kind {kind}", kind=kinds[waiver.decision]) if waiver.decision in kinds else msg("no element of the model")
            findings.append(
                _engine_finding(
                    "CFG001",
                    msg("the waiver's decision '{id}' is {what}, not a legal_document", id=waiver.decision, what=what),
                    loc,
                    msg("name the id of the legal_document that approves the waiver (kind: legal_document, with its number and date)"),
                )
            )
    return severities


def _rule_hint(key: str) -> Msg:
    import difflib

    names = [r.code for r in registry().values()] + [r.name for r in registry().values()]
    names += sorted({r.family for r in registry().values()})
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    if close:
        return msg("did you mean '{rule}'? `kientruc rules` lists every rule", rule=close[0])
    return msg("`kientruc rules` lists every rule")


def _engine_finding(
    code: str,
    message: Msg,
    location: Location,
    hint: Msg | None = None,
    *,
    element: str | None = None,
    key: str | None = None,
) -> Finding:
    r = ENGINE_CODES[code]
    return Finding(
        code=code,
        name=r.name,
        severity=r.severity,
        message=message,
        element=element,
        location=location,
        hint=hint,
        fatal=r.severity is Severity.ERROR and code == "CFG001",
        key=key,
    )


def _locate(sources: SourceMap, element: str | None, path: tuple, index: int | None, in_manifest: bool) -> Location | None:
    if in_manifest:
        return sources.in_manifest(path)
    if index is not None:
        loc = sources.of(index, path)
        return Location(loc.file, loc.line, loc.column, element)
    if element is not None:
        return sources.element(element, path)
    return None


def _finding(r: Rule, v: Violation, severity: Severity, sources: SourceMap, day: dt.date | None = None,
             basis: tuple[str, ...] | None = None) -> Finding:
    """``basis``: the rule's legal basis on ``day``, when the caller has it (the same for every finding)."""
    location = v.location or _locate(sources, v.element, v.path, v.index, v.in_manifest)
    related = []
    for rel in v.related:
        loc = _locate(sources, rel.element, rel.path, rel.index, rel.in_manifest)
        if loc is not None:
            related.append(Location(loc.file, loc.line, loc.column, rel.element, rel.note))
    return Finding(
        code=r.code,
        name=r.name,
        severity=severity,
        message=v.message,
        element=v.element,
        location=location,
        related=tuple(related),
        legal_basis=basis if basis is not None else r.legal_basis if day is None else r.legal_basis_on(day),
        hint=v.hint,
        key=v.key if v.key is not None else _default_key(v),
    )


def _default_key(v: Violation) -> str:
    """A message-independent key: the field path without list positions, and the related ids."""
    parts = [str(p) for p in v.path if isinstance(p, str)]
    parts += [r.element for r in v.related if r.element]
    return "/".join(parts)


def _run_rule(ctx: RuleContext, r: Rule, severity: Severity, sources: SourceMap) -> tuple[list[Finding], float]:
    """One rule's findings and the seconds it took; a crash becomes a KT0001 finding."""
    started = time.perf_counter()
    found: list[Finding] = []
    try:
        basis: tuple[str, ...] | None = None
        for v in r.run(ctx):
            if basis is None:
                basis = r.legal_basis_on(ctx.day)  # the same for each finding of the rule
            found.append(_finding(r, v, severity, sources, ctx.day, basis))
    except Exception as exc:  # one crashing rule must not hide the others
        found.append(_crash(r, exc))
    return found, time.perf_counter() - started


def _crash(r: Rule, exc: Exception) -> Finding:
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    return Finding(
        code="KT0001",
        name="rule-crashed",
        severity=Severity.ERROR,
        message=msg("rule {code} ({name}) crashed: {error} (at {place})", code=r.code, name=r.name,
                    error=type(exc).__name__ + ": " + str(exc), place=os.path.basename(frame.filename) + ":" + str(frame.lineno)),
        hint=msg("this is a bug in kientruc, not in the model: please report it with this message"),
        internal=True,
    )


def _apply_waivers(
    raised: list[Finding], waivers: list[Waiver], day: dt.date, sources: SourceMap
) -> tuple[list[Finding], list[tuple[Finding, Waiver]]]:
    """Suppress findings covered by a waiver in force; report expired and unused waivers."""
    active: list[tuple[int, Waiver, Rule]] = []
    reported: list[Finding] = []
    for w, waiver in enumerate(waivers):
        r = lookup(waiver.rule)
        if r is not None and waiver.expires >= day and (waiver.valid_from is None or waiver.valid_from <= day):
            active.append((w, waiver, r))
    used: set[int] = set()
    waived: list[tuple[Finding, Waiver]] = []
    for f in raised:
        match = next(
            (
                (w, waiver)
                for w, waiver, r in active
                if r.code == f.code and f.element is not None and f.element in waiver.elements
            ),
            None,
        )
        if match is None:
            reported.append(f)
        else:
            used.add(match[0])
            waived.append((f, match[1]))
    for w, waiver, r in active:
        if w not in used:
            loc = sources.in_manifest(("waivers", w))
            reported.append(
                _engine_finding(
                    "WVR002",
                    msg("the waiver of {code} ({name}) for {elements} suppresses no finding", code=r.code, name=r.name, elements=tuple(waiver.elements)),
                    loc,
                    msg("remove the waiver: the problem it excused is gone"),
                    key=f"{r.code}:{','.join(waiver.elements)}",
                )
            )
    return reported, waived


__all__ = ["CheckResult", "Related", "check"]
