"""Review: every outcome rated, views or reasons, the next step, and the cycle closed."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from conftest import TODAY
from sendsupport.pupils.selectors import current_provision
from sendsupport.support import services
from sendsupport.support.choices import CycleStatus, NextStep
from sendsupport.support.models import OutcomeRating, Review
from sendsupport.support.tests import helpers


def test_recording_the_review_rates_each_outcome_and_closes_the_cycle(running, senco):
    review = helpers.review(running.plan, senco, rating="met", expected_progress=True, next_step=NextStep.CONTINUE)
    running.refresh_from_db()
    assert (running.status, running.closed_on) == (CycleStatus.CLOSED, date(2025, 11, 18))
    assert review.expected_progress is True
    rating = review.ratings.get()
    assert (rating.rating, rating.latest_measure, rating.pupil) == ("met", "6 out of 10", running.pupil)
    assert current_provision(running.pupil) == "K"


def test_a_review_before_the_plan_began_is_refused(running, senco):
    with pytest.raises(ValidationError) as error:
        helpers.review(running.plan, senco, held_on=date(2025, 9, 28))
    assert error.value.message_dict["held_on"] == ["The review cannot be before the plan began (29 September 2025)."]
    assert not Review.objects.exists()
    running.refresh_from_db()
    assert running.is_open


def test_a_review_in_the_future_is_refused(running, senco):
    with pytest.raises(ValidationError) as error:
        helpers.review(running.plan, senco, held_on=date(2025, 11, 21))
    assert "today or in the past" in error.value.message_dict["held_on"][0]


def test_a_rating_for_an_outcome_not_in_the_plan_is_refused(running, senco, other_pupil):
    other = helpers.running_cycle(other_pupil, senco, None)
    stray = other.plan.outcomes.get()
    own = running.plan.outcomes.get()
    ratings = [
        services.RatingInput(outcome_id=own.pk, rating="met", evidence="Tally"),
        services.RatingInput(outcome_id=stray.pk, rating="met", evidence="Tally"),
    ]
    with pytest.raises(ValidationError) as error:
        helpers.review(running.plan, senco, ratings=ratings)
    assert error.value.message_dict["ratings"] == [
        f"Outcome {stray.pk} is not in this plan: you can only rate the plan's own outcomes."
    ]
    assert not OutcomeRating.objects.exists() and not Review.objects.exists()


def test_every_outcome_needs_a_rating_with_evidence(running, senco):
    second = helpers.outcome(running.plan, senco, description="Spell 8 of 10 words.", target="8 of 10")
    helpers.agree(running.plan, senco)
    first = running.plan.outcomes.exclude(pk=second.pk).get()
    with pytest.raises(ValidationError) as error:
        helpers.review(
            running.plan, senco, ratings=[services.RatingInput(outcome_id=first.pk, rating="met", evidence="")]
        )
    assert f"evidence_{first.pk}" in error.value.message_dict
    assert "has no rating" in error.value.message_dict[f"rating_{second.pk}"][0]


def test_a_rating_must_be_one_of_the_four(running, senco):
    outcome = running.plan.outcomes.get()
    with pytest.raises(ValidationError) as error:
        helpers.review(
            running.plan, senco, ratings=[services.RatingInput(outcome_id=outcome.pk, rating="great", evidence="x")]
        )
    assert f"rating_{outcome.pk}" in error.value.message_dict


def test_views_or_their_absence_must_be_recorded(running, senco):
    with pytest.raises(ValidationError) as error:
        helpers.review(running.plan, senco, pupil_views="", parent_views="")
    assert set(error.value.message_dict) >= {"pupil_views", "parent_views"}
    review = helpers.review(
        running.plan, senco, parent_views="", parent_views_absent_reason="Parent could not attend; letter sent."
    )
    assert not review.views_missing


def test_only_an_agreed_plan_is_reviewed(pupil, senco):
    cycle = helpers.start(pupil, senco)
    helpers.assess(cycle, senco)
    plan = helpers.plan(cycle, senco)
    helpers.outcome(plan, senco)
    with pytest.raises(ValidationError) as error:
        helpers.review(plan, senco)
    assert "Agree the plan before reviewing it" in error.value.message_dict["plan"][0]


def test_ending_sen_support_at_the_review_updates_the_register(running, senco):
    review = helpers.review(running.plan, senco, next_step=NextStep.END, rating="exceeded", expected_progress=True)
    assert current_provision(running.pupil) == "N"
    assert review.status_change.start_date == date(2025, 11, 18)
    assert "Review of SEN support cycle 1: end SEN support." in review.status_change.reason


def test_a_pupil_with_an_ehc_plan_cannot_step_down_at_a_review(other_pupil, senco):
    cycle = helpers.running_cycle(other_pupil, senco, None)
    with pytest.raises(ValidationError) as error:
        helpers.review(cycle.plan, senco, next_step=NextStep.MONITOR)
    assert "EHC plan" in error.value.message_dict["next_step"][0]
    assert current_provision(other_pupil) == "E"


def test_a_plan_is_reviewed_once(reviewed, senco):
    with pytest.raises(ValidationError) as error:
        helpers.review(reviewed.plan, senco)
    assert error.value.message_dict["cycle"] == ["This cycle is closed. Add a correction instead."]


def test_the_next_cycle_starts_prefilled_from_the_review(reviewed, senco):
    from sendsupport.support import selectors

    second = helpers.start(reviewed.pupil, senco, opened_on=TODAY)
    initial = selectors.assessment_initial(second, today=TODAY)
    assert initial["decision"] == "continue"
    assert initial["primary_need"] == "SLCN" and initial["secondary_need"] == "SEMH"
    assert initial["pupil_views"] == helpers.VIEWS["pupil_views"]
    assert initial["teacher_assessment"].startswith("At the review of cycle 1 on 18 November 2025")
    plan_initial = selectors.plan_initial(second, today=TODAY)
    assert plan_initial["strategies"] == reviewed.plan.strategies
    assert plan_initial["review_date"] == date(2026, 2, 12)
