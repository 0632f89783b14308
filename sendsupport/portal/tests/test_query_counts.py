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
# 14 for the portal's own sections (the school's SENCO record comes with the child, and when the
# Local Offer was last read with its services: one query each before); +2 the meetings coming up and
# their replies, +1 the link book's latest message, +1 the EHC needs assessment requests for their
# timeline, +1 the EHC plan in force (none here; its lines are one more when there is one), +1
# decisions that the child could not take part in an activity (inclusion). Finding the child records
# that the parent sees the child and holds parental responsibility, so the sections that check either
# (the link book's rule, the EHC sections) ask no more (two queries before); the review coming for
# sending views is the open cycle among the cycles the page has already read (one query before).
# -1: the roles, whether a parent or an LA officer are one query (accounts.access).
# -1: the session is read with its user, in one query (accounts.sessions).
BASELINE = 16


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


def test_the_childs_record_is_read_by_the_child_alone(family, parent, pupil, login):
    """``get_child`` finds the child through the parent's visible pupils; every section after it filters
    on the child's id (the request remembers the child was found), so only that one query reads the
    pupils table, however many sections the page has."""
    client = login(parent)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("portal:child", args=[pupil.pk])).status_code == 200
    assert len([q for q in queries.captured_queries if 'FROM "pupils_pupil"' in q["sql"]]) == 1


def test_an_open_cycle_without_a_plan_yet_still_says_a_review_is_coming(parent, pupil, senco, login):
    """The voice section's open cycle now comes from the page's own read of the cycles, which must
    include a cycle whose plan is not written yet (and show nothing else of it)."""
    helpers.start(pupil, senco, opened_on=date(2025, 11, 19))
    client = login(parent)
    url = reverse("portal:child", args=[pupil.pk])
    # BASELINE less what there is none of here: the plans' outcomes, the groups' deliverers and the
    # replies to meetings (none planned).
    assert _count(client, url) == BASELINE - 3
    page = client.get(url).content.decode()
    assert "support will be reviewed soon" in page
    assert "Send your views before the review" in page
    assert "There is no support plan for" in page
    # No named SENCO recorded: the page still says whom to ask (the record is read with the child).
    assert "and ask for the SENCO (special educational needs co-ordinator)" in page
