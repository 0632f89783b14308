"""Which schools a person works at, and in what role. The one place role membership is read."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from sendsupport.schools.models import CLASSROOM_STAFF, REGISTER_MANAGERS, Role, School

STAFF_ROLES = REGISTER_MANAGERS | CLASSROOM_STAFF


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def school_ids_with_roles(user: Any, roles: frozenset[str] | set[str]) -> QuerySet:
    """Ids of schools where the user holds one of ``roles`` (a subquery, not a list)."""
    from sendsupport.schools.models import StaffMembership

    if not _active(user):
        return StaffMembership.objects.none().values("school_id")
    return StaffMembership.objects.filter(user=user, active=True, role__in=roles).values("school_id")


def schools_for(user: Any) -> QuerySet[School]:
    """Every school where the user holds any active role."""
    if not _active(user):
        return School.objects.none()
    return School.objects.filter(memberships__user=user, memberships__active=True).distinct()


def roles_at(user: Any, school: School | None) -> set[str]:
    if school is None or not _active(user):
        return set()
    return set(school.memberships.filter(user=user, active=True).values_list("role", flat=True))


def is_parent(user: Any) -> bool:
    return _active(user) and user.contacts.exists()


def la_ids_for(user: Any) -> QuerySet:
    from sendsupport.schools.models import LocalAuthorityMembership

    if not _active(user):
        return LocalAuthorityMembership.objects.none().values("local_authority_id")
    return LocalAuthorityMembership.objects.filter(user=user, active=True).values("local_authority_id")


def manages(user: Any, school: School | None) -> bool:
    """SENCOs and heads keep the register, manage staff and parents, and read the audit log."""
    return bool(roles_at(user, school) & REGISTER_MANAGERS)


def sees_aggregates(user: Any, school: School | None) -> bool:
    """Governors, SENCOs and heads see the school's counts (never names, for governors)."""
    return bool(roles_at(user, school) & (REGISTER_MANAGERS | {Role.GOVERNOR}))


def is_staff_at(user: Any, school: School | None) -> bool:
    """The one definition of staff: a SENCO, head, teacher or TA at ``school``. A governor is not
    staff: a governor who is also a parent sees their own child as a parent does."""
    return bool(roles_at(user, school) & STAFF_ROLES)


def is_staff_for(user: Any, pupil: Any) -> bool:
    """True for SENCOs, heads, teachers and TAs working at the pupil's school."""
    return pupil is not None and is_staff_at(user, pupil.school)


def staff_school_ids(user: Any) -> set[int]:
    """Ids of the schools where the user is staff (``is_staff_at``), for lists of many pupils."""
    return set(school_ids_with_roles(user, STAFF_ROLES).values_list("school_id", flat=True))
