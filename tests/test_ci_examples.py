"""The CI examples and the pre-commit hook, run against a scratch repository.

The examples under ``examples/ci/`` are parsed as their CI system would parse them, and
their shell lines run in a scratch repository checked out at a pull request's head: the
``kientruc ...`` lines in-process (through click's test runner, so that the rules can be
pinned and no interpreter start-up is paid per line), the other lines with bash. A line
``cmd || [ $? -eq 1 ]`` accepts exit codes 0 and 1, as the shell would. Installation lines
(``pip install``) and ``uses:`` actions are not run; the files they read are checked.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import REPO, shared_file
from scratch_repo import build_history, pin_rules

EXAMPLES = REPO / "examples" / "ci"
ACCEPT_FINDINGS = "|| [ $? -eq 1 ]"


@pytest.fixture
def history(tmp_path, monkeypatch):
    pin_rules(monkeypatch)
    repo, commits = build_history(tmp_path / "qt")
    monkeypatch.chdir(repo.root)
    return repo, commits


def _expand(text: str, env: dict[str, str]) -> str:
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: env.get(m.group(1) or m.group(2), ""), text)


def _lines(script: str) -> list[str]:
    joined = script.replace("\\\n", " ")
    return [line.strip() for line in joined.splitlines() if line.strip() and not line.strip().startswith("#")]


def run_script(script: str, env: dict[str, str], cwd: Path, run_cli, log: list) -> int:
    """Run a CI script line by line, stopping at the first failing line (like ``bash -e``)."""
    for line in _lines(script):
        if re.match(r"(python -m )?pip install", line):
            continue
        if line.startswith("kientruc "):
            accepted = {0}
            if line.endswith(ACCEPT_FINDINGS):
                line, accepted = line[: -len(ACCEPT_FINDINGS)].strip(), {0, 1}
            args = shlex.split(_expand(line, env))
            assert not {"|", "||", "&&", ";", ">", ">>", "<"} & set(args), f"shell syntax the test cannot run: {line}"
            result = run_cli(args[1:], cwd=cwd)
            log.append((line, result.exit_code, result.output))
            code = 0 if result.exit_code in accepted else result.exit_code
        else:
            proc = subprocess.run(["bash", "-e", "-c", line], cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True)
            log.append((line, proc.returncode, proc.stdout + proc.stderr))
            code = proc.returncode
        if code:
            return code
    return 0


# --------------------------------------------------------------------------- GitHub Actions


def _github_if(expr: str | None, event: str, cwd: Path) -> bool:
    """The few expressions the example uses; anything else fails the test (keep the example testable)."""
    if expr is None:
        return True
    known = {
        "github.event_name == 'pull_request'": event == "pull_request",
        "github.event_name == 'push'": event == "push",
        "always() && hashFiles('kientruc.sarif') != ''": (cwd / "kientruc.sarif").is_file(),
    }
    assert expr in known, f"the test does not know the expression {expr!r}"
    return known[expr]


def run_github(event: str, base: str | None, cwd: Path, run_cli, summary: Path) -> tuple[dict[str, int], list]:
    workflow = yaml.safe_load((EXAMPLES / "github-actions.yml").read_text(encoding="utf-8"))
    on = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert {"pull_request", "push"} <= set(on)
    steps = workflow["jobs"]["kientruc"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0
    github = {"${{ github.event.pull_request.base.sha }}": base or ""}
    codes: dict[str, int] = {}
    log: list = []
    for step in steps:
        name = step.get("name", step.get("uses"))
        if not _github_if(step.get("if"), event, cwd):
            continue
        if "uses" in step:
            if "upload-sarif" in step["uses"]:
                sarif = json.loads((cwd / step["with"]["sarif_file"]).read_text(encoding="utf-8"))
                schema = json.loads(shared_file("reference", "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
                jsonschema.Draft7Validator(schema).validate(sarif)
            continue
        env = {k: github.get(str(v), str(v)) for k, v in (step.get("env") or {}).items()}
        env["GITHUB_STEP_SUMMARY"] = str(summary)
        codes[name] = run_script(step["run"], env, cwd, run_cli, log)
        if codes[name]:
            break  # a failed step ends the job
    return codes, log


def test_github_pull_request_that_bypasses_the_lgsp_fails(history, run_cli, tmp_path):
    repo, c = history
    repo.git("checkout", "-q", c["bypass"])
    summary = tmp_path / "summary.md"
    codes, log = run_github("pull_request", c["model"], repo.root, run_cli, summary)
    assert codes == {
        "Install kientruc": 0,
        "What the change does to the architecture": 0,
        "Annotate the findings": 0,
        "SARIF report": 0,
        "Gate: no new error in the pull request": 1,
    }
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## kientruc: tác động của thay đổi đối với kiến trúc")  # Vietnamese, the default
    assert "❌" not in text  # the summary step does not gate: it only reports
    assert "| lỗi | `TST101` lgsp-bypassed | `quan-ly-van-ban` |" in text
    annotations = next(out for line, _, out in log if "--format github" in line)
    assert "::error file=architecture/ung-dung.yaml,line=33,col=7,title=TST101 lgsp-bypassed::" in annotations
    gate = log[-1][2]
    assert gate.splitlines()[-1].endswith("KHÔNG ĐẠT: 1 vi phạm mới ở mức lỗi trở lên (--fail-on-new error).")
    assert repo.status() == "?? kientruc-diff.md\n?? kientruc.sarif\n"


def test_github_pull_request_that_fixes_passes_and_push_checks_the_model(history, run_cli, tmp_path):
    repo, c = history
    repo.git("checkout", "-q", c["fix"])
    codes, _ = run_github("pull_request", c["waiver"], repo.root, run_cli, tmp_path / "summary.md")
    assert set(codes.values()) == {0} and "Gate: no new error in the pull request" in codes
    assert "✅ **Thay đổi này không phát sinh vi phạm nào, và khắc phục" in (tmp_path / "summary.md").read_text(encoding="utf-8")
    codes, _ = run_github("push", None, repo.root, run_cli, tmp_path / "summary2.md")
    assert codes == {"Install kientruc": 0, "Annotate the findings": 0, "SARIF report": 0, "Gate: no error on the default branch": 0}
    # on the default branch an error in the model fails, whoever caused it
    repo.git("checkout", "-q", c["rename"])
    codes, _ = run_github("push", None, repo.root, run_cli, tmp_path / "summary3.md")
    assert codes["Gate: no error on the default branch"] == 1


def test_github_unreadable_model_fails_at_the_first_check(history, run_cli, tmp_path):
    repo, c = history
    repo.git("checkout", "-q", c["fix"])
    (repo.root / "architecture/to-chuc.yaml").write_text("- id: [\n", encoding="utf-8")
    codes, _ = run_github("push", None, repo.root, run_cli, tmp_path / "summary.md")
    assert codes == {"Install kientruc": 0, "Annotate the findings": 2}


# --------------------------------------------------------------------------- GitLab CI


def _gitlab_rule(expr: str, env: dict[str, str]) -> bool:
    left, op, right = expr.partition(" == ")
    assert op, f"the test does not know the rule {expr!r}"
    value = lambda s: env.get(s[1:], "") if s.startswith("$") else s.strip('"')  # noqa: E731
    return value(left.strip()) == value(right.strip())


def run_gitlab(env: dict[str, str], cwd: Path, run_cli) -> tuple[dict[str, int], list]:
    config = yaml.safe_load((EXAMPLES / "gitlab-ci.yml").read_text(encoding="utf-8"))
    codes: dict[str, int] = {}
    log: list = []
    for name, job in config.items():
        if name.startswith("."):
            continue
        template = config[job["extends"]] if "extends" in job else {}
        merged = {**template, **job}
        if not any(_gitlab_rule(rule["if"], env) for rule in merged["rules"]):
            continue
        assert merged["image"].startswith("python:3.11")  # not -slim: kientruc diff needs git
        variables = {k: str(v) for k, v in (merged.get("variables") or {}).items()}
        script = "\n".join(merged.get("before_script", []) + merged["script"])
        codes[name] = run_script(script, {**env, **variables}, cwd, run_cli, log)
        artifacts = merged["artifacts"]
        assert artifacts["when"] == "always"
        for path in artifacts["paths"]:
            assert (cwd / path).is_file(), path
        ET.parse(cwd / artifacts["reports"]["junit"])
    return codes, log


def test_gitlab_merge_request(history, run_cli):
    repo, c = history
    repo.git("checkout", "-q", c["bypass"])
    env = {"CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_DIFF_BASE_SHA": c["model"],
           "CI_COMMIT_BRANCH": "", "CI_DEFAULT_BRANCH": "main"}
    codes, log = run_gitlab(env, repo.root, run_cli)
    assert codes == {"kientruc-merge-request": 1}
    junit = ET.parse(repo.root / "kientruc-junit.xml").getroot()
    failed = [c.get("name") for c in junit.iter("testcase") if c.find("failure") is not None]
    assert failed == ["TST101 lgsp-bypassed"]
    assert "phát sinh 1 lỗi" in (repo.root / "kientruc-diff.md").read_text(encoding="utf-8")
    assert log[-1][1] == 1 and "--fail-on-new error" in log[-1][0]

    repo.git("checkout", "-q", c["fix"])
    env["CI_MERGE_REQUEST_DIFF_BASE_SHA"] = c["waiver"]
    assert run_gitlab(env, repo.root, run_cli)[0] == {"kientruc-merge-request": 0}


def test_gitlab_default_branch(history, run_cli):
    repo, c = history
    repo.git("checkout", "-q", c["fix"])
    env = {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main", "CI_DEFAULT_BRANCH": "main"}
    assert run_gitlab(env, repo.root, run_cli)[0] == {"kientruc-default-branch": 0}


# --------------------------------------------------------------------------- pre-commit


def test_pre_commit_hook(history, run_cli):
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = {h["id"]: h for h in hooks}["kientruc-check"]
    assert hook["pass_filenames"] is False and hook["language"] == "python"
    assert set(hook) <= {"id", "name", "description", "entry", "language", "pass_filenames", "require_serial",
                         "files", "exclude", "types", "types_or", "args", "always_run", "stages",
                         "minimum_pre_commit_version"}
    files = re.compile(hook["files"])
    assert files.search("architecture/ung-dung.yaml") and files.search("architecture/architecture.yaml")
    assert not files.search("README.md") and not files.search("docs/architecture/x.yaml")
    # the example configuration names this hook
    config = yaml.safe_load((EXAMPLES / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for r in config["repos"] for h in r["hooks"]] == ["kientruc-check"]

    repo, c = history
    entry = shlex.split(hook["entry"]) + hook.get("args", [])
    assert entry[0] == "kientruc"
    repo.git("checkout", "-q", c["fix"])
    assert run_cli(entry[1:], cwd=repo.root).exit_code == 0
    repo.git("checkout", "-q", c["bypass"])
    result = run_cli(entry[1:], cwd=repo.root)
    assert result.exit_code == 1 and "lỗi TST101 [lgsp-bypassed]" in result.output  # the model's language: Vietnamese
