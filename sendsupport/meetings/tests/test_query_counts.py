"""Exact query counts, with little data and with a lot.

The same number for little data and for a lot shows there is no N+1; an exact number (not a
ceiling) shows any change at once. When a change of yours moves a number on purpose, update it
here and say why in the commit.
"""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendsupport.meetings.tests.conftest import plan_meeting, record

# The parent's list shows the child's upcoming meetings too (the planner): two more queries.
# -2 for both: this year's summary reads the days parents met the school (meetings attended, offers
# declined, reviews attended) in one UNION query, not three.
# -1 for both: the roles, whether a parent or an LA officer are one query (accounts.access).
# -1 for both: the session is read with its user, in one query (accounts.sessions).
BASELINES = {"meetings:list staff": 13, "meetings:list parent": 14}


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_page_does_not_grow_with_the_number_of_meetings(pupil, parent, senco, teacher, login):
    client = login(senco)
    url = reverse("meetings:list", args=[pupil.pk])
    record(pupil, senco, staff_attendees=[senco])
    assert _count(client, url) == BASELINES["meetings:list staff"]
    for days in range(2, 12):
        record(pupil, senco, days_ago=days, staff_attendees=[senco, teacher])
    assert _count(client, url) == BASELINES["meetings:list staff"]


def test_the_parents_list_does_not_grow_either(pupil, parent, senco, login):
    from sendsupport.meetings import services

    services.share_with_parents(meeting=record(pupil, senco), by=senco)
    plan_meeting(pupil, senco, days_ahead=5)
    client = login(parent)
    url = reverse("meetings:list", args=[pupil.pk])
    assert _count(client, url) == BASELINES["meetings:list parent"]
    for days in range(2, 8):
        services.share_with_parents(meeting=record(pupil, senco, days_ago=days), by=senco)
        plan_meeting(pupil, senco, days_ahead=5 + days)
    assert _count(client, url) == BASELINES["meetings:list parent"]
