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
from ..graph import ArchGraph, ScopedGraph, build_graph, within
from .._gc import paused
from .._jobs import resolve_jobs
from ..loaded import LoadResult, SourceMap
from ..models import Architecture, Relation, Waiver
from .baseline import Baseline
from .parallel import Outcome, run_rules
from .registry import SEARCH_MAX, Related, Rule, RuleContext, Violation, WatchedContext, default_severities, lookup, registry
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


Pair = tuple[Violation | None, Finding]
"""A rule's violation and the finding made of it (None and a KT0001 finding where the rule crashed)."""


@dataclass
class Memo:
    """What the rules of a check found, kept for the next check of the same model (:class:`Reuse`).

    ``key``: what every finding depends on besides the model (day, profile, today, the rules that ran and
    their severities); ``graph``: the graph of that check; ``pairs``: each rule's violations and findings.
    """

    key: tuple
    graph: ArchGraph
    pairs: dict[str, list[Pair]]
    arch: Architecture | None = None
    first_index: dict[str, int] = field(default_factory=dict)
    named: dict[str, dict[str, int]] | None = None  # who names each id in ``arch`` (rules of scope ``writer``)
    named_before: list[list[str]] = field(default_factory=list)
    # rules of scope ``province``: the UBND tỉnh each finding was found judging (parallel to ``pairs``)
    judged: dict[str, list[str | None]] = field(default_factory=dict)


@dataclass
class Reuse:
    """What an incremental workspace (:mod:`kientruc.incremental`) hands :func:`check`: the last check's
    :class:`Memo` and what changed since; :func:`check` replaces ``memo`` by this check's.

    ``changed``: ids of the elements added, removed or modified since the memo's check (None: not known,
    every rule runs on the whole model); ``moved``: ids of the elements whose place in the files may have
    changed (those of the files read again), whose kept findings are located again. ``largest``: the share
    of the model above which a rule of scope ``element`` or ``writer`` runs on the whole model instead (the
    elements an edit affects are found by walking the graph: an edit to a national platform touches everything).
    After the check, ``ran`` says, per rule code, on how many elements the rule ran (None: the whole model).
    """

    memo: Memo | None = None
    changed: set[str] | None = None
    moved: set[str] = field(default_factory=set)
    largest: float = 0.2
    ran: dict[str, int | None] = field(default_factory=dict)
    # the graph was changed in place: by radius, the elements near the changed ones before (None: too many)
    before: dict[int, set[str] | None] = field(default_factory=dict)
    # for rules of scope ``province``: the provinces to judge again (None: every one), and where each element was
    provinces: frozenset[str] | None = None
    before_where: dict[str, str] | None = None


def check(
    loaded: LoadResult,
    *,
    as_of: dt.date | None = None,
    profile: str | None = None,
    fail_on: Severity | None = None,
    today: dt.date | None = None,
    baseline: Baseline | str | os.PathLike[str] | None = None,
    jobs: int | None = None,
    reuse: Reuse | None = None,
    same_graph: CheckResult | None = None,
) -> CheckResult:
    """Run the rules over a loaded model and return the findings (the pipeline loads it:
    :func:`kientruc.pipeline.check` takes a folder).

    ``reuse``: run again only what the changes it names can affect, keeping the other findings of the
    check it remembers (see :class:`Reuse`; the findings are those of a check without it).

    ``baseline`` (a :class:`Baseline` or the path of a baseline file) hides the findings
    it records; its entries that match nothing become BSL001 findings. ``jobs``: the
    processes the rules of a large model may run in (None: one per CPU).

    ``same_graph``: an earlier check of the same load on the same day (against another profile,
    say): its graph is used again, and a rule that ran there at the same severity without reading
    the profile is not run again — it would find the same (it reads the same graph, model and days,
    and nothing else that differs between the two checks), so its findings are taken as they are.
    """
    result = CheckResult(load=loaded, findings=list(loaded.findings))
    memo = None
    if reuse is not None:  # remembered again below only if the rules run
        memo, reuse.memo = reuse.memo, None
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
    graph = earlier.graph if earlier is not None else _graph_again(reuse, memo, arch, day, loaded.sources)
    if graph is None:
        graph = build_graph(arch, day)
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
        if reuse is not None:
            reuse.memo = memo
            ctx = RuleContext(graph=graph, architecture=arch, profile=prof, as_of=day, today=today)
            # whether a rule read the profile is not watched here: none of them counts as profile-free
            outcome = {code: (found, seconds, True)
                       for code, (found, seconds) in _run_again(todo, ctx, loaded.sources, reuse).items()}
        else:
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
    kinds = {el.id: el.kind for el in loaded.architecture.elements} if loaded.architecture is not None and any(
        w.decision is not None for w in manifest.waivers) else {}  # read only for a waiver's decision
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


def _run_pairs(ctx: RuleContext, r: Rule, severity: Severity, sources: SourceMap) -> list[Pair]:
    """One rule's violations and their findings (a crash: one KT0001 finding, without a violation)."""
    found: list[Pair] = []
    try:
        for v in r.run(ctx):
            found.append((v, _finding(r, v, severity, sources, ctx.day)))
    except Exception as exc:  # one crashing rule must not hide the others
        found.append((None, _crash(r, exc)))
    return found


def _graph_again(reuse: Reuse | None, memo: Memo | None, arch: Architecture, day: dt.date,
                 sources: SourceMap) -> ArchGraph | None:
    """The last check's graph changed in place to ``arch`` (see :meth:`ArchGraph.update`), or None: build one.

    What the rules of scope ``element`` will need of the graph before the change (the elements near the changed
    ones, by radius) is taken first, into ``reuse.before``."""
    if reuse is None:
        return None
    reuse.before, reuse.provinces, reuse.before_where = {}, None, None
    if memo is None or reuse.changed is None or memo.graph.as_of != day or memo.graph.architecture is not memo.arch:
        return None
    graph, changed = memo.graph, reuse.changed
    limit = max(50, int(len(graph) * reuse.largest))
    if len(changed) > limit:
        return None
    radii = {r.radius for r in registry().values() if r.scope == "element"}
    before = {radius: _area((graph,), changed, radius, limit) for radius in radii}
    from .rules import _common  # what the rules' helpers computed from the graph as it was: the provinces

    places, scopes = _common.places(graph), _common.scopes_of(graph)
    near, structural = _common.around(graph, changed) if places is not None else (set(), True)
    next_to = {c: graph.neighbour_ids(c) if c in graph else set() for c in changed} if places is not None else {}
    had = {c for c in changed if c in graph}
    with paused():
        if not graph.update(arch, changed, sources.first_index, memo.first_index):
            return None
        _common.forget(graph, changed)
        reuse.before = before
        if places is None or scopes is None:
            return graph
        now, moved = _common.around(graph, changed)
        near |= now
        touched: set[str] = set()  # what gained or lost a neighbour
        for c, was_next in next_to.items():
            touched |= was_next ^ (graph.neighbour_ids(c) if c in graph else set())
        added = set(changed) - had
        if structural or moved or not _common.carry_places(graph, places, scopes, changed, near, touched, added):
            return graph
        after = _common.places(graph)
        assert after is not None
        provinces = {places.where.get(x) for x in near} | {after.where.get(x) for x in near}
        if any(places.where.get(c) is None and after.where.get(c) is None for c in changed):
            return graph  # an element of no province changed: every province is judged again
        reuse.provinces = frozenset(p for p in provinces if p is not None)
        reuse.before_where = places.where
    return graph


def _run_again(todo: list[tuple[Rule, Severity]], ctx: RuleContext, sources: SourceMap, reuse: Reuse
               ) -> dict[str, tuple[list[Finding], float]]:
    """Run the rules as :func:`check` would, reusing what ``reuse.memo`` remembers where the changes allow it:
    a rule of scope ``element`` runs only on the elements within its radius of a changed one (in the graph
    before the changes or after them, with the composites they belong to), a rule of scope ``writer`` only on
    the changed elements and those whose relations name one, and each keeps its findings about the others.
    Sets ``reuse.memo`` to this check's and ``reuse.ran`` to what each rule ran on."""
    graph = ctx.graph
    key = (ctx.as_of, ctx.today, ctx.profile.id if ctx.profile else None, tuple((r.code, sev) for r, sev in todo))
    memo = reuse.memo
    usable = memo is not None and reuse.changed is not None and memo.key == key
    limit = max(50, int(len(graph) * reuse.largest))
    areas: dict[int | str, tuple[set[str], RuleContext] | None] = {}  # by radius, or "writer"
    pairs: dict[str, list[Pair]] = {}
    outcome: dict[str, tuple[list[Finding], float]] = {}
    reuse.ran = {}
    moved = reuse.moved
    arch, changed = ctx.architecture, reuse.changed or set()
    named: dict[str, dict[str, int]] | None = None  # set once updated to this check's model
    judged: dict[str, list[str | None]] = {}
    for r, sev in todo:
        started = time.perf_counter()
        old = memo.pairs.get(r.code) if usable and memo is not None else None
        found: list[Pair] | None = None
        if old is not None and r.scope in ("element", "writer") and all(v is not None for v, _ in old):
            assert memo is not None
            key_area = r.radius if r.scope == "element" else "writer"
            if r.ids and len(old) >= SEARCH_MAX:
                key_area, areas[key_area] = f"whole {r.code}", None  # past its bound the rule's hints follow the model order
            elif r.ids and any((c in memo.first_index) != (c in sources.first_index) for c in changed):
                # an id added or removed: what its findings say of the other ids (a close id) may change too
                key_area = f"writer {r.code}"
            if key_area not in areas:
                if r.scope == "element":
                    if r.radius in reuse.before:  # the graph was changed in place: its areas before, taken then
                        area = reuse.before[r.radius]
                        after = _area((graph,), changed, r.radius, limit) if area is not None else None
                        area = None if after is None or len(area | after) > limit else area | after  # type: ignore[operator]
                    else:
                        area = _area((memo.graph, graph), changed, r.radius, limit)
                    areas[key_area] = None if area is None else (area, RuleContext(
                        graph=ScopedGraph(graph, area), architecture=arch, profile=ctx.profile,
                        as_of=ctx.as_of, today=ctx.today))
                else:
                    if named is None:
                        named = _named_now(memo, arch, sources, changed)
                    area = set(changed).union(*(named.get(c, ()) for c in changed), *memo.named_before)
                    if key_area != "writer":
                        area |= {v.element for v, _ in old if v is not None and v.element is not None}
                    areas[key_area] = None if len(area) > limit else (area, RuleContext(
                        graph=graph, architecture=_ScopedArchitecture(arch, area, sources),  # type: ignore[arg-type]
                        profile=ctx.profile, as_of=ctx.as_of, today=ctx.today))
            scoped = areas[key_area]
            if scoped is not None:
                area, sctx = scoped
                found = []
                for v, f in old:
                    assert v is not None
                    if v.element is None or v.element in area:
                        continue  # found again below, if it still holds
                    if v.index is not None or v.element in moved or (
                            v.related and not moved.isdisjoint([x.element for x in v.related])):
                        f = _finding(r, v, sev, sources, ctx.day)  # its file was read again: locate it again
                    found.append((v, f))
                found += _run_pairs(sctx, r, sev, sources)
                reuse.ran[r.code] = len(area)
        if r.scope == "relations" and old is not None and usable and memo is not None and all(v is not None for v, _ in old):
            if named is None:
                named = _named_now(memo, arch, sources, changed)
            if _relations_unchanged(r, memo, arch, sources, changed, old, named):
                found = _relocated(r, sev, ctx, sources, old, moved)
                reuse.ran[r.code] = 0
        if r.scope == "kinds" and old is not None and usable and memo is not None and all(v is not None for v, _ in old):
            if named is None:
                named = _named_now(memo, arch, sources, changed)
            if _kinds_unchanged(r, memo, arch, sources, changed, old, named):
                found = _relocated(r, sev, ctx, sources, old, moved)
                reuse.ran[r.code] = 0
        if r.scope == "province":
            found, judged[r.code] = _judge_again(r, sev, ctx, sources, reuse,
                                                 old if usable else None, memo.judged.get(r.code) if usable and memo else None)
        if found is None:
            found = _run_pairs(ctx, r, sev, sources)
            reuse.ran[r.code] = None
        pairs[r.code] = found
        outcome[r.code] = ([f for _, f in found], time.perf_counter() - started)
    reuse.memo = Memo(key, graph, pairs, arch, sources.first_index,
                      named if named is not None else (memo.named if memo is not None and usable and changed == set() else None),
                      judged=judged)
    return outcome


def _relations_unchanged(r: Rule, memo: Memo, arch: Architecture, sources: SourceMap, changed: set[str],
                         old: list[Pair], named: dict[str, dict[str, int]]) -> bool:
    """Whether an edit of ``changed`` leaves what a rule of scope ``relations`` reads as it was (see ``SCOPES``): no
    changed element writes a relation of its types or is named by a finding, and no id added or removed is named by
    a relation of its types (``named``: who names each id now; ``memo.named_before``: who named a changed id)."""
    types = set(r.types)
    found = {v.element for v, _ in old if v is not None} | {x.element for v, _ in old if v is not None for x in v.related}
    named_before = set().union(*memo.named_before)
    for c in changed:
        if c in found:
            return False
        for rel in (*_written_by(memo.arch, memo.first_index, c), *_written_by(arch, sources.first_index, c)):
            if rel.type in types:
                return False
        if (c in memo.first_index) != (c in sources.first_index):
            for w in {*named.get(c, ()), *named_before}:
                for rel in (*_written_by(memo.arch, memo.first_index, w), *_written_by(arch, sources.first_index, w)):
                    if rel.type in types and c in _ends(rel):
                        return False
    return True


def _kinds_unchanged(r: Rule, memo: Memo, arch: Architecture, sources: SourceMap, changed: set[str],
                     old: list[Pair], named: dict[str, dict[str, int]]) -> bool:
    """Whether an edit of ``changed`` leaves what a rule of scope ``kinds`` reads as it was (see ``SCOPES``): no changed
    element is of its kinds, writes a relation of its types with an end of its kinds, is named by such a relation
    written by an element of its kinds, or is named by a finding (in the model before the edit or after it)."""
    before = memo.arch
    assert before is not None
    models = ((before, memo.first_index), (arch, sources.first_index))
    if any(len(first) != len(a.elements) for a, first in models):
        return False  # an id written twice: which element is which is not worth following
    kinds, types = set(r.kinds), set(r.types)

    def kind_of(a: Architecture, first: dict[str, int], i: str) -> str | None:
        at = first.get(i)
        return a.elements[at].kind if at is not None else None

    named_by = {v.element for v, _ in old if v is not None} | {x.element for v, _ in old if v is not None for x in v.related}
    named_before = set().union(*memo.named_before)  # the writers that named a changed id before the edit
    for c in changed:
        if c in named_by:
            return False
        for a, first in models:
            if kind_of(a, first, c) in kinds:
                return False
            for rel in _written_by(a, first, c):
                if rel.type in types and any(kind_of(b, f, x) in kinds for x in _ends(rel) if x != c for b, f in models):
                    return False
        if not types:
            continue
        for w in {*named.get(c, ()), *named_before}:
            for a, first in models:
                if kind_of(a, first, w) in kinds and any(rel.type in types and c in _ends(rel) for rel in _written_by(a, first, w)):
                    return False
    return True


def _relocated(r: Rule, sev: Severity, ctx: RuleContext, sources: SourceMap, old: list[Pair], moved: set[str]
               ) -> list[Pair]:
    """A rule's findings kept, each located again where its file was read again."""
    out: list[Pair] = []
    for v, f in old:
        assert v is not None
        if v.index is not None or v.element in moved or (
                v.related and not moved.isdisjoint([x.element for x in v.related])):
            f = _finding(r, v, sev, sources, ctx.day)
        out.append((v, f))
    return out


def _run_judged(ctx: RuleContext, r: Rule, severity: Severity, sources: SourceMap
                ) -> tuple[list[Pair], list[str | None]]:
    """A rule of scope ``province``: its violations and findings, and the province it was judging at each."""
    found: list[Pair] = []
    judged: list[str | None] = []
    ctx.judging = None
    try:
        for v in r.run(ctx):
            found.append((v, _finding(r, v, severity, sources, ctx.day)))
            judged.append(ctx.judging)
    except Exception as exc:  # one crashing rule must not hide the others
        found.append((None, _crash(r, exc)))
        judged.append(None)
    return found, judged


def _judged_right(found: list[Pair], judged: list[str | None], where: dict[str, str]) -> bool:
    """Whether each finding was found judging the province its element is in (the rule keeps to its scope)."""
    return all(p is not None and v is not None and v.element is not None and (v.element == p or where.get(v.element) == p)
               for (v, _), p in zip(found, judged))


def _judge_again(r: Rule, sev: Severity, ctx: RuleContext, sources: SourceMap, reuse: Reuse,
                 old: list[Pair] | None, old_judged: list[str | None] | None
                 ) -> tuple[list[Pair], list[str | None]]:
    """A rule of scope ``province`` (see :data:`~kientruc.validators.registry.SCOPES`): judge again only the provinces
    ``reuse.provinces`` names, keeping the findings of the others, where the last run and this one kept to the scope;
    else judge every province."""
    from .rules import _common

    started_whole = reuse.provinces is None or old is None or old_judged is None
    if not started_whole:
        after = _common.places(ctx.graph)
        if after is not None and reuse.before_where is not None and _judged_right(old, old_judged, reuse.before_where):
            only = reuse.provinces
            sctx = RuleContext(graph=ctx.graph, architecture=ctx.architecture, profile=ctx.profile, as_of=ctx.as_of,
                               today=ctx.today, provinces=only)
            found, judged = _run_judged(sctx, r, sev, sources)
            if _judged_right(found, judged, after.where) and all(p in only for p in judged):
                moved = reuse.moved
                kept: list[Pair] = []
                kept_judged: list[str | None] = []
                for (v, f), p in zip(old, old_judged):
                    if p in only:
                        continue
                    assert v is not None
                    if v.index is not None or v.element in moved or (
                            v.related and not moved.isdisjoint([x.element for x in v.related])):
                        f = _finding(r, v, sev, sources, ctx.day)  # its file was read again: locate it again
                    kept.append((v, f))
                    kept_judged.append(p)
                reuse.ran[r.code] = sum(len(s.members or ()) for s in _common.scopes_of(ctx.graph) or ()
                                        if s.anchor is not None and s.anchor.id in only)
                return kept + found, kept_judged + judged
    found, judged = _run_judged(ctx, r, sev, sources)
    reuse.ran[r.code] = None
    return found, judged


def _ends(rel: Relation) -> tuple[str, ...]:
    """The ids a written relation names: its two ends, and the platform it goes ``via``."""
    spec = rel.spec
    return (rel.source, rel.target, spec.via) if spec is not None and spec.via else (rel.source, rel.target)


def _written_by(arch: Architecture, first_index: dict[str, int], element_id: str) -> list[Relation]:
    """The relations ``element_id`` writes in ``arch`` (its first element's, as ``arch.relations`` has them)."""
    i = first_index.get(element_id)
    if i is None or i >= len(arch.elements):
        return []
    if arch.written is not None and len(arch.written) == len(arch.elements):
        return arch.written[i]
    out: list[Relation] = []
    arch.elements[i].collect_relations(out)
    return out


def _named_now(memo: Memo, arch: Architecture, sources: SourceMap, changed: set[str]) -> dict[str, dict[str, int]]:
    """Who names each id in ``arch`` (id -> {writer: relations}): the memo's index (built from its model the
    first time) updated for the ``changed`` writers; ``memo.named_before`` keeps the writers that named a
    changed id before the update."""
    named = memo.named
    if named is None:
        named = {}
        for rel in memo.arch.relations:
            for x in _ends(rel):
                by = named.setdefault(x, {})
                by[rel.written_by] = by.get(rel.written_by, 0) + 1
    memo.named_before = [list(named.get(c, ())) for c in changed]
    for w in changed:
        for rel in _written_by(memo.arch, memo.first_index, w):
            for x in _ends(rel):
                by = named.get(x)
                if by is not None and w in by:
                    by[w] -= 1
                    if not by[w]:
                        del by[w]
        for rel in _written_by(arch, sources.first_index, w):
            for x in _ends(rel):
                by = named.setdefault(x, {})
                by[w] = by.get(w, 0) + 1
    memo.named = None  # updated in place: no longer the memo's model
    return named


class _ScopedArchitecture:
    """An :class:`~kientruc.models.Architecture` whose ``elements`` and ``relations`` are only those of (and written
    by) some ids, everything else (``by_id``, ``index``, ``manifest``…) the whole model's: what a rule of scope
    ``writer`` runs on after an edit."""

    def __init__(self, base: Architecture, ids: set[str], sources: SourceMap) -> None:
        self._base = base
        first = sources.first_index
        if len(first) == len(base.elements):  # no id written twice: their elements are their first ones
            self.elements = [base.elements[k] for k in sorted(first[x] for x in ids if x in first)]
        else:
            self.elements = [e for e in base.elements if e.id in ids]
        self.relations = [rel for i in sorted(first[x] for x in ids if x in first)
                          for rel in _written_by(base, first, base.elements[i].id)]

    def __getattr__(self, name: str) -> object:
        return getattr(self._base, name)


COMPOSITES = ("application", "shared_service")
"""The kinds of composite systems: a part is judged with its whole (its level, owner, category…) by the rules
(``rules/_common.py``: ``wholes``, ``parts_of``), so an edit reaches a whole composite, at any depth."""


def _area(graphs: tuple[ArchGraph, ...], changed: set[str], radius: int, limit: int) -> set[str] | None:
    """The elements a rule of scope ``element`` and this radius runs on again after ``changed`` changed: those
    within ``radius`` relations of a changed one in the graph before or after, with every composite system
    they are a part of or composed of, at any depth (None: more than ``limit``)."""
    area = within(graphs, changed, radius, limit)
    if area is None:
        return None
    todo = list(area)
    while todo:
        i = todo.pop()
        for g in graphs:
            el = g.get(i)
            if el is None:
                continue
            near = [r.source for r in g.in_(i, "composed_of") if g.element(r.source).kind in COMPOSITES]
            if el.kind in COMPOSITES:
                near += [r.target for r in g.out(i, "composed_of")]
            for j in near:
                if j not in area:
                    area.add(j)
                    todo.append(j)
        if len(area) > limit:
            return None
    return area


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
