"""Reads of school staff, groups and the named SENCO, always for one school."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value, When

from sendsupport.schools.models import (
    CLASSROOM_STAFF,
    REGISTER_MANAGERS,
    Group,
    Role,
    School,
    SchoolSenco,
    StaffMembership,
)

# Lists of staff to choose from start with the people who work with the pupil in class.
ROLE_ORDER = [Role.TEACHER, Role.TA, Role.SENCO, Role.HEAD, Role.GOVERNOR]
# A role as it reads after a name: "Priya Shah (teacher)".
ROLE_WORDS = {
    Role.SENCO: "SENCO",
    Role.HEAD: "head teacher",
    Role.TEACHER: "teacher",
    Role.TA: "teaching assistant",
    Role.GOVERNOR: "governor",
}


def with_role_at(users: QuerySet, school_id: int) -> QuerySet:
    """Annotate each user with their main active role and job title at the school, and order by role.

    Subqueries, not a join, so a person with two roles is listed once.
    """
    rank = Case(
        *[When(role=role, then=Value(index)) for index, role in enumerate(ROLE_ORDER)],
        default=Value(len(ROLE_ORDER)),
        output_field=IntegerField(),
    )
    main = (
        StaffMembership.objects.filter(school_id=school_id, user=OuterRef("pk"), active=True)
        .annotate(rank=rank)
        .order_by("rank", "id")
    )
    return users.annotate(
        staff_role=Subquery(main.values("role")[:1]),
        staff_job_title=Subquery(main.values("job_title")[:1]),
        staff_rank=Subquery(main.values("rank")[:1]),
    ).order_by("staff_rank", "last_name", "first_name", "username")


def staff_label(user: Any) -> str:
    """A name with the person's job or role, so two people of the same name, or a name alone, are clear."""
    name = user.get_full_name() or user.get_username()
    role = (getattr(user, "staff_job_title", "") or "").strip() or ROLE_WORDS.get(getattr(user, "staff_role", None))
    if not role:
        return name
    if not role[:2].isupper():  # "Class teacher" reads "class teacher" after a name; "SENCO" stays
        role = role[:1].lower() + role[1:]
    return f"{name} ({role})"


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
            memberships__school=school,
            memberships__active=True,
            memberships__role__in=REGISTER_MANAGERS | CLASSROOM_STAFF,
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
