"""Rule TTHC004 (service-centres-missing):
public-administration service centres of the two-level government are missing.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from ....frameworks import law_day
from ...registry import Related, RuleContext, Violation, rule
from .._common import reorganisation, about_province, places, province_scopes, fold, is_retiring, neighbours_by, owners, provincial, value
from ._helpers import TTHC_KINDS
from ....i18n import msg


COMMUNE_LEVELS = ("xa", "phuong", "dac_khu")


CENTRE_LINKS = ("uses", "serves", "connects_to", "flows_to", "realizes", "associated_with", "integrates_via")


def _linked_to_any(graph, a: str, others: set[str]) -> bool:
    """``a`` is related (either way, by one of CENTRE_LINKS) to one of ``others``."""
    return any(other in others for other, _ in neighbours_by(graph, a, CENTRE_LINKS))


CENTRE_NAMES = (
    ("trung tam phuc vu hanh chinh cong", "service_centre"),
    ("trung tam hanh chinh cong", "service_centre"),
    ("bo phan mot cua", "one_stop_counter"),
    ("bo phan tiep nhan va tra ket qua", "one_stop_counter"),
)


def _centres(els: list) -> list[tuple]:
    """Service centres and one-stop counters in service among ``els`` (channels and organizations): channels of
    those types, or elements named so."""
    out = []
    for el in els:
        if not provincial(el) or is_retiring(el):
            continue
        kind = value(el, "channel_type") if el.kind == "channel" else None
        if kind not in ("service_centre", "one_stop_counter"):
            name = fold(el.name)
            kind = next((k for needle, k in CENTRE_NAMES if needle in name), None)
        if kind:
            out.append((el, kind))
    return out


def _centre_level(ctx: RuleContext, el) -> str | None:
    """The level a centre serves: its admin_level, its owner's, or what its name says."""
    level = value(el, "admin_level")
    if level:
        return level
    for o in owners(ctx.graph, el.id):
        level = value(ctx.graph.element(o), "admin_level")
        if level:
            return level
    if _served_units(ctx.graph, el.id):
        return "xa"  # it serves commune-level units (a group of them, say)
    name = f" {fold(el.name)} "
    if " thi xa " in name or " huyen " in name:
        return "huyen"
    if any(w in name for w in (" cap xa ", " xa ", " phuong ", " dac khu ")):
        return "xa"
    if " tinh " in name:
        return "tinh"
    return None


def _group_members(graph, org_id: str) -> set[str]:
    """The commune-level units of a group (an organization composed of them, or they member_of it), at any depth."""
    out: set[str] = set()
    seen = {org_id}
    stack = [org_id]
    while stack:
        current = stack.pop()
        below = [r.target for r in graph.out(current, "composed_of")] + [r.source for r in graph.in_(current, "member_of")]
        for m in below:
            if m in seen:
                continue
            seen.add(m)
            el = graph.element(m)
            if el.kind != "organization":
                continue
            if value(el, "admin_level") in COMMUNE_LEVELS:
                out.add(m)
            stack.append(m)
    return out


def _served_units(graph, centre_id: str) -> set[str]:
    """The commune-level units a centre is for: those it is related to (its owner, whom it serves…) and
    the members of any group of units it is related to (a group may mix xã, phường and đặc khu)."""
    out: set[str] = set()
    for n in graph.neighbours(centre_id):
        if n.kind != "organization":
            continue
        if value(n, "admin_level") in COMMUNE_LEVELS:
            out.add(n.id)
        out |= _group_members(graph, n.id)
    return out


@rule(
    code="TTHC004",
    name="service-centres-missing",
    title="Public-administration service centres of the two-level government are missing",
    title_vi="Thiếu Trung tâm Phục vụ hành chính công cấp tỉnh, cấp xã theo mô hình chính quyền hai cấp",
    family="tthc",
    scope="province",
    legal_basis=("Nghị định 118/2025/NĐ-CP (hiệu lực 1/7/2025), sửa đổi bởi Nghị định 367/2025/NĐ-CP",),
    confidence="high",
    in_force_from=law_day("nd-118-2025", "effective"),
)
def service_centres_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 1/7/2025: the architecture has a provincial public-administration service
        centre (a ``channel`` with ``channel_type: service_centre`` and ``admin_level:
        tinh``) and commune-level centres (``admin_level: xa``, ``phuong`` or
        ``dac_khu``), each related to the TTHC system; where centres are modelled commune
        by commune, every commune-level unit in the model has one; and no district-level
        (``admin_level: huyen``) one-stop counter or centre is still in service. A centre
        may also be an organization named "Trung tâm Phục vụ hành chính công…"; without
        ``admin_level``, its level is its owner's, commune level if it serves commune-level
        units, or what its name says. **Groups:** one centre element may stand for all the
        commune-level centres, or serve a group of units: a centre is for the units it is
        related to (its ``owner``, ``serves: [...]``) and for every member of a group it is
        related to (an organization ``composed_of`` the units, or whose units are
        ``member_of`` it; a group may mix xã, phường and đặc khu). "Every unit has a
        centre" is checked only when every commune-level centre says which units it is for.
        In a model of several provinces (several UBND tỉnh), each province is judged
        on its own elements (those of its UBND tỉnh, its agencies and what they own)
        and the finding is on its UBND tỉnh.

    Kiểm tra:
        Từ ngày 1/7/2025: kiến trúc có Trung tâm Phục vụ hành chính công cấp tỉnh (một
        ``channel`` với ``channel_type: service_centre`` và ``admin_level: tinh``) và các
        trung tâm cấp xã (``admin_level: xa``, ``phuong`` hoặc ``dac_khu``), mỗi trung tâm
        có quan hệ với hệ thống giải quyết TTHC; nếu trung tâm được mô hình hóa theo từng
        xã, mỗi đơn vị cấp xã trong mô hình đều có trung tâm; và không còn bộ phận một cửa
        hay trung tâm cấp huyện (``admin_level: huyen``) đang hoạt động. Trung tâm cũng có thể
        là một tổ chức mang tên "Trung tâm Phục vụ hành chính công…"; khi không có
        ``admin_level``, cấp của trung tâm là cấp của cơ quan chủ quản, là cấp xã nếu trung
        tâm phục vụ các đơn vị cấp xã, hoặc theo tên gọi. **Nhóm:** một phần tử trung tâm có
        thể đại diện cho mọi trung tâm cấp xã, hoặc phục vụ một nhóm đơn vị: trung tâm dành
        cho các đơn vị nó có quan hệ (``owner``, ``serves: [...]``) và mọi thành viên của nhóm
        mà nó có quan hệ (tổ chức ``composed_of`` các đơn vị, hoặc các đơn vị ``member_of``
        tổ chức đó; một nhóm có thể gồm cả xã, phường và đặc khu). Việc "mỗi đơn vị có trung
        tâm" chỉ được kiểm tra khi mọi trung tâm cấp xã đều nói rõ nó dành cho đơn vị nào.
        Trong mô hình nhiều tỉnh (nhiều UBND tỉnh), mỗi tỉnh được đánh giá trên các phần
        tử của riêng tỉnh đó (UBND tỉnh, các cơ quan của tỉnh và những gì họ sở hữu), và phát
        hiện được gắn với UBND tỉnh đó.

    Why:
        NĐ 118/2025/NĐ-CP (from 1/7/2025, amended by NĐ 367/2025/NĐ-CP) receives
        procedures at provincial and commune-level public-administration service centres;
        with the district level abolished the same day, district one-stop counters no
        longer exist.

    Lý do:
        Nghị định 118/2025/NĐ-CP (từ 1/7/2025, sửa đổi bởi Nghị định 367/2025/NĐ-CP) tiếp
        nhận thủ tục tại Trung tâm Phục vụ hành chính công cấp tỉnh và cấp xã; cùng ngày
        đó cấp huyện chấm dứt, nên bộ phận một cửa cấp huyện không còn.

    Fails:
        ```yaml
        # as-of: 2025-09-01
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Gia Lai
          system_type: tthc
        - id: mot-cua-huyen-chu-se
          kind: channel
          name: Bộ phận một cửa huyện Chư Sê
          channel_type: one_stop_counter
          admin_level: huyen
          uses: [he-thong-tthc]
        ```

    Passes:
        ```yaml
        # as-of: 2025-09-01
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Gia Lai
          system_type: tthc
        - id: trung-tam-pvhcc-tinh
          kind: channel
          name: Trung tâm Phục vụ hành chính công tỉnh Gia Lai
          channel_type: service_centre
          admin_level: tinh
          uses: [he-thong-tthc]
        - id: trung-tam-pvhcc-xa
          kind: channel
          name: Trung tâm Phục vụ hành chính công cấp xã (135 xã, phường)
          channel_type: service_centre
          admin_level: xa
          uses: [he-thong-tthc]
        ```
    """
    graph = ctx.graph
    # judged province by province (a model of one province is one scope holding everything); what is in no
    # province of a model of several is judged after them
    scopes = province_scopes(ctx)
    found = places(graph)

    def by_province(els: list) -> dict[str | None, list]:
        out: dict[str | None, list] = {}
        for el in els:
            out.setdefault(found.where.get(el.id) if found is not None else None, []).append(el)
        return out

    candidates = by_province(graph.of_kind("channel", "organization"))
    tthc = by_province([e for e in graph.of_kind(*TTHC_KINDS)
                        if provincial(e) and value(e, "system_type") in ("tthc", "dvc_portal", "one_stop")])
    for scope in scopes:
        key = scope.anchor.id if scope.several and scope.anchor is not None else None
        centres = [(c, kind, _centre_level(ctx, c)) for c, kind in _centres(candidates.get(key, []))]
        yield from _district_centres(centres)
        yield from _judge_province(ctx, scope, centres, tthc.get(key, []))
    if scopes and scopes[0].several:
        yield from _district_centres([(c, kind, _centre_level(ctx, c)) for c, kind in _centres(candidates.get(None, []))])


def _district_centres(centres: list) -> Iterator[Violation]:
    for c, _, level in centres:
        if level == "huyen":
            yield Violation(
                msg("'{id}' is a district-level one-stop counter or centre still in service after {day}; the district level no longer exists",
                    id=c.id, day=reorganisation('two_level_government') - dt.timedelta(days=1)),
                element=c.id,
                path=("admin_level",) if value(c, "admin_level") else (),
                hint=msg("end it (valid_to: 2025-06-30) and move its work to the commune-level centres"),
                key="huyen",
            )


def _judge_province(ctx: RuleContext, scope, centres: list, tthc: list) -> Iterator[Violation]:
    graph = ctx.graph
    service = [(c, level) for c, kind, level in centres if kind == "service_centre"]
    provincial_centres = [c for c, level in service if level in ("tinh", None)]
    commune_centres = [c for c, level in service if level in COMMUNE_LEVELS]
    if not provincial_centres:
        yield about_province(
            ctx,
            msg("the architecture has no provincial public-administration service centre (a channel with channel_type: "
                "service_centre and admin_level: tinh), required since {day} (NĐ 118/2025/NĐ-CP)", day=reorganisation('two_level_government')),
            key="provincial-centre",
            hint=msg("add the provincial centre as a channel related to the TTHC system"),
            scope=scope,
        )
    if not commune_centres:
        yield about_province(
            ctx,
            msg("the architecture has no commune-level public-administration service centre (channel_type: "
                "service_centre, admin_level: xa/phuong/dac_khu), required since {day} (NĐ 118/2025/NĐ-CP)", day=reorganisation('two_level_government')),
            key="commune-centre",
            hint=msg("add the commune-level centres (one element for all of them is enough) related to the TTHC system"),
            scope=scope,
        )
    if tthc:
        tthc_ids = {t.id for t in tthc}
        for c in provincial_centres + commune_centres:
            if not _linked_to_any(graph, c.id, tthc_ids):
                yield Violation(
                    msg("service centre '{id}' is not related to the TTHC information system '{system}'", id=c.id, system=tthc[0].id),
                    element=c.id,
                    related=(Related(tthc[0].id, (), msg("the TTHC system")),),
                    hint=msg("add uses: [{system}] to the centre", system=tthc[0].id),
                    key="tthc-link",
                )
    communes = [
        o for o in graph.of_kind("organization")
        if provincial(o) and value(o, "admin_level") in COMMUNE_LEVELS and scope.contains(o)
    ]
    served = {c.id: _served_units(graph, c.id) for c in commune_centres}
    per_commune = commune_centres and all(served.values())
    if per_commune:
        covered = set().union(*served.values())
        for o in communes:
            if o.id not in covered:
                yield Violation(
                    msg("commune-level unit '{id}' has no public-administration service centre in the model", id=o.id),
                    element=o.id,
                    hint=msg("relate its centre to it: owner: <commune id> on the centre, or serves: [<commune id or "
                             "the id of the group of communes it serves>]"),
                    key="commune-centre",
                )
