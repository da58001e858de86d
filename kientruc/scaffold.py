"""Start a new architecture: a manifest, a first model file and the editor schemas."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import yaml

from ._io import write_atomic
from .i18n import msg
from .loader import MANIFEST
from .models.base import nfc
from .schema import element_schema, manifest_schema

ELEMENT_SCHEMA = "kientruc.schema.json"
MANIFEST_SCHEMA = "kientruc-manifest.schema.json"


class ScaffoldError(Exception):
    """The folder already holds a model."""


def init(root: Path, province: str, profile: str, title: str | None = None, *, version: str = "1.0") -> list[Path]:
    """Write a minimal, valid model in ``root``; never overwrites an existing file."""
    province = nfc(province.strip())
    manifest_path = root / MANIFEST
    targets = [manifest_path, root / "quan-tri" / "to-chuc.yaml", root / ELEMENT_SCHEMA, root / MANIFEST_SCHEMA]
    existing = [p for p in targets if p.exists()]
    if existing:
        raise ScaffoldError(msg("{file} exists already; {command} never overwrites a file", file=str(existing[0]),
                                command="kientruc init"))
    name = nfc(title or f"Kiến trúc Chính quyền điện tử {province}")
    manifest = {
        "province": province,
        "architecture": {"name": name},
        # the first edition, a draft until a decision approves it (then: approved_by: <legal_document id>)
        "editions": [
            {"version": version.strip() or "1.0", "title": f"{name}, phiên bản {version.strip() or '1.0'}", "approved_by": "draft",
             "date": dt.date.today(), "profile": profile},
        ],
        "language": "vi",
    }
    header = f"# yaml-language-server: $schema={MANIFEST_SCHEMA}\n"
    write_atomic(manifest_path, header + yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False))
    first = [
        {
            "id": "ubnd-tinh",
            "kind": "organization",
            "name": f"Ủy ban nhân dân {province}",
            "org_type": "government",
            "admin_level": "tinh",
            "owns": ["lgsp-tinh"],
            "assumptions": ["Khung khởi tạo bởi `kientruc init`: thay bằng thông tin có nguồn."],
        },
        {
            "id": "lgsp-tinh",
            "kind": "integration_platform",
            "name": f"Nền tảng tích hợp, chia sẻ dữ liệu {province}",
            "platform_type": "lgsp",
            "status": "planned",
        },
    ]
    header = f"# yaml-language-server: $schema=../{ELEMENT_SCHEMA}\n"
    write_atomic(targets[1], header + yaml.safe_dump(first, allow_unicode=True, sort_keys=False))
    write_atomic(targets[2], json.dumps(element_schema(), ensure_ascii=False, indent=2) + "\n")
    write_atomic(targets[3], json.dumps(manifest_schema(), ensure_ascii=False, indent=2) + "\n")
    return targets
