"""Reads for the whole-school provision map, impact by intervention and one member of staff's groups.

Each is built in a fixed number of queries whatever the size of the school: rows come from
``values()`` and are joined up in Python, never one query per provision or pupil. Costs come only
from ``selectors.school_costs`` (so the map, its exports and the pupil pages agree to the penny) and
only when the caller passes ``with_costs`` (the view checks ``provision.view_costs``).

The map counts a provision's pupils but names none, so every member of staff at the school may see
it; the pupils' cost chart (with names) is part of the costs, seen by the SENCO and head only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q
from django.http import Http404

from sendsupport.accounts.access import is_staff_at
from sendsupport.core import dates
from sendsupport.provision import costing
from sendsupport.provision.choices import Attendance, FundingStream, MeasureKind
from sendsupport.provision.models import (
    DeliveredSession,
    ImpactMeasure,
    Intervention,
    Provision,
    ProvisionMember,
    SessionAttendance,
)
from sendsupport.provision.selectors import SchoolCosts, school_costs, year_for
from sendsupport.pupils.codes import YEAR_GROUP_ORDER, YEAR_GROUPS, BroadArea
from sendsupport.pupils.models import Pupil
from sendsupport.schools.models import School, SchoolPolicy

YEAR_LABELS = dict(YEAR_GROUPS)
AREA_LABELS = dict(BroadArea.choices)
FUNDING_LABELS = dict(FundingStream.choices)
MET = frozenset({"met", "exceeded"})  # support.choices.Rating: outcomes counted as met
GROUPINGS = {
    "intervention": "Intervention",
    "year_group": "Year group",
    "area": "Broad area of need",
    "funding": "Funding stream",
}
PENCE = Decimal("0.01")


def pounds(pence: int) -> Decimal:
    """Pence as pounds with two places, for spreadsheets (exact: no floats)."""
    return (Decimal(pence) / 100).quantize(PENCE)


@dataclass(frozen=True)
class MapFilters:
    """What the map's GET form asks for; empty values mean "all"."""

    intervention: int | None = None
    year_group: str = ""
    area: str = ""
    funding: str = ""
    group_by: str = "intervention"

    @property
    def active(self) -> bool:
        return bool(self.intervention or self.year_group or self.area or self.funding)


@dataclass
class MapRow:
    """One provision on the map."""

    pk: int
    name: str
    intervention_id: int
    intervention: str
    area: str
    funding: str
    one_to_one: bool
    sessions_per_week: int
    session_minutes: int
    starts_on: date
    ends_on: date | None
    place: str
    external_deliverer: str
    deliverers: list[tuple[int, str]] = field(default_factory=list)
    pupil_years: dict[int, str] = field(default_factory=dict)  # pupil id → year group, members this year
    cost: costing.ProvisionCost | None = None
    uncosted: bool = False

    @property
    def area_label(self) -> str:
        return AREA_LABELS.get(self.area, self.area)

    @property
    def funding_label(self) -> str:
        return FUNDING_LABELS.get(self.funding, self.funding)

    @property
    def pupils(self) -> int:
        return len(self.pupil_years)

    @property
    def year_groups(self) -> list[str]:
        return sorted(set(self.pupil_years.values()), key=lambda code: YEAR_GROUP_ORDER.get(code, 99))

    @property
    def year_groups_label(self) -> str:
        return ", ".join(YEAR_LABELS.get(code, code) for code in self.year_groups) or "None"

    @property
    def schedule(self) -> str:
        if self.one_to_one:
            hours = (Decimal(self.sessions_per_week * self.session_minutes) / 60).quantize(PENCE).normalize()
            return f"{hours:f} hours a week, one-to-one"
        times = "once" if self.sessions_per_week == 1 else f"{self.sessions_per_week} times"
        return f"{self.session_minutes} minutes, {times} a week"

    @property
    def deliverer_label(self) -> str:
        names = [name for _, name in self.deliverers]
        if self.external_deliverer:
            names.append(self.external_deliverer)
        return ", ".join(names) or "Not named"


@dataclass
class MapGroup:
    key: str
    title: str
    rows: list[MapRow]

    def total(self, attribute: str) -> int:
        return sum(getattr(row.cost, attribute) for row in self.rows if row.cost is not None)


@dataclass
class PupilBar:
    """One pupil's cost of provision in the year against the element 2 threshold."""

    pupil_id: int
    name: str
    year_group: str
    planned_year: int
    delivered_to_date: int
    projected_year: int
    over: bool

    @property
    def year_label(self) -> str:
        return YEAR_LABELS.get(self.year_group, self.year_group)


@dataclass
class ProvisionMap:
    year: costing.Year
    day: date
    filters: MapFilters
    rows: list[MapRow]
    groups: list[MapGroup]
    with_costs: bool
    threshold_pence: int = 0
    pupil_bars: list[PupilBar] = field(default_factory=list)

    def total(self, attribute: str) -> int:
        return sum(getattr(row.cost, attribute) for row in self.rows if row.cost is not None)

    @property
    def pupils(self) -> int:
        return len({pupil_id for row in self.rows for pupil_id in row.pupil_years})


def _overlapping(year: costing.Year, prefix: str = "") -> Q:
    return Q(**{f"{prefix}starts_on__lte": year.end}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": year.start})
    )


def _member_in_year(year: costing.Year) -> Q:
    return Q(joined_on__lte=year.end) & (Q(left_on__isnull=True) | Q(left_on__gte=year.start))


def _full_name(first: str, last: str) -> str:
    return f"{first} {last}".strip()


def _rows(provisions: Iterable[dict[str, Any]]) -> list[MapRow]:
    return [
        MapRow(
            pk=row["pk"],
            name=row["name"],
            intervention_id=row["intervention_id"],
            intervention=row["intervention__name"],
            area=row["intervention__area"],
            funding=row["funding"],
            one_to_one=row["one_to_one"],
            sessions_per_week=row["sessions_per_week"],
            session_minutes=row["session_minutes"],
            starts_on=row["starts_on"],
            ends_on=row["ends_on"],
            place=row["place"],
            external_deliverer=row["external_deliverer"],
        )
        for row in provisions
    ]


ROW_FIELDS = (
    "pk",
    "name",
    "intervention_id",
    "intervention__name",
    "intervention__area",
    "funding",
    "one_to_one",
    "sessions_per_week",
    "session_minutes",
    "starts_on",
    "ends_on",
    "place",
    "external_deliverer",
)


def _fill_people(rows: list[MapRow], year: costing.Year) -> None:
    """Deliverers and the pupils who were members in the year: two queries for every row at once."""
    by_pk = {row.pk: row for row in rows}
    ids = list(by_pk)
    for provision_id, user_id, first, last in (
        Provision.deliverers.through.objects.filter(provision_id__in=ids)
        .order_by("user__last_name", "user__first_name", "user_id")
        .values_list("provision_id", "user_id", "user__first_name", "user__last_name")
    ):
        by_pk[provision_id].deliverers.append((user_id, _full_name(first, last)))
    for provision_id, pupil_id, year_group in (
        ProvisionMember.objects.filter(_member_in_year(year), provision_id__in=ids)
        .values_list("provision_id", "pupil_id", "pupil__year_group")
        .order_by()
    ):
        by_pk[provision_id].pupil_years[pupil_id] = year_group


def _group(rows: list[MapRow], group_by: str) -> list[MapGroup]:
    groups: dict[str, MapGroup] = {}

    def add(key: str, title: str, row: MapRow) -> None:
        groups.setdefault(key, MapGroup(key=key, title=title, rows=[])).rows.append(row)

    for row in rows:
        if group_by == "year_group":
            for code in row.year_groups or [""]:
                add(code, YEAR_LABELS.get(code, "No pupils this year"), row)
        elif group_by == "area":
            add(row.area, row.area_label, row)
        elif group_by == "funding":
            add(row.funding, row.funding_label, row)
        else:
            add(str(row.intervention_id), row.intervention, row)
    if group_by == "year_group":
        return sorted(groups.values(), key=lambda g: YEAR_GROUP_ORDER.get(g.key, 99))
    return sorted(groups.values(), key=lambda g: g.title.lower())


def intervention_choices(school: School) -> list[tuple[int, str]]:
    """The interventions the school has given as a provision, for the map's filter."""
    return list(
        Intervention.objects.for_school(school)
        .filter(provisions__school=school)
        .distinct()
        .order_by("name")
        .values_list("pk", "name")
    )


def provision_map(
    school: School, *, day: date | None = None, filters: MapFilters | None = None, with_costs: bool = False
) -> ProvisionMap:
    """Every provision running at some time in the academic year containing ``day``, filtered and
    grouped as asked. With costs: each row's planned, delivered and projected cost, and each pupil's
    projected cost for the year against the element 2 threshold (their whole cost, every provision)."""
    day = day or dates.today()
    filters = filters or MapFilters()
    year = year_for(school, day)
    chosen = Provision.objects.filter(_overlapping(year), school=school)
    if filters.intervention:
        chosen = chosen.filter(intervention_id=filters.intervention)
    if filters.area:
        chosen = chosen.filter(intervention__area=filters.area)
    if filters.funding:
        chosen = chosen.filter(funding=filters.funding)
    rows = _rows(chosen.order_by("intervention__name", "name", "pk").values(*ROW_FIELDS))
    _fill_people(rows, year)
    if filters.year_group:
        rows = [row for row in rows if filters.year_group in row.pupil_years.values()]
    result = ProvisionMap(
        year=year,
        day=day,
        filters=filters,
        rows=rows,
        groups=_group(rows, filters.group_by),
        with_costs=with_costs,
    )
    if with_costs:
        costs = school_costs(school, day=day)
        for row in rows:
            row.cost = costs.provisions.get(row.pk)
            row.uncosted = row.pk in costs.uncosted
        result.threshold_pence = SchoolPolicy.for_school(school).element2_threshold_pence
        result.pupil_bars = _pupil_bars(rows, costs, result.threshold_pence, filters.year_group)
    return result


def _pupil_bars(rows: list[MapRow], costs: SchoolCosts, threshold: int, year_group: str) -> list[PupilBar]:
    """The pupils of the rows shown (of the year group asked for), with their whole year's cost."""
    wanted = {
        pupil_id for row in rows for pupil_id, code in row.pupil_years.items() if not year_group or code == year_group
    }
    pupils = Pupil.objects.filter(pk__in=wanted).values_list(
        "pk", "preferred_first_name", "legal_first_name", "preferred_last_name", "legal_last_name", "year_group"
    )
    bars = [
        PupilBar(
            pupil_id=pk,
            name=_full_name(pref_first or first, pref_last or last),
            year_group=year_group_code,
            planned_year=costs.pupil_total(pk, "planned_year"),
            delivered_to_date=costs.pupil_total(pk, "delivered_to_date"),
            projected_year=costs.pupil_total(pk, "projected_year"),
            over=costs.pupil_total(pk, "projected_year") > threshold,
        )
        for pk, pref_first, first, pref_last, last, year_group_code in pupils
    ]
    return sorted(bars, key=lambda bar: (-bar.projected_year, bar.name, bar.pupil_id))


# Impact -----------------------------------------------------------------------------------------


@dataclass
class InterventionImpact:
    """What an intervention achieved in the year, over every provision of it at the school."""

    intervention_id: int
    name: str
    area: str
    provisions: int = 0
    pupils: int = 0
    gains: list[Decimal] = field(default_factory=list)
    scales: set[str] = field(default_factory=set)
    rated: int = 0
    met: int = 0
    present: int = 0
    absent: int = 0
    delivered_pence: int | None = None  # only with costs

    @property
    def area_label(self) -> str:
        return AREA_LABELS.get(self.area, self.area)

    @property
    def measured(self) -> int:
        return len(self.gains)

    @property
    def mean_gain(self) -> Decimal | None:
        if not self.gains:
            return None
        return (sum(self.gains, Decimal(0)) / len(self.gains)).quantize(PENCE, ROUND_HALF_UP)

    @property
    def met_percent(self) -> int | None:
        return None if not self.rated else int((Decimal(100 * self.met) / self.rated).quantize(1, ROUND_HALF_UP))

    @property
    def attendance_percent(self) -> int | None:
        taken = self.present + self.absent
        return None if not taken else int((Decimal(100 * self.present) / taken).quantize(1, ROUND_HALF_UP))

    @property
    def cost_per_pupil(self) -> int | None:
        if self.delivered_pence is None or not self.pupils:
            return None
        return costing.round_pence(costing.Fraction(self.delivered_pence, self.pupils))

    @property
    def cost_per_gain(self) -> int | None:
        """Delivered cost per pupil divided by the mean gain: what one point of progress cost."""
        gain = self.mean_gain
        if self.cost_per_pupil is None or gain is None or gain <= 0:
            return None
        return costing.round_pence(costing.Fraction(self.cost_per_pupil) / costing.Fraction(gain))

    @property
    def scales_label(self) -> str:
        return ", ".join(sorted(self.scales))


def _same_scale(first: str, second: str) -> bool:
    return first.strip().casefold() == second.strip().casefold()


def impact_by_intervention(
    school: School, *, day: date | None = None, with_costs: bool = False
) -> list[InterventionImpact]:
    """For each intervention with a provision in the year: its pupils, the mean gain (exit minus
    entry, where both are on the same scale), the share of pupils whose linked outcomes were met
    (every rated outcome that the provision serves rated met or exceeded), the attendance rate at
    sessions held, and with costs the delivered cost per pupil and per point of gain."""
    day = day or dates.today()
    year = year_for(school, day)
    provisions = list(
        Provision.objects.filter(_overlapping(year), school=school).values_list(
            "pk", "intervention_id", "intervention__name", "intervention__area"
        )
    )
    impacts: dict[int, InterventionImpact] = {}
    intervention_of: dict[int, int] = {}
    for pk, intervention_id, name, area in provisions:
        impact = impacts.setdefault(intervention_id, InterventionImpact(intervention_id, name, area))
        impact.provisions += 1
        intervention_of[pk] = intervention_id
    ids = list(intervention_of)
    pupils: dict[int, set[int]] = defaultdict(set)
    for provision_id, pupil_id in ProvisionMember.objects.filter(
        _member_in_year(year), provision_id__in=ids
    ).values_list("provision_id", "pupil_id"):
        pupils[intervention_of[provision_id]].add(pupil_id)
    for intervention_id, members in pupils.items():
        impacts[intervention_id].pupils = len(members)
    measures: dict[tuple[int, int], dict[str, tuple[Decimal, str]]] = defaultdict(dict)
    for provision_id, pupil_id, kind, score, scale in ImpactMeasure.objects.filter(provision_id__in=ids).values_list(
        "provision_id", "pupil_id", "kind", "score", "scale"
    ):
        measures[(provision_id, pupil_id)][kind] = (score, scale)
    for (provision_id, _), pair in measures.items():
        if MeasureKind.ENTRY in pair and MeasureKind.EXIT in pair:
            (entry, entry_scale), (exit_, exit_scale) = pair[MeasureKind.ENTRY], pair[MeasureKind.EXIT]
            if _same_scale(entry_scale, exit_scale):
                impact = impacts[intervention_of[provision_id]]
                impact.gains.append(exit_ - entry)
                impact.scales.add(entry_scale.strip())
    ratings: dict[tuple[int, int], list[str]] = defaultdict(list)
    for provision_id, pupil_id, rating in Provision.outcomes.through.objects.filter(
        provision_id__in=ids, outcome__rating__isnull=False
    ).values_list("provision_id", "outcome__pupil_id", "outcome__rating__rating"):
        ratings[(intervention_of[provision_id], pupil_id)].append(rating)
    for (intervention_id, _), found in ratings.items():
        impacts[intervention_id].rated += 1
        impacts[intervention_id].met += all(rating in MET for rating in found)
    for provision_id, status, count in (
        SessionAttendance.objects.filter(
            session__provision_id__in=ids, session__held_on__range=(year.start, year.end), session__cancelled=False
        )
        .values_list("session__provision_id", "status")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        impact = impacts[intervention_of[provision_id]]
        if status == Attendance.PRESENT:
            impact.present += count
        elif status == Attendance.ABSENT:
            impact.absent += count
    if with_costs:
        costs = school_costs(school, day=day)
        for impact in impacts.values():
            impact.delivered_pence = 0
        for provision_id, cost in costs.provisions.items():
            if provision_id in intervention_of:
                impacts[intervention_of[provision_id]].delivered_pence += cost.delivered_to_date
    return sorted(impacts.values(), key=lambda impact: impact.name.lower())


# One provision's measures -----------------------------------------------------------------------


def provision_at(user: Any, school: School | None, provision_id: int) -> Provision:
    """A provision of the user's current school that they may see; 404 otherwise."""
    if school is None:
        raise Http404("Not found")
    found = (
        Provision.objects.visible_to(user).filter(school=school, pk=provision_id).select_related("intervention").first()
    )
    if found is None:
        raise Http404("Not found")
    return found


@dataclass
class MemberMeasures:
    pupil: Pupil
    joined_on: date
    left_on: date | None
    entry: ImpactMeasure | None = None
    exit: ImpactMeasure | None = None

    @property
    def gain(self) -> Decimal | None:
        if self.entry is None or self.exit is None or not _same_scale(self.entry.scale, self.exit.scale):
            return None
        return self.exit.score - self.entry.score


def measures_for(provision: Provision) -> list[MemberMeasures]:
    """Every member of the provision (ever), with their entry and exit measures: two queries.

    The caller has checked ``provision.register_sessions``: the SENCO, the head and the staff who
    deliver the provision record its measures, so they see every member's name."""
    found: dict[int, MemberMeasures] = {}
    for member in (
        ProvisionMember.objects.filter(provision=provision)
        .select_related("pupil")
        .order_by("pupil__legal_last_name", "pupil__legal_first_name", "joined_on")
    ):
        found.setdefault(member.pupil_id, MemberMeasures(member.pupil, member.joined_on, member.left_on))
    for measure in ImpactMeasure.objects.filter(provision=provision):
        if measure.pupil_id in found:
            setattr(found[measure.pupil_id], measure.kind, measure)
    return list(found.values())


def member_of(provision: Provision, pupil_id: int) -> Pupil:
    """A pupil who has been a member of ``provision``; 404 otherwise."""
    member = ProvisionMember.objects.filter(provision=provision, pupil_id=pupil_id).select_related("pupil").first()
    if member is None:
        raise Http404("Not found")
    return member.pupil


def measure_of(provision: Provision, pupil: Pupil, kind: str) -> ImpactMeasure | None:
    return ImpactMeasure.objects.filter(provision=provision, pupil=pupil, kind=kind).first()


# One member of staff ----------------------------------------------------------------------------


@dataclass
class StaffRow:
    """A provision a member of staff delivers, with its register this year."""

    row: MapRow
    sessions_held: int = 0
    last_session: date | None = None
    registered_today: bool = False


def staff_member_at(school: School, user_id: int) -> Any:
    """A member of staff at ``school``; 404 for anyone else."""
    from sendsupport.accounts.models import User

    user = User.objects.filter(pk=user_id).first()
    if user is None or not is_staff_at(user, school):
        raise Http404("Not found")
    return user


def groups_of(school: School, user: Any, *, day: date | None = None, with_costs: bool = False) -> list[StaffRow]:
    """The provisions ``user`` delivers at ``school`` in the year, with sessions held this year, the
    last one registered, and whether one is registered for today: a fixed number of queries."""
    day = day or dates.today()
    year = year_for(school, day)
    chosen = Provision.objects.filter(_overlapping(year), school=school, deliverers=user)
    rows = _rows(chosen.order_by("name", "pk").values(*ROW_FIELDS))
    _fill_people(rows, year)
    found = {row.pk: StaffRow(row) for row in rows}
    held = DeliveredSession.objects.filter(
        provision_id__in=list(found), held_on__range=(year.start, min(day, year.end))
    )
    for provision_id, held_on, cancelled in held.values_list("provision_id", "held_on", "cancelled").order_by(
        "held_on"
    ):
        staff_row = found[provision_id]
        staff_row.sessions_held += not cancelled
        staff_row.last_session = held_on
        staff_row.registered_today = staff_row.registered_today or held_on == day
    if with_costs and rows:
        costs = school_costs(school, day=day, provisions=chosen)
        for row in rows:
            row.cost = costs.provisions.get(row.pk)
            row.uncosted = row.pk in costs.uncosted
    return list(found.values())
