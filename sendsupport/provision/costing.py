"""The arithmetic of provision costs, on plain data (no database), so it can be proved by property tests.

The rules, in plain words:
- An hour of a provision costs the hourly cost of whoever delivers it: the named staff's own cost
  where the school has set one (the mean if several deliver it), else their role's cost.
- **Planned** cost comes from the schedule: sessions a week x minutes x hourly cost, for the
  school's teaching weeks in a year (39 unless it sets another figure), pro-rated by day for part of
  a year. Each day's cost is shared equally by the members of the group that day.
- **Delivered** cost comes from the register: each session that took place costs its minutes x
  hourly cost, shared by the members present (by every member that day when nobody came).
- Extra costs (resources, outside services) count in both, shared like the staff time: a one-off
  cost among the members on its date, a weekly one like the schedule.
- Money is worked out exactly with ``Fraction``; each provision's total is rounded to the penny once
  and then shared out by the largest remainder, so the pupils' shares add up to the total exactly.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from functools import lru_cache
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Membership:
    pupil_id: int
    joined_on: date
    left_on: date | None = None

    def on(self, day: date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day <= self.left_on)


@dataclass(frozen=True)
class Session:
    held_on: date
    minutes: int
    cancelled: bool = False
    present: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Tally:
    """``sessions`` sessions of ``minutes`` each that one pupil bore a share of, each shared by
    ``bearers`` pupils. A pupil's delivered share depends on nothing else, so the register can be
    counted this way in the database instead of session by session."""

    pupil_id: int
    minutes: int
    bearers: int
    sessions: int = 1


@dataclass(frozen=True)
class Register:
    """The register of one provision from ``first`` to ``last``, already counted into tallies."""

    first: date
    last: date
    tallies: tuple[Tally, ...] = ()


@dataclass(frozen=True)
class Extra:
    amount_pence: int
    weekly: bool
    on_date: date


@dataclass(frozen=True)
class ProvisionFacts:
    """What the arithmetic needs of one provision."""

    provision_id: int
    sessions_per_week: int
    session_minutes: int
    hourly_pence: int
    starts_on: date
    ends_on: date | None
    members: tuple[Membership, ...]
    sessions: tuple[Session, ...] = ()
    extras: tuple[Extra, ...] = ()
    # When given, the register already counted (``sessions`` is then not read).
    register: Register | None = None

    def last_day(self, period_end: date) -> date:
        return period_end if self.ends_on is None else min(self.ends_on, period_end)

    def runs_on(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


def weekdays_between(first: date, last: date) -> int:
    """Monday to Friday days from ``first`` to ``last``, both included."""
    if first > last:
        return 0
    days = (last - first).days + 1
    whole_weeks, rest = divmod(days, 7)
    return whole_weeks * 5 + sum(1 for n in range(rest) if (first.weekday() + n) % 7 < 5)


@dataclass(frozen=True)
class Year:
    """An academic year, the school's teaching weeks in it, and its term dates.

    With terms, the teaching weeks are spread over the weekdays of the terms, so the autumn term's
    share is what it really is (holidays cost nothing); without, over every day of the year alike.
    """

    start: date
    end: date
    teaching_weeks: int = 39
    terms: tuple[tuple[date, date], ...] = ()

    def counted_days(self, first: date, last: date) -> int:
        """The days from ``first`` to ``last`` that carry teaching: weekdays in a term, or every day."""
        return _counted_days(self, first, last)

    @property
    def days(self) -> int:
        return self.counted_days(self.start, self.end)

    def weeks_in(self, first: date, last: date) -> Fraction:
        """The teaching weeks from ``first`` to ``last``: the year's weeks, pro-rated by counted days."""
        whole = self.days
        return Fraction(self.teaching_weeks * self.counted_days(first, last), whole) if whole else Fraction(0)


# A page costs every provision over the same few periods (the year, to date, the rest of the year),
# so the days in each are counted once per process, not again for every provision and pupil. Years
# and dates are immutable, so a remembered answer can never be stale.
@lru_cache(maxsize=4096)
def _counted_days(year: Year, first: date, last: date) -> int:
    first, last = max(first, year.start), min(last, year.end)
    if first > last:
        return 0
    if not year.terms:
        return (last - first).days + 1
    return sum(weekdays_between(max(first, begins), min(last, ends)) for begins, ends in year.terms)


def round_pence(amount: Fraction) -> int:
    """To the nearest penny, halves up (amounts are never negative)."""
    return int((amount * 2 + 1) // 2)


def split_exactly(total: int, weights: Mapping[K, Fraction]) -> dict[K, int]:
    """Share ``total`` pence in proportion to ``weights`` so the shares add up to ``total`` exactly:
    each gets the whole pence of their share, and the pence left over go one each to the largest
    remainders (ties by key, so the answer never depends on order)."""
    positive = {key: weight for key, weight in weights.items() if weight > 0}
    if not positive or total == 0:
        return dict.fromkeys(weights, 0)
    # The same arithmetic in whole numbers (it runs for every provision four times a page): over a
    # common denominator each share is total x n / sum(n), its whole pence a floor division and its
    # remainder the modulus, and remainders over one divisor order as the fractions would.
    common = math.lcm(*(weight.denominator for weight in positive.values()))
    scaled = {key: weight.numerator * (common // weight.denominator) for key, weight in positive.items()}
    whole = sum(scaled.values())
    shares: dict[K, int] = {}
    remainders: dict[K, int] = {}
    for key, weight in scaled.items():
        shares[key], remainders[key] = divmod(total * weight, whole)
    left = total - sum(shares.values())
    by_remainder = sorted(remainders, key=lambda key: (-remainders[key], str(key)))
    for key in by_remainder[:left]:
        shares[key] += 1
    return {key: shares.get(key, 0) for key in weights}


def hourly_pence(*, role_pence: int | None, named_pence: Iterable[int]) -> int:
    """Named staff's own costs (their mean, to the penny) where set, else the role's; 0 when neither is."""
    named = list(named_pence)
    if named:
        return round_pence(Fraction(sum(named), len(named)))
    return role_pence or 0


def _change_points(members: Iterable[Membership], first: date, last: date) -> list[date]:
    points = {first, last + ONE_DAY}
    for member in members:
        for day in (member.joined_on, (member.left_on + ONE_DAY) if member.left_on else None):
            if day is not None and first < day <= last:
                points.add(day)
    return sorted(points)


def _scheduled_weights(
    facts: ProvisionFacts, year: Year, first: date, last: date, weekly_cost: Fraction
) -> tuple[Fraction, dict[int, Fraction]]:
    """Cost of the schedule from ``first`` to ``last`` (clipped to the provision's dates), and each
    member's exact share: each day's cost shared by that day's members; days with none count for none."""
    first = max(first, facts.starts_on)
    last = facts.last_day(last)
    weights: dict[int, Fraction] = defaultdict(Fraction)
    total = Fraction(0)
    if first > last:
        return total, weights
    points = _change_points(facts.members, first, last)
    for start, after in zip(points, points[1:], strict=False):
        present = [m.pupil_id for m in facts.members if m.on(start)]
        if not present:
            continue
        cost = weekly_cost * year.weeks_in(start, after - ONE_DAY)
        total += cost
        share = cost / len(present)  # once a stretch of days, not once a member
        for pupil_id in present:
            weights[pupil_id] += share
    return total, weights


def _extra_weights(facts: ProvisionFacts, year: Year, first: date, last: date) -> tuple[Fraction, dict[int, Fraction]]:
    total = Fraction(0)
    weights: dict[int, Fraction] = defaultdict(Fraction)
    for extra in facts.extras:
        if extra.weekly:
            start = max(first, extra.on_date)
            part, shares = _scheduled_weights(facts, year, start, last, Fraction(extra.amount_pence))
        else:
            if not (first <= extra.on_date <= last and facts.runs_on(extra.on_date)):
                continue
            present = [m.pupil_id for m in facts.members if m.on(extra.on_date)]
            if not present:
                continue
            part = Fraction(extra.amount_pence)
            shares = {pupil_id: part / len(present) for pupil_id in present}
        total += part
        for pupil_id, share in shares.items():
            weights[pupil_id] += share
    return total, weights


def _weekly_cost(facts: ProvisionFacts) -> Fraction:
    return Fraction(facts.sessions_per_week * facts.session_minutes * facts.hourly_pence, 60)


def _rounded_shares(total: Fraction, *weight_maps: Mapping[int, Fraction]) -> tuple[int, dict[int, int]]:
    combined: dict[int, Fraction] = defaultdict(Fraction)
    for weights in weight_maps:
        for pupil_id, weight in weights.items():
            combined[pupil_id] += weight
    rounded = round_pence(total)
    return rounded, split_exactly(rounded, combined)


def planned(facts: ProvisionFacts, year: Year, first: date, last: date) -> tuple[int, dict[int, int]]:
    """The schedule's cost from ``first`` to ``last`` in pence, and each pupil's share."""
    staff_total, staff = _scheduled_weights(facts, year, first, last, _weekly_cost(facts))
    extra_total, extra = _extra_weights(facts, year, first, last)
    return _rounded_shares(staff_total + extra_total, staff, extra)


def tallies(sessions: Iterable[Session], members: Iterable[Membership], first: date, last: date) -> list[Tally]:
    """The sessions that took place from ``first`` to ``last``, counted into tallies: each shared by
    the pupils present, or by every member that day when nobody came."""
    members = tuple(members)
    counts: dict[tuple[int, int, int], int] = defaultdict(int)
    for session in sessions:
        if session.cancelled or not (first <= session.held_on <= last):
            continue
        bearers = tuple(session.present) or tuple(m.pupil_id for m in members if m.on(session.held_on))
        for pupil_id in bearers:
            counts[pupil_id, session.minutes, len(bearers)] += 1
    return [Tally(pupil_id, minutes, bearers, n) for (pupil_id, minutes, bearers), n in counts.items()]


def delivered(facts: ProvisionFacts, year: Year, first: date, last: date) -> tuple[int, dict[int, int]]:
    """The register's cost from ``first`` to ``last`` in pence, and each pupil's share."""
    if facts.register is None:
        counted = tallies(facts.sessions, facts.members, first, last)
    elif (facts.register.first, facts.register.last) == (first, last):
        counted = list(facts.register.tallies)
    else:
        raise ValueError("The register was counted for another period.")
    # Minutes bearer-weighted are summed (whole numbers) for each pupil and number of bearers, and
    # turned into money once each: exactly the shares of session by session, with far fewer
    # fractions. Each session's n bearers hold n shares of 1/n, so the shares add up to the total.
    minutes: dict[tuple[int, int], int] = defaultdict(int)
    for tally in counted:
        minutes[tally.pupil_id, tally.bearers] += tally.minutes * tally.sessions
    # Each share is pupil_minutes x hourly / (60 x bearers): summed in whole numbers over one common
    # denominator and made a fraction once per pupil (the same exact values, far fewer fractions).
    common = 60 * math.lcm(*{bearers for _, bearers in minutes})
    numerators: dict[int, int] = defaultdict(int)
    for (pupil_id, bearers), pupil_minutes in minutes.items():
        numerators[pupil_id] += pupil_minutes * facts.hourly_pence * (common // (60 * bearers))
    weights = {pupil_id: Fraction(numerator, common) for pupil_id, numerator in numerators.items()}
    total = Fraction(sum(numerators.values()), common)
    extra_total, extra = _extra_weights(facts, year, first, last)
    return _rounded_shares(total + extra_total, weights, extra)


@dataclass
class PupilCost:
    """One pupil's share of one provision's cost in the year, in pence."""

    provision_id: int
    pupil_id: int
    planned_to_date: int = 0
    delivered_to_date: int = 0
    planned_year: int = 0
    projected_year: int = 0


@dataclass
class ProvisionCost:
    """One provision's cost in the year, in pence, with each pupil's share."""

    provision_id: int
    planned_to_date: int = 0
    delivered_to_date: int = 0
    planned_year: int = 0
    projected_year: int = 0
    pupils: dict[int, PupilCost] = field(default_factory=dict)


def cost_of(facts: ProvisionFacts, year: Year, today: date) -> ProvisionCost:
    """Planned and delivered cost to date, the planned cost for the whole year, and the projection
    (delivered to date, then the schedule for the rest of the year)."""
    to_date = min(today, year.end)
    planned_to_date, planned_shares = planned(facts, year, year.start, to_date)
    delivered_to_date, delivered_shares = delivered(facts, year, year.start, to_date)
    planned_year, year_shares = planned(facts, year, year.start, year.end)
    rest, rest_shares = planned(facts, year, to_date + ONE_DAY, year.end)
    result = ProvisionCost(
        provision_id=facts.provision_id,
        planned_to_date=planned_to_date,
        delivered_to_date=delivered_to_date,
        planned_year=planned_year,
        projected_year=delivered_to_date + rest,
    )
    pupil_ids = set(planned_shares) | set(delivered_shares) | set(year_shares) | set(rest_shares)
    for pupil_id in sorted(pupil_ids):
        result.pupils[pupil_id] = PupilCost(
            provision_id=facts.provision_id,
            pupil_id=pupil_id,
            planned_to_date=planned_shares.get(pupil_id, 0),
            delivered_to_date=delivered_shares.get(pupil_id, 0),
            planned_year=year_shares.get(pupil_id, 0),
            projected_year=delivered_shares.get(pupil_id, 0) + rest_shares.get(pupil_id, 0),
        )
    return result


def pence_in_words(pence: int) -> str:
    """£1,234.56 — how money is shown on every page and export."""
    pounds, pennies = divmod(pence, 100)
    return f"£{pounds:,}.{pennies:02d}"
