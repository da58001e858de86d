"""The shortcuts a cold check takes give exactly what the plain way gives.

* ``find_cycles`` (STR004, STR005) against networkx's strongly connected components, order included;
* ``select`` (the national connections' ends, remembered per graph) against a fresh search.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kientruc.frameworks import catalog_connections
from kientruc.graph import build_graph
from kientruc.loader import load
from kientruc.validators.rules import _common
from kientruc.validators.rules.structure._helpers import find_cycles

ROOT = Path(__file__).resolve().parents[1]

ids = st.sampled_from([f"e{i}" for i in range(9)])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(ids, ids), max_size=30))
def test_find_cycles_is_networkx_order_included(edges) -> None:
    import networkx as nx

    expected = [sorted(c) for c in nx.strongly_connected_components(nx.DiGraph(edges)) if len(c) > 1] if edges else []
    assert find_cycles(edges) == expected


def test_find_cycles_finds_a_cycle() -> None:
    assert find_cycles([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]) == [["a", "b", "c"]]
    assert find_cycles([("a", "b"), ("b", "c")]) == []


def test_select_remembered_per_graph_equals_a_fresh_search() -> None:
    loaded = load(ROOT / "architecture", cache=False, jobs=1)
    graph = build_graph(loaded.architecture, None)
    for conn in catalog_connections().values():
        for selectors in (conn.source, conn.target):
            first = _common.select(graph, selectors)
            again = _common.select(graph, selectors)
            assert first == again == _common._select(graph, tuple(selectors))
            again.append(None)  # a caller's list is its own
            assert _common.select(graph, selectors) == first
    assert any(_common.select(graph, conn.target) for conn in catalog_connections().values())


def test_province_scopes_with_the_memo_equal_asking_each_element(tmp_path) -> None:
    """``province_of`` remembering each organization's province gives what asking afresh gives, on a
    generated model of three provinces (seeded defects included) and on the example provinces."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    generate(tmp_path / "g", 6500, defects=10)
    for model in (tmp_path / "g", *sorted((ROOT / "tests" / "examples").iterdir()), ROOT / "architecture"):
        loaded = load(model, cache=False, jobs=1)
        graph = build_graph(loaded.architecture, None)
        anchors = {el.id for el in graph.of_kind("organization") if _common._is_anchor(el)}
        memo: dict = {}
        for el in graph.elements():
            assert _common.province_of(graph, el, anchors, memo) == _common.province_of(graph, el, anchors)
        if model.name == "g":
            assert len(anchors) >= 2 and any(v is not None for v in memo.values())
        scopes = _common._province_scopes(graph)
        assert [(s.anchor.id if s.anchor else None, s.members) for s in scopes] == _scopes_asked_afresh(graph)


def _scopes_asked_afresh(graph):
    """The province scopes as they were computed before the memos: every element asked on its own."""
    anchors = [el for el in graph.of_kind("organization") if _common._is_anchor(el)]
    if len(anchors) <= 1:
        return [(anchors[0].id if anchors else None, None)]
    ids = {a.id for a in anchors}
    where, unplaced = {}, []
    for el in graph.elements():
        p = _common.province_of(graph, el, ids)
        if p is not None:
            where[el.id] = p
        elif _common.provincial(el):
            unplaced.append(el)
    while unplaced:
        placed_now = {}
        for el in unplaced:
            found = {where[n.id] for n in graph.neighbours(el.id) if n.id in where}
            if len(found) == 1:
                placed_now[el.id] = found.pop()
        if not placed_now:
            break
        where.update(placed_now)
        unplaced = [el for el in unplaced if el.id not in where]
    members = {a.id: set() for a in anchors}
    for el_id, p in where.items():
        members[p].add(el_id)
    return [(a.id, frozenset(members[a.id])) for a in anchors]


def test_security_systems_once_per_graph_and_forgotten_on_request() -> None:
    from kientruc.validators.registry import RuleContext
    from kientruc.validators.rules.security import _helpers as sec

    loaded = load(ROOT / "architecture", cache=False, jobs=1)
    graph = build_graph(loaded.architecture, None)
    ctx = RuleContext(graph=graph, architecture=loaded.architecture, profile=None, as_of=None, today=None)
    first = sec.security_systems(ctx)
    assert first and first == sec._security_systems(graph)
    first.clear()  # a caller's list is its own
    assert sec.security_systems(ctx) == sec._security_systems(graph)
    _common.select(graph, ())
    _common.province_scopes(ctx)
    assert graph in sec._SYSTEMS and graph in _common._SELECTED and graph in _common._SCOPES
    _common.forget(graph)
    assert graph not in sec._SYSTEMS and graph not in _common._SCOPES and graph not in _common._SELECTED
