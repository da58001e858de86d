"""Check reports for CI systems, from a :class:`~kientruc.validators.CheckResult`.

``kientruc check --format sarif|junit|github`` in a few lines of Python::

    import kientruc
    from kientruc.ci import ci_report

    result = kientruc.check("architecture")
    open("kientruc.sarif", "w").write(ci_report(result, "sarif"))

This module wires the check result, the rule metadata (:mod:`kientruc.validators.registry`) and the
repository root (file names in SARIF and in annotations are relative to it) into the
renderers of :mod:`kientruc.renderers.ci_reports`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from . import __version__, _git
from .validators.registry import rule_infos
from .renderers.ci_reports import github_annotations, junit_report, sarif_report
from .renderers.reports import summary_line
from .validators import CheckResult

CI_FORMATS = ("sarif", "junit", "github")


def source_root(model_dir: str | os.PathLike[str]) -> Path:
    """Where file names in CI reports start: the root of the git repository holding the model, else the working folder."""
    return _git.toplevel(model_dir) or Path.cwd()


def _shown(path: str | os.PathLike[str] | None) -> str | None:
    if path is None:
        return None
    rel = os.path.relpath(os.path.abspath(path))
    return Path(path if rel.startswith("..") else rel).as_posix()


def _context(result: CheckResult, model_dir: str | os.PathLike[str] | None) -> dict[str, Any]:
    context = {
        "model": _shown(model_dir),
        "profile": result.profile.id if result.profile else None,
        "as_of": result.as_of.isoformat() if result.as_of else None,
        "fail_on": result.fail_on.label,
    }
    return {k: v for k, v in context.items() if v is not None}


def ci_report(
    result: CheckResult,
    fmt: str,
    *,
    model_dir: str | os.PathLike[str] | None = None,
    srcroot: str | os.PathLike[str] | None = None,
) -> str:
    """The check result as ``sarif``, ``junit`` or ``github`` (annotation lines)."""
    if fmt not in CI_FORMATS:
        raise ValueError(f"unknown CI format {fmt!r}; expected one of {', '.join(CI_FORMATS)}")
    model_dir = model_dir if model_dir is not None else result.load.sources.root
    root = srcroot if srcroot is not None else source_root(model_dir)
    waived = list(result.waived)
    infos = rule_infos([*result.findings, *(f for f, _ in waived)], result.rules_run)
    arch = result.load.architecture
    if fmt == "sarif":
        return sarif_report(
            result.findings,
            rules=infos,
            waived=waived,
            srcroot=root,
            tool_version=__version__,
            exit_code=result.exit_code,
            properties=_context(result, model_dir),
        )
    if fmt == "junit":
        return junit_report(
            result.findings,
            rules=infos,
            rules_run=result.rules_run,
            fail_on=result.fail_on,
            waived=waived,
            properties=_context(result, model_dir),
        )
    summary = summary_line(
        result.findings,
        files=len(result.load.files),
        elements=len(arch.elements) if arch else None,
        waived=len(waived),
    )
    return github_annotations(result.findings, srcroot=root, summary=summary)
