"""Pupils the caller may see: a filterable list, one pupil by id, and one by UPN.

Staff at the pupil's school see the whole record; a parent sees what the pupil page shows them
(no UPN, legal name or date of birth), exactly as on the website.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema
from pydantic import WithJsonSchema

from sendsupport.accounts.access import staff_school_ids
from sendsupport.api.auth import caller
from sendsupport.api.errors import invalid
from sendsupport.api.pagination import page_of
from sendsupport.api.routers.sen import NeedOut, need_out
from sendsupport.api.schemas import (
    INVALID,
    MAX_ID,
    MAX_SEARCH_LENGTH,
    NO_CONTROL_CHARACTERS,
    NOT_FOUND,
    UNAUTHORISED,
    PageOut,
    PageQuery,
    SearchQuery,
)
from sendsupport.api.selectors import PupilFilters, api_pupils, get_api_pupil
from sendsupport.audit.remembered_pages import remember_page
from sendsupport.audit.services import pupils_shown, record_export, record_list_view, record_view
from sendsupport.pupils.codes import YEAR_GROUPS, BroadArea, NeedType, Provision
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.upn import UPNError, validate_upn

router = Router(tags=["Pupils"])

PupilId = Annotated[int, Path(ge=1, le=MAX_ID, description="The pupil's id in sendsupport.")]
# The shape is documented for clients; the check itself is ``validate_upn``, whose messages name the rule broken.
UPNText = Annotated[
    str,
    WithJsonSchema({"type": "string", "pattern": "^[A-Za-z][0-9]{11}[0-9A-Za-z]$"}),
    Path(description="Unique pupil number: 13 characters, a check letter then 12 digits (the last may be a letter)."),
]
YearGroup = Literal[tuple(code for code, _ in YEAR_GROUPS)]  # type: ignore[valid-type]


class SchoolRefOut(Schema):
    id: int
    name: str


class PupilRecordOut(Schema):
    """Details only staff at the pupil's school see."""

    upn: str
    legal_first_name: str
    legal_last_name: str
    preferred_first_name: str
    preferred_last_name: str
    date_of_birth: date
    sex: Literal["F", "M"]
    registration_group: str | None
    on_roll_from: date
    on_roll_until: date | None


class PupilOut(Schema):
    id: int
    school: SchoolRefOut
    display_name: str = Field(..., description="Preferred names where given, otherwise legal names.")
    year_group: YearGroup
    current_provision: Provision = Field(
        ..., description="N no special educational provision, K SEN support, E EHC plan."
    )
    primary_need: NeedType | None
    secondary_need: NeedType | None
    record: PupilRecordOut | None = Field(
        ..., description="The pupil's details; null unless you are on the staff of the pupil's school."
    )


class PupilDetailOut(PupilOut):
    teaching_groups: list[str] | None = Field(
        ..., description="Null unless you are on the staff of the pupil's school."
    )
    current_needs: list[NeedOut]


class PupilPage(PageOut):
    items: list[PupilOut]


class PupilListQuery(PageQuery, SearchQuery):
    search: str | None = Field(
        None,
        max_length=MAX_SEARCH_LENGTH,
        description="Words to find, as on the register page: each word must match part of a legal or preferred "
        "name, a whole UPN or a registration group's name. Not case-sensitive. No control characters.",
        json_schema_extra={"pattern": NO_CONTROL_CHARACTERS},
    )
    school: int | None = Field(None, ge=1, le=MAX_ID, description="Only pupils at this school (its id).")
    status: Provision | None = Field(None, description="Only pupils whose current SEN status is this.")
    need: NeedType | None = Field(None, description="Only pupils with this current primary or secondary need.")
    area: BroadArea | None = Field(None, description="Only pupils with a current need in this broad area of need.")
    year_group: YearGroup | None = Field(None, description="Only pupils in this year group.")


def record_out(pupil: Pupil) -> dict:
    return {
        "upn": pupil.upn,
        "legal_first_name": pupil.legal_first_name,
        "legal_last_name": pupil.legal_last_name,
        "preferred_first_name": pupil.preferred_first_name,
        "preferred_last_name": pupil.preferred_last_name,
        "date_of_birth": pupil.date_of_birth,
        "sex": pupil.sex,
        "registration_group": pupil.registration_group.name if pupil.registration_group else None,
        "on_roll_from": pupil.on_roll_from,
        "on_roll_until": pupil.on_roll_until,
    }


def pupil_out(pupil: Pupil, *, staff: bool) -> dict:
    return {
        "id": pupil.pk,
        "school": {"id": pupil.school_id, "name": pupil.school.name},
        "display_name": pupil.display_name,
        "year_group": pupil.year_group,
        "current_provision": pupil.current_provision or Provision.NONE,
        "primary_need": pupil.primary_need,
        "secondary_need": pupil.secondary_need,
        "record": record_out(pupil) if staff else None,
    }


def pupil_detail_out(pupil: Pupil, *, staff: bool) -> dict:
    needs = pupil.sen_needs.filter(end_date__isnull=True).order_by("rank")
    return {
        **pupil_out(pupil, staff=staff),
        "teaching_groups": sorted(group.name for group in pupil.teaching_groups.all()) if staff else None,
        "current_needs": [need_out(need) for need in needs],
    }


@router.get("", response={200: PupilPage, **UNAUTHORISED, **INVALID}, summary="List pupils", operation_id="list_pupils")
@remember_page(who=caller)
def list_pupils(request: HttpRequest, query: Query[PupilListQuery]) -> dict:
    """The pupils you may see, filtered, in surname order. Each school's pupils listed are logged in its audit log."""
    user = caller(request)
    filters = PupilFilters(
        school_id=query.school,
        status=query.status or "",
        need=query.need or "",
        area=query.area or "",
        year_group=query.year_group or "",
        search=(query.search or "").strip(),
    )
    items, page = page_of(api_pupils(user, filters), query)
    staff_at = staff_school_ids(user)
    for school_id, count in sorted(Counter(pupil.school_id for pupil in items).items()):
        record_export(user=user, school_id=school_id, pupil=None, what=f"API: listed {count} pupils")
    record_list_view(user=user, shown=pupils_shown(items), what="API: listed among pupils")
    return {**page, "items": [pupil_out(pupil, staff=pupil.school_id in staff_at) for pupil in items]}


@router.get(
    "/by-upn/{upn}",
    response={200: PupilDetailOut, **UNAUTHORISED, **NOT_FOUND, **INVALID},
    summary="Find a pupil by UPN",
    operation_id="get_pupil_by_upn",
)
def get_pupil_by_upn(request: HttpRequest, upn: UPNText) -> dict:
    """The pupil with this unique pupil number, if you may see them. A UPN that breaks the DfE rules gets 422."""
    try:
        canonical = validate_upn(upn)
    except UPNError as error:
        raise invalid("upn", str(error)) from error
    user = caller(request)
    pupil = get_api_pupil(user, upn=canonical)
    record_view(user=user, pupil=pupil, what="API: pupil record, found by UPN")
    return pupil_detail_out(pupil, staff=pupil.school_id in staff_school_ids(user))


@router.get(
    "/{pupil_id}",
    response={200: PupilDetailOut, **UNAUTHORISED, **NOT_FOUND, **INVALID},
    summary="One pupil",
    operation_id="get_pupil",
)
def get_pupil(request: HttpRequest, pupil_id: PupilId) -> dict:
    user = caller(request)
    pupil = get_api_pupil(user, pupil_id=pupil_id)
    record_view(user=user, pupil=pupil, what="API: pupil record")
    return pupil_detail_out(pupil, staff=pupil.school_id in staff_school_ids(user))
