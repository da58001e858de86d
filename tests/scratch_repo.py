"""A scratch git repository holding a small Quảng Trị model, and the history of changes CI sees.

Used by the diff, CI-report and CI-example tests. The rules are pinned (:func:`pin_rules`)
to the structure and waiver rules plus one test rule standing for the national-framework
rule "data leaves the province without going through the LGSP", so that the expected
findings do not move when new rules are added to kientruc.
"""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path
from typing import Iterator

import importlib

from kientruc.findings import Severity
from kientruc.validators.registry import Related, Rule, RuleContext, Violation

# the modules themselves (the package exports functions of the same names)
engine = importlib.import_module("kientruc.validators.engine")
registry_module = importlib.import_module("kientruc.validators.registry")

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Kiến trúc sư",
    "GIT_AUTHOR_EMAIL": "kts@quangtri.gov.vn",
    "GIT_COMMITTER_NAME": "Kiến trúc sư",
    "GIT_COMMITTER_EMAIL": "kts@quangtri.gov.vn",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


class GitRepo:
    """A throw-away git repository: write files, commit, read what git says."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        env = {**os.environ, **GIT_ENV}
        env.pop("GIT_DIR", None)
        env.pop("GIT_INDEX_FILE", None)
        proc = subprocess.run(["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True)
        return proc.stdout

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        """Replace the one occurrence of ``old`` (exact text) by ``new``."""
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} not found once in {rel}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD").strip()

    def status(self) -> str:
        return self.git("status", "--porcelain=v1", "--untracked-files=all")


# --------------------------------------------------------------------------- the pinned rules


def lgsp_bypassed(ctx: RuleContext) -> Iterator[Violation]:
    """Test stand-in for the framework rule: a provincial system sends data out of the province
    (to an external element) neither through an integration platform (``via``) nor while
    integrating through one (``integrates_via``)."""
    lgsp = next((e.id for e in ctx.graph.of_kind("integration_platform") if not e.external), "lgsp")
    for el in ctx.graph.of_kind("application"):
        if el.external or ctx.graph.out(el.id, "integrates_via"):
            continue
        for rel in ctx.graph.out(el.id, "flows_to", "connects_to"):
            target = ctx.graph.element(rel.target)
            if target.external and not (rel.spec and rel.spec.via):
                yield Violation(
                    f"'{el.id}' sends data to the national system '{target.id}' directly, not through "
                    f"the provincial LGSP '{lgsp}'",
                    element=el.id,
                    path=rel.path,
                    hint=f"write 'via: {lgsp}' on the relation, or connect the system to the LGSP",
                    related=(Related(target.id, note="the national system"),),
                )


TEST_RULE = Rule(
    "TST101",
    "lgsp-bypassed",
    "Data leaves the province without going through the LGSP",
    "Dữ liệu ra ngoài tỉnh không qua LGSP",
    "integration",
    lgsp_bypassed,
    legal_basis=("Quyết định 2336/QĐ-UBND (test stand-in)",),
)

PINNED = ("STR001", "STR002", "STR003", "STR006", "STR007", "STR008", "STR009", "TST101", "WVR001")


def pin_rules(monkeypatch) -> None:
    """Run only the structure and waiver rules and the test rule TST101, at their usual severities."""
    monkeypatch.setitem(registry_module._REGISTRY, TEST_RULE.code, TEST_RULE)
    monkeypatch.setitem(registry_module._BY_NAME, TEST_RULE.name, TEST_RULE)
    rules = {code: registry_module._REGISTRY[code] for code in PINNED}
    severities = dict(registry_module.default_severities())
    severities["TST101"] = Severity.ERROR
    monkeypatch.setattr(engine, "registry", lambda: dict(rules))
    monkeypatch.setattr(engine, "default_severities", lambda: severities)


# --------------------------------------------------------------------------- the history

MANIFEST = """\
    province: Quảng Trị
    architecture:
      name: Kiến trúc Chính quyền điện tử tỉnh Quảng Trị
      version: "1.0"
    profile: vn-egov-1.0
    """

ORGANIZATIONS = """\
    - id: so-tttt
      kind: organization
      name: Sở Thông tin và Truyền thông
      org_type: department
    - id: van-phong-ubnd
      kind: organization
      name: Văn phòng UBND tỉnh
      org_type: office
    """

PLATFORMS = """\
    - id: lgsp-tinh
      kind: integration_platform
      name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh
      platform_type: lgsp
      owner: so-tttt
      connects_to: [ndxp, truc-van-ban-quoc-gia]
    - id: ndxp
      kind: integration_platform
      name: Nền tảng tích hợp, chia sẻ dữ liệu quốc gia
      platform_type: ndxp
      external: true
    """

APPLICATIONS = """\
    - id: he-thong-mot-cua
      kind: application
      name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh
      owner: van-phong-ubnd
      security_level: 3
      integrates_via: [lgsp-tinh]
      uses: [hop-thu-cong-vu]
      flows_to:
        - target: cong-dvc-quoc-gia
          data: [hồ sơ TTHC]
          via: lgsp-tinh
    - id: cong-dvc-quoc-gia
      kind: application
      name: Cổng Dịch vụ công quốc gia
      external: true
    - id: truc-van-ban-quoc-gia
      kind: application
      name: Trục liên thông văn bản quốc gia
      external: true
    - id: hop-thu-cong-vu
      kind: application
      name: Hệ thống thư điện tử công vụ
      owner: so-tttt
    - id: cong-thong-tin-cu
      kind: application
      name: Cổng thông tin điện tử cũ
    """

NEW_SYSTEM = """\
    - id: quan-ly-van-ban
      kind: application
      name: Hệ thống quản lý văn bản và điều hành
      owner: van-phong-ubnd
      security_level: 2
      flows_to:
        - target: truc-van-ban-quoc-gia
          data: [văn bản điện tử]
    """

WAIVER = """\
    waivers:
      - rule: lgsp-bypassed
        elements: [quan-ly-van-ban]
        reason: LGSP chưa có dịch vụ kết nối trục văn bản
        approved_by: Công văn 123/STTTT-CNTT
        expires: 2025-06-30
    """


def build_history(root: Path) -> tuple[GitRepo, dict[str, str]]:
    """The repository and its commits by name: ``model``, ``bypass``, ``retire``, ``rename``, ``waiver``, ``fix``."""
    repo = GitRepo(root)
    commits: dict[str, str] = {}
    repo.write("README.md", "# Kiến trúc CQĐT tỉnh Quảng Trị\n")
    commits["readme"] = repo.commit("README")
    repo.write("architecture/architecture.yaml", MANIFEST)
    repo.write("architecture/to-chuc.yaml", ORGANIZATIONS)
    repo.write("architecture/tich-hop.yaml", PLATFORMS)
    repo.write("architecture/ung-dung.yaml", APPLICATIONS)
    commits["model"] = repo.commit("Mô hình ban đầu")

    # A new system that sends documents to the national axis directly, bypassing the LGSP.
    with open(root / "architecture/ung-dung.yaml", "a", encoding="utf-8") as fh:
        fh.write(textwrap.dedent(NEW_SYSTEM))
    commits["bypass"] = repo.commit("Thêm hệ thống quản lý văn bản")

    # The e-mail system is retired on 30/6/2025 (the one-stop system still uses it); the old
    # portal is removed.
    repo.edit(
        "architecture/ung-dung.yaml",
        "  owner: so-tttt\n- id: cong-thong-tin-cu\n  kind: application\n  name: Cổng thông tin điện tử cũ\n",
        "  owner: so-tttt\n  status: retiring\n  valid_to: 2025-06-30\n",
    )
    commits["retire"] = repo.commit("Ngừng thư công vụ cũ và cổng thông tin cũ")

    # The LGSP gets its official id, and its file a new name.
    for rel in ("architecture/tich-hop.yaml", "architecture/ung-dung.yaml"):
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8").replace("lgsp-tinh", "lgsp-quang-tri"), encoding="utf-8")
    repo.git("mv", "architecture/tich-hop.yaml", "architecture/nen-tang-tich-hop.yaml")
    commits["rename"] = repo.commit("Đổi mã LGSP theo danh mục")

    # A waiver for the bypass, until 30/6/2025.
    with open(root / "architecture/architecture.yaml", "a", encoding="utf-8") as fh:
        fh.write(textwrap.dedent(WAIVER))
    commits["waiver"] = repo.commit("Miễn trừ tạm thời cho hệ thống văn bản")

    # The bypass fixed: through the LGSP, and the waiver dropped.
    repo.edit(
        "architecture/ung-dung.yaml",
        "      data: [văn bản điện tử]\n",
        "      data: [văn bản điện tử]\n      via: lgsp-quang-tri\n",
    )
    repo.write("architecture/architecture.yaml", MANIFEST)
    commits["fix"] = repo.commit("Kết nối trục văn bản qua LGSP")
    return repo, commits
