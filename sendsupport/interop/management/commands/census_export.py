"""``sendsupport census-export --school URN --term autumn|spring|summer --year YYYY -o FILE``."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendsupport.core.dates import in_words
from sendsupport.interop.census import TERMS
from sendsupport.interop.management.commands._common import school_by_urn
from sendsupport.interop.services.exports import export_census


class Command(BaseCommand):
    help = (
        "Write the school census SEN items for every pupil on roll on census day, and check them against "
        "the census SEN rules. YEAR is the calendar year of the census day (spring 2026 is January 2026)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--school", required=True, help="The school's URN.")
        parser.add_argument("--term", required=True, choices=TERMS)
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("-o", "--output", required=True, help="Where to write the census XML.")

    def handle(self, *args, **options) -> None:
        school = school_by_urn(options["school"])
        output = Path(options["output"])
        partial = output.with_name(output.name + ".partial")
        try:
            with partial.open("wb") as out:
                result = export_census(out=out, school=school, by=None, term=options["term"], year=options["year"])
        except ValidationError as error:
            partial.unlink(missing_ok=True)
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.stderr.write(f"{field}: {message}")
            raise CommandError("No file was written.") from None
        os.replace(partial, output)
        day = result.census.day
        self.stdout.write(
            f"Wrote the {options['term']} {options['year']} census ({in_words(day)}): {result.pupils} pupils on roll, to {output}."
        )
        if result.problems:
            self.stderr.write(f"Validation: {len(result.problems)} problem(s) to fix before the return is sent:")
            for problem in result.problems:
                self.stderr.write(problem.as_text())
            raise CommandError("The census return breaks the census SEN rules (see above).")
        self.stdout.write("Validation: no problems found.")
