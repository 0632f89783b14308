"""Benchmark: the SEN register page against a trivial page, through the real server.

    python bench/register.py [--requests 200] [--max-seconds 60] [--pupils 2000]

Uses DATABASE_URL if set, otherwise a fresh temporary SQLite file. Migrates, seeds one school of
2,000 pupils (about 380 on the register) and a SENCO, starts gunicorn with two workers on a free
loopback port, signs in with the standard library's HTTP client, then requests the register and
/health/ in turn and prints p50 and p95 latency, requests per second and the throughput ratio.
"""

from __future__ import annotations

import argparse
import http.client
import http.cookies
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
HOST = "127.0.0.1"  # loopback only


def configure() -> tempfile.TemporaryDirectory | None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendsupport.settings")
    os.environ.setdefault("SENDSUPPORT_MODE", "development")
    os.environ["SENDSUPPORT_HTTPS"] = "0"
    scratch = None
    if not os.environ.get("DATABASE_URL"):
        scratch = tempfile.TemporaryDirectory(prefix="sendsupport-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(scratch.name) / 'bench.sqlite3'}"
        os.environ.setdefault("SENDSUPPORT_DATA_DIR", scratch.name)
    return scratch


def prepare(pupils: int) -> tuple[str, str]:
    """Migrate and seed; returns the SENCO's (username, password)."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)

    from sendsupport.accounts.models import User
    from sendsupport.demo.synthetic import create_school, ensure_academic_years, ensure_local_authority
    from sendsupport.schools.models import Role, School, StaffMembership

    today = date.today()
    ensure_academic_years(today)
    la = ensure_local_authority("899", "Benchmark authority")
    # A database given in DATABASE_URL may hold earlier runs: pick an unused URN and estab.
    run = School.objects.filter(local_authority=la).count()
    urn = str(900000 + run)
    school, k, e = create_school(
        rng=random.Random(f"bench-{run}"),
        la=la,
        urn=urn,
        estab=f"{5000 + run:04d}",
        name=f"Benchmark School {urn}",
        phase=School.Phase.PRIMARY,
        pupils=pupils,
        today=today,
        staff_prefix=f"bench{urn}",
    )
    username, password = f"bench-senco-{urn}", secrets.token_urlsafe(16)
    user = User.objects.create_user(username=username, password=password, first_name="Bench", last_name="Senco")
    StaffMembership.objects.create(user=user, school=school, role=Role.SENCO)
    print(f"Seeded {school.name}: {pupils} pupils, {k} on SEN support, {e} with EHC plans ({k + e} on the register).")
    return username, password


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(port: int, extra: tuple[str, ...] = ()) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "sendsupport.wsgi",
            "-c",
            "gunicorn.conf.py",
            "-b",
            f"{HOST}:{port}",
            "-w",
            "2",
            "--log-level",
            "warning",
            *extra,
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONWARNINGS": "ignore:No directory at"},
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/health/", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise SystemExit("gunicorn did not answer within 60 seconds")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


class Cookies(urllib.request.BaseHandler):
    """Keeps the cookies the server sets and sends them back, as a browser does, for one site.

    The standard library's ``CookieJar`` checks every cookie's domain, path and expiry against every
    request in Python: about 0.25 ms a request on the client's side, which the benchmark counted
    as the signed-in pages' time. The server sets only host cookies for ``/`` here, so sending
    what it last set is the same answer, for a dictionary lookup.
    """

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.header = ""

    def http_request(self, request: urllib.request.Request) -> urllib.request.Request:
        if self.header:
            request.add_unredirected_header("Cookie", self.header)
        return request

    def http_response(
        self, request: urllib.request.Request, response: http.client.HTTPResponse
    ) -> http.client.HTTPResponse:
        set_cookies = response.headers.get_all("Set-Cookie")
        if set_cookies:
            for line in set_cookies:
                for name, morsel in http.cookies.SimpleCookie(line).items():
                    if morsel.value and morsel["max-age"] != "0":
                        self.values[name] = morsel.value
                    else:
                        self.values.pop(name, None)
            self.header = "; ".join(f"{name}={value}" for name, value in self.values.items())
        return response


def signed_in_opener(base: str, username: str, password: str) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(Cookies())
    with opener.open(f"{base}/sign-in/", timeout=30) as response:
        page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
    request = urllib.request.Request(f"{base}/sign-in/", data=form.encode(), headers={"Referer": f"{base}/sign-in/"})
    with opener.open(request, timeout=30) as response:
        response.read()
        if urllib.parse.urlparse(response.url).path != "/":
            raise SystemExit(f"Sign-in failed: ended at {response.url}")
    return opener


def measure(opener, url: str, requests: int, max_seconds: float, check: str) -> tuple[list[float], float]:
    """Latencies in milliseconds and wall time, for up to ``requests`` requests or ``max_seconds``."""
    for _ in range(3):  # warm up both workers
        with opener.open(url, timeout=30) as response:
            response.read()
    latencies: list[float] = []
    started = time.perf_counter()
    while len(latencies) < requests and time.perf_counter() - started < max_seconds:
        before = time.perf_counter()
        with opener.open(url, timeout=30) as response:
            body = response.read().decode()
            if response.status != 200 or check not in body:
                raise SystemExit(f"Unexpected answer from {url}: {response.status} at {response.url}")
        latencies.append((time.perf_counter() - before) * 1000)
    return latencies, time.perf_counter() - started


def report(name: str, latencies: list[float], elapsed: float) -> float:
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    rate = len(latencies) / elapsed
    print(f"{name:<10} {len(latencies):>5} requests  p50 {cuts[49]:7.1f} ms  p95 {cuts[94]:7.1f} ms  {rate:7.1f} req/s")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per page (at most)")
    parser.add_argument("--max-seconds", type=float, default=60, help="time limit per page")
    parser.add_argument("--pupils", type=int, default=2000)
    args = parser.parse_args()

    scratch = configure()
    try:
        username, password = prepare(args.pupils)
        port = free_port()
        server = start_server(port)
        try:
            base = f"http://{HOST}:{port}"
            opener = signed_in_opener(base, username, password)
            print(f"Database: {os.environ['DATABASE_URL'].split('://')[0]}; server: gunicorn, 2 workers, {base}")
            register_times, register_wall = measure(
                opener, f"{base}/register/", args.requests, args.max_seconds, "SEN register"
            )
            health_times, health_wall = measure(opener, f"{base}/health/", args.requests, args.max_seconds, '"ok"')
        finally:
            stop_server(server)
        register_rate = report("register", register_times, register_wall)
        health_rate = report("/health/", health_times, health_wall)
        print(f"Throughput ratio register/trivial: {register_rate / health_rate:.3f}")
    finally:
        if scratch is not None:
            scratch.cleanup()


if __name__ == "__main__":
    main()
