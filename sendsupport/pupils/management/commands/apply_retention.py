"""``sendsupport apply-retention``: delete the records of pupils who left, past the retention point."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from sendsupport.pupils.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Delete the records of pupils who have left once their date of birth plus the school's retention "
        "period (31 years unless the school set another) has passed. Each deletion is logged without "
        "personal data. Run it daily (see 'Background worker' in the README)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only count the records that would be deleted.")

    def handle(self, *args, **options) -> None:
        result = apply_retention(dry_run=options["dry_run"])
        if options["dry_run"]:
            self.stdout.write(f"{result.pupils} former pupil(s)' records are past their retention point.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Deleted {result.pupils} former pupil(s)' records ({sum(result.rows.values())} rows and files)."
            )
        )
