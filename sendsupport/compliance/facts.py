"""What the compliance engine knows about one pupil: plain data, gathered in bulk by ``loader``.

Keeping the facts separate from the duties means every duty is a pure function that can be
tested on fixed dates without a database, and the loader can be held to a fixed query count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ReviewFacts:
    held_on: date
    expected_progress: bool | None
    pupil_views_recorded: bool  # views given, or a reason they are absent
    parent_views_recorded: bool


@dataclass(frozen=True)
class ConcernFacts:
    """A concern raised by staff that the SENCO has neither taken into a cycle nor closed."""

    concern_id: int
    raised_on: date
    raised_by: str


@dataclass
class PupilFacts:
    pupil_id: int
    name: str
    year_group: str
    registration_group_id: int | None
    group_ids: frozenset[int]
    teacher_ids: frozenset[int]
    provision: str  # N, K or E
    support_started_on: date | None  # start of the current period of SEN support (K)
    notified_on: date | None = None  # latest parent notification on or after support started
    has_open_cycle: bool = False
    cycle_id: int | None = None
    cycle_number: int | None = None
    plan_id: int | None = None
    plan_agreed: bool = False
    plan_review_date: date | None = None
    plan_reviewed: bool = False  # the current plan has its review recorded
    smart_problems: int = 0  # outcomes in the current plan that fail the SMART check (not overridden)
    reviews: list[ReviewFacts] = field(default_factory=list)  # oldest first, across all cycles
    meetings_this_year: int = 0
    staff_to_acknowledge: list[str] = field(default_factory=list)
    profile_exists: bool = False
    specialist_since: date | None = None  # earliest referral date, if any specialist is involved
    open_concerns: list[ConcernFacts] = field(default_factory=list)  # oldest first; see compliance.concerns
