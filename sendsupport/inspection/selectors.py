"""Everything an inspector traces for one pupil, dated and in order, in a fixed number of queries.

The pupil is one already found through ``pupils.lookup.pupil_for`` (visible to the user, and the
rule passed), so every query here is filtered by that pupil and nothing else.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, Sum

from sendsupport.core import dates
from sendsupport.meetings.models import DeclinedMeeting, Meeting
from sendsupport.provision.choices import Attendance
from sendsupport.provision.models import ProvisionMember, SessionAttendance
from sendsupport.provision.selectors import pupil_costs
from sendsupport.provision.selectors_funding import day_for_year
from sendsupport.pupils.models import Pupil, SENNeed, SENStatus
from sendsupport.statutory.models import AnnualReview, EHCPlan, EHCRequest
from sendsupport.support.models import AssessmentScore, Cycle, Outcome, OutcomeRating, ParentNotification
from sendsupport.support.specialists.models import SpecialistInvolvement
from sendsupport.support.voice.models import ParentViews, PupilViews

# The school years whose cost the trail shows: this one and the one before, the span an inspection
# looks at. A fixed number, so the trail's queries do not grow with the length of the history.
COST_YEARS = 2


@dataclass
class ProvisionLine:
    """One provision the pupil took part in, with the sessions they attended."""

    member: ProvisionMember
    sessions_present: int = 0
    sessions_absent: int = 0
    minutes_present: int = 0

    @property
    def provision(self) -> Any:
        return self.member.provision


@dataclass
class CostYear:
    """The pupil's share of each provision's cost in one school year (``PupilCost``s, in pence)."""

    start_year: int
    over: bool  # the year has ended: "to date" is the whole year
    rows: list[tuple[ProvisionLine, Any]]

    @property
    def words(self) -> str:
        return f"{self.start_year} to {self.start_year + 1}"

    @property
    def planned(self) -> int:
        return sum(cost.planned_year for _, cost in self.rows)

    @property
    def delivered(self) -> int:
        return sum(cost.delivered_to_date for _, cost in self.rows)

    @property
    def projected(self) -> int:
        return sum(cost.projected_year for _, cost in self.rows)


@dataclass
class CycleTrail:
    cycle: Cycle
    scores: list[AssessmentScore] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)  # each with ``trail_rating`` (an OutcomeRating or None)
    provisions: list[ProvisionLine] = field(default_factory=list)  # overlapping the cycle's dates
    parent_views: list[ParentViews] = field(default_factory=list)
    pupil_views: list[PupilViews] = field(default_factory=list)

    @property
    def assessment(self) -> Any:
        return getattr(self.cycle, "assessment", None)

    @property
    def plan(self) -> Any:
        return getattr(self.cycle, "plan", None)

    @property
    def review(self) -> Any:
        return getattr(self.cycle, "review", None)


@dataclass
class Trail:
    pupil: Pupil
    statuses: list[SENStatus]
    needs: list[SENNeed]
    notifications: list[ParentNotification]
    cycles: list[CycleTrail]
    provisions: list[ProvisionLine]
    cost_years: list[CostYear]
    meetings: list[Meeting]
    declined: list[DeclinedMeeting]
    parent_views: list[ParentViews]  # not tied to a cycle
    pupil_views: list[PupilViews]  # not tied to a cycle
    specialists: list[SpecialistInvolvement]
    ehc_requests: list[EHCRequest]
    ehc_plans: list[EHCPlan]  # each with ``trail_reviews``, its annual reviews oldest first


def _overlaps(member: ProvisionMember, cycle: Cycle) -> bool:
    ends = cycle.closed_on or date.max
    left = member.left_on or date.max
    return member.joined_on <= ends and left >= cycle.opened_on


def _provisions(pupil: Pupil, today: date) -> tuple[list[ProvisionLine], list[CostYear]]:
    """Each provision the pupil was a member of, with the sessions they attended, and their cost share
    in this school year and the last (``provision.selectors.pupil_costs``: the same figures as the
    school's map, so the trail and the map agree to the penny)."""
    members = list(
        ProvisionMember.objects.filter(pupil=pupil)
        .select_related("provision__intervention")
        .order_by("joined_on", "pk")
    )
    attendance = {
        row["session__provision_id"]: row
        for row in SessionAttendance.objects.filter(pupil=pupil, session__cancelled=False)
        .values("session__provision_id")
        .annotate(
            present=Count("pk", filter=Q(status=Attendance.PRESENT)),
            absent=Count("pk", filter=Q(status=Attendance.ABSENT)),
            minutes=Sum("session__minutes", filter=Q(status=Attendance.PRESENT)),
        )
        .order_by()
    }
    lines = []
    for member in members:
        row = attendance.get(member.provision_id, {})
        lines.append(
            ProvisionLine(
                member=member,
                sessions_present=row.get("present", 0),
                sessions_absent=row.get("absent", 0),
                minutes_present=row.get("minutes") or 0,
            )
        )
    by_provision = {line.provision.pk: line for line in lines}
    years = []
    this_year = dates.academic_start_year(today)
    for start_year in range(this_year - COST_YEARS + 1, this_year + 1):
        costs = pupil_costs(pupil, day=day_for_year(start_year, today))
        shares = [share for share in costs.pupils.get(pupil.pk, []) if share.provision_id in by_provision]
        rows = [
            (by_provision[share.provision_id], share)
            for share in shares
            if share.planned_year or share.delivered_to_date
        ]
        years.append(CostYear(start_year=start_year, over=start_year < this_year, rows=rows))
    return lines, years


def inspection_trail(pupil: Pupil, *, today: date) -> Trail:
    """The pupil's whole record for an inspector: status and needs history, every cycle (assessment,
    plan with outcomes, provision, review with ratings and next step), meetings with parents, the
    parents' and pupil's views, specialists and EHC records, each oldest first."""
    cycles = list(
        Cycle.objects.filter(pupil=pupil)
        .select_related("assessment", "plan", "review", "class_teacher")
        .order_by("number")
    )
    by_cycle = {cycle.pk: CycleTrail(cycle) for cycle in cycles}
    assessment_cycle = {c.assessment.pk: c.pk for c in cycles if getattr(c, "assessment", None)}
    for score in AssessmentScore.objects.filter(pupil=pupil).order_by("pk"):
        if score.assessment_id in assessment_cycle:
            by_cycle[assessment_cycle[score.assessment_id]].scores.append(score)
    ratings = {rating.outcome_id: rating for rating in OutcomeRating.objects.filter(pupil=pupil)}
    plan_cycle = {c.plan.pk: c.pk for c in cycles if getattr(c, "plan", None)}
    for outcome in Outcome.objects.filter(pupil=pupil).order_by("plan_id", "position", "pk"):
        outcome.trail_rating = ratings.get(outcome.pk)
        if outcome.plan_id in plan_cycle:
            by_cycle[plan_cycle[outcome.plan_id]].outcomes.append(outcome)
    provisions, cost_years = _provisions(pupil, today)
    for trail in by_cycle.values():
        trail.provisions = [line for line in provisions if _overlaps(line.member, trail.cycle)]
    loose_parent, loose_pupil = [], []
    for views in ParentViews.objects.filter(pupil=pupil).order_by("sent_at", "pk"):
        (by_cycle[views.cycle_id].parent_views if views.cycle_id in by_cycle else loose_parent).append(views)
    for views in PupilViews.objects.filter(pupil=pupil).order_by("given_on", "pk"):
        (by_cycle[views.cycle_id].pupil_views if views.cycle_id in by_cycle else loose_pupil).append(views)
    plans = list(EHCPlan.objects.filter(pupil=pupil).order_by("issued_on", "pk"))
    annual: dict[int, list[AnnualReview]] = defaultdict(list)
    for review in AnnualReview.objects.filter(pupil=pupil).order_by("meeting_on", "pk"):
        annual[review.plan_id].append(review)
    for plan in plans:
        plan.trail_reviews = annual.get(plan.pk, [])
    return Trail(
        pupil=pupil,
        statuses=list(SENStatus.objects.filter(pupil=pupil).order_by("start_date", "pk")),
        needs=list(SENNeed.objects.filter(pupil=pupil).order_by("start_date", "rank", "pk")),
        notifications=list(ParentNotification.objects.filter(pupil=pupil).order_by("notified_on", "pk")),
        cycles=list(by_cycle.values()),
        provisions=provisions,
        cost_years=cost_years,
        meetings=list(
            Meeting.objects.filter(pupil=pupil).prefetch_related("parents_attended").order_by("held_on", "pk")
        ),
        declined=list(DeclinedMeeting.objects.filter(pupil=pupil).order_by("offered_on", "pk")),
        parent_views=loose_parent,
        pupil_views=loose_pupil,
        specialists=list(SpecialistInvolvement.objects.filter(pupil=pupil).order_by("referral_date", "pk")),
        ehc_requests=list(EHCRequest.objects.filter(pupil=pupil).order_by("requested_on", "pk")),
        ehc_plans=plans,
    )
