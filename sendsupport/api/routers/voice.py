"""Views before a review: parents' views and the pupil's own views, read with the rules the pages use.

Staff at the pupil's school read every parent's views and the pupil's views. A parent or carer with
parental responsibility reads only the views they sent themselves, and never the pupil's views.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from sendsupport.api.auth import caller
from sendsupport.api.pagination import page_of
from sendsupport.api.routers.meetings import person
from sendsupport.api.schemas import INVALID, MAX_ID, NOT_FOUND, UNAUTHORISED, PageOut, PageQuery
from sendsupport.audit.services import record_view
from sendsupport.pupils.lookup import visible_pupil
from sendsupport.support.voice import selectors
from sendsupport.support.voice.models import Face, ParentViews, PupilViews

router = Router(tags=["Views before a review"])

# A literal, not the model's choices, so the OpenAPI components keep one name for each shape.
FaceValue = Literal[tuple(Face.values)]

PupilId = Annotated[int, Path(ge=1, le=MAX_ID, description="The pupil's id in sendsupport.")]

# Staff who read the pupil's views (all parents' views), or a parent who sends views (their own).
READ_PARENT_VIEWS = "read_parent_views"


class ParentViewsOut(Schema):
    id: int
    cycle: int = Field(..., description="The number of the SEN support cycle whose review the views were sent for.")
    sent_by: str = Field(..., description="The parent or carer who sent them.")
    sent_at: datetime
    going_well: str = Field(..., description="What is going well.")
    worries: str = Field(..., description="What worries them.")
    next_steps: str = Field(..., description="What they would like to happen next.")


class ParentViewsPage(PageOut):
    items: list[ParentViewsOut]


class AnswerOut(Schema):
    question: str
    face: FaceValue | None = Field(
        ..., description="The picture scale, 1 (very unhappy) to 5 (very happy); null if none."
    )
    face_label: str
    words: str = Field(..., description="The pupil's own words; may be empty.")


class PupilViewsOut(Schema):
    id: int
    given_on: date
    cycle: int | None = Field(..., description="The number of the cycle open that day; null if none was.")
    by_pupil: bool = Field(..., description="True when the pupil gave them through their own sign-in.")
    how_gathered: str
    recorded_by: str | None
    answers: list[AnswerOut] = Field(..., description="The questions answered, each with a face, words or both.")


class PupilViewsPage(PageOut):
    items: list[PupilViewsOut]


def parent_views_out(views: ParentViews) -> dict[str, Any]:
    return {
        "id": views.pk,
        "cycle": views.cycle.number,
        "sent_by": views.sent_by_name,
        "sent_at": views.sent_at,
        "going_well": views.going_well,
        "worries": views.worries,
        "next_steps": views.next_steps,
    }


def pupil_views_out(views: PupilViews) -> dict[str, Any]:
    return {
        "id": views.pk,
        "given_on": views.given_on,
        "cycle": views.cycle.number if views.cycle else None,
        "by_pupil": views.by_pupil,
        "how_gathered": views.how_gathered,
        "recorded_by": person(views.recorded_by),
        "answers": [
            {key: answer[key] for key in ("question", "face", "face_label", "words")} for answer in views.answers
        ],
    }


@router.get(
    "/{pupil_id}/parent-views",
    response={200: ParentViewsPage, **UNAUTHORISED, **NOT_FOUND, **INVALID},
    summary="Parents' views before reviews",
    operation_id="list_pupil_parent_views",
)
def list_parent_views(request: HttpRequest, pupil_id: PupilId, query: Query[PageQuery]) -> dict:
    """Newest first. Staff see every parent's views; a parent sees only the views they sent themselves."""
    user = caller(request)
    pupil = visible_pupil(user, pupil_id, READ_PARENT_VIEWS)
    items, page = page_of(selectors.parent_views_readable(user, pupil), query)
    record_view(user=user, pupil=pupil, what="API: parents' views before reviews")
    return {**page, "items": [parent_views_out(views) for views in items]}


@router.get(
    "/{pupil_id}/pupil-views",
    response={200: PupilViewsPage, **UNAUTHORISED, **NOT_FOUND, **INVALID},
    summary="The pupil's own views",
    operation_id="list_pupil_views",
)
def list_pupil_views(request: HttpRequest, pupil_id: PupilId, query: Query[PageQuery]) -> dict:
    """Newest first, for staff of the pupil's school only (parents get 404)."""
    user = caller(request)
    pupil = visible_pupil(user, pupil_id, "view_pupil_voice")
    items, page = page_of(selectors.pupil_views_of(user, pupil).select_related("cycle"), query)
    record_view(user=user, pupil=pupil, what="API: the pupil's own views")
    return {**page, "items": [pupil_views_out(views) for views in items]}
