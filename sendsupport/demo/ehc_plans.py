"""A year of EHC plans at the demo school: each plan in force gets its sections (needs, outcomes and the
provision it sets out, linked to the pupil's one-to-one support on the provision map), each review held
gets its advice and the report sent to the LA (mostly within the two weeks), the review held twelve
days ago has its report written but not yet sent, and one pupil's next review is booked for three
weeks' time with the invitations out and half the advice in.

Runs after ``lived_in`` (which records the plans' dates and reviews) and the provision map.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sendsupport.provision.models import Provision
from sendsupport.pupils.selectors import current_needs
from sendsupport.statutory import services
from sendsupport.statutory.models import AnnualReview, EHCPlan, PlanEntry

NEEDS = {
    "ASD": [
        "{name} is autistic. {name} finds changes to routine and busy, noisy places hard, and can become "
        "overwhelmed at transitions in the day.",
        "{name} understands more than {name} can say, and needs time and visual support to process spoken "
        "instructions.",
    ],
    "SLCN": [
        "{name} has a language disorder: {name} finds it hard to follow instructions of more than two steps "
        "and to find the words to explain ideas.",
        "{name} is sometimes left out of play because other children do not understand {name}'s speech.",
    ],
    "SEMH": [
        "{name} experiences high levels of anxiety, especially at the start of the day and in unstructured times.",
        "{name} finds it hard to recognise and name feelings, and to calm down after becoming upset.",
    ],
    "MLD": [
        "{name} is working well below age-related expectations in reading, writing and maths, and needs "
        "learning broken into small steps with lots of repetition.",
    ],
    "SLD": [
        "{name} has severe learning difficulties and needs adult support for most learning and for personal care.",
    ],
    "PD": ["{name} has cerebral palsy affecting both legs and fine motor control, and uses a walking frame."],
    "HI": ["{name} has a moderate hearing loss and wears hearing aids in both ears."],
}
GENERAL_NEED = "{name} needs adults who know {name} well to help {name} take part in all parts of school life."
OUTCOMES = [
    "By the end of the school year, {name} will follow a visual timetable and move between activities with "
    "no more than one adult prompt on 4 out of 5 days.",
    "By the end of the school year, {name} will ask an adult or a friend for help in class, in words or with "
    "a help card, at least once in every lesson.",
    "By the end of the key stage, {name} will read and understand a short book at their level and retell the "
    "story in order.",
]
PROVISION = [
    "Support from a trained teaching assistant in class for {hours} hours a week, to break tasks into small "
    "steps and help {name} to stay with the class.",
    "A programme set by the speech and language therapist, delivered by school staff three times a week, "
    "with the therapist reviewing it each term.",
]
ADVICE = ("parent", "pupil", "school", "ep")
PROGRESS = [
    "Good progress: {name} now does this on most days with a single prompt.",
    "Some progress: {name} does this with support, not yet on their own.",
    "{name} has met this outcome and it can be made harder at the next review.",
]


def _first(pupil: Any) -> str:
    return pupil.preferred_first_name or pupil.legal_first_name


def add_ehc_plans(*, school: Any, senco: Any, today: date) -> None:
    plans = list(
        EHCPlan.objects.filter(pupil__school=school, ceased_on__isnull=True).select_related("pupil").order_by("pupil")
    )
    upcoming = None
    unsent = False  # one recent review's report is written and not yet sent: the to-do list shows it due
    for index, plan in enumerate(plans):
        outcomes = _sections(plan, senco, today)
        reviews = list(plan.annual_reviews.filter(held=True).order_by("meeting_on"))
        for review in reviews:
            _advice_all_in(review, senco, index, today)
            recent = (today - review.meeting_on).days < 14
            _report(review, outcomes, senco, index, today, send=unsent or not recent)
            unsent = unsent or recent
        last = reviews[-1].meeting_on if reviews else plan.issued_on
        booked = plan.annual_reviews.filter(held=False).exists()
        # The one not yet booked whose review is due soonest, but not the first (left as a to-do gap).
        if index > 0 and not booked and (upcoming is None or last < upcoming[1]):
            upcoming = (plan, last)
    if upcoming is not None:
        _book_in_three_weeks(upcoming[0], senco, today)


def _sections(plan: EHCPlan, senco: Any, today: date) -> list[PlanEntry]:
    pupil = plan.pupil
    name = _first(pupil)
    lines = [text for need in current_needs(pupil) for text in NEEDS.get(need.need_type, [])] or [GENERAL_NEED]
    for text in lines[:3]:
        services.save_plan_entry(plan=plan, by=senco, section="B", text=text.format(name=name))
    outcomes = [
        services.save_plan_entry(plan=plan, by=senco, section="E", text=text.format(name=name)) for text in OUTCOMES
    ]
    one_to_one = Provision.objects.filter(school=plan.pupil.school, members__pupil=pupil, one_to_one=True).first()
    hours = round(one_to_one.weekly_minutes / 60, 1) if one_to_one else 10
    services.save_plan_entry(
        plan=plan,
        by=senco,
        section="F",
        text=PROVISION[0].format(name=name, hours=f"{hours:g}"),
        provision=one_to_one,
    )
    services.save_plan_entry(plan=plan, by=senco, section="F", text=PROVISION[1].format(name=name))
    return outcomes


def _advice_all_in(review: AnnualReview, senco: Any, index: int, today: date) -> None:
    """Asked six weeks ahead, all in before it was circulated."""
    circulated = review.advice_circulated_on or review.meeting_on - timedelta(days=14)
    for number, source in enumerate(ADVICE[: 3 + index % 2]):
        services.save_advice_request(
            review=review,
            by=senco,
            source=source,
            asked_on=review.meeting_on - timedelta(days=42),
            received_on=circulated - timedelta(days=2 + number * 3),
            today=today,
        )


def _report(review: AnnualReview, outcomes: list[PlanEntry], senco: Any, index: int, today: date, send: bool) -> None:
    name = _first(review.plan.pupil)
    sent_on = min(review.meeting_on + timedelta(days=4 + index % 9), today)
    services.save_review_report(
        review=review,
        by=senco,
        pupil_views=f"{name} said they like their help card and the quiet table, and want more time on the computer.",
        parent_views=f"{name}'s parents said mornings are calmer and {name} talks more about friends at home.",
        recommendation="amend" if index % 3 == 0 else "keep",
        progress={outcome.pk: PROGRESS[(index + n) % 3].format(name=name) for n, outcome in enumerate(outcomes)},
        report_sent_on=sent_on if send else None,
        today=today,
    )


def _book_in_three_weeks(plan: EHCPlan, senco: Any, today: date) -> None:
    """The next review in three weeks: invited with more than two weeks' notice, half the advice in."""
    review = services.save_annual_review(
        plan=plan,
        by=senco,
        meeting_on=today + timedelta(days=21),
        invitations_sent_on=today - timedelta(days=3),
        today=today,
    )
    for number, source in enumerate(ADVICE):
        services.save_advice_request(
            review=review,
            by=senco,
            source=source,
            asked_on=today - timedelta(days=12),
            received_on=today - timedelta(days=4 - number) if number < 2 else None,
            today=today,
        )
