"""Gathering every pupil's facts for a school in a fixed number of queries, whatever its size."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sendsupport.compliance.facts import PupilFacts, ReviewFacts
from sendsupport.core.dates import academic_year_bounds
from sendsupport.meetings.selectors import meetings_with_parents_count
from sendsupport.pupils.codes import Provision
from sendsupport.pupils.models import Pupil, SENStatus
from sendsupport.pupils.selectors import with_current_sen
from sendsupport.schools.models import Group, Role, School
from sendsupport.support import smart
from sendsupport.support.choices import CycleStatus, PlanStatus
from sendsupport.support.models import Cycle, Outcome, ParentNotification, Review
from sendsupport.support.profiles.selectors import unacknowledged_staff
from sendsupport.support.specialists.selectors import specialist_involvement


def _register(user: Any, school: School, today: date) -> list[Pupil]:
    pupils = with_current_sen(Pupil.objects.visible_to(user).on_roll(today).filter(school=school))
    return list(
        pupils.filter(current_provision__in=[Provision.SEN_SUPPORT, Provision.EHC_PLAN])
        .select_related("registration_group")
        .order_by("legal_last_name", "legal_first_name", "pk")
    )


def _groups(ids: list[int], pupils: list[Pupil]) -> dict[int, set[int]]:
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


def _support_started(ids: list[int]) -> dict[int, date | None]:
    """Start of each pupil's current unbroken period on SEN support (K); None when not on K now."""
    started: dict[int, date | None] = dict.fromkeys(ids)
    broken: set[int] = set()
    statuses = SENStatus.objects.filter(pupil_id__in=ids).order_by("pupil_id", "-start_date", "-id")
    for pupil_id, provision, start_date in statuses.values_list("pupil_id", "provision", "start_date"):
        if pupil_id in broken:
            continue
        if provision != Provision.SEN_SUPPORT:
            broken.add(pupil_id)
            continue
        started[pupil_id] = start_date
    return started


def school_facts(user: Any, school: School, today: date) -> list[PupilFacts]:
    """Facts for every pupil on the register this user may see at ``school``; about a dozen queries."""
    pupils = _register(user, school, today)
    ids = [pupil.pk for pupil in pupils]
    if not ids:
        return []
    groups = _groups(ids, pupils)
    teachers_of_group = _teachers_of_groups(school, set().union(*groups.values()))
    started = _support_started(ids)

    notified: dict[int, date] = {}
    for pupil_id, notified_on in ParentNotification.objects.filter(pupil_id__in=ids).values_list(
        "pupil_id", "notified_on"
    ):
        begin = started.get(pupil_id)
        if begin is not None and notified_on >= begin:
            notified[pupil_id] = max(notified_on, notified.get(pupil_id, notified_on))

    open_cycles = {
        cycle.pupil_id: cycle
        for cycle in Cycle.objects.filter(pupil_id__in=ids, status=CycleStatus.OPEN).select_related("plan")
    }
    plans = {pupil_id: getattr(cycle, "plan", None) for pupil_id, cycle in open_cycles.items()}
    smart_problems: dict[int, int] = defaultdict(int)
    plan_ids = {plan.pk: plan for plan in plans.values() if plan is not None}
    for outcome in Outcome.objects.filter(plan_id__in=plan_ids):
        plan = plan_ids[outcome.plan_id]
        if plan.smart_override_reason:
            continue
        if smart.check(outcome, plan.review_date):
            smart_problems[outcome.pupil_id] += 1

    reviews: dict[int, list[ReviewFacts]] = defaultdict(list)
    for row in (
        Review.objects.filter(pupil_id__in=ids)
        .order_by("pupil_id", "held_on", "id")
        .values(
            "pupil_id",
            "held_on",
            "expected_progress",
            "pupil_views",
            "pupil_views_absent_reason",
            "parent_views",
            "parent_views_absent_reason",
        )
    ):
        reviews[row["pupil_id"]].append(
            ReviewFacts(
                held_on=row["held_on"],
                expected_progress=row["expected_progress"],
                pupil_views_recorded=bool(row["pupil_views"].strip() or row["pupil_views_absent_reason"].strip()),
                parent_views_recorded=bool(row["parent_views"].strip() or row["parent_views_absent_reason"].strip()),
            )
        )

    year_start, year_end = academic_year_bounds(today)
    meetings = meetings_with_parents_count(ids, year_start, year_end)
    to_acknowledge = unacknowledged_staff(ids)
    specialists = specialist_involvement(ids)

    facts = []
    for pupil in pupils:
        plan = plans.get(pupil.pk)
        cycle = open_cycles.get(pupil.pk)
        involvements = specialists.get(pupil.pk, [])
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
                meetings_this_year=meetings.get(pupil.pk, 0),
                staff_to_acknowledge=[str(person) for person in to_acknowledge.get(pupil.pk, [])],
                specialist_since=min((i.referral_date for i in involvements), default=None),
            )
        )
    return facts
