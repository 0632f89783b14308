"""The figures the duties are checked against, for one school: its policy row (or the national
defaults), its term dates for the current school year, and the statutory phase-transfer dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings

from sendsupport.schools.models import AcademicYear, School, SchoolPolicy
from sendsupport.schools.terms import terms_for

# SEND Regulations 2014 reg. 18: (month, day) in the year of transfer.
DEFAULT_PHASE_TRANSFER_DEADLINE = (2, 15)
DEFAULT_POST16_TRANSFER_DEADLINE = (3, 31)
# Days from an annual review meeting to the school's report reaching the LA (DOMAIN.md marks it "verify").
DEFAULT_ANNUAL_REVIEW_REPORT_DAYS = 14


def _month_day(name: str, default: tuple[int, int]) -> tuple[int, int]:
    value = getattr(settings, "SENDSUPPORT", {}).get(name)
    return tuple(value) if value else default  # type: ignore[return-value]


def national_figures() -> dict[str, Any]:
    """The figures for a school that has set none, without terms (for tests and previews)."""
    policy = SchoolPolicy()
    return {
        **{name: getattr(policy, name) for name in SchoolPolicy.FIGURES},
        "phase_transfer_deadline": _month_day("PHASE_TRANSFER_DEADLINE", DEFAULT_PHASE_TRANSFER_DEADLINE),
        "post16_transfer_deadline": _month_day("POST16_TRANSFER_DEADLINE", DEFAULT_POST16_TRANSFER_DEADLINE),
        "annual_review_report_days": getattr(settings, "SENDSUPPORT", {}).get(
            "ANNUAL_REVIEW_REPORT_DAYS", DEFAULT_ANNUAL_REVIEW_REPORT_DAYS
        ),
    }


def school_figures(school: School, today: date) -> dict[str, Any]:
    """Two queries: the school's policy row and its terms for the school year holding ``today``."""
    policy = SchoolPolicy.for_school(school)
    return {
        **national_figures(),
        **{name: getattr(policy, name) for name in SchoolPolicy.FIGURES},
        "terms": terms_for(school, AcademicYear.start_year_for(today)),
    }
