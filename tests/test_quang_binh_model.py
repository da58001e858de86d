"""The Quảng Bình model in provinces/quang-binh/ (until 30/6/2025): it loads and checks at its days,
every element is sourced or marked assumed, no architecture decision is invented, and the key systems
exist with their national connections, under the same national ids as the Quảng Trị model so that
``kientruc merge`` finds the same national nodes.

Checks run through the CLI (``kientruc check`` / ``compliance``); facts are read from the loaded model.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata

import pytest
import yaml

import kientruc
from conftest import REPO

MODEL = REPO / "provinces" / "quang-binh"
DAYS = ["2019-06-01", "2023-06-01", "2025-06-30"]
LAST_DAY = "2025-06-30"  # the last day of tỉnh Quảng Bình (NQ 202/2025/QH15)


@pytest.fixture(scope="module")
def arch():
    loaded = kientruc.load(MODEL)
    assert loaded.ok, [str(f) for f in loaded.findings]
    return loaded.architecture


def _graph(arch, day: str):
    return kientruc.build_graph(arch, dt.date.fromisoformat(day))


def _check(run_cli, day: str | None) -> tuple[int, dict]:
    args = ["check", str(MODEL), "--format", "json"] + (["--as-of", day] if day else [])
    result = run_cli(args)
    assert result.exit_code in (0, 1), result.output  # 2 would be a model that does not load
    return result.exit_code, json.loads(result.output)


# --------------------------------------------------------------------------- loads and checks


@pytest.mark.parametrize("day", DAYS)
def test_model_loads_and_is_checked_at_each_day(run_cli, day):
    code, report = _check(run_cli, day)
    codes = {f["code"] for f in report["findings"]}
    assert not {c for c in codes if c.startswith("LOAD") or c.startswith("STR00")} - {"STR006"}, codes
    # The province existed on these days: the dissolution rule stays silent.
    assert "ORG005" not in codes
    # Its own ownership and relations are dated where their ends are: nothing points out of its period.
    assert not [f for f in report["findings"] if f["code"] == "STR009"]


@pytest.mark.parametrize("day", DAYS)
def test_compliance_runs_at_each_day(run_cli, day):
    result = run_cli(["compliance", str(MODEL), "--as-of", day])
    assert result.exit_code in (0, 1), result.output
    assert "Kiến trúc Chính quyền điện tử tỉnh Quảng Bình" in result.output


def test_today_the_province_no_longer_exists(run_cli):
    code, report = _check(run_cli, None)
    dissolved = [f for f in report["findings"] if f["code"] == "ORG005"]
    assert dissolved and code == 1
    assert "Quảng Trị" in dissolved[0]["message"]


# --------------------------------------------------------------------------- sources and honesty


def test_every_element_has_a_source_or_an_assumption(arch):
    missing = [e.id for e in arch.elements if not e.sources and not e.assumptions]
    assert missing == []


def test_inferred_security_levels_are_marked_as_assumptions(arch):
    unmarked = [
        e.id
        for e in arch.elements
        if getattr(e, "security_level", None) and not e.external and not any("giả định" in a.lower() for a in e.assumptions)
    ]
    assert unmarked == []


def test_no_architecture_decision_is_invented():
    manifest = yaml.safe_load((MODEL / "architecture.yaml").read_text(encoding="utf-8"))
    # No approving decision was found: the only edition is the reconstruction, a draft, and it says so.
    assert [e["approved_by"] for e in manifest["editions"]] == ["draft"]
    assert "Không tìm thấy quyết định phê duyệt" in manifest["editions"][0]["note"]
    # No legal document of the province claims to approve a Kiến trúc CQĐT.
    for path in MODEL.rglob("*.yaml"):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(item, dict) and item.get("kind") == "legal_document":
                assert not re.search(r"kiến trúc", item["name"], re.IGNORECASE), item["id"]


def test_model_files_are_nfc_and_point_editors_at_the_schema():
    for path in sorted(MODEL.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), path
        if path.name != "architecture.yaml":
            depth = len(path.relative_to(MODEL).parts) - 1
            assert text.startswith(f"# yaml-language-server: $schema={'../' * depth}kientruc.schema.json\n"), path
    assert unicodedata.is_normalized("NFC", (MODEL / "README.md").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- key systems and connections


def test_key_systems_exist_on_the_last_day(arch):
    g = _graph(arch, LAST_DAY)
    for element_id in [
        "ubnd-tinh-quang-binh",
        "van-phong-ubnd-tinh-quang-binh",
        "so-khcn-quang-binh",
        "lgsp-quang-binh",
        "he-thong-tthc-quang-binh",
        "cong-dich-vu-cong-quang-binh",
        "qlvb-dh-quang-binh",
        "he-thong-cong-ttdt-quang-binh",
        "trung-tam-du-lieu-quang-binh",
        "ioc-quang-binh",
        "ung-dung-quang-binh-s",
        "cap-huyen-quang-binh",
        "cap-xa-quang-binh",
        "ban-chi-dao-khcn-dmst-cds-quang-binh",
    ]:
        assert element_id in g, element_id
    assert "so-tttt-quang-binh" not in g  # merged into Sở KH&CN on 1/3/2025


def test_national_connections(arch):
    g = _graph(arch, LAST_DAY)
    assert "ndxp" in {r.target for r in g.out("lgsp-quang-binh", "connects_to")}
    assert "truc-lien-thong-van-ban-quoc-gia" in {r.target for r in g.out("qlvb-dh-quang-binh", "connects_to")}
    assert "cong-dvc-quoc-gia" in {r.target for r in g.out("he-thong-tthc-quang-binh", "flows_to")}
    # The national nodes are the Quảng Trị model's, under the same ids and kinds.
    qt = kientruc.load(REPO / "architecture").architecture
    qt_kinds = {e.id: e.kind for e in qt.elements if e.external}
    ours = {e.id: e.kind for e in arch.elements if e.external}
    assert ours and all(qt_kinds.get(i) == k for i, k in ours.items()), {i: (k, qt_kinds.get(i)) for i, k in ours.items()}


def test_history_of_the_department_and_the_steering_bodies(arch):
    before, after = _graph(arch, "2025-02-28"), _graph(arch, "2025-03-01")
    assert "so-tttt-quang-binh" in before and "so-khcn-quang-binh" not in before
    assert "so-khcn-quang-binh" in after and "so-tttt-quang-binh" not in after
    lgsp_owner = lambda g: {r.source for r in g.in_("lgsp-quang-binh", "owns")}  # noqa: E731
    assert lgsp_owner(before) == {"so-tttt-quang-binh"} and lgsp_owner(after) == {"so-khcn-quang-binh"}
    steering = lambda day: sorted(  # noqa: E731
        e.id for e in _graph(arch, day).of_kind("organization") if e.org_type == "steering_committee"
    )
    assert steering("2019-06-01") == ["ban-chi-dao-cntt-quang-binh"]
    assert steering("2023-06-01") == ["ban-chi-dao-cds-quang-binh"]
    assert steering(LAST_DAY) == ["ban-chi-dao-khcn-dmst-cds-quang-binh"]


def test_systems_follow_their_dates(arch):
    early, late = _graph(arch, "2019-06-01"), _graph(arch, "2023-06-01")
    assert "mot-cua-dien-tu-quang-binh-cu" in early and "he-thong-tthc-quang-binh" not in early
    assert "he-thong-tthc-quang-binh" in late and "mot-cua-dien-tu-quang-binh-cu" not in late
    assert "lgsp-quang-binh" not in early  # not sourced before the end of 2020
    assert "ioc-quang-binh" not in late  # first sourced on 1/11/2023
    # From 1/7/2025 the province is gone: only national nodes, laws and the generic users remain.
    left = {e.id for e in _graph(arch, "2025-07-01").elements() if not (e.external or e.kind in {"legal_document", "actor"})}
    assert left == set()
