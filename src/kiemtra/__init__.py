"""kiemtra: inspection, supervision and discipline cases as state machines with explainable rules."""

from __future__ import annotations

import importlib.metadata as _metadata

from kiemtra._calendar import Clock, Deadline, FixedClock, StoredInstant, SystemClock, WorkCalendar
from kiemtra._errors import (
    BeyondCompetence,
    DefinitionError,
    ExpulsionRequired,
    InconsistentRecords,
    IntegrityError,
    InvalidFacts,
    InvalidInput,
    InvalidPeriod,
    KiemtraError,
    NaiveDatetime,
    NegativeAmount,
    NotInForce,
    PermissionDenied,
    SanctionNotAllowed,
    SchemaVersionError,
    StaleWrite,
    StoreError,
    TransitionNotAllowed,
    UnknownReference,
    UnknownZone,
)
from kiemtra._hooks import HookFailure, Subscription
from kiemtra._model._actor import Actor, Body, BodyActor, MemberActor, OutsidePerson, SystemActor
from kiemtra._model._confidential import (
    CONFIDENTIAL,
    PERSONAL,
    confidential,
    confidential_fields,
    personal,
    personal_fields,
)
from kiemtra._model._evidence import (
    DenouncerIdentity,
    DraftConclusion,
    EvidenceRef,
    WitnessStatement,
)
from kiemtra._model._funds import (
    Contribution,
    Disbursement,
    FundCampaign,
    Household,
    HouseholdMeeting,
    HouseholdVote,
    Posting,
    VoteChoice,
)
from kiemtra._model._member import CellMembership, DuesCategory, Member, MemberStatus, PostHolding
from kiemtra._model._org import (
    BodyKind,
    Organisation,
    OrgEvent,
    OrgEventKind,
    OrgKind,
    OrgLevel,
    OrgLink,
)
from kiemtra._model._records import (
    AssignedTask,
    Attendance,
    BankDeposit,
    CellMeeting,
    CriterionScore,
    DuesPayment,
    IncomeBase,
    IncomeKind,
    Ledger,
    LedgerEntry,
    LedgerEntryKind,
    MeetingKind,
    PublishedSettlement,
    Remittance,
    SanctionRecord,
)
from kiemtra._model._roll import Roll
from kiemtra._model._tree import OrgTree
from kiemtra._money import Money, Rounding
from kiemtra._pseudonym import Pseudonymiser, personal_data, pseudonymised_export
from kiemtra._rules._explanation import Explanation, GoverningDate
from kiemtra._rules._param import Citation, Param, ParamUse, ParamVersion, Range, Status, Unit
from kiemtra._rules._rule import Consequence, Measure, MeasureKind, Rule, SubjectKind
from kiemtra._rules._rulebook import Override, Rulebook, governing_day
from kiemtra._rules._templates import Templates
from kiemtra._serialize import from_json, make_converter, to_json
from kiemtra._store._access_log import AccessEntry
from kiemtra._store._casefile import StoredRecord
from kiemtra._store._chain import Digest, Verification
from kiemtra._store._memory import MemoryStore
from kiemtra._store._outbox import NOTICE_KINDS, Message, Notice
from kiemtra._store._protocol import (
    AccessLogStore,
    AuditableStore,
    CaseFileStore,
    EventStore,
    OutboxStore,
)
from kiemtra._store._sql import SqlStore, store_metadata
from kiemtra._time import VIETNAM_ZONE, DateRange, Duration, TimeUnit, as_date, as_instant, zone
from kiemtra._workflow._access import AccessPolicy, Competence
from kiemtra._workflow._case import Case, Event, Ground, Subject
from kiemtra._workflow._context import GuardContext
from kiemtra._workflow._definition import (
    Link,
    Move,
    Permit,
    Procedure,
    ProcedureVersion,
    Requirement,
    State,
)
from kiemtra._workflow._directory import Directory, StaticDirectory
from kiemtra._workflow._engine import WORKFLOW_MESSAGE_KEYS, CaseRecord, Engine, MoveOption
from kiemtra._workflow._notify import NoticeRule, Notifications, Reminders
from kiemtra._workflow._redact import Redacted
from kiemtra._workflow._visibility import PopulationRule, View, Visibility, VisibilityRule

try:
    __version__ = _metadata.version("kiemtra")
except (
    _metadata.PackageNotFoundError
):  # pragma: no cover - running from a source tree without metadata
    __version__ = "0+unknown"

__all__ = [
    "AccessEntry",
    "AccessLogStore",
    "AccessPolicy",
    "Actor",
    "AssignedTask",
    "Attendance",
    "AuditableStore",
    "BankDeposit",
    "BeyondCompetence",
    "Body",
    "BodyActor",
    "BodyKind",
    "CONFIDENTIAL",
    "Case",
    "CaseFileStore",
    "CaseRecord",
    "CellMeeting",
    "CellMembership",
    "Citation",
    "Clock",
    "Competence",
    "Consequence",
    "Contribution",
    "CriterionScore",
    "DateRange",
    "Deadline",
    "DefinitionError",
    "DenouncerIdentity",
    "Digest",
    "Directory",
    "Disbursement",
    "DraftConclusion",
    "DuesCategory",
    "DuesPayment",
    "Duration",
    "Engine",
    "Event",
    "EventStore",
    "EvidenceRef",
    "Explanation",
    "ExpulsionRequired",
    "FixedClock",
    "FundCampaign",
    "GoverningDate",
    "Ground",
    "GuardContext",
    "HookFailure",
    "Household",
    "HouseholdMeeting",
    "HouseholdVote",
    "IncomeBase",
    "IncomeKind",
    "InconsistentRecords",
    "IntegrityError",
    "InvalidFacts",
    "InvalidInput",
    "InvalidPeriod",
    "KiemtraError",
    "Ledger",
    "LedgerEntry",
    "LedgerEntryKind",
    "Link",
    "Measure",
    "MeasureKind",
    "MeetingKind",
    "Member",
    "MemberActor",
    "MemberStatus",
    "MemoryStore",
    "Message",
    "Money",
    "Move",
    "MoveOption",
    "NOTICE_KINDS",
    "NaiveDatetime",
    "NegativeAmount",
    "NotInForce",
    "Notice",
    "NoticeRule",
    "Notifications",
    "OrgEvent",
    "OrgEventKind",
    "OrgKind",
    "OrgLevel",
    "OrgLink",
    "OrgTree",
    "Organisation",
    "OutboxStore",
    "OutsidePerson",
    "Override",
    "PERSONAL",
    "Param",
    "ParamUse",
    "ParamVersion",
    "PermissionDenied",
    "Permit",
    "PopulationRule",
    "PostHolding",
    "Posting",
    "Procedure",
    "ProcedureVersion",
    "Pseudonymiser",
    "PublishedSettlement",
    "Range",
    "Redacted",
    "Reminders",
    "Remittance",
    "Requirement",
    "Roll",
    "Rounding",
    "Rule",
    "Rulebook",
    "SanctionNotAllowed",
    "SanctionRecord",
    "SchemaVersionError",
    "SqlStore",
    "StaleWrite",
    "State",
    "StaticDirectory",
    "Status",
    "StoreError",
    "StoredInstant",
    "StoredRecord",
    "Subject",
    "SubjectKind",
    "Subscription",
    "SystemActor",
    "SystemClock",
    "Templates",
    "TimeUnit",
    "TransitionNotAllowed",
    "Unit",
    "UnknownReference",
    "UnknownZone",
    "VIETNAM_ZONE",
    "Verification",
    "View",
    "Visibility",
    "VisibilityRule",
    "VoteChoice",
    "WORKFLOW_MESSAGE_KEYS",
    "WitnessStatement",
    "WorkCalendar",
    "__version__",
    "as_date",
    "as_instant",
    "confidential",
    "confidential_fields",
    "from_json",
    "governing_day",
    "make_converter",
    "personal",
    "personal_data",
    "personal_fields",
    "pseudonymised_export",
    "store_metadata",
    "to_json",
    "zone",
]
