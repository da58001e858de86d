"""kientruc.i18n: every label of the metamodel and every word of the catalogue, in both languages."""

from __future__ import annotations

import datetime as dt
import string

import pytest

from kientruc import i18n
from kientruc.models import ELEMENT_CLASSES, KINDS, LAYERS, RELATION_TYPES, Element, Status
from kientruc.models import labels as _labels


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_part_of_the_metamodel_has_a_label(lang):
    assert all(i18n.layer_title(layer, lang) for layer in LAYERS)
    assert all(i18n.kind_title(kind, lang) for kind in KINDS)
    assert all(i18n.status_title(s.value, lang) for s in Status)
    for rtype in RELATION_TYPES:
        assert i18n.relation_title(rtype, lang) and i18n.relation_heading(rtype, lang), rtype
        assert i18n.relation_heading(rtype, lang, incoming=True), rtype


def test_every_field_of_a_kind_has_a_label_and_every_label_a_field():
    fields = {name for cls in ELEMENT_CLASSES for name in cls.model_fields}
    own = fields - set(Element.model_fields)
    labelled = set(i18n.field_titles("en"))
    assert own <= labelled, sorted(own - labelled)
    assert labelled <= fields, sorted(labelled - fields)


def test_the_catalogue_says_everything_in_both_languages_with_the_same_placeholders():
    vi, en = i18n.words("vi"), i18n.words("en")
    assert set(vi) == set(en) and len(vi) > 100
    for key in vi:
        assert vi[key] and en[key], key
        assert _placeholders(vi[key]) == _placeholders(en[key]), key


def test_texts_are_asked_by_key_and_filled():
    assert i18n.text("view.title.layer", "vi", name="Dữ liệu") == "Lớp Dữ liệu"
    assert i18n.text("view.title.layer", "en", name="Data") == "Data layer"
    assert i18n.words("en", "site")["home"] == "Home"
    assert i18n.words("vi", "document.outline.2015")["vision"] == "Tầm nhìn, mục tiêu"
    with pytest.raises(KeyError):
        i18n.text("no.such.key", "vi")
    with pytest.raises(ValueError, match="lang"):
        i18n.text("site.home", "fr")


def test_labels_answer_by_name():
    assert i18n.kind_title("public_service", "vi") == "Dịch vụ công"
    assert i18n.layer_title("application", "en") == "Application"
    assert i18n.relation_title("hosted_on", "vi") == "triển khai trên"
    assert i18n.relation_heading("hosted_on", "en", incoming=True) == "Hosts"
    assert i18n.field_title("security_level", "en") == "Security level"
    assert i18n.field_title("not_a_field", "en") == "not_a_field"


def test_numbers_and_days_are_written_as_each_language_writes_them():
    assert (i18n.number(3200, "vi"), i18n.number(3200, "en")) == ("3.200", "3,200")
    day = dt.date(2026, 3, 4)
    assert (i18n.date(day, "vi"), i18n.date(day, "en"), i18n.date(None, "vi")) == ("04/03/2026", "2026-03-04", "")
