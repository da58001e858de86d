"""benchmarks/archi.py: a kientruc model becomes an equivalent Archi `.archimate` file (archi-cli not needed,
except in the last tests, which run it from $ARCHI_CLI, `archi` on the PATH or `scripts/setup.sh --test`'s .venv-archi)."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kientruc import load
from kientruc.interchange.archimate import element_type, relationship_for

from conftest import REPO, write_model

_spec = importlib.util.spec_from_file_location("bench_archi", REPO / "benchmarks" / "archi.py")
archi = importlib.util.module_from_spec(_spec)
sys.modules["bench_archi"] = archi
_spec.loader.exec_module(archi)

NS = "{http://www.archimatetool.com/archimate}"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
TOP = ["strategy", "business", "application", "technology", "motivation", "implementation_migration", "other",
       "relations", "diagrams"]

MODEL = {
    "to-chuc.yaml": """\
        - id: ubnd
          kind: organization
          name: "Ủy ban nhân dân tỉnh \\"Thử\\" & <số 1>"
          org_type: government
        - id: so-tt
          kind: organization
          name: Sở Thông tin và Truyền thông
          org_type: department
          member_of: [ubnd]
        """,
    "t001/ung-dung.yaml": """\
        - id: mot-cua
          kind: application
          name: Hệ thống một cửa điện tử
          description: "Dòng một\\ndòng hai"
          owner: so-tt
          uses: [cong-dvc]
          flows_to:
            - {target: csdl, data: [hồ sơ]}
        - id: cong-dvc
          kind: application
          name: Cổng dịch vụ công
          owner: so-tt
        - id: csdl
          kind: database
          name: Cơ sở dữ liệu hồ sơ
          owner: so-tt
        """,
}


def _convert(tmp_path: Path, files: dict[str, str] = MODEL):
    root = write_model(tmp_path / "m", files)
    loaded = load(root, cache=False)
    out = tmp_path / "archi"
    counts = archi.convert(root, out)
    return loaded, out, counts


def _read(path: Path) -> tuple[ET.Element, dict, list]:
    """The root, {id: (type, name, top folder, subfolder, element)}, [relationship elements]."""
    root = ET.parse(path).getroot()
    elements: dict[str, tuple] = {}
    relations = []
    for top in root.findall("folder"):
        for sub in top.findall("folder"):
            for el in sub.findall("element"):
                kind = el.get(XSI_TYPE).removeprefix("archimate:")
                if kind.endswith("Relationship"):
                    relations.append(el)
                else:
                    assert el.get("id") not in elements
                    elements[el.get("id")] = (kind, el.get("name"), top.get("type"), sub.get("name"), el)
    return root, elements, relations


def test_every_element_is_there_with_its_archimate_type_in_its_layers_folder(tmp_path):
    loaded, out, counts = _convert(tmp_path)
    arch = loaded.architecture
    root, elements, relations = _read(out / archi.MODEL_FILE)
    assert root.tag == NS + "model"
    assert [f.get("type") for f in root.findall("folder")] == TOP
    assert counts["elements"] == len(arch.index) == len(elements) == 5
    for el in arch.index.values():
        kind, name, top, sub, node = elements["id-" + el.id]
        assert kind == element_type(el) and name == el.name
        assert top == archi.FOLDER_OF_TYPE[kind]
        props = {p.get("key"): p.get("value") for p in node.findall("property")}
        assert props["kientruc:id"] == el.id and props["kientruc:kind"] == el.kind
    # kinds as the Open Exchange export maps them, in Archi's folders; a subfolder per province folder
    assert elements["id-mot-cua"][:4] == ("ApplicationComponent", "Hệ thống một cửa điện tử", "application", "t001")
    assert elements["id-csdl"][:3] == ("DataObject", "Cơ sở dữ liệu hồ sơ", "application")
    assert elements["id-ubnd"][:4] == ("BusinessActor", 'Ủy ban nhân dân tỉnh "Thử" & <số 1>', "business", "to-chuc")
    assert elements["id-mot-cua"][4].find("documentation").text == "Dòng một\ndòng hai"
    # every property key written is in the conventions list archi-cli checks them against
    keys = set(re.findall(r"(?m)^- `([^`]+)`$", (out / "conventions.md").read_text(encoding="utf-8")))
    assert keys == {p.get("key") for _, _, _, _, n in elements.values() for p in n.findall("property")} | {
        p.get("key") for r in relations for p in r.findall("property")}
    assert 'conventions = "conventions.md"' in (out / "archi.toml").read_text(encoding="utf-8")


def test_every_relation_is_there_as_the_export_writes_it(tmp_path):
    loaded, out, counts = _convert(tmp_path)
    arch = loaded.architecture
    _, elements, relations = _read(out / archi.MODEL_FILE)
    assert counts["relations"] == len(arch.relations) == len(relations) and counts["unknown_ends"] == 0
    written = sorted((r.get(XSI_TYPE).removeprefix("archimate:").removesuffix("Relationship"), r.get("source"),
                      r.get("target")) for r in relations)
    expected = []
    for r in arch.relations:
        c = relationship_for(r.type, element_type(arch.index[r.source]), element_type(arch.index[r.target]))
        s, t = (r.target, r.source) if c.reversed else (r.source, r.target)
        expected.append((c.type, "id-" + s, "id-" + t))
    assert written == sorted(expected)
    # `uses` is ArchiMate's Serving the other way; the owner field is its `owns` relation
    assert ("Serving", "id-cong-dvc", "id-mot-cua") in written
    assert sum(1 for w in written if w[1] == "id-so-tt") == 3
    assert len({r.get("id") for r in relations}) == len(relations)


def test_the_bare_file_has_the_same_elements_and_relations_and_nothing_else(tmp_path):
    _, out, counts = _convert(tmp_path)
    _, full, full_rels = _read(out / archi.MODEL_FILE)
    _, bare, bare_rels = _read(out / archi.BARE_FILE)
    assert {k: v[:4] for k, v in bare.items()} == {k: v[:4] for k, v in full.items()}
    assert sorted((r.get("source"), r.get("target")) for r in bare_rels) == sorted(
        (r.get("source"), r.get("target")) for r in full_rels)
    assert all(len(v[4]) == 0 for v in bare.values()) and all(len(r) == 0 for r in bare_rels)
    assert counts["archimate_bare_mib"] <= counts["archimate_mib"]


def test_an_unknown_reference_is_written_as_it_is_and_a_seeded_one_breaks_one_relationship(tmp_path):
    files = dict(MODEL)
    files["t001/ung-dung.yaml"] = files["t001/ung-dung.yaml"].replace("uses: [cong-dvc]", "uses: [cong-dvc, khong-co]")
    _, out, counts = _convert(tmp_path, files)
    assert counts["unknown_ends"] == 1
    _, _, relations = _read(out / archi.MODEL_FILE)
    assert any(r.get("source") == "id-khong-co" and r.get("target") == "id-mot-cua" for r in relations)
    broken, rid = archi.seed_broken(out / archi.MODEL_FILE)
    _, _, after = _read(broken)
    changed = [(a.get("id"), b.get("target")) for a, b in zip(relations, after) if a.get("target") != b.get("target")]
    assert changed == [(rid, archi.MISSING_ID)]


def _bench(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "benchmarks" / "archi.py"), *args], capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})})


def test_without_archi_cli_the_benchmark_says_how_to_install_it(tmp_path):
    root = write_model(tmp_path / "m", MODEL)
    assert _bench("--help").returncode == 0
    out = _bench(str(root), "--out", str(tmp_path / "a"), "--run", "--archi", str(tmp_path / "nowhere"))
    assert out.returncode == 2
    assert "archi-cli not found" in out.stderr and "pip install archi-cli==0.4.0" in out.stderr
    assert "Traceback" not in out.stderr
    with pytest.raises(archi.ArchiMissing, match="python3.12 -m venv"):
        archi.archi_command(tmp_path / "nowhere")
    run = subprocess.run([sys.executable, str(REPO / "benchmarks" / "run.py"), "--sizes", "1000", "--archi",
                          str(tmp_path / "nowhere")], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    assert run.returncode == 2 and "pip install archi-cli==0.4.0" in run.stderr and "Traceback" not in run.stderr
    assert not run.stdout  # refused before generating anything
    # converting alone needs no archi-cli
    done = _bench(str(root), "--out", str(tmp_path / "a"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "a" / archi.MODEL_FILE).is_file()


def _archi_cli() -> list[str]:
    """archi-cli: $ARCHI_CLI or `archi` on the PATH, else the environment `scripts/setup.sh --test` makes."""
    try:
        return archi.archi_command(None)
    except archi.ArchiMissing:
        pass
    local = REPO / ".venv-archi"
    if (local / "bin" / "archi").is_file():
        return archi.archi_command(local)
    pytest.skip("archi-cli not installed ($ARCHI_CLI, archi on the PATH, or .venv-archi from scripts/setup.sh --test, "
                "which needs a Python >= 3.12)")


def test_archi_cli_accepts_the_converted_model_and_rejects_a_broken_reference(tmp_path):
    cmd = _archi_cli()
    _, out, counts = _convert(tmp_path)
    for path in (out / archi.MODEL_FILE, out / archi.BARE_FILE):
        ok = archi.accept(path, cmd, counts)
        assert ok["outcome"] == "valid" and ok["warnings"] == 0
        assert archi.MISSING_ID in ok["broken"]


def test_archi_cli_reports_the_unknown_reference_kientruc_reports(tmp_path):
    cmd = _archi_cli()
    files = dict(MODEL)
    files["t001/ung-dung.yaml"] = files["t001/ung-dung.yaml"].replace("uses: [cong-dvc]", "uses: [cong-dvc, khong-co]")
    _, out, _ = _convert(tmp_path, files)
    r = archi.validate(out / archi.MODEL_FILE, cmd)
    assert r["outcome"] == "invalid" and r["errors"] == 1 and "id-khong-co" in r["first"]
    assert shutil.which(cmd[0]) or Path(cmd[0]).is_file()
