"""Findings in the reader's language: one gettext catalogue, rendered at the last moment.

* every message the code writes (``msg("…")``) is in the Vietnamese and the English catalogue, translated,
  with the same placeholders, and the compiled ``.mo`` files are those of the ``.po`` files (scripts/i18n.py);
* the showcase's ``check`` and ``compliance`` hold no English sentence in Vietnamese, and no Vietnamese one
  with ``--lang en`` (today and as of 2018-10-09); broken models and rule cases of several families too;
* a rule's legal basis is its Vietnamese citation in Vietnamese and its English translation with ``--lang en``
  (check, compliance, the rules reference, the site), the same citation in the machine formats;
* what identifies a finding (fingerprints, baselines) is the same in both languages;
* values are written as the language writes them: kinds and keys by their titles, numbers, days, per cent.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kientruc import i18n
from kientruc.findings import Finding, Severity
from kientruc.i18n import Msg, Named, Term, msg

from _language import english_words, model_texts, vietnamese_words
from conftest import write_model

ROOT = Path(__file__).resolve().parent.parent
SHOWCASE = ROOT / "architecture"


def _script():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- the catalogue


def test_every_message_of_the_code_is_in_both_catalogues_and_compiled():
    problems = _script().problems()
    assert problems == [], "\n".join(problems[:30])


def test_a_message_missing_from_one_catalogue_is_reported(tmp_path, monkeypatch):
    script = _script()
    shutil.copytree(script.LOCALE, tmp_path / "locale")
    monkeypatch.setattr(script, "LOCALE", tmp_path / "locale")
    vi = script.load("vi")
    vi.delete("{kind} '{id}' has security level {level}, but no approving decision")
    script.save("vi", vi)
    en = script.load("en")
    en.get("{n} errors").string = ""
    en.get("the national platform").string = "the national platform of {country}"
    script.save("en", en)
    found = "\n".join(script.problems())
    assert "vi: missing \"{kind} '{id}' has security level {level}, but no approving decision\"" in found
    assert "en: '{n} errors': not translated" in found
    assert "en: 'the national platform': placeholders ['country'] differ" in found
    assert "vi: " in found and "is not compiled from the .po" in found  # the .mo is now stale


def test_words_yaml_of_a_branch_is_migrated_again_and_again(tmp_path, monkeypatch):
    script = _script()
    shutil.copytree(script.LOCALE, tmp_path / "locale")
    monkeypatch.setattr(script, "LOCALE", tmp_path / "locale")
    words = tmp_path / "words.yaml"
    words.write_text('diagram:\n  legend: {vi: "Chú giải", en: "Legend"}\n'
                     'site:\n  new_word: {vi: "Từ mới", en: "New word"}\n', encoding="utf-8")
    monkeypatch.setattr(script, "WORDS_YAML", words)
    monkeypatch.setattr(script, "LABELS_YAML", tmp_path / "labels.yaml")
    assert script.migrate(keep=True) == 0
    assert script.load("vi").get("New word", context="site.new_word").string == "Từ mới"
    assert script.load("en").get("New word", context="site.new_word").string == "New word"
    before = [(tmp_path / "locale" / lang / "LC_MESSAGES" / "kientruc.po").read_bytes() for lang in ("vi", "en")]
    assert script.migrate(keep=False) == 0  # again: nothing changes, and the yaml is gone
    after = [(tmp_path / "locale" / lang / "LC_MESSAGES" / "kientruc.po").read_bytes() for lang in ("vi", "en")]
    assert before == after and not words.exists()


def test_kientruc_reads_the_compiled_catalogue_without_babel():
    code = ("import sys; from kientruc import i18n; i18n.render(i18n.msg('error'), 'vi'); "
            "print('babel' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- rendering


def test_values_are_written_as_each_language_writes_them():
    m = msg("{kind} '{id}' has security level {level}, but no approving decision",
            kind=Term("model.kinds", "application"), id="he-thong", level=3)
    assert i18n.render(m, "vi") == "ứng dụng 'he-thong' có cấp độ 3 nhưng chưa có quyết định phê duyệt cấp độ"
    assert i18n.render(m, "en") == "application 'he-thong' has security level 3, but no approving decision"
    assert str(m) == "application 'he-thong' has security level 3, but no approving decision"  # raw keys
    day = msg("it ended on {day}", day=dt.date(2025, 6, 30))
    assert (i18n.render(day, "vi"), i18n.render(day, "en")) == ("thành phần này đã chấm dứt ngày 30/06/2025",
                                                                "it ended on 2025-06-30")
    big = msg("the model holds more than {n} elements; files after this one were not read", n=100000)
    assert "100.000 thành phần" in i18n.render(big, "vi") and "100,000 elements" in i18n.render(big, "en")
    field = msg("missing required field {field}", field=i18n.field("ten_goi_khac"))
    assert "'ten_goi_khac'" in i18n.render(field, "en")  # a key without a label stays a quoted key
    level = msg("missing required field {field}", field=i18n.field("security_level"))
    assert i18n.render(level, "vi") == "thiếu trường bắt buộc Cấp độ an toàn thông tin (security_level)"
    named = Named.of("vn-egov-1.0", vi="Khung 1.0", en="Framework 1.0")
    assert i18n.render(msg("{profile} ({day})", profile=named, day=dt.date(2015, 4, 8)), "en") == "Framework 1.0 (2015-04-08)"
    assert str(msg("{profile} ({day})", profile=named, day=dt.date(2015, 4, 8))) == "vn-egov-1.0 (2015-04-08)"
    conf = msg("it processes personal data (NĐ 85/2016 Điều 7–8) [{confidence}]", confidence=Term("confidence", "verified"))
    assert i18n.render(conf, "vi").endswith("[đã xác minh]") and i18n.render(conf, "en").endswith("[verified]")


def test_numbers_days_and_per_cents_agree_with_babels_cldr_data():
    babel_numbers = pytest.importorskip("babel.numbers")
    babel_dates = pytest.importorskip("babel.dates")
    for n in (0, 7, 1234, 3200, 1234567):
        for lang in ("vi", "en"):
            assert i18n.number(n, lang) == babel_numbers.format_decimal(n, locale=lang)
    for x in (97.9, 100.0, 0.5, 33.3):
        for lang in ("vi", "en"):
            assert i18n.percent(x, lang) == babel_numbers.format_percent(x / 100, "#,##0.#%", locale=lang)
    day = dt.date(2026, 12, 3)
    assert i18n.date(day, "vi") == babel_dates.format_date(day, "dd/MM/y", locale="vi") == "03/12/2026"
    assert i18n.date(day, "en") == day.isoformat()  # English reports write ISO 8601 days (docs/architecture.md)


def test_a_finding_is_written_in_the_language_asked_and_identified_the_same_in_both():
    from kientruc.fingerprint import fingerprint

    m = msg("{kind} '{id}' has no owner on this day", kind=Term("model.kinds", "database"), id="csdl")
    f = Finding("SEC008", "system-owner-missing", Severity.WARNING, m, element="csdl",
                hint=msg("set owner: <organization id>"))
    assert f.text("vi") == "cơ sở dữ liệu 'csdl' chưa có cơ quan chủ quản tại ngày đánh giá"
    assert f.text("en") == "database 'csdl' has no owner on this day"
    assert f.to_dict("vi")["message_id"] == f.to_dict("en")["message_id"] == m.id
    assert f.to_dict("vi")["message_args"] == {"id": "csdl", "kind": "database"}
    assert f.to_dict("vi")["hint"] == "ghi owner: <mã cơ quan chủ quản>"
    assert fingerprint(f) == fingerprint(Finding("SEC008", "system-owner-missing", Severity.WARNING,
                                                 Msg(m.id, m.args), element="csdl"))


# --------------------------------------------------------------------------- the showcase, both languages


def _output(run_cli, root: Path, lang: str, *extra: str) -> str:
    out = ""
    for command in ("check", "compliance"):
        result = run_cli([command, str(root), "--lang", lang, *extra])
        assert result.exit_code in (0, 1), result.output
        out += result.output
    return out


@pytest.mark.parametrize("day", [None, "2018-10-09"], ids=["today", "2018-10-09"])
def test_the_showcase_in_vietnamese_has_no_english_sentence(run_cli, day):
    extra = ("--as-of", day) if day else ()
    out = _output(run_cli, SHOWCASE, "vi", *extra)
    assert "Mức độ tuân thủ khung kiến trúc" in out and "Ngày đánh giá" in out
    assert english_words(out, model_texts(SHOWCASE)) == []
    assert "vn-egov-1.0 —" not in out  # the framework by its title, not its id


@pytest.mark.parametrize("day", [None, "2018-10-09"], ids=["today", "2018-10-09"])
def test_the_showcase_in_english_has_no_vietnamese_sentence(run_cli, day):
    extra = ("--as-of", day) if day else ()
    out = _output(run_cli, SHOWCASE, "en", *extra)
    assert "Compliance with the framework" in out
    assert vietnamese_words(out, model_texts(SHOWCASE)) == []


def test_the_default_language_is_the_models(run_cli, tmp_path):
    root = tmp_path / "m"
    shutil.copytree(SHOWCASE, root)
    vi = run_cli(["check", str(root)]).output
    assert "chưa có quyết định phê duyệt cấp độ" in vi
    manifest = root / "architecture.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace("language: vi\n", "") + "language: en\n"
    manifest.write_text(text, encoding="utf-8")
    en = run_cli(["check", str(root)]).output
    assert "but no approving decision" in en and "chưa có quyết định" not in en


def test_the_detectors_find_what_they_look_for():
    assert [w for w, _ in english_words("ứng dụng 'x' has security level 3, but no approving decision")] == [
        "has", "but"]
    assert english_words("ứng dụng 'the app' (security_level) architecture/a.yaml:3: lỗi SEC007 [has-no-owner]") == []
    assert [w for w, _ in vietnamese_words("the system has no owner (chủ quản) on this day")] == ["chủ", "quản"]
    assert vietnamese_words("see 'hệ thống' (Luật An toàn thông tin mạng 2015, NĐ 85/2016)") == []  # a rule's text
    # a legal basis is translated: one left in Vietnamese on its line is found, citation or not
    assert [w for w, _ in vietnamese_words("    basis: Nghị định 85/2016/NĐ-CP")] == ["Nghị", "định"]
    assert [w for w, _ in vietnamese_words("- Legal basis: Luật An toàn thông tin mạng 2015")][:2] == ["Luật", "toàn"]
    assert vietnamese_words("    basis: Decree 85/2016/NĐ-CP, Article 12") == []
    # a hint and the verdict cite in English too: a Vietnamese citation left there is found
    assert [w for w, _ in vietnamese_words("    hint: list them (QĐ 31/2021/QĐ-TTg Điều 30 khoản 3)")] == ["QĐ", "Điều", "khoản"]
    assert vietnamese_words("    hint: list them (Decision 31/2021/QĐ-TTg, Article 30(3))") == []
    assert [w for w, _ in vietnamese_words("Verdict on 2026-01-01: Against Quyết định 292/QĐ-BKHCN: passes")][:2] == [
        "Quyết", "định"]
    assert [w for w, _ in vietnamese_words("No edition of the architecture: X (Văn bản 1178/BTTTT-THH).")] == ["Văn", "bản"]
    # an output whose every citation kientruc translates: found on any line
    assert vietnamese_words("X  Quyết định 292/QĐ-BKHCN; in force from 2025-03-25") == []
    assert [w for w, _ in vietnamese_words("X  Quyết định 292/QĐ-BKHCN; in force", citations=False)] == ["Quyết", "định"]


# --------------------------------------------------------------------------- legal bases, both languages


def _bases(out: str, label: str) -> set[str]:
    return {line.split(label, 1)[1].strip() for line in out.splitlines() if line.strip().startswith(label)}


def test_every_legal_basis_is_translated_and_the_vietnamese_is_the_citation():
    from kientruc.validators.registry import registry

    cited = {b for r in registry().values() for b in r.legal_basis}
    assert len(cited) > 50
    for basis in cited:
        assert i18n.basis_title(basis, "vi") == basis
        en = i18n.basis_title(basis, "en")
        assert en != basis and vietnamese_words(f"basis: {en}") == [], (basis, en)
    assert i18n.basis_title("Nghị định 85/2016/NĐ-CP, Điều 12", "en") == "Decree 85/2016/NĐ-CP, Article 12"
    assert i18n.basis_title("Quyết định 1562/QĐ-TTg ngày 18/7/2025", "en") == "Decision 1562/QĐ-TTg of 2025-07-18"
    assert i18n.basis_title("a citation no rule makes", "en") == "a citation no rule makes"  # as it is
    assert "legal-basis" not in i18n.words("en")  # not a word by key


def _instruments() -> set[str]:
    from kientruc.frameworks import profiles

    return {t for p in profiles().values() for t in (p.short, p.instrument) if t}


def test_every_frameworks_instrument_is_translated_and_the_vietnamese_is_the_citation():
    instruments = _instruments()
    assert len(instruments) >= 10
    for instrument in instruments:
        assert i18n.basis_title(instrument, "vi") == instrument
        en = i18n.basis_title(instrument, "en")
        assert en != instrument and vietnamese_words(en, citations=False) == [], (instrument, en)
    assert i18n.basis_title("Quyết định 292/QĐ-BKHCN", "en") == "Decision 292/QĐ-BKHCN"
    assert i18n.basis_title("Văn bản 1178/BTTTT-THH", "en") == "Official Letter 1178/BTTTT-THH"
    assert i18n.basis_title("Quyết định 2568/QĐ-BTTTT sửa đổi bởi Quyết định 1729/QĐ-BTTTT", "en") == (
        "Decision 2568/QĐ-BTTTT amended by Decision 1729/QĐ-BTTTT")


def test_an_instrument_the_catalogue_lacks_is_extracted_and_reported(tmp_path, monkeypatch):
    from kientruc import frameworks

    script = _script()
    shutil.copytree(script.LOCALE, tmp_path / "locale")
    monkeypatch.setattr(script, "LOCALE", tmp_path / "locale")
    real = frameworks.profiles()
    p = real["vn-digital-gov-4.0"]
    changed = dict(real, **{p.id: dataclasses.replace(p, short="Quyết định 999/QĐ-BKHCN")})
    monkeypatch.setattr(frameworks, "profiles", lambda: changed)
    assert "Quyết định 999/QĐ-BKHCN" in script.basis_texts()
    found = "\n".join(script.problems())
    assert "the legal basis 'Quyết định 999/QĐ-BKHCN' is not in the catalogue" in found
    assert script.extract() == 0
    assert script.load("vi").get("Quyết định 999/QĐ-BKHCN", context="legal-basis").string == "Quyết định 999/QĐ-BKHCN"
    found = "\n".join(script.problems())
    assert "en: legal-basis 'Quyết định 999/QĐ-BKHCN': not translated" in found


def test_the_profiles_are_listed_in_the_language_asked(run_cli):
    vi = run_cli(["profiles"]).output
    en = run_cli(["profiles", "--lang", "en"]).output
    assert "Quyết định 292/QĐ-BKHCN ngày 25/3/2025" in vi and "Văn bản 1178/BTTTT-THH" in vi
    assert "Decision 292/QĐ-BKHCN of 2025-03-25" in en and "Official Letter 1178/BTTTT-THH" in en
    assert "amended by Decision 1729/QĐ-BTTTT" in en
    assert vietnamese_words(en, citations=False) == []


def _verdict_lines(out: str) -> list[str]:
    return [line for line in out.splitlines()
            if line.startswith(("Verdict on ", "Edition in force: ", "No edition of ", "In preparation: "))]


@pytest.mark.parametrize("day", [None, "2018-10-09"], ids=["today", "2018-10-09"])
def test_the_verdict_names_the_frameworks_in_the_language_asked(run_cli, day):
    extra = ("--as-of", day) if day else ()
    for command in ("check", "compliance"):
        vi = run_cli([command, str(SHOWCASE), "--lang", "vi", *extra]).output
        en = run_cli([command, str(SHOWCASE), "--lang", "en", *extra]).output
        lines = _verdict_lines(en)
        assert lines and "Văn bản 1178/BTTTT-THH" in vi
        assert "(Official Letter 1178/BTTTT-THH)" in "\n".join(lines) and "Văn bản 1178" not in en
        if day is None:
            assert "Decision 3090/QĐ-BKHCN and Official Letter 2943/CĐSQG-CNCPS" in lines[0]
        assert vietnamese_words("\n".join(lines), model_texts(SHOWCASE)) == [], lines
    # the machine formats keep the Vietnamese citation
    vi_json = json.loads(run_cli(["check", str(SHOWCASE), "--format", "json", *extra]).output)
    en_json = json.loads(run_cli(["check", str(SHOWCASE), "--lang", "en", "--format", "json", *extra]).output)
    assert vi_json["verdict"]["profiles"] == en_json["verdict"]["profiles"]
    assert {j["instrument"] for j in en_json["verdict"]["profiles"]} <= _instruments()


@pytest.mark.parametrize("day", [None, "2018-10-09"], ids=["today", "2018-10-09"])
def test_the_legal_bases_are_in_the_language_asked(run_cli, day):
    from kientruc.validators.registry import registry

    cited = {b for r in registry().values() for b in r.legal_basis}
    extra = ("--as-of", day) if day else ()
    vi = run_cli(["check", str(SHOWCASE), "--lang", "vi", *extra]).output
    en = run_cli(["check", str(SHOWCASE), "--lang", "en", *extra]).output
    vi_bases, en_bases = _bases(vi, "căn cứ:"), _bases(en, "basis:")
    assert vi_bases and vi_bases <= cited  # the Vietnamese output cites as the rules do
    assert en_bases == {i18n.basis_title(b, "en") for b in vi_bases} and not en_bases & cited
    assert vietnamese_words(en + _output(run_cli, SHOWCASE, "en", *extra), model_texts(SHOWCASE)) == []
    # the machine formats keep the citation, whatever the language
    vi_json = json.loads(run_cli(["check", str(SHOWCASE), "--lang", "vi", "--format", "json", *extra]).output)
    en_json = json.loads(run_cli(["check", str(SHOWCASE), "--lang", "en", "--format", "json", *extra]).output)
    assert [f["legal_basis"] for f in vi_json["findings"]] == [f["legal_basis"] for f in en_json["findings"]]
    assert {b for f in en_json["findings"] for b in f["legal_basis"]} <= cited


def test_the_rules_reference_gives_the_legal_bases_in_the_language_asked(run_cli):
    vi = run_cli(["rules", "--format", "markdown"]).output
    en = run_cli(["rules", "--lang", "en", "--format", "markdown"]).output
    assert "Nghị định 85/2016/NĐ-CP, Điều 12" in vi and "Decree 85/2016/NĐ-CP, Article 12" in en
    assert "Nghị định 85/2016" not in en
    # the rules' texts may cite a law inside a sentence; their legal basis lines are English
    vi_lines = [line for line in vi.splitlines() if line.startswith("- Căn cứ")]
    en_lines = [line for line in en.splitlines() if line.startswith("- Legal basis: ")]
    assert len(en_lines) == len(vi_lines) > 100
    assert vietnamese_words("\n".join(en_lines)) == []
    for code in ("SEC001", "TTHC006", "ARCH004"):
        text = run_cli(["rules", code, "--lang", "en"]).output
        assert "Legal basis: " in text
        assert vietnamese_words(text.split("\n\n")[1]) == [], text  # the rule's head: title, family, in force, basis
    assert vietnamese_words(run_cli(["rules", "--lang", "en"]).output) == []


# --------------------------------------------------------------------------- broken models, both languages

BAD = ["unknown-kind", "unknown-field", "missing-name", "dangling-reference", "yaml-unclosed-bracket",
       "manifest-missing", "waiver-expired", "relation-not-allowed", "self-reference", "wrong-type-int-out-of-range",
       "id-too-long", "manifest-reserved-view-id"]
RULE_CASES = ["SEC002", "SEC007", "STD001", "ORG004", "TTHC004", "INT003", "ARCH004", "DATA001", "DOC004", "GOV002"]


def _cases() -> list[Path]:
    return [ROOT / "tests" / "bad" / name for name in BAD] + [ROOT / "tests" / "rules" / code / "fail" for code in RULE_CASES]


@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.name if p.parent.name == "bad" else p.parent.name)
def test_broken_models_are_reported_in_either_language(run_cli, tmp_path, case):
    assert case.is_dir(), f"{case} is listed but not in the tree"
    root = tmp_path / "m"
    shutil.copytree(case, root, ignore=shutil.ignore_patterns("expected.yaml"))
    texts = model_texts(root)
    vi = run_cli(["check", str(root), "--lang", "vi"])
    en = run_cli(["check", str(root), "--lang", "en"])
    assert vi.exit_code == en.exit_code
    assert english_words(vi.output, texts) == []
    assert vietnamese_words(en.output, texts) == []
    vi_json = json.loads(run_cli(["check", str(root), "--lang", "vi", "--format", "json"]).output)
    en_json = json.loads(run_cli(["check", str(root), "--lang", "en", "--format", "json"]).output)
    assert vi_json["findings"], "the case must give findings"
    assert [f["message_id"] for f in vi_json["findings"]] == [f["message_id"] for f in en_json["findings"]]
    assert any(a["message"] != b["message"] for a, b in zip(vi_json["findings"], en_json["findings"]))


def test_a_baseline_written_in_one_language_hides_the_findings_in_the_other(run_cli, tmp_path):
    root = tmp_path / "m"
    shutil.copytree(ROOT / "tests" / "rules" / "SEC007" / "fail", root, ignore=shutil.ignore_patterns("expected.yaml"))
    base = tmp_path / "baseline.json"
    assert run_cli(["check", str(root), "--lang", "vi", "--write-baseline", str(base)]).exit_code == 0
    result = run_cli(["check", str(root), "--lang", "en", "--baseline", str(base), "--format", "json"])
    report = json.loads(result.output)
    assert report["baselined"] > 0
    assert [f for f in report["findings"] if f["code"] == "SEC007"] == []


def test_sarif_fingerprints_are_the_same_in_both_languages(run_cli, tmp_path):
    root = write_model(tmp_path / "m", {"a.yaml": "- id: app\n  kind: application\n  name: A\n  uses: [khong-co]\n"})
    prints = {}
    for lang in ("vi", "en"):
        log = json.loads(run_cli(["check", str(root), "--lang", lang, "--format", "sarif"]).output)
        results = log["runs"][0]["results"]
        prints[lang] = [(r["ruleId"], r["partialFingerprints"]) for r in results]
        assert results
    assert prints["vi"] == prints["en"]


# --------------------------------------------------------------------------- the site


def _page_text(path: Path) -> str:
    import html
    import re

    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<(script|style|svg|pre)[\s\S]*?</\1>", " ", text)
    return html.unescape(re.sub(r"<[^>]+>", "\n", text))


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")
def test_the_sites_findings_are_in_the_sites_language(tmp_path):
    from kientruc.pipeline import publication
    from kientruc.renderers.site import build_site

    texts = model_texts(SHOWCASE)
    vi = tmp_path / "vi"
    build_site(publication(SHOWCASE), vi, lang="vi", docx=False)
    pages = [vi / "compliance.html", vi / "rules.html", *sorted((vi / "e").glob("*.html"))]
    found = [(p.name, w, line) for p in pages for w, line in english_words(_page_text(p), texts)]
    assert found == []
    assert "chưa có quyết định phê duyệt cấp độ" in _page_text(vi / "compliance.html")
    en = tmp_path / "en"
    build_site(publication(SHOWCASE), en, lang="en", docx=False)
    page = _page_text(en / "compliance.html")
    assert "but no approving decision" in page and "chưa có quyết định phê duyệt" not in page
    # the frameworks by the instruments that issued them, in the reader's language
    assert "Official Letter 1178/BTTTT-THH of the Ministry of Information and Communications" in page
    assert "Văn bản 1178/BTTTT-THH" not in page
    assert "Văn bản 1178/BTTTT-THH của Bộ Thông tin và Truyền thông" in _page_text(vi / "compliance.html")
    assert "Nghị định 85/2016/NĐ-CP, Điều 12" in _page_text(vi / "rules.html")
    rules_en = _page_text(en / "rules.html")
    assert "Decree 85/2016/NĐ-CP, Article 12" in rules_en and "Nghị định 85/2016" not in rules_en
    element = _page_text(en / "e" / "lgsp-quang-tri.html")  # its findings, with their legal bases
    assert "Decision 1562/QĐ-TTg of 2025-07-18" in element and "Quyết định 1562/QĐ-TTg ngày" not in element
    assert "Quyết định 1562/QĐ-TTg ngày 18/7/2025" in _page_text(vi / "e" / "lgsp-quang-tri.html")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_the_diff_report_is_in_the_language_asked(run_cli, tmp_path, fmt):
    base, head = tmp_path / "base", tmp_path / "head"
    shutil.copytree(ROOT / "tests" / "rules" / "SEC007" / "pass", base, ignore=shutil.ignore_patterns("expected.yaml"))
    shutil.copytree(ROOT / "tests" / "rules" / "SEC007" / "fail", head, ignore=shutil.ignore_patterns("expected.yaml"))
    texts = model_texts(base) + model_texts(head)
    vi = run_cli(["diff", str(base), str(head), "--format", fmt, "--fail-on-new", "info"])
    en = run_cli(["diff", str(base), str(head), "--format", fmt, "--fail-on-new", "info", "--lang", "en"])
    assert vi.exit_code == en.exit_code == 1
    assert "chưa có quyết định phê duyệt cấp độ" in vi.output and "KHÔNG ĐẠT" in vi.output
    assert "but no approving decision" in en.output and "FAILED" in en.output
    assert english_words(vi.output, texts) == []
    assert vietnamese_words(en.output, texts) == []


ALL_RULE_CASES = sorted(p.parent.name for p in (ROOT / "tests" / "rules").glob("*/fail"))


def _case_args(root: Path, code: str) -> list[str]:
    import yaml

    expected = yaml.safe_load((ROOT / "tests" / "rules" / code / "expected.yaml").read_text(encoding="utf-8"))
    case = next(c for c in expected["checks"] if any(f.get("code") == code for f in c.get("findings") or []))
    # the case's profile, else the manifest's (as tests/test_rule_cases.py checks it; `check` alone judges
    # against the framework in force on the day)
    profile = case.get("profile") or (yaml.safe_load((root / "architecture.yaml").read_text(encoding="utf-8")) or {}).get("profile")
    return ["--as-of", str(case["as_of"])] + (["--profile", profile] if profile else [])


@pytest.mark.parametrize("code", ALL_RULE_CASES)
def test_every_rules_failing_case_reads_english(run_cli, tmp_path, code):
    """Messages and hints cite the law in English ("Decree 85/2016/NĐ-CP, Article 9"), and so does the verdict."""
    root = tmp_path / "m"
    shutil.copytree(ROOT / "tests" / "rules" / code / "fail", root, ignore=shutil.ignore_patterns("expected.yaml"))
    out = run_cli(["check", str(root), "--lang", "en", "--fail-on", "info", *_case_args(root, code)]).output
    assert f" {code} [" in out and "hint: " in out
    assert vietnamese_words(out, model_texts(root)) == []


def test_a_province_other_than_the_showcase_reads_english(run_cli):
    root = ROOT / "provinces" / "quang-binh"
    out = _output(run_cli, root, "en")
    assert "hint: " in out and _verdict_lines(out)
    assert vietnamese_words(out, model_texts(root)) == []


@pytest.mark.parametrize("code", ALL_RULE_CASES)
def test_every_rules_failing_case_reads_vietnamese(run_cli, tmp_path, code):
    """A rule whose message is still an English f-string (a branch made before the catalogue) fails here."""
    import yaml

    root = tmp_path / "m"
    shutil.copytree(ROOT / "tests" / "rules" / code / "fail", root, ignore=shutil.ignore_patterns("expected.yaml"))
    expected = yaml.safe_load((ROOT / "tests" / "rules" / code / "expected.yaml").read_text(encoding="utf-8"))
    case = next(c for c in expected["checks"] if any(f.get("code") == code for f in c.get("findings") or []))
    # the case's profile, else the manifest's (as tests/test_rule_cases.py checks it; `check` alone judges
    # against the framework in force on the day)
    profile = case.get("profile") or (yaml.safe_load((root / "architecture.yaml").read_text(encoding="utf-8")) or {}).get("profile")
    extra = ["--as-of", str(case["as_of"])] + (["--profile", profile] if profile else [])
    out = run_cli(["check", str(root), "--lang", "vi", "--fail-on", "info", *extra]).output
    assert f" {code} [" in out
    assert english_words(out, model_texts(root)) == []
