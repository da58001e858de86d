"""One model file, loaded: read, parsed with positions and validated into elements, their sources and findings.

This is what the cache stores per file and what a parsing process returns: a *part*.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ..findings import Finding, Severity
from ..loaded import ElementSource, SourceMap
from ..models import ELEMENT_LIST, Element, Relation, nfc
from .positions import parse_yaml
from .problems import _load_finding, _show
from .read import read_text
from .schema_errors import schema_findings
from ..i18n import msg

# what loading one file gives: its elements, their positions, its findings, and the
# relations each element writes (computed where the file is parsed, cached with it)
Part = tuple[list[Element], list[ElementSource], list[Finding], list[list[Relation]]]


def _parse_part(path: Path, display: str, relations: bool = True) -> Part:
    """What loading one model file gives, parsed here (without ``relations``, None for the relations its
    elements write: :func:`written` collects them)."""
    elements: list[Element] = []
    findings: list[Finding] = []
    sources = SourceMap(root=Path("."))
    _parse_model_file(path, display, elements, sources, findings)
    return elements, sources.elements, findings, written(elements) if relations else None  # type: ignore[return-value]


def written(elements: list[Element]) -> list[list[Relation]]:
    """The relations each element writes, in order."""
    out: list[list[Relation]] = []
    for el in elements:
        rels: list[Relation] = []
        el.collect_relations(rels)
        out.append(rels)
    return out


def parse_text_part(text: str, display: str) -> Part:
    """What loading a model file whose text is ``text`` (an editor's buffer, say) gives: as :func:`_parse_part`
    after reading (``text`` is NFC-normalised here, and a leading BOM dropped, as reading does)."""
    elements: list[Element] = []
    findings: list[Finding] = []
    sources = SourceMap(root=Path("."))
    _parse_model_text(nfc(text.removeprefix("\ufeff")), display, elements, sources, findings)
    return elements, sources.elements, findings, written(elements)


def _parse_model_file(
    path: Path, display: str, elements: list[Element], sources: SourceMap, findings: list[Finding]
) -> None:
    text, problem = read_text(path, display)
    if problem:
        findings.append(problem)
        return
    _parse_model_text(text, display, elements, sources, findings)


def _parse_model_text(
    text: str, display: str, elements: list[Element], sources: SourceMap, findings: list[Finding]
) -> None:
    parsed, problems = parse_yaml(text, display)
    findings.extend(problems)
    if parsed is None:
        return
    data = parsed.data
    if data is None or data == []:
        findings.append(
            _load_finding(
                "LOAD009",
                msg("the file holds no elements"),
                display,
                1,
                1,
                severity=Severity.WARNING,
                hint=msg("add elements, or delete the file"),
            )
        )
        return
    if not isinstance(data, list):
        what = msg("a mapping") if isinstance(data, dict) else f"{type(data).__name__} {_show(data)}"
        hint = msg("start each element with '- ' (a list item)")
        if isinstance(data, dict) and "kind" in data:
            hint = msg("this looks like one element: put '- ' before 'id:' and indent the rest")
        findings.append(
            _load_finding("LOAD004", msg("a model file must hold a list of elements, found {what}", what=what), display, 1, 1, hint=hint)
        )
        return
    try:
        validated = ELEMENT_LIST.validate_python(data)
    except ValidationError as exc:
        findings.extend(schema_findings(exc, parsed, "LOAD003", None))
        return
    for raw, element in zip(data, validated):
        elements.append(element)
        sources.elements.append(ElementSource(display, parsed.tree(raw) or (1, 1, None)))
