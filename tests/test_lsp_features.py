"""The language server's answers as plain functions (kientruc.lsp.features), on a small model of another
province with an owner, a via, a waiver, a declared view and the manifest's approver: references find each
of them; completion filters ids by the relation table in block, flow and `target:` forms."""

from __future__ import annotations

import copy
import os
from pathlib import Path

from conftest import BASE_MANIFEST, write_model

from kientruc.loader import load
from kientruc.lsp.features import Index, completions, quick_fix, word_at
from kientruc.findings import Finding, Severity

MODEL = {
    "to-chuc.yaml": """\
        - id: ubnd-tinh-son-la
          kind: organization
          name: UBND tỉnh Sơn La
          org_type: government
        - id: so-khcn-son-la
          kind: organization
          name: Sở Khoa học và Công nghệ Sơn La
          org_type: department
        """,
    "ung-dung.yaml": """\
        - id: lgsp-son-la
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Sơn La
          platform_type: lgsp
          owner: so-khcn-son-la
        - id: cong-dvc-son-la
          kind: application
          name: Cổng dịch vụ công tỉnh Sơn La
          owner: so-khcn-son-la
          integrates_via: [lgsp-son-la]
          uses:
            - target: csdl-dan-cu
              via: lgsp-son-la
        - id: csdl-dan-cu
          kind: database
          name: Cơ sở dữ liệu quốc gia về dân cư
          external: true
        """,
}


def _manifest() -> dict:
    m = copy.deepcopy(BASE_MANIFEST)
    m["province"] = "Tỉnh Sơn La"
    m["architecture"]["approved_by"] = "ubnd-tinh-son-la"
    m["waivers"] = [{"rule": "system-not-hosted", "elements": ["cong-dvc-son-la", "lgsp-son-la"],
                     "reason": "Đang thuê dịch vụ", "approved_by": "Công văn 1/STTTT", "expires": "2030-12-31"}]
    m["views"] = [{"id": "tich-hop-son-la", "title": "Tích hợp", "include": {"ids": ["lgsp-son-la"]}}]
    return m


def _index(tmp_path: Path) -> tuple[Path, Index]:
    root = write_model(tmp_path / "m", MODEL, _manifest())
    loaded = load(root, cache=False)
    assert loaded.ok, [f.message for f in loaded.findings]
    return root, Index.of(loaded)


def _line(loc) -> str:
    return Path(os.path.abspath(loc.file)).read_text(encoding="utf-8").splitlines()[loc.line - 1]


def test_references_find_relations_owners_vias_waivers_views_and_the_approver(tmp_path):
    root, index = _index(tmp_path)
    refs = index.references("lgsp-son-la")
    lines = sorted((Path(r.file).name, _line(r).strip()) for r in refs)
    assert lines == sorted([
        ("ung-dung.yaml", "integrates_via: [lgsp-son-la]"),
        ("ung-dung.yaml", "via: lgsp-son-la"),
        ("architecture.yaml", "- lgsp-son-la"),  # the waiver
        ("architecture.yaml", "- lgsp-son-la"),  # the view
    ])
    owners = index.references("so-khcn-son-la")
    assert [(_line(r).strip()) for r in owners] == ["owner: so-khcn-son-la"] * 2
    approver = index.references("ubnd-tinh-son-la")
    assert len(approver) == 1 and _line(approver[0]).strip() == "approved_by: ubnd-tinh-son-la"
    d = index.definition("csdl-dan-cu")
    assert d is not None and _line(d) == "- id: csdl-dan-cu"
    assert index.references("khong-co") == []


def test_hover_summarises_an_element_in_both_languages(tmp_path):
    _, index = _index(tmp_path)
    vi = index.hover("cong-dvc-son-la", "vi")
    en = index.hover("cong-dvc-son-la", "en")
    assert "Cổng dịch vụ công tỉnh Sơn La" in vi and "Chủ quản" in vi and "Sở Khoa học và Công nghệ Sơn La" in vi
    assert "Owner" in en and "Relations out (2)" in en and "`csdl-dan-cu`" in en
    assert "Relations in (1)" in index.hover("csdl-dan-cu", "en")
    assert index.hover("khong-co", "vi") is None


def test_completion_filters_ids_by_the_relation_table_in_every_form(tmp_path):
    _, index = _index(tmp_path)
    arch = index.arch
    app = ["- id: x", "  kind: application", "  name: X"]

    def ids(lines, line, char):
        return {i.label for i in completions(lines, line, char, arch, "vi") if i.what == "id"}

    # owner: only what may own an application (an organization)
    lines = app + ["  owner: "]
    assert ids(lines, 3, len(lines[3])) == {"ubnd-tinh-son-la", "so-khcn-son-la"}
    # integrates_via, flow form: integration platforms, not databases or organizations
    lines = app + ["  integrates_via: [lg"]
    assert ids(lines, 3, len(lines[3])) == {"lgsp-son-la"}
    # block list under `uses:` and a `- target:` mapping: no organization
    lines = app + ["  uses:", "    - "]
    got = ids(lines, 4, len(lines[4]))
    assert "csdl-dan-cu" in got and "ubnd-tinh-son-la" not in got
    lines = app + ["  uses:", "    - target: "]
    assert ids(lines, 4, len(lines[4])) == got
    # the kind decides: a database may not `use` anything the table forbids
    lines = ["- id: y", "  kind: organization", "  name: Y", "  integrates_via: ["]
    assert ids(lines, 3, len(lines[3])) == set()


def test_quick_fix_only_when_the_hint_names_one_edit(tmp_path):
    _, index = _index(tmp_path)
    line = "  integrates_via: [lgsp-son-lla]"
    start = line.index("lgsp")
    f = Finding("STR001", "unknown-reference", Severity.ERROR, "…", hint="did you mean 'lgsp-son-la'?")
    assert quick_fix(f, line, start, index.arch) == ("lgsp-son-lla", "lgsp-son-la")
    none = Finding("STR001", "unknown-reference", Severity.ERROR, "…", hint="define an element with this id")
    assert quick_fix(none, "  uses: [zzzzzz]", 9, index.arch) is None
    assert word_at(line, start + 3) == ("lgsp-son-lla", start, start + len("lgsp-son-lla"))
