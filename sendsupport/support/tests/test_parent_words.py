"""Parents read "support plan from 8 September 2025, reviewed 18 November 2025", not our word "cycle"."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sendsupport.support.tests import helpers

pytestmark = pytest.mark.django_db


def text(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_parent_sees_plans_by_date_not_cycle_numbers(pupil, senco, teacher, parent, login):
    helpers.reviewed_cycle(pupil, senco, teacher)
    client = login(parent)
    timeline = text(client.get(reverse("support:timeline", args=[pupil.pk])))
    assert "Support plan from 8 September 2025, reviewed 18 November 2025" in timeline
    assert "Cycle 1" not in timeline and "cycle 1" not in timeline
    plan = text(client.get(reverse("support:plan", args=[pupil.pk, 1])))
    assert "Support plan from 8 September 2025, reviewed 18 November 2025" in plan
    assert "Plan 1" not in plan
    review = text(client.get(reverse("support:review", args=[pupil.pk, 1])))
    assert "Review of the support plan from 8 September 2025" in review and "cycle 1" not in review.lower()


def test_an_open_plan_says_when_it_will_be_reviewed(running, parent, login):
    timeline = text(login(parent).get(reverse("support:timeline", args=[running.pupil_id])))
    assert "Support plan from 8 September 2025, to be reviewed by 12 December 2025" in timeline


def test_staff_still_see_cycle_numbers(running, senco, login):
    timeline = text(login(senco).get(reverse("support:timeline", args=[running.pupil_id])))
    assert "Cycle 1: 8 September 2025 to now" in timeline
