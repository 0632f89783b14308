"""The audit log pages make exactly the same number of queries for a short page as for a full one."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendsupport.audit.models import AuditEvent
from sendsupport.audit.views import PAGE_SIZE
from sendsupport.pupils.tests.bulk import bulk_register

pytestmark = pytest.mark.django_db


def bulk_events(school, pupils, actor, count: int) -> None:
    """Entries whose changes name users and pupils by id, so each page has names to look up."""
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                actor=actor,
                actor_name=actor.username,
                school=school,
                pupil=pupils[n % len(pupils)],
                action="created",
                object_type="SEN status",
                object_id=str(n),
                summary=f"Added SEN status {n}",
                changes=[
                    {"field": "pupil_id", "before": None, "after": pupils[n % len(pupils)].pk},
                    {"field": "decided_by_id", "before": None, "after": actor.pk},
                    {"field": "provision", "before": None, "after": "K"},
                    {"field": "reason", "before": None, "after": ""},
                ],
            )
            for n in range(count)
        ]
    )


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_school_log_costs_the_same_for_a_short_and_a_full_page(senco, school, login):
    pupils = bulk_register(school, 50)
    client = login(senco)
    bulk_events(school, pupils, senco, 5)
    client.get(reverse("audit:school_log"))  # warm the session and any per-process caches
    short = queries_for(client, reverse("audit:school_log"))
    bulk_events(school, pupils, senco, PAGE_SIZE * 2)
    full = queries_for(client, reverse("audit:school_log"))
    filtered = queries_for(client, reverse("audit:school_log") + "?action=created&person=senco&page=2")
    assert short == full == filtered


def test_the_pupil_log_costs_the_same_for_a_short_and_a_full_page(senco, school, login):
    pupil = bulk_register(school, 1)[0]  # bulk pupils have no history entries of their own
    client = login(senco)
    bulk_events(school, [pupil], senco, 5)
    client.get(reverse("audit:pupil_log", args=[pupil.pk]))
    short = queries_for(client, reverse("audit:pupil_log", args=[pupil.pk]))
    bulk_events(school, [pupil], senco, PAGE_SIZE * 2)
    full = queries_for(client, reverse("audit:pupil_log", args=[pupil.pk]))
    assert short == full
