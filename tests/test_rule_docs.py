"""Rule documentation: every rule documents itself in both languages, its examples do what they
say, and the generated rules reference (docs/rules.md, docs/rules.en.md) matches the registry."""

from __future__ import annotations

import pytest

from _rulecases import check_example, rules_with_examples
from conftest import REPO
from kientruc.validators import registry
from kientruc.validators.reference import rules_markdown


def test_every_rule_has_both_examples():
    missing = [code for code in registry() if code not in rules_with_examples()]
    assert not missing


@pytest.mark.parametrize("code", rules_with_examples())
def test_docstring_examples(tmp_path, code):
    r = registry()[code]
    failing = check_example(tmp_path / "fails", r.example("Fails:"))
    assert not [f for f in failing.findings if f.fatal or f.internal], failing.findings
    assert [f for f in failing.findings if f.code == code], f"{code}: the Fails: example gives no {code} finding"
    passing = check_example(tmp_path / "passes", r.example("Passes:"))
    assert not [f for f in passing.findings if f.fatal or f.internal], passing.findings
    found = [f.message for f in passing.findings if f.code == code]
    assert not found, f"{code}: the Passes: example gives {found}"


def test_rules_have_metadata():
    for code, r in registry().items():
        assert r.title and r.title_vi and r.title != r.title_vi, code
        if r.family not in ("structure", "waiver"):
            assert r.legal_basis, f"{code} has no legal basis"
            assert r.confidence in ("high", "medium", "low"), f"{code} has no confidence"
        for heading in ("Kiểm tra:", "Lý do:", "Checks:", "Why:"):
            assert r.doc_section(heading), f"{code} has an empty {heading}"


@pytest.mark.parametrize("lang,name", [("vi", "rules.md"), ("en", "rules.en.md")])
def test_rules_reference_is_current(lang, name):
    path = REPO / "docs" / name
    flag = " --lang en" if lang == "en" else ""
    assert path.read_text(encoding="utf-8") == rules_markdown(lang), (
        f"docs/{name} is stale: run `kientruc rules --format markdown{flag} -o docs/{name}`"
    )
