"""Every model file's part, in order: from the cache, or parsed (by forked processes when there is much to parse).

Parsing dominates a cold load, and files parse independently, so when the files the
cache does not hold add up to enough bytes they are parsed by worker processes (forked:
they inherit the loaded code and start in milliseconds). Whatever goes wrong with the
processes, the file is parsed here instead: the result is the same either way.
"""

from __future__ import annotations

import gc
import multiprocessing
import pickle
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Iterator

from ..cache import FileCache, element_validator
from . import guards
from .model_file import Part, _parse_part

PARALLEL_MIN_BYTES = 1 << 20  # below ~4,000 elements to parse, starting processes costs more than it saves
PARALLEL_MAX_BYTES = 512 << 20  # above, parse file by file, so that MAX_ELEMENTS stops a runaway model early


def _load_files(
    paths: list[Path], displays: list[str], file_cache: FileCache | None, jobs: int
) -> Iterator[Part]:
    """What loading each model file gives, in the order of ``paths``.

    Files the cache holds come from it. When the others are large enough, ``jobs``
    processes parse them (forked: they inherit the loaded code and start in
    milliseconds); each returns its result pickled, which the cache stores as it is.
    If the processes cannot be had or fail, the files are parsed here, one by one.
    """
    entries = [file_cache.entry_name(p, d, guards.MAX_FILE_BYTES) if file_cache is not None else None
               for p, d in zip(paths, displays)]
    hits: list[Part | None] = [None] * len(paths)
    if file_cache is not None:
        for i, entry in enumerate(entries):
            if entry is not None:
                hit = file_cache.get(entry)
                if (
                    isinstance(hit, tuple)
                    and len(hit) == 4
                    and all(isinstance(part, list) for part in hit)
                    and len(hit[0]) == len(hit[1]) == len(hit[3])
                ):
                    hits[i] = hit
    misses = [i for i, hit in enumerate(hits) if hit is None]
    if misses and file_cache is not None:
        # before the processes start, so that they inherit it
        element_validator(file_cache.home)
    pool, futures = _start_parsing(paths, displays, misses, jobs)
    try:
        for i, path in enumerate(paths):
            hit = hits[i]
            if hit is not None:
                hits[i] = None  # the loader keeps what it needs of it
                yield hit
                continue
            payload = None
            future = futures.pop(i, None)  # dropped once read: a finished future keeps its bytes
            if future is not None:
                try:
                    payload = future.result()
                except Exception:  # noqa: BLE001 - a worker that died: parse the file here instead
                    payload = None
            part: Part
            if payload is not None:
                part = pickle.loads(payload)
            else:
                part = _parse_part(path, displays[i])
            entry = entries[i]
            # stored only if the file did not change while it was read (an editor saving it)
            if entry is not None and file_cache is not None:
                if file_cache.entry_name(path, displays[i], guards.MAX_FILE_BYTES) == entry:
                    if payload is not None:
                        file_cache.put_payload(entry, payload)
                    else:
                        file_cache.put(entry, part)
            yield part
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _start_parsing(
    paths: list[Path], displays: list[str], misses: list[int], jobs: int
) -> tuple[ProcessPoolExecutor | None, dict[int, Future[bytes]]]:
    if jobs < 2 or len(misses) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None, {}
    try:
        size = sum(paths[i].stat().st_size for i in misses)
    except OSError:
        return None, {}
    if not PARALLEL_MIN_BYTES <= size <= PARALLEL_MAX_BYTES:
        return None, {}
    try:
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(misses)), mp_context=multiprocessing.get_context("fork"))
        futures = {i: pool.submit(_parse_in_worker, str(paths[i]), displays[i]) for i in misses}
    except Exception:  # noqa: BLE001 - no processes to be had: parse here
        return None, {}
    return pool, futures


def _parse_in_worker(path: str, display: str) -> bytes:
    """Parse one model file in a worker process; its result, pickled."""
    gc.disable()
    return pickle.dumps(_parse_part(Path(path), display), protocol=pickle.HIGHEST_PROTOCOL)
