"""Reads of meetings with parents. Pages pass a pupil already fetched with ``get_visible_pupil``.

``meetings_with_parents_count`` is for the compliance engine: one query for any number of pupils.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from sendsupport.core.dates import academic_year_bounds
from sendsupport.meetings.models import Meeting, MeetingCorrection
from sendsupport.meetings.rules import is_staff_for
from sendsupport.pupils.models import Pupil
from sendsupport.schools.models import CLASSROOM_STAFF, REGISTER_MANAGERS, StaffMembership


def meetings_per_year_target() -> int:
    return int(settings.SENDSUPPORT["PARENT_MEETINGS_PER_YEAR"])


def meetings_with_parents_count(
    pupil_ids: Iterable[int], academic_year_start: date, academic_year_end: date
) -> dict[int, int]:
    """How many meetings each pupil's parents attended between the two dates (both included).

    A meeting counts when at least one parent or carer attended it, whatever its type. Returns an
    entry for every id given (0 when none), in ONE query. Pass a list of ids the caller has already
    scoped to the user (a QuerySet of ids would be evaluated first, costing one more query).
    """
    ids = list(pupil_ids)
    counts = dict.fromkeys(ids, 0)
    if not ids:
        return counts
    rows = (
        Meeting.objects.filter(
            pupil_id__in=ids,
            held_on__gte=academic_year_start,
            held_on__lte=academic_year_end,
            parents_attended__isnull=False,
        )
        .values("pupil_id")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    for row in rows:
        counts[row["pupil_id"]] = row["n"]
    return counts


def meetings_for(user: Any, pupil: Pupil) -> QuerySet[Meeting]:
    """The pupil's meetings this user may read: all of them for staff, shared ones for parents."""
    meetings = (
        Meeting.objects.visible_to(user)
        .filter(pupil=pupil)
        .select_related("recorded_by")
        .prefetch_related("parents_attended", "staff_attendees")
        .annotate(correction_count=Count("corrections", distinct=True))
        .order_by("-held_on", "-id")
    )
    if is_staff_for(user, pupil):
        return meetings
    return meetings.filter(shared_with_parents_on__isnull=False)


def get_meeting(user: Any, pupil: Pupil, meeting_id: int) -> Meeting:
    """One of the pupil's meetings that this user may read, or 404."""
    meeting = (
        meetings_for(user, pupil)
        .select_related("pupil", "pupil__school", "shared_by")
        .prefetch_related(
            Prefetch("corrections", queryset=MeetingCorrection.objects.select_related("made_by").order_by("made_on"))
        )
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        raise Http404("No such meeting")
    return meeting


def staff_choices(pupil: Pupil) -> QuerySet:
    """Active staff at the pupil's school who might attend a meeting."""
    from django.contrib.auth import get_user_model

    member_ids = StaffMembership.objects.filter(
        school_id=pupil.school_id, active=True, role__in=REGISTER_MANAGERS | CLASSROOM_STAFF
    ).values("user_id")
    return get_user_model().objects.filter(pk__in=member_ids, is_active=True).order_by("last_name", "first_name")


def parent_choices(pupil: Pupil) -> QuerySet:
    """The pupil's own parents and carers."""
    from sendsupport.pupils.models import Contact

    return Contact.objects.filter(pupil_links__pupil=pupil).order_by("last_name", "first_name")


def year_summary(pupil: Pupil, *, today: date) -> dict[str, Any]:
    """This academic year's count against the target, for the pupil page and the list."""
    start, end = academic_year_bounds(today)
    count = meetings_with_parents_count([pupil.pk], start, end)[pupil.pk]
    target = meetings_per_year_target()
    return {"count": count, "target": target, "start": start, "end": end, "met": count >= target}
