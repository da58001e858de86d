"""How many processes a stage may use: the loader's parsing and the engine's rules both ask here."""

from __future__ import annotations

import os


def resolve_jobs(jobs: int | None) -> int:
    """``jobs`` if given, else ``$KIENTRUC_JOBS``, else the CPUs this process may run on; at least 1."""
    if jobs is None:
        try:
            jobs = int(os.environ.get("KIENTRUC_JOBS", "0"))
        except ValueError:
            jobs = 0
        if jobs <= 0:
            try:
                jobs = len(os.sched_getaffinity(0))
            except (AttributeError, OSError):
                jobs = os.cpu_count() or 1
    return max(1, jobs)
