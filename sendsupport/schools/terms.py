"""Term dates, with national defaults for a school that has not entered its own, and the
"about one a term" arithmetic the meetings duty (CoP 6.65) uses.

The defaults are a typical English pattern (autumn from 1 September to just before Christmas,
spring from early January to the end of March, summer from mid-April to late July). A school
enters its own dates on its settings page; the defaults only stop the duty from guessing wildly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from sendsupport.schools.models import School, Term

# (name, (month, day) start, (month, day) end); months 9-12 are in the first calendar year.
DEFAULT_TERM_PATTERN: tuple[tuple[str, tuple[int, int], tuple[int, int]], ...] = (
    ("autumn", (9, 1), (12, 19)),
    ("spring", (1, 5), (3, 31)),
    ("summer", (4, 15), (7, 22)),
)


@dataclass(frozen=True)
class TermDates:
    name: str
    start: date
    end: date

    @property
    def midpoint(self) -> date:
        return self.start + (self.end - self.start) / 2


def _on(start_year: int, month_day: tuple[int, int]) -> date:
    month, day = month_day
    return date(start_year if month >= 9 else start_year + 1, month, day)


def default_terms(start_year: int) -> list[TermDates]:
    pattern = getattr(settings, "SENDSUPPORT", {}).get("DEFAULT_TERM_PATTERN", DEFAULT_TERM_PATTERN)
    return [TermDates(name, _on(start_year, start), _on(start_year, end)) for name, start, end in pattern]


def terms_for(school: School, start_year: int) -> list[TermDates]:
    """The school's terms in the academic year starting in ``start_year`` (one query), or the defaults."""
    rows = Term.objects.filter(school=school, academic_year__start_year=start_year).order_by("start_date")
    terms = [TermDates(row.name, row.start_date, row.end_date) for row in rows]
    return terms or default_terms(start_year)


def has_own_terms(school: School, start_year: int) -> bool:
    return Term.objects.filter(school=school, academic_year__start_year=start_year).exists()


def expected_meetings(*, per_year: int, terms: list[TermDates], count_from: date, today: date) -> int:
    """How many meetings are due by ``today``: ``per_year`` spread over the year's terms, counting
    only terms that have ended and in which the pupil was measured for at least half the term.

    So nothing is due on 2 September, a pupil who started SEN support in June owes nothing for the
    year, and nothing more falls due over the summer holiday.
    """
    if not terms:
        return 0
    counted = sum(1 for term in terms if term.end < today and count_from <= term.midpoint)
    return min(per_year, (per_year * counted) // len(terms))
