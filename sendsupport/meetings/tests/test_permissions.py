"""Every meetings page, every persona (the shared loop of ``sendsupport.testing.permissions``).

``meeting`` is not shared with the parents yet; ``shared_meeting`` is (see ``conftest.py``).
"""

from __future__ import annotations

from sendsupport.meetings.models import DeclinedMeeting, Meeting
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
