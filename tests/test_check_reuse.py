"""A second check of the same graph against another profile reuses what does not depend on the profile.

:func:`kientruc.pipeline.verdict` judges a model against the framework in force and, where it differs,
against its edition's framework; the compliance pages check every profile. The later checks take the
first one's graph, and the findings of every rule that ran there without reading the profile. Here each
such check is compared with the same check run on its own (a graph of its own, every rule run): the
findings, the waived findings and the rules run must be equal, on several models, days and profiles.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kientruc import pipeline
from kientruc.frameworks import profiles
from kientruc.loader import load
from kientruc.validators import check as run_rules
from kientruc.validators.registry import RuleContext, WatchedContext

ROOT = Path(__file__).resolve().parents[1]
MODELS = [ROOT / "architecture", *sorted((ROOT / "tests" / "examples").iterdir())]
DAYS = [dt.date(2018, 10, 9), dt.date(2021, 6, 30), dt.date(2025, 7, 1), dt.date(2026, 12, 3)]


def _same(a, b) -> None:
    assert a.findings == b.findings
    assert a.waived == b.waived
    assert a.raised == b.raised
    assert a.rules_run == b.rules_run
    assert a.exit_code == b.exit_code


@pytest.mark.parametrize("model", MODELS, ids=lambda p: p.name)
def test_reused_checks_equal_checks_on_their_own(model: Path) -> None:
    loaded = load(model, cache=False, jobs=1)
    assert loaded.ok
    reused_any = False
    for day in DAYS:
        first = run_rules(loaded, as_of=day, today=day, jobs=1)
        for pid in profiles():
            alone = run_rules(loaded, as_of=day, profile=pid, today=day, jobs=1)
            again = run_rules(loaded, as_of=day, profile=pid, today=day, jobs=1, same_graph=first)
            _same(again, alone)
            assert again.graph is first.graph
            reused_any = reused_any or any(again.timings[c] == 0.0 for c in again.rules_run)
    assert reused_any  # the reuse was exercised, not only the plain path


@pytest.mark.parametrize("model", MODELS, ids=lambda p: p.name)
def test_verdict_secondary_equals_its_check_alone(model: Path) -> None:
    loaded = load(model, cache=False, jobs=1)
    for day in DAYS:
        judged = pipeline.verdict(loaded, as_of=day, today=day, jobs=1)
        for j in judged.judgements:
            alone = run_rules(loaded, as_of=day, profile=j.profile.id if j.profile else None, today=day, jobs=1,
                              baseline=None)
            if j.role == "edition":
                _same(j.result, alone)


def test_another_load_or_day_is_not_reused() -> None:
    loaded = load(ROOT / "architecture", cache=False, jobs=1)
    first = run_rules(loaded, as_of=dt.date(2025, 7, 1), jobs=1)
    other_day = run_rules(loaded, as_of=dt.date(2021, 6, 30), jobs=1, same_graph=first)
    assert other_day.graph is not first.graph
    reloaded = load(ROOT / "architecture", cache=False, jobs=1)
    other_load = run_rules(reloaded, as_of=dt.date(2025, 7, 1), jobs=1, same_graph=first)
    assert other_load.graph is not first.graph
    assert other_load.findings == first.findings


def test_a_rule_that_reads_the_profile_is_seen_to() -> None:
    loaded = load(ROOT / "architecture", cache=False, jobs=1)
    first = run_rules(loaded, as_of=dt.date(2026, 12, 3), jobs=1)
    ctx = WatchedContext(graph=first.graph, architecture=loaded.architecture, profile=first.profile,
                         as_of=first.as_of, today=first.as_of)
    assert isinstance(ctx, RuleContext) and not ctx.profile_read
    assert ctx.day == first.as_of and not ctx.profile_read
    assert ctx.profile is first.profile and ctx.profile_read
    # ARCH002 reads the profile's components: never taken from another profile's check
    assert "ARCH002" in first.rules_run and "ARCH002" not in first.profile_free
    # STR001 (unknown references) does not depend on the profile
    assert "STR001" in first.profile_free


def test_reuse_when_the_rules_run_in_two_processes(monkeypatch) -> None:
    """A rule run in the forked process says, with its findings, whether it read the profile."""
    from kientruc.validators import parallel

    monkeypatch.setattr(parallel, "PARALLEL_RULES_FROM", 0)
    loaded = load(ROOT / "architecture", cache=False, jobs=1)
    day = dt.date(2026, 12, 3)
    first = run_rules(loaded, as_of=day, today=day, jobs=2)
    assert first.profile_free and set(first.profile_free) < set(first.rules_run)
    for pid in profiles():
        again = run_rules(loaded, as_of=day, profile=pid, today=day, jobs=2, same_graph=first)
        _same(again, run_rules(loaded, as_of=day, profile=pid, today=day, jobs=1))
