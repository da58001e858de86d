"""Every rule against its cases: tests/rules/<CODE>/{fail,pass}/ and expected.yaml (see tests/rules/README.md)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml

import kientruc
from _rulecases import RULES_DIR, case_codes
from kientruc.validators import registry


def _check(folder: Path, chk: dict):
    day = chk["as_of"] if isinstance(chk["as_of"], dt.date) else dt.date.fromisoformat(str(chk["as_of"]))
    result = kientruc.check(folder, as_of=day, profile=chk.get("profile"))
    broken = [f"{f.code} {f.location} {f.message}" for f in result.findings if f.fatal or f.internal]
    assert not broken, f"{folder} on {day}: {broken}"
    return result


def _at(folder: Path, f) -> str:
    loc = f.location
    return f"{os.path.relpath(os.path.abspath(loc.file), folder)}:{loc.line}" if loc else "-"


def test_every_rule_has_its_cases():
    missing = [code for code in registry() if not (RULES_DIR / code / "expected.yaml").is_file()]
    assert not missing, f"rules without tests/rules/<CODE>/: {missing}"
    unknown = [code for code in case_codes() if code not in registry()]
    assert not unknown, f"case folders for no rule: {unknown}"


@pytest.mark.parametrize("code", case_codes())
def test_rule_case(code):
    base = RULES_DIR / code
    expected = yaml.safe_load((base / "expected.yaml").read_text(encoding="utf-8"))
    assert expected["rule"] == code
    assert any(chk["findings"] for chk in expected["checks"]), "the fail model must fail on some day"
    for chk in expected["checks"]:
        result = _check(base / "fail", chk)
        got = sorted((f.code, f.element, _at(base / "fail", f)) for f in result.findings if f.code == code)
        want = sorted((e["code"], e["element"], e["at"]) for e in chk["findings"])
        assert got == want, f"fail/ on {chk['as_of']} ({chk.get('profile', 'manifest profile')})"
    for chk in expected.get("pass_checks", expected["checks"]):
        result = _check(base / "pass", chk)
        found = [f"{f.element}: {f.message}" for f in result.findings if f.code == code]
        assert not found, f"pass/ on {chk['as_of']} ({chk.get('profile', 'manifest profile')}): {found}"
