"""Structure rules: the model holds together as a graph.

These rules apply to every profile and to every day: a broken reference is broken
whatever the date, so they read the whole model, not only the elements in force.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from typing import Iterator


from ..models import relation_table
from .registry import Related, RuleContext, Violation, rule


HISTORY_RELATIONS = frozenset({"successors", "supersedes"})


def _by_id(ctx: RuleContext) -> dict:
    return ctx.architecture.by_id()


def _did_you_mean(name: str, ids: dict[str, object]) -> str | None:
    # Compare only with ids of similar length that share the first letter: cheap at 100,000 elements.
    pool = [i for i in ids if i[:1] == name[:1] and abs(len(i) - len(name)) <= 4] or list(ids)[:5000]
    close = difflib.get_close_matches(name, pool, n=1, cutoff=0.6)
    return close[0] if close else None


@rule(
    code="STR001",
    name="unknown-reference",
    title="A relation names an element that does not exist",
    title_vi="Quan hệ trỏ tới phần tử không tồn tại",
    family="structure",
)
def unknown_reference(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Every id named by a relation (``uses``, ``hosted_on``, …), by an ``owner``, by
        a relation's ``via``, by the manifest's ``architecture.approved_by`` or by a
        waiver is the id of an element of the model.

    Kiểm tra:
        Mỗi mã định danh được nêu trong một quan hệ (``uses``, ``hosted_on``, …), trong
        ``owner``, trong ``via`` của quan hệ, trong ``architecture.approved_by`` của tệp khai
        báo hay trong một miễn trừ đều là mã của một phần tử có trong mô hình.

    Why:
        A relation to nothing is a broken line in every diagram and a gap every other
        rule falls through. It is usually a typo, or an element not written yet.

    Lý do:
        Quan hệ trỏ tới phần tử không tồn tại là một nét đứt trên mọi sơ đồ và là chỗ hổng
        mà mọi quy tắc khác bỏ sót. Thường là do gõ sai, hoặc phần tử chưa được viết.

    Fails:
        ```yaml
        - id: cong-dich-vu-cong
          kind: application
          name: Cổng Dịch vụ công tỉnh
          integrates_via: [lgsp-tinh]
        ```

    Passes:
        ```yaml
        - id: cong-dich-vu-cong
          kind: application
          name: Cổng Dịch vụ công tỉnh
          integrates_via: [lgsp-tinh]
        - id: lgsp-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
          platform_type: lgsp
        ```
    """
    ids = _by_id(ctx)

    def violation(target: str, what: str, **where) -> Violation:
        close = _did_you_mean(target, ids)
        hint = f"did you mean '{close}'?" if close else "define an element with this id, or correct the id"
        return Violation(f"{what} names '{target}', which is not an element of the model", hint=hint, **where)

    for rel in ctx.architecture.relations:
        other = rel.source if rel.path == ("owner",) else rel.target
        if other not in ids:
            what = "'owner'" if rel.path == ("owner",) else f"'{rel.type}'"
            yield violation(other, what, element=rel.written_by, path=rel.path)
        if rel.spec is not None and rel.spec.via is not None and rel.spec.via not in ids:
            yield violation(rel.spec.via, f"'{rel.type}' (via)", element=rel.written_by, path=rel.path + ("via",))
    manifest = ctx.architecture.manifest
    approved = manifest.architecture.approved_by
    if approved is not None and approved not in ids:
        yield violation(approved, "the manifest's 'approved_by'", in_manifest=True, path=("architecture", "approved_by"))
    for w, waiver in enumerate(manifest.waivers):
        for e, element_id in enumerate(waiver.elements):
            if element_id not in ids:
                yield violation(element_id, "a waiver", in_manifest=True, path=("waivers", w, "elements", e))


@rule(
    code="STR002",
    name="duplicate-id",
    title="Two elements have the same id",
    title_vi="Hai phần tử trùng mã định danh",
    family="structure",
)
def duplicate_id(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Each id is used by one element only, across all model files. Ids are
        compared after Unicode NFC normalisation, so two spellings that look alike
        are the same id.

    Kiểm tra:
        Mỗi mã định danh chỉ thuộc về một phần tử trong toàn bộ các tệp mô hình. Mã được
        so sánh sau khi chuẩn hóa Unicode NFC, nên hai cách viết trông giống nhau là một mã.

    Why:
        Relations name their targets by id: with two elements behind one id, every
        relation to it is ambiguous and one of the two silently disappears from the
        graph.

    Lý do:
        Quan hệ trỏ tới đích bằng mã định danh: hai phần tử cùng mã làm mọi quan hệ tới mã đó
        mơ hồ, và một trong hai phần tử lặng lẽ biến mất khỏi đồ thị.

    Fails:
        ```yaml
        - id: lgsp-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
        - id: lgsp-tinh
          kind: application
          name: Trục tích hợp dữ liệu
        ```

    Passes:
        ```yaml
        - id: lgsp-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
        - id: truc-tich-hop
          kind: application
          name: Trục tích hợp dữ liệu
        ```
    """
    first: dict[str, int] = {}
    for index, el in enumerate(ctx.architecture.elements):
        if el.id not in first:
            first[el.id] = index
            continue
        yield Violation(
            f"id '{el.id}' is already used by another element ({ctx.architecture.elements[first[el.id]].kind})",
            element=el.id,
            index=index,
            path=("id",),
            related=(Related(el.id, ("id",), "first defined here", index=first[el.id]),),
            hint="give each element its own id; relations name their target by id",
        )


@rule(
    code="STR003",
    name="relation-not-allowed",
    title="A relation joins kinds it may not join",
    title_vi="Quan hệ không hợp lệ giữa hai loại phần tử",
    family="structure",
)
def relation_not_allowed(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Each relation joins kinds that the relation-validity table
        (``kientruc/models/relations.yaml``, printed by ``kientruc relations``)
        allows: for example ``hosted_on`` goes from a system to a node,
        ``complies_with`` from anything to a legal document, principle or requirement.

    Kiểm tra:
        Mỗi quan hệ nối hai loại phần tử mà bảng quan hệ hợp lệ
        (``kientruc/models/relations.yaml``, in bằng ``kientruc relations``) cho phép: ví dụ
        ``hosted_on`` đi từ một hệ thống tới một nút hạ tầng, ``complies_with`` từ bất kỳ phần
        tử nào tới một văn bản pháp lý, nguyên tắc hay yêu cầu.

    Why:
        A relation with the wrong ends means something other than what was meant
        (an application "hosted on" a law), breaks the layered diagrams and misleads
        the framework rules that follow relations.

    Lý do:
        Quan hệ sai đầu mang nghĩa khác với ý định (một ứng dụng "triển khai trên" một nghị
        định), làm hỏng các sơ đồ phân lớp và đánh lừa các quy tắc khung kiến trúc đi theo
        quan hệ.

    Fails:
        ```yaml
        - id: he-thong-mot-cua
          kind: application
          name: Hệ thống một cửa điện tử
          hosted_on: [nghi-dinh-61-2018]
        - id: nghi-dinh-61-2018
          kind: legal_document
          name: Nghị định về thực hiện cơ chế một cửa, một cửa liên thông
          number: 61/2018/NĐ-CP
          doc_type: nghi_dinh
          date: 2018-04-23
          issuer: Chính phủ
        ```

    Passes:
        ```yaml
        - id: he-thong-mot-cua
          kind: application
          name: Hệ thống một cửa điện tử
          complies_with: [nghi-dinh-61-2018]
        - id: nghi-dinh-61-2018
          kind: legal_document
          name: Nghị định về thực hiện cơ chế một cửa, một cửa liên thông
          number: 61/2018/NĐ-CP
          doc_type: nghi_dinh
          date: 2018-04-23
          issuer: Chính phủ
        ```
    """
    table = relation_table()
    ids = _by_id(ctx)
    for rel in ctx.architecture.relations:
        source, target = ids.get(rel.source), ids.get(rel.target)
        if source is None or target is None or source is target:
            continue  # STR001 and STR007 speak of these
        rtype = table[rel.type]
        if rtype.allows(source.kind, target.kind):
            continue
        alternatives = [t for t, spec in table.items() if spec.allows(source.kind, target.kind)]
        alternatives = [a for a in alternatives if a != "associated_with"][:4] or alternatives
        hint = f"'{rel.type}' from {source.kind} may point to: " + (
            ", ".join(rtype.allowed_targets(source.kind)) or "nothing (not written on this kind)"
        )
        if alternatives:
            hint += f"; from {source.kind} to {target.kind} use " + " or ".join(f"'{a}'" for a in alternatives)
        yield Violation(
            f"'{rel.type}' may not join {source.kind} '{source.id}' to {target.kind} '{target.id}'",
            element=rel.written_by,
            path=rel.path,
            related=(Related(target.id, (), f"the {target.kind} named"),),
            hint=hint,
        )


def _cycles(edges: list[tuple[str, str]]) -> list[list[str]]:
    if not edges:
        return []
    import networkx as nx  # here, not at the top: importing networkx costs 0.2 s at every start

    graph = nx.DiGraph(edges)
    return [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]


@rule(
    code="STR004",
    name="composition-cycle",
    title="Elements are parts of each other",
    title_vi="Phần tử là thành phần của nhau (vòng lặp)",
    family="structure",
)
def composition_cycle(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        ``composed_of`` relations form no cycle: no element is, directly or through
        others, a part of itself.

    Kiểm tra:
        Các quan hệ ``composed_of`` không tạo thành vòng: không phần tử nào, trực tiếp hay
        qua phần tử khác, là thành phần của chính nó.

    Why:
        Composition is a hierarchy (a system and its modules, an organization and its
        units). A cycle makes "what is part of what" meaningless for diagrams,
        security levels of composite systems (NĐ 85/2016/NĐ-CP Điều 5) and counts.

    Lý do:
        Quan hệ thành phần là một cây phân cấp (hệ thống và các phân hệ, cơ quan và các đơn
        vị). Vòng lặp làm câu hỏi "cái gì là thành phần của cái gì" vô nghĩa đối với sơ đồ, đối
        với cấp độ an toàn của hệ thống nhiều thành phần (Nghị định 85/2016/NĐ-CP Điều 5) và
        đối với số liệu thống kê.

    Fails:
        ```yaml
        - id: ioc-tinh
          kind: application
          name: Trung tâm giám sát, điều hành thông minh tỉnh
          composed_of: [phan-he-giao-thong]
        - id: phan-he-giao-thong
          kind: application
          name: Phân hệ giám sát giao thông
          composed_of: [ioc-tinh]
        ```

    Passes:
        ```yaml
        - id: ioc-tinh
          kind: application
          name: Trung tâm giám sát, điều hành thông minh tỉnh
          composed_of: [phan-he-giao-thong]
        - id: phan-he-giao-thong
          kind: application
          name: Phân hệ giám sát giao thông
        ```
    """
    ids = _by_id(ctx)
    edges = [
        (r.source, r.target)
        for r in ctx.architecture.relations
        if r.type == "composed_of" and r.target in ids and r.target != r.source
    ]
    yield from _cycle_violations(ctx, _cycles(edges), "composed_of", "is part of itself through")


def _cycle_violations(ctx: RuleContext, cycles: list[list[str]], field: str, verb: str) -> Iterator[Violation]:
    if not cycles:
        return
    order = {e.id: i for i, e in reversed(list(enumerate(ctx.architecture.elements)))}
    for members in cycles:
        members.sort(key=lambda m: order.get(m, 0))
        head = members[0]
        others = members[1:]
        yield Violation(
            f"'{head}' {verb} " + " → ".join(others + [head]),
            element=head,
            path=(field,),
            related=tuple(Related(m, (field,), "in the cycle") for m in others),
            hint=f"remove one '{field}' relation of the cycle",
        )


@rule(
    code="STR005",
    name="supersession-cycle",
    title="Elements replace each other in a circle",
    title_vi="Phần tử thay thế lẫn nhau (vòng lặp)",
    family="structure",
)
def supersession_cycle(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        ``supersedes`` and ``successors`` relations form no cycle: following "was
        replaced by" never comes back to where it started.

    Kiểm tra:
        Các quan hệ ``supersedes`` và ``successors`` không tạo thành vòng: lần theo "được
        thay thế bởi" không bao giờ quay về điểm xuất phát.

    Why:
        History is a line, not a circle: Sở Thông tin và Truyền thông was succeeded
        by Sở Khoa học và Công nghệ on 1/3/2025, not the other way round as well.
        Answering "who was responsible on that day" needs an acyclic history.

    Lý do:
        Lịch sử là một đường thẳng: Sở Thông tin và Truyền thông được Sở Khoa học và Công
        nghệ kế thừa từ 1/3/2025, không có chiều ngược lại. Trả lời câu hỏi "ngày đó ai chịu
        trách nhiệm" cần một lịch sử không có vòng.

    Fails:
        ```yaml
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông
          successors: [so-khcn]
        - id: so-khcn
          kind: organization
          name: Sở Khoa học và Công nghệ
          successors: [so-tttt]
        ```

    Passes:
        ```yaml
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông
          valid_to: 2025-02-28
          successors: [so-khcn]
        - id: so-khcn
          kind: organization
          name: Sở Khoa học và Công nghệ
          valid_from: 2025-03-01
        ```
    """
    ids = _by_id(ctx)
    edges: list[tuple[str, str]] = []  # old -> new ("was replaced by")
    for r in ctx.architecture.relations:
        if r.target not in ids or r.target == r.source:
            continue
        if r.type == "supersedes":
            edges.append((r.target, r.source))
        elif r.type == "successors":
            edges.append((r.source, r.target))
    for members in _cycles(edges):
        yield from _cycle_violations(ctx, [members], "supersedes", "is replaced, in the end, by itself through")


@rule(
    code="STR006",
    name="isolated-element",
    title="An element has no relation at all",
    title_vi="Phần tử không có quan hệ nào",
    family="structure",
)
def isolated_element(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Every element in force on the day checked has at least one relation, in
        either direction (an ``owner`` counts), or is named by the manifest. A
        relation to an unknown element or to one not in force that day still counts:
        rules STR001 and STR009 speak of those.

    Kiểm tra:
        Mỗi phần tử có hiệu lực vào ngày kiểm tra có ít nhất một quan hệ theo bất kỳ chiều
        nào (``owner`` cũng tính), hoặc được tệp khai báo nêu tên. Quan hệ tới phần tử không
        tồn tại, hay không có hiệu lực vào ngày đó, vẫn được tính: quy tắc STR001 và STR009
        nói về những trường hợp này.

    Why:
        An element nothing relates to shows up in no diagram but its own and is
        checked by no framework rule that follows relations; it is often left over
        from an earlier version, or its relations were forgotten.

    Lý do:
        Phần tử không có quan hệ nào chỉ xuất hiện trên sơ đồ của riêng nó và không được quy
        tắc khung kiến trúc nào đi theo quan hệ kiểm tra; thường đó là phần sót lại từ phiên
        bản trước, hoặc các quan hệ của nó bị quên.

    Fails:
        ```yaml
        - id: hop-thu-dien-tu
          kind: application
          name: Hệ thống thư điện tử công vụ
        ```

    Passes:
        ```yaml
        - id: hop-thu-dien-tu
          kind: application
          name: Hệ thống thư điện tử công vụ
          serves: [can-bo-cong-chuc]
        - id: can-bo-cong-chuc
          kind: actor
          name: Cán bộ, công chức, viên chức
          actor_type: official
        ```
    """
    graph = ctx.graph
    named = {ctx.architecture.manifest.architecture.approved_by}
    for rel in graph.dangling:  # relations written but not in the day's graph still count
        named.update((rel.source, rel.target))
    related = graph.related_ids()
    for el in graph.elements():
        if el.id not in related and el.id not in named:
            yield Violation(
                f"{el.kind} '{el.id}' has no relation to any other element",
                element=el.id,
                hint="relate it to what it serves, uses or belongs to, or set its 'owner'",
            )


@rule(
    code="STR007",
    name="self-relation",
    title="An element is related to itself",
    title_vi="Phần tử có quan hệ với chính nó",
    family="structure",
)
def self_relation(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        No relation has the same element at both ends (``uses: [itself]``).

    Kiểm tra:
        Không quan hệ nào có cùng một phần tử ở cả hai đầu (``uses: [chính nó]``).

    Why:
        A relation from an element to itself says nothing and is nearly always a
        copy-and-paste slip where another element was meant.

    Lý do:
        Quan hệ từ một phần tử tới chính nó không nói lên điều gì và gần như luôn là lỗi sao
        chép, khi ý định là một phần tử khác.

    Fails:
        ```yaml
        - id: lgsp-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
          connects_to: [lgsp-tinh]
        ```

    Passes:
        ```yaml
        - id: lgsp-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
          connects_to: [ndxp]
        - id: ndxp
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu quốc gia
          external: true
        ```
    """
    for rel in ctx.architecture.relations:
        if rel.source == rel.target:
            yield Violation(
                f"'{rel.type}' relates '{rel.source}' to itself",
                element=rel.written_by,
                path=rel.path,
                hint="name the other element this relation was meant for",
            )


@rule(
    code="STR008",
    name="invalid-period",
    title="A period ends before it starts",
    title_vi="Khoảng thời gian kết thúc trước khi bắt đầu",
    family="structure",
)
def invalid_period(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        ``valid_to`` is not before ``valid_from`` on elements and relations, and a
        project's, work package's or plateau's ``end`` is not before its ``start``.

    Kiểm tra:
        ``valid_to`` không sớm hơn ``valid_from`` trên phần tử và quan hệ, và ``end`` của dự
        án, hạng mục công việc hay giai đoạn không sớm hơn ``start``.

    Why:
        kientruc answers for any day (``--as-of``) from these dates; a period that
        ends before it starts makes an element exist on no day at all.

    Lý do:
        kientruc trả lời cho bất kỳ ngày nào (``--as-of``) dựa trên các ngày này; khoảng thời
        gian kết thúc trước khi bắt đầu làm phần tử không tồn tại vào ngày nào cả.

    Fails:
        ```yaml
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông
          valid_from: 2025-03-01
          valid_to: 2008-04-01
        ```

    Passes:
        ```yaml
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông
          valid_from: 2008-04-01
          valid_to: 2025-02-28
        ```
    """
    for el in ctx.architecture.elements:
        if el.valid_from and el.valid_to and el.valid_to < el.valid_from:
            yield Violation(
                f"'{el.id}' ends ({el.valid_to}) before it starts ({el.valid_from})",
                element=el.id,
                path=("valid_to",),
                hint="swap the dates, or correct one of them",
            )
        fields = el.__dict__
        start, end = fields.get("start"), fields.get("end")
        if start and end and end < start:
            yield Violation(
                f"'{el.id}' ends ({end}) before it starts ({start})",
                element=el.id,
                path=("end",),
                hint="swap 'start' and 'end', or correct one of them",
            )
    for rel in ctx.architecture.relations:
        spec = rel.spec
        if spec and spec.valid_from and spec.valid_to and spec.valid_to < spec.valid_from:
            yield Violation(
                f"'{rel.type}' to '{rel.target}' ends ({spec.valid_to}) before it starts ({spec.valid_from})",
                element=rel.written_by,
                path=rel.path + ("valid_to",),
                hint="swap the dates, or correct one of them",
            )



@rule(
    code="STR009",
    name="reference-out-of-period",
    title="A relation names an element that does not exist on the day checked",
    title_vi="Quan hệ trỏ tới phần tử không còn (hoặc chưa) tồn tại vào ngày kiểm tra",
    family="structure",
)
def reference_out_of_period(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        On the day checked (``--as-of``, today by default), every relation of an
        element that exists that day, including its ``owner``, names an element that
        exists that day too — unless the relation itself has ended (its own
        ``valid_to``) or not yet begun (``valid_from``). ``successors`` and
        ``supersedes`` join elements of different times by nature and are not checked.

    Kiểm tra:
        Vào ngày kiểm tra (``--as-of``, mặc định là hôm nay), mọi quan hệ của một phần tử
        tồn tại ngày đó, kể cả ``owner``, đều trỏ tới phần tử cũng tồn tại ngày đó — trừ khi
        bản thân quan hệ đã kết thúc (``valid_to`` của nó) hoặc chưa bắt đầu
        (``valid_from``). ``successors`` và ``supersedes`` vốn nối các phần tử ở những thời
        điểm khác nhau nên không bị kiểm tra.

    Why:
        Organisations and systems end: Sở Thông tin và Truyền thông ended on
        28/2/2025 and Sở Khoa học và Công nghệ took over its functions. A system
        still owned by the old department today has no owner in reality. Recording
        when each relation held keeps the history true for every day.

    Lý do:
        Cơ quan và hệ thống đều có lúc kết thúc: Sở Thông tin và Truyền thông kết thúc ngày
        28/2/2025 và Sở Khoa học và Công nghệ tiếp nhận chức năng. Một hệ thống hôm nay vẫn
        thuộc sở cũ thì trên thực tế không có chủ quản. Ghi rõ mỗi quan hệ có hiệu lực khi nào
        giữ cho lịch sử đúng với mọi ngày.

    Fails:
        ```yaml
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông
          valid_to: 2025-02-28
          successors: [so-khcn]
        - id: so-khcn
          kind: organization
          name: Sở Khoa học và Công nghệ
          valid_from: 2025-03-01
        - id: lgsp-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
          owner: so-tttt
        ```

    Passes:
        ```yaml
        - id: so-tttt
          kind: organization
          name: Sở Thông tin và Truyền thông
          valid_to: 2025-02-28
          successors: [so-khcn]
          owns: [{target: lgsp-tinh, valid_to: 2025-02-28}]
        - id: so-khcn
          kind: organization
          name: Sở Khoa học và Công nghệ
          valid_from: 2025-03-01
          owns: [{target: lgsp-tinh, valid_from: 2025-03-01}]
        - id: lgsp-tinh
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
        ```
    """
    ids = _by_id(ctx)
    day = ctx.day
    successors: dict[str, set[str]] = defaultdict(set)  # old id -> ids that took over from it
    if ctx.graph.dangling:
        for r in ctx.architecture.relations:
            if r.type == "successors":
                successors[r.source].add(r.target)
            elif r.type == "supersedes":
                successors[r.target].add(r.source)
    for rel in ctx.graph.dangling:
        if rel.type in HISTORY_RELATIONS:
            continue  # they join elements of different times by nature
        written_by = ids.get(rel.written_by)
        other_id = rel.source if rel.path == ("owner",) else rel.target
        other = ids.get(other_id)
        if other is None or written_by is None:
            continue  # an unknown id: STR001
        if rel.spec is not None and (
            (rel.spec.valid_to is not None and rel.spec.valid_to < day)
            or (rel.spec.valid_from is not None and rel.spec.valid_from > day)
        ):
            continue  # the relation itself is not in force that day
        if other.valid_to is not None and other.valid_to < day:
            when = f"it ended on {other.valid_to}"
        else:
            when = f"it begins on {other.valid_from}"
        field = "'owner'" if rel.path == ("owner",) else f"'{rel.type}'"
        hint = "give the relation its own valid_from / valid_to"
        if successors.get(other.id):
            hint += f", and relate to the successor ({', '.join(sorted(successors[other.id]))}) from then on"
        yield Violation(
            f"{field} names '{other.id}', which does not exist on {day} ({when})",
            element=written_by.id,
            path=rel.path,
            related=(Related(other.id, (), "the element named"),),
            hint=hint,
        )
