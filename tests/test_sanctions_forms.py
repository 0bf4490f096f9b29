"""Sanction forms by subject, their order, the typed refusals, circumstances, and the sanction texts."""

from __future__ import annotations

import string

import pendulum
import pytest

from kiemtra import (
    Body,
    DateRange,
    DefinitionError,
    InvalidInput,
    NotInForce,
    Status,
    UnknownReference,
)
from kiemtra._errors import SanctionNotAllowed
from kiemtra._model._member import DuesCategory, Member, PostHolding
from kiemtra._sanctions._forms import (
    FormScheme,
    SanctionForm,
    SanctionSubject,
    allowed_forms,
    check_form,
    holds_post,
    record_circumstances,
    subject_of_member,
)
from kiemtra.rulebooks import vn
from kiemtra.rulebooks.vn._sanction_labels import MESSAGE_KEYS, sanction_templates
from kiemtra.rulebooks.vn._sanctions import CIRCUMSTANCES, FORMS, Aggravating, Mitigating

D = pendulum.date
TEMPLATES = vn.templates().merged(sanction_templates())
ORG = SanctionSubject.ORGANISATION
FULL = SanctionSubject.FULL_MEMBER
PROB = SanctionSubject.PROBATIONARY_MEMBER


def codes(subject: SanctionSubject, post: bool) -> list[str]:
    """The codes of the forms open to ``subject`` for a violation of 1/5/2019, lightest first."""
    return [f.code for f in allowed_forms(FORMS, subject, holds_post=post, on=D(2019, 5, 1)).value]


def placeholders(template: str) -> set[str]:
    """The names a ``str.format`` template asks for."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def member() -> Member:
    """A member admitted on 1/3/2017, full member from 1/3/2018."""
    return Member(
        "m1",
        "Nguyễn Văn A",
        D(1980, 1, 1),
        D(2017, 3, 1),
        D(2018, 3, 1),
        DuesCategory.SALARIED_INSURED,
        full_member_on=D(2018, 3, 1),
    )


# -- forms by subject (row 12) ------------------------------------------------------------------------------


def test_an_organisation_may_receive_reprimand_warning_or_dissolution() -> None:
    """Row 12: organisation: khiển trách, cảnh cáo, giải tán."""
    assert codes(ORG, post=False) == ["reprimand", "warning", "dissolution"]


def test_a_full_member_with_a_post_may_receive_the_four_member_forms() -> None:
    """Row 12: full member: khiển trách, cảnh cáo, cách chức (holding a post), khai trừ."""
    assert codes(FULL, post=True) == ["reprimand", "warning", "removal_from_post", "expulsion"]


def test_a_full_member_without_a_post_cannot_be_removed_from_post() -> None:
    """Row 12: cách chức only when holding a post."""
    assert codes(FULL, post=False) == ["reprimand", "warning", "expulsion"]


def test_a_probationary_member_may_receive_reprimand_or_warning_only() -> None:
    """Row 12: probationary member: khiển trách, cảnh cáo."""
    assert codes(PROB, post=True) == ["reprimand", "warning"]


def test_severity_orders_the_member_forms_from_reprimand_to_expulsion() -> None:
    """Glossary (a): Reprimand 1, Warning 2, RemovalFromPost 3, Expulsion 4."""
    assert [(f.code, f.severity) for f in FORMS.heaviest_first(FORMS.for_subject(FULL))] == [
        ("expulsion", 4),
        ("removal_from_post", 3),
        ("warning", 2),
        ("reprimand", 1),
    ]


def test_dissolution_ranks_third_for_organisations() -> None:
    """Glossary (a): Dissolution is severity 3 for organisations."""
    assert FORMS.form("dissolution").severity == 3


def test_expulsion_and_dissolution_do_not_lapse() -> None:
    """Row 22: the automatic end of effect does not apply to khai trừ or giải tán."""
    assert [f.code for f in FORMS.forms if not f.lapses] == ["expulsion", "dissolution"]


def test_the_basis_of_the_forms_under_qd69_cites_its_article_7() -> None:
    """Row 12 cites QĐ 69 Art 7 (CONFIRMED)."""
    found = allowed_forms(FORMS, FULL, holds_post=True, on=D(2023, 1, 1)).explanation
    assert (str(found.citations[1]), found.args["basis_status"]) == (
        "QĐ 69-QĐ/TW (6/7/2022) Art 7",
        "confirmed",
    )


def test_the_basis_of_the_forms_in_2019_is_the_charter_article_35() -> None:
    """Row 12 cites Charter 2011 Art 35 k2; QĐ 22 came in 2021."""
    found = allowed_forms(FORMS, FULL, holds_post=True, on=D(2019, 5, 1)).explanation
    assert [str(c) for c in found.citations] == ["Điều lệ Đảng (2011) Art 35 k2"]


def test_the_forms_explanation_names_the_violation_date_as_governing() -> None:
    """The violation date governs what sanction applies (design: which date governs)."""
    found = allowed_forms(FORMS, FULL, holds_post=True, on=D(2019, 5, 1)).explanation
    assert (found.governs.value if found.governs else None, found.governing_date) == (
        "violation",
        D(2019, 5, 1),
    )


# -- typed refusals -----------------------------------------------------------------------------------------


def test_removal_from_post_without_a_post_is_refused() -> None:
    """Row 12: cách chức needs a post; without one it is a SanctionNotAllowed."""
    with pytest.raises(SanctionNotAllowed, match="removal_from_post"):
        check_form(FORMS, "removal_from_post", FULL, holds_post=False, on=D(2019, 5, 1))


def test_the_refusal_carries_its_explanation() -> None:
    """The error for a missing post carries the 'needs_post' explanation."""
    with pytest.raises(SanctionNotAllowed) as caught:
        check_form(FORMS, "removal_from_post", FULL, holds_post=False, on=D(2019, 5, 1))
    assert caught.value.explanation is not None
    assert caught.value.explanation.message_key == "sanction.form.needs_post"


def test_expulsion_of_a_probationary_member_is_refused() -> None:
    """Row 12 / (d): a probationary member is struck off, never expelled."""
    with pytest.raises(SanctionNotAllowed, match="probationary_member"):
        check_form(FORMS, "expulsion", PROB, holds_post=False, on=D(2019, 5, 1))


def test_dissolution_of_a_member_is_refused() -> None:
    """Row 12: giải tán applies to organisations only."""
    with pytest.raises(SanctionNotAllowed, match="dissolution"):
        check_form(FORMS, "dissolution", FULL, holds_post=True, on=D(2019, 5, 1))


def test_removal_from_post_of_an_organisation_is_refused() -> None:
    """Row 12: an organisation cannot be removed from a post."""
    with pytest.raises(SanctionNotAllowed):
        check_form(FORMS, "removal_from_post", ORG, holds_post=False, on=D(2019, 5, 1))


def test_a_refusal_is_an_invalid_input() -> None:
    """SanctionNotAllowed is an InvalidInput, so hosts catching bad requests catch it."""
    assert issubclass(SanctionNotAllowed, InvalidInput)


def test_an_unknown_form_is_an_unknown_reference() -> None:
    """Asking for a form the scheme lacks names it."""
    with pytest.raises(UnknownReference, match="suspension"):
        check_form(FORMS, "suspension", FULL, holds_post=True, on=D(2019, 5, 1))


def test_a_valid_request_returns_the_form_with_its_severity() -> None:
    """A warning for a probationary member is allowed, severity 2."""
    found = check_form(FORMS, "warning", PROB, holds_post=False, on=D(2019, 5, 1))
    assert (found.value.code, found.explanation.args["severity"]) == ("warning", 2)


def test_forms_before_the_charter_are_not_in_force() -> None:
    """No basis is encoded before the 2011 Charter."""
    with pytest.raises(NotInForce):
        allowed_forms(FORMS, FULL, holds_post=True, on=D(2010, 12, 31))


def test_two_forms_of_one_severity_for_a_subject_are_refused() -> None:
    """A scheme giving members two forms of severity 1 is a DefinitionError."""
    with pytest.raises(DefinitionError, match="share a severity"):
        FormScheme((SanctionForm("a", 1, {FULL}), SanctionForm("b", 1, {FULL})), FORMS.bases)


# -- the subject from the roll ------------------------------------------------------------------------------


def test_a_member_in_probation_is_a_probationary_subject() -> None:
    """Before full membership (1/3/2018) the member is probationary."""
    assert subject_of_member(member(), D(2017, 12, 1)) is PROB


def test_a_member_after_recognition_is_a_full_subject() -> None:
    """From the full-membership date the member is full."""
    assert subject_of_member(member(), D(2018, 3, 1)) is FULL


def test_a_post_held_on_the_day_counts() -> None:
    """A post held over 2019 counts on 1/5/2019 and not on 1/1/2020."""
    post = PostHolding(
        "m1", "secretary", Body("cell-1", "cell_meeting"), DateRange(D(2019, 1, 1), D(2020, 1, 1))
    )
    assert (holds_post([post], "m1", D(2019, 5, 1)), holds_post([post], "m1", D(2020, 1, 1))) == (
        True,
        False,
    )


# -- circumstances (d) --------------------------------------------------------------------------------------


def test_aggravating_circumstances_of_2019_cite_qd102_art4() -> None:
    """(d): aggravating circumstances, QĐ 102 Art 4 k2 (CONFIRMED)."""
    found = record_circumstances(
        CIRCUMSTANCES, [Aggravating.REPEATED], FULL, violation_on=D(2019, 1, 1)
    )
    assert [str(c) for c in found.value.citations] == ["QĐ 102-QĐ/TW (15/11/2017) Art 4 k2"]


def test_mitigating_circumstances_cite_qd69_art5() -> None:
    """(d): mitigating circumstances for members, QĐ 69 Art 5 k2."""
    found = record_circumstances(
        CIRCUMSTANCES, [Mitigating.SELF_REPORTED], FULL, violation_on=D(2023, 1, 1)
    )
    assert [str(c) for c in found.value.citations] == ["QĐ 69-QĐ/TW (6/7/2022) Art 5 k2"]


def test_circumstances_are_sorted_into_aggravating_and_mitigating() -> None:
    """One record keeps both lists in the order given."""
    found = record_circumstances(
        CIRCUMSTANCES,
        [
            Mitigating.STOPPED_AND_REMEDIED,
            Aggravating.EVASIVE_OR_CONCEALING,
            Mitigating.SELF_REPORTED,
        ],
        FULL,
        violation_on=D(2023, 1, 1),
    )
    assert (found.value.aggravating, found.value.mitigating) == (
        ("evasive_or_concealing",),
        ("stopped_and_remedied", "self_reported"),
    )


def test_qd69_aggravating_circumstances_for_members_are_flagged_unconfirmed() -> None:
    """(d): QĐ 69 Art 6 for members is presumed like QĐ 102 (UNCONFIRMED)."""
    found = record_circumstances(
        CIRCUMSTANCES, [Aggravating.REPEATED], FULL, violation_on=D(2023, 1, 1)
    )
    assert found.explanation.args["not_confirmed"] == "repeated=unconfirmed"


def test_qd69_aggravating_circumstances_for_organisations_are_confirmed() -> None:
    """(e)6: the QĐ 69 Art 6 items quoted for organisations are CONFIRMED."""
    found = record_circumstances(
        CIRCUMSTANCES, [Aggravating.RETALIATING], ORG, violation_on=D(2023, 1, 1)
    )
    assert found.explanation.args["not_confirmed"] == ""


def test_mitigating_circumstances_before_qd69_are_not_in_force() -> None:
    """(d) names QĐ 69 Art 5 only: a 2019 mitigating circumstance has no encoded basis."""
    with pytest.raises(NotInForce):
        record_circumstances(
            CIRCUMSTANCES, [Mitigating.SELF_REPORTED], FULL, violation_on=D(2019, 1, 1)
        )


def test_a_members_circumstance_for_an_organisation_is_refused() -> None:
    """(d): an authorised innovation mitigates for members only."""
    with pytest.raises(InvalidInput, match="organisation"):
        record_circumstances(
            CIRCUMSTANCES, [Mitigating.AUTHORISED_INNOVATION], ORG, violation_on=D(2023, 1, 1)
        )


def test_a_circumstance_recorded_twice_is_refused() -> None:
    """One circumstance is recorded once."""
    with pytest.raises(InvalidInput, match="twice"):
        record_circumstances(
            CIRCUMSTANCES, ["repeated", "repeated"], FULL, violation_on=D(2023, 1, 1)
        )


def test_an_unknown_circumstance_is_an_unknown_reference() -> None:
    """A code the catalogue lacks is named."""
    with pytest.raises(UnknownReference, match="bribery"):
        record_circumstances(CIRCUMSTANCES, ["bribery"], FULL, violation_on=D(2023, 1, 1))


def test_exploiting_emergencies_exists_only_from_qd69() -> None:
    """(e)6: exploiting emergencies is a QĐ 69 Art 6 item; QĐ 07 did not list it."""
    with pytest.raises(NotInForce):
        record_circumstances(
            CIRCUMSTANCES, [Aggravating.EXPLOITING_EMERGENCIES], ORG, violation_on=D(2020, 1, 1)
        )


def test_every_circumstance_basis_names_where_it_was_seen() -> None:
    """Each basis of each circumstance cites a document and a source."""
    weak = [
        c.code
        for c in CIRCUMSTANCES.circumstances
        for bases in c.bases.values()
        for b in bases
        if any(not cite.source for cite in b.citations)
    ]
    assert weak == []


# -- the texts ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", MESSAGE_KEYS)
def test_every_sanction_message_has_both_languages_with_the_same_placeholders(key: str) -> None:
    """The vi and en templates of each message ask for the same arguments."""
    assert placeholders(TEMPLATES.get("vi", key)) == placeholders(TEMPLATES.get("en", key))


@pytest.mark.parametrize("key", MESSAGE_KEYS)
def test_every_sanction_message_is_translated_not_copied(key: str) -> None:
    """No Vietnamese message is its English one."""
    assert TEMPLATES.get("vi", key) != TEMPLATES.get("en", key)


def test_a_form_argument_reads_as_its_vietnamese_name() -> None:
    """'form=removal_from_post' reads 'cách chức' in Vietnamese."""
    found = check_form(FORMS, "removal_from_post", FULL, holds_post=True, on=D(2019, 5, 1))
    assert "cách chức" in found.explanation.render(TEMPLATES, "vi")


def test_the_refusal_renders_in_english() -> None:
    """The refusal of an expulsion of a probationary member reads in English."""
    with pytest.raises(SanctionNotAllowed) as caught:
        check_form(FORMS, "expulsion", PROB, holds_post=False, on=D(2019, 5, 1))
    assert caught.value.explanation is not None
    assert caught.value.explanation.render(TEMPLATES, "en") == (
        "The form expulsion cannot be imposed on a probationary member."
    )


def test_the_circumstances_explanation_describes_in_vietnamese() -> None:
    """The record's explanation renders with its basis in Vietnamese."""
    found = record_circumstances(
        CIRCUMSTANCES, [Aggravating.REPEATED], FULL, violation_on=D(2019, 1, 1)
    )
    assert "QĐ 102-QĐ/TW (15/11/2017) Art 4 k2" in found.explanation.describe(TEMPLATES, "vi")


def test_status_of_the_forms_basis_is_a_status() -> None:
    """The basis status carried in explanations is a Status value."""
    found = allowed_forms(FORMS, ORG, holds_post=False, on=D(2026, 1, 1)).explanation
    assert Status(found.args["basis_status"]) is Status.CONFIRMED
