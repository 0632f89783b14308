"""The statutory clocks of EHC needs assessment requests on the SENCO's to-do list.

- ``ehc_school_advice``: the school's own duty. Once the local authority asks for the school's advice,
  the school has 6 weeks to give it (SEND Regulations 2014 reg. 8(1)): shown from a fortnight before it
  is due (``settings.EHC_CLOCKS["advice_notice_days"]``), and when it is overdue.
- ``ehc_la_step``: the local authority's steps (the decision whether to assess, the final plan) coming up within the same notice, or overdue. The duty is the authority's, not the school's,
  so it is shown as good practice: the SENCO knows what the parents are waiting for and can chase it.
  A permitted exception recorded for a clock stops it being shown as overdue.

The clocks themselves are ``statutory.clocks``, read from the request facts the loader already gathers
(no extra query).
"""

from __future__ import annotations

from datetime import date

from sendsupport.compliance.basis import Basis, register
from sendsupport.compliance.duties import Duty, Gap
from sendsupport.compliance.facts import PupilFacts
from sendsupport.core.dates import in_words
from sendsupport.statutory import clocks

SCHOOL_ADVICE = "ehc_school_advice"
LA_STEP = "ehc_la_step"
# The 16 weeks of reg. 10(1) time only a decision *not* to issue: past them with no draft, the school
# chases the final plan (20 weeks), not a refusal it does not want.
LA_STEPS = ("decision", "final_plan")


def _days(count: int) -> str:
    return f"{count} day{'' if count == 1 else 's'}"


def _open_clocks(facts: PupilFacts, today: date, keys: tuple[str, ...]) -> list[tuple[int | None, clocks.Clock]]:
    """(request id, clock) for each clock of ``keys`` that is overdue, or due within the notice."""
    notice = clocks.figures()["advice_notice_days"]
    found = []
    for request in facts.ehc_requests:
        for clock in clocks.clocks_for(request, today=today):
            if clock.key not in keys or not clock.is_open or clock.due_on is None:
                continue
            if clock.state == clocks.OVERDUE and clock.excepted:
                continue  # the law excuses it: nothing for the school to chase
            if clock.state == clocks.OVERDUE or (clock.due_on - today).days <= notice:
                found.append((request.id, clock))
    return found


def school_advice_due(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    gaps = []
    for request_id, clock in _open_clocks(facts, today, ("advice",)):
        late = (today - clock.due_on).days
        if late > 0:
            message = (
                f"The school's advice for the EHC needs assessment was due by {in_words(clock.due_on)}: "
                f"{_days(late)} overdue. Send it to the local authority and record the date."
            )
        else:
            left = (clock.due_on - today).days
            when = "today" if left == 0 else f"in {_days(left)}"
            message = (
                f"The school's advice for the EHC needs assessment is due by {in_words(clock.due_on)} ({when}): "
                "send it to the local authority and record the date."
            )
        gaps.append(
            Gap(
                SCHOOL_ADVICE,
                facts.pupil_id,
                message,
                urgency=1,
                days_overdue=max(late, 0),
                fix="ehc_clocks",
                fix_id=request_id,
            )
        )
    return gaps


def la_step_due(facts: PupilFacts, today: date, figures: dict) -> list[Gap]:
    gaps = []
    for request_id, clock in _open_clocks(facts, today, LA_STEPS):
        late = (today - clock.due_on).days
        what = clock.title[0].lower() + clock.title[1:]
        if late > 0:
            message = (
                f"The local authority's {what} was due by {in_words(clock.due_on)} ({_days(late)} ago): ask the "
                "authority when it will come, and keep the parents informed."
            )
        else:
            message = f"The local authority's {what} is due by {in_words(clock.due_on)}."
        gaps.append(
            Gap(
                LA_STEP,
                facts.pupil_id,
                message,
                urgency=4 if late > 0 else 6,
                days_overdue=max(late, 0),
                fix="ehc_clocks",
                fix_id=request_id,
            )
        )
    return gaps


EHC_CLOCK_DUTIES = [
    Duty(
        SCHOOL_ADVICE, "School's advice for an EHC needs assessment", "SEND Regulations 2014 reg. 8", school_advice_due
    ),
    Duty(LA_STEP, "Local authority's EHC step due or overdue", "SEND Regulations 2014 reg. 5, 13", la_step_due),
]
register(SCHOOL_ADVICE, Basis.STATUTE, "SEND Regulations 2014 reg. 8(1)")
# The authority's duty, not the school's: shown so the SENCO can chase it, never claimed as the school's breach.
register(LA_STEP, Basis.GOOD_PRACTICE, "SEND Regulations 2014 reg. 5(1), 13(2) (the local authority's)")
