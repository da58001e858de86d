"""Rule STR001 (unknown-reference): a relation names an element that does not exist."""

from __future__ import annotations

import bisect
import difflib
from typing import Iterable, Iterator

from ...registry import SEARCH_MAX, RuleContext, Violation, rule  # SEARCH_MAX: distinct unknown ids a check looks for a close id for; past them, the hint says so
from ._helpers import by_id
from ....i18n import field, kind, msg, relation


CAP = 200  # candidates compared with an unknown id at most: the cost of a finding does not grow with the model


class Suggester:
    """The closest id to an unknown one, with the ids indexed once (by first letter and length, and sorted
    forwards and backwards), so that each unknown id costs at most ``CAP`` comparisons however large the
    model: the cost of reporting grows linearly with the findings (issue 19, item 4).

    The candidates are the ids of similar length (±4) that share the first letter; when there are more
    than ``CAP``, the ``CAP`` nearest in sorted order of the ids and of the reversed ids (those that share
    the longest beginning or end with the unknown id: a typo leaves one of them). With no such id, the
    nearest ids of any kind in the same orders. Up to ``CAP`` candidates the answer is what comparing with
    every candidate gives. An unknown id met again is answered from memory.
    """

    def __init__(self, ids: Iterable[str]) -> None:
        self.ids = list(ids)
        self.buckets: dict[tuple[str, int], list[str]] = {}
        for i in self.ids:
            self.buckets.setdefault((i[:1], len(i)), []).append(i)
        self._sorted: dict[str, tuple[list[str], list[str]]] = {}
        self._memo: dict[str, str | None] = {}

    def changed(self, gone: Iterable[str], came: Iterable[str], ids: Iterable[str]) -> None:
        """The index brought to ``ids``: ``gone`` left it and ``came`` joined it (the answers are asked again)."""
        for i in gone:
            bucket = self.buckets.get((i[:1], len(i)))
            if bucket is not None and i in bucket:
                bucket.remove(i)
        for i in came:
            self.buckets.setdefault((i[:1], len(i)), []).append(i)
        self.ids = list(ids)
        self._sorted.clear()
        self._memo.clear()

    def _near(self, name: str, letter: str | None) -> list[str]:
        """The ``CAP`` ids nearest to ``name`` in sorted order, forwards and backwards (of one first letter)."""
        key = letter if letter is not None else ""
        if key not in self._sorted:
            pool = self.ids if letter is None else [i for i in self.ids if i[:1] == letter]
            self._sorted[key] = (sorted(pool), sorted(i[::-1] for i in pool))
        forwards, backwards = self._sorted[key]
        out: dict[str, None] = {}
        for order, probe, flip in ((forwards, name, False), (backwards, name[::-1], True)):
            at = bisect.bisect_left(order, probe)
            lo, hi = max(0, at - CAP // 4), min(len(order), at + CAP // 4)
            for item in order[lo:hi]:
                out[item[::-1] if flip else item] = None
        return list(out)

    def suggest(self, name: str) -> str | None:
        if name in self._memo:
            return self._memo[name]
        first, size = name[:1], len(name)
        pool = [i for n in range(size - 4, size + 5) for i in self.buckets.get((first, n), ())]
        if len(pool) > CAP:
            lengths = set(range(size - 4, size + 5))
            pool = [i for i in self._near(name, first) if len(i) in lengths]
        elif not pool:
            pool = self.ids[:CAP] if len(self.ids) <= CAP else self._near(name, None)
        self._memo[name] = answer = closest(name, pool)
        return answer


def closest(name: str, pool: list[str], cutoff: float = 0.6) -> str | None:
    """``difflib.get_close_matches(name, pool, n=1, cutoff)``, the same answer, found sooner: the full ratio is
    computed in the order of its upper bound (``quick_ratio``) and stops once no bound can beat the best."""
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(name)
    bounded: list[tuple[float, str]] = []
    for x in pool:
        matcher.set_seq1(x)
        if matcher.real_quick_ratio() >= cutoff:
            q = matcher.quick_ratio()
            if q >= cutoff:
                bounded.append((q, x))
    bounded.sort(reverse=True)
    best: tuple[float, str] | None = None
    for q, x in bounded:
        if best is not None and q < best[0]:
            break
        matcher.set_seq1(x)
        r = matcher.ratio()
        if r >= cutoff and (best is None or (r, x) > best):
            best = (r, x)
    return best[1] if best else None


_LAST: list[tuple[dict[str, object], int, Suggester]] = []
REINDEX = 1000  # ids added or removed past which the index is built again rather than changed


def _did_you_mean(name: str, ids: dict[str, object]) -> str | None:
    """The id of ``ids`` closest to ``name``, if one is close enough. The index is kept for the same ``ids``, and
    changed for the next ones where few ids came or went (a model edited, checked again)."""
    entry = _LAST[0] if _LAST else None  # one read: another thread may replace it meanwhile
    if entry is None or entry[0] is not ids or entry[1] != len(ids):
        if entry is not None and abs(entry[1] - len(ids)) <= REINDEX and len(entry[0]) == entry[1]:
            gone, came = entry[0].keys() - ids.keys(), ids.keys() - entry[0].keys()
            if len(gone) + len(came) <= REINDEX:
                suggester = entry[2]
                if gone or came:
                    suggester.changed(gone, came, ids)
                entry = (ids, len(ids), suggester)
                _LAST[:] = [entry]
                return suggester.suggest(name)
        entry = (ids, len(ids), Suggester(ids))
        _LAST[:] = [entry]
    return entry[2].suggest(name)


@rule(
    code="STR001",
    name="unknown-reference",
    title="A relation names an element that does not exist",
    title_vi="Quan hệ trỏ tới phần tử không tồn tại",
    family="structure",
    scope="writer",
    ids=True,
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
    ids = by_id(ctx)

    searched: set[str] = set()

    def violation(target: str, what: str, **where) -> Violation:
        # the close-id search is bounded per unknown id (CAP) and per check (SEARCH_MAX distinct ids)
        if target in searched or len(searched) < SEARCH_MAX:
            searched.add(target)
            close = _did_you_mean(target, ids)
            hint = msg("did you mean '{id}'?", id=close) if close else msg("define an element with this id, or correct the id")
        else:
            hint = msg("define an element with this id, or correct the id (no close id was looked for: the model "
                       "names more than {n} unknown ids)", n=SEARCH_MAX)
        return Violation(msg("{what} names '{target}', which is not an element of the model", what=what, target=target), hint=hint, **where)

    for rel in ctx.architecture.relations:
        other = rel.source if rel.path == ("owner",) else rel.target
        if other not in ids:
            what = msg("the field {field}", field=field("owner")) if rel.path == ("owner",) else msg("the relation {relation}", relation=relation(rel.type))
            yield violation(other, what, element=rel.written_by, path=rel.path)
        if rel.spec is not None and rel.spec.via is not None and rel.spec.via not in ids:
            yield violation(rel.spec.via, msg("the platform (via) of {relation}", relation=relation(rel.type)), element=rel.written_by, path=rel.path + ("via",))
    manifest = ctx.architecture.manifest
    approved = manifest.architecture.approved_by
    if approved is not None and approved not in ids:
        yield violation(approved, msg("the manifest's approving decision (approved_by)"), in_manifest=True, path=("architecture", "approved_by"))
    for w, waiver in enumerate(manifest.waivers):
        for e, element_id in enumerate(waiver.elements):
            if element_id not in ids:
                yield violation(element_id, msg("a waiver"), in_manifest=True, path=("waivers", w, "elements", e))
