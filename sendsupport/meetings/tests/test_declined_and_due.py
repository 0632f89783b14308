"""Meetings offered and declined, and what is due by now: only pupils on the register are measured."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from conftest import make_pupil
from sendsupport.meetings import selectors
from sendsupport.meetings.models import DeclinedMeeting
from sendsupport.schools.models import AcademicYear, Term
from sendsupport.testing.assertions import assert_only
from sendsupport.testing.personas import MANAGERS


def test_managers_and_the_pupils_teacher_record_a_declined_meeting(personas, pupil, other_pupil, login):
    assert_only(login, personas, reverse("meetings:declined_add", args=[pupil.pk]), MANAGERS | {"teacher"})
    assert_only(login, personas, reverse("meetings:declined_add", args=[other_pupil.pk]), MANAGERS)


def test_a_declined_meeting_needs_the_date_it_was_offered(pupil, senco, login):
    url = reverse("meetings:declined_add", args=[pupil.pk])
    response = login(senco).post(url, {"offered_on": "", "notes": "Mum said she was too busy"})
    assert response.status_code == 400
    assert "Enter the date the meeting was offered" in response.content.decode()
    assert not DeclinedMeeting.objects.exists()


def test_a_declined_meeting_is_recorded_and_listed(pupil, senco, login):
    url = reverse("meetings:declined_add", args=[pupil.pk])
    response = login(senco).post(url, {"offered_on": "2025-10-06", "notes": "Offered by phone"})
    assert response.status_code == 302
    offer = DeclinedMeeting.objects.get()
    assert offer.offered_on == date(2025, 10, 6) and offer.recorded_by == senco
    page = login(senco).get(reverse("meetings:list", args=[pupil.pk])).content.decode()
    assert "Offered by phone" in page
    assert reverse("meetings:declined_add", args=[pupil.pk]) in page


def test_an_offer_dated_in_the_future_is_refused(pupil, senco, login):
    url = reverse("meetings:declined_add", args=[pupil.pk])
    response = login(senco).post(url, {"offered_on": "2099-01-01"})
    assert response.status_code == 400
    assert not DeclinedMeeting.objects.exists()


def test_nothing_is_due_on_2_september_and_one_after_the_autumn_term(pupil):
    assert selectors.year_summary(pupil, today=date(2025, 9, 2))["met"]
    after_autumn = selectors.year_summary(pupil, today=date(2025, 12, 20))
    assert after_autumn["due"] == 1 and not after_autumn["met"]


def test_the_schools_own_term_dates_are_used(pupil, school):
    year = AcademicYear.objects.get(start_year=2025)
    Term.objects.create(
        school=school, academic_year=year, name="autumn", start_date=date(2025, 9, 3), end_date=date(2025, 12, 23)
    )
    Term.objects.create(
        school=school, academic_year=year, name="spring", start_date=date(2026, 1, 6), end_date=date(2026, 3, 27)
    )
    Term.objects.create(
        school=school, academic_year=year, name="summer", start_date=date(2026, 4, 13), end_date=date(2026, 7, 21)
    )
    assert selectors.year_summary(pupil, today=date(2025, 12, 20))["due"] == 0  # the school's autumn term still runs
    assert selectors.year_summary(pupil, today=date(2025, 12, 24))["due"] == 1


def test_a_pupil_not_on_the_register_is_not_measured(school, senco, login):
    nobody = make_pupil(school, first="Ann", last="Lee", provision="N")
    summary = selectors.year_summary(nobody, today=date(2026, 8, 1))
    assert summary["met"] and not summary["measured"]
    page = login(senco).get(reverse("pupils:detail", args=[nobody.pk])).content.decode()
    assert "expected by now" not in page


def test_a_review_the_parents_attended_counts(pupil, senco):
    from sendsupport.support.models import Cycle, Plan, Review

    cycle = Cycle.objects.create(
        pupil=pupil, number=1, status="closed", opened_on=date(2025, 9, 1), closed_on=date(2025, 10, 20)
    )
    plan = Plan.objects.create(cycle=cycle, pupil=pupil, review_date=date(2025, 10, 20), created_on=date(2025, 9, 2))
    Review.objects.create(
        cycle=cycle,
        plan=plan,
        pupil=pupil,
        held_on=date(2025, 10, 20),
        expected_progress=True,
        attendees="SENCO, mother",
        next_step="continue",
        parents_attended=True,
    )
    assert selectors.year_summary(pupil, today=date(2025, 12, 20))["count"] == 1
