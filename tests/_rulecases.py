"""Helpers for the rule tests: run a rule's docstring examples and the tests/rules/<CODE> cases."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

import kientruc
from kientruc.validators import registry

RULES_DIR = Path(__file__).resolve().parent / "rules"

# Docstring examples are checked against this manifest on this day unless their first
# lines say otherwise (`# architecture.yaml: {…}` merged into the manifest, `# as-of: DAY`).
EXAMPLE_MANIFEST = {
    "province": "Lạng Sơn",
    "architecture": {"name": "Kiến trúc số tỉnh Lạng Sơn", "version": "1.0"},
    "profile": "vn-digital-gov-4.0",
}
EXAMPLE_DAY = dt.date(2026, 1, 15)

_HEADER = re.compile(r"^#\s*(architecture\.yaml|as-of):\s*(.*)$")


def split_example(text: str) -> tuple[dict, dt.date, str]:
    """(manifest, day, model YAML) of a docstring example."""
    manifest = yaml.safe_load(yaml.safe_dump(EXAMPLE_MANIFEST))
    day = EXAMPLE_DAY
    lines = text.splitlines()
    while lines and (m := _HEADER.match(lines[0].strip())):
        if m.group(1) == "as-of":
            day = dt.date.fromisoformat(m.group(2).strip())
        else:
            manifest.update(yaml.safe_load(m.group(2)))
        lines.pop(0)
    return manifest, day, "\n".join(lines) + "\n"


def check_example(tmp: Path, text: str):
    manifest, day, model = split_example(text)
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "architecture.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    (tmp / "model.yaml").write_text(model, encoding="utf-8")
    return kientruc.check(tmp, as_of=day)


def rules_with_examples() -> list[str]:
    return [code for code, r in registry().items() if r.example("Fails:") and r.example("Passes:")]


def case_codes() -> list[str]:
    return sorted(p.name for p in RULES_DIR.iterdir() if p.is_dir() and not p.name.startswith("_"))
