"""Letters, plans and emails name the SENCO the school has named, with their contact details; the
sender address comes from settings. Another member of staff with the SENCO role is never named."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from conftest import TODAY, make_user
from sendsupport.schools import services as school_services
from sendsupport.schools.models import Role, StaffMembership
from sendsupport.support import services
from sendsupport.support.choices import Decision
from sendsupport.support.tests import helpers


@pytest.fixture
def chloe(school):
    """Chloe Williams also holds the SENCO role, and her membership is older than the named SENCO's."""
    user = make_user("chloe")
    user.first_name, user.last_name = "Chloe", "Williams"
    user.save()
    StaffMembership.objects.create(user=user, school=school, role=Role.SENCO)
    return user


@pytest.fixture
def sam(chloe, school):
    user = make_user("sam")
    user.first_name, user.last_name = "Sam", "Okafor"
    user.save()
    StaffMembership.objects.create(user=user, school=school, role=Role.SENCO)
    return user


@pytest.fixture
def started(newcomer, sam):
    cycle = helpers.start(newcomer, sam)
    helpers.assess(cycle, sam, decision=Decision.START, primary_need="SLCN", secondary_need="")
    plan = helpers.plan(cycle, sam)
    helpers.outcome(plan, sam)
    helpers.agree(plan, sam)
    cycle.refresh_from_db()
    return cycle


def name_sam(school, sam):
    school_services.set_senco(
        school=school,
        by=sam,
        senco=sam,
        senco_email="senco@oakfield.example.org",
        senco_phone="0117 496 0123",
        today=TODAY,
    )


def test_the_letter_page_is_signed_by_the_named_senco_with_contact_details(started, school, sam, login):
    name_sam(school, sam)
    content = login(sam).get(reverse("support:letter", args=[started.pupil.pk, started.number])).content.decode()
    assert "Sam Okafor<br>SENCO (special educational needs co-ordinator)" in content
    assert "senco@oakfield.example.org" in content and "0117 496 0123" in content
    assert "Chloe" not in content


def test_the_email_names_the_named_senco_and_comes_from_the_configured_address(
    started, school, sam, settings, django_capture_on_commit_callbacks
):
    settings.DEFAULT_FROM_EMAIL = "Oakfield SEN <senco@oakfield.example.org>"
    name_sam(school, sam)
    with django_capture_on_commit_callbacks(execute=True):
        services.email_notification(cycle=started, by=sam, today=date(2025, 10, 1))
    message = mail.outbox[-1]
    assert message.from_email == "Oakfield SEN <senco@oakfield.example.org>"
    assert "Sam Okafor\nSENCO (special educational needs co-ordinator)" in message.body
    assert "Phone: 0117 496 0123" in message.body
    assert "Chloe" not in message.body


def test_the_parents_plan_names_the_named_senco(started, school, sam, login):
    name_sam(school, sam)
    url = reverse("support:plan_parent", args=[started.pupil.pk, started.number])
    content = login(sam).get(url).content.decode()
    assert "Sam Okafor is the school&#x27;s SENCO" in content or "Sam Okafor is the school's SENCO" in content
    assert "Chloe" not in content


def test_with_no_senco_named_nobody_is_guessed(started, sam, login):
    letter = login(sam).get(reverse("support:letter", args=[started.pupil.pk, started.number])).content.decode()
    assert "The SENCO<br>SENCO (special educational needs co-ordinator)" in letter
    assert "Chloe" not in letter and "Sam Okafor<br>" not in letter
    assert "No SENCO is named for the school" in letter
    assert f'href="{reverse("schools:senco")}"' in letter
    plan = login(sam).get(reverse("support:plan_parent", args=[started.pupil.pk, started.number])).content.decode()
    assert "is the school&#x27;s SENCO" not in plan and "is the school's SENCO" not in plan
