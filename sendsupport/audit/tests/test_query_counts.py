"""Exact query counts for the audit log pages, with 10 entries and with 500.

The same number for both sizes shows there is no N+1; an exact number (not a ceiling) shows any
change at once. When a change of yours moves a number on purpose, update it here and say why in
the commit.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendsupport.audit.models import AuditEvent
from sendsupport.pupils.tests.bulk import bulk_register

pytestmark = pytest.mark.django_db

BASELINES = {"audit:school_log": 14, "audit:pupil_log": 14}


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


@pytest.mark.parametrize("count", [10, 500])
@pytest.mark.parametrize("query", ["", "?action=created&person=senco&page=2"])
def test_the_school_log_query_count_does_not_grow(count, query, senco, school, login, django_assert_num_queries):
    pupils = bulk_register(school, min(count, 200))
    bulk_events(school, pupils, senco, max(count, 60))
    client = login(senco)
    with django_assert_num_queries(BASELINES["audit:school_log"]):
        response = client.get(reverse("audit:school_log") + query)
    assert response.status_code == 200
    assert "Bulk1 Pupil0001" in response.content.decode()


@pytest.mark.parametrize("count", [10, 500])
def test_the_pupil_log_query_count_does_not_grow(count, senco, school, pupil, login, django_assert_num_queries):
    bulk_events(school, [pupil], senco, count)
    client = login(senco)
    with django_assert_num_queries(BASELINES["audit:pupil_log"]):
        response = client.get(reverse("audit:pupil_log", args=[pupil.pk]))
    assert response.status_code == 200
