"""Every meetings page, every persona (the shared loop of ``sendsupport.testing.permissions``).

``meeting`` is not shared with the parents yet; ``shared_meeting`` is (see ``conftest.py``).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from sendsupport.meetings.models import DeclinedMeeting, Meeting, MeetingReply, PlannedMeeting
from sendsupport.pupils.models import Contact
from sendsupport.testing.permissions import Case, Table
from sendsupport.testing.personas import FAMILY, MANAGERS, SEES_OTHER_PUPIL, STAFF

MANAGERS_AND_TEACHER = MANAGERS | {"teacher"}


def of(fixture: str):
    """Args for a page of one meeting: its pupil and its id."""
    return lambda w: [getattr(w, fixture).pupil_id, getattr(w, fixture).pk]


def is_shared(w) -> bool:
    return Meeting.objects.get(pk=w.meeting.pk).is_shared


def declined(w) -> int:
    return DeclinedMeeting.objects.count()


def shared_if_allowed(response, persona, w) -> None:
    assert is_shared(w) == (persona in MANAGERS_AND_TEACHER), persona


def planned_state(w) -> tuple:
    planned = PlannedMeeting.objects.get(pk=w.planned.pk)
    return (PlannedMeeting.objects.count(), planned.status, planned.sequence, MeetingReply.objects.count())


def confirm_data(w) -> dict:
    return {
        "on": (timezone.localdate() + timedelta(days=21)).isoformat(),
        "starts": "09:00",
        "ends": "09:30",
        "place": "Room 4",
        "invited": [c.pk for c in Contact.objects.filter(pupil_links__pupil=w.pupil)],
    }


def planned_of(w) -> list:
    return [w.planned.pupil_id, w.planned.pk]


TABLE = Table(
    "meetings",
    [
        Case("meetings:list", lambda w: [w.pupil.pk], FAMILY),
        Case("meetings:list", lambda w: [w.other_pupil.pk], SEES_OTHER_PUPIL, label="other pupil"),
        Case("meetings:add", lambda w: [w.pupil.pk], MANAGERS_AND_TEACHER),
        Case("meetings:add", lambda w: [w.other_pupil.pk], MANAGERS, label="other pupil"),
        Case("meetings:declined_add", lambda w: [w.pupil.pk], MANAGERS_AND_TEACHER),
        Case("meetings:declined_add", lambda w: [w.other_pupil.pk], MANAGERS, label="other pupil"),
        Case(
            "meetings:declined_add",
            lambda w: [w.pupil.pk],
            MANAGERS_AND_TEACHER,
            status=302,
            method="post",
            data={"offered_on": "2025-10-06", "notes": "Offered by phone"},
            unchanged=declined,
        ),
        Case("meetings:detail", of("meeting"), STAFF, label="not shared"),
        Case("meetings:detail", of("shared_meeting"), STAFF, label="shared"),
        Case("meetings:edit", of("meeting"), MANAGERS_AND_TEACHER),
        Case("meetings:correct", of("shared_meeting"), MANAGERS_AND_TEACHER),
        Case("meetings:copy", of("meeting"), STAFF, label="not shared"),
        Case("meetings:copy", of("shared_meeting"), FAMILY, label="shared"),
        Case("meetings:copy_pdf", of("meeting"), STAFF, label="not shared"),
        Case("meetings:copy_pdf", of("shared_meeting"), FAMILY, label="shared"),
        Case("meetings:plan", lambda w: [w.pupil.pk], MANAGERS_AND_TEACHER),
        Case("meetings:plan", lambda w: [w.other_pupil.pk], MANAGERS, label="other pupil"),
        Case("meetings:plan_confirm", lambda w: [w.pupil.pk], MANAGERS_AND_TEACHER),
        Case("meetings:plan_confirm", lambda w: [w.other_pupil.pk], MANAGERS, label="other pupil"),
        Case(
            "meetings:plan_confirm",
            lambda w: [w.pupil.pk],
            MANAGERS_AND_TEACHER,
            status=302,
            method="post",
            data=confirm_data,
            unchanged=planned_state,
        ),
        Case("meetings:planned_move", planned_of, MANAGERS_AND_TEACHER),
        Case("meetings:planned_cancel", planned_of, MANAGERS_AND_TEACHER),
        Case(
            "meetings:planned_cancel",
            planned_of,
            MANAGERS_AND_TEACHER,
            status=302,
            method="post",
            data={"reason": "Snow"},
            unchanged=planned_state,
        ),
        Case(
            "meetings:planned_move",
            planned_of,
            MANAGERS_AND_TEACHER,
            status=302,
            method="post",
            data=lambda w: {k: v for k, v in confirm_data(w).items() if k != "invited"},
            unchanged=planned_state,
        ),
        Case("meetings:planned_record", planned_of, MANAGERS_AND_TEACHER),
        Case("meetings:ics", planned_of, FAMILY),
        Case("meetings:reply", planned_of, {"parent"}),
        Case(
            "meetings:reply",
            planned_of,
            {"parent"},
            status=302,
            method="post",
            data={"answer": "yes"},
            unchanged=planned_state,
        ),
        Case(
            "meetings:share",
            of("meeting"),
            MANAGERS_AND_TEACHER,
            status=302,
            method="post",
            unchanged=is_shared,
            check=shared_if_allowed,
        ),
    ],
)
test_permissions = TABLE.test()
