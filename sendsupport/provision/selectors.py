"""Reads of the provision map, always scoped by the user, in a fixed number of queries.

``school_costs`` is the one place costs are worked out from the database: every page, export and
API route that shows a cost calls it (or ``pupil_costs``), so they agree to the penny.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from sendsupport.core import dates
from sendsupport.provision import costing
from sendsupport.provision.models import (
    DeliveredSession,
    ExtraCost,
    Intervention,
    Provision,
    ProvisionMember,
    SessionAttendance,
    StaffMemberCost,
    StaffRoleCost,
)
from sendsupport.schools.models import School, SchoolPolicy


def interventions_for(user: Any, school: School) -> QuerySet[Intervention]:
    """The school's library, with what other schools of its trust share. Empty for non-staff."""
    from sendsupport.accounts.access import is_staff_at

    if not is_staff_at(user, school):
        return Intervention.objects.none()
    return Intervention.objects.for_school(school).select_related("school")


def provisions_for(user: Any, school: School) -> QuerySet[Provision]:
    return Provision.objects.visible_to(user).filter(school=school)


def year_for(school: School, day: date | None = None) -> costing.Year:
    """The academic year containing ``day`` (today if not given) with the school's teaching weeks and
    term dates (its own, or the usual pattern), over which the weeks are spread."""
    from sendsupport.schools.terms import terms_for

    day = day or dates.today()
    start, end = dates.academic_year_bounds(day)
    weeks = SchoolPolicy.for_school(school).teaching_weeks_per_year
    terms = tuple((term.start, term.end) for term in terms_for(school, start.year))
    return costing.Year(start=start, end=end, teaching_weeks=weeks, terms=terms)


def _overlapping(year: costing.Year) -> Q:
    return Q(starts_on__lte=year.end) & (Q(ends_on__isnull=True) | Q(ends_on__gte=year.start))


@dataclass
class SchoolCosts:
    """Every provision's cost in a year at a school, and each pupil's total, in pence."""

    year: costing.Year
    provisions: dict[int, costing.ProvisionCost] = field(default_factory=dict)
    pupils: dict[int, list[costing.PupilCost]] = field(default_factory=lambda: defaultdict(list))
    # Provisions whose deliverers have no hourly cost set: their staff time counts as nothing.
    uncosted: set[int] = field(default_factory=set)

    def pupil_total(self, pupil_id: int, attribute: str) -> int:
        return sum(getattr(share, attribute) for share in self.pupils.get(pupil_id, ()))

    def total(self, attribute: str) -> int:
        return sum(getattr(cost, attribute) for cost in self.provisions.values())


def provision_facts(
    provisions: QuerySet[Provision], school: School, year: costing.Year
) -> list[costing.ProvisionFacts]:
    """The facts the arithmetic needs, for ``provisions`` overlapping ``year``: seven queries, whatever
    the number of provisions, members and sessions."""
    chosen = list(
        provisions.filter(_overlapping(year)).values(
            "pk", "sessions_per_week", "session_minutes", "starts_on", "ends_on", "deliverer_role"
        )
    )
    ids = [row["pk"] for row in chosen]
    role_costs = dict(StaffRoleCost.objects.filter(school=school).values_list("role", "hourly_pence"))
    named_costs = dict(StaffMemberCost.objects.filter(school=school).values_list("user_id", "hourly_pence"))
    deliverers: dict[int, list[int]] = defaultdict(list)
    for provision_id, user_id in Provision.deliverers.through.objects.filter(provision_id__in=ids).values_list(
        "provision_id", "user_id"
    ):
        deliverers[provision_id].append(user_id)
    members: dict[int, list[costing.Membership]] = defaultdict(list)
    for provision_id, pupil_id, joined, left in ProvisionMember.objects.filter(provision_id__in=ids).values_list(
        "provision_id", "pupil_id", "joined_on", "left_on"
    ):
        members[provision_id].append(costing.Membership(pupil_id, joined, left))
    present: dict[int, set[int]] = defaultdict(set)
    for session_id, pupil_id in SessionAttendance.objects.filter(
        session__provision_id__in=ids, session__held_on__range=(year.start, year.end), status="present"
    ).values_list("session_id", "pupil_id"):
        present[session_id].add(pupil_id)
    sessions: dict[int, list[costing.Session]] = defaultdict(list)
    for session_id, provision_id, held_on, minutes, cancelled in DeliveredSession.objects.filter(
        provision_id__in=ids, held_on__range=(year.start, year.end)
    ).values_list("pk", "provision_id", "held_on", "minutes", "cancelled"):
        sessions[provision_id].append(
            costing.Session(held_on, minutes, cancelled, frozenset(present.get(session_id, ())))
        )
    extras: dict[int, list[costing.Extra]] = defaultdict(list)
    for provision_id, amount, recurrence, on_date in ExtraCost.objects.filter(provision_id__in=ids).values_list(
        "provision_id", "amount_pence", "recurrence", "on_date"
    ):
        extras[provision_id].append(costing.Extra(amount, recurrence == "weekly", on_date))
    facts = []
    for row in chosen:
        named = [named_costs[user_id] for user_id in deliverers[row["pk"]] if user_id in named_costs]
        facts.append(
            costing.ProvisionFacts(
                provision_id=row["pk"],
                sessions_per_week=row["sessions_per_week"],
                session_minutes=row["session_minutes"],
                hourly_pence=costing.hourly_pence(role_pence=role_costs.get(row["deliverer_role"]), named_pence=named),
                starts_on=row["starts_on"],
                ends_on=row["ends_on"],
                members=tuple(members[row["pk"]]),
                sessions=tuple(sessions[row["pk"]]),
                extras=tuple(extras[row["pk"]]),
            )
        )
    return facts


def school_costs(
    school: School, *, day: date | None = None, provisions: QuerySet[Provision] | None = None
) -> SchoolCosts:
    """Costs of the school's provisions (or of ``provisions``) in the academic year containing ``day``.

    Callers check ``provision.view_costs`` first: this reads costs without asking who is looking.
    """
    day = day or dates.today()
    year = year_for(school, day)
    chosen = provisions if provisions is not None else Provision.objects.filter(school=school)
    result = SchoolCosts(year=year)
    for facts in provision_facts(chosen, school, year):
        cost = costing.cost_of(facts, year, day)
        result.provisions[facts.provision_id] = cost
        if facts.hourly_pence == 0:
            result.uncosted.add(facts.provision_id)
        for share in cost.pupils.values():
            result.pupils[share.pupil_id].append(share)
    return result


def pupil_costs(pupil: Any, *, day: date | None = None) -> SchoolCosts:
    """Costs of every provision the pupil belongs to; the shares are the same as on the school's map
    because each provision is costed whole."""
    provisions = Provision.objects.filter(school=pupil.school, members__pupil=pupil).distinct()
    return school_costs(pupil.school, day=day, provisions=provisions)
