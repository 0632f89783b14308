"""Every write to EHC records. Keyword-only; one transaction each; "today" injectable."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from sendsupport.core import dates
from sendsupport.pupils.models import Pupil
from sendsupport.statutory.models import AnnualReview, EHCPlan, EHCRequest


def _not_future(errors: dict[str, str], values: dict[str, tuple[date | None, str]], today: date) -> None:
    for name, (value, label) in values.items():
        if value is not None and value > today and name not in errors:
            errors[name] = f"{label} must be today ({today:%d/%m/%Y}) or in the past."


def _save(row: models.Model, by: Any, errors: dict[str, str]) -> Any:
    try:
        row.full_clean(exclude=["pupil", "plan", "recorded_by"])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, messages[0])
    if errors:
        raise ValidationError(errors)
    row._history_user = by
    row.save()
    return row


@transaction.atomic
def save_request(
    *,
    pupil: Pupil,
    by: Any,
    requested_on: date,
    requested_by: str,
    outcome: str = EHCRequest.Outcome.PENDING,
    outcome_on: date | None = None,
    notes: str = "",
    request: EHCRequest | None = None,
    today: date | None = None,
) -> EHCRequest:
    """Record a request for an EHC needs assessment (CFA 2014 s.36), or change one and its decision."""
    today = today or dates.today()
    row = request or EHCRequest(pupil=pupil, recorded_by=by)
    row.requested_on, row.requested_by, row.outcome, row.outcome_on = requested_on, requested_by, outcome, outcome_on
    row.notes = notes.strip()
    errors: dict[str, str] = {}
    _not_future(
        errors,
        {"requested_on": (requested_on, "The date of the request"), "outcome_on": (outcome_on, "The decision date")},
        today,
    )
    return _save(row, by, errors)


@transaction.atomic
def save_plan(
    *,
    pupil: Pupil,
    by: Any,
    issued_on: date,
    next_transfer_on: date | None = None,
    next_transfer_to_post16: bool = False,
    ceased_on: date | None = None,
    plan: EHCPlan | None = None,
    today: date | None = None,
) -> EHCPlan:
    """Record the dates of an EHC plan the local authority issued, or change them."""
    today = today or dates.today()
    row = plan or EHCPlan(pupil=pupil, recorded_by=by)
    row.issued_on, row.next_transfer_on, row.ceased_on = issued_on, next_transfer_on, ceased_on
    row.next_transfer_to_post16 = next_transfer_to_post16
    errors: dict[str, str] = {}
    _not_future(
        errors,
        {"issued_on": (issued_on, "The date the plan was issued"), "ceased_on": (ceased_on, "The date it ceased")},
        today,
    )
    if next_transfer_to_post16 and next_transfer_on is None:
        errors["next_transfer_on"] = "Enter the date of the move to post-16, or untick the box."
    return _save(row, by, errors)


@transaction.atomic
def save_annual_review(
    *,
    plan: EHCPlan,
    by: Any,
    meeting_on: date,
    invitations_sent_on: date | None = None,
    advice_circulated_on: date | None = None,
    held: bool = False,
    review: AnnualReview | None = None,
    today: date | None = None,
) -> AnnualReview:
    """Book or record an annual review meeting, with when the invitations and advice went out (reg. 20)."""
    today = today or dates.today()
    row = review or AnnualReview(plan=plan, pupil_id=plan.pupil_id, recorded_by=by)
    row.meeting_on, row.held = meeting_on, held
    row.invitations_sent_on, row.advice_circulated_on = invitations_sent_on, advice_circulated_on
    errors: dict[str, str] = {}
    _not_future(
        errors,
        {
            "invitations_sent_on": (invitations_sent_on, "The date the invitations were sent"),
            "advice_circulated_on": (advice_circulated_on, "The date the advice was sent"),
        },
        today,
    )
    if held and meeting_on > today:
        errors["held"] = "A meeting in the future cannot have been held yet: untick the box, or correct the date."
    return _save(row, by, errors)
