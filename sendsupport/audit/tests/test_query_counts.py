"""Exact query counts for the audit log pages, with 10 entries and with 500.

The same number for both sizes shows there is no N+1; an exact number (not a ceiling) shows any
change at once. When a change of yours moves a number on purpose, update it here and say why in
the commit.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sendsupport.audit.models import AuditEvent
from sendsupport.pupils.tests.bulk import bulk_register

pytestmark = pytest.mark.django_db

# The pupil log logs its own viewing. -1 each: the roles, whether a parent or an LA officer are one
# query (accounts.access); -1 each: the session is read with its user (accounts.sessions).
BASELINES = {"audit:school_log": 7, "audit:pupil_log": 10}


def _changes(n: int, pupil, actor) -> tuple[str, list[dict]]:
    """Mostly SEN statuses naming a pupil and a user; every tenth a pupil's record naming its school and class.
    Every page then names the kinds of record a pupil's own history names (the pupil fixture's entries among
    them), so the names take the same queries (one per kind) whether the page holds those entries or not."""
    if n % 10 == 9:
        return "pupil", [
            {"field": "school_id", "before": None, "after": pupil.school_id},
            {"field": "registration_group_id", "before": None, "after": pupil.registration_group_id},
            {"field": "year_group", "before": None, "after": "4"},
        ]
    return "SEN status", [
        {"field": "pupil_id", "before": None, "after": pupil.pk},
        {"field": "decided_by_id", "before": None, "after": actor.pk},
        {"field": "provision", "before": None, "after": "K"},
        {"field": "reason", "before": None, "after": ""},
    ]


def bulk_events(school, pupils, actor, count: int) -> None:
    """Entries whose changes name users, pupils, schools and classes by id, so each page has names to look up."""
    events = []
    for n in range(count):
        pupil = pupils[n % len(pupils)]
        object_type, changes = _changes(n, pupil, actor)
        events.append(
            AuditEvent(
                actor=actor,
                actor_name=actor.username,
                school=school,
                pupil=pupil,
                action="created",
                object_type=object_type,
                object_id=str(n),
                summary=f"Added {object_type} {n}",
                changes=changes,
            )
        )
    AuditEvent.objects.bulk_create(events)


@pytest.mark.parametrize("count", [10, 500])
@pytest.mark.parametrize("query", ["", "?action=created&person=senco&page=2"])
def test_the_school_log_query_count_does_not_grow(count, query, senco, school, login, django_assert_num_queries):
    pupils = bulk_register(school, min(count, 200))
    bulk_events(school, pupils, senco, max(count, 60))
    client = login(senco)
    with django_assert_num_queries(BASELINES["audit:school_log"]):
        response = client.get(reverse("audit:school_log") + query)
    assert response.status_code == 200
    # Pupils named in words (which pupils depends on the page: page 2 of 500 entries names Bulk100 to Bulk199)
    assert re.search(r"Bulk\d+ Pupil\d{4}", response.content.decode())


@pytest.mark.parametrize("count", [10, 500])
def test_the_pupil_log_query_count_does_not_grow(count, senco, school, pupil, login, django_assert_num_queries):
    bulk_events(school, [pupil], senco, count)
    client = login(senco)
    with django_assert_num_queries(BASELINES["audit:pupil_log"]):
        response = client.get(reverse("audit:pupil_log", args=[pupil.pk]))
    assert response.status_code == 200
