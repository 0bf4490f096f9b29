"""The error tree: one base, typed details, messages that name what they refer to."""

from __future__ import annotations

import pendulum

from kiemtra import (
    Explanation,
    IntegrityError,
    InvalidInput,
    KiemtraError,
    NotInForce,
    PermissionDenied,
    SchemaVersionError,
    StaleWrite,
    StoreError,
    TransitionNotAllowed,
)
from kiemtra._errors import error_details


def test_invalid_input_names_field_value_and_rule() -> None:
    """The message carries the field, the value and the rule."""
    err = InvalidInput("DuesPayment.amount", -5, "cannot be negative", rule="dues.rate")
    assert str(err) == "DuesPayment.amount=-5: cannot be negative [rule dues.rate]"


def test_invalid_input_is_a_value_error() -> None:
    """Hosts catching ValueError also catch invalid input."""
    assert isinstance(InvalidInput("f", 1, "bad"), ValueError)


def test_long_values_are_shortened_in_messages() -> None:
    """A huge value does not flood the message, but stays whole on the attribute."""
    err = InvalidInput("f", "x" * 500, "bad")
    assert (len(str(err)) < 120, err.value) == (True, "x" * 500)


def test_not_in_force_names_key_and_date() -> None:
    """NotInForce says what was looked up and for which day."""
    err = NotInForce("rating.quota", pendulum.date(2015, 1, 1))
    assert str(err) == "no parameter 'rating.quota' in force on 2015-01-01 [rule rating.quota]"


def test_transition_not_allowed_names_case_state_and_reasons() -> None:
    """A refused move names the case, its state, the move and each reason's key."""
    reason = Explanation("guard.deadline", "1", "blocked.deadline_passed")
    err = TransitionNotAllowed("c-1", "notified", "complain", [reason])
    assert str(err) == (
        "case c-1 in state 'notified': move 'complain' refused (blocked.deadline_passed)"
        " [rule guard.deadline]"
    )


def test_permission_denied_does_not_reveal_content() -> None:
    """The message names the actor, the action and the target, nothing more."""
    err = PermissionDenied("m-7 as member of cell@c1", "read", "case c-1 field denouncer")
    assert str(err) == "m-7 as member of cell@c1 may not read case c-1 field denouncer"


def test_stale_write_names_versions() -> None:
    """A stale write says which version was expected and which is stored."""
    assert StaleWrite("c-1", 3, 4).actual == 4


def test_integrity_error_names_the_link() -> None:
    """An integrity error names the case and seq of the first broken link."""
    assert (
        str(IntegrityError("c-1", 5, "hash mismatch"))
        == "case c-1 seq 5: integrity broken: hash mismatch"
    )


def test_schema_version_error_is_a_store_error() -> None:
    """A too-new schema is a store error and a kiemtra error."""
    err = SchemaVersionError(9, 1)
    assert isinstance(err, StoreError) and isinstance(err, KiemtraError)


def test_error_details_are_a_mapping() -> None:
    """A host can log an error's details without parsing the message."""
    details = error_details(StaleWrite("c-1", 3, 4))
    assert (details["case_id"], details["expected"], details["actual"]) == ("c-1", 3, 4)
