"""``kientruc lsp``: a Language Server Protocol server for model folders, over stdio (pygls).

* :mod:`.server`: the protocol's wiring (documents, debounced checks, publishing);
* :mod:`.features`: the answers (diagnostics' text and places, definition, references,
  completion, hover, quick fixes) as plain functions of a check's result and a file's text.

The model is kept in memory by :class:`kientruc.incremental.Workspace`: an edit re-parses
only its file. The editor guide is ``docs/editors.md``.
"""

from __future__ import annotations


def main() -> None:
    """Serve over stdin and stdout (pygls is imported only here: the rest of kientruc does not need it)."""
    from .server import main as serve

    serve()


__all__ = ["main"]
