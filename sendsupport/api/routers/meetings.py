"""Meetings with parents: the list and one record, read with the rules the meetings pages use.

Staff at the pupil's school (``read_meeting_records``) see every record, with who recorded and shared
it. Parents see only records shared with them, and only what the parents' copy shows.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

import rules
from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema

from sendsupport.api.auth import caller
from sendsupport.api.pagination import page_of
from sendsupport.api.schemas import INVALID, MAX_ID, NOT_FOUND, UNAUTHORISED, PageOut, PageQuery
from sendsupport.audit.services import record_view
from sendsupport.meetings import selectors
from sendsupport.meetings.models import Meeting, MeetingCorrection
from sendsupport.pupils.lookup import visible_pupil
from sendsupport.pupils.models import Pupil

router = Router(tags=["Meetings with parents"])

PupilId = Annotated[int, Path(ge=1, le=MAX_ID, description="The pupil's id in sendsupport.")]
MeetingId = Annotated[int, Path(ge=1, le=MAX_ID, description="The meeting's id in sendsupport.")]


class MeetingOut(Schema):
    id: int
    held_on: date
    kind: Meeting.Kind
    kind_label: str
    shared_with_parents_on: date | None = Field(..., description="Null until the record is shared with the parents.")
    parents_attended: list[str] = Field(..., description="Parents and carers who attended.")
    staff_attended: list[str] = Field(..., description="Staff from the school who attended.")
    other_attendees: str


class MeetingPage(PageOut):
    items: list[MeetingOut]


class CorrectionOut(Schema):
    made_on: date
    part: MeetingCorrection.Part
    part_label: str
    correction: str
    reason: str
    made_by: str | None = Field(..., description="Who made it; null unless you are staff.")


class MeetingRecordOut(Schema):
    """Details only staff at the pupil's school see."""

    recorded_by: str | None
    recorded_at: datetime
    shared_by: str | None


class MeetingDetailOut(MeetingOut):
    discussed: str
    agreed: str
    actions: str
    corrections: list[CorrectionOut] = Field(..., description="Dated corrections added after the record was shared.")
    record: MeetingRecordOut | None = Field(..., description="Null unless you are on the staff of the pupil's school.")


def person(user: Any) -> str | None:
    return (user.get_full_name() or user.get_username()) if user is not None else None


def meeting_out(meeting: Meeting) -> dict:
    return {
        "id": meeting.pk,
        "held_on": meeting.held_on,
        "kind": meeting.kind,
        "kind_label": meeting.get_kind_display(),
        "shared_with_parents_on": meeting.shared_with_parents_on,
        "parents_attended": [str(contact) for contact in meeting.parents_attended.all()],
        "staff_attended": [person(user) for user in meeting.staff_attendees.all()],
        "other_attendees": meeting.other_attendees,
    }


def meeting_detail_out(meeting: Meeting, *, staff: bool) -> dict:
    return {
        **meeting_out(meeting),
        "discussed": meeting.discussed,
        "agreed": meeting.agreed,
        "actions": meeting.actions,
        "corrections": [
            {
                "made_on": entry.made_on,
                "part": entry.part,
                "part_label": entry.get_part_display(),
                "correction": entry.correction,
                "reason": entry.reason,
                "made_by": person(entry.made_by) if staff else None,
            }
            for entry in meeting.corrections.all()
        ],
        "record": (
            {
                "recorded_by": person(meeting.recorded_by),
                "recorded_at": meeting.recorded_at,
                "shared_by": person(meeting.shared_by),
            }
            if staff
            else None
        ),
    }


def meetings_pupil(user: Any, pupil_id: int) -> Pupil:
    """The pupil, if the caller passes ``view_pupil_meetings`` (the meetings list's rule); 404 otherwise."""
    return visible_pupil(user, pupil_id, "view_pupil_meetings")


@router.get(
    "/{pupil_id}/meetings",
    response={200: MeetingPage, **UNAUTHORISED, **NOT_FOUND, **INVALID},
    summary="A pupil's meetings with parents",
    operation_id="list_pupil_meetings",
)
def list_meetings(request: HttpRequest, pupil_id: PupilId, query: Query[PageQuery]) -> dict:
    """Newest first. Parents see only the records the school has shared with them."""
    user = caller(request)
    pupil = meetings_pupil(user, pupil_id)
    items, page = page_of(selectors.meetings_for(user, pupil), query)
    record_view(user=user, pupil=pupil, what="API: meetings with parents")
    return {**page, "items": [meeting_out(meeting) for meeting in items]}


@router.get(
    "/{pupil_id}/meetings/{meeting_id}",
    response={200: MeetingDetailOut, **UNAUTHORISED, **NOT_FOUND, **INVALID},
    summary="One meeting with parents",
    operation_id="get_pupil_meeting",
)
def get_meeting(request: HttpRequest, pupil_id: PupilId, meeting_id: MeetingId) -> dict:
    """Staff see the full record; parents see the parents' copy of a record shared with them."""
    user = caller(request)
    pupil = meetings_pupil(user, pupil_id)
    meeting = selectors.get_meeting(user, pupil, meeting_id)
    staff = rules.test_rule("read_meeting_records", user, pupil)
    if not staff and not rules.test_rule("read_meeting_parents_copy", user, meeting):
        raise Http404("Not found")
    record_view(user=user, pupil=pupil, what=f"API: a meeting with parents ({meeting})")
    return meeting_detail_out(meeting, staff=staff)
