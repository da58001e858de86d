"""benchmarks/likec4.py: a kientruc model becomes an equivalent LikeC4 workspace (no node needed)."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from kientruc import load

from conftest import REPO, write_model

_spec = importlib.util.spec_from_file_location("bench_likec4", REPO / "benchmarks" / "likec4.py")
likec4 = importlib.util.module_from_spec(_spec)
sys.modules["bench_likec4"] = likec4
_spec.loader.exec_module(likec4)

IDENT = re.compile(r"^(?:[a-zA-Z]|_+[a-zA-Z0-9])[\w]*$")  # LikeC4's IdTerminal, without the "-" we never write
ELEMENT = re.compile(r"^  (\S+) = (\S+) '((?:[^'\\]|\\.)*)'$")
RELATION = re.compile(r"^  (\S+) -\[(\S+)\]-> (\S+)$")
UNESCAPE = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}

MODEL = {
    "to-chuc.yaml": """\
        - id: ubnd
          kind: organization
          name: "Ủy ban nhân dân tỉnh \\"Thử\\" O'Neil \\\\ số 1"
          org_type: government
        - id: so-tt
          kind: organization
          name: Sở Thông tin và Truyền thông
          org_type: department
          member_of: [ubnd]
        """,
    "ung-dung/he-thong.yaml": """\
        - id: mot-cua
          kind: application
          name: Hệ thống một cửa điện tử 'cũ'
          owner: so-tt
          uses: [this, 1022-cong]
          integrates_via: [lgsp]
          flows_to:
            - {target: model, via: lgsp, data: [hồ sơ]}
        - id: this
          kind: application
          name: "Tên có\\nxuống dòng"
          owner: so-tt
        - id: model
          kind: database
          name: Cơ sở dữ liệu
          owner: so-tt
        - id: lgsp
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu
          platform_type: lgsp
          owner: so-tt
        - id: 1022-cong
          kind: channel
          name: Tổng đài 1022
          channel_type: hotline
        """,
}


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: UNESCAPE.get(m.group(1), m.group(1)), text)


def _parse(out: Path) -> tuple[dict, list, dict]:
    """Elements {ident: (kind, name, file)}, relations [(src, type, dst)], spec {element: set, relationship: set}."""
    elements, relations = {}, []
    spec: dict[str, set] = {"element": set(), "relationship": set()}
    for path in sorted(out.rglob("*.c4")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if m := ELEMENT.match(line):
                assert m.group(1) not in elements, f"{m.group(1)} twice"
                elements[m.group(1)] = (m.group(2), _unescape(m.group(3)), path.relative_to(out).as_posix())
            elif m := RELATION.match(line):
                relations.append(m.groups())
            elif m := re.match(r"^  (element|relationship) (\S+)$", line):
                spec[m.group(1)].add(m.group(2))
            else:
                allowed = ("", "model {", "specification {", "views {", "view index {", "include *", "}")
                assert line.strip() in allowed, line
    return elements, relations, spec


@pytest.fixture
def converted(tmp_path):
    root = write_model(tmp_path / "m", MODEL)
    loaded = load(root, cache=False)
    assert loaded.ok, loaded.findings
    out = tmp_path / "c4"
    counts = likec4.convert(root, out)
    return loaded.architecture, out, counts


def test_every_element_and_relation_is_there(converted):
    arch, out, counts = converted
    ids = json.loads((out / likec4.IDS_FILE).read_text(encoding="utf-8"))
    elements, relations, spec = _parse(out)
    assert counts["elements"] == len(arch.index) == len(elements) == 7
    assert counts["relations"] == len(arch.relations) == len(relations)
    assert {ids[e.id]: (likec4.ident(e.kind), e.name) for e in arch.index.values()} == {
        k: v[:2] for k, v in elements.items()
    }
    expected = sorted((ids[r.source], likec4.ident(r.type), ids[r.target]) for r in arch.relations)
    assert sorted(relations) == expected
    # the owner field is carried as its `owns` relation; flows_to with a mapping as a plain relation
    assert ("so_tt", "owns", "mot_cua") in relations
    assert ("mot_cua", "flows_to", "_model") in relations
    # the specification covers every kind and relation type used, and nothing else
    assert spec["element"] == {likec4.ident(e.kind) for e in arch.index.values()}
    assert spec["relationship"] == {likec4.ident(r.type) for r in arch.relations}


def test_one_c4_file_per_model_file(converted):
    _, out, counts = converted
    elements, _, _ = _parse(out)
    assert counts["files"] == 2
    assert {f for _, _, f in elements.values()} == {"to-chuc.c4", "ung-dung/he-thong.c4"}
    assert elements["ubnd"][2] == "to-chuc.c4" and elements["_1022_cong"][2] == "ung-dung/he-thong.c4"
    assert (out / likec4.SPEC_FILE).is_file() and (out / likec4.VIEWS_FILE).is_file()
    assert "view index" in (out / likec4.VIEWS_FILE).read_text(encoding="utf-8")


def test_identifiers_are_valid_and_one_to_one(converted):
    arch, out, _ = converted
    ids = json.loads((out / likec4.IDS_FILE).read_text(encoding="utf-8"))
    assert set(ids) == set(arch.index)
    assert len(set(ids.values())) == len(ids)
    for c4 in ids.values():
        assert IDENT.match(c4), c4
        assert c4 not in likec4.LIKEC4_KEYWORDS
    assert ids["1022-cong"] == "_1022_cong"  # no leading digit
    assert ids["this"] == "_this" and ids["model"] == "_model"  # reserved word, keyword
    assert ids["mot-cua"] == "mot_cua"
    assert likec4.ident("node") == "_node"  # a kind that is a LikeC4 keyword


def test_names_are_escaped(converted):
    arch, out, _ = converted
    text = (out / "to-chuc.c4").read_text(encoding="utf-8")
    assert "ubnd = organization 'Ủy ban nhân dân tỉnh \"Thử\" O\\'Neil \\\\ số 1'" in text
    other = (out / "ung-dung/he-thong.c4").read_text(encoding="utf-8")
    assert "'Tên có\\nxuống dòng'" in other  # one line per element
    assert "'Hệ thống một cửa điện tử \\'cũ\\''" in other
    elements, _, _ = _parse(out)
    assert elements["ubnd"][1] == arch.index["ubnd"].name == "Ủy ban nhân dân tỉnh \"Thử\" O'Neil \\ số 1"
    assert elements["_this"][1] == "Tên có\nxuống dòng"


def test_unknown_target_is_kept_and_counted(tmp_path):
    files = dict(MODEL)
    files["ung-dung/he-thong.yaml"] = files["ung-dung/he-thong.yaml"].replace("uses: [this, 1022-cong]",
                                                                            "uses: [this, khong-ton-tai]")
    root = write_model(tmp_path / "m", files)
    counts = likec4.convert(root, tmp_path / "c4", views=False)
    _, relations, _ = _parse(tmp_path / "c4")
    assert counts["unknown_targets"] == 1
    assert ("mot_cua", "uses", "khong_ton_tai") in relations
    assert not (tmp_path / "c4" / likec4.VIEWS_FILE).exists()


def test_the_repository_model_converts(tmp_path):
    arch = load(REPO / "architecture", cache=False).architecture
    counts = likec4.convert(REPO / "architecture", tmp_path / "c4")
    elements, relations, _ = _parse(tmp_path / "c4")
    assert counts["elements"] == len(elements) == len(arch.index)
    assert counts["relations"] == len(relations) == len(arch.relations)
