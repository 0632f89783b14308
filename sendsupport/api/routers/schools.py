"""Schools the caller works at (or, for LA officers, in their authority), and their SEN figures."""

from __future__ import annotations

from typing import Annotated

import rules
from django.db.models import Q
from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema

from sendsupport.api.auth import caller
from sendsupport.api.pagination import page_of
from sendsupport.api.schemas import (
    INVALID,
    MAX_ID,
    NOT_FOUND,
    UNAUTHORISED,
    AuthorityOut,
    PageOut,
    PageQuery,
    SearchQuery,
)
from sendsupport.api.selectors import get_visible_school, visible_schools
from sendsupport.core.suppression import Shown, threshold
from sendsupport.pupils.selectors import shareable_figures
from sendsupport.schools.models import School

router = Router(tags=["Schools"])

SchoolId = Annotated[int, Path(ge=1, le=MAX_ID, description="The school's id in sendsupport.")]


class SchoolOut(Schema):
    id: int
    urn: str = Field(..., description="Unique reference number.")
    laestab: str = Field(..., description="LA number and DfE establishment number together.")
    name: str
    phase: str
    local_authority: AuthorityOut
    trust: str | None
    your_roles: list[str] = Field(
        ..., description="Your roles at this school; empty when you see it as a local authority officer."
    )


class SchoolPage(PageOut):
    items: list[SchoolOut]


class SchoolListQuery(PageQuery, SearchQuery):
    phase: School.Phase | None = Field(None, description="Only schools of this phase.")


WITHHELD_FIELDS = Field(
    ...,
    description="The names of this object's counts that are withheld (null): fewer than the small-number "
    "threshold, or a figure that would let one be worked out.",
)


class AreaCountOut(Schema):
    area: str
    label: str
    count: int | None
    withheld: list[str] = WITHHELD_FIELDS


class YearCountOut(Schema):
    year_group: str
    label: str
    sen_support: int | None
    ehc_plan: int | None
    withheld: list[str] = WITHHELD_FIELDS


class FiguresOut(Schema):
    """Counts only: never a name or a UPN. Small counts, and any count that would reveal one, are null."""

    school_id: int
    small_number_threshold: int = Field(..., description="Counts from 1 to one less than this are withheld.")
    on_roll: int | None
    sen_support: int | None
    ehc_plan: int | None
    withheld: list[str] = WITHHELD_FIELDS
    by_primary_area_of_need: list[AreaCountOut]
    by_year_group: list[YearCountOut]


def _counts(**counts: Shown) -> dict:
    """The counts as numbers or null, with the names of the null ones under ``withheld``."""
    return {
        **{name: shown.value for name, shown in counts.items()},
        "withheld": [name for name, shown in counts.items() if shown.withheld],
    }


def school_out(school: School) -> dict:
    return {
        "id": school.pk,
        "urn": school.urn,
        "laestab": school.laestab,
        "name": school.name,
        "phase": school.phase,
        "local_authority": {
            "id": school.local_authority_id,
            "number": school.local_authority.number,
            "name": school.local_authority.name,
        },
        "trust": school.trust.name if school.trust else None,
        "your_roles": [membership.role for membership in school.my_memberships],
    }


@router.get(
    "", response={200: SchoolPage, **UNAUTHORISED, **INVALID}, summary="List your schools", operation_id="list_schools"
)
def list_schools(request: HttpRequest, query: Query[SchoolListQuery]) -> dict:
    """Schools where you hold a role; for local authority officers, every school in their authority."""
    schools = visible_schools(caller(request))
    if query.phase:
        schools = schools.filter(phase=query.phase)
    if query.search and query.search.strip():
        term = query.search.strip()
        schools = schools.filter(Q(name__icontains=term) | Q(urn=term))
    items, page = page_of(schools, query)
    return {**page, "items": [school_out(school) for school in items]}


@router.get(
    "/{school_id}",
    response={200: SchoolOut, **UNAUTHORISED, **NOT_FOUND, **INVALID},
    summary="One school",
    operation_id="get_school",
)
def get_school(request: HttpRequest, school_id: SchoolId) -> dict:
    return school_out(get_visible_school(caller(request), school_id))


@router.get(
    "/{school_id}/figures",
    response={200: FiguresOut, **UNAUTHORISED, **NOT_FOUND, **INVALID},
    summary="The school's SEN figures",
    operation_id="get_school_figures",
)
def get_school_figures(request: HttpRequest, school_id: SchoolId) -> dict:
    """Pupils on roll, on SEN support and with an EHC plan, by primary area of need and year group.

    For governors, SENCOs and heads of the school.
    """
    user = caller(request)
    school = get_visible_school(user, school_id)
    if not rules.test_rule("view_school_aggregates", user, school):
        raise Http404("Not found")
    figures = shareable_figures(school)
    return {
        "school_id": school.pk,
        "small_number_threshold": threshold(),
        **_counts(on_roll=figures.on_roll, sen_support=figures.sen_support, ehc_plan=figures.ehc_plan),
        "by_primary_area_of_need": [
            {"area": code, "label": label, **_counts(count=count)} for code, label, count in figures.by_area
        ],
        "by_year_group": [
            {"year_group": code, "label": label, **_counts(sen_support=k, ehc_plan=e)}
            for code, label, k, e in figures.by_year_group
        ],
    }
