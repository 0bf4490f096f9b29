"""Parameters: typed values, citations, statuses and their own effective periods."""

from __future__ import annotations

from fractions import Fraction

import pendulum
import pytest

from kiemtra import (
    Citation,
    DateRange,
    DefinitionError,
    Duration,
    InvalidInput,
    Money,
    NotInForce,
    Param,
    ParamVersion,
    Range,
    Status,
    Unit,
)

D = pendulum.date
QD30 = Citation("QĐ 30-QĐ/TW (26/7/2016)", "Art 40")
QD22 = Citation("QĐ 22-QĐ/TW (28/7/2021)", "Art 31")
QD296 = Citation("QĐ 296-QĐ/TW (30/5/2025)")


def suspension_max() -> Param:
    """The longest suspension of party activity, which changed twice (regulations.md (e)4)."""
    return Param(
        "suspension.member.max_total",
        Unit.DURATION,
        [
            ParamVersion(
                Duration.working_days(180),
                DateRange(D(2016, 7, 26), D(2021, 7, 28)),
                [QD30],
                Status.CONFIRMED,
            ),
            ParamVersion(
                Duration.days(180),
                DateRange(D(2021, 7, 28), D(2025, 5, 30)),
                [QD22],
                Status.CONFIRMED,
            ),
            ParamVersion(
                Duration.days(120), DateRange(D(2025, 5, 30)), [QD296], Status.UNCONFIRMED
            ),
        ],
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2021, 7, 27), Duration.working_days(180)),  # the day before the first change
        (D(2021, 7, 28), Duration.days(180)),  # on it
        (D(2021, 7, 29), Duration.days(180)),  # the day after
        (D(2025, 5, 29), Duration.days(180)),  # the day before the second change
        (D(2025, 5, 30), Duration.days(120)),  # on it
        (D(2025, 5, 31), Duration.days(120)),  # the day after
    ],
)
def test_value_changes_twice(day: pendulum.Date, expected: Duration) -> None:
    """A parameter that changed twice gives the value of the period containing the day."""
    assert suspension_max().version_at(day).value == expected


def test_status_follows_the_period() -> None:
    """Each period carries its own status: the 2025 value is unconfirmed, the 2021 one is not."""
    p = suspension_max()
    assert (p.use_at(D(2024, 1, 1)).status, p.use_at(D(2026, 1, 1)).status) == (
        Status.CONFIRMED,
        Status.UNCONFIRMED,
    )


def test_before_first_version_is_not_in_force() -> None:
    """Looking up a date before any version raises NotInForce naming the key and the date."""
    with pytest.raises(NotInForce) as info:
        suspension_max().version_at(D(2016, 7, 25))
    assert (info.value.key, info.value.at) == ("suspension.member.max_total", D(2016, 7, 25))


def test_overlapping_versions_are_a_definition_error() -> None:
    """Two versions in force on the same day are refused when the parameter is defined."""
    with pytest.raises(DefinitionError, match="overlap"):
        Param(
            "x",
            Unit.COUNT,
            [
                ParamVersion(3, DateRange(D(2020, 1, 1), D(2022, 1, 1)), [QD22], Status.CONFIRMED),
                ParamVersion(4, DateRange(D(2021, 1, 1)), [QD22], Status.CONFIRMED),
            ],
        )


def test_value_of_the_wrong_unit_is_a_definition_error() -> None:
    """A float where a ratio is declared is refused, so no float reaches a rule."""
    with pytest.raises(DefinitionError, match="expected ratio"):
        Param(
            "x", Unit.RATIO, [ParamVersion(0.2, DateRange(D(2020, 1, 1)), [QD22], Status.CONFIRMED)]
        )


def test_bool_is_not_a_count() -> None:
    """True is not accepted as the count 1."""
    with pytest.raises(DefinitionError):
        Param(
            "x",
            Unit.COUNT,
            [ParamVersion(True, DateRange(D(2020, 1, 1)), [QD22], Status.CONFIRMED)],
        )


def test_version_needs_a_citation() -> None:
    """A value without a citation is refused."""
    with pytest.raises(InvalidInput, match="citation"):
        ParamVersion(3, DateRange(D(2020, 1, 1)), [], Status.CONFIRMED)


def test_choice_outside_choices_is_refused() -> None:
    """A choice parameter only takes the declared choices."""
    with pytest.raises(DefinitionError, match="not among choices"):
        Param(
            "rating.quota.denominator",
            Unit.CHOICE,
            [ParamVersion("everyone", DateRange(D(2019, 10, 18)), [QD22], Status.CONFIRMED)],
            choices=("good_only", "good_and_above"),
        )


def test_range_is_typed() -> None:
    """A "keeps 30–50 %" share is a Range of exact ratios that knows what it contains."""
    keeps = Range(Fraction(3, 10), Fraction(1, 2))
    assert (Fraction(2, 5) in keeps, Fraction(1, 5) in keeps, Fraction(3, 10) in keeps) == (
        True,
        False,
        True,
    )


def test_range_upside_down_is_refused() -> None:
    """A range whose high is below its low is refused, naming the field."""
    with pytest.raises(InvalidInput, match="Range.high"):
        Range(Money(10), Money(5))


def test_range_of_mixed_types_is_refused() -> None:
    """A range mixing a ratio and a count is refused."""
    with pytest.raises(InvalidInput):
        Range(Fraction(1, 2), 3)  # type: ignore[misc]


def test_citation_renders_document_article_clause() -> None:
    """A citation reads as document, article and clause."""
    assert str(Citation("QĐ 69-QĐ/TW", "Art 4", "k2 b")) == "QĐ 69-QĐ/TW Art 4 k2 b"


def test_change_dates_are_in_order() -> None:
    """The days on which new values take effect are listed in order."""
    assert list(suspension_max().change_dates()) == [D(2016, 7, 26), D(2021, 7, 28), D(2025, 5, 30)]
