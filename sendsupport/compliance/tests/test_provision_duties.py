"""The three provision duties: no session registered for two weeks, projected over the element 2
threshold with no top-up, and a provision that ended without a review. Pure checks on fixed dates,
then the to-do list built from the database, with its links to where the SENCO acts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from conftest import TODAY, make_pupil
from sendsupport.compliance.basis import Basis, standing_of
from sendsupport.compliance.engine import todo_list
from sendsupport.compliance.facts import ProvisionDutyFacts, PupilFacts
from sendsupport.compliance.figures import national_figures
from sendsupport.compliance.provision_duties import (
    NO_SESSIONS,
    NO_TOP_UP,
    NOT_REVIEWED,
    ended_without_review,
    no_sessions_registered,
    over_threshold_without_top_up,
)
from sendsupport.provision.choices import Attendance, DelivererRole, FundingStream, Recurrence, TopUpStatus
from sendsupport.provision.models import (
    DeliveredSession,
    ExtraCost,
    Intervention,
    Provision,
    ProvisionMember,
    SessionAttendance,
    StaffMemberCost,
    StaffRoleCost,
    TopUp,
)


def facts(**extra) -> PupilFacts:
    return PupilFacts(
        pupil_id=1,
        name="Maya",
        year_group="4",
        registration_group_id=None,
        group_ids=frozenset(),
        teacher_ids=frozenset(),
        provision="K",
        support_started_on=date(2025, 9, 1),
        **extra,
    )


def running(last_session_on: date | None, starts_on: date = date(2025, 9, 8), ends_on: date | None = None):
    return ProvisionDutyFacts(7, "Phonics group A", starts_on, ends_on, last_session_on, None)


FIGURES = national_figures()


def test_it_flags_a_running_provision_with_no_session_for_more_than_two_weeks():
    stale = facts(provisions=(running(TODAY - timedelta(days=15)),))
    [gap] = no_sessions_registered(stale, TODAY, FIGURES)
    assert gap.duty == NO_SESSIONS and gap.fix_id == 7
    assert "No session of Phonics group A has been registered for 15 days" in gap.message
    assert no_sessions_registered(facts(provisions=(running(TODAY - timedelta(days=14)),)), TODAY, FIGURES) == []


def test_it_counts_from_the_start_when_no_session_was_ever_registered():
    never = facts(provisions=(running(None, starts_on=TODAY - timedelta(days=20)),))
    [gap] = no_sessions_registered(never, TODAY, FIGURES)
    assert "none since it started" in gap.message
    just_started = facts(provisions=(running(None, starts_on=TODAY - timedelta(days=3)),))
    assert no_sessions_registered(just_started, TODAY, FIGURES) == []


def test_it_does_not_ask_for_sessions_of_a_provision_that_has_ended_or_not_started():
    ended = facts(provisions=(running(None, starts_on=date(2025, 1, 6), ends_on=TODAY - timedelta(days=1)),))
    future = facts(provisions=(running(None, starts_on=TODAY + timedelta(days=1)),))
    assert no_sessions_registered(ended, TODAY, FIGURES) == []
    assert no_sessions_registered(future, TODAY, FIGURES) == []


def test_it_flags_a_pupil_projected_over_the_threshold_with_no_top_up():
    [gap] = over_threshold_without_top_up(facts(projected_cost_pence=600_001), TODAY, FIGURES)
    assert gap.duty == NO_TOP_UP and "£6,000.01" in gap.message and "£6,000.00" in gap.message
    assert over_threshold_without_top_up(facts(projected_cost_pence=600_000), TODAY, FIGURES) == []
    asked = facts(projected_cost_pence=900_000, top_up_this_year=True)
    assert over_threshold_without_top_up(asked, TODAY, FIGURES) == []
    # Costs not worked out (someone who may not see them): nothing said.
    assert over_threshold_without_top_up(facts(), TODAY, FIGURES) == []


def test_it_uses_the_schools_own_threshold():
    figures = {**FIGURES, "element2_threshold_pence": 1_000_000}
    assert over_threshold_without_top_up(facts(projected_cost_pence=900_000), TODAY, figures) == []


def test_it_flags_a_provision_that_ended_without_a_review():
    ended = ProvisionDutyFacts(7, "Phonics group A", date(2025, 1, 6), TODAY - timedelta(days=1), None, None)
    [gap] = ended_without_review(facts(provisions=(ended,)), TODAY, FIGURES)
    assert gap.duty == NOT_REVIEWED and gap.fix == "provision_review" and gap.fix_id == 7
    reviewed = ProvisionDutyFacts(7, "Phonics group A", date(2025, 1, 6), TODAY - timedelta(days=1), None, TODAY)
    ends_today = ProvisionDutyFacts(7, "Phonics group A", date(2025, 1, 6), TODAY, None, None)
    assert ended_without_review(facts(provisions=(reviewed, ends_today)), TODAY, FIGURES) == []


def test_each_duty_has_its_basis_registered():
    for code in (NO_SESSIONS, NO_TOP_UP, NOT_REVIEWED):
        standing = standing_of(code)
        assert standing.basis == Basis.GOOD_PRACTICE and standing.source


def give_provision(school, pupils, senco) -> Provision:
    """A TA-led group for every pupil given, from September, with its last session on 1 October, an
    extra cost, a named deliverer's hourly cost, and a top-up asked for the first pupil: every kind of
    row the provision duties read, so query counts cover them."""
    intervention = Intervention.objects.create(
        school=school, name="Talk boost", area="communication", description="x", delivered_by=DelivererRole.TA
    )
    group = Provision.objects.create(
        school=school,
        intervention=intervention,
        name="Talk boost group",
        deliverer_role=DelivererRole.TA,
        sessions_per_week=5,
        session_minutes=60,
        starts_on=date(2025, 9, 8),
        funding=FundingStream.NOTIONAL_SEN,
    )
    group.deliverers.add(senco)
    StaffRoleCost.objects.create(school=school, role=DelivererRole.TA, hourly_pence=1800)
    StaffMemberCost.objects.create(school=school, user=senco, hourly_pence=4000)
    ExtraCost.objects.create(
        provision=group, description="Books", amount_pence=5000, recurrence=Recurrence.ONE_OFF, on_date=date(2025, 9, 8)
    )
    session = DeliveredSession.objects.create(provision=group, held_on=date(2025, 10, 1), minutes=60)
    for pupil in pupils:
        ProvisionMember.objects.create(provision=group, pupil=pupil, joined_on=date(2025, 9, 8))
        SessionAttendance.objects.create(session=session, pupil=pupil, status=Attendance.PRESENT)
    if pupils:
        TopUp.objects.create(
            pupil=pupils[0],
            start_year=2025,
            amount_pence=100_000,
            status=TopUpStatus.REQUESTED,
            requested_on=date(2025, 10, 1),
            source="LA",
        )
    return group


@pytest.mark.django_db
def test_the_todo_list_shows_each_provision_gap_with_a_link_to_where_it_is_fixed(school, senco, class_4a):
    maya = make_pupil(
        school, first="Maya", last="Test", registration_group=class_4a, provision="K", needs=[("SLCN", 1)]
    )
    group = give_provision(school, [maya], senco)
    Provision.objects.filter(pk=group.pk).update(session_minutes=90)
    TopUp.objects.all().delete()
    ended = Provision.objects.create(
        school=school,
        intervention=group.intervention,
        name="Summer 1:1",
        deliverer_role=DelivererRole.TEACHER,
        one_to_one=True,
        sessions_per_week=5,
        session_minutes=60,
        starts_on=date(2025, 6, 2),
        ends_on=date(2025, 7, 18),
        funding=FundingStream.NOTIONAL_SEN,
    )
    ProvisionMember.objects.create(provision=ended, pupil=maya, joined_on=date(2025, 6, 2))
    todo = todo_list(senco, school, today=TODAY)
    links = {item.gap.duty: item.link for item in todo.items}
    assert links[NO_SESSIONS] == reverse("provision:costs_provision", args=[group.pk])
    assert links[NOT_REVIEWED] == reverse("provision:costs_review", args=[ended.pk])
    # With no session registered yet, the projection is the schedule for the rest of the year (its
    # term weeks): an hour and a half a day at £40 (the named deliverer) is over £6,000.
    assert links[NO_TOP_UP] == reverse("provision:top_up_add", args=[maya.pk])
    assert dict((code, count) for code, _, count in todo.counts)[NO_TOP_UP] == 1


@pytest.mark.django_db
def test_a_top_up_requested_this_year_or_a_review_clears_the_gaps(school, senco, class_4a):
    maya = make_pupil(
        school, first="Maya", last="Test", registration_group=class_4a, provision="K", needs=[("SLCN", 1)]
    )
    group = give_provision(school, [maya], senco)
    DeliveredSession.objects.create(provision=group, held_on=TODAY - timedelta(days=2), minutes=60)
    duties = {item.gap.duty for item in todo_list(senco, school, today=TODAY).items}
    assert not duties & {NO_SESSIONS, NO_TOP_UP, NOT_REVIEWED}
