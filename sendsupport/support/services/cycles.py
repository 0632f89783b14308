"""Raising a concern, starting a cycle (pre-filled from the last one) and closing it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction

from sendsupport.core.dates import in_words
from sendsupport.pupils.models import Pupil
from sendsupport.support.choices import CycleStatus
from sendsupport.support.models import Concern, Cycle
from sendsupport.support.services._common import (
    Errors,
    add,
    clean_errors,
    ensure_open,
    not_in_future,
    raise_if,
    save,
    today_or,
    works_at,
)


@transaction.atomic
def raise_concern(
    *,
    pupil: Pupil,
    by: Any,
    noticed: str,
    since: date,
    tried: str = "",
    raised_on: date | None = None,
    today: date | None = None,
) -> Concern:
    """Record a member of staff's concern about a pupil, for the SENCO to take up into a cycle."""
    today = today_or(today)
    concern = Concern(
        pupil=pupil,
        raised_by=by,
        raised_on=raised_on or today,
        noticed=noticed.strip(),
        since=since,
        tried=tried.strip(),
    )
    errors: Errors = clean_errors(concern, exclude=["cycle"])
    not_in_future(errors, "raised_on", concern.raised_on, today)
    if since and since < pupil.date_of_birth:
        add(errors, "since", "The date cannot be before the pupil's date of birth.")
    raise_if(errors)
    return save(concern, by)


@transaction.atomic
def start_cycle(
    *,
    pupil: Pupil,
    by: Any,
    opened_on: date,
    class_teacher: Any | None = None,
    concerns: Sequence[Concern] = (),
    today: date | None = None,
) -> Cycle:
    """Open the pupil's next cycle, numbered after the last, taking up the given open concerns.

    The class teacher carries over from the last cycle unless another is named. What the last
    review found pre-fills the new assessment and plan (see ``selectors.assessment_initial`` and
    ``services.plans.create_plan``).
    """
    today = today_or(today)
    errors: Errors = {}
    cycles = Cycle.objects.select_for_update().filter(pupil=pupil).order_by("-number")
    last = cycles.first()
    if last is not None and last.is_open:
        add(errors, "cycle", f"Cycle {last.number} is still open: review or close it before starting another.")
    not_in_future(errors, "opened_on", opened_on, today)
    if last is not None and last.closed_on and opened_on < last.closed_on:
        add(
            errors,
            "opened_on",
            f"The new cycle cannot start before cycle {last.number} closed ({in_words(last.closed_on)}).",
        )
    if opened_on < pupil.on_roll_from:
        add(errors, "opened_on", f"The cycle cannot start before the pupil joined ({in_words(pupil.on_roll_from)}).")
    if class_teacher is None and last is not None:
        class_teacher = last.class_teacher
    if class_teacher is not None and not works_at(class_teacher, pupil.school_id):
        add(errors, "class_teacher", "Choose a member of staff at this pupil's school.")
    for concern in concerns:
        if concern.pupil_id != pupil.pk:
            add(errors, "concerns", "Choose concerns raised about this pupil.")
        elif concern.cycle_id is not None:
            add(errors, "concerns", f"The concern raised on {in_words(concern.raised_on)} is already in a cycle.")
    raise_if(errors)

    cycle = Cycle(
        pupil=pupil,
        number=(last.number + 1) if last else 1,
        opened_on=opened_on,
        opened_by=by,
        class_teacher=class_teacher,
        previous=last,
    )
    save(cycle, by)
    for concern in concerns:
        concern.cycle = cycle
        save(concern, by)
    return cycle


def close(cycle: Cycle, *, by: Any, on: date, reason: str) -> Cycle:
    """Close without checks; for services that have already checked (assessment, review)."""
    cycle.status = CycleStatus.CLOSED
    cycle.closed_on = on
    cycle.closed_by = by
    cycle.closed_reason = reason
    return save(cycle, by)


@transaction.atomic
def close_cycle(*, cycle: Cycle, by: Any, closed_on: date, reason: str, today: date | None = None) -> Cycle:
    """Close a cycle early (for example when the pupil leaves). After this it is read-only."""
    today = today_or(today)
    ensure_open(cycle)
    errors: Errors = {}
    not_in_future(errors, "closed_on", closed_on, today)
    if closed_on < cycle.opened_on:
        add(errors, "closed_on", f"A cycle cannot close before it started ({in_words(cycle.opened_on)}).")
    if not reason.strip():
        add(errors, "reason", "Say why the cycle is closing.")
    raise_if(errors)
    return close(cycle, by=by, on=closed_on, reason=reason.strip())
