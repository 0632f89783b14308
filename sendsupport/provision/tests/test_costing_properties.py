"""Proof of the arithmetic (hypothesis): for any schedule, membership changes and absences, the
pupils' shares of each figure add up exactly to the provision's; delivered never exceeds planned
when no extra sessions were held; part years pro-rate; ``split_exactly`` is exact and does not
depend on order. Money is whole pence throughout; no database."""

from __future__ import annotations

import random
from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from sendsupport.provision import costing

# 2023 to 2024: 366 days (29 February 2024), so half the year is a whole number of days.
YEAR = costing.Year(start=date(2023, 9, 1), end=date(2024, 8, 31), teaching_weeks=39)
PUPILS = st.integers(min_value=1, max_value=8)


def day_in_year(draw, first: date = YEAR.start, last: date = YEAR.end) -> date:
    return first + timedelta(days=draw(st.integers(min_value=0, max_value=(last - first).days)))


@st.composite
def memberships(draw, first: date, last: date) -> tuple[costing.Membership, ...]:
    """Up to five pupils, each joining and perhaps leaving (some twice: left, then rejoined)."""
    rows = []
    for pupil_id in draw(st.sets(PUPILS, min_size=1, max_size=5)):
        joined = day_in_year(draw, first, last)
        left = day_in_year(draw, joined, last) if draw(st.booleans()) else None
        rows.append(costing.Membership(pupil_id, joined, left))
        if left is not None and left < last and draw(st.booleans()):
            rows.append(costing.Membership(pupil_id, day_in_year(draw, left + timedelta(days=1), last), None))
    return tuple(rows)


@st.composite
def sessions(draw, facts_members: tuple[costing.Membership, ...], first: date, last: date, most: int, minutes: int):
    """Up to ``most`` sessions of up to ``minutes``; some cancelled; each present set drawn from that
    day's members (absences), sometimes empty (nobody came)."""
    rows = []
    for _ in range(draw(st.integers(min_value=0, max_value=most))):
        held = day_in_year(draw, first, last)
        members = sorted({m.pupil_id for m in facts_members if m.on(held)})
        present = draw(st.sets(st.sampled_from(members))) if members else set()
        rows.append(
            costing.Session(
                held_on=held,
                minutes=draw(st.integers(min_value=1, max_value=minutes)),
                cancelled=draw(st.booleans()) and draw(st.booleans()),
                present=frozenset(present),
            )
        )
    return tuple(rows)


@st.composite
def extras(draw, first: date, last: date) -> tuple[costing.Extra, ...]:
    return tuple(
        costing.Extra(
            amount_pence=draw(st.integers(min_value=0, max_value=50_000)),
            weekly=draw(st.booleans()),
            on_date=day_in_year(draw, first, last),
        )
        for _ in range(draw(st.integers(min_value=0, max_value=3)))
    )


@st.composite
def provisions(draw) -> costing.ProvisionFacts:
    """Any provision in the year: a schedule, dates (or open-ended), members coming and going,
    sessions with absences and cancellations, extra costs."""
    starts = day_in_year(draw)
    ends = day_in_year(draw, starts) if draw(st.booleans()) else None
    last = ends or YEAR.end
    per_week = draw(st.integers(min_value=1, max_value=10))
    minutes = draw(st.integers(min_value=5, max_value=120))
    members = draw(memberships(starts, last))
    return costing.ProvisionFacts(
        provision_id=1,
        sessions_per_week=per_week,
        session_minutes=minutes,
        hourly_pence=draw(st.integers(min_value=0, max_value=10_000)),
        starts_on=starts,
        ends_on=ends,
        members=members,
        sessions=draw(sessions(members, starts, last, 40, minutes)),
        extras=draw(extras(starts, last)),
    )


FIGURES = ("planned_to_date", "delivered_to_date", "planned_year", "projected_year")


@settings(max_examples=150, deadline=None)
@given(facts=provisions(), today=st.builds(lambda n: YEAR.start + timedelta(days=n), st.integers(-30, 400)))
def test_it_shares_every_figure_out_exactly_among_the_pupils(facts, today):
    cost = costing.cost_of(facts, YEAR, today)
    for figure in FIGURES:
        shares = [getattr(share, figure) for share in cost.pupils.values()]
        assert sum(shares) == getattr(cost, figure), figure
        assert all(share >= 0 for share in shares), figure


@settings(max_examples=150, deadline=None)
@given(facts=provisions(), data=st.data())
def test_it_shares_planned_and_delivered_exactly_over_any_period(facts, data):
    first = day_in_year(data.draw)
    last = day_in_year(data.draw, first)
    for figure in (costing.planned, costing.delivered):
        total, shares = figure(facts, YEAR, first, last)
        assert sum(shares.values()) == total


@st.composite
def held_as_planned_or_less(draw):
    """A provision with someone a member every day it runs, and no more sessions than its schedule
    allows in its time (sessions a week x its share of the teaching weeks), none longer than planned."""
    starts = day_in_year(draw)
    ends = day_in_year(draw, starts) if draw(st.booleans()) else None
    last = ends or YEAR.end
    per_week = draw(st.integers(min_value=1, max_value=10))
    minutes = draw(st.integers(min_value=5, max_value=120))
    anchor = costing.Membership(99, starts, None)  # a member throughout: no day without a group
    members = (anchor, *draw(memberships(starts, last)))
    running_days = (last - starts).days + 1
    weeks = Fraction(YEAR.teaching_weeks * running_days, YEAR.days)
    most = int(per_week * weeks)
    return costing.ProvisionFacts(
        provision_id=1,
        sessions_per_week=per_week,
        session_minutes=minutes,
        hourly_pence=draw(st.integers(min_value=0, max_value=10_000)),
        starts_on=starts,
        ends_on=ends,
        members=members,
        sessions=draw(sessions(members, starts, last, min(most, 60), minutes)),
        extras=draw(extras(starts, last)),
    )


@settings(max_examples=150, deadline=None)
@given(facts=held_as_planned_or_less())
def test_it_never_delivers_more_than_planned_without_extra_sessions(facts):
    planned, _ = costing.planned(facts, YEAR, YEAR.start, YEAR.end)
    delivered, _ = costing.delivered(facts, YEAR, YEAR.start, YEAR.end)
    assert delivered <= planned


def _one_pupil_for(starts: date, ends: date, per_week: int, minutes: int, hourly: int) -> costing.ProvisionFacts:
    return costing.ProvisionFacts(
        provision_id=1,
        sessions_per_week=per_week,
        session_minutes=minutes,
        hourly_pence=hourly,
        starts_on=starts,
        ends_on=ends,
        members=(costing.Membership(1, YEAR.start, None),),
    )


SCHEDULE = {
    "per_week": st.integers(min_value=1, max_value=10),
    "minutes": st.integers(min_value=5, max_value=120),
    "hourly": st.integers(min_value=1, max_value=10_000),
}


@settings(max_examples=200, deadline=None)
@given(first_half=st.booleans(), **SCHEDULE)
def test_it_costs_half_a_year_at_half_the_year(first_half, per_week, minutes, hourly):
    half = YEAR.days // 2
    middle = YEAR.start + timedelta(days=half)
    starts, ends = (YEAR.start, middle - timedelta(days=1)) if first_half else (middle, YEAR.end)
    whole, _ = costing.planned(
        _one_pupil_for(YEAR.start, YEAR.end, per_week, minutes, hourly), YEAR, YEAR.start, YEAR.end
    )
    part, _ = costing.planned(_one_pupil_for(starts, ends, per_week, minutes, hourly), YEAR, YEAR.start, YEAR.end)
    assert abs(2 * part - whole) <= 2  # half the whole, to the penny either way


@settings(max_examples=200, deadline=None)
@given(data=st.data(), **SCHEDULE)
def test_it_pro_rates_any_part_of_the_year_by_its_days(data, per_week, minutes, hourly):
    starts = day_in_year(data.draw)
    ends = day_in_year(data.draw, starts)
    whole, _ = costing.planned(
        _one_pupil_for(YEAR.start, YEAR.end, per_week, minutes, hourly), YEAR, YEAR.start, YEAR.end
    )
    part, _ = costing.planned(_one_pupil_for(starts, ends, per_week, minutes, hourly), YEAR, YEAR.start, YEAR.end)
    exact = Fraction(per_week * minutes * hourly * YEAR.teaching_weeks, 60) * Fraction(
        (ends - starts).days + 1, YEAR.days
    )
    assert abs(part - exact) <= Fraction(1, 2)
    assert abs(Fraction(whole * ((ends - starts).days + 1), YEAR.days) - part) <= 1


WEIGHTS = st.dictionaries(
    st.integers(min_value=0, max_value=50),
    st.fractions(min_value=0, max_value=100, max_denominator=1000),
    min_size=1,
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(total=st.integers(min_value=0, max_value=10_000_000), weights=WEIGHTS, seed=st.integers())
def test_split_exactly_adds_up_and_does_not_depend_on_order(total, weights, seed):
    shares = costing.split_exactly(total, weights)
    assert set(shares) == set(weights)
    whole = sum(weights.values(), Fraction(0))
    if whole > 0:
        assert sum(shares.values()) == total
        for key, weight in weights.items():
            assert abs(shares[key] - total * weight / whole) < 1  # never a whole penny from its share
    else:
        assert set(shares.values()) == {0}
    items = list(weights.items())
    random.Random(seed).shuffle(items)
    assert costing.split_exactly(total, dict(items)) == shares
