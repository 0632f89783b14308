"""Reads for the library and provision pages, scoped by the user, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from sendsupport.accounts import access
from sendsupport.core import dates
from sendsupport.provision.models import Intervention, Provision, ProvisionMember
from sendsupport.provision.selectors import interventions_for, provisions_for
from sendsupport.pupils.models import Pupil, on_roll_q
from sendsupport.schools.models import CLASSROOM_STAFF, REGISTER_MANAGERS, School, SchoolPolicy, StaffMembership
from sendsupport.support.choices import CycleStatus
from sendsupport.support.models import Outcome, Plan
from sendsupport.support.selectors import plans_in_force


def get_intervention(user: Any, school: School, intervention_id: int) -> Intervention:
    """One intervention of the school's library (or shared with it by its trust), or 404."""
    found = interventions_for(user, school).filter(pk=intervention_id).first()
    if found is None:
        raise Http404("Not found")
    return found


def library(user: Any, school: School) -> list[Intervention]:
    """The library with how many provisions of each run at this school (one query)."""
    return list(
        interventions_for(user, school).annotate(
            provision_count=Count("provisions", filter=Q(provisions__school=school), distinct=True)
        )
    )


def get_provision(user: Any, school: School, provision_id: int) -> Provision:
    """One provision the user may see at the school, or 404."""
    found = provisions_for(user, school).filter(pk=provision_id).select_related("intervention").first()
    if found is None:
        raise Http404("Not found")
    return found


def provision_list(user: Any, school: School) -> list[Provision]:
    """Every provision the user may see at the school, newest first, with its intervention, deliverers
    and the number of current members: four queries whatever the number of provisions."""
    today = dates.today()
    current = Q(members__left_on__isnull=True) | Q(members__left_on__gte=today)
    return list(
        provisions_for(user, school)
        .select_related("intervention")
        .prefetch_related("deliverers")
        .annotate(member_count=Count("members", filter=current & Q(members__joined_on__lte=today), distinct=True))
        .order_by("-starts_on", "name", "id")
    )


def sees_every_member(user: Any, provision: Provision) -> bool:
    """The SENCO, the head and the staff who deliver a provision see all its members (they run it);
    anyone else sees only the members they may see anyway."""
    if access.manages(user, provision.school):
        return True
    return access.is_staff_at(user, provision.school) and provision.deliverers.filter(pk=user.pk).exists()


def members_of(user: Any, provision: Provision) -> list[ProvisionMember]:
    members = ProvisionMember.objects.filter(provision=provision)
    if not sees_every_member(user, provision):
        members = ProvisionMember.objects.visible_to(user).filter(provision=provision)
    return list(
        members.select_related("pupil", "pupil__registration_group").order_by(
            "joined_on", "pupil__legal_last_name", "id"
        )
    )


def get_member(provision: Provision, member_id: int) -> ProvisionMember:
    found = ProvisionMember.objects.filter(provision=provision, pk=member_id).select_related("pupil").first()
    if found is None:
        raise Http404("Not found")
    return found


def outcomes_served(provision: Provision) -> list[Outcome]:
    return list(
        provision.outcomes.select_related("pupil", "plan__cycle").order_by("pupil__legal_last_name", "position")
    )


def staff_choices(school: School) -> QuerySet:
    """Staff who may deliver a provision: the school's SENCOs, heads, teachers and TAs."""
    staff = StaffMembership.objects.filter(
        school=school, active=True, role__in=REGISTER_MANAGERS | CLASSROOM_STAFF
    ).values("user_id")
    return get_user_model().objects.filter(pk__in=staff, is_active=True).order_by("first_name", "last_name")


def pupil_choices(user: Any, school: School) -> QuerySet[Pupil]:
    """Pupils on roll at the school the user may see, by year and name."""
    return (
        Pupil.objects.visible_to(user)
        .filter(on_roll_q(), school=school)
        .select_related("registration_group")
        .order_by("year_group", "legal_last_name", "legal_first_name")
    )


def current_plans(pupil_ids: list[int]) -> list[Plan]:
    """Each pupil's current plan: the plan of the open cycle (draft or agreed), else the plan in force."""
    open_plans = list(Plan.objects.filter(pupil_id__in=pupil_ids, cycle__status=CycleStatus.OPEN))
    with_open = {plan.pupil_id for plan in open_plans}
    rest = [pk for pk in pupil_ids if pk not in with_open]
    return open_plans + (list(plans_in_force(rest)) if rest else [])


def outcome_choices(pupil_ids: list[int]) -> QuerySet[Outcome]:
    """The outcomes of the current plans of these pupils: what a provision may serve."""
    plan_ids = [plan.pk for plan in current_plans(pupil_ids)]
    return (
        Outcome.objects.filter(plan_id__in=plan_ids)
        .select_related("pupil")
        .order_by("pupil__legal_last_name", "pupil__legal_first_name", "position", "id")
    )


def current_member_ids(provision: Provision, day: date | None = None) -> list[int]:
    day = day or dates.today()
    return list(
        provision.members.filter(Q(left_on__isnull=True) | Q(left_on__gte=day)).values_list("pupil_id", flat=True)
    )


def one_to_one_hours(pupil_ids: list[int], day: date | None = None) -> dict[int, Decimal]:
    """Hours a week of one-to-one adult support each pupil has in provisions running on ``day``."""
    day = day or dates.today()
    minutes: dict[int, int] = {}
    rows = (
        ProvisionMember.objects.filter(pupil_id__in=pupil_ids, provision__one_to_one=True, joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=day))
        .filter(Q(provision__ends_on__isnull=True) | Q(provision__ends_on__gte=day), provision__starts_on__lte=day)
        .values_list("pupil_id", "provision__sessions_per_week", "provision__session_minutes")
    )
    for pupil_id, sessions, length in rows:
        minutes[pupil_id] = minutes.get(pupil_id, 0) + sessions * length
    return {pupil_id: (Decimal(total) / 60).quantize(Decimal("0.01")) for pupil_id, total in minutes.items()}


def over_one_to_one_cap(school: School, pupils: list[Pupil], day: date | None = None) -> list[str]:
    """A warning for each pupil whose one-to-one hours a week pass the school's cap (not a block)."""
    cap = SchoolPolicy.for_school(school).one_to_one_hours_cap
    hours = one_to_one_hours([pupil.pk for pupil in pupils], day)
    return [
        f"{pupil.display_name} now has {hours[pupil.pk]} hours a week of one-to-one support, more than the "
        f"school's limit of {cap} hours. Check this is what they need."
        for pupil in pupils
        if hours.get(pupil.pk, Decimal(0)) > cap
    ]


@dataclass
class PupilProvision:
    """One provision a pupil is in, for the pupil page and the plan page."""

    member: ProvisionMember
    provision: Provision
    outcomes: list[Outcome] = field(default_factory=list)
    planned_to_date: int | None = None
    delivered_to_date: int | None = None
    projected_year: int | None = None


def pupil_provisions(
    user: Any, pupil: Pupil, *, since: date | None = None, until: date | None = None
) -> list[PupilProvision]:
    """The pupil's memberships the user may see, with their provisions (running between ``since`` and
    ``until`` when given), deliverers and the outcomes served: three queries."""
    members = (
        ProvisionMember.objects.visible_to(user)
        .filter(pupil=pupil)
        .select_related("provision", "provision__intervention")
        .prefetch_related(
            "provision__deliverers",
            Prefetch("provision__outcomes", queryset=Outcome.objects.filter(pupil=pupil).order_by("position", "id")),
        )
        .order_by("-joined_on", "id")
    )
    if since is not None:
        members = members.filter(Q(left_on__isnull=True) | Q(left_on__gte=since)).filter(
            Q(provision__ends_on__isnull=True) | Q(provision__ends_on__gte=since)
        )
    if until is not None:
        members = members.filter(joined_on__lte=until, provision__starts_on__lte=until)
    return [PupilProvision(member=m, provision=m.provision, outcomes=list(m.provision.outcomes.all())) for m in members]
