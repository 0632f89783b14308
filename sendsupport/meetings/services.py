"""Every write to meetings with parents. Keyword-only; one transaction each; "today" injectable."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from sendsupport.core import dates
from sendsupport.core.dates import in_words
from sendsupport.core.versioning import expect_version
from sendsupport.meetings.models import DeclinedMeeting, Meeting, MeetingCorrection
from sendsupport.meetings.selectors import parent_choices, staff_choices
from sendsupport.pupils.models import Contact, Pupil


def _check(
    *,
    pupil: Pupil,
    held_on: date | None,
    kind: str,
    discussed: str,
    agreed: str,
    parents_attended: Sequence[Contact],
    staff_attendees: Sequence[Any],
    today: date,
) -> None:
    errors: dict[str, str] = {}
    if held_on is None:
        errors["held_on"] = "Enter the date of the meeting."
    elif held_on > today:
        errors["held_on"] = (
            f"The date of the meeting must be today ({in_words(today)}) or in the past: "
            "record a meeting once it has been held."
        )
    if kind not in Meeting.Kind.values:
        errors["kind"] = "Choose the type of meeting."
    if not (discussed or "").strip():
        errors["discussed"] = "Say what was discussed."
    if not (agreed or "").strip():
        errors["agreed"] = "Say what was agreed, or that nothing was agreed."
    own_parents = set(parent_choices(pupil).values_list("pk", flat=True))
    if any(contact.pk not in own_parents for contact in parents_attended):
        errors["parents_attended"] = f"Choose only parents or carers of {pupil.display_name}."
    staff_ids = set(staff_choices(pupil).values_list("pk", flat=True))
    if any(user.pk not in staff_ids for user in staff_attendees):
        errors["staff_attendees"] = f"Choose only staff who work at {pupil.school.name}."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_meeting(
    *,
    pupil: Pupil,
    by: Any,
    held_on: date,
    kind: str,
    discussed: str,
    agreed: str,
    actions: str = "",
    other_attendees: str = "",
    parents_attended: Sequence[Contact] = (),
    staff_attendees: Sequence[Any] = (),
    today: date | None = None,
) -> Meeting:
    """Record a meeting that has been held. It stays private to staff until it is shared."""
    today = today or dates.today()
    _check(
        pupil=pupil,
        held_on=held_on,
        kind=kind,
        discussed=discussed,
        agreed=agreed,
        parents_attended=parents_attended,
        staff_attendees=staff_attendees,
        today=today,
    )
    meeting = Meeting(
        pupil=pupil,
        held_on=held_on,
        kind=kind,
        discussed=discussed.strip(),
        agreed=agreed.strip(),
        actions=actions.strip(),
        other_attendees=other_attendees.strip(),
        recorded_by=by,
    )
    meeting._history_user = by
    meeting.full_clean()
    meeting.save()
    meeting.parents_attended.set(parents_attended)
    meeting.staff_attendees.set(staff_attendees)
    return meeting


@transaction.atomic
def update_meeting(
    *,
    meeting: Meeting,
    by: Any,
    held_on: date,
    kind: str,
    discussed: str,
    agreed: str,
    actions: str = "",
    other_attendees: str = "",
    parents_attended: Sequence[Contact] = (),
    staff_attendees: Sequence[Any] = (),
    version: int | None = None,
    today: date | None = None,
) -> Meeting:
    """Change a record that has not been shared yet. A shared record takes corrections instead.
    ``version`` is the version the edit form was drawn from: a newer save since is not overwritten."""
    today = today or dates.today()
    meeting = Meeting.objects.select_for_update().select_related("pupil", "pupil__school").get(pk=meeting.pk)
    expect_version(meeting, version)
    if meeting.is_shared:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: f"This record was shared with the parents on {in_words(meeting.shared_with_parents_on)}, "
                "so it cannot be changed. Add a correction instead."
            }
        )
    _check(
        pupil=meeting.pupil,
        held_on=held_on,
        kind=kind,
        discussed=discussed,
        agreed=agreed,
        parents_attended=parents_attended,
        staff_attendees=staff_attendees,
        today=today,
    )
    meeting.held_on = held_on
    meeting.kind = kind
    meeting.discussed = discussed.strip()
    meeting.agreed = agreed.strip()
    meeting.actions = actions.strip()
    meeting.other_attendees = other_attendees.strip()
    meeting._history_user = by
    meeting.full_clean()
    meeting.save()
    meeting.parents_attended.set(parents_attended)
    meeting.staff_attendees.set(staff_attendees)
    return meeting


@transaction.atomic
def share_with_parents(*, meeting: Meeting, by: Any, today: date | None = None) -> Meeting:
    """Let the parents read the record in their own view. Done once; the record is then fixed."""
    today = today or dates.today()
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_shared:
        raise ValidationError(
            {NON_FIELD_ERRORS: f"This record was already shared on {in_words(meeting.shared_with_parents_on)}."}
        )
    meeting.shared_with_parents_on = max(today, meeting.held_on)
    meeting.shared_by = by
    meeting._history_user = by
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def add_correction(
    *, meeting: Meeting, by: Any, part: str, correction: str, reason: str, today: date | None = None
) -> MeetingCorrection:
    """Add a dated correction to a shared record; the original wording is kept."""
    today = today or dates.today()
    errors: dict[str, str] = {}
    if not meeting.is_shared:
        errors[NON_FIELD_ERRORS] = "This record has not been shared yet: change it directly instead."
    if part not in MeetingCorrection.Part.values:
        errors["part"] = "Choose which part of the record is corrected."
    if not (correction or "").strip():
        errors["correction"] = "Say what the record should say."
    if not (reason or "").strip():
        errors["reason"] = "Say why the record is corrected."
    if errors:
        raise ValidationError(errors)
    entry = MeetingCorrection(
        meeting=meeting, part=part, correction=correction.strip(), reason=reason.strip(), made_on=today, made_by=by
    )
    entry._history_user = by
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def record_declined_meeting(
    *,
    pupil: Pupil,
    by: Any,
    offered_on: date | None,
    proposed_for: date | None = None,
    notes: str = "",
    today: date | None = None,
) -> DeclinedMeeting:
    """Record that the parents were offered a meeting and declined it (CoP 6.65 evidence).

    The date the meeting was offered is required: without it the record proves nothing.
    """
    today = today or dates.today()
    errors: dict[str, str] = {}
    if offered_on is None:
        errors["offered_on"] = "Enter the date the meeting was offered: a declined meeting counts only with it."
    elif offered_on > today:
        errors["offered_on"] = f"The date the meeting was offered must be today ({today:%d/%m/%Y}) or in the past."
    if offered_on and proposed_for and proposed_for < offered_on:
        errors["proposed_for"] = (
            f"The date proposed for the meeting cannot be before it was offered ({offered_on:%d/%m/%Y})."
        )
    if errors:
        raise ValidationError(errors)
    declined = DeclinedMeeting(
        pupil=pupil, offered_on=offered_on, proposed_for=proposed_for, notes=notes.strip(), recorded_by=by
    )
    declined._history_user = by
    declined.full_clean()
    declined.save()
    return declined
