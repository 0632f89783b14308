"""The graduated approach: a pupil's cycles of assess, plan, do, review, and one cycle's plan and review.

Read with the rules the support pages use: ``support.view`` to see anything (otherwise 404), and
``support.view_staff_record`` for the staff record. Everyone else (parents) gets what the parents'
plan page shows: no concerns, assessments, notes, SMART problems or names of staff responsible.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import rules
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from sendsupport.api.auth import caller
from sendsupport.api.pagination import page_of
from sendsupport.api.schemas import INVALID, MAX_ID, NOT_FOUND, UNAUTHORISED, PageOut, PageQuery
from sendsupport.audit.services import record_view
from sendsupport.pupils.codes import BroadArea
from sendsupport.pupils.lookup import visible_pupil
from sendsupport.pupils.models import Pupil
from sendsupport.support import selectors, smart
from sendsupport.support.choices import CycleStatus, NextStep, PlanStatus, Rating
from sendsupport.support.models import Cycle, Outcome, OutcomeRating, Plan, Review

router = Router(tags=["SEN support"])

PupilId = Annotated[int, Path(ge=1, le=MAX_ID, description="The pupil's id in sendsupport.")]
# Cycle numbers are stored as small positive integers; anything larger cannot exist.
CycleNumber = Annotated[int, Path(ge=1, le=32767, description="The cycle's number for this pupil, from 1.")]


class CycleOut(Schema):
    number: int = Field(..., description="Numbered from 1 for the pupil's time at the school.")
    status: CycleStatus
    opened_on: date
    closed_on: date | None
    plan_status: PlanStatus | None = Field(..., description="Null until a plan is written.")
    review_date: date | None = Field(..., description="When the plan is to be reviewed; null without a plan.")
    review_held_on: date | None = Field(..., description="When the review was held; null until it is.")
    expected_progress: bool | None = Field(
        ..., description="Did the pupil make expected progress? Null until the review."
    )
    next_step: NextStep | None = Field(..., description="What the review decided; null until the review.")


class CyclePage(PageOut):
    items: list[CycleOut]


class SmartProblemOut(Schema):
    rule: str = Field(..., description="For example no_baseline, target_not_measurable, vague_wording.")
    field: str = Field(..., description="The outcome field to fix.")
    message: str


class OutcomeOut(Schema):
    id: int
    position: int
    description: str
    area: BroadArea = Field(..., description="The broad area of need the outcome serves.")
    area_label: str
    baseline: str
    target: str
    measure: str
    due_date: date | None
    rating: Rating | None = Field(..., description="How far it was met at the review; null until reviewed.")
    responsible: str | None = Field(..., description="Who is responsible; null unless you are staff.")
    smart_problems: list[SmartProblemOut] | None = Field(
        ..., description="Why the outcome fails the SMART check (empty if it passes); null unless you are staff."
    )


class PlanOut(Schema):
    status: PlanStatus
    created_on: date
    review_date: date
    agreed_on: date | None
    parent_agreed_on: date | None
    pupil_agreed_on: date | None
    support: str = Field(..., description="Support and interventions.")
    strategies: str = Field(..., description="Strategies for class teachers.")
    at_home: str = Field(..., description="How parents can help at home.")
    class_teacher: str | None = Field(..., description="The teacher responsible for the pupil day to day.")
    smart_override_reason: str | None = Field(
        ...,
        description="A note on the SMART warnings made when the plan was agreed (the check never blocks agreement); null unless you are staff.",
    )
    outcomes: list[OutcomeOut]


class RatingOut(Schema):
    outcome_id: int
    outcome: str = Field(..., description="The outcome's description.")
    rating: Rating
    rating_label: str
    evidence: str
    latest_measure: str


class ReviewOut(Schema):
    held_on: date
    attendees: str
    expected_progress: bool | None
    progress_summary: str
    pupil_views: str
    pupil_views_absent_reason: str
    parent_views: str
    parent_views_absent_reason: str
    next_step: NextStep
    next_step_label: str
    next_step_notes: str
    ratings: list[RatingOut]


class CycleDetailOut(CycleOut):
    plan: PlanOut | None = Field(..., description="Null until a plan is written.")
    review: ReviewOut | None = Field(..., description="Null until the review is held.")


def person(user: Any) -> str | None:
    return (user.get_full_name() or user.get_username()) if user is not None else None


def cycle_out(cycle: Cycle) -> dict:
    plan: Plan | None = getattr(cycle, "plan", None)
    review: Review | None = getattr(cycle, "review", None)
    return {
        "number": cycle.number,
        "status": cycle.status,
        "opened_on": cycle.opened_on,
        "closed_on": cycle.closed_on,
        "plan_status": plan.status if plan else None,
        "review_date": plan.review_date if plan else None,
        "review_held_on": review.held_on if review else None,
        "expected_progress": review.expected_progress if review else None,
        "next_step": review.next_step if review else None,
    }


def outcome_out(outcome: Outcome, plan: Plan, *, staff: bool) -> dict:
    rating: OutcomeRating | None = getattr(outcome, "rating", None)
    return {
        "id": outcome.pk,
        "position": outcome.position,
        "description": outcome.description,
        "area": outcome.area,
        "area_label": outcome.get_area_display(),
        "baseline": outcome.baseline,
        "target": outcome.target,
        "measure": outcome.measure,
        "due_date": outcome.due_date,
        "rating": rating.rating if rating else None,
        "responsible": outcome.responsible_name if staff else None,
        "smart_problems": (
            [{"rule": p.rule, "field": p.field, "message": p.message} for p in smart.check(outcome, plan.review_date)]
            if staff
            else None
        ),
    }


def plan_out(cycle: Cycle, plan: Plan, *, staff: bool) -> dict:
    return {
        "status": plan.status,
        "created_on": plan.created_on,
        "review_date": plan.review_date,
        "agreed_on": plan.agreed_on,
        "parent_agreed_on": plan.parent_agreed_on,
        "pupil_agreed_on": plan.pupil_agreed_on,
        "support": plan.support,
        "strategies": plan.strategies,
        "at_home": plan.at_home,
        "class_teacher": person(cycle.class_teacher),
        "smart_override_reason": plan.smart_override_reason if staff else None,
        "outcomes": [outcome_out(o, plan, staff=staff) for o in selectors.outcomes_of(plan, with_notes=False)],
    }


def review_out(review: Review) -> dict:
    # The review page shows parents and staff the same record.
    return {
        "held_on": review.held_on,
        "attendees": review.attendees,
        "expected_progress": review.expected_progress,
        "progress_summary": review.progress_summary,
        "pupil_views": review.pupil_views,
        "pupil_views_absent_reason": review.pupil_views_absent_reason,
        "parent_views": review.parent_views,
        "parent_views_absent_reason": review.parent_views_absent_reason,
        "next_step": review.next_step,
        "next_step_label": review.get_next_step_display(),
        "next_step_notes": review.next_step_notes,
        "ratings": [
            {
                "outcome_id": r.outcome_id,
                "outcome": r.outcome.description,
                "rating": r.rating,
                "rating_label": r.get_rating_display(),
                "evidence": r.evidence,
                "latest_measure": r.latest_measure,
            }
            for r in selectors.ratings_of(review)
        ],
    }


def supported_pupil(user: Any, pupil_id: int) -> Pupil:
    """The pupil, if the caller passes ``support.view`` (the support pages' rule); 404 otherwise."""
    return visible_pupil(user, pupil_id, "support.view")


@router.get(
    "/{pupil_id}/cycles",
    response={200: CyclePage, **UNAUTHORISED, **NOT_FOUND, **INVALID},
    summary="A pupil's cycles of SEN support",
    operation_id="list_pupil_cycles",
)
def list_cycles(request: HttpRequest, pupil_id: PupilId, query: Query[PageQuery]) -> dict:
    """Each cycle of assess, plan, do, review, newest first, with its plan's status and its review's result."""
    user = caller(request)
    pupil = supported_pupil(user, pupil_id)
    cycles = selectors.cycles_of(user, pupil)
    items, page = page_of(cycles, query)
    record_view(user=user, pupil=pupil, what="API: SEN support cycles")
    return {**page, "items": [cycle_out(cycle) for cycle in items]}


@router.get(
    "/{pupil_id}/cycles/{number}",
    response={200: CycleDetailOut, **UNAUTHORISED, **NOT_FOUND, **INVALID},
    summary="One cycle: its plan, outcomes and review",
    operation_id="get_pupil_cycle",
)
def get_cycle(request: HttpRequest, pupil_id: PupilId, number: CycleNumber) -> dict:
    """Staff see the plan as the staff plan page shows it, with each outcome's SMART problems and who is
    responsible; parents see the parents' version. Assessments, concerns and notes are not included."""
    user = caller(request)
    pupil = supported_pupil(user, pupil_id)
    cycle = selectors.get_cycle(pupil, number)
    staff = rules.test_rule("support.view_staff_record", user, pupil)
    record_view(user=user, pupil=pupil, what=f"API: SEN support cycle {cycle.number}")
    plan: Plan | None = getattr(cycle, "plan", None)
    review: Review | None = getattr(cycle, "review", None)
    return {
        **cycle_out(cycle),
        "plan": plan_out(cycle, plan, staff=staff) if plan else None,
        "review": review_out(review) if review else None,
    }
