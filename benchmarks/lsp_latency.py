"""Time-to-diagnostics of `kientruc lsp` after an edit, driven by a real LSP client (pytest-lsp's, on pygls).

For each size, a model is generated (``benchmarks/generate.py N``), the server is started as
``python -m kientruc lsp`` in its own process, and the client:

1. initialises it on the model folder and waits for the whole model's diagnostics (the *cold start*:
   from starting the process to the first check's diagnostics published);
2. opens one file of a province's applications and edits it, one kind of edit at a time, each applied
   then undone (``--repeat`` times): a name changed, a relation pointed at an id no element has (STR001
   appears), an element deleted. The time is from sending ``didChange`` to the server's log line that
   says the check's diagnostics are published (the server logs one after each check); the debounce is
   set to 0 here (``--debounce`` to change it): an editor adds its debounce (300 ms by default) to these
   times.

It prints a Markdown table: per size and kind of edit, the median and the slowest time, the median time
the server says the check and the publishing took (from its log line), what it says it did (files read
again, elements changed, rules run on the whole model), and the cold start.

    python benchmarks/lsp_latency.py --elements 10000 50000 [--repeat 3] [--keep DIR]

The machine is shared: run it alone, and at 100,000 elements only once.
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

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from lsprotocol import types as lsp  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402
from pytest_lsp import ClientServerConfig  # noqa: E402

import generate  # noqa: E402

LOG = re.compile(r"kientruc: check (\d+) published in ([\d.]+) s: (.*)")


def _edits(text: str) -> list[tuple[str, str]]:
    """(kind of edit, the edited text) for the file's text."""
    out = []
    names = re.findall(r"(?m)^  name: (.+)$", text)
    if names:
        out.append(("a name changed", text.replace(f"  name: {names[len(names) // 2]}\n",
                                                   f"  name: {names[len(names) // 2]} (sửa)\n", 1)))
    # a relation's target, written as a flow list (`uses: [x]`) or a block list (`uses:` then `- x`)
    fields = "|".join(generate.RELATIONS + ("owner",))
    targets = list(re.finditer(rf"(?m)^  (?:{fields}):(?: \[| |\n  - )([a-z0-9-]+)$", text))
    if targets:
        t = targets[len(targets) // 2]
        out.append(("a relation to an unknown id", text[:t.start(1)] + "khong-co-id-nay" + text[t.end(1):]))
    blocks = re.split(r"(?m)^(?=- id:)", text)
    if len(blocks) > 2:
        k = len(blocks) // 2
        out.append(("an element deleted", "".join(blocks[:k] + blocks[k + 1:])))
    return out


async def _wait_log(client, after: int, timeout: float = 600) -> tuple[float, str]:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        for m in client.log_messages[after:]:
            found = LOG.search(m.message)
            if found:
                return float(found.group(2)), found.group(3)
        await asyncio.sleep(0.002)
    raise TimeoutError("no check logged in time")


async def _measure(root: Path, repeat: int, debounce: int
                   ) -> tuple[float, list[tuple[str, list[float], list[float], str]]]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "KIENTRUC_CACHE_DIR": tempfile.mkdtemp(prefix="kt-lsp-bench-")}
    config = ClientServerConfig(server_command=[sys.executable, "-m", "kientruc", "lsp"], server_env=env)
    started = time.monotonic()
    client = await config.start()
    try:
        await client.initialize_session(lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(), root_uri=from_fs_path(str(root)),
            initialization_options={"debounce": debounce, "lang": "en"}))
        await _wait_log(client, 0)
        cold = time.monotonic() - started
        files = sorted(root.glob("t0*/ung-dung*.yaml")) or sorted(p for p in root.rglob("*.yaml")
                                                                     if p.name != "architecture.yaml")
        path = files[len(files) // 2]
        text = path.read_text(encoding="utf-8")
        uri = from_fs_path(str(path))
        seen = len(client.log_messages)
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
        await _wait_log(client, seen)
        version = 1
        rows = []
        for kind, edited in _edits(text):
            times: list[float] = []
            inside: list[float] = []  # what the server says the check and the publishing took
            said = ""
            for _ in range(repeat):
                for new in (edited, text):  # the edit, then undone
                    version += 1
                    seen = len(client.log_messages)
                    sent = time.monotonic()
                    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                        lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                        [lsp.TextDocumentContentChangeWholeDocument(text=new)]))
                    took, what = await _wait_log(client, seen)
                    times.append(time.monotonic() - sent)
                    inside.append(took)
                    if new is edited:
                        said = what
            rows.append((kind, times, inside, said))
        return cold, rows
    finally:
        await client.shutdown_session()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--elements", type=int, nargs="+", default=[10_000])
    ap.add_argument("--repeat", type=int, default=3, help="times each edit is applied and undone")
    ap.add_argument("--debounce", type=int, default=0, help="the server's debounce in ms (an editor's: 300)")
    ap.add_argument("--keep", type=Path, help="generate the models here (and reuse them) instead of a temporary folder")
    args = ap.parse_args()
    print("| elements | cold start (s) | edit | median (s) | slowest (s) | in the server (s) | what the server did |")
    print("|---:|---:|---|---:|---:|---:|---|")
    for n in args.elements:
        base = args.keep or Path(tempfile.mkdtemp(prefix="kt-lsp-bench-"))
        root = base / f"model-{n}"
        if not (root / "architecture.yaml").is_file():
            generate.generate(root, n, defects=5, seed=1)
        cold, rows = asyncio.run(_measure(root, args.repeat, args.debounce))
        for i, (kind, times, inside, said) in enumerate(rows):
            print(f"| {n:,} | {f'{cold:.1f}' if i == 0 else ''} | {kind} | {statistics.median(times):.3f} | "
                  f"{max(times):.3f} | {statistics.median(inside):.3f} | {said} |", flush=True)


if __name__ == "__main__":
    main()
