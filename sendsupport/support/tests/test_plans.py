"""Plan: drafts with warnings, outcomes due by the review, agreeing (SMART or a reason), back to draft."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from conftest import TODAY
from sendsupport.support import services
from sendsupport.support.choices import Decision, PlanStatus
from sendsupport.support.models import Outcome, Plan
from sendsupport.support.tests import helpers


@pytest.fixture
def assessed(pupil, senco, teacher):
    cycle = helpers.start(pupil, senco, teacher=teacher)
    helpers.assess(cycle, senco)
    return cycle


@pytest.fixture
def draft(assessed, senco):
    return helpers.plan(assessed, senco)


def test_a_plan_starts_as_a_draft(draft, senco):
    assert draft.status == PlanStatus.DRAFT
    assert (draft.created_on, draft.review_date, draft.created_by) == (date(2025, 9, 22), date(2025, 12, 12), senco)


def test_a_plan_needs_an_assessment_that_starts_or_continues_support(pupil, newcomer, senco):
    cycle = helpers.start(pupil, senco)
    with pytest.raises(ValidationError) as error:
        helpers.plan(cycle, senco)
    assert "record the assessment first" in error.value.message_dict["cycle"][0]
    other = helpers.start(newcomer, senco)
    helpers.assess(other, senco, decision=Decision.MONITOR, primary_need="", secondary_need="")
    with pytest.raises(ValidationError) as error:
        helpers.plan(other, senco)
    assert error.value.message_dict["cycle"] == ["This cycle is closed. Add a correction instead."]


def test_a_plan_cannot_be_written_before_the_assessment(assessed, senco):
    with pytest.raises(ValidationError) as error:
        helpers.plan(assessed, senco, created_on=date(2025, 9, 14))
    assert "before the assessment (15 September 2025)" in error.value.message_dict["created_on"][0]
    assert not Plan.objects.exists()


def test_the_review_date_must_be_after_the_plan_was_written(assessed, senco):
    with pytest.raises(ValidationError) as error:
        helpers.plan(assessed, senco, review_date=date(2025, 9, 22))
    assert "after the plan was written (22 September 2025)" in error.value.message_dict["review_date"][0]


def test_one_plan_per_cycle(draft, senco):
    with pytest.raises(ValidationError) as error:
        helpers.plan(draft.cycle, senco)
    assert "already has a plan" in error.value.message_dict["cycle"][0]


def test_an_outcome_due_after_the_review_date_is_refused_and_not_saved(draft, senco):
    with pytest.raises(ValidationError) as error:
        helpers.outcome(draft, senco, due_date=date(2025, 12, 13))
    assert error.value.message_dict["due_date"] == [
        "The outcome must be due on or before the plan's review date (12 December 2025)."
    ]
    assert not Outcome.objects.exists()


def test_someone_must_be_responsible_and_work_at_the_school(draft, senco, stranger):
    with pytest.raises(ValidationError) as error:
        services.add_outcome(plan=draft, by=senco, **helpers.GOOD_OUTCOME, due_date=draft.review_date)
    assert "Choose who is responsible" in error.value.message_dict["responsible"][0]
    with pytest.raises(ValidationError) as error:
        helpers.outcome(draft, senco, responsible=stranger)
    assert error.value.message_dict["responsible"] == ["Choose a member of staff at this pupil's school."]
    outcome = helpers.outcome(draft, senco, responsible_other="Speech and language therapist", responsible=None)
    assert outcome.responsible_name in ("Speech and language therapist", str(draft.cycle.class_teacher))


def test_a_draft_keeps_outcomes_that_fail_the_smart_check_as_warnings(draft, senco):
    vague = helpers.outcome(draft, senco, **helpers.VAGUE_OUTCOME)
    problems = services.smart_problems(draft)
    assert set(problems) == {vague.pk}
    assert {p.rule for p in problems[vague.pk]} == {
        "no_baseline",
        "target_not_measurable",
        "no_measure",
        "vague_wording",
    }


def test_a_plan_with_smart_warnings_is_agreed_without_a_reason(draft, senco):
    # The check is advice (good practice, CoP 9.66 and 6.48), never a gate on agreement.
    helpers.outcome(draft, senco)
    helpers.outcome(draft, senco, **helpers.VAGUE_OUTCOME)
    assert services.smart_problems(draft)
    helpers.agree(draft, senco)
    draft.refresh_from_db()
    assert draft.status == PlanStatus.AGREED and draft.agreed_on is not None
    assert draft.smart_override_reason == "" and draft.override_by is None


def test_a_note_on_the_warnings_is_kept_with_who_gave_it(draft, senco):
    helpers.outcome(draft, senco, **helpers.VAGUE_OUTCOME)
    helpers.agree(draft, senco, override_reason="Parent asked for this wording; we will measure it at the review.")
    draft.refresh_from_db()
    assert draft.status == PlanStatus.AGREED
    assert draft.override_by == senco
    assert draft.smart_override_reason.startswith("Parent asked")


def test_a_plan_whose_outcomes_pass_is_agreed_with_the_parent_and_pupil_dates(draft, senco):
    helpers.outcome(draft, senco)
    helpers.agree(draft, senco, parent_agreed_on=date(2025, 9, 26), pupil_agreed_on=date(2025, 9, 29))
    draft.refresh_from_db()
    assert (draft.status, draft.agreed_on, draft.agreed_by) == (PlanStatus.AGREED, date(2025, 9, 29), senco)
    assert (draft.parent_agreed_on, draft.pupil_agreed_on) == (date(2025, 9, 26), date(2025, 9, 29))
    assert draft.smart_override_reason == "" and draft.override_by is None


def test_a_plan_with_no_outcomes_cannot_be_agreed(draft, senco):
    with pytest.raises(ValidationError) as error:
        helpers.agree(draft, senco)
    assert error.value.message_dict["outcomes"] == ["Add at least one outcome before agreeing the plan."]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("agreed_on", date(2025, 11, 21), "today or in the past"),
        ("agreed_on", date(2025, 9, 21), "before the plan was written (22 September 2025)"),
        ("parent_agreed_on", date(2025, 9, 1), "before the plan was written"),
        ("pupil_agreed_on", date(2025, 12, 1), "today or in the past"),
    ],
)
def test_agreement_dates_must_make_sense(draft, senco, field, value, message):
    helpers.outcome(draft, senco)
    dates = {"agreed_on": date(2025, 9, 29), "parent_agreed_on": None, "pupil_agreed_on": None, field: value}
    with pytest.raises(ValidationError) as error:
        helpers.agree(draft, senco, **dates)
    assert message in " ".join(error.value.message_dict[field])
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


def test_a_plan_must_be_agreed_before_its_review_date(assessed, senco):
    plan = helpers.plan(assessed, senco, review_date=date(2025, 10, 31))
    helpers.outcome(plan, senco)
    with pytest.raises(ValidationError) as error:
        helpers.agree(plan, senco, agreed_on=date(2025, 10, 31))
    assert error.value.message_dict["agreed_on"] == ["The plan must be agreed before its review date (31 October 2025)."]


def test_changing_an_agreed_plan_makes_it_a_draft_again(draft, senco):
    outcome = helpers.outcome(draft, senco)
    helpers.agree(draft, senco)
    services.update_outcome(outcome=outcome, by=senco, target="Follows 9 out of 10 two-step instructions.")
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT
    assert (draft.agreed_on, draft.parent_agreed_on, draft.pupil_agreed_on) == (None, None, None)


def test_saving_an_agreed_plan_unchanged_keeps_it_agreed(draft, senco):
    outcome = helpers.outcome(draft, senco)
    helpers.agree(draft, senco)
    services.update_outcome(outcome=outcome, by=senco, target=outcome.target)
    services.update_plan(plan=draft, by=senco, strategies=draft.strategies, review_date=draft.review_date)
    draft.refresh_from_db()
    assert draft.status == PlanStatus.AGREED


def test_the_review_date_cannot_move_before_an_outcome_is_due(draft, senco):
    helpers.outcome(draft, senco, due_date=date(2025, 12, 5))
    with pytest.raises(ValidationError) as error:
        services.update_plan(plan=draft, by=senco, review_date=date(2025, 12, 1))
    assert "is due on 5 December 2025, after this review date" in error.value.message_dict["review_date"][0]
    draft.refresh_from_db()
    assert draft.review_date == date(2025, 12, 12)


def test_an_outcome_with_notes_stays_in_the_record(draft, senco, ta):
    outcome = helpers.outcome(draft, senco)
    services.add_note(outcome=outcome, by=ta, text="Followed 5 of 10.", written_on=date(2025, 10, 1), today=TODAY)
    with pytest.raises(ValidationError) as error:
        services.remove_outcome(outcome=outcome, by=senco)
    assert "stays in the record" in error.value.message_dict["outcome"][0]
    other = helpers.outcome(draft, senco)
    services.remove_outcome(outcome=other, by=senco)
    assert list(draft.outcomes.all()) == [outcome]


def test_the_next_plan_carries_on_outcomes_not_met_with_the_latest_measure(pupil, senco, teacher):
    first = helpers.running_cycle(pupil, senco, teacher)
    met = helpers.outcome(first.plan, senco, description="Read 40 words a minute.", target="40 words a minute")
    services.agree_plan(plan=first.plan, by=senco, agreed_on=date(2025, 9, 29), today=TODAY)
    partly = first.plan.outcomes.exclude(pk=met.pk).get()
    ratings = [
        services.RatingInput(outcome_id=partly.pk, rating="partly_met", evidence="Tally", latest_measure="6 out of 10"),
        services.RatingInput(outcome_id=met.pk, rating="met", evidence="Timed read"),
    ]
    helpers.review(first.plan, senco, ratings=ratings)
    second = helpers.start(pupil, senco, opened_on=date(2025, 11, 19))
    helpers.assess(second, senco, decided_on=date(2025, 11, 19))
    plan = helpers.plan(second, senco, created_on=date(2025, 11, 20), review_date=date(2026, 2, 13))
    carried = list(plan.outcomes.all())
    assert len(carried) == 1
    assert carried[0].carried_from == partly
    assert carried[0].description == partly.description
    assert carried[0].baseline == "6 out of 10"
    assert carried[0].due_date == date(2026, 2, 13)
    assert plan.status == PlanStatus.DRAFT


@pytest.mark.parametrize("action", ["update_plan", "add_outcome", "agree_plan", "update_outcome", "remove_outcome"])
def test_a_closed_cycle_refuses_every_change_to_its_plan(draft, senco, action):
    outcome = helpers.outcome(draft, senco)
    services.close_cycle(cycle=draft.cycle, by=senco, closed_on=TODAY, reason="Left the school", today=TODAY)
    calls = {
        "update_plan": lambda: services.update_plan(plan=draft, by=senco, strategies="New"),
        "add_outcome": lambda: helpers.outcome(draft, senco),
        "agree_plan": lambda: helpers.agree(draft, senco),
        "update_outcome": lambda: services.update_outcome(outcome=outcome, by=senco, target="9 of 10"),
        "remove_outcome": lambda: services.remove_outcome(outcome=outcome, by=senco),
    }
    with pytest.raises(ValidationError) as error:
        calls[action]()
    assert error.value.message_dict["cycle"] == ["This cycle is closed. Add a correction instead."]
    assert draft.outcomes.count() == 1
