"""Reasonable adjustments and auxiliary aids: recorded by the SENCO, shown on the passport."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from conftest import TODAY
from sendsupport.statutory.inclusion import services
from sendsupport.statutory.inclusion.models import Adjustment

pytestmark = pytest.mark.django_db


def test_the_passport_shows_current_adjustments_to_staff_and_parents(adjustment, pupil, parent, teacher, login):
    services.save_adjustment(
        pupil=pupil,
        by=None,
        kind="adjustment",
        description="A ramp (stopped)",
        since=date(2024, 9, 1),
        ended_on=date(2025, 7, 1),
        today=TODAY,
    )
    for user in (parent, teacher):
        html = login(user).get(reverse("profiles:passport", args=[pupil.pk])).content.decode()
        assert "Adjustments and aids" in html
        assert "A writing slope and a pencil grip" in html
        assert "A ramp (stopped)" not in html


def test_the_passport_of_a_pupil_without_adjustments_has_no_section(pupil, senco, login):
    html = login(senco).get(reverse("profiles:passport", args=[pupil.pk])).content.decode()
    assert "Adjustments and aids" not in html


def test_a_review_date_before_the_start_is_refused(pupil, senco, login):
    response = login(senco).post(
        reverse("inclusion:adjustment_add", args=[pupil.pk]),
        {"kind": "aid", "description": "A radio aid", "since": "2025-09-03", "review_on": "2025-08-01"},
    )
    assert response.status_code == 400
    assert "The review date must be after the date it was provided from." in response.content.decode()
    assert not Adjustment.objects.exists()


def test_teachers_read_but_do_not_record_adjustments(adjustment, pupil, teacher, login):
    client = login(teacher)
    html = client.get(reverse("inclusion:pupil", args=[pupil.pk])).content.decode()
    assert "A writing slope and a pencil grip" in html
    assert reverse("inclusion:adjustment_add", args=[pupil.pk]) not in html
    assert client.get(reverse("inclusion:adjustment_add", args=[pupil.pk])).status_code == 404


def test_the_pupil_page_links_to_the_section(pupil, senco, login):
    html = login(senco).get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert reverse("inclusion:pupil", args=[pupil.pk]) in html


def test_two_people_changing_an_adjustment_do_not_overwrite_each_other(adjustment, pupil, senco, head, login):
    url = reverse("inclusion:adjustment_edit", args=[pupil.pk, adjustment.pk])
    data = {"kind": "aid", "description": "A writing slope", "since": "2025-09-03", "version": adjustment.version}
    first = login(senco).post(url, {**data, "review_on": "2026-03-01"})
    assert first.status_code == 302
    second = login(head).post(url, {**data, "review_on": "2026-06-01"})
    assert second.status_code == 400
    adjustment.refresh_from_db()
    assert adjustment.review_on == date(2026, 3, 1)
