"""``sendsupport demo``: migrate, load the demo school and serve it on http://127.0.0.1:8000."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from sendsupport.core.dates import today
from sendsupport.demo.school import DEMO_ACCOUNTS, DEMO_PASSWORD, create_demo


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
            call_command("runserver", f"127.0.0.1:{options['port']}", use_reloader=False)
