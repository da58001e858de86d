"""A graph changed in place (``ArchGraph.update``) is the graph built afresh: random edits (Hypothesis).

The language server's workspace (:mod:`kientruc.incremental`) keeps one graph and, after an edit, changes only
what the changed elements write and what names them. These tests apply the edits of ``test_incremental`` (typos,
retargets, renamed and deleted ids, deleted and copied files, relations to unknown ids, elements retired) to a
copy of a model, update a graph kept from the first load, and compare every index with a graph built from the
same load: the same elements in the same order, the same relations (the same objects) in the same orders, the
same dangling relations.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kientruc.graph import ArchGraph
from kientruc.incremental import Workspace

from test_incremental import IDS, SHOWCASE, _apply, _ids_of, change, generated  # noqa: F401 - a fixture

REPO = Path(__file__).resolve().parents[1]


def _same(updated: ArchGraph, fresh: ArchGraph) -> None:
    assert list(updated._elements) == list(fresh._elements)
    assert all(updated._elements[i] == e for i, e in fresh._elements.items())
    assert updated._pos == fresh._pos
    assert {k: [e.id for e in v] for k, v in updated._by_kind.items() if v} == \
        {k: [e.id for e in v] for k, v in fresh._by_kind.items() if v}
    for name in ("_out", "_in"):
        mine, theirs = getattr(updated, name), getattr(fresh, name)
        assert set(mine) == set(theirs)
        for rtype in theirs:
            a, b = mine[rtype], theirs[rtype]
            if name == "_out":  # relations() walks them in this order
                assert list(a) == list(b), (name, rtype)
            assert set(a) == set(b), (name, rtype)
            for key in b:
                assert [id(r) for r in a[key]] == [id(r) for r in b[key]], (name, rtype, key)
    assert [id(r) for r in updated.dangling] == [id(r) for r in fresh.dangling]
    assert updated.related_ids() == fresh.related_ids()  # carried over the update (asked for before it)
    assert list(updated.relations()) == list(fresh.relations())


def _run(source: Path, tmp: Path, changes, day: dt.date | None) -> int:
    root = tmp / "arch"
    shutil.copytree(source, root)
    ids = _ids_of(root) or IDS
    ws = Workspace(root, as_of=day)
    loaded = ws.load()
    ws._changed = set()
    graph = ArchGraph(loaded.architecture, day)
    graph.related_ids()
    updated = 0
    for what, i, j, n in changes:
        _apply(root, ws, what, i, j, n, ids)
        loaded = ws.load()
        changed, ws._changed, ws._moved = ws._changed, set(), set()
        if loaded.architecture is None:
            continue  # a model that cannot be read has no graph
        if changed is None or not graph.update(loaded.architecture, changed, loaded.sources.first_index):
            graph = ArchGraph(loaded.architecture, day)
            graph.related_ids()
            continue
        updated += 1
        _same(graph, ArchGraph(loaded.architecture, day))
    return updated


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(change, min_size=1, max_size=5))
def test_a_graph_updated_in_place_is_the_graph_built_afresh(tmp_path_factory, changes):
    _run(SHOWCASE, tmp_path_factory.mktemp("upd"), changes, None)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(change, min_size=1, max_size=4), day=st.sampled_from([dt.date(2018, 10, 9), dt.date(2025, 6, 30)]))
def test_on_a_day_and_on_another_province(tmp_path_factory, changes, day):
    _run(REPO / "provinces" / "quang-binh", tmp_path_factory.mktemp("upd"), changes, day)
    _run(SHOWCASE, tmp_path_factory.mktemp("upd"), changes, day)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(change, min_size=1, max_size=4))
def test_on_a_generated_model_with_defects(tmp_path_factory, generated, changes):
    _run(generated, tmp_path_factory.mktemp("upd"), changes, dt.date(2018, 10, 9))


def test_the_edits_do_update_in_place(tmp_path):
    """Ordinary edits are made in place (not every one falling back to a new graph)."""
    edits = [("typo", 3, 5, 0), ("retarget", 4, 2, 1), ("unknown-target", 5, 1, 2), ("delete-element", 6, 3, 0),
             ("rename-id", 7, 1, 0), ("retire", 2, 2, 0)]
    assert _run(SHOWCASE, tmp_path, edits, None) >= 5
