"""Exact query counts for the child's page, with one of everything and with a lot.

The same number for little data and for a lot shows there is no N+1; an exact number shows any
change at once. When a change moves the number on purpose, update it here and say why.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendsupport.linkbook.tests.conftest import write as write_in_link_book
from sendsupport.meetings import services as meeting_services
from sendsupport.meetings.tests.conftest import plan_meeting
from sendsupport.meetings.tests.conftest import record as record_meeting
from sendsupport.portal.tests.conftest import add_group
from sendsupport.schools.models import LocalOfferService
from sendsupport.support.tests import helpers

pytestmark = pytest.mark.django_db
# 16 for the portal's own sections; +3 the meetings coming up and their replies, +1 the review
# coming for sending views, +2 the link book (parental responsibility, the latest message), +1 the EHC
# needs assessment requests for their timeline (parental responsibility is already read), +1 the EHC
# plan in force (none here; its lines are one more when there is one), +1 decisions that the child
# could not take part in an activity (inclusion).
BASELINE = 25


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_childs_page_does_not_grow_with_the_record(family, parent, pupil, senco, teacher, ta, school, la, login):
    client = login(parent)
    url = reverse("portal:child", args=[pupil.pk])
    plan_meeting(pupil, senco, days_ahead=9)
    write_in_link_book(pupil, parent, text="The first entry")
    assert _count(client, url) == BASELINE
    # More groups, more shared meeting records, more services, more outcomes and another reviewed cycle.
    for n in range(4):
        add_group(school, pupil, ta, name=f"Group {n}", external="The LA's speech and language therapist")
        meeting_services.share_with_parents(meeting=record_meeting(pupil, senco, days_ago=20 + n), by=senco)
        LocalOfferService.objects.create(local_authority=la, service_id=f"s{n}", name=f"Service {n}")
        plan_meeting(pupil, senco, days_ahead=10 + 7 * n)
        write_in_link_book(pupil, parent, text=f"Entry {n}")
        helpers.outcome(family["second"].plan, senco, description=f"Outcome {n}", due_date=date(2026, 2, 13))
    plan = family["second"].plan
    plan.refresh_from_db()
    helpers.agree(plan, senco, agreed_on=date(2025, 11, 20))  # added outcomes make it a draft again
    assert _count(client, url) == BASELINE
