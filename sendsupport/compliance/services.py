"""Recording in bulk what happened before the school used sendsupport (after a CTF or CSV import).

A school that imports its history starts with every pupil "parents not told" and "plan not
agreed", although the paper file shows otherwise. The SENCO picks pupils from the to-do list and
records, with a date and a note saying where the evidence is, that the parents were told, plans
were agreed or meetings held. Each becomes a real record, flagged ``before_sendsupport`` and
saved with its history, so the audit log shows it in each pupil's record. All or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sendsupport.core.dates import in_words
from sendsupport.meetings.models import Meeting
from sendsupport.pupils.models import Pupil
from sendsupport.schools.models import School
from sendsupport.support.choices import CycleStatus, NotificationMethod, PlanStatus
from sendsupport.support.models import Cycle, ParentNotification, Plan
from sendsupport.support.selectors import support_started_on

PARENTS_TOLD = "parents_told"
PLAN_AGREED = "plan_agreed"
MEETING_HELD = "meeting_held"
KINDS = (PARENTS_TOLD, PLAN_AGREED, MEETING_HELD)
PREFIX = "Recorded afterwards, from before the school used sendsupport: "

Errors = dict[str, list[str]]


@dataclass(frozen=True)
class BulkResult:
    what: str
    pupils: list[Pupil]


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _pupils(user: Any, school: School, pupil_ids: list[int], errors: Errors, today: date) -> list[Pupil]:
    ids = sorted(set(pupil_ids))
    if not ids:
        _add(errors, "pupils", "Choose at least one pupil.")
        return []
    pupils = list(
        Pupil.objects.visible_to(user)
        .on_roll(today)
        .filter(school=school, pk__in=ids)
        .prefetch_related("contact_links__contact")
        .order_by("legal_last_name", "legal_first_name", "pk")
    )
    if len(pupils) != len(ids):
        _add(errors, "pupils", "Choose pupils on roll at this school.")
    return pupils


def _check_each(what: str, pupils: list[Pupil], on: date, errors: Errors) -> None:
    """Problems that belong to one pupil, each named, so the SENCO can untick that pupil."""
    for pupil in pupils:
        if what == PARENTS_TOLD:
            started = support_started_on(pupil)
            if started is None:
                _add(errors, "pupils", f"{pupil.display_name} is not on SEN support, so there was nothing to tell.")
            elif on < started:
                _add(
                    errors,
                    "on",
                    f"{pupil.display_name}'s SEN support started on {in_words(started)}: "
                    "the parents cannot have been told about it before then.",
                )
        if what == PLAN_AGREED:
            open_cycle = Cycle.objects.filter(pupil=pupil, status=CycleStatus.OPEN).first()
            if open_cycle is not None and Plan.objects.filter(cycle=open_cycle).exists():
                _add(
                    errors,
                    "pupils",
                    f"{pupil.display_name} already has a plan in sendsupport: agree it on the plan page instead.",
                )
            elif open_cycle is not None and on < open_cycle.opened_on:
                _add(
                    errors,
                    "on",
                    f"{pupil.display_name}'s current cycle started on {in_words(open_cycle.opened_on)}: "
                    "give a date on or after it.",
                )
            last = Cycle.objects.filter(pupil=pupil).order_by("-number").first()
            if open_cycle is None and last is not None and last.closed_on and on < last.closed_on:
                _add(
                    errors,
                    "on",
                    f"{pupil.display_name}'s cycle {last.number} closed on {in_words(last.closed_on)}: "
                    "give a date on or after it.",
                )
        if what == MEETING_HELD and not [link for link in pupil.contact_links.all() if link.parental_responsibility]:
            _add(errors, "pupils", f"{pupil.display_name} has no parent or carer recorded to have met.")


def _parents_told(pupil: Pupil, *, by: Any, on: date, method: str, note: str) -> None:
    notification = ParentNotification(
        pupil=pupil,
        cycle=None,
        notified_on=on,
        method=method,
        notified_by=by,
        notes=PREFIX + note,
        before_sendsupport=True,
    )
    notification._history_user = by
    notification.save()


def _plan_agreed(pupil: Pupil, *, by: Any, on: date, review_date: date, note: str) -> None:
    cycle = Cycle.objects.filter(pupil=pupil, status=CycleStatus.OPEN).first()
    if cycle is None:
        last = Cycle.objects.filter(pupil=pupil).order_by("-number").first()
        cycle = Cycle(pupil=pupil, number=(last.number + 1) if last else 1, opened_on=on, opened_by=by, previous=last)
        cycle._history_user = by
        cycle.save()
    plan = Plan(
        cycle=cycle,
        pupil=pupil,
        support=PREFIX + note,
        review_date=review_date,
        status=PlanStatus.AGREED,
        created_on=on,
        created_by=by,
        agreed_on=on,
        agreed_by=by,
        # Agreed with the parents (CoP 6.48): the paper file is the record of their agreement.
        parent_agreed_on=on,
        before_sendsupport=True,
    )
    plan._history_user = by
    plan.save()


def _meeting_held(pupil: Pupil, *, by: Any, on: date, note: str) -> None:
    meeting = Meeting(
        pupil=pupil,
        held_on=on,
        kind=Meeting.Kind.OTHER,
        discussed=PREFIX + note,
        agreed="See the school's records from before sendsupport.",
        recorded_by=by,
        before_sendsupport=True,
    )
    meeting._history_user = by
    meeting.save()
    meeting.parents_attended.set([link.contact for link in pupil.contact_links.all() if link.parental_responsibility])


@transaction.atomic
def record_before_sendsupport(
    *,
    user: Any,
    school: School,
    pupil_ids: list[int],
    what: str,
    on: date | None,
    note: str,
    today: date,
    method: str = "",
    review_date: date | None = None,
) -> BulkResult:
    """Record ``what`` for every chosen pupil, or nothing (a ValidationError naming each problem)."""
    errors: Errors = {}
    if what not in KINDS:
        _add(errors, "what", "Choose what happened.")
    if on is None:
        _add(errors, "on", "Enter the date it happened.")
    elif on > today:
        _add(errors, "on", "The date must be today or in the past: this records what has already happened.")
    note = (note or "").strip()
    if not note:
        _add(errors, "note", "Enter a note saying where the evidence is.")
    if what == PARENTS_TOLD and method not in NotificationMethod.values:
        _add(errors, "method", "Choose how the parents were told.")
    if what == PLAN_AGREED:
        if review_date is None:
            _add(errors, "review_date", "Enter the date the plan is to be reviewed.")
        elif on is not None and review_date <= on:
            _add(errors, "review_date", "The review date must be after the date the plan was agreed.")
    pupils = _pupils(user, school, pupil_ids, errors, today)
    if errors:
        raise ValidationError(errors)
    _check_each(what, pupils, on, errors)
    if errors:
        raise ValidationError(errors)
    for pupil in pupils:
        if what == PARENTS_TOLD:
            _parents_told(pupil, by=user, on=on, method=method, note=note)
        elif what == PLAN_AGREED:
            _plan_agreed(pupil, by=user, on=on, review_date=review_date, note=note)
        else:
            _meeting_held(pupil, by=user, on=on, note=note)
    return BulkResult(what=what, pupils=pupils)

