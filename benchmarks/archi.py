"""Convert a kientruc model to Archi's native `.archimate` file, and time archi-cli's `validate` beside `kientruc check`.

    python benchmarks/archi.py MODEL_DIR --out OUT_DIR                       # convert only
    python benchmarks/archi.py MODEL_DIR --out OUT_DIR --run --archi /work/archi-venv [--pairs 3]

archi-cli (https://pypi.org/project/archi-cli/, the Dutch Digital Service's command line tool
for Archi models; lxml) needs Python >= 3.12, so it lives in a virtual environment of its own,
outside the repository:

    PYENV_VERSION=3.12.1 python3.12 -m venv /work/archi-venv
    /work/archi-venv/bin/pip install archi-cli==0.4.0

``--archi`` is that environment's folder (its ``bin/archi`` is run) or the ``archi`` program
itself; without it, ``$ARCHI_CLI`` or ``archi`` on the PATH.

What ``archi validate`` checks (archi_tool/validate.py, 0.4.0): ids unique; every relationship's
source and target an existing id, not a view, and a relationship only for an Association;
each relationship in the ``relations`` folder, each view in ``diagrams``, each element in its
layer's folder (a warning otherwise); view objects and connections pointing at existing
concepts and objects; property keys against the project's conventions list (a warning). No
metamodel: element types, the relationship table, attributes and values are not checked.

The converted model (``OUT_DIR/model.archimate``) is loaded with kientruc itself (cache off),
so any model works:

* every element with the ArchiMate type kientruc's Open Exchange export gives it
  (``kientruc.interchange.archimate.element_type``: the mapping ``archimate-mapping.yaml``),
  in the folder of its ArchiMate layer (Archi's fixed top folders), in a subfolder named
  after the model file's first folder (a province: ``t001``, ``quoc-gia``); its name, its
  description as documentation and every other attribute as a ``kientruc:`` property, as
  the export writes them (``element_properties``); ``model-bare.archimate`` beside it has
  no documentation and no properties (``--no-bare``: not written);
* every relation as the ArchiMate relationship the export writes
  (``relationship_for``: the mapped type, in ArchiMate's direction, a directed Association
  where the relationship table forbids it), with its ``kientruc:`` properties, in the
  ``Relations`` folder; a relation to an id that is not in the model is written as it is,
  so archi-cli reports it as kientruc does;
* no views (kientruc's check draws nothing); an empty ``Views`` folder;
* ``archi.toml`` and ``conventions.md`` beside it, listing the property keys written, so
  that archi-cli's property-key check passes instead of warning once per key.

``accept`` checks that archi-cli reads the same numbers of elements and relations
(``archi stats``), finds the model valid, and fails on a copy with one relation's target
changed to an id that does not exist: its validation is real. ``side_by_side`` then times
``archi validate`` and ``kientruc check --no-cache`` (a cold check, every rule) on the same
model as whole processes, alternating which goes first.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _proc import run_timed  # noqa: E402

INSTALL = ("PYENV_VERSION=3.12.1 python3.12 -m venv /work/archi-venv && "
           "/work/archi-venv/bin/pip install archi-cli==0.4.0")

MODEL_FILE = "model.archimate"
BARE_FILE = "model-bare.archimate"
BROKEN_FILE = "broken.archimate"
MISSING_ID = "id-khong-ton-tai"

# Archi's top folders (their `type`), and the ArchiMate 3.1 element types each holds (ArchiMate 3.1,
# chapters 7-13: strategy, business, application, technology and physical, motivation, implementation
# and migration; "other": location, grouping, junction). Archi files elements by these.
FOLDERS = {
    "strategy": ("Strategy", "Resource Capability CourseOfAction ValueStream"),
    "business": ("Business", "BusinessActor BusinessRole BusinessCollaboration BusinessInterface BusinessProcess "
                 "BusinessFunction BusinessInteraction BusinessEvent BusinessService BusinessObject Contract "
                 "Representation Product"),
    "application": ("Application", "ApplicationComponent ApplicationCollaboration ApplicationInterface "
                    "ApplicationFunction ApplicationInteraction ApplicationProcess ApplicationEvent "
                    "ApplicationService DataObject"),
    "technology": ("Technology & Physical", "Node Device SystemSoftware TechnologyCollaboration TechnologyInterface "
                   "Path CommunicationNetwork TechnologyFunction TechnologyProcess TechnologyInteraction "
                   "TechnologyEvent TechnologyService Artifact Equipment Facility DistributionNetwork Material"),
    "motivation": ("Motivation", "Stakeholder Driver Assessment Goal Outcome Principle Requirement Constraint "
                   "Meaning Value"),
    "implementation_migration": ("Implementation & Migration", "WorkPackage Deliverable ImplementationEvent "
                                 "Plateau Gap"),
    "other": ("Other", "Location Grouping Junction"),
}
FOLDER_OF_TYPE = {t: folder for folder, (_, types) in FOLDERS.items() for t in types.split()}
# Archi's accessType numbers (absent: Write)
ACCESS_NUMBER = {"Write": None, "Read": "1", "Access": "2", "ReadWrite": "3"}

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;",
                       "\t": "&#9;"})
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


class ArchiMissing(Exception):
    """archi-cli is not where it was said to be (the message says how to install it)."""


def attr(text: str) -> str:
    return '"' + _INVALID_XML.sub("\ufffd", text).translate(_ATTR) + '"'


def text(value: str) -> str:
    return _INVALID_XML.sub("\ufffd", value).translate(_TEXT)


# --------------------------------------------------------------------------- converting


def _part(shown: str, model_dir: Path) -> str:
    """The subfolder for a model file: its first folder inside the model (a province), else its name."""
    path = Path(shown)
    if not path.is_absolute():
        path = Path.cwd() / path
    try:
        rel = path.resolve().relative_to(model_dir.resolve())
    except ValueError:
        return path.stem
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def convert(model_dir: str | os.PathLike[str], out: str | os.PathLike[str], *, bare: bool = True) -> dict[str, Any]:
    """Write ``out/model.archimate`` (with ``archi.toml`` and ``conventions.md``) for the kientruc model in
    ``model_dir``, and with ``bare`` also ``out/model-bare.archimate`` (ids, types, names, relations: no
    documentation, no properties); ``out`` is emptied first. Returns counts: elements, relations, relations
    to unknown ids, ArchiMate types, property keys, MiB written, seconds."""
    try:
        from kientruc import load
    except ImportError as exc:
        raise SystemExit(f"kientruc cannot be imported ({exc}): run from the repository with `pip install -e .` "
                         "done, or with PYTHONPATH set to it") from None

    t0 = time.perf_counter()
    model_dir, out = Path(model_dir), Path(out)
    result = load(model_dir, cache=False)
    if result.architecture is None:
        raise SystemExit(f"cannot load {model_dir}: " + "; ".join(str(f.message) for f in result.findings[:3]))
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    counts, keys = _write(result, model_dir, out / MODEL_FILE, bare=False)
    if bare:
        counts["archimate_bare_mib"] = _write(result, model_dir, out / BARE_FILE, bare=True)[0]["archimate_mib"]
    (out / "archi.toml").write_text(f'[tool.archi]\nmodel = "{MODEL_FILE}"\nconventions = "conventions.md"\n',
                                    encoding="utf-8")
    conv = ["# Conventions", "", "## Property-keys", ""]
    conv += [f"- `{k}`" for k in sorted(keys)] or ["- `Bron`"]
    (out / "conventions.md").write_text("\n".join(conv) + "\n", encoding="utf-8")
    counts["convert_s"] = round(time.perf_counter() - t0, 2)
    return counts


def _write(result: Any, model_dir: Path, path: Path, *, bare: bool) -> tuple[dict[str, Any], set[str]]:
    """Write one ``.archimate`` file for a loaded model; its counts and the property keys it used."""
    from kientruc.interchange.archimate import element_properties, element_type, mapping, relation_properties, \
        relationship_for

    arch = result.architecture
    index = arch.index
    # (folder type, subfolder) -> XML lines; the first element of each id (duplicates are left out, as an
    # Archi model cannot hold them and kientruc reports them)
    bins: dict[tuple[str, str], list[str]] = {}
    part_of: dict[str, str] = {}
    types: dict[str, str] = {}
    keys: set[str] = set()
    n_el = 0
    for i, el in enumerate(arch.elements):
        if index[el.id] is not el:
            continue
        xtype = element_type(el)
        folder = FOLDER_OF_TYPE.get(xtype)
        if folder is None:
            raise SystemExit(f"no Archi folder for the ArchiMate type {xtype} (kind {el.kind}): add it to FOLDERS")
        types[el.id] = xtype
        part = part_of[el.id] = _part(result.sources.elements[i].file, model_dir)
        head = f'<element xsi:type="archimate:{xtype}" name={attr(el.name)} id={attr("id-" + el.id)}'
        body = []
        if not bare:
            if el.description:
                body.append(f"<documentation>{text(el.description)}</documentation>")
            for key, value, _ in element_properties(el):
                keys.add(key)
                body.append(f"<property key={attr(key)} value={attr(value)}/>")
        bins.setdefault((folder, part), []).append(head + (">" + "".join(body) + "</element>" if body else "/>"))
        n_el += 1

    access = {v: k for k, v in mapping()["access"].items()}  # kientruc's access -> the exchange format's
    rel_lines: dict[str, list[str]] = {}
    taken: set[str] = {"id-" + e for e in types}
    unknown = 0
    for r in sorted(arch.relations, key=lambda r: (r.source, r.type, r.target, r.path)):
        if r.source in types and r.target in types:
            choice = relationship_for(r.type, types[r.source], types[r.target])
            xtype, rev, directed = choice.type, choice.reversed, choice.directed
        else:  # an end not in the model: written as it is, for archi-cli to report
            spec = mapping()["relations"][r.type]
            xtype, rev, directed = spec["type"], bool(spec.get("reversed")), bool(spec.get("directed"))
            unknown += 1
        src, tgt = (r.target, r.source) if rev else (r.source, r.target)
        rid = base = f"r-{r.source}-{r.type.replace('_', '-')}-{r.target}"
        n = 2
        while rid in taken:
            rid, n = f"{base}-{n}", n + 1
        taken.add(rid)
        parts = [f'<element xsi:type="archimate:{xtype}Relationship" id={attr(rid)} '
                 f'source={attr("id-" + src)} target={attr("id-" + tgt)}']
        if xtype == "Access" and r.spec is not None and r.spec.access:
            number = ACCESS_NUMBER.get(access.get(r.spec.access, ""))
            if number:
                parts.append(f' accessType="{number}"')
        if xtype == "Association" and directed:
            parts.append(' directed="true"')
        body = []
        if not bare:
            if r.spec is not None and r.spec.description:
                body.append(f"<documentation>{text(r.spec.description)}</documentation>")
            for key, value, _ in relation_properties(r, rev):
                keys.add(key)
                body.append(f"<property key={attr(key)} value={attr(value)}/>")
        line = "".join(parts) + (">" + "".join(body) + "</element>" if body else "/>")
        rel_lines.setdefault(part_of.get(r.written_by, "?"), []).append(line)

    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<archimate:model xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             f'xmlns:archimate="http://www.archimatetool.com/archimate" name={attr(_model_name(arch))} '
             'id="kientruc-model" version="5.0.0">']

    def subfolders(top: str, groups: dict[str, list[str]]) -> None:
        for part in sorted(groups):
            lines.append(f'    <folder name={attr(part)} id={attr(f"f-{top}-{part}")}>')
            lines.extend("      " + x for x in groups[part])
            lines.append("    </folder>")

    for folder, (name, _) in FOLDERS.items():
        groups = {part: xs for (f, part), xs in bins.items() if f == folder}
        if not groups:
            lines.append(f'  <folder name={attr(name)} id="f-{folder}" type="{folder}"/>')
            continue
        lines.append(f'  <folder name={attr(name)} id="f-{folder}" type="{folder}">')
        subfolders(folder, groups)
        lines.append("  </folder>")
    lines.append('  <folder name="Relations" id="f-relations" type="relations">')
    subfolders("relations", rel_lines)
    lines.append("  </folder>")
    lines.append('  <folder name="Views" id="f-diagrams" type="diagrams"/>')
    lines.append("</archimate:model>")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(data)
    return {
        "elements": n_el,
        "relations": sum(len(x) for x in rel_lines.values()),
        "unknown_ends": unknown,
        "types": dict(sorted(Counter(types.values()).items())),
        "property_keys": len(keys),
        "archimate_mib": round(len(data) / 2**20, 1),
    }, keys


def _model_name(arch: Any) -> str:
    """The architecture's name today (the export's model name)."""
    import datetime as dt

    return str(arch.manifest.info_on(dt.date.today()).name)


def seed_broken(archimate: str | os.PathLike[str]) -> tuple[Path, str]:
    """Write a copy of ``archimate`` beside it (``broken.archimate``) with the first relationship's target
    changed to an id that does not exist. Returns the copy and the relationship's id."""
    archimate = Path(archimate)
    data = archimate.read_text(encoding="utf-8")
    m = re.search(r'<element xsi:type="archimate:\w+Relationship" id="([^"]+)" source="[^"]*" target="([^"]*)"', data)
    if not m:
        raise SystemExit(f"{archimate} has no relationship to break")
    start, end = m.span(2)
    broken = archimate.with_name(BROKEN_FILE)
    broken.write_text(data[:start] + MISSING_ID + data[end:], encoding="utf-8")
    return broken, m.group(1)


# --------------------------------------------------------------------------- running archi-cli


def archi_command(archi: str | os.PathLike[str] | None = None) -> list[str]:
    """The ``archi`` program to run: a virtual environment's ``bin/archi``, the program itself, else
    ``$ARCHI_CLI`` or ``archi`` on the PATH. :class:`ArchiMissing` (with the install command) if none."""
    given = archi or os.environ.get("ARCHI_CLI")
    if given:
        path = Path(given)
        for candidate in (path / "bin" / "archi", path):
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return [str(candidate.resolve())]  # absolute: archi runs in the model's folder
        raise ArchiMissing(f"archi-cli not found at {given} (neither {path / 'bin' / 'archi'} nor an executable "
                           f"file). Install it outside the repository:\n    {INSTALL}\nthen pass --archi /work/archi-venv")
    found = shutil.which("archi")
    if found:
        return [found]
    raise ArchiMissing("archi-cli is not installed (no `archi` on the PATH, no --archi, no $ARCHI_CLI). "
                       f"Install it outside the repository (it needs Python >= 3.12):\n    {INSTALL}\n"
                       "then pass --archi /work/archi-venv")


def archi_version(cmd: list[str]) -> str:
    r = run_timed([*cmd, "--version"], timeout=120)
    return r["output"].strip().splitlines()[-1] if r["exit_code"] == 0 else f"unknown ({r['output'][-200:]})"


def validate(archimate: str | os.PathLike[str], cmd: list[str], *, timeout: float = 1800) -> dict[str, Any]:
    """``archi --model FILE validate`` as a whole process: outcome (valid / invalid / failed), errors and
    warnings counted, seconds, CPU seconds, peak RSS."""
    path = Path(archimate)
    r = run_timed([*cmd, "--model", str(path), "validate"], timeout=timeout, cwd=path.parent,
                  env=dict(os.environ, NO_COLOR="1", TERM="dumb"))
    out = r.pop("output")
    errors = len(re.findall(r"(?m)^FOUT: ", out))
    warnings = len(re.findall(r"(?m)^WAARSCHUWING: ", out))
    if r["timed_out"]:
        outcome = "timeout"
    elif r["exit_code"] == 0 and "OK:" in out:
        outcome = "valid"
    elif r["exit_code"] == 1 and errors:
        outcome = "invalid"
    else:
        outcome = f"failed (exit {r['exit_code']})"
    return {**r, "outcome": outcome, "errors": errors, "warnings": warnings, "first": out.strip()[:300]}


def stats(archimate: str | os.PathLike[str], cmd: list[str]) -> dict[str, int]:
    """What archi-cli counts in the file (``archi stats``): elements, relations."""
    path = Path(archimate)
    r = run_timed([*cmd, "--model", str(path), "stats"], cwd=path.parent)
    if r["exit_code"] != 0:
        raise SystemExit(f"archi stats failed on {path}:\n{r['output'][-1500:]}")
    el = re.search(r"(?m)^Elementen: (\d+)", r["output"])
    rel = re.search(r"(?m)^Relaties: (\d+)", r["output"])
    return {"elements": int(el.group(1)) if el else -1, "relations": int(rel.group(1)) if rel else -1}


def accept(archimate: str | os.PathLike[str], cmd: list[str], counts: dict[str, Any]) -> dict[str, Any]:
    """Check that archi-cli reads the converted model whole (``archi stats``) and finds it valid, and that
    a broken reference makes it fail. Raises SystemExit with what went wrong."""
    archimate = Path(archimate)
    seen = stats(archimate, cmd)
    if (seen["elements"], seen["relations"]) != (counts["elements"], counts["relations"]):
        raise SystemExit(f"archi-cli reads {seen} in {archimate} where {counts['elements']} elements and "
                         f"{counts['relations']} relations were written")
    good = validate(archimate, cmd)
    expect = "valid" if not counts.get("unknown_ends") else "invalid"
    if good["outcome"] != expect:
        raise SystemExit(f"archi validate on {archimate}: {good['outcome']}, expected {expect}:\n{good['first']}")
    broken, rid = seed_broken(archimate)
    bad = validate(broken, cmd)
    if bad["outcome"] != "invalid" or bad["errors"] != good["errors"] + 1 or MISSING_ID not in bad["first"]:
        raise SystemExit(f"archi validate did not report the broken reference ({rid} -> {MISSING_ID}) in {broken}: "
                         f"{bad['outcome']}, {bad['errors']} errors:\n{bad['first']}")
    broken.unlink()
    return {"outcome": good["outcome"], "warnings": good["warnings"], "errors": good["errors"],
            "broken": bad["first"].splitlines()[0][:200]}


def kientruc_command(model_dir: str | os.PathLike[str]) -> list[str]:
    """A cold ``kientruc check`` (cache off, every rule, both CPUs as by default), of the kientruc that
    ``PYTHONPATH`` (else the installed package) names: ``-P`` keeps the current folder out of ``sys.path``,
    where ``python -m`` would otherwise find a checkout's ``kientruc/`` first whatever ``PYTHONPATH`` says."""
    return [sys.executable, "-P", "-m", "kientruc", "check", "--no-cache", str(model_dir)]


def side_by_side(model_dir: str | os.PathLike[str], files: dict[str, Path], cmd: list[str], *,
                 pairs: int = 3, timeout: float = 1800, log=None, bytecode: bool = True) -> dict[str, Any]:
    """``pairs`` rounds of ``kientruc check --no-cache MODEL_DIR`` and ``archi validate`` on each of ``files``
    (label -> .archimate), the order rotating each round. For ``kientruc`` and each label: the median
    wall and CPU seconds, the largest peak RSS, every run's seconds; for each label the ratio of the
    medians ``kientruc/LABEL`` (below 1: kientruc is faster), the rounds' own ratios, and the CPU ratio;
    ``loadavg``: the lowest and highest 1-minute load average seen around the runs.

    ``bytecode``: kientruc runs with its modules' bytecode compiled, as archi-cli does (pip compiles an
    installed package's; a checkout run with ``PYTHONDONTWRITEBYTECODE=1``, as here, compiles kientruc's
    ~140 modules again in every process, ~0.2 s). The bytecode is written under a temporary
    ``PYTHONPYCACHEPREFIX`` by one untimed run first, never into the source tree."""
    env = dict(os.environ)
    env.pop("KIENTRUC_JOBS", None)
    prefix = None
    if bytecode:
        prefix = tempfile.mkdtemp(prefix="kientruc-pyc-")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = prefix
        run_timed(kientruc_command(model_dir), timeout=timeout, env=env)  # writes the bytecode
    runs: dict[str, list[dict]] = {"kientruc": [], **{label: [] for label in files}}
    who_all = list(runs)
    for i in range(pairs):
        k = i % len(who_all)
        for who in who_all[k:] + who_all[:k]:
            if who == "kientruc":
                r = run_timed(kientruc_command(model_dir), timeout=timeout, env=env)
                if r["exit_code"] not in (0, 1):
                    raise SystemExit(f"kientruc check failed (exit {r['exit_code']}):\n{r['output'][-1500:]}")
                r.pop("output")
            else:
                r = validate(files[who], cmd, timeout=timeout)
                if r["outcome"] not in ("valid", "invalid"):
                    raise SystemExit(f"archi validate {files[who]}: {r['outcome']}\n{r['first']}")
            runs[who].append(r)
            if log:
                log(f"round {i + 1}/{pairs}: {who} {r['seconds']:.2f} s, {r['cpu_s']:.2f} s CPU, "
                    f"{r['rss_mib']:.0f} MiB, load {r['loadavg']}")

    def med(who: str, key: str) -> float:
        return statistics.median(x[key] for x in runs[who])

    row: dict[str, Any] = {"pairs": pairs}
    for who in who_all:
        row[f"{who}_s"] = round(med(who, "seconds"), 2)
        row[f"{who}_cpu_s"] = round(med(who, "cpu_s"), 2)
        row[f"{who}_rss_mib"] = round(max(r["rss_mib"] for r in runs[who]))
        row[f"{who}_runs"] = [round(r["seconds"], 2) for r in runs[who]]
    for label in files:
        row[f"kientruc/{label}"] = round(med("kientruc", "seconds") / med(label, "seconds"), 2)
        row[f"kientruc/{label}_rounds"] = [round(k["seconds"] / a["seconds"], 2)
                                           for k, a in zip(runs["kientruc"], runs[label])]
        row[f"kientruc/{label}_cpu"] = round(med("kientruc", "cpu_s") / med(label, "cpu_s"), 2)
    loads = [x for rs in runs.values() for r in rs for x in r["loadavg"]]
    row["loadavg"] = [min(loads), max(loads)]
    row["kientruc_bytecode"] = bytecode
    if prefix:
        shutil.rmtree(prefix, ignore_errors=True)
    return row


def files_of(out: Path, bare: bool = True) -> dict[str, Path]:
    """The converted files to time: ``archi`` (the model's content) and ``archi_bare``."""
    return {"archi": out / MODEL_FILE, **({"archi_bare": out / BARE_FILE} if bare else {})}


def run_archi(model_dir: str | os.PathLike[str], out: str | os.PathLike[str], cmd: list[str], *, pairs: int = 3,
              bare: bool = True, timeout: float = 1800, log=None, bytecode: bool = True) -> dict[str, Any]:
    """Convert, accept and time side by side (for ``benchmarks/run.py`` and :func:`main`): one row."""
    out = Path(out)
    row: dict[str, Any] = dict(convert(model_dir, out, bare=bare))
    if log:
        log(f"converted: {row['elements']} elements, {row['relations']} relations, {row['archimate_mib']} MiB "
            f"(bare {row.get('archimate_bare_mib', '–')} MiB) in {row['convert_s']} s")
    row["archi_version"] = archi_version(cmd)
    files = files_of(out, bare)
    for label, path in files.items():
        ok = accept(path, cmd, row)
        row[f"{label}_outcome"], row[f"{label}_broken"] = ok["outcome"], ok["broken"]
        if log:
            log(f"{row['archi_version']}: {path.name} {ok['outcome']} ({ok['warnings']} warnings); "
                f"a broken copy: {ok['broken']}")
    row.update(side_by_side(model_dir, files, cmd, pairs=pairs, timeout=timeout, log=log, bytecode=bytecode))
    return row


COLUMNS = ["elements", "relations", "archimate_mib", "kientruc_s", "archi_s", "kientruc/archi",
           "kientruc/archi_rounds", "kientruc_cpu_s", "archi_cpu_s", "kientruc/archi_cpu", "archimate_bare_mib",
           "archi_bare_s", "kientruc/archi_bare", "kientruc/archi_bare_rounds", "kientruc_rss_mib", "archi_rss_mib",
           "archi_bare_rss_mib", "loadavg"]


def table(rows: list[dict], cols: list[str] = COLUMNS) -> str:
    def cell(v: Any) -> str:
        if v is None:
            return "–"
        if isinstance(v, list):
            return " ".join(str(x) for x in v)
        return f"{v:,}" if isinstance(v, int) else str(v)

    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(cell(row.get(c)) for c in cols) + " |" for row in rows]
    return "\n".join(lines)


def log(message: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 epilog=f"Install archi-cli outside the repository: {INSTALL}")
    ap.add_argument("model", type=Path, help="kientruc model folder (holds architecture.yaml)")
    ap.add_argument("--out", type=Path, required=True,
                    help=f"folder to write {MODEL_FILE}, archi.toml and conventions.md into (emptied first)")
    ap.add_argument("--no-bare", action="store_true",
                    help=f"do not also write {BARE_FILE} (ids, types, names and relations only) nor time it")
    ap.add_argument("--run", action="store_true", help="then check that archi-cli accepts it and rejects a broken "
                                                       "copy, and time it beside `kientruc check --no-cache`")
    ap.add_argument("--archi", default=None,
                    help="archi-cli's virtual environment (holds bin/archi) or the archi program; "
                         "default $ARCHI_CLI, else archi on the PATH")
    ap.add_argument("--pairs", type=int, default=3, help="runs of each, alternating (default 3)")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds before a run is killed")
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    ap.add_argument("--no-bytecode", action="store_true",
                    help="run kientruc as this environment runs it (with PYTHONDONTWRITEBYTECODE=1: its modules "
                         "compiled again in every run) instead of with its bytecode compiled once, as an installed "
                         "package has it")
    args = ap.parse_args()
    if args.pairs < 1:
        ap.error("--pairs must be at least 1")
    if not (args.model / "architecture.yaml").is_file():
        ap.error(f"{args.model} is not a kientruc model folder (no architecture.yaml)")
    cmd = None
    if args.run:
        try:
            cmd = archi_command(args.archi)
        except ArchiMissing as exc:
            print(f"error: {exc}", file=sys.stderr)
            raise SystemExit(2) from None
    if cmd is None:
        row: dict[str, Any] = dict(convert(args.model, args.out, bare=not args.no_bare))
        print(json.dumps(row, ensure_ascii=False))
    else:
        row = run_archi(args.model, args.out, cmd, pairs=args.pairs, bare=not args.no_bare, timeout=args.timeout,
                        log=log, bytecode=not args.no_bytecode)
        print(f"{row['archi_version']} `validate` beside `kientruc check --no-cache`; {os.cpu_count()} CPUs, "
              f"Python {sys.version.split()[0]}; medians of {args.pairs} rounds, wall seconds; kientruc's bytecode "
              f"{'compiled once' if row['kientruc_bytecode'] else 'compiled in every run'}")
        print(table([row]))
    if args.json:
        args.json.write_text(json.dumps(row, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
