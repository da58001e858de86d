"""The national administrative catalogue (kientruc.frameworks.provinces) and the rules that read it
(ORG004 commune counts, ORG005 a province that no longer exists, ORG006 predecessors, LOAD014), on
models of several provinces before and after 1/7/2025, each broken model beside its clean twin."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

import kientruc
from conftest import write_model
from kientruc.frameworks.provinces import CONFIDENCES, catalogue, name_key

BEFORE = dt.date(2025, 6, 1)
AFTER = dt.date(2026, 1, 15)


# --------------------------------------------------------------------------- the data


def test_63_provinces_until_30_6_2025_and_34_from_1_7_2025():
    cat = catalogue()
    assert len(cat.on(dt.date(2025, 6, 30))) == 63
    assert len(cat.on(dt.date(2025, 7, 1))) == 34
    after = cat.on(AFTER)
    assert sum(p.type == "thanh_pho" for p in after) == 6 and sum(p.type == "tinh" for p in after) == 28


def test_every_old_province_has_one_successor_that_lists_it():
    cat = catalogue()
    for old in cat.before.values():
        assert old.id in cat.successor(old).predecessors
    assert sorted(i for p in cat.after.values() for i in p.predecessors) == sorted(cat.before)
    unchanged = [p.name for p in cat.after.values() if len(p.predecessors) == 1]
    assert len(unchanged) == 11 and "Hà Tĩnh" in unchanged and "Lạng Sơn" in unchanged


def test_commune_counts_add_up_to_the_national_totals_after_the_34_resolutions():
    # 3.321 units: 2.621 xã, 687 phường, 13 đặc khu (reported after the UBTVQH resolutions of 16/6/2025)
    counts = [p.communes for p in catalogue().after.values()]
    assert all(c is not None and c.known for c in counts)
    assert sum(c.xa for c in counts) == 2621
    assert sum(c.phuong for c in counts) == 687
    assert sum(c.dac_khu for c in counts) == 13
    assert sum(c.total for c in counts) == 3321


def test_each_province_has_its_own_standing_committee_resolution_of_16_6_2025():
    counts = [p.communes for p in catalogue().after.values()]
    numbers = sorted(int(c.resolution.split("/")[0]) for c in counts)
    assert numbers == list(range(1654, 1688))
    assert all(c.resolution.endswith("/NQ-UBTVQH15") and c.resolution_date == dt.date(2025, 6, 16) for c in counts)


def test_every_fact_is_sourced_nfc_and_has_a_confidence():
    cat = catalogue()
    for p in cat.all():
        assert p.source in cat.sources and p.confidence in CONFIDENCES
        assert all(unicodedata.is_normalized("NFC", n) for n in p.names)
        if p.communes:
            assert p.communes.source in cat.sources and p.communes.confidence in CONFIDENCES
            assert p.communes.resolution_source in cat.sources
        if p.centre:
            assert p.centre.in_ in p.predecessors and p.centre.confidence in CONFIDENCES


# --------------------------------------------------------------------------- look-ups


@pytest.mark.parametrize("name", ["Lạng Sơn", "Tỉnh Lạng Sơn", "tinh lang son", "LẠNG SƠN", "Lang Son"])
def test_names_are_found_with_or_without_tinh_accents_or_case(name):
    assert catalogue().find(name, AFTER).full_name == "Tỉnh Lạng Sơn"


def test_ascii_folding_of_names():
    assert name_key("Thành phố Hồ Chí Minh") == "ho chi minh"
    assert name_key("Tỉnh Bà Rịa – Vũng Tàu") == name_key("Bà Rịa-Vũng Tàu") == "ba ria vung tau"
    assert name_key("Đắk Lắk") == "dak lak"


def test_a_dissolved_province_before_and_after_the_merger():
    cat = catalogue()
    kon_tum = cat.find("Kon Tum", BEFORE)
    assert kon_tum is not None and kon_tum.valid_to == dt.date(2025, 6, 30)
    assert cat.find("Kon Tum", AFTER) is None
    assert cat.dissolved("Kon Tum", AFTER) is kon_tum and cat.dissolved("Kon Tum", BEFORE) is None
    assert cat.successor(kon_tum).full_name == "Tỉnh Quảng Ngãi"
    assert cat.created_by(cat.successor(kon_tum)).startswith("Nghị quyết 202/2025/QH15 ngày 12/6/2025")


def test_gia_lai_after_the_merger_is_another_unit_than_before():
    cat = catalogue()
    before, after = cat.find("Gia Lai", BEFORE), cat.find("Gia Lai", AFTER)
    assert before is not after and before.era == "before_2025" and after.era == "after_2025"
    assert [p.name for p in cat.predecessors(after)] == ["Bình Định", "Gia Lai"]
    assert after.centre.in_ == "binh-dinh"
    assert (after.communes.xa, after.communes.phuong, after.communes.dac_khu) == (110, 25, 0)
    assert after.communes.instrument == "Nghị quyết 1664/NQ-UBTVQH15 ngày 16/6/2025"
    assert cat.dissolved("Gia Lai", AFTER) is None


def test_an_unchanged_province_is_its_own_successor():
    cat = catalogue()
    old = cat.find("Hà Tĩnh", BEFORE)
    new = cat.successor(old)
    assert new.name == "Hà Tĩnh" and [p.id for p in cat.predecessors(new)] == [old.id]
    assert new.communes.total == 69 and new.communes.resolution == "1665/NQ-UBTVQH15"


def test_province_named_in_an_organisation_name_and_did_you_mean():
    cat = catalogue()
    assert cat.mentioned_in("Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu") == "Bà Rịa - Vũng Tàu"
    assert cat.mentioned_in("Sở Khoa học và Công nghệ tỉnh Kon Tum") == "Kon Tum"
    assert cat.mentioned_in("Ủy ban nhân dân phường Đông Hà") is None
    assert cat.suggest("Kon Tom")[0] == "Kon Tum"
    assert cat.named("Thừa Thiên Huế") and cat.dissolved("Thừa Thiên Huế", AFTER) is None  # renamed, not merged


# --------------------------------------------------------------------------- models


def manifest(province: str, predecessors: list[str] | None = None, profile: str = "vn-digital-nation-2025") -> dict:
    m = {"province": province}
    if predecessors is not None:
        m["predecessors"] = predecessors
    m["architecture"] = {"name": f"Kiến trúc số tỉnh {province}", "version": "1.0"}
    m["profile"] = profile
    return m


def ubnd(id_: str, name: str, **extra) -> str:
    lines = [f"- id: {id_}", "  kind: organization", f"  name: Ủy ban nhân dân {name}",
             "  org_type: government", "  admin_level: tinh"]
    lines += [f"  {k}: {v}" for k, v in extra.items()]
    return "\n".join(lines) + "\n"


def units(province_id: str, slug: str, xa: int, phuong: int, dac_khu: int = 0) -> str:
    out = []
    for level, n in (("xa", xa), ("phuong", phuong), ("dac_khu", dac_khu)):
        if n:
            out.append(
                f"- id: cac-{level}-{slug}\n  kind: organization\n  name: Ủy ban nhân dân các đơn vị {level} {slug}\n"
                f"  org_type: administrative_unit\n  admin_level: {level}\n  unit_count: {n}\n"
                f"  valid_from: 2025-07-01\n  member_of: [{province_id}]\n"
            )
    return "".join(out)


def of(result, *codes):
    return [f for f in result.findings if f.code in codes]


def check(root, day):
    result = kientruc.check(root, as_of=day)
    assert not [f for f in result.findings if f.fatal or f.internal], result.findings
    return result


def test_lang_son_commune_count_broken_and_clean(tmp_path):
    clean = write_model(tmp_path / "clean", {"to-chuc.yaml": ubnd("ubnd-ls", "tỉnh Lạng Sơn") + units("ubnd-ls", "ls", 61, 4)},
                        manifest("Lạng Sơn"))
    broken = write_model(tmp_path / "broken", {"to-chuc.yaml": ubnd("ubnd-ls", "tỉnh Lạng Sơn") + units("ubnd-ls", "ls", 60, 4)},
                         manifest("Lạng Sơn"))
    assert of(check(clean, AFTER), "ORG004", "ORG005", "ORG006") == []
    found = of(check(broken, AFTER), "ORG004")
    assert [f.element for f in found] == ["ubnd-ls"]
    shown = found[0].text("vi")  # the counts as a reader sees them (the message is rendered late)
    assert "64 (60 xã, 4 phường, 0 đặc khu)" in shown and "65 (61 xã, 4 phường" in shown
    assert "1672/NQ-UBTVQH15" in found[0].message
    assert of(check(broken, BEFORE), "ORG004") == []  # the two-level government began on 1/7/2025


def test_gia_lai_after_the_merger_broken_and_clean(tmp_path):
    files = {"to-chuc.yaml": ubnd("ubnd-gl", "tỉnh Gia Lai", valid_from="2025-07-01") + units("ubnd-gl", "gl", 110, 25)}
    clean = write_model(tmp_path / "clean", files, manifest("Gia Lai", ["Bình Định", "Gia Lai"]))
    broken = write_model(tmp_path / "broken", {"to-chuc.yaml": files["to-chuc.yaml"].replace("unit_count: 25", "unit_count: 24")},
                         manifest("Gia Lai", ["Gia Lai"]))
    for day in (BEFORE, AFTER):
        assert of(check(clean, day), "ORG004", "ORG005", "ORG006") == []
    after = check(broken, AFTER)
    assert [f.element for f in of(after, "ORG004")] == ["ubnd-gl"]
    missing = of(after, "ORG006")
    assert len(missing) == 1 and "leave out Tỉnh Bình Định" in missing[0].message
    assert missing[0].location.file.endswith("architecture.yaml") and missing[0].location.line == 2
    assert of(after, "ORG005") == []


def test_ha_tinh_unchanged_with_a_wrong_predecessor(tmp_path):
    files = {"to-chuc.yaml": ubnd("ubnd-ht", "tỉnh Hà Tĩnh") + units("ubnd-ht", "ht", 60, 9)}
    clean = write_model(tmp_path / "clean", files, manifest("Hà Tĩnh", ["Hà Tĩnh"]))
    broken = write_model(tmp_path / "broken", files, manifest("Hà Tĩnh", ["Hà Tĩnh", "Nghệ An"]))
    assert of(check(clean, AFTER), "ORG004", "ORG005", "ORG006") == []
    found = of(check(broken, AFTER), "ORG006")
    assert len(found) == 1 and "'Nghệ An' is not a predecessor of Tỉnh Hà Tĩnh" in found[0].message
    assert found[0].location.line == 4  # at the item (the manifest lists one name a line), not the key


def test_kon_tum_checked_in_2026_is_told_its_successor(tmp_path):
    broken = write_model(tmp_path / "broken", {"to-chuc.yaml": "- id: so-khcn\n  kind: organization\n"
                                               "  name: Sở Khoa học và Công nghệ\n  org_type: department\n"},
                         manifest("Kon Tum", profile="vn-egov-2.0"))
    clean = write_model(tmp_path / "clean", {"to-chuc.yaml": "- id: so-khcn\n  kind: organization\n"
                                             "  name: Sở Khoa học và Công nghệ\n  org_type: department\n"},
                        manifest("Quảng Ngãi", ["Kon Tum", "Quảng Ngãi"], profile="vn-egov-2.0"))
    assert of(check(broken, BEFORE), "ORG005") == []
    found = of(check(broken, AFTER), "ORG005")
    assert len(found) == 1 and found[0].element is None
    assert found[0].location.file.endswith("architecture.yaml") and found[0].location.line == 1
    assert "Tỉnh Kon Tum" in found[0].message and "Tỉnh Quảng Ngãi" in found[0].message
    assert "Nghị quyết 202/2025/QH15" in found[0].message
    for day in (BEFORE, AFTER):
        assert of(check(clean, day), "ORG005", "ORG006") == []


def test_an_organisation_of_a_dissolved_province_still_in_force(tmp_path):
    files = lambda end: {"to-chuc.yaml": ubnd("ubnd-gl", "tỉnh Gia Lai", valid_from="2025-07-01")  # noqa: E731
                         + ubnd("ubnd-bd", "tỉnh Bình Định", **end)}
    broken = write_model(tmp_path / "broken", files({}), manifest("Gia Lai", ["Bình Định", "Gia Lai"]))
    clean = write_model(tmp_path / "clean", files({"valid_to": "2025-06-30", "successors": "[ubnd-gl]"}),
                        manifest("Gia Lai", ["Bình Định", "Gia Lai"]))
    found = of(check(broken, AFTER), "ORG005")
    assert [f.element for f in found] == ["ubnd-bd"] and "Tỉnh Gia Lai" in found[0].message
    assert of(check(clean, AFTER), "ORG005") == []


def test_a_model_of_two_provinces_is_counted_per_province(tmp_path):
    good = ubnd("ubnd-ls", "tỉnh Lạng Sơn") + units("ubnd-ls", "ls", 61, 4)
    clean = write_model(tmp_path / "clean", {"to-chuc.yaml": good + ubnd("ubnd-cb", "tỉnh Cao Bằng") + units("ubnd-cb", "cb", 53, 3)},
                        manifest("Lạng Sơn"))
    broken = write_model(tmp_path / "broken", {"to-chuc.yaml": good + ubnd("ubnd-cb", "tỉnh Cao Bằng") + units("ubnd-cb", "cb", 50, 3)},
                         manifest("Lạng Sơn"))
    assert of(check(clean, AFTER), "ORG004") == []
    found = of(check(broken, AFTER), "ORG004")
    assert [f.element for f in found] == ["ubnd-cb"] and "1657/NQ-UBTVQH15" in found[0].message


def test_a_province_that_is_not_one_of_the_34_with_predecessors(tmp_path):
    root = write_model(tmp_path / "m", {"to-chuc.yaml": ubnd("ubnd", "tỉnh Kon Tum", valid_to="2025-06-30")},
                       manifest("Kon Tum", ["Kon Tum"]))
    # between NQ 202/2025/QH15 (12/6/2025) and the day Kon Tum ended: the resolution exists, ORG006 runs
    found = of(check(root, dt.date(2025, 6, 20)), "ORG006")
    assert len(found) == 1 and "predecessor of Tỉnh Quảng Ngãi" in found[0].message and found[0].location.line == 1


def test_unknown_predecessor_is_a_located_load_error_with_did_you_mean(tmp_path, run_cli):
    root = write_model(tmp_path / "m", {"to-chuc.yaml": ubnd("ubnd", "tỉnh Gia Lai")}, manifest("Gia Lai", ["Bình Định", "Gia Lay"]))
    before = {p.name: p.read_bytes() for p in root.iterdir()}
    result = run_cli(["check", str(root), "--as-of", "2026-01-15", "--lang", "en"])
    assert result.exit_code == 2
    assert "architecture.yaml:4:3: error LOAD014" in result.output  # the line of "- Gia Lay"
    assert "did you mean 'Gia Lai'?" in result.output and "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in root.iterdir()} == before


def test_the_cli_names_the_successor_and_exits_1(tmp_path, run_cli):
    root = write_model(tmp_path / "m", {"to-chuc.yaml": ubnd("ubnd-kt", "tỉnh Kon Tum")}, manifest("Kon Tum", profile="vn-egov-2.0"))
    result = run_cli(["check", str(root), "--as-of", "2026-01-15"])
    assert result.exit_code == 1
    line = next(l for l in result.output.splitlines() if "ORG005" in l)
    assert "to-chuc.yaml:1:" in line and "Tỉnh Quảng Ngãi" in line
    assert run_cli(["check", str(root), "--as-of", "2025-06-01"]).output.count("ORG005") == 0
