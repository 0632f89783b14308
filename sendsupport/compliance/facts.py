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
    next_step: str = ""
    parents_attended: bool = False
    plan_started_on: date | None = None  # when the reviewed plan took effect (agreed, else written)


@dataclass(frozen=True)
class SpecialistFacts:
    referral_date: date
    consented: bool
    ended: bool
    advice_received_on: date | None = None


@dataclass(frozen=True)
class EHCRequestFacts:
    requested_on: date
    outcome: str  # pending, agreed, refused, withdrawn
    outcome_on: date | None = None
    # The later steps, for the statutory clocks (statutory.clocks reads these names).
    advice_requested_on: date | None = None
    advice_sent_on: date | None = None
    no_plan_on: date | None = None
    draft_issued_on: date | None = None
    representations_end_on: date | None = None
    final_issued_on: date | None = None
    exception: str = ""
    id: int | None = None  # the request, for the to-do link to its clocks


@dataclass(frozen=True)
class AnnualReviewFacts:
    meeting_on: date
    invitations_sent_on: date | None
    advice_circulated_on: date | None
    held: bool
    report_sent_on: date | None = None  # the school's report after the meeting reached the LA
    advice_waiting: int = 0  # advice asked for and not yet received (see compliance.ehc_plan_duties)


@dataclass(frozen=True)
class EHCPlanFacts:
    issued_on: date
    next_transfer_on: date | None = None
    next_transfer_to_post16: bool = False
    annual_reviews: tuple[AnnualReviewFacts, ...] = ()  # oldest first


@dataclass(frozen=True)
class ConcernFacts:
    """A concern raised by staff that the SENCO has neither taken into a cycle nor closed."""

    concern_id: int
    raised_on: date
    raised_by: str


@dataclass(frozen=True)
class ProvisionDutyFacts:
    """A provision the pupil is in that is running, or has ended without a review (see
    ``compliance.provision_duties``)."""

    provision_id: int
    name: str
    starts_on: date
    ends_on: date | None
    last_session_on: date | None  # the latest session registered (held or cancelled)
    reviewed_on: date | None


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
    staff_to_acknowledge: list[str] = field(default_factory=list)
    profile_exists: bool = False
    date_of_birth: date | None = None
    joined_on: date | None = None  # the date the pupil joined the school's roll
    register_started_on: date | None = None  # start of the current unbroken time on K or E
    plan_started_on: date | None = None  # the current plan's agreement date, else the date written
    plan_consulted_on: date | None = None  # when the parents were consulted on (or agreed) the current plan
    assessed_on: date | None = None  # the open cycle's assessment decision
    severe_or_complex: bool = False  # the SENCO's flag on the latest assessment (CoP 6.63)
    well_below: bool = False  # the latest assessment records attainment well below age expectations
    meeting_dates: frozenset[date] = frozenset()  # this school year: parents met, or declined an offer
    unshared_meetings: tuple[date, ...] = ()  # meetings parents attended whose record is not yet shared
    specialists: tuple[SpecialistFacts, ...] = ()  # earliest referral first
    ehc_requests: tuple[EHCRequestFacts, ...] = ()  # oldest first
    ehc_plan: EHCPlanFacts | None = None  # the plan in force, if one is recorded
    open_concerns: list[ConcernFacts] = field(default_factory=list)  # oldest first; see compliance.concerns
    provisions: tuple[ProvisionDutyFacts, ...] = ()  # running, or ended and not reviewed
    projected_cost_pence: int | None = None  # this year's projected cost; None when not worked out
    top_up_this_year: bool = False  # an element 3 top-up recorded (asked for, agreed or refused) this year
