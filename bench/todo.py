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
from datetime import date

from register import configure, free_port, measure, prepare, report, signed_in_opener, start_server, stop_server

YEARS = 3


def add_three_years_of_cycles() -> int:
    """The seed's own records (``seed --years-of-records``) for every pupil on the newest school's register."""
    from sendsupport.demo.synthetic_records import add_records
    from sendsupport.schools.models import School

    school = School.objects.order_by("-pk").first()
    cycles = add_records(schools=[school], today=date.today(), years=YEARS)
    print(f"Added {cycles} cycles ({YEARS} years of termly cycles) to {school.name}.")
    return cycles


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
