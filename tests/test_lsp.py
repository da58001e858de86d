"""`kientruc lsp` driven by a real LSP client (pytest-lsp) on a copy of the showcase and on broken models.

The server runs as `python -m kientruc lsp` in its own process. What it publishes is compared with
what `kientruc check --format json` says of the same files (after writing the editor's text to disk).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types as lsp  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402

from click.testing import CliRunner  # noqa: E402
from kientruc.cli import cli  # noqa: E402
from kientruc.i18n import basis_title  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CACHE = tempfile.mkdtemp(prefix="kientruc-lsp-cache-")
ENV = {**os.environ, "PYTHONPATH": str(REPO), "KIENTRUC_CACHE_DIR": CACHE, "KIENTRUC_NO_CACHE": "1"}
pytestmark = pytest.mark.asyncio(loop_scope="function")


def _model(tmp: Path) -> Path:
    root = tmp / "arch"
    shutil.copytree(REPO / "architecture", root)
    return root


def _cli_findings(root: Path) -> dict[str, list[tuple]]:
    """`kientruc check --format json` of the folder: (code, line, column, severity) by absolute file."""
    out = CliRunner().invoke(cli, ["check", str(root), "--format", "json", "--no-cache"])
    assert out.exit_code in (0, 1, 2), out.output
    by_file: dict[str, list[tuple]] = {}
    for f in json.loads(out.output)["findings"]:
        path = os.path.abspath(f["file"]) if f["file"] else str(root / "architecture.yaml")
        by_file.setdefault(path, []).append((f["code"], f["line"], f["column"], f["severity"]))
    return {k: sorted(v, key=repr) for k, v in by_file.items()}


SEV = {lsp.DiagnosticSeverity.Error: "error", lsp.DiagnosticSeverity.Warning: "warning",
       lsp.DiagnosticSeverity.Information: "info"}


def _published(client: LanguageClient) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    for uri, diags in client.diagnostics.items():
        if diags:
            path = uri.removeprefix("file://")
            out[path] = sorted(((d.code, d.range.start.line + 1, d.range.start.character + 1, SEV[d.severity])
                                for d in diags), key=repr)
    return out


async def _until(pred, timeout: float = 60.0):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        value = pred()
        if value:
            return value
        await asyncio.sleep(0.05)
    raise AssertionError("the server did not answer in time")


async def _start(root: Path) -> LanguageClient:
    config = ClientServerConfig(server_command=[sys.executable, "-m", "kientruc", "lsp"], server_env=ENV)
    client = await config.start()
    await client.initialize_session(
        lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(),
            root_uri=from_fs_path(str(root)),
            initialization_options={"debounce": 50, "lang": "en"},
        )
    )
    return client


async def _stop(client: LanguageClient) -> None:
    await client.shutdown_session()


def _open(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = from_fs_path(str(path))
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text or path.read_text(encoding="utf-8"))))
    return uri


def _change(client: LanguageClient, uri: str, text: str, version: int = 2) -> None:
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [lsp.TextDocumentContentChangeWholeDocument(text=text)]))


def _pos(text: str, needle: str, offset: int = 0) -> lsp.Position:
    """The position of ``needle``'s first occurrence in ``text`` (plus ``offset`` characters)."""
    i = text.index(needle)
    line = text.count("\n", 0, i)
    col = i - (text.rfind("\n", 0, i) + 1)
    return lsp.Position(line, col + offset)


async def test_whole_model_diagnostics_then_an_edit_match_kientruc_check(tmp_path):
    root = _model(tmp_path)
    expected = _cli_findings(root)
    assert expected, "the showcase has findings (infos at least) to compare"
    client = await _start(root)
    try:
        # published for the whole model at start, before any file is opened
        await _until(lambda: _published(client) == expected)
        # with the messages, hints and legal basis `kientruc check` gives (the basis in English: JSON keeps the citation)
        report = json.loads(CliRunner().invoke(cli, ["check", str(root), "--format", "json", "--lang", "en"]).output)
        for f in report["findings"]:
            uri = from_fs_path(os.path.abspath(f["file"]))
            texts = [d.message for d in client.diagnostics[uri] if d.code == f["code"]
                     and d.range.start.line + 1 == f["line"]]
            assert any(f["message"] in t and (f["hint"] or "") in t and all(basis_title(b, "en") in t for b in f["legal_basis"])
                       for t in texts), f
        apps = root / "ung-dung" / "thu-tuc-hanh-chinh.yaml"
        uri = _open(client, apps)
        text = apps.read_text(encoding="utf-8")
        typo = text.replace("hosted_on: [trung-tam-du-lieu-tinh]", "hosted_on: [trung-tam-du-lieu-tinhh]", 1)
        assert typo != text
        _change(client, uri, typo)
        # not saved: the server checks the editor's text; the same text on disk gives the same findings
        apps.write_text(typo, encoding="utf-8")
        after = _cli_findings(root)
        assert after != expected and any(c == "STR001" for c, *_ in after[str(apps)])
        await _until(lambda: _published(client) == after)
        diag = next(d for d in client.diagnostics[uri] if d.code == "STR001")
        line = typo.splitlines()[diag.range.start.line]
        assert line[diag.range.start.character:diag.range.end.character] == "trung-tam-du-lieu-tinhh"
        assert "did you mean 'trung-tam-du-lieu-tinh'?" in diag.message
        assert diag.code_description is not None
        page = Path(diag.code_description.href.removeprefix("file://"))
        assert page.is_file() and "STR001" in page.read_text(encoding="utf-8")
        # the quick fix: exactly the one edit the hint names
        actions = await client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri), range=diag.range,
            context=lsp.CodeActionContext(diagnostics=[diag])))
        assert actions and len(actions) == 1
        edit = actions[0].edit.changes[uri][0]
        assert edit.new_text == "trung-tam-du-lieu-tinh" and edit.range == diag.range
        # hover on the diagnostic: the rule's explanation
        hover = await client.text_document_hover_async(lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri),
                                                                        position=diag.range.start))
        assert hover is not None and "unknown-reference" in hover.contents.value
        # fixed again: the finding goes away everywhere
        _change(client, uri, text, version=3)
        await _until(lambda: _published(client) == expected)
    finally:
        await _stop(client)


async def test_related_locations_are_published(tmp_path):
    root = _model(tmp_path)
    extra = root / "ung-dung" / "trung-lap.yaml"
    # an id given twice: the duplicate's finding names the first one as a related place
    first = (root / "ung-dung" / "dung-chung.yaml").read_text(encoding="utf-8")
    block = first[first.index("- id: qlvb-dh-tinh"):].split("\n\n")[0]
    extra.write_text(block + "\n", encoding="utf-8")
    expected = _cli_findings(root)
    client = await _start(root)
    try:
        await _until(lambda: _published(client) == expected)
        diags = [d for uri, ds in client.diagnostics.items() for d in ds if d.related_information]
        assert diags, "a duplicate id has a related location"
        rel = diags[0].related_information[0]
        assert rel.location.uri.startswith("file://") and rel.location.range.start.line >= 0
    finally:
        await _stop(client)


async def test_definition_references_completion_and_hover(tmp_path):
    root = _model(tmp_path)
    client = await _start(root)
    try:
        await _until(lambda: client.diagnostics)
        apps = root / "ung-dung" / "thu-tuc-hanh-chinh.yaml"
        text = apps.read_text(encoding="utf-8")
        uri = _open(client, apps)
        pos = _pos(text, "hosted_on: [trung-tam-du-lieu-tinh]", len("hosted_on: [") + 3)
        # definition: where the data centre is written
        loc = await client.text_document_definition_async(lsp.DefinitionParams(text_document=lsp.TextDocumentIdentifier(uri), position=pos))
        assert loc is not None
        target_file = Path(loc.uri.removeprefix("file://"))
        line = target_file.read_text(encoding="utf-8").splitlines()[loc.range.start.line]
        assert "id: trung-tam-du-lieu-tinh" in line
        # references: every relation that names it, in several files, and its definition
        refs = await client.text_document_references_async(lsp.ReferenceParams(
            text_document=lsp.TextDocumentIdentifier(uri), position=pos,
            context=lsp.ReferenceContext(include_declaration=True)))
        files = {r.uri for r in refs}
        assert len(refs) >= 4 and len(files) >= 2
        for r in refs:
            ref_line = Path(r.uri.removeprefix("file://")).read_text(encoding="utf-8").splitlines()[r.range.start.line]
            assert "trung-tam-du-lieu-tinh" in ref_line
        # hover on the id: kind, name and relations in
        hover = await client.text_document_hover_async(lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri), position=pos))
        assert hover is not None
        assert "`trung-tam-du-lieu-tinh`" in hover.contents.value and "Relations in" in hover.contents.value

        # completion of ids in `hosted_on:`: only kinds an application may be hosted on, names shown
        typing = text.replace("hosted_on: [trung-tam-du-lieu-tinh]", "hosted_on: [", 1)
        _change(client, uri, typing)
        cpos = _pos(typing, "hosted_on: [", len("hosted_on: ["))
        items = (await client.text_document_completion_async(lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri), position=cpos))).items
        labels = {i.label for i in items}
        assert "trung-tam-du-lieu-tinh" in labels
        assert "qlvb-dh-tinh" not in labels  # an application cannot host an application
        from kientruc.models.relations import relation_table
        allowed = set(relation_table()["hosted_on"].allowed_targets("application"))
        assert all(i.detail.split(" · ")[0] in allowed for i in items)
        assert next(i for i in items if i.label == "trung-tam-du-lieu-tinh").detail == \
            "node · Quang Tri provincial data centre"  # the name in the language asked for
        # completion of kinds, of an enum's values, and of fields
        lines = text.splitlines()
        kind_line = next(i for i, ln in enumerate(lines) if ln.strip() == "kind: application")
        edited = lines[:]
        edited[kind_line] = "  kind: "
        _change(client, uri, "\n".join(edited) + "\n", version=3)
        items = (await client.text_document_completion_async(lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri), position=lsp.Position(kind_line, len("  kind: "))))).items
        assert {"application", "organization", "data_entity"} <= {i.label for i in items}
        edited = lines[:]
        edited[kind_line + 1: kind_line + 1] = ["  status: "]
        _change(client, uri, "\n".join(edited) + "\n", version=4)
        items = (await client.text_document_completion_async(lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri), position=lsp.Position(kind_line + 1, len("  status: "))))).items
        assert {i.label for i in items} == {"current", "planned", "retiring"}
        edited[kind_line + 1] = "  secu"
        _change(client, uri, "\n".join(edited) + "\n", version=5)
        items = (await client.text_document_completion_async(lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri), position=lsp.Position(kind_line + 1, len("  secu"))))).items
        assert "security_level" not in {i.label for i in items}  # already written on this element
        assert "owner" in {i.label for i in items} or "valid_to" in {i.label for i in items}
    finally:
        await _stop(client)


async def test_a_broken_model_gives_the_load_findings_of_kientruc_check(tmp_path):
    root = _model(tmp_path)
    bad = root / "kenh" / "kenh-giao-tiep.yaml"
    text = bad.read_text(encoding="utf-8")
    client = await _start(root)
    try:
        await _until(lambda: client.diagnostics)
        uri = _open(client, bad)
        broken = text.replace("kind: channel", "kind: chanel", 1)
        assert broken != text
        _change(client, uri, broken)
        bad.write_text(broken, encoding="utf-8")
        expected = _cli_findings(root)
        assert any(c == "LOAD003" for c, *_ in expected[str(bad)])
        await _until(lambda: _published(client) == expected)
        diag = next(d for d in client.diagnostics[uri] if d.code == "LOAD003")
        assert "channel" in diag.message
        # a YAML syntax error, typed and not saved
        _change(client, uri, text + "\n- id: [unclosed\n", version=3)
        bad.write_text(text + "\n- id: [unclosed\n", encoding="utf-8")
        expected = _cli_findings(root)
        await _until(lambda: _published(client) == expected)
        assert any(d.code == "LOAD001" for d in client.diagnostics[uri])
    finally:
        await _stop(client)


async def test_a_missing_valid_to_the_rule_computes_is_one_quick_fix(tmp_path):
    """ORG001 names the day a district-level unit ends (the day before the two-level government): the code
    action inserts exactly `valid_to: 2025-06-30` in the element, and the finding is gone once applied."""
    sys.path.insert(0, str(REPO / "tests"))
    from conftest import write_model

    root = write_model(tmp_path / "son-la", {"to-chuc.yaml": """\
        - id: ubnd-tinh-son-la
          kind: organization
          name: Ủy ban nhân dân tỉnh Sơn La
          org_type: government
          admin_level: tinh
        - id: ubnd-huyen-moc-chau
          kind: organization
          name: Ủy ban nhân dân huyện Mộc Châu
          org_type: administrative_unit
          admin_level: huyen
          member_of: [ubnd-tinh-son-la]
        """}, {"province": "Sơn La", "architecture": {"name": "Kiến trúc số tỉnh Sơn La", "version": "1.0"},
               "profile": "vn-digital-gov-4.0"})
    path = root / "to-chuc.yaml"
    text = path.read_text(encoding="utf-8")
    client = await _start(root)
    try:
        uri = _open(client, path)
        diag = await _until(lambda: next((d for d in client.diagnostics.get(uri, []) if d.code == "ORG001"), None))
        actions = await client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri), range=diag.range,
            context=lsp.CodeActionContext(diagnostics=[diag])))
        assert actions and len(actions) == 1 and "2025-06-30" in actions[0].title
        (edit,) = actions[0].edit.changes[uri]
        assert edit.range.start == edit.range.end  # an insertion, nothing the user wrote replaced
        lines = text.splitlines(keepends=True)
        assert lines[edit.range.start.line - 1] == "- id: ubnd-huyen-moc-chau\n"
        assert edit.new_text == "  valid_to: 2025-06-30\n"
        fixed = "".join(lines[:edit.range.start.line] + [edit.new_text] + lines[edit.range.start.line:])
        _change(client, uri, fixed)
        await _until(lambda: not [d for d in client.diagnostics.get(uri, []) if d.code == "ORG001"])
        path.write_text(fixed, encoding="utf-8")  # and `kientruc check` agrees
        assert not [f for f in _cli_findings(root).get(str(path), []) if f[0] == "ORG001"]
    finally:
        await _stop(client)
