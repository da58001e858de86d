"""Findings stay cheap (issue 19, item 4): the did-you-mean search is bounded per finding, and a text
report of very many findings groups them by cause after the first screenful."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from kientruc.cli import cli
from kientruc.validators.rules.structure import STR001
from kientruc.validators.rules.structure.STR001 import CAP, Suggester

REPO = Path(__file__).resolve().parents[1]


def _compare_all(name: str, ids: list[str]) -> str | None:
    """What comparing with every candidate gives (the search before the index): the reference."""
    pool = [i for i in ids if i[:1] == name[:1] and abs(len(i) - len(name)) <= 4] or ids[:5000]
    close = difflib.get_close_matches(name, pool, n=1, cutoff=0.6)
    return close[0] if close else None


slug = st.from_regex(r"[a-e][a-e0-9]{0,6}(-[a-e0-9]{1,5}){0,2}", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(ids=st.lists(slug, min_size=1, max_size=60, unique=True), name=slug)
def test_up_to_cap_candidates_the_answer_is_that_of_comparing_with_all(ids, name):
    assert Suggester(ids).suggest(name) == _compare_all(name, ids)


def test_a_large_model_costs_at_most_cap_comparisons_per_unknown_id(monkeypatch):
    # 20,000 ids of one first letter and similar length: the search before compared with all of them
    ids = [f"t{p:03d}-he-thong-{k:05d}" for p in range(20) for k in range(1000)]
    pools: list[int] = []
    real = STR001.closest

    def counting(word, possibilities, cutoff=0.6):
        pools.append(len(possibilities))
        return real(word, possibilities, cutoff)

    monkeypatch.setattr(STR001, "closest", counting)
    s = Suggester(ids)
    # typos at the end, in the middle and near the beginning are all found
    assert s.suggest("t007-he-thong-00412x") == "t007-he-thong-00412"
    assert s.suggest("t007-he-thng-00412") == "t007-he-thong-00412"
    assert s.suggest("t00-he-thong-00412") in {i for i in ids if difflib.SequenceMatcher(
        None, "t00-he-thong-00412", i).ratio() >= 0.9}
    assert s.suggest("zzz") is None
    assert pools and max(pools) <= CAP
    n = len(pools)
    assert s.suggest("t007-he-thong-00412x") == "t007-he-thong-00412" and len(pools) == n  # from memory


@settings(max_examples=300, deadline=None)
@given(pool=st.lists(slug, max_size=40), name=slug)
def test_the_bounded_search_answers_as_get_close_matches(pool, name):
    close = difflib.get_close_matches(name, pool, n=1, cutoff=0.6)
    assert STR001.closest(name, pool) == (close[0] if close else None)


def test_past_search_max_unknown_ids_the_hint_says_no_close_id_was_looked_for(tmp_path, monkeypatch):
    from kientruc import pipeline

    monkeypatch.setattr(STR001, "SEARCH_MAX", 10)
    root = _many_unknowns(tmp_path, 30)
    hints = [f.hint for f in pipeline.check(root, cache=False).findings if f.code == "STR001"]
    assert len(hints) == 30
    assert sum("no close id was looked for" in h for h in hints) == 20


def _many_unknowns(tmp: Path, count: int) -> Path:
    root = tmp / "m"
    shutil.copytree(REPO / "architecture", root)
    lines = ["- id: nhieu-tham-chieu", "  kind: application", "  name: Hệ thống nhiều tham chiếu",
             "  associated_with:"] + [f"    - khong-co-{i:06d}" for i in range(count)]
    (root / "nhieu.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_a_text_report_of_very_many_findings_groups_them_by_cause(tmp_path):
    root = _many_unknowns(tmp_path, 1500)
    out = CliRunner().invoke(cli, ["check", str(root), "--no-cache", "--lang", "en"])
    assert out.exit_code == 1
    lines = out.output.splitlines()
    assert len(lines) < 150  # not 1,500 findings with their hints
    located = [ln for ln in lines if ": error " in ln or ": warning " in ln or ": info " in ln]
    assert len(located) == 40
    head = next(i for i, ln in enumerate(lines) if "more findings, by cause" in ln)
    total = len(json.loads(CliRunner().invoke(cli, ["check", str(root), "--format", "json",
                                                    "--no-cache"]).output)["findings"])
    assert f"… {total - 40:,} more findings" in lines[head]  # numbers in the language's form
    summary = next(i for i, ln in enumerate(lines) if ln.startswith("1,500 errors"))  # the verdict follows it
    groups = lines[head + 1:summary]
    counts = {ln.split()[2]: int(ln.split()[0]) for ln in groups}
    assert sum(counts.values()) == total - 40
    assert counts["STR001"] >= 1500 - 40 and "in 1 file, first at " in next(g for g in groups if "STR001" in g)
    assert summary > head
    # in Vietnamese (the default) the grouped lines speak Vietnamese
    vi = CliRunner().invoke(cli, ["check", str(root)]).output
    assert "more findings" not in vi and "by cause" not in vi and "lỗi STR001" in vi


def test_a_report_of_fewer_findings_lists_every_one(tmp_path):
    root = _many_unknowns(tmp_path, 300)
    out = CliRunner().invoke(cli, ["check", str(root), "--no-cache", "--lang", "en"])
    assert "by cause" not in out.output
    assert out.output.count("error STR001") == 300


@settings(max_examples=60, deadline=None)
@given(gone=st.lists(st.integers(0, 1999), max_size=20), came=st.lists(st.integers(0, 99_999), max_size=20),
       typo=st.sampled_from(["x", "", "-"]))
def test_an_index_changed_for_the_ids_that_came_and_went_answers_as_one_built_afresh(gone, came, typo):
    """After an edit the next check's ids differ by a few: ``_did_you_mean`` changes the index it kept instead of
    building it again, and answers what an index built from the new ids answers (for typos of the ids that went,
    came and stayed)."""
    # 26 first letters, 80 ids each: each search reads the ids of its first letter and length (fewer than CAP)
    before = [f"{chr(97 + p)}-he-thong-{k}" for p in range(26) for k in range(80)][:2000]
    new = [f"{chr(97 + k % 26)}-he-thong-moi-{k}" for k in came]
    first = dict.fromkeys(before)
    after = dict.fromkeys([i for n, i in enumerate(before) if n not in set(gone)] + new)
    names = [before[n][:-1] + typo for n in gone] + [i[:-1] + typo for i in new] + [before[7][:-2] + typo]
    for name in names:
        STR001._did_you_mean(name, first)
    for name in names:
        assert STR001._did_you_mean(name, after) == Suggester(after).suggest(name)
