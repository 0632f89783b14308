"""Each statutory duty in DOMAIN.md as a pure function from a pupil's facts to the gaps it finds.

A gap says what is wrong in plain English, how urgent it is, and where it is fixed. The engine
runs every duty for every pupil on the register and sorts the gaps, most urgent first. Every
figure a duty uses comes from ``figures`` (the school's policy rows, with national defaults):
see ``compliance.figures``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sendsupport.compliance.facts import PupilFacts
from sendsupport.core.dates import in_words
from sendsupport.schools.terms import expected_meetings

SEN_SUPPORT = "K"
EHC_PLAN = "E"
ON_REGISTER = frozenset({SEN_SUPPORT, EHC_PLAN})
# Review next steps (support.choices.NextStep) whose follow-up the engine can see.
NEXT_STEP_SPECIALIST = "specialist"
NEXT_STEP_EHC_REQUEST = "ehc_request"
# EHC request outcomes (statutory.models.EHCRequest.Outcome) that stop the EHC prompt.
REQUEST_OPEN = frozenset({"pending", "agreed"})
REQUEST_REFUSED = "refused"


@dataclass(frozen=True)
class Gap:
    duty: str  # a code from DUTIES
    pupil_id: int
    message: str
    urgency: int  # lower is more urgent; the duty's rank
    days_overdue: int = 0
    fix: str = ""  # which place fixes it: a key the view turns into a link
    fix_id: int | None = None  # the record the link is for, where the key needs one (a provision)


@dataclass(frozen=True)
class Duty:
    code: str
    title: str
    source: str
    check: Callable[[PupilFacts, date, dict], list[Gap]]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def compulsory_school_age_ends(date_of_birth: date) -> date:
    """The last Friday in June of the school year in which the pupil turns 16 (Education Act 1996 s.8)."""
    sixteenth = _add_months(date_of_birth, 16 * 12)
    june_year = sixteenth.year if sixteenth.month < 9 else sixteenth.year + 1
    last = date(june_year, 6, 30)
    return last - timedelta(days=(last.weekday() - 4) % 7)


def over_compulsory_school_age(facts: PupilFacts, today: date) -> bool:
    return facts.date_of_birth is not None and today > compulsory_school_age_ends(facts.date_of_birth)


def _latest(*days: date | None) -> date | None:
    known = [day for day in days if day is not None]
    return max(known) if known else None


# --- SEN support: CFA 2014 s.68 and Code of Practice chapter 6 ---------------------------------


def parent_not_notified(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    if facts.provision != SEN_SUPPORT or facts.notified_on is not None:
        return []
    # A pupil who arrived on SEN support is counted from the day they joined, not the old school's start.
    since = _latest(facts.support_started_on, facts.joined_on)
    days = max((today - since).days, 0) if since else 0
    who = "The young person has" if over_compulsory_school_age(facts, today) else "Parents have"
    return [
        Gap(
            "parent_not_notified",
            facts.pupil_id,
            f"{who} not been told that SEN support started" + (f" ({days} days ago)." if days > 0 else "."),
            urgency=1,
            days_overdue=days,
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
            f"The review was due on {in_words(facts.plan_review_date)}: {_plural(days, 'day')} overdue.",
            urgency=2,
            days_overdue=days,
            fix="review",
        )
    ]


def review_too_far_ahead(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    """Good practice is to review at least termly: a review date further ahead than the school's figure."""
    if facts.plan_id is None or facts.plan_reviewed or facts.plan_review_date is None or not facts.plan_started_on:
        return []
    weeks = figures["max_review_weeks"]
    if facts.plan_review_date - facts.plan_started_on <= timedelta(weeks=weeks):
        return []
    return [
        Gap(
            "review_interval",
            facts.pupil_id,
            f"The plan's review date ({in_words(facts.plan_review_date)}) is more than {weeks} weeks after the plan "
            "began: review at least once a term.",
            urgency=6,
            fix="plan",
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


def _ehc_request_settled(facts: PupilFacts, today: date, figures: dict) -> bool:
    """An EHC needs assessment was requested and is pending or agreed, or was refused recently."""
    for request in facts.ehc_requests:
        if request.outcome in REQUEST_OPEN:
            return True
        if request.outcome == REQUEST_REFUSED:
            decided = request.outcome_on or request.requested_on
            if today - decided <= timedelta(weeks=figures["ehc_refusal_weeks"]):
                return True
    return False


def _progress_short_after_advice(facts: PupilFacts) -> bool:
    """The latest review found less than expected progress in a plan that began after specialist advice
    arrived: the advice was received and could be acted on, and progress is still short (CoP 6.63)."""
    if not facts.reviews or facts.reviews[-1].expected_progress is not False:
        return False
    review = facts.reviews[-1]
    began = review.plan_started_on or review.held_on
    return any(
        s.consented and s.advice_received_on is not None and s.advice_received_on <= began for s in facts.specialists
    )


def consider_ehc_assessment(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    """CoP 6.63: consider an EHC needs assessment. Specialist involvement is not a precondition."""
    if facts.provision != SEN_SUPPORT or _ehc_request_settled(facts, today, figures):
        return []
    if facts.severe_or_complex:
        reason = "You have judged this pupil's needs severe or complex"
    elif _progress_short_after_advice(facts):
        reason = "Specialist advice was received and acted on, and progress is still less than expected"
    else:
        return []
    return [
        Gap(
            "consider_ehc",
            facts.pupil_id,
            f"{reason}: consider requesting an EHC needs assessment, with the parents' knowledge.",
            urgency=3,
            fix="ehc_request",
        )
    ]


def involve_specialists(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    """CoP 6.58-6.59, counting only involvements with the parents' consent that have not ended."""
    if facts.provision != SEN_SUPPORT:
        return []
    if any(s.consented and not s.ended for s in facts.specialists):
        return []
    run = _recent_less_than_expected(facts)
    if run >= figures["reviews_before_specialist"]:
        reason = f"{run} reviews in a row found less than expected progress"
    elif facts.well_below:
        reason = "The latest assessment found attainment well below age-related expectations"
    else:
        return []
    return [
        Gap(
            "involve_specialists",
            facts.pupil_id,
            f"{reason} and no specialist is involved: involve specialists, with the parents.",
            urgency=4,
            fix="specialists",
        )
    ]


def too_few_parent_meetings(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    """CoP 6.65, pro rata: about one meeting a term elapsed since the pupil was measured."""
    if facts.provision not in ON_REGISTER:
        return []
    year_start = date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    count_from = _latest(year_start, facts.register_started_on, facts.joined_on) or year_start
    due = expected_meetings(
        per_year=figures["parent_meetings_per_year"], terms=figures["terms"], count_from=count_from, today=today
    )
    held = sum(1 for day in facts.meeting_dates if day >= year_start)
    if held >= due:
        return []
    return [
        Gap(
            "parent_meetings",
            facts.pupil_id,
            f"{_plural(held, 'meeting')} with parents this school year; {due} expected by now (about one a term).",
            urgency=5,
            fix="meetings",
        )
    ]


def meeting_record_not_shared(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    """CoP 6.71: the record of what was agreed is given to the parents, within the school's figure."""
    limit = figures["meeting_record_days"]
    late = [day for day in facts.unshared_meetings if (today - day).days > limit]
    if not late:
        return []
    oldest = min(late)
    return [
        Gap(
            "meeting_record",
            facts.pupil_id,
            f"The record of the meeting on {in_words(oldest)}"
            + (f" and {_plural(len(late) - 1, 'other')}" if len(late) > 1 else "")
            + f" has not been given to the parents ({limit} days allowed).",
            urgency=5,
            days_overdue=(today - oldest).days - limit,
            fix="meetings_list",
        )
    ]


def plan_not_agreed(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    """CoP 6.48: the plan is agreed in consultation with the parents, within a grace period."""
    if facts.provision != SEN_SUPPORT:
        return []
    if facts.plan_agreed and facts.plan_consulted_on is not None:
        return []
    since = _latest(facts.assessed_on, facts.support_started_on, facts.joined_on)
    grace = figures["plan_grace_days"]
    if since is not None and (today - since).days <= grace:
        return []
    if facts.plan_id is None:
        message = "There is no SEN support plan for the current cycle."
    elif not facts.plan_agreed:
        message = "The SEN support plan is still a draft: agree it with the parents and the pupil."
    else:
        message = (
            "The plan is agreed but no consultation with the parents is recorded: record when they were consulted."
        )
    days = max((today - since).days - grace, 0) if since else 0
    return [Gap("plan_not_agreed", facts.pupil_id, message, urgency=6, days_overdue=days, fix="plan")]


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
            f"The last review ({in_words(last.held_on)}) has no record of the {' or the '.join(missing)} views, "
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


def next_step_not_followed(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    """A review decided to involve a specialist or request an EHC needs assessment, and nothing since."""
    if facts.provision not in ON_REGISTER or not facts.reviews:
        return []
    last = facts.reviews[-1]
    days = (today - last.held_on).days - figures["follow_up_days"]
    if days <= 0:
        return []
    if last.next_step == NEXT_STEP_SPECIALIST and not any(s.referral_date >= last.held_on for s in facts.specialists):
        what, fix = "involve a specialist, but no referral is recorded since", "specialists"
    elif last.next_step == NEXT_STEP_EHC_REQUEST and not any(
        r.requested_on >= last.held_on for r in facts.ehc_requests
    ):
        what, fix = "request an EHC needs assessment, but no request is recorded since", "ehc_request"
    else:
        return []
    return [
        Gap(
            "follow_up",
            facts.pupil_id,
            f"The review on {in_words(last.held_on)} decided to {what}.",
            urgency=4,
            days_overdue=days,
            fix=fix,
        )
    ]


# --- EHC plans: CFA 2014 s.44 and SEND Regulations 2014 reg. 18 and 20 --------------------------


def ehc_plan_missing(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    """On the register with an EHC plan, but no plan recorded: its statutory dates cannot be checked."""
    if facts.provision != EHC_PLAN or facts.ehc_plan is not None:
        return []
    return [
        Gap(
            "ehc_plan_missing",
            facts.pupil_id,
            "The pupil has an EHC plan but its dates are not recorded: record when it was issued and its "
            "annual reviews, so the to-do list can check them.",
            urgency=3,
            fix="ehc_plan",
        )
    ]


def _held_reviews(facts: PupilFacts) -> list:
    return [r for r in facts.ehc_plan.annual_reviews if r.held] if facts.ehc_plan else []


def annual_review_due(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    """s.44: review the plan within 12 months of issue and of each review. Prompt once the meeting can no
    longer be given its notice in time without one booked, and when it is overdue."""
    plan = facts.ehc_plan
    if facts.provision != EHC_PLAN or plan is None:
        return []
    last = max([plan.issued_on, *(r.meeting_on for r in _held_reviews(facts))])
    due = _add_months(last, figures["annual_review_months"])
    booked = any(not r.held and r.meeting_on >= last for r in plan.annual_reviews)
    overdue = (today - due).days
    if overdue > 0:
        message = f"The EHC plan's annual review was due by {in_words(due)}: {_plural(overdue, 'day')} overdue."
    elif not booked and (due - today).days <= 2 * figures["annual_review_notice_days"]:
        message = (
            f"The EHC plan's annual review is due by {in_words(due)} and no meeting is booked: invite everyone "
            f"at least {figures['annual_review_notice_days']} days ahead."
        )
    else:
        return []
    return [Gap("annual_review_due", facts.pupil_id, message, urgency=2, days_overdue=max(overdue, 0), fix="ehc_plan")]


def phase_transfer_deadline(transfer_on: date, to_post16: bool, figures: dict) -> date:
    month, day = figures["post16_transfer_deadline" if to_post16 else "phase_transfer_deadline"]
    return date(transfer_on.year, month, day)


def phase_transfer_review(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    """reg. 18: the review before a move between phases is done in time for the LA to amend the plan by
    15 February of the year of transfer (31 March from secondary school to post-16)."""
    plan = facts.ehc_plan
    if facts.provision != EHC_PLAN or plan is None or plan.next_transfer_on is None:
        return []
    deadline = phase_transfer_deadline(plan.next_transfer_on, plan.next_transfer_to_post16, figures)
    window_opens = date(deadline.year - 1, 9, 1)  # the review in the school year before the move
    if today < window_opens or today > plan.next_transfer_on:
        return []
    if any(window_opens <= r.meeting_on <= deadline for r in _held_reviews(facts)):
        return []
    days = (today - deadline).days
    return [
        Gap(
            "phase_transfer_review",
            facts.pupil_id,
            f"The pupil moves phase on {in_words(plan.next_transfer_on)}: the review must be held in time for the "
            f"local authority to amend the plan by {in_words(deadline)}"
            + (f" ({_plural(days, 'day')} overdue)." if days > 0 else "."),
            urgency=2,
            days_overdue=max(days, 0),
            fix="ehc_plan",
        )
    ]


def annual_review_notice(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    """reg. 20: invitations at least 2 weeks before the meeting, and the advice circulated 2 weeks before."""
    plan = facts.ehc_plan
    if facts.provision != EHC_PLAN or plan is None:
        return []
    notice = timedelta(days=figures["annual_review_notice_days"])
    problems = []
    for review in plan.annual_reviews:
        if review.held:
            continue
        latest_send = review.meeting_on - notice
        for sent, what in ((review.invitations_sent_on, "invitations"), (review.advice_circulated_on, "advice")):
            if sent is None and today >= latest_send:
                problems.append(f"the {what} for the meeting on {in_words(review.meeting_on)} have not been sent")
            elif sent is not None and sent > latest_send:
                problems.append(f"the {what} for the meeting on {in_words(review.meeting_on)} went out late")
    if not problems:
        return []
    return [
        Gap(
            "annual_review_notice",
            facts.pupil_id,
            f"At least {notice.days} days' notice is required: {'; '.join(problems)}. Send them, or move the meeting.",
            urgency=3,
            fix="ehc_plan",
        )
    ]


DUTIES: list[Duty] = [
    Duty("parent_not_notified", "Parents not told SEN support started", "CFA 2014 s.68; CoP 6.43", parent_not_notified),
    Duty("annual_review_due", "EHC plan annual review due", "CFA 2014 s.44", annual_review_due),
    Duty("phase_transfer_review", "Phase transfer review due", "SEND Regulations 2014 reg. 18", phase_transfer_review),
    Duty(
        "annual_review_notice", "Annual review notice and advice", "SEND Regulations 2014 reg. 20", annual_review_notice
    ),
    Duty("ehc_plan_missing", "EHC plan dates not recorded", "CFA 2014 s.44", ehc_plan_missing),
    Duty("review_overdue", "Review overdue", "CoP 6.54", review_overdue),
    Duty("consider_ehc", "Consider an EHC needs assessment", "CoP 6.63", consider_ehc_assessment),
    Duty("involve_specialists", "Involve specialists", "CoP 6.58-6.59", involve_specialists),
    Duty("follow_up", "Next step of a review not taken", "CoP 6.54-6.56", next_step_not_followed),
    Duty("parent_meetings", "Fewer meetings with parents than expected", "CoP 6.65", too_few_parent_meetings),
    Duty("meeting_record", "Meeting record not given to parents", "CoP 6.71", meeting_record_not_shared),
    Duty("plan_not_agreed", "Plan not agreed with parents", "CoP 6.48", plan_not_agreed),
    Duty("review_interval", "Review date too far ahead", "CoP 6.54", review_too_far_ahead),
    Duty("outcomes_not_smart", "Outcomes fail the SMART check", "Good practice (CoP 9.66; 6.48)", outcomes_not_smart),
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
