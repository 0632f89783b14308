"""``sendsupport export-ctf --school URN --upn UPN... --dest-la LA --dest-estab ESTAB -o FILE``."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendsupport.interop.management.commands._common import school_by_urn
from sendsupport.interop.services.exports import export_ctf


class Command(BaseCommand):
    help = "Write a Common Transfer File for pupils who are leaving, with their SEN history and needs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--school", required=True, help="The URN of the school the pupils are leaving.")
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--upn", nargs="+", help="The UPNs of the pupils to include.")
        who.add_argument("--all-on-roll", action="store_true", help="Every pupil on roll now.")
        parser.add_argument("--dest-la", required=True, help="Destination LA number (MMM if not known).")
        parser.add_argument("--dest-estab", required=True, help="Destination establishment number (MMMM if not known).")
        parser.add_argument("--dest-urn", default="", help="Destination URN, if known.")
        parser.add_argument("-o", "--output", required=True, help="Where to write the CTF.")

    def handle(self, *args, **options) -> None:
        school = school_by_urn(options["school"])
        output = Path(options["output"])
        partial = output.with_name(output.name + ".partial")
        try:
            with partial.open("wb") as out:
                count = export_ctf(
                    out=out,
                    school=school,
                    by=None,
                    upns=None if options["all_on_roll"] else options["upn"],
                    dest_lea=options["dest_la"],
                    dest_estab=options["dest_estab"],
                    dest_urn=options["dest_urn"],
                )
        except ValidationError as error:
            partial.unlink(missing_ok=True)
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.stderr.write(f"{field}: {message}")
            raise CommandError("No file was written.") from None
        os.replace(partial, output)
        self.stdout.write(f"Wrote {count} pupils to {output}.")
