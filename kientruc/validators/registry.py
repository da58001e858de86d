"""The registry: every code kientruc can report, and every rule it runs with its metadata.

A rule is a small function of a :class:`RuleContext` that yields
:class:`Violation` objects. The ``@rule`` decorator registers it with a stable
code (``STR001``), a readable kebab-case name (``unknown-reference``), titles in
Vietnamese and English, the framework profiles it applies to, when it appeared,
and the legal basis it enforces. Severity is *not* part of the rule: it comes
from ``defaults.yaml`` and the manifest's ``validation.rules``.

The registry is explicit (the rule modules, one per rule, are imported from kientruc's own
folders by :mod:`kientruc.validators.rules`) and is checked at import: duplicate codes or
names, a missing default severity or an undocumented rule fail loudly. Rule code is never
loaded from the model folder.

Besides the rules, a report can show the loader's and the engine's own codes (declared in
:mod:`kientruc.codes`). :func:`codes` lists all of them as one record type, :class:`RuleInfo`,
which the CI reporters, the rules reference and the command line receive as data.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import textwrap
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Callable, Iterable, Iterator

import yaml

from ..codes import ENGINE_CODES, LOAD_CODES, FixedCode
from ..i18n import render
from ..findings import Finding, Location, Severity
from ..frameworks import Profile, basis_on, profiles
from ..graph import ArchGraph
from ..models import KINDS as ELEMENT_KINDS, RELATION_TYPES, Architecture

_DataLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster on our data files

CODE_RE = re.compile(r"^[A-Z]{2,5}\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
DOC_SECTIONS = ("Checks:", "Kiểm tra:", "Why:", "Lý do:", "Fails:", "Passes:")
"""Docstring sections every rule has: what and why in English and in Vietnamese, then the
failing and the passing example (YAML, shared by both languages)."""
CONFIDENCE = ("high", "medium", "low")
SEARCH_MAX = 5000
"""The findings of a rule of scope ``writer`` with ``ids=True`` that say something of the other ids (a close id): past
them, what it says follows the model order, and it runs on the whole model after each edit."""

SCOPES = ("model", "element", "writer", "province", "relations", "kinds")
"""What a rule's findings may depend on, declared with ``@rule(scope=…)`` for incremental re-checks:

* ``model`` (the default): anything in the model; the rule runs again after every change;
* ``element``: each finding is about one element (``Violation.element``), the rule finds it when it
  iterates that element (``graph.elements()``, ``of_kind()``, ``layer()``, ``relations()`` from it),
  and what it says depends only on that element, the elements at most ``radius`` relations away on
  the day, and those relations. After an edit the rule runs again only on the elements that
  changed and those within ``radius`` of them; its findings about the others are kept.
* ``writer``: each finding is about the element that writes what it reads (``Violation.element``: its
  fields and the relations it writes), the rule finds it when it iterates ``ctx.architecture.elements`` or
  ``ctx.architecture.relations`` (every element and relation written, in force on the day or not), and what
  it says depends only on that element and on the elements its relations name (``ctx.architecture.by_id()``);
  findings without an element (about the manifest) are found again each time. After an edit the rule runs
  again only on the elements that changed and those that name one of them. With ``ids=True``, what it says
  may also depend on which ids exist (a close id suggested for an unknown one, for its first ``SEARCH_MAX``
  findings): after an edit that adds or removes an id it runs again on the elements it has findings about too.
* ``province``: the rule judges the provinces of a model of several provinces one by one, walking
  ``province_scopes(ctx)`` (``rules/_common.py``) and yielding each finding while it judges that province, about
  an element of that province (its UBND tỉnh, or one placed in it); what it says of a province depends only on
  that province's elements, the relations they have, and elements of no province. After an edit that does not
  change the provinces' structure (an organization, a national or unplaced element), the rule judges again only
  the provinces of the changed elements and of their neighbours, and keeps its findings about the others. The
  engine checks the first two conditions on every run and judges every province where they do not hold.
* ``relations``, with ``types``: what the rule says depends only on the relations of those types written in the
  model (``ctx.architecture.relations``, in force or not), on which ids exist, on the model order and on the
  elements its findings name (cycles of ``composed_of``, of ``supersedes``). After an edit that writes no
  relation of those types (before or after), adds or removes no id such a relation names and changes no element
  a finding names, its findings are kept (located again where their file was read again); else it runs on the whole model.
* ``kinds``, with ``kinds`` (and ``types``): what the rule says depends only on the manifest, on the elements of those
  kinds (in force on the day, and as written: their fields and the relations they write), on the relations of
  those ``types`` that have an element of those kinds at an end (whoever writes them) and on the elements at the
  ends of these. After an edit where no changed element is of those kinds, writes such a relation, is named by
  one written by an element of those kinds, or is named by a finding (before the edit or after it), its findings
  are kept (located again where their file was read again); else it runs on the whole model. With no kinds, the
  rule reads the manifest only.

``tests/test_incremental.py`` checks every declaration: random edits must give a cold check's findings.
"""


@dataclass(frozen=True, slots=True)
class Related:
    """Another place involved in a finding: an element (and a field in it), or a manifest field."""

    element: str | None = None
    path: tuple[str | int, ...] = ()
    note: str | None = None
    index: int | None = None  # which occurrence, where an id is duplicated
    in_manifest: bool = False


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule yields: what is wrong and where. The engine adds the rule's metadata."""

    message: str
    element: str | None = None
    path: tuple[str | int, ...] = ()
    hint: str | None = None
    related: tuple[Related, ...] = ()
    index: int | None = None  # which occurrence of a duplicated id
    in_manifest: bool = False  # the path is in architecture.yaml
    location: Location | None = None  # an explicit location overrides element/path
    key: str | None = None  # what tells this finding apart from others of the rule on the element (baselines)


@dataclass
class RuleContext:
    """What a rule may read: the graph for the day, the whole model, the profile and the day."""

    graph: ArchGraph
    architecture: Architecture
    profile: Profile | None
    as_of: dt.date
    today: dt.date
    # for rules of scope "province" (see SCOPES): the UBND tỉnh ids to judge (None: all), and the one being judged
    provinces: frozenset[str] | None = None
    judging: str | None = None

    @property
    def day(self) -> dt.date:
        """The day the check is about (``--as-of``; by default today)."""
        return self.as_of


class WatchedContext(RuleContext):
    """A :class:`RuleContext` that notes whether its ``profile`` was read.

    The engine gives each rule its own: a rule that never read the profile found what it found
    whatever the profile, so a second check of the same graph against another profile
    (:func:`kientruc.pipeline.verdict`'s edition judgement) takes its findings as they are.
    """

    profile_read = False

    @property  # type: ignore[override]
    def profile(self) -> Profile | None:
        self.profile_read = True
        return self.__dict__["_profile"]

    @profile.setter
    def profile(self, value: Profile | None) -> None:
        self.__dict__["_profile"] = value


RuleFunc = Callable[[RuleContext], Iterable[Violation]]


@dataclass(frozen=True)
class Rule:
    """A registered rule and everything the reports and the rules reference need."""

    code: str
    name: str
    title: str
    title_vi: str
    family: str
    func: RuleFunc = field(repr=False)
    profiles: tuple[str, ...] | None = None  # None: every profile
    since: str = "0.1.0"
    legal_basis: tuple[str, ...] = ()
    confidence: str | None = None  # "high" | "medium" | "low" where the law is unsure
    generation: int | None = None  # applies to the editions of this generation and later (None: every one)
    in_force_from: dt.date | None = None  # the law it enforces applies from this day
    in_force_to: dt.date | None = None  # … and until this day
    # What a finding can depend on, for incremental re-checks (kientruc.incremental): "model" (anything:
    # the rule runs again after every change) or "element" (see SCOPES)
    scope: str = "model"
    radius: int = 1  # for scope "element": how many relations away what a finding depends on may be
    types: tuple[str, ...] = ()  # for scopes "relations" and "kinds": the relation types its findings depend on
    kinds: tuple[str, ...] = ()  # for scope "kinds": the element kinds its findings depend on
    ids: bool = False  # for scope "writer": its findings also depend on which ids exist (see SCOPES)

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    def applies_to(self, profile: Profile | None) -> bool:
        """Whether the rule applies to an edition: it is one the rule names, or of its generation or later."""
        if profile is None:
            return True
        if self.generation is not None and profile.generation < self.generation:
            return False
        return self.profiles is None or profile.id in self.profiles

    @property
    def editions(self) -> tuple[str, ...] | None:
        """The ids of the known editions the rule applies to (None: every edition)."""
        if self.profiles is None and self.generation is None:
            return None
        return tuple(p.id for p in profiles().values() if self.applies_to(p))

    def applies_on(self, day: dt.date) -> bool:
        """Whether the law behind the rule is in force on ``day``.

        Within its own dates (``in_force_from``/``in_force_to``), a rule with a legal basis runs
        only if at least one law of it has been issued by ``day``: a law does not exist before it
        is issued (the days come from ``frameworks/_catalog.yaml``'s ``laws``).
        """
        if self.in_force_from is not None and day < self.in_force_from:
            return False
        if self.in_force_to is not None and day > self.in_force_to:
            return False
        return not self.legal_basis or bool(self.legal_basis_on(day))

    def legal_basis_on(self, day: dt.date) -> tuple[str, ...]:
        """The legal basis a finding of ``day`` cites: the laws issued on or before it."""
        return basis_on(self.legal_basis, day)

    def title_in(self, lang: str) -> str:
        return self.title_vi if lang == "vi" else self.title

    def run(self, ctx: RuleContext) -> Iterator[Violation]:
        yield from self.func(ctx)

    def doc_section(self, heading: str) -> str:
        """The text of one docstring section (``Checks:``, ``Why:``, ``Fails:``, ``Passes:``)."""
        doc = self.doc
        start = doc.find(heading)
        if start < 0:
            return ""
        start += len(heading)
        ends = [doc.find(h, start) for h in DOC_SECTIONS if doc.find(h, start) >= 0]
        return inspect.cleandoc(doc[start : min(ends) if ends else len(doc)])

    def example(self, heading: str) -> str:
        """The YAML of the ``Fails:`` or ``Passes:`` example, without its fence."""
        text = self.doc_section(heading)
        m = re.search(r"```yaml\n(.*?)```", text, re.S)
        return textwrap.dedent(m.group(1)) if m else ""


_REGISTRY: dict[str, Rule] = {}
_BY_NAME: dict[str, Rule] = {}


def rule(
    *,
    code: str,
    name: str,
    title: str,
    title_vi: str,
    family: str,
    profiles: Iterable[str] | None = None,
    since: str = "0.1.0",
    legal_basis: Iterable[str] = (),
    confidence: str | None = None,
    generation: int | None = None,
    in_force_from: dt.date | None = None,
    in_force_to: dt.date | None = None,
    scope: str = "model",
    radius: int = 1,
    types: Iterable[str] = (),
    kinds: Iterable[str] = (),
    ids: bool = False,
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function. ``generation=3``: it applies to framework 3.0 and every later edition,
    whatever edition files exist (an edition's ``generation`` is in its data file)."""

    def register(func: RuleFunc) -> RuleFunc:
        r = Rule(
            code=code,
            name=name,
            title=title,
            title_vi=title_vi,
            family=family,
            func=func,
            profiles=tuple(profiles) if profiles is not None else None,
            since=since,
            legal_basis=tuple(legal_basis),
            confidence=confidence,
            generation=generation,
            in_force_from=in_force_from,
            in_force_to=in_force_to,
            scope=scope,
            radius=radius,
            types=tuple(types),
            kinds=tuple(kinds),
            ids=ids,
        )
        _check_rule(r)
        _REGISTRY[code] = r
        _BY_NAME[name] = r
        return func

    return register


def _check_rule(r: Rule) -> None:
    problems = []
    if not CODE_RE.match(r.code):
        problems.append(f"code {r.code!r} is not a family prefix and three digits")
    if not NAME_RE.match(r.name):
        problems.append(f"name {r.name!r} is not kebab-case")
    if r.code in _REGISTRY:
        problems.append(f"code {r.code} is registered twice")
    if r.name in _BY_NAME:
        problems.append(f"name {r.name} is registered twice")
    if r.code in LOAD_CODES or r.code in ENGINE_CODES:
        problems.append(f"code {r.code} is a code of the {'loader' if r.code in LOAD_CODES else 'engine'}")
    missing = [s for s in DOC_SECTIONS if s not in r.doc]
    if missing:
        problems.append("docstring lacks " + ", ".join(missing))
    if r.code not in default_severities():
        problems.append("no default severity in validators/defaults.yaml")
    if r.confidence is not None and r.confidence not in CONFIDENCE:
        problems.append(f"confidence {r.confidence!r} is not one of {', '.join(CONFIDENCE)}")
    if r.family in {x.name for x in _REGISTRY.values()} or lookup(r.family) is not None:
        problems.append(f"family {r.family!r} is also the name of a rule")
    if r.scope not in SCOPES:
        problems.append(f"scope {r.scope!r} is not one of {', '.join(SCOPES)}")
    if r.radius < 0:
        problems.append(f"radius {r.radius} is negative")
    if r.scope == "relations" and not r.types:
        problems.append("scope 'relations' names its relation types (types=…)")
    if r.types and r.scope not in ("relations", "kinds"):
        problems.append("only scopes 'relations' and 'kinds' name relation types (types=…)")
    if r.ids and r.scope != "writer":
        problems.append("only scope 'writer' says its findings depend on which ids exist (ids=True)")
    if r.kinds and r.scope != "kinds":
        problems.append("only scope 'kinds' names element kinds (kinds=…)")
    if r.scope == "kinds" and r.types and not r.kinds:
        problems.append("scope 'kinds' with relation types names the kinds at their ends (kinds=…)")
    unknown = [k for k in r.kinds if k not in ELEMENT_KINDS]
    if unknown:
        problems.append(f"kinds {', '.join(unknown)} are not element kinds")
    unknown = [t for t in r.types if t not in RELATION_TYPES]
    if unknown:
        problems.append(f"types {', '.join(unknown)} are not relation types")
    if problems:
        raise RuntimeError(f"rule {r.code} ({r.name}): " + "; ".join(problems))


def registry() -> dict[str, Rule]:
    """Every rule by code, in code order."""
    return dict(sorted(_REGISTRY.items()))


def lookup(code_or_name: str) -> Rule | None:
    """A rule by code (``STR001``) or name (``unknown-reference``)."""
    return _REGISTRY.get(code_or_name.upper()) or _BY_NAME.get(code_or_name)


@cache
def default_severities() -> dict[str, Severity | None]:
    """Default severity of each rule, from ``defaults.yaml`` (None: off by default)."""
    text = resources.files(__package__).joinpath("defaults.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_DataLoader) or {}
    # YAML 1.1 reads a bare `off` as false: both mean off
    return {code: (None if level in ("off", False) else Severity.parse(level)) for code, level in data.items()}


# --------------------------------------------------------------------------- every code


@dataclass(frozen=True)
class RuleInfo:
    """One code as reports and the rules reference show it: a rule, a load check or an engine check."""

    code: str
    name: str
    title: str
    family: str  # the rule's family; "load" or "engine" for the other codes
    description: str  # what it checks, one paragraph of plain text
    help_text: str  # the full documentation, plain text
    help_markdown: str  # the same as Markdown
    legal_basis: tuple[str, ...] = ()
    default_severity: Severity | None = None  # None: off by default
    title_vi: str | None = None
    origin: str = "rule"  # rule | load | engine
    profiles: tuple[str, ...] | None = None  # None: every profile
    confidence: str | None = None
    in_force_from: dt.date | None = None
    in_force_to: dt.date | None = None

    @classmethod
    def unknown(cls, f: Finding) -> "RuleInfo":
        """A record for a code no table knows (a rule added at run time, for example)."""
        return cls(f.code, f.name, f.name, "other", f.name, f.name, f.name, f.legal_basis)

    @classmethod
    def of_rule(cls, r: Rule, severity: Severity | None) -> "RuleInfo":
        """A rule's record, its documentation from its docstring."""
        parts_md: list[str] = [f"**{r.code} {r.name}**: {r.title}" + (f" ({r.title_vi})" if r.title_vi else "")]
        for heading in DOC_SECTIONS:
            text = r.doc_section(heading)
            if text:
                parts_md.append(f"**{heading.rstrip(':')}**\n\n{text}")
        if r.legal_basis:
            parts_md.append("**Legal basis**\n\n" + "\n".join(f"- {b}" for b in r.legal_basis))
        help_text = r.doc
        if r.legal_basis:
            help_text += "\n\nLegal basis:\n" + "\n".join(f"- {b}" for b in r.legal_basis)
        return cls(
            code=r.code,
            name=r.name,
            title=r.title,
            family=r.family,
            description=" ".join(r.doc_section("Checks:").split()) or r.title,
            help_text=help_text,
            help_markdown="\n\n".join(parts_md),
            legal_basis=r.legal_basis,
            default_severity=severity,
            title_vi=r.title_vi,
            profiles=r.editions,
            confidence=r.confidence,
            in_force_from=r.in_force_from,
            in_force_to=r.in_force_to,
        )

    @classmethod
    def of_fixed(cls, c: FixedCode) -> "RuleInfo":
        """The record of a loader's or engine's code: its title is all its documentation."""
        title = str(c.title)
        return cls(c.code, c.name, title, c.origin, title, title, title, default_severity=c.severity,
                   title_vi=render(c.title, "vi"), origin=c.origin)


def codes() -> dict[str, RuleInfo]:
    """Every code kientruc can report, by code: the rules in code order, then the loader's, then the engine's."""
    defaults = default_severities()
    out = {code: RuleInfo.of_rule(r, defaults.get(code)) for code, r in registry().items()}
    for table in (LOAD_CODES, ENGINE_CODES):
        out.update((code, RuleInfo.of_fixed(c)) for code, c in table.items())
    return out


def rule_infos(findings: Iterable[Finding], extra_codes: Iterable[str] = ()) -> dict[str, RuleInfo]:
    """The records of the codes that ``findings`` use (and of ``extra_codes``), unknown codes included."""
    known = codes()
    out: dict[str, RuleInfo] = {}
    for code in extra_codes:
        if code in known:
            out[code] = known[code]
    for f in findings:
        if f.code not in out:
            out[f.code] = known.get(f.code) or RuleInfo.unknown(f)
    return out
