"""The fast YAML path (kientruc/loader/fastyaml.py, rapidyaml) gives exactly what PyYAML's path gives, or declines.

For every YAML file of the repository, a generated model with defects, a corpus of tricky inputs
and a few thousand mutants of real model files, the fast path either declines (the file then takes
PyYAML's path, as before) or gives the same values (same types: a date stays a date, ``yes`` a
bool, ``0o17`` a string), the same positions of every key, item and collection, and no finding
(PyYAML gives none either). On whole models, ``kientruc check`` reports the same findings
(codes, messages, file:line:column) with the fast path on and off. And the routing itself is
tested: inputs the fast path must leave to PyYAML (aliases, tags, tabs, a BOM, duplicate keys, …)
are declined, and the plain model files are not, so neither path can vanish unnoticed.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
from pathlib import Path

import pytest

from kientruc.loader import fastyaml
from kientruc.loader.positions import ParsedFile, _parse_with_pyyaml, parse_yaml
from kientruc.loader.read import read_text

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import generate  # noqa: E402

YAML_FILES = sorted(
    p
    for folder in ("architecture", "provinces", "examples", "tests", "kientruc")
    for p in (REPO / folder).rglob("*")
    if p.suffix in (".yaml", ".yml") and p.is_file() and not p.is_symlink()
)


def test_rapidyaml_is_there():
    """rapidyaml is a dependency: without it (or without its views' addresses) every file is slow, silently."""
    assert fastyaml.available(), "the fast YAML path is off: is rapidyaml installed (pyproject.toml)?"


def _same(a, b, fast, ref, where="") -> None:
    """Values equal with equal types (True is not 1, a date not a string), positions equal, recursively."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} {a!r} against PyYAML's {type(b).__name__} {b!r}"
    if isinstance(a, dict):
        assert [(type(k), k) for k in a] == [(type(k), k) for k in b], f"{where}: keys differ"
        assert fast.positions[id(a)] == ref.positions[id(b)], f"{where}: mapping positions differ"
        for k in a:
            _same(a[k], b[k], fast, ref, f"{where}/{k}")
    elif isinstance(a, list):
        assert len(a) == len(b), f"{where}: lengths differ"
        assert fast.positions[id(a)] == ref.positions[id(b)], f"{where}: list positions differ"
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, fast, ref, f"{where}[{i}]")
    elif not (isinstance(a, float) and a != a and b != b):  # NaN is NaN in both
        assert a == b, f"{where}: {a!r} against PyYAML's {b!r}"


def _compare(text: str, name: str = "x.yaml") -> bool:
    """Whether the fast path took ``text``; if it did, assert it gave PyYAML's result."""
    fast = fastyaml.parse_fast(text, name)
    if fast is None:
        return False
    ref, findings = _parse_with_pyyaml(text, name)
    assert ref is not None and not findings, (
        f"the fast path accepted a text PyYAML rejects: {[f.message for f in findings]}\n{text[:2000]}"
    )
    try:
        _same(fast.data, ref.data, fast, ref, name)
        assert fast.tree(fast.data) == ref.tree(ref.data)
        # the trees the walk made (the top collection's, each top item's) are the ones the positions give
        if isinstance(fast.data, list):
            for item, ref_item in zip(fast.data, ref.data):
                assert fast.tree(item) == ref.tree(ref_item)
                assert fast.tree(item) == ParsedFile.tree(fast, item)
    except RecursionError:  # nested past what this comparison can recurse through (a mutant of the deep-nesting case)
        return False
    assert len(fast.positions) == len(ref.positions)
    return True


def test_every_yaml_file_of_the_repository():
    taken = 0
    for path in YAML_FILES:
        text, problem = read_text(path, path.name)
        if text is not None:
            taken += _compare(text, str(path.relative_to(REPO)))
    assert taken >= len(YAML_FILES) * 3 // 4, f"the fast path took only {taken} of {len(YAML_FILES)} files"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fastyaml") / "model"
    generate.generate_model(out, 1000, defects=len(generate.DEFECT_KINDS), seed=5)
    return out


def test_a_generated_model_with_defects(generated):
    paths = sorted(generated.rglob("*.yaml"))
    taken = sum(_compare(read_text(p, p.name)[0], p.name) for p in paths)
    assert taken == len(paths), "every generated file is plain YAML: the fast path must take them all"


TRICKY = {
    "dates": "- a: 2024-12-31\n  b: '2024-12-31'\n  c: \"2024-12-31\"\n  d: 2024-12-31 10:20:30\n  e: 2024-1-2\n"
             "  f: 2024-12-31T10:20:30Z\n  g: 2024-12-31 10:20:30.5 +07:00\n",
    "booleans": "- [yes, no, on, off, true, False, TRUE, y, n, 'yes', \"no\", Yes, oN]\n",
    "numbers": "".join(f"- {n}\n" for n in "0o17 017 0x1f 0b101 1_000 1e3 1.5e3 .5 .inf .NaN +12 190:20:30 1:20 3.14 1. 0 00 0.1_5".split()),
    "numbers in flow": "- [0o17, 017, 0x1f, 0b101, 1_000, 1e3, 1.5e3, .5, .inf, .NaN, +12, 190:20:30, 1:20, 3.14, 1., 0, 00]\n",
    "signed numbers": "- [-1, -.inf, -0x1f, -1_0, -1:30]\n",
    "nulls": "- a:\n  b: ~\n  c: null\n  d: Null\n  e: ''\n  f: \"\"\n  g: NULL\n",
    "literal": "- a: |\n    một\n     hai\n\n    ba\n  b: |-\n    x\n\n  c: |+\n    y\n\n\n  d: >\n    gấp\n    dòng\n\n    mới\n  e: >-\n    f\n  f: |2\n      lùi\n",
    "literal items": "- |\n  một\n  hai\n- >-\n  ba\n  bốn\n- x\n",
    "comments": "# đầu\n- id: a # sau\n  # giữa\n  kind: actor   # cuối\n\n  tags: [x, y] # c\n# hết\n",
    "plain folding": "- a: một dòng\n    tiếp theo\n     và nữa\n  b: x\n",
    "quoted folding": "- a: 'một\n    hai'\n  b: \"ba\\\n    bốn\"\n  c: 'it''s'\n  d: \"tab\\there \\u00e9 \\x41\"\n",
    "nfd text": "- name: Qua\u0309ng Tri\u0323\n",
    "long line": "- name: " + "dài " * 3000 + "\n",
    "long key": "- " + "k" * 1100 + ": v\n",
    "trailing spaces": "- id: a   \n  kind: actor  \n  tags:   \n  - x  \n",
    "colons in keys": "- 'a: b': 1\n  \"c:d\": 2\n  e:f: 3\n  http://x.vn: 4\n  g: h:i\n",
    "flow": "- tags: [a, b, 'c, d', \"e\"]\n  m: {x: 1, y: [2, 3], z: {w: 4}}\n  e: []\n  f: {}\n  g: [ ]\n  i: [[a], {b: c}]\n",
    "flow on lines": "- h: [\n    a,\n    b\n  ]\n  i: [\n      a, b]\n",
    "nested lists": "- - a\n  - b\n- - - c\n-\n  - d\n",
    "indentless": "- a:\n  - x\n  - y\n  b:\n    - z\n",
    "empty": "",
    "only comments": "# nothing\n\n# here\n",
    "scalar root": "just text\n",
    "map root": "id: a\nkind: actor\n",
    "keys of types": "- 1: a\n  yes: b\n  ~: c\n  2024-01-01: d\n  1.5: e\n",
    "crlf": "- id: a\r\n  kind: actor\r\n",
    "bom": "\ufeff- id: a\n",
    "tab": "- id: a\n\tkind: actor\n",
    "anchors": "- &a {x: 1}\n- *a\n",
    "merge": "- base: &b {x: 1}\n  other:\n    <<: *b\n    y: 2\n",
    "tag": "- !!str 12\n",
    "python tag": "- !!python/object/apply:os.system ['true']\n",
    "duplicate": "- id: a\n  id: b\n",
    "two documents": "- a\n---\n- b\n",
    "directive": "%YAML 1.1\n---\n- a\n",
    "complex key": "- ? a\n  : b\n",
    "empty item": "- \n- a\n",
    "bad date": "- d: 2024-02-30\n",
    "value tag": "- a: =\n",
    "control": "- a: b\x07\n",
    "nel": "- a: b\x85c\n",
    "line separator": "- a: b\u2028c\n",
    "bad indent": "- id: a\n  kind: x\n kind: y\n",
    "two colons": "- a: b: c\n",
    "unclosed": "- [a, b\n",
    "unclosed quote": "- 'a\n- b\n",
    "at sign": "- a: @b\n",
    "backtick": "- a: `b\n",
    "percent": "- a: %b\n",
    "hash": "- a: b#c\n  d: e #f\n",
    "dash values": "- a: -b\n  c: - d\n  e: --\n",
    "star": "- a: b*c\n  d: b&c\n  e: b!c\n",
}


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_tricky_inputs(name):
    _compare(TRICKY[name], name)


@pytest.mark.parametrize(
    "name",
    ["crlf", "bom", "tab", "anchors", "merge", "tag", "python tag", "duplicate", "two documents", "directive",
     "complex key", "empty item", "bad date", "value tag", "control", "nel", "line separator", "long key",
     "bad indent", "two colons", "unclosed", "unclosed quote"],
)
def test_unusual_inputs_are_left_to_pyyaml(name):
    """These must take PyYAML's path: its findings (LOAD001, LOAD002, LOAD012…) and its alias guards."""
    assert fastyaml.parse_fast(TRICKY[name], "x.yaml") is None
    fast_on, findings_on = parse_yaml(TRICKY[name], "x.yaml")
    ref, findings = _parse_with_pyyaml(TRICKY[name], "x.yaml")
    assert [(f.code, f.message, f.location) for f in findings_on] == [(f.code, f.message, f.location) for f in findings]
    assert (fast_on is None) == (ref is None)


@pytest.mark.parametrize("name", ["dates", "booleans", "numbers", "literal", "literal items", "flow", "comments", "nfd text"])
def test_plain_inputs_take_the_fast_path(name):
    assert fastyaml.parse_fast(TRICKY[name], "x.yaml") is not None


def test_without_rapidyaml_every_file_takes_pyyaml(monkeypatch):
    """rapidyaml missing (or its views' addresses not found): the loader still reads everything, by PyYAML."""
    monkeypatch.setattr(fastyaml, "_ryml", None)
    assert not fastyaml.available()
    assert fastyaml.parse_fast(TRICKY["dates"], "x.yaml") is None
    parsed, findings = parse_yaml(TRICKY["dates"], "x.yaml")
    assert parsed is not None and not findings and parsed.data[0]["b"] == "2024-12-31"


def test_turned_off_by_the_environment(monkeypatch):
    text = TRICKY["dates"]
    assert fastyaml.parse_fast(text, "x.yaml") is not None
    monkeypatch.setenv("KIENTRUC_YAML", "pyyaml")
    assert fastyaml.parse_fast(text, "x.yaml") is None


_INSERTS = [" ", "  ", ":", ": ", "-", "- ", "#", " #", "'", '"', "[", "]", "{", "}", ",", "\n", "\n  ", "|", ">",
            "&", "*", "!", "?", "%", "@", "`", "~", "\\", "2024-01-01", "yes", "0o1", "1_0", "…", "ệ"]


def _mutants(text: str, rng: random.Random, count: int):
    lines = text.split("\n")
    for _ in range(count):
        kind = rng.randrange(6)
        if kind == 0:  # insert
            i = rng.randrange(len(text) + 1)
            yield text[:i] + rng.choice(_INSERTS) + text[i:]
        elif kind == 1:  # delete a few characters
            i = rng.randrange(max(1, len(text)))
            yield text[:i] + text[i + rng.randint(1, 3):]
        elif kind == 2:  # indent or dedent a line
            j = rng.randrange(len(lines))
            changed = list(lines)
            changed[j] = changed[j][rng.randint(1, 2):] if rng.random() < 0.5 else " " * rng.randint(1, 3) + changed[j]
            yield "\n".join(changed)
        elif kind == 3:  # duplicate or drop a line
            j = rng.randrange(len(lines))
            changed = list(lines)
            if rng.random() < 0.5:
                changed.insert(j, changed[j])
            else:
                del changed[j]
            yield "\n".join(changed)
        elif kind == 4:  # swap two lines
            j, k = rng.randrange(len(lines)), rng.randrange(len(lines))
            changed = list(lines)
            changed[j], changed[k] = changed[k], changed[j]
            yield "\n".join(changed)
        else:  # two mutations at once
            first = next(_mutants(text, rng, 1))
            yield next(_mutants(first, rng, 1))


def test_mutants_of_real_files():
    """Thousands of small corruptions of real model files: wherever the fast path says yes, PyYAML agrees exactly."""
    rng = random.Random(19)
    seeds = [p for p in YAML_FILES if "architecture" in p.parts[-3:-1] or "tests" in p.parts][:400]
    rng.shuffle(seeds)
    texts = []
    for p in seeds:
        text = read_text(p, p.name)[0]
        if text and 40 < len(text) < 6000:
            texts.append(text)
        if len(texts) >= 60:
            break
    taken = total = 0
    for text in texts:
        for mutant in _mutants(text, rng, 50):
            total += 1
            taken += _compare(mutant)
    assert taken >= total // 3, f"the fast path took only {taken} of {total} mutants: the comparison proves little"


def _findings(run_cli, root: Path, monkeypatch, fast: bool) -> tuple[int, list]:
    if fast:
        monkeypatch.delenv("KIENTRUC_YAML", raising=False)
    else:
        monkeypatch.setenv("KIENTRUC_YAML", "pyyaml")
    result = run_cli(["check", ".", "--format", "json", "--lang", "en", "--no-cache"], cwd=root)
    report = json.loads(result.stdout)
    return result.exit_code, [
        (f["code"], f["file"], f["line"], f["column"], f["message"], f["hint"], f["element"]) for f in report["findings"]
    ]


BAD = REPO / "tests" / "bad"
BAD_CASES = sorted(
    p.name
    for p in BAD.iterdir()
    if (p / "expected.yaml").is_file() and "setup:" not in (p / "expected.yaml").read_text(encoding="utf-8")
)


def test_check_finds_the_same_on_the_bad_corpus(run_cli, tmp_path, monkeypatch):
    differ = []
    for case in BAD_CASES:
        root = tmp_path / case
        shutil.copytree(BAD / case, root, symlinks=True, ignore=shutil.ignore_patterns("expected.yaml"))
        if _findings(run_cli, root, monkeypatch, True) != _findings(run_cli, root, monkeypatch, False):
            differ.append(case)
    assert not differ, f"kientruc check reports differently with the fast YAML path: {differ}"


def test_check_finds_the_same_on_a_generated_model(run_cli, generated, monkeypatch):
    fast = _findings(run_cli, generated, monkeypatch, True)
    slow = _findings(run_cli, generated, monkeypatch, False)
    assert fast == slow
    assert fast[1], "the generated model has defects: findings expected"


def test_rapidyaml_says_nothing_on_stderr(capfd):
    """rapidyaml prints its own message on stderr before it raises: the fast path keeps it out of the report."""
    import ryml

    with pytest.raises(Exception):
        ryml.parse_in_arena(b"- a: b: c\n")
    assert "ERROR" in capfd.readouterr().err  # what it does unsilenced
    parsed, findings = parse_yaml("- a: b: c\n", "x.yaml")
    assert parsed is None and [f.code for f in findings] == ["LOAD001"]
    assert capfd.readouterr().err == ""


def test_plain_scalars_starting_like_a_yaml_word_resolve_as_in_pyyaml():
    """A plain scalar longer than every YAML 1.1 word its first character can start (``yes``, ``False``,
    ``null``…) is taken as a string without trying PyYAML's resolvers: the words and their neighbours
    resolve as PyYAML resolves them."""
    assert fastyaml._LONGEST_WORD.get("t") == 5 and fastyaml._LONGEST_WORD.get("n") == 5
    words = ["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On",
             "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~", "y", "n", "Y", "N", "<<", "="]
    texts = words + [w + x for w in words for x in ("x", "1", "-a", " b")] + ["offset", "nullable", "true-ish",
                                                                            "t001-so-khcn", "Falsey", "ONE", "~x"]
    for text in texts:
        doc = f"- {text}\n- k: {text}\n"
        if _compare(doc):
            ref, _ = _parse_with_pyyaml(doc, "x.yaml")
            assert fastyaml.parse_fast(doc, "x.yaml").data == ref.data, text
