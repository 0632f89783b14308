"""A pupil's page: status history, needs and parents; staff see the whole record, a parent their part."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from conftest import TODAY, link_parent, make_user
from sendsupport.audit.models import AuditEvent
from sendsupport.pupils import services
from sendsupport.schools.models import Role, StaffMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(pupil, senco):
    services.change_sen_status(
        pupil=pupil,
        provision="E",
        needs=[("SLCN", 1), ("ASD", 2)],
        start_date=date(2025, 6, 2),
        reason="EHC plan issued after needs assessment.",
        by=senco,
        today=TODAY,
    )
    services.add_contact(
        pupil=pupil,
        by=senco,
        relationship="father",
        parental_responsibility=False,
        first_name="Tomasz",
        last_name="Evans",
        email="tomasz@example.org",
        phone="07700 900777",
    )
    return pupil


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_staff_see_status_history_needs_details_and_parents(senco, parent, record, login):
    page = text(login(senco).get(reverse("pupils:detail", args=[record.pk])))
    assert "EHC plan" in page
    assert "Primary need Speech, language and communication needs (SLCN)" in page
    assert "Secondary need Autistic spectrum disorder (ASD)" in page
    assert "Communication and interaction, since" in page
    assert "2 Jun 2025 EHC plan Senco Person EHC plan issued after needs assessment." in page
    assert "1 Sep 2024 SEN support Not recorded Test set-up" in page
    assert "Needs history" in page
    assert f"UPN {record.upn}" in page
    assert "Date of birth 1 Mar 2016" in page
    assert "Registration group 4A" in page
    assert "Parent Parent (mother)" in page and "Parental responsibility Yes" in page
    assert "Tomasz Evans (father)" in page and "Parental responsibility No" in page
    assert "07700 900777" in page


def test_a_parent_sees_their_childs_status_and_needs_but_not_other_contacts_or_staff_names(parent, record, login):
    page = text(login(parent).get(reverse("pupils:detail", args=[record.pk])))
    assert "EHC plan" in page and "Speech, language and communication needs" in page
    assert "Your details" in page
    assert "Tomasz" not in page and "07700 900777" not in page
    assert "Senco Person" not in page  # who decided is for staff
    assert record.upn not in page
    assert "Change SEN status" not in page and "Edit details" not in page


def test_a_teacher_sees_the_record_but_cannot_change_it(teacher, record, login):
    page = text(login(teacher).get(reverse("pupils:detail", args=[record.pk])))
    assert "Tomasz Evans (father)" in page
    assert "Change SEN status and needs" not in page
    assert "Add a parent or carer" not in page


def test_a_governor_who_is_also_a_parent_sees_only_the_parent_view(school, record, login):
    governor_parent = make_user("govparent")
    StaffMembership.objects.create(user=governor_parent, school=school, role=Role.GOVERNOR)
    link_parent(record, governor_parent)
    page = text(login(governor_parent).get(reverse("pupils:detail", args=[record.pk])))
    assert "Your details" in page
    assert "Tomasz" not in page
    assert record.upn not in page


def test_every_view_of_the_page_is_logged(senco, parent, record, login):
    login(senco).get(reverse("pupils:detail", args=[record.pk]))
    login(parent).get(reverse("pupils:detail", args=[record.pk]))
    views = AuditEvent.objects.filter(pupil=record, action="viewed").order_by("id")
    assert [(v.actor, v.actor_name, v.school_id, v.summary) for v in views] == [
        (senco, "senco", record.school_id, "Viewed the pupil's record"),
        (parent, "parent", record.school_id, "Viewed the pupil's record"),
    ]
    assert all(v.at is not None for v in views)


def test_a_refused_view_is_not_logged_as_a_view(teacher, other_pupil, login):
    assert login(teacher).get(reverse("pupils:detail", args=[other_pupil.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="viewed").exists()
