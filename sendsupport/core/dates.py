""" "Today", injectable: services take ``today`` so rules can be tested on fixed dates."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone


def today() -> date:
    return timezone.localdate()


def in_words(day: date) -> str:
    """A date as people write it: "1 December 2026" (messages and hints; inputs take 2026-12-01)."""
    return f"{day.day} {day:%B %Y}"


# The academic year runs from 1 September to 31 August: the one place that says so.
YEAR_STARTS_MONTH = 9


def academic_start_year(day: date) -> int:
    """The calendar year in which the academic year holding ``day`` began (2025 for 2025/26)."""
    return day.year if day.month >= YEAR_STARTS_MONTH else day.year - 1


def academic_year_start(start_year: int) -> date:
    return date(start_year, YEAR_STARTS_MONTH, 1)


def academic_year_end(start_year: int) -> date:
    return date(start_year + 1, YEAR_STARTS_MONTH, 1) - timedelta(days=1)


def academic_year_bounds(day: date) -> tuple[date, date]:
    """The academic year holding ``day``: 1 September to 31 August, both included."""
    start_year = academic_start_year(day)
    return academic_year_start(start_year), academic_year_end(start_year)
