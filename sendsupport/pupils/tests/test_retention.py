"""Retention: a former pupil's whole record goes at date of birth + the school's years; the log says so
without saying who."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.core.management import call_command

from conftest import TODAY, make_pupil
from sendsupport.audit.models import AuditEvent
from sendsupport.core.models import OutboundEmail
from sendsupport.pupils.models import Contact, Pupil, PupilContact, SENStatus
from sendsupport.pupils.retention import apply_retention, apply_retention_task, retention_point
from sendsupport.schools.models import SchoolPolicy
from sendsupport.support import services as support_services
from sendsupport.support.models import Cycle, ParentNotification
from sendsupport.support.tests import helpers

pytestmark = pytest.mark.django_db


def former_pupil(school, senco, *, born: date, left: date, first: str = "Ada") -> Pupil:
    """A pupil with a cycle, an emailed letter, a parent and a history, who has since left."""
    pupil = make_pupil(school, first=first, last="Lovelace")
    helpers.add_parent_contact(pupil, email=f"{first.lower()}.parent@example.org", first=f"{first}s-parent")
    cycle = helpers.start(pupil, senco)
    helpers.assess(cycle, senco, decision="start")
    support_services.email_notification(cycle=cycle, by=senco, today=TODAY)
    pupil.date_of_birth, pupil.on_roll_until = born, left
    pupil.save()
    return pupil


def history_rows(model, pk) -> int:
    return model.history.model.objects.filter(id=pk).count()


def test_it_deletes_a_former_pupils_whole_record_and_its_history_and_logs_no_personal_data(school, senco):
    pupil = former_pupil(school, senco, born=date(1990, 3, 1), left=date(2025, 10, 31))
    pupil_id, upn = pupil.pk, pupil.upn
    contact_id = pupil.contact_links.get().contact_id
    assert history_rows(Pupil, pupil_id) and OutboundEmail.objects.count() == 1

    result = apply_retention(today=TODAY)

    assert result.pupils == 1
    assert not Pupil.objects.filter(pk=pupil_id).exists()
    assert not SENStatus.objects.filter(pupil_id=pupil_id).exists()
    assert not Cycle.objects.filter(pupil_id=pupil_id).exists()
    assert not ParentNotification.objects.filter(pupil_id=pupil_id).exists()
    assert not Contact.objects.filter(pk=contact_id).exists()  # no other child: the parent's details go too
    assert not OutboundEmail.objects.exists()  # the letter's email (its subject names the child)
    assert history_rows(Pupil, pupil_id) == 0 and history_rows(Contact, contact_id) == 0
    assert not Cycle.history.model.objects.filter(pupil_id=pupil_id).exists()

    event = AuditEvent.objects.get(action="deleted", object_type="record deleted (retention)")
    assert event.school_id == school.pk and event.pupil_id is None
    assert re.fullmatch(r"[0-9a-f]{32}", event.object_id) and event.object_id != str(pupil_id)
    assert "date of birth + 31 years" in event.summary and "2025-11-20" in event.summary
    logged = f"{event.summary} {event.changes}"
    for personal in ("Ada", "Lovelace", upn, "1990", "parent@example.org"):
        assert personal not in logged
    counts = {change["field"]: change["before"] for change in event.changes if change["field"].startswith("rows")}
    assert counts["rows of pupils.Pupil"] == 1 and counts["rows of support.Cycle"] == 1


def test_it_keeps_pupils_on_roll_and_those_not_yet_past_the_retention_point(school, senco, other_pupil):
    on_roll = make_pupil(school, first="Still")
    on_roll.date_of_birth = date(1980, 1, 1)
    on_roll.save()
    born = date(1994, 11, 21)  # 31 years on is tomorrow
    young = former_pupil(school, senco, born=born, left=date(2025, 7, 20), first="Young")
    assert retention_point(born, 31) == date(2025, 11, 21)
    assert apply_retention(today=TODAY).pupils == 0
    assert Pupil.objects.filter(pk__in=[on_roll.pk, young.pk, other_pupil.pk]).count() == 3
    assert apply_retention(today=date(2025, 11, 22)).pupils == 1
    assert not Pupil.objects.filter(pk=young.pk).exists()


def test_it_uses_the_schools_own_retention_years(school, senco):
    pupil = former_pupil(school, senco, born=date(1990, 3, 1), left=date(2025, 10, 31))
    SchoolPolicy.objects.create(school=school, retention_years_after_dob=40)
    assert apply_retention(today=TODAY).pupils == 0
    assert Pupil.objects.filter(pk=pupil.pk).exists()


def test_a_parent_of_another_child_keeps_their_details(school, senco, pupil):
    leaver = former_pupil(school, senco, born=date(1990, 3, 1), left=date(2025, 10, 31))
    contact = leaver.contact_links.get().contact
    PupilContact.objects.create(pupil=pupil, contact=contact, relationship="father", parental_responsibility=True)
    apply_retention(today=TODAY)
    assert Contact.objects.filter(pk=contact.pk).exists()
    assert pupil.contact_links.filter(contact=contact).exists()


def test_the_command_and_the_worker_task_run_it(school, senco):
    former_pupil(school, senco, born=date(1960, 3, 1), left=date(1977, 7, 20))
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "1 former pupil(s)' records are past their retention point" in out.getvalue()
    assert Pupil.objects.count() == 1
    result = apply_retention_task.enqueue()  # the immediate backend in tests runs it at once
    assert result.return_value == 1
    assert not Pupil.objects.exists()


def test_the_settings_page_offers_the_retention_years_with_its_national_default(senco, login):
    from django.urls import reverse

    page = login(senco).get(reverse("schools:settings")).content.decode()
    assert "Years after the date of birth to keep the records of pupils who have left" in page
