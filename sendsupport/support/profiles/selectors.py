"""Reads of pupil passports and of who has read them.

Pages pass a pupil already fetched with ``get_visible_pupil``. The bulk selectors
(``current_profiles``, ``staff_working_with``, ``unacknowledged_staff``) take pupil ids the caller
has already scoped to the user, and run a fixed number of queries whatever the number of pupils.

"Staff who work with the pupil" are active teachers and TAs at the pupil's school who are linked
(``Group.staff``) to the pupil's registration group or to any of the pupil's teaching groups.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery

from sendsupport.accounts.access import roles_at
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.selectors import visible_pupils
from sendsupport.schools.models import CLASSROOM_STAFF, Group, School, StaffMembership
from sendsupport.support.profiles.models import ProfileAcknowledgement, PupilProfile


def _sorted_people(people: Iterable[Any]) -> list[Any]:
    return sorted(people, key=lambda u: (u.last_name.lower(), u.first_name.lower(), u.username))


def current_profile(pupil: Pupil) -> PupilProfile | None:
    return pupil.profiles.select_related("created_by").order_by("-version").first()


def get_version(pupil: Pupil, version: int) -> PupilProfile | None:
    return pupil.profiles.select_related("created_by").filter(version=version).first()


def versions_of(pupil: Pupil) -> QuerySet[PupilProfile]:
    """Every version, newest first, with how many staff read each: one query."""
    return pupil.profiles.select_related("created_by").annotate(read_by=Count("acknowledgements")).order_by("-version")


def current_profiles(pupil_ids: Iterable[int]) -> dict[int, PupilProfile | None]:
    """The current passport of each pupil (None if none has been written), in one query."""
    ids = list(pupil_ids)
    result: dict[int, PupilProfile | None] = dict.fromkeys(ids)
    if not ids:
        return result
    latest = PupilProfile.objects.filter(pupil_id=OuterRef("pupil_id")).order_by("-version").values("version")[:1]
    for profile in PupilProfile.objects.filter(pupil_id__in=ids, version=Subquery(latest)):
        result[profile.pupil_id] = profile
    return result


def staff_working_with(pupil_ids: Iterable[int]) -> dict[int, list[Any]]:
    """Active teachers and TAs linked to each pupil's groups, in three queries."""
    ids = list(pupil_ids)
    groups_of: dict[int, set[int]] = {pupil_id: set() for pupil_id in ids}
    if not ids:
        return {}
    for pupil_id, group_id in Pupil.objects.filter(pk__in=ids, registration_group__isnull=False).values_list(
        "pk", "registration_group_id"
    ):
        groups_of[pupil_id].add(group_id)
    for pupil_id, group_id in Pupil.teaching_groups.through.objects.filter(pupil_id__in=ids).values_list(
        "pupil_id", "group_id"
    ):
        groups_of[pupil_id].add(group_id)
    all_groups = set().union(*groups_of.values())
    works_there = StaffMembership.objects.filter(
        user_id=OuterRef("user_id"), school_id=OuterRef("group__school_id"), active=True, role__in=CLASSROOM_STAFF
    )
    staff_of_group: dict[int, dict[int, Any]] = {}
    links = (
        Group.staff.through.objects.filter(group_id__in=all_groups, user__is_active=True)
        .filter(Exists(works_there))
        .select_related("user")
    )
    for link in links:
        staff_of_group.setdefault(link.group_id, {})[link.user_id] = link.user
    result: dict[int, list[Any]] = {}
    for pupil_id, group_ids in groups_of.items():
        people: dict[int, Any] = {}
        for group_id in group_ids:
            people.update(staff_of_group.get(group_id, {}))
        result[pupil_id] = _sorted_people(people.values())
    return result


def acknowledged_current(pupil_ids: Iterable[int]) -> dict[int, dict[int, ProfileAcknowledgement]]:
    """For each pupil: who has read the current version, by user id, in one query."""
    ids = list(pupil_ids)
    result: dict[int, dict[int, ProfileAcknowledgement]] = {pupil_id: {} for pupil_id in ids}
    if not ids:
        return result
    latest = (
        PupilProfile.objects.filter(pupil_id=OuterRef("profile__pupil_id")).order_by("-version").values("version")[:1]
    )
    acks = ProfileAcknowledgement.objects.filter(
        profile__pupil_id__in=ids, profile__version=Subquery(latest)
    ).select_related("user", "profile")
    for ack in acks:
        result[ack.profile.pupil_id][ack.user_id] = ack
    return result


def unacknowledged_staff(pupil_ids: Iterable[int]) -> dict[int, list[Any]]:
    """For each pupil, the staff who work with them and have not read the current passport.

    Pupils with no passport yet map to [] (there is nothing to read; "no passport" is a separate
    check, see ``current_profiles``). Five queries whatever the number of pupils; pass a list of ids
    already scoped to the user. Each list is sorted by surname.
    """
    ids = list(pupil_ids)
    if not ids:
        return {}
    has_profile = set(
        PupilProfile.objects.filter(pupil_id__in=ids).values_list("pupil_id", flat=True).distinct().order_by()
    )
    with_profile = [pupil_id for pupil_id in ids if pupil_id in has_profile]
    result: dict[int, list[Any]] = {pupil_id: [] for pupil_id in ids}
    if not with_profile:
        return result
    staff = staff_working_with(with_profile)
    read = acknowledged_current(with_profile)
    for pupil_id in with_profile:
        result[pupil_id] = [person for person in staff[pupil_id] if person.pk not in read[pupil_id]]
    return result


def works_with(user: Any, pupil: Pupil) -> bool:
    """True if the user is an active teacher or TA linked to one of the pupil's groups."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not roles_at(user, pupil.school) & CLASSROOM_STAFF:
        return False
    return (
        Group.objects.filter(staff=user, school_id=pupil.school_id)
        .filter(Q(pk=pupil.registration_group_id) | Q(pupils=pupil))
        .exists()
    )


def acknowledgement_of(user: Any, profile: PupilProfile | None) -> ProfileAcknowledgement | None:
    if profile is None or user is None or not user.is_authenticated:
        return None
    return profile.acknowledgements.filter(user=user).first()


def readers_of(profile: PupilProfile) -> list[ProfileAcknowledgement]:
    """Who has read this version, earliest first."""
    return list(profile.acknowledgements.select_related("user").order_by("acknowledged_at"))


def passports_to_read(user: Any, school: School | None) -> list[tuple[Pupil, PupilProfile]]:
    """For a teacher or TA: current passports of the pupils they work with that they have not read.

    A fixed number of queries, whatever the number of pupils.
    """
    if school is None or user is None or not user.is_authenticated:
        return []
    if not roles_at(user, school) & CLASSROOM_STAFF:
        return []
    taught = Group.objects.filter(staff=user, school=school).values("pk")
    pupils = list(
        visible_pupils(user)
        .on_roll()
        .filter(school=school)
        .filter(
            Q(registration_group_id__in=taught)
            | Q(pk__in=Pupil.teaching_groups.through.objects.filter(group_id__in=taught).values("pupil_id"))
        )
        .annotate(latest=Max("profiles__version"))
        .filter(latest__isnull=False)
        .order_by("legal_last_name", "legal_first_name")
    )
    if not pupils:
        return []
    profiles = current_profiles([p.pk for p in pupils])
    read = set(
        ProfileAcknowledgement.objects.filter(
            user=user, profile__in=[profile for profile in profiles.values() if profile]
        ).values_list("profile_id", flat=True)
    )
    return [(p, profiles[p.pk]) for p in pupils if profiles[p.pk] and profiles[p.pk].pk not in read]


def is_classroom_staff(user: Any, school: School) -> bool:
    return bool(roles_at(user, school) & CLASSROOM_STAFF)
