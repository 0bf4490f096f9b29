"""Actors: who reads and writes. Every write and every read of a case takes one.

A body is a collective organ of an organisation (its committee, standing committee, inspection
commission, the cell meeting...). Body kinds and roles are plain strings that a rulebook defines, so the
engine stays generic.
"""

from __future__ import annotations

from typing import TypeAlias

import attrs

from kiemtra._errors import InvalidInput

__all__ = ["Actor", "Body", "BodyActor", "MemberActor", "OutsidePerson", "SystemActor"]


def _non_empty(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(
            f"{type(instance).__name__}.{attribute.name}", value, "must be a non-empty string"
        )


@attrs.frozen(order=True)
class Body:
    """A collective organ of an organisation.

    Args:
        org_id: The organisation the body belongs to.
        kind: The kind of body, as the rulebook names it (``"inspection_commission"``).
    """

    org_id: str = attrs.field(validator=_non_empty)
    kind: str = attrs.field(validator=_non_empty)

    def __str__(self) -> str:
        return f"{self.kind}@{self.org_id}"


@attrs.frozen
class MemberActor:
    """A member acting for a body in a role (the commission's chair, a cell secretary)."""

    member_id: str = attrs.field(validator=_non_empty)
    body: Body = attrs.field(validator=attrs.validators.instance_of(Body))
    role: str = attrs.field(validator=_non_empty)

    def __str__(self) -> str:
        return f"{self.member_id} as {self.role} of {self.body}"


@attrs.frozen
class BodyActor:
    """A body acting as a whole (a decision voted by the standing committee)."""

    body: Body = attrs.field(validator=attrs.validators.instance_of(Body))

    def __str__(self) -> str:
        return str(self.body)


@attrs.frozen
class OutsidePerson:
    """Someone acting from outside the organisation tree: a denouncer, a complainant.

    Args:
        person_id: A stable pseudonymous id; the person's identity lives in confidential fields.
        capacity: In what capacity they act (``"denouncer"``, ``"complainant"``).
    """

    person_id: str = attrs.field(validator=_non_empty)
    capacity: str = attrs.field(validator=_non_empty)

    def __str__(self) -> str:
        return f"{self.capacity} {self.person_id}"


@attrs.frozen
class SystemActor:
    """The host application itself (a scheduled job), named for the record."""

    name: str = attrs.field(validator=_non_empty)

    def __str__(self) -> str:
        return f"system:{self.name}"


Actor: TypeAlias = MemberActor | BodyActor | OutsidePerson | SystemActor
