"""LOAD008: the manifest names a framework profile that kientruc does not know.

The one check of the load stage that needs the frameworks (:mod:`kientruc.frameworks`),
kept apart so that it can move to where the stages are wired.
"""

from __future__ import annotations

import difflib

from ..findings import Finding
from ..frameworks import profiles
from ..loaded import SourceMap
from ..models import Manifest
from .problems import _load_finding
from ..i18n import msg


def unknown_profile(manifest: Manifest, sources: SourceMap) -> list[Finding]:
    """LOAD008 for the manifest's ``profile`` or an edition's that is none of the known ones (with the closest as a hint)."""
    known = profiles()
    named: list[tuple[str, tuple[str | int, ...]]] = []
    if manifest.profile is not None:
        named.append((manifest.profile, ("profile",)))
    named += [(e.profile, ("editions", i, "profile")) for i, e in enumerate(manifest.editions)]
    findings = []
    for profile, path in named:
        if profile in known:
            continue
        loc = sources.in_manifest(path)
        close = difflib.get_close_matches(profile, list(known), n=1, cutoff=0.5)
        findings.append(
            _load_finding(
                "LOAD008",
                msg("unknown framework profile '{profile}'", profile=profile),
                sources.manifest_file,
                loc.line,
                loc.column,
                hint=msg("did you mean '{profile}'? Known profiles: {profiles}", profile=close[0], profiles=", ".join(known)) if close
                else msg("known profiles: {profiles}", profiles=", ".join(known)),
            )
        )
    return findings
