"""The statutory clocks of an EHC needs assessment request: every due date, and where each step stands.

One pure function, ``clocks_for(request, today=...)``, reads the dates recorded on a request (an
``EHCRequest`` or anything with the same attributes, such as the to-do list's ``EHCRequestFacts``) and
returns one ``Clock`` per statutory step, in the order the law sets them:

- ``decision``: whether to assess, within 6 weeks of the request (SEND Regulations 2014 reg. 5(1));
- ``advice``: the school's advice, within 6 weeks of the local authority asking (reg. 8(1));
- ``no_plan``: a decision not to issue a plan, by 16 weeks (reg. 10(1)). Shown as "whether to issue a
  plan": a draft plan issued answers it too;
- ``representations``: at least 15 days on the draft, beginning with the day it was served (reg. 13(1)),
  so the earliest day they can end is the draft's date + 14 days. A minimum, never overdue;
- ``final_plan``: the final plan within 20 weeks of the request (reg. 13(2)).

The figures are ``settings.EHC_CLOCKS``; the permitted exceptions (reg. 5(4), 8(2), 10(4), 13(3)) excuse
only the clocks ``settings.EHC_CLOCKS["exceptions"]`` lists for them. Views, the to-do list, the parent's
timeline, the SEN2 export and the governors' report all read the clocks from here, so they agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings

AGREED, REFUSED, PENDING, WITHDRAWN = "agreed", "refused", "pending", "withdrawn"

# States of a clock.
DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"
DUE = "due"
OVERDUE = "overdue"
NOT_NEEDED = "not_needed"
WAITING = "waiting"  # its step cannot happen until an earlier one has
OPEN = frozenset({DUE, OVERDUE})
DONE = frozenset({DONE_ON_TIME, DONE_LATE})

STATE_LABELS = {
    DONE_ON_TIME: "Done on time",
    DONE_LATE: "Done late",
    DUE: "Due",
    OVERDUE: "Overdue",
    NOT_NEEDED: "Not needed",
    WAITING: "Waiting for an earlier step",
}
# GOV.UK tag colours, so late and overdue steps stand out.
STATE_TAGS = {
    DONE_ON_TIME: "govuk-tag--green",
    DONE_LATE: "govuk-tag--orange",
    DUE: "govuk-tag--blue",
    OVERDUE: "govuk-tag--red",
    NOT_NEEDED: "govuk-tag--grey",
    WAITING: "govuk-tag--grey",
}


@dataclass(frozen=True)
class Clock:
    key: str
    title: str
    who: str  # "la" (the local authority's step) or "school"
    source: str
    due_on: date | None
    done_on: date | None
    state: str
    excepted: bool = False  # a permitted exception is recorded that excuses this clock
    minimum: bool = False  # a period that must run at least until ``due_on`` (representations)

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def tag_class(self) -> str:
        return STATE_TAGS[self.state]

    @property
    def is_open(self) -> bool:
        return self.state in OPEN

    @property
    def late(self) -> bool:
        return self.state in (DONE_LATE, OVERDUE)

    def days_left(self, today: date) -> int | None:
        return (self.due_on - today).days if self.due_on else None


def figures() -> dict[str, Any]:
    return settings.EHC_CLOCKS


def representations_end_earliest(draft_issued_on: date) -> date:
    """The first day representations on a draft may end: the period is at least N days *beginning with*
    the day the draft was served, so the draft's own day is day 1."""
    return draft_issued_on + timedelta(days=figures()["representation_days"] - 1)


def _state(due_on: date | None, done_on: date | None, today: date) -> str:
    if done_on is not None:
        return DONE_ON_TIME if due_on is None or done_on <= due_on else DONE_LATE
    if due_on is not None and today > due_on:
        return OVERDUE
    return DUE


def excuses(exception: str, key: str) -> bool:
    """Whether the permitted ``exception`` may excuse the clock ``key``."""
    return bool(exception) and key in figures()["exceptions"].get(exception, ())


def clocks_for(request: Any, *, today: date) -> list[Clock]:
    """Every clock of ``request``, in the law's order (see the module docstring)."""
    n = figures()
    requested = request.requested_on
    outcome = request.outcome
    decided = request.outcome_on if outcome in (AGREED, REFUSED) else None
    withdrawn = outcome == WITHDRAWN
    agreed = outcome == AGREED
    exception = getattr(request, "exception", "") or ""
    clocks: list[Clock] = []

    def add(key: str, title: str, who: str, source: str, due: date | None, done: date | None, state: str) -> None:
        clocks.append(
            Clock(key, title, who, source, due, done, state, excuses(exception, key), key == "representations")
        )

    decision_due = requested + timedelta(weeks=n["decision_weeks"])
    add(
        "decision",
        "Decision whether to assess",
        "la",
        "SEND Regulations 2014 reg. 5(1)",
        decision_due,
        decided,
        NOT_NEEDED if withdrawn and decided is None else _state(decision_due, decided, today),
    )

    ended = request.no_plan_on or request.final_issued_on  # the assessment has reached its end
    asked, sent = request.advice_requested_on, request.advice_sent_on
    advice_due = asked + timedelta(weeks=n["advice_weeks"]) if asked else None
    if asked:
        advice_state = NOT_NEEDED if withdrawn and sent is None else _state(advice_due, sent, today)
    else:
        advice_state = NOT_NEEDED if outcome in (REFUSED, WITHDRAWN) or ended else WAITING
    add("advice", "The school's advice", "school", "SEND Regulations 2014 reg. 8(1)", advice_due, sent, advice_state)

    no_plan_due = requested + timedelta(weeks=n["no_plan_weeks"])
    draft = request.draft_issued_on
    if request.no_plan_on:
        no_plan_state = _state(no_plan_due, request.no_plan_on, today)
    elif draft or request.final_issued_on or outcome in (REFUSED, WITHDRAWN):
        # A draft is the decision to issue: reg. 10(1) times only a decision *not* to, so none was needed.
        no_plan_state = NOT_NEEDED
    elif not agreed:
        no_plan_state = WAITING
    else:
        no_plan_state = _state(no_plan_due, None, today)
    title = "Decision whether to issue a plan"
    add("no_plan", title, "la", "SEND Regulations 2014 reg. 10(1)", no_plan_due, request.no_plan_on, no_plan_state)

    if draft:
        earliest = representations_end_earliest(draft)
        ended_on = request.representations_end_on
        reps_state = DONE_ON_TIME if ended_on else (NOT_NEEDED if withdrawn else DUE)
        add("representations", "Representations on the draft plan", "la", "reg. 13(1)", earliest, ended_on, reps_state)
    else:
        reps_state = NOT_NEEDED if outcome in (REFUSED, WITHDRAWN) or request.no_plan_on else WAITING
        add("representations", "Representations on the draft plan", "la", "reg. 13(1)", None, None, reps_state)

    final_due = requested + timedelta(weeks=n["final_plan_weeks"])
    final = request.final_issued_on
    if final:
        final_state = _state(final_due, final, today)
    elif outcome in (REFUSED, WITHDRAWN) or request.no_plan_on:
        final_state = NOT_NEEDED
    elif not agreed:
        final_state = WAITING
    else:
        final_state = _state(final_due, None, today)
    add("final_plan", "Final EHC plan", "la", "SEND Regulations 2014 reg. 13(2)", final_due, final, final_state)
    return clocks


def next_step(clocks: list[Clock], today: date) -> Clock | None:
    """The step to act on next: the first open clock in the law's order, passing over a representations
    period whose minimum has already run (the final plan is then what is awaited)."""
    for clock in clocks:
        if not clock.is_open:
            continue
        if clock.minimum and clock.due_on is not None and today > clock.due_on:
            continue
        return clock
    return None


def by_key(clocks: list[Clock]) -> dict[str, Clock]:
    return {clock.key: clock for clock in clocks}


def finished(request: Any) -> bool:
    """The request has reached its end: refused, withdrawn, no plan, or a final plan."""
    return request.outcome in (REFUSED, WITHDRAWN) or bool(request.no_plan_on or request.final_issued_on)


def within_twenty_weeks(request: Any) -> bool | None:
    """Whether the final plan was issued within the 20 weeks (None when no final plan was issued)."""
    if request.final_issued_on is None:
        return None
    return request.final_issued_on <= request.requested_on + timedelta(weeks=figures()["final_plan_weeks"])
