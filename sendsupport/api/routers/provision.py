"""Provision: the intervention library, provisions, their delivered sessions, and a pupil's costs.

The same rules as the pages: the library for staff of the school; provisions as
``Provision.objects.visible_to`` gives them; members and attendance of every pupil only to those
who deliver the provision or manage the school, otherwise only of pupils the caller may see. Costs
of any kind only to callers passing ``provision.view_costs`` (the SENCO and head): no other answer
has a cost field, so salaries cannot be worked out from it.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import rules
from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema

from sendsupport.api.auth import caller
from sendsupport.api.pagination import page_of
from sendsupport.api.schemas import INVALID, MAX_ID, NOT_FOUND, UNAUTHORISED, PageOut, PageQuery
from sendsupport.audit.services import record_export, record_view
from sendsupport.core import dates
from sendsupport.provision import selectors as cost_selectors
from sendsupport.provision import selectors_sessions as selectors
from sendsupport.provision.choices import Attendance, DelivererRole, FundingStream
from sendsupport.provision.models import Provision
from sendsupport.pupils.codes import BroadArea
from sendsupport.pupils.lookup import visible_pupil
from sendsupport.schools.models import SchoolPolicy

router = Router(tags=["Provision"])

PupilId = Annotated[int, Path(ge=1, le=MAX_ID, description="The pupil's id in sendsupport.")]
ProvisionId = Annotated[int, Path(ge=1, le=MAX_ID, description="The provision's id in sendsupport.")]


class InterventionOut(Schema):
    id: int
    school_id: int = Field(..., description="The school whose library it is in.")
    name: str
    area: BroadArea
    area_label: str
    description: str
    evidence: str
    evidence_url: str
    group_size: int
    session_minutes: int
    sessions_per_week: int
    delivered_by: DelivererRole
    delivered_by_label: str
    shared_with_trust: bool
    active: bool = Field(..., description="Offered now.")


class InterventionPage(PageOut):
    items: list[InterventionOut]


class InterventionQuery(PageQuery):
    school: int | None = Field(
        None, ge=1, le=MAX_ID, description="Only this school's library (with what its trust shares)."
    )


class InterventionRef(Schema):
    id: int
    name: str


class MemberOut(Schema):
    pupil_id: int
    name: str
    joined_on: date
    left_on: date | None


class ProvisionOut(Schema):
    id: int
    school_id: int
    name: str
    intervention: InterventionRef
    one_to_one: bool
    deliverer_role: DelivererRole
    deliverer_role_label: str
    deliverers: list[str] | None = Field(..., description="Staff who deliver it; null unless you are staff.")
    external_deliverer: str
    sessions_per_week: int
    session_minutes: int
    starts_on: date
    ends_on: date | None
    place: str
    funding: FundingStream
    funding_label: str
    members: list[MemberOut] = Field(
        ..., description="Every member if you deliver it or manage the school; otherwise only pupils you may see."
    )


class ProvisionPage(PageOut):
    items: list[ProvisionOut]


class AttendanceOut(Schema):
    pupil_id: int
    name: str
    status: Attendance


class SessionOut(Schema):
    id: int
    held_on: date
    minutes: int
    cancelled: bool
    cancelled_reason: str
    note: str | None = Field(..., description="Null unless you deliver the provision or manage the school.")
    attendance: list[AttendanceOut] = Field(
        ..., description="Every member if you deliver it or manage the school; otherwise only pupils you may see."
    )


class SessionPage(PageOut):
    items: list[SessionOut]


class ProvisionCostOut(Schema):
    provision_id: int
    provision_name: str
    planned_to_date_pence: int = Field(..., description="The pupil's share of the cost planned so far this year.")
    delivered_to_date_pence: int = Field(..., description="The pupil's share of the sessions delivered so far.")
    planned_year_pence: int = Field(..., description="The share planned for the whole academic year.")
    projected_year_pence: int = Field(..., description="Delivered so far, with the plan for the rest of the year.")
    costed: bool = Field(
        ..., description="False when its deliverers have no hourly cost set: staff time counts as nothing."
    )


class PupilCostsOut(Schema):
    pupil_id: int
    as_of: date
    year_starts_on: date
    year_ends_on: date
    element2_threshold_pence: int
    provisions: list[ProvisionCostOut]
    planned_to_date_pence: int
    delivered_to_date_pence: int
    planned_year_pence: int
    projected_year_pence: int


def intervention_out(intervention: Any) -> dict:
    return {
        "id": intervention.pk,
        "school_id": intervention.school_id,
        "name": intervention.name,
        "area": intervention.area,
        "area_label": intervention.get_area_display(),
        "description": intervention.description,
        "evidence": intervention.evidence,
        "evidence_url": intervention.evidence_url,
        "group_size": intervention.group_size,
        "session_minutes": intervention.session_minutes,
        "sessions_per_week": intervention.sessions_per_week,
        "delivered_by": intervention.delivered_by,
        "delivered_by_label": intervention.get_delivered_by_display(),
        "shared_with_trust": intervention.shared_with_trust,
        "active": intervention.active,
    }


def person(user: Any) -> str:
    return user.get_full_name() or user.get_username()


def provision_out(provision: Provision, reader: selectors.Reader) -> dict:
    return {
        "id": provision.pk,
        "school_id": provision.school_id,
        "name": provision.name,
        "intervention": {"id": provision.intervention_id, "name": provision.intervention.name},
        "one_to_one": provision.one_to_one,
        "deliverer_role": provision.deliverer_role,
        "deliverer_role_label": provision.get_deliverer_role_display(),
        "deliverers": [person(user) for user in provision.deliverers.all()] if reader.is_staff_for(provision) else None,
        "external_deliverer": provision.external_deliverer,
        "sessions_per_week": provision.sessions_per_week,
        "session_minutes": provision.session_minutes,
        "starts_on": provision.starts_on,
        "ends_on": provision.ends_on,
        "place": provision.place,
        "funding": provision.funding,
        "funding_label": provision.get_funding_display(),
        "members": [
            {
                "pupil_id": member.pupil_id,
                "name": member.pupil.display_name,
                "joined_on": member.joined_on,
                "left_on": member.left_on,
            }
            for member in provision.members.all()
            if reader.sees(provision, member.pupil_id)
        ],
    }


def session_out(session: Any, provision: Provision, reader: selectors.Reader) -> dict:
    everyone = reader.sees_everyone_in(provision)
    return {
        "id": session.pk,
        "held_on": session.held_on,
        "minutes": session.minutes,
        "cancelled": session.cancelled,
        "cancelled_reason": session.cancelled_reason,
        # A note may speak of any member: only for those who see every member.
        "note": session.note if everyone else None,
        "attendance": [
            {"pupil_id": row.pupil_id, "name": row.pupil.display_name, "status": row.status}
            for row in session.attendance.all()
            if reader.sees(provision, row.pupil_id)
        ],
    }


@router.get(
    "/interventions",
    response={200: InterventionPage, **UNAUTHORISED, **INVALID},
    summary="The intervention library",
    operation_id="list_interventions",
)
def list_interventions(request: HttpRequest, query: Query[InterventionQuery]) -> dict:
    """The libraries of the schools where you are staff, with what their trusts share; empty for anyone else."""
    items, page = page_of(selectors.api_interventions(caller(request), query.school), query)
    return {**page, "items": [intervention_out(item) for item in items]}


@router.get(
    "/provisions",
    response={200: ProvisionPage, **UNAUTHORISED, **INVALID},
    summary="Provisions you may see",
    operation_id="list_provisions",
)
def list_provisions(request: HttpRequest, query: Query[PageQuery]) -> dict:
    """SENCOs and heads: every provision at their schools. Teachers and TAs: those they deliver and those with
    a pupil they may see. Parents: those their child belongs to, showing only their child."""
    user = caller(request)
    items, page = page_of(selectors.api_provisions(user), query)
    reader = selectors.reader_for(user, items)
    for school_id in sorted({provision.school_id for provision in items}):
        record_export(user=user, school_id=school_id, pupil=None, what="API: listed provisions")
    return {**page, "items": [provision_out(provision, reader) for provision in items]}


@router.get(
    "/provisions/{provision_id}",
    response={200: ProvisionOut, **UNAUTHORISED, **NOT_FOUND, **INVALID},
    summary="One provision",
    operation_id="get_provision",
)
def get_provision(request: HttpRequest, provision_id: ProvisionId) -> dict:
    user = caller(request)
    provision = selectors.api_provisions(user).filter(pk=provision_id).first()
    if provision is None:
        raise Http404("Not found")
    record_export(user=user, school_id=provision.school_id, pupil=None, what=f"API: provision {provision.name}")
    return provision_out(provision, selectors.reader_for(user, [provision]))


@router.get(
    "/provisions/{provision_id}/sessions",
    response={200: SessionPage, **UNAUTHORISED, **NOT_FOUND, **INVALID},
    summary="A provision's delivered sessions, with attendance",
    operation_id="list_provision_sessions",
)
def list_provision_sessions(request: HttpRequest, provision_id: ProvisionId, query: Query[PageQuery]) -> dict:
    """Newest first. Parents see only their own child's attendance, and no notes."""
    user = caller(request)
    provision = selectors.api_provision(user, provision_id)
    items, page = page_of(selectors.sessions_of(provision), query)
    reader = selectors.reader_for(user, [provision])
    record_export(user=user, school_id=provision.school_id, pupil=None, what=f"API: sessions of {provision.name}")
    return {**page, "items": [session_out(session, provision, reader) for session in items]}


@router.get(
    "/pupils/{pupil_id}/provision-costs",
    response={200: PupilCostsOut, **UNAUTHORISED, **NOT_FOUND, **INVALID},
    summary="A pupil's share of the cost of each provision",
    operation_id="get_pupil_provision_costs",
)
def get_pupil_provision_costs(request: HttpRequest, pupil_id: PupilId) -> dict:
    """For the SENCO and head only (404 for anyone else): planned and delivered cost this academic year,
    the same figures as the provision map, in pence."""
    user = caller(request)
    pupil = visible_pupil(user, pupil_id, "view_pupil")
    if not rules.test_rule("provision.view_costs", user, pupil.school):
        raise Http404("Not found")
    day = dates.today()
    costs = cost_selectors.pupil_costs(pupil, day=day)
    shares = costs.pupils.get(pupil.pk, [])
    names = dict(Provision.objects.filter(pk__in=[s.provision_id for s in shares]).values_list("pk", "name"))
    record_view(user=user, pupil=pupil, what="API: provision costs")
    fields = ("planned_to_date", "delivered_to_date", "planned_year", "projected_year")
    return {
        "pupil_id": pupil.pk,
        "as_of": day,
        "year_starts_on": costs.year.start,
        "year_ends_on": costs.year.end,
        "element2_threshold_pence": SchoolPolicy.for_school(pupil.school).element2_threshold_pence,
        "provisions": [
            {
                "provision_id": share.provision_id,
                "provision_name": names.get(share.provision_id, ""),
                **{f"{name}_pence": getattr(share, name) for name in fields},
                "costed": share.provision_id not in costs.uncosted,
            }
            for share in sorted(shares, key=lambda s: (names.get(s.provision_id, ""), s.provision_id))
        ],
        **{f"{name}_pence": costs.pupil_total(pupil.pk, name) for name in fields},
    }
