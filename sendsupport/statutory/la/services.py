"""Every write on the local authority's side of an EHC needs assessment request.

Keyword-only; one transaction each; "today" injectable. Each step is recorded once, in the law's order
(``STEPS``): a step out of order, twice, in the future or before the request is refused with a message
naming the field and the rule, and nothing is saved. A change goes into the request's history
(``_history_user``), which the audit log copies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sendsupport.core import dates
from sendsupport.core.dates import in_words
from sendsupport.statutory import clocks, services
from sendsupport.statutory.la import selectors
from sendsupport.statutory.models import ClockException, EHCAccess, EHCRequest


@dataclass(frozen=True)
class Step:
    key: str
    field: str  # the EHCRequest date field it sets
    title: str  # what the form asks for
    who: str  # "la" or "school"
    done: str  # the message once it is recorded


STEPS: dict[str, Step] = {
    step.key: step
    for step in (
        Step("decision", "outcome_on", "Record the decision whether to assess", "la", "The decision is recorded."),
        Step(
            "advice_requested",
            "advice_requested_on",
            "Record asking the school for its advice",
            "la",
            "The request for the school's advice is recorded: the school has 6 weeks.",
        ),
        Step("advice_sent", "advice_sent_on", "Record that the school sent its advice", "school", "Recorded."),
        Step("no_plan", "no_plan_on", "Record a decision not to issue a plan", "la", "The decision is recorded."),
        Step("draft", "draft_issued_on", "Record the draft plan issued", "la", "The draft plan is recorded."),
        Step(
            "representations",
            "representations_end_on",
            "Record the end of representations on the draft",
            "la",
            "The end of representations is recorded.",
        ),
        Step("final", "final_issued_on", "Record the final EHC plan issued", "la", "The final plan is recorded."),
    )
}


def _d(day: date) -> str:
    return in_words(day)


def _order_problem(row: EHCRequest, step: str, on: date) -> str:
    """Why ``step`` on ``on`` cannot be recorded now, or "" if it can."""
    if row.outcome == EHCRequest.Outcome.WITHDRAWN:
        return "The request was withdrawn: no further step can be recorded."
    if getattr(row, STEPS[step].field) is not None:
        return "This step is already recorded. Ask the school's SENCO to correct it if it is wrong."
    if step == "decision":
        return ""
    if row.outcome != EHCRequest.Outcome.AGREED:
        return "Record the decision to assess first: this step comes after it."
    if on < row.outcome_on:
        return f"The date cannot be before the decision to assess ({_d(row.outcome_on)})."
    if row.no_plan_on and step in ("advice_requested", "draft", "representations", "final"):
        return f"A decision not to issue a plan was recorded ({_d(row.no_plan_on)}): no plan follows it."
    if step == "advice_sent":
        if row.advice_requested_on is None:
            return "Record that the local authority asked for the school's advice first."
        if on < row.advice_requested_on:
            return f"The advice cannot be sent before it was asked for ({_d(row.advice_requested_on)})."
    if step == "no_plan" and row.draft_issued_on:
        return f"A draft plan was issued ({_d(row.draft_issued_on)}): record the final plan instead."
    if step == "representations":
        if row.draft_issued_on is None:
            return "Record the draft plan first: representations are on the draft."
        earliest = clocks.representations_end_earliest(row.draft_issued_on)
        if on < earliest:
            days = clocks.figures()["representation_days"]
            return (
                f"Parents have at least {days} days from the draft ({_d(row.draft_issued_on)}) for representations: "
                f"the earliest they can end is {_d(earliest)}."
            )
    if step == "final":
        if row.representations_end_on is None:
            return "Record the end of representations on the draft first."
        if on < row.representations_end_on:
            return f"The final plan cannot be before representations ended ({_d(row.representations_end_on)})."
    return ""


def can_record(row: EHCRequest, step: str, today: date) -> bool:
    """Whether ``step`` could be recorded today: the page offers only the steps that are next."""
    return not _order_problem(row, step, today)


@transaction.atomic
def record_step(
    *,
    ehc_request: EHCRequest,
    step: str,
    by: Any,
    on: date,
    outcome: str = "",
    today: date | None = None,
) -> EHCRequest:
    """Record one step of the request on ``on``. The final plan is also recorded as the pupil's EHC plan."""
    today = today or dates.today()
    row = EHCRequest.objects.select_for_update().get(pk=ehc_request.pk)
    errors: dict[str, str] = {}
    if step not in STEPS:
        raise ValidationError({"on": "There is no such step."})
    if step == "decision" and outcome not in (EHCRequest.Outcome.AGREED, EHCRequest.Outcome.REFUSED):
        errors["outcome"] = "Choose whether the local authority agreed to assess or refused."
    if on > today:
        errors["on"] = f"The date must be today ({_d(today)}) or in the past."
    elif on < row.requested_on:
        errors["on"] = f"The date cannot be before the request ({_d(row.requested_on)})."
    else:
        problem = _order_problem(row, step, on)
        if problem:
            errors["on"] = problem
    if errors:
        raise ValidationError(errors)
    if step == "decision":
        row.outcome = outcome
    setattr(row, STEPS[step].field, on)
    row._history_user = by
    row.save()
    if step == "final":
        # The EHC plan record: the "plans" work moves the register to E from here (census rules).
        services.save_plan(pupil=row.pupil, by=by, issued_on=on, today=today)
    return row


@transaction.atomic
def record_exception(*, ehc_request: EHCRequest, by: Any, exception: str, note: str) -> EHCRequest:
    """Record (or clear, with "") which permitted exception to the time limits applies, and what happened."""
    note = note.strip()
    errors: dict[str, str] = {}
    if exception and exception not in ClockException.values:
        errors["exception"] = "Choose one of the exceptions the regulations allow, or none."
    if exception and not note:
        errors["exception_note"] = "Say what happened and when: the exception needs a record of why it applies."
    if errors:
        raise ValidationError(errors)
    row = EHCRequest.objects.select_for_update().get(pk=ehc_request.pk)
    row.exception, row.exception_note = exception, note if exception else ""
    row._history_user = by
    row.save()
    return row


@transaction.atomic
def grant_access(*, ehc_request: EHCRequest, officer: Any, by: Any) -> EHCAccess:
    """Let one officer of the school's own local authority see this request (and only it)."""
    school = ehc_request.pupil.school
    if officer is None or not selectors.officers_for(school).filter(pk=officer.pk).exists():
        raise ValidationError({"officer": f"Choose an officer of {school.local_authority.name}."})
    if selectors.open_access(ehc_request).filter(user=officer).exists():
        raise ValidationError({"officer": f"{officer.get_full_name() or officer} can already see this request."})
    grant = EHCAccess(request=ehc_request, user=officer, granted_by=by)
    grant._history_user = by
    grant.save()
    return grant


@transaction.atomic
def revoke_access(*, access: EHCAccess, by: Any) -> EHCAccess:
    """End an officer's access: kept, with when and by whom, so the log still says who could see what."""
    access.revoked_at, access.revoked_by = timezone.now(), by
    access._history_user = by
    access.save()
    return access
