"""Each statutory duty in DOMAIN.md as a pure function from a pupil's facts to the gaps it finds.

A gap says what is wrong in plain English, how urgent it is, and where it is fixed. The engine
runs every duty for every pupil on the register and sorts the gaps, most urgent first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sendsupport.compliance.facts import PupilFacts
from sendsupport.core.dates import academic_start_year, academic_year_end

SEN_SUPPORT = "K"


@dataclass(frozen=True)
class Gap:
    duty: str  # a code from DUTIES
    pupil_id: int
    message: str
    urgency: int  # lower is more urgent; the duty's rank
    days_overdue: int = 0
    fix: str = ""  # which place fixes it: a key the view turns into a link


@dataclass(frozen=True)
class Duty:
    code: str
    title: str
    source: str
    check: Callable[[PupilFacts, date, dict], list[Gap]]


def _academic_year_end(today: date) -> date:
    return academic_year_end(academic_start_year(today))


def parent_not_notified(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    if facts.provision != SEN_SUPPORT or facts.notified_on is not None:
        return []
    days = (today - facts.support_started_on).days if facts.support_started_on else 0
    return [
        Gap(
            "parent_not_notified",
            facts.pupil_id,
            "Parents have not been told that SEN support started" + (f" ({days} days ago)." if days > 0 else "."),
            urgency=1,
            days_overdue=max(days, 0),
            fix="notification",
        )
    ]


def review_overdue(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    if not facts.plan_agreed or facts.plan_reviewed or facts.plan_review_date is None:
        return []
    days = (today - facts.plan_review_date).days
    if days <= 0:
        return []
    return [
        Gap(
            "review_overdue",
            facts.pupil_id,
            f"The review was due on {facts.plan_review_date:%d/%m/%Y}: {days} day{'s' if days != 1 else ''} overdue.",
            urgency=2,
            days_overdue=days,
            fix="review",
        )
    ]


def _recent_less_than_expected(facts: PupilFacts) -> int:
    """How many of the latest reviews in a row judged less than expected progress."""
    run = 0
    for review in reversed(facts.reviews):
        if review.expected_progress is False:
            run += 1
        else:
            break
    return run


def consider_ehc_assessment(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    if facts.provision != SEN_SUPPORT or facts.specialist_since is None:
        return []
    after_specialist = [r for r in facts.reviews if r.held_on >= facts.specialist_since]
    if after_specialist and after_specialist[-1].expected_progress is False:
        return [
            Gap(
                "consider_ehc",
                facts.pupil_id,
                "Specialists are involved and progress is still less than expected: "
                "consider requesting an EHC needs assessment, with the parents.",
                urgency=3,
                fix="review",
            )
        ]
    return []


def involve_specialists(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    if facts.provision != SEN_SUPPORT or facts.specialist_since is not None:
        return []
    run = _recent_less_than_expected(facts)
    if run >= figures.get("REVIEWS_BEFORE_SPECIALIST", 2):
        return [
            Gap(
                "involve_specialists",
                facts.pupil_id,
                f"{run} reviews in a row found less than expected progress and no specialist is involved: "
                "involve specialists, with the parents.",
                urgency=4,
                fix="specialists",
            )
        ]
    return []


def too_few_parent_meetings(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    needed = figures["PARENT_MEETINGS_PER_YEAR"]
    if facts.provision != SEN_SUPPORT or facts.meetings_this_year >= needed:
        return []
    to_hold = needed - facts.meetings_this_year
    weeks_left = max((_academic_year_end(today) - today).days // 7, 0)
    return [
        Gap(
            "parent_meetings",
            facts.pupil_id,
            f"{facts.meetings_this_year} of {needed} meetings with parents held this school year; "
            f"{to_hold} still to hold before 31 August ({weeks_left} weeks left).",
            urgency=5,
            fix="meetings",
        )
    ]


def plan_not_agreed(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    if facts.provision != SEN_SUPPORT or facts.plan_agreed:
        return []
    if facts.plan_id is None:
        message = "There is no SEN support plan for the current cycle."
    else:
        message = "The SEN support plan is still a draft: agree it with the parents and the pupil."
    return [Gap("plan_not_agreed", facts.pupil_id, message, urgency=6, fix="plan")]


def outcomes_not_smart(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    if facts.smart_problems == 0:
        return []
    count = facts.smart_problems
    return [
        Gap(
            "outcomes_not_smart",
            facts.pupil_id,
            f"{count} outcome{'s' if count != 1 else ''} in the plan fail{'s' if count == 1 else ''} the SMART check.",
            urgency=7,
            fix="plan",
        )
    ]


def views_missing(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    if not facts.reviews:
        return []
    last = facts.reviews[-1]
    missing = [
        who
        for who, present in (("pupil's", last.pupil_views_recorded), ("parents'", last.parent_views_recorded))
        if not present
    ]
    if not missing:
        return []
    return [
        Gap(
            "views_missing",
            facts.pupil_id,
            f"The last review ({last.held_on:%d/%m/%Y}) has no record of the {' or the '.join(missing)} views, "
            "or why they are missing.",
            urgency=8,
            fix="review",
        )
    ]


def profile_not_acknowledged(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    if not facts.staff_to_acknowledge:
        return []
    names = ", ".join(facts.staff_to_acknowledge)
    return [
        Gap(
            "profile_unread",
            facts.pupil_id,
            f"Not yet read the current pupil passport: {names}.",
            urgency=9,
            fix="passport",
        )
    ]


DUTIES: list[Duty] = [
    Duty("parent_not_notified", "Parents not told SEN support started", "CFA 2014 s.68; CoP 6.43", parent_not_notified),
    Duty("review_overdue", "Review overdue", "CoP 6.54", review_overdue),
    Duty("consider_ehc", "Consider an EHC needs assessment", "CoP 6.63", consider_ehc_assessment),
    Duty("involve_specialists", "Involve specialists", "CoP 6.58", involve_specialists),
    Duty("parent_meetings", "Fewer than three meetings with parents", "CoP 6.65", too_few_parent_meetings),
    Duty("plan_not_agreed", "Plan not agreed", "CoP 6.48", plan_not_agreed),
    Duty("outcomes_not_smart", "Outcomes fail the SMART check", "CoP 6.40", outcomes_not_smart),
    Duty("views_missing", "Pupil or parent views missing", "CoP 6.45, 6.54", views_missing),
    Duty("profile_unread", "Staff have not read the pupil passport", "CoP 6.48", profile_not_acknowledged),
]
DUTY_TITLES = {duty.code: duty.title for duty in DUTIES}


def gaps_for(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    gaps: list[Gap] = []
    for duty in DUTIES:
        gaps.extend(duty.check(facts, today, figures))
    return gaps


def sort_gaps(gaps: list[Gap]) -> list[Gap]:
    """Most urgent first: by the duty's rank, then the longest overdue."""
    return sorted(gaps, key=lambda gap: (gap.urgency, -gap.days_overdue, gap.pupil_id))
