"""Activities and the adjustments made so each pupil with SEN can take part."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendsupport.audit.models import AuditEvent
from sendsupport.statutory.inclusion.models import Activity, ActivityPlace

pytestmark = pytest.mark.django_db


def test_a_teacher_sees_only_the_activities_they_lead(trip, other_trip, teacher, ta, login):
    html = login(teacher).get(reverse("inclusion:activities")).content.decode()
    assert trip.name in html and other_trip.name not in html
    html = login(ta).get(reverse("inclusion:activities")).content.decode()
    assert "You are not the lead of any activity." in html


def test_the_lead_records_adjustments_for_a_pupil_they_teach(trip, pupil, teacher, login):
    client = login(teacher)
    response = client.post(
        reverse("inclusion:place_add", args=[trip.pk]), {"pupil": pupil.pk, "adjustments": "A buddy all day."}
    )
    assert response.status_code == 302
    assert ActivityPlace.objects.get().adjustments == "A buddy all day."
    html = client.get(reverse("inclusion:activity", args=[trip.pk])).content.decode()
    assert pupil.display_name in html and "A buddy all day." in html
    assert AuditEvent.objects.filter(pupil=pupil, action="viewed", summary__contains=trip.name).exists()


def test_the_lead_cannot_choose_a_pupil_they_do_not_teach(trip, other_pupil, teacher, login):
    response = login(teacher).post(
        reverse("inclusion:place_add", args=[trip.pk]), {"pupil": other_pupil.pk, "adjustments": "A buddy."}
    )
    assert response.status_code == 400
    assert "Choose a pupil from the list" in response.content.decode()
    assert not ActivityPlace.objects.exists()


def test_adjustments_are_required(trip, pupil, senco, login):
    response = login(senco).post(reverse("inclusion:place_add", args=[trip.pk]), {"pupil": pupil.pk})
    assert response.status_code == 400
    assert "Enter the adjustments made so the pupil can take part." in response.content.decode()


def test_recording_a_pupil_again_replaces_the_adjustments(place, trip, pupil, senco, login):
    login(senco).post(reverse("inclusion:place_add", args=[trip.pk]), {"pupil": pupil.pk, "adjustments": "New plan"})
    assert list(ActivityPlace.objects.values_list("adjustments", flat=True)) == ["New plan"]


def test_an_activity_cannot_end_before_it_starts(senco, login):
    response = login(senco).post(
        reverse("inclusion:activity_add"),
        {"name": "Residential", "kind": "residential", "starts_on": "2026-05-13", "ends_on": "2026-05-11"},
    )
    assert response.status_code == 400
    assert "The last date must be the same as or after the first date." in response.content.decode()
    assert not Activity.objects.exists()


def test_the_senco_reaches_activities_and_exam_arrangements_from_home(senco, login):
    html = login(senco).get(reverse("home")).content.decode()
    assert reverse("inclusion:activities") in html and reverse("inclusion:exams") in html
