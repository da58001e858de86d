"""LOAD014: the manifest names, among its ``predecessors``, a province the national catalogue does not know.

Like :mod:`.profile_check`, the load stage's look-up in the frameworks' data
(:mod:`kientruc.frameworks.provinces`): a name that is no province is a typo in the manifest,
reported where it is written, with the closest names. Whether the known names are the right
predecessors of the province is a rule's question (ORG006), asked on the day checked.
"""

from __future__ import annotations

from ..findings import Finding
from ..frameworks.provinces import catalogue
from ..loaded import SourceMap
from ..models import Manifest
from .problems import _load_finding
from ..i18n import msg


def unknown_predecessors(manifest: Manifest, sources: SourceMap) -> list[Finding]:
    """LOAD014 for each name in ``predecessors`` that is no province before or after 1/7/2025."""
    cat = catalogue()
    out: list[Finding] = []
    for i, name in enumerate(manifest.predecessors):
        if cat.named(name):
            continue
        loc = sources.in_manifest(("predecessors", i))
        close = cat.suggest(name)
        out.append(
            _load_finding(
                "LOAD014",
                msg("'{name}' in predecessors is not a province kientruc knows (the 63 before 1/7/2025 "
                    "or the 34 of Nghị quyết 202/2025/QH15)", name=name),
                sources.manifest_file,
                loc.line,
                loc.column,
                hint=msg("did you mean '{name}'? write the province's name as it was before 1/7/2025, e.g. 'Bình Định'", name=close[0])
                if close else msg("write the province's name as it was before 1/7/2025, e.g. 'Bình Định'"),
            )
        )
    return out
