"""The timeline's "Do" stage counts each cycle's outcomes and notes (read in one grouped query for all
cycles): each cycle shows its own counts, and a plan with no outcomes shows none."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from conftest import TODAY
from sendsupport.support import selectors, services
from sendsupport.support.tests import helpers
from sendsupport.support.tests.test_query_counts import add_cycle

pytestmark = pytest.mark.django_db


def test_each_cycle_counts_its_own_outcomes_and_notes(pupil, senco, teacher, ta, login):
    add_cycle(pupil, senco, teacher, ta, 2020)  # closed: two outcomes, one note each, carried into the next plan
    cycle = helpers.start(pupil, senco, teacher=teacher)
    helpers.assess(cycle, senco)
    plan = helpers.plan(cycle, senco)
    outcomes = [helpers.outcome(plan, senco) for _ in range(3)]
    for day in (10, 11, 12):
        services.add_note(outcome=outcomes[0], by=ta, text="n", written_on=date(2025, 10, day), today=TODAY)
    cycles = selectors.timeline(pupil)
    assert [(c.number, c.outcome_count, c.note_count) for c in cycles] == [(2, 5, 3), (1, 2, 2)]
    page = login(senco).get(reverse("support:timeline", args=[pupil.pk])).content.decode()
    assert "3 notes" in page and "Against 5 outcomes" in page
    assert "2 notes" in page and "Against 2 outcomes" in page


def test_a_plan_without_outcomes_counts_none(pupil, senco, teacher, login):
    cycle = helpers.start(pupil, senco, teacher=teacher)
    helpers.assess(cycle, senco)
    helpers.plan(cycle, senco)
    (only,) = selectors.timeline(pupil)
    assert (only.outcome_count, only.note_count) == (0, 0)
    page = login(senco).get(reverse("support:timeline", args=[pupil.pk])).content.decode()
    assert "0 notes" in page and "Against 0 outcomes" in page
