"""``sendsupport seed --schools N --pupils-per-school M --seed S``: synthetic data at scale."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser

from sendsupport.core.dates import today
from sendsupport.demo.synthetic import seed
from sendsupport.demo.synthetic_records import add_records


class Command(BaseCommand):
    help = "Create deterministic synthetic schools, staff, pupils, parents and SEN registers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--schools", type=int, default=1)
        parser.add_argument("--pupils-per-school", type=int, default=400)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--first-urn", type=int, default=200000)
        parser.add_argument(
            "--years-of-records",
            type=int,
            default=0,
            help="Also give every pupil on the register this many years of termly cycles, plans, reviews, "
            "notifications and meetings (bulk inserts), as in a school that has used sendsupport that long.",
        )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        result = seed(
            schools=options["schools"],
            pupils_per_school=options["pupils_per_school"],
            seed=options["seed"],
            today=today(),
            first_urn=options["first_urn"],
        )
        cycles = 0
        if options["years_of_records"] > 0:
            cycles = add_records(schools=result.schools, today=today(), years=options["years_of_records"])
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Created {len(result.schools)} schools, {result.pupils} pupils: "
            f"{result.on_sen_support} on SEN support ({result.on_sen_support / max(result.pupils, 1):.1%}), "
            f"{result.with_ehc_plan} with EHC plans ({result.with_ehc_plan / max(result.pupils, 1):.1%})"
            + (f", {cycles} cycles of records" if cycles else "")
            + f" in {elapsed:.1f}s."
        )
