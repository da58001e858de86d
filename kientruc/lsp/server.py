"""The language server: pygls wiring of :mod:`kientruc.lsp.features` over a :class:`~kientruc.incremental.Workspace`.

One workspace per model folder (the nearest folder above a file that holds ``architecture.yaml``;
at start, the editor's root folder or its ``architecture/``). Each change to an open file is
checked after a pause in typing (``debounce``, 300 ms by default), a save at once; the findings of
the whole model are published, file by file, and files that no longer have any are cleared.

Initialisation options (all optional): ``debounce`` (milliseconds), ``lang`` (``vi`` or ``en``,
default the manifest's language) and ``rulesUrl`` (the documentation link of a finding, ``{code}``
replaced by its code; default: a Markdown page per code written once under kientruc's cache folder).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .._io import write_atomic
from .._version import __version__
from ..cache import cache_home
from ..findings import Finding, Severity
from ..i18n import msg
from ..incremental import Workspace
from ..loaded import MANIFEST
from ..validators.registry import codes
from . import features as ft

log = logging.getLogger(__name__)

SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
COMPLETION_KIND = {
    "id": lsp.CompletionItemKind.Reference,
    "kind": lsp.CompletionItemKind.Class,
    "field": lsp.CompletionItemKind.Field,
    "value": lsp.CompletionItemKind.EnumMember,
}


@dataclass
class ModelState:
    """One model folder: its workspace, the last check's indexes, what was published, the pending check."""

    workspace: Workspace
    index: ft.Index | None = None
    published: set[str] = field(default_factory=set)  # paths with diagnostics sent
    sent: dict[str, tuple[Finding, ...]] = field(default_factory=dict)  # path -> the findings last published for it
    places: dict[str, list[tuple[ft.Place, Finding]]] = field(default_factory=dict)
    pending: asyncio.Task | None = None  # the check waiting for a pause in typing
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    checks: int = 0


class KientrucServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("kientruc", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.models: dict[str, ModelState] = {}
        self.debounce = 0.3
        self.lang: str | None = None
        self.rules_url: str | None = None
        self.root: Path | None = None
        self._doc_links: dict[str, str] = {}

    # ------------------------------------------------------------------ models

    def model_root(self, path: str | Path) -> Path | None:
        """The model folder of ``path``: the nearest folder at or above it with ``architecture.yaml``."""
        p = Path(path).absolute()
        for folder in [p, *p.parents] if p.is_dir() else p.parents:
            if (folder / MANIFEST).is_file():
                return folder
        return None

    def state(self, root: Path) -> ModelState:
        key = str(root)
        if key not in self.models:
            # jobs=1: checks run in a thread of the server, and forking worker processes from a thread of a
            # process with other threads can deadlock (measured: the first check of 10,000 elements hung)
            self.models[key] = ModelState(Workspace(root, jobs=1))
        return self.models[key]

    def state_of(self, uri: str) -> ModelState | None:
        path = to_fs_path(uri)
        root = self.model_root(path) if path else None
        return self.state(root) if root else None

    def lang_of(self, st: ModelState) -> str:
        if self.lang in ("vi", "en"):
            return self.lang
        arch = st.index.arch if st.index else None
        lang = getattr(arch.manifest, "language", "vi") if arch else "vi"
        return lang if lang in ("vi", "en") else "vi"

    # ------------------------------------------------------------------ checking and publishing

    def schedule(self, st: ModelState, delay: float) -> None:
        """Check the model after ``delay`` seconds without another change (a check already running is never
        cancelled: its thread would go on while the next one starts; the next waits for it instead)."""
        if st.pending is not None and not st.pending.done():
            st.pending.cancel()
        st.pending = asyncio.ensure_future(self._check_later(st, delay))

    async def _check_later(self, st: ModelState, delay: float) -> None:
        try:
            await asyncio.sleep(delay)
        except asyncio.CancelledError:
            return
        if st.pending is asyncio.current_task():
            st.pending = None  # past its pause: no longer cancelled by a newer change
        async with st.lock:
            loop = asyncio.get_running_loop()
            try:
                started = time.perf_counter()
                result = await loop.run_in_executor(None, st.workspace.check)
                st.checks += 1
                self.publish(st, result)
                stats = st.workspace.stats
                # what the check did, for whoever reads the server's log (and benchmarks/lsp_latency.py)
                self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Log, (
                    f"kientruc: check {st.checks} published in {time.perf_counter() - started:.3f} s: "
                    f"{stats.parsed} files read again, "
                    f"{'every' if stats.changed is None else stats.changed} elements changed, "
                    f"{len(stats.whole)} of {len(stats.ran)} rules on the whole model")))
            except Exception as exc:  # noqa: BLE001 - a bug of kientruc must not stop the server
                log.exception("check failed")
                self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Error, f"kientruc: {exc!r}"))

    def publish(self, st: ModelState, result: Any) -> None:
        """Publish the findings of the whole model: for each file whose findings changed, or whose text did
        (their ranges are read from it), and for each file that had some and has none now (cleared)."""
        loaded = result.load
        st.index = ft.Index.of(loaded)
        lang = self.lang_of(st)
        by_file = ft.findings_by_file(result.findings, loaded)
        reread = st.workspace.stats.files
        everything = st.workspace.stats.changed is None  # the first check, or the manifest changed
        for path in sorted(set(by_file) | st.published):
            found = by_file.get(path, [])
            if not everything and path not in reread and path in st.places and tuple(found) == st.sent.get(path):
                continue  # the editor has them already
            st.sent[path] = tuple(found)
            lines = self._lines(st, path) if found else []
            diagnostics = []
            places = []
            for f in found:
                place = ft.place_of(f.location, lambda _p: lines) if f.location else ft.Place(path, 0, 0, 0)
                places.append((place, f))
                diagnostics.append(self.diagnostic(f, place, lines, st, lang))
            st.places[path] = places
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=from_fs_path(path) or path, diagnostics=diagnostics)
            )
        for path in st.published - set(by_file):
            st.places.pop(path, None)
            st.sent.pop(path, None)
        st.published = {p for p, d in by_file.items() if d}

    def _lines(self, st: ModelState, path: str) -> list[str]:
        text = st.workspace.text_of(path)
        return text.splitlines() if text is not None else []

    def diagnostic(self, f: Finding, place: ft.Place, lines: list[str], st: ModelState, lang: str) -> lsp.Diagnostic:
        related = [
            lsp.DiagnosticRelatedInformation(
                location=self._location(r),
                message=ft.i18n.render(r.note, lang) if r.note else (r.element or str(r)),
            )
            for r in f.related if r.file
        ]
        data: dict[str, Any] = {"code": f.code}
        line = lines[place.line] if place.line < len(lines) else ""
        fix = ft.quick_fix(f, line, place.start, st.index.arch if st.index else None) if line else None
        if fix:
            data["fix"] = list(fix)
        end = ft.end_fix(f, lines, st.index)
        if end:
            data["insert"] = list(end)
        href = self.doc_link(f.code, lang)
        return lsp.Diagnostic(
            range=self._range(place),
            message=ft.diagnostic_message(f, lang),
            severity=SEVERITY[f.severity],
            code=f.code,
            code_description=lsp.CodeDescription(href=href) if href else None,
            source="kientruc",
            related_information=related or None,
            data=data,
        )

    @staticmethod
    def _range(place: ft.Place) -> lsp.Range:
        return lsp.Range(lsp.Position(place.line, place.start), lsp.Position(place.line, place.end))

    def _location(self, loc: Any) -> lsp.Location:
        path = os.path.abspath(loc.file)
        st = self.state_of(from_fs_path(path) or path)
        place = ft.place_of(loc, lambda p: self._lines(st, p) if st else [])
        return lsp.Location(uri=from_fs_path(path) or path, range=self._range(place))

    def doc_link(self, code: str, lang: str) -> str | None:
        """Where a code's documentation is: ``rulesUrl`` filled in, else a page written under the cache folder."""
        if self.rules_url:
            return self.rules_url.replace("{code}", code)
        key = f"{lang}/{code}"
        if key not in self._doc_links:
            info = codes().get(code)
            if info is None:
                return None
            path = cache_home() / "rules" / lang / f"{code}.md"
            try:
                write_atomic(path, info.help_markdown + "\n")
            except OSError:
                return None
            self._doc_links[key] = path.as_uri()
        return self._doc_links[key]

    # ------------------------------------------------------------------ answers

    def word(self, uri: str, pos: lsp.Position) -> tuple[ModelState, list[str], tuple[str, int, int] | None] | None:
        st = self.state_of(uri)
        if st is None:
            return None
        doc = self.workspace.get_text_document(uri)
        lines = doc.source.splitlines()
        line = lines[pos.line] if pos.line < len(lines) else ""
        return st, lines, ft.word_at(line, pos.character)


server = KientrucServer()


def _path(uri: str) -> str:
    return to_fs_path(uri) or uri


@server.feature(lsp.INITIALIZE)
def initialize(ls: KientrucServer, params: lsp.InitializeParams) -> None:
    opts = params.initialization_options or {}
    if isinstance(opts, dict):
        if isinstance(opts.get("debounce"), (int, float)):
            ls.debounce = max(0.0, float(opts["debounce"]) / 1000)
        if opts.get("lang") in ("vi", "en"):
            ls.lang = opts["lang"]
        if isinstance(opts.get("rulesUrl"), str) and "{code}" in opts["rulesUrl"]:
            ls.rules_url = opts["rulesUrl"]
    folders = [f.uri for f in params.workspace_folders or []] or ([params.root_uri] if params.root_uri else [])
    if folders:
        ls.root = Path(_path(folders[0]))


@server.feature(lsp.INITIALIZED)
def initialized(ls: KientrucServer, params: lsp.InitializedParams) -> None:
    # the whole model's findings at once, before any file is opened
    if ls.root is None:
        return
    for candidate in (ls.root, ls.root / "architecture"):
        if (candidate / MANIFEST).is_file():
            ls.schedule(ls.state(candidate.absolute()), 0)
            break


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: KientrucServer, params: lsp.DidOpenTextDocumentParams) -> None:
    st = ls.state_of(params.text_document.uri)
    if st is not None:
        st.workspace.set_text(_path(params.text_document.uri), params.text_document.text)
        ls.schedule(st, 0 if st.checks == 0 else ls.debounce)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: KientrucServer, params: lsp.DidChangeTextDocumentParams) -> None:
    st = ls.state_of(params.text_document.uri)
    if st is not None:
        doc = ls.workspace.get_text_document(params.text_document.uri)
        st.workspace.set_text(_path(params.text_document.uri), doc.source)
        ls.schedule(st, ls.debounce)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))
def did_save(ls: KientrucServer, params: lsp.DidSaveTextDocumentParams) -> None:
    st = ls.state_of(params.text_document.uri)
    if st is not None:
        ls.schedule(st, 0)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: KientrucServer, params: lsp.DidCloseTextDocumentParams) -> None:
    st = ls.state_of(params.text_document.uri)
    if st is not None:
        st.workspace.drop_text(_path(params.text_document.uri))
        ls.schedule(st, ls.debounce)


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched(ls: KientrucServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    for st in list(ls.models.values()):
        ls.schedule(st, ls.debounce)


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
def definition(ls: KientrucServer, params: lsp.DefinitionParams) -> lsp.Location | None:
    found = ls.word(params.text_document.uri, params.position)
    if not found or found[2] is None or found[0].index is None:
        return None
    loc = found[0].index.definition(found[2][0])
    return ls._location(loc) if loc else None


@server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
def references(ls: KientrucServer, params: lsp.ReferenceParams) -> list[lsp.Location] | None:
    found = ls.word(params.text_document.uri, params.position)
    if not found or found[2] is None or found[0].index is None:
        return None
    st, _, (word, _, _) = found
    if word not in st.index.arch.index:
        return None
    locs = st.index.references(word)
    if params.context.include_declaration:
        d = st.index.definition(word)
        if d:
            locs.insert(0, d)
    return [ls._location(loc) for loc in locs]


@server.feature(
    lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=[" ", "[", ",", ":", "-"])
)
def completion(ls: KientrucServer, params: lsp.CompletionParams) -> lsp.CompletionList | None:
    st = ls.state_of(params.text_document.uri)
    if st is None:
        return None
    doc = ls.workspace.get_text_document(params.text_document.uri)
    lines = doc.source.splitlines() or [""]
    if params.position.line >= len(lines):
        lines += [""] * (params.position.line - len(lines) + 1)
    items = ft.completions(lines, params.position.line, params.position.character,
                          st.index.arch if st.index else None, ls.lang_of(st))
    return lsp.CompletionList(
        is_incomplete=False,
        items=[
            lsp.CompletionItem(
                label=i.label,
                kind=COMPLETION_KIND[i.what],
                detail=i.detail or None,
                documentation=i.documentation or None,
                filter_text=f"{i.label} {i.detail}" if i.what == "id" else None,
            )
            for i in items
        ],
    )


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: KientrucServer, params: lsp.HoverParams) -> lsp.Hover | None:
    found = ls.word(params.text_document.uri, params.position)
    if not found:
        return None
    st, _, word = found
    lang = ls.lang_of(st)
    parts: list[str] = []
    path = os.path.abspath(_path(params.text_document.uri))
    pos = params.position
    seen: set[str] = set()
    for place, f in st.places.get(path, []):
        if place.line == pos.line and place.start <= pos.character <= place.end and f.code not in seen:
            seen.add(f.code)
            info = codes().get(f.code)
            if info is not None:
                parts.append(info.help_markdown)
    if word is not None and st.index is not None:
        summary = st.index.hover(word[0], lang)
        if summary:
            parts.insert(0, summary)
    if not parts:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)))


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix])
)
def code_action(ls: KientrucServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
    st = ls.state_of(params.text_document.uri)
    lang = ls.lang_of(st) if st else "vi"
    actions = []
    for d in params.context.diagnostics:
        data = d.data if isinstance(d.data, dict) else {}
        insert = data.get("insert")
        if isinstance(insert, list) and len(insert) == 3 and isinstance(insert[0], int):
            line, text, day = insert
            at = lsp.Position(line, 0)
            actions.append(
                lsp.CodeAction(
                    title=ft.i18n.render(msg("End it on {day} (valid_to: {day})", day=day), lang),
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[d],
                    is_preferred=True,
                    edit=lsp.WorkspaceEdit(changes={params.text_document.uri: [lsp.TextEdit(lsp.Range(at, at), text)]}),
                )
            )
        fix = data.get("fix")
        if not (isinstance(fix, list) and len(fix) == 2):
            continue
        old, new = fix
        edit = lsp.TextEdit(range=d.range, new_text=new)
        actions.append(
            lsp.CodeAction(
                title=ft.i18n.text("lsp.replace", lang, old=old, new=new),
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[d],
                is_preferred=True,
                edit=lsp.WorkspaceEdit(changes={params.text_document.uri: [edit]}),
            )
        )
    return actions or None


def main() -> None:
    """Serve over stdin and stdout until the editor says exit."""
    server.start_io()


__all__ = ["KientrucServer", "main", "server"]
