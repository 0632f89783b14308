"""Registering a delivered session: its date and length, or that it did not take place and why, and
each member's attendance. All or nothing: a session with one bad line saves nothing.

Keyword-only; one transaction each; "today" injectable. Attendance rows have no history of their
own, so each member's attendance is written to the audit log here, under the pupil.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sendsupport.audit.models import AuditEvent
from sendsupport.audit.services import record_change
from sendsupport.core import dates
from sendsupport.core.dates import in_words
from sendsupport.provision.choices import Attendance
from sendsupport.provision.models import DeliveredSession, Provision, SessionAttendance
from sendsupport.provision.selectors_sessions import members_on
from sendsupport.pupils.models import Pupil


def _attendance_errors(
    provision: Provision, held_on: date, cancelled: bool, attendance: dict[int, str]
) -> dict[str, str]:
    """What is wrong with ``attendance`` (pupil id → present or absent) for a session on ``held_on``."""
    members = {pupil.pk: pupil for pupil in members_on(provision, held_on)}
    if not members:
        return {"held_on": f"No pupil was a member of {provision.name} on {in_words(held_on)}: choose another date."}
    if cancelled:
        if attendance:
            return {"attendance": "A session that did not take place records no attendance."}
        return {}
    strangers = [pupil_id for pupil_id in attendance if pupil_id not in members]
    if strangers:
        # Only pupils of this school are named: an id from elsewhere reveals nothing.
        full = {p.pk: p.display_name for p in Pupil.objects.filter(pk__in=strangers, school_id=provision.school_id)}
        who = ", ".join(full.get(pupil_id, f"pupil {pupil_id}") for pupil_id in strangers)
        return {
            "attendance": f"{who} {'was' if len(strangers) == 1 else 'were'} not a member of {provision.name} "
            f"on {in_words(held_on)}, so cannot have attended."
        }
    errors: dict[str, str] = {}
    for pupil_id, pupil in members.items():
        status = attendance.get(pupil_id)
        if status is None:
            errors[f"attendance_{pupil_id}"] = f"Say whether {pupil.display_name} was present or absent."
        elif status not in Attendance.values:
            errors[f"attendance_{pupil_id}"] = f"Choose present or absent for {pupil.display_name}."
    return errors


def _audit(session: DeliveredSession, by: Any, created: bool, before: dict[int, str]) -> None:
    action = AuditEvent.Action.CREATED if created else AuditEvent.Action.CHANGED
    school_id = session.provision.school_id
    rows = list(session.attendance.select_related("pupil"))
    what = f"{session.provision.name} on {in_words(session.held_on)}"
    if not rows:
        record_change(
            user=by,
            school_id=school_id,
            pupil_id=None,
            action=action,
            object_type="delivered session",
            object_id=str(session.pk),
            summary=f"{'Registered' if created else 'Corrected'} a session that did not take place: {what}",
            changes=[
                {"field": "cancelled_reason", "before": None, "after": session.cancelled_reason},
            ],
        )
    for row in rows:
        record_change(
            user=by,
            school_id=school_id,
            pupil_id=row.pupil_id,
            action=action,
            object_type="session attendance",
            object_id=str(session.pk),
            summary=f"{row.get_status_display()} at {what}",
            changes=[{"field": "status", "before": before.get(row.pupil_id), "after": row.status}],
        )
    for pupil_id, status in before.items():
        if pupil_id not in {row.pupil_id for row in rows}:
            record_change(
                user=by,
                school_id=school_id,
                pupil_id=pupil_id,
                action=AuditEvent.Action.DELETED,
                object_type="session attendance",
                object_id=str(session.pk),
                summary=f"Attendance removed from {what}",
                changes=[{"field": "status", "before": status, "after": None}],
            )


@transaction.atomic
def register_session(
    *,
    provision: Provision,
    by: Any,
    held_on: date | None,
    minutes: int | None,
    attendance: dict[int, str],
    cancelled: bool = False,
    cancelled_reason: str = "",
    note: str = "",
    session: DeliveredSession | None = None,
    today: date | None = None,
) -> DeliveredSession:
    """Register a session of ``provision`` (or correct ``session``), with ``attendance``: pupil id →
    present or absent, for every pupil who was a member on ``held_on``. A session that did not take
    place has a reason and no attendance. Callers check ``provision.register_sessions`` (and, to
    correct a session, ``selectors_sessions.may_correct``)."""
    today = today or dates.today()
    row = session or DeliveredSession(provision=provision, recorded_by=by)
    before = dict(row.attendance.values_list("pupil_id", "status")) if row.pk else {}
    row.held_on, row.minutes, row.cancelled = held_on, minutes, cancelled
    row.cancelled_reason = cancelled_reason.strip() if cancelled else ""
    row.note = note.strip()
    errors: dict[str, str] = {}
    if held_on is None:
        errors["held_on"] = "Enter the date of the session."
    elif held_on > today:
        errors["held_on"] = f"The date must be today ({in_words(today)}) or in the past: register a session once held."
    if minutes is None:
        errors["minutes"] = "Enter how many minutes the session lasted."
    try:
        row.full_clean(exclude=["provision", "recorded_by"])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, messages[0])
    if "held_on" not in errors and held_on is not None:
        errors = {**_attendance_errors(provision, held_on, cancelled, attendance), **errors}
    if errors:
        raise ValidationError(errors)
    created = row.pk is None
    row._history_user = by
    row.save()
    row.attendance.all().delete()
    if not cancelled:
        SessionAttendance.objects.bulk_create(
            SessionAttendance(session=row, pupil_id=pupil_id, status=status) for pupil_id, status in attendance.items()
        )
    _audit(row, by, created, before)
    return row
