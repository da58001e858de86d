"""Every rule kientruc runs, one per file: ``rules/<family>/<CODE>.py``, the file named by the code.

Importing this package imports each rule module of each family folder, which registers its rule
(:func:`kientruc.validators.registry.rule`); the rule function's docstring is its documentation.
Helpers live in ``_``-prefixed modules: ``rules/_common.py`` for every family, a family's
``_helpers.py`` for several rules of that family only. Only kientruc's own folders are read,
never the model folder. The rules run and are listed in the order of their codes
(:func:`~kientruc.validators.registry.registry`), whatever order their files are imported in.
"""

from __future__ import annotations

import importlib
import pkgutil

from ..registry import CODE_RE, registry


def _import_rules() -> None:
    """Import every rule module; each must register exactly the rule it is named for, in its folder's family."""
    for family in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.ispkg and not m.name.startswith("_")):
        package = importlib.import_module(f"{__name__}.{family}")
        for name in sorted(m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_")):
            if not CODE_RE.match(name):
                raise RuntimeError(f"{package.__name__}.{name}: a rule module is named by its rule's code (STR001)")
            importlib.import_module(f"{package.__name__}.{name}")
    for code, r in registry().items():
        expected = f"{__name__}.{r.family}.{code}"
        if r.func.__module__ != expected:
            raise RuntimeError(f"rule {code} ({r.name}) is defined in {r.func.__module__}, not in {expected}")


_import_rules()
