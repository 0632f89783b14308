"""Review: rate each outcome, record views and the next step, and close the cycle."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sendsupport.core.dates import in_words
from sendsupport.core.versioning import StaleEdit, stale_error
from sendsupport.pupils import services as pupil_services
from sendsupport.pupils.codes import Provision
from sendsupport.pupils.selectors import current_provision
from sendsupport.support.choices import NEXT_STEPS_LEAVING_SUPPORT, NextStep, PlanStatus, Rating, lower_first
from sendsupport.support.models import OutcomeRating, Plan, Review
from sendsupport.support.services import carry_over, cycles
from sendsupport.support.services._common import (
    Errors,
    add,
    clean_errors,
    ensure_open,
    extend,
    merge,
    not_in_future,
    raise_if,
    save,
    today_or,
)
from sendsupport.support.voice.services import views_for_review

VIEW_FIELDS = ("pupil_views", "pupil_views_absent_reason", "parent_views", "parent_views_absent_reason")


@dataclass(frozen=True)
class RatingInput:
    """The review's judgement of one outcome, by the outcome's id."""

    outcome_id: int
    rating: str
    evidence: str
    latest_measure: str = ""


def _rating_errors(plan: Plan, ratings: Sequence[RatingInput]) -> Errors:
    errors: Errors = {}
    outcomes = {outcome.pk: outcome for outcome in plan.outcomes.all()}
    seen: set[int] = set()
    for item in ratings:
        outcome = outcomes.get(item.outcome_id)
        if outcome is None:
            add(
                errors,
                "ratings",
                f"Outcome {item.outcome_id} is not in this plan: you can only rate the plan's own outcomes.",
            )
            continue
        if item.outcome_id in seen:
            add(errors, "ratings", f"The outcome '{outcome}' is rated twice: give it one rating.")
        seen.add(item.outcome_id)
        if item.rating not in Rating.values:
            add(errors, f"rating_{outcome.pk}", f"Choose how far the outcome '{outcome}' was met.")
        if not item.evidence.strip():
            add(errors, f"evidence_{outcome.pk}", f"Give the evidence for the rating of '{outcome}'.")
    for pk, outcome in outcomes.items():
        if pk not in seen:
            add(errors, f"rating_{pk}", f"Rate every outcome: '{outcome}' has no rating.")
    return errors


def _refuse_stale(plan: Plan, seen: int) -> None:
    """The review form was drawn from version ``seen`` of the plan: refuse if the plan was reviewed
    or changed since, saying by whom and what changed."""
    done = Review.objects.filter(plan=plan).select_related("recorded_by").first()
    if done is not None:
        who = done.recorded_by.get_full_name() or done.recorded_by.get_username() if done.recorded_by else "Someone"
        raise StaleEdit(
            f"{who} recorded the review of this plan (held on {in_words(done.held_on)}) after you opened this page, "
            "so your review has not been saved. What you typed is still below; read their review before adding "
            "anything to it.",
            current_version=plan.version,
        )
    if Plan.objects.filter(pk=plan.pk).values_list("version", flat=True).first() != seen:
        raise stale_error(plan, seen, what="plan")


@transaction.atomic
def record_review(
    *,
    plan: Plan,
    by: Any,
    held_on: date,
    expected_progress: bool | None,
    attendees: str,
    next_step: str,
    parents_attended: bool = False,
    ratings: Sequence[RatingInput],
    progress_summary: str = "",
    next_step_notes: str = "",
    next_review_date: date | None = None,
    plan_version: int | None = None,
    today: date | None = None,
    **views: str,
) -> Review:
    """Record the review of an agreed plan and close the cycle (Code of Practice 6.54-6.56).

    Every outcome of the plan gets one rating, with evidence. Stepping down to monitoring or ending
    SEN support changes the register to N on the review date. "Continue with the same plan" is carried
    out at once: the next cycle starts on the review date with the plan agreed again, to be reviewed on
    ``next_review_date`` (by default the school's ``plan_review_weeks`` later). Any other next step starts the next
    cycle separately, pre-filled from this review.
    """
    today = today_or(today)
    cycle = plan.cycle
    if plan_version is not None:
        _refuse_stale(plan, plan_version)
    ensure_open(cycle)
    unknown = set(views) - set(VIEW_FIELDS)
    if unknown:
        raise TypeError(f"Unknown review fields: {', '.join(sorted(unknown))}")
    errors: Errors = {}
    if Review.objects.filter(plan=plan).exists():
        add(errors, "plan", "This plan has already been reviewed.")
    elif plan.status != PlanStatus.AGREED:
        add(errors, "plan", "Agree the plan before reviewing it: a review judges an agreed plan.")
    raise_if(errors)
    # Views a parent or the pupil sent before the review count as theirs when the boxes were left empty.
    for name, text in views_for_review(cycle).items():
        if not (views.get(name) or "").strip() and not (views.get(f"{name}_absent_reason") or "").strip():
            views[name] = text

    # ids, not objects: assigning them would cache this unsaved review on the cycle and the plan.
    review = Review(
        cycle_id=cycle.pk,
        plan_id=plan.pk,
        pupil=plan.pupil,
        held_on=held_on,
        expected_progress=expected_progress,
        progress_summary=progress_summary.strip(),
        attendees=attendees.strip(),
        parents_attended=parents_attended,
        next_step=next_step,
        next_step_notes=next_step_notes.strip(),
        recorded_by=by,
        **{name: (views.get(name) or "").strip() for name in VIEW_FIELDS},
    )
    errors = clean_errors(review, exclude=["cycle", "plan", "status_change", "recorded_by"])
    not_in_future(errors, "held_on", held_on, today, "The date of the review")
    if next_step == NextStep.CONTINUE:
        next_review_date = next_review_date or (held_on and carry_over.default_review_date(held_on, plan.pupil.school))
        if held_on and next_review_date and next_review_date <= held_on:
            add(errors, "next_review_date", "The new review date must be after the date of the review.")
    elif next_review_date:
        add(
            errors,
            "next_review_date",
            "Only give a new review date when continuing with the same plan: a revised plan sets its own.",
        )
    extend(errors, _rating_errors(plan, ratings))
    provision = current_provision(plan.pupil)
    if next_step in NEXT_STEPS_LEAVING_SUPPORT and provision == Provision.EHC_PLAN:
        add(
            errors,
            "next_step",
            "This pupil has an EHC plan, which only the local authority can end: choose another next step.",
        )
    raise_if(errors)

    if next_step in NEXT_STEPS_LEAVING_SUPPORT and provision == Provision.SEN_SUPPORT:
        try:
            review.status_change = pupil_services.change_sen_status(
                pupil=plan.pupil,
                provision=Provision.NONE,
                needs=[],
                start_date=held_on,
                reason=f"Review of SEN support cycle {cycle.number}: {lower_first(NextStep(next_step).label)}.",
                by=by,
                today=today,
            )
        except ValidationError as error:
            register_errors: Errors = {}
            merge(register_errors, error, {"start_date": "held_on", "provision": "next_step"})
            raise ValidationError(register_errors) from error
    save(review, by)
    for item in ratings:
        save(
            OutcomeRating(
                review=review,
                outcome_id=item.outcome_id,
                pupil=plan.pupil,
                rating=item.rating,
                evidence=item.evidence.strip(),
                latest_measure=item.latest_measure.strip(),
            ),
            by,
        )
    cycles.close(cycle, by=by, on=held_on, reason=f"Reviewed: {lower_first(NextStep(next_step).label)}.")
    if next_step == NextStep.CONTINUE:
        carry_over.continue_same_plan(review=review, by=by, review_date=next_review_date, today=today)
    return review
