"""``sendsupport seed --schools N --pupils-per-school M --seed S``: synthetic data at scale."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser

from sendsupport.core.dates import today
from sendsupport.demo.synthetic import seed


class Command(BaseCommand):
    help = "Create deterministic synthetic schools, staff, pupils, parents and SEN registers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--schools", type=int, default=1)
        parser.add_argument("--pupils-per-school", type=int, default=400)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--first-urn", type=int, default=200000)

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        result = seed(
            schools=options["schools"],
            pupils_per_school=options["pupils_per_school"],
            seed=options["seed"],
            today=today(),
            first_urn=options["first_urn"],
        )
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Created {len(result.schools)} schools, {result.pupils} pupils: "
            f"{result.on_sen_support} on SEN support ({result.on_sen_support / max(result.pupils, 1):.1%}), "
            f"{result.with_ehc_plan} with EHC plans ({result.with_ehc_plan / max(result.pupils, 1):.1%}) "
            f"in {elapsed:.1f}s."
        )
