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
from pathlib import Path

import click

from . import __version__
from ._io import write_atomic
from .findings import EXIT_INPUT, EXIT_INTERNAL, Severity
from .frameworks import profiles
from .graph import build_graph
from .loader import LOAD_RULES, MANIFEST, load
from .models import KIND_CLASSES, LAYER_NAMES, LAYER_OF, relation_table
from .renderers.reports import json_report, text_report
from .schema import element_schema, manifest_schema
from .validators import ENGINE_RULES, check, registry

DATE = click.DateTime(formats=["%Y-%m-%d"])


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


def _use_color(output: str | None) -> bool:
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kientruc")
def cli() -> None:
    """kientruc: Vietnamese e-government architecture as code.

    Keep the architecture as YAML model files, check it against the national
    framework, and render what officials read.
    """


as_of_option = click.option(
    "--as-of",
    "as_of",
    type=DATE,
    default=None,
    help="Read the model as it stood on this day (YYYY-MM-DD): only elements and relations in force then. Default: today.",
)


@cli.command("check")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that makes the check fail (exit 1). Default: the manifest's validation.fail_on, else error.",
)
@as_of_option
@click.option("--profile", type=click.Choice(sorted(profiles())), default=None, help="Framework profile to check against (default: the manifest's).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write the report to this file.")
@click.option("--no-hints", is_flag=True, help="Leave hints out of the text report.")
def check_cmd(
    directory: str | None,
    fmt: str,
    fail_on: str | None,
    as_of: dt.datetime | None,
    profile: str | None,
    output: str | None,
    no_hints: bool,
) -> None:
    """Check the model in DIRECTORY (default: ./architecture or the current folder).

    Exit code 0: no finding at or above --fail-on; 1: findings; 2: the model could
    not be read (YAML syntax, schema errors) or the command was misused; 3: a bug.
    """
    root = _model_dir(directory)
    result = check(
        root,
        as_of=_day(as_of),
        profile=profile,
        fail_on=Severity.parse(fail_on) if fail_on else None,
    )
    arch = result.load.architecture
    if fmt == "json":
        extra = {
            "model": str(root),
            "profile": result.profile.id if result.profile else None,
            "as_of": result.as_of.isoformat() if result.as_of else None,
            "fail_on": result.fail_on.label,
            "files": len(result.load.files),
            "elements": len(arch.elements) if arch else 0,
            "rules_run": result.rules_run,
            "waived": [
                {"finding": f.to_dict(), "waiver": w.model_dump(mode="json")} for f, w in result.waived
            ],
        }
        _emit(json_report(result.findings, exit_code=result.exit_code, extra=extra), output)
    else:
        _emit(
            text_report(
                result.findings,
                color=_use_color(output),
                show_hints=not no_hints,
                files=len(result.load.files),
                elements=len(arch.elements) if arch else None,
                waived=len(result.waived),
            ),
            output,
        )
    sys.exit(result.exit_code)


@cli.command("stats")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=str))
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
def stats_cmd(directory: str | None, as_of: dt.datetime | None, fmt: str, lang: str) -> None:
    """Count elements per layer and kind, and relations per type."""
    loaded = load(_model_dir(directory))
    if not loaded.ok:
        click.echo(text_report([f for f in loaded.findings if f.fatal]), err=True, nl=False)
        sys.exit(EXIT_INPUT)
    arch = loaded.architecture
    assert arch is not None
    day = _day(as_of) or dt.date.today()
    graph = build_graph(arch, day)
    counts = graph.counts()
    relations = graph.relation_counts()
    if fmt == "json":
        doc = {
            "province": arch.manifest.province,
            "as_of": day.isoformat() if day else None,
            "elements": len(graph),
            "layers": counts,
            "relations": relations,
        }
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    title = arch.manifest.architecture.name
    click.echo(f"{title} ({arch.manifest.architecture.version})" + (f", as of {day}" if day else ""))
    for layer, kinds in counts.items():
        total = sum(kinds.values())
        click.echo(f"{LAYER_NAMES[layer][lang]:<34} {total:>6}")
        for kind, n in kinds.items():
            click.echo(f"  {kind:<32} {n:>6}")
    click.echo(f"{'Elements' if lang == 'en' else 'Tổng số phần tử':<34} {len(graph):>6}")
    click.echo(f"{'Relations' if lang == 'en' else 'Tổng số quan hệ':<34} {sum(relations.values()):>6}")
    for rtype, n in relations.items():
        click.echo(f"  {rtype:<32} {n:>6}")


@cli.command("schema")
@click.option("--manifest", "which", flag_value="manifest", help="The schema of architecture.yaml.")
@click.option("--elements", "which", flag_value="elements", default=True, help="The schema of model files (default).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write it to this file.")
def schema_cmd(which: str, output: str | None) -> None:
    """Print the JSON Schema of model files (or of the manifest) for editors.

    Save it next to the model and start each model file with
    '# yaml-language-server: $schema=<path to the schema>' to get completion.
    """
    schema = manifest_schema() if which == "manifest" else element_schema()
    _emit(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", output)


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["vi", "en"]), default="en", show_default=True)
@click.argument("rule", required=False)
def rules_cmd(fmt: str, lang: str, rule: str | None) -> None:
    """List every rule, or explain one (by code or name)."""
    from .validators import lookup
    from .validators.registry import default_severities

    defaults = default_severities()
    if rule:
        r = lookup(rule)
        if r is None:
            raise click.BadParameter(f"no rule {rule!r}; `kientruc rules` lists them", param_hint="RULE")
        sev = defaults.get(r.code)
        click.echo(f"{r.code} {r.name}: {r.title_vi if lang == 'vi' else r.title}")
        click.echo(f"family: {r.family}; default severity: {sev.label if sev else 'off'}; since {r.since}")
        click.echo("profiles: " + (", ".join(r.profiles) if r.profiles else "all"))
        for basis in r.legal_basis:
            click.echo(f"basis: {basis}")
        click.echo()
        click.echo(r.doc)
        return
    rows = []
    for r in registry().values():
        sev = defaults.get(r.code)
        rows.append(
            {
                "code": r.code,
                "name": r.name,
                "family": r.family,
                "severity": sev.label if sev else "off",
                "title": r.title,
                "title_vi": r.title_vi,
                "profiles": list(r.profiles) if r.profiles else None,
                "legal_basis": list(r.legal_basis),
                "kind": "rule",
            }
        )
    for code, lr in LOAD_RULES.items():
        rows.append({"code": code, "name": lr.name, "family": "load", "severity": "error", "title": lr.title,
                     "title_vi": None, "profiles": None, "legal_basis": [], "kind": "load"})
    for code, er in ENGINE_RULES.items():
        rows.append({"code": code, "name": er.name, "family": "engine", "severity": er.severity.label,
                     "title": er.title, "title_vi": None, "profiles": None, "legal_basis": [], "kind": "engine"})
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        title = row["title_vi"] if lang == "vi" and row["title_vi"] else row["title"]
        click.echo(f"{row['code']:<8} {row['name']:<24} {row['severity']:<8} {title}")


@cli.command("relations")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--from", "source", type=click.Choice(sorted(KIND_CLASSES)), default=None, help="Only relations written on this kind.")
def relations_cmd(fmt: str, source: str | None) -> None:
    """Print the relation-validity table: which relation may join which kinds."""
    table = relation_table()
    out = {}
    for rid, rtype in table.items():
        targets = {s: rtype.allowed_targets(s) for s in rtype.allowed_sources() if source in (None, s)}
        if targets:
            out[rid] = {"title_vi": rtype.title_vi, "title_en": rtype.title_en, "archimate": rtype.archimate,
                        "allowed": targets}
    if fmt == "json":
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for rid, spec in out.items():
        click.echo(f"{rid} ({spec['title_vi']} / {spec['title_en']}; ArchiMate {spec['archimate']})")
        for s, targets in spec["allowed"].items():
            shown = "any kind" if len(targets) == len(KIND_CLASSES) else ", ".join(targets)
            click.echo(f"  {s} -> {shown}")


@cli.command("kinds")
def kinds_cmd() -> None:
    """List the element kinds, by layer."""
    for kind, cls in KIND_CLASSES.items():
        doc = (cls.__doc__ or "").strip().splitlines()[0]
        click.echo(f"{LAYER_OF[kind]:<12} {kind:<22} {doc}")


@cli.command("profiles")
def profiles_cmd() -> None:
    """List the national framework profiles kientruc knows."""
    for p in profiles().values():
        until = f" to {p.in_force_to}" if p.in_force_to else ", in force"
        click.echo(f"{p.id:<24} {p.title}")
        click.echo(f"{'':<24} {p.instrument}; from {p.in_force_from}{until}")


@cli.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=str))
@click.option("--province", required=True, help="Province or ministry, e.g. 'tỉnh Quảng Trị'.")
@click.option("--profile", type=click.Choice(sorted(profiles())), default="vn-digital-gov-4.0", show_default=True)
@click.option("--title", default=None, help="Title of the architecture (default: Kiến trúc Chính quyền điện tử …).")
def init_cmd(directory: str, province: str, profile: str, title: str | None) -> None:
    """Start a new architecture in DIRECTORY: manifest, a first model file, editor schemas."""
    from .scaffold import ScaffoldError, init

    try:
        written = init(Path(directory), province, profile, title)
    except ScaffoldError as exc:
        click.echo(f"kientruc init: {exc}", err=True)
        sys.exit(EXIT_INPUT)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"next: kientruc check {directory}")


def main() -> None:
    """Entry point of the console script: maps a crash to exit code 3 with a short message."""
    try:
        cli.main(prog_name="kientruc", standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: say so plainly; the traceback only on request
        click.echo(f"kientruc: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("This is a bug in kientruc; please report it. Set KIENTRUC_DEBUG=1 for the traceback.", err=True)
        if os.environ.get("KIENTRUC_DEBUG"):
            traceback.print_exc()
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
