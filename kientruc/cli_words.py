"""The command line's own words in the reader's language: help texts, Click's words, usage errors.

Click writes its words ("Usage:", "Options", "Show this message and exit.", "Error: No such option…",
"Missing argument…") through the standard library's GNU gettext API, as its maintainers intend
applications to translate them: the application binds its catalogue to a text domain, makes it the current
domain and names the language (``LANGUAGE``, the variable GNU gettext reads). :func:`speaking` does that for
the length of one command, with kientruc's one catalogue (``kientruc/i18n/locale/<lang>/LC_MESSAGES``):
Click's own msgids are in it beside kientruc's (``scripts/i18n.py extract`` reads them from the installed
Click), translated in ``vi/kientruc.po``.

The help of kientruc's commands and options is written in English in ``cli.py`` (the msgid) and shown through
the same catalogue: :class:`Command`, :class:`Group`, :class:`Option` and :class:`Path` keep the English text and
give its translation each time Click reads it (``help``, ``short_help``, ``epilog``, a path's name), so one
process can speak Vietnamese and then English (the tests do). :func:`help_texts` lists every such msgid of a
command tree for the extractor.

The language is decided before Click parses anything (:func:`asked_lang`): a ``--lang vi|en`` anywhere on the
command line (before a ``--``), else Vietnamese, kientruc's first language.
"""

from __future__ import annotations

import contextlib
import gettext
import os
from collections.abc import Iterator, Sequence
from importlib import resources

import click

from .i18n import DOMAIN, Text, render
from .models.labels import LANGS

_current = ["vi"]  # the language of the command running now (one command at a time per process)

# Names of values Click shows in the usage line and the option list (its ParamType names, upper case),
# translated like the rest; extracted by scripts/i18n.py.
METAVARS = ("TEXT", "INTEGER", "FLOAT", "FILE", "DIRECTORY", "PATH", "BOOLEAN",
            "VIEW", "RULE", "BASE", "HEAD", "INPUTS")  # and the names of kientruc's arguments
USAGE_PIECES = ("[OPTIONS]", "COMMAND [ARGS]...")  # a command's and a group's usage line


def asked_lang(args: Sequence[str]) -> str:
    """The language a command line asks for: its ``--lang`` (or ``--lang=``) before any ``--``, else vi."""
    found = "vi"
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in LANGS:
            found = args[i + 1]
        elif arg.startswith("--lang=") and arg[7:] in LANGS:
            found = arg[7:]
    return found


def current() -> str:
    """The language of the command running now."""
    return _current[0]


def say(message: Text) -> str:
    """A message in the language of the command running now (for a usage error kientruc raises)."""
    return render(message, current())


def word(text: str) -> str:
    """A word of the command line (a value's name: ``RULE``) in the language of the command running now."""
    return gettext.gettext(text)


def _locale_dir() -> str:
    return str(resources.files("kientruc.i18n").joinpath("locale"))


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Click and kientruc's help speak ``lang`` within the block: the catalogue bound as the gettext domain."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    before = gettext.textdomain(), os.environ.get("LANGUAGE"), _current[0]
    gettext.bindtextdomain(DOMAIN, _locale_dir())
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = lang
    _current[0] = lang
    try:
        yield
    finally:
        domain, language, _current[0] = before
        gettext.textdomain(domain)
        if language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = language


def _tr(text: str | None) -> str | None:
    return gettext.gettext(text) if text else text


class _Translated:
    """A descriptor: the attribute keeps the English text and reads as its translation."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = "_english_" + name

    def __get__(self, obj: object, owner: type | None = None) -> str | None:
        if obj is None:
            return None
        return _tr(getattr(obj, self.name, None))

    def __set__(self, obj: object, value: str | None) -> None:
        setattr(obj, self.name, value)


class Option(click.Option):
    """An option whose help and value name are shown in the reader's language."""

    help = _Translated()

    def make_metavar(self, ctx: click.Context) -> str:
        metavar = super().make_metavar(ctx)
        return gettext.gettext(metavar) if metavar in METAVARS else metavar


class Argument(click.Argument):
    """An argument whose value name is shown in the reader's language where it is a type's name."""

    def make_metavar(self, ctx: click.Context) -> str:
        metavar = super().make_metavar(ctx)
        bare = metavar.strip("[]").rstrip(".")
        return metavar.replace(bare, gettext.gettext(bare)) if bare in METAVARS else metavar


class Path(click.Path):
    """click.Path whose name ("file", "directory", "path" in its messages and value names) is translated."""

    name = _Translated()  # type: ignore[assignment]


class Command(click.Command):
    """A command whose help texts, and the ``--help`` option's own, are shown in the reader's language."""

    help = _Translated()
    short_help = _Translated()
    epilog = _Translated()
    options_metavar = _Translated()

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:  # Click makes it once, in the language of the first call: say it again
            option.help = gettext.gettext("Show this message and exit.")
        return option


class Group(Command, click.Group):
    """The command group: its commands are :class:`Command`, its sub-groups :class:`Group`; ``main``
    decides the language from the command line before Click reads it, and speaks it until the end."""

    command_class = Command
    group_class = type
    subcommand_metavar = _Translated()

    def main(self, args: Sequence[str] | None = None, *rest, **kwargs):  # type: ignore[override]
        import sys

        argv = list(sys.argv[1:] if args is None else args)
        with speaking(asked_lang(argv)):
            return super().main(argv, *rest, **kwargs)


def help_texts(group: click.Group) -> list[str]:
    """Every help text (English, the msgid) of ``group``'s commands and their options, and the value names."""
    found: list[str] = []

    def walk(cmd: click.Command) -> None:
        for attr in ("help", "short_help", "epilog"):
            value = getattr(cmd, "_english_" + attr, None)
            if value:
                found.append(value)
        for param in cmd.params:
            value = getattr(param, "_english_help", None)
            if value:
                found.append(value)
        if isinstance(cmd, click.Group):
            for sub in cmd.commands.values():
                walk(sub)

    walk(group)
    found.extend(METAVARS + USAGE_PIECES)
    return list(dict.fromkeys(found))
