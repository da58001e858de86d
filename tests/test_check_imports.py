"""A cold ``kientruc check`` imports what checking needs and nothing else.

Every module imported is paid for at every start (the check of a small model is mostly its start):
the renderers of diagrams, the site and the document, Jinja2, networkx, python-docx, the views,
the interchange formats and the language server are imported by the commands that use them, not
by ``check``. Checked in a fresh interpreter, as the command runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# the command's click group, as the console script runs it (not through ``cli.main``, whose check leaves the
# process at once when its report is written, before the probe could list the modules)
_PROBE = r"""
import json, sys
from kientruc import _gc
from kientruc.cli import cli
_gc.one_shot()
try:
    cli.main(args=json.loads(sys.argv[1]), prog_name="kientruc", standalone_mode=True)
except SystemExit as exc:
    code = exc.code
print(json.dumps({"exit": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""

NOT_FOR_CHECK = (
    "networkx", "jinja2", "docx", "markdown", "pygls", "lsprotocol",
    "kientruc.renderers.diagrams", "kientruc.renderers.site", "kientruc.renderers.printing",
    "kientruc.renderers.compliance", "kientruc.renderers.consolidation", "kientruc.renderers.diff_report",
    "kientruc.renderers.stats", "kientruc.views", "kientruc.interchange", "kientruc.lsp", "kientruc.query",
    "kientruc.scaffold", "kientruc.merge", "kientruc.diff",
)


def _modules(args: list[str]) -> tuple[int, list[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIENTRUC_")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    p = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(args)], capture_output=True, text=True, env=env,
                       cwd=ROOT, timeout=300)
    last = p.stderr.strip().splitlines()[-1]
    got = json.loads(last)
    return got["exit"], got["modules"]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_check_imports_no_renderer_of_diagrams_site_or_document(fmt, tmp_path):
    code, modules = _modules(["check", "--no-cache", "-j", "1", "--format", fmt, str(ROOT / "architecture")])
    assert code in (0, 1)
    assert "kientruc.validators.rules" in modules and "kientruc.loader" in modules  # it did check
    loaded = [m for m in modules if any(m == n or m.startswith(n + ".") for n in NOT_FOR_CHECK)]
    assert not loaded, f"kientruc check imported what it does not need: {loaded}"
    renderers = {m for m in modules if m.startswith("kientruc.renderers.")}
    assert renderers <= {"kientruc.renderers.reports", "kientruc.renderers.verdict"}, renderers


def test_the_probe_sees_what_a_command_imports(tmp_path):
    """The same probe on ``kientruc diagram``: it does import the diagram renderer (the test above can fail)."""
    out = tmp_path / "overview.dot"
    code, modules = _modules(["diagram", "overview", "-d", str(ROOT / "architecture"), "-f", "dot", "-o", str(out)])
    assert "kientruc.renderers.diagrams" in modules, (code, [m for m in modules if m.startswith("kientruc.")])
