"""The yearly review as one self-contained HTML page, in Vietnamese with an English switch.

Everything the page shows is in the file: the text of both languages (a button switches, Vietnamese first;
``report.html#en`` opens in English), the charts' data as Vega-Lite specifications with the JavaScript that
draws them, and the procedure diagrams as SVG. Nothing is fetched: the page names no URL in a ``src`` or
``href``. Every text taken from the data is HTML-escaped; the chart data sits in a JSON script element that
cannot close early.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import polars as pl

from kiemtra._model._actor import Actor, BodyActor, MemberActor, SystemActor
from kiemtra._report import _charts
from kiemtra._report._diagrams import procedure_svg
from kiemtra._report._explain import explain
from kiemtra._report._scope import Places, scope
from kiemtra._report._text import LANGS, TEXT, consequence_key
from kiemtra._rules._explanation import Explanation
from kiemtra._rules._rulebook import Rulebook
from kiemtra._rules._templates import Templates
from kiemtra._workflow._definition import Procedure, ProcedureVersion
from kiemtra.review import CaseOutcome, YearReview

__all__ = [
    "REMOVAL_OUTCOMES",
    "fund_audits",
    "render_html",
    "report_html",
    "sanctions_and_removals",
]

REMOVAL_OUTCOMES: Final = frozenset({"removed"})
"""The outcomes that take a member off the roll (shown with the sanctions)."""
FUND_FEATURES: Final = frozenset({"ledger", "campaign"})
"""The feature tables of the fund audits."""
MAX_BARS: Final = 40
"""Above this many cells, the ratings chart groups by grassroots organisation."""
HALF_WIDTH: Final = 470
"""A drawing wider than this (in points) takes the whole width of the page, not half of it."""
_WIDTH: Final = re.compile(r"max-width:([\d.]+)pt")

Pair = tuple[str, str]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _bi(pair: Pair, tag: str = "span") -> str:
    """Both languages of a text, each in its own element (the page shows one)."""
    vi, en = pair
    if vi == en:
        return _e(vi)
    return f'<{tag} class="kt-vi">{_e(vi)}</{tag}><{tag} class="kt-en">{_e(en)}</{tag}>'


def _t(key: str, **args: object) -> Pair:
    vi, en = TEXT[key]
    return (vi.format(**args), en.format(**args)) if args else (vi, en)


class _Words:
    """Labels from the rulebook's templates and the host's names, looked up once per report."""

    def __init__(self, templates: Templates, names: Mapping[str, str]) -> None:
        self.templates = templates
        self.names = names
        self._cache: dict[tuple[str, str], Pair] = {}

    def tpl(self, key: str, default: str) -> Pair:
        found = self._cache.get((key, default))
        if found is None:
            t = self.templates
            found = self._cache[(key, default)] = (
                t.get("vi", key, default),
                t.get("en", key, default),
            )
        return found

    def org(self, org_id: str | None) -> str:
        if org_id is None:
            return "—"
        return self.names.get(org_id, org_id)

    def explain(self, explanation: Explanation) -> tuple[Pair, Pair]:
        """The message and the full basis of an explanation, in both languages."""
        vi, en = (explain(explanation, self.templates, lang) for lang in LANGS)
        return (vi[0], en[0]), (vi[1], en[1])


class _Charts:
    """The charts of one page: a container per language, the specs gathered for one JSON element."""

    def __init__(self) -> None:
        self.specs: dict[str, dict[str, Any]] = {}

    def add(self, specs: Sequence[dict[str, Any]], label: Pair) -> str:
        parts = []
        for lang, spec, text, fail in zip(LANGS, specs, label, TEXT["chart_failed"], strict=True):
            ident = f"kt-c{len(self.specs)}"
            self.specs[ident] = spec
            parts.append(
                f'<div class="kt-chart kt-{lang}" id="{ident}" role="img" aria-label="{_e(text)}" '
                f'data-fail="{_e(fail)}"></div>'
            )
        return "".join(parts)


def _section(ident: str, title: Pair, body: str, intro: Pair | None = None) -> str:
    lead = f'<p class="kt-intro">{_bi(intro)}</p>' if intro else ""
    return f'<section id="{ident}"><h2>{_bi(title)}</h2>{lead}{body}</section>'


def _note(pair: Pair) -> str:
    return f'<p class="kt-none">{_bi(pair)}</p>'


# -- sections ----------------------------------------------------------------------------------------------
def _overview(review: YearReview, shown_sanctions: int) -> str:
    c = review.counts
    cards = [
        ("organisations", c.get("organisations", 0)),
        ("cells", c.get("cells", 0)),
        ("members", c.get("members", 0)),
        ("findings", c.get("findings", 0)),
        ("cases", len(review.cases)),
        ("sanctions_count", shown_sanctions),
    ]
    body = "".join(
        f'<div class="kt-card"><div class="kt-num">{_bi(_number(int(n)))}</div>'
        f'<div class="kt-lbl">{_bi(_t(k))}</div></div>'
        for k, n in cards
        if n or k != "organisations"  # a cell's report has no grassroots organisation to count
    )
    return _section("kt-overview", _t("overview"), f'<div class="kt-cards">{body}</div>')


def _number(n: int) -> Pair:
    """A whole number as each language writes it: 1.234 in Vietnamese, 1,234 in English."""
    text = f"{n:,}"
    return text.replace(",", "."), text


def _org_order(review: YearReview) -> dict[str, int]:
    ids = review.orgs["org_id"].to_list() if "org_id" in review.orgs.columns else []
    return {o: i for i, o in enumerate(ids)}


def _ratings(review: YearReview, words: _Words, charts: _Charts) -> str:
    ratings = review.ratings
    if ratings is None or ratings.data.height == 0:
        return _section("kt-ratings", _t("ratings"), _note(_t("ratings_none")))
    data: pl.DataFrame = ratings.data
    column = "cell_id"
    title = _t("ratings")
    cells = data["cell_id"].to_list()
    if len(set(cells)) > MAX_BARS and "grassroots_id" in data.columns:
        column, title = "grassroots_id", _t("ratings_by_grassroots")
        cells = data[column].to_list()
    counts = Counter(zip(cells, (str(v) for v in data["level"].to_list()), strict=True))
    levels = list(review.counts.get("ratings") or {})
    levels += sorted({lv for _, lv in counts} - set(levels))
    rank = {lv: i for i, lv in enumerate(levels)}
    order = _org_order(review)
    groups = sorted({g for g, _ in counts}, key=lambda g: (order.get(g, 1 << 30), str(g)))
    specs = []
    for i in range(len(LANGS)):
        label = {lv: words.tpl(f"level.{lv}", lv)[i] for lv in levels}
        rows = [
            {"y": words.org(g), "c": label[lv], "n": n, "k": rank[lv]}
            for (g, lv), n in sorted(counts.items(), key=lambda kv: (str(kv[0][0]), rank[kv[0][1]]))
        ]
        colours = [
            _charts.LEVEL_COLOURS[min(j, len(_charts.LEVEL_COLOURS) - 1)]
            for j in range(len(levels))
        ]
        specs.append(
            _charts.stacked_spec(
                rows,
                y_title=None,
                x_title=_t("member_count")[i],
                domain=[label[lv] for lv in levels],
                colours=colours,
                y_order=list(dict.fromkeys(words.org(g) for g in groups)),
            )
        )
    return _section("kt-ratings", title, charts.add(specs, title))


def _rule_titles(review: YearReview, rule_ids: Iterable[str], words: _Words) -> dict[str, Pair]:
    out: dict[str, Pair] = {}
    rules = review.findings.rules.rules
    for rid in rule_ids:
        key = next((r.title for r in rules if r.id == rid and r.title), None)
        out[rid] = words.tpl(key, rid) if key else (rid, rid)
    return out


def _by_rule(review: YearReview, words: _Words, charts: _Charts) -> str:
    data = review.findings.data
    if data.height == 0:
        return _section("kt-findings", _t("by_rule"), _note(_t("by_rule_none")))
    counts = sorted(
        Counter(
            zip(data["rule_id"].to_list(), map(str, data["consequence"].to_list()), strict=True)
        ).items()
    )
    titles = _rule_titles(review, {rid for (rid, _), _ in counts}, words)
    consequences = sorted({c for (_, c), _ in counts})
    specs = []
    for i in range(len(LANGS)):
        label = {
            c: _t(consequence_key(c))[i] if consequence_key(c) in TEXT else c for c in consequences
        }
        seen: dict[str, str] = {}
        rows = []
        for (rid, consequence), n in counts:
            name = titles[rid][i]
            if seen.setdefault(name, rid) != rid:  # two rules with one title: tell them apart
                name = f"{name} ({rid})"
            rows.append({"y": name, "c": label[consequence], "n": n, "rule": rid})
        specs.append(
            _charts.bar_spec(rows, x_title=_t("count")[i], domain=[label[c] for c in consequences])
        )
    return _section("kt-findings", _t("by_rule"), charts.add(specs, _t("by_rule")))


def _procedures(rulebook: Rulebook) -> dict[str, Procedure]:
    found = rulebook.extras.get("procedures") or ()
    if callable(found):
        found = found()
    return {p.name: p for p in found if isinstance(p, Procedure)}


def _state_index(procedure: Procedure | None) -> tuple[dict[str, int], set[str], dict[str, str]]:
    """The states of a procedure: definition order, the final ones, their label keys."""
    order: dict[str, int] = {}
    final: set[str] = set()
    keys: dict[str, str] = {}
    if procedure is not None:
        for v in sorted(procedure.versions, key=lambda v: v.valid.start):
            for s in v.states:
                order.setdefault(s.name, len(order))
                keys.setdefault(s.name, s.label or f"{procedure.name}.state.{s.name}")
                if s.final:
                    final.add(s.name)
    return order, final, keys


def _title(words: _Words, name: str, procedure: Procedure | None) -> Pair:
    key = (procedure.label if procedure is not None else None) or f"{name}.title"
    return words.tpl(key, name)


def _funnel(
    review: YearReview, words: _Words, charts: _Charts, procs: Mapping[str, Procedure]
) -> str:
    by_procedure: dict[str, list[CaseOutcome]] = {}
    for o in review.outcomes:
        by_procedure.setdefault(o.procedure, []).append(o)
    ranked = sorted(
        by_procedure, key=lambda n: (list(procs).index(n) if n in procs else 1 << 30, n)
    )
    blocks = []
    for name in ranked:
        outcomes = by_procedure[name]
        procedure = procs.get(name)
        order, final, keys = _state_index(procedure)
        reached: Counter[str] = Counter()
        first: dict[str, int] = {}
        for o in outcomes:
            for i, state in enumerate(dict.fromkeys(o.path or (o.state,))):
                reached[state] += 1
                first[state] = min(first.get(state, i), i)
        states = sorted(reached, key=lambda s: (first[s], order.get(s, 1 << 30), s))
        title = _title(words, name, procedure)
        specs = []
        for i in range(len(LANGS)):
            rows, used = [], set()
            for s in states:
                label = words.tpl(keys.get(s, f"{name}.state.{s}"), s)[i]
                if label in used:
                    label = f"{label} ({s})"
                used.add(label)
                rows.append(
                    {
                        "y": label,
                        "n": reached[s],
                        "f": "final" if s in final else "step",
                        "state": s,
                    }
                )
            specs.append(_charts.funnel_spec(rows, x_title=_t("case_count")[i]))
        blocks.append(
            f'<div class="kt-funnel" data-procedure="{_e(name)}"><h3>{_bi(title)} '
            f'<span class="kt-n">({len(outcomes)})</span></h3>{charts.add(specs, title)}</div>'
        )
    body = f'<div class="kt-grid">{"".join(blocks)}</div>' if blocks else _note(_t("funnel_none"))
    done = {o.case_id for o in review.outcomes}
    pending = Counter((c.procedure, c.state) for c in review.cases if c.id not in done)
    if pending:
        lines = []
        for (name, state), n in sorted(pending.items()):
            procedure = procs.get(name)
            _, _, keys = _state_index(procedure)
            lines.append(
                f"<tr><td>{_bi(_title(words, name, procedure))}</td>"
                f"<td>{_bi(words.tpl(keys.get(state, f'{name}.state.{state}'), state))}</td>"
                f'<td class="kt-r">{n}</td></tr>'
            )
        body += (
            f"<h3>{_bi(_t('pending'))}</h3><table><thead><tr><th>{_bi(_t('procedure'))}</th>"
            f"<th>{_bi(_t('state'))}</th><th>{_bi(_t('case_count'))}</th></tr></thead>"
            f"<tbody>{''.join(lines)}</tbody></table>"
        )
    return _section("kt-funnel", _t("funnel"), body, _t("funnel_intro") if blocks else None)


def _explanation_cell(words: _Words, explanation: Explanation) -> str:
    message, basis = words.explain(explanation)
    parts = []
    for i, lang in enumerate(LANGS):
        parts.append(
            f'<div class="kt-{lang} kt-why"><p>{_e(message[i])}</p><details><summary>'
            f"{_e(TEXT['basis'][i])}</summary><pre>{_e(basis[i])}</pre></details></div>"
        )
    return "".join(parts)


def sanctions_and_removals(review: YearReview) -> list[CaseOutcome]:
    """The outcomes that decided a sanction or took a member off the roll."""
    return [o for o in review.outcomes if o.sanction is not None or o.outcome in REMOVAL_OUTCOMES]


def _sanctions(
    review: YearReview, words: _Words, procs: Mapping[str, Procedure], chosen: list[CaseOutcome]
) -> str:
    if not chosen:
        return _section("kt-sanctions", _t("sanctions"), _note(_t("sanctions_none")))
    rows = []
    for o in chosen:
        procedure = procs.get(o.procedure)
        if o.sanction is not None:
            decided = words.tpl(f"form.{o.sanction}", o.sanction)
        else:
            decided = words.tpl(f"{o.procedure}.outcome.{o.outcome}", _t("removal")[0])
            if decided[0] == decided[1] == _t("removal")[0]:
                decided = _t("removal")
        rows.append(
            f'<tr class="kt-sanction" data-case="{_e(o.case_id)}">'
            f"<td><code>{_e(o.subject_id)}</code></td><td>{_e(words.org(o.org_id))}</td>"
            f"<td>{_bi(_title(words, o.procedure, procedure))}</td>"
            f"<td><strong>{_bi(decided)}</strong></td><td>{_explanation_cell(words, o.explanation)}</td></tr>"
        )
    head = "".join(
        f"<th>{_bi(_t(k))}</th>" for k in ("subject", "cell", "procedure", "outcome", "why")
    )
    table = f'<table class="kt-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    return _section("kt-sanctions", _t("sanctions"), table)


def fund_audits(review: YearReview) -> pl.DataFrame:
    """The findings that are fund audits: rule ids under ``audit.``, rules over the ledger or campaign
    features, and findings about campaigns."""
    data = review.findings.data
    funds = {
        r.id
        for r in review.findings.rules.rules
        if r.id.startswith("audit.") or getattr(r, "features", None) in FUND_FEATURES
    }
    mask = [
        rid in funds or rid.startswith("audit.") or kind == "campaign"
        for rid, kind in zip(data["rule_id"].to_list(), data["subject_kind"].to_list(), strict=True)
    ]
    return data if all(mask) else data.filter(pl.Series(mask, dtype=pl.Boolean))


def _funds(
    review: YearReview,
    words: _Words,
    charts: _Charts,
    places: Mapping[str, str] | None,
) -> str:
    data = fund_audits(review)
    if data.height == 0:
        return _section("kt-funds", _t("funds"), _note(_t("funds_none")))
    found = data.rows(named=True)
    # The unit a finding is about: the organisation audited, or the place a campaign belongs to.
    unit = [
        r["subject_id"] if r["subject_kind"] in ("organisation", "cell") else r["org_id"]
        for r in found
    ]
    order = _org_order(review)
    home = Places(order, places)  # a campaign's place sorts with the organisation it belongs to
    units = sorted(
        set(unit), key=lambda u: (order.get(u, order.get(home(u) or "", 1 << 30)), str(u))
    )
    rank = {u: j for j, u in enumerate(units)}
    titles = _rule_titles(review, {r["rule_id"] for r in found}, words)
    counts = sorted(Counter(zip(unit, (r["rule_id"] for r in found), strict=True)).items())
    rule_ids = sorted(titles)
    specs = []
    for i in range(len(LANGS)):
        rows = [
            {"y": words.org(u), "c": titles[r][i], "n": n, "k": rule_ids.index(r)}
            for (u, r), n in counts
        ]
        colours = [
            _charts.CATEGORY_COLOURS[j % len(_charts.CATEGORY_COLOURS)]
            for j in range(len(rule_ids))
        ]
        specs.append(
            _charts.stacked_spec(
                rows,
                y_title=None,
                x_title=_t("count")[i],
                domain=[titles[r][i] for r in rule_ids],
                colours=colours,
                y_order=list(dict.fromkeys(words.org(u) for u in units)),
            )
        )
    rows_html = []
    ordered = sorted(zip(unit, found, strict=True), key=lambda ur: (rank[ur[0]], ur[1]["rule_id"]))
    for u, row in ordered:
        why = _explanation_cell(words, review.findings.explanation(row))
        subject = row["subject_id"]
        shown = words.org(subject)
        rows_html.append(
            f'<tr class="kt-audit"><td>{_e(words.org(u))}</td>'
            f"<td>{_bi(titles[row['rule_id']])}<br><code>{_e(row['rule_id'])}</code></td>"
            f"<td>{_e(shown)}{'' if shown == subject else f'<br><code>{_e(subject)}</code>'}</td>"
            f"<td>{why}</td></tr>"
        )
    head = "".join(f"<th>{_bi(_t(k))}</th>" for k in ("unit", "rule", "subject", "why"))
    body = (
        charts.add(specs, _t("funds"))
        + f'<table class="kt-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows_html)}</tbody></table>'
    )
    return _section("kt-funds", _t("funds"), body)


def _diagrams(review: YearReview, rulebook: Rulebook, procs: Mapping[str, Procedure]) -> str:
    wanted: dict[tuple[str, str], None] = {}
    for o in review.outcomes:
        wanted[(o.procedure, o.version)] = None
    for c in review.cases:
        wanted[(c.procedure, c.version)] = None
    if not wanted:
        return _section("kt-diagrams", _t("diagrams"), _note(_t("diagrams_none")))
    words = _Words(rulebook.templates, {})
    ranked = sorted(
        wanted, key=lambda k: (list(procs).index(k[0]) if k[0] in procs else 1 << 30, k)
    )
    figures = []
    for name, version_id in ranked:
        procedure = procs.get(name)
        version: ProcedureVersion | None = None
        if procedure is not None:
            version = next((v for v in procedure.versions if v.version == version_id), None)
        title = _title(words, name, procedure)
        caption = f'{_bi(title)} <span class="kt-n">— {_bi(_t("version"))} {_e(version_id)}</span>'
        if procedure is None or version is None:
            figures.append(
                f'<figure class="kt-diagram"><figcaption>{caption}</figcaption>'
                f"{_note(_t('unknown_procedure'))}</figure>"
            )
            continue
        parts = []
        wide = False
        for lang, note in zip(LANGS, TEXT["mermaid_note"], strict=True):
            drawing = procedure_svg(procedure, version, rulebook.templates, lang)
            if drawing.kind == "svg":
                size = _WIDTH.search(drawing.text)
                width = float(size[1]) if size else 0.0
                wide = wide or width > HALF_WIDTH
                # Never shrink below three quarters of the drawn size: a wide drawing scrolls instead.
                parts.append(
                    f'<div class="kt-{lang} kt-drawing" style="min-width:{width * 0.75:.0f}pt">'
                    f"{drawing.text}</div>"
                )
            else:
                parts.append(
                    f'<div class="kt-{lang} kt-drawing kt-mermaid"><p class="kt-none">{_e(note)}</p>'
                    f"<pre>{_e(drawing.text)}</pre></div>"
                )
        figures.append(
            f'<figure class="kt-diagram{" kt-wide" if wide else ""}" data-procedure="{_e(name)}" '
            f'data-version="{_e(version_id)}"><figcaption>{caption}</figcaption>{"".join(parts)}'
            "</figure>"
        )
    body = f'<div class="kt-grid">{"".join(figures)}</div>'
    return _section("kt-diagrams", _t("diagrams"), body, _t("diagrams_intro"))


def _who(actor: Actor | None, review: YearReview, words: _Words) -> Pair:
    if actor is None or isinstance(actor, SystemActor):
        return _t("scope_all")
    if isinstance(actor, MemberActor | BodyActor):
        org = actor.body.org_id
        shown = words.org(org)
        label = shown if shown == org else f"{shown} ({org})"
        return label, label
    return _t("scope_none")


# -- the page ----------------------------------------------------------------------------------------------
_CSS: Final = """
:root{--ink:#1d2433;--muted:#5a6475;--line:#dfe3ea;--bg:#f5f7fa;--accent:#34568b;--card:#fff}
*{box-sizing:border-box}
html[lang="vi"] .kt-en,html[lang="en"] .kt-vi{display:none!important}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 "DejaVu Sans","Noto Sans","Segoe UI",Helvetica,Arial,sans-serif}
header{background:var(--accent);color:#fff;padding:22px 32px 18px}
header h1{margin:0 0 4px;font-size:24px;font-weight:600}
header p{margin:0;opacity:.9}
#kt-lang{float:right;border:1px solid #fff;background:transparent;color:#fff;border-radius:4px;padding:6px 14px;font:inherit;cursor:pointer}
#kt-lang:hover{background:rgba(255,255,255,.15)}
main{max-width:1160px;margin:0 auto;padding:8px 24px 32px}
section{background:var(--card);border:1px solid var(--line);border-radius:6px;margin:18px 0;padding:16px 22px}
h2{margin:0 0 12px;font-size:19px;color:var(--accent);font-weight:600}
h3{margin:14px 0 6px;font-size:15px;font-weight:600}
.kt-intro,.kt-none{color:var(--muted);margin:4px 0 10px}
.kt-n{color:var(--muted);font-weight:400}
.kt-cards{display:flex;flex-wrap:wrap;gap:12px}
.kt-card{flex:1 1 140px;border:1px solid var(--line);border-radius:6px;padding:10px 14px;background:#fbfcfe}
.kt-num{font-size:26px;font-weight:600;color:var(--accent)}
.kt-lbl{color:var(--muted);font-size:13px}
.kt-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(500px,1fr));grid-auto-flow:row dense;gap:10px 24px}
.kt-wide{grid-column:1/-1}
.kt-chart{min-height:40px;overflow-x:auto}
.kt-chart[data-error]{color:#a33}
table{border-collapse:collapse;width:100%;margin:10px 0;font-size:14px}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f0f3f8;font-weight:600}
.kt-r{text-align:right}
.kt-why p{margin:0 0 4px}
details summary{cursor:pointer;color:var(--accent);font-size:13px}
pre{white-space:pre-wrap;background:#f6f8fb;border:1px solid var(--line);border-radius:4px;padding:8px;font-size:12px;margin:6px 0}
code{font-size:12px;color:var(--muted)}
figure{margin:14px 0 22px;overflow-x:auto}
figcaption{font-weight:600;margin-bottom:6px}
.kt-svg{display:block}
footer{max-width:1160px;margin:0 auto;padding:0 24px 28px;color:var(--muted);font-size:13px}
@media (max-width:900px){.kt-grid{grid-template-columns:1fr}}
@media print{#kt-lang{display:none}section{break-inside:avoid}}
"""

_JS: Final = """
(function () {
  "use strict";
  var root = document.documentElement;
  function setLang(lang) { root.lang = lang; }
  if (location.hash === "#en" || location.hash === "#vi") { setLang(location.hash.slice(1)); }
  document.getElementById("kt-lang").addEventListener("click", function () {
    setLang(root.lang === "vi" ? "en" : "vi");
  });
  var specs = JSON.parse(document.getElementById("kt-specs").textContent);
  var drawing = Object.keys(specs).map(function (id) {
    var el = document.getElementById(id);
    return vegaEmbed(el, specs[id], {actions: false, renderer: "svg"}).then(function () {
      el.setAttribute("data-drawn", "1");
    }, function (err) {
      el.setAttribute("data-error", String(err));
      el.textContent = el.getAttribute("data-fail");
      console.error(err);
    });
  });
  Promise.all(drawing).then(function () { root.setAttribute("data-charts", "drawn"); });
})();
"""


def _json_script(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\u0021--")


_TAIL: list[tuple[str, bytes]] = []


def _tail() -> tuple[str, bytes]:
    """The scripts that end every page, as text and as UTF-8 (built once per process)."""
    if not _TAIL:
        text = (
            f"<script>{_charts.javascript_bundle()}</script><script>{_JS}</script></body></html>\n"
        )
        _TAIL.append((text, text.encode()))
    return _TAIL[0]


def _page(
    review: YearReview,
    rulebook: Rulebook | None,
    actor: Actor | None,
    lang: str,
    names: Mapping[str, str] | None,
    places: Mapping[str, str] | None,
) -> list[str]:
    """Every part of the page but the scripts that end it."""
    if lang not in LANGS:
        from kiemtra._errors import InvalidInput

        raise InvalidInput("lang", lang, "expected 'vi' or 'en'")
    book = rulebook if rulebook is not None else review.findings.rulebook
    _tail()  # fails early when the report extra is missing
    seen = scope(review, actor, places=places)
    words = _Words(book.templates, names or {})
    charts = _Charts()
    procs = _procedures(book)
    chosen = sanctions_and_removals(seen)
    from kiemtra import __version__

    who = _who(actor, seen, words)
    title = _t("title", year=seen.year)
    body = [
        _ratings(seen, words, charts),
        _by_rule(seen, words, charts),
        _funnel(seen, words, charts, procs),
        _sanctions(seen, words, procs, chosen),
        _funds(seen, words, charts, places),
        _diagrams(seen, book, procs),
    ]
    return [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title[0 if lang == 'vi' else 1])} — {_e(who[0])}</title>"
        f"<style>{_CSS}</style></head><body>",
        f'<header><button id="kt-lang" type="button">{_bi(_t("switch"))}</button>',
        f"<h1>{_bi(title)}</h1><p>{_bi(_t('scope'))}: "
        f'<span class="kt-scope">{_bi(who)}</span></p></header><main>',
        _overview(seen, len(chosen)),
        *body,
        f"</main><footer>{_bi(_t('footer', version=__version__))}</footer>",
        f'<script type="application/json" id="kt-specs">{_json_script(charts.specs)}</script>',
    ]


def report_html(
    review: YearReview,
    rulebook: Rulebook | None = None,
    *,
    actor: Actor | None = None,
    lang: str = "vi",
    names: Mapping[str, str] | None = None,
    places: Mapping[str, str] | None = None,
) -> str:
    """The report of ``review`` for ``actor`` as one self-contained HTML document.

    Args:
        review: The yearly review.
        rulebook: The rulebook of its templates and procedures; the findings' rulebook by default.
        actor: Who the report is for (see :func:`~kiemtra._report.scope`); None shows everything.
        lang: The language shown first, ``"vi"`` or ``"en"``; the page holds both and switches.
        names: Display names of organisations, places and campaigns, by id.
        places: ``place id -> organisation id`` for the places fund campaigns belong to.

    Returns:
        The HTML text.

    Raises:
        InvalidInput: ``lang`` is neither ``"vi"`` nor ``"en"``.
        ModuleNotFoundError: the ``report`` extra (``vl-convert-python``) is not installed.
    """
    return "".join(_page(review, rulebook, actor, lang, names, places)) + _tail()[0]


def render_html(
    review: YearReview,
    rulebook: Rulebook | None,
    path: str | Path,
    *,
    actor: Actor | None = None,
    lang: str = "vi",
    names: Mapping[str, str] | None = None,
    places: Mapping[str, str] | None = None,
) -> Path:
    """Write the report of ``review`` for ``actor`` to ``path`` (see :func:`report_html`).

    Returns:
        The file written (its folder is created if needed).
    """
    parts = _page(review, rulebook, actor, lang, names, places)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        out.write("".join(parts).encode())
        out.write(_tail()[1])
    return target
