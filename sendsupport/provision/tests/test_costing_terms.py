"""Planned cost follows the school's terms: the teaching weeks are spread over term weekdays, so a
holiday costs nothing and the autumn term carries its real share of the year."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from sendsupport.provision import costing

TERMS = (
    (date(2026, 9, 3), date(2026, 12, 18)),
    (date(2027, 1, 5), date(2027, 3, 26)),
    (date(2027, 4, 12), date(2027, 7, 21)),
)
YEAR = costing.Year(date(2026, 9, 1), date(2027, 8, 31), 39, TERMS)


def group(starts: date, ends: date | None, members: int = 3) -> costing.ProvisionFacts:
    return costing.ProvisionFacts(
        provision_id=1,
        sessions_per_week=3,
        session_minutes=30,
        hourly_pence=1800,
        starts_on=starts,
        ends_on=ends,
        members=tuple(costing.Membership(pupil_id=n, joined_on=starts) for n in range(1, members + 1)),
    )


def test_a_whole_year_costs_the_schedule_for_the_teaching_weeks():
    total, shares = costing.planned(group(YEAR.start, None), YEAR, YEAR.start, YEAR.end)
    assert total == 3 * 30 * 1800 * 39 // 60  # £1,053.00: 3 half-hours a week at £18, 39 weeks
    assert sum(shares.values()) == total


def test_a_holiday_costs_nothing():
    summer = group(date(2027, 7, 26), date(2027, 8, 31))
    assert costing.planned(summer, YEAR, YEAR.start, YEAR.end)[0] == 0
    weekend = group(date(2026, 9, 5), date(2026, 9, 6))  # a Saturday and Sunday in term
    assert costing.planned(weekend, YEAR, YEAR.start, YEAR.end)[0] == 0


def test_the_autumn_term_carries_its_share_of_the_weeks():
    # 77 of the year's 209 term weekdays fall from 3 September to 18 December.
    assert YEAR.days == sum(costing.weekdays_between(a, b) for a, b in TERMS) == 209
    autumn = YEAR.weeks_in(date(2026, 9, 1), date(2026, 12, 31))
    assert autumn == Fraction(39 * costing.weekdays_between(*TERMS[0]), YEAR.days)
    assert autumn > Fraction(39 * 122, 365)  # more than a calendar share: the summer holiday counts for nothing


@given(st.integers(min_value=0, max_value=364), st.integers(min_value=0, max_value=364))
def test_the_weeks_of_two_halves_add_up_to_the_whole(a, b):
    first, last = sorted((YEAR.start + timedelta(days=a), YEAR.start + timedelta(days=b)))
    assert YEAR.weeks_in(YEAR.start, first - timedelta(days=1)) + YEAR.weeks_in(first, YEAR.end) == 39
    assert YEAR.weeks_in(first, last) == YEAR.weeks_in(first, first) + YEAR.weeks_in(first + timedelta(days=1), last)


@given(st.dates(min_value=date(2026, 1, 1), max_value=date(2028, 1, 1)), st.integers(min_value=0, max_value=40))
def test_weekdays_are_counted_as_a_calendar_would(first, span):
    last = first + timedelta(days=span)
    expected = sum(1 for n in range(span + 1) if (first + timedelta(days=n)).weekday() < 5)
    assert costing.weekdays_between(first, last) == expected
