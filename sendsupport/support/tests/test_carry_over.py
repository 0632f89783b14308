"""A review's next step is carried out: "continue with the same plan" starts the next cycle with the plan
agreed again; and until a new plan is agreed, staff keep the last agreed plan's strategies."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sendsupport.compliance.engine import todo_list
from sendsupport.support import selectors
from sendsupport.support.choices import NextStep, PlanStatus
from sendsupport.support.models import Cycle, Review
from sendsupport.support.tests import helpers

HELD = date(2025, 11, 18)
TODAY = date(2025, 11, 20)
STRATEGIES = "Give instructions one step at a time and check understanding."


@pytest.fixture
def continued(running, senco):
    helpers.review(running.plan, senco, next_step=NextStep.CONTINUE, held_on=HELD)
    return Cycle.objects.get(pupil=running.pupil, number=2)


def test_continuing_opens_the_next_cycle_with_the_same_plan_agreed_at_the_review(running, continued, senco):
    old = running.plan
    assert (continued.status, continued.opened_on, continued.previous_id) == ("open", HELD, running.pk)
    assert continued.class_teacher == running.class_teacher
    assert continued.assessment.decision == "continue"
    assert continued.assessment.needs() == [("SLCN", 1), ("SEMH", 2)]
    plan = continued.plan
    assert (plan.status, plan.agreed_on, plan.agreed_by) == (PlanStatus.AGREED, HELD, senco)
    assert plan.parent_agreed_on == HELD  # the parents gave their views at the review
    assert (plan.strategies, plan.support, plan.at_home) == (old.strategies, old.support, old.at_home)
    assert plan.review_date == date(2026, 2, 10)  # 12 weeks after the review, the set figure
    [outcome] = plan.outcomes.all()
    assert outcome.description == helpers.GOOD_OUTCOME["description"]
    assert outcome.baseline == "6 out of 10"  # the latest measure at the review
    assert outcome.due_date == plan.review_date
    assert outcome.carried_from == old.outcomes.get()


def test_a_chosen_review_date_is_used(running, senco):
    helpers.review(running.plan, senco, next_step=NextStep.CONTINUE, held_on=HELD, next_review_date=date(2026, 3, 27))
    assert Cycle.objects.get(pupil=running.pupil, number=2).plan.review_date == date(2026, 3, 27)


@pytest.mark.parametrize(
    ("next_step", "new_date", "message"),
    [
        (NextStep.CONTINUE, HELD, "must be after the date of the review"),
        (NextStep.REVISE, date(2026, 3, 27), "Only give a new review date when continuing"),
    ],
)
def test_a_bad_new_review_date_saves_nothing(running, senco, next_step, new_date, message):
    with pytest.raises(ValidationError, match=message) as error:
        helpers.review(running.plan, senco, next_step=next_step, held_on=HELD, next_review_date=new_date)
    assert "next_review_date" in error.value.message_dict
    assert not Review.objects.exists()
    assert list(Cycle.objects.filter(pupil=running.pupil).values_list("number", "status")) == [(1, "open")]


def test_after_continuing_no_duty_or_page_says_there_is_no_plan(continued, senco, teacher, school, login):
    pupil = continued.pupil
    todo = todo_list(senco, school, today=TODAY)
    assert not [item for item in todo.items if item.gap.pupil_id == pupil.pk and item.gap.duty == "plan_not_agreed"]
    page = login(senco).get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert "Next review</dt><dd class=\"govuk-summary-list__value\">10 Feb 2026" in page or "10 February 2026" in page
    assert "None due" not in page
    assert f'href="{reverse("support:plan", args=[pupil.pk, 2])}">See the current plan' in page
    home = login(teacher).get(reverse("home")).content.decode()
    assert "without a current plan" not in home
    assert STRATEGIES in home and "From the plan agreed on" not in home


@pytest.fixture
def between_plans(reviewed, senco):
    """Cycle 1 reviewed on 18 November 2025 (revise); cycle 2 started, its plan not agreed yet."""
    cycle = helpers.start(reviewed.pupil, senco, opened_on=date(2025, 11, 19))
    helpers.assess(cycle, senco, decided_on=date(2025, 11, 19))
    return cycle


def test_until_a_new_plan_is_agreed_staff_see_the_last_agreed_strategies_labelled(
    reviewed, between_plans, senco, teacher, login
):
    pupil = reviewed.pupil
    old_plan_url = reverse("support:plan", args=[pupil.pk, 1])
    home = login(teacher).get(reverse("home")).content.decode()
    assert STRATEGIES in home
    assert "From the plan agreed on 29 Sep" in home
    assert "without a current plan" not in home
    assert f'href="{old_plan_url}"' in home
    for user in (senco, teacher):
        page = login(user).get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
        assert STRATEGIES in page and "From the plan agreed on 29 Sep" in page
        assert f'href="{old_plan_url}">See the plan agreed on' in page
        assert "See the current plan" not in page  # never a closed plan mislabelled as current
        passport = login(user).get(reverse("profiles:passport", args=[pupil.pk])).content.decode()
        assert STRATEGIES in passport and "in force until a new plan is agreed" in passport


def test_a_draft_plan_does_not_replace_the_last_agreed_one(reviewed, between_plans, senco, teacher, school):
    draft = helpers.plan(between_plans, senco, created_on=date(2025, 11, 19), review_date=date(2026, 2, 13))
    draft.strategies = "Brand new strategies, not agreed."
    draft.save()
    [item] = selectors.plans_for_teacher(teacher, school)
    assert (item.plan, item.carried) == (reviewed.plan, True)
    summary = selectors.support_summary(reviewed.pupil)
    assert (summary.plan, summary.in_force, summary.carried) == (draft, reviewed.plan, True)


def test_once_the_new_plan_is_agreed_it_is_the_current_plan(reviewed, between_plans, senco, teacher, school, login):
    plan = helpers.plan(between_plans, senco, created_on=date(2025, 11, 19), review_date=date(2026, 2, 13))
    helpers.agree(plan, senco, agreed_on=date(2025, 11, 20))
    [item] = selectors.plans_for_teacher(teacher, school)
    assert (item.plan, item.carried) == (plan, False)
    page = login(senco).get(reverse("pupils:detail", args=[reviewed.pupil.pk])).content.decode()
    assert f'href="{reverse("support:plan", args=[reviewed.pupil.pk, 2])}">See the current plan' in page
    assert "From the plan agreed on" not in page


def test_stepping_down_leaves_no_plan_in_force(running, senco, teacher, school):
    helpers.review(running.plan, senco, next_step=NextStep.MONITOR, held_on=HELD, rating="met")
    assert selectors.plan_in_force(running.pupil) is None
    assert selectors.plans_for_teacher(teacher, school) == []
    assert not Cycle.objects.filter(pupil=running.pupil, number=2).exists()


def test_the_review_page_carries_out_continue_and_says_so(running, senco, login):
    plan = running.plan
    outcome = plan.outcomes.get()
    response = login(senco).post(
        reverse("support:review_new", args=[running.pupil.pk, 1]),
        {
            "held_on": "2025-11-18",
            "attendees": "SENCO, mother",
            "expected_progress": "yes",
            "pupil_views": "I like it.",
            "parent_views": "Going well.",
            "next_step": "continue",
            "next_review_date": "2026-03-20",
            f"rating_{outcome.pk}": "partly_met",
            f"evidence_{outcome.pk}": "Tally sheets.",
            f"measure_{outcome.pk}": "7 out of 10",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("support:cycle", args=[running.pupil.pk, 2])
    assert "Cycle 2 has started with the same plan" in response.content.decode()
    assert Cycle.objects.get(pupil=running.pupil, number=2).plan.review_date == date(2026, 3, 20)
