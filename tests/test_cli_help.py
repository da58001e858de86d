"""The command line's own words speak the reader's language (issue 16, item 1): the ``--help`` of the root and of
every command and sub-command, Click's own words ("Usage:", "Options", "Show this message and exit.") and the
usage errors (unknown option, missing argument, bad choice, bad day) — Vietnamese by default, English with
``--lang en`` given anywhere on the line (before or after the command's name), exit code 2 and no traceback on
a usage error.

Each output is read by the detectors of tests/_language.py: no English sentence in the Vietnamese text, no
Vietnamese word in the English one (command names, option flags, value names, file names and ids are not
sentences)."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from _language import english_words, vietnamese_words
from conftest import write_model
from kientruc.cli import cli


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command line that names a command: the root, each command, each sub-command."""
    found = [path]
    for name, cmd in sorted(group.commands.items()):
        if isinstance(cmd, click.Group):
            found.extend(_commands(cmd, (*path, name)))
        else:
            found.append((*path, name))
    return found


COMMANDS = _commands(cli)
_NAMES = "|".join(sorted({name for path in COMMANDS for name in path}, key=len, reverse=True))
_COMMAND_LINE = re.compile(rf"^\s*kientruc .*$|kientruc(?: (?:{_NAMES})\b)+|^ {{2}}(?:{_NAMES})\b", re.M)
_CHOICES = re.compile(r"[\[{][\w.%-]+(?:\|[\w.%-]+)+[\]}]")  # [error|warning|info], [%Y-%m-%d]


def _sentences(text: str) -> str:
    """The text without what is typed rather than read: command lines (``kientruc check``, a command's name
    in the list of commands) and the choices of an option (``[text|json]``)."""
    return _CHOICES.sub(" ", _COMMAND_LINE.sub(" ", text))


def _command(path: tuple[str, ...]) -> click.Command:
    cmd: click.Command = cli
    for name in path:
        cmd = cmd.commands[name]  # type: ignore[attr-defined]
    return cmd


def _run(args: list[str]) -> tuple[int, str]:
    """Exit code and output; the help unwrapped (a wide terminal), so that no quoted name is cut in two."""
    result = CliRunner().invoke(cli, args, catch_exceptions=False, terminal_width=1000)
    return result.exit_code, result.stdout + result.stderr


def test_every_command_is_listed():
    names = {" ".join(c) for c in COMMANDS}
    assert {"", "check", "build", "export archimate", "import archimate", "diff", "merge"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "kientruc")
def test_help_is_in_the_language_asked(path):
    code, vi = _run([*path, "--help"])
    assert code == 0, vi
    assert vi.startswith("Cách dùng: kientruc") and "Tùy chọn:" in vi and "Hiện trợ giúp này rồi thoát." in vi
    assert english_words(_sentences(vi)) == [], vi
    code, en = _run(["--lang", "en", *path, "--help"])  # --lang given to kientruc, before the command's name
    assert code == 0, en
    assert en.startswith("Usage: kientruc") and "Options:" in en and "Show this message and exit." in en
    assert vietnamese_words(_sentences(en)) == [], en
    if any(p.name == "lang" for p in _command(path).params):  # the command's own --lang, before --help
        assert _run([*path, "--lang", "en", "--help"]) == (0, en)
    assert _run([*path, "-h"]) == (0, vi)  # and Vietnamese again after English in one process


def test_the_roots_help_lists_the_commands_in_the_language_asked():
    _, vi = _run(["--help"])
    _, en = _run(["--lang", "en", "--help"])
    assert "Lệnh:" in vi and "LỆNH [THAM_SỐ]..." in vi and "Commands:" in en and "COMMAND [ARGS]..." in en
    assert "  check " in vi and "  check " in en  # the command names stay as they are typed


USAGE_ERRORS = [
    # (command line, Vietnamese, English)
    (["check", "--bogus"], "Lỗi: Không có tùy chọn '--bogus'.", "Error: No such option '--bogus'."),
    (["show"], "Lỗi: Thiếu đối số 'ID'.", "Error: Missing argument 'ID'."),
    (["check", "--format", "xml"], "Lỗi: Giá trị không hợp lệ cho '--format': 'xml' không thuộc: 'text'",
     "Error: Invalid value for '--format': 'xml' is not one of 'text'"),
    (["check", "--as-of", "2018-13-01"], "Lỗi: Giá trị không hợp lệ cho '--as-of': '2018-13-01' không đúng dạng",
     "Error: Invalid value for '--as-of': '2018-13-01' does not match the format"),
    (["nosuch"], "Lỗi: Không có lệnh 'nosuch'.", "Error: No such command 'nosuch'."),
    (["diagram", "overview", "--all"], "Lỗi: chỉ cho một góc nhìn hoặc --all, không cho cả hai",
     "Error: give a view or --all, not both"),
    (["rules", "NO-SUCH-RULE"], "Giá trị không hợp lệ cho QUY_TẮC: không có quy tắc 'NO-SUCH-RULE'",
     "Invalid value for RULE: no rule 'NO-SUCH-RULE'"),
    (["check", "--baseline", "khong-co.json"], "Tệp 'khong-co.json' không tồn tại.", "File 'khong-co.json' does not exist."),
]


@pytest.mark.parametrize("args,vi_text,en_text", USAGE_ERRORS, ids=lambda a: " ".join(a) if isinstance(a, list) else "")
def test_usage_errors_are_in_the_language_asked(args, vi_text, en_text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, vi = _run(args)
    assert code == 2 and vi_text in vi and "Traceback" not in vi, vi
    assert english_words(_sentences(vi)) == [], vi
    for line in (["--lang", "en", *args], [*args, "--lang", "en"]):
        code, en = _run(line)
        assert code == 2 and en_text in en and "Traceback" not in en, en
        assert vietnamese_words(_sentences(en)) == [], en
    if args != ["nosuch"]:
        assert "Chạy 'kientruc " in vi and "' để xem trợ giúp." in vi and "Try 'kientruc " in en


def test_a_bad_baseline_file_is_told_in_the_language_asked(tmp_path):
    bad = tmp_path / "mốc.json"
    bad.write_text("{not json", encoding="utf-8")
    model = write_model(tmp_path / "m", {"to-chuc.yaml": "- id: so-khcn\n  kind: organization\n  name: Sở KH&CN\n"})
    code, vi = _run(["check", str(model), "--baseline", str(bad)])
    assert code == 2 and "không phải tệp mốc của kientruc (JSON không hợp lệ" in vi, vi
    code, en = _run(["check", str(model), "--baseline", str(bad), "--lang", "en"])
    assert code == 2 and "not a kientruc baseline (invalid JSON" in en, en


def test_the_language_goes_back_after_a_command():
    import gettext
    import os

    domain, language = gettext.textdomain(), os.environ.get("LANGUAGE")
    _run(["--lang", "en", "check", "--bogus"])
    assert (gettext.textdomain(), os.environ.get("LANGUAGE")) == (domain, language)
    assert gettext.gettext("Usage:") == "Usage:"  # outside a command, gettext is as it was
