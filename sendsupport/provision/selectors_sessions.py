"""Reads for the session register, "My groups" and the provision API, in a fixed number of queries.

Whoever delivers a group sees the names of its members on the register, even a pupil whose record
they may not otherwise open: they cannot take a register without them. Only the names, the dates
they were members and their attendance; nothing else of the pupil's record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from sendsupport.accounts import access
from sendsupport.provision.models import (
    DeliveredSession,
    Intervention,
    Provision,
    ProvisionMember,
    SessionAttendance,
)
from sendsupport.pupils.models import Pupil
from sendsupport.schools.models import REGISTER_MANAGERS, School


def _member_on(day: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}joined_on__lte": day}) & (
        Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gte": day})
    )


def members_on(provision: Provision, day: date) -> list[Pupil]:
    """The pupils who were members of ``provision`` on ``day``, by name. The caller has checked
    ``provision.register_sessions`` (or reads for the service that has)."""
    return list(
        Pupil.objects.filter(
            pk__in=ProvisionMember.objects.filter(_member_on(day), provision=provision).values("pupil_id")
        ).order_by("legal_last_name", "legal_first_name", "pk")
    )


def my_groups(user: Any, school: School | None, day: date) -> list[Provision]:
    """The provisions ``user`` delivers at ``school`` that run on ``day``, those with no session
    registered on ``day`` first. Each carries ``last_held_on``, ``registered_today`` and
    ``members_today`` (the pupils who are members on ``day``). Two queries."""
    if school is None or not access.is_staff_at(user, school):
        return []
    last = DeliveredSession.objects.filter(provision=OuterRef("pk")).order_by("-held_on").values("held_on")[:1]
    return list(
        Provision.objects.filter(school=school, deliverers=user)
        .running_on(day)
        .select_related("intervention")
        .annotate(
            last_held_on=Subquery(last),
            registered_today=Exists(DeliveredSession.objects.filter(provision=OuterRef("pk"), held_on=day)),
        )
        .prefetch_related(
            Prefetch(
                "members",
                queryset=ProvisionMember.objects.filter(_member_on(day))
                .select_related("pupil")
                .order_by("pupil__legal_last_name", "pupil__legal_first_name", "pk"),
                to_attr="members_today",
            )
        )
        .order_by("registered_today", "name", "pk")
    )


def registrable_provision(user: Any, provision_id: int) -> Provision:
    """The provision, if ``user`` may register its sessions; 404 otherwise (missing or not theirs)."""
    import rules

    provision = (
        Provision.objects.visible_to(user).filter(pk=provision_id).select_related("school", "intervention").first()
    )
    if provision is None or not rules.test_rule("provision.register_sessions", user, provision):
        raise Http404("Not found")
    return provision


def sessions_of(provision: Provision) -> QuerySet[DeliveredSession]:
    """Every registered session of the provision, newest first, with attendance and who recorded it."""
    return (
        DeliveredSession.objects.filter(provision=provision)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch(
                "attendance",
                queryset=SessionAttendance.objects.select_related("pupil").order_by(
                    "pupil__legal_last_name", "pupil__legal_first_name", "pk"
                ),
            )
        )
    )


def find_session(provision: Provision, session_id: int | str) -> DeliveredSession | None:
    """The provision's session with this id, or None (an id that is not a number included)."""
    if not str(session_id).isdigit() or len(str(session_id)) > 18:
        return None
    return DeliveredSession.objects.filter(provision=provision, pk=int(session_id)).first()


def get_session(provision: Provision, session_id: int) -> DeliveredSession:
    session = find_session(provision, session_id)
    if session is None:
        raise Http404("Not found")
    return session


def may_correct(user: Any, session: DeliveredSession) -> bool:
    """The person who registered a session corrects it, as do the SENCO and the head."""
    return session.recorded_by_id == user.pk or access.manages(user, session.provision.school)


def next_session_date(provision: Provision, held_on: date, today: date) -> date | None:
    """The next school day (Monday to Friday) after ``held_on``, if it has come and the provision runs
    then: what "Register the next session" offers."""
    day = held_on + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day if day <= today and provision.runs_on(day) else None


# The API ---------------------------------------------------------------------------------------


def api_interventions(user: Any, school_id: int | None = None) -> QuerySet[Intervention]:
    """The libraries of the schools where ``user`` is staff, with what their trusts share."""
    schools = School.objects.filter(pk__in=access.school_ids_with_roles(user, access.STAFF_ROLES))
    if school_id is not None:
        schools = schools.filter(pk=school_id)
    trusts = schools.exclude(trust_id__isnull=True).values("trust_id")
    return (
        Intervention.objects.filter(Q(school__in=schools) | Q(shared_with_trust=True, school__trust_id__in=trusts))
        .select_related("school")
        .order_by("name", "pk")
    )


@dataclass(frozen=True)
class Reader:
    """Whose attendance and membership ``user`` reads: every member's, of a provision at a school they
    manage or one they deliver; otherwise only the pupils they may see (a parent: their child)."""

    managed_school_ids: frozenset[int]
    delivered_ids: frozenset[int]
    visible_pupil_ids: frozenset[int]
    staff_school_ids: frozenset[int]

    def sees_everyone_in(self, provision: Provision) -> bool:
        return provision.school_id in self.managed_school_ids or provision.pk in self.delivered_ids

    def is_staff_for(self, provision: Provision) -> bool:
        return provision.school_id in self.staff_school_ids

    def sees(self, provision: Provision, pupil_id: int) -> bool:
        return self.sees_everyone_in(provision) or pupil_id in self.visible_pupil_ids


def reader_for(user: Any, provisions: list[Provision]) -> Reader:
    """What ``user`` may read of ``provisions``' members: three queries, however many provisions."""
    ids = [provision.pk for provision in provisions]
    members = ProvisionMember.objects.filter(provision_id__in=ids).values("pupil_id")
    return Reader(
        managed_school_ids=frozenset(
            access.school_ids_with_roles(user, REGISTER_MANAGERS).values_list("school_id", flat=True)
        ),
        delivered_ids=frozenset(
            Provision.objects.filter(pk__in=ids, deliverers=user, school_id__in=_staff_ids(user)).values_list(
                "pk", flat=True
            )
        ),
        visible_pupil_ids=frozenset(Pupil.objects.visible_to(user).filter(pk__in=members).values_list("pk", flat=True)),
        staff_school_ids=frozenset(
            access.school_ids_with_roles(user, access.STAFF_ROLES).values_list("school_id", flat=True)
        ),
    )


def _staff_ids(user: Any) -> QuerySet:
    return access.school_ids_with_roles(user, access.STAFF_ROLES)


def api_provisions(user: Any) -> QuerySet[Provision]:
    """Provisions ``user`` may see, with what the API shows of each."""
    return (
        Provision.objects.visible_to(user)
        .select_related("intervention")
        .prefetch_related(
            "deliverers",
            Prefetch(
                "members",
                queryset=ProvisionMember.objects.select_related("pupil").order_by("joined_on", "pk"),
            ),
        )
        .order_by("name", "pk")
    )


def api_provision(user: Any, provision_id: int) -> Provision:
    provision = Provision.objects.visible_to(user).filter(pk=provision_id).first()
    if provision is None:
        raise Http404("Not found")
    return provision
