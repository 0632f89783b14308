"""Reads of meetings with parents. Pages pass a pupil already fetched with ``get_visible_pupil``.

``meetings_with_parents_count`` is for the compliance engine: one query for any number of pupils.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from sendsupport.core.dates import academic_year_bounds
from sendsupport.meetings.models import DeclinedMeeting, Meeting, MeetingCorrection
from sendsupport.meetings.rules import is_staff_for
from sendsupport.pupils.models import Pupil
from sendsupport.schools.models import CLASSROOM_STAFF, REGISTER_MANAGERS, SchoolPolicy, StaffMembership
from sendsupport.schools.selectors import with_role_at
from sendsupport.schools.terms import expected_meetings, terms_for


def meetings_per_year_target(school: Any) -> int:
    return SchoolPolicy.for_school(school).parent_meetings_per_year


def parent_meeting_dates(
    pupil_ids: Iterable[int], start: date, end: date, *, among: QuerySet | None = None
) -> dict[int, set[date]]:
    """The dates between ``start`` and ``end`` (both included) on which each pupil's parents met the
    school or declined a meeting offered to them, in TWO queries whatever the number of pupils.

    A meeting counts when at least one parent or carer attended it, whatever its type; a meeting
    offered and declined counts on the date it was offered (CoP 6.65: the school did its part).
    Review meetings the parents attended are added by the caller that holds the reviews. Dates,
    not rows, so a review also recorded as a meeting on the same day is counted once.

    ``among``, when given, is a subquery of the same pupils' ids: the database filters by it, where a
    list of hundreds of ids costs more to turn into parameters than the subquery costs to run.
    """
    ids = list(pupil_ids)
    dates: dict[int, set[date]] = {pupil_id: set() for pupil_id in ids}
    if not ids:
        return dates
    scope = ids if among is None else among
    attended = (
        Meeting.objects.filter(pupil_id__in=scope, held_on__gte=start, held_on__lte=end, parents_attended__isnull=False)
        .order_by()
        .values_list("pupil_id", "held_on")
    )
    declined = DeclinedMeeting.objects.filter(pupil_id__in=scope, offered_on__gte=start, offered_on__lte=end)
    for pupil_id, day in [*attended.distinct(), *declined.values_list("pupil_id", "offered_on")]:
        if pupil_id in dates:  # ``among`` runs again in each query: a pupil added since is left out
            dates[pupil_id].add(day)
    return dates


def meetings_with_parents_count(
    pupil_ids: Iterable[int], academic_year_start: date, academic_year_end: date
) -> dict[int, int]:
    """How many days each pupil's parents met the school (or declined an offer) between the dates."""
    found = parent_meeting_dates(pupil_ids, academic_year_start, academic_year_end)
    return {pupil_id: len(days) for pupil_id, days in found.items()}


def _days_parents_met(pupil: Pupil, start: date, end: date) -> set[date]:
    """``parent_meeting_dates`` for one pupil, and the days of reviews the parents attended: the days
    parents met the school, read in one query (a UNION of the three) instead of three."""
    from sendsupport.support.models import Review

    attended = Meeting.objects.filter(
        pupil=pupil, held_on__gte=start, held_on__lte=end, parents_attended__isnull=False
    ).values_list("held_on")
    declined = DeclinedMeeting.objects.filter(pupil=pupil, offered_on__gte=start, offered_on__lte=end).values_list(
        "offered_on"
    )
    reviews = Review.objects.filter(
        pupil=pupil, parents_attended=True, held_on__gte=start, held_on__lte=end
    ).values_list("held_on")
    return {day for (day,) in attended.order_by().union(declined.order_by(), reviews.order_by())}


def declined_for(user: Any, pupil: Pupil) -> QuerySet[DeclinedMeeting]:
    """Meetings the parents were offered and declined, newest first (staff only: empty for others)."""
    return DeclinedMeeting.objects.visible_to(user).filter(pupil=pupil).order_by("-offered_on", "-id")


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
    users = get_user_model().objects.filter(pk__in=member_ids, is_active=True)
    return with_role_at(users, pupil.school_id)  # "Priya Shah (teacher)", classroom staff first


def parent_choices(pupil: Pupil) -> QuerySet:
    """The pupil's own parents and carers."""
    from sendsupport.pupils.models import Contact

    return Contact.objects.filter(pupil_links__pupil=pupil).order_by("last_name", "first_name")


def year_summary(pupil: Pupil, *, today: date) -> dict[str, Any]:
    """This academic year's meetings against what is due so far, for the pupil page and the list.

    Only pupils on the SEN register (SEN support or an EHC plan) are measured; what is due is pro
    rata by the school's terms from the latest of 1 September, the start on the register and the
    date the pupil joined (``schools.terms.expected_meetings``).
    """
    from sendsupport.pupils.selectors import current_provision, register_started_on

    start, end = academic_year_bounds(today)
    days = _days_parents_met(pupil, start, end)
    target = meetings_per_year_target(pupil.school)
    measured = current_provision(pupil) in ("K", "E")
    due = 0
    if measured:
        count_from = max(start, pupil.on_roll_from, register_started_on(pupil) or start)
        terms = terms_for(pupil.school, start.year)
        due = expected_meetings(per_year=target, terms=terms, count_from=count_from, today=today)
    count = len(days)
    return {
        "count": count,
        "target": target,
        "due": due,
        "measured": measured,
        "start": start,
        "end": end,
        "met": not measured or count >= due,
    }


def planned_for(user: Any, pupil: Pupil) -> QuerySet:
    """The pupil's planned meetings this user may read, soonest first, with invitations and replies
    (a fixed number of queries whatever the number of meetings)."""
    from sendsupport.meetings.models import MeetingReply, PlannedMeeting

    return (
        PlannedMeeting.objects.visible_to(user)
        .filter(pupil=pupil)
        .select_related("record")
        .prefetch_related(
            "invited",
            "staff",
            Prefetch("replies", queryset=MeetingReply.objects.select_related("contact").order_by("-replied_at", "-id")),
        )
        .order_by("starts_at", "id")
    )


def get_planned(user: Any, pupil: Pupil, planned_id: int):
    """One of the pupil's planned meetings that this user may read, or 404."""
    planned = planned_for(user, pupil).select_related("pupil", "pupil__school").filter(pk=planned_id).first()
    if planned is None:
        raise Http404("No such meeting")
    return planned


def own_contacts(user: Any, pupil: Pupil) -> QuerySet:
    """The signed-in parent's own entries as a parent or carer (with parental responsibility) of the pupil."""
    from sendsupport.pupils.models import Contact

    if user is None or not user.is_authenticated:
        return Contact.objects.none()
    return Contact.objects.filter(
        user=user, pupil_links__pupil=pupil, pupil_links__parental_responsibility=True
    ).order_by("pk")


def upcoming_for_parent(user: Any, pupil: Pupil) -> list[Any]:
    """The child's upcoming confirmed meetings this parent is invited to, soonest first, each with
    ``my_reply`` (the parent's latest reply, or None). One query, two when there are meetings."""
    from django.utils import timezone

    from sendsupport.meetings.models import MeetingReply, PlannedMeeting
    from sendsupport.pupils.selectors import scoped_for_pupil

    mine = own_contacts(user, pupil)
    # For a pupil the request has already found the user sees (the parent's page), the parent's part of
    # ``visible_to`` (visible pupil, invited, a status parents see) is implied by the filter below
    # (confirmed, invited as one of the user's own entries): the scope would only ask again.
    scoped = scoped_for_pupil(PlannedMeeting.objects, user, pupil)
    meetings = list(
        scoped.filter(
            pupil=pupil,
            status=PlannedMeeting.Status.CONFIRMED,
            ends_at__gte=timezone.now(),
            pk__in=PlannedMeeting.invited.through.objects.filter(contact__in=mine).values("plannedmeeting_id"),
        )
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=MeetingReply.objects.filter(contact__in=mine).order_by("-replied_at", "-id"),
                to_attr="own_replies",
            )
        )
        .order_by("starts_at", "id")
    )
    for meeting in meetings:
        meeting.my_reply = meeting.own_replies[0] if meeting.own_replies else None
    return meetings


def held_dates(user: Any, pupil: Pupil, start: date, end: date) -> set[date]:
    """The days between ``start`` and ``end`` on which a meeting with the pupil's parents was recorded
    or offered and declined (for the planner: those terms need no new meeting)."""
    held = Meeting.objects.visible_to(user).filter(pupil=pupil, held_on__gte=start, held_on__lte=end)
    declined = declined_for(user, pupil).filter(offered_on__gte=start, offered_on__lte=end)
    return set(held.values_list("held_on", flat=True)) | set(declined.values_list("offered_on", flat=True))


def planned_upcoming_first(user: Any, pupil: Pupil, *, now: Any = None) -> QuerySet:
    """For the API: the pupil's planned meetings this user may read, the upcoming ones (confirmed and
    not yet over) first, soonest first, then the rest, newest first. Staff get who is invited and every
    reply; a parent only their own replies, as their page shows. A fixed number of queries."""
    from django.db.models import Case, DateTimeField, F, IntegerField, Q, Value, When
    from django.utils import timezone

    from sendsupport.meetings.models import MeetingReply, PlannedMeeting

    now = now or timezone.now()
    replies = MeetingReply.objects.select_related("contact").order_by("-replied_at", "-id")
    related: list[Any] = []
    if is_staff_for(user, pupil):
        related = ["invited", "staff"]
    else:
        replies = replies.filter(contact__in=own_contacts(user, pupil))
    upcoming = Q(status=PlannedMeeting.Status.CONFIRMED, ends_at__gte=now)
    return (
        PlannedMeeting.objects.visible_to(user)
        .filter(pupil=pupil)
        .prefetch_related(*related, Prefetch("replies", queryset=replies))
        .annotate(
            past=Case(When(upcoming, then=Value(0)), default=Value(1), output_field=IntegerField()),
            upcoming_at=Case(When(upcoming, then=F("starts_at")), default=None, output_field=DateTimeField()),
        )
        .order_by("past", "upcoming_at", "-starts_at", "-id")
    )
