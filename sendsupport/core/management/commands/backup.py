"""``sendsupport backup PATH``: the database and uploaded documents in one archive."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendsupport.core.backup import BackupProblem, write_backup


class Command(BaseCommand):
    help = "Write one archive (.tar.gz) holding the database, the uploaded documents and a manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Where to write the archive, for example backups/2025-11-20.tar.gz")

    def handle(self, *args, **options) -> None:
        path = Path(options["path"])
        try:
            manifest = write_backup(path)
        except BackupProblem as problem:
            raise CommandError(str(problem)) from None
        files = len(manifest["files"]) - 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {path}: the {manifest['database']} database and {files} uploaded file(s). "
                "It holds children's records: keep it as safely as the server."
            )
        )
