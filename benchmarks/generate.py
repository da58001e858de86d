"""Generate a synthetic national-size architecture as ordinary kientruc model files.

The template is the real Quảng Trị model in ``architecture/``. Each synthetic province
(``t001``, ``t002``, …) is a copy of that model's provincial part — its agencies,
administrative units, systems, databases, services, channels, infrastructure, security
measures, roadmap and their history — with ids prefixed (``t007-lgsp-quang-tri``), names
made distinct ("… tỉnh số 7") and every reference rewritten. What is national (laws,
national platforms and databases, central agencies, anything ``external: true``, the
framework's drivers and principles) is written once under ``quoc-gia/`` and shared.

Each province then gets bulk in the proportions of a real province: public services (the
largest group, about half), sectoral systems, databases and data entities, departments,
their units and commune-level units with their public-administration service centres,
APIs on the LGSP, business processes, provincial documents and projects — with the
relations the rules expect (owner, hosted_on the data centre, integrates_via and flows_to
via the LGSP, realizes, accesses, security levels with their approvals, …) and dates that
keep the history checkable (the model as of 9/10/2018 checks as clean as the template).
About 3,000 elements make one province, so 100,000 elements are 33 provinces; smaller
sizes scale the bulk down (the template alone for tiny sizes). Each province is spread
over files by layer (t007/to-chuc.yaml, t007/ung-dung-01.yaml, …), at most FILE_CHUNK
elements a file.

The result checks clean (no error, no warning) under the template's manifest settings
(copied) unless defects are asked for; ``--defects N`` seeds N defects of varied kinds
(DEFECT_KINDS), each found by the rules it names.

    python benchmarks/generate.py OUT --elements 10000 [--defects 5] [--seed 1]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import random
import re
import shutil
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "architecture"

PER_PROVINCE = 3_000
"""Elements per province, template included: about what a whole provincial model holds."""

FILE_CHUNK = 400
"""At most this many elements in one file: architects split big layers over several files."""

RELATIONS = (
    "composed_of", "serves", "uses", "realizes", "accesses", "hosted_on", "connects_to",
    "integrates_via", "flows_to", "owns", "governs", "implements", "complies_with", "protects",
    "influences", "assigned_to", "member_of", "triggers", "supersedes", "successors",
    "associated_with",
)

NATIONAL_KINDS = ("driver", "principle")
"""Kinds that are the framework's, not a province's: written once, shared."""

DROP_FIELDS = ("sources", "assumptions", "description")
"""Fields not copied from the template (each copy gets one generic source instead)."""

SOURCE = "Mô hình tổng hợp sinh từ mô hình tỉnh Quảng Trị (benchmarks/generate.py)"

# one file per layer, as architects split a provincial model
LAYER_FILES = {
    "organization": "to-chuc", "stakeholder": "to-chuc",
    "legal_document": "van-ban",
    "driver": "dong-luc", "goal": "dong-luc", "principle": "dong-luc", "requirement": "dong-luc",
    "actor": "nghiep-vu", "business_function": "nghiep-vu", "business_process": "nghiep-vu",
    "public_service": "dich-vu-cong",
    "channel": "kenh",
    "application": "ung-dung", "application_service": "ung-dung", "interface": "ung-dung",
    "integration_platform": "tich-hop", "shared_service": "tich-hop",
    "database": "du-lieu", "data_entity": "du-lieu",
    "node": "ha-tang", "network": "ha-tang", "device": "ha-tang", "system_software": "ha-tang",
    "security_service": "an-toan", "security_control": "an-toan",
    "plateau": "lo-trinh", "project": "lo-trinh", "work_package": "lo-trinh",
}


class _Dumper(yaml.CSafeDumper):
    """libyaml's emitter; never anchors and aliases (each element is written out in full)."""

    def ignore_aliases(self, data):  # noqa: D102
        return True


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------- the template


@dataclass
class Template:
    """The template split in two: what every province copies, and what the nation shares."""

    national: list[dict]
    provincial: list[dict]
    provincial_ids: frozenset[str]
    national_file: dict[str, str] = field(default_factory=dict)
    """Where each national element is written (a file under quoc-gia/)."""


def _is_national(rel: str, el: dict) -> bool:
    if rel.startswith("quoc-gia/") or rel.endswith("-quoc-gia.yaml"):
        return True
    if el.get("kind") in NATIONAL_KINDS:
        return True
    # an outside element that names no provincial element by id (the merged-in province's
    # organs name their provincial successors: they go with each province)
    return bool(el.get("external")) and "quang-binh" not in el["id"]


MERGED_PARTS = ("quang-binh", "hop-nhat", "ke-hoach-2026-2030")
"""The showcase's merged-province folders (issue 15): not part of the template — Quảng Trị's own files are."""


def load_template(root: Path = TEMPLATE_DIR) -> Template:
    """The template model's elements, split into the national part and the provincial part."""
    national, provincial, where = [], [], {}
    for path in sorted(root.rglob("*.yaml")):
        if path.name == "architecture.yaml":
            continue
        rel = path.relative_to(root).as_posix()
        if rel.split("/", 1)[0] in MERGED_PARTS:
            continue
        for el in yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or []:
            if _is_national(rel, el):
                national.append(el)
                where[el["id"]] = rel if rel.startswith("quoc-gia/") else f"quoc-gia/{Path(rel).stem.replace('-quoc-gia', '')}.yaml"
            else:
                provincial.append(el)
    # relations from Quảng Trị's files into the merged-in parts left out above are left out too
    known = {e["id"] for e in national + provincial}
    for el in national + provincial:
        for key in RELATIONS:
            if isinstance(el.get(key), list):
                el[key] = [i for i in el[key] if (i if isinstance(i, str) else i.get("target")) in known]
                if not el[key]:
                    del el[key]
    return Template(national, provincial, frozenset(e["id"] for e in provincial), where)


def _slim(el: dict) -> dict:
    """A copy of an element without its long texts; one generic source."""
    out = {}
    for k, v in el.items():
        if k in DROP_FIELDS:
            continue
        if k in RELATIONS:
            v = [_slim_rel(item) for item in v]
        out[k] = v
    out["sources"] = [SOURCE]
    return out


def _slim_rel(item):
    if isinstance(item, dict):
        return {k: v for k, v in item.items() if k not in ("sources", "description")}
    return item


_TINH_QT = re.compile(r"([Tt])ỉnh Quảng Trị")
_TINH_QB = re.compile(r"([Tt])ỉnh Quảng Bình")


def _vi_name(name: str, p: int) -> str:
    new = _TINH_QT.sub(rf"\1ỉnh số {p + 1}", name)
    new = _TINH_QB.sub(rf"\1ỉnh sáp nhập vào tỉnh số {p + 1}", new)
    new = new.replace("Quảng Trị", f"tỉnh số {p + 1}").replace("Quảng Bình", f"tỉnh sáp nhập vào tỉnh số {p + 1}")
    new = new.replace("QUANGTRI", f"TINH{p + 1}")
    if new == name:
        new = f"{name} (tỉnh số {p + 1})"
    return _nfc(new)


def _en_name(name: str, p: int) -> str:
    new = name.replace("Quang Tri province", f"province no. {p + 1}").replace("Quang Tri", f"Province no. {p + 1}")
    new = new.replace("Quang Binh", f"the province merged into no. {p + 1}")
    return new if new != name else f"{name} (province no. {p + 1})"


def _province_copy(tpl: Template, p: int) -> list[dict]:
    """The template's provincial part for province ``p``: ids prefixed, references rewritten."""
    pre = _prefix(p)
    ids = tpl.provincial_ids

    def ref(x: str) -> str:
        return pre + x if x in ids else x

    out = []
    for el in tpl.provincial:
        new = _slim(el)
        new["id"] = pre + el["id"]
        new["name"] = _vi_name(el["name"], p)
        if "name_en" in el:
            new["name_en"] = _en_name(el["name_en"], p)
        if "owner" in new:
            new["owner"] = ref(new["owner"])
        for k in RELATIONS:
            if k in new:
                new[k] = [_rewrite(item, ref) for item in new[k]]
        out.append(new)
    return out


def _rewrite(item, ref):
    if isinstance(item, str):
        return ref(item)
    item = dict(item)
    item["target"] = ref(item["target"])
    if "via" in item:
        item["via"] = ref(item["via"])
    return item


def _national(tpl: Template, provinces: int) -> dict[str, list[dict]]:
    """The national elements, once; a relation to a provincial element is repeated for every province."""
    files: dict[str, list[dict]] = {}
    ids = tpl.provincial_ids
    for el in tpl.national:
        new = _slim(el)
        for k in RELATIONS:
            if k not in new:
                continue
            items = []
            for item in new[k]:
                target = item if isinstance(item, str) else item["target"]
                if target not in ids:
                    items.append(item)
                    continue
                for p in range(provinces):
                    pre = _prefix(p)
                    items.append(_rewrite(item, lambda x, pre=pre: pre + x if x in ids else x))
            new[k] = items
        files.setdefault(tpl.national_file[el["id"]], []).append(new)
    return files


def _prefix(p: int) -> str:
    """Id prefix of province ``p`` (0-based): t001-, t002-, …; its names say "tỉnh số 1", …"""
    return f"t{p + 1:03d}-"


# --------------------------------------------------------------------------- writing


def _manifest(provinces: int) -> dict:
    src = yaml.load((TEMPLATE_DIR / "architecture.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    arch = {
        "name": f"Kiến trúc Chính quyền điện tử tổng hợp của {provinces} tỉnh (mô hình sinh để đo hiệu năng)",
        "name_en": f"Synthetic e-government architecture of {provinces} provinces (benchmark)",
    }
    editions = []
    for edition in src["editions"]:  # the template's editions, approved by province 1's decisions
        if edition["approved_by"] == "draft":
            continue  # the showcase's 2026–2030 draft belongs to its merged-province files, not in the template
        edition = {k: v for k, v in edition.items() if k not in ("note", "note_en", "province", "province_en")}
        if edition["approved_by"] != "draft":
            edition["approved_by"] = _prefix(0) + edition["approved_by"]
        editions.append(edition)
    out = {
        "province": "Quốc gia (mô hình tổng hợp)",
        "province_en": "Nation (synthetic model)",
        "architecture": arch,
        "editions": editions,
        "language": src.get("language", "vi"),
    }
    for k in ("validation", "waivers"):
        if k in src:
            out[k] = copy.deepcopy(src[k])
    # the template's baseline records the showcase's own findings: not the generated model's
    out.get("validation", {}).pop("baseline", None)
    # ORG003 counts shared systems per province (of their owner's UBND tỉnh): a national model of
    # several provinces needs no setting for it.
    out["sources"] = [SOURCE]
    return out


MANIFEST_HEADER = """\
# Kiến trúc tổng hợp nhiều tỉnh, sinh bởi benchmarks/generate.py từ mô hình tỉnh Quảng Trị (architecture/).
# Cấu hình kiểm tra chép từ architecture/architecture.yaml (SEC007, DOC004, GOV001 hạ xuống info, cùng lý do).
# ORG003 (duplicate-shared-system) đếm hệ thống dùng chung theo từng tỉnh (tỉnh của cơ quan chủ quản).
"""


def _dump(path: Path, data, header: str = "") -> None:
    """Write ``data`` as YAML with libyaml's emitter (~0.35 ms per element: most of the generation time)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
    path.write_text(text, encoding="utf-8")


def _province_files(p: int, els: list[dict]) -> dict[str, list[dict]]:
    by_layer: dict[str, list[dict]] = {}
    for el in els:
        by_layer.setdefault(LAYER_FILES.get(el["kind"], "khac"), []).append(el)
    out = {}
    for layer, part in by_layer.items():
        if len(part) <= FILE_CHUNK:
            out[f"{_prefix(p)[:-1]}/{layer}.yaml"] = part
            continue
        n = -(-len(part) // FILE_CHUNK)
        size = -(-len(part) // n)
        for i in range(n):
            out[f"{_prefix(p)[:-1]}/{layer}-{i + 1:02d}.yaml"] = part[i * size:(i + 1) * size]
    return out


def generate(out: Path, elements: int, defects: int = 0, seed: int = 1) -> int:
    """Write about ``elements`` elements under ``out``; returns the number written."""
    return generate_model(out, elements, defects, seed).elements


@dataclass
class Generated:
    """What generate_model wrote."""

    elements: int
    provinces: int
    files: int
    kinds: dict[str, int]
    defects: list[tuple[str, str, tuple[str, ...]]]
    """Seeded defects: (element id, what was done, rule codes expected)."""


def generate_model(out: Path, elements: int, defects: int = 0, seed: int = 1) -> Generated:
    """Write the model (replacing ``out``); the number of elements, provinces, files, kinds and seeded defects.

    About PER_PROVINCE elements make a province (at least one): the shared national part is
    written once, then each province gets the template's provincial part and bulk up to its
    share of ``elements``. The bulk and the defects have their own random streams, so a model
    with defects is the clean model of the same seed plus the defects.
    """
    rng = random.Random(seed)
    tpl = load_template()
    provinces = max(1, round(elements / PER_PROVINCE))
    national = _national(tpl, provinces)
    n_national = sum(len(v) for v in national.values())
    files: dict[str, list[dict]] = dict(national)
    budget = elements - n_national
    for p in range(provinces):
        share = budget // provinces + (1 if p < budget % provinces else 0)
        els = _province_copy(tpl, p)
        els += _bulk(p, rng, max(0, share - len(els)))
        _classify(els)
        files.update(_province_files(p, els))
    seeded = _seed_defects(files, defects, random.Random(seed * 7919 + defects), provinces)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / "architecture.yaml").write_text(
        MANIFEST_HEADER + yaml.dump(_manifest(provinces), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120),
        encoding="utf-8")
    kinds: dict[str, int] = {}
    for rel, els in files.items():
        _dump(out / rel, els)
        for el in els:
            kinds[el["kind"]] = kinds.get(el["kind"], 0) + 1
    return Generated(sum(kinds.values()), provinces, len(files), dict(sorted(kinds.items(), key=lambda kv: -kv[1])), seeded)


# --------------------------------------------------------------------------- reference-model categories

# each kind a reference model classifies (ARCH003): its field and a few free-text codes (the annexes' code
# tables were not retrieved, so the codes are only shaped like them)
CATEGORIES = {
    "application": ("arm_category", ("ARM.1 ứng dụng nghiệp vụ", "ARM.2 ứng dụng dùng chung", "ARM.3 cổng, kênh")),
    "public_service": ("brm_category", ("BRM.1 dịch vụ cho người dân", "BRM.2 dịch vụ cho doanh nghiệp")),
    "business_process": ("brm_category", ("BRM.3 quản lý nội bộ",)),
    "business_function": ("brm_category", ("BRM.4 chức năng quản lý nhà nước",)),
    "node": ("trm_category", ("TRM.1 hạ tầng tính toán",)),
    "security_control": ("srm_category", ("SRM.1 quản lý an toàn", "SRM.2 kỹ thuật an toàn")),
}


def _classify(els: list[dict]) -> None:
    """Give every element of a kind a reference model classifies its category where it has none (the
    template's own elements included), as a province's complete model would: the generated model is meant to
    check clean. Databases take a data layer (QĐ 2439/QĐ-TTg) when they have neither field. No random draw:
    the other streams stay as they were."""
    for i, el in enumerate(els):
        kind = el.get("kind")
        if kind == "database":
            if not el.get("drm_category") and not el.get("data_layer"):
                el["data_layer"] = ("giao_dich", "tong_hop", "danh_muc")[i % 3]
        elif kind in CATEGORIES:
            field_, codes = CATEGORIES[kind]
            if not el.get(field_):
                el[field_] = codes[i % len(codes)]


# --------------------------------------------------------------------------- bulk of a province

# (slug, name, abbreviation, fields of work): the departments of a province after 1/3/2025
DEPARTMENTS = (
    ("so-noi-vu", "Sở Nội vụ", "SNV", ("công chức, viên chức", "thi đua, khen thưởng", "tổ chức hội", "văn thư, lưu trữ",
                                      "lao động, việc làm", "người có công", "bảo trợ xã hội", "tiền lương")),
    ("so-tu-phap", "Sở Tư pháp", "STP", ("hộ tịch", "lý lịch tư pháp", "công chứng", "luật sư", "trợ giúp pháp lý",
                                        "đấu giá tài sản", "quốc tịch", "chứng thực")),
    ("so-tai-chinh", "Sở Tài chính", "STC", ("đăng ký doanh nghiệp", "đầu tư", "ngân sách nhà nước", "tài sản công",
                                            "giá", "hợp tác xã", "đấu thầu", "kinh tế tập thể")),
    ("so-cong-thuong", "Sở Công Thương", "SCT", ("an toàn thực phẩm", "xúc tiến thương mại", "hóa chất", "điện lực",
                                                "lưu thông hàng hóa", "kinh doanh khí", "vật liệu nổ công nghiệp",
                                                "cụm công nghiệp")),
    ("so-nong-nghiep-moi-truong", "Sở Nông nghiệp và Môi trường", "SNNMT",
     ("đất đai", "tài nguyên nước", "môi trường", "khoáng sản", "thủy sản", "trồng trọt", "chăn nuôi, thú y",
      "lâm nghiệp")),
    ("so-xay-dung", "Sở Xây dựng", "SXD", ("cấp phép xây dựng", "quy hoạch xây dựng", "nhà ở", "đường bộ",
                                          "đăng kiểm phương tiện", "giấy phép lái xe", "hạ tầng kỹ thuật",
                                          "kinh doanh bất động sản")),
    ("so-giao-duc-dao-tao", "Sở Giáo dục và Đào tạo", "SGDĐT",
     ("văn bằng, chứng chỉ", "tuyển sinh", "cơ sở giáo dục", "giáo dục nghề nghiệp", "thi tốt nghiệp",
      "giáo dục thường xuyên", "dạy thêm, học thêm", "học bổng")),
    ("so-y-te", "Sở Y tế", "SYT", ("khám bệnh, chữa bệnh", "dược phẩm", "y tế dự phòng", "trang thiết bị y tế",
                                  "bảo hiểm y tế", "dân số", "mỹ phẩm", "bảo trợ trẻ em")),
    ("so-van-hoa-the-thao-du-lich", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL",
     ("di sản văn hóa", "du lịch", "thể dục, thể thao", "nghệ thuật biểu diễn", "quảng cáo", "thư viện", "gia đình",
      "báo chí, xuất bản")),
    ("so-dan-toc-ton-giao", "Sở Dân tộc và Tôn giáo", "SDTTG",
     ("tín ngưỡng, tôn giáo", "công tác dân tộc", "chính sách dân tộc", "người có uy tín")),
    ("thanh-tra-tinh", "Thanh tra tỉnh", "TTT", ("tiếp công dân", "khiếu nại", "tố cáo", "phòng, chống tham nhũng")),
    ("ban-quan-ly-khu-kinh-te", "Ban Quản lý Khu kinh tế", "BQLKKT",
     ("đầu tư khu kinh tế", "lao động nước ngoài", "xây dựng khu kinh tế", "môi trường khu kinh tế")),
    ("so-ngoai-vu", "Sở Ngoại vụ", "SNgV", ("hội nghị quốc tế", "tổ chức phi chính phủ nước ngoài", "lãnh sự",
                                          "biên giới")),
)

VERBS = ("Cấp", "Cấp lại", "Cấp đổi", "Điều chỉnh", "Gia hạn", "Đăng ký", "Thẩm định", "Công nhận", "Xác nhận",
         "Thu hồi", "Phê duyệt", "Chấp thuận")
PAPERS = ("giấy phép", "giấy chứng nhận", "chứng chỉ", "hồ sơ", "quyết định", "thông báo")
SYLLABLES = ("An", "Bình", "Cam", "Gio", "Hải", "Hướng", "Triệu", "Vĩnh", "Đông", "Tân", "Phú", "Lộc", "Thạch",
             "Minh", "Lệ", "Bố", "Trạch", "Hòa", "Thuận", "Phong", "Long", "Mỹ", "Xuân", "Sơn", "Hiệp", "Lợi",
             "Thành", "Hưng", "Khê", "Quang", "Ninh", "Đức", "Nghĩa", "Trung", "Kim", "Tiến")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Quang", "Thanh", "Hữu", "Ngọc", "Xuân", "Hồng")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Phương", "Quân",
         "Sơn", "Tâm", "Thắng", "Thảo", "Trung", "Tuấn", "Vinh", "Yến")
DATA_THINGS = ("hồ sơ", "danh mục", "kết quả giải quyết", "báo cáo thống kê", "đối tượng quản lý", "giấy tờ điện tử")
PROCESS_STEPS = ("tiếp nhận hồ sơ", "thẩm định hồ sơ", "trình ký kết quả", "trả kết quả", "báo cáo định kỳ",
                 "kiểm tra, thanh tra")

# shares of a province's bulk, by kind (public services take what is left: the largest group)
SHARES = (
    ("data_entity", 0.10), ("application", 0.075), ("database", 0.05), ("business_process", 0.05),
    ("organization", 0.05), ("application_service", 0.035), ("legal_document", 0.035), ("channel", 0.03),
    ("interface", 0.02), ("stakeholder", 0.02), ("project", 0.015), ("security_control", 0.005),
)

LAW_PERSONAL_DATA = (  # written as in the template: the law in force on each day
    {"target": "nd-13-2023", "valid_from": dt.date(2023, 7, 1), "valid_to": dt.date(2025, 12, 31)},
    {"target": "luat-91-2025-qh15", "valid_from": dt.date(2026, 1, 1)},
)
MERGER = dt.date(2025, 7, 1)
TWO_LEVEL = dt.date(2025, 7, 1)
TTHC_FROM = dt.date(2021, 12, 6)  # the template's he-thong-tthc-tinh


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _decision(rng: random.Random, p: int, what: str, day: dt.date) -> str:
    return f"Quyết định {rng.randrange(100, 3000)}/QĐ-UBND ngày {day.day}/{day.month}/{day.year} của UBND tỉnh số {p + 1} {what}"


def _bulk(p: int, rng: random.Random, n: int) -> list[dict]:
    """``n`` more elements for province ``p``, in the proportions of a provincial model."""
    if n <= 0:
        return []
    pre = _prefix(p)
    t = {k: pre + k for k in (
        "ubnd-tinh-quang-tri", "ubnd-tinh-quang-tri-moi", "trung-tam-du-lieu-tinh", "mang-tslcd-quang-tri",
        "lgsp-quang-tri", "he-thong-tthc-tinh", "chinh-quyen-cap-xa-quang-tri", "nguoi-dan", "doanh-nghiep",
        "can-bo-cong-chuc", "tthc-tai-bo-phan-mot-cua", "giai-doan-chuyen-doi-so-2021-2025",
        "giai-doan-chinh-quyen-hai-cap", "phan-loai-cap-do-attt", "so-khcn-quang-tri-moi")}
    count = {k: int(n * share) for k, share in SHARES}
    if n < 60:  # a tiny bulk: public services only
        count = {k: 0 for k in count}
    count["public_service"] = n - sum(count.values())
    out: list[dict] = []
    src = [SOURCE]

    # ---- organisations: departments, their units, communes (each with its service centre)
    n_org = count["organization"]
    n_dept = min(len(DEPARTMENTS), max(1 if n_org else 0, n_org // 4))
    depts = DEPARTMENTS[:n_dept]
    n_commune = (n_org - n_dept) * 3 // 5
    n_unit = n_org - n_dept - n_commune
    dept_ids = []
    for d, (slug, name, abbr, _fields) in enumerate(depts):
        dept_ids.append(pre + slug)
        out.append({
            "id": pre + slug, "kind": "organization", "name": f"{name} tỉnh số {p + 1}", "org_type": "department",
            "abbreviation": abbr, "agency_code": f"000.00.{d + 20:02d}.H{p % 100:02d}",
            "member_of": [{"target": t["ubnd-tinh-quang-tri"], "valid_to": MERGER - dt.timedelta(days=1)},
                          {"target": t["ubnd-tinh-quang-tri-moi"], "valid_from": MERGER}],
            "sources": src,
        })
    units = []
    for u in range(n_unit):
        d = u % n_dept
        field_ = depts[d][3][(u // n_dept) % len(depts[d][3])]
        uid = f"{dept_ids[d]}-tt-{u // n_dept + 1:02d}"
        units.append(uid)
        out.append({
            "id": uid, "kind": "organization", "name": f"Trung tâm {field_} thuộc {depts[d][1]} tỉnh số {p + 1}",
            "org_type": "unit", "member_of": [dept_ids[d]], "sources": src,
        })
    names: set[str] = set()
    communes = []
    commune_names: dict[str, str] = {}
    while len(communes) < n_commune:
        nm = f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"
        if nm in names or len(set(nm.split())) < 2:
            continue
        names.add(nm)
        level = "phuong" if len(communes) % 9 == 8 else "xa"
        word = "phường" if level == "phuong" else "xã"
        cid = f"{pre}{'phuong' if level == 'phuong' else 'xa'}-{len(communes) + 1:03d}"
        communes.append(cid)
        commune_names[cid] = f"{word} {nm}"
        out.append({
            "id": cid, "kind": "organization", "name": f"Ủy ban nhân dân {word} {nm}, tỉnh số {p + 1}",
            "org_type": "government", "admin_level": level, "valid_from": TWO_LEVEL,
            "member_of": [t["chinh-quyen-cap-xa-quang-tri"]], "sources": src,
        })
    # ---- channels: a public-administration service centre per commune, then department websites
    n_channel = count["channel"]
    for i, cid in enumerate(communes[:n_channel]):
        out.append({
            "id": f"{cid}-ttpvhcc", "kind": "channel",
            "name": f"Trung tâm Phục vụ hành chính công {commune_names[cid]}, tỉnh số {p + 1}",
            "channel_type": "service_centre", "admin_level": "phuong" if "phuong" in cid else "xa", "owner": cid,
            "valid_from": TWO_LEVEL, "realizes": [t["tthc-tai-bo-phan-mot-cua"]],
            "uses": [t["he-thong-tthc-tinh"]], "sources": src,
        })
    for i in range(max(0, n_channel - len(communes))):
        d = i % max(1, n_dept)
        out.append({
            "id": f"{dept_ids[d] if dept_ids else pre + 'kenh'}-website-{i // max(1, n_dept) + 1:02d}", "kind": "channel",
            "name": f"Trang thông tin điện tử {depts[d][1] if depts else 'chuyên ngành'} tỉnh số {p + 1} (trang {i // max(1, n_dept) + 1})",
            "channel_type": "website", "owner": dept_ids[d] if dept_ids else t["so-khcn-quang-tri-moi"],
            "url": f"https://{depts[d][0] if depts else 'cntt'}-{i // max(1, n_dept) + 1}.tinh{p + 1}.gov.vn",
            "sources": src,
        })
    # (communes beyond the channel budget share the template's commune-level centre: no per-commune centre)
    # ---- stakeholders: heads of the departments and units
    heads = dept_ids + units
    for i in range(count["stakeholder"]):
        if not heads:
            break
        org = heads[i % len(heads)]
        person = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        role = "Giám đốc" if i < len(dept_ids) else "Phó Giám đốc"
        out.append({
            "id": f"{org}-lanh-dao-{i // len(heads) + 1:02d}", "kind": "stakeholder",
            "name": f"{role} — {_name_of(out, org)}", "person": person, "position": role,
            "valid_from": _day(rng, dt.date(2021, 1, 1), dt.date(2025, 12, 31)),
            "member_of": [{"target": org, "role": role}], "sources": src,
        })
    owners_ = dept_ids or [t["so-khcn-quang-tri-moi"]]
    fields_of = {o: (DEPARTMENTS[i][3] if i < len(depts) else ("công nghệ thông tin",)) for i, o in enumerate(owners_)}
    # ---- legal documents: each department's decisions announcing its procedures, and regulations
    docs_of: dict[str, list[str]] = {o: [] for o in owners_}
    doc_els = []
    for i in range(count["legal_document"]):
        o = owners_[i % len(owners_)]
        day = _day(rng, dt.date(2022, 1, 1), dt.date(2025, 12, 31))
        num = f"{rng.randrange(100, 3000)}/QĐ-UBND"
        did = f"{o}-qd-{i // len(owners_) + 1:02d}"
        docs_of[o].append(did)
        field_ = fields_of[o][(i // len(owners_)) % len(fields_of[o])]
        el = {
            "id": did, "kind": "legal_document",
            "name": f"Quyết định công bố danh mục thủ tục hành chính lĩnh vực {field_} thuộc thẩm quyền của "
                    f"{_name_of(out, o)} (số {num})",
            "number": num, "doc_type": "quyet_dinh", "date": day, "issuer": f"Ủy ban nhân dân tỉnh số {p + 1}",
            "owner": o, "valid_from": day, "sources": src,
        }
        doc_els.append(el)
        out.append(el)
    doc_by_id = {d["id"]: d for d in doc_els}
    # ---- databases and their data entities
    dbs_of: dict[str, list[str]] = {o: [] for o in owners_}
    db_els = []
    ents = count["data_entity"]
    for i in range(count["database"]):
        o = owners_[i % len(owners_)]
        k = i // len(owners_)
        field_ = fields_of[o][k % len(fields_of[o])]
        personal = rng.random() < 0.6
        start = _day(rng, dt.date(2021, 1, 1), dt.date(2025, 6, 30))
        dbid = f"{o}-csdl-{k + 1:02d}"
        dbs_of[o].append(dbid)
        el = {
            "id": dbid, "kind": "database",
            "name": f"Cơ sở dữ liệu {field_} tỉnh số {p + 1}" + (f" (phần {k // len(fields_of[o]) + 1})" if k >= len(fields_of[o]) else ""),
            "scope": "sectoral", "data_layer": rng.choice(("giao_dich", "tong_hop", "phan_tich")),
            "quality": ["dung", "du", "sach", "song"][: rng.randrange(1, 5)],
            "personal_data": personal, "security_level": 3 if personal else 2,
            "security_level_approved_by": _decision(rng, p, "phê duyệt hồ sơ đề xuất cấp độ", start),
            "owner": o, "valid_from": start, "hosted_on": [t["trung-tam-du-lieu-tinh"]],
            "sources": src,
        }
        if personal:
            el["personal_data_subjects"] = rng.randrange(1_000, 900_000)
            el["complies_with"] = [dict(x) for x in LAW_PERSONAL_DATA]
        db_els.append(el)
        out.append(el)
    ent_els: list[dict] = []
    for i in range(ents):
        if not db_els:
            break
        db = db_els[i % len(db_els)]
        thing = DATA_THINGS[(i // len(db_els)) % len(DATA_THINGS)]
        eid = f"{db['id']}-dl-{i // len(db_els) + 1:02d}"
        ent_els.append({
            "id": eid, "kind": "data_entity", "name": f"Dữ liệu {thing} — {db['name'][len('Cơ sở dữ liệu '):]}",
            "classification": "personal" if db["personal_data"] else rng.choice(("private", "public")),
            "sources": src,
        })
        db.setdefault("composed_of", []).append(eid)
    # ---- public services (TTHC): the largest group
    svc_of: dict[str, list[dict]] = {o: [] for o in owners_ + [t["chinh-quyen-cap-xa-quang-tri"]]}
    seen: set[tuple] = set()
    services = []
    while len(services) < count["public_service"]:
        o = owners_[len(services) % len(owners_)]
        key = (o, rng.choice(VERBS), rng.choice(PAPERS), rng.choice(fields_of[o]), rng.random() < 0.3)
        if key in seen:
            if len(seen) > 0.8 * len(owners_) * len(VERBS) * len(PAPERS) * 16:
                key = key + (len(services),)
            else:
                continue
        seen.add(key)
        _, verb, paper, field_, commune_level = key[:5]
        level = "cấp xã" if commune_level else "cấp tỉnh"
        mode = rng.choices(("toan_trinh", "mot_phan", "khong_truc_tuyen"), (55, 35, 10))[0]
        sid = f"{pre}tthc-{len(services) + 1:05d}"
        el = {
            "id": sid, "kind": "public_service", "name": f"{verb} {paper} lĩnh vực {field_} ({level})",
            "procedure_code": f"1.{p + 1:02d}{len(services) + 1:04d}.000.00.00.H{p % 100:02d}",
            "online_mode": mode,
            "owner": t["chinh-quyen-cap-xa-quang-tri"] if commune_level else o,
            "valid_from": _day(rng, dt.date(2022, 6, 24), dt.date(2025, 12, 31)) if not commune_level else TWO_LEVEL,
            "serves": rng.choice(([t["nguoi-dan"]], [t["doanh-nghiep"]], [t["nguoi-dan"], t["doanh-nghiep"]])),
            "sources": src,
        }
        if docs_of.get(o):
            doc = doc_by_id[rng.choice(docs_of[o])]
            if doc["valid_from"] > el["valid_from"]:
                el["valid_from"] = doc["valid_from"]
            el["complies_with"] = [doc["id"]]
        services.append(el)
        svc_of[o].append(el)
        out.append(el)
    # ---- business processes: internal steps of handling the procedures
    for i in range(count["business_process"]):
        o = owners_[i % len(owners_)]
        mine = svc_of[o]
        step = PROCESS_STEPS[(i // len(owners_)) % len(PROCESS_STEPS)]
        el = {
            "id": f"{o}-qt-{i // len(owners_) + 1:02d}", "kind": "business_process",
            "name": f"Quy trình nội bộ {step} của {_name_of(out, o)} (quy trình {i // len(owners_) + 1})",
            "owner": o, "sources": src,
        }
        if mine:
            chosen = rng.sample(mine, min(3, len(mine)))
            el["realizes"] = [s["id"] for s in chosen]
            el["valid_from"] = max(s["valid_from"] for s in chosen)
        else:
            el["serves"] = [t["can-bo-cong-chuc"]]
        out.append(el)
    # ---- applications (sectoral systems), their APIs and interfaces
    apps = []
    for i in range(count["application"]):
        o = owners_[i % len(owners_)]
        k = i // len(owners_)
        field_ = fields_of[o][k % len(fields_of[o])]
        start = _day(rng, dt.date(2021, 1, 1), dt.date(2025, 6, 30))
        aid = f"{o}-ud-{k + 1:02d}"
        el = {
            "id": aid, "kind": "application",
            "name": f"Hệ thống thông tin quản lý {field_} tỉnh số {p + 1}" + (f" (phân hệ {k // len(fields_of[o]) + 1})" if k >= len(fields_of[o]) else ""),
            "system_type": "sectoral", "owner": o, "valid_from": start, "security_level": 2,
            "security_level_approved_by": _decision(rng, p, "phê duyệt hồ sơ đề xuất cấp độ", start),
            "standards": ["HTTP/1.1", "TCP", "IPv4", "DNS"],
            "hosted_on": [t["trung-tam-du-lieu-tinh"]], "integrates_via": [t["lgsp-quang-tri"]],
            "connects_to": [t["mang-tslcd-quang-tri"]], "serves": [t["can-bo-cong-chuc"]],
            "sources": src,
        }
        apps.append(el)
        out.append(el)
    db_by_id = {d["id"]: d for d in db_els}
    for i, el in enumerate(apps):  # what each system realizes and accesses, and where its data goes
        o = el["owner"]
        mine = [s for s in svc_of[o] if s.get("_app") is None][:8]
        if mine:
            for s in mine:
                s["_app"] = el["id"]
            el["realizes"] = [_dated(s["id"], s["valid_from"], el["valid_from"]) for s in mine]
            if any(s["online_mode"] != "khong_truc_tuyen" for s in mine):
                el["security_level"] = 3  # takes online dossiers (NĐ 85/2016 Điều 9)
                el["digital_signatures"] = ["chuyen_dung_cong_vu"]
        dbs = dbs_of.get(o) or []
        if dbs:
            el["accesses"] = [dbs[i // len(owners_) % len(dbs)]]
            db = db_by_id[el["accesses"][0]]
            if db["personal_data"]:
                el["security_level"] = max(el["security_level"], 2)
            if db["valid_from"] > el["valid_from"]:
                db["valid_from"] = el["valid_from"]
        el["flows_to"] = [_dated_spec({"target": t["he-thong-tthc-tinh"], "via": t["lgsp-quang-tri"],
                                       "data": ["hồ sơ", "kết quả giải quyết thủ tục hành chính"]},
                                      TTHC_FROM, el["valid_from"])]
        other = apps[(i + 1 + rng.randrange(max(1, len(apps) - 1))) % len(apps)]
        if other is not el:
            el["flows_to"].append(_dated_spec({"target": other["id"], "via": t["lgsp-quang-tri"], "data": ["dữ liệu dùng chung"]},
                                              other["valid_from"], el["valid_from"]))
    n_api, n_itf = count["application_service"], count["interface"]
    for i in range(n_api):
        if not apps:
            break
        app = apps[i % len(apps)]
        sid = f"{app['id']}-dv-{i // len(apps) + 1:02d}"
        el = {"id": sid, "kind": "application_service",
              "name": f"Dịch vụ chia sẻ dữ liệu của {app['name'][len('Hệ thống thông tin '):]} (dịch vụ {i // len(apps) + 1})",
              "owner": app["owner"], "valid_from": app["valid_from"], "sources": src}
        if app.get("accesses"):
            el["accesses"] = list(app["accesses"])
        app.setdefault("composed_of", []).append(sid)
        out.append(el)
    for i in range(n_itf):
        if not apps:
            break
        app = apps[i % len(apps)]
        iid = f"{app['id']}-api-{i // len(apps) + 1:02d}"
        out.append({"id": iid, "kind": "interface",
                    "name": f"Giao diện lập trình (API) {i // len(apps) + 1} của {app['name'][len('Hệ thống thông tin '):]}",
                    "protocols": ["HTTP/1.1"], "standards": ["TCVN 6909:2001", "XML 1.0"],
                    "exposure": "interagency", "api_registry": "V-APEX",
                    "owner": app["owner"], "valid_from": max(app["valid_from"], dt.date(2025, 10, 27)), "sources": src})
        app.setdefault("composed_of", []).append(_dated(iid, out[-1]["valid_from"], app["valid_from"]))
    for s in services:
        s.pop("_app", None)
    ent_by_id = {e["id"]: e for e in ent_els}
    for db in db_els:  # a data entity begins with its database (whose start the systems may have moved)
        for eid in db.get("composed_of", []):
            ent_by_id[eid]["valid_from"] = db["valid_from"]
    out += ent_els
    # ---- projects building the systems
    for i in range(count["project"]):
        if not apps:
            break
        app = apps[i % len(apps)]
        start = app["valid_from"] - dt.timedelta(days=rng.randrange(120, 500))
        out.append({
            "id": f"{app['id']}-du-an-{i // len(apps) + 1:02d}", "kind": "project",
            "name": f"Dự án xây dựng {app['name'][0].lower()}{app['name'][1:]}" + (f" (giai đoạn {i // len(apps) + 1})" if i >= len(apps) else ""),
            "owner": app["owner"], "start": start, "end": app["valid_from"], "valid_from": start, "valid_to": app["valid_from"],
            "budget": f"{rng.randrange(2, 60)} tỷ đồng",
            "implements": [_dated(app["id"], app["valid_from"], start)],
            "realizes": [_dated(t["giai-doan-chuyen-doi-so-2021-2025"], dt.date(2021, 2, 19), start)], "sources": src,
        })
    # ---- security controls: each agency's level classification and on-site protection of its systems
    for i in range(count["security_control"]):
        o = owners_[i % len(owners_)]
        mine = ([(a["id"], a["valid_from"]) for a in apps if a["owner"] == o]
                + [(d, db_by_id[d]["valid_from"]) for d in dbs_of.get(o, [])])[:12]
        if not mine:
            continue
        out.append({
            "id": f"{o}-bao-dam-attt-{i // len(owners_) + 1:02d}", "kind": "security_control",
            "name": f"Bảo đảm an toàn thông tin các hệ thống của {_name_of(out, o)} (đợt {i // len(owners_) + 1})",
            "protection_layer": "on_site", "valid_from": max(v for _, v in mine),
            "protects": [x for x, _ in mine], "sources": src,
        })
    return out


def _dated(target: str, target_from: dt.date, source_from: dt.date | None):
    """A relation to ``target``, dated when the target begins after its source."""
    if source_from is not None and target_from <= source_from:
        return target
    return {"target": target, "valid_from": target_from}


def _dated_spec(spec: dict, target_from: dt.date, source_from: dt.date) -> dict:
    if target_from > source_from:
        spec["valid_from"] = target_from
    return spec


def _name_of(els: list[dict], el_id: str) -> str:
    for e in reversed(els):
        if e["id"] == el_id:
            return e["name"]
    return el_id


# --------------------------------------------------------------------------- seeded defects

DEFECT_KINDS = (
    # (name, rule codes expected: each seeded defect gives at least one of them, all of them as written)
    ("unknown-reference", ("STR001",)),
    ("system-without-owner-or-hosting", ("SEC008", "INF002")),
    ("interagency-flow-not-via-lgsp", ("INT003",)),
    ("state-secret-database-on-internet", ("SEC005",)),
    ("tthc-not-connected-to-payment", ("TTHC003",)),
    ("public-service-without-online-mode", ("TTHC005",)),
    ("exchanging-system-without-security-level", ("SEC001",)),
    ("personal-data-without-legal-basis", ("DATA002",)),
    ("composition-cycle", ("STR004",)),
    ("district-counter-still-in-service", ("TTHC004", "STR009")),
)


def _seed_defects(files: dict[str, list[dict]], defects: int, rng: random.Random,
                  provinces: int) -> list[tuple[str, str, tuple[str, ...]]]:
    """Seed ``defects`` defects, cycling through DEFECT_KINDS; returns (element id, what, codes)."""
    if defects <= 0:
        return []
    by_id = {el["id"]: el for els in files.values() for el in els}
    bulk = re.compile(r"t\d{3}-(.*-)?(ud|csdl|tthc)-\d+$")  # the bulk's systems, databases and services
    bulk_apps = [e for e in by_id.values() if e["kind"] == "application" and bulk.match(e["id"])]
    bulk_dbs = [e for e in by_id.values() if e["kind"] == "database" and bulk.match(e["id"])]
    services = [e for e in by_id.values() if e["kind"] == "public_service" and bulk.match(e["id"])]
    used: set[str] = set()
    out: list[tuple[str, str, tuple[str, ...]]] = []

    def pick(cands, ok=lambda e: True):
        cands = [e for e in cands if e["id"] not in used and ok(e)]
        if not cands:
            return None
        el = rng.choice(cands)
        used.add(el["id"])
        return el

    def per_province(suffix):
        return [by_id[_prefix(q) + suffix] for q in range(provinces) if _prefix(q) + suffix in by_id]

    attempts = 0
    i = 0
    while len(out) < defects and attempts < defects + 10 * len(DEFECT_KINDS):
        name, codes = DEFECT_KINDS[i % len(DEFECT_KINDS)]
        i += 1
        attempts += 1
        what = None
        if name == "unknown-reference":
            el = pick(bulk_apps)
            if el:
                el.setdefault("uses", []).append(el["id"] + "-khong-ton-tai")
                what = f"uses '{el['id']}-khong-ton-tai', which does not exist"
        elif name == "system-without-owner-or-hosting":
            el = pick(bulk_apps)
            if el:
                el.pop("owner", None)
                el.pop("hosted_on", None)
                what = "no owner and no hosted_on"
        elif name == "interagency-flow-not-via-lgsp":
            def cross(e):
                return any(isinstance(f, dict) and f["target"] in by_id and "-ud-" in f["target"]
                           and by_id[f["target"]].get("owner") not in (None, e.get("owner")) for f in e.get("flows_to", []))
            el = pick(bulk_apps, cross)
            if el:
                f = next(f for f in el["flows_to"] if "-ud-" in f["target"] and by_id[f["target"]].get("owner") != el.get("owner"))
                f.pop("via", None)
                what = f"flows_to '{f['target']}' (another agency's system) directly, not via the LGSP"
        elif name == "state-secret-database-on-internet":
            el = pick(bulk_dbs, lambda e: bool(e.get("composed_of")))
            if el:
                ent = by_id[el["composed_of"][0]]
                ent["classification"] = "state_secret"
                el.setdefault("connects_to", []).append(el["id"][:5] + "ket-noi-internet-tinh")  # t007-…
                what = f"holds state-secret data ('{ent['id']}') and connects to the Internet"
        elif name == "tthc-not-connected-to-payment":
            el = pick(per_province("he-thong-tthc-tinh"))
            if el:
                el["connects_to"] = [c for c in el.get("connects_to", [])
                                     if (c if isinstance(c, str) else c["target"]) != "nen-tang-thanh-toan-quoc-gia"]
                what = "the TTHC system's connection to the national payment platform removed"
        elif name == "public-service-without-online-mode":
            el = pick(services)
            if el:
                el.pop("online_mode", None)
                what = "public service without online_mode"
        elif name == "exchanging-system-without-security-level":
            el = pick(bulk_apps, lambda e: bool(e.get("integrates_via")) and "owner" in e)
            if el:
                el.pop("security_level", None)
                el.pop("security_level_approved_by", None)
                what = "exchanges data through the LGSP but has no security level"
        elif name == "personal-data-without-legal-basis":
            el = pick(bulk_dbs, lambda e: bool(e.get("personal_data")) and "connects_to" not in e)
            if el:
                el.pop("complies_with", None)
                what = "personal data, but no personal-data law in complies_with"
        elif name == "composition-cycle":
            el = pick(bulk_dbs, lambda e: len(e.get("composed_of", [])) >= 2)
            if el:
                a, b = by_id[el["composed_of"][0]], by_id[el["composed_of"][1]]
                a.setdefault("composed_of", []).append(b["id"])
                b.setdefault("composed_of", []).append(a["id"])
                what = f"data entities '{a['id']}' and '{b['id']}' are parts of each other"
        elif name == "district-counter-still-in-service":
            el = pick(per_province("bo-phan-mot-cua-cap-huyen"))
            if el:
                el.pop("valid_to", None)
                el.pop("successors", None)
                what = "district-level one-stop counter still in service after the district level ended"
        if what is not None:
            out.append((el["id"], f"{name}: {what}", codes))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--elements", type=int, default=10_000)
    ap.add_argument("--defects", type=int, default=0, help="defects to seed (varied kinds; each gives an error or a warning)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    t = time.perf_counter()
    g = generate_model(args.out, args.elements, args.defects, args.seed)
    took = time.perf_counter() - t
    print(f"wrote {g.elements} elements ({g.provinces} provinces, {g.files} files) to {args.out} in {took:.1f} s")
    print("kinds: " + ", ".join(f"{k} {v}" for k, v in g.kinds.items()))
    for el_id, what, codes in g.defects:
        print(f"defect: {el_id}: {what} (expect {', '.join(codes)})")


if __name__ == "__main__":
    main()
