"""Years of graduated-approach records for synthetic schools, written with bulk inserts.

The realism of the demo school at the speed of the seed: every pupil on the register gets termly
cycles (each with an agreed plan, two outcomes and a review; the latest cycle open with its review
date ahead), the parents told when SEN support started, and a meeting with the parents each term.
No history rows are written (the data is made up), so thousands of pupils take seconds.
"""

from __future__ import annotations

from datetime import date, timedelta

from sendsupport.meetings.models import Meeting
from sendsupport.pupils.codes import Provision
from sendsupport.pupils.models import Pupil, SENStatus
from sendsupport.pupils.selectors import with_current_sen
from sendsupport.schools.models import School
from sendsupport.support.choices import CycleStatus, NextStep, NotificationMethod, PlanStatus
from sendsupport.support.models import Cycle, Outcome, ParentNotification, Plan, Review

CYCLES_PER_YEAR = 3
BATCH = 2000


def _register(schools: list[School]) -> list[Pupil]:
    pupils = with_current_sen(Pupil.objects.filter(school__in=schools, on_roll_until__isnull=True))
    return list(pupils.filter(current_provision__in=[Provision.SEN_SUPPORT, Provision.EHC_PLAN]).order_by("pk"))


def _support_started(pupils: list[Pupil]) -> dict[int, date]:
    started: dict[int, date] = {}
    rows = SENStatus.objects.filter(pupil__in=pupils, provision__in=[Provision.SEN_SUPPORT, Provision.EHC_PLAN])
    for pupil_id, start in rows.order_by("pupil_id", "start_date").values_list("pupil_id", "start_date"):
        started.setdefault(pupil_id, start)
    return started


def add_records(*, schools: list[School], today: date, years: int) -> int:
    """Give every pupil on these schools' registers ``years`` of termly cycles; returns the cycles made."""
    pupils = _register(schools)
    started = _support_started(pupils)
    span = timedelta(days=365 // CYCLES_PER_YEAR)
    first_day = today - timedelta(days=365 * years)

    cycles: list[Cycle] = []
    for pupil in pupils:
        begin = max(first_day, started.get(pupil.pk, pupil.on_roll_from), pupil.on_roll_from)
        count = max(1, min(years * CYCLES_PER_YEAR, (today - begin).days // span.days + 1))
        # The newest cycle opened a few weeks ago, so its review date is a few weeks ahead.
        newest = today - timedelta(days=20 + pupil.pk % 40)
        for index in range(count):
            opened = newest - span * (count - 1 - index)
            last = index == count - 1
            cycles.append(
                Cycle(
                    pupil=pupil,
                    number=index + 1,
                    opened_on=max(opened, pupil.on_roll_from),
                    status=CycleStatus.OPEN if last else CycleStatus.CLOSED,
                    closed_on=None if last else opened + span - timedelta(days=1),
                )
            )
    cycles = Cycle.objects.bulk_create(cycles, batch_size=BATCH)
    plans = Plan.objects.bulk_create(
        [
            Plan(
                cycle=cycle,
                pupil_id=cycle.pupil_id,
                created_on=cycle.opened_on,
                review_date=cycle.opened_on + span - timedelta(days=2),
                status=PlanStatus.AGREED,
                agreed_on=cycle.opened_on + timedelta(days=7),
                parent_agreed_on=cycle.opened_on + timedelta(days=7),
                strategies="Visual timetable; instructions one step at a time; tasks in small chunks.",
                support="Small-group phonics with the teaching assistant, 3 times a week for 20 minutes.",
            )
            for cycle in cycles
        ],
        batch_size=BATCH,
    )
    Outcome.objects.bulk_create(
        [
            Outcome(
                plan=plan,
                pupil_id=plan.pupil_id,
                position=position,
                area="cognition" if position == 1 else "communication",
                description=description,
                baseline=baseline,
                target=target,
                measure=measure,
                due_date=plan.review_date,
            )
            for plan in plans
            for position, (description, baseline, target, measure) in enumerate(
                [
                    (
                        "Read 40 common exception words accurately.",
                        "Reads 12 of 40 words.",
                        "Reads 30 of 40 words.",
                        "A word-list check each half term.",
                    ),
                    (
                        "Follow a two-step instruction without a picture prompt.",
                        "Follows 4 of 10 two-step instructions.",
                        "Follows 8 of 10 two-step instructions.",
                        "A weekly tally of 10 instructions.",
                    ),
                ],
                start=1,
            )
        ],
        batch_size=BATCH,
    )
    Review.objects.bulk_create(
        [
            Review(
                cycle=plan.cycle,
                plan=plan,
                pupil_id=plan.pupil_id,
                held_on=plan.review_date,
                expected_progress=plan.pk % 4 != 0,
                pupil_views="I like the reading group.",
                parent_views="Pleased with the progress at home.",
                attendees="SENCO, class teacher, parent",
                next_step=NextStep.REVISE,
            )
            for plan in plans
            if plan.cycle.status == CycleStatus.CLOSED
        ],
        batch_size=BATCH,
    )
    first_cycle = {cycle.pupil_id: cycle for cycle in reversed(cycles)}
    ParentNotification.objects.bulk_create(
        [
            ParentNotification(
                pupil_id=pupil_id,
                cycle=cycle,
                notified_on=max(cycle.opened_on, started.get(pupil_id, cycle.opened_on)) + timedelta(days=3),
                method=NotificationMethod.LETTER,
            )
            for pupil_id, cycle in first_cycle.items()
        ],
        batch_size=BATCH,
    )
    Meeting.objects.bulk_create(
        [
            Meeting(
                pupil_id=plan.pupil_id,
                held_on=min(plan.cycle.opened_on + timedelta(days=21), today),
                kind=Meeting.Kind.OTHER,
                discussed="How the plan is going at school and at home.",
                agreed="Keep the current support; a weekly note home.",
            )
            for plan in plans
        ],
        batch_size=BATCH,
    )
    return len(cycles)
