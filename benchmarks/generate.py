"""Generate a synthetic national-size architecture as ordinary kientruc model files.

Each province gets its agencies, systems, databases, services, channels,
infrastructure and relations in roughly the proportions of a provincial model;
national platforms are shared. The result checks clean unless defects are
asked for.

    python benchmarks/generate.py OUT --elements 10000 [--defects 5] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

PER_PROVINCE = 300  # elements per province, about what a provincial model holds


class _Dumper(yaml.SafeDumper):
    pass


def _province(p: int, rng: random.Random, budget: int) -> list[dict]:
    pid = f"t{p:03d}"
    els: list[dict] = []

    def add(**el) -> dict:
        els.append(el)
        return el

    add(id=f"{pid}-ubnd", kind="organization", name=f"Ủy ban nhân dân tỉnh số {p}", org_type="government",
        admin_level="tinh")
    n_dept = 20
    depts = [
        add(id=f"{pid}-so-{d:02d}", kind="organization", name=f"Sở chuyên ngành {d} tỉnh số {p}",
            org_type="department", member_of=[f"{pid}-ubnd"])["id"]
        for d in range(n_dept)
    ]
    add(id=f"{pid}-dc", kind="node", name=f"Trung tâm dữ liệu tỉnh số {p}", node_type="data_centre",
        owner=depts[0], security_level=3)
    add(id=f"{pid}-tslcd", kind="network", name=f"Mạng truyền số liệu chuyên dùng tỉnh số {p}",
        network_type="tslcd", owner=depts[0], connects_to=[f"{pid}-dc"], security_level=3)
    add(id=f"{pid}-lgsp", kind="integration_platform", name=f"Nền tảng tích hợp, chia sẻ dữ liệu tỉnh số {p}",
        platform_type="lgsp", owner=depts[0], hosted_on=[f"{pid}-dc"], connects_to=["ndxp"], security_level=3)
    add(id=f"{pid}-cong-dvc", kind="channel", name=f"Cổng dịch vụ công tỉnh số {p}", channel_type="portal",
        serves=["nguoi-dan", "doanh-nghiep"])
    remaining = budget - len(els)
    i = 0
    while remaining > 0:
        owner = rng.choice(depts)
        app = f"{pid}-ud-{i:04d}"
        db = f"{pid}-csdl-{i:04d}"
        svc = f"{pid}-dv-{i:04d}"
        other = f"{pid}-ud-{rng.randrange(max(i, 1)):04d}"
        app_el = {
            "id": app, "kind": "application", "name": f"Hệ thống thông tin nghiệp vụ {i} tỉnh số {p}",
            "owner": owner, "security_level": rng.choice([2, 3]), "hosted_on": [f"{pid}-dc"],
            "integrates_via": [f"{pid}-lgsp"], "accesses": [db], "realizes": [svc],
        }
        if other != app:
            app_el["flows_to"] = [{"target": other, "via": f"{pid}-lgsp", "data": ["hồ sơ"]}]
        add(**app_el)
        add(id=db, kind="database", name=f"Cơ sở dữ liệu chuyên ngành {i} tỉnh số {p}", owner=owner,
            scope="sectoral", hosted_on=[f"{pid}-dc"], security_level=3)
        add(id=svc, kind="public_service", name=f"Dịch vụ công {i} tỉnh số {p}", online_mode="toan_trinh",
            serves=["nguoi-dan"])
        remaining -= 3
        i += 1
    return els


def national() -> list[dict]:
    return [
        {"id": "ndxp", "kind": "integration_platform", "name": "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia",
         "platform_type": "ndxp", "external": True},
        {"id": "nguoi-dan", "kind": "actor", "name": "Người dân", "actor_type": "citizen"},
        {"id": "doanh-nghiep", "kind": "actor", "name": "Doanh nghiệp", "actor_type": "business"},
    ]


def generate(out: Path, elements: int, defects: int = 0, seed: int = 1) -> int:
    """Write about ``elements`` elements under ``out``; returns the number written."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    manifest = {
        "province": "Quốc gia (mô hình tổng hợp)",
        "architecture": {"name": "Kiến trúc tổng hợp để đo hiệu năng", "version": "1.0"},
        "profile": "vn-digital-gov-4.0",
    }
    (out / "architecture.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    written = 0
    files: dict[str, list[dict]] = {"quoc-gia/nen-tang.yaml": national()}
    provinces = max(1, elements // PER_PROVINCE)
    for p in range(provinces):
        els = _province(p, rng, PER_PROVINCE if p < provinces - 1 else elements - PER_PROVINCE * (provinces - 1))
        # split each province into a few files by layer, as architects do
        for layer in ("to-chuc", "ung-dung", "ha-tang"):
            part = [e for e in els if _layer_file(e["kind"]) == layer]
            files[f"t{p:03d}/{layer}.yaml"] = part
    all_els = [e for part in files.values() for e in part]
    for _ in range(defects):
        victim = rng.choice([e for e in all_els if e["kind"] == "application"])
        victim.setdefault("uses", []).append(victim["id"] + "-khong-ton-tai")
    for rel, els in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.dump(els, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
        written += len(els)
    return written


def _layer_file(kind: str) -> str:
    if kind == "organization":
        return "to-chuc"
    if kind in ("node", "network"):
        return "ha-tang"
    return "ung-dung"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--elements", type=int, default=10_000)
    ap.add_argument("--defects", type=int, default=0, help="unknown references to seed")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    n = generate(args.out, args.elements, args.defects, args.seed)
    print(f"wrote {n} elements to {args.out}")


if __name__ == "__main__":
    main()
