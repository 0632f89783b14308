"""The demo school has planned this year's meetings: held ones linked to their records, the next
confirmed for each pupil on the register, parents' replies, and one moved."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from sendsupport.accounts.models import User
from sendsupport.meetings.models import MeetingReply, PlannedMeeting

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)


def test_the_demo_has_planned_meetings_with_replies_and_one_moved(monkeypatch, client):
    monkeypatch.setattr("sendsupport.demo.management.commands.demo.today", lambda: TODAY)
    # The clock too: whether a meeting is still to come is read from it, and the demo parent's meeting
    # is nine days after the demo's today, so with the real clock this failed from 10 December.
    noon = timezone.make_aware(datetime.combine(TODAY, time(12)))
    monkeypatch.setattr("django.utils.timezone.now", lambda: noon)
    call_command("demo", "--no-serve")
    held = PlannedMeeting.objects.filter(status=PlannedMeeting.Status.HELD)
    assert held.count() >= 10 and not held.filter(record__isnull=True).exists()
    confirmed = PlannedMeeting.objects.filter(status=PlannedMeeting.Status.CONFIRMED)
    assert confirmed.count() >= 10
    assert MeetingReply.objects.filter(answer="yes").exists()
    assert MeetingReply.objects.filter(answer="other_time").exists()
    moved = PlannedMeeting.objects.get(moved_from__isnull=False)
    assert moved.sequence == 1 and moved.starts_at > moved.moved_from
    parent = User.objects.get(username="parent")
    child = PlannedMeeting.objects.filter(invited__user=parent, status="confirmed").get().pupil
    client.force_login(parent)
    page = client.get(reverse("meetings:list", args=[child.pk]))
    assert "Yes, I can come (sent" in page.text and "Add to calendar" in page.text
    planned = PlannedMeeting.objects.get(invited__user=parent, status="confirmed")
    ics = client.get(reverse("meetings:ics", args=[child.pk, planned.pk]))
    assert Calendar.from_ical(ics.content).walk("VEVENT")[0]["UID"] == planned.uid
    client.force_login(User.objects.get(username="senco"))
    plan_page = client.get(reverse("meetings:plan", args=[moved.pupil_id]))
    assert plan_page.status_code == 200 and "First planned for" in plan_page.text
