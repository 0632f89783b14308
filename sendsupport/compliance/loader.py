"""Gathering every pupil's facts for a school in a fixed number of queries, whatever its size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from sendsupport.compliance.facts import (
    AnnualReviewFacts,
    EHCPlanFacts,
    EHCRequestFacts,
    PupilFacts,
    ReviewFacts,
    SpecialistFacts,
)
from sendsupport.core.dates import academic_year_bounds
from sendsupport.meetings.models import Meeting
from sendsupport.meetings.selectors import parent_meeting_dates
from sendsupport.pupils.codes import Provision
from sendsupport.pupils.models import Pupil, SENStatus
from sendsupport.pupils.selectors import with_current_sen
from sendsupport.schools.models import Group, Role, School
from sendsupport.statutory.models import AnnualReview, EHCPlan, EHCRequest
from sendsupport.support import smart
from sendsupport.support.choices import Comparison, CycleStatus, PlanStatus
from sendsupport.support.models import Assessment, AssessmentScore, Cycle, Outcome, ParentNotification, Review
from sendsupport.support.profiles.selectors import unacknowledged_staff
from sendsupport.support.specialists.models import SpecialistInvolvement
from sendsupport.support.voice.models import ParentViews, PupilViews

# The register's pupils as plain rows: the facts only read these fields, and 400 model instances a
# request cost more than the query.
_REGISTER_FIELDS = (
    "pk",
    "preferred_first_name",
    "legal_first_name",
    "preferred_last_name",
    "legal_last_name",
    "year_group",
    "registration_group_id",
    "current_provision",
    "date_of_birth",
    "on_roll_from",
)


@dataclass(frozen=True)
class _Pupil:
    pk: int
    preferred_first_name: str
    legal_first_name: str
    preferred_last_name: str
    legal_last_name: str
    year_group: str
    registration_group_id: int | None
    current_provision: str
    date_of_birth: date | None
    on_roll_from: date | None

    @property
    def display_name(self) -> str:  # as ``Pupil.display_name``
        first = self.preferred_first_name or self.legal_first_name
        last = self.preferred_last_name or self.legal_last_name
        return f"{first} {last}"


def _register_query(user: Any, school: School, today: date, pupil_ids: list[int] | None = None) -> QuerySet[Pupil]:
    pupils = with_current_sen(Pupil.objects.visible_to(user).on_roll(today).filter(school=school))
    if pupil_ids is not None:  # one pupil's page: the same facts, for fewer pupils
        pupils = pupils.filter(pk__in=pupil_ids)
    return pupils.filter(current_provision__in=[Provision.SEN_SUPPORT, Provision.EHC_PLAN])


def _register(register: QuerySet[Pupil]) -> list[_Pupil]:
    rows = register.order_by("legal_last_name", "legal_first_name", "pk").values_list(*_REGISTER_FIELDS)
    return [_Pupil(*row) for row in rows]


def _groups(ids: QuerySet, pupils: list[_Pupil]) -> dict[int, set[int]]:
    groups: dict[int, set[int]] = {pupil.pk: set() for pupil in pupils}
    for pupil in pupils:
        if pupil.registration_group_id:
            groups[pupil.pk].add(pupil.registration_group_id)
    for pupil_id, group_id in Pupil.teaching_groups.through.objects.filter(pupil_id__in=ids).values_list(
        "pupil_id", "group_id"
    ):
        groups[pupil_id].add(group_id)
    return groups


def _teachers_of_groups(school: School, group_ids: set[int]) -> dict[int, set[int]]:
    teachers: dict[int, set[int]] = defaultdict(set)
    links = Group.staff.through.objects.filter(
        group_id__in=group_ids,
        user__memberships__school=school,
        user__memberships__role__in=[Role.TEACHER, Role.TA],
        user__memberships__active=True,
    ).values_list("group_id", "user_id")
    for group_id, user_id in links:
        teachers[group_id].add(user_id)
    return teachers


def _register_periods(ids: list[int], among: QuerySet) -> tuple[dict[int, date | None], dict[int, date | None]]:
    """Start of each pupil's current unbroken period on SEN support (K), and on the register (K or E).

    None when the pupil is not on K (or not on the register) now. One query.
    """
    on_k: dict[int, date | None] = dict.fromkeys(ids)
    on_register: dict[int, date | None] = dict.fromkeys(ids)
    broken_k: set[int] = set()
    broken_register: set[int] = set()
    statuses = SENStatus.objects.filter(pupil_id__in=among).order_by("pupil_id", "-start_date", "-id")
    for pupil_id, provision, start_date in statuses.values_list("pupil_id", "provision", "start_date"):
        if pupil_id not in broken_register:
            if provision in (Provision.SEN_SUPPORT, Provision.EHC_PLAN):
                on_register[pupil_id] = start_date
            else:
                broken_register.add(pupil_id)
        if pupil_id not in broken_k:
            if provision == Provision.SEN_SUPPORT:
                on_k[pupil_id] = start_date
            else:
                broken_k.add(pupil_id)
    return on_k, on_register


def _latest_assessments(among: QuerySet) -> tuple[dict[int, dict], set[int]]:
    """Each pupil's latest assessment (id, cycle, date, SENCO's flag), and who it found well below
    age-related expectations in any measure. Two queries."""
    latest: dict[int, dict] = {}
    for row in (
        Assessment.objects.filter(pupil_id__in=among)
        .order_by("pupil_id", "decided_on", "id")
        .values("id", "pupil_id", "cycle_id", "decided_on", "severe_or_complex")
    ):
        latest[row["pupil_id"]] = row
    # The scores of every assessment of the register (a subquery, not a list of ids), of which only
    # each pupil's latest counts.
    latest_ids = {row["id"] for row in latest.values()}
    well_below = {
        pupil_id
        for assessment_id, pupil_id in AssessmentScore.objects.filter(
            assessment__pupil_id__in=among, compared_with_expected=Comparison.WELL_BELOW
        ).values_list("assessment_id", "pupil_id")
        if assessment_id in latest_ids
    }
    return latest, well_below


def _meetings(ids: list[int], among: QuerySet, today: date) -> tuple[dict[int, set[date]], dict[int, list[date]]]:
    """This school year's meeting dates (attended or declined) and the records not yet shared. Three queries."""
    year_start, year_end = academic_year_bounds(today)
    dates = parent_meeting_dates(ids, year_start, year_end, among=among)
    unshared: dict[int, list[date]] = defaultdict(list)
    # One row per meeting (two parents attending must not make two), hence the id and no ordering.
    for pupil_id, held_on, _ in (
        Meeting.objects.filter(
            pupil_id__in=among,
            held_on__gte=year_start,
            parents_attended__isnull=False,
            shared_with_parents_on__isnull=True,
            # A meeting recorded afterwards, from before the school used sendsupport, has no record to share.
            before_sendsupport=False,
        )
        .order_by()
        .values_list("pupil_id", "held_on", "pk")
        .distinct()
    ):
        unshared[pupil_id].append(held_on)
    return dates, unshared


def _ehc_records(among: QuerySet) -> tuple[dict[int, list[EHCRequestFacts]], dict[int, EHCPlanFacts]]:
    """EHC needs assessment requests, and the plan in force with its annual reviews. Three queries."""
    requests: dict[int, list[EHCRequestFacts]] = defaultdict(list)
    clock_fields = [f.name for f in fields(EHCRequestFacts)]  # the same query, with the clocks' dates
    for row in (
        EHCRequest.objects.filter(pupil_id__in=among).order_by("requested_on", "id").values("pupil_id", *clock_fields)
    ):
        requests[row.pop("pupil_id")].append(EHCRequestFacts(**row))
    in_force = EHCPlan.objects.filter(pupil_id__in=among, ceased_on__isnull=True)
    # The latest issued plan in force, per pupil (a later row replaces an earlier one).
    plans = {
        row[0]: row[1:]
        for row in in_force.order_by("issued_on", "id").values_list(
            "pupil_id", "pk", "issued_on", "next_transfer_on", "next_transfer_to_post16"
        )
    }
    reviews: dict[int, list[AnnualReviewFacts]] = defaultdict(list)
    for row in (
        # Reviews of any plan in force; only those of each pupil's latest one are read below.
        AnnualReview.objects.filter(plan__in=in_force.order_by().values("pk"))
        .order_by("meeting_on", "id")
        .values("plan_id", "meeting_on", "invitations_sent_on", "advice_circulated_on", "held", "report_sent_on")
        .annotate(
            advice_waiting=Count("advice_requests", filter=Q(advice_requests__received_on__isnull=True)),
        )
    ):
        reviews[row.pop("plan_id")].append(AnnualReviewFacts(**row))
    found = {
        pupil_id: EHCPlanFacts(
            issued_on=issued_on,
            next_transfer_on=next_transfer_on,
            next_transfer_to_post16=next_transfer_to_post16,
            annual_reviews=tuple(reviews.get(plan_id, [])),
        )
        for pupil_id, (plan_id, issued_on, next_transfer_on, next_transfer_to_post16) in plans.items()
    }
    return requests, found


@dataclass(frozen=True)
class _Cycle:
    pk: int
    number: int
    class_teacher_id: int | None


@dataclass(frozen=True)
class _Plan:
    pk: int
    status: str
    review_date: date | None
    agreed_on: date | None
    created_on: date | None
    parents_consulted_on: date | None
    parent_agreed_on: date | None
    smart_override_reason: str


_PLAN_FIELDS = tuple(f"plan__{f.name}" if f.name != "pk" else "plan__id" for f in fields(_Plan))


def _open_cycles(among: QuerySet) -> tuple[dict[int, _Cycle], dict[int, _Plan | None]]:
    """Each pupil's open cycle and its plan (None before one is written). One query."""
    cycles: dict[int, _Cycle] = {}
    plans: dict[int, _Plan | None] = {}
    rows = Cycle.objects.filter(pupil_id__in=among, status=CycleStatus.OPEN).values_list(
        "pupil_id", "pk", "number", "class_teacher_id", *_PLAN_FIELDS
    )
    for pupil_id, pk, number, class_teacher_id, *plan in rows:  # the model's ordering: the last one counts
        cycles[pupil_id] = _Cycle(pk, number, class_teacher_id)
        plans[pupil_id] = _Plan(*plan) if plan[0] is not None else None
    return cycles, plans


def _smart_problems(among: QuerySet, plans: dict[int, _Plan | None]) -> dict[int, int]:
    """How many outcomes of each open cycle's plan fail the SMART check (none when overridden). One query."""
    checked = {plan.pk: plan for plan in plans.values() if plan is not None and not plan.smart_override_reason}
    problems: dict[int, int] = defaultdict(int)
    rows = Outcome.objects.filter(plan__cycle__pupil_id__in=among, plan__cycle__status=CycleStatus.OPEN).values_list(
        "plan_id", "pupil_id", "description", "baseline", "target", "measure", "due_date"
    )
    for plan_id, pupil_id, description, baseline, target, measure, due_date in rows:
        plan = checked.get(plan_id)
        if plan is None:
            continue
        if smart.check_outcome(
            description=description,
            baseline=baseline,
            target=target,
            measure=measure,
            due_date=due_date,
            review_date=plan.review_date,
        ):
            problems[pupil_id] += 1
    return problems


def _specialists(among: QuerySet) -> dict[int, list[SpecialistFacts]]:
    """Each pupil's specialist involvement, earliest referral first (as ``specialist_involvement``,
    without a model instance per row). One query."""
    found: dict[int, list[SpecialistFacts]] = defaultdict(list)
    rows = (
        SpecialistInvolvement.objects.filter(pupil_id__in=among)
        .order_by("referral_date", "id")
        .values_list("pupil_id", "referral_date", "parental_consent", "consent_date", "status", "advice_received_on")
    )
    for pupil_id, referral_date, parental_consent, consent_date, status, advice_received_on in rows:
        found[pupil_id].append(
            SpecialistFacts(
                referral_date=referral_date,
                consented=bool(parental_consent and consent_date),
                ended=status == SpecialistInvolvement.Status.ENDED,
                advice_received_on=advice_received_on,
            )
        )
    return found


def _notified(among: QuerySet, started: dict[int, date | None]) -> dict[int, date]:
    """Each pupil's latest parent notification on or after their current SEN support began. One query."""
    notified: dict[int, date] = {}
    for pupil_id, notified_on in (
        ParentNotification.objects.filter(pupil_id__in=among)
        .order_by("notified_on", "id")
        .values_list("pupil_id", "notified_on")
    ):
        begin = started.get(pupil_id)
        if begin is not None and notified_on >= begin:
            notified[pupil_id] = notified_on
    return notified


def _reviews(among: QuerySet) -> dict[int, list[ReviewFacts]]:
    """Every review of each pupil, oldest first. One query."""
    reviews: dict[int, list[ReviewFacts]] = defaultdict(list)
    rows = (
        Review.objects.filter(pupil_id__in=among)
        # Views sent before the review (by a parent, or given by the pupil) count as recorded views.
        .annotate(
            parents_sent=Exists(ParentViews.objects.filter(cycle_id=OuterRef("cycle_id"))),
            pupil_gave=Exists(PupilViews.objects.filter(cycle_id=OuterRef("cycle_id"))),
        )
        .order_by("pupil_id", "held_on", "id")
        .values_list(
            "parents_sent",
            "pupil_gave",
            "pupil_id",
            "held_on",
            "expected_progress",
            "pupil_views",
            "pupil_views_absent_reason",
            "parent_views",
            "parent_views_absent_reason",
            "next_step",
            "parents_attended",
            "plan__agreed_on",
            "plan__created_on",
        )
    )
    for (
        parents_sent,
        pupil_gave,
        pupil_id,
        held_on,
        expected_progress,
        pupil_views,
        pupil_views_absent_reason,
        parent_views,
        parent_views_absent_reason,
        next_step,
        parents_attended,
        plan_agreed_on,
        plan_created_on,
    ) in rows:
        reviews[pupil_id].append(
            ReviewFacts(
                held_on=held_on,
                expected_progress=expected_progress,
                pupil_views_recorded=bool(pupil_gave or pupil_views.strip() or pupil_views_absent_reason.strip()),
                parent_views_recorded=bool(parents_sent or parent_views.strip() or parent_views_absent_reason.strip()),
                next_step=next_step,
                parents_attended=parents_attended,
                plan_started_on=plan_agreed_on or plan_created_on,
            )
        )
    return reviews


def school_facts(user: Any, school: School, today: date, pupil_ids: list[int] | None = None) -> list[PupilFacts]:
    """Facts for every pupil on the register this user may see at ``school``; in a fixed number of queries."""
    register = _register_query(user, school, today, pupil_ids)
    pupils = _register(register)
    ids = [pupil.pk for pupil in pupils]
    if not ids:
        return []
    # Every other query filters by the register as a subquery: the database does it, where a list of
    # 400 ids costs Django more to turn into parameters (each query) than the subquery costs to run.
    among = register.order_by().values("pk")
    groups = _groups(among, pupils)
    teachers_of_group = _teachers_of_groups(school, set().union(*groups.values()))
    started, on_register = _register_periods(ids, among)

    notified = _notified(among, started)
    open_cycles, plans = _open_cycles(among)
    smart_problems = _smart_problems(among, plans)
    reviews = _reviews(among)

    meeting_dates, unshared = _meetings(ids, among, today)
    year_start, _ = academic_year_bounds(today)
    for pupil_id, pupil_reviews in reviews.items():
        # A review meeting the parents attended is a meeting with them (CoP 6.65).
        meeting_dates[pupil_id].update(
            r.held_on for r in pupil_reviews if r.parents_attended and r.held_on >= year_start
        )
    to_acknowledge = unacknowledged_staff(ids)
    specialists = _specialists(among)
    assessments, well_below = _latest_assessments(among)
    ehc_requests, ehc_plans = _ehc_records(among)

    facts = []
    for pupil in pupils:
        plan = plans.get(pupil.pk)
        cycle = open_cycles.get(pupil.pk)

        assessment = assessments.get(pupil.pk)
        facts.append(
            PupilFacts(
                pupil_id=pupil.pk,
                name=pupil.display_name,
                year_group=pupil.year_group,
                registration_group_id=pupil.registration_group_id,
                group_ids=frozenset(groups[pupil.pk]),
                teacher_ids=frozenset(
                    {uid for gid in groups[pupil.pk] for uid in teachers_of_group.get(gid, ())}
                    | ({cycle.class_teacher_id} if cycle and cycle.class_teacher_id else set())
                ),
                provision=pupil.current_provision,
                support_started_on=started.get(pupil.pk),
                notified_on=notified.get(pupil.pk),
                has_open_cycle=cycle is not None,
                cycle_id=cycle.pk if cycle else None,
                cycle_number=cycle.number if cycle else None,
                plan_id=plan.pk if plan else None,
                plan_agreed=bool(plan and plan.status == PlanStatus.AGREED),
                plan_review_date=plan.review_date if plan else None,
                plan_reviewed=False,  # recording a review closes the cycle, so an open cycle's plan is unreviewed
                smart_problems=smart_problems.get(pupil.pk, 0),
                reviews=reviews.get(pupil.pk, []),
                staff_to_acknowledge=[str(person) for person in to_acknowledge.get(pupil.pk, [])],
                date_of_birth=pupil.date_of_birth,
                joined_on=pupil.on_roll_from,
                register_started_on=on_register.get(pupil.pk),
                plan_started_on=(plan.agreed_on or plan.created_on) if plan else None,
                # The parents agreeing the plan on a recorded date is a consultation too.
                plan_consulted_on=(plan.parents_consulted_on or plan.parent_agreed_on) if plan else None,
                assessed_on=assessment["decided_on"]
                if assessment and cycle and assessment["cycle_id"] == cycle.pk
                else None,
                severe_or_complex=bool(assessment and assessment["severe_or_complex"]),
                well_below=pupil.pk in well_below,
                meeting_dates=frozenset(meeting_dates.get(pupil.pk, ())),
                unshared_meetings=tuple(sorted(unshared.get(pupil.pk, []))),
                specialists=tuple(specialists.get(pupil.pk, ())),
                ehc_requests=tuple(ehc_requests.get(pupil.pk, [])),
                ehc_plan=ehc_plans.get(pupil.pk),
            )
        )
    return facts
