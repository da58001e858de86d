"""``kientruc merge``: the model of a merged province, written from its predecessors' models.

On 1/7/2025 (Nghị quyết 202/2025/QH15) 63 provinces became 34; each merged province inherits two
or three architectures. :func:`merge` reads the predecessors' model folders and writes one model
folder, checked and ready to edit:

* **every element kept with its history**, in the files it was written in, under a folder per
  predecessor (``kon-tum/ung-dung.yaml``). Comments and the order of keys are not kept.
* **ids made unique** where two predecessors use one id for different elements: in every
  predecessor that uses it, the id is prefixed with the slug of that predecessor's province
  (``lgsp`` → ``kon-tum-lgsp`` and ``quang-ngai-lgsp``), and every reference in that
  predecessor is rewritten (relations and their ``via``, ``owner``, consolidation fields, waivers,
  views). A national element (``external: true``) or a legal document written by both with the
  same id, kind (and number) is one element, kept once.
* **each element's province** as a dated fact: ``province: [{name: Kon Tum, valid_to: day-1},
  {name: <merged>, valid_from: day}]`` (legal documents and national elements get none).
* **the predecessors' provincial organisations** (UBND tỉnh, Sở, Văn phòng, units) end the day
  before the merger (``valid_to``) and name their successor (``successors``): one new organisation
  per function (the UBND tỉnh of each predecessor → one new UBND tỉnh; Sở Y tế Kon Tum + Sở Y tế
  Quảng Ngãi → one Sở Y tế), created as a draft with its assumptions written. What the old
  organisations owned and the relations to them pass to the successor from the merger day.
* **twins by function** (:mod:`kientruc.twins`), a **proposal** of a consolidation decision per twin
  set (``kind: consolidation``, ``proposal: true``) computed from the criteria, and a **draft
  roadmap**: a work package per decision that migrates or retires systems, in one project.

Refused with :class:`MergeError` (the CLI exits 2), nothing written: an input that is not a model,
two inputs of one province, a target folder that is not empty (without ``force``) or that holds an
input. The folder is written to a temporary folder beside the target, loaded and checked there,
then renamed into place.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from .findings import Finding
from .frameworks import profiles
from .graph import build_graph
from .i18n import Msg, msg
from .i18n import text as word
from .loader import MANIFEST, LoadResult, load
from .models import RELATION_TYPES, Architecture, Manifest
from .models.elements import ELEMENT_LIST
from .twins import TwinSet, fold, propose, province_name_key, twin_sets
from ._io import replace_folder

ELEMENT_SCHEMA = "kientruc.schema.json"
MANIFEST_SCHEMA = "kientruc-manifest.schema.json"
MERGE_FOLDER = "hop-nhat"
"""The folder of what the merge adds: the new organisations, the proposals, the draft roadmap."""

# Organisations that do not end with their province: the levels below it, and national bodies.
_KEPT_LEVELS = ("huyen", "xa", "phuong", "thi_tran", "dac_khu", "trung_uong")
_ID_FIELDS = ("owner", "decided_by")
_ID_LISTS = ("keep", "migrate", "retire")
_ROADMAP_MONTHS = 6


class MergeError(Exception):
    """The inputs cannot be merged as asked; nothing was written. ``findings`` say why, where known."""

    def __init__(self, message: Msg, findings: list[Finding] | None = None) -> None:
        super().__init__(message.canonical())
        self.message = message
        self.findings = findings or []


@dataclass
class Predecessor:
    """One input model."""

    root: Path
    loaded: LoadResult
    province: str
    slug: str
    files: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # relative file -> element data


@dataclass
class MergeResult:
    """What :func:`merge` did, for the summary the CLI prints."""

    out: Path
    province: str
    day: dt.date
    predecessors: list[str]
    elements: int = 0
    renamed: list[tuple[str, str, str]] = field(default_factory=list)  # (province, old id, new id)
    shared: list[str] = field(default_factory=list)  # ids written by several predecessors, kept once
    ended: list[tuple[str, str]] = field(default_factory=list)  # (old organisation, successor)
    new_organisations: list[str] = field(default_factory=list)
    twins: list[TwinSet] = field(default_factory=list)
    proposals: list[str] = field(default_factory=list)
    work_packages: list[str] = field(default_factory=list)
    findings_before: dict[str, int] = field(default_factory=dict)  # severity -> count, the day before
    findings_after: dict[str, int] = field(default_factory=dict)  # … on the merger day
    dropped_settings: list[str] = field(default_factory=list)  # rule settings of one predecessor only, not carried
    reconciled: list[str] = field(default_factory=list)  # ids several predecessors define for one element, kept once
    continued: list[str] = field(default_factory=list)  # systems that ended with their province, continued
    decided_on: dt.date | None = None  # the day the other predecessors enter the model (in_model_from)


# --------------------------------------------------------------------------- small helpers


def slugify(text: str) -> str:
    """An id from a name: diacritics stripped (đ → d), lower case, kebab-case."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:100].strip("-")


def _plain(value: Any) -> Any:
    """Data pydantic dumped, as YAML's safe dumper writes it (enums as text)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


class _Dumper(yaml.SafeDumper):
    """Writes every value out (no anchors and aliases: a person edits these files)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    """An element's keys as a person writes them: id, kind, name, its fields, then its relations."""
    head = {k: data[k] for k in ("id", "kind", "name") if k in data}
    rels = {k: data[k] for k in RELATION_TYPES if k in data}
    rest = {k: v for k, v in data.items() if k not in head and k not in rels}
    return {**head, **rest, **rels}


def _dump(data: Any) -> str:
    if isinstance(data, list):
        data = [_ordered(d) if isinstance(d, dict) and "kind" in d else d for d in data]
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110)


def _alive_on(data: dict[str, Any], day: dt.date) -> bool:
    """Whether an element (as data) has not ended before ``day``."""
    end = data.get("valid_to")
    return end is None or end >= day


def _replace_province(name: str, old: str, new: str) -> str:
    """``name`` with the province ``old`` replaced by ``new`` (or ``new`` appended if ``old`` is absent)."""
    pattern = re.compile(re.escape(old), re.IGNORECASE)
    if pattern.search(name):
        return pattern.sub(new, name, count=1)
    return f"{name} ({new})"


def _org_key(data: dict[str, Any], province: str) -> tuple[str, str, str]:
    """What an organisation does, without its province: the key that pairs it across predecessors."""
    org_type, level = str(data.get("org_type") or "other"), str(data.get("admin_level") or "")
    if org_type in ("government", "council") and level == "tinh":
        return org_type, level, ""
    name = fold(data.get("name"))
    for short, full in (("ubnd", "uy ban nhan dan"), ("hdnd", "hoi dong nhan dan"), ("kh&cn", "khoa hoc va cong nghe")):
        name = re.sub(rf"(?<![a-z]){re.escape(short)}(?![a-z])", full, name)
    for p in {fold(province), province_name_key(province)}:
        if p:
            name = name.replace(p, " ")
    name = re.sub(r"\b(tinh|thanh pho)$", "", " ".join(name.split())).strip()  # "Sở Y tế tỉnh" → "so y te"
    return org_type, level, name


# --------------------------------------------------------------------------- reading


def _read_inputs(inputs: list[str | os.PathLike[str]]) -> list[Predecessor]:
    if len(inputs) < 2:
        raise MergeError(msg("give at least two predecessor model folders to merge"))
    preds: list[Predecessor] = []
    seen_roots: set[Path] = set()
    for raw in inputs:
        root = Path(raw)
        if not (root.is_dir() and (root / MANIFEST).is_file()):
            raise MergeError(msg("'{root}' is not a kientruc model folder (no {manifest} in it)", root=str(root), manifest=MANIFEST))
        if root.resolve() in seen_roots:
            raise MergeError(msg("'{root}' is given twice", root=str(root)))
        seen_roots.add(root.resolve())
        loaded = load(root, cache=False, jobs=1)
        if not loaded.ok or loaded.architecture is None:
            raise MergeError(msg("'{root}' cannot be loaded as a model; fix it first (kientruc check {root})", root=str(root)),
                             [f for f in loaded.findings if f.fatal])
        province = loaded.architecture.manifest.province
        preds.append(Predecessor(root=root, loaded=loaded, province=province, slug=slugify(province_name_key(province))))
    keys: dict[str, Predecessor] = {}
    for p in preds:
        key = province_name_key(p.province)
        if key in keys:
            raise MergeError(msg(
                "'{first}' and '{second}' are both models of {province}: the inputs of a merger are "
                "the models of different provinces", first=str(keys[key].root), second=str(p.root), province=p.province
            ))
        keys[key] = p
    for p in preds:
        root_abs = p.root.resolve()
        for i, el in enumerate(p.loaded.architecture.elements):  # type: ignore[union-attr]
            file = _relative(p.loaded.sources.elements[i].file, root_abs)
            data = _plain(el.model_dump(mode="python", exclude_unset=True))
            data = {"id": data.pop("id"), "kind": data.pop("kind"), **data}
            p.files.setdefault(file, []).append(data)
    return preds


def _relative(file: str, root: Path) -> str:
    """A model file's path inside its model folder (the source map shows it as the user would)."""
    path = Path(file)
    path = path if path.is_absolute() else Path.cwd() / path
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return Path(file).name


def _check_target(out: Path, preds: list[Predecessor], force: bool) -> None:
    target = out.resolve()
    for p in preds:
        root = p.root.resolve()
        if target == root or root in target.parents or target in root.parents:
            raise MergeError(msg("the target '{out}' and the input '{root}' overlap; write the merged model elsewhere", out=str(out), root=str(p.root)))
    if out.exists():
        if not out.is_dir():
            raise MergeError(msg("'{out}' exists and is not a folder", out=str(out)))
        if any(out.iterdir()) and not force:
            raise MergeError(msg("'{out}' is not empty; use --force to replace it", out=str(out)))


# --------------------------------------------------------------------------- ids


def _rewrite(data: dict[str, Any], mapping: dict[str, str]) -> None:
    """Rewrite every id ``data`` holds or refers to through ``mapping``."""
    if not mapping:
        return
    data["id"] = mapping.get(data["id"], data["id"])
    for name in _ID_FIELDS:
        if isinstance(data.get(name), str):
            data[name] = mapping.get(data[name], data[name])
    for name in _ID_LISTS:
        if isinstance(data.get(name), list):
            data[name] = [mapping.get(i, i) for i in data[name]]
    def renamed(item: Any) -> Any:
        if isinstance(item, str):
            return mapping.get(item, item)
        item = dict(item)
        item["target"] = mapping.get(item["target"], item["target"])
        if item.get("via"):
            item["via"] = mapping.get(item["via"], item["via"])
        return item

    _rewrite_relations(data, renamed)


def _rewrite_relations(data: dict[str, Any], rewrite: Any) -> None:
    """Each relation an element's data writes (a target id, or a mapping with ``target``) through ``rewrite``."""
    for rtype in RELATION_TYPES:
        items = data.get(rtype)
        if items:
            data[rtype] = [rewrite(item) for item in items]


def _same_thing(copies: list[dict[str, Any]]) -> bool:
    """Whether copies of one id in several predecessors are one element (a national one, or one law)."""
    kinds = {c["kind"] for c in copies}
    if len(kinds) != 1:
        return False
    if all(c.get("external") for c in copies):
        return True
    if kinds == {"legal_document"}:
        return len({fold(c.get("number")) for c in copies}) == 1
    return False


def _unique_ids(preds: list[Predecessor], result: MergeResult) -> dict[int, dict[str, str]]:
    """Rename colliding ids (per predecessor) and drop the second copies of shared ones."""
    where: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for n, p in enumerate(preds):
        for items in p.files.values():
            for data in items:
                where[data["id"]].append((n, data))
    taken = set(where)
    renames: dict[int, dict[str, str]] = defaultdict(dict)
    reconcile: list[str] = []
    for eid in sorted(where):
        owners = sorted({n for n, _ in where[eid]})
        if len(owners) < 2:
            continue
        copies = [d for _, d in where[eid]]
        if _same_thing(copies):
            for p_index in owners[1:]:  # the first predecessor's copy is kept
                for file, items in preds[p_index].files.items():
                    preds[p_index].files[file] = [d for d in items if d["id"] != eid]
            result.shared.append(eid)
            continue
        if _one_element(copies):
            reconcile.append(eid)
            continue
        for n in owners:
            new = _unique(f"{preds[n].slug}-{eid}", taken)
            renames[n][eid] = new
            result.renamed.append((preds[n].province, eid, new))
    for n, p in enumerate(preds):
        for items in p.files.values():
            for data in items:
                _rewrite(data, renames.get(n, {}))
    for eid in reconcile:  # after the renames: each copy's relations already name the merged ids
        _reconcile(preds, eid, result)
    return renames


def _one_element(copies: list[dict[str, Any]]) -> bool:
    """Whether copies of one id in several predecessors are one provincial element written twice (same
    kind, same name: Quảng Trị's model names the UBND tỉnh Quảng Bình it merges with, Quảng Bình's model
    defines it), not two elements that happen to share an id."""
    if len({c["kind"] for c in copies}) != 1 or copies[0]["kind"] == "legal_document":
        return False
    return len({fold(c.get("name")) for c in copies}) == 1


def _dates(data: dict[str, Any]) -> str:
    start, end = data.get("valid_from"), data.get("valid_to")
    return f"{start.isoformat() if start else '…'} – {end.isoformat() if end else '…'}"


def _reconcile(preds: list[Predecessor], eid: str, result: MergeResult) -> None:
    """One element from the copies of ``eid``: the first predecessor's copy is kept, with the relations only
    the other copies write (and their sources where it has none); where another copy's dates differ, an
    assumption says so."""
    copies: list[tuple[Predecessor, str, dict[str, Any]]] = [
        (p, file, d) for p in preds for file, items in p.files.items() for d in items if d["id"] == eid
    ]
    keep_at = 0  # like a national element, the first predecessor's copy (and its dates) is the one kept
    kp, _, base = copies[keep_at]
    others = [c for i, c in enumerate(copies) if i != keep_at]
    for p, file, other in others:
        for rtype in RELATION_TYPES:
            extra = other.get(rtype) or []
            if not extra:
                continue
            mine = base.setdefault(rtype, [])
            have = {(i if isinstance(i, str) else i["target"]) for i in mine}
            for item in extra:
                target = item if isinstance(item, str) else item["target"]
                if target not in have and target != eid:
                    mine.append(item)
                    have.add(target)
        if other.get("owner") and not base.get("owner"):
            base["owner"] = other["owner"]
        if not base.get("sources") and other.get("sources"):
            base["sources"] = list(other["sources"])
        if _dates(other) != _dates(base) or bool(other.get("external")) != bool(base.get("external")):
            note = (f"kientruc merge: mô hình của tỉnh {p.province} cũng ghi phần tử này (hiệu lực {_dates(other)}"
                    f"{', ngoài kiến trúc của tỉnh' if other.get('external') else ''}); mô hình hợp nhất giữ ngày của "
                    f"mô hình tỉnh {kp.province} ({_dates(base)}) và mọi quan hệ của các bản.")
            if note not in (base.get("assumptions") or []):  # merging a merged model again adds nothing
                base.setdefault("assumptions", []).append(note)
        p.files[file] = [d for d in p.files[file] if d is not other]
    result.reconciled.append(eid)


# --------------------------------------------------------------------------- provinces and organisations


def _province_facts(preds: list[Predecessor], new_name: str, day: dt.date) -> None:
    before = day - dt.timedelta(days=1)
    for p in preds:
        for items in p.files.values():
            for data in items:
                if data.get("external") or data["kind"] == "legal_document":
                    continue
                facts = [dict(f) for f in data.get("province") or []]
                if not _alive_on(data, day):
                    data["province"] = facts or [{"name": p.province}]
                    continue
                if data.get("valid_from") and data["valid_from"] >= day and not facts:
                    data["province"] = [{"name": new_name}]  # it begins in the merged province
                    continue
                if not facts:
                    facts = [{"name": p.province}]
                for f in facts:
                    if f.get("valid_to") is None or f["valid_to"] >= day:
                        f["valid_to"] = before
                facts.append({"name": new_name, "valid_from": day})
                data["province"] = facts


_SYSTEM_KINDS = ("application", "shared_service", "integration_platform", "node", "security_service", "channel")
_CARRIED_KINDS = ("network",)  # infrastructure that goes on under the new province whatever its function


def _function(data: dict[str, Any]) -> str | None:
    """:func:`twins.function_of` on an element's data (the merge works on data before it is a model)."""
    from .twins import SHARED_SYSTEM_TYPES

    kind = data["kind"]
    if data.get("external") or kind not in _SYSTEM_KINDS or data.get("status") == "planned":
        return None
    if kind == "integration_platform":
        return data.get("platform_type") if data.get("platform_type") in ("lgsp", "document_axis") else None
    if kind in ("application", "shared_service"):
        return data.get("system_type") if data.get("system_type") in SHARED_SYSTEM_TYPES else None
    if kind == "node":
        return "data_centre" if data.get("node_type") == "data_centre" else None
    if kind == "security_service":
        return "soc" if data.get("protection_layer") == "monitoring" else None
    if data.get("channel_type") == "mobile_app":
        return "mobile_app"
    if data.get("channel_type") == "service_centre" and data.get("admin_level") == "tinh":
        return "service_centre"
    return None


def _owners(preds: list[Predecessor], eid: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    orgs = {d["id"]: d for p in preds for items in p.files.values() for d in items if d["kind"] == "organization"}
    found = [orgs[data["owner"]]] if isinstance(data.get("owner"), str) and data["owner"] in orgs else []
    for org in orgs.values():
        for item in org.get("owns") or []:
            if (item if isinstance(item, str) else item["target"]) == eid:
                found.append(org)
    return found


def _continue_systems(preds: list[Predecessor], day: dt.date, result: MergeResult) -> None:
    """A predecessor's provincial system that ends the day before the merger ends with its model (the
    province's last day), not by itself: the merged province runs it until a consolidation decision
    retires it. Such systems continue (their ``valid_to`` dropped, an assumption says why). A district or
    commune system (owned at that level) ends with its level and is left as written."""
    before = day - dt.timedelta(days=1)
    seat = province_name_key(result.province)
    for p in preds:
        if province_name_key(p.province) == seat:
            continue  # the province goes on under its name: its model's ends are real ends
        for items in p.files.values():
            for data in items:
                if data.get("valid_to") != before or data.get("external") or (
                        _function(data) is None and data["kind"] not in _CARRIED_KINDS):
                    continue
                if any(str(o.get("admin_level") or "") in _KEPT_LEVELS for o in _owners(preds, data["id"], data)):
                    continue
                del data["valid_to"]
                data.setdefault("assumptions", []).append(
                    f"kientruc merge: mô hình của tỉnh {p.province} kết thúc hệ thống ngày {before.isoformat()}, ngày "
                    f"cuối cùng của tỉnh; tỉnh mới tiếp tục vận hành nó từ {day.isoformat()} cho đến khi quyết định "
                    "hợp nhất cho dừng hoặc chuyển đổi (khi đó ghi valid_to)."
                )
                result.continued.append(data["id"])
    # what an element of an ended province that goes on (a continued system, a law) relates to that did end
    # with the province: the relation ends with it
    everything = {d["id"]: d for p in preds for items in p.files.values() for d in items}
    going_on = [d for p in preds if province_name_key(p.province) != seat
                for items in p.files.values() for d in items if _alive_on(d, day)]

    def ended(item: Any) -> Any:
        spec = {"target": item} if isinstance(item, str) else dict(item)
        target = everything.get(spec["target"])
        end = target.get("valid_to") if target is not None else None
        if end is not None and end < day and (spec.get("valid_to") is None or spec["valid_to"] > end):
            spec["valid_to"] = end
            return spec
        return item

    for data in going_on:
        _rewrite_relations(data, ended)


def _organisations(preds: list[Predecessor], new_name: str, day: dt.date, taken: set[str],
                   result: MergeResult) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """End the predecessors' provincial organisations and create their successors (as drafts)."""
    before = day - dt.timedelta(days=1)
    groups: dict[tuple[str, str, str], list[tuple[Predecessor, dict[str, Any]]]] = defaultdict(list)
    existing: dict[tuple[str, str], dict[str, Any]] = {}  # organisations a predecessor's model begins on the day
    carried = set()  # predecessors whose model already goes past the merger (it names the new bodies itself)
    for p in preds:
        for items in p.files.values():
            for data in items:
                if (data["kind"] == "organization" and not data.get("external") and data.get("valid_from") == day
                        and data.get("status") != "planned" and str(data.get("admin_level") or "") not in _KEPT_LEVELS):
                    k = _org_key(data, new_name)
                    existing.setdefault((k[0], k[2]), data)
                    carried.add(p.slug)
    for p in preds:
        for items in p.files.values():
            for data in items:
                if (data["kind"] != "organization" or data.get("external")
                        or str(data.get("admin_level") or "") in _KEPT_LEVELS or data.get("status") == "planned"):
                    continue
                if data.get("valid_from") and data["valid_from"] >= day:
                    continue
                # alive on the day (unless its model already carries the province past the merger: what it
                # leaves alive, its authors kept), or ended with its province the day before, no successor named
                if p.slug not in carried and (_alive_on(data, day)
                                              or (data.get("valid_to") == before and not data.get("successors"))):
                    groups[_org_key(data, p.province)].append((p, data))
    seat = province_name_key(new_name)
    successor: dict[str, str] = {}
    created: list[dict[str, Any]] = []
    for key in sorted(groups, key=lambda k: (k[0] != "government", k)):
        members = groups[key]
        if (key[0], key[2]) in existing:  # the successor is already in a predecessor's model (ubnd-tinh-quang-tri-moi)
            new_id = existing[(key[0], key[2])]["id"]
            for _, d in members:
                successor[d["id"]] = new_id
                d["valid_to"] = before if d.get("valid_to") is None else min(d["valid_to"], before)
                succ = list(d.get("successors") or [])
                if new_id not in succ:
                    succ.append({"target": new_id, "valid_from": day})
                d["successors"] = succ
                result.ended.append((d["id"], new_id))
            continue
        rep_pred, rep = next(((p, d) for p, d in members if province_name_key(p.province) == seat), members[0])
        name = _replace_province(rep["name"], rep_pred.province, new_name)
        new_id = _unique(f"{slugify(name)}-{day.year}", taken)
        olds = [d["id"] for _, d in members]
        org: dict[str, Any] = {"id": new_id, "kind": "organization", "name": name}
        for fname in ("org_type", "admin_level", "abbreviation"):
            if rep.get(fname) is not None:
                org[fname] = rep[fname]
        org["valid_from"] = day
        org["province"] = [{"name": new_name, "valid_from": day}]
        org["tags"] = ["hop-nhat"]
        org["sources"] = ["Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh"]
        org["assumptions"] = [
            f"Bản nháp do kientruc merge tạo: cơ quan kế thừa {', '.join(olds)} (các cơ quan này kết thúc ngày "
            f"{before.isoformat()}). Cần kiểm tra tên, quyết định thành lập và mã định danh (QCVN 102:2016/BTTTT), "
            "vốn thay đổi theo sắp xếp.",
        ]
        created.append(org)
        result.new_organisations.append(new_id)
        for _, d in members:
            successor[d["id"]] = new_id
            d["valid_to"] = before if d.get("valid_to") is None else min(d["valid_to"], before)
            succ = list(d.get("successors") or [])
            if new_id not in succ:
                succ.append(new_id)
            d["successors"] = succ
            result.ended.append((d["id"], new_id))
    return created, successor


def _repoint(preds: list[Predecessor], created: list[dict[str, Any]], successor: dict[str, str], day: dt.date) -> None:
    """What the ended organisations owned, and the relations to them, pass to their successors."""
    before = day - dt.timedelta(days=1)
    everything = {d["id"]: d for p in preds for items in p.files.values() for d in items}
    by_id = {d["id"]: d for d in created}
    by_id.update({i: everything[i] for i in successor.values() if i in everything and i not in by_id})
    ended = {i: d for i, d in everything.items() if i in successor}

    def add(org_id: str, rtype: str, item: Any) -> None:
        target = item if isinstance(item, str) else item["target"]
        items = by_id[org_id].setdefault(rtype, [])
        if all((i if isinstance(i, str) else i["target"]) != target for i in items) and target != org_id:
            items.append(item)

    for p in preds:
        for items in p.files.values():
            for data in items:
                eid = data["id"]
                if eid in successor or not _alive_on(data, day):
                    continue
                owner = data.get("owner")
                if isinstance(owner, str) and owner in successor:
                    del data["owner"]
                    ended[owner].setdefault("owns", []).append({"target": eid, "valid_to": before})
                    add(successor[owner], "owns", eid)
                for rtype in RELATION_TYPES:
                    rel_items = data.get(rtype)
                    if not rel_items or rtype in ("successors", "supersedes"):
                        continue
                    out = []
                    for item in rel_items:
                        target = item if isinstance(item, str) else item["target"]
                        spec = {"target": item} if isinstance(item, str) else dict(item)
                        if target not in successor or (spec.get("valid_to") and spec["valid_to"] < day):
                            out.append(item)
                            continue
                        if ((data.get("valid_from") and data["valid_from"] >= day)
                                or (spec.get("valid_from") and spec["valid_from"] >= day)):
                            spec["target"] = successor[target]  # it begins after the old organisation ended
                            out.append(spec if len(spec) > 1 else spec["target"])
                            continue
                        spec["valid_to"] = before
                        out.append(spec)
                        moved = {k: v for k, v in spec.items() if k != "valid_to"}
                        moved["target"] = successor[target]
                        if not moved.get("valid_from") or moved["valid_from"] < day:
                            moved["valid_from"] = day
                        out.append(moved)
                    data[rtype] = out
    # relations the ended organisations wrote: their successor writes them from the merger day
    for old_id, org in ended.items():
        for rtype in RELATION_TYPES:
            if rtype in ("successors", "supersedes"):
                continue
            for item in org.get(rtype) or []:
                spec = {"target": item} if isinstance(item, str) else dict(item)
                if spec.get("valid_to") and spec["valid_to"] < day:
                    continue
                target = everything.get(spec["target"])
                if target is not None and not _alive_on(target, day) and spec["target"] not in successor:
                    continue  # it ended with the old organisation's province: nothing to take over
                spec.pop("valid_to", None)
                spec.pop("valid_from", None)
                spec["target"] = successor.get(spec["target"], spec["target"])
                add(successor[old_id], rtype, spec["target"] if len(spec) == 1 else spec)


# --------------------------------------------------------------------------- proposals and roadmap


def _function_title(function: str) -> str:
    try:
        return word(f"consolidation.function.{function}", "vi")
    except KeyError:
        return function


def _proposals(arch: Architecture, day: dt.date, new_name: str, created: list[dict[str, Any]],
               preds: list[Predecessor], taken: set[str], result: MergeResult,
               successor: dict[str, str] | None = None,
               roadmap_from: dt.date | None = None) -> list[dict[str, Any]]:
    graph = build_graph(arch, day)
    successor = successor or {}
    sets = twin_sets(graph, day)
    result.twins = sets
    out: list[dict[str, Any]] = []
    wps: list[dict[str, Any]] = []
    # the new province's bodies: created here, or already in a predecessor's model (its successors)
    bodies = created + [graph.element(i).model_dump(mode="python") for i in dict.fromkeys(successor.values())
                        if i in graph and i not in {c["id"] for c in created}]
    government = next((o["id"] for o in bodies if getattr(o.get("org_type"), "value", o.get("org_type")) == "government"), None)
    it_dept = next((o["id"] for o in bodies if "khoa hoc va cong nghe" in fold(o["name"])), None)
    start = roadmap_from or day  # a merge run long after the merger plans from then, not in the past
    end = start + dt.timedelta(days=_ROADMAP_MONTHS * 30)
    for ts in sets:
        prop = propose(ts, prefer=new_name)
        title = _function_title(ts.function)
        did = _unique(f"hop-nhat-{ts.function.replace('_', '-')}", taken)
        lines = [f"{m.id} ({m.predecessor}): {prop.scores[m.id]:g}" for m in ts.members]
        decision: dict[str, Any] = {
            "id": did,
            "kind": "consolidation",
            "name": f"Hợp nhất {title}",
            "description": "Đề xuất tính từ các tiêu chí; điểm: " + "; ".join(lines) + ".",
            "valid_from": day,
            "tags": ["hop-nhat"],
            "assumptions": [
                "Đề xuất do kientruc merge tính: kết nối nền tảng quốc gia ×3, số đối tượng phục vụ, kết nối với "
                "hệ thống của tỉnh ×0,5, cấp độ an toàn đã phê duyệt, tiêu chuẩn kỹ thuật; hệ thống đang dừng "
                "(retiring) không được giữ. Người làm kiến trúc quyết định: xác nhận (proposal: false, decided_by) "
                "hoặc sửa.",
            ],
            "function": ts.function,
            "keep": prop.keep,
        }
        if prop.migrate:
            decision["migrate"] = prop.migrate
        if prop.retire:
            decision["retire"] = prop.retire
        if prop.reason:
            decision["reason"] = ("Giữ cả hai trung tâm dữ liệu: một trung tâm chính và một trung tâm dự phòng "
                                  "(đề xuất, cần người làm kiến trúc xác nhận).")
        decision["proposal"] = True
        out.append(decision)
        result.proposals.append(did)
        if not (prop.migrate or prop.retire):
            continue
        kept = graph.element(prop.keep[0])
        owners = [r.source for r in graph.in_(kept.id, "owns")]  # on the merger day: the new province's bodies
        owner = next((o for o in owners if o in {c["id"] for c in created}), None) or it_dept or government
        owner = owner or next(iter(owners), None)
        parts = [f"giữ {prop.keep[0]}"]
        if prop.migrate:
            parts.append("chuyển đổi " + ", ".join(prop.migrate))
        if prop.retire:
            parts.append("dừng " + ", ".join(prop.retire))
        wp: dict[str, Any] = {
            "id": _unique(f"hm-{did}", taken),
            "kind": "work_package",
            "name": f"Hợp nhất {title}: " + "; ".join(parts),
            "status": "planned",
            "planned_from": start,
            "start": start,
            "end": end,
            "tags": ["hop-nhat"],
            "assumptions": [
                f"Bản nháp do kientruc merge tạo từ đề xuất {did}; ngày bắt đầu, kết thúc ({_ROADMAP_MONTHS} tháng "
                f"từ {start.isoformat()}) và đơn vị chủ trì là giả định, cần sửa theo kế hoạch của tỉnh.",
            ],
            "implements": [did, *prop.migrate, *prop.retire],
        }
        if owner:
            wp["owner"] = owner
        wps.append(wp)
        result.work_packages.append(wp["id"])
    if wps:
        project: dict[str, Any] = {
            "id": _unique("du-an-hop-nhat-he-thong", taken),
            "kind": "project",
            "name": f"Hợp nhất các hệ thống dùng chung của {_unit(preds, new_name)} {new_name} sau sắp xếp",
            "status": "planned",
            "planned_from": start,
            "start": start,
            "end": end,
            "tags": ["hop-nhat"],
            "assumptions": ["Bản nháp do kientruc merge tạo; gom các hạng mục hợp nhất hệ thống."],
            "composed_of": [w["id"] for w in wps],
            "implements": [w["implements"][0] for w in wps],
        }
        owner = it_dept or government
        if owner:
            project["owner"] = owner
        wps.insert(0, project)
    return out + wps


# --------------------------------------------------------------------------- the manifest


def _profile_on(day: dt.date, preds: list[Predecessor]) -> str:
    known = profiles()
    in_force = [p for p in known.values() if p.in_force(day)]
    if in_force:
        return max(in_force, key=lambda p: p.in_force_from).id
    own = [p.loaded.architecture.manifest.profile for p in preds]  # type: ignore[union-attr]
    return max(own, key=lambda pid: known[pid].in_force_from if pid in known else dt.date.min)


def _unit(preds: list[Predecessor], new_name: str) -> str:
    """'thành phố' when the UBND tỉnh of the predecessor named like the merged province is a city's, else 'tỉnh'."""
    seat = province_name_key(new_name)
    for p in preds:
        if province_name_key(p.province) != seat:
            continue
        for items in p.files.values():
            for d in items:
                if d["kind"] == "organization" and d.get("org_type") == "government" and d.get("admin_level") == "tinh":
                    return "thành phố" if "thanh pho" in fold(d["name"]) else "tỉnh"
    return "tỉnh"


def _manifest(preds: list[Predecessor], new_name: str, day: dt.date, renames: dict[int, dict[str, str]],
              result: MergeResult) -> dict[str, Any]:
    manifests: list[Manifest] = [p.loaded.architecture.manifest for p in preds]  # type: ignore[union-attr]
    seat = next((m for m in manifests if province_name_key(m.province) == province_name_key(new_name)), None)
    names = " và ".join(p.province for p in preds)
    data: dict[str, Any] = {"province": new_name}
    if seat is not None and seat.province_en:
        data["province_en"] = seat.province_en
    data["architecture"] = {
        "name": f"Kiến trúc số {_unit(preds, new_name)} {new_name} (hợp nhất {names}, bản nháp)",
        "version": "0.1",
    }
    data["profile"] = _profile_on(day, preds)
    data["language"] = "vi"
    settings = [m.validation.rules for m in manifests]
    agreed = {k: v for k, v in settings[0].items() if all(s.get(k) == v for s in settings[1:])}
    dropped = sorted({f"{k}: {v} ({p.province})" for p, s in zip(preds, settings) for k, v in s.items() if k not in agreed})
    result.dropped_settings = dropped
    validation: dict[str, Any] = {}
    if agreed:
        validation["rules"] = agreed
    fail_on = {m.validation.fail_on for m in manifests}
    if len(fail_on) == 1 and "error" not in fail_on:
        validation["fail_on"] = fail_on.pop()
    if validation:
        data["validation"] = validation
    waivers = []
    for n, m in enumerate(manifests):
        for w in m.waivers:
            wd = _plain(w.model_dump(mode="python", exclude_unset=True))
            wd["elements"] = [renames.get(n, {}).get(e, e) for e in wd["elements"]]
            waivers.append(wd)
    if waivers:
        data["waivers"] = waivers
    sources: list[Any] = ["Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh"]
    for p, m in zip(preds, manifests):
        sources.append({"title": f"{m.architecture.name}, phiên bản {m.architecture.version} (mô hình {p.root.name})",
                        "note": f"Mô hình của tỉnh {p.province} trước ngày {day.isoformat()}, hợp nhất bằng kientruc merge."})
    data["sources"] = sources
    views = []
    for n, (p, m) in enumerate(zip(preds, manifests)):
        mapping = renames.get(n, {})
        for v in m.views:
            vd = _plain(v.model_dump(mode="python", exclude_unset=True))
            vd["id"] = f"{p.slug}-{vd['id']}"
            for part in ("include", "exclude"):
                if vd.get(part, {}).get("ids"):
                    vd[part]["ids"] = [mapping.get(i, i) for i in vd[part]["ids"]]
            views.append(vd)
    if views:
        data["views"] = views
    return data


# --------------------------------------------------------------------------- writing


def _schemas() -> tuple[str, str]:
    import json

    from .schema import element_schema, manifest_schema

    return (json.dumps(element_schema(), ensure_ascii=False, indent=2) + "\n",
            json.dumps(manifest_schema(), ensure_ascii=False, indent=2) + "\n")


def _write_file(root: Path, rel: str, items: list[dict[str, Any]], comment: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    depth = len(Path(rel).parts) - 1
    header = f"# yaml-language-server: $schema={'../' * depth}{ELEMENT_SCHEMA}\n# {comment}\n"
    path.write_text(header + _dump(items), encoding="utf-8")


def _counts(findings: list[Finding]) -> dict[str, int]:
    out: dict[str, int] = {}
    for f in findings:
        key = f.severity.name.lower()
        out[key] = out.get(key, 0) + 1
    return out


def merge(
    inputs: list[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    on: dt.date,
    name: str | None = None,
    force: bool = False,
    decided_on: dt.date | None = None,
    roadmap_from: dt.date | None = None,
) -> MergeResult:
    """Merge the predecessors' model folders ``inputs`` into the model folder ``out``, the merger in
    force from ``on``; the merged province is called ``name`` (default: the first input's province).
    With ``decided_on`` (the day the merger was decided, e.g. 2025-06-12 for NQ 202/2025/QH15), the
    elements of the predecessors after the first are part of the merged model from that day
    (``in_model_from``): before it, the model reads as the first predecessor's alone, its history exact.
    ``roadmap_from`` (default: ``on``) is the first day of the draft work packages.

    Raises :class:`MergeError` (nothing written) when the inputs cannot be merged as asked.
    """
    from .validators import check as run_rules

    out = Path(out)
    preds = _read_inputs(inputs)
    _check_target(out, preds, force)
    new_name = (name or preds[0].province).strip()
    if not new_name:
        raise MergeError(msg("the merged province needs a name (--name)"))
    if decided_on is not None and decided_on >= on:
        raise MergeError(msg("the merger is decided before it takes effect: --decided-on {decided} is not before --on {on}",
                             decided=decided_on.isoformat(), on=on.isoformat()))
    result = MergeResult(out=out, province=new_name, day=on, predecessors=[p.province for p in preds],
                         decided_on=decided_on)
    renames = _unique_ids(preds, result)
    taken = {d["id"] for p in preds for items in p.files.values() for d in items}
    _continue_systems(preds, on, result)
    created, successor = _organisations(preds, new_name, on, taken, result)  # ends them first
    _province_facts(preds, new_name, on)
    _repoint(preds, created, successor, on)
    if decided_on is not None:
        for p in preds[1:]:
            for items in p.files.values():
                for data in items:
                    if (data.get("in_model_from") or dt.date.min) < decided_on:
                        data["in_model_from"] = decided_on
    manifest = _manifest(preds, new_name, on, renames, result)

    everything = [d for p in preds for items in p.files.values() for d in items] + created
    try:
        arch = Architecture(Manifest.model_validate(manifest), ELEMENT_LIST.validate_python(everything))
    except Exception as exc:  # the inputs loaded, so this is kientruc's own mistake
        raise RuntimeError(f"the merged model does not validate: {exc}") from exc
    added = _proposals(arch, on, new_name, created, preds, taken, result, successor, roadmap_from)

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        (tmp / MANIFEST).write_text(f"# yaml-language-server: $schema={MANIFEST_SCHEMA}\n" + _dump(manifest),
                                    encoding="utf-8")
        for p in preds:
            for rel, items in p.files.items():
                if items:
                    _write_file(tmp, f"{p.slug}/{rel}", items,
                                f"Mô hình của tỉnh {p.province} (trước hợp nhất), từ {p.root.name}/{rel}.")
        if created:  # none when a predecessor's model already names every successor body
            _write_file(tmp, f"{MERGE_FOLDER}/to-chuc.yaml", created,
                        f"Cơ quan của tỉnh {new_name} kế thừa các cơ quan của tỉnh cũ từ {on.isoformat()} (bản nháp).")
        decisions = [d for d in added if d["kind"] == "consolidation"]
        roadmap = [d for d in added if d["kind"] != "consolidation"]
        if decisions:
            _write_file(tmp, f"{MERGE_FOLDER}/quyet-dinh-hop-nhat.yaml", decisions,
                        "Đề xuất hợp nhất các hệ thống trùng chức năng (proposal: true): người làm kiến trúc quyết định.")
        if roadmap:
            _write_file(tmp, f"{MERGE_FOLDER}/lo-trinh-hop-nhat.yaml", roadmap,
                        "Lộ trình hợp nhất (bản nháp, sinh từ các quyết định; sửa ngày, đơn vị chủ trì).")
        element_schema, manifest_schema = _schemas()
        (tmp / ELEMENT_SCHEMA).write_text(element_schema, encoding="utf-8")
        (tmp / MANIFEST_SCHEMA).write_text(manifest_schema, encoding="utf-8")
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o777 & ~mask)
        loaded = load(tmp, cache=False, jobs=1)
        if not loaded.ok:
            raise RuntimeError("the merged model does not load: "
                               + "; ".join(str(f.message) for f in loaded.findings if f.fatal)[:800])
        result.elements = len(loaded.architecture.elements)  # type: ignore[union-attr]
        result.findings_before = _counts(run_rules(loaded, as_of=on - dt.timedelta(days=1)).findings)
        result.findings_after = _counts(run_rules(loaded, as_of=on).findings)
        replace_folder(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return result


__all__ = ["MERGE_FOLDER", "MergeError", "MergeResult", "merge", "slugify"]
