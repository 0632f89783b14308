"""Exact query counts for the support pages and selectors, however long the record grows.

The same number for little data and for a lot shows there is no N+1; an exact number (not a
ceiling) shows any change at once. When a change of yours moves a number on purpose, update it
here and say why in the commit.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import TODAY, make_pupil
from sendsupport.support import selectors, services
from sendsupport.support.selectors import plans_for_teacher
from sendsupport.support.tests import helpers

BASELINES = {
    # +1: the versions under which the page is remembered (audit.remembered_pages)
    # -1 for each page: the roles, whether a parent or an LA officer and the versions are one query
    # (accounts.access); -1 more for the remembered timeline and plan: their versions come in it too.
    # -1 for each page: the session is read with its user, in one query (accounts.sessions).
    "support:timeline": 10,  # -1: the open concerns are picked from the list of all concerns, not read again
    "support:plan": 10,  # +1: the provisions during the plan (provision_tags.plan_provision)
    "support:cycle": 13,
    "plans_for_teacher": 3,
}


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def add_cycle(pupil, senco, teacher, ta, year: int) -> None:
    """A closed cycle in the given school year: assessed, parents told, two outcomes with notes, reviewed."""
    start = date(year, 9, 7)
    cycle = helpers.start(pupil, senco, opened_on=start, teacher=teacher)
    helpers.assess(cycle, senco, decided_on=start.replace(day=8))
    helpers.notify(cycle, senco, notified_on=start.replace(day=9))
    plan = helpers.plan(cycle, senco, created_on=start.replace(day=9), review_date=start.replace(month=12, day=1))
    for _ in range(2):
        outcome = helpers.outcome(plan, senco)
        services.add_note(outcome=outcome, by=ta, text="n", written_on=start.replace(day=20), today=TODAY)
    helpers.agree(plan, senco, agreed_on=start.replace(day=10))
    helpers.review(plan, senco, held_on=start.replace(month=11, day=30))


def test_the_timeline_does_not_grow_with_cycles(pupil, senco, teacher, ta, login):
    client = login(senco)
    url = reverse("support:timeline", args=[pupil.pk])
    add_cycle(pupil, senco, teacher, ta, 2020)
    assert queries_for(client, url) == BASELINES["support:timeline"]
    for year in (2021, 2022, 2023):
        add_cycle(pupil, senco, teacher, ta, year)
    assert queries_for(client, url) == BASELINES["support:timeline"]
    assert len(selectors.timeline(pupil)) == 4


def test_the_plan_page_does_not_grow_with_outcomes_and_notes(running, senco, ta, login):
    client = login(senco)
    url = reverse("support:plan", args=[running.pupil_id, 1])
    assert queries_for(client, url) == BASELINES["support:plan"]
    for _ in range(5):
        outcome = helpers.outcome(running.plan, senco)
        for day in (10, 11, 12):
            services.add_note(outcome=outcome, by=ta, text="n", written_on=date(2025, 10, day), today=TODAY)
    assert queries_for(client, url) == BASELINES["support:plan"]


def test_the_cycle_page_does_not_grow_with_outcomes(running, senco, ta, login):
    client = login(senco)
    url = reverse("support:cycle", args=[running.pupil_id, 1])
    assert queries_for(client, url) == BASELINES["support:cycle"]
    for _ in range(4):
        outcome = helpers.outcome(running.plan, senco)
        services.add_note(outcome=outcome, by=ta, text="n", written_on=date(2025, 10, 10), today=TODAY)
    assert queries_for(client, url) == BASELINES["support:cycle"]


@pytest.mark.parametrize("pupils", [1, 6])
def test_a_teachers_plans(pupils, school, class_4a, senco, teacher, django_assert_num_queries):
    for index in range(pupils):
        pupil = make_pupil(school, first=f"P{index}", registration_group=class_4a, provision="K", needs=[("MLD", 1)])
        # Both outcomes before agreeing: an outcome added to an agreed plan makes it a draft again,
        # and a draft is not the plan in force.
        cycle = helpers.start(pupil, senco, teacher=teacher)
        helpers.assess(cycle, senco)
        plan = helpers.plan(cycle, senco)
        helpers.outcome(plan, senco)
        helpers.outcome(plan, senco)
        helpers.agree(plan, senco)
    with django_assert_num_queries(BASELINES["plans_for_teacher"]):
        plans = plans_for_teacher(teacher, school)
        # two outcomes each, and the two needs the assessment recorded (SLCN, SEMH)
        assert sum(len(p.outcomes) + len(p.needs) for p in plans) == pupils * 4
