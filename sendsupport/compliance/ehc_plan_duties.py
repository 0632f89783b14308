"""Duties of an annual review beyond its notice (``duties.annual_review_notice``), SEND Regulations
2014 reg. 20:

- the advice asked for must be in by the time it is circulated, at least 2 weeks before the meeting
  (the school's ``annual_review_notice_days``): advice still awaited by then is a gap;
- after the meeting the school sends its report to the local authority within 2 weeks
  (``annual_review_report_days``, a setting: DOMAIN.md marks the figure "verify").

The facts come with the plan's annual reviews in ``loader._ehc_records`` (the same query), so the
to-do list's query count does not change.
"""

from __future__ import annotations

from datetime import date, timedelta

from sendsupport.compliance.basis import Basis, register
from sendsupport.compliance.duties import EHC_PLAN, Duty, Gap
from sendsupport.compliance.facts import PupilFacts
from sendsupport.core.dates import in_words

ADVICE_NOT_IN = "annual_review_advice"
REPORT_NOT_SENT = "annual_review_report"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def advice_not_in(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    """Advice asked for a meeting still to come, not received by the day it must be circulated."""
    plan = facts.ehc_plan
    if facts.provision != EHC_PLAN or plan is None:
        return []
    notice = timedelta(days=figures["annual_review_notice_days"])
    gaps = []
    for review in plan.annual_reviews:
        due = review.meeting_on - notice
        if review.held or review.advice_waiting == 0 or today < due:
            continue
        days = (today - due).days
        gaps.append(
            Gap(
                ADVICE_NOT_IN,
                facts.pupil_id,
                f"{_plural(review.advice_waiting, 'piece')} of advice for the annual review on "
                f"{in_words(review.meeting_on)} {'has' if review.advice_waiting == 1 else 'have'} not come in: it "
                f"should have been in by {in_words(due)}, {notice.days} days before the meeting. Chase it, or move "
                "the meeting.",
                urgency=3,
                days_overdue=days,
                fix="ehc_plan",
            )
        )
    return gaps


def report_not_sent(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    """The latest review held, with no report sent to the local authority: due soon, or overdue."""
    plan = facts.ehc_plan
    if facts.provision != EHC_PLAN or plan is None:
        return []
    held = [review for review in plan.annual_reviews if review.held]
    if not held or held[-1].report_sent_on is not None:
        return []  # only the latest review: an older one's report is overtaken by the next review
    review = held[-1]
    due = review.meeting_on + timedelta(days=figures["annual_review_report_days"])
    days = (today - due).days
    when = f"{_plural(days, 'day')} overdue" if days > 0 else f"due by {in_words(due)}"
    return [
        Gap(
            REPORT_NOT_SENT,
            facts.pupil_id,
            f"The report of the annual review on {in_words(review.meeting_on)} has not been sent to the local "
            f"authority ({when}): write it and record when it is sent.",
            urgency=2 if days > 0 else 4,
            days_overdue=max(days, 0),
            fix="ehc_plan",
        )
    ]


EHC_PLAN_DUTIES = [
    Duty(ADVICE_NOT_IN, "Annual review advice not in", "SEND Regulations 2014 reg. 20", advice_not_in),
    Duty(REPORT_NOT_SENT, "Annual review report not sent", "SEND Regulations 2014 reg. 20", report_not_sent),
]
register(ADVICE_NOT_IN, Basis.STATUTE, "SEND Regulations 2014 reg. 20")
register(REPORT_NOT_SENT, Basis.STATUTE, "SEND Regulations 2014 reg. 20 (the 2 weeks: verify)")
