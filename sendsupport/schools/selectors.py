"""Reads of school staff, groups and the named SENCO, always for one school."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet

from sendsupport.schools.models import (
    CLASSROOM_STAFF,
    REGISTER_MANAGERS,
    Group,
    School,
    SchoolSenco,
    StaffMembership,
)


def staff_of(school: School) -> QuerySet[StaffMembership]:
    return (
        StaffMembership.objects.filter(school=school)
        .select_related("user")
        .prefetch_related(Prefetch("user__teaching_groups", queryset=Group.objects.filter(school=school)))
        .order_by("-active", "user__last_name", "user__first_name", "role")
    )


def groups_of(school: School) -> QuerySet[Group]:
    return (
        Group.objects.filter(school=school)
        .annotate(pupil_count=Count("pupils", distinct=True) + Count("registered_pupils", distinct=True))
        .prefetch_related("staff")
        .order_by("kind", "name")
    )


def staff_users(school: School) -> QuerySet:
    """People who work with pupils at the school (not governors): who may be named SENCO or deputy."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            memberships__school=school, memberships__active=True, memberships__role__in=REGISTER_MANAGERS | CLASSROOM_STAFF
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def senco_record(school: School) -> SchoolSenco | None:
    """The school's SENCO record (named SENCO, deputy, qualification), or None if never set."""
    return SchoolSenco.objects.filter(school=school).select_related("senco", "deputy").first()


@dataclass(frozen=True)
class SencoContact:
    """How letters, plans and emails name a SENCO or deputy, and how to reach them."""

    name: str
    email: str
    phone: str
    title: str = "SENCO"

    def __str__(self) -> str:
        return self.name


def _contact(user: Any, email: str, phone: str, title: str) -> SencoContact | None:
    if user is None:
        return None
    return SencoContact(
        name=user.get_full_name() or user.get_username(), email=email or user.email, phone=phone, title=title
    )


def named_senco(school: School) -> SencoContact | None:
    """The SENCO the school has named, or None: never guessed from who holds the SENCO role."""
    record = senco_record(school)
    return _contact(record.senco, record.senco_email, record.senco_phone, "SENCO") if record else None


def named_deputy(school: School) -> SencoContact | None:
    record = senco_record(school)
    return _contact(record.deputy, record.deputy_email, record.deputy_phone, "Deputy SENCO") if record else None


def npq_due_on(record: SchoolSenco) -> date | None:
    """When the NPQ for SENCOs falls due: the appointment date plus ``SENCO_NPQ_YEARS`` (reg. 49)."""
    if record.appointed_on is None:
        return None
    years = int(settings.SENDSUPPORT.get("SENCO_NPQ_YEARS", 3))
    appointed = record.appointed_on
    try:
        return appointed.replace(year=appointed.year + years)
    except ValueError:  # appointed on 29 February: due on 28 February
        return appointed.replace(year=appointed.year + years, day=28)
