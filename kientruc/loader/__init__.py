"""Load a model folder: the manifest and every model file below it.

Text is read as UTF-8 (a BOM is accepted), NFC-normalised, parsed with PyYAML's
safe C loader, and validated by the pydantic models. While parsing, every mapping
and sequence records the line and column of its keys and items in a side table, so
that a schema error, and later any rule's finding, points at a line of a file.

Nothing here raises on bad input: problems become :class:`~kientruc.findings.Finding`
objects with ``fatal=True`` (the command then exits with 2).

:func:`load` is here; each step has its module:

* :mod:`.discover`: which files make the model, and how a file is named in findings;
* :mod:`.read`: one file's text (ordinary file, size limit, UTF-8, NFC);
* :mod:`.positions`: YAML parsed with the position of every key and item;
* :mod:`.guards`: the limits, and the nesting and alias checks;
* :mod:`.schema_errors`: pydantic's errors as located findings with hints;
* :mod:`.manifest` and :mod:`.model_file`: the manifest, and one model file, loaded;
* :mod:`.profile_check`: LOAD008, the manifest's profile against the known frameworks;
* :mod:`.province_check`: LOAD014, the manifest's predecessor provinces against the national catalogue;
* :mod:`.parallel`: every model file's result, from the cache or parsed (in processes when large);
* :mod:`.problems`: the load codes and how a load finding is made.

What a load gives (:class:`LoadResult`, :class:`SourceMap`) is defined in :mod:`kientruc.loaded`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

from .._gc import FREEZE_FROM, paused
from .._jobs import resolve_jobs
from ..cache import FileCache, enabled_by_env
from ..findings import Finding, Severity
from ..loaded import MANIFEST, ElementSource, LoadResult, Pos, SourceMap
from ..models import Architecture, Element, Relation
from . import guards
from .discover import MODEL_SUFFIXES, _check_link, _display, find_model_files
from .guards import MAX_ELEMENTS, MAX_EXPANDED_NODES, MAX_FILE_BYTES, MAX_NESTING
from .editions import edition_decisions, manifest_editions
from .manifest import _load_manifest
from .model_file import Part
from .parallel import PARALLEL_MAX_BYTES, PARALLEL_MIN_BYTES, _load_files
from .positions import ParsedFile, parse_yaml
from .problems import LOAD_RULES, _load_finding
from .profile_check import unknown_profile
from .province_check import unknown_predecessors
from .read import read_text
from .schema_errors import schema_findings
from ..i18n import msg

__all__ = [
    "LOAD_RULES",
    "MANIFEST",
    "MAX_ELEMENTS",
    "MAX_EXPANDED_NODES",
    "MAX_FILE_BYTES",
    "MAX_NESTING",
    "MODEL_SUFFIXES",
    "PARALLEL_MAX_BYTES",
    "PARALLEL_MIN_BYTES",
    "ElementSource",
    "LoadResult",
    "ParsedFile",
    "Part",
    "Pos",
    "SourceMap",
    "find_model_files",
    "load",
    "parse_yaml",
    "read_text",
    "resolve_jobs",
    "schema_findings",
]


def load(
    root: str | os.PathLike[str],
    *,
    cache: bool | None = None,
    jobs: int | None = None,
    parts: Callable[[list[Path], list[str]], Iterable[Part]] | None = None,
) -> LoadResult:
    """Load the model folder ``root`` (the folder that holds ``architecture.yaml``).

    ``cache``: reuse what loading each unchanged model file gave last time (see
    :mod:`kientruc.cache`); None (the default) means on unless ``KIENTRUC_NO_CACHE=1``.
    ``jobs``: processes that parse the files not in the cache (see :func:`.parallel._load_files`);
    None means ``$KIENTRUC_JOBS``, else one per CPU. ``parts``: gives what loading each model file gives
    (``paths``, ``displays`` → one part each, in order) instead of the cache and the parser; the language
    server's workspace (:mod:`kientruc.incremental`) passes its parts kept in memory.
    """
    root = Path(root)
    sources = SourceMap(root=root, manifest_file=_display(root / MANIFEST, root))
    findings: list[Finding] = []
    manifest_path = root / MANIFEST
    if not manifest_path.is_file():
        hint = (
            msg("{root} is not a folder", root=str(root)) if not root.is_dir() else msg("create architecture.yaml (see `kientruc schema --manifest`)")
        )
        message = msg("no {manifest} in '{root}'", manifest=MANIFEST, root=str(root))
        if os.path.lexists(manifest_path):
            message = msg("{manifest} in '{root}' is not a file (a folder, a pipe or a broken link)", manifest=MANIFEST, root=str(root))
        findings.append(_load_finding("LOAD006", message, sources.manifest_file, 1, hint=hint))
        return LoadResult(None, sources, findings, [])
    if manifest_path.is_symlink():  # the manifest is read only from inside the folder, like the model files
        problems = _check_link(manifest_path, root, root.resolve())
        if problems:
            findings.extend(problems)
            return LoadResult(None, sources, findings, [])

    manifest = _load_manifest(manifest_path, sources, findings)
    notices: list[Finding] = []
    if manifest is not None:
        for f in manifest_editions(manifest, sources):
            (findings if f.severity is Severity.ERROR else notices).append(f)
        findings.extend(unknown_profile(manifest, sources))
        findings.extend(unknown_predecessors(manifest, sources))
    exclude = manifest.validation.exclude if manifest else []
    paths, problems = find_model_files(root, exclude)
    findings.extend(problems)

    elements: list[Element] = []
    file_cache = None
    if parts is None and (cache if cache is not None else enabled_by_env()):
        file_cache = FileCache(root)
        if not file_cache.active:
            file_cache = None
    written: list[list[Relation]] = []
    with paused() as pause:  # the loader allocates many small containers and frees none of them
        displays = [_display(p, root) for p in paths]
        given = parts(paths, displays) if parts is not None else _load_files(paths, displays, file_cache,
                                                                             resolve_jobs(jobs))
        for display, part in zip(displays, given):
            elements.extend(part[0])
            sources.elements.extend(part[1])
            findings.extend(part[2])
            written.extend(part[3])
            if len(elements) > guards.MAX_ELEMENTS:
                findings.append(
                    _load_finding(
                        "LOAD013",
                        msg("the model holds more than {n} elements; files after this one were not read", n=guards.MAX_ELEMENTS),
                        display, 1, 1,
                        hint=msg("check the model folder: is it the right one, or did a generator run away?"),
                    )
                )
                break
        pause.large = len(elements) >= FREEZE_FROM
    if file_cache is not None:
        file_cache.prune()
    for i, el in enumerate(elements):
        sources.first_index.setdefault(el.id, i)
    if manifest is not None:
        findings.extend(edition_decisions(manifest, sources, elements))
    architecture = Architecture(manifest, elements, written, sources.first_index) if manifest is not None else None
    return LoadResult(architecture, sources, findings, [_display(p, root) for p in paths], notices)
