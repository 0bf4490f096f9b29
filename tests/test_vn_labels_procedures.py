"""The twelve procedures' texts: every title, state, move, outcome and guard message in Vietnamese and English."""

from __future__ import annotations

import string

import pytest
from tests.vn_cast import (
    CELL1,
    CELL_SECRETARY,
    IC,
    IC_CHAIR,
    MEMBER,
    SUBJECT_ACTOR,
    at,
    engine,
    refused,
)

from kiemtra import Ground
from kiemtra.rulebooks import vn
from kiemtra.rulebooks.vn._procedures import (
    GUARD_MESSAGE_KEYS,
    NAMES,
    OUTCOMES,
    SANCTION_MESSAGE_KEYS,
    ComplaintFacts,
    Doc,
    LetterFacts,
    label_keys,
    procedures,
)

TEMPLATES = vn.templates()
LANGS = ("vi", "en")
KEYS = label_keys()


def placeholders(template: str) -> set[str]:
    """The names a ``str.format`` template asks for."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_there_are_twelve_procedures() -> None:
    """The rulebook defines the twelve procedures of regulations.md (b)."""
    assert [p.name for p in procedures()] == list(NAMES) and len(NAMES) == 12


def test_no_label_is_missing_in_vietnamese_or_english() -> None:
    """Every title, state, move, outcome and guard message has a vi and an en text in the rulebook."""
    assert TEMPLATES.missing(KEYS, LANGS) == []


def test_every_state_and_move_of_every_version_is_labelled() -> None:
    """The keys checked include each procedure's own :meth:`Procedure.label_keys` (every version)."""
    assert {k for p in procedures() for k in p.label_keys()} <= set(KEYS)


def test_every_outcome_is_labelled() -> None:
    """Each outcome a concluding move records has its ``<Procedure>.outcome.<outcome>`` label."""
    wanted = [f"{name}.outcome.{o}" for name, table in OUTCOMES.items() for o in table.values()]
    assert (len(wanted) > 0, TEMPLATES.missing(wanted, LANGS)) == (True, [])


def test_the_blocks_of_the_law_of_sanctions_that_guards_return_are_labelled() -> None:
    """The messages of the law of sanctions a guard may give as its reason have vi and en texts too."""
    assert TEMPLATES.missing(SANCTION_MESSAGE_KEYS, LANGS) == []


def test_labels_are_translated_not_copied() -> None:
    """No procedure text reads the same in Vietnamese and English."""
    assert [k for k in KEYS if TEMPLATES.get("vi", k) == TEMPLATES.get("en", k)] == []


@pytest.mark.parametrize("key", GUARD_MESSAGE_KEYS)
def test_a_guard_message_asks_the_same_arguments_in_both_languages(key: str) -> None:
    """The vi and en templates of a guard's message have the same placeholders."""
    assert placeholders(TEMPLATES.get("vi", key)) == placeholders(TEMPLATES.get("en", key))


def test_a_refusal_renders_in_both_languages() -> None:
    """The reasons of refused steps (a complaint too early, a pre-congress letter) render in vi and en."""
    eng = engine(at(2024, 8, 1))
    proceeding = eng.open(
        "DisciplinaryProceeding",
        MEMBER,
        [Ground("self_report", "S")],
        CELL_SECRETARY,
        at(2024, 8, 1),
        parties={"deciding_body": CELL1, "cell": CELL1, "superior_body": IC},
    )
    early = refused(
        eng,
        proceeding.id,
        "file_complaint",
        SUBJECT_ACTOR,
        at(2024, 8, 2),
        evidence=[ComplaintFacts("K", at(2024, 8, 2).date())],
    )
    letter = eng.open(
        "DenunciationResolution",
        MEMBER,
        [Ground("letter", "L")],
        IC_CHAIR,
        at(2024, 8, 1),
        parties={"deciding_body": IC, "cell": CELL1},
    )
    congress = refused(
        eng,
        letter.id,
        "accept",
        IC_CHAIR,
        at(2024, 8, 2),
        evidence=[
            LetterFacts("L", at(2024, 8, 1).date(), congress_opens_on=at(2024, 8, 12).date()),
            Doc("D", "decision"),
        ],
    )
    reasons = [*early.reasons, *congress.reasons]
    rendered = [(r.render(TEMPLATES, "vi"), r.render(TEMPLATES, "en")) for r in reasons]
    assert all(vi and en and vi != en for vi, en in rendered)


def test_every_procedure_title_names_it_in_both_languages() -> None:
    """'Thi hành kỷ luật' is the Vietnamese title of the disciplinary proceeding (regulations.md (a))."""
    assert (
        TEMPLATES.get("vi", "DisciplinaryProceeding.title"),
        TEMPLATES.get("en", "DisciplinaryProceeding.title"),
    ) == (
        "Thi hành kỷ luật",
        "Disciplinary proceeding",
    )
