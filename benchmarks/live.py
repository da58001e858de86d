"""Live editing: how soon the findings of the whole model are back after an edit (issue 19, items 1–2).

For each size a model is generated (``generate.py``), then, in this one process:

* ``first_s``: the workspace's first check (every file parsed: what the language server does at start);
* ``edit_s``: after an editor's edit of one file (a name changed), the workspace's re-check: that file
  parsed, the model assembled, the graph built and the rules run again where the edit can change their
  findings (``edit_load_s`` / ``edit_rules_s``; see ``kientruc.incremental``);
* ``typo_s``: the same after a typo in a relation (an STR001 finding appears);
* ``cold_s``: a cold ``pipeline.check`` of the same files (cache off) for comparison.

Then ``lsp_s``: the language server (``python -m kientruc lsp``) driven by pygls's client, from
the ``didChange`` of a typo to the ``publishDiagnostics`` that carries its finding (debounce 0), the
median of three edits. Times are seconds of one run (median of three where said): wall clock, and the
process's CPU time (``*_cpu_s``) since this machine is shared. Everything runs in one process (``jobs=1``),
as the language server runs its checks.

    python benchmarks/live.py --sizes 1000 10000 20000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from generate import generate  # noqa: E402

from kientruc import pipeline  # noqa: E402
from kientruc.incremental import Workspace  # noqa: E402


def _edit_target(root: Path) -> tuple[Path, str, str]:
    """A model file, and a relation target in it to misspell."""
    for path in sorted(root.rglob("*.yaml")):
        if path.name == "architecture.yaml":
            continue
        text = path.read_text(encoding="utf-8")
        m = re.search(r"hosted_on:\n  - ([a-z0-9-]+)\n", text)
        if m:
            return path, text, m.group(1)
    raise SystemExit("no hosted_on in the generated model")


def measure_workspace(root: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    ws = Workspace(root, jobs=1)  # as the language server runs it: one process
    t = time.perf_counter()
    ws.check()
    out["first_s"] = time.perf_counter() - t
    path, text, target = _edit_target(root)
    edits, cpus, loads, rules = [], [], [], []
    for n in range(3):
        ws.set_text(path, text.replace("name: ", f"name: Sửa {n} ", 1))
        t, c = time.perf_counter(), time.process_time()
        ws.check()
        edits.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
        loads.append(ws.stats.seconds["load"])
        rules.append(ws.stats.seconds["check"])
    out["edit_s"] = statistics.median(edits)
    out["edit_cpu_s"] = statistics.median(cpus)
    out["edit_load_s"] = statistics.median(loads)
    out["edit_rules_s"] = statistics.median(rules)
    typos, cpus = [], []
    for n in range(3):
        ws.set_text(path, text.replace(f"  - {target}\n", f"  - {target}{'x' * (n + 1)}\n", 1))
        t, c = time.perf_counter(), time.process_time()
        result = ws.check()
        typos.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
        assert any(f.code == "STR001" for f in result.findings)
    out["typo_s"] = statistics.median(typos)
    out["typo_cpu_s"] = statistics.median(cpus)
    t, c = time.perf_counter(), time.process_time()
    pipeline.check(root, cache=False, jobs=1)
    out["cold_s"] = time.perf_counter() - t
    out["cold_cpu_s"] = time.process_time() - c
    return out


async def measure_lsp(root: Path) -> float:
    from lsprotocol import types as lsp
    from pygls.lsp.client import LanguageClient
    from pygls.uris import from_fs_path

    client = LanguageClient("bench", "1")
    published: dict[str, list] = {}
    arrived = asyncio.Event()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        published[params.uri] = params.diagnostics
        arrived.set()

    env = {**os.environ, "PYTHONPATH": str(REPO), "KIENTRUC_NO_CACHE": "1"}
    await client.start_io(sys.executable, "-m", "kientruc", "lsp", env=env)
    await client.initialize_async(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), root_uri=from_fs_path(str(root)),
        initialization_options={"debounce": 0}))
    client.initialized(lsp.InitializedParams())
    path, text, target = _edit_target(root)
    uri = from_fs_path(str(path))
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    while not published:  # the first check of the whole model
        await asyncio.sleep(0.05)
    await asyncio.sleep(2)
    times = []
    for n in range(3):
        typo = f"{target}{'q' * (n + 1)}"
        arrived.clear()
        t = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=n + 2),
            [lsp.TextDocumentContentChangeWholeDocument(text=text.replace(f"  - {target}\n",
                                                                          f"  - {typo}\n", 1))]))
        while not any(d.code == "STR001" and typo in d.message for d in published.get(uri, [])):
            await arrived.wait()
            arrived.clear()
        times.append(time.perf_counter() - t)
        await asyncio.sleep(0.5)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    ap.add_argument("--no-lsp", action="store_true", help="measure the workspace only")
    args = ap.parse_args()
    cols = ["elements", "files", "first_s", "edit_s", "edit_cpu_s", "edit_load_s", "edit_rules_s", "typo_s",
            "typo_cpu_s", "cold_s", "cold_cpu_s", "cold/edit (CPU)", "lsp_s"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "m"
            n = generate(root, size)
            files = sum(1 for p in root.rglob("*.yaml") if p.name != "architecture.yaml")
            r = measure_workspace(root)
            lsp_s = float("nan") if args.no_lsp else asyncio.run(measure_lsp(root))
            row = [f"{n:,}", str(files)] + [f"{r[c]:.2f}" for c in cols[2:11]] + [
                f"{r['cold_cpu_s'] / r['edit_cpu_s']:.1f}", f"{lsp_s:.2f}"]
            print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
