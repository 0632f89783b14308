"""Provisions: starting one from the library, its members joining and leaving, the outcomes it serves,
ending and reviewing it, the one-to-one warning, and outcomes carried forward to a new cycle.
Bad input names the field and the rule, and saves nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import make_pupil, make_user
from sendsupport.audit.models import AuditEvent
from sendsupport.provision import selectors_library
from sendsupport.provision.models import DeliveredSession, Intervention, Provision, ProvisionMember
from sendsupport.provision.services import provisions as services
from sendsupport.support.choices import NextStep
from sendsupport.support.models import Cycle
from sendsupport.support.tests import helpers

pytestmark = pytest.mark.django_db

START = date(2026, 9, 7)


def group_args(intervention, ta, *members, **change):
    return {
        "intervention": intervention,
        "name": "Phonics group C",
        "deliverer_role": "ta",
        "deliverers": [ta],
        "sessions_per_week": 3,
        "session_minutes": 30,
        "starts_on": START,
        "funding": "notional_sen",
        "members": list(members),
        **change,
    }


def state():
    """Everything a refused service call must leave as it was."""
    return (
        list(Provision.objects.values()),
        list(ProvisionMember.objects.values()),
        list(Provision.outcomes.through.objects.values()),
        list(Provision.deliverers.through.objects.values()),
        AuditEvent.objects.exclude(action="viewed").count(),
    )


def refused(call, field: str, message: str) -> None:
    before = state()
    with pytest.raises(ValidationError) as error:
        call()
    assert field in error.value.message_dict, error.value.message_dict
    assert message in " ".join(error.value.message_dict[field])
    assert state() == before


def test_it_starts_a_group_with_members_deliverers_and_outcomes_and_audits_it(
    school, senco, ta, intervention, pupil, teacher
):
    cycle = helpers.running_cycle(pupil, senco, teacher)
    outcome = cycle.plan.outcomes.get()
    made = services.create_provision(
        school=school, by=senco, **group_args(intervention, ta, pupil), outcomes=[outcome], place="Library"
    )
    assert list(made.members.values_list("pupil_id", "joined_on", "left_on")) == [(pupil.pk, START, None)]
    assert list(made.deliverers.all()) == [ta]
    assert list(made.outcomes.all()) == [outcome]
    events = AuditEvent.objects.filter(actor=senco).exclude(action="viewed")
    summaries = " | ".join(events.values_list("summary", flat=True))
    assert "Phonics group C" in summaries and "staff who deliver it" in summaries and "outcomes served" in summaries
    assert events.filter(pupil=pupil).exists()  # the pupil's own log shows they joined and the outcome linked


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"members": []}, "members", "a group with no members cannot run"),
        ({"name": "  "}, "name", "Enter a name"),
        ({"sessions_per_week": 0}, "sessions_per_week", "at least 1 session a week"),
        ({"session_minutes": -30}, "session_minutes", "at least 1 minute"),
        ({"session_minutes": 1500}, "session_minutes", "longer than a day"),
        ({"ends_on": START - timedelta(days=1)}, "ends_on", "on or after the start date"),
        ({"deliverers": []}, "deliverers", "or name someone from outside the school"),
        ({"funding": "piggy_bank"}, "funding", "not a valid choice"),
    ],
)
def test_bad_provision_input_names_the_field_and_saves_nothing(
    school, senco, ta, intervention, pupil, change, field, message
):
    refused(
        lambda: services.create_provision(school=school, by=senco, **group_args(intervention, ta, pupil, **change)),
        field,
        message,
    )


def test_an_outside_deliverer_is_enough(school, senco, ta, intervention, pupil):
    made = services.create_provision(
        school=school, by=senco, **group_args(intervention, ta, pupil, deliverers=[], external_deliverer="LA SALT")
    )
    assert made.external_deliverer == "LA SALT"


def test_deliverers_must_be_staff_of_the_school(school, senco, ta, intervention, pupil, parent):
    refused(
        lambda: services.create_provision(
            school=school, by=senco, **group_args(intervention, ta, pupil, deliverers=[ta, parent])
        ),
        "deliverers",
        "Only staff of the school can deliver",
    )


def test_members_must_be_pupils_of_the_school(school, other_school, senco, ta, intervention):
    elsewhere = make_pupil(other_school, first="Zoe")
    refused(
        lambda: services.create_provision(school=school, by=senco, **group_args(intervention, ta, elsewhere)),
        "members",
        "pupils of this school only",
    )


def test_one_to_one_is_for_one_pupil(school, senco, ta, intervention, pupil, other_pupil):
    refused(
        lambda: services.create_provision(
            school=school, by=senco, one_to_one=True, **group_args(intervention, ta, pupil, other_pupil)
        ),
        "members",
        "One-to-one support is for one pupil",
    )


def test_the_intervention_must_be_in_the_library_and_offered(school, other_school, senco, ta, intervention, pupil):
    theirs = Intervention.objects.create(
        school=other_school, name="Theirs", area="other", description="x", delivered_by="ta"
    )
    refused(
        lambda: services.create_provision(school=school, by=senco, **group_args(theirs, ta, pupil)),
        "intervention",
        "from your school's library",
    )
    Intervention.objects.filter(pk=intervention.pk).update(active=False)
    intervention.refresh_from_db()
    refused(
        lambda: services.create_provision(school=school, by=senco, **group_args(intervention, ta, pupil)),
        "intervention",
        "no longer offered",
    )


def test_outcomes_must_come_from_the_members_current_plans(
    school, senco, ta, teacher, intervention, pupil, other_pupil
):
    mayas = helpers.running_cycle(pupil, senco, teacher).plan.outcomes.get()
    refused(
        lambda: services.create_provision(
            school=school, by=senco, **group_args(intervention, ta, other_pupil), outcomes=[mayas]
        ),
        "outcomes",
        "current plans of the provision's members",
    )


def test_one_to_one_hours_are_kept_as_sessions_and_minutes():
    assert services.minutes_from_hours(hours_per_week=Decimal("16.25"), days_per_week=5) == (5, 195)
    with pytest.raises(ValidationError) as error:
        services.minutes_from_hours(hours_per_week=Decimal("1"), days_per_week=7)
    assert "whole number of minutes" in error.value.message_dict["hours_per_week"][0]
    with pytest.raises(ValidationError) as error:
        services.minutes_from_hours(hours_per_week=Decimal("-2"), days_per_week=5)
    assert "more than 0" in error.value.message_dict["hours_per_week"][0]


def test_a_member_joins_and_leaves_on_dates(provision, senco, school, class_4a):
    newcomer = make_pupil(school, first="Ava", registration_group=class_4a)
    member = services.add_member(provision=provision, by=senco, pupil=newcomer, joined_on=date(2026, 10, 5))
    services.record_leaving(member=member, by=senco, left_on=date(2026, 11, 27))
    member.refresh_from_db()
    assert (member.joined_on, member.left_on) == (date(2026, 10, 5), date(2026, 11, 27))
    assert AuditEvent.objects.filter(pupil=newcomer, action="changed", actor=senco).exists()


def test_leaving_before_joining_is_refused(provision, senco, other_pupil):
    member = provision.members.get(pupil=other_pupil)
    refused(
        lambda: services.record_leaving(member=member, by=senco, left_on=START - timedelta(days=1)),
        "left_on",
        "on or after the date they joined (7 September 2026)",
    )


@pytest.mark.parametrize(
    ("joined_on", "who", "field", "message"),
    [
        (START - timedelta(days=1), "newcomer", "joined_on", "within the provision's dates"),
        (date(2026, 10, 1), "pupil", "pupil", "already a member"),
        (date(2026, 10, 1), "elsewhere", "pupil", "pupils of this school only"),
    ],
)
def test_bad_joins_are_refused(provision, senco, school, other_school, pupil, joined_on, who, field, message):
    pupils = {
        "pupil": pupil,
        "newcomer": make_pupil(school, first="Ava"),
        "elsewhere": make_pupil(other_school, first="Zoe"),
    }
    refused(
        lambda: services.add_member(provision=provision, by=senco, pupil=pupils[who], joined_on=joined_on),
        field,
        message,
    )


def test_one_to_one_takes_no_second_pupil(school, senco, ta, intervention, pupil, other_pupil):
    one = services.create_provision(school=school, by=senco, one_to_one=True, **group_args(intervention, ta, pupil))
    refused(
        lambda: services.add_member(provision=one, by=senco, pupil=other_pupil, joined_on=date(2026, 10, 1)),
        "pupil",
        "One-to-one support is for one pupil",
    )


def test_ending_and_reviewing(provision, senco):
    services.end_provision(provision=provision, by=senco, ends_on=date(2026, 12, 18))
    services.review_provision(
        provision=provision,
        by=senco,
        reviewed_on=date(2026, 11, 30),
        review_note="Most read fluently now.",
        today=date(2026, 12, 1),
    )
    provision.refresh_from_db()
    assert (provision.ends_on, provision.reviewed_on, provision.review_note) == (
        date(2026, 12, 18),
        date(2026, 11, 30),
        "Most read fluently now.",
    )


def test_bad_ends_and_reviews_are_refused(provision, senco, delivered_session):
    refused(
        lambda: services.end_provision(provision=provision, by=senco, ends_on=START - timedelta(days=1)),
        "ends_on",
        "on or after the start date",
    )
    refused(
        lambda: services.end_provision(provision=provision, by=senco, ends_on=date(2026, 9, 7)),
        "ends_on",
        "A session was registered on 8 September 2026",
    )
    today = date(2026, 12, 1)
    for when, note, field, message in [
        (date(2026, 12, 2), "Fine.", "reviewed_on", "today (1 December 2026) or in the past"),
        (date(2026, 9, 1), "Fine.", "reviewed_on", "before the provision started"),
        (date(2026, 11, 30), "  ", "review_note", "Say what the review found"),
    ]:
        refused(
            lambda when=when, note=note: services.review_provision(
                provision=provision, by=senco, reviewed_on=when, review_note=note, today=today
            ),
            field,
            message,
        )
    assert DeliveredSession.objects.count() == 1


def test_a_group_member_set_changes_only_current_plan_outcomes(provision, senco, teacher, pupil):
    outcome = helpers.running_cycle(pupil, senco, teacher).plan.outcomes.get()
    services.set_outcomes(provision=provision, by=senco, outcomes=[outcome])
    assert list(provision.outcomes.all()) == [outcome]
    services.set_outcomes(provision=provision, by=senco, outcomes=[])
    assert list(provision.outcomes.all()) == []
    assert AuditEvent.objects.filter(pupil=pupil, summary__startswith="Changed the outcomes served").count() == 2


def test_one_to_one_hours_over_the_cap_warn_but_do_not_block(school, senco, ta, intervention, pupil, login):
    args = group_args(intervention, ta, pupil, sessions_per_week=5, session_minutes=120)  # 10 hours a week
    services.create_provision(school=school, by=senco, one_to_one=True, **args)
    assert selectors_library.over_one_to_one_cap(school, [pupil], date(2026, 10, 1)) == []
    second = services.create_provision(school=school, by=senco, one_to_one=True, **{**args, "name": "Afternoons"})
    [warning] = selectors_library.over_one_to_one_cap(school, [pupil], date(2026, 10, 1))
    assert "20.00 hours a week" in warning and "limit of 16.25 hours" in warning
    page = login(senco).get(reverse("provision:provision_detail", args=[second.pk])).content.decode()
    assert "more than the school&#x27;s limit of 16.25 hours" in page
    # A group provision's hours do not count as one-to-one adult support.
    services.create_provision(school=school, by=senco, **{**args, "name": "Group", "sessions_per_week": 1})
    assert selectors_library.one_to_one_hours([pupil.pk], date(2026, 10, 1)) == {pupil.pk: Decimal("20.00")}


def test_carried_over_outcomes_bring_their_provisions_into_the_new_cycle(provision, senco, teacher, pupil):
    cycle = helpers.running_cycle(pupil, senco, teacher)
    old = cycle.plan.outcomes.get()
    services.set_outcomes(provision=provision, by=senco, outcomes=[old])
    helpers.review(cycle.plan, senco, next_step=NextStep.CONTINUE, held_on=date(2025, 11, 18))
    new = Cycle.objects.get(pupil=pupil, number=2).plan.outcomes.get()
    assert new.carried_from == old
    assert set(provision.outcomes.all()) == {old, new}
    # The new plan's outcome is now one the provision may serve (and be unlinked from) as usual.
    assert new in selectors_library.outcome_choices([pupil.pk])


def test_a_stranger_cannot_be_named_to_deliver(school, senco, ta, intervention, pupil):
    outsider = make_user("outsider")
    refused(
        lambda: services.create_provision(
            school=school, by=senco, **group_args(intervention, ta, pupil, deliverers=[outsider])
        ),
        "deliverers",
        "Only staff of the school",
    )
