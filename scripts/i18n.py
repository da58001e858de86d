#!/usr/bin/env python3
"""The message catalogue's tool: kientruc/i18n/locale/{vi,en}/LC_MESSAGES/kientruc.po (gettext, through Babel).

    python scripts/i18n.py extract   # messages written as msg("…") in kientruc/**.py, every rule's legal basis
                                     # and every framework profile's instrument (msgctxt "legal-basis") → both .po files
    python scripts/i18n.py migrate   # words of a words.yaml / labels.yaml (a branch made before gettext) → .po
    python scripts/i18n.py compile   # .po → .mo (what kientruc reads at run time)
    python scripts/i18n.py check     # every entry translated in both languages, same placeholders, NFC, .mo current
    python scripts/i18n.py update    # extract + migrate (if a yaml is there) + compile + check: the usual command

Every command can run again and again: ``extract`` adds the new message ids of the code (English filled in
``en``; ``vi`` left empty for the translator, which ``check`` then reports) and drops the ones no code uses;
A legal basis (``legal_basis=`` of a rule) is cited in Vietnamese, the official citation: it is the msgid,
under the msgctxt ``legal-basis``; ``extract`` fills the Vietnamese msgstr with it and leaves the English one
empty for the translator ("Decree 85/2016/NĐ-CP, Article 12"), which ``check`` then reports. The instruments
that issued the framework profiles (``short`` and ``instrument`` of kientruc/frameworks/*.yaml) are citations
too, under the same msgctxt ("Quyết định 292/QĐ-BKHCN" → "Decision 292/QĐ-BKHCN").
``migrate`` adds or updates the keyed words of ``kientruc/i18n/words.yaml`` and ``kientruc/models/labels.yaml``
where they exist, then deletes those files (``--keep`` keeps them). The .po files are written sorted and
without source lines, so that two branches that each add words merge line by line.
"""

from __future__ import annotations

import argparse
import datetime
import io
import string
import sys
import unicodedata
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kientruc"
LOCALE = PACKAGE / "i18n" / "locale"
LANGS = ("vi", "en")
DOMAIN = "kientruc"
KEYWORDS = {"msg": None, "ModelError": None}  # msg("English {placeholder}", …) (kientruc.i18n); ModelError("…") (kientruc.models)
WORDS_YAML = PACKAGE / "i18n" / "words.yaml"
LABELS_YAML = PACKAGE / "models" / "labels.yaml"


_FIXED = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def load(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN, project="kientruc", fuzzy=False)
    with path.open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def save(lang: str, catalog: Catalog) -> None:
    catalog.fuzzy = False
    catalog.project, catalog.version = "kientruc", "1"
    catalog.revision_date = catalog.creation_date = _FIXED  # no churn in diffs
    buf = io.BytesIO()
    write_po(buf, catalog, width=0, no_location=True, sort_output=True, ignore_obsolete=True, omit_header=False)
    path = po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())


def mo_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog)
    return buf.getvalue()


# --------------------------------------------------------------------------- extract


def code_messages() -> dict[str | tuple[str, str], list[str]]:
    """Every msgid written as msg("…") in the package, the help texts of the command line, and Click's own
    words (a plural as its two English forms), with where each is."""
    found: dict[str | tuple[str, str], list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        if isinstance(message, str) and message:
            found.setdefault(message, []).append(f"{filename}:{lineno}")
    for message, where in cli_messages().items():
        found.setdefault(message, []).extend(where)
    return found


CLICK_KEYWORDS = {"_": None, "ngettext": (1, 2)}  # click: from gettext import gettext as _, ngettext
CLICK_SKIP = {"d"}  # the day's letter of a progress bar's ETA: kientruc shows none


def cli_messages() -> dict[str | tuple[str, str], list[str]]:
    """The help of every command and option of ``kientruc`` (kientruc.cli_words.help_texts) and every word
    Click itself says (its gettext calls, read from the installed package)."""
    import click

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from kientruc.cli import cli
    from kientruc.cli_words import help_texts

    found: dict[str | tuple[str, str], list[str]] = {t: ["kientruc/cli.py (help)"] for t in help_texts(cli)}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        Path(click.__file__).parent, method_map=[("**.py", "python")], keywords=CLICK_KEYWORDS
    ):
        if message and message not in CLICK_SKIP and (isinstance(message, str) or all(message)):
            found.setdefault(message if isinstance(message, str) else tuple(message), []).append(
                f"click/{filename}:{lineno}")
    return found


BASIS = "legal-basis"  # kientruc.i18n.BASIS


def basis_texts() -> dict[str, list[str]]:
    """Every legal basis a registered rule cites (its Vietnamese citation), with the rules that cite it, and the
    instruments that issued each framework profile (its ``short`` and ``instrument`` in kientruc/frameworks/),
    with the profiles that name them: both are citations shown to a reader through ``basis_title``."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from kientruc.frameworks import profiles
    from kientruc.validators.registry import registry

    found: dict[str, list[str]] = {}
    for code, r in sorted(registry().items()):
        for basis in r.legal_basis:
            found.setdefault(basis, []).append(code)
    for pid, p in sorted(profiles().items()):
        for instrument in (p.short, p.instrument):
            if instrument:
                found.setdefault(instrument, []).append(f"profile {pid}")
    return found


def extract() -> int:
    found = code_messages()
    bases = basis_texts()
    for lang in LANGS:
        cat = load(lang)
        added = removed = 0
        for m in list(cat):
            if m.id and m.context is None and m.id not in found:
                cat.delete(m.id)
                removed += 1
            elif m.id and m.context == BASIS and m.id not in bases:
                cat.delete(m.id, context=BASIS)
                removed += 1
        for basis in bases:
            if cat.get(basis, context=BASIS) is None:
                cat.add(basis, basis if lang == "vi" else "", context=BASIS)  # the citation is the Vietnamese
                added += 1
        for mid in found:
            if cat.get(mid) is None:
                if isinstance(mid, tuple):  # a plural: English has two forms, Vietnamese one
                    cat.add(mid, mid if lang == "en" else ("",))
                else:
                    cat.add(mid, mid if lang == "en" else "")
                added += 1
        save(lang, cat)
        print(f"{lang}: {len(found)} messages in the code and {len(bases)} legal bases, {added} added, "
              f"{removed} no longer used")
    return 0


# --------------------------------------------------------------------------- migrate


def _flatten(node, key: str, out: dict[str, dict[str, str]]) -> None:
    if isinstance(node, dict) and set(node) == set(LANGS):
        out[key] = node
    elif isinstance(node, dict):
        for name, child in node.items():
            _flatten(child, f"{key}.{name}" if key else str(name), out)
    else:
        raise SystemExit(f"{key}: neither a text in {', '.join(LANGS)} nor a section")


def yaml_words() -> dict[str, dict[str, str]]:
    """The keyed words of words.yaml and labels.yaml (labels under ``model.``), where the files exist."""
    out: dict[str, dict[str, str]] = {}
    if WORDS_YAML.exists():
        _flatten(yaml.safe_load(WORDS_YAML.read_text(encoding="utf-8")), "", out)
    if LABELS_YAML.exists():
        _flatten(yaml.safe_load(LABELS_YAML.read_text(encoding="utf-8")), "model", out)
    return out


def migrate(keep: bool = False) -> int:
    words = yaml_words()
    if not words:
        print("migrate: no words.yaml or labels.yaml: nothing to do")
        return 0
    cats = {lang: load(lang) for lang in LANGS}
    keyed = {m.context: m for m in cats["en"] if m.context and m.context != BASIS}
    added = changed = 0
    for key, texts in sorted(words.items()):
        old = keyed.get(key)
        if old is not None and old.id == texts["en"] and cats["vi"].get(old.id, context=key) is not None \
                and cats["vi"].get(old.id, context=key).string == texts["vi"]:
            continue
        if old is None:
            added += 1
        else:
            changed += 1
            for lang in LANGS:
                cats[lang].delete(old.id, context=key)
        for lang in LANGS:
            cats[lang].add(texts["en"], texts[lang], context=key)
    for lang in LANGS:
        save(lang, cats[lang])
    print(f"migrate: {len(words)} words read, {added} added, {changed} changed")
    if not keep:
        for path in (WORDS_YAML, LABELS_YAML):
            if path.exists():
                path.unlink()
                print(f"migrate: removed {_shown(path)}")
    return 0


# --------------------------------------------------------------------------- compile and check


def compile_mo() -> int:
    for lang in LANGS:
        mo_path(lang).write_bytes(mo_bytes(load(lang)))
    print("compile: " + ", ".join(_shown(mo_path(lang)) for lang in LANGS))
    return 0


def _fields(text: str) -> set[str]:
    return {f.split(".")[0].split("[")[0] for _, f, _, _ in string.Formatter().parse(text) if f}


def problems() -> list[str]:
    """What is wrong with the catalogue, one line each; empty when it is complete and compiled."""
    out: list[str] = []
    cats = {lang: load(lang) for lang in LANGS}
    entries = {lang: {(m.context, m.id): m.string for m in cat if m.id} for lang, cat in cats.items()}
    for lang in LANGS:
        other = LANGS[1 - LANGS.index(lang)]
        for ctxt, mid in sorted(set(entries[other]) - set(entries[lang]), key=str):
            out.append(f"{lang}: missing {ctxt + ' ' if ctxt else ''}{mid!r}")
        for (ctxt, mid), s in sorted(entries[lang].items(), key=str):
            where = f"{lang}: {ctxt + ' ' if ctxt else ''}{mid!r}"
            forms = s if isinstance(s, tuple) else (s,)
            if not all(forms):
                out.append(f"{where}: not translated")
                continue
            for form in forms:
                try:
                    if isinstance(mid, tuple):  # a plural's form: the placeholders of either English form
                        if not _fields(form) <= _fields(mid[0]) | _fields(mid[1]):
                            out.append(f"{where}: placeholders {sorted(_fields(form))} not in the msgid's")
                    elif _fields(form) != _fields(mid):
                        out.append(f"{where}: placeholders {sorted(_fields(form))} differ from the msgid's {sorted(_fields(mid))}")
                except ValueError as exc:
                    out.append(f"{where}: {exc}")
                if unicodedata.normalize("NFC", form) != form:
                    out.append(f"{where}: not NFC")
        if mo_path(lang).exists() is False or mo_path(lang).read_bytes() != mo_bytes(cats[lang]):
            out.append(f"{lang}: {_shown(mo_path(lang))} is not compiled from the .po (run scripts/i18n.py compile)")
    code = code_messages()
    for mid in sorted(set(code) - {m for _, m in entries["en"]}):
        out.append(f"the code's message {mid!r} ({code[mid][0]}) is not in the catalogue (run scripts/i18n.py extract)")
    for (ctxt, mid), s in sorted(entries["vi"].items(), key=str):
        if ctxt == BASIS and s and s != mid:
            out.append(f"vi: {ctxt} {mid!r}: the Vietnamese is the citation itself, not {s!r}")
    for basis in sorted(set(basis_texts()) - {m for c, m in entries["en"] if c == BASIS}):
        out.append(f"the legal basis {basis!r} is not in the catalogue (run scripts/i18n.py extract)")
    if WORDS_YAML.exists() or LABELS_YAML.exists():
        out.append("a words.yaml or labels.yaml is back (a branch merged): run scripts/i18n.py migrate")
    return out


def check() -> int:
    found = problems()
    for line in found:
        print(line)
    print(f"check: {len(found)} problems" if found else "check: the catalogue is complete in vi and en, and compiled")
    return 1 if found else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("extract", "migrate", "compile", "check", "update"))
    parser.add_argument("--keep", action="store_true", help="migrate: keep words.yaml and labels.yaml")
    args = parser.parse_args(argv)
    if args.command == "extract":
        return extract()
    if args.command == "migrate":
        return migrate(args.keep)
    if args.command == "compile":
        return compile_mo()
    if args.command == "check":
        return check()
    extract()
    migrate(args.keep)
    compile_mo()
    return check()


if __name__ == "__main__":
    sys.exit(main())
