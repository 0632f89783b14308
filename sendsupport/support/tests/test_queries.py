"""The timeline and plan pages make the same number of queries however long the record grows."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import TODAY
from sendsupport.support import selectors, services
from sendsupport.support.tests import helpers


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
    one = queries_for(client, url)
    for year in (2021, 2022, 2023):
        add_cycle(pupil, senco, teacher, ta, year)
    assert queries_for(client, url) == one
    assert len(selectors.timeline(pupil)) == 4


def test_the_plan_page_does_not_grow_with_outcomes_and_notes(running, senco, ta, login):
    client = login(senco)
    url = reverse("support:plan", args=[running.pupil_id, 1])
    one = queries_for(client, url)
    for _ in range(5):
        outcome = helpers.outcome(running.plan, senco)
        for day in (10, 11, 12):
            services.add_note(outcome=outcome, by=ta, text="n", written_on=date(2025, 10, day), today=TODAY)
    assert queries_for(client, url) == one


def test_the_cycle_page_does_not_grow_with_outcomes(running, senco, ta, login):
    client = login(senco)
    url = reverse("support:cycle", args=[running.pupil_id, 1])
    one = queries_for(client, url)
    for _ in range(4):
        outcome = helpers.outcome(running.plan, senco)
        services.add_note(outcome=outcome, by=ta, text="n", written_on=date(2025, 10, 10), today=TODAY)
    assert queries_for(client, url) == one
