"""The audit log reads as plain English and can be narrowed to a pupil, a person, an action and dates."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import make_pupil
from sendsupport.audit.models import AuditEvent
from sendsupport.audit.services import record_view
from sendsupport.audit_pages.views import PAGE_SIZE
from sendsupport.pupils.models import Contact

pytestmark = pytest.mark.django_db


def entry(school, pupil, actor, *, at=None, summary="Added SEN status", changes=None, action="created"):
    return AuditEvent.objects.create(
        actor=actor,
        actor_name=actor.username,
        school=school,
        pupil=pupil,
        action=action,
        object_type="SEN status",
        object_id="1",
        summary=summary,
        changes=changes or [],
        at=at or timezone.now(),
    )


def log(client, **params):
    return client.get(reverse("audit:school_log"), params)


def test_changes_show_field_labels_and_names_not_ids_and_leave_out_empty_values(senco, school, pupil, login):
    entry(
        school,
        pupil,
        senco,
        summary="The entry under test",
        changes=[
            {"field": "decided_by_id", "before": None, "after": senco.pk},
            {"field": "provision", "before": "N", "after": "K"},
            {"field": "start_date", "before": None, "after": "2026-12-01"},
            {"field": "reason", "before": None, "after": ""},
            {"field": "report", "before": None, "after": {}},
        ],
    )
    html = log(login(senco)).content.decode().split("The entry under test")[1].split("</tr>")[0]
    assert "<strong>Decided by</strong>: Senco Person" in html
    assert "<strong>Provision</strong>: No special educational provision → SEN support" in html
    assert "<strong>Starts on</strong>: 1 December 2026" in html
    assert "decided_by_id" not in html and "<strong>Why</strong>" not in html and "report" not in html


def test_a_change_from_the_real_services_reads_in_plain_english(senco, school, login):
    make_pupil(school, first="Ella", last="Kelly", provision="K", needs=[("DS", 1)])
    html = log(login(senco), pupil="Ella").content.decode()
    assert "<strong>Need type</strong>: Down syndrome" in html
    assert "<strong>Pupil</strong>: Ella Kelly" in html
    assert "_id" not in html.split("Before and after")[1]


def test_it_filters_by_pupil_person_action_and_dates(senco, teacher, school, pupil, other_pupil, login):
    entry(school, pupil, teacher, summary="Maya in October", at=timezone.make_aware(datetime(2025, 10, 10, 9)))
    entry(school, other_pupil, senco, summary="Ben in November", at=timezone.make_aware(datetime(2025, 11, 10, 9)))
    entry(school, pupil, senco, summary="Maya viewed", action="viewed", at=timezone.make_aware(datetime(2025, 11, 12)))
    client = login(senco)

    def shown(**params) -> set[str]:
        html = log(client, **params).content.decode()
        return {s for s in ("Maya in October", "Ben in November", "Maya viewed") if s in html}

    assert shown(pupil="maya evans") == {"Maya in October", "Maya viewed"}
    assert shown(pupil=pupil.upn) == {"Maya in October", "Maya viewed"}
    assert shown(person="teacher") == {"Maya in October"}
    assert shown(action="viewed") == {"Maya viewed"}
    assert shown(date_from="2025-11-01", date_to="2025-11-10") == {"Ben in November"}
    assert shown(date_from="2025-11-11") == {"Maya viewed"}
    assert shown(pupil="nobody at all") == set()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2025-13-45"}, "From: Enter the first day to show as a real date"),
        ({"date_to": "yesterday"}, "To: Enter the last day to show as a real date"),
        ({"date_from": "2025-11-10", "date_to": "2025-11-01"}, "To: The last day must be on or after the first day"),
        ({"action": "nonsense"}, "What was done: Choose what was done from the list."),
    ],
)
def test_a_bad_filter_gets_a_clear_message_and_status_400(params, message, senco, school, pupil, login):
    record_view(user=senco, pupil=pupil, what="Looked at the passport")
    response = log(login(senco), **params)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Looked at the passport" in html  # the other filters still apply; nothing is hidden by mistake


def test_paging_keeps_the_filters(senco, school, pupil, login):
    for n in range(PAGE_SIZE + 5):
        entry(school, pupil, senco, summary=f"Entry {n}")
    html = log(login(senco), person="senco", action="created").content.decode()
    assert "person=senco&amp;action=created&amp;page=2" in html


def test_the_pupil_log_filters_too_but_has_no_pupil_field(senco, school, pupil, login):
    entry(school, pupil, senco, summary="Kept", at=timezone.make_aware(datetime(2025, 11, 12)))
    entry(school, pupil, senco, summary="Older", at=timezone.make_aware(datetime(2025, 9, 12)))
    response = login(senco).get(reverse("audit:pupil_log", args=[pupil.pk]), {"date_from": "2025-11-01"})
    html = response.content.decode()
    assert "Kept" in html and "Older" not in html
    assert 'name="pupil"' not in html and 'name="person"' in html


def test_who_attended_a_meeting_is_named_not_numbered(senco, school, pupil, parent, login):
    contact = Contact.objects.get(user=parent)
    AuditEvent.objects.create(
        actor=senco,
        actor_name=senco.username,
        school=school,
        pupil=pupil,
        action="changed",
        object_type="meeting with parents",
        object_id="1",
        summary="The meeting under test",
        changes=[
            {"field": "parents_attended", "before": [], "after": [{"meeting": 1, "contact": contact.pk}]},
            {"field": "staff_attendees", "before": [], "after": [{"meeting": 1, "user": senco.pk}]},
        ],
    )
    html = log(login(senco)).content.decode().split("The meeting under test")[1].split("</tr>")[0]
    assert f"<strong>Parents and carers who attended</strong>: {contact}" in html
    assert "<strong>Staff who attended</strong>: Senco Person" in html
