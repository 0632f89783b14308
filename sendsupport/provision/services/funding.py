"""Every write of costs and funding: hourly costs, extra costs on a provision, the school's yearly
funding allocations, a pupil's element 3 top-ups, and a provision's end-of-provision review.

Keyword-only; one transaction each; each row is saved with its history user, so the audit log
records who changed what (``sendsupport.audit.signals``). Callers check ``provision.view_costs``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from sendsupport.core import dates
from sendsupport.core.dates import in_words
from sendsupport.provision.choices import PAID_ROLES, DelivererRole, Recurrence, TopUpStatus
from sendsupport.provision.costing import pence_in_words
from sendsupport.provision.models import (
    ExtraCost,
    FundingAllocation,
    Provision,
    StaffMemberCost,
    StaffRoleCost,
    TopUp,
)
from sendsupport.provision.selectors_funding import role_words
from sendsupport.pupils.models import Pupil
from sendsupport.schools.models import School
from sendsupport.schools.selectors import staff_users

# No pupil's extra support costs anything near this a year: a figure above it is a typing slip.
MOST_PENCE = 100_000_000  # £1,000,000


def _save(row: models.Model, by: Any, errors: dict[str, str], exclude: list[str]) -> Any:
    try:
        row.full_clean(exclude=exclude)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, messages[0])
    if errors:
        raise ValidationError(errors)
    row._history_user = by
    row.save()
    return row


def _money(errors: dict[str, str], name: str, pence: int, what: str, *, positive: bool = False) -> None:
    if pence < 0:
        errors[name] = f"{what} cannot be negative."
    elif positive and pence == 0:
        errors[name] = f"{what} must be more than £0.00."
    elif pence > MOST_PENCE:
        errors[name] = f"{what} must be {pence_in_words(MOST_PENCE)} or less."


@transaction.atomic
def set_role_cost(*, school: School, by: Any, role: str, hourly_pence: int) -> StaffRoleCost:
    """What an hour of ``role`` costs the school. Zero is refused for a paid role: it would make the
    provision look free."""
    if role not in DelivererRole.values:
        raise ValidationError({"role": "Choose a role from the list."})
    errors: dict[str, str] = {}
    _money(
        errors, "hourly_pence", hourly_pence, f"The hourly cost of a {role_words(role)}", positive=role in PAID_ROLES
    )
    row = StaffRoleCost.objects.select_for_update().filter(school=school, role=role).first()
    row = row or StaffRoleCost(school=school, role=role)
    row.hourly_pence = hourly_pence
    return _save(row, by, errors, exclude=["school"])


@transaction.atomic
def set_staff_cost(*, school: School, by: Any, user: Any, hourly_pence: int) -> StaffMemberCost:
    """A named person's hourly cost, used instead of their role's for the provisions they deliver."""
    errors: dict[str, str] = {}
    if user is None or not staff_users(school).filter(pk=user.pk).exists():
        errors["user"] = "Choose a member of staff who works with pupils at the school."
    _money(errors, "hourly_pence", hourly_pence, "The hourly cost", positive=True)
    if errors:
        raise ValidationError(errors)
    row = StaffMemberCost.objects.select_for_update().filter(school=school, user=user).first()
    row = row or StaffMemberCost(school=school, user=user)
    row.hourly_pence = hourly_pence
    return _save(row, by, errors, exclude=["school", "user"])


@transaction.atomic
def remove_staff_cost(*, cost: StaffMemberCost, by: Any) -> None:
    """Back to the role's hourly cost for this person."""
    cost._history_user = by
    cost.delete()


@transaction.atomic
def add_extra_cost(
    *, provision: Provision, by: Any, description: str, amount_pence: int, recurrence: str, on_date: date
) -> ExtraCost:
    """A cost beside staff time: once on ``on_date``, or every teaching week from it."""
    errors: dict[str, str] = {}
    description = description.strip()
    if not description:
        errors["description"] = "Say what the cost is for."
    _money(errors, "amount_pence", amount_pence, "The amount")
    if recurrence not in Recurrence.values:
        errors["recurrence"] = "Choose how often it is paid."
    if on_date and not provision.runs_on(on_date):
        ends = f" to {in_words(provision.ends_on)}" if provision.ends_on else ""
        errors["on_date"] = f"The date must be within the provision's dates ({in_words(provision.starts_on)}{ends})."
    row = ExtraCost(
        provision=provision,
        description=description,
        amount_pence=max(amount_pence, 0),
        recurrence=recurrence,
        on_date=on_date,
    )
    return _save(row, by, errors, exclude=["provision"])


@transaction.atomic
def remove_extra_cost(*, extra: ExtraCost, by: Any) -> None:
    extra._history_user = by
    extra.delete()


@transaction.atomic
def save_allocation(
    *,
    school: School,
    by: Any,
    start_year: int,
    notional_sen_pence: int,
    imf_pence: int,
    allocation: FundingAllocation | None = None,
) -> FundingAllocation:
    """The notional SEN budget and the Inclusive Mainstream Fund allocation for one academic year."""
    errors: dict[str, str] = {}
    if not 2000 <= start_year <= 2100:
        errors["start_year"] = "Enter the year the academic year starts in, for example 2026."
    _money(errors, "notional_sen_pence", notional_sen_pence, "The notional SEN budget")
    _money(errors, "imf_pence", imf_pence, "The Inclusive Mainstream Fund allocation")
    taken = FundingAllocation.objects.filter(school=school, start_year=start_year)
    if allocation is not None:
        taken = taken.exclude(pk=allocation.pk)
    if "start_year" not in errors and taken.exists():
        errors["start_year"] = f"The figures for {start_year} to {start_year + 1} are already recorded: change those."
    row = allocation or FundingAllocation(school=school)
    row.start_year = start_year
    row.notional_sen_pence, row.imf_pence = max(notional_sen_pence, 0), max(imf_pence, 0)
    return _save(row, by, errors, exclude=["school"])


@transaction.atomic
def save_top_up(
    *,
    pupil: Pupil,
    by: Any,
    start_year: int,
    amount_pence: int,
    status: str,
    requested_on: date,
    source: str,
    decided_on: date | None = None,
    note: str = "",
    top_up: TopUp | None = None,
    today: date | None = None,
) -> TopUp:
    """Element 3 top-up for a pupil: asked of the local authority, then agreed or refused."""
    today = today or dates.today()
    errors: dict[str, str] = {}
    if not 2000 <= start_year <= 2100:
        errors["start_year"] = "Enter the year the academic year starts in, for example 2026."
    _money(errors, "amount_pence", amount_pence, "The amount")
    if status not in TopUpStatus.values:
        errors["status"] = "Choose whether it is requested, agreed or refused."
    for name, value, label in (
        ("requested_on", requested_on, "The date requested"),
        ("decided_on", decided_on, "The date decided"),
    ):
        if value is not None and value > today:
            errors[name] = f"{label} must be today ({in_words(today)}) or in the past."
    if not source.strip():
        errors["source"] = "Say where the money comes from, for example the local authority's high needs block."
    row = top_up or TopUp(pupil=pupil, recorded_by=by)
    row.start_year, row.amount_pence, row.status = start_year, max(amount_pence, 0), status
    row.requested_on, row.decided_on = requested_on, decided_on
    row.source, row.note = source.strip(), note.strip()
    return _save(row, by, errors, exclude=["pupil", "recorded_by"])


@transaction.atomic
def record_review(
    *, provision: Provision, by: Any, reviewed_on: date, review_note: str, today: date | None = None
) -> Provision:
    """That the provision has been reviewed (at its end, or along the way), and what was found."""
    today = today or dates.today()
    errors: dict[str, str] = {}
    if reviewed_on > today:
        errors["reviewed_on"] = f"The date of the review must be today ({in_words(today)}) or in the past."
    elif reviewed_on < provision.starts_on:
        errors["reviewed_on"] = (
            f"The date of the review must be on or after the start ({in_words(provision.starts_on)})."
        )
    if not review_note.strip():
        errors["review_note"] = "Say what the review found: did it help, and what happens next."
    provision.reviewed_on, provision.review_note = reviewed_on, review_note.strip()
    return _save(provision, by, errors, exclude=["school", "intervention", "created_by", "carried_from"])
