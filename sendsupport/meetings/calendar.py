"""Calendar files (iCalendar, RFC 5545) for planned meetings, made with the ``icalendar`` package.

One UID for the meeting's whole life; SEQUENCE goes up each time it is moved or cancelled, so a
parent's calendar program replaces the entry it already has rather than adding a second one.
METHOD:REQUEST for an invitation or an update, METHOD:CANCEL for a cancellation; a download from
the parent's page has METHOD:PUBLISH (a plain "add to calendar").
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from sendsupport.meetings.models import PlannedMeeting

PRODID = "-//sendsupport//Meetings with parents//EN"


def _mailto(address: str, name: str = "") -> vCalAddress:
    attendee = vCalAddress(f"mailto:{address}")
    if name:
        attendee.params["cn"] = vText(name)
    return attendee


def _from_address() -> str:
    from email.utils import parseaddr

    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "no-reply@sendsupport.invalid"


def summary(planned: PlannedMeeting) -> str:
    return f"Meeting about {planned.pupil.display_name} at {planned.pupil.school.name}"


def calendar_text(
    planned: PlannedMeeting, *, method: str = "REQUEST", attendees: list[Any] = (), link: str = ""
) -> str:
    """The meeting as an iCalendar file. ``attendees`` are the contacts (with an email) invited."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", method)
    event = Event()
    event.add("uid", planned.uid)
    event.add("sequence", planned.sequence)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", planned.starts_at.astimezone(UTC))
    event.add("dtend", planned.ends_at.astimezone(UTC))
    event.add("summary", summary(planned))
    if planned.place or planned.video_link:
        event.add("location", planned.where)
    description = [f"A meeting with the school about how {planned.pupil.display_name} is getting on."]
    if planned.video_link:
        description.append(f"Video call: {planned.video_link}")
        event.add("url", planned.video_link)
    if link:
        description.append(f"Your page: {link}")
    event.add("description", "\n".join(description))
    cancelled = method == "CANCEL" or planned.status == PlannedMeeting.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if method in ("REQUEST", "CANCEL"):
        event.add("organizer", _mailto(_from_address(), planned.pupil.school.name))
        for contact in attendees:
            if contact.email:
                attendee = _mailto(contact.email, str(contact))
                attendee.params["role"] = vText("REQ-PARTICIPANT")
                attendee.params["rsvp"] = vText("FALSE")
                event.add("attendee", attendee, encode=0)
    cal.add_component(event)
    return cal.to_ical().decode()
