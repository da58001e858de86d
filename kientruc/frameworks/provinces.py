"""The national administrative catalogue: Vietnam's provinces before and after the 2025 rearrangement.

The data is ``_provinces.yaml`` beside this module, sourced and dated: the 63 provincial units in
force until 30/6/2025, each with the unit it became, and the 34 units of Nghị quyết
202/2025/QH15 (12/6/2025; governing from 1/7/2025), each with its predecessors, its
administrative centre and its commune-level units after the rearrangement (xã, phường, đặc khu)
with the resolution of the National Assembly Standing Committee that fixed them. Every fact
carries its source and a confidence (``high``, ``partial``, ``unverified``).

Names are compared folded: without accents (đ → d), case, punctuation and the words ``tỉnh``,
``thành phố`` or ``TP``, so ``Tỉnh Kon Tum``, ``kon tum`` and ``KON TUM`` are one name::

    >>> from kientruc.frameworks.provinces import catalogue
    >>> import datetime as dt
    >>> cat = catalogue()
    >>> cat.find("Kon Tum", dt.date(2025, 6, 1)).full_name
    'Tỉnh Kon Tum'
    >>> cat.find("Kon Tum", dt.date(2026, 1, 15)) is None
    True
    >>> cat.successor(cat.find("Kon Tum", dt.date(2025, 6, 1))).full_name
    'Tỉnh Quảng Ngãi'
    >>> [p.name for p in cat.predecessors(cat.find("Gia Lai", dt.date(2026, 1, 15)))]
    ['Bình Định', 'Gia Lai']
    >>> cat.find("Lạng Sơn", dt.date(2026, 1, 15)).communes.total
    65

This module imports nothing else from kientruc.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Iterable

import yaml

_DataLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

CONFIDENCES = ("high", "partial", "unverified")
BEFORE, AFTER = "before_2025", "after_2025"

_PREFIXES = ("thanh pho ", "tinh ", "tp ")


def name_key(name: str | None) -> str:
    """A province name folded for comparison: ``Tỉnh Bà Rịa – Vũng Tàu`` → ``ba ria vung tau``."""
    text = unicodedata.normalize("NFC", str(name or "")).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


@dataclass(frozen=True)
class CommuneCount:
    """A province's commune-level units after the 2025 rearrangement, and the resolution that fixed them."""

    xa: int | None
    phuong: int | None
    dac_khu: int | None
    resolution: str | None  # e.g. 1672/NQ-UBTVQH15
    resolution_date: dt.date | None
    source: str
    confidence: str
    note: str | None = None
    resolution_source: str | None = None

    @property
    def known(self) -> bool:
        """Whether every number is known and sourced (an ``unverified`` count judges nothing)."""
        return None not in (self.xa, self.phuong, self.dac_khu) and self.confidence != "unverified"

    @property
    def total(self) -> int | None:
        return None if None in (self.xa, self.phuong, self.dac_khu) else self.xa + self.phuong + self.dac_khu

    def by_level(self) -> dict[str, int | None]:
        """The numbers by ``admin_level`` value: ``{'xa': …, 'phuong': …, 'dac_khu': …}``."""
        return {"xa": self.xa, "phuong": self.phuong, "dac_khu": self.dac_khu}

    @property
    def instrument(self) -> str | None:
        """``Nghị quyết 1672/NQ-UBTVQH15 ngày 16/6/2025``."""
        if not self.resolution:
            return None
        day = self.resolution_date
        return f"Nghị quyết {self.resolution}" + (f" ngày {day.day}/{day.month}/{day.year}" if day else "")


@dataclass(frozen=True)
class Centre:
    """Where a new province's political and administrative centre is: in the territory of a predecessor."""

    in_: str  # id of the predecessor (before_2025)
    note: str | None
    confidence: str


@dataclass(frozen=True)
class Province:
    """A provincial unit (tỉnh or thành phố trực thuộc trung ương) over the days it was in force."""

    id: str
    era: str  # before_2025 | after_2025
    name: str  # Lạng Sơn
    full_name: str  # Tỉnh Lạng Sơn
    type: str  # tinh | thanh_pho
    code: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    other_names: tuple[str, ...] = ()
    successor: str | None = None  # id in after_2025 (units before 2025)
    predecessors: tuple[str, ...] = ()  # ids in before_2025 (units of 2025)
    centre: Centre | None = None
    communes: CommuneCount | None = None
    source: str = ""
    confidence: str = "high"
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.full_name, *self.other_names)

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(name_key(n) for n in self.names)

    def in_force(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def __str__(self) -> str:
        return self.full_name


class Catalogue:
    """The provinces of ``_provinces.yaml`` and the questions asked of them."""

    def __init__(self, data: dict[str, Any]):
        self.sources: dict[str, str] = dict(data.get("sources", {}))
        self.rearranged_on: dt.date = data["rearranged_on"]
        self.rearranged_by: str = data["rearranged_by"]
        self.before: dict[str, Province] = {p.id: p for p in (_province(BEFORE, d) for d in data[BEFORE])}
        self.after: dict[str, Province] = {p.id: p for p in (_province(AFTER, d) for d in data[AFTER])}
        self._by_key: dict[str, list[Province]] = {}
        for p in self.all():
            for key in p.keys:
                self._by_key.setdefault(key, []).append(p)
        self._check()

    def _check(self) -> None:
        """The data holds together: every successor and predecessor exists, and they mirror each other."""
        for p in self.before.values():
            if p.successor not in self.after:
                raise ValueError(f"_provinces.yaml: {p.id}: unknown successor {p.successor!r}")
            if p.id not in self.after[p.successor].predecessors:
                raise ValueError(f"_provinces.yaml: {p.id} is not among {p.successor}'s predecessors")
        for p in self.after.values():
            unknown = [q for q in p.predecessors if q not in self.before]
            if unknown or not p.predecessors:
                raise ValueError(f"_provinces.yaml: {p.id}: predecessors {list(p.predecessors)} (unknown: {unknown})")
            if p.centre and p.centre.in_ not in p.predecessors:
                raise ValueError(f"_provinces.yaml: {p.id}: its centre is in none of its predecessors")
        for p in self.all():
            facts = [p.confidence] + ([p.communes.confidence] if p.communes else [])
            if any(c not in CONFIDENCES for c in facts):
                raise ValueError(f"_provinces.yaml: {p.id}: confidence must be one of {CONFIDENCES}")

    # ------------------------------------------------------------------ listing

    def all(self) -> list[Province]:
        """Every unit, the 63 then the 34."""
        return [*self.before.values(), *self.after.values()]

    def on(self, day: dt.date) -> list[Province]:
        """The provincial units in force on ``day`` (63 before 1/7/2025, 34 from then)."""
        return [p for p in self.all() if p.in_force(day)]

    # ------------------------------------------------------------------ by name

    def named(self, name: str) -> list[Province]:
        """Every unit ever called ``name`` (any era), oldest first; [] for a name the catalogue lacks."""
        return list(self._by_key.get(name_key(name), ()))

    def find(self, name: str, day: dt.date | None = None) -> Province | None:
        """The unit called ``name`` in force on ``day`` (None: the newest unit by that name)."""
        found = self.named(name)
        if day is None:
            return found[-1] if found else None
        return next((p for p in found if p.in_force(day)), None)

    def dissolved(self, name: str, day: dt.date) -> Province | None:
        """The unit called ``name`` if it no longer exists on ``day``: no unit of that name is in force
        then, and one ended before it (Kon Tum on 15/1/2026). None otherwise (Gia Lai, Hà Tĩnh, or a
        name the catalogue lacks)."""
        if self.find(name, day) is not None:
            return None
        ended = [p for p in self.named(name) if p.valid_to is not None and p.valid_to < day]
        return ended[-1] if ended else None

    def mentioned_in(self, text: str | None) -> str | None:
        """The province name a text names as whole words, the longest if several
        (``Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu`` → ``Bà Rịa - Vũng Tàu``); None if none."""
        folded = f" {name_key(text)} "
        best: tuple[int, str] | None = None
        for key, units in self._by_key.items():
            if key and f" {key} " in folded and (best is None or len(key) > best[0]):
                best = (len(key), units[-1].name)
        return best[1] if best else None

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """Known province names close to ``name`` (for a did-you-mean)."""
        names = {name_key(p.name): p.name for p in self.all()}
        return [names[k] for k in difflib.get_close_matches(name_key(name), list(names), n=n, cutoff=0.6)]

    # ------------------------------------------------------------------ history

    def successor(self, province: Province) -> Province | None:
        """The unit of 2025 a unit before 2025 became (itself again for the 11 not merged)."""
        return self.after.get(province.successor) if province.successor else None

    def predecessors(self, province: Province) -> list[Province]:
        """The units before 2025 a unit of 2025 was formed from, in the data's order."""
        return [self.before[i] for i in province.predecessors]

    def created_by(self, province: Province) -> str:
        """The instrument that created a unit of 2025 (or ended one before 2025)."""
        return self.rearranged_by


def _date(value: Any) -> dt.date | None:
    return value if isinstance(value, dt.date) or value is None else dt.date.fromisoformat(str(value))


def _province(era: str, d: dict[str, Any]) -> Province:
    c = d.get("communes")
    centre = d.get("centre")
    return Province(
        id=d["id"],
        era=era,
        name=unicodedata.normalize("NFC", d["name"]),
        full_name=unicodedata.normalize("NFC", d["full_name"]),
        type=d["type"],
        code=d.get("code"),
        valid_from=_date(d.get("from")),
        valid_to=_date(d.get("to")),
        other_names=tuple(unicodedata.normalize("NFC", n) for n in d.get("other_names", ())),
        successor=d.get("successor"),
        predecessors=tuple(d.get("predecessors", ())),
        centre=Centre(centre["in"], centre.get("note"), centre.get("confidence", "partial")) if centre else None,
        communes=CommuneCount(
            xa=c.get("xa"),
            phuong=c.get("phuong"),
            dac_khu=c.get("dac_khu"),
            resolution=c.get("resolution"),
            resolution_date=_date(c.get("resolution_date")),
            source=c.get("source", ""),
            confidence=c.get("confidence", "unverified"),
            note=c.get("note"),
            resolution_source=c.get("resolution_source"),
        ) if c else None,
        source=d.get("source", ""),
        confidence=d.get("confidence", "unverified"),
        note=d.get("note"),
    )


@cache
def catalogue() -> Catalogue:
    """The catalogue shipped with kientruc (read once)."""
    text = resources.files(__package__).joinpath("_provinces.yaml").read_text(encoding="utf-8")
    return Catalogue(yaml.load(text, Loader=_DataLoader))


def names(provinces: Iterable[Province]) -> str:
    """``Bình Định, Gia Lai``: names for a message."""
    return ", ".join(p.name for p in provinces)


__all__ = ["Catalogue", "Centre", "CommuneCount", "Province", "catalogue", "name_key", "names"]
