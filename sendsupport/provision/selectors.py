"""Reads of the provision map, always scoped by the user, in a fixed number of queries.

``school_costs`` is the one place costs are worked out from the database: every page, export and
API route that shows a cost calls it (or ``pupil_costs``), so they agree to the penny.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet

from sendsupport.core import dates
from sendsupport.provision import costing
from sendsupport.provision.choices import Attendance
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
from sendsupport.schools.memo import costs_version, remembered
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
    provisions: QuerySet[Provision], school: School, year: costing.Year, *, day: date | None = None
) -> list[costing.ProvisionFacts]:
    """The facts the arithmetic needs, for ``provisions`` overlapping ``year``, with the register
    from the year's start to ``day`` (today if not given) already counted: eight queries, whatever
    the number of provisions, members and sessions (even none)."""
    last = min(day or dates.today(), year.end)
    overlapping = provisions.filter(_overlapping(year))
    chosen = list(
        overlapping.values("pk", "sessions_per_week", "session_minutes", "starts_on", "ends_on", "deliverer_role")
    )
    # A subquery rather than a list of ids, so every query runs (and the count stays fixed) even with none.
    ids = overlapping.order_by().values("pk")
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
    tallies = _register_tallies(ids, year.start, last, members)
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
                register=costing.Register(year.start, last, tuple(tallies[row["pk"]])),
                extras=tuple(extras[row["pk"]]),
            )
        )
    return facts


def _register_tallies(
    ids: QuerySet[Provision], first: date, last: date, members: dict[int, list[costing.Membership]]
) -> dict[int, list[costing.Tally]]:
    """Each provision's register from ``first`` to ``last`` counted in the database (two queries):
    a pupil's share depends only on each session's minutes and number of bearers, so the present
    marks are grouped by pupil, minutes and the number present at their session. The few sessions
    nobody came to are shared by that day's members, worked out here."""
    present = SessionAttendance.objects.filter(status=Attendance.PRESENT).order_by()
    held = DeliveredSession.objects.filter(
        provision_id__in=ids, held_on__range=(first, last), cancelled=False
    ).order_by()
    tallies: dict[int, list[costing.Tally]] = defaultdict(list)
    for provision_id, pupil_id, minutes, bearers, sessions in _present_tallies(held):
        tallies[provision_id].append(costing.Tally(pupil_id, minutes, bearers, sessions))
    empty: dict[int, list[costing.Session]] = defaultdict(list)
    for provision_id, held_on, minutes in held.filter(~Exists(present.filter(session_id=OuterRef("pk")))).values_list(
        "provision_id", "held_on", "minutes"
    ):
        empty[provision_id].append(costing.Session(held_on, minutes))
    for provision_id, sessions in empty.items():
        tallies[provision_id].extend(costing.tallies(sessions, members[provision_id], first, last))
    return tallies


def _present_tallies(held: QuerySet[DeliveredSession]) -> list[tuple[int, int, int, int, int]]:
    """(provision, pupil, minutes, bearers, sessions) for the present marks at the ``held`` sessions.

    Written in SQL because the ORM can only count each session's bearers with a subquery correlated
    to every mark (re-run for each of ~80,000 marks: most of the map's time); here they are counted
    once per session in a derived table and joined back. Plain SQL that SQLite and PostgreSQL share."""
    connection = connections[held.db]
    quote = connection.ops.quote_name
    marks = quote(SessionAttendance._meta.db_table)
    sessions = quote(DeliveredSession._meta.db_table)
    held_sql, held_params = held.values("pk").query.sql_with_params()
    # Only our own table names and the ORM's compiled subquery go into the text; values are parameters.
    sql = (
        f"SELECT s.provision_id, a.pupil_id, s.minutes, b.bearers, COUNT(*) FROM {marks} a "  # noqa: S608
        f"INNER JOIN {sessions} s ON s.id = a.session_id "
        f"INNER JOIN (SELECT session_id, COUNT(*) AS bearers FROM {marks} "
        f"WHERE status = %s AND session_id IN ({held_sql}) GROUP BY session_id) b ON b.session_id = a.session_id "
        "WHERE a.status = %s GROUP BY s.provision_id, a.pupil_id, s.minutes, b.bearers"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [Attendance.PRESENT, *held_params, Attendance.PRESENT])
        return cursor.fetchall()


def school_costs(
    school: School, *, day: date | None = None, provisions: QuerySet[Provision] | None = None
) -> SchoolCosts:
    """Costs of the school's provisions (or of ``provisions``) in the academic year containing ``day``.

    Callers check ``provision.view_costs`` first: this reads costs without asking who is looking.
    """
    day = day or dates.today()
    if provisions is not None:
        return _work_out_costs(school, day, provisions)
    # The whole school's costs read every register mark of the year (about 80,000 in a school of
    # 2,000): each process remembers them until a provision record, or the school's calendar or
    # policy, changes (``schools.memo.costs_version``; a note or a plan saved leaves them standing).
    key = ("school costs", school.pk, day, costs_version(school.pk))
    return remembered(key, lambda: _work_out_costs(school, day, Provision.objects.filter(school=school)))


# A provision's cost depends on nothing but its facts, the year and the day, all immutable values: each
# process works each one out once. When a session is registered, only that provision's facts change,
# so the school's costs are read again but only that provision is costed again. The answers are
# shared, as the school's remembered costs already are: readers must not change them.
_cost_of = lru_cache(maxsize=2048)(costing.cost_of)


def _work_out_costs(school: School, day: date, provisions: QuerySet[Provision]) -> SchoolCosts:
    year = year_for(school, day)
    result = SchoolCosts(year=year)
    for facts in provision_facts(provisions, school, year, day=day):
        cost = _cost_of(facts, year, day)
        result.provisions[facts.provision_id] = cost
        if facts.hourly_pence == 0:
            result.uncosted.add(facts.provision_id)
        for share in cost.pupils.values():
            result.pupils[share.pupil_id].append(share)
    # A plain dict: a remembered answer is shared between requests, and a defaultdict would grow
    # under a reader who looked up a pupil with no shares.
    result.pupils = dict(result.pupils)
    return result


def pupil_costs(pupil: Any, *, day: date | None = None) -> SchoolCosts:
    """Costs of every provision the pupil belongs to; the shares are the same as on the school's map
    because each provision is costed whole."""
    provisions = Provision.objects.filter(school=pupil.school, members__pupil=pupil).distinct()
    return school_costs(pupil.school, day=day, provisions=provisions)
