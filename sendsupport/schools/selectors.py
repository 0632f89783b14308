"""Reads of school staff and groups, always for one school the user manages."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from sendsupport.schools.models import Group, School, StaffMembership


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
