"""The ``kientruc`` command: a thin shell over the library.

Commands parse options, call the library and print; they hold no logic a
library user would need. Exit codes: 0 no finding at or above ``--fail-on``;
1 findings; 2 the input could not be read or the command was misused; 3 an
internal error (a bug in kientruc).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import traceback
from typing import Any, NoReturn
from pathlib import Path

import click

from ._version import __version__
from ._io import write_atomic
from .findings import EXIT_INPUT, EXIT_INTERNAL, Severity
from . import pipeline
from .frameworks import default_profile, profiles
from .cli_words import Argument, Group, Option, Path as PathType, say, word
from .i18n import msg, relation_title, render, text
from .loader import MANIFEST
from .models import KIND_CLASSES, LAYER_OF, relation_table
from .renderers.reports import check_json, check_text, notices_text, text_report, timings_table
from .schema import element_schema, manifest_schema

DATE = click.DateTime(formats=["%Y-%m-%d"])
LANG = click.Choice(["vi", "en"])


def option(*decls: str, **attrs: Any):
    """click.option, its help and value name in the reader's language (kientruc.cli_words)."""
    return click.option(*decls, cls=Option, **attrs)


def argument(*decls: str, **attrs: Any):
    """click.argument, its value name in the reader's language."""
    return click.argument(*decls, cls=Argument, **attrs)


def _root_lang() -> str | None:
    """The language given to ``kientruc --lang`` before the command's name (a command's --lang default)."""
    ctx = click.get_current_context(silent=True)
    return ctx.find_root().params.get("lang") if ctx is not None else None


def _lang_or_vi() -> str:
    return _root_lang() or "vi"


def _version(ctx: click.Context, value: bool) -> None:
    """``kientruc --version``, in the reader's language (Click's own option says it in the language of the
    first import)."""
    if value and not ctx.resilient_parsing:
        click.echo(word("%(prog)s, version %(version)s") % {"prog": "kientruc", "version": __version__})
        ctx.exit()


def _default_dir() -> Path:
    here = Path.cwd()
    if (here / MANIFEST).is_file():
        return here
    if (here / "architecture" / MANIFEST).is_file():
        return here / "architecture"
    return here


def _model_dir(value: str | None) -> Path:
    return Path(value) if value else _default_dir()


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def _emit(text: str, output: str | None) -> None:
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)


def _lang(lang: str | None, result: object) -> str:
    """The language asked for, else the model's (its manifest's ``language``), else Vietnamese."""
    if lang:
        return lang
    arch = getattr(getattr(result, "load", None), "architecture", None)
    return arch.manifest.language if arch is not None else "vi"


def _manifest_lang(root: Path) -> str:
    """The ``language`` the manifest in ``root`` names, for what is said before the model is read; else vi."""
    import yaml

    try:
        data = yaml.safe_load((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return "vi"
    value = data.get("language") if isinstance(data, dict) else None
    return value if value in ("vi", "en") else "vi"


def _use_color(output: str | None) -> bool:
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


@click.group("kientruc", cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@option("--version", is_flag=True, expose_value=False, is_eager=True, callback=lambda ctx, _, value: _version(ctx, value),
        help="Show the version and exit.")
@option("--lang", type=LANG, default=None,
        help="Language of what kientruc says, its help and its errors, for every command (default: the manifest's, else vi).")
def cli(lang: str | None) -> None:
    """kientruc: Vietnamese e-government architecture as code.

    Keep the architecture as YAML model files, check it against the national
    framework, and render what officials read.
    """


as_of_option = option(
    "--as-of",
    "as_of",
    type=DATE,
    default=None,
    help="Read the model as it stood on this day (YYYY-MM-DD): only elements and relations in force then. Default: today.",
)


@cli.command("check")
@argument("directory", required=False, type=PathType(file_okay=False, path_type=str))
@option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "junit", "github"]),
    default="text",
    show_default=True,
    help="text for people; json; sarif (code scanning), junit (CI test reports), github (workflow annotations).",
)
@option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that makes the check fail (exit 1). Default: the manifest's validation.fail_on, else error.",
)
@as_of_option
@option("--profile", type=click.Choice(sorted(profiles())), default=None,
              help="Framework profile to check against, alone. Default: the framework in force on the day "
              "(which decides the exit code) and, where it differs, the one of the architecture's edition in force.")
@option("-o", "--output", type=PathType(dir_okay=False), default=None, help="Write the report to this file.")
@option("--no-hints", is_flag=True, help="Leave hints out of the text report.")
@option("--lang", type=LANG, default=_root_lang,
              help="Language of the messages and the verdict (default: the manifest's, else vi).")
@option(
    "--baseline",
    "baseline_file",
    type=PathType(dir_okay=False, exists=True),
    default=None,
    help="Hide the findings recorded in this baseline file; entries that match nothing become BSL001 (info).",
)
@option(
    "--write-baseline",
    "write_baseline_file",
    type=PathType(dir_okay=False),
    default=None,
    help="Record the current findings in this baseline file (for --baseline, or the manifest's "
    "validation.baseline) and exit 0; with --fail-on, only the findings at or above it.",
)
@option(
    "--no-cache",
    is_flag=True,
    help="Re-read every model file instead of reusing what unchanged files gave last time "
    "(the cache lives in ~/.cache/kientruc; KIENTRUC_NO_CACHE=1 does the same).",
)
@option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that parse the model files not in the cache (default: one per CPU, or KIENTRUC_JOBS; "
    "1 parses them in this process). Small models are always parsed in this process.",
)
@option("--timings", is_flag=True, help="Also print, on stderr, the seconds spent loading, building the graph and in each rule.")
@option("--watch", is_flag=True,
              help="Keep running: print the text report again each time a model file is saved (Ctrl+C stops).")
def check_cmd(
    directory: str | None,
    fmt: str,
    fail_on: str | None,
    as_of: dt.datetime | None,
    profile: str | None,
    output: str | None,
    no_hints: bool,
    lang: str | None,
    baseline_file: str | None,
    write_baseline_file: str | None,
    no_cache: bool,
    jobs: int | None,
    timings: bool,
    watch: bool,
) -> None:
    """Check the model in DIRECTORY (default: ./architecture or the current folder).

    Exit code 0: no finding at or above --fail-on; 1: findings; 2: the model could
    not be read (YAML syntax, schema errors) or the command was misused; 3: a bug.
    """
    from .validators.baseline import BaselineError

    root = _model_dir(directory)
    if watch:
        if fmt != "text" or output or baseline_file or write_baseline_file:
            raise click.UsageError(say(msg("{watch} prints the text report on the terminal: it takes no {options}",
                                           watch="--watch", options="--format, -o, --baseline, --write-baseline")))
        _watch(root, _day(as_of), profile, _use_color(None), not no_hints, lang)
        return
    try:
        judged = pipeline.verdict(
            root,
            as_of=_day(as_of),
            profile=profile,
            fail_on=Severity.parse(fail_on) if fail_on else None,
            baseline=baseline_file,
            cache=False if no_cache else None,
            jobs=jobs,
        )
    except BaselineError as exc:  # a file given to --baseline that is not a baseline
        raise click.BadParameter(say(exc.args[0]), param_hint="--baseline") from None
    result, verdict = judged.result, judged.to_dict()
    lang = _lang(lang, result)
    if timings:
        click.echo(timings_table(result.timings), err=True, nl=False)
    if write_baseline_file:
        from .validators.baseline import Baseline

        try:
            current = pipeline.record_baseline(result, Severity.parse(fail_on) if fail_on else None)
        except pipeline.Unreadable as exc:
            click.echo(text_report(exc.findings, lang=lang), err=True, nl=False)
            sys.exit(result.exit_code)
        base = Baseline.of(current, write_baseline_file, profile=result.profile.id if result.profile else None)
        write_atomic(write_baseline_file, base.to_json())
        click.echo(render(msg("wrote {n} findings ({entries} entries) to {file}", n=len(current), entries=len(base.entries),
                              file=write_baseline_file), lang))
        sys.exit(0)
    if fmt in ("sarif", "junit", "github"):
        from .renderers.ci_reports import ci_report

        _emit(ci_report(result, fmt, rules=pipeline.rule_infos(result), srcroot=pipeline.source_root(root),
                        model_dir=root, lang=lang, verdict=verdict), output)
        _checked(result.exit_code)
    if fmt == "json":
        _emit(check_json(result, model=str(root), verdict=verdict, lang=lang), output)
    else:
        _emit(check_text(result, color=_use_color(output), show_hints=not no_hints, verdict=verdict, lang=lang), output)
        if result.load.notices:
            click.echo(notices_text(result.load.notices, lang), err=True, nl=False)
        if result.baselined and baseline_file:  # the manifest's own baseline: the verdict counts what it hides
            click.echo(render(msg("{n} findings hidden by the baseline {file}.", n=len(result.baselined), file=baseline_file), lang),
                       err=True)
    _checked(result.exit_code)


_EXIT_AT_ONCE = False


def _checked(code: int) -> NoReturn:
    """The end of ``kientruc check``: everything is written; :func:`main` may leave without freeing the model."""
    global _EXIT_AT_ONCE
    _EXIT_AT_ONCE = True
    sys.exit(code)


def _exit_at_once(exc: SystemExit) -> None:
    """Leave the process now with ``exc``'s code, skipping the interpreter's teardown, if the command said it
    may (:func:`_checked`): freeing the model object by object costs ~0.1 s at 10,000 elements and ~0.8 s at
    50,000, for nothing, as the process ends. Only what a check leaves is skipped: its output is written and
    flushed here, it started no thread and left no temporary file; if flushing fails (a closed pipe), the
    ordinary exit reports it."""
    if not _EXIT_AT_ONCE or not isinstance(exc.code, int) or isinstance(exc.code, bool):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 - the ordinary exit says what went wrong
        return
    os._exit(exc.code)


@cli.command("stats")
@argument("directory", required=False, type=PathType(file_okay=False, path_type=str))
@as_of_option
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@option("--lang", type=LANG, default=_lang_or_vi, show_default="vi", help="Language of what it says.")
def stats_cmd(directory: str | None, as_of: dt.datetime | None, fmt: str, lang: str) -> None:
    """Count elements per layer and kind, and relations per type."""
    from .renderers.stats import stats_json, stats_text

    model = _read(directory, as_of)
    click.echo(stats_json(model.graph) if fmt == "json" else stats_text(model.graph, lang), nl=False)


@cli.command("schema")
@option("--manifest", "which", flag_value="manifest", help="The schema of architecture.yaml.")
@option("--elements", "which", flag_value="elements", default=True, help="The schema of model files (default).")
@option("-o", "--output", type=PathType(dir_okay=False), default=None, help="Write it to this file.")
def schema_cmd(which: str, output: str | None) -> None:
    """Print the JSON Schema of model files (or of the manifest) for editors.

    Save it next to the model and start each model file with
    '# yaml-language-server: $schema=<path to the schema>' to get completion.
    """
    schema = manifest_schema() if which == "manifest" else element_schema()
    _emit(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", output)


@cli.command("rules")
@option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="text; json (the catalog as data); markdown (the rules reference, docs/rules.md).")
@option("--lang", type=LANG, default=_lang_or_vi, show_default="vi", help="Language of what it says.")
@option("-o", "--output", type=PathType(dir_okay=False), default=None, help="Write it to this file.")
@argument("rule", required=False)
def rules_cmd(fmt: str, lang: str, output: str | None, rule: str | None) -> None:
    """List every rule, or explain one (by code or name), in Vietnamese or English."""
    from .validators import lookup
    from .validators.reference import rule_rows, rule_text, rules_list_text, rules_markdown

    if rule:
        r = lookup(rule)
        if r is None:
            raise click.BadParameter(say(msg("no rule '{rule}'; {command} lists them", rule=rule, command="`kientruc rules`")),
                                     param_hint=word("RULE"))
        if fmt == "json":
            row = next(x for x in rule_rows() if x["code"] == r.code)
            _emit(json.dumps(dict(row, doc=r.doc), ensure_ascii=False, indent=2) + "\n", output)
        else:
            _emit(rule_text(r, lang), output)
        return
    if fmt == "json":
        _emit(json.dumps(rule_rows(), ensure_ascii=False, indent=2) + "\n", output)
    elif fmt == "markdown":
        _emit(rules_markdown(lang), output)
    else:
        _emit(rules_list_text(lang), output)


@cli.command("relations")
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@option("--from", "source", type=click.Choice(sorted(KIND_CLASSES)), default=None, help="Only relations written on this kind.")
@option("--lang", type=LANG, default=_lang_or_vi, show_default="vi", help="Language of the listing.")
def relations_cmd(fmt: str, source: str | None, lang: str) -> None:
    """Print the relation-validity table: which relation may join which kinds."""
    table = relation_table()
    out = {}
    for rid, rtype in table.items():
        targets = {s: rtype.allowed_targets(s) for s in rtype.allowed_sources() if source in (None, s)}
        if targets:
            out[rid] = {"title_vi": relation_title(rid, "vi"), "title_en": relation_title(rid, "en"), "archimate": rtype.archimate,
                        "allowed": targets}
    if fmt == "json":
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for rid, spec in out.items():
        click.echo(render(msg("{id} ({title}; ArchiMate {archimate})", id=rid, title=spec[f"title_{lang}"],
                              archimate=spec["archimate"]), lang))
        for s, targets in spec["allowed"].items():
            shown = render(msg("any kind"), lang) if len(targets) == len(KIND_CLASSES) else ", ".join(targets)
            click.echo(f"  {s} -> {shown}")


@cli.command("kinds")
@option("--lang", type=LANG, default=_lang_or_vi, show_default="vi", help="Language of the listing.")
def kinds_cmd(lang: str) -> None:
    """List the element kinds, by layer: the key the model writes, then its title and the layer's."""
    from .i18n import kind_title, layer_title

    for kind in KIND_CLASSES:
        click.echo(f"{LAYER_OF[kind]:<12} {kind:<22} {kind_title(kind, lang)} ({layer_title(LAYER_OF[kind], lang)})")


@cli.command("profiles")
@option("--lang", type=LANG, default=_lang_or_vi, show_default="vi", help="Language of the listing.")
def profiles_cmd(lang: str) -> None:
    """List the national framework profiles kientruc knows."""
    from .i18n import basis_title, date

    for p in profiles().values():
        click.echo(f"{p.id:<24} {p.title_en if lang == 'en' else p.title}")
        if p.in_force_to:
            line = msg("{instrument}; in force from {start} to {end}", instrument=basis_title(p.instrument, lang),
                       start=date(p.in_force_from, lang), end=date(p.in_force_to, lang))
        else:
            line = msg("{instrument}; in force from {start}", instrument=basis_title(p.instrument, lang), start=date(p.in_force_from, lang))
        click.echo(f"{'':<24} {render(line, lang)}")


@cli.command("init")
@argument("directory", type=PathType(file_okay=False, path_type=str))
@option("--province", required=True, help="Province or ministry, e.g. 'tỉnh Quảng Trị'.")
@option("--profile", type=click.Choice(sorted(profiles())), default=default_profile(), show_default=True)
@option("--title", default=None, help="Title of the architecture (default: “Kiến trúc Chính quyền điện tử …”).")
@option("--version", "arch_version", default="1.0", show_default=True,
              help="Version of the architecture (architecture.version in the manifest), e.g. 2.0.")
@option("--lang", type=LANG, default=_lang_or_vi, show_default="vi", help="Language of what it says.")
def init_cmd(directory: str, province: str, profile: str, title: str | None, arch_version: str, lang: str) -> None:
    """Start a new architecture in DIRECTORY: manifest, a first model file, editor schemas."""
    from .scaffold import ScaffoldError, init

    try:
        written = init(Path(directory), province, profile, title, version=arch_version)
    except ScaffoldError as exc:
        click.echo(render(msg("kientruc init: {message}", message=exc.args[0] if exc.args else str(exc)), lang), err=True)
        sys.exit(EXIT_INPUT)
    for path in written:
        click.echo(render(msg("wrote {file}", file=str(path)), lang))
    click.echo(render(msg("next: {command}", command="kientruc check " + directory), lang))


def _warn(note: Any, lang: str) -> None:
    """A warning on stderr in ``lang``; with KIENTRUC_DEBUG set, also the words of the program it came from
    (a message's ``detail``: Graphviz's own line)."""
    click.echo(render(msg("warning: {message}", message=render(note, lang)), lang), err=True)
    detail = dict(getattr(note, "args", ())).get("detail") if hasattr(note, "id") else None
    if detail and os.environ.get("KIENTRUC_DEBUG"):
        click.echo(f"  {detail}", err=True)


def _read(directory: str | None, as_of: dt.datetime | None, lang: str | None = None) -> pipeline.Model:
    """The model in DIRECTORY with its graph for the day (default today), or exit 2 with the load findings
    (in ``lang``, else Vietnamese: the manifest's language is unknown when the model cannot be read)."""
    try:
        return pipeline.read(_model_dir(directory), as_of=_day(as_of))
    except pipeline.Unreadable as exc:
        click.echo(text_report(exc.findings, lang=lang or "vi"), err=True, nl=False)
        sys.exit(EXIT_INPUT)


@cli.command("views")
@argument("directory", required=False, type=PathType(file_okay=False, path_type=str))
@as_of_option
@option("--lang", type=LANG, default=_root_lang, help="Language of the titles (default: the manifest's).")
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def views_cmd(directory: str | None, as_of: dt.datetime | None, lang: str | None, fmt: str) -> None:
    """List the diagrams of the model in DIRECTORY: `kientruc diagram VIEW` draws one."""
    model = _read(directory, as_of, lang)
    lang = lang or model.architecture.manifest.language
    rows = []
    for info, view in pipeline.views(model, lang=lang):
        rows.append({"id": info.id, "title": info.title, "origin": info.origin, "elements": view.elements,
                     "nodes": len(view.nodes), "as_of": view.as_of.isoformat() if view.as_of else None,
                     "description": info.description})
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max(len(r["id"]) for r in rows)
    for r in rows:
        click.echo(f"{r['id']:<{width}}  {r['elements']:>6}  {r['title']}")
    hint = text("cli.views.context_hint", lang)
    click.echo(f"{'context:<id>':<{width}}  {'':>6}  {hint}")


def _diagram_file(view_id: str, fmt: str) -> str:
    # ':' is not allowed in file names everywhere; element ids and view ids have no '.'
    return f"{view_id.replace(':', '.')}.{fmt}"


@cli.command("diagram")
@argument("view", required=False)
@option("-d", "--dir", "directory", type=PathType(file_okay=False, path_type=str), default=None,
              help="Model folder (default: ./architecture or the current folder).")
@option("-f", "--format", "formats", type=click.Choice(["svg", "png", "pdf", "dot"]), multiple=True,
              help="svg, png, pdf or dot (the Graphviz text); repeat for several. Default: from --out, else svg.")
@option("-o", "--out", type=PathType(dir_okay=False, path_type=str), default=None,
              help="The file to write ('-' for standard output); one view and one format only.")
@option("--out-dir", type=PathType(file_okay=False, path_type=str), default=None,
              help="Folder for VIEW.FORMAT files when --out is not given (default: the current folder).")
@option("--all", "all_views", is_flag=True, help="Draw every view that `kientruc views` lists.")
@as_of_option
@option("--lang", type=LANG, default=_root_lang, help="Language of the labels (default: the manifest's).")
@option("--max-nodes", type=click.IntRange(min=1), default=None,
              help="Collapse a view that has more nodes than this (default: 150).")
@option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Seconds Graphviz may take for one file (default: 120).")
def diagram_cmd(
    view: str | None,
    directory: str | None,
    formats: tuple[str, ...],
    out: str | None,
    out_dir: str | None,
    all_views: bool,
    as_of: dt.datetime | None,
    lang: str | None,
    max_nodes: int | None,
    timeout: float | None,
) -> None:
    """Draw the view VIEW (default: overview) of the model as SVG, PNG, PDF or DOT.

    VIEW is one that `kientruc views` lists (overview, integration, deployment, roadmap,
    layer:<layer>, the views declared in architecture.yaml) or context:<element id>.
    Exit code 2 if the view is unknown, the model cannot be read, or Graphviz is
    missing, fails or takes longer than --timeout.
    """
    from .renderers.diagrams import DEFAULT_TIMEOUT, DiagramError, graphviz_notes, render as draw
    from .views import DEFAULT_MAX_NODES, UnknownView, compute_view, source_line, view_ids

    if all_views and view:
        raise click.UsageError(say(msg("give a view or {all}, not both", all="--all")))
    if not formats:
        suffix = Path(out).suffix.lstrip(".").lower() if out and out != "-" else ""
        formats = (suffix,) if suffix in ("svg", "png", "pdf", "dot") else ("svg",)
    formats = tuple(dict.fromkeys(formats))
    if out is not None and (all_views or len(formats) > 1):
        raise click.UsageError(say(msg("{out} names one file: with {all} or several formats use {out_dir}", out="--out",
                                           all="--all", out_dir="--out-dir")))
    graph = _read(directory, as_of, lang).graph
    lang = lang or graph.architecture.manifest.language
    source = source_line(graph, lang, extra=f"kientruc {__version__}")
    wanted = view_ids(graph) if all_views else [view or "overview"]
    for view_id in wanted:
        try:
            v = compute_view(graph, view_id, lang=lang, max_nodes=max_nodes or DEFAULT_MAX_NODES, source=source)
        except UnknownView as exc:
            click.echo(f"kientruc: {render(exc.args[0], lang)}", err=True)
            sys.exit(EXIT_INPUT)
        if v.missing:
            click.echo(render(msg("kientruc: warning: view '{view}' names elements not in the model on {day}: {ids}",
                                  view=view_id, day=graph.as_of, ids=", ".join(v.missing)), lang), err=True)
        for fmt in formats:
            problems: list[str] = []
            try:
                data = draw(v, fmt, timeout=timeout or DEFAULT_TIMEOUT, warnings=problems)
            except DiagramError as exc:
                click.echo(f"kientruc: {view_id}: {render(exc.args[0] if exc.args else str(exc), lang)}", err=True)
                sys.exit(EXIT_INPUT)
            for note in graphviz_notes(problems, view_id):
                _warn(note, lang)
            if out == "-":
                sys.stdout.flush()
                sys.stdout.buffer.write(data)  # bytes as they are (click.get_binary_stream is deprecated)
                sys.stdout.buffer.flush()
                continue
            path = Path(out) if out else Path(out_dir or ".") / _diagram_file(view_id, fmt)
            write_atomic(path, data)
            if v.collapsed:
                line = msg("wrote {file} ({nodes} nodes, collapsed from {elements} elements)", file=str(path),
                           nodes=len(v.nodes), elements=v.elements)
            else:
                line = msg("wrote {file}", file=str(path))
            click.echo(render(line, lang), err=True)


# --------------------------------------------------------------------------- asking the repository


def _unknown(exc: Exception, lang: str = "vi") -> None:
    text = exc.text(lang) if hasattr(exc, "text") else str(exc)
    click.echo(f"kientruc: {text}", err=True)
    sys.exit(EXIT_INPUT)


def _model_lang(lang: str | None, model: Any) -> str:
    """The language asked for, else the model's manifest's, else Vietnamese."""
    arch = getattr(getattr(model, "loaded", None), "architecture", None)
    return lang or (arch.manifest.language if arch is not None else "vi")


@cli.command("show")
@argument("element_id", metavar="ID")
@argument("directory", required=False, type=PathType(file_okay=False, path_type=str))
@as_of_option
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@option("--no-findings", is_flag=True, help="Do not run the rules (faster).")
@option("--lang", type=LANG, default=_root_lang, help="Language of the text (default: the manifest's).")
def show_cmd(element_id: str, directory: str | None, as_of: dt.datetime | None, fmt: str, no_findings: bool,
             lang: str | None) -> None:
    """Show element ID: attributes, relations both ways, findings, sources and history."""
    from . import query

    model = _read(directory, as_of)
    lang = _model_lang(lang, model)
    findings = [] if no_findings else pipeline.check(model.loaded, as_of=model.as_of).findings
    try:
        data = query.show(model.graph, element_id, findings=findings, sources=model.loaded.sources)
    except query.UnknownElement as exc:
        _unknown(exc, lang)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        mine = {(f.code, f.element): f for f in findings}
        for f in data["findings"]:  # the findings' messages in the reader's language
            found = mine.get((f["code"], f["element"]))
            if found is not None:
                f["message"] = found.text(lang)
        click.echo(query.show_text(data, lang), nl=False)


@cli.command("find")
@argument("text")
@argument("directory", required=False, type=PathType(file_okay=False, path_type=str))
@as_of_option
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@option("--limit", type=int, default=None, help="At most this many results.")
@option("--lang", type=LANG, default=_root_lang, help="Language of the text (default: the manifest's).")
def find_cmd(text: str, directory: str | None, as_of: dt.datetime | None, fmt: str, limit: int | None,
             lang: str | None) -> None:
    """Find elements by id, name or English name (case and Vietnamese diacritics ignored).

    Exit code 1 when nothing matches.
    """
    from . import query

    model = _read(directory, as_of)
    graph, lang = model.graph, _model_lang(lang, model)
    found = query.find(graph, text, limit=limit)
    if fmt == "json":
        rows = [{"id": e.id, "kind": e.kind, "name": e.name, "name_en": e.name_en} for e in found]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(query.elements_text(found, lang), nl=False)
    sys.exit(0 if found else 1)


@cli.command("query")
@argument("directory", required=False, type=PathType(file_okay=False, path_type=str))
@as_of_option
@option("--kind", "kinds", multiple=True, type=click.Choice(sorted(KIND_CLASSES)), help="Element kind (repeatable).")
@option("--layer", "layers", multiple=True, type=click.Choice(sorted(set(LAYER_OF.values()))), help="Layer (repeatable).")
@option("--owner", default=None, help="Id of the owning organization.")
@option("--status", "statuses", multiple=True, type=click.Choice(["current", "planned", "retiring"]), help="Status (repeatable).")
@option("--tag", "tags", multiple=True, help="Tag (repeatable).")
@option("--depends-on", "depends_on", default=None, metavar="ID", help="What depends on ID, transitively.")
@option("--path", "path_ends", nargs=2, default=None, metavar="A B", help="The shortest chain of relations from A to B.")
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@option("--lang", type=LANG, default=_root_lang, help="Language of the text (default: the manifest's).")
def query_cmd(
    directory: str | None,
    as_of: dt.datetime | None,
    kinds: tuple[str, ...],
    layers: tuple[str, ...],
    owner: str | None,
    statuses: tuple[str, ...],
    tags: tuple[str, ...],
    depends_on: str | None,
    path_ends: tuple[str, str] | None,
    fmt: str,
    lang: str | None,
) -> None:
    """Ask the model: elements by kind, layer, owner, status or tag; dependents; paths.

    \b
    kientruc query --layer application --owner so-khcn
    kientruc query --depends-on lgsp-quang-tri
    kientruc query --path cong-dvc-tinh ndxp

    --depends-on lists what depends on ID, transitively: X depends on Y when X uses,
    integrates_via, is hosted_on, accesses, connects_to or is composed_of Y, or when
    Y serves, realizes or flows_to X. Filters narrow that list. --path follows the
    relations' direction, else any direction (and says so). Exit code 2 for an
    unknown id (with a did-you-mean).
    """
    from . import query

    model = _read(directory, as_of)
    graph, lang = model.graph, _model_lang(lang, model)
    try:
        if path_ends:
            steps = query.path(graph, *path_ends)
            directed = True
            if steps is None:
                steps, directed = query.path(graph, *path_ends, directed=False), False
            if fmt == "json":
                click.echo(json.dumps({"from": path_ends[0], "to": path_ends[1], "directed": directed,
                                       "steps": steps}, ensure_ascii=False, indent=2))
            else:
                click.echo(query.path_text(steps, *path_ends, directed=directed, lang=lang), nl=False)
            sys.exit(0 if steps is not None else 1)
        if depends_on:
            rows = query.dependents(graph, depends_on)
            if kinds or layers or owner or statuses or tags:
                keep = {e.id for e in query.select(graph, kind=kinds, layer=layers, owner=owner, status=statuses, tag=tags)}
                rows = [r for r in rows if r["id"] in keep]
            if fmt == "json":
                click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            else:
                click.echo(query.dependents_text(rows, lang), nl=False)
            return
    except query.UnknownElement as exc:
        _unknown(exc, lang)
    if owner and owner not in graph:
        _unknown(query.UnknownElement(owner, query.suggest(graph, owner)), lang)
    found = query.select(graph, kind=kinds, layer=layers, owner=owner, status=statuses, tag=tags)
    if fmt == "json":
        click.echo(json.dumps(query.element_rows(found), ensure_ascii=False, indent=2))
    else:
        click.echo(query.elements_text(lang=lang, elements=found), nl=False)


# --------------------------------------------------------------------------- exchange


@cli.group("export")
def export_group() -> None:
    """Export the model for other tools: json, archimate."""


@export_group.command("json")
@argument("directory", required=False, type=PathType(file_okay=False, path_type=str))
@option("-o", "--output", type=PathType(dir_okay=False), default=None, help="Write to this file (default: stdout).")
def export_json_cmd(directory: str | None, output: str | None) -> None:
    """The whole model as JSON (every day: dates kept), sorted; shape in docs/export-json.md."""
    from .interchange.json_export import export_json

    _emit(export_json(_read(directory, None).architecture), output)


@export_group.command("archimate")
@argument("directory", required=False, type=PathType(file_okay=False, path_type=str))
@option("-o", "--output", type=PathType(dir_okay=False), default=None, help="Write to this file (default: stdout).")
@as_of_option
@option("--lang", type=LANG, default=_root_lang,
              help="Language of the view labels and the notes (default: the manifest's).")
@option("--no-views", is_flag=True, help="Leave the diagrams out (no Graphviz needed).")
def export_archimate_cmd(directory: str | None, output: str | None, as_of: dt.datetime | None, lang: str | None,
                         no_views: bool) -> None:
    """ArchiMate 3.1 Model Exchange File (opens in Archi and other tools).

    Every element and relation is exported (dates kept as properties); the
    views are computed for --as-of (default today) and laid out by Graphviz.
    """
    from .interchange.archimate import export_archimate

    arch = _read(directory, None, lang).architecture
    lang = lang or arch.manifest.language
    day = _day(as_of) or dt.date.today()
    notes: list = []
    _emit(export_archimate(arch, as_of=day, lang=lang, views=not no_views, notes=notes), output)
    for note in notes:
        click.echo(render(msg("kientruc export: {note}", note=render(note, lang)), lang), err=True)


@cli.group("import")
def import_group() -> None:
    """Import a model from another tool: archimate."""


@import_group.command("archimate")
@argument("file", type=PathType(exists=True, dir_okay=False))
@option("--out", "out", required=True, type=PathType(file_okay=False), help="Model folder to write.")
@option("--force", is_flag=True, help="Replace --out even if it is not empty.")
@option("--province", default=None, help="Province for the manifest (default: the model's name).")
@option("--lang", type=LANG, default=_lang_or_vi, show_default="vi", help="Language of what it says.")
def import_archimate_cmd(file: str, out: str, force: bool, province: str | None, lang: str) -> None:
    """Import an ArchiMate exchange file (.xml) or an Archi model (.archimate) into --out.

    What has no kientruc counterpart is kept in `properties` and listed (and written
    to import-report.md in --out).
    """
    from .interchange.archimate_import import ArchimateImportError, import_archimate

    try:
        report = import_archimate(file, out, force=force, province=province, lang=lang)
    except ArchimateImportError as exc:
        click.echo(render(msg("kientruc import: {message}", message=render(exc.args[0] if exc.args else str(exc), lang)),
                          lang), err=True)
        sys.exit(EXIT_INPUT)
    click.echo(render(msg("imported {elements} elements and {relations} relations into {out}", elements=report.elements,
                          relations=report.relations, out=out), lang))
    for line in report.notes:
        click.echo(f"  {render(line, lang)}")
    click.echo(render(msg("report: {file}", file=str(Path(out) / "import-report.md")), lang))
    click.echo(render(msg("next: {command}", command="kientruc check " + str(out)), lang))


@cli.command("diff")
@argument("base")
@argument("head", required=False)
@option(
    "--dir",
    "model_dir",
    type=PathType(file_okay=False, path_type=str),
    default=None,
    help="The model folder (default: ./architecture, or the current folder if it holds architecture.yaml); "
    "for a revision, the same folder at that revision.",
)
@option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@option(
    "--fail-on-new",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Fail (exit 1) if the change introduces findings of this severity or above. Findings already there "
    "before the change never fail the diff. Default: never fail.",
)
@as_of_option
@option("--profile", type=click.Choice(sorted(profiles())), default=None, help="Framework profile to check both sides against (default: each side's manifest).")
@option("-o", "--output", type=PathType(dir_okay=False), default=None, help="Write the report to this file.")
@option("--no-hints", is_flag=True, help="Leave hints out of the text report.")
@option("--lang", type=LANG, default=_lang_or_vi, show_default="vi", help="Language of the report.")
def diff_cmd(
    base: str,
    head: str | None,
    model_dir: str | None,
    fmt: str,
    fail_on_new: str | None,
    as_of: dt.datetime | None,
    profile: str | None,
    output: str | None,
    no_hints: bool,
    lang: str,
) -> None:
    """Show what a change does to the architecture, from BASE to HEAD.

    BASE and HEAD are git revisions of the repository that holds the model (main,
    origin/main, HEAD~1, a tag, a commit) or folders; without HEAD, the working tree
    as it is now. Revisions are read from git without touching the working tree.

    \b
    Reports elements added, removed, renamed and changed (field by field), relations
    added, removed and changed, manifest and waiver changes, and the findings the
    change introduces and resolves (both sides checked for the same day).

    \b
    Examples:
      kientruc diff main                      # main → the working tree
      kientruc diff origin/main HEAD --fail-on-new error
      kientruc diff v1.0 v2.0 --format markdown -o diff.md
      kientruc diff old-copy/architecture architecture

    Exit code 0; 1 with --fail-on-new, when the change introduces findings at or
    above it; 2 a side cannot be read; 3 a bug.
    """
    from .diff import SideError, diff
    from .renderers.diff_report import diff_json, diff_markdown, diff_text

    folder = Path(model_dir) if model_dir else _default_dir()
    if not model_dir and not (folder / MANIFEST).is_file() and (Path.cwd() / "architecture").is_dir():
        folder = Path("architecture")
    threshold = Severity.parse(fail_on_new) if fail_on_new else None
    try:
        result = diff(base, head, model_dir=folder, as_of=_day(as_of), profile=profile)
    except SideError as exc:
        click.echo(f"kientruc diff: {exc.text(lang)}", err=True)
        if exc.findings:
            click.echo(text_report(exc.findings, show_hints=not no_hints, lang=lang), err=True, nl=False)
        sys.exit(EXIT_INPUT)
    if fmt == "json":
        text = diff_json(result, fail_on_new=threshold)
    elif fmt == "markdown":
        text = diff_markdown(result, fail_on_new=threshold, lang=lang)
    else:
        text = diff_text(result, fail_on_new=threshold, color=_use_color(output), show_hints=not no_hints, lang=lang)
    _emit(text, output)
    sys.exit(result.exit_code(threshold))


@cli.command("compliance")
@argument("directory", required=False, type=PathType(file_okay=False, path_type=str))
@as_of_option
@option("--profile", type=click.Choice(sorted(profiles())), default=None,
              help="Framework profile, alone (default: the framework in force on the day, and the edition's where it differs).")
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@option("--lang", type=LANG, default=_root_lang, help="Language (default: the manifest's, else vi).")
@option("-o", "--output", type=PathType(dir_okay=False), default=None, help="Write it to this file.")
def compliance_cmd(
    directory: str | None, as_of: dt.datetime | None, profile: str | None, fmt: str, lang: str | None, output: str | None
) -> None:
    """Summarise compliance with the framework profile: components, national connections, rule families.

    Exit code 0 when the summary was produced, whatever it says; 2 when the model could not be read.
    """
    from .renderers.compliance import compliance_json, compliance_verdict_text
    judged, reports = pipeline.compliance_verdict(_model_dir(directory), as_of=_day(as_of), profile=profile)
    result = judged.result
    lang = _lang(lang, result)
    fatal = [f for f in result.findings if f.fatal or f.internal]
    if fatal:
        click.echo(text_report(fatal, lang=lang), err=True, nl=False)
        sys.exit(result.exit_code)
    data, verdict = [r.to_dict(lang) for r in reports], judged.to_dict()
    _emit(compliance_json(data[0], verdict=verdict, also=data[1:]) if fmt == "json"
          else compliance_verdict_text(data, verdict, lang), output)


@cli.command("build")
@argument("directory", required=False, type=PathType(file_okay=False, path_type=str))
@option("-o", "--out", type=PathType(path_type=str), default="site", show_default=True,
              help="Folder of the site (replaced atomically when the build succeeds).")
@as_of_option
@option("--lang", type=LANG, default=_root_lang, help="Language of the site (default: the manifest's, else vi).")
@option("--force", is_flag=True, help="Replace --out even if it is not a kientruc site.")
@option("--no-docx", is_flag=True, help="Do not write the architecture document as DOCX (nor as PDF).")
@option("--no-pdf", is_flag=True, help="Do not write the architecture document as PDF (LibreOffice makes it).")
def build_cmd(directory: str | None, out: str, as_of: dt.datetime | None, lang: str, force: bool, no_docx: bool,
              no_pdf: bool) -> None:
    """Build the static website and the architecture document (the “Thuyết minh kiến trúc”).

    The site uses relative links only: open OUT/index.html in a browser, or serve the folder
    with any web server. A failed build leaves the previous site untouched.
    """
    from .renderers.diagrams import dot_executable
    from .renderers.site import BuildError, build_site

    if dot_executable() is None:
        click.echo(render(msg("kientruc build: Graphviz is not installed ({command}); diagrams are needed",
                              command="apt-get install graphviz"), lang or _manifest_lang(_model_dir(directory))),
                   err=True)
        sys.exit(EXIT_INPUT)
    import time

    bar = None
    stages: dict[str, object] = {}
    started = time.monotonic()

    def progress(label: str, done: int, total: int) -> None:
        nonlocal bar
        # on a terminal only, and only once the build has taken more than a moment
        if not sys.stderr.isatty() or bar is None and time.monotonic() - started < 1.0:
            return
        if label not in stages:
            if bar is not None:
                bar.render_finish()
            bar = click.progressbar(length=total, label=f"{label:8}", file=sys.stderr, show_pos=True)
            stages[label] = done
            bar.render_progress()
        assert bar is not None
        bar.update(done - bar.pos)

    try:
        publication = pipeline.publication(_model_dir(directory), as_of=_day(as_of))
        lang = lang or publication.model.architecture.manifest.language
        report = build_site(publication, out, lang=lang, force=force, docx=not no_docx, progress=progress,
                            pdf=not no_pdf)
    except (BuildError, pipeline.Unreadable) as exc:
        if bar is not None:
            bar.render_finish()
        if isinstance(exc, pipeline.Unreadable):
            click.echo(text_report(exc.findings, lang=lang or "vi"), err=True, nl=False)
        else:
            click.echo(render(msg("kientruc build: {message}", message=render(exc.args[0] if exc.args else str(exc),
                                                                              lang or "vi")), lang or "vi"), err=True)
        sys.exit(EXIT_INPUT)
    if bar is not None:
        bar.render_finish()
    for w in list(dict.fromkeys(w for w in report.warnings if w != report.pdf_note))[:20]:
        _warn(w, lang)
    if report.pdf_note:
        click.echo(render(msg("kientruc build: {message}", message=render(report.pdf_note, lang)), lang), err=True)
    index = Path(out) / "index.html"
    click.echo(render(msg("wrote {pages} pages ({elements} elements, {diagrams} diagrams) to {out}/ in {seconds} s; open {index}",
                          pages=report.pages, elements=report.elements, diagrams=report.diagrams, out=out,
                          seconds=round(report.seconds, 1), index=str(index)), lang))
    if report.pdf is not None:
        click.echo(text("pdf.wrote", lang, path=report.pdf))


@cli.command("merge")
@argument("inputs", nargs=-1, required=True, type=PathType(path_type=str))
@option("--into", "out", required=True, type=PathType(file_okay=False, path_type=str),
              help="The merged province's model folder to write (must be empty, or use --force).")
@option("--on", "on", type=DATE, default=None,
              help="The merger day: the first day of the merged province (default 2025-07-01, NQ 202/2025/QH15).")
@option("--name", default=None, help="The merged province's name (default: the first input's province).")
@option("--decided-on", "decided_on", type=DATE, default=None,
        help="The day the merger was decided (NQ 202/2025/QH15: 2025-06-12): the other inputs' elements are in "
             "the model from then; before it, the model reads as the first input's alone.")
@option("--roadmap-from", "roadmap_from", type=DATE, default=None,
        help="First day of the draft work packages (default: the merger day).")
@option("--force", is_flag=True, help="Replace --into even if it is not empty.")
@option("--lang", type=LANG, default=_lang_or_vi, show_default="vi", help="Language of the summary.")
def merge_cmd(inputs: tuple[str, ...], out: str, on: dt.datetime | None, name: str | None, decided_on: dt.datetime | None,
              roadmap_from: dt.datetime | None, force: bool, lang: str) -> None:
    """Merge two or three predecessor provinces' models (INPUTS) into the merged province's model.

    \b
    Every element is kept with its history, in a folder per predecessor; colliding ids are
    prefixed with the predecessor's slug (kon-tum-lgsp); each element's province is a dated
    fact; the predecessors' organisations end the day before and name their successors (new
    organisations, drafts). Systems doing the same job (twins by function) are listed, with a
    consolidation proposal per twin set (proposal: true) and a draft roadmap in hop-nhat/.

    \b
    Example:
      kientruc merge quang-ngai kon-tum --into quang-ngai-2025 --on 2025-07-01

    Exit code 0 when written; 2 when the inputs are not models, are of one province, or the
    target folder is not empty (without --force): nothing is written then.
    """
    from .frameworks import catalog
    from .merge import MergeError, merge

    if not 2 <= len(inputs) <= 3:
        click.echo(render(msg("kientruc merge: give two or three predecessor model folders, not {n}", n=len(inputs)), lang), err=True)
        sys.exit(EXIT_INPUT)
    day = _day(on) or catalog()["reorganisation"]["two_level_government"]
    try:
        result = merge(list(inputs), out, on=day, name=name, force=force, decided_on=_day(decided_on),
                       roadmap_from=_day(roadmap_from))
    except MergeError as exc:
        click.echo(render(msg("kientruc merge: {message}", message=exc.message), lang), err=True)
        if exc.findings:
            click.echo(text_report(exc.findings, lang=lang), err=True, nl=False)
        click.echo(text("merge.nothing_written", lang), err=True)
        sys.exit(EXIT_INPUT)
    from .renderers.consolidation import merge_summary

    click.echo(merge_summary(result, lang), nl=False)


@cli.command("consolidation")
@argument("directory", required=False, type=PathType(file_okay=False, path_type=str))
@as_of_option
@option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@option("--lang", type=LANG, default=_root_lang, help="Language (default: the manifest's).")
@option("-o", "--output", type=PathType(dir_okay=False), default=None, help="Write the report to this file.")
def consolidation_cmd(directory: str | None, as_of: dt.datetime | None, fmt: str, lang: str | None, output: str | None) -> None:
    """The consolidation report of a merged province: twin systems, decisions, roadmap.

    Lists, for the day (--as-of, default today), the systems of one function inherited from
    different former provinces, what distinguishes them, the consolidation decision naming
    them (a proposal or decided) and the work packages that carry it out.
    """
    from .renderers.consolidation import consolidation_markdown

    model = _read(directory, as_of)
    data = pipeline.consolidation(model)
    if fmt == "json":
        _emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)
    else:
        _emit(consolidation_markdown(data, lang or model.architecture.manifest.language), output)


@cli.command("lsp")
@option("--stdio", is_flag=True, help="Talk over stdin and stdout (the default and only transport).")
def lsp_cmd(stdio: bool) -> None:
    """Run the language server for editors (Language Server Protocol over stdio; see docs/editors.md)."""
    from . import _gc
    from .lsp import main as serve

    _gc.one_shot(False)  # a long-running process: it loads the model again and again

    serve()


def _watch(root: Path, as_of: dt.date | None, profile: str | None, color: bool, show_hints: bool,
           lang: str | None = None) -> None:
    """``check --watch``: the verdict now, then again on each save, from one workspace kept in memory."""
    import time as _time

    from . import _gc

    _gc.one_shot(False)  # a long-running process: it loads the model again and again

    from .i18n import text as word
    from .incremental import Workspace, watch

    workspace = Workspace(root, as_of=as_of, profile=profile)
    click.echo(word("lsp.watch.waiting", lang or "vi", folder=root), err=True)
    try:
        for n, (changed, result) in enumerate(watch(workspace)):
            lang = _lang(lang, result)  # asked for, else the model's language
            if n:
                seconds = sum(workspace.stats.seconds.values())
                click.echo(word("lsp.watch.changed", lang, time=_time.strftime("%H:%M:%S"), count=changed,
                                seconds=f"{seconds:.2f}"), err=True)
            click.echo(check_text(result, color=color, show_hints=show_hints, lang=lang), nl=False)
            sys.stdout.flush()
    except KeyboardInterrupt:
        sys.exit(0)


def _argv_lang(argv: list[str] | None = None) -> str:
    """The language of a command line that crashed: its ``--lang``, else Vietnamese (the model is not read again)."""
    args = sys.argv[1:] if argv is None else argv
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in ("vi", "en"):
            return args[i + 1]
        if arg.startswith("--lang=") and arg[7:] in ("vi", "en"):
            return arg[7:]
    return "vi"


def main() -> None:
    """Entry point of the console script: maps a crash to exit code 3 with a short message."""
    from . import _gc

    _gc.one_shot()  # one command, one model: freeze what is loaded (lsp and --watch say otherwise)
    try:
        cli.main(prog_name="kientruc", standalone_mode=True)
    except SystemExit as exc:
        _exit_at_once(exc)
        raise
    except KeyboardInterrupt:
        click.echo(render(msg("interrupted"), _argv_lang()), err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: say so plainly; the traceback only on request
        lang = _argv_lang()
        click.echo(render(msg("kientruc: internal error: {error}: {message}", error=type(exc).__name__,
                              message=render(exc.args[0], lang) if len(exc.args) == 1 else str(exc)), lang), err=True)
        click.echo(render(msg("This is a bug in kientruc; please report it. Set {setting} for the traceback.",
                              setting="KIENTRUC_DEBUG=1"), lang), err=True)
        if os.environ.get("KIENTRUC_DEBUG"):
            traceback.print_exc()
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
