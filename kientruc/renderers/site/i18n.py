"""The words of the site's pages as its templates read them (``t.home``, ``t.fields``…), in
Vietnamese and English: a view over :mod:`kientruc.i18n`, which holds them."""

from __future__ import annotations

from typing import Any

from ...i18n import LANGS, field_titles, relation_heading, status_title, text, words
from ...models.lifecycle import DAY_STATUSES
from ...models import RELATION_TYPES, Status


def _site_words(lang: str) -> dict[str, Any]:
    t: dict[str, Any] = dict(words(lang, "site"))
    t["html_lang"] = lang
    t.update({f"status_{s.value}": status_title(s.value, lang) for s in Status})
    t.update({f"status_{s}": text(f"status_on_day.{s}", lang) for s in DAY_STATUSES})
    t["rel_out"] = {r: relation_heading(r, lang) for r in RELATION_TYPES}
    t["rel_in"] = {r: relation_heading(r, lang, incoming=True) for r in RELATION_TYPES}
    t["fields"] = dict(field_titles(lang))
    return t


T: dict[str, dict[str, Any]] = {lang: _site_words(lang) for lang in LANGS}
"""The site's words by language: the catalogue's ``site`` section, with the statuses, the
headings of an element's relations (``rel_out``, ``rel_in``) and the fields' names."""
