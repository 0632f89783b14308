"""Planned meetings with parents: when and where, who is invited and the replies, read with the rules
the meetings pages use.

Staff at the pupil's school see every planned meeting, who is invited and every reply (the planner
page). A parent sees only the meetings they are invited to once confirmed (or moved, cancelled or
held), and only their own replies, as their page shows them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from sendsupport.accounts.access import is_staff_for
from sendsupport.api.auth import caller
from sendsupport.api.pagination import page_of
from sendsupport.api.routers.meetings import meetings_pupil, person
from sendsupport.api.schemas import INVALID, MAX_ID, NOT_FOUND, UNAUTHORISED, PageOut, PageQuery
from sendsupport.audit.services import record_view
from sendsupport.meetings import selectors
from sendsupport.meetings.models import MeetingReply, PlannedMeeting

router = Router(tags=["Planned meetings with parents"])

# Literals, not the models' choices: their class names (Status, Answer) are taken in the OpenAPI components.
PlannedStatus = Literal[tuple(PlannedMeeting.Status.values)]
ReplyAnswer = Literal[tuple(MeetingReply.Answer.values)]

PupilId = Annotated[int, Path(ge=1, le=MAX_ID, description="The pupil's id in sendsupport.")]


class ReplyOut(Schema):
    parent: str = Field(..., description="The parent or carer who replied.")
    answer: ReplyAnswer
    answer_label: str
    message: str = Field(..., description="What they said, for example which times would suit them better.")
    replied_at: datetime
    sequence: int = Field(..., description="The meeting's sequence when they replied.")
    to_the_current_time: bool = Field(..., description="False when the meeting has been moved since this reply.")


class PlannedMeetingOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    place: str = Field(..., description="Where the meeting is; empty when it is by video call only.")
    video_link: str = Field(..., description="The video call link; empty when there is none.")
    status: PlannedStatus
    status_label: str
    upcoming: bool = Field(..., description="Confirmed and not yet over.")
    sequence: int = Field(..., description="Goes up each time the meeting is moved or cancelled (as in calendars).")
    moved_from: datetime | None = Field(..., description="When it was first planned for, if it has been moved.")
    cancel_reason: str = Field(..., description="Why it was cancelled; empty unless cancelled.")
    invited: list[str] | None = Field(
        ..., description="Parents and carers invited. Null unless you are on the staff of the pupil's school."
    )
    staff: list[str] | None = Field(
        ..., description="Staff invited. Null unless you are on the staff of the pupil's school."
    )
    replies: list[ReplyOut] = Field(
        ..., description="Replies, newest first: every parent's for staff, only your own for a parent."
    )


class PlannedMeetingPage(PageOut):
    items: list[PlannedMeetingOut]


def planned_out(planned: PlannedMeeting, *, staff: bool) -> dict[str, Any]:
    return {
        "id": planned.pk,
        "starts_at": planned.starts_at,
        "ends_at": planned.ends_at,
        "place": planned.place,
        "video_link": planned.video_link,
        "status": planned.status,
        "status_label": planned.get_status_display(),
        "upcoming": planned.is_upcoming,
        "sequence": planned.sequence,
        "moved_from": planned.moved_from,
        "cancel_reason": planned.cancel_reason,
        "invited": [str(contact) for contact in planned.invited.all()] if staff else None,
        "staff": [person(user) for user in planned.staff.all()] if staff else None,
        "replies": [
            {
                "parent": str(reply.contact),
                "answer": reply.answer,
                "answer_label": reply.get_answer_display(),
                "message": reply.message,
                "replied_at": reply.replied_at,
                "sequence": reply.sequence,
                "to_the_current_time": reply.sequence == planned.sequence,
            }
            for reply in planned.replies.all()
        ],
    }


@router.get(
    "/{pupil_id}/planned-meetings",
    response={200: PlannedMeetingPage, **UNAUTHORISED, **NOT_FOUND, **INVALID},
    summary="A pupil's planned meetings with parents",
    operation_id="list_pupil_planned_meetings",
)
def list_planned_meetings(request: HttpRequest, pupil_id: PupilId, query: Query[PageQuery]) -> dict:
    """Upcoming meetings first (soonest first), then the rest (newest first). Parents see only the
    meetings they are invited to, once the school has sent the invitation, and only their own replies."""
    user = caller(request)
    pupil = meetings_pupil(user, pupil_id)
    staff = is_staff_for(user, pupil)
    items, page = page_of(selectors.planned_upcoming_first(user, pupil), query)
    record_view(user=user, pupil=pupil, what="API: planned meetings with parents")
    return {**page, "items": [planned_out(planned, staff=staff) for planned in items]}
