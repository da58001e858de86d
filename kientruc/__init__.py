"""kientruc: architecture as code for Vietnamese e-government.

The library in a few lines::

    import kientruc

    result = kientruc.check("architecture")        # load, build the graph, run the rules
    for finding in result.findings:
        print(finding.location, finding.code, finding.message)

    loaded = kientruc.load("architecture")          # or step by step
    graph = kientruc.build_graph(loaded.architecture, as_of=datetime.date(2018, 10, 9))
    graph.of_kind("application")

Data flows one way: load → models → graph → validators → renderers; :mod:`kientruc.pipeline` runs
the stages (``kientruc.check`` is :func:`kientruc.pipeline.check`).
"""

from ._version import __version__
from .findings import Finding, Location, Severity
from .graph import ArchGraph, build_graph
from .loader import LoadResult, load
from .pipeline import check
from .validators import CheckResult

__all__ = [
    "ArchGraph",
    "CheckResult",
    "Finding",
    "LoadResult",
    "Location",
    "Severity",
    "__version__",
    "build_graph",
    "check",
    "load",
]
