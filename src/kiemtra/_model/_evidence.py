"""Evidence and the confidential records of a case: who denounced, what witnesses said, drafts.

Fields marked confidential are hidden structurally from any actor without access (see
``_confidential``); the rest of each record (ids, dates) stays visible so a case can be followed.
"""

from __future__ import annotations

import re
from typing import Any, Final

import attrs
import pendulum

from kiemtra._errors import InvalidInput
from kiemtra._model._actor import Body
from kiemtra._model._confidential import CONFIDENTIAL
from kiemtra._model._fields import (
    check_date,
    check_id,
    check_instant,
    check_name,
    check_opt_id,
    check_positive,
    check_text,
    check_type,
    field_name,
    to_date,
    to_instant,
)

__all__ = ["DenouncerIdentity", "DraftConclusion", "EvidenceRef", "WitnessStatement"]

_SHA256: Final = re.compile(r"[0-9a-f]{64}")


def _check_sha256(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not (isinstance(value, str) and _SHA256.fullmatch(value)):
        raise InvalidInput(
            field_name(instance, attribute), value, "expected 64 lowercase hex digits"
        )


def _check_opt_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        check_text(instance, attribute, value)


@attrs.frozen
class EvidenceRef:
    """A piece of evidence: the date of the fact it shows, kept apart from when it was uploaded.

    Args:
        id: The evidence.
        kind: What it is, as the host names it (``"minutes"``, ``"receipt"``, ``"photo"``).
        description: What it shows.
        fact_date: The day of the fact it shows (a meeting, a payment).
        uploaded_at: The instant it entered the system; an aware datetime.
        case_id: The case it belongs to, if any.
        content: The content or a pointer to it (confidential).
        sha256: The SHA-256 digest of the content, hex, for tamper evidence.

    Raises:
        NaiveDatetime: ``uploaded_at`` has no time zone.
        InvalidInput: a field is missing or malformed.
    """

    id: str = attrs.field(validator=check_id)
    kind: str = attrs.field(validator=check_id)
    description: str = attrs.field(validator=check_text)
    fact_date: pendulum.Date = attrs.field(converter=to_date, validator=check_date)
    uploaded_at: pendulum.DateTime = attrs.field(converter=to_instant, validator=check_instant)
    case_id: str | None = attrs.field(default=None, validator=check_opt_id)
    content: str | None = attrs.field(
        default=None, metadata=CONFIDENTIAL, validator=_check_opt_text
    )
    sha256: str | None = attrs.field(default=None, validator=_check_sha256)


@attrs.frozen
class DenouncerIdentity:
    """Who a denouncer is. Only the pseudonymous ``person_id`` may be shown without access.

    Args:
        person_id: The pseudonymous id the case uses (as in ``OutsidePerson.person_id``).
        case_id: The denunciation case.
        full_name: The denouncer's name (confidential).
        address: The denouncer's address (confidential).
        contact: A phone number or other contact (confidential).
    """

    person_id: str = attrs.field(validator=check_id)
    case_id: str = attrs.field(validator=check_id)
    full_name: str = attrs.field(metadata=CONFIDENTIAL, validator=check_name)
    address: str = attrs.field(default="", metadata=CONFIDENTIAL, validator=check_text)
    contact: str = attrs.field(default="", metadata=CONFIDENTIAL, validator=check_text)


@attrs.frozen
class WitnessStatement:
    """What a witness said in a case.

    Args:
        id: The statement.
        case_id: The case.
        witness_id: A pseudonymous id of the witness.
        given_on: When it was given.
        witness_name: The witness's name (confidential).
        statement: What the witness said (confidential).
    """

    id: str = attrs.field(validator=check_id)
    case_id: str = attrs.field(validator=check_id)
    witness_id: str = attrs.field(validator=check_id)
    given_on: pendulum.Date = attrs.field(converter=to_date, validator=check_date)
    witness_name: str = attrs.field(metadata=CONFIDENTIAL, validator=check_name)
    statement: str = attrs.field(metadata=CONFIDENTIAL, validator=check_text)


@attrs.frozen
class DraftConclusion:
    """A draft of a case's conclusion (dự thảo), confidential until concluded.

    Args:
        id: The draft.
        case_id: The case.
        version: 1 for the first draft, then 2...
        drafted_on: When.
        drafted_by: The body (an inspection team, a commission) that drafted it.
        text: The draft (confidential).
        proposed_form: The sanction form it proposes, if any (confidential).
    """

    id: str = attrs.field(validator=check_id)
    case_id: str = attrs.field(validator=check_id)
    version: int = attrs.field(validator=check_positive)
    drafted_on: pendulum.Date = attrs.field(converter=to_date, validator=check_date)
    drafted_by: Body = attrs.field(validator=check_type(Body))
    text: str = attrs.field(metadata=CONFIDENTIAL, validator=check_text)
    proposed_form: str | None = attrs.field(
        default=None, metadata=CONFIDENTIAL, validator=check_opt_id
    )
