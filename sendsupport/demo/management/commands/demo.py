"""``sendsupport demo``: migrate, load the demo school and serve it on http://127.0.0.1:8000."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendsupport.core.dates import today
from sendsupport.demo.school import DEMO_ACCOUNTS, DEMO_PASSWORD, create_demo
from sendsupport.pupils.retention import apply_retention_task


class Command(BaseCommand):
    help = "Set up the demo school with its accounts, then serve it on 127.0.0.1 only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Set up the data but do not start the server.")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--bare",
            action="store_true",
            help="Only the school, its register and accounts: skip the year of records (quicker, for tests).",
        )

    def handle(self, *args, **options) -> None:
        port = options["port"]
        if not options["no_serve"] and not port_is_free(port):
            raise CommandError(
                f"Port {port} on 127.0.0.1 is already in use (is the demo already running?). "
                f"Choose another port: make demo PORT={port + 1}, or sendsupport demo --port {port + 1}."
            )
        # WhiteNoise warns on every start when the collected-files folder is missing; the demo serves
        # files straight from the apps, so an empty folder is all it needs.
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        if not options["bare"]:
            self.stdout.write("Setting up the demo school with a year of records (about a minute the first time)...")
        school = create_demo(today=today(), lived_in=not options["bare"])
        self.stdout.write(self.style.SUCCESS(f"Demo school ready: {school.name} (URN {school.urn})."))
        self.stdout.write(
            f"Sign in at http://127.0.0.1:{options['port']}/ with any of these, password {DEMO_PASSWORD}:"
        )
        for username, _first, _last, who in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<9} {who}")
        if not options["no_serve"]:
            with background_worker(self.stdout):
                call_command("runserver", f"127.0.0.1:{options['port']}", use_reloader=False)


@contextmanager
def background_worker(out: object) -> Iterator[subprocess.Popen | None]:
    """Run ``db_worker`` beside the web server (it sends the emails and runs the imports), and stop it
    when the server stops. Nothing to start when the tasks run in the request (the immediate backend)."""
    if "DatabaseBackend" not in settings.TASKS["default"]["BACKEND"]:
        yield None
        return
    worker = subprocess.Popen(  # noqa: S603 - our own Python and manage.py
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "db_worker", "--no-reload"],
        cwd=settings.BASE_DIR,
        # The same queue as this process, whatever the mode's default.
        env={**os.environ, "TASKS_BACKEND": settings.TASKS["default"]["BACKEND"]},
    )
    out.write(f"Background worker started (process {worker.pid}): emails and imports are processed there.")
    # A real installation runs retention daily from cron (README); the demo asks for one run per start.
    apply_retention_task.enqueue()
    try:
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True if a server could listen on ``host:port`` now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as runserver does
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True
