"""Every read of the graduated approach.

Functions that take ``user`` start from ``Model.objects.visible_to(user)``. Functions that take a
``pupil`` (or a cycle or plan of one) take a pupil already fetched through the scoped lookup
(``pupils.lookup.pupil_for`` / ``visible_pupil``, or ``pupils.selectors.get_visible_pupil``):
they are scoped by that pupil. Never pass them a pupil from ``Pupil.objects``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from sendsupport.accounts.models import User
from sendsupport.core.dates import in_words
from sendsupport.pupils.codes import Provision
from sendsupport.pupils.models import Pupil, PupilContact, SENNeed, SENStatus
from sendsupport.pupils.selectors import current_needs, statuses_newest_first, visible_pupils
from sendsupport.schools.models import CLASSROOM_STAFF, REGISTER_MANAGERS, Group, Role, School
from sendsupport.schools.selectors import SencoContact, named_senco, with_role_at
from sendsupport.support.choices import (
    DECISIONS_THAT_CLOSE,
    NEXT_STEPS_LEAVING_SUPPORT,
    RATINGS_CARRIED_FORWARD,
    CycleStatus,
    Decision,
    PlanStatus,
)
from sendsupport.support.models import (
    Concern,
    Correction,
    Cycle,
    Outcome,
    OutcomeBankEntry,
    OutcomeNote,
    OutcomeRating,
    ParentNotification,
    Plan,
)


def plan_review_weeks(school: Any) -> int:
    """How long a new plan runs before its review unless the SENCO chooses another date: the school's
    figure (12 weeks unless it sets another; good practice is at least termly)."""
    from sendsupport.schools.models import SchoolPolicy

    return SchoolPolicy.for_school(school).plan_review_weeks


# --- Cycles and the timeline ---------------------------------------------------------------


def timeline(pupil: Pupil) -> list[Cycle]:
    """The pupil's cycles, newest first, each with its stages loaded; a fixed number of queries.

    Only what the timeline shows is joined (not who decided or recorded, nor the concerns), and the
    outcomes and notes are counted in one grouped query rather than two subqueries a cycle: building
    those subqueries cost more than running them."""
    cycles = list(
        Cycle.objects.filter(pupil=pupil)
        .select_related("class_teacher", "assessment", "plan", "review")
        .prefetch_related(
            Prefetch("notifications", queryset=ParentNotification.objects.order_by("notified_on")),
        )
        .order_by("-number")
    )
    counts = _outcome_and_note_counts([cycle.pk for cycle in cycles])
    for cycle in cycles:
        cycle.outcome_count, cycle.note_count = counts.get(cycle.pk, (0, 0))
    return cycles


def _outcome_and_note_counts(cycle_ids: list[int]) -> dict[int, tuple[int, int]]:
    """For each cycle with outcomes: how many outcomes its plan has and how many notes they have."""
    if not cycle_ids:
        return {}
    rows = (
        Outcome.objects.filter(plan__cycle_id__in=cycle_ids)
        .order_by()
        .values_list("plan__cycle_id")
        .annotate(outcomes=Count("pk", distinct=True), notes=Count("notes"))
        .values_list("plan__cycle_id", "outcomes", "notes")
    )
    return {cycle_id: (outcomes, notes) for cycle_id, outcomes, notes in rows}


def open_concerns(pupil: Pupil) -> QuerySet[Concern]:
    """Concerns neither taken up into a cycle nor closed by the SENCO, oldest first."""
    return (
        Concern.objects.filter(pupil=pupil, cycle__isnull=True, looked_at_on__isnull=True)
        .select_related("raised_by")
        .order_by("raised_on")
    )


def concerns_of(pupil: Pupil) -> list[Concern]:
    """Every concern about the pupil, newest first, with what became of each (for staff)."""
    return list(
        Concern.objects.filter(pupil=pupil)
        .select_related("raised_by", "looked_at_by", "cycle")
        .order_by("-raised_on", "-id")
    )


def get_concern(pupil: Pupil, concern_id: int) -> Concern:
    """The pupil's concern with this id, or 404."""
    return get_object_or_404(
        Concern.objects.select_related("raised_by", "looked_at_by", "cycle"), pupil=pupil, pk=concern_id
    )


def concerns_raised_by(user: Any, school: School | None, *, limit: int = 10) -> list[Concern]:
    """The latest concerns this member of staff raised at the school, with what became of each.

    Scoped twice: raised by the user, about pupils the user may still see."""
    if school is None:
        return []
    return list(
        Concern.objects.filter(raised_by=user, pupil__in=visible_pupils(user).filter(school=school))
        .select_related("pupil", "looked_at_by", "cycle")
        .order_by("-raised_on", "-id")[:limit]
    )


CYCLE_RELATED = (
    "pupil",
    "pupil__school",
    "class_teacher",
    "assessment",
    "assessment__decided_by",
    "plan",
    "review",
    "previous",
    "closed_by",
)
# What the plan page reads of its cycle: the pupil it already has, so only these (joining the rest
# costs time to build and read for nothing).
PLAN_PAGE_RELATED = ("class_teacher", "plan", "review")


def get_cycle(pupil: Pupil, number: int, *, related: tuple[str, ...] = CYCLE_RELATED) -> Cycle:
    """The pupil's cycle with this number, or 404, with the ``related`` records joined."""
    return get_object_or_404(Cycle.objects.select_related(*related), pupil=pupil, number=number)


def cycles_of(user: Any, pupil: Pupil) -> QuerySet[Cycle]:
    """The pupil's cycles this user may see, newest first, with each plan and review."""
    return Cycle.objects.visible_to(user).filter(pupil=pupil).select_related("plan", "review").order_by("-number")


def get_outcome(user: Any, plan: Plan, outcome_id: int) -> Outcome:
    """One outcome of ``plan`` that this user may see, or 404."""
    return get_object_or_404(Outcome.objects.visible_to(user).select_related("plan"), pk=outcome_id, plan=plan)


def open_cycle(pupil: Pupil) -> Cycle | None:
    return Cycle.objects.filter(pupil=pupil, status=CycleStatus.OPEN).first()


def latest_cycle(pupil: Pupil) -> Cycle | None:
    return Cycle.objects.filter(pupil=pupil).select_related("assessment", "plan", "review").order_by("-number").first()


def outcomes_of(plan: Plan, *, with_notes: bool = True) -> list[Outcome]:
    """The plan's outcomes in order, with who is responsible, the review rating and (for staff) the notes."""
    outcomes = Outcome.objects.filter(plan=plan).select_related("responsible", "rating", "carried_from")
    if with_notes:
        outcomes = outcomes.prefetch_related(
            Prefetch("notes", queryset=OutcomeNote.objects.select_related("by").order_by("-written_on", "-id"))
        )
    return list(outcomes.order_by("position", "id"))


def ratings_of(review: Any) -> list[OutcomeRating]:
    return list(review.ratings.select_related("outcome").order_by("outcome__position", "outcome_id"))


def corrections_of(cycle: Cycle) -> list[Correction]:
    return list(cycle.corrections.select_related("by").order_by("made_on", "id"))


def notifications_of(pupil: Pupil) -> QuerySet[ParentNotification]:
    return ParentNotification.objects.filter(pupil=pupil).select_related("contact", "notified_by", "cycle")


# --- Telling the parents ---------------------------------------------------------------------


def support_started_on(pupil: Pupil) -> date | None:
    """The start of the pupil's current unbroken period on SEN support (K), or None if not on K now."""
    started = None
    for provision, start_date in statuses_newest_first(pupil):
        if provision != Provision.SEN_SUPPORT:
            break
        started = start_date
    return started


def notification_missing(pupil: Pupil) -> bool:
    """True when the pupil is on SEN support and no parent notification is recorded since it began.

    The duty in Children and Families Act 2014 s.68: a compliance gap."""
    started = support_started_on(pupil)
    if started is None:
        return False
    return not ParentNotification.objects.filter(pupil=pupil, notified_on__gte=started).exists()


def parents_with_email(pupil: Pupil) -> list[PupilContact]:
    """The pupil's parents and carers with parental responsibility and an email address."""
    return list(
        pupil.contact_links.filter(parental_responsibility=True)
        .exclude(contact__email="")
        .select_related("contact")
        .order_by("contact__last_name", "contact__first_name")
    )


def senco_for(school: School) -> SencoContact | None:
    """The SENCO the school has named on its SENCO page, for letters, plans and emails; None if none is
    named (never guessed from who holds the SENCO role: a school may have several)."""
    return named_senco(school)


def staff_at(school: School) -> QuerySet[User]:
    """Everyone who works with pupils at the school: who may be a class teacher or responsible."""
    # Annotated with each person's role so a list can say "Priya Shah (teacher)"; classroom staff first.
    return with_role_at(
        User.objects.filter(
            memberships__school=school,
            memberships__active=True,
            memberships__role__in=REGISTER_MANAGERS | CLASSROOM_STAFF,
        ).distinct(),
        school.pk,
    )


def likely_class_teacher(pupil: Pupil) -> User | None:
    """A teacher of the pupil's registration group: the default class teacher for a first cycle."""
    return next(iter(registration_group_teachers(pupil)), None)


def registration_group_teachers(pupil: Pupil) -> list[User]:
    """The teachers (not TAs) of the pupil's registration group, the pupil's own class teachers."""
    if not pupil.registration_group_id:
        return []
    return list(
        User.objects.filter(
            teaching_groups=pupil.registration_group_id,
            memberships__school=pupil.school_id,
            memberships__role=Role.TEACHER,
            memberships__active=True,
        )
        .distinct()
        .order_by("pk")
    )


def class_teacher_for_new_cycle(pupil: Pupil, *, concerns: Any = (), latest: Cycle | None = None) -> User | None:
    """Who to pre-fill as class teacher when a cycle starts: the pupil's own class teacher today.

    The last cycle's teacher may be last year's; so a teacher of the pupil's registration group
    comes first, preferring one who raised a concern being taken up, then the last cycle's teacher
    if they still teach the class. With no registration group teacher, the last cycle's teacher.
    """
    own = registration_group_teachers(pupil)
    if not own:
        return latest.class_teacher if latest is not None else None
    for preferred in [concern.raised_by_id for concern in concerns] + [latest.class_teacher_id if latest else None]:
        for teacher in own:
            if teacher.pk == preferred:
                return teacher
    return own[0]


# --- Pre-filling a new cycle from the last review -------------------------------------------


def assessment_initial(cycle: Cycle, *, today: date) -> dict[str, Any]:
    """Initial values for a cycle's assessment: the register's needs, and what the last review found."""
    needs = current_needs(cycle.pupil)
    provision = SENStatus.objects.filter(pupil=cycle.pupil).order_by("-start_date", "-id").first()
    on_support = provision is not None and provision.provision != Provision.NONE
    initial: dict[str, Any] = {
        "decided_on": today,
        "decision": Decision.CONTINUE if on_support else Decision.START,
        "primary_need": next((n.need_type for n in needs if n.rank == 1), ""),
        "secondary_need": next((n.need_type for n in needs if n.rank == 2), ""),
    }
    previous = cycle.previous
    review = getattr(previous, "review", None) if previous else None
    if review is not None:
        initial["teacher_assessment"] = (
            f"At the review of cycle {previous.number} on {in_words(review.held_on)}: {review.progress_summary}".strip()
        )
        for name in ("pupil_views", "pupil_views_absent_reason", "parent_views", "parent_views_absent_reason"):
            initial[name] = getattr(review, name)
    return initial


def carried_outcomes(cycle: Cycle) -> list[Outcome]:
    """Outcomes of the last cycle's plan to carry into this one: those not met or only partly met."""
    previous = cycle.previous
    if previous is None:
        return []
    return list(
        Outcome.objects.filter(plan__cycle=previous)
        .filter(Q(rating__rating__in=RATINGS_CARRIED_FORWARD) | Q(rating__isnull=True))
        .select_related("rating", "responsible")
        .order_by("position", "id")
    )


def plan_initial(cycle: Cycle, *, today: date) -> dict[str, Any]:
    """Initial values for a new plan: the last plan's strategies and support, and a review date."""
    initial: dict[str, Any] = {"review_date": today + timedelta(weeks=plan_review_weeks(cycle.pupil.school))}
    previous_plan = Plan.objects.filter(cycle=cycle.previous_id).first() if cycle.previous_id else None
    if previous_plan is not None:
        for name in ("strategies", "support", "at_home"):
            initial[name] = getattr(previous_plan, name)
    return initial


# --- Summaries for other pages -----------------------------------------------------------------


# --- The plan in force ------------------------------------------------------------------------
# Until a new plan is agreed, the last agreed plan stays in force: staff keep its strategies, and
# "the current plan" links lead to it. Nothing is in force once a decision took the pupil off SEN
# support (an assessment deciding to monitor or end, or a review stepping down or ending).


def _left_support_at() -> Subquery:
    """The number of the pupil's latest cycle that took them off SEN support (a subquery on a Plan)."""
    return Subquery(
        Cycle.objects.filter(pupil=OuterRef("pupil"))
        .filter(Q(assessment__decision__in=DECISIONS_THAT_CLOSE) | Q(review__next_step__in=NEXT_STEPS_LEAVING_SUPPORT))
        .order_by("-number")
        .values("number")[:1]
    )


def plans_in_force(pupils: QuerySet | list[int]) -> QuerySet[Plan]:
    """For each of ``pupils`` (ids or a values("pk") queryset), the plan in force: the newest agreed plan
    not followed by leaving SEN support. At most one per pupil; one query."""
    newest_agreed = Plan.objects.filter(pupil=OuterRef("pupil"), status=PlanStatus.AGREED).order_by("-cycle__number")
    return (
        Plan.objects.filter(pupil__in=pupils, status=PlanStatus.AGREED)
        .annotate(left_at=Coalesce(_left_support_at(), 0))
        .filter(cycle__number__gt=F("left_at"), pk=Subquery(newest_agreed.values("pk")[:1]))
        .select_related("cycle")
    )


def _cycles_of(pupil: Pupil) -> list[Cycle]:
    """All the pupil's cycles, newest first, each with its plan and review and its assessment's decision
    (``closing_decision``): one query, from which one pupil's pages work out what ``plans_in_force``
    and counting would otherwise ask for in three (a pupil has a handful of cycles a year)."""
    return list(
        Cycle.objects.filter(pupil=pupil)
        .select_related("plan", "review")
        .only(*_SUMMARY_FIELDS)
        .annotate(closing_decision=F("assessment__decision"))
        .order_by("-number")
    )


# What the pupil page's support section and the passport read of the cycles, their plans and reviews:
# the long texts of plans and reviews (but the strategies) stay unread. Reading another field of
# these rows costs a query each: add it here.
_SUMMARY_FIELDS = (
    *("id", "pupil_id", "number", "status", "opened_on", "closed_on"),
    *("plan__id", "plan__cycle_id", "plan__pupil_id", "plan__status", "plan__agreed_on", "plan__review_date"),
    *("plan__strategies", "review__id", "review__cycle_id", "review__next_step"),
)


def _in_force_among(pupil: Pupil, cycles: list[Cycle]) -> Plan | None:
    """``plans_in_force`` for one pupil, from ``_cycles_of``: the newest agreed plan, unless a cycle
    at or after it took the pupil off SEN support (an assessment deciding to monitor or end, or a
    review whose next step leaves support)."""
    newest = next(
        (
            cycle.plan
            for cycle in cycles
            if hasattr(cycle, "plan") and cycle.plan.status == PlanStatus.AGREED and cycle.plan.pupil_id == pupil.pk
        ),
        None,
    )
    if newest is None:
        return None
    left_at = next(
        (
            cycle.number
            for cycle in cycles
            if cycle.closing_decision in DECISIONS_THAT_CLOSE
            or (hasattr(cycle, "review") and cycle.review.next_step in NEXT_STEPS_LEAVING_SUPPORT)
        ),
        0,
    )
    return newest if newest.cycle.number > left_at else None


def plan_in_force(pupil: Pupil) -> Plan | None:
    return _in_force_among(pupil, _cycles_of(pupil))


def is_carried(plan: Plan) -> bool:
    """True when the plan in force belongs to a closed cycle: shown "from the plan agreed on ..."."""
    return plan.cycle.status != CycleStatus.OPEN


@dataclass
class SupportSummary:
    """What the pupil page shows about the graduated approach.

    ``plan`` is the latest cycle's own plan (draft or agreed); ``in_force`` the plan staff work to, which
    is the last agreed plan until a new one is agreed (``carried`` when it is from a closed cycle)."""

    cycle: Cycle | None
    cycle_count: int
    plan: Plan | None
    next_review: date | None
    notification_missing: bool
    open_concerns: int
    in_force: Plan | None = None

    @property
    def carried(self) -> bool:
        return self.in_force is not None and is_carried(self.in_force)


def support_summary(pupil: Pupil) -> SupportSummary:
    cycles = _cycles_of(pupil)  # the latest, the count and the plan in force from one query
    latest = cycles[0] if cycles else None
    plan = getattr(latest, "plan", None) if latest else None
    reviewed = latest is not None and hasattr(latest, "review")
    in_force = _in_force_among(pupil, cycles)
    next_review = plan.review_date if plan and latest.is_open and not reviewed else None
    return SupportSummary(
        cycle=latest,
        cycle_count=len(cycles),
        plan=plan,
        next_review=next_review,
        notification_missing=notification_missing(pupil),
        open_concerns=Concern.objects.filter(pupil=pupil, cycle__isnull=True, looked_at_on__isnull=True).count(),
        in_force=in_force,
    )


@dataclass
class TeacherPlan:
    """One pupil's plan in force as a teacher needs it: needs, outcomes and strategies."""

    pupil: Pupil
    needs: list[SENNeed]
    cycle: Cycle
    plan: Plan
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def strategies(self) -> str:
        return self.plan.strategies

    @property
    def carried(self) -> bool:
        """True when a new cycle is under way and these are the last agreed plan's strategies."""
        return is_carried(self.plan)


def plans_for_teacher(user: Any, school: School | None) -> list[TeacherPlan]:
    """The plans in force for the pupils this teacher or TA teaches or supports at ``school``, or is
    named class teacher for: each with the pupil's current needs, outcomes and strategies. Between
    cycles, or while a new plan is a draft, the last agreed plan stays in force.

    Fixed number of queries (three) whatever the number of pupils."""
    if school is None:
        return []
    taught = Group.objects.filter(staff=user, school=school).values("pk")
    pupils = (
        visible_pupils(user)
        .filter(school=school)
        .filter(
            Q(registration_group_id__in=taught)
            | Q(pk__in=Pupil.teaching_groups.through.objects.filter(group_id__in=taught).values("pupil_id"))
            | Q(support_cycles__status=CycleStatus.OPEN, support_cycles__class_teacher=user)
        )
        .values("pk")
    )
    plans = list(
        plans_in_force(pupils)
        .select_related("cycle", "cycle__class_teacher", "pupil", "pupil__registration_group")
        .prefetch_related(
            Prefetch("outcomes", queryset=Outcome.objects.select_related("responsible").order_by("position", "id")),
            Prefetch(
                "pupil__sen_needs",
                queryset=SENNeed.objects.filter(end_date__isnull=True).order_by("rank"),
                to_attr="current_needs",
            ),
        )
        .order_by("pupil__legal_last_name", "pupil__legal_first_name", "pupil_id")
    )
    return [
        TeacherPlan(
            pupil=plan.pupil,
            needs=plan.pupil.current_needs,
            cycle=plan.cycle,
            plan=plan,
            outcomes=list(plan.outcomes.all()),
        )
        for plan in plans
    ]


# --- The outcome bank --------------------------------------------------------------------------


def outcome_bank(school: School, *, area: str = "") -> list[OutcomeBankEntry]:
    """The school's outcome bank: its own entries, and the shared examples it has not replaced."""
    replaced = OutcomeBankEntry.objects.filter(school=school, based_on__isnull=False).values("based_on")
    entries = OutcomeBankEntry.objects.filter(
        Q(school=school, archived=False) | (Q(school__isnull=True) & ~Q(pk__in=replaced))
    )
    if area:
        entries = entries.filter(area=area)
    return list(entries.order_by("area", "text", "id"))


def bank_entry_for(school: School, entry_id: int) -> OutcomeBankEntry:
    """An entry the school may use or edit (its own or a shared example), or 404."""
    return get_object_or_404(
        OutcomeBankEntry.objects.filter(Q(school=school) | Q(school__isnull=True)), pk=entry_id, archived=False
    )


# --- In bulk, for the compliance engine and reports -----------------------------------------


def plans_overdue_for_review(school: School, today: date) -> QuerySet[Plan]:
    """Plans in open cycles whose review date has passed without a review (Code of Practice 6.54)."""
    return Plan.objects.filter(
        pupil__school=school, cycle__status=CycleStatus.OPEN, review__isnull=True, review_date__lt=today
    ).select_related("pupil", "cycle")
