"""The graph's typed queries, shared by rules and renderers."""

from __future__ import annotations

import datetime as dt

from conftest import write_model
from kientruc import build_graph, load
from kientruc.models import RELATION_TYPES, relation_table

FILES = {
    "a.yaml": """\
        - id: ubnd
          kind: organization
          name: Ủy ban nhân dân tỉnh
          owns: [lgsp]
        - id: mot-cua
          kind: application
          name: Hệ thống một cửa điện tử
          owner: ubnd
          valid_to: 2021-12-08
          successors: [tthc]
          integrates_via: [lgsp]
        - id: tthc
          kind: application
          name: Hệ thống thông tin giải quyết TTHC tỉnh
          owner: ubnd
          valid_from: 2021-12-09
          integrates_via: [lgsp]
          flows_to:
            - {target: dvcqg, via: lgsp, data: [hồ sơ, tiến độ], valid_from: 2022-01-01}
        - id: lgsp
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
          connects_to: [ndxp]
        - id: ndxp
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu quốc gia
          external: true
        - id: dvcqg
          kind: application
          name: Cổng Dịch vụ công quốc gia
          external: true
          connects_to: [ndxp]
        """
}


def graph(tmp_path, day=None):
    loaded = load(write_model(tmp_path / "m", FILES))
    assert loaded.ok, loaded.findings
    return build_graph(loaded.architecture, day)


def test_typed_queries(tmp_path):
    g = graph(tmp_path)
    assert [e.id for e in g.of_kind("application")] == ["mot-cua", "tthc", "dvcqg"]
    assert [e.id for e in g.layer("integration")] == ["lgsp", "ndxp"]
    assert sorted(r.source for r in g.in_(("lgsp"), "integrates_via")) == ["mot-cua", "tthc"]
    (flow,) = g.out("tthc", "flows_to")
    assert flow.target == "dvcqg" and flow.spec.via == "lgsp" and flow.spec.data == ["hồ sơ", "tiến độ"]
    assert g.owner("tthc").id == "ubnd"
    assert {e.id for e in g.neighbours("lgsp")} == {"ubnd", "mot-cua", "tthc", "ndxp"}
    assert g.path("tthc", "ndxp", ["integrates_via", "connects_to"]) == ["tthc", "lgsp", "ndxp"]
    assert g.path("ndxp", "tthc") is None
    assert g.counts()["application"] == {"application": 3}
    assert g.relation_counts()["owns"] == 3


def test_the_graph_of_a_day(tmp_path):
    before = graph(tmp_path, dt.date(2020, 1, 1))
    assert "mot-cua" in before and "tthc" not in before
    assert before.out("mot-cua", "successors") == []  # its successor does not exist yet
    after = graph(tmp_path / "x", dt.date(2021, 12, 20))
    assert "tthc" in after and "mot-cua" not in after
    assert after.out("tthc", "flows_to") == []  # the flow starts on 2022-01-01
    later = graph(tmp_path / "y", dt.date(2022, 1, 1))
    assert [r.target for r in later.out("tthc", "flows_to")] == ["dvcqg"]


def test_relation_table_covers_every_relation_type():
    assert set(relation_table()) == set(RELATION_TYPES)
    table = relation_table()
    assert table["hosted_on"].allows("application", "node")
    assert not table["hosted_on"].allows("application", "legal_document")
    assert table["supersedes"].allows("organization", "organization")
    assert not table["supersedes"].allows("organization", "application")
