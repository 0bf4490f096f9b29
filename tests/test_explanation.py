"""Explanations render in Vietnamese and English from a rulebook's templates, and flag weak values."""

from __future__ import annotations

from fractions import Fraction

import pendulum
import pytest

from kiemtra import (
    Citation,
    DateRange,
    DefinitionError,
    Explanation,
    GoverningDate,
    Money,
    ParamUse,
    Status,
    Templates,
    Unit,
)

TEMPLATES = Templates(
    {
        "vi": {
            "dues.underpaid": "Đóng thiếu đảng phí tháng {month}: đã nộp {paid}, phải nộp {due}.",
            "explain.rule": "quy tắc",
        },
        "en": {"dues.underpaid": "Dues underpaid for {month}: paid {paid}, owed {due}."},
    }
)

RATE = ParamUse(
    "dues.rate.salaried",
    Fraction(1, 100),
    Unit.RATIO,
    DateRange(pendulum.date(2011, 4, 1), pendulum.date(2026, 2, 1)),
    (Citation("QĐ 342-QĐ/TW", "B.I"),),
    Status.CONFIRMED,
)


def explanation(**changes: object) -> Explanation:
    """An underpaid-dues explanation as a duty check would produce it."""
    base = {
        "rule_id": "dues.underpaid",
        "rule_version": "2011",
        "message_key": "dues.underpaid",
        "args": {"month": "03/2018"},
        "params": (RATE,),
        "inputs": {"paid": Money(20_000)},
        "thresholds": {"due": Money(45_000)},
        "evidence": ("receipt:R-18-03-17",),
        "citations": (Citation("QĐ 342-QĐ/TW", "B.I"),),
        "governs": GoverningDate.VIOLATION,
        "governing_date": pendulum.date(2018, 3, 31),
    }
    base.update(changes)
    return Explanation(**base)  # type: ignore[arg-type]


def test_renders_in_vietnamese() -> None:
    """The Vietnamese message formats money the Vietnamese way."""
    assert explanation().render(TEMPLATES, "vi") == (
        "Đóng thiếu đảng phí tháng 03/2018: đã nộp 20.000\xa0₫, phải nộp 45.000\xa0₫."
    )


def test_renders_in_english() -> None:
    """The English message comes from the English template."""
    assert explanation().render(TEMPLATES, "en").startswith("Dues underpaid for 03/2018: paid")


def test_missing_template_is_a_definition_error() -> None:
    """A message key with no template in the language raises, naming key and language."""
    with pytest.raises(DefinitionError, match="'fr'"):
        explanation().render(TEMPLATES, "fr")


def test_unconfirmed_parameter_is_flagged() -> None:
    """An explanation lists the unconfirmed parameters it used."""
    weak = ParamUse(
        "x",
        Fraction(1, 5),
        Unit.RATIO,
        DateRange(pendulum.date(2023, 1, 1)),
        (Citation("QĐ 124"),),
        Status.UNCONFIRMED,
    )
    assert explanation(params=(RATE, weak)).unconfirmed == ("x",)


def test_overridden_parameter_is_flagged() -> None:
    """An explanation lists the parameters a host overrode."""
    import attrs

    forced = attrs.evolve(RATE, overridden=True, override_reason="what-if")
    assert explanation(params=(forced,)).overridden == ("dues.rate.salaried",)


def test_describe_shows_basis_inputs_thresholds_and_evidence() -> None:
    """The long form carries rule and version, citation, parameter, inputs, thresholds and evidence."""
    text = explanation().describe(TEMPLATES, "en")
    for part in (
        "dues.underpaid v2011",
        "QĐ 342-QĐ/TW B.I",
        "dues.rate.salaried = 1%",
        "paid",
        "due",
        "receipt:R-18-03-17",
        "31/03/2018",
    ):
        assert part in text


def test_templates_report_missing_keys() -> None:
    """A rulebook can check that every key has both a Vietnamese and an English template."""
    assert TEMPLATES.missing(["dues.underpaid", "explain.rule"]) == ["en:explain.rule"]
