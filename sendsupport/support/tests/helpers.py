"""Builders for support tests: each step of the graduated approach on fixed dates, through the services."""

from __future__ import annotations

from datetime import date
from typing import Any

from sendsupport.pupils.models import Contact, PupilContact
from sendsupport.support import services
from sendsupport.support.choices import Decision, NextStep, NotificationMethod, Rating
from sendsupport.support.models import Cycle, Outcome, Plan, Review

TODAY = date(2025, 11, 20)
VIEWS = {"pupil_views": "I like reading with Mrs Jones.", "parent_views": "We read together at home most nights."}

GOOD_OUTCOME = {
    "area": "communication",
    "description": "Follow a two-step spoken instruction in class without a picture prompt.",
    "baseline": "Follows two-step instructions without a prompt 4 out of 10 times.",
    "target": "Follows two-step instructions without a prompt 8 out of 10 times.",
    "measure": "A weekly tally of 10 instructions by the teaching assistant.",
}

VAGUE_OUTCOME = {
    "area": "cognition",
    "description": "Improve reading.",
    "baseline": "",
    "target": "Be better at reading.",
    "measure": "",
}


def start(pupil: Any, by: Any, *, opened_on: date = date(2025, 9, 8), teacher: Any = None, **extra: Any) -> Cycle:
    return services.start_cycle(pupil=pupil, by=by, opened_on=opened_on, class_teacher=teacher, today=TODAY, **extra)


def assess(
    cycle: Cycle,
    by: Any,
    *,
    decision: str = Decision.CONTINUE,
    decided_on: date = date(2025, 9, 15),
    primary_need: str = "SLCN",
    secondary_need: str = "SEMH",
    **extra: Any,
):
    fields = {
        "teacher_assessment": "Finds it hard to follow spoken instructions in class.",
        "attainment": "Reading age 18 months below chronological age; progress slower than peers.",
        **VIEWS,
        **extra,
    }
    return services.record_assessment(
        cycle=cycle,
        by=by,
        decision=decision,
        decided_on=decided_on,
        primary_need=primary_need,
        secondary_need=secondary_need,
        today=TODAY,
        **fields,
    )


def plan(
    cycle: Cycle, by: Any, *, created_on: date = date(2025, 9, 22), review_date: date = date(2025, 12, 12)
) -> Plan:
    return services.create_plan(
        cycle=cycle,
        by=by,
        review_date=review_date,
        created_on=created_on,
        strategies="Give instructions one step at a time and check understanding.",
        support="Talk Boost group with the TA, 3 times a week for 20 minutes.",
        at_home="Play 'Simon says' with two-step instructions.",
        today=TODAY,
    )


def outcome(plan_: Plan, by: Any, *, responsible: Any = None, **fields: Any) -> Outcome:
    values = {**GOOD_OUTCOME, "due_date": plan_.review_date, **fields}
    if responsible is None and not values.get("responsible_other"):
        responsible = plan_.cycle.class_teacher or by
    return services.add_outcome(plan=plan_, by=by, responsible=responsible, **values)


def agree(plan_: Plan, by: Any, *, agreed_on: date = date(2025, 9, 29), **extra: Any) -> Plan:
    return services.agree_plan(
        plan=plan_,
        by=by,
        agreed_on=agreed_on,
        parent_agreed_on=extra.pop("parent_agreed_on", agreed_on),
        pupil_agreed_on=extra.pop("pupil_agreed_on", agreed_on),
        today=TODAY,
        **extra,
    )


def notify(cycle: Cycle, by: Any, *, notified_on: date = date(2025, 9, 16), method: str = NotificationMethod.LETTER):
    return services.record_notification(
        pupil=cycle.pupil, cycle=cycle, by=by, notified_on=notified_on, method=method, today=TODAY
    )


def review(
    plan_: Plan,
    by: Any,
    *,
    held_on: date = date(2025, 11, 18),
    next_step: str = NextStep.REVISE,
    rating: str = Rating.PARTLY_MET,
    expected_progress: bool = False,
    **extra: Any,
) -> Review:
    ratings = extra.pop(
        "ratings",
        [
            services.RatingInput(outcome_id=o.pk, rating=rating, evidence="Tally sheets.", latest_measure="6 out of 10")
            for o in plan_.outcomes.all()
        ],
    )
    fields = {**VIEWS, **extra}
    return services.record_review(
        plan=plan_,
        by=by,
        held_on=held_on,
        expected_progress=expected_progress,
        attendees="SENCO, class teacher, parent, pupil",
        next_step=next_step,
        ratings=ratings,
        progress_summary="Follows most two-step instructions with a prompt.",
        today=TODAY,
        **fields,
    )


def running_cycle(pupil: Any, senco: Any, teacher: Any) -> Cycle:
    """Cycle 1 for a pupil already on SEN support: assessed, plan agreed with one good outcome."""
    cycle = start(pupil, senco, teacher=teacher)
    assess(cycle, senco)
    plan_ = plan(cycle, senco)
    outcome(plan_, senco)
    agree(plan_, senco)
    cycle.refresh_from_db()
    return cycle


def reviewed_cycle(pupil: Any, senco: Any, teacher: Any, **review_args: Any) -> Cycle:
    cycle = running_cycle(pupil, senco, teacher)
    review(cycle.plan, senco, **review_args)
    cycle.refresh_from_db()
    return cycle


def add_parent_contact(pupil: Any, *, email: str = "carer@example.org", first: str = "Jo") -> PupilContact:
    contact = Contact.objects.create(school=pupil.school, first_name=first, last_name="Carer", email=email)
    return PupilContact.objects.create(
        pupil=pupil, contact=contact, relationship="father", parental_responsibility=True
    )
