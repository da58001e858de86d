"""Who may import whom: the stages of kientruc depend one way (docs/architecture.md).

    load → models → graph → validators → (compliance) → views → renderers;  pipeline wires them;  cli on top

Each rule below names a part of the package and the parts it must never import at run time
(imports under ``if TYPE_CHECKING:`` are for type checkers only and do not count). The test
reads every module's imports with ``ast`` — nothing is imported — so it also catches an import
hidden inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kientruc"

# part of the package -> parts it must not import (a part is a module or a package, dotted, without "kientruc.")
UPPER = ("pipeline", "cli", "cli_words")
RULES: dict[str, tuple[str, ...]] = {
    # the metamodel is the bottom: it knows nothing else of kientruc
    "models": ("findings", "codes", "frameworks", "loader", "loaded", "cache", "graph", "validators", "views",
               "renderers", "query", "diff", "interchange", "scaffold", "schema", "i18n", *UPPER),
    # facts and words below every stage
    "findings": ("models", "loader", "graph", "validators", "views", "renderers", *UPPER),
    "codes": ("loader", "graph", "validators", "views", "renderers", *UPPER),
    "frameworks": ("loader", "graph", "validators", "views", "renderers", *UPPER),
    "i18n": ("loader", "graph", "validators", "views", "renderers", "query", "diff", "interchange", *UPPER),
    # the load stage reads files; it knows nothing of graphs, rules or outputs
    "loaded": ("loader", "cache", "graph", "validators", "views", "renderers", *UPPER),
    "loader": ("graph", "validators", "views", "renderers", "query", "diff", "interchange", *UPPER),
    "cache": ("graph", "validators", "views", "renderers", *UPPER),
    "graph": ("loader", "cache", "validators", "views", "renderers", *UPPER),
    # twins by function of a merged province: read the graph, below the rules, the merge and the reports
    "twins": ("loader", "cache", "validators", "views", "renderers", "query", "diff", "interchange", *UPPER),
    # the rules read the graph and locate findings through the source map: never the loader itself
    "validators": ("loader", "cache", "views", "renderers", "query", "diff", "interchange", "scaffold", *UPPER),
    "views": ("loader", "cache", "validators", "renderers", "diff", "interchange", *UPPER),
    # renderers receive results as data: they never load a model or run the rules
    "renderers": ("loader", "cache", "validators", "diff", "interchange", "scaffold", *UPPER),
    "query": ("loader", "cache", "validators", "renderers", *UPPER),
    "interchange": ("loader", "cache", "validators", *UPPER),
    "diff": ("renderers", "cli"),
    # kientruc merge loads, checks and writes model folders; it formats nothing
    "merge": ("renderers", "cli", "views", "diff", "interchange", "query"),
    # the pipeline runs the stages and returns data: it formats nothing
    "pipeline": ("renderers", "cli", "diff", "interchange"),
    "incremental": ("renderers", "cli", "diff", "interchange"),  # beside the pipeline: the model kept in memory
    "result_cache": ("renderers", "cli", "diff", "interchange"),  # beside the pipeline: a check's outcome kept
    "lsp": ("cli", "diff", "interchange"),  # the language server: the pipeline's results for an editor
}


def _part(module: str) -> str:
    """'kientruc.validators.rules.structure.STR003' -> 'validators' (a part is the first name below kientruc;
    '' is the package's own __init__)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every run-time import of kientruc in the file."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for sub in child.orelse:
                    visit(sub)
                continue
            if isinstance(child, ast.Import):
                found.extend((child.lineno, a.name) for a in child.names if a.name.startswith("kientruc"))
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[: len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                if target.startswith("kientruc"):
                    if child.module is None:  # `from . import x`: x is a module, or a name of the package's __init__
                        found.extend((child.lineno, f"{target}.{a.name}" if _is_module(f"{target}.{a.name}")
                                      else target) for a in child.names)
                    else:
                        found.append((child.lineno, target))
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
    return found


def _is_module(dotted: str) -> bool:
    path = PACKAGE.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_the_rules_name_parts_that_exist():
    parts = {_part(_module_name(p)) for p in _modules()}
    for part, forbidden in RULES.items():
        assert part in parts, f"the import rules name '{part}', which is not a part of the package any more"
        for other in forbidden:
            assert other in parts, f"the rule for '{part}' names '{other}', which is not a part of the package"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE.parent)))
def test_no_module_imports_against_the_flow(path: Path):
    part = _part(_module_name(path))
    forbidden = RULES.get(part, ())
    if part not in ("cli", "__main__"):  # `python -m kientruc` runs the CLI
        # nothing but the console script imports the CLI, nor the package's __init__ (it imports the pipeline,
        # so a module below would import every stage above it: take the version from kientruc._version)
        forbidden = tuple(dict.fromkeys((*forbidden, "cli", "")))
    bad = [f"{path.relative_to(PACKAGE.parent)}:{line}: imports {target}"
           for line, target in _imports(path) if _part(target) in forbidden and _part(target) != part]
    assert not bad, "imports against the flow (see docs/architecture.md):\n" + "\n".join(bad)


def test_the_reader_sees_the_imports_it_checks():
    """The checker itself: it resolves relative imports, sees imports inside functions and skips TYPE_CHECKING."""
    site = PACKAGE / "renderers" / "site" / "__init__.py"
    targets = {t for _, t in _imports(site)}
    assert "kientruc.graph" in targets and "kientruc.renderers.diagrams" in targets
    cli = {t for _, t in _imports(PACKAGE / "cli.py")}
    assert "kientruc.pipeline" in cli
    assert any(t.startswith("kientruc.renderers.site") for t in cli)  # imported inside a command function
