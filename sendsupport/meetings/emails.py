"""The words of the emails about planned meetings: what is happening, when, where, and where to look.

Never only "you have new information": every email says it in full and links to the parent's page.
"""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from sendsupport.meetings.models import MeetingReply, PlannedMeeting


def parent_page(pupil: Any) -> str:
    """The parent's page about their child: the portal's when it exists, else "Your children"."""
    try:
        return reverse("portal:child", args=[pupil.pk])
    except NoReverseMatch:
        return reverse("pupils:my_children")


def when(planned: PlannedMeeting) -> str:
    """ "Tuesday 3 March 2027, 15:30 to 16:15" (local time)."""
    start, end = timezone.localtime(planned.starts_at), timezone.localtime(planned.ends_at)
    return f"{start:%A} {start.day} {start:%B %Y}, {start:%H:%M} to {end:%H:%M}"


def _footer(planned: PlannedMeeting, base_url: str) -> str:
    link = base_url.rstrip("/") + parent_page(planned.pupil)
    school = planned.pupil.school.name
    return (
        f"You can see this meeting, add it to your calendar and tell us whether you can come on your page:\n"
        f"{link}\n\n"
        f"If you cannot use the page, contact the school office at {school}.\n\n"
        f"{school}\n"
    )


def _details(planned: PlannedMeeting) -> str:
    lines = [f"When: {when(planned)}"]
    if planned.place:
        lines.append(f"Where: {planned.place}")
    if planned.video_link:
        lines.append(f"Video call link: {planned.video_link}")
    return "\n".join(lines)


def invitation(planned: PlannedMeeting, contact: Any, base_url: str) -> tuple[str, str]:
    pupil, school = planned.pupil, planned.pupil.school.name
    subject = f"Meeting about {pupil.display_name} on {when(planned)}"
    body = (
        f"Dear {contact},\n\n"
        f"{school} would like to meet you to talk about how {pupil.display_name} is getting on with the "
        f"extra support at school, and to agree what happens next.\n\n"
        f"{_details(planned)}\n\n"
        f"A calendar file is attached: open it to add the meeting to your calendar.\n\n"
        f"{_footer(planned, base_url)}"
    )
    return subject, body


def update(planned: PlannedMeeting, contact: Any, base_url: str, *, was: str) -> tuple[str, str]:
    pupil = planned.pupil
    subject = f"Meeting about {pupil.display_name} moved to {when(planned)}"
    body = (
        f"Dear {contact},\n\n"
        f"The meeting about {pupil.display_name} has been moved. It was {was}.\n\n"
        f"The new time and place:\n{_details(planned)}\n\n"
        f"The attached calendar file replaces the one we sent before.\n\n"
        f"{_footer(planned, base_url)}"
    )
    return subject, body


def cancellation(planned: PlannedMeeting, contact: Any, base_url: str) -> tuple[str, str]:
    pupil = planned.pupil
    subject = f"Meeting about {pupil.display_name} on {when(planned)} is cancelled"
    reason = f"\nThe reason: {planned.cancel_reason}\n" if planned.cancel_reason else ""
    body = (
        f"Dear {contact},\n\n"
        f"The meeting about {pupil.display_name} on {when(planned)} is cancelled.\n{reason}\n"
        f"The school will contact you to arrange another time. The attached calendar file removes the "
        f"meeting from your calendar.\n\n"
        f"{_footer(planned, base_url)}"
    )
    return subject, body


def reminder(planned: PlannedMeeting, contact: Any, base_url: str) -> tuple[str, str]:
    pupil = planned.pupil
    subject = f"Reminder: meeting about {pupil.display_name} on {when(planned)}"
    body = (
        f"Dear {contact},\n\n"
        f"This is a reminder of your meeting with {planned.pupil.school.name} about {pupil.display_name}.\n\n"
        f"{_details(planned)}\n\n"
        f"{_footer(planned, base_url)}"
    )
    return subject, body


def reply_to_staff(planned: PlannedMeeting, reply: MeetingReply, staff: Any, base_url: str) -> tuple[str, str]:
    from django.urls import reverse

    pupil = planned.pupil
    said = "can come" if reply.answer == MeetingReply.Answer.YES else "has asked for another time"
    subject = f"{reply.contact} {said}: meeting about {pupil.display_name} on {when(planned)}"
    message = f"\nTheir message:\n{reply.message}\n" if reply.message else ""
    link = base_url.rstrip("/") + reverse("meetings:plan", args=[pupil.pk])
    body = (
        f"Dear {staff.get_full_name() or staff.get_username()},\n\n"
        f"{reply.contact} replied to the invitation to the meeting about {pupil.display_name} "
        f"({when(planned)}): they {said}.\n{message}\n"
        f"See every reply and move the meeting if you need to on the meetings page:\n{link}\n"
    )
    return subject, body
