"""Every write to planned meetings: confirm (invite), move, cancel, record what happened, reply.

Keyword-only, one transaction each. Emails are recorded with ``core.outbox.queue_email`` inside the
transaction and sent by the worker after it commits; the reminder is enqueued the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from sendsupport.core.outbox import queue_email
from sendsupport.meetings import calendar, emails
from sendsupport.meetings.models import Meeting, MeetingReply, PlannedMeeting
from sendsupport.meetings.selectors import staff_choices
from sendsupport.meetings.tasks import schedule_reminder
from sendsupport.pupils.models import Contact, Pupil
from sendsupport.schools.models import Role, StaffMembership


def invitable_parents(pupil: Pupil):
    """The pupil's parents and carers with parental responsibility: the people a meeting is for."""
    return Contact.objects.filter(pupil_links__pupil=pupil, pupil_links__parental_responsibility=True).order_by(
        "last_name", "first_name"
    )


def _at(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))


def _check(
    *,
    pupil: Pupil,
    on: date | None,
    starts: time | None,
    ends: time | None,
    place: str,
    video_link: str,
    now: datetime,
    invited: Sequence[Contact] | None = None,
    staff: Sequence[Any] = (),
) -> tuple[datetime, datetime]:
    """Every check of a planned meeting at once, so the page shows every error together."""
    errors: dict[str, str] = {}
    if on is None:
        errors["on"] = "Enter the date of the meeting."
    if starts is None:
        errors["starts"] = "Enter the time the meeting starts, for example 15:30."
    if ends is None:
        errors["ends"] = "Enter the time the meeting ends, for example 16:15."
    starts_at = ends_at = None
    if on and starts:
        starts_at = _at(on, starts)
        if starts_at <= now:
            local = timezone.localtime(now)
            errors["on"] = f"The meeting must be in the future: it is now {local:%H:%M} on {local.day} {local:%B %Y}."
    if on and starts and ends:
        ends_at = _at(on, ends)
        if ends_at <= starts_at:
            errors["ends"] = f"The meeting must end after it starts ({starts:%H:%M})."
    if not (place or "").strip() and not (video_link or "").strip():
        errors["place"] = "Say where the meeting is, or give a video call link, or both."
    if invited is not None:
        own = set(invitable_parents(pupil).values_list("pk", flat=True))
        if not invited:
            errors["invited"] = (
                f"Invite at least one parent or carer of {pupil.display_name} with parental responsibility."
            )
        elif any(contact.pk not in own for contact in invited):
            errors["invited"] = (
                f"Invite only parents or carers of {pupil.display_name} who have parental responsibility."
            )
    if staff:
        staff_ids = set(staff_choices(pupil).values_list("pk", flat=True))
        if any(user.pk not in staff_ids for user in staff):
            errors["staff"] = f"Choose only staff who work at {pupil.school.name}."
    if errors:
        raise ValidationError(errors)
    return starts_at, ends_at


def _send_to_parents(planned: PlannedMeeting, *, kind: str, base_url: str, was: str = "") -> int:
    """Email every invited parent with an email address; the calendar file attached."""
    method = "CANCEL" if kind == "cancellation" else "REQUEST"
    contacts = list(planned.invited.all())
    ics = calendar.calendar_text(
        planned, method=method, attendees=contacts, link=base_url.rstrip("/") + emails.parent_page(planned.pupil)
    )
    about = {"invitation": "Meeting invitation", "update": "Meeting moved", "cancellation": "Meeting cancelled"}[kind]
    sent = 0
    for contact in contacts:
        if not contact.email:
            continue
        if kind == "invitation":
            subject, body = emails.invitation(planned, contact, base_url)
        elif kind == "update":
            subject, body = emails.update(planned, contact, base_url, was=was)
        else:
            subject, body = emails.cancellation(planned, contact, base_url)
        queue_email(
            to=contact.email,
            subject=subject,
            body=body,
            about=about,
            about_key=f"planned-meeting:{planned.pk}",
            attachment=("meeting.ics", f"text/calendar; method={method}", ics),
        )
        sent += 1
    return sent


@transaction.atomic
def confirm_meeting(
    *,
    pupil: Pupil,
    by: Any,
    on: date | None,
    starts: time | None,
    ends: time | None,
    place: str = "",
    video_link: str = "",
    invited: Sequence[Contact] = (),
    staff: Sequence[Any] = (),
    base_url: str,
    now: datetime | None = None,
) -> PlannedMeeting:
    """Plan a meeting and invite the parents: each gets an email with a calendar invitation."""
    now = now or timezone.now()
    starts_at, ends_at = _check(
        pupil=pupil,
        on=on,
        starts=starts,
        ends=ends,
        place=place,
        video_link=video_link,
        now=now,
        invited=list(invited),
        staff=list(staff),
    )
    planned = PlannedMeeting(
        pupil=pupil,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        video_link=video_link.strip(),
        status=PlannedMeeting.Status.CONFIRMED,
        uid=f"{uuid.uuid4()}@sendsupport",
        created_by=by,
    )
    planned._history_user = by
    planned.full_clean()
    planned.save()
    planned.invited.set(invited)
    planned.staff.set(staff)
    _send_to_parents(planned, kind="invitation", base_url=base_url)
    schedule_reminder(planned, base_url=base_url)
    return planned


def _locked(planned: PlannedMeeting) -> PlannedMeeting:
    return (
        PlannedMeeting.objects.select_for_update(of=("self",))
        .select_related("pupil", "pupil__school")
        .get(pk=planned.pk)
    )


def _must_be_confirmed(planned: PlannedMeeting, doing: str, sequence: int | None = None) -> None:
    if planned.status != PlannedMeeting.Status.CONFIRMED:
        raise ValidationError(
            {NON_FIELD_ERRORS: f"This meeting is {planned.get_status_display().lower()}, so it cannot be {doing}."}
        )
    if sequence is not None and sequence != planned.sequence:
        # Someone else moved it since this page was opened: their change stands.
        raise ValidationError(
            {
                NON_FIELD_ERRORS: f"Someone moved this meeting since you opened this page: it is now on "
                f"{emails.when(planned)}, {planned.where}. Check it before you change it again."
            }
        )


@transaction.atomic
def move_meeting(
    *,
    planned: PlannedMeeting,
    by: Any,
    on: date | None,
    starts: time | None,
    ends: time | None,
    place: str = "",
    video_link: str = "",
    base_url: str,
    sequence: int | None = None,
    now: datetime | None = None,
) -> PlannedMeeting:
    """Move a confirmed meeting: the parents get an updated calendar entry (same UID, next SEQUENCE)."""
    now = now or timezone.now()
    planned = _locked(planned)
    _must_be_confirmed(planned, "moved", sequence)
    starts_at, ends_at = _check(
        pupil=planned.pupil, on=on, starts=starts, ends=ends, place=place, video_link=video_link, now=now
    )
    was = f"{emails.when(planned)}, {planned.where}"
    if planned.moved_from is None:
        planned.moved_from = planned.starts_at
    planned.starts_at, planned.ends_at = starts_at, ends_at
    planned.place, planned.video_link = place.strip(), video_link.strip()
    planned.sequence += 1
    planned._history_user = by
    planned.full_clean()
    planned.save()
    _send_to_parents(planned, kind="update", base_url=base_url, was=was)
    schedule_reminder(planned, base_url=base_url)
    return planned


@transaction.atomic
def cancel_meeting(
    *, planned: PlannedMeeting, by: Any, reason: str = "", base_url: str, sequence: int | None = None
) -> PlannedMeeting:
    """Cancel a confirmed meeting: the parents get a cancellation (METHOD:CANCEL, same UID)."""
    planned = _locked(planned)
    _must_be_confirmed(planned, "cancelled", sequence)
    planned.status = PlannedMeeting.Status.CANCELLED
    planned.cancel_reason = (reason or "").strip()
    planned.sequence += 1
    planned._history_user = by
    planned.save()
    _send_to_parents(planned, kind="cancellation", base_url=base_url)
    return planned


@transaction.atomic
def record_held(*, planned: PlannedMeeting, by: Any, **record: Any) -> Meeting:
    """Record what happened at a planned meeting: the meeting record is made and linked to it."""
    from sendsupport.meetings.services import record_meeting

    planned = _locked(planned)
    if planned.status not in (PlannedMeeting.Status.CONFIRMED, PlannedMeeting.Status.PLANNED):
        raise ValidationError(
            {NON_FIELD_ERRORS: f"This meeting is {planned.get_status_display().lower()}: it cannot be recorded again."}
        )
    meeting = record_meeting(pupil=planned.pupil, by=by, **record)
    planned.record = meeting
    planned.status = PlannedMeeting.Status.HELD
    planned._history_user = by
    planned.save()
    return meeting


def _told_of_replies(planned: PlannedMeeting) -> list[Any]:
    """The school's SENCOs and the staff invited: who hears of a parent's reply."""
    sencos = StaffMembership.objects.filter(school_id=planned.pupil.school_id, role=Role.SENCO, active=True)
    people = {m.user.pk: m.user for m in sencos.select_related("user") if m.user.is_active}
    for user in planned.staff.all():
        people.setdefault(user.pk, user)
    return [user for user in people.values() if user.email]


@transaction.atomic
def reply(*, planned: PlannedMeeting, contact: Contact, answer: str, message: str = "", base_url: str) -> MeetingReply:
    """A parent's answer: they can come, or they ask for another time (a message saying when suits)."""
    planned = _locked(planned)
    errors: dict[str, str] = {}
    if not planned.is_upcoming:
        errors[NON_FIELD_ERRORS] = "This meeting is no longer planned, so you cannot reply to it."
    if not planned.invited.filter(pk=contact.pk).exists():
        errors[NON_FIELD_ERRORS] = "You are not invited to this meeting."
    if answer not in MeetingReply.Answer.values:
        errors["answer"] = "Choose whether you can come."
    elif answer == MeetingReply.Answer.OTHER_TIME and not (message or "").strip():
        errors["message"] = "Say which days or times would suit you better."
    if errors:
        raise ValidationError(errors)
    answer_row = MeetingReply(
        planned=planned, contact=contact, answer=answer, message=(message or "").strip(), sequence=planned.sequence
    )
    answer_row._history_user = contact.user
    answer_row.save()
    for user in _told_of_replies(planned):
        subject, body = emails.reply_to_staff(planned, answer_row, user, base_url)
        queue_email(
            to=user.email,
            subject=subject,
            body=body,
            about="Reply to a meeting",
            about_key=f"planned-meeting:{planned.pk}",
        )
    return answer_row
