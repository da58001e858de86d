"""Property-based tests: generated models check clean, mutated ones give the right finding,
and no input crashes the loader or the checker.

A longer run: ``KIENTRUC_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BASE_MANIFEST, write_model
from kientruc import check
from kientruc.models import relation_table

EXAMPLES = int(os.environ.get("KIENTRUC_FUZZ_EXAMPLES", "60"))
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

KINDS = {
    "organization": {"org_type": "department"},
    "actor": {"actor_type": "citizen"},
    "public_service": {},
    "channel": {"channel_type": "portal"},
    "application": {"security_level": 3},
    "integration_platform": {"platform_type": "lgsp"},
    "database": {"scope": "shared"},
    "node": {"node_type": "data_centre"},
    "network": {"network_type": "tslcd"},
    "security_control": {},
    "project": {},
}
NAMES = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ ",
                min_size=1, max_size=30).filter(lambda s: s.strip())


@st.composite
def models(draw):
    """A valid model: every relation allowed by the table, acyclic, no self-relations, dated sensibly."""
    n = draw(st.integers(min_value=2, max_value=12))
    kinds = draw(st.lists(st.sampled_from(sorted(KINDS)), min_size=n, max_size=n))
    elements = []
    for i, kind in enumerate(kinds):
        el = {"id": f"e-{i}", "kind": kind, "name": draw(NAMES), **KINDS[kind]}
        if draw(st.booleans()):
            el["valid_from"] = "2015-01-01"
        elements.append(el)
    table = relation_table()
    # relations only from an element to a later one: no cycle can form
    for i, el in enumerate(elements):
        for j in range(i + 1, n):
            other = elements[j]
            allowed = sorted(r for r, t in table.items()
                             if t.allows(el["kind"], other["kind"]) and r not in ("supersedes", "successors"))
            if allowed and draw(st.integers(0, 3)) == 0:
                rel = draw(st.sampled_from(allowed))
                if other["id"] not in el.get(rel, []):
                    el.setdefault(rel, []).append(other["id"])
    # keep every element related to something (STR006 is a warning, but keep the model clean)
    for i, el in enumerate(elements):
        related = any(el.get(r) for r in table) or any(el["id"] in e.get(r, []) for e in elements for r in table)
        if not related:
            el["associated_with"] = [elements[(i + 1) % n]["id"]]
    return elements


def _check(elements, files=None):
    tmp = Path(tempfile.mkdtemp())
    try:
        text = files if files is not None else {"m.yaml": yaml.safe_dump(elements, allow_unicode=True)}
        root = write_model(tmp / "m", text)
        return check(root)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@SETTINGS
@given(models())
def test_generated_models_check_clean(elements):
    result = _check(elements)
    assert result.findings == [], [(f.code, f.message) for f in result.findings]
    assert result.exit_code == 0


MUTATIONS = {
    "dangling": "STR001",
    "duplicate": "STR002",
    "unknown-field": "LOAD003",
    "unknown-kind": "LOAD003",
    "missing-name": "LOAD003",
    "self": "STR007",
    "bad-period": "STR008",
}


@SETTINGS
@given(models(), st.sampled_from(sorted(MUTATIONS)), st.data())
def test_mutated_models_give_the_right_finding(elements, mutation, data):
    i = data.draw(st.integers(0, len(elements) - 1))
    el = elements[i]
    if mutation == "dangling":
        el.setdefault("associated_with", []).append("khong-ton-tai")
    elif mutation == "duplicate":
        elements.append(dict(el))
    elif mutation == "unknown-field":
        el["ten_goi"] = "x"
    elif mutation == "unknown-kind":
        el["kind"] = "he_thong"
    elif mutation == "missing-name":
        del el["name"]
    elif mutation == "self":
        el.setdefault("associated_with", []).append(el["id"])
    elif mutation == "bad-period":
        el["valid_from"], el["valid_to"] = "2020-01-01", "2019-12-31"
    result = _check(elements)
    codes = {f.code for f in result.findings}
    assert MUTATIONS[mutation] in codes, (mutation, codes)
    assert result.exit_code == (2 if MUTATIONS[mutation].startswith("LOAD") else 1)
    located = [f for f in result.findings if f.code == MUTATIONS[mutation]]
    assert all(f.location and f.location.line for f in located)


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_never_crashes(text):
    result = _check(None, {"m.yaml": text})
    assert result.exit_code in (0, 1, 2)
    assert not any(f.internal for f in result.findings)


@SETTINGS
@given(models(), st.data())
def test_truncated_and_spliced_files_never_crash(elements, data):
    text = yaml.safe_dump(elements, allow_unicode=True)
    cut = data.draw(st.integers(0, len(text)))
    junk = data.draw(st.sampled_from(["", "\t", ":", "- ", "{", "]", "&a", "*a", "!!python/object:os.system", "\x00",
                                      "\ufeff", "'", '"', "? ", "---\n", "\n  - x"]))
    result = _check(None, {"m.yaml": text[:cut] + junk + text[cut:]})
    assert result.exit_code in (0, 1, 2)
    assert not any(f.internal for f in result.findings)


def test_python_tags_are_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = f"- !!python/object/apply:os.system ['touch {marker}']\n"
    result = _check(None, {"m.yaml": text})
    assert result.exit_code == 2
    assert not marker.exists()
    assert BASE_MANIFEST  # the manifest used for every generated model


HOSTILE = st.lists(
    st.sampled_from(list("aăđêôơư ÂẤẦẨẪẬ\"'<>{}[]|\\&;:#%$`*_~!-\n\t") + ["</script>", "{{", "]]>", "\\N"]),
    min_size=1, max_size=40,
).map("".join).filter(lambda s: s.strip())


@settings(max_examples=max(8, EXAMPLES // 6), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models(), st.lists(HOSTILE, min_size=1, max_size=3), st.data())
def test_diagrams_and_site_never_crash_on_any_text(elements, names, data):
    """Valid models with hostile names render: every view as DOT and SVG, and the whole site."""
    from kientruc.graph import build_graph
    from kientruc.loader import load
    from kientruc.renderers.diagrams import render
    from kientruc.pipeline import publication
    from kientruc.renderers.site import build_site
    from kientruc.views import compute_view, view_ids

    for name in names:
        el = elements[data.draw(st.integers(0, len(elements) - 1))]
        el["name"] = name
        el["description"] = name
    tmp = Path(tempfile.mkdtemp())
    try:
        root = write_model(tmp / "m", {"m.yaml": yaml.safe_dump(elements, allow_unicode=True)})
        loaded = load(root)
        assert loaded.ok, loaded.findings
        graph = build_graph(loaded.architecture)
        for view_id in view_ids(graph)[:6]:
            view = compute_view(graph, view_id)
            assert render(view, "dot")
            assert render(view, "svg").lstrip().startswith(b"<?xml")
        build_site(publication(root), tmp / "site", lang="vi", pdf=False)  # LibreOffice: tests/test_document.py
        assert (tmp / "site" / "index.html").is_file()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
