"""``sendsupport import-ctf FILE --school URN [--dry-run]``: bring pupils and their SEN history in from a CTF."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendsupport.interop.management.commands._common import problem_lines, school_by_urn
from sendsupport.interop.problems import Change, ImportRejected
from sendsupport.interop.services.ctf_import import import_ctf


class Command(BaseCommand):
    help = "Import a Common Transfer File (CTF 23, 24 or 25) into a school. All or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The CTF XML file.")
        parser.add_argument("--school", required=True, help="The URN of the school the pupils are joining.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change and change nothing.")

    def handle(self, *args, **options) -> None:
        school = school_by_urn(options["school"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        dry_run = options["dry_run"]

        def show(change: Change) -> None:
            if dry_run:
                self.stdout.write(change.as_text())

        started = time.perf_counter()
        try:
            with path.open("rb") as source:
                report = import_ctf(
                    source=source, school=school, by=None, file_name=path.name, dry_run=dry_run, on_change=show
                )
        except ImportRejected as rejected:
            for line in problem_lines(rejected.report):
                self.stderr.write(line)
            raise CommandError(
                f"{path.name} was not imported: {rejected.report.error_count} problem(s). Nothing has been changed."
            ) from None
        for warning in report.warnings:
            self.stdout.write(f"Note: {warning}")
        for problem in report.to_fix:
            self.stdout.write(f"To fix: {problem.as_text()}")
        for line in report.summary_lines():
            self.stdout.write(line)
        verb = "Dry run: nothing was changed" if dry_run else f"Imported into {school.name}"
        self.stdout.write(f"{verb} ({time.perf_counter() - started:.1f}s).")
