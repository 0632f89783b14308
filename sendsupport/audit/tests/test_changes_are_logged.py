"""Every change to pupil or register data is logged: who, when, what, which pupil, before and after."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import TODAY, make_pupil
from sendsupport.audit.models import AuditEvent
from sendsupport.audit.selectors import pupil_log
from sendsupport.pupils import services
from sendsupport.pupils.models import Pupil

pytestmark = pytest.mark.django_db


def fields(event: AuditEvent) -> dict[str, tuple]:
    return {change["field"]: (change["before"], change["after"]) for change in event.changes}


def test_adding_a_pupil_logs_every_value_as_after(school, senco):
    started = timezone.now()
    pupil = services.create_pupil(
        school=school,
        by=senco,
        upn="H801200001001",
        legal_first_name="Zain",
        legal_last_name="Ahmed",
        date_of_birth=date(2016, 5, 4),
        sex="M",
        year_group="4",
        on_roll_from=date(2021, 9, 1),
    )
    event = AuditEvent.objects.get(pupil=pupil, action="created")
    assert (event.actor, event.actor_name, event.school_id, event.object_type) == (senco, "senco", school.pk, "pupil")
    assert event.at >= started
    assert fields(event)["upn"] == (None, "H801200001001")
    assert fields(event)["date_of_birth"] == (None, "2016-05-04")
    assert event.summary == "Added pupil: Zain Ahmed"


def test_editing_a_pupil_logs_only_what_changed_with_before_and_after(pupil, senco):
    services.update_pupil(pupil=pupil, by=senco, legal_last_name="Evans-Khan", year_group="5")
    event = AuditEvent.objects.filter(pupil=pupil, action="changed").latest("id")
    assert fields(event) == {"legal_last_name": ("Evans", "Evans-Khan"), "year_group": ("4", "5")}
    assert event.actor == senco


def test_saving_without_a_change_logs_nothing(pupil, senco):
    before = AuditEvent.objects.count()
    services.update_pupil(pupil=pupil, by=senco)
    assert AuditEvent.objects.count() == before


def test_a_status_change_logs_the_new_status_and_each_need(pupil, senco):
    services.change_sen_status(
        pupil=pupil,
        provision="E",
        needs=[("SLCN", 1), ("ASD", 2)],
        start_date=date(2025, 5, 1),
        reason="Plan issued.",
        by=senco,
        today=TODAY,
    )
    events = AuditEvent.objects.filter(pupil=pupil, actor=senco)
    status = events.get(object_type="SEN status")
    assert fields(status)["provision"] == (None, "E")
    assert fields(status)["reason"] == (None, "Plan issued.")
    ended = events.get(object_type="SEN need", action="changed")
    assert fields(ended) == {"end_date": (None, "2025-05-01")}
    added = events.get(object_type="SEN need", action="created")
    assert fields(added)["need_type"] == (None, "ASD")


def test_a_parents_details_change_shows_in_each_childs_log(school, senco, pupil, parent):
    sibling = make_pupil(school, first="Sam", last="Evans")
    contact = pupil.contact_links.get().contact
    services.update_contact(
        link=pupil.contact_links.get(),
        by=senco,
        relationship="mother",
        parental_responsibility=True,
        phone="0117 496 0001",
    )
    from sendsupport.pupils.models import PupilContact

    PupilContact.objects.create(pupil=sibling, contact=contact, relationship="mother")
    services.update_contact(
        link=sibling.contact_links.get(),
        by=senco,
        relationship="mother",
        parental_responsibility=True,
        phone="0117 496 0002",
    )
    first = [fields(e).get("phone") for e in pupil_log(senco, pupil).filter(object_type="contact")]
    second = [fields(e).get("phone") for e in pupil_log(senco, sibling).filter(object_type="contact")]
    assert first == [("0117 496 0001", "0117 496 0002"), ("", "0117 496 0001")]
    assert second == [("0117 496 0001", "0117 496 0002")]


def test_unlinking_a_parent_logs_what_was_removed(pupil, parent, senco):
    link = pupil.contact_links.get()
    services.unlink_contact(link=link, by=senco)
    event = AuditEvent.objects.get(action="deleted")
    assert (event.pupil_id, event.actor, event.object_type) == (pupil.pk, senco, "pupil contact")
    assert fields(event)["relationship"] == ("mother", None)
    assert fields(event)["parental_responsibility"] == (True, None)


def test_changes_made_in_the_admin_are_logged_too(pupil, client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 16)
    client.force_login(admin)
    url = reverse("admin:pupils_pupil_change", args=[pupil.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "legal_first_name": "Maia",
            "date_of_birth": "2016-03-01",
            "on_roll_from": "2020-09-01",
            "registration_group": pupil.registration_group_id,
            "teaching_groups": [],
            "sen_statuses-TOTAL_FORMS": "0",
            "sen_statuses-INITIAL_FORMS": "0",
            "sen_needs-TOTAL_FORMS": "0",
            "sen_needs-INITIAL_FORMS": "0",
        }
    )
    data.pop("teaching_groups")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Pupil.objects.get(pk=pupil.pk).legal_first_name == "Maia"
    event = AuditEvent.objects.filter(pupil=pupil, action="changed").latest("id")
    assert (event.actor, fields(event)["legal_first_name"]) == (admin, ("Maya", "Maia"))


def test_the_admin_cannot_write_the_register_around_the_census_rules(pupil, client, django_user_model):
    from sendsupport.pupils.models import SENNeed, SENStatus

    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 16)
    client.force_login(admin)
    url = reverse("admin:pupils_pupil_change", args=[pupil.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "SLCN" in page.content.decode()  # the register is shown
    before = (SENStatus.objects.count(), SENNeed.objects.count())
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value not in (None, [])}
    data.update(
        {
            "date_of_birth": "2016-03-01",
            "on_roll_from": "2020-09-01",
            "sen_statuses-TOTAL_FORMS": "1",
            "sen_statuses-INITIAL_FORMS": "0",
            "sen_statuses-0-provision": "N",
            "sen_statuses-0-start_date": "2025-01-01",
            "sen_statuses-0-recorded_at_0": "2025-01-01",
            "sen_statuses-0-recorded_at_1": "09:00:00",
            "sen_needs-TOTAL_FORMS": "1",
            "sen_needs-INITIAL_FORMS": "0",
            "sen_needs-0-need_type": "NSA",
            "sen_needs-0-rank": "1",
            "sen_needs-0-start_date": "2025-01-01",
            "sen_needs-0-end_date": "2025-02-01",
        }
    )
    assert client.post(url, data).status_code == 302
    assert (SENStatus.objects.count(), SENNeed.objects.count()) == before
