"""The languages of the metamodel's labels. The labels themselves — what each layer, kind, status,
relation type and field is called — are in the one message catalogue (``kientruc/i18n/locale``, keys
``model.layers.*``, ``model.kinds.*``, ``model.statuses.*``, ``model.fields.*``,
``model.relations.<type>.{title,outgoing,incoming}``); :mod:`kientruc.i18n` answers them, and
tests/test_i18n.py checks that every part of the metamodel has one in each language.
"""

from __future__ import annotations

LANGS: tuple[str, ...] = ("vi", "en")
"""The languages of every label (and of kientruc's interface)."""

RELATION_LABELS = ("title", "outgoing", "incoming")
"""The labels of a relation type: its name between two elements, and the headings of the
relations listed from an element and to it."""
