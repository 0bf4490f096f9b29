"""The Vietnamese rulebook's texts: every parameter, choice, status, unit and engine message in vi and en."""

from __future__ import annotations

import string
from fractions import Fraction

import pendulum
import pytest

from kiemtra import Duration, Explanation, Status, TimeUnit, Unit
from kiemtra._example import company_rulebook
from kiemtra._rules._templates import format_value
from kiemtra._workflow._engine import WORKFLOW_MESSAGE_KEYS
from kiemtra.rulebooks import vn

TEMPLATES = vn.templates()
BOOK = vn.rulebook()
LANGS = ("vi", "en")


def placeholders(template: str) -> set[str]:
    """The names a ``str.format`` template asks for."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_parameter_has_a_title_in_both_languages() -> None:
    """Each ``param.<key>`` has a Vietnamese and an English title."""
    assert TEMPLATES.missing([p.title_key for p in BOOK.params.values()], LANGS) == []


def test_titles_are_translated_not_copied() -> None:
    """No parameter's Vietnamese title is its English one."""
    copied = [
        p.key
        for p in BOOK.params.values()
        if TEMPLATES.get("vi", p.title_key) == TEMPLATES.get("en", p.title_key)
    ]
    assert copied == []


def test_no_title_for_a_parameter_that_does_not_exist() -> None:
    """The templates hold no ``param.`` title for a key the rulebook lacks."""
    titled = {k.removeprefix("param.") for k in TEMPLATES.messages["en"] if k.startswith("param.")}
    assert titled - set(BOOK.params) == set()


def test_every_choice_value_has_a_label_in_both_languages() -> None:
    """Each allowed value of a CHOICE parameter has a ``choice.<key>.<value>`` label."""
    keys = [
        f"choice.{p.key}.{choice}"
        for p in BOOK.params.values()
        if p.unit is Unit.CHOICE
        for choice in p.choices
    ]
    assert (len(keys) > 0, TEMPLATES.missing(keys, LANGS)) == (True, [])


@pytest.mark.parametrize("key", WORKFLOW_MESSAGE_KEYS)
def test_workflow_message_has_both_languages_with_the_same_placeholders(key: str) -> None:
    """The vi and en templates of an engine message ask for the same arguments."""
    vi, en = TEMPLATES.get("vi", key), TEMPLATES.get("en", key)
    assert placeholders(vi) == placeholders(en)


@pytest.mark.parametrize("key", WORKFLOW_MESSAGE_KEYS)
def test_workflow_message_takes_the_arguments_the_engine_passes(key: str) -> None:
    """The placeholders are those of the example rulebook's English template for the same key."""
    example = company_rulebook().templates.get("en", key)
    assert placeholders(TEMPLATES.get("vi", key)) == placeholders(example)


def test_status_names_in_both_languages() -> None:
    """Every confirmation status has a name, e.g. 'chưa xác nhận' for unconfirmed."""
    keys = [f"status.{s.value}" for s in Status]
    assert (TEMPLATES.missing(keys, LANGS), TEMPLATES.get("vi", "status.unconfirmed")) == (
        [],
        "chưa xác nhận",
    )


def test_unit_names_in_both_languages() -> None:
    """Every time unit and every parameter unit has a name."""
    keys = [f"unit.{u.value}" for u in TimeUnit] + [f"unit.{u.value}" for u in Unit]
    assert TEMPLATES.missing(keys, LANGS) == []


def test_working_days_read_as_ngay_lam_viec() -> None:
    """A duration in working days formats as 'ngày làm việc' in Vietnamese and 'working days' in English."""
    thirty = Duration.working_days(30)
    assert (format_value(thirty, "vi", TEMPLATES), format_value(thirty, "en", TEMPLATES)) == (
        "30 ngày làm việc",
        "30 working days",
    )


def test_explanation_labels_in_both_languages() -> None:
    """Every field label that ``Explanation.describe`` looks up has both languages."""
    fields = ("rule", "citation", "input", "threshold", "evidence", "governing_date", "overridden")
    assert TEMPLATES.missing([f"explain.{f}" for f in fields], LANGS) == []


def test_flag_values_read_in_vietnamese() -> None:
    """True, False and a missing value read 'có', 'không' and '(không xác định)'."""
    assert [format_value(v, "vi", TEMPLATES) for v in (True, False, None)] == [
        "có",
        "không",
        "(không xác định)",
    ]


def test_a_workflow_block_renders_in_vietnamese() -> None:
    """A late step, as the engine reports it, reads in Vietnamese with Vietnamese dates."""
    late = Explanation(
        "workflow.deadline",
        "2021",
        "workflow.blocked.deadline_passed",
        args={"trigger": "ket_luan"},
        inputs={"day": pendulum.date(2019, 3, 18)},
        thresholds={"due": pendulum.date(2019, 3, 15)},
    )
    assert late.render(TEMPLATES, "vi") == (
        "Bước 'ket_luan' đã quá thời hạn: hạn cuối là 15/03/2019, đề nghị thực hiện ngày 18/03/2019."
    )


def test_an_unknown_level_renders_in_vietnamese() -> None:
    """A body whose level is unknown is named '(không xác định)' in the competence block."""
    block = Explanation(
        "workflow.competence",
        "2021",
        "workflow.blocked.level_not_competent",
        args={"trigger": "quyet_dinh_khai_tru", "level": None},
    )
    assert block.render(TEMPLATES, "vi") == (
        "Tổ chức đảng cấp (không xác định) không có thẩm quyền thực hiện bước 'quyet_dinh_khai_tru'."
    )


def test_describe_flags_an_unconfirmed_value_in_vietnamese() -> None:
    """The long form in Vietnamese marks the QĐ 296 suspension maximum as 'chưa xác nhận'."""
    use = BOOK.use("suspension.member.max_total", pendulum.date(2025, 6, 2))
    text = Explanation(
        "suspension.over_limit",
        "2025",
        "workflow.blocked.extensions_exhausted",
        args={"state": "dinh_chi", "used": 1, "allowed": 1},
        params=(use,),
        thresholds={"max_share": Fraction(1, 2)},
    ).describe(TEMPLATES, "vi")
    assert all(
        part in text
        for part in (
            "120 ngày",
            "[chưa xác nhận]",
            "quy tắc: suspension.over_limit v2025",
            "ngưỡng",
        )
    )
