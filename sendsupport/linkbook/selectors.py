"""Reads of the link book. Pages pass a pupil already found with ``pupil_for`` and the book's rule."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Max, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404

from sendsupport.linkbook.models import LinkBookEntry, LinkBookReader
from sendsupport.pupils.models import Pupil, PupilContact
from sendsupport.schools.models import CLASSROOM_STAFF, StaffMembership
from sendsupport.schools.selectors import senco_record, with_role_at


def _replies() -> Prefetch:
    return Prefetch("replies", queryset=LinkBookEntry.objects.order_by("written_at", "id"))


def threads_for(user: Any, pupil: Pupil) -> QuerySet[LinkBookEntry]:
    """The pupil's entries with their replies (oldest reply first), the most recently active first:
    a reply to an older entry brings it back to the top, as in any conversation."""
    return (
        LinkBookEntry.objects.visible_to(user)
        .filter(pupil=pupil, thread__isnull=True)
        .annotate(last_activity=Coalesce(Max("replies__written_at"), "written_at"))
        .prefetch_related(_replies())
        .order_by("-last_activity", "-id")
    )


def get_thread(user: Any, pupil: Pupil, entry_id: int) -> LinkBookEntry:
    """One entry of the pupil's book (not a reply) with its replies, or 404."""
    entry = (
        LinkBookEntry.objects.visible_to(user)
        .filter(pupil=pupil, thread__isnull=True, pk=entry_id)
        .prefetch_related(_replies())
        .first()
    )
    if entry is None:
        raise Http404("No such entry")
    return entry


def latest_entry_of(pupil: Pupil) -> LinkBookEntry | None:
    """The newest message (entry or reply) in the pupil's book, for a caller that has just checked the
    book's rule (``use_link_book_as_staff`` or ``use_link_book_as_parent``) for this user and pupil,
    as the pupil page and the portal do. Either rule passing puts the pupil inside
    ``LinkBookEntry.objects.visible_to(user)``, so the scope would only repeat the check: building it
    (five nested subqueries) and running it cost more than the rest of the section."""
    return LinkBookEntry.objects.filter(pupil=pupil).order_by("-written_at", "-id").first()


def readers_of(pupil: Pupil) -> QuerySet:
    """The staff chosen to read the pupil's book, with their role ("Tara Hughes (teacher)")."""
    users = get_user_model().objects.filter(link_books__pupil=pupil)
    return with_role_at(users, pupil.school_id)


def reader_choices(pupil: Pupil) -> QuerySet:
    """Teachers and teaching assistants at the pupil's school who can see the pupil: those who teach
    or support the pupil's class or groups, or everyone where the school opens its register to staff.
    (SENCOs and heads always read the book, so they are not chosen.)"""
    groups = [pupil.registration_group_id, *pupil.teaching_groups.values_list("pk", flat=True)]
    members = StaffMembership.objects.filter(school_id=pupil.school_id, active=True, role__in=CLASSROOM_STAFF)
    users = get_user_model().objects.filter(pk__in=members.values("user_id"), is_active=True)
    if not pupil.school.whole_register_visible_to_staff:
        users = users.filter(teaching_groups__in=[group for group in groups if group]).distinct()
    return with_role_at(users, pupil.school_id)


def parent_recipients(pupil: Pupil) -> list[tuple[Any, str]]:
    """(user, email) for each parent or carer with parental responsibility who has an account."""
    links = PupilContact.objects.filter(
        pupil=pupil, parental_responsibility=True, contact__user__isnull=False, contact__user__is_active=True
    ).select_related("contact__user")
    found: dict[int, tuple[Any, str]] = {}
    for link in links:
        user = link.contact.user
        email = user.email or link.contact.email
        if email:
            found.setdefault(user.pk, (user, email))
    return list(found.values())


def staff_recipients(pupil: Pupil) -> list[tuple[Any, str]]:
    """(user, email) for each chosen member of staff still working at the school; when nobody is
    chosen, the named SENCO, so a parent's message is never left unread."""
    active = StaffMembership.objects.filter(school_id=pupil.school_id, active=True).values("user_id")
    users = list(
        get_user_model().objects.filter(Q(link_books__pupil=pupil), pk__in=active, is_active=True).exclude(email="")
    )
    if not users:
        record = senco_record(pupil.school)
        if record and record.senco and record.senco.is_active:
            email = record.senco_email or record.senco.email
            return [(record.senco, email)] if email else []
    return [(user, user.email) for user in users]


def reader_ids(pupil: Pupil) -> set[int]:
    return set(LinkBookReader.objects.filter(pupil=pupil).values_list("user_id", flat=True))
