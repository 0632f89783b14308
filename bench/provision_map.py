"""Benchmark: the SENCO's whole-school provision map against a trivial signed-in page, on the real server.

    python bench/provision_map.py [--requests 100] [--max-seconds 120] [--pupils 2000]
                                  [--provisions 120] [--sessions 20000]

Seeds one school of 2,000 pupils as bench/register.py does (a fresh temporary SQLite file, or the
database in DATABASE_URL), then 120 provisions of 12 interventions (a sixth of them one-to-one, the
rest groups of 3 to 8), hourly costs for every role, a weekly extra cost on some, and 20,000
delivered sessions this school year with attendance for every member. Starts gunicorn with two
workers, signs in as the SENCO and requests the map (with every cost and the pupils' cost chart) and
/health/ in turn in one run, then prints p50 and p95 latency of each, requests per second and the
throughput ratio of the map to the trivial page.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from datetime import date, timedelta

from register import configure, free_port, prepare, report, signed_in_opener, start_server, stop_server

INTERVENTIONS = [
    ("Phonics catch-up", "cognition"),
    ("Precision teaching", "cognition"),
    ("Reading fluency group", "cognition"),
    ("Number sense group", "cognition"),
    ("Language group", "communication"),
    ("Social skills group", "communication"),
    ("Attention and listening", "communication"),
    ("Nurture group", "semh"),
    ("Emotional literacy support", "semh"),
    ("Zones of regulation", "semh"),
    ("Fine motor skills", "sensory_physical"),
    ("Sensory circuits", "sensory_physical"),
]


def seed_provision(*, provisions: int, sessions: int, today: date) -> tuple[int, int, int]:
    """Provisions, members and sessions for the newest school; returns (provisions, members, attendance rows)."""
    from sendsupport.core.dates import academic_year_bounds
    from sendsupport.provision.choices import Attendance, DelivererRole, FundingStream, Recurrence
    from sendsupport.provision.models import (
        DeliveredSession,
        ExtraCost,
        Intervention,
        Provision,
        ProvisionMember,
        SessionAttendance,
        StaffRoleCost,
    )
    from sendsupport.pupils.models import Pupil
    from sendsupport.schools.models import Role, School, StaffMembership

    rng = random.Random("bench-provision")
    school = School.objects.order_by("-pk").first()
    year_start, _ = academic_year_bounds(today)
    StaffRoleCost.objects.bulk_create(
        [StaffRoleCost(school=school, role=role, hourly_pence=1500 + 500 * n) for n, role in enumerate(DelivererRole)]
    )
    interventions = Intervention.objects.bulk_create(
        [
            Intervention(
                school=school, name=name, area=area, description="A benchmark intervention.", delivered_by="ta"
            )
            for name, area in INTERVENTIONS
        ]
    )
    staff = list(
        StaffMembership.objects.filter(school=school, role__in=[Role.TA, Role.TEACHER]).values_list(
            "user_id", flat=True
        )
    )
    pupils = list(Pupil.objects.filter(school=school).values_list("pk", flat=True))
    streams = list(FundingStream.values)
    made = Provision.objects.bulk_create(
        [
            Provision(
                school=school,
                intervention=interventions[index % len(interventions)],
                name=f"Group {index + 1}",
                one_to_one=index % 6 == 0,
                deliverer_role=DelivererRole.TA if index % 3 else DelivererRole.TEACHER,
                sessions_per_week=rng.choice([2, 3, 5]),
                session_minutes=rng.choice([20, 30, 45]),
                starts_on=year_start + timedelta(days=rng.randrange(0, 14)),
                funding=streams[index % len(streams)],
            )
            for index in range(provisions)
        ]
    )
    Provision.deliverers.through.objects.bulk_create(
        [Provision.deliverers.through(provision_id=p.pk, user_id=rng.choice(staff)) for p in made]
    )
    members: dict[int, list[int]] = {}
    rows = []
    for provision in made:
        chosen = rng.sample(pupils, 1 if provision.one_to_one else rng.randint(3, 8))
        members[provision.pk] = chosen
        rows += [ProvisionMember(provision=provision, pupil_id=pk, joined_on=provision.starts_on) for pk in chosen]
    ProvisionMember.objects.bulk_create(rows)
    ExtraCost.objects.bulk_create(
        [
            ExtraCost(
                provision=p,
                description="Resources",
                amount_pence=2500,
                recurrence=Recurrence.WEEKLY,
                on_date=p.starts_on,
            )
            for p in made[::4]
        ]
    )
    # The sessions, spread over the school days from the latest start to today, several a day if need be.
    first = max(p.starts_on for p in made)
    days = [first + timedelta(days=n) for n in range(max(1, (today - first).days + 1))]
    days = [day for day in days if day.weekday() < 5] or [first]
    batch: list[DeliveredSession] = []
    for index in range(sessions):
        provision = made[index % len(made)]
        batch.append(
            DeliveredSession(
                provision=provision,
                held_on=days[(index // len(made)) % len(days)],
                minutes=provision.session_minutes,
                cancelled=index % 40 == 0,
                cancelled_reason="Staff absent" if index % 40 == 0 else "",
            )
        )
    attendance = 0
    for start in range(0, len(batch), 2000):
        saved = DeliveredSession.objects.bulk_create(batch[start : start + 2000])
        marks = [
            SessionAttendance(
                session=session,
                pupil_id=pk,
                status=Attendance.ABSENT if rng.random() < 0.1 else Attendance.PRESENT,
            )
            for session in saved
            if not session.cancelled
            for pk in members[session.provision_id]
        ]
        SessionAttendance.objects.bulk_create(marks, batch_size=5000)
        attendance += len(marks)
    return len(made), len(rows), attendance


def interleaved(
    opener, base: str, requests: int, max_seconds: float
) -> tuple[dict[str, list[float]], dict[str, float]]:
    """Latencies (ms) and time spent for the map and /health/, asked for in turn in one run."""
    pages = {"map": (f"{base}/provision-map/", "Provision map"), "/health/": (f"{base}/health/", '"ok"')}
    for url, _ in pages.values():  # warm up both workers
        for _ in range(3):
            with opener.open(url, timeout=120) as response:
                response.read()
    latencies: dict[str, list[float]] = {name: [] for name in pages}
    spent = dict.fromkeys(pages, 0.0)
    started = time.perf_counter()
    while len(latencies["map"]) < requests and time.perf_counter() - started < max_seconds:
        for name, (url, check) in pages.items():
            before = time.perf_counter()
            with opener.open(url, timeout=120) as response:
                body = response.read().decode()
                if response.status != 200 or check not in body:
                    raise SystemExit(f"Unexpected answer from {url}: {response.status} at {response.url}")
            took = time.perf_counter() - before
            latencies[name].append(took * 1000)
            spent[name] += took
    return latencies, spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100, help="requests of each page (at most)")
    parser.add_argument("--max-seconds", type=float, default=120, help="time limit for the run")
    parser.add_argument("--pupils", type=int, default=2000)
    parser.add_argument("--provisions", type=int, default=120)
    parser.add_argument("--sessions", type=int, default=20000)
    args = parser.parse_args()

    scratch = configure()
    try:
        username, password = prepare(args.pupils)
        seeded = time.perf_counter()
        provisions, members, marks = seed_provision(
            provisions=args.provisions, sessions=args.sessions, today=date.today()
        )
        print(
            f"Seeded {provisions} provisions with {members} members, {args.sessions} sessions and "
            f"{marks} attendance marks in {time.perf_counter() - seeded:.1f} s."
        )
        port = free_port()
        server = start_server(port)
        try:
            base = f"http://127.0.0.1:{port}"
            opener = signed_in_opener(base, username, password)
            print(f"Database: {os.environ['DATABASE_URL'].split('://')[0]}; server: gunicorn, 2 workers, {base}")
            latencies, spent = interleaved(opener, base, args.requests, args.max_seconds)
        finally:
            stop_server(server)
        map_rate = report("map", latencies["map"], spent["map"])
        health_rate = report("/health/", latencies["/health/"], spent["/health/"])
        print(f"Throughput ratio map/trivial: {map_rate / health_rate:.3f}")
    finally:
        if scratch is not None:
            scratch.cleanup()


if __name__ == "__main__":
    main()
