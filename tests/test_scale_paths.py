"""The fast paths large models take must give exactly what the plain paths give.

* ``Reach`` (one backward search for all starts) against ``find_link`` (one search per
  start), on random graphs;
* parsing in worker processes against parsing in this process, with the cache filled
  by either, and a worker that dies;
* the graph's indexes against the networkx graph built from them;
* ``kientruc check --jobs`` and ``--timings``.
"""

from __future__ import annotations

import gc
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kientruc import load
from kientruc.loader import parallel as loader_mod
from kientruc.graph import build_graph
from kientruc.models import Architecture, Manifest
from kientruc.models import KIND_CLASSES
from kientruc.validators.rules._common import LINK_TYPES, Reach, find_link

from conftest import BASE_MANIFEST, write_model

ROOT = Path(__file__).resolve().parents[1]

# --------------------------------------------------------------------------- Reach == find_link

KINDS = ("application", "integration_platform", "database", "shared_service")


@st.composite
def small_graphs(draw):
    n = draw(st.integers(min_value=2, max_value=12))
    kinds = [draw(st.sampled_from(KINDS)) for _ in range(n)]
    edges = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.sampled_from(LINK_TYPES + ("owns",))),
            max_size=3 * n,
        )
    )
    targets = draw(st.sets(st.integers(0, n - 1), max_size=3))
    max_hops = draw(st.integers(min_value=1, max_value=5))
    use_through = draw(st.booleans())
    return kinds, edges, targets, max_hops, use_through


def _architecture(kinds, edges) -> Architecture:
    rels: dict[int, dict[str, list[str]]] = {}
    for a, b, t in edges:
        if t == "owns":
            continue  # not a link type: must be ignored by both
        rels.setdefault(a, {}).setdefault(t, []).append(f"e{b}")
    elements = []
    for i, kind in enumerate(kinds):
        data = {"id": f"e{i}", "kind": kind, "name": f"Phần tử {i}", **rels.get(i, {})}
        elements.append(KIND_CLASSES[kind].model_validate(data))
    manifest = Manifest.model_validate({k: v for k, v in BASE_MANIFEST.items() if k != "validation"})
    return Architecture(manifest, elements)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_graphs())
def test_reach_finds_the_same_paths_as_a_search_per_start(case):
    kinds, edges, target_ids, max_hops, use_through = case
    graph = build_graph(_architecture(kinds, edges))
    targets = [graph.element(f"e{i}") for i in sorted(target_ids)]
    wanted = {t.id for t in targets}
    through = (lambda e: e.kind == "integration_platform") if use_through else None
    reach = Reach(graph, targets, through=through, max_hops=max_hops)
    for el in graph.elements():
        expected = find_link(graph, el.id, lambda t: t.id in wanted, through=through, max_hops=max_hops) is not None
        assert reach.reaches(el.id) == expected, (el.id, kinds, edges, target_ids, max_hops, use_through)


# --------------------------------------------------------------------------- parsing in processes


def _files(n_files: int = 6, per_file: int = 40) -> dict[str, str]:
    files = {}
    for f in range(n_files):
        items = []
        for i in range(per_file):
            eid = f"ud-{f}-{i}"
            items.append(
                f"- id: {eid}\n  kind: application\n  name: Hệ thống {f}.{i} của tỉnh\n"
                f"  uses: [ud-{f}-{(i + 1) % per_file}]\n"
            )
        files[f"ung-dung/tep-{f}.yaml"] = "".join(items)
    files["ung-dung/hong.yaml"] = "- id: Sai Dinh Danh\n  kind: application\n  name: x\n"  # a schema error
    return files


def _snapshot(result):
    elements = [e.model_dump(mode="json") for e in result.architecture.elements] if result.architecture else None
    relations = [tuple(r) for r in result.architecture.relations] if result.architecture else None
    return elements, relations, list(result.sources.elements), [f.to_dict() for f in result.findings], result.files


@pytest.fixture
def parallel_always(monkeypatch):
    monkeypatch.setattr(loader_mod, "PARALLEL_MIN_BYTES", 0)


def test_parsing_in_worker_processes_gives_what_parsing_here_gives(tmp_path, parallel_always):
    root = write_model(tmp_path / "m", _files())
    here = _snapshot(load(root, cache=False, jobs=1))
    assert here[3], "the broken file must give a finding"
    assert here[1], "the elements write relations"
    assert _snapshot(load(root, cache=False, jobs=2)) == here
    # the processes' results fill the cache; what the cache then serves is the same again
    assert _snapshot(load(root, cache=True, jobs=2)) == here
    assert _snapshot(load(root, cache=True, jobs=1)) == here
    assert gc.isenabled()


def test_a_worker_that_fails_only_means_parsing_here(tmp_path, parallel_always, monkeypatch):
    root = write_model(tmp_path / "m", _files())
    here = _snapshot(load(root, cache=False, jobs=1))

    def broken(path: str, display: str, **_) -> bytes:
        raise RuntimeError("a worker died")

    monkeypatch.setattr(loader_mod, "_parse_in_worker", broken)
    assert _snapshot(load(root, cache=False, jobs=2)) == here


@pytest.mark.parametrize("jobs", [2, 3])
def test_a_worker_that_dies_midway_only_means_parsing_the_rest_here(tmp_path, parallel_always, monkeypatch, capfd,
                                                                    jobs):
    """The processes that parse with this one: one killed after its first file (no message, no result for the
    rest) leaves its files to this process; the load is the same, nothing is printed, nothing hangs."""
    import os

    root = write_model(tmp_path / "m", _files(n_files=12))
    here = _snapshot(load(root, cache=False, jobs=1))
    parse = loader_mod._parse_in_worker
    done = []

    def dies_after_one(path: str, display: str, **kw) -> bytes:
        if done:
            os._exit(1)
        done.append(path)
        return parse(path, display, **kw)

    monkeypatch.setattr(loader_mod, "_parse_in_worker", dies_after_one)
    assert _snapshot(load(root, cache=False, jobs=jobs)) == here
    assert _snapshot(load(root, cache=True, jobs=jobs)) == here  # and what it did return fills the cache
    assert _snapshot(load(root, cache=True, jobs=1)) == here
    assert capfd.readouterr().err == ""


def test_an_edit_after_a_parallel_fill_is_seen(tmp_path, parallel_always):
    root = write_model(tmp_path / "m", _files())
    load(root, cache=True, jobs=2)
    victim = root / "ung-dung" / "tep-3.yaml"
    victim.write_text(victim.read_text(encoding="utf-8").replace("Hệ thống 3.0", "Hệ thống đã sửa"), encoding="utf-8")
    names = [e.name for e in load(root, cache=True, jobs=2).architecture.elements]
    assert "Hệ thống đã sửa của tỉnh" in names
    assert names == [e.name for e in load(root, cache=False, jobs=1).architecture.elements]


# --------------------------------------------------------------------------- the graph's indexes


def test_the_networkx_graph_holds_what_the_indexes_hold():
    graph = build_graph(load(ROOT / "architecture", cache=False).architecture)
    g = graph.g
    assert set(g.nodes) == {e.id for e in graph.elements()}
    # networkx keys edges by type: one relation written twice for two periods is one edge there
    assert set(g.edges(keys=True)) == {(r.source, r.target, r.type) for r in graph.relations()}
    for el in graph.elements():
        assert {(r.type, r.target) for r in graph.out(el.id)} == {(k, v) for _, v, k in g.out_edges(el.id, keys=True)}
        assert {(r.type, r.source) for r in graph.in_(el.id)} == {(k, u) for u, _, k in g.in_edges(el.id, keys=True)}
        for types in (("owns",), ("uses", "flows_to"), ("connects_to", "hosted_on", "composed_of")):
            want = [r for t in types for r in graph.out(el.id) if r.type == t]
            assert graph.out(el.id, *types) == want  # by type, then in model order
            want = [r for t in types for r in graph.in_(el.id) if r.type == t]
            assert graph.in_(el.id, *types) == want


# --------------------------------------------------------------------------- the CLI


def test_check_jobs_and_timings(run_cli, tmp_path, parallel_always):
    root = tmp_path / "qt"
    shutil.copytree(ROOT / "architecture", root)
    one = run_cli(["check", str(root), "--no-cache", "-j", "1", "--format", "json"])
    two = run_cli(["check", str(root), "--no-cache", "--jobs", "2", "--format", "json"])
    assert one.exit_code == two.exit_code == 0
    assert json.loads(one.stdout)["findings"] == json.loads(two.stdout)["findings"]
    timed = run_cli(["check", str(root), "--timings"])
    assert timed.exit_code == 0
    lines = timed.stderr.splitlines()
    assert lines[0].split() == ["stage", "/", "rule", "seconds", "share"]
    assert {ln.split()[0] for ln in lines[1:4]} == {"load", "graph", "rules"}
    assert any(ln.strip().startswith("STR001") or "more rules" in ln for ln in lines)
    assert lines[-1].startswith("total")
    bad = run_cli(["check", str(root), "--jobs", "0"])
    assert bad.exit_code == 2 and "Traceback" not in bad.stderr


# --------------------------------------------------------------------------- rules in two processes


@pytest.fixture
def rules_forked(monkeypatch):
    from kientruc.validators import parallel

    monkeypatch.setattr(parallel, "PARALLEL_RULES_FROM", 0)
    return parallel


def _findings(result):
    return [f.to_dict() for f in result.findings], result.rules_run, result.exit_code


@pytest.mark.parametrize("model", ["architecture", "tests/examples/hue-2018"])
def test_rules_in_a_forked_process_give_the_same_findings(model, rules_forked):
    from kientruc import check

    root = ROOT / model
    assert (root / "architecture.yaml").is_file()
    alone = check(root, cache=False, jobs=1)
    forked = check(root, cache=False, jobs=2)
    assert _findings(forked) == _findings(alone)
    assert set(forked.timings) == set(alone.timings)


def test_a_rule_process_that_dies_only_means_running_its_rules_here(rules_forked, monkeypatch):
    import os

    from kientruc import check

    def die(*args):
        os._exit(9)

    monkeypatch.setattr(rules_forked, "_rules_in_child", die)
    root = ROOT / "architecture"
    assert _findings(check(root, cache=False, jobs=2)) == _findings(check(root, cache=False, jobs=1))


def test_a_crashing_rule_is_reported_once_when_the_rules_are_shared(rules_forked, monkeypatch):
    import dataclasses

    from kientruc import check
    import importlib

    registry_mod = importlib.import_module("kientruc.validators.registry")

    root = ROOT / "architecture"
    code = check(root, cache=False, jobs=1).rules_run[1]  # either process may run it

    def boom(ctx):
        raise RuntimeError("boom")

    victim = registry_mod._REGISTRY[code]
    monkeypatch.setitem(registry_mod._REGISTRY, code, dataclasses.replace(victim, func=boom))
    result = check(root, cache=False, jobs=2)
    crashes = [f for f in result.findings if f.code == "KT0001"]
    assert len(crashes) == 1 and code in crashes[0].message and "boom" in crashes[0].message
    assert result.exit_code == 3
