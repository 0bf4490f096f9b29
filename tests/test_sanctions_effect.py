"""The effect of sanctions, the bars they impose, and complaints against them."""

from __future__ import annotations

import pendulum
import pytest

from kiemtra import Duration, InvalidInput, InvalidPeriod, Status, UnknownReference
from kiemtra._calendar import WorkCalendar
from kiemtra._sanctions._effect import (
    BarKind,
    ComplaintOutcome,
    ComplaintRecord,
    EffectState,
    WindowStart,
    bars,
    complaint_in_time,
    complaint_window,
    resolution_deadline,
    sanction_effect,
)
from kiemtra.rulebooks import vn
from kiemtra.rulebooks.vn._sanction_labels import sanction_templates
from kiemtra.rulebooks.vn._sanctions import COMPLAINTS, EFFECT, FORMS

D = pendulum.date
BOOK = vn.rulebook()
CAL = WorkCalendar()
TEMPLATES = BOOK.templates.merged(sanction_templates())

# Tết Kỷ Hợi 2019 as the government announced it: days off from Saturday 2 February to Sunday 10 February.
TET_2019 = [D(2019, 2, day) for day in range(2, 11)]
CAL_TET = WorkCalendar(extra_days_off=TET_2019)


def effect(
    form: str,
    announced: pendulum.Date,
    on: pendulum.Date,
    complaint: ComplaintRecord | None = None,
) -> tuple[EffectState, pendulum.Date | None]:
    """The state on ``on`` and the last day in force."""
    found = sanction_effect(
        EFFECT, FORMS, BOOK, CAL, form=form, announced_on=announced, on=on, complaint=complaint
    )
    return found.value.state, found.value.in_force_until


# -- effect (row 22, 29) ------------------------------------------------------------------------------------


def test_a_warning_is_in_force_on_the_last_day_of_its_twelve_months() -> None:
    """Row 22 (QĐ 69 Art 2 k5): announced Tue 10/1/2023, in force through Wed 10/1/2024."""
    assert effect("warning", D(2023, 1, 10), D(2024, 1, 10)) == (
        EffectState.IN_FORCE,
        D(2024, 1, 10),
    )


def test_a_warning_lapses_the_day_after() -> None:
    """Row 22: on 11/1/2024 the warning has lapsed."""
    assert effect("warning", D(2023, 1, 10), D(2024, 1, 11)) == (EffectState.LAPSED, D(2024, 1, 10))


def test_a_period_ending_on_a_sunday_runs_to_monday() -> None:
    """Row 22 with the Civil Code: announced Fri 14/4/2023; 14/4/2024 is a Sunday, so Mon 15/4/2024."""
    assert effect("reprimand", D(2023, 4, 14), D(2024, 4, 15)) == (
        EffectState.IN_FORCE,
        D(2024, 4, 15),
    )


def test_the_2019_effect_period_is_one_year_under_qd30() -> None:
    """Row 22: QĐ 30 Art 40 'sau một năm': announced Thu 10/1/2019, lapsed on 11/1/2020."""
    assert effect("reprimand", D(2019, 1, 10), D(2020, 1, 11)) == (
        EffectState.LAPSED,
        D(2020, 1, 10),
    )


def test_the_effect_period_param_differs_by_period() -> None:
    """Row 22: 1 year under QĐ 30 (CONFIRMED), 12 months under QĐ 69 (CONFIRMED)."""
    found_2019 = sanction_effect(
        EFFECT, FORMS, BOOK, CAL, form="warning", announced_on=D(2019, 1, 10), on=D(2019, 2, 1)
    )
    found_2023 = sanction_effect(
        EFFECT, FORMS, BOOK, CAL, form="warning", announced_on=D(2023, 1, 10), on=D(2023, 2, 1)
    )
    assert (found_2019.explanation.params[0].value, found_2023.explanation.params[0].value) == (
        Duration.years(1),
        Duration.months(12),
    )


def test_expulsion_never_lapses() -> None:
    """Row 22: not for khai trừ."""
    assert effect("expulsion", D(2019, 1, 10), D(2030, 1, 1)) == (EffectState.IN_FORCE, None)


def test_dissolution_never_lapses() -> None:
    """Row 22: not for giải tán."""
    assert effect("dissolution", D(2019, 1, 10), D(2030, 1, 1)) == (EffectState.IN_FORCE, None)


def test_a_pending_complaint_keeps_the_sanction_in_force() -> None:
    """Row 29 (Charter Art 39 k9): pending since 1/2/2023, the warning is still in force on 1/3/2024."""
    state, until = effect(
        "warning", D(2023, 1, 10), D(2024, 3, 1), complaint=ComplaintRecord(D(2023, 2, 1))
    )
    assert (state, until) == (EffectState.IN_FORCE, None)


def test_the_pending_rule_cites_the_charter() -> None:
    """Row 29: Charter 2011 Art 39 k9."""
    found = sanction_effect(
        EFFECT,
        FORMS,
        BOOK,
        CAL,
        form="warning",
        announced_on=D(2023, 1, 10),
        on=D(2024, 3, 1),
        complaint=ComplaintRecord(D(2023, 2, 1)),
    )
    assert [str(c) for c in found.explanation.citations] == ["Điều lệ Đảng (2011) Art 39 k9"]


def test_after_a_complaint_decision_the_period_counts_from_it() -> None:
    """Row 22: upheld on Mon 3/7/2023, the warning is in force through Wed 3/7/2024."""
    complaint = ComplaintRecord(D(2023, 2, 1), D(2023, 7, 3), ComplaintOutcome.UPHELD)
    assert effect("warning", D(2023, 1, 10), D(2024, 7, 3), complaint=complaint) == (
        EffectState.IN_FORCE,
        D(2024, 7, 3),
    )


def test_an_annulled_sanction_is_no_longer_in_force() -> None:
    """A sanction annulled on complaint is not in force from the decision."""
    complaint = ComplaintRecord(D(2023, 2, 1), D(2023, 7, 3), ComplaintOutcome.ANNULLED)
    assert (
        effect("warning", D(2023, 1, 10), D(2023, 7, 3), complaint=complaint)[0]
        is EffectState.ANNULLED
    )


def test_a_new_violation_stops_the_automatic_lapse() -> None:
    """Row 22: no automatic end with a new violation within the 12 months."""
    found = sanction_effect(
        EFFECT,
        FORMS,
        BOOK,
        CAL,
        form="warning",
        announced_on=D(2023, 1, 10),
        on=D(2024, 6, 1),
        new_violation_on=D(2023, 9, 1),
    )
    assert (found.value.state, found.value.new_violation_on) == (
        EffectState.IN_FORCE,
        D(2023, 9, 1),
    )


def test_a_decided_complaint_needs_an_outcome() -> None:
    """A complaint with a decision date and no outcome is refused."""
    with pytest.raises(InvalidInput):
        ComplaintRecord(D(2023, 2, 1), D(2023, 7, 3))


def test_a_day_before_the_announcement_is_refused() -> None:
    """The effect is asked about from the announcement on."""
    with pytest.raises(InvalidPeriod):
        effect("warning", D(2023, 1, 10), D(2023, 1, 9))


# -- bars (rows 23, 24) -------------------------------------------------------------------------------------


def bar_ends(form: str, announced: pendulum.Date) -> list[tuple[BarKind, pendulum.Date]]:
    """Each bar and its last day."""
    return [
        (b.kind, b.until)
        for b in bars(EFFECT, FORMS, BOOK, CAL, form=form, announced_on=announced).value
    ]


def test_a_reprimand_bars_promotion_for_12_months() -> None:
    """Row 24 (QĐ 80): reprimand announced Mon 5/9/2022: barred through Tue 5/9/2023."""
    assert bar_ends("reprimand", D(2022, 9, 5)) == [(BarKind.APPOINTMENT, D(2023, 9, 5))]


def test_a_warning_bars_promotion_for_30_months() -> None:
    """Row 24: warning announced 5/9/2022: barred through Wed 5/3/2025."""
    assert bar_ends("warning", D(2022, 9, 5)) == [(BarKind.APPOINTMENT, D(2025, 3, 5))]


def test_removal_from_post_bars_promotion_for_60_months_and_election_for_a_year() -> None:
    """Rows 23, 24: 60 months end Sun 5/9/2027, so Mon 6/9/2027; 1 year ends Tue 5/9/2023."""
    assert bar_ends("removal_from_post", D(2022, 9, 5)) == [
        (BarKind.APPOINTMENT, D(2027, 9, 6)),
        (BarKind.ELECTION_OR_EQUAL_POST, D(2023, 9, 5)),
    ]


def test_before_qd80_only_the_charter_bar_is_encoded() -> None:
    """Row 23 (Charter Art 40 k3) applies in 2019; QĐ 105's values are not in regulations.md."""
    found = bars(EFFECT, FORMS, BOOK, CAL, form="removal_from_post", announced_on=D(2019, 1, 10))
    assert ([(b.kind, b.until) for b in found.value], found.explanation.inputs["not_in_force"]) == (
        [(BarKind.ELECTION_OR_EQUAL_POST, D(2020, 1, 10))],
        "discipline.appointment_bar.removal",
    )


def test_the_qd80_bars_are_secondary() -> None:
    """Row 24: QĐ 80 values are SECONDARY (news)."""
    found = bars(EFFECT, FORMS, BOOK, CAL, form="warning", announced_on=D(2022, 9, 5))
    assert found.value[0].param.status is Status.SECONDARY


def test_a_day_inside_a_bar_is_barred() -> None:
    """A reprimand of 5/9/2022 still bars on 5/9/2023 and no longer on 6/9/2023."""
    (bar,) = bars(EFFECT, FORMS, BOOK, CAL, form="reprimand", announced_on=D(2022, 9, 5)).value
    assert (bar.bars_on(D(2023, 9, 5)), bar.bars_on(D(2023, 9, 6))) == (True, False)


def test_expulsion_has_no_bar() -> None:
    """An expelled member has left the party: no bar is listed."""
    assert bar_ends("expulsion", D(2022, 9, 5)) == []


# -- complaint window by period (row 28, (e)2, g.2 row 28) --------------------------------------------------

# (announced, received, last day, start event, window): values per period, dates typed by hand.
WINDOWS = [
    # Charter 2011 Art 39 k7: one month from receipt: Wed 8/6/2011 -> Fri 8/7/2011
    (D(2011, 6, 6), D(2011, 6, 8), D(2011, 7, 8), WindowStart.RECEIVED, Duration.months(1)),
    # QĐ 46 guidance 5.2.1: 30 working days from the announcement: Mon 6/6/2016 -> Mon 18/7/2016
    (
        D(2016, 6, 6),
        D(2016, 6, 8),
        D(2016, 7, 18),
        WindowStart.ANNOUNCED,
        Duration.working_days(30),
    ),
    # QĐ 30 (gloss): 30 working days from receipt: Wed 5/6/2019 -> Wed 17/7/2019
    (D(2019, 6, 3), D(2019, 6, 5), D(2019, 7, 17), WindowStart.RECEIVED, Duration.working_days(30)),
    # QĐ 22 (not found, carried): 30 working days from receipt: Wed 8/6/2022 -> Wed 20/7/2022
    (D(2022, 6, 6), D(2022, 6, 8), D(2022, 7, 20), WindowStart.RECEIVED, Duration.working_days(30)),
    # QĐ 296 Art 25 k1: 30 calendar days from receipt: Wed 4/6/2025 -> Fri 4/7/2025
    (D(2025, 6, 2), D(2025, 6, 4), D(2025, 7, 4), WindowStart.RECEIVED, Duration.days(30)),
]


@pytest.mark.parametrize(
    ("announced", "received", "due", "start", "window"), WINDOWS, ids=[str(w[0]) for w in WINDOWS]
)
def test_the_complaint_window_of_each_period(
    announced: pendulum.Date,
    received: pendulum.Date,
    due: pendulum.Date,
    start: WindowStart,
    window: Duration,
) -> None:
    """Each period's window, counted from its start event, ends on the day typed here."""
    found = complaint_window(COMPLAINTS, BOOK, CAL, announced_on=announced, received_on=received)
    assert (found.value.due, found.explanation.args["start_event"], found.value.period) == (
        due,
        start.value,
        window,
    )


@pytest.mark.parametrize(
    ("announced", "received", "due"),
    [(w[0], w[1], w[2]) for w in WINDOWS],
    ids=[str(w[0]) for w in WINDOWS],
)
def test_a_complaint_sent_on_the_last_day_is_in_time(
    announced: pendulum.Date, received: pendulum.Date, due: pendulum.Date
) -> None:
    """A letter sent on the window's last day is in time."""
    found = complaint_in_time(
        COMPLAINTS, BOOK, CAL, announced_on=announced, received_on=received, filed_on=due
    )
    assert found.value is True


@pytest.mark.parametrize(
    ("announced", "received", "due"),
    [(w[0], w[1], w[2]) for w in WINDOWS],
    ids=[str(w[0]) for w in WINDOWS],
)
def test_a_complaint_sent_the_day_after_is_late(
    announced: pendulum.Date, received: pendulum.Date, due: pendulum.Date
) -> None:
    """A letter sent the day after the last day is out of time (QĐ 296 Art 23: inadmissible)."""
    found = complaint_in_time(
        COMPLAINTS,
        BOOK,
        CAL,
        announced_on=announced,
        received_on=received,
        filed_on=due.add(days=1),
    )
    assert found.value is False


def test_a_working_day_window_across_tet_2019() -> None:
    """(e)2: 30 working days from receipt on Mon 21/1/2019 skip Tết (2–10/2/2019): last day Mon 11/3/2019."""
    found = complaint_window(
        COMPLAINTS, BOOK, CAL_TET, announced_on=D(2019, 1, 18), received_on=D(2019, 1, 21)
    )
    assert found.value.due == D(2019, 3, 11)


def test_a_complaint_sent_after_tet_within_the_window_is_in_time() -> None:
    """(e)2: without the Tết days the window would have closed on Mon 4/3/2019; a letter of 8/3 is in time."""
    found = complaint_in_time(
        COMPLAINTS,
        BOOK,
        CAL_TET,
        announced_on=D(2019, 1, 18),
        received_on=D(2019, 1, 21),
        filed_on=D(2019, 3, 8),
    )
    assert found.value is True


def test_a_complaint_sent_the_day_after_the_tet_window_is_late() -> None:
    """(e)2: a letter sent on Tue 12/3/2019 is out of time."""
    found = complaint_in_time(
        COMPLAINTS,
        BOOK,
        CAL_TET,
        announced_on=D(2019, 1, 18),
        received_on=D(2019, 1, 21),
        filed_on=D(2019, 3, 12),
    )
    assert found.value is False


def test_a_window_from_receipt_needs_the_receipt_date() -> None:
    """(e)2: under QĐ 296 the window runs from receipt; without it the request is refused."""
    with pytest.raises(InvalidInput, match="received_on"):
        complaint_window(COMPLAINTS, BOOK, CAL, announced_on=D(2025, 6, 2))


def test_a_window_from_the_announcement_does_not_need_the_receipt() -> None:
    """(e)2: under the QĐ 46 guidance the announcement starts the window."""
    assert complaint_window(COMPLAINTS, BOOK, CAL, announced_on=D(2016, 6, 6)).value.due == D(
        2016, 7, 18
    )


def test_the_start_event_is_a_parameter_a_host_may_override() -> None:
    """(e)2: the start event is configurable; a host counting from the announcement is flagged."""
    book = BOOK.with_overrides({"complaint.window_start": "announced"}, "local practice")
    found = complaint_window(
        COMPLAINTS, book, CAL, announced_on=D(2025, 6, 2), received_on=D(2025, 6, 4)
    )
    # 30 calendar days from Mon 2/6/2025 end on Wed 2/7/2025.
    assert (found.value.due, found.explanation.overridden) == (
        D(2025, 7, 2),
        ("complaint.window_start",),
    )


def test_a_receipt_before_the_announcement_is_refused() -> None:
    """A decision cannot be received before it is announced."""
    with pytest.raises(InvalidPeriod):
        complaint_window(
            COMPLAINTS, BOOK, CAL, announced_on=D(2025, 6, 2), received_on=D(2025, 6, 1)
        )


def test_the_late_message_reads_in_vietnamese() -> None:
    """The late complaint says when it was sent and the last day."""
    found = complaint_in_time(
        COMPLAINTS,
        BOOK,
        CAL_TET,
        announced_on=D(2019, 1, 18),
        received_on=D(2019, 1, 21),
        filed_on=D(2019, 3, 12),
    )
    assert found.explanation.render(TEMPLATES, "vi") == (
        "Đơn khiếu nại gửi ngày 12/03/2019 đã quá thời hạn (hạn cuối 11/03/2019)."
    )


# -- resolution time limits ((e)3, row 30) ------------------------------------------------------------------

RESOLUTION = [
    # QĐ 30 Art 32 5.2.1: 90 working days (CONFIRMED); received Mon 3/6/2019 -> Tue 8/10/2019 (2/9 is a holiday)
    ("provincial_and_below", D(2019, 6, 3), D(2019, 10, 8), Status.CONFIRMED),
    # QĐ 22: not found, QĐ 30's value kept (UNCONFIRMED)
    ("provincial_and_below", D(2023, 6, 5), None, Status.UNCONFIRMED),
    # QĐ 296: not found (UNCONFIRMED)
    ("provincial_and_below", D(2025, 8, 4), None, Status.UNCONFIRMED),
    # QĐ 30: central level, 180 working days (CONFIRMED)
    ("central", D(2019, 6, 3), None, Status.CONFIRMED),
]


@pytest.mark.parametrize(
    ("level", "received", "due", "status"), RESOLUTION, ids=[f"{r[0]}@{r[1]}" for r in RESOLUTION]
)
def test_resolution_deadline_carries_its_status(
    level: str, received: pendulum.Date, due: pendulum.Date | None, status: Status
) -> None:
    """(e)3: the time to resolve is a deadline with the status of the value it rests on."""
    found = resolution_deadline(COMPLAINTS, BOOK, CAL, level=level, received_on=received).value
    assert (found.status, found.deadline.due if due is not None else None) == (status, due)


def test_the_resolution_period_of_each_level() -> None:
    """Row 30: 90 working days at province level and below, 180 at central level."""
    periods = [
        resolution_deadline(
            COMPLAINTS, BOOK, CAL, level=lv, received_on=D(2019, 6, 3)
        ).value.deadline.period
        for lv in ("provincial_and_below", "central")
    ]
    assert periods == [Duration.working_days(90), Duration.working_days(180)]


def test_an_unknown_level_is_an_unknown_reference() -> None:
    """A level the scheme has no limit for is named."""
    with pytest.raises(UnknownReference, match="ward"):
        resolution_deadline(COMPLAINTS, BOOK, CAL, level="ward", received_on=D(2019, 6, 3))


def test_every_effect_and_complaint_message_renders_in_both_languages() -> None:
    """Effect, bars, windows and resolution explanations describe in vi and en."""
    explanations = [
        sanction_effect(
            EFFECT, FORMS, BOOK, CAL, form="warning", announced_on=D(2023, 1, 10), on=D(2023, 2, 1)
        ).explanation,
        sanction_effect(
            EFFECT, FORMS, BOOK, CAL, form="warning", announced_on=D(2023, 1, 10), on=D(2024, 2, 1)
        ).explanation,
        sanction_effect(
            EFFECT,
            FORMS,
            BOOK,
            CAL,
            form="expulsion",
            announced_on=D(2023, 1, 10),
            on=D(2024, 2, 1),
        ).explanation,
        bars(
            EFFECT, FORMS, BOOK, CAL, form="removal_from_post", announced_on=D(2022, 9, 5)
        ).explanation,
        bars(EFFECT, FORMS, BOOK, CAL, form="expulsion", announced_on=D(2022, 9, 5)).explanation,
        complaint_window(COMPLAINTS, BOOK, CAL, announced_on=D(2016, 6, 6)).explanation,
        resolution_deadline(
            COMPLAINTS, BOOK, CAL, level="central", received_on=D(2019, 6, 3)
        ).explanation,
    ]
    for e in explanations:
        for lang in ("vi", "en"):
            assert e.describe(TEMPLATES, lang)
