"""Every model file's part, in order: from the cache, or parsed (by this process and forked ones when there is much to parse).

Parsing dominates a cold load, and files parse independently, so when the files the
cache does not hold add up to enough bytes, this process and ``jobs - 1`` forked ones
(they inherit the loaded code and start in milliseconds) parse them together, each
taking the next file not yet taken. What this process parses it keeps as it is; a
forked process returns each file's result pickled, which this process unpickles
between its own files (and the cache stores as it is). Whatever goes wrong with the
processes, the files they did not return are parsed here: the result is the same either way.
"""

from __future__ import annotations

import gc
import marshal
import multiprocessing
import pickle
import queue
import signal
import threading
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Iterator

from ..cache import FileCache, element_validator
from ..loaded import _packed_source
from ..models import ELEMENT_LIST
from . import guards
from .model_file import Part, _parse_part, written

PARALLEL_MIN_BYTES = 1 << 20  # below ~4,000 elements to parse, starting processes costs more than it saves
PARALLEL_MAX_BYTES = 512 << 20  # above, parse file by file, so that MAX_ELEMENTS stops a runaway model early

Parsed = dict[int, tuple[Part, "bytes | None"]]
"""Files parsed together, by index into the paths: the part and, if a forked process parsed it, its pickle."""


def _load_files(
    paths: list[Path], displays: list[str], file_cache: FileCache | None, jobs: int
) -> Iterator[Part]:
    """What loading each model file gives, in the order of ``paths``.

    Files the cache holds come from it. When the others are large enough, this process and
    ``jobs - 1`` forked ones parse them together (:func:`_parse_together`); otherwise they are
    parsed here, one by one, as they are asked for.
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
    together: Parsed = (_parse_together(paths, displays, misses, jobs, relations=file_cache is not None)
                        if _worth_forking(paths, misses, jobs) else {})
    for i, path in enumerate(paths):
        hit = hits[i]
        if hit is not None:
            hits[i] = None  # the loader keeps what it needs of it
            yield hit
            continue
        done = together.pop(i, None)  # dropped once handed on: the loader keeps what it needs
        part, payload = done if done is not None else (_parse_part(path, displays[i]), None)
        entry = entries[i]
        # stored only if the file did not change while it was read (an editor saving it)
        if entry is not None and file_cache is not None:
            if file_cache.entry_name(path, displays[i], guards.MAX_FILE_BYTES) == entry:
                if payload is not None:
                    file_cache.put_payload(entry, payload)
                else:
                    file_cache.put(entry, part)
        yield part


def _worth_forking(paths: list[Path], misses: list[int], jobs: int) -> bool:
    if jobs < 2 or len(misses) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return False
    try:
        size = sum(paths[i].stat().st_size for i in misses)
    except OSError:
        return False
    return PARALLEL_MIN_BYTES <= size <= PARALLEL_MAX_BYTES


def _parse_together(paths: list[Path], displays: list[str], misses: list[int], jobs: int, *,
                    relations: bool = True) -> Parsed:
    """Parse the files ``misses`` (indexes into ``paths``) here and in ``jobs - 1`` forked processes.

    Each process takes the next file from a shared counter until none is left, so a slow file
    does not leave a process idle, and this process, which also unpickles what the others
    return, simply takes fewer. No lock: two processes reading the same value only parse one
    file twice (the first result is kept), and the counter never skips a file; a lock a dying
    process held would hang. A forked process sends each result through its own pipe, from a
    thread of its own, so that it never waits for this process to read. Files no process
    returned (one could not be started, or died) are parsed here. Without ``relations`` (no cache to
    store the results in), a forked process leaves out the relations each element writes: they are
    collected here again, which costs less than pickling and unpickling them.
    """
    fork = multiprocessing.get_context("fork")
    counter = fork.RawValue("i", 0)
    # pydantic builds the validator of model files on its first use (~0.3 s): built here, before the
    # fork, the processes inherit it instead of each building its own
    ELEMENT_LIST.validate_python([])
    workers: list[tuple[Any, Connection]] = []
    try:
        for _ in range(min(jobs, len(misses)) - 1):
            receive, send = fork.Pipe(duplex=False)
            process = fork.Process(target=_parse_in_child, args=(paths, displays, misses, counter, send, relations),
                                   daemon=True)
            process.start()
            send.close()  # the child's end only: its death is then the end of the pipe here
            workers.append((process, receive))
    except Exception:  # noqa: BLE001 - no (more) processes to be had: this process parses what is left
        pass
    parsed: Parsed = {}
    running = [receive for _, receive in workers]
    try:
        for i in _claimed(counter, misses):
            if i not in parsed:
                parsed[i] = (_packed(_parse_part(paths[i], displays[i])), None)
            running = _receive(running, parsed, timeout=0)
        while running:
            running = _receive(running, parsed, timeout=None)
    finally:
        for process, receive in workers:
            receive.close()
            if process.is_alive():
                process.kill()
            process.join()
    for i in misses:  # what a process took and did not return
        if i not in parsed:
            parsed[i] = (_parse_part(paths[i], displays[i]), None)
    return parsed


def _packed(part: Part) -> Part:
    """``part`` with each element's position tree packed as one marshal string, as the parts the forked
    processes return (and the cache) hold it: at 10,000 elements the trees as objects are ~30 MiB more."""
    sources = []
    for source in part[1]:
        try:
            sources.append(_packed_source(source.file, marshal.dumps(source.pos)))
        except ValueError:  # a key marshal cannot write (a date): the tree as it is
            sources.append(source)
    return part[0], sources, part[2], part[3]


def _receive(running: list[Connection], parsed: Parsed, *, timeout: float | None) -> list[Connection]:
    """Take what the forked processes have sent so far (``timeout`` None: wait for something); the pipes
    still open."""
    ended = set()
    for conn in wait(running, timeout):
        try:
            while True:
                i, payload = conn.recv()
                if i not in parsed:
                    try:
                        part = pickle.loads(payload)
                    except Exception:  # noqa: BLE001 - a damaged result: the file is parsed here at the end
                        continue
                    if part[3] is None:  # left out: collected here
                        part = (*part[:3], written(part[0]))
                        payload = None  # (not what the cache stores)
                    parsed[i] = (part, payload)
                if not conn.poll():
                    break
        except (EOFError, OSError, pickle.UnpicklingError, TypeError, ValueError):
            ended.add(conn)  # it has nothing more to send, or it died
    return [conn for conn in running if conn not in ended]


def _claimed(counter: Any, misses: list[int]) -> Iterator[int]:
    """The files this process parses: the next one on the shared counter, until none is left (see above: two
    processes may take the same one, never skip one)."""
    while True:
        k = counter.value
        counter.value = k + 1
        if k >= len(misses):
            return
        yield misses[k]


def _parse_in_child(paths: list[Path], displays: list[str], misses: list[int], counter: Any, send: Connection,
                    relations: bool) -> None:
    """A forked process: parse the next file not yet taken until none is left, each result pickled into ``send``."""
    gc.disable()  # the process lives for the parsing only
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the main process's to handle: it ends this one
    outbox: queue.SimpleQueue = queue.SimpleQueue()

    def feed() -> None:
        try:
            while (item := outbox.get()) is not None:
                send.send(item)
        finally:
            send.close()

    sender = threading.Thread(target=feed, daemon=True)
    sender.start()
    try:
        for i in _claimed(counter, misses):
            outbox.put((i, _parse_in_worker(str(paths[i]), displays[i], relations=relations)))
    except Exception:  # noqa: BLE001 - stop quietly: this file and the rest are parsed in the main process
        pass
    finally:
        outbox.put(None)
        sender.join()


def _parse_in_worker(path: str, display: str, relations: bool = True) -> bytes:
    """Parse one model file in a forked process; its result, pickled (without ``relations``, None for the
    relations its elements write)."""
    return pickle.dumps(_parse_part(Path(path), display, relations), protocol=pickle.HIGHEST_PROTOCOL)
