"""benchmarks/findings.py --linear: its check of the grouped text report passes on kientruc's report of many
findings (the first screenful in full, then one line per cause with the counts) and fails where it should."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys

from click.testing import CliRunner

from kientruc.cli import cli

from conftest import REPO

_spec = importlib.util.spec_from_file_location("bench_findings", REPO / "benchmarks" / "findings.py")
findings = importlib.util.module_from_spec(_spec)
sys.modules["bench_findings"] = findings
_spec.loader.exec_module(findings)


def _report(tmp_path, n: int, kind: str = "plain") -> str:
    root = tmp_path / "m"
    shutil.copytree(REPO / "architecture", root)
    ids = sorted(set(re.findall(r"(?m)^- id: ([a-z0-9-]+)$", "\n".join(
        p.read_text(encoding="utf-8") for p in root.rglob("*.yaml")))))
    findings._unknowns(root, ids, n, kind)
    out = CliRunner().invoke(cli, ["check", str(root), "--no-cache", "-j", "1", "--lang", "en"])
    assert out.exit_code == 1, out.output[-2000:]
    return out.output


def test_a_report_of_many_unknown_references_is_grouped_with_their_counts(tmp_path):
    text = _report(tmp_path, 1100, "close")
    ok, seen = findings.grouped_report(text, 1100)
    assert ok, seen
    rest = int(re.search(r"then ([\d,]+) in", seen).group(1).replace(",", ""))
    group = re.search(r"(?m)^ +([\d,]+) error STR001 \[unknown-reference\] in 1 file, first at \S*nhieu\.yaml:\d+", text)
    assert group, text[-3000:]
    in_full = sum(" error STR001 [" in ln for ln in text.splitlines() if findings.SCREENFUL_LINE.match(ln))
    assert int(group.group(1).replace(",", "")) + in_full == 1100
    assert len(text.splitlines()) < 200 and rest > 1000
    # a count that does not add up, or one STR001 finding missing, is caught
    wrong = text.replace(group.group(0), group.group(0).replace(group.group(1), f"{int(group.group(1).replace(',', '')) - 1:,}"), 1)
    assert not findings.grouped_report(wrong, 1100)[0]
    assert not findings.grouped_report(text, 1101)[0]


def test_a_report_of_fewer_findings_is_not_grouped_and_the_check_says_so(tmp_path):
    text = _report(tmp_path, 300)
    ok, seen = findings.grouped_report(text, 300)
    assert not ok and "no grouped part" in seen
    assert text.count(" error STR001 [") == 300
