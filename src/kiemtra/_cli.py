"""The ``kiemtra`` command: simulate a yearly review, write its reports, explain an outcome, draw a
procedure, verify a store and list the parameters in force.

It needs the ``cli`` extra (click and rich) and, for the store, the ``sql`` extra (SQLAlchemy)::

    kiemtra simulate                          # Hà Lầm 2018 into ./kiemtra.db, reports into ./kiemtra-out
    kiemtra simulate --members 5000 --wards 5 --year 2024 --seed 7 --replace
    kiemtra simulate --data ward-2018/ --year 2018
    kiemtra report --for HA_LAM-CB-KHU1 --lang en --format json
    kiemtra explain HA_LAM-DV0001 --lang en   # a member, from ./kiemtra-out/review.json
    kiemtra explain 2018-0001                 # a case, from ./kiemtra.db
    kiemtra diagram DisciplinaryProceeding
    kiemtra verify kiemtra.db                 # or any SQLAlchemy URL
    kiemtra rules --at 2018-06-01 --status unconfirmed

Exit codes, for shell scripts:

* ``0``: done.
* ``1``: a verification failed (a broken hash chain), something was not found (a member, case,
  organisation, store or report), or the library refused the input (any :class:`~kiemtra.KiemtraError`).
* ``2``: a usage error: an unknown command or option, a bad value (a date like ``2026-13-01``, an
  unknown procedure or language), options that do not go together.

An error is one line on stderr, ``kiemtra: error: ...``, never a traceback. ``import kiemtra`` never
imports this module; polars, numpy and SQLAlchemy are imported only by the subcommands that need them.

The reviews are deterministic: the same source options give the same findings, ratings and case ids
(``<year>-0001``, ``<year>-0002``...), so ``report`` re-runs the review instead of reading the store.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import click

from kiemtra._errors import IntegrityError, KiemtraError, UnknownReference

if TYPE_CHECKING:
    from rich.console import Console

    from kiemtra._model._actor import BodyActor
    from kiemtra._rules._param import ParamUse
    from kiemtra._rules._templates import Templates
    from kiemtra._store._protocol import EventStore
    from kiemtra._store._sql import SqlStore
    from kiemtra._workflow._case import Case, Event
    from kiemtra.facts import Facts
    from kiemtra.review import YearReview

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "cli", "main"]

EXIT_OK = 0
"""The command did what was asked."""
EXIT_FAILED = 1
"""A verification failed, something was not found, or the library refused the input."""
EXIT_USAGE = 2
"""A usage error: an unknown command or option, a bad value, options that do not go together."""

_EPILOG = (
    "Exit codes: 0 ok; 1 verification failed, not found, or input refused; 2 usage error. "
    "Errors are one line on stderr: 'kiemtra: error: ...'."
)
_LANGS = ("vi", "en")
_REPORT_NAME = "review.json"
_HA_LAM_YEAR = 2018
_ZONE = "Asia/Ho_Chi_Minh"
_WIDE = 250  # columns for tables when stdout is not a terminal (nothing is cut for a script)

_F = TypeVar("_F", bound=Callable[..., Any])

# The command's own words, (Vietnamese, English); the rulebook's templates name everything else.
_WORDS: Mapping[str, tuple[str, str]] = {
    "title.ha_lam": (
        "Đảng bộ phường Hà Lầm, kiểm điểm năm {year}",
        "Hà Lầm ward party organisation, review of {year}",
    ),
    "title.generated": (
        "Tỉnh mô phỏng (hạt giống {seed}, {members} đảng viên, {wards} đảng bộ phường), kiểm điểm năm {year}",
        "Generated province (seed {seed}, {members} members, {wards} wards), review of {year}",
    ),
    "title.data": ("Dữ liệu {folder}, kiểm điểm năm {year}", "Data set {folder}, review of {year}"),
    "headline": (
        "{organisations} tổ chức cơ sở đảng, {cells} chi bộ, {neighbourhood_cells} chi bộ khu phố, "
        "{members} đảng viên",
        "{organisations} grassroots organisation(s), {cells} cells, {neighbourhood_cells} "
        "neighbourhood cells, {members} members",
    ),
    "findings": ("{count} phát hiện", "{count} findings"),
    "ratings": ("xếp loại", "ratings"),
    "cases_opened": ("{count} vụ việc được mở", "{count} case(s) opened"),
    "cases_decided": ("{count} vụ việc đã xử lý: {ends}", "{count} case(s) decided: {ends}"),
    "store": (
        "kho: {store} ({cases} vụ việc, {events} sự kiện đã kiểm chứng)",
        "store: {store} ({cases} cases, {events} events verified)",
    ),
    "report": ("báo cáo: {path}", "report: {path}"),
    "member": ("{id}: kiểm điểm năm {year}", "{id}: review of {year}"),
    "member.findings": ("Phát hiện ({count})", "Findings ({count})"),
    "member.no_findings": ("Không có phát hiện", "No findings"),
    "member.rating": (
        "Xếp loại: {level} (chi bộ đề xuất: {proposed})",
        "Rating: {level} (the cell proposed: {proposed})",
    ),
    "member.not_rated": ("Không được xếp loại", "Not rated"),
    "member.cases": ("Vụ việc ({count})", "Cases ({count})"),
    "member.no_cases": ("Không có vụ việc", "No cases"),
    "case": ("Vụ việc {id}", "Case {id}"),
    "case.procedure": (
        "Thủ tục: {title} ({name}, phiên bản {version})",
        "Procedure: {title} ({name}, version {version})",
    ),
    "case.state": ("Trạng thái: {label} ({state})", "State: {label} ({state})"),
    "case.subject": ("Đối tượng: {kind} {id}", "Subject: {kind} {id}"),
    "case.grounds": ("Căn cứ: {grounds}", "Grounds: {grounds}"),
    "case.opened": ("Mở lúc: {at}", "Opened: {at}"),
    "case.deadline": ("Hạn: {due} ({basis})", "Due: {due} ({basis})"),
    "case.parent": ("Mở từ vụ việc: {parent}", "Opened from case: {parent}"),
    "case.history": ("Diễn biến ({count} bước)", "History ({count} steps)"),
    "case.by": ("bởi", "by"),
    "case.due": ("hạn: {due}", "due: {due}"),
    "case.evidence": ("chứng cứ: {ids}", "evidence: {ids}"),
    "kind.member": ("đảng viên", "member"),
    "case.opening": ("mở", "opened"),
    "case.outcome": ("Kết quả: {outcome}", "Outcome: {outcome}"),
    "case.sanction": ("Hình thức kỷ luật: {sanction}", "Sanction: {sanction}"),
    "rules.title": ("Tham số có hiệu lực ngày {day}", "Parameters in force on {day}"),
    "rules.key": ("Tham số", "Parameter"),
    "rules.name": ("Tên", "Title"),
    "rules.value": ("Giá trị", "Value"),
    "rules.valid": ("Hiệu lực", "In force"),
    "rules.citation": ("Căn cứ", "Citation"),
    "rules.status": ("Mức xác nhận", "Status"),
    "rules.none": ("Không có tham số nào có hiệu lực ngày {day}", "No parameter in force on {day}"),
    "stage.data": ("Đọc dữ liệu", "Reading the data"),
    "stage.store": ("Mở kho sự kiện", "Opening the store"),
    "stage.review": ("Kiểm điểm: kiểm tra, xếp loại, mở vụ việc", "Review: checks, ratings, cases"),
    "stage.json": ("Ghi báo cáo JSON", "Writing the JSON report"),
    "stage.csv": ("Ghi báo cáo CSV", "Writing the CSV report"),
    "stage.html": ("Ghi báo cáo HTML", "Writing the HTML report"),
    "stage.verify": ("Kiểm chứng chuỗi băm", "Verifying the hash chains"),
}


def _t(key: str, lang: str, **args: object) -> str:
    vi, en = _WORDS[key]
    return (vi if lang == "vi" else en).format(**args)


class _NotFound(click.ClickException):
    """Something asked for is not there (exit 1)."""

    exit_code = EXIT_FAILED


# -- the entry point -------------------------------------------------------------------------------------------
def _one_line(text: str) -> str:
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def _error(message: str) -> None:
    click.echo(f"kiemtra: error: {_one_line(message)}", err=True)


def _missing(exc: ModuleNotFoundError) -> str:
    text = str(exc)
    if "pip install" in text:
        return text
    return f"{text}: install the extras this command needs, e.g. pip install 'kiemtra[cli,sql]'"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``kiemtra`` command; return its exit code (0, 1 or 2, see the module docstring).

    Args:
        argv: The arguments after the program name; ``sys.argv[1:]`` by default.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        result = cli.main(args=args, prog_name="kiemtra", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.format_message(), err=True)
        return EXIT_USAGE
    except click.UsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        _error(exc.format_message() + hint)
        return EXIT_USAGE
    except click.ClickException as exc:
        _error(exc.format_message())
        return exc.exit_code
    except click.exceptions.Abort:
        _error("aborted")
        return EXIT_FAILED
    except KiemtraError as exc:
        _error(str(exc))
        return EXIT_FAILED
    except ModuleNotFoundError as exc:
        _error(_missing(exc))
        return EXIT_FAILED
    except BrokenPipeError:  # a reader such as `head` closed the pipe: nothing more to say
        sys.stderr.close()
        return EXIT_FAILED
    except OSError as exc:
        _error(str(exc))
        return EXIT_FAILED
    except Exception as exc:  # never a traceback: name what went wrong in one line
        _error(f"{type(exc).__name__}: {exc}")
        return EXIT_FAILED
    return result if isinstance(result, int) else EXIT_OK


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=_EPILOG,
)
@click.version_option(package_name="kiemtra", prog_name="kiemtra")
def cli() -> None:
    """Inspection, supervision and discipline cases as state machines, with explainable dated rules.

    Simulate a yearly review, write its reports, explain a member's or a case's outcome, draw a
    procedure, verify a store's hash chains and list the parameters in force on a date.
    """


# -- shared options ---------------------------------------------------------------------------------------------
def _lang_option(f: _F) -> _F:
    return click.option(
        "--lang",
        type=click.Choice(_LANGS),
        default="vi",
        show_default=True,
        help="Language of the texts.",
    )(f)


def _out_option(f: _F) -> _F:
    return click.option(
        "--out",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("kiemtra-out"),
        show_default=True,
        help="Folder of the reports.",
    )(f)


def _store_option(f: _F) -> _F:
    return click.option(
        "--store",
        "store_arg",
        default="kiemtra.db",
        show_default=True,
        metavar="PATH|URL",
        help="The event store: a SQLite file or a SQLAlchemy URL.",
    )(f)


def _source_options(f: _F) -> _F:
    options = [
        click.option(
            "--ha-lam",
            "ha_lam",
            is_flag=True,
            help="The Hà Lầm ward party organisation in 2018 (the default source).",
        ),
        click.option(
            "--members",
            type=click.IntRange(min=1),
            default=None,
            help="Generate a province with this many members.",
        ),
        click.option(
            "--wards",
            type=click.IntRange(min=1),
            default=None,
            help="Ward party organisations of the generated province [default: 1].",
        ),
        click.option(
            "--seed",
            type=int,
            default=None,
            help="Random seed of the generated data [default: 2018 for Hà Lầm, 0 otherwise].",
        ),
        click.option(
            "--data",
            type=click.Path(exists=True, file_okay=False, path_type=Path),
            default=None,
            help="A folder of <table>.parquet files (as kiemtra.synth writes them).",
        ),
        click.option(
            "--year",
            type=click.IntRange(1900, 2200),
            default=None,
            help="The review year (needed with --members and --data; 2018 for Hà Lầm).",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


class _Source(NamedTuple):
    facts: Facts
    year: int
    title: Callable[[str], str]
    names: Mapping[str, str] | None = (
        None  # readable names of organisations, when the data set has them
    )


def _source(
    ha_lam: bool,
    members: int | None,
    wards: int | None,
    seed: int | None,
    data: Path | None,
    year: int | None,
) -> Callable[[], _Source]:
    """Check the source options at once; return what reads or generates the facts they name.

    Raises:
        click.UsageError: options that do not go together.
    """
    chosen = [name for name, on in (("--ha-lam", ha_lam), ("--members", members is not None), ("--data", data is not None)) if on]  # fmt: skip
    if len(chosen) > 1:
        raise click.UsageError(f"choose one source, not {' and '.join(chosen)}")
    if wards is not None and members is None:
        raise click.UsageError("--wards goes with --members")
    if data is not None:
        if seed is not None:
            raise click.UsageError("--seed does not go with --data")
        if year is None:
            raise click.UsageError("--data needs --year")
        return lambda: _read(data, year)
    if members is not None:
        if year is None:
            raise click.UsageError("--members needs --year")
        return lambda: _generated(members, wards or 1, seed or 0, year)
    if year is not None and year != _HA_LAM_YEAR:
        raise click.UsageError(f"the Hà Lầm data set covers {_HA_LAM_YEAR} only, not {year}")
    return lambda: _ha_lam(seed)


def _read(folder: Path, year: int) -> _Source:
    from kiemtra.facts import Facts

    return _Source(
        Facts.read_parquet(folder),
        year,
        lambda lang: _t("title.data", lang, folder=folder, year=year),
    )


def _generated(members: int, wards: int, seed: int, year: int) -> _Source:
    from kiemtra import synth

    made = synth.generate(seed, members=members, wards=wards, year=year)
    return _Source(
        made.facts,
        year,
        lambda lang: _t(
            "title.generated", lang, seed=seed, members=members, wards=wards, year=year
        ),
        made.names,
    )


def _ha_lam(seed: int | None) -> _Source:
    from kiemtra import synth

    made = synth.ha_lam_2018() if seed is None else synth.ha_lam_2018(seed)
    return _Source(
        made.facts,
        _HA_LAM_YEAR,
        lambda lang: _t("title.ha_lam", lang, year=_HA_LAM_YEAR),
        made.names,
    )


# -- helpers ----------------------------------------------------------------------------------------------------
def _store_url(arg: str) -> tuple[str, Path | None]:
    """``(SQLAlchemy URL, SQLite file or None)`` for a ``--store`` value: a path or a URL."""
    if "://" in arg:
        file = arg.removeprefix("sqlite:///") if arg.startswith("sqlite:///") else None
        return arg, (Path(file) if file else None)
    return f"sqlite:///{arg}", Path(arg)


def _open_store(arg: str) -> SqlStore:
    """An existing store (never created).

    Raises:
        _NotFound: the SQLite file does not exist.
        StoreError: no kiemtra store there.
    """
    from kiemtra._store._sql import SqlStore

    url, path = _store_url(arg)
    if path is not None and not path.is_file():
        raise _NotFound(f"no store at {path}")
    return SqlStore(url, create=False)


def _templates() -> Templates:
    from kiemtra.rulebooks import vn

    return vn.templates()


def _label(templates: Templates, lang: str, key: str, default: str) -> str:
    return templates.get(lang, key, default)


def _text(value: object, lang: str) -> str:
    """An explanation from a report: a string, or ``{"vi": ..., "en": ...}``."""
    if isinstance(value, Mapping):
        chosen = value.get(lang)
        if chosen is None:
            chosen = next(iter(value.values()), "")
        return str(chosen)
    return "" if value is None else str(value)


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    wide = not stream.isatty() and "COLUMNS" not in os.environ
    return Console(stderr=stderr, width=_WIDE if wide else None, highlight=False)


@contextmanager
def _stages(lang: str, keys: Sequence[str]) -> Iterator[Callable[[str], None]]:
    """A rich progress bar over ``keys`` on stderr (a terminal only); yields ``step(key)``, called as each
    stage starts."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    console = _console(stderr=True)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    task = progress.add_task(_t(f"stage.{keys[0]}", lang), total=len(keys))
    started: list[str] = []

    def step(key: str) -> None:
        if started:
            progress.advance(task)
        started.append(key)
        progress.update(task, description=_t(f"stage.{key}", lang))

    with progress:
        yield step
        progress.update(task, completed=len(keys))


def _review_actor(facts: Facts) -> BodyActor:
    """The inspection commission that runs the review: the grassroots organisation's, or the top
    organisation's when the data hold several grassroots organisations."""
    import polars as pl

    from kiemtra import Body, BodyActor

    orgs = facts["orgs"]
    grassroots = orgs.filter(pl.col("level") == "grassroots")["org_id"].to_list()
    if len(grassroots) == 1:
        org = grassroots[0]
    else:
        tops = orgs.filter(pl.col("parent_id").is_null())["org_id"].to_list()
        if not tops:
            raise UnknownReference("orgs", None, "the data set has no top organisation")
        org = tops[0]
    return BodyActor(Body(org, "inspection_commission"))


def _review(source: _Source, store: EventStore) -> YearReview:
    """Run the yearly review of ``source`` into ``store`` with the Vietnamese rulebook, a fixed clock
    (10 January of the next year) and case ids ``<year>-0001``..."""
    import pendulum

    from kiemtra import Engine, FixedClock
    from kiemtra.review import review_year
    from kiemtra.rulebooks import vn

    year = source.year
    counter = itertools.count(1)
    engine = Engine(
        vn.rulebook(),
        store,
        FixedClock(pendulum.datetime(year + 1, 1, 10, 8, tz=_ZONE)),
        ids=lambda: f"{year}-{next(counter):04d}",
    )
    return review_year(engine, source.facts, year, actor=_review_actor(source.facts))


# -- simulate ---------------------------------------------------------------------------------------------------
def _fresh_store(arg: str, replace: bool) -> SqlStore:
    """The store to simulate into: created if missing, emptied with ``replace``.

    Raises:
        click.ClickException: the store holds cases and ``replace`` is off.
    """
    from kiemtra._store._sql import SqlStore

    url, path = _store_url(arg)
    if path is not None:
        if replace:
            for extra in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{extra}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
    store = SqlStore(url)
    held = len(store)
    if held and replace:  # a database server: drop the tables and start again
        store.drop_tables()
        store.close()
        store = SqlStore(url)
    elif held:
        store.close()
        raise click.ClickException(
            f"the store {arg} already holds {held} case(s); pass --replace to start it afresh"
        )
    return store


@cli.command(epilog=_EPILOG)
@_source_options
@_store_option
@_out_option
@_lang_option
@click.option("--replace", is_flag=True, help="Start the store afresh when it already holds cases.")
def simulate(
    ha_lam: bool,
    members: int | None,
    wards: int | None,
    seed: int | None,
    data: Path | None,
    year: int | None,
    store_arg: str,
    out: Path,
    lang: str,
    replace: bool,
) -> None:
    """Run a yearly review into a SQLite store and write its reports.

    The source is the Hà Lầm 2018 data (the default), a generated province (--members, --wards, --year,
    --seed) or a folder of Parquet files (--data, --year). The cases it opens go into the store; the
    reports go into the --out folder: review.json, csv/*.csv and, where this kiemtra can write it,
    review.html. It prints the headline figures.
    """
    stages = ["store", "data", "review", "json", "csv", "html", "verify"]
    written: list[Path] = []
    skipped: str | None = None
    load = _source(ha_lam, members, wards, seed, data, year)
    with _stages(lang, stages) as step:
        step("store")
        store = _fresh_store(store_arg, replace)
        try:
            step("data")
            source = load()
            step("review")
            review = _review(source, store)
            step("json")
            written.append(review.to_json(out / _REPORT_NAME))  # every language it holds
            step("csv")
            written.extend(review.to_csv(out / "csv"))
            step("html")
            target = out / "review.html"
            try:
                review.to_html(target, actor=None, lang=lang, names=source.names)
                written.append(target)
            except ModuleNotFoundError as exc:  # the HTML report's extra is not installed
                skipped = _missing(exc)
            step("verify")
            checked = store.verify()
        finally:
            store.close()
    templates = _templates()
    c = review.counts
    click.echo(source.title(lang))
    click.echo(
        _t(
            "headline",
            lang,
            organisations=c["organisations"],
            cells=c["cells"],
            neighbourhood_cells=c["neighbourhood_cells"],
            members=c["members"],
        )
    )
    by_rule = ", ".join(f"{k} {v}" for k, v in c["findings_by_rule"].items())
    click.echo(_t("findings", lang, count=c["findings"]) + (f": {by_rule}" if by_rule else ""))
    if c.get("ratings"):
        levels = ", ".join(
            f"{_label(templates, lang, f'level.{k}', k)} {v}" for k, v in c["ratings"].items()
        )
        click.echo(f"{_t('ratings', lang)}: {levels}")
    click.echo(_t("cases_opened", lang, count=len(review.cases)))
    if review.outcomes:
        ends: dict[str, int] = {}
        for o in review.outcomes:
            title = _label(templates, lang, f"{o.procedure}.title", o.procedure)
            end = o.sanction or o.outcome or o.state
            what = (
                _label(templates, lang, f"form.{end}", end)
                if o.sanction
                else _label(templates, lang, f"{o.procedure}.outcome.{end}", str(end))
            )
            key = f"{title}: {what}"
            ends[key] = ends.get(key, 0) + 1
        listed = "; ".join(f"{k} {v}" for k, v in sorted(ends.items()))
        click.echo(_t("cases_decided", lang, count=len(review.outcomes), ends=listed))
    click.echo(_t("store", lang, store=store_arg, cases=checked.cases, events=checked.events))
    for path in written:
        click.echo(_t("report", lang, path=path))
    if skipped is not None:
        click.echo(f"kiemtra: warning: no HTML report: {_one_line(skipped)}", err=True)


# -- report -----------------------------------------------------------------------------------------------------
@cli.command(epilog=_EPILOG)
@_source_options
@click.option(
    "--for",
    "org_id",
    default=None,
    metavar="ORG_ID",
    help="The cell or ward whose report to write [default: the whole review].",
)
@_lang_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "json", "csv"]),
    default="html",
    show_default=True,
    help="The report's format.",
)
@_out_option
def report(
    ha_lam: bool,
    members: int | None,
    wards: int | None,
    seed: int | None,
    data: Path | None,
    year: int | None,
    org_id: str | None,
    lang: str,
    fmt: str,
    out: Path,
) -> None:
    """Re-run the review from the same source options and write the report for one organisation.

    The review is deterministic, so this needs no store. With --for, the HTML report is the one that
    organisation's body sees (a cell's meeting, or a ward's committee); the JSON and CSV reports hold
    that organisation, the organisations under it and their members.
    """
    from kiemtra import Body, BodyActor, MemoryStore

    source = _source(ha_lam, members, wards, seed, data, year)()
    actor: Any = None
    name = "review"
    if org_id is not None:
        orgs = source.facts["orgs"]
        levels = dict(zip(orgs["org_id"].to_list(), orgs["level"].to_list(), strict=True))
        if org_id not in levels:
            raise _NotFound(f"no organisation {org_id!r} in the data set")
        actor = BodyActor(Body(org_id, "cell_meeting" if levels[org_id] == "cell" else "committee"))
        name = "report-" + re.sub(r"[^\w.-]", "_", org_id)
    review = _review(source, MemoryStore())
    written: list[Path] = []
    if fmt == "html":
        target = out / f"{name}.{lang}.html"
        out.mkdir(parents=True, exist_ok=True)
        review.to_html(target, actor=actor, lang=lang, names=source.names)
        written.append(target)
    else:
        # what the organisation's bodies may see, by the same rules as its HTML report
        from kiemtra._report import scope

        part = review if org_id is None else scope(review, actor)
        if fmt == "json":
            written.append(part.to_json(out / f"{name}.{lang}.json", lang=lang))
        else:
            written.extend(part.to_csv(out / name))
    for path in written:
        click.echo(_t("report", lang, path=path))


# -- explain ----------------------------------------------------------------------------------------------------
def _explain_subject(doc: Mapping[str, Any], subject: str, lang: str, t: Templates) -> list[str]:
    """What the report ``doc`` says of ``subject``; empty when it names it nowhere."""
    findings = [f for f in doc.get("findings", []) if f.get("subject_id") == subject]
    ratings = [r for r in doc.get("ratings", []) if r.get("subject_id") == subject]
    cases = [c for c in doc.get("cases", []) if c.get("subject") == subject]
    outcomes = [
        o for o in doc.get("outcomes", []) if o.get("subject", o.get("subject_id")) == subject
    ]
    if not (findings or ratings or cases or outcomes):
        return []
    lines = [_t("member", lang, id=subject, year=doc.get("year", "?"))]
    if findings:
        lines.append(_t("member.findings", lang, count=len(findings)))
        for f in findings:
            rule = f.get("rule_id", "?")
            title = _label(t, lang, f"vn.rule.{rule}", rule)
            lines.append(
                f"  - {title} [{rule}, {f.get('period_start', '?')}]: {f.get('consequence', '?')}"
            )
            lines.append(_indent(_text(f.get("explanation"), lang), "      "))
    else:
        lines.append(_t("member.no_findings", lang))
    for r in ratings:
        level = str(r.get("level"))
        proposed = str(r.get("proposed"))
        lines.append(
            _t(
                "member.rating",
                lang,
                level=_label(t, lang, f"level.{level}", level),
                proposed=_label(t, lang, f"level.{proposed}", proposed),
            )
        )
        lines.append(_indent(_text(r.get("explanation"), lang), "      "))
    if not ratings:
        lines.append(_t("member.not_rated", lang))
    by_case: dict[str, Mapping[str, Any]] = {str(o.get("case_id")): o for o in outcomes}
    shown = [str(c.get("id")) for c in cases]
    shown += [cid for cid in by_case if cid not in shown]
    if not shown:
        lines.append(_t("member.no_cases", lang))
        return lines
    lines.append(_t("member.cases", lang, count=len(shown)))
    states = {str(c.get("id")): c for c in cases}
    for cid in shown:
        row: Mapping[str, Any] = {**states.get(cid, {}), **by_case.get(cid, {})}
        procedure = str(row.get("procedure", "?"))
        state = str(row.get("state", "?"))
        title = _label(t, lang, f"{procedure}.title", procedure)
        state_label = _label(t, lang, f"{procedure}.state.{state}", state)
        lines.append(f"  - {cid}: {title} ({procedure}): {state_label} ({state})")
        outcome = row.get("outcome")
        if outcome:
            text = _label(t, lang, f"{procedure}.outcome.{outcome}", str(outcome))
            lines.append("      " + _t("case.outcome", lang, outcome=text))
        sanction = row.get("sanction")
        if sanction:
            text = _label(t, lang, f"form.{sanction}", str(sanction))
            lines.append("      " + _t("case.sanction", lang, sanction=text))
        if row.get("explanation"):
            lines.append(_indent(_text(row.get("explanation"), lang), "      "))
    return lines


def _kind(kind: str, lang: str, t: Templates) -> str:
    if kind == "member":
        return _t("kind.member", lang)
    return _label(t, lang, f"subject.{kind}", kind)


def _when(at: Any) -> str:
    return str(at.in_timezone(_ZONE).isoformat(timespec="minutes"))


def _explain_case(
    case: Case, events: Sequence[Event], lang: str, t: Templates, outcome: Mapping[str, Any] | None
) -> list[str]:
    p = case.procedure
    lines = [
        _t("case", lang, id=case.id),
        _t(
            "case.procedure",
            lang,
            title=_label(t, lang, f"{p}.title", p),
            name=p,
            version=case.version,
        ),
        _t(
            "case.state",
            lang,
            label=_label(t, lang, f"{p}.state.{case.state}", case.state),
            state=case.state,
        ),
        _t("case.subject", lang, kind=_kind(case.subject.kind, lang, t), id=case.subject.id),
    ]
    if case.grounds:
        grounds = ", ".join(f"{g.kind}:{g.ref}" for g in case.grounds)
        lines.append(_t("case.grounds", lang, grounds=grounds))
    lines.append(_t("case.opened", lang, at=_when(case.opened_at)))
    if case.parent is not None:
        lines.append(_t("case.parent", lang, parent=case.parent))
    if case.deadline is not None:
        lines.append(
            _t("case.deadline", lang, due=case.deadline.due.isoformat(), basis=case.deadline.basis)
        )
    if outcome is not None:
        result = outcome.get("outcome")
        if result:
            text = _label(t, lang, f"{p}.outcome.{result}", str(result))
            lines.append(_t("case.outcome", lang, outcome=text))
        if outcome.get("sanction"):
            sanction = str(outcome["sanction"])
            lines.append(
                _t("case.sanction", lang, sanction=_label(t, lang, f"form.{sanction}", sanction))
            )
        if outcome.get("explanation"):
            lines.append(_indent(_text(outcome["explanation"], lang), "  "))
    lines.append(_t("case.history", lang, count=len(events)))
    by = _t("case.by", lang)
    for e in events:
        target = f"{_label(t, lang, f'{p}.state.{e.target}', e.target)} ({e.target})"
        if e.trigger is None:
            move = f"{_t('case.opening', lang)} → {target}"
        else:
            move_label = _label(t, lang, f"{p}.move.{e.trigger}", e.trigger)
            move = f"{move_label} ({e.trigger}): {e.source} → {target}"
        lines.append(f"  {e.seq}. {_when(e.at)}  {move}  {by} {e.actor}")
        if e.due is not None:
            lines.append("       " + _t("case.due", lang, due=e.due.isoformat()))
        if e.evidence:
            lines.append("       " + _t("case.evidence", lang, ids=", ".join(e.evidence)))
        if e.note:
            lines.append("       " + e.note)
    return lines


@cli.command(epilog=_EPILOG)
@click.argument("item_id", metavar="ID")
@_lang_option
@_out_option
@_store_option
def explain(item_id: str, lang: str, out: Path, store_arg: str) -> None:
    """Explain one member's or one case's outcome, with its reasons.

    A member (or an organisation) is looked up in the JSON report that 'kiemtra simulate' wrote into
    --out (review.json): its findings, its rating and its cases, with their explanations. A case is
    looked up in the store: its procedure, its state and its history, labelled in --lang.
    """
    t = _templates()
    report_path = out / _REPORT_NAME
    doc: Mapping[str, Any] | None = None
    if report_path.is_file():
        loaded = json.loads(report_path.read_text(encoding="utf-8"))
        doc = loaded if isinstance(loaded, Mapping) else None
    if doc is not None:
        lines = _explain_subject(doc, item_id, lang, t)
        if lines:
            click.echo("\n".join(lines))
            return
    _, path = _store_url(store_arg)
    if path is not None and not path.is_file():
        if doc is None:
            raise _NotFound(
                f"nothing to explain {item_id!r} from: no report at {report_path} and no store at "
                f"{path} (run 'kiemtra simulate' first)"
            )
        raise _NotFound(f"no member or case {item_id!r} in {report_path} (and no store at {path})")
    with _open_store(store_arg) as store:
        try:
            case = store.load(item_id)
            events = store.events(item_id)
        except UnknownReference:
            where = f"{report_path} or the store {store_arg}" if doc else f"the store {store_arg}"
            raise _NotFound(f"no member or case {item_id!r} in {where}") from None
    outcome = next(
        (o for o in (doc or {}).get("outcomes", []) if o.get("case_id") == item_id), None
    )
    click.echo("\n".join(_explain_case(case, events, lang, t, outcome)))


# -- diagram ----------------------------------------------------------------------------------------------------
@cli.command(epilog=_EPILOG)
@click.argument("procedure")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["mermaid"]),
    default="mermaid",
    show_default=True,
    help="The diagram's text format.",
)
def diagram(procedure: str, fmt: str) -> None:
    """Print the state diagram of a Vietnamese procedure (its newest version), e.g.
    DisciplinaryProceeding."""
    from kiemtra._workflow._diagram import mermaid
    from kiemtra.rulebooks.vn import procedures

    known = {p.name: p for p in procedures()}
    found = known.get(procedure) or next(
        (p for name, p in known.items() if name.lower() == procedure.lower()), None
    )
    if found is None:
        raise click.BadParameter(
            f"unknown procedure {procedure!r}; valid: {', '.join(sorted(known))}",
            ctx=click.get_current_context(),
            param_hint="'PROCEDURE'",
        )
    click.echo(mermaid(found), nl=False)


# -- verify -----------------------------------------------------------------------------------------------------
@cli.command(epilog=_EPILOG)
@click.argument("store_arg", metavar="STORE")
def verify(store_arg: str) -> None:
    """Walk every hash chain of a store (a SQLite file or a SQLAlchemy URL): events, case files, access log.

    Exits 0 when every link holds, 1 naming the first broken link (case and seq) when one does not.
    """
    with _open_store(store_arg) as store:
        try:
            checked = store.verify()
            store.verify_records()
            store.verify_access_log()
        except IntegrityError as exc:
            where = "the store" if exc.case_id is None else f"case {exc.case_id}"
            if exc.seq is not None:
                where += f" seq {exc.seq}"
            raise click.ClickException(f"verification failed: {where}: {exc.detail}") from None
    click.echo(
        f"verified: {checked.cases} cases, {checked.events} events; digest {checked.digest.value}"
    )


# -- rules ------------------------------------------------------------------------------------------------------
def _value(use: ParamUse, lang: str, t: Templates) -> str:
    from kiemtra._rules._param import Range
    from kiemtra._rules._templates import format_value

    v = use.value
    if isinstance(v, Range):
        return f"{format_value(v.low, lang, t)}–{format_value(v.high, lang, t)}"
    if isinstance(v, str):
        return _label(t, lang, f"choice.{use.key}.{v}", v)
    return format_value(v, lang, t)


@cli.command(epilog=_EPILOG)
@click.option(
    "--at",
    "at",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="YYYY-MM-DD",
    help="The day [default: today in Vietnam].",
)
@_lang_option
@click.option(
    "--status",
    type=click.Choice(["confirmed", "secondary", "unconfirmed"]),
    default=None,
    help="Only the values of this status.",
)
def rules(at: Any, lang: str, status: str | None) -> None:
    """List the parameters in force on a day: value, period, citation and how sure the value is."""
    import pendulum
    from rich.table import Table

    from kiemtra.rulebooks import vn

    day = (
        pendulum.date(at.year, at.month, at.day) if at is not None else pendulum.today(_ZONE).date()
    )
    book = vn.rulebook()
    t = book.templates
    uses = [u for u in book.in_force(day) if status is None or u.status.value == status]
    console = _console()
    if not uses:
        click.echo(_t("rules.none", lang, day=day.isoformat()))
        return
    table = Table(title=_t("rules.title", lang, day=day.isoformat()), title_justify="left")
    table.add_column(_t("rules.key", lang), no_wrap=True)
    table.add_column(_t("rules.name", lang))
    table.add_column(_t("rules.value", lang), no_wrap=True)
    table.add_column(_t("rules.valid", lang), no_wrap=True)
    table.add_column(_t("rules.citation", lang))
    table.add_column(_t("rules.status", lang), no_wrap=True)
    for u in uses:
        table.add_row(
            u.key,
            _label(t, lang, f"param.{u.key}", u.key),
            _value(u, lang, t),
            str(u.valid),
            "; ".join(str(c) for c in u.citations),
            _label(t, lang, f"status.{u.status.value}", u.status.value),
        )
    console.print(table)
