"""Run the rules of a check in this process and, for a large model, in a forked one that shares them out.

The engine (:mod:`kientruc.validators.engine`) says how one rule runs (its findings and its
time); this module only decides where each rule runs and gathers what they returned.
"""

from __future__ import annotations

import gc
import multiprocessing
import pickle
import threading
from typing import Callable

from ..findings import Finding, Severity
from .registry import Rule

PARALLEL_RULES_FROM = 20_000  # elements: below, a second process costs more than the rules
Outcome = dict[str, tuple[list[Finding], float, bool]]
"""What each rule returned, by code: its findings, the seconds it took and whether it read the profile."""
RunRule = Callable[[Rule, Severity], tuple[list[Finding], float, bool]]
"""Run one rule at a severity: its findings, the seconds it took (a crash is a finding) and whether it read the profile."""


def run_rules(todo: list[tuple[Rule, Severity]], run_rule: RunRule, *, elements: int, jobs: int) -> Outcome:
    """Run the rules; for a model of ``elements`` elements or more, in this process and a forked one.

    The rules only read the graph, so a process forked after it was built shares it
    (copy-on-write; the loader froze it out of the collector's reach, so it is not
    copied) and returns only its findings. Both processes take the next rule from a
    shared counter until none is left, so a slow rule does not leave one process idle.
    If the process cannot be had, or dies, the rules it did not return run here. Not
    forked when other threads run (``kientruc build`` draws diagrams in threads
    meanwhile): a fork copies no thread but every lock.
    """
    if (
        jobs < 2
        or len(todo) < 2
        or elements < PARALLEL_RULES_FROM
        or threading.active_count() > 1
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return {r.code: run_rule(r, sev) for r, sev in todo}
    fork = multiprocessing.get_context("fork")
    try:
        # No lock: two processes reading the same value only run one rule twice (the same
        # findings), and the counter never skips a rule; a lock a dying process held would hang.
        counter = fork.RawValue("i", 0)
        receive, send = fork.Pipe(duplex=False)
        child = fork.Process(target=_rules_in_child, args=(todo, run_rule, counter, send), daemon=True)
        child.start()
        send.close()
    except OSError:
        return {r.code: run_rule(r, sev) for r, sev in todo}
    outcome = _take_rules(todo, run_rule, counter)
    try:
        outcome.update(receive.recv())
    except (EOFError, OSError, pickle.UnpicklingError):
        pass  # the process died: the rules it had taken run below
    finally:
        receive.close()
        child.join()
    for r, sev in todo:
        if r.code not in outcome:
            outcome[r.code] = run_rule(r, sev)
    return outcome


def _take_rules(todo: list[tuple[Rule, Severity]], run_rule: RunRule, counter) -> Outcome:
    """Run the next rule not yet taken, until none is left."""
    outcome: Outcome = {}
    while True:
        i = counter.value
        counter.value = i + 1
        if i >= len(todo):
            return outcome
        r, sev = todo[i]
        outcome[r.code] = run_rule(r, sev)


def _rules_in_child(todo: list[tuple[Rule, Severity]], run_rule: RunRule, counter, send) -> None:
    gc.disable()  # the process lives for the rules only
    send.send(_take_rules(todo, run_rule, counter))
    send.close()
