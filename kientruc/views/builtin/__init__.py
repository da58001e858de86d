"""The views kientruc computes itself, one module each, named as the view.

``overview``, ``integration``, ``deployment`` and ``roadmap`` are views of the whole model
(:data:`WHOLE_MODEL` maps each id to its ``build(graph, lang)``); ``layer`` builds
``layer:<layer>`` and ``context`` builds ``context:<element id>``, each given what follows the
colon. Every ``build`` returns a :class:`~kientruc.views.spec.Spec`.
"""

from __future__ import annotations

from typing import Callable

from ...graph import ArchGraph
from ..spec import Spec
from . import context, deployment, integration, layer, overview, roadmap

WHOLE_MODEL: dict[str, Callable[[ArchGraph, str], Spec]] = {
    "overview": overview.build,
    "integration": integration.build,
    "deployment": deployment.build,
    "roadmap": roadmap.build,
}
"""The built-in views of the whole model, in the order ``kientruc views`` lists them."""

__all__ = ["WHOLE_MODEL", "context", "layer"]
