"""Carrying out a review's next step "Continue SEN support with the same plan".

The review agreed to keep the plan, so the next cycle starts on the day of the review with that plan
already agreed: the same outcomes (their latest measure as the new baseline), strategies, support and
help at home, and a new review date. Without this, the to-do list would say there is no plan, the
pupil page that no review is due, and teachers would lose the strategies until a plan was re-typed.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sendsupport.core.dates import in_words
from sendsupport.pupils.codes import Provision
from sendsupport.pupils.selectors import current_needs, current_provision
from sendsupport.support import selectors
from sendsupport.support.choices import Decision, PlanStatus
from sendsupport.support.models import Assessment, Cycle, Outcome, Plan, Review
from sendsupport.support.services import cycles
from sendsupport.support.services._common import save


def default_review_date(held_on: date, school: Any) -> date:
    """A new review date the school's usual plan length after the review (``SchoolPolicy.plan_review_weeks``)."""
    return held_on + timedelta(weeks=selectors.plan_review_weeks(school))


def _latest_measure(outcome: Outcome) -> str:
    rating = getattr(outcome, "rating", None)
    return rating.latest_measure if rating is not None and rating.latest_measure else ""


def continue_same_plan(*, review: Review, by: Any, review_date: date, today: date) -> Cycle | None:
    """Open the next cycle with the reviewed plan carried over and agreed on the day of the review.

    Returns the new cycle, or None when the pupil is no longer on the register (nothing to continue).
    Called by ``record_review`` inside its transaction, after the reviewed cycle is closed."""
    pupil = review.pupil
    if current_provision(pupil) == Provision.NONE:
        return None
    old_plan = review.plan
    held_on = review.held_on
    cycle = cycles.start_cycle(pupil=pupil, by=by, opened_on=held_on, today=today)
    needs = {need.rank: need.need_type for need in current_needs(pupil)}
    summary = review.progress_summary or "See the review."
    save(
        Assessment(
            cycle=cycle,
            pupil=pupil,
            teacher_assessment=(
                f"At the review of cycle {review.cycle.number} on {in_words(held_on)} it was agreed to continue "
                f"SEN support with the same plan. {summary}"
            ).strip(),
            attainment=summary,
            pupil_views=review.pupil_views,
            pupil_views_absent_reason=review.pupil_views_absent_reason,
            parent_views=review.parent_views,
            parent_views_absent_reason=review.parent_views_absent_reason,
            primary_need=needs.get(1, ""),
            secondary_need=needs.get(2, ""),
            decision=Decision.CONTINUE,
            decided_on=held_on,
            decided_by=by,
        ),
        by,
    )
    plan = Plan(
        cycle_id=cycle.pk,
        pupil=pupil,
        strategies=old_plan.strategies,
        support=old_plan.support,
        at_home=old_plan.at_home,
        review_date=review_date,
        status=PlanStatus.AGREED,
        created_on=held_on,
        created_by=by,
        agreed_on=held_on,
        agreed_by=by,
        # The parents gave their views at the review that agreed to keep this plan.
        parent_agreed_on=held_on if review.parent_views else None,
        pupil_agreed_on=held_on if review.pupil_views else None,
        smart_override_reason=old_plan.smart_override_reason,
        override_by=old_plan.override_by if old_plan.smart_override_reason else None,
    )
    save(plan, by)
    old_outcomes = Outcome.objects.filter(plan=old_plan).select_related("rating").order_by("position", "id")
    for position, old in enumerate(old_outcomes, start=1):
        save(
            Outcome(
                plan=plan,
                pupil=pupil,
                position=position,
                area=old.area,
                description=old.description,
                baseline=_latest_measure(old) or old.baseline,
                target=old.target,
                measure=old.measure,
                due_date=review_date,
                responsible=old.responsible,
                responsible_other=old.responsible_other,
                carried_from=old,
            ),
            by,
        )
    return cycle
