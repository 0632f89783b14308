"""The SENCO edits a pupil's details; the change is logged with before and after; bad input saves nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendsupport.audit.models import AuditEvent
from sendsupport.pupils.models import Pupil
from sendsupport.schools.models import Group

pytestmark = pytest.mark.django_db


def current_data(pupil: Pupil, **overrides) -> dict:
    data = {
        "upn": pupil.upn,
        "legal_first_name": pupil.legal_first_name,
        "legal_last_name": pupil.legal_last_name,
        "preferred_first_name": pupil.preferred_first_name,
        "preferred_last_name": pupil.preferred_last_name,
        "date_of_birth": pupil.date_of_birth.isoformat(),
        "sex": pupil.sex,
        "year_group": pupil.year_group,
        "registration_group": pupil.registration_group_id or "",
        "on_roll_from": pupil.on_roll_from.isoformat(),
        "on_roll_until": "",
    }
    data.update(overrides)
    return data


def test_it_shows_the_current_details_to_edit(senco, pupil, login):
    response = login(senco).get(reverse("pupils:edit", args=[pupil.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{pupil.upn}"' in html
    assert 'value="Maya"' in html


def test_it_saves_changes_and_logs_before_and_after(head, pupil, login, school, class_5b):
    maths = Group.objects.create(school=school, name="Maths set 1", kind=Group.Kind.TEACHING)
    client = login(head)
    response = client.post(
        reverse("pupils:edit", args=[pupil.pk]),
        current_data(
            pupil,
            preferred_first_name="May",
            year_group="5",
            registration_group=class_5b.pk,
            teaching_groups=[maths.pk],
        ),
    )
    assert response.status_code == 302
    pupil.refresh_from_db()
    assert (pupil.display_name, pupil.legal_name, pupil.year_group) == ("May Evans", "Maya Evans", "5")
    assert list(pupil.teaching_groups.all()) == [maths]
    event = AuditEvent.objects.filter(pupil=pupil, action="changed", object_type="pupil").order_by("id").first()
    assert event.actor == head
    changes = {change["field"]: (change["before"], change["after"]) for change in event.changes}
    assert changes["preferred_first_name"] == ("", "May")
    assert changes["year_group"] == ("4", "5")
    logged_fields = {
        change["field"]
        for event in AuditEvent.objects.filter(pupil=pupil, action="changed")
        for change in event.changes
    }
    assert "teaching_groups" in logged_fields, "a change of teaching groups is logged too"


def test_keeping_the_same_upn_is_not_a_duplicate(senco, pupil, login):
    response = login(senco).post(reverse("pupils:edit", args=[pupil.pk]), current_data(pupil))
    assert response.status_code == 302


def test_taking_another_pupils_upn_is_refused_and_nothing_changes(senco, pupil, other_pupil, login):
    before = (pupil.upn, AuditEvent.objects.count())
    response = login(senco).post(
        reverse("pupils:edit", args=[pupil.pk]), current_data(pupil, upn=other_pupil.upn, legal_first_name="Changed")
    )
    assert response.status_code == 400
    assert "Another pupil already has this UPN" in response.content.decode()
    pupil.refresh_from_db()
    assert (pupil.upn, AuditEvent.objects.count()) == before
    assert pupil.legal_first_name == "Maya"


def test_a_future_date_of_birth_is_refused(senco, pupil, login):
    response = login(senco).post(
        reverse("pupils:edit", args=[pupil.pk]), current_data(pupil, date_of_birth="2999-12-31")
    )
    assert response.status_code == 400
    assert "Date of birth must be today or in the past." in response.content.decode()
    pupil.refresh_from_db()
    assert pupil.date_of_birth.year == 2016
