"""The yearly review as one self-contained HTML report (issue #9): its structure, what each reader sees, its
procedure drawings, its cost, and the page in a real browser.

The fixture is the Hà Lầm 2018 review on a memory store, with case outcomes made by hand (a decision policy
fills them in the library): removals from the roll, sanctions decided in disciplinary proceedings that
inspections opened, and a denunciation whose denouncer must never show.

The browser test needs Debian's ``chromium``: it skips without it, and fails instead when
``KIEMTRA_REQUIRE_BROWSER=1``.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest

import kiemtra
from kiemtra._report import (
    _diagrams,
    procedure_dot,
    procedure_svg,
    render_html,
    report_html,
    sanctions_and_removals,
    scope,
    write_svgs,
)
from kiemtra._report._explain import explain
from kiemtra._rules._explanation import Explanation
from kiemtra._time import DateRange
from kiemtra._workflow._case import Case, Ground, Subject
from kiemtra._workflow._definition import Move, Procedure, ProcedureVersion, State
from kiemtra.review import CaseOutcome, YearReview, review_year
from kiemtra.rulebooks import vn
from kiemtra.rulebooks.vn.diagrams import main as diagrams_main
from kiemtra.synth import Synthetic, ha_lam_2018

WARD = "HA_LAM"
DENOUNCER = "TC-2018-0007"
OPENED = pendulum.datetime(2019, 1, 10, 8, tz="Asia/Ho_Chi_Minh")


# -- the fixture ------------------------------------------------------------------------------------------
@attrs.frozen
class Fixture:
    """The review with hand-made outcomes, and what the tests look for in it."""

    review: YearReview
    rulebook: Any
    names: dict[str, str]
    removed_cell: str
    other_cell: str
    removed_member: str
    sanctioned: tuple[str, ...]


def _sanction_explanation(form: str, member: str, severity: int) -> Explanation:
    return Explanation(
        "vn.policy.sanction",
        "2016",
        "sanction.form.allowed",
        args={"form": form, "severity": severity, "subject": "full_member", "member": member},
        citations=(),
    )


def _outcome(
    case_id: str,
    procedure: str,
    version: str,
    subject: Subject,
    grassroots: str,
    path: tuple[str, ...],
    outcome: str | None,
    explanation: Explanation,
    sanction: str | None = None,
    children: tuple[str, ...] = (),
) -> CaseOutcome:
    org = subject.org_id if subject.kind == "member" else subject.id
    return CaseOutcome(
        case_id,
        procedure,
        version,
        subject.kind,
        subject.id,
        org,
        grassroots,
        path[-1],
        outcome,
        sanction,
        path,
        explanation,
        children,
    )


INSPECTION_PATH = (
    "SIGN_DETECTED",
    "PROPOSED",
    "DECIDED",
    "NOTIFIED",
    "SUBJECT_EXPLAINING",
    "VERIFYING",
    "ORG_MEETING",
    "DRAFT_REPORT",
    "SUBMITTED",
    "CONCLUDED",
)
PROCEEDING_PATH = (
    "INITIATED",
    "SELF_CRITICISM",
    "CELL_MEETING",
    "HEARING",
    "SECRET_BALLOT",
    "DECIDED",
    "ANNOUNCED",
    "IN_EFFECT",
)


def build_fixture() -> Fixture:
    """The Hà Lầm 2018 review, its cases driven to outcomes by hand."""
    data: Synthetic = ha_lam_2018()
    book = vn.rulebook()
    engine = kiemtra.Engine(book, kiemtra.MemoryStore(), kiemtra.FixedClock(OPENED))
    ward = kiemtra.BodyActor(kiemtra.Body(WARD, "inspection_commission"))
    review = review_year(engine, data.facts, 2018, actor=ward)
    findings = {
        f"{r['rule_id']}:{r['subject_id']}:{r['period_start'].isoformat()}": r
        for r in review.findings
    }
    outcomes: list[CaseOutcome] = []
    removals = [c for c in review.cases if c.procedure == "RemovalFromRoll"]
    inspections = [c for c in review.cases if c.procedure == "InspectionOnSignsOfViolation"]
    assert len(removals) >= 2 and inspections, "the Hà Lầm review opens removals and inspections"
    for number, case in enumerate(removals):
        why = review.findings.explanation(findings[case.grounds[0].ref])
        if number == 0:
            path = ("GROUND_FOUND", "CELL_REVIEW", "PROPOSED", "DECIDED", "REMOVED")
            outcomes.append(
                _outcome(
                    case.id, case.procedure, case.version, case.subject, WARD, path, "removed", why
                )
            )
        else:
            path = ("GROUND_FOUND", "CELL_REVIEW", "KEPT")
            outcomes.append(
                _outcome(
                    case.id, case.procedure, case.version, case.subject, WARD, path, "kept", why
                )
            )
    roll = review.roll
    sanctioned: list[str] = []
    forms = ("reprimand", "warning")
    for number, case in enumerate(inspections):
        why = review.findings.explanation(findings[case.grounds[0].ref])
        org = case.subject.id
        members = roll.filter(roll["cell_id"] == org)["member_id"].to_list()
        if number >= len(forms) or not members:
            path = (*INSPECTION_PATH[:-1], "CONCLUDED")
            outcomes.append(
                _outcome(
                    case.id,
                    case.procedure,
                    case.version,
                    case.subject,
                    WARD,
                    path,
                    "violation_not_to_discipline_level",
                    why,
                )
            )
            continue
        member, form = members[0], forms[number]
        child = f"{case.id}-kl"
        outcomes.append(
            _outcome(
                case.id,
                case.procedure,
                case.version,
                case.subject,
                WARD,
                INSPECTION_PATH,
                "violation_to_discipline_level",
                why,
                children=(child,),
            )
        )
        subject = Subject("member", member, org)
        outcomes.append(
            _outcome(
                child,
                "DisciplinaryProceeding",
                "2016",
                subject,
                WARD,
                PROCEEDING_PATH,
                form,
                _sanction_explanation(form, member, number + 1),
                sanction=form,
            )
        )
        sanctioned.append(member)
    removed = removals[0].subject
    assert removed.org_id is not None
    other = next(
        c for c in roll["cell_id"].unique(maintain_order=True).to_list() if c != removed.org_id
    )
    accused = roll.filter(roll["cell_id"] == other)["member_id"][0]
    denunciation = Case(
        id="den-2018-0007",
        procedure="DenunciationResolution",
        version="2016",
        state="DENOUNCER_NOTIFIED",
        seq=6,
        subject=Subject("member", accused, other),
        grounds=(Ground("letter", "TC-2018-0007-letter"),),
        parties=(
            ("cell", kiemtra.Body(other, "cell_meeting")),
            ("inspecting_body", kiemtra.Body(WARD, "inspection_commission")),
        ),
        people=(("denouncer", DENOUNCER),),
        opened_at=OPENED,
        entered_at=OPENED,
    )
    outcomes.append(
        _outcome(
            denunciation.id,
            denunciation.procedure,
            "2016",
            denunciation.subject,
            WARD,
            ("RECEIVED", "INVESTIGATING", "CONCLUDED", "DENOUNCER_NOTIFIED"),
            "false",
            Explanation(
                "vn.policy.denunciation",
                "2016",
                "sanction.form.not_for_subject",
                args={"form": "warning", "subject": "full_member", "denouncer": DENOUNCER},
            ),
        )
    )
    review = attrs.evolve(review, cases=(*review.cases, denunciation), outcomes=tuple(outcomes))
    return Fixture(
        review,
        book,
        dict(data.names),
        removed.org_id,
        other,
        removed.id,
        tuple(sanctioned),
    )


@pytest.fixture(scope="module")
def fx() -> Fixture:
    """The review with its outcomes (built once for the module)."""
    return build_fixture()


@pytest.fixture(scope="module")
def whole(fx: Fixture) -> str:
    """The report of everything, in HTML."""
    return report_html(fx.review, fx.rulebook, names=fx.names)


class _Rows(HTMLParser):
    """The text of each ``<tr>`` with a given class, by its ``data-case``."""

    def __init__(self, cls: str) -> None:
        super().__init__()
        self.cls = cls
        self.rows: dict[str, list[str]] = {}
        self.current: str | None = None

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        found = dict(attrs_)
        if tag == "tr" and self.cls in (found.get("class") or "").split():
            self.current = found.get("data-case") or str(len(self.rows))
            self.rows[self.current] = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.rows[self.current].append(data)


def _specs(page: str) -> dict[str, Any]:
    """The charts' Vega-Lite specifications of a page, by container id."""
    found = re.search(r'<script type="application/json" id="kt-specs">(.*?)</script>', page, re.S)
    assert found is not None, "no chart specifications on the page"
    specs: dict[str, Any] = json.loads(found[1])
    return specs


def _rows(page: str, cls: str) -> dict[str, str]:
    parser = _Rows(cls)
    parser.feed(page)
    return {k: "".join(v) for k, v in parser.rows.items()}


# -- structure ---------------------------------------------------------------------------------------------
def test_the_page_holds_both_languages_vietnamese_first(whole: str) -> None:
    """The page opens in Vietnamese, carries the English text too, and has a button that switches."""
    assert whole.startswith('<!DOCTYPE html><html lang="vi">')
    assert "Báo cáo kiểm tra, giám sát năm 2018" in whole
    assert "Inspection and supervision report, 2018" in whole
    assert 'id="kt-lang"' in whole and 'class="kt-en"' in whole and 'class="kt-vi"' in whole
    assert "Xếp loại chất lượng đảng viên theo chi bộ" in whole and "Findings by rule" in whole


def test_every_sanction_and_removal_carries_its_explanation_in_both_languages(
    fx: Fixture, whole: str
) -> None:
    """Each sanction and removal row shows why, in Vietnamese and in English."""
    chosen = sanctions_and_removals(fx.review)
    assert {o.sanction for o in chosen} >= {"reprimand", "warning"}
    assert any(o.outcome == "removed" for o in chosen)
    rows = _rows(whole, "kt-sanction")
    assert set(rows) == {o.case_id for o in chosen}
    templates = fx.rulebook.templates
    for o in chosen:
        for lang in ("vi", "en"):
            assert o.explanation.render(templates, lang) in rows[o.case_id], (o.case_id, lang)
    assert "khiển trách" in rows[next(o.case_id for o in chosen if o.sanction == "reprimand")]


def test_nothing_is_fetched_from_the_network(whole: str) -> None:
    """No src or href names a URL: the scripts, styles and drawings are all inline."""
    remote = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
    assert not remote.findall(whole)
    assert "<link" not in whole and not re.search(r"<script[^>]+src=", whole)
    assert whole.count("<svg") >= 2  # the procedure drawings are inline


def test_the_sections_are_all_there(fx: Fixture, whole: str) -> None:
    """Ratings and findings charts, the funnels, sanctions, fund audits and the diagrams are on the page."""
    specs = _specs(whole)
    ids = set(re.findall(r'<div class="kt-chart kt-(?:vi|en)" id="([^"]+)"', whole))
    assert ids == set(specs) and len(ids) >= 8
    for section in (
        "kt-ratings",
        "kt-findings",
        "kt-funnel",
        "kt-sanctions",
        "kt-funds",
        "kt-diagrams",
    ):
        assert f'<section id="{section}">' in whole
    funnels = set(re.findall(r'<div class="kt-funnel" data-procedure="([^"]+)"', whole))
    assert funnels == {o.procedure for o in fx.review.outcomes}
    drawn = set(re.findall(r'<figure class="kt-diagram[^"]*" data-procedure="([^"]+)"', whole))
    assert drawn == {o.procedure for o in fx.review.outcomes}
    audits = _rows(whole, "kt-audit")
    assert (
        len(audits)
        == fx.review.findings.data.filter(
            fx.review.findings.data["rule_id"].str.starts_with("audit.")
        ).height
    )


def test_the_funnel_counts_the_cases_that_reached_each_state(fx: Fixture, whole: str) -> None:
    """A removal funnel: every case was found, fewer were proposed, one was removed."""
    specs = _specs(whole)
    removal = [
        s
        for s in specs.values()
        if any(r.get("state") == "GROUND_FOUND" for r in s["data"]["values"])
    ]
    assert len(removal) == 2  # one per language
    reached = {r["state"]: r["n"] for r in removal[0]["data"]["values"]}
    cases = [o for o in fx.review.outcomes if o.procedure == "RemovalFromRoll"]
    assert reached["GROUND_FOUND"] == len(cases) and reached["REMOVED"] == 1
    assert next(iter(reached)) == "GROUND_FOUND"


def test_data_is_escaped(fx: Fixture) -> None:
    """A name with markup in it is shown as text, in the page and in the chart data."""
    evil = "<script>alert(1)</script>"
    names = {**fx.names, fx.removed_cell: evil}
    page = report_html(fx.review, fx.rulebook, names=names)
    assert evil not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<\\/script>" in page  # inside the JSON of the charts


def test_a_denouncer_is_never_named(fx: Fixture, whole: str) -> None:
    """The denouncer's id shows nowhere, not even in the explanation that names them."""
    assert DENOUNCER not in whole
    assert DENOUNCER not in report_html(fx.review, fx.rulebook, lang="en")
    cell = kiemtra.BodyActor(kiemtra.Body(fx.other_cell, "cell_meeting"))
    assert DENOUNCER not in report_html(fx.review, fx.rulebook, actor=cell)
    seen = scope(fx.review, None)
    assert all(part != "denouncer" for c in seen.cases for part, _ in c.people)


def test_the_report_explains_as_the_library_does(fx: Fixture) -> None:
    """The report's cached rendering gives the texts of ``Explanation.render`` and ``describe``."""
    templates = fx.rulebook.templates
    explanations = [o.explanation for o in fx.review.outcomes]
    explanations += fx.review.findings.explanations()
    for explanation in explanations:
        for lang in ("vi", "en"):
            for _ in range(2):  # the second time from the cache
                message, basis = explain(explanation, templates, lang)
                assert message == explanation.render(templates, lang)
                assert basis == explanation.describe(templates, lang)
    broken = Explanation("x", "1", "no.such.template", args={"a": 1})
    assert explain(broken, templates, "vi")[0] == "no.such.template {'a': 1}"


# -- what each reader sees ---------------------------------------------------------------------------------
def test_a_cell_sees_its_own_and_the_ward_sees_every_cell(fx: Fixture) -> None:
    """The cell's report shows its members and cases only; the ward's shows every cell under it."""
    cell = kiemtra.BodyActor(kiemtra.Body(fx.removed_cell, "cell_meeting"))
    ward = kiemtra.BodyActor(kiemtra.Body(WARD, "standing_committee"))
    mine, all_cells = scope(fx.review, cell), scope(fx.review, ward)
    assert set(mine.roll["cell_id"].to_list()) == {fx.removed_cell}
    assert set(mine.ratings.data["cell_id"].to_list()) == {fx.removed_cell}
    assert set(all_cells.roll["cell_id"].to_list()) == set(fx.review.roll["cell_id"].to_list())
    assert all_cells.roll.height == fx.review.roll.height
    assert all_cells.findings.data.height == fx.review.findings.data.height
    assert {o.case_id for o in all_cells.outcomes} == {o.case_id for o in fx.review.outcomes}
    assert {o.org_id for o in mine.outcomes} == {fx.removed_cell}
    assert mine.counts["members"] < all_cells.counts["members"]
    district = scope(fx.review, kiemtra.BodyActor(kiemtra.Body("HA_LONG", "standing_committee")))
    assert district.roll.height == all_cells.roll.height
    assert district.findings.data.height == all_cells.findings.data.height
    assert len(district.outcomes) == len(all_cells.outcomes)
    members = set(mine.roll["member_id"].to_list())
    assert (
        set(
            mine.findings.data.filter(mine.findings.data["subject_kind"] == "member")[
                "subject_id"
            ].to_list()
        )
        <= members
    )

    cell_page = report_html(fx.review, fx.rulebook, actor=cell, names=fx.names)
    ward_page = report_html(fx.review, fx.rulebook, actor=ward, names=fx.names)
    assert cell_page != ward_page
    assert fx.removed_member in cell_page and fx.removed_member in ward_page
    other = fx.names[fx.other_cell]
    assert html.escape(other) in ward_page and html.escape(other) not in cell_page
    assert not any(m in cell_page for m in fx.sanctioned if m not in members)
    assert all(m in ward_page for m in fx.sanctioned)


def test_a_cell_sees_the_audit_of_its_own_books(fx: Fixture) -> None:
    """A finding about a cell's ledger is the cell's: it and its ward see it, another cell does not."""
    data = fx.review.findings.data
    orgs = fx.review.orgs
    cells = orgs.filter(orgs["level"] == "cell")["org_id"].to_list()
    ledger = data.filter(
        data["rule_id"].str.starts_with("audit.") & data["subject_id"].is_in(cells)
    )
    assert ledger.height, "the Hà Lầm review audits some cell's ledger"
    audited = ledger["subject_id"][0]
    own = scope(fx.review, kiemtra.BodyActor(kiemtra.Body(audited, "cell_meeting")))
    assert audited in own.findings.data["subject_id"].to_list()
    stranger = next(
        c
        for c in fx.review.roll["cell_id"].unique().to_list()
        if c not in set(ledger["subject_id"])
    )
    theirs = scope(fx.review, kiemtra.BodyActor(kiemtra.Body(stranger, "cell_meeting")))
    assert audited not in theirs.findings.data["subject_id"].to_list()
    ward = scope(fx.review, kiemtra.BodyActor(kiemtra.Body(WARD, "standing_committee")))
    assert audited in ward.findings.data["subject_id"].to_list()


def test_campaign_audits_belong_to_the_ward(fx: Fixture) -> None:
    """A residents' fund campaign finding (an area the organisations do not list) goes to the ward."""
    data = fx.review.findings.data
    campaigns = data.filter(data["subject_kind"] == "campaign")
    if not campaigns.height:
        pytest.skip("no campaign finding in this data set")
    ward = scope(fx.review, kiemtra.BodyActor(kiemtra.Body(WARD, "standing_committee")))
    assert set(campaigns["subject_id"]) <= set(ward.findings.data["subject_id"])
    area = campaigns["org_id"][0]
    mapped = scope(
        fx.review,
        kiemtra.BodyActor(kiemtra.Body(fx.removed_cell, "cell_meeting")),
        places={area: fx.removed_cell},
    )
    assert campaigns["subject_id"][0] in mapped.findings.data["subject_id"].to_list()


def test_an_outsider_sees_nothing_and_the_system_everything(fx: Fixture) -> None:
    """A denouncer acting as themself sees no row; the host's job sees everything."""
    outsider = scope(fx.review, kiemtra.OutsidePerson(DENOUNCER, "denouncer"))
    assert outsider.roll.height == outsider.findings.data.height == 0 and not outsider.outcomes
    system = scope(fx.review, kiemtra.SystemActor("nightly"))
    assert system.roll.height == fx.review.roll.height
    assert len(system.outcomes) == len(fx.review.outcomes)


def test_the_method_on_the_review_writes_the_file(fx: Fixture, tmp_path: Path) -> None:
    """``YearReview.to_html`` writes the same page as :func:`render_html`."""
    path = fx.review.to_html(tmp_path / "r" / "report.html", names=fx.names)
    assert path.read_text(encoding="utf-8") == report_html(fx.review, fx.rulebook, names=fx.names)
    assert (
        render_html(fx.review, None, tmp_path / "b.html", lang="en")
        .read_text(encoding="utf-8")
        .startswith('<!DOCTYPE html><html lang="en">')
    )
    with pytest.raises(kiemtra.InvalidInput):
        report_html(fx.review, fx.rulebook, lang="fr")


def test_one_report_costs_a_few_milliseconds(fx: Fixture, tmp_path: Path) -> None:
    """Once the scripts and drawings are cached, a cell's or the ward's report takes little time."""
    cells = fx.review.roll["cell_id"].unique().to_list()
    actors = [kiemtra.BodyActor(kiemtra.Body(c, "cell_meeting")) for c in cells]
    actors.append(kiemtra.BodyActor(kiemtra.Body(WARD, "standing_committee")))
    render_html(fx.review, fx.rulebook, tmp_path / "warm.html", actor=actors[-1])
    started = time.perf_counter()
    for n, actor in enumerate(actors):
        render_html(fx.review, fx.rulebook, tmp_path / f"{n}.html", actor=actor, names=fx.names)
    each = (time.perf_counter() - started) / len(actors)
    assert each < 0.1, f"{each * 1000:.1f} ms per report"


# -- the drawings ------------------------------------------------------------------------------------------
def test_every_shipped_drawing_is_current_and_names_every_state_and_move() -> None:
    """Every procedure version has a current shipped SVG per language naming all its states and moves."""
    templates = vn.rulebook().templates
    missing = []
    for procedure in vn.procedures():
        for version in procedure.versions:
            for lang in ("vi", "en"):
                dot = procedure_dot(procedure, version, templates, lang)
                path = _diagrams.SHIPPED / _diagrams.shipped_name(
                    procedure.name, version.version, lang, dot
                )
                if not path.is_file():
                    missing.append(
                        f"{path.name} (run python -m kiemtra.rulebooks.vn.diagrams --svg)"
                    )
                    continue
                svg = path.read_text(encoding="utf-8")
                missing += [
                    f"{path.name}: state {s.name}"
                    for s in version.states
                    if f"<title>{s.name}</title>" not in svg
                ]
                missing += [
                    f"{path.name}: move {m.trigger} from {src}"
                    for m in version.moves
                    for i, src in enumerate(m.sources)
                    if f"move&#45;{m.trigger}&#45;{i}" not in svg
                    or f"<title>{src}&#45;&gt;{m.target}</title>" not in svg
                ]
    assert missing == []
    shipped = {p.name for p in _diagrams.SHIPPED.glob("*.svg")}
    assert len(shipped) == 2 * sum(len(p.versions) for p in vn.procedures())


def test_the_command_writes_the_svgs(tmp_path: Path) -> None:
    """``python -m kiemtra.rulebooks.vn.diagrams --svg DIR`` draws every version in both languages."""
    if shutil.which("dot") is None:
        pytest.skip("Graphviz 'dot' is not on the PATH")
    assert diagrams_main(["--svg", str(tmp_path)]) == 0
    written = {p.name for p in tmp_path.glob("*.svg")}
    assert written == {p.name for p in _diagrams.SHIPPED.glob("*.svg")}


def _host_procedure() -> Procedure:
    return Procedure(
        "HostReview",
        (
            ProcedureVersion(
                "1",
                DateRange(pendulum.date(2000, 1, 1)),
                "OPEN",
                (State("OPEN"), State("DONE", final=True)),
                (Move("finish", ("OPEN",), "DONE"),),
            ),
        ),
    )


def test_a_host_procedure_is_drawn_by_graphviz_or_shown_as_mermaid(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A procedure with no shipped drawing is drawn by ``dot`` when it is there, else shown as text."""
    procedure = _host_procedure()
    version = procedure.versions[0]
    templates = vn.rulebook().templates
    if shutil.which("dot") is not None:
        drawn = procedure_svg(procedure, version, templates, "en")
        assert drawn.kind == "svg" and drawn.source == "dot" and "<title>DONE</title>" in drawn.text
        assert procedure_svg(procedure, version, templates, "en") is drawn  # once per process
    monkeypatch.setattr(_diagrams, "_CACHE", {})
    monkeypatch.setattr(_diagrams.shutil, "which", lambda _name: None)
    text = procedure_svg(procedure, version, templates, "vi")
    assert text.kind == "mermaid" and "OPEN --> DONE: finish" in text.text
    shipped = vn.procedures()[-1]
    assert procedure_svg(shipped, shipped.versions[0], templates, "vi").source == "shipped"


def test_write_svgs_replaces_stale_drawings(tmp_path: Path) -> None:
    """Writing the drawings again removes a drawing of an older definition of the same procedure."""
    if shutil.which("dot") is None:
        pytest.skip("Graphviz 'dot' is not on the PATH")
    stale = tmp_path / "HostReview.v1.vi.000000000000.svg"
    stale.write_text("<svg/>", encoding="utf-8")
    written = write_svgs([_host_procedure()], vn.rulebook().templates, tmp_path)
    assert len(written) == 2 and not stale.exists()


# -- in a real browser -------------------------------------------------------------------------------------
def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    message = (
        "chromium is not installed (Debian: apt-get install chromium): the report was not opened"
    )
    if os.environ.get("KIEMTRA_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{message} (KIEMTRA_REQUIRE_BROWSER=1)")
    pytest.skip(message)
    raise AssertionError("unreachable")


def _run_chromium(exe: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        exe,
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--enable-logging=stderr",
        "--v=0",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=20000",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


def _pieces(dom: str, marker: str) -> dict[str, str]:
    """The markup of each element whose opening tag has class ``marker``, up to the next such element or
    the end of its section, by its id (or its number)."""
    starts = [m.start() for m in re.finditer(rf'<div [^>]*class="[^"]*\b{marker}\b', dom)]
    out = {}
    for n, begin in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(dom)
        piece = dom[begin:end].split("</section>", 1)[0]
        found = re.match(r'<div [^>]*\bid="([^"]+)"', piece)
        out[found[1] if found else str(n)] = piece
    return out


@pytest.fixture(scope="module")
def chromium() -> str:
    """The Chromium executable (a missing browser skips, or fails with KIEMTRA_REQUIRE_BROWSER=1)."""
    return _chromium()


def test_the_report_draws_in_chromium_without_errors(
    chromium: str, fx: Fixture, tmp_path: Path
) -> None:
    """Headless Chromium draws every chart and diagram of the written file with no console error."""
    page = render_html(fx.review, fx.rulebook, tmp_path / "report.html", names=fx.names)
    done = _run_chromium(chromium, tmp_path / "profile", "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-3000:]
    dom = done.stdout
    assert 'data-charts="drawn"' in dom, "the charts did not all finish drawing"
    console = [line for line in done.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == [], console
    charts = _pieces(dom, "kt-chart")
    assert len(charts) >= 8
    failed = [
        k for k, v in charts.items() if "data-error" in v or "<svg" not in v or "mark-rect" not in v
    ]
    assert failed == [], failed
    figures = _pieces(dom, "kt-drawing")
    assert len(figures) >= 2 * len({o.procedure for o in fx.review.outcomes})
    assert all(v.count('class="node"') >= 3 for v in figures.values())

    shot = tmp_path / "report.png"
    taken = _run_chromium(
        chromium,
        tmp_path / "profile-shot",
        f"--screenshot={shot}",
        "--window-size=1280,2400",
        "--hide-scrollbars",
        page.as_uri(),
    )
    assert taken.returncode == 0 and shot.stat().st_size > 20_000, taken.stderr[-3000:]
