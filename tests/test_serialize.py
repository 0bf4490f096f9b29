"""JSON round trips of every model type, actor and explanation; bad JSON refused by field."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

import cattrs
import pendulum
import pytest
from hypothesis import given

from kiemtra import (
    Actor,
    Body,
    BodyActor,
    DateRange,
    Explanation,
    InvalidInput,
    InvalidPeriod,
    MemberActor,
    Money,
    NaiveDatetime,
    NegativeAmount,
    OutsidePerson,
    Range,
    SystemActor,
    UnknownZone,
)
from kiemtra._model._records import CellMeeting, DuesPayment
from kiemtra._model._roll import Roll
from kiemtra._serialize import from_json, make_converter, to_json
from kiemtra.testing import MODEL_TYPES, RecordFactory, make_member, st_explanation, strategies_for

D = pendulum.date
CONVERTER = make_converter()


def _round_trip(obj: object, cls: Any) -> tuple[object, str]:
    text = to_json(obj, converter=CONVERTER)
    return from_json(text, cls, converter=CONVERTER), text


@pytest.mark.parametrize("cls", MODEL_TYPES, ids=[c.__name__ for c in MODEL_TYPES])
def test_every_model_type_round_trips_through_json(cls: type) -> None:
    """to_json then from_json gives an equal object, and writing it again gives the same text."""

    @given(strategies_for(cls))
    def round_trips(obj: object) -> None:
        back, text = _round_trip(obj, cls)
        assert (back, to_json(back, converter=CONVERTER)) == (obj, text)

    round_trips()


@given(st_explanation())
def test_an_explanation_round_trips_with_zone_names(explanation: Explanation) -> None:
    """Every instant among an explanation's values comes back in the zone it was written in."""
    back, _ = _round_trip(explanation, Explanation)
    assert isinstance(back, Explanation)
    zones = {k: getattr(v, "timezone_name", None) for k, v in explanation.args.items()}
    assert {k: getattr(v, "timezone_name", None) for k, v in back.args.items()} == zones


def test_an_instant_keeps_its_zone_name_not_only_its_offset() -> None:
    """An instant in Paris summer time is written with the zone name Europe/Paris."""
    at = pendulum.datetime(2025, 7, 1, 9, tz="Europe/Paris")
    assert json.loads(to_json(at)) == {"utc": "2025-07-01T07:00:00+00:00", "zone": "Europe/Paris"}


def test_an_instant_with_a_bare_offset_keeps_the_offset() -> None:
    """An instant given only with an offset comes back with that offset."""
    at = pendulum.datetime(2019, 1, 10, 8, 1, tz=pendulum.FixedTimezone(7 * 3600))
    back = from_json(to_json(at), pendulum.DateTime)
    assert (back, back.timezone_name) == (at, "+07:00")


def test_money_is_an_exact_integer() -> None:
    """A sum beyond float precision is written and read back to the đồng."""
    big = Money(10**17 + 1)
    assert (to_json(big), from_json(to_json(big), Money)) == ("100000000000000001", big)


def test_a_fraction_is_written_as_n_over_d() -> None:
    """One third is written "1/3" and read back exactly."""
    assert (to_json(Fraction(1, 3)), from_json('"1/3"', Fraction)) == ('"1/3"', Fraction(1, 3))


def test_a_range_of_money_round_trips() -> None:
    """A range of money (a dues band) comes back as the same range."""
    band = Range(Money(4_000), Money(10_000))
    assert from_json(to_json(band), Range[Money]) == band


ACTORS: list[Actor] = [
    MemberActor("m1", Body("ha-lam", "inspection_commission"), "chair"),
    BodyActor(Body("ha-lam.kp1", "cell_meeting")),
    OutsidePerson("p1", "denouncer"),
    SystemActor("nightly"),
]


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: type(a).__name__)
def test_an_actor_read_as_the_actor_union_keeps_its_class(actor: Actor) -> None:
    """Written as Actor, an actor carries its class name and is read back as that class."""
    back = from_json(to_json(actor, Actor), Actor)
    assert (type(back), back) == (type(actor), actor)


def test_an_actor_written_as_actor_is_tagged() -> None:
    """The tag is the class name under "type"."""
    assert json.loads(to_json(SystemActor("nightly"), Actor))["type"] == "SystemActor"


def test_equal_objects_give_equal_text() -> None:
    """Keys are sorted: argument order does not change the text."""
    one = Explanation("r", "1", "k", args={"a": 1, "b": 2})
    two = Explanation("r", "1", "k", args={"b": 2, "a": 1})
    assert to_json(one) == to_json(two)


def test_each_converter_is_its_own() -> None:
    """A hook registered on one converter changes neither another nor cattrs' global one."""
    mine = make_converter()
    mine.register_unstructure_hook(Money, lambda m: "changed")
    assert (to_json(Money(5)), cattrs.global_converter is not mine) == ("5", True)


def test_an_explanation_with_a_float_cannot_be_written() -> None:
    """A float is not an exact scalar: writing it raises InvalidInput."""
    with pytest.raises(InvalidInput, match="not a scalar"):
        to_json(Explanation("r", "1", "k", args={"x": 0.5}))  # type: ignore[dict-item]


# --- bad JSON ----------------------------------------------------------------------------------

F = RecordFactory()
MEETING = json.loads(to_json(F.meeting(id="m1")))
PAYMENT = json.loads(to_json(F.dues_payment(receipt_no="r1")))
EVIDENCE = json.loads(to_json(F.evidence(id="e1")))


def _with(base: dict[str, Any], **changes: Any) -> str:
    return json.dumps({**base, **changes})


def _refusal(text: str, cls: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        from_json(text, cls)
    return caught.value


def test_an_unknown_zone_is_refused_naming_the_field() -> None:
    """An instant in a zone the tz database lacks raises UnknownZone at its field."""
    text = _with(EVIDENCE, uploaded_at={"utc": "2019-01-11T01:01:00+00:00", "zone": "Asia/Ha_Long"})
    error = _refusal(text, type(F.evidence()))
    assert (type(error), error.field, error.value) == (
        UnknownZone,
        "EvidenceRef.uploaded_at",
        "Asia/Ha_Long",
    )


def test_a_naive_instant_is_refused() -> None:
    """An instant whose UTC time carries no offset raises NaiveDatetime at its field."""
    text = _with(EVIDENCE, uploaded_at={"utc": "2019-01-11T01:01:00", "zone": "Asia/Ho_Chi_Minh"})
    error = _refusal(text, type(F.evidence()))
    assert (type(error), error.field) == (NaiveDatetime, "EvidenceRef.uploaded_at")


def test_negative_money_is_refused() -> None:
    """A negative amount raises NegativeAmount naming the field and the amount."""
    error = _refusal(_with(PAYMENT, amount=-80_000), DuesPayment)
    assert (type(error), error.field, error.value) == (
        NegativeAmount,
        "DuesPayment.amount",
        -80_000,
    )


def test_money_with_a_fraction_part_is_refused() -> None:
    """A JSON number with a fraction part is never money."""
    error = _refusal(_with(PAYMENT, amount=80_000.5), DuesPayment)
    assert (error.field, error.value) == ("DuesPayment.amount", 80_000.5)


def test_a_number_given_as_text_is_refused() -> None:
    """Strings are not coerced into numbers."""
    error = _refusal(_with(MEETING, duration_minutes="90"), CellMeeting)
    assert (error.field, error.value) == ("CellMeeting.duration_minutes", "90")


def test_an_impossible_date_is_refused() -> None:
    """The 13th month raises InvalidInput naming the field and the text."""
    error = _refusal(_with(MEETING, held_on="2019-13-10"), CellMeeting)
    assert (error.field, error.value) == ("CellMeeting.held_on", "2019-13-10")


def test_an_unknown_enum_value_is_refused() -> None:
    """A meeting kind the model does not know is refused at its field."""
    error = _refusal(_with(MEETING, kind="weekly"), CellMeeting)
    assert (error.field, error.value) == ("CellMeeting.kind", "weekly")


def test_a_missing_field_is_refused() -> None:
    """A missing required key raises InvalidInput naming it."""
    text = json.dumps({k: v for k, v in MEETING.items() if k != "duration_minutes"})
    error = _refusal(text, CellMeeting)
    assert (error.field, error.reason) == ("CellMeeting.duration_minutes", "missing")


def test_an_unknown_key_is_refused() -> None:
    """A key the model does not have (a typo) raises InvalidInput listing it."""
    error = _refusal(_with(MEETING, duration=90), CellMeeting)
    assert (error.field, error.value) == ("CellMeeting", ["duration"])


def test_text_that_is_not_json_is_refused() -> None:
    """Broken JSON raises InvalidInput naming "json"."""
    assert _refusal('{"id": ', CellMeeting).field == "json"


def test_a_string_where_a_list_belongs_is_refused() -> None:
    """A string is not a list of memberships."""
    member = json.loads(to_json(make_member(id="a")))
    text = json.dumps({"tree": {"organisations": []}, "members": [member], "memberships": "a"})
    error = _refusal(text, Roll)
    assert (error.field, error.value) == ("Roll.memberships", "a")


def test_a_bad_value_deep_inside_is_named_by_its_path() -> None:
    """An error in the third member's admission date names Roll.members[2].admitted_on."""
    members = [json.loads(to_json(make_member(id=f"m{i}"))) for i in range(3)]
    members[2]["admitted_on"] = "2000-02-30"
    text = json.dumps({"tree": {"organisations": []}, "members": members})
    assert _refusal(text, Roll).field == "Roll.members[2].admitted_on"


def test_a_model_rule_broken_in_json_keeps_its_error_type() -> None:
    """Probation ending before admission in JSON raises InvalidPeriod naming the field."""
    member = json.loads(to_json(make_member(id="a")))
    member["probation_ends_on"] = "1999-01-01"
    error = _refusal(json.dumps(member), type(make_member()))
    assert (type(error), error.field) == (InvalidPeriod, "Member.probation_ends_on")


def test_a_bad_scalar_in_an_explanation_is_named_by_its_key() -> None:
    """A malformed tagged value in args names Explanation.args.<key>."""
    data = json.loads(to_json(Explanation("r", "1", "k")))
    data["args"] = {"share": {"type": "fraction", "value": "1/0"}}
    error = _refusal(json.dumps(data), Explanation)
    assert (error.field, error.value) == ("Explanation.args.share", "1/0")


def test_a_date_range_ending_before_it_starts_is_refused() -> None:
    """A range whose end precedes its start raises InvalidPeriod."""
    error = _refusal('{"start": "2025-07-01", "end": "2025-06-30"}', DateRange)
    assert (type(error), error.field) == (InvalidPeriod, "DateRange.end")
