"""A pupil's SEN register history: dated status (N, K, E) and ranked needs, current and past."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from sendsupport.accounts.access import staff_school_ids
from sendsupport.api.auth import caller
from sendsupport.api.pagination import page_of
from sendsupport.api.schemas import INVALID, MAX_ID, NOT_FOUND, UNAUTHORISED, PageOut, PageQuery
from sendsupport.audit.services import record_view
from sendsupport.pupils.codes import BroadArea, NeedType, Provision, broad_area
from sendsupport.pupils.models import SENNeed, SENStatus
from sendsupport.pupils.selectors import get_visible_pupil, need_history, status_history

router = Router(tags=["SEN register"])

PupilId = Annotated[int, Path(ge=1, le=MAX_ID, description="The pupil's id in sendsupport.")]


class NeedOut(Schema):
    id: int
    need_type: NeedType = Field(..., description="Census SEN type code.")
    label: str
    broad_area: BroadArea
    broad_area_label: str
    rank: int = Field(..., description="1 for the primary need, 2 for the secondary need.")
    start_date: date
    end_date: date | None
    current: bool


class NeedPage(PageOut):
    items: list[NeedOut]


class NeedQuery(PageQuery):
    current: bool | None = Field(None, description="true for current needs only, false for past needs only.")


class StatusOut(Schema):
    id: int
    provision: Provision = Field(..., description="N no special educational provision, K SEN support, E EHC plan.")
    provision_label: str
    start_date: date
    reason: str
    decided_by: str | None = Field(..., description="Who decided; null unless you are on the staff of the school.")
    recorded_at: datetime


class StatusPage(PageOut):
    items: list[StatusOut]


def need_out(need: SENNeed) -> dict:
    area = broad_area(need.need_type)
    return {
        "id": need.pk,
        "need_type": need.need_type,
        "label": need.get_need_type_display(),
        "broad_area": area.value,
        "broad_area_label": area.label,
        "rank": need.rank,
        "start_date": need.start_date,
        "end_date": need.end_date,
        "current": need.end_date is None,
    }


def status_out(status: SENStatus, *, staff: bool) -> dict:
    decided_by = None
    if staff and status.decided_by is not None:
        decided_by = status.decided_by.get_full_name() or status.decided_by.get_username()
    return {
        "id": status.pk,
        "provision": status.provision,
        "provision_label": status.get_provision_display(),
        "start_date": status.start_date,
        "reason": status.reason,
        "decided_by": decided_by,
        "recorded_at": status.recorded_at,
    }


@router.get(
    "/{pupil_id}/sen-statuses",
    response={200: StatusPage, **UNAUTHORISED, **NOT_FOUND, **INVALID},
    summary="A pupil's SEN status history",
    operation_id="list_pupil_sen_statuses",
)
def list_sen_statuses(request: HttpRequest, pupil_id: PupilId, query: Query[PageQuery]) -> dict:
    """Every SEN status the pupil has had, newest first: the status, from when, why and who decided."""
    user = caller(request)
    pupil = get_visible_pupil(user, pupil_id)
    items, page = page_of(status_history(pupil), query)
    record_view(user=user, pupil=pupil, what="API: SEN status history")
    staff = pupil.school_id in staff_school_ids(user)
    return {**page, "items": [status_out(status, staff=staff) for status in items]}


@router.get(
    "/{pupil_id}/needs",
    response={200: NeedPage, **UNAUTHORISED, **NOT_FOUND, **INVALID},
    summary="A pupil's needs, current and past",
    operation_id="list_pupil_needs",
)
def list_needs(request: HttpRequest, pupil_id: PupilId, query: Query[NeedQuery]) -> dict:
    """Ranked types of need (census codes), newest first. Filter with ``current``."""
    user = caller(request)
    pupil = get_visible_pupil(user, pupil_id)
    needs = need_history(pupil)
    if query.current is not None:
        needs = needs.filter(end_date__isnull=query.current)
    items, page = page_of(needs.order_by("-start_date", "rank", "-id"), query)
    record_view(user=user, pupil=pupil, what="API: needs")
    return {**page, "items": [need_out(need) for need in items]}
