"""Models as the load cache and the parsing processes carry them (kientruc/models/base.py,
``StrictModel.__reduce__``): the same values, the same fields given, shared texts, sets and empty lists
that nothing can change through another model."""

from __future__ import annotations

import copy
import json
import pickle
import sys
from pathlib import Path

import pytest

from conftest import REPO
from kientruc import load
from kientruc.models import base

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate  # noqa: E402


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    """The showcase and a generated model with defects, loaded without the cache (parsed here)."""
    root = tmp_path_factory.mktemp("gen") / "g"
    generate(root, elements=1500, defects=8, seed=11)
    out = []
    for folder in (REPO / "architecture", root):
        loaded = load(folder, cache=False, jobs=1)
        assert loaded.ok
        out.append(loaded)
    return out


def test_round_trip_keeps_every_value_and_the_fields_given(models):
    for loaded in models:
        arch = loaded.architecture
        back = pickle.loads(pickle.dumps(arch.elements, protocol=pickle.HIGHEST_PROTOCOL))
        assert len(back) == len(arch.elements)
        for a, b in zip(arch.elements, back):
            assert type(a) is type(b)
            assert a == b
            assert a.model_fields_set == b.model_fields_set
            assert a.model_dump(mode="json") == b.model_dump(mode="json")
            assert a.model_dump(mode="json", exclude_unset=True) == b.model_dump(mode="json", exclude_unset=True)
            assert a.model_dump_json() == b.model_dump_json()
            assert list(a.iter_relations()) == list(b.iter_relations())
        written = pickle.loads(pickle.dumps(arch.written, protocol=pickle.HIGHEST_PROTOCOL))
        assert written == arch.written


def test_texts_sets_and_empty_lists_are_shared(models):
    back = pickle.loads(pickle.dumps(models[1].architecture.elements, protocol=pickle.HIGHEST_PROTOCOL))
    kinds = {}
    for el in back:
        assert kinds.setdefault(el.kind, el.kind) is el.kind
    by_fields: dict = {}
    for el in back:
        shared = by_fields.setdefault((type(el), frozenset(el.model_fields_set)), el.__pydantic_fields_set__)
        assert shared is el.__pydantic_fields_set__
    empties = [v for el in back for v in el.__dict__.values() if isinstance(v, list) and not v]
    assert len(empties) > 10 * len(back)
    assert all(v is base.NO_ITEMS for v in empties)


def test_assigning_a_field_does_not_reach_another_model(models):
    back = pickle.loads(pickle.dumps(models[1].architecture.elements, protocol=pickle.HIGHEST_PROTOCOL))
    groups: dict = {}
    for el in back:
        groups.setdefault((type(el), frozenset(el.model_fields_set)), []).append(el)
    same = max(groups.values(), key=len)
    assert len(same) > 1
    first, other = same[0], same[1]
    assert first.__pydantic_fields_set__ is other.__pydantic_fields_set__
    before = set(other.model_fields_set)
    assert "description" not in before
    first.description = "mô tả mới"
    first.tags = ["mới"]
    assert first.model_fields_set == before | {"description", "tags"}
    assert other.model_fields_set == before
    assert other.tags == [] and other.description is None
    assert "description" not in other.model_dump(exclude_unset=True)
    # pydantic's copies copy the set: an update reaches only the copy
    copied = other.model_copy(update={"name_en": "English"})
    assert copied.model_fields_set == before | {"name_en"}
    assert other.model_fields_set == before


def test_the_shared_empty_list_refuses_every_change(models):
    back = pickle.loads(pickle.dumps(models[1].architecture.elements[:5], protocol=pickle.HIGHEST_PROTOCOL))
    el = next(e for e in back if e.__dict__["tags"] is base.NO_ITEMS)
    tags = el.tags
    for change in (lambda: tags.append("x"), lambda: tags.extend(["x"]), lambda: tags.insert(0, "x"),
                   lambda: tags.__setitem__(slice(0, 0), ["x"]), lambda: tags.clear(), lambda: tags.sort(),
                   lambda: tags.__iadd__(["x"]), lambda: tags.__imul__(2)):
        with pytest.raises(TypeError):
            change()
    with pytest.raises(TypeError):
        el.tags += ["x"]
    assert base.NO_ITEMS == [] and len(base.NO_ITEMS) == 0
    assert copy.copy(base.NO_ITEMS) is base.NO_ITEMS and copy.deepcopy(el).tags is base.NO_ITEMS
    assert pickle.loads(pickle.dumps(base.NO_ITEMS)) is base.NO_ITEMS
    assert json.dumps(el.tags) == "[]" and type(el.model_dump()["tags"]) is list
    assert el.tags + ["x"] == ["x"]
    el.tags = ["x"]  # a new list: allowed
    assert el.tags == ["x"] and base.NO_ITEMS == []


def test_a_model_with_extra_state_pickles_as_pydantic_does():
    from kientruc.models import RelationSpec

    spec = RelationSpec(target="a-b")
    object.__setattr__(spec, "__pydantic_extra__", {"x": 1})
    back = pickle.loads(pickle.dumps(spec))
    assert back.__pydantic_extra__ == {"x": 1} and back == spec


def test_cached_and_parsed_models_check_the_same(models, tmp_path, monkeypatch):
    """The showcase checked cold, then from the cache filled by that check: the same findings."""
    from kientruc import check

    monkeypatch.setenv("KIENTRUC_CACHE_DIR", str(tmp_path / "c"))
    root = Path(models[0].sources.root)
    cold = [f.to_dict() for f in check(root, cache=True).findings]
    warm = check(root, cache=True)
    assert any(v is base.NO_ITEMS for el in warm.load.architecture.elements for v in el.__dict__.values())
    assert [f.to_dict() for f in warm.findings] == cold
