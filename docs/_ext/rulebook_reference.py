"""Generate the reference of the Vietnamese rulebook, in English and in Vietnamese, from the rulebook itself.

Everything on the generated pages is read from ``kiemtra.rulebooks.vn`` when the docs are built:

* every parameter (``Rulebook.params``) with its value in each period, its citations, its status and its note;
* every rule of the rule set (``extras["ruleset"]``) with its versions;
* every procedure (``extras["procedures"]``, when the rulebook has them) with, for each version, its state
  diagram drawn by Graphviz at build time (inline SVG: nothing is fetched when the page is viewed) and
  tables of its states and moves: who may act, what must be attached, what is checked, and the time limits;
* the glossary, Vietnamese to English: the terms the rulebook's own templates name in both languages, and
  the domain glossary (``extras["glossary"]`` when the rulebook carries one, otherwise
  ``docs/_data/glossary-vn.csv``, taken from section (a) of ``shared/domain/regulations.md``).

The Vietnamese page uses the rulebook's ``vi`` templates for every title and label.

As a Sphinx extension (``extensions = ["rulebook_reference"]`` with ``docs/_ext`` on ``sys.path``) it writes
``reference/rulebook-vn.md`` and ``reference/rulebook-vn.vi.md`` when the build starts, touching a file only
when its text changed. As a script::

    python docs/_ext/rulebook_reference.py            # writes both pages into docs/reference/
    python docs/_ext/rulebook_reference.py --check    # exits 1 when a page on disk is out of date

Graphviz's ``dot`` must be on the PATH (Debian: ``apt-get install graphviz``).
"""

from __future__ import annotations

import csv
import datetime as _dt
import html
import re
import shutil
import subprocess
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parent.parent
REFERENCE = DOCS / "reference"
GLOSSARY_FILE = DOCS / "_data" / "glossary-vn.csv"
PAGES = {"en": "rulebook-vn.md", "vi": "rulebook-vn.vi.md"}
"""The generated pages, by language, under ``docs/reference/``."""

LANGS = ("en", "vi")


class ReferenceError(RuntimeError):
    """The reference cannot be generated (no Graphviz, a broken rulebook)."""


# -- what the pages are made of ---------------------------------------------------------------------------
@dataclass(frozen=True)
class GlossaryEntry:
    """One row of the glossary: a Vietnamese term, its English name, a note and the group it sits in."""

    vietnamese: str
    english: str
    note: str = ""
    group: str = ""


@dataclass(frozen=True)
class Sources:
    """What a reference is generated from."""

    book: Any
    rules: tuple[Any, ...]
    procedures: tuple[Any, ...]
    glossary: tuple[GlossaryEntry, ...]
    kiemtra_version: str = ""
    problems: tuple[str, ...] = field(default=())


def _call_or_value(value: Any) -> Any:
    return value() if callable(value) else value


def load_glossary(path: Path = GLOSSARY_FILE) -> tuple[GlossaryEntry, ...]:
    """The domain glossary kept beside the docs (columns ``group, vietnamese, english, note``)."""
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            GlossaryEntry(
                row["vietnamese"], row["english"], row.get("note") or "", row.get("group") or ""
            )
            for row in csv.DictReader(handle)
        )


def _glossary_of(book: Any) -> tuple[GlossaryEntry, ...]:
    carried = book.extras.get("glossary")
    if carried is None:
        return load_glossary()
    carried = _call_or_value(carried)
    out = []
    items = carried.items() if isinstance(carried, Mapping) else carried
    for item in items:
        if isinstance(item, GlossaryEntry):
            out.append(item)
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], str):
            out.append(GlossaryEntry(item[0], item[1]))
        else:  # an object with attributes, or a longer tuple (vi, en, note, group)
            fields = (
                item
                if isinstance(item, tuple)
                else (
                    getattr(item, "vietnamese", ""),
                    getattr(item, "english", ""),
                    getattr(item, "note", ""),
                    getattr(item, "group", ""),
                )
            )
            out.append(GlossaryEntry(*[str(f or "") for f in fields][:4]))
    return tuple(out)


def vn_sources() -> Sources:
    """The Vietnamese rulebook, its rules, its procedures (if it has them yet) and its glossary."""
    import kiemtra
    from kiemtra.rulebooks import vn

    book = vn.rulebook()
    ruleset = _call_or_value(book.extras.get("ruleset"))
    rules = tuple(ruleset.rules) if ruleset is not None else ()
    procedures = tuple(_call_or_value(book.extras.get("procedures")) or ())
    return Sources(book, rules, procedures, _glossary_of(book), kiemtra.__version__)


# -- fixed texts of the pages -----------------------------------------------------------------------------
TEXT: Mapping[str, Mapping[str, str]] = {
    "en": {
        "title": "Reference: the Vietnamese rulebook",
        "generated": (
            "This page is generated from `kiemtra.rulebooks.vn` (kiemtra {version}) each time the documentation "
            "is built, by `docs/_ext/rulebook_reference.py`. Do not edit it: change the rulebook."
        ),
        "other_lang": "Bản tiếng Việt: {doc}`rulebook-vn.vi`.",
        "summary": (
            "{params} parameters, {rules} rules ({rule_versions} rule versions), {procedures} procedures "
            "({procedure_versions} procedure versions), {terms} glossary entries."
        ),
        "statuses": "Statuses",
        "status_legend": (
            "*confirmed*: the value was read in the document itself or quoted with its article by an official "
            "site or a legal database; *secondary*: a news article, a law firm or a quiz bank citing the "
            "article; *unconfirmed*: a single non-authoritative source or none: check before relying on it. "
            "Explanations flag every unconfirmed value they use."
        ),
        "params": "Parameters",
        "params_intro": (
            "Every number of the regulations is a parameter. Each value has its own effective period "
            "(first and last day in force; an open end means it is still in force) and its own basis. "
            "Which date picks the value depends on the rule that reads it: see "
            "{doc}`../concepts/parameters`."
        ),
        "rules": "Rules",
        "rules_intro": (
            "The duty checks and fund audits. A rule has one version per period of the date that governs it; "
            "a finding records the rule, its version and the parameters it read."
        ),
        "procedures": "Procedures",
        "procedures_intro": (
            "A case keeps the version in force on the day it was opened. Each state's time limit is the "
            "parameter in force on the day the case entered that state. Diagrams are drawn when the "
            "documentation is built."
        ),
        "no_procedures": (
            'The rulebook carries no procedures yet (`extras["procedures"]` is empty); this section fills '
            "in by itself once it does."
        ),
        "glossary": "Glossary",
        "glossary_intro": "Vietnamese terms and the English names kiemtra uses for them.",
        "glossary_rulebook": "Terms the rulebook names in both languages",
        "glossary_domain": "Domain glossary",
        "glossary_domain_source": (
            "From section (a) of the domain reference `shared/domain/regulations.md` (kept in "
            "`docs/_data/glossary-vn.csv`)."
        ),
        "glossary_domain_carried": 'Carried by the rulebook (`extras["glossary"]`).',
        "in_force": "In force",
        "value": "Value",
        "status": "Status",
        "basis": "Basis",
        "note": "Note",
        "unit": "Unit",
        "key": "Key",
        "choices": "Allowed values",
        "favourable_lower": "a newer, lower value applies to earlier violations when it is more favourable",
        "favourable_higher": "a newer, higher value applies to earlier violations when it is more favourable",
        "seen_in": "seen in",
        "version": "Version",
        "applies": "Governing dates",
        "subject": "Judges",
        "consequence": "Leads to",
        "governs": "Date that governs",
        "parameters": "Parameters",
        "features": "Feature table",
        "message": "Message",
        "versions": "Versions",
        "cases_opened": "cases opened",
        "who_opens": "Who may open a case",
        "anyone_party": "any body named in the case",
        "states": "States",
        "moves": "Moves",
        "state": "State",
        "label": "Label",
        "final": "final",
        "time_limit": "Time limit",
        "extension": "Extension",
        "extension_text": "{param}, at most {n} time(s), granted by {who}",
        "move": "Move",
        "from_to": "From → to",
        "who_acts": "Who may act",
        "needs": "Must attach",
        "checks": "Also checked",
        "opens": "Opens",
        "within_deadline": "only within the state's time limit",
        "separate_from": "not by whoever did {moves}",
        "body_whole": "the body as a whole",
        "superior": "or the same body one level up",
        "people_part": "the person who is the case's {part}",
        "diagram": "Diagram of version {version}",
        "mermaid": "Mermaid text (as `Engine.diagram` gives it)",
        "to_end": "end",
        "term": "Vietnamese",
        "english": "English",
        "where": "Kind",
        "procedure_word": "procedure",
        "terms": {
            "title": "procedure",
            "form": "sanction form",
            "level": "rating level or competence level",
            "subject": "subject of a sanction",
            "status": "status of a value",
            "unit": "unit",
            "state": "state of a procedure",
        },
        "subjects": {
            "member": "a member",
            "cell": "a cell",
            "organisation": "an organisation",
            "campaign": "a fund campaign",
        },
        "consequences": {
            "note": "a note",
            "reminder": "a reminder",
            "sign_of_violation": "a sign of violation (grounds for an inspection)",
            "removal_ground": "a ground for removal from the roll",
            "rating_input": "an input to the annual rating",
        },
        "governing": {
            "violation": "the date of the violation",
            "step": "the date of the step",
            "review_year": "the review year (its 31 December)",
        },
        "date_format": "%Y-%m-%d",
        "open_end": "still in force",
        "range": "{start} – {end}",
        "range_open": "from {start}",
    },
    "vi": {
        "title": "Tra cứu: bộ quy tắc Việt Nam",
        "generated": (
            "Trang này được sinh tự động từ `kiemtra.rulebooks.vn` (kiemtra {version}) mỗi lần dựng tài liệu, "
            "bởi `docs/_ext/rulebook_reference.py`. Không sửa trực tiếp: hãy sửa bộ quy tắc."
        ),
        "other_lang": "English version: {doc}`rulebook-vn`.",
        "summary": (
            "{params} tham số, {rules} quy tắc ({rule_versions} phiên bản), {procedures} quy trình "
            "({procedure_versions} phiên bản), {terms} thuật ngữ."
        ),
        "statuses": "Mức xác nhận",
        "status_legend": (
            "*đã xác nhận*: giá trị được đọc trong chính văn bản hoặc được trang chính thức, cơ sở dữ liệu pháp "
            "luật trích dẫn kèm điều khoản; *nguồn thứ cấp*: báo chí, trang luật sư hoặc bộ câu hỏi có dẫn điều "
            "khoản; *chưa xác nhận*: chỉ có một nguồn không chính thức hoặc không có nguồn, cần kiểm tra trước "
            "khi dùng. Mọi giải thích đều đánh dấu giá trị chưa xác nhận mà nó sử dụng."
        ),
        "params": "Tham số",
        "params_intro": (
            "Mỗi con số trong quy định là một tham số. Mỗi giá trị có thời gian hiệu lực riêng (ngày đầu và "
            "ngày cuối có hiệu lực; không có ngày cuối là còn hiệu lực) và căn cứ riêng. Ngày nào quyết định "
            "giá trị được áp dụng tùy theo quy tắc sử dụng nó."
        ),
        "rules": "Quy tắc",
        "rules_intro": (
            "Các quy tắc kiểm tra việc thực hiện nhiệm vụ đảng viên và kiểm tra thu, nộp, quản lý quỹ. Mỗi quy "
            "tắc có một phiên bản cho mỗi giai đoạn của ngày xác định quy định áp dụng; mỗi phát hiện ghi rõ "
            "quy tắc, phiên bản và các tham số đã dùng."
        ),
        "procedures": "Quy trình",
        "procedures_intro": (
            "Vụ việc giữ phiên bản quy trình có hiệu lực vào ngày mở. Thời hạn của mỗi trạng thái là tham số "
            "có hiệu lực vào ngày vụ việc chuyển sang trạng thái đó. Sơ đồ được vẽ khi dựng tài liệu."
        ),
        "no_procedures": (
            'Bộ quy tắc chưa có quy trình (`extras["procedures"]` trống); mục này sẽ tự đầy đủ khi có.'
        ),
        "glossary": "Thuật ngữ",
        "glossary_intro": "Thuật ngữ tiếng Việt và tên tiếng Anh kiemtra dùng cho chúng.",
        "glossary_rulebook": "Thuật ngữ bộ quy tắc gọi tên bằng cả hai thứ tiếng",
        "glossary_domain": "Thuật ngữ nghiệp vụ",
        "glossary_domain_source": (
            "Theo mục (a) của tài liệu nghiệp vụ `shared/domain/regulations.md` (lưu tại "
            "`docs/_data/glossary-vn.csv`)."
        ),
        "glossary_domain_carried": 'Do bộ quy tắc cung cấp (`extras["glossary"]`).',
        "in_force": "Hiệu lực",
        "value": "Giá trị",
        "status": "Mức xác nhận",
        "basis": "Căn cứ",
        "note": "Ghi chú (tiếng Anh)",
        "unit": "Đơn vị",
        "key": "Mã",
        "choices": "Giá trị cho phép",
        "favourable_lower": "giá trị mới thấp hơn áp dụng cho vi phạm trước đó nếu có lợi hơn",
        "favourable_higher": "giá trị mới cao hơn áp dụng cho vi phạm trước đó nếu có lợi hơn",
        "seen_in": "nguồn",
        "version": "Phiên bản",
        "applies": "Áp dụng cho ngày",
        "subject": "Đối tượng",
        "consequence": "Hệ quả",
        "governs": "Ngày xác định quy định áp dụng",
        "parameters": "Tham số",
        "features": "Bảng dữ liệu",
        "message": "Thông báo",
        "versions": "Các phiên bản",
        "cases_opened": "vụ việc mở",
        "who_opens": "Ai được mở vụ việc",
        "anyone_party": "bất kỳ tổ chức nào có tên trong vụ việc",
        "states": "Trạng thái",
        "moves": "Bước chuyển",
        "state": "Trạng thái",
        "label": "Tên",
        "final": "kết thúc",
        "time_limit": "Thời hạn",
        "extension": "Gia hạn",
        "extension_text": "{param}, tối đa {n} lần, do {who} quyết định",
        "move": "Bước",
        "from_to": "Từ → đến",
        "who_acts": "Ai được thực hiện",
        "needs": "Phải kèm theo",
        "checks": "Điều kiện kiểm tra thêm",
        "opens": "Mở vụ việc",
        "within_deadline": "chỉ trong thời hạn của trạng thái",
        "separate_from": "không do người đã thực hiện {moves}",
        "body_whole": "cả tổ chức",
        "superior": "hoặc tổ chức cùng loại cấp trên",
        "people_part": "người là {part} của vụ việc",
        "diagram": "Sơ đồ phiên bản {version}",
        "mermaid": "Văn bản Mermaid (do `Engine.diagram` trả về)",
        "to_end": "kết thúc",
        "term": "Tiếng Việt",
        "english": "Tiếng Anh",
        "where": "Loại",
        "procedure_word": "quy trình",
        "terms": {
            "title": "quy trình",
            "form": "hình thức kỷ luật",
            "level": "mức xếp loại hoặc cấp thẩm quyền",
            "subject": "đối tượng kỷ luật",
            "status": "mức xác nhận",
            "unit": "đơn vị",
            "state": "trạng thái quy trình",
        },
        "subjects": {
            "member": "đảng viên",
            "cell": "chi bộ",
            "organisation": "tổ chức đảng",
            "campaign": "đợt vận động đóng góp",
        },
        "consequences": {
            "note": "ghi nhận",
            "reminder": "nhắc nhở",
            "sign_of_violation": "dấu hiệu vi phạm (căn cứ kiểm tra)",
            "removal_ground": "căn cứ xóa tên",
            "rating_input": "dữ liệu cho xếp loại hằng năm",
        },
        "governing": {
            "violation": "ngày vi phạm",
            "step": "ngày thực hiện bước",
            "review_year": "năm đánh giá (ngày 31/12)",
        },
        "date_format": "%d/%m/%Y",
        "open_end": "còn hiệu lực",
        "range": "{start} – {end}",
        "range_open": "từ {start}",
    },
}

GROUPS: Mapping[str, tuple[str, str]] = {
    "complaint": ("Complaints against discipline", "Khiếu nại kỷ luật"),
    "denunciation": ("Denunciations", "Tố cáo"),
    "discipline": ("Discipline", "Kỷ luật"),
    "dues": ("Party dues", "Đảng phí"),
    "funds": ("Residents' funds", "Các nguồn quỹ trong dân"),
    "membership": ("Membership and cells", "Đảng viên và chi bộ"),
    "org": ("Organisations", "Tổ chức đảng"),
    "rating": ("Annual rating", "Đánh giá, xếp loại hằng năm"),
    "suspension": ("Suspension", "Đình chỉ"),
    "inspection": ("Inspection", "Kiểm tra"),
    "supervision": ("Supervision", "Giám sát"),
}
"""Titles of the parameter groups (the first part of a key); an unknown group is shown by its key."""

GLOSSARY_GROUPS_VI: Mapping[str, str] = {
    "Actors / organisations": "Chủ thể, tổ chức",
    "Activities / case types": "Hoạt động, loại vụ việc",
    "Documents / artefacts / steps": "Văn bản, hồ sơ, các bước",
    "Outcomes": "Kết quả",
    "Finance / residents' funds": "Tài chính, các nguồn quỹ trong dân",
}


# -- small formatting helpers ----------------------------------------------------------------------------
_ESCAPE = re.compile(r"([\\`*_\[\]<>|$~#])")


def md(text: object) -> str:
    """Plain text made safe for a Markdown table cell: one line, punctuation escaped."""
    flat = " ".join(str(text).split())
    return _ESCAPE.sub(r"\\\1", flat)


def code(text: object) -> str:
    """Inline code (safe inside a table cell)."""
    return "`" + str(text).replace("`", "'").replace("|", "¦") + "`"


def slug(*parts: str) -> str:
    """A label as docutils would write its id: lower case, runs of other characters as one hyphen."""
    text = "-".join(parts).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def label(lang: str, kind: str, *names: str) -> str:
    """The cross-reference label (and HTML id) of an item of the reference in ``lang``."""
    return slug("vn", lang, kind, *names)


def ref(target: str, text: str) -> str:
    """A MyST ``{ref}`` role: a link that fails the build when its target is missing."""
    shown = text.replace("<", "\\<").replace("`", "'")
    return f"{{ref}}`{shown} <{target}>`"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A Markdown pipe table."""
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out.extend("| " + " | ".join(cell or " " for cell in row) + " |" for row in rows)
    return [*out, ""]


class Page:
    """Helpers bound to one language: fixed texts, the rulebook's templates, dates and values."""

    def __init__(self, sources: Sources, lang: str) -> None:
        self.sources = sources
        self.lang = lang
        self.text = TEXT[lang]
        self.templates = sources.book.templates

    def t(self, key: str, **args: Any) -> str:
        """A fixed text of the page."""
        value = self.text[key]
        assert isinstance(value, str)
        return value.format(**args) if args else value

    def sub(self, table_name: str, key: str) -> str:
        """An entry of one of the page's small vocabularies (subjects, consequences...)."""
        found = self.text[table_name]
        assert isinstance(found, Mapping)
        return str(found.get(key, key))

    def tpl(self, key: str, default: str | None = None) -> str:
        """The rulebook's own text for ``key`` in this page's language, or ``default``."""
        return self.templates.get(self.lang, key, default if default is not None else key)

    def has(self, key: str) -> bool:
        """Whether the rulebook has a text for ``key`` in this page's language."""
        return key in self.templates.messages.get(self.lang, {})

    def day(self, value: _dt.date) -> str:
        """A date as this page writes dates."""
        return value.strftime(self.t("date_format"))

    def period(self, valid: Any) -> str:
        """A half-open DateRange as its first and last day in force."""
        start = self.day(valid.start)
        if valid.end is None:
            return self.t("range_open", start=start)
        return self.t("range", start=start, end=self.day(valid.end - _dt.timedelta(days=1)))

    def value(self, value: Any, param: Any = None) -> str:
        """A parameter value formatted for this language (the rulebook's unit and choice names)."""
        from kiemtra import Range
        from kiemtra._rules._templates import format_value

        if isinstance(value, Range):
            return f"{self.value(value.low)} – {self.value(value.high)}"
        if isinstance(value, str) and param is not None:
            shown = self.tpl(f"choice.{param.key}.{value}", value)
            return f"{shown} ({code(value)})" if shown != value else code(value)
        if isinstance(value, Fraction) and value.denominator != 100 and value < 1:
            return f"{format_value(value, self.lang, self.templates)} ({value})"
        return md(format_value(value, self.lang, self.templates))

    def status(self, status: Any) -> str:
        """A status as the rulebook names it, marked so it stands out when it is not confirmed."""
        shown = md(self.tpl(f"status.{status.value}", status.value))
        return shown if status.value == "confirmed" else f"**{shown}**"

    def citation(self, citation: Any) -> str:
        """A citation and where its text was seen."""
        text = md(str(citation))
        if getattr(citation, "source", None):
            text += f" ({self.t('seen_in')}: {md(citation.source)})"
        return text


# -- the sections -----------------------------------------------------------------------------------------
def _header(page: Page) -> list[str]:
    s = page.sources
    rule_ids = {r.id for r in s.rules}
    terms = len(_rulebook_terms(page)) + len(s.glossary)
    return [
        f"({label(page.lang, 'reference')})=",
        f"# {page.t('title')}",
        "",
        "```{note}",
        page.t("generated", version=s.kiemtra_version),
        "```",
        "",
        page.t("other_lang"),
        "",
        page.t(
            "summary",
            params=len(s.book.params),
            rules=len(rule_ids),
            rule_versions=len(s.rules),
            procedures=len(s.procedures),
            procedure_versions=sum(len(p.versions) for p in s.procedures),
            terms=terms,
        ),
        "",
        f"**{page.t('statuses')}.** {page.t('status_legend')}",
        "",
    ]


def _param_section(page: Page) -> list[str]:
    book = page.sources.book
    lang = page.lang
    out = [f"({label(lang, 'params')})=", f"## {page.t('params')}", "", page.t("params_intro"), ""]
    groups: dict[str, list[Any]] = {}
    for key in sorted(book.params):
        groups.setdefault(key.split(".", 1)[0], []).append(book.params[key])
    for group, params in groups.items():
        names = GROUPS.get(group)
        title = (names[0] if lang == "en" else names[1]) if names else group
        out += [f"({label(lang, 'group', group)})=", f"### {title}", ""]
        for p in params:
            title_key = p.title_key or f"param.{p.key}"
            out += [f"({label(lang, 'param', p.key)})=", f"#### {code(p.key)}", ""]
            if page.has(title_key):
                out += [f"**{md(page.tpl(title_key))}**", ""]
            facts = [f"{page.t('unit')}: {md(page.tpl(f'unit.{p.unit.value}', p.unit.value))}"]
            if p.choices:
                shown = ", ".join(page.value(c, p) for c in p.choices)
                facts.append(f"{page.t('choices')}: {shown}")
            if p.favourable:
                facts.append(page.t(f"favourable_{p.favourable}"))
            out += ["; ".join(facts) + ".", ""]
            rows = []
            for v in p.versions:
                rows.append(
                    [
                        page.period(v.valid),
                        page.value(v.value, p),
                        page.status(v.status),
                        "; ".join(page.citation(c) for c in v.citations),
                        md(v.note) if v.note else "",
                    ]
                )
            out += table(
                [
                    page.t("in_force"),
                    page.t("value"),
                    page.t("status"),
                    page.t("basis"),
                    page.t("note"),
                ],
                rows,
            )
    return out


def _param_link(page: Page, key: str) -> str:
    return ref(label(page.lang, "param", key), key)


def _rule_section(page: Page) -> list[str]:
    lang = page.lang
    out = [f"({label(lang, 'rules')})=", f"## {page.t('rules')}", "", page.t("rules_intro"), ""]
    by_id: dict[str, list[Any]] = {}
    for rule in page.sources.rules:
        by_id.setdefault(rule.id, []).append(rule)
    for rule_id in sorted(by_id):
        versions = sorted(by_id[rule_id], key=lambda r: r.valid.start)
        first = versions[0]
        out += [f"({label(lang, 'rule', rule_id)})=", f"### {code(rule_id)}", ""]
        if page.has(first.title):
            out += [f"**{md(page.tpl(first.title))}**", ""]
        facts = [
            f"{page.t('subject')}: {page.sub('subjects', first.subject.value)}",
            f"{page.t('consequence')}: {page.sub('consequences', first.consequence.value)}",
            f"{page.t('governs')}: {page.sub('governing', first.governs.value)}",
        ]
        out += ["; ".join(facts) + ".", ""]
        rows = []
        for r in versions:
            rows.append(
                [
                    code(r.version),
                    page.period(r.valid),
                    ", ".join(_param_link(page, k) for k in r.params),
                    "; ".join(page.citation(c) for c in r.citations),
                    code(r.features),
                ]
            )
        out += table(
            [
                page.t("version"),
                page.t("applies"),
                page.t("parameters"),
                page.t("basis"),
                page.t("features"),
            ],
            rows,
        )
    return out


def _permit(page: Page, permit: Any) -> str:
    roles = ", ".join(code(r) for r in permit.roles)
    if not roles and not permit.body_acts:
        return page.t("people_part", part=code(permit.party))
    parts = [roles] if roles else []
    if permit.body_acts:
        parts.append(page.t("body_whole"))
    text = f"{code(permit.party)}: " + ", ".join(parts)
    if permit.superior:
        text += f" ({page.t('superior')})"
    return text


def _permits(page: Page, permits: Sequence[Any], empty: str) -> str:
    return "<br>".join(_permit(page, p) for p in permits) if permits else empty


def _guard_text(guard: Callable[..., Any]) -> str:
    name = getattr(guard, "__name__", type(guard).__name__)
    doc = (getattr(guard, "__doc__", None) or "").strip()
    first = doc.split("\n\n", 1)[0]
    first = " ".join(first.split())
    return f"{code(name)}: {md(first)}" if first else code(name)


def _time_limit(page: Page, key: str) -> str:
    book = page.sources.book
    param = book.params.get(key)
    if param is None:
        return code(key)
    values = "; ".join(
        f"{page.value(v.value, param)} ({page.period(v.valid)})" for v in param.versions
    )
    return f"{_param_link(page, key)}: {values}"


def _state_label(page: Page, procedure: Any, state: Any) -> str:
    key = state.label or f"{procedure.name}.state.{state.name}"
    return page.tpl(key, "") if page.has(key) else ""


def _move_label(page: Page, procedure: Any, move: Any) -> str:
    key = move.label or f"{procedure.name}.move.{move.trigger}"
    return page.tpl(key, "") if page.has(key) else ""


def procedure_title(page: Page, procedure: Any) -> str:
    """The procedure's title in the page's language, or its name."""
    key = procedure.label or f"{procedure.name}.title"
    return page.tpl(key, procedure.name)


def _procedure_section(page: Page, svgs: Mapping[tuple[str, str, str], str]) -> list[str]:
    lang = page.lang
    out = [
        f"({label(lang, 'procedures')})=",
        f"## {page.t('procedures')}",
        "",
        page.t("procedures_intro"),
        "",
    ]
    if not page.sources.procedures:
        return [*out, page.t("no_procedures"), ""]
    for proc in page.sources.procedures:
        title = procedure_title(page, proc)
        out += [
            f"({label(lang, 'procedure', proc.name)})=",
            f"### {md(title)}",
            "",
            f"{code(proc.name)}",
            "",
        ]
        ordered = sorted(proc.versions, key=lambda v: v.valid.start)
        listing = ", ".join(
            ref(label(lang, "procedure", proc.name, v.version), v.version)
            + f" ({page.period(v.valid)})"
            for v in ordered
        )
        out += [f"{page.t('versions')} ({page.t('cases_opened')}): {listing}.", ""]
        for v in ordered:
            out += _procedure_version(page, proc, v, svgs[(lang, proc.name, v.version)])
    return out


def _procedure_version(page: Page, proc: Any, v: Any, svg: str) -> list[str]:
    from kiemtra._workflow._diagram import mermaid

    lang = page.lang
    out = [
        f"({label(lang, 'procedure', proc.name, v.version)})=",
        f"#### {page.t('version')} {v.version} — {page.t('cases_opened')} {page.period(v.valid)}",
        "",
    ]
    if v.citations:
        out += [f"{page.t('basis')}: " + "; ".join(md(c) for c in v.citations) + ".", ""]
    out += [f"{page.t('who_opens')}: {_permits(page, v.openers, page.t('anyone_party'))}.", ""]
    diagram_id = label(lang, "diagram", proc.name, v.version)
    caption = html.escape(page.t("diagram", version=v.version))
    out += [
        f'<figure class="kiemtra-diagram" id="{diagram_id}" data-procedure="{html.escape(proc.name)}" '
        f'data-version="{html.escape(v.version)}"><figcaption>{caption}</figcaption>{svg}</figure>',
        "",
        "<details><summary>"
        + re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(page.t("mermaid")))
        + "</summary>",
        "",
        "```text",
        mermaid(proc, v).rstrip("\n"),
        "```",
        "",
        "</details>",
        "",
    ]
    state_rows = []
    for s in v.states:
        name = code(s.name) + (f" ({page.t('final')})" if s.final else "")
        if s.name == v.initial:
            name = "→ " + name
        limit = _time_limit(page, s.deadline) if s.deadline else ""
        extension = ""
        if s.extension:
            extension = page.t(
                "extension_text",
                param=_param_link(page, s.extension),
                n=s.max_extensions,
                who=_permits(page, s.extenders, "—"),
            )
        shown = _state_label(page, proc, s)
        state_rows.append([name + (f"<br>{md(shown)}" if shown else ""), limit, extension])
    out += [f"**{page.t('states')}**", ""]
    out += table([page.t("state"), page.t("time_limit"), page.t("extension")], state_rows)
    move_rows = []
    for m in v.moves:
        checks = [_guard_text(g) for g in m.guards]
        if m.within_deadline:
            checks.append(page.t("within_deadline"))
        if m.separate_from:
            checks.append(
                page.t("separate_from", moves=", ".join(code(t) for t in m.separate_from))
            )
        opens = ""
        if m.opens is not None:
            target = m.opens.procedure
            known = any(p.name == target for p in page.sources.procedures)
            opens = ref(label(lang, "procedure", target), target) if known else code(target)
        shown = _move_label(page, proc, m)
        move_rows.append(
            [
                code(m.trigger) + (f"<br>{md(shown)}" if shown else ""),
                ", ".join(code(s) for s in m.sources) + " → " + code(m.target),
                _permits(page, m.permits, page.t("anyone_party")),
                ", ".join(code(k) for k in m.requires.evidence_kinds),
                "<br>".join(checks),
                opens,
            ]
        )
    out += [f"**{page.t('moves')}**", ""]
    out += table(
        [
            page.t("move"),
            page.t("from_to"),
            page.t("who_acts"),
            page.t("needs"),
            page.t("checks"),
            page.t("opens"),
        ],
        move_rows,
    )
    return out


_TERM_PREFIXES = ("form", "level", "subject", "status")


def _rulebook_terms(page: Page) -> list[tuple[str, str, str, str | None]]:
    """``(vietnamese, english, kind, link target)`` of the terms the templates name in both languages."""
    messages = page.templates.messages
    vi, en = messages.get("vi", {}), messages.get("en", {})
    out: list[tuple[str, str, str, str | None]] = []
    for proc in page.sources.procedures:
        key = proc.label or f"{proc.name}.title"
        if key in vi and key in en:
            out.append(
                (
                    vi[key],
                    f"{en[key]} ({proc.name})",
                    "title",
                    label(page.lang, "procedure", proc.name),
                )
            )
    for key in sorted(vi):
        prefix = key.split(".", 1)[0]
        if prefix in _TERM_PREFIXES and key.count(".") == 1 and key in en:
            out.append((vi[key], f"{en[key]} ({key.split('.', 1)[1]})", prefix, None))
    return sorted(out, key=lambda t: (t[2] != "title", vietnamese_order(t[0])))


def vietnamese_order(text: str) -> tuple[str, str]:
    """A sort key that files Vietnamese words by their letters (đ with d, ơ with o), then by their marks."""
    plain = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    base = "".join(c for c in plain if not unicodedata.combining(c))
    return base.casefold(), text.casefold()


def _glossary_section(page: Page) -> list[str]:
    lang = page.lang
    out = [
        f"({label(lang, 'glossary')})=",
        f"## {page.t('glossary')}",
        "",
        page.t("glossary_intro"),
        "",
    ]
    rows = []
    for vi, en, kind, target in _rulebook_terms(page):
        kind_text = page.sub("terms", kind)
        english = ref(target, en) if target else md(en)
        rows.append([md(vi), english, kind_text])
    out += [f"### {page.t('glossary_rulebook')}", ""]
    out += table([page.t("term"), page.t("english"), page.t("where")], rows)
    entries = page.sources.glossary
    if entries:
        carried = page.sources.book.extras.get("glossary") is not None
        out += [
            f"### {page.t('glossary_domain')}",
            "",
            page.t("glossary_domain_carried" if carried else "glossary_domain_source"),
            "",
        ]
        procedure_names = {p.name for p in page.sources.procedures}
        groups: dict[str, list[GlossaryEntry]] = {}
        for entry in entries:
            groups.setdefault(entry.group, []).append(entry)
        for group, items in groups.items():
            if group:
                shown = group if lang == "en" else GLOSSARY_GROUPS_VI.get(group, group)
                out += [f"#### {md(shown)}", ""]
            rows = []
            for e in items:
                names = [n.strip() for n in re.split(r"[/;]", e.english)]
                linked = [
                    ref(label(lang, "procedure", n), n)
                    if n in procedure_names
                    else code(n)
                    if n
                    else ""
                    for n in names
                ]
                rows.append([md(e.vietnamese), " / ".join(x for x in linked if x), md(e.note)])
            out += table([page.t("term"), page.t("english"), page.t("note")], rows)
    return out


# -- diagrams ---------------------------------------------------------------------------------------------
def _wrap(text: str, width: int = 22) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False) or [
        text
    ]


def _html_label(lines: Sequence[str], small: str | None = None) -> str:
    body = "<BR/>".join(html.escape(line) for line in lines)
    if small:
        body += f'<BR/><FONT POINT-SIZE="8" COLOR="#555555">{html.escape(small)}</FONT>'
    return f"<{body}>"


def _dot_id(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def procedure_dot(page: Page, procedure: Any, version: Any) -> str:
    """The Graphviz DOT text of one version of a procedure, labelled in the page's language.

    States are boxes (double border when final, amber when a time limit runs there), moves are edges
    labelled with the move's label (or its trigger), and a dot marks where a case starts.
    """
    base = label(page.lang, "d", procedure.name, version.version)
    lines = [
        f"digraph {_dot_id(base)} {{",
        f'  graph [id={_dot_id(base)}, rankdir=TB, bgcolor="white", fontname="DejaVu Sans", '
        "nodesep=0.35, ranksep=0.4, pad=0.15];",
        '  node [shape=box, style="rounded,filled", fillcolor="#eef3fb", color="#34568b", '
        'fontname="DejaVu Sans", fontsize=10, margin="0.12,0.06"];',
        '  edge [fontname="DejaVu Sans", fontsize=8, color="#4d4d4d", fontcolor="#222222", arrowsize=0.7];',
        f'  "__start" [id={_dot_id(base + "-start")}, shape=circle, width=0.16, label="", style=filled, '
        'fillcolor="#222222", color="#222222"];',
        f'  "__start" -> {_dot_id(version.initial)} [id={_dot_id(base + "-start-edge")}];',
    ]
    for s in version.states:
        text = _state_label(page, procedure, s)
        shown = _html_label(_wrap(text), s.name) if text else _html_label([s.name])
        attrs = [f"id={_dot_id(base + '-state-' + slug(s.name))}", f"label={shown}"]
        if s.final:
            attrs += ["peripheries=2", 'fillcolor="#e7f4ea"', 'color="#2f6b3a"']
        elif s.deadline:
            attrs += ['fillcolor="#fff4dc"', 'color="#9a6700"']
        lines.append(f"  {_dot_id(s.name)} [{', '.join(attrs)}];")
    number = 0
    for m in version.moves:
        text = _move_label(page, procedure, m) or m.trigger
        for source in m.sources:
            number += 1
            attrs = [
                f"id={_dot_id(f'{base}-move-{number}')}",
                f"label={_html_label(_wrap(text, 20))}",
            ]
            if m.opens is not None:
                attrs.append('style="bold"')
            lines.append(f"  {_dot_id(source)} -> {_dot_id(m.target)} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


_XML_PROLOGUE = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->", re.S)


def render_svg(dot_source: str) -> str:
    """Run Graphviz ``dot -Tsvg`` and return the SVG as one line of markup, ready to inline."""
    exe = shutil.which("dot")
    if exe is None:
        raise ReferenceError(
            "Graphviz 'dot' is not on the PATH: the procedure diagrams are drawn at build time "
            "(Debian: apt-get install graphviz)"
        )
    done = subprocess.run(
        [exe, "-Tsvg"], input=dot_source.encode(), capture_output=True, check=False
    )
    if done.returncode != 0:
        raise ReferenceError(
            f"dot failed ({done.returncode}): {done.stderr.decode(errors='replace')}"
        )
    svg = _XML_PROLOGUE.sub("", done.stdout.decode())
    svg = " ".join(svg.split())

    # Fit the column, but never shrink below three quarters of the drawn size: a wide diagram scrolls
    # sideways instead of becoming unreadable.
    def sized(match: re.Match[str]) -> str:
        width = float(match.group(1))
        return (
            f'<svg class="kiemtra-svg" role="img" style="width:100%;height:auto;max-width:{width:.0f}pt;'
            f'min-width:{width * 0.75:.0f}pt"'
        )

    return re.sub(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', sized, svg, count=1)


def render_diagrams(sources: Sources, jobs: int = 2) -> dict[tuple[str, str, str], str]:
    """SVG of every version of every procedure in both languages, by ``(lang, name, version)``."""
    wanted = []
    for lang in LANGS:
        page = Page(sources, lang)
        for proc in sources.procedures:
            for v in proc.versions:
                wanted.append(((lang, proc.name, v.version), procedure_dot(page, proc, v)))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        svgs = list(pool.map(render_svg, (dot for _, dot in wanted)))
    return {key: svg for (key, _), svg in zip(wanted, svgs, strict=True)}


# -- pages ------------------------------------------------------------------------------------------------
def render_page(
    sources: Sources, lang: str, svgs: Mapping[tuple[str, str, str], str] | None = None
) -> str:
    """The whole reference page in ``lang`` (``"en"`` or ``"vi"``) as MyST Markdown."""
    page = Page(sources, lang)
    if svgs is None:
        svgs = render_diagrams(sources)
    lines = [
        *_header(page),
        *_param_section(page),
        *_rule_section(page),
        *_procedure_section(page, svgs),
        *_glossary_section(page),
    ]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.rstrip("\n") + "\n"


def render_pages(sources: Sources | None = None) -> dict[str, str]:
    """Both pages, by file name."""
    chosen = sources if sources is not None else vn_sources()
    svgs = render_diagrams(chosen)
    return {PAGES[lang]: render_page(chosen, lang, svgs) for lang in LANGS}


def write_pages(target: Path = REFERENCE, sources: Sources | None = None) -> list[Path]:
    """Write both pages into ``target``; return those whose text changed (the others are not touched)."""
    target.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in render_pages(sources).items():
        path = target / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


# -- Sphinx -----------------------------------------------------------------------------------------------
def _on_config_inited(app: Any, config: Any) -> None:
    from sphinx.errors import ExtensionError
    from sphinx.util import logging

    try:
        changed = write_pages(Path(app.srcdir) / "reference")
    except ReferenceError as exc:
        raise ExtensionError(str(exc)) from exc
    log = logging.getLogger(__name__)
    for path in changed:
        log.info("rulebook reference: wrote %s", path.name)


def setup(app: Any) -> dict[str, Any]:
    """Register the generator: it runs when the configuration is read, before any page is."""
    app.connect("config-inited", _on_config_inited)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or, with ``--check``, compare) the generated pages."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python docs/_ext/rulebook_reference.py", description=__doc__
    )
    parser.add_argument("--out", default=str(REFERENCE), help="folder to write into")
    parser.add_argument(
        "--check", action="store_true", help="only report pages that are out of date"
    )
    args = parser.parse_args(argv)
    target = Path(args.out)
    if args.check:
        stale = [
            name
            for name, text in render_pages().items()
            if not (target / name).exists() or (target / name).read_text(encoding="utf-8") != text
        ]
        for name in stale:
            print(f"out of date: {target / name}")
        return 1 if stale else 0
    for path in write_pages(target):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
