"""The Quảng Trị architecture in architecture/ loads and checks clean."""

from __future__ import annotations

import json

from conftest import REPO


def test_quang_tri_architecture_checks_clean(run_cli):
    result = run_cli(["check", str(REPO / "architecture"), "--format", "json"])
    report = json.loads(result.output)
    # Clean = no error and no warning; info findings (advice such as ARCH004 framework-superseded,
    # and what the model does not know yet) may remain.
    serious = [f for f in report["findings"] if f["severity"] != "info"]
    assert serious == [], serious
    assert result.exit_code == 0
    assert report["elements"] > 0


def test_committed_schemas_are_current(run_cli):
    for args, name in ((["schema"], "kientruc.schema.json"), (["schema", "--manifest"], "kientruc-manifest.schema.json")):
        result = run_cli(args)
        committed = (REPO / "architecture" / name).read_text(encoding="utf-8")
        assert result.output == committed, f"architecture/{name} is stale: run `kientruc {' '.join(args)} -o architecture/{name}`"
