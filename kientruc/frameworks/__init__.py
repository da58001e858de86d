"""National framework profiles, shipped as data files (one YAML file per instrument).

A profile says which national framework an architecture is aligned to, the
instrument that issued it and the days it was in force, and what the framework
asks of a provincial architecture: the components (or layers) it must contain,
the national platforms it must connect to, the standards lists, the reference
models and the contents of the architecture document. Framework rules read the
profile; a new framework version is a new data file, not new code.

Files whose name starts with ``_`` are not profiles: ``_catalog.yaml`` holds what
several profiles share (the national connections, the standards lists, facts of
laws), referenced from the profiles by id; ``_provinces.yaml`` is the national
administrative catalogue, read through :mod:`.provinces`.

This module imports nothing else from kientruc: selectors match any object by its
attributes (``kind``, ``platform_type``, ``external``…).
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

_DataLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster on our data files


# --------------------------------------------------------------------------- selectors


@dataclass(frozen=True)
class Selector:
    """Matches elements by attribute values: ``{kind: application, system_type: [tthc, dvc_portal]}``.

    Every key must match; a list value matches any of its items. ``external: false``
    matches provincial elements, ``external: true`` national or outside ones.
    """

    conditions: tuple[tuple[str, tuple[Any, ...]], ...]
    # The conditions compiled for speed (rules match every element against every selector):
    # (key, the expected values as text, the expected booleans/None), cheap keys first.
    _compiled: tuple[tuple[str, frozenset[str], tuple[Any, ...]], ...] = field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        compiled = [
            (key, frozenset(str(v) for v in values if not (isinstance(v, bool) or v is None)),
             tuple(v for v in values if isinstance(v, bool) or v is None))
            for key, values in self.conditions
        ]
        compiled.sort(key=lambda c: (c[0] != "kind", c[0] in NAME_HINTS))
        object.__setattr__(self, "_compiled", tuple(compiled))

    @classmethod
    def parse(cls, data: dict[str, Any]) -> "Selector":
        conds = []
        for key, value in data.items():
            values = tuple(value) if isinstance(value, list) else (value,)
            conds.append((key, values))
        return cls(tuple(conds))

    @property
    def kinds(self) -> frozenset[str] | None:
        """The kinds this selector can match (None: any kind)."""
        for key, texts, specials in self._compiled:
            if key == "kind":
                return texts
        return None

    def matches(self, element: Any) -> bool:
        for key, texts, specials in self._compiled:
            actual = attribute(element, key)
            if isinstance(actual, list):
                if not any(_matches_value(a, texts, specials) for a in actual):
                    return False
            elif not _matches_value(actual, texts, specials):
                return False
        return True

    def describe(self) -> str:
        return ", ".join(f"{k}={'|'.join(str(v) for v in vs)}" for k, vs in self.conditions)


def _matches_value(actual: Any, texts: frozenset[str], specials: tuple[Any, ...]) -> bool:
    """``actual`` equals one expected value: as text, or (booleans, None) by identity; None matches False."""
    if actual is not None and texts and str(actual) in texts:
        return True
    for expected in specials:
        if actual is expected or (expected is False and actual is None):
            return True
    return False


# Official names that identify a system when the model does not say what it is. Matched, without
# accents and in lower case, against the element's name; the first match wins. Explicit fields
# (system_type, national_database) always take precedence.
NAME_HINTS: dict[str, tuple[tuple[str, tuple[str, ...], str], ...]] = {
    "system_type": (
        ("application shared_service", ("cong dich vu cong quoc gia",), "national_public_service_portal"),
        ("application shared_service", ("quan ly van ban va dieu hanh",), "document_management"),
        ("application shared_service", ("he thong thong tin giai quyet thu tuc hanh chinh",), "tthc"),
        ("application shared_service", ("mot cua dien tu",), "one_stop"),
        ("application shared_service", ("cong dich vu cong",), "dvc_portal"),
        ("application shared_service", ("cong thong tin dien tu",), "web_portal"),
        ("application shared_service", ("thu dien tu cong vu",), "email"),
        ("application shared_service", ("dinh danh va xac thuc dien tu", "vneid"), "eid"),
        ("application shared_service", ("nen tang thanh toan", "cong thanh toan"), "payment_platform"),
        ("application shared_service", ("giam sat quoc gia ve chinh phu so",), "monitoring_centre"),
    ),
    "national_database": (
        ("database", ("quoc gia ve dan cu",), "dan_cu"),
        ("database", ("quoc gia ve dat dai",), "dat_dai"),
        ("database", ("quoc gia ve dang ky doanh nghiep",), "dang_ky_doanh_nghiep"),
        ("database", ("quoc gia ve bao hiem",), "bao_hiem"),
    ),
}


@lru_cache(maxsize=1 << 16)
def _fold(text: str | None) -> str:
    text = str(text or "").replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def attribute(element: Any, key: str) -> Any:
    """An element's field, or, for ``system_type`` and ``national_database`` left empty, what its
    official name says it is (``Hệ thống quản lý văn bản và điều hành`` → document_management)."""
    actual = getattr(element, key, None)
    if actual is not None or key not in NAME_HINTS:
        return actual
    return _inferred(key, getattr(element, "kind", ""), getattr(element, "name", ""))


@lru_cache(maxsize=1 << 17)
def _inferred(key: str, kind: str, name: str | None) -> str | None:
    """What an official name says an element is (memoised: the rules ask again for every element)."""
    folded = _fold(name)
    for kinds, needles, inferred in NAME_HINTS[key]:
        if kind in kinds.split() and any(n in folded for n in needles):
            return inferred
    return None


def _selectors(data: Iterable[dict[str, Any]] | dict[str, Any] | None) -> tuple[Selector, ...]:
    if data is None:
        return ()
    if isinstance(data, dict):
        data = [data]
    return tuple(Selector.parse(d) for d in data)


def matches_any(selectors: Iterable[Selector], element: Any) -> bool:
    return any(s.matches(element) for s in selectors)


# --------------------------------------------------------------------------- profile parts


@dataclass(frozen=True)
class Component:
    """A component (or layer) of the framework's overview diagram that the architecture must contain."""

    id: str
    title: str
    title_en: str
    match: tuple[Selector, ...]
    confidence: str = "medium"
    note: str | None = None


@dataclass(frozen=True)
class Connection:
    """A connection to a national platform: each element matching ``source`` links to one matching ``target``."""

    id: str
    title: str
    title_en: str
    rule: str
    source: tuple[Selector, ...]
    target: tuple[Selector, ...]
    since: dt.date | None = None
    since_basis: str | None = None
    otherwise_source: tuple[Selector, ...] = ()  # the sources where the architecture has none of ``source``
    through_platforms: bool = False
    required: bool = False
    legal_basis: tuple[str, ...] = ()
    confidence: str = "high"
    note: str | None = None

    def in_force(self, day: dt.date) -> bool:
        return self.since is None or day >= self.since


@dataclass(frozen=True)
class Section:
    """A content of the architecture document (căn cứ, tầm nhìn, lộ trình…)."""

    id: str
    title: str
    title_en: str
    essential: bool = False  # its absence makes the document no architecture (rule ARCH001)


@dataclass(frozen=True)
class Standard:
    """A row of a standards list (TT 39/2017/TT-BTTTT and related)."""

    id: str
    names: tuple[str, ...]
    status: str  # "bb" (bắt buộc, compulsory) | "kn" (khuyến nghị, recommended)
    row: str | None = None
    group: str | None = None
    applies_to: str | None = None  # web | email | internet | message | None (all)
    alternatives: tuple[str, ...] = ()  # ids of standards that satisfy the same row
    note: str | None = None

    def matches(self, text: str) -> bool:
        key = _std_key(text)
        return any(_std_key(n) == key for n in self.names)


@dataclass(frozen=True)
class StandardsList:
    id: str
    title: str
    instrument: str
    in_force_from: dt.date
    in_force_to: dt.date | None
    confidence: str
    entries: tuple[Standard, ...]
    note: str | None = None

    def in_force(self, day: dt.date) -> bool:
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)

    def find(self, text: str) -> Standard | None:
        """The first entry one of whose names is ``text`` (compared without case, accents, punctuation)."""
        return self._by_key.get(_std_key(text))

    @cached_property
    def _by_key(self) -> dict[str, Standard]:
        by_key: dict[str, Standard] = {}
        for entry in self.entries:
            for name in entry.names:
                by_key.setdefault(_std_key(name), entry)
        return by_key


@lru_cache(maxsize=4096)
def _std_key(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).lower()
    return "".join(c for c in text if c.isalnum())


# --------------------------------------------------------------------------- profile


@dataclass(frozen=True)
class Profile:
    id: str
    title: str
    title_en: str
    instrument: str
    issued: dt.date
    in_force_from: dt.date
    in_force_to: dt.date | None
    superseded_by: str | None
    notes: str | None = None
    generation: int = 0
    short: str | None = None  # the instrument's number, e.g. 2323/QĐ-BTTTT
    guidance: tuple[str, ...] = ()
    local_levels: tuple[str, ...] = ()
    components: tuple[Component, ...] = ()
    national_connections: tuple[Connection, ...] = ()
    standards: tuple[str, ...] = ()
    reference_models: tuple[str, ...] = ()
    document_sections: tuple[Section, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def in_force(self, day: dt.date) -> bool:
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)

    @property
    def label(self) -> str:
        return f"{self.id} ({self.short or self.instrument})"

    def connections_for(self, rule_code: str) -> list[Connection]:
        return [c for c in self.national_connections if c.rule == rule_code]

    def standards_lists(self, day: dt.date | None = None) -> list[StandardsList]:
        lists = catalog_standards()
        return [lists[s] for s in self.standards if s in lists and (day is None or lists[s].in_force(day))]


_PROFILE_FIELDS = {
    "id", "title", "title_en", "instrument", "issued", "in_force_from", "in_force_to", "superseded_by",
    "notes", "generation", "short", "guidance", "local_levels", "components", "national_connections",
    "standards", "reference_models", "document_sections",
}


def _read_yaml(name: str) -> Any:
    return yaml.load(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"), Loader=_DataLoader)


def _profile(data: dict[str, Any]) -> Profile:
    unknown = set(data) - _PROFILE_FIELDS
    if unknown:
        raise ValueError(f"profile {data.get('id')}: unknown fields {sorted(unknown)}")
    conns = catalog_connections()
    missing = [c for c in data.get("national_connections", []) if c not in conns]
    if missing:
        raise ValueError(f"profile {data['id']}: unknown national connections {missing}")
    return Profile(
        id=data["id"],
        title=data["title"],
        title_en=data["title_en"],
        instrument=data["instrument"],
        issued=data["issued"],
        in_force_from=data["in_force_from"],
        in_force_to=data.get("in_force_to"),
        superseded_by=data.get("superseded_by"),
        notes=data.get("notes"),
        generation=data.get("generation", 0),
        short=data.get("short"),
        guidance=tuple(data.get("guidance", ())),
        local_levels=tuple(data.get("local_levels", ())),
        components=tuple(
            Component(
                id=c["id"],
                title=c["title"],
                title_en=c["title_en"],
                match=_selectors(c["match"]),
                confidence=c.get("confidence", "medium"),
                note=c.get("note"),
            )
            for c in data.get("components", ())
        ),
        national_connections=tuple(conns[c] for c in data.get("national_connections", ())),
        standards=tuple(data.get("standards", ())),
        reference_models=tuple(data.get("reference_models", ())),
        document_sections=tuple(
            Section(id=s["id"], title=s["title"], title_en=s["title_en"], essential=s.get("essential", False))
            for s in data.get("document_sections", ())
        ),
    )


@cache
def catalog() -> dict[str, Any]:
    """The shared data of ``_catalog.yaml`` (raw)."""
    return _read_yaml("_catalog.yaml")


@cache
def catalog_connections() -> dict[str, Connection]:
    out: dict[str, Connection] = {}
    for cid, c in catalog()["national_connections"].items():
        out[cid] = Connection(
            id=cid,
            title=c["title"],
            title_en=c["title_en"],
            rule=c["rule"],
            source=_selectors(c["from"]),
            target=_selectors(c["to"]),
            since=c.get("since"),
            since_basis=c.get("since_basis"),
            otherwise_source=_selectors(c.get("otherwise_from")),
            through_platforms=c.get("through_platforms", False),
            required=c.get("required", False),
            legal_basis=tuple(c.get("legal_basis", ())),
            confidence=c.get("confidence", "high"),
            note=c.get("note"),
        )
    return out


@cache
def catalog_standards() -> dict[str, StandardsList]:
    out: dict[str, StandardsList] = {}
    for sid, s in catalog()["standards"].items():
        out[sid] = StandardsList(
            id=sid,
            title=s["title"],
            instrument=s["instrument"],
            in_force_from=s["in_force_from"],
            in_force_to=s.get("in_force_to"),
            confidence=s["confidence"],
            note=s.get("note"),
            entries=tuple(
                Standard(
                    id=e["id"],
                    names=tuple(e["names"]),
                    status=e["status"],
                    row=str(e["row"]) if e.get("row") is not None else None,
                    group=e.get("group"),
                    applies_to=e.get("applies_to"),
                    alternatives=tuple(e.get("alternatives", ())),
                    note=e.get("note"),
                )
                for e in s["entries"]
            ),
        )
    return out


# --------------------------------------------------------------------------- laws


@dataclass(frozen=True)
class Law:
    """A law or guidance document a rule cites, and the day it was issued (None: no instrument)."""

    id: str
    cites: tuple[str, ...]
    issued: dt.date | None
    effective: dt.date | None = None
    deadline: dt.date | None = None  # a day the law sets for something to be done
    confidence: str | None = None
    note: str | None = None


def law_day(law_id: str, which: str = "issued") -> dt.date:
    """A day of a law of the catalogue: ``issued``, ``effective`` (its issue day if not given) or ``deadline``.

    Rules take the days of the laws they enforce from here, never from a literal in their code.
    """
    for law in laws():
        if law.id == law_id:
            day = getattr(law, which)
            if day is None and which == "effective":
                day = law.issued
            if day is None:
                raise KeyError(f"the law {law_id} has no {which} day in frameworks/_catalog.yaml")
            return day
    raise KeyError(f"no law {law_id} in frameworks/_catalog.yaml (laws)")


@cache
def laws() -> tuple[Law, ...]:
    """The laws of ``_catalog.yaml``'s ``laws``."""
    return tuple(
        Law(
            id=d["id"],
            cites=tuple(d["cites"]),
            issued=d.get("issued"),
            effective=d.get("effective"),
            deadline=d.get("deadline"),
            confidence=d.get("confidence"),
            note=d.get("note"),
        )
        for d in catalog().get("laws", ())
    )


class UnknownLaw(LookupError):
    """A legal-basis text names no law of the catalogue."""


@lru_cache(maxsize=1024)
def basis_law(text: str) -> Law:
    """The law a legal-basis text rests on: the catalogue's law it names first.

    Raises :class:`UnknownLaw` when it names none (add the law to ``_catalog.yaml``'s ``laws``).
    """
    best: tuple[int, Law] | None = None
    for law in laws():
        for cite in law.cites:
            at = text.find(cite)
            if at >= 0 and (best is None or at < best[0]):
                best = (at, law)
    if best is None:
        raise UnknownLaw(f"the legal basis {text!r} names no law of frameworks/_catalog.yaml (laws)")
    return best[1]


def basis_issued(text: str) -> dt.date | None:
    """The day the law a legal-basis text rests on was issued (None: undated, always cited)."""
    return basis_law(text).issued


def basis_on(bases: Iterable[str], day: dt.date) -> tuple[str, ...]:
    """The legal-basis texts whose law exists on ``day`` (issued on or before it).

    A text naming no law of the catalogue (a rule registered by a test or a plug-in) is kept: its day
    is not known. Every rule of kientruc names catalogued laws (tests/test_rules_time.py checks it).
    """
    out = []
    for text in bases:
        try:
            issued = basis_issued(text)
        except UnknownLaw:
            issued = None
        if issued is None or issued <= day:
            out.append(text)
    return tuple(out)


EXTRA_FOLDERS_ENV = "KIENTRUC_FRAMEWORKS"
"""Folders (separated by the platform's path separator) of further edition files, read after kientruc's own:
an edition is data, and a new one reaches every rule of its generation without a change of code."""


def _edition_files() -> list[Any]:
    files = sorted(
        (e for e in resources.files(__package__).iterdir() if e.name.endswith(".yaml") and not e.name.startswith("_")),
        key=lambda p: p.name,
    )
    for folder in filter(None, os.environ.get(EXTRA_FOLDERS_ENV, "").split(os.pathsep)):
        files += sorted(p for p in Path(folder).glob("*.yaml") if not p.name.startswith("_"))
    return files


@cache
def profiles() -> dict[str, Profile]:
    """Every profile, by id (in the order of their generation): kientruc's own and those of the folders
    named in ``KIENTRUC_FRAMEWORKS``."""
    found: list[Profile] = []
    for entry in _edition_files():
        found.append(_profile(yaml.load(entry.read_text(encoding="utf-8"), Loader=_DataLoader)))
    ids = [p.id for p in found]
    if len(set(ids)) != len(ids):
        raise ValueError(f"two edition files have the same id: {sorted({i for i in ids if ids.count(i) > 1})}")
    found.sort(key=lambda p: (p.generation, p.issued))
    return {p.id: p for p in found}


def default_profile() -> str:
    """The edition a new architecture is aligned to unless told otherwise (``_catalog.yaml``: default_profile)."""
    return catalog()["default_profile"]


def in_force_on(day: dt.date) -> list[Profile]:
    """The profiles in force on ``day``, oldest generation first."""
    return [p for p in profiles().values() if p.in_force(day)]


def newest_in_force(day: dt.date) -> Profile | None:
    """The most recent framework in force on ``day`` (None before the first one)."""
    current = in_force_on(day)
    return current[-1] if current else None


def supersession_chain(profile: Profile, day: dt.date) -> list[Profile]:
    """The profiles that followed ``profile`` up to the newest one in force on ``day``."""
    chain: list[Profile] = []
    known = profiles()
    p = profile
    while p.superseded_by and p.superseded_by in known and known[p.superseded_by].in_force_from <= day:
        p = known[p.superseded_by]
        chain.append(p)
    newest = newest_in_force(day)
    if newest is not None and newest.generation > (chain[-1] if chain else profile).generation and newest not in chain:
        chain.append(newest)
    return chain


__all__ = [
    "Law",
    "NAME_HINTS",
    "UnknownLaw",
    "basis_issued",
    "basis_law",
    "basis_on",
    "default_profile",
    "law_day",
    "laws",
    "attribute",
    "Component",
    "Connection",
    "Profile",
    "Section",
    "Selector",
    "Standard",
    "StandardsList",
    "catalog",
    "catalog_connections",
    "catalog_standards",
    "in_force_on",
    "matches_any",
    "newest_in_force",
    "profiles",
    "supersession_chain",
]
