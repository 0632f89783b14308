"""Benchmark: the SENCO's to-do list against a trivial page, through the real server.

    python bench/todo.py [--requests 100] [--max-seconds 60] [--pupils 2000]

Seeds one school of 2,000 pupils (about 380 on the register) as bench/register.py does, then gives
every pupil on the register three years of termly cycles (each with a plan, two outcomes and a
review; the latest cycle open), a parent notification and meetings with parents. Prints p50 and
p95 latency of /to-do/ and /health/, requests per second and the throughput ratio.
"""

from __future__ import annotations

import argparse
import os
from datetime import date, timedelta

from register import configure, free_port, measure, prepare, report, signed_in_opener, start_server, stop_server

YEARS = 3
CYCLES_PER_YEAR = 3


def add_three_years_of_cycles() -> int:
    """Bulk-create the graduated-approach history for every pupil on the newest school's register."""
    from sendsupport.meetings.models import Meeting
    from sendsupport.pupils.models import Pupil
    from sendsupport.pupils.selectors import with_current_sen
    from sendsupport.schools.models import School
    from sendsupport.support.choices import CycleStatus, NextStep, PlanStatus
    from sendsupport.support.models import Cycle, Outcome, ParentNotification, Plan, Review

    school = School.objects.order_by("-pk").first()
    pupils = list(with_current_sen(Pupil.objects.filter(school=school)).filter(current_provision__in=["K", "E"]))
    today = date.today()
    first_day = today - timedelta(days=365 * YEARS)
    total = YEARS * CYCLES_PER_YEAR
    span = timedelta(days=(today - first_day).days // total)

    cycles = []
    for pupil in pupils:
        for number in range(1, total + 1):
            opened = first_day + span * (number - 1)
            last = number == total
            cycles.append(
                Cycle(
                    pupil=pupil,
                    number=number,
                    opened_on=opened,
                    status=CycleStatus.OPEN if last else CycleStatus.CLOSED,
                    closed_on=None if last else opened + span - timedelta(days=1),
                )
            )
    cycles = Cycle.objects.bulk_create(cycles, batch_size=2000)
    plans = Plan.objects.bulk_create(
        [
            Plan(
                cycle=cycle,
                pupil_id=cycle.pupil_id,
                created_on=cycle.opened_on,
                review_date=cycle.opened_on + span,
                status=PlanStatus.AGREED,
                agreed_on=cycle.opened_on + timedelta(days=3),
                strategies="Visual timetable; chunked tasks.",
                support="Small-group phonics, 3 x 20 minutes a week.",
            )
            for cycle in cycles
        ],
        batch_size=2000,
    )
    outcomes = []
    for plan in plans:
        for position in (1, 2):
            outcomes.append(
                Outcome(
                    plan=plan,
                    pupil_id=plan.pupil_id,
                    position=position,
                    area="cognition",
                    description="Read 40 common exception words accurately.",
                    baseline="Reads 12 of 40 words.",
                    target="Reads 40 of 40 words.",
                    measure="Word list check each half term.",
                    due_date=plan.review_date,
                )
            )
    Outcome.objects.bulk_create(outcomes, batch_size=2000)
    Review.objects.bulk_create(
        [
            Review(
                cycle=plan.cycle,
                plan=plan,
                pupil_id=plan.pupil_id,
                held_on=plan.review_date,
                expected_progress=plan.pk % 3 != 0,
                pupil_views="I like the reading group.",
                parent_views="Pleased with progress.",
                attendees="SENCO, class teacher, parent",
                next_step=NextStep.CONTINUE,
            )
            for plan in plans
            if plan.cycle.status == CycleStatus.CLOSED
        ],
        batch_size=2000,
    )
    ParentNotification.objects.bulk_create(
        [ParentNotification(pupil=pupil, notified_on=first_day, method="letter") for pupil in pupils]
    )
    Meeting.objects.bulk_create(
        [
            Meeting(
                pupil=pupil, held_on=today - timedelta(days=30), kind="other", discussed="Progress", agreed="Carry on"
            )
            for pupil in pupils
        ]
    )
    print(
        f"Added {len(cycles)} cycles ({YEARS} years, {total} per pupil), {len(plans)} plans, "
        f"{len(outcomes)} outcomes for {len(pupils)} pupils on the register."
    )
    return len(pupils)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100, help="requests per page (at most)")
    parser.add_argument("--max-seconds", type=float, default=60, help="time limit per page")
    parser.add_argument("--pupils", type=int, default=2000)
    args = parser.parse_args()

    scratch = configure()
    try:
        username, password = prepare(args.pupils)
        add_three_years_of_cycles()
        port = free_port()
        server = start_server(port)
        try:
            base = f"http://127.0.0.1:{port}"  # loopback only
            opener = signed_in_opener(base, username, password)
            print(f"Database: {os.environ['DATABASE_URL'].split('://')[0]}; server: gunicorn, 2 workers, {base}")
            todo_times, todo_wall = measure(opener, f"{base}/to-do/", args.requests, args.max_seconds, "To-do list")
            health_times, health_wall = measure(opener, f"{base}/health/", args.requests, args.max_seconds, '"ok"')
        finally:
            stop_server(server)
        todo_rate = report("to-do", todo_times, todo_wall)
        health_rate = report("/health/", health_times, health_wall)
        print(f"Throughput ratio to-do/trivial: {todo_rate / health_rate:.3f}")
    finally:
        if scratch is not None:
            scratch.cleanup()


if __name__ == "__main__":
    main()
