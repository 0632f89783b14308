"""Demo data for the report for governors: last year's funding, so the earlier year reads as a year
the school recorded (the provision map records only this year's allocation)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sendsupport.core.dates import academic_start_year
from sendsupport.provision.models import FundingAllocation


def add_governors_demo(*, school: Any, today: date) -> None:
    """Last school year's notional SEN budget and Inclusive Mainstream Fund allocation (a little below
    this year's, as budgets usually rise), unless already recorded."""
    FundingAllocation.objects.get_or_create(
        school=school,
        start_year=academic_start_year(today) - 1,
        defaults={"notional_sen_pence": 13_420_000, "imf_pence": 1_880_000},
    )
