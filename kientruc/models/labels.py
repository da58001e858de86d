"""The metamodel's labels (``labels.yaml``): what each layer, kind, status, relation type and
field is called, in Vietnamese and English.

Data only, read once and checked complete; :mod:`kientruc.i18n` is how the rest of kientruc
asks for a label.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .base import RELATION_TYPES, Status
from .elements import KINDS, LAYERS

LANGS: tuple[str, ...] = ("vi", "en")
"""The languages of every label (and of kientruc's interface)."""

RELATION_LABELS = ("title", "outgoing", "incoming")
"""The labels of a relation type: its name between two elements, and the headings of the
relations listed from an element and to it."""

_DataLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _check_text(where: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or set(value) != set(LANGS) or not all(isinstance(v, str) for v in value.values()):
        raise ValueError(f"labels.yaml: {where} needs a text in each of {', '.join(LANGS)}, not {value!r}")
    return value


def _check_section(data: dict[str, Any], section: str, names: set[str] | None) -> dict[str, Any]:
    body = data.get(section) or {}
    if not all(isinstance(name, str) for name in body):  # YAML reads a bare yes, no, on, off as a boolean
        raise ValueError(f"labels.yaml: {section}: write every name as text (in quotes if YAML reads it otherwise)")
    if names is not None and set(body) != names:
        missing, unknown = sorted(names - set(body)), sorted(set(body) - names)
        raise ValueError(f"labels.yaml: {section}: missing {missing}, unknown {unknown}")
    return body


@cache
def metamodel_labels() -> dict[str, dict[str, Any]]:
    """The labels by section: ``layers``, ``kinds``, ``statuses`` and ``fields`` map a name to
    ``{lang: text}``; ``relations`` maps a relation type to ``{label: {lang: text}}`` for each of
    :data:`RELATION_LABELS`."""
    text = resources.files(__package__).joinpath("labels.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_DataLoader)
    expected: dict[str, set[str] | None] = {
        "layers": set(LAYERS),
        "kinds": set(KINDS),
        "statuses": {s.value for s in Status},
        "fields": None,
    }
    out: dict[str, dict[str, Any]] = {}
    for section, names in expected.items():
        body = _check_section(data, section, names)
        out[section] = {name: _check_text(f"{section}.{name}", value) for name, value in body.items()}
    relations = _check_section(data, "relations", set(RELATION_TYPES))
    out["relations"] = {}
    for rtype, labels in relations.items():
        if not isinstance(labels, dict) or set(labels) != set(RELATION_LABELS):
            raise ValueError(f"labels.yaml: relations.{rtype} needs {', '.join(RELATION_LABELS)}")
        out["relations"][rtype] = {k: _check_text(f"relations.{rtype}.{k}", labels[k]) for k in RELATION_LABELS}
    return out


class _LayerNames(Mapping[str, dict[str, str]]):
    """Each layer's name, ``{lang: text}``: read from ``labels.yaml`` when first asked, so that
    importing the metamodel costs no parsing. (:func:`kientruc.i18n.layer_title` asks the same.)"""

    def __getitem__(self, layer: str) -> dict[str, str]:
        return metamodel_labels()["layers"][layer]

    def __iter__(self) -> Iterator[str]:
        return iter(LAYERS)

    def __len__(self) -> int:
        return len(LAYERS)


LAYER_NAMES: Mapping[str, dict[str, str]] = _LayerNames()
