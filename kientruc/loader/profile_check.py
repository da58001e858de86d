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
    """LOAD008 if the manifest's ``profile`` is none of the known ones (with the closest as a hint), else nothing."""
    known = profiles()
    if manifest.profile in known:
        return []
    loc = sources.in_manifest(("profile",))
    close = difflib.get_close_matches(manifest.profile, list(known), n=1, cutoff=0.5)
    return [
        _load_finding(
            "LOAD008",
            msg("unknown framework profile '{profile}'", profile=manifest.profile),
            sources.manifest_file,
            loc.line,
            loc.column,
            hint=msg("did you mean '{profile}'? Known profiles: {profiles}", profile=close[0], profiles=", ".join(known)) if close
            else msg("known profiles: {profiles}", profiles=", ".join(known)),
        )
    ]
