"""The rulebook: values in force at a date, host overrides, the date that governs, favourable law."""

from __future__ import annotations

from fractions import Fraction

import pendulum
import pytest

from kiemtra import (
    Citation,
    DateRange,
    DefinitionError,
    Duration,
    GoverningDate,
    InvalidInput,
    NotInForce,
    Param,
    ParamVersion,
    Rulebook,
    Status,
    Unit,
    UnknownReference,
    governing_day,
)

D = pendulum.date
QD102 = Citation("QĐ 102-QĐ/TW (15/11/2017)", "Art 3")
QD69 = Citation("QĐ 69-QĐ/TW (6/7/2022)", "Art 4")
QD342 = Citation("QĐ 342-QĐ/TW (28/12/2010)", "B.II.1")


def book() -> Rulebook:
    """A small rulebook with values from regulations.md rows 19 and 46."""
    return Rulebook(
        "test",
        [
            Param(
                "dues.ward.retained_share",
                Unit.RATIO,
                [
                    ParamVersion(
                        Fraction(9, 10),
                        DateRange(D(2011, 4, 1), D(2026, 2, 1)),
                        [QD342],
                        Status.CONFIRMED,
                    )
                ],
            ),
            Param(
                "limitation.member.reprimand",
                Unit.DURATION,
                [
                    ParamVersion(
                        Duration.years(5),
                        DateRange(D(2017, 11, 15), D(2022, 7, 6)),
                        [QD102],
                        Status.CONFIRMED,
                    ),
                    # A hypothetical shorter newer period, to exercise the favourable-law lookup.
                    ParamVersion(
                        Duration.years(4), DateRange(D(2022, 7, 6)), [QD69], Status.SECONDARY
                    ),
                ],
                favourable="lower",
            ),
            Param(
                "limitation.member.warning",
                Unit.DURATION,
                [
                    ParamVersion(
                        Duration.years(10),
                        DateRange(D(2017, 11, 15), D(2022, 7, 6)),
                        [QD102],
                        Status.CONFIRMED,
                    ),
                    ParamVersion(
                        Duration.years(12), DateRange(D(2022, 7, 6)), [QD69], Status.SECONDARY
                    ),
                ],
                favourable="lower",
            ),
        ],
    )


def test_value_in_force() -> None:
    """The ward keeps 90 % of dues under QĐ 342 (row 46)."""
    assert book().value("dues.ward.retained_share", D(2018, 6, 1)) == Fraction(9, 10)


def test_unknown_parameter_names_it() -> None:
    """Asking for a parameter the rulebook lacks raises UnknownReference naming it."""
    with pytest.raises(UnknownReference, match="nope"):
        book().value("nope", D(2018, 6, 1))


def test_not_in_force_after_replacement() -> None:
    """The QĐ 342 share is not in force once QĐ 01 (2026) replaced it."""
    with pytest.raises(NotInForce, match="2026-02-01"):
        book().value("dues.ward.retained_share", D(2026, 2, 1))


def test_datetime_is_not_a_date() -> None:
    """A lookup with a datetime instead of a date is refused."""
    with pytest.raises(InvalidInput, match="at"):
        book().value("dues.ward.retained_share", pendulum.datetime(2018, 6, 1))


def test_override_is_recorded() -> None:
    """A host override changes the value and is flagged with its reason."""
    use = (
        book()
        .with_overrides({"dues.ward.retained_share": Fraction(1, 2)}, "what-if")
        .use("dues.ward.retained_share", D(2018, 6, 1))
    )
    assert (use.value, use.overridden, use.override_reason, use.needs_review) == (
        Fraction(1, 2),
        True,
        "what-if",
        True,
    )


def test_override_does_not_touch_the_original() -> None:
    """Overriding returns a new rulebook; the original keeps its value."""
    original = book()
    original.with_overrides({"dues.ward.retained_share": Fraction(1, 2)}, "what-if")
    assert original.value("dues.ward.retained_share", D(2018, 6, 1)) == Fraction(9, 10)


def test_override_of_unknown_parameter_is_refused() -> None:
    """An override naming no parameter is a definition error."""
    with pytest.raises(DefinitionError, match="unknown parameter"):
        book().with_overrides({"nope": 1}, "x")


def test_override_of_wrong_unit_is_refused() -> None:
    """An override with a value of the wrong unit is refused naming the parameter."""
    with pytest.raises(InvalidInput, match=r"override\[dues.ward.retained_share\]"):
        book().with_overrides({"dues.ward.retained_share": 0.5}, "x")


def test_favourable_newer_value_applies() -> None:
    """A shorter newer limitation applies to an older violation when the parameter says so."""
    use = book().use_favourable("limitation.member.reprimand", D(2020, 1, 1), D(2023, 1, 1))
    assert use.value == Duration.years(4)


def test_less_favourable_newer_value_does_not_apply() -> None:
    """A longer newer limitation does not reach back to an older violation."""
    use = book().use_favourable("limitation.member.warning", D(2020, 1, 1), D(2023, 1, 1))
    assert use.value == Duration.years(10)


def test_in_force_lists_only_live_parameters() -> None:
    """The parameters in force in 2026 exclude the replaced QĐ 342 share."""
    keys = [u.key for u in book().in_force(D(2026, 3, 1))]
    assert keys == ["limitation.member.reprimand", "limitation.member.warning"]


def test_parameter_defined_twice_is_refused() -> None:
    """Two parameters with one key are a definition error."""
    p = book().param("dues.ward.retained_share")
    with pytest.raises(DefinitionError, match="defined twice"):
        Rulebook("dup", [p, p])


@pytest.mark.parametrize(
    ("governs", "expected"),
    [
        (GoverningDate.VIOLATION, D(2016, 5, 1)),
        (GoverningDate.STEP, D(2023, 3, 1)),
        (GoverningDate.REVIEW_YEAR, D(2018, 12, 31)),
    ],
)
def test_governing_day(governs: GoverningDate, expected: pendulum.Date) -> None:
    """Each kind of rule is governed by its own date."""
    assert (
        governing_day(governs, violation_on=D(2016, 5, 1), step_on=D(2023, 3, 1), review_year=2018)
        == expected
    )


def test_governing_day_missing_is_named() -> None:
    """A rule governed by the violation date cannot be applied without one."""
    with pytest.raises(InvalidInput, match="violation_on"):
        governing_day(GoverningDate.VIOLATION, step_on=D(2023, 3, 1))
