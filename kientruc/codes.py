"""The codes kientruc reports that are not rules of the graph: what the loader and the engine say.

Three kinds of codes reach a report: the rules of the registry (``STR001``…, defined one per
file in ``kientruc.validators.rules``), the loader's problems (``LOAD001``…) and the engine's own
checks (``CFG001``, ``WVR002``, ``KT0001``, ``BSL001``). The last two are declared here, below both
the loader and the validators, so that each stage can raise its own codes and the one registry
(:mod:`kientruc.validators.registry`) can list every code without importing the loader.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Severity
from .i18n import Msg, msg


@dataclass(frozen=True)
class FixedCode:
    """A code raised by the loader or the engine itself (not a function of the graph)."""

    code: str
    name: str
    title: Msg  # English; the catalogue has it in every language
    severity: Severity
    origin: str  # load | engine


def _table(origin: str, severity: Severity | None, *rows: tuple) -> dict[str, FixedCode]:
    return {row[0]: FixedCode(row[0], row[1], row[2], row[3] if severity is None else severity, origin) for row in rows}


LOAD_CODES: dict[str, FixedCode] = _table(
    "load",
    Severity.ERROR,
    ("LOAD001", "yaml-syntax", msg("The file is not valid YAML.")),
    ("LOAD002", "duplicate-key", msg("A mapping names the same key twice.")),
    ("LOAD003", "invalid-element", msg("An element does not match its kind's schema.")),
    ("LOAD004", "not-a-list", msg("A model file must hold a list of elements.")),
    ("LOAD005", "unreadable-file", msg("The file cannot be read as UTF-8 text.")),
    ("LOAD006", "manifest-missing", msg("The model folder has no architecture.yaml.")),
    ("LOAD007", "invalid-manifest", msg("architecture.yaml does not match the manifest schema.")),
    ("LOAD008", "unknown-profile", msg("The manifest names a framework profile kientruc does not know.")),
    ("LOAD009", "empty-file", msg("A model file holds no elements.")),
    ("LOAD010", "outside-model-folder", msg("A file or link points outside the model folder.")),
    ("LOAD011", "file-too-large", msg("A model file is larger than kientruc reads.")),
    ("LOAD012", "alias-expansion", msg("YAML aliases expand a file beyond reason, or into itself.")),
    ("LOAD013", "too-many-elements", msg("The model holds more elements than kientruc reads.")),
    ("LOAD014", "unknown-province", msg("The manifest names a predecessor province kientruc's catalogue does not know.")),
    ("LOAD016", "invalid-edition", msg("The manifest's editions are inconsistent: mixed forms, overlapping days, an unknown decision.")),
)
# LOAD015 is advice, never an error: a notice beside the findings (``LoadResult.notices``)
LOAD_CODES["LOAD015"] = FixedCode(
    "LOAD015", "single-edition-manifest",
    msg("The manifest uses the one-edition form (architecture.version and profile); a notice, not a finding."),
    Severity.INFO, "load",
)
"""The loader's codes. Their default severity is error; LOAD009 (an empty file) is raised as a warning and
LOAD015 (the one-edition form of the manifest) as info."""

ENGINE_CODES: dict[str, FixedCode] = _table(
    "engine",
    None,
    ("CFG001", "unknown-rule", msg("The manifest names a rule kientruc does not know."), Severity.ERROR),
    ("WVR002", "waiver-unused", msg("A waiver suppresses no finding."), Severity.INFO),
    ("KT0001", "rule-crashed", msg("A rule crashed: a bug in kientruc."), Severity.ERROR),
    ("BSL001", "baseline-entry-unmatched", msg("A baseline entry matches no finding any more."), Severity.INFO),
)
"""The engine's own codes: settings that name no rule, unused waivers, crashed rules, stale baselines."""
