"""Benchmark: many people at once — SENCOs, teachers and parents — against gunicorn, with writes checked.

    python bench/load.py [--users 50] [--minutes 10] [--pupils 2000]

Uses DATABASE_URL if set, otherwise a fresh temporary SQLite file. Seeds one school of 2,000 pupils
(as bench/register.py does) with accounts for its SENCO and head, every teacher and TA, and a parent
for each of 40 pupils on the register; serves it with gunicorn (the README's gunicorn.conf.py, two
workers with four threads each); then locust (as a library, in this process) signs in ``--users``
people in realistic proportions — about 1 in 10 a SENCO or head, 6 in 10 teachers or TAs, 3 in 10
parents — who read their pages and, for teachers, raise concerns, for ``--minutes``.

Prints requests per second, p50/p95/p99 latency and failures per page, and checks every write: each
concern carries a unique marker, and every marker the server accepted must be in the database
exactly once (none lost, none duplicated).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import secrets
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from register import HOST, configure, free_port, prepare, start_server, stop_server  # noqa: E402

PASSWORD = secrets.token_urlsafe(16)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def seed(pupils: int) -> dict:
    """Accounts for the seeded school with one known password, and which pupils each may open."""
    prepare(pupils)
    from sendsupport.accounts.models import User
    from sendsupport.pupils.models import Contact, Pupil, PupilContact
    from sendsupport.pupils.selectors import with_current_sen
    from sendsupport.schools.models import Role, School, StaffMembership

    school = School.objects.order_by("-pk").first()
    staff = {role: [] for role in (Role.SENCO, Role.HEAD, Role.TEACHER, Role.TA)}
    for membership in StaffMembership.objects.filter(school=school, role__in=staff).select_related("user"):
        membership.user.set_password(PASSWORD)
        membership.user.save(update_fields=["password"])
        taught = list(
            Pupil.objects.filter(registration_group__staff=membership.user).values_list("pk", flat=True)[:30]
        )
        staff[membership.role].append({"username": membership.user.username, "pupils": taught})
    register = list(
        with_current_sen(Pupil.objects.filter(school=school))
        .filter(current_provision__in=["K", "E"])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    parents = []
    for index, pupil_id in enumerate(register[:40]):
        username = f"load-parent-{school.urn}-{index}"
        user = User.objects.create_user(username=username, password=PASSWORD, email=f"{username}@example.org")
        contact = Contact.objects.create(school=school, first_name="Parent", last_name=str(index), user=user)
        PupilContact.objects.create(
            pupil_id=pupil_id, contact=contact, relationship="mother", parental_responsibility=True
        )
        parents.append({"username": username, "pupils": [pupil_id]})
    managers = staff[Role.SENCO] + staff[Role.HEAD]
    for manager in managers:
        manager["pupils"] = register[:60]
    classroom = [person for person in staff[Role.TEACHER] + staff[Role.TA] if person["pupils"]]
    print(f"Accounts: {len(managers)} SENCO and head, {len(classroom)} teachers and TAs, {len(parents)} parents.")
    return {"managers": managers, "classroom": classroom, "parents": parents}


def user_classes(people: dict, written: list[str]):
    from locust import HttpUser, between, task

    class SignedIn(HttpUser):
        abstract = True
        wait_time = between(1, 3)
        pool: list[dict] = []

        def on_start(self) -> None:
            self.person = random.choice(self.pool)
            page = self.client.get("/sign-in/", name="sign in (form)")
            token = CSRF.search(page.text).group(1)
            self.client.post(
                "/sign-in/",
                {"csrfmiddlewaretoken": token, "username": self.person["username"], "password": PASSWORD},
                name="sign in",
            )

        def pupil(self) -> int:
            return random.choice(self.person["pupils"])

    class Senco(SignedIn):
        weight = 1
        pool = people["managers"]

        @task(3)
        def home(self) -> None:
            self.client.get("/", name="home (SENCO)")

        @task(2)
        def todo(self) -> None:
            self.client.get("/to-do/", name="to-do list")

        @task(2)
        def register(self) -> None:
            self.client.get("/register/", name="register")

        @task(3)
        def pupil_page(self) -> None:
            self.client.get(f"/pupils/{self.pupil()}/", name="pupil page")

        @task(1)
        def timeline(self) -> None:
            self.client.get(f"/pupils/{self.pupil()}/support/", name="timeline")

    class Teacher(SignedIn):
        weight = 6
        pool = people["classroom"]

        @task(3)
        def home(self) -> None:
            self.client.get("/", name="home (teacher)")

        @task(2)
        def pupil_page(self) -> None:
            self.client.get(f"/pupils/{self.pupil()}/", name="pupil page")

        @task(1)
        def passports(self) -> None:
            self.client.get("/passports/to-read/", name="passports to read")

        @task(1)
        def raise_concern(self) -> None:
            pupil = self.pupil()
            form = self.client.get(f"/pupils/{pupil}/support/concerns/new/", name="raise a concern (form)")
            found = CSRF.search(form.text)
            if not found:
                return
            marker = f"load-{uuid.uuid4()}"
            today = date.today()
            with self.client.post(
                f"/pupils/{pupil}/support/concerns/new/",
                {
                    "csrfmiddlewaretoken": found.group(1),
                    "noticed": f"Finds it hard to start written tasks. {marker}",
                    "since": (today - timedelta(days=30)).isoformat(),
                    "tried": "Visual prompts.",
                    "raised_on": today.isoformat(),
                },
                name="raise a concern",
                catch_response=True,
            ) as response:
                if response.status_code == 200 and "/support/" in response.url and "concerns/new" not in response.url:
                    written.append(marker)
                    response.success()
                else:
                    response.failure(f"not saved: {response.status_code} at {response.url}")

    class Parent(SignedIn):
        weight = 3
        pool = people["parents"]

        @task(2)
        def children(self) -> None:
            self.client.get("/your-children/", name="your children (parent)")

        @task(3)
        def child(self) -> None:
            self.client.get(f"/pupils/{self.pupil()}/", name="child's page (parent)")

    return [Senco, Teacher, Parent]


def check_writes(written: list[str]) -> tuple[int, int]:
    """Markers the server accepted but the database lacks, and markers stored more than once."""
    from sendsupport.support.models import Concern

    stored: dict[str, int] = {}
    for noticed in Concern.objects.filter(noticed__contains="load-").values_list("noticed", flat=True):
        for marker in re.findall(r"load-[0-9a-f-]{36}", noticed):
            stored[marker] = stored.get(marker, 0) + 1
    lost = sum(1 for marker in written if marker not in stored)
    duplicated = sum(1 for count in stored.values() if count > 1)
    return lost, duplicated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--pupils", type=int, default=2000)
    args = parser.parse_args()

    import locust  # noqa: F401 - first: locust patches the standard library for gevent as it is imported

    scratch = configure()
    try:
        people = seed(args.pupils)
        port = free_port()
        # Threads let each worker hold several people's requests at once, as under a real school day.
        server = start_server(port, ("--threads", "4", "--timeout", "120"))
        written: list[str] = []
        try:
            import gevent
            from locust.env import Environment

            env = Environment(user_classes=user_classes(people, written), host=f"http://{HOST}:{port}")
            runner = env.create_local_runner()
            runner.start(args.users, spawn_rate=10)
            started = time.monotonic()
            gevent.sleep(args.minutes * 60)
            runner.quit()
            elapsed = time.monotonic() - started
        finally:
            stop_server(server)
        report(env, elapsed, args)
        lost, duplicated = check_writes(written)
        print(f"\nWrites: {len(written)} concerns accepted; {lost} lost, {duplicated} duplicated.")
        errors = env.stats.total.num_failures
        print(f"Errors: {errors}.")
        for error in sorted(env.stats.errors.values(), key=lambda e: -e.occurrences)[:10]:
            print(f"  {error.occurrences} x {error.method} {error.name}: {error.error}")
        print(f"Machine load (1, 5, 15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print("No errors and no lost or duplicated writes." if not (errors or lost or duplicated) else "PROBLEMS found.")
    finally:
        if scratch is not None:
            scratch.cleanup()


def report(env, elapsed: float, args) -> None:
    stats = env.stats
    print(
        f"\n{args.users} users for {elapsed / 60:.1f} minutes on {os.environ['DATABASE_URL'].split('://')[0]}: "
        f"{stats.total.num_requests} requests, {stats.total.num_requests / elapsed:.1f} per second."
    )
    print("| Page | requests | failures | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    for (name, _method), entry in sorted(stats.entries.items()):
        print(
            f"| {name} | {entry.num_requests} | {entry.num_failures} | {entry.get_response_time_percentile(0.5):.0f} | "
            f"{entry.get_response_time_percentile(0.95):.0f} | {entry.get_response_time_percentile(0.99):.0f} |"
        )


if __name__ == "__main__":
    main()
