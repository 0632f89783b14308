"""The to-do list against the real database: it changes as each duty is met, and its query count is fixed."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from conftest import TODAY, make_pupil
from sendsupport.compliance.engine import TodoFilters, todo_list
from sendsupport.compliance.tests.test_provision_duties import give_provision
from sendsupport.meetings.models import DeclinedMeeting, Meeting
from sendsupport.pupils.models import Contact, Pupil, PupilContact
from sendsupport.statutory.models import AnnualReview, EHCPlan, EHCRequest
from sendsupport.support.choices import CycleStatus, NextStep, PlanStatus
from sendsupport.support.models import (
    Assessment,
    AssessmentScore,
    Cycle,
    Outcome,
    ParentNotification,
    Plan,
    Review,
)
from sendsupport.support.profiles.models import ProfileAcknowledgement, PupilProfile
from sendsupport.support.specialists.models import SpecialistInvolvement

pytestmark = pytest.mark.django_db


def duties_for(user, school, pupil, **filters) -> list[str]:
    todo = todo_list(user, school, today=TODAY, filters=TodoFilters(**filters))
    return [item.gap.duty for item in todo.items if item.gap.pupil_id == pupil.pk]


def open_cycle_with_plan(pupil, *, review_date=date(2025, 12, 12), agreed=True, number=1) -> tuple[Cycle, Plan]:
    cycle = Cycle.objects.create(pupil=pupil, number=number, status=CycleStatus.OPEN, opened_on=date(2025, 9, 1))
    plan = Plan.objects.create(
        cycle=cycle,
        pupil=pupil,
        review_date=review_date,
        created_on=date(2025, 9, 5),
        status=PlanStatus.AGREED if agreed else PlanStatus.DRAFT,
        agreed_on=date(2025, 9, 8) if agreed else None,
        parents_consulted_on=date(2025, 9, 8) if agreed else None,
    )
    Outcome.objects.create(
        plan=plan,
        pupil=pupil,
        area="communication",
        description="Maya will ask for help using a help card.",
        baseline="Asks for help 0 times a week (September 2025).",
        target="Asks for help 3 times a week.",
        measure="Teaching assistant tally each Friday.",
        due_date=review_date,
    )
    return cycle, plan


def meet_parents(pupil, times: int) -> None:
    contact = pupil.contact_links.first().contact
    for day in range(times):
        meeting = Meeting.objects.create(
            pupil=pupil, held_on=date(2025, 9, 10 + day), kind="other", discussed="Progress", agreed="Next steps"
        )
        meeting.parents_attended.add(contact)


def test_the_list_shrinks_as_each_duty_is_met(senco, school, pupil, parent, teacher, ta):
    assert set(duties_for(senco, school, pupil)) == {"parent_not_notified", "plan_not_agreed"}

    ParentNotification.objects.create(pupil=pupil, notified_on=date(2024, 9, 2), method="letter", notified_by=senco)
    assert set(duties_for(senco, school, pupil)) == {"plan_not_agreed"}

    cycle, plan = open_cycle_with_plan(pupil, agreed=False)
    assert set(duties_for(senco, school, pupil)) == {"plan_not_agreed"}
    plan.status, plan.agreed_on = PlanStatus.AGREED, date(2025, 9, 8)
    plan.save()
    # Agreed by the school alone: not yet agreed with the parents.
    assert set(duties_for(senco, school, pupil)) == {"plan_not_agreed"}
    plan.parents_consulted_on = date(2025, 9, 7)
    plan.save()
    assert duties_for(senco, school, pupil) == []

    profile = PupilProfile.objects.create(
        pupil=pupil,
        version=1,
        created_on=date(2025, 9, 3),
        liked_and_admired="Kind",
        important_to_me="Football",
        how_to_support_me="Visual timetable",
        strategies="Chunk tasks",
    )
    assert duties_for(senco, school, pupil) == ["profile_unread"]
    ProfileAcknowledgement.objects.create(profile=profile, user=teacher)
    ProfileAcknowledgement.objects.create(profile=profile, user=ta)
    assert duties_for(senco, school, pupil) == []


def test_a_plan_the_parents_agreed_on_a_recorded_date_counts_as_consulted(senco, school, pupil, parent):
    ParentNotification.objects.create(pupil=pupil, notified_on=date(2024, 9, 2), method="letter", notified_by=senco)
    _, plan = open_cycle_with_plan(pupil)
    plan.parents_consulted_on = None
    plan.save()
    assert duties_for(senco, school, pupil) == ["plan_not_agreed"]
    plan.parent_agreed_on = date(2025, 9, 10)
    plan.save()
    assert duties_for(senco, school, pupil) == []


AFTER_AUTUMN = date(2025, 12, 20)


def _meetings_gap(senco, school, pupil) -> list[str]:
    todo = todo_list(senco, school, today=AFTER_AUTUMN)
    return [
        item.gap.message for item in todo.items if item.gap.pupil_id == pupil.pk and item.gap.duty == "parent_meetings"
    ]


def test_meetings_are_due_after_the_term_and_declined_offers_and_review_meetings_count(senco, school, pupil, parent):
    ParentNotification.objects.create(pupil=pupil, notified_on=date(2024, 9, 2), method="letter", notified_by=senco)
    open_cycle_with_plan(pupil, review_date=date(2025, 12, 29))
    assert duties_for(senco, school, pupil) == []  # 20 November: the autumn term has not ended
    assert _meetings_gap(senco, school, pupil) == [
        "0 meetings with parents this school year; 1 expected by now (about one a term)."
    ]

    declined = DeclinedMeeting.objects.create(pupil=pupil, offered_on=date(2025, 10, 6))
    assert _meetings_gap(senco, school, pupil) == []
    declined.delete()

    review_cycle = Cycle.objects.create(
        pupil=pupil, number=2, status=CycleStatus.CLOSED, opened_on=date(2025, 9, 1), closed_on=date(2025, 10, 20)
    )
    review_plan = Plan.objects.create(
        cycle=review_cycle, pupil=pupil, review_date=date(2025, 10, 20), created_on=date(2025, 9, 2)
    )
    review = Review.objects.create(
        cycle=review_cycle,
        plan=review_plan,
        pupil=pupil,
        held_on=date(2025, 10, 20),
        expected_progress=True,
        pupil_views="Fine",
        parent_views="Happy",
        attendees="SENCO, mother",
        next_step=NextStep.CONTINUE,
    )
    assert len(_meetings_gap(senco, school, pupil)) == 1  # the parents did not attend that review
    review.parents_attended = True
    review.save()
    assert _meetings_gap(senco, school, pupil) == []


def test_a_meeting_record_not_given_to_the_parents_in_time_is_a_gap(senco, school, pupil, parent):
    ParentNotification.objects.create(pupil=pupil, notified_on=date(2024, 9, 2), method="letter", notified_by=senco)
    open_cycle_with_plan(pupil)
    meet_parents(pupil, 1)  # 10 September, not shared
    todo = todo_list(senco, school, today=TODAY)
    [item] = [item for item in todo.items if item.gap.pupil_id == pupil.pk]
    assert item.gap.duty == "meeting_record"
    assert item.link == reverse("meetings:list", args=[pupil.pk])
    for meeting in Meeting.objects.filter(pupil=pupil):  # saved one by one, as the app does
        meeting.shared_with_parents_on = date(2025, 9, 12)
        meeting.save()
    assert duties_for(senco, school, pupil) == []


def test_an_agreed_plan_past_its_review_date_is_overdue(senco, school, pupil, parent):
    ParentNotification.objects.create(pupil=pupil, notified_on=date(2024, 9, 2), method="email", notified_by=senco)
    open_cycle_with_plan(pupil, review_date=date(2025, 11, 6))
    todo = todo_list(senco, school, today=TODAY)
    [item] = [item for item in todo.items if item.gap.pupil_id == pupil.pk]
    assert item.gap.duty == "review_overdue"
    assert item.gap.days_overdue == 14
    assert item.link == reverse("support:review_new", args=[pupil.pk, 1])


def test_outcomes_failing_smart_are_counted_unless_overridden(senco, school, pupil, parent):
    ParentNotification.objects.create(pupil=pupil, notified_on=date(2024, 9, 2), method="email", notified_by=senco)
    _, plan = open_cycle_with_plan(pupil)
    Outcome.objects.create(plan=plan, pupil=pupil, area="semh", description="Maya will try to improve her behaviour.")
    assert duties_for(senco, school, pupil) == ["outcomes_not_smart"]
    plan.smart_override_reason = "Agreed with parents as a first step; measures added at the next review."
    plan.save()
    assert duties_for(senco, school, pupil) == []


def test_reviews_below_expected_prompt_specialists_then_an_ehc_needs_assessment(senco, school, pupil, parent):
    ParentNotification.objects.create(pupil=pupil, notified_on=date(2024, 9, 2), method="email", notified_by=senco)
    for number, held_on in ((1, date(2025, 3, 1)), (2, date(2025, 7, 1))):
        cycle = Cycle.objects.create(
            pupil=pupil,
            number=number,
            status=CycleStatus.CLOSED,
            opened_on=date(2025, number * 2 - 1, 1),
            closed_on=held_on,
        )
        plan = Plan.objects.create(
            cycle=cycle,
            pupil=pupil,
            review_date=held_on,
            created_on=date(2025, number * 2 - 1, 2),
            status=PlanStatus.AGREED,
            agreed_on=date(2025, number * 2 - 1, 3),
        )
        Review.objects.create(
            cycle=cycle,
            plan=plan,
            pupil=pupil,
            held_on=held_on,
            expected_progress=False,
            pupil_views="Reading is hard",
            parent_views="Worried",
            attendees="SENCO, parent",
            next_step=NextStep.REVISE,
        )
    open_cycle_with_plan(pupil, number=3)
    assert duties_for(senco, school, pupil) == ["involve_specialists"]
    involvement = SpecialistInvolvement.objects.create(
        pupil=pupil,
        professional_type="educational_psychologist",
        referral_date=date(2025, 1, 15),
        parental_consent=True,
        consent_date=date(2025, 1, 10),
    )
    assert duties_for(senco, school, pupil) == []  # involved, no advice yet
    involvement.advice_received_on = date(2025, 2, 1)  # before cycle 2's plan began on 3 March
    involvement.save()
    assert duties_for(senco, school, pupil) == ["consider_ehc"]
    EHCRequest.objects.create(pupil=pupil, requested_on=date(2025, 11, 1), requested_by="school")
    assert duties_for(senco, school, pupil) == []
    involvement.status = SpecialistInvolvement.Status.ENDED
    involvement.save()
    assert duties_for(senco, school, pupil) == ["involve_specialists"]


def test_filters_by_year_group_class_and_teacher(senco, school, pupil, teacher, class_5b):
    other = make_pupil(
        school, first="Ben", last="Ward", year_group="5", registration_group=class_5b, provision="K", needs=[("MLD", 1)]
    )
    everyone = todo_list(senco, school, today=TODAY)
    assert {item.gap.pupil_id for item in everyone.items} == {pupil.pk, other.pk}
    assert {
        i.gap.pupil_id for i in todo_list(senco, school, today=TODAY, filters=TodoFilters(year_group="5")).items
    } == {other.pk}
    assert {
        i.gap.pupil_id for i in todo_list(senco, school, today=TODAY, filters=TodoFilters(group_id=class_5b.pk)).items
    } == {other.pk}
    assert {
        i.gap.pupil_id for i in todo_list(senco, school, today=TODAY, filters=TodoFilters(teacher_id=teacher.pk)).items
    } == {pupil.pk}


def test_pupils_with_no_sen_are_not_on_the_list(senco, school):
    nobody = make_pupil(school, first="Ann", last="Lee", provision="N")
    assert duties_for(senco, school, nobody) == []


def _school_with(n: int, school, class_4a, senco):
    for index in range(n):
        pupil = make_pupil(
            school, first=f"P{index}", last="Test", registration_group=class_4a, provision="K", needs=[("SLCN", 1)]
        )
        cycle, plan = open_cycle_with_plan(pupil)
        Review.objects.create(
            cycle=Cycle.objects.create(
                pupil=pupil, number=2, status=CycleStatus.CLOSED, opened_on=date(2025, 1, 1), closed_on=date(2025, 3, 1)
            ),
            plan=Plan.objects.create(
                cycle=Cycle.objects.get(pupil=pupil, number=2),
                pupil=pupil,
                review_date=date(2025, 3, 1),
                created_on=date(2025, 1, 2),
            ),
            pupil=pupil,
            held_on=date(2025, 3, 1),
            expected_progress=True,
            attendees="SENCO",
            next_step=NextStep.CONTINUE,
        )
        ParentNotification.objects.create(pupil=pupil, notified_on=date(2024, 9, 2), method="email")
        contact = Contact.objects.create(school=school, first_name="Pat", last_name=f"P{index}")
        PupilContact.objects.create(pupil=pupil, contact=contact, relationship="mother", parental_responsibility=True)
        meet_parents(pupil, 1)
        DeclinedMeeting.objects.create(pupil=pupil, offered_on=date(2025, 10, 1))
        SpecialistInvolvement.objects.create(
            pupil=pupil,
            professional_type="educational_psychologist",
            referral_date=date(2025, 1, 15),
            parental_consent=True,
            consent_date=date(2025, 1, 10),
        )
        EHCRequest.objects.create(pupil=pupil, requested_on=date(2025, 11, 1), requested_by="school")
        ehc = EHCPlan.objects.create(pupil=pupil, issued_on=date(2025, 1, 15))
        AnnualReview.objects.create(plan=ehc, pupil=pupil, meeting_on=date(2026, 1, 10))
        assessment = Assessment.objects.create(
            cycle=cycle,
            pupil=pupil,
            teacher_assessment="x",
            attainment="x",
            decision="continue",
            decided_on=date(2025, 9, 2),
            severe_or_complex=index % 2 == 0,
        )
        AssessmentScore.objects.create(
            assessment=assessment, pupil=pupil, what="Reading", compared_with_expected="well_below"
        )
        PupilProfile.objects.create(
            pupil=pupil,
            version=1,
            created_on=date(2025, 9, 3),
            liked_and_admired="x",
            important_to_me="x",
            how_to_support_me="x",
            strategies="x",
        )
    give_provision(school, list(Pupil.objects.filter(school=school)), senco)


# Pupils, groups, teachers, statuses, notifications, open cycles with plans, outcomes, reviews,
# meetings (attended, declined, unshared), passports, specialists, assessments and their scores,
# EHC requests, EHC plans and their annual reviews, open concerns, and the school's policy and terms;
# then 14 for the provision duties: memberships, last sessions, the costs check (who may see them),
# the school's costs version (the year's costs are remembered under it), the year's costs (policy,
# provisions, role and named costs, deliverers, members, attendance, sessions, extra costs) and top-ups.
TO_DO_LIST_QUERIES = 41  # and first the school's records version, under which the answer is remembered
# With nobody on roll: the (empty) register, open concerns, and the school's policy and terms.
EMPTY_TO_DO_LIST_QUERIES = 5  # with the records version


@pytest.mark.parametrize("pupils", [0, 3, 30])
def test_the_query_count_is_fixed_whatever_the_size_of_the_register(
    pupils, senco, teacher, school, class_4a, django_assert_num_queries
):
    _school_with(pupils, school, class_4a, senco)
    with django_assert_num_queries(TO_DO_LIST_QUERIES if pupils else EMPTY_TO_DO_LIST_QUERIES):
        todo = todo_list(senco, school, today=TODAY)
    assert todo.pupils_checked == pupils


def test_the_page_shows_counts_and_links_to_fix_each_gap(senco, pupil, login):
    response = login(senco).get(reverse("compliance:todo"), {"year_group": "4"})
    html = response.content.decode()
    assert "Parents not told SEN support started" in html
    assert reverse("support:notify_pupil", args=[pupil.pk]) in html
    assert "Maya Evans" in html
