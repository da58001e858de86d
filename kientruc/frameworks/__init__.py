"""National framework profiles, shipped as data files (one YAML file per instrument).

A profile says which national framework an architecture is aligned to, the
instrument that issued it and the days it was in force. Framework rules read the
profile; a new framework version is a new data file, not new code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


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

    def in_force(self, day: dt.date) -> bool:
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)


@cache
def profiles() -> dict[str, Profile]:
    """Every profile shipped with kientruc, by id."""
    out: dict[str, Profile] = {}
    for entry in sorted(resources.files(__package__).iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = yaml.safe_load(entry.read_text(encoding="utf-8"))
        profile = Profile(**data)
        out[profile.id] = profile
    return out
