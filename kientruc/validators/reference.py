"""The rules reference: every rule's documentation, as text for ``kientruc rules CODE`` and as
Markdown for ``docs/rules.md`` (``kientruc rules --format markdown``).

Rule documentation lives in the rule's docstring, in ``validators/rules/<family>/<CODE>.py``
(STYLE.md rule 2): what it checks and why, in English (``Checks:``, ``Why:``) and in Vietnamese
(``Kiểm tra:``, ``Lý do:``), and a failing and a passing YAML example shared by both languages.
Vietnamese is the default: the readers are provincial officials and the architects who work
with them. The list of every code comes from the registry (:func:`~.registry.codes`).
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

from ..frameworks import profiles
from ..i18n import basis_title, msg, render, words
from ..i18n import date as i18n_date
from .compliance import family_titles
from .registry import Rule, RuleInfo, codes, default_severities, registry

def _labels(lang: str) -> dict:
    """The words of a rule's description (the catalogue of :mod:`kientruc.i18n`, section ``reference``)."""
    lb = dict(words(lang, "reference"))
    levels = words(lang, "reference.confidence_level")
    lb["conf"] = {"high": levels["high"], "medium": levels["medium"], "low": levels["low"], None: levels["none"]}
    return lb

SECTION_HEADINGS = {"vi": ("Kiểm tra:", "Lý do:"), "en": ("Checks:", "Why:")}


def _d(day) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def _day(day, lang: str) -> str:
    """A day as the reference writes it: 1/7/2016 in Vietnamese, as English output writes days elsewhere."""
    return _d(day) if lang == "vi" else i18n_date(day, lang)


def severity_of(r: Rule) -> str:
    sev = default_severities().get(r.code)
    return sev.label if sev else "off"


def severity_title(severity: str, lang: str) -> str:
    """A severity as a reader reads it (error → lỗi); ``off`` for a rule that is off by default."""
    word = {"error": msg("error"), "warning": msg("warning"), "info": msg("info"), "off": msg("off by default")}
    return render(word[severity], lang) if severity in word else severity


def _framework_title(pid: str, lang: str) -> str:
    p = profiles().get(pid)
    return ((p.title_en if lang == "en" else p.title) or p.title) if p is not None else pid


def in_force_text(r: Rule, lang: str) -> str:
    lb = _labels(lang)
    if r.in_force_from is None and r.in_force_to is None:
        return lb["always"]
    parts = []
    if r.in_force_from:
        parts.append(f"{lb['from']} {_day(r.in_force_from, lang)}")
    if r.in_force_to:
        parts.append(f"{lb['to']} {_day(r.in_force_to, lang)}")
    return " ".join(parts)


def sections(r: Rule, lang: str) -> tuple[str, str]:
    """(what it checks, why) in the language asked, falling back to English."""
    checks, why = (r.doc_section(h) for h in SECTION_HEADINGS[lang])
    if not checks or not why:
        checks, why = (r.doc_section(h) for h in SECTION_HEADINGS["en"])
    return checks, why


def _row(info: RuleInfo) -> dict[str, Any]:
    return {
        "code": info.code,
        "name": info.name,
        "family": info.family,
        "severity": info.default_severity.label if info.default_severity else "off",
        "title": info.title,
        "title_vi": info.title_vi,
        "profiles": list(info.profiles) if info.profiles else None,
        "legal_basis": list(info.legal_basis),
        "confidence": info.confidence,
        "in_force_from": info.in_force_from.isoformat() if info.in_force_from else None,
        "in_force_to": info.in_force_to.isoformat() if info.in_force_to else None,
        "kind": info.origin,
    }


def rule_rows() -> list[dict[str, Any]]:
    """Every rule, load check and engine check as data (``kientruc rules --format json``)."""
    return [_row(info) for info in codes().values()]


def rules_list_text(lang: str = "vi") -> str:
    lines = []
    for row in rule_rows():
        title = row["title_vi"] if lang == "vi" and row["title_vi"] else row["title"]
        lines.append(f"{row['code']:<8} {row['name']:<46} {severity_title(row['severity'], lang):<8} {title}")
    return "\n".join(lines) + "\n"


def rule_text(r: Rule, lang: str = "vi") -> str:
    """One rule explained, for the terminal."""
    lb = _labels(lang)
    checks, why = sections(r, lang)
    out = [f"{r.code} {r.name}: {r.title_in(lang)}", ""]
    family = family_titles(r.family)[0 if lang == "vi" else 1]
    out.append(f"{lb['family']}: {family}; {lb['severity']}: {severity_title(severity_of(r), lang)}; {lb['since']} {r.since}")
    out.append(f"{lb['profiles']}: " + ("; ".join(_framework_title(e, lang) for e in r.editions) if r.editions
                                          else lb["all_profiles"]))
    out.append(f"{lb['in_force']}: {in_force_text(r, lang)}")
    out.append(f"{lb['confidence']}: {lb['conf'].get(r.confidence, r.confidence)}")
    for basis in r.legal_basis:
        out.append(f"{lb['basis']}: {basis_title(basis, lang)}")
    for heading, text in ((lb["checks"], checks), (lb["why"], why)):
        out += ["", f"{heading}:", textwrap.indent(text, "    ")]
    for heading, key in ((lb["fails"], "Fails:"), (lb["passes"], "Passes:")):
        out += ["", f"{heading}:", textwrap.indent(r.example(key).rstrip("\n"), "    ")]
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    """Docstring text (reST-ish double backticks) as Markdown."""
    return re.sub(r"``(.+?)``", r"`\1`", text)


INTRO = {
    "vi": """# Danh mục quy tắc kiểm tra của kientruc

Tài liệu này được sinh tự động từ mã nguồn (`kientruc rules --format markdown -o docs/rules.md`);
một bài kiểm thử bảo đảm nó khớp với danh mục quy tắc. Bản tiếng Anh: [rules.en.md](rules.en.md).

Mỗi quy tắc có mã cố định (tiền tố nhóm và ba chữ số, ví dụ `INT001`) và tên đọc được
(`lgsp-missing`); cả hai đều dùng được trong `validation.rules`, trong miễn trừ (`waivers`) và
trên dòng lệnh. Mức độ (error, warning, info, off) lấy từ `kientruc/validators/defaults.yaml`
và có thể đổi trong `validation.rules` của `architecture.yaml`, theo từng quy tắc hoặc theo
cả nhóm (ví dụ `security: warning`). Quy tắc chỉ chạy khi khung kiến trúc đang kiểm tra nằm
trong danh sách áp dụng và căn cứ pháp lý của nó có hiệu lực vào ngày kiểm tra (`--as-of`).

Một văn bản chưa ban hành thì chưa tồn tại: phát hiện của một ngày chỉ dẫn các văn bản đã ban
hành đến ngày đó (ngày ban hành lấy từ danh mục `laws` trong `kientruc/frameworks/_catalog.yaml`),
và quy tắc mà mọi căn cứ đều ban hành sau ngày kiểm tra thì không chạy.

Độ tin cậy phản ánh mức xác minh của căn cứ trong tài liệu tham chiếu: *cao* (đã xác minh),
*trung bình* (xác minh một phần, hoặc tiêu chí được suy ra), *thấp* (chưa tìm thấy văn bản).

**Điều được suy ra.** Khi hệ thống không ghi `system_type` (hay cơ sở dữ liệu không ghi
`national_database`), kientruc đọc nó từ tên chính thức (ví dụ "Hệ thống quản lý văn bản và điều
hành" → `document_management`, "…một cửa điện tử…" → `one_stop`); phát hiện dựa trên điều suy ra
này nói rõ "inferred from the name; set system_type to confirm". Ghi `system_type` để xác nhận
hoặc sửa.

**Hệ thống tổng hợp.** Ứng dụng `composed_of` các ứng dụng khác là một hệ thống (ví dụ hệ thống
một cửa điện tử theo Nghị định 61/2018/NĐ-CP gồm Cổng dịch vụ công và phần mềm một cửa): nó đáp
ứng một kết nối quốc gia khi một thành phần đáp ứng, phát hiện gắn với hệ thống tổng hợp, và các
thành phần kế thừa chủ quản, cấp độ an toàn, danh mục ARM và cơ chế ký số của nó.

**Nhiều tỉnh.** Trong mô hình có nhiều UBND tỉnh, các quy tắc cấp tỉnh đánh giá từng tỉnh trên
phần tử của tỉnh đó (UBND tỉnh, cơ quan của tỉnh và những gì họ sở hữu).

Các ví dụ được kiểm tra tự động theo khung `vn-digital-gov-4.0`, tỉnh Lạng Sơn, ngày 15/1/2026,
trừ khi dòng đầu của ví dụ ghi khác: `# architecture.yaml: {…}` (ghép vào tệp khai báo) và
`# as-of: YYYY-MM-DD` (ngày kiểm tra).
""",
    "en": """# kientruc rules reference

Generated from the code (`kientruc rules --format markdown --lang en -o docs/rules.en.md`); a
test keeps it in step with the registry. Vietnamese version: [rules.md](rules.md).

Each rule has a stable code (a family prefix and three digits, e.g. `INT001`) and a readable
name (`lgsp-missing`); both are accepted in `validation.rules`, in waivers and on the command
line. Severities (error, warning, info, off) come from `kientruc/validators/defaults.yaml` and
can be changed in the manifest's `validation.rules`, per rule or per family (for example
`security: warning`). A rule runs when the profile checked is one it applies to and the law
behind it is in force on the day checked (`--as-of`).

A law does not exist before it is issued: a finding of a day cites only the laws issued by that day
(their days are in the `laws` list of `kientruc/frameworks/_catalog.yaml`), and a rule all of whose
laws are issued after the day checked does not run.

Confidence is how well the reference verifies the rule's basis: *high* (verified), *medium*
(partly verified, or criteria inferred), *low* (no text found).

**What is inferred.** Where a system has no `system_type` (or a database no `national_database`),
kientruc reads it from the official name ("Hệ thống quản lý văn bản và điều hành" →
`document_management`, "…một cửa điện tử…" → `one_stop`); a finding that rests on it says
"inferred from the name; set system_type to confirm". Write `system_type` to confirm or correct it.

**Composite systems.** An application `composed_of` other applications is one system (the one-stop
system of NĐ 61/2018/NĐ-CP is the public-service portal and the one-stop software, say): it meets a
national connection when one of its parts does, findings are on the composite, and its parts inherit
its owner, security level, ARM category and signature mechanisms.

**Several provinces.** In a model with several UBND tỉnh, the province-level rules judge each
province on its own elements (its UBND tỉnh, its agencies and what they own).

The examples are checked automatically against `vn-digital-gov-4.0`, Lạng Sơn province, on
15/1/2026, unless their first lines say otherwise: `# architecture.yaml: {…}` (merged into the
manifest) and `# as-of: YYYY-MM-DD` (the day checked).
""",
}


def rules_markdown(lang: str = "vi") -> str:
    """The whole rules reference as Markdown."""
    lb = _labels(lang)
    rules = list(registry().values())
    families = list(dict.fromkeys(r.family for r in rules))
    out = [INTRO[lang]]
    out.append("## " + lb["overview"] + "\n")
    out.append(f"| {lb['code']} | {lb['name']} | {lb['severity']} | {lb['confidence']} | {lb['title']} |")
    out.append("|---|---|---|---|---|")
    for r in rules:
        anchor = r.code.lower()
        out.append(f"| [{r.code}](#{anchor}) | `{r.name}` | {severity_of(r)} | "
                   f"{lb['conf'].get(r.confidence, r.confidence)} | {r.title_in(lang)} |")
    out.append("")
    known = profiles()
    for fam in families:
        vi, en = family_titles(fam)
        out.append(f"## {vi if lang == 'vi' else en} (`{fam}`)\n")
        for r in (r for r in rules if r.family == fam):
            checks, why = sections(r, lang)
            out.append(f"### {r.code}\n")
            out.append(f"**`{r.name}`** — {r.title_in(lang)}\n")
            prof = ", ".join(f"`{p}`" for p in r.editions if p in known) if r.editions else lb["all_profiles"]
            out.append(f"- {lb['severity']}: `{severity_of(r)}`")
            out.append(f"- {lb['profiles']}: {prof}")
            out.append(f"- {lb['in_force']}: {in_force_text(r, lang)}")
            out.append(f"- {lb['confidence']}: {lb['conf'].get(r.confidence, r.confidence)}")
            for basis in r.legal_basis:
                out.append(f"- {lb['basis']}: {basis_title(basis, lang)}")
            out.append("")
            out.append(f"**{lb['checks']}.** " + _md(" ".join(checks.split())) + "\n")
            out.append(f"**{lb['why']}.** " + _md(" ".join(why.split())) + "\n")
            out.append(f"{lb['fails']}:\n\n```yaml\n{r.example('Fails:').rstrip()}\n```\n")
            out.append(f"{lb['passes']}:\n\n```yaml\n{r.example('Passes:').rstrip()}\n```\n")
    out.append("## " + ("Kiểm tra khi nạp mô hình và của bộ máy kiểm tra" if lang == "vi" else "Load and engine checks") + "\n")
    out.append(f"| {lb['code']} | {lb['name']} | {lb['severity']} | {lb['title']} |")
    out.append("|---|---|---|---|")
    for row in rule_rows():
        if row["kind"] != "rule":
            title = row["title_vi"] if lang == "vi" and row["title_vi"] else row["title"]
            out.append(f"| {row['code']} | `{row['name']}` | {row['severity']} | {title} |")
    return "\n".join(out).rstrip() + "\n"


__all__ = ["rule_rows", "rule_text", "rules_list_text", "rules_markdown"]
