"""Reads for the API and the token pages, always scoped by the person asking."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from sendsupport.accounts.access import STAFF_ROLES, la_ids_for, school_ids_with_roles, schools_for
from sendsupport.api.models import ApiToken
from sendsupport.pupils.filters import PupilFilterSet
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.selectors import visible_pupils, with_current_sen
from sendsupport.schools.models import School, StaffMembership


def may_use_api(user: Any) -> bool:
    """Staff who work with pupils (SENCO, head, teacher, TA) and LA officers may make API tokens.

    Parents, governors and people with no role have no program to connect: they are not offered tokens.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return school_ids_with_roles(user, STAFF_ROLES).exists() or la_ids_for(user).exists()


def tokens_for(user: Any) -> QuerySet[ApiToken]:
    """A person's own tokens, newest first. Nobody sees anyone else's."""
    if user is None or not user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def get_own_token(user: Any, token_id: int) -> ApiToken:
    token = tokens_for(user).filter(pk=token_id).first()
    if token is None:
        raise Http404("Not found")
    return token


def visible_schools(user: Any) -> QuerySet[School]:
    """Schools where the user works (any role), and for LA officers the schools in their authority.

    Seeing a school is not seeing its pupils: that is always decided by ``visible_pupils``.
    Each school carries ``my_memberships``: the caller's own active roles there.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return School.objects.none()
    return (
        School.objects.filter(Q(pk__in=schools_for(user).values("pk")) | Q(local_authority_id__in=la_ids_for(user)))
        .select_related("local_authority", "trust")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=StaffMembership.objects.filter(user=user, active=True).order_by("role"),
                to_attr="my_memberships",
            )
        )
        .order_by("name", "pk")
    )


def get_visible_school(user: Any, school_id: int) -> School:
    school = visible_schools(user).filter(pk=school_id).first()
    if school is None:
        raise Http404("Not found")
    return school


@dataclass(frozen=True)
class PupilFilters:
    school_id: int | None = None
    status: str = ""  # K, E or N; "" for every pupil the caller may see
    need: str = ""
    area: str = ""
    year_group: str = ""
    search: str = ""


def api_pupils(user: Any, filters: PupilFilters) -> QuerySet[Pupil]:
    """The pupils this user may see, filtered as the register page filters; one query to list."""
    pupils = visible_pupils(user).select_related("school", "registration_group")
    if filters.school_id is not None:
        pupils = pupils.filter(school_id=filters.school_id)
    data = {
        "status": filters.status,
        "need": filters.need,
        "area": filters.area,
        "year_group": filters.year_group,
        "q": filters.search,
    }
    return PupilFilterSet(data, pupils).ordered


def get_api_pupil(user: Any, *, pupil_id: int | None = None, upn: str | None = None) -> Pupil:
    """One pupil with current SEN annotations, by id or UPN; 404 if missing or not visible."""
    pupils = with_current_sen(
        visible_pupils(user).select_related("school", "registration_group").prefetch_related("teaching_groups")
    )
    pupil = pupils.filter(pk=pupil_id).first() if pupil_id is not None else pupils.filter(upn=upn).first()
    if pupil is None:
        raise Http404("Not found")
    return pupil
