"""A framework edition is a data file (issue 17, item 6): an edition added as a file reaches every rule
of its generation without a change of code; the days of laws come from the catalogue; the default
edition is written once."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

import kientruc
from kientruc import frameworks
from kientruc.validators import registry

from conftest import REPO

RULES = REPO / "kientruc" / "validators" / "rules"


@pytest.fixture
def made_up_edition(tmp_path, monkeypatch):
    """A made-up generation-6 edition, in force from 2027, written as a file in a folder of editions."""
    data = yaml.safe_load((REPO / "kientruc/frameworks/vn-digital-nation-2025.yaml").read_text(encoding="utf-8"))
    data.update(id="vn-test-edition-2027", title="Khung kiến trúc thử nghiệm 2027", title_en="A made-up edition of 2027",
                short="Quyết định thử nghiệm", instrument="Quyết định thử nghiệm (không có thật)",
                issued=dt.date(2027, 1, 1), in_force_from=dt.date(2027, 1, 1), in_force_to=None, generation=6)
    folder = tmp_path / "editions"
    folder.mkdir()
    (folder / "vn-test-edition-2027.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(frameworks.EXTRA_FOLDERS_ENV, str(folder))
    frameworks.profiles.cache_clear()
    yield "vn-test-edition-2027"
    monkeypatch.delenv(frameworks.EXTRA_FOLDERS_ENV)
    frameworks.profiles.cache_clear()


def test_a_new_edition_as_data_reaches_every_rule_family(made_up_edition):
    assert made_up_edition in frameworks.profiles()
    assert frameworks.newest_in_force(dt.date(2027, 3, 1)).id == made_up_edition
    result = kientruc.check(REPO / "architecture", as_of=dt.date(2027, 3, 1), profile=made_up_edition)
    assert result.profile.id == made_up_edition
    families = {r.family for r in registry().values()}
    ran = {registry()[code].family for code in result.rules_run}
    assert ran == families, families - ran
    # the rules of a generation (3.0 and later, 4.0 and later, the 2025 national architecture and later)
    for code in ("ARCH003", "ID001", "SEC004", "DATA001", "INT006"):
        assert code in result.rules_run, code
        assert made_up_edition in registry()[code].editions
    # an older edition does not get a later generation's rules
    old = kientruc.check(REPO / "architecture", as_of=dt.date(2027, 3, 1), profile="vn-egov-2.0")
    assert "INT006" not in old.rules_run and "ID001" not in old.rules_run and "ARCH003" in old.rules_run


def test_rules_name_generations_not_lists_of_editions():
    for path in RULES.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"profiles=\(", text), path
        assert not re.search(r'"vn-(egov|digital)-[^"]*"', text.split('"""', 2)[0] + text.split('"""')[-1]), path


def test_days_of_laws_are_data_not_code():
    for path in RULES.rglob("*.py"):
        code = re.sub(r'"""(.|\n)*?"""', "", path.read_text(encoding="utf-8"))
        assert not re.search(r"dt\.date\(\d{4}", code), f"{path}: a day of a law written in code"
    assert frameworks.law_day("nd-278-2025", "deadline") == dt.date(2026, 12, 31)
    assert registry()["TTHC001"].in_force_from == frameworks.law_day("nd-107-2021")


def test_the_default_edition_is_written_once():
    assert frameworks.default_profile() in frameworks.profiles()
    hits = [p for p in (REPO / "kientruc").rglob("*.py")
            if re.search(r'= "vn-(egov|digital)-[^"]*"', p.read_text(encoding="utf-8"))]
    assert hits == []
