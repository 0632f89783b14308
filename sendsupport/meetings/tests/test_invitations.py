"""Confirming, moving and cancelling a planned meeting emails the parents a calendar file (after commit)."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from sendsupport.core.models import OutboundEmail
from sendsupport.meetings import planning
from sendsupport.meetings.models import PlannedMeeting
from sendsupport.meetings.tests.conftest import BASE_URL, plan_meeting


def calendar_of(message) -> Calendar:
    (name, content, mimetype) = message.attachments[0]
    assert name == "meeting.ics" and mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def event_of(cal: Calendar):
    (event,) = cal.walk("VEVENT")
    return event


@pytest.mark.django_db
def test_it_emails_each_invited_parent_an_invitation_only_after_commit(
    pupil, parent, senco, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        planned = plan_meeting(pupil, senco)
        assert mail.outbox == []  # nothing sent inside the transaction
    assert OutboundEmail.objects.filter(to=parent.email, about="Meeting invitation").count() == 1
    for callback in callbacks:
        callback()
    (message,) = mail.outbox
    assert message.to == [parent.email]
    assert "Maya" in message.subject and "15:30" in message.subject
    assert "The SENCO's office" in message.body and "15:30 to 16:15" in message.body
    assert f"{BASE_URL}your-children/" in message.body
    assert "new information" not in message.body
    cal = calendar_of(message)
    assert cal["METHOD"] == "REQUEST"
    event = event_of(cal)
    assert str(event["UID"]) == planned.uid and int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == planned.starts_at
    assert str(event["ATTENDEE"]) == f"mailto:{parent.email}"
    assert planned.status == PlannedMeeting.Status.CONFIRMED


@pytest.mark.django_db
def test_moving_sends_an_update_with_the_same_uid_and_a_higher_sequence(
    pupil, parent, senco, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        planned = plan_meeting(pupil, senco)
    first = event_of(calendar_of(mail.outbox[0]))
    new_day = timezone.localdate() + timedelta(days=12)
    with django_capture_on_commit_callbacks(execute=True):
        moved = planning.move_meeting(
            planned=planned,
            by=senco,
            on=new_day,
            starts=time(9, 0),
            ends=time(9, 45),
            place="Room 4",
            base_url=BASE_URL,
        )
    assert len(mail.outbox) == 2
    update = mail.outbox[1]
    assert "moved" in update.subject and "Room 4" in update.body and "It was" in update.body
    cal = calendar_of(update)
    event = event_of(cal)
    assert cal["METHOD"] == "REQUEST"
    assert str(event["UID"]) == str(first["UID"]) == moved.uid
    assert int(event["SEQUENCE"]) == int(first["SEQUENCE"]) + 1 == moved.sequence
    assert timezone.localtime(event.decoded("DTSTART")).date() == new_day
    assert moved.moved_from == planned.starts_at


@pytest.mark.django_db
def test_cancelling_sends_method_cancel_with_the_same_uid(pupil, parent, senco, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        planned = plan_meeting(pupil, senco)
        planning.cancel_meeting(planned=planned, by=senco, reason="The SENCO is ill.", base_url=BASE_URL)
    cancel = mail.outbox[-1]
    assert "cancelled" in cancel.subject and "The SENCO is ill." in cancel.body
    cal = calendar_of(cancel)
    event = event_of(cal)
    assert cal["METHOD"] == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == planned.uid and int(event["SEQUENCE"]) == 1
    planned.refresh_from_db()
    assert planned.status == PlannedMeeting.Status.CANCELLED


@pytest.mark.django_db
def test_a_rolled_back_confirmation_sends_nothing(pupil, parent, senco, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        plan_meeting(pupil, senco)
        raise RuntimeError("something else failed")
    assert mail.outbox == [] and not PlannedMeeting.objects.exists()
