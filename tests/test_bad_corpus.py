"""The corpus of broken models in ``tests/bad/``: each gives its located finding, never a traceback.

Every folder ``tests/bad/<case>/`` is one small model folder (``architecture.yaml`` and
model files, or whatever the case needs) with an ``expected.yaml`` beside them::

    what: a tab character indents a field        # one line: what is wrong
    exit: 2                                      # the exit code of `kientruc check`
    exact: true                                  # optional: no findings but those listed
    setup: {symlink_out: lien-ket.yaml}          # optional: content made at test time (below)
    findings:                                    # each must be present
      - code: LOAD001
        file: he-thong.yaml                      # relative to the case folder
        line: 5
        column: 1                                # optional
        message: tab                             # optional: a substring of the message

The test copies the case (without ``expected.yaml``) into a temporary folder, applies
``setup``, runs ``kientruc check . --format json`` there through the CLI, and asserts:
the exit code; each expected finding at its file:line (and column, message); every
finding carries a file and a line, and no control character in its message, hint or
element (model text must not forge report lines); no traceback; and no file of the folder created,
changed or removed by the check (a ``!!python/...`` tag that ran would leave a file).

``setup`` keys, for content that must not be committed (big, many, or links):

``sparse_file: {file: NAME, mib: N}``
    make NAME a sparse file of N MiB (no disk used; the loader must refuse it by size).
``many_files: N``
    write N small model files (one element each) under ``gen/``.
``nested_file: {file: NAME, depth: N}``
    write NAME with one element whose tags nest N brackets deep.
``symlink_out: NAME``
    make NAME a link to a YAML file outside the model folder.
``symlink_dir_out: NAME``
    make NAME a link to a folder (holding a YAML file) outside the model folder.
``symlink_loop: NAME``
    make NAME a link to itself.
``symlink_in: {link: NAME, target: OTHER}``
    make NAME a link to OTHER, inside the folder.
``fifo: NAME``
    make NAME a named pipe (reading it would block for ever).

To look at a case by hand, copy it without its expected.yaml (which is YAML too, and
would be read as a model file) and run ``kientruc check`` on the copy.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
from pathlib import Path

import pytest
import yaml

BAD = Path(__file__).resolve().parent / "bad"
CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # a newline or an escape would forge output lines or colours
CORPUS_CODES = ("LOAD", "CFG", "STR", "WVR", "KT", "BSL")  # the codes the corpus is about
CASES = sorted(p.name for p in BAD.iterdir() if (p / "expected.yaml").is_file())


def _setup(root: Path, outside: Path, setup: dict) -> None:
    outside.mkdir(parents=True, exist_ok=True)
    secret = outside / "bi-mat.yaml"
    secret.write_text("- id: bi-mat\n  kind: actor\n  name: Bí mật\n", encoding="utf-8")
    for key, value in setup.items():
        if key == "sparse_file":
            with open(root / value["file"], "r+b" if (root / value["file"]).exists() else "wb") as fh:
                fh.truncate(int(value["mib"]) * 2**20)
        elif key == "many_files":
            for i in range(int(value)):
                folder = root / "gen" / f"{i // 100:02d}"
                folder.mkdir(parents=True, exist_ok=True)
                (folder / f"ung-dung-{i:05d}.yaml").write_text(
                    f"- id: ung-dung-{i:05d}\n  kind: application\n  name: Ứng dụng {i}\n  owner: so-tttt\n",
                    encoding="utf-8",
                )
        elif key == "nested_file":
            depth = int(value["depth"])
            (root / value["file"]).write_text(
                "- id: sau\n  kind: actor\n  name: Sâu\n  tags: " + "[" * depth + "]" * depth + "\n", encoding="utf-8"
            )
        elif key == "symlink_out":
            os.symlink(secret, root / value)
        elif key == "symlink_dir_out":
            os.symlink(outside, root / value, target_is_directory=True)
        elif key == "symlink_loop":
            os.symlink(value, root / value)
        elif key == "symlink_in":
            os.symlink(value["target"], root / value["link"])
        elif key == "fifo":
            os.mkfifo(root / value)
        else:
            raise ValueError(f"unknown setup key {key!r}")


def _snapshot(root: Path) -> dict[str, tuple]:
    """Every entry below root: links by target, small files by hash, big ones by size and time."""
    out: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            st = path.lstat()
            if path.is_symlink():
                out[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                out[rel] = ("dir",)
            elif not stat.S_ISREG(st.st_mode):  # a named pipe: never read it
                out[rel] = ("special", stat.S_IFMT(st.st_mode))
            elif st.st_size > 1_000_000:
                out[rel] = ("big", st.st_size, st.st_mtime_ns)
            else:
                out[rel] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
    return out


def _matches(finding: dict, want: dict) -> bool:
    return (
        finding["code"] == want["code"]
        and finding["file"] == want["file"]
        and finding["line"] == want["line"]
        and ("column" not in want or finding["column"] == want["column"])
        and ("message" not in want or want["message"] in finding["message"])
    )


def test_the_corpus_is_big_enough_and_listed():
    assert len(CASES) >= 60
    readme = (BAD / "README.md").read_text(encoding="utf-8")
    missing = [c for c in CASES if f"`{c}`" not in readme]
    assert not missing, f"cases not in tests/bad/README.md: {missing}"


@pytest.mark.parametrize("case", CASES)
def test_bad_model(case, tmp_path, run_cli):
    expected = yaml.safe_load((BAD / case / "expected.yaml").read_text(encoding="utf-8"))
    root = tmp_path / case
    shutil.copytree(BAD / case, root, symlinks=True, ignore=shutil.ignore_patterns("expected.yaml"))
    if expected.get("setup"):
        if not hasattr(os, "symlink") and any(k.startswith("symlink") for k in expected["setup"]):
            pytest.skip("needs symlinks")
        if not hasattr(os, "mkfifo") and "fifo" in expected["setup"]:
            pytest.skip("needs named pipes")
        _setup(root, tmp_path / "ngoai-thu-muc", expected["setup"])
    before = _snapshot(root)

    result = run_cli(["check", ".", "--format", "json", "--lang", "en"], cwd=root)

    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    findings = report["findings"]
    shown = "\n".join(f"{f['code']} {f['file']}:{f['line']}:{f['column']} {f['message']}" for f in findings)
    foreign = sorted({f["code"] for f in findings if not f["code"].startswith(CORPUS_CODES)})
    note = (
        f"\n(rules of another family fire: {', '.join(foreign)}; switch the family off in the cases' "
        "architecture.yaml, validation.rules, as the other framework families are)"
        if foreign
        else ""
    )
    assert result.exit_code == expected["exit"], f"exit {result.exit_code}, findings:\n{shown}{note}"
    assert report["exit_code"] == result.exit_code
    for f in findings:
        assert f["file"] and f["line"], f"finding without file:line: {f}"
        for text in (f["message"], f["hint"] or "", f["element"] or ""):
            assert not CONTROL.search(text), f"a control character in a finding (escape it): {text!r}"
        assert not f["file"].startswith(("/", "..")), f"finding outside the case folder: {f}"
    for want in expected["findings"]:
        assert any(_matches(f, want) for f in findings), f"missing {want}; findings:\n{shown}"
    if expected.get("exact"):
        assert len(findings) == len(expected["findings"]), f"unexpected findings:\n{shown}{note}"
    assert _snapshot(root) == before, "the check changed the model folder"
