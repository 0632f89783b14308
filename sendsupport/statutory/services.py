"""Every write to EHC records. Keyword-only; one transaction each; "today" injectable."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from sendsupport.core import dates
from sendsupport.pupils.codes import Provision as SENProvision
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.selectors import current_needs, current_provision
from sendsupport.pupils.services import change_sen_status
from sendsupport.statutory.models import (
    AdviceRequest,
    AnnualReview,
    EHCPlan,
    EHCRequest,
    OutcomeProgress,
    PlanEntry,
)

# Where the SENCO can send a pupil whose plan has ceased: back to SEN support, or off the register.
AFTER_CEASE = (SENProvision.SEN_SUPPORT, SENProvision.NONE)


def _not_future(errors: dict[str, str], values: dict[str, tuple[date | None, str]], today: date) -> None:
    for name, (value, label) in values.items():
        if value is not None and value > today and name not in errors:
            errors[name] = f"{label} must be today ({today:%d/%m/%Y}) or in the past."


def _save(
    row: models.Model, by: Any, errors: dict[str, str], exclude: tuple[str, ...] = ("pupil", "plan", "recorded_by")
) -> Any:
    """Validate ``row`` (the model's rules added to ``errors``), then save it with its history's author."""
    try:
        row.full_clean(exclude=list(exclude))
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, messages[0])
    if errors:
        raise ValidationError(errors)
    row._history_user = by
    row.save()
    return row


# The steps after the decision whether to assess (recorded on the request's clocks page).
LATER_STEPS = (
    "advice_requested_on",
    "advice_sent_on",
    "no_plan_on",
    "draft_issued_on",
    "representations_end_on",
    "final_issued_on",
)


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
    errors: dict[str, str] = {}
    later = [name for name in LATER_STEPS if getattr(row, name) is not None]
    if later and (outcome, outcome_on, requested_on) != (row.outcome, row.outcome_on, row.requested_on):
        # The clocks and the steps after the decision hang on these dates: change them on the
        # request's own page, step by step, not here behind the steps' backs.
        errors["outcome"] = (
            "The local authority's later steps are recorded for this request, so its date and decision "
            "cannot be changed here. Open the request's clocks and next steps instead."
        )
    row.requested_on, row.requested_by, row.outcome, row.outcome_on = requested_on, requested_by, outcome, outcome_on
    row.notes = notes.strip()
    _not_future(
        errors,
        {"requested_on": (requested_on, "The date of the request"), "outcome_on": (outcome_on, "The decision date")},
        today,
    )
    return _save(row, by, errors)


def _move_register(*, pupil: Pupil, by: Any, provision: str, start_date: date, reason: str, today: date) -> None:
    """Change the pupil's SEN status through the census rules, carrying the ranked needs over (none
    when leaving the register). A refusal names the rule, on the date field that caused the move."""
    needs = [] if provision == SENProvision.NONE else [(n.need_type, n.rank) for n in current_needs(pupil)]
    try:
        change_sen_status(
            pupil=pupil, provision=provision, needs=needs, start_date=start_date, reason=reason, by=by, today=today
        )
    except ValidationError as error:
        rules_broken = "; ".join(message for messages in error.message_dict.values() for message in messages)
        label = SENProvision(provision).label
        raise ValidationError(
            f"The SEN register cannot move to {label} ({provision}), so nothing was saved: {rules_broken} "
            "Correct the pupil's needs on their SEN record first."
        ) from error


@transaction.atomic
def save_plan(
    *,
    pupil: Pupil,
    by: Any,
    issued_on: date,
    next_transfer_on: date | None = None,
    next_transfer_to_post16: bool = False,
    ceased_on: date | None = None,
    after_cease: str = "",
    plan: EHCPlan | None = None,
    today: date | None = None,
) -> EHCPlan:
    """Record an EHC plan the local authority issued (or change its dates), and keep the SEN register in
    step through the census rules, in the same transaction:

    - a plan in force moves a pupil who is not already E to E from the issue date, their ranked needs
      carried over;
    - a plan ceasing moves the pupil to ``after_cease`` (K or N), which the SENCO chooses: the law
      does not say which, so we never guess.

    If the census rules refuse the move, nothing is saved and the message says why."""
    today = today or dates.today()
    was_ceased = plan.ceased_on if plan is not None else None
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
    status = current_provision(pupil)
    # Only the end of the plan in force moves the register (not a past plan recorded after the fact).
    other_in_force = EHCPlan.objects.filter(pupil=pupil, ceased_on__isnull=True).exclude(pk=row.pk).exists()
    ceasing = ceased_on is not None and was_ceased is None and status == SENProvision.EHC_PLAN and not other_in_force
    if ceasing and after_cease not in AFTER_CEASE:
        errors["after_cease"] = "Choose whether the pupil goes back to SEN support or leaves the SEN register."
    saved = _save(row, by, errors)
    if ceasing:
        _move_register(
            pupil=pupil,
            by=by,
            provision=after_cease,
            start_date=ceased_on,
            reason=f"EHC plan issued on {dates.in_words(issued_on)} ceased on {dates.in_words(ceased_on)}",
            today=today,
        )
    elif ceased_on is None and status != SENProvision.EHC_PLAN:
        _move_register(
            pupil=pupil,
            by=by,
            provision=SENProvision.EHC_PLAN,
            start_date=issued_on,
            reason=f"EHC plan issued by the local authority on {dates.in_words(issued_on)}",
            today=today,
        )
    return saved


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


@transaction.atomic
def save_plan_entry(
    *,
    plan: EHCPlan,
    by: Any,
    section: str,
    text: str,
    provision: Any = None,
    entry: PlanEntry | None = None,
) -> PlanEntry:
    """Add or change one line of the plan's needs, outcomes or provision. A line of provision may be
    linked to one of the pupil's provisions on the map (the caller offers only those)."""
    row = entry or PlanEntry(plan=plan, pupil_id=plan.pupil_id, recorded_by=by)
    row.section, row.text = section, text.strip()
    row.provision = provision if section == PlanEntry.Section.PROVISION else None
    errors: dict[str, str] = {}
    if provision is not None and not provision.members.filter(pupil_id=plan.pupil_id).exists():
        errors["provision"] = "Choose one of the pupil's own provisions on the provision map."
    return _save(row, by, errors)


@transaction.atomic
def delete_plan_entry(*, entry: PlanEntry, by: Any) -> None:
    """Remove a line from the plan (history keeps what it said and who removed it)."""
    entry._history_user = by
    entry.delete()


@transaction.atomic
def save_advice_request(
    *,
    review: AnnualReview,
    by: Any,
    source: str,
    asked_on: date,
    received_on: date | None = None,
    advice: AdviceRequest | None = None,
    today: date | None = None,
) -> AdviceRequest:
    """Record advice asked for before an annual review, and when it came in (reg. 20)."""
    today = today or dates.today()
    row = advice or AdviceRequest(review=review, pupil_id=review.pupil_id, recorded_by=by)
    row.source, row.asked_on, row.received_on = source, asked_on, received_on
    errors: dict[str, str] = {}
    _not_future(
        errors,
        {
            "asked_on": (asked_on, "The date the advice was asked for"),
            "received_on": (received_on, "The date the advice was received"),
        },
        today,
    )
    return _save(row, by, errors, exclude=("review", "pupil", "recorded_by"))


@transaction.atomic
def save_review_report(
    *,
    review: AnnualReview,
    by: Any,
    pupil_views: str,
    parent_views: str,
    recommendation: str,
    progress: dict[int, str],
    report_sent_on: date | None = None,
    today: date | None = None,
) -> AnnualReview:
    """The school's report after the annual review meeting: the views, progress towards each of the plan's
    outcomes (``progress`` maps an outcome line's id to the text), the recommendation, and the date it was
    sent to the local authority. Only a meeting that has been held has a report."""
    today = today or dates.today()
    errors: dict[str, str] = {}
    if not review.held:
        errors["recommendation"] = "Record that the meeting has been held before writing its report."
    if recommendation not in AnnualReview.Recommendation.values:
        errors.setdefault("recommendation", "Choose whether to keep the plan as it is, amend it or cease it.")
    _not_future(errors, {"report_sent_on": (report_sent_on, "The date the report was sent")}, today)
    outcomes = {e.pk: e for e in review.plan.entries.filter(section=PlanEntry.Section.OUTCOMES)}
    unknown = set(progress) - set(outcomes)
    if unknown:
        errors["recommendation"] = "Progress was given for an outcome that is not in this plan."
    review.pupil_views, review.parent_views = pupil_views.strip(), parent_views.strip()
    review.recommendation, review.report_sent_on = recommendation, report_sent_on
    _save(review, by, errors)
    existing = {p.outcome_id: p for p in review.outcome_progress.all()}
    for outcome_id, text in progress.items():
        row = existing.get(outcome_id) or OutcomeProgress(
            review=review, outcome=outcomes[outcome_id], pupil_id=review.pupil_id
        )
        if row.pk is None or row.progress != text.strip():
            row.progress = text.strip()
            row._history_user = by
            row.save()
    return review
