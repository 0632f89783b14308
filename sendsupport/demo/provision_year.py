"""The demo school's provision map: a term of groups and one-to-one support, registered session by session.

What a school that has costed its provision since September looks like: hourly costs for each role,
this year's notional SEN budget and Inclusive Mainstream Fund allocation, about thirty provisions
(small groups by area of need, one-to-one support for pupils with EHC plans), every session since
the start of term registered with the odd absence and cancellation, entry measures taken, last
year's groups ended, reviewed and measured at exit, and top-ups agreed for the pupils whose support
costs more than the school's share. A few gaps are left, as in any school: one group with no session
registered for a fortnight, a six-week block that ended twelve days ago and has not been reviewed yet, and one pupil
projected over the threshold with no top-up asked for.

Deterministic (seeded), and written in bulk: a term of sessions is a few thousand rows.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sendsupport.core.dates import academic_year_bounds
from sendsupport.provision.choices import Attendance, DelivererRole, FundingStream, MeasureKind, TopUpStatus
from sendsupport.provision.models import (
    DeliveredSession,
    FundingAllocation,
    ImpactMeasure,
    Intervention,
    Provision,
    ProvisionMember,
    SessionAttendance,
    StaffRoleCost,
    TopUp,
)
from sendsupport.pupils.codes import BroadArea
from sendsupport.pupils.codes import Provision as SenProvision
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.selectors import with_current_sen
from sendsupport.schools.models import Role, StaffMembership
from sendsupport.support.models import Outcome

# What an hour costs with on-costs, in pence: a believable 2026 primary school.
ROLE_COSTS = {
    DelivererRole.TA: 1740,
    DelivererRole.TEACHER: 4200,
    DelivererRole.SENCO: 4800,
    DelivererRole.SPECIALIST_TEACHER: 5500,
    DelivererRole.THERAPIST: 6200,
    DelivererRole.MENTOR: 2300,
    DelivererRole.EXTERNAL: 6500,
}

# The groups the school runs, by area of need: intervention name, sessions a week, minutes.
GROUPS = {
    BroadArea.COGNITION: [("Phonics catch-up", 4, 20), ("Precision teaching", 4, 10), ("Maths number sense", 3, 30)],
    BroadArea.COMMUNICATION: [("Speech and language group", 3, 20), ("Social skills group", 1, 45)],
    BroadArea.SEMH: [("Emotional literacy support", 1, 40), ("Social skills group", 1, 45)],
    BroadArea.SENSORY_PHYSICAL: [("Fine motor skills", 2, 15), ("Sensory circuits", 5, 15)],
    BroadArea.OTHER: [("Reading fluency", 3, 20)],
}
CANCELLED_BECAUSE = ["The TA was covering a class.", "Whole-school assembly ran over.", "Class trip."]
SCALES = {
    BroadArea.COGNITION: "Standardised reading score",
    BroadArea.COMMUNICATION: "Words understood in the vocabulary check (of 40)",
    BroadArea.SEMH: "Strengths and difficulties score, teacher (lower is better, shown as 40 minus the score)",
    BroadArea.SENSORY_PHYSICAL: "Letters formed correctly (of 26)",
    BroadArea.OTHER: "Words read correctly a minute",
}


def add_provision_map(*, school: Any, senco: Any, ta: Any, demo_child: Pupil, today: date) -> None:
    rng = random.Random("sendsupport-demo-provision")
    start, _end = academic_year_bounds(today)
    term_start = _first_weekday_on_or_after(start + timedelta(days=5))  # the first Monday after the INSET days
    for role, pence in ROLE_COSTS.items():
        StaffRoleCost.objects.get_or_create(school=school, role=role, defaults={"hourly_pence": pence})
    FundingAllocation.objects.get_or_create(
        school=school,
        start_year=start.year,
        defaults={"notional_sen_pence": 13_850_000, "imf_pence": 1_960_000},
    )
    library = _library(school, senco)
    tas = list(
        StaffMembership.objects.filter(school=school, role=Role.TA, active=True)
        .exclude(user=ta)
        .order_by("user_id")
        .values_list("user", flat=True)
    )
    pupils = list(with_current_sen(Pupil.objects.on_roll(today).filter(school=school)).order_by("year_group", "pk"))
    sen_support = [p for p in pupils if p.current_provision == SenProvision.SEN_SUPPORT]
    with_plans = [p for p in pupils if p.current_provision == SenProvision.EHC_PLAN]
    areas = _primary_areas(sen_support)
    outcomes = _current_outcomes(pupils)

    made: list[tuple[Provision, list[Pupil], str]] = []
    by_area: dict[str, list[Pupil]] = defaultdict(list)
    for pupil in sen_support:
        by_area[areas.get(pupil.pk, BroadArea.OTHER)].append(pupil)
    # The demo child's group is the demo TA's, so the TA's "My groups" shows it.
    for area, members in by_area.items():
        chunks = [members[i : i + 5] for i in range(0, len(members), 5)]
        for index, chunk in enumerate(chunks):
            name, per_week, minutes = GROUPS[area][index % len(GROUPS[area])]
            deliverer = ta.pk if demo_child in chunk or index % 4 == 0 else tas[(index + len(made)) % len(tas)]
            years = sorted({p.year_group for p in chunk})
            label = f"Year {years[0]}" if len(years) == 1 else f"Years {years[0]}-{years[-1]}"
            provision = _provision(
                school,
                library[name],
                name=f"{name}: {label}, group {chr(65 + index)}",
                per_week=per_week,
                minutes=minutes,
                starts_on=term_start,
                funding=FundingStream.IMF if area == BroadArea.SEMH else FundingStream.NOTIONAL_SEN,
                place="The nurture room" if area == BroadArea.SEMH else "The library",
                deliverer=deliverer,
                senco=senco,
            )
            made.append((provision, chunk, area))
    for index, pupil in enumerate(with_plans):
        hours = [Decimal("15"), Decimal("12.5"), Decimal("20"), Decimal("10")][index % 4]
        provision = _provision(
            school,
            library["One-to-one TA support"],
            name=f"One-to-one support for {pupil.preferred_first_name or pupil.legal_first_name}",
            per_week=5,
            minutes=int(hours * 60 / 5),
            starts_on=term_start,
            funding=FundingStream.TOP_UP,
            place="In class",
            deliverer=tas[index % len(tas)],
            senco=senco,
            one_to_one=True,
        )
        made.append((provision, [pupil], BroadArea.OTHER))

    for provision, members, _area in made:
        joined = provision.starts_on
        for pupil in members:
            ProvisionMember.objects.create(provision=provision, pupil=pupil, joined_on=joined)
            provision.outcomes.add(*[o for o in outcomes.get(pupil.pk, []) if o.area == _area or _area == "other"][:2])

    quiet = made[3][0] if len(made) > 3 else None  # registered nothing for a fortnight: a gap to act on
    # A six-week block that ended twelve days ago and has not been reviewed yet: another gap.
    block = made[6][0] if len(made) > 6 else None
    if block is not None:
        block.ends_on = today - timedelta(days=12)
        block.save(update_fields=["ends_on"])
    for provision, members, _area in made:
        last_day = today - timedelta(days=16) if provision is quiet else today - timedelta(days=1)
        if provision.ends_on:
            last_day = min(last_day, provision.ends_on)
        _register_term(rng, provision, members, last_day=last_day)
        for pupil in members:
            ImpactMeasure.objects.create(
                provision=provision,
                pupil=pupil,
                kind=MeasureKind.ENTRY,
                score=Decimal(70 + rng.randint(0, 14)),
                scale=SCALES[_area],
                measured_on=provision.starts_on,
                recorded_by=senco,
            )
    _last_year(rng, school, library, sen_support[:12], areas, start, senco, tas)
    # Top-ups agreed for most pupils with EHC plans; the last one's is not yet asked for.
    for pupil in with_plans[:-1]:
        TopUp.objects.create(
            pupil=pupil,
            start_year=start.year,
            amount_pence=rng.choice([420_000, 610_000, 780_000]),
            status=TopUpStatus.AGREED,
            requested_on=start - timedelta(days=60),
            decided_on=start - timedelta(days=30),
            source="Bristol City Council, high needs block",
            recorded_by=senco,
        )


def _first_weekday_on_or_after(day: date) -> date:
    while day.weekday() != 0:
        day += timedelta(days=1)
    return day


def _library(school: Any, senco: Any) -> dict[str, Intervention]:
    """The interventions the demo uses: the common kinds, added as the SENCO's button adds them."""
    from sendsupport.provision.services.library import add_common_interventions

    add_common_interventions(school=school, by=senco)
    return {i.name: i for i in Intervention.objects.filter(school=school)}


def _provision(
    school: Any,
    intervention: Intervention,
    *,
    deliverer: int,
    senco: Any,
    one_to_one: bool = False,
    per_week: int,
    minutes: int,
    **fields: Any,
) -> Provision:
    provision = Provision(
        school=school,
        intervention=intervention,
        deliverer_role=intervention.delivered_by,
        sessions_per_week=per_week,
        session_minutes=minutes,
        one_to_one=one_to_one,
        created_by=senco,
        **fields,
    )
    provision.full_clean()
    provision.save()
    provision.deliverers.add(deliverer)
    return provision


def _primary_areas(pupils: list[Pupil]) -> dict[int, str]:
    from sendsupport.pupils.codes import broad_area
    from sendsupport.pupils.models import SENNeed

    areas: dict[int, str] = {}
    for pupil_id, need in SENNeed.objects.filter(pupil__in=pupils, rank=1).values_list("pupil_id", "need_type"):
        areas.setdefault(pupil_id, broad_area(need))
    return areas


def _current_outcomes(pupils: list[Pupil]) -> dict[int, list[Outcome]]:
    found: dict[int, list[Outcome]] = defaultdict(list)
    for outcome in Outcome.objects.filter(pupil__in=pupils, plan__cycle__status="open").order_by("position"):
        found[outcome.pupil_id].append(outcome)
    return found


def _session_days(provision: Provision, last_day: date) -> list[date]:
    """The days the schedule falls on, Monday first, in every week but the October half-term."""
    weekdays = [0, 2, 4, 1, 3][: provision.sessions_per_week] if provision.sessions_per_week < 5 else [0, 1, 2, 3, 4]
    half_term = date(provision.starts_on.year, 10, 28)
    half_term_week = half_term - timedelta(days=half_term.weekday())
    days = []
    week = provision.starts_on - timedelta(days=provision.starts_on.weekday())
    while week <= last_day:
        if week != half_term_week:
            days += [
                week + timedelta(days=d)
                for d in sorted(weekdays)
                if provision.starts_on <= week + timedelta(days=d) <= last_day
            ]
        week += timedelta(days=7)
    return days


def _register_term(rng: random.Random, provision: Provision, members: list[Pupil], *, last_day: date) -> None:
    deliverer_id = provision.deliverers.values_list("pk", flat=True).first()
    sessions = []
    for day in _session_days(provision, last_day):
        cancelled = rng.random() < 0.04
        sessions.append(
            DeliveredSession(
                provision=provision,
                held_on=day,
                minutes=provision.session_minutes,
                cancelled=cancelled,
                cancelled_reason=rng.choice(CANCELLED_BECAUSE) if cancelled else "",
                recorded_by_id=deliverer_id,
            )
        )
    DeliveredSession.objects.bulk_create(sessions)
    saved = DeliveredSession.objects.filter(provision=provision, cancelled=False)
    SessionAttendance.objects.bulk_create(
        SessionAttendance(
            session=session,
            pupil=pupil,
            status=Attendance.ABSENT if rng.random() < 0.07 else Attendance.PRESENT,
        )
        for session in saved
        for pupil in members
    )


def _last_year(
    rng: random.Random,
    school: Any,
    library: dict[str, Intervention],
    pupils: list[Pupil],
    areas: dict[int, str],
    start: date,
    senco: Any,
    tas: list[int],
) -> None:
    """Last year's spring and summer groups: ended in July, reviewed, with entry and exit measures."""
    begun = date(start.year, 1, 12)
    ended = date(start.year, 7, 17)
    for index in range(0, len(pupils), 4):
        members = pupils[index : index + 4]
        area = areas.get(members[0].pk, BroadArea.COGNITION)
        name, per_week, minutes = GROUPS[area][0]
        provision = _provision(
            school,
            library[name],
            name=f"{name}: spring and summer group {index // 4 + 1}",
            per_week=per_week,
            minutes=minutes,
            starts_on=begun,
            ends_on=ended,
            funding=FundingStream.NOTIONAL_SEN,
            place="The library",
            deliverer=tas[index % len(tas)],
            senco=senco,
        )
        provision.reviewed_on = ended + timedelta(days=3)
        provision.review_note = "Most of the group met their targets; two carry on with a new group in September."
        provision.save(update_fields=["reviewed_on", "review_note"])
        for pupil in members:
            ProvisionMember.objects.create(provision=provision, pupil=pupil, joined_on=begun, left_on=ended)
            entry = 68 + rng.randint(0, 12)
            for kind, score, on in (
                (MeasureKind.ENTRY, entry, begun),
                (MeasureKind.EXIT, entry + rng.randint(2, 11), ended),
            ):
                ImpactMeasure.objects.create(
                    provision=provision,
                    pupil=pupil,
                    kind=kind,
                    score=Decimal(score),
                    scale=SCALES[area],
                    measured_on=on,
                    recorded_by=senco,
                )
