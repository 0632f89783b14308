"""``sendsupport restore PATH``: read a backup back into a new, empty installation."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendsupport.core.backup import BackupProblem, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive made by `sendsupport backup` into an empty installation. The whole archive is "
        "checked first; a damaged, incomplete or newer archive, or a database that already holds data, "
        "is refused and nothing is changed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The archive made by `sendsupport backup`")

    def handle(self, *args, **options) -> None:
        path = Path(options["path"])
        try:
            manifest = restore_backup(path)
        except BackupProblem as problem:
            raise CommandError(f"Nothing was restored. {problem}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup made on {manifest['created_at']} by sendsupport "
                f"{manifest['sendsupport_version']}."
            )
        )
