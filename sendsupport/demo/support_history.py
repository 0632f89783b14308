"""Graduated-approach records for the demo school, so the demo opens on a lived-in record.

Called by ``sendsupport demo`` (``core.demo.create_demo``) after the demo accounts exist. It gives the
demo parent's child a reviewed first cycle and a running second one, and leaves a class teacher's
concern about another pupil in 4A for the SENCO to take through the whole cycle.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction

from sendsupport.pupils.models import Pupil
from sendsupport.pupils.selectors import current_needs
from sendsupport.support import services
from sendsupport.support.choices import Decision, NextStep, NotificationMethod, Rating

OUTCOMES = [
    {
        "area": "communication",
        "description": "Follow a two-step spoken instruction in class without a picture prompt.",
        "baseline": "Follows two-step instructions without a prompt 4 out of 10 times.",
        "target": "Follows two-step instructions without a prompt 8 out of 10 times.",
        "measure": "A weekly tally of 10 instructions by the teaching assistant.",
        "progress": "6 out of 10",
    },
    {
        "area": "cognition",
        "description": "Read the first 100 high-frequency words on sight.",
        "baseline": "Reads 35 of the first 100 high-frequency words.",
        "target": "Reads 80 of the first 100 high-frequency words.",
        "measure": "A word-card check every 3 weeks.",
        "progress": "52 of the first 100 words",
    },
]


def _progress(outcome: Any) -> str:
    """The latest measure in the outcome's own units (words read, instructions followed)."""
    return next((o["progress"] for o in OUTCOMES if o["description"] == outcome.description), "")


def _needs(pupil: Pupil) -> dict[str, str]:
    needs = current_needs(pupil)
    return {
        "primary_need": next((n.need_type for n in needs if n.rank == 1), "NSA"),
        "secondary_need": next((n.need_type for n in needs if n.rank == 2), ""),
    }


def _cycle(child: Pupil, *, senco: Any, teacher: Any, ta: Any, opened: date, review: date, today: date):
    cycle = services.start_cycle(pupil=child, by=senco, opened_on=opened, class_teacher=teacher, today=today)
    services.record_assessment(
        cycle=cycle,
        by=senco,
        decision=Decision.CONTINUE,
        decided_on=opened + timedelta(days=3),
        teacher_assessment="Finds it hard to follow spoken instructions and to start tasks without an adult.",
        attainment="Reading and writing below age-related expectations; making slower progress than peers.",
        pupil_views="I like it when Mr Nowak helps me in the reading group.",
        parent_views="Reading at home is getting easier but instructions are still hard.",
        today=today,
        **_needs(child),
    )
    parent = child.contact_links.filter(parental_responsibility=True).select_related("contact").first()
    services.record_notification(
        pupil=child,
        cycle=cycle,
        by=senco,
        notified_on=opened + timedelta(days=4),
        method=NotificationMethod.MEETING,
        contact=parent.contact if parent else None,
        today=today,
    )
    plan = services.create_plan(
        cycle=cycle,
        by=senco,
        review_date=review,
        created_on=opened + timedelta(days=7),
        strategies="Give instructions one step at a time, with a picture prompt, and check understanding.",
        support="Talk Boost group with the teaching assistant, 3 times a week for 20 minutes.",
        at_home="Play games that use two-step instructions, like 'Simon says'.",
        today=today,
    )
    if not plan.outcomes.exists():
        for fields in OUTCOMES:
            fields = {key: value for key, value in fields.items() if key != "progress"}
            services.add_outcome(plan=plan, by=senco, due_date=review, responsible=teacher, **fields)
    services.agree_plan(
        plan=plan,
        by=senco,
        agreed_on=opened + timedelta(days=10),
        parent_agreed_on=opened + timedelta(days=10),
        pupil_agreed_on=opened + timedelta(days=10),
        today=today,
    )
    for outcome in plan.outcomes.all():
        services.add_note(
            outcome=outcome,
            by=ta,
            text="Worked on this in the group today; needed one reminder.",
            measure=_progress(outcome),
            written_on=opened + timedelta(days=30),
            today=today,
        )
    return cycle, plan


@transaction.atomic
def add_demo_support(*, school: Any, child: Pupil, senco: Any, teacher: Any, ta: Any, today: date) -> None:
    """Cycle 1 reviewed (outcomes partly met) and cycle 2 running for ``child``; a concern about another
    pupil in the same class. Does nothing if the child already has cycles."""
    if child.support_cycles.exists():
        return
    first, plan = _cycle(
        child,
        senco=senco,
        teacher=teacher,
        ta=ta,
        opened=today - timedelta(days=200),
        review=today - timedelta(days=90),
        today=today,
    )
    services.record_review(
        plan=plan,
        by=senco,
        held_on=today - timedelta(days=92),
        expected_progress=False,
        attendees="SENCO, class teacher, parent, pupil",
        parents_attended=True,
        next_step=NextStep.REVISE,
        ratings=[
            services.RatingInput(
                outcome_id=o.pk,
                rating=Rating.PARTLY_MET,
                evidence="Weekly tallies and word checks.",
                latest_measure=_progress(o),
            )
            for o in plan.outcomes.all()
        ],
        progress_summary="Progress, but slower than hoped. Keep both outcomes with the new baselines.",
        pupil_views="I can do more words now.",
        parent_views="We can see the difference at home.",
        today=today,
    )
    _cycle(
        child,
        senco=senco,
        teacher=teacher,
        ta=ta,
        opened=today - timedelta(days=85),
        review=today + timedelta(days=30),
        today=today,
    )
    other = (
        Pupil.objects.filter(school=school, registration_group=child.registration_group)
        .exclude(pk=child.pk)
        .exclude(sen_statuses__provision__in=["K", "E"])
        .order_by("pk")
        .first()
    )
    if other is not None:
        services.raise_concern(
            pupil=other,
            by=teacher,
            noticed="Avoids writing and often says their hand hurts; letters are hard to read.",
            since=today - timedelta(days=45),
            tried="Pencil grip and a writing slope; shorter writing tasks.",
            raised_on=today - timedelta(days=3),
            today=today,
        )
