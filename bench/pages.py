"""Benchmark: every main page against a trivial signed-in page, interleaved, through the real server.

    python bench/pages.py [--rounds 60] [--pupils 2000] [--years 3] [--pages register,todo] [--seed 13]
                          [--schools 200 --pupils-per-school 1000]   # PostgreSQL only

Uses DATABASE_URL if set, otherwise a fresh temporary SQLite file. Migrates, seeds one school of
2,000 pupils with three years of termly cycles for every pupil on the register (the seed's own
``--years-of-records``), a SENCO, a governor and an LA officer, starts gunicorn with two workers on
a free loopback port, and requests every page once a round, in an order shuffled afresh each round
(``--seed``), so that whatever else the machine is doing, and whatever the page before left behind,
falls on every page alike. Prints, for each page, p50 and p95 latency, the queries it makes and its
size (counted once in-process with Django's test client), and its throughput ratio to the trivial
signed-in page (``/health/`` with a session): 1.0 means as fast as that page. A p50 ratio beside it
compares middle times, which one slow request cannot move; a target counts as met only when both
ratios reach it.

Besides the main pages it measures the capabilities that came later, without targets: the provision
map (120 provisions and ``--sessions`` delivered sessions, as ``bench/provision_map.py`` seeds them),
the parent portal's page for the pupil (a parent account with parental responsibility), the pupil's
EHC page and an EHC evidence pack being prepared. It also measures the first visit after a
colleague's change, which no remembered answer can serve: the to-do list and the pupil page just
after a note is saved, and the to-do list just after a provision session is registered (the
benchmark marks the school's records changed before each such request, as the signals do).

``--schools N`` (PostgreSQL) puts N - 1 more schools of ``--pupils-per-school`` pupils each into the
benchmark school's local authority, with the synthetic data's bulk paths, and prints how long that
took. Issue 13 compares runs on fresh databases: the LA overview's p50 with ``--schools 200`` at most
twice that with ``--schools 20``, and the API pupil list (one school's SENCO) with ``--schools 200``
within 1.5 times that with ``--schools 1``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from provision_map import seed_provision  # noqa: E402
from register import HOST, configure, free_port, prepare, signed_in_opener, start_server, stop_server  # noqa: E402


@dataclass
class Page:
    name: str
    path: str
    who: str  # "anonymous", "senco", "governor", "la", "api"
    check: str
    target: float | None = None  # the throughput ratio to the trivial signed-in page it must reach
    # What someone else changed just before each request (not timed): "note" as saving a note or a
    # concern does, "session" as registering a provision session does (see ``changed_before``).
    after: str | None = None
    latencies: list[float] = field(default_factory=list)
    queries: int | None = None
    size: int | None = None


def seed(pupils: int, years: int, sessions: int = 20000) -> dict:
    """The school, its history and the accounts; returns what the pages need."""
    import secrets

    username, password = prepare(pupils)
    from sendsupport.accounts.models import User
    from sendsupport.api.services import create_token
    from sendsupport.demo.synthetic_records import add_records
    from sendsupport.pupils.models import Pupil
    from sendsupport.schools.models import LocalAuthorityMembership, Role, School, StaffMembership
    from sendsupport.support.models import Cycle

    school = School.objects.order_by("-pk").first()
    cycles = add_records(schools=[school], today=date.today(), years=years)
    print(f"Added {cycles} cycles ({years} years of termly cycles) to {school.name}.")
    provisions, members, marks = seed_provision(provisions=120, sessions=sessions, today=date.today())
    print(f"Added {provisions} provisions, {members} members, {sessions} sessions and {marks} attendance marks.")
    accounts = {"senco": (username, password)}
    for role, name in ((Role.GOVERNOR, "governor"), (None, "la")):
        login, secret = f"bench-{name}-{school.urn}", secrets.token_urlsafe(16)
        user = User.objects.create_user(username=login, password=secret)
        if role:
            StaffMembership.objects.create(user=user, school=school, role=role)
        else:
            LocalAuthorityMembership.objects.create(user=user, local_authority=school.local_authority)
        accounts[name] = (login, secret)
    senco = User.objects.get(username=username)
    _token, raw = create_token(user=senco, name="bench")
    longest = (
        Cycle.objects.filter(pupil__school=school)
        .values("pupil_id")
        .order_by("-number")
        .values_list("pupil_id", flat=True)
        .first()
    )
    pupil = Pupil.objects.get(pk=longest)
    latest = Cycle.objects.filter(pupil=pupil).order_by("-number").first()
    accounts["parent"] = parent_account(pupil)
    pack = evidence_pack(pupil, senco)
    return {
        "accounts": accounts,
        "token": raw,
        "pupil": pupil.pk,
        "cycle": latest.number,
        "school": school.pk,
        "pack": pack,
    }


def parent_account(pupil) -> tuple[str, str]:
    """A sign-in for a parent with parental responsibility for ``pupil`` (the portal's child page)."""
    import secrets

    from sendsupport.accounts.models import User
    from sendsupport.pupils.models import Contact, PupilContact

    login, secret = f"bench-parent-{pupil.school.urn}", secrets.token_urlsafe(16)
    user = User.objects.create_user(username=login, password=secret, first_name="Bench", last_name="Parent")
    link = PupilContact.objects.filter(pupil=pupil, parental_responsibility=True).select_related("contact").first()
    if link is None:
        contact = Contact.objects.create(school=pupil.school, first_name="Bench", last_name="Parent")
        link = PupilContact.objects.create(pupil=pupil, contact=contact, parental_responsibility=True)
    link.contact.user = user
    link.contact.save()
    return login, secret


def evidence_pack(pupil, senco) -> int | None:
    """An EHC evidence pack being prepared for ``pupil``; None if the rules refuse one for this pupil."""
    from django.core.exceptions import ValidationError

    from sendsupport.statutory.evidence import services as evidence_services

    try:
        pack = evidence_services.save_pack(
            pupil=pupil,
            by=senco,
            covering_summary="Three terms of SEN support have not closed the gap; the help needed costs more.",
            parents_involved_on=None,
            parents_involvement="",
        )
    except ValidationError as error:
        print(f"No evidence pack: {error}")
        return None
    return pack.pk


def add_schools(school_id: int, schools: int, pupils: int) -> None:
    """``schools`` more schools of ``pupils`` pupils each in the benchmark school's local authority,
    seeded with the synthetic data's bulk inserts (a few queries a school, whatever its size)."""
    from sendsupport.demo.synthetic import create_school
    from sendsupport.schools.models import School

    home = School.objects.select_related("local_authority").get(pk=school_id)
    first = School.objects.count()
    started = time.perf_counter()
    for index in range(schools):
        number = first + index
        create_school(
            rng=random.Random(f"bench-la-{number}"),
            la=home.local_authority,
            urn=str(700000 + number),
            estab=f"{2000 + number % 8000:04d}",
            name=f"Authority School {700000 + number}",
            phase=School.Phase.PRIMARY,
            pupils=pupils,
            today=date.today(),
            staff_prefix=f"la{700000 + number}",
        )
        if (index + 1) % 20 == 0:
            print(f"  {index + 1} of {schools} schools after {time.perf_counter() - started:.0f} s", flush=True)
    took = time.perf_counter() - started
    print(f"Seeded {schools} more schools of {pupils} pupils ({schools * pupils:,} pupils) in {took:.1f} s.")


def settle() -> None:
    """On PostgreSQL, vacuum and analyse what the seed wrote, as autovacuum would have done in a real
    database long before anyone measured it: the seed writes hundreds of thousands of rows, and
    without this their statistics are stale while the pages are measured."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def pages_for(facts: dict) -> list[Page]:
    pupil, cycle = facts["pupil"], facts["cycle"]
    return [
        Page("anonymous /health/", "/health/", "anonymous", '"ok"'),
        Page("trivial signed-in", "/health/", "senco", '"ok"'),
        Page("register", "/register/", "senco", "SEN register", 0.5),
        Page("to-do list", "/to-do/", "senco", "To-do", 0.25),
        Page("SENCO home", "/", "senco", "</main>", 0.25),
        Page("pupil page", f"/pupils/{pupil}/", "senco", "</main>", 0.5),
        Page("timeline", f"/pupils/{pupil}/support/", "senco", "</main>", 0.5),
        Page("plan page", f"/pupils/{pupil}/support/cycles/{cycle}/plan/", "senco", "</main>", 0.5),
        Page("passport", f"/pupils/{pupil}/passport/", "senco", "</main>", None),
        Page("governor overview", "/overview/", "governor", "</main>", 0.5),
        Page("LA overview", "/local-authority/", "la", "</main>", 0.5),
        Page("API pupil list", "/api/v1/pupils", "api", '"items"', 0.5),
        # Capabilities that came later: measured, no targets yet.
        Page("provision map", "/provision-map/", "senco", "</main>"),
        Page("parent's child page", f"/your-children/{pupil}/", "parent", "</main>"),
        Page("EHC page", f"/pupils/{pupil}/ehc/", "senco", "</main>"),
        *(
            [Page("evidence pack", f"/pupils/{pupil}/ehc/evidence/{facts['pack']}/", "senco", "</main>")]
            if facts.get("pack")
            else []
        ),
        # The first visit after a colleague's change, which remembered answers cannot serve: in a
        # school at work records change all day. No targets: the are for pages as above.
        # Measured after the others, in rounds of their own (``run``).
        Page("to-do list after a note", "/to-do/", "senco", "To-do", after="note"),
        Page("pupil page after a note", f"/pupils/{pupil}/", "senco", "</main>", after="note"),
        Page("to-do list after a session", "/to-do/", "senco", "To-do", after="session"),
    ]


def changed_before(page: Page, facts: dict) -> None:
    """Mark the school's records changed as the signals do for a note saved (the records version
    only) or for a provision session registered (the records and the costs versions)."""
    if page.after is None:
        return
    from sendsupport.schools.memo import records_changed

    records_changed([facts["school"]], costs=page.after == "session")


def count_in_process(pages: list[Page], facts: dict) -> None:
    """Queries and bytes per page, counted once with Django's test client on the same database."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sendsupport.accounts.models import User

    clients: dict[str, Client] = {"anonymous": Client()}
    for who, (login, _secret) in facts["accounts"].items():
        client = Client()
        client.force_login(User.objects.get(username=login))
        clients[who] = client
    api = Client(headers={"Authorization": f"Bearer {facts['token']}"})
    clients["api"] = api
    for page in pages:
        client = clients[page.who]
        client.get(page.path)  # warm caches as the server's workers are warm
        changed_before(page, facts)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.path)
        page.queries = len(captured)
        page.size = len(response.content)


def profile_in_process(pages: list[Page], facts: dict, repeat: int = 5) -> None:
    """Where each page's time goes: cProfile over ``repeat`` requests with the test client."""
    import cProfile
    import pstats

    from django.test import Client

    from sendsupport.accounts.models import User

    for page in pages:
        if page.who == "api":
            client = Client(headers={"Authorization": f"Bearer {facts['token']}"})
        else:
            client = Client()
            if page.who != "anonymous":
                client.force_login(User.objects.get(username=facts["accounts"][page.who][0]))
        client.get(page.path)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(repeat):
            profiler.disable()
            changed_before(page, facts)
            profiler.enable()
            client.get(page.path)
        profiler.disable()
        print(f"\n== {page.name} ({repeat} requests) ==")
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats("sendsupport", 40)
        stats.sort_stats("tottime").print_stats(15)


def openers(base: str, facts: dict) -> dict:
    found = {"anonymous": urllib.request.build_opener()}
    for who, (login, secret) in facts["accounts"].items():
        found[who] = signed_in_opener(base, login, secret)
    found["api"] = urllib.request.build_opener()
    return found


def fetch(opener, base: str, page: Page, token: str) -> float:
    request = urllib.request.Request(base + page.path)
    if page.who == "api":
        request.add_header("Authorization", f"Bearer {token}")
    before = time.perf_counter()
    with opener.open(request, timeout=60) as response:
        body = response.read().decode()
        if response.status != 200 or page.check not in body:
            raise SystemExit(f"Unexpected answer from {page.path}: {response.status} at {response.url}")
    return (time.perf_counter() - before) * 1000


def run(pages: list[Page], base: str, facts: dict, rounds: int, seed: int) -> None:
    by_who = openers(base, facts)
    # The pages after each kind of change run in rounds of their own, after the others: a change in
    # the middle of a round would make the remembered pages that follow it (the LA overview, say)
    # cold too, and a session registered would make the costs cold for the page after a note.
    kinds = list(dict.fromkeys(page.after for page in pages))
    for phase in ([page for page in pages if page.after == kind] for kind in kinds):
        # Warm up both workers: each keeps its own remembered pages, and an idle worker tends to win
        # every connection, so rounds one request at a time could leave the other cold for a page
        # until a measured request found it. Two requests at once are answered by both workers.
        with ThreadPoolExecutor(max_workers=2) as both:
            for _ in range(5):
                for page in phase:
                    twice = [both.submit(fetch, by_who[page.who], base, page, facts["token"]) for _ in range(2)]
                    for answer in twice:
                        answer.result()
        # A fixed order gave each page the same page before it, every round, and a request pays for
        # some of what the one before it left (the other worker still finishing, memory to collect):
        # in the order the pages are listed, the anonymous page always came after the evidence pack
        # and the trivial page after the anonymous one, which made the trivial page look 0.1-0.2x
        # closer to the anonymous one than it is. A fresh order each round gives every page the same
        # mix of pages before it; the seed makes the order the same from run to run.
        order = random.Random(seed)
        for _ in range(rounds):
            for page in order.sample(phase, len(phase)):
                changed_before(page, facts)
                page.latencies.append(fetch(by_who[page.who], base, page, facts["token"]))


def print_table(pages: list[Page]) -> bool:
    trivial = next(p for p in pages if p.name == "trivial signed-in")
    anonymous = next(p for p in pages if p.name == "anonymous /health/")
    trivial_mean = statistics.fmean(trivial.latencies)
    trivial_median = statistics.median(trivial.latencies)
    print()
    # The ratio is the throughput of a page against the trivial page's (their mean times); the p50
    # ratio compares middle times, which one slow request cannot move. A target is met only when
    # both reach it: a single slow trivial request once made every mean ratio read "met".
    print("| Page | p50 ms | p95 ms | max ms | ratio | p50 ratio | target | queries | KB |")
    print("|---|---|---|---|---|---|---|---|---|")
    met = True
    for page in pages:
        cuts = statistics.quantiles(page.latencies, n=100, method="inclusive")
        ratio = trivial_mean / statistics.fmean(page.latencies)
        middle = trivial_median / statistics.median(page.latencies)
        target = ""
        if page.target is not None:
            ok = min(ratio, middle) >= page.target
            met &= ok
            target = f">= {page.target} {'met' if ok else 'NOT met'}"
        print(
            f"| {page.name} | {cuts[49]:.1f} | {cuts[94]:.1f} | {max(page.latencies):.1f} | {ratio:.2f} | "
            f"{middle:.2f} | {target} | {page.queries} | {(page.size or 0) / 1024:.0f} |"
        )
    slowdown = trivial_mean / statistics.fmean(anonymous.latencies)
    slowdown_middle = trivial_median / statistics.median(anonymous.latencies)
    print(
        f"\nTrivial signed-in page against anonymous /health/: {slowdown:.2f}x by mean times, "
        f"{slowdown_middle:.2f}x by p50 (target at most 1.2x)"
    )
    met &= max(slowdown, slowdown_middle) <= 1.2
    print(f"Machine load (1, 5, 15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=60, help="requests per page")
    parser.add_argument("--pupils", type=int, default=2000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--pages", default="", help="comma-separated page names to keep (the two /health/ always)")
    parser.add_argument("--seed", type=int, default=13, help="the pages' order in each round is shuffled from this")
    parser.add_argument("--profile", action="store_true", help="profile the pages in-process instead of serving them")
    parser.add_argument("--sessions", type=int, default=20000, help="delivered sessions on the provision map")
    parser.add_argument(
        "--schools", type=int, default=1, help="schools in the benchmark school's local authority (PostgreSQL)"
    )
    parser.add_argument("--pupils-per-school", type=int, default=1000, help="pupils in each school beyond the first")
    args = parser.parse_args()
    if args.schools > 1 and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        parser.error("--schools needs PostgreSQL: set DATABASE_URL=postgres://... (a fresh database)")

    scratch = configure()
    try:
        import django

        django.setup()
        facts = seed(args.pupils, args.years, args.sessions)
        if args.schools > 1:
            add_schools(facts["school"], args.schools - 1, args.pupils_per_school)
        settle()
        pages = pages_for(facts)
        if args.pages:
            keep = {name.strip() for name in args.pages.split(",")}
            pages = [p for p in pages if p.name in keep or "/health/" in p.name or p.name.startswith("trivial")]
        count_in_process(pages, facts)
        if args.profile:
            profile_in_process(pages, facts)
            return
        port = free_port()
        server = start_server(port)
        try:
            base = f"http://{HOST}:{port}"
            print(
                f"Database: {os.environ['DATABASE_URL'].split('://')[0]}; server: gunicorn, 2 workers; "
                f"{args.rounds} rounds, each in a shuffled order (seed {args.seed}); "
                f"{args.schools} school(s) in the local authority"
            )
            run(pages, base, facts, args.rounds, args.seed)
        finally:
            stop_server(server)
        all_met = print_table(pages)
        print("Every target met." if all_met else "Some targets not met.")
    finally:
        if scratch is not None:
            scratch.cleanup()


if __name__ == "__main__":
    main()
