"""``kientruc stats``: elements per layer and kind, and relations per type, as text or JSON."""

from __future__ import annotations

import json

from ..graph import ArchGraph
from ..i18n import date, kind_title, layer_title, msg, number, relation_heading, render, text


def stats_json(graph: ArchGraph) -> str:
    arch = graph.architecture
    relations = graph.relation_counts()
    doc = {
        "province": arch.manifest.province,
        "as_of": graph.as_of.isoformat(),
        "elements": len(graph),
        "layers": graph.counts(),
        "relations": relations,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def stats_text(graph: ArchGraph, lang: str) -> str:
    arch = graph.architecture
    relations = graph.relation_counts()
    info = arch.manifest.info_on(graph.as_of)
    lines = [render(msg("{name} (version {version}), as of {day}", name=info.name, version=info.version, day=graph.as_of), lang)]
    for layer, kinds in graph.counts().items():
        lines.append(f"{layer_title(layer, lang):<34} {number(sum(kinds.values()), lang):>6}")
        lines += [f"  {kind_title(kind, lang):<32} {number(n, lang):>6}" for kind, n in kinds.items()]
    lines.append(f"{text('cli.stats.elements', lang):<34} {number(len(graph), lang):>6}")
    lines.append(f"{text('cli.stats.relations', lang):<34} {number(sum(relations.values()), lang):>6}")
    lines += [f"  {relation_heading(rtype, lang):<32} {number(n, lang):>6}" for rtype, n in relations.items()]
    return "\n".join(lines) + "\n"
