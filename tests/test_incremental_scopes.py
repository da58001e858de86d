"""The scopes ``kinds`` and ``writer`` with ``ids=True`` (``validators/registry.py``, ``SCOPES``): after an edit they keep
a rule's findings, or run it again, as they declare, and each time the findings are what a cold check finds; a
declaration too narrow is caught by the comparison (as ``test_incremental.py`` catches one for scope ``element``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from kientruc import pipeline
from kientruc.incremental import Workspace
import kientruc.validators.rules  # noqa: F401 - every rule registered
from kientruc.validators.registry import _REGISTRY, _check_rule, registry

REPO = Path(__file__).resolve().parents[1]
DAY = dt.date(2025, 11, 1)


def _cold(root: Path, as_of: dt.date | None = None) -> list[dict]:
    return [f.to_dict() for f in pipeline.verdict(root, cache=False, secondary=False, as_of=as_of).primary.result.findings]


def _edit(ws: Workspace, path: Path, text: str) -> list[dict]:
    """The text given to the workspace as an editor would, then saved; the workspace's findings."""
    ws.set_text(path, text)
    path.write_text(text, encoding="utf-8")
    return [f.to_dict() for f in ws.check().findings]


HEAD = ("- id: bi-thu-tinh-uy\n  kind: stakeholder\n  name: Bí thư Tỉnh ủy\n"
        "  member_of: [{target: bcd-khcn-dmst-cds-quang-tri, role: Trưởng ban}]\n")
APP = "- id: ung-dung-moi\n  kind: application\n  name: Ứng dụng mới\n"


def _steering(tmp_path: Path) -> tuple[Path, Workspace]:
    root = tmp_path / "arch"
    shutil.copytree(REPO / "tests" / "rules" / "GOV002" / "fail", root)
    ws = Workspace(root, as_of=DAY)
    assert [f["code"] for f in (x.to_dict() for x in ws.check().findings)].count("GOV002") == 2
    return root, ws


def test_a_rule_of_scope_kinds_keeps_its_findings_after_an_edit_to_another_kind(tmp_path):
    """GOV002 reads organisations and the member_of, composed_of, successors relations at them: an application added
    leaves it as it was (not run), a head of the committee added (a stakeholder, member_of it) runs it again."""
    root, ws = _steering(tmp_path)
    assert _REGISTRY["GOV002"].scope == "kinds"
    path = root / "ung-dung.yaml"
    inc = _edit(ws, path, APP)
    assert inc == _cold(root, DAY)
    assert ws.stats.ran["GOV002"] == 0, ws.stats.ran
    assert [f["code"] for f in inc].count("GOV002") == 2
    inc = _edit(ws, path, APP + HEAD)
    assert inc == _cold(root, DAY)
    assert ws.stats.ran["GOV002"] is None, ws.stats.ran  # on the whole model
    assert [f["code"] for f in inc].count("GOV002") == 1
    inc = _edit(ws, path, APP.replace("Ứng dụng mới", "Ứng dụng mới (sửa)") + HEAD)
    assert inc == _cold(root, DAY) and ws.stats.ran["GOV002"] == 0


def test_a_scope_kinds_declared_too_narrow_is_caught(tmp_path, monkeypatch):
    """Declared without the relation types it reads, GOV002 would keep 'no head' after the head is added: the
    comparison with a cold check sees it."""
    root, ws = _steering(tmp_path)
    monkeypatch.setitem(_REGISTRY, "GOV002", dataclasses.replace(_REGISTRY["GOV002"], types=()))
    inc = _edit(ws, root / "ung-dung.yaml", HEAD)
    cold = _cold(root, DAY)
    assert inc != cold
    assert [f["code"] for f in inc].count("GOV002") == 2 and [f["code"] for f in cold].count("GOV002") == 1


UNKNOWN = ("- id: cong-dich-vu-cong\n  kind: application\n  name: Cổng Dịch vụ công tỉnh\n  integrates_via: [lgsp-tinhh]\n")
LGSP = ("- id: lgsp-tinh\n  kind: integration_platform\n  name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh\n"
        "  platform_type: lgsp\n")


def _references(tmp_path: Path) -> tuple[Path, Workspace]:
    root = tmp_path / "arch"
    shutil.copytree(REPO / "tests" / "rules" / "STR001" / "pass", root)
    for p in root.glob("*.yaml"):
        if p.name != "architecture.yaml":
            p.unlink()
    (root / "ung-dung.yaml").write_text(UNKNOWN, encoding="utf-8")
    (root / "tich-hop.yaml").write_text(LGSP, encoding="utf-8")
    ws = Workspace(root)
    hints = [f.to_dict()["hint"] for f in ws.check().findings if f.code == "STR001"]
    assert len(hints) == 1 and "lgsp-tinh'" in hints[0]
    return root, ws


def test_a_close_id_removed_changes_the_hint_of_an_unknown_reference_elsewhere(tmp_path):
    """STR001 (scope ``writer``, ``ids=True``): the element its hint suggested is deleted in another file; the writer of
    the unknown reference did not change and does not name it, yet its hint is found again."""
    root, ws = _references(tmp_path)
    inc = _edit(ws, root / "tich-hop.yaml", LGSP.replace("lgsp-tinh\n", "lgsp-tinh-moi\n"))
    assert inc == _cold(root)
    hint = next(f["hint"] for f in inc if f["code"] == "STR001")
    assert "lgsp-tinh'" not in hint
    assert ws.stats.ran["STR001"] is not None and ws.stats.ran["STR001"] <= 3, ws.stats.ran
    inc = _edit(ws, root / "tich-hop.yaml", LGSP.replace("Nền tảng", "Nền tảng (sửa)"))
    assert inc == _cold(root) and "lgsp-tinh'" in next(f["hint"] for f in inc if f["code"] == "STR001")


def test_a_rule_whose_hints_read_the_ids_declared_without_ids_is_caught(tmp_path, monkeypatch):
    root, ws = _references(tmp_path)
    monkeypatch.setitem(_REGISTRY, "STR001", dataclasses.replace(_REGISTRY["STR001"], ids=False))
    inc = _edit(ws, root / "tich-hop.yaml", LGSP.replace("lgsp-tinh\n", "lgsp-tinh-moi\n"))
    assert inc != _cold(root)


@pytest.mark.parametrize("fields,problem", [
    ({"scope": "kinds", "kinds": ("applicationz",)}, "kinds applicationz are not element kinds"),
    ({"scope": "kinds", "kinds": ("organization",), "types": ("usesz",)}, "types usesz are not relation types"),
    ({"scope": "kinds", "types": ("uses",)}, "names the kinds at their ends"),
    ({"scope": "element", "kinds": ("organization",)}, "only scope 'kinds' names element kinds"),
    ({"scope": "element", "types": ("uses",)}, "only scopes 'relations' and 'kinds' name relation types"),
    ({"scope": "kinds", "ids": True}, "only scope 'writer'"),
    ({"scope": "relations"}, "names its relation types"),
])
def test_a_scope_declared_wrongly_is_refused_when_the_rule_is_registered(fields, problem):
    r = dataclasses.replace(registry()["GOV002"], code="TST901", name="scope-test", **{"scope": "model", "kinds": (), "types": (), "ids": False, **fields})
    with pytest.raises(RuntimeError, match=problem):
        _check_rule(r)
