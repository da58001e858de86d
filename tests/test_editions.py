"""Architecture editions and the verdict: the model judged on a day against the framework in force then,
and against the framework its edition in force was written against (issue 14, item 1).

Models of provinces other than Quảng Trị, checked at several days through the CLI, as an official would:
Sơn La (three editions: 1.0, 2.0 of QĐ 3039/QĐ-UBND 12/12/2019, a draft 3.0) and the merged Gia Lai
(QĐ 3388/QĐ-UBND 31/12/2025, written against QĐ 3090/QĐ-BKHCN); facts from
shared/reference/national-framework.md §1.1–§1.2. Sơn La's v1.0 decision was not found: the model says so.
"""

from __future__ import annotations

import json
import textwrap

import pytest

from conftest import write_model

SON_LA_MANIFEST = """\
    province: Sơn La
    province_en: Son La province
    architecture:
      name: Kiến trúc Chính quyền điện tử tỉnh Sơn La
    editions:
      - version: "1.0"
        title: Kiến trúc Chính quyền điện tử tỉnh Sơn La, phiên bản 1.0
        approved_by: qd-kien-truc-son-la-v1
        date: 2017-06-30
        profile: vn-egov-1.0
      # QĐ 3039/QĐ-UBND (12/12/2019) is listed as a v2.0 architecture; it precedes QĐ 2323/QĐ-BTTTT by 19 days
      - version: "2.0"
        title: Kiến trúc Chính quyền điện tử tỉnh Sơn La, phiên bản 2.0
        title_en: Son La provincial e-government architecture, version 2.0
        approved_by: qd-3039-2019-ubnd
        date: 2019-12-12
        profile: vn-egov-2.0
      - version: "3.0"
        title: Khung kiến trúc số tỉnh Sơn La (dự thảo)
        approved_by: draft
        date: 2026-09-01
        profile: vn-digital-nation-2025
    """

SON_LA_FILES = {
    "van-ban.yaml": """\
        - id: ubnd-tinh-son-la
          kind: organization
          name: Ủy ban nhân dân tỉnh Sơn La
          org_type: government
          admin_level: tinh
        - id: qd-kien-truc-son-la-v1
          kind: legal_document
          name: Quyết định phê duyệt Kiến trúc Chính quyền điện tử tỉnh Sơn La, phiên bản 1.0
          number: "…/QĐ-UBND"
          doc_type: quyet_dinh
          date: 2017-06-30
          issuer: Ủy ban nhân dân tỉnh Sơn La
          sources: [{title: "Số và ngày quyết định chưa tìm thấy", confidence: unverified}]
          assumptions:
            - Số và ngày quyết định phê duyệt phiên bản 1.0 chưa tìm thấy; ngày 30/6/2017 là giả định.
        - id: qd-3039-2019-ubnd
          kind: legal_document
          name: Quyết định phê duyệt Kiến trúc Chính quyền điện tử tỉnh Sơn La, phiên bản 2.0
          number: 3039/QĐ-UBND
          doc_type: quyet_dinh
          date: 2019-12-12
          issuer: Ủy ban nhân dân tỉnh Sơn La
        """,
}

GIA_LAI_MANIFEST = """\
    province: Gia Lai
    architecture:
      name: Khung kiến trúc số tỉnh Gia Lai
    editions:
      - version: "1.0"
        title: Khung kiến trúc số tỉnh Gia Lai
        approved_by: qd-3388-2025-ubnd
        date: 2025-12-31
        province: tỉnh Gia Lai (sau hợp nhất ngày 1/7/2025)
        profile: vn-digital-nation-2025
    """

GIA_LAI_FILES = {
    "van-ban.yaml": """\
        - id: ubnd-tinh-gia-lai
          kind: organization
          name: Ủy ban nhân dân tỉnh Gia Lai
          org_type: government
          admin_level: tinh
        - id: qd-3388-2025-ubnd
          kind: legal_document
          name: Quyết định ban hành Khung kiến trúc số tỉnh Gia Lai
          number: 3388/QĐ-UBND
          doc_type: quyet_dinh
          date: 2025-12-31
          issuer: Ủy ban nhân dân tỉnh Gia Lai
        """,
}


@pytest.fixture
def son_la(tmp_path):
    return write_model(tmp_path / "son-la", SON_LA_FILES, SON_LA_MANIFEST)


def _verdict(run_cli, root, *args):
    result = run_cli(["check", str(root), "--format", "json", *args])
    return result.exit_code, json.loads(result.output)


def _text(run_cli, root, *args):
    result = run_cli(["check", str(root), *args])
    lines = result.output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(("Kết luận", "Verdict")))
    return result.exit_code, lines[start:]


# --------------------------------------------------------------------------- the day decides


@pytest.mark.parametrize(
    "day, in_force, edition, edition_profile",
    [
        ("2018-06-01", "vn-egov-1.0", "1.0", "vn-egov-1.0"),  # v1.0 under framework 1.0
        ("2019-12-20", "vn-egov-1.0", "2.0", "vn-egov-2.0"),  # v2.0 approved; framework 2.0 not issued yet
        ("2020-06-01", "vn-egov-2.0", "2.0", "vn-egov-2.0"),
        ("2024-06-01", "vn-egov-3.0", "2.0", "vn-egov-2.0"),
        ("2026-12-03", "vn-digital-nation-2025", "2.0", "vn-egov-2.0"),  # the draft 3.0 is not in force
    ],
)
def test_the_verdict_names_the_framework_and_the_edition_in_force(run_cli, son_la, day, in_force, edition,
                                                                     edition_profile):
    code, report = _verdict(run_cli, son_la, "--as-of", day)
    v = report["verdict"]
    assert v["as_of"] == day and v["framework_in_force"] == in_force
    assert v["edition"]["version"] == edition and v["edition"]["profile"] == edition_profile
    roles = [(j["role"], j["profile"]) for j in v["profiles"]]
    expected = [("in_force", in_force)] + ([("edition", edition_profile)] if edition_profile != in_force else [])
    assert roles == expected
    # the machine-readable report says which profile decided, and the exit code is that check's
    assert report["profile"] == in_force and code == v["profiles"][0]["exit_code"] == report["exit_code"]


def test_the_text_verdict_in_vietnamese_and_english(run_cli, son_la):
    _, vi = _text(run_cli, son_la, "--as-of", "2026-12-03")
    assert vi[0].startswith("Kết luận ngày 03/12/2026: Theo Quyết định 3090/QĐ-BKHCN")
    assert "(có hiệu lực vào ngày 03/12/2026)" in vi[0]
    assert "; theo khung của phiên bản kiến trúc 2.0 (Quyết định 2323/QĐ-BTTTT): " in vi[0]
    assert vi[1].startswith("Phiên bản kiến trúc có hiệu lực: 2.0 của Sơn La, phê duyệt tại văn bản số "
                            "3039/QĐ-UBND ngày 12/12/2019")
    assert any(line.startswith("Chưa có phiên bản kiến trúc nào xây dựng theo khung đang có hiệu lực: "
                               "Khung kiến trúc tổng thể quốc gia số (Quyết định 3090/QĐ-BKHCN") for line in vi)
    assert not any("vn-digital-nation-2025" in line for line in vi[1:])  # a framework by its title, not its key
    assert any(line.startswith("Đang dự thảo: phiên bản 3.0 (ngày 01/09/2026)") for line in vi)

    _, en = _text(run_cli, son_la, "--as-of", "2026-12-03", "--lang", "en")
    assert en[0].startswith("Verdict on 2026-12-03: Against Decision 3090/QĐ-BKHCN and Official Letter 2943/CĐSQG-CNCPS")
    assert "; against the framework of the architecture's edition 2.0 (Decision 2323/QĐ-BTTTT): " in en[0]
    assert en[1].startswith("Edition in force: 2.0 of Son La province, approved by document 3039/QĐ-UBND of 2019-12-12")


def test_before_the_first_edition_the_model_is_read_against_it(run_cli, son_la):
    _, lines = _text(run_cli, son_la, "--as-of", "2017-01-01")
    assert lines[1].startswith("Chưa có phiên bản kiến trúc nào có hiệu lực vào ngày 01/01/2017; mô hình được đọc "
                               "theo phiên bản đầu tiên, 1.0 của Sơn La")
    _, report = _verdict(run_cli, son_la, "--as-of", "2017-01-01")
    assert report["verdict"]["edition"]["in_force"] is False


def test_an_edition_written_against_the_framework_in_force_gives_one_verdict(run_cli, tmp_path):
    root = write_model(tmp_path / "gia-lai", GIA_LAI_FILES, GIA_LAI_MANIFEST)
    _, lines = _text(run_cli, root, "--as-of", "2026-06-01")
    assert lines[0].startswith("Kết luận ngày 01/06/2026: Theo Quyết định 3090/QĐ-BKHCN và Công văn "
                               "2943/CĐSQG-CNCPS (có hiệu lực vào ngày 01/06/2026, cũng là khung của phiên bản kiến trúc)")
    assert "theo khung của phiên bản kiến trúc 1.0" not in lines[0]
    assert lines[1].startswith("Phiên bản kiến trúc có hiệu lực: 1.0 của tỉnh Gia Lai (sau hợp nhất ngày 1/7/2025), "
                               "phê duyệt tại văn bản số 3388/QĐ-UBND ngày 31/12/2025")
    assert not any("Chưa có phiên bản kiến trúc nào xây dựng theo khung" in line for line in lines)
    # the day before its approval no edition is in force yet
    _, report = _verdict(run_cli, root, "--as-of", "2025-12-30")
    assert report["verdict"]["edition"]["in_force"] is False


# --------------------------------------------------------------------------- which check decides


def test_the_exit_code_is_the_framework_in_force_s_and_profile_overrides(run_cli, tmp_path):
    # Only SEC004 is kept, as an error. It applies under QĐ 3090 and not under framework 2.0:
    # today the framework in force fails the model while the edition's own framework passes it.
    manifest = textwrap.dedent(SON_LA_MANIFEST) + textwrap.dedent("""\
        validation:
          rules: {architecture: off, documents: off, governance: off, integration: off, structure: off,
                  tthc: off, SEC004: error}
        """)
    root = write_model(tmp_path / "son-la", SON_LA_FILES, manifest)
    code, report = _verdict(run_cli, root, "--as-of", "2026-12-03")
    first, second = report["verdict"]["profiles"]
    assert (first["profile"], first["exit_code"], second["profile"], second["exit_code"]) == (
        "vn-digital-nation-2025", 1, "vn-egov-2.0", 0)
    assert code == 1
    _, lines = _text(run_cli, root, "--as-of", "2026-12-03")
    assert ": không đạt (1 lỗi, " in lines[0] and "(Quyết định 2323/QĐ-BTTTT): đạt (0 lỗi, " in lines[0]

    # --profile wins: that profile alone decides, and the verdict says it was chosen
    code, report = _verdict(run_cli, root, "--as-of", "2026-12-03", "--profile", "vn-egov-2.0")
    assert code == 0 and report["profile"] == "vn-egov-2.0"
    assert [(j["role"], j["profile"]) for j in report["verdict"]["profiles"]] == [("chosen", "vn-egov-2.0")]
    _, lines = _text(run_cli, root, "--as-of", "2026-12-03", "--profile", "vn-egov-2.0")
    assert lines[0] == ("Kết luận ngày 03/12/2026: Theo khung được chọn Quyết định 2323/QĐ-BTTTT (vn-egov-2.0): "
                        "đạt (0 lỗi, 0 cảnh báo, 0 thông tin).")


def test_compliance_reports_both_frameworks(run_cli, son_la):
    result = run_cli(["compliance", str(son_la), "--as-of", "2026-12-03"])
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("Kết luận ngày 03/12/2026: Theo Quyết định 3090/QĐ-BKHCN")
    assert "điểm tuân thủ" in out.splitlines()[0]
    framework = [line for line in out.splitlines() if line.startswith("Khung kiến trúc: ")]  # by title, then id
    assert len(framework) == 2 and "(vn-digital-nation-2025)" in framework[0] and "(vn-egov-2.0)" in framework[1]
    data = json.loads(run_cli(["compliance", str(son_la), "--as-of", "2026-12-03", "--format", "json"]).output)
    assert data["profile"]["id"] == "vn-digital-nation-2025"
    assert [r["profile"]["id"] for r in data["also"]] == ["vn-egov-2.0"]
    assert data["verdict"]["edition"]["version"] == "2.0"


def test_sarif_and_junit_carry_the_profiles_and_the_edition(run_cli, son_la, tmp_path):
    sarif = json.loads(run_cli(["check", str(son_la), "--as-of", "2026-12-03", "--format", "sarif"]).output)
    props = sarif["runs"][0]["properties"]
    assert props["profile"] == "vn-digital-nation-2025"
    assert props["verdict"]["edition"]["approved_by"] == "qd-3039-2019-ubnd"
    assert [j["role"] for j in props["verdict"]["profiles"]] == ["in_force", "edition"]
    junit = run_cli(["check", str(son_la), "--as-of", "2026-12-03", "--format", "junit"]).output
    assert 'name="edition" value="2.0"' in junit and 'name="edition_profile" value="vn-egov-2.0"' in junit
    assert 'name="framework_in_force" value="vn-digital-nation-2025"' in junit


# --------------------------------------------------------------------------- the old form, broken editions


def test_the_one_edition_manifest_still_works_with_a_located_notice(run_cli, tmp_path):
    manifest = """\
        province: Sơn La
        architecture:
          name: Kiến trúc Chính quyền điện tử tỉnh Sơn La
          version: "2.0"
          approved_by: qd-3039-2019-ubnd
          approved_on: 2019-12-12
        profile: vn-egov-2.0
        """
    root = write_model(tmp_path / "old", SON_LA_FILES, manifest)
    new = write_model(tmp_path / "new", SON_LA_FILES, SON_LA_MANIFEST)
    result = run_cli(["check", str(root), "--as-of", "2020-06-01", "--lang", "en"])
    assert f"{root}/architecture.yaml:4:3: note LOAD015 [single-edition-manifest]" in result.output
    assert "hint: record the editions over time instead: 'editions:'" in result.output
    assert 'editions: [{version: "2.0", title: Kiến trúc Chính quyền điện tử tỉnh Sơn La, ' \
           "approved_by: qd-3039-2019-ubnd, date: 2019-12-12, profile: vn-egov-2.0}]" in result.output
    # read as one edition: the same findings as the editions form on a day the same edition is in force
    old_code, old = _verdict(run_cli, root, "--as-of", "2020-06-01")
    new_code, new_report = _verdict(run_cli, new, "--as-of", "2020-06-01")
    assert old_code == new_code
    # … but for the v1.0 decision, which no edition names in the old form: an isolated element there
    assert sorted((f["code"], f["element"]) for f in old["findings"]) == sorted(
        [(f["code"], f["element"]) for f in new_report["findings"]] + [("STR006", "qd-kien-truc-son-la-v1")])
    assert old["verdict"]["edition"]["version"] == "2.0" and old["verdict"]["edition"]["implicit"] is True
    assert [n["code"] for n in old["notices"]] == ["LOAD015"]


def _editions(*items: str) -> str:
    head = "province: Sơn La\narchitecture:\n  name: Kiến trúc Chính quyền điện tử tỉnh Sơn La\neditions:\n"
    return head + "".join(textwrap.dedent(item) for item in items)


V1 = """\
  - version: "1.0"
    title: Phiên bản 1.0
    approved_by: qd-kien-truc-son-la-v1
    date: 2017-06-30
    profile: vn-egov-1.0
"""


@pytest.mark.parametrize(
    "name, manifest, line, message",
    [
        ("unknown profile", _editions(V1, """\
          - version: "2.0"
            title: Phiên bản 2.0
            approved_by: qd-3039-2019-ubnd
            date: 2019-12-12
            profile: vn-egov-2"""), 14, "LOAD008 [unknown-profile] unknown framework profile 'vn-egov-2'"),
        ("same day", _editions(V1, """\
          - version: "2.0"
            title: Phiên bản 2.0
            approved_by: qd-3039-2019-ubnd
            date: 2017-06-30
            profile: vn-egov-2.0"""), 13, "LOAD016 [invalid-edition] editions 1.0 and 2.0 are both approved on 2017-06-30"),
        ("overlapping", _editions("""\
          - version: "1.0"
            title: Phiên bản 1.0
            approved_by: qd-kien-truc-son-la-v1
            date: 2017-06-30
            until: 2020-12-31
            profile: vn-egov-1.0
        """, """\
          - version: "2.0"
            title: Phiên bản 2.0
            approved_by: qd-3039-2019-ubnd
            date: 2019-12-12
            profile: vn-egov-2.0"""), 9, "LOAD016 [invalid-edition] edition 1.0 is in force until 2020-12-31, "
                                         "but edition 2.0 replaces it on 2019-12-12: their days overlap"),
        ("unknown decision", _editions(V1, """\
          - version: "2.0"
            title: Phiên bản 2.0
            approved_by: qd-3039-2019
            date: 2019-12-12
            profile: vn-egov-2.0"""), 12, "LOAD016 [invalid-edition] edition 2.0 is approved by 'qd-3039-2019', "
                                          "which is no element of the model"),
        ("decision not a legal document", _editions(V1, """\
          - version: "2.0"
            title: Phiên bản 2.0
            approved_by: ubnd-tinh-son-la
            date: 2019-12-12
            profile: vn-egov-2.0"""), 12, "which is a organization, not a legal_document"),
        ("both forms", _editions(V1).replace("architecture:\n", "profile: vn-egov-1.0\narchitecture:\n"), 2,
         "LOAD016 [invalid-edition] 'profile' is written beside 'editions:'"),
    ],
)
def test_broken_editions_are_refused_with_their_place(run_cli, tmp_path, name, manifest, line, message):
    root = write_model(tmp_path / "m", SON_LA_FILES, manifest)
    result = run_cli(["check", str(root), "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"{root}/architecture.yaml:{line}:" in result.output
    found = next(x for x in result.output.splitlines() if f"architecture.yaml:{line}:" in x)
    assert message in found
    assert "hint: " in result.output
    # the clean twin: the same model with the two editions written right loads and is checked
    assert run_cli(["check", str(write_model(tmp_path / "ok", SON_LA_FILES, SON_LA_MANIFEST))]).exit_code in (0, 1)


# --------------------------------------------------------------------------- the site


def test_the_site_leads_with_the_verdict(run_cli, son_la, tmp_path):
    import html
    import re

    from kientruc.renderers.diagrams import dot_executable

    if dot_executable() is None:
        pytest.skip("Graphviz (dot) is not installed")
    out = tmp_path / "site"
    result = run_cli(["build", str(son_la), "--out", str(out), "--as-of", "2026-12-03", "--no-docx"])
    assert result.exit_code == 0, result.output

    def ruling(page: str) -> str:
        text = (out / page).read_text(encoding="utf-8")
        found = re.search(r'<section class="ruling[^"]*" id="verdict">(.*?)</section>', text, re.S)
        assert found, page
        return html.unescape(re.sub(r"<[^>]+>", "", found.group(1)))

    home = ruling("index.html")
    assert "Kết luận ngày 03/12/2026: Theo Quyết định 3090/QĐ-BKHCN" in home
    assert "theo khung của phiên bản kiến trúc 2.0 (Quyết định 2323/QĐ-BTTTT)" in home
    assert "Phiên bản kiến trúc có hiệu lực: 2.0 của Sơn La" in home
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.index('id="verdict"') < index.index('class="identity"')  # the front page leads with it
    assert "Theo Quyết định 3090/QĐ-BKHCN" in ruling("compliance.html")
