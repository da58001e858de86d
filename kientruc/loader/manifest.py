"""The manifest: ``architecture.yaml`` read, parsed with positions and validated, its problems as findings."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ..findings import Finding
from ..loaded import ElementSource, SourceMap
from ..models import Manifest
from .positions import parse_yaml
from .problems import _load_finding
from .read import read_text
from .schema_errors import schema_findings
from ..i18n import msg


def _load_manifest(path: Path, sources: SourceMap, findings: list[Finding]) -> Manifest | None:
    """The manifest, with its positions in ``sources``; None if it cannot be had (its findings say why).

    Whether its profile is a known one is checked apart (:mod:`.profile_check`).
    """
    display = sources.manifest_file
    text, problem = read_text(path, display)
    if problem:
        findings.append(problem)
        return None
    parsed, problems = parse_yaml(text, display)
    findings.extend(p for p in problems)
    if parsed is None:
        return None
    if not isinstance(parsed.data, dict):
        found = msg("nothing: the file is empty") if parsed.data is None else type(parsed.data).__name__
        findings.append(
            _load_finding(
                "LOAD007",
                msg("the manifest must be a mapping, found {found}", found=found),
                display,
                1,
                1,
                hint=msg("start with 'province:', 'architecture:' and 'profile:'"),
            )
        )
        return None
    try:
        manifest = Manifest.model_validate(parsed.data)
    except ValidationError as exc:
        findings.extend(schema_findings(exc, parsed, "LOAD007", Manifest))
        return None
    sources.manifest = ElementSource(display, parsed.tree(parsed.data) or (1, 1, None))
    return manifest
