"""Fact tables: the model's records as polars columns, validated once, for population-scale rules.

``import kiemtra`` does not load polars; this module does. A :class:`Facts` object exists only when every
table passed validation, so nothing is ever evaluated from a table that failed. Money columns hold whole
đồng as ``Int64``; dates are ``Date``; ids are strings.

Tables (and their key): ``members`` (member_id), ``cell_memberships`` (member_id, start), ``orgs``
(org_id), ``meetings`` (meeting_id), ``attendance`` (meeting_id, member_id), ``income_bases``
(member_id, month), ``dues_payments`` (receipt_no), ``ledgers`` (org_id, period_start), ``ledger_entries``
(org_id, period_start, entry_no), ``remittances`` (remittance_id), ``deposits`` (deposit_id),
``settlements`` (settlement_id), ``tasks`` (task_id), ``scores`` (subject_id, year, criterion),
``households`` (household_id), ``household_meetings`` (meeting_id), ``household_votes`` (meeting_id,
household_id), ``campaigns`` (campaign_id), ``contributions`` (receipt_no), ``disbursements``
(disbursement_id), ``postings`` (posting_id), ``sanctions`` (sanction_id), ``posts`` (member_id, org_id, post, start),
``exemptions`` (member_id, kind, start: ``exempt`` from activity or ``suspended``), ``rating_proposals``
(subject_id, year: the level a cell proposes under the criteria schemes before QĐ 366).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs
import polars as pl

from kiemtra._errors import InvalidFacts
from kiemtra._model import _funds, _member, _org, _records

__all__ = ["SCHEMAS", "Facts", "TableSpec", "covers", "on_roll"]

_ID = pl.String
_DATE = pl.Date
_MONEY = pl.Int64


@attrs.frozen
class TableSpec:
    """The declared schema of one fact table.

    Args:
        name: The table's name.
        columns: Column names and polars types, in order.
        key: The columns that identify a row; duplicates are refused.
        money: Columns of whole đồng, refused when negative.
        optional: Columns that may be null.
    """

    name: str
    columns: Mapping[str, Any]
    key: tuple[str, ...]
    money: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()

    def empty(self) -> pl.DataFrame:
        """An empty frame with this schema."""
        return pl.DataFrame(schema=dict(self.columns))


def _spec(
    name: str,
    key: tuple[str, ...],
    money: tuple[str, ...] = (),
    optional: tuple[str, ...] = (),
    **columns: Any,
) -> TableSpec:
    return TableSpec(name, columns, key, money, optional)


SCHEMAS: Mapping[str, TableSpec] = {
    s.name: s
    for s in (
        _spec(
            "members",
            ("member_id",),
            optional=("full_member_on", "left_on", "managed_by", "birth_date"),
            member_id=_ID,
            admitted_on=_DATE,
            probation_ends_on=_DATE,
            full_member_on=_DATE,
            dues_category=_ID,
            birth_date=_DATE,
            managed_by=_ID,
            left_on=_DATE,
        ),
        _spec(
            "cell_memberships",
            ("member_id", "start"),
            optional=("end",),
            member_id=_ID,
            cell_id=_ID,
            start=_DATE,
            end=_DATE,
        ),
        _spec(
            "orgs",
            ("org_id",),
            optional=("parent_id",),
            org_id=_ID,
            parent_id=_ID,
            level=_ID,
            kind=_ID,
        ),
        _spec(
            "meetings",
            ("meeting_id",),
            meeting_id=_ID,
            cell_id=_ID,
            held_on=_DATE,
            kind=_ID,
            duration_minutes=pl.Int64,
        ),
        _spec(
            "attendance",
            ("meeting_id", "member_id"),
            meeting_id=_ID,
            member_id=_ID,
            present=pl.Boolean,
            excused=pl.Boolean,
            excuse_reason=_ID,
        ),
        _spec(
            "income_bases",
            ("member_id", "month"),
            money=("amount",),
            member_id=_ID,
            month=_DATE,
            kind=_ID,
            amount=_MONEY,
        ),
        _spec(
            "dues_payments",
            ("receipt_no",),
            money=("amount",),
            receipt_no=_ID,
            member_id=_ID,
            month=_DATE,
            amount=_MONEY,
            paid_on=_DATE,
        ),
        _spec(
            "ledgers",
            ("org_id", "period_start"),
            money=("collected", "retained", "remitted"),
            org_id=_ID,
            period_start=_DATE,
            period_end=_DATE,
            collected=_MONEY,
            retained=_MONEY,
            remitted=_MONEY,
        ),
        _spec(
            "ledger_entries",
            ("org_id", "period_start", "entry_no"),
            money=("amount",),
            optional=("member_id",),
            org_id=_ID,
            period_start=_DATE,
            entry_no=_ID,
            on=_DATE,
            kind=_ID,
            amount=_MONEY,
            ref=_ID,
            member_id=_ID,
        ),
        _spec(
            "remittances",
            ("remittance_id",),
            money=("amount",),
            remittance_id=_ID,
            from_org=_ID,
            to_org=_ID,
            period_start=_DATE,
            period_end=_DATE,
            amount=_MONEY,
            sent_on=_DATE,
        ),
        _spec(
            "deposits",
            ("deposit_id",),
            money=("amount",),
            deposit_id=_ID,
            org_id=_ID,
            amount=_MONEY,
            deposited_on=_DATE,
            account=_ID,
        ),
        _spec(
            "settlements",
            ("settlement_id",),
            money=("collected", "spent"),
            settlement_id=_ID,
            org_id=_ID,
            subject_id=_ID,
            period_start=_DATE,
            period_end=_DATE,
            collected=_MONEY,
            spent=_MONEY,
            published_on=_DATE,
        ),
        _spec(
            "tasks",
            ("task_id",),
            optional=("done_on", "main_target", "force_majeure"),
            task_id=_ID,
            assignee_id=_ID,
            assigned_by=_ID,
            assigned_on=_DATE,
            due_on=_DATE,
            done_on=_DATE,
            exceeded=pl.Boolean,
            main_target=pl.Boolean,
            force_majeure=pl.Boolean,
        ),
        _spec(
            "scores",
            ("subject_id", "year", "criterion"),
            optional=("self_score", "appraised_score"),
            subject_id=_ID,
            year=pl.Int64,
            criterion=_ID,
            max_points=pl.Float64,
            self_score=pl.Float64,
            appraised_score=pl.Float64,
        ),
        _spec(
            "households",
            ("household_id",),
            optional=("valid_to",),
            household_id=_ID,
            area_id=_ID,
            valid_from=_DATE,
            valid_to=_DATE,
        ),
        _spec(
            "household_meetings",
            ("meeting_id",),
            optional=("campaign_id",),
            meeting_id=_ID,
            area_id=_ID,
            held_on=_DATE,
            households_total=pl.Int64,
            households_present=pl.Int64,
            campaign_id=_ID,
        ),
        _spec(
            "household_votes",
            ("meeting_id", "household_id"),
            meeting_id=_ID,
            household_id=_ID,
            choice=_ID,
        ),
        _spec(
            "campaigns",
            ("campaign_id",),
            money=("per_household",),
            optional=("posted_on",),
            campaign_id=_ID,
            area_id=_ID,
            decided_on=_DATE,
            per_household=_MONEY,
            compulsory=pl.Boolean,
            posted_on=_DATE,
        ),
        _spec(
            "contributions",
            ("receipt_no",),
            money=("amount",),
            receipt_no=_ID,
            household_id=_ID,
            campaign_id=_ID,
            amount=_MONEY,
            received_on=_DATE,
        ),
        _spec(
            "disbursements",
            ("disbursement_id",),
            money=("amount",),
            optional=("approved_by",),
            disbursement_id=_ID,
            campaign_id=_ID,
            amount=_MONEY,
            spent_on=_DATE,
            approved_by=_ID,
        ),
        _spec(
            "postings",
            ("posting_id",),
            optional=("removed_on",),
            posting_id=_ID,
            subject_id=_ID,
            posted_on=_DATE,
            removed_on=_DATE,
        ),
        _spec(
            "sanctions",
            ("sanction_id",),
            optional=("violation_on", "self_remedied"),
            sanction_id=_ID,
            subject_id=_ID,
            form=_ID,
            decided_on=_DATE,
            announced_on=_DATE,
            decided_by_org=_ID,
            decided_by_kind=_ID,
            violation_on=_DATE,
            self_remedied=pl.Boolean,
        ),
        _spec(
            "posts",
            ("member_id", "org_id", "post", "start"),
            optional=("end",),
            member_id=_ID,
            org_id=_ID,
            post=_ID,
            start=_DATE,
            end=_DATE,
        ),
        _spec(
            "exemptions",
            ("member_id", "kind", "start"),
            optional=("end",),
            member_id=_ID,
            kind=_ID,
            start=_DATE,
            end=_DATE,
        ),
        _spec("rating_proposals", ("subject_id", "year"), subject_id=_ID, year=pl.Int64, level=_ID),
    )
}


# How each table refers to others: (table, column) must exist in (table, column).
_REFERENCES: tuple[tuple[str, str, str, str], ...] = (
    ("cell_memberships", "member_id", "members", "member_id"),
    ("attendance", "member_id", "members", "member_id"),
    ("attendance", "meeting_id", "meetings", "meeting_id"),
    ("income_bases", "member_id", "members", "member_id"),
    ("dues_payments", "member_id", "members", "member_id"),
    ("household_votes", "household_id", "households", "household_id"),
    ("household_votes", "meeting_id", "household_meetings", "meeting_id"),
    ("contributions", "household_id", "households", "household_id"),
    ("contributions", "campaign_id", "campaigns", "campaign_id"),
    ("disbursements", "campaign_id", "campaigns", "campaign_id"),
    ("ledger_entries", "org_id", "ledgers", "org_id"),
)

_MAX_REPORTED = 20  # problems listed per error; the count says how many there were
_CHECKED = object()  # marks tables that passed validation (subsets of checked facts stay checked)


def _conform(
    spec: TableSpec, frame: pl.DataFrame, problems: list[tuple[str, int | None, str, object, str]]
) -> pl.DataFrame:
    missing = [c for c in spec.columns if c not in frame.columns]
    for c in missing:
        if c in spec.optional:
            frame = frame.with_columns(pl.lit(None, dtype=spec.columns[c]).alias(c))
        else:
            problems.append((spec.name, None, c, None, "column missing"))
    if any(c not in spec.optional for c in missing):
        return spec.empty()
    out = []
    for c, dtype in spec.columns.items():
        column = frame.get_column(c)
        try:
            if dtype == pl.Date and column.dtype == pl.String:  # SQL drivers and CSV give ISO text
                out.append(column.str.to_date("%Y-%m-%d", strict=True))
                continue
            out.append(column.cast(dtype, strict=True))
        except Exception:  # polars raises InvalidOperationError / ComputeError for a bad cast
            lenient = (
                column.str.to_date("%Y-%m-%d", strict=False)
                if dtype == pl.Date and column.dtype == pl.String
                else column.cast(dtype, strict=False)
            )
            failed = [
                i
                for i, (a, b) in enumerate(zip(column, lenient, strict=True))
                if a is not None and b is None
            ]
            if failed:
                problems.extend(
                    (spec.name, i, c, column[i], f"cannot be read as {dtype}")
                    for i in failed[:_MAX_REPORTED]
                )
            else:
                problems.append(
                    (spec.name, None, c, str(frame.schema[c]), f"cannot be read as {dtype}")
                )
            out.append(pl.Series(c, [None] * frame.height, dtype=dtype))
    return pl.DataFrame(out)


def _check_table(
    spec: TableSpec, frame: pl.DataFrame, problems: list[tuple[str, int | None, str, object, str]]
) -> None:
    indexed = frame.with_row_index("__row")
    for c in spec.columns:
        if c in spec.optional:
            continue
        bad = indexed.filter(pl.col(c).is_null()).head(_MAX_REPORTED)
        problems.extend((spec.name, int(r), c, None, "missing value") for r in bad["__row"])
    for c in spec.money:
        bad = indexed.filter(pl.col(c) < 0).head(_MAX_REPORTED)
        problems.extend(
            (spec.name, int(r), c, int(v), "negative amount")
            for r, v in zip(bad["__row"], bad[c], strict=True)
        )
    if frame.height:
        dup = indexed.filter(pl.struct(list(spec.key)).is_duplicated()).head(_MAX_REPORTED)
        for row in dup.iter_rows(named=True):
            value = tuple(row[k] for k in spec.key)
            problems.append(
                (spec.name, int(row["__row"]), ",".join(spec.key), value, "duplicate key")
            )


def _check_references(
    frames: Mapping[str, pl.DataFrame], problems: list[tuple[str, int | None, str, object, str]]
) -> None:
    for table, column, target, target_column in _REFERENCES:
        child = frames[table]
        if not child.height:
            continue
        known = frames[target].get_column(target_column).unique()
        bad = (
            child.with_row_index("__row")
            .filter(~pl.col(column).is_in(known.implode()))
            .head(_MAX_REPORTED)
        )
        problems.extend(
            (table, int(r), column, v, f"unknown {target_column.removesuffix('_id')}")
            for r, v in zip(bad["__row"], bad[column], strict=True)
        )
    stays = frames["cell_memberships"]
    if stays.height > 1:
        far = _dt.date(9999, 12, 31)
        overlapping = (
            stays.with_row_index("__row")
            .with_columns(end_or_open=pl.col("end").fill_null(far))
            .sort("member_id", "start")
            .with_columns(previous_end=pl.col("end_or_open").shift(1).over("member_id"))
            .filter(
                pl.col("previous_end").is_not_null() & (pl.col("start") < pl.col("previous_end"))
            )
            .head(_MAX_REPORTED)
        )
        problems.extend(
            ("cell_memberships", int(r), "start", (m, d), "member in two cells at once")
            for r, m, d in zip(
                overlapping["__row"], overlapping["member_id"], overlapping["start"], strict=True
            )
        )
    payments = frames["dues_payments"]
    if payments.height:
        early = (
            payments.with_row_index("__row")
            .join(frames["members"].select("member_id", "admitted_on"), on="member_id", how="inner")
            .filter(pl.col("month") < pl.col("admitted_on").dt.month_start())
            .head(_MAX_REPORTED)
        )
        problems.extend(
            ("dues_payments", int(r), "month", m, "payment for a month before admission")
            for r, m in zip(early["__row"], early["month"], strict=True)
        )


def covers(day: _dt.date | pl.Expr, start: str = "start", end: str = "end") -> pl.Expr:
    """Whether the half-open period ``[start, end)`` of each row (an open end: still running) contains
    ``day`` (a date or a date column): the test every membership, post and exemption lookup makes."""
    when = day if isinstance(day, pl.Expr) else pl.lit(day, dtype=pl.Date)
    return (pl.col(start) <= when) & (pl.col(end).is_null() | (pl.col(end) > when))


def on_roll(facts: Facts, day: _dt.date) -> pl.LazyFrame:
    """``member_id`` and ``cell_id`` of every member on a cell's roll on ``day``: admitted by then, not
    gone, and in a cell that day."""
    members = (
        facts.lazy("members").filter(covers(day, "admitted_on", "left_on")).select("member_id")
    )
    return (
        facts.lazy("cell_memberships")
        .filter(covers(day))
        .join(members, on="member_id")
        .select("member_id", "cell_id")
    )


@attrs.frozen
class Facts:
    """Validated fact tables. Build one with :meth:`from_frames`, :meth:`from_records`,
    :meth:`read_parquet`, :meth:`read_csv` or :meth:`from_sql`.

    Raises:
        InvalidFacts: a table failed validation; every problem names the table, the row, the column
            and the value.
    """

    tables: Mapping[str, pl.DataFrame]
    _checked: object = attrs.field(default=None, repr=False, eq=False, alias="_checked")

    def __attrs_post_init__(self) -> None:
        if self._checked is not _CHECKED:  # built directly: validate like every other way in
            object.__setattr__(self, "tables", Facts.from_frames(self.tables).tables)
            object.__setattr__(self, "_checked", _CHECKED)

    @classmethod
    def from_frames(cls, frames: Mapping[str, pl.DataFrame]) -> Facts:
        """Validate ``frames`` (missing tables are empty) and return the facts."""
        unknown = sorted(set(frames) - set(SCHEMAS))
        problems: list[tuple[str, int | None, str, object, str]] = [
            (name, None, "*", None, "unknown table") for name in unknown
        ]
        conformed: dict[str, pl.DataFrame] = {}
        for name, spec in SCHEMAS.items():
            frame = frames.get(name)
            conformed[name] = spec.empty() if frame is None else _conform(spec, frame, problems)
        if not problems:  # tables that could not be read are not checked further
            for name, spec in SCHEMAS.items():
                _check_table(spec, conformed[name], problems)
            _check_references(conformed, problems)
        if problems:
            raise InvalidFacts(problems)
        return cls(conformed, _checked=_CHECKED)

    def __getitem__(self, name: str) -> pl.DataFrame:
        return self.tables[name]

    def lazy(self, name: str) -> pl.LazyFrame:
        """Table ``name`` as a lazy frame."""
        return self.tables[name].lazy()

    # -- sources ------------------------------------------------------------------------------
    @classmethod
    def from_records(cls, records: Iterable[object]) -> Facts:
        """Facts from model records (members, memberships, meetings, payments...), of any mix of types.

        Organisations and their links give the ``orgs`` table; it holds one parent per organisation, the
        one of its latest link (the tree as the records leave it).
        """
        rows: dict[str, list[dict[str, object]]] = {name: [] for name in SCHEMAS}
        links: dict[str, _org.OrgLink] = {}
        for record in records:
            if isinstance(record, _org.OrgLink):
                if (
                    record.child_id not in links
                    or links[record.child_id].valid.start < record.valid.start
                ):
                    links[record.child_id] = record
                continue
            converter = _ROW_MAKERS.get(type(record))
            if converter is None:
                from kiemtra._errors import InvalidInput

                raise InvalidInput(
                    "records", type(record).__name__, "no fact table takes this record type"
                )
            for table, row in converter(record):
                rows[table].append(row)
        for row in rows["orgs"]:
            link = links.get(str(row["org_id"]))
            row["parent_id"] = None if link is None else link.parent_id
        return cls.from_frames(
            {
                name: pl.DataFrame(r, schema=dict(SCHEMAS[name].columns), orient="row")
                if r
                else SCHEMAS[name].empty()
                for name, r in rows.items()
            }
        )

    @classmethod
    def read_parquet(cls, folder: str | Path) -> Facts:
        """Facts from ``<folder>/<table>.parquet`` files (absent files are empty tables)."""
        base = Path(folder)
        return cls.from_frames(
            {
                n: pl.read_parquet(base / f"{n}.parquet")
                for n in SCHEMAS
                if (base / f"{n}.parquet").exists()
            }
        )

    @classmethod
    def read_csv(cls, folder: str | Path) -> Facts:
        """Facts from ``<folder>/<table>.csv`` files, typed by the declared schemas."""
        base = Path(folder)
        frames = {}
        for name, spec in SCHEMAS.items():
            path = base / f"{name}.csv"
            if path.exists():
                frames[name] = pl.read_csv(
                    path, schema_overrides=dict(spec.columns), try_parse_dates=False
                )
        return cls.from_frames(frames)

    @classmethod
    def from_sql(cls, connection: Any, queries: Mapping[str, str]) -> Facts:
        """Facts from a host's SQL: ``queries`` maps a table name to a query returning its columns.

        Args:
            connection: A SQLAlchemy connection or engine (or any connection polars can read from).
            queries: ``{table: "SELECT ..."}``.
        """
        return cls.from_frames(
            {name: pl.read_database(q, connection) for name, q in queries.items()}
        )

    def write_parquet(self, folder: str | Path) -> None:
        """Write every non-empty table to ``<folder>/<table>.parquet``."""
        base = Path(folder)
        base.mkdir(parents=True, exist_ok=True)
        for name, frame in self.tables.items():
            if frame.height:
                frame.write_parquet(base / f"{name}.parquet")

    # -- subsets ------------------------------------------------------------------------------
    def for_members(self, member_ids: Iterable[str]) -> Facts:
        """Only what concerns ``member_ids``: their rows, their cells' meetings, their cells' orgs."""
        ids = pl.Series(list(member_ids), dtype=pl.String).implode()
        t = self.tables
        memberships = t["cell_memberships"].filter(pl.col("member_id").is_in(ids))
        cells = memberships.get_column("cell_id").unique().implode()
        meetings = t["meetings"].filter(pl.col("cell_id").is_in(cells))
        subset = dict(t)
        subset.update(
            members=t["members"].filter(pl.col("member_id").is_in(ids)),
            cell_memberships=memberships,
            meetings=meetings,
            attendance=t["attendance"].filter(pl.col("member_id").is_in(ids)),
            income_bases=t["income_bases"].filter(pl.col("member_id").is_in(ids)),
            dues_payments=t["dues_payments"].filter(pl.col("member_id").is_in(ids)),
            tasks=t["tasks"].filter(pl.col("assignee_id").is_in(ids)),
            scores=t["scores"].filter(pl.col("subject_id").is_in(ids)),
            sanctions=t["sanctions"].filter(pl.col("subject_id").is_in(ids)),
        )
        return Facts(subset, _checked=_CHECKED)

    def for_orgs(self, org_ids: Iterable[str]) -> Facts:
        """Only what concerns the organisations ``org_ids`` (cells, wards) and their members."""
        orgs = pl.Series(list(org_ids), dtype=pl.String).implode()
        t = self.tables
        members = (
            t["cell_memberships"].filter(pl.col("cell_id").is_in(orgs)).get_column("member_id")
        )
        subset = dict(self.for_members(members).tables)
        subset.update(
            ledgers=t["ledgers"].filter(pl.col("org_id").is_in(orgs)),
            ledger_entries=t["ledger_entries"].filter(pl.col("org_id").is_in(orgs)),
            remittances=t["remittances"].filter(pl.col("from_org").is_in(orgs)),
            deposits=t["deposits"].filter(pl.col("org_id").is_in(orgs)),
        )
        return Facts(subset, _checked=_CHECKED)

    def for_campaigns(self, campaign_ids: Iterable[str]) -> Facts:
        """Only what concerns the fund campaigns ``campaign_ids``."""
        ids = pl.Series(list(campaign_ids), dtype=pl.String).implode()
        t = self.tables
        campaigns = t["campaigns"].filter(pl.col("campaign_id").is_in(ids))
        subset = dict(t)
        subset.update(
            campaigns=campaigns,
            household_meetings=t["household_meetings"].filter(pl.col("campaign_id").is_in(ids)),
            contributions=t["contributions"].filter(pl.col("campaign_id").is_in(ids)),
            disbursements=t["disbursements"].filter(pl.col("campaign_id").is_in(ids)),
            postings=t["postings"].filter(pl.col("subject_id").is_in(ids)),
            settlements=t["settlements"].filter(pl.col("subject_id").is_in(ids)),
        )
        meetings = subset["household_meetings"].get_column("meeting_id").implode()
        subset["household_votes"] = t["household_votes"].filter(
            pl.col("meeting_id").is_in(meetings)
        )
        return Facts(subset, _checked=_CHECKED)


# -- model records to rows -------------------------------------------------------------------------
def _d(value: _dt.date | None) -> _dt.date | None:
    return None if value is None else _dt.date(value.year, value.month, value.day)


def _rows_member(m: _member.Member) -> list[tuple[str, dict[str, object]]]:
    return [
        (
            "members",
            {
                "member_id": m.id,
                "admitted_on": _d(m.admitted_on),
                "probation_ends_on": _d(m.probation_ends_on),
                "full_member_on": _d(m.full_member_on),
                "dues_category": m.dues_category.value,
                "birth_date": _d(m.birth_date),
                "managed_by": m.managed_by,
                "left_on": _d(m.left_on),
            },
        )
    ]


def _rows_simple(
    table: str, fields: Mapping[str, Callable[[Any], object]]
) -> Callable[[Any], list[tuple[str, dict[str, object]]]]:
    def make(record: Any) -> list[tuple[str, dict[str, object]]]:
        return [(table, {column: get(record) for column, get in fields.items()})]

    return make


def _ledger_rows(ledger: _records.Ledger) -> list[tuple[str, dict[str, object]]]:
    start = _d(ledger.period.start)
    out: list[tuple[str, dict[str, object]]] = [
        (
            "ledgers",
            {
                "org_id": ledger.org_id,
                "period_start": start,
                "period_end": _d(ledger.period.end),
                "collected": ledger.collected.dong,
                "retained": ledger.retained.dong,
                "remitted": ledger.remitted.dong,
            },
        )
    ]
    out.extend(
        (
            "ledger_entries",
            {
                "org_id": ledger.org_id,
                "period_start": start,
                "entry_no": e.entry_no,
                "on": _d(e.on),
                "kind": e.kind.value,
                "amount": e.amount.dong,
                "ref": e.ref,
                "member_id": e.member_id,
            },
        )
        for e in ledger.entries
    )
    return out


_ROW_MAKERS: dict[type, Callable[[Any], list[tuple[str, dict[str, object]]]]] = {
    _org.Organisation: _rows_simple(
        "orgs",
        {
            "org_id": lambda r: r.id,
            "parent_id": lambda r: None,
            "level": lambda r: r.level.value,
            "kind": lambda r: r.kind.value,
        },
    ),
    _member.PostHolding: _rows_simple(
        "posts",
        {
            "member_id": lambda r: r.member_id,
            "org_id": lambda r: r.body.org_id,
            "post": lambda r: r.post,
            "start": lambda r: _d(r.valid.start),
            "end": lambda r: _d(r.valid.end),
        },
    ),
    _member.Member: _rows_member,
    _member.CellMembership: _rows_simple(
        "cell_memberships",
        {
            "member_id": lambda r: r.member_id,
            "cell_id": lambda r: r.cell_id,
            "start": lambda r: _d(r.valid.start),
            "end": lambda r: _d(r.valid.end),
        },
    ),
    _records.CellMeeting: _rows_simple(
        "meetings",
        {
            "meeting_id": lambda r: r.id,
            "cell_id": lambda r: r.cell_id,
            "held_on": lambda r: _d(r.held_on),
            "kind": lambda r: r.kind.value,
            "duration_minutes": lambda r: r.duration_minutes,
        },
    ),
    _records.Attendance: _rows_simple(
        "attendance",
        {
            "meeting_id": lambda r: r.meeting_id,
            "member_id": lambda r: r.member_id,
            "present": lambda r: r.present,
            "excused": lambda r: r.excused,
            "excuse_reason": lambda r: r.excuse_reason,
        },
    ),
    _records.IncomeBase: _rows_simple(
        "income_bases",
        {
            "member_id": lambda r: r.member_id,
            "month": lambda r: _d(r.month),
            "kind": lambda r: r.kind.value,
            "amount": lambda r: r.amount.dong,
        },
    ),
    _records.DuesPayment: _rows_simple(
        "dues_payments",
        {
            "receipt_no": lambda r: r.receipt_no,
            "member_id": lambda r: r.member_id,
            "month": lambda r: _d(r.month),
            "amount": lambda r: r.amount.dong,
            "paid_on": lambda r: _d(r.paid_on),
        },
    ),
    _records.Ledger: _ledger_rows,
    _records.Remittance: _rows_simple(
        "remittances",
        {
            "remittance_id": lambda r: r.id,
            "from_org": lambda r: r.from_org,
            "to_org": lambda r: r.to_org,
            "period_start": lambda r: _d(r.period.start),
            "period_end": lambda r: _d(r.period.end),
            "amount": lambda r: r.amount.dong,
            "sent_on": lambda r: _d(r.sent_on),
        },
    ),
    _records.BankDeposit: _rows_simple(
        "deposits",
        {
            "deposit_id": lambda r: r.id,
            "org_id": lambda r: r.org_id,
            "amount": lambda r: r.amount.dong,
            "deposited_on": lambda r: _d(r.deposited_on),
            "account": lambda r: r.account,
        },
    ),
    _records.PublishedSettlement: _rows_simple(
        "settlements",
        {
            "settlement_id": lambda r: r.id,
            "org_id": lambda r: r.org_id,
            "subject_id": lambda r: r.subject_id,
            "period_start": lambda r: _d(r.period.start),
            "period_end": lambda r: _d(r.period.end),
            "collected": lambda r: r.collected.dong,
            "spent": lambda r: r.spent.dong,
            "published_on": lambda r: _d(r.published_on),
        },
    ),
    _records.AssignedTask: _rows_simple(
        "tasks",
        {
            "task_id": lambda r: r.id,
            "assignee_id": lambda r: r.assignee_id,
            "assigned_by": lambda r: r.assigned_by,
            "assigned_on": lambda r: _d(r.assigned_on),
            "due_on": lambda r: _d(r.due_on),
            "done_on": lambda r: _d(r.done_on),
            "exceeded": lambda r: r.exceeded,
        },
    ),
    _records.CriterionScore: _rows_simple(
        "scores",
        {
            "subject_id": lambda r: r.subject_id,
            "year": lambda r: r.year,
            "criterion": lambda r: r.criterion,
            "max_points": lambda r: float(r.max_points),
            "self_score": lambda r: None if r.self_score is None else float(r.self_score),
            "appraised_score": lambda r: (
                None if r.appraised_score is None else float(r.appraised_score)
            ),
        },
    ),
    _records.SanctionRecord: _rows_simple(
        "sanctions",
        {
            "sanction_id": lambda r: r.id,
            "subject_id": lambda r: r.subject_id,
            "form": lambda r: r.form,
            "decided_on": lambda r: _d(r.decided_on),
            "announced_on": lambda r: _d(r.announced_on),
            "decided_by_org": lambda r: r.decided_by.org_id,
            "decided_by_kind": lambda r: r.decided_by.kind,
            "violation_on": lambda r: _d(r.violation_on),
        },
    ),
    _funds.Household: _rows_simple(
        "households",
        {
            "household_id": lambda r: r.id,
            "area_id": lambda r: r.area_id,
            "valid_from": lambda r: _d(r.valid.start),
            "valid_to": lambda r: _d(r.valid.end),
        },
    ),
    _funds.HouseholdMeeting: _rows_simple(
        "household_meetings",
        {
            "meeting_id": lambda r: r.id,
            "area_id": lambda r: r.area_id,
            "held_on": lambda r: _d(r.held_on),
            "households_total": lambda r: r.households_total,
            "households_present": lambda r: r.households_present,
            "campaign_id": lambda r: r.campaign_id,
        },
    ),
    _funds.HouseholdVote: _rows_simple(
        "household_votes",
        {
            "meeting_id": lambda r: r.meeting_id,
            "household_id": lambda r: r.household_id,
            "choice": lambda r: r.choice.value,
        },
    ),
    _funds.FundCampaign: _rows_simple(
        "campaigns",
        {
            "campaign_id": lambda r: r.id,
            "area_id": lambda r: r.area_id,
            "decided_on": lambda r: _d(r.decided_on),
            "per_household": lambda r: r.per_household.dong,
            "compulsory": lambda r: r.compulsory,
            "posted_on": lambda r: _d(r.posted_on),
        },
    ),
    _funds.Contribution: _rows_simple(
        "contributions",
        {
            "receipt_no": lambda r: r.receipt_no,
            "household_id": lambda r: r.household_id,
            "campaign_id": lambda r: r.campaign_id,
            "amount": lambda r: r.amount.dong,
            "received_on": lambda r: _d(r.received_on),
        },
    ),
    _funds.Disbursement: _rows_simple(
        "disbursements",
        {
            "disbursement_id": lambda r: r.id,
            "campaign_id": lambda r: r.campaign_id,
            "amount": lambda r: r.amount.dong,
            "spent_on": lambda r: _d(r.spent_on),
            "approved_by": lambda r: r.approved_by,
        },
    ),
    _funds.Posting: _rows_simple(
        "postings",
        {
            "posting_id": lambda r: r.id,
            "subject_id": lambda r: r.subject_id,
            "posted_on": lambda r: _d(r.posted_on),
            "removed_on": lambda r: _d(r.removed_on),
        },
    ),
}
