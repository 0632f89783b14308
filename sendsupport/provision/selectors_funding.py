"""Reads for the costs and funding pages. Every cost comes from ``selectors.school_costs`` so these
pages agree with the map, the exports and the pupil pages to the penny. Callers check
``provision.view_costs`` first."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Max, QuerySet
from django.shortcuts import get_object_or_404

from sendsupport.core import dates
from sendsupport.provision import costing
from sendsupport.provision.choices import DelivererRole, FundingStream
from sendsupport.provision.models import (
    DeliveredSession,
    ExtraCost,
    FundingAllocation,
    Provision,
    StaffMemberCost,
    StaffRoleCost,
    TopUp,
)
from sendsupport.provision.selectors import SchoolCosts, pupil_costs, school_costs
from sendsupport.pupils.models import Pupil
from sendsupport.schools.models import School, SchoolPolicy


def role_words(role: str) -> str:
    """A role as it reads inside a sentence: "teaching assistant", but "SENCO"."""
    label = str(DelivererRole(role).label)
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


@dataclass(frozen=True)
class RoleCostRow:
    role: str
    label: str
    hourly_pence: int | None

    @property
    def words(self) -> str:
        return role_words(self.role)


def role_costs(school: School) -> list[RoleCostRow]:
    """Every deliverer role, with its hourly cost if set (None: not set, its staff time counts as nothing)."""
    known = dict(StaffRoleCost.objects.filter(school=school).values_list("role", "hourly_pence"))
    return [RoleCostRow(role, label, known.get(role)) for role, label in DelivererRole.choices]


def staff_costs(school: School) -> QuerySet[StaffMemberCost]:
    return (
        StaffMemberCost.objects.filter(school=school)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def get_staff_cost(school: School, cost_id: int) -> StaffMemberCost:
    return get_object_or_404(StaffMemberCost, school=school, pk=cost_id)


def school_provisions(school: School) -> QuerySet[Provision]:
    return Provision.objects.filter(school=school).select_related("intervention").order_by("name", "pk")


def get_provision(school: School, provision_id: int) -> Provision:
    return get_object_or_404(Provision.objects.select_related("intervention"), school=school, pk=provision_id)


def extra_costs(provision: Provision) -> QuerySet[ExtraCost]:
    return ExtraCost.objects.filter(provision=provision)


def get_extra_cost(provision: Provision, extra_id: int) -> ExtraCost:
    return get_object_or_404(ExtraCost, provision=provision, pk=extra_id)


def get_allocation(school: School, start_year: int) -> FundingAllocation:
    return get_object_or_404(FundingAllocation, school=school, start_year=start_year)


def top_ups_of(pupil: Pupil) -> QuerySet[TopUp]:
    return TopUp.objects.filter(pupil=pupil)


def get_top_up(pupil: Pupil, top_up_id: int) -> TopUp:
    return get_object_or_404(TopUp, pupil=pupil, pk=top_up_id)


def day_for_year(start_year: int, today: date | None = None) -> date:
    """The day to cost a year on: today in the current year, its last day once it is over, and its
    first day before it starts (so a coming year is all schedule)."""
    today = today or dates.today()
    start, end = dates.academic_year_bounds(date(start_year, 9, 1))
    return min(max(today, start), end)


@dataclass
class FlaggedPupil:
    pupil: Pupil
    delivered_to_date: int
    projected_year: int
    over_now: bool  # delivered so far is already over the threshold
    top_ups: list[TopUp] = field(default_factory=list)


@dataclass
class FundingSummary:
    start_year: int
    threshold_pence: int
    costs: SchoolCosts
    allocation: FundingAllocation | None
    allocations: list[FundingAllocation]
    by_stream: list[tuple[str, int]]  # (stream label, projected pence), every stream
    flagged: list[FlaggedPupil]

    @property
    def projected_total(self) -> int:
        return self.costs.total("projected_year")

    @property
    def allocated_total(self) -> int | None:
        if self.allocation is None:
            return None
        return self.allocation.notional_sen_pence + self.allocation.imf_pence

    @property
    def left_over(self) -> int | None:
        """What the notional SEN budget and IMF allocation leave after the projected cost (negative: short)."""
        total = self.allocated_total
        return None if total is None else total - self.projected_total


def funding_summary(user: Any, school: School, start_year: int, *, today: date | None = None) -> FundingSummary:
    """The year's allocations against the projected cost of every provision, by funding stream, and the
    pupils over the element 2 threshold or projected to go over it, with their top-ups."""
    threshold = SchoolPolicy.for_school(school).element2_threshold_pence
    costs = school_costs(school, day=day_for_year(start_year, today))
    streams = dict(Provision.objects.filter(pk__in=list(costs.provisions)).values_list("pk", "funding"))
    by_stream: dict[str, int] = defaultdict(int)
    for provision_id, cost in costs.provisions.items():
        by_stream[streams.get(provision_id, FundingStream.OTHER)] += cost.projected_year
    allocations = list(FundingAllocation.objects.filter(school=school))
    flagged_ids = [pupil_id for pupil_id in costs.pupils if costs.pupil_total(pupil_id, "projected_year") > threshold]
    pupils = {p.pk: p for p in Pupil.objects.visible_to(user).filter(school=school, pk__in=flagged_ids)}
    top_ups: dict[int, list[TopUp]] = defaultdict(list)
    for top_up in TopUp.objects.filter(pupil_id__in=list(pupils), start_year=start_year):
        top_ups[top_up.pupil_id].append(top_up)
    flagged = [
        FlaggedPupil(
            pupil=pupils[pupil_id],
            delivered_to_date=costs.pupil_total(pupil_id, "delivered_to_date"),
            projected_year=costs.pupil_total(pupil_id, "projected_year"),
            over_now=costs.pupil_total(pupil_id, "delivered_to_date") > threshold,
            top_ups=top_ups.get(pupil_id, []),
        )
        for pupil_id in flagged_ids
        if pupil_id in pupils
    ]
    flagged.sort(key=lambda row: (-row.projected_year, row.pupil.display_name))
    return FundingSummary(
        start_year=start_year,
        threshold_pence=threshold,
        costs=costs,
        allocation=next((a for a in allocations if a.start_year == start_year), None),
        allocations=allocations,
        by_stream=[(label, by_stream.get(value, 0)) for value, label in FundingStream.choices],
        flagged=flagged,
    )


@dataclass
class PupilFunding:
    threshold_pence: int
    start_year: int
    delivered_to_date: int
    projected_year: int


def pupil_funding(pupil: Pupil, *, today: date | None = None) -> PupilFunding:
    """The pupil's cost this year against the threshold: the same shares as the school's figures."""
    today = today or dates.today()
    costs = pupil_costs(pupil, day=today)
    return PupilFunding(
        threshold_pence=SchoolPolicy.for_school(pupil.school).element2_threshold_pence,
        start_year=costs.year.start.year,
        delivered_to_date=costs.pupil_total(pupil.pk, "delivered_to_date"),
        projected_year=costs.pupil_total(pupil.pk, "projected_year"),
    )


def provision_cost(school: School, provision: Provision) -> tuple[costing.ProvisionCost | None, bool]:
    """One provision's cost this year (the same figures as the school's), and whether its deliverers
    have no hourly cost set."""
    figures = school_costs(school, provisions=Provision.objects.filter(pk=provision.pk))
    return figures.provisions.get(provision.pk), provision.pk in figures.uncosted


def sessions_registered(provision: Provision) -> tuple[int, date | None]:
    """How many sessions are registered, and the date of the latest (the to-do list asks after it)."""
    found = DeliveredSession.objects.filter(provision=provision).aggregate(count=Count("pk"), last=Max("held_on"))
    return found["count"], found["last"]
