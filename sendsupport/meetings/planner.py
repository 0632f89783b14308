"""Proposals for the year's meetings with a pupil's parents (CoP 6.65: at least three a year).

The school's yearly number of meetings (``SchoolPolicy.parent_meetings_per_year``) is spread over
the academic year's terms (``schools.terms``): one in the middle of each term when the number is
three. A proposal is moved to a plan review date in its term, since that is when the parents
should be there anyway. Terms that already have a meeting held, planned or declined are skipped,
and nothing is proposed in the past or at a weekend.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from sendsupport.core.dates import academic_start_year, in_words
from sendsupport.schools.terms import TermDates, terms_for

# A proposal is never sooner than this: the parents need notice.
NOTICE = timedelta(days=7)


@dataclass(frozen=True)
class Proposal:
    on: date
    term: str
    why: str


def _weekday(day: date, term: TermDates) -> date:
    """The nearest school day: a Saturday or Sunday moves to the Friday before (Monday if the term starts later)."""
    if day.weekday() < 5:
        return day
    before = day - timedelta(days=day.weekday() - 4)
    return before if before >= term.start else day + timedelta(days=7 - day.weekday())


def slots(per_year: int, terms: list[TermDates]) -> list[tuple[TermDates, date]]:
    """``per_year`` dates spread evenly over the terms, each in the middle of its share of a term."""
    if not terms or per_year <= 0:
        return []
    per_term: dict[int, int] = {}
    for i in range(per_year):
        index = i * len(terms) // per_year
        per_term[index] = per_term.get(index, 0) + 1
    found = []
    for index, count in sorted(per_term.items()):
        term = terms[index]
        length = (term.end - term.start).days
        for j in range(count):
            found.append((term, term.start + timedelta(days=length * (2 * j + 1) // (2 * count))))
    return found


def propose(
    *,
    per_year: int,
    terms: list[TermDates],
    review_dates: list[date],
    taken: list[date],
    today: date,
) -> list[Proposal]:
    """The meetings still to plan this year. ``taken``: days already held, planned or declined."""
    proposals: list[Proposal] = []
    taken_left = sorted(taken)
    reviews_left = sorted(set(review_dates))
    earliest = today + NOTICE
    for term, day in slots(per_year, terms):
        in_term = [d for d in taken_left if term.start <= d <= term.end]
        if in_term:
            taken_left.remove(in_term[0])  # this term's meeting is already held or planned
            continue
        why = f"the middle of the {term.name} term"
        reviews = [r for r in reviews_left if term.start <= r <= term.end and r >= earliest]
        if reviews:
            review = min(reviews, key=lambda r: abs((r - day).days))
            reviews_left.remove(review)
            day, why = review, f"the plan review due on {in_words(review)}"
        if day < earliest:
            if term.end < earliest:
                continue  # the term is over: nothing to propose for it
            day, why = earliest, f"the {term.name} term, as soon as the parents can have notice"
        proposals.append(Proposal(on=_weekday(day, term), term=term.name, why=why))
    return proposals


def proposals_for(pupil: Any, *, today: date, per_year: int, planned: list[Any], held: set[date]) -> list[Proposal]:
    """Proposals for one pupil this academic year (two queries: the terms and the plans' review dates)."""
    from sendsupport.support.models import Plan

    start_year = academic_start_year(today)
    terms = terms_for(pupil.school, start_year)
    if not terms:
        return []
    first, last = terms[0].start, terms[-1].end
    review_dates = list(
        Plan.objects.filter(pupil=pupil, review_date__gte=first, review_date__lte=last).values_list(
            "review_date", flat=True
        )
    )
    taken = set(held)
    for meeting in planned:
        if meeting.status != meeting.Status.CANCELLED:
            taken.add(timezone.localtime(meeting.starts_at).date())
    return propose(per_year=per_year, terms=terms, review_dates=review_dates, taken=sorted(taken), today=today)
